"""What the ticket detail view shows beside a ticket: its nearest neighbours in its session and
in past sessions (with their latest score) and the category similar well-scored tickets
suggest. The session must be embedded first (`embed_session`, with progress), so that opening
a ticket never blocks on the model."""

from collections.abc import Callable
from dataclasses import dataclass, field

from tqrs.embeddings import Embedder, embed_cached
from tqrs.knowledge.tickets import (
    CategorySuggestion,
    TicketMatch,
    embed_tickets,
    embedding_text,
    similar_tickets,
    suggest_category,
)
from tqrs.store import Store
from tqrs.store import knowledge as db

DEFAULT_CATEGORY_CRITERIA = ("categorization",)
EMBED_STEP = 64  # texts per progress step: a few hundred tickets still move the bar


@dataclass
class RelatedTicket:
    match: TicketMatch
    percent: float | None = None
    band: str = ""


@dataclass
class Neighbourhood:
    in_session: list[RelatedTicket] = field(default_factory=list)
    past: list[RelatedTicket] = field(default_factory=list)
    category: CategorySuggestion | None = None


def unembedded(store: Store, embedder: Embedder, session_id: int) -> int:
    """How many tickets of the session still need a vector (0: similar tickets are instant)."""
    return db.count_unembedded(store, session_id, embedder.model_id)


def embed_session(
    store: Store,
    embedder: Embedder,
    session_id: int,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """embed_tickets, reporting (done, total) after every step; returns tickets embedded."""
    texts = [
        text for row in db.ticket_texts(store, session_id) if (text := embedding_text(*row[1:]))
    ]
    for start in range(0, len(texts), EMBED_STEP):
        embed_cached(store, embedder, texts[start : start + EMBED_STEP])
        if progress:
            progress(min(start + EMBED_STEP, len(texts)), len(texts))
    return embed_tickets(store, embedder, session_id)  # every text cached by now


def neighbourhood(
    store: Store,
    embedder: Embedder,
    ticket_id: int,
    session_id: int,
    k: int = 5,
    category_criteria: tuple[str, ...] = DEFAULT_CATEGORY_CRITERIA,
) -> Neighbourhood:
    """The ticket's k nearest tickets in its session and in other sessions, and the category
    its nearest well-scored neighbours (full categorization points in a completed run)
    agree on."""
    own = similar_tickets(store, embedder, ticket_id, k=k, scope="session")
    others = [
        m
        for m in similar_tickets(store, embedder, ticket_id, k=k * 4, scope="all")
        if m.session_id != session_id
    ][:k]
    scores = db.latest_scores(store, [m.id for m in own + others])
    criteria = list(category_criteria)
    category = suggest_category(
        store, embedder, ticket_id, well_scored=lambda ids: db.well_scored_ids(store, ids, criteria)
    )

    def related(m: TicketMatch) -> RelatedTicket:
        s = scores.get(m.id)
        if s is None or s["status"] != "scored":
            return RelatedTicket(m)
        return RelatedTicket(m, s["percent"], s["band"])

    return Neighbourhood([related(m) for m in own], [related(m) for m in others], category)
