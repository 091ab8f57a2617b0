"""A manager shapes a rubric in Chromium: an invalid pass mark refused beside its field with
nothing saved; then an option renamed and worth other points and the pass mark lowered, the
preview's counts (worked out by hand from the earlier run's JSON report), the new version
saved and run from the Evaluate page; the new run's Review, JSON and HTML downloads carry the
new label and version, the earlier run's keep the old ones."""

import html
import json
import re

import duckdb
import pytest

from tests.app.test_page_rubrics import NEW_LABEL, NEW_POINTS, PASS_MARK, _expected_changes
from tests.browser.conftest import (
    ROOT,
    RUN_TIMEOUT,
    TIMEOUT,
    choose,
    open_page,
    settle,
    workbench,
)
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.reports import load_report, render
from tqrs.store import Store

pytestmark = pytest.mark.browser

SAMPLE = ROOT / "data" / "samples" / "incidents.json"
WORK_NOTES = "criteria_4_options_1"  # work_notes' "5" in incident_handling.json


def _enter(page, key: str, value: str) -> None:
    """Type into the input of the widget with `key` and commit it (Enter), as a person does."""
    box = page.locator(f".st-key-{key} input")
    box.fill(value)
    box.press("Enter")
    settle(page)


def _download(page, name: str) -> bytes:
    with page.expect_download(timeout=TIMEOUT) as got:
        page.get_by_role("button", name=name).click()
    return open(got.value.path(), "rb").read()


def _review_shows(page, url: str, run: int, version: str, number: str, label: str) -> None:
    open_page(page, f"{url}/review", "Review")
    choose(page, "Run", f"Run {run} ·")
    toggle = page.get_by_text(re.compile(rf"^Show the rubric\W*: Incident Handling v{version}$"))
    toggle.click()
    settle(page)
    page.get_by_text("Given for").first.wait_for(timeout=TIMEOUT)  # the rubric's options
    _enter(page, "review_text", number)
    choose(page, "Open ticket", number)
    points = NEW_POINTS if label == NEW_LABEL else 5
    page.get_by_text(f"Work-note hygiene — {label} · {points}/10").wait_for(timeout=TIMEOUT)


def _reports(page, url: str, run: int) -> tuple[dict, str]:
    open_page(page, f"{url}/reports", "Reports")
    choose(page, "Run", f"Run {run} ·")
    page.get_by_role("button", name="Prepare the downloads").click()
    settle(page)
    report = json.loads(_download(page, "JSON"))
    page_html = _download(page, "HTML report").decode()
    return report, page_html


def _html_options(page_html: str) -> set[str]:
    rows = re.findall(r'<tr data-option="work_notes">(.*?)</tr>', page_html, re.S)
    return {html.unescape(re.findall(r"<td>(.*?)</td>", row, re.S)[2]) for row in rows}


