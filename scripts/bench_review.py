"""Builds a 10,000-ticket scored session and prints every workbench page's first render time
in AppTest (bar: < 2 s each), wall clock and CPU, then the Review page's filtered re-render,
opening a ticket and stepping to the next one.

    PYTHONPATH=. python scripts/bench_review.py [--tickets N] [--pages home,review,...]

For before/after figures, run this file from an older checkout too (`git archive` of the base
commit unpacked in a temp dir, this script copied into it). State goes to a temp dir (TQRS_DB is set here), so no real database is
touched. The first AppTest run (imports) is a warm-up and not counted; each page then runs
once in a fresh AppTest, as a browser's first visit to that page would."""

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGES = (
    "home",
    "upload",
    "evaluate",
    "review",
    "queue",
    "reports",
    "agents",
    "calibration",
    "knowledge",
    "settings",
)
BAR = 2.0


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


def timed(action) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of `action()`."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=10_000)
    parser.add_argument("--agents", type=int, default=60)
    parser.add_argument("--pages", default=",".join(PAGES))
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tqrs-bench-review-"))
    os.environ["TQRS_DB"] = str(tmp / "tqrs.duckdb")
    os.environ["TQRS_ADMIN_PASSWORD"] = "bench"
    os.environ.setdefault("TQRS_EMBEDDER", "fake")

    from streamlit.testing.v1 import AppTest

    from app.resources import get_store

    start = time.perf_counter()
    run_id = build(get_store(), args.tickets, tmp, args.agents)
    print(
        f"built: {args.tickets:,} tickets, {args.agents} agents, scored (run {run_id}) in "
        f"{time.perf_counter() - start:.1f}s"
    )
    main_py = str(ROOT / "app" / "main.py")

    def page(name: str) -> AppTest:
        at = AppTest.from_file(main_py, default_timeout=120)
        at.switch_page(f"../pages/{name}.py")
        return at

    page("home").run()  # warm-up: imports, cached resources
    print(f"{'page':<12} {'wall s':>7} {'cpu s':>7}  bar < {BAR:g} s")
    for name in args.pages.split(","):
        at = page(name)
        wall, cpu = timed(at.run)
        problem = f"  EXCEPTION {at.exception[0].message}" if at.exception else ""
        verdict = "OK" if wall < BAR else "TOO SLOW"
        print(f"{name:<12} {wall:7.2f} {cpu:7.2f}  {verdict}{problem}", flush=True)

    at = page("review")
    at.run()
    if at.exception:
        return

    def filtered() -> None:
        at.selectbox(key="review_sort").set_value("score")
        at.text_input(key="review_text").input("outlook")
        at.selectbox(key="review_failed").set_value("short_description").run()

    wall, cpu = timed(filtered)
    print(f"Review filtered + sorted re-render: {wall:.2f}s wall, {cpu:.2f}s cpu")
    ids = at.session_state["review_page_ids"]
    wall, cpu = timed(lambda: at.selectbox(key="review_open").set_value(ids[0]).run())
    print(f"Review open a ticket: {wall:.2f}s wall, {cpu:.2f}s cpu")
    step = [b for b in at.button if b.key == "review_next"]
    if step:
        wall, cpu = timed(lambda: step[0].click().run())
        print(f"Review next ticket: {wall:.2f}s wall, {cpu:.2f}s cpu")


if __name__ == "__main__":
    main()
