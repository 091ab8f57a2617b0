"""LLM coaching summaries: concurrent and bounded against the fake server, cached, costed,
with the template as the offline path and the fallback."""

import json
from pathlib import Path

import pytest

from tqrs.agents import build_profiles
from tqrs.coaching import template_summary
from tqrs.coaching_llm import PROMPT_VERSION, coach_agents
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "incidents.json"
AGENTS = 50


@pytest.fixture
def profiles(store, tmp_path):
    """The sample's 200 tickets spread over 50 agents (4 each)."""
    records = json.loads(SAMPLE.read_text())["records"]
    for i, rec in enumerate(records):
        rec["assigned_to"] = f"Agent {i % AGENTS:02d}"
    path = tmp_path / "fifty.json"
    path.write_text(json.dumps({"records": records}))
    session = ingest_files(store, [path], "fifty agents").session_id
    run = evaluate_offline(store, session, "incident_logging")
    ps = build_profiles(store, run)
    assert len(ps.agents) == AGENTS
    return ps


def test_fifty_agents_concurrently_within_the_bound(store, fake, llm_settings, profiles):
    """One request per agent, never more than the bound in flight and the bound used (the
    time against the ideal ceil(n/c) latencies: scripts/bench_coaching.py)."""
    concurrency = 10
    fake.plan.latency = 0.4
    fake.plan.hold_until = concurrency  # every slot fills, whatever the load
    settings = llm_settings(concurrency=concurrency)
    ref = (profiles.rubric_id, "1")
    summaries = coach_agents(store, profiles.agents, settings, ref)
    assert fake.stats.requests == AGENTS
    assert fake.stats.max_in_flight == concurrency  # bounded, and the bound is used
    assert [s.name for s in summaries] == [p.name for p in profiles.agents]
    assert all(s.method == "llm" and s.error is None for s in summaries)
    assert all(s.tokens_in > 0 and s.cost > 0 for s in summaries)
    # The agent's name is never sent; the statistics and example ticket numbers are.
    body = json.dumps(fake.stats.bodies)
    assert "Agent 07" not in body and profiles.agents[7].name in summaries[7].text
    some = next(c for p in profiles.agents for c in p.criteria if c.examples)
    assert some.examples[0] in body

    fake.reset()
    again = coach_agents(store, profiles.agents, settings, ref)
    assert fake.stats.requests == 0  # all from the LLM cache
    assert all(s.cached and s.cost == 0 for s in again)
    assert [s.text for s in again] == [s.text for s in summaries]
    fake.reset()
    coach_agents(store, profiles.agents, settings, (profiles.rubric_id, "2"))
    assert fake.stats.requests == AGENTS  # another rubric version: not the same request


def test_offline_and_failures_fall_back_to_the_template(
    store, fake, llm_settings, profiles, monkeypatch
):
    from tqrs.llm.settings import resolve_settings

    agents = profiles.agents[:3]
    offline = coach_agents(store, agents, resolve_settings({}, env={}), ("r", "1"))
    assert offline == [template_summary(p) for p in agents]
    assert fake.stats.requests == 0
    fake.plan.sequence = ["400"] * 3
    failed = coach_agents(store, agents, llm_settings(concurrency=2), ("r", "1"))
    assert fake.stats.requests == 3  # 4xx: not retried
    for s, p in zip(failed, agents, strict=True):
        assert s.method == "template" and s.text == template_summary(p).text
        assert "did not answer" in s.error
    assert PROMPT_VERSION


def test_cli_coaching_against_the_fake_server(store, fake, profiles):
    from tests.conftest import run_cli

    db = store.path
    store.close()
    env = {
        "OPENAI_BASE_URL": fake.base_url,
        "OPENAI_API_KEY": "sk-test-0000",
        "BATCH_CONCURRENCY": "8",
    }
    out = run_cli(
        "profile", profiles.session_id, "--agents", "--coaching", "--db", db, env=env, check=True
    ).stdout
    assert f"coaching: {AGENTS} agents, {AGENTS} by the LLM (0 cached)" in out
    assert fake.stats.requests == AGENTS and fake.stats.max_in_flight <= 8
    data = json.loads(
        run_cli(
            "profile",
            profiles.session_id,
            "--agents",
            "--coaching",
            "--json",
            "--db",
            db,
            env=env,
            check=True,
        ).stdout
    )
    assert fake.stats.requests == AGENTS  # second time from the cache
    assert all(c["cached"] for c in data["coaching"])
    offline = run_cli(
        "profile",
        profiles.session_id,
        "--agents",
        "--coaching",
        "--offline",
        "--db",
        db,
        env=env,
        check=True,
    ).stdout
    assert "Work on:" in offline and "0 by the LLM" in offline
