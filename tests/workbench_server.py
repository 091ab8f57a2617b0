"""A workbench server for a test: started on a free port, waited for until it answers, and
stopped with everything it started (Streamlit under `tqrs serve`) at the end.

The machine may be shared and busy: a port found free can be taken before the server binds it
(then the server says so and another port is tried), and a start may take long (the deadline
is a bound on a hang, not a speed requirement)."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

START_DEADLINE = 300  # seconds: only a server that never comes up is a failure
PORT_TAKEN = ("is not available", "already in use", "Address already in use")


@dataclass
class Server:
    url: str
    port: int
    proc: subprocess.Popen
    log: Path

    def stop(self) -> None:
        """Stop the server's whole process group (it was started in a session of its own)."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        try:  # children left behind by a parent that exited first
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(
    command: Callable[[int], list[str]], *, cwd: Path, env: dict, log: Path, attempts: int = 3
) -> Iterator[Server]:
    """Run `command(port)` until its server answers /_stcore/health; stop it on exit."""
    for attempt in range(attempts):
        port = free_port()
        with open(log, "w") as out:
            proc = subprocess.Popen(
                command(port),
                cwd=cwd,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server = Server(f"http://127.0.0.1:{port}", port, proc, log)
        if _answers(server):
            break
        server.stop()
        text = log.read_text()
        if attempt == attempts - 1 or not any(p in text for p in PORT_TAKEN):
            raise AssertionError(f"the workbench did not start:\n{text}")
    try:
        yield server
    finally:
        server.stop()


def _answers(server: Server) -> bool:
    """True once the server has said it listens on its port (so what answers there is this
    server, not another test's; Streamlit prints the address it binds: 127.0.0.1 by default)
    and answers; False if it exited first. A hang fails."""
    deadline = time.monotonic() + START_DEADLINE
    while server.proc.poll() is None:
        if re.search(rf"(?:localhost|127\.0\.0\.1|::):{server.port}\b", server.log.read_text()):
            try:
                with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=5) as r:
                    return r.status == 200
            except OSError:
                pass
        assert time.monotonic() < deadline, f"no answer in {START_DEADLINE} s"
        time.sleep(0.2)
    return False
