"""The Reports page, driven by Streamlit's AppTest against a real database."""

import hashlib
import os

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import SCRIPT_TIMEOUT
from tests.conftest import ROOT
from tqrs.display import rate_text

PAGE = str(ROOT / "pages" / "reports.py")


@pytest.fixture(autouse=True)
def _fresh_store_resource():
    import streamlit as st

    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def test_page_without_a_run_says_so(hostile_run):
    store, run_id = hostile_run
    store.query("UPDATE runs SET status = 'interrupted' WHERE id = ?", [run_id])
    store.close()  # the page opens the database itself
    at = AppTest.from_file(PAGE, default_timeout=SCRIPT_TIMEOUT).run()
    assert not at.exception
    assert "has no completed evaluation yet" in at.info[0].value


def test_page_shows_the_summary_and_a_button_per_format(hostile_run):
    from tqrs.reports import load_report

    store, run_id = hostile_run
    summary = load_report(store, run_id).summary
    store.close()
    at = AppTest.from_file(PAGE, default_timeout=SCRIPT_TIMEOUT).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Tickets"] == f"{summary.tickets:,}"
    assert metrics["Pass rate"] == rate_text(summary.pass_rate)
    assert metrics["Mean score"] == f"{summary.mean_percent:.1f}%"
    assert "Offline results" in at.warning[0].value
    assert metrics["Auto-fails"] == f"{summary.auto_fails:,}"
    assert metrics["Overridden"] == f"{summary.overridden:,}"
    assert not at.get("download_button")  # the full report is loaded only when asked
    at.button(key="reports_prepare").click().run()
    assert len(at.get("download_button")) == 5


def test_band_chart_in_the_rubrics_order_and_colours(hostile_run):
    import json

    from tqrs.reports import load_report
    from tqrs.reports.style import BAND_COLOURS

    store, run_id = hostile_run
    bands = load_report(store, run_id).summary.bands
    store.close()
    at = AppTest.from_file(PAGE, default_timeout=SCRIPT_TIMEOUT).run()
    assert not at.exception
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    rubric_order = ["BLUE", "GREEN", "YELLOW", "RED", "PURPLE"]  # data/rubrics, best first
    shown = [b for b in rubric_order if b in bands]
    assert spec["encoding"]["x"]["sort"] == shown
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"] == shown
    assert scale["range"] == [BAND_COLOURS[b] for b in shown]


def test_the_page_says_where_another_database_keeps_its_copies(hostile_run, monkeypatch):
    """A database other than the default one (TQRS_DB alone, no TQRS_REPORTS_DIR) keeps its
    copies in a folder of its own inside reports/, named after the database and the first 8
    hex of the sha256 of its path (computed here); the page says that folder."""
    store, _ = hostile_run
    store.close()
    monkeypatch.delenv("TQRS_REPORTS_DIR")
    db = os.path.realpath(os.environ["TQRS_DB"])
    digest = hashlib.sha256(db.encode()).hexdigest()[:8]
    at = AppTest.from_file(PAGE, default_timeout=SCRIPT_TIMEOUT).run()
    assert not at.exception
    said = " ".join(c.value for c in at.caption)
    assert f"kept under reports/tqrs\\-{digest}/." in said, said  # the name Markdown-escaped
    assert not (ROOT / "reports" / f"tqrs-{digest}").exists()  # nothing written by looking


def test_a_run_of_only_too_little_tickets_shows_the_count_not_a_mean(store):
    """The page's summary shows the too-little count as a figure of its own (it was only in
    the pass rate's tooltip), and no mean score for a run with no ticket judged (its mean
    over the too-little tickets read 98.5 %)."""
    from tests.test_real_corpus import shared
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    path = shared("08_pdi_list_export.csv")  # 66 tickets, too little for the generic rubric
    session = ingest_files(store, [path], "list export").session_id
    evaluate_offline(store, session, "incident_quality")
    store.close()
    at = AppTest.from_file(PAGE, default_timeout=SCRIPT_TIMEOUT).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Pass rate"], metrics["Mean score"], metrics["Too little to judge"]) == (
        "–",
        "–",
        "66",
    )
