"""The user's confirmation where the desk writes to the user (round uc35): questions and
replies in customer-visible comments, notes in the second person ("you confirmed ..."), the
desk's thanks for a confirmation, the Indian-English present continuous ("User is confirming
..."), and a dictated note with no punctuation. Written for these tests (a warehouse label
printer); each expected option is a reader's of LABELLING.md's handling audit: the user's word
that it works or agreement to close is 10 (U4), a reply that says it still fails or is as
before is 0 (U4), the desk's question alone is 0, and so is anything confirmed that is not the
fix (an identity, a PIN sent)."""

import pytest

from tests.scoring.conftest import GOOD, grade
from tqrs.models import Ticket
from tqrs.rubric import load_rubric

_ISSUE = {
    "short_description": "Label printer at goods-out jams on every label",
    "description": "Since the morning shift the label printer at goods-out dock 2 jams after "
    "each label, so Tom cannot label the pallets for the afternoon lorries.",
    "close_notes": "Replaced the worn platen roller and cleared the label path.",
    "caller": "Tom Reyes",
    "assigned_to": "Priya Desk",
    "contact_type": "email",
}
_ASK = "Hi Tom, I've replaced the platen roller. Could you print a few labels and tell me if it still jams?"


def _journal(kind: str, *entries: tuple[str, str]) -> str:
    """Entries (author, text), oldest first, as an export lists them: newest first."""
    lines = [
        f"2026-11-2{i} 1{i}:00:00 - {author} ({kind})\n{text}"
        for i, (author, text) in enumerate(entries)
    ]
    return "\n\n".join(reversed(lines))


def _option(**fields) -> str:
    t = {
        **_ISSUE,
        "work_notes": _journal("Work notes", ("Priya Desk", "Roller ordered.")),
        **fields,
    }
    ticket = Ticket.model_validate({"id": 1, "session_id": 1, "seq": 1, **GOOD, **t})
    return grade(load_rubric("incident_handling"), "user_confirmation", ticket).option


@pytest.mark.parametrize(
    "reply, option",
    [
        ("Yes, prints fine now, thanks.", "10"),  # control: 10 before and after
        ("No - I get the jam message on the second label.", "0"),  # a bare "No": fails
        ("Sorry, same as before.", "0"),  # the fault as it was
        ("Afraid I get the same jam message.", "0"),
        # a condition is no report of the fault (control: 10 before and after)
        ("Please close it, I'll raise a new one if the same fault comes back.", "10"),
        ("No jams since, thanks.", "10"),  # the problem gone (control)
    ],
)
def test_the_users_reply_to_the_desks_question(reply, option):
    comments = _journal("Additional comments", ("Priya Desk", _ASK), ("Tom Reyes", reply))
    assert _option(comments=comments) == option


def test_the_desks_question_alone_is_no_confirmation():
    assert _option(comments=_journal("Additional comments", ("Priya Desk", _ASK))) == "0"


@pytest.mark.parametrize(
    "kind, text, option",
    [
        # the user's word told to them (before: "you" never the user's side, 0)
        (
            "Work notes",
            "Hi Tom, I rang you after the swap and you confirmed the labels print straight again.",
            "10",
        ),
        (
            "Additional comments",
            "Thanks for confirming the labels print again, Tom. I'll close this now.",
            "10",
        ),
        # controls: a confirmation of something else, a question, a state, the present
        (
            "Additional comments",
            "Thanks for confirming. I've reset your kiosk PIN and texted it to you.",
            "0",
        ),
        ("Additional comments", "Hi Tom, thanks for confirming your badge number.", "0"),
        ("Additional comments", "Hi Tom, could you confirm the labels print now?", "0"),
        (
            "Work notes",
            "Hi Tom, you have limited rights on the print server, so I made the change for you.",
            "0",
        ),
        ("Work notes", "Hi Tom, you can now print labels again.", "0"),
    ],
)
def test_the_desk_writing_to_the_user(kind, text, option):
    field = "work_notes" if kind == "Work notes" else "comments"
    assert _option(**{field: _journal(kind, ("Priya Desk", text))}) == option


def test_the_callers_own_you_is_the_desk():
    comments = _journal(
        "Additional comments",
        ("Priya Desk", _ASK),
        ("Tom Reyes", "You changed the roller but the labels jam the same way."),
    )
    assert _option(comments=comments) == "0"


@pytest.mark.parametrize(
    "note, option",
    [
        # the Indian-English present continuous (before: 0)
        (
            "Have done the roller replacement. User is confirming labels are printing properly.",
            "10",
        ),
        ("Roller replaced. User is saying labels are coming out fine now.", "10"),
        ("Roller replaced. Requested user to revert back after testing.", "0"),  # control
        ("Roller replaced. User is reporting the same jam again.", "0"),  # control
        # a dictated note with no punctuation: the user's word in its last clause (before: 0)
        (
            "swapped the roller cleared the path tom printed his pallet labels he says all fine close it",
            "10",
        ),
        ("swapped the roller cleared the path asked tom to test and tell me if he gets a jam", "0"),
    ],
)
def test_desk_idioms(note, option):
    assert _option(work_notes=_journal("Work notes", ("Priya Desk", note))) == option


@pytest.mark.parametrize(
    "question, reply, option",
    [
        # a yes to whether the user can do it now is the user's word (before: 0)
        ("Hi Tom, are you able to print pallet labels again?", "Yes thanks", "10"),
        ("Hi Tom, is the printer feeding labels properly now?", "yes!", "10"),
        # controls: a yes to a request to try is a promise; an "OK thanks" acknowledges
        ("Hi Tom, can you print a test label and let me know?", "Yes", "0"),
        ("Hi Tom, is the printer feeding labels properly now?", "OK thanks", "0"),
    ],
)
def test_a_bare_answer_to_the_desks_question(question, reply, option):
    comments = _journal("Additional comments", ("Priya Desk", question), ("Tom Reyes", reply))
    assert _option(comments=comments) == option


@pytest.mark.parametrize(
    "thread, option",
    [
        # thanks after the user's word take nothing back (before: the newest reply, thanks
        # alone, decided: 0)
        (
            (
                ("Priya Desk", _ASK),
                ("Tom Reyes", "No jams on the last forty labels."),
                ("Priya Desk", "Great, I'll close this now."),
                ("Tom Reyes", "Thanks Priya!"),
            ),
            "10",
        ),
        # nor after a failure (control: 0 before and after)
        (
            (
                ("Priya Desk", _ASK),
                ("Tom Reyes", "Sadly it still jams every third label."),
                ("Tom Reyes", "Thanks"),
            ),
            "0",
        ),
        # the desk glad of what the user told it (before: 0)
        (
            (
                ("Priya Desk", _ASK),
                ("Priya Desk", "Good to hear the labels print cleanly again, Tom. Closing now."),
            ),
            "10",
        ),
    ],
)
def test_what_follows_the_users_word(thread, option):
    assert _option(comments=_journal("Additional comments", *thread)) == option
