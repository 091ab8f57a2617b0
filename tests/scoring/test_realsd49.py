"""Round realsd49: a short description of two parts ("<app> - <summary>") opens its summary as
a sentence does, so a long capitalised word there one slip from a common word is a
misspelling (LABELLING.md rule 16: capitals do not hide one); a name after a lone dash in
running text, and a word spelt right, stay unflagged. Written in a boatyard's words."""

import pytest

from tests.scoring.conftest import run
from tqrs.rubric import load_rubric
from tqrs.rules.spelling import misspellings


@pytest.mark.parametrize(
    "text, wrong",
    [
        # the summary after one part: its opening word read as a sentence's (fail on fcc8596)
        ("Chandlery - Reciept printer skips every second slip", ["reciept"]),
        ("Slipway winch | Hydraulc pump loses pressure overnight", ["hydraulc"]),
        # controls: the same lines spelt right, and a name after a lone dash in running text
        ("Chandlery - Receipt printer skips every second slip", []),
        ("Slipway winch | Hydraulic pump loses pressure overnight", []),
        ("Rang the yard foreman - Macpherson said the crane is back", []),
        # a name after the dash: a surname before its given name, a field's label
        ("Mooring fees - Wellcome, Morag", []),
        ("Berth booking denied - Bookingsy ID: 4471-ZX", []),
        # a list's line of a code and a name, its number at most after it: no sentence
        ("    K00317 - Sebastyan +48 58 000 0000", []),
        # three parts or more were read before and still are
        ("Marina - Pontoon B - Fuel dock - Reciept printer jams", ["reciept"]),
    ],
)
def test_the_summary_after_one_part_opens_as_a_sentence(text, wrong):
    assert misspellings(text)[0] == wrong


def test_the_repeat_in_the_description_counts_twice(make_ticket):
    """The slip in the summary and again in the description: two, a 5 (fails on fcc8596)."""
    ticket = make_ticket(
        short_description="Boatyard - Reciept printer skips slips",
        description="Position: Reciept printer skips slips at the fuel dock till.",
    )
    r = run(load_rubric("incident_quality"), "spelling_grammar", ticket)
    assert r.points == 5, r.reasoning


def test_one_slip_in_the_description_alone_keeps_full_points(make_ticket):
    ticket = make_ticket(
        short_description="Boatyard - Receipt printer skips slips",
        description="Position: Reciept printer skips slips at the fuel dock till.",
    )
    r = run(load_rubric("incident_quality"), "spelling_grammar", ticket)
    assert r.points == 10, r.reasoning
