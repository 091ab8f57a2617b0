"""Tickets that could not be graded are reported as such in every format, never as a score."""

import orjson

from tests.conftest import write_export
from tests.reports.conftest import hostile_records
from tests.reports.readers import csv_rows, html_ticket_rows, xlsx_records, xlsx_sheets
from tqrs.reports import load_report, render, ticket_html
from tqrs.rubric import Rubric, load_rubric


def _rubric_the_offline_judge_cannot_finish() -> Rubric:
    data = load_rubric("incident_logging").model_dump()
    data["criteria"].append(
        {
            "id": "mystery_check",
            "title": "A criterion with no offline heuristic",
            "guidance": "Only an LLM can judge this.",
            "method": "llm",
            "rule": None,
            "options": [
                {"label": "10", "kind": "points", "points": 10, "description": "yes"},
                {"label": "0", "kind": "points", "points": 0, "description": "no"},
            ],
        }
    )
    data["max_points"] += 10
    return Rubric.model_validate(data)


def test_ungraded_tickets_in_every_format(store, tmp_path):
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    path = write_export(tmp_path / "h.json", hostile_records()[:3])
    session_id = ingest_files(store, [path]).session_id
    run_id = evaluate_offline(store, session_id, _rubric_the_offline_judge_cannot_finish())
    report = load_report(store, run_id)
    assert report.summary.could_not_grade == 3 and report.summary.scored == 0
    assert report.summary.pass_rate is None and report.summary.mean_percent is None

    for row in csv_rows(render(report, "csv")[""]):
        assert (row["status"], row["score"], row["percent"], row["band"], row["pass"]) == (
            "could not grade",
            "",
            "",
            "",
            "",
        )
    long = csv_rows(render(report, "csv")["-criteria"])
    assert {r["status"] for r in long if r["criterion_id"] == "mystery_check"} == {
        "could not grade"
    }
    for t in orjson.loads(render(report, "json")[""])["tickets"]:
        assert t["status"] == "could not grade" and t["score"] is None and t["passed"] is None
        assert "mystery_check" in t["error"]
    for r in xlsx_records(xlsx_sheets(render(report, "xlsx")[""])["Tickets"]):
        assert r["status"] == "could not grade" and r["score"] is None
    rows = html_ticket_rows(render(report, "html")[""].decode())
    assert all("could not grade" in cells for cells in rows.values())
    page = ticket_html(report, report.tickets[0].number).decode()
    assert "could not grade" in page and 'data-chart="chart-gauge"' not in page
