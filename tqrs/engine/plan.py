"""A run ready to execute: a new run of a rubric over a session's tickets, or an interrupted
one to finish. A run is pinned to its judge (name, provider, endpoint, model, prompt
version): resuming it with another is refused with the reason, so one run never mixes two
judges' answers."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from tqrs.assessable import ExportGaps
from tqrs.engine.stages import before_judge
from tqrs.errors import InputError
from tqrs.judges import Judge, JudgeIdentity
from tqrs.models import Ticket
from tqrs.rubric import Rubric
from tqrs.store import Store
from tqrs.store import runs as db_runs
from tqrs.store.sessions import ticket_from_row


@dataclass(frozen=True)
class RunPlan:
    """A run to execute: its tickets are the session's first `tickets_total`, of which
    `done` already have a result (a resumed run); `gaps`, what each of the session's files
    does not carry (criteria that read it are not assessable for its tickets)."""

    run_id: int
    session_id: int
    rubric: Rubric
    tickets_total: int
    done: int = 0
    budget: float | None = None
    spent: float = 0.0  # cost of the run before this execution (a resumed run)
    gaps: ExportGaps = field(default_factory=ExportGaps)
    mode: str = "online"  # "batch": through the provider's Batch API (tqrs.engine.batch)

    @property
    def remaining(self) -> int:
        return self.tickets_total - self.done


def plan_run(
    store: Store,
    session_id: int,
    rubric: Rubric,
    judge: Judge,
    *,
    limit: int | None = None,
    budget: float | None = None,
    resume: int | None = None,
    mode: str = "online",
) -> RunPlan:
    """Create the run (or reopen `resume`, with the rubric version and the mode it was
    started with)."""
    if resume is not None:
        return _reopen(store, session_id, rubric, judge, resume, budget)
    total = db_runs.count_session_tickets(store, session_id)
    total = min(total, limit) if limit is not None else total
    with store.transaction() as cur:
        run_id = db_runs.create_run(
            cur, session_id, rubric, judge.identity, tickets_total=total, budget=budget, mode=mode
        )
    return RunPlan(
        run_id,
        session_id,
        rubric,
        total,
        0,
        budget,
        gaps=ExportGaps.of_session(store, session_id),
        mode=mode,
    )


def _reopen(
    store: Store, session_id: int, rubric: Rubric, judge: Judge, run_id: int, budget
) -> RunPlan:
    run = db_runs.get_run(store, run_id)
    if run.session_id != session_id or run.rubric_id != rubric.id:
        raise InputError(
            f"run {run_id} evaluated session {run.session_id} with rubric "
            f"{run.rubric_id!r}; it cannot be resumed for session "
            f"{session_id} with {rubric.id!r}"
        )
    if run.status == "completed":
        raise InputError(f"run {run_id} is already completed")
    pinned = JudgeIdentity(run.judge, run.model, run.provider, run.endpoint, run.prompt_version)
    now = judge.identity
    if not pinned.endpoint:  # runs from before endpoints were recorded
        now = JudgeIdentity(now.name, now.model, now.provider, "", now.prompt_version)
    changed = pinned.differences(now)
    if changed:
        raise InputError(
            f"run {run_id} cannot be resumed with another judge: its tickets were graded with "
            f"{_describe(pinned)}, and now {'; '.join(changed)}. Set the provider, endpoint "
            "and model back (OPENAI_MODEL, OPENAI_BASE_URL, TQRS_AZURE_OPENAI_*, or "
            "--offline as the run had it) or start a new run"
        )
    return RunPlan(
        run_id,
        session_id,
        Rubric.model_validate_json(run.rubric_json),  # the run's own rubric version
        run.tickets_total,
        db_runs.count_results(store, run_id),
        budget if budget is not None else run.budget,
        run.cost,
        ExportGaps.of_session(store, session_id),
        run.mode,
    )


def _describe(j: JudgeIdentity) -> str:
    where = f" at {j.endpoint}" if j.endpoint else ""
    return f"the {j.name} judge ({j.provider}{where}, model {j.model!r})"


def pending_rows(store: Store, plan: RunPlan, batch: int = 2000) -> Iterator[list[tuple]]:
    """Batches of ticket rows (for `ticket_from_row`) of the run's tickets without a result,
    in session order, streamed."""
    return db_runs.iter_pending_ticket_rows(
        store, plan.session_id, plan.run_id, plan.tickets_total, batch
    )


def what_is_asked(plan: RunPlan) -> Callable[[Ticket], tuple[Rubric | None, dict[str, str]]]:
    """For a ticket of the run: the part of the rubric its request asks the judge and the rule
    criteria the rules leave open (tqrs.engine.stages.before_judge, as the run decides), or
    (None, {}) when it sends no request (what an estimate leaves out)."""

    def asked(ticket: Ticket) -> tuple[Rubric | None, dict[str, str]]:
        rules, judged = before_judge(ticket, plan.rubric, plan.gaps.missing(ticket))
        if not (judged.llm_criteria or rules.open):
            return None, {}
        return judged, rules.open

    return asked


def pending_tickets(store: Store, plan: RunPlan) -> Iterator[Ticket]:
    """The run's tickets without a result, in session order, streamed."""
    for rows in pending_rows(store, plan):
        yield from map(ticket_from_row, rows)
