"""Benchmark: what knowledge evidence costs an offline evaluation.

Times `evaluate_offline` (Incident Handling) over generated tickets: with an empty knowledge
base (the 2,000 tickets/s bar), then with the sample SOPs added and the real packaged MiniLM:
the first run (which embeds the session) and a second run (the session's vectors cached; also
the category check from the first run's well-scored tickets).

    PYTHONPATH=. python scripts/bench_knowledge_eval.py [--count 5000]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_samples import write_exports  # noqa: E402

from tqrs.config import SAMPLES_DIR  # noqa: E402
from tqrs.embeddings import get_embedder  # noqa: E402
from tqrs.evaluate import evaluate_offline  # noqa: E402
from tqrs.ingest import ingest_files  # noqa: E402
from tqrs.knowledge import add_documents  # noqa: E402
from tqrs.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        exports = write_exports(Path(tmp), args.count)
        with Store(Path(tmp) / "bench.duckdb") as store:
            session = ingest_files(store, exports, "bench").session_id
            timed(
                f"empty knowledge base, {args.count:,} tickets",
                lambda: evaluate_offline(store, session, "incident_handling"),
                args.count,
            )
            embedder = get_embedder()
            add_documents(store, embedder, sorted((SAMPLES_DIR / "knowledge").iterdir()))
            timed(
                "sample SOPs, first run (embeds the session)",
                lambda: evaluate_offline(store, session, "incident_handling"),
                args.count,
            )
            timed(
                "sample SOPs, second run (vectors cached)",
                lambda: evaluate_offline(store, session, "incident_handling"),
                args.count,
            )
            timed(
                "incident logging (category check + SOPs), vectors cached",
                lambda: evaluate_offline(store, session, "incident_logging"),
                args.count,
            )
            timed(
                "incident logging again (earlier run's well-scored tickets vote)",
                lambda: evaluate_offline(store, session, "incident_logging"),
                args.count,
            )


def timed(label: str, run, count: int) -> None:
    t0 = time.perf_counter()
    run()
    wall = time.perf_counter() - t0
    print(f"{label}: {wall:.1f}s, {count / wall:,.0f} tickets/s", flush=True)


if __name__ == "__main__":
    main()
