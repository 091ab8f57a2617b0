"""Agent and assignment-group profiles of one run, on effective scores (overrides applied).

All aggregation happens in DuckDB (`tqrs.store.agents`), a handful of grouped queries for the
whole run, so a 10,000-ticket run with 200 agents is profiled in well under a second; this
module only assembles the rows into `Profile` models. An agent's "team" is the assignment
group most of their tickets belong to; a group's "team" is the whole run."""

from collections import defaultdict
from datetime import date, datetime

from pydantic import BaseModel

from tqrs.display import NO_GROUP, UNASSIGNED, ungraded_note
from tqrs.errors import NotFoundError
from tqrs.review import run_rubric
from tqrs.store import Store
from tqrs.store import agents as q
from tqrs.store.figures import Figures
from tqrs.store.profile import fields_carried
from tqrs.store.runs import get_run, latest_completed_run
from tqrs.store.sessions import get_session

KINDS = ("agent", "group")


class CriterionRate(BaseModel):
    criterion_id: str
    title: str
    applicable: int
    failed: int
    not_in_export: int = 0  # tickets whose export does not carry the criterion's inputs
    not_applicable: int = 0  # tickets it did not apply to (tqrs.results.is_not_applicable)
    failure_rate: float | None
    team_rate: float | None
    examples: list[str] = []  # numbers of tickets where it failed (lowest scores first)

    @property
    def note(self) -> str:
        return ungraded_note(self.applicable, self.not_in_export, self.not_applicable)


class TicketRef(BaseModel):
    ticket_id: int
    number: str
    percent: float | None
    max_points: int = 0  # the points judged (tqrs.display.points_judged_text)
    band: str
    passed: bool
    verdict: str = "fail"  # tqrs.scoring: pass, fail or too_little
    auto_fail: bool
    short_description: str | None = ""


class TrendPoint(BaseModel):
    label: str  # "run 3 · 2026-01-05" or a week "2026-01-05"
    run_id: int | None = None
    when: datetime | date | None = None
    tickets: int
    mean_percent: float | None  # of the tickets with a verdict (tqrs.store.figures)
    pass_rate: float | None
    too_little: int = 0


class Profile(BaseModel):
    kind: str  # "agent" or "group"
    name: str
    team: str  # an agent's main group; "(all)" for a group
    tickets: int
    scored: int
    mean_percent: float | None  # of the tickets with a verdict (tqrs.store.figures)
    pass_rate: float | None  # of the tickets with a verdict (too little to judge left out)
    auto_fails: int
    bands: dict[str, int]
    criteria: list[CriterionRate]
    run_trend: list[TrendPoint]
    week_trend: list[TrendPoint]
    best: list[TicketRef]
    worst: list[TicketRef]
    too_little: int = 0  # scored tickets judged on too little for a verdict

    def strengths(self, n: int = 3) -> list[CriterionRate]:
        """Criteria failed least often relative to the team (applicable ones only)."""
        rated = [c for c in self.criteria if c.failure_rate is not None]
        return sorted(rated, key=lambda c: (c.failure_rate - (c.team_rate or 0), c.failure_rate))[
            :n
        ]

    def gaps(self, n: int = 3) -> list[CriterionRate]:
        """Criteria failed most often relative to the team, failed at least once."""
        rated = [c for c in self.criteria if c.failure_rate]
        return sorted(
            rated, key=lambda c: (-(c.failure_rate - (c.team_rate or 0)), -c.failure_rate)
        )[:n]

    def weaker_than_team(self, n: int = 1) -> list[CriterionRate]:
        """The gaps failed more often than by the team (any failure where no team rate is
        known): an agent who fails every criterion less often than the team has none."""
        return [c for c in self.gaps(len(self.criteria)) if c.failure_rate > (c.team_rate or 0)][:n]


class ProfileSet(BaseModel):
    run_id: int
    session_id: int
    rubric_id: str
    judge: str
    bands: list[str]  # the rubric's band names, best first
    agents: list[Profile]
    groups: list[Profile]
    # "assigned_to" / "assignment_group" -> why no ticket of the run names one ("not in the
    # export": no file of the session has the column; "blank": the column is there, empty on
    # every ticket of the run), so the one bucket the tables show is explained, not taken for
    # a person or a team
    unrecorded: dict[str, str] = {}

    def unrecorded_note(self, kind: str) -> str:
        """A sentence for the agent ("agent") or group ("group") view when no ticket of the
        run names one; "" otherwise."""
        field, bucket, who = (
            ("assigned_to", UNASSIGNED, "an agent")
            if kind == "agent"
            else ("assignment_group", NO_GROUP, "an assignment group")
        )
        why = self.unrecorded.get(field)
        if not why:
            return ""
        cause = (
            f"the export has no {field} column"
            if why == "not in the export"
            else f"its {field} column is blank on every ticket"
        )
        return (
            f"No ticket of this run names {who}: {cause}, so all of them are in {bucket}, "
            "a bucket of tickets, not a person or a team to compare."
        )

    def get(self, kind: str, name: str) -> Profile:
        for p in self.agents if kind == "agent" else self.groups:
            if p.name == name:
                return p
        raise KeyError(f"no {kind} {name!r} in run {self.run_id}")


