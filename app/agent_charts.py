"""Plotly figures of a profile: criteria failure rates against the team (radar), the trend
of the mean score across runs or weeks, and the band mix. Labels are rubric titles, agent and
group names and run or week labels, never ticket text; plotly reads a subset of HTML in
labels, so every one goes through `plotly_label`."""

import textwrap

import plotly.graph_objects as go

from tqrs.agents import Profile, TrendPoint
from tqrs.display import in_group, plural
from tqrs.reports.charts import plotly_label
from tqrs.reports.style import NO_BAND_COLOUR, band_colours

_LAYOUT = dict(margin=dict(l=30, r=30, t=40, b=30), height=340, template="plotly_white")


def radar_figure(profile: Profile) -> go.Figure:
    """Share of applicable tickets passing each criterion (1 - failure rate), against the
    team's: further out is better."""
    rated = [c for c in profile.criteria if c.failure_rate is not None or c.team_rate is not None]
    theta = [_wrapped(c.title) for c in rated]
    fig = go.Figure()
    fig.add_trace(
        go.Scatterpolar(
            r=[None if c.team_rate is None else 100 * (1 - c.team_rate) for c in rated],
            theta=theta,
            fill="toself",
            name=plotly_label(in_group("team", profile.team)),
            opacity=0.45,
        )
    )
    fig.add_trace(
        go.Scatterpolar(
            r=[None if c.failure_rate is None else 100 * (1 - c.failure_rate) for c in rated],
            theta=theta,
            fill="toself",
            name=plotly_label(profile.name),
        )
    )
    fig.update_layout(
        title="Criteria met (% of applicable tickets)",
        polar=dict(radialaxis=dict(range=[0, 100]), domain=dict(x=[0.12, 0.88])),
        legend=dict(orientation="h", y=-0.12),
        **(_LAYOUT | dict(margin=dict(l=90, r=90, t=50, b=50), height=440)),
    )
    return fig


def _wrapped(title: str, width: int = 16) -> str:
    """A criterion title on lines of about `width` characters, each escaped: a long title on
    one line runs off the radar's edge."""
    return "<br>".join(plotly_label(line) for line in textwrap.wrap(title, width) or [""])


def trend_figure(points: list[TrendPoint], title: str) -> go.Figure:
    """Mean score (line) and pass rate (dotted) by run or by week."""
    x = [plotly_label(p.label) for p in points]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[p.mean_percent for p in points],
            mode="lines+markers",
            name="mean %",
            text=[plural(p.tickets, "ticket") for p in points],
        )
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[None if p.pass_rate is None else 100 * p.pass_rate for p in points],
            mode="lines+markers",
            name="pass rate %",
            line=dict(dash="dot"),
        )
    )
    # Categories: a week's label "2025-12-08" read as a date zoomed a one-week axis to ms.
    fig.update_layout(
        title=plotly_label(title),
        xaxis=dict(type="category"),
        yaxis=dict(range=[0, 105]),
        **_LAYOUT,
    )
    return fig


def bands_figure(profile: Profile, bands: list[str]) -> go.Figure:
    """Tickets per band, in the rubric's band order (`bands`, best first; the names and
    colours are the rubric's), then any other band the profile counts (N/A)."""
    names = [b for b in bands if b in profile.bands]
    names += [b for b in profile.bands if b not in names]
    colours = band_colours(bands)
    fig = go.Figure(
        go.Bar(
            x=[plotly_label(b) for b in names],
            y=[profile.bands[b] for b in names],
            marker_color=[colours.get(b, NO_BAND_COLOUR) for b in names],
        )
    )
    fig.update_layout(title="Band mix", yaxis_title="tickets", **_LAYOUT)
    return fig
