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
        # a check written as done keeps its 10, its purpose beside it or not
        "Verified via callback to the number on file.",
        "Called back on the number on file to verify identity; caller answered and confirmed.",
        "Rang the caller back on the number on the HR record to confirm it was him.",
        "Caller verified via Okta Verify push before the reset.",
        "Security questions answered correctly.",
        "Employee ID and date of birth verified against HR records.",
        "Sent a one-time code to the registered mobile; caller read it back.",
        "Used the security questions on file to verify identity: both answered correctly.",
        # a call-back written as a "return call" (0 or left open before)
        "Identity confirmed by return call to the desk phone listed in Workday.",
        "Return call made to the number on file; caller confirmed.",
        "Verified via a return call to the mobile held in HR.",
        "Return call to the registered mobile, caller answered and verified.",
        "Identity checked by return phone call to the extension in the staff directory.",
        "Made a return call to the number on record to validate the caller.",
        "Validated by return call to his directory number.",
        # a one-time code sent to a contact point or address whose source is written, given
        # back (rule 2; 0 or left open before)
        "User provided the 6-digit code sent to their phone on record.",
        "Caller verified her identity by reading back the code from the text we sent to her "
        "mobile on file.",
        "Code sent to her personal e-mail address held in the HR record, she gave it back.",
        "Caller entered the passcode sent to the number on file.",
        "OTP sent to mobile on record, caller provided it.",
        "User typed the one-time code sent to his registered phone.",
        "Caller gave back the code sent to the personal email address on record.",
        "OTP to the registered mobile, caller quoted it correctly.",
        "Security code sent to the phone number in the staff directory, caller supplied it.",
        "Passcode sent to the extension listed in the phone list, caller repeated it back.",
        "The SMS code we texted to his registered mobile was given back correctly.",
        # the IVR and the PIN a few words apart (rule 2: an IVR PIN)
        "User authenticated via the IVR with their PIN.",
        "Caller keyed his PIN into the IVR, accepted.",
        # the caller's manager reached on a number whose source is written, confirming who
        # is calling (rule 2: manager verification on a number on record)
        "Verified with the caller's manager by phone on the manager's listed extension.",
        "His manager, on her number from the directory, confirmed it was him.",
        "Manager contacted on her registered mobile and confirmed the caller's identity.",
        "Team leader reached on the number held in Workday, confirmed it is him.",
        "Spoke to her supervisor on the number on file, who confirmed the caller is her.",
        "Identity verified with the user's line manager, reached on his directory number.",
        # a shared secret held on the account, like a security question's answer
        "Identity verified using the secret word on her profile.",
        "Caller gave the memorable word on file.",
        "Security phrase given correctly.",
        # "answers to security questions": "to" a preposition, no plan (10 before and after)
        "Caller provided correct answers to security questions.",
    ],
)
def test_a_validation_read_by_its_parts(make_ticket, logging_rubric, note):
    """Each was 0 (no validation documented) or left open before its reading by parts,
    but the checks done beside their purpose, which were 10 and stay so once planned checks
    are read (caller_parts.planned)."""
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
        # no validation, as before the planned checks were read
        "Caller could not verify their identity.",
        "Identity could not be confirmed, reset refused.",
        "Will reset once verified.",
        "Caller failed security questions.",
        "Manager approval obtained.",  # rule 3: an approval identifies nobody
        "We verified the caller.",  # no method
        "Callback to the number on file, no answer.",
        "Sent a code to the mobile on file; caller did not receive it.",
        "Code sent to the registered mobile was not provided.",
        "Caller could not provide the code sent to the number on file.",
        "Will send a code to the mobile on file.",
        "Manager confirmed the request on her listed extension.",  # rule 3: an approval
        "Rang her manager on his mobile, who confirmed it was her.",  # the source not written
        "Manager could not confirm it was him when rung on the number in HR.",
        "Caller could not give the memorable word.",
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


# A check promised, asked for, needed or pending, or named as a purpose, in the words of public
# password-reset and identity-verification procedures ("Verify the caller's identity by calling
# back on the number on file", "identity must be verified before any reset") and of notes that
# plan the step: no check done (LABELLING.md, Logging audit rule 3; a promise does not count).
# Each was read as a validation done before (10), by the bare verb ("to verify") or the method.
PLANNED_CHECKS = [
    "Will call back on the number on file to verify.",
    "Caller to be called back on the number in HR to validate.",
    "Asked the caller to approve a Duo push to verify.",
    "Duo push sent to verify identity, no response.",
    "Asked her to verify identity via security questions.",
    "Need to verify via callback to the registered mobile before reset.",
    "Please verify the caller with security questions before any reset.",
    "Advised caller we need to verify via a callback to the number on file.",
    "Caller asked to come to the desk with photo ID to verify.",
    "Callback to verify identity pending.",
    "Caller wants us to verify by callback.",
    "To verify identity, a callback to the number on file is required.",
    "Per policy, identity must be verified via callback to the number on file.",
    "No reset done; caller to call back after verification.",
    "Attempted callback to the number on file to verify - voicemail.",
    "Validation via Okta Verify push pending.",
    # "will" shortened (round cvcp46; before: 10)
    "We'll ring her back on the number in the staff directory to confirm it's her.",
    "I'll check her employee number against Workday when she rings back.",
]


