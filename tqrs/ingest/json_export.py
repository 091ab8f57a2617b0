"""Streaming reader for ServiceNow JSON exports: `{"records": [...]}`, the Table API's
`{"result": [...]}`, a bare array, or JSON Lines (one record a line, as scripts write the Table
API's records).

A 360 MB export must not become one Python object graph, so the file is read in chunks and
split into records without a full parse: a candidate record ends at a `}` followed by `,{` or
`]`. A candidate that parses as one JSON object is exactly that record (a JSON object closes
at its own matching brace and the parser must consume all of it), so the cut cannot be wrong;
a candidate that does not parse (a `},{` inside a string) is re-cut by an exact scanner.
JSON Lines are read a line at a time, whatever the file's size."""

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

import orjson

from tqrs.display import plural
from tqrs.errors import InputError
from tqrs.ingest.formats import EXPORT_AGAIN, binary_kind, sniff

CHUNK = 8 << 20
MAX_RECORD_BYTES = 64 << 20
MAX_DEPTH = 64
SMALL_FILE = 64 << 20  # odd shapes are fully parsed up to this size

_HEAD = re.compile(rb'\s*(?:\{\s*"(records|result)"\s*:\s*\[|(\[))')
_CANDIDATE_END = re.compile(rb"\}\s*(?:,\s*\{|\])")
# Possessive (*+, ++): a string of 120 MB is matched without a backtracking entry per byte.
_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.S)
_STRUCTURE = re.compile(rb'["{}\[\]]')
_WS = re.compile(rb"\s*")
_SCALAR = re.compile(rb'"(?:[^"\\]++|\\.)*+"|[^,\]\s]++', re.S)


def iter_json_records(path: Path) -> Iterator[tuple[int, object, bytes, int]]:
    """Yield (position, parsed record, raw bytes, line) for each record of the export.

    Raises InputError naming the file and the line/column for unreadable JSON."""
    with open(path, "rb") as f:
        buf = f.read(CHUNK)
        start = 3 if buf.startswith(b"\xef\xbb\xbf") else 0  # after a UTF-8 BOM
        buf = buf[start:]
        head = _HEAD.match(buf)
        if not head:
            if buf.lstrip()[:1] == b"{" and _is_json_lines(f, start):
                yield from _json_lines(path, f, start)
                return
            f.seek(start + len(buf))
            yield from _records_of_small_file(path, buf, f)
            return
        yield from _RecordSplitter(path, f, buf, head.end(), bare_array=bool(head.group(2))).run()


