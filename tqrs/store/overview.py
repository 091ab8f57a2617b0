"""What the database holds, in figures: sessions, runs, tickets scored and reviewed, and the
figures in effect of every run (pass rate, mean score, too little to judge) (the workbench's Home)."""

from tqrs.store.base import Store
from tqrs.store.figures import figures_sql


def overview(store: Store) -> dict:
    """Counts for the Home page, and the figures in effect of each run (tqrs.store.figures:
    read each trend row with Figures.of)."""
    sessions, runs, scored, reviewed = store.query(
        "SELECT (SELECT count(*) FROM sessions WHERE status = 'ready'), "
        "(SELECT count(*) FROM runs), "
        "(SELECT count(*) FROM ticket_results WHERE status = 'scored'), "
        "(SELECT count(*) FROM ticket_reviews)"
    )[0]
    trend = store.query_dicts(
        "SELECT r.id AS run, r.started_at, r.rubric_id, r.judge, r.status, "
        f"{figures_sql('t.')} "
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
