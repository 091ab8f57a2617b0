import json

from tests.app.conftest import SAMPLE, open_app, shown, texts
from tests.conftest import incident


def _upload(at, files, name=""):
    at.file_uploader(key="upload_files").set_value(files)
    at.run()
    if name:
        at.text_input(key="upload_name").input(name)
    at.button(key="upload_create").click().run()
    assert not at.exception, at.exception
    return at


def test_good_and_bad_files_keep_the_good_ones(app_store):
    good = json.dumps({"records": [incident(1), incident(2), incident(3)]}).encode()
    at = _upload(
        open_app("upload"),
        [
            ("mine.json", good, "application/json"),
            ("broken.json", b'{"records": [ {"number": ', "application/json"),
            ("empty.csv", b"", "text/csv"),
        ],
        name="Week 12",
    )
    errors = [shown(e.value) for e in at.error]
    assert any("broken.json" in e for e in errors), errors
    assert any("empty.csv" in e for e in errors), errors
    assert "Week 12" in at.success[0].value and "3 tickets" in at.success[0].value
    assert app_store.query("SELECT name, ticket_count FROM sessions") == [("Week 12", 3)]
    page = texts(at)
    assert "Field completeness" in page and "Volume over time" in page
    assert at.dataframe  # per-file counts and the preview


def test_all_files_bad_creates_nothing(app_store):
    at = _upload(open_app("upload"), [("x.csv", b"", "text/csv")])
    assert at.error and "no tickets could be imported" in at.error[0].value
    assert app_store.query("SELECT count(*) FROM sessions")[0][0] == 0
    # the refused upload took no session number (before: "Created session #2")
    good = json.dumps({"records": [incident(1)]}).encode()
    _upload(at, [("mine.json", good, "application/json")])
    assert "Created session #1 " in at.success[0].value


def test_sample_button_and_profile(app_store):
    at = open_app("upload")
    assert at.button(key="upload_create").disabled  # nothing dropped yet
    at.button(key="upload_sample").click().run()
    assert "200 tickets" in at.success[0].value
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Tickets"] == "200"


def test_create_button_uploads_the_sample_export(app_store):
    at = _upload(open_app("upload"), [("incidents.json", SAMPLE.read_bytes(), "application/json")])
    assert "200 tickets" in at.success[0].value
    assert not at.error


def test_csv_and_xlsx_in_one_session(app_store, tmp_path):
    import csv
    import io

    import openpyxl

    rows = list(csv.reader(io.StringIO((SAMPLE.parent / "incidents.csv").read_text())))
    wb = openpyxl.Workbook()
    for row in [rows[0]] + [r for r in rows[1:] if r[0] == "INC0010002"]:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at = _upload(
        open_app("upload"),
        [
            ("list.csv", (SAMPLE.parent / "incidents.csv").read_bytes(), "text/csv"),
            ("one.xlsx", buf.getvalue(), xlsx),
        ],
    )
    assert not at.error, [e.value for e in at.error]
    files = at.dataframe[0].value
    assert files["file"].tolist() == ["list.csv", "one.xlsx"]
    assert files["format"].tolist() == ["csv", "xlsx"]
    assert files["records"].tolist()[1] == 1


def test_pdf_prints_and_a_broken_pdf(app_store):
    from tqrs.config import SAMPLES_DIR

    pdfs = SAMPLES_DIR / "pdf"
    at = _upload(
        open_app("upload"),
        [
            ("incident-form.pdf", (pdfs / "incident-form.pdf").read_bytes(), "application/pdf"),
            (
                "incident-multipage.pdf",
                (pdfs / "incident-multipage.pdf").read_bytes(),
                "application/pdf",
            ),
            ("scan.pdf", b"not a pdf at all", "application/pdf"),
        ],
        name="Printed",
    )
    errors = [shown(e.value) for e in at.error]
    assert any("scan.pdf" in e and "not a PDF" in e for e in errors), errors
    numbers = {
        i["number"]
        for n in ("form", "multipage")
        for i in json.loads((pdfs / f"incident-{n}.json").read_text())["incidents"]
    }
    stored = {r[0] for r in app_store.query("SELECT number FROM tickets")}
    assert numbers and numbers <= stored, (numbers, stored)


def test_near_duplicates_found_on_demand(app_store, monkeypatch):
    monkeypatch.setenv("TQRS_EMBEDDER", "fake")
    good = json.dumps({"records": [incident(1), incident(2), incident(3, description="other")]})
    at = _upload(open_app("upload"), [("dups.json", good.encode(), "application/json")])
    assert "Near-duplicate tickets: not computed: the session has no embeddings yet" in texts(at)
    at.button(key="upload_near_dups").click().run()
    assert not at.exception, at.exception
    page = texts(at)
    assert "1 pair of different numbers" in page and "2 tickets" in page
    examples = next(d.value for d in at.dataframe if "Near-duplicate of" in d.value.columns)
    assert list(examples["Ticket"]) == ["INC0010001"]
    assert list(examples["Near-duplicate of"]) == ["INC0010002"]
    at.run()  # embedded now: computed on every view, no button
    assert not [b for b in at.button if b.key == "upload_near_dups"]
    assert "1 pair of different numbers" in texts(at)


