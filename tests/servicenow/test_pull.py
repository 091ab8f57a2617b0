"""Pulls against the fake instance, in process: every field as the instance holds it, the
faults the one retry policy handles (429 with Retry-After, 5xx, dropped connections) and those
it must not (401, 403), OAuth, resuming a stopped pass, and the passes that bring only what
changed. Counts of requests and waits are asserted, never seconds."""

import threading

import pytest

from tests.servicenow.conftest import (
    BASIC,
    CLIENT_ID,
    CLIENT_SECRET,
    PASSWORD,
    USER,
    mismatches,
    refetched,
)
from tqrs.errors import ConfigError, InputError, RemoteError
from tqrs.llm.secret import Secret
from tqrs.retry import RetryPolicy
from tqrs.servicenow.credentials import Credentials, save_credentials
from tqrs.servicenow.pull import pull
from tqrs.store import pulls as db_pulls
from tqrs.store.profile import fields_carried
from tqrs.store.sessions import iter_tickets, list_sessions
from tqrs.testing.fake_servicenow import Fault

FAST = RetryPolicy(backoff=0.01)  # where a test waits for what fails, not for how long


def _tickets(store, session_id) -> dict[str, dict]:
    return {t.sys_id: t.model_dump(mode="json") for t in iter_tickets(store, session_id)}


def _sorted_ids(sn) -> list[str]:
    return sorted(r["sys_id"][0] for r in sn.incidents)


def test_every_field_and_journal_through_paging_and_dropped_connections(sn, store):
    sn.inject(Fault("drop", "incident", nth=2), Fault("drop", "sys_journal_field", nth=3))
    result = pull(store, sn.url, "", page_size=25, credentials=BASIC, policy=FAST)
    sid = result.report.session_id
    assert mismatches(sn, _tickets(store, sid)) == []
    assert result.report.ticket_count == 120 and len(result.waits) == 2
    # each page once, but the two that failed
    assert refetched(sn.log) == {
        r.page_key: (2, 1) for r in sn.log if r.fault == "drop"
    }  # fmt: skip
    assert len(sn.requests("incident", 200)) == 5 + 1  # 120 in pages of 25, one dropped
    (session,) = list_sessions(store)
    assert session.id == sid and session.files[0].format == "servicenow"
    source = session.files[0]
    assert (source.records, source.imported, source.rejected) == (120, 120, 0)
    assert {"work_notes", "comments", "caller", "updated_at"} <= fields_carried(store, sid)[1]
    assert source.unmapped == []
    asked = sn.requests("incident")[0].params
    assert asked["sysparm_display_value"] == "all"
    assert set(asked["sysparm_fields"].split(",")) == {
        "number", "sys_id", "short_description", "description", "caller_id", "opened_by",
        "company", "location", "contact_type", "state", "priority", "impact", "urgency",
        "category", "subcategory", "business_service", "service_offering", "cmdb_ci",
        "assignment_group", "assigned_to", "opened_at", "resolved_at", "closed_at",
        "sys_updated_on", "close_code", "close_notes", "reassignment_count", "reopen_count",
    }  # fmt: skip


def test_query_and_or_groups_keep_their_meaning(sn, store):
    query = "priority=1^active=false^ORDERBYnumber^NQpriority=2^active=false"
    result = pull(store, sn.url, query, page_size=7, credentials=BASIC)
    want = {
        r["number"][0]
        for r in sn.incidents
        if r["priority"][0] in ("1", "2") and r["active"][0] == "false"
    }
    got = {t.number for t in iter_tickets(store, result.report.session_id)}
    assert got == want and len(want) > 7  # several pages
    assert result.lines[0] == "left out of the query: ORDERBYnumber (the pull orders by sys_id)"


def test_429_waits_as_long_as_retry_after_says(sn, store):
    sn.inject(Fault("429", "incident", nth=2, times=2, retry_after=1))
    result = pull(store, sn.url, "", page_size=50, credentials=BASIC)
    assert result.waits == [1.0, 1.0]  # the Retry-After each time, not the backoff
    statuses = [r.status for r in sn.requests("incident")]
    assert statuses == [200, 429, 429, 200, 200]
    assert refetched(sn.log) == {sn.requests("incident")[1].page_key: (3, 2)}
    assert result.report.ticket_count == 120


def test_5xx_is_retried_with_backoff(sn, store):
    sn.inject(Fault("503", "incident", nth=1, times=2), Fault("502", "sys_journal_field", nth=2))
    result = pull(store, sn.url, "", page_size=60, credentials=BASIC)
    assert result.waits == [0.5, 1.0, 0.5]  # per request: 0.5 s, then doubled
    assert result.report.ticket_count == 120
    assert mismatches(sn, _tickets(store, result.report.session_id)) == []


