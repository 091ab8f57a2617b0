"""The user's confirmation read by its parts where two unseen desks wrote it (round uc34 of
2026-12-06): who acts (the caller, a person the analyst guided, the caller with a title), what
is confirmed (one closure clause among others), and whether a checklist's box is ticked. Each
note is written for these tests; each expected option is a reader's of LABELLING.md's
handling audit rules U4 (the user's word: 10) and U5 (the user's success seen while the desk
is with them: 10). An unticked box, or the analyst's own test, is no confirmation (0)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.rubric import load_rubric

_LABELS = {
    "short_description": "Dock label printer not printing shipping labels",
    "description": "Since the driver update the label printer at dock 2 prints nothing: "
    "shipping labels queue and never print, so parcels are held.",
    "close_notes": "The driver update had reset the printer's port; the port was set back and "
    "the queue cleared.",
    "contact_type": "phone",
    "caller": "Grace Okafor",
}


def _notes(*lines: str) -> str:
    return "\n\n".join(
        f"2026-11-0{i + 2} 10:0{i}:00 - Sam Desk (Work notes)\n{line}"
        for i, line in enumerate(lines)
    )


def _option(make_ticket, work_notes: str, **fields) -> str:
    t = make_ticket(**{**_LABELS, **fields}, work_notes=work_notes)
    return grade(load_rubric("incident_handling"), "user_confirmation", t).option


@pytest.mark.parametrize(
    "work_notes, option",
    [
        # a ticked box whose item, after its label and a dash, tells the caller's success
        (
            _notes(
                "[x] Port reset to USB001 and queue cleared",
                "[x] Labels - the caller printed a batch of shipping labels at dock 2",
            ),
            "10",
        ),
        # the same item with its box left empty: not done, so not read (0; 10 before, when
        # the box was no part of the reading)
        (
            _notes(
                "[x] Port reset to USB001 and queue cleared",
                "[ ] caller confirmed the shipping labels print",
            ),
            "0",
        ),
        # the caller, named with a title, as the agent of a passive clause: her own act
        (
            _notes(
                "The port was set back to USB001 and the queue was cleared.",
                "A batch of shipping labels was then printed by Mrs Okafor at dock 2.",
            ),
            "10",
        ),
        # the identity check and the user's act in one line: the act is its own sentence
        (
            _notes(
                "Identity checked by a push to her registered phone, which she approved. "
                "The shipping labels were then printed by her at dock 2.",
            ),
            "10",
        ),
        # two closure clauses, the first about staff (no identity confirmed: the second is read)
        (_notes("customer confirms the staff rota labels printed, ok to close."), "10"),
        # shorthand: the customer's present act with its result after an arrow
        (_notes("port back to USB001.", "cust printing labels at dock 2 -> ok"), "10"),
        # the caller's check and, in the same clause, her word (U4)
        (
            _notes(
                "Queue cleared. Grace checked the dock printer and says great, you can close it."
            ),
            "10",
        ),
        # a question about the user's act, not her act (10 before: the passive clause was
        # read in the active voice, question word and all)
        (_notes("Port set back. Which labels were printed by the caller after that?"), "0"),
        # controls (0 before and after): the user's word about another incident; the
        # analyst's own test after a ticked box
        (_notes("Port set back. The caller rang about INC4410227 and said it was fixed."), "0"),
        (
            _notes(
                "[x] Port reset - test page printed from my PC",
                "[x] Queue cleared - labels printed from the admin console",
            ),
            "0",
        ),
    ],
)
def test_user_confirmation_read_by_its_parts(make_ticket, work_notes, option):
    assert _option(make_ticket, work_notes) == option


def test_a_person_guided_through_the_fix_is_on_the_users_side(make_ticket):
    """The person the analyst talked through the fix (not the caller: the caller is the
    supervisor who rang) doing what had failed is the user's success (U5: 10)."""
    notes = _notes(
        "Talked Omar through re-adding the printer on the dock PC.",
        "[x] Printing - Omar printed the held shipping labels at dock 2",
    )
    assert _option(make_ticket, notes, caller="Grace Okafor") == "10"


@pytest.mark.parametrize(
    "work_notes, option",
    [
        # the user's success told as the analyst's observation, no agent written (U5: 10;
        # 0 before)
        (_notes("Port set back. A batch of shipping labels was seen to print at dock 2."), "10"),
        # what the analyst reads in a log, and a failure seen: no success of the user's (0)
        (_notes("Port set back. A successful print was observed in the server logs."), "0"),
        (_notes("Port set back. No shipping label was seen to print."), "0"),
    ],
)
def test_the_users_success_observed_without_an_agent(make_ticket, work_notes, option):
    assert _option(make_ticket, work_notes) == option
