"""Knowledge evidence for judging many tickets: the knowledge passages that bear on each ticket
and the category its nearest well-scored neighbours agree on.

Built once per run. The knowledge base's chunk vectors (hundreds) and the well-scored
neighbours' vectors are held in memory and scored against a batch of ticket vectors with one
matrix product, so grading makes no per-ticket query. Ticket vectors come from the embedding
cache (`embed_cached` on the same text `ticket_vectors` hold), so a session embedded once costs
one lookup per batch afterwards.

With `cite_criteria`, the procedure step each of those criteria cites is chosen too
(tqrs.knowledge.citing): the knowledge base's steps are found and embedded once per run
(cached like every text), and scored with the same ticket vectors.

Well-scored neighbours are tickets of earlier completed runs whose categorization criterion
earned full points; a ticket never votes for itself (same number)."""

from dataclasses import dataclass, field

import numpy as np

from tqrs.display import plural
from tqrs.embeddings import Embedder, embed_cached, text_hash
from tqrs.errors import ConfigError
from tqrs.knowledge.base import Passage, _reembed_other_models
from tqrs.knowledge.citing import CitingParams, StepCitation, StepIndex, passage_of
from tqrs.knowledge.tickets import CategorySuggestion, embedding_text, vote_category
from tqrs.models import Ticket
from tqrs.store import Store
from tqrs.store import knowledge as db

CATEGORY_RULE = "category_fields"
BLOCK = 512  # ticket rows per similarity block: bounds memory with many neighbours


@dataclass(frozen=True)
class TicketEvidence:
    passages: tuple[Passage, ...] = ()  # nearest the ticket (the LLM judge's reference)
    category: CategorySuggestion | None = None
    citations: dict[str, StepCitation] = field(default_factory=dict)  # criterion -> step


@dataclass
class _Neighbour:  # what vote_category reads
    number: str
    category: str
    subcategory: str
    score: float


@dataclass
class KnowledgeEvidence:
    """Passages and category suggestions for batches of tickets (see the module docstring)."""

    store: Store
    embedder: Embedder
    category_criteria: tuple[str, ...] = ()
    cite_criteria: tuple[str, ...] = ()  # criteria that cite a procedure step (see citing)
    citing: CitingParams | None = None
    k: int = 3
    min_score: float = 0.3
    neighbours_k: int = 10
    neighbour_min_score: float = 0.5
    chunks: list[dict] = field(init=False)
    neighbours: list[dict] = field(init=False)
    steps: StepIndex | None = field(init=False)

    def __post_init__(self):
        model = self.embedder.model_id
        if db.count_documents(self.store):
            _reembed_other_models(self.store, self.embedder)
        self.chunks, self._chunk_vectors = db.all_chunks(self.store, model)
        self.neighbours, self._neighbour_vectors = (
            db.well_scored_neighbours(self.store, model, list(self.category_criteria))
            if self.category_criteria
            else ([], np.zeros((0, db.DIM), np.float32))
        )
        self.steps = (
            StepIndex(self.store, self.embedder, self.chunks, self.cite_criteria, self.citing)
            if self.cite_criteria and self.chunks
            else None
        )

    @property
    def empty(self) -> bool:
        return not self.chunks and not self.neighbours

    def fingerprint(self) -> str:
        """The knowledge base's identity (document sha256 and chunk positions)."""
        return ",".join(sorted({f"{c['sha256'][:12]}:{c['position']}" for c in self.chunks}))

    def for_tickets(
        self, tickets: list[Ticket], cached_only: bool = False
    ) -> dict[int, TicketEvidence]:
        """ticket id -> its evidence; tickets without text or evidence are left out, and with
        `cached_only` those whose text was never embedded (an estimate must not wait for the
        model)."""
        if self.empty or not tickets:
            return {}
        texts = [embedding_text(t.short_description, t.description, t.close_notes) for t in tickets]
        keep = [i for i, text in enumerate(texts) if text]
        if cached_only:
            known = db.cached_vectors(
                self.store, self.embedder.model_id, sorted({text_hash(texts[i]) for i in keep})
            )
            keep = [i for i in keep if text_hash(texts[i]) in known]
        if not keep:
            return {}
        vectors = embed_cached(self.store, self.embedder, [texts[i] for i in keep])
        out: dict[int, TicketEvidence] = {}
        for start in range(0, len(keep), BLOCK):
            rows = vectors[start : start + BLOCK]
            part = [tickets[i] for i in keep[start : start + BLOCK]]
            passages = self._passages(rows)
            categories = self._categories(part, rows)
            cited = self.steps.cite(rows) if self.steps else [{}] * len(part)
            for j, t in enumerate(part):
                if passages[j] or categories[j] or cited[j]:
                    out[t.id] = TicketEvidence(passages[j], categories[j], cited[j])
        return out

    def _passages(self, rows: np.ndarray) -> list[tuple[Passage, ...]]:
        if not self.chunks:
            return [()] * len(rows)
        sims = rows @ self._chunk_vectors.T
        out = []
        for row in sims:
            best = np.argsort(-row, kind="stable")[: self.k]
            out.append(
                tuple(
                    passage_of(self.chunks[i], float(row[i]))
                    for i in best
                    if row[i] >= self.min_score
                )
            )
        return out

    def _categories(
        self, tickets: list[Ticket], rows: np.ndarray
    ) -> list[CategorySuggestion | None]:
        if not self.neighbours:
            return [None] * len(tickets)
        sims = rows @ self._neighbour_vectors.T
        out = []
        top = min(self.neighbours_k + 5, sims.shape[1])  # a few spare for same-number copies
        nearest = np.argpartition(-sims, top - 1, axis=1)[:, :top]
        for t, row, candidates in zip(tickets, sims, nearest, strict=True):
            order = candidates[np.argsort(-row[candidates], kind="stable")]
            voters = [
                _Neighbour(n["number"] or "", n["category"], n["subcategory"] or "", float(row[i]))
                for i in order
                if row[i] >= self.neighbour_min_score
                and (n := self.neighbours[i])["number"] != t.number
            ][: self.neighbours_k]
            out.append(vote_category(t.category or "", voters))
        return out


