"""Pull incidents from a ServiceNow instance into a session: `pull()` is what `tqrs pull` and the
Upload page call.

One pull is one instance and encoded query, into one session (tqrs.store.pulls). The first
pass brings every incident the query matches; pulled again, a pass brings only what was updated
on the instance since the last completed one began (sys_updated_on, less a margin), into the
same session: a changed ticket is updated in place and its earlier results are marked as made
on an earlier version. A pass that stopped (killed, cancelled, a network failure) resumes
after the last page it stored. Paging is by sys_id (see tqrs.servicenow.query for why).

Per page: the incidents (`sysparm_display_value=all`, only the fields TQRS reads), then their
work notes and comments from sys_journal_field, in batches of incident sys_ids, joined into
each record in ServiceNow's printed form as an XML unload's are (tqrs.journal.add_journals).
The records then go through the same RowBuffer as an export file's records (typing, warnings,
numbers met twice, the fields the source carries), and the page is committed in one
transaction with the pass's cursor and counts. Times are the instance's values (UTC), not the
display values (which are in the time zone of the user the credentials belong to); the raw
record keeps both."""

import asyncio
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import orjson

from tqrs.display import plural
from tqrs.errors import InputError, RemoteError, TqrsError
from tqrs.ingest import IngestReport
from tqrs.ingest.records import SessionBuilder
from tqrs.models import SourceFile
from tqrs.retry import RetryPolicy
from tqrs.servicenow.client import Page, ServiceNowClient
from tqrs.servicenow.credentials import Credentials, require, resolve_credentials
from tqrs.servicenow.query import check_query, normalise_instance
from tqrs.servicenow.records import (
    INCIDENT,
    MAX_PAGE,
    PAGE_SIZE,
    fetch_journals,
    field_value,
    incident_params,
    times_as_values,
    with_journals,
)
from tqrs.store import Store
from tqrs.store import pulls as db
from tqrs.store.sessions import count_tickets, given_name, new_session_id

SOURCE_FORMAT = "servicenow"
# A pass asks for what was updated since the previous one began, less this: a record written
# just before that instant but committed after the query ran is not missed.
SYNC_MARGIN = timedelta(minutes=10)
_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


@dataclass
class PullProgress:
    """Where a pull stands; a new object after every page (readers never see half of one)."""

    kind: str  # "full" (the first pass) or "changes" (a later one)
    session_id: int | None = None
    total: int | None = None  # incidents this pass will bring, as the instance counted them
    received: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    journal_entries: int = 0
    pages: int = 0
    requests: int = 0
    retries: int = 0
    elapsed: float = 0.0
    eta: float | None = None  # seconds, from this run's pace
    status: str = "running"  # running, completed, stopped

    def describe(self) -> str:
        """One line: counts and ETA (the CLI's bar and the page's progress text)."""
        total = f"/{self.total:,}" if self.total is not None else ""
        eta = f"{int(self.eta) // 60}:{int(self.eta) % 60:02d}" if self.eta is not None else "-"
        changes = f", {self.changed:,} changed" if self.kind == "changes" else ""
        return (
            f"{self.received:,}{total} incidents ({self.new:,} new{changes}) · "
            f"{self.journal_entries:,} journal entries · {self.pages:,} pages · "
            f"{self.retries:,} retries · ETA {eta}"
        )

    @property
    def share(self) -> float:
        if not self.total:
            return 1.0 if self.status == "completed" else 0.0
        return min(1.0, self.received / self.total)


@dataclass
class PullResult:
    report: IngestReport  # the session and this pass's source, as an upload reports them
    progress: PullProgress
    instance: str
    query: str
    since: str | None  # None for the first pass
    resumed: bool = False
    lines: list[str] = field(default_factory=list)  # what the pull says, for CLI and page
    waits: list[float] = field(default_factory=list)  # seconds waited before each retry


