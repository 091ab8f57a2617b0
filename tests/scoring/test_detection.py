"""The bundled sample set against its own answer key: every planted defect must be found by
the criterion it targets, and the deterministic rules must be precise (few false alarms)."""

import json
import subprocess
import sys
from collections import defaultdict

import pytest

from tqrs.config import PROJECT_ROOT, SAMPLES_DIR
from tqrs.evaluate import DEFAULT_RUBRICS, evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.rubric import load_rubric
from tqrs.store import Store
from tqrs.store import runs as db

MIN_RULE_PRECISION = MIN_RULE_RECALL = 0.9


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """{rubric id: {number: TicketScore}} for incidents.json, and the answer key."""
    key = json.loads((SAMPLES_DIR / "defects.json").read_text())
    with Store(tmp_path_factory.mktemp("det") / "x.duckdb") as store:
        session = ingest_files(store, [SAMPLES_DIR / "incidents.json"], "samples").session_id
        out = {}
        for rid in DEFAULT_RUBRICS:
            run = evaluate_offline(store, session, rid)
            out[rid] = {s.number: s for s in db.iter_ticket_scores(store, run)}
    return out, key


def test_bundled_samples_are_what_the_generator_writes(tmp_path):
    subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "make_samples.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in ("incidents.json", "incidents.csv", "defects.json"):
        assert (tmp_path / name).read_bytes() == (SAMPLES_DIR / name).read_bytes(), name


def test_sample_set_shape(scored):
    results, key = scored
    tickets = key["tickets"]
    assert len(tickets) == 200
    clean = [n for n, d in tickets.items() if not d]
    assert 0.2 <= len(clean) / len(tickets) <= 0.45
    planted = {d for ds in tickets.values() for d in ds}
    assert planted == set(key["checks"])  # every defect kind occurs
    for rid in DEFAULT_RUBRICS:
        targeted = {c for checks in key["checks"].values() for r, c in checks if r == rid}
        assert targeted == {c.id for c in load_rubric(rid).criteria}  # every criterion tested
        rate = sum(s.passed for s in results[rid].values()) / len(results[rid])
        assert 0.3 <= rate <= 0.6, (rid, rate)


def _confusion(results, key, rid):
    expected, found = defaultdict(set), defaultdict(set)
    for number, defects in key["tickets"].items():
        for defect in defects:
            for r, criterion in key["checks"][defect]:
                if r == rid:
                    expected[criterion].add(number)
    for number, score in results[rid].items():
        for c in score.criteria:
            if c.failed:
                found[c.criterion_id].add(number)
    return expected, found


@pytest.mark.parametrize("rid", DEFAULT_RUBRICS)
def test_every_planted_defect_is_found(scored, rid):
    results, key = scored
    expected, found = _confusion(results, key, rid)
    missed = {c: sorted(expected[c] - found[c]) for c in expected if expected[c] - found[c]}
    assert not missed


@pytest.mark.parametrize("rid", DEFAULT_RUBRICS)
def test_precision_and_recall_per_criterion(scored, rid, capsys):
    results, key = scored
    rubric = load_rubric(rid)
    expected, found = _confusion(results, key, rid)
    lines = []
    for c in rubric.criteria:
        tp = len(expected[c.id] & found[c.id])
        precision = tp / len(found[c.id]) if found[c.id] else 1.0
        recall = tp / len(expected[c.id]) if expected[c.id] else 1.0
        lines.append(
            f"{rid:18} {c.id:20} {c.method:4} planted {len(expected[c.id]):3} "
            f"flagged {len(found[c.id]):3} precision {precision:.2f} recall {recall:.2f}"
        )
        if c.method == "rule":
            assert precision >= MIN_RULE_PRECISION, lines[-1]
            assert recall >= MIN_RULE_RECALL, lines[-1]
    with capsys.disabled():
        print("\n" + "\n".join(lines))


def test_non_english_and_empty_tickets(scored):
    results, key = scored
    logging = results["incident_logging"]
    for number in ("INC0010017", "INC0010088", "INC0010143"):
        by = {c.criterion_id: c for c in logging[number].criteria}
        assert by["spelling_grammar"].option == "N/A"
        assert logging[number].status == "scored"
    for number in ("INC0010051", "INC0010177"):
        s = logging[number]
        assert s.status == "scored" and not s.passed
        assert "empty_text" in key["tickets"][number]


def test_csv_list_export_scores_like_the_json_export(tmp_path, scored):
    results, _ = scored
    with Store(tmp_path / "csv.duckdb") as store:
        session = ingest_files(store, [SAMPLES_DIR / "incidents.csv"], "csv").session_id
        for rid in DEFAULT_RUBRICS:
            run = evaluate_offline(store, session, rid)
            csv_scores = list(db.iter_ticket_scores(store, run))
            assert len(csv_scores) == 50
            for s in csv_scores:
                assert (s.score, s.passed, s.band) == (
                    results[rid][s.number].score,
                    results[rid][s.number].passed,
                    results[rid][s.number].band,
                ), (rid, s.number)
