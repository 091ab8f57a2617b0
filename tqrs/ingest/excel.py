"""Excel list exports (.xlsx): the sheet that holds the incidents, one incident per row under a
header row of column labels.

A workbook is a zip of XML parts, and a 2 KB one can unpack to gigabytes, declare a sheet of
17 billion cells, or declare entities. Before openpyxl reads anything, every XML part is read
once as a stream (`check_workbook`): its unpacked size, no DOCTYPE (so no entity is ever
declared, let alone expanded), and the rows, cells and shared strings it holds, against bounds
that keep a read within memory and about a minute (openpyxl reads some 100,000 cells a second).
openpyxl then reads in read-only mode with the sheet's declared dimensions ignored, so only
cells that exist are visited, and no row is wider than its header.

The same scan notes the formula cells that hold no result (`<f>` without a `<v>`): a workbook
saved by a program that does not calculate formulas (openpyxl, a script) stores none, and
openpyxl reads such a cell as empty. TQRS does not calculate them either; the record is read
without that cell (a column none of whose cells holds a result is a field the export does not
carry, so a criterion reading it is not assessable rather than failed) and a notice names the
column and how many cells."""

import pyexpat
import warnings
import zipfile
import zlib
from array import array
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time
from pathlib import Path
from xml.etree.ElementTree import ParseError

from tqrs.display import plural
from tqrs.errors import InputError
from tqrs.ingest.columns import no_number_column, number_column
from tqrs.ingest.formats import sniff, zip_kind
from tqrs.ingest.tabular import _header

# openpyxl warns (through `warnings`) about workbook features it drops, such as data
# validation or conditional formatting: nothing a reader of incidents needs, and the CLI's
# contract is one `error:` line on stderr.
warnings.filterwarnings("ignore", module=r"openpyxl(\.|$)")

MAX_PART_BYTES = 256 << 20  # unpacked size of any one part (a sheet, the shared strings)
MAX_CELLS = 3_000_000  # cells and shared strings, all sheets together
MAX_ROWS = 1_048_576  # Excel's own limit, rows per sheet
MAX_COLUMNS = 16_384  # Excel's own limit, columns per sheet
_CHUNK = 1 << 20
_UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    OSError,
    ValueError,
    TypeError,
    EOFError,
)
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError)  # a part's bytes, once the zip opened


def iter_xlsx_records(
    path: Path, notices: list[str], mapping: Mapping[str, str] | None = None
) -> Iterator[tuple[int, dict, int]]:
    """Yield (position, {header: value}, row number) for each row of the first sheet whose
    header has a number column (`mapping`: the user's column mapping, label -> field); which
    sheet was read and which were not goes into `notices`.

    Raises:
        InputError: not a readable workbook, over the bounds, or no sheet with a number column.
    """
    no_result = check_workbook(path)
    wb = _open(path)
    try:
        sheet, header, header_row, skipped, found = _choose_sheet(path, wb, mapping)
        if sheet is None:
            raise no_number_column(path.name, found)
        if skipped:
            notices.append(f"read sheet {sheet.title!r}; not read: {', '.join(skipped)}")
        pending = _NoResult(no_result.get(sheet._worksheet_path.lstrip("/"), {}), header)
        position = 0
        rows = sheet.iter_rows(min_row=header_row + 1, max_col=len(header), values_only=True)
        for row_no, row in enumerate(_guarded(path, rows), header_row + 1):
            if all(c is None or c == "" for c in row):
                continue
            position += 1
            record = {h: _cell_text(c) for h, c in zip(header, row, strict=False)}
            for key in pending.at(row_no):
                record.pop(key, None)
            yield position, record, row_no
        if pending.counts:
            number = number_column(header, mapping)
            said = pending.notice(sheet.title, position, number)
            if position and pending.counts.get(number) == position:
                raise InputError(f"{path.name}: no row has its number: {said}")
            notices.append(said)
    finally:
        wb.close()


