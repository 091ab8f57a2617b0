"""Tickets in vector space: search, similar tickets, near-duplicates, category suggestions and
the knowledge passages that ground a judge.

A ticket's text is its short description, description and close notes. `embed_tickets` stores
the vector of that text for every ticket of a session (the embedding cache makes a second run,
or the same text in another session, cost no model call). Search and similar tickets embed the
session they look in when it has not been; across sessions ("all") they see the sessions that
have been embedded."""

from collections import defaultdict
from collections.abc import Callable, Collection

import numpy as np
from pydantic import BaseModel

from tqrs.embeddings import Embedder, embed_cached, text_hash
from tqrs.errors import InputError, NotFoundError
from tqrs.knowledge.base import Passage, search_knowledge
from tqrs.models import Ticket
from tqrs.store import Store
from tqrs.store import knowledge as db

WellScored = Collection[int] | Callable[[list[int]], Collection[int]]


class TicketMatch(BaseModel):
    """A ticket near a query or another ticket; `text` is the ticket text that matched."""

    id: int
    session_id: int
    number: str
    short_description: str
    category: str
    subcategory: str
    text: str
    score: float


class DuplicatePair(BaseModel):
    first_id: int
    first_number: str
    second_id: int
    second_number: str
    score: float


class CategorySuggestion(BaseModel):
    """What the nearest (well-scored) neighbours of a ticket are categorised as."""

    current: str
    category: str
    subcategory: str
    support: float  # the suggested category's share of the neighbours' similarity
    neighbours: list[str]  # numbers of the neighbours that voted for it
    better_available: bool  # the neighbours agree on a category other than the ticket's
    voters: int = 0  # how many neighbours voted

    def describe(self) -> str:
        """Like 'Network (7 of 9 similar well-scored tickets)'."""
        return (
            f"{self.category} ({len(self.neighbours)} of {self.voters} similar well-scored tickets)"
        )


def embedding_text(
    short_description: str | None, description: str | None, close_notes: str | None
) -> str:
    """What a ticket's vector is made from: its short description, description and close
    notes, stripped, one per line (tqrs.rules.text.ticket_text is the rules' view of a
    ticket's texts)."""
    return "\n".join(
        p.strip() for p in (short_description, description, close_notes) if p and p.strip()
    )


def embed_tickets(store: Store, embedder: Embedder, session_id: int) -> int:
    """Give every ticket of a session with any text a vector; returns how many changed."""
    current = db.ticket_hashes(store, session_id, embedder.model_id)
    todo: list[tuple[int, str]] = []
    for tid, short, desc, close in db.ticket_texts(store, session_id):
        text = embedding_text(short, desc, close)
        if text and current.get(tid) != text_hash(text):
            todo.append((tid, text))
    if todo:
        texts = [text for _, text in todo]
        vectors = embed_cached(store, embedder, texts)
        with db.write(store) as cur:
            db.save_ticket_vectors(
                cur,
                session_id,
                embedder.model_id,
                [t for t, _ in todo],
                [text_hash(t) for t in texts],
                vectors,
            )
    return len(todo)


def ensure_embedded(store: Store, embedder: Embedder, session_id: int) -> None:
    """embed_tickets, unless every ticket already has a vector (one count, not a re-hash of
    the session: tickets do not change once ingested)."""
    if db.count_unembedded(store, session_id, embedder.model_id):
        embed_tickets(store, embedder, session_id)


def _matches(rows: list[dict]) -> list[TicketMatch]:
    return [
        TicketMatch(
            id=r["id"],
            session_id=r["session_id"],
            number=r["number"] or "",
            short_description=r["short_description"] or "",
            category=r["category"] or "",
            subcategory=r["subcategory"] or "",
            score=r["score"],
            text=embedding_text(r["short_description"], r["description"], r["close_notes"]),
        )
        for r in rows
    ]


def search_tickets(
    store: Store, embedder: Embedder, query: str, k: int = 5, session_id: int | None = None
) -> list[TicketMatch]:
    """Tickets nearest in meaning to the query: in one session (embedded first if need be),
    or in every embedded session."""
    if not query.strip():
        raise InputError("the search text is empty")
    if session_id is not None:
        ensure_embedded(store, embedder, session_id)
    vector = embed_cached(store, embedder, [query])[0]
    return _matches(db.top_tickets(store, embedder.model_id, vector, k, session_id=session_id))


