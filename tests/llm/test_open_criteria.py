"""Rule criteria the rules leave open go to the LLM judge in the same single request:
the schema always holds them (nullable), the system message stays identical across
tickets, the user message names the open ones, and the judge's verdict is what is scored
(rules that read it re-derived)."""

import asyncio

from tqrs.judges.llm import LLMJudge
from tqrs.llm.client import RetryPolicy
from tqrs.rubric import load_rubric
from tqrs.rules import apply_rules, deferrable, settle


def _open_ticket(ticket):
    """The ticket with a phone contact whose validation names a method but does not say it
    was used, and a reset done by the desk: caller validation is left open."""
    return ticket.model_copy(
        update={
            "contact_type": "phone",
            "short_description": "ACME - London - AD - Password reset",
            "description": "User forgot the password.",
            "work_notes": "User has a new phone for the Okta push. Reset the password.",
        }
    )


def _judge_all(judge, pairs):
    async def run():
        try:
            return [await judge.judge(t, rubric, open_) for t, rubric, open_ in pairs]
        finally:
            await judge.close()

    return asyncio.run(run())


def test_open_rule_criteria_ride_in_the_same_request(fake, llm_settings, tickets):
    logging_rubric = load_rubric("incident_logging")
    plain, other = tickets(2)
    ticket = _open_ticket(plain)
    rules = apply_rules(ticket, logging_rubric)
    assert "caller_validation" in rules.open and "caller_validation" not in rules
    # a person called (the rule settled that): "N/A" would be re-asked (test_open_answers)
    fake.choose = lambda path, values, request: "10" if path == "caller_validation.option" else None
    judge = LLMJudge(llm_settings(), policy=RetryPolicy(backoff=0.01))
    closed = apply_rules(other, logging_rubric).open
    outcomes = _judge_all(
        judge, [(ticket, logging_rubric, rules.open), (other, logging_rubric, closed)]
    )
    assert fake.stats.requests == 2  # one request per ticket, open criteria or not
    systems = {b["messages"][0]["content"] for b in fake.stats.bodies}
    assert len(systems) == 1  # identical system message: the prefix stays cacheable
    schema = fake.stats.bodies[0]["response_format"]["json_schema"]["schema"]
    assert {c.id for c in deferrable(logging_rubric)} <= set(schema["properties"])
    first_user = fake.stats.bodies[0]["messages"][1]["content"]
    assert "Open criteria" in first_user and "`caller_validation`" in first_user
    assert first_user.index("</ticket>") < first_user.index("Open criteria")  # outside the data
    results = outcomes[0].results
    assert results["caller_validation"].method == "llm"
    assert results["caller_validation"].status == "scored"
    final = settle(ticket, logging_rubric, rules, results)
    # critical process reads caller validation: re-derived from the judge's verdict
    expected = "PASS" if results["caller_validation"].option == "10" else "FAIL"
    assert final["critical_process"].option == expected
    assert "Re-derived after the judge's verdict" in final["critical_process"].reasoning


def test_a_critical_step_in_other_words_rides_in_the_same_request(fake, llm_settings, tickets):
    """A lost phone whose Security step is written in words the rule does not know ("flagged
    it to the blue team") leaves the critical process open: the LLM judge decides it in
    the ticket's one request, with the same system message as a ticket that leaves nothing
    open."""
    logging_rubric = load_rubric("incident_logging")
    plain, other = tickets(2)
    ticket = plain.model_copy(
        update={
            "contact_type": "phone",
            "short_description": "ACME - London - Mobile - Phone stolen",
            "description": "My work phone was stolen on the train this morning.",
            "work_notes": "Flagged it to the blue team. Remote wipe sent from Intune.",
        }
    )
    rules = apply_rules(ticket, logging_rubric)
    assert "critical_process" in rules.open and "critical_process" not in rules
    closed = apply_rules(other, logging_rubric).open
    assert "critical_process" not in closed
    judge = LLMJudge(llm_settings(), policy=RetryPolicy(backoff=0.01))
    outcomes = _judge_all(
        judge, [(ticket, logging_rubric, rules.open), (other, logging_rubric, closed)]
    )
    assert fake.stats.requests == 2
    assert len({b["messages"][0]["content"] for b in fake.stats.bodies}) == 1
    schema = fake.stats.bodies[0]["response_format"]["json_schema"]["schema"]
    assert "critical_process" in schema["properties"]
    first_user = fake.stats.bodies[0]["messages"][1]["content"]
    assert "`critical_process`" in first_user
    assert first_user.index("</ticket>") < first_user.index("Open criteria")
    final = settle(ticket, logging_rubric, rules, outcomes[0].results)
    assert final["critical_process"].method == "llm"
    assert final["critical_process"].status == "scored"


def test_every_rubric_asks_for_work_notes_when_a_rule_may_leave_them_open():
    """Work notes may be left open (a note that only passes the ticket on): the handling and
    generic rubrics' system message describes the criterion among the open ones, for every
    ticket, and the logging rubric (no work-notes criterion) is unchanged by it."""
    from tqrs.llm.prompt import system_message

    for rubric_id in ("incident_handling", "incident_quality"):
        rubric = load_rubric(rubric_id)
        assert "work_notes" in {c.id for c in deferrable(rubric)}
        system = system_message(rubric)
        title = next(c.title for c in rubric.rule_criteria if c.id == "work_notes")
        assert title in system
    assert "work_notes" not in {c.id for c in deferrable(load_rubric("incident_logging"))}
