"""Excel workbooks: the sheet that holds the incidents, the refusal of a workbook without a
number column (the real one), openpyxl's warnings kept off stderr."""

from datetime import datetime

import openpyxl
import pytest

from scripts.bench_hostile import HEADER, write_xlsx, xlsx_declared_dimension
from tests.conftest import real_file, run_cli
from tqrs.errors import InputError
from tqrs.ingest import ingest_files
from tqrs.ingest.columns import number_column
from tqrs.ingest.excel import iter_xlsx_records
from tqrs.store import sessions as db


def test_real_export_without_number_column_names_what_it_found(tmp_path):
    path = real_file("12_excel_export_no_number.xlsx")
    wb = openpyxl.load_workbook(path, read_only=True)
    headers = {
        ws.title: [c for c in next(ws.iter_rows(max_row=1, values_only=True)) if c]
        for ws in wb.worksheets
    }
    wb.close()
    assert len(headers) == 2 and "Number" not in str(headers)
    done = run_cli("ingest", path, "--db", tmp_path / "cli.duckdb")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert done.stderr == (
        f"error: {path.name}: no Number column in any sheet (looked for: number, incident "
        "number, incident, ticket number, incident id, número, número do incidente); found: "
        + "; ".join(f"sheet {title!r} has {', '.join(cols)}" for title, cols in headers.items())
        + ". Every ticket needs its number: if a column holds it under another name, map it "
        'to number (the Upload page\'s "Columns TQRS does not read", or tqrs ingest --map '
        '"<column>=number")\n'
    )


def workbook(path, sheets: dict[str, list[list]]):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_the_sheet_with_the_number_column_is_read_and_the_others_named(store, tmp_path):
    path = workbook(
        tmp_path / "report.xlsx",
        {
            "Summary": [["Open incidents", 2], ["Generated", "2025-12-10"]],
            "Empty": [],
            "Page 1": [
                [],
                ["Number", "Short description", "Priority"],
                ["INC0000001", "Printer jam", "3 - Moderate"],
                [],
                ["INC0000002", "VPN drops", "2 - High"],
            ],
            "Copy": [["Number"], ["INC0000009"]],
        },
    )
    report = ingest_files(store, [path])
    (source,) = report.files
    assert source.notices == [
        "report.xlsx: read sheet 'Page 1'; not read: 'Summary' (no Number column), "
        "'Empty' (empty), 'Copy' (also has a Number column)"
    ]
    tickets = list(db.iter_tickets(store, report.session_id))
    assert [(t.number, t.priority) for t in tickets] == [("INC0000001", 3), ("INC0000002", 2)]
    assert [t.record_position for t in tickets] == [1, 2]
    assert [i.line for i in source.issues] == []


def test_one_sheet_workbook_says_nothing_of_sheets(store, tmp_path):
    path = workbook(tmp_path / "one.xlsx", {"Page 1": [["Number"], ["INC0000001"]]})
    assert ingest_files(store, [path]).files[0].notices == []


def test_a_mapped_column_counts_as_the_number(tmp_path):
    header = ["Ticket", "Short description"]
    assert number_column(header) is None
    assert number_column(header, {"Ticket": "number"}) == "Ticket"
    assert number_column(header, {"Absent": "number"}) is None
    assert number_column(["Incident number", "Number"]) == "Number"  # the preferred alias
    path = workbook(tmp_path / "mapped.xlsx", {"Page 1": [header, ["T-1", "Printer jam"]]})
    with pytest.raises(InputError, match=r"no Number column \(looked for"):
        list(iter_xlsx_records(path, []))
    notices: list[str] = []
    rows = list(iter_xlsx_records(path, notices, {"Ticket": "number"}))
    assert rows == [(1, {"Ticket": "T-1", "Short description": "Printer jam"}, 2)]


def test_openpyxl_warnings_stay_off_stderr(tmp_path):
    # A workbook without a stylesheet: openpyxl warns that it applies its default style.
    path = write_xlsx(tmp_path / "bare.xlsx", ['<row r="1"><c r="A1" t="s"><v>0</v></c></row>'])
    done = run_cli(
        "ingest", path, "--db", tmp_path / "cli.duckdb", env={"PYTHONWARNINGS": "always"}
    )
    assert done.stderr.startswith("error: bare.xlsx: the export holds no records")
    assert done.stderr.count("\n") == 1 and "Warning" not in done.stderr


