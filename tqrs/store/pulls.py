"""Queries for pulls from ServiceNow (migration 10).

A pull is one instance and encoded query, into one session. It runs in passes: the first
brings every matching incident, each later one what was updated on the instance since the
last completed pass began. A pass commits page by page, each page with its cursor (the last
sys_id stored), so a pass that stopped resumes after its last stored page; the session stays
hidden (status 'pulling') until its first pass completes.

A pulled ticket the instance changed is updated in place: same ticket id, its `version`
counted up. The results that runs made on it before (with their overrides and reviewed marks,
which hang on the same run and ticket) stay as they were and are marked in
`earlier_version_results` with the version they were made on: `earlier_versions` is what the
Review page, the reports and the engine read."""

from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from tqrs.models import SourceFile
from tqrs.store import sessions as db_sessions
from tqrs.store.base import Store

PULLING = "pulling"  # the session's status until its first pass completes
RUNNING, COMPLETED = "running", "completed"
_PASS_COLUMNS = (
    "position",
    "since",
    "status",
    "started_at",
    "instance_started",
    "finished_at",
    "cursor",
    "total",
    "pages",
    "received",
    "new_tickets",
    "changed",
    "unchanged",
    "journal_entries",
)
COUNTS = ("pages", "received", "new_tickets", "changed", "unchanged", "journal_entries")
# the columns of a pulled ticket written again when the instance changed it: all but its seq
_UPDATED = tuple(c for c in db_sessions.INSERT_COLUMNS if c != "seq")


@dataclass(frozen=True)
class PullPass:
    position: int
    since: str | None  # None: the first, full pass; else sys_updated_on >= since
    status: str
    started_at: datetime
    instance_started: str  # the instance's time (UTC) when the pass began
    finished_at: datetime | None
    cursor: str | None  # the last sys_id stored
    total: int | None
    pages: int
    received: int
    new_tickets: int
    changed: int
    unchanged: int
    journal_entries: int


@dataclass(frozen=True)
class PullState:
    session_id: int
    session_name: str
    session_status: str
    instance: str
    query: str
    created_at: datetime
    synced_from: str | None  # when the last completed pass began (the instance's time, UTC)
    passes: tuple[PullPass, ...]

    @property
    def open_pass(self) -> PullPass | None:
        """The pass that stopped before its end, to resume."""
        return next((p for p in self.passes if p.status == RUNNING), None)

    @property
    def next_position(self) -> int:
        return max((p.position for p in self.passes), default=0) + 1


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def find_pull(store: Store, instance: str, query: str) -> PullState | None:
    """The pull of this instance and query, if there was one."""
    rows = store.query(
        "SELECT session_id FROM pulls WHERE instance = ? AND query = ?", [instance, query]
    )
    return get_pull(store, rows[0][0]) if rows else None


def get_pull(store: Store, session_id: int) -> PullState | None:
    """The pull that made this session, or None for a session of files."""
    rows = store.query(
        "SELECT p.session_id, s.name, s.status, p.instance, p.query, p.created_at, "
        "p.synced_from FROM pulls p JOIN sessions s ON s.id = p.session_id "
        "WHERE p.session_id = ?",
        [session_id],
    )
    if not rows:
        return None
    passes = store.query(
        f"SELECT {', '.join(_PASS_COLUMNS)} FROM pull_passes WHERE session_id = ? "
        "ORDER BY position",
        [session_id],
    )
    return PullState(*rows[0], tuple(PullPass(*p) for p in passes))


def list_pulls(store: Store) -> list[PullState]:
    """Every pull, oldest first."""
    ids = store.query("SELECT session_id FROM pulls ORDER BY session_id")
    return [get_pull(store, sid) for (sid,) in ids]


def create_pull(
    cur: duckdb.DuckDBPyConnection, session_id: int, name: str, instance: str, query: str
) -> int:
    """A new session (an id from sessions.new_session_id) for a new pull, hidden until its
    first pass completes; its id."""
    db_sessions.create_session(cur, session_id, name)
    cur.execute("UPDATE sessions SET status = ? WHERE id = ?", [PULLING, session_id])
    cur.execute(
        "INSERT INTO pulls (session_id, instance, query, created_at) VALUES (?, ?, ?, ?)",
        [session_id, instance, query, _now()],
    )
    return session_id


def begin_pass(
    cur: duckdb.DuckDBPyConnection,
    session_id: int,
    position: int,
    since: str | None,
    instance_started: str,
    total: int | None,
) -> None:
    cur.execute(
        "INSERT INTO pull_passes (session_id, position, since, status, started_at, "
        "instance_started, total) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [session_id, position, since, RUNNING, _now(), instance_started, total],
    )


def save_pass(
    cur: duckdb.DuckDBPyConnection, session_id: int, position: int, cursor: str, counts: dict
) -> None:
    """The pass's cursor and counts after a page (in the page's transaction)."""
    sets = ", ".join(f"{c} = ?" for c in COUNTS)
    cur.execute(
        f"UPDATE pull_passes SET cursor = ?, {sets} WHERE session_id = ? AND position = ?",
        [cursor, *(counts[c] for c in COUNTS), session_id, position],
    )


