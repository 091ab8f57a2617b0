"""Caller validation and critical process read as the Logging label audit wrote their rules
(tests/eval_set/LABELLING.md, "Logging audit", rules 1-14): what kind of event the ticket is,
which steps it needs, whether each is recorded and in which order. Each case is worded here
from the written rule (its examples in other words), never copied from the evaluation set."""

import pytest

from tests.scoring.conftest import run
from tests.scoring.test_rule_readings import NOTES
from tqrs.rules import apply_rules


@pytest.mark.parametrize(
    "contact, note, option",
    [
        # rule 2: a method's result in the clause or sentence after it
        ("phone", "Asked for her staff number and date of birth; both matched Workday.", "10"),
        ("phone", "Caller entered his IVR PIN before being put through; PIN accepted.", "10"),
        ("phone", "Sent a one-time code to her registered mobile, she read it back.", "10"),
        ("phone", "Called her back on her desk extension from the phone list.", "10"),
        ("phone", "Rang back on her registered mobile.", "10"),
        ("phone", "Manager Tom Reed vouched for him in person at the desk.", "10"),
        ("phone", "Checked with Duo.", "10"),
        ("walk-in", "Caller came to the desk with his staff card; photo matches.", "10"),
        (
            "email",
            "As the request came by e-mail, phoned her back on the number in the directory.",
            "10",
        ),
        ("phone", "Staff no + DOB verified.", "10"),  # "no" is the numero, not a negation
        # rule 2: SSO for a chat, when the session's sign-in is recorded
        ("chat", "She is in the chat under her own Entra ID login (SSO).", "10"),
        # rule 3: the caller's own signed-in session is no check on a phone
        ("phone", "Call came in on Teams from her signed-in account (MFA'd).", "0"),
        ("phone", "Rang her back on the number she gave.", "0"),
        ("phone", "Verified name and department.", "0"),
        # rule 3: a method named as the fix worked on (an MFA factor removed or re-registered)
        # or as the test of the fix ("test push") is no check of the caller
        ("phone", "Removed his old Authenticator in Entra; he enrolled the new handset.", "0"),
        ("phone", "Required her to re-register MFA, new phone added; test push approved.", "0"),
        ("phone", "Duo push approved, then his MFA methods were reset.", "10"),
        # rule 6: tried and failed
        ("phone", "Validation: could not complete, Duo push denied by user.", "0"),
        ("phone", "Tried security questions, she got only 1 of 4; reset anyway.", "0"),
    ],
)
def test_caller_validation(make_ticket, logging_rubric, contact, note, option):
    ticket = make_ticket(
        contact_type=contact, work_notes=NOTES + note, comments="", close_notes="Done."
    )
    assert run(logging_rubric, "caller_validation", ticket).option == option


@pytest.mark.parametrize("sd", ["ATF:TEST7", "Automated test record 12"])
def test_an_automated_test_record_has_no_caller(make_ticket, logging_rubric, sd):
    """Rule 5: a record the export shows as an automated test has no human caller."""
    ticket = make_ticket(
        short_description=sd, description="", contact_type="", work_notes="", comments="",
        close_notes="",
    )  # fmt: skip
    assert run(logging_rubric, "caller_validation", ticket).option == "N/A"


@pytest.mark.parametrize(
    "sd, desc, notes, priority, option",
    [
        # rule 7: not a desk reset
        (
            "Locked out",
            "Account locked out after holiday.",
            "Talked him through the self-service password page; he set a new password himself.",
            3,
            "N/A",
        ),
        (
            "Service account locked",
            "The svc_backup service account is locked out, nightly job fails.",
            "Unlocked svc_backup in AD, job rerun OK.",
            3,
            "N/A",
        ),
        # rule 8: order by the times written in one line, and "after that"
        (
            "Reset",
            "User forgot her password.",
            "Reset the password at 10:02 and verified the caller's staff ID + DOB at 10:05.",
            3,
            "FAIL",
        ),
        (
            "Reset",
            "User forgot her password.",
            "Reset the password; identity was checked with an Okta push only after that.",
            3,
            "FAIL",
        ),
        # rule 9: a device found again during the call
        (
            "Lost phone",
            "Lost my phone in the office.",
            "While on the call she found it in her bag.",
            3,
            "N/A",
        ),
        # rule 10: a coin miner is malware
        (
            "Coin miner",
            "Fan loud, Defender flagged a coin miner.",
            "Pulled the network cable, SOC informed, reimaged.",
            3,
            "PASS",
        ),
        # rule 11: a scammer's session, personal data sent outside its audience
        (
            "Remote session",
            "A caller claiming to be from IT got remote access to his PC.",
            "Removed the remote tool, ran a full scan.",
            3,
            "-35",
        ),
        (
            "Spreadsheet sent",
            "Sent a spreadsheet with customers' bank details to an outside supplier by mistake.",
            "Recalled the message.",
            3,
            "-35",
        ),
        # rule 12: VIP by role; a flag is no escalation; an assistant's own fault is no VIP
        ("VC Teams", "The Vice-Chancellor cannot join Teams meetings.", "Fixed cache.", 3, "-35"),
        (
            "Printer",
            "Managing partner's printer not printing.",
            "Escalated to the VIP support team; fixed driver.",
            4,
            "PASS",
        ),
        ("Mail", "CEO cannot send mail.", "VIP flag noted on caller record. Fixed.", 3, "-35"),
        (
            "Printer",
            "I am the CEO's executive assistant; my own printer is jammed.",
            "Cleared jam.",
            3,
            "N/A",
        ),
        ("iPad", "EA to the CEO: the CEO's iPad cannot get mail.", "Fixed profile.", 3, "-35"),
        # rule 13: a service down for a whole site or many people; not a team, not one device
        (
            "Library Wi-Fi",
            "Wi-Fi down on all floors of the library since noon.",
            "Network team engaged.",
            2,
            "-35",
        ),
        (
            "Tracking API",
            "About 300 customer integrations cannot pull parcel status since midnight.",
            "Renewed the certificate.",
            2,
            "-35",
        ),
        (
            "Share",
            "The 8 people in the finance team cannot reach the S: drive.",
            "Fixed permissions.",
            3,
            "N/A",
        ),
        (
            "Printer",
            "The 2nd floor printer is down for everyone on the floor.",
            "Cleared jam.",
            3,
            "N/A",
        ),
        # rule 14: a duplicate, a follow-up of a ticket that holds the matter
        (
            "Lost laptop",
            "Laptop left on the train.",
            "Duplicate of INC0012345, closed. No action on this ticket.",
            3,
            "N/A",
        ),
        (
            "Loan laptop",
            "Loan laptop needed while Security holds my infected PC (INC0045521).",
            "Issued loan laptop LT-221.",
            3,
            "N/A",
        ),
    ],
)
def test_critical_process(make_ticket, logging_rubric, sd, desc, notes, priority, option):
    assert _critical_process(make_ticket, logging_rubric, sd, desc, notes, priority) == option