def test_declared_dimensions_are_ignored(tmp_path):
    path = xlsx_declared_dimension(tmp_path / "dim.xlsx")
    assert path.stat().st_size < 4096
    done = run_cli("ingest", path, "--db", tmp_path / "cli.duckdb")
    assert done.returncode == 0 and done.stderr == ""
    assert "dim.xlsx: 3 records: 3 imported" in done.stdout
    assert HEADER[0] == "Number"


def test_a_portuguese_instances_export_is_read_by_its_labels(store, tmp_path):
    # The header and value shapes of a real pt-BR Excel export (fl-pereira/powerbi
    # incident.xlsx); names and text made up. Before: refused, "no Number column".
    notes = (
        "05/06/2024 16:27:48 - Bruno Borges (Anotações de trabalho)\nFavor analisar.\n\n"
        "04/06/2024 13:30:56 - Bruno Borges (Anotações de trabalho)\nAnalisando."
    )
    path = workbook(
        tmp_path / "incident.xlsx",
        {
            "Page 1": [
                [
                    "Número",
                    "Criado em",
                    "Prioridade",
                    "Descrição resumida",
                    "Atribuído a",
                    "Status",
                    "Motivo para estar em espera",
                    "Usuário Impactado",
                    "Anotações de trabalho",
                ],
                [
                    "INC1641730",
                    datetime(2024, 6, 4, 12, 26, 31),
                    "3 - Moderada",
                    "Usuária deseja suporte para Canal Cliente.",
                    "",
                    "Em Andamento",
                    "",
                    "Ana Lima",
                    notes,
                ],
                [
                    "INC1620071",
                    datetime(2024, 5, 28, 9, 0, 0),
                    "4 - Baixa",
                    "Problema em avanço de fase.",
                    "Pat Lee",
                    "Em Espera",
                    "Aguardando usuário",
                    "Sam Roe",
                    "",
                ],
            ]
        },
    )
    report = ingest_files(store, [path])
    (source,) = report.files
    assert (source.imported, source.unmapped) == (2, ["Motivo para estar em espera"])
    got = [
        (
            t.number,
            t.opened_at.isoformat(),
            t.priority,
            t.short_description,
            t.assigned_to,
            t.state,
            t.caller,
            t.work_note_count,
        )
        for t in db.iter_tickets(store, report.session_id)
    ]
    assert got == [
        (
            "INC1641730",
            "2024-06-04T12:26:31",
            3,
            "Usuária deseja suporte para Canal Cliente.",
            "",
            "In Progress",
            "Ana Lima",
            2,
        ),
        (
            "INC1620071",
            "2024-05-28T09:00:00",
            4,
            "Problema em avanço de fase.",
            "Pat Lee",
            "On Hold",
            "Sam Roe",
            0,
        ),
    ]


# An instance's Excel export (sheet "Page 1") with ServiceNow's list field of both journals,
# "Comments and Work notes" (comments_and_work_notes), and no column of either journal: the
# layout of a real corporate export of 344 incidents (fetch_real_corpus.py). The texts are
# written here; the expected split is a hand reading of the headers' kinds. Before, the column
# was not read: no work notes and no comments, so troubleshooting, work notes and user
# confirmation were "not in export" on every ticket.
_BOTH = (
    "06/05/2024 09:12:40 AM - Lee Chan (Additional comments)\n"
    "Hello, the nightly job was re-run; please confirm the report arrived.\n\n"
    "06/04/2024 10:01:02 PM - Lee Chan (Work notes)\n"
    "Checked the agent log:\n"
    "2024-06-04 21:55:10 - ERROR - report-agent : connection refused\n"
    "Restarted the report agent service.\n\n"
    "06/04/2024 08:30:00 PM - Ana Ruiz (Additional comments)\n"
    "The daily sales report did not arrive."
)
_COMMENTS = (
    "06/05/2024 09:12:40 AM - Lee Chan (Additional comments)\n"
    "Hello, the nightly job was re-run; please confirm the report arrived.\n\n"
    "06/04/2024 08:30:00 PM - Ana Ruiz (Additional comments)\n"
    "The daily sales report did not arrive."
)
_WORK_NOTES = (
    "06/04/2024 10:01:02 PM - Lee Chan (Work notes)\n"
    "Checked the agent log:\n"
    "2024-06-04 21:55:10 - ERROR - report-agent : connection refused\n"
    "Restarted the report agent service."
)


