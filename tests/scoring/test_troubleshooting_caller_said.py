"""The caller's word relayed by the desk in the third person, the caller named by role ("EU
advised ...", "Customer replied: ...", "The end user reported ..."): the caller's report or
confirmation, no step of the desk's (LABELLING.md, troubleshooting audit rule 1; the caller's
own "works now" is user confirmation, not a step). Written here in a county library desk's
words, not taken from the evaluation set; the expected options are a hand reading of the rubric
(three steps with their results: 20; one or two: 10)."""

import pytest

from tests.scoring.conftest import grade

NOTES = "2026-03-02 10:15:00 - Ade Lund (Work notes)\n"

# two steps of the desk's with their results: a check and a fix with its effect
TWO_STEPS = (
    "Kiosk event log: paper sensor fault at 09:12.\nReseated the receipt roll -> sensor clear.\n"
)


@pytest.mark.parametrize(
    ("relayed", "expected"),
    [
        # the caller's confirmation relayed: no third step (was 20)
        ("EU advised the self-issue kiosk prints receipts again.", "10"),
        ('Customer replied: "the receipts come out fine now, thanks."', "10"),
        ("The end user reported the kiosk has printed all morning.", "10"),
        ("Requester confirmed the receipts print, happy to close.", "10"),
        # controls: the desk's own third step, in the third person or as a test, stays a step
        ("Engineer printed a test receipt from the kiosk, prints clean.", "20"),
        ("Test receipt printed from the kiosk -> clean.", "20"),
    ],
)
def test_the_callers_word_relayed_is_no_step(make_ticket, handling_rubric, relayed, expected):
    r = grade(
        handling_rubric,
        "troubleshooting",
        make_ticket(work_notes=NOTES + TWO_STEPS + relayed + "\n"),
    )
    assert r.option == expected, r.reasoning
