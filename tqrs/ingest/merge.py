"""Two records of one incident (from two files of a session) made one ticket: each field takes
the richer of the two values, and the ticket's notes say which came from where."""

import re

from tqrs.fields import FIELDS, REF, TEXT
from tqrs.journal import count_entries

SYS_ID = re.compile(r"[0-9a-f]{32}")


def is_sys_id(value) -> bool:
    return isinstance(value, str) and SYS_ID.fullmatch(value) is not None


def richer(kept, other, kind: str) -> bool:
    """Whether `other` is richer than `kept`: a value beats an empty one; for references a name
    beats a sys_id; for free text the longer text wins. Otherwise the kept value stays."""
    if other is None or other == "":
        return False
    if kept is None or kept == "":
        return True
    if kind == REF:
        return is_sys_id(kept) and not is_sys_id(other)
    if kind == TEXT:
        return len(str(other).strip()) > len(str(kept).strip())
    return False


def merge_fields(kept: dict, other: dict) -> tuple[dict, list[str]]:
    """(the fields of `kept` to change, their names). Both map field names to typed values;
    journal entry counts follow the journals."""
    changes = {
        name: other[name]
        for name, (kind, _, _) in FIELDS.items()
        if name not in ("number", "sys_id") and richer(kept.get(name), other.get(name), kind)
    }
    taken = list(changes)
    if "work_notes" in changes:
        changes["work_note_count"] = count_entries(changes["work_notes"])
    if "comments" in changes:
        changes["comment_count"] = count_entries(changes["comments"])
    return changes, taken
