"""Queries behind the Review page: one page of a run's tickets, filtered and sorted in DuckDB
on effective results, the filter choices, and the writes for overrides, effective results and
reviewed marks.

Writes made from a view are checked against the version that view showed (`check_override`,
`set_reviewed` with `seen`): the override in effect for the criterion (its id) and the reviewed
mark (its time). When someone else changed it since, the write is refused with a
ConflictError naming who and when, inside the same transaction and under the store's write
lock (`checked`), so two analysts cannot both pass the check.

Effective results are the views of migration 6 (`effective_ticket_results`,
`effective_criterion_results`, `latest_overrides`), over tables written only from
tqrs.scoring.effective_score (`write_effective`)."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb

from tqrs.errors import ConflictError, NotFoundError
from tqrs.models import Ticket
from tqrs.store.base import Store
from tqrs.store.sessions import TICKET_COLUMNS, ticket_from_row

SORTABLE = {
    "number": "r.number",
    "score": "score",
    "percent": "percent",
    "band": "band",
    "agent": "agent",
    "group": "grp",
    "category": "category",
    "reviewed": "reviewed_at",
    "opened": "opened_at",
}

_FAILED_CRITERION = """EXISTS (
    SELECT 1 FROM effective_criterion_results c
    WHERE c.run_id = r.run_id AND c.ticket_id = r.ticket_id AND c.criterion_id = ? AND c.failed)"""


@dataclass
class ReviewFilter:
    """What the Review table shows; empty fields do not filter."""

    bands: list[str] = field(default_factory=list)
    verdict: str | None = None  # "pass", "fail" or "not_assessable" (tqrs.scoring)
    agents: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    failed_criterion: str | None = None
    min_percent: float | None = None
    max_percent: float | None = None
    text: str = ""
    reviewed: bool | None = None


def _where(f: ReviewFilter) -> tuple[str, list]:
    """SQL over the columns of `_BASE` (aliased r) and its parameters."""
    clauses, params = ["true"], []
    if f.bands:
        clauses.append("list_contains(?, band)")
        params.append(f.bands)
    if f.verdict is not None:
        clauses.append("verdict = ? AND status = 'scored'")
        params.append(f.verdict)
    for values, column in ((f.agents, "agent"), (f.groups, "grp"), (f.categories, "category")):
        if values:
            clauses.append(f"list_contains(?, {column})")
            params.append(values)
    if f.failed_criterion:
        clauses.append(_FAILED_CRITERION)
        params.append(f.failed_criterion)
    if f.min_percent is not None:
        clauses.append("percent >= ?")
        params.append(f.min_percent)
    if f.max_percent is not None:
        clauses.append("percent <= ?")
        params.append(f.max_percent)
    if f.text.strip():
        clauses.append(
            "(number ILIKE ? ESCAPE '\\' OR short_description ILIKE ? ESCAPE '\\' "
            "OR description ILIKE ? ESCAPE '\\' OR close_notes ILIKE ? ESCAPE '\\')"
        )
        text = f.text.strip()
        for ch in "\\%_":
            text = text.replace(ch, "\\" + ch)
        params += [f"%{text}%"] * 4
    if f.reviewed is not None:
        clauses.append("reviewed_at IS NOT NULL" if f.reviewed else "reviewed_at IS NULL")
    return " AND ".join(clauses), params


_BASE = """
    SELECT r.run_id, r.ticket_id, r.number, r.status, r.score, r.max_points, r.percent,
           r.band, r.passed, r.verdict, r.auto_fail, r.overridden,
           t.assigned_to AS agent, t.assignment_group AS grp, t.category AS category,
           t.short_description, t.description, t.close_notes, t.opened_at,
           v.reviewer, v.reviewed_at
    FROM effective_ticket_results r
    JOIN tickets t ON t.id = r.ticket_id
    LEFT JOIN ticket_reviews v ON v.run_id = r.run_id AND v.ticket_id = r.ticket_id
    WHERE r.run_id = ?
