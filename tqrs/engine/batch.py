"""A run through the provider's Batch API (`tqrs evaluate --batch`, the Evaluate page's
choice): the engine's third way of grading, for the LLM judge.

Each round: the open jobs are checked (tqrs.store.batches: a job is one request file and its
batch at the provider); a batch that ended (completed, expired, cancelled, failed) is
collected: its answers become results in the run, committed with their cache entries and
exchanges as every run commits them (tqrs.engine.writer.commit_results), a chunk at a time.
Then the tickets without a result and not waiting in a job are sent: a cached answer is
used at once (never sent), the others go out as request lines identical to the online
requests (tqrs.llm.batch_api), split into files within the provider's limits.

A line that failed, and a line an expired, cancelled or failed batch left unanswered, sends
its ticket again in a later round (or online, `retry="online"`), up to `max_asks` requests;
after that the ticket is recorded as could-not-grade with the reason. Between batches,
`needs_another_request` decides which answered tickets need another request (a re-ask: the
schema re-ask, and the evidence re-ask the online judge sends at once, through the judge's
`follow_up`), and those go into the next batch, whatever `max_asks` (the judge asks each once:
then the answer stands, or its quotes not found are flagged).

A ticket waits in at most one job and a result is stored once per ticket (the primary key of
ticket_results): no ticket is answered twice. Every state is in the store: the CLI and the
workbench can stop at any moment and `--resume` picks up the jobs where they are (a job
recorded but not known to have reached the provider is found again by its metadata, or
sent)."""

import asyncio
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pydantic import BaseModel

from tqrs.engine import stages
from tqrs.engine.writer import commit_results
from tqrs.errors import InputError
from tqrs.judges import JudgeOutcome
from tqrs.judges.llm import PreparedRequest
from tqrs.llm.batch_api import (
    TERMINAL,
    BatchClient,
    FileLimits,
    LineResult,
    RequestFiles,
    custom_id_of,
    lines_of,
    read_line,
    request_line,
)
from tqrs.llm.call import MAX_KEPT_REPLY, CallResult, Exchange, recorded_request
from tqrs.llm.cost import BATCH_WINDOW_HOURS
from tqrs.models import Ticket
from tqrs.rubric import Rubric
from tqrs.rules import RuleResults
from tqrs.store import Store
from tqrs.store import batches as db_batches
from tqrs.store import runs as db_runs
from tqrs.store.sessions import ticket_from_row

CHUNK = 1000  # answers committed per transaction


@dataclass(frozen=True)
class BatchOptions:
    """How a batch run goes: `wait` until every ticket has a result (else return once the
    requests are at the provider, the run "waiting"); `poll` seconds between checks; what
    happens to failed and unanswered lines (`retry`: "batch" or "online"); at most
    `max_asks` requests per ticket; the file limits."""

    wait: bool = True
    poll: float = 30.0
    retry: str = "batch"
    max_asks: int = 3
    limits: FileLimits = field(default_factory=FileLimits)


def custom_id(ticket_id: int, asked: int) -> str:
    """A line's id: the ticket and its request count (a late line of an earlier request
    never passes for the current one)."""
    return f"t{ticket_id}-a{asked}"


def ticket_of(line_id: str) -> int | None:
    try:
        return int(line_id.split("-")[0][1:])
    except (ValueError, IndexError):
        return None


def needs_another_request(judge, rubric, req, reply, earlier: list | None) -> list[dict] | None:
    """The hook between batches: for a ticket whose request was answered, the messages its
    next request adds (after the user message and the `earlier` follow-ups), or None when
    `reply` is final. The judge decides (`LLMJudge.follow_up`: the schema re-ask, and the
    evidence re-ask the online judge sends at once, tqrs.llm.evidence.next_step); the ticket
    then goes into the next batch."""
    return judge.follow_up(rubric, req, reply, earlier or [])


@dataclass(frozen=True)
class _Ask:
    """What a ticket's request asks: the rules' results and the criteria they left open, the
    part of the rubric the judge grades (without the criteria the export cannot carry), and
    the request (None: nothing left to ask)."""

    rules: RuleResults
    judged: Rubric
    req: PreparedRequest | None
    model: type[BaseModel] | None


