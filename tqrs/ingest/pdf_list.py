"""Incident list reports printed to PDF (a list's "Export > PDF"): a "Number | Opened | Short
description | ..." header over one row per incident, the header repeated on each page.

Such a print is no form: read as one, its column headings became one incident's labels and
values ("Due date" as the number). Here the header line gives each column's left edge, every
word below it goes to the column it starts in, a row starts at a line with a ticket number in
the Number column, and a line without one continues the row above (a wrapped short
description). Dates are read in the order the column's own values show (a day over 12 says
day first), as a list CSV's are."""

import re

from tqrs.fields import FIELDS, TIME, map_columns, normalize_label
from tqrs.ingest.pdf_layout import Line, Word
from tqrs.timestamps import order_shown, parse_timestamp

_TICKET = re.compile(r"[A-Z]{2,8}\d{4,}")
_TOLERANCE = 3.0  # points a cell's first word may sit left of its heading
# A row's wrapped line sits within this many of its line heights below the line above.
_ROW_GAP = 2.5


def read_list_report(lines: list[Line]) -> list[dict] | None:
    """One record per row of an incident list report (keyed by field name where the heading
    is a known label, else by the printed heading), or None when `lines` hold no such list.
    Each record carries `pdf_pages`, as a form's do."""
    header = _header(lines)
    if header is None:
        return None
    edges = [(seg.x0, seg.text) for seg in header.segments]
    fields = {label: name for name, label in map_columns([t for _, t in edges]).items()}
    keys = [FIELDS[fields[t]][2][0] if t in fields else t for _, t in edges]
    dated = [FIELDS[fields[t]][0] == TIME if t in fields else False for _, t in edges]
    heading = normalize_label(header.text)
    rows: list[tuple[list[list[str]], list[int]]] = []
    above: Line | None = None
    for line in lines[lines.index(header) + 1 :]:
        if normalize_label(line.text) == heading:  # the header repeated on the next page
            above = None
            continue
        cells: list[list[str]] = [[] for _ in edges]
        for word in (w for seg in line.segments for w in seg.words):
            cells[_column(word, edges)].append(word.text)
        number = " ".join(cells[0])
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


def _header(lines: list[Line]) -> Line | None:
    """The first line whose first segment is headed Number, that has two or more other
    segments, at least one a known field, and is followed by a ticket number under its
    Number heading."""
    for i, line in enumerate(lines[:-1]):
        texts = [seg.text for seg in line.segments]
        if len(texts) < 3 or map_columns(texts[:1]).get("number") != texts[0]:
            continue
        if len(map_columns(texts)) < 2:
            continue
        below = lines[i + 1]
        first = below.segments[0]
        if (
            below.page == line.page
            and abs(first.x0 - line.segments[0].x0) <= _TOLERANCE
            and _TICKET.fullmatch(first.words[0].text)
        ):
            return line
    return None


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
