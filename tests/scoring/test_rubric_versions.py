"""Rubric versions: an edited copy checked as `tqrs rubrics --check` checks a file (the error
at the field at fault), saved as a new version that new runs use while an earlier run keeps
its own, exported as the file the CLI reads, and resolved by the CLI. Expected rubrics are the
shipped JSON files edited with the json module; expected scores are worked out by hand from
the stored percentages."""

import json

import pytest

from tests.conftest import ROOT, run_cli
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.reports import load_report
from tqrs.reports.json_report import report_json
from tqrs.review import run_rubric
from tqrs.rubric import load_rubric
from tqrs.rubric_edit import check_draft, criteria_total, new_draft
from tqrs.rubric_outline import outline
from tqrs.rubric_preview import preview_rubric
from tqrs.rubric_versions import (
    current_rubric,
    export_json,
    import_json,
    resolve_rubric,
    rubric_versions,
    save_version,
)
from tqrs.store import Store

HANDLING = ROOT / "data" / "rubrics" / "incident_handling.json"
SAMPLE = ROOT / "data" / "samples" / "incidents.json"


def _shipped() -> dict:
    return json.loads(HANDLING.read_text())


def _edit(draft: dict) -> dict:
    """The manager's edit: the work-notes criterion's "5" renamed "Placeholders only" and
    worth 4, the pass mark 60."""
    work_notes = next(c for c in draft["criteria"] if c["id"] == "work_notes")
    work_notes["options"][1]["label"] = "Placeholders only"
    work_notes["options"][1]["points"] = 4
    draft["pass_threshold"] = 60
    return draft


def test_an_edited_copy_saves_as_a_new_version(store):
    base = load_rubric("incident_handling")
    edited, problems = check_draft(_edit(new_draft(base)))
    assert problems == []
    saved = save_version(store, edited, base, "lee@acme.org")
    again = save_version(store, edited, saved, "lee@acme.org")
    assert (saved.version, again.version) == ("1.1+1", "1.1+2")
    # the saved file is the shipped one with the edit and the new version, nothing else
    want = _edit(_shipped())
    want["version"] = "1.1+1"
    got = json.loads(export_json(saved))
    for c in got["criteria"]:  # what the model fills in for fields the file leaves out
        assert c.pop("outcomes") == {}
        c.setdefault("inputs", [])
    for c in want["criteria"]:
        c.setdefault("inputs", [])
    assert got == want
    assert [v.rubric.version for v in rubric_versions(store, "incident_handling")] == [
        "1.1",
        "1.1+1",
        "1.1+2",
    ]
    assert current_rubric(store, "incident_handling").version == "1.1+2"
    assert resolve_rubric(store, "incident_handling").version == "1.1+2"
    assert resolve_rubric(store, "incident_handling@1.1").version == "1.1"
    assert resolve_rubric(store, "incident_handling@1.1+1").version == "1.1+1"
    with pytest.raises(Exception, match=r"no version '9' of rubric 'incident_handling' "):
        resolve_rubric(store, "incident_handling@9")
    assert import_json(export_json(saved), "x.json") == saved


def test_an_invalid_edit_names_the_field_as_the_cli_does(store, tmp_path):
    draft = new_draft(load_rubric("incident_handling"))
    draft["pass_threshold"] = 71
    edited, problems = check_draft(draft)
    assert edited is None
    assert [(p.path, p.message) for p in problems] == [
        (("pass_threshold",), "pass_threshold: higher than max_points")
    ]
    bad = _shipped()
    bad["pass_threshold"] = 71
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    proc = run_cli("rubrics", "--check", tmp_path / "bad.json")
    assert proc.returncode == 2
    assert proc.stderr.strip().endswith("pass_threshold: higher than max_points")

    draft = new_draft(load_rubric("incident_handling"))
    draft["criteria"][5]["options"][2]["points"] = 5  # critical_process's -35 deduction
    draft["criteria"][0]["options"][1]["label"] = "20"  # troubleshooting: two options "20"
    _, problems = check_draft(draft)
    assert [(p.path, p.message) for p in problems] == [
        (("criteria", 0, "options"), "criterion 'troubleshooting': options: duplicate labels 20"),
        (
            ("criteria", 5, "options", 2, "points"),
            "criterion 'critical_process': options[2].points: option '-35': a deduction "
            "needs negative points",
        ),
    ]
    assert store.query("SELECT count(*) FROM rubric_versions") == [(0,)]


