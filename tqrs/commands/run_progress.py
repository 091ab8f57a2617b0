"""`tqrs evaluate` through the engine, whatever the judge: an estimate line, a live progress
bar on stderr, then the summary (with tokens and cost when the run sent requests)."""

import asyncio
import sys
from dataclasses import replace

from tqrs.commands.live_line import LiveLine, bar
from tqrs.engine import Progress, RunPlan, execute, pending_tickets, plan_run
from tqrs.evaluate import render_summary, run_summary
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
    if args.resume is not None:
        offline = db_runs.get_run(store, args.resume).judge == OfflineJudge.name
    judge = make_judge(store, settings, offline)
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
        store, session.id, rubric, judge, limit=args.limit, budget=budget, resume=args.resume
    )
    if args.resume is not None:
        print(
            f"resuming run {plan.run_id}: {plan.done:,} of "
            f"{plan.tickets_total:,} tickets already done",
            file=out,
        )
    if plan.rubric.llm_criteria:
        estimate = judge.estimate(pending_tickets(store, plan), plan.rubric, plan.remaining)
        sent = (
            ""
            if estimate.local
            else f" with {judge.model} ({judge.provider}), {settings.concurrency} in parallel"
        )
        print(f"{estimate.describe()}{sent}", file=out, flush=True)
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
            )
        )
    except KeyboardInterrupt:  # the run is recorded as cancelled; say how to resume
        bar.close()
        if bar.last is not None:
            print_result(store, plan, replace(bar.last, status="cancelled"), out)
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
        f"this session: {final.finished:,} tickets in {final.elapsed:.1f}s, "
        f"{final.requests:,} requests, {final.cached:,} from the cache, tokens "
        f"{final.tokens_in:,} in / {final.tokens_out:,} out, cost ${final.cost:.4f}",
        file=out,
    )
    print(
        f"run total: tokens {run.tokens_in:,} in / {run.tokens_out:,} out, cost ${run.cost:.4f}",
        file=out,
    )


class ProgressBar:
    """The run's progress as a live line: bar, counts, tokens, cost and ETA."""

    def __init__(self, stream, interval: float | None = None):
        self.line = LiveLine(stream, interval)
        self.last: Progress | None = None

    def update(self, p: Progress) -> None:
        self.last = p
        share = p.finished / p.total if p.total else 1.0
        eta = f"{int(p.eta) // 60}:{int(p.eta) % 60:02d}" if p.eta is not None else "-"
        self.line.show(
            f"{bar(share)} {p.finished:,}/{p.total:,} "
            f"done {p.done:,} failed {p.failed:,} in flight {p.in_flight} | tokens "
            f"{p.tokens_in + p.tokens_out:,} | ${p.cost:.4f} | ETA {eta}"
        )

    def close(self) -> None:
        self.line.close()
