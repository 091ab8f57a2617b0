"""Evaluation as a library call: `evaluate` runs a rubric over a session through the engine
(tqrs.engine) and waits for it; `evaluate_offline` is the same with the offline judge. The
CLI and the workbench use the engine directly (progress bars, background jobs); these are for
scripts and tests; also the run's summary (printed by tqrs.commands.summary_text)."""

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor

from tqrs.embeddings import get_embedder
from tqrs.engine import execute, plan_run
from tqrs.judges import Judge
from tqrs.judges.offline import OfflineJudge
from tqrs.results import RunSummary
from tqrs.rubric import Rubric, load_rubric
from tqrs.store import Store
from tqrs.store import runs as db
from tqrs.store.sessions import get_session

DEFAULT_RUBRICS = ("incident_logging", "incident_handling")

OnProgress = Callable[[int, int], None]  # (finished, total)


def evaluate(
    store: Store,
    session_ref: str | int,
    rubric_name: str | Rubric,
    judge: Judge,
    *,
    limit: int | None = None,
    progress: OnProgress | None = None,
    workers: int = 1,
    concurrency: int = 1,
    embedder_factory=get_embedder,
) -> int:
    """Score a session's tickets (the first `limit` if given) against a rubric with `judge`;
    returns the run id. The run ends "completed", or "failed"/"cancelled" with the results
    committed so far (the error is raised). `progress(finished, total)` is called as
    results come in; `workers` > 1 grades an in-process judge in that many processes."""
    session = get_session(store, session_ref)
    rubric = rubric_name if isinstance(rubric_name, Rubric) else load_rubric(rubric_name)
    plan = plan_run(store, session.id, rubric, judge, limit=limit)
    _run_to_end(
        execute(
            store,
            plan,
            judge,
            concurrency=concurrency,
            workers=workers,
            on_progress=(lambda p: progress(p.finished, p.total)) if progress else None,
            embedder_factory=embedder_factory,
        )
    )
    return plan.run_id


def _run_to_end(coroutine: Coroutine):
    """The coroutine's result, from a loop of its own (in a thread of its own when this thread
    already runs a loop: Playwright's sync API, a notebook)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(1, thread_name_prefix="tqrs-evaluate") as pool:
        return pool.submit(asyncio.run, coroutine).result()


def evaluate_offline(
    store: Store,
    session_ref: str | int,
    rubric_name: str | Rubric,
    limit: int | None = None,
    progress: OnProgress | None = None,
    workers: int = 1,
    embedder_factory=get_embedder,
) -> int:
    """`evaluate` with the offline judge (rules and heuristics, no LLM).

    Knowledge notes are added when the knowledge base has documents (the session is embedded
    first) or the session is embedded already; otherwise no embedder is made. Raises
    ConfigError when the notes need an embedder that cannot load."""
    return evaluate(
        store,
        session_ref,
        rubric_name,
        OfflineJudge(),
        limit=limit,
        progress=progress,
        workers=workers,
        embedder_factory=embedder_factory,
    )


def run_summary(store: Store, run_id: int, top: int = 5) -> RunSummary:
    """Tickets, pass rate, mean percent, band counts and the most failed criteria of a run."""
    return db.run_summary(store, run_id, top)
