"""What real exports mean record by record (issue 13; issue 17 items 1 and 8), on files written
the way ServiceNow, spreadsheets and pandas write them. Expected values are written by hand or
read back with Python's csv module."""

import csv
import io
import json
import re
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from tests.conftest import incident, run_cli, write_export
from tqrs.commands.profile_text import profile_text
from tqrs.errors import InputError
from tqrs.ingest import ingest_files
from tqrs.profile import build_profile, unassessable_fields
from tqrs.store import sessions as db
from tqrs.store.profile import fields_carried


def tickets_of(store, report):
    return list(db.iter_tickets(store, report.session_id))


def write_rows(path, header, rows, **fmt):
    buf = io.StringIO()
    writer = csv.writer(buf, **fmt)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def counts_add_up(f):
    assert f.imported + f.merged + f.superseded + f.rejected == f.records


# --- 1. CSV quoting --------------------------------------------------------------------------


def test_quoted_list_export_reads_as_rfc_4180(store, tmp_path):
    """Every field quoted, `""` inside, line breaks inside: the csv.Sniffer guesses
    doublequote=False from such a header line and corrupts these fields."""
    header = ["number", "short_description", "assignment_group", "sys_updated_on"]
    rows = [
        ["INC1", 'Since flags re "release to patient" have started', "Lab", "2014-07-26 00:12:03"],
        ["INC2", 'Create group "MY DUKE-Provost"', "Desk", "2014-07-26 00:12:04"],
        ["INC3", 'broken "wireless\nmouse", "keyboard"', "Desk", "2014-07-26 00:12:05"],
        ["INC4", '"', "Desk", "2014-07-26 00:12:06"],
    ]
    path = write_rows(tmp_path / "quoted.csv", header, rows, quoting=csv.QUOTE_ALL)
    report = ingest_files(store, [path])
    (f,) = report.files
    assert (f.records, f.imported, f.warnings) == (4, 4, 0)
    with open(path, newline="", encoding="utf-8") as fh:
        expected = list(csv.DictReader(fh))
    for row, t in zip(expected, tickets_of(store, report), strict=True):
        assert t.raw == row
        assert t.short_description == row["short_description"]
        assert t.assignment_group == row["assignment_group"]
        assert t.updated_at == datetime.fromisoformat(row["sys_updated_on"])


def test_pandas_written_csv_with_quotes_in_text(store, tmp_path):
    frame = pd.DataFrame(
        {
            "number": ["INC1", "INC2", "INC3"],
            "description": ['He said "reboot", then "again"', "plain", 'a "b"\nc'],
            "close_notes": ['"quoted start', "x", ""],
        }
    )
    path = tmp_path / "frame.csv"
    frame.to_csv(path, index=False)
    tickets = tickets_of(store, ingest_files(store, [path]))
    assert [t.description for t in tickets] == list(frame["description"])
    assert [t.close_notes for t in tickets] == ['"quoted start', "x", ""]


def test_delimiter_comes_from_the_header_line(store, tmp_path):
    path = write_rows(
        tmp_path / "semi.csv",
        ["Number", "Short description", "Caller"],
        [["INC1", "VPN; drops, hourly", "Ann"]],
        delimiter=";",
    )
    (t,) = tickets_of(store, ingest_files(store, [path]))
    assert (t.short_description, t.caller) == ("VPN; drops, hourly", "Ann")


def test_a_field_over_the_csv_modules_default_limit(store, tmp_path):
    """131,073 characters in one field: _csv.Error before; now the record imports, analysed
    truncated."""
    long = "x" * 131_073
    path = write_rows(tmp_path / "long.csv", ["number", "description"], [["INC1", long]])
    (t,) = tickets_of(store, ingest_files(store, [path]))
    assert t.raw["description"] == long and t.truncated == ["description"]


def test_unreadable_csv_fails_alone_in_an_upload(store, tmp_path):
    good = write_export(tmp_path / "good.json", [incident(1)])
    bad = tmp_path / "nul.csv"
    bad.write_bytes(b"number,description\nINC1,a\x00b\n")
    report = ingest_files(store, [good, bad], on_error="skip")
    assert report.ticket_count == 1 and "nul.csv" in report.failed
    with pytest.raises(InputError, match="nul.csv"):
        ingest_files(store, [bad])


# --- 2. Dates --------------------------------------------------------------------------------


