"""How far two blind readings of the same real incidents agree, criterion by criterion, and how
the offline judge fares against each reading and against the labels both readers gave: the
ceiling that readers' own disagreement puts on any judge measured against one reading.

tests/eval_set/real/labels.jsonl is the first reading; labels_second.jsonl (same form) holds a
second reading of some of those incidents by readers who saw neither the first labels nor the
tool. Per criterion, over the incidents read twice ("defect" = labelled true; false and null
both count as no defect, as in `eval_quality.py`):

- both / first only / second only: incidents each reading calls a defect;
- agreement and Cohen's kappa of the two readings;
- the second reading as a detector of the first (precision / recall): what a careful reader
  scores against these labels;
- the tool (offline, `--rubric incident_quality`, scored as `eval_quality.py --set real` does)
  against the first reading, the second, and the consensus (incidents both readings label
  alike; `n` says how many).

Only counts are printed: the report half's incidents and disagreements are never listed.

    .venv/bin/python scripts/label_agreement.py [--second FILE] [--no-tool] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import eval_quality

SECOND = eval_quality.REAL_SET / "labels_second.jsonl"
RUBRIC = "incident_quality"
Readings = dict[tuple[str, str], bool]  # (incident "file:number", criterion) -> defect


def read_second(path: Path) -> list[dict]:
    """The second reading's label lines, numbers keyed "file:number" as the first's."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [{**r, "number": f"{r['file']}:{r['number']}"} for r in rows]


def defects(rows: list[dict]) -> Readings:
    return {(r["number"], r["criterion_id"]): r["defect"] is True for r in rows}


def kappa(first: list[bool], second: list[bool]) -> float | None:
    """Cohen's kappa of two readings of the same items (None when chance agreement is total)."""
    n = len(first)
    if not n:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    p1, p2 = sum(first) / n, sum(second) / n
    chance = p1 * p2 + (1 - p1) * (1 - p2)
    return None if chance == 1 else round((observed - chance) / (1 - chance), 3)


def detection(flags: list[bool], truth: list[bool]) -> dict:
    """Found / false flags / misses, precision and recall of `flags` against `truth`."""
    pairs = list(zip(flags, truth, strict=True))
    tp = sum(f and t for f, t in pairs)
    fp = sum(f and not t for f, t in pairs)
    fn = sum(t and not f for f, t in pairs)
    return {"tp": tp, "fp": fp, "fn": fn, "precision": eval_quality._ratio(tp, tp + fp),
            "recall": eval_quality._ratio(tp, tp + fn)}  # fmt: skip


def compare(first: Readings, second: Readings, tool: Readings | None) -> dict[str, dict]:
    """Per criterion, over the (incident, criterion) pairs both readings label."""
    out = {}
    for crit in sorted({c for _, c in second}):
        keys = sorted(k for k in second if k[1] == crit and k in first)
        a, b = [first[k] for k in keys], [second[k] for k in keys]
        pairs = list(zip(a, b, strict=True))
        row = {
            "incidents": len(keys),
            "both": sum(x and y for x, y in pairs),
            "first_only": sum(x and not y for x, y in pairs),
            "second_only": sum(y and not x for x, y in pairs),
            "agreement": eval_quality._ratio(sum(x == y for x, y in pairs), len(keys)),
            "kappa": kappa(a, b),
            "second_vs_first": detection(b, a),
        }
        if tool is not None:
            scored = [k for k in keys if k in tool]
            flags = [tool[k] for k in scored]
            row["tool_vs_first"] = detection(flags, [first[k] for k in scored])
            row["tool_vs_second"] = detection(flags, [second[k] for k in scored])
            alike = [k for k in scored if first[k] == second[k]]
            row["tool_vs_consensus"] = {
                "n": len(alike),
                **detection([tool[k] for k in alike], [first[k] for k in alike]),
            }
        out[crit] = row
    return out


def tool_flags(first_rows: list[dict]) -> tuple[Readings, list[str]]:
    """The offline judge's flags on the incidents of `first_rows`, and what was skipped."""
    with tempfile.TemporaryDirectory(prefix="tqrs-agreement-") as tmp:
        reports, kinds, missing = eval_quality.score_real(first_rows, RUBRIC, Path(tmp))
    flags = {}
    for ticket in reports[RUBRIC]["tickets"]:
        for crit in ticket["criteria"]:
            got = eval_quality.verdict(crit, kinds[(RUBRIC, crit["id"])]["kinds"])
            flags[(ticket["number"], crit["id"])] = got == "flagged"
    return flags, missing


def _pr(d: dict) -> str:
    show = eval_quality._fmt
    return f"{d['tp']}/{d['fp']}/{d['fn']} ({show(d['precision'])} / {show(d['recall'])})"


def print_table(rows: dict[str, dict], incidents: int) -> None:
    print(f"{incidents} real incidents read twice, blind; counts found/false flags/misses "
          "(precision / recall)")  # fmt: skip
    head = ["criterion", "n", "both/1st/2nd", "agree", "kappa", "2nd vs 1st"]
    tool = "tool_vs_first" in next(iter(rows.values()), {})
    if tool:
        head += ["tool vs 1st", "tool vs 2nd", "tool vs consensus (n)"]
    print(" | ".join(head))
    for crit, r in rows.items():
        cells = [crit, str(r["incidents"]), f"{r['both']}/{r['first_only']}/{r['second_only']}",
                 eval_quality._fmt(r["agreement"]), eval_quality._fmt(r["kappa"]),
                 _pr(r["second_vs_first"])]  # fmt: skip
        if tool:
            c = r["tool_vs_consensus"]
            cells += [_pr(r["tool_vs_first"]), _pr(r["tool_vs_second"]), f"{_pr(c)} ({c['n']})"]
        print(" | ".join(cells))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--second", type=Path, default=SECOND)
    ap.add_argument("--no-tool", action="store_true", help="the two readings only (no scoring)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    second_rows = read_second(args.second)
    twice = {r["number"] for r in second_rows}
    first_rows = [r for r in eval_quality.load_real_labels("all") if r["number"] in twice]
    unknown = twice - {r["number"] for r in first_rows}
    if unknown:
        print(f"error: {len(unknown)} incidents of {args.second} have no first label",
              file=sys.stderr)  # fmt: skip
        return 2
    tool, missing = (None, []) if args.no_tool else tool_flags(first_rows)
    for name in missing:
        print(f"skipped {name}: not on this machine or numbered twice", file=sys.stderr)
    rows = compare(defects(first_rows), defects(second_rows), tool)
    if args.json:
        print(json.dumps({"incidents": len(twice), "skipped": missing, "criteria": rows}, indent=2))
    else:
        print_table(rows, len(twice))
    return 0


if __name__ == "__main__":
    sys.exit(main())