def test_mapping_step_reads_unknown_columns_and_is_remembered(app_store):
    header = "Number,Affected User,Hostname,Short description\n"
    first = (header + "INC1,Ann,pc-1,Printer jam\n").encode()
    at = open_app("upload")
    at.file_uploader(key="upload_files").set_value([("week1.csv", first, "text/csv")]).run()
    labels = [s.label for s in at.selectbox if s.key and s.key.startswith("upload_map_")]
    # Labels are Markdown-escaped (a file or column name is untrusted text).
    assert labels == [r"Hostname \(week1\.csv\)"]  # Affected User is a known label
    at.selectbox(key="upload_map_week1.csv_Hostname").set_value("cmdb_ci").run()
    at.button(key="upload_create").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert app_store.query("SELECT cmdb_ci, caller FROM tickets") == [("pc-1", "Ann")]
    # the next file with the same columns: the choice is made already
    second = (header + "INC2,Bob,pc-2,Screen dark\n").encode()
    at = open_app("upload")
    at.file_uploader(key="upload_files").set_value([("week2.csv", second, "text/csv")]).run()
    assert at.selectbox(key="upload_map_week2.csv_Hostname").value == "cmdb_ci"
    at.button(key="upload_create").click().run()
    rows = app_store.query("SELECT number, cmdb_ci FROM tickets ORDER BY number")
    assert rows == [("INC1", "pc-1"), ("INC2", "pc-2")]


def test_columns_not_read_and_empty_fields_are_shown(app_store):
    data = b"Number,Short description,Hostname\nINC1,,pc-1\nINC2,,pc-2\n"
    at = _upload(open_app("upload"), [("hosts.csv", data, "text/csv")])
    files = at.dataframe[0].value
    assert files["columns not read"].tolist() == [1]
    assert "1 column not read as a field" in [e.label for e in at.expander]
    presence = next(d.value for d in at.dataframe if "absent from export" in d.value.columns)
    row = presence[presence["field"] == "short_description"].iloc[0]
    assert (row["blank"], row["absent from export"]) == (2, 0)
    row = presence[presence["field"] == "description"].iloc[0]
    assert (row["blank"], row["absent from export"], row["files without it"]) == (0, 2, "hosts.csv")


def test_unread_columns_are_counted_once_across_files(app_store):
    header = "Number,Hostname,Rack,Short description\n"
    files = [
        (f"week{i}.csv", (header + f"INC{i},pc-{i},r{i},Printer jam\n").encode(), "text/csv")
        for i in (1, 2)
    ]
    at = open_app("upload")
    at.file_uploader(key="upload_files").set_value(files).run()
    # Hostname and Rack, each in both files: two columns, four choices
    assert "Columns TQRS does not read (2 in 2 files): map any of them to a field" in [
        e.label for e in at.expander
    ]
    assert len([s for s in at.selectbox if s.key and s.key.startswith("upload_map_")]) == 4


def test_a_one_ticket_export_reads_one_ticket(app_store):
    """A real one-incident export (a Table API response, an XML unload of one incident, a
    form's PDF) was reported as "Created session #3 · … · 1 tickets"."""
    export = json.dumps({"records": [incident(1)]}).encode()
    at = _upload(open_app("upload"), [("one.json", export, "application/json")])
    message = shown(at.success[0].value)
    assert message.endswith("· one.json · 1 ticket"), message


