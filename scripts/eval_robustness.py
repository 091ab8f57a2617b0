"""Whether verdicts hold when a ticket's wording changes but its meaning does not: the labelled
`tune` incidents of tests/eval_set/ (never the `report` half), scored as they are and after
each meaning-preserving rewrite of their free text (description, work notes, comments, close
notes), through the same CLI path as scripts/eval_quality.py (`tqrs ingest`, `tqrs evaluate
--offline`, `tqrs report --format json`; its functions are imported, not copied).

A rewrite is a small named transformation (REWRITES) with the reason it keeps the meaning for
every criterion it is counted on, and the public source of its word lists. Journal headers
(`2025-03-18 14:05:00 - Erik Dahl (Work notes)`) and every other field are left as they are.
A rewrite that could change what a criterion judges leaves that criterion out of its counts
(`skip`): no casing or British/American rewrite is counted on spelling (a spell checker reads
capitals and spelling variants by design; LABELLING.md counts neither as a misspelling, but
the rewrite touches exactly what the criterion reads), and no reordering is counted on the
critical process (the order of validation and reset is what it judges).

Printed per rewrite: the incidents whose text it changed, the verdict flips (flagged <->
not flagged, as eval_quality.verdict reads them) per criterion, split into flips decided by a
rule on both sides (`rule`) and flips where the offline heuristics decided at least one side
(`heuristic`), and the change in labelled accuracy (verdicts agreeing with labels.jsonl,
rewritten minus original). `--examples` lists every flip with the rewritten text the criterion
read. A `control` rewrite that changes nothing shows the run is repeatable (it must flip
nothing).

    .venv/bin/python scripts/eval_robustness.py [--only NAME ...] [--examples] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_quality import (  # noqa: E402
    DEFAULT_RUBRICS,
    EVAL_SET,
    CliError,
    load_labels,
    score_set,
    verdict,
)

from tqrs.journal import HEADER  # noqa: E402

FREE_TEXT = ("description", "work_notes", "comments", "close_notes")
JOURNALS = ("work_notes", "comments")
SPELLING = "spelling_grammar"
CRITICAL = "critical_process"


@dataclass(frozen=True)
class Rewrite:
    """A meaning-preserving transformation of free text. `apply` maps one text (a field, or
    one journal entry's body) to its rewrite; `fields` are the fields it rewrites; `skip`
    the criteria its flips are not counted on (the rewrite touches what they judge)."""

    name: str
    reason: str
    apply: Callable[[str], str]
    fields: tuple[str, ...] = FREE_TEXT
    skip: frozenset[str] = field(default_factory=frozenset)
    source: str = ""


def _cased(original: str, replacement: str) -> str:
    """`replacement` in the case of `original` (ALL CAPS, Capitalised, lower)."""
    if len(original) > 1 and original.isupper():
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def word_table(table: dict[str, str]) -> Callable[[str], str]:
    """A rewrite replacing each key (a word or phrase, whole words, any case) by its value,
    in the case the text wrote it."""
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w/'’])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w/'’])", re.I
    )
    lower = {k.lower(): v for k, v in table.items()}
    return lambda text: pattern.sub(lambda m: _cased(m.group(), lower[m.group().lower()]), text)


# Full forms and contractions (Wikipedia "List of English contractions", as public word lists
# quote it, e.g. a `contractions.py` "list from: http://en.wikipedia.org/wiki/Wikipedia:
# List_of_English_contractions"): negations and the few pronoun forms tickets use.
CONTRACTIONS = {
    "cannot": "can't", "can not": "can't", "could not": "couldn't", "did not": "didn't",
    "does not": "doesn't", "do not": "don't", "has not": "hasn't", "have not": "haven't",
    "had not": "hadn't", "is not": "isn't", "are not": "aren't", "was not": "wasn't",
    "were not": "weren't", "will not": "won't", "would not": "wouldn't",
    "should not": "shouldn't", "I am": "I'm", "it is": "it's", "that is": "that's",
    "I have": "I've", "we are": "we're", "they are": "they're", "I will": "I'll",
}  # fmt: skip
FULL_FORMS = {v: k for k, v in CONTRACTIONS.items() if k != "can not"}
# Desk shorthand and the words it stands for. Sources: the abbreviations of tweet word lists
# (yinwenyi/tweets A1/wordlist.py: "b/c", "w/", "w/o", "thx", "plz"), chat-abbreviation
# guides (vishipayyallore/inspirational-quotes EnglishLearning/ChatAbbreviations.md: "thx",
# "fyi"), a public contractions-and-abbreviations dictionary ("acct.", "approx.", "b/c"), and
# the ticket shorthand LABELLING.md lists as no misspelling ("w/", "pwd", "acct", "pls",
# "thx", "usr").
ABBREVIATIONS = {
    "with": "w/", "without": "w/o", "user": "usr", "password": "pwd", "please": "pls",
    "thanks": "thx", "because": "b/c", "approximately": "approx", "account": "acct",
    "through": "thru", "information": "info", "message": "msg",
}  # fmt: skip
SPELLED_OUT = {
    **{v: k for k, v in ABBREVIATIONS.items()},
    "pw": "password", "plz": "please", "usrs": "users", "approx.": "approximately",
}  # fmt: skip
# American and British spellings of words tickets use (Hornbill-Docs/style-guide
# style-guide/spelling.md: authorise, centre, colour, organisation; vtexdocs help-center
# docs/en/guides/british-and-american-english.md: -or/-our, -ize/-ise, -er/-re).
AMERICAN_BRITISH = {
    "color": "colour", "colors": "colours", "behavior": "behaviour", "favorite": "favourite",
    "favorites": "favourites", "center": "centre", "organize": "organise",
    "organized": "organised", "organization": "organisation", "authorize": "authorise",
    "authorized": "authorised", "authorization": "authorisation", "unauthorized":
    "unauthorised", "analyze": "analyse", "analyzed": "analysed", "recognize": "recognise",
    "recognized": "recognised", "synchronize": "synchronise", "synchronized": "synchronised",
    "customize": "customise", "customized": "customised", "initialize": "initialise",
    "initialized": "initialised", "prioritize": "prioritise", "prioritized": "prioritised",
    "finalize": "finalise", "finalized": "finalised", "apologize": "apologise",
    "canceled": "cancelled", "canceling": "cancelling", "labeled": "labelled",
    "traveling": "travelling", "gray": "grey", "catalog": "catalogue", "enroll": "enrol",
    "enrollment": "enrolment", "license": "licence", "defense": "defence",
}  # fmt: skip
BRITISH_AMERICAN = {v: k for k, v in AMERICAN_BRITISH.items()}

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
# A sentence starts a line, or follows a sentence's end.
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([A-Z])(?=[a-z])", re.M)


def _upper(text: str) -> str:
    return text.upper()


def _lower(text: str) -> str:
    return text.lower()


def _uncapitalise(text: str) -> str:
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).lower(), text)


def _bullets_to_sentences(text: str) -> str:
    """Runs of two or more listed lines ("- Checked X -> OK") written as one line of
    sentences."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append(" ".join(s if s.endswith((".", "!", "?")) else f"{s}." for s in run))
        else:
            out.extend(f"- {s}" for s in run)
        run.clear()

    for line in text.split("\n"):
        if _BULLET.match(line):
            run.append(_BULLET.sub("", line).strip())
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)


