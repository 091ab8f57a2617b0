"""Benchmark a run through the Batch API against the local fake provider (in its own process):
N synthetic tickets submitted as batch files, checked, collected. Prints this process's CPU
time and wall time for the batch run and for the same tickets online (latency 0, so both are
bound by this machine), the files and batches, the cost at both prices, and the second batch
run (served by the cache: 0 lines sent).

    PYTHONPATH=. .venv/bin/python scripts/bench_batch.py [--tickets 5000 --per-file 1200]
"""

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def start_server() -> tuple[subprocess.Popen, int]:
    server = subprocess.Popen(
        [sys.executable, "-m", "tqrs.testing.fake_openai"], stdout=subprocess.PIPE, text=True
    )
    return server, int(server.stdout.readline())


def chat_requests(port: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/stats") as r:
        return json.load(r)["requests"]


def run(name: str, args, workdir: Path, port: int, batch: bool) -> None:
    from tqrs.engine import execute, plan_run
    from tqrs.engine.batch import BatchOptions
    from tqrs.ingest import ingest_files
    from tqrs.judges.llm import LLMJudge
    from tqrs.llm.batch_api import FileLimits
    from tqrs.llm.settings import resolve_settings
    from tqrs.rubric import load_rubric
    from tqrs.store import Store
    from tqrs.store import batches as db_batches
    from tqrs.store import runs as db_runs
    from tqrs.testing.tickets import write_export

    store = Store(workdir / f"{name}.duckdb")
    path = write_export(workdir / f"{name}.json", args.tickets)
    session = ingest_files(store, [path], name).session_id
    rubric = load_rubric(args.rubric)
    settings = resolve_settings(
        {"base_url": f"http://127.0.0.1:{port}/v1", "api_key": "sk-bench", "model": "gpt-4o-mini"},
        env={},
    )
    options = BatchOptions(poll=0.05, limits=FileLimits(requests=args.per_file))
    for attempt in ("first", "again") if batch else ("first",):
        judge = LLMJudge(settings, store=store)
        plan = plan_run(store, session, rubric, judge, mode="batch" if batch else "online")
        cpu, wall = time.process_time(), time.perf_counter()
        final = asyncio.run(
            execute(store, plan, judge, concurrency=16, batch=options if batch else None)
        )
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        run_info = db_runs.get_run(store, plan.run_id)
        jobs = db_batches.jobs(store, plan.run_id)
        print(
            f"{name} ({attempt}): {final.done:,} scored, {final.failed:,} failed, "
            f"{final.cached:,} cached in {wall:.1f} s wall, {cpu:.1f} s CPU here "
            f"({cpu / max(1, args.tickets) * 1000:.2f} ms CPU per ticket); "
            f"{len(jobs)} files / {sum(j.requests for j in jobs):,} lines; "
            f"cost ${run_info.cost:.4f}"
        )
    store.close()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--tickets", type=int, default=5000)
    p.add_argument("--per-file", type=int, default=1200)
    p.add_argument("--rubric", default="incident_handling")
    args = p.parse_args()
    server, port = start_server()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["TQRS_DB"] = str(Path(tmp) / "unused.duckdb")
            run("batch", args, Path(tmp), port, batch=True)
            before = chat_requests(port)
            run("online", args, Path(tmp), port, batch=False)
            print(f"online requests: {chat_requests(port) - before:,}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