def _critical_process(make_ticket, rubric, sd, desc, notes, priority, **fields) -> str:
    """The critical-process option of a phone ticket with these texts, closed "Done."."""
    ticket = make_ticket(
        short_description=sd,
        description=desc,
        contact_type="phone",
        priority=priority,
        work_notes=NOTES + notes,
        comments="",
        close_notes="Done.",
        **fields,
    )
    return run(rubric, "critical_process", ticket).option


VALIDATED = "Validated by: Okta Verify push accepted.\n"


@pytest.mark.parametrize(
    "notes",
    [
        # rule 8: the writer's order in a list of steps, and clocked lines under a time
        # written before each line (a journal whose headers cannot be read)
        "- Reset the password in AD, temporary one given by phone.\n"
        "- After, caller confirmed employee number and date of birth, correct.",
        "[09:00] 10:01 lockout cleared in ADUC\n"
        "[09:01] 10:04 caller gave staff number + DOB, both match\n"
        "[09:02] 10:07 sign-in OK",
    ],
)
def test_the_order_a_note_writes(make_ticket, logging_rubric, notes):
    ticket = make_ticket(
        short_description="Locked out",
        description="Locked out of Windows after the holiday, forgot password.",
        contact_type="phone",
        work_notes=notes,
        comments="",
        close_notes="Done.",
    )
    assert run(logging_rubric, "critical_process", ticket).option == "FAIL"


@pytest.mark.parametrize(
    "contact, note, option",
    [
        # rule 2 in a phone-typed voice: shorthand for the word of checking and the method
        # (LABELLING.md rule 16 treats "usr", "gvn" and other consonant skeletons as
        # shorthand; the methods are those of northstar.freshservice.com and
        # civicfshelp.freshdesk.com)
        ("phone", "id vrfd w okta push", "10"),
        ("phone", "duo ok'd by usr", "10"),
        ("phone", "valid: staff no 30117 + dob vs hr", "10"),
        ("phone", "sec qs ok 3/3", "10"),
        ("phone", "cb to reg mob, user picked up", "10"),
        ("phone", "MFA number match done with the user.", "10"),
        # rule 2: an ID number of another kind of staff with a second fact
        ("phone", "Contractor ID and date of birth given, both matched the vendor record.", "10"),
        # rule 2: a call out to a number the record names (blueprintaudits.com: a callback
        # is a call placed by the analyst; soclogix.com: the number on file)
        ("email", "Phoned him on the extension listed in the staff directory.", "10"),
        ("phone", "Called her on her registered mobile and she confirmed the request.", "10"),
        ("phone", "Rang him on the mobile in the HR record, no answer, left voicemail.", "0"),
        # rule 2: a code sent to the mobile on record (td.usnh.edu KB 4947), written to
        # the caller in a comment
        (
            "email",
            "Thank you for confirming your employee number and the code I texted to your "
            "registered mobile.",
            "10",
        ),
        # rule 3 stays: a request to give a fact is no fact given
        ("phone", "Asked him to confirm his staff number; he could not.", "0"),
        ("walk-in", "Looked at her staff ID card at the desk, photo matches.", "10"),
        # rule 2: a token's code is an MFA factor; a manager confirming the identity
        ("phone", "Validated with her RSA SecurID token code.", "10"),
        ("phone", "Line manager confirmed his identity on her listed extension.", "10"),
        # rule 2: a staff pass shown in person is a staff badge compared
        ("walk-in", "Validated in person: he showed me his staff pass at the counter.", "10"),
        # a person's initial is no sentence end: the method and the word that says it was
        # done sit either side of "R." (rule 2: an employee number with a second fact)
        (
            "email",
            "Teams call to E. Blount, employee no 60412 + his manager R. Kettle confirmed "
            "against HR.",
            "10",
        ),
        # rule 2: a call-back written as two words, to a number from the directory
        ("phone", "val: call back to the gate office on 4460 from the port directory. ok.", "10"),
        ("phone", "Will call back on the number in the directory.", "0"),
        # rule 2: a staff pass compared with the person at a desk
        ("walk-in", "At the IT desk in person; staff photo pass compared with her face.", "10"),
        # rule 3: Okta named as the account or the console is no MFA check
        (
            "email",
            "Okta -> account locked after five tries. Unlocked the Okta account; she approved "
            "the order afterwards.",
            "0",
        ),
    ],
)
def test_caller_validation_in_other_voices(make_ticket, logging_rubric, contact, note, option):
    ticket = make_ticket(
        contact_type=contact, work_notes=NOTES + note, comments="", close_notes="Done."
    )
    assert run(logging_rubric, "caller_validation", ticket).option == option


