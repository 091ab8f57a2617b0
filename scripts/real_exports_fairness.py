"""Fairness to what real exports hold: each real export scored offline with the built-in
rubrics, and what the scores charge to fields the export does not carry.

For each file (one session each, in a temporary database) and each rubric, it prints the
tickets scored, how many pass, how many are auto-failed, and, on the criteria whose inputs
the ticket's export does not carry (the rubric files' `inputs`, read here with the json
module, against tqrs.profile.unassessable_fields: a column absent from the file, or blank in
every ticket of a file of 20 or more; tqrs.rubric.lacking: the close notes written stand for
the closure fields of an export without them, for a criterion that reads the notes; close
notes that show a confirmation stand for the journal and the closure of an export without
them, for the user's confirmation): the
points lost on them, the auto-fails they caused, how many such criteria were marked "not in
export" instead, and the tickets nothing could be judged on too little (verdict "too_little": less than the rubric's min_judged_percent of its
points judged, no FAIL, no deduction; neither passed nor failed, and left out of "pass"). The bar (issue 16): no points lost and no auto-fail
for fields an export does not carry.

    .venv/bin/python scripts/real_exports_fairness.py [FILE ...]

Without files: every export in $TQRS_REAL_DIR (default ../shared/real), tests/real_corpus/
and tests/real_corpus/fetched/ (scripts/fetch_real_corpus.py). A file TQRS cannot read is
listed with the reason. To measure another version of the code against the same rubric
inputs, run this script with PYTHONPATH pointing at that version's checkout."""

import argparse
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tqrs.assessable import notes_confirm, notes_written
from tqrs.errors import TqrsError
from tqrs.evaluate import DEFAULT_RUBRICS, evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.profile import unassessable_fields
from tqrs.rubric import lacking
from tqrs.store import Store
from tqrs.store.runs import iter_ticket_scores
from tqrs.store.sessions import iter_tickets

ROOT = Path(__file__).resolve().parent.parent
REAL = Path(os.environ.get("TQRS_REAL_DIR", ROOT.parent / "shared" / "real"))
CORPUS = ROOT / "tests" / "real_corpus"
EXPORTS = (".csv", ".json", ".xml", ".xlsx", ".pdf")


@dataclass
class Figures:
    tickets: int = 0
    passed: int = 0
    auto_fails: int = 0
    lost_to_absent: int = 0  # points lost on criteria whose inputs the export lacks
    auto_fails_from_absent: int = 0
    not_in_export: int = 0  # criterion results marked not assessable
    nothing_judged: int = 0  # tickets with the verdict "too_little" (too little to judge)

    def add(self, other: "Figures") -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def rubric_inputs(rubric_id: str) -> dict[str, list[frozenset[str]]]:
    """criterion id -> its input groups, from the rubric file (each group needed, any one
    field of a group enough)."""
    data = json.loads((ROOT / "data" / "rubrics" / f"{rubric_id}.json").read_text())
    return {
        c["id"]: [frozenset([i] if isinstance(i, str) else i) for i in c.get("inputs", [])]
        for c in data["criteria"]
    }


def default_files() -> list[Path]:
    found = []
    for directory in (REAL, CORPUS, CORPUS / "fetched"):
        if directory.is_dir():
            found += sorted(p for p in directory.iterdir() if p.suffix.lower() in EXPORTS)
    return found


def measure(store: Store, path: Path) -> dict[str, Figures] | str:
    """rubric id -> figures, or why the file could not be read."""
    try:
        session = ingest_files(store, [path], path.name, new=True).session_id
    except TqrsError as e:
        return str(e)
    gaps = unassessable_fields(store, session)
    tickets = {
        t.id: (
            t.file_position,
            notes_written(t),
            notes_confirm(t, frozenset(gaps.get(t.file_position, ()))),
        )
        for t in iter_tickets(store, session)
    }
    out = {}
    for rubric_id in DEFAULT_RUBRICS:
        inputs = rubric_inputs(rubric_id)
        run = evaluate_offline(store, session, rubric_id)
        f = Figures()
        for score in iter_ticket_scores(store, run):
            if score.status != "scored":
                continue
            position, noted, confirms = tickets[score.ticket_id]
            missing = frozenset(gaps.get(position, ()))
            f.tickets += 1
            f.passed += score.passed
            f.auto_fails += score.auto_fail
            f.nothing_judged += score.verdict == "too_little"
            for r in score.criteria:
                f.not_in_export += r.status == "not_assessable"
                lacks = lacking(inputs[r.criterion_id], missing, noted, confirms)
                if r.status != "scored" or not lacks:
                    continue
                f.lost_to_absent += (r.max_points - r.points if r.applicable else 0) - r.deduction
                f.auto_fails_from_absent += r.auto_fail
        out[rubric_id] = f
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    files = args.files or default_files()
    if not files:
        print(f"error: no real exports found (looked in {REAL} and {CORPUS})", file=sys.stderr)
        return 2
    header = (
        f"{'file':<38} {'rubric':<18} {'tickets':>7} {'pass':>6} {'auto-fail':>9} "
        f"{'lost(absent)':>12} {'af(absent)':>10} {'not in export':>13} {'too little':>14}"
    )
    print(header)
    totals = {r: Figures() for r in DEFAULT_RUBRICS}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "fair.duckdb") as store:
        for path in files:
            found = measure(store, path)
            if isinstance(found, str):
                print(f"{path.name[:38]:<38} not read: {found[:80]}")
                continue
            for rubric_id, f in found.items():
                totals[rubric_id].add(f)
                print(_row(path.name, rubric_id, f))
    for rubric_id, f in totals.items():
        print(_row("TOTAL", rubric_id, f))
    return 0


def _row(name: str, rubric_id: str, f: Figures) -> str:
    return (
        f"{name[:38]:<38} {rubric_id:<18} {f.tickets:>7,} {f.passed:>6,} {f.auto_fails:>9,} "
        f"{f.lost_to_absent:>12,} {f.auto_fails_from_absent:>10,} {f.not_in_export:>13,} "
        f"{f.nothing_judged:>14,}"
    )


if __name__ == "__main__":
    sys.exit(main())
