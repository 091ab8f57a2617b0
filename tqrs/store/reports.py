"""Queries the reports need beyond tqrs.store.runs: a session's latest completed run, the
ticket attributes a report groups by, and the analysts' overrides when that table exists."""

from tqrs.errors import NotFoundError
from tqrs.store.base import Store


def latest_completed_run(store: Store, session_id: int) -> int:
    """The id of the session's most recent completed run."""
    row = store.query("SELECT max(id) FROM runs WHERE session_id = ? AND status = 'completed'",
                      [session_id])[0]
    if row[0] is None:
        raise NotFoundError(f"session {session_id} has no evaluation run yet "
                            f"(run tqrs evaluate {session_id})")
    return row[0]


def ticket_attributes(store: Store, run_id: int) -> dict[int, tuple[str, str, str]]:
    """ticket id -> (agent, assignment group, category) for the tickets of a run."""
    rows = store.query(
        "SELECT r.ticket_id, coalesce(t.assigned_to, ''), coalesce(t.assignment_group, ''), "
        "coalesce(t.category, '') FROM ticket_results r "
        "LEFT JOIN tickets t ON t.id = r.ticket_id WHERE r.run_id = ?", [run_id])
    return {tid: (agent, group, category) for tid, agent, group, category in rows}


def has_table(store: Store, name: str) -> bool:
    return bool(store.query("SELECT count(*) FROM duckdb_tables() "
                            "WHERE database_name = 'tqrs' AND table_name = ?", [name])[0][0])


def override_rows(store: Store, run_id: int) -> list[dict]:
    """The overrides of a run as rows (ticket_id, criterion_id, option, note, author,
    created_at), or [] while the overrides migration is not in this database."""
    if not has_table(store, "overrides"):
        return []
    return store.query_dicts(
        "SELECT ticket_id, criterion_id, option, note, author, created_at FROM overrides "
        "WHERE run_id = ? ORDER BY ticket_id, criterion_id", [run_id])


def reviewed_ticket_ids(store: Store, run_id: int) -> set[int]:
    """Tickets an analyst marked reviewed, or none while that table does not exist."""
    if not has_table(store, "reviews"):
        return set()
    return {r[0] for r in store.query("SELECT ticket_id FROM reviews WHERE run_id = ?",
                                      [run_id])}

