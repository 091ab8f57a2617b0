"""Reading the reports back the way a manager's tools would: csv, openpyxl, the HTML text."""

import csv
import io
import re
from html import unescape

from openpyxl import load_workbook


def csv_rows(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def csv_cells(content: bytes) -> list[str]:
    return [
        cell
        for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""))
        for cell in row
    ]


def xlsx_sheets(content: bytes) -> dict[str, list[tuple]]:
    wb = load_workbook(io.BytesIO(content), read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def xlsx_records(rows: list[tuple]) -> list[dict]:
    header = rows[0]
    # Trailing empty cells are not stored, so a row can be shorter than the header.
    return [
        dict(zip(header, row + (None,) * (len(header) - len(row)), strict=True)) for row in rows[1:]
    ]


def html_figures(page: str) -> dict[str, str]:
    """The summary figures the HTML report marks with data-figure / data-band."""
    found = {k: unescape(v).strip() for k, v in re.findall(r'data-figure="(\w+)">([^<]*)<', page)}
    for band, n in re.findall(r'data-band="([^"]+)">([^<]*)<', page):
        found[f"band:{band}"] = n
    return found


def html_ticket_rows(page: str) -> dict[str, list[str]]:
    """number -> the text of each cell of its row in the ticket table."""
    rows = {}
    for number, body in re.findall(r'<tr data-ticket="([^"]*)">(.*?)</tr>', page, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)
        rows[unescape(number)] = [unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells]
    return rows