class BatchRunner:
    """One execution of a batch run; `ex` is the engine's execution (store, plan, progress,
    cancel event), `judge` the LLM judge."""

    def __init__(self, ex, judge, options: BatchOptions):
        if not judge.batch_api:
            raise InputError(f"the Batch API needs the LLM judge, not the {judge.name} judge")
        self.ex, self.judge, self.options = ex, judge, options
        self.store, self.plan, self.rubric = ex.store, ex.plan, ex.plan.rubric
        self.run_id = ex.plan.run_id
        self.client = BatchClient(judge.caller)

    def ask(self, ticket: Ticket, passages: dict[int, tuple]) -> _Ask:
        """The ticket's request as the online run would send it (tqrs.engine.stages
        .before_judge, then the judge's `prepare`): the same prompt, schema and cache key."""
        rules, judged = stages.before_judge(ticket, self.rubric, self.plan.gaps.missing(ticket))
        if not (judged.llm_criteria or rules.open):
            return _Ask(rules, judged, None, None)
        req = self.judge.prepare(ticket, judged, passages.get(ticket.id, ()), open=rules.open)
        return _Ask(rules, judged, req, self.judge.response_model(judged))

    def score(self, ticket: Ticket, ask: _Ask, outcome: JudgeOutcome | None):
        """The ticket's score from the rules and the judge's outcome (None: not asked)."""
        results = stages.settle(ticket, self.rubric, ask.rules, outcome.results if outcome else {})
        return stages.finish(self.rubric, ticket, results)

    async def run(self, concurrency: int) -> str:
        """Rounds until every ticket has a result ("completed"), or, without `wait`, until
        the requests are at the provider ("waiting")."""
        while True:
            for job in db_batches.open_jobs(self.store, self.run_id):
                if job.status == "submitting":
                    await self._submit_again(job)
                else:
                    await self._check(job)
            online = [] if self.ex.cancel.is_set() else await self._send_pending()
            if online:
                await self._online(online, concurrency)
                if self.ex.stop_reason is not None:  # cancelled, or the provider stopped
                    return self.ex.stop_reason
                continue
            waiting = db_batches.open_jobs(self.store, self.run_id)
            self._show(waiting)
            if not waiting:
                return "completed"
            if self.ex.cancel.is_set():  # stop checking; the batches go on (Resume collects)
                return "cancelled"
            if not self.options.wait:
                return "waiting"
            await self._sleep(self.options.poll)

    # -- sending ---------------------------------------------------------------------------

    async def _send_pending(self) -> list[Ticket]:
        """Send the tickets without a result that wait in no job; returns those to send
        online instead (asked before, with `retry="online"`)."""
        waiting = db_batches.waiting_ticket_ids(self.store, self.run_id)
        files = RequestFiles(self.options.limits)
        in_file: list[int] = []
        online: list[Ticket] = []
        results = _Results(self)
        try:
            for rows in db_runs.iter_pending_ticket_rows(
                self.store, self.plan.session_id, self.run_id, self.plan.tickets_total
            ):
                tickets = [ticket_from_row(r) for r in rows if r[0] not in waiting]
                asked = db_batches.asked_before(self.store, self.run_id, [t.id for t in tickets])
                passages = self.judge.passages_for(tickets)
                for t in tickets:
                    ask = self.ask(t, passages)
                    if ask.req is None:
                        results.add(t, ask, None)
                        continue
                    cached = self.judge.cached_outcome(ask.judged, ask.req)
                    if cached is not None:
                        results.add(t, ask, cached)
                        continue
                    before = asked.get(t.id)
                    # a failed line may go online; a re-ask goes into the next batch
                    if (
                        before is not None
                        and not before.follow_up
                        and self.options.retry == "online"
                    ):
                        online.append(t)
                        continue
                    n = (before.asked if before else 0) + 1
                    line = self._line(ask, n, before.follow_up if before else None, t.id)
                    if in_file and not files.fits(line):
                        await self._send_file(files, in_file)
                        in_file = []
                    files.add(line)
                    in_file.append(t.id)
                results.commit()
            if in_file:
                await self._send_file(files, in_file)
        finally:
            files.discard()
        return online

    def _line(self, ask: _Ask, asked: int, follow_up: list | None, ticket_id: int) -> bytes:
        messages = self._messages(ask.req, follow_up)
        return request_line(self.judge.caller, custom_id(ticket_id, asked), messages, ask.model)

    @staticmethod
    def _messages(req, follow_up: list | None) -> list[dict]:
        return [
            {"role": "system", "content": req.system},
            {"role": "user", "content": req.user},
            *(follow_up or []),
        ]

    async def _send_file(self, files: RequestFiles, ticket_ids: list[int]) -> None:
        size = files.size
        path = files.take()
        try:
            with self.store.transaction() as cur:
                position = db_batches.add_job(cur, self.run_id, ticket_ids, size)
            await self._submit(position, path)
        finally:
            os.unlink(path)

    async def _submit(self, position: int, path: str) -> None:
        file_id = await self.client.upload(path)
        batch = await self.client.create(file_id, self._metadata(position))
        db_batches.set_submitted(self.store, self.run_id, position, batch)

    def _metadata(self, position: int) -> dict[str, str]:
        job = next(j for j in db_batches.jobs(self.store, self.run_id) if j.position == position)
        return {
            "tqrs_run": str(self.run_id),
            "tqrs_job": str(position),
            "tqrs_created": job.created_at.isoformat(),
        }

    async def _submit_again(self, job: db_batches.Job) -> None:
        """A job recorded but not known to have reached the provider (a crash in between):
        adopt its batch when the provider has it, else send its file."""
        found = await self.client.find(self._metadata(job.position))
        if found is not None:
            db_batches.set_submitted(self.store, self.run_id, job.position, found)
            return
        asked = db_batches.asked_in_job(self.store, self.run_id, job.position)
        files = RequestFiles(self.options.limits)
        try:
            for start in range(0, len(asked), CHUNK):
                ids = list(asked)[start : start + CHUNK]
                tickets = [ticket_from_row(r) for r in db_batches.ticket_rows(self.store, ids)]
                passages = self.judge.passages_for(tickets)
                for t in tickets:
                    a = asked[t.id]
                    files.add(self._line(self.ask(t, passages), a.asked, a.follow_up, t.id))
            path = files.take()
            try:
                await self._submit(job.position, path)
            finally:
                os.unlink(path)
        finally:
            files.discard()

    # -- checking and collecting -----------------------------------------------------------

    async def _check(self, job: db_batches.Job) -> None:
        batch = await self.client.retrieve(job.batch_id)
        counts = batch.request_counts
        errors = batch.errors.data if batch.errors and batch.errors.data else []
        error = "; ".join(filter(None, (e.code or e.message for e in errors))) or None
        db_batches.set_status(
            self.store,
            self.run_id,
            job.position,
            batch.status,
            counts.completed if counts else 0,
            counts.failed if counts else 0,
            error,
        )
        if batch.status in TERMINAL:
            await self._collect(job, batch, error)

    async def _collect(self, job: db_batches.Job, batch, error: str | None) -> None:
        """Store the batch's answers, send again what it did not answer, mark it collected;
        a collect cut short is done again: tickets with a result are skipped."""
        asked = db_batches.asked_in_job(self.store, self.run_id, job.position)
        done = db_runs.done_ticket_ids(self.store, self.run_id)
        seen: set[int] = set()
        answers = _Answers(self, job, batch, asked)
        for file_id in (batch.output_file_id, batch.error_file_id):
            if not file_id:
                continue
            path = await self.client.download(file_id)
            try:
                for raw in lines_of(path):
                    line_id = custom_id_of(raw)
                    tid = ticket_of(line_id) if line_id else None
                    if tid is None or tid not in asked or tid in done or tid in seen:
                        continue
                    if line_id != custom_id(tid, asked[tid].asked):
                        continue  # an answer to an earlier request of the ticket
                    seen.add(tid)
                    answers.add(tid, raw)  # read with the ticket's response model
                    if len(answers) >= CHUNK:
                        answers.commit()
            finally:
                os.unlink(path)
        why = {
            "expired": "the batch expired before answering it",
            "cancelled": "the batch was cancelled before answering it",
            "failed": f"the provider refused the batch ({error or 'no reason given'})",
        }.get(batch.status, "the batch left it unanswered")
        for tid in asked:
            if tid not in seen and tid not in done:
                unanswered = LineResult(
                    custom_id(tid, asked[tid].asked), None, None, why, status="unanswered"
                )
                answers.add(tid, unanswered)
                if len(answers) >= CHUNK:
                    answers.commit()
        answers.commit(collected=True)

    # -- online, progress, waiting ---------------------------------------------------------

    async def _online(self, tickets: list[Ticket], concurrency: int) -> None:
        """Tickets whose batch requests failed, sent online (`retry="online"`); their results
        committed before the next round reads what is pending."""
        with self.store.transaction() as cur:
            db_batches.finish_requests(cur, self.run_id, [t.id for t in tickets])
        await self.ex._concurrent(self.judge, concurrency, iter(tickets))
        await self.ex.writer.flush()

    def _show(self, waiting: list[db_batches.Job]) -> None:
        self.ex._update(
            in_flight=sum(j.requests for j in waiting),
            batches_open=len(waiting),
            answered_at_provider=sum(j.answered + j.failed for j in waiting),
            status="waiting" if waiting else "running",
        )

    async def _sleep(self, seconds: float) -> None:
        end = asyncio.get_running_loop().time() + seconds
        while not self.ex.cancel.is_set():
            left = end - asyncio.get_running_loop().time()
            if left <= 0:
                return
            await asyncio.sleep(min(left, 0.2))