def opened(store, rows, tmp_path, name="dates.csv", column="opened_at"):
    path = write_rows(
        tmp_path / name, ["number", column], [[f"INC{i}", v] for i, v in enumerate(rows)]
    )
    report = ingest_files(store, [path], new=True)
    return report, [t.opened_at for t in tickets_of(store, report)]


def test_day_first_column_is_settled_by_a_day_over_12(store, tmp_path):
    report, values = opened(store, ["03-04-2016 10:00", "29-02-2016 01:16"], tmp_path)
    assert values == [datetime(2016, 4, 3, 10, 0), datetime(2016, 2, 29, 1, 16)]
    assert any(
        "opened_at read day first (as '29-02-2016 01:16'" in n for n in report.files[0].notices
    )


def test_month_first_column_and_short_forms(store, tmp_path):
    _, values = opened(store, ["03-04-2025 10:00:00", "02-28-2025 14:06:19"], tmp_path)
    assert values == [datetime(2025, 3, 4, 10, 0), datetime(2025, 2, 28, 14, 6, 19)]
    _, values = opened(store, ["3/17/2025 6:04", "12/1/2025 18:30"], tmp_path, "short.csv")
    assert values == [datetime(2025, 3, 17, 6, 4), datetime(2025, 12, 1, 18, 30)]


def test_a_column_without_a_telling_value_takes_the_files_order(store, tmp_path):
    path = write_rows(
        tmp_path / "two.csv",
        ["number", "opened_at", "closed_at"],
        [["INC1", "29-02-2016 01:16", "03-04-2016 10:00"]],
    )
    (t,) = tickets_of(store, ingest_files(store, [path]))
    assert t.closed_at == datetime(2016, 4, 3, 10, 0)


def test_an_ambiguous_column_is_read_month_first_with_a_warning(store, tmp_path):
    report, values = opened(store, ["03-04-2016 10:00", "05-06-2016 11:00"], tmp_path)
    assert values == [datetime(2016, 3, 4, 10, 0), datetime(2016, 5, 6, 11, 0)]
    (warning,) = [n for n in report.files[0].notices if "warning" in n]
    assert "every date could be day or month first" in warning and "month first" in warning


def test_impossible_dates_are_warnings_and_offsets_are_applied(store, tmp_path):
    recs = [
        incident(1, opened_at="2024-02-30 10:00:00"),
        incident(2, opened_at="2024-13-01"),
        incident(3, opened_at="2025-01-01T10:00:00+05:00", closed_at="2025-01-01T10:00:00Z"),
        incident(4, reassignment_count="1e309", reopen_count="3000000000"),
        incident(5, priority="99999999999999999999", impact="High"),
    ]
    report = ingest_files(store, [write_export(tmp_path / "bad.json", recs)])
    f = report.files[0]
    assert (f.imported, f.warnings) == (5, 4)
    messages = {i.number: [] for i in f.issues}
    for i in f.issues:
        messages[i.number].append(i.message)
    assert (
        "opened_at '2024-02-30 10:00:00' is not a valid date (February 2024 has no day 30)"
        in (messages["INC0010001"][0])
    )
    assert "there is no month 13" in messages["INC0010002"][0]
    assert "reassignment_count '1e309' is not a whole number" in messages["INC0010004"][0]
    assert "reopen_count '3000000000' is out of range" in messages["INC0010004"][1]
    assert "priority '99999999999999999999' is out of range" in messages["INC0010005"][0]
    t = {t.number: t for t in tickets_of(store, report)}
    assert t["INC0010001"].opened_at is None and t["INC0010001"].notes
    assert t["INC0010003"].opened_at == datetime(2025, 1, 1, 5, 0)  # stored in UTC
    assert t["INC0010003"].closed_at == datetime(2025, 1, 1, 10, 0)
    assert t["INC0010004"].reassignment_count is None and t["INC0010004"].reopen_count is None
    assert (t["INC0010005"].priority, t["INC0010005"].impact) == (None, 1)


def test_numbers_json_cannot_hold_are_record_warnings(store, tmp_path):
    path = tmp_path / "wide.json"
    path.write_text(
        '{"records": [{"number": "INC1", "reassignment_count": 1e309, '
        '"priority": 99999999999999999999}, {"number": "INC2", "priority": "2"}]}'
    )
    report = ingest_files(store, [path])
    assert report.ticket_count == 2 and report.files[0].warnings == 1
    first, second = tickets_of(store, report)
    assert (first.reassignment_count, first.priority, second.priority) == (None, None, 2)


