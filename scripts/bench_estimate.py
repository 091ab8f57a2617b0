"""Benchmark: the cost estimate the Evaluate page shows before an LLM run, over 100,000 tickets.

Builds the tickets with the sample generator, ingests them into a temporary DuckDB, then times
`tqrs.workbench.estimate` with an LLM configured (nothing is sent: the estimate builds each
ticket's redacted prompt and looks its key up in the LLM cache): the first call, which does the
work, and the next ones with the same inputs, which the Evaluate page makes on every widget
change and which come from the kept estimate.

    PYTHONPATH=. python scripts/bench_estimate.py [--count 100000]
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_score import FILE_RECORDS, Timer  # noqa: E402
from make_samples import write_exports  # noqa: E402

from tqrs.ingest import ingest_files  # noqa: E402
from tqrs.llm.settings import resolve_settings  # noqa: E402
from tqrs.rubric import load_rubric  # noqa: E402
from tqrs.store import Store  # noqa: E402
from tqrs.workbench import estimate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()
    settings = resolve_settings({"api_key": "sk-bench-not-sent", "model": "gpt-4o"}, env={})
    rubric = load_rubric("incident_handling")
    with tempfile.TemporaryDirectory() as tmp:
        exports = write_exports(Path(tmp), args.count, per_file=FILE_RECORDS)
        with Store(Path(tmp) / "bench.duckdb") as store:
            session = ingest_files(store, exports, "bench").session_id
            with Timer() as first:
                result = estimate(store, session, rubric, settings)
            print(f"{result.text}")
            print(
                f"first estimate of {args.count:,} tickets: {first.wall:.1f}s wall, "
                f"{first.cpu:.1f}s CPU ({first.cpu / args.count * 1e6:.0f} us of CPU a ticket)"
            )
            with Timer() as again:
                for _ in range(10):
                    estimate(store, session, rubric, settings)
            print(
                f"the same estimate again (each rerun of the Evaluate page): "
                f"{again.wall / 10 * 1000:.1f} ms wall, {again.cpu / 10 * 1000:.1f} ms CPU"
            )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
