"""Evidence an analyst can defend (issue 16 item 6, a new-user pass over real exports): a
verdict's quote shows the words that decided it, never a label ("EN:", "ORG:"), a greeting
("Hello,"), a number or an id alone; when nothing of content decided, the reasoning says so.
The expected values are read by hand from the strings."""

import pytest

from tests.scoring.conftest import grade
from tqrs.rubric import load_rubric
from tqrs.rules.text import has_content_word, quote, says_something

QUALITY = load_rubric("incident_quality")


@pytest.mark.parametrize(
    "text",
    ["EN:", "ORG:", "Hello,", "Hi team!", "Olá,", "Bom dia", "100", "INC1389387", "...",
     "Resolution notes -", "and forn_cd_id = '0001'", "Dear John Smith,"],
)  # fmt: skip
def test_a_label_a_greeting_a_number_or_an_id_says_nothing(text):
    assert not says_something(text)


@pytest.mark.parametrize(
    "text",
    ["Printer jams on tray 2", "EN: printer jams", "Caller: John Smith", "Error 0x80070005",
     "Hello, the printer jams"],
)  # fmt: skip
def test_words_of_content_say_something(text):
    assert says_something(text)


def test_numbers_ids_and_values_hold_no_content_word():
    assert not has_content_word("01702 0001 2054 S0000857")
    assert not has_content_word("and ttco_cd_id = 0x1F")
    assert has_content_word("material 1559 not found")


def test_a_label_alone_on_its_line_is_quoted_by_its_content():
    text = "Ticket opened by phone.\nEN:\n\nOutlook crashes when opening shared calendars\nFR:"
    at = text.index("EN:")
    assert quote(text, at, at + 3) == "Outlook crashes when opening shared calendars"
    # a label whose next line says nothing keeps the label (the result's guard drops it)
    assert quote("ORG:\n100", 0, 4) == "ORG:"


def test_a_bilingual_description_is_quoted_by_its_content_not_its_label(make_ticket):
    # the Hitachi Rail export writes a description in two languages, each under its label
    # ("ENG:" then the English text; INC017681329): the quote was "ENG:" (967 descriptions)
    t = make_ticket(
        description="ENG:\nSince this morning the SAP report ZMM45 shows no data for plant "
        "4410; the planners cannot release orders.\nIT:\nDa stamattina il report ZMM45 ..."
    )
    r = grade(QUALITY, "description_quality", t)
    assert r.evidence.startswith("Since this morning the SAP report ZMM45"), r.evidence


def test_a_verdict_on_a_greeting_alone_says_so_instead_of_quoting_it(make_ticket):
    t = make_ticket(description="Hello,")
    r = grade(QUALITY, "description_quality", t)
    assert r.evidence == "", r.evidence
    assert "no words of content decided this" in r.reasoning.lower(), r.reasoning
    assert "'Hello,'" in r.reasoning
