"""Local knowledge: documents chunked and embedded in DuckDB, searched by meaning, and tickets
compared with each other and with the documents. No network, no API: see tqrs.embeddings."""

from tqrs.knowledge.base import (
    AddResult,
    Passage,
    add_documents,
    list_documents,
    remove_document,
    search_knowledge,
)
from tqrs.knowledge.tickets import (
    CategorySuggestion,
    DuplicatePair,
    TicketMatch,
    embed_tickets,
    embedding_text,
    ensure_embedded,
    near_duplicates,
    passages_for_ticket,
    search_tickets,
    similar_tickets,
    suggest_category,
)

__all__ = [
    "AddResult",
    "CategorySuggestion",
    "DuplicatePair",
    "Passage",
    "TicketMatch",
    "add_documents",
    "embed_tickets",
    "embedding_text",
    "ensure_embedded",
    "list_documents",
    "near_duplicates",
    "passages_for_ticket",
    "remove_document",
    "search_knowledge",
    "search_tickets",
    "similar_tickets",
    "suggest_category",
]
