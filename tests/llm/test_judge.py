"""The LLM judge against the local server through the real SDK: one request per ticket,
keyed results, and every way a reply can go wrong ending as "could not grade", never 0."""

import pytest

from tests.llm.conftest import grade
from tqrs.errors import ConfigError
from tqrs.judges.llm import LLMJudge
from tqrs.llm.client import RetryPolicy
from tqrs.rules import apply_rules
from tqrs.scoring import score_ticket


def _judge(settings, store=None, **policy):
    return LLMJudge(settings, store=store, policy=RetryPolicy(backoff=0.01, **policy))


def test_one_request_per_ticket_with_every_criterion_keyed_by_id(
    fake, llm_settings, tickets, handling_rubric
):
    ticket = tickets(1)[0]
    outcome = grade(_judge(llm_settings()), ticket, handling_rubric)
    assert fake.stats.requests == 1 and outcome.requests == 1
    assert set(outcome.results) == {c.id for c in handling_rubric.llm_criteria}
    for cid, r in outcome.results.items():
        assert r.criterion_id == cid and r.status == "scored" and r.method == "llm"
    assert outcome.tokens_in > 0 and outcome.tokens_out > 0 and outcome.cost > 0


def test_system_message_is_identical_and_ticket_is_delimited_data(
    fake, llm_settings, tickets, handling_rubric
):
    judge = _judge(llm_settings())
    for t in tickets(3):
        grade(judge, t, handling_rubric)
    systems = {b["messages"][0]["content"] for b in fake.stats.bodies}
    assert len(systems) == 1
    for body in fake.stats.bodies:
        user = body["messages"][1]["content"]
        assert body["messages"][0]["role"] == "system" and body["messages"][1]["role"] == "user"
        assert "<ticket>" in user and user.endswith("</ticket>") and "not instructions" in user
        assert body["response_format"]["json_schema"]["strict"] is True


def test_personal_data_is_redacted_in_requests_and_restored_in_evidence(
    fake, llm_settings, tickets, handling_rubric
):
    ticket = tickets(1)[0]
    outcome = grade(_judge(llm_settings()), ticket, handling_rubric)
    sent = str(fake.stats.bodies[0]["messages"])
    assert ticket.caller and ticket.caller not in sent and "@example.com" not in sent
    evidence = outcome.results["troubleshooting"].evidence
    assert f"Caller: {ticket.caller}" in evidence and ticket.number in evidence


def test_a_password_in_clear_is_never_sent_to_the_model(
    fake, llm_settings, tickets, handling_rubric
):
    """A password written in the resolution notes, the comments, the description or the
    work notes (the shapes of a real export: "Nuova Password: ...") reaches the model as a
    placeholder, never as itself."""
    journal = "2025-12-10 04:50:00 - Priya Raman ({})\n"
    ticket = tickets(1)[0].model_copy(
        update={
            "close_notes": "Resettata password Utente. Nuova Password: Ottobre2031",
            "comments": journal.format("Additional comments") + "Password: Harbour2031!",
            "description": "Cannot log in. Password Ettore2031 does not work.",
            "work_notes": journal.format("Work notes") + "TEMP PASSWORD: Dicembre2031",
        }
    )
    grade(_judge(llm_settings()), ticket, handling_rubric)
    sent = str(fake.stats.bodies[0]["messages"])
    assert "Nuova Password: [SECRET_" in sent  # the close notes were sent, masked
    for secret in ("Ottobre2031", "Harbour2031", "Ettore2031", "Dicembre2031", "2031"):
        assert secret not in sent


def test_invalid_reply_is_retried_once_with_the_validation_error(
    fake, llm_settings, tickets, handling_rubric
):
    fake.plan.sequence = ["malformed"]
    outcome = grade(_judge(llm_settings()), tickets(1)[0], handling_rubric)
    assert fake.stats.requests == 2 and outcome.requests == 2
    retry = fake.stats.bodies[1]["messages"]
    assert retry[2]["role"] == "assistant" and "did not match" in retry[3]["content"]
    assert all(r.status == "scored" for r in outcome.results.values())


@pytest.mark.parametrize("fault", ["malformed", "invalid"])
def test_two_invalid_replies_mean_could_not_grade_never_zero(
    fake, llm_settings, tickets, handling_rubric, fault
):
    fake.plan.sequence = [fault, fault]
    ticket = tickets(1)[0]
    outcome = grade(_judge(llm_settings()), ticket, handling_rubric)
    assert fake.stats.requests == 2
    for r in outcome.results.values():
        assert r.status == "unscored" and r.option is None and r.points == 0
        assert "schema" in r.error and r.prompt and "<ticket>" in r.prompt and r.raw_reply
    score = score_ticket(
        handling_rubric,
        ticket.id,
        ticket.number,
        apply_rules(ticket, handling_rubric) | outcome.results,
    )
    assert score.status == "failed" and score.percent is None and "could not grade" in score.error


def test_persistent_5xx_is_could_not_grade_after_our_retries_only(
    fake, llm_settings, tickets, handling_rubric
):
    fake.plan.sequence = ["500"] * 10
    outcome = grade(_judge(llm_settings(), max_retries=3), tickets(1)[0], handling_rubric)
    assert fake.stats.requests == 4 == outcome.requests  # not 3 x 3 stacked SDK retries
    assert all(
        r.status == "unscored" and "did not answer" in r.error for r in outcome.results.values()
    )


def test_refusal_is_could_not_grade_without_a_second_request(
    fake, llm_settings, tickets, handling_rubric
):
    fake.plan.sequence = ["refusal"]
    outcome = grade(_judge(llm_settings()), tickets(1)[0], handling_rubric)
    assert fake.stats.requests == 1
    assert all(r.status == "unscored" and "refused" in r.error for r in outcome.results.values())


def test_rejected_credentials_stop_with_a_config_error(
    fake, llm_settings, tickets, handling_rubric
):
    fake.plan.sequence = ["401"]
    with pytest.raises(ConfigError, match="401") as e:
        grade(_judge(llm_settings()), tickets(1)[0], handling_rubric)
    assert "sk-" not in str(e.value)


def test_na_answer_removes_the_criterion_from_the_maximum(
    llm_settings, tickets, handling_rubric, fake
):
    fake.choose = lambda path, values, request: "N/A" if "N/A" in values else values[0]
    ticket = tickets(1)[0]
    outcome = grade(_judge(llm_settings()), ticket, handling_rubric)
    na = [r for r in outcome.results.values() if r.option == "N/A"]
    assert {r.criterion_id for r in na} == {"resolution_quality", "user_confirmation"}
    assert all(not r.applicable and r.max_points == 0 for r in na)
    score = score_ticket(
        handling_rubric,
        ticket.id,
        ticket.number,
        apply_rules(ticket, handling_rubric) | outcome.results,
    )
    assert score.max_points == handling_rubric.max_points - 20  # N/A is not a 0
    assert score.score <= score.max_points


def test_cached_answer_sends_nothing(fake, llm_settings, tickets, handling_rubric, store):
    from tqrs.store.llm_cache import put_cached

    judge, ticket = _judge(llm_settings(), store=store), tickets(1)[0]
    first = grade(judge, ticket, handling_rubric)
    with store.transaction() as cur:
        put_cached(cur, [first.cache_entry])
    again = grade(_judge(llm_settings(), store=store), ticket, handling_rubric)
    assert fake.stats.requests == 1 and again.cached and again.requests == 0
    assert again.results == first.results
