"""Readings of the rules added for issue 16 (tuned on the `tune` half of tests/eval_set/), each
with a wording taken from a public procedure or a real export, never from the evaluation set.
Where each wording comes from is in tqrs/rules/PHRASES.md; the source is named per case."""

import pytest

from tests.scoring.conftest import run
from tqrs.rules import apply_rules
from tqrs.rules.spelling import misspellings

NOTES = "2025-01-10 09:30:00 - Sam Analyst (Work notes)\n"


def phone_ticket(make_ticket, sd, desc, notes):
    """A phone ticket with one work note (`notes`) and no comments or close notes."""
    return make_ticket(
        short_description=sd,
        description=desc,
        contact_type="phone",
        work_notes=NOTES + notes,
        comments="",
        close_notes="",
    )


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
        # left behind on the way (comparethecloud.net: last seen in the car, a meeting room)
        ("Laptop", "Left her work laptop on the train last night.", "Ordered a new one.", "-35"),
        # a malware family named (a real Duke ticket: "OSX malware -- Flashback")
        ("Files", "CryptoLocker note on screen, files renamed.", "Restored from backup.", "-35"),
        # a major outage (itdevtech.com major incident guide)
        ("Payroll", "Major outage: payroll unavailable.", "MIM engaged, bridge opened.", "PASS"),
        # a lock sent from the management console (comparethecloud.net: Intune remote lock)
        (
            "Laptop",
            "Laptop stolen from the car.",
            "Locked the laptop via Intune; Security informed.",
            "PASS",
        ),
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
        # both the manager and the bridge (docs.digitalkimya.net war room checklist)
        ("E-mail", "Widespread outage: nobody can reach e-mail.", "Bridge opened.", "-35"),
        ("E-mail", "Widespread outage: nobody can reach e-mail.", "MIM engaged.", "-35"),
        # files quarantined by the antivirus are no isolated device (ServiceNow docs: Defender
        # "Isolate Host" and "Stop and Quarantine File" are two actions)
        (
            "Trojan",
            "Defender flagged a trojan on the PC.",
            "Scan: 3 items quarantined. Told IT Security.",
            "-35",
        ),
        (
            "Trojan",
            "Defender flagged a trojan on the PC.",
            "Isolated the PC in Defender. Told IT Security.",
            "PASS",
        ),
        # a NAC quarantine VLAN (cenedril.net "Quarantine VLAN")
        (
            "Trojan",
            "Defender flagged a trojan on the PC.",
            "NAC moved the port to the quarantine VLAN. Told IT Security.",
            "PASS",
        ),
        # a suspicion the checks disprove (Duke export: "Possible virus on computer")
        (
            "Slow PC",
            "Possible virus on computer, very slow.",
            "Full scan: 0 threats; disk full.",
            "N/A",
        ),
        # a compromised account and lost unencrypted media are security incidents
        # (nfpstack.com account compromise playbook; d3rx.com: lost unencrypted PHI)
        (
            "Mailbox",
            "Her account was compromised overnight, mails sent to strangers.",
            "Revoked sessions, reset the password after a Duo push was approved.",
            "-35",
        ),
        (
            "Mailbox",
            "Her account was compromised overnight, mails sent to strangers.",
            "Duo push approved. Revoked sessions, reset the password. Reported to the SOC.",
            "PASS",
        ),
        (
            "USB",
            "Lost an unencrypted USB stick with the payroll export.",
            "Advised OneDrive.",
            "-35",
        ),
        # personal records open to everyone (d3rx.com: unauthorized access to records)
        ("SharePoint", "Payslips library readable by everyone.", "Fixed the permissions.", "-35"),
        # a VIP lounge is a place, not a caller (dzdesk-docs: VIP users are people)
        ("Screen", "The screen in the VIP lounge shows no signal.", "Replaced the adapter.", "N/A"),
        # also with the people it is for between: a room for VIP clients, not a VIP caller
        (
            "Screen",
            "The screen in the VIP client room shows no signal.",
            "Replaced the adapter.",
            "N/A",
        ),
        ("Laptop", "Our VIP client cannot open the report.", "Replaced the adapter.", "-35"),
        # the chair of a named board of trustees is the head of the organisation (rule 12)
        (
            "Calendar",
            "The chair of the Riverside trustees sees no new entries in the board calendar.",
            "Re-added the calendar.",
            "-35",
        ),
        ("Chair", "The chair of the meeting room is broken.", "Replaced it.", "N/A"),
        # someone calling herself a VIP is quoted, not a VIP by role, flag or list (Logging
        # audit rule 12); the VIP flag in the ticket's own words is one
        (
            "Tablet",
            'The skipper calls herself "the VIP on this boat"; the chart app crashes.',
            "Reinstalled the app.",
            "N/A",
        ),
        (
            "Tablet",
            'Flagged VIP caller; the chart app crashes with "Unexpected error".',
            "Reinstalled the app.",
            "-35",
        ),
        # a duplicate closed with nothing done on it: the reset belongs to the other ticket
        # (the Duke export: "reset dhe password(duplicate ticket ref to ticket INC0007737)")
        (
            "Password reset - duplicate",
            "User asks for a password reset for the tender portal.",
            "Same request already open as INC0012016. No action on this record.",
            "N/A",
        ),
        # the loss handled in another ticket (the Duke export refers to other tickets so)
        (
            "Okta",
            "Phone stolen last month (handled in INC0071120); needs Okta on the new one.",
            "Reset the Okta factor and sent an enrolment link.",
            "N/A",
        ),
    ],
)
def test_critical_process_readings(make_ticket, logging_rubric, sd, desc, notes, option):
    t = phone_ticket(make_ticket, sd, desc, notes)
    r = run(logging_rubric, "critical_process", t)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "sd, desc, option",
    [
        # the 4-part short description's location naming every site (LABELLING.md, Logging
        # audit rule 13: a service down for a whole site), whatever the sites are called,
        # the outage in the summary or the description's first sentence
        (
            "ACME - All stores - Tills - Card payments fail",
            "Card payments are declined at the tills since 09:10.",
            "-35",
        ),
        (
            "ACME - All quarries - Weighbridge portal - No tickets since 06:00",
            "The weighbridge portal has stopped issuing tickets for every quarry since 06:00.",
            "-35",
        ),
        # a greeting before the description is no first sentence of it
        (
            "ACME - All stores - Tills - No sales since 09:10",
            "Hi team,\nThe payment service has stopped for every store since 09:10.",
            "-35",
        ),
        # a job that failed, one device: no service down (rule 13)
        (
            "ACME - All sites - Payroll export - Nightly export failed",
            "The nightly payroll export job failed at 02:00 with a timeout.",
            "N/A",
        ),
        (
            "ACME - All stores - Label printer - Printer offline in store 12",
            "The label printer in store 12 is offline.",
            "N/A",
        ),
        # a site word of a yard or a clinic after "all" (rule 13's whole site)
        ("Phones", "Inbound calls fail at all three clinics since 08:00.", "-35"),
        # the customers of a service, unqualified, unable to use it: all of them (rule 13);
        # one customer, or a feature they cannot see, is none
        ("Booking portal", "Since 07:00. Customers cannot book or pay online.", "-35"),
        ("Booking portal", "A customer cannot log in to the booking portal.", "N/A"),
        ("Booking portal", "Customers cannot see the new invoice layout.", "N/A"),
        # a site as where the network went or as what lost it (rule 13's whole site); a
        # device at the site or a team is not
        ("Internet", "Internet down at the Harrogate office since 09:00.", "-35"),
        ("Network", "The Ripon depot has no network since the storm.", "-35"),
        ("Printer", "Printer down at the Harrogate office since 09:00.", "N/A"),
        ("Internet", "Our payroll team has no internet since 09:00.", "N/A"),
        # a whole site the opening sizes as a team, its people or their machines (rule 13:
        # "a team of about ten or fewer", applied where the size is written); unsized, or
        # sized above ten, it is a site
        (
            "Internet down for the whole office",
            "No internet since 11:00: the router's light is red and the four office PCs "
            "cannot reach e-mail or the bank.",
            "N/A",
        ),
        ("Internet", "The Ripon depot has no network; our 6 staff cannot log in.", "N/A"),
        (
            "Internet down for the whole office",
            "No internet since 11:00: the router's light is red and the office PCs "
            "cannot reach e-mail or the bank.",
            "-35",
        ),
        ("Internet", "The Ripon depot has no network; our 60 staff cannot log in.", "-35"),
        # what someone is quoted saying or guessing is their claim, not what the ticket
        # establishes (rule 13: not one caller guessing there is an outage); the outage
        # written in the ticket's own words, or quoted as a screen's message, is one
        (
            "Graph frozen",
            'The shift lead says "it looks like the whole plant is down" but one screen stopped '
            "updating; production goes on.",
            "N/A",
        ),
        ("Network", 'The whole plant is down since 09:00; the screens say "No connection".', "-35"),
    ],
)
def test_every_site_outage(make_ticket, logging_rubric, sd, desc, option):
    t = phone_ticket(make_ticket, sd, desc, "Logged with the vendor, ETA two hours.")
    r = run(logging_rubric, "critical_process", t)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "desc, option",
    [
        # "executive" as the noun a verb follows, whatever the verb (audit rule 12: VIP by
        # role); before another noun it names a grade
        ("Our executive keeps losing Wi-Fi in the boardroom.", "-35"),
        ("The executive will not be able to join the call.", "-35"),
        ("Executive chef cannot print the menus.", "N/A"),
        # credentials typed after the fake mail or page is named (audit rule 11)
        ("Clicked a link in a fake Microsoft e-mail and typed in her password.", "-35"),
    ],
)
def test_who_and_what_the_ticket_is_about(make_ticket, logging_rubric, desc, option):
    t = phone_ticket(make_ticket, "Help", desc, "Talked the user through it.")
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
        # knowledge checked against records, "security Qs", a birthday, a driving licence
        # seen (civicfshelp: all answers must be correct; kb.wisc.edu 98523: photo ID)
        ("I have check his employee number and birthday in HR, is correct.", "10"),
        ("Asked the security Qs: 3 of 4 right, identity check passed.", "10"),
        ("Walk-in: checked his driving licence against the HR record.", "10"),
        # in French, Spanish, German (cds.cern.ch: vérifier l'identité, pièce d'identité;
        # antwort.net: Personalnummer, Geburtsdatum; bancoguayaquil: preguntas de seguridad)
        ("Identité vérifiée : rappel au numéro de l'annuaire + matricule confirmé.", "10"),
        ("Identidad verificada con número de empleado y fecha de nacimiento.", "10"),
        ("Rückruf auf die Durchwahl aus dem Telefonbuch, Personalnummer bestätigt.", "10"),
        ("L'identité n'a pas pu être vérifiée.", "0"),
        # in Italian (the standard terms: "richiamato", "cellulare registrato", "numero di
        # matricola", "data di nascita"), and negated
        (
            "Utente validato: richiamato sul cellulare registrato in HR, numero di matricola "
            "e data di nascita corretti.",
            "10",
        ),
        ("Identità non verificata, nessun metodo.", "0"),
        # other word orders and shorthand of the same methods (soclogix.com: call the user
        # back on a number on file; northstar.freshservice.com: Duo push as the check)
        ("Caller identified via employee ID and DOB.", "10"),
        ("Duo push OK.", "10"),
        ("Callback done to the number in the HR system.", "10"),
        ("Called the user back on her desk phone from the directory to confirm identity.", "10"),
        # a call-back made to a number the organisation holds, in other words (soclogix.com:
        # call the user back on a number on file); one only planned is none
        ("Rang her back on the mobile number held in the HR system.", "10"),
        ("ID ok: call-back to her directory number.", "10"),
        ("Will ring her back on the number on file before the reset.", "0"),
        # knowledge items with their result in shorthand, or answered by mail and matching
        # records (civicfshelp.freshdesk.com: all answers must be correct; fastpasscorp.com:
        # information checked against company records)
        ("ID: employee no + DOB + manager ok.", "10"),
        ("He replied with his staff number and date of birth, all matching HR.", "10"),
        ("Asked for his DOB, no answer yet.", "0"),
        # a university's ID number (idm.unl.edu Help Center procedure: verify NUID, name,
        # date of birth; by e-mail, the permanent address on file)
        ("Caller validated: NUID + name.", "10"),
        # a method whose success is negated
        ("Push not approved, reset refused.", "0"),
        # not a method given: the ticket number, instructions handed to the user
        ("Caller provided the ticket number of last week.", "0"),
        ("Provided the user with the MFA setup guide.", "0"),
        # the clipped verdict standing after the method ("Valid.", "Approved."), as
        # "Validated." does; a verdict on something else is none
        ("Staff no 2271 + DOB. Valid.", "10"),
        ("Duo push, number match 31. Approved.", "10"),
        ("Asked for his staff number. Licence still valid.", "0"),
        # the items' result summed up after an arrow ("check -> result"); a result of other
        # checks in its own sentence is none
        ("ID&V: emp no + DOB, then 2 KBA answers from HR rec -> all ok.", "10"),
        ("Asked for his DOB, no answer yet; line tests -> all ok.", "0"),
        # a call-back to a landline the organisation lists; one with no source named is not
        # (audit rule 3)
        ("Rang her back on the shop landline on the contact sheet.", "10"),
        ("Rang her back on her landline.", "0"),
        # in Portuguese (ordinary help-desk usage: "validação", "aprovado", "telemóvel
        # registado"), and negated
        ("Validação: push do Microsoft Authenticator aprovado no telemóvel registado.", "10"),
        ("Validação: push do Microsoft Authenticator não aprovado.", "0"),
        # a push not approved under a heading that names validation is a check that failed
        ("Validation: Duo push not approved.", "0"),
        # a checklist's tick after the method or the item checked ("push \u2713", "DOB \u2713"),
        # as "push OK"; a tick after something else is none
        ("v/d via Duo push \u2713 + emp# FG-0871 \u2713", "10"),
        ("Call-back to the shop ext 221 \u2713 staff no + DOB \u2713", "10"),
        ("Asked for his DOB; test page printed \u2713", "0"),
        # facts a stranger can find are no method on their own (gflesch.com: job titles and
        # supervisor names are easily discoverable; bud.consulting: a home address is easy to
        # find): a postcode and a start date alone are 0, beside a staff number they are
        # its second fact (audit rule 2)
        ("She knew her postcode and her start date, so carried on with the unlock.", "0"),
        ("Gave her home address and line manager's name correctly. Unlocked.", "0"),
        ("She gave her staff number 5512 and her postcode, both correct.", "10"),
    ],
)
def test_caller_validation_readings(make_ticket, logging_rubric, note, option):
    assert validation_option(make_ticket, logging_rubric, "phone", note) == option