class _Results:
    """Results graded without a request (rules only, or a cached answer), committed in one
    transaction per batch of tickets."""

    def __init__(self, runner: BatchRunner):
        self.runner = runner
        self.rows: db_runs.ScoreRows = ([], [])

    def add(self, ticket: Ticket, ask: _Ask, outcome: JudgeOutcome | None) -> None:
        r = self.runner
        score = r.score(ticket, ask, outcome)
        if outcome is not None:
            score = score.model_copy(update={"cached": outcome.cached})
        _extend(self.rows, db_runs.score_rows(r.run_id, [score]))
        _count(r.ex, score, cached=bool(outcome and outcome.cached))

    def commit(self) -> None:
        if self.rows[0]:
            with self.runner.store.transaction() as cur:
                commit_results(cur, self.runner.run_id, self.rows, [], [])
        self.rows = ([], [])


class _Answers:
    """A batch's lines, turned into results (or sent again), committed a chunk at a time
    with the tickets' batch state."""

    def __init__(self, runner: BatchRunner, job, batch, asked: dict):
        self.runner, self.job, self.batch, self.asked = runner, job, batch, asked
        self.lines: list[tuple[int, LineResult | bytes]] = []  # bytes: a line still to read
        submitted = job.submitted_at or job.created_at
        self.started = submitted
        ended = _end_of(batch)
        self.latency_ms = max(0.0, (ended - submitted).total_seconds() * 1000) if ended else 0.0

    def __len__(self) -> int:
        return len(self.lines)

    def add(self, ticket_id: int, line: LineResult | bytes) -> None:
        self.lines.append((ticket_id, line))

    def commit(self, collected: bool = False) -> None:
        r = self.runner
        ids = [tid for tid, _ in self.lines]
        tickets = {t.id: t for t in map(ticket_from_row, db_batches.ticket_rows(r.store, ids))}
        passages = r.judge.passages_for(list(tickets.values())) if tickets else {}
        rows: db_runs.ScoreRows = ([], [])
        cache, exchanges, released, finished = [], [], [], []
        for tid, line in self.lines:
            ticket = tickets.get(tid)
            if ticket is None:
                continue  # deleted from the session since
            a = self.asked[tid]
            ask = r.ask(ticket, passages)
            if ask.req is None:  # the rubric or the export changed since it was sent
                score = r.score(ticket, ask, None)
                _extend(rows, db_runs.score_rows(r.run_id, [score]))
                finished.append(tid)
                _count(r.ex, score, requests=a.asked)
                continue
            req = ask.req
            if isinstance(line, bytes):
                line = read_line(line, ask.model)
            exchanges.append(self._exchange(ask, a, line, tid))
            reply = line.reply
            again = None
            if reply is not None:
                again = needs_another_request(r.judge, ask.judged, req, reply, a.follow_up)
            elif a.asked < r.options.max_asks:
                again = []  # the same request again
            if again is not None:
                released.append(
                    db_batches.Released(
                        tid,
                        (a.follow_up or []) + again or None,
                        reply.tokens_in if reply else 0,
                        reply.tokens_out if reply else 0,
                        _batch_cost(r, reply.tokens_in, reply.tokens_out) if reply else 0.0,
                        line.error or (reply.error if reply else None),
                    )
                )
                continue
            outcome = r.judge.outcome(ask.judged, req, self._result(a, line), a.follow_up)
            score = r.score(ticket, ask, outcome)
            score = score.model_copy(
                update={
                    "tokens_in": outcome.tokens_in,
                    "tokens_out": outcome.tokens_out,
                    "cost": outcome.cost,
                }
            )
            _extend(rows, db_runs.score_rows(r.run_id, [score]))
            if outcome.cache_entry is not None:
                cache.append(outcome.cache_entry)
            finished.append(tid)
            _count(r.ex, score, requests=a.asked)
        with r.store.transaction() as cur:
            commit_results(cur, r.run_id, rows, cache, exchanges)
            db_batches.release(cur, r.run_id, released)
            db_batches.finish_requests(cur, r.run_id, finished)
            if collected:
                db_batches.mark_collected(cur, r.run_id, self.job.position)
        self.lines = []

    def _result(self, a: db_batches.Asked, line: LineResult) -> CallResult:
        """The ticket's answer with what its earlier requests used, at the batch price."""
        reply = line.reply
        out = CallResult(
            parsed=reply.parsed if reply else None,
            raw=reply.raw if reply else None,
            refusal=reply.refusal if reply else None,
            error=(reply.error if reply else line.error)
            if reply is None or reply.parsed is None
            else None,
            tokens_in=a.tokens_in + (reply.tokens_in if reply else 0),
            tokens_out=a.tokens_out + (reply.tokens_out if reply else 0),
            requests=a.asked,
        )
        if reply is None and a.asked > 1:
            out.error = f"{line.error}, after {a.asked} requests"
        return self.runner.judge.caller.priced(out, batch=True)

    def _exchange(self, ask: _Ask, a: db_batches.Asked, line: LineResult, tid: int) -> Exchange:
        r = self.runner
        caller = r.judge.caller
        req = ask.req
        params = caller.params(r._messages(req, a.follow_up), ask.model)
        request = recorded_request(params, req.system_hash) | {
            "batch": self.batch.id,
            "custom_id": line.custom_id,
        }
        reply = line.reply
        status = reply.status if reply else line.status
        text = (reply.raw or reply.refusal) if reply else None
        return Exchange.of(
            caller,
            system_hash=req.system_hash,
            system=req.system,
            request=request,
            status=status,
            started_at=self.started,
            latency_ms=self.latency_ms,
            http_status=line.http_status,
            reply=text[:MAX_KEPT_REPLY] if text else None,
            error=line.error or (reply.error if reply else None),
            tokens_in=reply.tokens_in if reply else 0,
            tokens_out=reply.tokens_out if reply else 0,
            request_id=line.request_id,
            ticket_id=tid,
        )


