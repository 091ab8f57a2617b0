"""The schema as data, for the test that holds it to the committed snapshot
(tests/schema/snapshot.json): each migration's number, name and SQL hash, and every table's
and view's columns (name, type, nullable, default), constraints, sequences and indexes.

Migrations are additive only: a released migration is never edited (its hash is in the
snapshot); a change is a new migration, and the snapshot is regenerated in the same commit:

    .venv/bin/python -m tqrs.store.schema > tests/schema/snapshot.json
"""

import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path

from tqrs.store.base import Store
from tqrs.store.migrations import MIGRATIONS

_IN_THIS_DATABASE = "database_name = current_database() AND schema_name = 'main'"


def migrations() -> dict[str, dict]:
    """Each migration's name and the sha256 of its SQL, by number."""
    return {
        str(number): {"name": name, "sha256": hashlib.sha256(sql.encode()).hexdigest()}
        for number, name, sql in sorted(MIGRATIONS)
    }


def describe(store: Store) -> dict:
    """Tables, views, sequences and indexes of an open database, in a stable order."""
    q = store.query_dicts
    columns: dict[str, list] = {}
    for c in q(
        "SELECT table_name, column_name, data_type, is_nullable, column_default "
        f"FROM duckdb_columns() WHERE {_IN_THIS_DATABASE} ORDER BY table_name, column_index"
    ):
        # one line per column, as it would be declared: a schema diff reads as DDL
        default = _default(store, c["column_default"])
        columns.setdefault(c["table_name"], []).append(
            f"{c['column_name']} {c['data_type']}"
            + ("" if c["is_nullable"] else " NOT NULL")
            + (f" DEFAULT {default}" if default is not None else "")
        )
    constraints: dict[str, list] = {}
    for c in q(
        "SELECT table_name, constraint_text FROM duckdb_constraints() "
        f"WHERE {_IN_THIS_DATABASE} AND constraint_type <> 'NOT NULL' "
        "ORDER BY table_name, constraint_text"
    ):
        constraints.setdefault(c["table_name"], []).append(c["constraint_text"])
    tables = [
        r["table_name"]
        for r in q(f"SELECT table_name FROM duckdb_tables() WHERE {_IN_THIS_DATABASE}")
    ]
    views = q(
        f"SELECT view_name, sql FROM duckdb_views() WHERE {_IN_THIS_DATABASE} AND NOT internal"
    )
    return {
        "tables": {
            t: {"columns": columns[t], "constraints": constraints.get(t, [])}
            for t in sorted(tables)
        },
        "views": {
            v["view_name"]: {"columns": columns.get(v["view_name"], []), "sql": v["sql"]}
            for v in sorted(views, key=lambda v: v["view_name"])
        },
        # No START: once a sequence was used, a reopened database reports its next value.
        "sequences": {
            r["sequence_name"]: (
                f"INCREMENT {r['increment_by']} MINVALUE {r['min_value']} "
                f"MAXVALUE {r['max_value']}" + (" CYCLE" if r["cycle"] else "")
            )
            for r in q(
                "SELECT sequence_name, increment_by, min_value, max_value, cycle "
                f"FROM duckdb_sequences() WHERE {_IN_THIS_DATABASE} ORDER BY sequence_name"
            )
        },
        "indexes": {
            i["index_name"]: i["sql"]
            for i in q(
                "SELECT index_name, sql FROM duckdb_indexes() "
                f"WHERE {_IN_THIS_DATABASE} ORDER BY index_name"
            )
        },
    }


# A constant default: DuckDB versions spell some differently (false, CAST('f' AS BOOLEAN)).
_CONSTANT = re.compile(r"(CAST\('[^']*' AS \w+\)|'[^']*'|-?[0-9.]+|true|false)", re.I)


def _default(store: Store, expr: str | None) -> str | None:
    """A column's default: a constant as the SQL literal of its value, else as DuckDB shows
    it (nextval('...'))."""
    if expr is None or not _CONSTANT.fullmatch(expr):
        return expr
    value = store.query(f"SELECT {expr}")[0][0]
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return str(value)


def snapshot(store: Store) -> dict:
    """What tests/schema/snapshot.json holds: the migrations and the schema they make."""
    return {"migrations": migrations(), **describe(store)}


def dumps(data: dict) -> str:
    return json.dumps(data, indent=2, sort_keys=True, default=str) + "\n"


def main() -> None:
    """Print the snapshot of a new database, migrated from nothing."""
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "tqrs.duckdb") as store:
        sys.stdout.write(dumps(snapshot(store)))


if __name__ == "__main__":
    main()
