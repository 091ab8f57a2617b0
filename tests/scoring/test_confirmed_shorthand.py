"""The word "confirmed" clipped to its consonants ("cfmd", "cfm'd", "cnfmd", "cfrmd") is
shorthand for every reader (round uc41): the shared table of tqrs.rules.text spells it out as
it spells "conf'd" and "cnfrmd", so caller validation hears "line mgr cfmd her identity" as
it hears "... confirmed ..." (LABELLING.md, Logging audit rule 16: consonant skeletons are
shorthand; rule 2: a line manager confirming the identity), and the user confirmation reader
keeps hearing "usr cfmd". Written for these tests (a warehouse's handheld scanners), not taken
from the evaluation set."""

import pytest

from tests.scoring.conftest import confirmation_in_note, run
from tests.scoring.test_rule_readings import NOTES
from tqrs.judges.signals import spelled_out


@pytest.mark.parametrize(
    "text, spelled",
    [
        # the clipped forms, now in the shared table (before: left as written)
        ("ID cfmd w/ DOB", "id confirmed with date of birth"),
        ("usr cfm'd scanner OK", "user confirmed scanner ok"),
        ("cnfmd by mgr", "confirmed by manager"),
        ("Staff no CFRMD", "staff no confirmed"),
        # controls: the forms with a vowel (spelled before too), and words that hold the
        # letters but are no clipping
        ("conf'd w/ usr", "confirmed with user"),
        ("cfm the dob", "cfm the date of birth"),
        ("cfmdx and xcfmd", "cfmdx and xcfmd"),
    ],
)
def test_confirmed_clipped_is_shared_shorthand(text, spelled):
    assert spelled_out(text) == spelled


@pytest.mark.parametrize(
    "contact, note, option",
    [
        # rule 2: a line manager confirming the identity, the word clipped (before: 0)
        ("phone", "Line mgr cfmd her identity on his listed extension.", "10"),
        ("phone", "id cnfmd by line mgr on ext 5120", "10"),
        # controls: the word spelled out (10 before and after); a clipped "confirmed" of the
        # fix, no identity (0 before and after)
        ("phone", "Line mgr confirmed her identity on his listed extension.", "10"),
        ("phone", "scanner re-paired. usr cfmd scans OK.", "0"),
    ],
)
def test_caller_validation_hears_clipped_confirmed(
    make_ticket, logging_rubric, contact, note, option
):
    ticket = make_ticket(
        contact_type=contact, work_notes=NOTES + note, comments="", close_notes="Done."
    )
    assert run(logging_rubric, "caller_validation", ticket).option == option


_SCANNER = {
    "short_description": "Handheld scanner will not pair",
    "description": "Picker Joan Reyes's handheld scanner stopped pairing with the dock on "
    "aisle 4 after the firmware push; she cannot scan pallets.",
    "close_notes": "Re-paired the scanner with the aisle 4 dock after clearing its cache.",
    "caller": "Joan Reyes",
    "assigned_to": "Ken Adeyemi",
    "contact_type": "phone",
}


@pytest.mark.parametrize(
    "note, option",
    [
        # the user's word clipped, with or without the vowel (10; "cfmd" was read before
        # too, by the reader's own copy of the forms, now the shared one)
        ("scanner re-paired. usr cfmd scans OK. cls.", "10"),
        ("scanner re-paired. usr cnfmd pallets scan again. cls.", "10"),
        # controls: the fault still there, and the analyst's own clipped word (0)
        ("scanner re-paired. usr cfmd still not pairing. cls.", "0"),
        ("scanner re-paired, dock restarted. cfmd. cls.", "0"),
    ],
)
def test_user_confirmation_clipped_still_heard(note, option):
    assert confirmation_in_note(_SCANNER, note) == option
