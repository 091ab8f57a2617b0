"""A ticket nothing can be judged on is "not assessable", not passed (issue 16, item 1): when
every criterion is not in the export (or N/A) and nothing fails it, the ticket has no band of
a rubric, no percent, the verdict "not_assessable", and pass rates leave it out; it is shown
as such in Review, every report format, the CLI summary and the agent profiles.

Read on a real export: the developer instance's list CSV in $TQRS_REAL_DIR (no description,
journal or close columns, so nothing of the Handling rubric can be judged), its rows counted
with Python's csv module."""

import csv
import subprocess
import sys

import orjson
import pytest

from tests.reports.readers import csv_rows, html_figures, xlsx_records, xlsx_sheets
from tests.test_real_corpus import shared
from tqrs.agents import build_profiles
from tqrs.commands.summary_text import render_summary
from tqrs.evaluate import evaluate_offline, run_summary
from tqrs.ingest import ingest_files
from tqrs.reports import load_report, render, ticket_html
from tqrs.results import CriterionResult
from tqrs.rubric import load_rubric
from tqrs.scoring import score_ticket
from tqrs.store.results import ReviewFilter, query_page
from tqrs.store.runs import iter_ticket_scores

LIST_EXPORT = "08_pdi_list_export.csv"


@pytest.fixture
def list_export():
    path = shared(LIST_EXPORT)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    # what the file holds, read independently: no text column the Handling rubric reads
    header = {k.strip().lower() for k in rows[0]}
    assert not header & {"description", "work_notes", "comments", "close_notes", "close_code"}
    return path, len(rows)


def test_a_real_export_without_text_columns_is_not_assessable_under_handling(
    store, list_export, tmp_path
):
    path, n = list_export
    session = ingest_files(store, [path], LIST_EXPORT).session_id
    handling = evaluate_offline(store, session, "incident_handling")
    logging = evaluate_offline(store, session, "incident_logging")

    summary = run_summary(store, handling)
    assert (summary.scored, summary.too_little, summary.passed) == (n, n, 0)
    assert summary.pass_rate is None  # nothing judged: no pass rate, not 0 % nor 100 %
    assert any(line.startswith(f"too little to judge: {n:,}") for line in render_summary(summary))
    # the short description and the fields are there: the Logging rubric judges them; a
    # ticket judged on under half its 70 points (no auto-fail, no deduction) has no verdict
    judged = run_summary(store, logging)
    few = [
        s
        for s in iter_ticket_scores(store, logging)
        if s.max_points * 2 < 70 and not s.auto_fail and not any(r.deduction for r in s.criteria)
    ]
    assert judged.too_little == len(few) and {s.verdict for s in few} <= {"too_little"}
    assert judged.pass_rate == (
        judged.passed / (judged.scored - len(few)) if judged.scored > len(few) else None
    )

    report = load_report(store, handling)
    doc = orjson.loads(render(report, "json")[""])
    assert doc["summary"]["too_little"] == n and doc["summary"]["pass_rate"] is None
    assert {(t["verdict"], t["passed"], t["band"], t["percent"]) for t in doc["tickets"]} == {
        ("too_little", None, "N/A", None)
    }
    rows = csv_rows(render(report, "csv")[""])
    assert len(rows) == n and {(r["verdict"], r["pass"]) for r in rows} == {("too_little", "")}
    sheets = xlsx_sheets(render(report, "xlsx")[""])
    assert {r["verdict"] for r in xlsx_records(sheets["Tickets"])} == {"too_little"}
    assert ("Too little to judge", n) in [r[:2] for r in sheets["Summary"]]
    page = render(report, "html")[""].decode()
    assert html_figures(page)["too_little"] == str(n)
    assert html_figures(page)["pass_rate"] == "–"
    number = doc["tickets"][0]["number"]
    assert html_figures(ticket_html(report, number).decode())["verdict"] == "too little to judge"

    shown, total = query_page(store, handling, ReviewFilter(verdict="too_little"))
    assert total == n
    assert query_page(store, handling, ReviewFilter(verdict="pass"))[1] == 0
    assert query_page(store, handling, ReviewFilter(verdict="fail"))[1] == 0
    assert {r["verdict"] for r in shown} == {"too_little"}

    profiles = build_profiles(store, handling).agents
    assert sum(p.too_little for p in profiles) == n
    assert all(p.pass_rate is None for p in profiles)


