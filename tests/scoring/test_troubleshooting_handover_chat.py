"""What a desk's log holds that is no step of its own diagnosis (LABELLING.md, troubleshooting
audit rule 1): the caller's own lines of a chat pasted into a work note, and a hand-over of
the ticket or of what was gathered to another team ("a VIP routing or escalation note is
assignment, not a step"). Written here in a warehouse desk's words, not taken from the
evaluation set; the expected options are a hand reading of the rubric (three steps with their
results: 20; one or two: 10)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.judges import step_parts

ENTRY = "2026-03-04 10:20:00 - Jo Birch (Work notes)\n"

# A chat with the caller pasted whole, then the desk's own work under it.
CHAT = (
    "Chat with the user, pasted:\n"
    "[10:02 AM] Ravi Menon: the label printer at bay 4 prints blank labels, tried twice\n"
    "[10:03 AM] Service Desk - Jo: Which bay is it?\n"
    "[10:04 AM] Ravi Menon: bay 4, switched it off and on already, same\n"
    "Printed a test label from my PC to the bay 4 printer -> blank.\n"
)


@pytest.mark.parametrize(
    ("more", "expected"),
    [
        # the caller's two turns are no step: one step of the desk's with its result
        ("", "10"),
        # control: the desk's own three steps make the record complete as before
        (
            "Checked the ribbon -> fitted upside down.\nRefitted the ribbon, printed a test "
            "label -> text prints.\n",
            "20",
        ),
    ],
)
def test_the_callers_turns_of_a_pasted_chat_are_no_step(
    make_ticket, handling_rubric, more, expected
):
    t = make_ticket(caller="Ravi Menon", work_notes=ENTRY + CHAT + more)
    r = grade(handling_rubric, "troubleshooting", t)
    assert r.option == expected, r.reasoning


HANDED = (
    ENTRY + "Checked the handheld's Wi-Fi log -> drops at aisle 12 only.\n"
    "Swapped the handheld for a spare -> same drops at aisle 12.\n{last}\n"
)


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        # a hand-over to another team with nothing told: two steps with results
        ("Sent both logs to the network team.", "10"),
        ("Passed to Infrastructure.", "10"),
        # controls: the other team's case number, or what it found, is a step's outcome
        ("Sent both logs to the vendor, case VX-44120.", "20"),
        ("Passed to the network team, they found the AP at aisle 12 on the wrong channel.", "20"),
    ],
)
def test_a_hand_over_to_another_team_is_no_step(make_ticket, handling_rubric, last, expected):
    t = make_ticket(work_notes=HANDED.format(last=last))
    r = grade(handling_rubric, "troubleshooting", t)
    assert r.option == expected, r.reasoning


def test_a_hand_over_is_no_step_by_its_parts():
    assert step_parts.no_step_of_record("Handed over to the desktop support team.")
    assert step_parts.no_step_of_record("Assigned to field crew, done.")
    # control: the action done before the hand-over is a step
    assert not step_parts.no_step_of_record("Reseated the cable and passed to the network team.")


# A timed log whose test is told by its noun, no verb written: the sign-in after the fix, or
# a ping with no reply. Written here in a depot desk's words.
TIMED = (
    ENTRY + "10:05 Authenticator factor on the old handset, reset factor\n"
    "10:09 Leon enrolled the new handset from the QR code\n"
    "{last}\n"
)


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        # the sign-in test gives the reset and the enrolment their outcome: three steps
        ("10:12 RouteBoard sign-in on the van tablet, in", "20"),
        ("10:12 ping to the van tablet - no reply", "20"),
        # control: a plan names no test done, the changes have no outcome
        ("10:12 Leon will try the sign-in later", "10"),
    ],
)
def test_a_test_told_by_its_noun_is_a_step_with_its_result(
    make_ticket, handling_rubric, last, expected
):
    t = make_ticket(work_notes=TIMED.format(last=last))
    r = grade(handling_rubric, "troubleshooting", t)
    assert r.option == expected, r.reasoning


def test_a_test_told_by_its_noun_by_its_parts():
    assert step_parts.named_test("ping to ps-04 outstation - no reply") is not None
    assert step_parts.named_test("test call to the depot line - no answer") is not None
    # controls: the problem as met, and a form's field
    assert step_parts.named_test("sign-in on the kiosk, cannot get in") is None
    assert step_parts.named_test("login: jsmith") is None