@pytest.mark.parametrize(
    "note, option",
    [
        # an identity document seen at the desk, in Spanish (the DNI, "comprobé") and
        # Portuguese ("mostrou o cartão de funcionário com foto, confere"), and not seen
        ("Comprobé su DNI con foto contra la foto de RR.HH.: coincide.", "10"),
        ("No se comprobó su DNI.", "0"),
        ("Mostrou o cartão de funcionário com foto, confere.", "10"),
        ("O cartão de funcionário não confere com a foto.", "0"),
        # a document negated between it and the verb is not seen
        ("Photo ID not checked, she left it at home.", "0"),
    ],
)
def test_identity_documents_seen_in_other_languages(make_ticket, logging_rubric, note, option):
    assert validation_option(make_ticket, logging_rubric, "walk-in", note) == option


@pytest.mark.parametrize(
    "note, option, process",
    [
        # the method in one sentence, the word of checking in the next: the same in prose
        # and as a list of the note's sentences (one item each)
        (
            "Asked her the three security questions on the HR record. Identity good. "
            "Unlocked the account in AD.",
            "10",
            "PASS",
        ),
        (
            "- Asked her the three security questions on the HR record.\n- Identity good.\n"
            "- Unlocked the account in AD.",
            "10",
            "PASS",
        ),
        # the list's next items say the check failed, or name no method
        (
            "- Asked her the three security questions on the HR record.\n- She could not "
            "answer the second one.\n- Identity not confirmed.\n- Unlocked the account in AD.",
            "0",
            "FAIL",
        ),
        ("- Unlocked the account in AD.\n- Identity good.", "0", "FAIL"),
    ],
)
def test_validation_across_the_items_of_a_list(
    make_ticket, logging_rubric, handling_rubric, note, option, process
):
    t = make_ticket(
        contact_type="phone",
        short_description="Account locked",
        description="Locked out of her PC since 08:00 after three wrong passwords.",
        work_notes=NOTES + note,
        comments="",
        close_notes="Unlocked the account.",
    )
    assert run(logging_rubric, "caller_validation", t).option == option
    assert run(logging_rubric, "critical_process", t).option == process
    assert run(handling_rubric, "critical_process", t).option == process


