"""Make incident PDFs like ServiceNow's form prints, each with a ground-truth JSON sidecar.

    python scripts/make_sample_pdfs.py                       # the samples in data/samples/pdf/
    python scripts/make_sample_pdfs.py OUT --varied 30       # a varied set for tests
    python scripts/make_sample_pdfs.py OUT --varied 30 --browser   # printed by Chromium
    python scripts/make_sample_pdfs.py OUT --one-page 100    # one-page incidents for the bench
    python scripts/make_sample_pdfs.py OUT --varied 12 --layout classic   # one layout only

Layouts drawn with reportlab, as a server-side export prints: a two-column "Label: value" form
(work notes and comments as labelled fields, or one Activities stream; labels with colons,
right-aligned, or plain), a two-column table with ruled cells and colon-less labels,
"Label: value" runs whose wrapped lines start at the margin, and the classic form print: two
"Label value" pairs a line, no colons, each value right after its label. Long journals run over pages with a
repeated header (instance, print date) and footer ("Page 1 of 3"). The `browser` layout is the
form as HTML printed by real Chromium (browser_print.py). Label variants (Caller / Opened for,
Resolution notes / Close notes) and date formats vary per document.

The sidecar `NAME.json` holds {"incidents": [record, ...]}: the values the reader must return,
keyed by ServiceNow field names, and per incident the count of unknowable breaks per field (see
write_document). Output is deterministic for a seed (reportlab invariant mode; the browser's
PDFs differ in their metadata only)."""

import argparse
import json
import random
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

if __package__:
    from scripts import browser_print
else:  # run as a script
    import browser_print

PAGE_W, PAGE_H = letter
TOP, BOTTOM, LEFT, RIGHT = PAGE_H - 80, 70, 40, PAGE_W - 40
SIZE, LEAD = 9, 12
RULE_UP = 8.5  # a table rule this far above the baseline clears the text
FONT, BOLD = "Helvetica", "Helvetica-Bold"
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%m/%d/%Y %I:%M %p", "%d-%b-%Y %H:%M")
SAMPLES_DIR = Path(__file__).resolve().parent.parent / "data" / "samples" / "pdf"

