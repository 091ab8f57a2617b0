"""Redaction of personal data before a ticket leaves the machine.

Emails, phone numbers, employee IDs and people's names (the caller, opened-by and assignee
fields, and names in "Validated by" lines) become placeholders such as [EMAIL_1]. The mapping
stays in memory on this machine; `Redaction.restore` puts the originals back into the judge's
evidence and reasoning before an analyst sees them. Placeholders are numbered in order of first
appearance, so the same ticket always redacts to the same text (and hits the LLM cache)."""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from tqrs.models import Ticket

TEXT_FIELDS = (
    "short_description",
    "description",
    "work_notes",
    "comments",
    "close_notes",
    "caller",
    "opened_by",
    "assigned_to",
)
NAME_FIELDS = ("caller", "opened_by", "assigned_to")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\w/-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?"
    r"\d{2,4}(?:[\s.-]\d{2,4}){1,4}(?![\w/-])"
)
_EMPLOYEE_ID = re.compile(
    r"\b(?:EMP|EID|E)[-#]?\d{4,8}\b|\b(?:employee|emp)\s*(?:id|no|number|#)"
    r"\s*[:#]?\s*\d{3,10}\b",
    re.I,
)
# Case-insensitive label, capitalised words for the name: "validated by: Maria Lopez via MFA".
_VALIDATED_BY = re.compile(
    r"((?i:validated by)\s*[:\-]?\s*)"
    r"([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,3})"
)
_DIGITS = re.compile(r"\d\d")  # what an employee ID and a phone number both need
_PLACEHOLDER = re.compile(r"\[(?:EMAIL|PHONE|EMPLOYEE_ID|NAME)_\d+\]")


@dataclass
class Redaction:
    """placeholder -> original text, kept locally."""

    mapping: dict[str, str] = field(default_factory=dict)
    _by_value: dict[tuple[str, str], str] = field(default_factory=dict)

    def placeholder(self, kind: str, value: str) -> str:
        key = (kind, value.strip().lower())
        if key not in self._by_value:
            count = sum(1 for k, _ in self._by_value if k == kind) + 1
            token = f"[{kind}_{count}]"
            self._by_value[key] = token
            self.mapping[token] = value.strip()
        return self._by_value[key]

    def restore(self, text: str | None) -> str | None:
        """The text with every placeholder replaced by the original it stands for."""
        if not text:
            return text
        return _PLACEHOLDER.sub(lambda m: self.mapping.get(m.group(0), m.group(0)), text)


def redact_ticket(ticket: Ticket) -> tuple[Ticket, Redaction]:
    """A copy of the ticket with personal data replaced, and the mapping to restore it."""
    r = Redaction()
    names = [getattr(ticket, f).strip() for f in NAME_FIELDS if getattr(ticket, f).strip()]
    for f in TEXT_FIELDS:  # validated-by names first, so they are known when scanning fields
        for m in _VALIDATED_BY.finditer(getattr(ticket, f)):
            names.append(m.group(2))
    names = sorted(set(names), key=len, reverse=True)  # "Jane Doe" before "Jane"
    update = {f: redact_text(getattr(ticket, f), r, names) for f in TEXT_FIELDS}
    return ticket.model_copy(update=update), r


def redact_text(text: str, r: Redaction, names: list[str]) -> str:
    if not text:
        return text
    # Each pattern only where it can match (an @; a run of digits): the same result, without
    # running the patterns over every word of every field.
    if "@" in text:
        text = _EMAIL.sub(lambda m: r.placeholder("EMAIL", m.group(0)), text)
    if _DIGITS.search(text):
        text = _EMPLOYEE_ID.sub(lambda m: r.placeholder("EMPLOYEE_ID", m.group(0)), text)
        text = _PHONE.sub(lambda m: _phone(m.group(0), r), text)
    for name in names:
        text = _name_pattern(name).sub(lambda m: r.placeholder("NAME", m.group(0)), text)
    return text


@lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern:
    """The name as a whole word, any case; compiled once (the same agents and callers recur
    on thousands of tickets, and a cost estimate redacts every ticket of a session)."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.I)


def _phone(candidate: str, r: Redaction) -> str:
    digits = sum(ch.isdigit() for ch in candidate)
    # Dates, times and version numbers also look like digit groups: require 7-15 digits.
    if not 7 <= digits <= 15 or re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", candidate):
        return candidate
    return r.placeholder("PHONE", candidate)
