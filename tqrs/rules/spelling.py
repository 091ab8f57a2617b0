"""Spelling: likely misspellings of English words. No network.

A word is a *likely misspelling* when it is unknown and one edit (a letter added, dropped,
changed or two swapped) away from a common English word: "adn" (and), "teh" (the), "fomr"
(from/form), "recieve". A word that is unknown and near no common word is a name, a product,
a hostname or jargon ("netsh", "scanpst", "barangay") and is not counted: counting every
unknown word flagged three clean tickets in four.

Known words: the shipped English list (tqrs/data/words.txt, from SCOWL; the British
spellings it leaves out, "aluminium", "mould", in tqrs/data/words_british.txt), IT vocabulary and
ticket shorthand (tqrs/data/it_words.txt), the IT glossary of clipped forms, command names
and jargon collected from public sources (tqrs/data/it_glossary.txt: "recalc", "deauth",
"winver", "checkin"; never a slip, inflected or behind a prefix either, but never a
correction: a word near one of them is judged as if it were not listed), and the
word-frequency dictionary of
pyspellchecker (OpenSubtitles frequencies, MIT licence), which also gives the frequency of a
suggested correction. Its Spanish, German, French, Portuguese, Italian and Dutch dictionaries
(all its languages in Latin letters but Basque and Latvian, whose lists hold English-looking
slips) tell a few words of another language in a customer's reply ("gracias", "danke",
"grazie", "werkt") from misspellings.
Contractions written without the apostrophe ("doesnt", "cant") are grammar, not spelling.

Only words of three letters or more in lower case are checked (a capitalised word is mostly
a name or a product; a line in capitals is read in lower case; a word of seven letters or
more capitalised where a sentence opens counts only as a likely misspelling), and tokens
touching digits, dots, slashes or @ are hostnames, paths or IDs. Text where fewer than half
the words are English is not English: N/A. The caller's own replies in another language
(callers_other_language) are not counted in the handling text, nor, in any text and whoever
wrote it, a sentence or clause that reads as another language inside an English line
(_other_language_spans: "Wedi profi eto o'r ddau danc arall", an analyst's Welsh note).

Words real agents write right that look like slips (read on the real exports, v44): a word
cut where its field ends (_without_cut_word: a short description of 80 or 160 characters
that stops in "... I use thi"), "e" or "i" and an English word ("ebrowser", "iexplore":
_letter_prefixed), a key or value beside "=" ("href="), a short word of a line in capitals
("NOK", "ASSY": MAX_SHOUTED_ACRONYM), and in a text with a section in another language
(_section_language: labelled "IT:", or eight of its common words) that language's words and
names in a sentence without the words only English writes (_in_section).

The rule decides when the likely misspellings settle the outcome; when words that are one
edit from a rare word (maybe typos, maybe jargon) could change it, it leaves the
criterion open to the judge, and the offline judge counts only the likely ones."""

import bisect
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

