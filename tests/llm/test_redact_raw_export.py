"""Redaction on a raw-value export (issue 16, item 8): references are sys_ids there, so the
names that reach the text come from the journal (entry headers, greetings, "my name is") and
from other tickets of the session. None of the caller and agent names the session reveals may
reach the provider: the local server records every request and the test counts them.

The export is built from real files (../shared/real): the PDI XML unload with its journal
rows, its `display_value` attributes removed (what a raw-value reading keeps: sys_ids), and
the Table API response of INC0000060 with its references turned into their sys_ids (the tail
of each link), its printed journals as they are. The names expected are read independently
from the original files: the display values of the people fields and the authors of journal
rows, kept when they (or their first name) occur in the text the raw export carries."""

import asyncio
import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import real_file
from tqrs.engine import execute, plan_run
from tqrs.ingest import ingest_files
from tqrs.judges.llm import LLMJudge
from tqrs.llm.client import RetryPolicy

PEOPLE = ("caller_id", "opened_by", "assigned_to", "resolved_by", "closed_by")
TEXT = ("short_description", "description", "close_notes", "comments", "work_notes")
JOURNAL_HEADER = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d - (.+?) \((?:Work notes|Additional comments)\)$", re.M
)
ROLE_ACCOUNTS = {"System Administrator", "Guest", "ITIL User", "survey user"}


def _raw_xml(path, out):
    text = path.read_text(encoding="utf-8")
    out.write_text(re.sub(r' display_value="[^"]*"', "", text), encoding="utf-8")
    return out


def _raw_api_record(path, out):
    record = json.loads(path.read_text(encoding="utf-8"))["result"]
    for key, value in record.items():
        if isinstance(value, dict) and "link" in value:  # a reference: its sys_id only
            record[key] = value["link"].rstrip("/").rsplit("/", 1)[-1]
    out.write_text(json.dumps({"result": record}), encoding="utf-8")
    return out


def _expected_names(xml_path, api_path) -> set[str]:
    """People (display values) and journal authors of the original files, and the texts the
    raw export carries; a person counts when the full name or the first name occurs there."""
    root = ET.parse(xml_path).getroot()
    api = json.loads(api_path.read_text(encoding="utf-8"))["result"]
    people, texts, logins = set(), [], set()
    for inc in root.iter("incident"):
        for f in PEOPLE:
            e = inc.find(f)
            if e is not None and e.get("display_value"):
                people.add(e.get("display_value"))
        texts += [inc.findtext(f) or "" for f in TEXT]
    for j in root.iter("sys_journal_field"):
        texts.append(j.findtext("value") or "")
        logins.add(j.findtext("sys_created_by"))
    for f in PEOPLE:
        if isinstance(api.get(f), dict):
            people.add(api[f]["display_value"])
        elif api.get(f):
            people.add(api[f])
    for f in TEXT:
        texts.append(api.get(f) or "")
        people |= set(JOURNAL_HEADER.findall(api.get(f) or ""))
    blob = "\n".join(texts)
    found = set()
    for person in people:
        if re.search(rf"(?<!\w){re.escape(person)}(?!\w)", blob, re.I):
            found.add(person)
        first = person.split()[0]
        if person not in ROLE_ACCOUNTS and len(person.split()) > 1:
            if re.search(rf"(?<!\w){re.escape(first)}(?!\w)", blob):
                found.add(first)
    # logins of people (first.last) are printed in the journal headers of the XML's entries
    found |= {login for login in logins if login and "." in login}
    return found


@pytest.fixture
def raw_session(store, tmp_path):
    xml_path, api_path = (
        real_file("03_pdi_unload.xml"),
        real_file("16_swimlane_update_row_display.json"),
    )
    files = [
        _raw_xml(xml_path, tmp_path / "incident_raw.xml"),
        _raw_api_record(api_path, tmp_path / "inc0000060_raw.json"),
    ]
    session = ingest_files(store, files, "raw-value export", new=True).session_id
    return session, _expected_names(xml_path, api_path)


def _occurrences(name: str, text: str) -> int:
    flags = re.I if " " in name else 0
    return len(re.findall(rf"(?<![\w\[]){re.escape(name)}(?![\w\]])", text, flags))


def test_no_name_the_session_reveals_reaches_the_provider(
    fake, llm_settings, store, raw_session, handling_rubric
):
    session, candidates = raw_session
    stored = "\n".join(
        " ".join(str(v or "") for v in row)
        for row in store.query(
            "SELECT caller, opened_by, assigned_to, description, work_notes, comments, "
            "close_notes FROM tickets WHERE session_id = ?",
            [session],
        )
    )
    # the names read from the files that the session holds (INC0000060 is in both files:
    # the session keeps one version of it, so some XML journal rows are not in it)
    expected = {n for n in candidates if _occurrences(n, stored)}
    assert {"Joe Employee", "David Loo", "Beth Anglin", "System Administrator"} <= expected
    assert {"Joe", "David", "Beth"} <= expected
    assert any("." in n for n in expected)  # a login in a journal header
    caller_fields = store.query(
        "SELECT DISTINCT caller FROM tickets WHERE session_id = ? AND caller <> ''", [session]
    )
    assert all(re.fullmatch(r"[0-9a-f]{32}", c) for (c,) in caller_fields)  # raw values

    judge = LLMJudge(llm_settings(), store=store, policy=RetryPolicy(backoff=0.01))
    plan = plan_run(store, session, handling_rubric, judge)
    asyncio.run(execute(store, plan, judge, concurrency=4))
    bodies = fake.stats.bodies
    assert len(bodies) == plan.tickets_total >= 70
    sent = [json.dumps(b["messages"], ensure_ascii=False) for b in bodies]
    leaks = {n: sum(_occurrences(n, s) > 0 for s in sent) for n in expected}
    assert leaks == dict.fromkeys(expected, 0)
    assert any("[NAME_" in s for s in sent)
    # restored for the analyst: the evidence quoting the caller line reads the real text
    header = store.query(
        "SELECT count(*) FROM criterion_results WHERE run_id = ? AND evidence LIKE '%[NAME_%'",
        [plan.run_id],
    )[0][0]
    assert header == 0


def test_the_same_session_without_redaction_would_leak_them(
    fake, llm_settings, store, raw_session, handling_rubric
):
    """The count above can fail: with redaction off the names are in the requests."""
    session, candidates = raw_session
    judge = LLMJudge(llm_settings(redact=False), store=store, policy=RetryPolicy(backoff=0.01))
    plan = plan_run(store, session, handling_rubric, judge)
    asyncio.run(execute(store, plan, judge, concurrency=4))
    sent = "\n".join(json.dumps(b["messages"], ensure_ascii=False) for b in fake.stats.bodies)
    assert {"Joe Employee", "David Loo", "Beth Anglin", "Joe", "David", "Beth"} <= {
        n for n in candidates if _occurrences(n, sent)
    }
