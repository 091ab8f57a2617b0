"""Resolution quality read by its parts (tqrs.judges.resolution_parts): the close notes that
public guidance asks for (ITIL's resolution record, ServiceNow's resolution notes: the cause,
what was done and to what, the result confirmed) and those the rubric's options call vague
("fixed", "resolved", "done", "closing"), a pointer, work still to come, nothing to fix. The
notes are written by hand in the shape of real desks' short notes (Italian, Portuguese,
English); each expected option is a reader's of the rubric and LABELLING.md R1-R7."""

import pytest

from tests.scoring.conftest import grade
from tqrs.rubric import load_rubric


@pytest.mark.parametrize(
    "close_notes, option",
    [
        # R1: the action and its object, in another language (before: not assessable)
        ("Sbloccato l'account dell'utente in Active Directory; ora accede correttamente.", "10"),
        ("Il documento QY100004063 è stato portato in stato Rilasciato.", "10"),
        ("L'utente mrossi è ora design engineer nel contesto Metro Milano.", "10"),
        # R7: nothing to fix, said (before: a bare "opened in error" read as an action, 5)
        ("Ticket opened in error.", "10"),
        ("L'accesso richiesto esiste già. Nessuna modifica effettuata.", "10"),
        # R3: an action on a generic object (before: not assessable)
        ("Eseguita procedura di bonifica.", "5"),
        # a participle in "pro-" that is no "provveduto a": its object stands before it, as
        # any passive's ("the patch was promoted to production": which patch is not said;
        # before: "produzione", after the verb, read as its object, 10)
        ("La patch è stata promossa in produzione.", "5"),
        # a queue and a wait: nothing done a reader could repeat, R2, as a plan is in English
        # ("Office reinstall scheduled for Monday"; before: 'publications queued' read as
        # the fix, 10)
        ("Publications are queued; the drawings will be ready in about 48 hours.", "0"),
        # R2: closure words only, a pointer (before: not assessable; met on the pointer's
        # clause)
        ("In mancanza di risposta dell'utente il problema si considera risolto.", "0"),
        ("Please see attached report, with all roles assigned to specific contexts.", "0"),
    ],
)
def test_close_notes_are_read_by_their_parts(make_ticket, close_notes, option):
    t = make_ticket(
        short_description="G-PLM access and document state",
        description="The user cannot work on the document in G-PLM since this morning.",
        close_notes=close_notes,
    )
    r = grade(load_rubric("incident_quality"), "resolution_quality", t)
    assert r.option == option, r.reasoning
