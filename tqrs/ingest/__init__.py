"""Ingestion: export files in, one session of typed tickets out, stored in one transaction.

`ingest_files` is what the CLI and the Upload page call. A file that cannot be read either
fails the whole ingest (nothing is stored) or, with on_error="skip", is reported and left out
while the others are kept.

Per file: the order of its dates is settled first (date_orders), then its records are typed
(records) and written in batches. Records that share a number are decided as they come
(duplicates); two records of one incident from two files are merged at the end, inside the same
transaction (merge)."""

import hashlib
import queue
import threading
from collections import deque
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from tqrs.display import DISPLAY_VALUES_NOTICE, plural
from tqrs.errors import InputError, StoreError
from tqrs.fields import FIELDS, REF, TIME, normalize_label
from tqrs.ingest.columns import no_number_column, number_column
from tqrs.ingest.date_orders import DateOrders, settle_date_orders
from tqrs.ingest.excel import iter_xlsx_records
from tqrs.ingest.formats import detect_format, sniff
from tqrs.ingest.json_export import iter_json_records
from tqrs.ingest.merge import merge_fields
from tqrs.ingest.pdf import iter_pdf_records
from tqrs.ingest.records import RowBuffer, SessionBuilder
from tqrs.ingest.tabular import detect_encoding, iter_csv_records
from tqrs.ingest.xml_unload import iter_xml_records
from tqrs.models import SourceFile
from tqrs.store import Store
from tqrs.store import sessions as db

BATCH = 5_000
MERGE_BATCH = 2_000
BATCH_BYTES = 64 << 20  # records of a few MB each: a batch is also cut by its raw size


@dataclass
class IngestReport:
    session_id: int
    name: str
    files: list[SourceFile] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    reused: bool = False
    ticket_count: int = 0


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(8 << 20):
            h.update(chunk)
    return h.hexdigest()


def ingest_files(
    store: Store,
    paths: list[str | Path],
    name: str | None = None,
    *,
    on_error: str = "raise",
    new: bool = False,
    display_names: list[str] | None = None,
    mapping: dict[str, str] | None = None,
) -> IngestReport:
    """Read every file into one new session.

    Args:
        name: the session's name (default: the first file's name and how many more, of the
            files kept).
        mapping: column label -> field name for columns the aliases do not know (or "" to
            leave a column unread), applied to every file; labels match case-, space- and
            punctuation-insensitively.
        on_error: "raise" stores nothing if any file fails; "skip" leaves failed files out and
            reports them in `failed`.
        new: make a new session even when exactly these files were ingested before (by
            default that session is returned with reused=True and nothing is stored, unless
            `name` is given and is not its name: a user who names the upload anew asks for a
            session of that name).
        display_names: names to report instead of the paths' (uploads saved to temp files).
    Raises:
        InputError: a file cannot be read (with on_error="raise"), no ticket was read, or a
            mapped column is in none of the files.
    """
    typed = {normalize_label(k): k.strip() for k in mapping or {}}  # for messages: as written
    mapping = {normalize_label(k): v for k, v in (mapping or {}).items()}
    name = db.given_name(name)  # blank is no name; one line, as listed; not a number alone
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("no files given")
    shown = display_names or [p.name for p in paths]
    for p, label in zip(paths, shown, strict=True):
        if p.is_dir():
            raise InputError(
                f"{label}: this is a folder, not a file; give the export files in it "
                f"(e.g. {label}/*.csv)"
            )
        if not p.is_file():
            raise InputError(f"{label}: no such file")
    shas = [file_sha256(p) for p in paths]
    notices: list[str] = []
    unique: list[int] = []
    for i, sha in enumerate(shas):
        if sha in [shas[j] for j in unique]:
            notices.append(f"{shown[i]}: same content as {shown[shas.index(sha)]}; read once")
        else:
            unique.append(i)
    previous = db.find_files_by_sha(store, [shas[i] for i in unique])
    renamed = None  # the name of a session of exactly these files, when another name is given
    if not new and not mapping and len(previous) == len(unique):
        common = set.intersection(*({sid for sid, _, _ in previous[shas[i]]} for i in unique))
        for sid in sorted(common, reverse=True):
            if db.session_file_shas(store, sid) == {shas[i] for i in unique}:
                session = db.get_session(store, sid)
                if name and name != session.name:  # asked for a session of another name
                    renamed = session.name
                    continue
                return IngestReport(
                    session.id,
                    session.name,
                    session.files,
                    notices=notices
                    + [
                        f"already ingested as session {sid} ({session.name!r}, "
                        f"{session.created_at:%Y-%m-%d %H:%M} UTC); nothing stored"
                    ],
                    reused=True,
                    ticket_count=session.ticket_count,
                )
    why = f" named {name!r}, as given (not {renamed!r})" if renamed is not None else ""
    for i in unique:
        for sid, sname, created in previous.get(shas[i], [])[-1:]:
            notices.append(
                f"{shown[i]} was ingested before, into session {sid} ({sname!r}, "
                f"{created:%Y-%m-%d %H:%M} UTC); read again into a new session{why}"
            )
    named = bool(name)
    name = name or _default_name([shown[i] for i in unique])
    builder = SessionBuilder()
    failed: dict[str, str] = {}
    with _SessionWriter(store, name) as writer:
        for n, i in enumerate(unique, 1):
            builder.begin_file()
            try:
                source = SourceFile(
                    position=n,
                    name=shown[i],
                    sha256=shas[i],
                    size_bytes=paths[i].stat().st_size,
                    format=detect_format(paths[i], shown[i]),
                )
                _read_file(writer, builder, paths[i], source, mapping)
            except InputError as e:
                if on_error != "skip":
                    raise
                builder.rollback_file()
                writer.drain()
                writer.call(db.delete_file_tickets, n)
                failed[shown[i]] = str(e)
                continue
            builder.files.append(source)
        writer.drain()  # a batch the store refused is its error, not "no tickets"
        if on_error != "skip":  # the Upload page offers only columns it found
            _check_mapping(mapping, builder.files, typed)
        writer.call(db.delete_tickets, builder.superseded_seqs)
        _merge(writer, builder)
        count = writer.call(db.count_tickets)
        if count == 0:
            reasons = "; ".join(failed.values()) or _why_nothing(builder.files)
            raise InputError(f"no tickets could be imported: {reasons}")
        for source in builder.files:
            source.warnings = len({i.position for i in source.issues if i.outcome == "warning"})
            writer.call(db.add_source_file, source)
        if failed and not named:  # named after the files it holds, not those left out
            name = _default_name([source.name for source in builder.files])
        writer.call(db.finish_session, count, name)
    return IngestReport(writer.session_id, name, builder.files, failed, notices, ticket_count=count)