def validation_option(make_ticket, rubric, contact, note):
    """The caller-validation option (an offline run) of a lock-out ticket of this contact
    type whose one work note is `note`."""
    t = make_ticket(
        contact_type=contact,
        work_notes=NOTES + note,
        description="User cannot log in.",
        close_notes="Unlocked account.",
        comments="",
    )
    return run(rubric, "caller_validation", t).option


@pytest.mark.parametrize(
    "notes, option",
    [
        # real work notes of the XML unload (03_pdi_unload.xml): a field update, a
        # reassignment, research promised: no work recorded
        ("Updating incident with correct Configuration item", "5"),
        # a priority change with its reason is still an update of fields, no work recorded
        # (the real set's label for INC0000060: "only CI and priority updates")
        ("Increasing priority as this incident is affecting more users", "5"),
        ("Priority raised as requested by the user", "5"),
        ("Task reassigned due to employee termination", "5"),
        ("Need to do some further research", "5"),
        ("I can't login to the application. Need to do some further research.", "10"),
        # a temporary password handed over in the note (civicfshelp: give the temporary
        # password to the user over the phone; support.online.cgu.edu: never in tickets)
        ("Temp password Welcome1 given to the user by phone.", "0"),
        ('Wi-Fi key is "sunshine", read to the caller.', "0"),
        ("Temporary password issued by phone; must change at next logon.", "10"),
        # digits right after PIN or PUK (Wikipedia "Personal unblocking key": keep the PUK
        # safe), a complex password after "pw", a JSON Web Token (RFC 7519: "eyJ...")
        ("Carrier portal: PUK 48213957, read it to him.", "0"),
        ("Address book entry: user svc_scan / pw Sc4n!Rad2025#. Test scan OK.", "0"),
        ("Listed locks with app token eyJ0eXAiOiJKV1QiLCJh.eyJhcHBpZCI6IjRm3Ei, lock gone.", "0"),
        ("API key sk-abc123def456ghi789 added to the connector config.", "0"),
        # a key known by its issuer's prefix in a clause of its own, away from its name
        # (Stripe "sk_live_", GitHub "ghp_"); the prefix spoken of without a key is none
        ("Old API key on the PCs; tablets use the new one sk_live_7Hq2Lx9VbN4mRt8Wz1Yc.", "0"),
        ("Sync job fixed; it now uses ghp_4fR9kT2mXw7Lq1Zs8Yb3Nc6Vd0Pj5Hg2Ue9A.", "0"),
        ("Rotated the sk_live key in the Stripe dashboard; checkout works again.", "10"),
        ("Token expired at 09:00; renewed it in the portal.", "10"),
        # a hand-off or a priority change alone (dissmeyer.com: passed on with no notes)
        ("Priority changed from 3 to 4.", "5"),
        ("Reassigned to Network Operations.", "5"),
        ("Passing to Desktop Support.", "5"),
        ("Back to Desktop Support, not ours.", "5"),
        ("Passing the logs to the network team after checking the switch port.", "10"),
        # an account and its password as a pair, a key told in the note (smartweb.jp and
        # support.online.cgu.edu: never record passwords or credentials in tickets)
        ("Remote in, installing with .\\siteadmin / Pump$tation2025! (no LAPS yet).", "0"),
        ("Added the site profile manually, key is Tr3atmentW0rks#24.", "0"),
        ("Copied C:/temp / D:/backup to the share; registry key is HKLM\\Software.", "10"),
        # the same notes with the minute they were written before them (SOP-7010's live
        # notes, tests/eval_set/SOURCES.md): when, not what
        ("[09:00] Updating incident with correct Configuration item", "5"),
        ("09:14 - Priority changed from 3 to 4.", "5"),
        ("2025-03-18 14:05: Reassigned to Network Operations.", "5"),
        ("[09:00] Passing the logs to the network team after checking the switch port.", "10"),
        # a key of two words joined by digits is that shape in any case: capitals and lower
        # case (a dictated or shouted note) write the same secret; a code of one word and
        # digits is a name ("BARNAP2026")
        ("Guest SSID FarmGuest, key is Meadow2024lane, texted to the manager.", "0"),
        ("GUEST SSID FARMGUEST, KEY IS MEADOW2024LANE, TEXTED TO THE MANAGER.", "0"),
        ("guest ssid farmguest, key is meadow2024lane, texted to the manager.", "0"),
        ("RENAMED THE ACCESS POINT TO BARNAP2026; KEY IS UNCHANGED, TEXTED TO THE MANAGER.", "10"),
        ("password reset done; she signed in on kiosk12 at reception.", "10"),
        # a dictated note's "full stop" is the mark: "working on it full stop" is "Working on
        # it." (a placeholder); a dictated note that names the work is substantive
        ("working on it full stop", "5"),
        ("replaced the charging cable full stop tablet charging again full stop", "10"),
        # a state change written with its arrow is a state change (LABELLING.md: state
        # changes are placeholders); a note that goes on to name work is not
        ("status -> On Hold. waiting on supplier", "5"),
        ("State: New -> In Progress", "5"),
        ("state -> resolved, reseated the dock cable and both screens came back", "10"),
    ],
)
def test_work_notes_readings(make_ticket, handling_rubric, notes, option):
    r = run(handling_rubric, "work_notes", make_ticket(work_notes=NOTES + notes))
    assert r.option == option, r.reasoning
    assert "Welcome1" not in r.evidence and "sunshine" not in r.evidence
    assert "48213957" not in r.evidence and "Sc4n!Rad2025#" not in r.evidence
    assert "sk-abc123def456ghi789" not in r.evidence
    assert "Pump$tation2025!" not in r.evidence and "Tr3atmentW0rks#24" not in r.evidence
    assert "meadow2024lane" not in r.evidence.lower()


