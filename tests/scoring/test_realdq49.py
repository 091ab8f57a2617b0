"""Description quality on real desks' readings (LABELLING.md D1, D4, D6), round realdq49:
- a version, a revision or a decimal ("firmware 3.0.12.4", "rev. 02.4", "set to 0.5") is no
  date, so no start; a day and month ("since 14.03.") and a time ("at 16.45") still are;
- a time a thing is needed by ("they need the rota printed today") is when the answer is due,
  not since when the fault is there; "since" before a present-tense clause ("since the crew
  still needs it") is a cause, no start;
- a form's question left blank after its colon ("Multiple? Single? All?:") tells no scope;
- a template's sentence quoting the short description whole tells nothing beyond it;
- since when told by the last intervention or maintenance; a request told with "must be
  approved to replace ..." says what and why, and "ask you to replace" is the ask, no purpose.
Wordings written here (a pottery, a ferry, a bakery, a pharmacy), not taken from any ticket."""

import pytest

from tests.scoring.conftest import grade

NOW_10 = [  # symptom, impact and the device, but no start: 10
    (
        "Kiln controller shows E14 on glaze firing",
        "The kiln controller in studio B (firmware 3.0.12.4) shows E14 whenever the glaze "
        "firing reaches cone 06. The potters cannot fire the wholesale orders.",
    ),
    (
        "Dosing pump drawing rejected on upload",
        "When I check the dosing pump drawing rev. 02.4 into Autodesk Vault it is rejected with "
        "'Weight field required'. I set the weight to 0.5 and it still fails. The fitters "
        "cannot release the pump kits.",
    ),
    (
        "Bakery order tablet does not sync wholesale orders",
        "The order tablet at the bakery counter (TAB-07) does not sync the wholesale orders "
        "from the web shop; the bakers need the list printed today for the cafe deliveries.",
    ),
    (
        "Ferry ticket scanner rejects QR codes",
        "Vessel: Island Star\nDeck crew affected (Multiple? Single? All?):\n"
        "Issue: The QR ticket scanner at the car deck ramp rejects every code with "
        "'Invalid signature'.\nAction taken: passing it to the marine systems team since the "
        "crew still needs help.",
    ),
]
STILL_20 = [  # the same kinds of text with a start told: 20
    (
        "Kiln controller shows E14 on glaze firing",
        "Since 14.03. the kiln controller in studio B (firmware 3.0.12.4) shows E14 whenever "
        "the glaze firing reaches cone 06. The potters cannot fire the wholesale orders.",
    ),
    (
        "Bakery order tablet does not sync wholesale orders",
        "Since this morning the order tablet at the bakery counter (TAB-07) does not sync the "
        "wholesale orders; the bakers need the list printed today for the cafe deliveries.",
    ),
    (
        "Ferry ticket scanner rejects QR codes",
        "After the last maintenance the QR ticket scanner at the car deck ramp rejects every "
        "code with 'Invalid signature'. The deck crew are checking tickets by hand and "
        "boarding runs late.",
    ),
    (  # a year before its month and day is a date too
        "Kiln controller shows E14 on glaze firing",
        "Start of the fault: 2026/03/14\nThe kiln controller in studio B (firmware 3.0.12.4) "
        "shows E14 whenever the glaze firing reaches cone 06. The potters cannot fire the "
        "wholesale orders.",
    ),
    (
        "Pharmacy fridge logger alarm",
        "The fridge logger in the dispensary (LOG-3) alarms 'Sensor lost' at 16.45 every day. "
        "The pharmacists cannot release the vaccines until it is read.",
    ),
]
TEMPLATE_SENTENCE = [  # the record's template quoting the short description adds nothing: 10
    (
        "Pharmacy label printer skips lines",
        "The label printer in the dispensary skips every second line since this morning. "
        "This issue relates to: 'Pharmacy label printer skips lines', and may require "
        "additional diagnostics or user feedback to fully resolve.",
    ),
]
REQUEST_20 = [  # a request: what, which record, and why (D6)
    (
        "Recipe card RC-40217 to be approved",
        "Recipe card RC-40217 (sourdough, version 03) is still in draft. It must be approved "
        "to replace the released version 02 before the bakers use it.",
    ),
]

REQUEST_10 = [  # the ask itself after "ask you to", with no why: 10 (D6)
    (
        "Recipe card RC-40217 file",
        "Please replace the file attached to recipe card RC-40217: we kindly ask you to "
        "replace it with the one in the bakery share.",
    ),
]

CASES = [
    *((*case, "10") for case in NOW_10),
    *((*case, "20") for case in STILL_20),
    *((*case, "10") for case in TEMPLATE_SENTENCE),
    *((*case, "20") for case in REQUEST_20),
    *((*case, "10") for case in REQUEST_10),
]


@pytest.mark.parametrize(("short", "description", "expected"), CASES)
def test_real_desk_readings_of_the_start_the_scope_and_a_request(
    make_ticket, logging_rubric, short, description, expected
):
    ticket = make_ticket(short_description=short, description=description)
    assert grade(logging_rubric, "description_quality", ticket).option == expected
