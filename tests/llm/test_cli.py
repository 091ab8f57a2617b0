"""The CLI end to end in subprocesses against the local server: SIGKILL mid-run and resume,
and a planted API key that must not appear anywhere but the private secrets file."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import HANG_GUARD_S
from tests.llm.conftest import PLANTED_KEY
from tqrs.config import PROJECT_ROOT
from tqrs.ingest import ingest_files
from tqrs.llm.settings import save_secrets, save_settings, secrets_path
from tqrs.store import Store
from tqrs.testing.tickets import write_export

PLANTED_PROXY_KEY = "proxy-planted-0d1e2f3a4b5c"
pytestmark = pytest.mark.slow  # subprocesses: a few seconds each


def _session(tmp_path: Path, n: int) -> int:
    with Store() as store:
        return ingest_files(store, [write_export(tmp_path / "export.json", n)]).session_id


def _env(fake, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "TQRS_AZURE"))}
    return {
        **env,
        "OPENAI_BASE_URL": fake.base_url,
        "OPENAI_API_KEY": PLANTED_KEY,
        "OPENAI_MODEL": "gpt-4o-mini",
        "OPENAI_TIMEOUT": "5",
        "PYTHONPATH": str(PROJECT_ROOT),
        **extra,
    }


def _tqrs(env, *args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tqrs", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_S,
        **kw,
    )


def _rows(run_id: int) -> tuple[int, int]:
    with Store() as store:
        return store.query(
            "SELECT count(*), count(DISTINCT ticket_id) FROM ticket_results WHERE run_id = ?",
            [run_id],
        )[0]


def _wait_until_idle(pid: int, quiet: float = 1.0, limit: float = 300) -> None:
    """Wait until every thread of process `pid` has been asleep (state S) for `quiet` seconds:
    nothing left to grade or commit. A runnable thread reads R even while the machine is too
    busy to run it, so a busy machine only makes this wait longer (`limit`: a hang)."""
    calm_since, end = None, time.monotonic() + limit
    while time.monotonic() < end:
        states = []
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{task}/stat") as f:
                    states.append(f.read().rsplit(")", 1)[1].split()[0])
            except FileNotFoundError:  # a thread that just ended
                continue
        if all(state == "S" for state in states):
            calm_since = calm_since or time.monotonic()
            if time.monotonic() - calm_since >= quiet:
                return
        else:
            calm_since = None
        time.sleep(0.02)


def test_sigkill_mid_run_then_resume_sends_exactly_the_unanswered_tickets(fake, tmp_path):
    fake.plan.latency, fake.plan.hang = 0.05, 600
    # after 80 answers the server holds every request: the run has 80 results to commit and
    # nothing else to do, whatever the load (the kill used to race the first commit)
    fake.fault_for = lambda body: "hang" if fake.stats.requests > 80 else None
    session = _session(tmp_path, 150)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tqrs",
            "evaluate",
            str(session),
            "--rubric",
            "incident_handling",
            "--concurrency",
            "4",
        ],
        env=_env(fake, OPENAI_TIMEOUT="300"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300  # only a hang: the kill comes after 80 answers
    while fake.stats.requests <= 80 and time.monotonic() < deadline:
        time.sleep(0.01)
    _wait_until_idle(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    with Store() as store:
        run = store.query("SELECT id, status FROM runs ORDER BY id DESC LIMIT 1")[0]
        # answers are cached as they arrive, committed on their own (two runs share them):
        # an answer whose result the kill lost is not paid for twice
        (cached,) = store.query("SELECT count(*) FROM llm_cache")[0]
    committed, distinct = _rows(run[0])
    # the 80 answers, every one committed before the kill (the server answered no other)
    assert run[1] == "running" and committed == distinct == cached == 80

    fake.reset()
    fake.fault_for = None
    done = _tqrs(_env(fake), "evaluate", str(session), "--resume", str(run[0]))
    assert done.returncode == 0, done.stderr
    assert f"{committed:,} of 150 tickets already done" in done.stdout
    assert fake.stats.requests == 150 - cached
    assert _rows(run[0]) == (150, 150)
    assert "completed" in done.stdout


def test_second_identical_cli_run_sends_zero_requests(fake, tmp_path):
    session = _session(tmp_path, 12)
    first = _tqrs(_env(fake), "evaluate", str(session), "--rubric", "incident_handling")
    assert first.returncode == 0, first.stderr
    assert "estimate: 12 tickets to send (0 cached)" in first.stdout
    second = _tqrs(_env(fake), "evaluate", str(session), "--rubric", "incident_handling")
    assert second.returncode == 0, second.stderr
    assert fake.stats.requests == 12
    assert "0 tickets to send (12 cached)" in second.stdout
    assert "0 requests, 12 from the cache" in second.stdout


def test_offline_flag_sends_nothing(fake, tmp_path):
    session = _session(tmp_path, 5)
    result = _tqrs(_env(fake), "evaluate", str(session), "--offline")
    assert result.returncode == 0, result.stderr
    assert fake.stats.requests == 0
    assert "judge offline" in result.stdout


def test_planted_key_appears_nowhere_but_the_secrets_file(fake, tmp_path, isolated_state):
    fake.plan.sequence = ["500", "malformed", "malformed", "refusal", "429"]
    fake.plan.retry_after, fake.plan.rate_429 = 0.05, 0.1
    session = _session(tmp_path, 10)
    save_settings({"model": "gpt-4o-mini", "concurrency": 4})  # as the Settings page would
    save_secrets({"api_key": PLANTED_KEY})
    env = _env(fake, LOG_LEVEL="DEBUG", TQRS_AZURE_OPENAI_PROXY_KEY=PLANTED_PROXY_KEY)
    outputs = [
        _tqrs(env, "evaluate", str(session), "--rubric", "incident_handling"),
        _tqrs(env, "llm", "settings"),
        _tqrs(env, "llm", "settings", "--json"),
        _tqrs(env, "llm", "test"),
    ]
    fake.plan.sequence, fake.plan.rate_429 = ["401"], 0.0
    fake.reset()
    refused = _tqrs(env, "evaluate", str(session), "--rubric", "incident_handling", "--debug")
    outputs.append(refused)
    assert refused.returncode != 0 and "401" in refused.stderr  # the exception, traceback too
    assert fake.stats.last_headers["authorization"] == f"Bearer {PLANTED_KEY}"  # key was used
    assert fake.stats.last_headers["x-api-key"] == PLANTED_PROXY_KEY
    assert "DEBUG" in outputs[0].stderr and "****" in outputs[1].stdout

    texts = [o.stdout + o.stderr for o in outputs]
    assert PLANTED_KEY in secrets_path().read_text()  # the one place it may be
    state_files = [
        p
        for p in isolated_state.rglob("*")
        if p.is_file() and p.name not in ("secrets.json", "export.json")
    ]
    blobs = [p.read_bytes() for p in state_files]
    assert {"tqrs.duckdb", "settings.json"} <= {p.name for p in state_files}
    assert any(b"INC0100003" in b for b in blobs)  # plain strings are visible in these bytes
    for secret in (PLANTED_KEY, PLANTED_PROXY_KEY):
        assert not any(secret in t for t in texts)
        assert not any(secret.encode() in b for b in blobs)


def test_a_provider_that_dies_mid_run_is_a_stopped_run_the_cli_resumes(tmp_path):
    from tqrs.testing.fake_openai import FakeOpenAI, FaultPlan

    session = _session(tmp_path, 10)
    with FakeOpenAI(FaultPlan(die_after=4)) as server:
        port = server.port
        env = _env(server, OPENAI_MAX_RETRIES="1")
        stopped = _tqrs(env, "evaluate", str(session), "--rubric", "incident_handling")
    assert stopped.returncode == 0, stopped.stderr
    with Store() as store:
        run_id, status = store.query("SELECT id, status FROM runs ORDER BY id DESC LIMIT 1")[0]
    assert status == "provider_stopped"
    assert "stopped: the provider stopped answering" in stopped.stdout
    assert f"tqrs evaluate {session} --resume {run_id}" in stopped.stdout
    committed, _ = _rows(run_id)
    assert 0 < committed <= 4  # what was answered; no could-not-grade tail
    with FakeOpenAI(FaultPlan(), port=port) as server:
        done = _tqrs(env, "evaluate", str(session), "--resume", str(run_id))
        assert server.stats.requests == 10 - committed
    assert done.returncode == 0, done.stderr
    assert _rows(run_id) == (10, 10) and "completed" in done.stdout
