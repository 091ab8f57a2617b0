"""Fixtures for the LLM tests: all state in a temp dir, no provider variables from the
environment, and a local OpenAI-compatible server on 127.0.0.1 (the real SDK talks to it)."""

import pytest

from tqrs.llm.settings import SPEC, resolve_settings
from tqrs.testing.fake_openai import FakeOpenAI, FaultPlan

PLANTED_KEY = "sk-planted-7f3a9c1e5b2d4a6f8e0c"


@pytest.fixture(autouse=True)
def isolated_state(tmp_path, monkeypatch):
    monkeypatch.setenv("TQRS_DB", str(tmp_path / "tqrs.duckdb"))
    for var, _, _ in SPEC.values():
        if var:
            monkeypatch.delenv(var, raising=False)
    return tmp_path


@pytest.fixture
def fake():
    with FakeOpenAI(FaultPlan()) as server:
        yield server


@pytest.fixture
def llm_settings(fake):
    """Settings pointing at the fake server. The timeout only catches a hang: a request
    timed out on a busy machine would be retried and change the request counts tests pin."""

    def make(**overrides):
        values = {
            "base_url": fake.base_url,
            "api_key": PLANTED_KEY,
            "timeout": 60.0,
            "model": "gpt-4o-mini",
            **overrides,
        }
        return resolve_settings(values, env={})

    return make


@pytest.fixture(scope="session")
def handling_rubric():
    from tqrs.rubric import load_rubric

    return load_rubric("incident_handling")


@pytest.fixture
def store(isolated_state):
    from tqrs.store import Store

    with Store() as s:
        yield s


@pytest.fixture
def make_session(store, tmp_path):
    """A session of `n` synthetic tickets; returns its id."""
    from tqrs.ingest import ingest_files
    from tqrs.testing.tickets import write_export

    def make(n: int) -> int:
        path = write_export(tmp_path / f"export-{n}.json", n)
        return ingest_files(store, [path], f"synthetic {n}", new=True).session_id

    return make


@pytest.fixture
def tickets(store, make_session):
    from tqrs.store.sessions import iter_tickets

    def make(n: int):
        return list(iter_tickets(store, make_session(n)))

    return make


def grade(judge, ticket, rubric):
    """One ticket through `judge` in a loop of its own, the judge's client closed with it (as
    the engine closes it at the end of a run)."""
    import asyncio

    async def run():
        try:
            return await judge.judge(ticket, rubric)
        finally:
            await judge.close()

    return asyncio.run(run())
