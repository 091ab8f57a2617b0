"""Benchmark: rules + offline judge over 100,000 tickets, with and without storing results.

Builds the tickets with the sample generator (same scenarios and defect mix as the bundled
set, other seed), ingests them into a temporary DuckDB, then for each default rubric times
scoring alone (tickets already in memory) and the whole `evaluate_offline` run (read from
DuckDB, score, store in batches). The bar is 2,000 tickets/s including storage.

    PYTHONPATH=. python scripts/bench_score.py [--count 100000]
"""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_samples import generate  # noqa: E402

from tqrs.evaluate import DEFAULT_RUBRICS, evaluate_offline, score_offline  # noqa: E402
from tqrs.ingest import ingest_files  # noqa: E402
from tqrs.rubric import load_rubric  # noqa: E402
from tqrs.store import Store  # noqa: E402
from tqrs.store import runs as db  # noqa: E402
from tqrs.store.sessions import iter_tickets  # noqa: E402

BAR = 2000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        records, _ = generate(args.count, seed=11)
        export = Path(tmp) / "bench.json"
        export.write_text(json.dumps({"records": records}))
        del records
        print(f"generated {args.count:,} tickets in {time.perf_counter() - t0:.1f}s "
              f"({export.stat().st_size / 1e6:.0f} MB export)")

        with Store(Path(tmp) / "bench.duckdb") as store:
            t0 = time.perf_counter()
            session = ingest_files(store, [export], "bench").session_id
            print(f"ingested in {time.perf_counter() - t0:.1f}s")

            t0 = time.perf_counter()
            tickets = list(iter_tickets(store, session))
            read = time.perf_counter() - t0
            print(f"read {len(tickets):,} tickets from DuckDB in {read:.1f}s "
                  f"({len(tickets) / read:,.0f}/s)")

            for name in DEFAULT_RUBRICS:
                rubric = load_rubric(name)
                t0 = time.perf_counter()
                scored = sum(1 for _ in score_offline(tickets, rubric))
                alone = time.perf_counter() - t0

                t0 = time.perf_counter()
                run_id = evaluate_offline(store, session, rubric)
                full = time.perf_counter() - t0
                summary = db.run_summary(store, run_id)
                rate = summary.tickets / full
                print(f"{name}: scoring alone {scored / alone:,.0f} tickets/s ({alone:.1f}s); "
                      f"read + score + store {rate:,.0f} tickets/s ({full:.1f}s, "
                      f"{summary.tickets:,} tickets, pass rate {summary.pass_rate:.1%}); "
                      f"{rate / BAR:.1f}x the {BAR:,} tickets/s bar")


if __name__ == "__main__":
    main()
