"""How fast one-page incident PDFs are read: the issue's budget is 100 in under 30 s.

    python scripts/bench_pdf.py [--count 100] [--budget 30] [--browser]

Generates the PDFs into a temp dir (not timed), then times iter_pdf_records over all of them,
and, for comparison, one `tqrs ingest`-equivalent ingest_files call into a temp database."""

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.make_sample_pdfs import make_one_page  # noqa: E402
from tqrs.ingest import ingest_files  # noqa: E402
from tqrs.ingest.pdf import iter_pdf_records  # noqa: E402
from tqrs.store import Store  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--count", type=int, default=100)
parser.add_argument("--budget", type=float, default=30.0, help="seconds allowed for --count")
parser.add_argument("--browser", action="store_true", help="incidents printed by Chromium")
args = parser.parse_args()

with tempfile.TemporaryDirectory() as tmp:
    folder = Path(tmp)
    paths = make_one_page(folder / "pdfs", args.count, layout="browser" if args.browser else None)
    pages = [json.loads(p.with_suffix(".json").read_text())["pages"] for p in paths]
    print(
        f"{len(paths)} PDFs, {sum(pages)} pages ({sum(p == 1 for p in pages)} one-page), "
        f"{sum(p.stat().st_size for p in paths) / len(paths) / 1024:.1f} KiB each"
    )

    start, cpu = time.perf_counter(), time.process_time()
    incidents = sum(1 for p in paths for _ in iter_pdf_records(p))
    parse, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"parse:  {parse:6.2f} s for {incidents} incidents, {len(paths) / parse:6.1f} PDFs/s, "
        f"{parse / len(paths) * 1000:5.0f} ms per PDF, {parse / args.budget:.0%} of the "
        f"{args.budget:g} s budget (CPU {cpu:.2f} s; the rest is waiting for a busy machine)"
    )

    start = time.perf_counter()
    with Store(folder / "bench.duckdb") as store:
        report = ingest_files(store, paths)
    ingest = time.perf_counter() - start
    print(
        f"ingest: {ingest:6.2f} s for {report.ticket_count} tickets into DuckDB "
        f"({ingest / args.budget:.0%} of the budget)"
    )
