"""Builds a 10,000-ticket scored session spread over 200 agents (and 20 groups), overrides
50 criteria, and prints the time of computing every agent's and group's profile
(bar: < 2 s), with CPU time and the load average since the machine is shared.

    PYTHONPATH=. python scripts/bench_agents.py [--tickets N] [--agents N] [--repeat N]
State goes to a temp dir (TQRS_DB is set here), so no real database is touched."""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=10_000)
    parser.add_argument("--agents", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tqrs-bench-agents-"))
    os.environ["TQRS_DB"] = str(tmp / "tqrs.duckdb")

    from scripts.bench_review import build
    from tqrs.agents import build_profiles
    from tqrs.review import override_criterion
    from tqrs.store import Store

    store = Store()
    start = time.perf_counter()
    run_id = build(store, args.tickets, tmp, agents=args.agents)
    print(
        f"built: {args.tickets:,} tickets, {args.agents} agents scored (run {run_id}) in "
        f"{time.perf_counter() - start:.1f} s"
    )
    for ticket_id in range(1, args.tickets, max(1, args.tickets // 50)):
        override_criterion(store, run_id, ticket_id, "short_description", "0", "bench", "bench")
    for i in range(args.repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        profiles = build_profiles(store, run_id)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"profiles #{i + 1}: {len(profiles.agents)} agents, {len(profiles.groups)} groups, "
            f"{sum(p.scored for p in profiles.agents):,} tickets in {wall:.3f} s wall, "
            f"{cpu:.3f} s CPU (bar < 2 s); load average {os.getloadavg()[0]:.2f}"
        )


if __name__ == "__main__":
    main()
