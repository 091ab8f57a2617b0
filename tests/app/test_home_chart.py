"""Home's pass rate by run: bars on the whole 0-100 scale, and each run's label whole."""

import json

from tests.app.conftest import open_app, scored_run
from tqrs.store.runs import list_runs


def _layer(spec: dict, mark: str) -> dict:
    """The chart's layer (or the chart itself) drawn with `mark`; KeyError when none is."""
    for layer in spec.get("layer", [spec]):
        if mark in (
            layer["mark"],
            layer["mark"].get("type") if isinstance(layer["mark"], dict) else None,
        ):
            return layer
    raise KeyError(f"no {mark} layer in the chart")


def test_pass_rates_are_drawn_on_the_whole_scale_with_whole_labels(app_store):
    scored_run(app_store)
    at = open_app()
    (chart,) = at.get("vega_lite_chart")
    encoding = _layer(json.loads(chart.proto.spec), "bar")["encoding"]
    assert encoding["x"]["scale"]["domain"] == [0, 100]
    (run,) = list_runs(app_store)
    label = f"Run {run.id} · Incident Logging"
    # Vega-Lite cuts an axis label at labelLimit pixels (default 100, about 14 characters)
    assert encoding["y"]["axis"]["labelLimit"] >= 7 * len(label)


def test_a_run_with_nothing_judged_keeps_its_row(app_store, tmp_path):
    """Two tickets without the text columns the Handling rubric reads (description, journal,
    close notes and code): nothing can be judged, the run has no pass rate and no bar. Its row
    was dropped with the missing value (the table below listed the run, the chart did not);
    the chart now writes on it that nothing could be judged."""
    import pyarrow as pa

    from tests.conftest import incident, write_export
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    text = ("description", "work_notes", "comments", "close_notes", "close_code")
    records = [{k: v for k, v in incident(n).items() if k not in text} for n in (1, 2)]
    path = write_export(tmp_path / "list.json", records)
    session = ingest_files(app_store, [path], "list").session_id
    evaluate_offline(app_store, session, "incident_handling")
    at = open_app()
    (chart,) = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    (dataset,) = chart.proto.datasets
    rows = pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
    (row,) = [r for r in rows if r["run"] == "Run 1 · Incident Handling"]
    assert row["pass rate %"] is None
    assert row["note"] == "no verdict (2 too little to judge)"
    # a layer writes the note on the run's row (the bar alone drew nothing for it)
    encoding = _layer(spec, "text")["encoding"]
    assert (encoding["text"]["field"], encoding["y"]["field"]) == ("note", "run")
