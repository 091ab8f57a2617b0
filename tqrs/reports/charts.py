"""The plotly charts of the HTML reports, as figure JSON that is safe inside an HTML page.

Labels come from the rubric (criterion titles, band names), never from ticket text; they are
still HTML-escaped because plotly reads a subset of HTML in labels. The JSON is embedded as a
data block (`<script type="application/json">`) with <, > and & written as \\u escapes, so no
label can close the element, and one nonce'd script draws every chart."""

import html

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from tqrs.display import rate_text
from tqrs.reports.data import Report, ReportTicket
from tqrs.reports.style import NO_BAND_COLOUR, band_colours

_LAYOUT = dict(
    margin=dict(l=10, r=10, t=40, b=10),
    height=320,
    template="plotly_white",
    font=dict(family="Segoe UI, Helvetica, Arial, sans-serif", size=12),
)


def plotly_bundle() -> str:
    """plotly.js from the installed plotly package, to inline once per page."""
    return get_plotlyjs()


def figure_json(fig: go.Figure) -> str:
    """The figure as JSON that can sit inside a <script type="application/json"> element."""
    return (
        fig.to_json(validate=False)
        .replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
    )


def batch_charts(report: Report) -> dict[str, str]:
    """Chart id -> figure JSON for the batch report."""
    s = report.summary
    colours = band_colours([b.name for b in report.rubric.bands])
    bands = go.Figure(
        go.Bar(
            x=[plotly_label(b) for b in s.bands],
            y=list(s.bands.values()),
            text=list(s.bands.values()),
            marker_color=[colours.get(b, NO_BAND_COLOUR) for b in s.bands],
        )
    )
    bands.update_layout(title="Tickets by band", yaxis_title="tickets", **_LAYOUT)
    histogram = go.Figure(
        go.Bar(
            x=[f"{lo}–{hi}" for lo, hi, _ in s.histogram],
            y=[n for _, _, n in s.histogram],
            marker_color="#34495E",
        )
    )
    histogram.update_layout(
        title="Score distribution (percent)", yaxis_title="tickets", bargap=0.05, **_LAYOUT
    )
    histogram.update_layout(margin_b=60)  # the slanted bin labels, inside the chart's box
    ordered = list(reversed(s.criteria))
    # A criterion graded on no ticket has no bar: its row says why, in the criteria table's
    # words ("not in export on every ticket", "N/A on every ticket"), not an empty row.
    failures = go.Figure(
        go.Bar(
            y=[plotly_label(c.title) for c in ordered],
            x=[round((c.failure_rate or 0) * 100, 1) for c in ordered],
            orientation="h",
            marker_color="#D13B3B",
            text=[c.note or rate_text(c.failure_rate) for c in ordered],
            textposition=["outside" if c.failure_rate is None else "auto" for c in ordered],
        )
    )
    failures.update_layout(
        title="Criterion failure rate (% of graded tickets)", xaxis=dict(range=[0, 100]), **_LAYOUT
    )
    # Room below for the x axis: with the default bottom margin its labels were drawn past
    # the chart's box, over the "Criteria" heading that follows.
    failures.update_layout(height=max(320, 40 * len(ordered) + 110), margin_l=260, margin_b=50)
    return {
        "chart-bands": figure_json(bands),
        "chart-histogram": figure_json(histogram),
        "chart-failures": figure_json(failures),
    }


def ticket_gauge(report: Report, ticket: ReportTicket) -> dict[str, str]:
    """Chart id -> figure JSON: the ticket's score as a gauge over the rubric's bands."""
    steps, upper = [], 100.0
    colours = band_colours([b.name for b in report.rubric.bands])
    for band in report.rubric.bands:  # highest first
        steps.append(dict(range=[band.min_percent, upper], color=colours[band.name]))
        upper = band.min_percent
    fig = go.Figure(
        go.Indicator(
            mode="gauge+number",
            value=ticket.score.percent or 0,
            number=dict(suffix="%"),
            gauge=dict(
                axis=dict(range=[0, 100]),
                bar=dict(color="#1A1A1A", thickness=0.25),
                steps=steps,
                threshold=dict(
                    line=dict(color="#1A1A1A", width=3),
                    thickness=0.9,
                    value=report.rubric.pass_percent,
                ),
            ),
        )
    )
    fig.update_layout(**{**_LAYOUT, "height": 260, "margin": dict(l=30, r=30, t=20, b=10)})
    return {"chart-gauge": figure_json(fig)}


def plotly_label(text: str) -> str:
    """Text for a plotly label, title, axis or legend entry: plotly renders a subset of HTML
    in them (links among it), so the text is escaped."""
    return html.escape(text, quote=False)
