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


# An author whose name carries a parenthesis, as a real Excel export prints 30 headers of its
# "Comments and Work notes" column ("01/15/2024 08:35:37 PM - Ines(HyeonJin) Im (Additional
# comments)"; tiffany_ams_excel_export.xlsx, scripts/fetch_real_corpus.py). Names and text here
# are made up. Before, such a line was no header: its entry was read as the text of the entry
# below it (another author, another time).
PAREN_AUTHOR = (
    "01/16/2024 09:00:00 AM - Mina(SoYeon) Park (Additional comments)\n"
    "Please expedite.\n\n"
    "01/15/2024 08:35:37 PM - Lee Chan (Work notes)\n"
    "Agent log: 2024-01-15 20:30:01 - report-agent (pid 42) : refused\n"
    "Sent to the vendor."
)


def test_an_author_with_a_parenthesis_heads_an_entry_when_the_kind_ends_the_line():
    assert count_entries(PAREN_AUTHOR) == 2
    entries = parse_journal(PAREN_AUTHOR)
    assert [(e.time, e.author, e.kind, e.text) for e in entries] == [
        ("2024-01-16 09:00:00", "Mina(SoYeon) Park", "Additional comments", "Please expedite."),
        (
            "2024-01-15 20:35:37",
            "Lee Chan",
            "Work notes",
            "Agent log: 2024-01-15 20:30:01 - report-agent (pid 42) : refused\nSent to the vendor.",
        ),
    ]


def test_day_first_dashed_and_dotted_dates_head_entries():
    # ServiceNow's user date formats dd-MM-yyyy and dd.MM.yyyy, as a real Australian NOC
    # export prints its journals ("26-06-2023 02:38:12 - Author (Work notes)"); before, such
    # a line was no header and the whole journal one entry without a time.
    dashed = (
        "26-06-2023 02:38:12 - Sam Ortiz (Work notes)\nNode is up.\n\n"
        "05-06-2023 23:10:05 - Kim Vale (Additional comments)\nPower cut at the site."
    )
    assert [(e.time, e.author, e.kind) for e in parse_journal(dashed)] == [
        ("2023-06-26 02:38:12", "Sam Ortiz", "Work notes"),
        ("2023-06-05 23:10:05", "Kim Vale", "Additional comments"),
    ]
    dotted = "26.06.2023 02:38 - Sam Ortiz (Arbeitsnotizen)\nKnoten wieder erreichbar."
    assert [(e.time, e.kind) for e in parse_journal(dotted)] == [
        ("2023-06-26 02:38:00", "Work notes")
    ]
