"""From exported records to ticket rows: field mapping, typing, and what is said of each
record (warnings, rejections, duplicates). Column lists are built directly, in bulk, because
100,000 records must go through in seconds.

Placeholders (`?`, `null`, `N/A`, `-`, …) are empty values. A date column's order (day or
month first) is decided per file before its records are typed (see `DateOrders`). References
are names in display-value exports and sys_ids in raw ones; a pandas-written CSV of a Table API
response holds them as Python dict text (`{'link': ..., 'value': ...}`), read here as the
reference it is."""

import ast
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import orjson
import pyarrow as pa

from tqrs.fields import (
    BOTH_JOURNALS,
    CONTACT,
    COUNT,
    FIELDS,
    INT_MAX,
    LEVEL,
    MAX_ANALYSIS_CHARS,
    PLACEHOLDER_MAX_LEN,
    PLACEHOLDERS,
    PRIORITY,
    REF,
    STATE,
    STATE_BY_CODE,
    TEXT,
    TIME,
    candidates,
    map_columns,
    may_be_read,
    mod_count_key,
    normalize_label,
    parse_contact_type,
    parse_count,
    parse_level,
    parse_priority,
    parse_state,
)
from tqrs.ingest import duplicates as dup
from tqrs.ingest.date_orders import FILE_ORDER
from tqrs.ingest.json_export import json_kind
from tqrs.journal import count_entries, split_by_kind
from tqrs.models import RecordIssue, SourceFile
from tqrs.store.sessions import INSERT_COLUMNS
from tqrs.timestamps import read_timestamp, valid_iso_hour

_DISPLAY_KEYS = {"display_value", "value", "link", "display_value_internal"}
_INT_KINDS = {PRIORITY, LEVEL, COUNT}
_ARROW_TYPES = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "TIMESTAMP": pa.string()}
_REF_TEXT = "ref text"  # a reference in a CSV/Excel cell: a name, a sys_id, or dict text
_MAX_DICT_TEXT = 4096
_MAX_PLANS = 256
_JOURNALS = ("work_notes", "comments")
_PART = "journal part"  # (_PART, field): the key of a journal's part of a column of both


class _Reject(Exception):
    pass


_MISS = object()


@dataclass
class SessionBuilder:
    """Collects the rows of one session across its files and decides on records that share a
    number (tqrs.ingest.duplicates)."""

    next_seq: int = 1
    by_number: dict[str, list[dup.Seen]] = field(default_factory=dict)
    superseded_seqs: list[int] = field(default_factory=list)
    # (seq kept, seq merged into it, the merged record's file position and record position)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    files: list[SourceFile] = field(default_factory=list)
    # what the file being read changed, to take it back if the file fails (on_error="skip")
    undo_log: list[tuple[str, list | None]] = field(default_factory=list)
    _marks: tuple = ()

    def begin_file(self) -> None:
        self.undo_log = []
        self._marks = (
            len(self.superseded_seqs),
            len(self.merges),
            [(f.imported, f.superseded) for f in self.files],
        )

    def touch(self, number: str) -> None:
        """Remember `number`'s kept records as they were before this file changed them."""
        earlier = self.by_number.get(number)
        self.undo_log.append((number, None if earlier is None else list(earlier)))

    def rollback_file(self) -> None:
        """Forget the file being read: its records no longer count as seen, and what it
        superseded or merged in earlier files stands again."""
        for number, earlier in reversed(self.undo_log):
            if earlier is None:
                self.by_number.pop(number, None)
            else:
                self.by_number[number] = earlier
        superseded, merges, counts = self._marks
        del self.superseded_seqs[superseded:]
        del self.merges[merges:]
        for f, (imported, dropped) in zip(self.files, counts, strict=False):
            f.imported, f.superseded = imported, dropped
        self.undo_log = []

    def rows(
        self,
        source: SourceFile,
        typed_cells: bool,
        mapping: dict[str, str] | None = None,
        date_orders: dict[str, str] | None = None,
    ) -> "RowBuffer":
        return RowBuffer(self, source, typed_cells, mapping, date_orders)


class _Plan(NamedTuple):
    """How to read records with one sequence of keys."""

    keys: tuple
    present: list  # (field, key, kind, column, memo of typed values or None) per mapped field
    absent: list  # the columns of the fields the records do not carry
    where: tuple  # index among `present` of number, updated_at, opened_at, work_notes, comments
    mod_key: str | None  # the key of sys_mod_count
    other_numbers: tuple  # (number key, key) for each other column that could hold the number
    both: str | None  # the key of a column of both journals some journal is read from


