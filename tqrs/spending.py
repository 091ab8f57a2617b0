"""The monthly spending cap on LLM runs.

The admin sets a cap in USD per calendar month (UTC) on the Settings page or with
`TQRS_MONTHLY_BUDGET`; none means no cap. What the month has cost is read from the stored
results (each ticket's cost, committed as it finishes, so runs going on right now count too).
`capped_budget` turns the cap into the budget a run is given, the one the runner already stops
at (`--budget`, RunPlan.budget): every LLM run, from the CLI or the workbench, new or resumed,
asks it first. A run that would exceed the month's allowance is stopped at it; when nothing is
left, the run is refused.

Not covered: the Agents page's LLM coaching summaries (no run, no result rows)."""

from dataclasses import dataclass
from datetime import UTC, datetime

from tqrs.errors import BudgetError
from tqrs.llm.settings import LLMSettings
from tqrs.store import Store
from tqrs.store.runs import cost_since


@dataclass(frozen=True)
class Spending:
    cap: float | None  # USD a month; None: no cap
    spent: float  # this month so far
    month: datetime  # the first instant of the month (UTC)

    @property
    def remaining(self) -> float | None:
        return None if self.cap is None else max(0.0, self.cap - self.spent)

    def describe(self) -> str:
        if self.cap is None:
            return f"${self.spent:,.2f} spent on LLM runs since {self.month:%Y-%m-%d} (no cap)"
        return (
            f"monthly cap ${self.cap:,.2f}: ${self.spent:,.2f} spent since "
            f"{self.month:%Y-%m-%d}, ${self.remaining:,.2f} left"
        )


def spending(store: Store, settings: LLMSettings, now: datetime | None = None) -> Spending:
    """The cap in effect and what this calendar month (UTC) has cost so far."""
    now = now or datetime.now(UTC)
    month = now.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    month = month.replace(tzinfo=None)  # stored timestamps are naive UTC
    cap = settings.monthly_budget or None  # 0 in the Settings page means no cap
    return Spending(cap, cost_since(store, month), month)


def capped_budget(
    store: Store,
    settings: LLMSettings,
    budget: float | None = None,
    run_cost: float = 0.0,
    now: datetime | None = None,
) -> float | None:
    """The budget to give an LLM run (what RunPlan.budget holds: the run's total, including
    `run_cost`, what a resumed run has cost already): the run's own `budget`, lowered so that
    the run stops when the month's cap is reached.

    Raises:
        BudgetError: the month's cap is reached: nothing left for the run.
    """
    s = spending(store, settings, now)
    if s.remaining is None:
        return budget
    if s.remaining <= 0:
        raise BudgetError(
            f"the monthly spending cap of ${s.cap:,.2f} is reached (${s.spent:,.2f} spent "
            f"since {s.month:%Y-%m-%d}): the LLM run is refused. Raise the cap (Settings, "
            "TQRS_MONTHLY_BUDGET) or use the offline judge"
        )
    allowed = run_cost + s.remaining
    return allowed if budget is None else min(budget, allowed)
