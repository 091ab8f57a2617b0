"""The workbench's services (tqrs.services): what one screen shows, composed from the store.
Expected values come from the sample export read with Python's json module and from the JSON
report, not from the queries the services call."""

import json

import pytest

from tests.app.conftest import SAMPLE
from tqrs.assignment import assign_tickets, claim_ticket
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.reports import load_report, render
from tqrs.services.home import home_overview
from tqrs.services.queue import held_tickets, known_analysts, queue_page
from tqrs.services.review import review_page
from tqrs.store.results import ReviewFilter

NUMBERS = sorted(r["number"] for r in json.loads(SAMPLE.read_text())["records"])


@pytest.fixture
def run(store):
    session = ingest_files(store, [SAMPLE], "Sample").session_id
    return evaluate_offline(store, session, "incident_logging")


def test_home_of_an_empty_database(store):
    info = home_overview(store)
    assert (info.sessions, info.runs, info.scored, info.reviewed, info.trend) == (0, 0, 0, 0, [])


def test_home_counts_and_pass_rate(store, run):
    report = json.loads(render(load_report(store, run), "json")[""])
    scored = [t for t in report["tickets"] if t["score"] is not None]
    info = home_overview(store)
    assert (info.sessions, info.runs, info.scored, info.reviewed) == (1, 1, len(scored), 0)
    (point,) = info.trend
    assert (point.run.id, point.session_name, point.scored) == (run, "Sample", len(scored))
    assert point.pass_rate == pytest.approx(sum(t["passed"] for t in scored) / len(scored))


def test_review_page_past_the_end_gives_the_first(store, run):
    shown = review_page(store, run, ReviewFilter(), "number", False, page=99, size=50)
    assert (shown.page, shown.pages, shown.total) == (1, 4, 200)
    assert [r["number"] for r in shown.rows] == NUMBERS[:50]
    assert list(shown.labels.values()) == NUMBERS[:50]  # numbers are unique: named by them
    assert shown.held == {} and shown.earlier == {}

    last = review_page(store, run, ReviewFilter(), "number", False, page=4, size=50)
    assert last.page == 4 and [r["number"] for r in last.rows] == NUMBERS[150:]


def test_review_page_names_who_holds_a_ticket(store, run):
    first = review_page(store, run, ReviewFilter(), "number", False, 1, 10).rows[0]["ticket_id"]
    claim_ticket(store, run, first, "ann@example.org")
    shown = review_page(store, run, ReviewFilter(), "number", False, 1, 10)
    assert list(shown.held) == [first]
    assert shown.held[first]["analyst"] == "ann@example.org"


def test_queue_page_and_held_tickets(store, run):
    everything = queue_page(store, run, limit=1000)
    assert everything.total == len(everything.items) > 3
    top = queue_page(store, run, limit=3)
    assert top.total == everything.total
    assert [i.ticket_id for i in top.items] == [i.ticket_id for i in everything.items[:3]]
    assert list(top.labels) == [i.ticket_id for i in top.items]
    assert [top.labels[i.ticket_id] for i in top.items] == [i.number for i in top.items]

    ticket = top.items[0].ticket_id
    assign_tickets(store, run, [ticket], "bob@example.org", "manager@example.org")
    assert queue_page(store, run, limit=3).held[ticket]["analyst"] == "bob@example.org"
    mine = held_tickets(store, run, "bob@example.org")
    assert [t["ticket_id"] for t in mine.rows] == [ticket]
    assert mine.labels == {ticket: top.items[0].number}
    assert held_tickets(store, run, "ann@example.org").rows == []
    assert "bob@example.org" in known_analysts(store)
