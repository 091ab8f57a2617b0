"""Every format shows the same figures: per ticket and in the summary, with an override in
play, and those figures are the run's stored ones (what the Review page reads)."""

import io

import orjson
import pytest

from tests.reports.readers import (
    csv_rows,
    html_figures,
    html_ticket_rows,
    xlsx_records,
    xlsx_sheets,
)
from tqrs.display import rate_text
from tqrs.reports import render
from tqrs.reports.data import load_report
from tqrs.reports.html_report import ticket_html
from tqrs.review import override_criterion
from tqrs.store.runs import iter_ticket_scores, run_summary


@pytest.fixture
def overridden_report(hostile_run):
    """The hostile run's report with one override turning a passed criterion to 0."""
    store, run_id = hostile_run
    plain = load_report(store, run_id)
    ticket = plain.tickets[-1]
    crit = next(c for c in ticket.criteria if c.result.option == "10")
    override_criterion(
        store, run_id, ticket.ticket_id, crit.result.criterion_id, "0", "=cmd()", "ana"
    )
    report = load_report(store, run_id)
    return store, run_id, report


def _expected(report):
    return {
        t.number: (
            t.score.score,
            t.score.max_points,
            t.score.percent,
            t.score.band,
            t.score.passed,
            t.score.auto_fail,
            t.overridden,
        )
        for t in report.tickets
    }


def test_ticket_figures_agree_across_formats(overridden_report):
    _, _, report = overridden_report
    expected = _expected(report)
    assert any(v[-1] for v in expected.values())  # the override is in play

    from_csv = {
        r["number"]: (
            float(r["score"]),
            int(r["max"]),
            float(r["percent"]),
            r["band"],
            r["pass"] == "yes",
            r["auto_fail"] == "yes",
            r["overridden"] == "yes",
        )
        for r in csv_rows(render(report, "csv")[""])
    }
    data = orjson.loads(render(report, "json")[""])
    from_json = {
        t["number"]: (
            t["score"],
            t["max"],
            t["percent"],
            t["band"],
            t["passed"],
            t["auto_fail"],
            t["overridden"],
        )
        for t in data["tickets"]
    }
    sheets = xlsx_sheets(render(report, "xlsx")[""])
    from_xlsx = {
        r["number"]: (
            r["score"],
            r["max"],
            r["percent"],
            r["band"],
            r["pass"] == "yes",
            r["auto_fail"] == "yes",
            r["overridden"] == "yes",
        )
        for r in xlsx_records(sheets["Tickets"])
    }
    rows = html_ticket_rows(render(report, "html")[""].decode())
    from_html = {
        n: (
            float(c[4].split("/")[0]),
            int(c[4].split("/")[1]),
            float(c[6].rstrip("%")),
            c[7],
            c[8] == "pass",
            c[8] == "auto-fail",
            "overridden" in c[10],
        )
        for n, c in rows.items()
    }
    # how much of the rubric was judged: the ticket's maximum of the rubric's
    full = report.rubric.max_points
    assert {c[5] for c in rows.values()} == {
        f"{int(c[4].split('/')[1])} of {full} points judged" for c in rows.values()
    }
    assert from_csv == from_json == from_xlsx == expected
    for number, (score, maximum, percent, band, passed, auto_fail, over) in expected.items():
        assert from_html[number] == (
            score,
            maximum,
            round(percent, 1),
            band,
            passed and not auto_fail,
            auto_fail,
            over,
        )


def test_criterion_rows_agree_across_formats(overridden_report):
    _, _, report = overridden_report
    long_csv = [
        (
            r["number"],
            r["criterion_id"],
            r["option"].lstrip("'"),
            int(r["points"]),
            r["override_option"],
        )
        for r in csv_rows(render(report, "csv")["-criteria"])
    ]
    data = orjson.loads(render(report, "json")[""])
    from_json = [
        (
            t["number"],
            c["id"],
            c["option"],
            c["points"],
            c["override"]["option"] if c["override"] else "",
        )
        for t in data["tickets"]
        for c in t["criteria"]
    ]
    sheet = xlsx_records(xlsx_sheets(render(report, "xlsx")[""])["Criteria"])
    from_xlsx = [
        (
            r["number"],
            r["criterion_id"],
            str(r["option"]).lstrip("'"),
            r["points"],
            r["override_option"] or "",
        )
        for r in sheet
    ]
    assert long_csv == from_json == from_xlsx
    assert len(long_csv) == sum(len(t.criteria) for t in report.tickets)


