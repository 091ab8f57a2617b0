"""Critical process read by its parts where the written tune half's misses showed a class
(round cp37): personal data exposed, named by the record it is in or by the way it got out
(a passport copy, a payroll sheet, a firm that is not the employer, a previous user's
files, addresses in the To line; round cvcp46: another person's record seen or opened); a step a check-list writes as not done ("[ ]", "wipe - not
sent"); Microsoft's compliance search, a tool, taken for the compliance office; an MFA
factor reset taken for a password reset; an unlock told to the user ("Unlocked your
account"); a need denied taken for a plan; a "Major incident:" label taken for its manager;
a scope of rows in a sheet taken for people without a service; a phone that lost an app
taken for a lost phone. Written for these tests; the expected options are a reader's of
LABELLING.md's Logging audit rules 7-13 (FAIL: a reset without a validation before it; -35:
a required step missing; N/A: no process)."""

import pytest

from tests.scoring.conftest import run

_NOTE = "2026-05-04 10:00:00 - Priya Shah (Work notes)\n"
_CHECKED = "Caller checked: call-back to the mobile on her HR record, payroll no. 88120 and DOB.\n"


def _ticket(make_ticket, short, description, notes, close="Handled as noted.", **extra):
    fields = dict(
        short_description=short,
        description=description,
        work_notes=_NOTE + notes,
        close_notes=close,
        subcategory="",
        service="",
        cmdb_ci="",
    )
    return make_ticket(**{**fields, **extra})


@pytest.mark.parametrize(
    "short, description, notes, option",
    [
        # a copy of a passport left for the next user of a public PC (before: N/A)
        (
            "Library - Public PCs - Borrower's passport scan left on PC",
            "A borrower found a stranger's files in Downloads and told the counter.",
            _CHECKED + "Cleared the profile and fixed the reset task on the PC.",
            "-35",
        ),
        # a payroll sheet mailed to every member of staff by mistake (before: N/A)
        (
            "Payroll workbook emailed to the whole depot by mistake",
            "The HR clerk sent it to the depot list instead of the bureau.",
            _CHECKED + "Recalled the message and purged it from the mailboxes.",
            "-35",
        ),
        # health results of the staff sent to another firm (before: N/A)
        (
            "Sheet with drivers' medical results sent to the haulage subcontractor",
            "The safety officer attached the wrong workbook to a mail.",
            _CHECKED + "Rang their IT, who deleted the mail.",
            "-35",
        ),
        # the same, the privacy office told: the steps are done (before: N/A)
        (
            "Sheet with drivers' medical results sent to the haulage subcontractor",
            "The safety officer attached the wrong workbook to a mail.",
            _CHECKED + "Rang their IT, who deleted the mail. Data Protection Officer informed.",
            "PASS",
        ),
        # a newsletter with every address in the To: line (before: N/A)
        (
            "Newsletter sent with the readers' addresses in the To: line instead of Bcc",
            "About 500 readers received it.",
            _CHECKED + "Advised the sender on mailing lists.",
            "-35",
        ),
        # a person seeing his own payslips, everyone else got theirs (before: -35)
        (
            "March payslip missing in the pay app",
            "I can see all my payslips up to February but not March, which everyone else on the "
            "line has had.",
            _CHECKED + "Payroll published the held payslip; it shows now.",
            "N/A",
        ),
        # round cvcp46: a record owned by another person (or by the flat or room standing
        # for who lives there) seen, opened or shown to someone else, and a list of someone's
        # medicines as health data; another team's invoice is no person's record
        # another flat's statement shown in a tenant portal (before: N/A)
        (
            "Tenant portal shows another flat's rent statement",
            "Tenant in flat 12 logged in this morning and got the arrears page of flat 21.",
            _CHECKED + "Portal vendor fixed the account mapping; flat 12 sees its own page.",
            "-35",
        ),
        # a pharmacist saw someone else's list of medicines (before: N/A)
        (
            "Dispensing screen mix-up at the Eastgate pharmacy",
            "The pharmacist opened a script and saw another patient's medication history.",
            _CHECKED + "Cleared the cached session on the dispensing PC.",
            "-35",
        ),
        # the wrong person's record opening, at the start of the line (before: N/A)
        (
            "Wrong member's booking history opening in the gym app",
            "Since the update two members get each other's page when they sign in.",
            _CHECKED + "App support re-linked the two member ids.",
            "-35",
        ),
        # the same, the privacy office told: the step is done (before: N/A)
        (
            "Wrong member's booking history opening in the gym app",
            "Since the update two members get each other's page when they sign in.",
            _CHECKED + "App support re-linked the two member ids. Privacy officer informed.",
            "PASS",
        ),
        # control: another department's invoice is a business paper, no person's record
        (
            "Finance portal shows another department's invoice",
            "The buyer sees the marketing team's supplier invoice in her queue.",
            _CHECKED + "Moved the invoice to the marketing queue.",
            "N/A",
        ),
        # control: the caller's own bill, nobody else's
        (
            "Guest cannot open her bill on the room TV",
            "The room TV shows a blank page when she opens My Bill.",
            _CHECKED + "Restarted the TV's app; the bill opens.",
            "N/A",
        ),
    ],
)
def test_personal_data_exposed(make_ticket, logging_rubric, short, description, notes, option):
    ticket = _ticket(make_ticket, short, description, notes)
    assert run(logging_rubric, "critical_process", ticket).option == option


