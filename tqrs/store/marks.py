"""Cheap marks of what derived figures depend on, to key caches of them: when a mark is the
same, the rows behind it are the same (tables are only appended to or have rows removed)."""

from tqrs.store.base import Store


def estimate_marks(store: Store) -> tuple:
    """What a run's cost estimate reads besides the session and the settings: the knowledge
    documents (the passages sent), the embedding cache (which tickets have passages) and the
    LLM cache (which tickets cost nothing). A few milliseconds."""
    return store.query(
        "SELECT (SELECT count(*) FROM kb_documents), "
        "(SELECT coalesce(max(id), 0) FROM kb_documents), "
        "(SELECT count(*) FROM embeddings), "
        "(SELECT count(*) FROM llm_cache), "
        "(SELECT max(created_at) FROM llm_cache)"
    )[0]
