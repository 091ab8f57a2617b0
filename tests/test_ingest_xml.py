"""XML unloads: the real one read field by field and journal by journal against ElementTree,
journal rows in any order, refusals (DOCTYPE, entities, truncation, other formats) by name."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import tqrs.ingest.xml_unload as xml_unload
from tests.conftest import real_file, run_cli
from tqrs.errors import InputError
from tqrs.ingest import ingest_files
from tqrs.journal import parse_journal
from tqrs.store import sessions as db

KINDS = {"work_notes": "Work notes", "comments": "Additional comments"}


def tickets(store, path, **kw):
    report = ingest_files(store, [path], **kw)
    return report, list(db.iter_tickets(store, report.session_id))


def expected_journals(root) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(incident sys_id, element) -> [(time, author, text)] newest first, read by ElementTree."""
    rows = [
        (i, e.findtext("element_id"), e.findtext("element"), e)
        for i, e in enumerate(root.iter("sys_journal_field"))
    ]
    out: dict = {}
    for _, sys_id, element, e in sorted(
        rows, key=lambda r: (r[3].findtext("sys_created_on"), r[0]), reverse=True
    ):
        out.setdefault((sys_id, element), []).append(
            (
                e.findtext("sys_created_on"),
                e.findtext("sys_created_by"),
                e.findtext("value").strip(),
            )
        )
    return out


def test_real_unload_every_incident_and_journal_entry(store):
    path = real_file("03_pdi_unload.xml")
    root = ET.parse(path).getroot()
    incidents = root.findall("incident")
    journals = expected_journals(root)
    report, got = tickets(store, path)
    (source,) = report.files
    assert (source.format, source.records, source.imported) == ("xml", 70, 70)
    assert len(got) == len(incidents) == 70
    assert "84 journal entries (58 additional comments, 26 work notes)" in source.notices[0]
    assert "456 sys_attachment_doc, 11 sys_attachment" in source.notices[1]
    assert sum(t.work_note_count for t in got) == 26
    assert sum(t.comment_count for t in got) == 58
    for el, t in zip(incidents, got, strict=True):
        assert t.number == el.findtext("number")
        assert t.sys_id == el.findtext("sys_id")
        assert t.short_description == el.findtext("short_description")
        assert t.close_notes == el.findtext("close_notes")
        caller = el.find("caller_id")
        assert t.caller == caller.get("display_value")  # the name, not the sys_id
        assert t.raw["caller_id"] == {
            "display_value": caller.get("display_value"),
            "value": caller.text or "",
        } or (caller.text is None and not caller.get("display_value"))
        assert t.opened_at.strftime("%Y-%m-%d %H:%M:%S") == el.findtext("opened_at")
        assert t.priority == int(el.findtext("priority"))
        for element, kind in KINDS.items():
            want = journals.get((el.findtext("sys_id"), element), [])
            entries = parse_journal(getattr(t, element))
            assert [(e.time, e.author, e.kind, e.text) for e in entries] == [
                (when, who, kind, text) for when, who, text in want
            ], (t.number, element)
    with_notes = next(t for t in got if t.number == "INC0010001" and t.work_note_count)
    assert with_notes.work_notes.startswith("2018-08-16 22:44:46 - admin (Work notes)\n")


def unload(path: Path, *rows: str, root: str = "unload", prolog: str = "") -> Path:
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<{root} unload_date="2025-12-10 04:00:00">\n'
        + "\n".join(rows)
        + f"\n</{root}>\n",
        encoding="utf-8",
    )
    return path


def incident(n: int, **fields: str) -> str:
    values = {
        "number": f"INC{n:07d}",
        "sys_id": f"{n:032x}",
        "short_description": f"Printer {n} offline",
        "opened_at": "2025-12-10 04:26:41",
        **fields,
    }
    body = "".join(v if v.startswith("<") else f"<{k}>{v}</{k}>" for k, v in values.items())
    return f'<incident action="INSERT_OR_UPDATE">{body}<work_notes/><comments/></incident>'


def journal(n: int, element: str, when: str, who: str, value: str) -> str:
    return (
        f'<sys_journal_field action="INSERT_OR_UPDATE"><element>{element}</element>'
        f"<element_id>{n:032x}</element_id><name>task</name><sys_created_by>{who}"
        f"</sys_created_by><sys_created_on>{when}</sys_created_on>"
        f"<sys_id>{hash((n, when)) & (2**64 - 1):032x}</sys_id><value>{value}</value>"
        "</sys_journal_field>"
    )