def test_5xx_beyond_the_retries_keeps_the_pages_and_the_next_pull_goes_on(sn, store):
    sn.inject(Fault("500", "incident", nth=3, times=4))
    with pytest.raises(RemoteError) as e:
        pull(store, sn.url, "", page_size=20, credentials=BASIC, policy=FAST)
    message = str(e.value)
    assert "500" in message and "4 attempts" in message
    assert "the 2 pages stored so far are kept: pull again to continue" in message
    state = db_pulls.find_pull(store, sn.url, "")
    assert state.open_pass.cursor == _sorted_ids(sn)[39] and list_sessions(store) == []
    before = len(sn.log)
    result = pull(store, sn.url, "", page_size=20, credentials=BASIC)
    assert result.resumed and result.report.ticket_count == 120
    assert f"sys_id>{_sorted_ids(sn)[39]}" in sn.log[before].params["sysparm_query"]
    assert {k: v for k, v in refetched(sn.log).items()} == {
        sn.requests("incident")[2].page_key: (5, 4)
    }
    assert mismatches(sn, _tickets(store, result.report.session_id)) == []


def test_401_names_the_credentials_used_never_their_value(sn, store):
    wrong = Credentials(user=USER, password=Secret("not-" + PASSWORD), source="environment")
    with pytest.raises(ConfigError) as e:
        pull(store, sn.url, "", credentials=wrong)
    message = str(e.value)
    assert "401" in message and "TQRS_SERVICENOW_USER, TQRS_SERVICENOW_PASSWORD" in message
    assert PASSWORD not in message and "not-" not in message
    assert len(sn.requests("incident")) == 1  # a 401 is not retried
    assert store.query("SELECT count(*) FROM sessions")[0][0] == 0
    save_credentials({"user": USER, "password": "also-wrong"})
    with pytest.raises(ConfigError, match="saved on the Settings page"):
        pull(store, sn.url, "")


def test_403_and_a_sleeping_instance_say_what_to_do(sn, store):
    sn.inject(Fault("403", "incident"))
    with pytest.raises(ConfigError, match="may not read it"):
        pull(store, sn.url, "", credentials=BASIC)
    sn.inject(Fault("html", "incident"))
    with pytest.raises(RemoteError, match="not JSON.*is the instance awake"):
        pull(store, sn.url, "", credentials=BASIC)
    with pytest.raises(InputError, match="refused the query"):
        pull(store, sn.url, "no_such_field=1", credentials=BASIC)
    with pytest.raises(InputError, match="matches no incidents; nothing stored"):
        pull(store, sn.url, "priority=9", credentials=BASIC)
    assert store.query("SELECT count(*) FROM sessions")[0][0] == 0


def test_oauth_client_credentials_renews_an_expired_token(sn, store):
    sn.token_uses = 3  # a token the instance stops accepting after 3 requests
    creds = Credentials(client_id=CLIENT_ID, client_secret=Secret(CLIENT_SECRET), source="saved")
    result = pull(store, sn.url, "", page_size=30, credentials=creds)
    assert result.report.ticket_count == 120
    tokens = sn.requests("token")
    refused = [r for r in sn.log if r.auth == "bad bearer"]
    assert len(tokens) == len(refused) + 1  # one at the start, one after each expiry
    assert refused and all(r.status == 401 for r in refused)
    assert all(r.auth in ("bearer", "bad bearer", "oauth") for r in sn.log)
    assert result.waits == []  # a renewed token is not a retry


def test_oauth_password_grant_and_a_wrong_secret(sn, store):
    creds = Credentials(
        user=USER,
        password=Secret(PASSWORD),
        client_id=CLIENT_ID,
        client_secret=Secret(CLIENT_SECRET),
        source="environment",
    )
    assert pull(store, sn.url, "priority=1", credentials=creds).report.ticket_count > 0
    wrong = Credentials(client_id=CLIENT_ID, client_secret=Secret("nope"), source="environment")
    with pytest.raises(ConfigError) as e:
        pull(store, sn.url, "priority=2", credentials=wrong)
    assert "TQRS_SERVICENOW_CLIENT_ID, TQRS_SERVICENOW_CLIENT_SECRET" in str(e.value)
    assert "OAuth, client credentials grant" in str(e.value) and "nope" not in str(e.value)


