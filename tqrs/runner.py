"""The batch runner: a rubric over a session's tickets, with bounded concurrency.

One asyncio loop and one limit, `concurrency`: at most that many HTTP requests in flight
(`REQUEST_SLOTS`, no thread pool under it), and twice as many workers pulling tickets from one
iterator, so that tickets waiting to retry leave their request slot to others. Each ticket
gets the rules, then the judge,
then `score_ticket`; a writer thread commits every result finished since its last commit,
each with its LLM cache entry, in one transaction, at most every COMMIT_INTERVAL (group
commit: a DuckDB commit costs ~10 ms of CPU whatever its size; per ticket that was a third of
a run's CPU). A run killed at any moment loses at most that interval's answers, and resumes
by sending exactly the tickets without a committed result.
Cancellation (an event) stops new tickets and abandons the ones in flight; a budget stops new
tickets and lets the ones in flight finish. Progress is reported as immutable snapshots."""

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import duckdb

from tqrs.errors import InputError, StoreError, TqrsError
from tqrs.llm.client import REQUEST_SLOTS
from tqrs.llm.prompt import PROMPT_VERSION
from tqrs.models import Ticket
from tqrs.rubric import Rubric
from tqrs.rules import apply_rules
from tqrs.scoring import score_ticket
from tqrs.store import Store
from tqrs.store import runs as db_runs
from tqrs.store.llm_cache import put_cached

TICKETS_PER_SLOT = 2
COMMIT_INTERVAL = 0.25  # seconds between the writer's commits, at most


@dataclass(frozen=True)
class Progress:
    """A snapshot of a run; `done` counts scored tickets, `failed` those that could not be,
    `in_flight` those being graded (up to twice the concurrency: some wait to retry)."""

    run_id: int
    total: int
    done: int = 0
    failed: int = 0
    in_flight: int = 0
    cached: int = 0
    requests: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cost: float = 0.0
    elapsed: float = 0.0
    eta: float | None = None
    status: str = "running"
    error: str | None = None

    @property
    def finished(self) -> int:
        return self.done + self.failed


@dataclass(frozen=True)
class RunPlan:
    """A run ready to execute: new, or an interrupted one to resume."""

    run_id: int
    session_id: int
    rubric: Rubric
    tickets_total: int
    already_done: frozenset[int]
    budget: float | None = None
    spent: float = 0.0  # cost of the run before this execution (a resumed run)

    @property
    def remaining(self) -> int:
        return self.tickets_total - len(self.already_done)


def plan_run(
    store: Store,
    session_id: int,
    rubric: Rubric,
    judge,
    *,
    limit: int | None = None,
    budget: float | None = None,
    resume: int | None = None,
) -> RunPlan:
    """Create the run (or reopen `resume`) and work out which tickets it still needs."""
    if resume is not None:
        run = db_runs.get_run(store, resume)
        if run.session_id != session_id or run.rubric_id != rubric.id:
            raise InputError(
                f"run {resume} evaluated session {run.session_id} with rubric "
                f"{run.rubric_id!r}; it cannot be resumed for session "
                f"{session_id} with {rubric.id!r}"
            )
        if run.status == "completed":
            raise InputError(f"run {resume} is already completed")
        rubric = Rubric.model_validate_json(run.rubric_json)  # the run's own rubric version
        return RunPlan(
            resume,
            session_id,
            rubric,
            run.tickets_total,
            frozenset(db_runs.done_ticket_ids(store, resume)),
            budget if budget is not None else run.budget,
            run.cost,
        )
    total = store.query("SELECT count(*) FROM tickets WHERE session_id = ?", [session_id])[0][0]
    total = min(total, limit) if limit is not None else total
    with store.transaction() as cur:
        run_id = db_runs.create_run(
            cur,
            session_id,
            rubric,
            judge.name,
            model=judge.model,
            provider=getattr(judge, "provider", ""),
            prompt_version=PROMPT_VERSION if judge.name == "llm" else "",
            tickets_total=total,
            budget=budget,
        )
    return RunPlan(run_id, session_id, rubric, total, frozenset(), budget)


def pending_tickets(store: Store, plan: RunPlan) -> Iterator[Ticket]:
    """The run's tickets (the session's first `tickets_total`) that have no result yet."""
    return db_runs.iter_run_tickets(
        store, plan.session_id, skip=plan.already_done, limit=plan.tickets_total
    )


async def execute(
    store: Store,
    plan: RunPlan,
    judge,
    *,
    concurrency: int,
    cancel: threading.Event | None = None,
    on_progress: Callable[[Progress], None] | None = None,
) -> Progress:
    """Run the plan to the end (or cancel/budget); returns the final progress."""
    return await _Execution(
        store, plan, judge, concurrency, cancel or threading.Event(), on_progress
    ).run()


