"""Knowledge evidence added to the offline judge's and the rules' results: the procedure step
that bears on a criterion and the ticket (tqrs.knowledge.citing: a step, of a document about
the ticket, near what the criterion checks; none when nothing fits), and a better category
suggested by similar well-scored tickets.

Notes only, never points: the heuristics and rules still choose the option. A passage says
what the procedure asks, and a neighbours' vote can be wrong for a rare but correct category;
both are for the analyst to weigh (the Review page shows them, citations keep the source)."""

from tqrs.knowledge.citing import CRITERION_FOCUS, StepCitation
from tqrs.knowledge.evidence import TicketEvidence
from tqrs.results import CriterionResult

# Criteria a procedure informs: how to troubleshoot, how to resolve, what a critical process
# (a password reset, a lost device) requires.
SOP_INFORMED = frozenset(CRITERION_FOCUS)


def add_knowledge(
    results: dict[str, CriterionResult],
    evidence: TicketEvidence | None,
    category_criteria: tuple[str, ...] = (),
) -> dict[str, CriterionResult]:
    """`results` with the evidence cited where it applies (a new dict; results unchanged)."""
    if evidence is None:
        return results
    out = dict(results)
    for cid, r in results.items():
        if r.status != "scored" or not r.applicable:  # e.g. no critical process: nothing to cite
            continue
        if cid in SOP_INFORMED and cid in evidence.citations:
            out[cid] = _with_step(r, evidence.citations[cid])
        elif cid in category_criteria and evidence.category and evidence.category.better_available:
            s = evidence.category
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
