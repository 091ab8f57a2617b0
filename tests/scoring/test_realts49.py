"""Readings of the troubleshooting record on real journals (round realts49), written here in a
plant nursery's words, not taken from any ticket; the expected options are a hand reading of
the rubric (three steps with their results: 20; one or two: 10; none: 0) by the labels'
troubleshooting audit rule 1 (the record is the desk's work: not the caller's words, a
request, a pointer elsewhere).

- An intake template of sections ("Issue Description:" with the caller's report under it,
  then "Steps Performed:") holds the caller's words in its issue section, no step; a label
  written as its writer's own sentence ("I summarize the problem:") heads no such section.
- A file attached to the ticket is the record kept, no step ("Attached the grower's mail to
  the ticket"); "the attached log" names what a sentence is about.
- A sentence that only points to another record ("Found a related ticket INC0045512") is no
  step, nor a request passed to the reader ("Please ask the grower to ...")."""

import pytest

from tests.scoring.conftest import grade
from tqrs.rules.note_parts import without_issue_section

ENTRY = "2026-04-02 09:10:00 - Marta Silva (Work notes)\n"
LATER = "2026-04-02 11:40:00 - Marta Silva (Work notes)\n"


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        # the caller's report under the template's issue heading: no step; the desk routed it
        (
            "Issue Description:\n*************\n"
            "The misting valves in tunnel 3 stopped at noon. The timer screen shows 00:00. "
            "We restarted the pump twice and the pressure gauge reads zero.\n"
            "Steps Performed:\n*************\n"
            "Attached the grower's mail to the ticket\n"
            "Assigning the ticket to IRRIGATION-SUPPORT\n",
            "0",
        ),
        # control: the desk's own checks under "Steps Performed" stay three
        (
            "Issue Description:\n*************\n"
            "The misting valves in tunnel 3 stopped at noon.\n"
            "Steps Performed:\n*************\n"
            "Checked the controller log: valve 3 fault at 12:02.\n"
            "Replaced the valve 3 fuse -> valve clicks open.\n"
            "Test cycle from the controller -> mist on all six heads.\n",
            "20",
        ),
        # a pointer to another record and a request passed on through the reader: no step
        (
            "Found a related ticket INC0045512\n"
            "Please ask the grower to send a photo of the timer screen.\n",
            "0",
        ),
        # control: a new fuse attached to the board is work, not a file attached
        (
            "Attached a new fuse to valve 3 -> valve clicks open.\n"
            "Test cycle from the controller -> mist on all six heads.\n"
            "Checked the pressure gauge -> 2 bar after the cycle.\n",
            "20",
        ),
    ],
)
def test_no_steps_of_the_desk(make_ticket, handling_rubric, notes, expected):
    t = make_ticket(caller="Priya Nandakumar", work_notes=ENTRY + notes)
    r = grade(handling_rubric, "troubleshooting", t)
    assert r.option == expected, r.reasoning


def test_the_writers_own_sentence_heads_no_issue_section():
    text = "Hello.\nI summarize the problem:\nthe pump stops\nRiassumo il problema:\nla pompa"
    assert without_issue_section(text) == text
    form = "Issue Description:\nthe pump stops\nSteps Performed:\nfuse replaced"
    assert without_issue_section(form) == "fuse replaced"
