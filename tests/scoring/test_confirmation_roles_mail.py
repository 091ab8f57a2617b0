"""The user's word where the desk names the user by a role or pastes the user's mail (round
uc42): the role the description gives whoever raised the ticket ("requested by the sous chef" ...
"The sous chef confirmed ...", "Chef confirmed ..."), a desk's words for the user in the third
person ("the EU", "the reporter"), in any case; the caller's own e-mail pasted under its
header ("From: ... Sent: ...", a quoted "On ..., ... wrote:"); the user getting in touch "to
say" it works; the user's own check with their words after a colon (LABELLING.md, handling
audit U3-U5). Written for these tests (a hotel's kitchen printer), not taken from the
evaluation set; the fault still there, another person's mail, the analyst's call and the
analyst's own check are 0."""

import pytest

from tests.scoring.conftest import confirmation_in_note

_KITCHEN = {
    "short_description": "Kitchen order printer prints blank tickets",
    "description": "Since the lunch service the order printer in the main kitchen prints "
    "blank tickets, so orders are read off the till screen. Requested by the sous chef.",
    "close_notes": "Replaced the printer's thermal head; tickets print with text.",
    "caller": "Marta Quigley",
    "assigned_to": "Owen Pryce",
    "contact_type": "phone",
}

_MAIL = "From: Marta Quigley  Sent: Wed 2 Dec 2026 15:10\n"
_QUOTED = "Closing on this.\n> On Wed 2 Dec 2026, M. Quigley wrote:\n"


@pytest.mark.parametrize(
    "note, option",
    [
        # the role the description gives the person who raised it (before: 0)
        ("Thermal head replaced. The sous chef confirmed orders print again.", "10"),
        ("Thermal head replaced. Chef confirmed orders print again.", "10"),
        # the desk's words for the user in the third person, in any case (before: 0)
        ("Thermal head replaced. EU advised all printing, close it.", "10"),
        ("THERMAL HEAD REPLACED. EU ADVISED ALL PRINTING, CLOSE IT.", "10"),
        ("Thermal head replaced. The reporter confirmed orders print again.", "10"),
        # the caller's own e-mail pasted under its header, or quoted (before: 0)
        (_MAIL + "Tickets are printing with the orders on them again. Thanks, close it.", "10"),
        (_QUOTED + "> Orders print fine now, thank you.", "10"),
        # its greeting on a paragraph of its own, the message after it (before: 0)
        (_MAIL + "Hi Owen,\n\nAll printing again, thanks.", "10"),
        # the user getting in touch to say it works (before: 0)
        ("Head replaced. Marta rang back at 16:05 to say tickets print again.", "10"),
        # the user's own check with their words after a colon (before: 0)
        ('Head replaced. Marta tested a dinner order herself: "all printing, close it".', "10"),
        # controls (0 before and after): the fault still there in the mail, another
        # person's mail, the analyst calling to say, the analyst's own check
        (_MAIL + "Still blank after the new head, sorry.", "0"),
        (_MAIL + "Hi Owen, could you add the bar printer to my profile as well?", "0"),
        (
            "From: Owen Pryce  Sent: Wed 2 Dec 2026 15:00\nThe head is replaced, it prints "
            "fine now.",
            "0",
        ),
        ("Head replaced. Called Marta to say it prints again. No answer.", "0"),
        ("Head replaced. Tested a dinner order myself: all printing.", "0"),
        ("Head replaced. The sous chef rang back to say it is still blank.", "0"),
    ],
)
def test_role_and_mailed_word(note, option):
    assert confirmation_in_note(_KITCHEN, note) == option
