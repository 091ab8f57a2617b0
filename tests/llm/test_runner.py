"""The concurrent runner against the local server: bounded concurrency with no hidden cap,
results keyed by ticket whatever the order of answers, no loss or duplicate under faults,
the cache, cancel and resume, budget, progress."""

import asyncio
import time

from tqrs.engine import execute, plan_run
from tqrs.jobs import start_run
from tqrs.judges.llm import LLMJudge
from tqrs.llm.client import RetryPolicy
from tqrs.store import runs as db_runs


def _judge(settings, store):
    return LLMJudge(settings, store=store, policy=RetryPolicy(backoff=0.01))


def _run(store, session, rubric, judge, concurrency=8, **kw):
    plan = plan_run(store, session, rubric, judge, **kw)
    events = []
    final = asyncio.run(
        execute(store, plan, judge, concurrency=concurrency, on_progress=events.append)
    )
    return plan, final, events


def _rows(store, run_id):
    return store.query_dicts(
        "SELECT * FROM ticket_results WHERE run_id = ? ORDER BY ticket_id", [run_id]
    )


def test_concurrency_is_exactly_the_setting_with_no_hidden_cap(
    fake, llm_settings, store, make_session, handling_rubric
):
    fake.plan.latency, fake.plan.hold_until = 0.1, 30  # the first 30 answer once 30 are in
    session = make_session(60)
    _run(store, session, handling_rubric, _judge(llm_settings(), store), concurrency=30)
    assert fake.stats.max_in_flight == 30  # no thread pool under the loop capping it


def test_results_are_keyed_by_ticket_when_answers_arrive_out_of_order(
    fake, llm_settings, store, make_session, handling_rubric
):
    fake.plan.latency, fake.plan.jitter = 0.01, 0.08
    # Tickets whose number ends in 3 always get an invalid reply, so they fail after 2 tries.
    fake.fault_for = lambda body: "malformed" if "3\n" in _number_line(body) else None
    session = make_session(40)
    plan, final, _ = _run(store, session, handling_rubric, _judge(llm_settings(), store))
    rows = store.query(
        "SELECT t.number, c.evidence FROM criterion_results c JOIN tickets t "
        "ON t.id = c.ticket_id WHERE c.run_id = ? AND c.method = 'llm' "
        "AND c.status = 'scored'",
        [plan.run_id],
    )
    assert len(rows) == 36 * len(handling_rubric.llm_criteria)
    assert all(f"Number: {number}" in evidence for number, evidence in rows)
    failed = store.query(
        "SELECT t.number FROM ticket_results r JOIN tickets t "
        "ON t.id = r.ticket_id WHERE r.run_id = ? AND r.status = 'failed'",
        [plan.run_id],
    )
    assert sorted(n for (n,) in failed) == [f"INC{100000 + i:07d}" for i in range(3, 40, 10)]
    assert (final.done, final.failed) == (36, 4)


def _number_line(body: dict) -> str:
    user = body["messages"][1]["content"]
    start = user.index("Number:")
    return user[start : user.index("\n", start) + 1]


def test_faults_lose_and_duplicate_nothing_and_totals_stay_in_range(
    fake, llm_settings, store, make_session, handling_rubric
):
    fake.plan.latency, fake.plan.rate_429, fake.plan.rate_500 = 0.01, 0.10, 0.05
    fake.plan.retry_after = 0.05
    session = make_session(80)
    plan, final, _ = _run(store, session, handling_rubric, _judge(llm_settings(), store))
    rows = _rows(store, plan.run_id)
    assert len(rows) == 80 == len({r["ticket_id"] for r in rows})
    assert all(r["status"] == "scored" for r in rows)
    assert all(0 <= r["score"] <= r["max_points"] <= 70 and r["percent"] <= 100 for r in rows)
    faults = fake.stats.outcomes["429"] + fake.stats.outcomes["500"]
    assert faults > 0 and fake.stats.requests == 80 + faults == final.requests
    run = db_runs.get_run(store, plan.run_id)
    assert run.status == "completed" and run.tokens_in == final.tokens_in > 0


def test_second_identical_run_sends_zero_requests(
    fake, llm_settings, store, make_session, handling_rubric
):
    session = make_session(20)
    _run(store, session, handling_rubric, _judge(llm_settings(), store))
    assert fake.stats.requests == 20
    plan, final, _ = _run(store, session, handling_rubric, _judge(llm_settings(), store))
    assert fake.stats.requests == 20 and final.cached == 20 and final.cost == 0
    assert len(_rows(store, plan.run_id)) == 20


def test_cancel_then_resume_sends_only_the_missing_tickets(
    fake, llm_settings, store, make_session, handling_rubric
):
    fake.plan.latency = 0.05
    session = make_session(60)
    judge = _judge(llm_settings(), store)
    plan = plan_run(store, session, handling_rubric, judge)
    handle = start_run(store, plan, judge, concurrency=4)
    while handle.progress().finished < 12:
        time.sleep(0.01)
    handle.cancel()
    final = handle.wait(300)  # a bound on a hang
    assert final.status == "cancelled" and db_runs.get_run(store, plan.run_id).status == "cancelled"
    committed = len(_rows(store, plan.run_id))
    assert 12 <= committed < 60
    fake.reset()
    resumed = plan_run(store, session, handling_rubric, judge, resume=plan.run_id)
    asyncio.run(execute(store, resumed, _judge(llm_settings(), store), concurrency=4))
    assert fake.stats.requests == 60 - committed
    assert len(_rows(store, plan.run_id)) == 60


