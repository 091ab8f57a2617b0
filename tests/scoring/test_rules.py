import pytest

from tests.scoring.conftest import run
from tqrs.rubric import load_rubric
from tqrs.rules.short_description import check_short_description
from tqrs.rules.spelling import misspellings


@pytest.mark.parametrize(
    "sd, problems",
    [
        ("ACME Finance - London - Outlook - Cannot open shared mailbox", 0),
        ("ACME Finance|London|Outlook|Cannot open shared mailbox", 0),
        ("ACME-London-Outlook-Cannot open e-mail attachments", 0),
        ("ACME HR - NYC - Wi-Fi - Laptop drops Wi-Fi every hour", 0),
        ("ACME - London - SAP - Report export fails - timeout after 30s", 0),
        ("ACME - London - Outlook - not working", 1),
        ("ACME - London - Outlook - issue", 1),
        ("ACME - N/A - Outlook - Cannot open shared mailbox", 1),
        (
            "ACME - London - Outlook - Cannot open the shared finance mailbox after the "
            "weekend migration of all mailboxes",
            1,
        ),
        ("London - Outlook - Cannot open shared mailbox", 1),
        ("Outlook - Cannot open shared mailbox", 2),
        ("Outlook not working", 3),
        ("Help", 4),
        ("", 1),
    ],
)
def test_short_description_problem_count(sd, problems):
    assert len(check_short_description(sd).problems) == problems


@pytest.mark.parametrize(
    "sd, option",
    [
        ("ACME Finance - London - Outlook - Cannot open shared mailbox", "10"),
        ("ACME - London - Outlook - not working", "5"),
        ("Outlook - Cannot open shared mailbox", "0"),
        ("", "0"),
    ],
)
def test_short_description_rule(make_ticket, logging_rubric, sd, option):
    r = run(logging_rubric, "short_description", make_ticket(short_description=sd))
    assert r.option == option and r.method == "rule"
    assert r.evidence == sd
    if option != "10":
        assert "Company/LoB - Location - Application - Brief description" in r.coaching


# Real test records of public exports (a developer instance's Jira integration tests, an
# XML unload, a list export): before, the generic rubric's rule read each as "a specific
# summary" and gave it 10 of 10, so "testing from snow" scored 30/30, BLUE, exceptional.
TEST_RECORDS = [
    "testing from snow",
    "test sla",
    "Test Ka",
    "test task 1217",
    "incident 1048 from snow",
    "This is a test",
    "TEST TICKET - PLEASE DISREGARD",
    "Test incident (please ignore)",
    "Testing pager",
]
# ... and summaries where "test" or "from" is a word of the fault: still specific
FAULTS_WITH_TEST = [
    "Test page will not print from tray 2",
    "Speed test shows 2 Mbps on the VPN",
    "Cannot send from the shared finance mailbox",
    "Incident form does not save the caller",
]


# Real summaries that name no object's fault (issue 16, the real tune half's labels: a reader
# cannot tell what is wrong): pointing and auxiliary words ("our", "this", "did") are no
# specific word, and a complaint's number with the customer it belongs to names whose case it
# is, not its fault. Beside them, summaries that still say what fails.
VAGUE_REAL = [
    "our lounge issues",  # mcd list export INC15483662 (labelled vague)
    "other did this work?",  # PDI list export INC8410001 (labelled vague)
    "manifestação 00235674 cliente VIBRA ENERGIA S.A",  # pt-BR export (a case and a customer)
    "Manifestação: 00244616 - Cliente: MAXXI DISTRIBUIDORA DE PETROLEO LTD",
    "Atendimentos do antigo canal cliente",  # pt-BR INC1545769 (labelled vague)
]
STILL_SPECIFIC = [
    "Customer SAP BW report fails",
    "Customer ACME cannot print invoices",
    "<FI France> CUSTOMER VAT TEXT UPDATE K2",  # in capitals: no customer's name to leave out
    "Erro no Canal Cliente",
    "our VPN drops every hour",
]


@pytest.mark.parametrize(
    "sd, option",
    [(sd, "5") for sd in TEST_RECORDS + VAGUE_REAL]
    + [(sd, "10") for sd in FAULTS_WITH_TEST + STILL_SPECIFIC],
)
def test_a_test_record_or_a_vague_real_summary_is_no_specific_summary(make_ticket, sd, option):
    rubric = load_rubric("incident_quality")
    r = run(rubric, "short_description", make_ticket(short_description=sd))
    assert r.option == option and r.method == "rule"
    if option == "5":
        assert r.reasoning == f"1 problem: the summary {sd!r} is too vague."


NOTES = "2025-01-10 09:30:00 - Sam Analyst (Work notes)\n"


