"""Self-contained HTML reports: the batch report of a run and the report of one ticket.

Safety: jinja2 autoescapes every value, so ticket text is shown, never run. The page's
Content-Security-Policy allows only scripts carrying this page's random nonce (plotly.js,
inlined from the installed package so the file opens offline, and the chart loader); an
injected <script> or event handler would be refused even if escaping ever failed."""

import secrets
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from tqrs.display import (
    isolate_bidi,
    plural,
    points_judged_text,
    rate_text,
    reference_text,
    status_text,
    verdict_text,
)
from tqrs.errors import InputError, NotFoundError
from tqrs.reports.charts import batch_charts, plotly_bundle, ticket_gauge
from tqrs.reports.data import Report, ReportTicket
from tqrs.reports.style import BAND_COLOURS, BAND_TEXT_COLOURS
from tqrs.rubric_outline import outline

TEMPLATES = Path(__file__).parent / "templates"
# The batch page lists at most this many tickets (lowest scores first): a page stays usable and
# small enough to mail; the CSV and Excel reports list every ticket.
MAX_LISTED_TICKETS = 5000


def batch_html(report: Report) -> bytes:
    """The run's report: summary figures, charts, criteria, agents, groups and tickets."""
    tickets = sorted(report.tickets, key=_lowest_first)[:MAX_LISTED_TICKETS]
    return _render(
        "batch.html.j2",
        report,
        batch_charts(report),
        tickets=tickets,
        cal=report.calibration,
        outline=outline(report.rubric),  # the run's own rubric version, options and all
    )


def ticket_html(report: Report, number: str) -> bytes:
    """One ticket's report: score gauge, every criterion with evidence, coaching, overrides."""
    ticket = find_ticket(report, number)
    charts = ticket_gauge(report, ticket) if ticket.score.status == "scored" else {}
    return _render("ticket.html.j2", report, charts, t=ticket)


def find_ticket(report: Report, number: str) -> ReportTicket:
    """The ticket named by its number, or by its id (the reports' `ticket_id`) for a number
    the run holds twice: a duplicated number is refused with the ids of its copies, never
    answered with whichever copy comes first."""
    copies = [t for t in report.tickets if t.number == number]
    if not copies and number.isdigit():
        copies = [t for t in report.tickets if t.ticket_id == int(number)]
    if len(copies) > 1:
        ids = ", ".join(str(t.ticket_id) for t in copies)
        raise InputError(
            f"run {report.run.id} holds {number} {len(copies)} times (ticket ids {ids}, the "
            f"ticket_id column of the CSV report): give the id of the one wanted, --ticket "
            f"{copies[-1].ticket_id}"
        )
    if not copies:
        raise NotFoundError(f"run {report.run.id} has no ticket {number!r}")
    return copies[0]


def _lowest_first(t: ReportTicket) -> tuple:
    s = t.score
    return (s.status == "scored", s.percent if s.percent is not None else 101, t.number)


def _render(template: str, report: Report, charts: dict[str, str], **context) -> bytes:
    page = (
        _environment()
        .get_template(template)
        .render(
            run=report.run,
            rubric=report.rubric,
            session_name=report.session_name,
            judge_label=report.judge_label,
            s=report.summary,
            charts=charts,
            plotly_js=plotly_bundle() if charts else "",
            nonce=secrets.token_urlsafe(18),
            band_colours=BAND_COLOURS,
            band_text_colours=BAND_TEXT_COLOURS,
            generated=report.generated_at.strftime("%Y-%m-%d %H:%M"),
            **context,
        )
    )
    return page.encode("utf-8")


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Every text shown (not the markup made safe: charts, the plotly bundle): one holding
        # direction controls (RLO…) turns nothing around it.
        finalize=lambda v: isolate_bidi(v) if type(v) is str else v,
    )
    env.filters["pct"] = rate_text  # a rate as on every page: "42%", "0.9%"
    env.filters["pct_value"] = lambda value: "–" if value is None else f"{value:.1f}%"
    env.filters["num"] = lambda value: f"{value:g}"
    env.filters["thousands"] = lambda n: f"{n:,}"  # a count: "12,345" in every table
    env.filters["dec"] = lambda value: "–" if value is None else f"{value:.2f}"
    env.filters["ref"] = reference_text  # a raw export's sys_ids as "sys_id 681b…"
    env.filters["status_text"] = status_text
    env.filters["judged"] = points_judged_text  # "20 of 120 points judged"
    env.filters["verdict_text"] = lambda sc: verdict_text(sc.status, sc.verdict, sc.auto_fail)
    env.filters["plural"] = plural  # "1 ticket", "2 tickets"
    return env
