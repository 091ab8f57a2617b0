"""The Rubrics page with a signed-in manager (Streamlit's [auth] secrets, st.user as AppTest
simulates it): a copy edited (an option renamed and worth other points, the pass mark), the
preview's counts, the new version saved and used by a run from the Evaluate page, whose
Review, JSON and HTML reports carry the new label while an earlier run keeps the old version;
an invalid edit refused at its field with nothing saved; an analyst reads only.

The preview's expected counts are worked out by hand from the earlier run's JSON report (read
with the json module): each ticket's points recomputed with the edit, by the scoring rules of
DESIGN.md."""

import html
import json
import re

from streamlit.testing.v1 import AppTest

from tests.app.conftest import (
    AUTH,
    MAIN,
    ROOT,
    SAMPLE,
    SCRIPT_TIMEOUT,
    open_app,
    shown,
    texts,
    wait_for_jobs,
)
from tqrs import people
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.reports import load_report, render

LISTS = {"admin": [], "manager": ["lee@acme.org"], "analyst": ["@acme.org"]}
MANAGER = {"is_logged_in": True, "email": "lee@acme.org", "name": "Lee Lead"}
ANALYST = {"is_logged_in": True, "email": "ann@acme.org", "name": "Ann"}
WORK_NOTES = 4  # the criterion's place in incident_handling.json
NEW_LABEL = "Placeholders only"
NEW_POINTS = 2  # instead of 5
PASS_MARK = 55  # instead of 63 of 70


