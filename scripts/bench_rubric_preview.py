"""Benchmark: the Rubrics page's preview (tqrs.rubric_preview), the first N tickets of the
bundled sample session scored with the current version of each built-in rubric and with an
edit (pass mark lowered), offline, in memory. Prints CPU and wall time per preview.

    PYTHONPATH=. python scripts/bench_rubric_preview.py [--sample 200] [--repeat 3]
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

from tqrs.config import SAMPLES_DIR
from tqrs.ingest import ingest_files
from tqrs.rubric import list_rubrics
from tqrs.rubric_edit import check_draft, new_draft
from tqrs.rubric_preview import SAMPLE, preview_rubric
from tqrs.store import Store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=SAMPLE)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("TQRS_EMBEDDER", "fake")  # no model: the sample has no knowledge
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        session = ingest_files(store, [SAMPLES_DIR / "incidents.json"], "bench").session_id
        for rubric in list_rubrics():
            draft = new_draft(rubric)
            draft["pass_threshold"] = rubric.pass_threshold - 10
            edited, problems = check_draft(draft)
            assert not problems, problems
            cpu, wall = [], []
            for _ in range(args.repeat):
                c, w = time.process_time(), time.perf_counter()
                found = preview_rubric(store, session, rubric, edited, sample=args.sample)
                cpu.append(time.process_time() - c)
                wall.append(time.perf_counter() - w)
            print(
                f"{rubric.id}: {found.tickets} tickets x 2 versions: CPU {min(cpu):.2f} s, "
                f"wall {min(wall):.2f} s (best of {args.repeat}); {found.describe()}"
            )


if __name__ == "__main__":
    main()