def test_creation_date_stands_in_for_a_missing_opened_time(store, tmp_path):
    path = write_rows(tmp_path / "created.csv", ["Number", "Created"], [["INC1", "2024-03-05"]])
    (t,) = tickets_of(store, ingest_files(store, [path]))
    assert t.opened_at == datetime(2024, 3, 5)
    raw = write_export(tmp_path / "raw.json", [{"number": "INC2", "sys_created_on": "2024-03-06"}])
    (t,) = tickets_of(store, ingest_files(store, [raw]))
    assert t.opened_at == datetime(2024, 3, 6)


def test_display_value_exports_say_their_dates_are_in_the_exporters_zone(store, tmp_path):
    display = write_export(tmp_path / "d.json", [incident(1, state="Closed")], key="result")
    raw = write_export(tmp_path / "r.json", [incident(2)])
    report = ingest_files(store, [display, raw])
    d, r = report.files
    assert any("time zone of the user who exported it" in n for n in d.notices)
    assert not any("time zone" in n for n in r.notices)


# --- 3. Placeholders -------------------------------------------------------------------------


def test_placeholders_are_empty_values(store, tmp_path):
    header = ["number", "short_description", "assigned_to", "state", "priority", "opened_at"]
    rows = [
        ["INC1", "null", "?", "?", "N/A", "?"],
        ["INC2", "NULL", "-", "-", "-", "-"],
        ["INC3", "N/A", "", "", "", ""],
        ["INC4", "Real text", "Ann", "Closed", "2 - High", "2025-01-01 10:00:00"],
    ]
    report = ingest_files(store, [write_rows(tmp_path / "p.csv", header, rows)])
    assert report.files[0].warnings == 0
    tickets = tickets_of(store, report)
    assert [t.short_description for t in tickets] == ["", "", "", "Real text"]
    assert [t.assigned_to for t in tickets] == ["", "", "", "Ann"]
    assert [t.state for t in tickets] == ["", "", "", "Closed"]
    assert [t.priority for t in tickets] == [None, None, None, 2]
    assert [t.opened_at for t in tickets][:3] == [None, None, None]
    profile = build_profile(store, report.session_id)
    assert profile.presence["assigned_to"].blank == 3
    assert profile.distributions["state"][0] == ("", 3)  # not an agent or state named "?"


def test_a_placeholder_number_is_no_number(store, tmp_path):
    report = ingest_files(
        store, [write_rows(tmp_path / "n.csv", ["number", "x"], [["?", "a"], ["INC1", "b"]])]
    )
    assert report.ticket_count == 1 and "no number" in report.files[0].issues[0].message


# --- 4. References -------------------------------------------------------------------------


def test_dict_text_references_and_sys_id_notice(store, tmp_path):
    sys_id = "681b365ec0a80164000fb0b05854a0cd"
    link = f"https://dev1.service-now.com/api/now/table/sys_user/{sys_id}"
    rows = [
        ["INC1", str({"link": link, "value": sys_id}), str({"link": link, "value": sys_id})],
        ["INC2", json.dumps({"display_value": "Beth Anglin", "link": link}), ""],
    ]
    path = write_rows(tmp_path / "api.csv", ["number", "assigned_to", "caller_id"], rows)
    report = ingest_files(store, [path])
    first, second = tickets_of(store, report)
    assert (first.assigned_to, first.caller) == (sys_id, sys_id)
    assert second.assigned_to == "Beth Anglin"
    only_ids = write_export(
        tmp_path / "raw.json", [incident(1, assigned_to=sys_id, assignment_group="f" * 32)]
    )
    f = ingest_files(store, [only_ids]).files[0]
    (notice,) = [n for n in f.notices if "hold sys_ids" in n]
    assert "assignment_group" in notice and "sysparm_display_value=true" in notice


def test_reference_text_shows_sys_ids_shortened():
    from tqrs.display import reference_text

    assert reference_text("681b365ec0a80164000fb0b05854a0cd") == "sys_id 681b…"
    assert reference_text("Beth Anglin") == "Beth Anglin" and reference_text("") == ""
    assert reference_text("681B365EC0A80164000FB0B05854A0CD") == "681B365EC0A80164000FB0B05854A0CD"


# --- 5. Columns ----------------------------------------------------------------------------


