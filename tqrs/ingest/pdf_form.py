"""Reading incident forms from positioned lines: which segment is a label, which text is its
value, and where one incident ends and the next begins.

A label opens a value in a column: the text right of it on its line (up to the next label) and
the lines below that start at the value's x, until a line puts something else in that column
(another label, text further left) or has nothing there. This reads two-column "Label: value"
prints and ruled Field | Value tables alike, and lets a value run on over a page break. A title
("Incident INC0010001"), a heading in a larger font, or a field met a second time starts the
next incident.

Two more shapes are read. A classic form print puts two "Label value" pairs on a line, labels
without colons and each value right after its label ("Caller Chidi Okonkwo   Opened by  Emily
Carter"): a line whose segments all start with a known label, at least one followed by its
value, is read as such pairs (and so is a lone pair under such a line, at its x). And a label
the reader does not know ("Universal Request:", "Assigned to Department:") printed in the
label column of an open value ends that value: it is kept, under its printed name, in the raw
record; a value that is prose (a description, notes) is not ended this way, since its lines may
well end in a colon."""

import re
from dataclasses import dataclass, field

from tqrs.fields import normalize_label
from tqrs.ingest.pdf_layout import Line, Segment, Word

ACTIVITIES = "activities"  # a journal mixing work notes and comments, split by each entry's kind

_FIELD_LABELS = {
    "number": ("number", "incident number"),
    "caller_id": ("caller", "opened for", "caller id", "caller name"),
    "opened_at": ("opened", "opened at", "opened on"),
    "sys_created_on": ("created", "created on"),
    "resolved_at": ("resolved", "resolved at", "resolved on"),
    "closed_at": ("closed", "closed at", "closed on"),
    "sys_updated_on": ("updated", "updated on", "last updated"),
    "category": ("category",),
    "subcategory": ("subcategory", "sub category"),
    "contact_type": ("contact type", "channel"),
    "state": ("state", "incident state", "status"),
    "priority": ("priority",),
    "impact": ("impact",),
    "urgency": ("urgency",),
    "assignment_group": ("assignment group",),
    "assigned_to": ("assigned to",),
    "business_service": ("service", "business service"),
    "service_offering": ("service offering",),
    "cmdb_ci": ("configuration item", "ci", "cmdb ci"),
    "short_description": ("short description",),
    "description": ("description",),
    "work_notes": ("work notes",),
    "comments": ("additional comments", "comments", "customer comments"),
    ACTIVITIES: ("activities", "activity", "activity stream", "journal"),
    "close_code": ("resolution code", "close code", "closure code"),
    "close_notes": ("resolution notes", "close notes", "closure notes"),
    "opened_by": ("opened by",),
    "resolved_by": ("resolved by",),
    "closed_by": ("closed by",),
    "company": ("company",),
    "location": ("location",),
    "reassignment_count": ("reassignment count",),
    "reopen_count": ("reopen count",),
    # Printed on the form too; kept in the raw record so they end no other field's value.
    "parent_incident": ("parent incident", "parent"),
    "problem_id": ("problem",),
    "rfc": ("change request",),
    "caused_by": ("caused by change",),
    "watch_list": ("watch list",),
    "work_notes_list": ("work notes list",),
    "hold_reason": ("on hold reason",),
    "escalation": ("escalation",),
    "severity": ("severity",),
    "sys_updated_by": ("updated by",),
    "knowledge": ("knowledge",),
}
LABELS = {
    normalize_label(label): name for name, labels in _FIELD_LABELS.items() for label in labels
} | {normalize_label(name): name for name in _FIELD_LABELS}
_TITLE = re.compile(r"(?P<word>incident\s*[:#-]?\s*)?(?P<number>[A-Z]{2,6}\d{4,})?", re.I)
_LABEL_TEXT = re.compile(r"[A-Za-z][A-Za-z _/-]{0,38}")  # "incident." ending a sentence is text
_ONCE_PER_INCIDENT = {
    "number",
    "caller_id",
    "opened_at",
    "short_description",
    "description",
    "category",
    "priority",
}
_JOURNALS = {"work_notes", "comments", ACTIVITIES}
# Values whose own lines may look like labels ("Steps taken:"): never ended by an unknown one.
_PROSE = {"short_description", "description", "close_notes", *_JOURNALS}
_MAX_LABEL_WORDS = 4
_TOLERANCE = 3.0  # points a wrapped line's x may differ from its value's x
_HEADING_STEP = 1.5  # a line this many points larger than the body text is a heading
# Section titles of the incident form: headings even when not printed larger.
_SECTIONS = {
    "notes",
    "resolution information",
    "closure information",
    "related records",
    "activities",
    "activity",
    "related links",
}


@dataclass
class Piece:
    """One line of a value."""

    text: str
    x0: float
    x1: float
    first_width: float
    top: float
    page: int
    last_width: float = 0.0
    spaced: bool = False  # a space is printed after its last word


@dataclass
class RawIncident:
    """The value lines read per field; turned into text by pdf_values."""

    first_page: int
    last_page: int
    title_number: str = ""
    fields: dict[str, list[Piece]] = field(default_factory=dict)


