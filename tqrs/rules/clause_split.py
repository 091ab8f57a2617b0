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

"then" after a word that makes it a time ("since then", "by then", "until then") and "so"
before one that makes it a degree or a purpose ("so far", "so that", "so much") join no
clauses."""

import re

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
