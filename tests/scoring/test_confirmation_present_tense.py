"""The user's word told in the present tense, as a desk's running commentary writes it (round
uc38): "Omar replies the batch finished" is the user's word as "Omar replied ..." is, a
verb of writing with its message quoted ("Dr Haddad texts "all there, close it"") is the
user's word, and a numbered item ("4) Omar on the call: ...") is read as the sentence it holds
(LABELLING.md, handling audit U4: the user's word that it works is 10). Written for these
tests (a lab's plotting server), not taken from the evaluation set; the fault still there, a
question, information sent without a word on the fix and the desk's request are 0."""

import pytest

from tests.scoring.conftest import confirmation_in_note

_ISSUE = {
    "short_description": "Plot server returns blank figures",
    "description": "Since the weekend every figure from the lab's plot server comes back blank "
    "for Omar Haddad's group; the poster deadline is Friday.",
    "close_notes": "Font cache rebuilt on plot01 and the render service restarted.",
    "caller": "Omar Haddad",
    "assigned_to": "Lena Brandt",
    "contact_type": "email",
}


@pytest.mark.parametrize(
    "note, option",
    [
        # a verb of replying in the present, with what it reports done (before: 0)
        ("Render service restarted. Omar replies the overnight batch finished.", "10"),
        # a verb of writing with its message quoted, after the user's own check (before: 0)
        ('Dr Haddad checks the output and texts "all there, thanks, you can close it".', "10"),
        # a numbered item holding the user's word after a colon (before: 0)
        ("3) cache rebuilt -> restart\n4) Omar on the call: all figures working, thanks.", "10"),
        # a reply that asks, read as a reply now, not as a deed done to the issue's words
        # (before: 10)
        ("Render service restarted. Omar replies which server to use.", "0"),
        # controls: the past tense (10 before and after); the fault still there, information
        # only, the desk's request (0 before and after)
        ("Render service restarted. Omar replied the figures render fine now.", "10"),
        ("Render service restarted. Omar replies the figures are still blank.", "0"),
        ("Render service restarted. Omar mails the render log.", "0"),
        ("4) Asked Omar to rerun the batch and reply if the figures render.", "0"),
    ],
)
def test_the_users_word_in_the_present(note, option):
    assert confirmation_in_note(_ISSUE, note) == option
