"""The state of batch runs (tqrs.engine.batch): their jobs (one request file and its batch at
the provider each) and, per ticket sent, the job it waits in and what its earlier requests
asked and cost. A ticket waits in at most one job: that is what keeps it from being asked
twice."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import orjson
import pyarrow as pa

from tqrs.store.base import Store
from tqrs.store.sessions import TICKET_COLUMNS


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Job:
    run_id: int
    position: int
    batch_id: str | None
    input_file_id: str | None
    status: str
    requests: int
    bytes: int
    answered: int
    failed: int
    created_at: datetime
    submitted_at: datetime | None
    finished_at: datetime | None
    collected_at: datetime | None
    error: str | None


@dataclass(frozen=True)
class Asked:
    """A ticket's requests so far: how many, the follow-up its next one carries, and what
    the earlier ones cost (added to its result's)."""

    ticket_id: int
    asked: int = 0
    follow_up: list | None = None
    tokens_in: int = 0
    tokens_out: int = 0
    cost: float = 0.0


@dataclass(frozen=True)
class Released:
    """A ticket whose request needs another (a failed line, a line left unanswered, a
    re-ask), with what its last one cost and why."""

    ticket_id: int
    follow_up: list | None = None
    tokens_in: int = 0
    tokens_out: int = 0
    cost: float = 0.0
    error: str | None = None


_JOB_COLUMNS = ", ".join(Job.__dataclass_fields__)
# a list parameter of ids as a semi-join (list_contains would compare every row with every id)
_IDS = "(SELECT unnest(?::BIGINT[]))"


def add_job(cur: duckdb.DuckDBPyConnection, run_id: int, ticket_ids: list[int], size: int) -> int:
    """Record a request file about to be submitted, its tickets waiting in it (each asked
    once more); returns its position."""
    position = cur.execute(
        "SELECT coalesce(max(position), 0) + 1 FROM batch_jobs WHERE run_id = ?", [run_id]
    ).fetchone()[0]
    cur.execute(
        "INSERT INTO batch_jobs (run_id, position, status, requests, bytes, created_at) "
        "VALUES (?, ?, 'submitting', ?, ?, ?)",
        [run_id, position, len(ticket_ids), size, _now()],
    )
    cur.register("batch_job_tickets", pa.table({"ticket_id": pa.array(ticket_ids, pa.int64())}))
    try:
        cur.execute(
            "INSERT INTO batch_requests (run_id, ticket_id, position, asked) "
            "SELECT ?, ticket_id, ?, 1 FROM batch_job_tickets "
            "ON CONFLICT (run_id, ticket_id) DO UPDATE SET position = excluded.position, "
            "asked = batch_requests.asked + 1",
            [run_id, position],
        )
    finally:
        cur.unregister("batch_job_tickets")
    return position


def set_submitted(store: Store, run_id: int, position: int, batch) -> None:
    """The job's batch exists at the provider (an openai Batch)."""
    with store.transaction() as cur:
        cur.execute(
            "UPDATE batch_jobs SET batch_id = ?, input_file_id = ?, status = ?, "
            "submitted_at = ? WHERE run_id = ? AND position = ?",
            [batch.id, batch.input_file_id, batch.status, _now(), run_id, position],
        )


def set_status(
    store: Store,
    run_id: int,
    position: int,
    status: str,
    answered: int,
    failed: int,
    error: str | None = None,
) -> None:
    """The batch's status and counts as the provider last reported them."""
    finished = _now() if status in ("completed", "expired", "cancelled", "failed") else None
    with store.transaction() as cur:
        cur.execute(
            "UPDATE batch_jobs SET status = ?, answered = ?, failed = ?, error = ?, "
            "finished_at = coalesce(finished_at, ?) WHERE run_id = ? AND position = ?",
            [status, answered, failed, error, finished, run_id, position],
        )


def open_jobs(store: Store, run_id: int) -> list[Job]:
    """The run's jobs not collected yet, in order."""
    rows = store.query(
        f"SELECT {_JOB_COLUMNS} FROM batch_jobs WHERE run_id = ? AND status <> 'collected' "
        "ORDER BY position",
        [run_id],
    )
    return [Job(*r) for r in rows]


def jobs(store: Store, run_id: int) -> list[Job]:
    rows = store.query(
        f"SELECT {_JOB_COLUMNS} FROM batch_jobs WHERE run_id = ? ORDER BY position", [run_id]
    )
    return [Job(*r) for r in rows]


def asked_in_job(store: Store, run_id: int, position: int) -> dict[int, Asked]:
    """The tickets waiting in a job, by ticket id."""
    rows = store.query(
        "SELECT ticket_id, asked, follow_up, tokens_in, tokens_out, cost FROM batch_requests "
        "WHERE run_id = ? AND position = ?",
        [run_id, position],
    )
    return {r[0]: Asked(r[0], r[1], _json(r[2]), *r[3:]) for r in rows}


def asked_before(store: Store, run_id: int, ticket_ids: Iterable[int]) -> dict[int, Asked]:
    """The earlier requests of these tickets (those asked before), by ticket id."""
    ids = list(ticket_ids)
    if not ids:
        return {}
    rows = store.query(
        "SELECT ticket_id, asked, follow_up, tokens_in, tokens_out, cost FROM batch_requests "
        f"WHERE run_id = ? AND ticket_id IN {_IDS}",
        [run_id, ids],
    )
    return {r[0]: Asked(r[0], r[1], _json(r[2]), *r[3:]) for r in rows}


def waiting_ticket_ids(store: Store, run_id: int) -> set[int]:
    """The tickets waiting in a job (at the provider, or being submitted)."""
    return {
        r[0]
        for r in store.query(
            "SELECT ticket_id FROM batch_requests WHERE run_id = ? AND position IS NOT NULL",
            [run_id],
        )
    }


def release(cur: duckdb.DuckDBPyConnection, run_id: int, released: list[Released]) -> None:
    """These tickets wait for the next job: their follow-up, what their last request cost
    (added) and why it needs another."""
    if not released:
        return
    batch = pa.table(
        {
            "ticket_id": pa.array([r.ticket_id for r in released], pa.int64()),
            "follow_up": [
                orjson.dumps(r.follow_up).decode() if r.follow_up else None for r in released
            ],
            "tokens_in": pa.array([r.tokens_in for r in released], pa.int64()),
            "tokens_out": pa.array([r.tokens_out for r in released], pa.int64()),
            "cost": pa.array([r.cost for r in released], pa.float64()),
            "error": pa.array([r.error for r in released], pa.string()),
        }
    )
    cur.register("batch_released", batch)
    try:
        cur.execute(
            "UPDATE batch_requests SET position = NULL, follow_up = r.follow_up, "
            "tokens_in = batch_requests.tokens_in + r.tokens_in, "
            "tokens_out = batch_requests.tokens_out + r.tokens_out, "
            "cost = batch_requests.cost + r.cost, last_error = r.error "
            "FROM batch_released r WHERE batch_requests.run_id = ? "
            "AND batch_requests.ticket_id = r.ticket_id",
            [run_id],
        )
    finally:
        cur.unregister("batch_released")


def finish_requests(cur: duckdb.DuckDBPyConnection, run_id: int, ticket_ids: list[int]) -> None:
    """These tickets have their result: they wait in no job any more."""
    if ticket_ids:
        cur.execute(
            "UPDATE batch_requests SET position = NULL, follow_up = NULL "
            f"WHERE run_id = ? AND ticket_id IN {_IDS}",
            [run_id, ticket_ids],
        )


def mark_collected(cur: duckdb.DuckDBPyConnection, run_id: int, position: int) -> None:
    cur.execute(
        "UPDATE batch_jobs SET status = 'collected', collected_at = ? "
        "WHERE run_id = ? AND position = ?",
        [_now(), run_id, position],
    )


def ticket_rows(store: Store, ticket_ids: list[int]) -> list[tuple]:
    """Rows (for `sessions.ticket_from_row`) of these tickets, raw record left out."""
    if not ticket_ids:
        return []
    cols = ", ".join("'{}'" if c == "raw" else c for c in TICKET_COLUMNS)
    return store.query(f"SELECT {cols} FROM tickets WHERE id IN {_IDS} ORDER BY seq", [ticket_ids])


def turnaround(store: Store, limit: int = 20) -> float | None:
    """The median time in seconds from submission to the end of the latest batches that
    completed (any run), or None when there are none yet."""
    value = store.query(
        "SELECT median(epoch(finished_at) - epoch(submitted_at)) FROM (SELECT * FROM batch_jobs "
        "WHERE finished_at IS NOT NULL AND submitted_at IS NOT NULL "
        "AND status IN ('completed', 'collected') ORDER BY finished_at DESC LIMIT ?)",
        [limit],
    )[0][0]
    return float(value) if value is not None else None


def _json(value):
    return orjson.loads(value) if value else None
