"""Where reports are written and what they are called."""

import re

from tqrs.reports import keep_report, load_report, report_filename, write_report


def test_kept_copies_are_named_by_session_rubric_run_and_date(hostile_run, tmp_path):
    store, run_id = hostile_run
    report = load_report(store, run_id)
    files = keep_report(report, "csv", tmp_path / "reports")
    names = sorted(p.name for p in (tmp_path / "reports").iterdir())
    stamp = f"{report.generated_at:%Y-%m-%d}"
    assert names == [
        f"session1-incident_logging-run{run_id}-{stamp}-criteria.csv",
        f"session1-incident_logging-run{run_id}-{stamp}.csv",
    ]
    assert (tmp_path / "reports" / names[1]).read_bytes() == files[""]


def test_write_report_into_a_folder_or_at_a_path(hostile_run, tmp_path):
    store, run_id = hostile_run
    report = load_report(store, run_id)
    (path,) = write_report(report, "xlsx", tmp_path, keep=False)
    assert re.fullmatch(
        rf"session1-incident_logging-run{run_id}-\d{{4}}-\d\d-\d\d\.xlsx", path.name
    )
    written = write_report(report, "csv", tmp_path / "out.csv", keep=False)
    assert [p.name for p in written] == ["out.csv", "out-criteria.csv"]


def test_written_reports_are_also_kept_in_the_reports_folder(hostile_run, tmp_path):
    store, run_id = hostile_run
    report = load_report(store, run_id)
    out, criteria, kept, kept_criteria = write_report(report, "csv", tmp_path / "mine.csv")
    assert kept.parent == tmp_path / "reports"  # TQRS_REPORTS_DIR, set by the autouse fixture
    assert kept.name == report_filename(report, "csv")
    assert kept.read_bytes() == out.read_bytes()
    assert kept_criteria.read_bytes() == criteria.read_bytes()
    again = write_report(report, "json", tmp_path / "reports")
    assert len(again) == 1  # written straight into the reports folder: no second copy


def test_the_criteria_csv_is_named_after_the_path_stem(hostile_run, tmp_path):
    store, run_id = hostile_run
    written = write_report(load_report(store, run_id), "csv", tmp_path / "march.txt", keep=False)
    assert [p.name for p in written] == ["march.txt", "march-criteria.csv"]


def test_the_html_lists_the_lowest_tickets_when_there_are_many(hostile_run, monkeypatch):
    from tests.reports.readers import html_ticket_rows
    from tqrs.reports import html_report, render

    store, run_id = hostile_run
    report = load_report(store, run_id)
    monkeypatch.setattr(html_report, "MAX_LISTED_TICKETS", 2)
    page = render(report, "html")[""].decode()
    lowest = sorted(report.tickets, key=lambda t: (t.score.percent, t.number))[:2]
    assert set(html_ticket_rows(page)) == {t.number for t in lowest}
    assert "The 2 lowest-scoring of 6 tickets" in page
