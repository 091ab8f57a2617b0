"""Journal fields (work notes, additional comments) as ServiceNow prints them: entries that
each start with a header line `2025-12-10 04:26:41 - Jane Doe (Work notes)`, newest first.

An XML unload and the Table API give the journal as `sys_journal_field` rows instead;
`add_journals` writes such rows into an incident record in that printed form."""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from tqrs.fields import parse_timestamp
from tqrs.lazy import cached_property
from tqrs.timestamps import DAY_FIRST, order_shown

# A header's time in the date formats ServiceNow offers its users: yyyy-MM-dd; dd/MM/yyyy or
# MM/dd/yyyy, also as dd-MM-yyyy, MM-dd-yyyy and dd.MM.yyyy (a real Australian NOC export
# prints "26-06-2023 02:38:12"); dd-MMM-yyyy.
_TIME = (
    r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?"
    r"|\d{1,2}(?P<sep>[/.-])\d{1,2}(?P=sep)\d{4} \d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?"
    r"|\d{1,2}-[A-Za-z]{3}-\d{4} \d{1,2}:\d{2}(?::\d{2})?"
)
# The kind printed in an entry's header -> the kind it is. Besides English, the labels of the
# work_notes and comments fields in ServiceNow's Portuguese (as real pt-BR exports print them:
# "05/06/2024 16:27:48 - Bruno Borges (Anotações de trabalho)"), Spanish, French and German
# language packs.
KIND_NAMES = {
    "Work notes": "Work notes",
    "Additional comments": "Additional comments",
    "Comments": "Additional comments",
    "Anotações de trabalho": "Work notes",
    "Comentários adicionais": "Additional comments",
    "Comentários": "Additional comments",
    "Notas de trabajo": "Work notes",
    "Comentarios adicionales": "Additional comments",
    "Comentarios": "Additional comments",
    "Notes de travail": "Work notes",
    "Commentaires supplémentaires": "Additional comments",
    "Commentaires": "Additional comments",
    "Arbeitsnotizen": "Work notes",
    "Zusätzliche Kommentare": "Additional comments",
    "Kommentare": "Additional comments",
}
_KIND_BY_LOWER = {printed.lower(): kind for printed, kind in KIND_NAMES.items()}
# Headers in a translated kind come from an instance in a language whose countries write the
# day first: their numeric dates are read so when the journal's own dates do not say.
_TRANSLATED = {printed.lower() for printed in KIND_NAMES} - {
    "work notes",
    "additional comments",
    "comments",
}
_KINDS = "|".join(re.escape(k) for k in sorted(KIND_NAMES, key=len, reverse=True))
_KIND = rf"\((?P<kind>(?i:{_KINDS}))\)"
# The author holds a parenthesis ("Ines(HyeonJin) Im") only in a header whose kind ends the
# line: a line of text that starts with a time ("2024-06-04 21:55:10 - agent (pid 42)") stays
# text.
_AUTHOR = rf"(?P<author>(?:[^\n(]|\((?=[^\n]*\((?i:{_KINDS})\)[ \t]*$))*?)"
HEADER = re.compile(rf"^(?P<time>{_TIME})\s+-\s+{_AUTHOR}\s*(?:{_KIND})?[ \t]*$", re.M)


# sys_journal_field.element -> the kind ServiceNow prints in an entry's header
JOURNAL_KINDS = {"work_notes": "Work notes", "comments": "Additional comments"}
_FIELD_OF_KIND = {kind: element for element, kind in JOURNAL_KINDS.items()}


def split_by_kind(text: str) -> dict[str, str]:
    """A journal of both kinds (ServiceNow's list field "Comments and Work notes") as the
    journals it holds: work_notes and comments, each its entries as printed, in their order.
    Only a header that names a kind starts an entry: a log line inside one ("2024-06-04
    21:55:10 - ERROR - agent : refused") stays in it. Text before the first header, which no
    header says the kind of, goes with the work notes (internal, as an unknown note is)."""
    heads = [m for m in HEADER.finditer(text) if m["kind"] and kind_named(m["kind"])]
    parts: dict[str, list[str]] = {"work_notes": [], "comments": []}
    preamble = text[: heads[0].start() if heads else len(text)].strip()
    if preamble:
        parts["work_notes"].append(preamble)
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        parts[_FIELD_OF_KIND[kind_named(m["kind"])]].append(text[m.start() : end].strip())
    return {field: "\n\n".join(entries) for field, entries in parts.items()}


