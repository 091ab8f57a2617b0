"""A full disk under the database: every writer gets the store's one clear StoreError, nothing
stored before is lost, and an evaluation cut off by it is left resumable, never "completed".
The disk is a real tmpfs filled to the last byte (see the tiny_disk fixture)."""

import os
from pathlib import Path

import duckdb

from tests.conftest import fill, run_cli
from tqrs.errors import StoreError

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "incidents.json"
FULL = "the disk is full (No space left on device)"


def _nearly_full(folder: Path, room: int = 64 * 1024) -> None:
    """Fill the disk, then give back `room` bytes: enough to open a run, not to store it."""
    fill(folder)
    filler = folder / "filler"
    os.truncate(filler, filler.stat().st_size - room)


def _runs(db: Path) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT r.id, r.status, (SELECT count(*) FROM ticket_results t WHERE t.run_id = r.id) "
            "FROM runs r ORDER BY r.id"
        ).fetchall()


def test_evaluate_on_a_full_disk_says_so_and_the_run_resumes(tiny_disk):
    disk = tiny_disk(8 * 1024 * 1024)
    env = {"TQRS_DB": str(disk / "tqrs.duckdb")}
    run_cli("ingest", SAMPLE, env=env, check=True)
    _nearly_full(disk)

    proc = run_cli("evaluate", "1", "--offline", "--rubric", "incident_logging", env=env)
    assert proc.returncode == 2, proc.stderr
    # one error line, last (before it, a progress line when the run took a few seconds)
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert errors == [proc.stderr.strip().splitlines()[-1]], proc.stderr
    assert errors[0].startswith(f"error: {disk / 'tqrs.duckdb'}: {FULL}")
    assert "Traceback" not in proc.stderr
    ((run_id, status, stored),) = _runs(disk / "tqrs.duckdb")
    assert status != "completed" and stored == 0

    (disk / "filler").unlink()
    assert run_cli("sessions", env=env, check=True).stdout.count("200 tickets") == 1
    run_cli("evaluate", "1", "--resume", str(run_id), env=env, check=True)
    assert _runs(disk / "tqrs.duckdb") == [(run_id, "completed", 200)]


def test_a_background_run_on_a_full_disk_is_left_resumable(tiny_disk, monkeypatch):
    """The workbench's path: the runner's writer thread hits the full disk."""
    from tests.app.conftest import wait_for_jobs
    from tqrs.ingest import ingest_files
    from tqrs.rubric import load_rubric
    from tqrs.store import Store
    from tqrs.workbench import resume_evaluation, run_state, start_evaluation

    disk = tiny_disk(8 * 1024 * 1024)
    monkeypatch.setenv("TQRS_DB", str(disk / "tqrs.duckdb"))
    store = Store()
    session = ingest_files(store, [SAMPLE], "sample").session_id
    _nearly_full(disk)
    run_id = start_evaluation(store, session, load_rubric("incident_logging"), offline=True)
    wait_for_jobs()
    state = run_state(store, run_id)
    assert state.status != "completed" and state.resumable
    assert FULL in (state.run.error or ""), state.run.error

    (disk / "filler").unlink()
    resume_evaluation(store, run_id)
    wait_for_jobs()
    assert run_state(store, run_id).status == "completed"
    assert run_state(store, run_id).stored == 200
    store.close()


def test_every_writer_gets_the_store_error(tiny_disk):
    from tqrs.store import Store

    disk = tiny_disk(4 * 1024 * 1024)
    store = Store(disk / "t.duckdb")
    with store.transaction() as cur:
        cur.execute("INSERT INTO sessions (name, created_at) VALUES ('kept', now())")
    fill(disk)
    try:
        with store.transaction() as cur:
            cur.execute(
                "INSERT INTO sessions (name, created_at) "
                "SELECT repeat('x', 4000) || i, now() FROM range(20000) t(i)"
            )
    except StoreError as e:
        assert FULL in str(e) and str(disk / "t.duckdb") in str(e)
    else:
        raise AssertionError("a write onto a full disk went through")
    (disk / "filler").unlink()
    assert store.query("SELECT name FROM sessions") == [("kept",)]
    store.close()
