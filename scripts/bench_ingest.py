"""Ingest benchmark: writes a 100,000-incident ServiceNow JSON export (~120 fields a record,
as the JSONv2 export writes them), ingests it into a fresh DuckDB file and prints the time,
tickets/s and peak memory.

    .venv/bin/python scripts/bench_ingest.py [--tickets N] [--keep DIR]

The ingest runs in a child process so that its peak RSS is its own, not the generator's."""

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Fields of a ServiceNow incident JSONv2 export beyond the ones TQRS types.
_EXTRA = [
    "active",
    "activity_due",
    "additional_assignee_list",
    "approval",
    "approval_history",
    "approval_set",
    "business_duration",
    "business_impact",
    "business_stc",
    "calendar_duration",
    "calendar_stc",
    "caused_by",
    "cause",
    "child_incidents",
    "close_code",
    "closed_by",
    "cmdb_ci",
    "comments_and_work_notes",
    "contract",
    "correlation_display",
    "correlation_id",
    "delivery_plan",
    "delivery_task",
    "due_date",
    "escalation",
    "expected_start",
    "follow_up",
    "group_list",
    "hold_reason",
    "knowledge",
    "lessons_learned",
    "made_sla",
    "major_incident_state",
    "needs_attention",
    "notify",
    "order",
    "origin_id",
    "origin_table",
    "parent",
    "parent_incident",
    "problem_id",
    "promoted_by",
    "promoted_on",
    "proposed_by",
    "proposed_on",
    "reopened_by",
    "reopened_time",
    "resolved_by",
    "rfc",
    "route_reason",
    "service_offering",
    "severity",
    "sla_due",
    "sys_class_name",
    "sys_created_by",
    "sys_created_on",
    "sys_domain",
    "sys_domain_path",
    "sys_mod_count",
    "sys_tags",
    "sys_updated_by",
    "task_effective_number",
    "time_worked",
    "trigger_rule",
    "universal_request",
    "upon_approval",
    "upon_reject",
    "user_input",
    "variables",
    "watch_list",
    "work_end",
    "work_notes_list",
    "work_start",
    "x_acme_region",
    "x_acme_cost_center",
    "x_acme_vip",
    "x_acme_channel_detail",
    "x_acme_survey_sent",
    "x_acme_kb_used",
    "x_acme_first_fix",
    "x_acme_asset_tag",
    "x_acme_site_code",
    "x_acme_language",
    "x_acme_shift",
    "x_acme_escalation_path",
    "x_acme_vendor_ticket",
    "x_acme_sentiment",
    "x_acme_bot_handled",
    "x_acme_reviewed",
    "x_acme_review_score",
    "x_acme_team_lead",
    "x_acme_billing_code",
    "x_acme_contract_ref",
]
_WORDS = (
    "user reports outlook cannot connect vpn after password change laptop restarted "
    "cleared cache reinstalled client verified account unlocked mailbox sync issue printer "
    "queue stuck driver updated network cable replaced teams crash profile rebuilt"
).split()


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def make_export(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"records":[')
        for i in range(n):
            opened = (
                f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} "
                f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
            )
            rec = {
                "number": f"INC{1000000 + i}",
                "sys_id": f"{rng.getrandbits(128):032x}",
                "short_description": f"ACME - London - Outlook - {_text(rng, 6)}",
                "description": _text(rng, 60),
                "caller_id": f"{rng.getrandbits(128):032x}",
                "opened_by": f"{rng.getrandbits(128):032x}",
                "company": f"{rng.getrandbits(128):032x}",
                "location": f"{rng.getrandbits(128):032x}",
                "contact_type": rng.choice(["phone", "email", "self-service", "chat"]),
                "state": rng.choice(["6", "7", "2"]),
                "incident_state": "7",
                "priority": str(rng.randint(1, 5)),
                "impact": str(rng.randint(1, 3)),
                "urgency": str(rng.randint(1, 3)),
                "category": rng.choice(["software", "hardware", "network", "inquiry"]),
                "subcategory": rng.choice(["email", "vpn", "os", "printer"]),
                "business_service": f"{rng.getrandbits(128):032x}",
                "assignment_group": f"{rng.getrandbits(128):032x}",
                "assigned_to": f"{rng.getrandbits(128):032x}",
                "opened_at": opened,
                "resolved_at": opened,
                "closed_at": opened,
                "sys_updated_on": opened,
                "close_notes": _text(rng, 30),
                "work_notes": "",
                "comments": "",
                "reassignment_count": str(rng.randint(0, 3)),
                "reopen_count": "0",
            }
            for name in _EXTRA:
                rec.setdefault(name, rng.choice(["", "", "false", "true", "0", _text(rng, 3)]))
            if i:
                f.write(",")
            f.write(json.dumps(rec, separators=(",", ":")))
        f.write("]}")


def _ingest_child(db: str, export: str) -> None:
    sys.path.insert(0, str(ROOT))
    from tqrs.ingest import ingest_files
    from tqrs.store import Store

    store = Store(db)
    t0, c0 = time.perf_counter(), time.process_time()
    report = ingest_files(store, [export], "bench")
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {"seconds": elapsed, "cpu": cpu, "tickets": report.ticket_count, "peak_mb": peak_mb}
        )
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tickets", type=int, default=100_000)
    ap.add_argument("--keep", help="write the export and database here and keep them")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _ingest_child(*args.child)
        return
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="tqrs-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    export = work / f"incidents-{args.tickets}.json"
    if not export.exists():
        t0 = time.perf_counter()
        make_export(export, args.tickets)
        print(
            f"generated {export.name}: {export.stat().st_size / 1e6:.0f} MB "
            f"in {time.perf_counter() - t0:.1f} s"
        )
    db = work / "bench.duckdb"
    db.unlink(missing_ok=True)
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(db), str(export)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    r = json.loads(out.strip().splitlines()[-1])
    size_mb = export.stat().st_size / 1e6
    print(
        f"ingested {r['tickets']:,} tickets ({size_mb:.0f} MB) in {r['seconds']:.2f} s: "
        f"{r['tickets'] / r['seconds']:,.0f} tickets/s, {size_mb / r['seconds']:.0f} MB/s; "
        f"CPU time {r['cpu']:.2f} s (all threads; wall time grows when the cores are shared)"
    )
    print(f"peak RSS of the ingesting process: {r['peak_mb']:,.0f} MB")
    print(
        f"bars: time {r['seconds']:.2f} s / 10 s = {r['seconds'] / 10:.2f}; "
        f"peak {r['peak_mb']:,.0f} MB / 1024 MB = {r['peak_mb'] / 1024:.2f}; "
        f"speed vs the original TQRS's parse-only 17,000 tickets/s = "
        f"{r['tickets'] / r['seconds'] / 17000:.2f}x"
    )


if __name__ == "__main__":
    main()