@pytest.mark.parametrize(
    "notes, option",
    [
        # the privacy box left empty on the desk's check-list (before: PASS)
        (
            _CHECKED + "[x] Message trace run, one outside recipient\n[ ] Privacy officer notified",
            "-35",
        ),
        # Microsoft's compliance search is a tool, nobody is told (before: PASS)
        (
            _CHECKED + "Compliance search for the subject, sender hr -> 90 hits -> purged.",
            "-35",
        ),
        # control: the box ticked
        (
            _CHECKED + "[x] Message trace run, one outside recipient\n[x] Privacy officer notified",
            "PASS",
        ),
    ],
)
def test_privacy_step_not_done(make_ticket, logging_rubric, notes, option):
    ticket = _ticket(
        make_ticket,
        "Staff bank details e-mailed to the wrong supplier",
        "Accounts sent the supplier list with staff bank details to an outside firm.",
        notes,
    )
    assert run(logging_rubric, "critical_process", ticket).option == option


@pytest.mark.parametrize(
    "notes, option",
    [
        # the wipe's box empty and "not sent" after it (before: PASS)
        (
            "[x] ID - Okta Verify push approved\n[x] Security told - SEC-1182\n"
            "[ ] remote wipe - not sent, disk encrypted",
            "-35",
        ),
        # control: the wipe sent
        (
            "[x] ID - Okta Verify push approved\n[x] Security told - SEC-1182\n"
            "[x] remote wipe sent from Intune",
            "PASS",
        ),
    ],
)
def test_lost_device_step_unticked(make_ticket, logging_rubric, notes, option):
    ticket = _ticket(
        make_ticket,
        "Sales laptop stolen from car",
        "The car was broken into overnight and the laptop taken.",
        notes,
    )
    assert run(logging_rubric, "critical_process", ticket).option == option


@pytest.mark.parametrize(
    "short, option",
    [
        # a tablet left at a motorway services (before: N/A)
        ("Delivery tablet left at Tebay services", "-35"),
        # control: a laptop in its docking station is no lost device
        ("Laptop left in docking station will not charge", "N/A"),
        # a phone that lost an app is no lost phone (before: -35)
        ("Cannot approve sign-ins - new phone lost Authenticator", "N/A"),
    ],
)
def test_lost_device_detected(make_ticket, logging_rubric, short, option):
    ticket = _ticket(
        make_ticket,
        short,
        "Reported by the driver this morning.",
        _CHECKED + "Security told by mail. Will send a lock tomorrow if not handed in.",
    )
    assert run(logging_rubric, "critical_process", ticket).option == option


@pytest.mark.parametrize(
    "notes, close, option",
    [
        # the unlock told to the user, the check after it (before: N/A)
        (
            "Hi Dev, after the unlock I asked you for your payroll number and date of birth,\n"
            "both match HR.",
            "Unlocked your network account in Active Directory; you signed in again.",
            "FAIL",
        ),
        # the check before the unlock (before: N/A, the unlock not read)
        (
            "Hi Dev, before the unlock I asked you for your payroll number and date of birth,\n"
            "both match HR.",
            "Unlocked your network account in Active Directory; you signed in again.",
            "PASS",
        ),
    ],
)
def test_unlock_told_to_the_user(make_ticket, logging_rubric, notes, close, option):
    ticket = _ticket(
        make_ticket,
        "Locked out of network account",
        "Chat from Dev: his account is locked after too many tries.",
        notes,
        close=close,
        contact_type="chat",
    )
    assert run(logging_rubric, "critical_process", ticket).option == option