def _sentences_to_bullets(text: str) -> str:
    """Each line of two or more sentences written as one listed line per sentence."""
    out = []
    for line in text.split("\n"):
        sentences = _SENTENCE.split(line.strip())
        out.extend(f"- {s}" for s in sentences) if len(sentences) >= 2 else out.append(line)
    return "\n".join(out)


def _timestamps(text: str) -> str:
    """Each non-blank line prefixed with the minute it was written ("[09:00] ")."""
    lines = text.split("\n")
    n = 0
    for i, line in enumerate(lines):
        if line.strip():
            lines[i] = f"[09:{n:02d}] {line}"
            n += 1
    return "\n".join(lines)


def _rotate_sentences(text: str) -> str:
    """A one-paragraph text of two or more sentences with its first sentence moved last."""
    if "\n" in text.strip():
        return text
    sentences = _SENTENCE.split(text.strip())
    if len(sentences) < 2:
        return text
    return " ".join([*sentences[1:], sentences[0]])


_VERBS = {
    "reset": "reset", "unlocked": "unlocked", "restarted": "restarted",
    "reinstalled": "reinstalled", "cleared": "cleared", "rebooted": "rebooted",
    "replaced": "replaced", "updated": "updated", "removed": "removed", "enabled": "enabled",
    "disabled": "disabled", "recreated": "recreated", "re-created": "re-created",
}  # fmt: skip
_VERB = "|".join(_VERBS)
_OBJECT = (
    r"(?:the|her|his|their|its|user's|caller's|the user's|the caller's) [\w-]+(?: [\w-]+){0,3}"
)
_END = r"(?=\s*(?:[.;,!]|->|→|$))"
# "Restarted the print spooler." -> "The print spooler was restarted."
_STARTS = r"(^[ \t]*(?:[-*•][ \t]+|\d+[.)][ \t]+)?|[.!?;]\s+)"
_ACTIVE = re.compile(rf"{_STARTS}({_VERB}) ({_OBJECT}){_END}", re.I | re.M)
# "The print spooler was restarted." / "Password was reset" -> "Restarted the print
# spooler." / "Reset the password"
_PASSIVE = re.compile(
    rf"{_STARTS}(?:(the|her|his|their) )?(?!(?:it|this|that|he|she|they|everything|nothing|"
    rf"which|what)\b)([\w-]+(?: [\w-]+){{0,2}}) (?:was|has been|were|"
    rf"have been) ({_VERB})(?={_END}|\s+(?:in|on|via|from|for|after|to|with)\b)",
    re.I | re.M,
)


