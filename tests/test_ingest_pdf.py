"""PDF incidents: field accuracy over varied generated prints, splitting, page furniture, the
whole-file errors, partial success, and `tqrs ingest` end to end."""

import io
import json
import os
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pypdf
import pytest
from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

import tqrs.ingest.pdf as pdf_module
from scripts.make_sample_pdfs import (
    DATE_FORMATS,
    SAMPLES_DIR,
    Style,
    make_incident,
    make_samples,
    make_varied,
    write_document,
)
from tests.conftest import real_file, run_cli
from tqrs.errors import InputError
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.ingest.pdf import iter_pdf_records
from tqrs.journal import parse_journal
from tqrs.store import Store, runs
from tqrs.store import sessions as db
from tqrs.testing.chromium import CHROMIUM

# The fields the issue names; accuracy is also reported for the extras the samples print.
REQUIRED_FIELDS = (
    "number",
    "caller_id",
    "opened_at",
    "resolved_at",
    "closed_at",
    "category",
    "subcategory",
    "contact_type",
    "state",
    "priority",
    "impact",
    "urgency",
    "assignment_group",
    "assigned_to",
    "business_service",
    "cmdb_ci",
    "short_description",
    "description",
    "work_notes",
    "comments",
    "close_code",
    "close_notes",
)
PROSE = {"description", "work_notes", "comments", "close_notes"}
BROWSER_SAMPLE = "incident-browser-print.pdf"  # the committed sample Chromium prints
BAR = 0.95


@pytest.fixture(scope="module")
def varied(tmp_path_factory) -> list[Path]:
    """Server-side export prints: drawn by reportlab, no space kept at a wrap."""
    return make_varied(tmp_path_factory.mktemp("varied"), 40)


@pytest.fixture(scope="module")
def classic_prints(tmp_path_factory) -> list[Path]:
    """The classic form print: two "Label value" pairs a line, labels without colons."""
    return make_varied(tmp_path_factory.mktemp("classic"), 12, seed=10, layout="classic")


@pytest.fixture(scope="module")
def browser_prints(tmp_path_factory) -> list[Path]:
    """The same kinds of incident as an analyst prints them from the browser (real Chromium:
    the tests that use this carry the browser mark)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"chromium is not installed at {CHROMIUM}")
    return make_varied(tmp_path_factory.mktemp("browser"), 16, seed=9, layout="browser")


def read(path: Path) -> list[dict]:
    return [rec for _, rec, _, _ in iter_pdf_records(path)]


def sidecar(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text())


def truth(path: Path) -> list[dict]:
    return sidecar(path)["incidents"]


@dataclass
class Accuracy:
    """Exact field instances; for prose also the same words, each line end read right, and
    the instances the print determines (no typed break there prints exactly like a wrap)."""

    exact: Counter = field(default_factory=Counter)
    same_words: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    knowable: Counter = field(default_factory=Counter)
    knowable_exact: Counter = field(default_factory=Counter)
    breaks_right: int = 0
    breaks: int = 0
    incidents: int = 0
    files: int = 0

    def add(self, want: dict, rec: dict, unknowable: dict) -> None:
        for name, value in want.items():
            got = rec.get(name)
            self.total[name] += 1
            self.exact[name] += got == value
            self.same_words[name] += isinstance(got, str) and got.split() == value.split()
            if not unknowable.get(name):
                self.knowable[name] += 1
                self.knowable_exact[name] += got == value
            if name in PROSE and isinstance(got, str) and got.split() == value.split():
                wanted, read_ = re.findall(r"\s+", value), re.findall(r"\s+", got)
                self.breaks += sum("\n" in gap for gap in wanted)
                self.breaks_right += sum(
                    a == b for a, b in zip(wanted, read_, strict=True) if "\n" in a or "\n" in b
                )

    def rate(self, counter: Counter, names=None, of: Counter | None = None) -> float:
        names, of = names or list(self.total), of or self.total
        return sum(counter[n] for n in names) / sum(of[n] for n in names)

    def report(self, title: str) -> str:
        lines = [
            f"{title}: field-level accuracy over {self.files} PDFs, {self.incidents} "
            "incidents (exact; same words ignoring line breaks; exact where the print "
            "determines the value):"
        ]
        lines += [
            f"  {n:<18} {self.exact[n]:>4}/{self.total[n]:<4} "
            f"{self.exact[n] / self.total[n]:7.1%}  {self.same_words[n] / self.total[n]:7.1%}"
            f"  {self.knowable_exact[n]:>4}/{self.knowable[n]:<4}"
            for n in self.total
        ]
        lines.append(
            f"  {'overall':<18} {sum(self.exact.values()):>4}/"
            f"{sum(self.total.values()):<4} {self.rate(self.exact):7.1%}  "
            f"{self.rate(self.same_words):7.1%}  "
            f"{self.rate(self.knowable_exact, of=self.knowable):7.1%}"
        )
        lines.append(
            f"  typed line breaks in prose read as breaks: {self.breaks_right}/{self.breaks}"
        )
        return "\n".join(lines)


def measure(paths: list[Path]) -> Accuracy:
    acc = Accuracy(files=len(paths))
    for path in paths:
        side, got = sidecar(path), read(path)
        expected = side["incidents"]
        assert len(got) == len(expected), f"{path.name}: {len(got)} incidents read"
        acc.incidents += len(expected)
        for want, rec, unknowable in zip(expected, got, side["unknowable_breaks"], strict=True):
            acc.add(want, rec, unknowable)
    return acc


def test_field_accuracy_on_server_export_prints(varied):
    acc = measure(varied)
    summary = acc.report("server-side export prints")
    print("\n" + summary)
    assert set(REQUIRED_FIELDS) <= set(acc.total)
    assert acc.rate(acc.exact) >= BAR, summary
    assert acc.rate(acc.exact, REQUIRED_FIELDS) >= BAR, summary
    # Every field has exactly the printed words; one-line fields are exact.
    assert acc.same_words == acc.total, summary
    assert all(acc.exact[n] == acc.total[n] for n in acc.total if n not in PROSE), summary
    # Where the print determines the value (no typed break after a full line), every field
    # but one or two prose values (a blank line at a page's foot; a column edge never
    # reached) is exact.
    assert all(acc.knowable_exact[n] / acc.knowable[n] >= BAR for n in acc.total), summary
    assert acc.breaks_right / acc.breaks >= 0.97, summary


def test_field_accuracy_on_classic_two_column_prints(classic_prints):
    acc = measure(classic_prints)
    summary = acc.report("classic two-column form prints")
    print("\n" + summary)
    assert set(REQUIRED_FIELDS) <= set(acc.total)
    assert acc.same_words == acc.total, summary
    # No right-hand pair ends up in a left value: every one-line field is exact.
    assert all(acc.exact[n] == acc.total[n] for n in acc.total if n not in PROSE), summary
    assert all(acc.knowable_exact[n] / acc.knowable[n] >= BAR for n in acc.total), summary


@pytest.mark.browser
def test_field_accuracy_on_browser_prints(browser_prints):
    acc = measure(browser_prints)
    summary = acc.report("browser prints (Chromium)")
    print("\n" + summary)
    assert set(REQUIRED_FIELDS) <= set(acc.total)
    assert acc.same_words == acc.total, summary
    # A browser keeps the space at a wrap: every field is exact for 95% of its instances.
    assert all(acc.exact[n] / acc.total[n] >= BAR for n in acc.total), summary
    assert acc.breaks_right / acc.breaks >= 0.99, summary


def test_server_prints_score_as_their_json_export(tmp_path, store, varied):
    """What the workbench makes of an incident read from its print is what it makes of the
    same incident exported as JSON: every criterion's points and evidence."""
    _assert_scores_as_json_export(tmp_path, store, varied[:12])


