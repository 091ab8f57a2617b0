"""Queries for the rubric versions saved in the workbench (table rubric_versions, migration 16).

A saved version is never changed: saving again adds the next one. The version's text (what
`tqrs rubrics --check` reads) is stored whole; naming the version is the caller's
(tqrs.rubric_versions), from the number of the save."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from tqrs.store.base import Store

_COLUMNS = "rubric_id, version, seq, based_on, rubric_json, saved_by, saved_at"


@dataclass(frozen=True)
class SavedRubric:
    """One saved version: `seq` counts the saves of `rubric_id` (1, 2, ...)."""

    rubric_id: str
    version: str
    seq: int
    based_on: str
    rubric_json: str
    saved_by: str
    saved_at: datetime


def insert_rubric_version(
    store: Store, rubric_id: str, based_on: str, saved_by: str, make: Callable[[int], tuple]
) -> SavedRubric:
    """Save the next version of `rubric_id`: `make(seq)` returns (version, rubric_json) for
    the number this save takes. The number is read and the row written in one transaction
    under the store's write lock, so two managers saving at once get the next two numbers
    (one store per process; DuckDB admits one writing process per file)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.write_lock, store.transaction() as cur:
        seq = cur.execute(
            "SELECT coalesce(max(seq), 0) + 1 FROM rubric_versions WHERE rubric_id = ?",
            [rubric_id],
        ).fetchone()[0]
        version, text = make(seq)
        cur.execute(
            f"INSERT INTO rubric_versions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [rubric_id, version, seq, based_on, text, saved_by, now],
        )
    return SavedRubric(rubric_id, version, seq, based_on, text, saved_by, now)


def list_rubric_versions(store: Store, rubric_id: str | None = None) -> list[SavedRubric]:
    """Saved versions, by rubric id then in the order saved."""
    where, params = ("WHERE rubric_id = ?", [rubric_id]) if rubric_id else ("", [])
    rows = store.query(
        f"SELECT {_COLUMNS} FROM rubric_versions {where} ORDER BY rubric_id, seq", params
    )
    return [SavedRubric(*r) for r in rows]
