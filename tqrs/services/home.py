"""The workbench's Home: what the database holds and the pass rate of every run."""

from dataclasses import dataclass

from tqrs.results import RunInfo
from tqrs.store import Store
from tqrs.store.overview import overview
from tqrs.store.runs import get_run, list_runs
from tqrs.store.sessions import list_sessions
from tqrs.workbench import active_run_ids


@dataclass
class RunPassRate:
    """A run with tickets scored: its pass rate in effect (overrides applied); None when no
    ticket has a verdict (every one too little to judge)."""

    run: RunInfo
    session_name: str
    scored: int
    pass_rate: float | None


@dataclass
class HomeOverview:
    sessions: int  # ready to evaluate
    runs: int
    scored: int  # ticket results scored, over every run
    reviewed: int  # reviewed marks, over every run
    trend: list[RunPassRate]  # oldest run first


def home_overview(store: Store) -> HomeOverview:
    """The counts of Home and the pass rate of each run that has scored tickets (a run
    with nothing judged among them, its pass rate None)."""
    info = overview(store)
    runs = {r.id: r for r in list_runs(store)}
    names = {s.id: s.name for s in list_sessions(store)}
    trend = [
        RunPassRate(
            runs[t["run"]], names.get(runs[t["run"]].session_id, ""), t["scored"], t["pass_rate"]
        )
        for t in info["trend"]
    ]
    return HomeOverview(info["sessions"], info["runs"], info["scored"], info["reviewed"], trend)


def running_runs(store: Store) -> list[RunInfo]:
    """The runs this process is executing now."""
    return [get_run(store, run_id) for run_id in active_run_ids()]
