"""`tqrs pull` as scripts call it, in child processes against the fake instance: the session id
on the last line, one `error:` line and exit 2 for bad input or configuration, a pull killed
mid-way that the next `tqrs pull` continues, credentials that appear nowhere but secrets.json,
and 25,000 incidents pulled through paging and a dropped connection, every field equal to the
fake's records, then only what changed."""

import base64
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, run_cli
from tests.servicenow.conftest import (
    CLIENT_ID,
    CLIENT_SECRET,
    PASSWORD,
    USER,
    mismatches,
    refetched,
    tickets_json,
)
from tqrs.servicenow.credentials import save_credentials
from tqrs.store import Store
from tqrs.testing.fake_servicenow import FakeServiceNow, Fault

pytestmark = pytest.mark.slow  # child processes: a few seconds each
BASIC_ENV = {"TQRS_SERVICENOW_USER": USER, "TQRS_SERVICENOW_PASSWORD": PASSWORD}


def _pull(sn, query="", *extra, env=None):
    return run_cli("pull", "--instance", sn.url, "--query", query, *extra, env=env or BASIC_ENV)


def test_prints_the_session_id_last_and_its_progress(sn):
    # off a terminal the bar prints a line every 2 s: pages that take 1 s each make the pull
    # long enough to show it (a busy machine only makes it longer)
    sn.latency = 1.0
    done = _pull(sn, "active=false", "--page-size", "30", "--name", "Closed <b>week</b>")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    with Store() as store:
        (sid, name, count), = store.query("SELECT id, name, ticket_count FROM sessions")  # fmt: skip
    assert lines[-1] == str(sid) and name == "Closed <b>week</b>"
    closed = sum(r["active"][0] == "false" for r in sn.incidents)
    assert count == closed
    assert f"pull: pulled {closed:,} incidents" in done.stdout
    assert f"session {sid} (Closed <b>week</b>): {closed:,} tickets" in done.stdout
    assert f"/{closed:,} incidents" in done.stderr and "ETA" in done.stderr  # the bar
    sn.latency = 0.0
    again = _pull(sn, "active=false")
    assert again.stdout.splitlines()[-1] == str(sid)
    assert "pull: 0 tickets changed on the instance since the last pull" in again.stdout


@pytest.mark.parametrize(
    ("env", "args", "says"),
    [
        ({}, [], "no ServiceNow credentials: set TQRS_SERVICENOW_USER"),
        ({"TQRS_SERVICENOW_USER": USER}, [], "TQRS_SERVICENOW_USER is set but "
         "TQRS_SERVICENOW_PASSWORD is not"),
        ({**BASIC_ENV, "TQRS_SERVICENOW_PASSWORD": "wrong-" + PASSWORD}, [],
         "401 Unauthorized for the incident table: the instance refused the credentials from "
         "TQRS_SERVICENOW_USER, TQRS_SERVICENOW_PASSWORD (basic auth)"),
        (BASIC_ENV, ["--instance", "http://dev1.service-now.com"], "credentials in clear"),
        (BASIC_ENV, ["--page-size", "0"], "--page-size: between 1 and 10,000"),
        (BASIC_ENV, ["--query", "nonsense_field=1"], "the instance refused the query"),
    ],
)  # fmt: skip
def test_bad_input_or_configuration_is_one_error_line_and_exit_2(sn, env, args, says):
    argv = ["pull", "--instance", sn.url, "--query", "", *args]
    done = run_cli(*argv, env={k: v for k, v in env.items()})
    assert done.returncode == 2, done.stdout + done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("error: ") and says in line, line
    assert PASSWORD not in line
    with Store() as store:
        assert store.query("SELECT count(*) FROM sessions")[0][0] == 0


