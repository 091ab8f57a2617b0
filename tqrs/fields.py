"""The ServiceNow incident fields TQRS evaluates, the names exports give them, and how each
value is made typed. Raw exports hold codes (state "7", sys_ids); display-value exports hold
labels ("Closed", "3 - Low"); both end as the same typed values here."""

import re
from datetime import datetime

# Longest text analysed per field; longer values are kept whole in the raw record.
MAX_ANALYSIS_CHARS = 32_000

TEXT, REF, STATE, PRIORITY, LEVEL, CONTACT, COUNT, TIME = (
    "text",
    "ref",
    "state",
    "priority",
    "level",
    "contact",
    "count",
    "time",
)

# name: (kind, SQL type, aliases in order of preference; raw field names and column labels)
FIELDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "number": (TEXT, "VARCHAR", ("number", "incident number", "incident")),
    "sys_id": (TEXT, "VARCHAR", ("sys_id", "sys id")),
    "short_description": (TEXT, "VARCHAR", ("short_description", "short description")),
    "description": (TEXT, "VARCHAR", ("description",)),
    "caller": (REF, "VARCHAR", ("caller_id", "caller", "caller id")),
    "opened_by": (REF, "VARCHAR", ("opened_by", "opened by")),
    "company": (REF, "VARCHAR", ("company",)),
    "location": (REF, "VARCHAR", ("location",)),
    "contact_type": (CONTACT, "VARCHAR", ("contact_type", "contact type", "channel")),
    "state": (STATE, "VARCHAR", ("state", "incident_state", "incident state", "status")),
    "priority": (PRIORITY, "INTEGER", ("priority",)),
    "impact": (LEVEL, "INTEGER", ("impact",)),
    "urgency": (LEVEL, "INTEGER", ("urgency",)),
    "category": (TEXT, "VARCHAR", ("category",)),
    "subcategory": (TEXT, "VARCHAR", ("subcategory", "sub category")),
    "service": (REF, "VARCHAR", ("business_service", "service", "business service")),
    "service_offering": (REF, "VARCHAR", ("service_offering", "service offering")),
    "cmdb_ci": (REF, "VARCHAR", ("cmdb_ci", "configuration item", "ci")),
    "assignment_group": (REF, "VARCHAR", ("assignment_group", "assignment group")),
    "assigned_to": (REF, "VARCHAR", ("assigned_to", "assigned to")),
    "opened_at": (TIME, "TIMESTAMP", ("opened_at", "opened", "opened at")),
    "resolved_at": (TIME, "TIMESTAMP", ("resolved_at", "resolved", "resolved at")),
    "closed_at": (TIME, "TIMESTAMP", ("closed_at", "closed", "closed at")),
    "updated_at": (TIME, "TIMESTAMP", ("sys_updated_on", "updated")),
    "close_code": (TEXT, "VARCHAR", ("close_code", "resolution code", "close code")),
    "close_notes": (TEXT, "VARCHAR", ("close_notes", "resolution notes", "close notes")),
    "work_notes": (TEXT, "VARCHAR", ("work_notes", "work notes")),
    "comments": (TEXT, "VARCHAR", ("comments", "additional comments")),
    "reassignment_count": (COUNT, "INTEGER", ("reassignment_count", "reassignment count")),
    "reopen_count": (COUNT, "INTEGER", ("reopen_count", "reopen count")),
}
FIELD_NAMES = tuple(FIELDS)

# Fields the default rubrics read; the profile reports tickets missing any of them.
RUBRIC_FIELDS = (
    "short_description",
    "description",
    "caller",
    "contact_type",
    "category",
    "subcategory",
    "service",
    "cmdb_ci",
    "assigned_to",
    "close_code",
    "close_notes",
)

STATE_BY_CODE = {
    "1": "New",
    "2": "In Progress",
    "3": "On Hold",
    "6": "Resolved",
    "7": "Closed",
    "8": "Canceled",
}
_STATE_BY_LABEL = {label.lower(): label for label in STATE_BY_CODE.values()} | {
    "cancelled": "Canceled",
    "in progress": "In Progress",
    "work in progress": "In Progress",
    "on hold": "On Hold",
    "awaiting user info": "On Hold",
}
_PRIORITY_BY_NAME = {"critical": 1, "high": 2, "moderate": 3, "medium": 3, "low": 4, "planning": 5}
_LEVEL_BY_NAME = {"high": 1, "medium": 2, "moderate": 2, "low": 3}
_LEADING_INT = re.compile(r"\s*(\d+)")


def normalize_label(label: str) -> str:
    """A column label or field name reduced for matching: "Short_Description " -> "short description"."""
    return re.sub(r"[^a-z0-9]+", " ", label.strip().lower()).strip()


# normalised alias -> (field, rank); a lower rank is preferred when an export has several.
_ALIASES: dict[str, tuple[str, int]] = {}
for _name, (_, _, _aliases) in FIELDS.items():
    for _rank, _alias in enumerate(_aliases):
        _ALIASES.setdefault(normalize_label(_alias), (_name, _rank))


def map_columns(keys) -> dict[str, str]:
    """Field name -> source key, for the keys of one export (the preferred alias wins)."""
    best: dict[str, tuple[int, str]] = {}
    for key in keys:
        hit = _ALIASES.get(normalize_label(str(key)))
        if hit and (hit[0] not in best or hit[1] < best[hit[0]][0]):
            best[hit[0]] = (hit[1], key)
    return {name: key for name, (_, key) in best.items()}


def parse_state(text: str) -> str:
    text = text.strip()
    if text in STATE_BY_CODE:
        return STATE_BY_CODE[text]
    return _STATE_BY_LABEL.get(text.lower(), text)


def parse_priority(text: str, names=_PRIORITY_BY_NAME) -> int | None:
    """ "3 - Moderate", "3", "Moderate" -> 3; None when it names no priority."""
    m = _LEADING_INT.match(text)
    if m:
        return int(m.group(1))
    return names.get(text.strip().lower())


def parse_level(text: str) -> int | None:
    """Impact or urgency: "1 - High", "1", "High" -> 1."""
    return parse_priority(text, _LEVEL_BY_NAME)


def parse_contact_type(text: str) -> str:
    """Display labels to ServiceNow's codes: "Self-service" -> "self-service", "Virtual Agent" -> "virtual_agent"."""
    return re.sub(r"\s+", "_", text.strip().lower())


_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%b-%Y %H:%M:%S",
    "%d-%b-%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%d-%b-%Y",
)


def parse_timestamp(text: str) -> str | None:
    """A ServiceNow date as "YYYY-MM-DD HH:MM:SS", or None if it is not a date we know.

    Slashed dates are read month first (ServiceNow's default) unless the first number is
    over 12."""
    text = text.strip()
    if len(text) == 19 and text[4] == "-" and text[10] == " " and text[13] == ":":
        return text
    if text.endswith("Z") or "+" in text[10:]:
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            pass
    for fmt in _TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
    return None
