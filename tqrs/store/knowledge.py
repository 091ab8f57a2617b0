"""Queries for the knowledge base, the embedding cache and ticket vectors.

Vectors live in one table, `embeddings`, keyed by (model id, text hash); knowledge chunks and
tickets point at their row. So a text is stored and embedded once, whoever uses it, and a
search is one scan of that table joined to the rows that point at it."""

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
    table = store.cursor().sql(
        "SELECT text_hash, vector FROM embeddings WHERE model_id = ? "
        "AND text_hash IN (SELECT unnest(?::VARCHAR[]))", params=[model_id, hashes]
    ).to_arrow_table()
    return dict(zip(table.column("text_hash").to_pylist(), _vectors(table), strict=True))


def save_vectors(cur: duckdb.DuckDBPyConnection, model_id: str, hashes: list[str],
                 vectors: np.ndarray) -> None:
    flat = pa.array(np.ascontiguousarray(vectors, dtype=np.float32).ravel())
    batch = pa.table({"text_hash": hashes,
                      "vector": pa.FixedSizeListArray.from_arrays(flat, DIM)})
    cur.register("vector_batch", batch)
    try:
        cur.execute("INSERT INTO embeddings SELECT ?, text_hash, vector, ? FROM vector_batch "
                    "ON CONFLICT DO NOTHING", [model_id, _now()])
    finally:
        cur.unregister("vector_batch")


# Knowledge documents and chunks

def documents_by_sha(store: Store, shas: list[str]) -> dict[str, dict]:
    rows = store.query_dicts("SELECT id, name, sha256 FROM kb_documents "
                             "WHERE list_contains(?, sha256)", [shas])
    return {r["sha256"]: r for r in rows}


