"""A PDF as a file, before any reader parses it: empty, not a PDF, cut short, or damaged in the
middle. Incident prints (tqrs.ingest.pdf) and knowledge documents (tqrs.knowledge.documents)
are refused the same way, by name and with what is wrong, rather than read in part: pdfminer
and pypdf read the pages they still find in a damaged file and show nothing of the rest."""

import logging
import re
from pathlib import Path

from tqrs.errors import InputError

# pypdf logs what it finds wrong in a damaged file ("EOF marker not found") as warnings: the
# error that follows says it, and the CLI's contract is one `error:` line on stderr.
logging.getLogger("pypdf").setLevel(logging.ERROR)

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_OBJ_HEAD = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")


def check_pdf(path: Path, name: str, refused: str) -> None:
    """Raise InputError, naming the file `name`, when it is empty, not a PDF, or damaged in
    the middle (`refused` says what then becomes of it: "nothing of it is imported")."""
    with open(path, "rb") as f:
        head = f.read(1024)
    if not head.strip():
        raise InputError(f"{name}: the file is empty, not a PDF")
    if b"%PDF-" not in head:
        shown = re.sub(r"[^\x20-\x7e]", "?", head[:24].decode("latin-1")).strip()
        raise InputError(f"{name}: not a PDF (it starts with {shown!r})")
    damaged = damaged_object(path)
    if damaged:
        number, offset = damaged
        raise InputError(
            f"{name}: object {number} (at byte {offset:,}) is damaged: the PDF's index "
            "places it where the file holds something else, so the file was cut or corrupted "
            f"in the middle (readers would show it with text missing); {refused}; download or "
            "print it again"
        )


def truncated(name: str) -> InputError:
    """The error for a PDF that could not be read and does not end whole (`ends_whole`)."""
    return InputError(
        f"{name}: the PDF is truncated (it ends without the %%EOF marker that closes a whole "
        "PDF) and cannot be read; download or print it again"
    )


def ends_whole(path: Path) -> bool:
    """Whether the file ends with the %%EOF marker (in its last kilobyte, as readers look
    for it): a PDF cut short (an interrupted download) does not."""
    with open(path, "rb") as f:
        f.seek(max(0, path.stat().st_size - 1024))
        return b"%%EOF" in f.read()


def damaged_object(path: Path) -> tuple[int, int] | None:
    """(object number, byte offset) of the first object the PDF's last cross-reference table
    places where no such object starts: what a run of lost bytes in the middle of the file
    leaves (pdfminer then reads the pages it still finds and shows nothing of the rest). A
    cross-reference stream (PDF 1.5 object streams) and a file without `startxref` (cut short:
    see ends_whole) are not checked here."""
    with open(path, "rb") as f:
        f.seek(max(0, path.stat().st_size - 1024))
        found = _STARTXREF.findall(f.read())
        if not found:
            return None
        f.seek(int(found[-1]))
        if f.read(4) != b"xref":
            return None
        offsets: list[tuple[int, int]] = []
        line = f.readline()  # the rest of the "xref" line
        while (line := f.readline().strip()) and not line.startswith(b"trailer"):
            first, _, count = line.partition(b" ")
            if not (first.isdigit() and count.strip().isdigit()):
                return None  # not a table this check reads
            for number in range(int(first), int(first) + int(count)):
                entry = _XREF_ENTRY.match(f.read(20).strip())
                if entry is None:
                    return None
                if entry[3] == b"n" and int(entry[1]):
                    offsets.append((number, int(entry[1])))
        for number, offset in offsets:
            f.seek(offset)
            head = _OBJ_HEAD.match(f.read(40))
            if head is None or int(head[1]) != number:
                return number, offset
    return None
