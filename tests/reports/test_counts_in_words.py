"""The HTML report counts in words: "1 ticket", never "1 tickets" nor "ticket(s)"."""

import re

from tests.conftest import incident, write_export
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.reports import load_report, render
from tqrs.review import override_criterion


def test_a_one_ticket_run_with_one_override_not_reviewed(store, tmp_path):
    path = write_export(tmp_path / "one.json", [incident(1)])
    run = evaluate_offline(store, ingest_files(store, [path], "one").session_id, "incident_logging")
    (ticket_id,) = [
        r[0] for r in store.query("SELECT ticket_id FROM ticket_results WHERE run_id = ?", [run])
    ]
    override_criterion(store, run, ticket_id, "short_description", "5", "one part vague", "ann")
    page = render(load_report(store, run), "html")[""].decode()
    shown = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)  # plotly's code
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", shown))
    assert "1 ticket, lowest score first" in text
    assert "1 ticket with overrides but not marked reviewed is left out." in text
    assert "1 tickets" not in text and "(s)" not in text


def test_the_cli_counts_one_ticket_in_the_singular(store, tmp_path):
    """`tqrs sessions` and `tqrs report` of a one-ticket session said "1 tickets"."""
    from tests.conftest import run_cli

    path = write_export(tmp_path / "one.json", [incident(1)])
    session = ingest_files(store, [path], "one").session_id
    run = evaluate_offline(store, session, "incident_logging")
    db = store.path
    store.close()
    listed = run_cli("sessions", "--db", db, check=True).stdout
    assert f"{session:>4}  " in listed and "         1 ticket  one" in listed
    out = tmp_path / "one.csv"
    done = run_cli("report", session, "--format", "csv", "--out", out, "--db", db, check=True)
    assert f"run {run} (incident_logging " in done.stdout and "): 1 ticket\n" in done.stdout


def test_html_counts_have_thousands_separators(store, tmp_path):
    """Every count in the HTML report reads "12,345" as the summary cards do: the agent and
    group tables, reviewed and overridden, the calibration pairs (counts set by hand on a
    real report, as a run of 12,345 tickets would give)."""
    from dataclasses import replace

    from tqrs.review import mark_reviewed

    path = write_export(tmp_path / "one.json", [incident(1)])
    run = evaluate_offline(store, ingest_files(store, [path], "one").session_id, "incident_logging")
    mark_reviewed(store, run, 1, "ann")
    report = load_report(store, run)
    big = {
        "tickets": 12345,
        "scored": 12000,
        "passed": 1234,
        "too_little": 1100,
        "auto_fails": 1001,
    }
    s = report.summary
    s.agents = [replace(g, **big) for g in s.agents]
    s.groups = [replace(g, **big) for g in s.groups]
    s.reviewed, s.overridden = 2500, 1100
    report.calibration = report.calibration.model_copy(update={"pairs": 17500})
    page = render(report, "html")[""].decode()
    for table in ("Agents", "Assignment groups"):
        section = page.split(f"<h2>{table}</h2>", 1)[1].split("</table>", 1)[0]
        cells = re.findall(r'<td class="num">([^<]*)</td>', section)
        # tickets, scored, passed, too little to judge, auto-fails
        assert [cells[i] for i in (0, 1, 2, 5, 6)] == [
            "12,345",
            "12,000",
            "1,234",
            "1,100",
            "1,001",
        ], table
    assert '<span data-figure="reviewed">2,500</span>' in page
    assert '<span data-figure="overridden">1,100</span>' in page
    assert '<th class="num">17,500</th>' in page
