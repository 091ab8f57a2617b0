"""`tqrs evaluate` through the engine, whatever the judge: an estimate line, a live progress
bar on stderr, then the summary (with tokens and cost when the run sent requests)."""

import asyncio
import sys
from dataclasses import replace

from tqrs.commands.live_line import LiveLine, bar
from tqrs.commands.summary_text import render_summary
from tqrs.display import plural
from tqrs.engine import (
    Progress,
    RunPlan,
    execute,
    pending_tickets,
    plan_run,
    what_is_asked,
)
from tqrs.engine.batch import BatchOptions, describe_turnaround
from tqrs.errors import InputError
from tqrs.evaluate import run_summary
from tqrs.judges import make_judge
from tqrs.judges.offline import OfflineJudge
from tqrs.llm.settings import LLMSettings
from tqrs.rubric import Rubric
from tqrs.spending import capped_budget, spending
from tqrs.store import Store
from tqrs.store import runs as db_runs
from tqrs.store.sessions import get_session


def run_evaluation(store: Store, args, out, rubric: Rubric, settings: LLMSettings) -> int:
    """Plan (or resume), estimate, run with a progress bar, print the summary; returns the
    run id. A resumed run keeps its judge (the offline one, or the configured LLM, which
    must be the provider, endpoint and model the run was started with)."""
    session = get_session(store, args.session)
    offline = args.offline
    batch = getattr(args, "batch", False)
    if args.resume is not None:
        resumed = db_runs.get_run(store, args.resume)
        offline = resumed.judge == OfflineJudge.name
        batch = resumed.mode == "batch"
    judge = make_judge(store, settings, offline)
    if batch and not judge.batch_api:
        raise InputError(
            "--batch sends the LLM judge's requests through the provider's Batch API: "
            + ("not with --offline" if offline else "no LLM is configured (OPENAI_API_KEY, ...)")
        )
    budget = args.budget
    if judge.billed:  # the month's spending cap lowers the budget, or refuses the run
        run = db_runs.get_run(store, args.resume) if args.resume is not None else None
        budget = capped_budget(
            store,
            settings,
            budget if budget is not None or run is None else run.budget,
            run.cost if run else 0.0,
        )
        if settings.monthly_budget:
            print(spending(store, settings).describe(), file=out)
    plan = plan_run(
        store,
        session.id,
        rubric,
        judge,
        limit=args.limit,
        budget=budget,
        resume=args.resume,
        mode="batch" if batch else "online",
    )
    if args.resume is not None:
        print(
            f"resuming run {plan.run_id}: {plan.done:,} of "
            f"{plural(plan.tickets_total, 'ticket')} already done",
            file=out,
        )
    if plan.rubric.llm_criteria:
        estimate = judge.estimate(
            pending_tickets(store, plan), plan.rubric, plan.remaining, asks=what_is_asked(plan)
        )
        if estimate.local:
            sent = ""
        elif batch:
            sent = f" with {judge.model} ({judge.provider}) through the Batch API"
        else:
            sent = f" with {judge.model} ({judge.provider}), {settings.concurrency} in parallel"
        label = "" if estimate.local else "estimate: "
        print(f"{label}{estimate.describe()}{sent}", file=out, flush=True)
        if batch:
            print(f"turnaround: {describe_turnaround(store)}", file=out, flush=True)
            _check_batch_budget(plan, estimate)
    bar = ProgressBar(sys.stderr)
    try:
        final = asyncio.run(
            execute(
                store,
                plan,
                judge,
                concurrency=settings.concurrency,
                workers=args.workers,
                on_progress=bar.update,
                batch=_batch_options(args, settings) if batch else None,
            )
        )
    except KeyboardInterrupt:  # the run is recorded as cancelled; say how to resume
        bar.close()
        if bar.last is not None:  # a batch run's batches go on at the provider
            stopped = (
                "waiting"
                if db_runs.get_run(store, plan.run_id).status == "waiting"
                else "cancelled"
            )
            print_result(store, plan, replace(bar.last, status=stopped), out)
        raise
    bar.close()
    print_result(store, plan, final, out)
    return plan.run_id


def print_result(store: Store, plan: RunPlan, final: Progress, out) -> None:
    for line in render_summary(run_summary(store, plan.run_id)):
        print(line, file=out)
    run = db_runs.get_run(store, plan.run_id)
    if final.requests or final.cached or run.tokens_in:
        _print_usage(final, run, out)
    if final.status == "waiting":
        print(
            f"waiting: {final.in_flight:,} requests at the provider in {final.batches_open} "
            f"batches; collect with `tqrs evaluate --resume {plan.run_id}`",
            file=out,
        )
    if final.status == "provider_stopped":
        print(final.error, file=out)
    elif final.status in ("budget_stopped", "cancelled"):
        reason = "budget reached" if final.status == "budget_stopped" else "cancelled"
        print(
            f"{reason}: resume with `tqrs evaluate {plan.session_id} --resume {plan.run_id}`",
            file=out,
        )


def _print_usage(final: Progress, run, out) -> None:
    print(
        f"this session: {plural(final.finished, 'ticket')} in {final.elapsed:.1f}s, "
        f"{plural(final.requests, 'request')}, {final.cached:,} from the cache, tokens "
        f"{final.tokens_in:,} in / {final.tokens_out:,} out, cost ${final.cost:.4f}",
        file=out,
    )
    print(
        f"run total: tokens {run.tokens_in:,} in / {run.tokens_out:,} out, cost ${run.cost:.4f}",
        file=out,
    )


def _batch_options(args, settings: LLMSettings) -> BatchOptions:
    poll = settings.batch_poll if args.poll is None else max(0.0, args.poll)
    return BatchOptions(wait=not args.no_wait, poll=poll, retry=args.batch_retry)


def _check_batch_budget(plan: RunPlan, estimate) -> None:
    """A batch is paid as a whole once sent: its estimated cost must fit the budget."""
    if plan.budget is None or plan.done:
        return
    if plan.spent + estimate.batch_cost > plan.budget:
        raise InputError(
            f"the batch would cost ~${estimate.batch_cost:,.2f}, over the budget of "
            f"${plan.budget:,.2f} (--budget or TQRS_MONTHLY_BUDGET): evaluate fewer tickets "
            "(--limit) or raise the budget"
        )


class ProgressBar:
    """The run's progress as a live line: bar, counts, tokens, cost and ETA."""

    def __init__(self, stream, interval: float | None = None):
        self.line = LiveLine(stream, interval)
        self.last: Progress | None = None

    def update(self, p: Progress) -> None:
        self.last = p
        share = p.finished / p.total if p.total else 1.0
        if p.stage:
            self.line.show(f"{bar(share)} {p.stage}...")
            return
        if p.batches_open:
            self.line.show(
                f"{bar(share)} {p.finished:,}/{p.total:,} done {p.done:,} failed {p.failed:,} "
                f"| at the provider {p.in_flight:,} in {p.batches_open} batches, "
                f"{p.answered_at_provider:,} answered there | ${p.cost:.4f}"
            )
            return
        eta = f"{int(p.eta) // 60}:{int(p.eta) % 60:02d}" if p.eta is not None else "-"
        self.line.show(
            f"{bar(share)} {p.finished:,}/{p.total:,} "
            f"done {p.done:,} failed {p.failed:,} in flight {p.in_flight} | tokens "
            f"{p.tokens_in + p.tokens_out:,} | ${p.cost:.4f} | ETA {eta}"
        )

    def close(self) -> None:
        self.line.close()