@dataclass
class _Open:
    name: str
    label_x: float
    right: float
    sink: list[Piece]  # where the value's lines go
    value_x: float | None = None
    run_in: bool = False  # "Caller: Jane Doe" as one run of text: wrapped lines go back left
    fed: bool = False  # given text (or opened) on the current line
    new: bool = True  # opened on the current line

    @property
    def resume_x(self) -> float:
        """Where the value's wrapped lines start."""
        return self.label_x if self.run_in else self.value_x


def label_of(text: str) -> str | None:
    """The field a printed label names ("Close notes" -> close_notes), else None."""
    return LABELS.get(normalize_label(text)) if _LABEL_TEXT.fullmatch(text) else None


def _label_prefix(seg: Segment) -> tuple[str, list[Word]] | None:
    """(field, the words after it) when the segment starts with a known label printed without
    a colon (the longest that fits: "Opened by" before "Opened"), else None."""
    words = seg.words
    for n in range(min(_MAX_LABEL_WORDS, len(words)), 0, -1):
        text = " ".join(w.text for w in words[:n])
        if not text.endswith(":") and (name := label_of(text)):
            return name, words[n:]
    return None


def join_wrapped_labels(lines: list[Line]) -> list[Line]:
    """The lines with each label that wrapped in a narrow column ("Configuration" over
    "item") made one again."""
    for above, below in zip(lines, lines[1:], strict=False):
        if not above.segments or not below.segments:
            continue
        first, under = above.segments[0], below.segments[0]
        adjacent = below.page == above.page + 1 or (
            below.page == above.page and below.top - above.bottom < above.size
        )
        if (
            adjacent
            and abs(first.x0 - under.x0) <= _TOLERANCE
            and not label_of(first.text.rstrip(":"))
            and label_of(f"{first.text} {under.text}".rstrip(":"))
        ):
            first.words.extend(under.words)
            below.segments.pop(0)
    return [line for line in lines if line.segments]


def _piece(words: list[Word], page: int, line_x: float | None = None) -> Piece:
    return Piece(
        " ".join(w.text for w in words),
        words[0].x0 if line_x is None else line_x,
        words[-1].x1,
        words[0].x1 - words[0].x0,
        min(w.top for w in words),
        page,
        words[-1].x1 - words[-1].x0,
        words[-1].spaced,
    )