def _batch_cost(runner: BatchRunner, tokens_in: int, tokens_out: int) -> float:
    out = runner.judge.caller.priced(CallResult(tokens_in=tokens_in, tokens_out=tokens_out), True)
    return out.cost


def _end_of(batch) -> datetime | None:
    for name in ("completed_at", "expired_at", "cancelled_at", "failed_at"):
        if (value := getattr(batch, name, None)) is not None:
            return datetime.fromtimestamp(value, UTC).replace(tzinfo=None)
    return None


def _extend(rows: db_runs.ScoreRows, more: db_runs.ScoreRows) -> None:
    rows[0].extend(more[0])
    rows[1].extend(more[1])


def _count(ex, score, cached: bool = False, requests: int = 0) -> None:
    p = ex.progress
    ex._update(
        done=p.done + (score.status == "scored"),
        failed=p.failed + (score.status == "failed"),
        cached=p.cached + cached,
        requests=p.requests + requests,
        tokens_in=p.tokens_in + score.tokens_in,
        tokens_out=p.tokens_out + score.tokens_out,
        cost=p.cost + score.cost,
    )


def describe_turnaround(store: Store) -> str:
    """The expected turnaround of a batch: the provider's window, and the median of the
    latest batches that completed here."""
    seen = db_batches.turnaround(store)
    past = f"; the latest batches here took {_duration(seen)} (median)" if seen else ""
    return f"within {BATCH_WINDOW_HOURS} h{past}"


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
