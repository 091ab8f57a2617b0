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


def test_the_cost_estimate_is_computed_once_per_state(app_store, monkeypatch, tmp_path):
    """Widget changes rerun the page; the LLM estimate (every ticket's prompt built) is
    computed again only when something it depends on changed."""
    from tests.knowledge.conftest import SAMPLES as KB_SAMPLES
    from tqrs.embeddings import FakeEmbedder
    from tqrs.judges.llm import LLMJudge
    from tqrs.knowledge import add_documents
    from tqrs.store.llm_cache import CacheEntry, put_cached

    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-estimate")
    computed = []
    real = LLMJudge.estimate

    def counting(self, tickets, rubric, total, **kw):
        computed.append(rubric.id)
        return real(self, tickets, rubric, total, **kw)

    monkeypatch.setattr(LLMJudge, "estimate", counting)
    ingest_files(app_store, [SAMPLE], "Sample incidents")
    at = open_app("evaluate")
    assert "Estimate: 200 tickets to send" in texts(at) and len(computed) == 1
    at.number_input(key="evaluate_limit").set_value(100).run()
    assert "Estimate: 100 tickets to send" in texts(at) and len(computed) == 2
    at.number_input(key="evaluate_limit").set_value(0).run()  # back: the one already made
    at.toggle(key="evaluate_offline").set_value(True).run()  # offline: nothing to build
    at.toggle(key="evaluate_offline").set_value(False).run()
    for _ in range(3):
        at.run()
    open_app("evaluate")  # another browser session
    assert "Estimate: 200 tickets to send" in texts(at) and len(computed) == 2

    # the sample is in the 4-part form: Incident Logging is suggested, so the first made
    at.selectbox(key="evaluate_rubric").set_value(load_rubric("incident_handling")).run()
    assert computed[-1] == "incident_handling" and len(computed) == 3
    at.selectbox(key="evaluate_rubric").set_value(load_rubric("incident_logging")).run()
    assert len(computed) == 3

    # what the estimate reads changed: computed again, once
    add_documents(app_store, FakeEmbedder(), [KB_SAMPLES / "password-reset-sop.md"])
    at.run()
    at.run()
    assert len(computed) == 4
    with app_store.transaction() as cur:
        put_cached(cur, [CacheEntry("k", "h", "incident_handling", "1", "gpt-4o", "judge-v2",
                                    {}, 1, 1, 0.0)])  # fmt: skip
    at.run()
    monkeypatch.setenv("OPENAI_MODEL", "gpt-4o-mini")
    at.run()
    at.run()
    assert len(computed) == 6


def test_the_rubric_box_suggests_the_rubric_the_export_fits(app_store, tmp_path):
    from tests.conftest import incident, write_export

    ingest_files(app_store, [SAMPLE], "Sample incidents")  # 94 % in the 4-part form
    free = [
        incident(i, short_description=f"Outlook asks for the password, case {i}") for i in (1, 2)
    ]
    ingest_files(app_store, [write_export(tmp_path / "free.json", free)], "Free form")
    at = open_app("evaluate")  # the newest session, free form, is selected
    assert at.selectbox(key="evaluate_rubric").value.id == "incident_quality"
    assert "the generic Incident Quality rubric is used" in texts(at)
    at.selectbox(key="evaluate_session").select_index(0).run()
    assert at.selectbox(key="evaluate_rubric").value.id == "incident_logging"
    assert "94% of the short descriptions are written in the 4" in texts(at)