def test_budget_stops_cleanly(fake, llm_settings, store, make_session, handling_rubric):
    session = make_session(40)
    judge = _judge(llm_settings(), store)
    plan, final, _ = _run(store, session, handling_rubric, judge, concurrency=2, budget=0.001)
    run = db_runs.get_run(store, plan.run_id)
    assert run.status == "budget_stopped" and 0 < len(_rows(store, plan.run_id)) < 40
    assert run.cost <= 0.001


def test_progress_events_count_up_to_the_total(
    fake, llm_settings, store, make_session, handling_rubric
):
    fake.plan.latency = 0.02
    session = make_session(24)
    _, final, events = _run(
        store, session, handling_rubric, _judge(llm_settings(), store), concurrency=4
    )
    assert fake.stats.max_in_flight == 4 and max(e.in_flight for e in events) == 8
    assert any(e.eta is not None and e.finished < 24 for e in events)
    assert [e.finished for e in events] == sorted(e.finished for e in events)
    assert final.done == 24 and final.in_flight == 0 and final.tokens_in > 0 and final.cost > 0


def test_a_burst_of_429s_pauses_the_whole_pool(
    fake, llm_settings, store, make_session, handling_rubric
):
    fake.plan.sequence, fake.plan.retry_after = ["429"] * 24, 0.3
    session = make_session(12)
    judge = _judge(llm_settings(), store)
    plan, final, _ = _run(store, session, handling_rubric, judge, concurrency=6)
    assert judge.caller.policy.gate.pauses >= 1
    assert final.done == 12 and fake.stats.requests == 12 + 24


def test_blank_database_gets_the_llm_cache_table(store):
    columns = {
        r[0]
        for r in store.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'llm_cache'"
        )
    }
    assert {
        "key",
        "content_hash",
        "rubric_id",
        "rubric_version",
        "model",
        "prompt_version",
        "response",
        "tokens_in",
        "tokens_out",
        "cost",
    } <= columns
    assert store.query("SELECT max(id) FROM schema_migrations")[0][0] >= 3


def test_background_job_is_registered_and_readable_from_another_thread(
    fake, llm_settings, store, make_session, handling_rubric
):
    from tqrs.jobs import JOBS

    fake.plan.latency = 0.05
    session = make_session(16)
    judge = _judge(llm_settings(), store)
    plan = plan_run(store, session, handling_rubric, judge)
    handle = start_run(store, plan, judge, concurrency=2)
    assert JOBS.get(plan.run_id) is handle and handle in JOBS.active()
    assert start_run(store, plan, judge, concurrency=2) is handle  # not started twice
    seen = set()
    while handle.running:
        seen.add(handle.progress().finished)
        time.sleep(0.02)
    final = handle.wait()
    assert final.status == "completed" and final.done == 16
    assert any(0 < n < 16 for n in seen)  # read mid-run from this thread
    assert handle not in JOBS.active() and fake.stats.requests == 16


def test_results_that_cannot_be_stored_stop_the_run(
    fake, llm_settings, store, make_session, handling_rubric, monkeypatch
):
    import duckdb
    import pytest

    from tqrs.errors import StoreError

    def disk_full(cur, rows):
        raise duckdb.IOException("No space left on device")

    fake.plan.latency = 0.05
    session = make_session(60)
    judge = _judge(llm_settings(), store)
    plan = plan_run(store, session, handling_rubric, judge)
    monkeypatch.setattr(db_runs, "write_score_rows", disk_full)
    with pytest.raises(StoreError, match="No space left"):
        asyncio.run(execute(store, plan, judge, concurrency=2))
    run = db_runs.get_run(store, plan.run_id)
    # the store's own message for a full disk (Store.transaction), not wrapped again
    assert run.status == "failed" and "the disk is full" in run.error
    assert fake.stats.requests < 30  # it stopped sending once nothing could be stored


def test_an_unreachable_provider_stops_the_run_at_once(store, make_session, handling_rubric):
    import pytest

    from tqrs.errors import ConfigError
    from tqrs.llm.settings import resolve_settings

    settings = resolve_settings(
        {"base_url": "http://127.0.0.1:9/v1", "api_key": "k", "max_retries": 1}, env={}
    )
    session = make_session(40)
    judge = _judge(settings, store)
    plan = plan_run(store, session, handling_rubric, judge)
    with pytest.raises(ConfigError, match="cannot reach"):
        asyncio.run(execute(store, plan, judge, concurrency=2))
    run = db_runs.get_run(store, plan.run_id)
    assert run.status == "failed" and "127.0.0.1:9" in run.error
    assert len(_rows(store, plan.run_id)) < 40
