"""tests/eval_set/real/ (real desk tickets labelled blind, report-only) and
`scripts/eval_quality.py --set real`: the labels' shape against the rubric and the drawn
selection, the files they name, and the comparison keyed by file and number, without running
tqrs (the real run takes minutes; its figures are in tests/eval_set/real/README.md)."""

import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import eval_quality  # noqa: E402
import fetch_real_corpus  # noqa: E402

REAL = ROOT / "tests" / "eval_set" / "real"
RUBRIC = json.loads((ROOT / "data" / "rubrics" / "incident_quality.json").read_text())
ROWS = [json.loads(line) for line in (REAL / "labels.jsonl").read_text().splitlines()]


def test_every_drawn_incident_has_one_label_per_criterion_with_notes():
    criteria = [c["id"] for c in RUBRIC["criteria"]]
    per_incident: dict[tuple, list] = {}
    for r in ROWS:
        assert set(r) == {"file", "number", "rubric", "criterion_id", "defect", "note"}
        assert r["rubric"] == "incident_quality" and r["defect"] in (True, False, None)
        if r["defect"] is not False:
            assert r["note"].strip(), f"{r['number']} {r['criterion_id']} needs a note"
        per_incident.setdefault((r["file"], r["number"]), []).append(r["criterion_id"])
    assert all(sorted(ids) == sorted(criteria) for ids in per_incident.values())
    with open(REAL / "selection.csv", encoding="utf-8") as f:
        drawn = {(row["file"], row["number"]) for row in csv.DictReader(f)}
    assert set(per_incident) == drawn and len(drawn) >= 100


def test_labelled_files_are_pinned_or_the_teams_shared_files():
    pinned = {entry[0] for entry in fetch_real_corpus.FILES}
    shared = eval_quality.REAL_DIRS[1]
    for name in {r["file"] for r in ROWS}:
        assert name in pinned or re.match(r"\d\d_", name), name
        if name not in pinned and (shared / "SOURCES.md").is_file():
            assert name in (shared / "SOURCES.md").read_text(encoding="utf-8"), name


def _report(labels, flag):
    """A report of the labelled tickets where each criterion is flagged when `flag(label)`."""
    tickets = {}
    for r in labels:
        crit = {"id": r["criterion_id"], "option": "0" if flag(r) else "10", "method": "rule",
                "points": 0 if flag(r) else 10, "max": 10}  # fmt: skip
        tickets.setdefault(r["number"], []).append(crit)
    return {"tickets": [{"number": n, "passed": True, "criteria": c} for n, c in tickets.items()]}


def test_measure_keys_the_real_labels_by_file_and_number():
    labels = eval_quality.load_real_labels()
    keys = Counter(r["number"] for r in labels)
    assert all(count == len(RUBRIC["criteria"]) for count in keys.values())  # no clash
    kinds = {("incident_quality", c["id"]): {"method": c["method"], "kinds": {}}
             for c in RUBRIC["criteria"]}  # fmt: skip
    report = _report(labels, lambda r: r["defect"] is True)
    result = eval_quality.measure(labels, {"incident_quality": report}, kinds)
    for crit_id, row in result["incident_quality"]["criteria"].items():
        wanted = [r for r in labels if r["criterion_id"] == crit_id]
        assert row["fp"] == row["fn"] == 0
        assert row["tp"] == sum(r["defect"] is True for r in wanted)
        assert row["null_scored"] == sum(r["defect"] is None for r in wanted)


def test_score_real_skips_absent_files_and_numbers_held_twice(monkeypatch, tmp_path):
    labels = eval_quality.load_real_labels()
    monkeypatch.setattr(eval_quality, "REAL_DIRS", (tmp_path / "none",))
    _, _, missing = eval_quality.score_real(labels, "incident_quality", tmp_path)
    assert sorted(missing) == sorted({r["file"] for r in labels})  # and tqrs never ran

    name = "pdi_list_export_with_notes.csv"
    (tmp_path / name).write_text("stand-in")
    monkeypatch.setattr(eval_quality, "REAL_DIRS", (tmp_path,))
    one = [{"number": "INC0000006", "passed": True, "criteria": []}]
    twice = [{"number": "INC0000009", "passed": True, "criteria": []}] * 2
    monkeypatch.setattr(
        eval_quality,
        "score_set",
        lambda *a, **k: ({"incident_quality": {"tickets": one + twice}}, {}),
    )
    report, _, missing = eval_quality.score_real(labels, "incident_quality", tmp_path)
    assert [t["number"] for t in report["incident_quality"]["tickets"]] == [f"{name}:INC0000006"]
    assert f"{name}:INC0000009" in missing and name not in missing
