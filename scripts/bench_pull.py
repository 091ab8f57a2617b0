"""Benchmark `tqrs pull`: N incidents with their journals from the fake ServiceNow instance
(tqrs.testing.fake_servicenow, in a process of its own so that its work is not counted), at a
latency of L seconds per request. Prints the wall and CPU time of the pull (this process only),
incidents per second, requests, pages, peak RSS, and the time of a second pull that finds
nothing changed; and the load average, since the machine is shared.

    PYTHONPATH=. .venv/bin/python scripts/bench_pull.py [--incidents 25000 --latency 0.0 --page-size 1000]
State goes to a temp dir (TQRS_DB is set here), so no real database is touched."""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=25_000)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--page-size", type=int, default=1000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tqrs-bench-pull-"))
    os.environ["TQRS_DB"] = str(tmp / "tqrs.duckdb")

    from tqrs.llm.secret import Secret
    from tqrs.servicenow.credentials import Credentials
    from tqrs.servicenow.pull import pull
    from tqrs.store import Store

    fake = subprocess.Popen(
        [sys.executable, "-m", "tqrs.testing.fake_servicenow", "--incidents", str(args.incidents),
         "--latency", str(args.latency), "--user", "bench", "--password", "bench-pw"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    try:
        url = fake.stdout.readline().strip()
        creds = Credentials(user="bench", password=Secret("bench-pw"), source="environment")
        with Store() as store:
            wall, cpu = time.perf_counter(), time.process_time()
            first = pull(store, url, "", page_size=args.page_size, credentials=creds)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            again_wall = time.perf_counter()
            second = pull(store, url, "", page_size=args.page_size, credentials=creds)
            again_wall = time.perf_counter() - again_wall
    finally:
        fake.terminate()
        fake.wait()
    p = first.progress
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"incidents: {p.received:,} ({p.journal_entries:,} journal entries), "
          f"tickets stored: {first.report.ticket_count:,}")  # fmt: skip
    print(f"first pull: {wall:.2f} s wall, {cpu:.2f} s CPU (this process), "
          f"{p.received / wall:,.0f} incidents/s; {p.pages} pages, {p.requests} requests, "
          f"page size {args.page_size}, latency {args.latency * 1000:.0f} ms per request")  # fmt: skip
    print(f"second pull (nothing changed): {again_wall:.2f} s, "
          f"{second.progress.requests} requests")  # fmt: skip
    print(f"peak RSS: {peak:.0f} MB; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
