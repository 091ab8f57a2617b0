"""Benchmark: rules + offline judge over 100,000 tickets, with and without storing results.

Builds the tickets with the sample generator (same scenarios and defect mix as the bundled
set, other seed), ingests them into a temporary DuckDB, then for each default rubric times
scoring alone (tickets already in memory) and the whole run through the engine (read from
DuckDB, score, store as it goes), in this process and with `--workers`, and the engine alone
(the same run with each score looked up: what reading and storing cost by themselves). The bar
is 3,000 tickets/s per rubric in one process, including storage. Each timed part starts with the
rules' remembered lines forgotten (tqrs.rules.text.clear_text_memos), as a fresh process
would: a session's tickets share lines, the same tickets scored again would share all.

    PYTHONPATH=. python scripts/bench_score.py [--count 100000]
    PYTHONPATH=. python scripts/bench_score.py --workbench [--count 1000000]

`--workbench` runs scripts/bench_workbench_run.py instead: a run started as the workbench
starts it, with results committed while it runs, peak RSS, and a kill mid-run.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from unittest.mock import patch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_samples import write_exports  # noqa: E402

from tqrs.engine import stages  # noqa: E402
from tqrs.engine.stages import grade_batch  # noqa: E402
from tqrs.evaluate import DEFAULT_RUBRICS, evaluate_offline  # noqa: E402
from tqrs.ingest import ingest_files  # noqa: E402
from tqrs.judges.offline import OfflineJudge  # noqa: E402
from tqrs.rubric import load_rubric  # noqa: E402
from tqrs.rules.text import clear_text_memos  # noqa: E402
from tqrs.store import Store  # noqa: E402
from tqrs.store import runs as db  # noqa: E402
from tqrs.store.sessions import iter_ticket_rows, ticket_from_row  # noqa: E402

BAR = 3000
WORKERS = min(os.cpu_count() or 1, 4)
FILE_RECORDS = 1000
ENGINE_ALONE_MAX = 20_000  # scores held in memory for the look-up


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int)
    parser.add_argument("--workbench", action="store_true")
    args, rest = parser.parse_known_args()
    if args.workbench:
        import runpy

        count = ["--count", str(args.count)] if args.count else []
        sys.argv = [str(Path(__file__).parent / "bench_workbench_run.py"), *count, *rest]
        runpy.run_path(sys.argv[0], run_name="__main__")
        return
    args.count = args.count or 100_000

    print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        exports = write_exports(Path(tmp), args.count, per_file=FILE_RECORDS)
        size = sum(p.stat().st_size for p in exports)
        print(
            f"generated {args.count:,} tickets in {time.perf_counter() - t0:.1f}s "
            f"({size / 1e6:.0f} MB of exports)"
        )

        with Store(Path(tmp) / "bench.duckdb") as store:
            t0 = time.perf_counter()
            session = ingest_files(store, exports, "bench").session_id
            print(f"ingested in {time.perf_counter() - t0:.1f}s")

            for name in DEFAULT_RUBRICS:
                rubric = load_rubric(name)
                for workers in (1, WORKERS):
                    clear_text_memos()  # as a fresh process starts: no line remembered
                    with Timer() as full:
                        run_id = evaluate_offline(store, session, rubric, workers=workers)
                    summary = db.run_summary(store, run_id)
                    rate = summary.tickets / full.wall
                    cpu = (
                        f", {summary.tickets / full.cpu:,.0f}/s of CPU time" if workers == 1 else ""
                    )
                    print(
                        f"{name}, {workers} process(es): read + score + store "
                        f"{rate:,.0f} tickets/s ({full.wall:.1f}s{cpu}; {summary.tickets:,} "
                        f"tickets, pass rate {summary.pass_rate:.1%}); "
                        f"{rate / BAR:.2f}x the {BAR:,} tickets/s bar"
                    )
                # scoring alone in this process, the tickets read beforehand (not timed)
                tickets = [
                    ticket_from_row(row)
                    for rows in iter_ticket_rows(store, session, raw=False)
                    for row in rows
                ]
                judge = OfflineJudge()
                clear_text_memos()  # not the lines the runs above remembered
                with Timer() as alone:
                    scored = sum(1 for _ in grade_batch(judge, rubric, tickets))
                print(
                    f"{name}: scoring alone, one process: {scored / alone.wall:,.0f} "
                    f"tickets/s ({alone.wall:.1f}s wall, {scored / alone.cpu:,.0f}/s of "
                    "CPU time)"
                )
                engine_alone(store, session, rubric, tickets[:ENGINE_ALONE_MAX])
                del tickets
            print(
                f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
                "(wall rates drop when other processes share the cores)"
            )


def engine_alone(store: Store, session: int, rubric, tickets: list) -> None:
    """What the engine costs by itself: a run of the first tickets through `evaluate_offline`
    (read from DuckDB, graded in batches, stored as it goes) with each ticket's score looked up
    instead of computed (the scores are computed beforehand, not timed). The bar's 3,000
    tickets/s is read + score + store; this line is its read + store part, the rest being the
    rules' and the offline judge's reading (scoring alone, above)."""
    looked_up = {s.ticket_id: s for s in grade_batch(OfflineJudge(), rubric, tickets)}

    def replay(judge, rubric, part, *rest):
        return (looked_up[t.id] for t in part)

    with patch.object(stages, "grade_batch", replay), Timer() as run:
        run_id = evaluate_offline(store, session, rubric, limit=len(tickets))
    summary = db.run_summary(store, run_id)
    done = summary.tickets
    print(
        f"{rubric.id}: the engine alone (read + store, each score looked up), one process: "
        f"{done / run.wall:,.0f} tickets/s ({done:,} tickets, pass rate {summary.pass_rate:.1%}, "
        f"{run.wall:.1f}s wall, "
        f"{done / run.cpu:,.0f}/s of CPU time); {done / run.wall / BAR:.2f}x the {BAR:,} "
        "tickets/s bar"
    )


class Timer:
    """Wall and CPU seconds (all threads of this process) of a block."""

    def __enter__(self):
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu


if __name__ == "__main__":
    main()
