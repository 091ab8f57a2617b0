"""A note's structure cut into its clauses (tqrs.rules.clause_split), then read by the step and
confirmation parts: a "Q: ...? A: ..." pair is a check with its finding, a run-on sentence
joined by "then"/"so" holds a clause for each action, check, result or word of the user, and a
log line signs itself with a time and the writer's initials. The notes are written here in
our own words (a brewery's packaging line and a dental surgery), not taken from the evaluation
set; the expected options are a hand reading of LABELLING.md's troubleshooting audit (three
steps with their outcome are 20) and handling audit U3-U5 (the user's word after the fix is
met)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.rules.clause_split import clause_lines, dictated_cut, pairs_as_results, run_on_cut
from tqrs.rules.text import without_line_times

NOTES = "2025-02-14 10:05:00 - Ada Quinn (Work notes)\n"


def test_a_question_with_its_answer_is_a_check_with_its_finding():
    line = "Q: label printer online? A: offline, paper jam. Q: jam cleared? A: prints again."
    assert pairs_as_results(line) == (
        "label printer online -> offline, paper jam. jam cleared -> prints again."
    )


def test_a_run_on_sentence_is_cut_at_its_joins():
    line = "rebooted the filler PC then the HMI loaded so the line restarted"
    assert clause_lines(line) == [
        "rebooted the filler PC.",
        "the HMI loaded.",
        "the line restarted",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Rebooted the PC then it worked.",  # one join: an ordinary sentence
        "No errors since then, so far so good.",  # a time and a degree
        "Moved the share so that the scanner can reach it, and then retested.",
    ],
)
def test_an_ordinary_sentence_is_left_whole(line):
    assert run_on_cut(line) == line


def test_a_log_line_signed_with_initials_is_read_without_them():
    assert without_line_times("07:12 KD - X-ray PC: disk full") == "X-ray PC: disk full"
    # a time zone after the time is no writer's initials
    header = "2020-10-14 10:28:31 UTC - Kim Ode (Additional comments)"
    assert without_line_times(header) == "UTC - Kim Ode (Additional comments)"


@pytest.mark.parametrize(
    "notes",
    [
        # three checks asked and answered, then the fix with its test
        "Q: scanner listed in Device Manager? A: yes.\n"
        "Q: test scan from the vendor tool? A: no, error 12.\n"
        "Q: driver reinstalled? A: done, test scan saved.",
        # a run-on note: a check with its finding, a change, its test
        "remote session to the packaging PC then the label queue shows 40 jobs stuck so "
        "purged the queue then restarted the print spooler then a test label printed",
    ],
)
def test_steps_written_as_pairs_or_run_on_are_counted(make_ticket, handling_rubric, notes):
    """Before the clauses were cut, the pairs were read as questions (no step) and the
    run-on note as one step: 0 or 10."""
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes))
    assert r.option == "20", r.reasoning


@pytest.mark.parametrize(
    "notes",
    [
        # the validation first, the user's word in the run-on sentence's last clause
        "Jane gave her staff number and date of birth so validated then re-added the "
        "mailbox permission then the shared mailbox opens so she says all fine close it",
        # the user's word with where she speaks from, after a log line's initials
        "11:40 AQ - mailbox permission re-added.\n"
        "11:52 AQ - Jane on the phone: shared mailbox opens, invoices going out, close.",
    ],
)
def test_the_users_word_in_a_cut_clause_confirms(make_ticket, handling_rubric, notes):
    """Before: the whole line read as the caller's validation, or the place between the
    name and the colon hid the speaker: no confirmation (0)."""
    t = make_ticket(work_notes=NOTES + notes, close_notes="Re-added the mailbox permission.")
    r = grade(handling_rubric, "user_confirmation", t)
    assert r.option == "10", r.reasoning


# One reading of a dictated line for the step reader and the user's-word reader (round uc37):
# a greenhouse's irrigation controller, our own wording.
_DICTATED = "flushed the drip line then the valve opened on cue she says the beds are wet close it"


def test_a_dictated_line_keeps_a_check_with_its_finding_for_the_steps():
    assert dictated_cut(_DICTATED) == (
        "flushed the drip line. the valve opened on cue she says the beds are wet close it"
    )


def test_a_dictated_line_gives_the_users_word_its_own_clause():
    assert dictated_cut(_DICTATED, min_words=10, acts_only=False) == (
        "flushed the drip line. the valve opened on cue. she says the beds are wet close it"
    )


@pytest.mark.parametrize(
    "line",
    [
        "reset the controller and asked her if she sees water on bed four",  # a condition
        "rang the grower back and told him we replaced the solenoid today",  # the desk's act
        "Flushed the drip line, then she says the beds are wet.",  # typed: read as written
    ],
)
def test_no_users_clause_where_the_person_is_no_subject(line):
    assert dictated_cut(line, min_words=10, acts_only=False) == line
