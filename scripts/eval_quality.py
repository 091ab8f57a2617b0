"""How well the rules and the offline judge flag ticket-quality defects on the labelled
evaluation set (tests/eval_set/, written independently of the rules; see its LABELLING.md).

In a temporary database it runs the public CLI as a user would (`tqrs ingest`, `tqrs evaluate
--offline --rubric R`, `tqrs report --format json`) and compares the JSON report with the
labels, per criterion: precision, recall and F1 of "flagged" against "labelled a defect", the
support (incidents labelled a defect), and the share of verdicts the rules decided
(criterion `method == "rule"`). A criterion is flagged when it costs the ticket points or
auto-fails it: points below its maximum, or its option is a deduction or FAIL in the rubric.
A criterion whose status is `not_assessable` (or any status other than `scored`) is not
flagged and is counted in its own column. Labels of N/A count as "not a defect", so flagging
a criterion the labeller found not applicable is a false positive. Also printed: the pass rate
of the incidents labelled clean (no defect under that rubric), all of them and those whose
short description follows the rubric's 4-part convention.

Only the report's documented fields are read (DESIGN.md: `tickets[].number`, `passed`,
`criteria[].id, option, points, max, method`, plus `status` when present) and the option
kinds from `tqrs rubrics --json`, so the tool keeps working while the engine changes.

With `--citations` the sample SOPs (data/samples/knowledge/) and the public playbooks of
tests/eval_set/knowledge/ are added to the knowledge base first, and the sections the criteria
cite (`[file: heading]` in their reasoning, coaching or citations) are checked, on the
incidents of the chosen split, against tests/eval_set/citations.jsonl (for the (incident,
criterion) pairs it labels, the share of cited sections that are a procedure step bearing on
the criterion and the incident; cited sections it does not label are counted apart) and
against tests/eval_set/citation_pairs.jsonl, which labels every fitting section of its pairs:
precision (cited sections that fit), coverage (pairs with a fitting section that cite one)
and silence (pairs with nothing to cite that cite nothing). scripts/tune_citations.py
measures the same pairs without the judge and tunes the thresholds.

The generic rubric (`incident_quality`) has no labels of its own: each of its criteria takes
the label of the original criterion that asks the same thing (DERIVED_LABELS), with two
derivations from the labelling conventions: an original categorization defect with both
fields set is a category that does not fit (generic `category_fit`), one with a field missing
is a categorization defect; and a VIP defect is no defect where VIP is not a critical process.
Its short description (a specific summary, no 4-part form) is not labelled, so it counts in
the pass rate but has no precision or recall.

Tune on `--split tune` (the default); quote `--split report` in the README and never tune on it.

    .venv/bin/python scripts/eval_quality.py [--split tune|report|all] [--rubric ID ...]
                          [--convention all|4part|free] [--citations] [--json] [--misses]

`--misses` (tune half only) lists each false flag and miss with the tool's reasoning and the
label's note: what tuning reads.

`--set real` measures the sample of real desk tickets instead (tests/eval_set/real/, labelled
blind against `incident_quality`), one half by `--split`: `tune` (the first 120 incidents,
read on 2026-12-03 to find the tool's defects), `report` (101 incidents drawn and labelled
after, never tuned on) or `all`. Each real export the chosen labels
name is ingested from $TQRS_REAL_CORPUS (default tests/real_corpus/fetched/) or $TQRS_REAL_DIR
(default ../shared/real) in a database of its own, evaluated with `--rubric incident_quality`,
and only the labelled numbers are compared (keyed "file:number", numbers repeat across files).
Files not found are skipped and named. Also counted: the labels that are null (not applicable,
or a field the export does not carry) that came out not_assessable and those that were scored.
`--misses` there too lists the tune half's disagreements only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL_SET = ROOT / "tests" / "eval_set"
REAL_SET = EVAL_SET / "real"
REAL_DIRS = (
    Path(os.environ.get("TQRS_REAL_CORPUS", ROOT / "tests" / "real_corpus" / "fetched")),
    Path(os.environ.get("TQRS_REAL_DIR", ROOT.parent / "shared" / "real")),
)
DEFAULT_RUBRICS = ("incident_logging", "incident_handling")
KNOWLEDGE = (ROOT / "data" / "samples" / "knowledge", EVAL_SET / "knowledge")
KNOWLEDGE_TYPES = (".md", ".txt", ".html", ".pdf")
# A citation as the judges write it: "[password-reset-sop.md: SOP title > Section]".
CITATION = re.compile(r"\[([^\[\]:]+\.(?:md|txt|html?|pdf)): ([^\[\]]+)\]")


# generic criterion -> the original (rubric, criterion) whose label it takes
DERIVED_LABELS = {
    "incident_quality": {
        "categorization": ("incident_logging", "categorization"),
        "category_fit": ("incident_logging", "categorization"),
        "description_quality": ("incident_logging", "description_quality"),
        "troubleshooting": ("incident_handling", "troubleshooting"),
        "work_notes": ("incident_handling", "work_notes"),
        "resolution_notes": ("incident_handling", "resolution_notes"),
        "resolution_quality": ("incident_handling", "resolution_quality"),
        "user_confirmation": ("incident_handling", "user_confirmation"),
        "critical_process": ("incident_logging", "critical_process"),
        "spelling_grammar": ("incident_logging", "spelling_grammar"),
    }
}
# LABELLING.md: "unknown", "none", "TBD", "N/A" count as not set, in any frame of dashes or
# brackets ("-- None --", ServiceNow's empty choice)
_NOT_SET = {"", "unknown", "none", "tbd", "n/a", "na", "-"}
_FRAME = re.compile(r"^[\s\-\u2013\u2014()<>\[\]]+|[\s\-\u2013\u2014()<>\[\]]+$")


def _is_set(value) -> bool:
    return _FRAME.sub("", str(value or "")).strip().lower() not in _NOT_SET


class CliError(Exception):
    """A tqrs command failed; the message names the command and its error line."""


def run_tqrs(args: list[str], env: dict[str, str]) -> str:
    """stdout of `tqrs ARGS` run in a child process with this environment."""
    proc = subprocess.run(
        [sys.executable, "-m", "tqrs", *args], capture_output=True, text=True, env=env, cwd=ROOT
    )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise CliError(f"`tqrs {' '.join(args)}` exited {proc.returncode}: {last}")
    return proc.stdout


def load_labels(
    split: str, convention: str = "all", prefixes: tuple[str, ...] = ("",)
) -> list[dict]:
    """The label lines of the chosen half ("all": both), of incidents whose short description
    follows the 4-part convention ("4part"), does not ("free"), or either ("all"), and whose
    number starts with one of `prefixes` (a batch of incidents added together)."""
    lines = (EVAL_SET / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    wanted = {"all": (True, False), "4part": (True,), "free": (False,)}[convention]
    rows += derived_labels(rows)
    return [
        r
        for r in rows
        if (split == "all" or r["split"] == split)
        and r["sd_convention"] in wanted
        and r["number"].startswith(prefixes)
    ]


def load_real_labels(split: str = "all") -> list[dict]:
    """The real-ticket labels of the chosen half ("all": both), numbers keyed "file:number"
    (one export's numbers may repeat in another)."""
    lines = (REAL_SET / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return [
        {
            **r,
            "number": f"{r['file']}:{r['number']}",
            "sd_convention": False,
            "expected": {True: "defect", False: "no defect", None: "null"}[r["defect"]],
        }
        for r in rows
        if split == "all" or r["split"] == split
    ]


def real_source(name: str) -> Path | None:
    """Where a real export named in the labels is on this machine, or None."""
    return next((d / name for d in REAL_DIRS if (d / name).is_file()), None)


def score_real(labels: list[dict], rubric: str, workdir: Path) -> tuple[dict, dict, list[str]]:
    """Each real export the labels name, scored in a database of its own; returns one report
    of all their tickets (numbers keyed "file:number"), the option kinds and what was skipped:
    files not on this machine, and numbers an export holds twice (which one was labelled is
    not known from the report)."""
    tickets, kinds, missing = [], {}, []
    for name in sorted({r["file"] for r in labels}):
        path = real_source(name)
        if path is None:
            missing.append(name)
            continue
        reports, kinds = score_set([rubric], workdir / name, tickets=path)
        tickets += [{**t, "number": f"{name}:{t['number']}"} for t in reports[rubric]["tickets"]]
    twice = Counter(t["number"] for t in tickets)
    labelled = {r["number"] for r in labels}
    missing += sorted(n for n, count in twice.items() if count > 1 and n in labelled)
    return {rubric: {"tickets": [t for t in tickets if twice[t["number"]] == 1]}}, kinds, missing


# A critical-process label on a VIP: its note says VIP or cites the Logging audit's VIP rule by
# its number (LABELLING.md, Logging audit rule 12: "the Chief Executive (rule 12) at P4 ...").
_VIP_NOTE = re.compile(r"vip|\brule 12\b", re.IGNORECASE)


def derived_labels(rows: list[dict]) -> list[dict]:
    """Label lines for the rubrics of DERIVED_LABELS, from the original labels (see the
    module docstring)."""
    records = json.loads((EVAL_SET / "tickets.json").read_text(encoding="utf-8"))
    records = records["records"] if isinstance(records, dict) else records
    both_set = {
        t["number"]: all(_is_set(t.get(f)) for f in ("category", "subcategory")) for t in records
    }
    category_set = {t["number"]: _is_set(t.get("category")) for t in records}
    by_key = {(r["number"], r["rubric"], r["criterion_id"]): r for r in rows}
    numbers = sorted({r["number"] for r in rows})
    out = []
    for rubric, mapping in DERIVED_LABELS.items():
        for number in numbers:
            for crit_id, (orig_rubric, orig_id) in mapping.items():
                orig = by_key.get((number, orig_rubric, orig_id))
                if orig is None:
                    continue
                defect = orig["defect"]
                if crit_id == "categorization" and defect and both_set[number]:
                    defect = False  # set but not fitting: judged under category_fit
                elif crit_id == "category_fit":
                    defect = (defect is True and both_set[number]) if category_set[number] else None
                elif crit_id == "critical_process" and defect and _VIP_NOTE.search(orig["note"]):
                    defect = None  # VIP is an organisation's list, not a generic process
                out.append({**orig, "rubric": rubric, "criterion_id": crit_id, "defect": defect})
    return out


def option_kinds(env: dict[str, str]) -> dict[tuple[str, str], dict]:
    """(rubric, criterion) -> {"method": rule|llm, "kinds": {option label: kind}}."""
    out = {}
    for line in run_tqrs(["rubrics", "--json"], env).splitlines():
        if not line.strip():
            continue
        rubric = json.loads(line)
        for crit in rubric["criteria"]:
            kinds = {o["label"]: o["kind"] for o in crit["options"]}
            out[(rubric["id"], crit["id"])] = {"method": crit["method"], "kinds": kinds}
    return out


def score_set(
    rubrics: list[str],
    workdir: Path,
    knowledge: bool = False,
    tickets: Path = EVAL_SET / "tickets.json",
) -> tuple[dict[str, dict], dict]:
    """Ingest the set (or another export `tickets`, e.g. a rewritten copy of part of it; and
    the sample SOPs when `knowledge`), evaluate it offline under each rubric; returns rubric
    -> JSON report, and the option kinds."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "TQRS_AZURE_"))}
    workdir.mkdir(parents=True, exist_ok=True)
    env["TQRS_DB"] = str(workdir / "eval.duckdb")
    env["TQRS_REPORTS_DIR"] = str(workdir / "reports")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    session = run_tqrs(["ingest", str(tickets), "--name", "eval set"], env)
    session_id = session.strip().splitlines()[-1]
    if knowledge:
        documents = [p for d in KNOWLEDGE for p in d.iterdir() if p.suffix in KNOWLEDGE_TYPES]
        run_tqrs(["kb", "add", *map(str, sorted(documents))], env)
    kinds = option_kinds(env)
    reports = {}
    for rubric in rubrics:
        out = run_tqrs(["evaluate", session_id, "--offline", "--rubric", rubric], env)
        run = re.search(r"^run (\d+)\b", out, re.MULTILINE)
        path = workdir / f"{rubric}.json"
        args = ["report", session_id, "--format", "json", "--out", str(path)]
        run_tqrs(args + (["--run", run.group(1)] if run else []), env)
        reports[rubric] = json.loads(path.read_text(encoding="utf-8"))
        if reports[rubric]["run"]["rubric"] != rubric:
            raise CliError(
                f"the report of {rubric} is of rubric {reports[rubric]['run']['rubric']}"
            )
    return reports, kinds


def verdict(criterion: dict, kinds: dict[str, str]) -> str:
    """The verdict: "flagged", "clear", or the status of a criterion that was not scored."""
    status = criterion.get("status") or "scored"
    if status != "scored":
        return status
    kind = kinds.get(criterion.get("option"), "")
    if kind in ("fail", "deduction") or criterion["points"] < 0:
        return "flagged"
    return "flagged" if criterion["points"] < criterion["max"] else "clear"


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def measure(labels: list[dict], reports: dict[str, dict], kinds: dict) -> dict:
    """Per-criterion confusion counts and ratios, and clean-ticket pass rates, per rubric."""
    by_key = {(r["number"], r["rubric"], r["criterion_id"]): r for r in labels}
    numbers = {r["number"] for r in labels}
    out = {}
    misses: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for rubric, report in reports.items():
        criteria: dict[str, Counter] = defaultdict(Counter)
        passed = {}
        for ticket in report["tickets"]:
            if ticket["number"] not in numbers:
                continue
            passed[ticket["number"]] = ticket["passed"]  # null: too little to judge
            for crit in ticket["criteria"]:
                label = by_key.get((ticket["number"], rubric, crit["id"]))
                if label is None:
                    continue
                info = kinds[(rubric, crit["id"])]
                got = verdict(crit, info["kinds"])
                c = criteria[crit["id"]]
                c["rule"] += crit.get("method") == "rule"
                c["verdicts"] += 1
                if got not in ("flagged", "clear"):
                    c[got] += 1
                if label["defect"] is None:  # not applicable, or a field not exported
                    c["null_" + ("scored" if got in ("flagged", "clear") else "unscored")] += 1
                truth, flagged = label["defect"] is True, got == "flagged"
                kind = ("tp" if truth else "fp") if flagged else ("fn" if truth else "tn")
                c[kind] += 1
                if kind in ("fp", "fn"):
                    misses[(rubric, crit["id"])].append(_miss(ticket, crit, label, kind))
                if crit.get("method") == "rule":  # the verdicts the rules were sure of
                    c[("rule", kind)] += 1
        rows = {}
        for crit_id, c in criteria.items():
            precision = _ratio(c["tp"], c["tp"] + c["fp"])
            recall = _ratio(c["tp"], c["tp"] + c["fn"])
            f1 = (
                round(2 * precision * recall / (precision + recall), 3)
                if precision and recall
                else None
            )
            other = {k: v for k, v in c.items() if isinstance(k, str) and k not in
                     ("rule", "verdicts", "tp", "fp", "fn", "tn", "null_scored",
                      "null_unscored")}  # fmt: skip
            rows[crit_id] = {
                "method": kinds[(rubric, crit_id)]["method"],
                "support": c["tp"] + c["fn"],
                "tp": c["tp"], "fp": c["fp"], "fn": c["fn"], "tn": c["tn"],
                "precision": precision, "recall": recall, "f1": f1,
                "rule_share": _ratio(c["rule"], c["verdicts"]),
                # precision and recall of the verdicts the rules decided themselves
                "rule_precision": _ratio(c[("rule", "tp")], c[("rule", "tp")] + c[("rule", "fp")]),
                "rule_recall": _ratio(c[("rule", "tp")], c[("rule", "tp")] + c[("rule", "fn")]),
                "not_assessable": other.pop("not_assessable", 0),
                # labels null (N/A or not exported): left unscored by the tool, or scored
                "null_unscored": c["null_unscored"], "null_scored": c["null_scored"],
                "other_status": other,
            }  # fmt: skip
        out[rubric] = {"criteria": rows, "clean": clean_pass_rates(labels, rubric, passed)}
        for crit_id, row in rows.items():
            row["misses"] = misses[(rubric, crit_id)]
    return out


def _miss(ticket: dict, crit: dict, label: dict, kind: str) -> dict:
    """A false flag or a miss, as `--misses` prints it: what the tool said, what the label
    says."""
    return {
        "number": ticket["number"],
        "kind": "false flag" if kind == "fp" else "missed",
        "got": f"{crit.get('option')} ({crit.get('method')})",
        "expected": label.get("expected", ""),
        "reasoning": crit.get("reasoning") or "",
        "note": label.get("note") or "",
    }


def clean_pass_rates(labels: list[dict], rubric: str, passed: dict[str, bool | None]) -> dict:
    """Pass rate of the incidents labelled clean under `rubric`: all, and 4-part ones; those
    judged on too little for a verdict (`passed` null) are counted apart."""
    defect, convention = defaultdict(bool), {}
    for r in labels:
        if r["rubric"] == rubric:
            defect[r["number"]] |= r["defect"] is True
            convention[r["number"]] = r["sd_convention"]
    unjudged = [n for n in defect if not defect[n] and n in passed and passed[n] is None]
    clean = [n for n in defect if not defect[n] and n in passed and passed[n] is not None]
    follows = [n for n in clean if convention[n]]
    return {
        "clean_too_little": len(unjudged),
        "clean": len(clean),
        "clean_passed": sum(passed[n] for n in clean),
        "pass_rate": _ratio(sum(passed[n] for n in clean), len(clean)),
        "clean_4part": len(follows),
        "clean_4part_passed": sum(passed[n] for n in follows),
        "pass_rate_4part": _ratio(sum(passed[n] for n in follows), len(follows)),
    }


def _strings(value) -> list[str]:
    """Every string inside a JSON value (a criterion's citations may be text or objects)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def cited_sections(reports: dict[str, dict]) -> dict[tuple, set[tuple[str, str]]]:
    """(number, rubric, criterion) -> the (file, last heading) sections the criterion cites."""
    out = {}
    for rubric, report in reports.items():
        for ticket in report["tickets"]:
            for crit in ticket["criteria"]:
                text = " ".join(
                    _strings([crit.get(f) for f in ("citations", "reasoning", "coaching")])
                )
                out[(ticket["number"], rubric, crit["id"])] = {
                    (m[0], m[1].split(" > ")[-1]) for m in CITATION.findall(text)
                }
    return out


def measure_citations(reports: dict[str, dict], numbers: set[str] | None = None) -> dict:
    """Cited sections of the incidents `numbers` (None: all) against both citation samples."""
    cited_by = cited_sections(reports)
    lines = (EVAL_SET / "citations.jsonl").read_text(encoding="utf-8").splitlines()
    fits: dict[tuple, bool] = {}
    for row in map(json.loads, lines):
        if numbers is not None and row["number"] not in numbers:
            continue
        key = (row["number"], row["rubric"], row["criterion_id"], row["source"], row["heading"])
        fits[key] = fits.get(key, False) or row["fits"]
    pairs = {k[:3] for k in fits}
    cited = labelled = fitting = 0
    for pair in pairs:
        for section in cited_by.get(pair, ()):
            cited += 1
            label = fits.get((*pair, *section))
            if label is not None:
                labelled += 1
                fitting += label
    lines = (EVAL_SET / "citation_pairs.jsonl").read_text(encoding="utf-8").splitlines()
    complete = Counter()
    for row in map(json.loads, lines):
        if numbers is not None and row["number"] not in numbers:
            continue
        good = {(f["source"], f["heading"]) for f in row["fits"]}
        sections = cited_by.get((row["number"], row["rubric"], row["criterion_id"]), set())
        complete["pairs"] += 1
        complete["cited"] += len(sections)
        complete["fitting"] += len(sections & good)
        complete["with_fit"] += bool(good)
        complete["covered"] += bool(sections & good)
        complete["without_fit"] += not good
        complete["silent"] += not good and not sections
    return {"pairs": len(pairs), "cited": cited, "labelled": labelled, "fitting": fitting,
            "share_fitting": _ratio(fitting, labelled),
            "complete": {**complete,
                         "precision": _ratio(complete["fitting"], complete["cited"]),
                         "coverage": _ratio(complete["covered"], complete["with_fit"])}}  # fmt: skip


def _fmt(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def print_table(
    result: dict, split: str, n_tickets: int, show_misses: bool = False, nulls: bool = False
) -> None:
    print(f"evaluation set, split {split}: {n_tickets} incidents (offline judge, no LLM)")
    for rubric, data in result.items():
        print(f"\n{rubric}")
        head = (f"  {'criterion':22} {'method':6} {'support':>7} {'TP':>4} {'FP':>4} {'FN':>4} "
                f"{'prec':>5} {'recall':>6} {'F1':>5} {'rules':>6} {'n/a-exp':>7}")  # fmt: skip
        print(head)
        for crit_id, row in data["criteria"].items():
            print(
                f"  {crit_id:22} {row['method']:6} {row['support']:>7} {row['tp']:>4} "
                f"{row['fp']:>4} {row['fn']:>4} {_fmt(row['precision']):>5} "
                f"{_fmt(row['recall']):>6} {_fmt(row['f1']):>5} {_fmt(row['rule_share']):>6} "
                f"{row['not_assessable']:>7}"
                + (
                    f"  TN {row['tn']}; null: {row['null_unscored']} n/a, {row['null_scored']} scored"
                    if nulls
                    else ""
                )
                + (f"  other: {row['other_status']}" if row["other_status"] else "")
            )
        if show_misses:
            for crit_id, row in data["criteria"].items():
                for m in row["misses"]:
                    print(f"    {crit_id} {m['number']} {m['kind']}: got {m['got']}, "
                          f"labelled {m['expected']}: {m['reasoning'][:200]}"
                          + (f" [note: {m['note']}]" if m["note"] else ""))  # fmt: skip
        c = data["clean"]
        print(
            f"  clean incidents passing: {c['clean_passed']} of {c['clean']} "
            f"({_fmt(c['pass_rate'])}); following the 4-part convention: "
            f"{c['clean_4part_passed']} of {c['clean_4part']} ({_fmt(c['pass_rate_4part'])})"
            + (f"; too little to judge: {c['clean_too_little']}" if c["clean_too_little"] else "")
        )
    print(
        "\nflagged = costs points or auto-fails; support = incidents labelled a defect; "
        "rules = share of verdicts by a rule; n/a-exp = status not_assessable"
    )


def main_real(split: str, as_json: bool, show_misses: bool, prefixes: tuple = ("",)) -> int:
    """`--set real`: the real-ticket labels of one half against the tool, per criterion; only
    the incidents whose "file:number" starts with one of `prefixes` (an export's file name
    selects its incidents: a draw from new exports measured on its own)."""
    rubric = "incident_quality"
    labels = [r for r in load_real_labels(split) if r["number"].startswith(prefixes)]
    if not labels:
        print(f"error: no real label of the {split} half starts with {prefixes}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="tqrs-eval-real-") as tmp:
        try:
            reports, kinds, missing = score_real(labels, rubric, Path(tmp))
        except CliError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    for name in missing:
        where = f"not in {' or '.join(map(str, REAL_DIRS))}"
        print(
            f"skipped {name}: {'two tickets, one label' if ':' in name else where}", file=sys.stderr
        )
    labels = [r for r in labels if r["file"] not in missing and r["number"] not in missing]
    if not labels:
        print("error: no real export found (scripts/fetch_real_corpus.py)", file=sys.stderr)
        return 2
    result = measure(labels, reports, kinds)
    if not show_misses:
        for row in result[rubric]["criteria"].values():
            row.pop("misses")
    n_tickets = len({r["number"] for r in labels})
    if as_json:
        figures = {"set": "real", "split": split, "incidents": n_tickets, "skipped": missing}
        figures |= {"numbers": list(prefixes)} if prefixes != ("",) else {}
        print(json.dumps({**figures, "rubrics": result}, indent=2))
        return 0
    shown = f"real {split}" + (" (never tuned on)" if split == "report" else "")
    shown += "" if prefixes == ("",) else f", {' '.join(prefixes)}*"
    print_table(result, shown, n_tickets, show_misses, nulls=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "report", "all"), default="tune")
    parser.add_argument(
        "--convention",
        choices=("all", "4part", "free"),
        default="all",
        help="only incidents whose short description follows the 4-part form (or does not)",
    )
    parser.add_argument("--rubric", nargs="+", default=list(DEFAULT_RUBRICS), metavar="ID")
    parser.add_argument(
        "--citations", action="store_true", help="also measure cited SOP passages (slower)"
    )
    parser.add_argument(
        "--numbers",
        nargs="+",
        default=[""],
        metavar="PREFIX",
        help="only incidents whose number starts with PREFIX (e.g. INC2010 INC2011: a batch "
        "added together, measured before and after tuning on its own); with --set real the "
        "number is 'file:number', so an export's file name selects its incidents",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list each false flag and miss with its reasoning (tune half only: the report "
        "half is never read to fix the rules)",
    )
    parser.add_argument(
        "--set",
        choices=("eval", "real"),
        default="eval",
        help="real: the real desk tickets of tests/eval_set/real/ under incident_quality, "
        "the --split half (--convention, --rubric, --citations do not apply)",
    )
    args = parser.parse_args()
    if args.misses and args.split != "tune":
        print("error: --misses lists the tune half only (never tune on report)", file=sys.stderr)
        return 2
    if args.set == "real":
        return main_real(args.split, args.json, args.misses, tuple(args.numbers))
    labels = load_labels(args.split, args.convention, tuple(args.numbers))
    with tempfile.TemporaryDirectory(prefix="tqrs-eval-") as tmp:
        try:
            reports, kinds = score_set(args.rubric, Path(tmp), knowledge=args.citations)
        except CliError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    unknown = [r for r in args.rubric if not any(lab["rubric"] == r for lab in labels)]
    if unknown:
        print(f"error: the evaluation set has no labels for rubric {unknown[0]}", file=sys.stderr)
        return 2
    result = measure(labels, reports, kinds)
    if args.split != "tune":  # the report half's tickets are not read, not even in JSON
        for data in result.values():
            for row in data["criteria"].values():
                row.pop("misses")
    n_tickets = len({r["number"] for r in labels})
    figures = {
        "split": args.split,
        "convention": args.convention,
        "numbers": args.numbers,
        "incidents": n_tickets,
        "rubrics": result,
    }
    if args.citations:
        figures["citations"] = measure_citations(reports, {r["number"] for r in labels})
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    numbers = "" if args.numbers == [""] else f", numbers {' '.join(args.numbers)}*"
    shown = f"{args.split}, convention {args.convention}{numbers}"
    print_table(result, shown, n_tickets, args.misses)
    if args.citations:
        c = figures["citations"]
        p = c["complete"]
        print(
            f"\ncitations.jsonl, {c['pairs']} labelled (incident, criterion) pairs: "
            f"{c['cited']} cited sections, {c['labelled']} labelled, {c['fitting']} fitting "
            f"({_fmt(c['share_fitting'])}); {c['cited'] - c['labelled']} not in the sample\n"
            f"citation_pairs.jsonl, {p['pairs']} pairs: {p['fitting']} of {p['cited']} cited "
            f"sections fit ({_fmt(p['precision'])}); a fitting section cited on "
            f"{p['covered']} of {p['with_fit']} pairs ({_fmt(p['coverage'])}); nothing cited "
            f"on {p['silent']} of the {p['without_fit']} pairs with nothing to cite"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