def test_a_manager_shapes_a_rubric(tmp_path, browser):
    db = tmp_path / "state" / "tqrs.duckdb"
    with Store(db) as store:
        session = ingest_files(store, [SAMPLE], "Sample incidents").session_id
        old_run = evaluate_offline(store, session, "incident_handling")
        old_report = json.loads(render(load_report(store, old_run), "json")[""])
    verdicts, failing, band_moves = _expected_changes(old_report)
    placeholder = next(  # a ticket whose work notes are placeholders only (the rule's "5")
        t["number"]
        for t in old_report["tickets"]
        if any(c["id"] == "work_notes" and c["option"] == "5" for c in t["criteria"])
    )

    with workbench(tmp_path, TQRS_DB=str(db), USER="Lee Manager", TQRS_EMBEDDER="fake") as server:
        url = server["url"]
        page = browser.new_page(viewport={"width": 1440, "height": 2400})
        open_page(page, f"{url}/rubrics", "Rubrics")
        choose(page, "Rubric", "Incident Handling")
        page.get_by_role("button", name="Edit a copy of this version").click()
        settle(page)

        # an invalid pass mark: the error beside the field, and Save refuses
        _enter(page, "rubrics_1_pass_threshold", "80")
        column = page.locator('[data-testid="stColumn"]').filter(
            has=page.locator(".st-key-rubrics_1_pass_threshold")
        )
        column.get_by_text("higher than max_points").wait_for(timeout=TIMEOUT)
        settle(page)  # a rerun under way showed the form twice (stale and new): 1 run of 3
        page.get_by_role("button", name="Save as a new version").click()
        page.get_by_text("Not saved: 1 problem, shown beside the fields").wait_for(timeout=TIMEOUT)

        _enter(page, "rubrics_1_pass_threshold", str(PASS_MARK))
        column.get_by_text("higher than max_points").wait_for(state="detached", timeout=TIMEOUT)
        _enter(page, f"rubrics_1_{WORK_NOTES}_label", NEW_LABEL)
        _enter(page, f"rubrics_1_{WORK_NOTES}_points", str(NEW_POINTS))
        page.get_by_role("button", name="Preview", exact=True).click()
        page.get_by_text(
            f"{verdicts} of 200 tickets would change verdict ({verdicts - failing} now pass, "
            f"{failing} now fail) and {band_moves} would change band."
        ).wait_for(timeout=RUN_TIMEOUT)
        page.get_by_role("button", name="Save as a new version").click()
        page.get_by_text("Saved Incident Handling as version 1.1+1").wait_for(timeout=TIMEOUT)
        settle(page)

        # export the new version; import a copy with a pass mark above the maximum: refused
        exported = json.loads(_download(page, "Export as JSON"))
        assert exported["version"] == "1.1+1" and exported["pass_threshold"] == PASS_MARK
        assert exported["criteria"][4]["options"][1] == {
            "label": NEW_LABEL,
            "kind": "points",
            "points": NEW_POINTS,
            "description": "Work notes exist but are placeholders only.",
        }
        bad = tmp_path / "too-high.json"
        bad.write_text(json.dumps({**exported, "pass_threshold": 71}))
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(bad)
        page.get_by_text(re.compile(r"too-high\.json\W*: pass_threshold\W*: higher than")).wait_for(
            timeout=TIMEOUT
        )
        assert page.get_by_role("button", name=re.compile("Edit the imported rubric")).count() == 0

        open_page(page, f"{url}/evaluate", "Evaluate")
        choose(page, "Rubric", "v1.1+1")
        page.get_by_role("button", name="Start evaluation").click()
        new_run = old_run + 1
        page.get_by_text(f"Run {new_run}: 200 of 200 tickets · completed").wait_for(
            timeout=RUN_TIMEOUT
        )
        _review_shows(page, url, new_run, r"1\.1\+1", placeholder, NEW_LABEL)
        _review_shows(page, url, old_run, r"1\.1", placeholder, "5")
        new_json, new_html = _reports(page, url, new_run)
        old_json, old_html = _reports(page, url, old_run)
        page.screenshot(path=tmp_path / "rubrics.png", full_page=True)
        server["server"].stop()

    for report, version, label, other in (
        (new_json, "1.1+1", NEW_LABEL, "5"),
        (old_json, "1.1", "5", NEW_LABEL),
    ):
        assert report["run"]["rubric_version"] == version
        options = {c["option"] for t in report["tickets"] for c in t["criteria"]
                   if c["id"] == "work_notes"}  # fmt: skip
        assert label in options and other not in options
    assert "<h2>Rubric: Incident Handling 1.1+1</h2>" in new_html
    assert "<h2>Rubric: Incident Handling 1.1</h2>" in old_html
    assert NEW_LABEL in _html_options(new_html) and "5" not in _html_options(new_html)
    assert "5" in _html_options(old_html) and NEW_LABEL not in _html_options(old_html)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute(
            "SELECT rubric_id, version, based_on FROM rubric_versions"
        ).fetchall() == [("incident_handling", "1.1+1", "1.1")]  # the refused edit saved nothing
        assert con.execute("SELECT id, rubric_version FROM runs ORDER BY id").fetchall() == [
            (old_run, "1.1"),
            (new_run, "1.1+1"),
        ]
