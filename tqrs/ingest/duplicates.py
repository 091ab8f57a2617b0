"""One rule for records that share a number, within a file and across the files of a session.

In order:
1. The same bytes again: an exact copy, merged.
2. The same sys_id: one record; the later-updated version is kept. Across files with the same
   (or no) update time (one version exported twice), the two are merged field by field.
3. Within one file, without two different sys_ids: rows with a rising update count
   (sys_mod_count) or update time and the same opened time are snapshots of one incident, as an
   event log writes one row per update: the latest is kept.
4. Across files, without two different sys_ids: the same opened time means the same incident
   exported twice (a JSON and a CSV of one export, a PDF of a ticket that is also in the export):
   one ticket, fields merged, the richer value of each winning.
A display-value export writes its times in the exporting user's zone, so against a raw (UTC)
export a shift by whole quarter hours, up to 14 hours, still counts as the same time (for the
opened and the update time alike).
5. Across files, with another opened time and no two different sys_ids to tell them apart: the
   same number is the same incident to the desk (two exports of another day, or of another copy
   of the instance), and scoring it twice would count it twice in pass rates and agent
   profiles: one is kept, the one with more fields filled (a full JSON export beside a list
   CSV of a few columns: the one that can be scored, whichever file came first), else the
   later-updated when both carry an update time, else the earlier file's; the other is dropped,
   and the file's notice names both files and the count.
6. Otherwise (within one file, or two different sys_ids) both are kept (the profile lists such
   numbers)."""

from datetime import datetime
from typing import NamedTuple

KEEP_BOTH, COPY, KEEP_NEW, KEEP_OLD, MERGE = "both", "copy", "keep new", "keep old", "merge"
SNAPSHOT, SAME_SYS_ID, SAME_OPENED = "snapshot", "same sys_id", "same opened time"
SAME_NUMBER = "same number"


class Seen(NamedTuple):
    """What is remembered of a kept record to compare later records with."""

    seq: int
    file_position: int
    position: int
    sys_id: str
    raw_hash: int
    updated: str  # "YYYY-MM-DD HH:MM:SS" or ""
    opened: str
    mod_count: object  # sys_mod_count as exported (parsed only when compared)
    display_values: bool  # its file holds display values (times in the exporter's zone)
    filled: int  # how many of its fields hold a value


class Verdict(NamedTuple):
    action: str  # KEEP_BOTH, COPY, KEEP_NEW (the earlier one is superseded), KEEP_OLD, MERGE
    seen: Seen
    why: str = ""  # SNAPSHOT, SAME_SYS_ID, SAME_OPENED or SAME_NUMBER


def decide(earlier: list[Seen], new: Seen) -> Verdict:
    """What to do with `new`, given the kept records with its number (first kept first)."""
    for seen in earlier:
        if seen.raw_hash == new.raw_hash:
            return Verdict(COPY, seen)
    for seen in earlier:
        other_file = seen.file_position != new.file_position
        zones_may_differ = seen.display_values != new.display_values
        if seen.sys_id and new.sys_id:
            if seen.sys_id != new.sys_id:
                continue
            if other_file and (
                not seen.updated
                or not new.updated
                or _same_time(seen.updated, new.updated, zones_may_differ)
            ):
                return Verdict(MERGE, seen, SAME_SYS_ID)  # one version, exported twice
            newer = new.updated > seen.updated or not other_file and new.updated == seen.updated
            return Verdict(KEEP_NEW if newer else KEEP_OLD, seen, SAME_SYS_ID)
        if not other_file:
            newer = _newer(seen, new)
            if newer is not None and (
                not seen.opened or not new.opened or seen.opened == new.opened
            ):
                return Verdict(KEEP_NEW if newer else KEEP_OLD, seen, SNAPSHOT)
        elif _same_time(seen.opened, new.opened, zones_may_differ):
            return Verdict(MERGE, seen, SAME_OPENED)
    for seen in earlier:
        if seen.file_position != new.file_position and not (seen.sys_id and new.sys_id):
            if new.filled != seen.filled:
                newer = new.filled > seen.filled
            else:
                newer = bool(seen.updated and new.updated and new.updated > seen.updated)
            return Verdict(KEEP_NEW if newer else KEEP_OLD, seen, SAME_NUMBER)
    return Verdict(KEEP_BOTH, earlier[0])


def _newer(seen: Seen, new: Seen) -> bool | None:
    """Whether `new` is the later snapshot; None when nothing orders the two."""
    old_count, new_count = parse_mod_count(seen.mod_count), parse_mod_count(new.mod_count)
    if old_count is not None and new_count is not None and old_count != new_count:
        return new_count > old_count
    if seen.updated and new.updated and seen.updated != new.updated:
        return new.updated > seen.updated
    return None


def _same_time(a: str, b: str, zones_may_differ: bool) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    if not zones_may_differ:
        return False
    gap = abs((datetime.fromisoformat(a) - datetime.fromisoformat(b)).total_seconds())
    return gap <= 14 * 3600 and gap % 900 == 0


def parse_mod_count(value) -> int | None:
    """sys_mod_count as exported ("12", 12, {"value": "12"}), or None."""
    if isinstance(value, dict):
        value = value.get("value", value.get("display_value"))
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None
    return None
