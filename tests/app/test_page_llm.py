"""The pages with an LLM configured, against the local fake OpenAI-compatible server."""

import time

import pytest

from tests.app.conftest import SAMPLE, open_app, texts, wait_for_jobs
from tqrs import auth
from tqrs.ingest import ingest_files
from tqrs.store import runs as db_runs
from tqrs.testing.fake_openai import FakeOpenAI, FaultPlan

KEY = "sk-planted-0000000000001234"


@pytest.fixture
def fake(monkeypatch):
    with FakeOpenAI(FaultPlan(latency=0.05)) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", KEY)
        monkeypatch.setenv("OPENAI_MODEL", "gpt-4o-mini")
        monkeypatch.setenv("BATCH_CONCURRENCY", "2")
        yield server


def test_test_connection_reports_latency_and_model(app_store, fake, monkeypatch):
    monkeypatch.setenv(auth.ENV, "pw")
    at = open_app("settings")
    at.text_input(key="settings_password").input("pw")
    at.button[0].click().run()
    at.button(key="settings_test").click().run()
    assert not at.error, [e.value for e in at.error]
    message = at.success[0].value
    assert "answered in" in message and "ms" in message and "gpt-4o-mini" in message
    assert KEY not in texts(at)


def test_llm_run_live_progress_cancel_and_resume(app_store, fake):
    session = ingest_files(app_store, [SAMPLE], "Sample incidents").session_id
    at = open_app("evaluate")
    shown = texts(at)
    assert "LLM: compatible · gpt-4o-mini" in shown
    assert "estimate: 200 tickets to send" in shown  # the LLM judge's own estimate
    at.button(key="evaluate_start").click().run()
    run_id = at.session_state["evaluate_run_id"]
    time.sleep(0.5)
    at.run()
    metrics = {m.label for m in at.metric}
    assert {"Done", "Failed", "In flight", "Tokens", "Cost", "ETA"} <= metrics  # live view
    other = open_app("evaluate")  # another browser session (or the same user, tab reopened)
    assert any(b.key == f"evaluate_cancel_{run_id}" for b in other.button)
    at.button(key=f"evaluate_cancel_{run_id}").click().run()
    wait_for_jobs()
    at.run()
    run = db_runs.get_run(app_store, run_id)
    stored = len(db_runs.done_ticket_ids(app_store, run_id))
    assert run.status == "cancelled" and 0 < stored < 200
    assert f"{stored} of 200 tickets · cancelled" in texts(at)
    at.button(key=f"evaluate_resume_{run_id}").click().run()
    wait_for_jobs()
    at.run()
    run = db_runs.get_run(app_store, run_id)
    assert (run.status, run.judge, run.model) == ("completed", "llm", "gpt-4o-mini")
    assert len(db_runs.done_ticket_ids(app_store, run_id)) == 200
    assert run.tokens_in > 0
    assert db_runs.list_runs(app_store, session)[0].id == run_id  # resumed, not a new run


def test_the_ticket_detail_shows_what_the_model_was_asked_and_answered(app_store, fake):
    from tqrs.llm.settings import resolve_settings
    from tqrs.rubric import load_rubric
    from tqrs.workbench import start_evaluation

    session = ingest_files(app_store, [SAMPLE], "Sample incidents").session_id
    assert resolve_settings().configured
    run_id = start_evaluation(app_store, session, load_rubric("incident_handling"), limit=3)
    wait_for_jobs()
    assert db_runs.get_run(app_store, run_id).status == "completed"
    at = open_app("review")
    at.selectbox(key="review_open").set_value(at.session_state["review_page_ids"][0]).run()
    assert not at.exception, at.exception
    expander = next(e for e in at.expander if e.label.startswith("Exchanges with the model"))
    code = [c.value for c in expander.code]
    assert any("<ticket>" in c and c.startswith("[user]") for c in code)  # as sent, as text
    assert any(c.startswith("{") for c in code)  # the reply
    assert "quality reviewer" in code[-1]  # the system message, kept once
    assert KEY not in "".join(code)
    assert "ok 200" in texts(at) and "gpt-4o-mini" in texts(at)
