"""A change made to the sign-in factor, written without an arrow ("I reset her Duo factor, and
she signed in ...", a desk's past perfect "I had reset his Okta Verify factor", the passive "the
Okta Verify factor had been re-enrolled"): account work on the factor, a step of the
troubleshooting (LABELLING.md, troubleshooting audit rule 5), not the caller's validation,
although the factor's name ("Okta Verify", "Duo") is a validation word when the caller approves
a push with it. Written here in a museum archive desk's words, not taken from the evaluation
set; the expected options are a hand reading of the rubric (three steps with their results: 20;
one or two: 10)."""

import pytest

from tests.scoring.conftest import grade

NOTES = "2026-05-11 09:40:00 - Nell Prior (Work notes)\n"

# one check with its finding before the factor's change and the sign-in that tests it
CHECK = "Checked the sign-in log: six denied pushes to the phone she handed in on Friday.\n"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the factor's change is a step: check, reset, sign-in (was 10: the reset read as
        # the caller's validation)
        ("I reset her Duo factor, and she signed in to the archive catalogue.", "20"),
        ("I had reset her Okta Verify factor, and she had signed in to the catalogue.", "20"),
        (
            "Her Okta Verify factor had been re-enrolled, after which she signed in to the "
            "archive catalogue.",
            "20",
        ),
        # controls: a push approved with the factor is the caller's validation, no step
        (
            "Okta Verify push approved on her registered phone, she signed in to the catalogue.",
            "10",
        ),
        ("Validated by Duo push, she signed in to the archive catalogue.", "10"),
    ],
)
def test_a_factor_changed_is_a_step_not_validation(make_ticket, handling_rubric, line, expected):
    r = grade(
        handling_rubric,
        "troubleshooting",
        make_ticket(work_notes=NOTES + CHECK + line + "\n"),
    )
    assert r.option == expected, r.reasoning
