"""`tqrs serve` as a user starts it: on this machine only unless --host opens it, and then with
the workbench password printed once on the console. The listening address is read from the
kernel's socket table (/proc/net/tcp), not from what the command says."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(
    not Path("/proc/net/tcp").exists(), reason="needs Linux's /proc/net/tcp"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> set[str]:
    """The local addresses with a socket listening on `port` (IPv4 and IPv6)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state != "0A" or int(hex_port, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            if width == 8:
                found.add(socket.inet_ntop(socket.AF_INET, raw[::-1]))
            else:  # four little-endian 32-bit words
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
                found.add(socket.inet_ntop(socket.AF_INET6, words))
    return found


def _serve(tmp_path, *args) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    env = dict(os.environ, TQRS_DB=str(tmp_path / "state" / "tqrs.duckdb"), PYTHONPATH=str(ROOT))
    for name in ("TQRS_ADMIN_PASSWORD", "TQRS_WORKBENCH_PASSWORD"):
        env.pop(name, None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tqrs", "serve", "--port", str(port), "--headless", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its streamlit child in the same group, stopped with it
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
            return proc, port
        except OSError:
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "the workbench did not start"
            time.sleep(0.3)


def _stop(proc: subprocess.Popen) -> str:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        _, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        _, err = proc.communicate()
    return err


def test_serve_listens_on_this_machine_only_by_default(tmp_path):
    proc, port = _serve(tmp_path)
    try:
        assert _listening(port) == {"127.0.0.1"}
    finally:
        err = _stop(proc)
    assert "admin password" in err and "workbench password" not in err


def test_serve_host_opens_it_and_prints_the_workbench_password_once(tmp_path):
    proc, port = _serve(tmp_path, "--host", "0.0.0.0")
    try:
        assert _listening(port) == {"0.0.0.0"}
    finally:
        err = _stop(proc)
    assert "TQRS workbench password (every page, when the workbench is open to the network)" in err
    assert "listens on 0.0.0.0, open to the network" in err
    assert (tmp_path / "state" / "workbench.json").stat().st_mode & 0o777 == 0o600
    proc, _ = _serve(tmp_path, "--host", "0.0.0.0")
    assert "shown only this once" not in _stop(proc)  # never again


def test_serve_stopped_by_its_pid_stops_the_workbench(tmp_path):
    # `kill PID` (a service manager, a script that kept the pid) reaches `tqrs serve` only.
    # Before: its streamlit child lived on, holding the port, and the next `tqrs serve` on
    # that port printed "Port 8742 is not available".
    proc, port = _serve(tmp_path)
    try:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)  # not communicate(): a child left running holds the pipes
        deadline = time.monotonic() + 60  # a bound against hanging, not a speed check
        while _listening(port) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert not _listening(port), "the workbench still listens after tqrs serve stopped"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
