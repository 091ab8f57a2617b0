import csv
import io
import tracemalloc
from datetime import datetime

import openpyxl
import pytest

from tqrs.errors import InputError
from tqrs.ingest import ingest_files
from tqrs.ingest.tabular import detect_encoding
from tqrs.store import Store
from tqrs.store import sessions as db

LABELS = [
    "Number",
    "Opened",
    "Short description",
    "Caller",
    "Priority",
    "State",
    "Category",
    "Assignment group",
    "Assigned to",
    "Resolution notes",
    "Contact type",
    "Work notes",
    "Region (custom)",
]
ROWS = [
    [
        "INC0020001",
        "2025-12-10 04:26:41",
        "ACME - Paris - SAP - Login fails",
        "Zoë Lefèvre",
        "2 - High",
        "Resolved",
        "Software",
        "Service Desk",
        "Priya Raman",
        "Reset SAP password after validation; user confirmed login",
        "Phone",
        "2025-12-10 04:30:00 - Priya Raman (Work notes)\nValidated by: employee ID 4411\n\n"
        "2025-12-10 04:29:00 - Priya Raman (Work notes)\nCaller on the line",
        "EMEA",
    ],
    [
        "INC0020002",
        "12/11/2025 09:05 AM",
        "ACME - Lyon - VPN - Tunnel drops “every hour”",
        "José Núñez",
        "4 - Low",
        "Closed",
        "Network",
        "Network Ops",
        "Sam Okafor",
        "Replaced client config",
        "Self-service",
        "",
        "EMEA",
    ],
]


def write_csv(path, rows=ROWS, header=LABELS, encoding="utf-8", delimiter=","):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def check_tickets(store, report):
    first, second = db.iter_tickets(store, report.session_id)
    assert first.number == "INC0020001" and first.caller == "Zoë Lefèvre"
    assert first.priority == 2 and first.state == "Resolved" and first.contact_type == "phone"
    assert first.close_notes.startswith("Reset SAP password")
    assert first.work_note_count == 2
    assert first.opened_at == datetime(2025, 12, 10, 4, 26, 41)
    assert second.opened_at == datetime(2025, 12, 11, 9, 5)
    assert second.short_description.endswith("“every hour”")
    assert second.contact_type == "self-service"
    assert first.raw["Region (custom)"] == "EMEA"  # unknown columns are kept
    return first, second


def test_csv_with_column_labels(store, tmp_path):
    report = ingest_files(store, [write_csv(tmp_path / "list.csv")])
    check_tickets(store, report)
    (source,) = report.files
    assert source.encoding == "UTF-8"
    # a list export holds display values: its dates are in the exporting user's time zone
    (notice,) = source.notices
    assert "display values (state 'Resolved')" in notice and "time zone" in notice
    assert source.unmapped == ["Region (custom)"]


def test_csv_with_bom_and_semicolons(store, tmp_path):
    path = write_csv(tmp_path / "bom.csv", encoding="utf-8-sig", delimiter=";")
    report = ingest_files(store, [path])
    first, _ = check_tickets(store, report)
    assert "Number" in first.raw and "\ufeffNumber" not in first.raw


def test_csv_in_windows_1252_is_detected_and_said(store, tmp_path):
    report = ingest_files(store, [write_csv(tmp_path / "win.csv", encoding="cp1252")])
    check_tickets(store, report)
    f = report.files[0]
    assert f.encoding == "Windows-1252"
    assert "not valid UTF-8" in f.notices[0] and "Windows-1252" in f.notices[0]


def test_csv_in_latin1_with_bytes_undefined_in_1252(store, tmp_path):
    rows = [[c.replace("“", '"').replace("”", '"') for c in row] for row in ROWS]
    rows[1][9] = "Replaced client config\x81"
    report = ingest_files(store, [write_csv(tmp_path / "latin.csv", rows, encoding="latin-1")])
    assert report.files[0].encoding == "latin-1"
    first, second = db.iter_tickets(store, report.session_id)
    assert first.caller == "Zoë Lefèvre"
    assert second.close_notes == "Replaced client config\x81"