def _default_name(labels: list[str]) -> str:
    """A session's name when none is given: its first file's, and how many more it holds."""
    return labels[0] if len(labels) == 1 else f"{labels[0]} and {len(labels) - 1} more"


class _Abandoned(Exception):
    """Ends the session's transaction without a commit."""


class _SessionWriter:
    """Writes one session in one transaction, on a thread of its own, so that DuckDB inserts
    while Python parses. Either the whole session is committed or nothing is."""

    def __init__(self, store: Store, name: str):
        self.store, self.name = store, name
        self.jobs: queue.Queue = queue.Queue(maxsize=1)
        self.pending: deque[queue.Queue] = deque()
        self.commit = False
        self.commit_error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="tqrs-ingest-writer", daemon=True)

    def __enter__(self):
        # the id is held until the transaction has ended (__exit__), committed or not
        self.held = ExitStack()
        self.session_id = self.held.enter_context(db.new_session_id(self.store))
        self.thread.start()
        try:
            self._call(lambda cur: db.create_session(cur, self.session_id, self.name))
        except BaseException as e:
            self.__exit__(type(e), e, e.__traceback__)
            raise
        return self

    def _run(self) -> None:
        try:
            with self.store.transaction(own_cursor=True) as cur:
                while (job := self.jobs.get()) is not None:
                    fn, done = job
                    try:
                        done.put((True, fn(cur)))
                    except BaseException as e:  # handed to the reading thread, raised there
                        done.put((False, e))
                if not self.commit:
                    raise _Abandoned
        except _Abandoned:  # rolled back: the reading thread failed, and raises its own error
            pass
        except BaseException as e:
            self.commit_error = e

    def _submit(self, fn) -> queue.Queue:
        done: queue.Queue = queue.Queue(maxsize=1)
        self.jobs.put((fn, done))
        return done

    def _call(self, fn):
        ok, value = self._submit(fn).get()
        if not ok:
            raise value
        return value

    def call(self, fn, *args):
        """fn(cursor, session_id, *args) inside the session's transaction; its result."""
        return self._call(lambda cur: fn(cur, self.session_id, *args))

    def put(self, batch) -> None:
        """Insert a batch of ticket rows without waiting for it."""
        self._check(block=False)
        self.pending.append(
            self._submit(lambda cur: db.insert_tickets(cur, self.session_id, batch))
        )

    def drain(self) -> None:
        """Wait until every batch handed over is inserted."""
        self._check(block=True)

    def _check(self, block: bool) -> None:
        while self.pending and (block or not self.pending[0].empty()):
            ok, value = self.pending.popleft().get()
            if not ok:
                raise StoreError(f"writing tickets failed: {value}") from value

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self._check(block=True)
                self.commit = True
        finally:
            self.jobs.put(None)
            self.thread.join()
            self.held.close()
        if self.commit_error is not None:
            raise StoreError(
                f"saving the session failed: {self.commit_error}"
            ) from self.commit_error
        return False


