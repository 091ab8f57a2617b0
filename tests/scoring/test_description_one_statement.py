"""Description quality: a long description that is one statement of the fault (the device,
the error text, since when, who rang, what still works) and no word of what it costs anyone
says no impact (LABELLING.md D1: 10); its length is names and error text, not the stakes.
A description that tells a consequence, or a security event, keeps the impact read as
implicit (20). Wordings written here, not taken from the evaluation set."""

import pytest

from tests.scoring.conftest import grade
from tqrs.models import Ticket
from tqrs.rubric import load_rubric

RUBRIC = load_rubric("incident_logging")


def _option(short: str, description: str) -> str:
    ticket = Ticket.model_validate(
        {
            "id": 1,
            "session_id": 1,
            "seq": 1,
            "number": "INC9990001",
            "short_description": short,
            "description": description,
        }
    )
    return grade(RUBRIC, "description_quality", ticket).option


ONE_STATEMENT = [  # symptom, device, start; nothing of the stakes: 10
    (
        "Kiln controller rejects firing schedules",
        "Since the 05:00 start today the controller of kiln 2 in the Stoke pottery (Bartlett "
        'Genesis panel, KLN-STK-02) shows "Schedule transfer failed" each time the glaze '
        "technician sends a firing schedule from the studio PC.",
    ),
    (
        "Scales not sending weights",
        "Tom Fairley (goods-in clerk) rang at 07:40.\nSince yesterday the platform scale "
        "SCL-GI-3 at goods-in weighs the pallets but the weights never reach the WMS: its "
        'display shows "Link down - host not found".',
    ),
]
CONSEQUENCE = [  # the same kind of text, with what it blocks or puts at stake: 20
    (
        "Kiln controller rejects firing schedules",
        "Since the 05:00 start today the controller of kiln 2 in the Stoke pottery (Bartlett "
        'Genesis panel, KLN-STK-02) shows "Schedule transfer failed" each time the glaze '
        "technician sends a firing schedule; the morning's glaze batch cannot be fired.",
    ),
    (
        "Clicked link in fake delivery mail",
        'Ana in accounts clicked a link in a mail "Your courier is waiting" at 09:12 on '
        "ACC-LT-0042; the page asked for her bank card details and she closed it without "
        "typing anything, then reported it at 09:20.",
    ),
]


@pytest.mark.parametrize(("short", "description"), ONE_STATEMENT)
def test_one_statement_of_the_fault_says_no_impact(short, description):
    assert _option(short, description) == "10"


@pytest.mark.parametrize(("short", "description"), CONSEQUENCE)
def test_a_consequence_keeps_the_impact_implicit(short, description):
    assert _option(short, description) == "20"
