"""A number a ticket has none of reads "–" in every table, as the pages' other missing figures
do; a count reads with its thousands separator, as in the metrics; a rate reads by one rule
on every page (tqrs.display.rate_text).

Hand-computed: three tickets of one agent without the text columns the Handling rubric reads
(tests.conftest.unjudged_run): nothing can be judged on any of them, so each is "not
assessable" with no score (tqrs.scoring)."""

import json

import pytest

from tests.app.conftest import cells_shown, open_app, scored_run
from tests.conftest import incident, unjudged_run, write_export
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files


@pytest.fixture
def unjudged(app_store, tmp_path):
    return unjudged_run(app_store, tmp_path)


def test_the_calibration_sample_shows_a_missing_score_as_a_dash(unjudged):
    at = open_app("calibration")
    tables = [t for t in at.dataframe if "Why" in t.value.columns]
    shown = [s for t in tables if len(t.value) for s in cells_shown(t)["Score %"]]
    assert shown == ["–", "–", "–"]


def test_the_agents_best_and_worst_show_a_missing_score_as_a_dash(unjudged):
    at = open_app("agents")
    tables = [t for t in at.dataframe if "Short description" in t.value.columns]
    assert len(tables) == 2  # best, worst
    for table in tables:
        assert cells_shown(table)["Score %"] == ["–", "–", "–"]


def test_home_counts_with_a_thousands_separator(app_store, tmp_path):
    path = write_export(tmp_path / "big.json", [incident(n) for n in range(1, 1001)])
    session = ingest_files(app_store, [path], "big").session_id
    evaluate_offline(app_store, session, "incident_logging")
    at = open_app()
    # a number, shown "1,000" by its column's format (the browser formats it)
    assert list(at.dataframe[0].value["Scored"]) == [1000]
    assert json.loads(at.dataframe[0].proto.columns)["Scored"]["type_config"]["format"] == "%,d"


def test_a_pass_rate_reads_the_same_on_home_agents_and_reports(app_store):
    """Home and Agents rounded the run's rate to a whole percent, Reports to one decimal."""
    from tqrs.store.runs import run_summary

    _, run = scored_run(app_store)
    rate = run_summary(app_store, run).pass_rate
    home = cells_shown(open_app().dataframe[0])["Pass rate"][0]
    reports = {m.label: m.value for m in open_app("reports").metric}["Pass rate"]
    assert home == reports
    agents = open_app("agents")
    agents.segmented_control(key="agents_kind").set_value("group").run()
    groups = cells_shown(agents.dataframe[0])["Pass rate"]
    assert home.endswith("%") and abs(float(home[:-1]) - 100 * rate) <= 0.5
    assert all(r.endswith("%") or r == "–" for r in groups)


def test_rate_columns_sort_as_numbers(app_store):
    """Home's and Agents' rate columns (Calibration's: test_page_calibration) held rate_text's strings, so a click on
    the header sorted them as text ("100%" before "95%", "5.0%" after "42%"). They hold the
    rates (fractions), shown as the metrics write them: a shown "42%" is the rate 0.42 to
    the nearest percent, a shown "–" no rate."""
    scored_run(app_store)

    def check(table, column: str) -> None:
        values = table.value[column]
        assert values.dtype == "float64", (column, values.dtype)
        for value, text in zip(values, cells_shown(table)[column], strict=True):
            if text == "–":
                assert value != value, (column, value)  # NaN: no rate
            else:  # to the tenth of a percent, or the whole percent, shown
                tolerance = 0.05 if "." in text else 0.5
                assert text.endswith("%"), (column, text)
                assert abs(float(text[:-1]) - 100 * value) <= tolerance, (column, value, text)

    check(open_app().dataframe[0], "Pass rate")
    agents = open_app("agents")
    check(agents.dataframe[0], "Pass rate")
    means = agents.dataframe[0].value["Mean %"]
    assert means.dtype == "float64"
    assert cells_shown(agents.dataframe[0])["Mean %"] == [f"{m:.1f}" for m in means]
    check(agents.dataframe[1], "Failure rate")
    check(agents.dataframe[1], "Team rate")
    agents.segmented_control(key="agents_kind").set_value("group").run()
    check(agents.dataframe[0], "Pass rate")
