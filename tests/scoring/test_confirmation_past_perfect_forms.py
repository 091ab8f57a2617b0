"""The user's word in a note written as one long paragraph of reported speech in the past
perfect, in a form's yes/no field and in the caller's last reply (round uc44): a note whose
one sentence holds the caller's validation and then their own act ("I had checked her date
of birth, and she had then printed ..."), the perfect of an irregular verb ("she had run a
test"), the caller "has since written to say ..."; a form's "Confirmed fixed by customer: N"
(no tick), the caller's own reply after every note saying the fault is as before (the latest
word counts), the caller attending the desk or describing the fault, and "could not" (no
act). LABELLING.md, handling audit U3-U5. Written for these tests (a library's self-service
kiosk), not taken from the evaluation set; the controls must not change."""

import pytest

from tests.scoring.conftest import GOOD, confirmation_in_note, grade
from tqrs.models import Ticket
from tqrs.rubric import load_rubric

_KIOSK = {
    "short_description": "Self-service kiosk at the issue desk prints blank receipts",
    "description": "Since opening the self-service kiosk at the issue desk prints blank "
    "borrowing receipts; the paper feeds through with nothing on it.",
    "close_notes": "Cleaned the kiosk's print head and reloaded the paper roll; receipts print.",
    "caller": "Dana Whitlock",
    "assigned_to": "Priya Sandhu",
    "contact_type": "phone",
}

_CHECKED = (
    "I had rung Dana on the branch number and had checked her staff number with her date of birth"
)


@pytest.mark.parametrize(
    "note, option",
    [
        # the validation and the caller's act in one sentence of the past perfect (before: 0)
        (f"{_CHECKED}, and she had then printed a borrowing receipt from the kiosk.", "10"),
        (f"{_CHECKED}; she had printed a borrowing receipt from the kiosk.", "10"),
        # the perfect of an irregular verb (before: 0)
        ("Dana had run a test receipt from the kiosk while we spoke.", "10"),
        # the caller written to the desk since, to say it works (before: 0)
        ("Head cleaned. Dana has since written to say that the receipts print again.", "10"),
        # a form's confirmation field left at no, in any case (before: 10)
        ("Action: cleaned head | Result: done | Confirmed fixed by customer: N", "0"),
        ("ACTION: CLEANED HEAD | RESULT: DONE | CONFIRMED FIXED BY CUSTOMER: NO", "0"),
        # the caller at the desk, or describing the fault: no outcome (before: 10)
        ("Dana attended the issue desk with the kiosk's spare roll.", "0"),
        ("Dana described the receipts: blank, the paper feeds through.", "0"),
        # "could not": the act failed (before: 10)
        ("The caller could not print a receipt from the kiosk.", "0"),
        # controls: the validation alone, the analyst's own word, the field ticked yes
        (f"{_CHECKED}.", "0"),
        ("Head cleaned. I have since written to Dana to say the receipts should print.", "0"),
        ("Action: cleaned head | Result: done | Confirmed fixed by customer: Y", "10"),
        (f"{_CHECKED}, and she had then tried a receipt, which still came out blank.", "0"),
    ],
)
def test_past_perfect_and_form_fields(note, option):
    assert confirmation_in_note(_KIOSK, note) == option


def _with_reply(reply: str) -> str:
    """The option for a ticket whose note records the caller's confirmation and whose
    caller then replies, after every note, with `reply`."""
    work_notes = (
        "2026-11-20 10:00:00 - Priya Sandhu (Work notes)\n"
        "Head cleaned. Dana confirmed the receipts print again."
    )
    comments = f"2026-11-21 09:00:00 - Dana Whitlock (Additional comments)\n{reply}"
    fields = {"id": 1, "session_id": 1, "seq": 1, **GOOD, **_KIOSK}
    ticket = Ticket.model_validate({**fields, "work_notes": work_notes, "comments": comments})
    return grade(load_rubric("incident_handling"), "user_confirmation", ticket).option


@pytest.mark.parametrize(
    "reply, option",
    [
        # the latest word is the fault as before (before: 10)
        ("Blank receipts again this morning, same as before.", "0"),
        # controls: the caller agrees to close despite a remark, or says it works
        ("Still the odd faint one, but happy for you to close this.", "10"),
        ("Receipts are printing fine now, thanks.", "10"),
    ],
)
def test_latest_reply_counts(reply, option):
    assert _with_reply(reply) == option