def test_journal_rows_before_after_and_between_their_incidents(store, tmp_path):
    path = unload(
        tmp_path / "order.xml",
        journal(2, "work_notes", "2025-12-10 05:00:00", "beth", "Before its incident."),
        incident(1),
        journal(1, "comments", "2025-12-10 04:30:00", "ann", "First &amp; &lt;oldest&gt;"),
        incident(2),
        journal(1, "comments", "2025-12-10 06:00:00", "ann", "Newest, at the end\nline 2"),
        journal(2, "work_notes", "2025-12-10 05:00:00", "carl", "Same second, later row."),
        journal(3, "comments", "2025-12-10 05:00:00", "ann", "No such incident."),
        journal(1, "u_private_notes", "2025-12-10 05:00:00", "ann", "Another journal."),
    )
    report, (first, second) = tickets(store, path)
    assert first.comments == (
        "2025-12-10 06:00:00 - ann (Additional comments)\nNewest, at the end\nline 2\n\n"
        "2025-12-10 04:30:00 - ann (Additional comments)\nFirst & <oldest>"
    )
    assert first.work_notes == "" and first.comment_count == 2
    assert second.work_notes == (
        "2025-12-10 05:00:00 - carl (Work notes)\nSame second, later row.\n\n"
        "2025-12-10 05:00:00 - beth (Work notes)\nBefore its incident."
    )
    assert second.work_note_count == 2
    notices = report.files[0].notices
    assert notices[0] == (
        "order.xml: 5 journal entries (3 additional comments, 2 work notes) joined to their "
        "incidents; 1 belong to no incident in this file and were left out"
    )
    assert (
        notices[1]
        == "order.xml: rows of other tables not read: 1 sys_journal_field (u_private_notes)"
    )


def test_display_values_win_and_codes_stay_in_raw(store, tmp_path):
    row = incident(
        7,
        state='<state display_value="Closed">7</state>',
        priority='<priority display_value="1 - Critical">1</priority>',
        assigned_to='<assigned_to display_value="Priya Raman">6816f79cc0a8016401c5a33be04be441'
        "</assigned_to>",
        assignment_group='<assignment_group display_value=""/>',
        cmdb_ci='<cmdb_ci display_value="">0c43baaac611227501d4d4f0f4b1d0b5</cmdb_ci>',
    )
    _, (t,) = tickets(store, unload(tmp_path / "display.xml", row, root="xml"))
    assert (t.state, t.priority, t.assigned_to) == ("Closed", 1, "Priya Raman")
    assert t.raw["assigned_to"]["value"] == "6816f79cc0a8016401c5a33be04be441"
    assert t.assignment_group == "" and t.raw["assignment_group"] == ""
    assert t.cmdb_ci == "0c43baaac611227501d4d4f0f4b1d0b5"  # no display value: the sys_id


BILLION_LAUGHS = (
    '<!DOCTYPE unload [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n'
)
EXTERNAL = '<!DOCTYPE unload [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'


@pytest.mark.parametrize(
    ("prolog", "text"),
    [(BILLION_LAUGHS, "&d;"), (EXTERNAL, "&secret;")],
    ids=["billion-laughs", "external-entity"],
)
def test_doctype_and_entities_are_refused_before_anything_is_expanded(tmp_path, prolog, text):
    path = unload(tmp_path / "evil.xml", incident(1, description=text), prolog=prolog)
    done = run_cli("ingest", path, "--db", tmp_path / "cli.duckdb")
    assert done.returncode == 2
    assert done.stderr == (
        "error: evil.xml: declares a DOCTYPE (line 2); a ServiceNow unload has none, and "
        "entities are never expanded: refused\n"
    )
    assert "root:" not in done.stdout + done.stderr


def test_undeclared_entity_is_invalid_xml(store, tmp_path):
    path = unload(tmp_path / "entity.xml", incident(1, description="&lol;"))
    with pytest.raises(
        InputError,
        match=r"entity.xml: invalid XML at line 3, column \d+, in incident row 1 \(begun at "
        r"line 3\), before any whole incident row: undefined entity",
    ):
        ingest_files(store, [path])


