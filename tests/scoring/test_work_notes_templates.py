"""Work notes read by their parts (tqrs.rules.fields.template_placeholder): a hand-over
template whose fields are left empty or hold a state, a note signed with its 24-hour time and
initials, a triage script pasted before the desk's own line. A note is a placeholder when
every part of it is one (LABELLING.md: placeholders 5); a part that records work keeps it 10.
Our own wording (a warehouse's label printers), not the evaluation set's."""

import pytest

from tests.scoring.conftest import run

HEADER = "2026-03-02 17:45:00 - Jo Dane (Work notes)\n"
SCRIPT = "Q: Which printer? A: the one by loading bay 2\nQ: Any light on? A: amber, blinking\n"


@pytest.mark.parametrize(
    "note, option",
    [
        # a template with nothing filled in: its labels are the form's, not notes
        ("Shift: late | State: open | Fixed: - | Pending: n/a | Handed to early: open", "5"),
        ("Shift: late\nState: open\nFixed: -\nPending: n/a", "5"),
        # the writer's 24-hour time and initials before a placeholder
        ("1745 JD: looking into it.", "5"),
        ("17:50 JD: assigned to myself, on it", "5"),
        # a label before a placeholder, and a triage script pasted before it
        ("Remarks: looking into it", "5"),
        (f"{SCRIPT}Remarks: picked up, on it", "5"),
        # controls: a field, a signed note or the desk's line after the script names work
        ("Shift: late | State: open | Fixed: reseated the scanner cable, scans again | "
         "Pending: -", "10"),
        ("1745 JD: cleared the print queue on the depot server, test label printed.", "10"),
        (f"{SCRIPT}Remarks: pulled a torn label off the rollers, printer back online.", "10"),
        ("Cause: stale DNS record | Fix: flushed the cache, label server reachable", "10"),
    ],
)  # fmt: skip
def test_work_notes_read_by_parts(make_ticket, handling_rubric, note, option):
    r = run(handling_rubric, "work_notes", make_ticket(work_notes=HEADER + note))
    assert r.option == option, r.reasoning