class _Execution:
    def __init__(self, store, plan: RunPlan, judge, concurrency: int, cancel, on_progress):
        self.store, self.plan, self.judge = store, plan, judge
        self.concurrency, self.cancel, self.on_progress = max(1, concurrency), cancel, on_progress
        self.progress = Progress(run_id=plan.run_id, total=plan.remaining)
        self.tickets = pending_tickets(store, plan)
        self.writer = _Writer(store, plan.run_id)
        self.started = time.monotonic()
        self.stop_reason: str | None = None

    async def run(self) -> Progress:
        slots = REQUEST_SLOTS.set(asyncio.Semaphore(self.concurrency))  # copied into workers
        workers = [
            asyncio.ensure_future(self._worker())
            for _ in range(self.concurrency * TICKETS_PER_SLOT)
        ]
        REQUEST_SLOTS.reset(slots)
        watcher = asyncio.ensure_future(self._watch_cancel(workers))
        writing = self.writer.task = asyncio.ensure_future(self.writer.run())
        status, error = "completed", None
        try:
            await asyncio.gather(*workers)
        except asyncio.CancelledError:
            status = "cancelled"
            if self.stop_reason != "cancelled":  # our caller was cancelled (e.g. Ctrl-C)
                for w in workers:
                    w.cancel()
                raise
        except BaseException as e:  # record why the run stopped, then let the error through
            status = "failed"
            error = str(e) if isinstance(e, TqrsError) else f"internal error ({type(e).__name__})"
            for w in workers:
                w.cancel()
            raise
        finally:
            watcher.cancel()
            if hasattr(self.judge, "aclose"):  # its connections belong to this loop
                await self.judge.aclose()
            unstored = await self.writer.close(writing)
            if unstored:
                status, error = "failed", unstored
            elif status != "failed":
                status = self.stop_reason or status
            self._update(status=status, error=error, in_flight=0)
            db_runs.finish_run(
                self.store,
                self.plan.run_id,
                status,
                error,
                self.progress.tokens_in,
                self.progress.tokens_out,
                self.progress.cost,
            )
        if unstored:
            raise StoreError(unstored)
        return self.progress

    async def _watch_cancel(self, workers) -> None:
        while not self.cancel.is_set():
            await asyncio.sleep(0.05)
        self.stop_reason = "cancelled"
        for w in workers:
            w.cancel()

    async def _worker(self) -> None:
        while not self._should_stop() and (ticket := next(self.tickets, None)) is not None:
            self._update(in_flight=self.progress.in_flight + 1)
            try:
                score, outcome = await self._grade(ticket)
            finally:
                self._update(in_flight=self.progress.in_flight - 1)
            self._record(score, outcome)

    def _should_stop(self) -> bool:
        if self.writer.failed:  # stop paying for answers that cannot be stored
            return True
        budget, p = self.plan.budget, self.progress
        if budget is None:
            return False
        # Before the first answer there is no cost per ticket to project from.
        per_ticket = p.cost / max(1, p.finished - p.cached) if p.requests else 0.0
        if self.plan.spent + p.cost + per_ticket * (p.in_flight + 1) >= budget:
            self.stop_reason = "budget_stopped"
            return True
        return False

    async def _grade(self, ticket: Ticket):
        rubric = self.plan.rubric
        results = apply_rules(ticket, rubric)
        outcome = await self.judge.judge(ticket, rubric) if rubric.llm_criteria else None
        if outcome is not None:
            results.update(outcome.results)
        annotate = getattr(self.judge, "annotate", None)  # knowledge notes; never points
        if annotate is not None:
            results = annotate(ticket, rubric, results)
        score = score_ticket(rubric, ticket.id, ticket.number, results)
        if outcome is not None:
            score = score.model_copy(
                update={
                    "tokens_in": outcome.tokens_in,
                    "tokens_out": outcome.tokens_out,
                    "cost": outcome.cost,
                    "cached": outcome.cached,
                }
            )
        return score, outcome

    def _record(self, score, outcome) -> None:
        self.writer.add(score, getattr(outcome, "cache_entry", None))
        p = self.progress
        self._update(
            done=p.done + (score.status == "scored"),
            failed=p.failed + (score.status == "failed"),
            cached=p.cached + bool(outcome and outcome.cached),
            requests=p.requests + (outcome.requests if outcome else 0),
            tokens_in=p.tokens_in + score.tokens_in,
            tokens_out=p.tokens_out + score.tokens_out,
            cost=p.cost + score.cost,
        )

    def _update(self, **changes) -> None:
        p = replace(self.progress, **changes)
        elapsed = time.monotonic() - self.started
        rate = p.finished / elapsed if elapsed > 0 and p.finished else 0
        eta = (p.total - p.finished) / rate if rate else None
        self.progress = replace(p, elapsed=elapsed, eta=eta)
        if self.on_progress is not None:
            self.on_progress(self.progress)


class _Writer:
    """Commits finished results from one thread of its own, all pending ones per transaction."""

    def __init__(self, store: Store, run_id: int):
        self.store, self.run_id = store, run_id
        self.pending: list[tuple] = []
        self.wake = asyncio.Event()
        self.close_requested = asyncio.Event()
        self.closing = False
        self.task: asyncio.Future | None = None
        self.executor = ThreadPoolExecutor(1, thread_name_prefix=f"tqrs-writer-{run_id}")

    def add(self, score, cache_entry) -> None:
        self.pending.append((score, cache_entry))
        self.wake.set()

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while not (self.closing and not self.pending):
            await self.wake.wait()
            self.wake.clear()
            batch, self.pending = self.pending, []
            started = time.monotonic()
            if batch:
                await loop.run_in_executor(self.executor, self._commit, batch)
            delay = COMMIT_INTERVAL - (time.monotonic() - started)
            if delay > 0 and not self.closing:
                try:  # gather more results, unless the run is closing
                    await asyncio.wait_for(self.close_requested.wait(), delay)
                except TimeoutError:
                    pass

    @property
    def failed(self) -> bool:
        return self.task is not None and self.task.done() and not self.closing

    async def close(self, task: asyncio.Future) -> str | None:
        """Commit what is pending and stop; returns why results could not be stored, if so."""
        self.closing = True
        self.close_requested.set()
        self.wake.set()
        try:
            await task
        except (duckdb.Error, StoreError) as e:
            return f"results could not be stored: {e}"
        finally:
            self.executor.shutdown(wait=True)
        return None

    def _commit(self, batch: list[tuple]) -> None:
        with self.store.transaction() as cur:
            db_runs.write_ticket_scores(cur, self.run_id, [s for s, _ in batch])
            put_cached(cur, [entry for _, entry in batch if entry is not None])