def _to_passive(text: str) -> str:
    def sub(m: re.Match) -> str:
        obj = m.group(3)
        be = "were" if obj.split()[-1].lower().endswith("s") and len(obj) > 3 else "was"
        return f"{m.group(1)}{obj[0].upper()}{obj[1:]} {be} {m.group(2).lower()}"

    return _ACTIVE.sub(sub, text)


def _to_active(text: str) -> str:
    def sub(m: re.Match) -> str:
        det = (m.group(2) or "the").lower()
        verb = m.group(4).lower()
        obj = m.group(3)
        obj = obj if obj[:2].isupper() else obj[:1].lower() + obj[1:]
        return f"{m.group(1)}{verb[0].upper()}{verb[1:]} {det} {obj}"

    return _PASSIVE.sub(sub, text)


def _polite_description(text: str) -> str:
    return f"Hi team,\n{text}\nThanks in advance.\nKind regards" if text.strip() else text


def _polite_comment(text: str) -> str:
    return f"Hello,\n{text.strip()}\nKind regards\n" if text.strip() else text


def _curly(text: str) -> str:
    text = re.sub(r"(?<=\w)'(?=\w)", "\u2019", text)
    return re.sub(r'"([^"\n]*)"', "\u201c\\1\u201d", text)


CASING = frozenset({SPELLING})
REWRITES: tuple[Rewrite, ...] = (
    Rewrite("control", "changes nothing: the run must flip nothing", lambda t: t),
    Rewrite(
        "upper_case",
        "a note in capitals says the same (issue 16 quotes one: 'RESET THE USER'S PASSWORD')",
        _upper,
        skip=CASING,
    ),
    Rewrite("lower_case", "lower case changes no word", _lower, skip=CASING),
    Rewrite(
        "no_sentence_capitals",
        "a sentence that starts in lower case says the same",
        _uncapitalise,
        skip=CASING,
    ),
    Rewrite(
        "contractions",
        "'has not' and 'hasn't' are the same words (LABELLING.md: contractions are grammar, "
        "not misspellings)",
        word_table(CONTRACTIONS),
        source="Wikipedia, List of English contractions",
    ),
    Rewrite(
        "full_forms",
        "'hasn't' and 'has not' are the same words",
        word_table(FULL_FORMS),
        source="Wikipedia, List of English contractions",
    ),
    Rewrite(
        "abbreviations",
        "desk shorthand stands for its word (LABELLING.md: w/, pwd, acct, pls, thx are no "
        "misspellings)",
        word_table(ABBREVIATIONS),
        source="yinwenyi/tweets A1/wordlist.py; vishipayyallore/inspirational-quotes "
        "ChatAbbreviations.md; LABELLING.md",
    ),
    Rewrite(
        "spelled_out",
        "the word a shorthand stands for says the same",
        word_table(SPELLED_OUT),
        source="as abbreviations",
    ),
    Rewrite(
        "british",
        "American and British spellings are the same word",
        word_table(AMERICAN_BRITISH),
        skip=CASING,
        source="Hornbill-Docs/style-guide spelling.md; vtexdocs british-and-american-english.md",
    ),
    Rewrite(
        "american",
        "British and American spellings are the same word",
        word_table(BRITISH_AMERICAN),
        skip=CASING,
        source="as british",
    ),
    Rewrite(
        "bullets_to_sentences",
        "a listed step and a sentence of a paragraph record the same step",
        _bullets_to_sentences,
    ),
    Rewrite(
        "sentences_to_bullets",
        "a sentence and a listed line record the same step",
        _sentences_to_bullets,
    ),
    Rewrite(
        "timestamps",
        "the minute a journal line was written says nothing of the ticket (journals only: in "
        "a description a time would claim when the issue started)",
        _timestamps,
        fields=JOURNALS,
    ),
    Rewrite(
        "reorder_sentences",
        "the sentences of a description say the same in any order (critical process left "
        "out: it judges the order of validation and reset)",
        _rotate_sentences,
        fields=("description",),
        skip=frozenset({CRITICAL}),
    ),
    Rewrite(
        "passive",
        "'Restarted the spooler' and 'The spooler was restarted' record the same action",
        _to_passive,
        fields=("work_notes", "comments", "close_notes"),
    ),
    Rewrite(
        "active",
        "'Password was reset' and 'Reset the password' record the same action",
        _to_active,
        fields=("work_notes", "comments", "close_notes"),
    ),
    Rewrite(
        "polite_description",
        "a greeting and a sign-off add nothing to what a description says",
        _polite_description,
        fields=("description",),
    ),
    Rewrite(
        "polite_comments",
        "a greeting and a sign-off around a customer-visible reply add nothing to it",
        _polite_comment,
        fields=("comments",),
    ),
    Rewrite(
        "curly_quotes",
        "typographic apostrophes and quotes are the same characters to a reader",
        _curly,
    ),
)
BY_NAME = {r.name: r for r in REWRITES}


