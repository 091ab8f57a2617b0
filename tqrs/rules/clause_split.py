"""A note's line cut into the clauses its structure holds, once, for every reader of steps and
of the user's word (LABELLING.md, troubleshooting audit rules 2 and 4: each check with its
finding, each change with its result; handling audit U3-U5: the user's word after the fix),
whatever the author's phrasing. Two structures, each defined by its parts:

- a question with its answer, "Q: <what was checked or asked>? A: <what it showed or what was
  said>": the check with its finding, written as the arrow a note writes a result with
  ("<check> -> <finding>."), one pair a sentence;
- a run-on sentence, clauses joined by "then" or "so" and no stop between them ("reset it then
  he signed in so he says fine close"): each clause a sentence of its own (an action, a
  check, a result or the user's word), when the sentence chains two such joins or more (one
  "then" in a sentence is an ordinary sentence, read whole as before).

Two ways of writing that hide a note's sentences, read before them (dictation_read): a typed
text wrapped at a fixed width, its lines joined where a sentence goes on; and a dictated line,
lower case with no mark at all, where one "then" or "so" is enough to start a clause, and so is
a person doing something anew ("... at next logon she signed in ..."). The reader of the
user's word reads the same dictated line (dictated_cut), cut also before the user's present
word ("... she says all fine close it").

"then" after a word that makes it a time ("since then", "by then", "until then") and "so"
before one that makes it a degree or a purpose ("so far", "so that", "so much") join no
clauses."""

import re

from tqrs.rules.text import is_listed

# "Q: ... ? A: ..." (also "Q. ...", "Question: ...", "Answer: ..."), the answer up to the next
# question or the line's end.
_PAIR = re.compile(
    r"\b(?:Q|Question)\s*[:.]\s*(?P<q>[^?\n]+?)\s*\?\s*(?:A|Answer)\s*[:.]\s*"
    r"(?P<a>.+?)\s*(?=\b(?:Q|Question)\s*[:.]\s|$)",
    re.M,
)
# Where a run-on sentence joins two clauses: "then" or "so" between words, not a time ("since
# then") nor a degree or purpose ("so far", "so that", "or so").
_JOIN = re.compile(
    r"(?<![.;!?,])(?<!\bsince)(?<!\bby)(?<!\buntil)(?<!\btill)(?<!\bjust)(?<!\bor)"
    r"(?<!\bnot)(?<!\beven)\s+(?:and\s+)?(?:then|so)\s+"
    r"(?!(?:that|far|much|many|long|as|on|to|it|too|forth|called)\b)(?=\w)",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.;!?])\s+")
_MIN_JOINS = 2


def pairs_as_results(line: str) -> str:
    """`line` with each "Q: <check>? A: <finding>" pair written as "<check> -> <finding>."."""
    if "?" not in line or not _PAIR.search(line):
        return line
    return _PAIR.sub(lambda m: f"{m['q']} -> {m['a'].rstrip('. ')}. ", line).rstrip()


def run_on_cut(line: str) -> str:
    """`line` with each run-on sentence (two joins or more) cut at its joins into sentences."""
    if " then " not in line.lower() and " so " not in line.lower():
        return line
    sentences = _SENTENCE.split(line)
    cut = [_JOIN.sub(". ", x) if len(_JOIN.findall(x)) >= _MIN_JOINS else x for x in sentences]
    return " ".join(cut) if cut != sentences else line


def clause_lines(line: str) -> list[str]:
    """The sentences of `line` as lines of their own when its structure was cut (a run-on
    sentence, question-answer pairs), else `line` alone: a reader of lines reads each clause
    by itself (a validation in the first clause leaves the user's word in the last)."""
    cut = run_on_cut(pairs_as_results(line))
    return [x for x in _SENTENCE.split(cut) if x.strip()] if cut != line else [line]


def clauses_spelled(text: str) -> str:
    """`text`, line by line, with its question-answer pairs and run-on sentences written as
    sentences of a clause each."""
    if "?" not in text and " then " not in text.lower() and " so " not in text.lower():
        return text
    return "\n".join(run_on_cut(pairs_as_results(x)) for x in text.split("\n"))


# A line wrapped at a fixed width, the sentence going on at the next line's first word ("I've
# swapped it for a thermal roll from the stock\ncupboard and printed ..."): a long line with no
# mark that ends a sentence or a label, then a line that opens in lower case and is no list
# item. A short line before a lower-case one is a list's item, kept as its own line.
_WRAP_MIN_CHARS = 60
_ENDS_OPEN = re.compile(r"[^.;:!?\s][ \t]*$")
_OPENS_LOWER = re.compile(r"^[ \t]*[a-z]")
_TYPED = re.compile(r"^\W*[A-Z]")