def _both_journals_export(path, extra: dict[str, list] | None = None):
    header = ["Number", "State", "Short Description", "Comments and Work notes", "Opened"]
    rows = [
        ["INC0200001", "Closed", "Daily sales report missing", _BOTH, datetime(2024, 6, 4, 20)],
        ["INC0200002", "Work in Progress", "Printer offline", "", datetime(2024, 6, 5, 8)],
    ]
    for label, values in (extra or {}).items():
        header.append(label)
        for row, value in zip(rows, values, strict=True):
            row.append(value)
    return workbook(path, {"Page 1": [header, *rows]})


def test_comments_and_work_notes_are_read_as_each_journal_by_its_entries_kind(store, tmp_path):
    report = ingest_files(store, [_both_journals_export(tmp_path / "incident.xlsx")])
    (source,) = report.files
    assert source.unmapped == []
    got = {
        t.number: (t.work_notes, t.comments, t.comment_count)
        for t in db.iter_tickets(store, report.session_id)
    }
    # the log line inside the work note ("2024-06-04 21:55:10 - ERROR - ...") names no kind:
    # it stays in its entry
    assert got == {"INC0200001": (_WORK_NOTES, _COMMENTS, 2), "INC0200002": ("", "", 0)}


def test_a_journals_own_column_wins_over_the_column_of_both(store, tmp_path):
    # with its own Work notes column, the export's work notes are that column's; the column
    # of both gives the comments only
    own = ["05/06/2024 07:00:00 AM - Lee Chan (Work notes)\nOwn column.", ""]
    path = _both_journals_export(tmp_path / "incident.xlsx", {"Work notes": own})
    report = ingest_files(store, [path])
    got = {t.number: (t.work_notes, t.comments) for t in db.iter_tickets(store, report.session_id)}
    assert got == {"INC0200001": (own[0], _COMMENTS), "INC0200002": ("", "")}


@pytest.mark.parametrize("cut", [0, 3000, 0.5, -22])
def test_a_real_workbook_cut_short_or_empty_is_named_so(tmp_path, cut):
    # A real ServiceNow Excel export cut short (an interrupted download; -22 leaves out only
    # the end of the zip directory) and an empty file. Before: "not a readable Excel workbook
    # (File is not a zip file)" for each, where an empty CSV, JSON, XML or PDF says it is empty.
    data = real_file("12_excel_export_no_number.xlsx").read_bytes()
    end = int(len(data) * cut) if isinstance(cut, float) else cut if cut >= 0 else len(data) + cut
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[:end])
    done = run_cli("ingest", path, "--db", tmp_path / "cli.duckdb")
    assert done.returncode == 2 and done.stdout == ""
    if end == 0:
        assert done.stderr == "error: cut.xlsx: the file is empty\n"
    else:
        assert done.stderr == (
            "error: cut.xlsx: not a readable Excel workbook: it is cut short (it starts as a "
            "workbook, but the zip directory written at its end is missing); export or "
            "download it again\n"
        )


