"""The user's word in a note wrapped at a fixed width, and given after the user got in touch
(round uc37): "Mrs Okafor phoned back after lunch and confirmed that the" / "rota was
showing ..." is one sentence, and its second verb is the user's word (LABELLING.md, handling
audit U4: the user's word that it works is 10). Written for these tests (a care home's rota
app), not taken from the evaluation set; a contact about another record, a call with the
fault still there and a note that asks for the test are 0."""

import pytest

from tests.scoring.conftest import confirmation_in_note

_ISSUE = {
    "short_description": "Rota app shows blank week for night staff",
    "description": "Since Monday the rota app shows an empty week for every night carer at "
    "Elm Court, so Grace Okafor cannot see who is on shift.",
    "close_notes": "Night staff group re-added to the rota feed.",
    "caller": "Grace Okafor",
    "assigned_to": "Sam Desk",
    "contact_type": "phone",
}


@pytest.mark.parametrize(
    "note, option",
    [
        # wrapped at a fixed width, the word on the second line (before: 0)
        (
            "The night staff group was re-added to the rota feed. Mrs Okafor phoned back after\n"
            "lunch and confirmed that the week was showing for all night carers again.",
            "10",
        ),
        # one line, the user's word after a contact (before: 0)
        ("Feed fixed. Grace rang in the afternoon and says the rota shows every shift now.", "10"),
        # controls: another record's word, the fault still there, the desk's request (0)
        ("Feed fixed. Grace rang about INC0771234 and confirmed that it was working.", "0"),
        ("Feed fixed. Grace rang back after lunch and said the week is still blank.", "0"),
        ("Feed fixed. Asked Grace to check the rota and confirm the shifts show.", "0"),
    ],
)
def test_the_users_word_after_getting_in_touch(note, option):
    assert confirmation_in_note(_ISSUE, note) == option