@pytest.mark.parametrize(
    "channel, note, option",
    [
        ("phone", "Validated by: Okta Verify push accepted.", "10"),
        ("phone", "Caller verified via MFA before the reset.", "10"),
        ("phone", "Identity confirmed with employee ID 104233 and full name.", "10"),
        ("walk-in", "User validated with photo ID badge at the desk.", "10"),
        ("email", "Caller was verified by call-back to the number in Workday.", "10"),
        ("chat", "User validated through SSO in the chat session.", "10"),
        ("virtual_agent", "Authenticated via SSO.", "10"),
        ("phone", "User validated through SSO.", "0"),  # SSO cannot validate a phone caller
        ("phone", "Caller could not be validated via Okta, push timed out.", "0"),
        ("phone", "Checked the Okta admin console: the account is locked.", "0"),
        ("phone", "Reset the password and sent it by email.", "0"),
        ("", "No notes about the caller.", "0"),
        ("self-service", "", "N/A"),
        # an identity document seen at the desk or on video (help.uillinois.edu KB 861)
        ("walk-in", "Her staff photo ID badge seen at the counter.", "10"),
        ("phone", "Showed his passport on the video call.", "10"),
        ("walk-in", "Checked the badge reader logs for his card.", "0"),  # not a validation
    ],
)
def test_caller_validation(make_ticket, logging_rubric, channel, note, option):
    t = make_ticket(
        contact_type=channel,
        work_notes=NOTES + note if note else "",
        description="User cannot log in.",
        close_notes="Unlocked account.",
    )
    r = run(logging_rubric, "caller_validation", t)
    assert r.option == option, r.reasoning
    if option == "10":
        assert r.evidence and r.evidence in t.work_notes
    if option == "0":
        assert "Validated by:" in r.coaching


@pytest.mark.parametrize(
    "channel, desc, option",
    [
        ("email", "Nagios detected the CPU of app02 above 95% for 10 minutes.", "N/A"),
        ("", "Alert triggered: disk C: on FS01 below 5% free.", "N/A"),
        ("phone", "Nagios detected the CPU of app02 above 95% for 10 minutes.", "0"),  # a person
        ("email", "Monitoring reported the account locked for svc_backup.", "0"),  # an account
    ],
)
def test_tickets_raised_by_monitoring_have_no_caller(
    make_ticket, logging_rubric, channel, desc, option
):
    t = make_ticket(contact_type=channel, description=desc, work_notes="", close_notes="")
    r = run(logging_rubric, "caller_validation", t)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "desc, notes, option",
    [
        ("Wants a new monitor for the desk.", "Ordered a monitor.", "N/A"),
        (
            "User forgot the password and is locked out.",
            "Validated by: Okta push. Reset done.",
            "PASS",
        ),
        ("User forgot the password and is locked out.", "Reset the password.", "FAIL"),
        ("Please reset my password.", "Caller could not be validated. Reset anyway.", "FAIL"),
        (
            "Laptop was stolen from the car last night.",
            "Security team notified (SEC-1234); device remotely wiped via Intune.",
            "PASS",
        ),
        ("Laptop was stolen from the car last night.", "Ordered a replacement laptop.", "-35"),
        ("Lost iPhone on the train.", "Security team notified.", "-35"),
        (
            "Laptop infected with malware, pop-ups everywhere.",
            "Disconnected the laptop from the network (isolated); SOC informed.",
            "PASS",
        ),
        ("Laptop infected with malware, pop-ups everywhere.", "Ran a scan, removed it.", "-35"),
        (
            "Payroll file with personal data emailed to the wrong recipient.",
            "Privacy Office notified, recall requested.",
            "PASS",
        ),
        ("Payroll file with personal data emailed to the wrong recipient.", "Recalled it.", "-35"),
        ("CEO cannot join board call from the iPad.", "Escalated to the VIP support team.", "PASS"),
        ("CEO cannot join board call from the iPad.", "Reinstalled Teams.", "-35"),
        (
            "Major incident: site-wide outage of the VPN.",
            "MIM engaged, bridge call opened.",
            "PASS",
        ),
        ("Major incident: site-wide outage of the VPN.", "Restarted the VPN concentrator.", "-35"),
        ("VIP locked out of the account.", "Escalated to VIP support; reset the password.", "FAIL"),
        # wordings of public procedures (tqrs/rules/PHRASES.md)
        (
            "Forgot her password.",
            "Reset the password. Sent a Duo push after the reset to check it was her: approved.",
            "FAIL",
        ),
        (
            "Adware: pop-ups and a changed home page after a download.",
            "Removed the adware, reset the browsers.",
            "-35",
        ),
        (
            "Defender trojan alert on the laptop.",
            "Asked him to pull the Ethernet cable and switch Wi-Fi off. Reported to security@.",
            "PASS",
        ),
        (
            "Wireless disabled due to infection.",
            "IT Security blocked the device from the wireless; scan log sent to IT Security.",
            "PASS",
        ),
        ("Anti-virus definitions not updating.", "Re-ran the installer.", "N/A"),
        ("Newsletter sent with CC instead of BCC to 214 customers.", "Recall attempted.", "-35"),
        # the open line named ("in the CC line instead of BCC"); a CC line of one's own mail
        # asked about is none
        (
            "Sent the newsletter to 87 members with every address in the CC line instead of BCC.",
            "Recall attempted.",
            "-35",
        ),
        ("How do I add a CC line to my own signature template?", "Showed her.", "N/A"),
        ("Sev-1 declared: no scanner can post to the WMS.", "Restarted the app pool.", "-35"),
        (
            "Sev-1 declared: no scanner can post to the WMS.",
            "Command bridge opened, incident commander assigned.",
            "PASS",
        ),
        ("The SVP of Operations cannot connect to the VPN.", "Changed the VPN profile.", "-35"),
        (
            "Lost iPad in a taxi.",
            "Find My: erase sent. E-mailed security@ with the serial.",
            "PASS",
        ),
    ],
)
def test_critical_process(make_ticket, logging_rubric, desc, notes, option):
    t = make_ticket(
        short_description="ACME - London - Laptop - See description",
        description=desc,
        work_notes=NOTES + notes,
    )
    r = run(logging_rubric, "critical_process", t)
    assert r.option == option, r.reasoning
    assert r.auto_fail == (option == "FAIL")
    assert r.deduction == (-35 if option == "-35" else 0)


