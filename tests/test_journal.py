"""Journal fields as instances print them: entry headers, their kinds and their times."""

from tqrs.journal import count_entries, parse_journal

# As a Portuguese (pt-BR) instance's Excel export writes a work notes cell (the shape of
# fl-pereira/powerbi incident.xlsx, INC1641730: "dd/mm/yyyy hh:mm:ss - Author (Anotações de
# trabalho)", newest first). Names and text here are made up.
PT_NOTES = (
    "05/06/2024 16:27:48 - Bruno Borges (Anotações de trabalho)\n"
    "Favor analisar.\n\n"
    "04/06/2024 13:30:56 - Bruno Borges (Anotações de trabalho)\n"
    "Analisando.\n\n"
    "04/06/2024 12:51:16 - Rodrigo Chieffi (Anotações de trabalho)\n"
    "Favor verificar.\n\n"
    "Contato 71 0000-0000"
)


def test_portuguese_headers_are_entries_of_their_kind():
    # Before: no header was recognised, so the cell was one entry with no time.
    assert count_entries(PT_NOTES) == 3
    entries = parse_journal(PT_NOTES, "Work notes")
    assert [(e.time, e.author, e.kind) for e in entries] == [
        ("2024-06-05 16:27:48", "Bruno Borges", "Work notes"),
        ("2024-06-04 13:30:56", "Bruno Borges", "Work notes"),
        ("2024-06-04 12:51:16", "Rodrigo Chieffi", "Work notes"),
    ]
    assert entries[2].text == "Favor verificar.\n\nContato 71 0000-0000"


def test_a_translated_comments_header_is_an_additional_comment():
    text = "28/08/2026 11:59:04 - Ana Lima (Comentários)\nObrigada, resolvido."
    (entry,) = parse_journal(text, "Work notes")
    assert (entry.kind, entry.time) == ("Additional comments", "2026-08-28 11:59:04")


def test_a_journals_dates_read_in_the_order_one_of_them_shows():
    # 13/04 can only be day first, so 04/05 in the same journal is 4 May, not 5 April.
    text = (
        "04/05/2025 09:00:00 - Pat Lee (Work notes)\nCalled back.\n\n"
        "13/04/2025 10:00:00 - Pat Lee (Work notes)\nLogged."
    )
    assert [e.time for e in parse_journal(text)] == ["2025-05-04 09:00:00", "2025-04-13 10:00:00"]


def test_ambiguous_english_dates_stay_month_first():
    text = "03/04/2025 10:00:00 - Pat Lee (Work notes)\nLogged."
    assert [e.time for e in parse_journal(text)] == ["2025-03-04 10:00:00"]
