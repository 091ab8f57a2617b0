"""The LLM cache: a parsed judge answer per (ticket content, rubric version, model, prompt
version), so an identical request is never paid for twice. Answers are stored as sent and
received, i.e. redacted: the cache holds no personal data that redaction removed."""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import orjson

from tqrs.store.base import Store


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


def content_hash(*parts: str) -> str:
    """sha256 over the texts that make a request (system and user message)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode())
        h.update(b"\x00")
    return h.hexdigest()


def cache_key(content: str, rubric_id: str, rubric_version: str, model: str,
              prompt_version: str) -> str:
    return content_hash(content, rubric_id, rubric_version, model, prompt_version)


def get_cached(store: Store, key: str) -> CacheEntry | None:
    rows = store.query_dicts("SELECT * EXCLUDE (created_at) FROM llm_cache WHERE key = ?", [key])
    if not rows:
        return None
    row = rows[0]
    row["response"] = orjson.loads(row["response"])
    return CacheEntry(**row)


def put_cached(cur: duckdb.DuckDBPyConnection, entry: CacheEntry) -> None:
    """Insert or replace (call inside the transaction that commits the ticket's result)."""
    cur.execute(
        "INSERT OR REPLACE INTO llm_cache VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [entry.key, entry.content_hash, entry.rubric_id, entry.rubric_version, entry.model,
         entry.prompt_version, orjson.dumps(entry.response).decode(), entry.tokens_in,
         entry.tokens_out, entry.cost, datetime.now(UTC).replace(tzinfo=None)])


def cached_keys(store: Store, rubric_id: str, rubric_version: str, model: str,
                prompt_version: str) -> set[str]:
    """The keys cached for one rubric version, model and prompt (one query per run, instead
    of one per ticket)."""
    return {r[0] for r in store.query(
        "SELECT key FROM llm_cache WHERE rubric_id = ? AND rubric_version = ? AND model = ? "
        "AND prompt_version = ?", [rubric_id, rubric_version, model, prompt_version])}


def count_cached(store: Store, keys: list[str]) -> int:
    if not keys:
        return 0
    return store.query("SELECT count(*) FROM llm_cache WHERE list_contains(?, key)", [keys])[0][0]
