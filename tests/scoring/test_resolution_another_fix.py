"""Resolution quality when the close notes describe another fix than the one the work notes
record (LABELLING.md R3: "notes that describe another problem than the ticket's" are 5):
the notes speak of a kind of thing (a printer, its toner) that neither the issue nor the
journal speaks of, in words the journal never uses, while a work note records a change with
its result. Words of the issue the notes share (the site, the room) say where, not what was
fixed. Controls: the journal's fix told in the notes' own words, and notes about the thing
the journal worked on, stay 10.

Expected options are a reader's of the rubric's texts, not the tool's."""

import pytest

from tests.scoring.conftest import grade
from tqrs.rubric import load_rubric

_PAYROLL = dict(
    short_description="Kelso Mills - Payroll office - BankLink - Salary file rejected by bank",
    description="Since 09:00 the payroll office's salary upload to BankLink is refused with "
    "'invalid header record'; 40 staff payments are waiting for today's cut-off.",
    work_notes="2026-11-30 10:40:00 - Ravi Menon (Work notes)\n"
    "Changed the export template's header record to the 2026 BankLink layout, re-ran the "
    "salary export -> BankLink accepted the file, 40 payments queued.\n\n"
    "2026-11-30 09:20:00 - Ravi Menon (Work notes)\n"
    "Export log: header record still in the 2025 layout (sort code field moved by the bank).",
)
_STOCK = dict(
    short_description="Harlow depot - Goods-in - StockPoint - Deliveries not booked in",
    description="Since the morning the goods-in team at Harlow depot cannot book deliveries "
    "in StockPoint: every delivery note number is refused as 'unknown supplier'.",
    work_notes="2026-11-30 13:05:00 - Ada Kowal (Work notes)\n"
    "Supplier table: the overnight import dropped supplier 4471; re-added it from the master "
    "list, booked a test delivery -> accepted.",
)


@pytest.mark.parametrize(
    "ticket, close_notes, option",
    [
        # a printer fix on a bank-file ticket whose journal changed the export template
        # (before: 10, the site words shared)
        (
            _PAYROLL,
            "Replaced the toner cartridge in the payroll office printer and printed a test page.",
            "5",
        ),
        (
            _STOCK,
            "Cleared the print queue on the goods-in printer at Harlow depot and reinstalled "
            "its driver.",
            "5",
        ),
        # controls: the journal's fix in the notes' own words, 10
        (
            _PAYROLL,
            "Updated the salary export template's header to the bank's 2026 layout and re-ran "
            "the export; BankLink accepted the file.",
            "10",
        ),
        (
            _STOCK,
            "Re-added supplier 4471, dropped by the overnight import, to the StockPoint "
            "supplier table; deliveries book in again.",
            "10",
        ),
    ],
)
def test_another_fix_than_the_journal(make_ticket, ticket, close_notes, option):
    t = make_ticket(**ticket, close_notes=close_notes)
    r = grade(load_rubric("incident_quality"), "resolution_quality", t)
    assert r.option == option, r.reasoning


def test_printer_notes_on_a_printer_ticket_stay_a_fix(make_ticket):
    # the journal works on the same printer: the notes are its fix, 10
    t = make_ticket(
        short_description="Kelso Mills - Payroll office - Printer - Payslips print blank",
        description="The payroll office printer prints blank payslips since this morning.",
        work_notes="2026-11-30 10:40:00 - Ravi Menon (Work notes)\n"
        "Printer: toner seal left on the new cartridge; pulled it -> test page prints.",
        close_notes="Replaced the toner cartridge in the payroll office printer and printed "
        "a test page.",
    )
    r = grade(load_rubric("incident_quality"), "resolution_quality", t)
    assert r.option == "10", r.reasoning