def pull(
    store: Store,
    instance: str,
    query: str,
    name: str | None = None,
    *,
    credentials: Credentials | None = None,
    page_size: int = PAGE_SIZE,
    policy: RetryPolicy | None = None,
    on_progress: Callable[[PullProgress], None] | None = None,
    cancel: threading.Event | None = None,
) -> PullResult:
    """Pull the incidents `query` matches on `instance` into a session: a new one the first
    time, the same one (only what changed since) after that; a pass that stopped is resumed.

    Args:
        name: the session's name when it is made (default: the host and the query).
        credentials: default: the environment's, else what the admin saved.
        cancel: set it to stop after the current page (the pass resumes on the next pull).
    Raises:
        InputError, ConfigError, RemoteError: the address, query or credentials are wrong, or
            the instance cannot be reached (what was stored before stays stored).
    """
    instance = normalise_instance(instance)
    query, dropped = check_query(query)
    name = given_name(name)
    if not 1 <= page_size <= MAX_PAGE:
        raise InputError(f"--page-size: between 1 and {MAX_PAGE:,}, got {page_size}")
    creds = require(credentials or resolve_credentials(db=store.path))
    job = _Pull(store, instance, query, name, creds, page_size, policy, on_progress, cancel)
    result = asyncio.run(job.run())
    if dropped:
        result.lines.insert(
            0, f"left out of the query: {'^'.join(dropped)} (the pull orders by sys_id)"
        )
    return result


def check_connection(store: Store, instance: str, credentials: Credentials | None = None) -> str:
    """Sign in and count the incidents the credentials may read: what "Test connection" says.

    Raises:
        ConfigError, RemoteError: as `pull` does.
    """
    instance = normalise_instance(instance)
    creds = require(credentials or resolve_credentials(db=store.path))

    async def count() -> Page:
        async with ServiceNowClient(instance, creds) as sn:
            return await sn.get(INCIDENT, {"sysparm_fields": "sys_id", "sysparm_limit": "1"})

    page = asyncio.run(count())
    seen = f"{page.total:,} incidents readable" if page.total is not None else "signed in"
    return f"{instance}: {seen}, with {creds.describe()}"


