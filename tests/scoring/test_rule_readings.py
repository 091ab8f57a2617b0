"""Readings of the rules added for issue 16 (tuned on the `tune` half of tests/eval_set/), each
with a wording taken from a public procedure or a real export, never from the evaluation set.
Where each wording comes from is in tqrs/rules/PHRASES.md; the source is named per case."""

import pytest

from tqrs.judges.offline import OfflineJudge
from tqrs.rules import apply_rules, settle

NOTES = "2025-01-10 09:30:00 - Sam Analyst (Work notes)\n"


def run(rubric, criterion_id, ticket):
    """The criterion as an offline run gives it (the rule's verdict, or the offline judge's
    reading when the rule leaves it open)."""
    rules = apply_rules(ticket, rubric)
    if criterion_id in rules and not rules.open:
        return rules[criterion_id]
    judged = OfflineJudge().judge_ticket(ticket, rubric, rules.open)
    return settle(ticket, rubric, rules, judged)[criterion_id]


@pytest.mark.parametrize(
    "sd, desc, notes, option",
    [
        # real short descriptions of the Duke export (11_duke_helpdesk.csv): the system named
        # between the verb and "password" / "account", and a lock-out in other words
        ("reset NetID password", "", "Reset done, temp given by phone.", "FAIL"),
        ("Unlock DHE Account", "", "Unlocked in AD.", "FAIL"),
        ("Users account keeps locking her out.", "", "Unlocked in AD.", "FAIL"),
        (
            "reset NetID password",
            "",
            "Identity verified with employee ID and date of birth. Reset done.",
            "PASS",
        ),
        # "account lockout", "cleared the lockout" (marcofernstaedt.com "Why accounts lock
        # out"; specopssoft.com "How to unlock Active Directory account lockouts")
        ("AD account lockout", "Locked out since 08:00.", "Cleared the lockout in ADUC.", "FAIL"),
        (
            "AD account lockout",
            "Locked out since 08:00.",
            "Caller validated: Duo push approved. Cleared the lockout in ADUC.",
            "PASS",
        ),
        # a lost connection is no lost device (LABELLING.md: a lost Wi-Fi connection)
        (
            "VPN drops",
            "Lost connection to the VPN on my laptop twice today.",
            "Reset the VPN.",
            "N/A",
        ),
        (
            "Sound",
            "Missing sound on the laptop after the update.",
            "Reinstalled the driver.",
            "N/A",
        ),
        # misplaced devices, Security told in the passive (comparethecloud.net lost-laptop
        # guide: lost, stolen or misplaced; help.powerdigital.io: notify IT security)
        (
            "Phone",
            "Misplaced her company smartphone at the airport.",
            "Security was notified; device wiped via Intune.",
            "PASS",
        ),
        ("Phone", "Misplaced her company smartphone at the airport.", "Ordered a new one.", "-35"),
        # "infected with viruses" (a real Duke short description), disconnected from Wi-Fi
        # (support.propeller.com: disconnect from Wi-Fi or Ethernet)
        (
            "Virus",
            "Computer is infected with viruses and/or malware.",
            "Disconnected the PC from Wi-Fi. Reported to IT Security.",
            "PASS",
        ),
        ("Virus", "Computer is infected with viruses and/or malware.", "Ran a full scan.", "-35"),
        # misdirected e-mail containing PHI, reported to the Privacy Officer or compliance
        # (d3rx.com HIPAA breach notification template; ncbar: compliance officer)
        (
            "E-mail",
            "Clinic e-mailed PHI to the wrong patient this morning.",
            "Reported to the Privacy Officer; recall attempted.",
            "PASS",
        ),
        ("E-mail", "Clinic e-mailed PHI to the wrong patient this morning.", "Recalled it.", "-35"),
        # VIP: vice presidents (pitstop.manageengine.com), a VIP tag and a priority boost
        # (dzdesk-docs "VIP users")
        (
            "Printing",
            "The VP of Finance cannot print to the 4th floor.",
            "Reinstalled driver.",
            "-35",
        ),
        (
            "Printing",
            "The VP of Finance cannot print to the 4th floor.",
            "Tagged as VIP, priority raised to high.",
            "PASS",
        ),
        # a widespread outage is a major incident; war room and major incident manager
        # (itdevtech.com major incident guide; docs.digitalkimya.net war room checklist)
        ("E-mail", "Widespread outage: nobody can reach e-mail.", "Restarted the service.", "-35"),
        (
            "E-mail",
            "Widespread outage: nobody can reach e-mail.",
            "War room opened, Major Incident Manager assigned.",
            "PASS",
        ),
    ],
)
def test_critical_process_readings(make_ticket, logging_rubric, sd, desc, notes, option):
    t = make_ticket(
        short_description=sd,
        description=desc,
        contact_type="phone",
        work_notes=NOTES + notes,
        comments="",
        close_notes="",
    )
    r = run(logging_rubric, "critical_process", t)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "note, option",
    [
        # the caller gave knowledge the desk checks (civicfshelp.freshdesk.com: name, manager,
        # job title and employee ID; fastpasscorp.com: users provide name and date of birth)
        ("Caller gave her name, manager, job title and employee ID.", "10"),
        ("Caller provided DOB and emp ID.", "10"),
        # the method written as completed (tixit "Password reset ticket template": confirm the
        # approved verification method was completed)
        ("Duo push completed before the reset.", "10"),
        # knowledge-based authentication, a code by e-mail (blog.g5cybersecurity.com KBA;
        # fastpasscorp.com: a verification code via email or text)
        ("Identity verified through knowledge-based authentication.", "10"),
        ("E-mail code sent to his address on file and read back.", "10"),
        # manager verification (soclogix.com; civicfshelp: verify with their manager)
        ("Identity confirmed with his line manager by phone.", "10"),
        # not a method given: the ticket number, instructions handed to the user
        ("Caller provided the ticket number of last week.", "0"),
        ("Provided the user with the MFA setup guide.", "0"),
    ],
)
def test_caller_validation_readings(make_ticket, logging_rubric, note, option):
    t = make_ticket(
        contact_type="phone",
        work_notes=NOTES + note,
        description="User cannot log in.",
        close_notes="Unlocked account.",
        comments="",
    )
    r = run(logging_rubric, "caller_validation", t)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "notes, option",
    [
        # real work notes of the XML unload (03_pdi_unload.xml): a field update, a
        # reassignment, research promised: no work recorded
        ("Updating incident with correct Configuration item", "5"),
        ("Increasing priority as this incident is affecting more users", "5"),
        ("Task reassigned due to employee termination", "5"),
        ("Need to do some further research", "5"),
        ("I can't login to the application. Need to do some further research.", "10"),
        # a temporary password handed over in the note (civicfshelp: give the temporary
        # password to the user over the phone; support.online.cgu.edu: never in tickets)
        ("Temp password Welcome1 given to the user by phone.", "0"),
        ('Wi-Fi key is "sunshine", read to the caller.', "0"),
        ("Temporary password issued by phone; must change at next logon.", "10"),
    ],
)
def test_work_notes_readings(make_ticket, handling_rubric, notes, option):
    r = run(handling_rubric, "work_notes", make_ticket(work_notes=NOTES + notes))
    assert r.option == option, r.reasoning
    assert "Welcome1" not in r.evidence and "sunshine" not in r.evidence
