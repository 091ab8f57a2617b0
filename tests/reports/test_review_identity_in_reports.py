"""Who reviewed: every report names the identity that marked a ticket reviewed and when (the
signed-in e-mail address the workbench recorded), and the tabular reports tell apart two
records of one number by the ticket's id (a run that holds INC0010003 twice)."""

import orjson

from tests.conftest import scored_twins
from tests.reports.readers import csv_rows, xlsx_records, xlsx_sheets
from tqrs.reports import render
from tqrs.reports.data import load_report
from tqrs.reports.html_report import ticket_html
from tqrs.review import mark_reviewed, override_criterion

ANN = "ann@acme.org"


def test_reports_name_the_reviewer_and_tell_copies_apart(store, tmp_path):
    run, east, west = scored_twins(store, tmp_path)
    mark_reviewed(store, run, west, ANN)
    override_criterion(store, run, west, "short_description", "0", "not 4 parts", ANN)
    (at,) = store.query("SELECT reviewed_at FROM ticket_reviews")[0]
    minute = at.strftime("%Y-%m-%d %H:%M")
    report = load_report(store, run)

    rows = [r for r in csv_rows(render(report, "csv")[""]) if r["number"] == "INC0010003"]
    by_id = {int(r["ticket_id"]): r for r in rows}
    assert set(by_id) == {east, west}
    assert (by_id[west]["reviewed"], by_id[west]["reviewed_by"]) == ("yes", ANN)
    assert by_id[west]["reviewed_at"] == minute
    assert (by_id[east]["reviewed"], by_id[east]["reviewed_by"]) == ("no", "")
    criteria = csv_rows(render(report, "csv")["-criteria"])
    overridden = [r for r in criteria if r["override_by"]]
    assert [(int(r["ticket_id"]), r["override_by"]) for r in overridden] == [(west, ANN)]

    sheet = xlsx_records(xlsx_sheets(render(report, "xlsx")[""])["Tickets"])
    assert {r["ticket_id"]: r["reviewed_by"] for r in sheet if r["number"] == "INC0010003"} == {
        east: None,
        west: ANN,
    }

    data = orjson.loads(render(report, "json")[""])
    copies = {t["ticket_id"]: t for t in data["tickets"] if t["number"] == "INC0010003"}
    assert copies[west]["reviewed_by"] == ANN and copies[east]["reviewed_by"] is None
    assert copies[west]["reviewed_at"].startswith(at.strftime("%Y-%m-%dT%H:%M"))

    page = render(report, "html")[""].decode()
    assert page.count(f"<td>reviewed by {ANN} · overridden</td>") == 1
    only_west = load_report(store, run, [west])
    assert f"Reviewed by {ANN}</strong> on {minute} UTC" in (
        ticket_html(only_west, "INC0010003").decode()
    )


def test_the_one_ticket_report_of_a_duplicated_number_asks_which(tmp_path, isolated_state):
    """`tqrs report --ticket INC0010003` on a run that holds it twice: refused with the ids of
    the copies (never whichever comes first); `--ticket ID` writes that copy's report."""
    from tests.conftest import run_cli
    from tqrs.store import Store

    with Store(isolated_state) as store:
        run, east, west = scored_twins(store, tmp_path)
    out = tmp_path / "t.html"
    proc = run_cli("report", "Twins", "--format", "html", "--ticket", "INC0010003", "--out", out)
    assert proc.returncode == 2 and proc.stderr.startswith("error:"), proc.stderr
    assert f"ticket ids {east}, {west}" in proc.stderr and not out.exists()
    run_cli(
        "report", "Twins", "--format", "html", "--ticket", west, "--out", out, check=True
    )  # fmt: skip
    page = out.read_text()
    assert "INC0010003" in page and "since this morning" not in page  # west, not east