NAMES = [
    "Jane Doe",
    "Rahul Mehta",
    "Sofia Rossi",
    "Li Wei",
    "Amara Okafor",
    "Tom Becker",
    "Chloé Martin",
    "Diego Alvarez",
    "Hannah Schmidt",
    "Kenji Sato",
]
GROUPS = [
    "Service Desk",
    "Network Operations",
    "EUC Field Services - North America",
    "Application Support - SAP Finance and Controlling Tier 2",
    "Identity and Access",
]
CATEGORIES = {
    "Software": ["Email", "Operating System", "Office Suite"],
    "Hardware": ["Laptop", "Printer", "Monitor"],
    "Network": ["VPN", "Wireless", ""],
    "Inquiry / Help": ["Password Reset", "How To"],
}
SERVICES = ["Email", "Virtual Private Network", "SAP ERP Finance", "Corporate Laptop Service"]
CIS = [
    "EXCH-PROD-01",
    "vpn-gw-eu-west-2.corp.example.com",
    "LT-48213 Dell Latitude 7440",
    "SAP-ECC-PRD",
    "PRN-LON-3F-02",
]
STATES = ["Resolved", "Closed", "Closed", "In Progress", "On Hold"]
PRIORITIES = ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low", "5 - Planning"]
LEVELS = ["1 - High", "2 - Medium", "3 - Low"]
CONTACTS = ["Phone", "Email", "Self-service", "Walk-in", "Chat"]
CLOSE_CODES = [
    "Solved (Permanently)",
    "Solved (Work Around)",
    "Not Solved (Not Reproducible)",
    "Closed/Resolved by Caller",
]
COMPANIES = ["ACME Corporation", "Globex Europe GmbH"]
LOCATIONS = ["London - 3rd floor", "Chicago HQ", "Munich Campus B"]
SENTENCES = [
    "User reports that Outlook keeps asking for the password after the latest update.",
    "Verified the caller's identity with employee ID and manager name as per the process.",
    "The VPN client disconnects every few minutes when connected over the hotel Wi-Fi.",
    "Cleared the cached credentials in Windows Credential Manager and restarted the client.",
    "Printer on the third floor shows a paper jam error although the tray is empty.",
    "Escalated to the network team because the gateway logs show repeated TLS handshake "
    "failures for this user.",
    "Asked the caller to test again; the issue could not be reproduced during the call.",
    "Reimaged the laptop with the standard build 24H2 and restored the user profile.",
    "Confirmed with the user that everything works as expected; closing the incident.",
    "SAP transaction FB60 dumps with a short dump MESSAGE_TYPE_X when posting invoices.",
    "Checked the mailbox quota (49.5 GB of 50 GB) & archived items older than 2 years.",
    'Error message: "The remote server returned an error: (401) Unauthorized."',
    "Steps: 1) rebooted the device; 2) updated the driver; 3) reconnected the dock.",
    "Café Wi-Fi access point was replaced; signal strength is now -52 dBm.",
    "Called the user back, no answer.",
    "Left a voicemail.",
    "User confirmed the fix.",
    "Ran gpupdate /force and asked the user to sign out and back in.",
    "The shared mailbox permissions were missing after the migration; re-added Full Access "
    "and Send As for the finance team.",
    "Collected the MDM logs from the device and attached them to this incident for review by "
    "the mobility team.",
    "Known error KB0012345 applies.",
    "Rolled back the display driver to version 31.0.101.4502.",
    "Awaiting a maintenance window.",
    "Password was reset after the caller answered the two security questions correctly.",
    "Disk usage on C: was at 98%; cleared temp files and the Windows Update cache, now 61%.",
    "Change CHG0034567 scheduled for Saturday 22:00 UTC to replace the faulty switch module.",
    "No further issues reported by the user over the last 48 hours.",
    "Reassigned to Network Operations because the fault is on the site router.",
]
SHORTS = [
    "Outlook password prompt loop",
    "VPN drops every few minutes on hotel Wi-Fi",
    "ACME - London - SAP - FB60 short dump when posting vendor invoices after the "
    "quarterly support package was applied",
    "Printer shows paper jam",
    "Laptop slow after update",
    "Cannot access shared drive H: from home office",
]


@dataclass
class Style:
    """How one document prints its incidents."""

    layout: str = "form"  # form | activities | table | run-in | classic | browser
    date_format: str = DATE_FORMATS[0]
    caller: str = "Caller"
    close_notes: str = "Resolution notes"
    close_code: str = "Resolution code"
    service: str = "Service"
    instance: str = "acme.service-now.com"
    labels: str = "colon"  # colon: "Caller:"; right: the same, right-aligned; plain: "Caller"
    narrow: bool = False  # tables: a label column so narrow that long labels wrap
    stream: bool = False  # activities: entries headed "Author ... Work notes • date" instead