def category_criteria(rubric) -> tuple[str, ...]:
    """The ids of a rubric's categorization criteria (graded by the category rule)."""
    return tuple(c.id for c in rubric.criteria if c.method == "rule" and c.rule == CATEGORY_RULE)


CATEGORY_FIT = "category_fit"


def category_fit_criterion(rubric):
    """The criterion that says whether the category fits the ticket: the rubric's
    category_fit criterion, else its first categorization criterion (None: neither)."""
    ids = [c.id for c in rubric.criteria if c.id == CATEGORY_FIT] or category_criteria(rubric)
    return rubric.criterion(ids[0]) if ids else None


def knowledge_evidence(
    store: Store,
    embedder_factory,
    categories_for: tuple[str, ...] = (),
    session_id: int | None = None,
    cite_for: tuple[str, ...] = (),
) -> KnowledgeEvidence | None:
    """The evidence a run can use, or None when there is none.

    Passages when the knowledge base has documents, and the procedure step each criterion of
    `cite_for` cites (tqrs.knowledge.citing); category suggestions for the criteria
    `categories_for` when the session (`session_id`) is embedded already or will be for the
    passages. A run with neither never makes the embedder, so it pays nothing.
    Raises ConfigError when the embedder is needed and cannot load."""
    documents = db.count_documents(store)
    embedded = session_id is not None and bool(db.ticket_models(store, session_id))
    criteria = categories_for if (documents or embedded) else ()
    if not documents and not criteria:
        return None
    try:
        evidence = KnowledgeEvidence(
            store, embedder_factory(), criteria, cite_for if documents else ()
        )
    except ConfigError as e:
        what = (
            f"the knowledge base has {plural(documents, 'document')}"
            if documents
            else "the session has ticket embeddings"
        )
        raise ConfigError(
            f"knowledge evidence: {what} but the embedding model cannot be "
            f"used ({e}); fix TQRS_EMBED_MODEL / the model package, or remove "
            "the documents (tqrs kb remove) to grade without them"
        ) from None
    return None if evidence.empty else evidence
