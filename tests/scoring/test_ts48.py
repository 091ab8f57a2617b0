"""What counts as a troubleshooting step with its result (round ts48), read from the record's
structure: the call-back that carried the caller's validation is a contact, no step, also when
the validation is written in the same sentence; a template's line that states the problem
("Symptom: ...", "S: ..." in a form of one-letter headings) is the problem as reported, and a
heading with a placeholder under it ("Diagnosis: Looking into it.") is no step; a clause whose
verb is still to come ("..., will be delivered Friday") is a promise; a job "re-run" is a
change of its own in a comma run. LABELLING.md, troubleshooting audit rules 1, 6 and 7.
Written here in a theatre's trade, not taken from the evaluation set; the expected options
are a hand reading of the rubric and the audit (rule 7: 20 needs three steps with their
outcome written)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.judges.troubleshooting import troubleshooting_steps

NOTES = "2025-05-12 19:05:00 - Rhea Analyst (Work notes)\n"


@pytest.mark.parametrize(
    "notes",
    [
        # the call-back with the validation beside it, one finding, one fix with its effect
        "Called Ines back on her mobile as per the crew onboarding record, validated by staff "
        "ID TH-40112 and date of birth.\n"
        "Lighting desk LX-2 log: show file at 98% memory.\n"
        "Purged the unused palettes -> cue 40 runs.",
        # a template: the problem stated under its heading, one finding, one fix with effect
        "Symptom: Lighting desk LX-2 freezes at cue 40.\n"
        "Diagnosis: desk log shows the show file at 98% memory.\n"
        "Action taken: purged the unused palettes -> cue 40 runs.",
        # one-letter headings: the situation, then the work
        "S: Fly bar 3 controller shows fault E21 since 18:00.\n"
        "A: Checked the motor controller log -> overcurrent trip at 4.2 A.\n"
        "R: Raised the trip limit to 5 A -> bar runs full height.",
    ],
)
def test_the_call_back_and_the_problem_stated_are_no_steps(make_ticket, handling_rubric, notes):
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes))
    assert r.option == "10", r.reasoning


def test_placeholders_under_a_template_heading_are_no_steps(make_ticket):
    notes = (
        "Symptom: As reported.\nDiagnosis: Looking into it.\nOutcome: -\nNext step: Update later."
    )
    assert troubleshooting_steps(make_ticket(work_notes=NOTES + notes, comments=""))[1] == []


def test_a_promise_after_an_order_is_no_step(make_ticket):
    notes = "Replacement lamp ordered from the supplier (PO 5521), will be delivered Friday."
    steps = troubleshooting_steps(make_ticket(work_notes=NOTES + notes, comments=""))[0]
    assert not any("delivered" in s for s in steps), steps


def test_a_job_re_run_in_a_comma_run_is_a_step_of_its_own(make_ticket, handling_rubric):
    """A finding, a stale cue removed and the playback re-run with its result: three (20)."""
    notes = (
        "Playback log: cue 12 points to a deleted sound file.\n"
        "Stale cue removed from the list, playback re-run -> all 60 cues fire, 0 errors."
    )
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes))
    assert r.option == "20", r.reasoning


@pytest.mark.parametrize(
    "notes",
    [
        # a drive letter is no heading of a template
        "S:\\Shows\\Winter folder -> opens for the stage manager.\n"
        "Lighting desk LX-2 log: show file at 98% memory.\n"
        "Purged the unused palettes -> cue 40 runs.",
        # what a thing checked showed, under its name
        "Vendor status page: no incident.\n"
        "Lighting desk LX-2 log: show file at 98% memory.\n"
        "Purged the unused palettes -> cue 40 runs.",
        # a purpose, and the reader addressed, are no promise
        "To be sure the backup is usable I restored one show file to the spare desk -> loads.\n"
        "You will see that I checked the desk log first: show file at 98% memory.\n"
        "Purged the unused palettes -> cue 40 runs.",
        # a check written under the problem's heading, with its result after an arrow
        "Symptom: test cue on the spare desk -> freezes at cue 40 too.\n"
        "Lighting desk LX-2 log: show file at 98% memory.\n"
        "Purged the unused palettes -> cue 40 runs.",
    ],
)
def test_controls_keep_three_steps(make_ticket, handling_rubric, notes):
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes))
    assert r.option == "20", r.reasoning


def test_a_hand_over_with_what_the_other_team_is_to_do_is_no_step(make_ticket, handling_rubric):
    """A reproduction with its result, the hand-over, the fix with its effect: two (10)."""
    notes = (
        "Test cue from the spare desk -> hoist 2 stops at half height here too.\n"
        "Passed to the venue admins to look at the hoist controller.\n"
        "Replaced the hoist limit switch -> hoist 2 runs full height."
    )
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes))
    assert r.option == "10", r.reasoning


def test_a_notice_sent_to_a_team_stays_a_step(make_ticket, handling_rubric):
    """Security told of the stolen tablet is a procedure action done (audit rule 6): with a
    finding and a fix with its effect, three (20)."""
    notes = (
        "Sent email to security team for the stolen prompt-side tablet.\n"
        "Lighting desk LX-2 log: show file at 98% memory.\n"
        "Purged the unused palettes -> cue 40 runs."
    )
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes))
    assert r.option == "20", r.reasoning


def test_the_callers_words_quoted_under_their_name_are_no_step(make_ticket, handling_rubric):
    """The caller's 'works now' quoted in a note is confirmation, not a step: a finding and
    a fix with its effect are two (10)."""
    notes = (
        'Marta: "cue 40 runs fine now, thanks".\n'
        "Lighting desk LX-2 log: show file at 98% memory.\n"
        "Purged the unused palettes -> cue 40 runs."
    )
    t = make_ticket(caller="Marta Quill", work_notes=NOTES + notes)
    r = grade(handling_rubric, "troubleshooting", t)
    assert r.option == "10", r.reasoning


def test_another_persons_words_quoted_stay(make_ticket):
    notes = 'Owen: "hoist 2 runs full height on the spare controller".'
    t = make_ticket(caller="Marta Quill", work_notes=NOTES + notes, comments="")
    assert troubleshooting_steps(t)[0], "a colleague's check quoted is read as before"
