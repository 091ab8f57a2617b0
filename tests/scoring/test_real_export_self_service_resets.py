"""Self-service password resets on a real e-commerce desk's export (issue 16, items 2-4: a
false automatic fail is the worst defect an analyst meets). The tickets are those of the
Tiffany AMS Excel export (tests/real_corpus/fetched, its "Comments and Work notes" column the
journal), read by hand: in none did the desk reset a password or unlock an account (LABELLING.md,
Logging audit rule 7), so none may fail the ticket for a reset without validation."""

from tests.scoring.conftest import run
from tests.test_real_corpus import fetched, tickets_by_number
from tqrs.ingest import ingest_files
from tqrs.rubric import load_rubric

LOGGING = load_rubric("incident_logging")


def test_tiffany_self_service_resets_are_no_desk_resets(store):
    # INC02412103 "Estore - user got locked out": "Walked through user to reset Password in
    # Jewel", "User reset it twice", then the e-commerce team's "click on the reset password
    # link from the email": the user's own resets. INC02526163: a customer locked out of the
    # web shop, "Please ask user to click on the Forgot password link to reset their
    # password". INC02229860: a store-page link fault, the chatbot's boilerplate "if you need
    # to reset your password, connect with Jewel". INC02438052 and INC02570607: the team
    # testing the shop's own "reset password email". Before: each FAIL (automatic).
    report = ingest_files(store, [fetched("tiffany_ams_excel_export.xlsx")])
    got = tickets_by_number(store, report.session_id)
    numbers = ("INC02412103", "INC02526163", "INC02229860", "INC02438052", "INC02570607")
    read = {n: run(LOGGING, "critical_process", got[n][0]) for n in numbers}
    assert {n: r.option for n, r in read.items()} == dict.fromkeys(numbers, "N/A")
    assert not any(r.auto_fail for r in read.values())