def test_the_cli_prints_the_tickets_nothing_could_be_judged_on(tmp_path, list_export):
    path, n = list_export
    env = {"TQRS_DB": str(tmp_path / "cli.duckdb"), "PATH": ""}
    run = [sys.executable, "-m", "tqrs"]
    out = subprocess.run([*run, "ingest", str(path)], capture_output=True, text=True, env=env)
    session = out.stdout.strip().splitlines()[-1]
    out = subprocess.run(
        [*run, "evaluate", session, "--offline", "--rubric", "incident_handling"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    assert f"too little to judge: {n:,}" in out.stdout
    assert "pass rate" not in out.stdout


def _result(criterion, **fields) -> CriterionResult:
    return CriterionResult(
        criterion_id=criterion.id, title=criterion.title, method="rule", **fields
    )


def test_a_fail_or_a_deduction_still_fails_a_ticket_with_nothing_else_judged():
    rubric = load_rubric("incident_logging")
    absent = {"status": "not_assessable", "applicable": False}
    by_id = {c.id: c for c in rubric.criteria}
    nothing = {cid: _result(c, **absent) for cid, c in by_id.items()}
    assert score_ticket(rubric, 1, "X", nothing).verdict == "too_little"
    cp = by_id["critical_process"]
    failed = dict(nothing, critical_process=CriterionResult.from_option(cp, "FAIL", "rule"))
    assert (
        score_ticket(rubric, 1, "X", failed).verdict,
        score_ticket(rubric, 1, "X", failed).band,
    ) == (
        "fail",
        rubric.failed_band.name,
    )
    minus = next(o.label for o in cp.options if o.kind == "deduction")
    deducted = dict(nothing, critical_process=CriterionResult.from_option(cp, minus, "rule"))
    assert score_ticket(rubric, 1, "X", deducted).verdict == "fail"
    passed = dict(nothing, critical_process=CriterionResult.from_option(cp, "PASS", "rule"))
    # judged, nothing failed, but on 0 of 70 points: too little, unless the rubric asks for 0 %
    assert score_ticket(rubric, 1, "X", passed).verdict == "too_little"
    params = rubric.parameters.model_copy(update={"min_judged_percent": 0})
    lenient = rubric.model_copy(update={"parameters": params})
    assert score_ticket(lenient, 1, "X", passed).verdict == "pass"
    # a ticket of a file that carries the journal is judged as usual: a verdict, a band
    sd = by_id["short_description"]
    some = dict(
        nothing, short_description=CriterionResult.from_option(sd, sd.options[0].label, "rule")
    )
    assert score_ticket(rubric, 1, "X", some).verdict == "too_little"  # 10 of 70 points
    assert score_ticket(lenient, 1, "X", some).verdict == "pass"


def test_results_stored_before_the_verdict_get_it_from_their_criteria(tmp_path, monkeypatch):
    import tqrs.store.base
    from tqrs.store import Store

    rubric = load_rubric("incident_handling")
    path = tmp_path / "old.duckdb"
    before = [m for m in tqrs.store.base.MIGRATIONS if m[0] < 17]
    monkeypatch.setattr(tqrs.store.base, "MIGRATIONS", before)
    with Store(path) as old:  # what the code before migration 17 wrote: nothing judged passed
        cur = old.cursor()
        cur.execute(
            "INSERT INTO runs (session_id, rubric_id, rubric_version, rubric_json, judge, model, "
            "status, started_at, tickets_total) VALUES (1, 'incident_handling', '1.1', ?, "
            "'offline', 'offline-heuristics-v1', 'completed', now(), 3)",
            [rubric.model_dump_json()],
        )
        # ticket 1: every criterion not in export; 2: one judged at 10/10; 3: a deduction only
        for ticket, passed in ((1, True), (2, True), (3, False)):
            cur.execute(
                "INSERT INTO ticket_results VALUES (1, ?, ?, ?, ?, NULL, ?, ?, false, 'scored', "
                "NULL, 0, 0, 0, false, now())",
                [ticket, f"INC{ticket}", 10 * (ticket == 2), 10 * (ticket == 2),
                 "BLUE" if ticket == 2 else "N/A", passed],
            )  # fmt: skip
        rows = [
            (1, "work_notes", "not_assessable", None, 0, 0, 0, False),
            (1, "critical_process", "not_assessable", None, 0, 0, 0, False),
            (2, "work_notes", "scored", "10", 10, 10, 0, True),
            (2, "critical_process", "not_assessable", None, 0, 0, 0, False),
            (3, "work_notes", "not_assessable", None, 0, 0, 0, False),
            (3, "critical_process", "scored", "-35", 0, 0, -35, True),
        ]
        for position, (ticket, cid, status, option, points, maximum, deduction, app) in enumerate(
            rows
        ):
            cur.execute(
                "INSERT INTO criterion_results VALUES (1, ?, ?, ?, ?, 'rule', ?, ?, ?, ?, ?, ?, "
                "false, '', '', '', NULL, NULL, NULL, [], ?)",
                [ticket, cid, position, cid, status, option, points, maximum, deduction, app,
                 deduction < 0],
            )  # fmt: skip
    monkeypatch.undo()
    with Store(path) as store:  # migration 17 runs now
        got = dict(store.query("SELECT number, verdict FROM effective_ticket_results"))
        # migration 18: INC2, judged on 10 of the rubric's 70 points, is too little to judge
        assert got == {"INC1": "too_little", "INC2": "too_little", "INC3": "fail"}
        assert store.query("SELECT passed FROM ticket_results WHERE number = 'INC1'") == [(False,)]
        summary = run_summary(store, 1)
        assert (summary.too_little, summary.passed, summary.pass_rate) == (2, 0, 0.0)