def finish_pass(
    cur: duckdb.DuckDBPyConnection, session_id: int, position: int | None, synced_from: str
) -> None:
    """The pass is complete (position None: a pass that found nothing, never recorded): the
    next pull asks for what changed since `synced_from`; the session is shown, its count
    brought up to date."""
    if position is not None:
        cur.execute(
            "UPDATE pull_passes SET status = ?, finished_at = ? "
            "WHERE session_id = ? AND position = ?",
            [COMPLETED, _now(), session_id, position],
        )
    cur.execute("UPDATE pulls SET synced_from = ? WHERE session_id = ?", [synced_from, session_id])
    count = db_sessions.count_tickets(cur, session_id)
    if count:
        db_sessions.finish_session(cur, session_id, count)


def next_seq(cur: duckdb.DuckDBPyConnection, session_id: int) -> int:
    """The seq the session's next new ticket takes."""
    return cur.execute(
        "SELECT coalesce(max(seq), 0) + 1 FROM tickets WHERE session_id = ?", [session_id]
    ).fetchone()[0]


def stored_raw(cur: duckdb.DuckDBPyConnection, session_id: int, sys_ids: list[str]) -> dict:
    """sys_id -> the stored raw record (JSON text) of the session's tickets with these sys_ids."""
    rows = cur.execute(
        "SELECT sys_id, raw FROM tickets WHERE session_id = ? "
        "AND sys_id IN (SELECT unnest(CAST(? AS VARCHAR[])))",
        [session_id, sys_ids],
    ).fetchall()
    return dict(rows)


def write_rows(
    cur: duckdb.DuckDBPyConnection, session_id: int, batch: pa.Table, changed: set[str]
) -> None:
    """Store a page's typed rows: the tickets whose sys_id is in `changed` are updated in place
    (version + 1; their results so far marked as made on the version they had), the others
    inserted as new tickets."""
    is_changed = pc.is_in(batch["sys_id"], pa.array(sorted(changed), pa.string()))
    if changed:
        cur.register("pulled_rows", batch.filter(is_changed))
        cur.execute(
            "INSERT INTO earlier_version_results "
            "SELECT r.run_id, r.ticket_id, coalesce(t.version, 1), ? "
            "FROM ticket_results r JOIN tickets t ON t.id = r.ticket_id "
            "WHERE t.session_id = ? AND t.sys_id IN (SELECT sys_id FROM pulled_rows) "
            "ON CONFLICT DO NOTHING",
            [_now(), session_id],
        )
        sets = ", ".join(f"{c} = {db_sessions.typed(c, 'p')}" for c in _UPDATED)
        cur.execute(
            f"UPDATE tickets SET {sets}, version = coalesce(tickets.version, 1) + 1 "
            "FROM pulled_rows p WHERE tickets.session_id = ? AND tickets.sys_id = p.sys_id",
            [session_id],
        )
        cur.unregister("pulled_rows")
    new = batch.filter(pc.invert(is_changed)) if changed else batch
    if new.num_rows:
        db_sessions.insert_tickets(cur, session_id, new)


def save_source(cur: duckdb.DuckDBPyConnection, session_id: int, source: SourceFile) -> None:
    """The pass's source_files row as it stands (replaced after every page)."""
    cur.execute(
        "DELETE FROM source_files WHERE session_id = ? AND position = ?",
        [session_id, source.position],
    )
    db_sessions.add_source_file(cur, session_id, source)


def load_source(store: Store, session_id: int, position: int) -> SourceFile | None:
    """A pass's source_files row, to go on counting into it when the pass resumes."""
    files = db_sessions.files_of_session(store, session_id)
    return next((f for f in files if f.position == position), None)


@dataclass(frozen=True)
class EarlierVersion:
    made_on: int  # the ticket's version the results were made on
    current: int  # the version the session holds now


def earlier_versions(store: Store, run_id: int) -> dict[int, EarlierVersion]:
    """ticket id -> the versions, for this run's results made on an earlier version of their
    ticket than the session holds now (empty for a run whose tickets never changed)."""
    rows = store.query(
        "SELECT e.ticket_id, e.version, coalesce(t.version, 1) FROM earlier_version_results e "
        "JOIN tickets t ON t.id = e.ticket_id WHERE e.run_id = ?",
        [run_id],
    )
    return {tid: EarlierVersion(made, now) for tid, made, now in rows}


def ticket_versions(store: Store, session_id: int) -> dict[int, int]:
    """ticket id -> the version the session holds, for the tickets a pull changed (version 2
    and later); every other ticket is at version 1."""
    rows = store.query(
        "SELECT id, version FROM tickets WHERE session_id = ? AND version > 1", [session_id]
    )
    return dict(rows)


def clear_earlier_version(
    cur: duckdb.DuckDBPyConnection, run_id: int, ticket_ids: list[int]
) -> None:
    """Forget the marks of these tickets' results in this run: for an engine that grades a
    ticket again inside the same run (its new result is on the current version)."""
    cur.execute(
        "DELETE FROM earlier_version_results WHERE run_id = ? "
        "AND ticket_id IN (SELECT unnest(CAST(? AS BIGINT[])))",
        [run_id, ticket_ids],
    )


def changed_since_run(store: Store, run_id: int) -> list[int]:
    """The ids of the tickets this run graded on an earlier version: what a run grading the
    session's current versions must grade again."""
    return sorted(earlier_versions(store, run_id))
