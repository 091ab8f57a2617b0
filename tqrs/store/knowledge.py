"""Queries for the knowledge base, the embedding cache and ticket vectors.

`embeddings` is the cache: one vector per (model id, text hash), whoever asked for it.
Knowledge chunks and ticket vectors carry their own copy with the model and the text hash, so
that a search scans one table and joins nothing but its top k rows."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import duckdb
import numpy as np
import pyarrow as pa

from tqrs.store.base import Store

DIM = 384
_QUERY = f"?::FLOAT[{DIM}]"
_TICKET_BRIEF = "t.id, t.session_id, t.number, t.short_description, t.category, t.subcategory"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _vectors(table: pa.Table, column: str = "vector") -> np.ndarray:
    values = table.column(column).combine_chunks().values
    return values.to_numpy(zero_copy_only=False).reshape(-1, DIM)


def cached_vectors(store: Store, model_id: str, hashes: list[str]) -> dict[str, np.ndarray]:
    """text hash -> vector, for the hashes this model has embedded before."""
    if not hashes:
        return {}
    table = (
        store.cursor()
        .sql(
            "SELECT text_hash, vector FROM embeddings WHERE model_id = ? "
            "AND text_hash IN (SELECT unnest(?::VARCHAR[]))",
            params=[model_id, hashes],
        )
        .to_arrow_table()
    )
    return dict(zip(table.column("text_hash").to_pylist(), _vectors(table), strict=True))


def _vector_array(vectors: np.ndarray) -> pa.FixedSizeListArray:
    flat = pa.array(np.ascontiguousarray(vectors, dtype=np.float32).ravel())
    return pa.FixedSizeListArray.from_arrays(flat, DIM)


def _execute_with(cur: duckdb.DuckDBPyConnection, sql: str, params: list, **columns) -> None:
    """Run sql with `batch` bound to an Arrow table of the given columns."""
    # Not unregistered on error: an aborted transaction refuses that too, and the next
    # register replaces it.
    cur.register("batch", pa.table(columns))
    cur.execute(sql, params)
    cur.unregister("batch")


def save_vectors(
    cur: duckdb.DuckDBPyConnection, model_id: str, hashes: list[str], vectors: np.ndarray
) -> None:
    _execute_with(
        cur,
        "INSERT INTO embeddings SELECT ?, text_hash, vector, ? FROM batch ON CONFLICT DO NOTHING",
        [model_id, _now()],
        text_hash=hashes,
        vector=_vector_array(vectors),
    )


_writes = threading.Lock()


@contextmanager
def write(store: Store) -> Iterator[duckdb.DuckDBPyConnection]:
    """A transaction for knowledge writes, one thread at a time: two browser sessions that embed
    the same new text, or the same session, at once would otherwise conflict on the keys before
    either commits."""
    with _writes, store.transaction() as cur:
        yield cur


def cache_vectors(store: Store, model_id: str, hashes: list[str], vectors: np.ndarray) -> None:
    with write(store) as cur:
        save_vectors(cur, model_id, hashes, vectors)


# Knowledge documents and chunks


def documents_by_sha(store: Store, shas: list[str]) -> dict[str, dict]:
    rows = store.query_dicts(
        "SELECT id, name, sha256 FROM kb_documents WHERE list_contains(?, sha256)", [shas]
    )
    return {r["sha256"]: r for r in rows}


def insert_document(
    cur: duckdb.DuckDBPyConnection,
    *,
    name: str,
    title: str,
    format: str,
    sha256: str,
    size_bytes: int,
    model_id: str,
    headings: list[str],
    texts: list[str],
    hashes: list[str],
    vectors: np.ndarray,
) -> int:
    """Store a document and its chunks (in order, with their vectors); returns its id."""
    doc_id = cur.execute(
        "INSERT INTO kb_documents (name, title, format, sha256, size_bytes, chunk_count, "
        "added_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [name, title, format, sha256, size_bytes, len(texts), _now()],
    ).fetchone()[0]
    _execute_with(
        cur,
        "INSERT INTO kb_chunks SELECT ?, position, heading, text, text_hash, ?, vector FROM batch",
        [doc_id, model_id],
        position=list(range(len(texts))),
        heading=headings,
        text=texts,
        text_hash=hashes,
        vector=_vector_array(vectors),
    )
    return doc_id


def list_documents(store: Store) -> list[dict]:
    return store.query_dicts(
        "SELECT id, name, title, format, sha256, size_bytes, chunk_count, "
        "added_at FROM kb_documents ORDER BY id"
    )


def delete_document(cur: duckdb.DuckDBPyConnection, document_id: int) -> str | None:
    """Delete a document and its chunks; returns its name, or None if there was none."""
    row = cur.execute(
        "DELETE FROM kb_documents WHERE id = ? RETURNING name", [document_id]
    ).fetchone()
    cur.execute("DELETE FROM kb_chunks WHERE document_id = ?", [document_id])
    return row[0] if row else None


def top_chunks(store: Store, model_id: str, vector: np.ndarray, k: int) -> list[dict]:
    """The k chunks nearest to a normalised vector (inner product = cosine), best first."""
    return store.query_dicts(
        "SELECT d.id AS document_id, d.name AS document, d.title, s.position, s.heading, "
        "s.text, s.score FROM ("
        "  SELECT document_id, position, heading, text,"
        f"  array_inner_product(vector, {_QUERY}) AS score"
        "  FROM kb_chunks WHERE model_id = ? ORDER BY score DESC LIMIT ?) s "
        "JOIN kb_documents d ON d.id = s.document_id ORDER BY s.score DESC",
        [vector.tolist(), model_id, k],
    )


def chunks_of_other_models(store: Store, model_id: str) -> list[tuple[int, int, str, str]]:
    """(document id, position, heading, text) of chunks another model embedded."""
    return store.query(
        "SELECT document_id, position, heading, text FROM kb_chunks "
        "WHERE model_id <> ? ORDER BY ALL",
        [model_id],
    )


def replace_chunk_vectors(
    cur: duckdb.DuckDBPyConnection,
    model_id: str,
    keys: list[tuple[int, int]],
    hashes: list[str],
    vectors: np.ndarray,
) -> None:
    _execute_with(
        cur,
        "UPDATE kb_chunks c SET model_id = ?, text_hash = b.text_hash, "
        "vector = b.vector FROM batch b "
        "WHERE c.document_id = b.document_id AND c.position = b.position",
        [model_id],
        document_id=[d for d, _ in keys],
        position=[p for _, p in keys],
        text_hash=hashes,
        vector=_vector_array(vectors),
    )


# Ticket vectors


def ticket_texts(store: Store, session_id: int) -> list[tuple]:
    """(id, short description, description, close notes) of a session's tickets."""
    return store.query(
        "SELECT id, short_description, description, close_notes FROM tickets "
        "WHERE session_id = ? ORDER BY seq",
        [session_id],
    )