def test_a_work_note_that_copies_a_comment_is_a_placeholder(make_ticket, handling_rubric):
    """LABELLING.md: a copy of a comment; the XML unload's work notes hold pasted comments."""
    said = "The reconciliation file still will not open, please look urgently."
    t = make_ticket(
        work_notes=NOTES + said,
        comments="2025-01-10 09:25:00 - Gill Moss (Additional comments)\n" + said,
    )
    assert run(handling_rubric, "work_notes", t).option == "5"
    t = make_ticket(work_notes=NOTES + "Restored the workbook from the 07:00 snapshot.")
    assert run(handling_rubric, "work_notes", t).option == "10"


@pytest.mark.parametrize(
    "entries, option",
    [
        # the order the writer gives in one line: "then", a sentence opening "After,"
        (["Unlocked acct in ADUC, then confirmed ID w/ employee ID + DOB."], "FAIL"),
        (["Reset pw, temp given by phone. After, user confirm employee number and DOB."], "FAIL"),
        (["Confirmed ID w/ employee ID + DOB, then unlocked acct in ADUC."], "PASS"),
        # "after X" says X came first
        (["Reset pw after the caller was validated via Okta push."], "PASS"),
        # one entry logging its steps by the clock: the times give the order
        (
            ["9:58 lockout cleared (ADUC)", "10:04 caller gave staff number + DOB, both match"],
            "FAIL",
        ),
        (
            ["9:58 caller gave staff number + DOB, both match", "10:04 lockout cleared (ADUC)"],
            "PASS",
        ),
    ],
)
def test_validation_after_the_reset_in_one_line(make_ticket, logging_rubric, entries, option):
    t = make_ticket(
        description="Locked out of her account since 08:00.",
        contact_type="phone",
        work_notes=NOTES + "\n".join(entries),
        comments="",
        close_notes="",
    )
    r = run(logging_rubric, "critical_process", t)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "text, wrong",
    [
        # real misspellings of the Duke export: a letter dropped in a long word, an undoubled
        # consonant, two letters in a row left out
        (
            "The printer is not communcating and both conectors look fine.",
            ["communcating", "conectors"],
        ),
        ("Files were transfered overnight.", ["transfered"]),
        ("The implemention of the new rules was done last night.", ["implemention"]),
        # shorthand without its vowels ("pwd rst", "temp pwd gvn", "usr"), like "pls", "msg";
        # a slip keeps its vowels ("adn" is no common word's shorthand)
        ("pwd rst, temp pwd gvn, chg at nxt logon. usr in.", []),
        ("Rebooted adn tested.", ["adn"]),
        # the doubled letter moved, a long word capitalised where a sentence opens (entries of
        # en.wikipedia.org "Lists of common misspellings": reccomend, persistant, attemped);
        # a name opening a sentence is not one
        ("Attemped a reseal. I reccomend the update.", ["attemped", "reccomend"]),
        ("Persistant crash was the add-in. Gallagher and Christopher agreed.", ["persistant"]),
        # British spellings (VarCon), Windows commands (learn.microsoft.com), a reply in Spanish
        ("Optimisation of the colour profile is finished; analysed the logs.", []),
        # British spellings no ending rule reaches (SCOWL's British list, wbritish)
        ("Mould on the aluminium casing of the kerbside kiosk.", []),
        ("Ran klist purge and whoami /groups; gpupdate ran.", []),
        ("Sí, ya me salen. Gracias, se puede cerrar.\nThe notes are fine.", []),
        # a sentence of common words of one language that English writes too ("dos",
        # "sin") and one it does not ("hoy"); an English clause whose words Dutch also
        # writes ("in", "plant", "room") keeps its slip
        ("Hoy dos reuniones sin cortes. Ok, cerrad.\nThe notes are fine.", []),
        ("Paging loose (builders in plant room yesterdy).", ["yesterdy"]),
        # the IT glossary (tqrs/data/it_glossary.txt): an 802.11 "deauth" in controller logs,
        # Intune's device check-in, Excel's recalc, the winver and resmon consoles, Unix
        # commands; inflected and behind a prefix too. The slips beside them still count.
        ("WLC log: deauth storm, clients reauthed; intune last checkin 16:21.", []),
        ("Stress test with Excel recalc; winver shows 24H2, resmon clean.", []),
        ("Ran sudo systemctl restart and chown on the share; deauthed the old AP.", []),
        ("Recalc done adn teh sheet opens; checkins recieve no errors.", ["adn", "teh", "recieve"]),
        # a glossary form inflected only as a word of the trade is: "conf" + "ing" is the
        # slip of "config", "proc" + "es" of "process" (codespell's dictionary lists both)
        ("The confing file was wrong and the proces restarted.", ["confing", "proces"]),
        # a sentence in another language beside an English one on the same line reads as on
        # a line of its own: a two-letter word is no swapped slip (French "sa", not "as");
        # the English sentence keeps its slip
        (
            "Le compte de ressource de la borne avait perdu sa licence. The kiosk account "
            "has its licence back and the kiosk prints again.",
            [],
        ),
        (
            "Le compte de ressource de la borne avait perdu sa licence. The kiosk account "
            "has its licence back adn the kiosk prints again.",
            ["adn"],
        ),
        (
            "- Le compte de ressource de la borne avait perdu sa licence.\n- The kiosk "
            "account has its licence back adn the kiosk prints again.",
            ["adn"],
        ),
        ("Reset teh account; sa tool shows it unlocked.", ["teh"]),
        # a common word with its last consonant doubled is the slip, though it begins a
        # longer word ("controll": "controlled"); a word that ends so is none
        ("The controll PC lost its share untill the reboot.", ["controll", "untill"]),
        ("Re-enabled the install and the scroll bar; the stall alarm is off.", []),
        # media and web words (FFmpeg "codec", WHATWG "iframe") and the Windows recovery
        # tool (learn.microsoft.com "REAgentC"); a slip beside them still counts
        ("Reinstalled the HEVC codec; the iframe loads; reagentc /info ok.", []),
        ("Reinstalled the codec adn the viewer.", ["adn"]),
        # two neighbouring letters swapped in a long word of the English list, however rare
        # subtitles make it (the commonest typing slip, Damerau 1964; pyspellchecker counts
        # "thumbnail" under the common-word floor): a slip, as a letter dropped from a long
        # listed word already is
        ("The thumbnial previews in the gallery are blank.", ["thumbnial"]),
        # a weekday's name is capitalised by English spelling, so its capital is no sign of a
        # name: a weekday one edit off is the slip wherever it stands
        ("The depot reopens on Thrusday morning and Wendesday.", ["thrusday", "wendesday"]),
        ("Booked for Friday; Monday was the bank holiday.", []),
        # a short past tense that opens a note with a letter left out (notes open with the
        # verb, the subject dropped: "Checked logs. Restarted service."): the slip, as the
        # undoubled "Pluged" already is; a short name opening a sentence is still none
        ("Cable was loose. Remved the old dock. Tsted the new one.", ["remved", "tsted"]),
        ("Cable was loose. Shona replaced the dock.", []),
        # a name built of English words in Title Case (Microsoft Entra's "Temporary Access
        # Pass") spells its words as English does: a slip between two of them is a slip; a
        # place's name between English words is none
        ("Gave her a Temporary Acess Pass for the new phone.", ["acess"]),
        ("Sent him the link to the Self Sevice Portal page.", ["sevice"]),
        ("Gave her a Temporary Access Pass; met at Harrowfield Park Gate.", []),
        # a product's name made of a word and an ending ("tale" + "o") is a name, no slip
        ("Reset her password for the Oracle Taleo Recruiting Service.", []),
        # the IGMP querier of a multicast network (RFC 2236, "Querier election")
        ("IGMP snooping on with no querier -> querier enabled on VLAN 20.", []),
    ],
)
def test_spelling_readings(text, wrong):
    found, _english = misspellings(text)
    assert found == wrong


