"""Which reader a file goes to: by its extension, else by its first bytes. A format TQRS does
not read is refused by name (".xls workbooks are not supported: ..."), never read as CSV."""

import re
from pathlib import Path

from tqrs.errors import InputError

READERS = {
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xml": "xml",
    ".pdf": "pdf",
}
_ARCHIVE = ("compressed archives", "unpack it and ingest the files inside")
# extension -> (what such files are, what to do instead)
_NOT_READ = {
    ".xls": ("Excel 97-2003 workbooks (.xls)", "save it as .xlsx, or export the list as CSV"),
    ".xlsb": ("binary Excel workbooks (.xlsb)", "save it as .xlsx, or export the list as CSV"),
    ".ods": ("OpenDocument spreadsheets (.ods)", "save it as .xlsx or CSV"),
    ".doc": ("Word documents", "print the incident form to PDF, or export the list"),
    ".docx": ("Word documents", "print the incident form to PDF, or export the list"),
    ".htm": ("HTML pages", "export the list as CSV, Excel, JSON or XML"),
    ".html": ("HTML pages", "export the list as CSV, Excel, JSON or XML"),
    ".eml": ("e-mails", "export the incidents from ServiceNow instead"),
    ".msg": ("e-mails", "export the incidents from ServiceNow instead"),
    ".zip": _ARCHIVE,
    ".gz": _ARCHIVE,
    ".7z": _ARCHIVE,
    ".rar": _ARCHIVE,
}
# First bytes -> (reader or None, what the file is)
_MAGIC = (
    (b"%PDF", "pdf", "a PDF document"),
    (b"PK\x03\x04", "xlsx", "an Excel or zip file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", None, "an Excel 97-2003 (.xls) or other old Office file"),
    (b"\x1f\x8b", None, "a gzip archive"),
)
_HTML = re.compile(rb"<(!doctype\s+html|html|head|body)\b", re.I)
_XML = re.compile(rb"<(\?xml|[A-Za-z_][\w.-]*[\s/>])")
_BOM = b"\xef\xbb\xbf"


def detect_format(path: Path, label: str | None = None) -> str:
    """json, csv, xlsx, xml or pdf: by extension, else by the first bytes.

    Raises:
        InputError: a format TQRS does not read, named.
    """
    label = label or path.name
    suffix = path.suffix.lower()
    if suffix in _NOT_READ:
        what, instead = _NOT_READ[suffix]
        if suffix == ".xls" and _is_zip(path):  # an .xlsx renamed (or saved) as .xls
            raise InputError(
                f"{label}: this is an Excel workbook (.xlsx) or zip file, not an Excel 97-2003 "
                "workbook; if it is a workbook, name it .xlsx"
            )
        raise InputError(f"{label}: {what} are not supported; {instead}")
    if suffix in READERS:
        return READERS[suffix]
    with open(path, "rb") as f:
        head = f.read(4096)
    fmt, what = sniff(head)
    if fmt is None:
        raise InputError(f"{label}: this is {what}, which TQRS does not read")
    return fmt


def _is_zip(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(4) == b"PK\x03\x04"


def sniff(head: bytes) -> tuple[str | None, str]:
    """(reader, what the file is) from its first bytes; reader None: not one TQRS reads."""
    for magic, fmt, what in _MAGIC:
        if head.startswith(magic):
            return fmt, what
    text = head.removeprefix(_BOM).lstrip()
    if _HTML.match(text):
        return None, "an HTML page"
    if _XML.match(text):
        return "xml", "an XML file"
    if text[:1] in (b"{", b"["):
        return "json", "JSON"
    if utf16_encoding(head):
        return "csv", "UTF-16 text"
    if b"\x00" in head and not _text_until_nul(head):
        return None, "binary data"
    return "csv", "text"


def _text_until_nul(head: bytes) -> bool:
    """Whether the bytes before the first NUL are whole lines of text: a text file damaged
    after its start (the CSV reader names the line), not a binary one."""
    before = head[: head.index(b"\x00")]
    lines = before.rpartition(b"\n")[0]
    return bool(lines) and all(b >= 0x20 or b in b"\t\r\n" for b in lines)


# a zip's first folder -> what the file is, for a zip that is not a workbook (no xl/ part)
_ZIP_KINDS = (
    ("word/", "a Word document"),
    ("ppt/", "a PowerPoint presentation"),
    ("visio/", "a Visio drawing"),
)
EXPORT_AGAIN = "export the incident list from ServiceNow as Excel (.xlsx), CSV, JSON or XML"


def zip_kind(names: list[str]) -> tuple[str, str] | None:
    """(what a zip file is, what to do) when its parts are not a workbook's, else None."""
    if any(n.startswith("xl/") for n in names):
        return None
    for folder, what in _ZIP_KINDS:
        if any(n.startswith(folder) for n in names):
            return what, EXPORT_AGAIN
    if "mimetype" in names and "content.xml" in names:
        return "an OpenDocument file", "save it as .xlsx or CSV"
    return "a zip archive", _ARCHIVE[1]


def utf16_encoding(head: bytes) -> str | None:
    """The codec of text saved as UTF-16 (Excel's "Unicode Text", PowerShell's Out-File), from
    its byte order mark, or, without one, from a NUL beside every ASCII character of its first
    line; else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    pairs = head[: len(head) // 2 * 2][:512]
    if len(pairs) < 8:
        return None
    even, odd = pairs[0::2], pairs[1::2]
    if odd.count(0) == 0 and even.count(0) >= 0.8 * len(even):
        return "utf-16-be"
    if even.count(0) == 0 and odd.count(0) >= 0.8 * len(odd):
        return "utf-16-le"
    return None


def binary_kind(head: bytes) -> str | None:
    """What the file is when its first bytes say it is not text (a PDF, a zip...), else None."""
    for magic, _, what in _MAGIC:
        if head.startswith(magic):
            return what
    return None