@pytest.mark.parametrize("fill", [b"\xff", b"\0"], ids=["bad-deflate", "bad-crc"])
def test_a_real_workbook_damaged_in_the_middle_names_the_part(tmp_path, fill):
    # The real Excel export with 500 bytes lost in the middle of its largest part's compressed
    # bytes, its zip directory whole. Before: 0xFF bytes gave a traceback (zlib.error: Error -3
    # while decompressing data) out of `tqrs ingest`; NULs "not a readable Excel workbook
    # (xl/worksheets/sheet1.xml: Bad CRC-32 ...)", not saying the file is damaged.
    import zipfile

    real = real_file("12_excel_export_no_number.xlsx")
    data = real.read_bytes()
    with zipfile.ZipFile(real) as archive:
        part = max(archive.infolist(), key=lambda i: i.compress_size)
    assert part.compress_type == zipfile.ZIP_DEFLATED
    # the local header: 30 bytes, then the name and the extra field (their lengths at 26, 28)
    start = (
        part.header_offset
        + 30
        + int.from_bytes(data[part.header_offset + 26 : part.header_offset + 28], "little")
        + int.from_bytes(data[part.header_offset + 28 : part.header_offset + 30], "little")
    )
    middle = start + part.compress_size // 2
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(data[:middle] + fill * 500 + data[middle + 500 :])
    done = run_cli("ingest", path, "--db", tmp_path / "cli.duckdb")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(
        f"error: damaged.xlsx: the workbook is damaged: its part {part.filename} cannot be "
        "unpacked ("
    )
    assert done.stderr.endswith(
        "), the file was cut or corrupted in the middle; nothing of it is imported; export or "
        "download it again\n"
    )
    assert len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    "real, said",
    [
        ("08_pdi_list_export.csv", "this is text, not an Excel workbook; name it .csv"),
        ("02_pdi_records_export.json", "this is JSON, not an Excel workbook; name it .json"),
        (
            "17_servicenow_pdf_export.pdf",
            "this is a PDF document, not an Excel workbook; name it .pdf",
        ),
        ("", "this is an HTML page, not an Excel workbook"),
    ],
)
def test_an_export_named_xlsx_is_named_for_what_it_is(tmp_path, real, said):
    # Real exports saved as .xlsx (and a web page a browser saved so). Before: "not a
    # readable Excel workbook (File is not a zip file)", where a workbook named .csv is told
    # its name.
    path = tmp_path / "export.xlsx"
    if real:
        path.write_bytes(real_file(real).read_bytes())
    else:
        path.write_text("<!DOCTYPE html><html><body><table></table></body></html>")
    done = run_cli("ingest", path, "--db", tmp_path / "cli.duckdb")
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"error: export.xlsx: {said}\n")


def _with_results(src, dst, results: dict[str, str]):
    """`src` rewritten as Excel or LibreOffice save it: each formula cell named in `results`
    stores its result (`t="str"`, a string), as a program that calculates formulas writes."""
    import re
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for ref, value in results.items():
                    text = re.sub(
                        rf'<c r="{ref}"><f>(.*?)</f><v\s*/>',
                        rf'<c r="{ref}" t="str"><f>\1</f><v>{value}</v>',
                        text,
                    )
                data = text.encode()
            zout.writestr(info, data)
    return dst


def test_formulas_without_results_are_named_and_not_scored_as_blanks(store, tmp_path):
    """openpyxl (any program that does not calculate) saves `=D2&E2` with no result: the user
    is told which file, sheet, column and how many cells; a column holding no result at all is
    one the export does not carry (not assessable), not a blank on every ticket."""
    from tqrs.profile import unassessable_fields
    from tqrs.store.profile import fields_carried

    rows = [["Number", "Short description", "Description", "Site", "Device"]]
    for n in range(2, 5):
        rows.append([f"INC000000{n}", f"=D{n}&E{n}", "", "Lyon ", "printer"])
    rows[1][2] = "=D2&E2"  # one description cell is a formula, the others text
    rows[2][2] = rows[3][2] = "Printer jams on every job since the driver update"
    path = workbook(tmp_path / "sheet.xlsx", {"Page 1": rows})
    wb = openpyxl.load_workbook(path, data_only=True)  # what the file itself holds
    assert [c.value for c in wb.active["B"][1:]] == [None, None, None]
    report = ingest_files(store, [path])
    notices = report.files[0].notices
    assert notices == [
        "sheet.xlsx: formulas without their results in sheet 'Page 1', column "
        "'Short description' (3 cells), 'Description' (1 cell): the workbook was saved by a "
        "program that does not calculate formulas (a script, openpyxl), and TQRS does not "
        "calculate them, so those cells are read as empty; 'Short description' holds no result "
        "in any row and is taken as a column the export does not carry (criteria that read it "
        "are not assessable, not failed). Open the workbook in Excel or LibreOffice and save it "
        "(that stores the results), or export the list again, and import it again"
    ]
    assert "short_description" not in fields_carried(store, report.session_id)[1]
    assert "description" in fields_carried(store, report.session_id)[1]
    assert "short_description" in unassessable_fields(store, report.session_id)[1]
    done = run_cli("ingest", path, "--db", tmp_path / "cli.duckdb")
    assert done.returncode == 0 and done.stderr == ""
    assert f"  notice: {notices[0]}\n" in done.stdout