def resolve_run(store: Store, session_ref: str | int, run_id: int | None = None) -> int:
    """The run to profile: `run_id` (checked to belong to the session) or the session's
    latest completed run."""
    session = get_session(store, session_ref)
    if run_id is None:
        return latest_completed_run(store, session.id)
    if get_run(store, run_id).session_id != session.id:
        raise NotFoundError(f"run {run_id} does not belong to session {session.id}")
    return run_id


def build_profiles(store: Store, run_id: int, trend_runs: bool = True) -> ProfileSet:
    """Every agent's and every group's profile for the run."""
    run = get_run(store, run_id)
    rubric = run_rubric(store, run_id)
    titles = {c.id: c.title for c in rubric.criteria}
    rates = _rates(q.criterion_rates(store, run_id))
    kinds = {}
    for kind in KINDS:
        examples = {
            (r["name"], r["criterion_id"]): r["numbers"]
            for r in q.failed_examples(store, run_id, kind)
        }
        best, worst = defaultdict(list), defaultdict(list)
        for r in q.extremes(store, run_id, kind):
            (best if r.pop("end") == "best" else worst)[r.pop("name")].append(TicketRef(**r))
        runs = _points(
            q.run_trend(store, run.rubric_id, kind, run.session_id) if trend_runs else [], "run"
        )
        weeks = _points(q.week_trend(store, run_id, kind), "week")
        profiles = []
        for s in q.summaries(store, run_id, kind):
            name, figures = s["name"], Figures.of(s)
            team = s["team"] if kind == "agent" else "(all)"
            mine = rates[(kind, name)]
            theirs = rates[("group", team)] if kind == "agent" else rates[("run", "")]
            criteria = [
                _rate(
                    cid, titles[cid], mine.get(cid), theirs.get(cid), examples.get((name, cid), [])
                )
                for cid in titles
            ]
            profiles.append(
                Profile(
                    kind=kind,
                    name=name,
                    team=team,
                    tickets=s["tickets"],
                    scored=figures.scored,
                    mean_percent=figures.mean_percent,
                    pass_rate=figures.pass_rate,
                    auto_fails=figures.auto_fails,
                    too_little=figures.too_little,
                    bands=dict(s["bands"] or {}),
                    criteria=criteria,
                    run_trend=runs.get(name, []),
                    week_trend=weeks.get(name, []),
                    best=best.get(name, []),
                    worst=worst.get(name, []),
                )
            )
        kinds[kind] = profiles
    return ProfileSet(
        run_id=run_id,
        session_id=run.session_id,
        rubric_id=run.rubric_id,
        judge=run.judge,
        bands=[b.name for b in rubric.bands],
        agents=kinds["agent"],
        groups=kinds["group"],
        unrecorded=_unrecorded(store, run.session_id, kinds),
    )


def _unrecorded(store: Store, session_id: int, kinds: dict) -> dict[str, str]:
    """ProfileSet.unrecorded: the fields no ticket of the run fills (its profiles are the one
    placeholder bucket) and whether the session's files carry them at all."""
    carried = fields_carried(store, session_id).values()
    out = {}
    for field, kind, bucket in (
        ("assigned_to", "agent", UNASSIGNED),
        ("assignment_group", "group", NO_GROUP),
    ):
        if [p.name for p in kinds[kind]] == [bucket]:
            out[field] = "blank" if any(field in c for c in carried) else "not in the export"
    return out


Counts = tuple[int, int, int, int]  # applicable, failed, not in export, N/A


def _rates(rows: list[dict]) -> dict[tuple[str, str], dict[str, Counts]]:
    """(level, name) -> criterion id -> (applicable, failed, not in export, N/A)."""
    out: dict[tuple[str, str], dict[str, Counts]] = defaultdict(dict)
    for r in rows:
        name = {"agent": r["agent"], "group": r["grp"], "run": ""}[r["level"]]
        out[(r["level"], name)][r["criterion_id"]] = (
            r["graded"],
            r["failed"],
            r["not_in_export"],
            r["not_applicable"],
        )
    return out


def _rate(
    cid: str,
    title: str,
    mine: Counts | None,
    team: Counts | None,
    examples: list[str],
) -> CriterionRate:
    applicable, failed, absent, na = mine or (0, 0, 0, 0)
    return CriterionRate(
        criterion_id=cid,
        title=title,
        applicable=applicable,
        failed=failed,
        not_in_export=absent,
        not_applicable=na,
        examples=examples,
        failure_rate=failed / applicable if applicable else None,
        team_rate=team[1] / team[0] if team and team[0] else None,
    )


def _points(rows: list[dict], kind: str) -> dict[str, list[TrendPoint]]:
    out: dict[str, list[TrendPoint]] = defaultdict(list)
    for r in rows:
        figures = Figures.of(r)
        if kind == "run":
            label = f"run {r['run_id']} · {r['started_at']:%Y-%m-%d}"
            point = TrendPoint(
                label=label,
                run_id=r["run_id"],
                when=r["started_at"],
                tickets=r["tickets"],
                mean_percent=figures.mean_percent,
                pass_rate=figures.pass_rate,
                too_little=figures.too_little,
            )
        else:
            point = TrendPoint(
                label=f"{r['week']:%Y-%m-%d}",
                when=r["week"],
                tickets=r["tickets"],
                mean_percent=figures.mean_percent,
                pass_rate=figures.pass_rate,
                too_little=figures.too_little,
            )
        out[r["name"]].append(point)
    return out
