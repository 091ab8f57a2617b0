import pytest

from tests.scoring.conftest import grade
from tqrs.judges import InProcessJudge, JudgeIdentity
from tqrs.judges.offline import OfflineJudge
from tqrs.judges.signals import description_parts
from tqrs.rubric import Rubric

NOTES = "2025-01-10 09:30:00 - Sam Analyst (Work notes)\n"


def test_declares_what_it_is(make_ticket, handling_rubric):
    judge = OfflineJudge()
    assert isinstance(judge, InProcessJudge) and judge.knowledge_notes
    assert judge.identity == JudgeIdentity("offline", "offline-heuristics-v127", "offline")
    results = judge.judge_ticket(make_ticket(), handling_rubric)
    assert set(results) == {c.id for c in handling_rubric.llm_criteria}
    estimate = judge.estimate(iter(()), handling_rubric, 250)  # never reads the tickets
    assert (estimate.tickets, estimate.cost, estimate.local) == (250, 0.0, True)
    assert "no LLM calls" in estimate.describe()


def test_every_result_is_labelled_offline(make_ticket, logging_rubric, handling_rubric):
    for rubric in (logging_rubric, handling_rubric):
        for r in OfflineJudge().judge_ticket(make_ticket(), rubric).values():
            assert r.method == "offline"
            assert r.reasoning.startswith("Offline check (no LLM): ")


def test_unknown_llm_criterion_is_unscored_not_zero(logging_rubric, make_ticket):
    data = logging_rubric.model_dump()
    data["criteria"][4]["id"] = "tone_of_voice"
    rubric = Rubric.model_validate(data)
    r = OfflineJudge().judge_ticket(make_ticket(), rubric)["tone_of_voice"]
    assert r.status == "unscored" and "no heuristic" in r.error and r.points == 0


@pytest.mark.parametrize(
    "description, option",
    [
        (
            "Since this morning the user cannot open the shared mailbox; the error 'Cannot expand "
            "the folder' appears and the finance team cannot process invoices.",
            "20",
        ),
        ("The user cannot open the shared mailbox in Outlook at all.", "10"),
        ("Not working, please help.", "0"),
        ("", "0"),
        ("Cannot open shared mailbox", "0"),  # a copy of the short description
    ],
)
def test_description_quality(make_ticket, logging_rubric, description, option):
    r = grade(logging_rubric, "description_quality", make_ticket(description=description))
    assert r.option == option, r.reasoning
    if description and option != "0":
        assert r.evidence and r.evidence[:20] in description


@pytest.mark.parametrize(
    "notes, option",
    [
        (
            "1. Checked permissions -> full access\n2. Cleared cache -> same error\n3. Recreated "
            "profile -> mailbox opens",
            "20",
        ),
        (
            "- Checked the logs: timeouts\n- Updated the client: drops stopped\n- Monitored the "
            "session: no disconnects",
            "20",
        ),
        (
            "Reproduced the error; same message. Reviewed the job log; too long. Ran it as a "
            "background job; export completes.",
            "20",
        ),
        ("Checked the mailbox permissions.", "10"),
        # an error code seen with where it shows is a check with its finding (audit rule 2);
        # the code as the user reports it is no check of the desk's
        ("Office PCs use the old key. 401 on office only. Tablets -> load fine. Booked a "
         "job on a tablet -> saved.", "20"),
        ("Office PCs use the old key. User reports 401 on office only. Tablets -> load fine. "
         "Booked a job on a tablet -> saved.", "10"),
        ("Spoke with the user about the problem and agreed the next actions.", "0"),
        ("", "0"),
    ],
)  # fmt: skip
def test_troubleshooting(make_ticket, handling_rubric, notes, option):
    r = grade(
        handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes if notes else "")
    )
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "fields, option",
    [
        ({}, "10"),
        ({"close_notes": "Fixed."}, "0"),
        ({"close_notes": "Issue resolved"}, "0"),
        ({"close_notes": ""}, "0"),
        # LABELLING.md R2: "applied (a) fix" and closure words name nothing to repeat
        ({"close_notes": "Applied the standard fix and it is sorted now."}, "0"),
        ({"close_notes": "Explained to the user how the process works today."}, "5"),
        ({"state": "In Progress", "close_notes": ""}, "N/A"),
    ],
)
def test_resolution_quality(make_ticket, handling_rubric, fields, option):
    r = grade(handling_rubric, "resolution_quality", make_ticket(**fields))
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "notes, option",
    [
        ("User confirmed the shared mailbox opens.", "10"),
        ("Called Jane: OK to close.", "10"),
        ("User has not confirmed yet, resolving anyway.", "0"),
        ("Caller verified via MFA push before any change.", "0"),
        ("Left a voicemail, third attempt; closing under the 3-strike rule.", "5"),
        # U6: the attempts counted in one note, with their lack of answer
        ("Three attempts to reach the caller (phone x2, email) with no response; closing.", "5"),
        ("Recreated the profile.", "0"),
    ],
)
def test_user_confirmation(make_ticket, handling_rubric, notes, option):
    t = make_ticket(work_notes=NOTES + notes, close_notes="Recreated the Outlook profile.")
    r = grade(handling_rubric, "user_confirmation", t)
    assert r.option == option, r.reasoning
    if option == "10":
        assert r.evidence in t.work_notes


@pytest.mark.parametrize(
    "short, description, option, lacks",
    [
        (
            "Scan to email never arrives",
            "Since Monday scans from PRN-OSL-0412 to her mailbox never arrive; copies work. "
            "She needs the customs files for an audit today.",
            "20",
            None,
        ),
        (  # symptom, when and where, but nobody affected and nothing blocked is said
            "Cannot print",
            "Since this morning printing from my laptop to the third floor printer fails.",
            "10",
            "who is affected",
        ),
        (  # symptom and impact, no time
            "Home folder gone",
            "I could not see my home directory after logging in. I am totally blocked "
            "until this is fixed.",
            "10",
            "when it started",
        ),
        (  # impact as what the caller does with it (open-exam-prep: "print shipping labels")
            "Label printing",
            "Since 07:00 the label printer at the loading dock prints blank pages. She prints "
            "the shipping labels for the evening orders from it.",
            "20",
            None,
        ),
        (  # the person sentence is a past event, not their work: impact not said
            "Label printing",
            "Since 07:00 the label printer at the loading dock prints blank pages. She opened "
            "the printer settings before calling.",
            "10",
            "who is affected",
        ),
        (  # the actual result against the expected one, quoted (alexbau.dev: "full error
            # messages", "the expected result, and the actual result")
            "Invoice export",
            'Since Monday the invoice export of the finance portal writes "Total: 0.00" in '
            "each PDF; the accounts team sends the invoices to customers from it.",
            "20",
            None,
        ),
        (  # the summary's issue restated is the symptom; the caller's role is who is
            # affected (open-exam-prep: "warehouse scanners cannot join Corp-WiFi")
            "ACME - Dock - Scanners - Scanners drop Corp-WiFi",
            "Since 06:00 the handheld units near the loading dock drop Corp-WiFi every few "
            "minutes. I'm the dock supervisor.",
            "20",
            None,
        ),
        (  # an event the caller needs it for, with its time (orbitax: deadlines at risk)
            "ACME - HQ - Laptop - Projector shows no picture",
            "Since this morning the projector in room 4.12 shows no picture from laptop "
            "LT-0412; the supplier presentation starts at 14:00.",
            "20",
            None,
        ),
        (  # a template whose fields are left blank says only what is filled in
            "ACME - HQ - Laptop - No sound",
            "Symptom: no sound from the internal speakers\nSince:\nUsers affected:\n"
            "Device: LT-2610\nBusiness impact:",
            "10",
            "when it started",
        ),
        (  # a product named in CamelCase is the application; French context words count
            "Contract signing",
            "Since yesterday the Finish button in DocuSign stays grey, so the procurement "
            "team cannot sign supplier contracts.",
            "20",
            None,
        ),
        (
            "Session",
            "Depuis ce matin 8h30 la session ne s'ouvre plus sur son poste : \"mot de passe "
            "incorrect\". Toute l'équipe comptable attend la clôture.",
            "20",
            None,
        ),
        (  # the impact is forgiven in a long description, a start time is not
            "ACME - HQ - Outlook - Search finds no old mails",
            "Outlook desktop search on LT-3011 returns nothing for mails older than March, "
            "while OWA finds them; the caller has to pull the whole mail history with a "
            "supplier for a pricing dispute.",
            "10",
            "when it started",
        ),
    ],
)
def test_description_names_what_it_lacks(
    make_ticket, logging_rubric, short, description, option, lacks
):
    t = make_ticket(short_description=short, description=description)
    r = grade(logging_rubric, "description_quality", t)
    assert r.option == option, r.reasoning
    if lacks:
        assert lacks in r.reasoning and lacks in r.coaching
    assert " words" not in r.reasoning  # plain words for analysts, no counts


@pytest.mark.parametrize(
    "short, description, option",
    [
        (  # D2: the impact stated as none is the impact written
            "VPN drops every hour",
            "Since Monday GlobalProtect on laptop LT-5521 drops every hour and reconnects by "
            "itself; she can work normally in between.",
            "20",
        ),
        ("Password reset", "Locked out of my laptop.", "10"),  # D3: a plain symptom
        (  # D4: the short description again, with "please fix"
            "Badge reader at door 3 beeps red",
            "The badge reader at door 3 beeps red, please fix.",
            "0",
        ),
        (  # D4: "not working" names no symptom, whatever time, place and impact it has
            "Scanner issue",
            "The label scanner is not working since Tuesday, the whole dispatch team waits.",
            "0",
        ),
        (  # D4: "a problem" where the symptom goes; the summary's error does not make up for it
            "HPL - Oslo - SAP - Posting error in MIGO",
            "there is a problem again, please sort asap",
            "0",
        ),
        (  # D5: "the system" never named
            "Cannot save",
            "Since 10:00 the system throws an error when I save and nobody in accounts can "
            "post invoices.",
            "10",
        ),
        (  # D5: "the billing system" says which
            "Cannot save",
            "Since 10:00 the billing system throws an error when I save and nobody in "
            "accounts can post invoices.",
            "20",
        ),
        (  # the 4-part summary's application part names it
            "ACME - Leeds - Workday - Submit button missing",
            "Since this morning the Submit button is missing on the timesheet; 25 hourly staff "
            "cannot enter their hours.",
            "20",
        ),
        (  # D1: a symptom told by what the device does wrong or what comes out without
            "Label printer smudging",
            "Since 07:30 the line printer PRN-BTL-01 smudges the date on every label; the "
            "line has stopped and 2,400 bottles wait.",
            "20",
        ),
        (
            "Letters without address",
            "Since Monday the Revenues system prints the letters without the address "
            "block; 140 letters a day are held back.",
            "20",
        ),
        (  # D1: how many are affected, counted in words as in digits
            "Scanner dead",
            "The handheld scanner HH-12 in goods-in won't turn on since this morning; the "
            "two receivers cannot book in the 9 o'clock delivery.",
            "20",
        ),
        ("Outlook error", "See attached screenshot.", "0"),  # D6: a pointer
        ("Update fails", "0x80070643 - 0x2001", "0"),  # D6: a code alone
        (  # a form whose impact fields are blank: the impact is not taken as implicit
            "ACME - HQ - Power BI - Refresh fails",
            "Application: Power BI\nWhat is wrong: the scheduled refresh fails with "
            '"gateway unreachable" and the dashboard keeps showing old data from last week\n'
            "Since when: 4 October\nHow many users affected:\nBusiness impact:",
            "10",
        ),
    ],
)
def test_description_follows_the_audit_rules(
    make_ticket, logging_rubric, short, description, option
):
    # tests/eval_set/LABELLING.md, "Judged-criteria audit", rules D1-D6 (own wording)
    t = make_ticket(short_description=short, description=description)
    r = grade(logging_rubric, "description_quality", t)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "where",
    [
        "the reader at the car park barrier (ACC-ZAR-PARK)",  # a tag in letters only
        "the canteen page (intranet.bro.local/canteen)",  # a host and web address
        "Sales and marketing > All sales orders",  # a menu path in the application
        "the coating line terminal",
        "her iPad",  # a product named with a small first letter
        "the smartboard in room c",  # a device named in lower case
    ],
)
def test_description_context_named_in_other_shapes(make_ticket, logging_rubric, where):
    # base.chetan-thapliyal.cloud: the environment (application, device) is part of a report
    said = "gives an error since 11:00 today; nobody in Cork can work"
    assert "context" not in description_parts(f"It {said}.")
    text = f"{where[0].upper()}{where[1:]} {said}."
    assert "context" in description_parts(text)
    t = make_ticket(short_description="Error", description=text)
    r = grade(logging_rubric, "description_quality", t)
    assert r.option == "20", r.reasoning


@pytest.mark.parametrize(
    "text, named",
    [
        # the e-mail system named by its verb, as "an e-mail" names it
        ("I e-mailed the statement to the wrong customer at 11:50 today.", True),
        ("I emailed the statement to the wrong customer at 11:50 today.", True),
        # a letter posted names no system
        ("The statement was mailed to the wrong customer at 11:50 today.", False),
    ],
)
def test_description_system_named_by_its_verb(text, named):
    assert ("context" in description_parts(text)) is named


