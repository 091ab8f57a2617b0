"""Offline scoring on several cores. The rules and heuristics are pure Python, so threads do
not help; worker processes each score batches of ticket rows and send back the rows to store
(plain tuples, cheaper to pickle than models). The parent reads and writes DuckDB: worker
processes never open the database.

Workers are spawned, not forked: the parent holds DuckDB's threads and, under the workbench,
Streamlit's, and forking a threaded process can deadlock."""

import atexit
import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache

from tqrs.rubric import Rubric
from tqrs.store import runs as db
from tqrs.store.sessions import ticket_from_row


@lru_cache(maxsize=4)
def _rubric(rubric_json: str) -> Rubric:
    return Rubric.model_validate_json(rubric_json)


def _init_worker() -> None:
    # A worker only scores: collect cycles rarely (the default thresholds cost a fifth of the
    # time in short-lived result objects) and never rescan what the imports left behind.
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    # A worker has nothing to flush at exit; skipping interpreter teardown also skips the
    # duckdb bindings' spurious "nanobind: leaked ..." report on stderr.
    atexit.register(os._exit, 0)


def score_batch(
    rubric_json: str, run_id: int, rows: list[tuple], evidence: dict | None = None
) -> db.ScoreRows:
    """Score one batch of ticket rows in a worker; returns the rows to store."""
    from tqrs.evaluate import score_offline  # evaluate imports this module

    tickets = map(ticket_from_row, rows)
    return db.score_rows(run_id, score_offline(tickets, _rubric(rubric_json), evidence))


def score_in_processes(
    batches: Iterable[list[tuple]], rubric: Rubric, run_id: int, workers: int, knowledge=None
) -> Iterator[db.ScoreRows]:
    """Rows to store for each batch, in order, scored by `workers` processes with at most
    two batches per worker in flight. Knowledge evidence (a KnowledgeEvidence) is looked up
    here, in the parent, which alone reads DuckDB."""
    rubric_json = rubric.model_dump_json()
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker
    )
    pending: deque[Future] = deque()
    try:
        for rows in batches:
            evidence = (
                knowledge.for_tickets([ticket_from_row(r) for r in rows])
                if knowledge is not None
                else None
            )
            pending.append(pool.submit(score_batch, rubric_json, run_id, rows, evidence))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
