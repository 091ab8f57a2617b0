"""Smoke run of the LLM judge against a real OpenAI-compatible server (not for CI): a few
tickets of an export graded through the engine, then what happened to the evidence.

Prints: tickets graded, requests (re-asks among them), replies cut off, evidence quotes the
judge gave and how many were found in the ticket, criteria left "evidence not found", tokens
and wall time. Start the server first, for instance llama.cpp through the `xllamacpp` wheel
(in a virtual environment of its own):

    python -c "import xllamacpp as x, time; p = x.CommonParams(); \\
      p.model.path = 'model.gguf'; p.n_ctx = 8192; p.cpuparams.n_threads = 1; \\
      p.port = 8088; s = x.Server(p); time.sleep(1e9)"
    PYTHONPATH=. .venv/bin/python scripts/smoke_llm_server.py \\
      --base-url http://127.0.0.1:8088/v1 --file ../shared/real/03_pdi_unload.xml --tickets 10
"""

import argparse
import asyncio
import os
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--base-url", required=True)
    p.add_argument("--file", required=True, type=Path, help="an export to grade")
    p.add_argument("--tickets", type=int, default=10)
    p.add_argument("--model", default="local")
    p.add_argument("--rubric", default="incident_handling")
    p.add_argument("--timeout", type=float, default=900.0)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["TQRS_DB"] = str(Path(tmp) / "smoke.duckdb")
        report(args)


def report(args) -> None:
    from tqrs.engine import execute, plan_run
    from tqrs.ingest import ingest_files
    from tqrs.judges.llm import LLMJudge
    from tqrs.llm.settings import resolve_settings
    from tqrs.rubric import load_rubric
    from tqrs.store import Store

    settings = resolve_settings(
        {"base_url": args.base_url, "model": args.model, "timeout": args.timeout}, env={}
    )
    rubric = load_rubric(args.rubric)
    with Store() as store:
        session = ingest_files(store, [args.file], "smoke", new=True).session_id
        judge = LLMJudge(settings, store=store, knowledge=None)
        plan = plan_run(store, session, rubric, judge, limit=args.tickets)
        started = time.monotonic()
        final = asyncio.run(execute(store, plan, judge, concurrency=1))
        wall = time.monotonic() - started
        ex = store.query_dicts(
            "SELECT ticket_id, status, request FROM llm_exchanges WHERE run_id = ?", [plan.run_id]
        )
        crit = store.query_dicts(
            "SELECT status, evidence FROM criterion_results WHERE run_id = ? AND method = 'llm'",
            [plan.run_id],
        )
    asked_again = [e["request"] for e in ex if "is not in the ticket" in e["request"]]
    reasks = len(asked_again)
    first_missing = sum(
        len(re.findall(r"`([\w.-]+)`", r.split("is not in the ticket")[0])) for r in asked_again
    )
    quoted = [c for c in crit if c["status"] != "unscored" and c["evidence"].strip()]
    flagged = sum(1 for c in crit if c["status"] == "evidence_not_found")
    print(f"run {plan.run_id}: {final.status}, {final.done} scored, {final.failed} not graded")
    print(f"requests: {len(ex)} ({reasks} re-asks for evidence), wall {wall:.0f} s")
    print("exchange statuses: " + ", ".join(sorted({e["status"] for e in ex})))
    print(f"cut off at the output cap: {sum(e['status'] == 'cut_off' for e in ex)}")
    print(f"quotes not found in the first answer (re-asked): {first_missing}")
    print(
        f"evidence quotes: {len(quoted)} non-empty, {len(quoted) - flagged} found in the ticket, "
        f"{flagged} left 'evidence not found' after the re-ask"
    )
    print(f"tokens: {final.tokens_in:,} in / {final.tokens_out:,} out")
    for c in crit:  # what the judge quoted that is not in the ticket, to judge the check by
        if c["status"] == "evidence_not_found":
            print(f"  not found: {c['evidence'][:120]!r}")


if __name__ == "__main__":
    main()
