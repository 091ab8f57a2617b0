"""The fake instance answers in the Table API's shape (checked against ServiceNow's documented
answers: `sysparm_display_value=all` gives `{"display_value", "value"}` per field with a
`link` on references only; paging by sysparm_limit/sysparm_offset with Link and X-Total-Count
headers), so a pull that works against it works against an instance. Driven with httpx2 (not
the code under test)."""

import base64

import httpx2
import pytest

from tests.servicenow.conftest import CLIENT_ID, CLIENT_SECRET, PASSWORD, USER


def _get(sn, table="incident", auth=(USER, PASSWORD), **params):
    return httpx2.get(f"{sn.url}/api/now/table/{table}", params=params, auth=auth, timeout=30)


def test_display_value_all_shape_and_fields(sn):
    r = _get(sn, sysparm_display_value="all", sysparm_fields="number,caller_id,state,u_none")
    assert r.status_code == 200
    first = r.json()["result"][0]
    assert set(first) == {"number", "caller_id", "state"}  # a field the table lacks: left out
    assert set(first["caller_id"]) == {"display_value", "value", "link"}
    assert first["caller_id"]["link"].endswith(
        f"/api/now/table/sys_user/{first['caller_id']['value']}"
    )
    assert set(first["state"]) == {"display_value", "value"}  # no link on a choice
    assert (first["state"]["value"], first["state"]["display_value"]) in {
        ("7", "Closed"), ("6", "Resolved"), ("2", "In Progress")
    }  # fmt: skip
    raw = _get(sn, sysparm_fields="caller_id,state", sysparm_exclude_reference_link="true")
    assert isinstance(raw.json()["result"][0]["caller_id"], str)  # false: the sys_id alone


def test_offset_paging_headers(sn):
    r = _get(sn, sysparm_limit="50", sysparm_offset="50", sysparm_fields="number")
    assert r.headers["X-Total-Count"] == "120"
    links = r.headers["Link"]
    assert 'rel="first"' in links and 'rel="prev"' in links and 'rel="next"' in links
    assert "sysparm_offset=100" in links and 'rel="last"' in links
    numbers = [x["number"] for x in r.json()["result"]]
    assert numbers == [f"INC{n:07d}" for n in range(51, 101)]
    last = _get(sn, sysparm_limit="50", sysparm_offset="100", sysparm_fields="number")
    assert len(last.json()["result"]) == 20 and 'rel="next"' not in last.headers["Link"]


def test_encoded_queries(sn):
    def numbers(query):
        r = _get(sn, sysparm_query=query, sysparm_fields="number,priority,sys_id")
        assert r.status_code == 200, r.text
        return r.json()["result"]

    by_priority = {p: {x["number"] for x in numbers(f"priority={p}")} for p in "12345"}
    assert sum(map(len, by_priority.values())) == 120
    either = {x["number"] for x in numbers("priority=1^NQpriority=2")}
    assert either == by_priority["1"] | by_priority["2"]
    assert {x["number"] for x in numbers("priority=1^ORpriority=2")} == either
    assert {x["number"] for x in numbers("priorityIN1,2")} == either
    ordered = [x["sys_id"] for x in numbers("ORDERBYsys_id")]
    assert ordered == sorted(ordered)
    after = numbers(f"sys_id>{ordered[59]}^ORDERBYsys_id")
    assert [x["sys_id"] for x in after] == ordered[60:]
    assert _get(sn, sysparm_query="no_such_field=1").status_code == 400
    assert _get(sn, sysparm_query="closed_at>=javascript:gs.nonsense()").status_code == 400


def test_relative_dates_follow_the_fakes_clock(sn):
    sn.now = sn.now.replace(year=2025, month=6, day=2, hour=15, minute=0, second=0)
    recent = _get(sn, sysparm_query="opened_at>=javascript:gs.daysAgo(0)", sysparm_fields="number")
    want = {r["number"][0] for r in sn.incidents if r["opened_at"][0] >= "2025-06-02 15:00:00"}
    assert 0 < len(want) < 120
    assert {x["number"] for x in recent.json()["result"]} == want
    sn.now = sn.now.replace(day=3)
    today = _get(sn, sysparm_query="opened_at>=javascript:gs.beginningOfToday()")
    yesterday = _get(
        sn,
        sysparm_query="opened_at>=javascript:gs.beginningOfYesterday()"
        "^opened_at<=javascript:gs.endOfYesterday()",
    )
    assert today.json()["result"] == [] and len(yesterday.json()["result"]) == 120


def test_auth_and_tokens(sn):
    assert _get(sn, auth=None).status_code == 401
    assert _get(sn, auth=(USER, "wrong")).status_code == 401
    token = httpx2.post(
        f"{sn.url}/oauth_token.do",
        data={"grant_type": "client_credentials", "client_id": CLIENT_ID,
              "client_secret": CLIENT_SECRET},
    )  # fmt: skip
    assert token.status_code == 200
    bearer = {"Authorization": f"Bearer {token.json()['access_token']}"}
    r = httpx2.get(f"{sn.url}/api/now/table/incident", headers=bearer)
    assert r.status_code == 200
    refused = httpx2.post(
        f"{sn.url}/oauth_token.do",
        data={"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": "x"},
    )
    assert refused.status_code == 401
    assert base64.b64encode(f"{USER}:{PASSWORD}".encode())  # (the basic header the pull sends)


@pytest.mark.parametrize("kind", ["429", "503", "drop"])
def test_faults_and_log(sn, kind):
    from tqrs.testing.fake_servicenow import Fault

    sn.inject(Fault(kind, "incident", retry_after=2))
    if kind == "drop":
        with pytest.raises(httpx2.RemoteProtocolError):
            _get(sn)
    else:
        r = _get(sn)
        assert r.status_code == int(kind)
        if kind == "429":
            assert r.headers["Retry-After"] == "2"
    assert _get(sn).status_code == 200  # once only
    assert [e.fault for e in sn.requests("incident")] == [kind, ""]
