"""Human review of scored tickets: criterion overrides and reviewed marks.

An override never changes the result row as scored: it is appended to `criterion_overrides`
(original and new option and points, note, who, when) and the ticket's totals are recomputed
by `score_ticket` with every override in effect, then kept in `effective_scores` so that the
Review table and reports filter and sort on effective scores inside DuckDB."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tqrs.errors import InputError
from tqrs.models import Ticket
from tqrs.results import CriterionResult, TicketScore
from tqrs.rubric import Rubric
from tqrs.scoring import score_ticket
from tqrs.store import Store
from tqrs.store import review as db
from tqrs.store.runs import get_run, iter_ticket_scores


@dataclass
class CriterionView:
    """A criterion as scored, and as in effect after the latest override (if any)."""

    original: CriterionResult
    effective: CriterionResult
    override: dict | None


@dataclass
class TicketReview:
    ticket: Ticket
    rubric: Rubric
    original: TicketScore
    effective: TicketScore
    criteria: list[CriterionView]
    reviewed: dict | None
    history: list[dict]


def run_rubric(store: Store, run_id: int) -> Rubric:
    """The rubric version the run was scored with."""
    return Rubric.model_validate_json(get_run(store, run_id).rubric_json)


def load_ticket_review(store: Store, run_id: int, ticket_id: int) -> TicketReview:
    """Everything the ticket detail view shows."""
    rubric = run_rubric(store, run_id)
    original = _original_score(store, run_id, ticket_id)
    overrides = db.latest_overrides(store, run_id, ticket_id)
    views = [
        CriterionView(
            c, _apply(rubric, c, overrides.get(c.criterion_id)), overrides.get(c.criterion_id)
        )
        for c in original.criteria
    ]
    effective = _rescore(rubric, original, views) if overrides else original
    return TicketReview(
        db.get_ticket(store, ticket_id),
        rubric,
        original,
        effective,
        views,
        db.get_review(store, run_id, ticket_id),
        db.override_history(store, run_id, ticket_id),
    )


def override_criterion(
    store: Store,
    run_id: int,
    ticket_id: int,
    criterion_id: str,
    option: str,
    note: str,
    reviewer: str,
) -> TicketScore:
    """Record an analyst's option for one criterion; returns the ticket's effective score."""
    note, reviewer = note.strip(), reviewer.strip()
    if not reviewer:
        raise InputError("override: enter your name (sidebar) so the override says who made it")
    if not note:
        raise InputError("override: a note is required to say why the score changes")
    rubric = run_rubric(store, run_id)
    try:
        criterion = rubric.criterion(criterion_id)
        criterion.option(option)
    except KeyError as e:
        raise InputError(f"override: {e.args[0]}") from None
    original = _original_score(store, run_id, ticket_id)
    before = next(c for c in original.criteria if c.criterion_id == criterion_id)
    overrides = db.latest_overrides(store, run_id, ticket_id)
    new = _apply(rubric, before, {"new_option": option, "note": note})
    overrides[criterion_id] = {"new_option": option, "note": note}
    views = [
        CriterionView(c, _apply(rubric, c, overrides.get(c.criterion_id)), None)
        for c in original.criteria
    ]
    effective = _rescore(rubric, original, views)
    with store.transaction() as cur:
        db.insert_override(
            cur,
            run_id,
            ticket_id,
            criterion_id,
            before.option,
            before.points + before.deduction,
            option,
            new.points + new.deduction,
            new.failed,
            note,
            reviewer,
        )
        db.upsert_effective_score(
            cur,
            run_id,
            ticket_id,
            effective.score,
            effective.max_points,
            effective.percent,
            effective.band,
            effective.passed,
            effective.auto_fail,
            effective.status,
        )
    return effective


def mark_reviewed(store: Store, run_id: int, ticket_id: int, reviewer: str | None) -> None:
    """Mark a ticket reviewed (None clears the mark)."""
    if reviewer is not None and not reviewer.strip():
        raise InputError("reviewed: enter your name (sidebar) first")
    db.ticket_row(store, run_id, ticket_id)  # raises NotFoundError for a wrong id
    db.set_reviewed(store, run_id, ticket_id, reviewer.strip() if reviewer else None)


def effective_scores(store: Store, run_id: int) -> dict[int, dict]:
    """ticket id -> effective totals (score, max_points, percent, band, passed, auto_fail) for
    the run's tickets that have overrides; the others' totals are their results as scored."""
    return db.effective_score_rows(store, run_id)


def iter_effective_scores(
    store: Store, run_id: int
) -> Iterator[tuple[TicketScore, dict[str, dict]]]:
    """The run's ticket scores with the overrides in effect applied (totals recomputed by
    `score_ticket`), each with its overrides by criterion id (empty when none): what reports
    show. Results as scored are never changed."""
    rubric = run_rubric(store, run_id)
    overrides = db.run_overrides(store, run_id)
    for score in iter_ticket_scores(store, run_id):
        mine = overrides.get(score.ticket_id, {})
        if mine:
            views = [
                CriterionView(c, _apply(rubric, c, mine.get(c.criterion_id)), None)
                for c in score.criteria
            ]
            score = _rescore(rubric, score, views)
        yield score, mine


def _original_score(store: Store, run_id: int, ticket_id: int) -> TicketScore:
    row = db.ticket_row(store, run_id, ticket_id)
    fields = set(TicketScore.model_fields) - {"criteria"}
    score = TicketScore(**{k: v for k, v in row.items() if k in fields})
    score.criteria = [CriterionResult(**c) for c in db.criterion_rows(store, run_id, ticket_id)]
    return score


def apply_override(rubric: Rubric, result: CriterionResult, option: str | None) -> CriterionResult:
    """The result with the analyst's option in place of the judge's (evidence, reasoning and
    coaching kept); the result itself when there is no override."""
    if option is None:
        return result
    return CriterionResult.from_option(
        rubric.criterion(result.criterion_id),
        option,
        result.method,
        evidence=result.evidence,
        reasoning=result.reasoning,
        coaching=result.coaching,
        citations=result.citations,
    )


def rescore(
    rubric: Rubric, original: TicketScore, results: Iterable[CriterionResult]
) -> TicketScore:
    """The ticket scored again from these criterion results, keeping its usage figures."""
    score = score_ticket(
        rubric, original.ticket_id, original.number, {r.criterion_id: r for r in results}
    )
    return score.model_copy(
        update={
            "tokens_in": original.tokens_in,
            "cost": original.cost,
            "tokens_out": original.tokens_out,
            "cached": original.cached,
        }
    )


def _apply(rubric: Rubric, result: CriterionResult, override: dict | None) -> CriterionResult:
    return apply_override(rubric, result, override["new_option"] if override else None)


def _rescore(rubric: Rubric, original: TicketScore, views: list[CriterionView]) -> TicketScore:
    return rescore(rubric, original, (v.effective for v in views))
