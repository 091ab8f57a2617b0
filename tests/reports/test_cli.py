"""`tqrs report` as a user runs it."""

import hashlib
import os
from pathlib import Path

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


def test_a_report_never_overwrites_the_database_or_its_files(tmp_path, isolated_state):
    _session(tmp_path)
    state = isolated_state.parent
    (state / "settings.json").write_text('{"llm": {"model": "gpt-4o-mini"}}')
    link = tmp_path / "innocent.csv"
    link.symlink_to(isolated_state)
    hard = tmp_path / "hard.json"
    hard.hardlink_to(isolated_state)
    (state / "tqrs.duckdb.tmp").mkdir(exist_ok=True)
    before = {p.name: p.read_bytes() for p in state.iterdir() if p.is_file()}
    targets = {
        isolated_state: "the database",
        state / "tqrs.duckdb.wal": "write-ahead log",
        state / "settings.json": "saved settings",
        state / "secrets.json": "saved API keys",
        state / "admin.json": "admin password hash",
        link: "the database",
        hard: "the database",
        state / "tqrs.duckdb.tmp" / "spill.csv": "spill folder",
        state / ".secrets.json.k2x9q.tmp": "temporary copy of the saved API keys",
    }
    for target, role in targets.items():
        proc = run_cli("report", "1", "--format", "json", "--out", target)
        assert proc.returncode == 2, (target, proc.stdout, proc.stderr)
        assert proc.stderr.startswith(f"error: {target}: that is ") and role in proc.stderr
        assert "Traceback" not in proc.stderr
    # any other file beside the database is fine
    run_cli("report", "1", "--format", "json", "--out", state / "report.json", check=True)
    after = {p.name: p.read_bytes() for p in state.iterdir() if p.is_file()}
    assert {k: after[k] for k in before} == before
    assert link.is_symlink() and hard.read_bytes() == isolated_state.read_bytes()
    assert run_cli("sessions", "--json", check=True).stdout.count('"id": 1') == 1


def test_a_report_onto_another_databases_file_is_refused_with_db(tmp_path):
    other = tmp_path / "other" / "tqrs.duckdb"
    ingest = run_cli("ingest", "--db", other, write_export(tmp_path / "h.json", hostile_records()))
    assert ingest.returncode == 0, ingest.stderr
    run_cli("evaluate", "--db", other, "1", "--offline", check=True)
    proc = run_cli("report", "--db", other, "1", "--format", "csv", "--out", other)
    assert proc.returncode == 2 and f"that is the database {other}" in proc.stderr
    assert run_cli("sessions", "--db", other, check=True).stdout.count("h.json") >= 1


def test_two_databases_keep_their_reports_apart(tmp_path):
    """Both databases number their first session and run 1, so their kept copies had one name
    in reports/: the second report replaced the first's copy. Now the default database
    ($TQRS_DB, paired with TQRS_REPORTS_DIR by the fixture) keeps its copy in reports/ and
    the other its own folder inside it, and the CLI says where each went."""
    from tests.conftest import incident

    other = tmp_path / "elsewhere" / "tqrs.duckdb"  # the same file name in another folder
    other.parent.mkdir()
    for db, tickets in ((None, [incident(1)]), (other, [incident(1), incident(2)])):
        where = ("--db", db) if db else ()
        export = write_export(tmp_path / f"{len(tickets)}.json", tickets)
        run_cli("ingest", export, *where, check=True)
        run_cli("evaluate", "1", "--offline", "--rubric", "incident_logging", *where, check=True)
    kept = {}
    for db, name in ((None, "mine"), (other, "theirs")):
        where = ("--db", db) if db else ()
        out = tmp_path / f"{name}.json"
        proc = run_cli("report", "1", "--format", "json", "--out", out, *where, check=True)
        lines = [line.removeprefix("wrote ") for line in proc.stdout.splitlines()]
        assert lines[-2] == str(out)  # the --out file, then the kept copy
        kept[name] = (Path(lines[-1]), out)
    assert kept["mine"][0].parent == tmp_path / "reports"
    assert kept["theirs"][0].parent.parent == tmp_path / "reports"
    assert kept["mine"][0] != kept["theirs"][0]
    for name, count in (("mine", 1), ("theirs", 2)):
        copy, out = kept[name]
        assert copy.read_bytes() == out.read_bytes()
        assert len(orjson.loads(copy.read_bytes())["tickets"]) == count


def _served_environment(db, monkeypatch) -> dict[str, str]:
    """The environment `tqrs serve --db DB` gives the workbench (no server started)."""
    from types import SimpleNamespace

    import tqrs.commands.sessions as commands

    seen = {}
    monkeypatch.setattr(commands, "_run_forwarding_signals", lambda cmd, env: seen.update(env) or 0)
    monkeypatch.setenv("TQRS_ADMIN_PASSWORD", "not-asked")
    args = SimpleNamespace(db=str(db), port=9999, headless=True, host="127.0.0.1")
    assert commands.cmd_serve(args, None) == 0
    return seen


def test_the_served_workbench_keeps_another_database_s_reports_where_the_cli_does(
    tmp_path, monkeypatch
):
    """`tqrs serve --db OTHER` set TQRS_REPORTS_DIR for the workbench, which made OTHER own
    the top of reports/: its copies went over the default database's (both number sessions
    and runs from 1) while `tqrs report --db OTHER` kept them in a folder of its own. The
    workbench now keeps them where the CLI does: the folder the CLI printed (TQRS_REPORTS_DIR
    set), and reports/<stem>-<8 hex of sha256 of the path> (computed here) when it is not."""
    from tests.conftest import incident
    from tqrs import config

    other = tmp_path / "elsewhere" / "tqrs.duckdb"
    other.parent.mkdir()
    run_cli("ingest", write_export(tmp_path / "t.json", [incident(1)]), "--db", other, check=True)
    run_cli("evaluate", "1", "--offline", "--rubric", "incident_logging", "--db", other, check=True)
    proc = run_cli("report", "1", "--format", "csv", "--out", tmp_path / "r.csv", "--db", other)
    cli_kept = Path(proc.stdout.splitlines()[-1].removeprefix("wrote ")).parent
    assert cli_kept.parent == tmp_path / "reports"  # the fixture's TQRS_REPORTS_DIR

    with monkeypatch.context() as m:
        for name, value in _served_environment(other, m).items():
            m.setenv(name, value)
        assert config.kept_reports_dir() == cli_kept

    monkeypatch.delenv("TQRS_REPORTS_DIR")
    served = _served_environment(other, monkeypatch)
    assert "TQRS_REPORTS_DIR" not in served
    monkeypatch.setenv("TQRS_DB", served["TQRS_DB"])
    digest = hashlib.sha256(os.path.realpath(other).encode()).hexdigest()[:8]
    assert config.kept_reports_dir() == config.PROJECT_ROOT / "reports" / f"tqrs-{digest}"
