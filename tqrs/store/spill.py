"""Scratch space for joining one file's rows to the rows that belong to them, in bounded memory.

An XML unload lists the journal rows (work notes, comments) of its incidents as rows of their
own, which may come before or after their incident anywhere in a file of a gigabyte. Holding
either side in memory until the other is complete is not bounded, so both go to a throwaway
SQLite file on disk (not the session's DuckDB: nothing here outlives the read of one file) and
come back in file order, each record with its children. SQLite keeps a small page cache
whatever the data's size, and its index makes each record's lookup one B-tree descent."""

import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

_BATCH = 2_000
_CACHE_KIB = 16 << 10  # SQLite's page cache: 16 MiB


class ChildJoin:
    """Records (in the order added) and children keyed by their record's key.

    Use as a context manager: the temporary file is removed on exit."""

    def __init__(self):
        self._dir = tempfile.TemporaryDirectory(prefix="tqrs-join-")
        self._db = sqlite3.connect(Path(self._dir.name) / "join.sqlite", isolation_level=None)
        self._db.executescript(
            f"""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA temp_store = FILE;
            PRAGMA cache_size = -{_CACHE_KIB};
            CREATE TABLE record (pos INTEGER PRIMARY KEY, line INTEGER, key TEXT, body BLOB);
            CREATE TABLE child (key TEXT NOT NULL, sort TEXT, seq INTEGER, body BLOB);
            BEGIN;
            """
        )
        self._records: list[tuple] = []
        self._children: list[tuple] = []
        self.child_count = 0

    def __enter__(self) -> "ChildJoin":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()
        self._dir.cleanup()

    def add_record(self, pos: int, line: int, key: str, body: bytes) -> None:
        self._records.append((pos, line, key, body))
        if len(self._records) >= _BATCH:
            self._flush()

    def add_child(self, key: str, sort: str, body: bytes) -> None:
        """A child of the record whose key is `key`; children come back by `sort` descending,
        then latest added first."""
        self.child_count += 1
        self._children.append((key, sort, self.child_count, body))
        if len(self._children) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._records:
            self._db.executemany("INSERT INTO record VALUES (?, ?, ?, ?)", self._records)
            self._records.clear()
        if self._children:
            self._db.executemany("INSERT INTO child VALUES (?, ?, ?, ?)", self._children)
            self._children.clear()

    def orphans(self) -> int:
        """Children whose key names no record."""
        self._finish()
        (n,) = self._db.execute(
            "SELECT count(*) FROM child WHERE key NOT IN (SELECT key FROM record "
            "WHERE key IS NOT NULL)"
        ).fetchone()
        return n

    def _finish(self) -> None:
        if self._db.in_transaction:
            self._flush()
            self._db.execute("COMMIT")
            self._db.execute("CREATE INDEX child_by_key ON child (key, sort, seq)")

    def joined(self) -> Iterator[tuple[int, int, bytes, list[bytes]]]:
        """(pos, line, body, children's bodies) per record, in pos order. One query, streamed:
        the records in rowid order, each one's children read backwards off the index."""
        self._finish()
        rows = self._db.execute(
            "SELECT r.pos, r.line, r.body, c.body FROM record r "
            "LEFT JOIN child c ON c.key = r.key "
            "ORDER BY r.pos, c.sort DESC, c.seq DESC"
        )
        current: tuple | None = None
        children: list[bytes] = []
        for pos, line, body, child in rows:
            if current is None or pos != current[0]:
                if current is not None:
                    yield (*current, children)
                current, children = (pos, line, body), []
            if child is not None:
                children.append(child)
        if current is not None:
            yield (*current, children)
