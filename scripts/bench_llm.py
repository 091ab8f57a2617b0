"""Benchmark the LLM runner against the local fake OpenAI server (run in its own process).

Runs N synthetic tickets at latency L and concurrency C and prints the wall time, the ideal
N*L/C, their ratio, requests per ticket and prompt tokens per ticket; then the same run again
(which the LLM cache must serve with 0 requests). Two cases: clean, and faulty (10% of
requests answered 429 with Retry-After 1, 5% answered 500).

    PYTHONPATH=. .venv/bin/python scripts/bench_llm.py [--tickets 500 --latency 0.3 --concurrency 16]
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

CASES = {"clean": [], "faulty": ["--rate-429", "0.10", "--retry-after", "1", "--rate-500", "0.05"]}


def start_server(latency: float, faults: list[str]) -> tuple[subprocess.Popen, int]:
    server = subprocess.Popen(
        [sys.executable, "-m", "tqrs.testing.fake_openai", "--latency", str(latency), *faults],
        stdout=subprocess.PIPE,
        text=True,
    )
    return server, int(server.stdout.readline())


def server_stats(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/stats") as r:
        return json.load(r)


async def bare_sdk(settings, requests: list[list[dict]], model, concurrency: int) -> float:
    """Wall time of the same requests sent by the bare SDK (no runner, judge or store): what
    the machine allows at this moment, to tell the runner's overhead from the machine's load."""
    from tqrs.llm.client import build_client

    client, slots = build_client(settings), asyncio.Semaphore(concurrency)

    async def one(messages):
        async with slots:
            await client.chat.completions.parse(
                model=settings.model, messages=messages, response_format=model
            )

    start = time.perf_counter()
    await asyncio.gather(*(one(m) for m in requests))
    await client.close()
    return time.perf_counter() - start


def run_case(name: str, args, workdir: Path) -> None:
    from tqrs.engine import execute, plan_run
    from tqrs.ingest import ingest_files
    from tqrs.judges.llm import LLMJudge
    from tqrs.llm.settings import resolve_settings
    from tqrs.rubric import load_rubric
    from tqrs.store import Store
    from tqrs.testing.tickets import write_export

    os.environ["TQRS_DB"] = str(workdir / f"{name}.duckdb")
    store = Store()
    session = ingest_files(
        store, [write_export(workdir / f"{name}.json", args.tickets)], name
    ).session_id
    rubric = load_rubric(args.rubric)
    server, port = start_server(args.latency, CASES[name])
    try:
        settings = resolve_settings(
            {
                "base_url": f"http://127.0.0.1:{port}/v1",
                "api_key": "sk-bench",
                "model": "gpt-4o-mini",
                "concurrency": args.concurrency,
            },
            env={},
        )
        judge = LLMJudge(settings, store=store)
        plan = plan_run(store, session, rubric, judge)
        baseline = None
        if name == "clean":
            from tqrs.engine import pending_tickets
            from tqrs.llm.response_model import build_response_model

            reqs = [judge.prepare(t, rubric) for t in pending_tickets(store, plan)]
            messages = [
                [{"role": "system", "content": r.system}, {"role": "user", "content": r.user}]
                for r in reqs
            ]
            baseline = asyncio.run(
                bare_sdk(settings, messages, build_response_model(rubric), args.concurrency)
            )
            before = server_stats(port)
        load = os.getloadavg()[0]
        start, cpu = time.perf_counter(), time.process_time()
        progress = asyncio.run(execute(store, plan, judge, concurrency=args.concurrency))
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        stats = server_stats(port)
        total = stats["requests"]
        if baseline is not None:  # count the runner's requests only
            stats["requests"] -= before["requests"]
            stats["outcomes"] = {
                k: v - before["outcomes"].get(k, 0) for k, v in stats["outcomes"].items()
            }
        rows = store.query(
            "SELECT count(*), count(DISTINCT ticket_id), "
            "count(*) FILTER (status = 'scored') FROM ticket_results "
            "WHERE run_id = ?",
            [plan.run_id],
        )[0]
        again = plan_run(store, session, rubric, judge)
        asyncio.run(execute(store, again, judge, concurrency=args.concurrency))
        second = server_stats(port)["requests"] - total
    finally:
        server.kill()
        store.close()
    ideal = args.tickets * args.latency / args.concurrency
    print(
        f"{name}: N={args.tickets} L={args.latency * 1000:.0f}ms C={args.concurrency}  "
        f"wall {wall:.2f}s  ideal {ideal:.2f}s  ratio {wall / ideal:.3f}"
    )
    print(
        f"  requests/ticket {stats['requests'] / args.tickets:.3f} "
        f"({stats['requests']} requests: {stats['outcomes']})  max in flight "
        f"{stats['max_in_flight']}"
    )
    print(
        f"  prompt tokens/ticket {progress.tokens_in / args.tickets:,.0f} (as billed: "
        f"all attempts)  completion tokens/ticket {progress.tokens_out / args.tickets:,.0f}"
    )
    print(
        f"  results: {rows[0]} rows, {rows[1]} distinct tickets, {rows[2]} scored, "
        f"{progress.failed} could not be graded"
    )
    print(f"  second identical run: {second} requests")
    print(
        f"  client CPU {cpu * 1000 / args.tickets:.1f} ms/ticket; machine load average "
        f"{load:.1f} on {os.cpu_count()} cores when the run started"
    )
    if baseline is not None:
        print(
            f"  the same {args.tickets} requests from the bare SDK just before: "
            f"{baseline:.2f}s ({baseline / ideal:.3f} of ideal); runner / bare SDK "
            f"{wall / baseline:.3f}"
        )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--tickets", type=int, default=500)
    p.add_argument("--latency", type=float, default=0.3)
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--rubric", default="incident_handling")
    p.add_argument("--case", choices=[*CASES, "both"], default="both")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name in CASES if args.case == "both" else [args.case]:
            run_case(name, args, Path(tmp))


if __name__ == "__main__":
    main()
