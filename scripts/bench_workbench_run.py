"""Benchmark: an offline run started as the workbench starts it (a background job in the
process-wide registry), over N small tickets: results committed while it runs, peak RSS, and
a SIGKILL mid-run that keeps what was committed and leaves the run resumable.

    .venv/bin/python scripts/bench_workbench_run.py [--count 1000000] [--rubric incident_logging]

Steps, each in its own child process so that each peak RSS is that step's own:
1. ingest N synthetic tickets (tqrs.testing.tickets, ~1 KB each) into a fresh database;
2. `workbench.start_evaluation(..., offline=True)` and poll: the child prints the committed
   count and its RSS every second until the job ends (peak RSS = VmHWM of that process);
3. a second run, killed with SIGKILL once about a third is committed; the parent then opens
   the database, counts what survived, checks the run is left resumable, and resumes it to
   the end (`workbench.resume_evaluation`), checking every ticket has exactly one result.
A child whose RSS passes --rss-cap is stopped (the machine is shared) and reported as such.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FILE_RECORDS = 10_000


def _rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def _emit(**values) -> None:
    print(json.dumps(values), flush=True)


def child_ingest(db: str, count: int, folder: str) -> None:
    from tqrs.ingest import ingest_files
    from tqrs.store import Store
    from tqrs.testing.tickets import sample_records

    paths = []
    for start in range(0, count, FILE_RECORDS):
        records = sample_records(min(FILE_RECORDS, count - start))
        for i, rec in enumerate(records):  # unique numbers across files
            rec["number"] = f"INC{start + i:08d}"
            rec["sys_id"] = f"{start + i:032x}"
        path = Path(folder) / f"part{start // FILE_RECORDS:05d}.json"
        path.write_text(json.dumps({"records": records}))
        paths.append(path)
    t0 = time.perf_counter()
    with Store(db) as store:
        report = ingest_files(store, paths, "bench workbench")
    for p in paths:
        p.unlink()
    _emit(
        step="ingest",
        session=report.session_id,
        tickets=report.ticket_count,
        seconds=round(time.perf_counter() - t0, 1),
        peak_mb=round(_rss_mb("VmHWM")),
    )


def child_run(db: str, session: int, rubric_name: str, resume: int | None, cap_mb: float) -> None:
    from tqrs import workbench
    from tqrs.rubric import load_rubric
    from tqrs.store import Store
    from tqrs.store.runs import count_results

    store = Store(db)
    base_mb = _rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    if resume is None:
        run_id = workbench.start_evaluation(store, session, load_rubric(rubric_name), offline=True)
    else:
        run_id = workbench.resume_evaluation(store, resume)
    _emit(step="started", run=run_id, base_mb=round(base_mb))
    while True:
        state = workbench.run_state(store, run_id)
        rss = _rss_mb()
        _emit(
            t=round(time.perf_counter() - wall, 1),
            committed=count_results(store, run_id),
            rss_mb=round(rss),
            live=state.live,
        )
        if rss > cap_mb:
            _emit(step="capped", peak_mb=round(_rss_mb("VmHWM")))
            os._exit(3)
        if not state.live:
            break
        time.sleep(1.0)
    state = workbench.run_state(store, run_id)
    _emit(
        step="done",
        run=run_id,
        status=state.status,
        committed=state.stored,
        seconds=round(time.perf_counter() - wall, 1),
        cpu_seconds=round(time.process_time() - cpu, 1),
        peak_mb=round(_rss_mb("VmHWM")),
    )
    store.close()


def _child(args: list[str], on_line=None) -> list[dict]:
    proc = subprocess.Popen(
        [sys.executable, __file__, *args],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lines = []
    for raw in proc.stdout:
        try:
            line = json.loads(raw)
        except ValueError:
            print(raw, end="")
            continue
        lines.append(line)
        if on_line is not None and on_line(line, proc):
            break
    proc.wait()
    lines.append({"returncode": proc.returncode})
    return lines


def _timeline(lines: list[dict], every: float = 10.0) -> None:
    last = -every
    for line in lines:
        if "committed" in line and "t" in line and line["t"] - last >= every:
            last = line["t"]
            print(
                f"  t={line['t']:>6.1f}s  committed {line['committed']:>9,}  "
                f"RSS {line['rss_mb']:>6,} MB"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--rubric", default="incident_logging")
    ap.add_argument("--rss-cap", type=float, default=4096, help="MB; stop a child beyond it")
    ap.add_argument("--skip-kill", action="store_true")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "ingest":
            child_ingest(rest[0], int(rest[1]), rest[2])
        else:
            resume = None if rest[3] == "-" else int(rest[3])
            child_run(rest[0], int(rest[1]), rest[2], resume, float(rest[4]))
        return

    tmp = Path(tempfile.mkdtemp(prefix="tqrs-bench-wb-"))
    try:
        measure(args, str(tmp / "bench.duckdb"), tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # a 1,000,000-ticket database is 1.6 GB


def measure(args, db: str, tmp: Path) -> None:
    print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    ingest = _child(["--child", "ingest", db, str(args.count), str(tmp)])[0]
    print(
        f"ingested {ingest['tickets']:,} tickets in {ingest['seconds']}s "
        f"(peak RSS {ingest['peak_mb']:,} MB)"
    )
    session = ingest["session"]
    cap = str(args.rss_cap)

    print(f"workbench run ({args.rubric}, offline judge), committed count and RSS over time:")
    lines = _child(["--child", "run", db, str(session), args.rubric, "-", cap])
    _timeline(lines)
    end = lines[-2]
    if end.get("step") == "capped":
        print(f"STOPPED: RSS passed {args.rss_cap:,.0f} MB (peak {end['peak_mb']:,} MB)")
        return
    first = next((x for x in lines if x.get("committed")), None)
    ticks = [x for x in lines if "committed" in x and "t" in x]
    share_while_running = [x["committed"] for x in ticks if x.get("live")]
    print(
        f"run {end['run']}: {end['status']}, {end['committed']:,} results in {end['seconds']}s "
        f"({end['committed'] / end['seconds']:,.0f} tickets/s wall, "
        f"{end['committed'] / end['cpu_seconds']:,.0f}/s of CPU time); peak RSS "
        f"{end['peak_mb']:,} MB ({end['peak_mb'] / 1024:.2f} GiB; bar < 1.5 GiB)"
    )
    print(
        "first results committed at "
        + (f"t={first['t']}s ({first['committed']:,})" if first else "never while running")
        + f"; largest count seen while running: {max(share_while_running, default=0):,}"
    )
    if args.skip_kill:
        return

    target = args.count // 3

    def kill_at_a_third(line, proc):
        if line.get("committed", 0) >= target and line.get("live"):
            proc.send_signal(signal.SIGKILL)
            return True
        return False

    lines = _child(["--child", "run", db, str(session), args.rubric, "-", cap], kill_at_a_third)
    killed_run = next(x["run"] for x in lines if x.get("step") == "started")
    seen = max((x.get("committed", 0) for x in lines), default=0)
    from tqrs import workbench
    from tqrs.store import Store
    from tqrs.store.runs import count_results

    with Store(db) as store:
        kept = count_results(store, killed_run)
        state = workbench.run_state(store, killed_run)
    print(
        f"SIGKILL at {seen:,} committed: {kept:,} results kept after the kill; run "
        f"{killed_run} is {state.status!r}, resumable: {state.resumable}"
    )
    lines = _child(["--child", "run", db, str(session), args.rubric, str(killed_run), cap])
    end = lines[-2]
    with Store(db) as store:
        total, distinct = store.query(
            "SELECT count(*), count(DISTINCT ticket_id) FROM ticket_results WHERE run_id = ?",
            [killed_run],
        )[0]
    print(
        f"resumed: {end.get('status')}, {total:,} results ({distinct:,} distinct tickets) of "
        f"{args.count:,}; resume took {end.get('seconds')}s, peak RSS {end.get('peak_mb')} MB"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
