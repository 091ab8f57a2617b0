"""scripts/label_agreement.py: the agreement of two blind readings and the tool against each,
on hand-computed cases, and the second reading's file against the first's."""

import csv
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import label_agreement  # noqa: E402

T, F = True, False


def test_kappa_by_hand():
    # observed 3/4; chance 0.5 * 0.25 + 0.5 * 0.75 = 0.5; (0.75 - 0.5) / (1 - 0.5) = 0.5
    assert label_agreement.kappa([T, T, F, F], [T, F, F, F]) == 0.5
    # perfect disagreement on a balanced pair: observed 0, chance 0.5 -> -1
    assert label_agreement.kappa([T, F], [F, T]) == -1.0
    # both readings say "no defect" everywhere: chance agreement is total, kappa undefined
    assert label_agreement.kappa([F, F, F], [F, F, F]) is None


def test_detection_counts_found_false_flags_and_misses():
    got = label_agreement.detection([T, T, F, F, T], [T, F, T, F, T])
    assert got == {"tp": 2, "fp": 1, "fn": 1, "precision": 0.667, "recall": 0.667}


def test_compare_counts_each_reading_and_the_consensus():
    crit = "short_description"
    first = {(f"x.csv:{i}", crit): v for i, v in enumerate([T, T, F, F, T])}
    second = {(f"x.csv:{i}", crit): v for i, v in enumerate([T, F, F, T, T])}
    tool = {(f"x.csv:{i}", crit): v for i, v in enumerate([T, T, F, F, F])}
    row = label_agreement.compare(first, second, tool)[crit]
    assert (row["incidents"], row["both"], row["first_only"], row["second_only"]) == (5, 2, 1, 1)
    assert row["agreement"] == 0.6
    # consensus: incidents 0, 2, 4 (T, F, T); the tool says T, F, F: one found, one missed
    assert row["tool_vs_consensus"] == {"n": 3, "tp": 1, "fp": 0, "fn": 1, "precision": 1.0,
                                        "recall": 0.5}  # fmt: skip
    assert row["tool_vs_first"]["tp"] == 2 and row["tool_vs_second"]["fp"] == 1


def test_null_and_false_both_count_as_no_defect():
    rows = [{"number": "a:1", "criterion_id": "work_notes", "defect": None},
            {"number": "a:2", "criterion_id": "work_notes", "defect": False},
            {"number": "a:3", "criterion_id": "work_notes", "defect": True}]  # fmt: skip
    assert label_agreement.defects(rows) == {
        ("a:1", "work_notes"): False, ("a:2", "work_notes"): False, ("a:3", "work_notes"): True}  # fmt: skip


def test_the_second_reading_covers_report_incidents_whole():
    """Each incident read twice is in the first reading's report half and has one second label
    per criterion of the rubric, with a note wherever it is not "no defect"."""
    path = label_agreement.SECOND
    rubric = json.loads((ROOT / "data" / "rubrics" / "incident_quality.json").read_text())
    criteria = sorted(c["id"] for c in rubric["criteria"])
    first = [json.loads(line) for line in (path.parent / "labels.jsonl").read_text().splitlines()]
    report = {(r["file"], r["number"]) for r in first if r["split"] == "report"}
    per_incident: dict[tuple, list] = {}
    for line in path.read_text().splitlines():
        r = json.loads(line)
        assert set(r) == {"file", "number", "rubric", "criterion_id", "defect", "note", "split"}
        assert r["split"] == "report" and r["rubric"] == "incident_quality"
        assert r["defect"] in (True, False, None)
        if r["defect"] is not False:
            assert r["note"].strip(), f"{r['number']} {r['criterion_id']} needs a note"
        per_incident.setdefault((r["file"], r["number"]), []).append(r["criterion_id"])
    assert per_incident and set(per_incident) <= report
    # the sample as its README section draws it, from the seven report selections
    names = [f"selection_report{n}.csv" for n in ("", 2, 3, 4, 5, 6, 7)]
    drawn = sorted(
        (row["file"], row["number"])
        for name in names
        for row in csv.DictReader((path.parent / name).open(encoding="utf-8"))
    )
    assert len(drawn) == 472
    assert set(per_incident) == set(random.Random(20261230).sample(drawn, 180))
    assert all(sorted(ids) == criteria for ids in per_incident.values())
