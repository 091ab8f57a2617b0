"""The cases of scripts/bench_hostile.py, small: each ends in its clear error or its correct
import, without a traceback. The bounds are lowered where a case is about crossing one (the
bench runs the full sizes and prints memory and time)."""

import json
import re
from pathlib import Path

import pytest

import scripts.bench_hostile as hostile
import tqrs.ingest as ingest
import tqrs.ingest.excel as excel
import tqrs.ingest.json_export as json_export
import tqrs.ingest.pdf as pdf
from tests.conftest import run_cli
from tqrs.errors import InputError
from tqrs.ingest import ingest_files
from tqrs.store import sessions as db

MB = 1 << 20


def cli_error(path: Path, tmp_path: Path) -> str:
    """The one `error:` line `tqrs ingest` ends with (exit 2, nothing else on stderr)."""
    done = run_cli("ingest", path, "--db", tmp_path / "cli.duckdb")
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    return done.stderr.strip()


def refused(store, path: Path) -> str:
    with pytest.raises(InputError) as err:
        ingest_files(store, [path])
    return str(err.value)


# JSON


def test_json_cut_inside_a_long_string_is_truncated(tmp_path):
    path = hostile.json_truncated_string(tmp_path / "cut.json", scale=1 / 120)  # 1 MB
    assert cli_error(path, tmp_path) == (
        "error: cut.json: the JSON is truncated: record 2 (line 1, column 62) is not closed "
        "before the end of the file"
    )


def test_json_string_longer_than_a_record_may_be(store, tmp_path, monkeypatch):
    monkeypatch.setattr(json_export, "MAX_RECORD_BYTES", 1 * MB)
    for build in (hostile.json_truncated_string, hostile.json_big_field):
        path = build(tmp_path / f"{build.__name__}.json", scale=3 / 300)  # 3 MB
        assert re.fullmatch(
            rf"{path.name}: record 2 \(line 1(, column 62)?\) is larger than 1 MB: not a "
            "ServiceNow record",
            refused(store, path),
        )


def test_json_escapes_inside_a_cut_string_are_scanned_once(store, tmp_path):
    path = tmp_path / "escapes.json"
    path.write_bytes(b'{"records":[{"number":"INC1","description":"' + b'\\"},{' * 200_000)
    assert refused(store, path).startswith("escapes.json: the JSON is truncated: record 1")


def test_json_big_field_under_the_bound_is_imported_truncated_for_analysis(store, tmp_path):
    path = hostile.json_big_field(tmp_path / "big.json", scale=1 / 300)  # 1 MB
    report = ingest_files(store, [path])
    tickets = list(db.iter_tickets(store, report.session_id))
    assert [t.number for t in tickets] == ["INC0000001", "INC0000002", "INC0000003"]
    assert tickets[1].truncated == ["description"]
    (_, whole, _) = json.loads(path.read_bytes())["records"]
    assert tickets[1].raw["description"] == whole["description"]


def test_records_of_megabytes_go_to_the_store_in_batches_cut_by_size(store, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "BATCH_BYTES", 2 * MB)
    sizes: list[int] = []
    put = ingest._SessionWriter.put

    def counted(self, batch):
        sizes.append(len(batch))
        put(self, batch)

    monkeypatch.setattr(ingest._SessionWriter, "put", counted)
    records = [{"number": f"INC{n:07d}", "description": "x" * MB} for n in range(7)]
    path = tmp_path / "wide.json"
    path.write_text(json.dumps({"records": records}))
    assert ingest_files(store, [path]).ticket_count == 7
    assert sizes == [2, 2, 2, 1]


# XLSX


def test_xlsx_shared_strings_over_the_part_bound(store, tmp_path, monkeypatch):
    monkeypatch.setattr(excel, "MAX_PART_BYTES", 1 * MB)
    path = hostile.xlsx_huge_shared_string(tmp_path / "strings.xlsx", scale=3 / 1024)
    assert refused(store, path) == (
        "strings.xlsx: its part xl/sharedStrings.xml unpacks to 3 MB, over the 1 MB TQRS reads "
        "from one part of a workbook; export the list as CSV, JSON or XML instead"
    )


def test_xlsx_billion_laughs_refused_before_anything_is_expanded(tmp_path):
    path = hostile.xlsx_billion_laughs(tmp_path / "laughs.xlsx")
    assert cli_error(path, tmp_path) == (
        "error: laughs.xlsx: xl/sharedStrings.xml declares a DOCTYPE; a workbook has none: refused"
    )


