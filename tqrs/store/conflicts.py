"""Writes checked against the version a view showed (optimistic concurrency): the check and
the write are one transaction under the store's write lock (`checked`), so two analysts cannot
both pass the check; a refused write says who changed the thing and when (`changed_by`)."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import duckdb

from tqrs.store.base import Store


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


def changed_by(who: str, when: datetime, verb: str = "changed") -> str:
    """Who changed a thing and when, for a message: "changed by B at 10:42 UTC" (with the
    date when it was not today)."""
    today = _now().date()
    at = f"{when:%H:%M} UTC" if when.date() == today else f"{when:%Y-%m-%d %H:%M} UTC"
    return f"{verb} by {who} at {at}"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
