"""Queries for sessions, their source files and their tickets."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import duckdb
import orjson
import pyarrow as pa

from tqrs.display import one_line
from tqrs.errors import InputError, NotFoundError
from tqrs.fields import FIELDS
from tqrs.models import RecordIssue, SessionInfo, SourceFile, Ticket, trusted
from tqrs.store.base import Store, resource_error

# A ticket's row as ingestion writes it (tqrs.ingest.records.RowBuffer builds its columns
# from this), then as read back with what the store adds.
INSERT_COLUMNS = (
    "seq",
    "file_position",
    "record_position",
    *FIELDS,
    "work_note_count",
    "comment_count",
    "truncated",
    "notes",
    "raw",
)
TICKET_COLUMNS = ("id", "session_id", *INSERT_COLUMNS, "version")


def typed(column: str, table: str = "") -> str:
    """A batch's column as the tickets table types it: timestamps arrive as text (DuckDB's
    TRY_CAST: a value it cannot read is NULL, the reader having warned already)."""
    ref = f"{table}.{column}" if table else column
    return (
        f"TRY_CAST({ref} AS TIMESTAMP)" if FIELDS.get(column, ("", ""))[1] == "TIMESTAMP" else ref
    )


@contextmanager
def new_session_id(store: Store) -> Iterator[int]:
    """The id of a session about to be written, held until the block ends: enter it before
    the transaction that inserts the session and leave it after that transaction ends.

    One more than the highest stored, passing over the ids of sessions this process is still
    writing. The id was the column's DuckDB sequence, which a rollback does not give back:
    every refused ingest used up a number and the next session showed the gap. Now a failed
    session's id goes to the next session, unless a session begun after it is committed
    first (then its id stays a gap)."""
    with store.session_ids_lock:
        cur = store.new_cursor()  # outside any transaction: sees every committed session
        try:
            sid = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM sessions").fetchone()[0]
        finally:
            cur.close()
        while sid in store.sessions_in_progress:
            sid += 1
        store.sessions_in_progress.add(sid)
    try:
        yield sid
    finally:
        with store.session_ids_lock:
            store.sessions_in_progress.discard(sid)


def create_session(cur: duckdb.DuckDBPyConnection, session_id: int, name: str) -> int:
    """A new session with an id from `new_session_id`, not shown until `finish_session`
    marks it ready; its id."""
    now = datetime.now(UTC).replace(tzinfo=None)
    cur.execute(
        "INSERT INTO sessions (id, name, created_at, status) VALUES (?, ?, ?, 'ingesting')",
        [session_id, name, now],
    )
    # The column's default stays ahead of every id handed out (one step per session, kept
    # when rolled back), so a row inserted by it (code before new_session_id) never collides.
    cur.execute("SELECT nextval('session_ids')").fetchall()
    return session_id


def insert_tickets(cur: duckdb.DuckDBPyConnection, session_id: int, batch: pa.Table) -> None:
    """Append a batch of ticket rows (columns as in INSERT_COLUMNS) to a pending session."""
    select = ", ".join(typed(c) for c in INSERT_COLUMNS)
    # Handed over as a stream: DuckDB copies what it reads from a stream, while a registered
    # table is kept alive (with its buffers) until the transaction ends.
    cur.register(
        "ticket_batch", pa.RecordBatchReader.from_batches(batch.schema, batch.to_batches())
    )
    cur.execute(
        f"INSERT INTO tickets (session_id, {', '.join(INSERT_COLUMNS)}) "
        f"SELECT ?, {select} FROM ticket_batch",
        [session_id],
    )
    cur.unregister("ticket_batch")


def delete_tickets(cur: duckdb.DuckDBPyConnection, session_id: int, seqs: list[int]) -> None:
    if seqs:  # a semi-join: list_contains would compare every row with every seq
        cur.execute(
            "DELETE FROM tickets WHERE session_id = ? "
            "AND seq IN (SELECT unnest(CAST(? AS INTEGER[])))",
            [session_id, seqs],
        )


def delete_file_tickets(cur: duckdb.DuckDBPyConnection, session_id: int, position: int) -> None:
    cur.execute(
        "DELETE FROM tickets WHERE session_id = ? AND file_position = ?", [session_id, position]
    )


_MERGED_COLUMNS = (*FIELDS, "work_note_count", "comment_count", "notes")
_ARROW = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "TIMESTAMP": pa.timestamp("us")}


def ticket_fields(
    cur: duckdb.DuckDBPyConnection, session_id: int, seqs: list[int]
) -> dict[int, dict]:
    """seq -> the typed fields (with the journal counts and notes) of those tickets."""
    rows = cur.execute(
        f"SELECT seq, {', '.join(_MERGED_COLUMNS)} FROM tickets WHERE session_id = ? "
        "AND seq IN (SELECT unnest(CAST(? AS INTEGER[])))",
        [session_id, seqs],
    ).fetchall()
    return {
        row[0]: {"seq": row[0], **dict(zip(_MERGED_COLUMNS, row[1:], strict=True))} for row in rows
    }


def replace_ticket_fields(
    cur: duckdb.DuckDBPyConnection, session_id: int, rows: list[dict]
) -> None:
    """Write the typed fields of tickets (dicts as ticket_fields returns them) by seq."""
    if not rows:
        return
    schema = pa.schema(
        [("seq", pa.int32())]
        + [(n, _ARROW[FIELDS[n][1]]) for n in FIELDS]
        + [
            ("work_note_count", pa.int32()),
            ("comment_count", pa.int32()),
            ("notes", pa.list_(pa.string())),
        ]
    )
    cur.register("merged_rows", pa.Table.from_pylist(rows, schema=schema))
    sets = ", ".join(f"{c} = m.{c}" for c in _MERGED_COLUMNS)
    cur.execute(
        f"UPDATE tickets SET {sets} FROM merged_rows m "
        "WHERE tickets.session_id = ? AND tickets.seq = m.seq",
        [session_id],
    )
    cur.unregister("merged_rows")


def reference_shapes(
    cur: duckdb.DuckDBPyConnection, session_id: int, position: int, fields: list[str], sample=5000
) -> dict[str, tuple[int, int]]:
    """field -> (of the file's first `sample` tickets, how many have it filled, how many hold
    a 32-hex sys_id there)."""
    cols = ", ".join(
        f"count(*) FILTER (WHERE {f} <> ''), "
        f"count(*) FILTER (WHERE length({f}) = 32 AND regexp_full_match({f}, '[0-9a-f]{{32}}'))"
        for f in fields
    )
    row = cur.execute(
        f"SELECT {cols} FROM (SELECT * FROM tickets WHERE session_id = ? AND file_position = ? "
        f"ORDER BY seq LIMIT {int(sample)})",
        [session_id, position],
    ).fetchall()[0]
    return {f: (row[2 * i], row[2 * i + 1]) for i, f in enumerate(fields)}


_SOURCE_COLUMNS = (
    "session_id",
    "position",
    "name",
    "sha256",
    "size_bytes",
    "format",
    "encoding",
    "records",
    "imported",
    "merged",
    "superseded",
    "rejected",
    "warnings",
    "notices",
    "issues",
    "columns",
    "unmapped",
)


def add_source_file(cur: duckdb.DuckDBPyConnection, session_id: int, f: SourceFile) -> None:
    cur.execute(
        f"INSERT INTO source_files ({', '.join(_SOURCE_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(_SOURCE_COLUMNS))})",
        [
            session_id,
            f.position,
            f.name,
            f.sha256,
            f.size_bytes,
            f.format,
            f.encoding,
            f.records,
            f.imported,
            f.merged,
            f.superseded,
            f.rejected,
            f.warnings,
            orjson.dumps(f.notices).decode(),
            orjson.dumps([i.model_dump() for i in f.issues]).decode(),
            None if f.columns is None else orjson.dumps(f.columns).decode(),
            orjson.dumps(f.unmapped).decode(),
        ],
    )


def count_tickets(cur: duckdb.DuckDBPyConnection, session_id: int) -> int:
    return cur.execute(
        "SELECT count(*) FROM tickets WHERE session_id = ?", [session_id]
    ).fetchone()[0]


def finish_session(
    cur: duckdb.DuckDBPyConnection, session_id: int, count: int, name: str | None = None
) -> None:
    """Record the ticket count (and the name, when given) and make the session visible."""
    cur.execute(
        "UPDATE sessions SET ticket_count = ?, status = 'ready', name = coalesce(?, name) "
        "WHERE id = ?",
        [count, name, session_id],
    )


def list_sessions(store: Store, with_files: bool = True) -> list[SessionInfo]:
    rows = store.query(
        "SELECT id, name, created_at, ticket_count FROM sessions WHERE status = 'ready' ORDER BY id"
    )
    files = _files_by_session(store) if with_files else {}
    return [
        SessionInfo(id=i, name=n, created_at=c, ticket_count=t, files=files.get(i, []))
        for i, n, c, t in rows
    ]


def _is_id(text: str) -> bool:
    """Whether a session given as `text` is given by its id: ASCII digits alone ('²' and '١'
    are digits to str.isdigit, and int() refuses the first)."""
    return text.isascii() and text.isdigit()


def given_name(name: str | None) -> str | None:
    """A session name as given (ingest, pull, the Upload page): one line, None when blank.

    Raises:
        InputError: the name is a number alone, which, given for a session, is read as its id.
    """
    name = one_line(name or "") or None
    if name is not None and _is_id(name):
        raise InputError(
            f"session name {name!r} is a number alone, and a number given for a session is "
            f"read as its id (`tqrs evaluate {name}` is session {int(name)}); give a name with "
            f"a letter in it, such as 'Export {name}'"
        )
    return name


SHOWN_SESSIONS = 5  # sessions named in the error for one not found


def get_session(store: Store, ref: str | int) -> SessionInfo:
    """A session by id (a number is always an id), or by name when the name is unique. Only
    its own files are read (a file's record issues can run to megabytes)."""
    sessions = list_sessions(store, with_files=False)
    text = str(ref).strip()
    found = [s for s in sessions if _is_id(text) and s.id == int(text)]
    named = found or [s for s in sessions if s.name == text]
    if len(named) == 1:
        session = named[0]
        return session.model_copy(
            update={"files": _files_by_session(store, session.id).get(session.id, [])}
        )
    if len(named) > 1:
        raise NotFoundError(
            f"session name {text!r} is used by sessions "
            f"{', '.join(str(s.id) for s in named)}; give the id"
        )
    known = ", ".join(f"{s.id} ({s.name})" for s in sessions[-SHOWN_SESSIONS:]) or "none yet"
    if len(sessions) > SHOWN_SESSIONS:
        known = (
            f"the newest {SHOWN_SESSIONS}: {known}, and {len(sessions) - SHOWN_SESSIONS:,} more "
            "(`tqrs sessions` lists them all)"
        )
    raise NotFoundError(f"no session {text!r} (sessions: {known})")


def find_files_by_sha(store: Store, shas: list[str]) -> dict[str, list[tuple[int, str, datetime]]]:
    """sha256 -> [(session id, session name, created)] where that file was ingested before."""
    rows = store.query(
        "SELECT f.sha256, s.id, s.name, s.created_at FROM source_files f "
        "JOIN sessions s ON s.id = f.session_id "
        "WHERE s.status = 'ready' AND list_contains(?, f.sha256) "
        "ORDER BY s.id",
        [shas],
    )
    found: dict[str, list] = {}
    for sha, sid, name, created in rows:
        found.setdefault(sha, []).append((sid, name, created))
    return found


def session_file_shas(store: Store, session_id: int) -> set[str]:
    return {
        r[0]
        for r in store.query("SELECT sha256 FROM source_files WHERE session_id = ?", [session_id])
    }


def files_of_session(store: Store, session_id: int) -> list[SourceFile]:
    """The source files of a session, ready or not (a pull in progress)."""
    return _files_by_session(store, session_id).get(session_id, [])


def _files_by_session(store: Store, session_id: int | None = None) -> dict[int, list[SourceFile]]:
    out: dict[int, list[SourceFile]] = {}
    where, params = ("WHERE session_id = ? ", [session_id]) if session_id is not None else ("", [])
    for row in store.query_dicts(
        f"SELECT * FROM source_files {where}ORDER BY session_id, position", params
    ):
        sid = row.pop("session_id")
        row["notices"] = orjson.loads(row["notices"] or "[]")
        row["issues"] = [RecordIssue(**i) for i in orjson.loads(row["issues"] or "[]")]
        row["columns"] = orjson.loads(row["columns"]) if row["columns"] else None
        row["unmapped"] = orjson.loads(row["unmapped"] or "[]")
        out.setdefault(sid, []).append(SourceFile(**row))
    return out


def iter_tickets(store: Store, session_id: int, batch: int = 2000) -> Iterator[Ticket]:
    """The session's tickets in their order, read in batches."""
    for rows in iter_ticket_rows(store, session_id, batch=batch):
        yield from map(ticket_from_row, rows)


READ_BYTES = 8 * 2**20  # text read from the store at a time, about
PROBE = 64  # the tickets read first, to learn their length


def iter_ticket_rows(
    store: Store,
    session_id: int,
    *,
    limit: int | None = None,
    batch: int = 2000,
    raw: bool = True,
) -> Iterator[list[tuple]]:
    """The session's ticket rows (TICKET_COLUMNS; the first `limit` only, if given) in seq
    order, one range of at most `batch` seq values per query; `raw=False` reads an empty
    object for the raw record. A range is a few row groups, so DuckDB never sorts a whole
    session's text in one query: that ran out of the cap on a 1 GB session right after a
    successful ingest.

    A range holds about READ_BYTES of text: the first PROBE tickets say how long this
    session's tickets are (2,000 tickets of 9 KB, read while a run's writer committed, ran
    out of a 64 MB cap), and a range that still does not fit in DuckDB's memory cap
    (TQRS_DUCKDB_MEMORY) is read in quarters from then on. Each read holds the store's
    memory lock."""
    if limit is not None and limit <= 0:
        return
    first, last = store.query(
        "SELECT min(seq), max(seq) FROM tickets WHERE session_id = ?", [session_id]
    )[0]
    if first is None:
        return
    if limit is not None:  # the seq of the limit-th ticket (seqs of superseded ones are gone)
        last = store.query(
            "SELECT max(seq) FROM (SELECT seq FROM tickets WHERE session_id = ? "
            "ORDER BY seq LIMIT ?)",
            [session_id, limit],
        )[0][0]
    cols = ", ".join("'{}'" if c == "raw" and not raw else c for c in TICKET_COLUMNS)
    sql = f"SELECT {cols} FROM tickets WHERE session_id = ? AND seq >= ? AND seq < ? ORDER BY seq"
    cur = store.new_cursor()
    start, step, ceiling = first, min(batch, PROBE), batch
    while start <= last:
        end = min(start + step, last + 1)
        try:
            with store.memory_lock:
                rows = cur.execute(sql, [session_id, start, end]).fetchall()
        except duckdb.OutOfMemoryException as e:
            if step == 1:  # one ticket does not fit: the cap's error, as every query's
                raise resource_error(store.path, e) from e
            step = ceiling = max(1, step // 4)  # smaller ranges until one fits the cap
            continue
        if rows:
            sample = rows[:: max(1, len(rows) // PROBE)]  # every value of 2,000 rows: ~5 us each
            per_ticket = _text_bytes(sample) / len(sample)
            step = max(1, min(ceiling, int(READ_BYTES / max(per_ticket, 1))))
            yield rows
        start = end


def _text_bytes(rows: list[tuple]) -> int:
    """The characters of text in ticket rows (a bound of their bytes within a factor of 4)."""
    return sum(len(value) for row in rows for value in row if isinstance(value, str))


# Every column stored as VARCHAR (the number, names, codes and the free text alike): a NULL
# there reads as "" (not tqrs.fields.FREE_TEXT_FIELDS, the text people write).
_VARCHAR_COLUMNS = tuple(name for name, (_, sqltype, _) in FIELDS.items() if sqltype == "VARCHAR")


def ticket_from_row(row: tuple) -> Ticket:
    """The Ticket of a row of TICKET_COLUMNS. Built without validation: the table's column
    types are the model's (an integer column gives an int, a TIMESTAMP a datetime, a
    VARCHAR[] a list) and only NULLs need their default; validating the row again took a
    tenth of an offline run's time."""
    data = dict(zip(TICKET_COLUMNS, row, strict=True))
    data["raw"] = orjson.loads(data["raw"])
    data["truncated"] = data["truncated"] or []
    data["notes"] = data["notes"] or []
    for name in _VARCHAR_COLUMNS:
        if data[name] is None:
            data[name] = ""
    data["work_note_count"] = data["work_note_count"] or 0
    data["comment_count"] = data["comment_count"] or 0
    data["version"] = data["version"] or 1
    return trusted(Ticket, data)


def short_descriptions(store: Store, session_id: int, limit: int) -> list[str]:
    """Up to `limit` short descriptions of the session's tickets, spread evenly over it (every
    n-th ticket by sequence), for a look at how the export writes them."""
    total = count_tickets(store.cursor(), session_id)
    step = max(1, total // max(1, limit))
    rows = store.query(
        "SELECT short_description FROM tickets WHERE session_id = ? AND seq % ? = 0 "
        "ORDER BY seq LIMIT ?",
        [session_id, step, limit],
    )
    return [r[0] or "" for r in rows]


def get_ticket(store: Store, ticket_id: int) -> Ticket:
    rows = store.query(f"SELECT {', '.join(TICKET_COLUMNS)} FROM tickets WHERE id = ?", [ticket_id])
    if not rows:
        raise NotFoundError(f"no ticket {ticket_id}")
    return ticket_from_row(rows[0])


def iter_people_text(
    store: Store, session_id: int, columns: tuple[str, ...], batch: int = 5000
) -> Iterator[list[tuple]]:
    """`columns` of the session's tickets (the fields that name people: name fields and
    text), in batches of seq ranges; for gathering the names a session reveals before its
    text goes to an LLM (tqrs.llm.redact)."""
    bad = [c for c in columns if c not in FIELDS]
    if bad:
        raise ValueError(f"not ticket fields: {bad}")
    first, last = store.query(
        "SELECT min(seq), max(seq) FROM tickets WHERE session_id = ?", [session_id]
    )[0]
    if first is None:
        return
    sql = f"SELECT {', '.join(columns)} FROM tickets WHERE session_id = ? AND seq >= ? AND seq < ?"
    cur = store.new_cursor()
    for start in range(first, last + 1, batch):
        rows = cur.execute(sql, [session_id, start, start + batch]).fetchall()
        if rows:
            yield rows