class FormReader:
    """Feed lines in reading order; `incidents` holds what was read."""

    def __init__(self, body_size: float):
        self.body_size = body_size
        self.incidents: list[RawIncident] = []
        self.current: RawIncident | None = None
        self.open: list[_Open] = []
        self.pairs_at: tuple[int, float] | None = None  # (page, x) of the last line of pairs

    def feed(self, line: Line) -> None:
        title = _TITLE.fullmatch(line.text)
        heading = len(line.segments) == 1 and (
            line.size >= self.body_size + _HEADING_STEP or normalize_label(line.text) in _SECTIONS
        )
        # "Incident INC0010001", or "Incident" or "INC0010001" alone as a heading
        if title and line.text and (heading or title["word"] and title["number"]):
            self._start(line.page)
            self.current.title_number = (title["number"] or "").upper()
            return
        if heading:
            self.open, self.pairs_at = [], None
            name = label_of(line.text.rstrip(":"))
            if name:
                self._open(line.page, name, line.segments[0].x0, float("inf"))
            return
        for o in self.open:
            o.fed = o.new = False
        pairs = self._pairs(line)
        labelled = pairs or self._labels(line)
        for i, (seg, name, value_words) in enumerate(labelled):
            if name is None:
                self._close_left_of(seg.x0)
                self._feed_text(seg.words, line.page)
                continue
            later = [s for s, n, _ in labelled[i + 1 :] if n]
            right = later[0].x0 if later else float("inf")
            self.open = [o for o in self.open if not o.label_x - _TOLERANCE <= seg.x0 < o.right]
            opened = self._open(line.page, name, seg.x0, right)
            if value_words:
                # a pair's value wraps in its own column; a "Label: value" run goes back left
                opened.value_x, opened.run_in = value_words[0].x0, not pairs
                self._feed_text(value_words, line.page, line_x=None if pairs else seg.x0)
            opened.fed = True
        self.open = [o for o in self.open if o.fed]
        if self.current:
            self.current.last_page = line.page

    def _pairs(self, line: Line) -> list[tuple[Segment, str, list[Word]]] | None:
        """The line as "Label value" pairs of a classic form print, else None."""
        found = [_label_prefix(seg) for seg in line.segments]
        at = (line.page, line.segments[0].x0)
        same_page = self.pairs_at is not None and at[0] == self.pairs_at[0]
        at_column = same_page and abs(at[1] - self.pairs_at[1]) <= _TOLERANCE
        # "Assignment group | Service Desk" in a table is a label and its value: a line opens
        # pairs only when its first label has its value beside it, two pairs or more.
        opens = len(found) >= 2 and found[0] is not None and bool(found[0][1])
        if (
            not all(found)
            or any(name in _PROSE for name, _ in found)
            or not any(rest for _, rest in found)
            or not (opens or at_column)
        ):
            # a wrapped value's line, right of the label column, does not end the grid
            if not (same_page and at[1] > self.pairs_at[1] + _TOLERANCE):
                self.pairs_at = None
            return None
        self.pairs_at = at
        return [(seg, name, rest) for seg, (name, rest) in zip(line.segments, found, strict=True)]

    def _labels(self, line: Line) -> list[tuple[Segment, str | None, list[Word]]]:
        """Each segment with the field it labels (None for text) and any value in it.

        A label without a colon right after another label is that label's value ("State
        Closed"), unless text follows it ("Number  Opened  2025-12-10": an empty number)."""
        found = [self._label_in(seg) for seg in line.segments]
        out: list[tuple[Segment, str | None, list[Word]]] = []
        for i, (seg, (name, rest, bare)) in enumerate(zip(line.segments, found, strict=True)):
            text_follows = i + 1 < len(found) and found[i + 1][0] is None
            if name and bare and out and out[-1][1] and not text_follows:
                name = None
            if name and self._continues_value(seg, rest):
                name = None
            if name is None and (unknown := self._unknown_label(seg)):
                name, rest = unknown
            out.append((seg, name, rest if name else seg.words))
        return out

    def _unknown_label(self, seg: Segment) -> tuple[str, list[Word]] | None:
        """("Printed label", value words) for a label the reader does not know, printed in the
        label column of an open value that is not prose; else None."""
        for n, word in enumerate(seg.words[:_MAX_LABEL_WORDS]):
            if word.text.endswith(":"):
                text = " ".join(w.text for w in seg.words[: n + 1])[:-1]
                break
        else:
            return None
        if not _LABEL_TEXT.fullmatch(text) or label_of(text):
            return None
        if not any(
            abs(seg.x0 - o.label_x) <= _TOLERANCE and o.name not in _PROSE for o in self.open
        ):
            return None
        return text, seg.words[n + 1 :]

    @staticmethod
    def _label_in(seg: Segment) -> tuple[str | None, list[Word], bool]:
        """(field, value words after the label, whether the label has no colon)."""
        text = seg.text
        if text.endswith(":") and (name := label_of(text[:-1])):
            return name, [], False
        if name := label_of(text):
            return name, [], True
        for n, word in enumerate(seg.words[:4]):
            if word.text.endswith(":"):
                name = label_of(" ".join(w.text for w in seg.words[: n + 1])[:-1])
                return (name, seg.words[n + 1 :], False) if name else (None, seg.words, False)
        return None, seg.words, False

    def _continues_value(self, seg: Segment, rest: list[Word]) -> bool:
        """A weak label (no colon, or text after its colon) inside an open value is text,
        unless it starts where that value's own label did (a value printed below its label,
        or run in after it, ends at the next label)."""
        if not rest and seg.text.endswith(":"):
            return False
        return any(
            o.value_x is not None
            and o.resume_x - _TOLERANCE <= seg.x0 < o.right
            and abs(seg.x0 - o.label_x) > _TOLERANCE
            for o in self.open
        )

    def _open(self, page: int, name: str, label_x: float, right: float) -> _Open:
        """Open a field's value; a field printed once per incident met again starts the next
        incident, a journal met again goes on, any other field keeps its first value."""
        if self.current is None or name in _ONCE_PER_INCIDENT and name in self.current.fields:
            self._start(page)
        known = self.current.fields.setdefault(name, [])
        sink = known if not known or name in _JOURNALS else []
        opened = _Open(name, label_x, right, sink)
        self.open.append(opened)
        return opened

    def _start(self, page: int) -> None:
        self.current = RawIncident(page, page)
        self.incidents.append(self.current)
        self.open, self.pairs_at = [], None

    def _close_left_of(self, x0: float) -> None:
        """Text between a value's label and the value's own x ends that value."""
        self.open = [
            o
            for o in self.open
            if o.new
            or o.value_x is None
            or not o.label_x - _TOLERANCE <= x0 < o.resume_x - _TOLERANCE
        ]

    def _feed_text(self, words: list[Word], page: int, line_x: float | None = None) -> None:
        """Text goes to the label left of it on its line, else to the value it continues.

        Args:
            line_x: where the line of a run-in value starts (its label's x).
        """
        x0 = words[0].x0

        def start(o: _Open) -> float:
            return o.label_x if o.value_x is None or o.new else o.resume_x - _TOLERANCE

        owners = [o for o in self.open if start(o) <= x0 < o.right]
        if not owners:
            return
        owner = max(owners, key=lambda o: (o.new, start(o)))
        if owner.value_x is None:
            owner.value_x = x0
        owner.fed = True
        piece = _piece(words, page, line_x)
        last = owner.sink[-1] if owner.sink else None
        if last and last.page == page and abs(last.top - piece.top) < _TOLERANCE:
            # more of the same line, further right: one line of the value
            last.text, last.x1 = f"{last.text} {piece.text}", piece.x1
            last.last_width, last.spaced = piece.last_width, piece.spaced
        else:
            owner.sink.append(piece)