def test_switching_a_criterion_off_asks_for_the_totals_to_add_up(store):
    draft = new_draft(load_rubric("incident_handling"))
    draft["criteria"][1]["enabled"] = False  # resolution_notes, 10 points
    draft["pass_threshold"] = 50
    assert criteria_total(draft) == 60
    _, problems = check_draft(draft)
    assert [(p.path, p.message) for p in problems] == [
        (("max_points",), "max_points: 70 but the criteria's maximum points sum to 60")
    ]
    draft["max_points"] = 60
    edited, problems = check_draft(draft)
    assert problems == [] and "resolution_notes" not in [c.id for c in edited.criteria]


def test_a_renamed_option_keeps_the_outcomes_mapped_to_it(store):
    data = _shipped()
    data["criteria"][4]["outcomes"] = {"partly_met": "5"}  # work_notes, mapped by label
    draft = new_draft(import_json(json.dumps(data), "mapped.json"))
    draft["criteria"][4]["options"][1]["label"] = "Placeholders only"
    edited, problems = check_draft(draft)
    assert problems == []
    assert edited.criterion("work_notes").outcomes == {"partly_met": "Placeholders only"}


def test_the_outline_says_what_each_option_means():
    view = outline(load_rubric("incident_handling"))
    critical = next(c for c in view.criteria if c.id == "critical_process")
    assert critical.method == "rule critical_process"
    assert [(o["Option"], o["Counts as"], o["Given for"]) for o in critical.options] == [
        ("PASS", "pass (no points)", "met"),
        ("N/A", "not applicable (out of the maximum)", "not applicable"),
        ("-35", "-35 from the total", "not met"),
        ("FAIL", "fails the ticket", "auto-fail"),
    ]
    assert view.summary.startswith("70 points; a ticket passes at 63 points (90%)")
    assert [b["Band"] for b in view.bands] == ["BLUE", "GREEN", "YELLOW", "RED", "PURPLE"]


def _json_report(store, run_id) -> dict:
    return json.loads(report_json(load_report(store, run_id)))


def _scores(store, run_id) -> dict[str, tuple[float | None, bool, str, bool]]:
    """number -> (percent, auto-failed, band, passed) from the run's JSON report."""
    report = _json_report(store, run_id)
    return {
        t["number"]: (t["percent"], t["auto_fail"], t["band"], t["passed"])
        for t in report["tickets"]
    }


def test_the_preview_counts_the_verdicts_and_bands_that_change(store):
    session = ingest_files(store, [SAMPLE], "samples").session_id
    base = load_rubric("incident_handling")
    run = evaluate_offline(store, session, base, limit=60)
    draft = new_draft(base)
    draft["pass_threshold"] = 50  # of 70 points
    draft["bands"][1]["min_percent"] = 80  # GREEN from 80% instead of 90%
    edited, _ = check_draft(draft)
    found = preview_rubric(store, session, base, edited, sample=60)
    # by hand, from the run's JSON report: a ticket passes at 90% of its maximum (63 of 70),
    # now at 50 of 70 (71.43%); one not auto-failed at 71.43% to 89.99% now passes, one at
    # 80% to 89.99% moves from YELLOW to GREEN
    stored = _scores(store, run)
    live = {n: p for n, (p, af, _, _) in stored.items() if p is not None and not af}
    passes = {n for n, p in live.items() if 50 / 70 * 100 <= p < 90}
    assert all(not stored[n][3] for n in passes)
    greens = {n for n, p in live.items() if 80 <= p < 90}
    assert all(stored[n][2] == "YELLOW" for n in greens)
    assert found.tickets == 60
    assert {c.number for c in found.changes if c.verdict_changed} == passes
    assert {c.number for c in found.changes if c.band_changed} == greens
    assert (found.now_passing, found.now_failing) == (len(passes), 0)
    assert passes and greens  # the sample has both kinds