def _why_nothing(files: list[SourceFile]) -> str:
    parts = []
    for f in files:
        first = next((i for i in f.issues if i.outcome == "rejected"), None)
        detail = f" (first: {first.where(f.format)}: {first.message})" if first else ""
        which = (
            "its only record was" if f.records == 1 else f"all {plural(f.records, 'record')} were"
        )
        parts.append(f"{f.name}: {which} rejected{detail}")
    return "; ".join(parts)


def _read_file(
    writer: "_SessionWriter",
    builder: SessionBuilder,
    path: Path,
    source: SourceFile,
    mapping: dict[str, str],
) -> None:
    label = source.name
    said: list[str] = []  # what the reader says of the file as a whole
    try:
        typed_cells, open_records = _records_of(path, source, mapping)
        if source.format in ("pdf", "xml"):
            # The PDF reader writes its dates as ISO already; an XML unload holds ServiceNow's
            # own ISO values (and scanning it first would parse and join it twice).
            orders = DateOrders()
        else:
            scan = open_records([])
            try:
                orders = settle_date_orders(scan, mapping)
            finally:
                scan.close()
        source.notices += orders.notices(label)
        rows = builder.rows(source, typed_cells, mapping, orders.orders)
        buffered = 0
        for position, rec, raw, line in open_records(said):
            rows.add(position, rec, raw, line)
            buffered += len(raw)
            if len(rows) >= BATCH or buffered >= BATCH_BYTES:
                writer.put(rows.take())
                buffered = 0
        if len(rows):
            writer.put(rows.take())
        rows.finish()
        source.notices += [f"{label}: {notice}" for notice in said]
    except InputError as e:
        if path.name != label:
            raise InputError(str(e).replace(path.name, label, 1)) from None
        raise
    except OSError as e:
        raise InputError(f"{label}: cannot be read ({e.strerror or e})") from None
    if source.records == 0:
        raise InputError(f"{label}: the export holds no records")
    _describe(writer, rows, source)


def _records_of(path: Path, source: SourceFile, mapping: dict[str, str]):
    """(typed_cells, a function that opens the file's records as (position, record, raw
    bytes, line) tuples, given a list for what the reader says of the file) for its format."""
    if source.format == "json":
        return False, lambda said: iter_json_records(path)
    if source.format == "pdf":
        return True, lambda said: iter_pdf_records(path)
    if source.format == "xml":
        return True, lambda said: iter_xml_records(path, said)
    if source.format == "csv":
        _check_is_text(path, source.name)
        encoding, notice = detect_encoding(path)
        source.encoding = {"utf-8-sig": "UTF-8", "cp1252": "Windows-1252"}.get(encoding, encoding)
        if encoding.startswith("utf-16"):
            source.encoding = "UTF-16"
        if notice:
            source.notices.append(f"{source.name}: {notice}")

        def numbered(header: list[str]) -> None:
            # as every sheet of a workbook: a CSV of another system is refused naming its
            # columns, not read as rows that each lack a number
            if number_column(header, mapping) is None:
                raise no_number_column(path.name, {"": header})

        return True, lambda said: _with_raw(iter_csv_records(path, encoding, numbered))
    return True, lambda said: _with_raw(iter_xlsx_records(path, said, mapping))


def _with_raw(records):
    """Cells keyed by column, with the record's JSON as its raw form."""
    try:
        for position, rec, line in records:
            yield position, rec, orjson.dumps(rec), line
    finally:
        records.close()


def _describe(writer: "_SessionWriter", rows: RowBuffer, source: SourceFile) -> None:
    """What the file carries (its fields and the columns not read), and the notices about it:
    snapshots collapsed, display values and their time zone, references that are sys_ids."""
    label = source.name
    source.columns = dict(rows.columns)
    source.unmapped = [] if source.format == "pdf" else rows.unmapped()
    if rows.snapshot_numbers:
        collapsed = rows.snapshots
        source.notices.append(
            f"{label}: {plural(collapsed, 'row was an', 'rows were')} earlier update "
            f"{'snapshot' if collapsed == 1 else 'snapshots'} of "
            f"{plural(len(rows.snapshot_numbers), 'incident')} (one row per update, as an event log "
            "writes them): each incident is kept once, in its latest state"
        )
    source.notices += number_notices(label, rows.number_columns, rows.mapping)
    for other, (replaced, left_out) in rows.repeated.items():
        kept = [f"{left_out:,} of {label} dropped"] if left_out else []
        if replaced:
            kept.append(
                f"{replaced:,} of {other} replaced by this file's record, with more fields filled "
                "or updated later"
            )
        source.notices.append(
            f"{label}: {plural(replaced + left_out, 'record')} with an incident number already "
            f"read from {other}, with another opened time and no sys_id to tell them apart: "
            f"each number is one incident, counted once ({', '.join(kept)}) so that pass rates and "
            "agent profiles do not count it twice; to score both, ingest the files as separate "
            "sessions"
        )
    has_dates = any(FIELDS[n][0] == TIME for n in source.columns)
    if rows.display_example and has_dates and source.format != "pdf":
        source.notices.append(
            f"{label}: {DISPLAY_VALUES_NOTICE}{rows.display_example}): ServiceNow writes the dates of "
            "such an export in the time zone of the user who exported it, not in UTC; they are "
            "stored as written (an explicit offset such as +05:00 is applied)"
        )
    refs = [n for n in source.columns if FIELDS[n][0] == REF]
    if refs:
        shapes = writer.call(db.reference_shapes, source.position, refs)
        only_ids = [n for n, (filled, ids) in shapes.items() if filled and filled == ids]
        if only_ids:
            source.notices.append(
                f"{label}: {', '.join(only_ids)} hold sys_ids, not names (a raw export); "
                "they are shown as 'sys_id 681b…'. An export with display values "
                "(sysparm_display_value=true, or the list's export) gives the names"
            )