def make_incident(
    rng: random.Random, number: int, style: Style, journal_entries=(1, 3), with_number: bool = True
) -> tuple[dict, dict]:
    """(values as printed, expected record): the expected one has normalised dates."""
    opened = datetime(2025, 1, 1) + timedelta(minutes=rng.randrange(500_000))
    if "%S" not in style.date_format:
        opened = opened.replace(second=0)
    else:
        opened = opened.replace(second=rng.randrange(60))
    state = rng.choice(STATES)
    resolved = (
        opened + timedelta(minutes=rng.randrange(30, 5000))
        if state in ("Resolved", "Closed")
        else None
    )
    closed = resolved + timedelta(days=3) if state == "Closed" else None
    category = rng.choice(list(CATEGORIES))
    people = rng.sample(NAMES, 4)
    wn, cm = rng.randint(*journal_entries), rng.randint(0, max(1, journal_entries[1] // 2))
    times = sorted(
        (opened + timedelta(minutes=m) for m in rng.sample(range(1, 9000), wn + cm)), reverse=True
    )
    shown = {
        "number": f"INC{number:07d}" if with_number else "",
        "caller_id": people[0],
        "opened_at": opened,
        "resolved_at": resolved,
        "closed_at": closed,
        "category": category,
        "subcategory": rng.choice(CATEGORIES[category]),
        "contact_type": rng.choice(CONTACTS),
        "state": state,
        "priority": rng.choice(PRIORITIES),
        "impact": rng.choice(LEVELS),
        "urgency": rng.choice(LEVELS),
        "assignment_group": rng.choice(GROUPS),
        "assigned_to": people[1],
        "business_service": rng.choice(SERVICES),
        "cmdb_ci": rng.choice(CIS),
        "short_description": rng.choice(SHORTS),
        "description": _paragraphs(rng, 1, 3),
        "work_notes": [
            (times[i], people[1 + i % 3], "Work notes", _paragraphs(rng, 1, 2, 3))
            for i in range(wn)
        ],
        "comments": [
            (times[wn + i], people[i % 2], "Additional comments", _paragraphs(rng, 1, 1, 2))
            for i in range(cm)
        ],
        "close_code": rng.choice(CLOSE_CODES) if resolved else "",
        "close_notes": _paragraphs(rng, 1, 2) if resolved else "",
        "opened_by": people[3],
        "company": rng.choice(COMPANIES),
        "location": rng.choice(LOCATIONS),
    }
    expected = {k: _printed(v, style) for k, v in shown.items()}
    for k in ("opened_at", "resolved_at", "closed_at"):
        expected[k] = v.strftime("%Y-%m-%d %H:%M:%S") if (v := shown[k]) else ""
    for k in ("work_notes", "comments"):
        expected[k] = "\n\n".join(
            f"{t:%Y-%m-%d %H:%M:%S} - {who} ({kind})\n{text}" for t, who, kind, text in shown[k]
        )
    if not with_number:
        del expected["number"]
    return shown, expected


def _paragraphs(rng: random.Random, low: int, high: int, per: int = 3) -> str:
    paras = [
        " ".join(rng.sample(SENTENCES, rng.randint(1, per))) for _ in range(rng.randint(low, high))
    ]
    return ("\n\n" if rng.random() < 0.3 else "\n").join(paras)


def _printed(value, style: Style):
    """A value as the document prints it: dates in its format, None as empty."""
    if isinstance(value, datetime):
        return value.strftime(style.date_format)
    return "" if value is None else value


@dataclass
class Pages:
    """Draw operations per page; pages are rendered once their count is known."""

    pages: list[list[tuple]] = field(default_factory=lambda: [[]])
    y: float = TOP
    unknowable: list[dict[str, int]] = field(default_factory=list)  # per incident, per field

    def count_unknowable(self, key: str, text: str, width: float) -> None:
        """Note the typed line breaks in text that print exactly like a wrap: those right
        after a line the next word would not have fitted on."""
        paras = text.split("\n")
        n = sum(
            bool(nxt.split())
            and stringWidth(
                f"{simpleSplit(para, FONT, SIZE, width)[-1]} {nxt.split()[0]}", FONT, SIZE
            )
            > width
            for para, nxt in pairwise(paras)
            if para.strip()
        )
        if n and self.unknowable:
            self.unknowable[-1][key] = self.unknowable[-1].get(key, 0) + n

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.new_page()

    def new_page(self) -> None:
        if self.pages[-1]:
            self.pages.append([])
        self.y = TOP

    def text(
        self,
        x: float,
        text: str,
        font: str = FONT,
        size: float = SIZE,
        y: float | None = None,
        kind: str = "text",
    ) -> None:
        self.pages[-1].append((kind, x, self.y if y is None else y, text, font, size))

    def label(self, x: float, label: str, style: Style) -> None:
        """A form label in the document's style, in the 90 points left of its value."""
        if style.labels == "plain":
            self.text(x, label)
        elif style.labels == "right":
            self.text(x + 84, f"{label}:", kind="rtext")
        else:
            self.text(x, f"{label}:")

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.pages[-1].append(("line", x0, y0, x1, y1))


def _wrap(text: str, width: float, font: str = FONT) -> list[str]:
    """Printed lines of a value: hard newlines kept, blank lines as ""."""
    lines: list[str] = []
    for para in text.split("\n"):
        lines.extend(simpleSplit(para, font, SIZE, width) or [""])
    return lines


def _journal_lines(entries, style: Style, width: float, pg: "Pages") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for when, who, kind, text in entries:
        pg.count_unknowable("work_notes" if kind == "Work notes" else "comments", text, width)
        when = when.strftime(style.date_format)
        # a tab puts the rest of the line flush right
        stream = style.stream and style.layout == "activities"
        out.append((BOLD, f"{who}\t{kind} \u00b7 {when}" if stream else f"{when} - {who} ({kind})"))
        out.extend((FONT, line) for line in _wrap(text, width))
    return out


def _flow(
    pg: Pages,
    x: float,
    lines: list[tuple[str, str]],
    cell=None,
    beside: tuple[float, list[str]] = (0, []),
) -> None:
    """Lines at x from the cursor down, over pages as needed (cell: ruled table columns;
    beside: the x of a label and its lines, printed level with the first lines)."""
    label_x, label_lines = beside
    lines = lines + [(FONT, "")] * (len(label_lines) - len(lines))
    for n, (font, line) in enumerate(lines):
        pg.need(LEAD)
        if n < len(label_lines):
            pg.text(label_x, label_lines[n])
        line, _, flush_right = line.partition("\t")
        if line:
            pg.text(x, line, font)
        if flush_right:
            pg.text(RIGHT, flush_right, font, kind="rtext")
        if cell:
            for cx in cell:
                pg.rule(cx, pg.y + RULE_UP, cx, pg.y - LEAD + RULE_UP)
        pg.y -= LEAD


def _grid_rows(style: Style, v: dict) -> list[tuple]:
    """The form's two-column grid: (left label, field, right label, field) per row."""
    rows = [
        ("Number", "number", "Opened", "opened_at"),
        (style.caller, "caller_id", "State", "state"),
        ("Category", "category", "Priority", "priority"),
        ("Subcategory", "subcategory", "Impact", "impact"),
        (style.service, "business_service", "Urgency", "urgency"),
        ("Configuration item", "cmdb_ci", "Assignment group", "assignment_group"),
        ("Contact type", "contact_type", "Assigned to", "assigned_to"),
        ("Opened by", "opened_by", "Resolved", "resolved_at"),
        ("Company", "company", "Closed", "closed_at"),
        ("Location", "location", None, None),
    ]
    return [(None, *row[1:]) if row[1] == "number" and not v["number"] else row for row in rows]


def draw_form(pg: Pages, shown: dict, style: Style) -> None:
    """ServiceNow's print view: a two-column grid of "Label:" and value, then wide fields."""
    v = {k: _printed(x, style) for k, x in shown.items()}
    pg.need(60)
    pg.text(LEFT, f"Incident {v['number']}".strip(), BOLD, 14)
    pg.y -= 24
    for left, lkey, right, rkey in _grid_rows(style, v):
        cells = [(LEFT, left, lkey, 170), (PAGE_W / 2, right, rkey, RIGHT - PAGE_W / 2 - 90)]
        wrapped = [(x, label, _wrap(v[key], w) if label else []) for x, label, key, w in cells]
        height = max(len(w) for _, _, w in wrapped) * LEAD
        pg.need(height)
        for x, label, lines in wrapped:
            if label:
                pg.label(x, label, style)
            for i, line in enumerate(lines):
                pg.text(x + 90, line, y=pg.y - i * LEAD)
        pg.y -= height + 3
    _wide_fields(pg, v, shown, style)


def draw_classic(pg: Pages, shown: dict, style: Style) -> None:
    """The classic form print: two "Label value" pairs a line, labels without colons, each
    value one or two spaces after its label and wrapping in its own column ("Caller Chidi
    Okonkwo   Opened by  Emily Carter"), the right pair at the page's middle; then the wide
    fields, their labels without colons too."""
    v = {k: _printed(x, style) for k, x in shown.items()}
    pg.need(60)
    pg.text(LEFT, f"Incident {v['number']}".strip(), BOLD, 14)
    pg.y -= 24
    space = stringWidth(" ", FONT, SIZE)
    for left, lkey, right, rkey in _grid_rows(style, v):
        cells = []
        for x, label, key, end in (
            (LEFT, left, lkey, PAGE_W / 2 - 12),
            (PAGE_W / 2, right, rkey, RIGHT),
        ):
            if label:
                value_x = (
                    x + stringWidth(label, FONT, SIZE) + space * (1.5 if len(label) <= 6 else 2)
                )
                cells.append((x, label, value_x, _wrap(v[key], end - value_x)))
        height = max(len(lines) or 1 for *_, lines in cells) * LEAD
        pg.need(height)
        for x, label, value_x, lines in cells:
            pg.text(x, label)
            for i, line in enumerate(lines):
                pg.text(value_x, line, y=pg.y - i * LEAD)
        pg.y -= height + 3
    _wide_fields(pg, v, shown, replace(style, labels="plain"))


def _wide_fields(pg: Pages, v: dict, shown: dict, style: Style) -> None:
    """The form's full-width fields under its grid: descriptions, notes, resolution."""
    wide = RIGHT - LEFT - 90
    for label, key in (("Short description", "short_description"), ("Description", "description")):
        pg.need(LEAD)
        pg.label(LEFT, label, style)
        pg.count_unknowable(key, v[key], wide)
        _flow(pg, LEFT + 90, [(FONT, line) for line in _wrap(v[key], wide)])
        pg.y -= 3
    if style.layout == "activities":
        _heading(pg, "Activities")
        entries = sorted(shown["work_notes"] + shown["comments"], reverse=True)
        _flow(pg, LEFT, _journal_lines(entries, style, RIGHT - LEFT, pg))
    else:
        _heading(pg, "Notes")
        for label, key in (("Work notes", "work_notes"), ("Additional comments", "comments")):
            pg.need(LEAD)
            pg.label(LEFT, label, style)
            _flow(pg, LEFT + 90, _journal_lines(shown[key], style, wide, pg) or [(FONT, "")])
            pg.y -= 3
    _heading(pg, "Resolution Information")
    for label, key in ((style.close_code, "close_code"), (style.close_notes, "close_notes")):
        pg.need(LEAD)
        pg.label(LEFT, label, style)
        pg.count_unknowable(key, v[key], wide)
        _flow(pg, LEFT + 90, [(FONT, line) for line in _wrap(v[key], wide)])
    pg.y -= 10


def _heading(pg: Pages, title: str) -> None:
    pg.y -= 6
    pg.need(LEAD * 3)
    pg.text(LEFT, title, BOLD, 11)
    pg.y -= LEAD + 4


TABLE_LABELS = [
    ("Number", "number"),
    ("caller", "caller_id"),
    ("Opened", "opened_at"),
    ("State", "state"),
    ("Priority", "priority"),
    ("Impact", "impact"),
    ("Urgency", "urgency"),
    ("Category", "category"),
    ("Subcategory", "subcategory"),
    ("Contact type", "contact_type"),
    ("service", "business_service"),
    ("Configuration item", "cmdb_ci"),
    ("Assignment group", "assignment_group"),
    ("Assigned to", "assigned_to"),
    ("Opened by", "opened_by"),
    ("Company", "company"),
    ("Location", "location"),
    ("Short description", "short_description"),
    ("Description", "description"),
    ("Work notes", "work_notes"),
    ("Additional comments", "comments"),
    ("close_code", "close_code"),
    ("close_notes", "close_notes"),
    ("Resolved", "resolved_at"),
    ("Closed", "closed_at"),
]


def _listed(shown: dict, style: Style):
    """(label, field, value as printed) in list order; journals stay lists of entries."""
    for label, key in TABLE_LABELS:
        if key != "number" or shown["number"]:
            yield getattr(style, label, label), key, _printed(shown[key], style)


def draw_table(pg: Pages, shown: dict, style: Style) -> None:
    """A ruled Field | Value table per incident, labels without colons."""
    label_width = 62 if style.narrow else 125
    x_label, x_value = LEFT + 5, LEFT + label_width + 5
    width = RIGHT - x_value - 10
    cols = (LEFT, LEFT + label_width, RIGHT)
    pg.y -= 8
    pg.need(LEAD * 5)
    pg.text(LEFT, f"Incident {shown['number']}".strip(), BOLD, 12)
    pg.y -= LEAD + 8
    pg.rule(LEFT, pg.y + RULE_UP, RIGHT, pg.y + RULE_UP)
    pg.text(x_label, "Field", BOLD)
    pg.text(x_value, "Value", BOLD)
    _flow(pg, x_value, [(FONT, "")], cols)
    for label, key, value in _listed(shown, style):
        if key in ("work_notes", "comments"):
            lines = _journal_lines(value, style, width, pg)
        else:
            pg.count_unknowable(key, value, width)
            lines = [(FONT, line) for line in _wrap(value, width)]
        pg.need(LEAD)
        pg.rule(LEFT, pg.y + RULE_UP, RIGHT, pg.y + RULE_UP)
        _flow(
            pg,
            x_value,
            lines or [(FONT, "")],
            cols,
            beside=(x_label, simpleSplit(label, FONT, SIZE, label_width - 8)),
        )
    pg.rule(LEFT, pg.y + RULE_UP, RIGHT, pg.y + RULE_UP)


def draw_run_in(pg: Pages, shown: dict, style: Style) -> None:
    """One field after the other as "Label: value" runs; wrapped lines start at the margin."""
    pg.y -= 8
    pg.need(LEAD * 4)
    pg.text(LEFT, f"Incident {shown['number']}".strip(), BOLD, 12)
    pg.y -= LEAD + 6
    for label, key, value in _listed(shown, style):
        if key in ("work_notes", "comments"):
            lines = [(FONT, f"{label}:")] + _journal_lines(value, style, RIGHT - LEFT, pg)
        else:
            pg.count_unknowable(key, f"{label}: {value}", RIGHT - LEFT)
            lines = [(FONT, line) for line in _wrap(f"{label}: {value}".rstrip(), RIGHT - LEFT)]
        _flow(pg, LEFT, lines)


def render(path: Path, pg: Pages, style: Style, printed: datetime) -> None:
    canvas = Canvas(str(path), pagesize=letter, invariant=1)
    total = len(pg.pages)
    for n, ops in enumerate(pg.pages, 1):
        canvas.setFont(FONT, 8)
        canvas.drawString(LEFT, PAGE_H - 36, style.instance)
        canvas.drawRightString(RIGHT, PAGE_H - 36, f"Printed: {printed:{style.date_format}}")
        canvas.drawString(LEFT, 30, "Incident report - Confidential")
        canvas.drawRightString(RIGHT, 30, f"Page {n} of {total}")
        for op in ops:
            if op[0] in ("text", "rtext"):
                kind, x, y, text, font, size = op
                canvas.setFont(font, size)
                (canvas.drawString if kind == "text" else canvas.drawRightString)(x, y, text)
            else:
                canvas.line(*op[1:])
        canvas.showPage()
    canvas.save()


def write_document(
    path: Path,
    incidents: list[dict],
    style: Style,
    expected: list[dict],
    new_page_each: bool = True,
    browser=None,
) -> None:
    """One PDF of the given incidents and its sidecar path.with_suffix('.json').

    The sidecar also counts, per incident and field, the line breaks its writer typed right
    after a line that was already full: printed without a trailing space (reportlab, like a
    server-side export) such a break looks exactly like a wrap, and no reader can tell."""
    printed = datetime(2026, 1, 15, 9, 30, 5)
    if style.layout == "browser":
        pages = _print_in_browser(path, incidents, style, new_page_each, printed, browser)
        unknowable = [{} for _ in incidents]
    else:
        pg = Pages()
        for i, shown in enumerate(incidents):
            if i and new_page_each:
                pg.new_page()
            pg.unknowable.append({})
            {"table": draw_table, "run-in": draw_run_in, "classic": draw_classic}.get(
                style.layout, draw_form
            )(pg, shown, style)
        render(path, pg, style, printed)
        pages, unknowable = len(pg.pages), pg.unknowable
    path.with_suffix(".json").write_text(
        json.dumps(
            {"pages": pages, "incidents": expected, "unknowable_breaks": unknowable},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def _browser(layout: str | None, browser=None):
    """The browser to print with: the one given, a new one for the browser layout, or none."""
    return (
        browser_print.chromium()
        if browser is None and layout == "browser"
        else nullcontext(browser)
    )


def _print_in_browser(
    path: Path, incidents: list[dict], style: Style, new_page_each: bool, printed: datetime, browser
) -> int:
    with _browser(style.layout, browser) as browser:
        return browser_print.print_pdf(
            browser,
            path,
            _html(incidents, style, new_page_each),
            style,
            printed.strftime(style.date_format),
        )


def _html(incidents: list[dict], style: Style, new_page_each: bool) -> str:
    return "".join(
        browser_print.incident_html(
            {
                k: _printed(v, style)
                for k, v in shown.items()
                if k not in ("work_notes", "comments")
            },
            {
                k: [
                    (t.strftime(style.date_format), who, kind, text)
                    for t, who, kind, text in entries
                ]
                for k, entries in (
                    ("work_notes", shown["work_notes"]),
                    ("comments", shown["comments"]),
                    ("activities", sorted(shown["work_notes"] + shown["comments"], reverse=True)),
                )
            },
            style,
            new_page_each,
        )
        for shown in incidents
    )


def random_style(rng: random.Random, layout: str | None = None) -> Style:
    return Style(
        layout=layout or rng.choice(["form", "activities", "table", "run-in"]),
        date_format=rng.choice(DATE_FORMATS),
        caller=rng.choice(["Caller", "Opened for"]),
        close_notes=rng.choice(["Resolution notes", "Close notes"]),
        close_code=rng.choice(["Resolution code", "Close code"]),
        service=rng.choice(["Service", "Business service"]),
        instance=rng.choice(["acme.service-now.com", "globex.service-now.com"]),
        labels=rng.choice(["colon", "right", "plain"]),
        narrow=rng.random() < 0.5,
        stream=rng.random() < 0.5,
    )


def make_set(
    out: Path, kinds: list[str], seed: int = 8, prefix: str = "", layout: str | None = None
) -> list[Path]:
    """Write one document per kind (single, multipage, multi, nonumber) with random styles
    (layout: all in this one)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    with _browser(layout) as browser:
        for i, kind in enumerate(kinds, 1):
            style = random_style(rng, layout)
            count = rng.randint(2, 4) if kind == "multi" else 1
            entries = (12, 18) if kind == "multipage" else (1, 3)
            made = [
                make_incident(
                    rng,
                    seed * 100_000 + i * 10 + j,
                    style,
                    entries,
                    with_number=not (kind == "nonumber" and j == 1),
                )
                for j in range(count + (kind == "nonumber"))
            ]
            path = out / f"{prefix}{i:03d}-{kind}-{style.layout}.pdf"
            write_document(
                path,
                [s for s, _ in made],
                style,
                [e for _, e in made],
                new_page_each=style.layout != "table" or rng.random() < 0.5,
                browser=browser,
            )
            paths.append(path)
    return paths


def make_varied(out: Path, count: int, seed: int = 8, layout: str | None = None) -> list[Path]:
    cycle = ["single", "multipage", "multi", "single"]
    return make_set(out, [cycle[i % len(cycle)] for i in range(count)], seed, layout=layout)


def make_one_page(out: Path, count: int, seed: int = 100, layout: str | None = None) -> list[Path]:
    return make_set(out, ["single"] * count, seed, prefix="one-page-", layout=layout)


def make_samples(out: Path = SAMPLES_DIR, browser: bool = True) -> list[Path]:
    """The committed samples: one of each layout, a multi-page and a multi-incident PDF, and
    one printed from the browser (Chromium; left out with browser=False, the others are the
    same either way). New samples go last: each takes its values from one random sequence."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2025)
    specs = [
        ("incident-form", Style(), 1, (2, 3)),
        (
            "incident-activities",
            Style("activities", DATE_FORMATS[1], "Opened for", "Close notes", "Close code"),
            1,
            (2, 3),
        ),
        ("incident-table", Style("table", DATE_FORMATS[2], service="Business service"), 1, (1, 2)),
        ("incident-multipage", Style(date_format=DATE_FORMATS[1]), 1, (20, 24)),
        (
            "incidents-multiple",
            Style("table", instance="globex.service-now.com", narrow=True),
            3,
            (1, 3),
        ),
        ("incident-plain-labels", Style(date_format=DATE_FORMATS[2], labels="plain"), 1, (1, 2)),
        ("incident-right-labels", Style("activities", labels="right"), 1, (1, 2)),
        ("incident-run-in", Style("run-in", DATE_FORMATS[1], "Opened for"), 1, (1, 2)),
        ("incident-browser-print", Style("browser", DATE_FORMATS[1], stream=True), 1, (16, 20)),
        ("incident-classic-form", Style("classic", DATE_FORMATS[2], "Caller"), 1, (1, 2)),
    ]
    paths = []
    for n, (name, style, count, entries) in enumerate(specs):
        made = [make_incident(rng, 10_001 + n * 10 + j, style, entries) for j in range(count)]
        if style.layout == "browser" and not browser:
            continue  # drawn all the same: the values of the samples after it stay the same
        path = out / f"{name}.pdf"
        write_document(path, [s for s, _ in made], style, [e for _, e in made])
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, help="folder (default: data/samples/pdf)")
    parser.add_argument("--varied", type=int, help="this many varied documents")
    parser.add_argument("--one-page", type=int, help="this many one-page single incidents")
    parser.add_argument("--browser", action="store_true", help="print --varied with Chromium")
    parser.add_argument(
        "--layout",
        choices=["form", "activities", "table", "run-in", "classic", "browser"],
        help="--varied in this layout only",
    )
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    if args.varied or args.one_page:
        out = args.out or Path("pdf-samples")
        layout = "browser" if args.browser else args.layout
        paths = (make_varied(out, args.varied, args.seed, layout) if args.varied else []) + (
            make_one_page(out, args.one_page, args.seed + 1) if args.one_page else []
        )
    else:
        paths = make_samples(args.out or SAMPLES_DIR)
    print(f"wrote {len(paths)} PDFs with .json sidecars to {paths[0].parent}")


if __name__ == "__main__":
    main()