def test_an_excel_export_whose_number_column_has_another_name_can_be_mapped(app_store, tmp_path):
    """A workbook whose numbers are under "Ref": the Upload page offers its columns for mapping
    (it offered none, so a workbench user could not import it), and "Ref" mapped to number
    imports both rows. Without the mapping the refusal names the page's mapping step."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["Ref", "Short description", "Priority"])
    wb.active.append(["INC7000001", "Printer jam", "3 - Moderate"])
    wb.active.append(["INC7000002", "VPN drops", "2 - High"])
    wb.save(tmp_path / "refs.xlsx")
    data = (tmp_path / "refs.xlsx").read_bytes()
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    at = _upload(open_app("upload"), [("refs.xlsx", data, kind)])
    refused = shown(at.error[0].value)
    assert "refs.xlsx: no Number column" in refused
    assert 'the Upload page\'s "Columns TQRS does not read"' in refused
    assert app_store.query("SELECT count(*) FROM tickets") == [(0,)]

    at = open_app("upload")
    at.file_uploader(key="upload_files").set_value([("refs.xlsx", data, kind)]).run()
    at.selectbox(key="upload_map_refs.xlsx_Ref").set_value("number").run()
    at.button(key="upload_create").click().run()
    assert not at.exception, at.exception
    rows = app_store.query("SELECT number, short_description FROM tickets ORDER BY number")
    assert rows == [("INC7000001", "Printer jam"), ("INC7000002", "VPN drops")]


def test_a_json_file_that_is_not_an_export_says_what_it_holds(app_store):
    # Before: "null.json: not JSON (it starts with b'null')", as `tqrs ingest` said.
    good = json.dumps({"records": [incident(1)]}).encode()
    at = _upload(
        open_app("upload"),
        [("mine.json", good, "application/json"), ("null.json", b"null", "application/json")],
    )
    errors = [shown(e.value) for e in at.error]
    assert any(
        "null.json: the file is JSON, but it holds a JSON null, not a list of incident records" in e
        for e in errors
    ), errors
    assert "1 ticket" in at.success[0].value


def test_two_number_columns_are_named_before_and_after_the_import(app_store):
    # Before: 'Number' was only one of the "Columns TQRS does not read", with no word of it.
    data = b"number,short_description,Number\nINC1,a,INC1\nINC2,b,INC9\n"
    at = open_app("upload")
    at.file_uploader(key="upload_files").set_value([("two.csv", data, "text/csv")])
    at.run()
    notes = [shown(i.value) for i in at.info]
    assert (
        "two.csv: the number will be read from column 'number'; 'Number' could hold it too "
        "and will not be read (the import says on how many rows they differ)"
    ) in notes, notes
    at.button(key="upload_create").click().run()
    notes = [shown(i.value) for i in at.info]
    assert (
        "two.csv: the number is read from column 'number', not from 'Number', which could hold "
        "it too (the leftmost of columns of the same name); they hold different values on 1 of "
        "2 rows"
    ) in notes, notes


def test_one_record_issue_in_words(app_store):
    """One record with a warning: "1 record issue" (before: "1 record issues")."""
    records = [incident(1, priority="abc"), incident(2)]
    data = json.dumps({"records": records}).encode()
    at = _upload(open_app("upload"), [("one.json", data, "application/json")])
    labels = [shown(e.label) for e in at.expander]
    assert "1 record issue" in labels, labels
    assert "1 column not read as a field" in labels, labels  # u_custom_region


def test_a_session_named_a_number_alone_is_refused_on_the_page(app_store):
    good = json.dumps({"records": [incident(1)]}).encode()
    at = _upload(open_app("upload"), [("mine.json", good, "application/json")], name="1")
    errors = [shown(e.value) for e in at.error]
    assert any("session name '1' is a number alone" in e for e in errors), errors
    assert app_store.query("SELECT count(*) FROM sessions")[0][0] == 0


def test_formulas_without_results_are_said_on_the_page(app_store, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Number", "Short description", "Site", "Device"])
    ws.append(["INC0000001", "=C2&D2", "Lyon ", "printer"])
    wb.save(tmp_path / "calc.xlsx")
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at = _upload(open_app("upload"), [("calc.xlsx", (tmp_path / "calc.xlsx").read_bytes(), kind)])
    notes = [shown(i.value) for i in at.info]
    assert any(
        "calc.xlsx: formulas without their results in sheet 'Sheet', column "
        "'Short description' (1 cell)" in n
        for n in notes
    ), notes


def test_the_preview_names_opened_times_as_the_notice_says(app_store):
    """A list CSV of display values: the notice says its dates are not in UTC, so the preview's
    column says they are as exported (before: "Opened (UTC)" beside that notice); a raw JSON
    export's are UTC."""
    csv_text = (
        '"number","opened_at","short_description","state"\n'
        '"INC0000055","2021-02-07 20:47:23","SAP Sales app is not accessible","In Progress"\n'
    )
    at = _upload(open_app("upload"), [("list.csv", csv_text.encode(), "text/csv")])
    assert any("not in UTC" in i.value for i in at.info), [i.value for i in at.info]
    preview = next(d.value for d in at.dataframe if "Short description" in d.value.columns)
    assert "Opened (UTC)" not in preview.columns
    assert preview["Opened (as exported)"].tolist() == ["2021-02-07 20:47"]
    raw = json.dumps({"records": [incident(1)]}).encode()
    at = _upload(open_app("upload"), [("raw.json", raw, "application/json")])
    preview = next(d.value for d in at.dataframe if "Short description" in d.value.columns)
    assert preview["Opened (UTC)"].tolist() == ["2025-12-10 04:26"]
