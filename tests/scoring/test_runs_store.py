from tqrs.judges.offline import OfflineJudge
from tqrs.rules import apply_rules
from tqrs.scoring import score_ticket
from tqrs.store import Store
from tqrs.store import runs as db


def _scores(make_ticket, rubric, n=5):
    out = []
    for i in range(1, n + 1):
        t = make_ticket(
            id=i,
            number=f"INC{i:07d}",
            close_notes=""
            if i % 2
            else "Re-created the Outlook profile; user confirmed the shared mailbox opens.",
        )
        results = apply_rules(t, rubric) | OfflineJudge().judge_ticket(t, rubric)
        out.append(score_ticket(rubric, t.id, t.number, results))
    return out


def test_blank_database_gets_run_tables(tmp_path):
    with Store(tmp_path / "x.duckdb") as store:
        tables = {r[0] for r in store.query("SELECT table_name FROM information_schema.tables")}
        assert {"runs", "ticket_results", "criterion_results"} <= tables
        assert 2 in {r[0] for r in store.query("SELECT id FROM schema_migrations")}


def test_roundtrip(tmp_path, make_ticket, handling_rubric):
    scores = _scores(make_ticket, handling_rubric)
    with Store(tmp_path / "x.duckdb") as store:
        with store.transaction() as cur:
            run_id = db.create_run(
                cur, 7, handling_rubric, OfflineJudge().identity, tickets_total=len(scores)
            )
        assert db.get_run(store, run_id).status == "running"
        with store.transaction() as cur:
            assert db.write_ticket_scores(cur, run_id, scores[:3]) == 3
        assert db.done_ticket_ids(store, run_id) == {1, 2, 3}
        with store.transaction() as cur:
            db.write_ticket_scores(cur, run_id, scores[3:])
        db.finish_run(store, run_id, "completed")

        run = db.get_run(store, run_id)
        assert (run.status, run.session_id, run.rubric_id, run.rubric_version) == (
            "completed",
            7,
            "incident_handling",
            handling_rubric.version,
        )
        assert run.finished_at >= run.started_at
        assert [r.id for r in db.list_runs(store, 7)] == [run_id]
        assert db.list_runs(store, 8) == []

        back = list(db.iter_ticket_scores(store, run_id))
        assert back == scores  # every field of every ticket and criterion, in rubric order

        summary = db.run_summary(store, run_id)
        assert summary.tickets == summary.scored == 5
        assert summary.passed == sum(s.passed for s in scores)
        assert summary.pass_rate == summary.passed / 5
        assert sum(summary.bands.values()) == 5
        assert summary.failed_criteria[0][0] == "resolution_notes"
        assert summary.failed_criteria[0][2] == 3
