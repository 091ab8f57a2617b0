from tests.app.conftest import SAMPLE, open_app, scored_run, texts, wait_for_jobs
from tqrs.engine import plan_run
from tqrs.ingest import ingest_files
from tqrs.judges.offline import OfflineJudge
from tqrs.rubric import load_rubric
from tqrs.store import runs as db_runs


def test_no_session_points_to_upload(app_store):
    at = open_app("evaluate")
    assert "No session yet" in at.info[0].value


def test_offline_run_in_the_background(app_store):
    ingest_files(app_store, [SAMPLE], "Sample incidents")
    at = open_app("evaluate")
    assert "200 tickets · no LLM calls · cost $0.00" in texts(at)
    assert "offline judge" in texts(at)
    at.selectbox(key="evaluate_rubric").set_value(load_rubric("incident_logging"))
    at.number_input(key="evaluate_limit").set_value(50)
    at.run()
    assert "50 tickets" in texts(at)
    at.button(key="evaluate_start").click().run()
    assert not at.exception
    run_id = at.session_state["evaluate_run_id"]
    wait_for_jobs()
    at.run()
    run = db_runs.get_run(app_store, run_id)
    assert (run.status, run.rubric_id, run.tickets_total) == ("completed", "incident_logging", 50)
    assert len(db_runs.done_ticket_ids(app_store, run_id)) == 50
    assert "50 of 50 tickets · completed" in texts(at)


def test_interrupted_run_can_be_resumed(app_store):
    session = ingest_files(app_store, [SAMPLE], "Sample incidents").session_id
    plan = plan_run(app_store, session, load_rubric("incident_logging"), OfflineJudge(), limit=30)
    at = open_app("evaluate")
    assert "0 of 30 tickets · interrupted" in texts(at)  # "running" with no live job
    at.button(key=f"evaluate_resume_{plan.run_id}").click().run()
    wait_for_jobs()
    at.run()
    assert db_runs.get_run(app_store, plan.run_id).status == "completed"
    assert "30 of 30 tickets · completed" in texts(at)
    assert not any(b.key == f"evaluate_resume_{plan.run_id}" for b in at.button)


def test_earlier_runs_listed(app_store):
    _, run_id = scored_run(app_store)
    at = open_app("evaluate")
    assert any(f"Run {run_id}" in e.label for e in at.expander)
