"""Notes kept in a desk's fixed forms, read by their parts (LABELLING.md, troubleshooting audit
rules 1, 2 and 6): a shift hand-over written as labelled fields between bars, a triage script's
questions put to the caller with the caller's answers, a generic "Notes:" label, and timed lines
signed with the writer's initials. Written here in a harbour ferry desk's words, not taken from
the evaluation set; the expected options are a hand reading of the rubric (three steps with
their results: 20; one or two, or steps without results: 10; nothing done: 0)."""

import pytest

from tests.scoring.conftest import grade

ENTRY = "2026-05-11 {time} - Mo Tran (Work notes)\n"


def _notes(*bodies: str) -> str:
    """Work note entries, newest first as an export lists them."""
    times = [f"0{9 - k}:00:00" for k in range(len(bodies))]
    return "\n".join(ENTRY.format(time=t) + b + "\n" for t, b in zip(times, bodies, strict=True))


def _graded(make_ticket, rubric, bodies: tuple[str, ...], expected: str) -> None:
    r = grade(rubric, "troubleshooting", make_ticket(work_notes=_notes(*bodies)))
    assert r.option == expected, r.reasoning


# A hand-over of labelled fields between bars, the form's two lines (no table: its first line
# is no heading row): the shift and status fields say nothing done, the outstanding work and
# the hand-over to the next shift are work still to do.
HANDOVER_FIRST = (
    "Shift: nights | Status: WIP | Validated: staff no. 4411 + supervisor named | Done: gate "
    "reader log -> card reads refused since 02:10; reader firmware -> 3.2, others 3.4 |\n"
    "Outstanding: update firmware | Handover to days: {todo}"
)
HANDOVER_LAST = (
    "Shift: days | Status: resolved | Done: firmware 3.4 loaded -> reader reboots clean; Ana "
    "badged through gate 2 -> opens |\nOutstanding: nil | Handover: nil"
)


@pytest.mark.parametrize(
    ("bodies", "expected"),
    [
        # two checks, the update, and the caller's badge test: four steps with results
        ((HANDOVER_LAST, HANDOVER_FIRST.format(todo="firmware update")), "20"),
        # the night shift alone: two checks with findings, the update still to do
        ((HANDOVER_FIRST.format(todo="load 3.4 and test a card"),), "10"),
    ],
)
def test_a_hand_over_of_fields_between_bars_is_read_field_by_field(
    make_ticket, handling_rubric, bodies, expected
):
    _graded(make_ticket, handling_rubric, bodies, expected)


# A triage script pasted before the desk's own notes: what error the caller sees and who else
# is affected are the caller's report (triage), the chat's sign-in the validation; an action
# the caller did, with what it gave, is a step.
SCRIPT = (
    'Q: Error shown? A: "Ticket printer offline"\n'
    "Q: Other kiosks affected? A: no, only kiosk 4\n"
    "Q: Signed in to chat? A: yes, as pwalsh\n"
    "{more}"
)


@pytest.mark.parametrize(
    ("more", "expected"),
    [
        # nothing done by the desk: the script's answers and placeholders only
        ("Notes: looking into it\n", "0"),
        # one change written as done with no result: a step without outcome
        ("Notes: engineer swapped the ticket printer\n", "10"),
        # control: the caller's restart with what it gave, and the desk's two checks
        (
            "Q: Kiosk restarted? A: yes at 07:10, still offline\n"
            "Notes: printer status page -> paper jam sensor stuck; sensor cleaned -> test "
            "ticket prints\n",
            "20",
        ),
    ],
)
def test_a_triage_scripts_answers_are_the_callers_report(
    make_ticket, handling_rubric, more, expected
):
    _graded(make_ticket, handling_rubric, (SCRIPT.format(more=more),), expected)


@pytest.mark.parametrize(
    ("bodies", "expected"),
    [
        # the caller's place and the symptom again, the unlock, the sign-in: two steps
        (
            (
                "0742 MT: caller logged in at berth desk. Good to close per caller.",
                "0731 MT: caller at berth desk, locked out of FerryBook. Unlocked in admin.",
            ),
            "10",
        ),
        # control: a check with its finding, the fix, and a test after it
        (
            (
                "0750 MT: test booking made at berth desk, prints.",
                "0740 MT: FerryBook print service stopped since 0600. Restarted it, running.",
            ),
            "20",
        ),
    ],
)
def test_a_line_signed_with_time_and_initials_is_read_for_what_it_says(
    make_ticket, handling_rubric, bodies, expected
):
    _graded(make_ticket, handling_rubric, bodies, expected)