def ticket_hashes(store: Store, session_id: int, model_id: str) -> dict[int, str]:
    return dict(
        store.query(
            "SELECT ticket_id, text_hash FROM ticket_vectors WHERE session_id = ? AND model_id = ?",
            [session_id, model_id],
        )
    )


def count_unembedded(store: Store, session_id: int, model_id: str) -> int:
    """Tickets of a session with some text and no vector from this model."""
    return store.query(
        "SELECT count(*) FROM tickets t ANTI JOIN ticket_vectors v "
        "ON v.ticket_id = t.id AND v.model_id = ? WHERE t.session_id = ? AND trim(concat("
        "t.short_description, t.description, t.close_notes)) <> ''",
        [model_id, session_id],
    )[0][0]


def save_ticket_vectors(
    cur: duckdb.DuckDBPyConnection,
    session_id: int,
    model_id: str,
    ids: list[int],
    hashes: list[str],
    vectors: np.ndarray,
) -> None:
    _execute_with(
        cur,
        "INSERT OR REPLACE INTO ticket_vectors SELECT ticket_id, ?, ?, "
        "text_hash, vector FROM batch",
        [session_id, model_id],
        ticket_id=pa.array(ids, pa.int64()),
        text_hash=hashes,
        vector=_vector_array(vectors),
    )


def ticket_vector(store: Store, ticket_id: int, model_id: str) -> np.ndarray | None:
    table = (
        store.cursor()
        .sql(
            "SELECT vector FROM ticket_vectors WHERE ticket_id = ? AND model_id = ?",
            params=[ticket_id, model_id],
        )
        .to_arrow_table()
    )
    return _vectors(table)[0] if table.num_rows else None


def top_tickets(
    store: Store,
    model_id: str,
    vector: np.ndarray,
    k: int,
    *,
    session_id: int | None = None,
    exclude_ticket: int | None = None,
    exclude_number: str | None = None,
) -> list[dict]:
    """The k embedded tickets nearest to a vector, best first, optionally in one session."""
    return store.query_dicts(
        f"SELECT {_TICKET_BRIEF}, t.description, t.close_notes, s.score FROM ("
        f"  SELECT v.ticket_id, array_inner_product(v.vector, {_QUERY}) AS score"
        "  FROM ticket_vectors v WHERE v.model_id = ?"
        "  AND (?::INTEGER IS NULL OR v.session_id = ?) AND v.ticket_id IS DISTINCT FROM ?"
        "  AND v.ticket_id NOT IN (SELECT id FROM tickets WHERE number = ?)"
        "  ORDER BY score DESC LIMIT ?) s JOIN tickets t ON t.id = s.ticket_id "
        "ORDER BY s.score DESC",
        [vector.tolist(), model_id, session_id, session_id, exclude_ticket, exclude_number, k],
    )


