"""Home's pass rate by run: bars on the whole 0-100 scale, and each run's label whole."""

import json

from tests.app.conftest import open_app, scored_run
from tqrs.store.runs import list_runs


def test_pass_rates_are_drawn_on_the_whole_scale_with_whole_labels(app_store):
    scored_run(app_store)
    at = open_app()
    (chart,) = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    encoding = spec["encoding"]
    assert encoding["x"]["scale"]["domain"] == [0, 100]
    (run,) = list_runs(app_store)
    label = f"Run {run.id} · Incident Logging"
    # Vega-Lite cuts an axis label at labelLimit pixels (default 100, about 14 characters)
    assert encoding["y"]["axis"]["labelLimit"] >= 7 * len(label)
