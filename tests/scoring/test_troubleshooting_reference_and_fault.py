"""Two readings of the troubleshooting record (LABELLING.md, troubleshooting audit), written
here in a college desk's words, not taken from the evaluation set; the expected options are a
hand reading of the rubric (three steps with their results: 20; one or two: 10).

- A reference written after a step ("..., ref FAC-4120") is that step's own number (audit
  rule 6: a notification or a case raised with its reference is one step done), no step of its
  own.
- What a hardware check found told by the thing and its fault state, no verb written ("reader
  cable at the turnstile loose", "keys F and J sticky"), is a check with its finding (audit
  rules 2 and 4), as the vendors' hardware guides write them."""

import pytest

from tests.scoring.conftest import grade
from tqrs.judges import step_parts

ENTRY = "2026-05-12 14:05:00 - Ana Ruiz (Work notes)\n"


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        # two procedure actions, each with its reference: two steps, not four
        (
            "Lost tablet reported to Estates Security by e-mail, ref ES-118.\n"
            "Remote lock sent from Intune, case MDM-4410.\n",
            "10",
        ),
        # control: three procedure actions with their references stay three
        (
            "Lost tablet reported to Estates Security by e-mail, ref ES-118.\n"
            "Remote lock sent from Intune, case MDM-4410.\n"
            "Loan tablet LT-07 issued to the student, ref LN-18.\n",
            "20",
        ),
        # the fault found on the hardware, the fix with its effect, the test: three
        (
            "Badge reader cable at the turnstile half out.\n"
            "Reseated the cable -> reader light green.\n"
            "Test swipe with my own badge -> gate opens.\n",
            "20",
        ),
        (
            "Lab PC 14 keyboard sticky under F and J.\n"
            "Fitted a new keyboard -> all keys type once in Notepad.\n"
            "Test login as the student -> desktop up.\n",
            "20",
        ),
        # control: the fix and its test alone stay two
        (
            "Reseated the cable -> reader light green.\n"
            "Test swipe with my own badge -> gate opens.\n",
            "10",
        ),
    ],
)
def test_references_and_fault_states_as_steps(make_ticket, handling_rubric, notes, expected):
    t = make_ticket(caller="Daniel Okafor", work_notes=ENTRY + notes)
    r = grade(handling_rubric, "troubleshooting", t)
    assert r.option == expected, r.reasoning


@pytest.mark.parametrize(
    ("unit", "alone"),
    [
        ("ref ES-118.", True),
        ("case MDM-4410;", True),
        ("PO 5120", True),
        ("reference DP-2026-07", True),
        # a step that names a number, not a reference alone
        ("restarted job 12", False),
        ("ref to the vendor's guide", False),
    ],
)
def test_reference_alone(unit, alone):
    assert step_parts.reference_alone(unit) is alone
