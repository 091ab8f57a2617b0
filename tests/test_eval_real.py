"""tests/eval_set/real/ (real desk tickets labelled blind, in two halves: tune and report) and
`scripts/eval_quality.py --set real --split`: the labels' shape against the rubric and each
half's drawn selection, the halves apart, the files they name, and the comparison keyed by
file and number, without running tqrs (the real run takes minutes; its figures are in
tests/eval_set/real/README.md)."""

import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import eval_quality  # noqa: E402
import fetch_real_corpus  # noqa: E402

REAL = ROOT / "tests" / "eval_set" / "real"
RUBRIC = json.loads((ROOT / "data" / "rubrics" / "incident_quality.json").read_text())
ROWS = [json.loads(line) for line in (REAL / "labels.jsonl").read_text().splitlines()]
SELECTION = {
    "tune": (
        "selection.csv",
        "selection_tune2.csv",
        "selection_tune3.csv",
        "selection_tune4.csv",
        "selection_tune5.csv",
        "selection_tune6.csv",
        "selection_tune7.csv",
        "selection_tune8.csv",
        "selection_tune9.csv",
        "selection_tune10.csv",
    ),
    "report": (
        "selection_report.csv",
        "selection_report2.csv",
        "selection_report3.csv",
        "selection_report4.csv",
        "selection_report5.csv",
        "selection_report6.csv",
        "selection_report7.csv",
        "selection_report8.csv",
        "selection_report9.csv",
        "selection_report10.csv",
        "selection_report11.csv",
    ),
}


def test_every_selection_file_is_named_in_a_half():
    named = {name for names in SELECTION.values() for name in names}
    assert named == {p.name for p in REAL.glob("selection*.csv")}


def test_every_drawn_incident_has_one_label_per_criterion_with_notes():
    criteria = [c["id"] for c in RUBRIC["criteria"]]
    per_incident: dict[tuple, list] = {}
    for r in ROWS:
        keys = {"file", "number", "rubric", "criterion_id", "defect", "note", "split"}
        assert set(r) == keys and r["split"] in SELECTION
        assert r["rubric"] == "incident_quality" and r["defect"] in (True, False, None)
        if r["defect"] is not False:
            assert r["note"].strip(), f"{r['number']} {r['criterion_id']} needs a note"
        per_incident.setdefault((r["split"], r["file"], r["number"]), []).append(r["criterion_id"])
    assert all(sorted(ids) == sorted(criteria) for ids in per_incident.values())
    for split, names in SELECTION.items():
        drawn = set()
        for name in names:
            with open(REAL / name, encoding="utf-8") as f:
                drawn |= {(row["file"], row["number"]) for row in csv.DictReader(f)}
        labelled = {(file, number) for s, file, number in per_incident if s == split}
        assert labelled == drawn and len(drawn) >= 80, split


def test_no_incident_is_in_both_halves():
    halves = {split: {(r["file"], r["number"]) for r in ROWS if r["split"] == split}
              for split in SELECTION}  # fmt: skip
    assert halves["tune"] and halves["report"]
    assert not halves["tune"] & halves["report"]


def test_load_real_labels_gives_each_half_keyed_by_file_and_number():
    halves = {s: eval_quality.load_real_labels(s) for s in ("tune", "report", "all")}
    assert all(r["split"] == s for s in SELECTION for r in halves[s])
    assert len(halves["all"]) == len(halves["tune"]) + len(halves["report"]) == len(ROWS)
    keys = {s: {r["number"] for r in rows} for s, rows in halves.items()}
    assert all(re.fullmatch(r"[^:]+\.(csv|xlsx|xml|json):\S+", k) for k in keys["all"])
    assert not keys["tune"] & keys["report"] and keys["tune"] | keys["report"] == keys["all"]


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


def test_real_numbers_prefix_measures_one_exports_incidents(capsys):
    name = "telstra_noc_excel_export.xlsx"
    if eval_quality.real_source(name) is None:
        pytest.skip(f"{name} is fetched by scripts/fetch_real_corpus.py")
    mine = [r for r in ROWS if r["split"] == "tune" and r["file"] == name]
    assert eval_quality.main_real("tune", True, False, (name,)) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["incidents"] == len({r["number"] for r in mine}) > 0
    assert out["numbers"] == [name]
    for crit_id, row in out["rubrics"]["incident_quality"]["criteria"].items():
        assert row["support"] == sum(
            r["defect"] is True for r in mine if r["criterion_id"] == crit_id
        )


def test_real_numbers_prefix_that_selects_nothing_is_refused(capsys):
    assert eval_quality.main_real("report", True, False, ("no_such_export.csv",)) == 2
    assert "no real label of the report half" in capsys.readouterr().err