@pytest.mark.parametrize(
    "sd, desc, notes, priority, option",
    [
        # rule 13: a major incident declared or run in the handling, the opening silent
        # (blog.jestor.com: the Major Incident Manager activated, a bridge call opened;
        # help.matrix42.com: an incident promoted to a major incident)
        (
            "Booking site errors",
            "Booking site returns error 500 since 09:00.",
            "Declared a major incident at 09:10; incident manager Ali Khan, bridge opened.",
            1,
            "PASS",
        ),
        (
            "Booking site errors",
            "Booking site returns error 500 since 09:00.",
            "Raised as a major incident at 09:10. Rolled back the release.",
            1,
            "-35",
        ),
        (
            "Printer",
            "Printer jam on the 2nd floor.",
            "Not a major incident: one printer. Cleared the jam.",
            3,
            "N/A",
        ),
        # rule 13: the scope in other words (both or either site, across the organisation,
        # many written in words, no customer can, off air, calls that reach nobody)
        ("Card payments", "Both stores have no card payments since opening.", "Fixed.", 1, "-35"),
        ("Mail", "E-mail is down across the organisation since 08:00.", "Fixed.", 1, "-35"),
        ("Citrix", "Around two hundred staff cannot log on to Citrix.", "Fixed.", 2, "-35"),
        (
            "Radio",
            "The station has been off air for all listeners since 06:00.",
            "Fixed.",
            1,
            "-35",
        ),
        ("Hotline", "Hotline outage: no customer can get through.", "Rerouted.", 1, "-35"),
        ("Payroll", "Payroll system is down company-wide.", "Fixed.", 1, "-35"),
        (
            "Licences",
            "Since the company-wide font update, one PC shows licence not available.",
            "Fixed.",
            3,
            "N/A",
        ),
        # rule 10: a virus of living things is no malware (bsl3.com: infected cells in
        # freezing vials; globe-medical.com: virus strains stored in tubes)
        ("LIMS", "Measles virus samples missing from the freezer inventory.", "Fixed.", 3, "N/A"),
        ("Ward PC", "Infection control dashboard not loading on Ward 3.", "Fixed.", 3, "N/A"),
        ("Virus", "Laptop has a virus, pop-ups everywhere.", "Ran scan.", 3, "-35"),
        # rule 11: a taken-over account, a credential posted, a caller who said he was IT
        # (SigmaHQ microsoft365_susp_inbox_forwarding: a rule forwarding mail to an external
        # address; RaReNet DFAK "Account hijacking": strange messages sent from the account)
        (
            "Mailbox",
            "A forwarding rule to an external Gmail address appeared in her mailbox.",
            "Removed the rule.",
            3,
            "-35",
        ),
        (
            "Mailbox",
            "Her mailbox is sending spam she never wrote.",
            "Reset password. SOC informed.",
            3,
            "PASS",
        ),
        (
            "Key",
            "A developer pushed an API key to a public GitHub repository.",
            "Key rotated.",
            3,
            "-35",
        ),
        (
            "Call",
            "A man saying he was from the IT desk asked for her password and she gave him her "
            "password.",
            "Reset her password.",
            3,
            "-35",
        ),
        # rule 11: a mail sent to the wrong list is a privacy incident only with personal or
        # confidential data in it (a lunch invitation is none)
        (
            "Mail",
            "The team lunch invitation was e-mailed to the wrong distribution list.",
            "Recalled.",
            4,
            "N/A",
        ),
        (
            "Fax",
            "A referral letter with the patient's diagnosis was faxed to the wrong surgery.",
            "Resent to the right number.",
            3,
            "-35",
        ),
        (
            "Portal",
            "The health history form of one member was saved in another customer's shared folder.",
            "Moved it.",
            3,
            "-35",
        ),
        # rule 13: a site without the service in other words; a job that failed is no
        # service down; a major incident run in the handling (an incident manager, a bridge)
        ("Wi-Fi", "No Wi-Fi anywhere on the campus since 07:30.", "Fixed.", 1, "-35"),
        (
            "Export",
            "The overnight sales export failed for all stores; the tills work.",
            "Re-ran the export.",
            3,
            "N/A",
        ),
        (
            "WMS",
            "Scanners cannot post to the WMS since 14:00.",
            "Incident manager Dana Roe assigned; updates by e-mail every hour.",
            2,
            "-35",
        ),
        (
            "WMS",
            "Scanners cannot post to the WMS since 14:00.",
            "Incident manager Dana Roe informed and leading; updates by e-mail every hour.",
            2,
            "-35",
        ),
        (
            "WMS",
            "One scanner cannot post to the WMS since 14:00.",
            "Team leader Dana Roe informed; re-paired the scanner.",
            2,
            "N/A",
        ),
        (
            "Payments",
            "Card terminals decline every card since 10:00.",
            "Opened a bridge with the acquirer at 10:15. Rerouted the traffic.",
            2,
            "-35",
        ),
        # rule 10: a virus going round people is an illness
        (
            "Rota",
            "A stomach virus is going round the kitchen and the rota app will not save changes.",
            "Cleared the cache.",
            3,
            "N/A",
        ),
        # rule 9: a wipe promised in the words after it; a handheld is a device
        (
            "Phone",
            "Work phone stolen from her bag at the station.",
            "Security team notified (SEC-88). The wipe will be sent once it comes online.",
            2,
            "-35",
        ),
        (
            "Scanner",
            "Delivery handheld stolen from the van.",
            "Reported to IT Security; remote wipe sent from SOTI, pending.",
            2,
            "PASS",
        ),
        # rule 11: a phishing mail, a taken-over account and the privacy office in other
        # words (Microsoft's "MFA fatigue" attack: prompts the user did not start)
        (
            "MFA",
            "She keeps getting Okta push prompts she did not start.",
            "Reset her password; reported to the cyber team.",
            3,
            "PASS",
        ),
        (
            "Mail",
            "Business email compromise suspected at a supplier.",
            "Blocked the sender.",
            3,
            "-35",
        ),
        (
            "Letters",
            "Patient letters with diagnoses were e-mailed to the wrong GP practice.",
            "Information Governance informed; recall done.",
            3,
            "PASS",
        ),
        # rule 12: a director-general heads the organisation; an upgrade to P2 in other words
        ("Outlook", "The Director-General's Outlook keeps crashing.", "Repaired Office.", 3, "-35"),
        (
            "Outlook",
            "The Director-General's Outlook keeps crashing.",
            "Upgraded to priority 2 as VIP. Repaired Office.",
            3,
            "PASS",
        ),
        # rule 11: personal data in the other order ("the list of customers")
        (
            "Mail",
            "The list of patients with their addresses was e-mailed to an external firm by "
            "mistake.",
            "Recalled.",
            3,
            "-35",
        ),
        # rule 11: a person's record told by its fields (people "with names, addresses",
        # sort codes, a home address) open to anyone with a link, or another person's
        # record shown to a user
        (
            "OneDrive",
            "He shared the export (200 customers with names, addresses and sort codes) "
            "with an Anyone with the link link.",
            "Removed the link.",
            3,
            "-35",
        ),
        (
            "App",
            "Since the update the app shows a rider another rider's home address.",
            "Rolled back the release.",
            3,
            "-35",
        ),
        (
            "App",
            "Since the update the app shows a rider another rider's home address.",
            "Rolled back the release. Reported to the DPO.",
            3,
            "PASS",
        ),
        # ... not a list shared with its own audience, nor a record of one's own
        (
            "OneDrive",
            "He shared the export (200 customers with names and addresses) with the two auditors.",
            "Shared.",
            3,
            "N/A",
        ),
        (
            "App",
            "Since the update the app shows her own home address twice.",
            "Fixed.",
            3,
            "N/A",
        ),
    ],
)
def test_critical_process_in_other_words(
    make_ticket, logging_rubric, sd, desc, notes, priority, option
):
    got = _critical_process(make_ticket, logging_rubric, sd, desc, VALIDATED + notes, priority)
    assert got == option


