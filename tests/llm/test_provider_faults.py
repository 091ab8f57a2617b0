"""What a real OpenAI-compatible server showed (issue 16, item 7 and the evidence of item 6),
driven through the real SDK against the local server: evidence that is not in the ticket, an
endless reasoning string, a 200 whose body is not a chat completion, a provider that dies
mid-run. Each ends as the issue says: flagged for review, bounded by the output cap, retried
as a transport error, a resumable run; and every token paid for is in the run's cost."""

import asyncio
import json

from tests.llm.conftest import grade
from tqrs.commands.summary_text import render_summary
from tqrs.engine import execute, plan_run
from tqrs.evaluate import run_summary
from tqrs.judges.llm import LLMJudge
from tqrs.llm.client import RetryPolicy
from tqrs.llm.response_model import MAX_CHARS, output_cap
from tqrs.queue import review_queue
from tqrs.reports import load_report, ticket_html
from tqrs.reports.json_report import report_json
from tqrs.store import runs as db_runs
from tqrs.testing.fake_openai import CONTEXT_LIMIT, FakeOpenAI, FaultPlan


def _judge(settings, store=None, **policy):
    return LLMJudge(settings, store=store, policy=RetryPolicy(backoff=0.01, **policy))


def _run(store, session, rubric, judge, concurrency=1, **kw):
    plan = plan_run(store, session, rubric, judge, **kw)
    final = asyncio.run(execute(store, plan, judge, concurrency=concurrency))
    return plan, final


def _user_contents(body: dict) -> list[str]:
    return [m["content"] for m in body["messages"] if m["role"] != "system"]


# -- evidence not in the ticket -----------------------------------------------------------