def _app(user: dict, page: str) -> AppTest:
    at = AppTest.from_file(MAIN, default_timeout=SCRIPT_TIMEOUT)
    at.secrets.update(AUTH)
    at.user = user
    at.run()
    at.switch_page(f"../pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def _rubric_shown(at: AppTest) -> list[str]:
    """The rubric the page offers to show (its toggle's label), shown (its text)."""
    toggles = [t for t in at.toggle if t.key and t.key.endswith("_show_rubric")]
    for t in toggles:
        if not t.value:
            t.set_value(True).run()
    assert not at.exception, at.exception
    labels = [
        shown(t.label).removeprefix("Show the rubric: ")
        for t in at.toggle
        if t.key and t.key.endswith("_show_rubric")
    ]
    return [f"Rubric: {label}" for label in labels]


def _report(store, run_id: int, fmt: str) -> bytes:
    return render(load_report(store, run_id), fmt)[""]


def _expected_changes(report: dict) -> tuple[int, int, int]:
    """(verdicts changed, of them now failing, bands changed) when work_notes' "5" is worth
    NEW_POINTS and the pass mark is PASS_MARK of 70: by hand from each ticket's criteria in the
    report."""
    bands = [(95, "BLUE"), (90, "GREEN"), (75, "YELLOW"), (50, "RED"), (0, "PURPLE")]
    verdicts = failing = band_moves = 0
    for t in report["tickets"]:
        applicable = [c for c in t["criteria"] if c["applicable"] and c["status"] == "scored"]
        maximum = sum(c["max"] for c in applicable)
        earned = sum(
            NEW_POINTS if c["id"] == "work_notes" and c["option"] == "5" else c["points"]
            for c in applicable
        )
        deduction = sum(c["deduction"] for c in t["criteria"])
        if maximum == 0:
            continue  # no percent: neither version gives a band by points
        if maximum * 2 < 70 and not t["auto_fail"] and not deduction:
            continue  # judged on under half the 70 points: too little to judge in both
        percent = round(max(0, min(maximum, earned + deduction)) / maximum * 100, 2)
        passed = not t["auto_fail"] and percent >= PASS_MARK / 70 * 100 - 1e-9
        band = t["band"] if t["auto_fail"] else next(b for m, b in bands if percent >= m)
        verdicts += passed != t["passed"]
        failing += t["passed"] and not passed
        band_moves += band != t["band"]
    return verdicts, failing, band_moves


def test_a_manager_edits_previews_saves_and_runs_a_new_version(app_store):
    people.save_role_lists(LISTS)
    session = ingest_files(app_store, [SAMPLE], "Sample incidents").session_id
    old_run = evaluate_offline(app_store, session, "incident_handling")
    old_report = json.loads(_report(app_store, old_run, "json"))

    at = _app(MANAGER, "rubrics")
    at.selectbox(key="rubrics_pick").set_value("incident_handling").run()
    assert "Rubric: Incident Handling v1.1" in _rubric_shown(at)
    at.button(key="rubrics_edit").click().run()
    prefix = f"rubrics_{at.session_state['rubrics_gen']}_criteria_{WORK_NOTES}_options_1"
    assert at.text_input(key=f"{prefix}_label").value == "5"
    at.text_input(key=f"{prefix}_label").input(NEW_LABEL)
    at.number_input(key=f"{prefix}_points").set_value(NEW_POINTS)
    at.number_input(key=f"rubrics_{at.session_state['rubrics_gen']}_pass_threshold").set_value(
        float(PASS_MARK)
    )
    at.run()
    assert not at.error, [e.value for e in at.error]

    at.button(key="rubrics_preview_go").click().run()
    verdicts, failing, band_moves = _expected_changes(old_report)
    assert verdicts and band_moves  # the edit changes something on this sample
    assert (
        f"{verdicts} of 200 tickets would change verdict ({verdicts - failing} now pass, "
        f"{failing} now fail) and {band_moves} would change band." in texts(at)
    )

    at.button(key="rubrics_save").click().run()
    assert not at.exception, at.exception
    assert "Saved Incident Handling as version 1.1+1" in texts(at)
    assert app_store.query(
        "SELECT rubric_id, version, based_on, saved_by FROM rubric_versions"
    ) == [("incident_handling", "1.1+1", "1.1", "lee@acme.org")]
    assert at.dataframe[0].value["Version"].tolist() == ["1.1", "1.1+1"]

    # a run with the new version, started on the Evaluate page
    ev = _app(MANAGER, "evaluate")
    current = [r for r in ev.selectbox(key="evaluate_rubric").options if "Handling" in r]
    assert current == [f"Incident Handling (v1.1+1, 70 pts, pass at {PASS_MARK})"]
    ev.selectbox(key="evaluate_rubric").set_value(_current("incident_handling")).run()
    assert "Rubric: Incident Handling v1.1+1" in _rubric_shown(ev)
    ev.button(key="evaluate_start").click().run()
    new_run = ev.session_state["evaluate_run_id"]
    wait_for_jobs()

    relabelled = app_store.query(
        "SELECT min(ticket_id) FROM criterion_results WHERE run_id = ? AND criterion_id = "
        "'work_notes' AND option = ?",
        [new_run, NEW_LABEL],
    )[0][0]
    assert relabelled is not None
    for run_id, version, label in ((new_run, "1.1+1", NEW_LABEL), (old_run, "1.1", "5")):
        review = _app(MANAGER, "review")
        review.selectbox(key="review_run").set_value(run_id).run()
        review.selectbox(key="review_open").set_value(relabelled).run()
        assert not review.exception, review.exception
        assert f"Rubric: Incident Handling v{version}" in _rubric_shown(review)
        options = review.selectbox(key=f"review_option_{relabelled}_work_notes").options
        assert any(o.startswith(f"{label} · ") for o in options)
        assert not any(o.startswith(f"{'5' if label == NEW_LABEL else NEW_LABEL} · ")
                       for o in options)  # fmt: skip
        report = json.loads(_report(app_store, run_id, "json"))
        assert report["run"]["rubric_version"] == version
        labels = {c["option"] for t in report["tickets"] for c in t["criteria"]
                  if c["id"] == "work_notes"}  # fmt: skip
        assert label in labels
        page = _report(app_store, run_id, "html").decode()
        assert f"<h2>Rubric: Incident Handling {version}</h2>" in page
        assert label in _html_options(page, "work_notes")


def _html_options(page: str, criterion: str) -> list[str]:
    """The option labels the HTML report's rubric table lists for a criterion."""
    rows = re.findall(rf'<tr data-option="{criterion}">(.*?)</tr>', page, re.S)
    return [html.unescape(re.findall(r"<td>(.*?)</td>", row, re.S)[2]) for row in rows]


def _current(rubric_id: str):
    """The Rubric object the Evaluate page offers for `rubric_id` (its current version)."""
    from app.resources import get_store
    from tqrs.rubric_versions import current_rubric

    return current_rubric(get_store(), rubric_id)


def test_an_invalid_edit_is_refused_at_its_field(app_store):
    people.save_role_lists(LISTS)
    at = _app(MANAGER, "rubrics")
    at.selectbox(key="rubrics_pick").set_value("incident_handling").run()
    at.button(key="rubrics_edit").click().run()
    gen = at.session_state["rubrics_gen"]
    at.number_input(key=f"rubrics_{gen}_pass_threshold").set_value(80.0).run()
    assert [shown(e.value) for e in at.error] == ["pass_threshold: higher than max_points"]
    at.button(key="rubrics_save").click().run()
    assert "Not saved: 1 problem, shown beside the fields: pass_threshold: higher than " in (
        texts(at)
    )
    assert app_store.query("SELECT count(*) FROM rubric_versions") == [(0,)]


def test_an_analyst_reads_but_does_not_edit(app_store):
    people.save_role_lists(LISTS)
    at = _app(ANALYST, "rubrics")
    assert "Managers and admins edit rubrics" in texts(at)
    assert "rubrics_edit" not in [b.key for b in at.button]
    assert "Rubric: Incident Handling v1.1" in _rubric_shown(at)  # the first file, to read


def test_evaluate_moves_to_a_version_saved_meanwhile(app_store):
    from tqrs.rubric import load_rubric
    from tqrs.rubric_edit import check_draft, new_draft
    from tqrs.rubric_versions import save_version

    ingest_files(app_store, [SAMPLE], "Sample incidents")
    at = AppTest.from_file(MAIN, default_timeout=SCRIPT_TIMEOUT)
    at.run()
    at.switch_page("../pages/evaluate.py").run()
    at.selectbox(key="evaluate_rubric").set_value(_current("incident_logging")).run()
    base = load_rubric("incident_logging")
    draft = new_draft(base)
    draft["pass_threshold"] = PASS_MARK
    save_version(app_store, check_draft(draft)[0], base, "lee@acme.org")
    at.run()  # another manager saved a version since this page was drawn
    assert not at.exception, at.exception
    chosen = at.session_state["evaluate_rubric"]
    assert (chosen.id, chosen.version, chosen.pass_threshold) == ("incident_logging", "1.1+1", 55)


def test_switching_a_criterion_off_asks_for_the_maximum_at_its_field(app_store):
    at = open_app("rubrics")
    at.selectbox(key="rubrics_pick").set_value("incident_handling").run()
    at.button(key="rubrics_edit").click().run()
    gen = at.session_state["rubrics_gen"]
    at.toggle(key=f"rubrics_{gen}_criteria_1_enabled").set_value(False).run()  # 10 points
    assert "The criteria in use add up to 60 points." in texts(at)
    assert [shown(e.value) for e in at.error] == [
        "max_points: 70 but the criteria's maximum points sum to 60"
    ]
    at.number_input(key=f"rubrics_{gen}_max_points").set_value(60)
    at.number_input(key=f"rubrics_{gen}_pass_threshold").set_value(54.0).run()
    assert not at.error
    at.button(key="rubrics_save").click().run()
    saved = json.loads(app_store.query("SELECT rubric_json FROM rubric_versions")[0][0])
    assert "resolution_notes" not in [c["id"] for c in saved["criteria"]]
    assert (saved["max_points"], saved["pass_threshold"]) == (60, 54)


def test_a_manager_makes_an_earlier_version_current_again(app_store):
    """Restoring v1.1 after an edit saves v1.1's content as a new version: the file's pass
    mark is back, the edited version stays in the history."""
    from tqrs.rubric import load_rubric
    from tqrs.rubric_edit import check_draft, new_draft
    from tqrs.rubric_versions import current_rubric, rubric_versions, save_version

    people.save_role_lists(LISTS)
    base = load_rubric("incident_logging")
    draft = new_draft(base)
    draft["pass_threshold"] = PASS_MARK
    save_version(app_store, check_draft(draft)[0], base, "lee@acme.org")
    at = _app(MANAGER, "rubrics")
    at.selectbox(key="rubrics_pick").set_value("incident_logging").run()
    assert "rubrics_restore" not in [b.key for b in at.button]  # the current one is shown
    at.selectbox(key="rubrics_version_incident_logging").set_value(0).run()  # the file's 1.1
    at.button(key="rubrics_restore").click().run()
    assert not at.exception, at.exception
    assert "Restored v1.1 as version 1.1+2" in texts(at)
    shipped = json.loads((ROOT / "data" / "rubrics" / "incident_logging.json").read_text())
    now = current_rubric(app_store, "incident_logging")
    assert (now.version, now.pass_threshold) == ("1.1+2", shipped["pass_threshold"])
    history = [
        (v.rubric.version, v.rubric.pass_threshold) for v in rubric_versions(app_store, now.id)
    ]
    assert history == [
        ("1.1", shipped["pass_threshold"]),
        ("1.1+1", PASS_MARK),
        ("1.1+2", shipped["pass_threshold"]),
    ]
