"""The workbench's Home: what the database holds and the pass rate of every run."""

from dataclasses import dataclass

from tqrs.results import RunInfo
from tqrs.store import Store
from tqrs.store.figures import Figures
from tqrs.store.overview import overview
from tqrs.store.runs import get_run, list_runs
from tqrs.store.sessions import list_sessions
from tqrs.workbench import active_run_ids


@dataclass(slots=True, kw_only=True)
class RunPassRate(Figures):
    """A run and its figures in effect (overrides applied, tqrs.store.figures): its pass rate
    and mean score None when no ticket has a verdict (none scored, or every one too little
    to judge)."""

    run: RunInfo
    session_name: str


@dataclass
class HomeOverview:
    sessions: int  # ready to evaluate
    runs: int
    scored: int  # ticket results scored, over every run
    reviewed: int  # reviewed marks, over every run
    trend: list[RunPassRate]  # oldest run first


def home_overview(store: Store) -> HomeOverview:
    """The counts of Home and the figures of each run (a run with nothing judged, its pass
    rate and mean None)."""
    info = overview(store)
    runs = {r.id: r for r in list_runs(store)}
    names = {s.id: s.name for s in list_sessions(store)}
    trend = [
        RunPassRate(
            run=runs[t["run"]],
            session_name=names.get(runs[t["run"]].session_id, ""),
            **Figures.of(t).figures(),
        )
        for t in info["trend"]
    ]
    return HomeOverview(info["sessions"], info["runs"], info["scored"], info["reviewed"], trend)


def running_runs(store: Store) -> list[RunInfo]:
    """The runs this process is executing now."""
    return [get_run(store, run_id) for run_id in active_run_ids()]
