"""Queries the reports need beyond tqrs.store.runs and tqrs.store.review: a session's latest
completed run, a run's effective results with the ticket attributes a report groups by, and a
whole run's overrides and reviewed marks at once."""

from collections import defaultdict
from collections.abc import Iterator

from tqrs.errors import NotFoundError
from tqrs.results import TicketScore
from tqrs.store.base import Store


def latest_completed_run(store: Store, session_id: int) -> int:
    """The id of the session's most recent completed run."""
    row = store.query(
        "SELECT max(id) FROM runs WHERE session_id = ? AND status = 'completed'", [session_id]
    )[0]
    if row[0] is None:
        raise NotFoundError(
            f"session {session_id} has no evaluation run yet (run tqrs evaluate {session_id})"
        )
    return row[0]


def latest_override_rows(store: Store, run_id: int) -> list[dict]:
    """The override in effect for each (ticket, criterion) of the run."""
    return store.query_dicts(
        "SELECT ticket_id, criterion_id, new_option AS option, note, reviewer AS author, "
        "created_at FROM latest_overrides WHERE run_id = ? ORDER BY ticket_id, criterion_id",
        [run_id],
    )


def review_mark_rows(store: Store, run_id: int) -> list[tuple]:
    """(ticket id, reviewer, reviewed at) of every ticket an analyst marked reviewed."""
    return store.query(
        "SELECT ticket_id, reviewer, reviewed_at FROM ticket_reviews WHERE run_id = ?", [run_id]
    )


_SCORE_COLUMNS = (
    "ticket_id",
    "number",
    "score",
    "max_points",
    "percent",
    "band",
    "passed",
    "verdict",
    "auto_fail",
    "status",
    "error",
    "tokens_in",
    "tokens_out",
    "cost",
    "cached",
)
CRITERION_COLUMNS = (
    "criterion_id",
    "title",
    "method",
    "status",
    "option",
    "points",
    "max_points",
    "deduction",
    "applicable",
    "auto_fail",
    "evidence",
    "reasoning",
    "coaching",
    "error",
    "citations",
    "failed",
)


def report_rows(
    store: Store, run_id: int
) -> Iterator[tuple[TicketScore, tuple[str, str, str], list[tuple]]]:
    """For each ticket of the run, in ticket order: its effective score (without criteria;
    rows were validated when written, so it is rebuilt unvalidated), its (agent, group,
    category), and its effective criterion results as tuples of CRITERION_COLUMNS then the
    judged option (prompt and raw reply left out)."""
    criteria: dict[int, list[tuple]] = defaultdict(list)
    cur = store.new_cursor().execute(
        f"SELECT ticket_id, {', '.join(CRITERION_COLUMNS)}, judged_option "
        "FROM effective_criterion_results "
        "WHERE run_id = ? ORDER BY ticket_id, position",
        [run_id],
    )
    while rows := cur.fetchmany(10_000):
        for row in rows:
            criteria[row[0]].append(row[1:])
    cur = store.new_cursor().execute(
        f"SELECT {', '.join('r.' + c for c in _SCORE_COLUMNS)}, coalesce(t.assigned_to, ''), "
        "coalesce(t.assignment_group, ''), coalesce(t.category, '') "
        "FROM effective_ticket_results r "
        "LEFT JOIN tickets t ON t.id = r.ticket_id WHERE r.run_id = ? ORDER BY r.ticket_id",
        [run_id],
    )
    width = len(_SCORE_COLUMNS)
    while rows := cur.fetchmany(2000):
        for row in rows:
            score = TicketScore.model_construct(
                **dict(zip(_SCORE_COLUMNS, row[:width], strict=True)), criteria=[]
            )
            yield score, row[width:], criteria.pop(row[0], [])