"""
_SHOWN = (
    "ticket_id",
    "number",
    "status",
    "score",
    "max_points",
    "percent",
    "band",
    "passed",
    "verdict",
    "auto_fail",
    "overridden",
    "agent",
    "grp",
    "category",
    "short_description",
    "opened_at",
    "reviewer",
    "reviewed_at",
)


def query_page(
    store: Store,
    run_id: int,
    f: ReviewFilter,
    sort: str = "number",
    descending: bool = False,
    offset: int = 0,
    limit: int = 50,
) -> tuple[list[dict], int]:
    """One page of the run's tickets matching `f` (effective scores), and how many match."""
    where, params = _where(f)
    order = SORTABLE.get(sort, "number").removeprefix("r.")
    direction = "DESC" if descending else "ASC"
    cur = store.cursor().execute(
        f"WITH r AS ({_BASE}) SELECT {', '.join(_SHOWN)}, count(*) OVER () AS total FROM r "
        f"WHERE {where} ORDER BY {order} {direction} NULLS LAST, number, ticket_id LIMIT ? OFFSET ?",
        [run_id, *params, limit, offset],
    )
    rows = [dict(zip((*_SHOWN, "total"), row, strict=True)) for row in cur.fetchall()]
    if not rows:
        total = store.query(
            f"WITH r AS ({_BASE}) SELECT count(*) FROM r WHERE {where}", [run_id, *params]
        )[0][0]
        return [], total
    total = rows[0]["total"]
    for row in rows:
        del row["total"]
    return rows, total


def view_ids(
    store: Store, run_id: int, f: ReviewFilter, sort: str = "number", descending: bool = False
) -> list[int]:
    """The ids of every ticket matching `f`, in query_page's order (previous/next ticket)."""
    where, params = _where(f)
    order = SORTABLE.get(sort, "number").removeprefix("r.")
    direction = "DESC" if descending else "ASC"
    return [
        i
        for (i,) in store.query(
            f"WITH r AS ({_BASE}) SELECT ticket_id FROM r "
            f"WHERE {where} ORDER BY {order} {direction} NULLS LAST, number, ticket_id",
            [run_id, *params],
        )
    ]


def run_ticket_number(store: Store, run_id: int, ticket_id: int) -> str | None:
    """The number of a ticket of the run; None when the run did not score that ticket."""
    rows = store.query(
        "SELECT number FROM ticket_results WHERE run_id = ? AND ticket_id = ?", [run_id, ticket_id]
    )
    return rows[0][0] if rows else None


def filter_choices(store: Store, run_id: int) -> dict[str, list[str]]:
    """The agents, groups and categories of the run's tickets, for the filter widgets."""
    out = {}
    for key, column in (
        ("agents", "assigned_to"),
        ("groups", "assignment_group"),
        ("categories", "category"),
    ):
        out[key] = [
            v
            for (v,) in store.query(
                f"SELECT DISTINCT t.{column} FROM ticket_results r JOIN tickets t "
                f"ON t.id = r.ticket_id WHERE r.run_id = ? AND t.{column} <> '' ORDER BY 1",
                [run_id],
            )
        ]
    return out


def ticket_identities(store: Store, run_id: int, ticket_ids: list[int]) -> list[dict]:
    """For each of `ticket_ids` scored in the run: its id, number, source file name, record
    position, sys_id, opened time, and `copies`, how many tickets of the run carry its number
    (more than 1: the number alone does not say which ticket it is)."""
    if not ticket_ids:
        return []
    return store.query_dicts(
        "WITH run_tickets AS (SELECT t.id, t.number FROM ticket_results r "
        "JOIN tickets t ON t.id = r.ticket_id WHERE r.run_id = ?), "
        "page AS (SELECT * FROM run_tickets WHERE list_contains(?, id)), "
        "copies AS (SELECT number, count(*) AS copies FROM run_tickets "
        "WHERE number IN (SELECT number FROM page) GROUP BY number) "
        "SELECT t.id AS ticket_id, t.number, f.name AS file, t.record_position, t.sys_id, "
        "t.opened_at, c.copies FROM page p JOIN tickets t ON t.id = p.id "
        "JOIN copies c ON c.number = p.number "
        "LEFT JOIN source_files f ON f.session_id = t.session_id AND f.position = t.file_position "
        "ORDER BY t.id",
        [run_id, list(ticket_ids)],
    )


def get_ticket(store: Store, ticket_id: int) -> Ticket:
    rows = store.query(f"SELECT {', '.join(TICKET_COLUMNS)} FROM tickets WHERE id = ?", [ticket_id])
    if not rows:
        raise NotFoundError(f"no ticket {ticket_id}")
    return ticket_from_row(rows[0])


