"""Huge and hostile files through `tqrs ingest`: each case is built in a temp folder, ingested
by the CLI in a child process, and its outcome, peak RSS (the child's own ru_maxrss) and wall
and CPU time are printed. The bars (issue 17): every case ends in a clear `error:` line or a
correct import, within 60 s, under 1 GiB peak RSS above the baseline (the same command on a
one-incident export).

    .venv/bin/python scripts/bench_hostile.py [--only NAME ...] [--scale 1.0] [--keep DIR]

Each builder takes a scale (1.0: the size the issue names), so that tests/test_hostile_files.py
runs the same cases small."""

import argparse
import json
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1 << 20
BAR_SECONDS, BAR_BYTES = 60.0, 1 << 30


# JSON (issue 17 item 4)


def json_truncated_string(path: Path, scale: float = 1.0) -> Path:
    """An export cut inside a 120 MB string."""
    with open(path, "wb") as f:
        f.write(b'{"records":[{"number":"INC0000001","short_description":"ok"},')
        f.write(b'{"number":"INC0000002","description":"')
        _repeat(f, b"Printer jam on floor 3. ", int(120 * MB * scale))
    return path


def json_big_field(path: Path, scale: float = 1.0) -> Path:
    """A well-formed export whose second record has a 300 MB description."""
    with open(path, "wb") as f:
        f.write(b'{"records":[{"number":"INC0000001","short_description":"ok"},')
        f.write(b'{"number":"INC0000002","description":"')
        _repeat(f, b"Printer jam on floor 3. ", int(300 * MB * scale))
        f.write(b'"},{"number":"INC0000003","short_description":"after"}]}')
    return path


def json_lines(path: Path, scale: float = 1.0) -> tuple[Path, int, int]:
    """JSON Lines of about 96 MB (past the 64 MB a file of odd shape may be parsed whole): one
    Table API record a line, references as {"display_value", "link"}. Returns (path,
    incidents, 0)."""
    target = int(96 * MB * scale)
    link = "https://dev00000.service-now.com/api/now/v1/table/sys_user_group/"
    size = count = 0
    with open(path, "w", encoding="utf-8") as f:
        while size < target or count < 3:
            count += 1
            line = json.dumps(
                {
                    "number": f"INC{count:07d}",
                    "short_description": f"Mailbox full ({count})",
                    "description": "The user cannot send mail; the quota is full. " * 30,
                    "assignment_group": {"display_value": "Service Desk", "link": link + "d6"},
                    "sys_updated_on": "2025-12-10 04:26:41",
                }
            )
            f.write(line + "\n")
            size += len(line) + 1
    return path, count, 0


def _repeat(f, unit: bytes, size: int) -> None:
    block = unit * max(1, (1 * MB) // len(unit))
    while size > 0:
        f.write(block[:size])
        size -= len(block)


# XLSX (issue 17 item 6): workbooks written part by part, as a hostile one would be

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
    'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
    'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_PACKAGE_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}"><Relationship '
    f'Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
    '<sheets><sheet name="Page 1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# No named style at all (openpyxl warns that it applies its default, as it does for the
# workbooks ServiceNow writes), and a sheet extension it drops (it warns of that too).
_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{_MAIN}"><cellXfs count="1">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>'
)
_SHEET_TAIL = '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"/></extLst>'

HEADER = ["Number", "Short description", "Priority", "State"]