def test_a_slip_inside_a_name_of_english_words_is_not_taken_for_a_name(
    make_ticket, handling_rubric
):
    """A word written with a capital inside a sentence is read as a name (never a slip),
    except between two English words of a Title Case name: "Acess" in "Temporary Acess
    Pass" is the slip of "Access", and with a second slip the notes score 5 (two slips)."""
    notes = (
        NOTES + "Old factor deleted. Gave him a Temporary Acess Pass by phone.\n"
        "He added the new phone, notificaton approved."
    )
    ticket = make_ticket(work_notes=notes, comments="", close_notes="Done.")
    assert run(handling_rubric, "spelling_grammar", ticket).option == "5"


def test_a_key_changed_to_a_value_is_a_secret(make_ticket, handling_rubric):
    """ "<credential> changed ... to <value>" writes the value (the changed word is no tool
    or page name like "password change"): a Wi-Fi key written in a work note is 0."""
    notes = "AP config -> Guest key changed Friday 17:40 to Harbour2026!Bay (agreed with owner)."
    assert run(handling_rubric, "work_notes", make_ticket(work_notes=notes)).option == "0"
    notes = "Sent the password change page link to the user; she changed it herself -> works."
    assert run(handling_rubric, "work_notes", make_ticket(work_notes=notes)).option == "10"
    # the value first, named as the credential after it
    notes = "Unlocked; set Harbour2026! as her temporary password, change at next logon."
    assert run(handling_rubric, "work_notes", make_ticket(work_notes=notes)).option == "0"
    notes = "Set LDN-LT-2410 as the loaner in the asset register; user signed in -> OK."
    assert run(handling_rubric, "work_notes", make_ticket(work_notes=notes)).option == "10"