@pytest.mark.parametrize(
    "change, steps",
    [
        # a change written without its result, then the check: the check is a separate
        # verification, a step of its own (LABELLING.md: "a separate verification is a step")
        ("Restored Users:Modify, restarted the licensing service. AutoCAD opens licensed.", 3),
        # a change written with its result: the sentence after it is that step's result
        ("Restarted the licensing service -> OK. AutoCAD opens licensed.", 2),
    ],
)
def test_a_check_after_an_untested_change_is_a_step(make_ticket, handling_rubric, change, steps):
    notes = (
        "2025-10-10 13:50:00 - Dee Analyst (Work notes)\n"
        f"{change}\n\n"
        "2025-10-10 13:30:00 - Dee Analyst (Work notes)\n"
        "Procmon: ACCESS DENIED on the licensing folder.\n"
    )
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=notes))
    assert r.option == ("20" if steps >= 3 else "10"), r.reasoning


def test_troubleshooting_reads_terse_steps_and_skips_validation(make_ticket, handling_rubric):
    notes = (
        "2025-03-20 07:32:00 - Dee Analyst (Work notes)\n"
        "Scanner Wi-Fi log: EAP-TLS failure, client cert expired yesterday.\n"
        "Re-enrolled via StageNow barcode -> new cert installed.\n"
        "Connected to the SSID -> login OK, test scan OK.\n\n"
        "2025-03-20 07:04:00 - Dee Analyst (Work notes)\n"
        "Caller validated: Duo push + employee ID.\n"
    )
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=notes))
    assert r.option == "20", r.reasoning
    # the validation line is not a step; the comma runs count check by check (audit rule 2)
    assert "5 troubleshooting steps" in r.reasoning
    only_validation = notes.split("\n\n")[1]
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=only_validation))
    assert r.option == "0", r.reasoning


def test_troubleshooting_counts_the_analysts_comments_not_the_callers(make_ticket, handling_rubric):
    comments = (
        "2025-03-24 10:30:00 - Jane Example (Additional comments)\n"
        "Checked my settings, restarted twice, cleared the cache -> still the same.\n\n"
        "2025-03-24 09:00:00 - Erik Analyst (Additional comments)\n"
        "Hi Jane, I checked your OneDrive: it is read-only because of a legal hold.\n"
    )
    t = make_ticket(work_notes="", comments=comments)
    r = grade(handling_rubric, "troubleshooting", t)
    assert r.option == "10", r.reasoning  # one step by the analyst; the caller's do not count


_CHECKED = (
    "I checked the version history: the Rates sheet was deleted on 20 Nov. I restored the 19 "
    "Nov version of that sheet and copied in the two rate changes made since. Please have a "
    "look."
)


@pytest.mark.parametrize(
    "said, option",
    [
        (f"Hi Jane, {_CHECKED}", "20"),
        (f"Hello Jane,\n{_CHECKED}", "20"),
        (_CHECKED, "20"),
        # the greeting after a time or a list marker (the comment timed or listed) alike
        (f"09:10 Hi Jane, {_CHECKED}", "20"),
        (f"- Hi Jane, {_CHECKED}", "20"),
        # a greeting before a promise: still no step
        ("Hi Jane, I will look at the version history tomorrow.", "0"),
    ],
)
def test_an_analysts_comment_is_read_without_its_greeting(
    make_ticket, handling_rubric, said, option
):
    """A comment to the caller is a letter: "Hi Jane," is courtesy, not part of the finding
    after it (audit rules 2 and 4: finding, fix and the changes copied in, each a step)."""
    comments = f"2025-03-24 12:00:00 - Erik Analyst (Additional comments)\n{said}\n"
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes="", comments=comments))
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "short, notes, option",
    [
        ("DHE-acct locked", "unlocked acct in AD", "10"),
        # an action that undoes the reported state names its object (the locked account);
        # the same verb on another state does not
        ("acct lockd", "unlocked", "10"),
        ("Konto gesperrt nach Urlaub", "Konto nach Rückruf auf die Mobilnummer entsperrt.", "10"),
        ("Printer shows offline", "unlocked", "0"),  # R2: an action without its object
        # "it" after the notes named what was wrong stands for that thing; alone it does not
        (
            "Laptop won't join site Wi-Fi",
            "The site SSID was missing from the laptop's Wi-Fi profile; added it manually.",
            "10",
        ),
        ("Laptop won't join site Wi-Fi", "Added it manually.", "5"),
        ("Tableau slow", "Tuned the Tableau Server settings to improve response time.", "5"),
        # R2: "applied a fix" with or without a place names no action
        ("Report times out", "Applied a fix on the SAP side, report works now.", "0"),
        (
            "Teams calls go to voicemail",
            "Call forwarding to voicemail had been set by mistake; turned forwarding off. "
            "Test calls ring.",
            "10",
        ),
    ],
)
def test_resolution_names_action_and_object(make_ticket, handling_rubric, short, notes, option):
    t = make_ticket(short_description=short, description=short, close_notes=notes)
    r = grade(handling_rubric, "resolution_quality", t)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "caller, author",
    [("Jane Example", "Example, Jane"), ("jane.example", "Jane Example")],
)
def test_caller_reply_under_another_form_of_the_name(make_ticket, handling_rubric, caller, author):
    comments = f"2025-03-24 10:30:00 - {author} (Additional comments)\nWorks now, please close.\n"
    t = make_ticket(
        caller=caller,
        comments=comments,
        work_notes=NOTES + "Recreated the profile.",
    )
    r = grade(handling_rubric, "user_confirmation", t)
    assert r.option == "10", r.reasoning
    assert "Works now" in r.evidence


def test_an_analysts_comment_is_not_the_callers_reply(make_ticket, handling_rubric):
    comments = "2025-03-24 10:30:00 - Sam Analyst (Additional comments)\nFixed, thanks.\n"
    t = make_ticket(
        caller="jane.example",
        comments=comments,
        work_notes=NOTES + "Recreated it.",
        close_notes="Recreated the Outlook profile.",
    )
    r = grade(handling_rubric, "user_confirmation", t)
    assert r.option == "0", r.reasoning  # Sam wrote the work note: an analyst


@pytest.mark.parametrize(
    "note", ["User is satisfied with the fix.", "Caller agreed the ticket can be closed."]
)
def test_confirmation_in_closure_wording(make_ticket, handling_rubric, note):
    t = make_ticket(work_notes=NOTES + note, comments="", close_notes="Recreated the profile.")
    assert grade(handling_rubric, "user_confirmation", t).option == "10"


# The readings below take their wording from public guides on ticket documentation
# (tqrs/judges/SOURCES.md), never from the evaluation set.


@pytest.mark.parametrize(
    "notes, option, said",
    [
        (  # open-exam-prep "Record results, not vague actions": "same tests succeed from
            # wired desktop in room 210" is a check of its own
            "Ping gateway 192.168.30.1: success.\n"
            "Desktop in room 210 connects to the same SSID over the cable.\n"
            "Re-joined Corp-WiFi on the scanner -> scanner online.\n",
            "20",
            "3 troubleshooting steps",
        ),
        (  # after another step on the same line, the same words are that step's result
            "Re-joined Corp-WiFi -> OK. Scanner connects.\n",
            "10",
            "only 1 step",
        ),
        (  # base.chetan-thapliyal.cloud: "avoid vague language like 'fixed the issue'"; a
            # step is what was checked or changed, not what the caller was told
            "Checked print queue - found stalled job.\n"
            "Cleared print queue -> queue empty. Fixed.\n"
            "Told the caller the printer is back.\n",
            "10",
            "only 2 steps",
        ),
        (  # a change, a test of it and what the test showed, chained, are two steps
            "Print spooler: stopped.\nStarted the spooler -> test page -> printed.\n",
            "20",
            "3 troubleshooting steps",
        ),
        (  # amplifyapp.com ticketing glossary "Note": "Called user. No answer. Left
            # voicemail." is a contact note; user confirmation reads it, not troubleshooting
            # (a finding and a fix with its effect: two steps; a test page after the fix
            # would be a third, audit rule 4)
            "Checked print queue - found stalled job.\n"
            "Called user. No answer. Left voicemail.\n"
            "2nd attempt: emailed the user, awaiting response.\n"
            "Cleared print queue -> queue empty.\n",
            "10",
            "only 2 steps",
        ),
        (  # a setting that sends calls to voicemail, a ping with no response: no contacts
            "Call settings: forward to voicemail on.\nPing PRN-0412 -> no response.\n"
            "Turned forwarding off.\nTest call -> rings.\n",
            "20",
            "4 troubleshooting steps",
        ),
        (  # SSO that says how the caller signed in is validation; a check of the SSO
            # sign-in with its result is a step, and so is the error code seen (akuiteo help
            # desk guide: the error code associated with the issue)
            "Chat via SSO.\n"
            'Timesheet login via SSO -> "user not found".\n'
            "Error 0x80070005 = access denied on the profile folder.\n"
            "Changed the SSO ID to the HR number -> he logged in.\n",
            "20",
            # the change and the log-on after its arrow, a verification (audit rule 4)
            "4 troubleshooting steps",
        ),
        (  # ServiceNow "Render journal field entries as HTML": text in [code] tags is HTML
            "[code]<p>Account unlocked, password reset.</p><p>Logon on LT-0390 -&gt; OK, "
            "Outlook -&gt; OK.</p>[/code]\n",
            "20",
            "3 troubleshooting steps",
        ),
        (  # a note in French: the action and the check in their own words
            "Mot de passe réinitialisé dans l'AD.\nSession ouverte, Outlook OK.\n"
            "Imprimante ajoutée -> page de test imprimée.\n",
            "20",
            "3 troubleshooting steps",
        ),
        (  # an identity document seen at the desk, security questions in shorthand:
            # validation (LABELLING.md: photo ID at a walk-up desk), not steps
            "Walk-in: checked his driving licence against the HR record.\n"
            "Tried sec Qs: 3 of 4 correct.\nReset pw -> temporary password given.\n"
            "Logged on at the kiosk -> OK.\n",
            "10",
            "only 2 steps",
        ),
        (  # a state told with what it is for ("Kiln log started for batch CS-1203"): the
            # step after the sign-in, as "Backup started at 10:00" is (audit rule 5: reset,
            # log-on with the change, the job the caller could not do: three steps)
            "Reset his password, temp given, change at next logon.\n"
            "He logged on at the kiln PC and changed it -> OK. Kiln log started for batch "
            "CS-1203.\n",
            "20",
            "3 troubleshooting steps",
        ),
    ],
)
def test_troubleshooting_steps_in_other_shapes(make_ticket, handling_rubric, notes, option, said):
    t = make_ticket(work_notes=NOTES + notes, comments="")
    r = grade(handling_rubric, "troubleshooting", t)
    assert r.option == option and said in r.reasoning, r.reasoning


SCREEN = "Laptop screen cracked"
DISPLAY = "Display flickers after the driver update"


@pytest.mark.parametrize(
    "short, notes, option, why",
    [
        # ITIL (cio-wiki.org "Workaround"): a workaround restores service for now and
        # corrects nothing; a loaner is one
        (SCREEN, "The user works on a loaner laptop until the screen is replaced.", "5",
         "workaround"),
        (SCREEN, "Replaced the laptop screen; the user had a loaner meanwhile.", "10", "laptop"),
        (SCREEN, "Informed IT Security. User works on a spare laptop for now.", "5",
         "workaround"),
        # what may happen is not what was done
        (SCREEN, "Screen to be replaced if the part arrives.", "5", "still to be done"),
        # base.chetan-thapliyal.cloud: write the action, the object and the version ("Rolled
        # back the display driver to version 27.21.14.6109"); a bare kind of thing says
        # not which one was changed (LABELLING.md: "Restarted the service" is 5)
        (DISPLAY, "Reinstalled driver.", "5", "not what was changed"),
        (DISPLAY, "Restarted the service.", "5", "not what was changed"),
        (DISPLAY, "Rolled back the display driver to version 27.21.14.6109.", "10",
         "rolled back"),
        # advice is what the user should do, not what was fixed
        (DISPLAY, "Advised the user to restart the laptop.", "5", "advice"),
        # the object written first, shorthand spelled out, a fix verb with its object
        (DISPLAY, "Graphics driver 31.0.101 reinstalled.", "10", "31.0.101 reinstalled"),
        (DISPLAY, "Display settings corrected.", "5", "not what was changed"),
        (DISPLAY, "drv rollback, disp flicker gone", "5", "not what was changed"),
        (DISPLAY, "Vendor fixed the display driver's refresh rate (60 Hz).", "10", "fixed"),
        (DISPLAY, "Fixed the display error.", "0", "nothing a reader"),  # R2: closure words
        # an adjective is no action ("an unmanaged stick"); a spare for good is no workaround
        (SCREEN, "Nothing to do for an unmanaged laptop screen.", "0", "nothing a reader"),
        (SCREEN, "Set the user up on a spare laptop; the cracked one is scrapped.", "10",
         "set the user up"),
    ],
)  # fmt: skip
def test_a_fix_names_which_thing_and_is_no_workaround(
    make_ticket, handling_rubric, short, notes, option, why
):
    t = make_ticket(short_description=short, description=f"{short}.", cmdb_ci="",
                    close_notes=notes)  # fmt: skip
    r = grade(handling_rubric, "resolution_quality", t)
    assert r.option == option and why in r.reasoning, r.reasoning