def write_xlsx(path: Path, sheet_parts, strings_parts=None, dimension: str = "") -> Path:
    """A one-sheet workbook from the sheet's <sheetData> content and the shared strings' <si>
    elements, each given as an iterable of text pieces (streamed into the zip)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("_rels/.rels", _PACKAGE_RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        z.writestr("xl/styles.xml", _STYLES)
        dim = f'<dimension ref="{dimension}"/>' if dimension else ""
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'.encode())
            f.write(f"{dim}<sheetData>".encode())
            for piece in sheet_parts:
                f.write(piece.encode())
            f.write(f"</sheetData>{_SHEET_TAIL}</worksheet>".encode())
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            for piece in strings_parts or _strings(HEADER):
                f.write(piece.encode())
    return path


def _strings(texts, prolog: str = ""):
    yield f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<sst xmlns="{_MAIN}">'
    for text in texts:
        yield f"<si><t>{text}</t></si>"
    yield "</sst>"


def _header_row() -> str:
    cells = "".join(f'<c r="{chr(65 + i)}1" t="s"><v>{i}</v></c>' for i in range(len(HEADER)))
    return f'<row r="1">{cells}</row>'


def _incident_rows(count: int, first: int = 2, columns: int = 4):
    for r in range(first, first + count):
        cells = [
            f'<c r="A{r}" t="inlineStr"><is><t>INC{r:07d}</t></is></c>',
            f'<c r="B{r}" t="inlineStr"><is><t>Printer {r} offline</t></is></c>',
            f'<c r="C{r}"><v>3</v></c>',
            f'<c r="D{r}" t="inlineStr"><is><t>Closed</t></is></c>',
        ]
        yield f'<row r="{r}">{"".join(cells[:columns])}</row>'


def xlsx_declared_dimension(path: Path, scale: float = 1.0) -> Path:
    """2 KB that declares all of A1:XFD1048576; three incidents in fact."""
    return write_xlsx(path, [_header_row(), *_incident_rows(3)], dimension="A1:XFD1048576")


def xlsx_huge_shared_string(path: Path, scale: float = 1.0) -> Path:
    """A shared string of 1 GB (a megabyte or so zipped)."""

    def strings():
        yield from list(_strings(HEADER))[:-1]
        yield "<si><t>"
        piece = "Printer jam on floor 3. " * 40_000
        for _ in range(max(1, int(1024 * MB * scale) // len(piece))):
            yield piece
        yield "</t></si></sst>"

    return write_xlsx(path, [_header_row(), *_incident_rows(2)], strings())


def xlsx_billion_laughs(path: Path, scale: float = 1.0) -> Path:
    """Shared strings that declare nested entities, one of them used in a cell."""
    bomb = (
        '<!DOCTYPE sst [<!ENTITY a "lol">'
        + "".join(
            f'<!ENTITY {b} "{("&" + a + ";") * 10}">'
            for a, b in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "]>"
    )
    return write_xlsx(
        path, [_header_row(), *_incident_rows(2)], _strings([*HEADER, "&i;"], prolog=bomb)
    )


def xlsx_many_rows(path: Path, scale: float = 1.0) -> Path:
    """Over a million rows of four cells: some 15 MB zipped, 4 million cells."""
    return write_xlsx(path, [_header_row(), *_incident_rows(int(1_040_000 * scale))])


def xlsx_wide_rows(path: Path, scale: float = 1.0) -> Path:
    """Rows of all 16,384 columns, a header cell in each: a few MB zipped."""
    from openpyxl.utils import get_column_letter

    columns = [get_column_letter(i) for i in range(1, 16_385)]
    rows = int(300 * scale) + 1

    def sheet():
        for r in range(1, rows + 1):
            yield f'<row r="{r}">'
            for i, col in enumerate(columns):
                if r == 1:
                    value = "Number" if i == 0 else f"Column {i}"
                else:
                    value = f"INC{r:07d}" if i == 0 else str(i)
                yield f'<c r="{col}{r}" t="inlineStr"><is><t>{value}</t></is></c>'
            yield "</row>"

    return write_xlsx(path, sheet())


def xlsx_row_far_away(path: Path, scale: float = 1.0) -> Path:
    """A row numbered 999,999,999: openpyxl would yield every empty row before it."""
    return write_xlsx(path, [_header_row(), *_incident_rows(2), '<row r="999999999"/>'])


def xlsx_export_500k_cells(path: Path, scale: float = 1.0) -> Path:
    """What a big real Excel export holds: 125,000 incidents of four cells (500,000 cells)."""
    return write_xlsx(path, [_header_row(), *_incident_rows(int(125_000 * scale))])


# XML unloads (issue 13 item 8, issue 17)

_INCIDENT_FIELDS = [f"u_field_{i}" for i in range(70)]


def _unload_incident(n: int) -> str:
    sys_id = f"{n:032x}"
    refs = "".join(
        f'<{k} display_value="{v}">{(n * 7 + i):032x}</{k}>'
        for i, (k, v) in enumerate(
            [
                ("caller_id", "Dana Whitfield"),
                ("assigned_to", "Priya Raman"),
                ("assignment_group", "Service Desk"),
                ("company", "ACME"),
                ("opened_by", "System Administrator"),
            ]
        )
    )
    extra = "".join(
        f"<{k}/>" if i % 3 else f"<{k}>value {i}</{k}>" for i, k in enumerate(_INCIDENT_FIELDS)
    )
    return (
        f'<incident action="INSERT_OR_UPDATE"><number>INC{n:07d}</number><sys_id>{sys_id}</sys_id>'
        f"<short_description>ACME - London - Outlook - Cannot send mail {n}</short_description>"
        "<description>User cannot send e-mail since this morning; error 0x800CCC0E.</description>"
        "<state>7</state><priority>3</priority><impact>2</impact><urgency>2</urgency>"
        "<opened_at>2025-12-10 04:26:41</opened_at><sys_updated_on>2025-12-10 06:00:00"
        f"</sys_updated_on>{refs}<close_notes>Repaired the Outlook profile.</close_notes>"
        f"<work_notes/><comments/>{extra}</incident>\n"
    )


def _unload_journal(n: int, k: int) -> str:
    element = "work_notes" if k % 2 else "comments"
    return (
        f'<sys_journal_field action="INSERT_OR_UPDATE"><element>{element}</element>'
        f"<element_id>{n:032x}</element_id><name>task</name><sys_created_by>admin"
        f"</sys_created_by><sys_created_on>2025-12-10 05:{k:02d}:00</sys_created_on>"
        f"<sys_id>{n:024x}{k:08x}</sys_id><value>Called the user back (entry {k}); the mailbox "
        "quota was full, archived old items and asked the user to retry.</value>"
        "</sys_journal_field>\n"
    )


def xml_unload(path: Path, scale: float = 1.0) -> tuple[Path, int, int]:
    """An unload of about 1 GB: incidents each followed by two journal rows, as ServiceNow
    writes them, except the first tenth's, which all come at the end of the file (the join
    cannot finish any incident before the file does). Returns (path, incidents, entries)."""
    target = int(1024 * MB * scale)
    incidents = entries = 0
    late: list[int] = []
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<unload unload_date="2025-12-10">\n')
        size = 0
        while size < target or incidents < 10:
            incidents += 1
            rows = [_unload_incident(incidents)]
            if incidents % 10 == 1:
                late.append(incidents)
            else:
                rows += [_unload_journal(incidents, k) for k in (1, 2)]
            entries += len(rows) - 1
            text = "".join(rows)
            f.write(text)
            size += len(text)
        for n in late:
            f.write(_unload_journal(n, 1) + _unload_journal(n, 2))
            entries += 2
        f.write("</unload>\n")
    return path, incidents, entries


_BOMB = (
    '<!DOCTYPE unload [<!ENTITY a "lol">'
    + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">'
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "]>\n"
)


def xml_billion_laughs(path: Path, scale: float = 1.0) -> Path:
    path.write_text(
        f'<?xml version="1.0"?>\n{_BOMB}<unload>{_unload_incident(1).replace("<comments/>", "<comments>&i;</comments>")}</unload>\n'
    )
    return path


def xml_external_entity(path: Path, scale: float = 1.0) -> Path:
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE unload [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        f"<unload>{_unload_incident(1).replace('<comments/>', '<comments>&secret;</comments>')}</unload>\n"
    )
    return path


# PDF (issue 17 item 7)


def pdf_pages(path: Path, scale: float = 1.0) -> Path:
    """1,500 one-page incident forms in one PDF."""
    sys.path.insert(0, str(ROOT))
    from scripts.make_sample_pdfs import Style, make_incident, write_document

    rng = random.Random(17)
    style = Style("form")
    made = [make_incident(rng, 20_000 + i, style) for i in range(max(2, int(1_500 * scale)))]
    write_document(path, [s for s, _ in made], style, [e for _, e in made])
    return path


@dataclass
class Case:
    name: str
    build: Callable
    expect: str  # "error: <start of the message>" or "import <tickets>"
    suffix: str


def _case_list() -> list[Case]:
    return [
        Case(
            "json-truncated-in-120MB-string", json_truncated_string, "error: {f}: record 2", ".json"
        ),
        Case("json-300MB-field", json_big_field, "error: {f}: record 2", ".json"),
        Case("json-lines-96MB", json_lines, "import {incidents}", ".json"),
        Case("xlsx-declares-A1:XFD1048576", xlsx_declared_dimension, "import 3", ".xlsx"),
        Case("xlsx-1GB-shared-string", xlsx_huge_shared_string, "error: {f}: its part", ".xlsx"),
        Case(
            "xlsx-billion-laughs",
            xlsx_billion_laughs,
            "error: {f}: xl/sharedStrings.xml declares a DOCTYPE",
            ".xlsx",
        ),
        Case("xlsx-1M-rows", xlsx_many_rows, "error: {f}: the workbook holds over", ".xlsx"),
        Case("xlsx-16384-columns", xlsx_wide_rows, "error: {f}: the workbook holds over", ".xlsx"),
        Case(
            "xlsx-row-999999999",
            xlsx_row_far_away,
            "error: {f}: xl/worksheets/sheet1.xml has a row numbered",
            ".xlsx",
        ),
        Case("xlsx-125k-incidents", xlsx_export_500k_cells, "import 125000", ".xlsx"),
        Case("xml-billion-laughs", xml_billion_laughs, "error: {f}: declares a DOCTYPE", ".xml"),
        Case("xml-external-entity", xml_external_entity, "error: {f}: declares a DOCTYPE", ".xml"),
        Case("xml-1GB-unload-with-journals", xml_unload, "import {incidents}", ".xml"),
        Case("pdf-1500-pages", pdf_pages, "error: {f}: 1,500 pages", ".pdf"),
    ]


def run_ingest(path: Path, db: Path) -> dict:
    """`tqrs ingest` in a child process: exit code, stdout, stderr, wall and CPU seconds and
    the child's own peak RSS (os.wait4's rusage, not the sum over children)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), TQRS_DB=str(db))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "tqrs", "ingest", str(path), "--db", str(db)],
            stdout=out,
            stderr=err,
            env=env,
            cwd=ROOT,
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return {
            "code": child.returncode,
            "stdout": out.read().decode(errors="replace"),
            "stderr": err.read().decode(errors="replace"),
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "rss": usage.ru_maxrss * 1024,
        }