def test_formulas_with_their_results_are_read_as_their_results(store, tmp_path):
    """The same workbook saved by a program that calculates (Excel, LibreOffice): each
    formula's stored result is read, an empty string result (`t="str"`, `<v></v>`) too, and
    nothing is said."""
    rows = [["Number", "Short description", "Site", "Device"]]
    rows += [[f"INC000000{n}", f"=C{n}&D{n}", "Lyon ", "printer"] for n in (2, 3)]
    plain = workbook(tmp_path / "plain.xlsx", {"Page 1": rows})
    path = _with_results(plain, tmp_path / "saved.xlsx", {"B2": "Lyon printer", "B3": ""})
    notices: list[str] = []
    records = [r for _, r, _ in iter_xlsx_records(path, notices)]
    assert [r["Short description"] for r in records] == ["Lyon printer", ""]
    assert notices == []


def test_a_number_column_of_formulas_without_results_refuses_the_file_saying_why(tmp_path):
    """Every number a formula with no stored result: before, 'no tickets could be imported:
    ... all 3 records were rejected (first: ... the record has no number)', the formulas
    unsaid."""
    rows = [["Number", "Short description", "Prefix", "N"]]
    rows += [[f"=C{n}&D{n}", "Printer jam", "INC000", str(n)] for n in (2, 3, 4)]
    path = workbook(tmp_path / "numbers.xlsx", {"Sheet": rows})
    done = run_cli("ingest", path, "--db", tmp_path / "cli.duckdb")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "error: numbers.xlsx: no row has its number: formulas without their results in sheet "
        "'Sheet', column 'Number' (3 cells): the workbook was saved by a program that does not "
        "calculate formulas (a script, openpyxl), and TQRS does not calculate them, so those "
        "cells are read as empty. Open the workbook in Excel or LibreOffice and save it (that "
        "stores the results), or export the list again, and import it again\n"
    )
    from tqrs.store import Store

    with Store(tmp_path / "cli.duckdb") as store:
        assert db.list_sessions(store) == []


def _word_document(path):
    """A .docx as Word writes its parts (a zip with word/document.xml, no xl/ part)."""
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        z.writestr("_rels/.rels", "<Relationships/>")
        z.writestr("word/document.xml", "<document><body><p>Incident list</p></body></document>")


def test_a_folder_a_web_page_and_a_word_document_are_named_for_what_they_are(tmp_path):
    """What a new user gives by mistake: one line each naming the file, what it is and what to
    do, no traceback and no raw bytes. Before: "afolder: no such file"; "page.json: not JSON
    (it starts with b'<!DOCTYPE html>\\n<htm')"; "notes.xlsx: not a readable Excel workbook
    (File contains no valid workbook part)"."""
    folder = tmp_path / "exports"
    folder.mkdir()
    page = tmp_path / "page.json"
    page.write_text("<!DOCTYPE html>\n<html><head><title>Log in</title></head></html>\n")
    word = tmp_path / "notes.xlsx"
    _word_document(word)
    again = "export the incident list from ServiceNow as Excel (.xlsx), CSV, JSON or XML"
    for path, said in [
        (
            folder,
            "exports: this is a folder, not a file; give the export files in it (e.g. "
            "exports/*.csv)",
        ),
        (
            page,
            "page.json: this is an HTML page, not JSON (such as a sign-in or error page "
            f"saved in place of the export); {again}",
        ),
        (word, f"notes.xlsx: this is a Word document, not an Excel workbook; {again}"),
    ]:
        done = run_cli("ingest", path, "--db", tmp_path / "cli.duckdb")
        assert (done.returncode, done.stdout, done.stderr) == (2, "", f"error: {said}\n")


