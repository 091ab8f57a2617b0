"""The evaluation engine: one way through for every run, whatever the judge and whoever
starts it (`tqrs evaluate`, the workbench's background jobs, `--resume`).

    plan = plan_run(store, session_id, rubric, judge)        # a new run, or resume=RUN
    progress = await execute(store, plan, judge, concurrency=8)

For each ticket: the rules (sure verdicts), the judge for the rubric's llm criteria (an
in-process judge in batches, a remote one per ticket under the concurrency bound), the
knowledge notes when the judge asks for them, the score; results are committed as they
finish, with bounded memory (tqrs.engine.run, tqrs.engine.writer)."""

from tqrs.engine.plan import RunPlan, pending_rows, pending_tickets, plan_run, what_is_asked
from tqrs.engine.run import Progress, execute

__all__ = [
    "Progress",
    "RunPlan",
    "execute",
    "pending_rows",
    "pending_tickets",
    "plan_run",
    "what_is_asked",
]
