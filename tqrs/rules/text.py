"""Text helpers the rules and the offline judge share: quoting evidence, finding phrases that
are not negated, and the ticket's text fields."""

import re
from collections.abc import Iterator

from tqrs.journal import HEADER
from tqrs.models import Ticket

QUOTE_CHARS = 160
_NEGATION = re.compile(r"\b(not|no|never|unable|cannot|can't|couldn't|could not|without|"
                       r"failed to|didn't|did not|wasn't|was not|pending)\b[^.;\n]{0,25}\Z", re.I)
_PLACEHOLDERS = {"", "none", "n/a", "na", "-", "--", "unknown", "tbd", "null", "?", "other:"}
_WORD = re.compile(r"[a-z0-9]+")


def is_blank(value: str | None) -> bool:
    """Empty or a placeholder such as N/A, none, unknown, TBD."""
    return (value or "").strip().lower() in _PLACEHOLDERS


def quote(text: str, start: int = 0, end: int | None = None, width: int = QUOTE_CHARS) -> str:
    """The sentence or line around text[start:end], trimmed to `width` characters."""
    if not text:
        return ""
    end = start if end is None else end
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1, 0)
    right_nl = text.find("\n", end)
    right = len(text) if right_nl < 0 else right_nl
    snippet = text[left:right].strip()
    if len(snippet) > width:
        offset = max(0, start - left - width // 3)
        snippet = ("…" if offset else "") + snippet[offset:offset + width].strip() + "…"
    return snippet


def iter_affirmed(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """Matches of `pattern` that are not negated just before them ("could not be validated",
    "not confirmed")."""
    for m in pattern.finditer(text):
        if not _NEGATION.search(text, max(0, m.start() - 40), m.start()):
            yield m


def find_affirmed(pattern: re.Pattern, text: str) -> re.Match | None:
    return next(iter_affirmed(pattern, text), None)


def strip_journal_headers(text: str) -> str:
    """Journal text without its `date - author (Work notes)` header lines."""
    return HEADER.sub("", text) if text else ""


def handling_text(ticket: Ticket) -> str:
    """What the analysts wrote while working the ticket, headers removed."""
    return "\n".join(t for t in (strip_journal_headers(ticket.work_notes),
                                 strip_journal_headers(ticket.comments),
                                 ticket.close_notes) if t)


def all_text(ticket: Ticket) -> str:
    return "\n".join(t for t in (ticket.short_description, ticket.description,
                                 handling_text(ticket)) if t)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def is_resolved(ticket: Ticket) -> bool:
    """Resolved, closed or canceled, or carrying a resolution time."""
    return (ticket.state in ("Resolved", "Closed", "Canceled")
            or ticket.resolved_at is not None or ticket.closed_at is not None)