def outcome(expect: str, result: dict, name: str) -> tuple[bool, str]:
    """Whether the run ended as expected, and what it ended in (one line)."""
    if result["stderr"].count("\n") > 1 or "Traceback" in result["stderr"]:
        return False, "traceback or more than one line on stderr"
    if expect.startswith("error: "):
        ok = result["code"] == 2 and result["stderr"].startswith(expect.format(f=name))
        return ok, result["stderr"].strip()[:150]
    tickets = next(
        (
            line.split(": ")[-1]
            for line in result["stdout"].splitlines()
            if line.startswith("session ")
        ),
        "",
    )
    ok = result["code"] == 0 and tickets.replace(",", "") == f"{expect.split()[1]} tickets"
    return ok, tickets or result["stderr"].strip()[:150]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="run only the cases whose names contain these")
    parser.add_argument("--scale", type=float, default=1.0, help="size of every case (1: full)")
    parser.add_argument("--keep", type=Path, help="build the files here and keep them")
    args = parser.parse_args()
    cases = [c for c in _case_list() if not args.only or any(o in c.name for o in args.only)]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="tqrs-hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / "baseline.json"
    base.write_text(json.dumps({"records": [{"number": "INC0000001", "short_description": "x"}]}))
    baseline = run_ingest(base, folder / "baseline.duckdb")["rss"]
    print(f"baseline: `tqrs ingest` of a one-incident JSON peaks at {baseline / MB:,.0f} MB RSS")
    print(
        f"{'case':<32} {'file':>9} {'ok':>4} {'peak MB':>8} {'above':>7} {'wall s':>7} "
        f"{'CPU s':>6}  outcome"
    )
    failed = 0
    # Each file is built in a process of its own: a child's peak RSS counts the memory of the
    # process it was started from (Linux keeps the high-water mark across exec), so this one
    # must stay small.
    builder = multiprocessing.get_context("spawn")
    for case in cases:
        path = folder / f"{case.name.replace(':', '-')}{case.suffix}"
        with builder.Pool(1) as pool:
            built = pool.apply(case.build, (path, args.scale))
        expect = case.expect
        if isinstance(built, tuple):
            path, incidents, _ = built
            expect = expect.format(incidents=incidents, f="{f}")
        result = run_ingest(path, folder / f"{path.stem}.duckdb")
        ok, said = outcome(expect, result, path.name)
        above = result["rss"] - baseline
        ok = ok and result["wall"] <= BAR_SECONDS and above <= BAR_BYTES
        failed += not ok
        # the expected outcomes are those of the full sizes
        shown = ("yes" if ok else "NO") if args.scale == 1.0 else "-"
        print(
            f"{case.name:<32} {path.stat().st_size / MB:>8.1f}M {shown:>4} "
            f"{result['rss'] / MB:>8,.0f} {above / MB:>7,.0f} {result['wall']:>7.1f} "
            f"{result['cpu']:>6.1f}  {said}",
            flush=True,
        )
        if not args.keep:
            path.unlink()
            for db in folder.glob(f"{path.stem}.duckdb*"):
                db.unlink()
    if args.scale != 1.0:
        return 0
    print(
        f"bars: each case a clear error or a correct import, wall <= {BAR_SECONDS:.0f} s, "
        f"peak <= {BAR_BYTES / MB:,.0f} MB above the baseline; {len(cases) - failed} of "
        f"{len(cases)} held"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