DAMAGE = "then\0\0\0\0lost"  # NUL bytes: where a copy or download lost data
AFTER_TWO = f"after incident row 2 (INC0000002, sys_id {2:032x})"
LEFT_OUT = "nothing of it is imported; export the list again"


def damaged_at(text: str) -> tuple[int, int]:
    """Line and column (1-based) of the first NUL byte of `text`, counted by hand."""
    before = text[: text.index("\0")]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


@pytest.mark.parametrize(
    ("rows", "where"),
    [
        (
            [incident(1), incident(2), incident(3, description=DAMAGE), incident(4)],
            f"in incident row 3 (begun at line 5), {AFTER_TWO}",
        ),
        (
            [
                incident(1),
                incident(2),
                journal(2, "work_notes", "2025-12-10 05:00:00", "a", DAMAGE),
            ],
            f"in a <sys_journal_field> row begun at line 5, {AFTER_TWO}",
        ),
        (
            [incident(1), incident(2), f"<!-- {DAMAGE} -->", incident(3)],
            AFTER_TWO,
        ),
        (
            [incident(1, description=DAMAGE), incident(2)],
            "in incident row 1 (begun at line 3), before any whole incident row",
        ),
        (
            [incident(1, number="N" * 100), f"<sys_attachment>{DAMAGE}</sys_attachment>"],
            f"in a <sys_attachment> row begun at line 4, after incident row 1 ({'N' * 39}…, "
            f"sys_id {1:032x})",
        ),
    ],
    ids=["in-an-incident", "in-a-journal-row", "between-rows", "in-the-first", "long-number"],
)
def test_damage_in_the_middle_names_the_record(store, tmp_path, rows, where):
    path = unload(tmp_path / "bad.xml", *rows)
    line, column = damaged_at(path.read_text(encoding="utf-8"))
    with pytest.raises(InputError) as err:
        ingest_files(store, [path])
    assert str(err.value) == (
        f"bad.xml: invalid XML at line {line}, column {column}, {where}: not well-formed "
        f"(invalid token); the file is damaged there; {LEFT_OUT}"
    )
    assert db.list_sessions(store) == []


def test_real_unload_with_bytes_lost_names_the_last_whole_incident(tmp_path):
    data = real_file("03_pdi_unload.xml").read_bytes()
    cut = len(data) // 2
    path = tmp_path / "lost.xml"
    path.write_bytes(data[:cut] + data[cut + 4000 :])
    # the last incident row that closes before the lost bytes, read with re, not expat
    *_, last = re.finditer(rb"<incident [^>]*>(.*?)</incident>", data[:cut], re.S)
    number = re.search(rb"<number>(.*?)</number>", last[1])[1].decode()
    sys_id = re.search(rb"<sys_id>(.*?)</sys_id>", last[1])[1].decode()
    rows = len(re.findall(rb"<incident ", data[: last.start()])) + 1
    done = run_cli("ingest", path, "--db", tmp_path / "cli.duckdb")
    assert done.returncode == 2 and done.stdout == ""
    assert f"after incident row {rows} ({number}, sys_id {sys_id}): " in done.stderr
    assert done.stderr.startswith("error: lost.xml: invalid XML at line ")
    assert done.stderr.endswith(f"{LEFT_OUT}\n") and done.stderr.count("\n") == 1


@pytest.mark.parametrize("cut", [-30, -12, -300])
def test_truncated_unload_says_so(store, tmp_path, cut):
    path = unload(tmp_path / "cut.xml", incident(1), incident(2), incident(3))
    path.write_bytes(path.read_bytes()[:cut])
    with pytest.raises(InputError, match=r"cut.xml: the XML is truncated: the file ends at line"):
        ingest_files(store, [path])


def test_unload_of_another_table_names_what_it_holds(store, tmp_path):
    path = unload(tmp_path / "problems.xml", "<problem><number>PRB0001</number></problem>")
    with pytest.raises(InputError) as err:
        ingest_files(store, [path])
    assert str(err.value) == (
        "problems.xml: no <incident> rows in this XML (root <unload>, holding 1 problem); "
        "TQRS reads ServiceNow incident unloads (Export > XML of an incident list)"
    )


def test_a_record_over_the_size_limit_is_refused(store, tmp_path, monkeypatch):
    monkeypatch.setattr(xml_unload, "MAX_RECORD_BYTES", 1 << 20)
    path = unload(tmp_path / "big.xml", incident(1), incident(2, description="x" * (3 << 19)))
    with pytest.raises(InputError) as err:
        ingest_files(store, [path])
    assert str(err.value) == (
        "big.xml: incident row 2 (line 4) is larger than 1 MB: not a ServiceNow record"
    )


