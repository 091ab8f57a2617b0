"""The Excel report: a Summary sheet, then Tickets and Criteria (the CSV tables) with column
widths, a frozen header row, filters and band colours. Written in openpyxl's write-only mode,
which streams rows instead of holding a million cell objects.

A worksheet is XML 1.0, which cannot hold most control characters (a bell, an escape, Word's
soft line break \x0b): openpyxl refuses the whole workbook for one of them in a ticket, so
every text cell goes through `_xml_text` (\x0b and \x0c become line breaks, the others
openpyxl refuses, its ILLEGAL_CHARACTERS_RE, U+FFFD, the replacement character); the CSV
keeps the text as stored."""

import io
import re
from collections.abc import Iterable
from datetime import UTC, datetime

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from tqrs.display import MISSING, rate_decimals
from tqrs.reports.data import GroupFigures, Report
from tqrs.reports.style import BAND_COLOURS, BAND_TEXT_COLOURS
from tqrs.reports.tables import (
    CRITERION_HEADER,
    TICKET_HEADER,
    criterion_rows,
    plain_cell,
    runs_as_formula,
    ticket_rows,
)

_WIDTHS = {
    "number": 13,
    "agent": 20,
    "group": 20,
    "category": 14,
    "criterion": 30,
    "failed_criteria": 40,
    "judged": 24,
    "evidence": 60,
    "reasoning": 60,
    "coaching": 60,
    "override_note": 40,
    "override_by": 24,
    "override_at": 17,
    "reviewed_by": 24,
    "reviewed_at": 17,
    "judge": 10,
    "criterion_id": 22,
}
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_BREAKS = re.compile(r"[\x0b\x0c]")
_HEADER_FILL = PatternFill("solid", fgColor="34495E")


def report_xlsx(report: Report) -> bytes:
    wb = Workbook(write_only=True)
    _summary_sheet(wb, report)
    _table_sheet(wb, "Tickets", TICKET_HEADER, ticket_rows(report, plain_cell))
    _table_sheet(wb, "Criteria", CRITERION_HEADER, criterion_rows(report, plain_cell))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _table_sheet(wb: Workbook, title: str, header: tuple, rows: Iterable[tuple]) -> None:
    ws = wb.create_sheet(title)
    for i, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(name, 11)
    ws.freeze_panes = "A2"
    band_col = header.index("band") if "band" in header else None
    ws.append([_header_cell(ws, name) for name in header])
    count = 0
    for row in rows:
        count += 1
        row = [None if v == "" else _cell(ws, v) for v in row]  # an empty cell: not written
        if band_col is not None and row[band_col] in BAND_COLOURS:
            row[band_col] = _band_cell(ws, row[band_col])
        ws.append(row)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"


def _xml_text(value):
    """A cell's value as a worksheet can hold it (text without control characters)."""
    if not isinstance(value, str):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", _BREAKS.sub("\n", value))


def _cell(ws, value):
    """A cell's value, holdable (`_xml_text`); text a spreadsheet would run as a formula is
    written as a text cell (type s, quote prefix): the text itself, never run."""
    value = _xml_text(plain_cell(value))
    if not runs_as_formula(value):
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type, cell.quotePrefix = "s", True
    return cell


