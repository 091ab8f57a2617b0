"""CSV list exports (Excel: excel.py): one incident per row, headers are column labels ("Short
description") or raw field names (short_description). Every column is kept.

CSV is read as RFC 4180 (quotes doubled inside quoted fields, line breaks allowed in them), as
ServiceNow, Excel and pandas write it; only the delimiter is detected, from the header line
(or taken from a first line "sep=;", which Excel honours). (csv.Sniffer guesses quoting from a sample and, on a header line, guesses `doublequote=False`,
which silently corrupts every field with a quote in it.)"""

import codecs
import csv
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from tqrs.errors import InputError
from tqrs.ingest.formats import utf16_encoding

_PROBE = 1 << 20
_DELIMITERS = ",;\t|"
# A first line "sep=;" (Excel reads it as the delimiter to use; files made for Excel in
# locales whose list separator is ";" carry it): the delimiter, not the header
_SEP_LINE = re.compile(r"\ufeff?sep=([,;\t|])[ \t]*\r?\n")
MAX_FIELD_CHARS = 64 << 20  # as JSON's largest record: longer is not a ServiceNow field


def detect_encoding(path: Path) -> tuple[str, str | None]:
    """The encoding to read a CSV with, and a notice when it is not UTF-8.

    The whole file is checked as UTF-8 first (a BOM is dropped); bytes that are not UTF-8 are
    read as Windows-1252, or Latin-1 where Windows-1252 leaves a byte undefined. Text saved as
    UTF-16 (Excel's "Unicode Text") is read as UTF-16."""
    with open(path, "rb") as f:
        wide = utf16_encoding(f.read(4096))
        if wide:
            return wide, "saved as UTF-16 text; read as UTF-16"
        f.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        offset = 0
        try:
            while chunk := f.read(_PROBE):
                decoder.decode(chunk)
                offset += len(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as e:
            return _fallback(f, offset + e.start)
    return "utf-8-sig", None


def _fallback(f: BinaryIO, at: int) -> tuple[str, str]:
    """Windows-1252 unless a byte it leaves undefined occurs anywhere (then Latin-1), read in
    chunks: a single-byte code page decodes each chunk on its own, and memory stays bounded."""
    f.seek(0)
    enc, label = "cp1252", "Windows-1252"
    while chunk := f.read(_PROBE):
        try:
            chunk.decode("cp1252")
        except UnicodeDecodeError:
            enc, label = "latin-1", "Latin-1"
            break
    return enc, f"not valid UTF-8 (first bad byte at offset {at}); read as {label}"


def iter_csv_records(
    path: Path, encoding: str, check_header: Callable[[list[str]], None] | None = None
) -> Iterator[tuple[int, dict, int]]:
    """Yield (position, {header: value}, line) per data row, decoded with `encoding` (what
    detect_encoding said); `check_header`, when given, is called with the header's columns
    before any row is read (it raises to refuse the file).

    Raises InputError naming the line for what the csv module cannot read (a field over
    MAX_FIELD_CHARS, a NUL byte) and for a file that ends inside a quoted field: a download or
    copy cut short, whose last record the csv module hands over as if it were whole (after
    the other records: the ingest stores nothing of the file)."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD_CHARS))
    with open(path, encoding=encoding, newline="") as f:
        sample = f.read(64 << 10)
        f.seek(0)
        if not sample.strip():
            raise InputError(f"{path.name}: the file is empty")
        sep = _SEP_LINE.match(sample)
        delimiter = sep.group(1) if sep else header_delimiter(sample)
        reading: list[list[str]] = [[]]  # the lines of the record being read
        position = 0

        def lines() -> Iterator[str]:
            for number, line in enumerate(f, 1):
                if "\0" in line:
                    raise _damaged(path, number, position + 1, line)
                reading[0].append(line)
                yield line

        reader = csv.reader(lines(), delimiter=delimiter, doublequote=True, quotechar='"')
        try:
            if sep:  # Excel's "sep=;" line: the delimiter, then the header on the next line
                next(reader, None)
            header = _header(path, next(reader, None))
            if check_header:
                check_header(header)
            position, last, reading[0], cells = 0, [], [], len(header)
            for row in reader:
                last, reading[0], cells = reading[0], [], len(row)
                if not any(cell.strip() for cell in row):
                    continue
                position += 1
                if len(row) > len(header):
                    extra = [f"column {i + 1}" for i in range(len(header), len(row))]
                    cols = header + extra
                else:
                    cols = header
                # the line the record starts on (line_num is where it ends: a note's line
                # breaks make one record several lines)
                yield position, dict(zip(cols, row, strict=False)), reader.line_num - len(last) + 1
            start = reader.line_num - len(last) + 1
            open_quote = _open_quote(last, delimiter)
            if open_quote and _holds_records(last[1:], delimiter, header):
                raise InputError(
                    f"{path.name}: line {start} (record {position}): a quoted field opens there "
                    f"and never closes, so the {len(last):,} lines from there to the end of the "
                    "file would be one field: the file is cut short or damaged there; nothing "
                    "of it is imported; export the list again"
                )
            if open_quote:
                raise InputError(
                    f"{path.name}: the CSV is truncated: the file ends inside a quoted field "
                    f"of its last record (line {start}); export the list again"
                )
            if last and not last[-1].endswith(("\n", "\r")) and cells < len(header):
                raise InputError(
                    f"{path.name}: the CSV is truncated: its last record (line {start}) stops "
                    f"after {cells} of the {len(header)} columns, with no line end; export the "
                    "list again"
                )
        except UnicodeDecodeError as e:
            raise InputError(
                f"{path.name}: line {reader.line_num + 1} (record {position + 1}): the bytes "
                f"there are not {encoding} text ({e.reason}): the file is cut short or damaged; "
                "nothing of it is imported; export the list again"
            ) from None
        except csv.Error as e:
            reason = str(e)
            if "field larger than field limit" in reason:
                reason = f"a field is longer than {MAX_FIELD_CHARS >> 20} MB characters"
            raise InputError(
                f"{path.name}: line {reader.line_num + 1}: cannot be read as CSV ({reason})"
            ) from None


def _damaged(path: Path, line: int, record: int, text: str) -> InputError:
    """A NUL byte is never in an export's text: a run of them is where a copy or download lost
    data (a file system's hole, a transfer cut and resumed)."""
    return InputError(
        f"{path.name}: line {line} (record {record}): {text.count(chr(0)):,} NUL bytes in the "
        "middle of the file: it is damaged there (a copy or download that lost data); nothing "
        "of it is imported; export the list again"
    )


def _holds_records(lines: list[str], delimiter: str, header: list[str]) -> bool:
    """Whether any of `lines` (what an open quoted field swallowed) is a record of its own, as
    many cells as the header: the quote broke in the middle of the file, not at a cut end."""
    return any(
        len(row) == len(header) and row[0].strip() for row in csv.reader(lines, delimiter=delimiter)
    )


def _open_quote(lines: list[str], delimiter: str) -> bool:
    """Whether the record made of `lines` ends inside a quoted field: read again by the csv
    module with a line of its own after it, which an open quote swallows."""
    if not any('"' in line for line in lines):
        return False
    rows = list(csv.reader([*lines, "\n", "x\n"], delimiter=delimiter))
    return rows[-1:] != [["x"]]


def header_delimiter(sample: str) -> str:
    """The delimiter of a CSV: the candidate that occurs most often outside quotes in its
    first line (comma on a tie or when none occurs)."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for ch in sample:
        if ch == '"':
            quoted = not quoted  # a doubled quote toggles twice
        elif not quoted:
            if ch in "\r\n":
                break
            if ch in counts:
                counts[ch] += 1
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _header(path: Path, row) -> list[str]:
    if not row or not any(str(c).strip() for c in row):
        raise InputError(f"{path.name}: no header row")
    seen: dict[str, int] = {}
    names = []
    for i, cell in enumerate(row):
        name = str(cell).strip() or f"column {i + 1}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names
