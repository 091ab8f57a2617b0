"""Evaluation as the workbench runs it: choose the judge, estimate, start, follow, cancel and
resume background runs. Runs execute in the process-wide job registry (tqrs.jobs), so they
outlive the browser session that started them."""

import json
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass

from tqrs import config, jobs
from tqrs.assessable import ExportGaps
from tqrs.engine import Progress, RunPlan, pending_tickets, plan_run, what_is_asked
from tqrs.engine.batch import BatchOptions
from tqrs.errors import ConfigError, TqrsError
from tqrs.ingest import IngestReport, ingest_files
from tqrs.judges import make_judge
from tqrs.judges.offline import OfflineJudge
from tqrs.llm.cost import Estimate, Price
from tqrs.llm.settings import LLMSettings, resolve_settings
from tqrs.results import RunInfo
from tqrs.rubric import Rubric
from tqrs.spending import capped_budget
from tqrs.store import Store
from tqrs.store import runs as db_runs
from tqrs.store.marks import estimate_marks
from tqrs.store.sessions import get_session

SAMPLE_EXPORT = config.SAMPLES_DIR / "incidents.json"
OFFLINE_LABEL = "offline judge — no credentials configured"


def describe_judge(settings: LLMSettings | None = None) -> str:
    """What grades the LLM criteria: provider and model, or the offline judge."""
    settings = settings or resolve_settings()
    if not settings.configured:
        return OFFLINE_LABEL
    return f"LLM: {settings.provider} · {settings.model_name}"


def load_sample(store: Store) -> IngestReport:
    """Ingest the bundled sample export (reuses the session if it is already there)."""
    return ingest_files(store, [SAMPLE_EXPORT], "Sample incidents")


@dataclass(frozen=True)
class RunEstimate:
    tickets: int
    judge: str
    text: str


ESTIMATES_KEPT = 32
_estimates: OrderedDict[tuple, RunEstimate] = OrderedDict()
_estimates_lock = threading.Lock()


def estimate(
    store: Store,
    session_id: int,
    rubric: Rubric,
    settings: LLMSettings,
    offline: bool = False,
    limit: int | None = None,
) -> RunEstimate:
    """What a run would send and cost, before it starts.

    Computed once per `_estimate_key` and kept (the last ESTIMATES_KEPT, for every browser
    session of the process): the Evaluate page asks on every rerun, and an LLM estimate builds
    every ticket's prompt (about 20 s of CPU for 100,000 tickets)."""
    args = (store, session_id, rubric, settings, offline or not settings.configured, limit or None)
    key = _estimate_key(*args)
    with _estimates_lock:
        if key in _estimates:
            _estimates.move_to_end(key)
            return _estimates[key]
    result = _compute_estimate(*args)
    with _estimates_lock:
        _estimates[key] = result
        while len(_estimates) > ESTIMATES_KEPT:
            _estimates.popitem(last=False)
    return result


def _estimate_key(store, session_id, rubric, settings, offline, limit) -> tuple:
    """Everything an estimate depends on: the database and session, the rubric's content, the
    judge's settings (provider, endpoint, model, redaction, prices; never a key), the embedding
    model, and the marks of the knowledge base and the LLM and embedding caches."""
    return (
        str(store.path),
        session_id,
        get_session(store, session_id).ticket_count,
        rubric.model_dump_json(),
        offline,
        limit,
        settings.provider,
        settings.base_url,
        settings.azure_endpoint,
        settings.model_name,
        settings.redact,
        json.dumps(settings.prices, sort_keys=True),
        os.environ.get("TQRS_EMBEDDER", ""),
        os.environ.get("TQRS_EMBED_MODEL", ""),
        estimate_marks(store),
    )


def _compute_estimate(store, session_id, rubric, settings, offline, limit) -> RunEstimate:
    judge = make_judge(store, settings, offline)
    total = get_session(store, session_id).ticket_count
    total = min(total, limit) if limit else total
    if not rubric.llm_criteria:
        return RunEstimate(total, judge.name, Estimate.local_only(total).describe())
    plan = RunPlan(0, session_id, rubric, total, gaps=ExportGaps.of_session(store, session_id))
    est = judge.estimate(pending_tickets(store, plan), rubric, total, asks=what_is_asked(plan))
    return RunEstimate(total, judge.name, est.describe())