@pytest.mark.parametrize(
    "notes, option",
    [
        # rule 7: a reset or unlock by the desk recorded in the handling only, the opening
        # asking for neither
        ("The SAP user was locked; unlocked his account.", "FAIL"),
        ("Validated: Duo push approved. Then unlocked his SAP account.", "PASS"),
        ("Reset the service account password in the vault.", "N/A"),
        ("Unlocked the PDF so he can edit it.", "N/A"),
        ("Sent him the password reset link and the KB on how to use it.", "N/A"),
        ("Talked him through setting a new password on the self-service page.", "N/A"),
    ],
)
def test_a_reset_written_only_in_the_handling(make_ticket, logging_rubric, notes, option):
    ticket = make_ticket(
        short_description="SAP sign-in",
        description="Cannot sign in to SAP since this morning.",
        contact_type="phone",
        priority=3,
        work_notes=NOTES + notes,
        comments="",
        close_notes="Done.",
    )
    assert run(logging_rubric, "critical_process", ticket).option == option


@pytest.mark.parametrize(
    "sd, desc, notes, priority, option",
    [
        # rule 12: "VIP" qualifies a person or is said of one; before another noun it is a
        # place, an event or a thing
        ("Screens", "The TVs in the VIP box at the ground show no picture.", "Re-tuned.", 3, "N/A"),
        (
            "Wi-Fi",
            "The SSID for the VIP donors' dinner in the atrium is not broadcasting.",
            "Mapped the SSID to the atrium APs.",
            3,
            "N/A",
        ),
        ("Cert", "Load balancer VIP certificate expired this morning.", "Renewed.", 3, "N/A"),
        ("Outlook", "Caller is a VIP; Outlook will not open.", "Repaired Office.", 3, "-35"),
        ("Outlook", "VIP user: Outlook will not open.", "Repaired Office.", 3, "-35"),
        ("Laptop", "The VIP's laptop will not dock.", "Replaced the dock.", 3, "-35"),
        # rule 12: an executive by rank, not a grade named after a function
        ("Outlook", "Our procurement executive cannot open Outlook.", "Repaired.", 3, "N/A"),
        ("Outlook", "The chief executive cannot open Outlook.", "Repaired.", 3, "-35"),
        # rule 12: in a clinic "the MD" is the doctor, not a managing director
        (
            "Printer",
            "The MD cannot print prescriptions in the clinic room; patients are waiting.",
            "Cleared the queue.",
            3,
            "N/A",
        ),
        (
            "Laptop",
            "Our MD's laptop will not start before the board call.",
            "Reseated RAM.",
            3,
            "-35",
        ),
        # rule 10: a virus among people is an illness, also when the category says malware
        (
            "Rota",
            "A winter bug is going round: a virus has put six nurses off sick, and the rota "
            "app does not show the open shifts.",
            "Fixed the group of the shifts.",
            3,
            "N/A",
        ),
        (
            "Virus",
            "Virus warning on the reception PC since 10:00.",
            "Ran a full scan, 2 threats removed.",
            3,
            "-35",
        ),
        # rule 13: "both" counts a pair of what the site word qualifies
        (
            "Tills",
            "Both cafe tills decline every card since 09:00; cash works.",
            "Gateway allow list updated.",
            2,
            "N/A",
        ),
        (
            "Phones",
            "No inbound calls on both sites since 09:00.",
            "Routing fixed.",
            2,
            "-35",
        ),
    ],
)
def test_what_a_cue_word_qualifies(make_ticket, logging_rubric, sd, desc, notes, priority, option):
    """A cue counts when the sentence makes it about the caller, a device or a site, not
    when it names a room, an event, an illness or a pair of devices (rules 10, 12, 13)."""
    virus = "virus" in desc.lower()
    got = _critical_process(
        make_ticket,
        logging_rubric,
        sd,
        desc,
        VALIDATED + notes,
        priority,
        category="Security" if virus else "Software",
        subcategory="Malware" if virus else "Application",
    )
    assert got == option


@pytest.mark.parametrize(
    "notes, option",
    [
        # rule 13: run on a bridge however it is written, the incident manager missing
        (
            "Whole booking platform down for all customers = major incident. Zoom bridge open.",
            "-35",
        ),
        ("Bridge open on Webex with the vendor; declared P1.", "-35"),
        (
            "This is a major incident. Incident manager: K. Bell. Bridge opened on the "
            "conference line.",
            "PASS",
        ),
        ("Cleared the print queue.", "N/A"),
    ],
)
def test_a_major_incident_run_in_the_handling(make_ticket, logging_rubric, notes, option):
    ticket = make_ticket(
        short_description="Booking errors",
        description="Bookings fail with an error since 10:00.",
        contact_type="phone",
        priority=2,
        work_notes=NOTES + "Validated by: Okta Verify push accepted.\n" + notes,
        comments="",
        close_notes="Done.",
    )
    assert run(logging_rubric, "critical_process", ticket).option == option


@pytest.mark.parametrize(
    "note, option",
    [
        # rule 2: manager (or another person in charge) verification in person
        ("The site supervisor stood with him and confirmed in person that it is him.", "10"),
        ("Her team leader, on the authorised list, verified her in person on video.", "10"),
        ("Caller verified in person.", "0"),  # no one vouching, no method
        # rule 2: any language
        ("Validación: dio su número de empleada 4471 y su fecha de nacimiento; coinciden.", "10"),
    ],
)
def test_validation_by_a_person_in_person_and_in_spanish(make_ticket, logging_rubric, note, option):
    ticket = make_ticket(
        contact_type="phone", work_notes=NOTES + note, comments="", close_notes="Done."
    )
    assert run(logging_rubric, "caller_validation", ticket).option == option


