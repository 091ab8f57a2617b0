"""A session that ingests is one that `tqrs tickets` and `tqrs evaluate` can read, whatever
DuckDB's memory cap: tickets are read in seq ranges of bounded text, one read or one commit of
results at a time, never the whole session sorted in one query (which ran out of memory at the
default 512 MB on a 1 GB export). Scaled down here: 58 MB of ticket text under a 64 MB cap (the
code before failed at 96 MB still; reads of 2,000 of these tickets beside a commit failed it
once in CI)."""

import json
import random

import pytest

from tests.conftest import run_cli
from tqrs.ingest import ingest_files
from tqrs.store import Store

WORDS = (
    "user reports outlook cannot connect vpn after password change laptop restarted cleared "
    "cache reinstalled client verified account unlocked mailbox sync printer queue driver"
).split()
TICKETS = 6000

pytestmark = pytest.mark.slow  # subprocesses over a 58 MB session


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def test_tickets_and_evaluate_stream_under_a_small_memory_cap(isolated_state, tmp_path):
    rng = random.Random(3)
    records = [
        {
            "number": f"INC{2_000_000 + i}",
            "sys_id": f"{i:032x}",
            "short_description": "ACME - London - Outlook - " + _text(rng, 6),
            "description": _text(rng, 60),
            "work_notes": _text(rng, 1200),  # ~8 KB a ticket
            "close_notes": _text(rng, 30),
            "state": "7",
            "contact_type": "phone",
        }
        for i in range(TICKETS)
    ]
    export = tmp_path / "long.json"
    export.write_text(json.dumps({"records": records}))
    with Store() as store:
        session = ingest_files(store, [export], "long notes").session_id
    small = {"TQRS_DUCKDB_MEMORY": "64MB"}

    listed = run_cli("tickets", session, "--json", env=small)
    assert listed.returncode == 0, listed.stderr[-600:]
    lines = listed.stdout.splitlines()
    assert len(lines) == TICKETS
    assert [json.loads(line)["number"] for line in lines[:2]] == ["INC2000000", "INC2000001"]

    scored = run_cli(
        "evaluate", session, "--offline", "--rubric", "incident_handling", env=small, timeout=1800
    )
    assert scored.returncode == 0, scored.stderr[-600:]
    assert f"tickets: {TICKETS:,}  scored: {TICKETS:,}  could not grade: 0" in scored.stdout
