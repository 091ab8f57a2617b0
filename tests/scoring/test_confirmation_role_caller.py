"""The caller named in a note only by a role the ticket gives them (round uc47): the role whose
own device or account failed ("the head brewer's laptop" ... "The head brewer signed in ..."),
the title written before the caller's name ("Tour guide Tomasz Reid: ..." ... "Tour guide wrote
in chat: ..."), the role a validation line names as the one validated ("Taproom receptionist
validated: staff number ..." ... "Receptionist: ..."). LABELLING.md, handling audit
U3-U5: the caller's or the affected user's word is a confirmation; another role's (a
bystander, a colleague, the one who did the validating) is not. Written for these tests (a
brewery), not taken from the evaluation set."""

import pytest

from tests.scoring.conftest import confirmation_in_note

_BASE = {
    "close_notes": "Fixed and tested.",
    "caller": "Tomasz Reid",
    "assigned_to": "Elin Marsh",
    "contact_type": "phone",
}
_OWNER = {
    **_BASE,
    "short_description": "Laptop will not wake from sleep",
    "description": "Since the morning the head brewer's laptop stays black when opened; the "
    "brew sheets for today's batch are on it.",
}
_TITLED = {
    **_BASE,
    "short_description": "Keg dashboard blank",
    "description": "Tour guide Tomasz Reid: the keg monitoring dashboard shows no "
    "readings since 07:00.",
}
_PLAIN = {
    **_BASE,
    "short_description": "Keg dashboard blank",
    "description": "The keg monitoring dashboard shows no readings since 07:00.",
}


@pytest.mark.parametrize(
    "issue, note, option",
    [
        # the owner of what failed, named by that role (before: 0)
        (_OWNER, "Battery driver reset. The head brewer signed in, all fine, close it.", "10"),
        (_OWNER, "Battery driver reset. Brewer confirmed the sheets open again.", "10"),
        # the caller's title before their name in the description (before: 0)
        (
            _TITLED,
            'Service restarted. Tour guide wrote in chat: "readings are back, close it."',
            "10",
        ),
        # the role a validation line names as the one validated (before: 0)
        (
            _PLAIN,
            "Taproom receptionist validated: staff number 4410 and date of birth.\n"
            "Service restarted. Receptionist: readings back on every keg, close it.",
            "10",
        ),
        # controls (0 before and after): another role than the caller's, a validation line
        # whose role did the validating, a validation line with no evidence
        (_TITLED, "Service restarted. The head brewer confirmed the readings are back.", "0"),
        (
            _PLAIN,
            "Receptionist validated Tomasz: staff number 4410.\n"
            "Service restarted. Receptionist confirmed all readings are back.",
            "0",
        ),
        (
            _PLAIN,
            "Restore point verified.\nService restarted. Point confirmed readings are back.",
            "0",
        ),
        (_OWNER, "Battery driver reset. The tour guide confirmed it works.", "0"),
    ],
)
def test_role_named_caller(issue, note, option):
    assert confirmation_in_note(issue, note) == option