@pytest.mark.parametrize(
    "desc, notes, option",
    [
        # rule 5: raised by IT staff for a fault they report themselves
        (
            "Core switch in comms room 2 shows a fan alarm. Logged by the service desk team "
            "lead during the morning checks.",
            "Fan replaced.",
            "N/A",
        ),
        (
            "UPS battery warning in the server room, found by our network engineer.",
            "Battery swapped.",
            "N/A",
        ),
        # validated anyway: the method keeps its 10
        (
            "UPS battery warning in the server room, found by our network engineer.",
            "Validated by: Okta Verify push accepted. Battery swapped.",
            "10",
        ),
        # the desk raising it for a caller, or an account action: a person to validate
        (
            "Logged by the service desk on behalf of the caller: monitor flickers.",
            "Replaced cable.",
            "0",
        ),
        (
            "Found by our network engineer: his account is locked.",
            "Unlocked.",
            "0",
        ),
        # who raised it, told in the desk's first work note: a person named with their place
        # in IT beside the name
        (
            "Shed 2 controller offline since 22:10.",
            "Raised by Gareth (site engineering, our own IT team). Injector swapped.",
            "N/A",
        ),
        (
            "Student Wi-Fi drops every evening.",
            "Raised by Ayo from our own desk. DHCP scope widened.",
            "N/A",
        ),
        (
            "Student Wi-Fi drops every evening.",
            "Raised by Tom (he says it keeps failing). DHCP scope widened.",
            "0",
        ),
        (
            "Student Wi-Fi drops every evening.",
            "Raised by Tom from finance on the desk phone. Scope widened.",
            "0",
        ),
        # "blocked" is no account lock: the raiser keeps no caller to validate
        (
            "Certificate expired: the firewall blocked the renewal. Found by our network engineer.",
            "Renewed.",
            "N/A",
        ),
    ],
)
def test_a_ticket_it_staff_raise_for_themselves(make_ticket, logging_rubric, desc, notes, option):
    ticket = make_ticket(
        short_description="Fault",
        description=desc,
        contact_type="phone",
        work_notes=NOTES + notes,
        comments="",
        close_notes="Done.",
    )
    assert run(logging_rubric, "caller_validation", ticket).option == option


@pytest.mark.parametrize(
    "caller, notes, option",
    [
        # rule 5: the caller wrote the desk's first work note and says they raised it
        # themselves, whatever their team is called
        (
            "Sam Analyst",
            "Raised by me (lab systems), own fault report. Restarted the service.",
            "N/A",
        ),
        # another person as the caller, or raised for someone who called: a caller to validate
        (
            "Jane Example",
            "Raised by me (lab systems), own fault report. Restarted the service.",
            "0",
        ),
        ("Sam Analyst", "Raised by me after a call from Jane. Restarted the service.", "0"),
    ],
)
def test_the_caller_who_writes_the_first_note_raised_it(
    make_ticket, logging_rubric, caller, notes, option
):
    ticket = make_ticket(
        short_description="Licence server unreachable",
        description="Nobody in the CAD room can start the CAD program since 07:30.",
        caller=caller,
        contact_type="phone",
        work_notes=NOTES + notes,
        comments="",
        close_notes="Done.",
    )
    assert run(logging_rubric, "caller_validation", ticket).option == option


@pytest.mark.parametrize(
    "note, option",
    [
        # rule 2: a call-back to a directory number in shorthand, "no" being its numero
        ("ID check: cb dir no for the lab, staff ID + DOB good.", "10"),
        ("Caller checked: c/b dir no, emp# + DOB ok.", "10"),
        # rule 3: the number's source written, whatever the list is called
        ("Rang back on the number in the out-of-hours contacts register.", "10"),
        ("Called her back on the mobile from the emergency contacts spreadsheet.", "10"),
        ("Rang her back on her mobile; on the list for a loan laptop now.", "0"),
        # rule 2: "no." for number, where the number is kept or before it, ends no sentence
        ("Val: call-back to the gate lodge no. in directory + staff no. KQF-0388 -> ok.", "10"),
        ("Val: call-back to Lisa on the branch no. (directory) + staff no. BLP-1310, ok.", "10"),
        # ... also when a list cut the line there (its items read as the line's sentences)
        (
            "- Val: call-back to the gate lodge no.\n- in directory + staff no.\n- KQF-0388 -> ok.",
            "10",
        ),
        # "no." as the answer still ends its sentence: the call-back's number has no source
        ("Asked if she had the number listed, she said no. In the end rang her mobile.", "0"),
        # rule 2: any language (Spanish, the record and the result in its own words)
        (
            "Validación: llamada de vuelta a su móvil registrado; fecha de nacimiento y "
            "número de empleado correctos.",
            "10",
        ),
    ],
)
def test_where_and_how_a_check_is_written(make_ticket, logging_rubric, note, option):
    """The rule itself is sure of a method written so (not the offline judge's reading)."""
    ticket = make_ticket(
        contact_type="phone", work_notes=NOTES + note, comments="", close_notes="Done."
    )
    rules = apply_rules(ticket, logging_rubric)
    if option == "10":
        assert "caller_validation" not in rules.open
        assert rules["caller_validation"].option == option
    assert run(logging_rubric, "caller_validation", ticket).option == option


@pytest.mark.parametrize(
    "sd, desc, notes, category, option",
    [
        # rule 10: a virus a laboratory tests for in animals or samples is no malware
        (
            "Farm portal",
            "PRRS virus test results from the herd samples have not shown in the lab portal "
            "since Monday.",
            "Portal cache cleared, results shown.",
            "Software",
            "N/A",
        ),
        (
            "Export",
            "Since 08:00 the ILT virus screening for the poultry sheds will not export.",
            "Export template fixed.",
            "Software",
            "N/A",
        ),
        (
            "Lab PC",
            "Virus found on the lab PC's USB stick; the sample results were copied from it.",
            "Scanned and cleaned the stick.",
            "Security",
            "-35",
        ),
        # rule 10: a message's claim quoted, disproved by the checks
        (
            "Pop-ups",
            'The browser keeps showing a banner "Your computer has a virus - call support" '
            "since lunch.",
            "Site notification permission revoked; full AV scan: no threats.",
            "Security",
            "N/A",
        ),
        (
            "Pop-ups",
            'The browser keeps showing a banner "Your computer has a virus - call support" '
            "since lunch.",
            "Site notification permission revoked.",
            "Security",
            "-35",
        ),
        # an antivirus's own alert is a detection, scanned away or not
        (
            "Alert",
            'Defender shows "Trojan detected" on the reception PC.',
            "Full scan: no threats.",
            "Security",
            "-35",
        ),
        # rule 12: the executive reporting through an assistant is a VIP ticket
        (
            "Calendar",
            "The managing director reports via her EA that her calendar will not sync to her "
            "phone.",
            "Re-added the account on the phone.",
            "Software",
            "-35",
        ),
        (
            "Printer",
            "The managing director's EA cannot print her own expense form.",
            "Reinstalled the driver.",
            "Hardware",
            "N/A",
        ),
    ],
)
def test_what_a_cue_is_about(make_ticket, logging_rubric, sd, desc, notes, category, option):
    """A virus counts as malware when it is about a device, not a lab's sample; a quoted
    claim is a suspicion the checks can disprove; an executive speaking through an
    assistant is still the caller (rules 10, 12)."""
    got = _critical_process(
        make_ticket, logging_rubric, sd, desc, VALIDATED + notes, 4, category=category
    )
    assert got == option