class RowBuffer:
    """Typed columns for one file's records, flushed to the store in batches; and what the
    file carries (fields, columns not read, display values)."""

    def __init__(
        self,
        session: SessionBuilder,
        source: SourceFile,
        typed_cells: bool,
        mapping: dict[str, str] | None = None,
        date_orders: dict[str, str] | None = None,
    ):
        self.session, self.source = session, source
        self.typed_cells = typed_cells  # CSV/Excel: every cell is text by nature
        self.mapping = mapping or {}
        self.date_orders = date_orders or {}
        self._plans: dict[tuple, _Plan] = {}
        self._last: _Plan | None = None
        self._hours: dict[str, bool] = {}  # "YYYY-MM-DD HH" -> valid
        self.columns: dict[str, str] = {}  # field -> the column it was read from
        self._keys: dict[str, None] = {}  # every key met, in order of appearance
        self._read: set = set()  # the keys some plan reads
        self._labels: dict = {}  # key -> its normalised label
        self._read_labels: dict = {}  # key -> whether a plan may read it
        self._shapes: dict[tuple, _Plan] = {}  # plans by the keys they may read
        self.display_example = ""  # a value that shows the file holds display values
        self.snapshot_numbers: set[str] = set()  # incidents written as several snapshots
        self.snapshots = 0  # snapshots dropped for a later one
        # (column read as the number, another that could hold it) -> [records, records where
        # both are filled and differ, records where only the other is filled]
        self.number_columns: dict[tuple, list[int]] = {}
        # the earlier file -> [its records this file's replaced, this file's records left out],
        # for numbers both hold as other incidents' (tqrs.ingest.duplicates, rule 5)
        self.repeated: dict[str, list[int]] = {}
        # records read and imported since the last finish(): counted here, not on the pydantic
        # SourceFile, whose every attribute write is validated (a microsecond per record)
        self.counted = self.kept = 0
        self._clear()

    def finish(self) -> None:
        """Bring the file's record and import counts up to date."""
        self.source.records += self.counted
        self.source.imported += self.kept
        self.counted = self.kept = 0

    def _clear(self) -> None:
        """Empty the columns in place: the cached plans hold references to them."""
        if not hasattr(self, "cols"):
            # the raw records are kept apart (self.raws), joined into one buffer by `take`
            self.cols: dict[str, list] = {name: [] for name in INSERT_COLUMNS if name != "raw"}
        for values in self.cols.values():
            values.clear()
        self.raws: list[bytes] = []

    def __len__(self) -> int:
        return len(self.raws)

    def _plan(self, rec: dict) -> _Plan:
        """The plan for this record's keys, cached by their exact sequence: records of one
        export nearly always share it, and a record that lacks a key or has another must not
        be read with another record's plan. Records whose key sets differ only in columns
        that are not read (exports that omit empty fields) share one plan."""
        keys = tuple(rec)
        plan = self._last
        if plan is None or plan.keys != keys:
            plan = self._plans.get(keys)
            if plan is None:
                if len(self._plans) >= _MAX_PLANS:
                    self._plans.clear()
                self._keys.update(dict.fromkeys(keys))
                read = tuple(k for k in keys if self._may_be_read(k))
                shape = self._shapes.get(read)
                if shape is None:
                    shape = self._shapes[read] = self._make_plan(read)
                plan = self._plans[keys] = shape._replace(keys=keys)
            self._last = plan
        return plan

    def _may_be_read(self, key) -> bool:
        known = self._read_labels.get(key)
        if known is None:
            label = self._labels.get(key)
            if label is None:
                label = self._labels[key] = normalize_label(str(key))
            known = self._read_labels[key] = may_be_read(label, self.mapping)
        return known

    def _make_plan(self, keys: tuple) -> _Plan:
        mapping = map_columns(keys, self.mapping, self._labels)
        number_keys = candidates(keys, "number", self.mapping)  # the first is `number`
        for name, key in mapping.items():
            self.columns.setdefault(name, key)
        self._read.update(mapping.values())
        both = next(
            (k for n, k in mapping.items() if n in _JOURNALS and self._labels[k] in BOTH_JOURNALS),
            None,
        )
        present = []
        for n in FIELDS:
            if n in mapping:
                kind = FIELDS[n][0]
                if kind is REF and self.typed_cells:
                    kind = _REF_TEXT
                memo = None if kind in (TEXT, REF, TIME) else {}
                # a journal read from the column of both: its part, under a key of its own
                key = (_PART, n) if mapping[n] == both else mapping[n]
                present.append((n, key, kind, self.cols[n], memo))
        names = [p[0] for p in present]
        where = tuple(
            names.index(n) if n in names else None
            for n in ("number", "updated_at", "opened_at", "work_notes", "comments")
        )
        return _Plan(
            keys,
            present,
            [self.cols[n] for n in FIELDS if n not in mapping],
            where,
            mod_count_key(keys, self._labels),
            tuple((number_keys[0], other) for other in number_keys[1:]),
            both,
        )

    def unmapped(self) -> list[str]:
        """The columns no record was read from, in order of appearance."""
        return [str(k) for k in self._keys if k not in self._read]

    def add(self, position: int, rec, raw: bytes, line: int | None) -> None:
        """Type one record and append it, or record why it was not imported."""
        src = self.source
        self.counted += 1
        if type(rec) is not dict:
            kind = json_kind(rec)
            self._issue(
                position, line, "", "", f"the record is a {kind}, not an object", "rejected"
            )
            return
        sys_id = rec.get("sys_id", "")
        if type(sys_id) is not str:
            sys_id = sys_id.get("value", "") if isinstance(sys_id, dict) else ""
        placeholders, short, longest = PLACEHOLDERS, PLACEHOLDER_MAX_LEN, MAX_ANALYSIS_CHARS
        if len(sys_id) <= short and sys_id in placeholders:
            sys_id = ""
        warnings: list[str] = []
        truncated: list[str] = []
        _, present, absent, where, mod_key, other_numbers, both = self._plan(rec)
        if other_numbers:
            self._compare_numbers(rec, other_numbers)
        if both is not None:
            rec = {**rec, **_journal_parts(rec[both])}
        i_number, i_updated, i_opened, i_notes, i_comments = where
        hours = self._hours
        values = []
        append = values.append
        try:
            for name, key, kind, _, memo in present:
                v = rec[key]
                if type(v) is str:  # the fast paths: what nearly every value is
                    if kind is TEXT or kind is REF:
                        n = len(v)
                        if n > short:
                            if n <= longest:
                                append(v)
                                continue
                        elif v not in placeholders:
                            append(v)
                            continue
                    elif kind is TIME:
                        # "YYYY-MM-DD HH:MM:SS" as raw exports write it; the date and hour
                        # are checked through a memo (DuckDB would quietly null 2024-02-30)
                        if len(v) == 19 and v[10] == " " and v[4] == "-":
                            ok = hours.get(v[:13])
                            if ok is None:
                                ok = hours[v[:13]] = valid_iso_hour(v[:13])
                            if ok and v[13] == v[16] == ":" and v[14] < "6" > v[17]:
                                append(v)
                                continue
                    elif memo is not None:
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
        if number in placeholders:
            number = ""
        if not number:
            self._issue(position, line, "", sys_id, "the record has no number", "rejected")
            return
        values[i_number] = number
        # a dup.Seen's fields as a plain tuple: this runs for every record, and only a number
        # met again needs them by name
        seen = (
            self.session.next_seq,
            src.position,
            position,
            sys_id,
            hash(raw),  # only compared within this process, to find exact copies
            (values[i_updated] or "") if i_updated is not None else "",
            (values[i_opened] or "") if i_opened is not None else "",
            rec[mod_key] if mod_key else None,
            bool(self.display_example),
            len(values) - values.count(None) - values.count(""),
        )
        session = self.session
        if number in session.by_number:
            session.touch(number)
            stored, imported = self._keep(dup.Seen._make(seen), number, line)
            if not stored:
                return
        else:
            session.undo_log.append((number, None))  # touch(), inlined: every record comes here
            session.by_number[number] = [seen]
            imported = True
        self.session.next_seq += 1
        for entry, v in zip(present, values, strict=True):
            entry[3].append(v)
        for col in absent:
            col.append(None)
        cols = self.cols
        cols["seq"].append(seen[0])
        cols["file_position"].append(src.position)
        cols["record_position"].append(position)
        notes = values[i_notes] if i_notes is not None else None
        comments = values[i_comments] if i_comments is not None else None
        cols["work_note_count"].append(count_entries(notes) if notes else 0)
        cols["comment_count"].append(count_entries(comments) if comments else 0)
        cols["truncated"].append(truncated)
        cols["notes"].append(warnings)
        self.raws.append(raw)
        if imported:
            self.kept += 1
        for w in warnings:
            self._issue(position, line, number, sys_id, w, "warning")

    def _value(self, name: str, kind: str, v, warnings: list[str], truncated: list[str]):
        if type(v) is not str:
            v = self._as_text(name, kind, v, warnings)
            if v is None:
                return None
        if not v or (len(v) <= PLACEHOLDER_MAX_LEN + 4 and v.strip() in PLACEHOLDERS):
            return None if kind in _INT_KINDS or kind is TIME else ""
        if kind is _REF_TEXT:
            kind = REF
            if v[0] == "{" and v[-1] == "}" and len(v) <= _MAX_DICT_TEXT:
                parsed = _dict_text(v)
                if parsed is not None:
                    return self._value(name, REF, parsed, warnings, truncated)
        if kind is TEXT or kind is REF:
            if len(v) > MAX_ANALYSIS_CHARS:
                warnings.append(
                    f"{name} is {len(v):,} characters; analysed as its first "
                    f"{MAX_ANALYSIS_CHARS:,} (kept whole in the raw record)"
                )
                truncated.append(name)
                return v[:MAX_ANALYSIS_CHARS]
            return v
        if kind is TIME:
            order = self.date_orders.get(name) or self.date_orders.get(FILE_ORDER)
            ts, problem = read_timestamp(v, order or None)
            if problem:
                left = "" if ts else "; left empty"
                warnings.append(f"{name} {v[:40]!r} {problem}{left}")
            if ts and v.lstrip()[4:5] != "-":  # not ISO: the exporting user's format
                self._saw_display(name, v)
            return ts
        if kind is STATE:
            text = v.strip()
            if text not in STATE_BY_CODE:
                self._saw_display(name, v)
            return parse_state(v)
        if kind is CONTACT:
            return parse_contact_type(v)
        if kind is COUNT:
            parsed = parse_count(v)
        else:
            parsed = parse_level(v) if kind is LEVEL else parse_priority(v)
            if parsed is not None and not v.strip().isdigit():
                self._saw_display(name, v)
        if parsed is None:
            digits = v.strip().lstrip("+").replace(",", "")
            if digits.isascii() and digits.isdigit() and int(digits) > INT_MAX:
                warnings.append(f"{name} {v[:40]!r} is out of range (over {INT_MAX:,}); left empty")
            else:
                what = "a whole number" if kind is COUNT else "a number"
                warnings.append(f"{name} {v[:40]!r} is not {what}; left empty")
        return parsed

    def _saw_display(self, name: str, v: str) -> None:
        if not self.display_example:
            self.display_example = f"{name} {v[:40]!r}"

    def _as_text(self, name: str, kind: str, v, warnings: list[str]) -> str | None:
        """A non-string value as text, with a warning where an export should have had text."""
        if v is None:
            if not self.typed_cells:
                warnings.append(f"{name} is null; treated as empty")
            return ""
        if isinstance(v, dict) and v.keys() <= _DISPLAY_KEYS:
            shown = v.get("display_value")
            if isinstance(shown, str) and shown:
                self._saw_display(name, shown)
                if kind not in (STATE, PRIORITY, LEVEL):
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

    def _keep(self, new: dup.Seen, number: str, line) -> tuple[bool, bool]:
        """Decide on a record whose number was seen before (tqrs.ingest.duplicates): (store it
        as a row, count it as imported). A record merged into an earlier one is stored until
        the merge at the end of the ingest."""
        session = self.session
        earlier = session.by_number[number] = [dup.Seen._make(s) for s in session.by_number[number]]
        verdict = dup.decide(earlier, new)
        seen = verdict.seen
        where = self._where(seen)

        def say(message: str, outcome: str) -> None:
            self._issue(new.position, line, number, new.sys_id, message, outcome)

        if verdict.action == dup.COPY:
            say(f"exact copy of {where}; merged", "merged")
            return False, False
        if verdict.action == dup.MERGE:
            basis = "sys_id" if verdict.why == dup.SAME_SYS_ID else "number and opened time"
            say(
                f"the same incident as {where} (same {basis}): merged into one ticket, "
                "each field taking the richer value (see the ticket's notes)",
                "merged",
            )
            session.merges.append((seen.seq, new.seq, self.source.position, new.position))
            return True, False
        if verdict.why == dup.SAME_NUMBER:
            other = where.split(" of ", 1)[1]
            self.repeated.setdefault(other, [0, 0])[verdict.action == dup.KEEP_OLD] += 1
        if verdict.action == dup.KEEP_NEW:
            session.superseded_seqs.append(seen.seq)
            earlier[earlier.index(seen)] = new
            self._count_superseded(seen.file_position)
            if verdict.why == dup.SNAPSHOT:
                self.snapshot_numbers.add(number)
                self.snapshots += 1
            elif verdict.why == dup.SAME_NUMBER:
                say(
                    f"number already read from {where}, with another opened time: one "
                    f"incident, counted once; kept this record ({_basis(seen, new)}), {where} dropped",
                    "warning",
                )
            else:
                say(
                    f"same sys_id as {where} with other content; kept this later-updated version",
                    "warning",
                )
            return True, True
        if verdict.action == dup.KEEP_OLD:
            if verdict.why == dup.SNAPSHOT:
                self.snapshot_numbers.add(number)
                self.snapshots += 1
                self.source.superseded += 1
            elif verdict.why == dup.SAME_NUMBER:
                say(
                    f"number already read from {where}, with another opened time: one "
                    f"incident, counted once; kept {where} ({_basis(seen, new, kept_old=True)}), "
                    "this record dropped",
                    "superseded",
                )
            else:
                say(
                    f"same sys_id as {where} with other content; kept {where}, updated later",
                    "superseded",
                )
            return False, False
        say(f"number also used by {where} with other content; both kept", "warning")
        earlier.append(new)
        return True, True

    def _where(self, seen: dup.Seen) -> str:
        if seen.file_position == self.source.position:
            return f"record {seen.position}"
        name = next((f.name for f in self.session.files if f.position == seen.file_position), "")
        return f"record {seen.position} of {name}"

    def _count_superseded(self, file_position: int) -> None:
        for f in [*self.session.files, self.source]:
            if f.position == file_position:
                f.imported -= 1
                f.superseded += 1
                return

    def _compare_numbers(self, rec: dict, pairs: tuple) -> None:
        """Count the records whose number column and another that could hold the number
        hold different values, and those where only the other holds one (a placeholder such as
        `N/A` is empty, as everywhere)."""
        for pair in pairs:
            read, other = (_cell_text(rec.get(k)) for k in pair)
            counts = self.number_columns.setdefault(pair, [0, 0, 0])
            counts[0] += 1
            counts[1] += bool(read and other and read != other)
            counts[2] += bool(other and not read)

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


