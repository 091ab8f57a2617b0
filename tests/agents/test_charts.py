"""The profile figures: plotly reads a subset of HTML in its labels (links among it), so every
label that comes from names or a user rubric is escaped."""

import json

from app.agent_charts import bands_figure, radar_figure, trend_figure
from tqrs.agents import CriterionRate, Profile, TrendPoint

HOSTILE = '<a href="http://127.0.0.1:9/x">x</a><img src=x onerror=alert(1)><b>b</b>'


def test_names_titles_and_labels_reach_plotly_escaped():
    profile = Profile(
        kind="agent",
        name=HOSTILE,
        team=HOSTILE,
        tickets=3,
        scored=3,
        mean_percent=50.0,
        pass_rate=0.5,
        auto_fails=0,
        bands={"RED": 3},
        criteria=[
            CriterionRate(
                criterion_id="c",
                title=HOSTILE,
                applicable=3,
                failed=1,
                failure_rate=1 / 3,
                team_rate=0.5,
            )
        ],  # fmt: skip
        run_trend=[],
        week_trend=[],
        best=[],
        worst=[],
    )
    points = [TrendPoint(label=HOSTILE, mean_percent=50.0, pass_rate=0.5, tickets=3)]
    for fig in (
        radar_figure(profile),
        trend_figure(points, HOSTILE),
        bands_figure(profile, ["RED"]),
    ):
        text = json.dumps(fig.to_plotly_json()["data"]) + json.dumps(
            fig.to_plotly_json()["layout"].get("title", {})
        )
        # The radar wraps long titles with plotly's line break, its only markup.
        text = text.replace("<br>", "")
        assert "<" not in text and ">" not in text, text
    assert "&lt;a href=" in json.dumps(radar_figure(profile).to_plotly_json()["data"])
