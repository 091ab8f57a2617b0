"""The effective score, defined once: an override re-derives the criteria that depend on it
(critical process <- caller validation) with the trail kept, an auto-failed ticket reads as
failed everywhere, and every reader (Review table, report, profiles) sees the same values.
A database from before (schema 5, overrides saved by the old code) reads the same way."""

import json

import orjson
import pytest

from tests.conftest import incident, write_export
from tqrs.agents import build_profiles
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.reports import load_report, render
from tqrs.review import load_ticket_review, override_criterion
from tqrs.rubric import load_rubric
from tqrs.store import Store
from tqrs.store.results import ReviewFilter, query_page

# A clean ticket but for one thing: the password was reset with no caller validation noted.
RESET = incident(
    1,
    short_description="ACME Finance - London - Active Directory - Password reset, locked out",
    description="Since this morning the user is locked out of Windows after three wrong "
    "passwords and cannot work on the month-end invoices; the error says the account is "
    "locked.",
    category="Access",
    subcategory="Password reset",
    business_service="Identity",
    cmdb_ci="Active Directory",
    work_notes="2025-12-10 04:40:00 - Priya Raman (Work notes)\nUnlocked the account and "
    "reset the password; user logged in.",
)


@pytest.fixture
def reset_run(store, tmp_path):
    session = ingest_files(store, [write_export(tmp_path / "r.json", [RESET])], "r").session_id
    run = evaluate_offline(store, session, "incident_logging")
    (row,), _ = query_page(store, run, ReviewFilter())
    return store, run, row["ticket_id"]


def _criteria(review) -> dict:
    return {v.effective.criterion_id: v for v in review.criteria}


def test_overriding_the_cause_re_derives_the_auto_fail_with_the_trail(reset_run):
    store, run, ticket = reset_run
    before = load_ticket_review(store, run, ticket)
    crit = _criteria(before)
    assert crit["caller_validation"].effective.option == "0"
    assert crit["critical_process"].effective.option == "FAIL"
    assert before.effective.auto_fail and before.effective.band == "PURPLE"  # not YELLOW
    assert (before.effective.score, before.effective.max_points) == (60, 70)

    override_criterion(
        store, run, ticket, "caller_validation", "10", "validated by phone callback", "ana"
    )
    after = load_ticket_review(store, run, ticket)
    crit = _criteria(after)
    assert crit["caller_validation"].source == "override"
    derived = crit["critical_process"]
    assert (derived.source, derived.original.option, derived.effective.option) == (
        "derived",
        "FAIL",
        "PASS",
    )
    assert "Re-derived after the override of 'Caller validation documented'" in (
        derived.effective.reasoning
    )
    e = after.effective
    assert (e.score, e.max_points, e.band, e.passed, e.auto_fail) == (70, 70, "BLUE", True, False)
    assert after.original == before.original  # as judged, untouched
    assert [h["criterion_id"] for h in after.history] == ["caller_validation"]  # the trail

    (row,), _ = query_page(store, run, ReviewFilter())
    assert (row["band"], row["passed"], row["auto_fail"], row["overridden"]) == (
        "BLUE",
        True,
        False,
        True,
    )
    assert query_page(store, run, ReviewFilter(failed_criterion="critical_process"))[1] == 0
    report = orjson.loads(render(load_report(store, run), "json")[""])
    (t,) = report["tickets"]
    assert (t["band"], t["passed"], t["auto_fail"], t["score"]) == ("BLUE", True, False, 70)
    by_id = {c["id"]: c for c in t["criteria"]}
    assert by_id["critical_process"]["option"] == "PASS"
    assert by_id["caller_validation"]["override"]["judged_option"] == "0"
    profile = build_profiles(store, run).agents[0]
    assert profile.auto_fails == 0 and profile.pass_rate == 1.0
    rates = {c.criterion_id: c.failed for c in profile.criteria}
    assert rates["critical_process"] == rates["caller_validation"] == 0

    # An analyst's own option on the derived criterion wins over the derivation.
    override_criterion(store, run, ticket, "critical_process", "FAIL", "no ticket for it", "bob")
    again = load_ticket_review(store, run, ticket)
    assert _criteria(again)["critical_process"].source == "override"
    assert again.effective.auto_fail and again.effective.band == "PURPLE"


