"""Caller validation read by its parts (tqrs.rules.caller_parts): a call-back to a number whose
source is written, or identity facts matched against a record, in words no earlier phrase list
held. The wordings follow what public service-desk identity-verification procedures ask for
(call the user back on a number held on record, not one they give; two facts such as a staff
number and date of birth checked against the HR or directory record; LABELLING.md, Logging
audit rules 2, 3 and 6), written here, not taken from the evaluation set."""

import pytest

from tests.scoring.conftest import run
from tests.scoring.test_logging_audit_rules import _critical_process
from tests.scoring.test_rule_readings import NOTES
from tqrs.rules.caller_parts import composed


def _option(make_ticket, rubric, note: str) -> str:
    ticket = make_ticket(
        contact_type="phone", work_notes=NOTES + note, comments="", close_notes="Done."
    )
    return run(rubric, "caller_validation", ticket).option


@pytest.mark.parametrize(
    "note",
    [
        # a call-back whose number's source is written, in any words
        "Verified the caller by phoning back on the extension shown in the staff phone list.",
        "Rang him back on his direct line, taken from the GAL.",
        "Returned the call to the landline kept in the tenant CRM for this site.",
        "Site office handset 4471 rung back (contacts sheet).",
        # two facts, one not public, matched against a record, named or not
        "Staff no. and DOB agree with the personnel file.",
        "Payroll number and last four digits of the bank account tally with SAP.",
        "Customer number and date of birth as on the account.",
        "Caller's student number and date of birth were the same as in the student record system.",
        "Works number 5512 and date of birth, both fine against iTrent.",
        # both at once
        "Rang back on the landline from the CRM; account number and postcode correct.",
        # facts given on a call-back the desk made (the number's source not written)
        "Thanks for picking up when I called you back, and for your staff number and birth date.",
    ],
)
def test_a_validation_read_by_its_parts(make_ticket, logging_rubric, note):
    """All of these were 0 (no validation documented) or left open before the parts."""
    assert _option(make_ticket, logging_rubric, note) == "10"


@pytest.mark.parametrize(
    "note",
    [
        "Could not call back on the number from the phone sheet.",
        "Will ring her back on the extension from the phone list to validate.",
        "Rang back on her mobile from the phone sheet, no answer.",
        "Staff number and DOB did not match HR.",
        "Rang her back on her mobile.",  # rule 3: the number's source not written
        "Called him back on his mobile from the car park.",
        "Caller gave her manager and postcode, both matched.",  # public facts alone
        "Clock number and date of birth given, but neither matches Sage HR.",  # rule 6
        "Will need his payroll no and DOB, then ok to reset.",
    ],
)
def test_no_validation_though_its_parts_are_named(make_ticket, logging_rubric, note):
    assert _option(make_ticket, logging_rubric, note) != "10"


def test_a_reset_after_a_validation_read_by_its_parts_passes(make_ticket, logging_rubric):
    """Critical process reads the validation the same way: no automatic fail for a reset made
    after a call-back to the directory number and facts checked against HR."""
    notes = (
        "ID & V - rang her back on the desk line taken from the GAL. Employee number "
        "and date of birth agree with HR.\nReset her password, temporary one read to her."
    )
    got = _critical_process(
        make_ticket, logging_rubric, "Locked out", "Password expired, cannot sign in.", notes, 3
    )
    assert got == "PASS"


@pytest.mark.parametrize(
    "sentence, read",
    [
        ("rang the warehouse desk phone ext 31 from the contacts list", True),
        ("employee id and date of birth = hr", True),
        ("no identity facts here, only a printer jam", False),
        ("the report called on the number field of the form", False),
        ("please give your employee id and date of birth so we can check them", False),
    ],
)
def test_where_the_parts_are_read(sentence, read):
    assert (composed(sentence) is not None) is read
