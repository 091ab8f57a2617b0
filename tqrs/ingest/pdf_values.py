"""From the value lines of one incident to its record: text joined as it was typed, journals as
ServiceNow journal text, dates as YYYY-MM-DD HH:MM:SS.

A printed line ends either because the text wrapped or because the writer broke the line. A
browser's print says which: it keeps the space at the end of a wrapped line (or wraps after a
hyphen) and has none after a broken one. Other prints (server-side exports) drop that space, so
a line wrapped if the next line's first word would not have fitted after it, within the right
edge of its column (the furthest any line in that column reaches); a break typed right after a
full line prints exactly like a wrap there and is read as one. A taller gap than one line is a
blank line."""

import bisect
import re
import statistics
from dataclasses import dataclass, field
from itertools import pairwise

from tqrs.fields import parse_timestamp
from tqrs.ingest.pdf_form import ACTIVITIES, Piece, RawIncident
from tqrs.ingest.pdf_layout import Line
from tqrs.journal import HEADER, kind_named

TIME_FIELDS = {"opened_at", "resolved_at", "closed_at", "sys_created_on", "sys_updated_on"}
PROSE_FIELDS = {"description", "close_notes"}
JOURNAL_KINDS = {"work_notes": "Work notes", "comments": "Additional comments"}
# The activity stream's own header: "Jane Doe    Work notes • 2025-12-10 04:26:41"
_STREAM_HEADER = re.compile(
    r"(?P<author>.+?)\s+(?P<kind>Work notes|Additional comments|Comments)"
    r"\s*[\u2022\u00b7|-]\s*(?P<time>.+)"
)
_TOLERANCE = 3.0
_MARKED_SHARE = 0.1


@dataclass
class Wrapping:
    """What tells a wrapped line from a line break, measured over the whole document."""

    space: float
    pitch: float
    body_top: float  # where text resumes on a new page
    body_bottom: float  # the top of the lowest line a page holds
    slack: float = 0.0  # share of a column's width a line must leave free to count as broken
    marked: bool = False  # wrapped lines end in a printed space (a browser's print)
    starts: list[float] = field(default_factory=list)
    ends: list[float] = field(default_factory=list)

    @classmethod
    def measure(
        cls, incidents: list[RawIncident], lines: list[Line], slack: float = 0.0
    ) -> "Wrapping":
        pieces = sorted(
            (p for raw in incidents for ps in raw.fields.values() for p in ps), key=lambda p: p.x0
        )
        steps = [
            b.top - a.top
            for raw in incidents
            for ps in raw.fields.values()
            for a, b in pairwise(ps)
            if a.page == b.page and b.top > a.top
        ]
        gaps = [
            b.x0 - a.x1 for line in lines for seg in line.segments for a, b in pairwise(seg.words)
        ]
        firsts = [b.top for a, b in pairwise(lines) if b.page != a.page]
        wrapping = cls(
            space=statistics.median(gaps) if gaps else 2.5,
            pitch=statistics.median(steps) if steps else 12.0,
            body_top=min(firsts, default=0.0),
            body_bottom=max((line.top for line in lines), default=0.0),
            slack=slack,
            starts=[p.x0 for p in pieces],
            ends=[p.x1 for p in pieces],
        )
        going_on = [
            (a, b)
            for raw in incidents
            for ps in raw.fields.values()
            for a, b in pairwise(ps)
            if wrapping.blank_lines(a, b) == 0
        ]
        # Lines going on in the next line often end in a space: the printer marks its wraps.
        spaced = sum(a.spaced for a, _ in going_on)
        wrapping.marked = spaced >= max(1.0, _MARKED_SHARE * len(going_on))
        return wrapping

    def edge(self, x0: float) -> float:
        """The furthest right any line starting at x0 reaches."""
        lo = bisect.bisect_left(self.starts, x0 - _TOLERANCE)
        hi = bisect.bisect_right(self.starts, x0 + _TOLERANCE)
        return max(self.ends[lo:hi], default=float("inf"))

    def _room(self, x0: float) -> float:
        edge = self.edge(x0)
        return edge - self.slack * (edge - x0)

    def _fits(self, prev: Piece, cur: Piece, gap: float | None = None) -> bool:
        """Whether cur's first word would have fitted at the end of prev."""
        return prev.x1 + (self.space if gap is None else gap) + cur.first_width <= self._room(
            prev.x0
        )

    def glue(self, prev: Piece, cur: Piece, typed: bool = True) -> str:
        """What joins two adjacent lines of a value: a space where the text wrapped, nothing
        where a word wrapped after its hyphen or was broken for being wider than the column,
        a line break where the writer broke the line (typed: the value may hold breaks)."""
        if not self.marked:
            return "\n" if typed and self._fits(prev, cur) else " "
        if prev.spaced:
            return " "
        hyphen = prev.text.endswith("-") and prev.text[-2:-1].isalnum()
        if (
            hyphen or prev.last_width + cur.first_width > self._room(prev.x0) - prev.x0
        ) and not self._fits(prev, cur, gap=0.0):
            return ""
        return "\n" if typed else " "

    def blank_lines(self, prev: Piece, cur: Piece) -> int:
        """Empty lines between two lines of a value; over a page break, the room left unused
        at the foot of one page and the head of the next (text flows until a page is full)."""
        if cur.page == prev.page:
            return round((cur.top - prev.top) / self.pitch) - 1
        if cur.page == prev.page + 1:
            return max(0, round((self.body_bottom - prev.top) / self.pitch)) + max(
                0, round((cur.top - self.body_top) / self.pitch)
            )
        return 0

    def join(self, pieces: list[Piece], typed: bool = True) -> str:
        """A value's lines as its text (typed: it may hold line breaks; else it is one line
        printed over several)."""
        parts = [pieces[0].text] if pieces else []
        for prev, cur in pairwise(pieces):
            blank = self.blank_lines(prev, cur) if typed else 0
            parts += ["\n" * (blank + 1) if blank > 0 else self.glue(prev, cur, typed), cur.text]
        return "".join(parts).strip()