def number_notices(label: str, pairs: dict[tuple, list[int]], mapping: dict[str, str]) -> list[str]:
    """Which of two columns that could hold the number was read, why, and on how many rows
    they differ: (column read, other column) -> [records with both, records where both are
    filled and differ, records where only the other is filled]."""
    said = []
    for (read, other), (records, differ, only_other) in pairs.items():
        if normalize_label(str(read)) in mapping:
            why = "your mapping names it"
        elif normalize_label(str(read)) == normalize_label(str(other)):
            why = "the leftmost of columns of the same name"
        else:
            why = f"{read!r} comes before {other!r} among the names of the number"
        same = (
            f"they hold different values on {differ:,} of {plural(records, 'row')}"
            if differ
            else f"no row holds two different numbers in them ({plural(records, 'row')} read)"
        )
        if only_other:
            same += f"; {other!r} alone holds one on {plural(only_other, 'row')}"
        said.append(
            f"{label}: the number is read from column {read!r}, not from {other!r}, which "
            f"could hold it too ({why}); {same}"
        )
    return said


def _check_mapping(
    mapping: dict[str, str], files: list[SourceFile], typed: dict[str, str] | None = None
) -> None:
    """A --map column must be in at least one file read (else it is a typo), named as the user
    wrote it (`typed`: normalised label -> the column as given)."""
    if not mapping or not files:
        return
    seen = {normalize_label(c) for f in files for c in (*f.columns.values(), *f.unmapped)}
    missing = [c for c in mapping if c not in seen]
    if missing:
        columns = ", ".join(
            dict.fromkeys(c for f in files for c in (*f.columns.values(), *f.unmapped))
        )
        column = (typed or {}).get(missing[0], missing[0])
        raise InputError(f"--map: no file has a column {column!r} (columns found: {columns})")


def _merge(writer: "_SessionWriter", builder: SessionBuilder) -> None:
    """Merge each record of an incident met again in a later file into the ticket kept for it
    (the richer value of each field), and drop its own row."""
    files = {f.position: f for f in builder.files}
    for start in range(0, len(builder.merges), MERGE_BATCH):
        pairs = builder.merges[start : start + MERGE_BATCH]
        found = writer.call(db.ticket_fields, [s for p in pairs for s in p[:2]])
        changed: dict[int, dict] = {}
        dropped: list[int] = []
        for kept_seq, other_seq, file_position, position in pairs:
            source = files[file_position]
            kept, other = changed.get(kept_seq) or found.get(kept_seq), found.get(other_seq)
            if kept is None or other is None:  # the kept one was superseded: this one stays
                source.merged, source.imported = source.merged - 1, source.imported + 1
                continue
            changes, taken = merge_fields(kept, other)
            kept = {**kept, **changes}
            took = f": took {', '.join(taken)} from it" if taken else ""
            kept["notes"] = [
                *kept["notes"],
                f"merged with record {position} of {source.name}{took}",
            ]
            changed[kept_seq] = kept
            dropped.append(other_seq)
        writer.call(db.replace_ticket_fields, list(changed.values()))
        writer.call(db.delete_tickets, dropped)


def _check_is_text(path: Path, label: str) -> None:
    """A file named .csv (or .txt, .tsv) that is something else is refused by what it is."""
    with open(path, "rb") as f:
        head = f.read(4096)
    fmt, what = sniff(head)
    if fmt == "csv":
        return
    advice = {"xlsx": "; name it .xlsx", "xml": "; name it .xml", "pdf": "; name it .pdf"}
    raise InputError(f"{label}: this is {what}, not a CSV export{advice.get(fmt, '')}")