def test_notes_naming_the_reported_device_with_a_specific_fix(make_ticket, handling_rubric):
    # the device's tag the description names is the reported item, whatever words differ
    t = make_ticket(
        short_description="Secure print PIN not accepted",
        description="Seit heute 07:00 nimmt der Drucker MFP-GRZ-03 meine PIN nicht an.",
        cmdb_ci="",
        close_notes="Set MFP-GRZ-03 to Card or PIN in PaperCut.",
    )
    r = grade(handling_rubric, "resolution_quality", t)
    assert r.option == "10", r.reasoning


def test_notes_naming_the_reported_device_are_about_it(make_ticket, handling_rubric):
    t = make_ticket(
        short_description="Scan to folder fails on the MFP",
        description="Scan to folder fails on MFP-RAD1 with an SMB error.",
        category="Hardware",
        subcategory="Printer",
        cmdb_ci="MFP-RAD1",
        close_notes="The expired service-account password was renewed; updated the stored "
        "credentials on MFP-RAD1 and scans reach the share again.",
    )
    r = grade(handling_rubric, "resolution_quality", t)
    assert r.option == "10", r.reasoning


@pytest.mark.parametrize("reply", ["Funktioniert wieder, vielen Dank!", "Ça fonctionne, merci."])
def test_a_thank_you_in_german_or_french_confirms(make_ticket, handling_rubric, reply):
    # LABELLING.md: the user's words in a comment, in any language ("Funciona, puede cerrar")
    comments = f"2025-03-24 10:30:00 - Jane Example (Additional comments)\n{reply}\n"
    t = make_ticket(
        comments=comments,
        work_notes=NOTES + "Recreated the profile.",
        close_notes="Recreated the Outlook profile.",
    )
    assert grade(handling_rubric, "user_confirmation", t).option == "10"


@pytest.mark.parametrize(
    "note",
    [
        # ENISA: the person who reported the incident is contacted to verify it is resolved
        "Jane confirmed by phone that the mailbox opens.",
        "Verified the shared mailbox with Jane on a call.",
        "Jane tested the mailbox from home: opens.",
        "She asks us to close.",
    ],
)
def test_confirmation_by_the_callers_name(make_ticket, handling_rubric, note):
    t = make_ticket(
        caller="Jane Example",
        work_notes=NOTES + note,
        comments="",
        close_notes="Recreated the Outlook profile.",
    )
    assert grade(handling_rubric, "user_confirmation", t).option == "10"
    # another person's name is not the caller's
    t = make_ticket(
        caller="Jane Example",
        work_notes=NOTES + note.replace("Jane", "Erik").replace("She", "Erik"),
        comments="",
        close_notes="Recreated the Outlook profile.",
    )
    assert grade(handling_rubric, "user_confirmation", t).option == "0"


# the greeting of INC0000060's reply, and the informal "Hiya" (a greeting opening a text or a
# line elsewhere: before, the reply's quote began "Hiya David,")
@pytest.mark.parametrize("greeting", ["Hi David, ", "Hiya David, "])
def test_a_confirming_reply_is_quoted_by_its_words_not_its_greeting(
    make_ticket, handling_rubric, greeting
):
    # the caller's reply of INC0000060 (03_pdi_unload.xml, 16_swimlane_update_row_display.json)
    reply = (
        f"{greeting}\nThat must be it. I was on phone calls at all three of those times and "
        "must not have had any activity on my computer. Please close this incident."
    )
    t = make_ticket(
        caller="Joe Employee",
        comments=f"2016-12-13 20:30:14 - Joe Employee (Additional comments)\n{reply}\n\n"
        "2016-12-13 18:42:25 - David Loo (Additional comments)\nHi Joe,\nI've checked the "
        "network logs: you were timed out from the VPN at 9:25AM. Please confirm it works.\n",
        work_notes=NOTES + "Recreated the profile.",
        close_notes="Recreated the Outlook profile.",
    )
    r = grade(handling_rubric, "user_confirmation", t)
    assert r.option == "10", r.reasoning
    assert r.evidence.startswith("That must be it.") and "Please close this incident." in r.evidence


@pytest.mark.parametrize(
    "reply, confirms",
    [
        # the user's words in any language (LABELLING.md: "Funciona, puede cerrar")
        ("Buchungen laufen wieder. Bitte schließen.", True),
        ("Todo OK, las alarmas llegan. Podéis cerrar.", True),
        ("In. Timesheets sent.", True),
        ("on the wifi now", True),
        # a promised test, and "still" with a failure, are no confirmation (LABELLING.md)
        ("Thanks, I'll test tomorrow and tell you.", False),
        ("Gracias, lo pruebo mañana y os digo.", False),
        ("Still nobody hears me on Teams, but thanks. Please close this incident.", False),
        # a hope is about what may come, not that it works (U4)
        ("Thanks, hopefully nobody reads it.", False),
        ("Cheers. Fingers crossed.", False),
        # said to work, a hope beside it does not take it back
        ("Works now, hopefully it stays that way.", True),
    ],
)
def test_callers_reply_that_confirms_or_not(make_ticket, handling_rubric, reply, confirms):
    comments = f"2025-03-24 10:30:00 - Jane Example (Additional comments)\n{reply}\n"
    t = make_ticket(
        comments=comments,
        work_notes=NOTES + "Recreated the profile.",
        close_notes="Recreated the Outlook profile.",
    )
    r = grade(handling_rubric, "user_confirmation", t)
    assert r.option == ("10" if confirms else "0"), r.reasoning


@pytest.mark.parametrize(
    "note, confirms",
    [
        # ENISA: the person who reported the incident (or their team) verifies it is resolved
        ("Finance team confirm logins OK.", True),
        ("Jane released her jobs with her PIN, confirmed on the phone.", True),
        ("Identity confirmed on the phone.", False),  # no caller: validation, not the fix
    ],
)
def test_confirmation_by_a_team_or_on_the_call(make_ticket, handling_rubric, note, confirms):
    t = make_ticket(
        caller="Jane Example",
        work_notes=NOTES + note,
        comments="",
        close_notes="Recreated the Outlook profile.",
    )
    r = grade(handling_rubric, "user_confirmation", t)
    assert r.option == ("10" if confirms else "0"), r.reasoning


@pytest.mark.parametrize(
    "notes, comment",
    [
        ("pwd rst in AD, temp pwd gvn. usr in.", ""),  # terse shorthand: the user's log-on seen
        ("Recreated the profile.", "No more crashes since the fix."),
        ("Recreated the profile.", "[code]<p>Works again &amp; thanks!</p>[/code]"),
    ],
)
def test_confirmation_in_terse_notes_and_html_replies(make_ticket, handling_rubric, notes, comment):
    comments = f"2025-03-24 10:30:00 - Jane Example (Additional comments)\n{comment}\n"
    t = make_ticket(
        work_notes=NOTES + notes,
        comments=comments if comment else "",
        close_notes="Recreated the Outlook profile.",
    )
    r = grade(handling_rubric, "user_confirmation", t)
    assert r.option == "10", r.reasoning
    assert r.evidence and r.evidence in t.work_notes + t.comments


# Issue 16, fourth tuning round: classes of wording, written here by hand (not copied from
# the set); expected values from LABELLING.md's conventions and troubleshooting audit.
@pytest.mark.parametrize(
    "reply, confirms",
    [
        # the caller's words in Dutch and Polish (LABELLING.md: any language)
        ("Het werkt weer, bedankt. Mag gesloten worden.", True),
        ("Drukarka działa, dzięki.", True),
        ("Todo bien ya. Podéis cerrarlo.", True),
        # what works now, a problem gone, consent to close
        ("The whole team can book rooms now.", True),
        ("No freezes today.", True),
        ("Good to close.", True),
        # thanks for a message acknowledge it; something failing now is no confirmation
        ("Thanks for the update", False),
        ("I still cannot print now.", False),
        ("It crashed again now.", False),
    ],
)
def test_callers_reply_in_more_wordings(make_ticket, handling_rubric, reply, confirms):
    comments = f"2025-03-24 10:30:00 - Jane Example (Additional comments)\n{reply}\n"
    t = make_ticket(
        caller="Jane Example",
        comments=comments,
        work_notes=NOTES + "Recreated the profile.",
        close_notes="Recreated the Outlook profile.",
    )
    r = grade(handling_rubric, "user_confirmation", t)
    assert r.option == ("10" if confirms else "0"), r.reasoning


@pytest.mark.parametrize(
    "question, confirms",
    [
        ("Jane, the scanner should work now. Are you happy for me to close the ticket?", True),
        ("Jane, I have restarted the scanner service.", False),  # "OK" answers no question
    ],
)
def test_a_bare_ok_answers_a_question_to_close(make_ticket, handling_rubric, question, confirms):
    comments = (
        "2025-03-24 10:30:00 - Jane Example (Additional comments)\nOK\n\n"
        f"2025-03-24 10:00:00 - Sam Analyst (Additional comments)\n{question}\n"
    )
    t = make_ticket(
        caller="Jane Example",
        assigned_to="Sam Analyst",
        comments=comments,
        work_notes=NOTES + "Restarted the scan service.",
        close_notes="Restarted the scan service on the MFP.",
    )
    r = grade(handling_rubric, "user_confirmation", t)
    assert r.option == ("10" if confirms else "0"), r.reasoning


@pytest.mark.parametrize(
    "note, confirms",
    [
        ('Jane replied by mail: "funciona, gracias".', True),  # her reply quoted in a note
        ("Warehouse lead confirms the pickers scan again.", True),
        ("Asked her to confirm tomorrow.", False),  # a request, not a confirmation
        ("Resolved, awaiting confirmation from the caller.", False),  # U4: still awaited
        ("Signed in, payroll screen opens.", True),  # the user's sign-in seen after a reset
        ("E-mailed the steps to Jane so she can sign the forms.", False),  # a purpose
    ],
)
def test_confirmation_written_by_the_analyst(make_ticket, handling_rubric, note, confirms):
    t = make_ticket(
        caller="Jane Example",
        work_notes=NOTES + note,
        comments="",
        close_notes="Reset the password in AD.",
    )
    r = grade(handling_rubric, "user_confirmation", t)
    assert r.option == ("10" if confirms else "0"), r.reasoning


# Issue 16, the handling audit's rules of user confirmation (LABELLING.md, "Handling audit:
# user confirmation", U1-U6). Wording written here by hand, not taken from the labelled set;
# each expected option worked out from the rule named beside it.
def _confirmation(make_ticket, handling_rubric, **fields):
    data = {
        "caller": "Jane Example",
        "assigned_to": "Sam Analyst",
        "short_description": "Cannot open the shared mailbox",
        "description": "Since this morning Jane cannot open the Finance shared mailbox.",
        "comments": "",
        "work_notes": NOTES + "Re-added her mailbox permission.",
        "close_notes": "Re-added the Full Access permission on the Finance mailbox.",
        **fields,
    }
    return grade(handling_rubric, "user_confirmation", make_ticket(**data))


def _reply(text, author="Jane Example"):
    return f"2025-01-10 10:30:00 - {author} (Additional comments)\n{text}\n"


@pytest.mark.parametrize(
    "fields, option",
    [
        ({"state": "On Hold"}, "N/A"),  # U1: not yet resolved
        # U1: resolved with a human caller and nothing confirmed (a duplicate): 0, not N/A
        ({"close_code": "Duplicate", "close_notes": "Duplicate of INC0010077."}, "0"),
        # U2: a monitoring ticket with no user involved
        (
            {
                "caller": "Event Management",
                "contact_type": "monitoring",
                "work_notes": NOTES + "Restarted the mail transport service; queue drained.",
            },
            "N/A",
        ),
        # U2: a monitoring ticket that quotes a user is judged like any other
        (
            {
                "caller": "Event Management",
                "contact_type": "monitoring",
                "work_notes": NOTES + "Restarted the transport service. Harbour office "
                "(Tomasz) says mail is arriving again.",
            },
            "10",
        ),
    ],
)
def test_confirmation_not_applicable_only_when_unresolved_or_no_user(
    make_ticket, handling_rubric, fields, option
):
    r = _confirmation(make_ticket, handling_rubric, **fields)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "reply, confirms",
    [
        # U4: it works or the need is met, in any language; agreement to close
        ("All sorted on my side, ta.", True),
        ("Everything is back, brilliant.", True),
        ("The mailbox is there again :)", True),
        ("Wszystko gra, dzięki. Można zamknąć.", True),
        ("OWA will do for now, thanks.", True),  # a workaround accepted
        ("No more errors since your call.", True),  # the problem said gone
        ("Fine to close.", True),
        # U4: thanks or an acknowledgement that neither says it works nor agrees to close
        ("Thanks!", False),
        ("Noted, thank you Sam.", False),
        ("Thanks for looking into it.", False),
        ("Will do.", False),
        ("OK, I'll wait for the new laptop then.", False),
        ("Thanks, I've forwarded it to my manager.", False),
        ("Automatic reply: I am out of the office until Monday.", False),
        ("Survey: 4 of 5 stars.", False),  # a rating without words
        ("Is it fixed now?", False),
        ("Please close it, the mailbox still shows the error.", False),  # still fails
        # a statement of the outcome without "works": "going to" a place is no promise
        ("Panels are right now, guests going to the right rooms. Thank you.", True),
        ("I'm going to try it again tonight.", False),  # a promise to test
        ("Screenshot attached as requested.", False),  # information sent, not the outcome
    ],
)
def test_the_callers_own_words_by_the_audit(make_ticket, handling_rubric, reply, confirms):
    r = _confirmation(make_ticket, handling_rubric, comments=_reply(reply))
    assert r.option == ("10" if confirms else "0"), r.reasoning


