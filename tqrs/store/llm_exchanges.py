"""Every exchange with the LLM provider, as a row: what was asked (the request as sent,
already redacted, the system message kept once in `llm_texts` by its hash) and what came back
(reply, tokens, latency, the provider's request id, how it ended). Never headers or keys.

Written in the transaction of whatever the exchange served: a run's results (the engine's
writer), a coaching batch, a connection test."""

from collections.abc import Iterable

import duckdb
import orjson
import pyarrow as pa

from tqrs.llm.call import Exchange
from tqrs.store.base import Store, write_shared

_COLUMNS = (
    "run_id",
    "ticket_id",
    "purpose",
    "provider",
    "endpoint",
    "model",
    "system_hash",
    "request",
    "status",
    "http_status",
    "reply",
    "error",
    "tokens_in",
    "tokens_out",
    "latency_ms",
    "request_id",
    "started_at",
)


def write_exchanges(
    cur: duckdb.DuckDBPyConnection, exchanges: Iterable[Exchange], run_id: int | None = None
) -> int:
    """Insert exchanges (and the system messages not stored yet); returns how many. Call
    inside the transaction that stores what they served."""
    exchanges = list(exchanges)
    if not exchanges:
        return 0
    _remember_texts(cur, {e.system_hash: e.system for e in exchanges})
    rows = {name: [] for name in _COLUMNS}
    for e in exchanges:
        values = {**e.__dict__, "run_id": run_id, "request": orjson.dumps(e.request).decode()}
        for name in _COLUMNS:
            rows[name].append(values[name])
    cur.register("llm_exchanges_batch", pa.table(rows, schema=_SCHEMA))
    try:
        cols = ", ".join(_COLUMNS)
        cur.execute(f"INSERT INTO llm_exchanges ({cols}) SELECT {cols} FROM llm_exchanges_batch")
    finally:
        cur.unregister("llm_exchanges_batch")
    return len(exchanges)


def _remember_texts(cur: duckdb.DuckDBPyConnection, texts: dict[str, str]) -> None:
    """Store the texts not stored yet (the key is the text's hash), outside the caller's
    transaction: two runs send the same system message (see `write_shared`)."""
    write_shared(
        cur,
        lambda side: side.executemany(
            "INSERT INTO llm_texts VALUES (?, ?, now()::TIMESTAMP) ON CONFLICT DO NOTHING",
            list(texts.items()),
        ),
    )


_SCHEMA = pa.schema(
    [("run_id", pa.int64()), ("ticket_id", pa.int64())]
    + [
        (c, pa.string())
        for c in ("purpose", "provider", "endpoint", "model", "system_hash", "request", "status")
    ]
    + [("http_status", pa.int32()), ("reply", pa.string()), ("error", pa.string())]
    + [("tokens_in", pa.int64()), ("tokens_out", pa.int64()), ("latency_ms", pa.float64())]
    + [("request_id", pa.string()), ("started_at", pa.timestamp("us"))]
)


def ticket_exchanges(store: Store, run_id: int, ticket_id: int) -> list[dict]:
    """The exchanges of one ticket in one run, oldest first, with the system message."""
    rows = store.query_dicts(
        "SELECT x.*, t.text AS system FROM llm_exchanges x "
        "LEFT JOIN llm_texts t ON t.hash = x.system_hash "
        "WHERE x.run_id = ? AND x.ticket_id = ? ORDER BY x.id",
        [run_id, ticket_id],
    )
    for r in rows:
        r["request"] = orjson.loads(r["request"])
    return rows


def exchange_rows(store: Store, purpose: str | None = None) -> list[dict]:
    """Every exchange (of one purpose), oldest first, without the system message text."""
    where, params = ("WHERE purpose = ?", [purpose]) if purpose else ("", [])
    return store.query_dicts(f"SELECT * FROM llm_exchanges {where} ORDER BY id", params)
