"""A change whose object is only a word for a kind of thing ("Replaced hardware.", "Updated the
software.", "Changed settings."): R3's action on a generic object, which a reader could not
repeat (LABELLING.md R3), 5; the thing named ("Replaced the label printer's power supply",
"Recalibrated the label sensor") stays a fix, 10. Written here in a dental surgery
desk's words, not taken from the evaluation set; the expected options are a hand reading of the
rubric."""

import pytest

from tests.scoring.conftest import grade
from tqrs.rubric import load_rubric


@pytest.mark.parametrize(
    ("close_notes", "option"),
    [
        # only a kind of thing changed (was 10: read as a named fix)
        ("Replaced hardware.", "5"),
        # the same class, already read as generic by other readings
        ("Updated the software.", "5"),
        ("Changed settings.", "5"),
        # controls: the thing named is a fix
        ("Replaced the label printer's power supply.", "10"),
        ("Recalibrated the label sensor on the reception printer.", "10"),
    ],
)
def test_a_class_noun_alone_is_a_generic_object(make_ticket, close_notes, option):
    t = make_ticket(
        short_description="Label printer at reception 2 prints blank labels",
        description="Label printer at reception 2 prints blank labels since this morning.",
        close_notes=close_notes,
    )
    r = grade(load_rubric("incident_handling"), "resolution_quality", t)
    assert r.option == option, r.reasoning
