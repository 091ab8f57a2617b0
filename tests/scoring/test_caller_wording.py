"""Caller validation in wordings the readings missed (cv35): an MFA push named as the handset
shows it (a sign-in or two-step request or prompt), the check's result on the next line of the
same note, a call out told as the means of the check ("by ringing ..."), a code read back
with the person it was read to between ("read me back"), the shorthand "ID'd" and "ID&V
done". Expected values from the rubric's guidance and LABELLING.md, Logging audit rules 2, 3
and 6 (a method written as done is 10; a bare claim, caller display or a check that failed
is not), written here, not taken from the evaluation set."""

import pytest

from tests.scoring.conftest import run

HEADER = "2025-03-04 14:05:00 - Priya Desk (Work notes)\n"


def _option(make_ticket, rubric, notes: str, **fields) -> str:
    data = dict(contact_type="phone", work_notes=HEADER + notes, comments="", close_notes="Done.")
    return run(rubric, "caller_validation", make_ticket(**{**data, **fields})).option


@pytest.mark.parametrize(
    "notes",
    [
        # the push by the handset's name for it
        "Login request approved on the handset by the caller before the unlock.",
        "She accepted the two-step prompt on her mobile.",
        # the method on one line, its result on the next line or two of the same note
        "Okta Verify push sent to his phone.\nAccepted.",
        "Asked for her payroll number and birth date.\nCorrect.",
        "Me: pushing a request to your Authenticator, which number shows?\nCaller: 27.\n[Approved]",
        # a call out told as the means of the check, the number's source written
        "Confirmed it was him by phoning the extension listed in the GAL.",
        "Identity checked after ringing her mobile held in the HR system.",
        # a code read back with the person it was read to between
        "He read me back the code I had sent to his mobile on file.",
        # shorthand
        "ID'd the caller via his employee number and DOB.",
        "ID&V done using her memorable word.",
    ],
)
def test_a_check_in_these_words_is_documented(make_ticket, logging_rubric, notes):
    """Each was 0 (no validation documented) or left to a reader before."""
    assert _option(make_ticket, logging_rubric, notes) == "10"


@pytest.mark.parametrize(
    "notes",
    [
        "Login request denied on the caller's phone.",  # rule 6: failed
        "Two-step prompt never arrived on her mobile.",
        "Caller calling from the number on file.",  # caller display (rule 3)
        "Will verify by ringing her mobile held in the HR system.",  # a plan
        "ID&V passed.",  # rule 3: no method
        "Okta Verify push sent to his phone.\nNo response.",
        "Asked for her payroll number and birth date.\nShe could not remember them.",
        # the method set up as the fix, its result on the next line the fix's own
        "Helped the caller configure MFA on her new phone.\nShe confirmed it works.",
    ],
)
def test_no_check_in_these_words(make_ticket, logging_rubric, notes):
    """The controls: as before, no validation documented (or left to a reader)."""
    assert _option(make_ticket, logging_rubric, notes) != "10"


def _critical(make_ticket, rubric, notes: str, close_notes: str) -> str:
    ticket = make_ticket(
        short_description="Forgotten password - cannot sign in",
        description="Forgot her password after leave; locked out of the laptop.",
        contact_type="phone",
        priority=3,
        work_notes=HEADER + notes,
        comments="",
        close_notes=close_notes,
    )
    return run(rubric, "critical_process", ticket).option


def test_a_then_in_the_notes_orders_nothing_in_the_close_notes(make_ticket, logging_rubric):
    """The work notes give the order (code read back, then the reset); the close notes'
    summary after them is another note, not the check done after the reset's "then"."""
    notes = (
        "texted a code to the mobile on her HR record and she read it back so it is her, "
        "reset the password with a temporary one then she signed in and set her own"
    )
    close = "Password reset after she read back the code sent to her registered mobile."
    assert _critical(make_ticket, logging_rubric, notes, close) == "PASS"


def test_a_check_after_the_then_of_its_own_note_is_late(make_ticket, logging_rubric):
    """The control: the same note written the other way round is still a validation after
    the reset (LABELLING.md, Logging audit rule 8)."""
    notes = (
        "reset the password with a temporary one then texted a code to the mobile on her HR "
        "record and she read it back"
    )
    assert _critical(make_ticket, logging_rubric, notes, "Done.") == "FAIL"
