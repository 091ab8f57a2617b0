"""Troubleshooting steps written as a desk's forms write them, not as sentences: a check-list's
ticked boxes, a reading told by where it was read and what it showed ("sign-in logs - 6
failures since 02:00"), a step and its result under the form's labels ("Step 2 - ... Result -
..."). The wordings follow Microsoft Learn's Entra sign-in logs and Intune device pages and
CompTIA's methodology ("document findings, actions and outcomes"), written here, not taken
from the evaluation set. Expected options: the rubric and LABELLING.md's troubleshooting audit
by hand (rules 2, 4, 6 and 7: three steps with their outcome are 20; what was not done is no
step)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.judges.troubleshooting import troubleshooting_steps

NOTES = "2025-03-04 10:15:00 - Robin Analyst (Work notes)\n"


@pytest.mark.parametrize(
    "notes",
    [
        # a check-list: three ticked boxes, each a check or a change with its outcome
        "[x] Print server queue - 42 jobs held since 07:10\n"
        "[x] Spooler restarted on PRT-SRV-2 -> queue empties\n"
        "[x] Test page from the ward PC -> printed",
        # readings told by their source and value, then the change with its test
        "Audit log - last change 14:20 by the service account\n"
        "Intune - laptop non-compliant, last check-in 3 days ago\n"
        "Sessions revoked and password reset -> she signed in with the new one",
    ],
)
def test_steps_written_as_forms_are_read(make_ticket, handling_rubric, notes):
    """Three steps with their outcome: 20 (each record was 10 before its reading)."""
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes))
    assert r.option == "20", r.reasoning


def test_a_result_label_is_the_outcome_of_the_step_before_it(make_ticket):
    """A step and its result under the form's labels, on one line each: each step is read
    with its own result (before, the result alone was read as a step, and the step's action
    was lost from its evidence)."""
    notes = (
        "Step 1 - Web mail from the same PC. Result - folder there.\n"
        "Step 2 - OST file rebuilt. Result - folder back in Outlook.\n"
        "Step 3 - Calendar sharing with a colleague. Result - invite arrives."
    )
    steps, results = troubleshooting_steps(make_ticket(work_notes=NOTES + notes))
    assert results == [
        "Web mail from the same PC -> folder there.",
        "OST file rebuilt -> folder back in Outlook.",
        "Calendar sharing with a colleague -> invite arrives.",
    ]


@pytest.mark.parametrize("box", ["[ ]", "[]", "[   ]", "\u2610"])
def test_a_box_left_empty_is_no_step(make_ticket, handling_rubric, box):
    """Two checks with their findings and a change whose box is not ticked (however wide the
    empty box is drawn: one spelling of it, steps.UNTICKED_BOX, for every reader): the change
    was not done, so it takes no outcome from the record (audit rule 6 gives one only to a
    change done): two steps, 10 (20 before, the empty box read as a reboot done; "[   ]" was
    still read as done before the one spelling)."""
    notes = (
        "[x] Router admin page -> WAN down since 06:00\n"
        "[x] ISP status page -> outage listed for the postcode\n"
        f"{box} Router rebooted"
    )
    t = make_ticket(work_notes=NOTES + notes)
    assert len(troubleshooting_steps(t)[1]) == 2
    assert grade(handling_rubric, "troubleshooting", t).option == "10"


@pytest.mark.parametrize(
    "line",
    [
        # a request about a document's number
        "DOC-20931 - please check the document in before the PDF is attached",
        # an action told, not a reading
        "PO 4500123 - the invoice has been attached",
        # a plan
        "Sign-in logs - will check with the security team tomorrow",
    ],
)
def test_what_reads_like_a_reading_but_is_none(make_ticket, line):
    t = make_ticket(work_notes=NOTES + line, comments="")
    assert troubleshooting_steps(t)[1] == []


def test_control_two_steps_stay_10(make_ticket, handling_rubric):
    """Two steps with their outcome, written as sentences: 10 before and after."""
    notes = "Checked the dock firmware -> 1.0.4, current.\nReseated the USB-C cable -> no change."
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes))
    assert r.option == "10", r.reasoning
