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


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name != "filler")


def test_a_full_disk_leaves_the_old_report_whole_and_no_partial_file(
    hostile_run, tiny_disk, tmp_path
):
    from tests.conftest import fill
    from tqrs.errors import InputError

    store, run_id = hostile_run
    report = load_report(store, run_id)
    disk = tiny_disk(256 * 1024)
    (old,) = write_report(report, "json", disk / "r.json", keep=False)
    previous = old.read_bytes()
    fill(disk)
    for fmt, name in (("json", "r.json"), ("html", "new.html")):
        try:
            write_report(report, fmt, disk / name, keep=False)
        except InputError as e:
            assert f"{disk / name}: cannot write the report (No space left on device)" in str(e)
        else:
            raise AssertionError("a full disk wrote a report")
    assert _leftovers(disk) == ["r.json"]  # no 0-byte new.html, no temporary file
    assert old.read_bytes() == previous


def test_a_failed_write_leaves_nothing_behind(hostile_run, tmp_path, monkeypatch):
    """The same at the OS boundary, where a tmpfs cannot be mounted: the flush to disk fails."""
    import errno
    import os

    from tqrs.errors import InputError

    store, run_id = hostile_run
    report = load_report(store, run_id)
    out = tmp_path / "out"
    out.mkdir()

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    try:
        write_report(report, "csv", out / "r.csv", keep=False)
    except InputError as e:
        assert "No space left on device" in str(e)
    else:
        raise AssertionError("the failed write was not reported")
    assert list(out.iterdir()) == []


def test_a_kept_copy_never_writes_through_a_link_to_the_database(
    hostile_run, tmp_path, isolated_state
):
    from tqrs.errors import InputError

    store, run_id = hostile_run
    report = load_report(store, run_id)
    reports = tmp_path / "reports"
    reports.mkdir(exist_ok=True)
    trap = reports / report_filename(report, "json")
    trap.symlink_to(isolated_state)
    store.close()
    before = isolated_state.read_bytes()
    try:
        keep_report(report, "json")
    except InputError as e:
        assert f"that is the database {isolated_state}" in str(e)
    else:
        raise AssertionError("the kept copy went through the link")
    assert isolated_state.read_bytes() == before and trap.is_symlink()


def test_a_filtered_download_never_takes_the_full_reports_name(hostile_run, tmp_path):
    from tqrs.reports import load_filtered_report
    from tqrs.store.results import ReviewFilter

    store, run_id = hostile_run
    full = load_report(store, run_id)
    passed = load_filtered_report(store, run_id, ReviewFilter(verdict="pass"))
    failed = load_filtered_report(store, run_id, ReviewFilter(verdict="fail"))
    folder = tmp_path / "reports"
    kept_full = keep_report(full, "json", folder)[""]
    keep_report(passed, "json", folder)
    keep_report(failed, "json", folder)
    stamp = f"{full.generated_at:%Y-%m-%d}"
    base = f"session1-incident_logging-run{run_id}-{stamp}"
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 3 and f"{base}.json" in names
    n = passed.summary.tickets
    assert any(re.fullmatch(rf"{base}-view-{n}-[0-9a-f]{{8}}\.json", name) for name in names)
    assert (folder / f"{base}.json").read_bytes() == kept_full  # the full report untouched
    again = load_filtered_report(store, run_id, ReviewFilter(verdict="pass"))
    assert report_filename(again, "json") == report_filename(passed, "json")  # same view