# Required steps in words the rule's phrasings do not know: the rule leaves the criterion
# open and the offline judge reads the handling sentence by sentence (tqrs.rules.steps).
@pytest.mark.parametrize(
    "sd, desc, notes, is_open, option",
    [
        # comparethecloud.net lost-laptop guide (tell the security team; Intune -> Wipe),
        # said otherwise: "raised it with our cyber team", "handset bricked via the MDM"
        (
            "Phone stolen",
            "Work phone stolen on the train.",
            "Raised it with our cyber team. Handset bricked through the MDM console.",
            True,
            "PASS",
        ),
        # the same step only promised is not done
        (
            "Phone stolen",
            "Work phone stolen on the train.",
            "Will raise it with the cyber team tomorrow. Handset bricked through the MDM console.",
            True,
            "-35",
        ),
        # nothing in the handling that might be the Security step: the rule decides
        (
            "Phone stolen",
            "Work phone stolen on the train.",
            "Remote wipe sent from Intune. Told the user to get a police report.",
            False,
            "-35",
        ),
        # services.mnsu.edu KB 397 (wireless disabled for an infected device), said otherwise
        (
            "Malware alert",
            "Defender reports a trojan on the laptop.",
            "Told the SOC. Took the laptop off the wireless and pulled its LAN cable.",
            True,
            "PASS",
        ),
        (
            "Malware alert",
            "Defender reports a trojan on the laptop.",
            "Told the SOC. Laptop taken off the corporate Wi-Fi by the network team.",
            True,
            "PASS",
        ),
        # kept on the network on purpose is the opposite of isolated (LABELLING.md)
        (
            "Malware alert",
            "Defender reports a trojan on the laptop.",
            "Told the SOC. Kept the laptop connected to the network so the scan could update.",
            True,
            "-35",
        ),
        # a device gone in words the detection does not know (serenoit.co.uk "My laptop is
        # lost or stolen": laptops taken from cars and bars), Security not told
        (
            "Mobile",
            "Car broken into overnight, my work mobile was nicked.",
            "Remote wipe sent from Intune.",
            True,
            "-35",
        ),
        (
            "Mobile",
            "Car broken into overnight, my work mobile was nicked.",
            "Remote wipe sent from Intune. IT Security informed.",
            True,
            "PASS",
        ),
        # a loss word that leaves doubt: open, and offline no lost device
        (
            "Phone",
            "Can't find the mobile hotspot option on my phone.",
            "Showed the user where it is.",
            True,
            "N/A",
        ),
        # docs.digitalkimya.net "Major Incident Procedure" (Major Incident Manager assigned,
        # bridge line open), said otherwise
        (
            "Major incident - email down",
            "Major incident: e-mail is down for all users.",
            "Duty manager took charge. Teams call opened for the resolver groups.",
            True,
            "PASS",
        ),
    ],
)
def test_critical_steps_in_other_words(
    make_ticket, logging_rubric, sd, desc, notes, is_open, option
):
    t = phone_ticket(make_ticket, sd, desc, notes)
    assert ("critical_process" in apply_rules(t, logging_rubric).open) is is_open
    r = run(logging_rubric, "critical_process", t)
    assert r.option == option, r.reasoning


