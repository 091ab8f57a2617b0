"""A password reset the caller wrote in a mail the desk pasted into a work note is the caller's
own act, not the desk's: no reset by the desk, so no critical process to follow (a real
application desk's ticket forwarded a team leader's mail, "even after I changed Faith's
password she is getting the attached error", and was auto-failed for a reset with no caller
validation). Written for this test in that shape; the expected options are a reader's of
LABELLING.md's Logging audit rules 1 and 7 (a reset is one a note says the desk did; a reset
the desk did with no validation written: FAIL)."""

import pytest

from tests.scoring.conftest import run

_OPENING = {
    "short_description": "Tomas Berg access to the stock system",
    "description": "",
    "contact_type": "email",
    "state": "Awaiting Customer",
    "close_code": "",
    "close_notes": "",
}

_MAIL = (
    "2026-03-02 09:10:00 - Ravi Kumar (Work notes)\n"
    "Hi,\n\n"
    "I can change the passwords of my team in the stock system, but even after I changed "
    "Tomas's password he still gets the error in the screenshot. Could you give him access?\n\n"
    "Thanks,\n"
    "Greta\n\n"
    "Greta Holm\n"
    "Warehouse Team Leader"
)


@pytest.mark.parametrize(
    "work_notes, option",
    [
        # the caller's mail pasted whole: her reset, not the desk's (before: FAIL)
        (
            _MAIL
            + "\n\n2026-03-02 09:20:00 - Ravi Kumar (Work notes)\nAssigning to the stock system team.",
            "N/A",
        ),
        # control: the desk's own reset with no validation written
        (
            "2026-03-02 09:20:00 - Ravi Kumar (Work notes)\n"
            "Reset Tomas's password in the stock system and read him the temporary one.",
            "FAIL",
        ),
    ],
)
def test_reset_in_a_pasted_mail_is_the_callers(make_ticket, logging_rubric, work_notes, option):
    ticket = make_ticket(**_OPENING, work_notes=work_notes)
    assert run(logging_rubric, "critical_process", ticket).option == option
