"""Hostile ticket text in every format: escaped in HTML (and kept out of scripts by the
page's CSP), neutralised in CSV and Excel so no cell runs as a formula."""

import re

import orjson
import pytest

from tests.reports.conftest import FORMULA, HOSTILE, IMG, SCRIPT
from tests.reports.readers import csv_cells, xlsx_sheets
from tqrs.reports import load_report, render
from tqrs.reports.html_report import ticket_html
from tqrs.reports.tables import FORMULA_STARTS, safe_cell
from tqrs.review import override_criterion


@pytest.fixture
def report(hostile_run):
    store, run_id = hostile_run
    plain = load_report(store, run_id)
    first = plain.tickets[0]
    cid = first.criteria[0].result.criterion_id
    override_criterion(store, run_id, first.ticket_id, cid, "0", f"{SCRIPT} {FORMULA}", IMG)
    return load_report(store, run_id)


def test_the_hostile_text_reaches_the_report_data(report):
    """Otherwise the checks below would prove nothing."""
    text = orjson.loads(render(report, "json")[""])
    dumped = orjson.dumps(text).decode()
    for attack in HOSTILE:
        assert orjson.dumps(attack).decode()[1:-1] in dumped


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        # a formula behind a line break or blanks: Google Sheets and LibreOffice's "trim
        # spaces" import strip them, and the cell then starts with =
        ("\n=1+1", "'\n=1+1"),
        ("\r\n@SUM(A1)", "'\r\n@SUM(A1)"),
        (" \t=1", "' \t=1"),
        ("\u00a0+1", "'\u00a0+1"),
        ("\x00=1", "'\x00=1"),
        # the full-width forms, which Excel with an East Asian input method reads as = + - @
        ('\uff1dHYPERLINK("http://x")', '\'\uff1dHYPERLINK("http://x")'),
        ("\uff0b1", "'\uff0b1"),
        ("\uff0d2", "'\uff0d2"),
        ("\uff20SUM(A1)", "'\uff20SUM(A1)"),
        ("\n  \uff1d1", "'\n  \uff1d1"),
        ("\nplain", "\nplain"),
        (" a = b", " a = b"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (None, ""),
        (True, "yes"),
        (7, 7),
        (7.5, 7.5),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


# OWASP's CSV injection starts, and the full-width forms Excel reads as = + - @
OWASP_AND_FULL_WIDTH = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@pytest.mark.parametrize("start", OWASP_AND_FULL_WIDTH)
def test_every_formula_start_is_neutralised(start):
    # FORMULA_STARTS and the one pattern that neutralises are written from one list
    assert set(FORMULA_STARTS) == set(OWASP_AND_FULL_WIDTH)
    assert safe_cell(start + "1") == "'" + start + "1"
    if start not in "\t\r":  # blanks themselves, which an importer trims with the line break
        assert safe_cell("\n" + start + "1") == "'\n" + start + "1"


def test_no_csv_cell_starts_with_a_formula_character(report):
    files = render(report, "csv")
    for content in files.values():
        cells = csv_cells(content)
        bad = [c for c in cells if c.startswith(FORMULA_STARTS)]
        assert not bad
    cells = csv_cells(files[""]) + csv_cells(files["-criteria"])
    assert "'" + FORMULA in cells  # the agent's name, kept readable
    assert any(c.startswith("'" + FORMULA) for c in csv_cells(files["-criteria"]))


def test_excel_cells_that_would_run_are_text_cells_of_the_text_itself(report, tmp_path):
    """In the workbook, text a spreadsheet would run is a text cell (type s, quote prefix),
    its value the text itself: the apostrophe the CSV needs is not part of it (before: the
    Criteria sheet showed "'=HYPERLINK(...)" as the agent's name). Read back with openpyxl."""
    from openpyxl import load_workbook

    path = tmp_path / "r.xlsx"
    path.write_bytes(render(report, "xlsx")[""])
    wb = load_workbook(path)
    assert {"Summary", "Tickets", "Criteria"} <= set(wb.sheetnames)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    runnable = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]
    assert runnable and all((c.data_type, c.quotePrefix) == ("s", True) for c in runnable)
    criteria = [c.value for row in wb["Criteria"].iter_rows() for c in row]
    assert FORMULA in criteria and "'" + FORMULA not in criteria
    tickets = [c.value for row in wb["Tickets"].iter_rows() for c in row]
    assert FORMULA in tickets
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value.startswith("'")]
    assert not [c.value for c in cells if isinstance(c.value, int | float) and c.value < 0]