def test_a_callers_comment_before_any_work_is_the_report_not_a_reply(make_ticket, handling_rubric):
    comments = "2025-01-10 09:00:00 - Jane Example (Additional comments)\nHere since 8am.\n"
    r = _confirmation(make_ticket, handling_rubric, comments=comments)
    assert r.option == "0", r.reasoning  # the work note is written at 09:30


@pytest.mark.parametrize(
    "note, confirms",
    [
        # U3/U4: the caller's side says it or agrees, in a note or the close notes
        ("Rang Jane back: mailbox visible, fine to close.", True),
        ("Finance team lead says everyone can open the mailbox now.", True),
        ("Per user, issue resolved.", True),
        (
            "Jane phoned the desk at 14:10 (taken by Ola): mailbox opens, she is OK with closing.",
            True,
        ),
        ("User advised issue resolved.", True),
        # U3: another technician, a vendor, a request or the caller's identity is not it
        ("Exchange engineer confirmed the permission is applied.", False),
        ("Asked Jane to confirm by tomorrow.", False),
        ("Jane confirmed her employee ID and date of birth.", False),
        ("Called Jane, no answer.", False),
        # a name after a verb of contacting is its object, not the subject of "back on"
        ("Called Jane back on the Finance mailbox number from the directory.", False),
        # U3/U4: what someone confirms is a clause of its own that says no success
        ("Ravi Menon (IT) confirms he made no call.", False),
        ("Jane confirms it works now.", True),
        # a caller's explanation of the problem, with what the users do meanwhile
        (
            "She explained that the problem is only with the big sheets, and that the team "
            "have been working round it by printing halves.",
            False,
        ),
    ],
)
def test_the_users_word_written_by_the_analyst(make_ticket, handling_rubric, note, confirms):
    r = _confirmation(make_ticket, handling_rubric, work_notes=NOTES + note)
    assert r.option == ("10" if confirms else "0"), r.reasoning


@pytest.mark.parametrize(
    "description, note, confirms",
    [
        # U5: the user did what had failed, and it worked, during the contact
        (
            "Warehouse planner forgot his password and cannot release the picking waves.",
            "Reset with change at next logon. Planner released 4 waves.",
            True,
        ),
        ("Caller locked out of her PC since 07:10.", "Unlocked in AD. Logon OK, Teams OK.", True),
        (
            "Caller locked out of her PC since 07:10.",
            "Unlocked in AD.\nSigned in, timesheet submitted.",
            True,
        ),
        (
            "Jane's headset crackles in every Teams call since Monday.",
            "New driver. Test call 10 min with Jane -> no crackling.",
            True,
        ),
        (
            "Jane cannot open the Finance shared mailbox.",
            "Jane opened the shared mailbox while on the phone.",
            True,
        ),
        # U5: a check the analyst makes alone is not the user's success
        (
            "Jane cannot print to the 3rd floor printer.",
            "Test page printed from the server.",
            False,
        ),
        ("Caller locked out of her PC since 07:10.", "Unlocked. No lockouts in the log.", False),
        (
            "Caller locked out of her PC since 07:10.",
            "Unlocked. Login OK with my test account.",
            False,
        ),
        ("Jane cannot open the Finance shared mailbox.", "Mailbox opens on my test PC.", False),
        (
            "Jane cannot open the Finance shared mailbox.",
            "Jane opened a new ticket for the printer.",
            False,
        ),
        # U5 on a reset or unlock call: what the issue could not reach, now opening
        (
            "Credit controller locked out after VPN retries; cannot reach the credit system.",
            "Unlocked, removed the saved VPN password. No new lockouts, credit system opens.",
            True,
        ),
        (
            "Credit controller locked out after VPN retries; cannot reach the credit system.",
            "Unlocked. Credit system opens on my test PC.",
            False,
        ),
        # how the caller was identified at the start of a chat is not what they did
        (
            "Citrix desktop disconnects every ten minutes on his firm laptop.",
            "He started the chat from the firm's portal while signed in, single sign-on as "
            "jane.example@example.com.",
            False,
        ),
    ],
)
def test_the_users_success_observed(make_ticket, handling_rubric, description, note, confirms):
    r = _confirmation(
        make_ticket, handling_rubric, description=description, work_notes=NOTES + note
    )
    assert r.option == ("10" if confirms else "0"), r.reasoning


@pytest.mark.parametrize(
    "notes, option",
    [
        # U6: three documented attempts, then closure, in any form: 5
        (
            "Attempt 1: e-mailed Jane to confirm.\n\nAttempt 2: called, no answer.\n\n"
            "Attempt 3: voicemail; resolving per the no-response procedure.",
            "5",
        ),
        (
            "Called Mon - voicemail. E-mailed Tue - no reply. Called Thu - no answer. Resolving.",
            "5",
        ),
        ("No reply after three contact attempts (phone, e-mail, phone); resolving.", "5"),
        # one or two attempts, or the automatic closure alone: 0
        ("Sent Jane a Teams message to check. No answer.\nLeft a voicemail. Closing.", "0"),
        ("Incident automatically closed after 5 days in Resolved with no response.", "0"),
        # a voicemail setting is no attempt: two attempts
        (
            "Teams admin: her calls forward to voicemail; turned it off.\n"
            "Called Mon - no answer. E-mailed Tue - no reply.",
            "0",
        ),
    ],
)
def test_the_no_response_procedure_needs_three_attempts(
    make_ticket, handling_rubric, notes, option
):
    r = _confirmation(make_ticket, handling_rubric, work_notes=NOTES + notes)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "notes, option",
    [
        # a comma run and a run-on sentence count check by check (audit rule 2)
        (
            "Queue missing on the laptop, installed it from Software Center and printed a test "
            "page ok.",
            "20",
        ),
        # a reset with its temporary password is one operation, the sign-in with the forced
        # change one verification (audit rule 5): two steps
        (
            "Reset her password in AD, temp password given, change at next logon set.\n"
            "She signed in and changed the password.",
            "10",
        ),
        # findings told as states, then the fix with its test
        (
            "Port Gi0/3 down, no light on the SFP.\nSFP swapped -> link up.\n"
            "Test print from the shop PC -> printed.",
            "20",
        ),
    ],
)
def test_troubleshooting_counts_the_audit_way(make_ticket, handling_rubric, notes, option):
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes))
    assert r.option == option, r.reasoning


# The troubleshooting audit's counting rules (LABELLING.md, "Troubleshooting audit"), one
# case or more per rule, worded here; the expected option is counted by hand from the rule:
# 20 needs three steps with their outcome written (rule 7), fewer or none with an outcome is
# 10, no step at all 0.
@pytest.mark.parametrize(
    "notes, option",
    [
        # rule 1: assignment, linking, routing and promises are no step
        (
            "Routed to the Network team.\nLinked as child of INC0099001.\n"
            "Will send a remote wipe if it comes online.",
            "0",
        ),
        # rule 2: a comma run of checks with their findings, one step each (3)
        ("Mail headers: sent from our relay, SPF pass, reply-to = the sender's own domain.", "20"),
        # rule 3: one result shared by several things checked, one step per thing: the
        # unlock, the Windows sign-in and the VPN sign-in (3)
        ("Unlocked in AD.\nWindows + VPN sign-in OK.", "20"),
        # rule 3: details of one check stay one step (2: the check, the fix with its effect)
        ("Checked the AD account: locked, badPwdCount 5.\nUnlocked -> lockout cleared.", "10"),
        # rule 4: a sign-in after the fix's arrow is a verification of its own (3)
        ("Checked the AD account: locked, badPwdCount 5.\nUnlocked -> she signs in.", "20"),
        # rule 4: finding, fix and a test written as a test: three steps
        ("Paper tray found with the seal tab on; removed it -> test page prints.", "20"),
        # rule 4: finding and a fix with its effect: two steps (the effect is no test)
        ("Fan found clogged; cleaned -> runs quiet.", "10"),
        # rule 5: the reset with its temporary password is one operation, the sign-in with
        # the forced change one verification, the application check a third step
        (
            "Reset the password, temporary one given on the phone.\n"
            "She logged on and changed it.\nPayroll app opens.",
            "20",
        ),
        # rule 5: the reset told in three sentences is still one operation (2 with the sign-in)
        (
            "Reset the password in AD. Change at next logon set. Account unlocked too.\n"
            "She logged on fine.",
            "10",
        ),
        # rule 6: procedure actions written as done have their outcome (3)
        ("Security notified, ref SEC-1234.\nRemote wipe sent.\nLoaner laptop issued.", "20"),
        # rule 6: a promise is no step (1: the wipe sent)
        ("Will notify Security if it is not found.\nRemote wipe sent.", "10"),
        # rule 6: a fix written as done with no effect or test anywhere: a step, 10 not 0
        ("Swapped the keyboard.", "10"),
        # rule 7: three checks without their findings are steps without outcomes
        ("Checked the event log.\nChecked the driver version.\nChecked the power settings.", "10"),
        # rule 1: contact attempts are no step, told in one sentence or two
        ("Called her to confirm the fix, no answer.\nSent her a message. No reply.", "0"),
        # rule 1: a test call's queue "routed to" a phone is no assignment (1 step)
        ("Test call into the Sales queue routed to her phone -> answered.", "10"),
        # rule 2: a table's rows, one step each, the header row none (3)
        (
            "Check | Result\nCable and power | seated, no signal\nOther DP port | no signal\n"
            "Dock firmware updated | both screens on",
            "20",
        ),
        # rule 3: a further screen after the arrow's result is a check of its own (3)
        (
            "Laptop HDMI -> no picture on the projector and on my test monitor; "
            "USB-C adapter -> picture.",
            "20",
        ),
        # rule 4: finding, a fix written "re-created" and its test page (3)
        ("Queue found missing in SPAD. Re-created the queue -> test page printed.", "20"),
        # rule 4: a fix with its effect in a comma run is one step (2 with the finding),
        # a sign-in after it a verification of its own (3)
        ("Profile found corrupt. Recreated the profile, Outlook opens.", "10"),
        ("Profile found corrupt. Recreated the profile, she signed in.", "20"),
        # the 13_fresh_judged rule kept by rule 3: a child incident's check after the
        # parent's fix is one step, however many things it names
        (
            "Linked as child of INC0099001 (major incident).\n"
            "Parent resolved 09:10; asked her to retry -> VPN connects, Teams connects, "
            "mail syncs.",
            "10",
        ),
        # a service reloaded after a setting is a change, whose test follows it (audit rule 4)
        (
            "Access log: uploads over 2 MB refused with 413 since Monday's update.\n"
            "upload_max_filesize 20M in php.ini on both servers, php-fpm reloaded.\n"
            "Test upload of a 9 MB file -> stored.",
            "20",
        ),
        (
            "Event log: the app pool stops after each deploy.\n"
            "Idle timeout 0 on the pool, pool recycled.\n"
            "Test sign-in on the intranet -> OK.",
            "20",
        ),
        # "checked all 12 tills" names what was checked by its count; "checked all" alone
        # does not (13_fresh_judged)
        (
            "Till server: price file from 06:00 not loaded.\n"
            "Started the price service -> file loaded at 09:14.\n"
            "Checked all 12 tills on the shop floor -> new prices shown.",
            "20",
        ),
        (
            "Till server: price file from 06:00 not loaded.\n"
            "Started the price service -> file loaded at 09:14.\n"
            "Checked all, fine.",
            "10",
        ),
        # a desk's tagged lines: "[chk]" a check, its finding after "=" or ":" (audit rule 2);
        # "[did]" a change, its effect after "=" (rule 4); "[id]" the caller's validation,
        # no step (rule 1)
        (
            "[id] rang her back on the desk ext from the phone list = ok\n"
            "[chk] print queue on PRN-07 = 14 jobs stuck behind a 300-page job\n"
            "[did] deleted the stuck job = queue empties, jobs printing\n"
            "[chk] her test page from Word = prints",
            "20",
        ),
        (
            "[chk] disk on FS-02 = 100 % full\n"
            "[did] cleared 40 GB of old logs = 62 % used\n"
            "[chk] the share opens from her PC = ok",
            "20",
        ),
        (
            "[chk] switch port 12: err-disabled after a loop\n"
            "[did] cleared the port = link up\n"
            "[chk] ping the till from the desk = replies",
            "20",
        ),
        # one finding and a change with no effect written: two steps (rules 2, 6)
        (
            "[id] called him back on the stores ext from the list, he gave his payroll no and "
            "his manager's name = ok\n"
            "[chk] backup service on FS-02 stopped since 02:00\n"
            "[did] started the backup service",
            "10",
        ),
    ],
)
def test_troubleshooting_counts_by_the_audit_rules(make_ticket, handling_rubric, notes, option):
    t = make_ticket(work_notes=NOTES + notes, comments="", close_notes="")
    r = grade(handling_rubric, "troubleshooting", t)
    assert r.option == option, r.reasoning