def map_journal(text: str, fn: Callable[[str], str]) -> str:
    """`text` with `fn` applied to the body of each journal entry (its header line kept), or
    to the whole text when it has no header."""
    heads = list(HEADER.finditer(text))
    if not heads:
        return fn(text)
    parts = [text[: heads[0].start()]]
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        body = text[head.end() : end]
        # the body starts after the header's line break; its trailing blank lines are kept
        core = body.strip("\n")
        lead = body[: len(body) - len(body.lstrip("\n"))]
        tail = body[len(lead) + len(core) :]
        parts.append(head.group() + lead + (fn(core) if core else core) + tail)
    return "".join(parts)


def rewrite_record(record: dict, rewrite: Rewrite) -> dict:
    """A copy of the incident `record` with `rewrite` applied to its free-text fields."""
    out = dict(record)
    for name in rewrite.fields:
        text = record.get(name) or ""
        if text:
            out[name] = (
                map_journal(text, rewrite.apply) if name in JOURNALS else rewrite.apply(text)
            )
    return out


def tune_records() -> list[dict]:
    """The incidents of the `tune` half, as tickets.json holds them."""
    numbers = {r["number"] for r in load_labels("tune")}
    data = json.loads((EVAL_SET / "tickets.json").read_text(encoding="utf-8"))
    records = data["records"] if isinstance(data, dict) else data
    return [r for r in records if r["number"] in numbers]


def verdicts(reports: dict[str, dict], kinds: dict) -> dict[tuple, tuple[str, str, dict]]:
    """(rubric, number, criterion) -> (verdict, method, criterion result)."""
    out = {}
    for rubric, report in reports.items():
        for ticket in report["tickets"]:
            for crit in ticket["criteria"]:
                got = verdict(crit, kinds[(rubric, crit["id"])]["kinds"])
                out[(rubric, ticket["number"], crit["id"])] = (got, crit.get("method"), crit)
    return out


def score_records(records: list[dict], workdir: Path, rubrics: list[str]) -> dict:
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "tickets.json"
    path.write_text(json.dumps({"records": records}), encoding="utf-8")
    return verdicts(*score_set(rubrics, workdir, tickets=path))


