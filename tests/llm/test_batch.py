"""Runs through the Batch API, with the real openai SDK over HTTP against the local fake's
files and batches endpoints: lines identical to the online requests, every ticket scored
once through failed lines and expired batches, nothing sent twice, the batch price, state
that survives a crash, and the CLI (submit, --no-wait, --resume)."""

import asyncio
import json
from collections import Counter

import pytest

from tests.llm.conftest import PLANTED_KEY
from tests.llm.test_cli import _env
from tqrs.engine import execute, plan_run
from tqrs.engine.batch import BatchOptions
from tqrs.judges.llm import LLMJudge
from tqrs.llm.batch_api import FileLimits
from tqrs.llm.client import RetryPolicy
from tqrs.queue import review_queue
from tqrs.store import Store
from tqrs.store import batches as db_batches
from tqrs.store import runs as db_runs

# gpt-4o-mini through the Batch API, USD per million tokens (OpenAI's price page: half the
# online 0.15 / 0.60)
BATCH_IN, BATCH_OUT = 0.075, 0.30


def _judge(settings, store):
    return LLMJudge(settings, store=store, policy=RetryPolicy(backoff=0.01))


def _run(store, session, rubric, judge, options=None, resume=None, cancel=None):
    plan = (
        plan_run(store, session, rubric, judge, mode="batch")
        if resume is None
        else plan_run(store, session, rubric, judge, resume=resume)
    )
    options = options or BatchOptions(poll=0)
    final = asyncio.run(execute(store, plan, judge, batch=options, cancel=cancel))
    return plan, final


def _results(store, run_id):
    return store.query(
        "SELECT ticket_id, status, error FROM ticket_results WHERE run_id = ? ORDER BY ticket_id",
        [run_id],
    )


def _ticket(custom_id: str) -> str:
    return custom_id.split("-a")[0]


def test_batch_lines_are_the_online_requests(
    fake, llm_settings, store, make_session, handling_rubric, tmp_path
):
    session = make_session(6)
    plan, final = _run(store, session, handling_rubric, _judge(llm_settings(), store))
    assert final.status == "completed" and final.done == 6
    batch_bodies = fake.batch.stats.bodies
    # The same tickets online, in a database of its own (its cache is empty).
    from tqrs.ingest import ingest_files
    from tqrs.testing.tickets import write_export

    with Store(tmp_path / "online.duckdb") as other:
        path = write_export(tmp_path / "again.json", 6)
        online_session = ingest_files(other, [path], "online", new=True).session_id
        judge = _judge(llm_settings(), other)
        online_plan = plan_run(other, online_session, handling_rubric, judge)
        asyncio.run(execute(other, online_plan, judge, concurrency=2))
        online_keys = {k for (k,) in other.query("SELECT key FROM llm_cache")}
    online_bodies = [{k: v for k, v in b.items() if k != "stream"} for b in fake.stats.bodies]
    order = lambda b: b["messages"][1]["content"]  # noqa: E731
    assert len(online_bodies) == 6
    assert sorted(batch_bodies, key=order) == sorted(online_bodies, key=order)
    assert {k for (k,) in store.query("SELECT key FROM llm_cache")} == online_keys
    line = json.loads(fake.batch.files[next(iter(fake.batch.files))]["data"].splitlines()[0])
    assert (line["method"], line["url"]) == ("POST", "/v1/chat/completions")