# control: the same check written as done, "'ve" no plan
def test_a_check_written_done_beside_a_contraction(make_ticket, logging_rubric):
    note = "I've checked his payroll number and date of birth against HR, both match."
    assert _option(make_ticket, logging_rubric, note) == "10"


@pytest.mark.parametrize("note", PLANNED_CHECKS)
def test_a_check_only_planned_validates_nobody(make_ticket, logging_rubric, note):
    assert _option(make_ticket, logging_rubric, note) == "0"


def _reset_option(make_ticket, rubric, note: str) -> str:
    """The critical-process option of a phone ticket about an expired password with `note`."""
    return _critical_process(
        make_ticket, rubric, "Locked out", "Password expired, cannot sign in.", note, 3
    )


@pytest.mark.parametrize("note", PLANNED_CHECKS[:8])
def test_a_reset_after_a_check_only_planned_fails(make_ticket, logging_rubric, note):
    reset = "\nReset her password in AD, temporary one given."
    assert _reset_option(make_ticket, logging_rubric, note + reset) == "FAIL"


# An identity document "sighted" (the word of many desks' walk-up procedures: "photo ID
# sighted"): a method in a word the lists lacked (left open before).
@pytest.mark.parametrize(
    "note",
    [
        "ID badge sighted at walk-up.",
        "Photo ID sighted at the service desk.",
        "Staff ID card sighted at walk-up.",
        "Passport sighted at the desk.",
        "Driving licence sighted.",
        "Staff pass sighted before the reset.",
        "Student card sighted at the IT help point.",
        "Government-issued ID sighted by the analyst.",
    ],
)
def test_an_identity_document_sighted_at_the_desk(make_ticket, logging_rubric, note):
    ticket = make_ticket(
        contact_type="walk-in", work_notes=NOTES + note, comments="", close_notes="Done."
    )
    assert run(logging_rubric, "caller_validation", ticket).option == "10"


# The reset's own sentence puts the validation after it with "before", "prior to" or "ahead
# of" (LABELLING.md, Logging audit rule 8: the note's own words decide the order; a reset
# before the check is FAIL). Each FAIL passed before.
@pytest.mark.parametrize(
    "note, option",
    [
        ("Password reset completed before the caller was verified via security questions.", "FAIL"),
        ("Password reset done prior to the caller being verified via Duo push.", "FAIL"),
        (
            "Unlocked the AD account before confirming identity via callback to the number on file.",
            "FAIL",
        ),
        ("Temp password issued before caller ID&V: employee ID and DOB matched HR.", "FAIL"),
        (
            "Cleared the lockout in ADUC ahead of validating her via Okta Verify push, approved.",
            "FAIL",
        ),
        (
            "Reset her password before she was validated by a callback to the number on file.",
            "FAIL",
        ),
        (
            "Unlocked him in AD prior to verification via security questions, answered correctly.",
            "FAIL",
        ),
        ("Password was reset before the Duo push verification was approved.", "FAIL"),
        (
            "Reset the password in AD, before the caller was verified via security questions.",
            "FAIL",
        ),
        (
            "Issued a temporary password before the caller answered both security questions correctly.",
            "FAIL",
        ),
        ("Account unlocked before identity was verified via callback to the number in HR.", "FAIL"),
        (
            "New password set before the caller's employee number and DOB were verified against "
            "Workday.",
            "FAIL",
        ),
        ("- Reset the password; after the reset, caller verified via Duo push.", "FAIL"),
        (
            "Unlocked the account in AD. After the unlock, caller validated via security questions.",
            "FAIL",
        ),
        ("Reset her password. After the password reset, ID verified via Okta Verify push.", "FAIL"),
        # the check written first still passes (before and after)
        # an MFA factor re-enabled after the unlock is no later reset (rule 7), so a second check
        # after it does not put the validation after the reset (FAIL before)
        (
            "Caller verified via Okta Verify push. Unlocked her account in AD.\n\n"
            "Re-enabled the Authenticator on her account, then caller verified again via "
            "security questions, both answered correctly.",
            "PASS",
        ),
        ("Caller verified via security questions before the password reset.", "PASS"),
        (
            "Reset the password before her 9am meeting; she had been verified via Duo push at 08:40.",
            "PASS",
        ),
        ("Verified the caller via Duo push, then reset the password in AD.", "PASS"),
        (
            "Reset the password after verifying the caller via callback to the number on file.",
            "PASS",
        ),
    ],
)
def test_the_order_a_reset_and_its_check_are_written_in(make_ticket, logging_rubric, note, option):
    assert _reset_option(make_ticket, logging_rubric, note) == option