def test_a_run_keeps_its_version_and_the_cli_resolves_saved_ones(store, tmp_path):
    session = ingest_files(store, [SAMPLE], "samples").session_id
    base = load_rubric("incident_handling")
    old_run = evaluate_offline(store, session, base, limit=40)
    edited, _ = check_draft(_edit(new_draft(base)))
    saved = save_version(store, edited, base, "lee@acme.org")
    store.close()

    proc = run_cli("evaluate", "samples", "--rubric", "incident_handling", "--offline",
                   "--limit", "40", check=True)  # fmt: skip
    assert "rubric incident_handling 1.1+1" in proc.stdout
    proc = run_cli("rubrics", "--check", "incident_handling@1.1+1", "--json", check=True)
    assert json.loads(proc.stdout) == json.loads(saved.model_dump_json())
    proc = run_cli("rubrics", "--versions", "incident_handling", check=True)
    assert proc.stdout.splitlines()[0] == "incident_handling@1.1: file"
    assert proc.stdout.splitlines()[1].startswith(
        "incident_handling@1.1+1 (current): saved by lee@acme.org on "
    )
    export = tmp_path / "exported.json"
    export.write_text(export_json(saved))
    assert run_cli("rubrics", "--check", export, check=True).stdout.startswith(
        "incident_handling 1.1+1: Incident Handling, 70 points, pass at 60"
    )

    with Store() as again:
        new_run = max(r[0] for r in again.query("SELECT id FROM runs"))
        assert run_rubric(again, old_run).version == "1.1"
        assert run_rubric(again, new_run).version == "1.1+1"
        old = _json_report(again, old_run)
        new = _json_report(again, new_run)
    assert old["run"]["rubric_version"] == "1.1"
    assert new["run"]["rubric_version"] == "1.1+1"

    def labels(report) -> set[str]:
        return {
            c["option"] for t in report["tickets"] for c in t["criteria"] if c["id"] == "work_notes"
        }

    assert "Placeholders only" not in labels(old) and "Placeholders only" in labels(new)
    assert "5" in labels(old) and "5" not in labels(new)


def test_saves_at_the_same_time_get_the_next_numbers(store):
    from concurrent.futures import ThreadPoolExecutor

    base = load_rubric("incident_handling")
    with ThreadPoolExecutor(4) as pool:
        saved = list(pool.map(lambda i: save_version(store, base, base, f"m{i}"), range(8)))
    assert sorted(r.version for r in saved) == sorted(f"1.1+{n}" for n in range(1, 9))
    assert store.query("SELECT count(DISTINCT seq) FROM rubric_versions") == [(8,)]


def test_the_profile_lists_what_the_current_version_cannot_judge(store, tmp_path):
    from tests.conftest import incident, write_export
    from tqrs.profile import criteria_not_in_export

    # an export without work notes or comments: the journal criteria cannot be judged
    records = [
        {k: v for k, v in incident(n).items() if k not in ("work_notes", "comments")}
        for n in range(1, 4)
    ]
    session = ingest_files(store, [write_export(tmp_path / "r.json", records)], "r").session_id
    before = criteria_not_in_export(store, session)["incident_handling"]
    assert {"troubleshooting", "work_notes", "critical_process"} <= set(before)
    base = load_rubric("incident_handling")
    draft = new_draft(base)
    draft["criteria"][4]["enabled"] = False  # work_notes, 10 points
    draft["max_points"], draft["pass_threshold"] = 60, 54
    edited, problems = check_draft(draft)
    assert problems == []
    save_version(store, edited, base, "lee@acme.org")
    after = criteria_not_in_export(store, session)["incident_handling"]
    assert set(after) == set(before) - {"work_notes"}
    assert all(n == 3 for n in after.values())
