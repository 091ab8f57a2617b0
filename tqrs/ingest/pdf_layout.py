"""Page text as positioned lines, the form reader's input.

Words become lines (by baseline) and each line a few segments: runs of words separated by
ordinary spaces, so a gap wider than a space splits "Caller:" from its value and a left column
from a right one. Page headers and footers are dropped: lines in the top or bottom margin that
repeat on other pages (digits aside, so "Page 2 of 3" matches "Page 1 of 3"), name a page, or
are the first or last line of a one-page document."""

import re
from collections import Counter
from dataclasses import dataclass, field

# Words on one line differ in baseline by less than this (points); a segment breaks at a gap
# wider than this share of the font size (a space is about a quarter of it).
_SAME_LINE = 3.0
_SEGMENT_GAP = 0.6
_WORD_GAP = 3.0  # points between two characters that are not one word (as pdfplumber)
_MARGIN_BAND = 0.08
_PAGE_NUMBER = re.compile(r"\bpage\s+\d+(\s*(of|/)\s*\d+)?\b", re.I)


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    spaced: bool = False  # a space character is printed right after it


@dataclass
class Segment:
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


@dataclass
class Line:
    page: int
    top: float
    bottom: float
    segments: list[Segment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    @property
    def size(self) -> float:
        return max(w.size for s in self.segments for w in s.words)


def _rows(items: list[Word]) -> list[list[Word]]:
    """Characters or words grouped by baseline, top to bottom, each row left to right."""
    rows: list[list[Word]] = []
    for item in sorted(items, key=lambda w: (w.bottom, w.x0)):
        if rows and item.bottom - rows[-1][0].bottom <= _SAME_LINE:
            rows[-1].append(item)
        else:
            rows.append([item])
    for row in rows:
        row.sort(key=lambda w: w.x0)
    return rows


def words_from_chars(chars: list[Word]) -> list[Word]:
    (
        """Characters joined into words: split at white space and at gaps (pdfplumber's rules);
    a word followed by a printed space is marked, as a browser prints one at each wrap."""
        ""
    )
    words: list[Word] = []
    run: list[Word] = []

    def close(spaced: bool = False) -> None:
        if run:
            words.append(
                Word(
                    "".join(c.text for c in run),
                    run[0].x0,
                    run[-1].x1,
                    min(c.top for c in run),
                    max(c.bottom for c in run),
                    max(c.size for c in run),
                    spaced,
                )
            )
            run.clear()

    for row in _rows(chars):
        for char in row:
            if char.text.isspace():
                close(spaced=True)
                continue
            if run and char.x0 - run[-1].x1 > _WORD_GAP:
                close()
            run.append(char)
        close()
    return words


def build_lines(words: list[Word], page: int) -> list[Line]:
    """The words of one page as lines, top to bottom, each split into segments."""
    lines: list[Line] = []
    for row in _rows(words):
        line = Line(page, min(w.top for w in row), max(w.bottom for w in row))
        for word in row:
            last = line.segments[-1].words[-1] if line.segments else None
            if last and word.x0 - last.x1 <= _SEGMENT_GAP * max(word.size, last.size):
                line.segments[-1].words.append(word)
            else:
                line.segments.append(Segment([word]))
        lines.append(line)
    return lines


@dataclass
class Page:
    """One page's lines; text above `header_end` or below `footer_start` is in the margins."""

    lines: list[Line]
    header_end: float
    footer_start: float
    images: int | None = 0  # None: not known
    grid: bool = False  # positions are the character columns of layout text, not measured

    @classmethod
    def with_margins(cls, lines: list[Line], height: float, images: int = 0) -> "Page":
        return cls(lines, height * _MARGIN_BAND, height * (1 - _MARGIN_BAND), images)

    def in_margin(self, line: Line) -> bool:
        return line.top < self.header_end or line.bottom > self.footer_start


def drop_page_furniture(pages: list[Page]) -> list[Line]:
    """All pages' lines in reading order, without the headers and footers."""

    def shape(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text)

    repeats = Counter(
        shape(line)
        for page in pages
        for line in {shape(x): x for x in page.lines if page.in_margin(x)}.values()
    )
    single = len(pages) == 1
    kept = []
    for page in pages:
        outermost = {id(page.lines[0]), id(page.lines[-1])} if single and page.lines else set()
        for line in page.lines:
            if page.in_margin(line) and (
                id(line) in outermost or repeats[shape(line)] > 1 or _PAGE_NUMBER.search(line.text)
            ):
                continue
            kept.append(line)
    return kept