class _Pull:
    def __init__(self, store, instance, query, name, creds, page_size, policy, on_progress, cancel):
        self.store, self.instance, self.query = store, instance, query
        # the name as pull() took it (store.sessions.given_name: one line, None when blank)
        self.name = name or f"{instance.split('://', 1)[1]} · {query or 'all incidents'}"
        self.creds, self.page_size = creds, page_size
        self.policy = policy or RetryPolicy()
        self.on_progress, self.cancel = on_progress, cancel
        self.started = time.monotonic()
        self.total: int | None = None  # incidents in this pass, once the first page told

    async def run(self) -> PullResult:
        state = db.find_pull(self.store, self.instance, self.query)
        open_pass = state.open_pass if state else None
        if open_pass:
            since, after, position = open_pass.since, open_pass.cursor, open_pass.position
        elif state:
            since, after, position = _less_margin(state.synced_from), None, state.next_position
        else:
            since, after, position = None, None, 1
        self.session_id = state.session_id if state else None
        self.position, self.since = position, since
        kind = "full" if since is None else "changes"
        counts = {c: getattr(open_pass, c) if open_pass else 0 for c in db.COUNTS}
        self.received_before = counts["received"]
        self.progress = PullProgress(kind, self.session_id)
        self.source = (
            db.load_source(self.store, self.session_id, position) if open_pass else None
        ) or self._new_source(kind)
        self.builder = SessionBuilder()
        if self.session_id is not None:
            with self.store.transaction() as cur:
                self.builder.next_seq = db.next_seq(cur, self.session_id)
        result = PullResult(
            IngestReport(self.session_id or 0, state.session_name if state else self.name),
            self.progress,
            self.instance,
            self.query,
            since,
            resumed=open_pass is not None,
        )
        async with ServiceNowClient(self.instance, self.creds, self.policy) as sn:
            self.sn = sn
            try:
                instance_started = await self._passes(
                    state, open_pass, since, after, position, counts
                )
            except TqrsError as e:
                if counts["pages"]:
                    raise type(e)(
                        f"{e}; the {counts['pages']:,} pages stored so far are kept: pull "
                        "again to continue"
                    ) from None
                raise
        return self._result(result, state, open_pass, counts, instance_started)

    async def _passes(self, state, open_pass, since, after, position, counts) -> str | None:
        """Page through the pass; returns the instance time it began at when it completed,
        None when it was stopped."""
        instance_started = open_pass.instance_started if open_pass else None
        first = True
        while True:
            if self.cancel is not None and self.cancel.is_set():
                self._report(counts, "stopped")
                return None
            page = await self.sn.get(
                INCIDENT, incident_params(self.query, since, after, self.page_size)
            )
            if first:
                instance_started = instance_started or page.server_time or _utc_now()
                if open_pass is None and page.total is not None:
                    self.total = page.total
                else:
                    self.total = counts["received"] + (page.total or 0)
                first = False
            if not page.records:
                break
            if open_pass is None and counts["pages"] == 0:
                if state is None:
                    self._new_pull()
                self._begin_pass(instance_started)
            after = await self._store_page(page, counts)
            if len(page.records) < self.page_size:
                break
        if counts["pages"] == 0 and open_pass is None and state is None:
            what = f"the query {self.query!r}" if self.query else "the query (all incidents)"
            raise InputError(f"{self.instance}: {what} matches no incidents; nothing stored")
        return instance_started

    def _new_source(self, kind: str) -> SourceFile:
        host = self.instance.split("://", 1)[1]
        what = "first pull" if kind == "full" else "changes since the last pull"
        identity = f"{self.instance}\n{self.query}\n{self.position}"
        return SourceFile(
            position=self.position,
            name=f"{host}: {what}",
            sha256=hashlib.sha256(identity.encode()).hexdigest(),
            size_bytes=0,
            format=SOURCE_FORMAT,
            columns={},
        )

    def _new_pull(self) -> None:
        with new_session_id(self.store) as sid, self.store.transaction() as cur:
            self.session_id = db.create_pull(cur, sid, self.name, self.instance, self.query)
        self.progress.session_id = self.session_id

    def _begin_pass(self, instance_started: str) -> None:
        with self.store.transaction() as cur:
            db.begin_pass(
                cur, self.session_id, self.position, self.since, instance_started, self.total
            )

    async def _store_page(self, page: Page, counts: dict) -> str:
        """Journals, typing and one transaction for a page; returns its last sys_id."""
        ids = [field_value(r.get("sys_id")) for r in page.records]
        if not all(ids):
            raise RemoteError(
                f"{self.instance}: the instance sent an incident without its sys_id (do the "
                "user's ACLs hide the field?); nothing of this page was stored"
            )
        journals, journal_bytes = await fetch_journals(self.sn, ids)
        self.source.size_bytes += page.size + journal_bytes
        self.builder.begin_file()
        rows = self.builder.rows(self.source, typed_cells=False)
        changed: set[str] = set()
        with self.store.transaction() as cur:
            stored = db.stored_raw(cur, self.session_id, ids)
            for i, (rec, sys_id) in enumerate(zip(page.records, ids, strict=True)):
                full = with_journals(rec, journals.get(sys_id, []))
                if sys_id in stored:
                    if orjson.loads(stored[sys_id]) == full:
                        counts["unchanged"] += 1
                        continue
                    changed.add(sys_id)
                position = self.received_before + counts["received"] + i + 1
                rows.add(position, times_as_values(full), orjson.dumps(full), None)
            batch = rows.take()
            rows.finish()
            kept = set(batch.column("sys_id").to_pylist())
            counts["changed"] += len(changed & kept)
            counts["new_tickets"] += batch.num_rows - len(changed & kept)
            counts["received"] += len(page.records)
            counts["journal_entries"] += sum(len(journals.get(i, [])) for i in ids)
            counts["pages"] += 1
            self._describe(rows)
            db.write_rows(cur, self.session_id, batch, changed & kept)
            db.save_pass(cur, self.session_id, self.position, ids[-1], counts)
            if self.source.records:  # a page of unchanged tickets alone reads nothing
                db.save_source(cur, self.session_id, self.source)
        self._report(counts, "running")
        return ids[-1]

    def _describe(self, rows) -> None:
        """What the pass's source carries: the fields read and the columns not read, over all
        its pages; and its warnings count, as an ingest counts it."""
        self.source.columns = {**(self.source.columns or {}), **rows.columns}
        unmapped = [c for c in rows.unmapped() if c not in self.source.unmapped]
        self.source.unmapped = [*self.source.unmapped, *unmapped]
        self.source.warnings = len(
            {i.position for i in self.source.issues if i.outcome == "warning"}
        )

    def _report(self, counts: dict, status: str) -> None:
        elapsed = time.monotonic() - self.started
        done_here = counts["received"] - self.received_before
        total = self.total
        eta = None
        if status == "running" and total is not None and done_here:
            eta = max(0.0, elapsed / done_here * (total - counts["received"]))
        self.progress = replace(
            self.progress,
            session_id=self.session_id,
            total=total,
            received=counts["received"],
            new=counts["new_tickets"],
            changed=counts["changed"],
            unchanged=counts["unchanged"],
            journal_entries=counts["journal_entries"],
            pages=counts["pages"],
            requests=self.sn.attempts.requests,
            retries=len(self.sn.attempts.waits),
            elapsed=elapsed,
            eta=eta,
            status=status,
        )
        if self.on_progress is not None:
            self.on_progress(self.progress)

    def _result(self, result, state, open_pass, counts, instance_started) -> PullResult:
        stopped = instance_started is None
        if self.session_id is None:  # stopped before its first page: nothing was made
            result.progress = self.progress
            result.lines.append("stopped before the first page: nothing stored")
            return result
        if not stopped:
            with self.store.transaction() as cur:
                recorded = counts["pages"] > 0 or open_pass is not None
                db.finish_pass(
                    cur, self.session_id, self.position if recorded else None, instance_started
                )
            self._report(counts, "completed")
        final = db.get_pull(self.store, self.session_id)
        report = result.report
        report.session_id = self.session_id
        report.name = final.session_name
        report.ticket_count = self._ticket_count()
        if self.source.records:
            report.files = [self.source]
        result.progress = self.progress
        result.waits = list(self.sn.attempts.waits)
        result.lines += self._lines(state, open_pass, counts, stopped)
        return result

    def _ticket_count(self) -> int:
        with self.store.transaction() as cur:
            return count_tickets(cur, self.session_id)

    def _lines(self, state, open_pass, counts, stopped) -> list[str]:
        lines = []
        if open_pass is not None:
            lines.append(
                f"resumed the pass that stopped after {self.received_before:,} incidents "
                f"({open_pass.pages:,} pages kept)"
            )
        if self.progress.kind == "full":
            lines.append(
                f"pulled {counts['received']:,} incidents with {counts['journal_entries']:,} "
                f"journal entries: {plural(counts['new_tickets'], 'ticket')}"
            )
        else:
            since = self.since or (state.synced_from if state else "")
            lines.append(
                f"{plural(counts['changed'], 'ticket')} changed on the instance since the last pull "
                f"(updated since {since} UTC), {counts['new_tickets']:,} new, "
                f"{counts['unchanged']:,} unchanged"
            )
            if counts["changed"]:
                lines.append(
                    "the changed tickets keep their earlier results, overrides and reviews, "
                    "marked as made on an earlier version of the ticket; a new run on the "
                    "session grades them again"
                )
        requests, waits = self.sn.attempts.requests, len(self.sn.attempts.waits)
        lines.append(f"{counts['pages']:,} pages, {requests:,} requests, {waits:,} retries")
        if stopped:
            lines.append("stopped: the pages stored are kept; pull again to continue")
        return lines


def _less_margin(synced_from: str | None) -> str | None:
    if not synced_from:
        return None
    return (datetime.strptime(synced_from, _TIME_FORMAT) - SYNC_MARGIN).strftime(_TIME_FORMAT)


def _utc_now() -> str:
    return datetime.now(UTC).strftime(_TIME_FORMAT)
