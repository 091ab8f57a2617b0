"""The stages every ticket of a run goes through, in order: the rules (sure verdicts), the
judge (the rubric's llm criteria and the rule criteria the rules left open, in one call;
then the rules that read an open criterion are re-derived, tqrs.rules.settle), the knowledge notes (citations and a better category,
never points; only for judges that ask for them) and the score (tqrs.scoring).

`grade_batch` runs them for a batch of tickets with an in-process judge: here, or in a worker
process (`grade_rows`, which takes and returns plain rows, cheap to pickle). A remote judge's
ticket goes through `rule_results` and `finish` around its awaited call (tqrs.engine.run)."""

from collections.abc import Iterable, Iterator

from tqrs.engine.notes import KnowledgeNotes, Notes
from tqrs.judges import InProcessJudge
from tqrs.knowledge.evidence import TicketEvidence
from tqrs.models import Ticket
from tqrs.results import CriterionResult, TicketScore
from tqrs.rubric import Rubric
from tqrs.rules import apply_rules, settle
from tqrs.scoring import score_ticket
from tqrs.store import runs as db_runs
from tqrs.store.sessions import ticket_from_row

rule_results = apply_rules


def finish(
    rubric: Rubric,
    ticket: Ticket,
    results: dict[str, CriterionResult],
    notes: Notes | None = None,
    evidence: TicketEvidence | None = None,
) -> TicketScore:
    """The notes stage (when the run has notes), then the score."""
    if notes is not None:
        results = notes.annotate(results, evidence)
    return score_ticket(rubric, ticket.id, ticket.number, results)


def grade_batch(
    judge: InProcessJudge,
    rubric: Rubric,
    tickets: Iterable[Ticket],
    notes: Notes | None = None,
    evidence: dict[int, TicketEvidence] | None = None,
) -> Iterator[TicketScore]:
    """Every stage for a batch of tickets, in the tickets' order, one score at a time (turned
    into rows as they come, results die young: holding a batch of models made the garbage
    collector's passes a tenth of a run). `evidence` (ticket id -> its knowledge evidence,
    looked up by the caller, which alone reads the store) feeds the notes."""
    found = evidence or {}
    judged = rubric.llm_criteria
    for t in tickets:
        rules = rule_results(t, rubric)
        asked = judge.judge_ticket(t, rubric, rules.open) if judged or rules.open else {}
        yield finish(rubric, t, settle(t, rubric, rules, asked), notes, found.get(t.id))


def grade_rows(
    judge: InProcessJudge,
    rubric: Rubric,
    run_id: int,
    rows: list[tuple],
    notes: Notes | None,
    evidence: dict[int, TicketEvidence] | None,
) -> db_runs.ScoreRows:
    """`grade_batch` from ticket rows to the rows to store (what a worker process runs)."""
    tickets = map(ticket_from_row, rows)
    return db_runs.score_rows(run_id, grade_batch(judge, rubric, tickets, notes, evidence))


__all__ = [
    "KnowledgeNotes",
    "Notes",
    "finish",
    "grade_batch",
    "grade_rows",
    "rule_results",
    "settle",
]
