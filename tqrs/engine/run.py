"""Executing a run: every evaluation, whatever its judge and whoever starts it (the CLI, the
workbench's background jobs, a resume), goes through `execute`.

The tickets without a result are streamed from the store in session order; each goes through
the stages of tqrs.engine.stages, and the writer commits results as they finish, whatever the
judge, with bounded memory (tqrs.engine.writer). How tickets are graded depends on what the
judge declares:
- an in-process judge (no I/O) is graded in batches of BATCH tickets, in this thread or, with
  `workers` > 1, in that many worker processes (tqrs.engine.pool); the writer commits one
  batch while the next is graded;
- a remote judge is awaited per ticket: one asyncio loop and one limit, `concurrency`, at most
  that many HTTP requests in flight (`REQUEST_SLOTS`, no thread pool under it), and twice as
  many workers pulling tickets, so that tickets waiting to retry leave their request slot to
  others. The provider exchanges go to the writer (`EXCHANGE_SINK`).

Cancellation (an event) stops new tickets and abandons the ones in flight; a budget stops new
tickets and lets the ones in flight finish; a provider that answered and then refuses every
connection (tqrs.errors.ProviderStopped) stops the run as "provider_stopped", abandoning the
tickets in flight (no result: a resume grades them); a kill leaves the run "running" with what
was committed, which `plan_run(resume=...)` finishes. Every run that is not "completed" can be
resumed. The run's tokens and cost count every exchange with the provider, those of tickets
abandoned mid-call included. Progress is reported as immutable snapshots."""

import asyncio
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from tqrs.embeddings import get_embedder
from tqrs.engine import stages
from tqrs.engine.batch import BatchOptions, BatchRunner
from tqrs.engine.notes import KnowledgeNotes
from tqrs.engine.plan import RunPlan, pending_rows
from tqrs.engine.pool import WorkerPool
from tqrs.engine.writer import COMMIT_INTERVAL, IN_PROCESS_COMMIT_INTERVAL, Writer
from tqrs.errors import ProviderStopped, StoreError, TqrsError
from tqrs.judges import InProcessJudge, Judge, JudgeOutcome, RemoteJudge
from tqrs.llm.call import EXCHANGE_SINK, Exchange
from tqrs.llm.client import REQUEST_SLOTS
from tqrs.models import Ticket
from tqrs.store import Store
from tqrs.store import batches as db_batches
from tqrs.store import runs as db_runs
from tqrs.store.sessions import ticket_from_row

TICKETS_PER_SLOT = 2
BATCH = 2000  # tickets graded at a time by an in-process judge
PROGRESS_STEP = 50  # tickets of a batch handed to the writer (and counted) at a time


PREPARING_NOTES = (
    "Preparing the knowledge notes: reading the knowledge base and, the first time, embedding "
    "the session's tickets on this machine"
)


@dataclass(frozen=True)
class Progress:
    """A snapshot of a run's execution; `done` counts scored tickets, `failed` those that
    could not be, `in_flight` those being graded (a remote judge: up to twice the
    concurrency, some wait to retry)."""

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
    batches_open: int = 0  # a batch run: its batches at the provider (in_flight: their requests)
    answered_at_provider: int = 0  # requests of those batches the provider has answered
    stage: str | None = None  # what the run does before grading, in plain words (None: grading)

    @property
    def finished(self) -> int:
        return self.done + self.failed


async def execute(
    store: Store,
    plan: RunPlan,
    judge: Judge,
    *,
    concurrency: int = 1,
    workers: int = 1,
    cancel: threading.Event | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    embedder_factory=get_embedder,
    batch: BatchOptions | None = None,
) -> Progress:
    """Run the plan to the end (or cancel, budget); returns the final progress.

    Args:
        concurrency: requests in flight at once (a remote judge).
        workers: processes grading an in-process judge (1: this thread).
        embedder_factory: the embedder for knowledge notes, made only when needed.
        batch: send the LLM judge's requests through the provider's Batch API
            (tqrs.engine.batch); the run may end "waiting" for its batches."""
    if batch is None and plan.mode == "batch":  # a batch run resumed (the workbench)
        batch = BatchOptions()
    execution = _Execution(store, plan, judge, cancel or threading.Event(), on_progress)
    return await execution.run(max(1, concurrency), max(1, workers), embedder_factory, batch)


