"""One report of one run: every figure that a CSV, JSON, Excel or HTML report shows comes from
`load_report`, so the formats cannot disagree with each other. Scores are the effective ones
(analysts' overrides applied), as on the Review page."""

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from tqrs.calibration import Calibration, calibrate
from tqrs.display import NO_GROUP, UNASSIGNED, ungraded_note
from tqrs.reports.overrides import Override, ReviewMark, load_overrides, load_reviewed
from tqrs.results import RunInfo, TicketScore
from tqrs.rubric import Rubric
from tqrs.scoring import NO_BAND
from tqrs.store import Store
from tqrs.store.agents import figures_by
from tqrs.store.figures import Figures, criterion_counts, run_figures
from tqrs.store.pulls import earlier_versions, ticket_versions
from tqrs.store.results import ReviewFilter, query_page, report_rows
from tqrs.store.runs import count_results, get_run
from tqrs.store.sessions import get_session

HISTOGRAM_STEP = 5  # percent per bar of the score histogram
TOP_THEMES = 10


@dataclass(frozen=True, slots=True)
class CriterionRow:
    """A stored criterion result in effect, as reports show it: CriterionResult's fields
    without the prompt and raw reply, with `failed` as stored (CriterionResult.failed), and
    without validation (plain objects are 10x faster to build)."""

    criterion_id: str
    title: str
    method: str
    status: str
    option: str | None
    points: int
    max_points: int
    deduction: int
    applicable: bool
    auto_fail: bool
    evidence: str
    reasoning: str
    coaching: str
    error: str | None
    citations: list[str]
    failed: bool


@dataclass(frozen=True, slots=True)
class ReportCriterion:
    result: CriterionRow  # effective: the override's option when there is one
    judged_option: str | None  # what the judge or rule chose
    override: Override | None = None


@dataclass(slots=True)
class ReportTicket:
    ticket_id: int
    number: str
    agent: str
    group: str
    category: str
    score: TicketScore  # effective; its criteria are in `criteria`
    criteria: list[ReportCriterion]
    review: ReviewMark | None = None  # the reviewed mark: who and when
    # the ticket's version the results were made on, and the one the session holds now
    # (a pull brings a ticket changed on the instance as its next version)
    version: int = 1
    current_version: int = 1

    @property
    def earlier_version(self) -> bool:
        return self.version < self.current_version

    @property
    def reviewed(self) -> bool:
        return self.review is not None

    @property
    def overridden(self) -> bool:
        return any(c.override is not None for c in self.criteria)

    @property
    def failed_criteria(self) -> list[str]:
        return [c.result.criterion_id for c in self.criteria if c.result.failed]


@dataclass(slots=True)
class GroupFigures(Figures):
    """Per agent or per assignment group: its tickets (scored or not) and its figures
    (tqrs.store.figures: pass rate and mean of the tickets with a verdict)."""

    name: str = ""
    tickets: int = 0


@dataclass(frozen=True, slots=True)
class CriterionFigures:
    id: str
    title: str
    scored: int
    failed: int
    not_in_export: int = 0  # tickets whose export does not carry the criterion's inputs
    # tickets where the criterion did not apply: graded, the N/A option chosen (is_not_applicable)
    not_applicable: int = 0

    @property
    def failure_rate(self) -> float | None:
        return self.failed / self.scored if self.scored else None

    @property
    def note(self) -> str:
        return ungraded_note(self.scored, self.not_in_export, self.not_applicable)


@dataclass(frozen=True, slots=True)
class CoachingTheme:
    criterion_title: str
    coaching: str
    tickets: int


@dataclass(slots=True, kw_only=True)
class Summary(Figures):
    """A report's figures: those of tqrs.store.figures (scored, too little to judge, passed,
    auto-fails, mean and pass rate of the tickets with a verdict) and the rest."""

    tickets: int
    could_not_grade: int
    reviewed: int
    overridden: int
    bands: dict[str, int]  # every rubric band, highest first, then N/A when present
    histogram: list[tuple[int, int, int]]  # (from percent, to percent, tickets)
    criteria: list[CriterionFigures]
    agents: list[GroupFigures]
    groups: list[GroupFigures]
    themes: list[CoachingTheme]


@dataclass(slots=True)
class Report:
    run: RunInfo
    rubric: Rubric
    session_name: str
    tickets: list[ReportTicket]
    summary: Summary
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    calibration: Calibration | None = None  # judge vs analysts; whole-run reports only
    # A part of the run (the Review page's filter): "view-313-1a2b3c4d", its ticket count and
    # a digest of its ticket ids, so its files never take the name of the run's full report.
    selection: str = ""

    @property
    def judge_label(self) -> str:
        return judge_label(self.run)


def judge_label(run: RunInfo) -> str:
    """How a run's judge is named wherever it is shown: offline results said so plainly."""
    if run.judge == "offline":
        return "offline (heuristics, no LLM)"
    return f"{run.judge} ({run.model})" if run.model else run.judge