@pytest.mark.parametrize("rubric_name", ["logging_rubric", "handling_rubric"])
def test_both_rubrics_read_an_open_validation_alike(make_ticket, request, rubric_name):
    """A method named without a word that it was done leaves caller validation to the judge;
    the handling rubric, which has no caller-validation criterion, leaves its critical
    process open too (rule 8 reads the validation as the logging rubric does), and the
    offline reading of both is a validation before the unlock."""
    rubric = request.getfixturevalue(rubric_name)
    ticket = make_ticket(
        short_description="Locked out",
        description="Account locked out since 08:00, cannot sign in to the laptop.",
        contact_type="phone",
        work_notes=NOTES + "Identity: Duo push to her phone.\nUnlocked the account in AD.",
        comments="",
        close_notes="Done.",
    )
    rules = apply_rules(ticket, rubric)
    assert "critical_process" in rules.open or "caller_validation" in rules.open
    assert run(rubric, "critical_process", ticket).option == "PASS"
    failed = ticket.model_copy(update={"work_notes": NOTES + "Unlocked the account in AD."})
    assert run(rubric, "critical_process", failed).option == "FAIL"


def test_a_ransom_note_quoted_is_no_claim_to_disprove(make_ticket, logging_rubric):
    """Rule 10: a ransom note is the infection's own work; a later clean scan does not make
    it a suspicion the checks disproved."""
    got = _critical_process(
        make_ticket,
        logging_rubric,
        "Files renamed",
        'Every file on the shared drive ends in .lkd and a note says "Your files are '
        'encrypted by ransomware, pay in bitcoin".',
        VALIDATED + "Restored the share from backup; full AV scan: no threats.",
        2,
        category="Security",
    )
    assert got == "-35"


@pytest.mark.parametrize(
    "note, option",
    [
        # rule 6: the outcome of the check, not only its method: a call-back offered and
        # refused, a caller who could not give the number, the owner reached on a number on
        # record who did not call (an impersonator), "Not validated." after the method
        (
            "Asked for his staff number and offered a call-back to the number on record; he "
            "declined and hung up. Not validated.",
            "0",
        ),
        ("Rang Priya back on the mobile held in HR: she is at home and did not call us.", "0"),
        ("Staff number and date of birth asked. Not validated.", "0"),
        # a check that failed, then a later one that passed
        (
            "Could not give his staff number at first; called him back on his registered "
            "mobile and he confirmed.",
            "10",
        ),
        # the desk's own hanging up to ring back is no failure of the check
        ("Hung up and rang her back on the mobile number held in the HR system.", "10"),
        # a method's own name is no result ("Okta Verify" verifies nothing); a push accepted
        ("Caller asked us to move his Okta Verify to a new phone.", "0"),
        ("Okta Verify: push sent, she tapped Approve on her handset.", "10"),
        # a verdict standing alone after the method
        ("Call-back to the depot line per the contact sheet. Sam Ode, DOB. Validated.", "10"),
        # a list of steps read as its sentences on one line
        (
            "- Staff number 50231 and date of birth asked.\n- Both checked against Workday.\n"
            "- Validated.",
            "10",
        ),
        (
            "- Teams call to J.\n- Okoro, employee no 44120 + his manager (P.\n"
            "- Lund) confirmed against HR.",
            "10",
        ),
        ("- Asked for employee ID.\n- Password reset.\n- User confirmed the login works.", "0"),
        # rule 2: any language (Dutch)
        (
            "Gebruiker gevalideerd via terugbelnummer uit het HR-systeem en personeelsnummer 7731.",
            "10",
        ),
    ],
)
def test_the_outcome_and_order_of_a_check(make_ticket, logging_rubric, note, option):
    """Rules 2 and 6: a validation is done when its method came out right, read in the
    sentence that names it and the verdict after it, in any list or language."""
    ticket = make_ticket(
        contact_type="phone", work_notes=NOTES + note, comments="", close_notes="Done."
    )
    assert run(logging_rubric, "caller_validation", ticket).option == option


@pytest.mark.parametrize(
    "sd, desc, notes, category, option",
    [
        # rule 13: a whole place of any name without a service is a site, read as a scope
        (
            "Sawmill offline",
            "Since 07:30 the whole sawmill has no internet or phones; orders cannot be taken.",
            "Provider fault, line restored at 11:00.",
            "Network",
            "-35",
        ),
        (
            "Timesheets",
            "The whole morning the timesheet app was down for me.",
            "Cleared the app cache, it opens.",
            "Software",
            "N/A",
        ),
        (
            "Share",
            "The whole team cannot open the shared drive since 09:00.",
            "Group membership restored.",
            "Software",
            "N/A",
        ),
        # rule 10: an infection about people, whatever device the clause names
        (
            "Rota app",
            "Since the flu outbreak was confirmed, the rota app will not save the "
            "'Infection - isolate' note on residents.",
            "Role permission restored, note saved.",
            "Software",
            "N/A",
        ),
        # rule 12: "executive" before a noun of a grade is an adjective; as a noun it is one
        (
            "Stock app",
            "Executive housekeeper Ana Ruiz cannot submit the linen order in the stock app "
            "since 07:00.",
            "Re-linked the supplier catalogue.",
            "Software",
            "N/A",
        ),
        (
            "Laptop",
            "The executive cannot open his laptop since this morning.",
            "Reseated the battery.",
            "Hardware",
            "-35",
        ),
        # rule 12: the executive named only as whom the caller works for
        (
            "Copier",
            "Office manager Jo Reed, who works for the chief executive, cannot scan to e-mail "
            "on the second-floor copier since 10:00.",
            "Re-added the scan profile.",
            "Hardware",
            "N/A",
        ),
    ],
)
def test_what_a_scope_or_a_role_is_about(
    make_ticket, logging_rubric, sd, desc, notes, category, option
):
    """A whole site is a scope whatever the site is called; a virus is malware when it is
    about a device, not people; the VIP is the caller or affected user by role (rules 10,
    12, 13)."""
    got = _critical_process(
        make_ticket, logging_rubric, sd, desc, VALIDATED + notes, 4, category=category
    )
    assert got == option