# Work notes that only pass the ticket on or restate the problem, in words the placeholder
# phrasings do not know: the rule leaves them open and the offline judge reads them
# (dissmeyer.com "Good documentation in help desk tickets": a ticket passed on with no notes;
# LABELLING.md: a note that only restates the description is a placeholder).
@pytest.mark.parametrize(
    "desc, notes, is_open, option",
    [
        (
            "Outlook keeps asking for my password since this morning.",
            "Escalating this one to the messaging team, they own Outlook issues.",
            True,
            "5",
        ),
        (
            "Outlook keeps asking for my password since this morning.",
            "Passed on to the messaging team after clearing the cached credentials.",
            True,
            "10",
        ),
        (
            "Outlook keeps asking for my password since this morning.",
            "Outlook keeps asking for the password since this morning.",
            True,
            "5",
        ),
        (
            "Outlook keeps asking for my password since this morning.",
            "Cleared the cached credentials in Credential Manager; prompt gone.",
            False,
            "10",
        ),
    ],
)
def test_work_notes_in_other_words(make_ticket, handling_rubric, desc, notes, is_open, option):
    t = make_ticket(description=desc, work_notes=NOTES + notes, comments="")
    assert ("work_notes" in apply_rules(t, handling_rubric).open) is is_open
    assert run(handling_rubric, "work_notes", t).option == option


