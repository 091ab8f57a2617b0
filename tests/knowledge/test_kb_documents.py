"""Reading each document type into blocks, and chunking by headings with overlap."""

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.knowledge.conftest import SAMPLES
from tqrs.errors import InputError
from tqrs.knowledge.chunking import chunk_blocks
from tqrs.knowledge.documents import Block, read_document


def headings(doc):
    return [(b.level, b.text) for b in doc.blocks if b.level]


def test_markdown_headings_and_paragraphs(tmp_path):
    path = tmp_path / "guide.md"
    path.write_text(
        "# Guide\n\nIntro text.\n\n## Step one\n\nDo this.\nThen that.\n\n"
        "Setext title\n------------\n\nMore.\n"
    )
    doc = read_document(path)
    assert doc.title == "Guide"
    assert headings(doc) == [(1, "Guide"), (2, "Step one"), (2, "Setext title")]
    assert Block("Do this.\nThen that.") in doc.blocks


def test_markdown_code_fences_hold_no_headings(tmp_path):
    path = tmp_path / "fix.md"
    path.write_text("# Fix\n\n```bash\n# restart the spooler\nnet stop spooler\n```\n")
    doc = read_document(path)
    assert headings(doc) == [(1, "Fix")]
    assert "# restart the spooler" in doc.blocks[1].text


def test_html_drops_scripts_styles_head_and_navigation():
    doc = read_document(SAMPLES / "vpn-troubleshooting.html")
    text = " ".join(b.text for b in doc.blocks)
    assert doc.title == "Remote Access VPN Troubleshooting Guide"
    assert (3, "Authentication failed") in headings(doc)
    assert "analytics" not in text and "font-family" not in text and "Knowledge home" not in text
    assert "Halvorsen & Pike" in text  # entities decoded
    assert "- Run ipconfig /flushdns and retry the internal site." in text


def test_plain_text_headings_by_capitals_underline_and_numbers():
    doc = read_document(SAMPLES / "printer-troubleshooting.txt")
    assert headings(doc)[:4] == [
        (1, "PRINTER AND SCANNER TROUBLESHOOTING"),
        (2, "1. Before you start"),
        (2, "2. Nothing prints"),
        (3, "2.1 Secure print queue"),
    ]


def test_pdf_headings_by_font_size_and_list_numbers_stay_text():
    doc = read_document(SAMPLES / "lost-device-sop.pdf")
    assert headings(doc)[:3] == [
        (1, "Lost or Stolen Device SOP"),
        (2, "Act first: the first fifteen minutes"),
        (2, "Record the facts"),
    ]
    assert any(b.text.startswith("2 In the Intune admin centre") for b in doc.blocks)


def test_chunks_keep_heading_path_and_never_cross_headings():
    blocks = [
        Block("SOP", 1),
        Block("intro"),
        Block("Verify", 2),
        Block("check id"),
        Block("Detail", 3),
        Block("deep"),
        Block("Close", 2),
        Block("notes"),
    ]
    chunks = chunk_blocks(blocks)
    assert [(c.heading, c.text) for c in chunks] == [
        ("SOP", "intro"),
        ("SOP > Verify", "check id"),
        ("SOP > Verify > Detail", "deep"),
        ("SOP > Close", "notes"),
    ]
    assert chunks[1].embedding_text() == "SOP > Verify\ncheck id"


def test_long_sections_split_with_overlap():
    sentences = [f"Step {i} tells the analyst what to check next." for i in range(60)]
    blocks = [Block("Long", 1)] + [Block(" ".join(sentences[i : i + 5])) for i in range(0, 60, 5)]
    chunks = chunk_blocks(blocks, max_chars=400, overlap=100)
    assert len(chunks) > 5
    assert all(len(c.text) <= 400 and c.heading == "Long" for c in chunks)
    for before, after in zip(chunks, chunks[1:], strict=False):
        first_sentence = after.text.split(". ")[0] + "."
        assert first_sentence in before.text  # the next chunk starts with the last sentence
    joined = " ".join(c.text for c in chunks)
    assert all(s in joined for s in sentences)  # nothing lost


def test_a_paragraph_longer_than_a_chunk_is_cut_at_sentences():
    text = " ".join(f"Sentence number {i} is here." for i in range(100))
    chunks = chunk_blocks([Block(text)], max_chars=300, overlap=0)
    assert all(len(c.text) <= 300 for c in chunks)
    assert all(c.text.endswith(".") for c in chunks)


def test_encrypted_pdf_is_refused(tmp_path):
    writer = PdfWriter(clone_from=PdfReader(SAMPLES / "lost-device-sop.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    writer.write(path)
    with pytest.raises(InputError, match="locked.pdf: .*password protected"):
        read_document(path)


def test_image_only_pdf_is_refused(tmp_path):
    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.rect(50, 50, 400, 600, fill=1)  # a "scanned page": drawing, no text
    page.save()
    with pytest.raises(InputError, match=r"scan.pdf: no text layer \(image-only PDF; no OCR\)"):
        read_document(path)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("notes.docx", b"PK\x03\x04", "unsupported document type '.docx'"),
        ("broken.pdf", b"this is not a pdf", r"not a PDF \(it starts with 'this is not a pdf'\)"),
        ("empty.md", b"# Only a heading\n", "holds no text"),
    ],
)
def test_unusable_files_are_refused(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=f"{name}: .*{message}"):
        read_document(path)


def _random_bytes(n: int, seed: int = 17, drop_nul: bool = False) -> bytes:
    import random

    data = random.Random(seed).randbytes(n)
    return data.replace(b"\0", b"") if drop_nul else data


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("random.md", _random_bytes(2_000_000), r"binary content.*NUL bytes"),
        ("random.txt", _random_bytes(50_000, drop_nul=True), r"binary content.*\d+% of its"),
        ("random.html", _random_bytes(50_000, drop_nul=True), r"binary content.*control"),
        ("controls.md", b"# T\n\n" + bytes(range(1, 9)) * 200, r"binary content"),
    ],
)
def test_binary_content_named_as_text_is_refused(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=f"{name}: {message}"):
        read_document(path)


def test_a_pdf_whose_text_is_not_letters_is_refused(tmp_path):
    """A PDF font without a Unicode map: the text layer holds boxes, not words."""
    path = tmp_path / "glyphs.pdf"
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 11)
    for i in range(30):
        page.drawString(40, 800 - 18 * i, "".join(chr(1 + (i + j) % 8) for j in range(60)))
    page.save()
    with pytest.raises(InputError, match=r"glyphs.pdf: no readable text \(only 0% of its"):
        read_document(path)


def test_utf16_and_windows_1252_text_is_still_read(tmp_path):
    text = "# Café procedure\n\nReset the naïve user's token, then confirm — done.\n"
    for name, data in (
        ("utf16.md", "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")),
        ("cp1252.md", text.encode("cp1252")),
    ):
        (tmp_path / name).write_bytes(data)
        doc = read_document(tmp_path / name)
        assert [b.text for b in doc.blocks] == [
            "Café procedure",
            "Reset the naïve user's token, then confirm — done.",
        ]
