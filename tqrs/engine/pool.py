"""Worker processes for an in-process judge (`tqrs evaluate --workers N`). The rules and
heuristics are pure Python, so threads do not help; worker processes each grade batches of
ticket rows and send back the rows to store (plain tuples, cheaper to pickle than models).
The engine reads and writes DuckDB: worker processes never open the database.

Workers are spawned, not forked: the parent holds DuckDB's threads and, under the workbench,
Streamlit's, and forking a threaded process can deadlock."""

import asyncio
import atexit
import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def _init_worker() -> None:
    # A worker only grades: collect cycles rarely (the default thresholds cost a fifth of the
    # time in short-lived result objects) and never rescan what the imports left behind.
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    # A worker has nothing to flush at exit; skipping interpreter teardown also skips the
    # duckdb bindings' spurious "nanobind: leaked ..." report on stderr.
    atexit.register(os._exit, 0)


class WorkerPool:
    """`workers` spawned processes; `submit` returns an awaitable of the function's result.
    Leaving the block cancels what has not started and waits for the rest."""

    def __init__(self, workers: int):
        self._pool = ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker
        )

    def submit(self, func, *args) -> asyncio.Future:
        return asyncio.wrap_future(self._pool.submit(func, *args))

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
