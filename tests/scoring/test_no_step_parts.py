"""What is no troubleshooting step, read by its parts (tqrs.judges.step_parts.no_step_of_record;
issue 16, items 3 and 9): a request to look into it or advice, courtesy, a follow-up, a
message sent, work still needed, the ticket's own administration, another's word relayed and
a form's label alone; and a search told by what it did not find, which is a check with its
finding. The wordings are written here after ITIL 4's incident management practice (the
record's diagnosis kept apart from its contacts, assignment and state), CompTIA A+ 220-1101
objective 5.1 ("document findings, actions and outcomes": a search that finds nothing is a
finding) and ServiceNow's inbound e-mail action, which writes "reply from: <address>" above
a reply it adds as a comment; the expected options are a hand reading of the rubric and
LABELLING.md's troubleshooting audit (rule 1: contacts, requests, assignment and state changes
are no steps; rule 7: 20 needs three steps with their outcome)."""

import pytest

from tests.scoring.conftest import grade
from tests.test_real_corpus import fetched, tickets_by_number
from tqrs.ingest import ingest_files
from tqrs.judges import step_parts
from tqrs.judges.troubleshooting import troubleshooting_steps
from tqrs.rubric import load_rubric

QUALITY = load_rubric("incident_quality")
NOTES = "2025-03-04 10:15:00 - Priya Analyst (Work notes)\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "Please check whether the order reached the warehouse system.",  # a request
        "Could you please validate this from your side.",
        "Kindly ensure the VPN client is connected when working from home.",  # advice
        "Please clear the browser cache and let us know if the page still fails.",
        "Thank you for helping.",  # courtesy
        "2/3 follow up",  # a follow-up
        "No phone number on the profile for a follow-up",
        "Sent Teams message - done",  # a message sent by a channel
        "Changed urgency to 2 - High",  # the ticket's administration
        "We are closing this incident as a problem ticket has been created for tracking.",
        "As per Maria, the stock figure is still wrong.",  # another's word relayed
        "Action taken:",  # a form's label alone
        "Team - this needs to be reviewed.",  # work still needed
    ],
)
def test_what_is_no_step_by_its_parts(sentence):
    assert step_parts.no_step_of_record(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # a step the caller is guided through, whose result the caller writes
        "Please sign out of the client and sign back in, then try the link again.",
        "Sent the user the new temporary password by SMS.",  # a message that carries a thing
        "As per the event log, the disk filled at 02:10.",  # a thing as the source
        "As per our check, the reset e-mail was never opened.",  # the desk's own check
        "Vendor case raised, ref 5091873312.",  # a case with its reference (audit rule 6)
        "We could not locate the order in the production system.",
    ],
)
def test_what_stays_a_step(sentence):
    assert not step_parts.no_step_of_record(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "we could not find the order in the warehouse system",
        "i was unable to locate the mailbox in exchange online",
        "no matching certificate found in the store",
    ],
)
def test_a_search_that_found_nothing_is_a_check_with_its_finding(sentence):
    assert step_parts.not_found(sentence) is not None


def test_requests_and_courtesy_do_not_make_the_record_complete(make_ticket):
    # one check with its finding; the rest asks, thanks, follows up and closes: 10 (20 before:
    # the request and the advice read as steps with their outcome)
    notes = NOTES + (
        "Checked the order in the warehouse system: it shows as shipped.\n"
        "Please check from your end why it moved to the back-out queue.\n"
        "Kindly ensure the VPN client is connected when working from home.\n"
        "Thank you for helping.\n"
        "1/3 follow up\n"
        "Changed urgency to 2 - High"
    )
    t = make_ticket(caller="", work_notes=notes, comments="")
    assert grade(QUALITY, "troubleshooting", t).option == "10"


def test_a_reply_relayed_by_the_inbound_mail_action_is_no_step(make_ticket):
    # the reply the instance adds as a comment is the caller's side (audit rule 1): its
    # "retried, works fine now" is no step of the desk's
    comments = (
        "2025-03-05 08:00:00 - Ana Caller (Additional comments)\n"
        "reply from: ana.caller@example.com\n\nRetried from the same browser window, "
        "working fine now. The page loaded without errors."
    )
    t = make_ticket(caller="", work_notes=NOTES + "Cleared the browser cache.", comments=comments)
    steps, results = troubleshooting_steps(t)
    assert not [s for s in steps if "reply from" in s or "Retried" in s], steps


def test_a_kba_numbered_article_link_is_the_instances():
    from tqrs.judges.signals import without_knowledge_links

    entry = (
        "[code]<a title=\"Portal cannot be accessed.\" href='kb_view.do?sys_kb_id=a4e4' >"
        "KBA0014722 : Portal cannot be accessed.</a>[/code]"
    )
    assert without_knowledge_links(entry) == ""


def test_a_real_ecommerce_ticket_read_through_the_real_reader(store):
    # INC02405137 (tiffany_ams_excel_export.xlsx): the SKU checked in PKB (service flag N, no
    # service order allowed) is its one step; the rest is a request to look ("please help to
    # check"), thanks, the same finding copied with "Please refer to my attachment" and a
    # closing line. A hand reading: one step with its outcome, 10 (20 before: the article
    # link, the copy and the closing line read as steps)
    report = ingest_files(store, [fetched("tiffany_ams_excel_export.xlsx")])
    got = tickets_by_number(store, report.session_id)
    (ticket,) = got["INC02405137"]
    assert grade(QUALITY, "troubleshooting", ticket).option == "10"
