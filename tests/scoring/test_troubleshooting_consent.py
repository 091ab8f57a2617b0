"""The caller's consent to close, told in the desk's own note ("ok to close", "she is happy
for us to close", "you can close it"), is the caller's acceptance, which user confirmation
reads, and no check or change of the desk's (LABELLING.md, troubleshooting audit rule 1: the
caller's words are no step). Written here in a school desk's words, not taken from the
evaluation set; the expected options are a hand reading of the rubric (three steps with their
results: 20; one or two: 10)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.judges import step_parts

ENTRY = "2026-05-12 14:05:00 - Ana Ruiz (Work notes)\n"

# Two steps with their results, then a line that only carries the teacher's consent.
TWO_STEPS = (
    "Projector menu in room 14 -> input set to VGA, no HDMI source.\n"
    "Set the input to HDMI 1 -> laptop picture on the wall.\n"
)


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        # the consent read as what a check found ("fine"), or the caller's word run into it
        # ("shows"): no step, two steps with results remain
        ("Mr Okafor checked, fine to close.", "10"),
        ("mr okafor says the room screen shows it now fine to close", "10"),
        # controls: the consent alone was no step before either; a test told before the
        # consent keeps its step
        ("He says you can close it now.", "10"),
        ("Ran a slideshow for ten minutes, no flicker, ok to close.", "20"),
        ("Mr Okafor played the video with sound -> works. Happy to close.", "20"),
    ],
)
def test_the_callers_consent_to_close_is_no_step(make_ticket, handling_rubric, last, expected):
    t = make_ticket(caller="Daniel Okafor", work_notes=ENTRY + TWO_STEPS + last + "\n")
    r = grade(handling_rubric, "troubleshooting", t)
    assert r.option == expected, r.reasoning


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("OK to close.", ""),
        (
            "Swapped the toner, test page clean, she is fine to close.",
            "Swapped the toner, test page clean",
        ),
        ("Printed the rota (OK, he is happy to close)", "Printed the rota (OK"),
        ("Good to close per caller.", ""),
        # no consent: "close" on a thing, or a plan
        (
            "Closed the old session on the terminal server.",
            "Closed the old session on the terminal server.",
        ),
        (
            "Ready to close the valve once the pump stops.",
            "Ready to close the valve once the pump stops.",
        ),
    ],
)
def test_without_consent_reads_off_the_consent_clause_only(sentence, kept):
    assert step_parts.without_consent(sentence) == kept
