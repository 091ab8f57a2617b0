"""Round sd51: a one-part summary made of parts (bars, spaced dashes or colons, double slashes),
each of a few names, with a placeholder noun for its fault ("... - Dough Tray Issue") names
where and what area, not what fails: the three-name limit that guards a sentence whose verb the
lists do not know is read per part. A part reading a value after its label ("amber values:
target: 231, 228") is a measure's reading and keeps the summary specific, as an alert's
measure does. A backup asked for names what is wanted ("Recipe DB Backup"); "inconsistent" is
a state. Written in a bakery's and a commercial kitchen's words."""

import pytest

from tests.scoring.conftest import run
from tqrs.rubric import load_rubric

VAGUE = [
    # parts of a few names each and a placeholder noun (fail on 9cd1b52)
    "NBK||Ovens - Provers/Racks - Dough Tray Issue",
    "Pastry Room 2 - Blast Chiller Unit - Controller Support",
    "Bakehouse North - Tray Rack Labels - Label Stock Problem",
    # controls: vague before and after (a placeholder in one part of few names; one word)
    "Blast chiller issue",
    "Backup",
    "Pastry - issue",
]
SPECIFIC = [
    # a backup asked for, a state said (fail on 9cd1b52)
    "Recipe DB Backup",
    "Inconsistent till totals",
    # controls: specific before and after
    "Bakehouse North - Tray Rack Labels - Printer jams on every second label",
    "Proof room issue - Deck Oven: Three - Peak Heat - amber values: target: 231, 228",
    "Proving cabinet humidity too high overnight",
    "Walk-in freezer door alarm sounding constantly",
]


@pytest.mark.parametrize("sd", VAGUE)
def test_parts_of_names_and_a_placeholder_are_vague(make_ticket, sd):
    r = run(load_rubric("incident_quality"), "short_description", make_ticket(short_description=sd))
    assert r.option == "5", r.reasoning
    assert "too vague" in r.reasoning


@pytest.mark.parametrize("sd", SPECIFIC)
def test_a_request_or_a_state_or_a_reading_stays_specific(make_ticket, sd):
    r = run(load_rubric("incident_quality"), "short_description", make_ticket(short_description=sd))
    assert r.option == "10", r.reasoning