def test_no_excel_cell_is_a_formula_and_sheets_are_laid_out(report, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "r.xlsx"
    path.write_bytes(render(report, "xlsx")[""])
    wb = load_workbook(path)
    for ws in wb.worksheets:
        assert not [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    tickets = wb["Tickets"]
    assert tickets.freeze_panes == "A2" and tickets.auto_filter.ref.startswith("A1:")
    band = next(c for c in tickets[2] if c.value in ("BLUE", "GREEN", "YELLOW", "RED", "PURPLE"))
    assert band.fill.fgColor.rgb.endswith(("1F6FD1", "2E9D4F", "E3B505", "D13B3B", "7B3FB0"))
    assert tickets.column_dimensions["A"].width > 10


def _pages(report):
    batch = render(report, "html")[""].decode()
    tickets = [ticket_html(report, t.number).decode() for t in report.tickets]
    return [batch, *tickets]


def test_html_escapes_every_hostile_string(report):
    pages = _pages(report)
    joined = "".join(pages)
    for attack in (SCRIPT, IMG):
        assert attack not in joined
    assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in joined
    assert "&lt;img src=x onerror=" in joined
    assert "<b>session</b>" not in joined and "&lt;b&gt;session&lt;/b&gt;" in joined
    for page in pages:
        tags = _tags(page)
        assert not [t for t in tags if t[0] in ("img", "iframe", "object", "embed", "a")]
        assert not [t for t in tags if any(name.startswith("on") for name, _ in t[1])]


def _tags(page: str) -> list[tuple[str, list]]:
    """Every element the browser would build from the page."""
    from html.parser import HTMLParser

    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collector().feed(page)
    return found


def test_every_script_carries_the_pages_nonce(report):
    for page in _pages(report):
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page)
        assert csp, "no CSP"
        nonce = re.search(r"script-src 'nonce-([A-Za-z0-9_-]+)'", csp.group(1)).group(1)
        assert "unsafe-inline" not in csp.group(1).split("style-src")[0]
        for tag in re.findall(r"<script\b[^>]*>", page):
            assert (
                tag == '<script type="application/json"' + tag[31:] or f'nonce="{nonce}"' in tag
            ), tag
        assert "cdn" not in " ".join(re.findall(r"<script\b[^>]*>", page)).lower()


def test_html_data_blocks_cannot_close_their_element(report):
    page = render(report, "html")[""].decode()
    for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S):
        assert "<" not in block
        orjson.loads(block)


def test_chart_labels_cannot_close_their_data_block():
    import plotly.graph_objects as go

    from tqrs.reports.charts import figure_json, plotly_label

    fig = go.Figure(go.Bar(x=[plotly_label(f"{IMG}</script>{SCRIPT}")], y=[1]))
    text = figure_json(fig)
    assert "<" not in text and ">" not in text
    assert orjson.loads(text)["data"][0]["x"] == [
        '&lt;img src=x onerror="window.__pwned = 1; alert(1)"&gt;&lt;/script&gt;'
        "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;"
    ]


def test_excel_report_holds_control_characters_of_a_ticket(store, tmp_path):
    """A ticket whose agent, group and text carry control characters (a bell, an escape, a
    Word soft line break \\x0b): XML 1.0, so Excel, cannot hold them, and openpyxl refused
    the whole report (IllegalCharacterError). They are written as line breaks (\\x0b, \\x0c)
    or U+FFFD; the CSV keeps the text as stored."""
    from tests.conftest import incident, write_export
    from tests.reports.readers import csv_rows, xlsx_records
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    record = incident(
        1,
        assigned_to="Agent\x01Bell\x07",
        assignment_group="Desk\x0bEMEA",
        close_notes="Fixed\x1b[31m the \x0cprofile.",
    )
    path = write_export(tmp_path / "controls.json", [record])
    session_id = ingest_files(store, [path], "controls").session_id
    report = load_report(store, evaluate_offline(store, session_id, "incident_logging"))

    sheets = xlsx_sheets(render(report, "xlsx")[""])
    ticket = xlsx_records(sheets["Tickets"])[0]
    assert (ticket["agent"], ticket["group"]) == ("Agent\ufffdBell\ufffd", "Desk\nEMEA")
    agents = [row[0] for row in sheets["Summary"] if row]
    assert "Agent\ufffdBell\ufffd" in agents and "Desk\nEMEA" in agents
    assert csv_rows(render(report, "csv")[""])[0]["agent"] == "Agent\x01Bell\x07"


def test_formulas_behind_blanks_or_in_full_width_are_neutralised(store, tmp_path):
    """Ticket text that a spreadsheet may still run: a formula behind a line break (an agent's
    name pasted with one), full-width ＝ ＋ － ＠ (an East Asian input method's), in the
    CSV and Excel reports of a real run."""
    from tests.conftest import incident, write_export
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    attacks = {
        "assigned_to": '\uff1dHYPERLINK("http://x","y")',
        "assignment_group": "\uff20SUM(A1:A9)",
        "category": "\uff0b1",
    }
    note = '\r\n=HYPERLINK("http://x","y") as agreed'  # an analyst's override note
    records = [incident(1, **attacks), incident(2, assigned_to="\uff0d2 agent")]
    path = write_export(tmp_path / "wide.json", records)
    session = ingest_files(store, [path]).session_id
    run_id = evaluate_offline(store, session, "incident_logging")
    first = load_report(store, run_id).tickets[0]
    cid = first.criteria[0].result.criterion_id
    override_criterion(store, run_id, first.ticket_id, cid, "0", note, "ana")
    report = load_report(store, run_id)
    files = render(report, "csv")
    cells = [c for content in files.values() for c in csv_cells(content)]
    for value in (*attacks.values(), "\uff0d2 agent", note):
        shown = [c for c in cells if value.strip() in c]
        assert shown, value  # the value reached the reports
        assert all(c.startswith("'") or not c.lstrip().startswith(value.strip()) for c in shown)
    runnable = re.compile(r"^[\s\x00]*[=+\-@\uff1d\uff0b\uff0d\uff20]")
    assert not [c for c in cells if runnable.match(c)]
    # the workbook: each such value a text cell of the text itself (the note's \r\n kept as
    # a line break), never a formula
    from openpyxl import load_workbook

    path = tmp_path / "r.xlsx"
    path.write_bytes(render(report, "xlsx")[""])
    found = [c for ws in load_workbook(path) for row in ws.iter_rows() for c in row]
    texts = [c for c in found if isinstance(c.value, str)]
    for value in (*attacks.values(), "\uff0d2 agent"):
        assert value in [c.value for c in texts], value
    assert any(c.value.strip() == note.strip() for c in texts)
    shown = [c for c in texts if runnable.match(c.value)]
    assert shown and all((c.data_type, c.quotePrefix) == ("s", True) for c in shown)
    assert not [c for c in found if c.data_type == "f"]
