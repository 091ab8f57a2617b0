"""Benchmark a run through the Batch API against the local fake provider (in its own process):
N synthetic tickets submitted as batch files, checked, collected. Prints this process's CPU
time and wall time for the batch run and for the same tickets online (latency 0, so both are
bound by this machine), the files and batches, the cost at both prices, and the second batch
run (served by the cache: 0 lines sent).

`--faults` checks issue 21's bar instead, with the fake in this process: the second batch
expires with 40% of its lines answered; first requests of tickets whose number ends in 7 fail,
in 3 get a reply that does not fit the schema, in 1 or 2 quote the rubric instead of the ticket
(1: in the re-ask too). It prints the estimate, how many times each ticket was stored and
answered, the files, the cost against the batch price of every token the fake counted, the
tickets flagged for evidence not found, and what a second run sends.

    PYTHONPATH=. .venv/bin/python scripts/bench_batch.py [--tickets 5000 --per-file 1200]
    PYTHONPATH=. .venv/bin/python scripts/bench_batch.py --faults [--tickets 5000]
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


def bars(args, workdir: Path) -> None:
    from collections import Counter

    from tqrs.engine import execute, pending_tickets, plan_run, what_is_asked
    from tqrs.engine.batch import BatchOptions
    from tqrs.ingest import ingest_files
    from tqrs.judges.llm import LLMJudge
    from tqrs.llm.batch_api import FileLimits
    from tqrs.llm.cost import price_for
    from tqrs.llm.settings import resolve_settings
    from tqrs.rubric import load_rubric
    from tqrs.store import Store
    from tqrs.store import batches as db_batches
    from tqrs.store import runs as db_runs
    from tqrs.testing.fake_openai import FakeOpenAI
    from tqrs.testing.tickets import write_export

    asked: set[str] = set()

    def fault(body):
        n = body["messages"][1]["content"].split("Number: ")[1].split("\n")[0]
        first, reask = n not in asked, len(body["messages"]) > 2
        asked.add(n)
        if first and n.endswith("7"):
            return "error"
        if first and n.endswith("3"):
            return "invalid"
        if n.endswith("1") or (n.endswith("2") and not reask):
            return "foreign_evidence"
        return None

    with FakeOpenAI(keep_bodies=False) as fake, Store(workdir / "bars.duckdb") as store:
        fake.batch.fates = ["completed", "expired"]
        fake.batch.answered_share = 0.4
        fake.batch.line_fault = fault
        path = write_export(workdir / "bars.json", args.tickets)
        session = ingest_files(store, [path], "bars").session_id
        rubric = load_rubric(args.rubric)
        settings = resolve_settings(
            {"base_url": fake.base_url, "api_key": "sk-bench", "model": "gpt-4o-mini"}, env={}
        )
        options = BatchOptions(poll=0.05, limits=FileLimits(requests=args.per_file))
        for attempt in ("first", "again"):
            judge = LLMJudge(settings, store=store)
            plan = plan_run(store, session, rubric, judge, mode="batch")
            est = judge.estimate(
                pending_tickets(store, plan), plan.rubric, plan.remaining, what_is_asked(plan)
            )
            print(f"{attempt}: {est.describe()}")
            lines_before = fake.batch.stats.lines
            final = asyncio.run(execute(store, plan, judge, batch=options))
            run = db_runs.get_run(store, plan.run_id)
            stored = Counter(
                t
                for (t,) in store.query(
                    "SELECT ticket_id FROM ticket_results WHERE run_id = ?", [plan.run_id]
                )
            )
            flagged = store.query(
                "SELECT count(DISTINCT ticket_id) FROM criterion_results WHERE run_id = ? "
                "AND status = 'evidence_not_found'",
                [plan.run_id],
            )[0][0]
            jobs = db_batches.jobs(store, plan.run_id)
            ended = dict(
                store.query(
                    "SELECT status, count(*) FROM llm_exchanges WHERE run_id = ? GROUP BY 1 "
                    "ORDER BY 1",
                    [plan.run_id],
                )
            )
            print(
                f"{attempt}: {run.status}; {len(stored):,} tickets stored, each "
                f"{sorted(set(stored.values()))} time(s); {final.done:,} scored, "
                f"{final.failed:,} could not grade, {final.cached:,} cached; "
                f"{flagged:,} tickets with evidence not found; "
                f"{fake.batch.stats.lines - lines_before:,} lines sent in {len(jobs)} files "
                f"{[j.requests for j in jobs]}; lines by how they ended: {ended}"
            )
            if attempt == "first":
                s = fake.batch.stats
                answered = Counter(c.split("-a")[0] for c in s.answered)
                price = price_for("gpt-4o-mini", judge.caller.prices)
                expected = (
                    s.prompt_tokens * price.batch_input + s.completion_tokens * price.batch_output
                ) / 1e6
                online = (s.prompt_tokens * price.input + s.completion_tokens * price.output) / 1e6
                print(
                    f"first: answered by the provider per ticket: "
                    f"{sorted(Counter(answered.values()).items())} (times, tickets); "
                    f"tokens {run.tokens_in:,} + {run.tokens_out:,} (the fake counted "
                    f"{s.prompt_tokens:,} + {s.completion_tokens:,}); cost ${run.cost:.4f}, "
                    f"the batch price of those tokens ${expected:.4f} (online ${online:.4f})"
                )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--tickets", type=int, default=5000)
    p.add_argument("--per-file", type=int, default=1200)
    p.add_argument("--rubric", default="incident_handling")
    p.add_argument("--faults", action="store_true", help="check the bar (see above)")
    args = p.parse_args()
    if args.faults:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["TQRS_DB"] = str(Path(tmp) / "unused.duckdb")
            bars(args, Path(tmp))
        return
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