def _entry(minute: int, text: str) -> str:
    return f"2025-01-10 09:{minute:02d}:00 - Sam Analyst (Work notes)\n{text}\n\n"


@pytest.mark.parametrize(
    "entries, option",
    [
        # the reset in an earlier entry than the validation: documented after the reset
        ([(5, "Reset the password, temp password given."), (9, "Validated: Okta push approved.")],
         "FAIL"),
        ([(5, "Validated: Okta push approved."), (9, "Reset the password, temp password given.")],
         "PASS"),
        ([(5, "Validated: Okta push approved. Reset the password.")], "PASS"),  # one entry
        # the reset written by its temporary password or its "change at next logon" box
        ([(3, "Expired. I reset it, read him the temporary password."),
          (8, "Validated: Okta push approved.")], "FAIL"),
        ([(3, "Expired Fri. Reset, temp given verbally."), (8, "Validated: Okta push approved.")],
         "FAIL"),
        ([(3, "Expired. Reset done, ticked change at next logon."),
          (8, "Validated: Okta push approved.")], "FAIL"),
        ([(3, "Validated: Okta push approved."),
          (8, "Expired. Reset, temp given verbally, change at next logon.")], "PASS"),
        # a reset asked for is not a reset done
        ([(2, "User requests a password reset."), (5, "Validated: Okta push approved."),
          (9, "Reset the password, temp password given.")], "PASS"),
    ],
)  # fmt: skip
def test_validation_after_the_reset_by_the_order_of_entries(
    make_ticket, logging_rubric, entries, option
):
    notes = "".join(_entry(m, text) for m, text in reversed(entries))  # newest first
    t = make_ticket(description="Forgot her password, locked out.", work_notes=notes)
    r = run(logging_rubric, "critical_process", t)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "fields, option",
    [
        ({}, "10"),
        ({"category": ""}, "5"),
        ({"subcategory": "N/A"}, "5"),
        ({"category": "", "subcategory": "none"}, "0"),
        # a placeholder in any frame of punctuation is not set (LABELLING.md)
        ({"subcategory": "-- None --"}, "5"),
        ({"category": "(none)", "subcategory": "<Not set>"}, "0"),
        ({"category": "TBC"}, "5"),
        # set but plainly not fitting the ticket: the whole ticket never speaks of it
        ({"category": "Network", "subcategory": "VPN"}, "5"),
        ({"category": "Hardware", "subcategory": "Printer"}, "5"),
        # the topic named in the notes only still fits ("the ticket", not the opening)
        (
            {
                "category": "Network",
                "subcategory": "VPN",
                "close_notes": "The shared mailbox only failed over the VPN; split tunnel fixed.",
            },
            "10",
        ),
        # a worm is malware (kb.wisc.edu 8773: worms, spyware, adware, rootkits ...)
        (
            {
                "category": "Security",
                "subcategory": "Malware",
                "description": "Defender showed a worm detected after a USB stick was opened.",
            },
            "10",
        ),
        ({"category": "Security", "subcategory": "Malware"}, "5"),
        # a virus going round people is an illness: no malware word (the critical-process
        # rule's reading; LABELLING.md audit rule 10)
        (
            {
                "category": "Security",
                "subcategory": "Malware",
                "description": "A stomach virus has five staff off sick, and the cover "
                "shifts posted in the rota app do not show to the bank staff.",
            },
            "5",
        ),
        # a network's device named as the subcategory of a mailbox fault; a blocked port fits
        ({"category": "Network", "subcategory": "Firewall"}, "5"),
        (
            {
                "category": "Network",
                "subcategory": "Firewall",
                "close_notes": "Opened port 443 to the mail gateway; Outlook syncs again.",
            },
            "10",
        ),
        # the caller's short thanks in Spanish says nothing of the topic: the English parts,
        # nearly all of the ticket, never speak of a VPN; a description in Spanish may
        (
            {
                "category": "Network",
                "subcategory": "VPN",
                "comments": "2025-01-10 10:00:00 - Jane Example (Additional comments)\n"
                "Ya funciona todo otra vez en mi equipo, muchas gracias. Pueden cerrar la "
                "incidencia.",
            },
            "5",
        ),
        (
            {
                "category": "Network",
                "subcategory": "VPN",
                "description": "Desde esta mañana la usuaria no puede abrir el buzón "
                "compartido en Outlook; aparece el error 'No se puede expandir la carpeta' y "
                "el equipo de finanzas no puede procesar las facturas antes del plazo de hoy.",
            },
            "10",
        ),
        # a climate plant's subcategory on a fault that never speaks of heat, cold or air
        ({"category": "Facilities", "subcategory": "HVAC"}, "5"),
        (
            {
                "category": "Facilities",
                "subcategory": "HVAC",
                "description": "The server room is at 31 C since the air conditioning unit "
                "tripped at 06:00; the racks' fans are at full speed.",
            },
            "10",
        ),
        # a monitor on a mailbox fault; a display's board that froze, a screen with no
        # signal fit; a monitoring service is no monitor (learn.microsoft.com, external
        # monitor troubleshooting: no signal, flicker, resolution, cable, dock)
        ({"category": "Hardware", "subcategory": "Monitor"}, "5"),
        ({"category": "Hardware", "subcategory": "Display"}, "5"),
        ({"category": "Facilities", "subcategory": "Temperature monitoring"}, "10"),
        (
            {
                "category": "Hardware",
                "subcategory": "Display",
                "description": "The arrivals board in reception froze at 09:10 and still "
                "shows this morning's list; visitors are sent to the wrong rooms.",
            },
            "10",
        ),
        (
            {
                "category": "Hardware",
                "subcategory": "Monitor",
                "description": "Since the new dock was fitted the second screen shows 'No "
                "signal'; she works on one screen and cannot compare the two ledgers.",
            },
            "10",
        ),
        # payroll, an HR service, on a mailbox fault; "HR" as the record a caller is checked
        # against says nothing of pay; a payslip fault fits (gov.uk "Running payroll")
        ({"category": "HR", "subcategory": "Payroll"}, "5"),
        (
            {
                "category": "HR",
                "subcategory": "Payroll",
                "work_notes": "Caller validated: staff no. + DOB -> HR match. Re-created the "
                "Outlook profile -> mailbox opens.",
            },
            "5",
        ),
        (
            {
                "category": "HR",
                "subcategory": "Payroll",
                "description": "Since this morning's pay run her November payslip shows no "
                "overtime, and the portal lists 12 hours she worked as unpaid.",
            },
            "10",
        ),
    ],
)
def test_categorization(make_ticket, logging_rubric, fields, option):
    r = run(logging_rubric, "categorization", make_ticket(**fields))
    assert r.option == option
    assert "category: " in r.evidence


