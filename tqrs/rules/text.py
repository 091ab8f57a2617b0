"""Text helpers the rules and the offline judge share: quoting evidence, finding phrases that
are not negated, and the ticket's text fields."""

import functools
import inspect
import re
import threading
from collections.abc import Callable, Iterator
from functools import lru_cache

from tqrs.assessable import notes_written
from tqrs.journal import HEADER, JournalEntry, parse_journal
from tqrs.lazy import cached_property
from tqrs.models import Ticket
from tqrs.rules.literals import any_of
from tqrs.rules.patterns import Caseless, within_lines

QUOTE_CHARS = 160
# A fault by its stem, whatever the ending ("Screen flickers", "froze", "dropping"): the
# offline judge's symptom cue and short_description's names-only reading.
SYMPTOM_STEMS = (
    "fail crash slow freez flicker drop disconnect lock corrupt grind jam reject bounc "
    "stop smudg streak blurr garbl distort doubl "
    # the failure an error message names ("Software caused connection abort",
    # "Connection refused"); a leak ("Rain is leaking on main DNS Server", "memory leak")
    "abort refus leak "
    # a sound that crackles or hisses
    "crackl hiss"
)
# The English words that say a thing does not happen or cannot be done, the core that the
# readings' negation sets share (tqrs.judges.signals: a symptom, a restated fault;
# tqrs.rules.summary_parts: an entry lost), each adding the words of its own purpose.
NEGATIONS = frozenset(
    "not no cannot can't cant unable doesn't doesnt won't wont isn't isnt".split()
)
_NEGATION = re.compile(
    # "no" before a number, or after what is numbered ("staff no + DOB verified", "cb dir
    # no"), is the numero ("staff no 41902"), not a negation
    r"\b(not|(?<!staff )(?<!employee )(?<!student )(?<!payroll )(?<!badge )(?<!personnel )"
    r"(?<!contractor )(?<!id )(?<!directory )(?<!dir )(?<!tel )(?<!contact )"
    r"no(?!\.? ?#?\d)|never|unable|cannot|can't|couldn't|could not|without|"
    r"failed to|didn't|did not|wasn't|was not|pending)\b[^.;\n]{0,25}\Z",
    re.I,
)
_PLACEHOLDERS = {"", "none", "n/a", "na", "-", "--", "unknown", "tbd", "null", "?", "other:"}
_WORD = re.compile(r"[a-z0-9]+")


# How many distinct arguments a text_memo function keeps: the lines and fields of a few
# thousand tickets (a session repeats many: templates, closing phrases, the same symptom);
# a text longer than TEXT_MEMO_CHARS is not kept (memory stays bounded, ~16 MB a function,
# whatever the export; long texts rarely come back).
TEXT_MEMO_SIZE = 16384
TEXT_MEMO_CHARS = 1000


_MEMOS: list = []  # every text_memo's cache, for clear_text_memos


def clear_text_memos() -> None:
    """Forget every remembered answer of text_memo functions and of normalise (tests that
    score a ticket with cold caches)."""
    normalise.cache_clear()
    for cached in _MEMOS:
        cached.cache_clear()


def forgotten_with_text_memos(cached: Callable) -> Callable:
    """Register `cached` (a functools cache of answers read from text: spelling's word
    classes) to be emptied by clear_text_memos too; returns it."""
    _MEMOS.append(cached)
    return cached


def text_memo(func: Callable) -> Callable:
    """`func`, a pure function of its (string) arguments, remembering its last TEXT_MEMO_SIZE
    answers for a first argument of up to TEXT_MEMO_CHARS characters: the same line or
    field met again costs a dictionary look-up instead of its regexes. A list in the answer
    (or in a tuple answer) is copied for each caller, so that one caller changing it cannot
    change what another gets; a function whose return annotation names no list (checked
    when decorated; none counts as a list) answers without that check, which took half the
    time of a remembered answer."""
    cached = lru_cache(maxsize=TEXT_MEMO_SIZE)(func)
    _MEMOS.append(cached)
    returns = func.__annotations__.get("return")
    copies = returns is None or "list" in str(returns)
    wrapper = _exact_wrapper(func, cached, copies)
    if wrapper is None:
        if not copies:

            @functools.wraps(func)
            def wrapper(*args, **kwargs):
                if len(args[0]) > TEXT_MEMO_CHARS:
                    return func(*args, **kwargs)
                return cached(*args, **kwargs)

        else:

            @functools.wraps(func)
            def wrapper(*args, **kwargs):
                if len(args[0]) > TEXT_MEMO_CHARS:
                    return func(*args, **kwargs)
                return _copied(cached(*args, **kwargs))

    wrapper.cache_clear = cached.cache_clear
    wrapper.cache_info = cached.cache_info
    return wrapper


