"""Pulls as background jobs for the workbench: a thread running `pull`, whose progress any thread
can read and which any thread can stop. The registry lives in the core, not in a browser
session, so a pull goes on when the page that started it is left or closed; one pull of the
same instance and query runs at a time."""

import logging
import threading

from tqrs.errors import TqrsError
from tqrs.servicenow.credentials import require, resolve_credentials
from tqrs.servicenow.pull import PullProgress, PullResult, pull
from tqrs.servicenow.query import check_query, normalise_instance
from tqrs.store import Store
from tqrs.store.pulls import PullState, list_pulls
from tqrs.store.sessions import given_name

log = logging.getLogger(__name__)


class PullJob:
    """One pull on its own thread."""

    def __init__(self, store: Store, instance: str, query: str, name: str | None):
        self.key = job_key(instance, query)
        self.progress = PullProgress("full")
        self.result: PullResult | None = None
        self.error: BaseException | None = None
        self._cancel = threading.Event()
        self._thread = threading.Thread(
            target=self._main, args=(store, instance, query, name), name="tqrs-pull", daemon=True
        )

    def _main(self, store: Store, instance: str, query: str, name: str | None) -> None:
        try:
            self.result = pull(
                store, instance, query, name, on_progress=self._set, cancel=self._cancel
            )
            self.progress = self.result.progress
        except TqrsError as e:
            self.error = e
        except Exception as e:  # kept for the page to say; the traceback goes to the log
            log.exception("the pull from %s failed", instance)
            self.error = e

    def _set(self, progress: PullProgress) -> None:
        self.progress = progress  # one reference assignment: readers see a whole snapshot

    def cancel(self) -> None:
        """Stop after the page being stored (the pull resumes from there next time)."""
        self._cancel.set()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)


def job_key(instance: str, query: str) -> tuple[str, str]:
    """The instance and query as a pull stores them (tqrs.store.pulls): one job for each.

    Raises:
        InputError: the address or the query is wrong.
    """
    return normalise_instance(instance), check_query(query)[0]


_lock = threading.Lock()
_jobs: dict[tuple[str, str], PullJob] = {}


def start_pull(store: Store, instance: str, query: str, name: str | None = None) -> PullJob:
    """Start pulling in the background (or return the pull of this instance and query that
    is running already).

    Raises:
        InputError, ConfigError: the address, query or name is wrong, or no credentials are set:
            said at once, before anything starts.
    """
    key = job_key(instance, query)
    given_name(name)  # a number alone is refused now, not in the background
    require(resolve_credentials(db=store.path))
    with _lock:
        job = _jobs.get(key)
        if job is not None and job.running:
            return job
        job = _jobs[key] = PullJob(store, key[0], query, name)
    job._thread.start()
    return job


def get_pull_job(key: tuple[str, str]) -> PullJob | None:
    with _lock:
        return _jobs.get(key)


def active_pulls() -> list[PullJob]:
    with _lock:
        return [j for j in _jobs.values() if j.running]


def unfinished_pulls(store: Store) -> list[PullState]:
    """The pulls that stopped before the end of a pass and are not running now."""
    running = {j.key[0] for j in active_pulls()}
    return [p for p in list_pulls(store) if p.open_pass is not None and p.instance not in running]