@pytest.mark.parametrize(
    "notes, option",
    [
        # an MFA factor reset, not a password reset (before: FAIL)
        ("[x] Known to the desk\n[x] Factor reset and re-enrolled on the new handset", "N/A"),
        # control: the password reset beside it, no method written
        ("[x] Known to the desk\n[x] Password reset and factor re-enrolled", "FAIL"),
    ],
)
def test_factor_reset_is_no_password_reset(make_ticket, logging_rubric, notes, option):
    ticket = _ticket(
        make_ticket,
        "Authenticator on my new phone",
        "New phone, so I cannot approve sign-ins and I am locked out of mail.",
        notes,
    )
    assert run(logging_rubric, "critical_process", ticket).option == option


@pytest.mark.parametrize(
    "notes, option",
    [
        # a need denied before the incident manager in a dictated run-on (before: -35)
        (
            "caller is the site lead and known to me so no need to check then whole site down so "
            "rang Omar Reid as incident manager and he opened a bridge at 07:10",
            "PASS",
        ),
        # a "Major incident:" label is no incident manager (before: PASS)
        (
            _CHECKED + "- Major incident: bridge opened on Teams at 07:10, network and "
            "facilities joined.",
            "-35",
        ),
        # control: the incident manager named
        (
            _CHECKED + "- Major incident: bridge opened on Teams at 07:10; MIM Omar Reid engaged.",
            "PASS",
        ),
    ],
)
def test_major_incident_steps(make_ticket, logging_rubric, notes, option):
    ticket = _ticket(
        make_ticket,
        "Leeds depot - network down for the whole site",
        "No PC, phone or scanner at the Leeds depot has network since 06:40.",
        notes,
        priority=1,
    )
    assert run(logging_rubric, "critical_process", ticket).option == option


@pytest.mark.parametrize(
    "description, option",
    [
        # a count of rows in a sheet, one clerk without the service (before: -35)
        (
            "The price workbook shows #REF! in the total column for all 52 customers after a "
            "sheet was deleted; the clerk cannot send the payments.",
            "N/A",
        ),
        # control: the count is who is without the service
        (
            "The payments portal is down for all 300 customers; none can log in.",
            "-35",
        ),
        # round cvcp46: the service written as what nobody at the site has (before: N/A)
        (
            "Since the storm nobody at the warehouse has internet; pickers work from paper.",
            "-35",
        ),
        # control: nobody in one team has a share: no site, no service down for it
        (
            "Nobody in the grading team has access to the new prices folder yet.",
            "N/A",
        ),
    ],
)
def test_outage_scope_in_its_clause(make_ticket, logging_rubric, description, option):
    ticket = _ticket(
        make_ticket, "Payments - grower prices", description, _CHECKED + "Looked into it."
    )
    assert run(logging_rubric, "critical_process", ticket).option == option


_UNLOCKED = (
    "Caller verified on the call. Unlocked the account; she signed in again after the unlock"
)
_CHECK_TOLD = "Payroll number and date of birth checked before any change was made."


@pytest.mark.parametrize(
    "notes, close, option",
    [
        # the work notes end without a full stop; the close notes' first line, a note of its
        # own, is no part of the work notes' "after the unlock" clause (before: FAIL)
        (_UNLOCKED, _CHECK_TOLD, "PASS"),
        # control: one note wrapped over two lines keeps the clause, the check after it
        (_UNLOCKED + "\n" + _CHECK_TOLD, "Unlocked as noted.", "FAIL"),
    ],
)
def test_after_the_unlock_clause_ends_with_its_field(
    make_ticket, logging_rubric, notes, close, option
):
    ticket = _ticket(
        make_ticket,
        "Locked out of payroll portal",
        "Agnieszka rang: her account is locked after too many tries.",
        notes,
        close=close,
        contact_type="phone",
    )
    assert run(logging_rubric, "critical_process", ticket).option == option