LABELS = [
    "Number",
    "Created",
    "Last update",
    "Affected User",
    "Detailed Description",
    "closed_code",
    "Resolution Notes",
    "Assigned to",
    "Hostname",
]


def test_common_labels_of_real_instances(store, tmp_path):
    row = ["INC1", "2025-01-02 03:04:05", "2025-01-03 03:04:05", "Ann", "Long", "c1", "Fixed"]
    path = write_rows(tmp_path / "labels.csv", LABELS, [[*row, "Bob", "pc-17"]])
    report = ingest_files(store, [path])
    (t,) = tickets_of(store, report)
    assert (t.opened_at, t.updated_at) == (
        datetime(2025, 1, 2, 3, 4, 5),
        datetime(2025, 1, 3, 3, 4, 5),
    )
    assert (t.caller, t.description, t.close_code, t.close_notes, t.assigned_to) == (
        "Ann",
        "Long",
        "c1",
        "Fixed",
        "Bob",
    )
    assert report.files[0].unmapped == ["Hostname"]
    assert report.files[0].columns["caller"] == "Affected User"


def test_resolution_information_and_affected_ci_labels(store, tmp_path):
    # A corporate instance's Excel export (Hitachi Rail's service desk) labels the close
    # notes "Resolution Information" (the section of the form that holds them; filled on
    # all 5,944 of its closed and resolved incidents: "Roll back of DNS changes applied on
    # June 17, 2020") and the configuration item "Affected CI". Before, both were "not read":
    # resolution_notes and resolution_quality "not in export" on every ticket.
    header = ["Number", "State", "Resolution Information", "Affected CI", "Sub-Category L1"]
    row = ["INC1", "Closed", "Roll back of DNS changes", "Windchill_Application", "Data"]
    report = ingest_files(store, [write_rows(tmp_path / "ri.csv", header, [row])])
    (t,) = tickets_of(store, report)
    assert (t.close_notes, t.cmdb_ci) == ("Roll back of DNS changes", "Windchill_Application")
    # its first level below the category, "Sub-Category L1", is the subcategory
    assert t.subcategory == "Data"
    assert report.files[0].unmapped == []


@pytest.mark.parametrize("kind", ["csv", "xlsx", "json"])
def test_map_reaches_every_format_and_may_name_the_number(store, tmp_path, kind):
    header, row = ["Ticket", "Hostname", "Summary"], ["T-1", "pc-17", "Printer jam"]
    if kind == "csv":
        path = write_rows(tmp_path / "m.csv", header, [row])
    elif kind == "xlsx":
        wb = openpyxl.Workbook()
        wb.active.append(header)
        wb.active.append(row)
        path = tmp_path / "m.xlsx"
        wb.save(path)
    else:
        path = write_export(tmp_path / "m.json", [dict(zip(header, row, strict=True))])
    with pytest.raises(InputError, match="(?i)no number"):
        ingest_files(store, [path])
    report = ingest_files(store, [path], mapping={"ticket": "number", "HOSTNAME": "cmdb_ci"})
    (t,) = tickets_of(store, report)
    assert (t.number, t.cmdb_ci, t.short_description) == ("T-1", "pc-17", "Printer jam")
    assert report.files[0].unmapped == []


def test_map_can_leave_a_column_unread_and_refuses_typos(store, tmp_path):
    path = write_rows(tmp_path / "m.csv", ["Number", "Category"], [["INC1", "Hardware"]])
    (t,) = tickets_of(store, ingest_files(store, [path], mapping={"Category": ""}))
    assert t.category == ""
    with pytest.raises(InputError, match="no file has a column 'Categroy'"):  # as written
        ingest_files(store, [path], mapping={"Categroy": "category"}, new=True)


def test_cli_map_flag(tmp_path):
    path = write_rows(tmp_path / "m.csv", LABELS, [["INC1", "", "", "", "", "", "", "", "pc-1"]])
    out = run_cli("ingest", path, check=True).stdout
    assert "1 column not read: Hostname (read one with --map 'COLUMN=FIELD')" in out
    out = run_cli("ingest", path, "--new", "--map", "Hostname=cmdb_ci", check=True).stdout
    assert "not read" not in out
    tickets = run_cli("tickets", out.strip().splitlines()[-1], "--json", check=True).stdout
    assert json.loads(tickets)["cmdb_ci"] == "pc-1"
    bad = run_cli("ingest", path, "--map", "Hostname=hostname")
    assert bad.returncode == 2 and bad.stderr.startswith("error: --map 'Hostname=hostname'")
    assert "'hostname' is not a field" in bad.stderr and bad.stderr.count("\n") == 1


