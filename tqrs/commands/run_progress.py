"""`tqrs evaluate` through the concurrent runner (LLM runs, and resumed runs of any judge):
an estimate line, a live progress bar on stderr, then the summary with tokens and cost."""

import asyncio
import sys
from dataclasses import replace

from tqrs.commands.live_line import LiveLine, bar
from tqrs.evaluate import KnowledgeOfflineJudge, render_summary, run_summary
from tqrs.judges.llm import LLMJudge
from tqrs.llm.settings import LLMSettings
from tqrs.rubric import Rubric
from tqrs.runner import Progress, RunPlan, execute, pending_tickets, plan_run
from tqrs.spending import capped_budget, spending
from tqrs.store import Store
from tqrs.store import runs as db_runs
from tqrs.store.sessions import get_session


def evaluate_with_runner(
    store: Store, args, out, rubric: Rubric, settings: LLMSettings, use_llm: bool
) -> int:
    """Plan (or resume), estimate, run with a progress bar, print the summary; returns the
    run id."""
    session = get_session(store, args.session)
    if args.resume is not None:
        use_llm = db_runs.get_run(store, args.resume).judge == "llm"
    judge = LLMJudge(settings, store=store) if use_llm else KnowledgeOfflineJudge(store, session.id)
    budget = args.budget
    if use_llm:  # the month's spending cap lowers the budget, or refuses the run
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
            f"resuming run {plan.run_id}: {len(plan.already_done):,} of "
            f"{plan.tickets_total:,} tickets already done",
            file=out,
        )
    if use_llm:
        estimate = judge.estimate(pending_tickets(store, plan), plan.rubric)
        print(
            f"{estimate.describe()} with {judge.model} ({judge.provider}), "
            f"{settings.concurrency} in parallel",
            file=out,
            flush=True,
        )
    bar = ProgressBar(sys.stderr)
    try:
        final = asyncio.run(
            execute(store, plan, judge, concurrency=settings.concurrency, on_progress=bar.update)
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
    if final.status in ("budget_stopped", "cancelled"):
        reason = "budget reached" if final.status == "budget_stopped" else "cancelled"
        print(
            f"{reason}: resume with `tqrs evaluate {plan.session_id} --resume {plan.run_id}`",
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