def last_memo(func: Callable) -> Callable:
    """`func`, remembering per thread the last answer it gave: asked again of the same object
    (by identity) with equal other arguments, it answers without calling `func`. For what
    the rules of one ticket ask one after the other (tqrs.engine.stages scores a ticket's
    rules together): a ticket's texts, readings of one of them. The memo holds the object,
    so that its id cannot be reused meanwhile; an object changed in place after being asked
    is not read again (tickets are not changed while scored)."""
    last = _Last()

    if len(inspect.signature(func).parameters) == 1:

        def wrapper(obj):  # a function of one object (most): no arguments packed
            kept = last.kept
            if kept[0] is obj:
                return kept[2]
            answer = func(obj)
            last.kept = (obj, (), answer)
            return answer

    else:

        def wrapper(obj, *args):
            kept = last.kept
            if kept[0] is obj and kept[1] == args:
                return kept[2]
            answer = func(obj, *args)
            last.kept = (obj, args, answer)
            return answer

    return functools.wraps(func)(wrapper)


class _Last(threading.local):
    """A last_memo's (object, other arguments, answer), one per thread; none at first."""

    kept = (object(), (), None)  # an object no caller holds


def _copied(found):
    """`found` with a list in it (or itself a list) copied."""
    kind = type(found)
    if kind is list:
        return found.copy()
    if kind is tuple and list in map(type, found):
        return tuple(x.copy() if type(x) is list else x for x in found)
    return found


def _exact_wrapper(func: Callable, cached: Callable, copies: bool) -> Callable | None:
    """text_memo's wrapper for a function of one text (most memos): the argument passed on
    as it is, without packing *args and **kwargs (a third of a remembered answer's cost;
    these functions are called dozens of times a ticket). None for any other function."""
    params = list(inspect.signature(func).parameters.values())
    if len(params) != 1 or params[0].kind is not params[0].POSITIONAL_OR_KEYWORD:
        return None
    if params[0].default is not params[0].empty:
        return None
    if copies:

        def wrapper(text):
            return func(text) if len(text) > TEXT_MEMO_CHARS else _copied(cached(text))

    else:

        def wrapper(text):
            return func(text) if len(text) > TEXT_MEMO_CHARS else cached(text)

    return functools.wraps(func)(wrapper)


def is_blank(value: str | None) -> bool:
    """Empty or a placeholder such as N/A, none, unknown, TBD."""
    return (value or "").strip().lower() in _PLACEHOLDERS


