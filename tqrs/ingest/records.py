"""From exported records to ticket rows: field mapping, typing, and what is said of each
record (warnings, rejections, duplicates). Column lists are built directly, in bulk, because
100,000 records must go through in seconds."""

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pyarrow as pa

from tqrs.fields import (
    CONTACT,
    COUNT,
    FIELDS,
    LEVEL,
    MAX_ANALYSIS_CHARS,
    PRIORITY,
    REF,
    STATE,
    TEXT,
    TIME,
    map_columns,
    parse_contact_type,
    parse_level,
    parse_priority,
    parse_state,
    parse_timestamp,
)
from tqrs.journal import count_entries
from tqrs.models import RecordIssue, SourceFile

_DISPLAY_KEYS = {"display_value", "value", "link", "display_value_internal"}
_INT_KINDS = {PRIORITY, LEVEL, COUNT}
_ARROW_TYPES = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "TIMESTAMP": pa.string()}


class _Reject(Exception):
    pass


_MISS = object()


class _Seen(NamedTuple):
    seq: int
    file_position: int
    sys_id: str
    raw_hash: int
    updated: str
    position: int


@dataclass
class SessionBuilder:
    """Collects the rows of one session across its files and decides on duplicates."""

    next_seq: int = 1
    by_number: dict[str, list[_Seen]] = field(default_factory=dict)
    superseded_seqs: list[int] = field(default_factory=list)
    files: list[SourceFile] = field(default_factory=list)

    def rows(self, source: SourceFile, typed_cells: bool) -> "RowBuffer":
        return RowBuffer(self, source, typed_cells)


