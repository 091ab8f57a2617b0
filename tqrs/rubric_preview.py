"""What an edited rubric would change, before it is saved: the first tickets of a session
scored with the current version and with the edit, by the offline judge through the engine's
own stages (tqrs.engine.stages: rules, judge, knowledge notes, score), in memory (no run is
stored), and compared ticket by ticket: verdict (pass, fail, too little to judge) and band."""

from dataclasses import dataclass

from tqrs.assessable import ExportGaps
from tqrs.display import plural, verdict_text
from tqrs.embeddings import get_embedder
from tqrs.engine.notes import KnowledgeNotes
from tqrs.engine.stages import grade_batch
from tqrs.judges.offline import OfflineJudge
from tqrs.models import Ticket
from tqrs.results import FAIL, PASS, TicketScore
from tqrs.rubric import Rubric
from tqrs.store import Store
from tqrs.store.sessions import iter_ticket_rows, ticket_from_row

SAMPLE = 200  # tickets scored twice: a few seconds offline


@dataclass(frozen=True)
class TicketChange:
    """One ticket's score under the current version (`before`) and the edit (`after`)."""

    number: str
    before_percent: float | None
    after_percent: float | None
    before_band: str
    after_band: str
    before_verdict: str  # tqrs.scoring.verdict_of: pass, fail or too_little
    after_verdict: str

    @property
    def verdict_changed(self) -> bool:
        return self.before_verdict != self.after_verdict

    @property
    def band_changed(self) -> bool:
        return self.before_band != self.after_band


@dataclass(frozen=True)
class Preview:
    tickets: int  # scored with both versions
    changes: list[TicketChange]  # the tickets whose verdict or band changed, in session order

    @property
    def verdicts_changed(self) -> int:
        return sum(c.verdict_changed for c in self.changes)

    @property
    def bands_changed(self) -> int:
        return sum(c.band_changed for c in self.changes)

    @property
    def now_failing(self) -> int:
        return sum(c.before_verdict != FAIL == c.after_verdict for c in self.changes)

    @property
    def now_passing(self) -> int:
        return sum(c.before_verdict != PASS == c.after_verdict for c in self.changes)

    def rows(self) -> list[dict]:
        """The changed tickets as table rows."""
        return [
            {
                "Ticket": c.number,
                "Verdict now": verdict_text("scored", c.before_verdict, False),
                "Verdict edited": verdict_text("scored", c.after_verdict, False),
                "Band now": c.before_band,
                "Band edited": c.after_band,
                "Percent now": c.before_percent,
                "Percent edited": c.after_percent,
            }
            for c in self.changes
        ]

    def describe(self) -> str:
        return (
            f"{self.verdicts_changed:,} of {plural(self.tickets, 'ticket')} would change verdict "
            f"({self.now_passing} now pass, {self.now_failing} now fail) and "
            f"{self.bands_changed} would change band."
        )


def preview_rubric(
    store: Store,
    session_id: int,
    current: Rubric,
    edited: Rubric,
    sample: int = SAMPLE,
    embedder_factory=get_embedder,
) -> Preview:
    """Score the session's first `sample` tickets with `current` and with `edited` (offline
    judge) and compare them."""
    tickets = [
        ticket_from_row(row)
        for rows in iter_ticket_rows(store, session_id, limit=sample, raw=False)
        for row in rows
    ]
    gaps = ExportGaps.of_session(store, session_id)
    before = _scores(store, session_id, current, tickets, gaps, embedder_factory)
    after = _scores(store, session_id, edited, tickets, gaps, embedder_factory)
    changes = [
        TicketChange(b.number, b.percent, a.percent, b.band, a.band, _verdict(b), _verdict(a))
        for b, a in zip(before, after, strict=True)
        if _verdict(b) != _verdict(a) or b.band != a.band
    ]
    return Preview(len(tickets), changes)


def _verdict(score: TicketScore) -> str:
    """The verdict as scored; a ticket that could not be graded counts as not passed."""
    return score.verdict if score.status == "scored" else FAIL


def _scores(
    store: Store,
    session_id: int,
    rubric: Rubric,
    tickets: list[Ticket],
    gaps: ExportGaps,
    embedder_factory,
) -> list[TicketScore]:
    judge = OfflineJudge()
    notes = KnowledgeNotes.prepare(store, session_id, rubric, embedder_factory)
    evidence = notes.evidence(tickets) if notes else None
    return list(grade_batch(judge, rubric, tickets, notes.notes if notes else None, evidence, gaps))
