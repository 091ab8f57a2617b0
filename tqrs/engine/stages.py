"""The stages every ticket of a run goes through, in order: what the export does not carry
(criteria not assessable for the ticket, settled before anything reads it: tqrs.assessable),
the rules (sure verdicts), the judge (the rubric's llm criteria that are assessable and the
rule criteria the rules left open, in one call; then the rules that read an open criterion
are re-derived, tqrs.rules.settle), the knowledge notes (citations and a better category;
only for judges that ask for them) and the score (tqrs.scoring).

`grade_batch` runs them for a batch of tickets with an in-process judge: here, or in a worker
process (`grade_rows`, which takes and returns plain rows, cheap to pickle). A remote judge's
ticket goes through `before_judge`, `settle` and `finish` around its awaited call (tqrs.engine.run)."""

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from tqrs.assessable import NOTHING, ExportGaps, not_assessable, notes_confirm, notes_written
from tqrs.engine.notes import KnowledgeNotes, Notes
from tqrs.judges import InProcessJudge
from tqrs.knowledge.evidence import TicketEvidence
from tqrs.masking import mask_results
from tqrs.models import Ticket
from tqrs.results import CriterionResult, TicketScore
from tqrs.rubric import Rubric
from tqrs.rules import RuleResults, apply_rules, settle
from tqrs.scoring import score_ticket
from tqrs.store import runs as db_runs
from tqrs.store.sessions import ticket_from_row


def before_judge(
    ticket: Ticket, rubric: Rubric, missing: frozenset[str] = NOTHING
) -> tuple[RuleResults, Rubric]:
    """The ticket's results before the judge: every criterion not assessable for it (its
    export does not carry the fields `missing`), and the rules' results for the others; with
    the part of the rubric the judge is still to grade (Rubric.judged_part)."""
    left_out = NOTHING
    if missing:
        written = notes_written(ticket)
        left_out = rubric.not_assessable(missing, written)
        shown = rubric.not_assessable(missing, written, notes_confirm=True)
        # the close notes are read for a confirmation only where it changes what is left out
        if shown != left_out and notes_confirm(ticket, missing):
            left_out = shown
    if not left_out:  # the usual case: nothing more per ticket than the rules
        return apply_rules(ticket, rubric), rubric
    settled = {cid: not_assessable(rubric.criterion(cid), missing) for cid in left_out}
    results = apply_rules(ticket, rubric, settled)
    results.update(settled)
    return results, rubric.judged_part(left_out)


def finish(
    rubric: Rubric,
    ticket: Ticket,
    results: dict[str, CriterionResult],
    notes: Notes | None = None,
    evidence: TicketEvidence | None = None,
) -> TicketScore:
    """The notes stage (when the run has notes), then the score, with the ticket's secrets
    masked in what the results show (tqrs.masking)."""
    if notes is not None:
        results = notes.annotate(results, evidence)
    results = mask_results(ticket, results)
    return score_ticket(rubric, ticket.id, ticket.number, results)


def grade_batch(
    judge: InProcessJudge,
    rubric: Rubric,
    tickets: Iterable[Ticket],
    notes: Notes | None = None,
    evidence: dict[int, TicketEvidence] | None = None,
    gaps: ExportGaps | None = None,
) -> Iterator[TicketScore]:
    """Every stage for a batch of tickets, in the tickets' order, one score at a time (turned
    into rows as they come, results die young: holding a batch of models made the garbage
    collector's passes a tenth of a run). `evidence` (ticket id -> its knowledge evidence,
    looked up by the caller, which alone reads the store) feeds the notes; `gaps` says what
    each ticket's export does not carry."""
    found = evidence or {}
    gaps = gaps or ExportGaps()
    with rare_cycle_collection():  # however it is called: a run, a worker, the benchmark
        for t in tickets:
            rules, judged = before_judge(t, rubric, gaps.missing(t))
            asked = (
                judge.judge_ticket(t, judged, rules.open)
                if judged.llm_criteria or rules.open
                else {}
            )
            yield finish(rubric, t, settle(t, rubric, rules, asked), notes, found.get(t.id))


@contextmanager
def rare_cycle_collection() -> Iterator[None]:
    """Fewer cyclic-GC passes while an in-process judge grades: its many short-lived result
    objects otherwise trigger collections that cost a fifth of the time. The setting is
    process-wide; an overlapping run (another workbench session) at worst restores it early."""
    old = gc.get_threshold()
    gc.set_threshold(50_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def grade_rows(
    judge: InProcessJudge,
    rubric: Rubric,
    run_id: int,
    rows: list[tuple],
    notes: Notes | None,
    evidence: dict[int, TicketEvidence] | None,
    gaps: ExportGaps | None = None,
) -> db_runs.ScoreRows:
    """`grade_batch` from ticket rows to the rows to store (what a worker process runs)."""
    tickets = map(ticket_from_row, rows)
    return db_runs.score_rows(run_id, grade_batch(judge, rubric, tickets, notes, evidence, gaps))


__all__ = [
    "KnowledgeNotes",
    "Notes",
    "before_judge",
    "finish",
    "grade_batch",
    "grade_rows",
    "settle",
]