class RowBuffer:
    """Typed columns for one file's records, flushed to the store in batches."""

    def __init__(self, session: SessionBuilder, source: SourceFile, typed_cells: bool):
        self.session, self.source = session, source
        self.typed_cells = typed_cells  # CSV/Excel: every cell is text by nature
        self._plans: dict[tuple, tuple] = {}
        self._clear()

    def _clear(self) -> None:
        """Empty the columns in place: the cached plans hold references to them."""
        if not hasattr(self, "cols"):
            self.cols: dict[str, list] = {
                name: []
                for name in (
                    "seq",
                    "file_position",
                    "record_position",
                    *FIELDS,
                    "work_note_count",
                    "comment_count",
                    "truncated",
                    "notes",
                )
            }
        for values in self.cols.values():
            values.clear()
        self.raws: list[bytes] = []

    def __len__(self) -> int:
        return len(self.raws)

    def _plan(self, rec: dict) -> tuple:
        """How to read records of this shape, cached: records of one export nearly always
        share their keys. Returns (present fields as (name, key, kind, column, memo of typed
        values for choice and count fields), columns of the
        absent fields, the keys used, index of number / updated_at / work_notes / comments
        among the present fields or None)."""
        shape = (len(rec), next(iter(rec), None))
        plan = self._plans.get(shape)
        if plan is None or not plan[2] <= rec.keys():
            mapping = map_columns(rec)
            present = [
                (
                    n,
                    mapping[n],
                    FIELDS[n][0],
                    self.cols[n],
                    None if FIELDS[n][0] in (TEXT, REF, TIME) else {},
                )
                for n in FIELDS
                if n in mapping
            ]
            names = [p[0] for p in present]
            where = tuple(
                names.index(n) if n in names else None
                for n in ("number", "updated_at", "work_notes", "comments")
            )
            plan = (
                present,
                [self.cols[n] for n in FIELDS if n not in mapping],
                frozenset(mapping.values()),
                where,
            )
            self._plans[shape] = plan
        return plan

    def add(self, position: int, rec, raw: bytes, line: int | None) -> None:
        """Type one record and append it, or record why it was not imported."""
        src = self.source
        src.records += 1
        if type(rec) is not dict:
            kind = "list" if isinstance(rec, list) else type(rec).__name__
            self._issue(
                position, line, "", "", f"the record is a {kind}, not an object", "rejected"
            )
            return
        sys_id = rec.get("sys_id", "")
        if type(sys_id) is not str:
            sys_id = sys_id.get("value", "") if isinstance(sys_id, dict) else ""
        warnings: list[str] = []
        truncated: list[str] = []
        present, absent, _, (i_number, i_updated, i_notes, i_comments) = self._plan(rec)
        values = []
        append = values.append
        try:
            for name, key, kind, _, memo in present:
                v = rec[key]
                if type(v) is str:  # the fast paths: what nearly every value is
                    if kind is TEXT or kind is REF:
                        if len(v) <= MAX_ANALYSIS_CHARS:
                            append(v)
                            continue
                    elif kind is TIME:
                        if len(v) == 19 and v[10] == " " and v[4] == "-":
                            append(v)
                            continue
                    else:
                        typed = memo.get(v, _MISS)
                        if typed is not _MISS:
                            append(typed)
                            continue
                said = len(warnings)
                typed = self._value(name, kind, v, warnings, truncated)
                if memo is not None and type(v) is str and len(warnings) == said:
                    memo[v] = typed
                append(typed)
        except _Reject as e:
            number = rec.get("number") if isinstance(rec.get("number"), str) else ""
            self._issue(position, line, number, sys_id, str(e), "rejected")
            return
        number = values[i_number].strip() if i_number is not None and values[i_number] else ""
        if not number:
            self._issue(position, line, "", sys_id, "the record has no number", "rejected")
            return
        values[i_number] = number
        updated = (values[i_updated] or "") if i_updated is not None else ""
        raw_hash = hash(raw)  # only compared within this process, to find exact copies
        session = self.session
        if number in session.by_number and self._duplicate(
            position, line, number, sys_id, raw_hash, updated
        ):
            return
        seq = session.next_seq
        session.next_seq += 1
        session.by_number.setdefault(number, []).append(
            _Seen(seq, src.position, sys_id, raw_hash, updated, position)
        )
        for entry, v in zip(present, values, strict=True):
            entry[3].append(v)
        for col in absent:
            col.append(None)
        cols = self.cols
        cols["seq"].append(seq)
        cols["file_position"].append(src.position)
        cols["record_position"].append(position)
        notes = values[i_notes] if i_notes is not None else None
        comments = values[i_comments] if i_comments is not None else None
        cols["work_note_count"].append(count_entries(notes) if notes else 0)
        cols["comment_count"].append(count_entries(comments) if comments else 0)
        cols["truncated"].append(truncated)
        cols["notes"].append(warnings)
        self.raws.append(raw)
        src.imported += 1
        for w in warnings:
            self._issue(position, line, number, sys_id, w, "warning")

    def _value(self, name: str, kind: str, v, warnings: list[str], truncated: list[str]):
        if type(v) is not str:
            v = self._as_text(name, kind, v, warnings)
            if v is None:
                return None
        if not v:
            return None if kind in _INT_KINDS or kind == TIME else ""
        if kind is TEXT or kind is REF:
            if len(v) > MAX_ANALYSIS_CHARS:
                warnings.append(
                    f"{name} is {len(v):,} characters; analysed as its first "
                    f"{MAX_ANALYSIS_CHARS:,} (kept whole in the raw record)"
                )
                truncated.append(name)
                return v[:MAX_ANALYSIS_CHARS]
            return v
        if kind == TIME:
            ts = parse_timestamp(v)
            if ts is None:
                warnings.append(f"{name} {v[:40]!r} is not a date; left empty")
            return ts
        if kind == STATE:
            return parse_state(v)
        if kind == CONTACT:
            return parse_contact_type(v)
        parsed = parse_level(v) if kind == LEVEL else parse_priority(v)
        if parsed is None:
            warnings.append(f"{name} {v[:40]!r} is not a number; left empty")
        return parsed

    def _as_text(self, name: str, kind: str, v, warnings: list[str]) -> str | None:
        """A non-string value as text, with a warning where an export should have had text."""
        if v is None:
            if not self.typed_cells:
                warnings.append(f"{name} is null; treated as empty")
            return ""
        if isinstance(v, dict) and v.keys() <= _DISPLAY_KEYS:
            shown = v.get("display_value")
            if isinstance(shown, str) and shown and kind not in (STATE, PRIORITY, LEVEL):
                return shown
            value = v.get("value", shown)
            if isinstance(value, str) or value is None:
                return value or (shown if isinstance(shown, str) else "")
            v = value
        if isinstance(v, bool):
            raise _Reject(f"{name} is true/false, expected text")
        if isinstance(v, int | float):
            if not self.typed_cells and kind not in _INT_KINDS:
                warnings.append(f"{name} is the number {v}, expected text; read as text")
            return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
        what = "a list" if isinstance(v, list) else "an object"
        raise _Reject(f"{name} is {what}, expected text")

    def _duplicate(self, position, line, number, sys_id, raw_hash, updated) -> bool:
        """True if this record is not to be kept as a new row (an exact copy, or an older
        version of a record already kept)."""
        earlier = self.session.by_number[number]
        for seen in earlier:
            if seen.raw_hash == raw_hash:
                self._issue(
                    position,
                    line,
                    number,
                    sys_id,
                    f"exact copy of record {seen.position}; merged",
                    "merged",
                )
                return True
        for seen in earlier:
            if sys_id and seen.sys_id == sys_id:
                newer = updated >= seen.updated
                if newer:
                    self.session.superseded_seqs.append(seen.seq)
                    earlier.remove(seen)
                    self._count_superseded(seen.file_position)
                    self._issue(
                        position,
                        line,
                        number,
                        sys_id,
                        f"same sys_id as record {seen.position} with other content; "
                        "kept this later-updated version",
                        "warning",
                    )
                    return False
                self._issue(
                    position,
                    line,
                    number,
                    sys_id,
                    f"same sys_id as record {seen.position} with other content; "
                    f"kept record {seen.position}, updated later",
                    "superseded",
                )
                return True
        self._issue(
            position,
            line,
            number,
            sys_id,
            f"number also used by record {earlier[0].position} with other content; both kept",
            "warning",
        )
        return False

    def _count_superseded(self, file_position: int) -> None:
        for f in [*self.session.files, self.source]:
            if f.position == file_position:
                f.imported -= 1
                f.superseded += 1
                return

    def _issue(self, position, line, number, sys_id, message, outcome) -> None:
        src = self.source
        if outcome == "rejected":
            src.rejected += 1
        elif outcome == "merged":
            src.merged += 1
        elif outcome == "superseded":
            src.superseded += 1
        src.issues.append(
            RecordIssue(
                position=position,
                line=line or None,
                number=number,
                sys_id=sys_id or "",
                message=message,
                outcome=outcome,
            )
        )

    def take(self) -> pa.Table:
        """The buffered rows as an Arrow table, leaving the buffer empty. The raw records are
        joined into one buffer: no per-record string conversion (orjson has already checked
        that they are UTF-8)."""
        arrays = {}
        for name, values in self.cols.items():
            if name in FIELDS:
                arrays[name] = pa.array(values, _ARROW_TYPES[FIELDS[name][1]])
            elif name in ("truncated", "notes"):
                arrays[name] = pa.array(values, pa.list_(pa.string()))
            else:
                arrays[name] = pa.array(values, pa.int32())
        offsets = np.zeros(len(self.raws) + 1, dtype=np.int64)
        np.cumsum([len(r) for r in self.raws], out=offsets[1:])
        arrays["raw"] = pa.Array.from_buffers(
            pa.large_string(),
            len(self.raws),
            [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(self.raws))],
        )
        self._clear()
        return pa.table(arrays)
