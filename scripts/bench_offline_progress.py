"""Benchmark: an offline evaluation run the CLI's way (`tqrs evaluate --offline`:
tqrs.evaluate.evaluate_offline, in this thread) against the workbench's way (a background job,
`workbench.start_evaluation(..., offline=True)`, polled as the Evaluate page polls it), on the
same tickets; then how honest the workbench's progress is: the live figures sampled every
50 ms, the largest step between two samples (a bar that jumps from 0 to 100% steps 100%).

    .venv/bin/python scripts/bench_offline_progress.py [FILE...] [--rubric incident_logging]
        [--copies N]

FILE defaults to the real exports in $TQRS_REAL_DIR (../shared/real); --copies repeats their
tickets (new numbers) to make a longer run. State goes to a temp dir."""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _real_files() -> list[Path]:
    folder = Path(os.environ.get("TQRS_REAL_DIR") or ROOT.parent / "shared" / "real")
    return sorted(p for p in folder.glob("*") if p.suffix in (".json", ".csv", ".xml", ".xlsx"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rubric", default="incident_logging")
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tqrs-bench-offline-"))
    os.environ["TQRS_DB"] = str(tmp / "tqrs.duckdb")

    from tqrs import workbench
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files
    from tqrs.rubric import load_rubric
    from tqrs.store import Store
    from tqrs.store.sessions import iter_tickets
    from tqrs.testing.tickets import repeated_session

    files = args.files or _real_files()
    with Store(os.environ["TQRS_DB"]) as store:
        source = ingest_files(store, files, "bench source", on_error="skip").session_id
        source = repeated_session(store, source, args.copies, tmp)
        count = sum(1 for _ in iter_tickets(store, source))
        print(f"{count:,} tickets from {len(files)} files, rubric {args.rubric}")

        wall, cpu = time.perf_counter(), time.process_time()
        evaluate_offline(store, source, args.rubric)
        cli_wall, cli_cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"CLI way (evaluate_offline):     {cli_wall:6.2f}s wall  {cli_cpu:6.2f}s cpu")

        rubric = load_rubric(args.rubric)
        samples: list[int] = []
        in_flight = 0
        wall, cpu = time.perf_counter(), time.process_time()
        run_id = workbench.start_evaluation(store, source, rubric, offline=True)
        while True:
            state = workbench.run_state(store, run_id)
            if state.progress is not None:
                samples.append(state.progress.finished)
                in_flight = max(in_flight, state.progress.in_flight)
            if not state.live:
                break
            time.sleep(0.05)
        wb_wall, wb_cpu = time.perf_counter() - wall, time.process_time() - cpu
        state = workbench.run_state(store, run_id)
        print(
            f"workbench way (background job): {wb_wall:6.2f}s wall  {wb_cpu:6.2f}s cpu "
            f"({state.status}, {state.stored:,} stored)"
        )
        print(f"workbench / CLI: {wb_wall / cli_wall:.2f}x wall, {wb_cpu / cli_cpu:.2f}x cpu")
        distinct = sorted(set(samples))
        steps = [b - a for a, b in zip([0, *distinct], distinct, strict=False)]
        print(
            f"progress: {len(samples)} samples, {len(distinct)} distinct values; largest step "
            f"{max(steps, default=0):,} tickets ({max(steps, default=0) / max(count, 1):.0%} "
            f"of the run); most requests in flight: {in_flight}"
        )


if __name__ == "__main__":
    main()