class _RecordSplitter:
    def __init__(self, path, f, buf, pos, bare_array):
        self.path, self.f, self.buf, self.pos = path, f, buf, pos
        self.bare_array = bare_array
        self.base = 0  # absolute offset of buf[0]
        self.lines_before = 0  # newlines in the file before buf[0]
        self.eof = False
        self._counted = (0, 0)  # (offset in buf, newlines in buf before it)
        self.rewritten: bytes | None = None  # the raw form of a record with too-wide numbers

    def _more(self) -> bool:
        """Drop consumed bytes and read the next chunk; False at end of file."""
        if self.eof:
            return False
        chunk = self.f.read(CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.lines_before += self._newlines_before(self.pos)
        self._counted = (0, 0)
        self.base += self.pos
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return True

    def _where(self, pos: int) -> str:
        line = self.lines_before + self.buf.count(b"\n", 0, pos) + 1
        col = pos - (self.buf.rfind(b"\n", 0, pos) + 1) + 1
        if self.buf.rfind(b"\n", 0, pos) < 0 and self.base:
            return f"line {line}"
        return f"line {line}, column {col}"

    def _newlines_before(self, pos: int) -> int:
        """Newlines in buf before pos, counted incrementally (records come in order)."""
        at, n = self._counted
        if pos < at:
            at, n = 0, 0
        n += self.buf.count(b"\n", at, pos)
        self._counted = (pos, n)
        return n

    def _line(self, pos: int) -> int:
        return self.lines_before + self._newlines_before(pos) + 1

    def _fail(self, message: str) -> InputError:
        return InputError(f"{self.path.name}: {message}")

    def run(self):
        position = 0
        kinds: set[str] = set()  # what the records are while none is an object
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()
            while self.pos >= len(self.buf):
                if not self._more():
                    raise self._fail(
                        f"the JSON is truncated: the file ends after {position} "
                        "records, inside the records list"
                    )
                self.pos = _WS.match(self.buf, self.pos).end()
            c = self.buf[self.pos : self.pos + 1]
            if c == b"]":
                self._check_tail(position)
                if "object" not in kinds:
                    raise not_an_export(self.path, _Listed(position, kinds), self.bare_array)
                return
            if position and c == b",":
                self.pos += 1
                continue
            position += 1
            start = self.pos
            record, segment, start = self._cut(start, position)
            end = start + len(segment)
            raw, self.rewritten = self.rewritten or segment, None
            if "object" not in kinds:
                kinds.add(json_kind(record))
            yield position, record, raw, self._line(start)
            self.pos = end

    def _cut(self, start: int, position: int) -> tuple[object, bytes, int]:
        """The record starting at start (self.pos): parsed, its bytes, and its start offset
        in buf, which moves if more of the file had to be read."""
        if self.buf[start : start + 1] == b"{":
            while True:
                m = _CANDIDATE_END.search(self.buf, start)
                if m is None:
                    if len(self.buf) - start <= MAX_RECORD_BYTES and self._more():
                        start = self.pos
                        continue
                    break
                segment = self.buf[start : m.start() + 1]
                if len(segment) > MAX_RECORD_BYTES:
                    raise self._too_large(start, position)
                try:
                    return orjson.loads(segment), segment, start
                except orjson.JSONDecodeError:
                    break
        return self._cut_exactly(start, position)

    def _cut_exactly(self, start: int, position: int) -> tuple[object, bytes, int]:
        """Find the end of the value at start by tracking strings and nesting, then parse it.
        A cut that does not parse is retried with more of the file before it is reported."""
        while True:
            end = self._scan_value(start, position)
            if end is not None:
                segment = self.buf[start:end]
                try:
                    return orjson.loads(segment), segment, start
                except orjson.JSONDecodeError as e:
                    wide = loads_wide_numbers(segment, e)
                    if wide is not None:  # kept as text; raw re-written so that it reads back
                        self.rewritten = orjson.dumps(wide)
                        return wide, segment, start
                    if self.eof:
                        raise self._fail(
                            f"invalid JSON in record {position} at "
                            f"{self._where(start + e.pos)}: {_reason(e)}"
                        ) from None
            if len(self.buf) - start > MAX_RECORD_BYTES:
                raise self._too_large(start, position)
            offset = start - self.pos
            if not self._more():
                if end is None:
                    raise self._fail(
                        f"the JSON is truncated: record {position} "
                        f"({self._where(start)}) is not closed before the end "
                        "of the file"
                    )
                continue  # now at end of file: the parse error above is reported
            start = self.pos + offset

    def _too_large(self, start: int, position: int) -> InputError:
        return self._fail(
            f"record {position} ({self._where(start)}) is larger than "
            f"{MAX_RECORD_BYTES >> 20} MB: not a ServiceNow record"
        )

    def _scan_value(self, start: int, position: int) -> int | None:
        """The offset just after the JSON value at start, or None if buf ends first."""
        if self.buf[start : start + 1] not in (b"{", b"["):
            m = _SCALAR.match(self.buf, start)
            return m.end() if m and m.end() < len(self.buf) else None
        depth = 0
        pos = start
        while tok := _STRUCTURE.search(self.buf, pos):
            t = self.buf[tok.start()]
            if t == 0x22:  # a string: skipped whole; no match means buf ends inside it
                string = _STRING.match(self.buf, tok.start())
                if string is None:
                    return None
                pos = string.end()
                continue
            pos = tok.end()
            if t in b"{[":
                depth += 1
                if depth > MAX_DEPTH:
                    raise self._fail(
                        f"record {position} ({self._where(start)}) nests deeper "
                        f"than {MAX_DEPTH} levels: too deep to be a ServiceNow export"
                    )
            else:
                depth -= 1
                if depth == 0:
                    return pos
        return None

    def _check_tail(self, count: int) -> None:
        rest = self.buf[self.pos + 1 :]
        while self._more():
            rest = self.buf[1:]
        tail = rest.strip()
        if count == 0 and self.bare_array:
            raise not_an_export(self.path, [])
        if count == 0:
            raise self._fail("the export holds no records")
        if self.bare_array:
            if tail:
                raise self._fail("unexpected data after the records list")
        elif not tail.endswith(b"}"):
            raise self._fail("the JSON is truncated: the closing '}' of the export is missing")


def loads_wide_numbers(data: bytes, error: orjson.JSONDecodeError):
    """The JSON value of `data` when orjson refused it only for a number it cannot hold (beyond
    64 bits, or infinite as a double: 1e309); such numbers are kept as their text, for the
    record checks to report. None when the JSON is invalid anyway."""
    if "number" not in str(error).lower():
        return None
    try:
        return json.loads(data, parse_float=_finite_or_text, parse_int=_int64_or_text)
    except (ValueError, RecursionError):
        return None


def _finite_or_text(text: str):
    value = float(text)
    return value if math.isfinite(value) else text


def _int64_or_text(text: str):
    value = int(text)
    return value if -(2**63) <= value < 2**64 else text


def _reason(e: orjson.JSONDecodeError) -> str:
    msg = str(e.msg if hasattr(e, "msg") else e)
    if "recursion" in msg.lower():
        return f"nesting too deep to be a ServiceNow export (over {MAX_DEPTH} levels)"
    return msg.split(": line")[0]


def _records_of_small_file(path: Path, head: bytes, f) -> Iterator[tuple[int, object, bytes, int]]:
    """Exports whose shape the fast path does not recognise: parse whole (small files only)
    to find the records or say exactly what the file holds."""
    stripped = head.lstrip()
    if not stripped:
        raise InputError(f"{path.name}: the file is empty")
    found = binary_kind(stripped)
    if found:
        raise InputError(f"{path.name}: this is {found}, not a JSON export")
    if stripped[:1] not in (b"{", b"["):
        if path.stat().st_size <= SMALL_FILE:
            try:  # JSON all the same (null, 42, "text", true): say what it holds
                raise not_an_export(path, orjson.loads(head + f.read()))
            except orjson.JSONDecodeError:
                pass
        fmt, what = sniff(stripped)
        if what == "an HTML page":
            advice = (
                f" (such as a sign-in or error page saved in place of the export); {EXPORT_AGAIN}"
            )
        else:
            advice = {
                "csv": "; if it is a list export in CSV, name it .csv",
                "xml": "; if it is an XML unload, name it .xml",
            }.get(fmt, "") + ' (a ServiceNow JSON export reads {"records": [...]})'
        raise InputError(f"{path.name}: this is {what}, not JSON{advice}")
    size = path.stat().st_size
    if size > SMALL_FILE:
        raise InputError(
            f"{path.name}: unknown top-level shape; expected an object whose first "
            'key is "records" or "result" holding the list of incidents'
        )
    data = head + f.read()
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError as e:
        doc = loads_wide_numbers(data, e)
        if doc is None:
            line = data.count(b"\n", 0, e.pos) + 1
            col = e.pos - (data.rfind(b"\n", 0, e.pos) + 1) + 1
            if e.pos >= len(data.rstrip()):
                raise InputError(
                    f"{path.name}: the JSON is truncated (it ends at line {line}, column {col})"
                ) from None
            raise InputError(
                f"{path.name}: invalid JSON at line {line}, column {col}: {_reason(e)}"
            ) from None
    if doc == {}:
        raise not_an_export(path, doc)
    if isinstance(doc, dict):
        records = next((doc[k] for k in ("records", "result") if k in doc), None)
        if records is None:
            keys = ", ".join(list(doc)[:8]) or "none"
            raise InputError(
                f'{path.name}: unknown top-level shape: expected "records" or '
                f'"result" holding the list of incidents (found keys: {keys})'
            )
        if isinstance(records, dict):
            records = [records]  # the Table API returns one object for a single record
    elif isinstance(doc, list):
        records = doc
    else:
        raise not_an_export(path, doc)
    if not isinstance(records, list):
        raise InputError(f"{path.name}: the records value is not a list")
    if not records:
        raise InputError(f"{path.name}: the export holds no records")
    if not any(type(rec) is dict for rec in records):
        raise not_an_export(path, records, bare=records is doc)
    for i, rec in enumerate(records, 1):
        yield i, rec, orjson.dumps(rec), 0


_KINDS = {type(None): "null", bool: "boolean", int: "number", float: "number", str: "string"}
_KINDS.update({list: "list", dict: "object"})


def json_kind(value: object) -> str:
    """What a JSON value is, in JSON's words: null, boolean, number, string, list, object."""
    return _KINDS.get(type(value), "number")  # a number too wide, kept as its text


class _Listed:
    """A list's length and the kinds of its values, as the streaming reader sees it."""

    def __init__(self, count: int, kinds: set[str]):
        self.count, self.kinds = count, kinds


def not_an_export(path: Path, value: object, bare: bool = True) -> InputError:
    """A file that is valid JSON but holds no incident records, saying what it holds: `null`,
    `42`, `{}`, `[]`, `[1, 2]` (bare: the list is the file; else the records list in it)."""
    if isinstance(value, list):
        value = _Listed(len(value), {json_kind(v) for v in value})
    if isinstance(value, _Listed):
        kinds = sorted(value.kinds)
        values = plural(value.count, kinds[0]) if len(kinds) == 1 else ""
        values = values or f"{value.count:,} values ({', '.join(kinds)})"
        if not bare:
            return InputError(
                f"{path.name}: the file is JSON, but its records list holds {values}, "
                "not incident records"
            )
        found = f"a JSON list of {values}" if value.count else "an empty JSON list"
    elif value == {}:
        found = "an empty JSON object"
    elif isinstance(value, bool):
        found = f"a JSON {'true' if value else 'false'}"
    else:
        found = f"a JSON {json_kind(value)}"
    return InputError(
        f"{path.name}: the file is JSON, but it holds {found}, not a list of incident records "
        '(expected a ServiceNow export like {"records": [...]})'
    )


def _is_json_lines(f, start: int) -> bool:
    """Whether the file is JSON Lines: its first non-blank line is by itself one JSON object,
    and another non-blank line follows (a single line is a JSON document like any other)."""
    f.seek(start)
    first = True
    while line := f.readline(MAX_RECORD_BYTES + 1):
        if not line.strip():
            continue
        if not first:
            return True
        if not line.endswith(b"\n"):  # the file's only line, or longer than a record may be
            return False
        try:
            rec = orjson.loads(line)
        except orjson.JSONDecodeError as e:
            rec = loads_wide_numbers(line, e)
        if not isinstance(rec, dict):
            return False
        first = False
    return False


def _json_lines(path: Path, f, start: int) -> Iterator[tuple[int, object, bytes, int]]:
    """The records of a JSON Lines file, read a line at a time (memory holds one line), as
    (position, record, raw bytes, line number as an editor shows it). A line that is not JSON
    fails the file by its line, as a record of a JSON array does; a line that is JSON but not
    an object is a record like any other (the reader rejects it by its line)."""
    f.seek(start)
    position = number = 0
    while line := f.readline(MAX_RECORD_BYTES + 1):
        number += 1
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            raise InputError(
                f"{path.name}: line {number} is larger than {MAX_RECORD_BYTES >> 20} MB: "
                "not a ServiceNow record"
            )
        raw = line.strip()
        if not raw:
            continue
        position += 1
        try:
            rec = orjson.loads(line)  # the line as it is: columns count from its start
        except orjson.JSONDecodeError as e:
            rec = loads_wide_numbers(line, e)
            if rec is None:
                raise InputError(f"{path.name}: line {number}: {_line_error(line, e)}") from None
            raw = orjson.dumps(rec)  # numbers too wide kept as text, as in an array
        yield position, rec, raw, number


def _line_error(line: bytes, e: orjson.JSONDecodeError) -> str:
    """What is wrong with one line of JSON Lines, and where in the line."""
    if e.pos >= len(line.rstrip()):
        return "the record is cut short (the line ends inside it)"
    return f"invalid JSON at column {e.colno}: {_reason(e)}"