def start_evaluation(
    store: Store,
    session_id: int,
    rubric: Rubric,
    offline: bool = False,
    limit: int | None = None,
    budget: float | None = None,
    batch: bool = False,
) -> int:
    """Start a run in the background; returns its id at once. `batch`: through the
    provider's Batch API (the job checks its batches until every ticket has a result)."""
    settings = resolve_settings()
    judge = make_judge(store, settings, offline)
    if batch and not judge.batch_api:
        raise ConfigError("the Batch API needs the LLM judge: configure a provider first")
    if judge.billed:  # the month's spending cap lowers the budget, or refuses
        budget = capped_budget(store, settings, budget)
    mode = "batch" if batch else "online"
    plan = plan_run(store, session_id, rubric, judge, limit=limit, budget=budget, mode=mode)
    jobs.start_run(store, plan, judge, settings.concurrency, _batch_options(plan, settings))
    return plan.run_id


def _batch_options(plan: RunPlan, settings: LLMSettings) -> BatchOptions | None:
    """A batch run's options in the workbench: wait (the job checks its batches every
    TQRS_BATCH_POLL seconds until every ticket has a result), failed lines into batches."""
    return BatchOptions(poll=settings.batch_poll) if plan.mode == "batch" else None


def resume_waiting_batches(store: Store) -> list[int]:
    """Check again, in the background, the batch runs left waiting for their batches (the
    workbench restarted, or a CLI run with --no-wait); returns their ids. A run whose judge
    settings changed since is left as it is (its Resume button says why)."""
    resumed = []
    for run in db_runs.list_runs(store):
        handle = jobs.JOBS.get(run.id)
        if run.mode != "batch" or run.status != "waiting" or (handle and handle.running):
            continue
        try:
            resume_evaluation(store, run.id)
        except TqrsError:
            continue
        resumed.append(run.id)
    return resumed


def resume_evaluation(store: Store, run_id: int) -> int:
    """Go on with a cancelled, interrupted or budget-stopped run, with the judge it used
    (refused, with the reason, when the settings now name another provider, endpoint or
    model)."""
    run = db_runs.get_run(store, run_id)
    settings = resolve_settings()
    judge = make_judge(store, settings, offline=run.judge == OfflineJudge.name)
    rubric = Rubric.model_validate_json(run.rubric_json)
    budget = capped_budget(store, settings, run.budget, run.cost) if judge.billed else None
    plan = plan_run(store, run.session_id, rubric, judge, budget=budget, resume=run_id)
    jobs.start_run(store, plan, judge, settings.concurrency, _batch_options(plan, settings))
    return run_id


def cancel_run(run_id: int) -> bool:
    """Ask a live run to stop; False when it is not running in this process."""
    handle = jobs.JOBS.get(run_id)
    if handle is None or not handle.running:
        return False
    handle.cancel()
    return True


@dataclass(frozen=True)
class RunState:
    run: RunInfo
    live: bool
    progress: Progress | None
    stored: int  # ticket results committed

    @property
    def resumable(self) -> bool:
        return (
            not self.live
            and self.run.status != "completed"
            and self.stored < self.run.tickets_total
        )

    @property
    def status(self) -> str:
        """The run's status; a "running" run with no live job in this process was cut off."""
        if self.run.status == "running" and not self.live:
            return "interrupted"
        return self.run.status


def run_state(store: Store, run_id: int) -> RunState:
    run = db_runs.get_run(store, run_id)
    handle = jobs.JOBS.get(run_id)
    live = handle is not None and handle.running
    stored = db_runs.count_results(store, run_id)
    return RunState(run, live, handle.progress() if handle else None, stored)


def active_run_ids() -> list[int]:
    return [h.run_id for h in jobs.JOBS.active()]


def parse_price_table(text: str) -> dict[str, list[float]]:
    """The Settings page's price table: JSON {"model": [input, output]} in USD per million
    tokens, optionally followed by the Batch API's two prices (else half); empty means the
    built-in prices."""
    try:
        table = json.loads(text or "{}")
        if not isinstance(table, dict):
            raise ValueError
        for values in table.values():
            Price.of(values)  # 2 or 4 numbers
        return {str(model): [float(v) for v in values] for model, values in table.items()}
    except (ValueError, TypeError):
        raise ConfigError(
            'price table: expected JSON such as {"gpt-4o": [2.5, 10]} or '
            '{"gpt-4o": [2.5, 10, 1.25, 5]} (USD per million input and output tokens, '
            "then the same through the Batch API)"
        ) from None
