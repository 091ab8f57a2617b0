"""ServiceNow XML unloads ("Export > XML"): `<unload>` holding `<incident>` rows, one child
element per field (references and choices with a `display_value` attribute), and
`<sys_journal_field>` rows holding the incidents' work notes and comments.

The file is read as a stream by expat: only the current row is held, and rows of other tables
(attachments and their base64 chunks) are passed over without keeping their text. A journal row
may come before or after its incident, anywhere in the file, so incidents and journal rows both
go through a temporary SQLite file (store.spill) and come back in file order, each incident
with its journal as ServiceNow prints it: `2025-12-10 04:26:41 - admin (Work notes)` entries,
newest first. A reference reads as its display value; the sys_id stays in the raw record.

Nothing from outside the file is read and nothing is expanded: a DOCTYPE, where entities are
declared (billion laughs, external entities), is refused before any of it is processed; a
ServiceNow unload has none. expat itself is used (not ElementTree) for its line numbers."""

import pyexpat
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import orjson

from tqrs.errors import InputError
from tqrs.ingest.json_export import MAX_RECORD_BYTES
from tqrs.journal import JOURNAL_KINDS, add_journals
from tqrs.store.spill import ChildJoin

RECORD_TAG = "incident"
JOURNAL_TAG = "sys_journal_field"
_CHUNK = 1 << 20
# Chunks read without a single parse event: one tag (a giant attribute or comment) that expat
# would have to hold whole.
_MAX_SILENT_CHUNKS = MAX_RECORD_BYTES // _CHUNK


class _Refused(Exception):
    pass


def iter_xml_records(path: Path, notices: list[str]) -> Iterator[tuple[int, dict, bytes, int]]:
    """Yield (position, record, raw JSON bytes, line) per incident of the unload, in file
    order, with its journal joined; what else the file holds is said in `notices`.

    Raises:
        InputError: not well-formed XML (with line, column and the incident row), a
            DOCTYPE, a record over MAX_RECORD_BYTES, or no incident rows.
    """
    with ChildJoin() as join:
        read = _parse_into(path, join)
        if read.records == 0:
            raise InputError(f"{path.name}: {read.why_empty()}")
        orphans = join.orphans() if join.child_count else 0
        notices.extend(read.notices(orphans))
        for position, line, body, entries in join.joined():
            rec = orjson.loads(body)
            if entries:
                add_journals(rec, [orjson.loads(e) for e in entries])
                body = orjson.dumps(rec)
            yield position, rec, body, line


class _Read:
    """What one pass over the file found."""

    def __init__(self, name: str):
        self.name = name
        self.root = ""
        self.records = 0
        self.journals: Counter = Counter()
        self.skipped: Counter = Counter()
        self.row = ""  # the tag of the row being read ("" between rows), for a refusal's place
        self.row_line = 0
        self.last: tuple[str, str] = ("", "")  # number and sys_id of the last whole incident

    def where(self) -> str:
        """The place of a refusal by records, as a CSV's is named: the incident row it falls
        in, and the last whole incident before it (found in the export by number or sys_id)."""
        number, sys_id = (_clipped(x) for x in self.last)
        named = ", ".join(x for x in (number, sys_id and f"sys_id {sys_id}") if x)
        after = (
            f"after incident row {self.records:,}" + (f" ({named})" if named else "")
            if self.records
            else "before any whole incident row"
        )
        if self.row == RECORD_TAG:
            return f"in incident row {self.records + 1:,} (begun at line {self.row_line}), {after}"
        if self.row:
            return f"in a <{_clipped(self.row)}> row begun at line {self.row_line}, {after}"
        return after

    def why_empty(self) -> str:
        if not self.root:
            return "the file is empty"
        held = _listed(self.skipped) or "no rows"
        return (
            f"no <{RECORD_TAG}> rows in this XML (root <{self.root}>, holding {held}); "
            "TQRS reads ServiceNow incident unloads (Export > XML of an incident list)"
        )

    def notices(self, orphans: int) -> list[str]:
        out = []
        journal = sum(self.journals.values())
        if journal:
            kinds = ", ".join(
                f"{n:,} {JOURNAL_KINDS[k].lower()}" for k, n in sorted(self.journals.items())
            )
            said = f"{journal:,} journal entries ({kinds}) joined to their incidents"
            if orphans:
                said += f"; {orphans:,} belong to no incident in this file and were left out"
            out.append(said)
        if self.skipped:
            out.append(f"rows of other tables not read: {_listed(self.skipped)}")
        return out


def _listed(counts: Counter) -> str:
    return ", ".join(f"{n:,} {tag}" for tag, n in counts.most_common())