def test_a_stopped_pass_resumes_after_its_last_page(sn, store):
    stop = threading.Event()

    def progress(p):
        if p.pages == 2:
            stop.set()

    first = pull(store, sn.url, "", page_size=25, credentials=BASIC, on_progress=progress,
                 cancel=stop)  # fmt: skip
    assert first.progress.status == "stopped" and first.progress.received == 50
    assert list_sessions(store) == []  # hidden until the first pass completes
    before = len(sn.log)
    second = pull(store, sn.url, "", page_size=25, credentials=BASIC)
    assert second.resumed and second.progress.status == "completed"
    assert "resumed the pass that stopped after 50 incidents (2 pages kept)" in second.lines
    assert f"sys_id>{_sorted_ids(sn)[49]}" in sn.log[before].params["sysparm_query"]
    assert refetched(sn.log) == {}
    assert mismatches(sn, _tickets(store, second.report.session_id)) == []
    (source,) = list_sessions(store)[0].files
    assert (source.records, source.imported) == (120, 120)  # counted across both runs


def test_a_second_pull_brings_only_what_changed(sn, store):
    first = pull(store, sn.url, "", page_size=40, credentials=BASIC)
    sid = first.report.session_id
    ids = _sorted_ids(sn)
    sn.advance(3600)
    sn.update(ids[3], short_description="ACME - Berlin - VPN - now a different problem")
    sn.update(ids[10], state=("6", "Resolved"), close_notes="Resolved after all.")
    sn.update(ids[77], assigned_to=("abc", "Somebody Else"))
    sn.add_journal(ids[10], "work_notes", "Checked again: fine.")
    sn.add_journal(ids[50], "comments", "Thanks, works now!")
    added = sn.add_incident()
    before = len(sn.log)

    second = pull(store, sn.url, "", page_size=40, credentials=BASIC)
    assert second.report.session_id == sid and second.progress.kind == "changes"
    assert second.lines[0].startswith("4 tickets changed on the instance since the last pull")
    assert ", 1 new, 0 unchanged" in second.lines[0]
    asked = sn.log[before:]
    assert sum(r.records for r in asked if r.table == "incident") == 5  # only what changed
    assert "sys_updated_on>=2026-01-15 11:50:00" in asked[0].params["sysparm_query"]
    journal_ids = {
        i for r in asked if r.table == "sys_journal_field"
        for i in r.params["sysparm_query"].split("^")[0].removeprefix("element_idIN").split(",")
    }  # fmt: skip
    assert journal_ids == {ids[3], ids[10], ids[77], ids[50], added}
    tickets = _tickets(store, sid)
    assert mismatches(sn, tickets) == [] and len(tickets) == 121
    versions = {s: t["version"] for s, t in tickets.items() if t["version"] != 1}
    assert versions == {ids[3]: 2, ids[10]: 2, ids[77]: 2, ids[50]: 2}
    assert list_sessions(store)[0].ticket_count == 121
    assert [f.position for f in list_sessions(store)[0].files] == [1, 2]

    sn.advance(5 * 60)  # within the margin: the same five come again, and are unchanged
    third = pull(store, sn.url, "", page_size=40, credentials=BASIC)
    assert third.lines[0].startswith("0 tickets changed") and ", 5 unchanged" in third.lines[0]
    assert third.report.files == [] and [f.position for f in list_sessions(store)[0].files] == [
        1,
        2,
    ]
    sn.advance(3600)  # the third began within the margin after the changes: once more
    assert ", 5 unchanged" in pull(store, sn.url, "", credentials=BASIC).lines[0]
    sn.advance(3600)
    before = len(sn.log)
    fifth = pull(store, sn.url, "", page_size=40, credentials=BASIC)
    assert fifth.lines[0].startswith("0 tickets changed") and ", 0 unchanged" in fifth.lines[0]
    assert [r.records for r in sn.log[before:]] == [0]  # one empty page, no journal request


def test_records_are_typed_and_checked_as_an_export_is(sn, store):
    ids = _sorted_ids(sn)
    sn.update(ids[0], reassignment_count="many")
    sn.update(ids[1], number="")
    result = pull(store, sn.url, "", page_size=50, credentials=BASIC)
    source = result.report.files[0]
    assert (source.records, source.imported, source.rejected, source.warnings) == (120, 119, 1, 1)
    said = {(i.outcome, i.sys_id): i.message for i in source.issues}
    assert said[("rejected", ids[1])] == "the record has no number"
    assert "reassignment_count 'many' is not a whole number" in said[("warning", ids[0])]


def test_a_blank_name_is_no_name(sn, store):
    """`tqrs pull ... --name "   "` made a session named three spaces: blank is no name (the
    host and the query), as for `tqrs ingest`; a name is one line."""
    result = pull(store, sn.url, "priority=1", name="   ", page_size=50, credentials=BASIC)
    host = sn.url.split("://", 1)[1]
    assert {s.id: s.name for s in list_sessions(store)} == {
        result.report.session_id: f"{host} · priority=1"
    }
    other = pull(store, sn.url, "priority=2", name="Week 50\nP2", page_size=50, credentials=BASIC)
    assert {s.id: s.name for s in list_sessions(store)}[other.report.session_id] == "Week 50 P2"
