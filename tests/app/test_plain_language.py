"""Words for analysts, not developers, and the finished look: the issue's list, page by page."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import open_app, scored_run, texts
from tqrs.reports.style import BAND_COLOURS


def _open_lowest(at: AppTest) -> AppTest:
    at.selectbox(key="review_sort").set_value("score").run()
    at.selectbox(key="review_open").set_value(at.session_state["review_page_ids"][0]).run()
    assert not at.exception, at.exception
    return at


def test_the_ticket_detail_says_who_scored_in_words(app_store):
    scored_run(app_store)
    page = texts(_open_lowest(open_app("review")))
    assert "Scored by a fixed rule" in page and "Scored by the offline checks (no LLM)" in page
    assert "method:" not in page
    assert "Offline check (no LLM): " in page and "offline heuristic" not in page
    assert "a email" not in page and "None" not in page


def test_the_review_table_colours_bands_as_the_rubric(app_store):
    scored_run(app_store)
    at = open_app("review")
    styles = at.dataframe[0].proto.arrow_data.styler.styles
    shown = set(at.dataframe[0].value["Band"])
    assert shown & set(BAND_COLOURS)
    for band in shown & set(BAND_COLOURS):
        assert f"background-color: {BAND_COLOURS[band]}".lower() in styles.lower()


def test_counts_agree_with_their_nouns(app_store):
    scored_run(app_store)
    at = open_app("review")
    at.text_input(key="review_text").input("INC0010007").run()
    page = texts(at)
    assert "1 ticket matches" in page and "Download this 1 ticket" in " ".join(
        e.label for e in at.expander
    )


def test_pages_name_rubrics_not_their_ids(app_store):
    scored_run(app_store)
    for page in (None, "review", "queue", "calibration"):
        at = open_app(page)
        labels = " ".join(
            [texts(at)]
            + [str(o) for box in at.selectbox for o in box.options]
            + [" ".join(map(str, df.value.astype(str).to_numpy().ravel())) for df in at.dataframe]
        )
        assert "Incident Logging" in labels, page
        assert "incident_logging" not in labels, page


def test_calibration_says_why_agreement_is_not_measured(app_store):
    scored_run(app_store)
    page = texts(open_app("calibration"))
    assert "undefined" not in page and "kappa undefined" not in page


def test_a_setup_error_names_no_variable_to_the_analyst(app_store, monkeypatch):
    monkeypatch.setenv("BATCH_CONCURRENCY", "0")
    at = open_app()
    assert at.error, "the setup error is shown"
    assert "BATCH_CONCURRENCY" not in at.error[0].value
    assert "administrator" in at.error[0].value
    details = [e for e in at.expander if e.label == "Details for the administrator"]
    assert details and "BATCH_CONCURRENCY" in details[0].code[0].value


@pytest.mark.parametrize(("judge", "remote"), [("offline", False), ("openai", True)])
def test_an_offline_run_shows_no_requests_tokens_or_cost(judge, remote):
    def page(judge: str) -> None:
        from datetime import datetime

        from app.widgets import render_progress
        from tqrs.engine.run import Progress
        from tqrs.results import RunInfo
        from tqrs.workbench import RunState

        run = RunInfo(
            id=1,
            session_id=1,
            rubric_id="r",
            rubric_version="1",
            rubric_json="{}",
            judge=judge,
            status="running",
            started_at=datetime(2026, 11, 30),
            tickets_total=400,
        )
        progress = Progress(run_id=1, total=400, done=150, elapsed=1.5, eta=2.5)
        render_progress(RunState(run, True, progress, 150))

    at = AppTest.from_function(page, args=(judge,)).run()
    assert not at.exception, at.exception
    labels = {m.label for m in at.metric}
    assert {"Done", "Could not grade", "Time left"} <= labels
    assert ("Requests under way" in labels) == remote
    assert ("Tokens" in labels) == remote and ("Cost" in labels) == remote
    assert "150 of 400 tickets" in at.get("progress")[0].proto.text