@pytest.mark.slow
def test_5000_tickets_through_failed_lines_and_an_expired_batch_are_scored_once(
    fake, llm_settings, store, make_session, handling_rubric
):
    fake.keep_bodies = False
    fake.batch.fates = ["completed", "expired", "completed", "completed", "completed"]
    fake.batch.answered_share = 0.4
    # First requests of tickets whose number ends in 7 fail; those ending in 3 get a reply
    # that does not fit the schema (sent back once, in the next batch).
    number = lambda body: body["messages"][1]["content"].split("Number: ")[1].split("\n")[0]  # noqa: E731

    def fault(body):
        if len(body["messages"]) > 2:
            return None  # a re-ask
        n = number(body)
        first = n not in asked
        asked.add(n)
        if first and n.endswith("7"):
            return "error"
        if first and n.endswith("3"):
            return "invalid"
        return None

    asked: set[str] = set()
    fake.batch.line_fault = fault
    session = make_session(5000)
    judge = _judge(llm_settings(), store)
    options = BatchOptions(poll=0, limits=FileLimits(requests=1200))
    plan, final = _run(store, session, handling_rubric, judge, options)

    rows = _results(store, plan.run_id)
    assert len(rows) == 5000 == len({r[0] for r in rows})
    assert Counter(r[1] for r in rows) == {"scored": 5000}
    assert (final.done, final.failed, final.status) == (5000, 0, "completed")
    # Each ticket answered by the provider once with a final answer: the tickets ending in
    # 3 twice (the reply that did not fit, then the re-ask), every other ticket once.
    answered = Counter(_ticket(c) for c in fake.batch.stats.answered)
    assert len(answered) == 5000
    assert sorted(Counter(answered.values()).items()) == [(1, 4500), (2, 500)]
    # 5 files of at most 1,200 lines first, then the lines to send again.
    jobs = db_batches.jobs(store, plan.run_id)
    assert [j.requests for j in jobs[:5]] == [1200, 1200, 1200, 1200, 200]
    assert all(j.status == "collected" for j in jobs)
    expired = jobs[1]
    assert expired.answered + expired.failed == 480  # 40% of its lines
    # Cost: every token the provider counted, at the batch price.
    s = fake.batch.stats
    expected = (s.prompt_tokens * BATCH_IN + s.completion_tokens * BATCH_OUT) / 1_000_000
    run = db_runs.get_run(store, plan.run_id)
    assert run.cost == pytest.approx(expected, rel=1e-9)
    assert (run.tokens_in, run.tokens_out) == (s.prompt_tokens, s.completion_tokens)
    assert run.mode == "batch" and run.status == "completed"
    # Every line became an exchange, the expired batch's unanswered ones too.
    exchanges = dict(
        store.query(
            "SELECT status, count(*) FROM llm_exchanges WHERE run_id = ? GROUP BY status",
            [plan.run_id],
        )
    )
    assert exchanges["ok"] == 5000 and exchanges["invalid"] == 500
    assert exchanges["unanswered"] == 720 and exchanges["batch_error"] > 0

    # Again: every answer is in the cache, nothing is sent.
    batches_before, lines_before = s.batches, s.lines
    plan2, final2 = _run(store, session, handling_rubric, _judge(llm_settings(), store))
    assert (fake.batch.stats.batches, fake.batch.stats.lines) == (batches_before, lines_before)
    assert final2.cached == 5000 and final2.cost == 0
    assert db_batches.jobs(store, plan2.run_id) == []


def test_lines_that_keep_failing_end_as_could_not_grade_with_the_reason(
    fake, llm_settings, store, make_session, handling_rubric
):
    fake.batch.line_fault = lambda body: "500" if "INC0100004" in str(body["messages"]) else None
    session = make_session(10)
    plan, final = _run(
        store, session, handling_rubric, _judge(llm_settings(), store), BatchOptions(poll=0)
    )
    rows = _results(store, plan.run_id)
    assert len(rows) == 10
    failed = [r for r in rows if r[1] == "failed"]
    assert len(failed) == 1 and (final.done, final.failed) == (9, 1)
    reasons = store.query(
        "SELECT DISTINCT error FROM criterion_results WHERE run_id = ? AND ticket_id = ? "
        "AND method = 'llm'",
        [plan.run_id, failed[0][0]],
    )
    assert reasons == [("the Batch API could not answer (500), after 3 requests",)]
    assert Counter(_ticket(c) for c in fake.batch.stats.custom_ids)[f"t{failed[0][0]}"] == 3


def test_unanswered_lines_can_go_online(fake, llm_settings, store, make_session, handling_rubric):
    fake.batch.fates = ["cancelled"]
    fake.batch.answered_share = 0.25
    session = make_session(40)
    options = BatchOptions(poll=0, retry="online")
    plan, final = _run(store, session, handling_rubric, _judge(llm_settings(), store), options)
    assert len(_results(store, plan.run_id)) == 40 and final.done == 40
    assert fake.batch.stats.batches == 1 and len(fake.batch.stats.answered) == 10
    assert fake.stats.requests == 30  # the 30 the cancelled batch left, online
    online = store.query(
        "SELECT count(DISTINCT ticket_id) FROM llm_exchanges WHERE run_id = ? "
        "AND request::VARCHAR NOT LIKE '%custom_id%'",
        [plan.run_id],
    )[0][0]
    assert online == 30


def test_without_waiting_the_run_waits_and_a_resume_collects(
    fake, llm_settings, store, make_session, handling_rubric
):
    fake.batch.steps = 3  # three checks per status
    session = make_session(20)
    judge = _judge(llm_settings(), store)
    plan, final = _run(store, session, handling_rubric, judge, BatchOptions(poll=0, wait=False))
    assert final.status == "waiting" and final.in_flight == 20 and final.batches_open == 1
    assert db_runs.get_run(store, plan.run_id).status == "waiting"
    assert _results(store, plan.run_id) == []
    # A new process (a new judge and client) collects where the run is.
    judge = _judge(llm_settings(), store)
    plan2, final2 = _run(store, session, handling_rubric, judge, resume=plan.run_id)
    assert plan2.run_id == plan.run_id and plan2.mode == "batch"
    assert final2.status == "completed" and len(_results(store, plan.run_id)) == 20
    assert fake.batch.stats.batches == 1


