"""scripts/eval_quality.py: what counts as flagged, the confusion counts and ratios (hand
computed), and a real run over the evaluation set through the CLI that accounts for every
labelled incident of the half it measures."""

import collections
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import eval_quality  # noqa: E402

KINDS = {"10": "points", "5": "points", "0": "points", "N/A": "na", "PASS": "pass",
         "-35": "deduction", "FAIL": "fail"}  # fmt: skip


@pytest.mark.parametrize(
    ("criterion", "expected"),
    [
        ({"option": "10", "points": 10, "max": 10}, "clear"),
        ({"option": "5", "points": 5, "max": 10}, "flagged"),
        ({"option": "N/A", "points": 0, "max": 0}, "clear"),
        ({"option": "PASS", "points": 0, "max": 0}, "clear"),
        # A deduction is reported with points 0 of max 0: its option kind decides.
        ({"option": "-35", "points": 0, "max": 0}, "flagged"),
        ({"option": "-35", "points": -35, "max": 0}, "flagged"),
        ({"option": "FAIL", "points": 0, "max": 0}, "flagged"),
        ({"option": None, "points": 0, "max": 0, "status": "not_assessable"}, "not_assessable"),
        ({"option": "10", "points": 10, "max": 10, "status": "scored"}, "clear"),
    ],
)
def test_flagged_means_it_costs_points_or_auto_fails(criterion, expected):
    assert eval_quality.verdict(criterion, KINDS) == expected


def _label(number, criterion, defect, convention=True):
    return {"number": number, "rubric": "r", "criterion_id": criterion, "defect": defect,
            "sd_convention": convention, "split": "tune"}  # fmt: skip


def _crit(cid, option, points, maximum, method="rule", **extra):
    return {"id": cid, "option": option, "points": points, "max": maximum, "method": method,
            **extra}  # fmt: skip


def test_measure_counts_by_hand():
    labels = [
        _label("A", "x", True), _label("A", "y", None),
        _label("B", "x", False), _label("B", "y", True),
        _label("C", "x", True), _label("C", "y", False, ),
        _label("D", "x", False, convention=False), _label("D", "y", None, convention=False),
    ]  # fmt: skip
    report = {"tickets": [
        {"number": "A", "passed": False,
         "criteria": [_crit("x", "0", 0, 10), _crit("y", "-35", 0, 0)]},
        {"number": "B", "passed": False,
         "criteria": [_crit("x", "10", 10, 10), _crit("y", "5", 5, 10, "offline")]},
        {"number": "C", "passed": True,
         "criteria": [_crit("x", None, 0, 0, status="not_assessable"), _crit("y", "10", 10, 10)]},
        {"number": "D", "passed": True,
         "criteria": [_crit("x", "10", 10, 10), _crit("y", "N/A", 0, 0)]},
        {"number": "Z", "passed": True, "criteria": [_crit("x", "0", 0, 10)]},  # not labelled
    ]}  # fmt: skip
    kinds = {
        ("r", "x"): {"method": "rule", "kinds": KINDS},
        ("r", "y"): {"method": "llm", "kinds": KINDS},
    }
    result = eval_quality.measure(labels, {"r": report}, kinds)["r"]
    x, y = result["criteria"]["x"], result["criteria"]["y"]
    # x: A flagged+defect (TP), B clear+clean (TN), C not assessable+defect (FN), D clear (TN).
    assert (x["tp"], x["fp"], x["fn"], x["tn"]) == (1, 0, 1, 2)
    assert (x["precision"], x["recall"], x["f1"], x["support"]) == (1.0, 0.5, 0.667, 2)
    assert x["not_assessable"] == 1 and x["rule_share"] == 1.0
    # y: A -35 on an N/A label (FP), B 5/10 defect (TP), C clear (TN), D N/A (TN).
    assert (y["tp"], y["fp"], y["fn"], y["tn"]) == (1, 1, 0, 2)
    assert (y["precision"], y["recall"], y["support"], y["rule_share"]) == (0.5, 1.0, 1, 0.75)
    # --misses lists exactly the false flags and misses
    assert [(m["number"], m["kind"]) for m in x["misses"]] == [("C", "missed")]
    assert [(m["number"], m["kind"]) for m in y["misses"]] == [("A", "false flag")]
    # Clean under r: only D (A, B, C have a defect); D passed and does not follow the convention.
    assert result["clean"] == {"clean_too_little": 0, "clean": 1, "clean_passed": 1,
                               "pass_rate": 1.0,
                               "clean_4part": 0, "clean_4part_passed": 0,
                               "pass_rate_4part": None}  # fmt: skip


