"""What the judge says about a criterion a rule left open is read against what the rule found
(tqrs.llm.evidence): an answer without a quote where the rule left it open over a passage,
and "N/A" where the rule found that the criterion applies, are re-asked once naming the
passage (as data, redacted as the ticket was) or the finding, then flagged "evidence not
found" (out of the maximum, in the review queue). Online and through the Batch API alike,
with the re-ask among the run's exchanges. The real SDK against the local fake server."""

import asyncio
import json
import re

import pytest

from tqrs.engine import execute, plan_run
from tqrs.engine.batch import BatchOptions
from tqrs.ingest import ingest_files
from tqrs.judges.llm import LLMJudge
from tqrs.llm.client import RetryPolicy
from tqrs.queue import review_queue
from tqrs.rubric import load_rubric
from tqrs.rules import apply_rules
from tqrs.store import Store
from tqrs.store import batches as db_batches
from tqrs.store.llm_exchanges import ticket_exchanges
from tqrs.store.sessions import iter_tickets
from tqrs.testing.tickets import sample_records

NOTE = "2025-01-10 09:30:00 - Maria Lopez (Work notes)\n"
# The one line on identity names a method (an Okta push) without saying the caller was
# validated with it: caller validation is open over that line; a person called (a phone
# contact, no alert, no IT staff's own report), so it applies. "Jane" is the first name of
# record 0's caller, Jane Doe: redacted in every request.
VALIDATION_LINE = "Jane has a new phone for the Okta push, then reset the password."
_VALIDATION = {
    "contact_type": "phone",
    "short_description": "ACME - London - AD - Password reset",
    "description": "User forgot the password.",
    "work_notes": NOTE + VALIDATION_LINE,
    "close_notes": "Password reset; the user signed in again.",
}
# Record index -> the fields written over the synthetic record (tqrs.testing.tickets), and
# what the rules of the logging rubric leave open in it, read by hand:
TEXTS = {
    0: _VALIDATION,  # caller validation, over VALIDATION_LINE; the re-ask brings a quote
    # a stolen phone whose Security step is in words the rule does not know: the process
    # applies, only its steps are open
    1: {
        "contact_type": "phone",
        "short_description": "ACME - London - Mobile - Phone stolen",
        "description": "My work phone was stolen on the train this morning.",
        "work_notes": NOTE + "Flagged it to the blue team. Remote wipe sent from Intune.",
    },
    # a phishing report that names no malware: whether a process applies is itself open
    2: {
        "short_description": "ACME - London - Email - Phishing",
        "description": "User reported a phishing email.",
        "work_notes": NOTE + "Deleted the message from the mailbox.",
    },
    # English text whose two unknown words ("citrix", "ciscso") may be misspellings or
    # products and decide the band: spelling is open; the text is English, so it applies
    3: {"description": "The citrix session drops when the ciscso client starts on the laptop."},
    4: _VALIDATION,  # as 0, but the re-ask brings no quote either
    # 5: the synthetic record as it is: the rules leave nothing open
}
RE_ASKED = "INC0100000"
QUOTED = "has a new phone for the Okta push"  # INC0100000's answer when asked again


def _number(request: dict) -> str:
    return request["messages"][1]["content"].split("Number: ")[1].split("\n")[0]


def _say(path: str, request: dict) -> str | None:
    """The judge's evidence: none for caller validation (INC0100000 quotes the ticket when
    asked again), none for the description (an llm criterion), else the fake's own quote of
    the ticket's number and caller lines."""
    if path == "caller_validation.evidence":
        asked_again = len(request["messages"]) > 2
        return QUOTED if asked_again and _number(request) == RE_ASKED else ""
    if path == "description_quality.evidence":
        return ""
    return None


def _choose(path: str, values: list, request: dict) -> object:
    """'not documented' for caller validation, "N/A" for the critical process and spelling,
    10 of 20 for the description."""
    if path == "caller_validation.option":
        return "0"
    if path == "description_quality.option":
        return "10"
    if path in ("critical_process.option", "spelling_grammar.option"):
        return "N/A"
    return None