def test_a_batch_created_before_a_crash_is_found_again_not_sent_twice(
    fake, llm_settings, store, make_session, handling_rubric, monkeypatch
):
    session = make_session(15)
    real = db_batches.set_submitted

    class Crash(Exception):
        pass

    def crash(*args):
        raise Crash  # the process dies between the provider's answer and ours

    monkeypatch.setattr(db_batches, "set_submitted", crash)
    judge = _judge(llm_settings(), store)
    plan = plan_run(store, session, handling_rubric, judge, mode="batch")
    with pytest.raises(Crash):
        asyncio.run(execute(store, plan, judge, batch=BatchOptions(poll=0)))
    assert [j.status for j in db_batches.jobs(store, plan.run_id)] == ["submitting"]
    monkeypatch.setattr(db_batches, "set_submitted", real)
    plan2, final = _run(store, session, handling_rubric, judge, resume=plan.run_id)
    assert final.status == "completed" and len(_results(store, plan.run_id)) == 15
    assert fake.batch.stats.batches == 1 and fake.batch.stats.lines == 15


def test_azure_global_batch_uses_its_paths_and_the_deployment(
    fake, llm_settings, store, make_session, handling_rubric
):
    from tqrs.llm.settings import resolve_settings

    settings = resolve_settings(
        {
            "azure_endpoint": fake.root_url,
            "azure_api_key": PLANTED_KEY,
            "azure_deployment": "tqrs-batch",
            "model": "gpt-4o-mini",
            "timeout": 60.0,
        },
        env={},
    )
    session = make_session(4)
    plan, final = _run(store, session, handling_rubric, _judge(settings, store))
    assert final.done == 4
    line = json.loads(fake.batch.files[next(iter(fake.batch.files))]["data"].splitlines()[0])
    assert line["url"] == "/chat/completions" and line["body"]["model"] == "tqrs-batch"
    paths = set(fake.batch.stats.paths)
    assert paths and all(p.startswith(("/openai/files", "/openai/batches")) for p in paths)


@pytest.mark.slow
def test_cli_submits_returns_and_collects_with_resume(fake, isolated_state):
    from tests.conftest import run_cli
    from tqrs.ingest import ingest_files
    from tqrs.testing.tickets import write_export

    with Store(isolated_state / "tqrs.duckdb") as store:  # closed: the CLI opens the file
        path = write_export(isolated_state / "export.json", 30)
        session = ingest_files(store, [path]).session_id
    env = _env(fake, TQRS_DB=str(isolated_state / "tqrs.duckdb"))
    sent = run_cli(
        "evaluate", session, "--rubric", "incident_handling", "--batch", "--no-wait", env=env
    )
    assert sent.returncode == 0, sent.stderr
    assert "through the Batch API" in sent.stdout and "turnaround: within 24 h" in sent.stdout
    assert "waiting: 30 requests at the provider in 1 batches" in sent.stdout
    run_id = int(sent.stdout.split("--resume ")[1].split("`")[0])
    done = run_cli("evaluate", "--resume", run_id, "--poll", "0", env=env)
    assert done.returncode == 0, done.stderr
    assert "completed" in done.stdout
    with Store(isolated_state / "tqrs.duckdb") as store:
        assert len(_results(store, run_id)) == 30
    again = run_cli("evaluate", session, "--rubric", "incident_handling", "--batch", env=env)
    assert again.returncode == 0, again.stderr
    assert "0 tickets to send (30 cached)" in again.stdout
    assert fake.batch.stats.batches == 1
    refused = run_cli("evaluate", session, "--batch", "--offline", env=env)
    assert refused.returncode == 2 and refused.stderr.startswith("error: --batch")


def test_a_batch_the_provider_refuses_is_sent_again(
    fake, llm_settings, store, make_session, handling_rubric
):
    fake.batch.fates = ["failed"]  # e.g. over the enqueued-token limit
    session = make_session(12)
    plan, final = _run(store, session, handling_rubric, _judge(llm_settings(), store))
    assert final.done == 12 and len(_results(store, plan.run_id)) == 12
    jobs = db_batches.jobs(store, plan.run_id)
    assert [j.requests for j in jobs] == [12, 12] and jobs[0].error == "token_limit_exceeded"
    assert fake.batch.stats.batches == 2 and len(fake.batch.stats.answered) == 12
    assert store.query(
        "SELECT count(*) FROM llm_exchanges WHERE run_id = ? AND status = 'unanswered' "
        "AND error LIKE 'the provider refused the batch (token_limit_exceeded)%'",
        [plan.run_id],
    ) == [(12,)]


