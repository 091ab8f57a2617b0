"""Analysts' overrides of criterion results, and the effective scores they give.

An override replaces the option chosen for one criterion of one ticket; the ticket is then
scored again with the rubric's own semantics (tqrs.scoring), exactly as tqrs.review does when
an analyst saves one, so a report shows what the Review page shows. The overrides are the
workbench's (tqrs.review, migration 5): the latest row per criterion is in effect."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from tqrs.results import TicketScore
from tqrs.review import apply_override, rescore
from tqrs.rubric import Rubric
from tqrs.store import Store
from tqrs.store import reports as db

OverrideKey = tuple[int, str]  # (ticket id, criterion id)


@dataclass(frozen=True, slots=True)
class Override:
    ticket_id: int
    criterion_id: str
    option: str
    note: str = ""
    author: str = ""
    created_at: datetime | None = None


def load_overrides(store: Store, run_id: int) -> dict[OverrideKey, Override]:
    """The run's overrides by (ticket id, criterion id)."""
    return {
        (r["ticket_id"], r["criterion_id"]): Override(**r)
        for r in db.latest_override_rows(store, run_id)
    }


def load_reviewed(store: Store, run_id: int) -> set[int]:
    """Ids of the tickets an analyst marked reviewed."""
    return db.reviewed_ticket_ids(store, run_id)


def effective_score(
    rubric: Rubric, score: TicketScore, overrides: Mapping[str, Override]
) -> TicketScore:
    """The ticket's score with its overrides (by criterion id) applied; the same object when
    there are none."""
    if not overrides:
        return score
    return rescore(
        rubric,
        score,
        (
            apply_override(rubric, r, getattr(overrides.get(r.criterion_id), "option", None))
            for r in score.criteria
        ),
    )