def _journal_parts(value) -> dict:
    """A column of both journals' value as each journal's part, keyed as the plan reads them;
    a value that is not text (null, a number) is each journal's as it is."""
    if isinstance(value, dict) and value.keys() <= _DISPLAY_KEYS:
        value = value.get("display_value") or value.get("value") or ""
    if not isinstance(value, str):
        return {(_PART, n): value for n in _JOURNALS}
    return {(_PART, n): part for n, part in split_by_kind(value).items()}


def _dict_text(text: str) -> dict | None:
    """A reference written as dict text, `{'link': ..., 'value': ...}` (Python's repr, as pandas
    writes a Table API response to CSV) or JSON; None for anything else."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            return None
    if isinstance(value, dict) and value and value.keys() <= _DISPLAY_KEYS:
        return value
    return None


def _cell_text(value) -> str:
    """A cell as the text compared between two number columns."""
    text = "" if value is None else str(value).strip()
    return "" if text in PLACEHOLDERS else text


def _basis(seen: dup.Seen, new: dup.Seen, kept_old: bool = False) -> str:
    """Why one of two records of a number was kept (tqrs.ingest.duplicates, rule 5)."""
    if seen.filled != new.filled:
        kept, other = (seen, new) if kept_old else (new, seen)
        return f"more fields filled: {kept.filled} against {other.filled}"
    if seen.updated and new.updated and seen.updated != new.updated:
        return "updated later"
    return "the earlier file's"
