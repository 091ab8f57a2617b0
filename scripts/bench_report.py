"""How long a report of a big run takes: generates COUNT sample incidents (make_samples.py),
ingests them, scores them offline, then times loading the report and rendering each format.
The HTML batch report of 5,000 tickets must be generated in under 10 s.

    PYTHONPATH=. python scripts/bench_report.py [--count 5000] [--out DIR]
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_samples import generate  # noqa: E402

FORMATS = ("html", "csv", "json", "xlsx")


def build_run(store, count: int, workdir: Path) -> int:
    """An offline incident_logging run over `count` generated sample incidents."""
    import orjson

    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    records, _ = generate(count, seed=7)
    path = workdir / f"incidents-{count}.json"
    path.write_bytes(orjson.dumps({"records": records}))
    session_id = ingest_files(store, [path], f"bench {count}").session_id
    return evaluate_offline(store, session_id, "incident_logging")


def time_html_report(store, run_id: int, out: Path) -> tuple[float, Path]:
    """Seconds to load the run's report and write its HTML; and the file written."""
    from tqrs.reports import load_report, write_report

    start = time.perf_counter()
    report = load_report(store, run_id)
    (path,) = write_report(report, "html", out, keep=False)
    return time.perf_counter() - start, path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--out", type=Path, help="folder for the reports (default: a temp dir)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tqrs-bench-report-"))
    os.environ["TQRS_DB"] = str(work / "bench.duckdb")
    out = args.out or work
    out.mkdir(parents=True, exist_ok=True)

    from tqrs.reports import load_report, render
    from tqrs.store import Store

    with Store() as store:
        start = time.perf_counter()
        run_id = build_run(store, args.count, work)
        print(f"setup (generate, ingest, score offline): {time.perf_counter() - start:.1f} s")
        seconds, path = time_html_report(store, run_id, out)
        print(
            f"html report of {args.count:,} tickets: {seconds:.2f} s (bar < 10 s; "
            f"{path.stat().st_size / 1e6:.1f} MB, {path}); load average {os.getloadavg()[0]:.2f}"
        )
        start = time.perf_counter()
        report = load_report(store, run_id)
        print(f"  of which load_report: {time.perf_counter() - start:.2f} s")
        for fmt in FORMATS:
            start = time.perf_counter()
            size = sum(len(b) for b in render(report, fmt).values())
            print(f"  render {fmt}: {time.perf_counter() - start:.2f} s ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