def add_journals(rec: dict, entries: list[dict]) -> None:
    """Write journal rows (dicts with element, value, sys_created_on, sys_created_by; newest
    first) into `rec` as its work_notes and comments text, in ServiceNow's printed form."""
    texts: dict[str, list[str]] = {}
    for e in entries:
        kind = JOURNAL_KINDS[e["element"]]
        head = f"{e['sys_created_on']} - {e['sys_created_by']} ({kind})"
        value = e["value"].strip()
        texts.setdefault(e["element"], []).append(f"{head}\n{value}" if value else head)
    for field, parts in texts.items():
        rec[field] = "\n\n".join(parts)


@dataclass(frozen=True)
class JournalEntry:
    written: str | None  # the header's time as written (None: an entry without a header)
    author: str
    kind: str
    text: str
    order: str | None = None  # how the journal's numeric dates read (DAY_FIRST, MONTH_FIRST)

    @cached_property
    def time(self) -> str | None:
        """When the entry was written, as "YYYY-MM-DD HH:MM:SS" (None: no header, or not a
        date); read when first asked, since most readers of a journal want only its text."""
        return parse_timestamp(self.written, self.order) if self.written is not None else None


def parse_journal(text: str, default_kind: str = "") -> list[JournalEntry]:
    """The entries of a journal field; text without any header is one entry."""
    if not text or not text.strip():
        return []
    heads = list(HEADER.finditer(text))
    if not heads:
        return [JournalEntry(None, "", default_kind, text.strip())]
    entries = []
    preamble = text[: heads[0].start()].strip()
    if preamble:
        entries.append(JournalEntry(None, "", default_kind, preamble))
    order = _date_order(heads)
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        entries.append(
            JournalEntry(
                m["time"],
                m["author"].strip(),
                kind_named(m["kind"]) if m["kind"] else default_kind,
                text[m.end() : end].strip(),
                order,
            )
        )
    return entries


def kind_named(printed: str) -> str | None:
    """The kind a header's printed kind names ("Anotações de trabalho" -> "Work notes"), or
    None when it names none."""
    return _KIND_BY_LOWER.get(printed.strip().lower())


def _date_order(heads: list[re.Match]) -> str | None:
    """How the numeric dates of one journal's headers read: as one of them shows (a first
    number over 12 says day first, a second one month first), else day first when the
    headers print a translated kind, else None (each date read as tqrs.timestamps does)."""
    if shown := order_shown(m["time"] for m in heads):
        return shown
    if any(m["kind"] and m["kind"].lower() in _TRANSLATED for m in heads):
        return DAY_FIRST
    return None


def count_entries(text: str) -> int:
    """How many entries a journal field holds (0 for empty)."""
    if not text or not text.strip():
        return 0
    n = len(HEADER.findall(text))
    if n == 0:
        return 1
    return n + (1 if text[: HEADER.search(text).start()].strip() else 0)


@functools.lru_cache(maxsize=4096)
def name_key(name: str) -> frozenset[str]:
    """A person's name as a set of lower-case parts, to tell whose a journal entry is:
    "Doe, Jane", "jane.doe" and "Jane Doe" are the same person."""
    return frozenset(re.findall(r"[a-z]+", name.lower()))


def by_caller(ticket, comments: list[JournalEntry]) -> Callable[[JournalEntry], bool]:
    """Whether a journal entry of `ticket` (a tqrs.models.Ticket, its typed fields; its
    additional comments as parsed, `comments`) is the caller's text.

    An entry is the caller's when its author is the caller by name (parts in any order). A
    comment written when the ticket was opened (its time, to the minute, `opened_at`) is
    the text the ticket was logged with, the report, whoever typed it; when the caller
    opened the ticket (`opened_by` names the caller), its author is the caller's account,
    and every comment of that account is the caller's: exports that print a journal's
    author as a user name (an XML unload's "employee") name the caller by display name
    only ("Joe Employee"). A work note is the desk's whenever written."""
    caller = name_key(ticket.caller)
    names = {caller} if caller else set()
    opened = ticket.opened_at.strftime("%Y-%m-%d %H:%M") if ticket.opened_at else None

    def logged(entry: JournalEntry) -> bool:
        return bool(
            opened
            and entry.kind == JOURNAL_KINDS["comments"]
            and entry.time
            and entry.time[:16] == opened
        )

    if caller and name_key(ticket.opened_by) == caller:
        names |= {name_key(e.author) for e in comments if logged(e)}
    names.discard(frozenset())
    return lambda entry: logged(entry) or bool(entry.author and name_key(entry.author) in names)