def test_a_mapped_column_in_no_file_is_named_as_written(tmp_path):
    """flpereira_ptbr_incident.xlsx's columns are Portuguese ("Usuário Impactado"): a --map of
    a column it does not have was refused naming the label as matched, not as written: "no
    file has a column 'usu rio afetado'" for "Usuário Afetado". The two items naming one column
    (written two ways), the last wins, as before."""
    path = write_rows(
        tmp_path / "pt.csv",
        ["Número", "Descrição resumida", "Usuário Impactado"],
        [["INC1641730", "Usuária deseja suporte", "Juliana de Araujo Silva"]],
    )
    db = tmp_path / "cli.duckdb"
    bad = run_cli("ingest", path, "--map", "Usuário Afetado=caller", "--db", db)
    assert bad.returncode == 2 and bad.stderr.startswith(
        "error: --map: no file has a column 'Usuário Afetado' (columns found: Número, "
    )
    out = run_cli(
        "ingest",
        path,
        "--map",
        "Usuário Impactado=opened_by",
        "--map",
        "usuário  impactado=caller",
        "--db",
        db,
        check=True,
    ).stdout
    t = json.loads(run_cli("tickets", out.strip().splitlines()[-1], "--json", "--db", db).stdout)
    assert (t["caller"], t["opened_by"]) == ("Juliana de Araujo Silva", "")


# --- 6 and 7. Records that share a number ----------------------------------------------------


def test_event_log_snapshots_collapse_to_the_latest(store, tmp_path):
    header = ["number", "incident_state", "sys_mod_count", "opened_at", "sys_updated_at", "x"]
    rows = [
        ["INC1", "New", "0", "29/2/2016 01:16", "29/2/2016 01:23", "a"],
        ["INC1", "Active", "2", "29/2/2016 01:16", "1/3/2016 08:00", "b"],
        ["INC1", "New", "1", "29/2/2016 01:16", "29/2/2016 09:59", "c"],  # out of order
        ["INC2", "New", "0", "29/2/2016 02:00", "29/2/2016 02:00", "d"],
        ["INC1", "Closed", "3", "29/2/2016 01:16", "5/3/2016 12:00", "e"],
    ]
    report = ingest_files(store, [write_rows(tmp_path / "log.csv", header, rows)])
    (f,) = report.files
    assert (f.records, f.imported, f.superseded) == (5, 2, 3)
    counts_add_up(f)
    assert any("3 rows were earlier update snapshots of 1 incident " in n for n in f.notices)
    t = {t.number: t for t in tickets_of(store, report)}
    assert t["INC1"].state == "Closed" and t["INC1"].raw["x"] == "e"
    assert t["INC1"].updated_at == datetime(2016, 3, 5, 12, 0)


def test_same_sys_id_keeps_the_latest_across_files(store, tmp_path):
    old = write_export(tmp_path / "old.json", [incident(1, sys_updated_on="2025-12-01 00:00:00")])
    new = write_export(
        tmp_path / "new.json",
        [incident(1, sys_updated_on="2025-12-05 00:00:00", close_notes="Updated notes")],
    )
    report = ingest_files(store, [old, new])
    first, second = report.files
    assert (first.imported, first.superseded, second.imported) == (0, 1, 1)
    (t,) = tickets_of(store, report)
    assert t.close_notes == "Updated notes"


def test_json_and_csv_of_one_export_are_one_ticket_with_the_richer_values(store, tmp_path):
    recs = [
        incident(1, assigned_to="6816f79cc0a8016401c5a33be04be441", close_notes="short"),
        incident(2),
    ]
    js = write_export(tmp_path / "export.json", recs)
    header = ["Number", "Opened", "Assigned to", "Resolution notes", "Short description"]
    rows = [
        ["INC0010001", "2025-12-10 04:26:41", "Priya Raman", "Longer resolution notes", "x"],
        ["INC0010002", "2025-12-11 09:00:00", "Priya Raman", "", "y"],  # another opened time
    ]
    cs = write_rows(tmp_path / "export.csv", header, rows)
    report = ingest_files(store, [js, cs])
    j, c = report.files
    assert (c.records, c.merged, c.superseded, c.imported) == (2, 1, 1, 0)
    counts_add_up(c)
    tickets = tickets_of(store, report)
    assert sorted(t.number for t in tickets) == ["INC0010001", "INC0010002"]
    merged = next(t for t in tickets if t.number == "INC0010001")
    assert merged.assigned_to == "Priya Raman"  # a name beats a sys_id
    assert merged.close_notes == "Longer resolution notes"  # the longer text wins
    assert merged.short_description == incident(1)["short_description"]  # longer stays
    assert any(
        "merged with record 1 of export.csv" in n and "assigned_to" in n for n in merged.notes
    )
    # INC0010002 with another opened time: the same number, one incident, counted once
    assert any("number already read from record 2 of export.json" in i.message for i in c.issues)
    assert build_profile(store, report.session_id).duplicate_examples == []