def compare(
    rewrite: Rewrite, original: dict, rewritten: dict, labels: dict, changed: set[str]
) -> dict:
    """Flips and labelled-accuracy change of one rewrite, per (rubric, criterion)."""
    flips: dict[tuple[str, str], Counter] = defaultdict(Counter)
    examples = []
    for key, (was, was_method, _) in original.items():
        rubric, number, crit_id = key
        if crit_id in rewrite.skip or key not in rewritten:
            continue
        now, now_method, crit = rewritten[key]
        c = flips[(rubric, crit_id)]
        label = labels.get(key)
        if label is not None:
            truth = label is True
            c["accuracy"] += ((now == "flagged") == truth) - ((was == "flagged") == truth)
        if (was == "flagged") == (now == "flagged"):
            continue
        side = "rule" if was_method == now_method == "rule" else "heuristic"
        c[side] += 1
        examples.append({
            "rewrite": rewrite.name, "rubric": rubric, "criterion": crit_id, "number": number,
            "side": side, "was": was, "now": now, "method": f"{was_method}->{now_method}",
            "option": crit.get("option"), "reasoning": (crit.get("reasoning") or "")[:240],
            "evidence": (crit.get("evidence") or "")[:200],
        })  # fmt: skip
    return {"changed": len(changed), "flips": flips, "examples": examples}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=sorted(BY_NAME), metavar="NAME")
    parser.add_argument("--rubric", nargs="+", default=list(DEFAULT_RUBRICS), metavar="ID")
    parser.add_argument("--examples", action="store_true", help="list every flip")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    rewrites = [BY_NAME[n] for n in args.only] if args.only else list(REWRITES)
    records = tune_records()
    labels = {
        (r["rubric"], r["number"], r["criterion_id"]): r["defect"] for r in load_labels("tune")
    }
    results = {}
    with tempfile.TemporaryDirectory(prefix="tqrs-robust-") as tmp:
        try:
            original = score_records(records, Path(tmp) / "original", args.rubric)
            for rewrite in rewrites:
                rewritten = [rewrite_record(r, rewrite) for r in records]
                changed = {a["number"] for a, b in zip(records, rewritten, strict=True) if a != b}
                scored = score_records(rewritten, Path(tmp) / rewrite.name, args.rubric)
                results[rewrite.name] = compare(rewrite, original, scored, labels, changed)
        except CliError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if args.json:
        print(json.dumps({name: {"changed": r["changed"],
                                 "flips": {f"{k[0]}/{k[1]}": dict(v) for k, v in
                                           r["flips"].items()},
                                 "examples": r["examples"]}
                          for name, r in results.items()}, indent=2))  # fmt: skip
        return 0
    print_table(results, len(records), rewrites, args.examples)
    return 0


def print_table(results: dict, n: int, rewrites: list[Rewrite], examples: bool) -> None:
    print(f"evaluation set, split tune: {n} incidents, each rewrite scored against the original")
    print(
        f"\n  {'rewrite':22} {'changed':>7} {'heuristic':>9} {'rule':>5} {'acc':>5}  flips by criterion"
    )
    for rewrite in rewrites:
        r = results[rewrite.name]
        total = Counter()
        cells = []
        for (rubric, crit_id), c in sorted(r["flips"].items()):
            total.update(c)
            if c["heuristic"] or c["rule"]:
                short = rubric.removeprefix("incident_")
                cells.append(f"{short}/{crit_id} {c['heuristic'] + c['rule']}"
                             + (f" ({c['rule']} rule)" if c["rule"] else ""))  # fmt: skip
        print(f"  {rewrite.name:22} {r['changed']:>7} {total['heuristic']:>9} {total['rule']:>5} "
              f"{total['accuracy']:>+5}  {', '.join(cells) or '-'}")  # fmt: skip
    skipped = [f"{r.name}: {', '.join(sorted(r.skip))}" for r in rewrites if r.skip]
    print("\nchanged = incidents whose text the rewrite changed; heuristic / rule = verdict flips "
          "(flagged <-> not) where the offline heuristics decided a side / a rule decided both; "
          "acc = labelled verdicts right after minus before.\nnot counted: "
          + "; ".join(skipped))  # fmt: skip
    if examples:
        for rewrite in rewrites:
            for e in results[rewrite.name]["examples"]:
                print(f"\n{e['rewrite']} {e['rubric']}/{e['criterion']} {e['number']} "
                      f"[{e['side']}, {e['method']}] {e['was']} -> {e['now']} "
                      f"(option {e['option']}): {e['reasoning']}"
                      + (f"\n    evidence: {e['evidence']}" if e["evidence"] else ""))  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