@pytest.fixture
def session(store, tmp_path):
    records = sample_records(6)
    for i, update in TEXTS.items():
        records[i] |= update
    path = tmp_path / "open.json"
    path.write_text(json.dumps({"records": records}), encoding="utf-8")
    return ingest_files(store, [path], "open criteria", new=True).session_id


@pytest.fixture
def answering(fake):
    fake.say, fake.choose = _say, _choose
    return fake


def _judge(settings, store=None):
    return LLMJudge(settings, store=store, policy=RetryPolicy(backoff=0.01))


def _grade(judge, pairs):
    """Each (ticket, rubric) through `judge.judge` with what the rules leave open."""

    async def run():
        try:
            return [await judge.judge(t, r, apply_rules(t, r).open) for t, r in pairs]
        finally:
            await judge.close()

    return asyncio.run(run())


def _tickets(store, session) -> dict:
    return {t.number: t for t in iter_tickets(store, session)}


@pytest.mark.parametrize("number", ["INC0100000", "INC0100004"])
def test_no_quote_on_an_open_criterion_is_re_asked_with_the_rules_passage(
    answering, llm_settings, store, session, number
):
    logging = load_rubric("incident_logging")
    ticket = _tickets(store, session)[number]
    assert set(apply_rules(ticket, logging).open) == {"caller_validation"}
    # with the store: the names the session reveals are redacted in every ticket
    (outcome,) = _grade(_judge(llm_settings(), store), [(ticket, logging)])

    assert answering.stats.requests == 2 == outcome.requests
    first, again = answering.stats.bodies
    messages = again["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[:2] == first["messages"]
    question = messages[3]["content"]
    assert question.startswith("Look again at your answer for `caller_validation`.")
    assert "`description_quality`" not in question  # an llm criterion: "" stands
    # The passage, delimited as data and redacted as the ticket the model read was.
    seen = next(ln for ln in first["messages"][1]["content"].splitlines() if QUOTED in ln)
    assert re.fullmatch(
        r"\[NAME_\d+\] has a new phone for the Okta push, then reset the password\.", seen
    )
    assert f"<ticket>\n{seen}\n</ticket>" in question
    assert "Jane" not in json.dumps(again)

    results = outcome.results
    assert results["description_quality"].status == "scored"
    assert results["description_quality"].evidence == ""
    cv = results["caller_validation"]
    if number == RE_ASKED:  # the second answer quotes the ticket: taken
        assert (cv.status, cv.option, cv.evidence) == ("scored", "0", QUOTED)
    else:  # no quote again: flagged, out of the maximum, the passage shown unredacted
        assert (cv.status, cv.option, cv.max_points) == ("evidence_not_found", None, 0)
        assert "quoting nothing" in cv.error and VALIDATION_LINE in cv.error


def test_a_quote_not_in_the_ticket_on_an_open_criterion_is_re_asked_with_the_rules_passage(
    fake, llm_settings, store, session
):
    """A small model quoted the request's own list of open criteria as evidence and, told only
    that its quote was not in the ticket, quoted it again (10 of 10 on a real server,
    2026-12-05): the re-ask shows the passage the rule left open, as data, as for no quote."""
    invented = "The description does not mention any validation of the caller"

    def say(path: str, request: dict) -> str | None:
        if path == "caller_validation.evidence":
            return QUOTED if len(request["messages"]) > 2 else invented
        return "" if path == "description_quality.evidence" else None

    fake.say, fake.choose = say, _choose
    logging = load_rubric("incident_logging")
    ticket = _tickets(store, session)[RE_ASKED]
    (outcome,) = _grade(_judge(llm_settings(), store), [(ticket, logging)])

    first, again = fake.stats.bodies
    question = again["messages"][3]["content"]
    assert "`caller_validation`: the evidence you gave is not in the ticket" in question
    seen = next(ln for ln in first["messages"][1]["content"].splitlines() if QUOTED in ln)
    assert f"<ticket>\n{seen}\n</ticket>" in question
    assert "Jane" not in json.dumps(again)
    cv = outcome.results["caller_validation"]
    assert (cv.status, cv.option, cv.evidence) == ("scored", "0", QUOTED)


def test_not_applicable_is_re_asked_where_the_rule_found_that_the_criterion_applies(
    answering, llm_settings, store, session
):
    logging, handling = load_rubric("incident_logging"), load_rubric("incident_handling")
    tickets = _tickets(store, session)
    cases = [  # (number, rubric, the criterion open, what the rule found applies or None)
        ("INC0100001", logging, "critical_process", "lost or stolen device"),
        ("INC0100003", logging, "spelling_grammar", "the short description and description are in English"),
        # the handling rubric has no caller-validation criterion: the reset's critical
        # process is open on the validation, the process itself found
        ("INC0100000", handling, "critical_process", "password reset / account unlock"),
        ("INC0100002", logging, "critical_process", None),  # no process found: N/A stands
    ]  # fmt: skip
    for number, rubric, cid, _ in cases:
        assert set(apply_rules(tickets[number], rubric).open) == {cid}
    outcomes = _grade(_judge(llm_settings()), [(tickets[n], r) for n, r, _, _ in cases])

    assert answering.stats.requests == 3 * 2 + 1
    questions = {
        _number(b): b["messages"][3]["content"]
        for b in answering.stats.bodies
        if len(b["messages"]) > 2
    }
    assert set(questions) == {"INC0100001", "INC0100003", "INC0100000"}
    for (number, _, cid, applies), outcome in zip(cases, outcomes, strict=True):
        result = outcome.results[cid]
        if applies is None:
            assert outcome.requests == 1
            assert (result.status, result.option, result.max_points) == ("scored", "N/A", 0)
            continue
        assert outcome.requests == 2
        question = questions[number]
        assert question.startswith(f"Look again at your answer for `{cid}`.")
        assert f'`{cid}`: you chose "N/A"' in question and applies in question
        assert (result.status, result.option, result.max_points) == ("evidence_not_found", None, 0)
        assert "(not applicable)" in result.error and applies in result.error


def _statuses(store, run_id) -> dict:
    rows = store.query(
        "SELECT t.number, c.criterion_id, c.status, c.option, c.evidence, c.error "
        "FROM criterion_results c JOIN tickets t ON t.id = c.ticket_id "
        "WHERE c.run_id = ? AND c.method = 'llm'",
        [run_id],
    )
    return {(n, cid): tuple(rest) for n, cid, *rest in rows}


# What the logging rubric's run ends with, by hand from TEXTS, _say and _choose: the open
# criteria and the llm one (description quality, answered without a quote and never re-asked).
EXPECTED = {
    ("INC0100000", "caller_validation"): ("scored", "0"),
    ("INC0100001", "critical_process"): ("evidence_not_found", None),
    ("INC0100002", "critical_process"): ("scored", "N/A"),
    ("INC0100003", "spelling_grammar"): ("evidence_not_found", None),
    ("INC0100004", "caller_validation"): ("evidence_not_found", None),
    **{(f"INC010000{i}", "description_quality"): ("scored", "10") for i in range(6)},
}
FLAGGED = {"INC0100001", "INC0100003", "INC0100004"}


def _check_run(store, run_id, session) -> dict:
    """The run's llm results as EXPECTED says, its review queue, and each re-ask among its
    exchanges; returns the results."""
    got = _statuses(store, run_id)
    assert {k: v[:2] for k, v in got.items()} == EXPECTED
    queue = {item.number for item in review_queue(store, run_id)
             if any("evidence not found" in r for r in item.reasons)}  # fmt: skip
    assert queue == FLAGGED
    ids = {n: t.id for n, t in _tickets(store, session).items()}
    for number in ("INC0100000", "INC0100001", "INC0100003", "INC0100004"):
        sent = [x["request"]["messages"] for x in ticket_exchanges(store, run_id, ids[number])]
        assert len(sent) == 2 and len(sent[0]) == 2
        assert sent[1][3]["content"].startswith("Look again at your answer for ")
    for number in ("INC0100002", "INC0100005"):
        assert len(ticket_exchanges(store, run_id, ids[number])) == 1
    return got


def test_a_run_online_and_through_the_batch_api_re_ask_and_flag_alike(
    answering, llm_settings, store, session, tmp_path
):
    logging = load_rubric("incident_logging")
    judge = _judge(llm_settings(), store)
    plan = plan_run(store, session, logging, judge)
    asyncio.run(execute(store, plan, judge, concurrency=2))
    online = _check_run(store, plan.run_id, session)
    assert answering.stats.requests == 6 + 4

    # The same export through the Batch API, in a database of its own (nothing cached):
    # the re-asks go into a second batch, and the verdicts are the online ones.
    with Store(tmp_path / "batch.duckdb") as other:
        path = tmp_path / "open.json"
        batch_session = ingest_files(other, [path], "open criteria", new=True).session_id
        judge = _judge(llm_settings(), other)
        plan = plan_run(other, batch_session, logging, judge, mode="batch")
        final = asyncio.run(execute(other, plan, judge, batch=BatchOptions(poll=0)))
        assert (final.status, final.done, final.failed) == ("completed", 6, 0)
        assert [j.requests for j in db_batches.jobs(other, plan.run_id)] == [6, 4]
        assert _check_run(other, plan.run_id, batch_session) == online
    assert answering.stats.requests == 6 + 4  # nothing went online


def test_a_flagged_caller_validation_never_auto_fails_the_reset_it_decides(
    answering, llm_settings, store, session
):
    """INC0100004 is a password reset whose caller validation is flagged (no quote, twice):
    the critical process read from it is flagged too, out of the maximum, and the ticket is
    not auto-failed on a validation nobody has read yet. INC0100000, the same reset whose
    second answer quotes the ticket ("0": not validated), still fails automatically."""
    logging = load_rubric("incident_logging")
    judge = _judge(llm_settings(), store)
    plan = plan_run(store, session, logging, judge)
    asyncio.run(execute(store, plan, judge, concurrency=2))
    rows = store.query(
        "SELECT t.number, c.status, c.option, c.max_points, r.auto_fail "
        "FROM criterion_results c JOIN tickets t ON t.id = c.ticket_id "
        "JOIN ticket_results r ON r.run_id = c.run_id AND r.ticket_id = c.ticket_id "
        "WHERE c.run_id = ? AND c.criterion_id = 'critical_process' "
        "AND t.number IN ('INC0100000', 'INC0100004')",
        [plan.run_id],
    )
    got = {n: tuple(rest) for n, *rest in rows}
    assert got["INC0100004"] == ("evidence_not_found", None, 0, False)
    assert got["INC0100000"][0] == "scored" and got["INC0100000"][1] == "FAIL"
    assert got["INC0100000"][3] is True
    queue = {i.number: i.reasons for i in review_queue(store, plan.run_id)}
    assert any("2 criteria with evidence not found" in r for r in queue["INC0100004"])


def test_an_answer_for_a_criterion_not_asked_is_never_checked_or_re_asked(
    fake, llm_settings, store, session
):
    """The schema holds every criterion a rule may leave open; on a ticket where the rules
    left none open (INC0100005) the judge should answer them null, and what it says there
    anyway is not taken: a quote from nowhere cost a re-ask (2 requests) and named the
    criterion in the question."""
    fake.say = lambda path, request: (
        "the caller read back the code from the badge" if path == "caller_validation.evidence"
        else None
    )  # fmt: skip
    logging = load_rubric("incident_logging")
    ticket = _tickets(store, session)["INC0100005"]
    assert not apply_rules(ticket, logging).open
    (outcome,) = _grade(_judge(llm_settings()), [(ticket, logging)])
    assert fake.stats.requests == 1 == outcome.requests
    assert set(outcome.results) == {"description_quality"}