@pytest.mark.browser
def test_browser_prints_score_as_their_json_export(tmp_path, store, browser_prints):
    _assert_scores_as_json_export(tmp_path, store, browser_prints)


def _assert_scores_as_json_export(tmp_path, store, paths: list[Path]) -> None:
    from_pdf = ingest_files(store, paths).session_id
    records = [rec for path in paths for rec in truth(path)]
    export = tmp_path / "same-incidents.json"
    export.write_text(json.dumps({"records": records}))
    from_json = ingest_files(store, [export]).session_id
    for rubric in ("incident_logging", "incident_handling"):
        scored = [
            list(runs.iter_ticket_scores(store, evaluate_offline(store, s, rubric)))
            for s in (from_pdf, from_json)
        ]
        assert len(scored[0]) == len(records) >= 18
        for pdf_score, json_score in zip(*scored, strict=True):
            assert pdf_score.number == json_score.number
            assert [
                (c.criterion_id, c.option, c.points, c.evidence, c.reasoning)
                for c in pdf_score.criteria
            ] == [
                (c.criterion_id, c.option, c.points, c.evidence, c.reasoning)
                for c in json_score.criteria
            ]


def test_varied_set_covers_the_layouts(varied, classic_prints):
    names = " ".join(p.name for p in varied + classic_prints)
    for kind in (
        "single",
        "multipage",
        "multi",
        "form",
        "activities",
        "table",
        "run-in",
        "classic",
    ):
        assert kind in names
    assert any(sidecar(p)["pages"] > 2 for p in varied)


@pytest.mark.browser
def test_browser_set_has_multipage_prints(browser_prints):
    assert all("browser" in p.name for p in browser_prints)
    assert any(sidecar(p)["pages"] > 1 for p in browser_prints)


def words_only(rec: dict) -> dict:
    """Prose with its line breaks ignored: a break typed after a full line is unknowable."""
    return {k: " ".join(v.split()) if k in PROSE else v for k, v in rec.items()}


@pytest.mark.parametrize("path", sorted(SAMPLES_DIR.glob("*.pdf")), ids=lambda p: p.name)
def test_committed_samples_read_word_for_word(path):
    expected = truth(path)
    got = read(path)
    assert [
        words_only({k: rec.get(k) for k in want}) for rec, want in zip(got, expected, strict=True)
    ] == [words_only(w) for w in expected]