@pytest.mark.parametrize(
    "fields, option, missing",
    [
        ({}, "10", None),
        ({"service": ""}, "5", "service"),
        ({"cmdb_ci": "unknown"}, "5", "configuration item"),
        ({"service": "", "cmdb_ci": ""}, "0", "service"),
        ({"service": "-- None --", "cmdb_ci": "N/A."}, "0", "service"),
        # a service or CI naming a topic the ticket never speaks of ("Email" on a forklift
        # terminal, a printer CI on a VPN fault; LABELLING.md)
        (
            {
                "short_description": "CRW - Doncaster - Forklift terminal - Screen frozen",
                "description": "Since 06:00 the forklift terminal screen is frozen on the "
                "login page and the driver cannot pick orders for the morning wave.",
                "close_notes": "Rebooted the terminal and re-seated the dock connector.",
                "work_notes": "Terminal frozen on login; rebooted -> login page responds.",
                "service": "Email",
                "cmdb_ci": "CRW-DON-VMT22",
            },
            "5",
            "service",
        ),
        ({"cmdb_ci": "PRN-LDS-04 printer"}, "5", "configuration item"),
        # a sound desk or a CCTV recorder as the CI of a mailbox fault (LABELLING.md: set but
        # plainly not fitting); "audio-visual" is filed for screens and projectors too
        ({"cmdb_ci": "NAVE-SOUND-DESK"}, "5", "configuration item"),
        ({"cmdb_ci": "KEN-NVR-01"}, "5", "configuration item"),
        ({"service": "Audio Visual"}, "10", None),
        # ... and each fits a ticket that speaks of its topic
        (
            {
                "short_description": "No sound from the nave speakers",
                "description": "Since the 10:00 service the nave speakers give no sound; the "
                "congregation at the back cannot hear the readings.",
                "cmdb_ci": "NAVE-SOUND-DESK",
            },
            "10",
            None,
        ),
        (
            {
                "short_description": "Car park camera not recording",
                "description": "Since Friday the car park camera shows a live picture but "
                "no footage is saved; Security needs Saturday's recording.",
                "cmdb_ci": "KEN-NVR-01",
            },
            "10",
            None,
        ),
    ],
)
def test_service_ci(make_ticket, logging_rubric, fields, option, missing):
    r = run(logging_rubric, "service_ci", make_ticket(**fields))
    assert r.option == option
    if missing:
        assert missing in r.reasoning


