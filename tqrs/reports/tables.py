"""The rows of the tabular reports (CSV and Excel share them): one per ticket, and a long
table with one per ticket × criterion. Both end with the ticket's id, which tells apart two
records of one number (kept both by ingestion) and joins the two tables; who marked a ticket
reviewed and who overrode a criterion are the identities the workbench recorded.

Every text cell goes through `safe_cell`: a spreadsheet runs a cell that starts with =, +, -, @,
a tab or a carriage return as a formula (`=HYPERLINK(...)` in a ticket would become a live
link), so such text is prefixed with an apostrophe in the CSV, as OWASP advises for CSV
injection, and written as a text cell in the Excel report (the text itself, shown and read as
text, never run; the apostrophe would show there as part of it). So is
text whose first character after blanks (spaces, line breaks, tabs, NUL) is one of them, since
importers strip those (Google Sheets, LibreOffice's "trim spaces"), and text starting with
their full-width forms ＝ ＋ － ＠, which Excel with an East Asian input method reads as them.
Numbers are written as numbers and are never negative here (deductions are shown as the
points deducted), so no cell of either format starts with a formula character."""

import re
from collections.abc import Iterator

from tqrs.display import points_judged_text, status_text
from tqrs.reports.data import Report
from tqrs.results import TOO_LITTLE

_SIGNS = "=+-@\uff1d\uff0b\uff0d\uff20"  # = + - @ and their full-width forms
FORMULA_STARTS = (*_SIGNS, "\t", "\r")
# A tab or carriage return first, or a sign first after blanks.
_RUNNABLE = re.compile(rf"[\t\r]|[\s\x00]*[{re.escape(_SIGNS)}]")

TICKET_HEADER = (
    "number",
    "agent",
    "group",
    "category",
    "score",
    "max",
    "rubric_max",
    "judged",
    "percent",
    "band",
    "pass",
    "verdict",
    "auto_fail",
    "judge",
    "failed_criteria",
    "reviewed",
    "reviewed_by",
    "reviewed_at",
    "overridden",
    "status",
    "ticket_id",
)
CRITERION_HEADER = (
    "number",
    "agent",
    "group",
    "criterion_id",
    "criterion",
    "method",
    "status",
    "option",
    "points",
    "max",
    "deducted",
    "auto_fail",
    "evidence",
    "reasoning",
    "coaching",
    "judged_option",
    "override_option",
    "override_note",
    "override_by",
    "override_at",
    "ticket_id",
)


def plain_cell(value):
    """The value as a table cell: "" for nothing, yes/no, a number, else its text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    return str(value)


def runs_as_formula(value) -> bool:
    """Whether a spreadsheet would run this cell's text as a formula."""
    return isinstance(value, str) and bool(_RUNNABLE.match(value))


def safe_cell(value):
    """The value as a CSV cell that cannot run as a formula (an apostrophe before such text;
    the Excel report writes it as a text cell instead: `xlsx_report`)."""
    value = plain_cell(value)
    return "'" + value if runs_as_formula(value) else value


def _minute(at) -> str:
    """A stored time (UTC) as the tabular reports write it."""
    return at.strftime("%Y-%m-%d %H:%M")


def ticket_rows(report: Report, cell=safe_cell) -> Iterator[tuple]:
    """One row per ticket, in TICKET_HEADER order, each value through `cell` (made safe)."""
    judge = report.run.judge
    rubric_max = report.rubric.max_points
    for t in report.tickets:
        s = t.score
        scored = s.status == "scored"
        yield tuple(
            cell(v)
            for v in (
                t.number,
                t.agent,
                t.group,
                t.category,
                s.score if scored else None,
                s.max_points if scored else None,
                rubric_max,
                points_judged_text(s.max_points, rubric_max) if scored else None,
                s.percent if scored else None,
                s.band if scored else None,
                s.passed if scored and s.verdict != TOO_LITTLE else None,
                s.verdict if scored else None,
                s.auto_fail,
                judge,
                " ".join(t.failed_criteria),
                t.reviewed,
                t.review.reviewer if t.review else None,
                _minute(t.review.reviewed_at) if t.review else None,
                t.overridden,
                "scored" if scored else "could not grade",
                t.ticket_id,
            )
        )


def criterion_rows(report: Report, cell=safe_cell) -> Iterator[tuple]:
    """One row per ticket × criterion, in CRITERION_HEADER order, each value through `cell`
    (made safe)."""
    for t in report.tickets:
        for c in t.criteria:
            r, o = c.result, c.override
            yield tuple(
                cell(v)
                for v in (
                    t.number,
                    t.agent,
                    t.group,
                    r.criterion_id,
                    r.title,
                    r.method,
                    status_text(r.status),
                    r.option,
                    r.points,
                    r.max_points,
                    -r.deduction,
                    r.auto_fail,
                    r.evidence,
                    r.reasoning,
                    r.coaching,
                    c.judged_option,
                    o.option if o else None,
                    o.note if o else None,
                    o.author if o else None,
                    _minute(o.created_at) if o and o.created_at else None,
                    t.ticket_id,
                )
            )
