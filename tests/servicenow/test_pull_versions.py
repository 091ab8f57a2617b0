"""A ticket the instance changed keeps its earlier results, overrides and reviews, marked as made
on an earlier version of it (the JSON report says so; the Review page's test is in tests/app/test_page_servicenow.py), and the next run on
the session grades it again: with the LLM judge, exactly the changed tickets are sent (the
others are answered from the cache, keyed by the ticket's content)."""

import json

import pytest

from tests.conftest import ROOT, run_cli
from tests.servicenow.conftest import PASSWORD, USER
from tqrs.review import mark_reviewed, override_criterion
from tqrs.store import Store
from tqrs.store.pulls import changed_since_run, earlier_versions
from tqrs.testing.fake_openai import FakeOpenAI, FaultPlan
from tqrs.testing.fake_servicenow import FakeServiceNow


@pytest.mark.slow
def test_changed_tickets_keep_their_results_marked_and_are_graded_again(tmp_path):
    with FakeServiceNow(30, users={USER: PASSWORD}) as sn, FakeOpenAI(FaultPlan()) as llm:
        env = {
            "TQRS_SERVICENOW_USER": USER,
            "TQRS_SERVICENOW_PASSWORD": PASSWORD,
            "OPENAI_BASE_URL": llm.base_url,
            "OPENAI_API_KEY": "sk-test-not-a-key",
            "OPENAI_MODEL": "gpt-4o-mini",
            "PYTHONPATH": str(ROOT),
        }
        pulled = run_cli("pull", "--instance", sn.url, "--query", "", env=env)
        sid = pulled.stdout.splitlines()[-1]
        evaluate = ("evaluate", sid, "--rubric", "incident_handling")
        assert run_cli(*evaluate, env=env).returncode == 0
        assert llm.stats.requests == 30
        ids = sorted(r["sys_id"][0] for r in sn.incidents)
        changed = ids[2], ids[11], ids[25]
        with Store() as store:
            (run1,) = store.query("SELECT max(id) FROM runs")[0]
            tid = {s: i for i, s in store.query("SELECT id, sys_id FROM tickets")}
            override_criterion(store, run1, tid[changed[0]], "troubleshooting", "0", "thin", "ann")
            mark_reviewed(store, run1, tid[changed[0]], "ann")
            mark_reviewed(store, run1, tid[ids[0]], "ann")

        sn.advance(3600)
        sn.update(changed[0], close_notes="Reinstalled again; the user confirmed on the phone.")
        sn.add_journal(changed[1], "work_notes", "Rebooted the VPN gateway.")
        sn.update(changed[2], short_description="ACME - Pune - SAP - a different problem now")
        again = run_cli("pull", "--instance", sn.url, "--query", "", env=env)
        assert "pull: 3 tickets changed on the instance since the last pull" in again.stdout
        assert "marked as made on an earlier version of the ticket" in again.stdout

        second = run_cli(*evaluate, env=env)
        assert second.returncode == 0, second.stderr
        assert llm.stats.requests == 30 + 3  # only the changed tickets are graded again
        assert "3 tickets to send (27 cached)" in second.stdout

    with Store() as store:
        run2 = store.query("SELECT max(id) FROM runs")[0][0]
        assert changed_since_run(store, run1) == sorted(tid[s] for s in changed)
        assert changed_since_run(store, run2) == []
        marks = earlier_versions(store, run1)
        assert {(m.made_on, m.current) for m in marks.values()} == {(1, 2)}

    def report(run):
        out = tmp_path / f"run{run}.json"
        done = run_cli("report", sid, "--run", run, "--format", "json", "--out", out, env=env)
        assert done.returncode == 0, done.stderr
        return {t["ticket_id"]: t for t in json.loads(out.read_text())["tickets"]}

    first, latest = report(run1), report(run2)
    for sys_id, ticket_id in tid.items():
        t, now = first[ticket_id], latest[ticket_id]
        is_changed = sys_id in changed
        assert (t["ticket_version"], t["current_version"], t["earlier_version"]) == (
            (1, 2, True) if is_changed else (1, 1, False)
        )
        assert now["ticket_version"] == now["current_version"] == (2 if is_changed else 1)
        assert now["earlier_version"] is False
        assert {"number", "agent", "score", "band", "passed", "criteria"} <= t.keys()
    kept = first[tid[changed[0]]]
    assert kept["reviewed"] and kept["overridden"]
    (override,) = [c["override"] for c in kept["criteria"] if c["override"]]
    assert (override["option"], override["note"], override["by"]) == ("0", "thin", "ann")
    assert first[tid[ids[0]]]["reviewed"] and not first[tid[ids[0]]]["earlier_version"]
    assert not latest[tid[changed[0]]]["reviewed"]  # a new run: reviewed again, if at all
