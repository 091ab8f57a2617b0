"""Column mappings a user chose for a header (Upload's mapping step), remembered for the next
file with the same header."""

from datetime import UTC, datetime

import orjson

from tqrs.store.base import Store


def remembered(store: Store, header_key: str) -> dict[str, str]:
    """{normalised column label: field ("" = not read)} last saved for this header, or {}."""
    rows = store.query("SELECT mapping FROM column_maps WHERE header_key = ?", [header_key])
    return orjson.loads(rows[0][0]) if rows else {}


def remember(store: Store, header_key: str, columns: list[str], mapping: dict[str, str]) -> None:
    """Save (or replace) the mapping of a header."""
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.transaction() as cur:
        cur.execute("DELETE FROM column_maps WHERE header_key = ?", [header_key])
        cur.execute(
            "INSERT INTO column_maps VALUES (?, ?, ?, ?)",
            [header_key, orjson.dumps(columns).decode(), orjson.dumps(mapping).decode(), now],
        )