def test_pdf_of_a_ticket_that_is_also_in_the_export_is_one_ticket(store, tmp_path):
    from tqrs.config import SAMPLES_DIR

    pdf = SAMPLES_DIR / "pdf" / "incident-form.pdf"
    printed = json.loads((SAMPLES_DIR / "pdf" / "incident-form.json").read_text())["incidents"]
    exported = [{**i, "work_notes": "", "description": "short"} for i in printed]
    js = write_export(tmp_path / "export.json", exported)
    report = ingest_files(store, [js, pdf])
    assert report.ticket_count == len(printed)
    assert report.files[1].merged == len(printed)
    for t, inc in zip(tickets_of(store, report), printed, strict=True):
        assert t.description == inc["description"] and t.work_notes == inc["work_notes"]


def test_a_file_that_fails_takes_back_what_it_superseded(store, tmp_path):
    first = write_export(tmp_path / "a.json", [incident(1, sys_updated_on="2025-12-01 00:00:00")])
    bad = tmp_path / "b.json"
    newer = json.dumps(incident(1, sys_updated_on="2025-12-09 00:00:00"))
    bad.write_text('{"records": [' + newer + ", {broken")
    report = ingest_files(store, [first, bad], on_error="skip")
    assert report.ticket_count == 1 and "b.json" in report.failed
    assert report.files[0].imported == 1 and report.files[0].superseded == 0


# --- 8. Profile: absent or blank; fields carried ----------------------------------------------


def test_absent_and_blank_are_told_apart_per_file(store, tmp_path):
    js = write_export(
        tmp_path / "full.json", [incident(i, close_notes="" if i < 25 else "ok") for i in range(30)]
    )
    cs = write_rows(tmp_path / "slim.csv", ["Number", "Short description"], [["INC9", "x"]])
    report = ingest_files(store, [js, cs])
    carried = fields_carried(store, report.session_id)
    assert "close_notes" in carried[1] and "close_notes" not in carried[2]
    assert carried[2] == {"number", "short_description"}
    p = build_profile(store, report.session_id)
    assert (p.presence["close_notes"].filled, p.presence["close_notes"].blank) == (5, 25)
    assert p.presence["close_notes"].absent == 1
    assert p.presence["close_notes"].absent_from == ["slim.csv"]
    unassessable = unassessable_fields(store, report.session_id)
    assert "close_notes" not in unassessable[1]  # 5 of its 30 tickets have it
    assert "comments" in unassessable[1]  # carried, blank in all 30
    assert "close_notes" in unassessable[2] and "short_description" not in unassessable[2]
    # the counts right-aligned in their columns (other fields are absent from more tickets)
    assert re.search(r"blank +25, absent +1 \(not in slim\.csv\)", profile_text(p))


def test_json_records_with_different_key_sets_keep_every_field(store, tmp_path):
    recs = [
        {"number": "INC1", "u_custom": "a", "x": "1", "y": "2"},
        {"number": "INC2", "description": "Printer on fire", "x": "1", "y": "2"},
        {"number": "INC3", "close_notes": "Put it out", "x": "1", "y": "2"},
    ]
    report = ingest_files(store, [write_export(tmp_path / "keys.json", recs)])
    t = {t.number: t for t in tickets_of(store, report)}
    assert t["INC2"].description == "Printer on fire"
    assert t["INC3"].close_notes == "Put it out"
    assert {"description", "close_notes"} <= fields_carried(store, report.session_id)[1]


