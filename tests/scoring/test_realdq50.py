"""Description quality on a corporate desk's mails and forms (LABELLING.md D4, D6), round
realdq50:
- a field's "No" before a number ("Contract No 88120") is the number's abbreviation, no
  negation, and "message" after an ordinal ("Second message") is a mail of a series, no
  error message: neither tells a symptom;
- the writer's promise to the reader ("we will send you an exact description of the fault",
  "we will keep you informed") is a service's letter, not the issue;
- so a supplier's automatic notice whose only words of the fault are "slight impairment of
  your service" names no symptom (D4), and one that says what fails still does;
- a request's why told by what the person did ("as I returned them to the depot in March").
Wordings written here (a water utility, a marina, a vet practice, a theatre), not taken from
any ticket."""

import pytest

from tests.scoring.conftest import grade

_NOTICE = (
    "Harbour Networks Ltd                    Date    04.05.2026 081500\n"
    "Customer Name   Marina Services        Customer No   5521904417\n"
    "Contract No   77310055             Line No    4402118\n"
    "Accepted at (eff. start of problem)\n04.05.2026 080200\n\n"
    "Trouble Info\n{trouble}\n\n"
    "S E C O N D  M E S S A G E\n\n"
    "Dear Sir or Madam,\n"
    "We have opened a ticket for your line.\n"
    "Once our checks are complete we will send\n"
    "you an exact description of the fault.\n"
    "We will keep you informed of our progress.\n\n"
    "Best regards\nHarbour Networks Service Desk"
)
_SHORT = "Second message   Your Reference   Ticket ID 000000551200   Severity 2"

NO_SYMPTOM_0 = [  # the supplier's notice names no symptom: 0 (D4)
    (_SHORT, _NOTICE.format(trouble="Slight impairment of your service.")),
    (_SHORT, _NOTICE.format(trouble="Line issue at the north pontoon.")),
]
SYMPTOM_KEPT = [  # the same notice with what fails written: a symptom (10 or 20)
    (
        _SHORT,
        _NOTICE.format(trouble="No dial tone on the harbour master's line since 08:02."),
    ),
    (  # a promise beside the caller's own symptom leaves the symptom
        "Label printer jams in the vet practice dispensary",
        "I will send you a photo later. The label printer in the dispensary jams on every "
        "second label since Monday morning, so the nurses cannot label the prescriptions.",
    ),
]
REQUEST_20 = [  # a request: what, which things, and why (D6)
    (
        "Remove tablets TB0045127 and TB0045128 from my inventory",
        "Please remove the two tablets TB0045127 and TB0045128 from my inventory as I "
        "returned them to the water depot in March.",
    ),
]
REQUEST_10 = [  # "as I mentioned" says what was said before, no why: 10 (D6)
    (
        "Remove tablets TB0045127 and TB0045128 from my inventory",
        "Please remove the two tablets TB0045127 and TB0045128 from my inventory as I mentioned.",
    ),
]

CASES = [
    *((*case, {"0"}) for case in NO_SYMPTOM_0),
    *((*case, {"10", "20"}) for case in SYMPTOM_KEPT),
    *((*case, {"20"}) for case in REQUEST_20),
    *((*case, {"10"}) for case in REQUEST_10),
]


@pytest.mark.parametrize(("short", "description", "expected"), CASES)
def test_a_desks_mails_fields_and_requests(
    make_ticket, logging_rubric, short, description, expected
):
    ticket = make_ticket(short_description=short, description=description)
    assert grade(logging_rubric, "description_quality", ticket).option in expected


def test_a_field_number_is_no_negation_and_a_no_before_a_word_is():
    from tqrs.judges.signals import description_parts

    assert "symptom" not in description_parts("Contract No 77310055")
    assert "symptom" not in description_parts("Second message from the supplier")
    assert "symptom" in description_parts("No signal on the stage monitor")
    assert "symptom" in description_parts("no 4g on the box office tablet")
    assert "symptom" in description_parts("The error message appears on the till")
