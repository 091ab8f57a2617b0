"""Lines of the record that reach the caller, check who the caller is, keep the record or
point elsewhere are no troubleshooting step, read by their parts (tqrs.judges.step_parts:
a call back or a reply, the number and where it was found, identity facts matched, a
document of identity shown, a thing noted, a pointer to the close notes), whatever the
names in them. LABELLING.md, troubleshooting audit rule 1: "a work note that ... points
elsewhere, or records assignment, state changes or contact attempts is no step"; the caller's
validation is the Logging rubric's criterion, not a step (service desks' identity procedures:
a call back to the number in the directory or HR record, a staff badge with its photo, facts
checked against the HR record). Written here, not taken from the evaluation set; the
expected options are a hand reading of the rubric and the audit (rule 7: 20 needs three
steps with their outcome written)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.judges.troubleshooting import troubleshooting_steps

NOTES = "2025-03-04 10:05:00 - Kim Analyst (Work notes)\n"


@pytest.mark.parametrize(
    "line",
    [
        "Called Ana back on her mobile from the HR list.",
        "rang Dmitri back on warehouse ext from directory",
        "Tomas showed his staff badge at reception, photo checked.",
        "Fixed - see close notes.",
    ],
)
def test_the_caller_reached_or_the_record_kept_is_no_step(make_ticket, line):
    t = make_ticket(work_notes=NOTES + line, comments="")
    assert troubleshooting_steps(t)[1] == []


@pytest.mark.parametrize(
    "notes",
    [
        # the call back, one finding, one fix with its effect: two steps (10)
        "rang Priya back on desk ext from directory\n"
        "Spooler service on PRN-HQ-07 stopped.\n"
        "Restarted the spooler -> queue prints again.",
        # the badge shown, one finding, one fix with its effect: two steps (10)
        "Marek showed his staff badge at the service desk, photo matches.\n"
        "Outlook profile on LT-2231 corrupt: OST at 49.9 GB.\n"
        "Rebuilt the Outlook profile -> mail syncs.",
    ],
)
def test_a_contact_or_an_identity_check_does_not_make_three(make_ticket, handling_rubric, notes):
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes))
    assert r.option == "10", r.reasoning


def test_a_result_after_double_chevrons_is_read(make_ticket, handling_rubric):
    """A check, a change and a fix, each with what it gave after ">>" (a desk's arrow): 20."""
    notes = (
        "Mouse on another PC >> same cursor jump\n"
        "Mouse pad swapped >> cursor still jumps\n"
        "New mouse fitted >> cursor steady"
    )
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes))
    assert r.option == "20", r.reasoning
