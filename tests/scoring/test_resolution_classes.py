"""Resolution quality by class, written in several desks' words (a betting shop's, a retail
till's, an office's, a network operations centre's automation): each class is what the
rubric's options and LABELLING.md R2/R4 name, whatever words a desk uses for it.

- R4: a workaround told as a fix, the work sent to another one of the reported thing
  ("another browser, app, printer, till or desk"): 5, however specific its words;
- a change that fixes the reported thing, or moves something the issue does not name, stays
  a fix: 10;
- R2: a template's courtesy around "no issues were found" and "closing this ticket" names
  nothing done ("no fault found"): 0;
- R3: a named action on an object that names only a kind of thing, whatever follows it: a
  bare kind with another action after it ("Flushed the cache and submitted again"), a part
  named only by its device or fault ("Swapped scanner part"), advice named by its topic
  ("Gave advice on password managers"), an action repeated with nothing it acts on: 5; the
  thing named ("the Chrome cache", "the Qrator sync daemon was launched again") or advice
  that says what to do: 10.

Expected options are a reader's of the rubric's texts, not the tool's."""

import pytest

from tests.scoring.conftest import grade
from tqrs.rubric import load_rubric


@pytest.mark.parametrize(
    "short_description, close_notes, option",
    [
        # R4: the work sent to another one of the reported thing (before: the move read as the
        # fix, 10)
        (
            "Shop till 2 card reader not connecting",
            "Card payments moved to till 1's reader for the day; till 2 takes cash only.",
            "5",
        ),
        (
            "Card payments declined at tote window 4",
            "Customers switched over to window 5. Sign put up at window 4: cash only.",
            "5",
        ),
        (
            "Monitor at hot desk 12 keeps flickering",
            "Moved the user to desk 14 for today.",
            "5",
        ),
        (
            "Label printer in goods-in prints blank labels",
            "Label jobs rerouted to the spare printer in dispatch.",
            "5",
        ),
        # the workaround as the user lives it (before: "is now printing" read as a state
        # reached, 10)
        (
            "Printer #3 in the print room jams on every job",
            "User is now printing to printer #4 until the roller kit is fitted.",
            "5",
        ),
        # a fix of the reported thing, or a move of what the issue does not name: 10
        (
            "Shop till 2 card reader not connecting",
            "Replaced the card reader on till 2 (new serial 44A1); card payments go through.",
            "10",
        ),
        (
            "Mailbox full warning every morning",
            "Moved the user's mailbox to database DB04 with a 50 GB quota; warning cleared.",
            "10",
        ),
        # R2: a template around "no issues were found" (before: "pleased to inform you" read
        # as an action and its object, 10)
        (
            "Router unreachable at the roadhouse site",
            "We are pleased to inform you that we have successfully completed the health "
            "check of your device and no issues were found. We are now closing this ticket. "
            "Please do not hesitate to contact us.",
            "0",
        ),
        # a bare kind of thing, another action after it (before: 10)
        (
            "Expense claim export to the finance portal fails",
            "Flushed the cache and submitted again.",
            "5",
        ),
        # a part named only as a part (before: 10)
        ("Flatbed scanner leaves a grey line on scans", "Swapped scanner part.", "5"),
        ("Flatbed scanner leaves a grey line on scans", "Swapped the defective part.", "5"),
        # advice named by its topic only (before: 10)
        (
            "Staff member reused his banking password for the HR portal",
            "Gave advice on password managers.",
            "5",
        ),
        # controls: the thing named, advice that says what to do
        (
            "Expense claim export to the finance portal fails",
            "Flushed the Chrome cache and submitted again.",
            "10",
        ),
        (
            "Flatbed scanner leaves a grey line on scans",
            "Swapped the scanner's glass platen for a new one.",
            "10",
        ),
        # the thing written first, then "again": what was launched is named
        ("Nightly Qrator sync stopped", "The Qrator sync daemon was launched again.", "10"),
        (
            "Staff member reused his banking password for the HR portal",
            "Reset the HR portal password and gave advice to keep work passwords in the "
            "company password manager.",
            "10",
        ),
    ],
)
def test_resolution_classes(make_ticket, short_description, close_notes, option):
    t = make_ticket(
        short_description=short_description,
        description=f"{short_description}. Reported by the site this morning.",
        close_notes=close_notes,
    )
    r = grade(load_rubric("incident_quality"), "resolution_quality", t)
    assert r.option == option, r.reasoning
