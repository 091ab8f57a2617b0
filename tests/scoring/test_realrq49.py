"""The user's reply relayed under a header of its own (round realrq49): where the export names
no caller, the desk pastes the user's words on the lines after a line that only names them
("Customer's reply:", "Reply from the requester:"). Written for these tests in a trade no
ticket read uses (a brewery's bottling hall); each expected option is a reader's of
LABELLING.md's handling audit rule U4 (the user's own word that it works or that the ticket
may close: 10; a reply that still fails, only thanks or only promises a test: 0)."""

import pytest

from tests.scoring.conftest import GOOD, grade, run
from tqrs.models import Ticket
from tqrs.rubric import load_rubric

_ISSUE = {
    "short_description": "Bottling hall 2 - labeller prints no batch codes",
    "description": "Since the ink cartridge swap the labeller on line 2 applies labels with no "
    "batch code, so the pallets cannot be released.",
    "close_notes": "Re-seated the ink cartridge and purged the print head of line 2's labeller.",
    "caller": "",
    "contact_type": "email",
    "work_notes": "",
}


def _option(comment: str, caller: str = "") -> str:
    entry = f"2026-11-20 14:05:00 - Rita Osei (Additional comments)\n{comment}"
    fields = {"id": 1, "session_id": 1, "seq": 1, **GOOD, **_ISSUE, "comments": entry}
    ticket = Ticket.model_validate({**fields, "caller": caller})
    return grade(load_rubric("incident_quality"), "user_confirmation", ticket).option


@pytest.mark.parametrize(
    "comment, option",
    [
        # the header, then the reply's lines (before: 0, no caller to own the comment)
        ("Customer's reply:\nBatch codes are printing on every label again.\nCheers.", "10"),
        # the header as "reply from", the reply naming the request by its reference
        ("Reply from the requester:\nBH2-0417 has been sorted.\nThank you all", "10"),
        # control: the header with "response", an agreement to close (10 before and after)
        ("User response:\nAll fine on our side, you can close this ticket.", "10"),
        # a greeting on its own line before the reply is no part of it (before: 0)
        ("Customer's reply:\nGood afternoon,\n\nThe labels carry their batch codes now.", "10"),
        # control: a relayed choice, no success said (0 before and after)
        (
            "Reply from the requester:\nHello,\n\nFor the pallets already labelled we "
            "prefer a full relabel on Tuesday.",
            "0",
        ),
        # control: the relayed reply says it still fails (0 before and after)
        ("Customer's reply:\nStill no batch code on the labels after the purge.", "0"),
        # control: only thanks and a test to come (0 before and after)
        ("Reply from the requester:\nThanks, we will try it on the Monday shift.", "0"),
        # control: the desk's own words under no header (0 before and after)
        ("Hello team,\nthe cartridge was re-seated, please check with the hall.", "0"),
    ],
)
def test_reply_under_its_header(comment, option):
    assert _option(comment) == option


def test_header_with_the_caller_named_keeps_its_reading():
    # a named caller's comment read as before: the relay author is no caller, the header's
    # quoted words still confirm (10 before and after)
    assert _option("Customer's reply:\nLabels carry the batch code again.", "Dora Vance") == "10"


# The fix checked together with the user, in the desk's other languages (LABELLING.md U4: "in
# any language"; the English "verified with the user" already read so).
@pytest.mark.parametrize(
    "close_notes, option",
    [
        # Italian (before: 0)
        ("Pulita la testina. Soluzione verificata con l'utente.", "10"),
        # Portuguese (before: 0)
        ("Cabeçote limpo. Correção testada com o usuário.", "10"),
        # Spanish (before: 0)
        ("Cabezal limpiado. Solución probada junto con el usuario.", "10"),
        # controls: negated, or still to be done (0 before and after)
        ("Pulita la testina. Soluzione non verificata con l'utente.", "0"),
        ("Cabeçote limpo. Correção ainda não testada com o usuário.", "0"),
        ("Pulita la testina. Da verificare con l'utente domani.", "0"),
    ],
)
def test_fix_checked_with_the_user_in_other_languages(close_notes, option):
    fields = {"id": 1, "session_id": 1, "seq": 1, **GOOD, **_ISSUE, "close_notes": close_notes}
    ticket = Ticket.model_validate(fields)
    assert grade(load_rubric("incident_quality"), "user_confirmation", ticket).option == option


# A password reset asked for and the request refused: no reset by the desk (N/A; LABELLING.md,
# the handling audit's "a refused reset" and the Logging audit's no reset by the desk).
@pytest.mark.parametrize(
    "close_notes, option",
    [
        # the record refused, its reason given (before: FAIL, automatic)
        (
            "Request rejected: the cellar-door till login belongs to the franchise's own "
            "system, not ours.",
            "N/A",
        ),
        ("I declined this ticket, the till vendor manages those passwords.", "N/A"),
        # control: a reset done without any validation still fails (FAIL before and after)
        ("Reset the till password and read the temporary one to her.", "FAIL"),
    ],
)
def test_refused_reset_request(make_ticket, close_notes, option):
    ticket = make_ticket(
        short_description="Password reset for the cellar-door till",
        description="Hello, I would like to reset my password for the cellar-door till, "
        "I forgot it over the weekend. Thanks, Mia",
        work_notes="",
        # the caller's ask, in the journal as a comment of hers
        comments="2026-11-20 09:12:00 - Mia Brandt (Additional comments)\nHello, I would like "
        "to reset my password for the cellar-door till.",
        close_notes=close_notes,
        caller="Mia Brandt",
    )
    assert run(load_rubric("incident_logging"), "critical_process", ticket).option == option