def to_record(raw: RawIncident, wrapping: Wrapping) -> dict:
    """The record keyed by ServiceNow field names, with the pages it was printed on."""
    rec: dict = {}
    for name, pieces in raw.fields.items():
        if name == ACTIVITIES or name in JOURNAL_KINDS:
            entries = journal_entries(pieces, wrapping, JOURNAL_KINDS.get(name, "Work notes"))
            if name == ACTIVITIES:  # each entry to the journal its header names
                found = {
                    key: [text for k, text in entries if k == kind]
                    for key, kind in JOURNAL_KINDS.items()
                }
            else:
                found = {name: [text for _, text in entries]}
            for key, texts in found.items():
                rec[key] = "\n\n".join(filter(None, [rec.get(key, ""), *texts]))
        elif name in PROSE_FIELDS:
            rec[name] = wrapping.join(pieces)
        else:
            text = wrapping.join(pieces, typed=False)
            rec[name] = (parse_timestamp(text) or text) if name in TIME_FIELDS and text else text
    if not rec.get("number") and raw.title_number:
        rec["number"] = raw.title_number
    rec["pdf_pages"] = list(range(raw.first_page, raw.last_page + 1))
    return rec


def journal_entries(
    pieces: list[Piece], wrapping: Wrapping, default_kind: str
) -> list[tuple[str, str]]:
    """(kind, entry text) per journal entry, its header as `YYYY-MM-DD HH:MM:SS - Author (Kind)`."""
    preamble: list[Piece] = []
    entries: list[tuple[str, str, list[Piece]]] = []
    for piece in pieces:
        m = HEADER.fullmatch(piece.text) or _STREAM_HEADER.fullmatch(piece.text)
        if m and (m.re is HEADER or parse_timestamp(m["time"])):
            kind = kind_named(m["kind"] or "") or default_kind
            when = parse_timestamp(m["time"]) or m["time"]
            entries.append((kind, f"{when} - {m['author'].strip()} ({kind})", []))
        elif entries:
            entries[-1][2].append(piece)
        else:
            preamble.append(piece)
    out = [(default_kind, wrapping.join(preamble))] if preamble else []
    for kind, head, body in entries:
        text = wrapping.join(body)
        out.append((kind, f"{head}\n{text}" if text else head))
    return out
