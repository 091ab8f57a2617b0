"""Builds a 10,000-ticket scored session and prints the Review page's first render time in
AppTest (bar: < 2 s), then the time of a filtered, sorted re-render and of opening a ticket.

    PYTHONPATH=. python scripts/bench_review.py [--tickets N]
State goes to a temp dir (TQRS_DB is set here), so no real database is touched."""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build(store, tickets: int, folder: Path, agents: int = 0) -> int:
    """The sample's tickets repeated `tickets` times and scored offline; with `agents`, spread
    over that many agents (and a tenth as many groups, at least one)."""
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    records = json.loads((ROOT / "data" / "samples" / "incidents.json").read_text())["records"]
    out = []
    for i in range(tickets):
        rec = dict(records[i % len(records)])
        rec["number"] = f"INC{1_000_000 + i:07d}"
        rec["sys_id"] = f"{i:032x}"
        if agents:
            agent = i * 7919 % agents
            rec["assigned_to"] = f"Agent {agent:03d}"
            rec["assignment_group"] = f"Group {agent % max(1, agents // 10):02d}"
        out.append(rec)
    path = folder / "bench.json"
    path.write_text(json.dumps({"records": out}))
    session = ingest_files(store, [path], f"bench {tickets:,}").session_id
    return evaluate_offline(store, session, "incident_logging")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=10_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tqrs-bench-review-"))
    os.environ["TQRS_DB"] = str(tmp / "tqrs.duckdb")
    os.environ["TQRS_ADMIN_PASSWORD"] = "bench"

    from streamlit.testing.v1 import AppTest

    from app.resources import get_store

    start = time.perf_counter()
    run_id = build(get_store(), args.tickets, tmp)
    print(
        f"built: {args.tickets:,} tickets scored (run {run_id}) in "
        f"{time.perf_counter() - start:.1f}s"
    )

    at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=60)
    at.switch_page("../pages/review.py")
    start = time.perf_counter()
    at.run()
    first = time.perf_counter() - start
    assert not at.exception, at.exception
    caption = at.caption[0].value
    print(
        f"Review first render: {first:.2f}s ({caption}) — bar < 2 s: "
        f"{'OK' if first < 2 else 'TOO SLOW'}"
    )

    start = time.perf_counter()
    at.selectbox(key="review_sort").set_value("score")
    at.text_input(key="review_text").input("outlook")
    at.selectbox(key="review_failed").set_value("short_description").run()
    print(
        f"filtered + sorted re-render: {time.perf_counter() - start:.2f}s ({at.caption[0].value})"
    )

    start = time.perf_counter()
    at.selectbox(key="review_open").set_value(at.session_state["review_page_ids"][0]).run()
    assert not at.exception, at.exception
    print(f"open a ticket: {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