@pytest.mark.parametrize(
    "fields, option",
    [
        ({}, "10"),
        ({"close_code": ""}, "5"),
        ({"close_notes": ""}, "0"),
        ({"close_notes": "N/A"}, "0"),
        ({"close_notes": "Cannot open shared mailbox"}, "0"),
        ({"close_notes": "cannot open shared mailbox."}, "0"),
        # the same copy with the contraction written out or not (Wikipedia, "List of English
        # contractions")
        ({"close_notes": "Can't open shared mailbox"}, "0"),
        (
            {
                "short_description": "ACME - London - Outlook - Users don't get mail",
                "close_notes": "Users do not get mail.",
            },
            "0",
        ),
        ({"close_notes": "Cannot open the mailbox: the account wasn't licensed."}, "10"),
        ({"state": "In Progress", "close_notes": "", "close_code": ""}, "N/A"),
        ({"state": "", "close_notes": ""}, "N/A"),
    ],
)
def test_resolution_notes(make_ticket, handling_rubric, fields, option):
    r = run(handling_rubric, "resolution_notes", make_ticket(**fields))
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "notes, option",
    [
        (NOTES + "Checked the mailbox permissions, all present.", "10"),
        (NOTES + "working on it", "5"),
        (NOTES + "Updated.\n2025-01-10 10:30:00 - Sam Analyst (Work notes)\nWIP", "5"),
        ("", "0"),
        (NOTES + "Reset done, temporary password is Welcome2025! given to user.", "0"),
        (NOTES + "Password: Spring#24", "0"),
        (NOTES + "The password was reset and the user logged in.", "10"),
        (NOTES + "Password reset done after validation, user can log in.", "10"),
        # status-only notes and hand-offs record no work (dissmeyer.com), nor does a contact
        # attempt with nothing found or done (LABELLING.md: "Rang her, no answer", "chased
        # x2", "Spoke to user." are placeholders); a contact that records a finding does
        (NOTES + "Still working on this, will update.", "5"),
        (NOTES + "Assigned to the Desktop support team.", "5"),
        (NOTES + "Called user. No answer. Left voicemail.", "5"),
        (NOTES + "Emailed the user, awaiting her reply.", "5"),
        (NOTES + "Called user: the error only shows on the docking station.", "10"),
        # the one reading of a contact attempt (tqrs.rules.text.contact_attempt), the offline
        # judge's too: tried, unable to reach, a message left, with nothing found
        (NOTES + "Tried calling the user again, no answer.", "5"),
        (NOTES + "Called Jon to confirm, no answer, voicemail left.", "5"),
        (NOTES + "Unable to reach the user, left vm, will try again tomorrow.", "5"),
        (NOTES + "Called user, no answer; checked AD: account locked, unlocked it.", "10"),
        (NOTES + "State changed to On Hold.", "5"),
        # a numbered placeholder is still a placeholder (the list marker is no content)
        (NOTES + "1. Priority changed to 3.\n2. pls see comments", "5"),
        (NOTES + "- 1. Priority changed to 3.\n- 2. pls see comments", "5"),  # as a bullet list
        # each sentence a listed line, the number left alone on its own: a marker is no note
        (NOTES + "- 1.\n- Priority changed to 3.\n\n" + NOTES + "- 1.\n- pls see comments", "5"),
        (NOTES + "1. Checked the spooler: stopped.\n2. Started it, test page printed.", "10"),
        # a bare "done" and how the user is now names no work (LABELLING.md: "Done." is a
        # placeholder, "pw reset done" names the work)
        (NOTES + "Fixed - user is back in the app.", "5"),
        (NOTES + "Fixed the mapping, user is back in the app.", "10"),
        (NOTES + "Incident automatically closed after 5 days with no response.", "5"),
        # digits-only secrets: a PIN, a BitLocker recovery key
        (NOTES + "Gave him the new voicemail PIN: 482193", "0"),
        (
            NOTES + "BitLocker recovery key is "
            "123456-234567-345678-456789-567890-678901-789012-890123, read to the user.",
            "0",
        ),
        (NOTES + "PIN reset to the default by the carrier; user set his own.", "10"),
        # a secret-shaped value after a credential word or a reset, however phrased
        (NOTES + "Reset to Spring-Ledger-4417, must change at next logon.", "0"),
        (NOTES + "LAPS password for MKL-LT-2410 read from Entra: 7rT!x9Kp2#Lm - given.", "0"),
        (NOTES + "New key generated: wt_live_7Hq2kP9xR4mV8sT1nB6cZ3 - put in the config.", "0"),
        # a password handed to a command, a Wi-Fi join string's key (LABELLING.md 14_*: 028,
        # 128), "temp pass", "password is now"
        (
            NOTES + "Set-ADAccountPassword -Identity jdoe -Reset -NewPassword "
            "(ConvertTo-SecureString -AsPlainText 'Blue-Horse-77' -Force)",
            "0",
        ),
        (NOTES + "net user jdoe NewPass123 /domain run on the DC, user signed in.", "0"),
        (NOTES + "Sent the guest join code WIFI:T:WPA;S:Guest;P:Xk92hhT!;; to the lobby.", "0"),
        (NOTES + "Gave temp pass Qwerty123 over the phone, user signed in.", "0"),
        (NOTES + "Her new password is now sunshine99, she signed in.", "0"),
        (NOTES + "net user jdoe /active:yes run on the DC, account enabled again.", "10"),
        (
            NOTES + "Set-ADAccountPassword -Reset -NewPassword (Read-Host -AsSecureString) run.",
            "10",
        ),
        # a secret is a credential of an account or a device: a conference bridge's or a
        # meeting's PIN or passcode is joined by everyone invited (LABELLING.md: a bridge
        # dial-in PIN is not an account secret); a PIN set on the user's phone, an admin PIN
        # of a screen, a meeting-room panel's PIN are
        (NOTES + "MI declared, bridge 0330 555 0191 pin 4412 opened 05:32.", "10"),
        (NOTES + "Teams meeting ID 312 554 889 passcode 7Hq2xPk9 sent to the site leads.", "10"),
        (NOTES + "Dial-in: 0330 555 0191, PIN: 4412, for the whole site.", "10"),
        (NOTES + "Unlocked and set new PIN 4471, told Gary on the call.", "0"),
        (NOTES + "On the call: password Spring-Ledger-4417 given, must change it.", "0"),
        (NOTES + "Screen admin PIN 7391 for the onsite tech.", "0"),
        (NOTES + "Meeting room panel PIN 1234 given to facilities.", "0"),
        # the event named after the credential word, before its value
        (NOTES + "PIN for the bridge is 4412, shared with the site leads.", "10"),
        # a phone's unlock code, a safe's combination, a BitLocker recovery key by its shape
        (NOTES + "Unlock code for the phone is 482913, told the user.", "0"),
        (NOTES + "Safe combination 13-27-45 given to the night manager.", "0"),
        (NOTES + "Key: 123456-234567-345678-456789-567890-678901-789012-890123 entered.", "0"),
        # names, hosts and tool names beside a credential word are no secrets
        (NOTES + "Credential Manager: two MicrosoftOffice16 entries with old pwd removed.", "10"),
        (NOTES + "Reset the password on MKL-LT-2410, temp given by phone, user signed in.", "10"),
    ],
)
def test_work_notes(make_ticket, handling_rubric, notes, option):
    r = run(handling_rubric, "work_notes", make_ticket(work_notes=notes))
    assert r.option == option, r.reasoning
    assert "Welcome2025!" not in r.evidence


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("The user cannot open the shared mailbox since the migration.", []),
        ("Reimaged the laptop, resynced OneDrive and rebooted; Outlook works.", []),
        ("Checked C:\\Users\\jdoe\\AppData and srv-fin-01.acme.local, ping ok.", []),
        # "usr" is shorthand with its vowels dropped, like "pwd" (LABELLING.md: abbreviations)
        ("The usr recieved an eror when opening the mailbox.", ["recieved", "eror"]),
        ("Teh printer is not printng.", ["printng"]),  # capitalised words are not checked
        # LABELLING.md S3: abbreviations and shorthand, derivations and jargon are no slips;
        # three letters are a slip when two are swapped ("teh", "adn")
        ("Notes incl the eod figures, tcp ok.", []),
        ("Repointed the untrusted share and recalibrated the scanner.", []),
        ("The printer adn teh scanner are offline.", ["adn", "teh"]),
        ("The user desided to reboot.", ["desided"]),  # a prefix and a short word: a slip
        ("The organisational unit moved.", []),  # British
        # inflections that break English's inflection rules are slips (LABELLING.md audit
        # rule 16): "-ly" keeps the "e", "-ing" drops it, "-s" after "s" is "-es", a
        # consonant doubled where the common form has one
        ("It was completly down, fixed immediatly.", ["completly", "immediatly"]),
        ("Was changeing the acess list, comming back later.", ["changeing", "acess", "comming"]),
        ("The switch's port and the user's acess.", ["acess"]),  # a possessive is its word
        # "-y" after a consonant is "-ie" before "-s", "-es", "-ed"; after a vowel it stays
        ("She tryed twice, copyed the file and trys again.", ["tryed", "copyed", "trys"]),
        ("She tried twice, played the file, buys another and tries again.", []),
        # a letter moved two places; a British word's slip ("neigbour": "neighbor")
        ("Waited 5 nimutes for the faluire to show.", ["nimutes", "faluire"]),
        ("The neigbour's printer prints.", ["neigbour"]),
        # closed compounds of common words are IT terms, not slips (S3: jargon); slips that
        # split in two are still slips
        ("Checked the playout server, the uplink and the backtrace; putaways resumed.", []),
        ("The differrent bandwith was workin.", ["differrent", "bandwith", "workin"]),
        ("Reset the passsword, he was misstaken.", ["passsword", "misstaken"]),
        # no inflection of a word of two letters ("ther": "the" + "-er"); "-ie" is "-y"
        # before "-ing"; a letter dropped from a common word, though French writes it so
        ("Seen: ther printer was dieing, the machin is slow.", ["ther", "dieing", "machin"]),
        # a common word cut short is an abbreviation even when two letters swapped give a
        # rarer word ("cust": "customer", not "cuts"); a swap of a commoner word is the slip
        ("Called the cust back, the cable was undre the desk.", ["undre"]),
        # a word of seven letters capitalised where a sentence opens counts (S3: "Priorty"),
        # a shorter one is mostly a first name
        ("Happend after the update. Dispaly blank. Shona called.", ["happend", "dispaly"]),
        # Italian and Dutch words in a reply are another language (S3)
        ("The printer works again after the queue was cleared: grazie, tutto a posto.", []),
        ("The scanner was restarted and the user scanned a page: werkt weer, bedankt.", []),
        # a sentence or a clause in another language, whoever wrote it, in a language with
        # no dictionary here (Welsh: "profi", "eto", "danc" sit one letter from English
        # words, "ddau", "cyrraedd" near none; S3, S4)
        (
            "The new SIM had no SMS service, enabled it on the portal. Test alarm -> SMS "
            "received. Wedi profi eto o'r ddau danc arall -> SMS yn cyrraedd.",
            [],
        ),
        ("The SIM had no SMS service and it was enabled, wedi profi eto o'r ddau danc arall.", []),
        # beside such a sentence, one whose words all sit near English words
        (
            "The test call to the site went through and the line is up again. Diolch, "
            "mae'n gweithio. Pawb yn gallu cadw eto.",
            [],
        ),
        # English slips are no other language: a swapped pair ("teh"), an English word
        # among them, or no word far from English
        ("Recieved teh new pasword.", ["recieved", "teh", "pasword"]),
        ("Rebooted machin, sucessful.", ["machin", "sucessful"]),
        # a sentence opens after list markers, one inside another or without a space
        ("- 1. Attemped a reseal of the cartridge.", ["attemped"]),
        ("-Attemped a reseal of the cartridge.", ["attemped"]),
        # the summary of a line in parts opens as a sentence does; the parts before it are
        # names (a site one letter from "arrogate"), as is a name after a lone dash
        ("YYH - Whitby Hostel - Kitchen tablet - Breakfest orders not showing", ["breakfest"]),
        ("ACME | Harrogate | Payroll | Conection drops at 09:00", ["conection"]),
        ("ACME - Harrogate - Payroll - Printer jams since Monday", []),
        ("Cleared the queue - Harrogate office printer works.", []),
        # nor is the application named again where the summary opens ("Brewman" is one
        # letter from "crewman"), nor a name one letter from a word that begins with another
        # letter: a slip keeps the first letter
        ("HBB - All sites - Brewman ERP - Brewman unavailable for all users", []),
        ("ACME - Leeds - Payroll - Harrogate staff cannot log in", []),
        ("Harrogate office printer jams. Brewman is down.", []),
        # a verb that leaves out its doubled consonant opens a sentence: a slip at any
        # length (no first name ends so)
        ("Scaned the pairing barcode. Loged in as her. Shona called.", ["scaned", "loged"]),
        # ... and one that keeps the "-y" of a consonant before "-ed" ("tried"), which no
        # first name does ("Sayed" has a vowel before it)
        ("Tryed the scan button. Copyed the file. Sayed called.", ["tryed", "copyed"]),
        # the antivirus "defs" (definition files) are jargon, no slip of "defy"
        ("Update-MpSignature ran, defs dated today.", []),
        # the second part of a name after an initial (a species: "E. coli"); a clipped past
        # participle ("reg'd") and a clip of four letters of a commoner word ("prob":
        # problem, probably; not "probe") are shorthand (LABELLING.md rule 16)
        ("MPN counts of E. coli and S. aureus in the sample.", []),
        ("Push to her reg'd phone, relay prob gone, elec circ checked.", []),
        # a doer written "-er" where English writes "-or", though French writes the verb so
        ("The rigging inspecter and the superviser came.", ["inspecter", "superviser"]),
        ("The adviser and the protester left.", []),
        # two letters of a common word swapped, though Dutch writes it so ("compleet")
        ("The install was compleet and the fix was simpel.", ["compleet", "simpel"]),
        # three letters are an abbreviation's ("eid" merge, the user's upn, uid, pid: a letter
        # and "id" is an identifier, "upn" no "pun"); a swap of a word as common as "and",
        # "the", "how" or "use" is the slip ("adn", "teh", "hwo", "ues")
        ("Please merge these eid numbers, the old eid was wrong.", []),
        ("Checked the upn and the uid in AD, pid 4410 killed.", []),
        ("Reset adn tested, teh app opens; hwo to ues it sent.", ["adn", "teh", "hwo", "ues"]),
    ],
)
def test_misspellings(text, wrong):
    found, english = misspellings(text)
    assert found == wrong and english


