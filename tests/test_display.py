"""How figures read to people: one rule for a rate, an agent named with their group without
doubled brackets, counts in words with their singular. Expected strings written by hand."""

import pytest

from tqrs.display import NO_GROUP, UNASSIGNED, heading_text, in_group, rate_text


@pytest.mark.parametrize(
    ("rate", "shown"),
    [
        (None, "–"),
        (0, "0%"),
        (0.0009, "0.1%"),
        (1 / 111, "0.9%"),  # Home and Agents said "1%", Reports "0.9%"
        (0.0951, "9.5%"),
        (0.1, "10%"),
        (0.415, "42%"),
        (0.99, "99%"),
        (0.996, "99.6%"),  # not "100%" while a ticket failed
        (1, "100%"),
    ],
)
def test_one_rule_for_a_rate(rate, shown):
    assert rate_text(rate) == shown


@pytest.mark.parametrize(
    ("name", "group", "shown"),
    [
        ("Ann A", "Service Desk", "Ann A (Service Desk)"),
        ("Ann A", NO_GROUP, "Ann A, no group"),
        (UNASSIGNED, "Service Desk", "Unassigned tickets (Service Desk)"),
        (UNASSIGNED, NO_GROUP, "Unassigned tickets, no group"),  # not "(unassigned) ((no group))"
    ],
)
def test_an_agent_named_with_their_group(name, group, shown):
    assert in_group(name, group) == shown


@pytest.mark.parametrize(
    ("text", "limit", "shown"),
    [
        ("Printer offline", 160, "Printer offline"),
        ("  Printer\n offline  ", 160, "Printer offline"),  # spaces and lines as one space
        ("Outlook asks for the password again", 20, "Outlook asks for the\u2026"),
        ("Outlook asks, for the password", 14, "Outlook asks\u2026"),  # no comma before "…"
        ("x" * 30, 10, "x" * 10 + "\u2026"),  # one word longer than the limit: cut in it
    ],
)
def test_heading_text_cuts_at_a_word(text, limit, shown):
    assert heading_text(text, limit) == shown
