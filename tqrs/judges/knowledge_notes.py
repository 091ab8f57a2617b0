"""Knowledge evidence added to the offline judge's and the rules' results: the SOP passage
that bears on a criterion, and a better category suggested by similar well-scored tickets.

Notes only, never points: the heuristics and rules still choose the option. A passage says
what the procedure asks, and a neighbours' vote can be wrong for a rare but correct category;
both are for the analyst to weigh (the Review page shows them, citations keep the source)."""

import re

from tqrs.knowledge.evidence import TicketEvidence
from tqrs.results import CriterionResult

# Criteria a procedure informs: how to troubleshoot, how to resolve, what a critical process
# (a password reset, a lost device) requires.
SOP_INFORMED = frozenset({"troubleshooting", "resolution_quality", "critical_process"})
_SENTENCE = re.compile(r"(?<=[.!?])\s")


def add_knowledge(
    results: dict[str, CriterionResult],
    evidence: TicketEvidence | None,
    category_criteria: tuple[str, ...] = (),
) -> dict[str, CriterionResult]:
    """`results` with the evidence cited where it applies (a new dict; results unchanged)."""
    if evidence is None:
        return results
    out = dict(results)
    top = evidence.passages[0] if evidence.passages else None
    for cid, r in results.items():
        if r.status != "scored" or not r.applicable:  # e.g. no critical process: nothing to cite
            continue
        if top is not None and cid in SOP_INFORMED:
            out[cid] = _with_passage(r, top)
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


def _with_passage(r: CriterionResult, passage) -> CriterionResult:
    name = passage.title or passage.document
    update = {
        "reasoning": f"{r.reasoning} Relevant procedure: {passage.cite()}.".strip(),
        "citations": [*r.citations, passage.cite()],
    }
    if r.failed:
        update["coaching"] = (
            f'{r.coaching} The {name} asks: "{gist(passage.text)}" {passage.cite()}'
        ).strip()
    return r.model_copy(update=update)


def gist(text: str, limit: int = 180) -> str:
    """The opening of a passage: whole sentences (a list item's "1." is not one), shortened."""
    sentences = _SENTENCE.split(" ".join(text.split()))
    first = ""
    for sentence in sentences:
        first = f"{first} {sentence}".strip()
        if len(first) >= 40:
            break
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + "..."