def test_raw_and_display_exports_of_one_version_merge_despite_the_time_zone(store, tmp_path):
    """The same record exported raw (UTC, sys_ids) and with display values (the exporter's
    zone, UTC-8 here, names): one version, so one ticket with the names."""
    agent = "6816f79cc0a8016401c5a33be04be441"
    raw = write_export(
        tmp_path / "raw.json",
        [incident(1, assigned_to=agent, sys_updated_on="2025-12-13 06:00:00")],
    )
    shown = incident(
        1,
        assigned_to={"display_value": "Priya Raman", "link": f"https://x/{agent}"},
        state="Closed",
        opened_at="2025-12-09 20:26:41",
        sys_updated_on="2025-12-12 22:00:00",
    )
    display = write_export(tmp_path / "display.json", [shown], key="result")
    report = ingest_files(store, [raw, display])
    assert report.ticket_count == 1 and report.files[1].merged == 1
    (t,) = tickets_of(store, report)
    assert t.assigned_to == "Priya Raman" and t.opened_at == datetime(2025, 12, 10, 4, 26, 41)


def test_ingest_messages_count_in_words(store, tmp_path):
    """Singular and plural right in what ingestion says (written by hand per case; before:
    "all 1 records were rejected", "1 rows were earlier update snapshots of 1 incidents",
    "1 exact copies merged", "1 older versions dropped"; merges are counted as merges, exact
    copies or not)."""
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"records": [{"number": "INC1", "short_description": True}]}))
    with pytest.raises(InputError) as err:
        ingest_files(store, [one])
    assert str(err.value).startswith(
        "no tickets could be imported: one.json: its only record was rejected (first: record 1"
    )
    two = write_export(tmp_path / "two.json", [{"number": True}, {"number": False}])
    with pytest.raises(InputError, match="two.json: all 2 records were rejected"):
        ingest_files(store, [two])

    header = ["number", "incident_state", "sys_mod_count", "sys_updated_at"]
    rows = [["INC1", "New", "0", "29/2/2016 01:23"], ["INC1", "Closed", "1", "1/3/2016 08:00"]]
    (f,) = ingest_files(store, [write_rows(tmp_path / "log.csv", header, rows)]).files
    assert any("1 row was an earlier update snapshot of 1 incident " in n for n in f.notices)

    from tqrs.commands.sessions import print_ingest_report

    copies = [incident(1), incident(1), incident(2)]
    out = io.StringIO()
    print_ingest_report(ingest_files(store, [write_export(tmp_path / "c.json", copies)]), out)
    assert "c.json: 3 records: 2 imported (0 with warnings), 1 merged (exact copies, " in (
        out.getvalue()
    )
    rows.append(["INC1", "Resolved", "2", "2/3/2016 08:00"])
    out = io.StringIO()
    print_ingest_report(ingest_files(store, [write_rows(tmp_path / "l.csv", header, rows)]), out)
    assert "0 merged, 2 older or repeated versions dropped, 0 rejected" in out.getvalue()
    out = io.StringIO()
    rows = [["INC9", *row[1:]] for row in rows[:2]]  # not the same file as log.csv
    print_ingest_report(ingest_files(store, [write_rows(tmp_path / "m.csv", header, rows)]), out)
    assert "0 merged, 1 older or repeated version dropped, 0 rejected" in out.getvalue()


