"""`tqrs kb` end to end through the CLI's main(), with the fake embedder."""

import io
import json
from contextlib import redirect_stderr

import pytest

from tests.knowledge.conftest import SAMPLES, write_export
from tqrs.cli import main


@pytest.fixture(autouse=True)
def fake_embedder(monkeypatch):
    monkeypatch.setenv("TQRS_EMBEDDER", "fake")


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_search_remove(capsys):
    sop = str(SAMPLES / "password-reset-sop.md")
    code, out, _ = run(capsys, "kb", "add", sop, str(SAMPLES / "lost-device-sop.pdf"))
    assert code == 0
    assert "added: password-reset-sop.md as document 1 (6 chunks)" in out
    code, out, _ = run(capsys, "kb", "add", sop)
    assert code == 0 and out.startswith("skipped: password-reset-sop.md: already in")
    code, out, _ = run(capsys, "kb", "list", "--json")
    assert [d["name"] for d in json.loads(out)] == ["password-reset-sop.md", "lost-device-sop.pdf"]
    code, out, _ = run(capsys, "kb", "search", "reset the password temporary generator", "--k", "1")
    assert code == 0 and "[password-reset-sop.md: " in out and "Reset the password]" in out
    code, out, _ = run(capsys, "kb", "remove", "1")
    assert out == "removed: document 1 (password-reset-sop.md)\n"
    code, out, _ = run(capsys, "kb", "list")
    assert "password-reset-sop.md" not in out and "lost-device-sop.pdf" in out


def test_a_bad_file_is_an_error_and_stores_nothing(capsys, tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"not a pdf")
    code, out, err = run(
        capsys, "kb", "add", str(SAMPLES / "printer-troubleshooting.txt"), str(bad)
    )
    assert code == 2 and err == "error: scan.pdf: not a PDF (it starts with 'not a pdf')\n"
    assert run(capsys, "kb", "list", "--json")[1].strip() == "[]"
    code, _, err = run(capsys, "kb", "remove", "42")
    assert code == 2 and err == "error: no knowledge document 42 (see `tqrs kb list`)\n"


def test_search_tickets_of_a_session(capsys, tmp_path):
    export = write_export(tmp_path / "incidents.json")
    with redirect_stderr(io.StringIO()):
        code, out, _ = run(capsys, "ingest", str(export))
    session = out.strip().splitlines()[-1]
    code, out, _ = run(
        capsys, "kb", "search", "VPN drops on home wifi", "--tickets", session, "--k", "1", "--json"
    )
    [hit] = json.loads(out)
    assert code == 0 and hit["number"] == "INC0010005" and "GlobalProtect" in hit["text"]


def test_random_bytes_named_markdown_are_refused(capsys, tmp_path):
    import random

    noise = tmp_path / "random.md"
    noise.write_bytes(random.Random(3).randbytes(2_000_000))
    code, out, err = run(capsys, "kb", "add", str(SAMPLES / "password-reset-sop.md"), str(noise))
    assert code == 2 and out == ""
    assert err == "error: random.md: binary content, not a text document (it holds NUL bytes)\n"
    assert run(capsys, "kb", "list", "--json")[1].strip() == "[]"


def _lost_bytes(data: bytes, which: str) -> tuple[bytes, int, int]:
    """The PDF with a run of NULs over one object (the first, or one in the middle), its
    index and %%EOF whole: (the bytes, the object's number, its byte)."""
    import pypdf

    offsets = sorted(
        (offset, number) for number, offset in pypdf.PdfReader(io.BytesIO(data)).xref[0].items()
    )
    pick = 0 if which == "first" else len(offsets) // 2
    (offset, number), (following, _) = offsets[pick], offsets[pick + 1]
    lost = min(following - offset, 200)
    return data[:offset] + b"\0" * lost + data[offset + lost :], number, offset


@pytest.mark.parametrize("keep", [300, 0.5, -40], ids=["head", "half", "all-but-the-end"])
def test_a_pdf_cut_short_is_named_truncated_and_nothing_is_added(capsys, tmp_path, keep):
    """A knowledge PDF whose download was interrupted. Before: `error: cut.pdf: not a readable
    PDF (Stream has ended unexpectedly)`, pypdf's words."""
    data = (SAMPLES / "lost-device-sop.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * keep) if isinstance(keep, float) else keep])
    assert b"%%EOF" not in path.read_bytes()
    code, out, err = run(capsys, "kb", "add", str(SAMPLES / "password-reset-sop.md"), str(path))
    assert (code, out) == (2, "")
    assert err == (
        "error: cut.pdf: the PDF is truncated (it ends without the %%EOF marker that closes a "
        "whole PDF) and cannot be read; download or print it again\n"
    )
    assert run(capsys, "kb", "list", "--json")[1].strip() == "[]"


@pytest.mark.parametrize("which", ["first", "middle"])
def test_a_pdf_damaged_in_the_middle_is_refused_not_added_in_part(capsys, tmp_path, which):
    """Bytes lost over one object, the file's end whole. Before: added with whatever text the
    reader still found (`added: damaged.pdf as document 1 (1 chunks)`)."""
    data = (SAMPLES / "lost-device-sop.pdf").read_bytes()
    damaged, number, offset = _lost_bytes(data, which)
    path = tmp_path / "damaged.pdf"
    path.write_bytes(damaged)
    code, out, err = run(capsys, "kb", "add", str(path))
    assert (code, out) == (2, "")
    assert err == (
        f"error: damaged.pdf: object {number} (at byte {offset:,}) is damaged: the PDF's index "
        "places it where the file holds something else, so the file was cut or corrupted in "
        "the middle (readers would show it with text missing); nothing of it is added; "
        "download or print it again\n"
    )
    assert run(capsys, "kb", "list", "--json")[1].strip() == "[]"
