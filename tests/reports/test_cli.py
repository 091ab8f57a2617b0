"""`tqrs report` as a user runs it."""

import orjson

from tests.conftest import run_cli, write_export
from tests.reports.conftest import hostile_records
from tests.reports.readers import csv_rows


def _session(tmp_path, evaluate=True) -> str:
    run_cli("ingest", write_export(tmp_path / "h.json", hostile_records()), check=True)
    if evaluate:
        run_cli("evaluate", "1", "--offline", "--rubric", "incident_logging", check=True)
    return "1"


def test_every_format_from_the_latest_run(tmp_path):
    _session(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    proc = run_cli("report", "1", "--format", "csv", "--out", out / "r.csv", check=True)
    assert f"wrote {out / 'r.csv'}" in proc.stdout
    assert f"wrote {out / 'r-criteria.csv'}" in proc.stdout
    assert "judge offline (heuristics, no LLM)" in proc.stdout
    assert len(csv_rows((out / "r.csv").read_bytes())) == 6
    assert len(csv_rows((out / "r-criteria.csv").read_bytes())) == 6 * 7

    run_cli("report", "1", "--run", "1", "--format", "json", "--out", out / "r.json", check=True)
    assert orjson.loads((out / "r.json").read_bytes())["run"]["id"] == 1

    proc = run_cli("report", "1", "--format", "html", "--out", out, check=True)
    written = proc.stdout.strip().splitlines()[-1].removeprefix("wrote ")
    assert written.endswith(".html") and "session1-incident_logging-run1-" in written
    assert "plotly.js" in (out / written.rsplit("/", 1)[-1]).read_text()

    run_cli("report", "1", "--format", "xlsx", "--out", out / "r.xlsx", check=True)
    assert (out / "r.xlsx").read_bytes()[:2] == b"PK"

    proc = run_cli(
        "report",
        "1",
        "--format",
        "html",
        "--ticket",
        "INC0010002",
        "--out",
        out / "t.html",
        check=True,
    )
    assert "Ticket INC0010002" in (out / "t.html").read_text()


def test_a_session_without_a_run_is_an_error(tmp_path):
    _session(tmp_path, evaluate=False)
    proc = run_cli("report", "1", "--format", "csv", "--out", tmp_path / "r.csv")
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        "error: session 1 has no evaluation run yet (run tqrs evaluate 1)"
    )
    assert not (tmp_path / "r.csv").exists()


def test_bad_run_folder_and_ticket_are_errors(tmp_path):
    _session(tmp_path)
    cases = [
        (("--run", "9", "--format", "json", "--out", tmp_path / "r.json"), "no run 9"),
        (("--format", "json", "--out", tmp_path / "missing" / "r.json"), "no such folder"),
        (
            ("--format", "html", "--ticket", "INC404", "--out", tmp_path / "t.html"),
            "has no ticket 'INC404'",
        ),
        (("--format", "csv", "--ticket", "INC0010002", "--out", tmp_path / "t.csv"), "--ticket"),
    ]
    for args, message in cases:
        proc = run_cli("report", "1", *args)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.startswith("error:") and message in proc.stderr
        assert "Traceback" not in proc.stderr
