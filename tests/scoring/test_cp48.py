"""Critical process, what makes a process apply (round cp48): all the people of a team named
with its modifiers ("all users in the survey unit") are that team, not a scope of many
(LABELLING.md, Logging audit rule 13: a team of about ten or fewer); a priority 1 outage of
one person takes a scope from the handling only where a sentence of it speaks of the outage
or its reach ("all working now" after the fix names none; "downloaded" is no "down"); a
process's word inside a proper name (a quoted product name, "The ..." inside a sentence)
names the thing, not the executive or the malware, and a category chosen from that word
follows it. Written for these tests in a coffee roastery's, a ferry operator's and a
climbing centre's words; the expected options are a reader's of LABELLING.md's rules 10, 12
and 13 (-35: a required step missing; N/A: no process)."""

import pytest

from tests.scoring.conftest import run

_NOTE = "2026-06-02 09:00:00 - Ola Brandt (Work notes)\n"
_CHECKED = "Caller checked: Okta Verify push approved.\n"


def _ticket(make_ticket, short, description, notes, **extra):
    fields = dict(
        short_description=short,
        description=description,
        work_notes=_NOTE + _CHECKED + notes,
        close_notes="Handled as noted.",
        subcategory="",
        service="",
        cmdb_ci="",
    )
    return make_ticket(**{**fields, **extra})


@pytest.mark.parametrize(
    "description, option",
    [
        # the people of one unit, the unit with its modifiers (before: -35)
        (
            "Since Monday the tide planner shows 'service unavailable' for all users in the "
            "harbour survey unit (about 12 skippers).",
            "N/A",
        ),
        # control: every crew member of the company, many of them
        (
            "Since Monday the tide planner shows 'service unavailable' for all 300 deck staff "
            "across the fleet.",
            "-35",
        ),
    ],
)
def test_team_with_modifiers_is_no_scope(make_ticket, logging_rubric, description, option):
    ticket = _ticket(
        make_ticket,
        "Ferry ops - Tide planner - Planner unavailable",
        description,
        "Restarted the planner's app pool; it loads again.",
    )
    assert run(logging_rubric, "critical_process", ticket).option == option


@pytest.mark.parametrize(
    "notes, option",
    [
        # one person's tunnel down; the handling's "all" and "site" say it works (before: -35)
        (
            "TUNNEL TIMED OUT ON THE PORT.\nSWITCHED TO THE TCP PROFILE.\n"
            "CHART SITE OPENS, ROUTE FILE DOWNLOADED.\nALL WORKING NOW, OK TO CLOSE.",
            "N/A",
        ),
        # control: the handling writes the outage's reach
        (
            "Gateway down for all vessels, every bridge terminal affected.\n"
            "Restarted the gateway; all working now.",
            "-35",
        ),
    ],
)
def test_priority_one_scope_in_handling(make_ticket, logging_rubric, notes, option):
    ticket = _ticket(
        make_ticket,
        "Relief master cannot reach the chart gateway from the port office",
        "The relief master cannot connect to the chart gateway since 06:00: gateway unreachable.",
        notes,
        priority=1,
    )
    assert run(logging_rubric, "critical_process", ticket).option == option


@pytest.mark.parametrize(
    "short, description, category, subcategory, option",
    [
        # a blend named for a president, quoted (before: -35, a VIP)
        (
            "Roastery - Packing - BatchLog - President's Blend bags missing from roast log",
            'The roast log leaves out all 40 bags of "President\'s Blend" roasted on Tuesday.',
            "Software",
            "Reporting",
            "N/A",
        ),
        # control: the president's own laptop
        (
            "Roastery - Office - Laptop - President's laptop will not start",
            "The President's laptop shows a black screen since this morning.",
            "Hardware",
            "Laptop",
            "-35",
        ),
        # a climbing wall called "The Worm", the category chosen from its name (before: -35)
        (
            "Climbing centre - Bouldering hall - Timing - Wall timer blank",
            "Since Sunday the timer display beside The Worm's start holds shows nothing.",
            "Security",
            "Malware",
            "N/A",
        ),
        # control: a worm on the centre's PCs, in the same category
        (
            "Climbing centre - Office - PCs - Worm found on the booking PCs",
            "Defender reports a worm spreading between the two booking PCs.",
            "Security",
            "Malware",
            "-35",
        ),
        # control: an alert quoted in capitals is no proper name of a thing
        (
            "Climbing centre - Office - PC - Pop-up on the booking PC",
            'The booking PC shows "Virus Detected" in a red box and then closes the browser.',
            "Security",
            "Malware",
            "-35",
        ),
    ],
)
def test_process_word_in_a_name(
    make_ticket, logging_rubric, short, description, category, subcategory, option
):
    ticket = _ticket(
        make_ticket,
        short,
        description,
        "Looked into it and fixed the display settings.",
        category=category,
        subcategory=subcategory,
    )
    assert run(logging_rubric, "critical_process", ticket).option == option
