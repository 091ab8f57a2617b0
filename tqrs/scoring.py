"""Turning criterion results into a ticket's score, band and verdict.

Semantics (DESIGN.md): points of applicable criteria count against their maximum; N/A removes
a criterion from the maximum; deductions apply to the total, which stays within [0, maximum];
a FAIL option fails the ticket whatever its points. When nothing is applicable the percent is
None, the band "N/A", and the ticket passes unless it has a FAIL or a deduction."""

from collections.abc import Mapping

from tqrs.results import CriterionResult, TicketScore
from tqrs.rubric import Rubric

NO_BAND = "N/A"


def score_ticket(
    rubric: Rubric, ticket_id: int, number: str, criteria_results: Mapping[str, CriterionResult]
) -> TicketScore:
    """Score one ticket from its results keyed by criterion id (one per rubric criterion).

    Raises ValueError when a criterion is missing, extra or keyed under the wrong id.
    A ticket with an unscored criterion gets status "failed" and no made-up score."""
    expected = [c.id for c in rubric.criteria]
    missing = [cid for cid in expected if cid not in criteria_results]
    extra = [cid for cid in criteria_results if cid not in set(expected)]
    if missing or extra:
        raise ValueError(
            f"rubric {rubric.id!r}: results missing {missing or 'none'}, "
            f"unexpected {extra or 'none'}"
        )
    for key, result in criteria_results.items():
        if result.criterion_id != key:
            raise ValueError(f"result for {result.criterion_id!r} filed under {key!r}")
    ordered = [criteria_results[cid] for cid in expected]

    unscored = [r for r in ordered if r.status == "unscored"]
    if unscored:
        return TicketScore(
            ticket_id=ticket_id,
            number=number,
            status="failed",
            criteria=ordered,
            error="could not grade "
            + ", ".join(f"{r.criterion_id} ({r.error or 'no reason given'})" for r in unscored),
        )

    maximum = sum(r.max_points for r in ordered if r.applicable)
    earned = sum(min(r.points, r.max_points) for r in ordered if r.applicable)
    deductions = sum(r.deduction for r in ordered)
    score = float(max(0, min(maximum, earned + deductions)))
    auto_fail = any(r.auto_fail for r in ordered)
    if maximum == 0:
        percent, band = None, NO_BAND
        passed = not auto_fail and deductions == 0
    else:
        percent = round(score / maximum * 100, 2)
        band = rubric.band_for(percent).name
        passed = percent >= rubric.pass_percent - 1e-9 and not auto_fail
    return TicketScore(
        ticket_id=ticket_id,
        number=number,
        score=score,
        max_points=maximum,
        percent=percent,
        band=band,
        passed=passed,
        auto_fail=auto_fail,
        criteria=ordered,
    )
