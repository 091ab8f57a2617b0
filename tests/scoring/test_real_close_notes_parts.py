"""Close notes of real desks read by their parts (round realrq31): a message sent with nothing
of what it said, a check with the user, a generic fix told by where or when it went, a pointer
told as "described in", the fix named before its result in a confirmation, a record named by
its code sent on to the system that lacked it. The notes are written for these tests in the
shape of real desks' short notes; each expected option is a reader's of the rubric and
LABELLING.md's judged-criteria audit: R1 (a change with its object: 10), R2 (closure words, a
pointer, a contact or hand-over alone: 0), R3 (an action on a generic object: 5), R8 (advice
that is itself the remedy, read as R1)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.rubric import load_rubric

_TRANSFER = {
    "short_description": "Part not transferred to the ERP",
    "description": "Part AB00012345-00 is approved in the PLM but has not reached the ERP. "
    "Please transfer it.",
}

_LICENCES = {
    "short_description": "CAD licences not served",
    "description": "Since 9:00 no CAD licence is served to the design office.",
}


@pytest.mark.parametrize(
    "issue, close_notes, option",
    [
        # R2: a message sent, in Italian, nothing of what it said (before: not assessable)
        (_TRANSFER, "Informazioni inviate al richiedente.", "0"),
        # R2: the same in English, told in the passive (before: "provided to the caller"
        # read as a change, 10)
        (_TRANSFER, "Details provided to the caller.", "0"),
        # R2: the user's word that it works, in Italian: a check, no change (before: not
        # assessable)
        (_TRANSFER, "Soluzione verificata con l'utente.", "0"),
        # R3: a fix told by where and when it went, not which (before: "deployed to
        # production on" read as its object, 10)
        (_TRANSFER, "Fix deployed to production on 3 March.", "5"),
        (_TRANSFER, "Patch installed on the application server.", "5"),
        # R2: where the fix is written, not the fix (before: "described in the" read as a
        # change, 10)
        (_TRANSFER, "Follow the procedure described in the attached vendor case.", "0"),
        # R1: the record named by its code, sent on to the system that lacked it (before: a
        # hand-over, 0)
        (_TRANSFER, "Part AB00012345-00 has been sent to the ERP.", "10"),
        # R1: a change in Italian with its object (before: not assessable)
        (_TRANSFER, "I codici sono stati migrati correttamente nel nuovo sistema.", "10"),
        # R1: the fix named before its result in the user's confirmation, a service named by
        # its own name (before: 0)
        (
            _LICENCES,
            "Caller confirmed that after FlexNet services restart the licences are served again.",
            "10",
        ),
        # kept: a device sent to its vendor is a hand-over (R2), not a transfer
        (_TRANSFER, "Laptop LT-0042 sent to Dell for repair.", "0"),
        # kept: the message with what it said (R8: the advice is the remedy)
        (_TRANSFER, "Information provided to the user on how to resend the part to the ERP.", "10"),
        # kept: the release named by its number is no generic fix
        (_TRANSFER, "Release R022.02 deployed on 14 May.", "10"),
    ],
)
def test_close_notes_read_by_their_parts(make_ticket, issue, close_notes, option):
    t = make_ticket(**issue, close_notes=close_notes)
    r = grade(load_rubric("incident_quality"), "resolution_quality", t)
    assert r.option == option, r.reasoning
