"""Queries the reports need beyond tqrs.store.runs and tqrs.store.review: a session's latest
completed run, the ticket attributes a report groups by, and a whole run's overrides and
reviewed marks at once."""

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


def latest_override_rows(store: Store, run_id: int) -> list[dict]:
    """The override in effect for each (ticket, criterion) of the run (the latest row of the
    append-only criterion_overrides table, as on the Review page)."""
    return store.query_dicts(
        "SELECT ticket_id, criterion_id, new_option AS option, note, reviewer AS author, "
        "created_at FROM criterion_overrides WHERE run_id = ? "
        "QUALIFY row_number() OVER (PARTITION BY ticket_id, criterion_id ORDER BY id DESC) = 1 "
        "ORDER BY ticket_id, criterion_id", [run_id])


def reviewed_ticket_ids(store: Store, run_id: int) -> set[int]:
    """Tickets an analyst marked reviewed."""
    return {r[0] for r in store.query("SELECT ticket_id FROM ticket_reviews WHERE run_id = ?",
                                      [run_id])}
