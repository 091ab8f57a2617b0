"""Analysts' overrides as reports show them (who, why, when) and the reviewed marks (who,
when). The
scores they give are not computed here: reports read the effective results the store holds
(tqrs.scoring.effective_score, written by tqrs.review), like every other page."""

from dataclasses import dataclass
from datetime import datetime

from tqrs.store import Store
from tqrs.store import overrides as db

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
    """The run's overrides in effect by (ticket id, criterion id)."""
    return {
        (r["ticket_id"], r["criterion_id"]): Override(**r)
        for r in db.latest_override_rows(store, run_id)
    }


@dataclass(frozen=True, slots=True)
class ReviewMark:
    """Who marked a ticket reviewed (the signed-in identity, or the name typed) and when."""

    reviewer: str
    reviewed_at: datetime


def load_reviewed(store: Store, run_id: int) -> dict[int, ReviewMark]:
    """The run's reviewed marks by ticket id."""
    return {tid: ReviewMark(who, at) for tid, who, at in db.review_mark_rows(store, run_id)}
