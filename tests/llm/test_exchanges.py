"""One LLM call path: every HTTP request of the judge, coaching and the connection test is kept
as a row (request as sent, the system message once by hash, reply, status, tokens, latency,
request id; never a key); one error policy everywhere; the cache key holds the endpoint; a
run resumes only with the provider, endpoint and model it started with."""

import asyncio

import orjson
import pytest

from tests.conftest import run_cli
from tests.llm.conftest import PLANTED_KEY
from tqrs.engine import execute, plan_run
from tqrs.errors import ConfigError
from tqrs.judges.llm import LLMJudge
from tqrs.llm.client import RetryPolicy
from tqrs.store import runs as db_runs
from tqrs.store.llm_exchanges import exchange_rows, ticket_exchanges
from tqrs.testing.fake_openai import FakeOpenAI, FaultPlan


def _judge(settings, store):
    return LLMJudge(settings, store=store, policy=RetryPolicy(backoff=0.01))


def _run(store, session, rubric, judge, concurrency=2):
    plan = plan_run(store, session, rubric, judge)
    asyncio.run(execute(store, plan, judge, concurrency=concurrency))
    return plan.run_id


def test_every_request_of_a_run_is_an_exchange_row(
    fake, llm_settings, store, tickets, handling_rubric
):
    fake.plan.sequence, fake.plan.retry_after = ["429", "500", "malformed"], 0.01
    batch = tickets(3)
    run_id = _run(store, batch[0].session_id, handling_rubric, _judge(llm_settings(), store), 1)
    rows = exchange_rows(store)
    assert len(rows) == fake.stats.requests == 6  # 3 tickets, a 429, a 500, one re-ask
    assert [r["status"] for r in rows[:4]] == ["rate_limited", "http_error", "invalid", "ok"]
    assert [r["http_status"] for r in rows[:3]] == [429, 500, 200]
    assert {r["run_id"] for r in rows} == {run_id} and {r["purpose"] for r in rows} == {"judge"}
    assert {r["ticket_id"] for r in rows} == {t.id for t in batch}
    assert all(r["request_id"].startswith("req_") for r in rows)
    assert all(r["latency_ms"] > 0 and r["endpoint"] == fake.base_url for r in rows)
    ok = [r for r in rows if r["status"] == "ok"]
    assert all(r["tokens_in"] > 0 and r["reply"].startswith("{") for r in ok)
    assert sum(r["tokens_in"] for r in rows) == db_runs.get_run(store, run_id).tokens_in

    # The system message is stored once; each request names it by hash, as it was sent.
    (system,) = store.query("SELECT hash, text FROM llm_texts")
    assert system[1] == fake.stats.bodies[0]["messages"][0]["content"]
    sent = ticket_exchanges(store, run_id, batch[0].id)
    first = sent[0]["request"]["messages"]
    assert first[0] == {"role": "system", "hash": system[0]}
    assert first[1]["content"] == fake.stats.bodies[0]["messages"][1]["content"]
    assert sent[-1]["system"] == system[1]
    # The re-ask carries the bad reply and what was wrong with it.
    reask = next(r for r in rows if r["status"] == "ok" and r["ticket_id"] == rows[2]["ticket_id"])
    messages = orjson.loads(reask["request"])["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert "did not match" in messages[3]["content"]

    # Redacted as sent, and never a key or a header.
    dump = str(store.query("SELECT * FROM llm_exchanges")) + str(store.query("FROM llm_texts"))
    assert batch[0].caller not in dump and "@example.com" not in dump
    assert PLANTED_KEY not in dump and "authorization" not in dump.lower()


def test_coaching_and_the_connection_test_take_the_same_path(fake, llm_settings, store, tickets):
    from tqrs.agents import build_profiles
    from tqrs.coaching_llm import coach_agents
    from tqrs.evaluate import evaluate_offline
    from tqrs.llm.check import test_connection

    session = tickets(12)[0].session_id
    profiles = build_profiles(store, evaluate_offline(store, session, "incident_logging"))
    coach_agents(store, profiles.agents, llm_settings(), ("incident_logging", "1.1"))
    coached = exchange_rows(store, "coaching")
    assert len(coached) == fake.stats.requests > 0
    assert all(r["status"] == "ok" and r["run_id"] is None for r in coached)

    check = test_connection(llm_settings(), store)
    assert check.ok and len(exchange_rows(store, "connection_test")) == 1
    fake.reset()  # the fault sequence counts requests from here
    fake.plan.sequence = ["401"]
    refused = test_connection(llm_settings(), store)
    assert not refused.ok and "401" in refused.message and "sk-" not in refused.message
    assert exchange_rows(store, "connection_test")[-1]["http_status"] == 401


def test_refused_credentials_stop_coaching_as_they_stop_the_judge(
    fake, llm_settings, store, tickets
):
    from tqrs.agents import build_profiles
    from tqrs.coaching_llm import coach_agents
    from tqrs.evaluate import evaluate_offline

    session = tickets(12)[0].session_id
    profiles = build_profiles(store, evaluate_offline(store, session, "incident_logging"))
    fake.plan.sequence = ["401"] * 50
    with pytest.raises(ConfigError, match="refused the request \\(401"):
        coach_agents(store, profiles.agents, llm_settings(), ("incident_logging", "1.1"))
    assert exchange_rows(store, "coaching")  # kept, even though the call raised


def test_the_cache_key_holds_the_endpoint(fake, llm_settings, store, tickets, handling_rubric):
    session = tickets(4)[0].session_id
    _run(store, session, handling_rubric, _judge(llm_settings(), store))
    assert fake.stats.requests == 4
    with FakeOpenAI(FaultPlan()) as other:  # the same model name, another server
        there = llm_settings(base_url=other.base_url)
        _run(store, session, handling_rubric, _judge(there, store))
        assert other.stats.requests == 4
    fake.reset()
    _run(store, session, handling_rubric, _judge(llm_settings(), store))
    assert fake.stats.requests == 0  # its own server's answers are still cached


def test_resume_with_another_model_is_refused_with_the_reason(
    fake, llm_settings, store, tickets, handling_rubric
):
    session = tickets(6)[0].session_id
    plan = plan_run(store, session, handling_rubric, _judge(llm_settings(), store))
    db_path = store.path
    store.close()
    env = {"OPENAI_BASE_URL": fake.base_url, "OPENAI_API_KEY": "sk-test-0000"}
    moved = run_cli(
        "evaluate", session, "--resume", plan.run_id, "--db", db_path,
        env={**env, "OPENAI_MODEL": "gpt-4o"},
    )  # fmt: skip
    assert moved.returncode == 2 and moved.stderr.count("\n") == 1
    assert moved.stderr.startswith(f"error: run {plan.run_id} cannot be resumed with another")
    assert "model 'gpt-4o-mini' (now 'gpt-4o')" in moved.stderr
    assert fake.stats.requests == 0
    done = run_cli(
        "evaluate", session, "--resume", plan.run_id, "--db", db_path,
        env={**env, "OPENAI_MODEL": "gpt-4o-mini"}, check=True,
    )  # fmt: skip
    assert "completed" in done.stdout and fake.stats.requests == 6
