"""scripts/eval_hybrid.py without a server: which criteria count as deferred, the sample
draw, and the comparison of an offline and an LLM report against labels (hand computed)."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import eval_hybrid  # noqa: E402

POINTS = {"10": "points", "0": "points", "N/A": "na"}
PROCESS = {"PASS": "pass", "N/A": "na", "-35": "deduction", "FAIL": "fail"}
KINDS = {
    ("r", "cv"): {"method": "rule", "kinds": POINTS},
    ("r", "cp"): {"method": "rule", "kinds": PROCESS},
    ("r", "dq"): {"method": "llm", "kinds": POINTS},
}


def _c(cid, method, option, points, maximum, status="scored"):
    return {"id": cid, "method": method, "option": option, "points": points, "max": maximum,
            "status": status}  # fmt: skip


def _t(number, *criteria):
    return {"number": number, "criteria": list(criteria)}


def _label(number, cid, defect):
    return {"number": number, "rubric": "r", "criterion_id": cid, "defect": defect}


OFFLINE = {"tickets": [
    _t("A", _c("cv", "offline", "0", 0, 10), _c("cp", "rule", "PASS", 0, 0),
       _c("dq", "offline", "0", 0, 20)),
    _t("B", _c("cv", "offline", "10", 10, 10), _c("cp", "offline", "-35", 0, 0),
       _c("dq", "offline", "20", 20, 20)),
    _t("C", _c("cv", "rule", "10", 10, 10), _c("cp", "rule", "PASS", 0, 0),
       _c("dq", "offline", "20", 20, 20)),
    _t("D", _c("cv", "offline", "0", 0, 10), _c("cp", "rule", "PASS", 0, 0)),
]}  # fmt: skip
LLM = {"tickets": [
    _t("A", _c("cv", "llm", "10", 10, 10), _c("cp", "rule", "PASS", 0, 0),
       _c("dq", "llm", "0", 0, 20)),
    _t("B", _c("cv", "llm", None, 0, 0, status="evidence_not_found"),
       _c("cp", "llm", "PASS", 0, 0), _c("dq", "llm", None, 0, 0, status="unscored")),
    _t("C", _c("cv", "rule", "10", 10, 10), _c("cp", "rule", "N/A", 0, 0),
       _c("dq", "llm", "20", 20, 20)),
]}  # fmt: skip
LABELS = [_label("A", "cv", True), _label("B", "cv", False), _label("B", "cp", True),
          _label("C", "cv", False), _label("D", "cv", True)]  # fmt: skip


def test_deferred_is_a_rule_criterion_not_decided_by_its_rule():
    got = eval_hybrid.deferred(OFFLINE, "r", KINDS)
    assert got == {"A": ["cv"], "B": ["cv", "cp"], "D": ["cv"]}  # dq is an llm criterion


def test_the_draw_is_fixed_by_the_seed_and_not_by_the_order_given():
    pool = [f"INC{i:03}" for i in range(50)]
    first = eval_hybrid.draw(pool, 10, 0)
    assert first == eval_hybrid.draw(list(reversed(pool)), 10, 0)
    assert len(set(first)) == 10 and set(first) <= set(pool)
    assert eval_hybrid.draw(pool[:3], 10, 0) != [] and len(eval_hybrid.draw(pool[:3], 10, 0)) == 3


def test_numbers_given_are_the_sample_in_their_order_once_each():
    labelled = {"INC1", "INC2", "INC3"}
    got = eval_hybrid.pinned(["INC3", "INC1", "INC3"], labelled, "report", "r")
    assert got == ["INC3", "INC1"]


def test_a_number_not_labelled_in_the_half_is_refused_by_name():
    with pytest.raises(eval_hybrid.CliError, match=r"report half under r: INC9, INC8$"):
        eval_hybrid.pinned(["INC1", "INC9", "INC8"], {"INC1"}, "report", "r")


def test_compare_counts_by_hand():
    got = eval_hybrid.compare(LABELS, OFFLINE, LLM, "r", KINDS)
    # cv deferred on A and B (D was not reached): A a defect the offline reading flagged and
    # the LLM cleared; B no defect, cleared offline, evidence not found by the LLM.
    assert got["criteria"]["cv"] == {
        "deferred": 2, "support": 1, "offline_tp": 1, "offline_tn": 1,
        "llm_fn": 1, "llm_tn": 1, "evidence_not_found": 1,
    }  # fmt: skip
    # cp deferred on B only: a defect flagged offline (-35), PASS by the LLM.
    assert got["criteria"]["cp"] == {"deferred": 1, "support": 1, "offline_tp": 1, "llm_fn": 1}
    # rule-decided: A cp and C cv identical, C cp moved (PASS -> N/A); dq is not a rule's.
    assert got["rule_same"] == 2
    assert got["rule_changed"] == ["C cp"]
    assert got["not_reached"] == ["D"]
