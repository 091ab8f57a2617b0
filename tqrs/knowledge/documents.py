"""Reading knowledge documents (PDF, Markdown, plain text, HTML) into blocks: headings with
their level, and paragraphs. Chunking works on blocks, so it is the same for every format."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from tqrs.errors import InputError
from tqrs.pdf_file import check_pdf, ends_whole, truncated

FORMATS = {
    ".pdf": "pdf",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
}


@dataclass(frozen=True)
class Block:
    text: str
    level: int = 0  # 0 for a paragraph, 1-6 for a heading


@dataclass
class Document:
    name: str
    format: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        first = next((b for b in self.blocks if b.level), None)
        return first.text if first else Path(self.name).stem


def read_document(path: str | Path, name: str | None = None) -> Document:
    """Read a file into blocks, by its extension.

    Raises:
        InputError: unsupported type, unreadable, encrypted or image-only PDF, or no text.
    """
    path = Path(path)
    name = name or path.name
    fmt = FORMATS.get(Path(name).suffix.lower())
    if fmt is None:
        raise InputError(
            f"{name}: unsupported document type {Path(name).suffix or '(none)'!r}"
            " (use PDF, Markdown, plain text or HTML)"
        )
    try:
        if fmt == "pdf":
            blocks = read_pdf(path, name)
        else:
            text = decode_text(path.read_bytes(), name)
            blocks = {"markdown": markdown_blocks, "text": text_blocks, "html": html_blocks}[fmt](
                text
            )
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({e.strerror or e})") from None
    if not any(b.level == 0 for b in blocks):
        raise InputError(f"{name}: the document holds no text")
    check_text("\n".join(b.text for b in blocks), name, "no readable text")
    return Document(name, fmt, blocks)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Characters no text document is made of: C0 controls but tab, line feed, vertical tab, form
# feed and carriage return; DEL and the C1 controls; private-use code points (glyph codes of a
# PDF font without a Unicode map); the replacement character (bytes that did not decode).
_NOT_TEXT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")
MAX_NOT_TEXT = 0.02  # share of such characters above which a file is not text
MIN_WORD_CHARS = 0.3  # real documents: 0.88 (this README) to 0.97 (the sample SOPs)
MIN_VISIBLE = 40


def decode_text(data: bytes, name: str) -> str:
    """A text file's content: UTF-8 (with or without BOM) or UTF-16 with its BOM, else
    Windows-1252.

    Raises:
        InputError: binary content (a NUL byte, or too many characters that are not text).
    """
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\0" in data:
        raise InputError(f"{name}: binary content, not a text document (it holds NUL bytes)")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError:
        if encoding == "utf-16":
            raise InputError(f"{name}: not valid UTF-16 text despite its byte-order mark") from None
        text = data.decode("cp1252", errors="replace")
    check_text(text, name)
    return text


def check_text(text: str, name: str, what: str = "binary content, not a text document") -> None:
    """Refuse what is not text: more than MAX_NOT_TEXT of the characters control characters,
    private-use code points or undecodable bytes (see _NOT_TEXT), or, in a text of some length,
    fewer than MIN_WORD_CHARS of the visible characters letters or digits (a PDF font without a
    Unicode map yields boxes and symbols).

    Raises:
        InputError: naming the file, `what` is wrong and the share found.
    """
    bad = len(_NOT_TEXT.findall(text))
    if text and bad / len(text) > MAX_NOT_TEXT:
        raise InputError(
            f"{name}: {what} ({bad / len(text):.0%} of its characters are control "
            "characters or bytes that are not text)"
        )
    visible = [c for c in text if not c.isspace()]
    if len(visible) >= MIN_VISIBLE:
        words = sum(c.isalnum() for c in visible) / len(visible)
        if words < MIN_WORD_CHARS:
            raise InputError(
                f"{name}: {what} (only {words:.0%} of its characters are letters or digits)"
            )


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _clean(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text).strip()


_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")


def markdown_blocks(text: str) -> list[Block]:
    """ATX (#) and setext (=== / ---) headings, not inside code fences; paragraphs split by
    blank lines."""
    blocks: list[Block] = []
    lines: list[str] = []

    def flush():
        if lines:
            blocks.extend(Block(p) for p in _paragraphs("\n".join(lines)))
            lines.clear()

    in_fence = False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        atx = None if in_fence else _ATX.match(line)
        if atx:
            flush()
            blocks.append(Block(_clean(atx[2]), len(atx[1])))
        elif not in_fence and _SETEXT.match(line) and lines and lines[-1].strip():
            heading = lines.pop()
            flush()
            blocks.append(Block(_clean(heading), 1 if line.lstrip()[0] == "=" else 2))
        else:
            lines.append(line)
    flush()
    return blocks


_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+\S")


def text_blocks(text: str) -> list[Block]:
    """Plain text: a one-line paragraph is a heading when it is in capitals, underlined, or
    numbered like `2.1 Scope`, and does not end like a sentence."""
    blocks = []
    for para in _paragraphs(text):
        lines = para.splitlines()
        if len(lines) == 2 and _SETEXT.match(lines[1]):
            blocks.append(Block(_clean(lines[0]), 1 if lines[1].strip()[0] == "=" else 2))
            continue
        line = _clean(para)
        heading = len(lines) == 1 and len(line) <= 80 and not line.endswith((".", ",", ";", ":"))
        numbered = _NUMBERED.match(line)
        if heading and numbered:
            blocks.append(Block(line, min(6, numbered[1].count(".") + 2)))
        elif heading and line.isupper():
            blocks.append(Block(line, 1))
        else:
            blocks.append(Block(para))
    return blocks


class _HtmlBlocks(HTMLParser):
    _SKIP = {"script", "style", "head", "noscript", "template", "svg", "nav"}
    _BREAK = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "td",
        "th",
        "section",
        "article",
        "table",
        "ul",
        "ol",
        "pre",
        "blockquote",
        "dt",
        "dd",
        "header",
        "footer",
        "main",
        "hr",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._skipping = 0
        self._heading = 0

    def _flush(self):
        text = _clean(" ".join(self._text))
        self._text.clear()
        if text:
            self.blocks.append(Block(text, self._heading))

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skipping += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self._flush()
            self._heading = int(tag[1])
        elif tag in self._BREAK:
            self._flush()
            if tag == "li":
                self._text.append("-")

    def handle_endtag(self, tag):
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif re.fullmatch(r"h[1-6]", tag):
            self._flush()
            self._heading = 0
        elif tag in self._BREAK:
            self._flush()

    def handle_data(self, data):
        if not self._skipping:
            self._text.append(data.replace("\n", " "))


def html_blocks(text: str) -> list[Block]:
    """Text of an HTML page by the stdlib parser: scripts, styles and the head left out."""
    parser = _HtmlBlocks()
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.blocks


def read_pdf(path: Path, name: str) -> list[Block]:
    """Lines of a PDF with their font size; a line in a larger font than the body text is a
    heading (the larger, the higher), a wider gap than the line spacing ends a paragraph."""
    check_pdf(path, name, "nothing of it is added")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(
                f"{name}: the PDF is password protected; remove the password and add it again"
            )
        lines: list[tuple[float, float, str]] = []  # (font size, y, text)
        for page_number, page in enumerate(reader.pages):
            lines.extend(_pdf_lines(page, page_number))
    except (PyPdfError, ValueError, KeyError, TypeError) as e:
        if not ends_whole(path):
            raise truncated(name) from None
        raise InputError(
            f"{name}: a damaged PDF that cannot be read ({type(e).__name__}: {e}); nothing of "
            "it is added; download or print it again"
        ) from None
    if not any(text.strip() for _, _, text in lines):
        raise InputError(f"{name}: no text layer (image-only PDF; no OCR)")
    return _pdf_blocks(lines)


def _pdf_lines(page, page_number: int) -> list[tuple[float, float, str]]:
    pieces: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font, size):
        scale = abs(tm[3] * cm[3]) or 1.0
        y = tm[5] * cm[3] + cm[5]
        if text.strip():
            pieces.append((round(size * scale, 1), page_number * 10_000 - y, text))
        elif text == "\n" and pieces:
            pieces.append((pieces[-1][0], pieces[-1][1], "\n"))

    page.extract_text(visitor_text=visit)
    lines: list[tuple[float, float, str]] = []
    for size, y, text in pieces:
        if lines and abs(lines[-1][1] - y) < 1 and text != "\n":
            prev = lines[-1]
            lines[-1] = (max(prev[0], size), y, prev[2] + text)
        elif text != "\n":
            lines.append((size, y, text))
    return [(s, y, _clean(t.replace("\n", " "))) for s, y, t in lines if t.strip()]


def _pdf_blocks(lines: list[tuple[float, float, str]]) -> list[Block]:
    sizes = [s for s, _, _ in lines]
    body = max(set(sizes), key=sizes.count)
    heading_sizes = sorted({s for s in sizes if s > body * 1.1}, reverse=True)
    blocks: list[Block] = []
    para: list[str] = []
    last_y = None
    for size, y, text in lines:
        level = heading_sizes.index(size) + 1 if size in heading_sizes else 0
        gap = last_y is not None and (y - last_y) > body * 1.6
        if level and not re.search(r"[^\W\d_]", text):  # a list's number or bullet
            level, gap = 0, True
        if para and (level or gap):
            blocks.append(Block(" ".join(para)))
            para = []
        if level:
            blocks.append(Block(text, min(level, 6)))
        else:
            para.append(text)
        last_y = y
    if para:
        blocks.append(Block(" ".join(para)))
    return blocks
