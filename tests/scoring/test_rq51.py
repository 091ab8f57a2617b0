"""Close notes that only route the work (round rq51): the record moved on to a team ("Assigned
the incident to ..."), a person added to the record's watch list, another record's number as
the verb's only complement ("raised as ... under INC...", "implemented under CHG..."), a verb of
judging with "as" ("classified as duplicates"), and a template's line that restates the short
description ("Issue summary : <short description>") resolve nothing by themselves (LABELLING.md
R2: a pointer alone, a hand-over, a cause with no fix). Written for these tests in a trade no
ticket read uses (a parcel warehouse); a pointer or a hand-over beside a real fix keeps the fix
(R1)."""

import pytest

from tests.scoring.conftest import close_notes_ticket, grade
from tqrs.rubric import load_rubric


def _option(short_description: str, close_notes: str) -> str:
    ticket = close_notes_ticket(short_description, close_notes)
    return grade(load_rubric("incident_quality"), "resolution_quality", ticket).option


_SCANNER = "Handheld scanner rejects pallet labels"
_PRINTER = "Label printer in bay 4 prints blank labels"
_TERMINAL = "Forklift terminal locked after firmware upgrade"


@pytest.mark.parametrize(
    "short_description, close_notes",
    [
        # the record moved on to a team, a supervisor told (before: 10, "assigned the
        # incident to" read as a change)
        (
            _SCANNER,
            "Assigned the incident to the warehouse scanning team for review. Notified the "
            "logistics supervisor.",
        ),
        # a person added to the record's watch list (before: 10)
        (_SCANNER, "Added Priya Raman (priya.raman@example.org) to the incident watch list."),
        # a cause, then the issue already logged under another record (before: 10)
        (
            _PRINTER,
            "The carrier's address feed sends empty records. Already raised as a carrier label "
            "fault under INC0771234.",
        ),
        # a cause: a change, by its number, and the parent incident (before: 10)
        (
            _PRINTER,
            "This was caused by the template change implemented under CHG0051234 and is "
            "followed under the parent incident INC0771299.",
        ),
        # what the sorter took the barcodes for, no change (before: 10)
        (
            "Sorter diverts parcels to the wrong chute",
            "The parcel barcodes were classified as duplicates by the sorter.",
        ),
        # the template's summary line restating the issue, then a related record (before: 10)
        (_TERMINAL, f"Issue summary : {_TERMINAL}\nRelated record : INC0771999"),
        # a log attached to the record (before: 10)
        (
            "Picker cannot open the cold-store door",
            "Attached the door controller log to the ticket.",
        ),
    ],
)
def test_routing_or_a_pointer_alone_is_no_fix(short_description, close_notes):
    assert _option(short_description, close_notes) == "0"


@pytest.mark.parametrize(
    "short_description, close_notes",
    [
        # a fix with a problem record beside it
        (_PRINTER, "Restarted the print spooler on the bay 4 label printer; linked to PRB0041234."),
        # "assigned" with a thing as its object, not the record
        (
            "Forklift terminal cannot open the fleet portal",
            "Assigned the forklift licence to the new driver in the fleet portal.",
        ),
        # an object before the change number keeps the change
        (
            "Scanner firmware crashes on boot",
            "Patched the scanner firmware to 4.2 under CHG0051234.",
        ),
        # added to a group, not to the record
        (
            "Picker cannot open the cold-store door",
            "Added the picker to the cold-store access group.",
        ),
        # a passive's named subject is the verb's object: the drawing attached where asked
        (
            "Attach wiring drawing WD0045123 to change notice CN00077123",
            "WD0045123 has been attached under CN00077123 as requested.",
        ),
        # the first place after the object is where it went (the group); the record only
        # says where the work was written
        (
            "Pickers cannot open the chilled zone doors",
            "Pickers have been added to the chilled zone door group in the incident: INC0772001.",
        ),
        # the summary line aside, the fix on the next line is read
        (
            _TERMINAL,
            f"Issue summary : {_TERMINAL}\nSolution : unlocked the terminal account in the fleet "
            "portal.",
        ),
    ],
)
def test_a_fix_beside_a_pointer_stays_a_fix(short_description, close_notes):
    assert _option(short_description, close_notes) == "10"