def test_spelling_options(make_ticket, logging_rubric, handling_rubric):
    assert run(logging_rubric, "spelling_grammar", make_ticket()).option == "10"
    t = make_ticket(description="The usre recieved an eror and cant oepn the mailbox.")
    r = run(logging_rubric, "spelling_grammar", t)
    assert r.option == "0" and "'recieved'" in r.evidence
    t = make_ticket(close_notes="Recreated the profle, user confirmd it works.")
    assert run(handling_rubric, "spelling_grammar", t).option == "5"
    t = make_ticket(work_notes="", comments="", close_notes="")
    assert run(handling_rubric, "spelling_grammar", t).option == "N/A"


def test_names_written_with_a_capital_elsewhere_are_names(make_ticket, handling_rubric):
    """A product the ticket writes with a capital inside a sentence, or in capitals, is a
    name in lower case too ("set jabra default in win + genesys"; S3: capitalisation)."""
    notes = (
        "2025-01-10 09:30:00 - Sam Analyst (Work notes)\n"
        "set jabra default in win + genesys -> ok\npushed profile from soti"
    )
    t = make_ticket(
        description="Customers cannot hear her on her Jabra headset.",
        work_notes=notes,
        close_notes="Set the headset as default in Genesys; profile pushed from SOTI.",
    )
    assert run(handling_rubric, "spelling_grammar", t).option == "10"
    # a word capitalised only where a sentence opens names nothing
    notes = "2025-01-10 09:30:00 - Sam Analyst (Work notes)\nRecieved it. The file was recieved."
    t = make_ticket(work_notes=notes, close_notes="Recieved, the file recieved twice.")
    assert run(handling_rubric, "spelling_grammar", t).option != "10"