@pytest.mark.slow
def test_a_real_run_accounts_for_every_labelled_incident_of_the_half(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "eval_quality.py"), "--split", "report",
         "--rubric", "incident_logging", "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)["rubrics"]["incident_logging"]
    lines = (ROOT / "tests" / "eval_set" / "labels.jsonl").read_text().splitlines()
    rows = [json.loads(line) for line in lines]
    rows = [r for r in rows if r["split"] == "report" and r["rubric"] == "incident_logging"]
    tickets = {r["number"] for r in rows}
    defects = collections.Counter(r["criterion_id"] for r in rows if r["defect"] is True)
    rubric = json.loads((ROOT / "data" / "rubrics" / "incident_logging.json").read_text())
    assert set(result["criteria"]) == {c["id"] for c in rubric["criteria"]}
    for cid, row in result["criteria"].items():
        assert row["support"] == defects[cid]
        assert row["tp"] + row["fp"] + row["fn"] + row["tn"] == len(tickets)
    # a clean ticket judged on too little has no verdict: counted apart
    assert result["clean"]["clean"] + result["clean"]["clean_too_little"] == sum(
        all(r["defect"] is not True for r in rows if r["number"] == n) for n in tickets
    )


def test_an_unknown_rubric_is_refused_with_one_line():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "eval_quality.py"), "--rubric", "no_such_rubric"],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ") and proc.stderr.count("\n") == 1
    assert "no_such_rubric" in proc.stderr


@pytest.mark.parametrize("split", ["report", "all"])
def test_misses_are_listed_for_the_tune_half_only(split):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "eval_quality.py"), "--split", split, "--misses"],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("error: ") and proc.stderr.count("\n") == 1
    assert "tune" in proc.stderr


def test_citations_are_judged_by_the_labelled_sample():
    # Two labelled pairs of the sample: INC2002007 troubleshooting (nothing fits a virus
    # ticket) and INC2003005 troubleshooting ("Connected but nothing works" fits).
    report = {"tickets": [
        {"number": "INC2002007", "criteria": [
            {"id": "troubleshooting", "reasoning": "Relevant procedure: [printer-troubleshooting"
             ".txt: PRINTER AND SCANNER TROUBLESHOOTING > 2. Nothing prints > 2.2 Laptop side]."}]},
        {"number": "INC2003005", "criteria": [
            {"id": "troubleshooting", "reasoning": "",
             "citations": [{"text": "[vpn-troubleshooting.html: Remote Access VPN Troubleshooting"
                            " Guide > Connected but nothing works]"}],
             "coaching": "See [vpn-troubleshooting.html: Remote Access VPN Troubleshooting Guide"
                         " > Before you start]."}]},
        {"number": "INC9999999", "criteria": [
            {"id": "troubleshooting", "reasoning": "[password-reset-sop.md: X > Y]"}]},
    ]}  # fmt: skip
    result = eval_quality.measure_citations({"incident_handling": report})
    # 3 sections cited on labelled pairs; "Before you start" is not in the sample.
    assert (result["cited"], result["labelled"], result["fitting"]) == (3, 2, 1)
    assert result["share_fitting"] == 0.5


def test_generic_labels_derive_from_the_original_ones():
    """Read from labels.jsonl by hand: INC2004014 is Network / VPN on an Excel crash
    (categorization "5", both fields set), INC0007001 has no subcategory, INC2002016 is a VIP
    left at P4 (-35), INC2034017 a managing director at P3 (-35, rule 12)."""
    rows = {
        (r["number"], r["criterion_id"]): r["defect"]
        for r in eval_quality.load_labels("all")
        if r["rubric"] == "incident_quality"
    }
    assert rows[("INC2004014", "category_fit")] is True
    assert rows[("INC2004014", "categorization")] is False
    assert rows[("INC0007001", "categorization")] is True
    assert rows[("INC0007001", "category_fit")] is False
    assert rows[("INC2002016", "critical_process")] is None
    # a VIP by role whose note cites the audit's VIP rule by number, not the word "VIP":
    # INC2034017 "rule 12: managing director, priority 3 and no escalation recorded: -35"
    assert rows[("INC2034017", "critical_process")] is None
    assert ("INC2002016", "short_description") not in rows  # the generic form is not labelled
    originals = [r for r in eval_quality.load_labels("all") if r["rubric"] == "incident_handling"]
    for r in originals:
        if r["criterion_id"] == "user_confirmation":
            assert rows[(r["number"], "user_confirmation")] == r["defect"]


def test_numbers_restrict_the_labels_to_a_batch_of_incidents():
    lines = (ROOT / "tests" / "eval_set" / "labels.jsonl").read_text().splitlines()
    rows = [json.loads(line) for line in lines]
    batch = {r["number"] for r in rows if r["number"].startswith("INC2009")}
    assert len(batch) == 30  # source/09_procedure_variants.txt
    got = eval_quality.load_labels("all", prefixes=("INC2009",))
    assert {r["number"] for r in got} == batch
    tuned = eval_quality.load_labels("tune", prefixes=("INC2009", "INC0010001"))
    want = {r["number"] for r in rows if r["split"] == "tune"} & (batch | {"INC0010001"})
    assert {r["number"] for r in tuned} == want