def test_close_notes_are_not_the_troubleshooting_record(make_ticket, handling_rubric):
    # audit rule 1: steps written only in the close notes count for nothing
    close = "PSU found dead; replaced -> switch up; test ping from the floor PC OK."
    t = make_ticket(work_notes="", comments="", close_notes=close)
    assert grade(handling_rubric, "troubleshooting", t).option == "0"


def test_a_fix_takes_the_outcome_of_a_later_test(make_ticket, handling_rubric):
    # rule 4: the fix's result written as the test that follows it, in a later work note;
    # journal entries are listed newest first and read oldest first
    notes = (
        "2025-01-10 11:00:00 - Sam Analyst (Work notes)\nTest print from her PC -> prints.\n\n"
        "2025-01-10 10:00:00 - Sam Analyst (Work notes)\nReinstalled the driver.\n\n"
        "2025-01-10 09:30:00 - Sam Analyst (Work notes)\nSpooler log: driver crash 0xc0000005.\n"
    )
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=notes, comments=""))
    assert r.option == "20" and "3 troubleshooting steps" in r.reasoning, r.reasoning


@pytest.mark.parametrize(
    "notes, option",
    [
        ("Reconfigured the phone.", "5"),
        ("Adjusted the Wi-Fi settings.", "5"),
        ("Changed the phone's VLAN on switch port Gi1/0/12 from 20 to 40.", "10"),
    ],
)
def test_a_setting_changed_without_saying_to_what(make_ticket, handling_rubric, notes, option):
    t = make_ticket(
        short_description="Desk phone cannot register on the VLAN",
        description="Desk phone shows 'Registering' since this morning.",
        close_notes=notes,
    )
    r = grade(handling_rubric, "resolution_quality", t)
    assert r.option == option, r.reasoning


OUTLOOK = ("Outlook won't open", "Outlook hangs on the splash screen since this morning.")
STOLEN = ("Laptop stolen at the airport", "My laptop LT-0412 was stolen at Schiphol at 09:10.")
PHONE = ("Desk phone does not ring", "My desk phone has not rung since Monday.")


@pytest.mark.parametrize(
    "issue, notes, option",
    [
        # R1: the action and its object; terse is enough, the cause is not needed, the
        # notes need not repeat the issue's words
        (OUTLOOK, "Started Outlook in safe mode and disabled the Zoom add-in.", "10"),
        (PHONE, "Call forwarding was on; turned it off.", "10"),
        (("Passwort vergessen", "Kann mich nicht anmelden."), "Passwort zurückgesetzt.", "10"),
        (("Wi-Fi slow", "Wi-Fi in the canteen is slow."),
         "Moved the canteen AP to channel 36 and raised its power to 17 dBm.", "10"),
        # R2: nothing a reader could repeat
        (OUTLOOK, "Problem solved, closing ticket.", "0"),
        (OUTLOOK, "Followed the usual steps.", "0"),
        (OUTLOOK, "Root cause: a corrupt OST file after the disk filled.", "0"),
        (PHONE, "Passed to the telecom provider.", "0"),
        (PHONE, "CHG0031999", "0"),
        (PHONE, "Gave workaround.", "0"),
        # R3: a named action on a generic object, a fix from outside without the fault, a
        # KB number alone, notes about another item
        (OUTLOOK, "Cleared the cache.", "5"),
        (OUTLOOK, "Microsoft fixed it on their end.", "5"),
        (OUTLOOK, "Refer to KB0011234.", "5"),
        (OUTLOOK, "Followed KB0011234.", "5"),  # the article holds the action
        (OUTLOOK, "Updated the drivers.", "5"),  # a bare kind, in the plural too
        (OUTLOOK, "Cleared the cache and cookies.", "5"),
        (OUTLOOK, "Installed the latest updates.", "5"),
        (OUTLOOK, "Replaced the toner in PRN-LDS-04.", "5"),
        (("Internet down", "No internet in the branch."), "Rebooted the router.", "5"),
        # R4: a workaround leaves the fault in place; a specific change by IT is a fix
        (OUTLOOK, "Use OWA in the browser until further notice.", "5"),
        (("Till 3 card reader dead", "The card reader on till 3 shows no power."),
         "Staff to take card payments on till 1 until the payment engineer visits.", "5"),
        (("Can't use the meeting room screen", "The room's HDMI input shows no signal."),
         "Left an adapter so she can present over USB-C instead of the HDMI input.", "5"),
        (("Excel crashes when printing", "Excel crashes printing to PRN-2F."),
         "Installed the PCL6 driver for PRN-2F instead of the universal PS driver.", "10"),
        # a change named in a clause of its own before the one "instead of" qualifies is a
        # fix, as in another sentence; the workaround alone in its sentence stays one
        (("Lobby TV video stutters", "The briefing video stutters on the lobby TV."),
         "Copied the video to the player's local storage and set the playlist to play it "
         "locally instead of streaming it over the lobby Wi-Fi.", "10"),
        (("Lobby TV video stutters", "The briefing video stutters on the lobby TV."),
         "Staff play the video from a laptop instead of the lobby TV.", "5"),
        # R3: a restarted service named by its own name is a named object; the service
        # unnamed, or a device's name alone, is generic
        (("CAD program will not start", "No licence found: the licence server is unreachable."),
         "Restarted the CodeMeter service on LIC-SRV.", "10"),
        (("CAD program will not start", "No licence found: the licence server is unreachable."),
         "The CodeMeter service on LIC-SRV was restarted.", "10"),
        (("CAD program will not start", "No licence found: the licence server is unreachable."),
         "Restarted the service.", "5"),
        (("Van terminal frozen", "The MDT in van 4 shows a frozen map."),
         "Restarted the MDT.", "5"),
        # R5: a lost or stolen device is secured by a lock or wipe, sent or done
        (STOLEN, "Remote wipe sent via Intune (pending), Security notified.", "10"),
        (STOLEN, "Security notified, new laptop issued.", "5"),
        (STOLEN, "Disk encrypted, so no wipe needed; replacement ordered.", "5"),
        (STOLEN, "Will wipe it once it comes online.", "5"),
        # R5: a promise written after the securing word is still a promise
        (STOLEN, "Laptop offline, so the wipe will be sent if it comes back online.", "5"),
        (STOLEN, "Security told. Remote lock to be sent when it checks in.", "5"),
        (STOLEN, "Wipe requested from the MDM team.", "5"),
        (STOLEN, "Reported to police and Security; awaiting wipe approval.", "5"),
        (STOLEN, "Wipe command sent; pending until the device connects.", "10"),
        # R5/R7: the device located in hand needs no lock; a position read off a map does
        # not put it in hand
        (STOLEN, "LT-0412 located during the call under a seat at the gate; no wipe needed.",
         "10"),
        (STOLEN, "LT-0412 located via Find My at the airport; Security notified.", "5"),
        (STOLEN, "Not lost: Intune located LT-0412 in the lounge, where she found it.", "10"),
        (STOLEN, "Not found at the gate; Security notified.", "5"),
        (("Handheld stolen from van", "My scanner HH-0277 was taken from the van."),
         "Replacement handheld sent. Will send a lock from the MDM if it checks in.", "5"),
        # R6: the malware's removal is the fix
        (("Virus alert on PC-22", "Defender says a trojan was found on PC-22."),
         "Threat quarantined by Defender, full scan clean.", "10"),
        # R7: nothing to fix, said specifically; the word alone is R2
        (PHONE, "Caller hung up before speaking; no callback number.", "10"),
        (PHONE, "Duplicate", "0"),
        # a fix in other shapes: an irregular past, the object written first or told
        # before, a licence on a mail ticket (one fault); a closure told as an event
        (OUTLOOK, "Rebuilt the Outlook profile.", "10"),
        (OUTLOOK, "New Outlook profile created, OST rebuilt, works.", "10"),
        (OUTLOOK, "Outlook profile was corrupt - recreated.", "10"),
        (OUTLOOK, "User had no licence; assigned E3 licence.", "10"),
        (OUTLOOK, "Normal service resumed.", "0"),
        # a change named by its base form or noun, as terse notes write it
        (OUTLOOK, "Outlook profile rebuild.", "10"),
        (OUTLOOK, "Repair Office from Control Panel.", "10"),
        (OUTLOOK, "Reinstall of Office 365 done, Outlook opens.", "10"),
        (OUTLOOK, "Office reinstall scheduled for Monday.", "0"),  # not done yet
    ],
)  # fmt: skip
def test_resolution_read_by_the_audit_rules(make_ticket, handling_rubric, issue, notes, option):
    """LABELLING.md, judged-criteria audit R1-R7, on wording written here."""
    short, description = issue
    t = make_ticket(short_description=short, description=description, cmdb_ci="",
                    close_notes=notes)  # fmt: skip
    r = grade(handling_rubric, "resolution_quality", t)
    assert r.option == option, r.reasoning