def test_the_callers_reply_in_another_language_is_not_misspelt(make_ticket, handling_rubric):
    """The caller's own comment in a language without a dictionary here (Norwegian: "takk",
    "lukke" sit one edit from English words) is another language, not two slips (S3); the
    caller's English slips still count (S1: customer comments included)."""
    notes = "2025-01-10 09:30:00 - Sam Analyst (Work notes)\nCleared the print queue, test ok."
    reply = "2025-01-10 09:40:00 - Kari Nordmann (Additional comments)\n"
    t = make_ticket(
        caller="Kari Nordmann",
        work_notes=notes,
        comments=reply + "Takk, det virker igjen. Dere kan lukke saken.",
        close_notes="Cleared the stuck job from the print queue.",
    )
    assert run(handling_rubric, "spelling_grammar", t).option == "10"
    t = make_ticket(
        caller="Kari Nordmann",
        work_notes=notes,
        comments=reply + "Recieved the new pasword, it works, thnaks.",
        close_notes="Cleared the stuck job from the print queue.",
    )
    assert run(handling_rubric, "spelling_grammar", t).option != "10"


def test_logins_made_of_the_tickets_names_are_names(make_ticket, handling_rubric):
    """An initial and the surname of a person the ticket names ("abrennan") is a login."""
    notes = "2025-01-10 09:30:00 - Sam Analyst (Work notes)\nAD: abrennan locked; unlocked."
    t = make_ticket(caller="Aoife Brennan", work_notes=notes, close_notes="Unlocked abrennan.")
    assert run(handling_rubric, "spelling_grammar", t).option == "10"
    t = make_ticket(caller="Jane Example", work_notes=notes, close_notes="Unlocked abrennan.")
    assert run(handling_rubric, "spelling_grammar", t).option != "10"