def wraps_joined(text: str) -> str:
    """`text` with each line wrapped at a fixed width joined to the line before it, when
    the text is typed as sentences (_TYPED: a capital first, a stop): in a text written
    otherwise (a dictated note, lower case, its stops spoken or none), a line's end is the
    only mark the writer left, and each line is read as written."""
    lines = text.split("\n")
    if len(lines) < 2 or not _TYPED.match(text) or not _STOPPED.search(text):
        return text
    out = [lines[0]]
    for line in lines[1:]:
        before = out[-1]
        if (
            len(before.strip()) >= _WRAP_MIN_CHARS
            and _ENDS_OPEN.search(before)
            and _OPENS_LOWER.match(line)
            and not is_listed(line)
        ):
            out[-1] = f"{before.rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


# A dictated line: lower case, no mark of a sentence, a run of clauses ("checked the gate kiosk
# and reset the reader then got the driver to tap again", "reset his password ... he logged in
# on the office pc and set his own then the app opened his list", "remoted in reset edge she
# says all fine close it"). Speech to text writes no stops, so a clause starts where a join
# starts one (one "then" or "so" is enough) or where a person does something anew: a subject
# ("he", "she", "they", "we", "I", the caller or the user by role) and its verb. After a word
# that makes the person an object, a condition or reported speech ("asked her if she", "rang
# caller back", "for the user", "says they have the spare") no clause starts.
_DICTATED_MIN_WORDS = 8
_PERSON_NEXT = re.compile(
    r"(?P<prev>[\w']+)(?P<joined>[ \t]+and)?[ \t]+"
    r"(?=(?P<who>he|she|they|we|i|caller|user)[ \t]+(?P<verb>[a-z]+)\b)"
)
_NOT_A_SUBJECT_AFTER = frozenset(
    "to for with by from of that if when whether once until unless asked told called rang "
    "phoned emailed messaged contacted let than as the our so but because while tell ask "
    "a says said tells confirms confirmed reports reported thinks thought knows sure".split()
)
# A verb in the past: a person's act ("she signed in", "he ran it"), not a present of
# saying or being able ("she says", "he can see")
_PAST = re.compile(
    r"(?:(?!(?:need|feed|speed|proceed|exceed|succeed)$)[a-z]+ed|got|put|ran|set|sent|rang|"
    r"gave|took|came|went|saw|found|made|told|said|tried|did)$"
)


def dictated_cut(line: str, *, min_words: int = _DICTATED_MIN_WORDS, acts_only: bool = True) -> str:
    """`line`, when it is dictated (opening in lower case, no mark, `min_words` words or
    more), with each of its clauses written as a sentence. One reading for the reader of
    steps (troubleshooting) and the reader of the user's word (user confirmation); the two
    differ only where their criteria do.

    Args:
        min_words: the shortest line read as dictated: eight for the steps ("reset it then
            he signed in" holds a step and its test), ten for the user's word (as round uc35
            measured it: a shorter line, read whole, gives the user's word its own subject
            and verb already, "tom tested it he says fine").
        acts_only: the steps (True): a clause starts before a person with a verb in the
            past only, an act anew, so that a check keeps its finding ("tried the app she
            can see it" is one step with its result). The user's word (False): before the
            user's side (he, she, they, the caller, the user) with any verb, their present
            word too ("she says all fine"); "we" and "I" are the desk, whose word is no
            confirmation.
    """
    if not _OPENS_LOWER.match(line) or _MARKED.search(line) or len(line.split()) < min_words:
        return line
    return _PERSON_NEXT.sub(lambda m: _person_cut(m, acts_only), _JOIN.sub(". ", line))


def _person_cut(m: re.Match, acts_only: bool) -> str:
    """The text before a person matched by _PERSON_NEXT, ended as a sentence when the person
    starts a clause (dictated_cut's `acts_only`)."""
    if acts_only and not _PAST.match(m["verb"]):
        return m[0]
    if not acts_only and m["who"] in ("we", "i"):
        return m[0]
    if m["prev"].lower() in _NOT_A_SUBJECT_AFTER and not m["joined"]:
        return m[0]
    return f"{m['prev']}. "


# A mark that ends a sentence: a stop before a space or the line's end (not "Tide!52"); a
# dictated line has none, nor a comma or a colon (typed in haste, "user contacted , we
# checked and shared the update" is no dictation).
_STOPPED = re.compile(r"[.;!?](?:\s|$)")
_MARKED = re.compile(r"[.,:;!?](?:\s|$)")


def dictation_read(text: str) -> str:
    """`text` with its wrapped lines joined and its dictated lines cut into clauses."""
    return "\n".join(dictated_cut(x) for x in wraps_joined(text).split("\n"))
