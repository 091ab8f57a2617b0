"""Fixtures for the scoring tests: state in a temp dir, a ticket factory, the default rubrics."""

import pytest

from tqrs.judges.offline import OfflineJudge
from tqrs.models import Ticket
from tqrs.rubric import load_rubric
from tqrs.rules import apply_rules, settle


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path, monkeypatch):
    monkeypatch.setenv("TQRS_DB", str(tmp_path / "state" / "tqrs.duckdb"))


GOOD = dict(
    number="INC0010001",
    short_description="ACME Finance - London - Outlook - Cannot open shared mailbox",
    description="Since this morning the user cannot open the shared mailbox in Outlook; the "
    "error 'Cannot expand the folder' appears and the finance team cannot process "
    "invoices before the deadline.",
    caller="Jane Example",
    contact_type="phone",
    state="Closed",
    priority=3,
    category="Software",
    subcategory="Email",
    service="Email Services",
    cmdb_ci="Microsoft Outlook",
    close_code="Solved (Permanently)",
    close_notes="Re-created the Outlook profile and re-added the shared mailbox permissions; "
    "user confirmed the mailbox opens.",
    work_notes="2025-01-10 09:30:00 - Sam Analyst (Work notes)\nValidated by: Okta Verify push "
    "accepted.\n1. Checked mailbox permissions -> full access present\n2. Cleared "
    "cached credentials -> same error\n3. Re-created the Outlook profile -> mailbox "
    "opens\nUser confirmed the shared mailbox works.",
)


@pytest.fixture
def make_ticket():
    def make(**fields) -> Ticket:
        data = {"id": 1, "session_id": 1, "seq": 1, **GOOD, **fields}
        return Ticket.model_validate(data)

    return make


@pytest.fixture(scope="session")
def logging_rubric():
    return load_rubric("incident_logging")


@pytest.fixture(scope="session")
def handling_rubric():
    return load_rubric("incident_handling")


def run(rubric, criterion_id, ticket):
    """The criterion's result as an offline run gives it: the rule's when it is sure, else
    the offline judge's reading of the open criterion (re-derived rules included)."""
    rules = apply_rules(ticket, rubric)
    if criterion_id in rules and not rules.open:
        return rules[criterion_id]
    judged = OfflineJudge().judge_ticket(ticket, rubric, rules.open)
    return settle(ticket, rubric, rules, judged)[criterion_id]


def grade(rubric, criterion_id, ticket):
    """The offline judge's own reading of the criterion (the rules not asked)."""
    return OfflineJudge().judge_ticket(ticket, rubric)[criterion_id]


def confirmation_in_note(issue: dict, note: str) -> str:
    """The offline judge's user confirmation option for `issue` (the ticket's fields) with
    `note` as its one work note, written by its assignee."""
    work_notes = f"2026-11-20 10:00:00 - {issue['assigned_to']} (Work notes)\n{note}"
    fields = {"id": 1, "session_id": 1, "seq": 1, **GOOD, **issue, "work_notes": work_notes}
    ticket = Ticket.model_validate(fields)
    return grade(load_rubric("incident_handling"), "user_confirmation", ticket).option


def close_notes_ticket(short_description: str, close_notes: str) -> Ticket:
    """A closed ticket known by its short description and close notes alone (no description,
    no journal): what resolution quality reads on a list of close notes."""
    fields = {
        "id": 1,
        "session_id": 1,
        "seq": 1,
        **GOOD,
        "short_description": short_description,
        "description": "",
        "work_notes": "",
        "comments": "",
        "close_notes": close_notes,
        "state": "Closed",
    }
    return Ticket.model_validate(fields)