def test_a_login_of_a_surname_that_is_also_a_word(make_ticket, handling_rubric):
    """A surname written after a first name is a name though English has the word ("Dean
    Rowe"): an initial and it ("drowe") is a login, not a slip of "drove"."""
    notes = "2025-01-10 09:30:00 - Sam Analyst (Work notes)\nAD: drowe locked; unlocked drowe."
    t = make_ticket(
        description="Since 07:30 mechanic Dean Rowe cannot sign in to the laptop.",
        work_notes=notes,
        close_notes="Unlocked the account.",
    )
    assert run(handling_rubric, "spelling_grammar", t).option == "10"
    t = make_ticket(work_notes=notes, close_notes="Unlocked the account.")
    assert run(handling_rubric, "spelling_grammar", t).option == "5"


def test_words_of_the_instances_lists_are_no_slips(make_ticket, logging_rubric, handling_rubric):
    """A word of the values picked from the instance's lists (the CI "RVR-TX-MUXER01", a
    subcategory) is the organisation's vocabulary: "muxer" is not a slip of "mixer". ("codec",
    the word this test first used, is in the IT glossary since: a word of the trade.)"""
    notes = "2025-01-10 09:30:00 - Sam Analyst (Work notes)\nmuxer shows no stream; muxer reset."
    fields = dict(
        description="The studio muxer lost its stream at 17:42; the station is off air.",
        work_notes=notes,
        close_notes="Pointed the muxer at the new address.",
    )
    t = make_ticket(cmdb_ci="RVR-TX-MUXER01", **fields)
    assert run(handling_rubric, "spelling_grammar", t).option == "10"
    assert run(logging_rubric, "spelling_grammar", t).option == "10"
    t = make_ticket(cmdb_ci="", subcategory="Transport muxer", **fields)
    assert run(handling_rubric, "spelling_grammar", t).option == "10"
    t = make_ticket(**fields)  # CI "Microsoft Outlook": three slips of "mixer"
    assert run(handling_rubric, "spelling_grammar", t).option == "5"


def test_the_tickets_people_in_lower_case_are_names(make_ticket, handling_rubric):
    """The caller's first name in a note typed in lower case ("rang johan"), and a first
    name before a surname in letters English does not use ("henrik sjöberg"), are names
    (S3); a slip of a common word before such a surname still counts."""
    notes = (
        "2025-01-10 09:30:00 - Sam Analyst (Work notes)\n"
        "rang johan, port 14 up. told security, henrik sjöberg, by phone. johan confirmed."
    )
    t = make_ticket(caller="Johan Lindberg", work_notes=notes, close_notes="henrik told.")
    assert run(handling_rubric, "spelling_grammar", t).option == "10"
    notes = (
        "2025-01-10 09:30:00 - Sam Analyst (Work notes)\nrecieved josé's mail, recieved löfven's."
    )
    t = make_ticket(caller="Jane Example", work_notes=notes, close_notes="Done.")
    assert run(handling_rubric, "spelling_grammar", t).option != "10"


def test_negation_does_not_cross_lines(make_ticket, logging_rubric):
    t = make_ticket(
        short_description="ACME - London - Teams - No audio in Teams meetings",
        description="Identity confirmed with employee ID E29833 and full name.",
        work_notes="",
    )
    assert run(logging_rubric, "caller_validation", t).option == "10"


# A password reset asked for on a ticket still open, with nothing handled yet (the PDI's
# "Reset my password" shape): no reset is done yet, so the validation that must come before it
# is not yet missing (LABELLING.md, Logging audit rule 7: a reset is one a note says was done).
# Before, FAIL on both rubrics. A reset written as done on an open ticket still needs it, and a
# closed ticket that asked for one is judged as before. The other processes' steps are due
# when the process applies (rules 9 and 13; the labels' open major incidents INC0009005 and
# INC0000050 are -35): a lost device still open without Security told stays -35.
_RESET_ASKED = "I can't remember my password and need to log in. Can someone reset it asap?"
_DONE = "2025-03-04 10:15:00 - Ana Analyst (Work notes)\nPassword reset done, temp password given."


@pytest.mark.parametrize("rubric_id", ["incident_logging", "incident_quality"])
@pytest.mark.parametrize(
    "short, description, state, notes, option",
    [
        ("Reset my password", _RESET_ASKED, "In Progress", "", "N/A"),
        ("Reset my password", _RESET_ASKED, "New", "", "N/A"),
        ("Reset my password", _RESET_ASKED, "In Progress", _DONE, "FAIL"),
        ("Reset my password", _RESET_ASKED, "Closed", "", "FAIL"),
        (
            "I need a replacement iPhone, please",
            "I lost my work-issued iPhone while travelling and I've erased the phone remotely.",
            "In Progress",
            "",
            "-35",
        ),
    ],
)
def test_a_reset_not_yet_done_on_an_open_ticket_is_no_breach(
    make_ticket, rubric_id, short, description, state, notes, option
):
    t = make_ticket(
        short_description=short, description=description, state=state, contact_type="phone",
        work_notes=notes, comments="", close_notes="", close_code="", resolved_at=None,
        closed_at=None,
    )  # fmt: skip
    r = run(load_rubric(rubric_id), "critical_process", t)
    assert r.option == option, r.reasoning
