"""A criterion N/A on every ticket says so in every report of the criteria figures: the HTML
table, the Excel summary sheet and the JSON summary give its N/A count (and "N/A on every
ticket" where its failure rate would be), not bare zeros that read like a missing figure.

Hand-computed: three ordinary incidents (tests.conftest.incident: no password reset, lost
device, VIP, malware, privacy or major incident), so the Logging rubric's critical process
applies to none of them: N/A on all 3, graded on 0, not in export on 0."""

import re
from html import unescape

import orjson
import pytest

from tests.conftest import incident, write_export
from tests.reports.readers import xlsx_records, xlsx_sheets
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.reports import load_report, render

CRITERION, TITLE, TICKETS = "critical_process", "Critical process followed", 3


@pytest.fixture
def report(store, tmp_path):
    path = write_export(tmp_path / "plain.json", [incident(n) for n in range(1, TICKETS + 1)])
    session = ingest_files(store, [path], "plain").session_id
    return load_report(store, evaluate_offline(store, session, "incident_logging"))


def test_json_counts_the_tickets_it_did_not_apply_to(report):
    summary = orjson.loads(render(report, "json")[""])["summary"]
    row = next(c for c in summary["criteria"] if c["id"] == CRITERION)
    assert (row["scored"], row["not_in_export"], row["not_applicable"]) == (0, 0, TICKETS)
    assert row["note"] == "N/A on every ticket"
    graded = next(c for c in summary["criteria"] if c["id"] == "short_description")
    assert (graded["not_applicable"], graded["note"]) == (0, "")


def test_html_criteria_table_says_na_on_every_ticket(report):
    page = render(report, "html")[""].decode()
    body = re.search(rf'<tr data-criterion="{CRITERION}">(.*?)</tr>', page, re.S).group(1)
    cells = [
        unescape(re.sub(r"<[^>]+>", "", c)).strip()
        for c in re.findall(r"<td[^>]*>(.*?)</td>", body)
    ]
    header = re.search(r"<th>Criterion</th>(.*?)</tr>", page, re.S).group(0)
    heads = [unescape(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", header)]
    assert dict(zip(heads, cells, strict=True)) == {
        "Criterion": TITLE,
        "Failed": "0",
        "Graded": "0",
        "Failure rate": "N/A on every ticket",
        "Not in export": "0",
        "N/A": str(TICKETS),
    }


def test_excel_criteria_table_has_an_na_column(report):
    rows = xlsx_sheets(render(report, "xlsx")[""])["Summary"]
    start = next(i for i, r in enumerate(rows) if r and r[0] == "Criterion")
    table = xlsx_records(rows[start:])
    row = next(r for r in table if r["Criterion"] == TITLE)
    assert (row["Graded"], row["Not in export"], row["N/A"]) == (0, 0, TICKETS)
    assert row["Note"] == "N/A on every ticket"


def test_the_failure_chart_labels_a_criterion_graded_on_no_ticket(report):
    """Its row in the failure-rate chart was empty, with nothing saying why: it says what the
    criteria table says."""
    from tqrs.reports.charts import batch_charts

    (bar,) = orjson.loads(batch_charts(report)["chart-failures"])["data"]
    text = dict(zip(bar["y"], bar["text"], strict=True))
    assert text[TITLE] == "N/A on every ticket"
    assert text["Short description in 4-part form"] == "0%"  # graded on all 3, failed on none