@pytest.mark.parametrize(
    "notes, option",
    [
        (
            "Dan validated: call-back to the warehouse office line from the directory, staff "
            "no 3310 confirmed.\nReset Marta's password, temporary password given to Dan.",
            "FAIL",
        ),
        (
            "Marta validated: call-back to her registered mobile, staff no 3311 confirmed.\n"
            "Reset Marta's password, temporary password given to her.",
            "PASS",
        ),
    ],
)
def test_a_reset_for_someone_the_caller_rings_for(make_ticket, logging_rubric, notes, option):
    """Conventions `10_*`: a reset given to a colleague calling for the account owner needs
    the owner validated, not only the caller."""
    got = _critical_process(
        make_ticket,
        logging_rubric,
        "Password reset",
        "Supervisor Dan Hale rang for his picker Marta Nowak, who is locked out of the "
        "handheld login.",
        notes,
        4,
    )
    assert got == option


@pytest.mark.parametrize(
    "note, option",
    [
        # rule 2: a one-time code sent to the mobile or address the HR or staff record holds,
        # read back (whatever the desk calls the record)
        (
            "Texted a code to the mobile on his HR record; he read it back - validated.",
            "10",
        ),
        (
            "Sent a code by e-mail to the personal address in her staff file; she read it "
            "back correctly.",
            "10",
        ),
        # a code read back with no source for the number is no code to the record
        ("Sent a code to the mobile he gave me on the call.", "0"),
        # a checklist's identity line, the method's result after an arrow
        ("ID: call-back to her mobile from the booking tool -> ok.", "10"),
        ("[10:04] ID: call-back to her mobile from the booking tool -> ok.", "10"),
        ("ID: his two enrolled security questions -> both right.", "10"),
        ("ID: push to Authenticator -> timed out.", "0"),
        # rule 3: a manager's name with only public facts (his own name, his site) is no method
        ("Caller gave his name, his site (North yard) and his manager's name (Tom) -> ok.", "0"),
        # ... but beside a record fact it is the second fact of rule 2
        ("Caller gave his payroll number 5521 and his manager's name, both ok.", "10"),
    ],
)
def test_a_code_to_the_record_and_a_checklist_line(make_ticket, logging_rubric, note, option):
    """Rules 2 and 3: a code sent to the mobile or e-mail on the HR record and read back is a
    method; "ID: <method> -> ok" is the check's result; a manager's name among public facts
    is no method."""
    ticket = make_ticket(
        contact_type="phone", work_notes=NOTES + note, comments="", close_notes="Done."
    )
    assert run(logging_rubric, "caller_validation", ticket).option == option


VALIDATED_BY_CALLBACK = (
    "Validated: call-back to her registered mobile, staff no 2208 and date of birth confirmed.\n"
)


@pytest.mark.parametrize(
    "notes, option",
    [
        # rule 9: the user's sign-in sessions revoked act on the account, not the tablet
        (
            "Security told (SOC case 5521). Her sessions revoked in Entra and a spare tablet "
            "handed over at reception.",
            "-35",
        ),
        ("Security told (SOC case 5521). Revoked all sessions; spare tablet issued.", "-35"),
        # ... a lock or wipe written beside it is still the device's step
        (
            "Security told (SOC case 5521). Tablet remote-wiped, sessions revoked.",
            "PASS",
        ),
        (
            "Security told (SOC case 5521). Revoked her sessions and locked the tablet in Intune.",
            "PASS",
        ),
    ],
)
def test_sessions_revoked_are_no_lock_of_the_device(make_ticket, logging_rubric, notes, option):
    """Rule 9: a lost or stolen device needs a lock or wipe sent to it; signing the user out
    of her sessions is a step on the account (Microsoft Learn, revoke user access in an
    emergency: the device is disabled or wiped as a step of its own)."""
    got = _critical_process(
        make_ticket,
        logging_rubric,
        "Tablet stolen from car",
        "Her work tablet TB-0917 was stolen from her car overnight.",
        VALIDATED_BY_CALLBACK + notes,
        3,
    )
    assert got == option


@pytest.mark.parametrize(
    "note, option",
    [
        # rule 2: the push approved, written as the caller's doing ("thanks for approving")
        ("Hello Ravi, thank you for approving the Duo push just now, so I know it's you.", "10"),
        ("She is accepting the Authenticator prompt on her handset, number 47 shown.", "10"),
        ("Ravi is not approving the Duo push, so I stopped.", "0"),
        # an "Action: ... / Result: ..." note: the method on one line, its result on the next
        ("Action taken: sent a Duo push to Ravi's handset.\nResult: accepted 10:12. Verified.", "10"),
        ("Action taken: sent a Duo push to Ravi's handset.\nResult: timed out, not approved.", "0"),
        # ... the result line after its minute or list marker, the push's approval its result
        ("[10:11] Action taken: sent a Duo push to Ravi's handset.\n[10:12] Result: accepted 10:12.", "10"),
        ("Action taken: sent a Duo push to Ravi's handset.\n- Result: accepted 10:12.\n- Fine.", "10"),
        ("Action taken: sent a Duo push to Ravi's handset.\n- Result: declined twice.", "0"),
        # a code to the mobile the HR system holds, the person named and the system by its name
        ("Texted a six-digit code to Ravi's mobile from PeopleHub HR; he read it back.", "10"),
        ("Texted a one-time code to his mobile in the HR system, read back correctly.", "10"),
        # ... not to a number whose source is not written
        ("Texted a six-digit code to Ravi's mobile; he read it back.", "0"),
    ],
)  # fmt: skip
def test_a_push_approving_a_result_line_and_a_named_hr_system(
    make_ticket, logging_rubric, note, option
):
    """Rule 2: a push the caller is approving is approved; "Action taken: <method>" with
    "Result: <outcome>" on the next line is the method and its result; a code sent to the
    mobile held in HR (an HR system by its product's name, the person named before the mobile)
    and read back is a method, as one sent to the registered mobile."""
    ticket = make_ticket(
        contact_type="phone", work_notes=NOTES + note, comments="", close_notes="Done."
    )
    assert run(logging_rubric, "caller_validation", ticket).option == option


