"""The user's own words pasted into a work note (round uc36): a chat transcript's lines, the
caller's turn pasted alone, and a mail reply named and quoted. Written for these tests; each
expected option is a reader's of LABELLING.md's handling audit rule U4 (the user's own word
that it works or that the ticket may close: 10; the desk's words or a turn that still fails:
0)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.rubric import load_rubric

_ISSUE = {
    "short_description": "Label printer in the dispatch bay prints blank labels",
    "description": "Since the driver update the dispatch bay's label printer feeds blank "
    "labels, so parcels cannot leave.",
    "close_notes": "Rolled the label printer driver back to the previous version.",
    "caller": "Owen Pryce",
    "contact_type": "chat",
}


def _note(text: str, author: str = "Lena Holt") -> str:
    return f"2026-11-20 14:05:00 - {author} (Work notes)\n{text}"


@pytest.mark.parametrize(
    "work_notes, option",
    [
        # a transcript pasted whole: the caller's last turn says it prints (before: 0)
        (
            _note(
                "Chat with the user copied below:\n"
                "[2:01 PM] Owen Pryce: labels are coming out blank again\n"
                "[2:02 PM] IT Desk - Lena: I'll roll the driver back, one moment\n"
                "[2:04 PM] Owen Pryce: ok\n"
                "[2:06 PM] IT Desk - Lena: Done, can you print a test label?\n"
                "[2:07 PM] Owen Pryce: that one printed fine, all sorted, close it"
            ),
            "10",
        ),
        # the caller's one turn pasted alone, by name (before: 0)
        (
            _note("From the chat:\n[3:15 PM] Owen Pryce: labels print properly now, thanks"),
            "10",
        ),
        # the caller's reply named as a thing and quoted (before: 0)
        (
            _note('His answer, copied from the mail: "Printing again, you can close this."'),
            "10",
        ),
        # control: the caller's last turn says it still fails (0 before and after)
        (
            _note(
                "Chat with the user copied below:\n"
                "[2:01 PM] Owen Pryce: labels are coming out blank\n"
                "[2:06 PM] IT Desk - Lena: Driver rolled back, can you try again?\n"
                "[2:07 PM] Owen Pryce: still blank, same as before"
            ),
            "0",
        ),
        # control: only the desk's side says it works (0 before and after)
        (
            _note(
                "[2:06 PM] IT Desk - Lena: Driver rolled back, a test label should print now\n"
                "[2:07 PM] IT Desk - Lena: Closing this as the printer is working"
            ),
            "0",
        ),
    ],
)
def test_users_words_pasted_into_a_note(make_ticket, work_notes, option):
    t = make_ticket(**_ISSUE, work_notes=work_notes)
    r = grade(load_rubric("incident_handling"), "user_confirmation", t)
    assert r.option == option, r.reasoning
