"""What a caller's reply says and whose act a note tells (round uc48). LABELLING.md, handling
audit U3-U5: the user's word is that it works or agreement to close; thanks, an acknowledgement,
a reaction to the news ("what a relief") or a conclusion drawn from the desk's word ("... then")
is not; a note's subject on the user's side must have done the thing the issue names (its
verb's own object, not a later clause's), and what the user said must be of that thing. Written
for these tests (a fruit packhouse), not taken from the evaluation set."""

import pytest

from tests.scoring.conftest import confirmation_in_note, grade
from tqrs.rubric import load_rubric

_ISSUE = {
    "short_description": "Grader label printer skipping trays",
    "description": "Since 06:00 the label printer on grading line 2 skips every third tray; "
    "the apples go out unlabelled and the dispatch cannot load the lorry.",
    "caller": "Ines Varga",
    "assigned_to": "Tobias Wren",
    "contact_type": "phone",
    "close_notes": "Printer head cleaned and the tray sensor realigned.",
}


def _reply_option(make_ticket, reply: str) -> str:
    """The option for `_ISSUE` worked with one note, the caller's `reply` the last comment."""
    t = make_ticket(
        **_ISSUE,
        work_notes="2026-11-20 10:00:00 - Tobias Wren (Work notes)\nTray sensor realigned.",
        comments=f"2026-11-20 10:30:00 - Ines Varga (Additional comments)\n{reply}",
    )
    return grade(load_rubric("incident_handling"), "user_confirmation", t).option


@pytest.mark.parametrize(
    "reply, option",
    [
        # a reaction to the news and thanks for the desk's effort (before: 10)
        ("Thanks for following it up, what a relief.", "0"),
        ("Cheers for chasing them. Good to know.", "0"),
        # a conclusion drawn from the desk's word, "then" ending it (before: 10)
        ("Right, we are sticking with the hand labeller then.", "0"),
        # controls (10 before and after): the thing works, or a conclusion that says it works
        ("Labels going on every tray again, thanks for chasing it.", "10"),
        ("All sorted then, thanks.", "10"),
        ("Printing every tray now, thank you! No jam then :)", "10"),
        # control (0 before and after): thanks alone
        ("Thanks for the update.", "0"),
    ],
)
def test_a_reply_must_say_it_works_or_agree_to_close(make_ticket, reply, option):
    assert _reply_option(make_ticket, reply) == option


@pytest.mark.parametrize(
    "note, option",
    [
        # a team's act on something else, the issue's words only in a later clause (before: 10)
        ("Electrical team swapped the fuse, grading line printer running again.", "0"),
        ("Packhouse team fitted a new roller and the printer labels every tray.", "0"),
        # a plural's possessive read as a verb (before: 10)
        ("Varga pickers' scanner group re-added to the label printer queue.", "0"),
        # the user's side's word of a thing the issue does not name (before: 10)
        ("Power dipped overnight; she said the chillers were fine.", "0"),
        # controls (10 before and after): the user's own act on what the issue names, with an
        # arrow's result; the user's word of the issue's thing
        ("Caller reloaded the label printer -> every tray labelled.", "10"),
        ("Ines cleared the label printer, test tray fine.", "10"),
        ("She said the label printer was fine now.", "10"),
        ("She said the trays were all labelled, close it.", "10"),
    ],
)
def test_a_note_tells_the_users_act_on_the_issues_thing(note, option):
    assert confirmation_in_note(_ISSUE, note) == option
