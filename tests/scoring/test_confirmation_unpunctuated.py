"""The user's word as quick or formal desks write it (round uc46, 2026-12-07): text-speak
that runs its clauses together without punctuation ("all good she said close it"), a title
before the caller's name ("Prof Lindqvist: ..."), consent given as the noun "closure" ("is
content for closure"), the user ready for the work the issue stopped, and a log line led by
its time in four figures ("2140 - ..."). Written
for these tests in those desks' shapes; each expected option is a reader's of LABELLING.md's
handling audit rule U4 (the user's word that it works or may close: 10) and of its
no-confirmation cases (a question, a request, the fault still there: 0)."""

import pytest

from tests.scoring.conftest import confirmation_in_note

_EXPORT = {
    "short_description": "Marks export from the exam portal times out",
    "description": "Since this morning the exam portal times out when Professor Lindqvist "
    "exports the module's marks; the exam board meets at 16:00.",
    "close_notes": "Raised the export timeout on the portal; the marks export completes.",
    "caller": "Ingrid Lindqvist",
    "assigned_to": "Kofi Mensah",
    "contact_type": "phone",
}


@pytest.mark.parametrize(
    "note, option",
    [
        # a pronoun that says, its clause begun without punctuation (before: 0)
        ("timeout raised n she reran the export, all good she said close it", "10"),
        ('export done in 40s \U0001f389 she said "thats me sorted ta"', "10"),
        # the same words with and without the emoji read alike
        ('export done in 40s she said "thats me sorted ta"', "10"),
        # a question, a request, or the analyst's doubt before the pronoun (0 before and after)
        ("not sure if she said it works, will ring back tmrw", "0"),
        ("i asked whether she said it was fine", "0"),
        ("she said its fine now i think?", "0"),
        # a title before the caller's name (before: 0)
        ('Prof Lindqvist: "all 40 marks exported, please close"', "10"),
        ('Dr. Lindqvist: "marks are out, thank you, close it"', "10"),
        ('Prof Lindqvist: "still times out at 60s"', "0"),
        # consent to close told as the noun (before: 0)
        (
            "The caller confirmed she has exported the marks and is content for closure.",
            "10",
        ),
        ("The caller confirmed she has read the notice.", "0"),
        # ready for the work the issue stopped (before: 0); not for the desk's next step
        ("The caller confirmed she is ready for the exam board.", "10"),
        ("The caller confirmed she is ready for testing tomorrow.", "0"),
        # a 24-hour log line led by its time in four figures (before: 0)
        ("2140 - caller: marks export finished, close it.", "10"),
        ("2140 - caller: export still times out.", "0"),
    ],
)
def test_the_users_word_as_quick_or_formal_desks_write_it(note, option):
    assert confirmation_in_note(_EXPORT, note) == option