def insert_document(cur: duckdb.DuckDBPyConnection, *, name: str, title: str, format: str,
                    sha256: str, size_bytes: int, chunks: list[tuple[str, str, str]]) -> int:
    """Store a document and its chunks, given as (heading, text, text hash); returns its id."""
    doc_id = cur.execute(
        "INSERT INTO kb_documents (name, title, format, sha256, size_bytes, chunk_count, "
        "added_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [name, title, format, sha256, size_bytes, len(chunks), _now()]).fetchone()[0]
    cur.executemany("INSERT INTO kb_chunks VALUES (?, ?, ?, ?, ?)",
                    [[doc_id, i, heading, text, h]
                     for i, (heading, text, h) in enumerate(chunks)])
    return doc_id


def list_documents(store: Store) -> list[dict]:
    return store.query_dicts("SELECT id, name, title, format, sha256, size_bytes, chunk_count, "
                             "added_at FROM kb_documents ORDER BY id")


def delete_document(cur: duckdb.DuckDBPyConnection, document_id: int) -> str | None:
    """Delete a document and its chunks; returns its name, or None if there was none."""
    row = cur.execute("DELETE FROM kb_documents WHERE id = ? RETURNING name",
                      [document_id]).fetchone()
    cur.execute("DELETE FROM kb_chunks WHERE document_id = ?", [document_id])
    return row[0] if row else None


def top_chunks(store: Store, model_id: str, vector: np.ndarray, k: int) -> list[dict]:
    """The k chunks nearest to a normalised vector (inner product = cosine), best first."""
    return store.query_dicts(
        "SELECT d.id AS document_id, d.name AS document, d.title, c.position, c.heading, "
        "c.text, s.score FROM ("
        f"  SELECT c.document_id, c.position, array_inner_product(e.vector, {_QUERY}) AS score"
        "  FROM kb_chunks c JOIN embeddings e ON e.text_hash = c.text_hash"
        "  WHERE e.model_id = ? ORDER BY score DESC LIMIT ?) s "
        "JOIN kb_chunks c USING (document_id, position) "
        "JOIN kb_documents d ON d.id = s.document_id ORDER BY s.score DESC",
        [vector.tolist(), model_id, k])


def chunks_without_vectors(store: Store, model_id: str) -> list[tuple[str, str]]:
    """(heading, text) of the chunks this model has not embedded (added with another)."""
    return store.query("SELECT c.heading, c.text FROM kb_chunks c ANTI JOIN embeddings e "
                       "ON e.text_hash = c.text_hash AND e.model_id = ?", [model_id])


# Ticket vectors

def ticket_texts(store: Store, session_id: int) -> list[tuple]:
    """(id, short description, description, close notes) of a session's tickets."""
    return store.query("SELECT id, short_description, description, close_notes FROM tickets "
                       "WHERE session_id = ? ORDER BY seq", [session_id])


def ticket_hashes(store: Store, session_id: int, model_id: str) -> dict[int, str]:
    return dict(store.query("SELECT ticket_id, text_hash FROM ticket_vectors "
                            "WHERE session_id = ? AND model_id = ?", [session_id, model_id]))


def save_ticket_vectors(cur: duckdb.DuckDBPyConnection, session_id: int, model_id: str,
                        rows: list[tuple[int, str]]) -> None:
    """Point tickets, given as (ticket id, text hash), at their vectors."""
    cur.executemany("INSERT OR REPLACE INTO ticket_vectors VALUES (?, ?, ?, ?)",
                    [[tid, session_id, model_id, h] for tid, h in rows])


def ticket_vector(store: Store, ticket_id: int, model_id: str) -> np.ndarray | None:
    table = store.cursor().sql(
        "SELECT e.vector FROM ticket_vectors v JOIN embeddings e USING (model_id, text_hash) "
        "WHERE v.ticket_id = ? AND v.model_id = ?", params=[ticket_id, model_id]
    ).to_arrow_table()
    return _vectors(table)[0] if table.num_rows else None


def top_tickets(store: Store, model_id: str, vector: np.ndarray, k: int, *,
                session_id: int | None = None, exclude_ticket: int | None = None,
                exclude_number: str | None = None) -> list[dict]:
    """The k embedded tickets nearest to a vector, best first, optionally in one session."""
    return store.query_dicts(
        f"SELECT {_TICKET_BRIEF}, t.description, t.close_notes, s.score FROM ("
        f"  SELECT v.ticket_id, array_inner_product(e.vector, {_QUERY}) AS score"
        "  FROM ticket_vectors v JOIN embeddings e USING (model_id, text_hash)"
        "  JOIN tickets t ON t.id = v.ticket_id"
        "  WHERE v.model_id = ? AND (? IS NULL OR v.session_id = ?)"
        "  AND v.ticket_id IS DISTINCT FROM ? AND t.number IS DISTINCT FROM ?"
        "  ORDER BY score DESC LIMIT ?) s JOIN tickets t ON t.id = s.ticket_id "
        "ORDER BY s.score DESC",
        [vector.tolist(), model_id, session_id, session_id, exclude_ticket, exclude_number, k])


def session_vectors(store: Store, session_id: int, model_id: str) -> tuple[list[int], np.ndarray]:
    """The ids of a session's embedded tickets and their vectors, in ticket order."""
    table = store.cursor().sql(
        "SELECT v.ticket_id, e.vector FROM ticket_vectors v "
        "JOIN embeddings e USING (model_id, text_hash) JOIN tickets t ON t.id = v.ticket_id "
        "WHERE v.session_id = ? AND v.model_id = ? ORDER BY t.seq",
        params=[session_id, model_id]).to_arrow_table()
    return table.column("ticket_id").to_pylist(), _vectors(table)


def ticket_models(store: Store, session_id: int) -> list[str]:
    """Models that embedded this session's tickets, the most used first."""
    return [r[0] for r in store.query(
        "SELECT model_id FROM ticket_vectors WHERE session_id = ? GROUP BY model_id "
        "ORDER BY count(*) DESC, model_id", [session_id])]


def ticket_briefs(store: Store, ids: list[int]) -> dict[int, dict]:
    rows = store.query_dicts(f"SELECT {_TICKET_BRIEF} FROM tickets t "
                             "WHERE list_contains(?, t.id)", [ids])
    return {r["id"]: r for r in rows}
