"""Grounded judging: the LLM judge sends the knowledge passages nearest a ticket after the ticket,
keeps the system message identical, stores the passages the reply cites, and keys its cache on
the passages too."""

import asyncio
import json
from pathlib import Path

import pytest

from tests.llm.conftest import grade
from tqrs.embeddings import FakeEmbedder
from tqrs.errors import ConfigError
from tqrs.ingest import ingest_files
from tqrs.judges.llm import LLMJudge
from tqrs.knowledge import add_documents, remove_document
from tqrs.llm.client import RetryPolicy
from tqrs.store.sessions import iter_tickets

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "knowledge"
TICKETS = [
    {
        "number": "INC0020001",
        "short_description": "Password reset, account locked out",
        "description": "User forgot the password and is locked out of Windows; asks for a reset.",
        "close_notes": "Caller validated, temporary password given.",
        "state": "Closed",
    },
    {
        "number": "INC0020002",
        "short_description": "Printer shows paper jam",
        "description": "The floor printer reports a paper jam and will not print.",
        "close_notes": "Cleared the jam, test page printed.",
        "state": "Closed",
    },
]


@pytest.fixture
def embedder():
    return FakeEmbedder()


@pytest.fixture
def grounded(store, tmp_path, embedder):
    """The two tickets of a session, with the sample SOPs in the knowledge base."""
    path = tmp_path / "grounded.json"
    # the work notes' column is in the export (blank): troubleshooting is judged, not "not in
    # export"
    path.write_text(json.dumps({"records": [dict(t, work_notes="") for t in TICKETS]}))
    sid = ingest_files(store, [path], "grounded").session_id
    add_documents(store, embedder, sorted(SAMPLES.iterdir()))
    return {t.number: t for t in iter_tickets(store, sid)}


def _judge(settings, store, embedder):
    return LLMJudge(
        settings, store=store, policy=RetryPolicy(backoff=0.01), embedder_factory=lambda: embedder
    )


def _user(body) -> str:
    return body["messages"][1]["content"]


def test_passages_follow_the_ticket_and_are_cited(
    fake, llm_settings, store, grounded, embedder, handling_rubric
):
    judge = _judge(llm_settings(), store, embedder)
    outcomes = {n: grade(judge, t, handling_rubric) for n, t in grounded.items()}
    password, printer = (_user(b) for b in fake.stats.bodies)
    ticket_part, _, reference = password.partition("</ticket>")
    assert "<reference>" in reference and reference.endswith("</reference>")
    assert "[password-reset-sop.md: " in reference and "caller" in reference
    assert "password-reset-sop.md" not in ticket_part
    assert "[printer-troubleshooting.txt: " in printer.partition("</ticket>")[2]
    systems = {b["messages"][0]["content"] for b in fake.stats.bodies}
    assert len(systems) == 1 and "<reference>" in systems.pop()
    cites = outcomes["INC0020001"].results["troubleshooting"].citations
    assert cites and cites[0].startswith("[password-reset-sop.md: ")
    assert cites[0] in _user(fake.stats.bodies[0])
    assert (
        outcomes["INC0020002"]
        .results["troubleshooting"]
        .citations[0]
        .startswith("[printer-troubleshooting.txt")
    )


def test_no_knowledge_base_no_reference_block(fake, llm_settings, store, tickets, handling_rubric):
    def no_embedder():
        raise AssertionError("no embedder is needed without knowledge documents")

    ticket = tickets(1)[0]
    judge = LLMJudge(
        llm_settings(), store=store, policy=RetryPolicy(backoff=0.01), embedder_factory=no_embedder
    )
    outcome = grade(judge, ticket, handling_rubric)
    assert "<reference>" not in _user(fake.stats.bodies[0])
    assert _user(fake.stats.bodies[0]).endswith("</ticket>")
    assert all(r.citations == [] for r in outcome.results.values())


def test_a_changed_knowledge_base_changes_the_cache_key(
    llm_settings, store, grounded, embedder, handling_rubric
):
    ticket = grounded["INC0020001"]
    before = _judge(llm_settings(), store, embedder).prepare(ticket, handling_rubric)
    again = _judge(llm_settings(), store, embedder).prepare(ticket, handling_rubric)
    assert before.key == again.key and before.passages
    sop = next(
        d
        for d in store.query_dicts("SELECT id, name FROM kb_documents")
        if d["name"] == "password-reset-sop.md"
    )
    remove_document(store, sop["id"])
    after = _judge(llm_settings(), store, embedder).prepare(ticket, handling_rubric)
    assert after.key != before.key and after.system == before.system


def test_an_embedder_that_cannot_load_stops_the_run_with_a_clear_message(
    llm_settings, store, grounded, handling_rubric
):
    def broken():
        raise ConfigError("TQRS_EMBED_MODEL=/nowhere: not a sentence-transformers model")

    judge = LLMJudge(llm_settings(), store=store, embedder_factory=broken)
    with pytest.raises(ConfigError, match="knowledge base has 4 document.*TQRS_EMBED_MODEL"):
        judge.prepare(grounded["INC0020001"], handling_rubric)


def test_a_grounded_run_stores_the_citations(
    fake, llm_settings, store, grounded, embedder, handling_rubric
):
    from tqrs.engine import execute, plan_run

    judge = _judge(llm_settings(), store, embedder)
    session = grounded["INC0020001"].session_id
    plan = plan_run(store, session, handling_rubric, judge)
    asyncio.run(execute(store, plan, judge, concurrency=2))
    rows = dict(
        store.query(
            "SELECT t.number, c.citations FROM criterion_results c JOIN tickets t "
            "ON t.id = c.ticket_id WHERE c.run_id = ? AND c.criterion_id = 'troubleshooting'",
            [plan.run_id],
        )
    )
    assert rows["INC0020001"][0].startswith("[password-reset-sop.md: ")
    assert rows["INC0020002"][0].startswith("[printer-troubleshooting.txt: ")
    # The same run again is served from the cache, citations included.
    again = plan_run(store, session, handling_rubric, judge)
    final = asyncio.run(execute(store, again, judge, concurrency=2))
    assert final.cached == 2 and fake.stats.requests == 2
    assert (
        store.query(
            "SELECT count(*) FROM criterion_results WHERE run_id = ? AND len(citations) > 0",
            [again.run_id],
        )[0][0]
        >= 2
    )


def test_an_estimate_never_embeds_but_counts_grounded_answers_as_cached(
    fake, llm_settings, store, grounded, embedder, handling_rubric
):
    judge = _judge(llm_settings(), store, embedder)
    tickets = list(grounded.values())
    calls = len(embedder.calls)
    assert judge.estimate(tickets, handling_rubric).cached == 0
    assert len(embedder.calls) == calls  # the tickets' texts were never embedded: not now
    from tqrs.engine import execute, plan_run  # the runner commits answers to the cache

    plan = plan_run(store, tickets[0].session_id, handling_rubric, judge)
    asyncio.run(execute(store, plan, judge, concurrency=2))
    fresh = _judge(llm_settings(), store, embedder)
    assert fresh.estimate(tickets, handling_rubric).cached == 2