def test_auto_failed_tickets_take_the_fail_band_in_every_view(store):
    from tqrs.config import SAMPLES_DIR

    session = ingest_files(store, [SAMPLES_DIR / "incidents.json"], "s").session_id
    run = evaluate_offline(store, session, "incident_logging")
    rows, _ = query_page(store, run, ReviewFilter(), limit=500)
    failed = [r for r in rows if r["auto_fail"]]
    assert failed and all(r["band"] == "PURPLE" and not r["passed"] for r in failed)
    summary = load_report(store, run).summary
    assert summary.bands["PURPLE"] >= len(failed) == summary.auto_fails


def test_a_schema_5_database_with_old_overrides_reads_the_same(tmp_path, monkeypatch):
    import tqrs.store.base

    rubric = load_rubric("incident_logging").model_copy(update={"version": "1.0"})
    path = tmp_path / "old.duckdb"
    monkeypatch.setattr(tqrs.store.base, "MIGRATIONS", tqrs.store.base.MIGRATIONS[:5])
    with Store(path) as old:  # what the code before migration 6 wrote
        cur = old.cursor()
        cur.execute(
            "INSERT INTO runs (session_id, rubric_id, rubric_version, rubric_json, judge, model, "
            "status, started_at, tickets_total) VALUES (1, 'incident_logging', '1.0', ?, "
            "'offline', 'offline-heuristics-v1', 'completed', now(), 1)",
            [rubric.model_dump_json()],
        )
        cur.execute(
            "INSERT INTO ticket_results VALUES (1, 7, 'INC7', 70, 70, 100, 'BLUE', false, true, "
            "'scored', NULL, 0, 0, 0, false, now())"
        )
        for position, (cid, option, points, maximum, deduction, applicable, fail) in enumerate(
            [
                ("caller_validation", "0", 0, 10, 0, True, False),
                ("critical_process", "FAIL", 0, 0, 0, True, True),
                ("spelling_grammar", "10", 10, 10, 0, True, False),
            ]
        ):
            cur.execute(
                "INSERT INTO criterion_results VALUES (1, 7, ?, ?, ?, 'rule', 'scored', ?, ?, ?, "
                "?, ?, ?, '', '', '', NULL, NULL, NULL, [])",
                [cid, position, cid.title(), option, points, maximum, deduction, applicable, fail],
            )
        cur.execute(
            "INSERT INTO criterion_overrides (run_id, ticket_id, criterion_id, original_option, "
            "original_points, new_option, new_points, failed, note, reviewer, created_at) VALUES "
            "(1, 7, 'spelling_grammar', '10', 10, '5', 5, true, 'typos', 'ana', now()), "
            "(1, 7, 'spelling_grammar', '5', 5, 'N/A', 0, false, 'not English', 'ana', now())"
        )
        cur.execute(
            "INSERT INTO effective_scores VALUES (1, 7, 60, 60, 100, 'BLUE', false, true, "
            "'scored', now())"
        )
    monkeypatch.undo()
    with Store(path) as store:  # migrations 6, 7, 8 run now
        failed = dict(store.query("SELECT criterion_id, failed FROM criterion_results"))
        assert failed == {
            "caller_validation": True,
            "critical_process": True,
            "spelling_grammar": False,
        }
        (spelling,) = store.query_dicts(
            "SELECT * FROM effective_criterion_results WHERE criterion_id = 'spelling_grammar'"
        )
        assert (spelling["option"], spelling["applicable"], spelling["max_points"]) == (
            "N/A",
            False,
            0,
        )
        assert (spelling["source"], spelling["judged_option"], spelling["failed"]) == (
            "override",
            "10",
            False,
        )
        bands = store.query(
            "SELECT band FROM ticket_results UNION ALL SELECT band FROM effective_scores"
        )
        assert bands == [("PURPLE",), ("PURPLE",)]  # auto-fail: the rubric's lowest band
        (ticket,) = store.query_dicts("SELECT * FROM effective_ticket_results")
        assert (ticket["score"], ticket["overridden"], ticket["judged_band"]) == (
            60,
            True,
            "PURPLE",
        )
        assert json.loads(store.query("SELECT rubric_json FROM runs")[0][0])["version"] == "1.0"
        assert store.query("SELECT endpoint FROM runs") == [("",)]
