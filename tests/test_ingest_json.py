import json
import re

import duckdb
import pytest

import scripts.bench_hostile as hostile
import tqrs.ingest.json_export as json_export
from tests.conftest import incident, run_cli, write_export
from tqrs.errors import InputError, StoreError
from tqrs.ingest import ingest_files
from tqrs.ingest.json_export import iter_json_records
from tqrs.store import sessions as db


def tickets_of(store, session_id):
    return list(db.iter_tickets(store, session_id))


def test_records_export_with_raw_values_is_typed_and_keeps_everything(store, tmp_path):
    path = write_export(tmp_path / "raw.json", [incident(1), incident(2, state="6", priority="1")])
    report = ingest_files(store, [path])
    first, second = tickets_of(store, report.session_id)
    assert first.number == "INC0010001"
    assert first.state == "Closed" and second.state == "Resolved"
    assert first.priority == 3 and second.priority == 1
    assert first.impact == 2 and first.contact_type == "phone"
    assert first.opened_at.isoformat() == "2025-12-10T04:26:41"
    assert first.service == "Email" and first.cmdb_ci == "Outlook 365"
    assert first.work_note_count == 1
    assert first.raw["u_custom_region"] == "EMEA"  # unknown fields are kept
    assert first.raw == incident(1)


def test_table_api_display_values(store, tmp_path):
    rec = incident(
        1,
        state="Closed",
        priority="3 - Moderate",
        impact="3 - Low",
        urgency="1 - High",
        contact_type="Self-service",
        opened_at="12/10/2025 04:26 AM",
        closed_at="10-Dec-2025 04:26",
        assigned_to={
            "display_value": "Priya Raman",
            "link": "https://x/api",
            "value": "6816f79cc0a8016401c5a33be04be441",
        },
        caller_id={"display_value": "Dana Whitfield", "value": "abc"},
    )
    path = write_export(tmp_path / "api.json", [rec], key="result")
    (t,) = tickets_of(store, ingest_files(store, [path]).session_id)
    assert (t.state, t.priority, t.impact, t.urgency) == ("Closed", 3, 3, 1)
    assert t.contact_type == "self-service"
    assert t.assigned_to == "Priya Raman" and t.caller == "Dana Whitfield"
    assert t.opened_at.isoformat() == "2025-12-10T04:26:00"
    assert t.closed_at.isoformat() == "2025-12-10T04:26:00"
    assert t.notes == []


def test_bare_array_and_pretty_printing_and_tricky_strings(store, tmp_path):
    recs = [
        incident(1, description='a "quoted" },{ brace } ] and \\ backslash\n},\n{'),
        incident(2, description="second"),
        incident(3),
    ]
    path = tmp_path / "pretty.json"
    path.write_text(json.dumps(recs, indent=4), encoding="utf-8")
    tickets = tickets_of(store, ingest_files(store, [path]).session_id)
    assert [t.number for t in tickets] == ["INC0010001", "INC0010002", "INC0010003"]
    assert tickets[0].description == recs[0]["description"]


