"""One vocabulary for the person who raised the ticket named by role (tqrs.rules.caller_words,
round role45): each reader takes the same words, with its own policy. The confirmation reading
takes the desk's shorthand for the end user in any of its spellings ("enduser") as the
caller; the troubleshooting reading takes the caller's word relayed under the same shorthand
("The reporter confirmed ...") as no step of the desk's. Written here for
a garden centre's till, not taken from the evaluation set; the expected options are a hand
reading of the rubric (user confirmation: the user's own word that it works 10, none 0;
troubleshooting: three steps with their results 20, one or two 10). "client" as a program
("the till client crashed") is no caller and stays a step."""

import pytest

from tests.scoring.conftest import confirmation_in_note, grade
from tqrs.rules.caller_words import CLIENT, END_USER, EU, SHORTHAND, TITLES

_TILL = {
    "short_description": "Garden centre till 2 will not open the cash drawer",
    "description": "Since opening, till 2 at the garden centre does not open its cash "
    "drawer after a sale, so change is given from till 1. Raised by the shift supervisor.",
    "close_notes": "Replaced the drawer's solenoid cable; the drawer opens after each sale.",
    "caller": "Ines Varga",
    "assigned_to": "Tomas Reid",
    "contact_type": "phone",
}


def test_the_vocabulary_holds_each_word_once():
    words = [*TITLES, *SHORTHAND, EU, CLIENT]
    assert len(words) == len(set(words))
    assert END_USER in SHORTHAND


@pytest.mark.parametrize(
    "note, option",
    [
        # the end user written as one word, read as the caller (before: 0)
        ("Cable replaced. The enduser confirmed the drawer opens again.", "10"),
        ("CABLE REPLACED. ENDUSER CONFIRMED THE DRAWER OPENS AGAIN.", "10"),
        # controls (the same before and after): the shorthand already read, a user not
        # the caller, the fault still there
        ("Cable replaced. The end-user confirmed the drawer opens again.", "10"),
        ("Cable replaced. Tested a sale myself: the drawer opens.", "0"),
        ("Cable replaced. The enduser says the drawer still sticks.", "0"),
    ],
)
def test_the_end_user_in_one_word_is_the_caller(note, option):
    assert confirmation_in_note(_TILL, note) == option


_NOTES = "2026-11-20 10:00:00 - Tomas Reid (Work notes)\n"
# two steps of the desk's with their results: a check and a fix with its effect
_TWO_STEPS = (
    "Till 2 diagnostics: drawer solenoid draws no current.\n"
    "Replaced the solenoid cable -> solenoid draws current.\n"
)


@pytest.mark.parametrize(
    "relayed, option",
    [
        # the caller's word relayed under the desk's shorthand: no third step (before: 20)
        ("The reporter confirmed the drawer opens after every sale.", "10"),
        # controls (the same before and after): the shorthand already read; "client" as a
        # program, the desk's own third step with its result
        ("EU advised the drawer has opened all afternoon.", "10"),
        ("Reinstalled the till client on till 2 -> drawer opens on a sale.", "20"),
        ("The till client crashed on start, reinstalled it -> starts clean.", "20"),
    ],
)
def test_the_callers_word_under_the_shorthand_is_no_step(
    make_ticket, handling_rubric, relayed, option
):
    ticket = make_ticket(work_notes=_NOTES + _TWO_STEPS + relayed + "\n")
    r = grade(handling_rubric, "troubleshooting", ticket)
    assert r.option == option, r.reasoning
