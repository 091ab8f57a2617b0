"""Close notes that name no fix by their grammar or their structure (round rq52): an action
asked in a question ("Was the schedule changed?"), a word that only looks like a past tense
("indeed", "proceed"), a participle after "as" ("working as designed"), another record's
number as the verb's direct object ("linked PRB..."), a message sent with nothing said of
what it said ("Provided details on the request"), and the record set to a closed state ("set
to resolved") resolve nothing (LABELLING.md R2); a close template with every slot left blank is notes
missing. Written for these tests in a trade no ticket read uses (a container port); a real
fix beside any of them keeps the fix (R1)."""

import pytest

from tests.scoring.conftest import close_notes_ticket, grade, run
from tqrs.rubric import load_rubric

_RUBRIC = load_rubric("incident_quality")


def _quality(short_description: str, close_notes: str) -> str:
    ticket = close_notes_ticket(short_description, close_notes)
    return grade(_RUBRIC, "resolution_quality", ticket).option


_CRANE = "Crane booking portal shows wrong slot"
_BERTH = "Skipper cannot see the berth plan"
_GAUGE = "Tide gauge reading low at pier 3"
_GATE = "Gate scanner rejects pilot badges"
_CUSTOMS = "Customs portal upload fails"
_REEFER = "Reefer container alarm overnight"


@pytest.mark.parametrize(
    "short_description, close_notes",
    [
        # a message to the caller: its questions ask, they record nothing done
        (
            _CRANE,
            "Hi team,\nCould you send the delivery window? Was the crane schedule "
            "changed last week?\nThanks",
        ),
        # "indeed" ends in -ed and is an adverb
        (_BERTH, "No reply from the skipper, who does indeed see the berth plan now; closing."),
        # a participle after "as": a comparison, not an action
        (_GAUGE, "Action taken: None - gauge working as designed"),
        # another record's number as the direct object
        (_GATE, "linked PRB0098765"),
        # a message sent, nothing said of what it said
        (_GATE, "Provided details on the request."),
        # the record's state, and a mail sent on
        (_CUSTOMS, "Mail sent to the agent. Ticket set to resolved via the no-reply rule."),
    ],
)
def test_no_fix_named(short_description, close_notes):
    assert _quality(short_description, close_notes) == "0"


@pytest.mark.parametrize(
    "short_description, close_notes, option",
    [
        # a real fix beside a pointer, a message, a state or an "as" clause keeps the fix
        (_GAUGE, "Recalibrated the tide gauge at pier 3; mapped to PRB0012345", "10"),
        ("Crane PLC fault", "Reset the crane PLC and sent the fault log to the vendor.", "10"),
        (
            "Gate badge disabled for pilot",
            "As requested, re-enabled the gate badge for the pilot.",
            "10",
        ),
        (
            _CUSTOMS,
            "Ticket set to resolved after the upload size limit was raised to 50 MB on the portal.",
            "10",
        ),
        # "agreed" is a past tense ("agree" + "d")
        (
            "Berth window wrong for MV Orca",
            "Agreed the new berth window with the harbour master and updated the berth plan.",
            "10",
        ),
        # a thing aimed elsewhere is set (R4: a change by IT); a person pointed is guided
        (
            "Crane terminal shows no lift data",
            "Pointed the crane terminal's data feed at the backup gateway plc-gw-02 instead "
            "of the failed one; lift data back on screen.",
            "10",
        ),
        ("Crane terminal shows no lift data", "Pointed the user at the harbour web app.", "5"),
        # a question mark inside a word is a character lost in the export or a web
        # address's query, no question: the fix beside it stands
        (
            _GATE,
            "Gate log shows rejects from 06:40?AM. Re-seated the gate scanner's badge reader "
            "and cleared its cache at portal/login?next=%2F; pilots badge through again.",
            "10",
        ),
        # "no changes needed" alone says nothing of what happened (R2)
        (_REEFER, "No changes needed.", "0"),
    ],
)
def test_controls(short_description, close_notes, option):
    assert _quality(short_description, close_notes) == option


_BLANK_FORM = (
    "Problem found:\nWork done:\nCargo affected:\nClosed on:\nClosed by:\nAgreed with:\n"
    "Follow-up needed:"
)


def test_a_close_form_left_blank_is_no_notes():
    ticket = close_notes_ticket(_CRANE, _BLANK_FORM)
    assert run(_RUBRIC, "resolution_notes", ticket).option == "0"
    assert _quality(_CRANE, _BLANK_FORM) == "0"


@pytest.mark.parametrize(
    "close_notes",
    [
        # one line ending with its colon introduces what follows
        "All berth plans have been moved to:\n\\\\port-fs01\\plans\\2026",
        # a form with one slot filled
        "Problem found:\nWork done: re-seated the gate scanner's network cable\nClosed by:",
    ],
)
def test_a_form_with_text_keeps_its_notes(close_notes):
    assert run(_RUBRIC, "resolution_notes", close_notes_ticket(_GATE, close_notes)).option == "10"


@pytest.mark.parametrize(
    "close_notes, option",
    [
        # a verb done to what the issue names, with "to" and a state word: a change (R1)
        ("The jammed gate cycle was forced to complete.", "10"),
        ("Reefer plug sequence pushed to complete from the control panel.", "10"),
        # a verb that puts the record in a state: no fix (R2), as before
        ("Booking case moved to closed.", "0"),
        ("Record set to resolved after three reminders.", "0"),
    ],
)
def test_only_a_verb_of_setting_a_state_makes_to_complete_the_records_state(close_notes, option):
    # the lead's read of the merge's golden moves: "Stuck workflow has been forced to
    # complete." (a real close note) had gone 10 -> 0 as "set to resolved" had.
    assert _quality("Gate cycle stuck at lane 4", close_notes) == option
