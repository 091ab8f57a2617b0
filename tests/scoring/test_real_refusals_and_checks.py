"""Close notes and confirmations of real desks read by their parts (round realrq29): a
refusal with its reason or the way on, a check that is no change, a closure with no object, a
contact that got no answer; a ticket the support team raised from its own check, and the
user's word that nothing is wrong any more, in Italian. The notes are written for these tests
in the shape of real desks' short notes; each expected option is a reader's of the rubric and
LABELLING.md: R7 ("a refused reset with the reason" is 10), R2 (closure words, a cause with no
fix: 0), U2 (a monitoring ticket with no user is N/A) and U4 (the user's word, in any
language: 10)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.rubric import load_rubric

_ISSUE = {
    "short_description": "Cannot promote the drawing in the PLM",
    "description": "Since this morning the promotion of drawing AB03I011059 fails in the PLM.",
}

_RESET = {
    "short_description": "PLM password reset",
    "description": "Please reset the PLM password of user jsmith, locked since Monday.",
}


@pytest.mark.parametrize(
    "close_notes, option",
    [
        # R7: refused with the reason (before: an action with no object, 5; or closure, 0)
        (
            "The request cannot be processed because the drawing belongs to the supplier's "
            "vault. I rejected the ticket.",
            "10",
        ),
        # R7: refused with the way on, in Italian (before: closure words, 0)
        (
            "La richiesta non può essere gestita come incident: occorre aprire una richiesta "
            "di abilitazione al contesto. L'incident viene chiuso.",
            "10",
        ),
        # R7: where it belongs, by contrast, with the team to ask (before: 0)
        (
            "The issue is linked to the ERP and not to the PLM support.\n"
            "Please open a request to the ERP team.",
            "10",
        ),
        # R1: the change as what was seen to, its object after the infinitive, after a check
        # that found the cause (before: not assessable)
        (
            "Si è provveduto ad assegnare il task di approvazione all'utente Rossi.",
            "10",
        ),
        # R1: the reset request answered by the password and the login mailed (before: 0)
        ("New password and login have been sent to the user by e-mail.", "10"),
        # R2: no response is nothing done (before: "no answer received" read as a change, 10)
        ("We tried to reach the user three times. No answer received.", "0"),
        # R2: a cause and a closure with no object (before: "already fixed" read as a fix, 10)
        ("Temporary fault on the licence server. Already fixed.", "0"),
        # R2: a check, in Italian, no change (before: not assessable)
        (
            "L'utente ha confermato la risoluzione. È stato verificato che il disegno è in "
            "stato Rilasciato.",
            "0",
        ),
    ],
)
def test_refusals_checks_and_closures_by_their_parts(make_ticket, close_notes, option):
    issue = _RESET if "password" in close_notes.lower() else _ISSUE
    t = make_ticket(**issue, close_notes=close_notes)
    r = grade(load_rubric("incident_quality"), "resolution_quality", t)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "description, close_notes, option",
    [
        # U2: found by the support team's hourly check, no user named (before: 0)
        (
            "During the hourly functionality check we found the licence server LIC-SRV-01 "
            "above 90% CPU.",
            "Restarted the FlexLM service on LIC-SRV-01; CPU back to 12%.",
            "N/A",
        ),
        # U4: the user's word, in Italian, reported after a call (before: 0)
        (
            _ISSUE["description"],
            "Contattato l'utente per telefono. L'utente non riscontra più problemi nella "
            "promozione del disegno.",
            "10",
        ),
    ],
)
def test_own_checks_and_the_users_word_in_italian(make_ticket, description, close_notes, option):
    t = make_ticket(
        short_description="PLM fault",
        description=description,
        comments="",
        work_notes="",
        close_notes=close_notes,
    )
    r = grade(load_rubric("incident_quality"), "user_confirmation", t)
    assert r.option == option, r.reasoning