def test_killed_mid_pull_the_next_pull_goes_on(sn, tmp_path):
    sn.inject(Fault("hold", "incident", nth=4))  # the 4th page is held: pages 1-3 are stored
    env = {**os.environ, **BASIC_ENV, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tqrs", "pull", "--instance", sn.url, "--query", "",
         "--page-size", "20"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        end = time.monotonic() + 120  # a bound on a hang, not a speed requirement
        while not sn.held and child.poll() is None:
            assert time.monotonic() < end, "the pull never reached its 4th page"
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    sn.release.set()
    cursor = sorted(r["sys_id"][0] for r in sn.incidents)[59]
    before = len(sn.log)

    done = _pull(sn, "", "--page-size", "20")
    assert done.returncode == 0, done.stderr
    assert "pull: resumed the pass that stopped after 60 incidents (3 pages kept)" in done.stdout
    assert f"sys_id>{cursor}" in sn.log[before].params["sysparm_query"]
    assert refetched(sn.log) == {sn.requests("incident")[3].page_key: (2, 1)}  # the held one
    sid = int(done.stdout.splitlines()[-1])
    assert mismatches(sn, tickets_json(sid, tmp_path)) == []


def test_credentials_appear_nowhere_but_the_secrets_file(isolated_state, tmp_path):
    clients = {CLIENT_ID: CLIENT_SECRET}
    with FakeServiceNow(40, users={USER: PASSWORD}, clients=clients, token_uses=2) as sn:
        sn.inject(Fault("drop", "incident", nth=2), Fault("429", "sys_journal_field", nth=2,
                                                          retry_after=0.1))  # fmt: skip
        debug = {"LOG_LEVEL": "DEBUG"}
        oauth = {"TQRS_SERVICENOW_CLIENT_ID": CLIENT_ID,
                 "TQRS_SERVICENOW_CLIENT_SECRET": CLIENT_SECRET}  # fmt: skip
        save_credentials({"user": USER, "password": PASSWORD})  # as the Settings page does
        outputs = [
            _pull(sn, "priority<=2", "--page-size", "10", "--debug", env=debug),  # saved basic
            _pull(sn, "priority>2", "--page-size", "10", "--debug", env={**debug, **oauth}),
            _pull(sn, "priority=1", "--debug",
                  env={**debug, **oauth, "TQRS_SERVICENOW_CLIENT_SECRET": "x" + CLIENT_SECRET}),
            _pull(sn, "priority=2", "--debug",
                  env={**debug, **BASIC_ENV, "TQRS_SERVICENOW_PASSWORD": PASSWORD + "x"}),
            run_cli("sessions", "--json"),
            run_cli("tickets", "1", "--json"),
        ]  # fmt: skip
        tokens = list(sn.tokens)
    assert [o.returncode for o in outputs] == [0, 0, 1, 1, 0, 0], [o.stderr for o in outputs]
    assert "DEBUG" in outputs[0].stderr  # the logs were on
    for refused in outputs[2:4]:  # --debug: the whole traceback, exception chain included
        assert "Traceback" in refused.stderr and "401" in refused.stderr
    basic = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    secrets = [PASSWORD, CLIENT_SECRET, basic, *tokens]
    assert len(tokens) >= 2
    texts = [o.stdout + o.stderr for o in outputs]
    for secret in secrets:
        assert not any(secret in t for t in texts), secret
    state = [p for p in isolated_state.parent.rglob("*") if p.is_file()]
    assert {p.name for p in state} >= {"tqrs.duckdb", "secrets.json"}
    assert PASSWORD in (isolated_state.parent / "secrets.json").read_text()  # the one place
    blobs = [p.read_bytes() for p in state if p.name != "secrets.json"]
    assert any(b"INC0000001" in b for b in blobs)  # the database's strings are plain bytes
    for secret in secrets:
        assert not any(secret.encode() in b for b in blobs), secret


def test_25000_incidents_through_paging_and_a_dropped_connection_then_only_the_changes(
    tmp_path,
):
    with FakeServiceNow(25_000, users={USER: PASSWORD}) as sn:
        sn.inject(
            Fault("drop", "incident", nth=9),
            Fault("drop", "sys_journal_field", nth=77),
            Fault("503", "incident", nth=17),
        )
        first = _pull(sn)
        assert first.returncode == 0, first.stderr
        sid = int(first.stdout.splitlines()[-1])
        assert "pull: pulled 25,000 incidents with" in first.stdout
        assert len([r for r in sn.log if r.fault]) == 3
        # no page asked twice, but the three that failed
        assert refetched(sn.log) == {r.page_key: (2, 1) for r in sn.log if r.fault}
        # 25 pages of 1,000, the empty one that ends the pass, and the one dropped
        assert [r.records for r in sn.requests("incident", 200)].count(1000) == 26
        assert len(sn.requests("incident", 200)) == 27
        tickets = tickets_json(sid, tmp_path)
        assert len(tickets) == 25_000
        assert mismatches(sn, tickets) == []
        journal = sum(t["work_note_count"] + t["comment_count"] for t in tickets.values())
        assert journal == len(sn.journals) > 40_000

        ids = sorted(tickets)
        sn.advance(2 * 3600)
        changed = {ids[i] for i in range(0, 25_000, 997)}  # 26 across the whole range
        for i, sys_id in enumerate(sorted(changed)):
            if i % 2:
                sn.update(sys_id, close_notes=f"Reopened and fixed again ({i}).")
            else:
                sn.add_journal(sys_id, "comments", f"Still broken? ({i})")
        added = {sn.add_incident(seed=s) for s in range(3)}
        before = len(sn.log)
        second = _pull(sn)
        assert second.returncode == 0, second.stderr
        assert int(second.stdout.splitlines()[-1]) == sid
        assert "pull: 26 tickets changed on the instance since the last pull" in second.stdout
        assert ", 3 new, 0 unchanged" in second.stdout
        asked = sn.log[before:]
        assert sum(r.records for r in asked if r.table == "incident") == 29  # only those
        assert sum(r.table == "sys_journal_field" for r in asked) == 1  # one batch of 29
        after = tickets_json(sid, tmp_path)
        assert len(after) == 25_003
        assert mismatches(sn, after, changed | added) == []
        assert {s for s, t in after.items() if t["version"] == 2} == changed
        unchanged = set(ids) - changed
        assert all(after[s] == tickets[s] for s in unchanged)


def test_json_lines_of_the_second_pull_report(sn):
    """The ingest report lines of an incremental pull name the pass as a source."""
    assert _pull(sn).returncode == 0
    sn.advance(3600)
    sn.update(sn.incidents[0]["sys_id"][0], close_notes="x")
    done = _pull(sn)
    assert "changes since the last pull: 1 record: 1 imported" in done.stdout
    listed = json.loads(run_cli("sessions", "--json").stdout)
    assert [f["format"] for f in listed[0]["files"]] == ["servicenow", "servicenow"]