# A network operations desk's Excel export (sheet "Page 1"): the layout of a real Australian
# NOC export of 33 incidents (telstra_noc_excel_export.xlsx, scripts/fetch_real_corpus.py):
# numbers "SNI…", priorities "P2 - High", a Work notes column of its own and a "Comments and
# Work notes" column whose headers print the exporting user's date format, day first with
# dashes ("26-06-2023 02:38:12 - Author (Additional comments)"). Names and texts here are
# written for the test; the expected values are a hand reading of the cells. Before: the
# dashed dates were no header, so the column of both gave no comments (every ticket's
# resolution message to the customer was lost), a Work notes cell of three entries counted as
# one, every priority was left empty with a warning, and the close code ("Resolution
# category") was not read, so resolution notes were "not in export" on every ticket.
_NOC_WORK_NOTES = (
    "26-06-2023 02:38:12 - Sam Ortiz (Work notes)\n"
    "router01#sh clock\n16:35:17.928 UTC Sun Jun 25 2023\n\n"
    "25-06-2023 23:10:05 - Sam Ortiz (Work notes)\n"
    "Called the site: power cut in the building.\n\n"
    "25-06-2023 22:40:00 - Kim Vale (Work notes)\n"
    "Node down alarm acknowledged."
)
_NOC_COMMENT = (
    "26-06-2023 02:38:12 - Sam Ortiz (Additional comments)\n"
    "router01 Node is UP from 2 Hr. || Power restored."
)


def test_a_noc_export_with_day_first_dashed_journal_dates_and_p_priorities(store, tmp_path):
    header = ["Number", "Created", "Short description", "Priority", "Status", "Caller"]
    header += ["Resolution notes", "Work notes", "Comments and Work notes", "Resolution category"]
    row = ["SNI2900001", datetime(2023, 6, 25, 22, 31, 58), "router01 - Node_Down", "P2 - High"]
    row += ["Resolved", "Proactive Notification", "Power restored.", _NOC_WORK_NOTES]
    row += [f"{_NOC_COMMENT}\n\n{_NOC_WORK_NOTES}", "Fault Cleared"]
    other = ["SNI2900002", datetime(2023, 6, 26, 1, 0), "router02 - Node_Down", "P3 - Moderate"]
    other += ["Resolved", "Proactive Notification", "", "", "", ""]
    path = workbook(tmp_path / "incident.xlsx", {"Page 1": [header, row, other]})
    report = ingest_files(store, [path])
    (source,) = report.files
    assert source.warnings == 0
    got = {
        t.number: (t.priority, t.close_code, t.comments, t.comment_count, t.work_note_count)
        for t in db.iter_tickets(store, report.session_id)
    }
    # the instance's close code is labelled "Resolution category"
    assert got == {
        "SNI2900001": (2, "Fault Cleared", _NOC_COMMENT, 1, 3),
        "SNI2900002": (3, "", "", 0, 0),
    }


def test_caller_is_read_from_caller_when_a_caller_id_column_is_beside_it(store, tmp_path):
    # A corporate desk's Excel export of active incidents (kc_active_tickets_excel_export.xlsx,
    # scripts/fetch_real_corpus.py) lists "Caller" (caller_id's label: the person's name) and
    # "Caller ID" (the caller's user ID, a dot-walked column) side by side. Names and IDs here
    # are made up. Before, "Caller ID" was read as the caller: a user ID, which no journal
    # author matches.
    header = ["Number", "Created", "Short description", "Caller", "Caller ID", "Work notes"]
    note = "24-Mar-2020 09:33:42 - Dana Reyes (Work notes)\nAsked Dana for the error text."
    row = ["INC6300001", datetime(2020, 3, 24, 9, 30), "Report is late", "Dana Reyes", "Q01234"]
    path = workbook(tmp_path / "incident.xlsx", {"Page 1": [header, row + [note]]})
    report = ingest_files(store, [path])
    (ticket,) = db.iter_tickets(store, report.session_id)
    assert ticket.caller == "Dana Reyes"


def test_a_record_issue_in_a_workbook_is_placed_by_its_row(store, tmp_path):
    """dyson_hybris_close_notes.xlsx's 43 'VIP' priorities were reported as "record 603, line
    604, INC0686365": a workbook has rows, not lines, and Excel shows INC0686365 on row 604.
    Here the second incident is on the sheet's row 3 (the header on row 1)."""
    path = tmp_path / "vip.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Number", "Short description", "Priority"])
    ws.append(["INC0000001", "Mail down", "4 - Low"])
    ws.append(["INC0000002", "VPN down", "VIP"])
    wb.save(path)
    (source,) = ingest_files(store, [path]).files
    (issue,) = source.issues
    assert issue.where(source.format) == "record 2, row 3, INC0000002"
    assert "VIP" in issue.message
