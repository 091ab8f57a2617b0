"""Incident PDFs printed from ServiceNow: one incident or several per file, as forms or as a
list report (pdf_list).

Text is read with its positions by pdfplumber, so that a two-column form or a table is read by
where its words sit (pdf_layout, pdf_form, pdf_values); pypdf's layout-preserving text is the
fallback when pdfplumber cannot parse a file, its character columns standing in for positions.
The characters come from pdfplumber's pdfminer layout and are joined into words here, because
pdfplumber's extract_words spends more time copying each character's attributes than pdfminer
spends reading the page (53 against 23 ms of CPU for a one-page incident; 29 ms all told, see
scripts/bench_pdf.py).

Whole-file problems (not a PDF, password protected, no text layer, no incident) raise
InputError; an incident that lacks a number is still yielded, for the record checks to reject
it alone."""

import re
import statistics
from collections.abc import Iterator
from pathlib import Path

import orjson

from tqrs.errors import InputError
from tqrs.ingest.pdf_form import FormReader, join_wrapped_labels
from tqrs.ingest.pdf_layout import Page, Word, build_lines, drop_page_furniture, words_from_chars
from tqrs.ingest.pdf_list import read_list_report
from tqrs.ingest.pdf_values import Wrapping, to_record
from tqrs.pdf_file import check_pdf, ends_whole, truncated

# The pypdf fallback places each character in a grid of this many points per column and row.
_GRID_X, _GRID_Y, _GRID_SIZE = 5.0, 12.0, 9.0
_GRID_SLACK = 0.1
# Bounds of one PDF: pdfminer interprets some 50,000 characters a second, and an incident print
# runs to a few pages. A longer document is refused, by its page count before any is read.
MAX_PAGES = 1_000
MAX_CHARS = 2_000_000


def iter_pdf_records(path: Path) -> Iterator[tuple[int, dict, bytes, int | None]]:
    """Yield (incident position, record, raw JSON bytes, first page) per incident.

    Raises:
        InputError: the file is not a readable PDF, or holds no incident.
    """
    pages = read_pages(path)
    lines = join_wrapped_labels(drop_page_furniture(pages))
    if not lines and any(page.images for page in pages):
        raise InputError(
            f"{path.name}: has no text layer besides page headers and footers "
            "(image-only; TQRS does no OCR)"
        )
    listed = read_list_report(lines)
    if listed is not None:  # a list report: one row per incident, not a form
        for position, rec in enumerate(listed, 1):
            yield position, rec, orjson.dumps(rec), rec["pdf_pages"][0]
        return
    sizes = [round(w.size) for line in lines for seg in line.segments for w in seg.words]
    reader = FormReader(statistics.mode(sizes) if sizes else 0)
    for line in lines:
        reader.feed(line)
    incidents = [raw for raw in reader.incidents if raw.fields or raw.title_number]
    if not incidents:
        raise InputError(
            f"{path.name}: no incident found in it (no field labels such as "
            "Number, Caller or Short description)"
        )
    # Character columns only approximate proportional text: a line must end well short of
    # its column's edge to count as broken by its writer.
    grid = any(page.grid for page in pages)
    wrapping = Wrapping.measure(incidents, lines, slack=_GRID_SLACK if grid else 0.0)
    for position, raw in enumerate(incidents, 1):
        rec = to_record(raw, wrapping)
        yield position, rec, orjson.dumps(rec), raw.first_page


def read_pages(path: Path) -> list[Page]:
    """Each page's lines and height; InputError when there is no text to read."""
    check_pdf(path, path.name, "nothing of it is imported")
    try:
        pages = _read_with_pdfplumber(path)
    except _Unreadable as e:
        pages = _read_with_pypdf(path, str(e))
    if not any(page.lines for page in pages):
        if pages and all(page.images == 0 for page in pages):
            raise InputError(f"{path.name}: has no text: its pages are blank")
        raise InputError(f"{path.name}: has no text layer (image-only; TQRS does no OCR)")
    return pages


class _Unreadable(Exception):
    pass


def _read_with_pdfplumber(path: Path) -> list[Page]:
    import pdfplumber
    from pdfminer.layout import LTChar, LTImage
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(path) as pdf:
            _check_page_count(path, len(pdf.pages))
            pages = []
            read = 0
            for number, page in enumerate(pdf.pages, 1):
                layout = page.layout
                objects = list(_leaves(layout))
                chars = [
                    Word(c.get_text(), c.x0, c.x1, layout.y1 - c.y1, layout.y1 - c.y0, c.size)
                    for c in objects
                    if isinstance(c, LTChar)
                ]
                read += len(chars)
                if read > MAX_CHARS:
                    raise InputError(
                        f"{path.name}: over {MAX_CHARS:,} characters of text by page {number} "
                        f"of {len(pdf.pages):,}, more than TQRS reads from one PDF (an incident "
                        "print runs to a few pages); export the incidents as XML, JSON or CSV "
                        "instead, or split the PDF"
                    )
                lines = build_lines(words_from_chars(chars), number)
                images = sum(isinstance(o, LTImage) for o in objects)
                pages.append(Page.with_margins(lines, layout.height, images))
                page.close()  # pdfplumber keeps each page's layout otherwise: MBs a page
            return pages
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, PDFPasswordIncorrect):
            raise InputError(
                f"{path.name}: the PDF is password protected; save it without "
                "a password and upload it again"
            ) from None
        raise _Unreadable(f"{type(cause).__name__}: {cause}") from None


def _check_page_count(path: Path, count: int) -> None:
    if count > MAX_PAGES:
        raise InputError(
            f"{path.name}: {count:,} pages, more than the {MAX_PAGES:,} TQRS reads from one PDF "
            "(an incident print runs to a few pages); export the incidents as XML, JSON or CSV "
            "instead, or split the PDF"
        )


def _leaves(container) -> Iterator:
    """The characters, images and shapes of a pdfminer layout, also those inside figures."""
    from pdfminer.layout import LTContainer

    for obj in container:
        if isinstance(obj, LTContainer):
            yield from _leaves(obj)
        else:
            yield obj


def _read_with_pypdf(path: Path, why: str) -> list[Page]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(
                f"{path.name}: the PDF is password protected; save it without a "
                "password and upload it again"
            )
        _check_page_count(path, len(reader.pages))
        pages = []
        for number, page in enumerate(reader.pages, 1):
            text = page.extract_text(extraction_mode="layout")
            rows = text.splitlines()
            words = [
                Word(
                    m.group(),
                    m.start() * _GRID_X,
                    m.end() * _GRID_X,
                    row * _GRID_Y,
                    row * _GRID_Y + _GRID_SIZE,
                    _GRID_SIZE,
                )
                for row, line in enumerate(rows)
                for m in re.finditer(r"\S+", line)
            ]
            lines = build_lines(words, number)
            # Layout text keeps no true heights: only its first and last rows can be margins.
            header_end = lines[0].bottom if lines else 0
            footer_start = lines[-1].top if lines else 0
            pages.append(Page(lines, header_end, footer_start, images=None, grid=True))
        return pages
    except (PyPdfError, ValueError, KeyError, TypeError) as e:
        if not ends_whole(path):
            raise truncated(path.name) from None
        raise InputError(
            f"{path.name}: a damaged PDF that cannot be read ({why}; {type(e).__name__}: {e})"
        ) from None
