"""The SQL behind the dataset profile: everything is computed inside DuckDB."""

import json

from tqrs.fields import FIELDS, RUBRIC_FIELDS
from tqrs.store.base import Store

DISTRIBUTION_FIELDS = (
    "category",
    "subcategory",
    "contact_type",
    "priority",
    "state",
    "assignment_group",
)


def _present(name: str) -> str:
    if FIELDS[name][1] == "VARCHAR":
        return f"({name} IS NOT NULL AND trim({name}) <> '')"
    return f"({name} IS NOT NULL)"


def completeness(store: Store, session_id: int) -> tuple[int, dict[str, int]]:
    """(ticket count, field -> tickets where it is filled)."""
    cols = ", ".join(f"count(*) FILTER (WHERE {_present(n)})" for n in FIELDS)
    row = store.query(f"SELECT count(*), {cols} FROM tickets WHERE session_id = ?", [session_id])[0]
    return row[0], dict(zip(FIELDS, row[1:], strict=True))


def distribution(store: Store, session_id: int, field: str, limit: int = 15) -> list[tuple]:
    """(value, count) most frequent first; empty values are reported as ''."""
    value = f"coalesce(CAST({field} AS VARCHAR), '')"
    return store.query(
        f"SELECT {value} AS v, count(*) AS n FROM tickets WHERE session_id = ? "
        f"GROUP BY v ORDER BY n DESC, v LIMIT {int(limit)}",
        [session_id],
    )


def distinct_count(store: Store, session_id: int, field: str) -> int:
    return store.query(
        f"SELECT count(DISTINCT {field}) FROM tickets WHERE session_id = ?", [session_id]
    )[0][0]


def date_ranges(store: Store, session_id: int) -> dict[str, tuple]:
    row = store.query(
        "SELECT min(opened_at), max(opened_at), min(closed_at), max(closed_at), "
        "min(resolved_at), max(resolved_at) FROM tickets WHERE session_id = ?",
        [session_id],
    )[0]
    return {"opened": row[0:2], "closed": row[2:4], "resolved": row[4:6]}


def length_stats(store: Store, session_id: int, field: str) -> dict:
    row = store.query(
        f"SELECT min(l), quantile_cont(l, 0.5), avg(l), quantile_cont(l, 0.9), max(l), "
        f"count(*) FILTER (WHERE l = 0) FROM (SELECT length(coalesce({field}, '')) AS l "
        "FROM tickets WHERE session_id = ?)",
        [session_id],
    )[0]
    keys = ("min", "median", "mean", "p90", "max", "empty")
    return {k: (round(v, 1) if isinstance(v, float) else v) for k, v in zip(keys, row, strict=True)}


def duplicate_numbers(store: Store, session_id: int, limit: int = 50) -> tuple[int, list]:
    """(how many numbers occur more than once, [(number, count)] most repeated first)."""
    rows = store.query(
        "SELECT number, count(*) AS n FROM tickets WHERE session_id = ? GROUP BY number "
        "HAVING n > 1 ORDER BY n DESC, number",
        [session_id],
    )
    return len(rows), rows[:limit]


def missing_rubric_fields(store: Store, session_id: int, limit: int = 20) -> tuple[int, dict, list]:
    """(tickets missing any rubric field, field -> tickets missing it, examples)."""
    missing = {n: f"NOT {_present(n)}" for n in RUBRIC_FIELDS}
    per_field = ", ".join(f"count(*) FILTER (WHERE {cond})" for cond in missing.values())
    any_missing = " OR ".join(missing.values())
    row = store.query(
        f"SELECT count(*) FILTER (WHERE {any_missing}), {per_field} "
        "FROM tickets WHERE session_id = ?",
        [session_id],
    )[0]
    lists = ", ".join(f"CASE WHEN {cond} THEN '{n}' END" for n, cond in missing.items())
    examples = store.query(
        f"SELECT number, list_filter([{lists}], lambda x: x IS NOT NULL) FROM tickets "
        f"WHERE session_id = ? AND ({any_missing}) ORDER BY seq LIMIT {int(limit)}",
        [session_id],
    )
    return row[0], dict(zip(RUBRIC_FIELDS, row[1:], strict=True)), examples


def volume_by_day(store: Store, session_id: int) -> list[tuple]:
    return store.query(
        "SELECT CAST(opened_at AS DATE) AS d, count(*) FROM tickets "
        "WHERE session_id = ? AND opened_at IS NOT NULL GROUP BY d ORDER BY d",
        [session_id],
    )


def fields_carried(store: Store, session_id: int) -> dict[int, set[str]]:
    """file position -> the fields that file's export carries: a column it was read from
    (a printed label, for a PDF), whether or not any ticket has it filled. For a file ingested
    before TQRS recorded this, the fields any of its tickets has filled (a lower bound)."""
    carried: dict[int, set[str]] = {}
    unknown = []
    for position, columns in store.query(
        "SELECT position, columns FROM source_files WHERE session_id = ? ORDER BY position",
        [session_id],
    ):
        if columns is None:
            unknown.append(position)
        else:
            carried[position] = set(json.loads(columns))
    if unknown:
        for position, (_, filled) in filled_by_file(store, session_id).items():
            if position in unknown:
                carried[position] = {f for f, n in filled.items() if n}
    return carried


def filled_by_file(store: Store, session_id: int) -> dict[int, tuple[int, dict[str, int]]]:
    """file position -> (its tickets, field -> how many of them have it filled)."""
    cols = ", ".join(f"count(*) FILTER (WHERE {_present(n)})" for n in FIELDS)
    rows = store.query(
        f"SELECT file_position, count(*), {cols} FROM tickets WHERE session_id = ? "
        "GROUP BY file_position ORDER BY file_position",
        [session_id],
    )
    return {r[0]: (r[1], dict(zip(FIELDS, r[2:], strict=True))) for r in rows}