def test_one_number_in_two_files_is_one_incident_said_naming_both(tmp_path):
    """INC0000001 in a.csv and in two other exports: with another opened time and no sys_id
    to tell them apart it is one incident to the desk, counted once (before: both kept, so pass
    rates and agent profiles counted it twice), the earlier file's record kept, said naming both
    files and the count; with the same opened time (one incident exported twice, one text
    longer) they are one ticket taking the longer text, said naming both files, and counted as
    merged, not as an "exact copy" (before: "1 exact copy merged" for records that differ)."""
    header = ["Number", "Opened", "Short description", "State"]
    a = write_rows(
        tmp_path / "a.csv",
        header,
        [
            ["INC0000001", "2025-01-02 10:00:00", "Printer jam on floor 3", "Closed"],
            ["INC0000002", "2025-01-03 10:00:00", "VPN drops", "Closed"],
        ],
    )
    b = write_rows(
        tmp_path / "b.csv",
        header,
        [
            ["INC0000001", "2025-02-05 09:00:00", "Outlook crashes on start", "Closed"],
            ["INC0000003", "2025-02-06 09:00:00", "Teams has no sound", "Closed"],
        ],
    )
    c = write_rows(
        tmp_path / "c.csv",
        header,
        [["INC0000001", "2025-01-02 10:00:00", "Printer jam on floor 3 - toner out", "Closed"]],
    )
    db_path = tmp_path / "cli.duckdb"
    kept = run_cli("ingest", a, b, "--db", db_path)
    assert kept.returncode == 0, kept.stderr
    assert (
        "b.csv: 2 records: 1 imported (0 with warnings), 0 merged, 1 older or repeated version "
        "dropped, 0 rejected\n" in kept.stdout
    )
    assert (
        "  notice: b.csv: 1 record with an incident number already read from a.csv, with "
        "another opened time and no sys_id to tell them apart: each number is one incident, "
        "counted once "
        "(1 of b.csv dropped) so that pass rates and agent profiles do not count it twice; to "
        "score both, ingest the files as separate sessions\n" in kept.stdout
    )
    assert (
        "  superseded: record 1, line 2, INC0000001: number already read from record 1 of a.csv, "
        "with another opened time: one incident, counted once; kept record 1 of a.csv (the "
        "earlier file's), this record dropped\n" in kept.stdout
    )
    assert "session 1 (a.csv and 1 more): 3 tickets\n" in kept.stdout
    tickets = run_cli("tickets", "1", "--json", "--db", db_path).stdout.splitlines()
    summaries = sorted(json.loads(t)["short_description"] for t in tickets)
    assert summaries == ["Printer jam on floor 3", "Teams has no sound", "VPN drops"]
    profile = run_cli("profile", "1", "--db", db_path).stdout
    assert "Duplicate ticket numbers: 0\n" in profile
    merged = run_cli("ingest", a, c, "--db", db_path)
    assert merged.returncode == 0, merged.stderr
    assert (
        "c.csv: 1 record: 0 imported (0 with warnings), 1 merged (exact copies, or the same "
        "incident from another file), 0 older or repeated versions dropped, 0 rejected\n"
        in merged.stdout
    )
    assert (
        "  merged: record 1, line 2, INC0000001: the same incident as record 1 of a.csv (same "
        "number and opened time)" in merged.stdout
    )
    tickets = run_cli("tickets", "2", "--json", "--db", db_path).stdout.splitlines()
    summaries = sorted(json.loads(t)["short_description"] for t in tickets)
    assert summaries == ["Printer jam on floor 3 - toner out", "VPN drops"]


def test_a_repeated_number_keeps_the_richer_then_the_later_updated_record(store, tmp_path):
    """Across files, one number with another opened time: the record with more fields filled
    is kept (a full JSON export beside a CSV of four columns: only the JSON's can be scored),
    whichever came first; with as many fields, the later-updated (the earlier file's replaced,
    said in the later file's notice); two different sys_ids are two records, both kept."""
    old = incident(1, opened_at="2025-12-01 08:00:00", sys_updated_on="2025-12-02 08:00:00")
    two = incident(2)
    a = write_export(tmp_path / "a.json", [old, two])
    header = ["Number", "Opened", "Updated", "Short description"]
    rows = [["INC0010001", "2025-12-09 08:00:00", "2025-12-20 08:00:00", "Later record"]]
    b = write_rows(tmp_path / "b.csv", header, rows)
    c = write_export(tmp_path / "c.json", [{**two, "sys_id": "f" * 32, "opened_at": "2024-01-01"}])
    report = ingest_files(store, [a, b, c])
    fa, fb, fc = report.files
    assert (fa.imported, fa.superseded, fb.imported, fb.superseded, fc.imported) == (2, 0, 0, 1, 1)
    by_number = sorted((t.number, t.short_description) for t in tickets_of(store, report))
    assert by_number == [
        ("INC0010001", old["short_description"]),
        ("INC0010002", two["short_description"]),
        ("INC0010002", two["short_description"]),
    ]
    assert any("more fields filled" in i.message for i in fb.issues)
    rows = [["INC0010001", "2025-12-11 08:00:00", "2025-12-30 08:00:00", "Latest record"]]
    d = write_rows(tmp_path / "d.csv", header, rows)
    later = ingest_files(store, [b, d])
    fb, fd = later.files
    assert (fb.imported, fb.superseded, fd.imported) == (0, 1, 1)
    assert [t.short_description for t in tickets_of(store, later)] == ["Latest record"]
    assert any(
        "(1 of b.csv replaced by this file's record, with more fields filled or updated later)" in n
        for n in fd.notices
    )
    assert not any("counted once" in n for n in fc.notices)