class _Execution:
    def __init__(self, store: Store, plan: RunPlan, judge: Judge, cancel, on_progress):
        self.store, self.plan, self.judge = store, plan, judge
        self.cancel, self.on_progress = cancel, on_progress
        self.progress = Progress(run_id=plan.run_id, total=plan.remaining)
        interval = (
            IN_PROCESS_COMMIT_INTERVAL if isinstance(judge, InProcessJudge) else COMMIT_INTERVAL
        )
        self.writer = Writer(store, plan.run_id, interval=interval)
        self.started = time.monotonic()
        self.stop_reason: str | None = None
        self.stop_error: str | None = None
        self.notes: KnowledgeNotes | None = None
        # ticket id -> [tokens in, tokens out, cost, requests] of its exchanges so far; a
        # ticket's entry goes when its outcome is recorded (which counts them), so what is
        # left at the end belongs to abandoned tickets, and is added to the run's totals.
        self.open_usage: dict[int | None, list] = {}

    async def run(
        self, concurrency: int, workers: int, embedder_factory, batch: BatchOptions | None
    ) -> Progress:
        status, error = "completed", None
        self.writer.start()
        try:
            if self.judge.knowledge_notes:
                # the first run of a session with documents embeds its tickets on this machine
                # first: say so rather than show 0 done for that while
                self._update(stage=PREPARING_NOTES)
                self.notes = KnowledgeNotes.prepare(
                    self.store, self.plan.session_id, self.plan.rubric, embedder_factory
                )
                self._update(stage=None)
            if batch is not None:
                self.stop_reason = await BatchRunner(self, self.judge, batch).run(concurrency)
            elif isinstance(self.judge, InProcessJudge):
                with stages.rare_cycle_collection():  # the writer's side too
                    await self._batches(self.judge, workers)
            elif isinstance(self.judge, RemoteJudge):
                await self._concurrent(self.judge, concurrency)
            else:
                raise TypeError(f"{type(self.judge).__name__} is neither in-process nor remote")
        except asyncio.CancelledError:
            # a batch run's batches go on at the provider: it waits for them (--resume)
            status = "waiting" if batch is not None and self._batches_open() else "cancelled"
            raise
        except BaseException as e:  # record why the run stopped, then let the error through
            status = "failed"
            error = str(e) if isinstance(e, TqrsError) else f"internal error ({type(e).__name__})"
            raise
        finally:
            await self.judge.close()  # its connections belong to this loop
            unstored = await self.writer.close()
            if unstored:
                status, error = "failed", unstored
            elif status == "completed":
                status, error = self.stop_reason or status, self.stop_error
            self._count_abandoned()
            waiting = self.progress.in_flight if status == "waiting" else 0  # at the provider
            self._update(status=status, error=error, in_flight=waiting)
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

    # -- in-process judges: batches ------------------------------------------------------

    async def _batches(self, judge: InProcessJudge, workers: int) -> None:
        batches = pending_rows(self.store, self.plan, BATCH)
        if workers > 1:
            await self._batches_in_processes(judge, batches, workers)
            return
        notes = self.notes.notes if self.notes else None
        for rows in batches:
            if self._should_stop():
                break
            tickets = [ticket_from_row(r) for r in rows]
            evidence = self.notes.evidence(tickets) if self.notes else None
            # Handed over in steps, so that the progress moves every PROGRESS_STEP tickets
            # rather than once a batch (a 400-ticket run went from 0 to 100% in one jump); the
            # writer still commits at most every IN_PROCESS_COMMIT_INTERVAL.
            for start in range(0, len(tickets), PROGRESS_STEP):
                if start and self._should_stop():
                    break
                part = tickets[start : start + PROGRESS_STEP]
                scores = stages.grade_batch(
                    judge, self.plan.rubric, part, notes, evidence, self.plan.gaps
                )
                await self._store_batch(db_runs.score_rows(self.plan.run_id, scores))

    async def _batches_in_processes(
        self, judge: InProcessJudge, batches: Iterator[list[tuple]], workers: int
    ) -> None:
        notes = self.notes.notes if self.notes else None
        in_flight: deque[asyncio.Future] = deque()
        with WorkerPool(workers) as pool:
            for rows in batches:
                if self._should_stop():
                    break
                evidence = (
                    self.notes.evidence([ticket_from_row(r) for r in rows]) if self.notes else None
                )
                in_flight.append(
                    pool.submit(
                        stages.grade_rows,
                        judge,
                        self.plan.rubric,
                        self.plan.run_id,
                        rows,
                        notes,
                        evidence,
                        self.plan.gaps,
                    )
                )
                if len(in_flight) >= 2 * workers:
                    await self._store_batch(await in_flight.popleft())
            while in_flight:
                await self._store_batch(await in_flight.popleft())

    async def _store_batch(self, rows: db_runs.ScoreRows) -> None:
        self.writer.add(rows)
        scored, failed = db_runs.count_statuses(rows)
        p = self.progress
        self._update(done=p.done + scored, failed=p.failed + failed)
        # Grading never suspends: hand the loop to the writer (its commit then runs in its
        # thread while the next batch is graded), and wait when it is behind.
        await asyncio.sleep(0)
        await self.writer.room()

    # -- remote judges: concurrent requests ----------------------------------------------

    async def _concurrent(
        self, judge: RemoteJudge, concurrency: int, tickets: Iterator[Ticket] | None = None
    ) -> None:
        """`tickets` (default: the run's tickets without a result) through `judge`."""
        if tickets is None:
            tickets = iter(
                ticket_from_row(row) for rows in pending_rows(self.store, self.plan) for row in rows
            )
        slots = REQUEST_SLOTS.set(asyncio.Semaphore(concurrency))  # copied into the workers
        sink = EXCHANGE_SINK.set(self._exchange)
        # Under a budget, one ticket per request slot: a ticket waiting for a slot was let
        # through the budget check before the answers it waits behind were priced, and the
        # run overshot its budget by up to a slot's worth of tickets.
        per_slot = 1 if self.plan.budget is not None else TICKETS_PER_SLOT
        workers = [
            asyncio.ensure_future(self._worker(judge, tickets))
            for _ in range(concurrency * per_slot)
        ]
        EXCHANGE_SINK.reset(sink)
        REQUEST_SLOTS.reset(slots)
        watcher = asyncio.ensure_future(self._watch_cancel(workers))
        try:
            await asyncio.gather(*workers)
        except asyncio.CancelledError:
            for w in workers:
                w.cancel()
            if self.stop_reason in ("cancelled", "provider_stopped"):  # our own stop
                return
            raise  # our caller was cancelled (e.g. Ctrl-C)
        except BaseException:
            for w in workers:
                w.cancel()
            raise
        finally:
            watcher.cancel()

    async def _watch_cancel(self, workers) -> None:
        while not self.cancel.is_set() and self.stop_reason != "provider_stopped":
            await asyncio.sleep(0.05)
        self.stop_reason = self.stop_reason or "cancelled"
        for w in workers:
            w.cancel()

    def _exchange(self, exchange: Exchange) -> None:
        """The run's EXCHANGE_SINK: stored by the writer, its usage counted (see open_usage)."""
        self.writer.add_exchange(exchange)
        used = self.open_usage.setdefault(exchange.ticket_id, [0, 0, 0.0, 0])
        used[0] += exchange.tokens_in
        used[1] += exchange.tokens_out
        used[2] += exchange.cost
        used[3] += 1

    def _provider_stopped(self, e: ProviderStopped) -> None:
        if self.stop_reason is None:
            self.stop_reason = "provider_stopped"
            self.stop_error = (
                f"stopped: {e}; the tickets without a result are left for "
                f"`tqrs evaluate {self.plan.session_id} --resume {self.plan.run_id}` "
                "(or Resume on the Evaluate page)"
            )

    def _count_abandoned(self) -> None:
        """Add the exchanges of tickets that never got a result to the run's totals."""
        left = [u for u in self.open_usage.values() if any(u)]
        self.open_usage.clear()
        if left:
            p = self.progress
            self._update(
                tokens_in=p.tokens_in + sum(u[0] for u in left),
                tokens_out=p.tokens_out + sum(u[1] for u in left),
                cost=p.cost + sum(u[2] for u in left),
                requests=p.requests + sum(u[3] for u in left),
            )

    async def _worker(self, judge: RemoteJudge, tickets: Iterator[Ticket]) -> None:
        rubric = self.plan.rubric
        while not self._should_stop() and (ticket := next(tickets, None)) is not None:
            self._update(in_flight=self.progress.in_flight + 1)
            try:
                rules, judged = stages.before_judge(ticket, rubric, self.plan.gaps.missing(ticket))
                outcome = None
                try:
                    if judged.llm_criteria or rules.open:
                        outcome = await judge.judge(ticket, judged, rules.open)
                except ProviderStopped as e:  # this ticket stays without a result
                    self._provider_stopped(e)
                    return
                evidence = None
                if self.notes is not None:
                    evidence = self.notes.evidence([ticket]).get(ticket.id)
                score = stages.finish(
                    rubric,
                    ticket,
                    stages.settle(ticket, rubric, rules, outcome.results if outcome else {}),
                    self.notes.notes if self.notes else None,
                    evidence,
                )
            finally:
                self._update(in_flight=self.progress.in_flight - 1)
            self._record(score, outcome)
            # A cached answer never suspends: let the writer run, and wait when it is behind.
            await asyncio.sleep(0)
            await self.writer.room()

    def _record(self, score, outcome: JudgeOutcome | None) -> None:
        self.open_usage.pop(score.ticket_id, None)  # counted by its outcome
        if outcome is not None:
            score = score.model_copy(
                update={
                    "tokens_in": outcome.tokens_in,
                    "tokens_out": outcome.tokens_out,
                    "cost": outcome.cost,
                    "cached": outcome.cached,
                }
            )
        entries = [outcome.cache_entry] if outcome and outcome.cache_entry else None
        self.writer.add(db_runs.score_rows(self.plan.run_id, [score]), entries)
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

    # -- common ----------------------------------------------------------------------------

    def _batches_open(self) -> bool:
        return bool(db_batches.open_jobs(self.store, self.plan.run_id))

    def _should_stop(self) -> bool:
        if self.writer.failed or self.stop_reason == "provider_stopped":
            return True  # stop grading (and paying for) what cannot be stored or answered
        if self.cancel.is_set():
            self.stop_reason = "cancelled"
            return True
        budget, p = self.plan.budget, self.progress
        if budget is None:
            return False
        # Projected from the cost of a request (before the first answer there is none): per
        # finished ticket would count tickets that sent nothing (cached, or nothing left to ask
        # once the export's gaps and the rules settled them) and let the run overshoot.
        per_request = p.cost / p.requests if p.requests else 0.0
        if self.plan.spent + p.cost + per_request * (p.in_flight + 1) >= budget:
            self.stop_reason = "budget_stopped"
            return True
        return False

    def _update(self, **changes) -> None:
        p = replace(self.progress, **changes)
        elapsed = time.monotonic() - self.started
        rate = p.finished / elapsed if elapsed > 0 and p.finished else 0
        eta = (p.total - p.finished) / rate if rate else None
        self.progress = replace(p, elapsed=elapsed, eta=eta)
        if self.on_progress is not None:
            self.on_progress(self.progress)