# Steps written around the caller's validation, a sign-in through SSO, a check told in the
# present, a timed watch and a case raised (troubleshooting audit rules 1, 2, 4 and 6);
# counted by hand: 20 needs three steps with their outcome.
@pytest.mark.parametrize(
    "notes, option",
    [
        # rule 2: a run-on line that opens with the validation: the checks after it count
        # (the queue's finding, the clear, the test page: 3)
        (
            "caller validated by callback to the number on file + staff no 4411, checked the "
            "print queue it shows 40 stuck jobs, cleared the queue, test page printed",
            "20",
        ),
        # what the validation showed is no step: the unlock and the sign-in (2)
        (
            "Duo push to her phone, approved (identity OK).\nAccount unlocked in AD.\n"
            "She signed in -> desktop loads.",
            "10",
        ),
        # a sign-in through SSO written as done is the test, not the validation: the
        # finding, the removal and the sign-in (3)
        (
            "Credential Manager: two stale SAP entries found.\nRemoved both entries.\n"
            "She signs in via SSO.",
            "20",
        ),
        # a check told in the present ("refreshes"): the finding, the new token with its
        # effect, the refresh seen (3)
        (
            "Player log: token expired at 00:00.\nNew token issued -> player authenticates.\n"
            "Wallboard refreshes every 10 s.",
            "20",
        ),
        # rule 2: checks listed without their findings have no outcome ("setting" is what
        # was checked, not a state it showed): steps without results (10)
        (
            "Checked the rollers, checked the paper guide, checked the density setting, ran "
            "a cleaning cycle, fitted a new drum.",
            "10",
        ),
        # rule 2: a check in the passive with its finding after a dash is a step with its
        # outcome: the two checks and the replacement with its test (3)
        (
            "Driver version checked - current. Firmware checked - current. Pickup roller "
            "replaced, test page OK.",
            "20",
        ),
        # rule 4: a timed watch told by what did not happen: the clear, the sign-in and the
        # watch (3)
        ("Cache cleared, signed in again, no prompts in 15 min.", "20"),
        # rule 6: a case raised with the vendor, told with its reference, is a step done;
        # with the two findings (3)
        (
            "Batch log: costing job ran 10 h.\nDB: index missing on ORDERS.\n"
            "Vendor case with Acme (ACM-55120) to confirm the index can be added back.",
            "20",
        ),
        # 13_fresh_judged: a check that names nothing checked is no step
        ("Checked everything, all fine.", "0"),
        # rule 2: a check, a dash and its finding; the fix with its effect; the test (3)
        (
            "checked the proxy settings - wrong PAC url. fixed the pac url. browser loads "
            "intranet now. tested from a 2nd pc, works too.",
            "20",
        ),
        # what a device showed when looked at is a finding (3 with the fix and the test)
        (
            "Printer showed paper jam at tray 2. Removed torn paper from the fuser. "
            "Printed a test page - OK.",
            "20",
        ),
        # a time before each sentence of a line; a thing found in a state, details after;
        # the clear and the test print (3)
        (
            "09:10 remote in. 09:12 print queue stuck 14 jobs. 09:15 cleared queue. "
            "09:16 test print ok",
            "20",
        ),
        # a test written as a test after the fix's effect is a step of its own (3)
        (
            "I have checked the switch port, it is down. I have replaced the cable, now port "
            "is up. Test call is working.",
            "20",
        ),
        # things in the plural told in the present: the finding, the change, the check (3)
        (
            "Checked the DHCP scope: full. Extended the lease range. Clients get addresses again.",
            "20",
        ),
        # a sign-in told with its result is a test (3)
        (
            "Verified MFA registration: none. Registered Authenticator with the user. "
            "Sign-in successful.",
            "20",
        ),
        # "did not help" is the result of the step before it, no step of its own (3)
        (
            "Asked user to restart; did not help. Cleared the cache; did not help. "
            "Reinstalled the app; works.",
            "20",
        ),
        ("Cleared the cache; did not help.", "10"),
        # rule 4: the sign-in after the fix's arrow is its own verification (4)
        (
            "Had the user restart -> still fails. Cleared credentials in Credential Manager "
            "-> signs in. Outlook syncs.",
            "20",
        ),
        # rule 3: a detail of the check read as what explains the problem is that check's
        # (one finding, then a fix without a result of its own: 10), in either apostrophe
        (
            "Reader's network page: on the 4G backup, signal 1 bar - that'll be the comms "
            "errors.\nWalked her through re-joining it to the staff Wi-Fi.",
            "10",
        ),
        (
            "Reader\u2019s network page: on the 4G backup, signal 1 bar - that\u2019ll be the "
            "comms errors.\nWalked her through re-joining it to the staff Wi-Fi.",
            "10",
        ),
        # a finding of its own before the reading stays a step (3)
        (
            "Event log: nothing logged, disk 98% full - that'll be the slowness.\n"
            "Cleared the temp files.",
            "20",
        ),
        # a sign-in prompt answered as a link of a chain of steps, after an arrow: the test of
        # the new phone set up before it, and what the user then did (audit rules 4, 5)
        (
            "Old phone removed from her sign-in methods in the admin centre.\n"
            "She set up the app on the replacement phone -> prompt accepted -> Teams opens "
            "-> shift rota downloaded.",
            "20",
        ),
        (
            "Expense portal submission -> Duo push accepted -> claim submitted, reference "
            "shown.\nCleared the browser cache -> portal loads.",
            "20",
        ),
        # ... a validation names the prompt first, or how the caller was reached
        ("Okta push -> approved.\nCleared the Teams cache -> Teams opens.", "10"),
        (
            "Rang her back on the directory number -> push approved.\n"
            "Cleared the Teams cache -> Teams opens.",
            "10",
        ),
        # Microsoft Authenticator's push and number match, however the caller's answer is
        # written, are the validation, no step (LABELLING.md: validation is not a step)
        (
            "Caller ID: Authenticator push -> Jo approved 09:12.\n"
            "Print queue on the label PC: 14 jobs stuck, the first one 0 bytes.\n"
            "Deleted the 0-byte job -> the queue prints.",
            "10",
        ),
        (
            "Jo confirmed with an Authenticator number match (27).\n"
            "Print queue on the label PC: 14 jobs stuck, the first one 0 bytes.\n"
            "Deleted the 0-byte job -> the queue prints.",
            "10",
        ),
        (
            "Jo accepted the Authenticator push (number 40).\n"
            "Print queue on the label PC: 14 jobs stuck, the first one 0 bytes.\n"
            "Deleted the 0-byte job -> the queue prints.",
            "10",
        ),
        (
            "Jo validated by MFA push, number match 58, approved.\n"
            "Print queue on the label PC: 14 jobs stuck, the first one 0 bytes.\n"
            "Deleted the 0-byte job -> the queue prints.",
            "10",
        ),
    ],
)
def test_troubleshooting_steps_beside_validation_and_in_the_present(
    make_ticket, handling_rubric, notes, option
):
    t = make_ticket(work_notes=NOTES + notes, comments="", close_notes="")
    r = grade(handling_rubric, "troubleshooting", t)
    assert r.option == option, r.reasoning


# The same steps in capitals, in desk shorthand and in the passive count the same
# (scripts/eval_robustness.py: upper_case, abbreviations, passive).
@pytest.mark.parametrize(
    "plain, rewritten",
    [
        (
            "Laptop HDMI -> no signal on the room screen and on my test monitor; "
            "USB-C adapter -> picture.",
            "LAPTOP HDMI -> NO SIGNAL ON THE ROOM SCREEN AND ON MY TEST MONITOR; "
            "USB-C ADAPTER -> PICTURE.",
        ),
        (
            "Battery visibly swollen.\nReplacement laptop built, OneDrive synced.\n"
            "Swap done with Helen at her desk.",
            "Battery visibly swollen.\nReplacement laptop built, OneDrive synced.\n"
            "Swap done w/ Helen at her desk.",
        ),
        (
            "Okta admin: factor enrolled 2023 on the old phone.\n"
            "Reset the Okta Verify factor, enrolled the new phone -> push received, code "
            "accepted at VPN sign-in.",
            "Okta admin: factor enrolled 2023 on the old phone.\n"
            "The Okta Verify factor was reset, enrolled the new phone -> push received, code "
            "accepted at VPN sign-in.",
        ),
        # a typographic apostrophe reads as the straight one
        (
            "The guest portal's certificate had expired on 29/11.\nI renewed it and the "
            "sign-in page now loads on my phone; a test login went through.",
            "The guest portal\u2019s certificate had expired on 29/11.\nI renewed it and the "
            "sign-in page now loads on my phone; a test login went through.",
        ),
        # also where the notes are split into steps, before any pattern reads them: the
        # finding told after a label with an apostrophe ("router's admin page: ...")
        (
            "The router's admin page: WAN link down.\nRestarted the modem -> WAN up.\n"
            "Test call to the site -> clear line.",
            "The router\u2019s admin page: WAN link down.\nRestarted the modem -> WAN up.\n"
            "Test call to the site -> clear line.",
        ),
    ],
)
def test_troubleshooting_reads_rewrites_alike(make_ticket, handling_rubric, plain, rewritten):
    options = [
        grade(
            handling_rubric,
            "troubleshooting",
            make_ticket(work_notes=NOTES + notes, comments="", close_notes=""),
        ).option
        for notes in (plain, rewritten)
    ]
    assert options == ["20", "20"]


MONITOR = ("Second monitor black", "My second monitor on the dock shows no signal since Monday.")
PRINTER = ("Printer PRN-2F jams", "The 2nd floor printer PRN-2F jams on every job since Monday.")


@pytest.mark.parametrize(
    "issue, notes, option",
    [
        # R2: a closure verb with no object, or with "how" and "who" in its place
        (OUTLOOK, "Problem was fixed remotely.", "0"),
        (OUTLOOK, "Troubleshooting performed, working now.", "0"),
        (PRINTER, "Engineer attended and fixed it.", "0"),
        (OUTLOOK, "Closing as resolved, no further issues reported.", "0"),
        (OUTLOOK, "Issue fixed after reset.", "0"),
        (MONITOR, "Checked the cables, all fine.", "0"),
        # R1: the work named by what was done; "it" standing for the thing named before
        (PHONE, "Performed a factory reset of the handset.", "10"),
        (MONITOR, "Cable was loose, reconnected it.", "10"),
        # R3: a machine restarted clears the symptom, however the effect is told
        (MONITOR, "Power cycled the dock and the monitor came back.", "5"),
        # R4: another printer until the part comes is a workaround
        (PRINTER, "Redirected her print jobs to the 3rd floor printer until the part arrives.",
         "5"),
        # R4: another desk, the web version of the application
        (MONITOR, "Moved the user to another desk.", "5"),
        (OUTLOOK, "User can use Outlook on the web in the meantime.", "5"),
        # a device sent for repair beside a loaner is a hand-over, not the fix
        (("Laptop won't boot", "My laptop LT-0412 shows a black screen since this morning."),
         "Provided a loan laptop; LT-0412 sent for repair.", "5"),
    ],
)  # fmt: skip
def test_resolution_closure_restart_and_workaround(
    make_ticket, handling_rubric, issue, notes, option
):
    short, description = issue
    t = make_ticket(short_description=short, description=description, cmdb_ci="",
                    close_notes=notes)  # fmt: skip
    r = grade(handling_rubric, "resolution_quality", t)
    assert r.option == option, r.reasoning


# --- text the offline heuristics cannot read, and names written as names (issue 16, r9) ---


@pytest.mark.parametrize(
    "notes, option",
    [
        # Spanish and Polish notes naming the fix: not read, so not assessable offline
        # (no option, out of the maximum: issue 16, the pt-BR export)
        ("Se restauró la IP fija del controlador desde la copia de seguridad y se reinició; "
         "las baterías cargan de nuevo.", None),
        ("Konto odblokowane w AD po weryfikacji; użytkownik zalogował się na tablecie.", None),
        # short notes are read as they are: a closure word in any language says nothing
        ("Behoben.", "0"),
        # a copy of the short description stays 0 in any language (read without words)
        ("Cannot open shared mailbox", "0"),
    ],
)  # fmt: skip
def test_resolution_notes_in_another_language(make_ticket, handling_rubric, notes, option):
    t = make_ticket(short_description="Cannot open shared mailbox", close_notes=notes)
    r = grade(handling_rubric, "resolution_quality", t)
    assert r.option == option, r.reasoning
    if option == "10":
        assert "another language" in r.reasoning


GERMAN_STEPS = (
    "2025-01-10 09:40:00 - Sam Analyst (Additional comments)\n"
    "Hallo Frau Beispiel, das Terminal lädt noch die alte Adresse. Ein anderes Terminal in "
    "Halle 1 hat die neue Adresse und funktioniert. Ich habe die Startseite geändert und das "
    "Terminal neu gestartet: es zeigt jetzt die Anmeldeseite."
)


@pytest.mark.parametrize(
    "notes, comments, option",
    [
        # an analyst's comment in German: its sentences and clauses (five) could make a
        # complete record, which the offline judge cannot read: not assessable offline (no
        # option, out of the maximum: issue 16)
        ("", GERMAN_STEPS, None),
        # one Polish clause of validation: one unit cannot make three steps in any language:
        # some troubleshooting (10), not none and not complete
        ("Weryfikacja oddzwoniłam na numer z katalogu pracowników firmy.", "", "10"),
        # the caller's own comment in another language is no troubleshooting record
        ("", GERMAN_STEPS.replace("Sam Analyst", "Jane Example"), "0"),
    ],
)
def test_troubleshooting_in_another_language(make_ticket, handling_rubric, notes, comments,
                                             option):  # fmt: skip
    t = make_ticket(work_notes=NOTES + notes if notes else "", comments=comments)
    r = grade(handling_rubric, "troubleshooting", t)
    assert r.option == option, r.reasoning
    if option == "20":  # the evidence is the text as written, not the clauses cut from it
        assert "another language" in r.reasoning and r.evidence.rstrip("…") in t.comments


@pytest.mark.parametrize(
    "notes, option",
    [
        # finding; fix with its effect; a test written as a test ("test view"): three steps
        ("Rota app -> shifts visible to the site group only.\n"
         "Reposted the shifts to the bank group -> a bank worker's test view shows them.", "20"),
        ("Rota app -> shifts visible to the site group only.\n"
         "Reposted the shifts to the bank group -> a bank worker\u2019s test view shows them.",
         "20"),  # the typographic apostrophe, as a copy from a word processor writes it
        # "test" naming what the thing is for, whatever the thing ("a test par")
        ("Intune -> recovery key found, read out to her.\n"
         "manage-bde -status -> protection resumed. Editor opens, she filed a test par.", "20"),
    ],
)  # fmt: skip
def test_a_test_of_any_kind_is_a_verification(make_ticket, handling_rubric, notes, option):
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes))
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "short, description, option",
    [
        # what fails named by its own name (a capitalised non-word, an acronym), under a
        # free-text short description: the context is there (D5 read the other way round)
        ("Van route optimiser not loading", "Since 15:00 the route optimiser (Roadnet) "
         "shows 'Route plan import failed'; 38 vans cannot be planned for tomorrow.", "20"),
        ("Menu option 3 going to wrong queue", "Since this morning's IVR change (09:30) "
         "option 3 callers reach the emergencies queue; 70 billing calls wait there.", "20"),
        # "the system" never named: a place named beside it does not name it (D5)
        ("The sistem not let me enter", "Since morning the system does not let me enter, "
         "it says the password is wrong. I work in the Aberdeen laboratory and must send the "
         "results today.", "10"),
        # the caller's own name is no name of a thing
        ("Orders stuck", "Wendy Lawson: since 11:00 today none of the orders we enter go "
         "through; all 6 of us in telesales are affected.", "10"),
        # restating a short description that calls the fault "an issue" says no symptom
        # (D4); one that names what fails does
        ("Depot - Radio dispatch - Dispatch console issue", "The radio dispatch console in "
         "the control room is acting up again since this morning. Please fix asap.", "0"),
        ("Depot - Radio dispatch - Dispatch console has no audio", "The radio dispatch "
         "console in the control room is acting up again since this morning. Please fix "
         "asap.", "10"),
    ],
)  # fmt: skip
def test_description_names_what_fails_by_its_name(
    make_ticket, logging_rubric, short, description, option
):
    for text in (description, description.upper(), description.lower()):  # capitals aside
        t = make_ticket(short_description=short, description=text, caller="Wendy Lawson")
        r = grade(logging_rubric, "description_quality", t)
        assert r.option == option, (text, r.reasoning)