def test_a_giant_tag_is_refused_without_holding_it(store, tmp_path, monkeypatch):
    monkeypatch.setattr(xml_unload, "_MAX_SILENT_CHUNKS", 2)
    path = unload(tmp_path / "attr.xml", incident(1), f'<incident x="{"y" * (4 << 20)}"/>')
    with pytest.raises(
        InputError, match=r"attr.xml: a single tag or text runs over \d+ MB at line 4"
    ):
        ingest_files(store, [path])


def test_attachment_text_is_not_kept(store, tmp_path):
    doc = f"<sys_attachment_doc><data>{'QUJD' * 50_000}</data></sys_attachment_doc>"
    report, (t,) = tickets(store, unload(tmp_path / "att.xml", doc, incident(1)))
    assert "QUJD" not in str(t.raw)
    assert report.files[0].notices == [
        "att.xml: rows of other tables not read: 1 sys_attachment_doc"
    ]


# Formats: every file goes to its reader or is refused by name, never read as CSV


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "list.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
            "list.xls: Excel 97-2003 workbooks (.xls) are not supported; save it as .xlsx, "
            "or export the list as CSV",
        ),
        (
            "list.html",
            b"<html><body><table></table></body></html>",
            "list.html: HTML pages are not supported; export the list as CSV, Excel, JSON or XML",
        ),
        (
            "export",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
            "export: this is an Excel 97-2003 (.xls) or other old Office file, which TQRS does "
            "not read",
        ),
        (
            "page",
            b"<!DOCTYPE html>\n<html></html>",
            "page: this is an HTML page, which TQRS does not read",
        ),
        (
            "unload.csv",
            b'<?xml version="1.0"?><unload></unload>',
            "unload.csv: this is an XML file, not a CSV export; name it .xml",
        ),
        (
            "export.zip",
            b"PK\x03\x04",
            "export.zip: compressed archives are not supported; "
            "unpack it and ingest the files inside",
        ),
    ],
    ids=["xls", "html", "ole-content", "html-content", "xml-named-csv", "zip"],
)
def test_formats_not_read_are_refused_by_name(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    done = run_cli("ingest", path, "--db", tmp_path / "cli.duckdb")
    assert (done.returncode, done.stderr) == (2, f"error: {message}\n")


def test_an_unload_without_extension_is_read_as_xml(store, tmp_path):
    path = unload(tmp_path / "incident", incident(1))
    report, (t,) = tickets(store, path)
    assert report.files[0].format == "xml" and t.number == "INC0000001"


def test_a_refused_file_is_left_out_when_asked_and_the_others_kept(store, tmp_path):
    good = unload(tmp_path / "good.xml", incident(1))
    bad = tmp_path / "old.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    report = ingest_files(store, [good, bad], on_error="skip")
    assert report.ticket_count == 1 and list(report.failed) == ["old.xls"]


def test_a_workbook_named_xls_is_told_to_be_named_xlsx(tmp_path):
    """vdi_desk_excel_export.xlsx renamed .xls (as a user does to "make it Excel") was refused as
    "Excel 97-2003 workbooks (.xls) are not supported; save it as .xlsx", though it already is
    one: other misnamed files are told their right name ("name it .xlsx"), and so is this.
    A workbook written here with openpyxl (a zip, as every .xlsx)."""
    import openpyxl

    path = tmp_path / "desk.xls"
    wb = openpyxl.Workbook()
    wb.active.append(["Number", "Short description"])
    wb.active.append(["INC0000001", "VDI not assigned"])
    wb.save(path)
    assert path.read_bytes()[:4] == b"PK\x03\x04"
    done = run_cli("ingest", path, "--db", tmp_path / "cli.duckdb")
    assert (done.returncode, done.stderr) == (
        2,
        "error: desk.xls: this is an Excel workbook (.xlsx) or zip file, not an Excel 97-2003 "
        "workbook; if it is a workbook, name it .xlsx\n",
    )
    renamed = path.rename(tmp_path / "desk.xlsx")
    done = run_cli("ingest", renamed, "--db", tmp_path / "cli.duckdb")
    assert done.returncode == 0 and "1 ticket" in done.stdout