def _header_cell(ws, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    return cell


def _band_cell(ws, band: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=_xml_text(band))
    cell.fill = PatternFill("solid", fgColor=BAND_COLOURS[band].lstrip("#"))
    cell.font = Font(bold=True, color=BAND_TEXT_COLOURS[band].lstrip("#"))
    return cell


def _summary_sheet(wb: Workbook, report: Report) -> None:
    ws = wb.create_sheet("Summary")
    for col, width in zip("ABCDEF", (34, 16, 12, 12, 12, 14), strict=True):
        ws.column_dimensions[col].width = width
    run, s = report.run, report.summary
    bold = Font(bold=True, size=14)
    title = WriteOnlyCell(ws, value=_cell(ws, f"Ticket quality report: {report.rubric.name}"))
    title.font = bold
    ws.append([title])
    for label, value in (
        ("Session", f"{run.session_id} · {report.session_name}"),
        ("Rubric", f"{run.rubric_id} {run.rubric_version}"),
        ("Run", run.id),
        ("Judge", report.judge_label),
        ("Started (UTC)", _time(ws, run.started_at)),
        ("Tokens", _count(ws, run.tokens_in + run.tokens_out)),
        ("Cost (USD)", _dollars(ws, run.cost)),
        ("Tickets", _count(ws, s.tickets)),
        ("Scored", _count(ws, s.scored)),
        ("Could not grade", _count(ws, s.could_not_grade)),
        ("Passed", _count(ws, s.passed)),
        ("Too little to judge", _count(ws, s.too_little)),
        ("Pass rate (%)", _rate(ws, s.pass_rate)),
        ("Mean score (%)", _mean(ws, s.mean_percent)),
        ("Auto-fails", _count(ws, s.auto_fails)),
        ("Reviewed", _count(ws, s.reviewed)),
        ("With overrides", _count(ws, s.overridden)),
    ):
        ws.append([label, value if isinstance(value, Cell) else _cell(ws, value)])
    ws.append([])
    ws.append([_header_cell(ws, "Band"), _header_cell(ws, "Tickets")])
    for band, n in s.bands.items():
        ws.append(
            [_band_cell(ws, band) if band in BAND_COLOURS else _cell(ws, band), _count(ws, n)]
        )
    ws.append([])
    ws.append(
        [
            _header_cell(ws, v)
            for v in ("Criterion", "Failed", "Graded", "Failure %", "Not in export", "N/A", "Note")
        ]
    )
    for c in s.criteria:
        ws.append(
            [
                _cell(ws, c.title),
                _count(ws, c.failed),
                _count(ws, c.scored),
                _rate(ws, c.failure_rate),
                _count(ws, c.not_in_export),
                _count(ws, c.not_applicable),
                _cell(ws, c.note),
            ]
        )
    for heading, groups in (("Agent", s.agents), ("Assignment group", s.groups)):
        ws.append([])
        _group_table(ws, heading, groups)


def _group_table(ws, heading: str, groups: list[GroupFigures]) -> None:
    ws.append(
        [
            _header_cell(ws, v)
            for v in (heading, "Tickets", "Scored", "Passed", "Pass %", "Mean %", "Too little")
        ]
    )
    for g in groups:
        ws.append(
            [
                _cell(ws, g.name),
                _count(ws, g.tickets),
                _count(ws, g.scored),
                _count(ws, g.passed),
                _rate(ws, g.pass_rate),
                _mean(ws, g.mean_percent),
                _count(ws, g.too_little),
            ]
        )


def _rate(ws, rate: float | None) -> Cell | str:
    """A rate as a number to compute with (the fraction, 0.95) that reads as a percent
    ("95%"), with the decimals of tqrs.display.rate_text; "–" for no rate, as every page and
    report writes a figure there is none of (a blank cell read as a figure left out)."""
    if rate is None:
        return MISSING
    cell = WriteOnlyCell(ws, value=rate)
    cell.number_format = "0.0%" if rate_decimals(rate) else "0%"
    return cell


def _count(ws, n: int) -> Cell:
    """A count as a number that reads "1,307", as in the HTML report and on the pages."""
    cell = WriteOnlyCell(ws, value=n)
    cell.number_format = "#,##0"
    return cell


def _mean(ws, percent: float | None) -> Cell | str:
    """A mean score (a percent, 80.94) as a fraction that reads "80.9%", one decimal as the
    HTML report shows it, beside the rates, which are fractions too; "–" for none."""
    if percent is None:
        return MISSING
    cell = WriteOnlyCell(ws, value=percent / 100)
    cell.number_format = "0.0%"
    return cell


def _dollars(ws, amount: float) -> Cell:
    """Dollars with their cents and up to two more decimals (a run of a few calls costs
    $0.0123)."""
    cell = WriteOnlyCell(ws, value=round(amount, 4))
    cell.number_format = "#,##0.00##"
    return cell


def _time(ws, when: datetime) -> Cell:
    """A UTC time as a date Excel computes with (a worksheet has no time zones: the label
    says UTC), read to the minute."""
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    cell = WriteOnlyCell(ws, value=when.replace(microsecond=0))
    cell.number_format = "yyyy-mm-dd hh:mm"
    return cell
