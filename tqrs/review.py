"""Human review of scored tickets: criterion overrides and reviewed marks.

An override never changes the result row as scored: it is appended to `criterion_overrides`
(original and new option and points, note, who, when), and the ticket's effective score is
computed by tqrs.scoring.effective_score with every override in effect (criteria derived
from an overridden one re-derived), then stored (`effective_scores`, `effective_criteria`) so
that the Review table, the queue, agent profiles, calibration and reports all read the same
values, through the views of tqrs.store.migrations (6)."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from tqrs import display
from tqrs.errors import InputError
from tqrs.models import Ticket
from tqrs.results import CriterionResult, TicketScore
from tqrs.rubric import Rubric
from tqrs.scoring import effective_score
from tqrs.store import Store
from tqrs.store import overrides as db_overrides
from tqrs.store import results as db_results
from tqrs.store import runs as db_runs
from tqrs.store.conflicts import UNCHECKED, checked
from tqrs.store.runs import get_run, iter_ticket_scores
from tqrs.store.sessions import get_ticket


@dataclass
class CriterionView:
    """A criterion as judged, and as in effect: the analyst's option (`source` "override"),
    re-derived from an overridden criterion ("derived"), or as judged (None)."""

    original: CriterionResult
    effective: CriterionResult
    override: dict | None
    source: str | None = None


@dataclass
class TicketReview:
    ticket: Ticket
    rubric: Rubric
    original: TicketScore
    effective: TicketScore
    criteria: list[CriterionView]
    reviewed: dict | None
    history: list[dict]


def ticket_labels(store: Store, run_id: int, ticket_ids: list[int]) -> dict[int, str]:
    """Ticket id -> its name for a reader: the number, and for a number the run holds more
    than once what tells the copies apart (file, sys_id, opened time; tqrs.display). In the
    order of `ticket_ids`; ids the run did not score are left out."""
    labels = display.ticket_labels(db_results.ticket_identities(store, run_id, ticket_ids))
    return {i: labels[i] for i in ticket_ids if i in labels}


def ticket_by_label(store: Store, run_id: int, label: str) -> int | None:
    """The id of the run's ticket named `label` (ticket_labels), None when none is. A picker
    whose options changed under a click hands back the label it showed, not the id."""
    number = label.split(" · ")[0]
    ids = db_runs.run_ticket_ids(store, run_id, number)
    return next((i for i, name in ticket_labels(store, run_id, ids).items() if name == label), None)


def run_rubric(store: Store, run_id: int) -> Rubric:
    """The rubric version the run was scored with."""
    return Rubric.model_validate_json(get_run(store, run_id).rubric_json)


def load_ticket_review(store: Store, run_id: int, ticket_id: int) -> TicketReview:
    """Everything the ticket detail view shows, as stored."""
    original = _original_score(store, run_id, ticket_id)
    effective = _score(db_results.effective_ticket_row(store, run_id, ticket_id))
    overrides = db_overrides.latest_overrides(store, run_id, ticket_id)
    views = []
    for judged, row in zip(
        original.criteria,
        db_results.effective_criterion_rows(store, run_id, ticket_id),
        strict=True,
    ):
        source = row.pop("source")
        current = CriterionResult(**row)
        effective.criteria.append(current)
        views.append(CriterionView(judged, current, overrides.get(judged.criterion_id), source))
    return TicketReview(
        get_ticket(store, ticket_id),
        run_rubric(store, run_id),
        original,
        effective,
        views,
        db_overrides.get_review(store, run_id, ticket_id),
        db_overrides.override_history(store, run_id, ticket_id),
    )


def override_criterion(
    store: Store,
    run_id: int,
    ticket_id: int,
    criterion_id: str,
    option: str,
    note: str,
    reviewer: str,
    seen: int | None | object = UNCHECKED,
) -> TicketScore:
    """Record an analyst's option for one criterion; returns the ticket's effective score.

    Args:
        reviewer: the identity that makes it (the signed-in e-mail, or the name typed).
        seen: the id of the override in effect the analyst saw for this criterion (None: it
            was as judged). When another is in effect now, nothing is written: ConflictError
            says who changed it and when. Omitted (scripts), no check.
    """
    note, reviewer = note.strip(), reviewer.strip()
    if not reviewer:
        raise InputError("override: enter your name (sidebar) so the override says who made it")
    rubric = run_rubric(store, run_id)
    try:
        criterion = rubric.criterion(criterion_id)
        criterion.option(option)
    except KeyError as e:
        raise InputError(f"override: {e.args[0]}") from None
    ticket = get_ticket(store, ticket_id)
    original = _original_score(store, run_id, ticket_id)
    with checked(store) as cur:  # the check, the overrides read and the write: one step
        if seen is not UNCHECKED:
            db_overrides.check_override(cur, run_id, ticket_id, criterion_id, criterion.title, seen)
        overrides = {
            cid: o["new_option"]
            for cid, o in db_overrides.latest_overrides(store, run_id, ticket_id).items()
        }
        if not note:
            raise InputError(_note_required(original, overrides, criterion_id, option))
        overrides[criterion_id] = option
        effective = effective_score(rubric, ticket, original, overrides)
        judged = {r.criterion_id: r for r in original.criteria}
        changed = {
            r.criterion_id: "override" if r.criterion_id in overrides else "derived"
            for r in effective.criteria
            if r.criterion_id in overrides or r != judged[r.criterion_id]
        }
        before = judged[criterion_id]
        new = next(r for r in effective.criteria if r.criterion_id == criterion_id)
        db_overrides.insert_override(
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
        db_results.write_effective(cur, run_id, effective, changed)
    return effective


def mark_reviewed(
    store: Store,
    run_id: int,
    ticket_id: int,
    reviewer: str | None,
    seen: datetime | None | object = UNCHECKED,
) -> None:
    """Mark a ticket reviewed (None clears the mark).

    Args:
        seen: when the mark the analyst saw was made (None: not reviewed); another mark in
            the store now refuses the write (ConflictError). Omitted (scripts), no check.
    """
    if reviewer is not None and not reviewer.strip():
        raise InputError("reviewed: enter your name (sidebar) first")
    db_runs.ticket_row(store, run_id, ticket_id)  # raises NotFoundError for a wrong id
    db_overrides.set_reviewed(
        store, run_id, ticket_id, reviewer.strip() if reviewer else None, seen
    )


def iter_effective_scores(
    store: Store, run_id: int
) -> Iterator[tuple[TicketScore, dict[str, dict]]]:
    """The run's ticket scores in effect (as stored), each with its overrides in effect by
    criterion id (empty when none). Results as scored are never changed."""
    overrides: dict[int, dict[str, dict]] = {}
    for o in db_overrides.run_overrides(store, run_id):
        overrides.setdefault(o["ticket_id"], {})[o["criterion_id"]] = o
    for score in iter_ticket_scores(store, run_id, effective=True):
        yield score, overrides.get(score.ticket_id, {})


def _note_required(original: TicketScore, overrides: dict, criterion_id: str, option: str) -> str:
    """Why an override needs a note, worded for whether it changes the option in effect."""
    judged = next(r.option for r in original.criteria if r.criterion_id == criterion_id)
    if overrides.get(criterion_id, judged) == option:
        return (
            f"override: a note is required to say why you confirm {option!r} (the score stays "
            "as it is)"
        )
    return "override: a note is required to say why the score changes"


def _original_score(store: Store, run_id: int, ticket_id: int) -> TicketScore:
    score = _score(db_runs.ticket_row(store, run_id, ticket_id))
    score.criteria = [
        CriterionResult(**c) for c in db_runs.criterion_rows(store, run_id, ticket_id)
    ]
    return score


def _score(row: dict) -> TicketScore:
    fields = set(TicketScore.model_fields) - {"criteria"}
    return TicketScore(**{k: v for k, v in row.items() if k in fields})
