"""Incidents printed the way an analyst prints a ServiceNow form from the browser: the form as
HTML (a two-column grid of labels and values, multi-line text as `white-space: pre-wrap` like
ServiceNow's text areas and activity stream), laid out and printed to PDF by real Chromium,
with its page header and "Page 1 of 3" footer.

A browser keeps the space at the end of a wrapped line in the text layer and has none after a
line the writer broke; hyphenated words ("Wi-Fi") may wrap after the hyphen. Used by
make_sample_pdfs.py for its `browser` layout; needs Playwright and Debian's chromium."""

import html
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tqrs.testing.chromium import ARGS, CHROMIUM

_CSS = """
body { font-family: Arial, "Liberation Sans", sans-serif; font-size: 12px; margin: 0; }
h1 { font-size: 18px; margin: 0 0 10px; }
h2 { font-size: 14px; margin: 14px 0 6px; border-bottom: 1px solid #999; }
.incident + .incident { margin-top: 24px; }
.incident.page + .incident.page { break-before: page; }
table.grid { border-collapse: collapse; width: 100%; }
table.grid td { vertical-align: top; padding: 2px 4px; }
td.label, .wide .label { width: 120px; color: #333; }
.right td.label, .right .wide .label { text-align: right; }
td.value { width: 200px; }
.wide { display: flex; margin: 3px 0; }
.wide .label { flex: none; padding: 0 4px; }
.wide .value, .entry .text { flex: 1; padding: 0 4px; }
.pre { white-space: pre-wrap; }
.entry { margin: 0 0 8px; }
.entry .head { display: flex; justify-content: space-between; font-weight: bold; }
"""
_HEADER = (
    '<div style="font-size:8px;width:100%;margin:0 40px;display:flex;'
    'justify-content:space-between"><span>{instance}</span><span>Printed: {printed}'
    "</span></div>"
)
_FOOTER = (
    '<div style="font-size:8px;width:100%;margin:0 40px;display:flex;'
    'justify-content:space-between"><span>Incident report - Confidential</span><span>'
    'Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>'
    "</div>"
)
GRID = [
    ("Number", "number", "Opened", "opened_at"),
    ("caller", "caller_id", "State", "state"),
    ("Category", "category", "Priority", "priority"),
    ("Subcategory", "subcategory", "Impact", "impact"),
    ("service", "business_service", "Urgency", "urgency"),
    ("Configuration item", "cmdb_ci", "Assignment group", "assignment_group"),
    ("Contact type", "contact_type", "Assigned to", "assigned_to"),
    ("Opened by", "opened_by", "Resolved", "resolved_at"),
    ("Company", "company", "Closed", "closed_at"),
    ("Location", "location", None, None),
]


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _label(style, name: str | None) -> str:
    text = getattr(style, name, name) if name else ""
    return _e(f"{text}:" if text and style.labels != "plain" else text)


def _wide(style, label: str, inner: str, pre: bool = True) -> str:
    """A full-width row: the label, then the value (text areas keep their line breaks)."""
    return (
        f'<div class="wide"><div class="label">{_label(style, label)}</div>'
        f'<div class="value{" pre" if pre else ""}">{inner}</div></div>'
    )


def _entry_html(style, when: str, who: str, kind: str, text: str) -> str:
    if style.stream:
        head = f"<span>{_e(who)}</span><span>{_e(kind)} \u2022 {_e(when)}</span>"
    else:
        head = f"<span>{_e(when)} - {_e(who)} ({_e(kind)})</span>"
    return (
        f'<div class="entry"><div class="head">{head}</div>'
        f'<div class="text pre">{_e(text)}</div></div>'
    )


def incident_html(values: dict, journals: dict, style, page_each: bool) -> str:
    """One incident's print view. values: each field as printed; journals: work_notes,
    comments and both as activities, each a list of (printed time, author, kind, text)
    entries, newest first."""
    rows = []
    for left, lkey, right, rkey in GRID:
        if lkey == "number" and not values["number"]:
            left = lkey = None
        cells = [(left, lkey), (right, rkey)]
        rows.append(
            "<tr>"
            + "".join(
                f'<td class="label">{_label(style, label)}</td>'
                f'<td class="value">{_e(values[key]) if key else ""}</td>'
                for label, key in cells
            )
            + "</tr>"
        )
    wide = "".join(
        _wide(style, label, _e(values[key]))
        for label, key in (
            ("Short description", "short_description"),
            ("Description", "description"),
        )
    )
    if style.stream:
        notes = "<h2>Activities</h2>" + "".join(
            _entry_html(style, *e) for e in journals["activities"]
        )
    else:
        notes = "<h2>Notes</h2>" + "".join(
            _wide(style, label, "".join(_entry_html(style, *e) for e in journals[key]), pre=False)
            for label, key in (("Work notes", "work_notes"), ("Additional comments", "comments"))
        )
    resolution = "<h2>Resolution Information</h2>" + "".join(
        _wide(style, label, _e(values[key]))
        for label, key in (("close_code", "close_code"), ("close_notes", "close_notes"))
    )
    title = f"Incident {values['number']}".strip()
    return (
        f'<div class="incident{" page" if page_each else ""}"><h1>{_e(title)}</h1>'
        f'<table class="grid">{"".join(rows)}</table>{wide}{notes}{resolution}</div>'
    )


@contextmanager
def chromium() -> Iterator:
    """One headless Chromium for a batch of prints."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def print_pdf(browser, path: Path, body: str, style, printed: str) -> int:
    """Print the incidents' HTML to path like Chrome's "Save as PDF"; the page count."""
    page = browser.new_page()
    try:
        labels = " right" if style.labels == "right" else ""
        page.set_content(
            f"<!doctype html><html><head><meta charset='utf-8'><style>{_CSS}"
            f"</style></head><body class='{labels}'>{body}</body></html>"
        )
        page.pdf(
            path=str(path),
            format="Letter",
            print_background=False,
            display_header_footer=True,
            header_template=_HEADER.format(instance=_e(style.instance), printed=printed),
            footer_template=_FOOTER,
            margin={"top": "60px", "bottom": "60px", "left": "40px", "right": "40px"},
        )
        return _page_count(path)
    finally:
        page.close()


def _page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)