def xlsx_columns(path: Path) -> list[str]:
    """The header of the sheet `iter_xlsx_records` would read; when no sheet has a Number
    column, the first sheet's that has a header, so that a column holding the numbers under
    another name can be mapped (the Upload page's mapping step)."""
    check_workbook(path)
    wb = _open(path)
    try:
        sheet, header, _, _, found = _choose_sheet(path, wb, None)
        return header if sheet is not None else next(iter(found.values()), [])
    finally:
        wb.close()


class _NoResult:
    """The cells of the sheet read that hold a formula without its result, met row by row:
    `at(row)` gives the columns to leave out of that row's record (rows come in order, and so
    do the scan's row numbers of each column)."""

    def __init__(self, rows_by_column: dict[int, array], header: list[str]):
        self.columns = [
            (header[col], rows, [0]) for col, rows in rows_by_column.items() if col < len(header)
        ]
        self.counts: dict[str, int] = {}

    def at(self, row_no: int) -> list[str]:
        keys = []
        for key, rows, i in self.columns:
            while i[0] < len(rows) and rows[i[0]] < row_no:
                i[0] += 1
            if i[0] < len(rows) and rows[i[0]] == row_no:
                keys.append(key)
                self.counts[key] = self.counts.get(key, 0) + 1
        return keys

    def notice(self, sheet: str, records: int, number: str | None) -> str:
        """What was found, for `records` rows read; a column other than the `number`
        column holding no result in any row is said to be not carried."""
        whole = [k for k, n in self.counts.items() if n >= records and k != number]
        said = ", ".join(f"{k!r} ({plural(n, 'cell')})" for k, n in self.counts.items())
        out = (
            f"formulas without their results in sheet {sheet!r}, column {said}: the workbook "
            "was saved by a program that does not calculate formulas (a script, openpyxl), "
            "and TQRS does not calculate them, so those cells are read as empty"
        )
        if whole:
            out += (
                f"; {', '.join(repr(k) for k in whole)} holds no result in any row and is taken "
                "as a column the export does not carry (criteria that read it are not "
                "assessable, not failed)"
            )
        return out + (
            ". Open the workbook in Excel or LibreOffice and save it (that stores the "
            "results), or export the list again, and import it again"
        )


def _open(path: Path):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, ParseError, *_UNREADABLE) as e:
        raise InputError(f"{path.name}: not a readable Excel workbook ({e})") from None


def _choose_sheet(path: Path, wb, mapping):
    """(sheet, header, header row, sheets not read with why, headers of sheets without a
    number column): the first sheet whose header has a number column, or None."""
    chosen = None
    skipped: list[str] = []
    found: dict[str, list[str]] = {}
    for ws in wb.worksheets:
        ws.reset_dimensions()  # the declared size may claim all 17 billion cells
        first = _first_row(path, ws)
        if first is None:
            skipped.append(f"{ws.title!r} (empty)")
            continue
        row_no, cells = first
        while cells and cells[-1] in (None, ""):
            cells = cells[:-1]
        header = _header(path, [_cell_text(c) for c in cells])
        if chosen is not None:
            has = "also has" if number_column(header, mapping) else "has no"
            skipped.append(f"{ws.title!r} ({has} a Number column)")
        elif number_column(header, mapping):
            chosen = (ws, header, row_no)
        else:
            found[ws.title] = header
            skipped.append(f"{ws.title!r} (no Number column)")
    if chosen is None:
        return None, [], 0, skipped, found
    return (*chosen, skipped, found)


def _first_row(path: Path, ws) -> tuple[int, tuple] | None:
    """(row number, cells) of the sheet's first row that is not empty."""
    rows = ws.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    for row_no, row in enumerate(_guarded(path, rows), 1):
        if any(c is not None and c != "" for c in row):
            return row_no, row
    return None


