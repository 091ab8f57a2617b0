"""The DuckDB store: one connection per process, a cursor per thread, writes in transactions.
Only the modules of this package write SQL.

A write the disk refuses (full, read-only, failing) or a statement that DuckDB's memory cap
cannot hold comes out of `transaction` and `query` as a StoreError that says so, whoever the
writer: the transaction is rolled back, so what was committed before stays as it was."""

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from tqrs import config
from tqrs.errors import StoreError
from tqrs.store.migrations import MIGRATIONS


class Store:
    """An open database file with its schema brought up to date."""

    def __init__(self, path: str | Path | None = None):
        self.path = config.db_path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect()
            # Row groups of 16,384 rows (not 122,880) let a big insert inside one transaction
            # be written out as it goes, so a 100,000-ticket ingest stays atomic without
            # holding the session in memory until COMMIT.
            self._con.execute(
                f"ATTACH '{_sql_text(self.path)}' AS tqrs (ROW_GROUP_SIZE {ROW_GROUP_SIZE})"
            )
            self._con.execute("USE tqrs")
        except duckdb.IOException as e:
            if "lock" in str(e).lower():
                raise StoreError(
                    f"{self.path}: the database is in use by another process "
                    "(is the workbench running? stop it or use --db)"
                ) from None
            raise StoreError(f"{self.path}: cannot open the database ({e})") from None
        except duckdb.Error as e:
            raise StoreError(f"{self.path}: not a TQRS database ({e})") from None
        self._local = threading.local()
        self._lock = threading.Lock()
        # Held by writes that check a version first (tqrs.store.conflicts.checked): the check
        # and the write are one step for every thread of this process.
        self.write_lock = threading.Lock()
        # Held by the statements that need much of DuckDB's memory at once: a range of ticket
        # text read (tqrs.store.sessions.iter_ticket_rows) and a run's commit of results. Two
        # of them at the same moment (a run reads its next batch while its writer commits) ran
        # out of a small cap, and a commit that cannot pin its blocks can invalidate the
        # database until the process restarts.
        self.memory_lock = threading.Lock()
        # Ids of the sessions this process is writing, not committed yet, and the lock that
        # hands them out (tqrs.store.sessions.new_session_id).
        self.session_ids_lock = threading.Lock()
        self.sessions_in_progress: set[int] = set()
        self.opened_at = datetime.now(UTC).replace(tzinfo=None)
        self._con.execute(f"SET memory_limit = '{_memory_limit()}'")
        spill = f"{self.path}{config.SPILL_SUFFIX}"
        self._con.execute(f"SET temp_directory = '{_sql_text(spill)}'")
        migrate(self)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor (DuckDB connections are not shared between threads)."""
        cur = getattr(self._local, "cursor", None)
        if cur is None:
            with self._lock:
                cur = self._con.cursor()
            _prepare(cur)
            self._local.cursor = cur
        return cur

    def new_cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own, for a long read that other queries must not interrupt."""
        with self._lock:
            cur = self._con.cursor()
        _prepare(cur)
        return cur

    @contextmanager
    def transaction(self, own_cursor: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor inside BEGIN ... COMMIT; any exception rolls everything back.

        Args:
            own_cursor: a cursor of its own (`new_cursor`), closed at the end, for a long
                transaction on a worker thread that must not keep the thread's cursor.

        Raises:
            StoreError: the disk refused the write, or the memory cap could not hold the
                transaction (see `resource_error`).
        """
        cur = self.new_cursor() if own_cursor else self.cursor()
        try:
            with self._resource_errors():
                cur.execute("BEGIN TRANSACTION")
                try:
                    yield cur
                except BaseException:
                    _rollback(cur)
                    raise
                try:
                    cur.execute("COMMIT")
                except duckdb.Error:
                    _rollback(cur)
                    raise
        finally:
            if own_cursor:
                cur.close()

    def query(self, sql: str, params=()) -> list[tuple]:
        with self._resource_errors():
            return self.cursor().execute(sql, params).fetchall()

    def query_dicts(self, sql: str, params=()) -> list[dict]:
        with self._resource_errors():
            cur = self.cursor().execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    @contextmanager
    def _resource_errors(self) -> Iterator[None]:
        try:
            yield
        except duckdb.Error as e:
            translated = resource_error(self.path, e)
            if translated is None:
                raise
            raise translated from e

    def close(self) -> None:
        self._con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


ROW_GROUP_SIZE = 16_384


def write_shared(cur: duckdb.DuckDBPyConnection, write, attempts: int = 6) -> None:
    """Run `write(side)` on a cursor of its own, committed at once, for rows keyed by their
    content (a cached answer, a system message) that several writers may store at the same
    moment.

    Inside two runs' result transactions, the second COMMIT would fail on the primary key and
    lose every result it carried. The rows are the same whoever writes them, so they are
    written outside (a row kept for results then rolled back is reused by the next run) and
    `write` is retried, and must be idempotent (ON CONFLICT / INSERT OR REPLACE), when another
    writer held the same keys."""
    side = cur.cursor()
    _prepare(side)
    try:
        for attempt in range(attempts):
            try:
                write(side)
                return
            except (duckdb.TransactionException, duckdb.ConstraintException):
                # Another writer committed the same keys between this statement's conflict
                # check and its own commit (a write-write conflict, or "Duplicate key" despite
                # ON CONFLICT): written again, the rows are found and left alone.
                if attempt == attempts - 1:
                    raise
                time.sleep(0.005 * 2**attempt)  # let the other writer's commit finish
    finally:
        side.close()


def _prepare(cur: duckdb.DuckDBPyConnection) -> None:
    cur.execute("USE tqrs")
    cur.execute("SET TimeZone = 'UTC'")


def _rollback(cur: duckdb.DuckDBPyConnection) -> None:
    try:
        cur.execute("ROLLBACK")
    except duckdb.Error:  # a failed COMMIT has ended the transaction already
        pass


_NO_SPACE = ("no space left on device", "disk full", "not enough space")
_NO_MEMORY = ("out of memory", "failed to pin block", "failed to allocate")


def resource_error(path: Path, error: duckdb.Error) -> StoreError | None:
    """The StoreError for a DuckDB error that comes from the disk or the memory cap, else None.

    DuckDB reports a full disk as an IOException, or as a TransactionException when the commit
    could not write its log; after a failed checkpoint it invalidates the database
    (FatalException) until the process starts again. A statement the memory cap cannot hold
    is an OutOfMemoryException, or a TransactionException when the commit could not pin its
    blocks."""
    text = str(error)
    lower = text.lower()
    if any(marker in lower for marker in _NO_SPACE):
        return StoreError(
            f"{path}: the disk is full (No space left on device): the last change was not "
            "stored; what was stored before is intact. Free some space and try again"
        )
    if isinstance(error, duckdb.FatalException) or "invalidated" in lower:
        return StoreError(
            f"{path}: the database stopped after a failed write ({_first_line(text)}); "
            "restart TQRS: what was committed before is kept"
        )
    if isinstance(error, duckdb.OutOfMemoryException) or any(m in lower for m in _NO_MEMORY):
        return StoreError(
            f"{path}: the database ran out of its memory cap ({_memory_limit()}, "
            f"TQRS_DUCKDB_MEMORY; {_first_line(text)}). Nothing was half-written: what was "
            "stored before is intact. Raise the cap (e.g. TQRS_DUCKDB_MEMORY=2GB) and try again"
        )
    if isinstance(error, duckdb.IOException) or "could not write" in lower:
        return StoreError(f"{path}: cannot write the database ({_first_line(text)})")
    return None


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "no detail"


def _sql_text(value) -> str:
    return str(value).replace("'", "''")


def _memory_limit() -> str:
    """DuckDB's memory cap (it spills to disk beyond it): $TQRS_DUCKDB_MEMORY, default 512MB,
    which keeps a 100,000-ticket ingest under 1 GiB of RSS."""
    value = os.environ.get("TQRS_DUCKDB_MEMORY", "512MB").strip()
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", value, re.I):
        raise StoreError(f"TQRS_DUCKDB_MEMORY={value!r}: expected a size such as 512MB or 2GB")
    return value


def migrate(store: Store) -> list[int]:
    """Apply the migrations this file has not had yet; returns their numbers."""
    cur = store.cursor()
    cur.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = {row[0] for row in cur.execute("SELECT id FROM schema_migrations").fetchall()}
    applied = []
    for number, name, sql in sorted(MIGRATIONS):
        if number in done:
            continue
        with store.transaction() as tx:
            tx.execute(sql)
            tx.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [number, name])
        applied.append(number)
    return applied
