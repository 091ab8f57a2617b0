"""A pass that rests on almost nothing (issue 16): a ticket judged on less than the rubric's
`min_judged_percent` of its maximum points (default 50) has the verdict "too little to judge",
neither a pass nor a fail, in no band, counted apart; every scored ticket says how much of the
rubric was judged ("20 of 70 points judged").

The expected figures come from the files themselves, read with the csv module (which columns
the export carries, tests.test_real_exports_fair.not_carried) and the rubric files read with
the json module (what each criterion reads, its top points): an export that carries the
inputs of less than half a rubric's points cannot give any ticket a verdict of its own unless
a FAIL or a deduction is found, and neither can be on a file without journal columns."""

import csv
import json
import subprocess
import sys

import pytest

from tests.test_real_corpus import shared
from tests.test_real_exports_fair import READS, ROOT, lacks, not_carried, read_rows, tickets_of
from tqrs.assessable import not_assessable
from tqrs.errors import TqrsError
from tqrs.results import CriterionResult
from tqrs.rubric import load_rubric, parse_rubric
from tqrs.scoring import score_ticket

DUKE = "11_duke_helpdesk.csv"


def carried_points(rubric_id: str, missing: set[str]) -> tuple[int, int]:
    """(top points of the criteria whose inputs the export carries, the rubric's maximum),
    from the rubric file."""
    data = json.loads((ROOT / "data" / "rubrics" / f"{rubric_id}.json").read_text())
    tops = {c["id"]: max(o.get("points", 0) for o in c["options"]) for c in data["criteria"]}
    reads = READS[rubric_id]
    return sum(tops[c] for c in tops if not lacks(reads[c], missing)), data["max_points"]


@pytest.fixture
def duke():
    path = shared(DUKE)
    missing = not_carried(path, "cp1252")
    # the helpdesk export: a short description, no description, journal nor fields
    assert {"description", "work_notes", "comments", "category"} <= missing
    return path, len(tickets_of(read_rows(path, "cp1252"))), missing


def test_the_cli_on_the_duke_export_gives_no_ticket_a_verdict_of_its_own(duke, tmp_path):
    path, n, missing = duke
    carried, full = carried_points("incident_logging", missing)
    assert carried * 2 < full  # 20 of 70: the short description and its spelling
    # no journal: the critical-process rule can neither deduct nor auto-fail
    assert lacks(READS["incident_logging"]["critical_process"], missing)
    env = {"TQRS_DB": str(tmp_path / "cli.duckdb"), "PATH": ""}

    def tqrs(*args: str) -> str:
        out = subprocess.run(
            [sys.executable, "-m", "tqrs", *args], capture_output=True, text=True, env=env
        )
        assert out.returncode == 0, out.stderr
        return out.stdout

    session = tqrs("ingest", str(path)).strip().splitlines()[-1]
    summary = tqrs("evaluate", session, "--offline", "--rubric", "incident_logging")
    assert f"too little to judge: {n:,}" in summary  # 95 of them passed before
    assert "pass rate" not in summary
    report = tmp_path / "duke.csv"
    tqrs("report", session, "--format", "csv", "--out", str(report))
    with open(report, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == n
    assert {(r["verdict"], r["pass"], r["band"], r["rubric_max"]) for r in rows} == {
        ("too_little", "", "N/A", str(full))
    }
    judged = {int(r["max"]) for r in rows}
    assert max(judged) <= carried
    assert {r["judged"] for r in rows} == {f"{j} of {full} points judged" for j in judged}
    tqrs("report", session, "--format", "json", "--out", str(tmp_path / "duke.json"))
    doc = json.loads((tmp_path / "duke.json").read_text(encoding="utf-8"))
    assert (doc["summary"]["too_little"], doc["summary"]["passed"]) == (n, 0)
    assert doc["summary"]["pass_rate"] is None
    assert {(t["verdict"], t["passed"], t["rubric_max"]) for t in doc["tickets"]} == {
        ("too_little", None, full)
    }


def _result(criterion, option: str) -> CriterionResult:
    return CriterionResult.from_option(criterion, option, "rule")


def _na_or_absent(criterion) -> CriterionResult:
    if any(o.kind == "na" for o in criterion.options):
        return _result(criterion, "N/A")
    return not_assessable(criterion, frozenset().union(*criterion.needs))


def test_a_short_description_alone_is_too_little_and_half_the_rubric_is_enough():
    rubric = load_rubric("incident_logging")  # 70 points, min_judged_percent 50
    by_id = {c.id: c for c in rubric.criteria}
    base = {cid: _na_or_absent(c) for cid, c in by_id.items()}
    top = {cid: c.options[0].label for cid, c in by_id.items()}
    alone = dict(
        base, short_description=_result(by_id["short_description"], top["short_description"])
    )
    s = score_ticket(rubric, 1, "A", alone)
    # it passed at 100 % before, in the top band
    assert (s.verdict, s.passed, s.band, s.max_points, s.percent) == (
        "too_little",
        False,
        "N/A",
        10,
        100.0,
    )
    # 40 of 70 points judged (short description, categorization, description): a verdict
    judged = ("short_description", "categorization", "description_quality")
    enough = dict(base, **{cid: _result(by_id[cid], top[cid]) for cid in judged})
    s = score_ticket(rubric, 1, "B", enough)
    assert (s.verdict, s.passed, s.max_points, s.band) == ("pass", True, 40, "BLUE")
    # an auto-fail is a judgement: it fails however little else was judged
    cp = by_id["critical_process"]
    failed = dict(alone, critical_process=_result(cp, "FAIL"))
    s = score_ticket(rubric, 1, "C", failed)
    assert (s.verdict, s.band) == ("fail", rubric.failed_band.name)


def test_the_threshold_is_a_checked_rubric_parameter(tmp_path):
    data = json.loads((ROOT / "data" / "rubrics" / "incident_logging.json").read_text())
    assert data["parameters"]["min_judged_percent"] == 50
    data["parameters"]["min_judged_percent"] = 150
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(TqrsError, match="min_judged_percent"):
        parse_rubric(bad.read_bytes(), str(bad))
    out = subprocess.run(
        [sys.executable, "-m", "tqrs", "rubrics", "--check", str(bad)],
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0 and "min_judged_percent" in out.stdout + out.stderr
    data["parameters"]["min_judged_percent"] = 10  # a short description alone is enough
    lenient = parse_rubric(json.dumps(data), "lenient")
    by_id = {c.id: c for c in lenient.criteria}
    alone = {cid: _na_or_absent(c) for cid, c in by_id.items()}
    alone["short_description"] = _result(by_id["short_description"], "10")
    assert score_ticket(lenient, 1, "A", alone).verdict == "pass"
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "tqrs",
            "rubrics",
            "--check",
            str(ROOT / "data" / "rubrics" / "incident_logging.json"),
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and "judged on at least 50 % of the maximum points" in out.stdout