def similar_tickets(
    store: Store, embedder: Embedder, ticket_id: int, k: int = 5, scope: str = "session"
) -> list[TicketMatch]:
    """A ticket's nearest neighbours, best first, in its own session ("session") or in every
    embedded session ("all"). Other copies of the same ticket number are left out."""
    brief = db.ticket_briefs(store, [ticket_id]).get(ticket_id)
    if brief is None:
        raise NotFoundError(f"no ticket with id {ticket_id}")
    if scope not in ("session", "all"):
        raise ValueError(f"scope must be 'session' or 'all', not {scope!r}")
    ensure_embedded(store, embedder, brief["session_id"])
    vector = db.ticket_vector(store, ticket_id, embedder.model_id)
    if vector is None:  # a ticket without any text has no neighbours to speak of
        return []
    return _matches(
        db.top_tickets(
            store,
            embedder.model_id,
            vector,
            k,
            session_id=brief["session_id"] if scope == "session" else None,
            exclude_ticket=ticket_id,
            exclude_number=brief["number"],
        )
    )


def near_duplicates(
    store: Store, session_id: int, threshold: float = 0.95, model_id: str | None = None
) -> list[DuplicatePair]:
    """Pairs of tickets of an embedded session whose texts are at least `threshold` similar,
    most similar first. `model_id` defaults to the model that embedded most of the session;
    a session never embedded has none."""
    models = db.ticket_models(store, session_id)
    if not models:
        return []
    ids, vectors = db.session_vectors(store, session_id, model_id or models[0])
    pairs: list[tuple[float, int, int]] = []
    block = 1024  # bounds memory at block x n similarities
    for start in range(0, len(ids), block):
        sims = vectors[start : start + block] @ vectors.T
        rows, cols = np.nonzero(sims >= threshold)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            if start + r < c:
                pairs.append((float(sims[r, c]), ids[start + r], ids[c]))
    pairs.sort(key=lambda p: -p[0])
    briefs = db.ticket_briefs(store, sorted({i for _, a, b in pairs for i in (a, b)}))
    return [
        DuplicatePair(
            first_id=a,
            first_number=briefs[a]["number"] or "",
            second_id=b,
            second_number=briefs[b]["number"] or "",
            score=round(s, 4),
        )
        for s, a, b in pairs
    ]


def suggest_category(
    store: Store,
    embedder: Embedder,
    ticket_id: int,
    k: int = 10,
    min_score: float | None = 0.5,
    well_scored: WellScored | None = None,
    min_support: float = 0.6,
    min_neighbours: int = 3,
    scope: str = "all",
) -> CategorySuggestion | None:
    """The category a ticket's nearest well-scored neighbours agree on.

    Args:
        k: how many neighbours vote, at most.
        min_score: neighbours less similar than this do not vote (None: all k vote).
        well_scored: which tickets may vote: their ids, or a function given candidate ids
            that returns the well-scored ones (e.g. from run results). None: every ticket.
        min_support: the share of the vote (weighted by similarity) the winner needs.
        min_neighbours: fewer voting neighbours than this give no suggestion.
    Returns:
        The winning category with `better_available` set when it differs from the ticket's,
        or None when the neighbours are too few or do not agree.
    """
    brief = db.ticket_briefs(store, [ticket_id]).get(ticket_id)
    if brief is None:
        raise NotFoundError(f"no ticket with id {ticket_id}")
    candidates = similar_tickets(
        store, embedder, ticket_id, k=k * 5 if well_scored else k, scope=scope
    )
    if min_score is not None:
        candidates = [c for c in candidates if c.score >= min_score]
    if well_scored is not None:
        allowed = set(
            well_scored([c.id for c in candidates]) if callable(well_scored) else well_scored
        )
        candidates = [c for c in candidates if c.id in allowed]
    voters = [c for c in candidates if c.category][:k]
    return vote_category(brief["category"] or "", voters, min_support, min_neighbours)


def vote_category(
    current: str, voters: list, min_support: float = 0.6, min_neighbours: int = 3
) -> CategorySuggestion | None:
    """The category most of `voters` (objects with number, category, subcategory and score)
    share, weighted by similarity; None when they are too few or do not agree."""
    if len(voters) < min_neighbours:
        return None
    votes: dict[str, float] = defaultdict(float)
    for c in voters:
        votes[c.category] += c.score
    category, weight = max(votes.items(), key=lambda kv: kv[1])
    support = weight / sum(votes.values())
    if support < min_support:
        return None
    agreeing = [c for c in voters if c.category == category]
    subs: dict[str, float] = defaultdict(float)
    for c in agreeing:
        subs[c.subcategory] += c.score
    return CategorySuggestion(
        current=current,
        category=category,
        subcategory=max(subs, key=subs.get),
        support=round(support, 3),
        neighbours=[c.number for c in agreeing],
        voters=len(voters),
        better_available=category.casefold() != current.casefold(),
    )


def passages_for_ticket(
    store: Store, embedder: Embedder, ticket: Ticket, k: int = 3, min_score: float = 0.3
) -> list[Passage]:
    """The knowledge passages that bear on a ticket, for a judge to cite (may be empty)."""
    text = embedding_text(ticket.short_description, ticket.description, ticket.close_notes)
    if not text:
        return []
    return [p for p in search_knowledge(store, embedder, text, k) if p.score >= min_score]
