"""A test of a change written in the change's own sentence, after an arrow or a comma or in
brackets, with its result ("-> a sample file opens", ", test reservation, arrives in the inbox",
"-> 45 min playback loop, no dropouts", "(checked as him via 'log in as')"): a
verification and a step of its own (LABELLING.md, troubleshooting audit rule 4: a test written
as a test is a separate step, also when it stands after the fix's arrow). Written here in a
hotel's front-office desk's words, not taken from the evaluation set; the expected options
are a hand reading of the rubric (three steps with their results: 20; one or two: 10)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.judges.troubleshooting import _test_apart

NOTES = "2026-04-11 07:50:00 - Rhea Tamm (Work notes)\n"

# one step of the desk's with its result: a check and its finding
FINDING = "Reception PC app log: the folio viewer is set as the handler for .xlsx since Monday.\n"


@pytest.mark.parametrize(
    ("fix", "expected"),
    [
        # the fix and its test on one line: two steps more, three in all (was 10)
        (
            "Set the default app for .xlsx back to Excel -> a sample workbook opens from the share.",
            "20",
        ),
        ("Replaced the lobby screen's HDMI lead -> 45 min playback loop, no dropouts.", "20"),
        (
            "Repointed the spa calendar to the new mailbox, test reservation, arrives in the "
            "events inbox.",
            "20",
        ),
        (
            "Added the night manager to the refunds group: refund screen shows on his till "
            "(checked as him via the admin's 'log in as').",
            "20",
        ),
        # controls: the fix's own effect after its arrow is no further step (rule 4's pair),
        # and a check in brackets with no result anywhere on the line adds nothing
        ("Set the default app for .xlsx back to Excel -> workbooks open again.", "10"),
        ("Reseated the card reader on the POS (checked by the porter).", "10"),
    ],
)
def test_a_test_in_the_changes_sentence_is_a_step(make_ticket, handling_rubric, fix, expected):
    r = grade(
        handling_rubric,
        "troubleshooting",
        make_ticket(work_notes=NOTES + FINDING + fix + "\n"),
    )
    assert r.option == expected, r.reasoning


@pytest.mark.parametrize(
    ("unit", "parts"),
    [
        ("Swapped the dock -> a dummy print job prints", 2),
        ("Rebooted the router -> 2 h soak test, no drops", 2),
        # a check, not a change, before the test: left whole (details of one check)
        ("Gateway ping from the bar till, a test page prints", 1),
        # a test with no result of its own after a change with none: left whole
        ("Reinstalled the driver, test page pending", 1),
    ],
)
def test_test_apart_by_its_parts(unit, parts):
    assert len(_test_apart(unit)) == parts
