"""Benchmark: the Upload page's "Find near-duplicate tickets" on real exports, as the page runs
it: the local model loaded, the session's tickets embedded with a progress callback
(knowledge.related.embed_session), then the profile with its near-duplicate pairs; and a
second time (everything cached). Prints each step's wall and CPU time, how often the progress
moved, and the pairs: how many, and whether any pair of numbers is listed twice.

    .venv/bin/python scripts/bench_near_duplicates.py [FILE...] [--copies N]

FILE defaults to the real exports in $TQRS_REAL_DIR (../shared/real) that hold at most a few
hundred tickets; --copies repeats them (new numbers, same texts: every copy a near-duplicate).
State goes to a temp dir."""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(label: str, action):
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    print(
        f"{label:<34} {time.perf_counter() - wall:6.2f}s wall {time.process_time() - cpu:6.2f}s cpu"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tqrs-bench-neardup-"))
    os.environ["TQRS_DB"] = str(tmp / "tqrs.duckdb")

    from tqrs.embeddings import get_embedder
    from tqrs.ingest import ingest_files
    from tqrs.knowledge.related import embed_session
    from tqrs.profile import build_profile
    from tqrs.store import Store
    from tqrs.store.sessions import iter_tickets
    from tqrs.testing.tickets import repeated_session

    real = Path(os.environ.get("TQRS_REAL_DIR") or ROOT.parent / "shared" / "real")
    files = args.files or [real / "02_pdi_records_export.json", real / "03_pdi_unload.xml"]
    with Store(os.environ["TQRS_DB"]) as store:
        session = ingest_files(store, files, "bench", on_error="skip").session_id
        session = repeated_session(store, session, args.copies, tmp)
        count = sum(1 for _ in iter_tickets(store, session))
        print(f"{count:,} tickets from {len(files)} files")
        embedder = timed("load the local model", lambda: get_embedder())
        timed("first text embedded (model warm)", lambda: embedder.embed(["warm up"]))
        steps: list[int] = []
        timed(
            "embed the session (progress bar)",
            lambda: embed_session(store, embedder, session, lambda done, _: steps.append(done)),
        )
        print(f"progress moved {len(steps)} times: {steps[:3]}…{steps[-1:]}")
        profile = timed(
            "profile with near-duplicates", lambda: build_profile(store, session, embedder)
        )
        timed("again (all cached)", lambda: build_profile(store, session, embedder))
        pairs = [frozenset(p[:2]) for p in profile.near_duplicate_examples]
        print(
            f"{profile.near_duplicates:,} pairs of numbers, {profile.near_duplicate_tickets:,} "
            f"tickets; examples listed twice: {len(pairs) - len(set(pairs))}"
        )


if __name__ == "__main__":
    main()