from tqrs.journal import name_key
from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.rubric import Criterion
from tqrs.rules.registry import Given, defer, result, rule
from tqrs.rules.text import (
    LIST_MARKER,
    URL_OPENING,
    forgotten_with_text_memos,
    handling_text,
    text_memo,
    ticket_text,
    without_courtesy_lines,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MIN_ENGLISH_RATIO = 0.5
MIN_WORDS_FOR_LANGUAGE = 6
LANGUAGE_SAMPLE_CHARS = 600
# A correction must be at least this common (occurrences in pyspellchecker's English list)
# for an unknown word one edit from it to count as its misspelling.
MIN_CORRECTION_FREQUENCY = 200
# A word of another language must be this common there to be taken for one ("danke",
# "cerrar"); rare entries of those lists ("adn", "apear") are English typos first.
MIN_FOREIGN_FREQUENCY = 1000
# Ticket shorthand drops a word's vowels but its first letter ("usr", "pwd rst", "temp pwd
# gvn", "nxt logon", like "pls", "msg", "mgmt"): no vowel after the first letter is shorthand
# or an acronym, not a slip (a slip keeps the vowels: "adn" is "and" swapped, _swapped).
_VOWELLESS = re.compile(r"[a-z][b-df-hj-np-tv-xz]{2,4}")
MIN_LONG_TYPO = 8
# A capitalised word where a sentence opens is checked from this length ("Happend",
# "Dispaly"; shorter ones there are mostly first names: "Shona", "Cerys", "Morag").
MIN_OPENING_TYPO = 7
# ... and from this length when it is a verb's inflection that leaves out the doubled
# consonant of its common form ("Scaned the pairing barcode", "Stoped", "Loged in":
# _undoubled), which no first name is.
MIN_OPENING_INFLECTION = 5
# A word this long with two letters in a row left out of a listed word is a typo too.
MIN_SYLLABLE_DROP = 11
# A line of a few words, most of them unknown in English and at least two common words of
# one other language ("Sí, ya me salen. Gracias, se puede cerrar."), is that language.
MIN_FOREIGN_LINE_WORDS = 3
MIN_FOREIGN_LINE_HITS = 2
# Only words this long are checked (_CANDIDATE): a shorter one is no slip of spelling.
MIN_CHECKED_WORD = 3
# ... and none longer than this: the longest listed word has 22 letters, a slip is a letter
# or two from one, a derivation or compound two of them; a longer run of letters is a hash,
# an encoding or a key held down, never a slip, and the checks for a slip cost up to the cube
# of a word's length (one word of 8,000 letters held a run for minutes).
MAX_CHECKED_WORD = 50
# A word with its contraction or possessive ending ("hasn't", "user's"), read whole. Not a
# word after an initial: the second part of a name ("E. coli", "S. aureus", a species as
# science writes it; "J. smith"); nor either side of an equals sign: a key and its value
# are code, markup's attributes or a setting ('<a href="...">', "timeout=30", "mode=auto").
_CANDIDATE = re.compile(
    rf"(?<![\w.@/\\_='-])(?<!(?<![\w.])[A-Z]\. )([a-z]{{{MIN_CHECKED_WORD},}}(?:'[a-z]{{1,2}})?)"
    r"(?![\w@/\\_=-]|\.\w)"
)
# A word with a capital that opens a sentence (a name's capital is no slip elsewhere).
_OPENING_WORD_RE = rf"[A-Z][a-z]{{{MIN_OPENING_INFLECTION - 1},}}(?![\w@/\\_'-]|\.\w)"
# A sentence opens a line (after its list markers or the time the line was written: "- ",
# "1) ", "- 1. ", "[09:00] ") or follows a full stop.
_SENTENCE_OPENING = re.compile(
    rf"(?:^[ \t]*(?:{LIST_MARKER})*(?:[\[(]?\d{{1,2}}:\d\d[\])]?)?|[.!?:]\s)\s*"
    rf"({_OPENING_WORD_RE})"
)
# The summary of a line in parts (two or more, split by a dash between spaces or a bar: a
# short description "YYH - Whitby Hostel - Kitchen tablet - Breakfest orders not showing",
# "Ecommerce - Refernce images not flowing") opens as a sentence does; the parts before it
# are names (a company, a site, an application) and stay unchecked. Only a long word one
# slip from a common one is read there (_opening_slip), so a name after a lone dash in
# running text stays unchecked.
_PART = re.compile(r"\s[-\u2013\u2014|]+\s")
# What follows a name, not a sentence's first word: a person's given name after the surname
# and a comma ("- Brogden, Judy"), a capitalised word and a colon, a field's label
# ("- Genesys ID: ...", "- Genesys CallID: ..."), or no other word on the line, a list's
# name with its number at most ("J00412 - Bartosz +48 22 000 0000").
_NAMED_AFTER = re.compile(r",\s*[A-Z][a-z]|\s+[A-Z][A-Za-z]*\s*:|[^A-Za-z]*$")
_OPENING_WORD = re.compile(_OPENING_WORD_RE)
MIN_SUMMARY_SEPARATORS = 1


def _summary_opening(line: str) -> re.Match | None:
    """The word that opens the summary of a line in parts (see _PART), if it is capitalised
    and not one of the names the parts before it hold ("HBB - All sites - Brewman ERP -
    Brewman unavailable": the application named again); None otherwise. (Read from the
    separators found: a pattern of repeated lazy parts backtracked exponentially on a line
    of many dashes.)"""
    parts = _PART.split(line)
    if len(parts) <= MIN_SUMMARY_SEPARATORS:
        return None
    m = _OPENING_WORD.match(line, len(line) - len(parts[-1]))
    if m and m[0].lower() in _ASCII_WORD.findall(line[: m.start()].lower()):
        return None
    if m and _NAMED_AFTER.match(line, m.end()):
        return None
    return m


_ANY_WORD = re.compile(r"[^\W\d_]{2,}")
_SUFFIXES = ("s", "es", "ed", "ing", "ly", "er", "ers")
_CONTRACTIONS = frozenset(
    "dont doesnt didnt cant couldnt wouldnt shouldnt wont isnt arent wasnt werent hasnt "
    "havent hadnt im ive youre youve theyre theyve thats whats theres lets shes hes wed "
    "weve ill youll itll hed shed theyll youd theyd wouldve couldve shouldve".split()
)
_OTHER_LANGUAGES = ("es", "de", "fr", "pt", "it", "nl")


def _word_list(name: str) -> list[str]:
    """The words of a word list of tqrs/data (one a line; "#" lines are comments)."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line and not line.startswith("#")]


@cache
def known_words() -> frozenset[str]:
    return frozenset(
        [*_CONTRACTIONS, *_word_list("words.txt"), *_word_list("words_british.txt"), *_it_words()]
    )


@cache
def _english():
    """pyspellchecker's English dictionary (loaded once per process, ~0.2 s)."""
    from spellchecker import SpellChecker

    # SpellChecker(language="en") as it builds it, its file parsed with orjson (the json
    # module took half the load)
    checker = SpellChecker(language=None, distance=1)
    checker.word_frequency.load_json(_resource_counts("en"))
    return checker


def _resource_counts(lang: str) -> dict[str, int]:
    """The word counts of pyspellchecker's dictionary of `lang`, as in its file."""
    import gzip
    import pkgutil

    import orjson

    return orjson.loads(
        gzip.decompress(pkgutil.get_data("spellchecker", f"resources/{lang}.json.gz"))
    )


@cache
def _other_languages() -> list[frozenset[str]]:
    """Each other language's common words (common_words_of), read from the lists shipped in
    tqrs/data (common_<lang>.txt, written by scripts/make_common_words.py from the
    installed pyspellchecker; a test checks that they still agree): reading them costs a
    few milliseconds, computing them from pyspellchecker's files ~0.7 s of CPU in every
    process that meets an unknown word (a worker, a CLI run, the benchmark's first run)."""
    return [frozenset(_word_list(f"common_{lang}.txt")) for lang in _OTHER_LANGUAGES]


def common_words_of(lang: str) -> frozenset[str]:
    """A language's common words: those pyspellchecker's dictionary counts at least
    MIN_FOREIGN_FREQUENCY times (words that differ only in case counted together, as its
    checker reads them). Read from its files directly: building the four checkers took
    ~1.5 s, most of it for the rare words, never asked here."""
    counts = _resource_counts(lang)
    if any(w != w.lower() for w in counts):
        lowered: dict[str, int] = {}
        for word, n in counts.items():
            lowered[word.lower()] = lowered.get(word.lower(), 0) + n
        counts = lowered
    return frozenset(w for w, n in counts.items() if n >= MIN_FOREIGN_FREQUENCY)


def is_known(word: str, known: frozenset[str] | None = None) -> bool:
    known = known_words() if known is None else known
    return (
        word in known
        or _inflected(word, known)
        or word in _english().word_frequency
        or any(w in known or _inflected(w, known) for w in _american(word))
    )


# British spellings read as their American form, the one the shipped list holds (VarCon, the
# British/American variant lists of SCOWL: -ise/-isation, -our, -yse, -tre, -ogue, -ll-).
_BRITISH = (
    (re.compile(r"is(e|ed|es|ing|ation|ations|ational|er|ers)$"), r"iz\1"),
    (re.compile(r"our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"([aeiou])ll(ed|ing|er|ers)$"), r"\1l\2"),
)


def _american(word: str) -> list[str]:
    """The American spellings a British-spelled word may stand for ("optimisation" ->
    "optimization", "colour" -> "color"); empty when no British ending applies."""
    return [pattern.sub(repl, word) for pattern, repl in _BRITISH if pattern.search(word)]


def _inflected(word: str, known: frozenset[str]) -> bool:
    """A regular inflection of a listed word: "rebooted", "configured" (the stem's "e"
    dropped before a vowel), "quickly". Not the slips that break the spelling rules of
    English inflection: the "e" kept before a vowel ("changeing") or dropped before "-ly"
    ("completly", "immediatly"), "-s" after a hissing sound ("acess", "switchs"), "-es"
    after none ("lookes", "failes": "-es" follows s, x, z, sh, ch or o), "-ly" after the
    "e" of "-ue" ("truely": "truly", "duly"), "-y" kept after a consonant before "-s", "-es"
    or "-ed" ("tryed", "copyed"), a consonant doubled where the common form has it single
    ("comming")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if len(stem) < MIN_INFLECTED_STEM and suffix != "s":
                continue  # "ther" is no "the" + "-er", "maly" no "ma" + "-ly"
            if suffix in _AGENT_SUFFIXES and stem + _AGENT_SUFFIXES[suffix] in known:
                continue  # the doer has its own form: "inspector", not "inspecter"
            if suffix in _VOWEL_SUFFIXES:
                if stem + "e" in known:
                    return True
                if _E_KEPT.search(stem) or _doubled_wrongly(stem, suffix):
                    continue
                if suffix == "es" and not _TAKES_ES.search(stem):
                    continue
            elif suffix == "s" and _HISSING.search(stem):
                continue
            elif suffix == "ly" and _UE_BEFORE_LY.search(stem):
                continue
            if suffix in _Y_TO_IE_SUFFIXES and _CONSONANT_Y.search(stem):
                continue  # "tried", "tries": "-y" after a consonant is "-ie" before them
            if stem in known:
                return True
    return False


_VOWEL_SUFFIXES = frozenset(s for s in _SUFFIXES if s[0] in "aeiou")
# "-er" names the doer of most verbs, but a listed "-or" form is the doer of its stem
# ("inspector", "supervisor", "collector"); where both are English the "-er" form is
# listed itself ("adviser", "protester") and never read as an inflection.
_AGENT_SUFFIXES = {"er": "or", "ers": "ors"}
MIN_INFLECTED_STEM = 3
# a stem ending in a consonant and "e" drops the "e" before a vowel ("changing"); after a
# vowel it stays ("seeing", "queueing", "dyeing"); "ie" turns to "y" before "-ing" ("dying")
_E_KEPT = re.compile(r"[b-df-hj-np-tv-xz]e$|ie$")
# "-s" after s, x, z, sh is "-es" ("accesses", "boxes", "switches")
_HISSING = re.compile(r"(?:s|x|z|sh|ch)$")
# "-es" follows those and "o" ("goes", "echoes"); after another letter it is "-s" ("looks")
_TAKES_ES = re.compile(r"(?:s|x|z|sh|ch|o)$")
# "-y" after a consonant turns to "-ie" before "-s", "-es" and "-ed" ("tries", "tried"; "tryed",
# "copyed" are slips); after a vowel it stays ("played", "buys")
_Y_TO_IE_SUFFIXES = frozenset({"s", "es", "ed"})
_CONSONANT_Y = re.compile(r"[b-df-hj-np-tv-xz]y$")
# "-ue" drops its "e" before "-ly" ("truly", "duly"); "-que" and "-gue" keep it ("uniquely")
_UE_BEFORE_LY = re.compile(r"(?<![qg])ue$")
MIN_SINGLE_FORM_FREQUENCY = 10_000


def _agent_slip(word: str) -> bool:
    """A doer written "-er" whose listed form is "-or" ("inspecter", "supervisers"), though
    another language writes the word (French "inspecter", "visiter": verbs)."""
    known = known_words()
    return any(
        word.endswith(suffix) and word[: -len(suffix)] + agent in known
        for suffix, agent in _AGENT_SUFFIXES.items()
    )


def _doubled_wrongly(stem: str, suffix: str) -> bool:
    """A stem ending in a doubled consonant whose single form, inflected, is a common word
    ("comm" + "ing": "coming")."""
    if len(stem) < 3 or stem[-1] != stem[-2] or stem[-1] in "aeiou":
        return False
    counts = _english().word_frequency.dictionary
    return counts.get(stem[:-1] + suffix, 0) >= MIN_SINGLE_FORM_FREQUENCY


@cache
def _by_prefix() -> dict[str, list[str]]:
    """The English list's words long enough for _syllable_dropped, by their first three letters."""
    index: dict[str, list[str]] = {}
    for w in known_words():
        if len(w) >= MIN_SYLLABLE_DROP + 2:
            index.setdefault(w[:3], []).append(w)
    return index


def _syllable_dropped(word: str) -> bool:
    """A long word that is a listed word with two letters in a row left out
    ("implemention" for "implementation")."""
    for w in _by_prefix().get(word[:3], ()):
        if len(w) == len(word) + 2:
            i = next(
                (i for i, (a, b) in enumerate(zip(word, w, strict=False)) if a != b), len(word)
            )
            if w[i + 2 :] == word[i:]:
                return True
    return False


def _doubling_moved(word: str) -> bool:
    """A long word that doubles the wrong letter of a listed word: one doubled letter made
    single and another doubled gives it ("reccomend" for "recommend", "accomodate" is
    _undoubled's kind)."""
    known = known_words()
    for i in range(1, len(word)):
        if word[i] != word[i - 1]:
            continue
        single = word[:i] + word[i + 1 :]
        for j in range(1, len(single)):
            if single[j] not in "aeiou" and single[j] != single[j - 1]:
                candidate = single[:j] + single[j] + single[j:]
                if candidate != word and candidate in known:
                    return True
    return False


def _undoubled(word: str) -> bool:
    """An inflection that drops the doubled consonant its English form has ("transfering",
    "occured"): the word is not listed itself but the doubled form is, and is common."""
    if word in known_words() or word in _english().word_frequency:
        return False
    freq = _english().word_frequency
    for suffix in ("ing", "ed", "er", "ers"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            doubled = stem + stem[-1] + suffix
            if doubled in known_words() and freq[doubled] >= MIN_CORRECTION_FREQUENCY:
                return True
    return False


@cache
def glossary() -> tuple[frozenset[str], frozenset[str]]:
    """The IT glossary (tqrs/data/it_glossary.txt), each section with its public source:
    (names: commands, tools, shorthand, known only as written; words: clipped forms and
    jargon of the trade, known inflected and behind a prefix too)."""
    names: set[str] = set()
    trade: set[str] = set()
    into = names
    for line in (DATA_DIR / "it_glossary.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("## names:"):
            into = names
        elif line.startswith("## words:"):
            into = trade
        elif line.strip() and not line.startswith("#"):
            into.add(line.strip())
    return frozenset(names), frozenset(trade)


# A word of the trade inflected: "-s" ("checkins", "recalcs"), and "-ed" or "-ing" after a
# form of five letters or more not ending in "s" ("deauthed", "recalcing"): a shorter form
# so inflected is mostly a slip ("conf" + "ing" for "config", "vid" + "ed").
MIN_INFLECTED_FORM = 5
# A word of the trade behind a word-forming prefix: "re" + "auth", "re" + "calc", "un" +
# "sync". The form must be this long, so that a short one does not turn a slip into a
# derivation.
MIN_GLOSSARY_STEM = 4


def _trade_form(word: str, trade: frozenset[str]) -> bool:
    if word in trade or (word.endswith("s") and word[:-1] in trade):
        return True
    return any(
        word.endswith(suffix)
        and len(stem := word[: -len(suffix)]) >= MIN_INFLECTED_FORM
        and not stem.endswith("s")
        and stem in trade
        for suffix in ("ed", "ing")
    )


def in_glossary(word: str) -> bool:
    """A form of the IT glossary: a name as written, a word of the trade also inflected
    ("deauthed", "checkins") or behind a word-forming prefix ("reauth", "unsync")."""
    names, trade = glossary()
    if word in names or _trade_form(word, trade):
        return True
    return any(
        word.startswith(prefix)
        and len(stem := word[len(prefix) :]) >= MIN_GLOSSARY_STEM
        and _trade_form(stem, trade)
        for prefix in _PREFIXES
    )


@forgotten_with_text_memos  # a bench's or a test's later run starts cold, as the first
@lru_cache(maxsize=200_000)  # bounded: a session's vocabulary of unknown words can be large
def classify(word: str) -> str:
    """ "known", "typo" (one edit from a common English word, or a long word one edit from
    a listed English word), "maybe" (one edit from a rare word only), "foreign" (a common
    word of another language) or "other" (a name, product or jargon)."""
    if len(word) > MAX_CHECKED_WORD:
        return "other"
    if in_glossary(word):  # "recalc", "deauth", "winver": IT's own words, never a slip
        return "known"
    if _undoubled(word):
        return "typo"
    if is_known(word):
        return "known"
    if (
        any(word.lower() in common for common in _other_languages())
        and not _dropped(word)
        and not _agent_slip(word)
    ):
        return "foreign"
    if _key_held(word):  # "screeenshot": English never writes a letter three times
        return "typo"
    if _derived(word) or _letter_prefixed(word):  # "untrusted"; "ebrowser", "iexplore"
        return "known"
    if _compound(word) and not _compound_slip(word):  # "playout", "uplink", "packhouse"
        return "known"
    if (
        (swap := _swapped(word))
        and not _cut_short(word) > swap
        and (len(word) > len("the") or swap >= MIN_SHORT_SWAP)
    ):  # "teh", "adn", "fomr"
        # (not a common word cut short that is commoner than the swap's word: "cust" is
        # "customer" cut, not "cuts"; "netw", "hosp", "disp" likewise)
        return "typo"
    if _VOWELLESS.fullmatch(word):  # shorthand drops the vowels: "usr", "rst", "gvn", "mgmt"
        return "other"
    if len(word) == len("the"):
        # three letters are mostly an abbreviation ("eod", "fyi", "upn"); a slip of one of
        # the commonest words ("thw", "hwo") is not, but a letter and "id" names an
        # identifier ("eid", "uid", "pid": employee, user, process id), not "did" slipped
        return (
            "typo"
            if not word.endswith("id")
            and any(n >= MIN_SHORT_CORRECTION for n in _neighbours(word).values())
            else "other"
        )
    if _end_doubled(word):  # "controll", "untill": a common word's last letter doubled
        return "typo"
    if _truncated(word):  # "incl", "recalc", "config": a common word cut short
        return "other"
    near = _neighbours(word)
    if _corrections(word, near):
        return "typo"
    if len(word) >= MIN_LONG_TYPO and _swapped(word, MIN_LISTED_FREQUENCY):
        # two letters swapped in a long word of the English list, however rare subtitles make
        # it ("aftrenoon": pyspellchecker counts "afternoon" 50 times): names and jargon are
        # rarely that close, as with a letter dropped (_corrections)
        return "typo"
    if len(word) >= MIN_SYLLABLE_DROP and _syllable_dropped(word):
        return "typo"
    if len(word) >= MIN_LONG_TYPO and _doubling_moved(word):
        return "typo"
    if len(word) >= MIN_MOVED_LETTER and _moved(word):  # "nimutes", "faluire"
        return "typo"
    if any(  # a British spelling's slip ("neigbour": "neighbor")
        n >= MIN_CORRECTION_FREQUENCY for us in _american(word) for n in _neighbours(us).values()
    ):
        return "typo"
    if len(word) >= 5 and near:  # one edit from a rare word: maybe a typo, maybe jargon
        return "maybe"
    return "other"


# Word-forming prefixes: a prefix and a listed word is a derivation the lists leave out
# ("untrusted", "repointed", "recalibrated"), not a slip. The word after it must be this long,
# so that "untill" (un + till) stays the slip it is.
_PREFIXES = (
    "re", "un", "de", "dis", "mis", "pre", "non", "sub", "co", "over", "under", "auto",
    "multi", "inter", "anti", "cross", "self", "post", "super", "micro",
)  # fmt: skip
MIN_DERIVED_STEM = 6
# A three-letter word one edit from a word this common (the, you, and, was, not, has ...)
# is that word mistyped; one edit from a rarer word it is an abbreviation ("eod": end, god).
MIN_SHORT_CORRECTION = 1_000_000
# Two letters of a three-letter word swapped are a slip of a word at least this common (the
# subtitles' count: "teh", "adn", "ues" for "use"); a rarer one is an abbreviation's letters
# ("upn", user principal name, is no "pun").
MIN_SHORT_SWAP = 10_000


def _derived(word: str) -> bool:
    """A prefix and a word of the shipped lists ("un" + "trusted"): the word itself listed,
    not an inflection that may be the slip ("re" + "maning"), and long enough that a slip
    does not make it ("de" + "sided" is "desided", a slip of "decided")."""
    known = known_words()
    return any(
        word.startswith(prefix)
        and len(stem := word[len(prefix) :]) >= MIN_DERIVED_STEM
        and stem in known
        for prefix in _PREFIXES
    )


# A letter three times in a row: English writes none, a key held down does ("screeenshot",
# "passsword"); from this length and of three letters or more, as a shorter word so written
# is emphasis ("sooo", "hmmm", "nooooo") and one letter alone a placeholder ("xxxxxxx").
_TRIPLED = re.compile(r"(.)\1\1+")
MIN_KEY_HELD = 6


def _key_held(word: str) -> bool:
    """A word with a letter written three times or more that is a known word or a compound
    of two (_compound: "screenshot") with it written twice or once."""
    if len(word) < MIN_KEY_HELD or len(set(word)) < 3 or not _TRIPLED.search(word):
        return False
    return any(
        is_known(w) or _compound(w)
        for w in (_TRIPLED.sub(r"\1\1", word), _TRIPLED.sub(r"\1", word))
    )


# A product's or a service's name made of "e" (electronic) or "i" (internet; Apple's
# naming) and an English word, as "email", "ebook" and "iphone" are: "ebrowser", "eforms",
# "erecruiting", "eprinter", "iexplore", "iflow". The word after the letter is this long and
# no function word ("iwill", "ihave": the pronoun run on is a slip of spacing); a slip
# rarely adds a letter before a word's first (_opening_slip). Not a slip of a commoner word
# ("enought": "enough", not "e" and "nought"; "istance", "iformation") nor the first letter
# held down ("iintegrated").
_NAMING_LETTERS = "ei"
MIN_NAMED_STEM = 4


def _letter_prefixed(word: str) -> bool:
    """ "e" or "i" and a word of the shipped lists (inflected too: "eforms")."""
    known = known_words()
    if (
        word[0] not in _NAMING_LETTERS
        or word[1] == word[0]
        or len(stem := word[1:]) < MIN_NAMED_STEM
        or stem in _FUNCTION_WORDS
        or not (stem in known or _inflected(stem, known))
    ):
        return False
    near = _neighbours(word)
    return not any(n > near.get(stem, 0) for w, n in near.items() if w != stem)


# Closed compounds (Merriam-Webster's "compound" entry: words written together, often
# with an adverb of place, as "checkout", "setup"; IT terms are mostly made so: "playout",
# "checkin", "backtrace", "uplink", "packhouse"): a common word and a particle after it, a
# particle and a common word of four letters or more after it, or two common words of four
# letters or more. Not a function word run on ("bandwith", "everytime", "infront"): those
# are slips of two words or of one.
_PARTICLES_AFTER = frozenset("up down in out on off over back away".split())
_PARTICLES_BEFORE = frozenset("up down out on off over back under".split())
_FUNCTION_WORDS = frozenset(
    "a an the and or but nor with without within for from of to into onto at as by in on "
    "is it its be been was were are am do does did has have had can will would should could "
    "may might must shall every each any some no not all this that these those there their "
    "them then than thank you your our my me we he she his her him they what when where "
    "which who how why also too well very just more most much many such own same so".split()
)
MIN_COMPOUND_PART = 4
MIN_COMPOUND_CHARS = 6
MIN_COMPOUND_PART_FREQUENCY = 1000


def _compound(word: str) -> bool:
    """A closed compound of two common words (see _PARTICLES_AFTER), or its plural."""
    if len(word) < MIN_COMPOUND_CHARS:
        return False
    if word.endswith("s") and _compound(word[:-1]):
        return True
    for i in range(2, len(word) - 1):
        head, tail = word[:i], word[i:]
        if head in _FUNCTION_WORDS and head not in _PARTICLES_BEFORE:
            continue
        if tail in _PARTICLES_AFTER:
            fits = len(head) >= 3
        elif head in _PARTICLES_BEFORE:
            fits = len(tail) >= MIN_COMPOUND_PART
        else:
            fits = min(len(head), len(tail)) >= MIN_COMPOUND_PART
        if fits and (tail in _PARTICLES_AFTER or tail not in _FUNCTION_WORDS):
            if _common(head) and _common(tail):
                return True
    return False


def _compound_slip(word: str) -> bool:
    """A slip that splits into two words: one edit from a very common word ("workin",
    "differrent", "relyable"), two letters of a listed word swapped ("reachbale"), or "-in"
    for "-ing" ("sketchin")."""
    known = known_words()
    if word.endswith("in") and word + "g" in known:
        return True
    if any(word[:i] + word[i + 1] + word[i] + word[i + 2 :] in known for i in range(len(word) - 1)):
        return True
    near = _neighbours(word)
    # a letter too many ("passsword", "misstaken", "flowring") needs a less common word
    return any(
        n >= MIN_SINGLE_FORM_FREQUENCY
        or (len(w) == len(word) - 1 and n >= MIN_SINGLE_FORM_FREQUENCY // 2)
        for w, n in near.items()
    )


def _common(word: str) -> bool:
    """A word of the shipped lists that is common in English (or IT vocabulary)."""
    if word in _it_words():
        return True
    counts = _english().word_frequency.dictionary
    return word in known_words() and counts.get(word, 0) >= MIN_COMPOUND_PART_FREQUENCY


@cache
def _it_words() -> frozenset[str]:
    return frozenset(_word_list("it_words.txt"))


MIN_DROPPED_LETTER = 6


def _dropped(word: str) -> bool:
    """A common English word with one letter left out or two letters swapped, though
    another language writes it so ("machin", "projet", "servie"; "compleet", "simpel",
    "middel"): in an English line, the slip (a line in that language is read as that
    language first, _foreign_line)."""
    if len(word) < MIN_DROPPED_LETTER:
        return False
    return _swapped(word) >= MIN_SINGLE_FORM_FREQUENCY or any(
        len(w) == len(word) + 1 and n >= MIN_SINGLE_FORM_FREQUENCY
        for w, n in _neighbours(word).items()
    )


def _swapped(word: str, floor: int = MIN_CORRECTION_FREQUENCY) -> int:
    """Two neighbouring letters of a common English word swapped ("teh", "adn"): the count
    of the commonest such word (0: none). `floor`: how common the word must be (1 at
    MIN_LISTED_FREQUENCY: any word of the English list, counted 1 if subtitles lack it)."""
    # (no listed word is that long: nothing to find; also checked here, not only in classify,
    # for the callers that reach this search without classify)
    if len(word) > MAX_CHECKED_WORD:
        return 0
    counts, known = _english().word_frequency.dictionary, known_words()
    return max(
        (
            n
            for i in range(len(word) - 1)
            if (w := word[:i] + word[i + 1] + word[i] + word[i + 2 :]) in known
            and (n := max(counts.get(w, 0), MIN_LISTED_FREQUENCY)) >= floor
        ),
        default=0,
    )


# The count _swapped gives a word of the English list that subtitles never use.
MIN_LISTED_FREQUENCY = 1


# A letter moved two places, or two letters one apart swapped, in a word this long
# ("nimutes", "faluire") is a slip of a common word of the English list (Damerau's
# transpositions one place further).
MIN_MOVED_LETTER = 6
MIN_MOVED_FREQUENCY = 1000


def _moved(word: str) -> bool:
    counts, known = _english().word_frequency.dictionary, known_words()
    n = len(word)
    candidates = {
        word[:i] + word[i + 2] + word[i + 1] + word[i] + word[i + 3 :] for i in range(n - 2)
    }
    for i in range(n):
        rest = word[:i] + word[i + 1 :]
        for j in (i - 2, i + 2):
            if 0 <= j <= len(rest):
                candidates.add(rest[:j] + word[i] + rest[j:])
    candidates.discard(word)
    return any(c in known and counts.get(c, 0) >= MIN_MOVED_FREQUENCY for c in candidates)


# An abbreviation cuts a word short by two letters or more ("incl", "recalc"); one letter
# short is the slip ("warehous", "workin").
MIN_ABBREVIATION_CUT = 2
MIN_ABBREVIATED_FREQUENCY = 1000


@cache
def _abbreviations() -> dict[str, int]:
    """The beginnings (four letters or more) of the common English words, each at least
    MIN_ABBREVIATION_CUT letters short of its word, with the count of the commonest word
    each begins."""
    freq = _english().word_frequency.dictionary
    out: dict[str, int] = {}
    for w, n in freq.items():
        if n >= MIN_ABBREVIATED_FREQUENCY and w.isalpha():
            for i in range(4, len(w) - MIN_ABBREVIATION_CUT + 1):
                if n > out.get(cut := w[:i], 0):
                    out[cut] = n
    return out


def _cut_short(word: str) -> int:
    """The count of the commonest word `word` abbreviates (_truncated; 0: none)."""
    return _abbreviations().get(word, 0) if _truncated(word) else 0


def _truncated(word: str) -> bool:
    """A common word cut short by two letters or more, and not one letter short of another
    ("workin" is "working" with a letter dropped), unless it is a clip of four letters and
    the word it cuts is the commoner ("prob": "problem", "probably", not "probe"; "circ",
    "elec": the desk's clipped forms, LABELLING.md rule 16)."""
    cut = _abbreviations().get(word)
    if cut is None:
        return False
    counts = _english().word_frequency.dictionary
    longer = max(counts.get(word + c, 0) for c in "abcdefghijklmnopqrstuvwxyz")
    return longer < MIN_CORRECTION_FREQUENCY or (len(word) == CLIP_LETTERS and cut > longer)


MIN_END_DOUBLED = 6


def _end_doubled(word: str) -> bool:
    """A common English word with its last consonant written twice ("controll", "untill",
    "modell"): the slip, though it also begins a longer word ("controlled"), which a clip
    would cut before the doubled letter ("contr", "ctrl"), not after it."""
    if len(word) < MIN_END_DOUBLED or word[-1] != word[-2] or word[-1] in "aeiouy":
        return False
    stem = word[:-1]
    counts = _english().word_frequency.dictionary
    return stem in known_words() and counts.get(stem, 0) >= MIN_CORRECTION_FREQUENCY


# The length of the desk's clipped forms ("prob", "circ", "elec", "info", "spec", "diag").
CLIP_LETTERS = 4


@forgotten_with_text_memos  # classify and the names' readers ask for a word's several times
@lru_cache(maxsize=20_000)
def _neighbours(word: str) -> dict[str, int]:
    """The words of the English list one edit from `word`, with their counts (one edit only,
    a few hundred strings: two edits cost 0.1 s a word); the same dict for every caller, which
    none changes. Read from the counts as `word_frequency[w]` reads them, without its per-call
    wrapping: the edits are built from the word in lower case and the list's letters, all in
    lower case (the checker is not case-sensitive), so each edit is its own lower case and is
    looked up as it is, the edits and the list's words met in one set intersection (a word's
    neighbours were most of the time of a word never seen before)."""
    if len(word) > MAX_CHECKED_WORD:  # (as in _swapped: not all callers pass classify)
        return {}
    en = _english()
    counts = en.word_frequency.dictionary
    return {k: counts[k] for k in counts.keys() & en.edit_distance_1(word)}


def _readable(text: str) -> str:
    """Lines written in capitals read in lower case ("RESET THE USER'S PASSWORD"), but for
    the words in them written with a capital and small letters: a name, as anywhere else
    (the site of "<Andover Central> TO HAVE ACCURATE COUNTRY DESCRIPTIONS")."""
    return "\n".join(_shouted_read(line) if _shouted(line) else line for line in text.split("\n"))


_LETTERS = re.compile(r"[^\W\d_]+")


def _shouted_read(line: str) -> str:
    """A line in capitals in lower case, its words in capitals and small letters kept."""
    return _LETTERS.sub(lambda m: m[0] if m[0][1:].islower() else m[0].lower(), line)


# A word of a line in capitals this short is left unchecked, as a word in capitals is
# anywhere: in such a line short words are acronyms and codes as often as words ("NOK" beside
# "OK" in a test's table, "HVAC", "ASSY", "DSUB", "ITA"), and the shipped lists know every
# short word such a line spells right; but for two letters of a common word swapped, the
# hallmark slip no acronym makes ("ADN", "TEH": _swapped, MIN_SHORT_SWAP).
MAX_SHOUTED_ACRONYM = 4


MIN_SHOUTED_LETTERS = 12
SHOUTED_SHARE = 0.8
_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LETTERS = _ASCII_UPPER + bytes(range(ord("a"), ord("z") + 1))


def _shouted(line: str) -> bool:
    """At least 12 letters, 80 % of them capitals. Counted in C for an ASCII line (where a
    letter is A-Z or a-z, as str.isalpha says); a character at a time took a sixth of
    scoring."""
    if len(line) < MIN_SHOUTED_LETTERS:
        return False
    if line.isascii():
        raw = line.encode("ascii")
        letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
        upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
    else:
        chars = [c for c in line if c.isalpha()]
        letters, upper = len(chars), sum(c.isupper() for c in chars)
    return letters >= MIN_SHOUTED_LETTERS and upper >= SHOUTED_SHARE * letters


@text_memo
def check_spelling(text: str) -> tuple[list[str], list[str], bool]:
    """(likely misspellings, words that may be misspellings, in order of appearance; whether
    the text reads as English)."""
    typos, maybe = [], []
    section = None  # the other language the text has a section in ("" none), when asked
    for block in _BLOCK_BREAK.split(text):
        raw = block.split("\n")
        lines = [_line_spelling(line) for line in raw]
        found = any(t or m for t, m in lines)
        # a paragraph in another language written one short line at a time ("- Werkt niet
        # voor het hele team"): each line is too short to tell, the paragraph is not
        if found and block.count("\n") and _foreign_line(block.replace("\n", " ")):
            continue
        for line, (line_typos, line_maybe) in zip(raw, lines, strict=True):
            if line_typos or line_maybe:
                section = _section_language(text) if section is None else section
                if section:
                    line_typos = [w for w in line_typos if not _in_section(w, line, section)]
                    line_maybe = [w for w in line_maybe if not _in_section(w, line, section)]
            typos += line_typos
            maybe += line_maybe
    return typos, maybe, reads_as_english(text, capitals_aside=True)


# A text with a section in another language (a bilingual ticket, "IT: ... EN: ...", a
# mail quoted in the caller's language) holds this many distinct common words of that
# language that English does not write; a reply of a few words ("Gracias, ya funciona")
# holds fewer.
MIN_SECTION_WORDS = 8
# The languages whose words end in a vowel English words lack: their cognates of English
# words add one ("revisione", "sensore") or turn a final "e" into another ("massivo",
# "migrato", "diodo").
_VOWEL_ENDING_LANGUAGES = frozenset({"it", "es", "pt"})


# A line that labels the section below it with its language's code (ISO 639-1 or -2: "IT:",
# "Ita:", "ES:", "DE:"; a bilingual desk writes each answer twice, "IT: ... EN: ...").
_LANGUAGE_CODES = {
    "it": "it", "ita": "it", "es": "es", "spa": "es", "de": "de", "deu": "de", "ger": "de",
    "fr": "fr", "fra": "fr", "fre": "fr", "pt": "pt", "por": "pt", "nl": "nl", "nld": "nl",
}  # fmt: skip
_LANGUAGE_LABEL = re.compile(rf"^[ \t]*({'|'.join(_LANGUAGE_CODES)})[ \t]*:[ \t]*$", re.M | re.I)


def _section_language(text: str) -> str:
    """The other language `text` has a section in (labelled so, _LANGUAGE_LABEL, or holding
    MIN_SECTION_WORDS of its common words unknown in English), "" when none."""
    label = _LANGUAGE_LABEL.search(text)
    if label:
        return _LANGUAGE_CODES[label[1].lower()]
    known = known_words()
    unknown = {w for w in _words_of(text.lower()) if w not in known}
    best, hits = "", MIN_SECTION_WORDS - 1
    for lang, common in zip(_OTHER_LANGUAGES, _other_languages(), strict=True):
        n = sum(w in common and not _inflected(w, known) for w in unknown)
        if n > hits:
            best, hits = lang, n
    return best


# A line's parts: its sentences, and the halves of a subject written in two languages
# ("INC1394633 - G PLM: problematica con file PDF / G PLM: problem with PDF file").
_LINE_PART = re.compile(r"[.!?;]+\s|\s/\s")


def _in_section(word: str, line: str, lang: str) -> bool:
    """Whether `word` of `line`, in a text with a section in `lang`, is that language's: in a
    part of the line without the words only English writes (_ENGLISH_ONLY), and _written_in
    it."""
    return _written_in(word, lang) and any(
        word in found and _ENGLISH_ONLY.isdisjoint(found)
        for found in (_words_of(part.lower()) for part in _LINE_PART.split(line))
    )


def _written_in(word: str, lang: str) -> bool:
    """Whether `word` is `lang`'s: a word of its dictionary, however rare (names too:
    "francesco", "paolo"), or a cognate of an English word with its vowel ending
    (_VOWEL_ENDING_LANGUAGES)."""
    if word in _dictionary(lang):
        return True
    known = known_words()
    return (
        lang in _VOWEL_ENDING_LANGUAGES
        and word[-1] in "aeio"
        and (word[:-1] in known or word[:-1] + "e" in known)
    )


@cache
def _dictionary(lang: str) -> frozenset[str]:
    """Every word of pyspellchecker's dictionary of `lang`, in lower case."""
    return frozenset(w.lower() for w in _resource_counts(lang))


_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")


def reads_as_english(text: str, capitals_aside: bool = False) -> bool:
    """Whether `text` reads as English: not mostly common words of one other language
    (_in_one_other_language, three words or more), and fewer than half of its first words
    (six or more) unknown to the shipped English lists (three to five words: not a line of
    another language, _foreign_line; fewer: taken as English). `capitals_aside` (spelling,
    which reads a short description alone where the export has no description): a text of
    one line is English read so and also without its words in capitals, which do not tell
    the language (acronyms, a company's name: "manifestação 00245506 cliente SHELL ENERGY DO
    BRASIL GAS LTDA"), as _reads_other_language reads them, two words then left both unknown
    in English and common words of another language being that language ("Chamado
    referente a RITM0862650.")."""
    # the language shows in the first words; reading them all doubled the rule's time.
    # Greetings and sign-offs ("Hi team,", "Kind regards") say nothing of it.
    text = without_courtesy_lines(text[: LANGUAGE_SAMPLE_CHARS * 2])
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if not _english_words(_words_of(sample.lower())):
        return False
    if not capitals_aside or _shouted(sample) or "\n" in sample.strip():
        # (a text in capitals keeps its words; a text of several lines, a description or
        # the journal, has words enough: read without its capitals, its English in capitals
        # and names would tip it, "AUGUST 2020 ELECTRIC ENERGY INTERRUPTION ..." over a mail)
        return True
    # (read with the capitals too, above: acronyms unknown in English are signs of neither
    # language, and leaving them out alone would make an Italian text with many read English)
    # another language then needs its own signs, not words English lists lack (names and
    # form labels glued together, "Name Otissa TurnerUnique ID", are no language)
    words, known = _words_of(_LETTERS.sub(_no_capitals, sample).lower()), known_words()
    return not (
        _other_languages_only(words, known)
        or _in_one_other_language(words, known)
        or (len(words) < MIN_WORDS_FOR_LANGUAGE and _foreign_line(" ".join(words)))
    )


def _no_capitals(m: re.Match) -> str:
    """A word in capitals (two letters or more: an acronym or a name) as a space."""
    return " " if len(m[0]) > 1 and m[0].isupper() else m[0]


def _english_words(all_words: list[str]) -> bool:
    """reads_as_english over the words of its sample."""
    known = known_words()
    if _in_one_other_language(all_words, known):
        return False
    if len(all_words) < MIN_WORDS_FOR_LANGUAGE:
        # a few words: another language's when most are unknown in English and two of them
        # common words of that language ("Reiniciado o PC, agora funciona.")
        return not _foreign_line(" ".join(all_words))
    most_unknown = len(all_words) * (1 - MIN_ENGLISH_RATIO)
    if len(all_words) - sum(map(known.__contains__, all_words)) <= most_unknown:
        return True
    # the shipped lists only: pyspellchecker's English list holds many foreign words
    still = sum(1 for w in all_words if w not in known and not _inflected(w, known))
    return still <= most_unknown


def _other_languages_only(found: list[str], known: frozenset[str]) -> bool:
    """Two words or more, fewer than a line of another language needs (_foreign_line), each
    unknown in English and a common word of another language."""
    return MIN_FOREIGN_LINE_HITS <= len(found) < MIN_FOREIGN_LINE_WORDS and all(
        w not in known and not _inflected(w, known) and any(w in c for c in _other_languages())
        for w in found
    )


def _in_one_other_language(found: list[str], known: frozenset[str]) -> bool:
    """Words of one other language that English happens to list too ("il", "la", "di",
    "ora", "si", "file", "client": "Reinstallato il client, ora il file si apre
    correttamente." has only three words unknown in English): none of the words only English
    writes (_ENGLISH_ONLY), two of them at least unknown in English, and mostly common words
    of that language (_mostly_one_language). Three words are enough to tell ("Riavviato il
    PC, ora funziona."); an English text, whose every word is English, never reads so, nor
    one with a single word English does not list: the other languages' lists hold English
    words too ("update", "down", "question", "change"), and "adobe update to ver.10", "ap
    down in wel 413" or "Question - sympa owner change" are English (Duke's help desk)."""
    if len(found) < MIN_FOREIGN_LINE_WORDS or not _ENGLISH_ONLY.isdisjoint(found):
        return False
    unknown = [w for w in found if w not in known and not _inflected(w, known)]
    return len(unknown) >= MIN_FOREIGN_LINE_HITS and _mostly_one_language(found, unknown)


_ASCII_WORD = re.compile(r"[a-z]{2,}")


def _words_of(lowered: str) -> list[str]:
    """_ANY_WORD's words of a text in lower case: over ASCII text, where a letter is a-z,
    the simpler pattern finds the same words in half the time."""
    return (_ASCII_WORD if lowered.isascii() else _ANY_WORD).findall(lowered)


@text_memo  # a line comes back in other tickets (templates, the desk's own phrasing)
def _line_spelling(line: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """check_spelling's (likely misspellings, words that may be misspellings) of one line of
    a text (a line in capitals read in lower case, _readable), none when the line is in
    another language. Tuples: text_memo hands them out without copying."""
    known = known_words()
    shouted = _shouted(line)
    line = _readable(line)
    if "\u2019" in line:
        line = line.replace("\u2019", "'")
    if "://" in line or "www." in line:  # a link's path and query are no words ("?oid=")
        line = _WHOLE_URL.sub(lambda m: " " * len(m[0]), line)
    found = [
        (m.start(1), m[1])
        for m in _CANDIDATE.finditer(line)  # in order
        if not shouted or len(m[1]) > MAX_SHOUTED_ACRONYM or _swapped(m[1]) >= MIN_SHORT_SWAP
    ]
    # a line in another language has no slips (below): told before its words are classified,
    # the time of most of an Italian ticket (each unknown word's neighbours are computed)
    if any(w not in known for _, w in found) and _foreign_line(line):
        return _NOTHING
    # a word of seven letters or more capitalised only because it opens a sentence
    # ("Attemped a reseal", "Persistant crash", "Happend after"): a name rarely sits one
    # edit from a common word at that length; a line of two or three capitalised words
    # alone is a name or a sign-off, no sentence ("Stefano Ricci", "Cordiali Saluti"), a
    # word before a colon a form's label ("Priorita: Media", "Richiedente: ..."), and one
    # followed by a common word of another language opens a phrase of that language ("Cordiali
    # saluti", "Distinti saluti": a sign-off)
    # (the cheap look for a long capitalised word first: most lines have none)
    if _LONG_CAPITALISED.search(line) and not _NAME_LINE.fullmatch(line):
        opening = [
            (m.start(m.lastindex or 0), w)
            for m in (*_SENTENCE_OPENING.finditer(line), _summary_opening(line))
            if m
            and not _LABEL_COLON.match(line, m.end(m.lastindex or 0))
            and not _other_language_next(line, m.end(m.lastindex or 0))
            and _opening_slip(w := m[m.lastindex or 0].lower())
        ]
        if opening:
            found = sorted(found + opening)
    # a weekday's name is capitalised by English spelling wherever it stands: a capitalised
    # word one edit from one is its slip, not a name ("on Thrusday")
    if _LONG_CAPITALISED.search(line):
        days = [
            (m.start(1), w)
            for m in _CAPITALISED_WORD.finditer(line)
            if _weekday_slip(w := m[1].lower())
        ]
        if days:
            found = sorted(set(found) | set(days))
        named = _title_case_slips(line)
        if named:
            found = sorted(set(found) | set(named))
    slips = []
    for at, w in found:
        # a possessive is read as its word ("switch's": "switch"); "hasn't" as "hasnt", a
        # contraction
        if "'" in w:
            if w.endswith("'d"):
                # a clipped past participle: the apostrophe marks the letters left out
                # ("reg'd phone", "conf'd", "appr'd"; LABELLING.md rule 16: shorthand)
                continue
            w = w[:-2] if w.endswith("'s") else w.replace("'", "")
        if w in known:
            continue
        kind = classify(w)
        if kind == "typo" and not line[:at].strip() and _first_letter_cut(w):
            continue
        if kind == "typo" or kind == "maybe":
            slips.append((at, w, kind))
    if not slips or _foreign_line(line):
        return _NOTHING
    # a sentence or clause in another language inside an English line ("Test alarm -> SMS
    # received. Wedi profi eto o'r ddau danc arall -> SMS yn cyrraedd."): its words are no
    # English slips, whoever wrote it (LABELLING.md S3, S4, rule 16)
    other = _other_language_spans(line)
    if other:
        slips = [s for s in slips if not any(a <= s[0] < b for a, b in other)]
    return (
        tuple(w for _, w, kind in slips if kind == "typo"),
        tuple(w for _, w, kind in slips if kind == "maybe"),
    )


_NOTHING: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")


def _other_language_next(line: str, at: int) -> bool:
    """Whether the word after position `at` of `line` is a common word of another language
    (classify: "foreign"; never an English one)."""
    m = _NEXT_WORD.match(line, at)
    return m is not None and classify(m[1].lower()) == "foreign"


# A whole web address, to its first space, angle bracket or double quote.
_WHOLE_URL = re.compile(rf"{URL_OPENING}[^\s<>\"]+", re.I)
_LABEL_COLON = re.compile(r"[ \t]*:")
_NAME_LINE = re.compile(r"[ \t]*[A-Z][a-z]+(?:[ \t]+[A-Z][\w'.-]*){1,2}[ \t,.]*")
# what _SENTENCE_OPENING's word needs: a capital and MIN_OPENING_INFLECTION - 1 small letters
_LONG_CAPITALISED = re.compile(rf"[A-Z][a-z]{{{MIN_OPENING_INFLECTION - 1}}}")


_CAPITALISED_WORD = re.compile(r"(?<![\w.@/\\_'-])([A-Z][a-z]{4,})(?![\w@/\\_'-]|\.\w)")
_WEEKDAYS = frozenset(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
)


@forgotten_with_text_memos  # a cold run starts without them, as classify's
@lru_cache(maxsize=20_000)  # the same capitalised words open many lines ("Please", "Hello")
def _weekday_slip(word: str) -> bool:
    """Whether a capitalised word (in lower case) is a weekday's name one edit off (a slip
    classify reads as one)."""
    return (
        word not in _WEEKDAYS
        and any(one_edit(word, day) for day in _WEEKDAYS)
        and classify(word) == "typo"
    )


def one_edit(word: str, other: str) -> bool:
    """Whether `other` is one of pyspellchecker's edits of `word` (a letter dropped, added
    or replaced, or two neighbours swapped): for a weekday, whether it is among `word`'s
    _neighbours (a lower-case ASCII word's edits are its own lower case, every weekday is
    in the English list and its letters are the list's), without building the few hundred
    edits of the word: that was a third of scoring the bench's tickets."""
    if len(word) == len(other):
        diff = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2  # two neighbours swapped
            and diff[1] == diff[0] + 1
            and word[diff[0]] == other[diff[1]]
            and word[diff[1]] == other[diff[0]]
        )
    short, long = (word, other) if len(word) < len(other) else (other, word)
    if len(long) - len(short) != 1:
        return False
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


# A name written in Title Case between two others ("Temporary Acess Pass"): the three words
# read as one name; when both beside it are English words, the name is built of English
# words (a product's or feature's name, "Temporary Access Pass", "Self Service Portal")
# and its middle word is spelled as one. A person's or a place's name ("Morag", "Cerys")
# sits beside other names, not between two English words.
_TITLE_RUN = re.compile(
    r"(?<![\w.@/\\_'-])(?=([A-Z][a-z]+) ([A-Z][a-z]{4,}) ([A-Z][a-z]+)(?![\w@/\\_'-]|\.\w))"
)


# ... and the slip is inside the word: a common word one edit away keeps its first and last
# letters ("Acess": "access"). A name made of a word and an ending differs at its end
# ("Oracle Taleo Development": "tale"), as "Brewman" or "Morag" ("moral") do.
MIN_TITLE_CORRECTION = 1000


@text_memo  # read for the line's slips (_line_spelling) and again for the ticket's names
def _title_case_slips(line: str) -> tuple[tuple[int, str], ...]:
    """(position, word in lower case) of each middle word of three Title Case words of
    `line` whose neighbours are English words and which is a typo inside the word."""
    known = known_words()
    return tuple(
        (m.start(2), w)
        for m in _TITLE_RUN.finditer(line)
        if m[1].lower() in known
        and m[3].lower() in known
        and (w := m[2].lower()) not in known
        and classify(w) == "typo"
        and any(
            n >= MIN_TITLE_CORRECTION and c[0] == w[0] and c[-1] == w[-1]
            for c, n in _neighbours(w).items()
        )
    )


@forgotten_with_text_memos  # a cold run starts without them, as classify's
@lru_cache(maxsize=20_000)  # the same words open many sentences ("Checked", "Restarted")
def _opening_slip(word: str) -> bool:
    """Whether a capitalised word where a sentence or a summary opens (in lower case) is a
    likely misspelling: a long one a typo whose correction keeps its first letter (a slip
    rarely touches the first letter; a name one letter from a word mostly differs there:
    "Brewman" is no "crewman", "Harrogate" no "arrogate"), a shorter one a verb's inflection
    without its doubled consonant ("Scaned")."""
    if len(word) < MIN_OPENING_TYPO:
        return _undoubled(word) or _past_letter_dropped(word) or _y_kept(word)
    return classify(word) == "typo" and not _first_letter_changed(word)


def _past_letter_dropped(word: str) -> bool:
    """A past tense with one letter left out ("remved", "tsted"): a common English word in
    "-ed" one letter longer, with the same first letter. Notes open with the verb, the
    subject dropped ("Checked logs. Restarted service."), and few first names end in "-ed"
    one letter short of a common past tense."""
    if not word.endswith("ed") or word in known_words() or classify(word) != "typo":
        return False
    return any(
        len(w) == len(word) + 1 and w.endswith("ed") and w[0] == word[0]
        for w, n in _neighbours(word).items()
        if n >= MIN_CORRECTION_FREQUENCY
    )


def _y_kept(word: str) -> bool:
    """A past tense that keeps the "-y" a consonant ends in ("tryed", "copyed", "replyed"):
    its "-ied" form is a common English word. No first name ends so ("Sayed" has a vowel
    before its "y")."""
    if not word.endswith("yed") or word in known_words():
        return False
    stem = word[:-2]
    return bool(_CONSONANT_Y.search(stem)) and (
        _english().word_frequency[stem[:-1] + "ied"] >= MIN_CORRECTION_FREQUENCY
    )


def _first_letter_changed(word: str) -> bool:
    """Whether every word that makes `word` a typo by one edit (_corrections) begins with
    another letter. False when classify read it otherwise (a dropped syllable, a moved
    letter)."""
    near = _corrections(word, _neighbours(word))
    return bool(near) and all(w[0] != word[0] for w in near)


def _first_letter_cut(word: str) -> bool:
    """Whether every word that makes `word` a typo by one edit is `word` with a letter
    before it ("eceived" for "received"): read where a line opens, the line lost its first
    character (an export or a mail client cut it: "eceived from: ..."), as a slip rarely
    touches the first letter (_opening_slip)."""
    near = _corrections(word, _neighbours(word))
    return bool(near) and all(len(w) == len(word) + 1 and w[1:] == word for w in near)


def _corrections(word: str, near: dict[str, int]) -> list[str]:
    """The words one edit from `word` (its _neighbours, `near`) that make it a typo: a common
    one, or for a long word a word of the English list however rare it is in subtitles
    ("initalization", "conectors": names and jargon are rarely that close), a letter dropped
    or one too many (the commonest slips; a changed letter may be a name)."""
    long = len(word) >= MIN_LONG_TYPO
    return [
        w
        for w, n in near.items()
        if n >= MIN_CORRECTION_FREQUENCY
        or (long and abs(len(w) - len(word)) == 1 and w in known_words())
    ]


def _foreign_line(line: str) -> bool:
    """Whether the line is written in another language: most of its words unknown in English
    and at least two of them common words of one other language, or written with letters
    English does not use ("systemów", "mogę": a language without a dictionary here)."""
    found = _words_of(line.lower())
    if len(found) < MIN_FOREIGN_LINE_WORDS:
        return False
    known = known_words()
    unknown = [w for w in found if w not in known and not _inflected(w, known)]
    if len(unknown) * 2 < len(found):
        return False
    if sum(not w.isascii() for w in unknown) >= MIN_FOREIGN_LINE_HITS:
        return True
    return any(
        sum(w in common for w in unknown) >= MIN_FOREIGN_LINE_HITS for common in _other_languages()
    )


# A sentence ends at a full stop, question or exclamation mark or semicolon; a clause inside
# it at a comma, a colon, an arrow, a dash between spaces or a bracket.
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)")
_CLAUSE_END = re.compile(r",|:(?=\s)|->|\u2192|=>|\s[-\u2013\u2014]\s|[()]")
# Words only English writes among the commonest (articles, pronouns, auxiliaries,
# conjunctions): an English sentence, however slipped or clipped, keeps at least one. Words
# another language writes too ("a", "i", "in", "is", "no", "am", "at", "do", "so", "was"
# ...) are left out, so that they do not make a sentence of that language English.
_ENGLISH_ONLY = frozenset(
    "the and of with for from this that these those you your they their them it its it's "
    "were been has have had are our which what when where who whom will would should could "
    "there here not but than then because about after before into onto just also can "
    "cannot did does my his her she him we us".split()
)
MIN_FAR_WORDS = 2
BESIDE_UNKNOWN_SHARE = 0.75


def _other_language_spans(line: str) -> list[tuple[int, int]]:
    """The spans of `line` written in another language: each sentence that reads so
    (_reads_other_language), a sentence beside one of those that reads so with fewer signs
    (a language runs on: "Diolch, mae'n gweithio. Pawb yn gallu cadw eto.", whose words all
    happen to sit one letter from English ones), and in the other sentences each clause that
    reads so (a line that mixes languages mixes them by sentence or by clause)."""
    bounds, start = [], 0
    for end in [m.end() for m in _SENTENCE_END.finditer(line)] + [len(line)]:
        if end > start:
            bounds.append((start, end))
            start = end
    other = [_reads_other_language(line[a:b]) for a, b in bounds]
    spans = []
    for i, (a, b) in enumerate(bounds):
        beside = (i > 0 and other[i - 1]) or (i + 1 < len(other) and other[i + 1])
        if other[i] or (beside and _reads_other_language(line[a:b], beside=True)):
            spans.append((a, b))
            continue
        at = a
        for m in [*_CLAUSE_END.finditer(line, a, b), None]:
            stop = m.start() if m else b
            if _reads_other_language(line[at:stop]):
                spans.append((at, stop))
            at = m.end() if m else b
    return spans


def reads_other_language(text: str) -> bool:
    """Whether a sentence or clause shows the signs of another language
    (_reads_other_language): a text that does not may still be names and shorthand."""
    return _reads_other_language(text)


def _reads_other_language(text: str, beside: bool = False) -> bool:
    """A sentence or clause in another language, whichever: three words or more (its first
    and those in lower case: a capital inside it marks a name), at least half of them
    unknown to the shipped English lists (shorthand without vowels, "usr", "rst", counted
    as English), none of the words only English writes (_ENGLISH_ONLY), no word that is a
    common English word with two letters swapped (the hallmark slip: "teh", "recieved"),
    and at least two words near no common English word ("ddau", "cyrraedd") beside the ones
    that happen to be one letter from one ("danc", "profi"); `beside` a sentence in another
    language, three words in four unknown instead of those two."""
    # words written with a capital inside it are names of people, places and products, and
    # words in capitals acronyms, in any language ("Unlocked Acturis user zpatel", "POZ users
    # back on MPLS"): only its first word and the words in lower case tell the language
    found = [
        w.lower()
        for i, w in enumerate(_ANY_WORD.findall(text))
        if w[0].islower() or (i == 0 and not w.isupper())
    ]
    if len(found) < MIN_FOREIGN_LINE_WORDS or not _ENGLISH_ONLY.isdisjoint(found):
        return False
    known = known_words()
    unknown = [
        w
        for w in found
        if w not in known and not _inflected(w, known) and not _VOWELLESS.fullmatch(w)
    ]
    # (a word the checker reads, of three letters or more: two letters in the other order
    # are another language's word as often as a slip, French "sa" no "as")
    if any(_swapped(w) for w in unknown if len(w) >= MIN_CHECKED_WORD):
        return False
    if _mostly_one_language(found, unknown):
        # "Hoy dos reuniones sin cortes.": "dos" and "sin" are English words too, but with
        # "hoy" they are three common words of one language, the rest unknown in English
        return True
    if len(unknown) * 2 < len(found):
        return False
    if beside:  # then the sentence needs nearly every word unknown in English
        return len(unknown) >= len(found) * BESIDE_UNKNOWN_SHARE
    far = sum(len(w) >= 3 and classify(w) in ("other", "maybe", "foreign") for w in unknown)
    return far >= MIN_FAR_WORDS


MIN_SHARED_HITS = 3


def _mostly_one_language(found: list[str], unknown: list[str]) -> bool:
    """At least three of the words common words of one other language, at least half of
    them so, one of those unknown in English ("hoy"), and at most one in four of them neither (known in
    English only: "cortes"): a sentence of that language some of whose words English writes
    too ("dos", "sin", "no", "me")."""
    if not unknown:
        return False
    rest = set(unknown)
    for common in _other_languages():
        hits = sum(w in common for w in found)
        if (
            hits >= MIN_SHARED_HITS
            and hits * 2 >= len(found)
            and any(w in common for w in rest)
            and sum(w not in common and w not in rest for w in found) * 4 <= len(found)
        ):
            return True
    return False


def misspellings(text: str) -> tuple[list[str], bool]:
    """(likely misspelled words in order of appearance, whether the text reads as English)."""
    typos, _maybe, english = check_spelling(text)
    return typos, english


_OUTCOMES = (Outcome.MET, Outcome.PARTLY_MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE)


def _band(n: int) -> Outcome:
    return Outcome.MET if n <= 1 else Outcome.PARTLY_MET if n <= 3 else Outcome.NOT_MET


def _texts(ticket: Ticket, criterion: Criterion) -> tuple[str, str, str]:
    """(the text checked, the fields it was read from, the verb that agrees with them): the
    fields named are those that hold text, so that a ticket whose export has no description
    (or no work notes) is not told of misspellings "in the short description and
    description"; all of them when none does."""
    if criterion.rule == "spelling_opening":
        text = f"{_without_cut_word(ticket.short_description)}\n{ticket.description}"
        fields = (("short description", ticket.short_description),
                  ("description", ticket.description))  # fmt: skip
    else:
        text = handling_text(ticket)
        fields = (
            ("work notes", ticket_text(ticket).work_notes),
            ("comments", ticket.comments),
            ("resolution notes", ticket.close_notes),
        )
    names = [name for name, value in fields if value.strip()] or [n for n, _ in fields]
    where = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    plural = len(names) > 1 or names[0].endswith(("notes", "comments"))
    return text, where, "are" if plural else "is"


# The lengths at which forms and exports cut a one-line field: ServiceNow's short
# description holds 160 characters, list views and their exports cut at 80 or 100, database
# columns hold 200 or 255.
CUT_LENGTHS = frozenset({80, 100, 160, 200, 255})
_LAST_WORD = re.compile(r"[A-Za-z]+$")


def _without_cut_word(line: str) -> str:
    """`line` without its last word when the field was cut there: the line fills one of
    CUT_LENGTHS and stops inside a word, the beginning of a longer word of the shipped lists
    ("... I use thi", "... has been ter", "... all the detai"); the writer typed the
    rest."""
    m = _LAST_WORD.search(line) if len(line) in CUT_LENGTHS else None
    return line[: m.start()] if m and _begins_listed_word(m[0].lower()) else line


@cache
def _listed_in_order() -> list[str]:
    return sorted(known_words())


def _begins_listed_word(cut: str) -> bool:
    """Whether `cut` is the beginning of a longer word of the shipped lists."""
    listed = _listed_in_order()
    i = bisect.bisect_right(listed, cut)
    return i < len(listed) and listed[i].startswith(cut)


_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}")
# A word written with a capital, or in capitals, inside a sentence (after a word, not where
# a sentence opens: "Recieved" there says nothing of a name).
_NAMED = re.compile(r"(?<=[\w,;)] )[A-Z](?:[a-z]{2,}|[A-Z]{2,}\b)")


def _names(ticket: Ticket, text: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(the people the ticket names and the words `text` writes only with a capital (names
    of people and places: the journal's authors among them), the words the description,
    notes, comments and close notes write with a capital or in capitals inside a sentence
    (names of products too: "the Jabra", "from SOTI") and the names of the ticket's people
    (its caller's first name in a note typed in lower case: "rang johan")), the surnames the
    description and notes write after a first name ("Dean Rowe": "rowe", an English word too),
    in lower case. Not the short description (often in title case) nor a line in capitals."""
    people = f"{ticket.caller} {ticket.opened_by} {ticket.assigned_to}".lower().split()
    known = known_words()
    written = (w.lower() for w in _CAPITALISED.findall(text))
    named = _found_in_lines(ticket, _NAMED)
    # a first name before a surname in letters English does not use, in a note typed in
    # lower case ("security, henrik sjöberg, by phone"): a name, unless a common word is one
    # letter from it ("recieved josé's mail" is the slip)
    before = (
        ()
        if text.isascii()
        else [
            w
            for w in _BEFORE_FOREIGN_NAME.findall(text.lower())
            if max(_neighbours(w).values(), default=0) < MIN_SINGLE_FORM_FREQUENCY
        ]
    )
    # a surname that is also an English word ("Dean Rowe", "Ann Bell"): the login of an
    # initial and that surname ("drowe") is a login (a name two capitals in a row write
    # inside a sentence: a first name and a surname)
    surnames = _found_in_lines(ticket, _FULL_NAME)
    # a slip inside a name built of English words ("Temporary Acess Pass") is no name
    titled = {w for line in text.split("\n") for _, w in _title_case_slips(line)}
    return (
        frozenset([*people, *(w for w in written if w not in known and w not in titled)]),
        frozenset([*people, *before, *(w for w in named if w not in known and w not in titled)]),
        frozenset(surnames),
    )


# A first name and a surname inside a sentence: two words with a capital after a word.
_FULL_NAME = re.compile(r"(?<=[a-z,;)] )[A-Z][a-z]+ ([A-Z][a-z]{3,})\b")


_BEFORE_FOREIGN_NAME = re.compile(r"\b([a-z]{3,}) (?=[a-z]*[^\x00-\x7f\W][^\W\d_]*\b)")


_FIELD_WORD = re.compile(r"[A-Za-z]{3,}")


def _found_in_lines(ticket: Ticket, pattern: re.Pattern) -> Iterator[str]:
    """What `pattern` finds, in lower case, in the lines of the description and the handling
    text not written in capitals (a line in capitals tells no name by its capitals)."""
    return (
        w.lower()
        for part in (ticket.description, handling_text(ticket))
        for line in part.split("\n")
        if not _shouted(line)
        for w in pattern.findall(line)
    )


def field_words(ticket: Ticket) -> frozenset[str]:
    """The words, in lower case, of the values the ticket's fields take from the instance's
    own lists (category, subcategory, service and its offering, configuration item,
    assignment group, company, location): the organisation's vocabulary, picked from a list
    and not typed, so no slip of the agent's ("codec" where the CI is "RVR-TX-CODEC01", a
    subcategory "Kitchen display", a group "Broadcast Engineering"). A CI's name is read in
    its runs of letters ("RVR-TX-CODEC01": rvr, codec)."""
    values = (
        ticket.category,
        ticket.subcategory,
        ticket.service,
        ticket.service_offering,
        ticket.cmdb_ci,
        ticket.assignment_group,
        ticket.company,
        ticket.location,
    )
    return frozenset(w.lower() for v in values if v for w in _FIELD_WORD.findall(v))


def _username(word: str, names: frozenset[str]) -> bool:
    """A login built from a name the ticket holds: an initial and the surname ("abrennan",
    "lhughes"), the name and an initial, or first name and surname run together."""
    return (
        word[1:] in names
        or word[:-1] in names
        or any(word[:i] in names and word[i:] in names for i in range(3, len(word) - 2))
    )


def _a_name(word: str, names: tuple[frozenset[str], ...]) -> bool:
    """A login made of a name (an initial and a surname written after a first name:
    "drowe" for Dean Rowe), a name of the ticket's people, or a name the ticket writes with a
    capital elsewhere, here in lower case ("set jabra default": capitalisation is no
    misspelling, S3)."""
    return word in names[1] or _username(word, names[0]) or word[1:] in names[2]


# A sentence of a comment: up to a full stop, a question or exclamation mark, or a line end.
_SENTENCE_BREAK = re.compile(r"[.!?;]+(?:\s+|$)|\n")


def callers_other_language(ticket: Ticket) -> frozenset[str]:
    """The words of the caller's own comments written in another language, whatever the
    language: the sentences of a comment the caller wrote (the journal's author is the
    ticket's caller) of three words or more, at least half of them unknown to the shipped
    English lists ("Funziona tutto, grazie mille.", "Pawb yn gallu cadw eto."). A reply in
    the caller's language is no misspelling (LABELLING.md S3: a few words of another language
    in a comment); the caller's English slips ("Recieved the new password, thanks") are still
    counted. Read as _line_spelling reads words (a contraction without its apostrophe)."""
    caller = name_key(ticket.caller)
    if not caller:
        return frozenset()
    known = known_words()
    out: set[str] = set()
    for entry in ticket_text(ticket).comment_entries:
        if name_key(entry.author) != caller:
            continue
        for sentence in _SENTENCE_BREAK.split(entry.text):
            lowered = sentence.lower()
            found = _words_of(lowered)
            if len(found) < MIN_FOREIGN_LINE_WORDS:
                continue
            unknown = sum(w not in known and not _inflected(w, known) for w in found)
            if unknown * 2 >= len(found):
                out.update(
                    w[:-2] if w.endswith("'s") else w.replace("'", "")
                    for w in _CANDIDATE.findall(lowered.replace("\u2019", "'"))
                )
    return frozenset(out)


def _spelling(ticket: Ticket, criterion: Criterion, offline: bool = False):
    text, where, verb = _texts(ticket, criterion)
    method = "offline" if offline else "rule"
    if not text.strip():
        return result(
            criterion,
            Outcome.NOT_APPLICABLE,
            "",
            f"The {where} {verb} empty: nothing to check.",
            method=method,
        )
    wrong, maybe, english = check_spelling(text)
    if (wrong or maybe) and criterion.rule == "spelling_handling":
        # the caller's own replies in another language (LABELLING.md S3, S4)
        other = callers_other_language(ticket)
        if other:
            wrong = [w for w in wrong if w not in other]
            maybe = [w for w in maybe if w not in other]
    if wrong or maybe:  # names are no misspellings, nor are logins made of them
        names = _names(ticket, text)
        wrong = [w for w in wrong if not _a_name(w, names)]
        maybe = [w for w in maybe if not _a_name(w, names)]
    if wrong or maybe:  # nor the words of the instance's own lists ("codec": CI "RVR-TX-CODEC01")
        listed = field_words(ticket)
        wrong = [w for w in wrong if w not in listed]
        maybe = [w for w in maybe if w not in listed]
    if not english:
        return result(
            criterion,
            Outcome.NOT_APPLICABLE,
            text.strip()[:120],
            f"The {where} {verb} not in English; the English word list does not apply.",
            method=method,
        )
    if not offline and _band(len(wrong)) is not _band(len(wrong) + len(maybe)):
        return defer(
            criterion,
            "some words may be misspellings or may be names, products or jargon, and they "
            "decide the outcome",
            applies=f"the {where} {verb} in English",
        )
    unique = list(dict.fromkeys(wrong))
    n = len(wrong)
    if n == 0:
        return result(
            criterion, _band(n), "", f"No likely misspellings in the {where}.", method=method
        )
    listed = ", ".join(repr(w) for w in unique[:10])
    return result(
        criterion,
        _band(n),
        listed,
        f"{n} likely misspelling{'s' if n > 1 else ''} in the {where}: {listed}.",
        "" if n <= 1 else "Run a spell check before saving; correct " + listed + ".",
        method=method,
    )


@rule("spelling_opening", _OUTCOMES, defers=True)
def spelling_opening(ticket: Ticket, criterion: Criterion):
    return _spelling(ticket, criterion)


@rule("spelling_handling", _OUTCOMES, defers=True)
def spelling_handling(ticket: Ticket, criterion: Criterion):
    return _spelling(ticket, criterion)


def offline_spelling(ticket: Ticket, criterion: Criterion, given: Given):
    """The offline reading of an open case: only the likely misspellings count."""
    return _spelling(ticket, criterion, offline=True)
