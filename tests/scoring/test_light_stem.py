"""One light stem for the readers that match a word's other forms within a ticket (the
confirmation reader's issue words, the resolution reader's words of the notes and the
journal): `tqrs.rules.text.light_stem` cuts the first ending that fits where four letters or
more stay. Expected values worked out by hand from that rule."""

import pytest

from tqrs.judges.confirmation import _stem
from tqrs.judges.resolution import _ENDINGS
from tqrs.rules.text import light_stem


@pytest.mark.parametrize(
    "word, stem",
    [
        ("printing", "print"),
        ("cases", "case"),  # "es" would leave "cas": three letters, so "s"
        ("scanners", "scanner"),  # the default endings have no "ers"
        ("bus", "bus"),  # too short for any ending
        ("noted", "noted"),  # "not" is too short; "d" is no ending
        ("forwarded", "forward"),
    ],
)
def test_light_stem_cuts_the_first_ending_that_leaves_four_letters(word, stem):
    assert light_stem(word) == stem


def test_the_resolution_reader_cuts_er_and_ers_too():
    assert light_stem("scanners", _ENDINGS) == "scann"
    assert light_stem("printer", _ENDINGS) == "print"
    assert light_stem("printer") == "printer"


def test_the_confirmation_reader_stems_the_word_in_lower_case():
    assert _stem("Printing") == "print"