def test_committed_samples_are_what_the_generator_makes(tmp_path):
    made = make_samples(tmp_path, browser=False)
    committed = {p.name for p in SAMPLES_DIR.glob("*.pdf")}
    assert {p.name for p in made} == committed - {BROWSER_SAMPLE}
    for path in made:
        sidecar = path.with_suffix(".json").name
        assert (tmp_path / sidecar).read_text() == (SAMPLES_DIR / sidecar).read_text(), sidecar


@pytest.mark.browser
def test_committed_browser_sample_is_what_the_generator_makes(tmp_path):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"chromium is not installed at {CHROMIUM}")
    made = make_samples(tmp_path)
    assert {p.name for p in made} == {p.name for p in SAMPLES_DIR.glob("*.pdf")}
    for path in [p for p in made if p.name == BROWSER_SAMPLE]:
        sidecar = path.with_suffix(".json").name
        assert (tmp_path / sidecar).read_text() == (SAMPLES_DIR / sidecar).read_text(), sidecar


def test_several_incidents_in_one_pdf_split_in_order():
    path = SAMPLES_DIR / "incidents-multiple.pdf"
    records = list(iter_pdf_records(path))
    assert [r["number"] for _, r, _, _ in records] == [t["number"] for t in truth(path)]
    assert [pos for pos, _, _, _ in records] == [1, 2, 3]
    assert [page for _, _, _, page in records] == [r["pdf_pages"][0] for _, r, _, _ in records]
    assert json.loads(records[0][2]) == records[0][1]


def test_incidents_flowing_on_one_page_split(tmp_path):
    rng = random.Random(3)
    style = Style("table")
    made = [make_incident(rng, n, style) for n in (501, 502, 503)]
    path = tmp_path / "flowing.pdf"
    write_document(path, [s for s, _ in made], style, [e for _, e in made], new_page_each=False)
    records = read(path)
    assert [r["number"] for r in records] == ["INC0000501", "INC0000502", "INC0000503"]
    assert records[0]["pdf_pages"][0] == 1 and records[1]["pdf_pages"][0] == 1


def test_multipage_journal_continues_without_headers_and_footers():
    path = SAMPLES_DIR / "incident-multipage.pdf"
    (rec,) = read(path)
    (want,) = truth(path)
    assert json.loads(path.with_suffix(".json").read_text())["pages"] >= 3
    assert rec["pdf_pages"] == [1, 2, 3]
    entries = parse_journal(rec["work_notes"])
    wanted = parse_journal(want["work_notes"])
    assert [(e.time, e.author, e.kind) for e in entries] == [
        (e.time, e.author, e.kind) for e in wanted
    ]
    assert [" ".join(e.text.split()) for e in entries] == [" ".join(e.text.split()) for e in wanted]
    assert all(e.time and e.author and e.kind == "Work notes" for e in entries)
    text = json.dumps(rec)
    for furniture in ("Page 1 of", "Page 2 of", "service-now.com", "Printed:", "Confidential"):
        assert furniture not in text


@pytest.mark.parametrize("date_format", DATE_FORMATS)
def test_printed_dates_come_out_normalised(tmp_path, date_format):
    rng = random.Random(5)
    style = Style("form", date_format)
    shown, expected = make_incident(rng, 7, style)
    path = tmp_path / "dates.pdf"
    write_document(path, [shown], style, [expected])
    (rec,) = read(path)
    assert rec["opened_at"] == shown["opened_at"].strftime(
        "%Y-%m-%d %H:%M:%S" if "%S" in date_format else "%Y-%m-%d %H:%M:00"
    )
    for entry in parse_journal(rec["work_notes"]):
        assert len(entry.time) == 19 and entry.time[4] == "-"


@pytest.mark.parametrize("layout", ["form", "table", "activities"])
def test_label_variants(tmp_path, layout):
    rng = random.Random(11)
    style = Style(
        layout,
        caller="Opened for",
        close_notes="Close notes",
        close_code="Close code",
        service="Business service",
    )
    shown, expected = make_incident(rng, 9, style)
    while not shown["close_notes"]:
        shown, expected = make_incident(rng, 9, style)
    path = tmp_path / "variants.pdf"
    write_document(path, [shown], style, [expected])
    (rec,) = read(path)
    for name in ("caller_id", "close_notes", "close_code", "business_service"):
        assert rec[name] == expected[name] != ""


def test_activity_stream_headers_become_journal_headers(tmp_path):
    rng = random.Random(12)
    style = Style("activities", DATE_FORMATS[1], stream=True)
    shown, expected = make_incident(rng, 12, style, journal_entries=(3, 4))
    path = tmp_path / "stream.pdf"
    write_document(path, [shown], style, [expected])
    (rec,) = read(path)
    for key in ("work_notes", "comments"):
        assert [(e.time, e.author, e.kind) for e in parse_journal(rec[key])] == [
            (e.time, e.author, e.kind) for e in parse_journal(expected[key])
        ]
    assert "\u00b7" not in rec["work_notes"] + rec["comments"]


