"""Benchmark LLM coaching summaries: N agents coached at concurrency C against the local fake
OpenAI server at latency L. Prints the wall time against the ideal ceil(N/C)*L (bar: within
1.5 s of it; one at a time it would be N*L), CPU time, requests and the most in flight, and
the load average, since the machine is shared.

    PYTHONPATH=. .venv/bin/python scripts/bench_coaching.py [--agents 50 --concurrency 10 --latency 0.4]
State goes to a temp dir (TQRS_DB is set here), so no real database is touched."""

import argparse
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--latency", type=float, default=0.4)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tqrs-bench-coaching-"))
    os.environ["TQRS_DB"] = str(tmp / "tqrs.duckdb")

    from tqrs.agents import build_profiles
    from tqrs.coaching_llm import coach_agents
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files
    from tqrs.llm.settings import resolve_settings
    from tqrs.store import Store
    from tqrs.testing.fake_openai import FakeOpenAI, FaultPlan

    records = json.loads((ROOT / "data" / "samples" / "incidents.json").read_text())["records"]
    for i, rec in enumerate(records):  # the sample's tickets spread over the agents
        rec["assigned_to"] = f"Agent {i % args.agents:03d}"
    export = tmp / "agents.json"
    export.write_text(json.dumps({"records": records}))
    store = Store()
    session = ingest_files(store, [export], "coaching bench").session_id
    profiles = build_profiles(store, evaluate_offline(store, session, "incident_logging"))

    with FakeOpenAI(FaultPlan(latency=args.latency)) as fake:
        settings = resolve_settings(
            {
                "base_url": fake.base_url,
                "api_key": "sk-bench",
                "model": "gpt-4o-mini",
                "concurrency": args.concurrency,
            },
            env={},
        )
        wall, cpu = time.perf_counter(), time.process_time()
        summaries = coach_agents(store, profiles.agents, settings, (profiles.rubric_id, "1"))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        requests, in_flight = fake.stats.requests, fake.stats.max_in_flight
    n = len(profiles.agents)
    ideal = math.ceil(n / args.concurrency) * args.latency
    by_llm = sum(s.method == "llm" for s in summaries)
    print(
        f"coaching: {n} agents ({by_llm} by the LLM), concurrency {args.concurrency}, latency "
        f"{args.latency} s: {wall:.2f} s wall, ideal {ideal:.2f} s (ratio {wall / ideal:.2f}; "
        f"bar: within 1.5 s of ideal; one at a time {n * args.latency:.1f} s), "
        f"{cpu:.2f} s CPU; {requests} requests, at most {in_flight} in flight; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    store.close()


if __name__ == "__main__":
    main()
