"""The engine's writer: commits finished results from one thread of its own.

Everything finished since the last commit goes in one transaction with its LLM cache entries
and provider exchanges (group commit: a DuckDB commit costs ~10 ms of CPU whatever its size;
per ticket that was a third of an LLM run's CPU), at most every COMMIT_INTERVAL (an in-process
judge's run: IN_PROCESS_COMMIT_INTERVAL). A run killed at any moment loses at most what was
not committed yet, and resumes by grading exactly the tickets without a committed result.

Memory is bounded whatever the judge: `room()` makes the run wait while more than
`max_pending` tickets are waiting to be written (an in-process judge grades far faster than
DuckDB stores), and the graders hand over rows, not models."""

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import duckdb

from tqrs.errors import StoreError
from tqrs.llm.call import Exchange
from tqrs.store import Store
from tqrs.store import runs as db_runs
from tqrs.store.llm_cache import CacheEntry, put_cached
from tqrs.store.llm_exchanges import write_exchanges

COMMIT_INTERVAL = 0.25  # seconds between commits, at most
# An in-process judge's run commits less often: its commits were an eighth of an offline
# run's CPU (~10 ms each, whatever their size), and a kill loses at most a second of grading
# that costs nothing to redo (an LLM run's answers cost money: they go in every 0.25 s).
IN_PROCESS_COMMIT_INTERVAL = 1.0
MAX_PENDING = 5000  # tickets waiting to be written before the run waits for the writer


class Writer:
    def __init__(
        self,
        store: Store,
        run_id: int,
        max_pending: int = MAX_PENDING,
        interval: float = COMMIT_INTERVAL,
    ):
        self.store, self.run_id, self.max_pending = store, run_id, max_pending
        self.interval = interval  # seconds between commits, at most
        self._tickets: list[tuple] = []
        self._criteria: list[tuple] = []
        self._cache: list[CacheEntry] = []
        self._exchanges: list[Exchange] = []
        self.wake = asyncio.Event()
        self.drained = asyncio.Event()
        self.close_requested = asyncio.Event()
        self.closing = False
        self.task: asyncio.Future | None = None
        self.committed = 0  # tickets stored by this writer
        self.committing = False
        self.executor = ThreadPoolExecutor(1, thread_name_prefix=f"tqrs-writer-{run_id}")

    def start(self) -> asyncio.Future:
        self.task = asyncio.ensure_future(self._run())
        return self.task

    def add(
        self,
        rows: db_runs.ScoreRows,
        cache_entries: list[CacheEntry] | None = None,
    ) -> None:
        """Queue one or more tickets' rows (tqrs.store.runs.score_rows) for the next commit."""
        tickets, criteria = rows
        self._tickets += tickets
        self._criteria += criteria
        if cache_entries:
            self._cache += cache_entries
        self.drained.clear()
        self.wake.set()

    def add_exchange(self, exchange: Exchange) -> None:
        """Queue an exchange with the provider (the run's EXCHANGE_SINK)."""
        self._exchanges.append(exchange)

    async def room(self) -> None:
        """Wait while more than `max_pending` tickets wait to be written."""
        while len(self._tickets) > self.max_pending and not self.failed:
            waiter = asyncio.ensure_future(self.drained.wait())
            await asyncio.wait([waiter, self.task], return_when=asyncio.FIRST_COMPLETED)
            waiter.cancel()

    @property
    def failed(self) -> bool:
        """The writer stopped on an error (results can no longer be stored)."""
        return self.task is not None and self.task.done() and not self.closing

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while not (self.closing and not self._tickets and not self._exchanges):
            await self.wake.wait()
            self.wake.clear()
            batch = self._tickets, self._criteria, self._cache, self._exchanges
            self._tickets, self._criteria, self._cache, self._exchanges = [], [], [], []
            self.drained.set()
            started = time.monotonic()
            if batch[0] or batch[3]:
                self.committing = True
                try:
                    await loop.run_in_executor(self.executor, self._commit, *batch)
                finally:
                    self.committing = False
                self.committed += len(batch[0])
            delay = self.interval - (time.monotonic() - started)
            if delay > 0 and not self.closing:
                try:  # gather more results, unless the run is closing
                    await asyncio.wait_for(self.close_requested.wait(), delay)
                except TimeoutError:
                    pass

    async def close(self) -> str | None:
        """Commit what is pending and stop; returns why results could not be stored, if so."""
        self.closing = True
        self.close_requested.set()
        self.wake.set()
        try:
            await self.task
        except StoreError as e:  # the store's own message (a full disk), written for the user
            return str(e)
        except duckdb.Error as e:
            return f"results could not be stored: {e}"
        finally:
            self.executor.shutdown(wait=True)
        return None

    async def flush(self) -> None:
        """Wait until everything queued so far is committed (or the writer failed)."""
        while (self._tickets or self._exchanges or self.committing) and not self.failed:
            self.wake.set()
            await asyncio.sleep(0.01)

    def _commit(self, tickets, criteria, cache, exchanges) -> None:
        with self.store.memory_lock, self.store.transaction() as cur:
            commit_results(cur, self.run_id, (tickets, criteria), cache, exchanges)


def commit_results(
    cur: duckdb.DuckDBPyConnection,
    run_id: int,
    rows: db_runs.ScoreRows,
    cache: list[CacheEntry],
    exchanges: list[Exchange],
) -> None:
    """Finished tickets' results with their cache entries and provider exchanges, in the
    caller's transaction: what every run commits (this writer, the Batch API runner)."""
    db_runs.write_score_rows(cur, rows)
    put_cached(cur, cache)
    write_exchanges(cur, exchanges, run_id)