def quote(text: str, start: int = 0, end: int | None = None, width: int = QUOTE_CHARS) -> str:
    """The sentence or line around text[start:end], trimmed to `width` characters."""
    if not text:
        return ""
    end = start if end is None else end
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1, 0)
    right_nl = text.find("\n", end)
    right = len(text) if right_nl < 0 else right_nl
    snippet = text[left:right].strip()
    if right_nl >= 0 and _LABEL_HEAD.fullmatch(snippet):
        # a label alone on its line ("EN:", "Resolution notes:"): its content is the next
        # line that holds words, which is what decided
        for line in text[right_nl + 1 :].split("\n"):
            if line.strip():
                snippet = line.strip() if has_content_word(line) else snippet
                break
        start = left = 0
    if len(snippet) > width:
        offset = max(0, start - left - width // 3)
        snippet = ("…" if offset else "") + snippet[offset : offset + width].strip() + "…"
    return snippet


# A word of content: two letters or more and letters alone (a number, an id such as
# "INC1389387", "clie_cd_id" or "0x8007", a value, is none), not a word only joining others.
_LETTER_RUN = re.compile(r"(?<![\w])[^\W\d_]{2,}(?![\w])")
_JOINING_WORDS = frozenset(
    # English (not "in" and "on", which tell a state alone: "In." for signed in); the
    # articles, prepositions and conjunctions of Portuguese, Spanish, Italian, French and
    # German that the desks' exports hold (a SQL line's "and ... = '0001'")
    "an the and or of to at for by with from as is are was be "
    "os as um uma de do da dos das em no na nos nas ou el la los las un una del en al y "
    "il lo gli le di della dei con per et du des und der die das den mit".split()
)


def has_content_word(text: str) -> bool:
    """Whether `text` holds a word of content (_LETTER_RUN, not a joining word): "100",
    "1559", "INC1389387" or "and forn_cd_id = '0001'" hold none, in any language."""
    return any(m.group().lower() not in _JOINING_WORDS for m in _LETTER_RUN.finditer(text))


# A line's head that labels what follows ("EN:", "ORG:", "Resolution notes:", "Caller -"):
# a few words then a colon (or a dash), before the line's content.
_LABEL_HEAD = re.compile(r"^\W*[^\W\d_][\w .&/()'-]{0,30}?\s*(?::|\s[-\u2013](?:\s|$))\s*")
# The English words a greeting opens with ("Hi Sam,", "Dear Service Desk,", "Good morning
# all"): the one list that tqrs.judges.signals (a greeting opening a text or a line) and
# tqrs.judges.confirmation (a greeting line around a reply) read.
GREETING_WORDS = r"hi|hello|hey|dear|hiya|good (?:morning|afternoon|evening)"
# A greeting alone ("Hello,", "Hi team!", "Dear John,", "Olá,", "Bom dia", "Buongiorno"):
# courtesy, nothing a verdict rests on.
_GREETING_ONLY = re.compile(
    rf"^\W*(?:{GREETING_WORDS}|greetings|ol[áa]|"
    r"oi|bom dia|boa tarde|boa noite|prezad[oa]s?|caro|cara|buongiorno|buonasera|salve|"
    r"hola|buenos d[íi]as|buenas tardes|estimad[oa]s?|bonjour|hallo|guten (?:tag|morgen))\b"
    r"[^\n,!:.]{0,30}[,!:.]?\s*$",
    re.I,
)


def with_shown_evidence(evidence: str, reasoning: str) -> tuple[str, str]:
    """(evidence, reasoning) as a verdict shows them: a quote that says nothing
    (says_something) is no evidence; the reasoning says that no words of content decided
    the verdict instead of quoting a label, a greeting or a number."""
    if not evidence or says_something(evidence):
        return evidence, reasoning
    shown = evidence.strip()[:40]
    return "", (
        f"{reasoning.rstrip()} (No words of content decided this: the passage found, "
        f"{shown!r}, is only a label, a greeting, a number or an id.)"
    )


def says_something(evidence: str) -> bool:
    """Whether an evidence quote shows words a verdict can rest on: not a label alone
    ("EN:", "ORG:"), a greeting ("Hello,"), a number, an id or punctuation."""
    text = evidence.strip()
    return not (
        _LABEL_HEAD.fullmatch(text) or _GREETING_ONLY.match(text) or not has_content_word(text)
    )


def iter_affirmed(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """Matches of `pattern` that are not negated just before them ("could not be validated",
    "not confirmed")."""
    for m in pattern.finditer(text):
        if not _NEGATION.search(text, max(0, m.start() - 40), m.start()):
            yield m


def find_affirmed(pattern: re.Pattern, text: str) -> re.Match | None:
    return next(iter_affirmed(pattern, text), None)


def affirmed_by_line(pattern: re.Pattern | Caseless, text: str) -> list[re.Match]:
    """The matches of iter_affirmed over `text`, found line by line, each line's answer
    remembered (text_memo: tickets share lines): a match's string is its line and its
    positions are in that line. The same matches as over the whole text when the pattern
    cannot match a line break (tqrs.rules.patterns.within_lines), since a negation is read
    in the match's line; else read over the whole text, positions in it."""
    if "\n" not in text or not _line_by_line(pattern):
        return list(iter_affirmed(pattern, text))
    found = []
    for line in text.split("\n"):
        found += _affirmed_in_line(line, pattern)
    return found


@lru_cache(maxsize=1024)
def _line_by_line(pattern: re.Pattern | Caseless) -> bool:
    flags = pattern.flags if isinstance(pattern, re.Pattern) else 0
    return within_lines(pattern.pattern, flags)


def found_by_line(pattern: re.Pattern | Caseless, text: str) -> bool:
    """Whether `pattern` finds a match in `text`, read line by line, each line's answer
    remembered (text_memo: the lines of openings come back in other tickets). Equal to
    `pattern.search(text)` for a pattern that cannot match a line break
    (tqrs.rules.patterns.within_lines), which its callers assert or argue."""
    if "\n" not in text:
        return _found_in_line(text, pattern)
    return any(_found_in_line(line, pattern) for line in text.split("\n"))


@text_memo  # a line of a text, remembered
def _found_in_line(line: str, pattern: re.Pattern | Caseless) -> bool:
    return pattern.search(line) is not None


@text_memo  # a line of a text, remembered
def _affirmed_in_line(line: str, pattern: re.Pattern | Caseless) -> list[re.Match]:
    return list(iter_affirmed(pattern, line))


# "no." for number after what is numbered (not after a word of saying: "she said no."),
# before the number or where the number is kept ("staff no. KQF-0388", "branch no.
# (directory)", "gate lodge no. in directory"): no sentence ends there.
_NUMBER_NO = (
    r"(?<=[a-z] )(?<!said )(?<!says )(?<!is )(?<!was )(?<!answer )no\. "
    r"(?=[a-z-]*\d|\(|(?:in|on|from|per) (?:the |our )?(?:directory|file|record|hr|list)\b)"
)


# "Confirmed" as notes clip it: with a vowel kept ("conf'd", "confd", "cnf'd", "cnfrmd") or
# with its vowels dropped ("cfmd", "cfm'd", "cnfmd", "cfrmd": "usr cfmd login OK", "ID cfmd
# w/ DOB"). One spelling for the shorthand table below and for readers that keep a line's
# case (tqrs.judges.confirmation); the literals are what every match holds.
CONFIRMED_SHORTHAND = r"\b(?:conf'?d|cnfrmd|cnf'?d|confd|cfmd|cfm'd|cnfmd|cfrmd)\b"
CONFIRMED_SHORTHAND_LITERALS = ("conf'", "confd", "cnf", "cfm", "cfrm")

# Ticket shorthand, as service desks write it (sources: tests/eval_set/SOURCES.md and
# tqrs/rules/PHRASES.md), spelled out so that one pattern reads both: "ID verified w/ Okta
# push", "acct locked", "reset pwd". Applied to a lower-case copy, word by word, so that a
# line keeps its place (evidence is quoted from the original line).
_SHORTHAND = (
    (re.compile(r"\bw/(?=\s|\w)"), "with "),
    (re.compile(r"\bw/o\b"), "without"),
    (re.compile(r"\b(?:acct|acc)\b"), "account"),
    (re.compile(r"\b(?:pwd|pw|pswd|passwd)\b"), "password"),
    (re.compile(r"\bthru\b"), "through"),
    (re.compile(r"\b(?:emp|empl)\.?\s*(?:id|no\.?|#)"), "employee id"),
    (re.compile(r"\b(?:dob|d\.o\.b\.)"), "date of birth"),
    (re.compile(r"\bu/n\b"), "username"),
    (re.compile(r"\b(security|secret|identity|verification|challenge) q'?s\b"), r"\1 questions"),
    (re.compile(r"\bcan'?t\b"), "cannot"),
    (re.compile(r"\b(is|was|has|have|had|does|did|could|would)n'?t\b"), r"\1 not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"[\u2019\u2018]"), "'"),
    # terse notes ("pwd rst in AD", "temp pwd gvn, chg at nxt logon. usr in") and chat
    # shorthand (public abbreviation lists; scripts/eval_robustness.py)
    (re.compile(r"\brst\b"), "reset"),
    (re.compile(r"\bgvn\b"), "given"),
    (re.compile(r"\bchg\b"), "change"),
    (re.compile(r"\busr\b"), "user"),
    (re.compile(r"\b(?:cx|cust)\b"), "customer"),
    (re.compile(r"\bnxt\b"), "next"),
    (re.compile(r"\b(?:reinst|re-inst)\b"), "reinstalled"),
    (re.compile(r"\b(?:pls|plz)\b"), "please"),
    (re.compile(r"\b(?:thx|thnx|tks)\b"), "thanks"),
    (re.compile(r"\busrs\b"), "users"),
    (re.compile(r"\bb/c\b"), "because"),
    (re.compile(r"\bapprox\b\.?"), "approximately"),
    (re.compile(r"\bmsgs?\b"), "message"),
    # validation as notes typed on a phone write it ("id vrfd w duo", "duo ok'd", "valid: emp
    # id + dob vs hr", "cb to reg mob", "sec qs ok"): the shorthand of public help-desk note
    # guides and ticket templates (PHRASES.md); after the patterns above ("w/", "emp id")
    (re.compile(r"\b(?:vrfd|vfd|vrf'?d|ver'?d|verif'?d|vfy'?d|vrfy'?d)\b"), "verified"),
    (re.compile(r"\bvalid(?=\s*:)|\bvld\b|\bval'?d\b"), "validated"),
    (re.compile(r"\bidv\b"), "identity verification"),
    (re.compile(r"\bid'e?d\b"), "identified"),  # "caller ID'd via emp no + DOB"
    (re.compile(r"\b(?:ok'?d|ok'ed|okayed)\b"), "approved"),
    (re.compile(r"\b(?:accptd|acptd|accpt'?d)\b"), "accepted"),
    (re.compile(r"\b(?:apprvd|aprvd|appr'?d)\b"), "approved"),
    (re.compile(CONFIRMED_SHORTHAND), "confirmed"),
    (re.compile(r"\b(?:auth'?d|authd|authed)\b"), "authenticated"),
    (re.compile(r"\b(?:chkd|chk'?d|ckd)\b"), "checked"),
    (re.compile(r"\bchk\b"), "check"),
    (re.compile(r"\bdir\.?(?= (?:no|number)\b| ?#)"), "directory"),
    (re.compile(_NUMBER_NO), "number "),  # "staff no. KQF-0388": no sentence ends there
    (re.compile(r"\b(?:cb|c/b)(?= (?:to|on|via|directory)\b)"), "call-back"),
    (re.compile(r"\breg(?:'d)? (?=(?:mob|mobile|phone|number|no|cell|e-?mail)\b)"), "registered "),
    (re.compile(r"\bmob\b"), "mobile"),
    (re.compile(r"\bmgr\b"), "manager"),
    (re.compile(r"\bsec(?:urity)? (?:q'?s|qs|questions?)\b"), "security questions"),
    # the consonant skeletons of terse notes ("acct unlkd in AD", "usr lckd"; LABELLING.md,
    # Logging audit rule 16 counts them shorthand)
    (re.compile(r"\b(?:unlkd|unlckd|unlk'd|unlck'd)\b"), "unlocked"),
    (re.compile(r"\b(?:lckd|lck'd)\b"), "locked"),
)


_AUXILIARIES = ("is", "was", "has", "have", "had", "does", "did", "could", "would")
# What every match of a _SHORTHAND pattern holds, by the pattern's text: a pattern is not run
# over text that holds none of these (a miss is an `in` test instead of a regex pass; most
# tickets hold no shorthand, and the 12 passes were a fifth of scoring). A pattern missing
# here, or edited since, is always run.
_LITERALS = {
    r"\bw/(?=\s|\w)": ("w/",),
    r"\bw/o\b": ("w/o",),
    r"\b(?:acct|acc)\b": ("acc",),
    r"\b(?:pwd|pw|pswd|passwd)\b": ("pw", "pswd", "passwd"),
    r"\bthru\b": ("thru",),
    r"\b(?:emp|empl)\.?\s*(?:id|no\.?|#)": ("emp",),
    r"\b(?:dob|d\.o\.b\.)": ("dob", "d.o.b."),
    r"\bu/n\b": ("u/n",),
    r"\b(security|secret|identity|verification|challenge) q'?s\b": (" q",),
    r"\bcan'?t\b": ("cant", "can't"),
    r"\b(is|was|has|have|had|does|did|could|would)n'?t\b": (
        "n't",
        *(f"{a}nt" for a in _AUXILIARIES),
    ),
    r"\bwon'?t\b": ("wont", "won't"),
    r"[\u2019\u2018]": ("\u2019", "\u2018"),
    r"\brst\b": ("rst",),
    r"\bgvn\b": ("gvn",),
    r"\bchg\b": ("chg",),
    r"\busr\b": ("usr",),
    r"\b(?:cx|cust)\b": ("cx", "cust"),
    r"\bnxt\b": ("nxt",),
    r"\b(?:reinst|re-inst)\b": ("inst",),
    r"\b(?:pls|plz)\b": ("pls", "plz"),
    r"\b(?:thx|thnx|tks)\b": ("thx", "thnx", "tks"),
    r"\busrs\b": ("usrs",),
    r"\bb/c\b": ("b/c",),
    r"\bapprox\b\.?": ("approx",),
    r"\bmsgs?\b": ("msg",),
    r"\b(?:vrfd|vfd|vrf'?d|ver'?d|verif'?d|vfy'?d|vrfy'?d)\b": (
        "vrf",
        "vfd",
        "vfy",
        "verd",
        "ver'd",
        "verifd",
        "verif'd",
    ),
    r"\bvalid(?=\s*:)|\bvld\b|\bval'?d\b": ("valid:", "valid :", "vld", "vald", "val'd"),
    r"\bidv\b": ("idv",),
    r"\bid'e?d\b": ("id'd", "id'ed"),
    r"\b(?:ok'?d|ok'ed|okayed)\b": ("okd", "ok'd", "ok'ed", "okayed"),
    r"\b(?:accptd|acptd|accpt'?d)\b": ("accptd", "acptd", "accpt"),
    r"\b(?:apprvd|aprvd|appr'?d)\b": ("apprvd", "aprvd", "appr"),
    CONFIRMED_SHORTHAND: CONFIRMED_SHORTHAND_LITERALS,
    r"\b(?:auth'?d|authd|authed)\b": ("auth'", "authd", "authed"),
    r"\b(?:chkd|chk'?d|ckd)\b": ("chk", "ckd"),
    r"\bchk\b": ("chk",),
    r"\bdir\.?(?= (?:no|number)\b| ?#)": ("dir",),
    _NUMBER_NO: ("no.",),
    r"\b(?:cb|c/b)(?= (?:to|on|via|directory)\b)": ("cb ", "c/b "),
    r"\breg(?:'d)? (?=(?:mob|mobile|phone|number|no|cell|e-?mail)\b)": ("reg ", "reg'd "),
    r"\bmob\b": ("mob",),
    r"\bmgr\b": ("mgr",),
    r"\bsec(?:urity)? (?:q'?s|qs|questions?)\b": ("sec q", "security q"),
    r"\b(?:unlkd|unlckd|unlk'd|unlck'd)\b": ("unl",),
    r"\b(?:lckd|lck'd)\b": ("lckd", "lck'd"),
}
_GUARDED_SHORTHAND = tuple((p, repl, _LITERALS.get(p.pattern)) for p, repl in _SHORTHAND)
# Every pattern's literals in one scan (most lines hold none); None when a pattern is always
# run (no literals), which the scan could not answer for.
_SHORTHAND_LITERAL = (
    any_of(w for _, _, literals in _GUARDED_SHORTHAND for w in literals)
    if all(literals is not None for _, _, literals in _GUARDED_SHORTHAND)
    else None
)


# "emp" or "empl" at the end of a line: the employee-id pattern may match across the line
# break ("emp\nid"), so such a text is normalised whole.
_ACROSS_LINES = re.compile(r"empl?\.?\s*\n")


@lru_cache(maxsize=4096)  # several rules read the same field of the same ticket
def normalise(text: str) -> str:
    """`text` in lower case with ticket shorthand and contractions spelled out ("w/" ->
    "with", "acct" -> "account", "pwd" -> "password", "DOB" -> "date of birth", "hasn't" ->
    "has not"); line breaks are kept, so line i of the result is line i of the text. The
    patterns apply in turn, each to the text the previous ones left.

    Done line by line, each line with its line break (`_normalise_piece`, remembered: the
    opening, the journal and the whole text of a ticket share their lines, and tickets
    share many). The same as over the whole text: no pattern matches across a line break
    (but the employee-id one, hence _ACROSS_LINES), a line break is kept with the line
    before it (what a pattern sees after a line's end), and no pattern looks before a
    line's start but \\b, which a line break and a text's start both satisfy."""
    if not normalised_by_line(text):
        return _normalise_piece(text)
    lines = text.split("\n")
    last = lines.pop()
    return "".join([*(_normalise_line(f"{line}\n") for line in lines), _normalise_line(last)])


def normalised_by_line(text: str) -> bool:
    """Whether `normalise` reads `text` line by line (each line with its line break, see
    there), rather than whole."""
    return "\n" in text and not _ACROSS_LINES.search(text.lower())


def _normalise_piece(text: str) -> str:
    out = text.lower()
    if _SHORTHAND_LITERAL is not None and not _SHORTHAND_LITERAL.search(out):
        return out  # no pattern's literal: none runs, and none changes the text for the next
    for pattern, repl, literals in _GUARDED_SHORTHAND:
        if literals is None or any(map(out.__contains__, literals)):
            out = pattern.sub(repl, out)
    return out


_normalise_line = text_memo(_normalise_piece)  # a line of a text, remembered


def iter_normalised_lines(text: str) -> Iterator[tuple[str, str]]:
    """(normalised line, original line) for each non-blank line of `text`."""
    for line, original in zip(normalise(text).split("\n"), text.split("\n"), strict=True):
        if line.strip():
            yield line, original


def negated(line: str, start: int) -> bool:
    """Whether the phrase at `line[start:]` is negated just before it ("not validated")."""
    return bool(_NEGATION.search(line, max(0, start - 40), start))


def strip_journal_headers(text: str) -> str:
    """Journal text without its `date - author (Work notes)` header lines."""
    return HEADER.sub("", text) if text else ""


def _as_written(text: str) -> str:
    return text


def _put_together(opening: str, handling: str) -> str:
    """A ticket's whole text: its opening, then its handling, those written."""
    return "\n".join(x for x in (opening, handling) if x.strip())


class TicketText:
    """A ticket's texts as the rules read them, each computed once."""

    def __init__(self, ticket: Ticket):
        self.ticket = ticket

    @cached_property
    def work_note_entries(self) -> list[JournalEntry]:
        return parse_journal(self.ticket.work_notes, "Work notes")

    @cached_property
    def comment_entries(self) -> list[JournalEntry]:
        """The entries of the additional comments (customer-visible), read once."""
        return parse_journal(self.ticket.comments, "Additional comments")

    @cached_property
    def work_notes(self) -> str:
        """Work notes without journal headers."""
        return "\n\n".join(e.text for e in self.work_note_entries)

    @cached_property
    def handling_fields(self) -> tuple[str, ...]:
        """The work notes, the comments (headers removed) and the close notes that are
        written, each a text of its own."""
        return self.handling_fields_read(_as_written)

    def handling_fields_read(self, read: Callable[[str], str]) -> tuple[str, ...]:
        """`handling_fields` with `read` applied to each text first: each work-note entry,
        the comments (their journal headers still in, so that they part what `read` reads)
        and the close notes."""
        t = self.ticket
        work_notes = (
            self.work_notes
            if read is _as_written
            else "\n\n".join(read(e.text) for e in self.work_note_entries)
        )
        fields = (work_notes, strip_journal_headers(read(t.comments)), read(t.close_notes))
        return tuple(x for x in fields if x)

    @cached_property
    def handling(self) -> str:
        """What the analysts wrote while working the ticket, headers removed."""
        return "\n".join(self.handling_fields)

    @cached_property
    def opening(self) -> str:
        return self.opening_read(_as_written)

    def opening_read(self, read: Callable[[str], str]) -> str:
        """`opening` with `read` applied to the description."""
        return f"{self.ticket.short_description}\n{read(self.ticket.description)}"

    @cached_property
    def all(self) -> str:
        return _put_together(self.opening, self.handling)

    def all_read(self, read: Callable[[str], str]) -> str:
        """`all` with `read` applied to each text before it is put together
        (opening_read, handling_fields_read): a reading of whole texts, such as joining
        the lines a fixed width wrapped (tqrs.rules.line_wrap), never across two texts."""
        return _put_together(self.opening_read(read), "\n".join(self.handling_fields_read(read)))

    @cached_property
    def all_lower(self) -> str:
        return self.all.lower()


@last_memo  # every rule and heuristic of one ticket asks for it, one ticket after the other
def ticket_text(ticket: Ticket) -> TicketText:
    """The TicketText of this ticket object."""
    return TicketText(ticket)


def handling_text(ticket: Ticket) -> str:
    return ticket_text(ticket).handling


def all_text(ticket: Ticket) -> str:
    return ticket_text(ticket).all


@text_memo  # a line or a note, remembered: readers of one ticket and tickets share them
def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


# The endings a light stem cuts off, the first that fits ("printing", "cases", "noted").
STEM_ENDINGS = ("ing", "ed", "es", "s", "e")


def light_stem(word: str, endings: tuple[str, ...] = STEM_ENDINGS) -> str:
    """`word` without the first of `endings` it ends in, where four letters or more stay
    ("printing" -> "print", "cases" -> "case", "bus" stays): close enough to match one
    word's other forms within a ticket, never a dictionary's stem."""
    for end in endings:
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[: -len(end)]
    return word


# The states that say a ticket is still open: they win over a resolution or closure time
# (demo data sets closed_at on In Progress tickets; the state is what the desk sees).
OPEN_STATES = frozenset({"New", "In Progress", "On Hold"})


def is_resolved(ticket: Ticket) -> bool:
    """Resolved, closed or canceled, or carrying a resolution time, unless the state says
    the ticket is open; with no state and no such time, carrying close notes (written when a
    ticket is closed: a list of close notes alone, Criterion.assessable)."""
    if ticket.state in OPEN_STATES:
        return False
    return (
        ticket.state in ("Resolved", "Closed", "Canceled")
        or ticket.resolved_at is not None
        or ticket.closed_at is not None
        or (not ticket.state and notes_written(ticket))
    )


# A time written before a journal line ("[09:14] ", "09:14 - ", "2025-03-18 14:05: "): when
# the line was written, not what it says.
_LINE_TIME = re.compile(
    r"^[ \t]*[\[(]?(?:\d{4}-\d\d-\d\d[ T])?\d{1,2}:\d\d(?::\d\d)?(?:[ \t]?[ap]m)?[\])]?"
    r"(?:[ \t]*[-\u2013|:][ \t]*|[ \t]+)(?=\S)"
    # the writer's initials after the time, as a log line signs it ("21:47 RB - AD: locked");
    # a time zone is no initials ("10:28:31 UTC - Kamila Osinska (Additional comments)")
    r"(?:(?!(?:UTC|GMT|[A-Z]{1,2}[SD]T|CES?T)\b)(?-i:[A-Z]{2,3})[ \t]+[-\u2013][ \t]+(?=\S))?",
    re.I | re.M,
)


def without_line_times(text: str) -> str:
    """`text` without the time written before its lines."""
    return _LINE_TIME.sub("", text) if ":" in text else text


# The list markers opening a line: "1.", "2)", "-", "*", a bullet, or one inside another
# ("- 1. pls see comments": a numbered note written as a bullet list). A number is a marker
# with a space after it ("1.5 GB" is no list) or alone at the line's end (a numbered item
# with nothing in it: "- 1." says nothing), a dash, star or bullet with a space or a letter
# ("-Checked the spooler"; "-> OK" and "--None--" are no list). A listed item is read for
# what it says, like a sentence: one reading for the rules and the judges.
# How a web address opens: a scheme ("https://", "mailto+x://") or "www.".
URL_OPENING = r"(?:[a-z][a-z0-9+.-]*://|www\.)"
LIST_MARKER = r"(?:\d{1,2}[.)](?:[ \t]+|[ \t]*$)|[-*\u2022][ \t]+|[-*\u2022](?=[^\W\d_]))"
_LIST_MARKERS = re.compile(rf"^[ \t]*(?:{LIST_MARKER})+", re.M)


def is_listed(line: str) -> bool:
    """Whether `line` is an item of a list ("1. ...", "- ...", "- 1. ...")."""
    return _LIST_MARKERS.match(line) is not None


def without_list_markers(text: str) -> str:
    """`text` without the list markers that open its lines."""
    return _LIST_MARKERS.sub("", text)


# Lines of courtesy only ("Hello,", "Kind regards", "Thanks in advance."): how a text is
# written, not what it says nor in which language.
MAX_COURTESY_CHARS = 40  # "Thanks in advance for your help," is the longest kind
_COURTESY_WORDS = frozenset(
    "hi hello hey dear team all good morning afternoon evening kind best warm regards thanks "
    "thank you many cheers in advance sincerely br thx ty for your help".split()
)


def without_courtesy_lines(text: str) -> str:
    """`text` without its lines made only of greetings and sign-offs (and blank lines)."""
    lines = text.split("\n")
    return "\n".join(
        line
        for line in lines
        if len(line) > MAX_COURTESY_CHARS or not set(words(line)) <= _COURTESY_WORDS
    )


# A contact with the user that got no word from them: no answer, a voicemail, away, a try
# "without success" ("Tried to contact Luigi by phone without success"). The one definition:
# the work-notes rule, caller validation and the offline judge's readings (UNANSWERED).
NO_ANSWER = (
    r"no (?:answer|reply|response|pick-?up)|voicemail|unreachable|not available|engaged|"
    r"out of (?:the )?office|on leave|awaiting (?:a |her |his |their )?(?:response|reply)|"
    r"did not (?:answer|pick up)|not (?:answering|picking up|reachable)|went to (?:voicemail|vm)|"
    r"without (?:any )?success|unsuccessful(?:ly)?|no success"
)
UNANSWERED = Caseless(rf"\b(?:{NO_ANSWER})\b")
# An attempt to reach the user (U6 of the handling audit; troubleshooting audit rule 1: a
# contact attempt is no step; work notes: a contact attempt with nothing found is a
# placeholder, LABELLING.md "Rang her, no answer"): a numbered one ("2nd attempt: called"), a
# message left, or a call or message told with its result or its purpose ("Called Mon -
# voicemail.", "E-mailed her to confirm"). A ping with no response is a check of a device,
# not a contact. The one definition: the rules' work-notes reading and the offline judge's
# (tqrs.judges) both read it.
_CONTACT_ATTEMPT = Caseless(
    r"\b(?:(?:1st|2nd|3rd|first|second|third|final) (?:attempt|contact|reminder|call)|"
    r"left (?:a |her |him )?(?:voicemail|vm|message|msg)|voicemail left|"
    r"(?:unable|could not|couldn't|failed) to (?:reach|contact|get hold of|get through to)|"
    r"(?:called|calling|phoned|phoning|rang|e-?mailed|messaged|texted|chased|contacted|sent|"
    r"tried (?:to )?(?:call|ring|phone|reach|contact|e-?mail))\b[^\n]{0,60}?"
    rf"\b(?:{NO_ANSWER}|to (?:confirm|check|ask)|asking))\b",
)


def contact_attempt(sentence: str, after: str = "") -> re.Match | None:
    """The record of an attempt to reach the user that starts in `sentence`, read with the
    sentence `after` it ("Sent her a message. No answer.")."""
    m = _CONTACT_ATTEMPT.search(f"{sentence} {after}" if after else sentence)
    return m if m is not None and m.start() < len(sentence) else None


# Dictated notes: speech-to-text writes the spoken commands "new line", "full stop" (or
# "period") and "comma" as words in a text with no punctuation of its own ("... it was blown
# replaced it new line van three pinging again", "outlook opens full stop service track seven
# jobs downloaded full stop"); there each command is the mark it asked for. One reading for
# the work-notes rule and the offline judge's troubleshooting.
_DICTATED_BREAK = re.compile(r"\s*\bnew (?:line|paragraph)\b\s*", re.I)
_DICTATED_STOP = re.compile(r"\s*\b(?:full stop|period)\b", re.I)
_DICTATED_COMMA = re.compile(r"\s*\bcomma\b", re.I)
_PUNCTUATED = re.compile(r"[.;!?]")
_DICTATED = ("new ", "full stop", "period", "comma")


def undictated(text: str) -> str:
    """`text` with each dictated "new line", "full stop" and "comma" read as the mark it
    asked for, when the text has no sentence punctuation of its own (a typed note that says
    "a new line manager" or "the grace period" keeps its words)."""
    lower = text.lower()
    if not any(x in lower for x in _DICTATED) or _PUNCTUATED.search(text):
        return text
    text = _DICTATED_BREAK.sub("\n", text)
    return _DICTATED_COMMA.sub(",", _DICTATED_STOP.sub(".", text))