def load_report(store: Store, run_id: int, ticket_ids: Iterable[int] | None = None) -> Report:
    """Everything a report of the run shows, on effective results (overrides applied, as
    every page shows them); `ticket_ids`: only these tickets (the Review page's current
    filter), default all."""
    run = get_run(store, run_id)
    rubric = Rubric.model_validate_json(run.rubric_json)
    overrides = load_overrides(store, run_id)
    reviewed = load_reviewed(store, run_id)
    wanted = set(ticket_ids) if ticket_ids is not None else None
    current = ticket_versions(store, run.session_id)
    made_on = {tid: e.made_on for tid, e in earlier_versions(store, run_id).items()}
    tickets = []
    for score, (agent, group, category), rows in report_rows(store, run_id):
        if wanted is not None and score.ticket_id not in wanted:
            continue
        criteria = [
            ReportCriterion(
                CriterionRow(*row[:-1]), row[-1], overrides.get((score.ticket_id, row[0]))
            )
            for row in rows
        ]
        tickets.append(
            ReportTicket(
                score.ticket_id,
                score.number,
                agent,
                group,
                category,
                score,
                criteria,
                reviewed.get(score.ticket_id),
                made_on.get(score.ticket_id, current.get(score.ticket_id, 1)),
                current.get(score.ticket_id, 1),
            )
        )
    session = get_session(store, run.session_id)
    return Report(
        run,
        rubric,
        session.name,
        tickets,
        summarise(store, run_id, rubric, tickets, ticket_ids is not None),
        calibration=calibrate(store, run_id) if ticket_ids is None else None,
    )


def load_filtered_report(store: Store, run_id: int, review_filter: ReviewFilter) -> Report:
    """The report of exactly the tickets the Review page lists for `review_filter`."""
    rows, _ = query_page(store, run_id, review_filter, limit=max(count_results(store, run_id), 1))
    ids = sorted(r["ticket_id"] for r in rows)
    report = load_report(store, run_id, ticket_ids=ids)
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:8]
    report.selection = f"view-{len(ids)}-{digest}"
    return report


def summarise(
    store: Store, run_id: int, rubric: Rubric, tickets: list[ReportTicket], part: bool = False
) -> Summary:
    """The figures of a set of report tickets of the run (`part`: only these, else the whole
    run): the ticket and criterion figures as the store defines them (tqrs.store.figures, as
    the run summary reads them), the rest counted here."""
    ids = [t.ticket_id for t in tickets] if part else None
    scored = [t for t in tickets if t.score.status == "scored"]
    percents = [t.score.percent for t in scored if t.score.percent is not None]
    bands = {b.name: 0 for b in rubric.bands}
    for t in scored:
        bands[t.score.band] = bands.get(t.score.band, 0) + 1
    if not bands.get(NO_BAND):
        bands.pop(NO_BAND, None)
    return Summary(
        tickets=len(tickets),
        could_not_grade=len(tickets) - len(scored),
        **run_figures(store, run_id, ids).figures(),
        reviewed=sum(t.reviewed for t in tickets),
        overridden=sum(t.overridden for t in tickets),
        bands=bands,
        histogram=_histogram(percents),
        criteria=_criteria(rubric, criterion_counts(store, run_id, ids)),
        agents=_by(figures_by(store, run_id, "agent", ids), tickets, lambda t: t.agent, UNASSIGNED),
        groups=_by(figures_by(store, run_id, "group", ids), tickets, lambda t: t.group, NO_GROUP),
        themes=_themes(scored),
    )


def _histogram(percents: list[float]) -> list[tuple[int, int, int]]:
    bins = [0] * (100 // HISTOGRAM_STEP)
    for p in percents:
        bins[min(int(p // HISTOGRAM_STEP), len(bins) - 1)] += 1
    return [(i * HISTOGRAM_STEP, (i + 1) * HISTOGRAM_STEP, n) for i, n in enumerate(bins)]


def _criteria(
    rubric: Rubric, counts: dict[str, tuple[int, int, int, int]]
) -> list[CriterionFigures]:
    """Each criterion of the rubric with its counts (tqrs.store.figures.criterion_counts),
    highest failure rate first."""
    rows = [
        CriterionFigures(c.id, c.title, *counts.get(c.id, (0, 0, 0, 0))) for c in rubric.criteria
    ]
    return sorted(rows, key=lambda r: (-(r.failure_rate or 0), r.id))


def _by(
    figures: dict[str, Figures], tickets: list[ReportTicket], key, missing: str
) -> list[GroupFigures]:
    """Figures per agent or group (`key`); tickets without one count under `missing`."""
    counts: Counter[str] = Counter(key(t) or missing for t in tickets)
    rows = [
        GroupFigures(**figures.get(name, Figures()).figures(), name=name, tickets=total)
        for name, total in counts.items()
    ]
    return sorted(rows, key=lambda r: (-r.tickets, r.name))


def _themes(scored: list[ReportTicket]) -> list[CoachingTheme]:
    """The coaching given most often on failed criteria."""
    seen: Counter[tuple[str, str]] = Counter()
    for t in scored:
        for c in t.criteria:
            if c.result.failed and c.result.coaching.strip():
                seen[(c.result.title, c.result.coaching.strip())] += 1
    return [
        CoachingTheme(title, text, n)
        for (title, text), n in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_THEMES]
    ]
