"""Shared fixtures. Every test runs with its own database: TQRS_DB points into tmp_path."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_state(tmp_path, monkeypatch):
    """All state (database, settings, secrets) in this test's temp dir."""
    db = tmp_path / "state" / "tqrs.duckdb"
    monkeypatch.setenv("TQRS_DB", str(db))
    monkeypatch.setenv("TQRS_REPORTS_DIR", str(tmp_path / "reports"))
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "TQRS_AZURE_", "TQRS_SERVICENOW_")):
            monkeypatch.delenv(name)
    return db


@pytest.fixture
def store(isolated_state):
    from tqrs.store import Store

    s = Store(isolated_state)
    yield s
    s.close()


# A guard against a hung child, not a speed claim: a call that has not ended in 15 minutes is
# stuck whatever the machine's load (under load 13 a 120 s bound gave way on a sound run).
HANG_GUARD_S = 900


def run_cli(*args, env=None, check=False, timeout=HANG_GUARD_S) -> subprocess.CompletedProcess:
    """`tqrs ARGS` in a child process, as a user runs it."""
    full_env = dict(os.environ, **(env or {}))
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    proc = subprocess.run(
        [sys.executable, "-m", "tqrs", *map(str, args)],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=ROOT,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        raise AssertionError(
            f"tqrs {' '.join(map(str, args))} exited {proc.returncode}:\n"
            f"{proc.stdout}\n{proc.stderr}"
        )
    return proc


def write_export(path: Path, records, key: str = "records") -> Path:
    path.write_text(json.dumps({key: records} if key else records), encoding="utf-8")
    return path


def scored_twins(store, folder: Path) -> tuple[int, int, int]:
    """A run (offline, Incident Logging) over two exports that both carry INC0010003:
    east.json (with INC0010001; sys_id 0…03, opened 2025-12-10 04:26) and west.json (sys_id
    f…f, opened 2025-12-11 09:15). Returns (run id, east's ticket id, west's ticket id)."""
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    east = write_export(folder / "east.json", [incident(1), incident(3)])
    west = write_export(
        folder / "west.json",
        [incident(3, sys_id="f" * 32, opened_at="2025-12-11 09:15:00", description="other")],
    )
    session = ingest_files(store, [east, west], "Twins").session_id
    run = evaluate_offline(store, session, "incident_logging")
    ids = dict(store.query("SELECT sys_id, id FROM tickets WHERE number = 'INC0010003'"))
    return run, ids[f"{3:032x}"], ids["f" * 32]


def unjudged_run(store, folder: Path) -> int:
    """A run (offline, Incident Handling) over three tickets of Ann A (group G1) without the
    text columns the rubric reads (description, journal, close notes and code): every ticket
    is not assessable, with no score, no mean and no pass rate."""
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    text = ("description", "work_notes", "comments", "close_notes", "close_code")
    records = [
        {
            k: v
            for k, v in incident(n, assigned_to="Ann A", assignment_group="G1").items()
            if k not in text
        }
        for n in (1, 2, 3)
    ]
    session = ingest_files(store, [write_export(folder / "list.json", records)], "list")
    return evaluate_offline(store, session.session_id, "incident_handling")


def incident(n: int = 1, **fields) -> dict:
    """A raw ServiceNow incident record as the JSON export writes it."""
    rec = {
        "number": f"INC{10000 + n:07d}",
        "sys_id": f"{n:032x}",
        "short_description": "ACME/Retail - London - Outlook - Cannot send email",
        "description": "User cannot send email since this morning; error 0x800CCC0E.",
        "caller_id": "Dana Whitfield",
        "contact_type": "phone",
        "state": "7",
        "priority": "3",
        "impact": "2",
        "urgency": "2",
        "category": "software",
        "subcategory": "email",
        "business_service": "Email",
        "cmdb_ci": "Outlook 365",
        "assignment_group": "Service Desk",
        "assigned_to": "Priya Raman",
        "opened_at": "2025-12-10 04:26:41",
        "resolved_at": "2025-12-10 05:01:12",
        "closed_at": "2025-12-13 06:00:00",
        "sys_updated_on": "2025-12-13 06:00:00",
        "close_code": "Solved (Permanently)",
        "close_notes": "Repaired the Outlook profile; user confirmed mail flows.",
        "work_notes": "2025-12-10 04:40:00 - Priya Raman (Work notes)\nRebuilt profile.\n",
        "comments": "",
        "reassignment_count": "0",
        "reopen_count": "0",
        "u_custom_region": "EMEA",
    }
    rec.update(fields)
    return rec


@pytest.fixture
def tiny_disk(tmp_path):
    """A factory for a small tmpfs of its own (`tiny_disk(bytes)` -> its folder) to fill up:
    the real "no space left on device". Needs root (CAP_SYS_ADMIN); skips with the reason
    otherwise. Unmounted at the end."""
    mounted: list[Path] = []

    def mount(size: int) -> Path:
        folder = tmp_path / f"disk{len(mounted)}"
        folder.mkdir()
        proc = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs to fill ({proc.stderr.strip() or 'not root'})")
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    """Fill the disk holding `folder` to the last byte."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for size in (65536, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)


REAL_DIR = Path(os.environ.get("TQRS_REAL_DIR", ROOT.parent / "shared" / "real"))


def real_file(name: str) -> Path:
    """A real export from ../shared/real (or $TQRS_REAL_DIR); the test skips, saying why,
    when it is absent."""
    path = REAL_DIR / name
    if not path.is_file():
        pytest.skip(f"real export {name} not found in {REAL_DIR} (set TQRS_REAL_DIR)")
    return path