def test_evidence_copied_from_the_guidance_is_re_asked_once_then_flagged(
    fake, llm_settings, store, make_session, handling_rubric
):
    fake.plan.sequence = ["foreign_evidence", "foreign_evidence"]
    session = make_session(1)
    plan, final = _run(store, session, handling_rubric, _judge(llm_settings(), store))
    assert fake.stats.requests == 2 == final.requests  # the re-ask is one more, counted
    reask = fake.stats.bodies[1]["messages"]
    # the re-ask carries the first answer and names the criteria, inside the same ticket
    assert [m["role"] for m in reask] == ["system", "user", "assistant", "user"]
    assert "is not in the ticket" in reask[3]["content"]
    for c in handling_rubric.llm_criteria:
        assert f"`{c.id}`" in reask[3]["content"]
    n = len(handling_rubric.llm_criteria)
    rows = store.query_dicts(
        "SELECT criterion_id, status, option, points, max_points, evidence, error "
        "FROM criterion_results WHERE run_id = ? AND method = 'llm'",
        [plan.run_id],
    )
    assert len(rows) == len(handling_rubric.llm_criteria)
    system = fake.stats.bodies[0]["messages"][0]["content"]
    for r in rows:  # never a silent score: its own status, out of the maximum, kept for review
        assert r["status"] == "evidence_not_found" and r["option"] is None
        assert (r["points"], r["max_points"]) == (0, 0)
        assert r["evidence"] and r["evidence"] in system and "not in the ticket" in r["error"]
    ticket = store.query_dicts(
        "SELECT status, tokens_in, tokens_out FROM ticket_results WHERE run_id = ?",
        [plan.run_id],
    )[0]
    # both requests' tokens, as the server counted them (a quarter of the characters)
    sent = sum(sum(len(str(m["content"])) for m in b["messages"]) // 4 for b in fake.stats.bodies)
    assert ticket["status"] == "scored" and ticket["tokens_in"] == sent
    queue = review_queue(store, plan.run_id)
    assert len(queue) == 1
    assert f"{n} criteria with evidence not found" in queue[0].reasons
    loaded = load_report(store, plan.run_id)
    html = ticket_html(loaded, loaded.tickets[0].number).decode()
    assert html.count("evidence not found in the ticket (flagged for review)") == n
    report = json.loads(report_json(loaded))
    statuses = {c["status"] for c in report["tickets"][0]["criteria"] if c["method"] == "llm"}
    assert statuses == {"evidence_not_found"}
    summary = "\n".join(render_summary(run_summary(store, plan.run_id)))
    assert f"evidence not found: {n} criteria on 1 ticket (in the review queue)" in summary


def test_a_quote_found_after_the_re_ask_is_scored_and_cached_as_answered(
    fake, llm_settings, store, make_session, handling_rubric
):
    fake.plan.sequence = ["foreign_evidence", "ok"]
    session = make_session(1)
    plan, final = _run(store, session, handling_rubric, _judge(llm_settings(), store))
    assert fake.stats.requests == 2
    statuses = store.query(
        "SELECT DISTINCT status FROM criterion_results WHERE run_id = ? AND method = 'llm'",
        [plan.run_id],
    )
    assert statuses == [("scored",)]
    assert review_queue(store, plan.run_id) == [] or all(
        "evidence" not in " ".join(i.reasons) for i in review_queue(store, plan.run_id)
    )
    # the second run of the same tickets is answered from the cache, re-ask included
    fake.reset()
    plan2, _ = _run(store, session, handling_rubric, _judge(llm_settings(), store))
    assert fake.stats.requests == 0
    assert store.query(
        "SELECT DISTINCT status FROM criterion_results WHERE run_id = ? AND method = 'llm'",
        [plan2.run_id],
    ) == [("scored",)]


# -- an endless reasoning string ----------------------------------------------------------


def test_a_looping_model_stops_at_the_schemas_length_limit(
    fake, llm_settings, tickets, handling_rubric
):
    fake.plan.sequence = ["loop"]
    judge = _judge(llm_settings())
    outcome = grade(judge, tickets(1)[0], handling_rubric)
    body = fake.stats.bodies[0]
    model = judge.response_model(handling_rubric)
    assert body["max_tokens"] == output_cap(model) < CONTEXT_LIMIT
    schema = json.dumps(body["response_format"]["json_schema"]["schema"])
    assert f'"maxLength": {MAX_CHARS["reasoning"]}' in schema
    assert fake.stats.requests == 1
    for r in outcome.results.values():  # graded, the reasoning stopped at its limit
        assert r.status == "scored" and len(r.reasoning) == MAX_CHARS["reasoning"]


def test_a_loop_the_server_does_not_bound_is_cut_off_at_the_output_cap_and_paid_for(
    llm_settings, tickets, handling_rubric
):
    with FakeOpenAI(FaultPlan(sequence=["loop"], enforce_lengths=False)) as server:
        settings = llm_settings(base_url=server.base_url)
        judge = _judge(settings)
        outcome = grade(judge, tickets(1)[0], handling_rubric)
        cap = output_cap(judge.response_model(handling_rubric))
        assert server.stats.requests == 1  # a cut-off reply is not sent back to the model
    for r in outcome.results.values():
        assert r.status == "unscored"
        assert f"cut off at the output cap of {cap} tokens" in r.error
    # the reply ran to the cap, not to the context limit, and its tokens are counted
    assert outcome.tokens_out == cap and outcome.tokens_in > 0


def test_openai_and_azure_get_no_length_keywords_they_refuse(llm_settings, handling_rubric):
    openai_judge = _judge(llm_settings(base_url=None))
    assert openai_judge.provider == "openai"
    schema = openai_judge.response_model(handling_rubric).model_json_schema()
    assert "maxLength" not in json.dumps(schema)
    # the output cap still counts the limits
    assert output_cap(openai_judge.response_model(handling_rubric)) == output_cap(
        _judge(llm_settings()).response_model(handling_rubric)
    )


# -- a 200 that is not a chat completion ----------------------------------------------------


def test_a_non_chat_200_is_retried_as_a_transport_error_never_answered_to(
    fake, llm_settings, tickets, handling_rubric
):
    fake.plan.sequence = ["not_chat", "ok"]
    outcome = grade(_judge(llm_settings()), tickets(1)[0], handling_rubric)
    assert fake.stats.requests == 2 == outcome.requests
    assert all(r.status == "scored" for r in outcome.results.values())
    retry = fake.stats.bodies[1]["messages"]
    assert [m["role"] for m in retry] == ["system", "user"]  # the same request, nothing fed back
    assert not any("queued" in c for c in _user_contents(fake.stats.bodies[1]))


def test_only_non_chat_bodies_end_as_could_not_grade_after_the_retries(
    fake, llm_settings, tickets, handling_rubric
):
    fake.plan.sequence = ["not_chat"] * 10
    outcome = grade(_judge(llm_settings(), max_retries=2), tickets(1)[0], handling_rubric)
    assert fake.stats.requests == 3 == outcome.requests  # 1 + max_retries, no validation retry
    for r in outcome.results.values():
        assert r.status == "unscored" and "not chat completions" in r.error
        assert r.raw_reply is None  # the body is no answer of the model's
    assert not any("queued" in json.dumps(b["messages"]) for b in fake.stats.bodies)


def test_a_timeout_reads_the_provider_is_slow(fake, llm_settings, tickets, handling_rubric):
    fake.plan.sequence, fake.plan.hang = ["hang"] * 2, 3.0
    judge = _judge(llm_settings(timeout=0.3), max_retries=1)
    outcome = grade(judge, tickets(1)[0], handling_rubric)
    for r in outcome.results.values():
        assert r.error.startswith("the provider is slow (no answer within 0.3 s")
        assert "cannot reach" not in r.error


# -- a provider that dies mid-run -------------------------------------------------------------


def test_a_provider_that_dies_mid_run_leaves_it_resumable_and_counts_what_was_paid(
    llm_settings, store, make_session, handling_rubric
):
    # Tickets 1-3 are answered; ticket 4's first reply does not fit the schema (tokens
    # paid for), and the server dies before the validation retry: ticket 4 is abandoned.
    session = make_session(12)
    with FakeOpenAI(FaultPlan(sequence=["ok"] * 3 + ["invalid"], die_after=4)) as server:
        port = server.port
        judge = _judge(llm_settings(base_url=server.base_url), store, max_retries=2)
        plan, final = _run(store, session, handling_rubric, judge)
        answered = server.stats.requests
    assert answered == 4
    run = db_runs.get_run(store, plan.run_id)
    assert run.status == final.status == "provider_stopped"
    assert run.error.startswith("stopped: the provider stopped answering")
    assert f"--resume {plan.run_id}" in run.error
    rows = store.query_dicts(
        "SELECT status, tokens_in, tokens_out FROM ticket_results WHERE run_id = ?",
        [plan.run_id],
    )
    # no tail of could-not-grade tickets: only the answered ones have a result
    assert len(rows) == 3 and all(r["status"] == "scored" for r in rows)
    exchanges = store.query_dicts(
        "SELECT sum(tokens_in) AS i, sum(tokens_out) AS o FROM llm_exchanges WHERE run_id = ?",
        [plan.run_id],
    )[0]
    # the run's tokens are every exchange's, the abandoned ticket's invalid reply included
    assert (run.tokens_in, run.tokens_out) == (exchanges["i"], exchanges["o"])
    assert run.tokens_in > sum(r["tokens_in"] for r in rows)
    assert final.requests > answered  # the dropped attempts are counted as requests too
    from tqrs.workbench import run_state

    assert run_state(store, plan.run_id).resumable  # the Evaluate page offers Resume

    # The provider comes back on the same endpoint: the run resumes and completes.
    with FakeOpenAI(FaultPlan(), port=port) as server:
        judge = _judge(llm_settings(base_url=server.base_url), store)
        resumed = plan_run(store, session, handling_rubric, judge, resume=plan.run_id)
        assert resumed.done == 3
        final = asyncio.run(execute(store, resumed, judge, concurrency=2))
        assert server.stats.requests == 9
    assert final.status == "completed"
    assert db_runs.count_results(store, plan.run_id) == 12
    assert db_runs.get_run(store, plan.run_id).status == "completed"


def test_connection_refused_from_the_first_request_is_still_a_config_error(
    store, make_session, handling_rubric
):
    import pytest

    from tqrs.errors import ConfigError
    from tqrs.llm.settings import resolve_settings

    settings = resolve_settings(
        {"base_url": "http://127.0.0.1:9/v1", "api_key": "k", "max_retries": 0}, env={}
    )
    judge = _judge(settings, store)
    plan = plan_run(store, make_session(3), handling_rubric, judge)
    with pytest.raises(ConfigError, match="cannot reach"):
        asyncio.run(execute(store, plan, judge, concurrency=1))
