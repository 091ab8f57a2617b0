"""Critical process on a real export (issue 16, the real tune3 draw): a service written as
down for everyone in Italian is the major incident its English twin is (LABELLING.md, Logging
audit rule 13: a service down for a whole site or many people; then a major incident manager
and a bridge must be recorded). The ticket is the Hitachi Rail Excel export's INC011627825,
labelled -35 in tests/eval_set/real/labels.jsonl (tune half, labelled blind)."""

import pytest

from tests.scoring.conftest import run
from tests.test_real_corpus import fetched, tickets_by_number
from tqrs.ingest import ingest_files
from tqrs.rubric import load_rubric

QUALITY = load_rubric("incident_quality")


def test_hitachi_italian_outage_for_all_users_is_a_major_incident(store):
    # "Tutte le utenze HRU non hanno accesso a G-PLM" (all HRU accounts have no access to
    # G-PLM), no incident manager or bridge written: -35 (before: N/A)
    report = ingest_files(store, [fetched("hitachi_rail_excel_export.xlsx")])
    t = tickets_by_number(store, report.session_id)["INC011627825"][0]
    got = run(QUALITY, "critical_process", t)
    assert got.option == "-35"
    assert "Tutte le utenze HRU" in got.evidence  # the ticket's own line, not its reading


@pytest.mark.parametrize(
    ("italian", "english"),
    [
        ("Tutti gli utenti non riescono ad accedere a G-PLM.", "All users cannot access G-PLM."),
        ("Nessun utente riesce ad accedere a SAP.", "No user can access SAP."),
        ("Il mio utente non riesce ad accedere a SAP.", "My user cannot access SAP."),
    ],
)
def test_an_italian_outage_reads_as_its_english_twin(make_ticket, italian, english):
    def option(text):
        return run(QUALITY, "critical_process", make_ticket(short_description=text)).option

    assert option(italian) == option(english)
