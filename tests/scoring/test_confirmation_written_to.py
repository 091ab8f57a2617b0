"""The user's confirmation where the export names no caller (round confirm31): the user is the
person who opened the ticket or the person the desk writes to ("Hi @Name"), and their comment
confirms only when it says the success or agrees to close; a ticket an integration account
opened is a monitoring ticket; what the user "confirmed" or said in a note must be the success.
The journals are written for these tests in the shape of a desk's customer-visible comments;
each expected option is a reader's of LABELLING.md's handling audit: U2 (a monitoring ticket
with no user is N/A), U3 (who confirms), U4 (the user's word: 10; information sent, a report
that nothing changed, the desk's own question: 0)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.rubric import load_rubric

_ISSUE = {
    "short_description": "Wrong prices on the trade portal for the spring collection",
    "description": "The trade portal shows last year's prices for the spring collection.",
}


def _journal(*entries: tuple[str, str, str]) -> str:
    """Comments, the newest first, each (time, author, text)."""
    return "\n\n".join(f"{t} - {who} (Additional comments)\n{text}" for t, who, text in entries)


_ASKED = (
    "2025-03-04 09:00:00",
    "Omar Reyes",
    "Hi @Dana Whitfield,\nThe price list has been republished. Could you check and confirm?\n"
    "Regards,\nOmar",
)


@pytest.mark.parametrize(
    "comments, option",
    [
        # U4: the user the desk wrote to says it is right now (before: no caller, 0)
        (
            _journal(
                (
                    "2025-03-04 15:10:00",
                    "Dana Whitfield",
                    "Checked this afternoon, the prices show correctly now. Thanks!",
                ),
                _ASKED,
            ),
            "10",
        ),
        # U4: the user's last word is information asked for, not the outcome; the desk's own
        # "or we can close the incident" is no word of the user's, nor the vendor's (U3:
        # another party) (before: 10)
        (
            _journal(
                (
                    "2025-03-06 08:00:00",
                    "Omar Reyes",
                    "Resolving the incident as we did not receive any response from the user.",
                ),
                (
                    "2025-03-04 16:00:00",
                    "Omar Reyes",
                    "Hi @Dana Whitfield,\nThe vendor "
                    "confirms the order was priced before the change.\nPlease let us know if any "
                    "further action is needed from our side or we can close the incident.",
                ),
                (
                    "2025-03-04 15:10:00",
                    "Dana Whitfield",
                    "To answer your question, the "
                    "account pays in advance, so there is no credit limit.",
                ),
                _ASKED,
            ),
            "0",
        ),
        # U4: the user says nothing changed yet and asks for more (before: her "please also
        # confirm" read as a confirmation, 10)
        (
            _journal(
                (
                    "2025-03-04 15:10:00",
                    "Dana Whitfield",
                    "Hello! nothing has changed yet - "
                    "please also confirm the other styles of the collection can be updated.",
                ),
                _ASKED,
            ),
            "0",
        ),
    ],
)
def test_the_user_is_the_person_the_desk_writes_to(make_ticket, comments, option):
    r = _confirmation(
        make_ticket,
        caller="",
        opened_by="Service Desk Agent",
        contact_type="",
        comments=comments,
        # the work notes tell who the desk is (their authors)
        work_notes="2025-03-04 08:30:00 - Omar Reyes (Work notes)\nRepublishing the price list.",
    )
    assert r.option == option, r.reasoning


def test_an_alert_opened_by_an_integration_account_has_no_user(make_ticket):
    # U2: opened by the e-bonding account of the monitoring supplier, no caller, nobody
    # quoted (before: 0)
    r = _confirmation(
        make_ticket,
        short_description="ACME |SRV-WEB-07|WINDOWS|LogicalDisk : % Space Used|D:|97.00",
        description="Alert Status: 500 (Critical Breach)\nMetric Value: 97.00 %\n"
        "Threshold 4/Very High Threshold: 95.0",
        caller="",
        opened_by="Northwind Ebonding User",
        contact_type="",
        comments=_journal(
            ("2025-03-04 09:00:00", "Omar Reyes", "Old log files removed, disk at 61%.")
        ),
        close_notes="Disk space freed.",
    )
    assert r.option == "N/A", r.reasoning


def test_an_alarm_named_as_the_caller_has_no_user(make_ticket):
    # U2: a network desk's alarm raised by its monitoring tool, the caller field holding the
    # tool's notification source, not a person; the desk's own checks only (before: 0, "no
    # user confirmation found")
    r = _confirmation(
        make_ticket,
        short_description="Router RTR-DEPOT-12 node down",
        description="Node RTR-DEPOT-12 is unreachable since 02:14. Polling failed 3 times.",
        caller="Proactive Notification",
        opened_by="Netwatch Bridge",
        contact_type="b2b",
        work_notes="2025-03-04 09:00:00 - Omar Reyes (Work notes)\n"
        "Site has mains power back, node up and polling.",
        close_notes="Power restored at site; node up.",
    )
    assert r.option == "N/A", r.reasoning


@pytest.mark.parametrize(
    "note, option",
    [
        # U4: what the user confirmed is another matter, not the fix (before: 10)
        (
            "User confirmed that they have spoken to the billing team, and they do not raise "
            "invoices by hand. Sent to the billing team.",
            "0",
        ),
        # U4: the user's claim about the order, not the outcome (before: 10)
        ("As per user the order should be reserved. Sent to the warehouse team.", "0"),
        # U4: the user's confirmation recorded, then the desk's own plan (before: "will close"
        # read as a plan confirmed, 0)
        ("Has got the user's confirmation, will close this ticket.", "10"),
    ],
)
def test_what_the_user_confirmed_must_be_the_fix(make_ticket, note, option):
    r = _confirmation(
        make_ticket, work_notes=f"2025-03-04 09:00:00 - Omar Reyes (Work notes)\n{note}"
    )
    assert r.option == option, r.reasoning


def _confirmation(make_ticket, **fields):
    """The offline reading of user confirmation of a ticket of `_ISSUE` worked by Omar
    Reyes, with `fields`."""
    t = make_ticket(
        **{
            **_ISSUE,
            "assigned_to": "Omar Reyes",
            "comments": "",
            "work_notes": "",
            "close_notes": "Prices republished.",
            "close_code": "",
            **fields,
        }
    )
    return grade(load_rubric("incident_quality"), "user_confirmation", t)