def session_vectors(store: Store, session_id: int, model_id: str) -> tuple[list[int], np.ndarray]:
    """The ids of a session's embedded tickets and their vectors, in ticket order."""
    table = (
        store.cursor()
        .sql(
            "SELECT v.ticket_id, v.vector FROM ticket_vectors v JOIN tickets t ON t.id = v.ticket_id "
            "WHERE v.session_id = ? AND v.model_id = ? ORDER BY t.seq",
            params=[session_id, model_id],
        )
        .to_arrow_table()
    )
    return table.column("ticket_id").to_pylist(), _vectors(table)


def ticket_models(store: Store, session_id: int) -> list[str]:
    """Models that embedded this session's tickets, the most used first."""
    return [
        r[0]
        for r in store.query(
            "SELECT model_id FROM ticket_vectors WHERE session_id = ? GROUP BY model_id "
            "ORDER BY count(*) DESC, model_id",
            [session_id],
        )
    ]


def ticket_briefs(store: Store, ids: list[int]) -> dict[int, dict]:
    rows = store.query_dicts(
        f"SELECT {_TICKET_BRIEF} FROM tickets t WHERE list_contains(?, t.id)", [ids]
    )
    return {r["id"]: r for r in rows}


def all_chunks(store: Store, model_id: str) -> tuple[list[dict], np.ndarray]:
    """Every chunk this model embedded (with its document's name and sha256) and the vectors,
    for scoring many tickets against a small knowledge base in memory."""
    table = (
        store.cursor()
        .sql(
            "SELECT d.id AS document_id, d.name AS document, d.title, d.sha256, c.position, "
            "c.heading, c.text, c.vector FROM kb_chunks c JOIN kb_documents d "
            "ON d.id = c.document_id WHERE c.model_id = ? ORDER BY d.id, c.position",
            params=[model_id],
        )
        .to_arrow_table()
    )
    meta = table.drop_columns(["vector"]).to_pylist()
    return meta, (_vectors(table) if table.num_rows else np.zeros((0, DIM), np.float32))


def count_documents(store: Store) -> int:
    return store.query("SELECT count(*) FROM kb_documents")[0][0]


def well_scored_neighbours(
    store: Store, model_id: str, criterion_ids: list[str]
) -> tuple[list[dict], np.ndarray]:
    """Embedded tickets of completed runs whose categorization criterion (any of
    `criterion_ids`) earned full points in effect (an analyst's override counts), with their
    number, category, subcategory and vector."""
    table = (
        store.cursor()
        .sql(
            "SELECT t.id, t.number, t.category, t.subcategory, v.vector FROM ticket_vectors v "
            "JOIN tickets t ON t.id = v.ticket_id WHERE v.model_id = ? AND coalesce(t.category, '') "
            "<> '' AND t.id IN (SELECT cr.ticket_id FROM effective_criterion_results cr "
            "JOIN runs r "
            "ON r.id = cr.run_id WHERE r.status = 'completed' AND cr.status = 'scored' "
            "AND list_contains(?, cr.criterion_id) AND cr.max_points > 0 "
            "AND cr.points = cr.max_points) ORDER BY t.id",
            params=[model_id, criterion_ids],
        )
        .to_arrow_table()
    )
    meta = table.drop_columns(["vector"]).to_pylist()
    return meta, (_vectors(table) if table.num_rows else np.zeros((0, DIM), np.float32))


def well_scored_ids(store: Store, ids: list[int], criterion_ids: list[str]) -> set[int]:
    """Those of `ids` whose categorization criterion (any of `criterion_ids`) earned full
    points in effect (overrides applied) in a completed run."""
    return {
        r[0]
        for r in store.query(
            "SELECT DISTINCT cr.ticket_id FROM effective_criterion_results cr "
            "JOIN runs r ON r.id = cr.run_id "
            "WHERE r.status = 'completed' AND cr.status = 'scored' AND list_contains(?, cr.ticket_id) "
            "AND list_contains(?, cr.criterion_id) AND cr.max_points > 0 "
            "AND cr.points = cr.max_points",
            [ids, criterion_ids],
        )
    }


def latest_scores(store: Store, ids: list[int]) -> dict[int, dict]:
    """ticket id -> percent, band and status of its latest run's result (overrides applied)."""
    rows = store.query_dicts(
        "SELECT ticket_id, percent, band, status FROM effective_ticket_results "
        "WHERE list_contains(?, ticket_id) "
        "QUALIFY row_number() OVER (PARTITION BY ticket_id ORDER BY run_id DESC) = 1",
        [ids],
    )
    return {r["ticket_id"]: r for r in rows}
