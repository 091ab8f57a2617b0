"""Detection measured on what the rules were not written from: the labelled evaluation set
(tests/eval_set/, labelled by reading, see its LABELLING.md) and cases written here by hand
from public service-desk procedures (tqrs/rules/PHRASES.md), not from the rules' lists.

The set's `tune` half is the one the rules were tuned on; these tests hold them to it (a
change that loses precision or recall there fails). The `report` half is measured by
scripts/eval_quality.py for the README and asserted nowhere, so nobody tunes against it."""

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tqrs.engine import stages
from tqrs.ingest import ingest_files
from tqrs.judges.offline import OfflineJudge
from tqrs.rubric import load_rubric
from tqrs.rules import apply_rules
from tqrs.store import Store
from tqrs.store.sessions import iter_tickets

EVAL_SET = Path(__file__).resolve().parents[1] / "eval_set"
RUBRICS = ("incident_logging", "incident_handling")
RULE_BAR = 0.95  # deterministic criteria, precision and recall on the tune half
# Batches added after the last tuning round, kept out of these regression bars until a round
# has tuned on their tune half: until then both halves measure the rules out of sample
# (README, detection quality). Remove a prefix here in the round that tunes on it.
NOT_YET_TUNED: tuple[str, ...] = ("INC2014",)


@pytest.fixture(scope="module")
def tune_results(tmp_path_factory):
    """(labels of the tune half, {(rubric, number, criterion): (flagged, method)}) from an
    offline grading of the set through the engine's stages."""
    labels = [
        json.loads(line)
        for line in (EVAL_SET / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    labels = [
        r for r in labels if r["split"] == "tune" and not r["number"].startswith(NOT_YET_TUNED)
    ]
    with Store(tmp_path_factory.mktemp("eval") / "e.duckdb") as store:
        session = ingest_files(store, [EVAL_SET / "tickets.json"], "eval").session_id
        tickets = list(iter_tickets(store, session))
    judge, out = OfflineJudge(), {}
    for rid in RUBRICS:
        rubric = load_rubric(rid)
        for score in stages.grade_batch(judge, rubric, tickets):
            for c in score.criteria:
                flagged = c.status == "scored" and (
                    c.auto_fail or c.deduction < 0 or c.points < c.max_points
                )
                out[(rid, score.number, c.criterion_id)] = (flagged, c.method)
    return labels, out


def _confusion(labels, results):
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in labels:
        flagged, _method = results[(r["rubric"], r["number"], r["criterion_id"])]
        truth = r["defect"] is True
        key = ("tp" if truth else "fp") if flagged else ("fn" if truth else "tn")
        counts[(r["rubric"], r["criterion_id"])][key] += 1
    return counts


def test_the_set_covers_both_halves_and_every_criterion():
    lines = (EVAL_SET / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert {r["split"] for r in rows} == {"tune", "report"}
    for rid in RUBRICS:
        ids = {c.id for c in load_rubric(rid).criteria}
        assert {r["criterion_id"] for r in rows if r["rubric"] == rid} == ids


@pytest.mark.parametrize("rid", RUBRICS)
def test_rule_criteria_reach_the_bar_on_the_tune_half(tune_results, rid):
    labels, results = tune_results
    rubric = load_rubric(rid)
    for (r, cid), c in _confusion(labels, results).items():
        if r != rid or rubric.criterion(cid).method != "rule":
            continue
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        assert precision >= RULE_BAR and recall >= RULE_BAR, (cid, dict(c))


def test_open_criteria_are_decided_by_the_offline_judge(tune_results):
    """Some rule criteria are left open on real wording (the text does not settle them) and
    then carry the offline judge's verdict; most are decided by the rules."""
    _labels, results = tune_results
    methods = Counter(
        method
        for (rid, _n, cid), (_f, method) in results.items()
        if load_rubric(rid).criterion(cid).method == "rule"
    )
    assert methods["offline"] > 0
    assert methods["rule"] / sum(methods.values()) > 0.9


def test_user_confirmation_recall_and_precision_on_the_tune_half(tune_results):
    labels, results = tune_results
    c = _confusion(labels, results)[("incident_handling", "user_confirmation")]
    assert c["tp"] / (c["tp"] + c["fp"]) >= 0.85 and c["tp"] / (c["tp"] + c["fn"]) >= 0.85


# Hand-written cases: wording from public procedures (PHRASES.md), typos a person makes.
@pytest.mark.parametrize(
    ("channel", "note", "option"),
    [
        ("phone", "ID verified w/ Okta push & full name.", "10"),
        ("phone", "CALLER VERIFIED WITH EMPLOYEE ID AND DATE OF BIRTH.", "10"),
        ("phone", "Caller read back the code from the Duo push.", "10"),
        ("phone", "Identity confirmed: emp no + DOB matched HR record.", "10"),
        ("email", "Rang her back on the number on file; security questions answered.", "10"),
        ("walk-in", "Photo ID (passport) checked at the desk, matches HR photo.", "10"),
        ("chat", "Chat via SSO.", "10"),
        ("phone", "Chat via SSO.", "0"),
        ("phone", "Caller verified.", "0"),
        ("phone", "Could not verify the caller, no Duo device.", "0"),
        ("phone", "Rebooted the laptop, VPN connects.", "0"),
        ("monitoring", "Disk alert cleared.", "N/A"),
    ],
)
def test_caller_validation_wording(make_ticket, logging_rubric, channel, note, option):
    t = make_ticket(contact_type=channel, work_notes=note, description="Cannot log in.")
    rules = apply_rules(t, logging_rubric)
    got = (
        rules.get("caller_validation")
        or OfflineJudge().judge_ticket(t, logging_rubric, rules.open)["caller_validation"]
    )
    assert got.option == option, (note, got.reasoning)


def test_a_method_named_without_saying_it_was_used_is_left_open(make_ticket, logging_rubric):
    t = make_ticket(contact_type="phone", work_notes="User has a new phone for the Okta push.")
    rules = apply_rules(t, logging_rubric)
    assert "caller_validation" in rules.open and "caller_validation" not in rules


@pytest.mark.parametrize(
    ("text", "typos"),
    [
        ("reset the password fomr AD adn the user logged in", ["fomr", "adn"]),
        ("teh printer is offline, pls recieve the job again", ["teh", "recieve"]),
        ("user hasnt got access, doesnt see the share w/ netsh or scanpst", []),
        ("user hasn't got access, doesn\u2019t see it, the user's share won't map", []),
        ("Danke, alles gut. Gracias por la ayuda.", []),
        ("RESET THE USERS PASSWORD ADN TOLD HIM TO CHANGE IT AT LOGON", ["adn"]),
    ],
)
def test_spelling_catches_typos_not_jargon(text, typos):
    from tqrs.rules.spelling import misspellings

    assert misspellings(text)[0] == typos
