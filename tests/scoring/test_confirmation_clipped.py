"""The user's word as clipped shift notes write it (round uc40): "confirmed" with its vowels
dropped ("usr cfmd"), a bare "cfmd." whose subject is the user's act just before, the user on
a call with an arrow to what they report ("Priya on radio -> gate opens", also when the arrow
wraps onto the next line), and, on an issue of a thing missing, the user seeing it ("she sees
it in the portal"); a hand-over template's "Shift: days" label is no speaker (LABELLING.md,
handling audit U3-U5). Written for these tests (a depot's gate badge reader and a rota
portal), not taken from the evaluation set; the fault still there and the analyst's own
"cfmd" are 0."""

import pytest

from tests.scoring.conftest import confirmation_in_note

_GATE = {
    "short_description": "Gate badge reader rejects driver badges",
    "description": "Since the night shift the badge reader at the north gate of the depot "
    "rejects Priya Nair's badge and her crew's, so the gate is opened by hand.",
    "close_notes": "Replaced the reader's controller board; badges read at the north gate.",
    "caller": "Priya Nair",
    "assigned_to": "Tom Okafor",
    "contact_type": "phone",
}
_ROTA = {
    "short_description": "Rota missing in staff portal",
    "description": "Agency driver Sam Lowe's December rota has not appeared in the staff "
    "portal; Priya Nair raised it for him.",
    "close_notes": "Republished the December rota for the agency drivers' group.",
    "caller": "Priya Nair",
    "assigned_to": "Tom Okafor",
    "contact_type": "phone",
}


@pytest.mark.parametrize(
    "issue, note, option",
    [
        # "confirmed" clipped, with the user as its subject (before: 0)
        (_GATE, "ctrl board swapped. usr cfmd gate opens OK. cls.", "10"),
        # clipped, after the user's act in the same sentence (before: 0)
        (_GATE, "ctrl board swapped. usr drove through, cfmd OK. cls.", "10"),
        # a bare "cfmd." after a sentence whose subject is the user (before: 0)
        (_GATE, "ctrl board swapped. usr drove up to the barrier. cfmd. cls.", "10"),
        # the user on the radio, an arrow to what she reports (before: 0)
        (_GATE, "Board replaced; Priya on radio -> reader green, gate opens", "10"),
        # the same with the arrow wrapped onto the next line (before: 0)
        (
            _GATE,
            "Board replaced, reader restarted; Priya on radio\n-> reader green, gate opens",
            "10",
        ),
        # a thing missing, seen by the affected user through the caller (before: 0)
        (_ROTA, "Rota republished; Priya told Sam -> he sees them on his phone.", "10"),
        # a hand-over template: "Shift: days" is the shift's name, no word of the user
        # (before: 10)
        (_GATE, "Shift: days | Status: resolved | Done: board replaced | Outstanding: none", "0"),
        # controls: the fault still there, the analyst's own "cfmd", an error seen (0 before
        # and after); the word spelled out (10 before and after)
        (_GATE, "ctrl board swapped. usr cfmd still rejected. cls.", "0"),
        (_GATE, "ctrl board swapped, reader restarted. cfmd. cls.", "0"),
        (_GATE, "Board replaced; Priya on radio -> still rejected at the gate", "0"),
        (_ROTA, "Rota republished; Priya told Sam -> he sees an error on his phone.", "0"),
        (_GATE, "Board replaced. Priya confirmed the gate opens for her crew.", "10"),
    ],
)
def test_clipped_confirmation(issue, note, option):
    assert confirmation_in_note(issue, note) == option
