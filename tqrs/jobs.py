"""Runs as background jobs: a thread running the engine's asyncio loop, whose progress any
other thread can read and which any thread can cancel. The registry lives in the core, not in
a browser session, so a run goes on when the page that started it is left or closed."""

import asyncio
import threading

from tqrs.engine import Progress, RunPlan, execute
from tqrs.engine.batch import BatchOptions
from tqrs.store import Store


class RunHandle:
    """A run executing on its own thread."""

    def __init__(self, store: Store, plan: RunPlan, judge, concurrency: int, batch=None):
        self.run_id = plan.run_id
        self._progress = Progress(run_id=plan.run_id, total=plan.remaining)
        self._cancel = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._main,
            args=(store, plan, judge, concurrency, batch),
            name=f"tqrs-run-{plan.run_id}",
            daemon=True,
        )

    def _main(self, store, plan, judge, concurrency, batch) -> None:
        try:
            asyncio.run(
                execute(
                    store,
                    plan,
                    judge,
                    concurrency=concurrency,
                    cancel=self._cancel,
                    on_progress=self._set_progress,
                    batch=batch,
                )
            )
        except BaseException as e:  # kept for wait() to re-raise in the caller's thread
            self._error = e

    def _set_progress(self, progress: Progress) -> None:
        self._progress = progress  # one reference assignment: readers see a whole snapshot

    def progress(self) -> Progress:
        return self._progress

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> Progress:
        """The final progress; re-raises what stopped the run, if anything did."""
        self._thread.join(timeout)
        if self._error is not None:
            raise self._error
        return self._progress


class JobRegistry:
    """The runs started by this process, by run id."""

    def __init__(self):
        self._lock = threading.Lock()
        self._jobs: dict[int, RunHandle] = {}

    def start(self, store: Store, plan: RunPlan, judge, concurrency: int, batch=None) -> RunHandle:
        with self._lock:
            current = self._jobs.get(plan.run_id)
            if current is not None and current.running:
                return current
            handle = RunHandle(store, plan, judge, concurrency, batch)
            self._jobs[plan.run_id] = handle
        handle._thread.start()
        return handle

    def get(self, run_id: int) -> RunHandle | None:
        with self._lock:
            return self._jobs.get(run_id)

    def active(self) -> list[RunHandle]:
        with self._lock:
            return [h for h in self._jobs.values() if h.running]


JOBS = JobRegistry()


def start_run(
    store: Store, plan: RunPlan, judge, concurrency: int, batch: BatchOptions | None = None
) -> RunHandle:
    """Start `plan` in the background (process-wide registry); returns its handle. `batch`:
    how a batch run goes (tqrs.engine.batch)."""
    return JOBS.start(store, plan, judge, concurrency, batch)