def test_summary_figures_agree_across_formats(overridden_report):
    _, _, report = overridden_report
    s = report.summary
    data = orjson.loads(render(report, "json")[""])["summary"]
    assert (data["tickets"], data["passed"], data["overridden"]) == (s.tickets, s.passed, 1)
    assert data["pass_rate"] == pytest.approx(s.pass_rate)
    assert data["mean_percent"] == pytest.approx(s.mean_percent)
    assert data["bands"] == s.bands

    figures = html_figures(render(report, "html")[""].decode())
    assert figures["tickets"] == str(s.tickets) and figures["passed"] == str(s.passed)
    assert figures["pass_rate"] == rate_text(s.pass_rate)
    assert figures["mean_percent"] == f"{s.mean_percent:.1f}%"
    assert figures["overridden"] == "1"
    assert {b: int(figures[f"band:{b}"]) for b in s.bands} == s.bands

    summary = dict(
        row[:2]
        for row in xlsx_sheets(render(report, "xlsx")[""])["Summary"]
        if len(row) >= 2 and row[0]
    )
    assert summary["Tickets"] == s.tickets and summary["Passed"] == s.passed
    assert summary["Pass rate (%)"] == pytest.approx(s.pass_rate)  # a fraction, shown as %
    assert summary["Mean score (%)"] == pytest.approx(s.mean_percent / 100)  # shown as %
    assert {b: summary[b] for b in s.bands} == s.bands


def test_reports_without_overrides_match_the_stored_run(hostile_run):
    """What the Review page reads: the stored run summary and ticket scores."""
    store, run_id = hostile_run
    report = load_report(store, run_id)
    stored = {
        s.number: (s.score, s.percent, s.band, s.passed) for s in iter_ticket_scores(store, run_id)
    }
    data = orjson.loads(render(report, "json")[""])
    assert {
        t["number"]: (t["score"], t["percent"], t["band"], t["passed"]) for t in data["tickets"]
    } == stored
    summary = run_summary(store, run_id)
    assert data["summary"]["passed"] == summary.passed
    assert data["summary"]["mean_percent"] == pytest.approx(summary.mean_percent)
    assert {b: n for b, n in data["summary"]["bands"].items() if n} == summary.bands


def test_json_follows_the_design_contract(overridden_report):
    _, run_id, report = overridden_report
    data = orjson.loads(render(report, "json")[""])
    run = data["run"]
    assert run["id"] == run_id and run["judge"] == "offline"
    assert run["judge_label"].startswith("offline")
    assert {
        "session",
        "rubric",
        "rubric_version",
        "model",
        "started",
        "finished",
        "tokens",
        "cost",
    } <= run.keys()
    ticket = data["tickets"][0]
    assert {
        "number",
        "agent",
        "group",
        "category",
        "score",
        "max",
        "percent",
        "band",
        "passed",
        "auto_fail",
        "criteria",
    } <= ticket.keys()
    assert {
        "id",
        "title",
        "method",
        "option",
        "points",
        "max",
        "evidence",
        "reasoning",
        "coaching",
        "override",
    } <= ticket["criteria"][0].keys()
    overrides = [c["override"] for t in data["tickets"] for c in t["criteria"] if c["override"]]
    assert [{k: v for k, v in o.items() if k != "at"} for o in overrides] == [
        {"option": "0", "judged_option": "10", "note": "=cmd()", "by": "ana"}
    ]
    assert overrides[0]["at"].endswith("+00:00")


def test_ticket_report_shows_every_criterion_and_the_override(overridden_report):
    _, _, report = overridden_report
    ticket = next(t for t in report.tickets if t.overridden)
    page = ticket_html(report, ticket.number).decode()
    for c in ticket.criteria:
        assert f'data-criterion="{c.result.criterion_id}"' in page
    assert "Analyst override" in page and "10 → 0" in page
    assert f"{ticket.score.score:g}/{ticket.score.max_points}" in page
    assert 'data-chart="chart-gauge"' in page


def test_an_llm_runs_metadata_reaches_every_format(hostile_run):
    from tqrs.engine.stages import grade_batch
    from tqrs.judges import JudgeIdentity
    from tqrs.judges.offline import OfflineJudge
    from tqrs.rubric import load_rubric
    from tqrs.store.runs import create_run, finish_run, write_ticket_scores
    from tqrs.store.sessions import iter_tickets

    store, _ = hostile_run
    rubric = load_rubric("incident_logging")
    llm = JudgeIdentity("llm", "gpt-4o-mini", "openai", "https://api.openai.com/v1", "judge-v2")
    scores = list(grade_batch(OfflineJudge(), rubric, iter_tickets(store, 1)))
    with store.transaction() as cur:
        run_id = create_run(cur, 1, rubric, llm)
        write_ticket_scores(cur, run_id, scores)
    finish_run(store, run_id, "completed", tokens_in=1200, tokens_out=300, cost=0.0123)
    report = load_report(store, run_id)

    run = orjson.loads(render(report, "json")[""])["run"]
    assert (run["judge"], run["model"], run["tokens"], run["cost"]) == (
        "llm",
        "gpt-4o-mini",
        1500,
        0.0123,
    )
    assert run["judge_label"] == "llm (gpt-4o-mini)" and run["finished"].endswith("+00:00")
    page = render(report, "html")[""].decode()
    assert "llm (gpt-4o-mini)" in page and "1,500 tokens" in page and "Offline results" not in page
    assert {r["judge"] for r in csv_rows(render(report, "csv")[""])} == {"llm"}
    summary = dict(
        row[:2]
        for row in xlsx_sheets(render(report, "xlsx")[""])["Summary"]
        if len(row) >= 2 and row[0]
    )
    assert (summary["Judge"], summary["Tokens"], summary["Cost (USD)"]) == (
        "llm (gpt-4o-mini)",
        1500,
        0.0123,
    )