# Readings of the sixth round (issue 16), each on wording written here; the options are
# counted by hand from LABELLING.md (D1-D5, troubleshooting audit rules 2-6, R2-R3, U4).
@pytest.mark.parametrize(
    "short, description, option",
    [
        # how long it has failed is when it started (D1)
        ("Laptop slow", "My laptop has been very slow for about a week when opening CAD "
         "drawings; I am the only drafter, so quotes are late.", "20"),
        ("Gateway silent", "Automated alert: meter gateway MTR-GW4 has not reported for 45 "
         "minutes; billing for 40 berths pauses until it reports.", "20"),
        # a deadline in the future is no start ("in 3 days")
        ("Password expiry", "Caller got the notice that her password expires in 3 days and "
         "asks how to change it from home.", "10"),
        # an intermittent fault is a symptom; a device named by its number is which device
        ("Ironer PC restarting", "The feeder PC on ironer 2 restarts every 20-30 minutes "
         "since Sunday night; the night shift writes the counts on paper.", "20"),
        ("Van 4 tracker not on map", "Chase van 4 has not shown on the tracking map since "
         "Saturday; retrieve crews cannot see where it is.", "20"),
        # a person named as the owner is who is affected; a need with its deadline is what
        # the fault blocks
        ("Laptop bag lost", "Ana Ribeiro's laptop bag went missing from the stand yesterday "
         "around 16:00; laptop LT-0221 inside.", "20"),
        ("SLB - Leeds - EPOS back office - Supervisor locked out", "Bar supervisor locked out of the EPOS back office after "
         "holiday, needs it before the 18:00 shift.", "20"),
        # what happens twice that should happen once is the symptom (D3), however it is
        # called; an issue alone names none (D4)
        ("Gate 3 issue", "Since Saturday the turnstile at gate 3 releases twice on one "
         "scan; the stewards' count for the stand is wrong.", "20"),
        ("Room booking issue", "Since Monday the boardroom calendar takes double bookings; "
         "two teams turned up for the 10:00 slot.", "20"),
        ("Card terminal issue", "Since this morning the card terminal in the shop charges "
         "customers a duplicate amount; refunds take the manager's time.", "20"),
        ("Gate 3 issue", "Since Saturday there is an issue with the turnstile at gate 3 and "
         "the stewards need it sorted before the game.", "0"),
    ],
)  # fmt: skip
def test_description_parts_read_by_structure(
    make_ticket, logging_rubric, short, description, option
):
    for text in (description, description.upper()):  # capitals aside
        t = make_ticket(short_description=short, description=text, caller="Jane Example")
        r = grade(logging_rubric, "description_quality", t)
        assert r.option == option, (text, r.reasoning)


@pytest.mark.parametrize(
    "notes, option",
    [
        # dictated: "new line" is the line break; last ping found, fuse found blown and
        # replaced, the tracker seen again: three steps (20)
        ("portal shows van four last ping saturday ten past two new line asked the driver "
         "to check the fuse it was blown replaced it new line van four pinging again on the "
         "map", "20"),
        # a typed note that says "new line" keeps its words: one change, no result (10)
        ("Installed a new line card in the switch.", "10"),
        # unlock, the sign-in, a further application: the sentence ends in a test, so the
        # next check is a step of its own (rule 5): 20
        ("UNLOCKED THE ACCOUNT, HE LOGGED ON WITH THE NEW PASSWORD -> OK. ROTA OPENS.", "20"),
        # three findings, two of them measures a tool read (rule 2): 20
        ("Task Manager showed the disk at 100 per cent, SMART reported 87 reallocated "
         "sectors, and the memory is only 4 GB.", "20"),
        # a label whose items hold the validation is the validation: one change with its
        # effect is left (10)
        ("cllr ID'd: cb to dir no, emp# + DOB ok.\nPanel joined to the new SSID, clock "
         "showing.", "10"),
        # a label of checks is no validation for one item that names the SSO agent: the
        # checks are listed without findings (10, not 0)
        ("Checked: network speed, EPMA server load, SSO agent version, event logs.", "10"),
        # a sentence that announces the record, and its relative clause, are no steps;
        # one finding and a pointer are left (10)
        ("Attended remotely and worked through it in the order below, which I set out so "
         "that the next engineer has the picture. Gateway logs: rekeys fail on gw2 only. "
         "Sorted it, see close notes.", "10"),
        # another team asked to act is a change, its result the next step's (rule 2): a
        # finding, the request, the re-import with its effect: 20
        ("Lab export template -> switched to v4 by the lab. Lab asked to re-export in v3; "
         "re-imported -> 12 results visible.", "20"),
        # a promise after a check is not what the check showed (rule 6): 10
        ("Removed torn paper, logged a call with the vendor.\nLooked at the printer, logged "
         "a call. An engineer will come out.", "10"),
    ],
)  # fmt: skip
def test_troubleshooting_read_by_structure(make_ticket, handling_rubric, notes, option):
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes))
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "issue, notes, option",
    [
        # parts ordered: a plan, not the fix (5); ordered and fitted is the fix (10)
        (("Laptop slow", "Laptop very slow for a week."), "Ordered SSD and memory upgrade.",
         "5"),
        (("Laptop slow", "Laptop very slow for a week."),
         "Ordered an SSD and fitted it; boots in 40 s.", "10"),
        # a kind named by the kind of thing it serves is generic (R3): which client?
        (("GlobalProtect drops", "GlobalProtect disconnects every ten minutes since "
          "yesterday."), "Reinstalled VPN client.", "5"),
        (("Printing blank", "Blank pages from the HR printer since Monday."),
         "Reinstalled the printer driver.", "5"),
        # named by its own name it is specific (R1)
        (("GlobalProtect drops", "GlobalProtect disconnects every ten minutes since "
          "yesterday."), "Reinstalled the GlobalProtect client.", "10"),
        # real close notes of the Hitachi Rail export (hitachi_rail_excel_export.xlsx,
        # INC016118997, INC015663524 and 15 more; a new-user pass): a change named by a verb
        # of two words, a closure that says how (R1 with its object named, R3 on a generic
        # one: which server?); bare closures stay R2 (LABELLING.md: "fixed", "done" = 0)
        (("DNS resolution failing", "The intranet does not resolve since the DNS change."),
         "Roll back of DNS changes applied on June 17, 2020", "10"),
        (("Documents not visible in PDM", "Released drawings do not show in PDM."),
         "Resolved by server synchronization", "5"),
        (("Documents not visible in PDM", "Released drawings do not show in PDM."),
         "Resolved by a resync of the PDM vault", "10"),
        (("Documents not visible in PDM", "Released drawings do not show in PDM."),
         "Fixed", "0"),
        (("Documents not visible in PDM", "Released drawings do not show in PDM."),
         "Done", "0"),
        (("Documents not visible in PDM", "Released drawings do not show in PDM."),
         "This incident is resolved.", "0"),
        (("Documents not visible in PDM", "Released drawings do not show in PDM."),
         "Resolved by user", "0"),
    ],
)  # fmt: skip
def test_resolution_plans_and_kinds(make_ticket, handling_rubric, issue, notes, option):
    short, description = issue
    t = make_ticket(short_description=short, description=description, cmdb_ci="",
                    close_notes=notes)  # fmt: skip
    r = grade(handling_rubric, "resolution_quality", t)
    assert r.option == option, r.reasoning


# Troubleshooting audit rules 1, 4 and 6 read by structure (own wording, counted by hand).
@pytest.mark.parametrize(
    "notes, option",
    [
        # a finding, settings changed and a test named by its kind after the arrow: the
        # finding, the change (its result is the test) and the test (rule 4): 3
        (
            "Switch log: port 14 flapping every 30 s.\n"
            "Speed 100 full, EEE off -> soak test 2 hours, no flap.",
            "20",
        ),
        # a test written as a test, told with what it did in the past tense (rule 4): a
        # check with its finding, a test that failed, the fix, the test that passed: 4
        (
            "looked at the gateway, trunk registered, calls arrive\n"
            "made a test call from my mobile it dropped after ten seconds\n"
            "changed the session timer to match the carrier\n"
            "test call held for five minutes",
            "20",
        ),
        # a third party told, written as done, is a procedure action done (rule 6): 3
        (
            "Recall -> failed (external address).\n"
            "Phoned the recipient, deletion confirmed by e-mail.\n"
            "Told the office manager (Dana Ruiz).",
            "20",
        ),
        # advice to the caller is no notification: 2
        (
            "Recall -> failed (external address).\n"
            "Phoned the recipient, deletion confirmed by e-mail.\n"
            "Told her to double-check recipients before sending.",
            "10",
        ),
        # a closure word with a pointer to the close notes has no result of its own: one
        # finding and a fix without outcome (rule 1)
        ("Gateway log -> rekeys fail on gw2 only.\nSorted it, see close notes.", "10"),
    ],
)
def test_troubleshooting_tests_notifications_and_pointers(
    make_ticket, handling_rubric, notes, option
):
    t = make_ticket(work_notes=NOTES + notes, comments="", close_notes="")
    r = grade(handling_rubric, "troubleshooting", t)
    assert r.option == option, r.reasoning


def test_a_validation_in_another_language_is_no_step(make_ticket, handling_rubric):
    # one finding and a change raised in English (2 steps); the other entry, in Dutch,
    # records the caller's validation, which is no step in any language
    notes = (
        "2025-01-10 10:05:00 - Sam Analyst (Work notes)\n"
        "Anouk gevalideerd via terugbelnummer uit het HR-systeem en personeelsnummer 1320.\n\n"
        + NOTES
        + "Workflow history -> approver step resolves to nobody: the post is vacant.\n"
        "Opened a change to assign the interim manager's post to the workflow."
    )
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=notes, comments=""))
    assert r.option == "10", r.reasoning


@pytest.mark.parametrize(
    "notes, option",
    [
        # R3: an object named only by its kind, a common word saying what it serves
        ("Reinstalled the payment driver.", "5"),
        ("Reinstalled the booking app.", "5"),
        # the same in one case and in the passive
        ("REINSTALLED THE PAYMENT DRIVER.", "5"),
        ("The payment driver was reinstalled.", "5"),
        # a name written with its capital names which one (R1)
        ("Reinstalled the Zebra driver.", "10"),
    ],
)
def test_a_kind_of_thing_named_by_what_it_serves(make_ticket, handling_rubric, notes, option):
    t = make_ticket(
        short_description="Till freezes when taking card payments",
        description="The café till freezes for a minute each time a card payment starts.",
        cmdb_ci="",
        close_notes=notes,
    )
    r = grade(handling_rubric, "resolution_quality", t)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "short, description",
    [
        # a date with its month written short is when it happened (D1)
        (
            "KPC - Pit Lane - Scrutineering PC - Weighbridge app will not install",
            "The scrutineering office PC (KPC-SCR-PC02) will not install the new corner-weight "
            'app: "You need administrator rights". Scrutineers need it for the 28 Nov round '
            "(38 cars to weigh).",
        ),
        # a place named in a description written in capitals is its context (D5)
        (
            "Lost building pass",
            "CALLER LOST HIS DOOR PASS BETWEEN THE CAR PARK AND RECEPTION AT DUNDEE HQ THIS "
            "MORNING; HE IS BEING LET IN BY RECEPTION AND CANNOT REACH THE SECOND FLOOR.",
        ),
        # the owner named at a sentence start written without its capital (D1)
        (
            "BCM - Ledbury - Laptop - Lost laptop bag at trade show",
            "josh Kemble's laptop bag went missing from the stand at the trade show yesterday "
            "around 16:00; laptop BCM-LT-022 inside.",
        ),
    ],
)
def test_description_time_place_and_owner_in_other_shapes(
    make_ticket, logging_rubric, short, description
):
    t = make_ticket(short_description=short, description=description)
    r = grade(logging_rubric, "description_quality", t)
    assert r.option == "20", r.reasoning