def criterion_rows(store: Store, run_id: int, ticket_id: int) -> list[dict]:
    """The ticket's criterion results as scored, in rubric order."""
    return store.query_dicts(
        "SELECT * EXCLUDE (run_id, ticket_id, position, failed) FROM criterion_results "
        "WHERE run_id = ? AND ticket_id = ? ORDER BY position",
        [run_id, ticket_id],
    )


def effective_criterion_rows(store: Store, run_id: int, ticket_id: int) -> list[dict]:
    """The ticket's criteria in effect (CriterionResult fields, and `source`: None, 'override'
    or 'derived'), in rubric order."""
    return store.query_dicts(
        "SELECT * EXCLUDE (run_id, ticket_id, position, failed, judged_status, judged_option, "
        "judged_points, judged_failed) FROM effective_criterion_results "
        "WHERE run_id = ? AND ticket_id = ? ORDER BY position",
        [run_id, ticket_id],
    )


def effective_ticket_row(store: Store, run_id: int, ticket_id: int) -> dict:
    rows = store.query_dicts(
        "SELECT * FROM effective_ticket_results WHERE run_id = ? AND ticket_id = ?",
        [run_id, ticket_id],
    )
    if not rows:
        raise NotFoundError(f"run {run_id} has no result for ticket {ticket_id}")
    return rows[0]


def ticket_row(store: Store, run_id: int, ticket_id: int) -> dict:
    rows = store.query_dicts(
        "SELECT * FROM ticket_results WHERE run_id = ? AND ticket_id = ?", [run_id, ticket_id]
    )
    if not rows:
        raise NotFoundError(f"run {run_id} has no result for ticket {ticket_id}")
    return rows[0]


def latest_overrides(store: Store, run_id: int, ticket_id: int) -> dict[str, dict]:
    """criterion id -> the override in effect."""
    rows = store.query_dicts(
        "SELECT * FROM latest_overrides WHERE run_id = ? AND ticket_id = ?", [run_id, ticket_id]
    )
    return {r["criterion_id"]: r for r in rows}


def run_overrides(store: Store, run_id: int) -> list[dict]:
    """The override in effect for each (ticket, criterion) of the run that has one."""
    return store.query_dicts(
        "SELECT * FROM latest_overrides WHERE run_id = ? ORDER BY ticket_id, criterion_id",
        [run_id],
    )


def override_history(store: Store, run_id: int, ticket_id: int) -> list[dict]:
    return store.query_dicts(
        "SELECT * FROM criterion_overrides WHERE run_id = ? AND ticket_id = ? ORDER BY id",
        [run_id, ticket_id],
    )


def insert_override(
    cur: duckdb.DuckDBPyConnection,
    run_id: int,
    ticket_id: int,
    criterion_id: str,
    original_option: str | None,
    original_points: int,
    new_option: str,
    new_points: int,
    failed: bool,
    note: str,
    reviewer: str,
) -> int:
    return cur.execute(
        "INSERT INTO criterion_overrides (run_id, ticket_id, criterion_id, original_option, "
        "original_points, new_option, new_points, failed, note, reviewer, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            run_id,
            ticket_id,
            criterion_id,
            original_option,
            original_points,
            new_option,
            new_points,
            failed,
            note,
            reviewer,
            _now(),
        ],
    ).fetchone()[0]