@pytest.mark.parametrize(
    "desc, option",
    [
        # rule 11: what was sent told at length, an aside between commas, then the wrong
        # recipient: personal data outside its audience
        (
            "This morning Tom sent the exam board's results sheet for year 11, with every "
            "pupil's name, candidate number and grades, to the wrong parent.",
            "-35",
        ),
        # ... in shorthand ("w/" is spelled out "with", leaving two spaces where it stood)
        (
            "This morning Tom sent the exam board's results sheet for year 11, w/ every "
            "pupil's name & grades, to the wrong parent.",
            "-35",
        ),
        # ... not another destination before the wrong one ("to the printer ... the wrong
        # tray"): nothing sent outside its audience
        (
            "Tom sent the pupils' results sheet to the office printer and it came out of the "
            "wrong tray.",
            "N/A",
        ),
    ],
)
def test_sent_at_length_to_the_wrong_recipient(make_ticket, logging_rubric, desc, option):
    got = _critical_process(
        make_ticket, logging_rubric, "Results sheet sent out", desc, VALIDATED, 3
    )
    assert got == option


@pytest.mark.parametrize(
    "sd, desc, option",
    [
        # one person's own device: what it cannot reach and the floors the caller moved
        # between name no scope (a real PDI unload's P1 ticket read as a major incident)
        (
            "Wi-Fi is down where I sit",
            "I moved from floor 4 to floor 5 today and my laptop will not join any wireless "
            "network.",
            "N/A",
        ),
        # a priority 1 outage whose scope is written stays a major incident offline
        (
            "Wi-Fi is down on the fifth floor",
            "Nobody on floor 5 can join the wireless network since 09:10.",
            "-35",
        ),
        (
            "Mail down",
            "The mail server is down: no one can send or receive any mail since 08:00.",
            "-35",
        ),
    ],
)
def test_the_scope_of_a_priority_1_outage(make_ticket, logging_rubric, sd, desc, option):
    """Rule 13: a service down for a whole site or many people is a major incident; one
    person's device is not, whatever the priority it was given."""
    assert _critical_process(make_ticket, logging_rubric, sd, desc, VALIDATED, 1) == option


@pytest.mark.parametrize(
    "note, option",
    [
        # rule 2: a call-back to a number the record holds, the record named after "held
        # against" the account it belongs to
        (
            "[id] phoned her back on the mobile held against account A-2231 in the CRM; she "
            "gave the account number = matches",
            "10",
        ),
        # ... or a call out to a number, the list it came from named after it (rule 2: "a
        # call-back to a number on record ... whether or not the note says why it rang")
        ("[id] rang the stores phone ext 4410 from the list and spoke to Ann", "10"),
        ("Rang the weighbridge line 0127 from our contacts list, Joe answered.", "10"),
        # rule 2: a code texted to the mobile a named record holds, read back
        ("Texted a code to the mobile on Dana's Sage record; she read it back, right.", "10"),
        # rule 2: an IVR PIN, the phone line that took it named after it; a PIN refused, or
        # one that is the work done, is none
        ("Good morning, your staff PIN was accepted by the phone line at 08:12 (ref 7781).", "10"),
        ("Her PIN was not accepted by the phone line; she hung up.", "0"),
        ("Reset her voicemail PIN on the phone system; she set a new one.", "0"),
        # rule 3: a number whose source is not written is no method, however it is tagged
        ("[id] rang the stores phone, Ann gave her name = ok", "0"),
        ("Texted a code to the mobile she gave on the call; she read it back, right.", "0"),
    ],
)
def test_a_tagged_check_and_a_number_a_record_holds(make_ticket, logging_rubric, note, option):
    """Rules 2 and 3 in a desk's tagged shorthand ("[id] ... = ok") and with the record the
    number came from named after it: a call-back or a code to a number on record is a
    method; to a number of no written source it is not."""
    ticket = make_ticket(
        contact_type="phone", work_notes=NOTES + note, comments="", close_notes="Done."
    )
    assert run(logging_rubric, "caller_validation", ticket).option == option


def test_a_line_tagged_as_the_identity_check_is_left_to_the_judge(make_ticket, logging_rubric):
    """Issue 16 item 3: a line the desk tags as its identity check ("[id] ...") speaks of
    validation even when the rule cannot read its method: the rule leaves it open (to the
    judge) instead of calling it missing."""
    note = "[id] Ann at the stores counter, answered the two questions from her file"
    ticket = make_ticket(
        contact_type="phone", work_notes=NOTES + note, comments="", close_notes="Done."
    )
    assert "caller_validation" in apply_rules(ticket, logging_rubric).open


# A room named in the handling is no bridge unless it is run for the incident ("incident room",
# "war room"): LABELLING.md, Logging audit rule 13 (an incident manager and a bridge); the
# briefing room back online and a "launch point" (a noun, not a bridge launched) had read as a
# bridge opened. Each passed before.
_SITE_DOWN = (
    "Whole site offline",
    "Since 07:30 the whole site has no network: every building is offline.",
)
_MANAGER = "Incident manager engaged: Jo Reyes is running the outage.\n"


@pytest.mark.parametrize(
    "note, option",
    [
        ("Scoring PC and briefing room online at 09:20 via the launch point 4G router.", "-35"),
        ("Server room UPS checked, switches running.", "-35"),
        ("Training room PCs rebooted and running.", "-35"),
        ("Comms room cabinet opened, core switch power-cycled.", "-35"),
        ("Board room projector set up on the 4G hotspot.", "-35"),
        ("Plant room BMS controller restarted and running.", "-35"),
        ("Staff room Wi-Fi AP back, users joining again.", "-35"),
        ("Print room queue started again after the link came back.", "-35"),
        ("Consulting room PCs logging in again, all running.", "-35"),
        ("Post room franking PC running again.", "-35"),
        ("Changing room tills opened on offline mode.", "-35"),
        ("Break room kiosk started again.", "-35"),
        ("Engine room PLC link established again after the fibre repair.", "-35"),
        ("Waiting room display started showing the timetable again.", "-35"),
        # a room run for the incident is a bridge (PASS before and after)
        ("Incident room opened in B12 with the site leads.", "PASS"),
        ("Crisis room set up on Teams, all site leads joined.", "PASS"),
        ("War room opened at 08:20.", "PASS"),
        ("Ops room bridge started with the provider.", "PASS"),
    ],
)
def test_a_room_is_a_bridge_only_when_run_for_the_incident(
    make_ticket, logging_rubric, note, option
):
    got = _critical_process(make_ticket, logging_rubric, *_SITE_DOWN, _MANAGER + note, 1)
    assert got == option
