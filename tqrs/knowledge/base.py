"""The knowledge base: add, list, remove and search documents.

A document is identified by the sha256 of its bytes, so adding the same file again (under any
name) stores nothing and says so. Adding is all or nothing: every file is read and chunked
before anything is embedded or stored."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from tqrs.embeddings import Embedder, embed_cached, text_hash
from tqrs.errors import InputError, NotFoundError
from tqrs.knowledge.chunking import Chunk, chunk_blocks
from tqrs.knowledge.documents import Document, read_document
from tqrs.store import Store
from tqrs.store import knowledge as db


@dataclass
class AddResult:
    name: str
    status: str  # added, skipped (same content already there) or error (with on_error="skip")
    document_id: int | None = None
    chunks: int = 0
    message: str = ""


class Passage(BaseModel):
    """A knowledge chunk that matched a query."""

    document_id: int
    document: str
    title: str
    position: int
    heading: str
    text: str
    score: float

    def cite(self) -> str:
        """How a judge or a page names the passage: `[password-reset.md: A > B]`."""
        return f"[{self.document}: {self.heading}]" if self.heading else f"[{self.document}]"


@dataclass
class _Reading:
    result: AddResult
    sha256: str
    size: int
    document: Document
    chunks: list[Chunk]


def add_documents(
    store: Store,
    embedder: Embedder,
    paths: list[str | Path],
    *,
    display_names: list[str] | None = None,
    on_error: str = "raise",
) -> list[AddResult]:
    """Add files to the knowledge base.

    Args:
        display_names: names to store and report instead of the paths' (uploads).
        on_error: "raise" stores nothing if any file fails; "skip" reports it and goes on.
    Raises:
        InputError: a file cannot be used (with on_error="raise").
    """
    paths = [Path(p) for p in paths]
    names = display_names or [p.name for p in paths]
    results: list[AddResult] = []
    readings: list[_Reading] = []
    seen: dict[str, str] = {}
    for path, name in zip(paths, names, strict=True):
        try:
            if not path.is_file():
                raise InputError(f"{name}: no such file")
            data = path.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            if sha in seen:
                results.append(AddResult(name, "skipped", message=f"same content as {seen[sha]}"))
                continue
            seen[sha] = name
            doc = read_document(path, name)
        except InputError as e:
            if on_error != "skip":
                raise
            results.append(AddResult(name, "error", message=str(e)))
            continue
        chunks = chunk_blocks(doc.blocks)
        results.append(AddResult(name, "added", chunks=len(chunks)))
        readings.append(_Reading(results[-1], sha, len(data), doc, chunks))
    existing = db.documents_by_sha(store, [r.sha256 for r in readings])
    for r in readings:
        if r.sha256 in existing:
            known = existing[r.sha256]
            r.result.status, r.result.chunks, r.result.document_id = "skipped", 0, known["id"]
            r.result.message = f"already in the knowledge base as {known['name']}"
    readings = [r for r in readings if r.result.status == "added"]
    texts = [c.embedding_text() for r in readings for c in r.chunks]
    vectors = embed_cached(store, embedder, texts)
    start = 0
    with db.write(store) as cur:
        for r in readings:
            end = start + len(r.chunks)
            r.result.document_id = db.insert_document(
                cur,
                name=r.result.name,
                title=r.document.title,
                format=r.document.format,
                sha256=r.sha256,
                size_bytes=r.size,
                model_id=embedder.model_id,
                headings=[c.heading for c in r.chunks],
                texts=[c.text for c in r.chunks],
                hashes=[text_hash(t) for t in texts[start:end]],
                vectors=vectors[start:end],
            )
            start = end
    return results


def list_documents(store: Store) -> list[dict]:
    """The documents, oldest first: id, name, title, format, sha256, size, chunks, added."""
    return db.list_documents(store)


def remove_document(store: Store, document_id: int) -> str:
    """Remove a document and its chunks; returns its name."""
    with db.write(store) as cur:
        name = db.delete_document(cur, int(document_id))
    if name is None:
        raise NotFoundError(f"no knowledge document {document_id} (see `tqrs kb list`)")
    return name


def search_knowledge(store: Store, embedder: Embedder, query: str, k: int = 5) -> list[Passage]:
    """The k passages nearest in meaning to the query, best first."""
    if not query.strip():
        raise InputError("the search text is empty")
    _reembed_other_models(store, embedder)
    vector = embed_cached(store, embedder, [query])[0]
    return [Passage(**row) for row in db.top_chunks(store, embedder.model_id, vector, k)]


def _reembed_other_models(store: Store, embedder: Embedder) -> None:
    """Documents added while another model was configured get this model's vectors."""
    stale = db.chunks_of_other_models(store, embedder.model_id)
    if stale:
        texts = [Chunk(heading, text).embedding_text() for _, _, heading, text in stale]
        vectors = embed_cached(store, embedder, texts)
        with db.write(store) as cur:
            db.replace_chunk_vectors(
                cur,
                embedder.model_id,
                [(d, p) for d, p, _, _ in stale],
                [text_hash(t) for t in texts],
                vectors,
            )