def _excel_rates(content: bytes) -> list[tuple]:
    """(cell, the rate read from its row's counts) for every rate of the Summary sheet."""
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content))["Summary"]
    first = {r[0].value: r[1].value for r in sheet.iter_rows() if r[0].value}
    rates, heading = [], None
    for row in sheet.iter_rows():
        values = [c.value for c in row]
        if values[0] == "Pass rate (%)":
            rates.append((row[1], first["Passed"] / first["Scored"]))
        elif values[0] in ("Criterion", "Agent", "Assignment group") and values[1]:
            heading = values[0]
        elif heading == "Criterion" and values[0] and values[2]:
            rates.append((row[3], values[1] / values[2]))  # failed of graded
        elif heading and heading != "Criterion" and values[0] and values[2]:
            rates.append((row[4], values[3] / values[2]))  # passed of scored
    return rates


def test_excel_rates_are_numbers_that_read_as_percents(store, tmp_path):
    """A rate in the Excel report is a number a manager computes with (the fraction, 0.95)
    formatted as a percent ("95%"), by the one rule for rates: one decimal under 10% and over
    99% where a whole percent would read as none or all, whole percents otherwise."""
    from tests.app.conftest import SAMPLE
    from tests.conftest import incident, write_export
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    # the sample's rates (pass rates of 42% to 64%), and twelve tickets of which one has a
    # short description not in the 4-part form: 1 of 12
    records = [incident(n) for n in range(1, 12)]
    records.append(incident(12, short_description="email broken"))
    rates = []
    for path in (SAMPLE, write_export(tmp_path / "x.json", records)):
        session = ingest_files(store, [path], path.name).session_id
        report = load_report(store, evaluate_offline(store, session, "incident_logging"))
        found = _excel_rates(render(report, "xlsx")[""])
        assert len(found) >= 9  # the pass rate, 6 or 7 criteria, an agent, a group
        rates += found
    assert any(0 < r < 0.1 for _, r in rates) and any(0.1 <= r <= 0.99 for _, r in rates)
    for cell, rate in rates:
        assert cell.value == pytest.approx(rate)
        whole = rate in (0, 1) or 0.1 <= rate <= 0.99
        assert cell.number_format == ("0%" if whole else "0.0%"), (cell.coordinate, rate)


def test_excel_counts_read_with_thousands_separators(overridden_report):
    """The Summary sheet's counts are numbers formatted "#,##0" (1,307 as in the HTML report
    and the pages), not General (1307); the run id is a name, not a count."""
    from openpyxl import load_workbook

    _, _, report = overridden_report
    sheet = load_workbook(io.BytesIO(render(report, "xlsx")[""]))["Summary"]
    counts = [
        c
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, int)
        and not isinstance(c.value, bool)
        and row[0].value not in ("Run", "Cost (USD)")  # an id; dollars
        and not c.number_format.endswith("%")  # a rate of 0 (test_excel_rates_...)
    ]
    assert len(counts) > 20
    assert {c.number_format for c in counts} == {"#,##0"}, [
        (c.coordinate, c.number_format) for c in counts if c.number_format != "#,##0"
    ]


def test_excel_summary_mean_cost_and_start_are_typed_numbers(overridden_report, store):
    """The Summary sheet's other figures are values a manager computes with, formatted to read
    as the HTML report does: mean scores are fractions shown as percents (80.9% beside the pass
    rate's 45%, not 80.9 beside 0.45), the cost a number of dollars with its cents, the start a
    date and time."""
    from openpyxl import load_workbook

    _, run_id, report = overridden_report
    sheet = load_workbook(io.BytesIO(render(report, "xlsx")[""]))["Summary"]
    first = {r[0].value: r[1] for r in sheet.iter_rows() if r[0].value}
    mean = first["Mean score (%)"]
    assert mean.value == pytest.approx(report.summary.mean_percent / 100)
    assert mean.number_format == "0.0%"
    cost = first["Cost (USD)"]
    assert cost.value == pytest.approx(report.run.cost) and cost.number_format == "#,##0.00##"
    started = first["Started (UTC)"]
    assert started.value == report.run.started_at.replace(tzinfo=None, microsecond=0)
    assert started.number_format == "yyyy-mm-dd hh:mm"
    groups, heading = [], None
    for r in sheet.iter_rows():
        if r[0].value in ("Criterion", "Agent", "Assignment group"):
            heading = r[0].value
        elif heading != "Criterion" and heading and r[0].value and r[5].value is not None:
            groups.append((r[0].value, r[5]))
    means = [g.mean_percent for g in report.summary.agents + report.summary.groups]
    assert len(groups) == len([m for m in means if m is not None]) >= 2
    assert [c.value for _, c in groups] == pytest.approx([m / 100 for m in means if m is not None])
    assert {c.number_format for _, c in groups} == {"0.0%"}