@pytest.mark.parametrize(
    "contact, note, option",
    [
        # a chat session signed in through SSO ("SSO chat", "chat via SSO") validates a chat
        # caller (the rubric's guidance: for chat and virtual agent, validation through SSO
        # counts), never a phone caller
        ("chat", "SSO chat. Cleared the cached credentials.", "10"),
        ("chat", "Chat via SSO; cleared the cached credentials.", "10"),
        ("phone", "SSO chat. Cleared the cached credentials.", "0"),
    ],
)
def test_sso_chat_validates_only_a_chat(make_ticket, logging_rubric, contact, note, option):
    assert validation_option(make_ticket, logging_rubric, contact, note) == option


@pytest.mark.parametrize(
    "line, listed, item",
    [
        ("- 1. pls see comments", True, "pls see comments"),  # a numbered note as bullets
        ("2) Restarted the spooler", True, "Restarted the spooler"),
        ("-Checked the spooler", True, "Checked the spooler"),
        ("\u2022 Test page printed", True, "Test page printed"),
        ("1.5 GB free on C:", False, "1.5 GB free on C:"),  # a number, no list
        ("-> OK", False, "-> OK"),  # an arrow
        ("--None--", False, "--None--"),  # a placeholder's frame
        ("2026. Budget year", False, "2026. Budget year"),  # a year
        ("- 1.", True, ""),  # a numbered item with nothing in it says nothing
        ("3.", True, ""),
    ],
)
def test_one_list_marker_reading(line, listed, item):
    """The rules (work notes, spelling) and the judges (a step) read a list marker alike."""
    from tqrs.judges import signals
    from tqrs.rules.text import is_listed, without_list_markers

    assert is_listed(line) is listed and signals.is_listed(line) is listed
    assert without_list_markers(line) == item == signals.without_list_markers(line)


def test_clocked_lines_of_an_entry_after_the_validation(make_ticket, logging_rubric):
    """Times before each line of a later entry order that entry's steps: the validation an
    earlier entry documents came before its unlock (audit rule 8: times written decide)."""
    notes = (
        "2025-01-10 09:50:00 - Sam Analyst (Work notes)\n"
        "[09:00] Unlocked in Okta, reset the Okta Verify factor.\n"
        "[09:01] Enrolled the new phone, push approved.\n\n"
        "2025-01-10 09:40:00 - Sam Analyst (Work notes)\n"
        "[09:00] Walk-in: staff badge checked against the HR record.\n"
    )
    t = make_ticket(
        description="Locked out of Okta after a phone change.",
        contact_type="walk-in",
        work_notes=notes,
        comments="",
        close_notes="",
    )
    r = run(logging_rubric, "critical_process", t)
    assert r.option == "PASS", r.reasoning


@pytest.mark.parametrize(
    "desc, option",
    [
        # a reset for the person the caller rang for, written in one case: the name read
        # without capitals (LABELLING.md conventions: the caller validated, not the owner)
        ("SUPERVISOR RANG FOR HIS OPERATOR JURGITA VAITKUTE, WHO IS LOCKED OUT.", "FAIL"),
        ("supervisor rang for his operator jurgita vaitkute, who is locked out.", "FAIL"),
        # "for" a thing, not a person
        ("supervisor rang for a password reset.", "PASS"),
    ],
)
def test_owner_of_the_account_in_one_case(make_ticket, logging_rubric, desc, option):
    t = make_ticket(
        short_description="Password reset",
        description=desc,
        caller="Tom Hardy",
        contact_type="phone",
        work_notes=NOTES + "Caller validated: Tom Hardy, employee ID and DOB confirmed. Reset pw.",
        comments="",
        close_notes="",
    )
    r = run(logging_rubric, "critical_process", t)
    assert r.option == option, r.reasoning
