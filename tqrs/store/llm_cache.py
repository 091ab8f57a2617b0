"""The LLM cache: a parsed judge answer per (ticket content, rubric version, model, prompt
version, endpoint), so an identical request is never paid for twice. Answers are stored as sent and
received, i.e. redacted: the cache holds no personal data that redaction removed."""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import orjson
import pyarrow as pa

from tqrs.store.base import Store, write_shared


@dataclass(frozen=True)
class CacheEntry:
    key: str
    content_hash: str
    rubric_id: str
    rubric_version: str
    model: str
    prompt_version: str
    response: dict
    tokens_in: int
    tokens_out: int
    cost: float


_COLUMNS = (
    "key",
    "content_hash",
    "rubric_id",
    "rubric_version",
    "model",
    "prompt_version",
    "response",
    "tokens_in",
    "tokens_out",
    "cost",
)


def content_hash(*parts: str) -> str:
    """sha256 over the texts that make a request (system and user message)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode())
        h.update(b"\x00")
    return h.hexdigest()


def cache_key(
    content: str,
    rubric_id: str,
    rubric_version: str,
    model: str,
    prompt_version: str,
    endpoint: str,
) -> str:
    """The key of a request: its content, the rubric version, and who answers it (model,
    prompt version and endpoint: one model name on two servers is two models)."""
    return content_hash(content, rubric_id, rubric_version, model, prompt_version, endpoint)


def get_cached(store: Store, key: str) -> CacheEntry | None:
    rows = store.query_dicts("SELECT * EXCLUDE (created_at) FROM llm_cache WHERE key = ?", [key])
    if not rows:
        return None
    row = rows[0]
    row["response"] = orjson.loads(row["response"])
    return CacheEntry(**row)


def put_cached(cur: duckdb.DuckDBPyConnection, entries: list[CacheEntry]) -> None:
    """Insert or replace entries, in one statement (one per entry cost ~3 ms of CPU each),
    committed on their own: two runs over the same tickets cache the same keys
    (`write_shared`). Call next to the transaction that commits the tickets' results."""
    if not entries:
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = {name: [getattr(e, name) for e in entries] for name in _COLUMNS}
    rows["response"] = [orjson.dumps(e.response).decode() for e in entries]
    rows["created_at"] = [now] * len(entries)
    batch = pa.table(rows)

    def insert(side: duckdb.DuckDBPyConnection) -> None:
        side.register("llm_cache_batch", batch)
        try:
            side.execute(
                "INSERT OR REPLACE INTO llm_cache SELECT "
                f"{', '.join(_COLUMNS)}, created_at FROM llm_cache_batch"
            )
        finally:
            side.unregister("llm_cache_batch")

    write_shared(cur, insert)


def cached_keys(
    store: Store, rubric_id: str, rubric_version: str, model: str, prompt_version: str
) -> set[str]:
    """The keys cached for one rubric version, model and prompt (one query per run, instead
    of one per ticket)."""
    return {
        r[0]
        for r in store.query(
            "SELECT key FROM llm_cache WHERE rubric_id = ? AND rubric_version = ? AND model = ? "
            "AND prompt_version = ?",
            [rubric_id, rubric_version, model, prompt_version],
        )
    }


def count_cached(store: Store, keys: list[str]) -> int:
    if not keys:
        return 0
    return store.query("SELECT count(*) FROM llm_cache WHERE list_contains(?, key)", [keys])[0][0]