def test_titles_alone_give_the_number_and_extra_labels_are_kept(tmp_path):
    path = tmp_path / "hand-made.pdf"
    canvas = Canvas(str(path), pagesize=letter, invariant=1)
    y = 700
    for title, lines in (
        (
            "INC0020002",
            [
                "Caller: Pat Lee",
                "Watch list: ops@example.com",
                "Short description: Printer offline on floor 3",
                "Problem: PRB0001234",
                "State: Closed",
                "Incident state: Closed",
                "Created: 12/10/2025 04:26 AM",
            ],
        ),
        (
            "Incident: INC0030003",
            ["Opened for: Sam Roe", "Parent: INC0020002", "Category: Hardware"],
        ),
    ):
        canvas.setFont("Helvetica-Bold", 14)
        canvas.drawString(40, y, title)
        canvas.setFont("Helvetica", 9)
        for line in lines:
            y -= 14
            canvas.drawString(40, y, line)
        y -= 30
    canvas.save()
    first, second = read(path)
    assert first["number"] == "INC0020002"
    assert (first["caller_id"], first["watch_list"], first["problem_id"]) == (
        "Pat Lee",
        "ops@example.com",
        "PRB0001234",
    )
    assert first["short_description"] == "Printer offline on floor 3"
    assert first["state"] == "Closed"  # printed twice, still one incident
    assert first["sys_created_on"] == "2025-12-10 04:26:00"
    assert second["number"] == "INC0030003"
    assert (second["caller_id"], second["parent_incident"], second["category"]) == (
        "Sam Roe",
        "INC0020002",
        "Hardware",
    )


def partial_pdf(tmp_path: Path, first_entries=(1, 3)) -> Path:
    """Three incidents, the second without a number; the first has this many journal entries."""
    rng = random.Random(4)
    style = Style("form")
    made = [
        make_incident(rng, 601, style, first_entries),
        make_incident(rng, 0, style, with_number=False),
        make_incident(rng, 603, style),
    ]
    path = tmp_path / "partial.pdf"
    write_document(path, [s for s, _ in made], style, [e for _, e in made])
    return path


def test_incident_without_number_is_rejected_alone(tmp_path, store):
    report_ = ingest_files(store, [partial_pdf(tmp_path)])
    numbers = [t.number for t in db.iter_tickets(store, report_.session_id)]
    (source,) = report_.files
    assert (source.records, source.imported, source.rejected) == (3, 2, 1)
    assert numbers == ["INC0000601", "INC0000603"]
    (issue,) = source.issues
    assert (issue.position, issue.outcome, issue.message) == (
        2,
        "rejected",
        "the record has no number",
    )


def test_ingested_pdf_tickets_are_typed(store):
    path = SAMPLES_DIR / "incident-table.pdf"
    (want,) = truth(path)
    report_ = ingest_files(store, [path])
    (ticket,) = db.iter_tickets(store, report_.session_id)
    assert ticket.number == want["number"]
    assert ticket.caller == want["caller_id"]
    assert ticket.priority == int(want["priority"][0])
    assert ticket.opened_at.strftime("%Y-%m-%d %H:%M:%S") == want["opened_at"]
    assert ticket.work_note_count == want["work_notes"].count("(Work notes)")
    assert ticket.raw["pdf_pages"] == [1]


def test_pypdf_fallback_reads_the_fields(monkeypatch, varied):
    def unreadable(path):
        raise pdf_module._Unreadable("forced for the test")

    monkeypatch.setattr(pdf_module, "_read_with_pdfplumber", unreadable)
    acc = measure(varied)
    summary = acc.report("pypdf fallback, server-side export prints")
    print("\n" + summary)
    # Character columns stand in for positions: most fields still come out exact.
    assert acc.rate(acc.exact) >= 0.9, summary
    for path in sorted(SAMPLES_DIR.glob("*.pdf")):
        for rec, want in zip(read(path), truth(path), strict=True):
            assert rec["number"] == want["number"]
            assert len(parse_journal(rec["work_notes"])) == want["work_notes"].count("(Work notes)")


# Whole-file problems


def encrypted(tmp_path: Path, password: str) -> Path:
    writer = pypdf.PdfWriter(clone_from=SAMPLES_DIR / "incident-form.pdf")
    writer.encrypt(user_password=password, owner_password="owner-secret", algorithm="AES-256")
    path = tmp_path / "locked.pdf"
    writer.write(path)
    return path


def image_only(tmp_path: Path, footer: str = "") -> Path:
    scan = Image.new("RGB", (200, 100), "white")
    for x in range(20, 180):
        scan.putpixel((x, 50), (0, 0, 0))
    buf = io.BytesIO()
    scan.save(buf, "PNG")
    path = tmp_path / "scan.pdf"
    canvas = Canvas(str(path), pagesize=letter, invariant=1)
    for _ in range(2):
        canvas.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 50, 500, 400, 200)
        if footer:
            canvas.drawString(500, 30, footer)
        canvas.showPage()
    canvas.save()
    return path


