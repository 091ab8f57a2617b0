"""What analysts record on a run's results: criterion overrides (appended, never edited:
`latest_overrides` is the one in effect) and reviewed marks, and the judge's verdicts beside
the analysts' for calibration.

Writes made from a view are checked against the version that view showed (`check_override`,
`set_reviewed` with `seen`): the override in effect for the criterion (its id) and the reviewed
mark (its time). When someone else changed it since, the write is refused with a
ConflictError naming who and when, inside the same transaction and under the store's write
lock (tqrs.store.conflicts.checked)."""

from datetime import UTC, datetime

import duckdb

from tqrs.errors import ConflictError
from tqrs.results import NOT_APPLICABLE_SQL
from tqrs.store.base import Store
from tqrs.store.conflicts import UNCHECKED, _Unchecked, changed_by, checked


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


# One row per (ticket, criterion) as in effect, with the judge's option and the analyst's
# (the override in effect, None when none).
JUDGED_AND_CHOSEN = f"""
    SELECT c.run_id, c.ticket_id, c.criterion_id, c.judged_option AS judge_option,
           c.judged_points AS judge_points, c.judged_status AS judge_status,
           o.new_option AS human_option, o.new_points AS human_points, o.note,
           c.option, c.status = 'scored' AND c.applicable AS applicable, c.failed,
           c.status = 'not_assessable' AS not_in_export, {NOT_APPLICABLE_SQL} AS not_applicable
    FROM effective_criterion_results c
    LEFT JOIN latest_overrides o USING (run_id, ticket_id, criterion_id)
    WHERE c.run_id = ?
"""


def criterion_pairs(store: Store, run_id: int) -> list[dict]:
    """Each (ticket, criterion) of the run's reviewed or overridden tickets: the judge's
    option and points, the override in effect (None when none), whether the ticket is marked
    reviewed, and the judge's status."""
    return store.query_dicts(
        f"WITH c AS ({JUDGED_AND_CHOSEN}) "
        "SELECT c.*, r.number, v.ticket_id IS NOT NULL AS reviewed "
        "FROM c JOIN ticket_results r USING (run_id, ticket_id) "
        "LEFT JOIN ticket_reviews v USING (run_id, ticket_id) "
        "WHERE v.ticket_id IS NOT NULL OR c.human_option IS NOT NULL "
        "ORDER BY c.ticket_id, c.criterion_id",
        [run_id],
    )


def verdict_pairs(store: Store, run_id: int) -> list[tuple[str, str]]:
    """(verdict as scored, verdict in effect: pass, fail or too_little) for every scored
    ticket marked reviewed."""
    return store.query(
        "SELECT r.judged_verdict, r.verdict FROM effective_ticket_results r "
        "JOIN ticket_reviews v USING (run_id, ticket_id) "
        "WHERE r.run_id = ? AND r.status = 'scored' ORDER BY r.ticket_id",
        [run_id],
    )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
