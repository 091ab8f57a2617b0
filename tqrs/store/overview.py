"""What the database holds, in figures: sessions, runs, tickets scored and reviewed, and the
pass rate in effect of every run (the workbench's Home)."""

from tqrs.store.base import Store


def overview(store: Store) -> dict:
    """Counts for the Home page, and the pass rate of each completed or running run."""
    sessions, runs, scored, reviewed = store.query(
        "SELECT (SELECT count(*) FROM sessions WHERE status = 'ready'), "
        "(SELECT count(*) FROM runs), "
        "(SELECT count(*) FROM ticket_results WHERE status = 'scored'), "
        "(SELECT count(*) FROM ticket_reviews)"
    )[0]
    trend = store.query_dicts(
        "SELECT r.id AS run, r.started_at, r.rubric_id, r.judge, r.status, "
        "count(t.ticket_id) FILTER (t.status = 'scored') AS scored, "
        "avg(CASE WHEN t.passed THEN 1.0 ELSE 0.0 END) "
        "FILTER (t.status = 'scored' AND t.verdict IS DISTINCT FROM 'too_little') "
        "AS pass_rate "
        "FROM runs r LEFT JOIN effective_ticket_results t ON t.run_id = r.id "
        "GROUP BY ALL ORDER BY r.id"
    )
    return {
        "sessions": sessions,
        "runs": runs,
        "scored": scored,
        "reviewed": reviewed,
        "trend": trend,
    }