def text_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF with these lines of text (none: a blank page)."""
    canvas = Canvas(str(path), pagesize=letter, invariant=1)
    for n, line in enumerate(lines):
        canvas.drawString(72, 700 - 20 * n, line)
    canvas.showPage()
    canvas.save()
    return path


def blank(tmp_path: Path) -> Path:
    return text_pdf(tmp_path / "blank.pdf", [])


def no_incident(tmp_path: Path) -> Path:
    return text_pdf(
        tmp_path / "minutes.pdf",
        [
            "Minutes of the weekly service review",
            "Attendees: the service desk leads. Nothing else to report.",
        ],
    )


def not_a_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "export.pdf"
    path.write_text("number,short_description\nINC0010001,Printer jam\n")
    return path


def cut(tmp_path: Path) -> Path:
    path = tmp_path / "cut.pdf"
    path.write_bytes((SAMPLES_DIR / "incident-form.pdf").read_bytes()[:900])
    return path


def damaged(tmp_path: Path) -> Path:
    """Cut short, but ending with the %%EOF marker a whole PDF ends with."""
    path = tmp_path / "bad.pdf"
    path.write_bytes((SAMPLES_DIR / "incident-form.pdf").read_bytes()[:900] + b"\n%%EOF\n")
    return path


def empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: encrypted(d, "secret"), "locked.pdf: the PDF is password protected"),
        (image_only, "scan.pdf: has no text layer (image-only; TQRS does no OCR)"),
        (
            lambda d: image_only(d, footer="Scanned copy"),
            "scan.pdf: has no text layer besides page headers and footers (image-only;",
        ),
        (blank, "blank.pdf: has no text: its pages are blank"),
        (not_a_pdf, "export.pdf: not a PDF (it starts with 'number,short_description')"),
        (no_incident, "minutes.pdf: no incident found in it"),
        (cut, "cut.pdf: the PDF is truncated (it ends without the %%EOF marker"),
        (damaged, "bad.pdf: a damaged PDF that cannot be read"),
        (empty, "empty.pdf: the file is empty, not a PDF"),
    ],
    ids=[
        "encrypted",
        "image-only",
        "image-and-footer",
        "blank",
        "not-a-pdf",
        "no-incident",
        "cut",
        "damaged",
        "empty",
    ],
)
def test_whole_file_problems_are_named(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(InputError) as err:
        read(path)
    assert str(err.value).startswith(message)


def test_pdf_with_empty_user_password_is_read(tmp_path):
    path = encrypted(tmp_path, "")
    assert [r["number"] for r in read(path)] == [
        truth(SAMPLES_DIR / "incident-form.pdf")[0]["number"]
    ]


def test_bad_pdf_skipped_when_asked_and_others_kept(tmp_path, store):
    good, bad = SAMPLES_DIR / "incident-form.pdf", image_only(tmp_path)
    report_ = ingest_files(store, [good, bad], on_error="skip")
    assert report_.ticket_count == 1
    assert report_.failed == {
        "scan.pdf": "scan.pdf: has no text layer (image-only; TQRS does no OCR)"
    }


# The command line


def test_cli_ingests_a_pdf(tmp_path):
    db_path = str(tmp_path / "cli.duckdb")
    done = run_cli("ingest", str(SAMPLES_DIR / "incidents-multiple.pdf"), "--db", db_path)
    assert done.returncode == 0, done.stderr
    assert "3 records: 3 imported" in done.stdout
    session = done.stdout.strip().splitlines()[-1]
    assert session.isdigit()
    listed = run_cli("tickets", session, "--db", db_path, "--json")
    numbers = [json.loads(line)["number"] for line in listed.stdout.splitlines()]
    assert numbers == [t["number"] for t in truth(SAMPLES_DIR / "incidents-multiple.pdf")]


def test_cli_places_a_pdf_record_issue_by_page(tmp_path):
    # The first incident fills pages 1-3, so the numberless one, record 2, starts on page 4.
    path = partial_pdf(tmp_path, first_entries=(12, 18))
    db_path = tmp_path / "cli.duckdb"
    done = run_cli("ingest", path, "--db", db_path, check=True)
    assert "  rejected: record 2, page 4: the record has no number\n" in done.stdout
    assert "line" not in done.stdout
    with Store(db_path) as store:
        (source,) = db.get_session(store, int(done.stdout.split()[-1])).files
    (issue,) = source.issues
    assert issue.where(source.format) == "record 2, page 4"


def test_pdf_of_only_rejected_incidents_names_the_page(tmp_path, store):
    style = Style("form")
    shown, expected = make_incident(random.Random(5), 0, style, with_number=False)
    path = tmp_path / "nonumber.pdf"
    write_document(path, [shown], style, [expected])
    with pytest.raises(InputError, match=r"\(first: record 1, page 1: the record has no number"):
        ingest_files(store, [path])


@pytest.mark.parametrize(
    "make",
    [lambda d: encrypted(d, "secret"), image_only, not_a_pdf],
    ids=["encrypted", "image-only", "not-a-pdf"],
)
def test_cli_names_the_bad_pdf(tmp_path, make):
    path = make(tmp_path)
    done = run_cli("ingest", str(path), "--db", str(tmp_path / "cli.duckdb"))
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {path.name}: ")
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


# The real server-side export, and the label rules it needs


# The labels of the real "Incident Details" export, as printed, and the field each names.
REAL_LABELS = {
    "Number": "number",
    "Channel": "contact_type",
    "Caller": "caller_id",
    "State": "state",
    "Category": "category",
    "On hold reason": "hold_reason",
    "Subcategory": "subcategory",
    "Impact": "impact",
    "Service": "business_service",
    "Urgency": "urgency",
    "Service offering": "service_offering",
    "Priority": "priority",
    "Configuration item": "cmdb_ci",
    "Assignment group": "assignment_group",
    "Assigned to": "assigned_to",
    "Short description": "short_description",
    "Description": "description",
    "Watch list": "watch_list",
    "Work notes list": "work_notes_list",
    "Comments": "comments",
    "Work notes": "work_notes",
    "Parent Incident": "parent_incident",
    "Change Request": "rfc",
    "Problem": "problem_id",
    "Caused by Change": "caused_by",
    "Knowledge": "knowledge",
    "Resolved by": "resolved_by",
    "Resolution code": "close_code",
    "Resolved": "resolved_at",
    "Resolution notes": "close_notes",
}


def printed_pairs(path: Path) -> dict[str, str]:
    """Every "Label: value" of the export, read from pdfplumber's words by where they sit:
    labels at the left edge of the two columns (x 28 and 399), values at x 211 and 583, a
    value alone on the line right under its label (Short description) taken from there."""
    import pdfplumber

    pairs: dict[str, str] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            lines: dict[float, list[dict]] = {}
            for w in page.extract_words():
                lines.setdefault(round(w["top"]), []).append(w)
            tops = sorted(lines)
            for i, top in enumerate(tops):
                for lo, mid, hi in ((0, 200, 390), (390, 575, 10_000)):
                    label = [w["text"] for w in lines[top] if lo <= w["x0"] < mid]
                    value = [w["text"] for w in lines[top] if mid <= w["x0"] < hi]
                    if not label or not label[-1].endswith(":") or label[0] in ("Run", "Report"):
                        continue
                    text = " ".join(label)[:-1]
                    if text == "Table name":
                        continue
                    near = i + 1 < len(tops) and tops[i + 1] - top < 16  # the next line
                    below = lines[tops[i + 1]] if near else []
                    if not value and len(below) == 1 and not below[0]["text"].endswith(":"):
                        value = [below[0]["text"]]  # "Short description:" over its value
                    pairs[text] = " ".join(value)
    return pairs


def test_real_server_export_every_printed_field():
    path = real_file("17_servicenow_pdf_export.pdf")
    printed = printed_pairs(path)
    assert len(printed) == 35 and printed["Configuration item"] == ""
    (rec,) = read(path)
    got = {label: rec.get(REAL_LABELS.get(label, label)) for label in printed}
    assert got == printed
    assert rec["cmdb_ci"] == ""  # not "Universal Request: Transfer reason:"
    assert (rec["Assigned to Department"], rec["Assigned to Manager"]) == ("Sales", "Rajesh Sharma")
    assert set(rec) == {REAL_LABELS.get(label, label) for label in printed} | {"pdf_pages"}


def labelled_pdf(path: Path, rows: list[tuple[float, str, float, str]]) -> Path:
    """One page of (label x, label, value x, value) rows, 14.5 points apart, as the
    server-side export prints its two columns."""
    canvas = Canvas(str(path), pagesize=(792, 612), invariant=1)
    canvas.setFont("Helvetica", 8)
    y = 560
    canvas.drawString(28, y + 20, "Incident")
    for label_x, label, value_x, value in rows:
        if label:
            canvas.drawString(label_x, y, label)
        if value:
            canvas.drawString(value_x, y, value)
        y -= 14.5
    canvas.save()
    return path


def test_an_unknown_label_in_the_label_column_ends_the_value(tmp_path):
    path = labelled_pdf(
        tmp_path / "details.pdf",
        [
            (28, "Number:", 211.6, "INC0010007"),
            (28, "Configuration item:", 211.6, ""),
            (28, "Universal Request:", 211.6, ""),
            (28, "Transfer reason:", 211.6, "Moved to EMEA"),
            (28, "Assignment group:", 211.6, "Service Desk"),
            (28, "Description:", 211.6, "Printer jams."),
            (28, "", 211.6, "Steps taken:"),
            (28, "", 211.6, "Cleared the tray."),
        ],
    )
    (rec,) = read(path)
    assert rec["cmdb_ci"] == "" and rec["Universal Request"] == ""
    assert rec["Transfer reason"] == "Moved to EMEA"
    assert rec["assignment_group"] == "Service Desk"
    # prose keeps its own lines that end in a colon
    assert rec["description"].split() == "Printer jams. Steps taken: Cleared the tray.".split()
    assert "Steps taken" not in rec


def test_classic_pairs_with_empty_values_and_a_lone_last_pair(tmp_path):
    path = tmp_path / "classic.pdf"
    canvas = Canvas(str(path), pagesize=letter, invariant=1)
    canvas.setFont("Helvetica", 9)
    lines = [
        ("Number INC0001234", "Opened 12/10/2025 04:26 AM"),
        ("Caller Chidi Okonkwo", "Opened by  Emily Carter"),
        ("Category  Hardware", "Impact  3 - Low"),
        ("Subcategory", "State  Closed"),
        ("Location  Lagos HQ", ""),
    ]
    y = 700
    for left, right in lines:
        canvas.drawString(40, y, left)
        if right:
            canvas.drawString(306, y, right)
        y -= 14
    canvas.drawString(40, y - 10, "Short description")
    canvas.drawString(130, y - 10, "State of the printer: jammed")
    canvas.save()
    (rec,) = read(path)
    assert {k: v for k, v in rec.items() if k != "pdf_pages"} == {
        "number": "INC0001234",
        "opened_at": "2025-12-10 04:26:00",
        "caller_id": "Chidi Okonkwo",
        "opened_by": "Emily Carter",
        "category": "Hardware",
        "impact": "3 - Low",
        "subcategory": "",
        "state": "Closed",
        "location": "Lagos HQ",
        "short_description": "State of the printer: jammed",
    }


def list_report_pdf(path: Path, pages: list[list[tuple[str, str, str, list[str]]]]) -> Path:
    """A list's "Export > PDF" as the server prints it (landscape, 9 pt): the report's heading
    lines, then per page a "Number | Due date | Opened | Short description | Escalation"
    header over rows of (number, opened, escalation, short description lines)."""
    canvas = Canvas(str(path), pagesize=(792, 612), invariant=1)
    columns = (29.0, 135.3, 241.6, 347.9, 666.7)
    for number, rows in enumerate(pages, 1):
        canvas.setFont("Helvetica", 9)
        canvas.drawString(26, 612 - 35, "Incident List")
        canvas.drawString(740, 612 - 35, f"Page {number}")
        y = 612 - 87
        for label, value in (("Report Title:", "Incident List"), ("Table name:", "incident")):
            canvas.drawString(26, y, label)
            canvas.drawString(116, y, value)
            y -= 12
        y = 612 - 200
        for x, heading in zip(
            columns,
            ("Number", "Due date", "Opened", "Short description", "Escalation"),
            strict=True,
        ):
            canvas.drawString(x, y, heading)
        for ticket, opened, escalation, lines in rows:
            y -= 18
            for x, value in zip(columns, (ticket, "", opened, lines[0], escalation), strict=True):
                canvas.drawString(x, y, value)
            for more in lines[1:]:
                y -= 8
                canvas.drawString(columns[3], y, more)
        canvas.drawString(26, 612 - 588, "Run By: Pat Lee")
        canvas.showPage()
    canvas.save()
    return path


def wrapped_list_pdf(path: Path, headings: list[list[str]], pages: list[list[list[list[str]]]]):
    """A list report whose columns are `headings` (each one or two lines, as a narrow column
    wraps its title), repeated on every page, over rows of cells (each a list of lines)."""
    canvas = Canvas(str(path), pagesize=(792, 612), invariant=1)
    columns = [29.0 + 106.3 * i for i in range(len(headings))]
    for number, rows in enumerate(pages, 1):
        canvas.setFont("Helvetica", 9)
        canvas.drawString(26, 612 - 35, "Incident List")
        canvas.drawString(740, 612 - 35, f"Page {number}")
        y = 612 - 200
        for x, heading in zip(columns, headings, strict=True):
            for k, part in enumerate(heading):
                canvas.drawString(x, y - 8 * k, part)
        y -= 8
        for cells in rows:
            y -= 18
            for k in range(max(map(len, cells))):
                for x, cell in zip(columns, cells, strict=True):
                    if k < len(cell):
                        canvas.drawString(x, y - 8 * k, cell[k])
            y -= 8 * (max(map(len, cells)) - 1)
        canvas.drawString(26, 612 - 588, "Run By: Pat Lee")
        canvas.showPage()
    canvas.save()
    return path


def test_a_list_report_with_number_elsewhere_and_wrapped_headings(tmp_path, store):
    # The columns as a list may be laid out: Number third, "Short description" and
    # "Assignment group" each wrapped over two lines (and the header repeated on page 2).
    # Before: no list found (Number had to be the first heading, on one line): read as a
    # form, 2 tickets numbered "Short Assignment description group", opened "Priority".
    headings = [["Opened"], ["Priority"], ["Number"], ["Short", "description"]]
    headings.append(["Assignment", "group"])
    path = wrapped_list_pdf(
        tmp_path / "incident.pdf",
        headings,
        [
            [
                [["19-09-2017 05:44:36"], ["2 - High"], ["INC0010014"], ["My VPN"], ["Network"]],
                [
                    ["19-09-2017 06:55:24"],
                    ["4 - Low"],
                    ["INC0010015"],
                    ["Reset the", "password"],
                    ["Service", "Desk"],
                ],
            ],
            [[["02-10-2017 08:31:38"], ["3 - Moderate"], ["INC0010016"], ["Printer"], [""]]],
        ],
    )
    records = read(path)
    assert [
        (r["number"], r["opened_at"], r["priority"], r["short_description"], r["assignment_group"])
        for r in records
    ] == [
        ("INC0010014", "2017-09-19 05:44:36", "2 - High", "My VPN", "Network"),
        ("INC0010015", "2017-09-19 06:55:24", "4 - Low", "Reset the password", "Service Desk"),
        ("INC0010016", "2017-10-02 08:31:38", "3 - Moderate", "Printer", ""),
    ]
    assert [r["pdf_pages"] for r in records] == [[1], [1], [2]]
    summary = ingest_files(store, [path], "list report")
    assert (summary.files[0].imported, summary.files[0].rejected) == (3, 0)
    got = {t.number: t for t in db.iter_tickets(store, summary.session_id)}
    assert got["INC0010015"].assignment_group == "Service Desk" and got["INC0010015"].priority == 4


def test_a_list_report_pdf_is_read_one_ticket_per_row(tmp_path, store):
    # Before: its headings were read as one form: one ticket numbered "Due date".
    path = list_report_pdf(
        tmp_path / "incident.pdf",
        [
            [
                ("INC0010014", "19-09-2017 05:44:36", "Normal", ["My VPN is not configured"]),
                (
                    "INC0010015",
                    "19-09-2017 06:55:24",
                    "Normal",
                    ["Reset the password for", "Pat Lee on 10 Linear", "Cis"],
                ),
            ],
            [("INC0010016", "02-10-2017 08:31:38", "High", ["My VPN"])],
        ],
    )
    records = read(path)
    assert [(r["number"], r["opened_at"], r["short_description"]) for r in records] == [
        ("INC0010014", "2017-09-19 05:44:36", "My VPN is not configured"),
        ("INC0010015", "2017-09-19 06:55:24", "Reset the password for Pat Lee on 10 Linear Cis"),
        ("INC0010016", "2017-10-02 08:31:38", "My VPN"),  # day first, as the column's 19 says
    ]
    assert [(r["Escalation"], r["Due date"], r["pdf_pages"]) for r in records] == [
        ("Normal", "", [1]),
        ("Normal", "", [1]),
        ("High", "", [2]),
    ]
    summary = ingest_files(store, [path], "list report")
    assert (summary.files[0].imported, summary.files[0].rejected) == (3, 0)
    got = {t.number: t for t in db.iter_tickets(store, summary.session_id)}
    assert got["INC0010015"].opened_at.isoformat() == "2017-09-19T06:55:24"


@pytest.mark.parametrize("keep", [3000, 0.5, -200], ids=["head", "half", "all-but-the-end"])
def test_cli_says_a_real_pdf_cut_short_is_truncated_in_one_line(tmp_path, keep):
    # The real server-side export cut short (a download interrupted). Before: pypdf's own
    # "WARNING pypdf._reader: EOF marker not found" went to stderr above the error, which
    # said only "a damaged PDF that cannot be read (PSEOF: Unexpected EOF; ...)".
    data = real_file("17_servicenow_pdf_export.pdf").read_bytes()
    end = int(len(data) * keep) if isinstance(keep, float) else keep
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[:end])
    assert b"%%EOF" in data[-32:] and b"%%EOF" not in path.read_bytes()
    db_path = tmp_path / "cli.duckdb"
    done = run_cli("ingest", str(path), "--db", str(db_path))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        "error: cut.pdf: the PDF is truncated (it ends without the %%EOF marker that closes a "
        "whole PDF) and cannot be read; download or print it again\n"
    )


@pytest.mark.parametrize("which", ["first", "middle"])
def test_cli_says_a_real_pdf_damaged_in_the_middle_is_damaged_naming_the_object(tmp_path, which):
    # The real server-side export with a run of lost bytes (NULs) over one object, its end and
    # %%EOF whole. Before: the middle object's loss imported the ticket with whatever text was
    # still found and pdfminer's "WARNING ... FontBBox" on stderr; the first's said "the record
    # has no number" or "no text layer (image-only)".
    data = real_file("17_servicenow_pdf_export.pdf").read_bytes()
    offsets = sorted(  # pypdf's reading of the cross-reference table: object -> byte
        (offset, number) for number, offset in pypdf.PdfReader(io.BytesIO(data)).xref[0].items()
    )
    pick = 0 if which == "first" else len(offsets) // 2
    (offset, number), (following, _) = offsets[pick], offsets[pick + 1]
    lost = min(following - offset, 200)
    path = tmp_path / "damaged.pdf"
    path.write_bytes(data[:offset] + b"\0" * lost + data[offset + lost :])
    done = run_cli("ingest", str(path), "--db", str(tmp_path / "cli.duckdb"))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (
        f"error: damaged.pdf: object {number} (at byte {offset:,}) is damaged: the PDF's index "
        "places it where the file holds something else, so the file was cut or corrupted in "
        "the middle (readers would show it with text missing); nothing of it is imported; "
        "download or print it again\n"
    )
