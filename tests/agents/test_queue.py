"""The review queue and the calibration sample on the sample run."""

import json

import numpy as np
import pytest

from tests.app.conftest import SAMPLE
from tqrs.embeddings import FakeEmbedder
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.knowledge.tickets import embed_tickets
from tqrs.neighbours import neighbour_gaps
from tqrs.queue import GAP, calibration_sample, review_queue
from tqrs.reports import render
from tqrs.reports.data import load_report
from tqrs.review import iter_effective_scores, mark_reviewed, run_rubric


@pytest.fixture
def run(store):
    session = ingest_files(store, [SAMPLE], "Sample").session_id
    return session, evaluate_offline(store, session, "incident_logging")


def test_queue_orders_by_risk_and_skips_reviewed(store, run):
    _, run_id = run
    scores = {s.ticket_id: s for s, _ in iter_effective_scores(store, run_id)}
    pass_line = run_rubric(store, run_id).pass_percent
    queue = review_queue(store, run_id, limit=None)
    auto = {t for t, s in scores.items() if s.auto_fail}
    near = {t for t, s in scores.items() if not s.auto_fail and 0 < pass_line - s.percent <= 10}
    assert auto and near
    assert {i.ticket_id for i in queue} == auto | near  # no vectors, no unscored criteria
    assert {i.ticket_id for i in queue[: len(auto)]} == auto  # auto-fails first
    risks = [i.risk for i in queue]
    assert risks == sorted(risks, reverse=True)
    closer = [i for i in queue if i.ticket_id in near]
    gaps = [pass_line - i.percent for i in closer]
    assert gaps == sorted(gaps)  # nearer the pass line ranks higher
    mark_reviewed(store, run_id, queue[0].ticket_id, "ann")
    assert queue[0].ticket_id not in {i.ticket_id for i in review_queue(store, run_id, None)}
    assert len(review_queue(store, run_id, limit=5)) == 5


def test_neighbour_gaps_against_brute_force(store, run):
    session, run_id = run
    percents = {s.ticket_id: s.percent for s, _ in iter_effective_scores(store, run_id)}
    assert neighbour_gaps(store, session, percents) == {}  # not embedded: nothing
    embedder = FakeEmbedder()
    embed_tickets(store, embedder, session)
    gaps = neighbour_gaps(store, session, percents, k=3)
    from tqrs.store.knowledge import session_vectors

    ids, vectors = session_vectors(store, session, embedder.model_id)
    for i in (0, 17, len(ids) - 1):
        sims = [(float(np.dot(vectors[i], vectors[j])), ids[j]) for j in range(len(ids)) if j != i]
        top = sorted(sims, reverse=True)[:3]
        expected = abs(percents[ids[i]] - sum(percents[t] for _, t in top) / 3)
        assert gaps[ids[i]] == pytest.approx(expected, abs=1e-6)
    flagged = {t for t, g in neighbour_gaps(store, session, percents).items() if g >= GAP}
    queued = {
        i.ticket_id
        for i in review_queue(store, run_id, None)
        if any("similar tickets" in r for r in i.reasons)
    }
    assert flagged and queued == flagged


def test_calibration_sample_sets_are_disjoint_and_seeded(store, run):
    _, run_id = run
    sample = calibration_sample(store, run_id, 5, 5, 5, seed=1)
    ids = [i.ticket_id for items in sample.values() for i in items]
    assert len(ids) == len(set(ids)) == len(sample["least_sure"]) + 5 + 5
    pass_line = run_rubric(store, run_id).pass_percent
    near = [abs(i.percent - pass_line) for i in sample["near_pass"]]
    assert near == sorted(near)
    assert calibration_sample(store, run_id, 5, 5, 5, seed=1) == sample
    assert calibration_sample(store, run_id, 5, 5, 5, seed=2)["control"] != sample["control"]
    for i in sample["near_pass"]:
        mark_reviewed(store, run_id, i.ticket_id, "ann")
    again = calibration_sample(store, run_id, 5, 5, 5, seed=1)
    assert not {i.ticket_id for i in again["near_pass"]} & {
        i.ticket_id for i in sample["near_pass"]
    }


def test_rule_verdicts_read_offline_are_queued_by_name(store, run):
    """A rule criterion the rule left open and the offline heuristics scored as lost is a
    reason to look (their reading of open text is the least sure verdict offline); the
    tickets are read back from the run's JSON report, parsed with the json module."""
    _, run_id = run
    report = json.loads(render(load_report(store, run_id), "json")[""])
    rule_ids = {c.id for c in run_rubric(store, run_id).rule_criteria}
    expected = {
        t["number"]: sorted(
            c["title"]
            for c in t["criteria"]
            if c["id"] in rule_ids
            and c["method"] == "offline"
            and c["status"] == "scored"
            and (c["points"] < c["max"] or c.get("auto_fail"))
        )
        for t in report["tickets"]
    }
    expected = {n: titles for n, titles in expected.items() if titles}
    assert expected  # the sample holds validations the rule cannot settle
    queue = {i.number: i for i in review_queue(store, run_id, None)}
    named = {
        n: r.split(": ", 1)[1].split(", ")
        for n, i in queue.items()
        for r in i.reasons
        if r.startswith("the rule could not tell")
    }
    assert named == expected
    doubt = calibration_sample(store, run_id, least_sure=100, near_pass=0, control=0)
    unsure = {i.number for i in doubt["least_sure"]}
    assert set(expected) <= unsure


def test_one_criterion_in_the_singular():
    """A ticket's reasons to doubt read "1 criteria not graded" for one criterion."""
    from tqrs.queue import _doubt_reasons

    signals = {"ticket_id": 1, "unscored": 1, "evidence_not_found": 1, "open_offline": []}
    assert _doubt_reasons(signals | {"partial": 1}, {}) == [
        "1 criterion not graded",
        "1 criterion with evidence not found",
        "1 judge criterion at a partial option",
    ]
    assert _doubt_reasons(signals | {"unscored": 2, "partial": 0}, {})[0] == "2 criteria not graded"
