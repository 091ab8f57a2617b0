"""The pages with an LLM configured, against the local fake OpenAI-compatible server."""

import pytest

from tests.app.conftest import SAMPLE, open_app, shown, texts, until, wait_for_jobs
from tqrs import auth
from tqrs.ingest import ingest_files
from tqrs.rubric import load_rubric
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
    message = shown(at.success[0].value)
    assert "answered in" in message and "ms" in message and "gpt-4o-mini" in message
    assert KEY not in texts(at)


def test_llm_run_live_progress_cancel_and_resume(app_store, fake, monkeypatch):
    session = ingest_files(app_store, [SAMPLE], "Sample incidents").session_id
    at = open_app("evaluate")
    page = texts(at)
    assert "LLM: compatible · gpt-4o-mini" in page
    assert "Estimate: 200 tickets to send" in page  # the LLM judge's own estimate
    # Six tickets are answered, then the two request slots hang: the run is live, with a
    # known part done, however slowly this machine runs the page.
    fake.plan.sequence, fake.plan.hang = ["ok"] * 6 + ["hang"] * 2, 300
    monkeypatch.setenv("OPENAI_TIMEOUT", "600")  # no retry ends the hang before the cancel
    at.selectbox(key="evaluate_rubric").set_value(load_rubric("incident_handling")).run()
    at.button(key="evaluate_start").click().run()
    run_id = at.session_state["evaluate_run_id"]
    until(lambda: fake.stats.outcomes["hang"] == 2, "the two held requests")
    at.run()
    metrics = {m.label for m in at.metric}
    live = {"Done", "Could not grade", "Requests under way", "Tokens", "Cost", "Time left"}
    assert live <= metrics  # the live view of a run that sends requests
    home = open_app()  # Home shows the running evaluation, named with its session
    assert "Running now" in texts(home)
    assert f"Run {run_id} · Sample incidents · Incident Handling · gpt-4o-mini · running" in (
        texts(home)
    )
    assert live <= {m.label for m in home.metric}
    other = open_app("evaluate")  # another browser session (or the same user, tab reopened)
    assert any(b.key == f"evaluate_cancel_{run_id}" for b in other.button)
    at.button(key=f"evaluate_cancel_{run_id}").click().run()
    wait_for_jobs()
    at.run()
    run = db_runs.get_run(app_store, run_id)
    stored = len(db_runs.done_ticket_ids(app_store, run_id))
    assert run.status == "cancelled" and stored == 6
    assert f"{stored} of 200 tickets · cancelled" in texts(at)
    at.button(key=f"evaluate_resume_{run_id}").click().run()
    wait_for_jobs()
    at.run()
    run = db_runs.get_run(app_store, run_id)
    assert (run.status, run.judge, run.model) == ("completed", "llm", "gpt-4o-mini")
    assert len(db_runs.done_ticket_ids(app_store, run_id)) == 200
    assert run.tokens_in > 0
    assert db_runs.list_runs(app_store, session)[0].id == run_id  # resumed, not a new run


def test_the_monthly_cap_is_shown_and_a_run_past_it_refused(app_store, fake, monkeypatch):
    from tqrs.rubric import load_rubric
    from tqrs.workbench import start_evaluation

    session = ingest_files(app_store, [SAMPLE], "Sample incidents").session_id
    start_evaluation(app_store, session, load_rubric("incident_logging"), limit=5)
    wait_for_jobs()
    spent = app_store.query("SELECT sum(cost) FROM ticket_results")[0][0]
    assert spent > 0
    monkeypatch.setenv("TQRS_MONTHLY_BUDGET", f"{spent / 2:.10f}")
    at = open_app("evaluate")
    assert "LLM spending: monthly cap $0.00" in texts(at) and "$0.00 left" in texts(at)
    at.button(key="evaluate_start").click().run()
    assert not at.exception
    assert shown(at.error[0].value).startswith("the monthly spending cap of $")
    assert len(db_runs.list_runs(app_store, session)) == 1  # nothing started


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
    assert "ok 200" in shown(texts(at)) and "gpt-4o-mini" in shown(texts(at))


def test_a_batch_run_from_evaluate_and_one_left_waiting_collected_when_the_page_opens(
    app_store, fake, monkeypatch
):
    import asyncio

    from tqrs.engine import execute, plan_run
    from tqrs.engine.batch import BatchOptions
    from tqrs.judges.llm import LLMJudge
    from tqrs.llm.settings import resolve_settings
    from tqrs.rubric import load_rubric

    monkeypatch.setenv("TQRS_BATCH_POLL", "0")
    session = ingest_files(app_store, [SAMPLE], "Sample incidents").session_id
    at = open_app("evaluate")
    assert "through the Batch API" in texts(at)  # both prices in the estimate
    at.toggle(key="evaluate_batch").set_value(True).run()
    assert "Turnaround: within 24 h" in texts(at)  # no batch has completed here yet
    assert "(median)" not in texts(at)
    at.number_input(key="evaluate_limit").set_value(40).run()
    at.button(key="evaluate_start").click().run()
    assert not at.exception
    run_id = at.session_state["evaluate_run_id"]
    wait_for_jobs()
    run = db_runs.get_run(app_store, run_id)
    assert (run.mode, run.status) == ("batch", "completed")
    assert len(db_runs.done_ticket_ids(app_store, run_id)) == 40
    # nothing online; a second batch only for the answers re-asked (an N/A where the rule
    # found the criterion applies, prompt judge-v4 and after), counted from the lines the fake received
    stats = fake.batch.stats
    reasked = [c for c in stats.custom_ids if not c.endswith("-a1")]
    assert stats.lines == 40 + len(reasked) and fake.stats.requests == 0
    assert stats.batches == 1 + bool(reasked)
    at = open_app("evaluate")
    at.toggle(key="evaluate_batch").set_value(True).run()
    assert "the latest batches here took" in texts(at) and "(median)" in texts(at)

    # A run left waiting (a CLI run with --no-wait, or the workbench restarted).
    judge = LLMJudge(resolve_settings(), store=app_store)
    plan = plan_run(app_store, session, load_rubric("incident_logging"), judge, mode="batch")
    asyncio.run(execute(app_store, plan, judge, batch=BatchOptions(wait=False)))
    assert db_runs.get_run(app_store, plan.run_id).status == "waiting"
    open_app("evaluate")
    wait_for_jobs()
    assert db_runs.get_run(app_store, plan.run_id).status == "completed"
    assert len(db_runs.done_ticket_ids(app_store, plan.run_id)) == 200
