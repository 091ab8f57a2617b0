import sys
import types

from tqrs.commands.summary_text import render_summary
from tqrs.config import SAMPLES_DIR
from tqrs.evaluate import evaluate_offline, run_summary
from tqrs.ingest import ingest_files
from tqrs.rubric import Rubric, load_rubric
from tqrs.store import Store
from tqrs.store import runs as db


def test_run_records_progress_and_results(tmp_path):
    with Store(tmp_path / "x.duckdb") as store:
        session = ingest_files(store, [SAMPLES_DIR / "incidents.csv"], "csv").session_id
        calls = []
        run_id = evaluate_offline(
            store,
            session,
            "incident_logging",
            limit=30,
            progress=lambda done, total: calls.append((done, total)),
        )
        assert calls[-1] == (30, 30)
        run = db.get_run(store, run_id)
        assert (run.status, run.judge, run.model, run.tickets_total) == (
            "completed",
            "offline",
            "offline-heuristics-v127",
            30,
        )
        assert Rubric.model_validate_json(run.rubric_json) == load_rubric("incident_logging")
        assert len(db.done_ticket_ids(store, run_id)) == 30
        summary = run_summary(store, run_id)
        text = "\n".join(render_summary(summary))
        assert f"run {run_id}: session {session}, rubric incident_logging 1.1" in text
        assert sum(summary.bands.values()) == 30


def test_criterion_without_heuristic_fails_tickets_not_the_run(tmp_path):
    data = load_rubric("incident_logging").model_dump()
    data["criteria"][4]["id"] = "tone_of_voice"  # an llm criterion the offline judge lacks
    rubric = Rubric.model_validate(data)
    with Store(tmp_path / "x.duckdb") as store:
        session = ingest_files(store, [SAMPLES_DIR / "incidents.csv"], "csv").session_id
        run_id = evaluate_offline(store, session, rubric, limit=5)
        summary = run_summary(store, run_id)
        assert (summary.tickets, summary.scored, summary.failed) == (5, 0, 5)
        assert summary.pass_rate is None and summary.mean_percent is None
        s = next(db.iter_ticket_scores(store, run_id))
        assert s.status == "failed" and "tone_of_voice" in s.error and s.percent is None
        assert "could not grade: 5" in "\n".join(render_summary(summary))


def test_worker_processes_store_the_same_results(tmp_path, monkeypatch):
    import tqrs.engine.run

    monkeypatch.setattr(tqrs.engine.run, "BATCH", 40)  # several batches in flight
    # Spawned workers re-import the parent's __main__; after an AppTest run in this same
    # pytest process that is a page script, so give them a plain one, as the CLI has.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    with Store(tmp_path / "x.duckdb") as store:
        session = ingest_files(store, [SAMPLES_DIR / "incidents.json"], "json").session_id
        one = evaluate_offline(store, session, "incident_handling", workers=1)
        two = evaluate_offline(store, session, "incident_handling", workers=2)
        a = [s.model_dump() for s in db.iter_ticket_scores(store, one)]
        b = [s.model_dump() for s in db.iter_ticket_scores(store, two)]
        assert len(a) == 200 and db.get_run(store, two).status == "completed"
        assert a == b