# Eighth round (issue 16): readings by structure, each case worded here and counted by hand
# from LABELLING.md (troubleshooting audit rules 2, 4, 5; U4, U5; D1, D5, D6; R3).
@pytest.mark.parametrize(
    "notes, option",
    [
        # dictated punctuation: "full stop" and "comma" are the marks they ask for; the
        # unlock, the sign-in, the mail app opening: three steps (rule 5, 20)
        ("account unlocked in a d comma temp password given on the call full stop she logged "
         "in and changed it full stop mail app opens full stop", "20"),
        # a typed note that says "period" keeps its words: one change, no result (10)
        ("Extended the grace period for the licence.", "10"),
        # the sign-in told as the person being in, after the reset; then an application:
        # reset, sign-in, application (rule 5: "Reset; logon OK; SAP opens" is 20)
        ("Pwd rst in AD, temp given on the call.\nHe's in, new pwd set.\nPayroll app "
         "opens, timesheets there.", "20"),
        # the same in learner's English ("is login"): 20
        ("I reset the password in AD, temporary given by phone.\nUser is login and change "
         "password.\nShift rota opens.", "20"),
        # the sign-in told as "In." on the reset call, or "she got in" (U5, rule 5): 20
        ("Password reset, temp given on the call.\nIn.\nRota opens.", "20"),
        ("Reset; she got in; CAD opens.", "20"),
        # a case label with the other team's finding after its colon: the case raised
        # (rule 6) and the finding (rule 2), then the fix with its effect: 20
        ("Vendor support (case 77120): licence pool not renewed on their side.\nRenewed, "
         "Anna sees the dashboards.", "20"),
        # a case label that only tells the case raised: one step; the fix with its effect: 10
        ("Case 77120: raised with the vendor.\nRenewed, Anna sees the dashboards.", "10"),
        # reset and the sign-in with the forced change only: two steps (10)
        ("Reset the password, temp given.\nShe's in, new password set.", "10"),
        # a label of checks whose items are a sign-in and a reading (rule 2: a comma run
        # counts step by step), after a finding: 20
        ("Handheld found in the loading bay.\nHandheld checked: logs in to the WMS, battery "
         "74%.", "20"),
        # the sign-in, then after its arrow the work done in an application: reset, sign-in,
        # application (rule 5), also on one line: 20
        ("Pwd rst, temp pwd gvn, chg at nxt logon.\nhe logged in on ph -> JobPro jobs list "
         "loads", "20"),
        # after the arrow only the sign-in's own result, the forced change or the screen it
        # lands on: two steps (10)
        ("Pwd rst, temp pwd gvn.\nShe logged in -> changed her password.", "10"),
        ("Reset to a temporary password, must change at next logon.\nShe logged in, changed "
         "it -> main menu loads.", "10"),
        # a cause told as found in the past perfect, then its fix after the arrow, then a
        # test: finding, fix and test (rule 4), 20; the analyst's own act in the past perfect
        # is no finding (two steps, 10)
        ("Default language had been set to German during the update -> set back to English."
         "\nTested from three browsers -> each gets its own language.", "20"),
        ("We had cleared the cache -> set the language back to English.\nTested from three "
         "browsers -> each gets its own language.", "10"),
    ],
)  # fmt: skip
def test_troubleshooting_dictated_and_sign_in_readings(make_ticket, handling_rubric, notes, option):
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes))
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "reply, option",
    [
        # "tomorrow" qualifying a thing is no wait (U4: it works, said outright)
        ("All the vans show on the map again and tomorrow's rounds are planned. Thanks.", "10"),
        # a wait for tomorrow is no confirmation (U4: a promise to test)
        ("Thanks, I'll check it tomorrow.", "0"),
    ],
)
def test_confirmation_tomorrow_as_a_day_of_a_thing(make_ticket, handling_rubric, reply, option):
    comments = f"2025-03-24 10:30:00 - Jane Example (Additional comments)\n{reply}\n"
    t = make_ticket(
        caller="Jane Example",
        comments=comments,
        work_notes=NOTES + "Recreated the profile.",
        close_notes="Recreated the Outlook profile.",
    )
    assert grade(handling_rubric, "user_confirmation", t).option == option


_FUSE = "Replaced the fuse."
_READDED = "Re-added the mailbox permission."


@pytest.mark.parametrize(
    "note, close, option",
    [
        # the user's own check, with what they can do after it: success observed (U5)
        (
            "Replaced the fuse. Jane checked it on her tablet and can see the stock levels.",
            _FUSE,
            "10",
        ),
        # the user's check that still fails is no confirmation
        (
            "Replaced the fuse. Jane checked it on her tablet and cannot see the stock levels.",
            _FUSE,
            "0",
        ),
        # a possessive is no subject: "her classes ... list" is the analyst's finding (U5
        # needs the user's side doing it); the subject pronoun is one
        ("Her permissions at Finance list the mailbox as removed. Re-added it.", _READDED, "0"),
        ("She opens the Finance mailbox now.", _READDED, "10"),
        # the confirmation a call was made to get is its purpose, not its outcome (U6: an
        # attempt); the same words after the call are the user's
        ("Called Jane to confirm she can see it. No answer, left voicemail.", _READDED, "0"),
        ("Called Jane, she can see it now.", _READDED, "10"),
    ],
)
def test_confirmation_reads_who_did_what(make_ticket, handling_rubric, note, close, option):
    t = make_ticket(caller="Jane Example", work_notes=NOTES + note, comments="", close_notes=close)
    assert grade(handling_rubric, "user_confirmation", t).option == option


@pytest.mark.parametrize(
    "short, option",
    [
        # a web page that does not load is no account access (U5's sign-in after a reset):
        # the page seen loading is the analyst's check; an account's login is access
        ("Guest Wi-Fi login page not loading", "0"),
        ("Login fails on the guest Wi-Fi page", "10"),
    ],
)
def test_confirmation_a_login_page_is_no_access_issue(make_ticket, handling_rubric, short, option):
    t = make_ticket(
        caller="Jane Example",
        short_description=short,
        description="Since the weekend clients at the studio cannot get online.",
        work_notes=NOTES + "Renewed the portal certificate.",
        comments="",
        close_notes="Renewed the certificate; the login page loads and clients connect.",
    )
    assert grade(handling_rubric, "user_confirmation", t).option == option


@pytest.mark.parametrize(
    "short, description",
    [
        # the device named by the line of the plant it sits on (D5)
        (
            "Scale display frozen",
            "The scale display on mixing line 3 froze at 06:10 today and will not change; the "
            "whole shift cannot weigh the batches.",
        ),
    ],
)
def test_description_device_on_a_numbered_line(make_ticket, logging_rubric, short, description):
    t = make_ticket(short_description=short, description=description, caller="Jane Example")
    r = grade(logging_rubric, "description_quality", t)
    assert r.option == "20", r.reasoning
    # the same without the line names no device (D5: 10)
    unnamed = description.replace(" on mixing line 3", "")
    t = make_ticket(short_description=short, description=unnamed, caller="Jane Example")
    assert grade(logging_rubric, "description_quality", t).option == "10"


def test_description_line_of_a_log_names_no_device(make_ticket, logging_rubric):
    # "line 40 of the log" names no device: the description still lacks it (D5: 10)
    t = make_ticket(
        short_description="Error on start",
        description="Since this morning an error stops the whole team at start-up; see line "
        "40 of the log.",
        caller="Jane Example",
    )
    r = grade(logging_rubric, "description_quality", t)
    assert r.option == "10", r.reasoning


@pytest.mark.parametrize(
    "notes",
    [
        "Restarted the laptop and the projector, picture is back.",
        # the passive: its subject, coordinated things too, is what was restarted (R3)
        "The laptop and the projector were restarted, picture is back.",
        "The laptop and the projector was restarted, picture is back.",
    ],
)
def test_a_machine_restarted_in_the_passive_is_generic(make_ticket, handling_rubric, notes):
    t = make_ticket(
        short_description="Meeting room projector shows no picture",
        description="The projector shows No signal from the laptop since Monday.",
        close_notes=notes,
        close_code="Solved (Permanently)",
    )
    assert grade(handling_rubric, "resolution_quality", t).option == "5"


@pytest.mark.parametrize(
    "description",
    [
        # a start written in another language (D1, D6: the language does not matter)
        "Od wtorku faktury w Sage 200 pokazują sumy o 5% za wysokie.",
        "Seit Donnerstag druckt der Etikettendrucker nur leere Etiketten.",
        "Depuis lundi, l'imprimante n'imprime que des pages blanches.",
    ],
)
def test_description_start_written_in_another_language(description):
    assert "timing" in description_parts(description)
    # a day named is the start; the same text without it has none
    assert "timing" not in description_parts("Faktury w Sage 200 pokazują sumy o 5% za wysokie.")


@pytest.mark.parametrize(
    "short, description, option",
    [
        # D6: a pointer to the caller's own message, whoever it was sent to and what about
        ("lift pass gate stuck", "See my e-mail to Priya from yesterday about the gate. Please help.", "0"),
        ("lift pass gate stuck", "In our screenshot from the kiosk. Can someone look at it.", "0"),
        # ... but a description that says the fault beside the pointer is judged on it
        (
            "lift pass gate stuck",
            "See my e-mail: since 08:00 the two lift pass gates at the lower station reject "
            "every pass, and about 200 skiers are queuing to be let through by hand.",
            "20",
        ),
        # D5: devices named by their kind in the plural, as in the singular
        (
            "departure boards blank",
            "Since 06:00 the four screens in the departure hall show nothing; passengers keep "
            "asking staff which gate to go to.",
            "20",
        ),
        (
            "contactless taps failing",
            "Since last night the card readers at the entrance decline one tap in three; about "
            "40 people queued at nine.",
            "20",
        ),
        # "broken into" is a break-in told, not the vague "broken" (D4)
        (
            "Laptop stolen from car",
            "Her car was broken into overnight in the station car park and the laptop "
            "LT-0412 was taken from the boot. The sales team needs it for the tender on "
            "Thursday.",
            "20",
        ),
        # ... "broken" alone still names no symptom (D4)
        (
            "Goods-in scanner",
            "Since Monday the scanner at goods-in is broken; the pickers are waiting.",
            "0",
        ),
        # D6: a pointer to someone's e-mail, besides "same as last month", is a pointer
        ("Timesheet export fails", "See Tom's e-mail from Tuesday, same as last month.", "0"),
        ("Timesheet export fails", "In Priya's screenshot, please fix.", "0"),
        # D4, D5: a sound's fault is a symptom, a microphone or a checkweigher a device
        (
            "Call audio",
            "Since this morning callers on the conference speakerphone hear a strong echo; "
            "the sales team has 5 client calls today.",
            "20",
        ),
        (
            "Hall PA",
            "Since 10:00 the radio microphone cuts out every few minutes, so the 200 guests "
            "at the back miss the speeches.",
            "20",
        ),
        (
            "Packing line",
            "Since Friday the checkweigher rejects every bag as underweight, so the line "
            "packs about 100 bags an hour instead of 300.",
            "20",
        ),
        # D5: an amplifier is a device by its kind, named as the owner of what it shows too
        (
            "Hearing loop silent",
            "Since Monday evening the loop gives no sound to hearing aids; the amplifier's "
            "output light stays off. Three regulars use it at Friday's lecture.",
            "20",
        ),
        (
            "Hearing loop silent",
            "Since Monday evening the loop gives no sound to hearing aids; the loop amplifier "
            "shows no output. Three regulars use it at Friday's lecture.",
            "20",
        ),
        (
            "Old show name on air",
            "Since Sunday the RDS text on car radios shows the brunch show's name all day; "
            "two sponsors whose names should scroll have complained.",
            "20",
        ),
        # ... but a sound with no fault told is no symptom
        (
            "Hall PA",
            "Since 10:00 the radio microphone is not working and 200 guests are waiting.",
            "0",
        ),
    ],
)  # fmt: skip
def test_description_pointer_and_plural_devices(
    make_ticket, logging_rubric, short, description, option
):
    """D6: "see my e-mail (to someone, about something)" points elsewhere as "see the e-mail"
    does; D5: "the screens", "the card readers" name the device as "the screen" does."""
    t = make_ticket(short_description=short, description=description)
    r = grade(logging_rubric, "description_quality", t)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "notes, option",
    [
        # a thing of the user's named ("user settings"), not the user doing anything: the
        # analyst's own check after it is no word of hers (U5)
        (
            "Booking tool user settings for the front desk: time zone changed by Monday's "
            "release. Set it back; my test booking now shows the right time.",
            "0",
        ),
        ("Staff accounts on the booking tool: time zone reset to UK, saved.", "0"),
        # the user's own doing still counts
        ("Set the time zone back. User checked a booking and it shows the right time now.", "10"),
    ],
)
def test_a_users_thing_named_is_no_doing_of_the_user(make_ticket, handling_rubric, notes, option):
    t = make_ticket(
        short_description="Booking times shown an hour out",
        description="Since Monday the booking tool shows every booking an hour late.",
        work_notes=NOTES + notes,
        comments="",
        close_notes="Set the booking tool time zone back to UK.",
    )
    r = grade(handling_rubric, "user_confirmation", t)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "close_notes, option",
    [
        # R4: a wait written in brackets for another step is no workaround of the spare
        (
            "Locked the tablet TB-31 in the MDM console (wipe pending until it checks in), "
            "told Security (SEC-88) and issued spare tablet TB-40.",
            "10",
        ),
        # ... a spare until the user's own comes back is one
        ("Issued spare tablet TB-40 until TB-31 is back from repair.", "5"),
    ],
)
def test_a_bracketed_wait_is_not_the_spares(make_ticket, handling_rubric, close_notes, option):
    t = make_ticket(
        short_description="Tablet taken",
        description="Her work tablet TB-31 was taken from her bag on the train at 10:00.",
        close_notes=close_notes,
    )
    r = grade(handling_rubric, "resolution_quality", t)
    assert r.option == option, r.reasoning
