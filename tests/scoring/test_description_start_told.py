"""Description quality: since when the fault is there, told without a written date (LABELLING.md
D1): a 24-hour clock time written without its colon, as a log or a control room writes it
("went down at 0640", "since about 2315"), and the start told by the event it came with ("it
started after the lunch break"). A four-digit quantity ("at 1200 dpi") and a clock time of
the log line itself (the stamp the note was written at) are no start. Wordings written here,
not taken from the evaluation set."""

import pytest

from tests.scoring.conftest import grade

START_TOLD = [  # symptom, since when, who or what it blocks, the device: 20
    (
        "Depot gate barrier rejects driver cards",
        "The entry barrier at the north depot gate (GATE-N1 reader) rejects every driver card "
        "with 'Card not recognised', first at 0540. Twelve drivers are queued outside and the "
        "first deliveries leave late.",
    ),
    (
        "Kitchen order screen blank",
        "The order screen over the grill (KDS-2) went blank at about 1915 and stays black "
        "after a power cycle. Chefs are reading tickets off the printer, service is slowed.",
    ),
    (
        "Label printer prints garbled barcodes",
        "The Zebra label printer on packing bench 3 prints garbled barcodes that the scanners "
        "reject. It started after the lunch break. The packers cannot ship "
        "the afternoon orders.",
    ),
]
NO_START = [  # the same kind of text, with no start told: 10
    (
        "Plotter prints faded lines",
        "The plotter in the drawing office (PLT-DO-1) prints faded lines at 1200 dpi. "
        "The architects cannot send the client drawings.",
    ),
    (
        "Kitchen order screen blank",
        "1930 KITCHEN LOG - the order screen over the grill (KDS-2) is blank and stays "
        "black after a power cycle. Chefs are reading tickets off the printer.",
    ),
]


CASES = [*((*case, "20") for case in START_TOLD), *((*case, "10") for case in NO_START)]


@pytest.mark.parametrize(("short", "description", "expected"), CASES)
def test_since_when_read_on_a_clock_without_its_colon_or_an_event(
    make_ticket, logging_rubric, short, description, expected
):
    ticket = make_ticket(short_description=short, description=description)
    assert grade(logging_rubric, "description_quality", ticket).option == expected