@pytest.mark.parametrize(
    ("build", "scale", "what"),
    [
        (hostile.xlsx_many_rows, 2_000 / 1_040_000, "cells"),
        (hostile.xlsx_wide_rows, 1 / 300, "cells"),
    ],
    ids=["many-rows", "wide-rows"],
)
def test_xlsx_over_the_cell_bound(store, tmp_path, monkeypatch, build, scale, what):
    monkeypatch.setattr(excel, "MAX_CELLS", 5_000)
    path = build(tmp_path / "big.xlsx", scale=scale)
    assert refused(store, path) == (
        f"big.xlsx: the workbook holds over 5,000 {what} (at xl/worksheets/sheet1.xml), more "
        "than TQRS reads from one workbook (a ServiceNow Excel export holds far fewer); export "
        "the list as CSV, JSON or XML instead"
    )


def test_xlsx_rows_past_excels_limit(store, tmp_path, monkeypatch):
    path = hostile.xlsx_row_far_away(tmp_path / "far.xlsx")
    assert cli_error(path, tmp_path) == (
        "error: far.xlsx: xl/worksheets/sheet1.xml has a row numbered '999999999', past "
        "Excel's 1,048,576"
    )
    monkeypatch.setattr(excel, "MAX_ROWS", 100)
    path = hostile.xlsx_many_rows(tmp_path / "rows.xlsx", scale=200 / 1_040_000)
    assert refused(store, path).startswith("rows.xlsx: xl/worksheets/sheet1.xml has a row numbered")


def test_xlsx_export_within_the_bounds_is_imported(store, tmp_path):
    path = hostile.xlsx_export_500k_cells(tmp_path / "export.xlsx", scale=0.01)
    report = ingest_files(store, [path])
    assert report.ticket_count == 1_250
    first = next(iter(db.iter_tickets(store, report.session_id)))
    assert (first.number, first.short_description, first.priority) == (
        "INC0000002",
        "Printer 2 offline",
        3,
    )


def test_xlsx_damaged_part_is_named(store, tmp_path):
    path = hostile.write_xlsx(tmp_path / "broken.xlsx", ['<row r="1"><c r="A1"'])
    assert refused(store, path).startswith(
        "broken.xlsx: not a readable Excel workbook (xl/worksheets/sheet1.xml: "
    )


# XML


def test_xml_unload_with_late_journal_rows_is_joined(store, tmp_path):
    path, incidents, entries = hostile.xml_unload(tmp_path / "unload.xml", scale=0.0005)
    report = ingest_files(store, [path])
    tickets = list(db.iter_tickets(store, report.session_id))
    assert len(tickets) == incidents and incidents >= 10
    assert sum(t.work_note_count + t.comment_count for t in tickets) == entries == 2 * incidents
    first = tickets[0]  # its journal rows are the file's last
    assert (first.work_note_count, first.comment_count) == (1, 1)
    assert first.caller == "Dana Whitfield" and first.raw["caller_id"]["value"]


@pytest.mark.parametrize("build", [hostile.xml_billion_laughs, hostile.xml_external_entity])
def test_xml_entities_refused(tmp_path, build):
    path = build(tmp_path / "evil.xml")
    assert cli_error(path, tmp_path) == (
        "error: evil.xml: declares a DOCTYPE (line 2); a ServiceNow unload has none, and "
        "entities are never expanded: refused"
    )


# PDF


def test_pdf_over_the_page_bound_is_refused_before_reading(store, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    path = hostile.pdf_pages(tmp_path / "long.pdf", scale=3 / 1_500)
    assert refused(store, path) == (
        "long.pdf: 3 pages, more than the 2 TQRS reads from one PDF (an incident print runs to "
        "a few pages); export the incidents as XML, JSON or CSV instead, or split the PDF"
    )


def test_pdf_over_the_text_bound_is_refused(store, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "MAX_CHARS", 2_000)
    path = hostile.pdf_pages(tmp_path / "dense.pdf", scale=3 / 1_500)
    assert re.match(
        r"dense.pdf: over 2,000 characters of text by page [12] of 3, more than TQRS reads",
        refused(store, path),
    )


def test_pdf_within_the_bounds_is_imported(store, tmp_path):
    path = hostile.pdf_pages(tmp_path / "three.pdf", scale=3 / 1_500)
    assert ingest_files(store, [path]).ticket_count == 3
