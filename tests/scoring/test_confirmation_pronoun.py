"""Who a pronoun stands for in a note written in the third person (uc39, 2026-12-06): a formal
report names the analyst ("The technician logged on to the kiosk ...") and goes on with "he"
or "she", so the act that follows is the analyst's own test, not the user's success. Written
for these tests; each expected option is a reader's of LABELLING.md's handling audit rules U5
(the user's success seen: 10; a check the analyst makes alone: 0) and U6 (no contact attempt:
0). Also the user's word that the fault is back, a verb of the fault with "again" ("the export
was killed again"): U4, a report that it still fails is 0."""

import pytest

from tests.scoring.conftest import confirmation_in_note, grade
from tqrs.rubric import load_rubric

_ISSUE = {
    "short_description": "Ticket kiosk at the east gate does not print receipts",
    "description": "Since this morning the ticket kiosk at the east gate takes the payment but "
    "prints no receipt; visitors queue at the office for one.",
    "close_notes": "The kiosk's printer queue was paused after an update; resumed and tested.",
    "contact_type": "phone",
}


def _notes(*lines: str) -> str:
    return "\n\n".join(
        f"2026-11-1{i + 2} 09:1{i}:00 - Rowan Pike (Work notes)\n{line}"
        for i, line in enumerate(lines)
    )


@pytest.mark.parametrize(
    "work_notes, option",
    [
        # the analyst named in the third person, then "he": his own test receipt (0; before:
        # "He printed a test receipt" read as the user's success, 10)
        (
            _notes(
                "The technician logged on to the kiosk remotely and found the printer queue "
                "paused since the overnight update. He resumed the queue and printed a test "
                "receipt, which came out clean."
            ),
            "0",
        ),
        # the same with "she" after the analyst's own name
        (
            _notes(
                "Rowan resumed the paused printer queue on the kiosk. She printed a test "
                "receipt from the kiosk menu."
            ),
            "0",
        ),
        # control: the pronoun after the caller named, the user's success on the call (10)
        (
            _notes(
                "The technician resumed the paused printer queue and rang the gate supervisor "
                "back. The caller bought a ticket at the kiosk while on the line. She printed "
                "the receipt without a fault."
            ),
            "10",
        ),
    ],
)
def test_pronoun_after_the_analyst_is_the_analyst(make_ticket, work_notes, option):
    t = make_ticket(**_ISSUE, work_notes=work_notes)
    r = grade(load_rubric("incident_handling"), "user_confirmation", t)
    assert r.option == option, r.reasoning


_BATCH = {
    "short_description": "Nightly payroll export job ends before it writes the file",
    "description": "Since the weekend the nightly payroll export job stops part-way and no "
    "file reaches the bank's folder; Ines in payroll raised it.",
    "caller": "Ines Varga",
    "assigned_to": "Rowan Pike",
    "close_notes": "The job's memory limit was raised and the export re-run.",
    "contact_type": "phone",
}


@pytest.mark.parametrize(
    "note, option",
    [
        # the user's word that the fault is back, told with a verb of the fault and "again"
        # (U4: a report that it still fails is 0; before: "again" read as a success, 10)
        ("Ines replies the export was killed again at 02:10.", "0"),
        ("Rang Ines back: she says the run timed out again overnight.", "0"),
        # control: "again" after a success is the success back (10)
        ("Ines replies the export ran again overnight and the bank has the file.", "10"),
    ],
)
def test_a_fault_verb_with_again_is_the_fault_back(note, option):
    assert confirmation_in_note(_BATCH, note) == option