def write_effective(
    cur: duckdb.DuckDBPyConnection,
    run_id: int,
    score,
    changed: dict[str, str],
) -> None:
    """Replace the ticket's effective totals and criteria with `score` (a TicketScore from
    tqrs.scoring.effective_score, the only writer); `changed` says, for each criterion id
    whose value is not the judged one, why: 'override' or 'derived'."""
    ticket_id = score.ticket_id
    cur.execute(
        "DELETE FROM effective_scores WHERE run_id = ? AND ticket_id = ?", [run_id, ticket_id]
    )
    cur.execute(
        "DELETE FROM effective_criteria WHERE run_id = ? AND ticket_id = ?", [run_id, ticket_id]
    )
    now = _now()
    cur.execute(
        "INSERT INTO effective_scores (run_id, ticket_id, score, max_points, percent, band, "
        "passed, auto_fail, status, updated_at, verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            run_id,
            ticket_id,
            score.score,
            score.max_points,
            score.percent,
            score.band,
            score.passed,
            score.auto_fail,
            score.status,
            now,
            score.verdict,
        ],
    )
    rows = [
        [run_id, ticket_id, r.criterion_id, changed[r.criterion_id], r.status, r.option]
        + [r.points, r.max_points, r.deduction, r.applicable, r.auto_fail, r.failed]
        + [r.evidence, r.reasoning, r.coaching, now]
        for r in score.criteria
        if r.criterion_id in changed
    ]
    if rows:
        cur.executemany(
            "INSERT INTO effective_criteria (run_id, ticket_id, criterion_id, source, status, "
            "option, points, max_points, deduction, applicable, auto_fail, failed, evidence, "
            "reasoning, coaching, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


class _Unchecked:
    def __repr__(self) -> str:
        return "UNCHECKED"


# `seen` for a write not made from a view (scripts, imports): no version check.
UNCHECKED = _Unchecked()


@contextmanager
def checked(store: Store) -> Iterator[duckdb.DuckDBPyConnection]:
    """A transaction under the store's write lock: a version check made in it holds until
    COMMIT (one store per process, and DuckDB admits one writing process per file)."""
    with store.write_lock, store.transaction() as cur:
        yield cur


def check_override(
    cur: duckdb.DuckDBPyConnection,
    run_id: int,
    ticket_id: int,
    criterion_id: str,
    title: str,
    seen: int | None,
) -> None:
    """Refuse (ConflictError) when the override in effect for the criterion is not the one
    the analyst saw (`seen`: its id, None for none)."""
    row = cur.execute(
        "SELECT id, reviewer, created_at FROM latest_overrides "
        "WHERE run_id = ? AND ticket_id = ? AND criterion_id = ?",
        [run_id, ticket_id, criterion_id],
    ).fetchone()
    if (row[0] if row else None) != seen:
        if row is None:  # the override seen was withdrawn (not possible today: append-only)
            raise ConflictError(f"{title} changed since you opened the ticket — reload")
        raise ConflictError(f"{title} was {changed_by(row[1], row[2])} — reload")


def changed_by(who: str, when: datetime, verb: str = "changed") -> str:
    """Who changed a thing and when, for a message: "changed by B at 10:42 UTC" (with the
    date when it was not today)."""
    today = _now().date()
    at = f"{when:%H:%M} UTC" if when.date() == today else f"{when:%Y-%m-%d %H:%M} UTC"
    return f"{verb} by {who} at {at}"


def set_reviewed(
    store: Store,
    run_id: int,
    ticket_id: int,
    reviewer: str | None,
    seen: datetime | None | _Unchecked = UNCHECKED,
) -> None:
    """Mark the ticket reviewed by `reviewer` now, or clear the mark (None).

    Args:
        seen: the time of the mark the analyst saw (None: not reviewed); when the mark in
            the store is another, nothing is written and ConflictError says whose it is.
    """
    with checked(store) as cur:
        if seen is not UNCHECKED:
            row = cur.execute(
                "SELECT reviewer, reviewed_at FROM ticket_reviews "
                "WHERE run_id = ? AND ticket_id = ?",
                [run_id, ticket_id],
            ).fetchone()
            if (row[1] if row else None) != seen:
                if row is None:
                    raise ConflictError(
                        "The reviewed mark was cleared since you opened the ticket — reload"
                    )
                raise ConflictError(
                    f"Already {changed_by(row[0], row[1], 'marked reviewed')} — reload"
                )
        cur.execute(
            "DELETE FROM ticket_reviews WHERE run_id = ? AND ticket_id = ?", [run_id, ticket_id]
        )
        if reviewer is not None:
            cur.execute(
                "INSERT INTO ticket_reviews VALUES (?, ?, ?, ?)",
                [run_id, ticket_id, reviewer, _now()],
            )


def get_review(store: Store, run_id: int, ticket_id: int) -> dict | None:
    rows = store.query_dicts(
        "SELECT reviewer, reviewed_at FROM ticket_reviews WHERE run_id = ? AND ticket_id = ?",
        [run_id, ticket_id],
    )
    return rows[0] if rows else None


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
        "FILTER (t.status = 'scored' AND t.verdict IS DISTINCT FROM 'not_assessable') "
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


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
