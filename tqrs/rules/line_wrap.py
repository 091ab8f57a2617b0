"""Where a line break is a wrap: a text typed or mailed at a fixed width, each sentence going on
at the next line wherever the width ran out ("... all Deck 8 cabins (approx 120 cabins," /
"250 guests) show ..."). A reader of lines reads such a sentence as two unrelated lines; the
text unwrapped (`unwrapped`) gives it back its sentences, and every other break stays.

Read from the text's structure only, block by block (a journal entry, a description: a
journal header starts a block), never from its words:
- the block's width is its longest line; a line is *full* when the next line's first word
  would not have fitted on it (a wrapper at that width, or any wider one, would have had to
  break there) and it reaches the last word's length of the width, the next word an ordinary
  word (no address, no token longer than a word) at the same indentation (or under a list
  item's text), and neither line laid out in columns (runs of spaces);
- a block is *wrapped* when its width is a line's (60 characters or more), two of its breaks
  or more and most of them are full, and one full line at least goes on in lower case or
  with a number at the next: a sentence cut by the width, which no list or form writes;
- in a wrapped block, a full line that ends without a mark of a sentence's or a label's end
  is joined to the next, unless the next opens an item of its own: a list item, a "Label:",
  a time or a date, a long number (a part or record number), a quoted mail line, a journal
  header, a line of courtesy only ("Kind regards,").

A break between blank lines, between lines of a list, a form, a timed log or a signature is
therefore never joined; a text with no wrapped block comes back as it was."""

import re

from tqrs.journal import HEADER
from tqrs.rules.text import (
    is_listed,
    last_memo,
    text_memo,
    ticket_text,
    without_courtesy_lines,
)

_MIN_WIDTH = 60  # narrower text is a list or a form, not prose wrapped at a width
_WORD_ROOM = 16  # a full line reaches the width less one word (and its space)
_LONGEST_WORD = 20
_FULL_SHARE = 0.6  # most of a wrapped block's breaks are full lines
# a line ends a sentence or a label: a stop, a colon or a semicolon, closing quotes aside
_MARKED_END = re.compile(r"[.!?:;][\"'\u201d\u2019)\]]*$")
# a line that ends inside a sentence: a word, a number, a comma, a closing bracket or quote
_OPEN_END = re.compile(r"[\w,)\]\"'\u201d\u2019%&/-]$")
# what opens an item of its own: "Label:" (up to four words), a time or a date ("19:58",
# "1958 -", "2026-10-20", "14/10"), a long number (a part or record number), a quoted line
_LABEL = re.compile(r"^\s*[^\W\d_][\w /&'().-]{0,30}:(?:\s|$)")
_TIMED = re.compile(
    r"^\s*[\[(]?(?:\d{4}-\d\d-\d\d|\d{1,2}[:.]\d\d\b|\d{4}\s*(?:[-\u2013|]|hrs?\b|h\b)|"
    r"\d{1,2}/\d{1,2}/)"
)
_CODE = re.compile(r"^\s*\d[\d-]{4,}")
_QUOTED = re.compile(r"^\s*>")
_GOES_ON = re.compile(r"^\s*[a-z0-9]")  # a sentence going on: lower case or a number
_COLUMNS = re.compile(r"\S {3,}\S")
_NOT_A_WORD = re.compile(r"://|www\.|@")


def unwrapped(text: str) -> str:
    """`text` with each line break that is a wrap (see the module) replaced by a space, every
    other line break kept."""
    if not text or "\n" not in text:
        return text
    return _unwrapped(text)


@text_memo  # a description or a note, remembered: readers of one ticket ask in turn
def _unwrapped(text: str) -> str:
    lines = text.split("\n")
    joins = set()
    start = 0
    for i, line in enumerate([*lines, None]):
        if line is None or HEADER.match(line):
            joins |= _wraps(lines, start, i)
            start = i + 1
    if not joins:
        return text
    out = [lines[0]]
    for i, line in enumerate(lines[1:]):
        if i in joins:
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def _wraps(lines: list[str], start: int, end: int) -> set[int]:
    """The indices i in [start, end) of the block's lines after which the break is a wrap."""
    block = [x.rstrip() for x in lines[start:end]]
    width = max(map(len, block), default=0)
    if width < _MIN_WIDTH:
        return set()
    breaks = [
        (i, a, b)
        for i, (a, b) in enumerate(zip(block, block[1:], strict=False))
        if a.strip() and b.strip()
    ]
    full = [(i, a, b) for i, a, b in breaks if _full(a, b, width)]
    if len(full) < 2 or len(full) < _FULL_SHARE * len(breaks):
        return set()
    joined = [(i, b) for i, a, b in full if _open(a) and not _new_item(a, b)]
    if not any(_GOES_ON.match(b) for _, b in joined):
        return set()
    return {start + i for i, _ in joined}


def _full(line: str, following: str, width: int) -> bool:
    """Whether `line` is full at `width`: the first word of `following` would not fit on it."""
    word = following.split()[0]
    if len(word) > _LONGEST_WORD or _NOT_A_WORD.search(word):
        return False
    if len(line) + 1 + len(word) <= width or len(line) < width - _WORD_ROOM:
        return False
    if _COLUMNS.search(line.strip()) or _COLUMNS.search(following.strip()):
        return False
    indent, indent_next = _indent(line), _indent(following)
    return indent_next == indent or (indent_next > indent and is_listed(line))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _open(line: str) -> bool:
    """Whether `line` ends inside a sentence (no stop, colon or semicolon at its end)."""
    return not _MARKED_END.search(line) and bool(_OPEN_END.search(line))


def _new_item(line: str, following: str) -> bool:
    """Whether `following` opens an item of its own after `line` (see the module)."""
    return bool(
        is_listed(following)
        or _LABEL.match(following)
        or _TIMED.match(following)
        or _CODE.match(following)
        or _QUOTED.match(following)
        or _QUOTED.match(line)
        or HEADER.match(line.strip(" \"'"))
        or not without_courtesy_lines(following).strip()
    )


def unwrapped_opening(ticket) -> str:
    """The ticket's opening (short description and description) with the description's
    wrapped lines joined."""
    return ticket_text(ticket).opening_read(unwrapped)


@last_memo  # the readers of one ticket ask in turn
def unwrapped_all(ticket) -> str:
    """The ticket's whole text as text.all_text puts it together (short description,
    description, work notes, comments, close notes), each field's wrapped lines joined: a
    wrap is read within a field or a journal entry, never across two."""
    return ticket_text(ticket).all_read(unwrapped)
