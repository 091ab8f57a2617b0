"""Incident list reports printed to PDF (a list's "Export > PDF"): a "Number | Opened | Short
description | ..." header over one row per incident, the header repeated on each page.

Such a print is no form: read as one, its column headings became one incident's labels and
values ("Due date" as the number). Here the header gives each column's left edge (a heading
wrapped over two lines, "Short" over "description", is joined; the Number column may be any
of them), every word below it goes to the column it starts in, a row starts at a line with a
ticket number in the Number column, and a line without one continues the row above (a wrapped
short description). Dates are read in the order the column's own values show (a day over 12
says day first), as a list CSV's are."""

import re
from dataclasses import dataclass

from tqrs.fields import FIELDS, TIME, map_columns, normalize_label
from tqrs.ingest.pdf_layout import Line, Word
from tqrs.timestamps import order_shown, parse_timestamp

_TICKET = re.compile(r"[A-Z]{2,8}\d{4,}")
_TOLERANCE = 3.0  # points a cell's first word may sit left of its heading
# A row's wrapped line sits within this many of its line heights below the line above.
_ROW_GAP = 2.5


@dataclass
class _Header:
    lines: list[Line]  # one, or two when a heading is wrapped
    edges: list[tuple[float, str]]  # (left edge, heading) per column, left to right
    number_at: int  # the Number column's index


def read_list_report(lines: list[Line]) -> list[dict] | None:
    """One record per row of an incident list report (keyed by field name where the heading
    is a known label, else by the printed heading), or None when `lines` hold no such list.
    Each record carries `pdf_pages`, as a form's do."""
    header = _header(lines)
    if header is None:
        return None
    edges, at = header.edges, header.number_at
    fields = {label: name for name, label in map_columns([t for _, t in edges]).items()}
    keys = [FIELDS[fields[t]][2][0] if t in fields else t for _, t in edges]
    dated = [FIELDS[fields[t]][0] == TIME if t in fields else False for _, t in edges]
    headings = [normalize_label(line.text) for line in header.lines]
    rows: list[tuple[list[list[str]], list[int]]] = []
    above: Line | None = None
    repeated = 0  # lines of the header met again (on the next page)
    for line in lines[lines.index(header.lines[-1]) + 1 :]:
        if repeated < len(headings) and normalize_label(line.text) == headings[repeated]:
            repeated += 1
            above = None
            continue
        repeated = 0
        cells = _cells(line, edges)
        number = " ".join(cells[at])
        if _TICKET.fullmatch(number):
            rows.append(([[" ".join(c)] if c else [] for c in cells], [line.page]))
        elif rows and above is not None and _continues(above, line):
            for mine, more in zip(rows[-1][0], cells, strict=True):
                if more:
                    mine.append(" ".join(more))
            if line.page not in rows[-1][1]:
                rows[-1][1].append(line.page)
        else:
            above = None
            continue
        above = line
    if not rows:
        return None
    records = [
        {key: " ".join(cell) for key, cell in zip(keys, cells, strict=True)} | {"pdf_pages": pages}
        for cells, pages in rows
    ]
    for key in (k for k, is_date in zip(keys, dated, strict=True) if is_date):
        _read_dates(records, key)
    return records


def _header(lines: list[Line]) -> _Header | None:
    """The first header of a list: a line (or two, when a heading is wrapped onto the next)
    of three or more headings, none a ticket number, one of them Number and another a known
    field, followed on its page by a line with a ticket number under the Number heading."""
    for i, line in enumerate(lines[:-1]):
        for count in (1, 2):
            below = lines[i + count] if i + count < len(lines) else None
            if below is None or below.page != line.page:
                break
            header = _headings(lines[i : i + count])
            if header is not None and _TICKET.fullmatch(_cell(below, header)):
                return header
            if not _continues(line, below):
                break
    return None


def _headings(lines: list[Line]) -> _Header | None:
    """The columns headed by these lines: a segment of the second line that starts where one
    of the first does continues its heading; one that starts elsewhere is a heading of its
    own (printed lower)."""
    edges: list[list] = [[seg.x0, seg.text] for seg in lines[0].segments]
    for seg in (s for line in lines[1:] for s in line.segments):
        above = next((e for e in edges if abs(e[0] - seg.x0) <= _TOLERANCE), None)
        if above is not None:
            above[1] = f"{above[1]} {seg.text}"
        else:
            edges.append([seg.x0, seg.text])
    edges.sort()
    texts = [text for _, text in edges]
    if len(texts) < 3 or any(_TICKET.fullmatch(t) for t in texts):
        return None
    fields = map_columns(texts)
    if "number" not in fields or len(fields) < 2:
        return None
    return _Header(lines, [(x0, text) for x0, text in edges], texts.index(fields["number"]))


def _cell(line: Line, header: _Header) -> str:
    """The text of `line` in the Number column."""
    return " ".join(_cells(line, header.edges)[header.number_at])


def _cells(line: Line, edges: list[tuple[float, str]]) -> list[list[str]]:
    """The words of `line` by column, each in the column it starts in."""
    cells: list[list[str]] = [[] for _ in edges]
    for word in (w for seg in line.segments for w in seg.words):
        cells[_column(word, edges)].append(word.text)
    return cells


def _column(word: Word, edges: list[tuple[float, str]]) -> int:
    """The index of the column `word` starts in."""
    found = 0
    for i, (x0, _) in enumerate(edges):
        if word.x0 + _TOLERANCE >= x0:
            found = i
    return found


def _continues(above: Line, line: Line) -> bool:
    height = max(above.bottom - above.top, 1.0)
    return line.page == above.page and line.top - above.bottom <= _ROW_GAP * height


def _read_dates(records: list[dict], key: str) -> None:
    """The column's dates as "YYYY-MM-DD HH:MM:SS", read in the order its values show (month
    first when none does, as ServiceNow's US formats); a value that is no date is kept."""
    order = order_shown(r[key] for r in records if r[key])
    for r in records:
        if r[key]:
            r[key] = parse_timestamp(r[key], order) or r[key]
