"""Turning criterion results into a ticket's score, band and verdict, as judged and as in
effect after analysts' overrides.

Semantics (DESIGN.md): points of applicable criteria count against their maximum; N/A, "not
assessable" and "evidence not found" remove a criterion from the maximum; deductions apply to
the total, which stays within [0, maximum]; a FAIL option fails the ticket whatever its points,
and the ticket then takes the rubric's fail band (by default its lowest), never a band its
points would give. When nothing is applicable the percent is None, the band "N/A" (the fail
band when auto-failed).

The verdict (TicketScore.verdict) is "pass", "fail" or "too_little" ("too little to judge"):
a ticket judged on less than the rubric's `min_judged_percent` of its maximum points (the
points of the applicable criteria, `max_points`, against the rubric's full `max_points`:
"20 of 120 points judged"; default: under half), or on nothing at all, gets no verdict of its
own: neither passed nor failed, no band, and pass rates count it apart (a ticket with a short
description alone passed at 100 % before, judged on 10 of 70 points). An auto-fail or a
deduction is a judgement: such a ticket fails however little else was judged. A ticket judged
enough but with no points at stake (the parameter at 0, a critical process PASS and nothing
else) passes unless it has a FAIL or a deduction. `verdict_of` is the one definition.

The effective score (`effective_score`) is the only definition of "score after overrides":
the store's effective tables are written from it (tqrs.review) and every page, report and
profile reads them."""

from collections.abc import Mapping

from tqrs.masking import mask_results
from tqrs.models import Ticket, field_defaults, trusted
from tqrs.results import FAIL, PASS, TOO_LITTLE, CriterionResult, TicketScore
from tqrs.rubric import Rubric
from tqrs.rules import rederive

NO_BAND = "N/A"


def score_ticket(
    rubric: Rubric, ticket_id: int, number: str, criteria_results: Mapping[str, CriterionResult]
) -> TicketScore:
    """Score one ticket from its results keyed by criterion id (one per rubric criterion).

    Raises ValueError when a criterion is missing, extra or keyed under the wrong id.
    A ticket with an unscored criterion gets status "failed" and no made-up score."""
    expected = [c.id for c in rubric.criteria]
    if len(criteria_results) != len(expected) or not all(
        map(criteria_results.__contains__, expected)
    ):
        missing = [cid for cid in expected if cid not in criteria_results]
        extra = [cid for cid in criteria_results if cid not in set(expected)]
        raise ValueError(
            f"rubric {rubric.id!r}: results missing {missing or 'none'}, "
            f"unexpected {extra or 'none'}"
        )
    for key, result in criteria_results.items():
        if result.criterion_id != key:
            raise ValueError(f"result for {result.criterion_id!r} filed under {key!r}")
    ordered = [criteria_results[cid] for cid in expected]

    # one pass over the results (this runs for every ticket of a run)
    maximum = earned = deductions = 0
    auto_fail = judged = False
    unscored = []
    for r in ordered:
        if r.status == "unscored":
            unscored.append(r)
        if r.applicable:
            maximum += r.max_points
            earned += min(r.points, r.max_points)
            judged = judged or r.status == "scored"
        deductions += r.deduction
        auto_fail = auto_fail or r.auto_fail
    if unscored:
        return TicketScore(
            ticket_id=ticket_id,
            number=number,
            status="failed",
            criteria=ordered,
            error="could not grade "
            + ", ".join(f"{r.criterion_id} ({r.error or 'no reason given'})" for r in unscored),
        )

    score = float(max(0, min(maximum, earned + deductions)))
    percent = None if maximum == 0 else round(score / maximum * 100, 2)
    verdict = verdict_of(rubric, maximum, percent, judged, auto_fail, deductions)
    if auto_fail:
        band = rubric.failed_band.name
    elif percent is None or verdict == TOO_LITTLE:
        band = NO_BAND
    else:
        band = rubric.band_for(percent).name
    passed = verdict == PASS
    values = {
        "ticket_id": ticket_id,
        "number": number,
        "score": score,
        "max_points": maximum,
        "percent": percent,
        "band": band,
        "passed": passed,
        "verdict": verdict,
        "auto_fail": auto_fail,
        "criteria": ordered,
    }
    if type(ticket_id) is not int or type(number) is not str:
        return TicketScore(**values)  # validated (and converted) as given
    # every value made above is of its field's type: built without validating again
    # (tqrs.models.trusted; pydantic's pass was ~8 us of every ticket's score)
    return trusted(TicketScore, {**_SCORE_DEFAULTS, **values}, set(values))


def verdict_of(
    rubric: Rubric,
    judged_points: int,
    percent: float | None,
    judged: bool,
    auto_fail: bool,
    deductions: float,
) -> str:
    """A scored ticket's verdict (see the module docstring): `judged_points` is the maximum
    of its applicable criteria, `judged` whether any criterion was scored."""
    if auto_fail:
        return FAIL
    if not judged or judged_points < rubric.min_judged_points - 1e-9:
        return FAIL if deductions else TOO_LITTLE
    if deductions and percent is None:
        return FAIL
    if percent is None or percent >= rubric.pass_percent - 1e-9:
        return PASS
    return FAIL


# The fields score_ticket sets (among them those without a default) replace theirs in place
_SCORE_DEFAULTS = field_defaults(TicketScore)


def apply_option(rubric: Rubric, result: CriterionResult, option: str) -> CriterionResult:
    """The result with the analyst's option in place of the judge's (evidence, reasoning,
    coaching and citations kept)."""
    return CriterionResult.from_option(
        rubric.criterion(result.criterion_id),
        option,
        result.method,
        evidence=result.evidence,
        reasoning=result.reasoning,
        coaching=result.coaching,
        citations=result.citations,
    )


def effective_score(
    rubric: Rubric, ticket: Ticket, judged: TicketScore, overrides: Mapping[str, str]
) -> TicketScore:
    """The ticket's score with analysts' options (criterion id -> option label) in place of
    the judged ones, and every rule criterion derived from an overridden one (critical
    process <- caller validation) re-derived from the effective values; a derived criterion
    an analyst overrode keeps the analyst's option. Usage figures are kept. With no
    overrides, `judged` itself."""
    if not overrides:
        return judged
    results = {r.criterion_id: r for r in judged.criteria}
    for cid, option in overrides.items():
        results[cid] = apply_option(rubric, results[cid], option)
    results.update(mask_results(ticket, rederive(ticket, rubric, results, set(overrides))))
    score = score_ticket(rubric, judged.ticket_id, judged.number, results)
    return score.model_copy(
        update={
            "tokens_in": judged.tokens_in,
            "tokens_out": judged.tokens_out,
            "cost": judged.cost,
            "cached": judged.cached,
        }
    )
