"""A desk that writes every note under the same headings ("Symptom: / Diagnosis: / Action
taken: / Outcome: / Next step:"), read by its labels (tqrs.judges.field_parts): the Symptom
line restates the issue, no step (LABELLING.md, troubleshooting audit rule 1); a heading
filled with a placeholder ("As reported.", "TBC", "Looking into it.", "None further.") holds
nothing; a Diagnosis holds the checks and their findings as any line of the record.

Written here in our own wording (a library's self-service kiosks, a swimming pool's booking
tills), not taken from the evaluation set; the expected options are a hand reading of the
rubric and the audit (20 needs three steps with their outcome written, 0 none)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.judges.field_parts import fields_read


def _notes(*entries: str) -> str:
    return "\n\n".join(
        f"2025-06-03 {9 + i:02d}:05:00 - Ned Analyst (Work notes)\n{x}"
        for i, x in enumerate(reversed(entries))
    )


def test_symptom_and_placeholders_are_read_off():
    text = (
        "Symptom: Self-service kiosk 2 rejects every library card since opening.\n"
        "Diagnosis: As reported.\n"
        "Action taken: None further.\n"
        "Outcome: Borrower told.\n"
        "Next step: TBC"
    )
    assert [x for x in fields_read(text).split("\n") if x.strip()] == []
    found = "Symptom: Till offline.\nDiagnosis: Till log shows the card reader unplugged."
    assert fields_read(found) == "Till log shows the card reader unplugged."


# (the notes, newest first; the option by hand)
CASES = {
    # two notes whose headings restate the issue or hold placeholders; the only action is
    # taking the ticket and a call with no answer: no step with its result, 0 (20 before:
    # each heading's line read as a step with its outcome)
    "placeholders only": (
        (
            "Symptom: As reported.\nDiagnosis: Looking into it.\nAction taken: Assigned to "
            "myself.\nOutcome: -\nNext step: Update later.",
            "Symptom: Kiosk 2 in the lending hall rejects every library card.\n"
            "Diagnosis: Pending\nAction taken: Rang the branch manager, no answer.\n"
            "Outcome: N/A\nNext step: Try again tomorrow.",
        ),
        "0",
    ),
    # one check with its finding and a request still awaiting its reply; the symptom lines
    # restate the issue: some troubleshooting, 10 (20 before: the two symptom lines counted)
    "one finding": (
        (
            "Symptom: Booking tills at the pool take no card payments since 07:00.\n"
            "Diagnosis: Payment gateway status page shows the merchant account suspended.\n"
            "Action taken: Asked the card acquirer to lift the suspension.\n"
            "Outcome: Awaiting reply.\nNext step: Chase the acquirer.",
            "Symptom: As above, cash only at the front desk.\nDiagnosis: TBC\n"
            "Action taken: None further.\nOutcome: Duty manager informed.\nNext step: Close.",
        ),
        "10",
    ),
    # control: the kiosk's log read with its finding, the card reader reseated with its
    # effect, a test loan with its result: three steps with results, 20 before and after
    "three steps (control)": (
        (
            "Symptom: Kiosk 2 rejects every library card.\n"
            "Diagnosis: Kiosk event log shows the RFID reader disconnected since 08:55.\n"
            "Action taken: Reseated the RFID reader's USB cable.\n"
            "Outcome: Reader detected, status light green.\nNext step: Test a loan.",
            "Symptom: As above.\nDiagnosis: N/A\n"
            "Action taken: Issued a test loan with a staff card on kiosk 2.\n"
            "Outcome: Loan recorded, receipt printed.\nNext step: None.",
        ),
        "20",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_template_headings_are_read_by_their_labels(name, make_ticket, handling_rubric):
    entries, expected = CASES[name]
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=_notes(*entries)))
    assert r.option == expected, r.reasoning
