"""Reports of an evaluation run: CSV (per ticket and per criterion), JSON, Excel and a
self-contained HTML page. Every format is rendered from one `Report` (tqrs.reports.data), so
their figures agree; `render` gives the bytes (for downloads), `write_report` writes files."""

import re
from pathlib import Path

from tqrs import config
from tqrs.errors import InputError
from tqrs.files import write_atomic
from tqrs.reports.csv_report import criteria_csv, tickets_csv
from tqrs.reports.data import Report, judge_label, load_filtered_report, load_report
from tqrs.reports.html_report import batch_html, ticket_html
from tqrs.reports.json_report import report_json
from tqrs.reports.xlsx_report import report_xlsx

FORMATS = ("csv", "json", "html", "xlsx")
CRITERIA_SUFFIX = "-criteria"

__all__ = [
    "CRITERIA_SUFFIX",
    "FORMATS",
    "MIME_TYPES",
    "Report",
    "judge_label",
    "keep_report",
    "load_filtered_report",
    "load_report",
    "render",
    "report_filename",
    "ticket_html",
    "write_report",
    "write_ticket_report",
]


def render(report: Report, fmt: str) -> dict[str, bytes]:
    """The report's files as {name suffix: content}: "" is the main file; csv adds the
    per-criterion table under CRITERIA_SUFFIX."""
    if fmt == "csv":
        return {"": tickets_csv(report), CRITERIA_SUFFIX: criteria_csv(report)}
    if fmt == "json":
        return {"": report_json(report)}
    if fmt == "html":
        return {"": batch_html(report)}
    if fmt == "xlsx":
        return {"": report_xlsx(report)}
    raise InputError(f"unknown report format {fmt!r} (formats: {', '.join(FORMATS)})")


def report_filename(report: Report, fmt: str, suffix: str = "") -> str:
    """A name that says session, rubric, run and date, such as
    session3-incident_logging-run7-2026-11-21.html; a part of the run (Report.selection) says
    so, session3-incident_logging-run7-2026-11-21-view-313-1a2b3c4d.html, and never takes
    the full report's name."""
    run = report.run
    part = f"-{report.selection}" if report.selection else ""
    return (
        f"session{run.session_id}-{run.rubric_id}-run{run.id}-"
        f"{report.generated_at:%Y-%m-%d}{part}{suffix}.{fmt}"
    )


def write_report(
    report: Report, fmt: str, out: Path, keep: bool = True, db: Path | None = None
) -> list[Path]:
    """Write the report at `out` (a file, or a folder to hold it under its standard name);
    csv writes the per-criterion table beside it as `<stem>-criteria.csv`. With `keep`, a copy
    also goes under its standard name to the database's folder for kept reports
    (config.kept_reports_dir: reports/ for the default database, a folder inside it for any
    other). Returns the paths written.

    Each file is written whole or not at all, and never over a file the store owns (`db`, the
    database in use, else $TQRS_DB's: see config.state_file_role): InputError then, before
    anything is written."""
    out = _target(Path(out), report_filename(report, fmt))
    files = render(report, fmt)
    targets = {
        (out.with_name(f"{out.stem}{suffix}.{fmt}") if suffix else out): content
        for suffix, content in files.items()
    }
    folder = config.kept_reports_dir(db)
    if keep and out.resolve().parent != folder.resolve():
        folder.mkdir(parents=True, exist_ok=True)
        for suffix, content in files.items():
            targets[folder / report_filename(report, fmt, suffix)] = content
    _write_all(targets, db)
    return list(targets)


def keep_report(
    report: Report, fmt: str, folder: Path | None = None, db: Path | None = None
) -> dict[str, bytes]:
    """Render the report for a download and keep a copy under `folder` (default: the database's
    folder for kept reports, config.kept_reports_dir), named by session, rubric, run and date,
    as `write_report` writes. Returns what `render` returns."""
    folder = Path(folder or config.kept_reports_dir(db))
    folder.mkdir(parents=True, exist_ok=True)
    files = render(report, fmt)
    _write_all(
        {folder / report_filename(report, fmt, suffix): data for suffix, data in files.items()},
        db,
    )
    return files


MIME_TYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "html": "text/html",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def write_ticket_report(report: Report, number: str, out: Path, db: Path | None = None) -> Path:
    """Write one ticket's HTML report at `out` (a file or a folder), as `write_report` writes;
    returns the path."""
    path = _target(Path(out), report_filename(report, "html", f"-{_safe_name(number)}"))
    _write_all({path: ticket_html(report, number)}, db)
    return path


def _target(out: Path, name: str) -> Path:
    if out.is_dir():
        out = out / name
    if not out.parent.is_dir():
        raise InputError(f"{out.parent}: no such folder for the report")
    return out


def _write_all(files: dict[Path, bytes], db: Path | None) -> None:
    """Write each file atomically, after checking that none is a file the store owns."""
    for path in files:
        role = config.state_file_role(path, db)
        if role is not None:
            raise InputError(f"{path}: that is {role}; write the report to another file")
    for path, content in files.items():
        try:
            write_atomic(path, content)
        except OSError as e:
            raise InputError(
                f"{path}: cannot write the report ({e.strerror or e}); nothing was written there"
            ) from None


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text)[:60]