def _parse_into(path: Path, join: ChildJoin) -> _Read:
    """Parse the whole file, handing incidents and journal rows to `join`."""
    read = _Read(path.name)
    parser = pyexpat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse_dtd(*_):
        raise _Refused(
            f"declares a DOCTYPE (line {parser.CurrentLineNumber}); a ServiceNow unload has "
            "none, and entities are never expanded: refused"
        )

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd

    depth = 0
    kind = ""  # of the current row: record, journal, or "" for rows not read
    row: dict = {}
    row_line = 0
    row_size = 0
    field = ""
    display: str | None = None
    parts: list[str] = []
    events = 0

    def start(name, attrs):
        nonlocal depth, kind, row, row_line, row_size, field, display, parts, events
        depth += 1
        events += 1
        if depth == 3:
            if kind:
                field, display, parts = name, attrs.get("display_value"), []
                # text reaches Python only inside the fields of rows that are read
                parser.CharacterDataHandler = text
        elif depth == 2:
            row_size = 0
            read.row, read.row_line = name, parser.CurrentLineNumber
            if name == RECORD_TAG:
                kind, row, row_line = "record", {}, parser.CurrentLineNumber
            elif name == JOURNAL_TAG:
                kind, row = "journal", {}
            else:
                kind = ""
                read.skipped[name] += 1
        elif depth == 1:
            read.root = name

    def text(data):  # (a text too big for its row is refused here, not by `silent`)
        nonlocal row_size
        row_size += len(data)
        if row_size > MAX_RECORD_BYTES:
            where = (
                f"incident row {read.records + 1} (line {row_line})"
                if kind == "record"
                else f"a journal row (line {parser.CurrentLineNumber})"
            )
            raise _Refused(
                f"{where} is larger than {MAX_RECORD_BYTES >> 20} MB: not a ServiceNow record"
            )
        parts.append(data)

    def end(name):
        nonlocal depth, kind
        if depth == 3 and kind:
            parser.CharacterDataHandler = None
            value = parts[0] if len(parts) == 1 else "".join(parts)
            if display is None:
                row[field] = value
            else:
                row[field] = {"display_value": display, "value": value} if display or value else ""
        elif depth == 2 and kind:
            if kind == "record":
                read.records += 1
                sys_id = row.get("sys_id")
                join.add_record(
                    read.records,
                    row_line,
                    sys_id if isinstance(sys_id, str) and sys_id else None,
                    orjson.dumps(row),
                )
                read.last = (_text(row.get("number")), _text(sys_id))
            else:
                _add_journal_row(row, read, join)
            kind = ""
        if depth == 2:
            read.row = ""
        depth -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    silent = 0
    try:
        with open(path, "rb") as f:
            while chunk := f.read(_CHUNK):
                seen = events
                parser.Parse(chunk, False)
                silent = silent + 1 if events == seen else 0
                if silent > _MAX_SILENT_CHUNKS:
                    raise _Refused(
                        f"a single tag or text runs over {MAX_RECORD_BYTES >> 20} MB at line "
                        f"{parser.CurrentLineNumber}: not a ServiceNow unload"
                    )
            parser.Parse(b"", True)
    except _Refused as e:
        raise InputError(f"{path.name}: {e}") from None
    except pyexpat.ExpatError as e:
        raise InputError(f"{path.name}: {_expat_reason(e, parser, read, depth)}") from None
    return read


def _add_journal_row(row: dict, read: _Read, join: ChildJoin) -> None:
    element, element_id = row.get("element"), row.get("element_id")
    if element not in JOURNAL_KINDS or not isinstance(element_id, str) or not element_id:
        read.skipped[f"{JOURNAL_TAG} ({element or 'no element'})"] += 1
        return
    read.journals[element] += 1
    entry = {
        "element": element,
        "value": _text(row.get("value")),
        "sys_created_on": _text(row.get("sys_created_on")),
        "sys_created_by": _text(row.get("sys_created_by")),
    }
    join.add_child(element_id, entry["sys_created_on"], orjson.dumps(entry))


def _clipped(text: str, most: int = 40) -> str:
    """A value from the file quoted in a message, cut so that a hostile one stays short."""
    return text if len(text) <= most else text[: most - 1] + "…"


def _text(value) -> str:
    if isinstance(value, dict):
        return value["display_value"] or value["value"]
    return value or ""


def _expat_reason(e: pyexpat.ExpatError, parser, read: _Read, depth: int) -> str:
    reason = pyexpat.ErrorString(e.code)
    if (
        read.root
        and depth > 0
        and e.code
        in (
            pyexpat.errors.codes[pyexpat.errors.XML_ERROR_NO_ELEMENTS],
            pyexpat.errors.codes[pyexpat.errors.XML_ERROR_UNCLOSED_TOKEN],
            pyexpat.errors.codes[pyexpat.errors.XML_ERROR_PARTIAL_CHAR],
            pyexpat.errors.codes[pyexpat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION],
        )
    ):
        return (
            f"the XML is truncated: the file ends at line {e.lineno} inside "
            f"<{read.root}>, after {read.records:,} incident rows"
        )
    if not read.root and e.code == pyexpat.errors.codes[pyexpat.errors.XML_ERROR_NO_ELEMENTS]:
        return "the file is empty" if e.lineno <= 1 else "no XML element in the file"
    return (
        f"invalid XML at line {e.lineno}, column {e.offset + 1}, {read.where()}: {reason}; "
        "the file is damaged there; nothing of it is imported; export the list again"
    )