def test_utf8_bom_is_invisible(store, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(
        b"\xef\xbb\xbf" + json.dumps({"records": [incident(1, description="café")]}).encode()
    )
    (t,) = tickets_of(store, ingest_files(store, [path]).session_id)
    assert t.description == "café" and t.number == "INC0010001"


@pytest.mark.parametrize(
    "content, expected",
    [
        ('{"records": [{"number": "INC1"}, {"number": "INC', "truncated"),
        ('{"records": [{"number": "INC1"}', "truncated"),
        ("", "empty"),
        ("   \n", "empty"),
        ('{"records": []}', "no records"),
        ('{"result": []}', "no records"),
        ('{"incidents": [{"number": "INC1"}]}', '"records" or "result"'),
        ("%PDF-1.7\n1 0 obj", "PDF document"),
        ('{"records": [{"number": "INC1", "x": ' + "[" * 5000 + "]" * 5000 + "}]}", "too deep"),
        ("[" * 100000 + "]" * 100000, "deep"),
        ('{"records": [{"number": "INC1",, "x": 1}]}', "invalid JSON"),
        ("number,short_description\nINC1,x\n", "not JSON"),
    ],
)
def test_unreadable_files_are_named_and_nothing_is_stored(store, tmp_path, content, expected):
    good = write_export(tmp_path / "good.json", [incident(1)])
    ingest_files(store, [good])
    before = (
        store.query("SELECT count(*) FROM sessions")[0][0],
        store.query("SELECT count(*) FROM tickets")[0][0],
    )
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        ingest_files(store, [write_export(tmp_path / "other.json", [incident(5)]), bad])
    message = str(err.value)
    assert message.startswith("bad.json: ")
    assert expected in message
    after = (
        store.query("SELECT count(*) FROM sessions")[0][0],
        store.query("SELECT count(*) FROM tickets")[0][0],
    )
    assert after == before


def test_truncated_json_reports_line_and_column(store, tmp_path):
    path = tmp_path / "cut.json"
    text = json.dumps({"records": [incident(1), incident(2)]}, indent=2)
    path.write_text(text[: len(text) // 2] + '"broken": ,\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        ingest_files(store, [path])
    assert "line " in str(err.value)


def test_bad_records_are_reported_by_position_and_counts_add_up(store, tmp_path):
    long_text = "word " * 20_000
    recs = [
        incident(1),
        {k: v for k, v in incident(2).items() if k != "number"},
        incident(3, short_description=None),
        incident(4, number=10004, priority=3),
        incident(5, description={"nested": "object"}),
        incident(6, description=long_text),
        "not an object",
        incident(8, number=""),
    ]
    path = write_export(tmp_path / "mixed.json", recs)
    report = ingest_files(store, [path])
    f = report.files[0]
    assert f.records == 8
    assert f.imported + f.merged + f.superseded + f.rejected == f.records
    assert (f.imported, f.rejected) == (4, 4)
    by_pos = {}
    for issue in f.issues:
        by_pos.setdefault(issue.position, []).append(issue)
    assert by_pos[2][0].outcome == "rejected" and "no number" in by_pos[2][0].message
    assert by_pos[2][0].sys_id == incident(2)["sys_id"]
    assert by_pos[3][0].outcome == "warning" and "short_description is null" in by_pos[3][0].message
    assert "number is the number 10004" in by_pos[4][0].message
    assert by_pos[5][0].outcome == "rejected" and "description is an object" in by_pos[5][0].message
    assert by_pos[6][0].outcome == "warning" and "analysed as its first" in by_pos[6][0].message
    assert by_pos[7][0].outcome == "rejected" and "not an object" in by_pos[7][0].message
    assert by_pos[8][0].outcome == "rejected"
    tickets = {t.number: t for t in tickets_of(store, report.session_id)}
    assert set(tickets) == {"INC0010001", "INC0010003", "10004", "INC0010006"}
    long = tickets["INC0010006"]
    assert long.truncated == ["description"] and len(long.description) == 32_000
    assert long.raw["description"] == long_text  # kept whole in the raw record


def test_records_with_nothing_importable_fail_with_the_reason(store, tmp_path):
    path = write_export(tmp_path / "nonumbers.json", [{"short_description": "x"}] * 3)
    with pytest.raises(InputError, match="no tickets could be imported.*no number"):
        ingest_files(store, [path])
    assert store.query("SELECT count(*) FROM sessions")[0][0] == 0


def test_duplicates_inside_an_export(store, tmp_path):
    recs = [
        incident(1),
        incident(1),  # exact copy: merged
        incident(2, sys_updated_on="2025-12-01 00:00:00", description="old"),
        incident(2, sys_updated_on="2025-12-05 00:00:00", description="new"),  # same sys_id
        incident(3),
        incident(3, sys_id="f" * 32, description="another record, same number"),
    ]
    report = ingest_files(store, [write_export(tmp_path / "dups.json", recs)])
    f = report.files[0]
    assert (f.records, f.imported, f.merged, f.superseded) == (6, 4, 1, 1)
    assert f.imported + f.merged + f.superseded + f.rejected == f.records
    tickets = tickets_of(store, report.session_id)
    assert [t.number for t in tickets].count("INC0010001") == 1
    inc2 = [t for t in tickets if t.number == "INC0010002"]
    assert len(inc2) == 1 and inc2[0].description == "new"
    assert len([t for t in tickets if t.number == "INC0010003"]) == 2
    messages = " | ".join(i.message for i in f.issues)
    assert "exact copy of record 1; merged" in messages
    assert "kept this later-updated version" in messages
    assert "both kept" in messages


def test_many_files_make_one_session_and_reingest_is_detected(store, tmp_path):
    a = write_export(tmp_path / "a.json", [incident(1), incident(2)])
    b = write_export(tmp_path / "b.json", [incident(3)])
    report = ingest_files(store, [a, b], "December")
    assert report.ticket_count == 3 and [f.name for f in report.files] == ["a.json", "b.json"]
    again = ingest_files(store, [a, b])
    assert again.reused and again.session_id == report.session_id
    assert "already ingested as session" in again.notices[0]
    assert store.query("SELECT count(*) FROM sessions")[0][0] == 1
    third = ingest_files(store, [a])
    assert not third.reused and "was ingested before, into session" in third.notices[0]
    forced = ingest_files(store, [a, b], new=True)
    assert forced.session_id not in (report.session_id, third.session_id)


def test_skip_mode_keeps_the_good_files(store, tmp_path):
    good = write_export(tmp_path / "good.json", [incident(1)])
    bad = tmp_path / "bad.json"
    bad.write_text('{"records": [', encoding="utf-8")
    report = ingest_files(store, [good, bad], on_error="skip")
    assert report.ticket_count == 1
    assert "bad.json" in report.failed and "truncated" in report.failed["bad.json"]


def test_cli_ingest_prints_the_session_id_last_and_errors_in_one_line(tmp_path):
    path = write_export(tmp_path / "ok.json", [incident(1), {"sys_id": "x"}])
    proc = run_cli("ingest", path, "--name", "Week 50", check=True)
    lines = proc.stdout.strip().splitlines()
    assert lines[-1] == "1"
    assert "rejected: record 2" in proc.stdout
    sessions = json.loads(run_cli("sessions", "--json", check=True).stdout)
    assert sessions[0]["name"] == "Week 50" and sessions[0]["ticket_count"] == 1
    assert sessions[0]["files"][0]["sha256"]
    tickets = [
        json.loads(line)
        for line in run_cli("tickets", "1", "--json", check=True).stdout.splitlines()
    ]
    assert tickets[0]["number"] == "INC0010001" and tickets[0]["raw"]["u_custom_region"] == "EMEA"
    bad = tmp_path / "report.json"
    bad.write_bytes(b"%PDF-1.4\n%binary")
    proc = run_cli("ingest", bad)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert proc.stderr.startswith("error: report.json: this is a PDF document")
    missing = run_cli("ingest", tmp_path / "nope.json")
    assert missing.returncode == 2 and "nope.json: no such file" in missing.stderr
    unknown = run_cli("tickets", "42")
    assert unknown.returncode == 2 and "no session '42'" in unknown.stderr


def test_json_lines_of_table_api_records_are_read(store, tmp_path):
    # One Table API record a line, as a script writes them (charlingli/automatic-ticket-
    # assignment data/sn.json: references as {"display_value", "link"}). Before: refused,
    # "invalid JSON at line 2, column 1: unexpected content after document".
    link = "https://dev00000.service-now.com/api/now/v1/table/sys_user_group/"
    path = tmp_path / "sn.json"
    lines = [
        {
            "number": "INC0000001",
            "assignment_group": {"display_value": "Service Desk", "link": link + "d625"},
            "assigned_to": {"display_value": "Charlie Whitherspoon", "link": link + "46b8"},
            "sys_updated_on": "2018-02-25 12:16:07",
        },
        {"number": "INC0000002", "assignment_group": {"display_value": "Network", "link": link}},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    report = ingest_files(store, [path])
    got = [
        (t.number, t.assignment_group, t.assigned_to, t.record_position)
        for t in db.iter_tickets(store, report.session_id)
    ]
    assert got == [
        ("INC0000001", "Service Desk", "Charlie Whitherspoon", 1),
        ("INC0000002", "Network", "", 2),
    ]


@pytest.mark.parametrize("whole_file_bound", [json_export.SMALL_FILE, 64])
def test_a_bad_json_line_is_named_by_its_line_and_column(
    store, tmp_path, monkeypatch, whole_file_bound
):
    # Before: the document parser's position, "bad.json: invalid JSON at line 2, column 1:
    # unexpected content after document" for a bad line 4 (and, past the 64 MB a file was
    # read whole up to, "unknown top-level shape"). Line and column as an editor counts them:
    # the third line is blank, the bad one indented, the lines end in CRLF.
    monkeypatch.setattr(json_export, "SMALL_FILE", whole_file_bound)
    path = tmp_path / "bad.json"
    lines = ['{"number": "INC1"}', '{"number": "INC2"}', "", '  {"number": "INC3",, "x": 1}']
    path.write_bytes("\r\n".join([*lines, '{"number": "INC5"}', ""]).encode())
    column = lines[3].index(",,") + 2  # 1-based: the second comma
    with pytest.raises(InputError) as err:
        ingest_files(store, [path])
    assert str(err.value) == (
        f"bad.json: line 4: invalid JSON at column {column}: "
        "unexpected character, expected a string key"
    )
    cut = tmp_path / "cut.json"
    cut.write_text('{"number": "INC1"}\n{"number": "INC2", "x": [1, 2', encoding="utf-8")
    with pytest.raises(InputError, match=r"^cut.json: line 2: the record is cut short"):
        ingest_files(store, [cut])
    assert _stored(store) == [0, 0, 0]


def test_a_json_line_that_is_not_an_object_is_rejected_by_its_line(store, tmp_path):
    # As a JSON array's element that is not an object: that record is rejected and reported,
    # the others imported. Before: the whole file refused ("invalid JSON at line 2").
    path = tmp_path / "mixed.json"
    path.write_text('{"number": "INC1"}\n[1, 2]\n\n{"number": "INC3"}\n', encoding="utf-8")
    report = ingest_files(store, [path])
    (f,) = report.files
    assert (f.records, f.imported, f.rejected) == (3, 2, 1)
    (issue,) = f.issues
    assert issue.where("json") == "record 2, line 2"
    assert issue.message == "the record is a list, not an object"


def test_json_lines_past_the_whole_file_bound_are_read_line_by_line(store, tmp_path, monkeypatch):
    # Before: a file of JSON Lines was parsed whole, and refused past SMALL_FILE (64 MB):
    # "unknown top-level shape; expected an object whose first key is "records" ...". The
    # bound is lowered so that the file stays small; the counts are the json module's.
    monkeypatch.setattr(json_export, "SMALL_FILE", 4096)
    path, count, _ = hostile.json_lines(tmp_path / "lines.json", scale=0.0002)
    assert path.stat().st_size > 4 * json_export.SMALL_FILE
    with open(path, encoding="utf-8") as f:
        expected = [json.loads(line) for line in f if line.strip()]
    assert len(expected) == count
    report = ingest_files(store, [path])
    tickets = tickets_of(store, report.session_id)
    assert report.ticket_count == len(tickets) == count
    assert [t.number for t in tickets] == [r["number"] for r in expected]
    assert [t.record_position for t in tickets] == list(range(1, count + 1))
    assert {t.assignment_group for t in tickets} == {"Service Desk"}
    assert [t.raw for t in tickets] == expected


def test_json_lines_are_given_as_they_are_read(tmp_path):
    # Streamed: the first records come before the end of the file is read (a bad last line
    # is met only when reached). Before: the file was parsed whole, and failed at once.
    path = tmp_path / "lines.json"
    path.write_text('{"number": "INC1"}\n{"number": "INC2"}\n{"number": ', encoding="utf-8")
    records = iter_json_records(path)
    assert [next(records)[1], next(records)[1]] == [{"number": "INC1"}, {"number": "INC2"}]
    with pytest.raises(InputError, match="^lines.json: line 3: the record is cut short"):
        next(records)


def test_a_json_line_longer_than_a_record_may_be(store, tmp_path, monkeypatch):
    monkeypatch.setattr(json_export, "MAX_RECORD_BYTES", 100)
    path = tmp_path / "long.json"
    long = json.dumps({"number": "INC2", "description": "x" * 200})
    path.write_text('{"number": "INC1"}\n' + long + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        ingest_files(store, [path])
    assert re.fullmatch(
        r"long.json: line 2 is larger than \d+ MB: not a ServiceNow record", str(err.value)
    )


def _stored(store):
    return [
        store.query(f"SELECT count(*) FROM {table}")[0][0]
        for table in ("sessions", "source_files", "tickets")
    ]


def test_a_refused_ingest_takes_no_session_number(store, tmp_path):
    # Before: the session id came from a DuckDB sequence, which a rolled-back transaction
    # does not give back: after two refused ingests the next good one was session 3.
    good = write_export(tmp_path / "good.json", [incident(1), incident(2)])
    bad = tmp_path / "bad.json"
    bad.write_text('{"records": [' + json.dumps(incident(3)) + ", {broken", encoding="utf-8")
    with pytest.raises(InputError, match="bad.json"):
        ingest_files(store, [good, bad])  # good.json's tickets were written, then rolled back
    empty = tmp_path / "none.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="no tickets could be imported"):
        ingest_files(store, [empty], on_error="skip")  # as the Upload page calls it
    assert _stored(store) == [0, 0, 0]
    first = ingest_files(store, [good])
    assert first.session_id == 1
    with pytest.raises(InputError):
        ingest_files(store, [bad])
    assert ingest_files(store, [write_export(tmp_path / "c.json", [incident(4)])]).session_id == 2
    assert _stored(store) == [2, 2, 3]
    # a session the column's default numbers (as the code before wrote them) takes a new id
    store.query("INSERT INTO sessions (name, created_at) VALUES ('by default', now())")
    assert store.query("SELECT count(DISTINCT id) FROM sessions")[0][0] == 3


def test_cli_after_a_refused_file_prints_session_1(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"%PDF-1.4\n%binary")
    assert run_cli("ingest", bad).returncode == 2
    good = write_export(tmp_path / "good.json", [incident(1)])
    out = run_cli("ingest", good, check=True).stdout
    assert out.strip().splitlines()[-1] == "1"
    assert "session 1 (good.json)" in out


def test_sessions_written_at_once_get_their_own_numbers(store, tmp_path):
    # Two ingests in one process at the same moment (two uploads): the second must not take
    # the number of the first, which is not committed yet.
    from tqrs.ingest import _SessionWriter

    with _SessionWriter(store, "first") as first:
        second = ingest_files(store, [write_export(tmp_path / "b.json", [incident(2)])])
        assert (first.session_id, second.session_id) == (1, 2)
        first.call(db.finish_session, 0)
    assert store.query("SELECT id, name FROM sessions ORDER BY id") == [
        (1, "first"),
        (2, "b.json"),
    ]


def test_a_batch_the_store_refuses_is_its_error_not_no_tickets(store, tmp_path, monkeypatch):
    # Before: the insert's error waited in the writer's queue while the session counted its
    # tickets, found none and said "no tickets could be imported: ... all 1 records were
    # rejected", which they were not.
    def refuse(cur, session_id, batch):
        raise duckdb.IOException("IO Error: No space left on device")

    monkeypatch.setattr(db, "insert_tickets", refuse)
    with pytest.raises(StoreError, match="writing tickets failed: IO Error: No space left"):
        ingest_files(store, [write_export(tmp_path / "a.json", [incident(1)])])
    assert _stored(store) == [0, 0, 0]


# A file that is valid JSON but not an export: what it holds, written by hand per case.
# Before: `null`, `42`, `"text"`, `true` were "not JSON (it starts with b'null')"; `[]` "the
# export holds no records"; `{}` "found keys: none"; `[1,2]` "all 2 records were rejected
# (first: record 1, line 1: the record is a int, not an object)".
NOT_AN_EXPORT = [
    ("null", "a JSON null"),
    ("42", "a JSON number"),
    ('"text"', "a JSON string"),
    ("true", "a JSON true"),
    ("[]", "an empty JSON list"),
    ("{}", "an empty JSON object"),
    ("[1,2]", "a JSON list of 2 numbers"),
    ('[1, "a", null]', "a JSON list of 3 values (null, number, string)"),
]


@pytest.mark.parametrize("content, found", NOT_AN_EXPORT)
def test_json_that_is_not_an_export_says_what_it_holds(store, tmp_path, content, found):
    path = tmp_path / "x.json"
    path.write_text(content, encoding="utf-8")
    json.loads(content)  # valid JSON for the json module: it raises otherwise
    with pytest.raises(InputError) as err:
        ingest_files(store, [path])
    assert str(err.value) == (
        f"x.json: the file is JSON, but it holds {found}, not a list of incident records "
        '(expected a ServiceNow export like {"records": [...]})'
    )
    assert _stored(store) == [0, 0, 0]


def test_a_records_list_of_no_objects_says_what_it_holds(store, tmp_path):
    for content in ('{"records": [1, "a"]}', '{"x": 1, "records": [1, "a"]}'):
        path = tmp_path / "w.json"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(InputError) as err:
            ingest_files(store, [path])
        assert str(err.value) == (
            "w.json: the file is JSON, but its records list holds 2 values (number, string), "
            "not incident records"
        )
    # one object among them: the file is an export, the others are rejected records
    path.write_text(json.dumps([incident(1), 7]), encoding="utf-8")
    (f,) = ingest_files(store, [path]).files
    assert (f.imported, f.rejected) == (1, 1)
    assert f.issues[0].message == "the record is a number, not an object"


def test_cli_json_that_is_not_an_export_is_an_error_line(tmp_path):
    for content, found in (NOT_AN_EXPORT[0], NOT_AN_EXPORT[4], NOT_AN_EXPORT[6]):
        path = tmp_path / "null.json"
        path.write_text(content, encoding="utf-8")
        proc = run_cli("ingest", path)
        assert proc.returncode == 2
        assert proc.stderr == (
            f"error: null.json: the file is JSON, but it holds {found}, not a list of "
            'incident records (expected a ServiceNow export like {"records": [...]})\n'
        )


def test_a_digit_str_isdigit_knows_but_int_refuses_is_a_warning_not_a_traceback(tmp_path):
    """'²' and '³' are digits to str.isdigit(), not to int(): priority '²' and sys_mod_count
    '³' ended `tqrs ingest` in a ValueError traceback (the range check and the update-snapshot
    count read them as numbers)."""
    records = [
        incident(1, priority="\u00b2", sys_mod_count="\u00b2"),
        incident(1, short_description="Printer jam, toner out", sys_mod_count="\u00b3"),
    ]
    path = write_export(tmp_path / "sup.json", records)
    done = run_cli("ingest", path, "--db", tmp_path / "cli.duckdb")
    assert (done.returncode, done.stderr) == (0, "")
    assert "priority '\u00b2' is not a number; left empty" in done.stdout
    assert "session 1 (sup.json): 1 ticket\n" in done.stdout


def test_the_same_files_under_a_new_name_make_a_session_of_that_name(store, tmp_path):
    """Uploading the same export again as "Week 2" gives a session "Week 2", said so (before:
    session 1 "Week 1" was returned and the name given silently dropped); the same name again,
    or no name, still finds the session already made."""
    a = write_export(tmp_path / "a.json", [incident(1), incident(2)])
    first = ingest_files(store, [a], "Week 1")
    second = ingest_files(store, [a], "Week 2")
    assert not second.reused and second.name == "Week 2" and second.ticket_count == 2
    assert second.notices == [
        f"a.json was ingested before, into session {first.session_id} ('Week 1', "
        f"{db.get_session(store, first.session_id).created_at:%Y-%m-%d %H:%M} UTC); read again "
        "into a new session named 'Week 2', as given (not 'Week 1')"
    ]
    again = ingest_files(store, [a], "Week 1")
    assert again.reused and again.session_id == first.session_id
    assert ingest_files(store, [a], "Week 2").session_id == second.session_id
    assert ingest_files(store, [a]).session_id == second.session_id  # the newest
    names = store.query("SELECT name FROM sessions ORDER BY id")
    assert names == [("Week 1",), ("Week 2",)]
