"""Description quality: a symptom told in words of a kind the reader had not known (LABELLING.md
D3, D4): slowness told by how long a step takes ("takes 6-7 minutes to show the desktop"), part
of a print or a call lost off its edge ("cut off"), a thing stolen told by where it was taken
from, and mail that lands in spam or junk. What a task costs ("takes 40 minutes of copying")
names no symptom. Wordings written here, not taken from the evaluation set."""

import pytest

from tests.scoring.conftest import grade

CASES = [
    (  # slowness by its duration; since Tuesday, the receivers, the PC: 20
        "Goods-in PC logon",
        "The goods-in PC (WH-PC-03) takes 6-7 minutes to show the desktop after each logon "
        "since Tuesday; the receivers wait to book in deliveries.",
        "20",
    ),
    (  # part of the print lost off its edge
        "Café receipts",
        "Since this morning the café receipt printer (PRN-CAFE-2) prints receipts with the "
        "total cut off at the bottom; cashiers are writing totals by hand for customers.",
        "20",
    ),
    (  # a theft told by where it was taken from
        "Farm shop tablet",
        "The farm shop tablet FS-TAB-2 was taken from the counter at about 15:10 today while "
        "the till was unattended. It is signed into the stock app and the card reader's "
        "account, and the staff use it to book deliveries.",
        "20",
    ),
    (  # mail landing in the junk folder
        "Monthly invoice mails",
        "Since Friday's mailing our customers find the monthly invoice mails from "
        "billing@orchard.example in their junk folder in Outlook.com; 25 have phoned so far.",
        "20",
    ),
    (  # control: what a task costs, no fault
        "Nightly backup",
        "The nightly backup of the design share takes 40 minutes of copying to the NAS.",
        "0",
    ),
]


@pytest.mark.parametrize(("short", "description", "expected"), CASES)
def test_a_symptom_told_by_its_duration_its_loss_or_where_it_went(
    make_ticket, logging_rubric, short, description, expected
):
    ticket = make_ticket(short_description=short, description=description)
    assert grade(logging_rubric, "description_quality", ticket).option == expected
