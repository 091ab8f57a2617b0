"""The annotation stage of the engine: knowledge notes on a judge's and the rules' results
(tqrs.judges.knowledge_notes: the SOP passage that bears on a criterion, a better category
from similar well-scored tickets). Notes and citations, and points only where the
neighbours' vote for another category is clear (the category-fit criterion).

Two halves: `KnowledgeNotes` looks the evidence up (it reads the store and embeds, so it
runs where the run runs, once per batch), `Notes` adds it to results (pure and picklable,
so worker processes run it). A run gets notes when its judge asks for them
(`Judge.knowledge_notes`) and there is something to note: documents in the knowledge base,
or a session already embedded. The lookup happens when the run starts executing, on the
run's own thread, so starting a run never waits for the embedding model; with documents, the
session is embedded first (also for "similar tickets")."""

from dataclasses import dataclass

from tqrs.judges.knowledge_notes import SOP_INFORMED, add_knowledge
from tqrs.knowledge.evidence import (
    KnowledgeEvidence,
    TicketEvidence,
    category_criteria,
    category_fit_criterion,
    knowledge_evidence,
)
from tqrs.knowledge.tickets import ensure_embedded
from tqrs.models import Ticket
from tqrs.results import CriterionResult
from tqrs.rubric import Criterion, Rubric
from tqrs.store import Store


@dataclass(frozen=True)
class Notes:
    """Adds looked-up evidence to one ticket's results (a new dict)."""

    category_criteria: tuple[str, ...] = ()
    fit: Criterion | None = None  # lowered on a clear vote for another category

    def annotate(
        self, results: dict[str, CriterionResult], evidence: TicketEvidence | None
    ) -> dict[str, CriterionResult]:
        return add_knowledge(results, evidence, self.category_criteria, self.fit)


class KnowledgeNotes:
    """The evidence of a run's tickets, a batch at a time, and the `Notes` that add it."""

    def __init__(self, knowledge: KnowledgeEvidence, notes: Notes):
        self.knowledge, self.notes = knowledge, notes

    @classmethod
    def prepare(
        cls, store: Store, session_id: int, rubric: Rubric, embedder_factory
    ) -> "KnowledgeNotes | None":
        """The run's notes, or None when there is nothing to note (no embedder is made
        then). Raises ConfigError when evidence needs an embedder that cannot load."""
        categories = category_criteria(rubric)
        cite_for = tuple(c.id for c in rubric.criteria if c.id in SOP_INFORMED)
        knowledge = knowledge_evidence(
            store, embedder_factory, categories, session_id, cite_for=cite_for
        )
        if knowledge is None:
            return None
        if knowledge.chunks:
            ensure_embedded(store, knowledge.embedder, session_id)
        return cls(knowledge, Notes(categories, category_fit_criterion(rubric)))

    def evidence(self, tickets: list[Ticket]) -> dict[int, TicketEvidence]:
        return self.knowledge.for_tickets(tickets)
