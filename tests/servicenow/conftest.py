"""Fixtures for the ServiceNow pulls: a fake instance on 127.0.0.1 (real HTTP), the credentials
it accepts, and what a pulled ticket must hold, derived from the fake's own records by the
rules the README states (names are display values, times the instance's UTC values, state its
label, contact type its code, journals newest first in ServiceNow's printed form)."""

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tqrs.llm.secret import Secret
from tqrs.servicenow.credentials import Credentials
from tqrs.testing.fake_servicenow import FakeServiceNow

USER, PASSWORD = "tqrs.reader", "pw-planted-4d8e2a9c71b3"
CLIENT_ID, CLIENT_SECRET = "tqrs-client", "cs-planted-9b1f6e3d5a27"
BASIC = Credentials(user=USER, password=Secret(PASSWORD), source="environment")


@pytest.fixture
def sn():
    with FakeServiceNow(120, users={USER: PASSWORD}, clients={CLIENT_ID: CLIENT_SECRET}) as fake:
        yield fake


@pytest.fixture
def basic_env(monkeypatch):
    monkeypatch.setenv("TQRS_SERVICENOW_USER", USER)
    monkeypatch.setenv("TQRS_SERVICENOW_PASSWORD", PASSWORD)


def journal_text(rows: list[dict], kind: str) -> str:
    rows = sorted(rows, key=lambda j: j["sys_created_on"][0], reverse=True)
    return "\n\n".join(
        f"{j['sys_created_on'][0]} - {j['sys_created_by'][0]} ({kind})\n{j['value'][0].strip()}"
        for j in rows
    )


def expected_ticket(rec: dict, journal: list[dict]) -> dict:
    """The typed fields a pulled ticket must hold, from the fake's record and journal rows."""

    def v(name):
        return rec[name][0]

    def d(name):
        return rec[name][1]

    def when(name):
        return v(name).replace(" ", "T") if v(name) else None

    def number(name):
        return int(v(name)) if v(name) else None

    notes = [j for j in journal if j["element"][0] == "work_notes"]
    comments = [j for j in journal if j["element"][0] == "comments"]
    return {
        "number": v("number"),
        "sys_id": v("sys_id"),
        "short_description": v("short_description"),
        "description": v("description"),
        "caller": d("caller_id"),
        "opened_by": d("opened_by"),
        "company": d("company"),
        "location": d("location"),
        "contact_type": v("contact_type"),
        "state": d("state"),
        "priority": number("priority"),
        "impact": number("impact"),
        "urgency": number("urgency"),
        "category": d("category"),
        "subcategory": d("subcategory"),
        "service": d("business_service"),
        "service_offering": d("service_offering"),
        "cmdb_ci": d("cmdb_ci"),
        "assignment_group": d("assignment_group"),
        "assigned_to": d("assigned_to"),
        "opened_at": when("opened_at"),
        "resolved_at": when("resolved_at"),
        "closed_at": when("closed_at"),
        "updated_at": when("sys_updated_on"),
        "close_code": v("close_code"),
        "close_notes": v("close_notes"),
        "work_notes": journal_text(notes, "Work notes"),
        "comments": journal_text(comments, "Additional comments"),
        "reassignment_count": number("reassignment_count"),
        "reopen_count": number("reopen_count"),
        "work_note_count": len(notes),
        "comment_count": len(comments),
    }


def mismatches(fake: FakeServiceNow, tickets: dict[str, dict], wanted: set[str] | None = None):
    """(sys_id, field, got, want) for every pulled field that differs from the fake's record;
    `tickets` by sys_id as `tqrs tickets --json` prints them."""
    journals: dict[str, list] = {}
    for j in fake.journals:
        journals.setdefault(j["element_id"][0], []).append(j)
    out = []
    for rec in fake.incidents:
        sys_id = rec["sys_id"][0]
        if wanted is not None and sys_id not in wanted:
            continue
        got = tickets.get(sys_id)
        if got is None:
            out.append((sys_id, "(missing)", None, None))
            continue
        for name, want in expected_ticket(rec, journals.get(sys_id, [])).items():
            if got[name] != want:
                out.append((sys_id, name, got[name], want))
        if got["raw"]["caller_id"]["value"] != rec["caller_id"][0]:
            out.append((sys_id, "raw caller_id", got["raw"]["caller_id"], rec["caller_id"]))
    return out


def tickets_json(session: int, tmp_path: Path) -> dict[str, dict]:
    """`tqrs tickets SESSION --json` in a child process, by sys_id (through a file: 25,000
    tickets with their raw records)."""
    out = tmp_path / f"tickets-{session}.jsonl"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with open(out, "w") as f:
        done = subprocess.run(
            [sys.executable, "-m", "tqrs", "tickets", str(session), "--json"],
            env=env, cwd=ROOT, stdout=f, stderr=subprocess.PIPE, text=True, timeout=600,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    tickets = {}
    with open(out) as f:
        for line in f:
            t = json.loads(line)
            t["raw"] = {"caller_id": t["raw"].get("caller_id")}  # what `mismatches` reads
            tickets[t["sys_id"]] = t
    out.unlink()
    return tickets


def refetched(log) -> dict:
    """Pages asked for more than once: page key -> (times asked, times failed)."""
    asked = Counter(r.page_key for r in log)
    failed = Counter(r.page_key for r in log if r.fault or r.status != 200)
    return {k: (n, failed[k]) for k, n in asked.items() if n > 1}
