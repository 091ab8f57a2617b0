"""From exported records to ticket rows: field mapping, typing, and what is said of each
record (warnings, rejections, duplicates). Column lists are built directly, in bulk, because
100,000 records must go through in seconds."""

import hashlib
from dataclasses import dataclass, field

import pyarrow as pa

from tqrs.fields import (CONTACT, COUNT, FIELDS, LEVEL, MAX_ANALYSIS_CHARS, PRIORITY, REF,
                         STATE, TIME, map_columns, parse_contact_type, parse_level,
                         parse_priority, parse_state, parse_timestamp)
from tqrs.journal import count_entries
from tqrs.models import RecordIssue, SourceFile

_DISPLAY_KEYS = {"display_value", "value", "link", "display_value_internal"}
_INT_KINDS = {PRIORITY, LEVEL, COUNT}
_ARROW_TYPES = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "TIMESTAMP": pa.string()}


class _Reject(Exception):
    pass


@dataclass
class _Seen:
    seq: int
    file_position: int
    sys_id: str
    raw_hash: str
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
        self._plans: dict[tuple, list[tuple[str, str, str]]] = {}
        self._clear()

    def _clear(self) -> None:
        self.cols: dict[str, list] = {name: [] for name in (
            "seq", "file_position", "record_position", *FIELDS, "work_note_count",
            "comment_count", "truncated", "notes", "raw", "raw_hash")}

    def __len__(self) -> int:
        return len(self.cols["seq"])

    def _plan(self, rec: dict) -> list[tuple[str, str, str]]:
        keys = tuple(rec)
        plan = self._plans.get(keys)
        if plan is None:
            mapping = map_columns(keys)
            plan = [(name, mapping[name], FIELDS[name][0]) for name in FIELDS if name in mapping]
            self._plans[keys] = plan
        return plan

    def add(self, position: int, rec, raw: bytes | str, line: int | None) -> None:
        """Type one record and append it, or record why it was not imported."""
        src = self.source
        src.records += 1
        if isinstance(raw, str):
            raw = raw.encode()
        if not isinstance(rec, dict):
            kind = "list" if isinstance(rec, list) else type(rec).__name__
            self._issue(position, line, "", "", f"the record is a {kind}, not an object",
                        "rejected")
            return
        sys_id = rec.get("sys_id")
        sys_id = sys_id if isinstance(sys_id, str) else (
            sys_id.get("value", "") if isinstance(sys_id, dict) else "")
        warnings: list[str] = []
        values: dict[str, object] = {}
        truncated: list[str] = []
        try:
            for name, key, kind in self._plan(rec):
                values[name] = self._value(name, kind, rec[key], warnings, truncated)
        except _Reject as e:
            number = rec.get("number") if isinstance(rec.get("number"), str) else ""
            self._issue(position, line, number, sys_id, str(e), "rejected")
            return
        number = (values.get("number") or "").strip()
        if not number:
            self._issue(position, line, "", sys_id, "the record has no number", "rejected")
            return
        values["number"] = number
        raw_hash = hashlib.blake2b(raw, digest_size=16).hexdigest()
        if self._duplicate(position, line, number, sys_id, raw_hash, values):
            return
        seq = self.session.next_seq
        self.session.next_seq += 1
        self.session.by_number.setdefault(number, []).append(
            _Seen(seq, src.position, sys_id, raw_hash, values.get("updated_at") or "", position))
        cols = self.cols
        cols["seq"].append(seq)
        cols["file_position"].append(src.position)
        cols["record_position"].append(position)
        for name in FIELDS:
            cols[name].append(values.get(name))
        cols["work_note_count"].append(count_entries(values.get("work_notes") or ""))
        cols["comment_count"].append(count_entries(values.get("comments") or ""))
        cols["truncated"].append(truncated)
        cols["notes"].append(warnings)
        cols["raw"].append(raw.decode("utf-8", "replace"))
        cols["raw_hash"].append(raw_hash)
        src.imported += 1
        if warnings:
            for w in warnings:
                self._issue(position, line, number, sys_id, w, "warning")

    def _value(self, name: str, kind: str, v, warnings: list[str], truncated: list[str]):
        if type(v) is not str:
            v = self._as_text(name, kind, v, warnings)
            if v is None:
                return None
        if not v:
            return None if kind in _INT_KINDS or kind == TIME else ""
        if kind == "text" or kind == REF:
            if len(v) > MAX_ANALYSIS_CHARS:
                warnings.append(f"{name} is {len(v):,} characters; analysed as its first "
                                f"{MAX_ANALYSIS_CHARS:,} (kept whole in the raw record)")
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

    def _duplicate(self, position, line, number, sys_id, raw_hash, values) -> bool:
        """True if this record is not to be kept as a new row (an exact copy)."""
        earlier = self.session.by_number.get(number)
        if not earlier:
            return False
        for seen in earlier:
            if seen.raw_hash == raw_hash:
                self._issue(position, line, number, sys_id,
                            f"exact copy of record {seen.position}; merged", "merged")
                return True
        for seen in earlier:
            if sys_id and seen.sys_id == sys_id:
                newer = (values.get("updated_at") or "") >= seen.updated
                if newer:
                    self.session.superseded_seqs.append(seen.seq)
                    earlier.remove(seen)
                    self._count_superseded(seen.file_position)
                    self._issue(position, line, number, sys_id,
                                f"same sys_id as record {seen.position} with other content; "
                                "kept this later-updated version", "warning")
                    return False
                self._issue(position, line, number, sys_id,
                            f"same sys_id as record {seen.position} with other content; "
                            f"kept record {seen.position}, updated later", "superseded")
                return True
        self._issue(position, line, number, sys_id,
                    f"number also used by record {earlier[0].position} with other content; "
                    "both kept", "warning")
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
        src.issues.append(RecordIssue(position=position, line=line or None, number=number,
                                      sys_id=sys_id or "", message=message, outcome=outcome))

    def take(self) -> pa.Table:
        """The buffered rows as an Arrow table, leaving the buffer empty."""
        arrays = {}
        for name, values in self.cols.items():
            if name in FIELDS:
                arrays[name] = pa.array(values, _ARROW_TYPES[FIELDS[name][1]])
            elif name in ("truncated", "notes"):
                arrays[name] = pa.array(values, pa.list_(pa.string()))
            elif name in ("raw", "raw_hash"):
                arrays[name] = pa.array(values, pa.string())
            else:
                arrays[name] = pa.array(values, pa.int32())
        self._clear()
        return pa.table(arrays)