def test_csv_with_raw_field_names(store, tmp_path):
    header = [
        "number",
        "opened_at",
        "short_description",
        "caller_id",
        "priority",
        "state",
        "category",
        "assignment_group",
        "assigned_to",
        "close_notes",
        "contact_type",
        "work_notes",
        "u_region",
    ]
    report = ingest_files(store, [write_csv(tmp_path / "raw.csv", header=header)])
    first, _ = db.iter_tickets(store, report.session_id)
    assert first.caller == "Zoë Lefèvre" and first.priority == 2 and first.raw["u_region"] == "EMEA"


def test_xlsx_list_export(store, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(LABELS)
    for row in ROWS:
        cells = list(row)
        cells[1] = (
            datetime.strptime(row[1], "%Y-%m-%d %H:%M:%S")
            if "-" in row[1]
            else datetime(2025, 12, 11, 9, 5)
        )
        ws.append(cells)
    path = tmp_path / "list.xlsx"
    wb.save(path)
    report = ingest_files(store, [path])
    check_tickets(store, report)


def test_csv_without_rows_and_binary_files(store, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("Number,Short description\n")
    with pytest.raises(InputError, match="empty.csv: the export holds no records"):
        ingest_files(store, [empty])
    xlsx_named_csv = tmp_path / "actually.csv"
    xlsx_named_csv.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(InputError, match="actually.csv: this is an Excel or zip file"):
        ingest_files(store, [xlsx_named_csv])
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(InputError, match="broken.xlsx: not a readable Excel workbook"):
        ingest_files(store, [broken])


def test_csv_record_issue_is_placed_by_line(store, tmp_path):
    # The first row's work notes span five lines, so the numberless row starts on line 7.
    path = write_csv(tmp_path / "gap.csv", [ROWS[0], ["", *ROWS[1][1:]]])
    (source,) = ingest_files(store, [path]).files
    (issue,) = source.issues
    assert issue.where(source.format) == "record 2, line 7"


# Two columns that could hold the number. Before: one was read and the other listed as "not
# read", with no notice. Rows counted by hand: INC2/INC9 differ (both filled); the fourth row
# has only the other column filled (and no number: rejected); INC3/"" and INC5/"N/A" are not
# two numbers.
TWO_NUMBERS = [
    ["INC1", "a", "INC1"],
    ["INC2", "b", "INC9"],
    ["INC3", "c", ""],
    ["", "d", "INC4"],
    ["INC5", "e", "N/A"],
]


def test_two_number_columns_say_which_is_read_and_where_they_differ(store, tmp_path):
    path = write_csv(tmp_path / "two.csv", TWO_NUMBERS, ["number", "short_description", "Number"])
    report = ingest_files(store, [path])
    (source,) = report.files
    assert source.notices[0] == (
        "two.csv: the number is read from column 'number', not from 'Number', which could hold "
        "it too (the leftmost of columns of the same name); they hold different values on 1 of "
        "5 rows; 'Number' alone holds one on 1 row"
    )
    assert source.unmapped == ["Number"]
    with open(path, newline="", encoding="utf-8") as f:
        expected = [r["number"] for r in csv.DictReader(f) if r["number"]]
    assert [t.number for t in db.iter_tickets(store, report.session_id)] == expected
    # the same columns the other way round: the leftmost is still the one read
    path = write_csv(
        tmp_path / "swap.csv", [r[::-1] for r in TWO_NUMBERS], ["Number", "s", "number"]
    )
    (source,) = ingest_files(store, [path]).files
    assert source.notices[0].startswith(
        "swap.csv: the number is read from column 'Number', not from 'number', "
    )


@pytest.mark.parametrize(
    "header",
    [["Incident ID", "Number", "s"], ["Number", "Incident ID", "s"]],
)
def test_of_two_number_names_the_preferred_one_is_read_wherever_it_is(store, tmp_path, header):
    # README "Ingestion": number, incident number, incident, ticket number, incident id.
    rows = [["X1", "INC1", "a"], ["INC2", "INC2", "b"]]
    if header[0] == "Number":
        rows = [[r[1], r[0], r[2]] for r in rows]
    path = write_csv(tmp_path / "ids.csv", rows, header)
    report = ingest_files(store, [path])
    (source,) = report.files
    assert source.notices[0] == (
        "ids.csv: the number is read from column 'Number', not from 'Incident ID', which could "
        "hold it too ('Number' comes before 'Incident ID' among the names of the number); they "
        "hold different values on 1 of 2 rows"
    )
    assert [t.number for t in db.iter_tickets(store, report.session_id)] == ["INC1", "INC2"]
    # the user's mapping decides, and the notice says so
    report = ingest_files(store, [path], new=True, mapping={"Incident ID": "number"})
    assert (
        report.files[0]
        .notices[0]
        .startswith(
            "ids.csv: the number is read from column 'Incident ID', not from 'Number', which could "
            "hold it too (your mapping names it)"
        )
    )
    assert [t.number for t in db.iter_tickets(store, report.session_id)] == ["X1", "INC2"]


def test_a_column_that_is_not_a_name_of_the_number_raises_no_notice(store, tmp_path):
    path = write_csv(
        tmp_path / "task.csv", [["INC1", "T1", "a"]], ["number", "task_number", "short_description"]
    )
    (source,) = ingest_files(store, [path]).files
    assert not any("the number is read" in n for n in source.notices)
    assert source.unmapped == ["task_number"]


def test_xlsx_with_two_number_columns_says_so(store, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["Number", "Short description", "Incident number"])
    wb.active.append(["INC1", "a", "INC1"])
    wb.active.append(["INC2", "b", "INC3"])
    wb.save(tmp_path / "two.xlsx")
    (source,) = ingest_files(store, [tmp_path / "two.xlsx"]).files
    assert (
        "two.xlsx: the number is read from column 'Number', not from 'Incident number', which "
        "could hold it too ('Number' comes before 'Incident number' among the names of the "
        "number); they hold different values on 1 of 2 rows"
    ) in source.notices


def test_cli_summary_says_which_number_column_was_read(tmp_path):
    from tests.conftest import run_cli

    path = write_csv(tmp_path / "two.csv", TWO_NUMBERS, ["number", "short_description", "Number"])
    proc = run_cli("ingest", path, check=True)
    assert (
        "  notice: two.csv: the number is read from column 'number', not from 'Number', which "
        "could hold it too (the leftmost of columns of the same name); they hold different "
        "values on 1 of 5 rows; 'Number' alone holds one on 1 row\n"
    ) in proc.stdout


def _quoted_export(path, rows=ROWS):
    """ROWS as ServiceNow's list export writes them: every field quoted, no final line break."""
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows([LABELS, *rows])
    path.write_text(buf.getvalue().rstrip("\n"), encoding="utf-8")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "cut_after, line",
    [
        # inside the second row's quoted short description; the first row's work notes span
        # five lines, so the second row starts on line 7
        ('"ACME - Lyon - VPN - Tunnel', 7),
        # inside the first row's work notes, right after one of their line breaks
        ("Validated by: employee ID 4411\n", 2),
    ],
)
def test_csv_cut_inside_a_quoted_field_is_refused_by_line(store, tmp_path, cut_after, line):
    # Before: a download cut short imported its last record as if it were whole (the csv
    # module hands an open quoted field over at the end of the file): a ticket with half a
    # short description and no agent, group or notes, and no word of it.
    whole = _quoted_export(tmp_path / "whole.csv")
    cut = tmp_path / "cut.csv"
    cut.write_text(whole[: whole.index(cut_after) + len(cut_after)], encoding="utf-8")
    with pytest.raises(InputError) as err:
        ingest_files(store, [cut])
    assert str(err.value) == (
        "cut.csv: the CSV is truncated: the file ends inside a quoted field of its last record "
        f"(line {line}); export the list again"
    )
    assert store.query("SELECT count(*) FROM tickets")[0][0] == 0
    assert store.query("SELECT count(*) FROM sessions")[0][0] == 0
    # beside a good file (the Upload page), the cut one is left out whole
    good = write_csv(tmp_path / "good.csv")
    report = ingest_files(store, [good, cut], on_error="skip")
    assert report.ticket_count == 2 and "truncated" in report.failed["cut.csv"]


def test_quoted_csv_without_a_final_line_break_is_whole(store, tmp_path):
    _quoted_export(tmp_path / "whole.csv")
    check_tickets(store, ingest_files(store, [tmp_path / "whole.csv"]))


def test_csv_of_another_system_is_refused_naming_its_columns(store, tmp_path):
    # A bank statement dropped by mistake. Before: "no tickets could be imported: bank.csv:
    # all 2 records were rejected (first: record 1, line 2: the record has no number)", where
    # a workbook of the same columns says it has no Number column, which columns it has and
    # how to map one.
    bank = tmp_path / "bank.csv"
    bank.write_text(
        "Date,Description,Amount,Balance\n2024-01-02,Coffee shop,-3.50,100.00\n"
        "2024-01-03,Salary,2000,2100\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        ingest_files(store, [bank])
    assert str(err.value).startswith(
        "bank.csv: no Number column (looked for: number, incident number, incident, ticket "
        "number, incident id, número, número do incidente); found: Date, Description, Amount, "
        "Balance. Every ticket needs its number"
    )
    assert store.query("SELECT count(*) FROM sessions")[0][0] == 0
    # beside a list export (the Upload page) it is left out and the export kept
    report = ingest_files(store, [write_csv(tmp_path / "list.csv"), bank], on_error="skip")
    assert report.ticket_count == 2 and "no Number column" in report.failed["bank.csv"]
    # a column mapped to the number is one
    mapped = ingest_files(store, [bank], mapping={"Description": "number"}, new=True)
    assert sorted(t.number for t in db.iter_tickets(store, mapped.session_id)) == [
        "Coffee shop",
        "Salary",
    ]


def test_a_session_is_named_after_the_files_it_holds(store, tmp_path):
    # The Upload page keeps the files it can read. Before: the session of [cut, list, bank,
    # other] was named "cut.csv and 3 more" although it held list.csv and other.csv only.
    cut = tmp_path / "cut.csv"
    cut.write_text('Number,Short description\nINC1,"Printer', encoding="utf-8")
    bank = tmp_path / "bank.csv"
    bank.write_text("Date,Amount\n2024-01-02,-3.50\n", encoding="utf-8")
    listed = write_csv(tmp_path / "list.csv")
    other = write_csv(tmp_path / "other.csv", [["INC0020003", *ROWS[0][1:]]])
    report = ingest_files(store, [cut, listed, bank, other], on_error="skip")
    assert sorted(report.failed) == ["bank.csv", "cut.csv"]
    assert report.name == "list.csv and 1 more"
    assert db.get_session(store, report.session_id).name == "list.csv and 1 more"
    one = ingest_files(store, [bank, other], on_error="skip", new=True)
    assert db.get_session(store, one.session_id).name == "other.csv"
    # a name the user gave stays
    given = ingest_files(store, [cut, other], "Week 50", on_error="skip", new=True)
    assert db.get_session(store, given.session_id).name == "Week 50"


def test_a_blank_session_name_is_no_name(tmp_path, isolated_state):
    """`tqrs ingest list.csv --name "   "` stored a session named three spaces (listed as a
    blank by `tqrs sessions`, a blank label on every page); a name with a line break printed
    over two lines. Blank is no name (named after the file, as the Upload page does); a name
    is one line."""
    from tests.conftest import run_cli

    listed = write_csv(tmp_path / "list.csv")
    blank = run_cli("ingest", str(listed), "--name", "   ")
    assert blank.returncode == 0, blank.stderr
    two_lines = run_cli("ingest", str(listed), "--new", "--name", "Week 50\nfake line")
    assert two_lines.returncode == 0, two_lines.stderr
    with Store(isolated_state) as store:
        names = [s.name for s in db.list_sessions(store)]
    assert names == ["list.csv", "Week 50 fake line"]


def _many_rows(n: int) -> list[list[str]]:
    """n one-line records of ROWS[1]'s shape, numbered INC0030001 on."""
    return [[f"INC{30000 + i:07d}", *ROWS[1][1:]] for i in range(1, n + 1)]


def _lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def _refused(store, path) -> str:
    with pytest.raises(InputError) as err:
        ingest_files(store, [path])
    assert store.query("SELECT count(*) FROM tickets")[0][0] == 0
    assert store.query("SELECT count(*) FROM sessions")[0][0] == 0
    return str(err.value)


@pytest.mark.parametrize("line", [5, 1201])  # in the first 4 KB, and far past it
def test_a_run_of_nul_bytes_in_the_middle_of_a_csv_is_refused_by_line(store, tmp_path, line):
    # Before: 4,096 NULs on line 1201 were stored inside record 1200's short description (all
    # 1,500 imported, no word); on line 5, the file was called "binary data".
    lines = _lines(write_csv(tmp_path / "whole.csv", rows=_many_rows(1500)))
    at = lines[line - 1].index(",") + 5  # inside the short description
    lines[line - 1] = lines[line - 1][:at] + "\0" * 4096 + lines[line - 1][at:]
    damaged = tmp_path / "damaged.csv"
    damaged.write_text("".join(lines), encoding="utf-8")
    assert _refused(store, damaged) == (
        f"damaged.csv: line {line} (record {line - 1}): 4,096 NUL bytes in the middle of the "
        "file: it is damaged there (a copy or download that lost data); nothing of it is "
        "imported; export the list again"
    )


def test_a_quote_that_never_closes_in_the_middle_of_a_csv_is_refused_by_line(store, tmp_path):
    # Before: "the file ends inside a quoted field of its last record (line 801)", though the
    # file was whole to its end: the quote broke on line 801 and swallowed the 700 records after.
    lines = _lines(write_csv(tmp_path / "whole.csv", rows=_many_rows(1500)))
    lines[800] = lines[800].replace(",ACME", ',"ACME', 1)  # line 801: record 800
    broken = tmp_path / "broken.csv"
    broken.write_text("".join(lines), encoding="utf-8")
    assert _refused(store, broken) == (
        "broken.csv: line 801 (record 800): a quoted field opens there and never closes, so "
        "the 701 lines from there to the end of the file would be one field: the file is cut "
        "short or damaged there; nothing of it is imported; export the list again"
    )


def test_a_csv_cut_in_the_middle_of_an_unquoted_record_is_refused(store, tmp_path):
    # Before: the last record, cut after its third column, was imported whole (no state, no
    # agent), "0 with warnings".
    text = write_csv(tmp_path / "whole.csv").read_text(encoding="utf-8")
    cut = tmp_path / "cut.csv"
    last = text.rindex("ACME - Lyon")  # the second record's third column, on line 7
    cut.write_text(text[: last + len("ACME - Lyon")], encoding="utf-8")
    assert _refused(store, cut) == (
        "cut.csv: the CSV is truncated: its last record (line 7) stops after 3 of the 13 "
        "columns, with no line end; export the list again"
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_csv_saved_as_utf16_is_read(store, tmp_path, encoding):
    # Excel's "Unicode Text" and PowerShell write UTF-16. Before: "this is binary data, not a
    # CSV export".
    report = ingest_files(store, [write_csv(tmp_path / "wide.csv", encoding=encoding)])
    check_tickets(store, report)
    assert report.files[0].encoding == "UTF-16"
    assert report.files[0].notices[0] == "wide.csv: saved as UTF-16 text; read as UTF-16"


def test_encoding_check_of_a_large_file_reads_it_in_pieces(tmp_path):
    # 16 MiB not valid UTF-8 (a lone 0xE9 at byte 34), one byte Windows-1252 leaves undefined
    # (0x81) at the very end: Latin-1, found without holding the file (the check read it whole).
    path = tmp_path / "big.csv"
    path.write_bytes(b"Number,Short description\r\nINC1,caf\xe9\r\n" + b"a" * (16 << 20) + b"\x81")
    tracemalloc.start()
    try:
        encoding, notice = detect_encoding(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert encoding == "latin-1" and "Latin-1" in notice and "offset 34" in notice
    assert peak < 8 << 20, peak  # the file is 16 MiB: read whole it was 52 MB


def test_a_sep_line_gives_the_delimiter_and_is_not_the_header(store, tmp_path):
    """A CSV made for Excel in a ';' locale may open with Excel's "sep=;" line (Excel reads it
    as the delimiter and shows the header below it). Before, that line was taken for the
    header: "pt.csv: no Number column ... found: sep=, column 2", nothing imported. Rows in the
    shape of flpereira_ptbr_incident.xlsx after a BOM and "sep=;"; the third has no number."""
    header = ["Número", "Descrição resumida", "Status", "Anotações de trabalho"]
    body = [
        ["INC1641730", "Usuária deseja suporte; Canal Cliente", "Em Andamento", "a\nb\nc"],
        ["INC1641731", "Erro, ao salvar", "Resolvido", "x"],
        ["", "Sem número", "Fechado", "y"],
        ["INC1641733", "Impressora", "Fechado", ""],
    ]
    buf = io.StringIO()
    csv.writer(buf, delimiter=";").writerows([header, *body])
    text = "sep=;\r\n" + buf.getvalue()
    path = tmp_path / "pt.csv"
    path.write_bytes(("\ufeff" + text).encode("utf-8"))
    (source,) = ingest_files(store, [path]).files
    tickets = list(db.iter_tickets(store, 1))
    assert [(t.number, t.short_description, t.state) for t in tickets] == [
        ("INC1641730", "Usuária deseja suporte; Canal Cliente", "In Progress"),
        ("INC1641731", "Erro, ao salvar", "Resolved"),
        ("INC1641733", "Impressora", "Closed"),
    ]
    assert tickets[0].work_notes == "a\nb\nc"
    (issue,) = source.issues
    # the numberless record starts on the line after the sep line, the header and the first
    # two records (the first spans three lines): line 1 + 1 + 3 + 1 + 1 = 7
    assert issue.where(source.format) == "record 3, line 7"


def test_a_record_of_several_lines_is_placed_by_its_first(store, tmp_path):
    """RecordIssue.line is where the record starts, but a CSV record was placed by the line it
    ends on: a numberless record on lines 3-6 (its work notes span four lines) read "record 2,
    line 6", the last line of its notes, where an editor shows no record start."""
    path = tmp_path / "notes.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(
            [
                ["number", "short_description", "work_notes"],
                ["INC0000001", "Mail down", "restarted"],
                ["", "VPN down", "line 1\nline 2\nline 3\nline 4"],
                ["INC0000003", "Printer", ""],
            ]
        )
    text = path.read_text(encoding="utf-8").splitlines()
    assert text[2].startswith(",VPN down") and text[5].startswith("line 4")  # lines 3 and 6
    (source,) = ingest_files(store, [path]).files
    (issue,) = source.issues
    assert issue.where(source.format) == "record 2, line 3"
