"""Knowledge evidence added to the offline judge's and the rules' results: the procedure step
that bears on a criterion and the ticket (tqrs.knowledge.citing: a step, of a document about
the ticket, near what the criterion checks; none when nothing fits), and a better category
suggested by similar well-scored tickets.

Mostly notes: a step says what the procedure asks, and is for the analyst to weigh (the
Review page shows it, citations keep the source); it never changes points. One exception,
the category: when the neighbours' vote for another category is clear (CLEAR_SUPPORT of the
similarity, at least CLEAR_NEIGHBOURS agreeing), the criterion that judges whether the
category fits (`fit`: the rubric's category_fit, else its categorization criterion) is
lowered from met to partly met (not met when it has no such option), saying why. A vote that
is not clear stays a note, since it can be wrong for a rare but correct category."""

from tqrs.knowledge.citing import CRITERION_FOCUS, StepCitation
from tqrs.knowledge.evidence import TicketEvidence
from tqrs.knowledge.tickets import CategorySuggestion
from tqrs.outcomes import Outcome
from tqrs.results import CriterionResult
from tqrs.rubric import Criterion

# Criteria a procedure informs: how to troubleshoot, how to resolve, what a critical process
# (a password reset, a lost device) requires.
SOP_INFORMED = frozenset(CRITERION_FOCUS)
CLEAR_SUPPORT = 0.8
CLEAR_NEIGHBOURS = 4


def add_knowledge(
    results: dict[str, CriterionResult],
    evidence: TicketEvidence | None,
    category_criteria: tuple[str, ...] = (),
    fit: Criterion | None = None,
) -> dict[str, CriterionResult]:
    """`results` with the evidence cited where it applies (a new dict; results unchanged);
    a clear vote for another category lowers `fit` (see the module docstring)."""
    if evidence is None:
        return results
    out = dict(results)
    s = evidence.category
    if fit is not None and fit.id in results and s is not None and is_clear(s):
        out[fit.id] = _lowered(fit, results[fit.id], s)
    for cid in results:
        r = out[cid]  # a lowered category criterion keeps its note below
        if r.status != "scored" or not r.applicable:  # e.g. no critical process: nothing to cite
            continue
        if cid in SOP_INFORMED and cid in evidence.citations:
            out[cid] = _with_step(r, evidence.citations[cid])
        elif cid in category_criteria and s and s.better_available:
            better = f"{s.category} / {s.subcategory}" if s.subcategory else s.category
            out[cid] = r.model_copy(
                update={
                    "reasoning": f"{r.reasoning} Better category available: {s.describe()}.".strip(),
                    "coaching": f"{r.coaching} Check the category: similar well-scored tickets "
                    f"use {better}.".strip(),
                    "citations": [
                        *r.citations,
                        "similar well-scored tickets: " + ", ".join(s.neighbours),
                    ],
                }
            )
    return out


def is_clear(s: CategorySuggestion) -> bool:
    """The neighbours agree on another category strongly enough to act on it."""
    return (
        s.better_available and s.support >= CLEAR_SUPPORT and len(s.neighbours) >= CLEAR_NEIGHBOURS
    )


def _lowered(c: Criterion, r: CriterionResult, s: CategorySuggestion) -> CriterionResult:
    """`r` lowered to partly met (else not met) for a clear vote, when it says met."""
    if r.status != "scored" or not r.applicable or c.outcome_of(r.option) is not Outcome.MET:
        return r
    outcome = Outcome.PARTLY_MET if c.grade_for(Outcome.PARTLY_MET) else Outcome.NOT_MET
    if c.grade_for(outcome) is None:
        return r
    return CriterionResult.from_outcome(
        c,
        outcome,
        r.method,
        evidence=r.evidence,
        reasoning=f"{r.reasoning} Lowered: the category {s.current!r} does not fit; "
        f"similar well-scored tickets clearly agree on {s.describe()}.".strip(),
        coaching=f"{r.coaching} Check the category: similar tickets are filed under "
        f"{s.category}.".strip(),
        citations=[*r.citations, "similar well-scored tickets: " + ", ".join(s.neighbours)],
    )


def _with_step(r: CriterionResult, cited: StepCitation) -> CriterionResult:
    name = cited.passage.title or cited.passage.document
    update = {
        "reasoning": f"{r.reasoning} Relevant procedure: {cited.cite()}.".strip(),
        "citations": [*r.citations, cited.cite()],
    }
    if r.failed:
        update["coaching"] = (
            f'{r.coaching} The {name} asks: "{shorten(cited.step)}" {cited.cite()}'
        ).strip()
    return r.model_copy(update=update)


def shorten(step: str, limit: int = 180) -> str:
    """A step as quoted: whitespace collapsed, cut at a word past `limit` characters."""
    text = " ".join(step.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."
