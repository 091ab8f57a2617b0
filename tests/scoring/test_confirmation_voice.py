"""The user's success on the call as two new desks write it (lead round of 2026-12-06): a
formal report in the passive voice ("a test push was approved by the caller") and a desk's
shorthand for the customer ("cx"). Written for these tests in those desks' shapes; each
expected option is a reader's of LABELLING.md's handling audit rule U5 (the user's success
seen while the desk is with them: 10) and U4 (the user's word: 10); an act of the desk's or a
check of the caller's identity is no confirmation (0)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.rubric import load_rubric

_ISSUE = {
    "short_description": "Cannot sign in to the rota system after the phone was replaced",
    "description": "Since Monday the MFA prompts go to the old phone, so Priya cannot sign in "
    "to the rota system from her laptop.",
    "close_notes": "The old phone was removed from the MFA account and the app was activated "
    "on the new phone.",
    "contact_type": "phone",
}


def _notes(*lines: str) -> str:
    return "\n\n".join(
        f"2026-11-0{i + 2} 10:0{i}:00 - Alex Desk (Work notes)\n{line}"
        for i, line in enumerate(lines)
    )


@pytest.mark.parametrize(
    "work_notes, option",
    [
        # U5 in the passive voice: the user's act told with the user as its agent (before: no
        # subject read, 0)
        (
            _notes(
                "The caller's identity was established by her staff number and her line "
                "manager's name, both matched in the HR system.",
                "The app was activated on the new phone and a test prompt was approved by the "
                "caller. A sign-in to the rota system was then completed by her.",
            ),
            "10",
        ),
        # U4 in shorthand: the customer's own word (before: "cx" not read as the user, 0)
        (
            _notes(
                "cb cx on mob from HR rec, vfd emp# + line mgr. ok.",
                "removed old ph from MFA, activation sms to new ph. rota sign-in tested.",
                'cx replied in portal "all working now, thanks".',
            ),
            "10",
        ),
        # the desk's own acts in the passive voice, and the caller's identity confirmed by
        # someone: no word or success of the user's (0)
        (
            _notes(
                "The caller's identity was confirmed by the user's manager.",
                "The old phone was removed by the analyst and the app was activated.",
            ),
            "0",
        ),
    ],
)
def test_user_success_in_passive_voice_and_shorthand(make_ticket, work_notes, option):
    t = make_ticket(**_ISSUE, work_notes=work_notes)
    r = grade(load_rubric("incident_handling"), "user_confirmation", t)
    assert r.option == option, r.reasoning