def _guarded(path: Path, rows: Iterator) -> Iterator:
    """openpyxl's rows, its parse errors as InputError (the sheet is parsed as it is read)."""
    try:
        yield from rows
    except (ParseError, *_UNREADABLE) as e:
        raise InputError(f"{path.name}: not a readable Excel workbook ({e})") from None


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# The check before openpyxl


def _why_no_zip(path: Path, error: Exception) -> str:
    """What a file that zipfile cannot open is: empty, an export of another format, a
    workbook cut short (it starts as a zip does but its directory, written last, is missing),
    or something else."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if not head:
        return "the file is empty"
    fmt, what = sniff(head)
    if fmt not in (None, "xlsx"):  # an export saved under the wrong name
        return f"this is {what}, not an Excel workbook; name it .{fmt}"
    if fmt is None and what != "binary data":  # an HTML page, an old Office file...
        return f"this is {what}, not an Excel workbook"
    if head.startswith(b"PK\x03\x04"):
        return (
            "not a readable Excel workbook: it is cut short (it starts as a workbook, but the "
            "zip directory written at its end is missing); export or download it again"
        )
    return f"not a readable Excel workbook ({error})"


def check_workbook(path: Path) -> dict[str, dict[int, array]]:
    """Raise InputError unless every XML part of the workbook is within the bounds: unpacked
    size, rows, cells, shared strings, no DOCTYPE. Each part is streamed, never held.

    Returns:
        part name -> column index (0 for A) -> the row numbers, ascending, of its cells that
        hold a formula but no result.
    """
    try:
        archive = zipfile.ZipFile(path)
    except _UNREADABLE as e:
        raise InputError(f"{path.name}: {_why_no_zip(path, e)}") from None
    counts = {"cells": 0, "strings": 0}
    no_result: dict[str, dict[int, array]] = {}
    with archive:
        other = zip_kind(archive.namelist())
        if other:
            what, instead = other
            raise InputError(f"{path.name}: this is {what}, not an Excel workbook; {instead}")
        for info in archive.infolist():
            if info.file_size > MAX_PART_BYTES:
                raise _too_big(path, info.filename, f"unpacks to {_size(info.file_size)}")
            try:
                with archive.open(info) as part:
                    cells = _scan_part(path, info.filename, part, counts)
            except _DAMAGED as e:
                raise InputError(
                    f"{path.name}: the workbook is damaged: its part {info.filename} cannot "
                    f"be unpacked ({e}), the file was cut or corrupted in the middle; nothing "
                    "of it is imported; export or download it again"
                ) from None
            except _UNREADABLE as e:
                raise InputError(
                    f"{path.name}: not a readable Excel workbook ({info.filename}: {e})"
                ) from None
            if cells and cells.rows:
                no_result[info.filename] = cells.rows
    return no_result


class _Cells:
    """Follows a sheet's cells through the scan and keeps, by column, the rows of those that
    hold a formula (`<f>`) but no result: no `<v>`, or an empty one that is not a string
    result (`t="str"`, a formula whose result is ""). A cell is settled when the next one (or
    row, or the end) begins, and its text is listened to only in the `<v>` of a formula: the
    scan of a sheet without formulas costs one comparison per element more."""

    def __init__(self, parser):
        self.parser = parser
        self.rows: dict[int, array] = {}
        self.row, self.index, self.attrs = 0, -1, {}
        self.pending = self.listening = False  # a formula, no result met yet

    def start_row(self, r: str) -> None:
        self.close()
        self.row, self.index = (int(r) if r else self.row + 1), -1

    def start_cell(self, attrs) -> None:
        self.close()
        self.index += 1
        self.attrs = attrs

    def start_formula(self) -> None:
        self.pending = True

    def start_value(self) -> None:
        if self.pending:
            if self.attrs.get("t") == "str":
                self.pending = False
            else:
                self.parser.CharacterDataHandler = self.text
                self.listening = True

    def text(self, data: str) -> None:
        if data.strip():
            self.pending = False

    def close(self) -> None:
        if self.listening:
            self.parser.CharacterDataHandler = None
            self.listening = False
        if self.pending:
            self.pending = False
            self.rows.setdefault(self._column(), array("I")).append(self.row)

    def _column(self) -> int:
        # not openpyxl's column_index_from_string: this scan runs before openpyxl reads the
        # file, on a reference of any length a hostile file may hold (it refuses over three)
        letters = self.attrs.get("r", "").rstrip("0123456789")
        if not (letters.isascii() and letters.isalpha()):
            return self.index  # no reference: the cells of the row in order
        col = 0
        for ch in letters.upper():
            col = col * 26 + ord(ch) - 64
        return col - 1


def _scan_part(path: Path, name: str, part, counts: dict[str, int]) -> "_Cells | None":
    head = part.read(_CHUNK)
    if not _looks_like_xml(head):
        return None
    parser = pyexpat.ParserCreate()
    tags: dict[str, int] = {}
    cells = _Cells(parser)

    def start(tag, attrs):
        tags[tag] = tags.get(tag, 0) + 1
        if ":" in tag:
            tag = tag[tag.find(":") + 1 :]
        if tag == "c":
            cells.start_cell(attrs)
        elif tag == "f":
            cells.start_formula()
        elif tag == "v":
            cells.start_value()
        elif tag == "row":
            r = attrs.get("r", "")
            if r and not (r.isdigit() and 0 < int(r) <= MAX_ROWS):
                raise _Refused(f"{name} has a row numbered {r[:20]!r}, past Excel's {MAX_ROWS:,}")
            cells.start_row(r)

    def refuse_dtd(*_):
        raise _Refused(f"{name} declares a DOCTYPE; a workbook has none: refused")

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
    read = 0
    chunk = head
    try:
        while chunk:
            read += len(chunk)
            if read > MAX_PART_BYTES:
                raise _too_big(path, name, f"unpacks to over {_size(MAX_PART_BYTES)}")
            parser.Parse(chunk, False)
            _check_counts(path, name, tags, counts)
            chunk = part.read(_CHUNK)
        parser.Parse(b"", True)
        cells.close()
    except _Refused as e:
        raise InputError(f"{path.name}: {e}") from None
    except pyexpat.ExpatError as e:
        raise InputError(
            f"{path.name}: not a readable Excel workbook ({name}: "
            f"{pyexpat.ErrorString(e.code)} at line {e.lineno})"
        ) from None
    _check_counts(path, name, tags, counts, final=True)
    return cells


class _Refused(Exception):
    pass


def _local(tags: dict[str, int], local: str) -> int:
    return sum(n for tag, n in tags.items() if tag == local or tag.endswith(":" + local))


def _check_counts(path, name, tags, counts, final: bool = False) -> None:
    cells = counts["cells"] + _local(tags, "c")
    strings = counts["strings"] + _local(tags, "si")
    rows = _local(tags, "row")
    if cells > MAX_CELLS or strings > MAX_CELLS:
        what = f"over {MAX_CELLS:,} {'cells' if cells > MAX_CELLS else 'shared strings'}"
        raise InputError(
            f"{path.name}: the workbook holds {what} (at {name}), more than TQRS reads from "
            "one workbook (a ServiceNow Excel export holds far fewer); export the list as "
            "CSV, JSON or XML instead"
        )
    if rows > MAX_ROWS:
        raise InputError(f"{path.name}: {name} has over {MAX_ROWS:,} rows, Excel's own limit")
    if final:
        counts["cells"], counts["strings"] = cells, strings


def _looks_like_xml(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16 with its byte order mark
    return head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] == b"<"


def _too_big(path: Path, name: str, what: str) -> InputError:
    return InputError(
        f"{path.name}: its part {name} {what}, over the {_size(MAX_PART_BYTES)} TQRS reads "
        "from one part of a workbook; export the list as CSV, JSON or XML instead"
    )


def _size(n: int) -> str:
    return f"{n / (1 << 30):.1f} GB" if n >= 1000 << 20 else f"{n / (1 << 20):,.0f} MB"
