"""Who reviews which ticket of a run (migration 14, `ticket_assignments`): a manager's
assignments and an analyst's claims, one analyst per ticket.

A claim is checked in the store under the write lock (tqrs.store.conflicts.checked): a ticket
someone else holds is refused with a ConflictError naming them, never taken over. A manager's
assignment replaces whoever held the ticket (that is what assigning means)."""

from datetime import UTC, datetime

from tqrs.errors import ConflictError
from tqrs.store.base import Store
from tqrs.store.conflicts import changed_by, checked


def assign(store: Store, run_id: int, plan: dict[str, list[int]], by: str) -> int:
    """Give each analyst of `plan` (analyst -> ticket ids) those tickets of the run, replacing
    any earlier holder; returns how many tickets were assigned. One transaction."""
    now = _now()
    rows = [
        [run_id, ticket_id, analyst, by, now]
        for analyst, ticket_ids in plan.items()
        for ticket_id in ticket_ids
    ]
    with checked(store) as cur:
        if rows:
            cur.executemany(
                "INSERT OR REPLACE INTO ticket_assignments VALUES (?, ?, ?, ?, ?)", rows
            )
    return len(rows)


def claim(store: Store, run_id: int, ticket_id: int, analyst: str) -> None:
    """`analyst` takes the ticket. Refused (ConflictError) when someone else holds it; a
    ticket the analyst already holds stays as it is."""
    with checked(store) as cur:
        row = cur.execute(
            "SELECT analyst, assigned_by, assigned_at FROM ticket_assignments "
            "WHERE run_id = ? AND ticket_id = ?",
            [run_id, ticket_id],
        ).fetchone()
        if row is not None:
            if row[0] == analyst:
                return
            verb = "claimed" if row[1] == row[0] else f"assigned to {row[0]}"
            who = row[0] if row[1] == row[0] else row[1]
            raise ConflictError(f"This ticket was {changed_by(who, row[2], verb)} — reload")
        cur.execute(
            "INSERT INTO ticket_assignments VALUES (?, ?, ?, ?, ?)",
            [run_id, ticket_id, analyst, analyst, _now()],
        )


def release(store: Store, run_id: int, ticket_ids: list[int]) -> int:
    """Nobody holds these tickets any more; returns how many were held."""
    with checked(store) as cur:
        released = cur.execute(
            "DELETE FROM ticket_assignments WHERE run_id = ? AND list_contains(?, ticket_id) "
            "RETURNING ticket_id",
            [run_id, list(ticket_ids)],
        ).fetchall()
    return len(released)


def holders(store: Store, run_id: int, ticket_ids: list[int] | None = None) -> dict[int, dict]:
    """Ticket id -> {analyst, assigned_by, assigned_at}, for the run's held tickets (only
    `ticket_ids` when given)."""
    sql = (
        "SELECT ticket_id, analyst, assigned_by, assigned_at FROM ticket_assignments "
        "WHERE run_id = ?"
    )
    params: list = [run_id]
    if ticket_ids is not None:
        sql += " AND list_contains(?, ticket_id)"
        params.append(list(ticket_ids))
    return {r.pop("ticket_id"): r for r in store.query_dicts(sql, params)}


def analyst_tickets(store: Store, run_id: int, analyst: str) -> list[dict]:
    """The tickets `analyst` holds in the run, not reviewed first, then by number: ticket_id,
    number, percent, band, passed, auto_fail, agent, short_description, assigned_by,
    assigned_at, reviewer, reviewed_at."""
    return store.query_dicts(
        "SELECT a.ticket_id, r.number, r.percent, r.band, r.passed, r.auto_fail, r.status, "
        "t.assigned_to AS agent, t.short_description, a.assigned_by, a.assigned_at, "
        "v.reviewer, v.reviewed_at "
        "FROM ticket_assignments a "
        "JOIN effective_ticket_results r ON r.run_id = a.run_id AND r.ticket_id = a.ticket_id "
        "JOIN tickets t ON t.id = a.ticket_id "
        "LEFT JOIN ticket_reviews v ON v.run_id = a.run_id AND v.ticket_id = a.ticket_id "
        "WHERE a.run_id = ? AND a.analyst = ? "
        "ORDER BY v.reviewed_at IS NOT NULL, r.number, a.ticket_id",
        [run_id, analyst],
    )


def workload(store: Store, run_id: int) -> list[dict]:
    """Per analyst holding tickets of the run: analyst, held, reviewed."""
    return store.query_dicts(
        "SELECT a.analyst, count(*) AS held, count(v.ticket_id) AS reviewed "
        "FROM ticket_assignments a LEFT JOIN ticket_reviews v "
        "ON v.run_id = a.run_id AND v.ticket_id = a.ticket_id "
        "WHERE a.run_id = ? GROUP BY a.analyst ORDER BY a.analyst",
        [run_id],
    )


def people_seen(store: Store) -> list[str]:
    """Everyone the store has recorded reviewing, overriding or holding a ticket of any run
    (their signed-in identities), sorted: whom a manager may assign to beyond the addresses
    the role lists name (a list entry for a whole domain names nobody)."""
    rows = store.query(
        "SELECT reviewer FROM ticket_reviews UNION SELECT reviewer FROM criterion_overrides "
        "UNION SELECT analyst FROM ticket_assignments ORDER BY 1"
    )
    return [r[0] for r in rows]


def agent_pool(store: Store, run_id: int) -> list[dict]:
    """The run's scored tickets not reviewed and held by nobody, with their agent
    (assigned_to): ticket_id, agent; by ticket id."""
    return store.query_dicts(
        "SELECT r.ticket_id, t.assigned_to AS agent FROM ticket_results r "
        "JOIN tickets t ON t.id = r.ticket_id "
        "LEFT JOIN ticket_assignments a ON a.run_id = r.run_id AND a.ticket_id = r.ticket_id "
        "LEFT JOIN ticket_reviews v ON v.run_id = r.run_id AND v.ticket_id = r.ticket_id "
        "WHERE r.run_id = ? AND r.status = 'scored' AND a.ticket_id IS NULL "
        "AND v.ticket_id IS NULL ORDER BY r.ticket_id",
        [run_id],
    )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