def test_evidence_not_in_the_ticket_is_re_asked_once_in_the_next_batch_then_flagged(
    fake, llm_settings, store, make_session, handling_rubric
):
    # Tickets whose number ends in 1 quote the rubric's guidance in both answers; those
    # ending in 2 only in the first (the re-ask finds the ticket's words); others never.
    number = lambda body: body["messages"][1]["content"].split("Number: ")[1].split("\n")[0]  # noqa: E731

    def fault(body):
        n, reask = number(body), len(body["messages"]) > 2
        if n.endswith("1") or (n.endswith("2") and not reask):
            return "foreign_evidence"
        return None

    fake.batch.line_fault = fault
    session = make_session(30)
    plan, final = _run(store, session, handling_rubric, _judge(llm_settings(), store))
    assert (final.status, final.done, final.failed) == ("completed", 30, 0)

    # The re-asks went into a second batch, one line per ticket whose quotes were not found.
    jobs = db_batches.jobs(store, plan.run_id)
    assert [j.requests for j in jobs] == [30, 6]
    answered = Counter(_ticket(c) for c in fake.batch.stats.answered)
    numbers = dict(store.query("SELECT id, number FROM tickets WHERE session_id = ?", [session]))
    twice = {f"t{tid}" for tid, n in numbers.items() if n.endswith(("1", "2"))}
    assert len(twice) == 6
    assert {t for t, k in answered.items() if k == 2} == twice
    assert set(answered.values()) == {1, 2}  # never a third request
    # A re-ask line: the first answer and the follow-up naming the criteria, as online.
    reask = next(b for b in fake.batch.stats.bodies if len(b["messages"]) > 2)["messages"]
    assert [m["role"] for m in reask] == ["system", "user", "assistant", "user"]
    assert "is not in the ticket" in reask[3]["content"]
    for c in handling_rubric.llm_criteria:
        assert f"`{c.id}`" in reask[3]["content"]

    statuses = store.query(
        "SELECT t.number, c.status, c.error FROM criterion_results c "
        "JOIN tickets t ON t.id = c.ticket_id WHERE c.run_id = ? AND c.method = 'llm'",
        [plan.run_id],
    )
    flagged = {n for n, status, _ in statuses if status == "evidence_not_found"}
    assert flagged == {n for n in numbers.values() if n.endswith("1")}
    assert all(
        "also when asked again" in error
        for _, status, error in statuses
        if status == "evidence_not_found"
    )
    assert {s for n, s, _ in statuses if not n.endswith("1")} == {"scored"}
    queue = {item.number for item in review_queue(store, plan.run_id)
             if any("evidence not found" in r for r in item.reasons)}  # fmt: skip
    assert queue == flagged
    # Both requests of a re-asked ticket are in its tokens and the run's cost, at the
    # batch price.
    s = fake.batch.stats
    run = db_runs.get_run(store, plan.run_id)
    assert (run.tokens_in, run.tokens_out) == (s.prompt_tokens, s.completion_tokens)
    expected = (s.prompt_tokens * BATCH_IN + s.completion_tokens * BATCH_OUT) / 1_000_000
    assert run.cost == pytest.approx(expected, rel=1e-9)

    # Again: the answers after the re-ask are cached, nothing is sent, the same verdicts.
    lines_before = fake.batch.stats.lines
    plan2, final2 = _run(store, session, handling_rubric, _judge(llm_settings(), store))
    assert fake.batch.stats.lines == lines_before and final2.cached == 30
    again = store.query(
        "SELECT t.number, c.status FROM criterion_results c "
        "JOIN tickets t ON t.id = c.ticket_id WHERE c.run_id = ? AND c.method = 'llm'",
        [plan2.run_id],
    )
    assert sorted(again) == sorted((n, s) for n, s, _ in statuses)


def test_the_evidence_re_ask_is_sent_after_failed_lines_too(
    fake, llm_settings, store, make_session, handling_rubric
):
    # The ticket's first two lines fail; the answer to the third quotes the guidance, so it is
    # re-asked (a fourth request: the limit of 3 is on lines without an answer), and flagged.
    sent: list[int] = []

    def fault(body):
        if "INC0100004" not in str(body["messages"][1]["content"]):
            return None
        sent.append(len(body["messages"]))
        return "500" if len(sent) <= 2 else "foreign_evidence"

    fake.batch.line_fault = fault
    session = make_session(6)
    plan, final = _run(store, session, handling_rubric, _judge(llm_settings(), store))
    assert (final.done, final.failed) == (6, 0)
    assert sent == [2, 2, 2, 4]  # the same request three times, then the re-ask
    statuses = store.query(
        "SELECT DISTINCT c.status FROM criterion_results c JOIN tickets t ON t.id = c.ticket_id "
        "WHERE c.run_id = ? AND c.method = 'llm' AND t.number = 'INC0100004'",
        [plan.run_id],
    )
    assert statuses == [("evidence_not_found",)]
