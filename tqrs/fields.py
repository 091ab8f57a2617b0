"""The ServiceNow incident fields TQRS evaluates, the names exports give them, and how each
value is made typed. Raw exports hold codes (state "7", sys_ids); display-value exports hold
labels ("Closed", "3 - Low"); both end as the same typed values here."""

import re

from tqrs.errors import InputError
from tqrs.timestamps import read_timestamp

# The ticket's free-text fields, written by people, with the labels ServiceNow's form gives
# them: what the ticket view shows and the judge reads under a label of its own, where secrets
# are looked for (tqrs.masking) and what redaction rewrites (tqrs.llm.redact.REDACTED_FIELDS).
FREE_TEXT_LABELS = {
    "short_description": "Short description",
    "description": "Description",
    "work_notes": "Work notes",
    "comments": "Additional comments",
    "close_notes": "Resolution notes",
}
FREE_TEXT_FIELDS = tuple(FREE_TEXT_LABELS)

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

# name: (kind, SQL type, aliases in order of preference: raw field names, the column labels of
# list exports, and the names other exports of real instances use); the first alias is the
# field's name in the Table API unless API_NAMES says otherwise
FIELDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "number": (
        TEXT,
        "VARCHAR",
        ("number", "incident number", "incident", "ticket number", "incident id"),
    ),
    "sys_id": (TEXT, "VARCHAR", ("sys_id", "sys id")),
    "short_description": (TEXT, "VARCHAR", ("short_description", "short description", "summary")),
    "description": (TEXT, "VARCHAR", ("description", "detailed description")),
    # "Caller" first: it is caller_id's label, so an export with both holds in "Caller ID" a
    # dot-walked user ID (a real Excel export: "Caller" "Aarthi Manickam", "Caller ID" "Q08825");
    # the Table API's name is caller_id (API_NAMES)
    "caller": (
        REF,
        "VARCHAR",
        ("caller", "caller_id", "caller id", "affected user", "affected end user", "caller name"),
    ),
    "opened_by": (REF, "VARCHAR", ("opened_by", "opened by")),
    "company": (REF, "VARCHAR", ("company",)),
    "location": (REF, "VARCHAR", ("location", "user location")),
    "contact_type": (CONTACT, "VARCHAR", ("contact_type", "contact type", "channel")),
    "state": (STATE, "VARCHAR", ("state", "incident_state", "incident state", "status")),
    "priority": (PRIORITY, "INTEGER", ("priority",)),
    "impact": (LEVEL, "INTEGER", ("impact",)),
    "urgency": (LEVEL, "INTEGER", ("urgency",)),
    "category": (TEXT, "VARCHAR", ("category",)),
    # a corporate instance's first level below the category ("Sub-Category L1", Hitachi Rail's
    # Excel export; "Subcategory 1", a consumer-goods desk's; the second level, L2 or 2, is not
    # the subcategory and stays unread)
    "subcategory": (
        TEXT,
        "VARCHAR",
        (
            "subcategory",
            "sub category",
            "sub category l1",
            "subcategory l1",
            "subcategory 1",
            "sub category 1",
        ),
    ),
    "service": (REF, "VARCHAR", ("business_service", "service", "business service")),
    "service_offering": (REF, "VARCHAR", ("service_offering", "service offering")),
    "cmdb_ci": (REF, "VARCHAR", ("cmdb_ci", "configuration item", "ci", "affected ci")),
    "assignment_group": (
        REF,
        "VARCHAR",
        ("assignment_group", "assignment group", "assigned group", "support group"),
    ),
    "assigned_to": (REF, "VARCHAR", ("assigned_to", "assigned to", "assignee")),
    # The creation time stands in when an export has no opened time.
    "opened_at": (
        TIME,
        "TIMESTAMP",
        (
            "opened_at",
            "opened",
            "opened at",
            "opened on",
            "sys_created_on",
            "created",
            "created on",
            "sys_created_at",
            "created at",
        ),
    ),
    "resolved_at": (TIME, "TIMESTAMP", ("resolved_at", "resolved", "resolved at", "resolved on")),
    "closed_at": (TIME, "TIMESTAMP", ("closed_at", "closed", "closed at", "closed on")),
    "updated_at": (
        TIME,
        "TIMESTAMP",
        (
            "sys_updated_on",
            "updated",
            "sys_updated_at",
            "last update",
            "last updated",
            "updated on",
            "updated at",
        ),
    ),
    # "Resolution category": the close code's label on a network operations desk's instance
    # (a real export: "Fault Cleared", "3rd Party", "No Action Taken"); last, so a column of
    # the usual labels wins
    "close_code": (
        TEXT,
        "VARCHAR",
        (
            "close_code",
            "resolution code",
            "close code",
            "closed_code",
            "closure code",
            "resolution category",
        ),
    ),
    "close_notes": (
        TEXT,
        "VARCHAR",
        # "Resolution Information": a corporate instance's label, the form section's name
        (
            "close_notes",
            "resolution notes",
            "close notes",
            "closure notes",
            "resolution information",
        ),
    ),
    "work_notes": (TEXT, "VARCHAR", ("work_notes", "work notes")),
    "comments": (TEXT, "VARCHAR", ("comments", "additional comments")),
    "reassignment_count": (COUNT, "INTEGER", ("reassignment_count", "reassignment count")),
    "reopen_count": (COUNT, "INTEGER", ("reopen_count", "reopen count")),
}
# The list labels of a Portuguese (pt-BR) instance: those of a real export ("Número", "Criado em",
# "Descrição resumida", "Atribuído a", "Usuário Impactado", "Anotações de trabalho"...) and
# the other fields' labels in the same language pack. normalize_label folds them as it does
# any label, so they are matched as written.
_PORTUGUESE = {
    "number": ("número", "número do incidente"),
    "short_description": ("descrição resumida",),
    "description": ("descrição",),
    "caller": ("chamador", "usuário impactado", "usuário afetado", "solicitante"),
    "opened_by": ("aberto por",),
    "company": ("empresa",),
    "location": ("local", "localização"),
    "contact_type": ("canal", "tipo de contato"),
    "state": ("estado", "estado do incidente"),
    "priority": ("prioridade",),
    "impact": ("impacto",),
    "urgency": ("urgência",),
    "category": ("categoria",),
    "subcategory": ("subcategoria",),
    "service": ("serviço", "serviço de negócios"),
    "service_offering": ("oferta de serviço",),
    "cmdb_ci": ("item de configuração",),
    "assignment_group": ("grupo de atribuição",),
    "assigned_to": ("atribuído a",),
    "opened_at": ("aberto", "aberto em", "criado", "criado em"),
    "resolved_at": ("resolvido", "resolvido em"),
    "closed_at": ("fechado", "fechado em", "encerrado", "encerrado em"),
    "updated_at": ("atualizado", "atualizado em"),
    "close_code": ("código de resolução", "código de encerramento"),
    "close_notes": ("anotações de resolução", "notas de resolução", "notas de encerramento"),
    "work_notes": ("anotações de trabalho",),
    "comments": ("comentários adicionais", "comentários"),
    "reassignment_count": ("contagem de reatribuições",),
    "reopen_count": ("contagem de reaberturas",),
}
for _name, _labels in _PORTUGUESE.items():
    _kind, _sql, _aliases = FIELDS[_name]
    FIELDS[_name] = (_kind, _sql, _aliases + _labels)

# Columns read to decide between records that share a number, not stored as fields: how many
# times the record was updated ("Updates" is the label of sys_mod_count).
MOD_COUNT_ALIASES = ("sys_mod_count", "updates", "mod count")
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
    # a Portuguese (pt-BR) instance's labels ("Em Andamento", "Em Espera" in a real export)
    "novo": "New",
    "em andamento": "In Progress",
    "em espera": "On Hold",
    "resolvido": "Resolved",
    "fechado": "Closed",
    "encerrado": "Closed",
    "cancelado": "Canceled",
}
# Values that mean "nothing here": what spreadsheets, pandas and event logs write for a
# missing value, and ServiceNow's empty choice.
PLACEHOLDERS = frozenset(
    {"?", "-", "--", "null", "NULL", "Null", "N/A", "n/a", "None", "nan", "NaN", "-- None --"}
)
PLACEHOLDER_MAX_LEN = max(map(len, PLACEHOLDERS))
INT_MAX = 2**31 - 1  # the INTEGER columns' range

_PRIORITY_BY_NAME = {"critical": 1, "high": 2, "moderate": 3, "medium": 3, "low": 4, "planning": 5}
_LEVEL_BY_NAME = {"high": 1, "medium": 2, "moderate": 2, "low": 3}
_LEADING_INT = re.compile(r"\s*(\d+)(?:\s*-\s*\S.*|\s*)", re.S)  # "3", "3 - Moderate"
# a priority some desks print with a P ("P2 - High", a real NOC export's choice labels)
_P_PRIORITY = re.compile(r"\s*[Pp](\d)(?:\s*-\s*\S.*|\s*)", re.S)
_COUNT = re.compile(r"\s*\+?(\d{1,3}(?:,\d{3})+|\d+)(?:\.0*)?\s*")  # "2", "1,024", "3.0"


# A field whose preferred alias is not its Table API name (the pull asks for these).
API_NAMES = {"caller": "caller_id"}


def api_name(name: str) -> str:
    """The Table API's name of a field of FIELDS."""
    return API_NAMES.get(name) or FIELDS[name][2][0]


def normalize_label(label: str) -> str:
    """A column label or field name reduced for matching: "Short_Description " -> "short description"."""
    return re.sub(r"[^a-z0-9]+", " ", label.strip().lower()).strip()


# normalised alias -> (field, rank); a lower rank is preferred when an export has several.
_ALIASES: dict[str, tuple[str, int]] = {}
for _name, (_, _, _aliases) in FIELDS.items():
    for _rank, _alias in enumerate(_aliases):
        _ALIASES.setdefault(normalize_label(_alias), (_name, _rank))


_MOD_COUNT = {normalize_label(a) for a in MOD_COUNT_ALIASES}

# ServiceNow's list field of both journals, "Comments and Work notes" (comments_and_work_notes):
# read as the work notes and the comments each entry's header names (tqrs.journal.
# split_by_kind), for the journal the export has no column of its own for.
BOTH_JOURNALS = frozenset(
    map(normalize_label, ("comments_and_work_notes", "comments and work notes"))
)


def map_columns(
    keys, overrides: dict[str, str] | None = None, labels: dict | None = None
) -> dict[str, str]:
    """Field name -> source key, for the keys of one export (the preferred alias wins; a
    journal without a column of its own is read from a column of both, BOTH_JOURNALS).

    Args:
        overrides: column label -> field name, from the user (`--map`, the Upload page's
            mapping step), matched by normalised label; they win over the aliases. A field
            name of "" leaves the column unread.
        labels: a dict the caller keeps to remember each key's normalised label (a file whose
            records carry many key sets maps many times).
    """
    best: dict[str, tuple[int, str]] = {}
    both = None  # the column of both journals
    for key in keys:
        label = labels.get(key) if labels is not None else None
        if label is None:
            label = normalize_label(str(key))
            if labels is not None:
                labels[key] = label
        hit = _field_of(label, overrides)
        if hit and (hit[0] not in best or hit[1] < best[hit[0]][0]):
            best[hit[0]] = (hit[1], key)
        elif both is None and label in BOTH_JOURNALS and not (overrides and label in overrides):
            both = key
    mapped = {name: key for name, (_, key) in best.items()}
    if both is not None:
        for name in ("work_notes", "comments"):
            mapped.setdefault(name, both)
    return mapped


def _field_of(label: str, overrides: dict[str, str] | None) -> tuple[str, int] | None:
    """(field, rank) a column of this normalised label may be read as: the user's mapping
    (rank -1), else its alias; None for a column no field reads."""
    if overrides and label in overrides:
        return (overrides[label], -1) if overrides[label] else None
    return _ALIASES.get(label)


def candidates(keys, field: str, overrides: dict[str, str] | None = None) -> list:
    """The keys that could be read as `field` (the one map_columns reads among them), in
    map_columns' order of preference: the user's mapping, then the aliases in FIELDS' order,
    then the leftmost column of equal names."""
    ranked = []
    for i, key in enumerate(keys):
        hit = _field_of(normalize_label(str(key)), overrides)
        if hit and hit[0] == field:
            ranked.append((hit[1], i, key))
    return [key for *_, key in sorted(ranked)]


def may_be_read(label: str, overrides: dict[str, str] | None = None) -> bool:
    """Whether a column with this normalised label can matter to map_columns or
    mod_count_key (a known alias, the update count, or a column the user mapped)."""
    return (
        label in _ALIASES
        or label in _MOD_COUNT
        or label in BOTH_JOURNALS
        or bool(overrides and label in overrides)
    )


def mod_count_key(keys, labels: dict | None = None) -> str | None:
    """The key of the update count (sys_mod_count) among an export's keys, if any (labels:
    as for map_columns)."""
    labels = labels or {}
    return next((k for k in keys if (labels.get(k) or normalize_label(str(k))) in _MOD_COUNT), None)


def parse_mapping(items: list[str]) -> dict[str, str]:
    """ "Affected User=caller" items (the CLI's --map) as {column label as written: field}
    (ingest_files matches labels normalised; the last of two items naming one column wins).

    Raises InputError naming the item and the known fields when one is malformed."""
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, name = item.rpartition("=")
        name = name.strip()
        if not sep or not column.strip():
            raise InputError(f"--map {item!r}: expected COLUMN=FIELD, e.g. 'Affected User=caller'")
        if name and name not in FIELDS:
            raise InputError(
                f"--map {item!r}: {name!r} is not a field; fields: {', '.join(FIELDS)} "
                "(or nothing after '=' to leave the column unread)"
            )
        for given in [c for c in mapping if normalize_label(c) == normalize_label(column)]:
            del mapping[given]  # the same column written another way: the last item wins
        mapping[column.strip()] = name
    return mapping


def parse_state(text: str) -> str:
    text = text.strip()
    if text in STATE_BY_CODE:
        return STATE_BY_CODE[text]
    return _STATE_BY_LABEL.get(text.lower(), text)


def parse_priority(text: str, names=_PRIORITY_BY_NAME) -> int | None:
    """ "3 - Moderate", "3", "P3 - Moderate", "Moderate" -> 3; None when it names no priority
    (or a number beyond the column's range)."""
    m = _LEADING_INT.fullmatch(text) or (names is _PRIORITY_BY_NAME and _P_PRIORITY.fullmatch(text))
    if m:
        value = int(m.group(1))
        return value if value <= INT_MAX else None
    return names.get(text.strip().lower())


def parse_level(text: str) -> int | None:
    """Impact or urgency: "1 - High", "1", "High" -> 1."""
    return parse_priority(text, _LEVEL_BY_NAME)


def parse_count(text: str) -> int | None:
    """A count ("2", "1,024", "3.0") as an int; None when it is not a whole number in range
    ("1e309", "-1", "3000000000")."""
    m = _COUNT.fullmatch(text)
    if not m:
        return None
    value = int(m.group(1).replace(",", ""))
    return value if value <= INT_MAX else None


def parse_contact_type(text: str) -> str:
    """Display labels to ServiceNow's codes: "Self-service" -> "self-service", "Virtual Agent" -> "virtual_agent"."""
    return re.sub(r"\s+", "_", text.strip().lower())


def parse_timestamp(text: str, order: str | None = None) -> str | None:
    """A ServiceNow date as "YYYY-MM-DD HH:MM:SS", or None if it is not a date we know (see
    tqrs.timestamps: numeric dates month first unless the first number is over 12 or
    `order` says otherwise; an offset is applied, the result in UTC)."""
    return read_timestamp(text, order)[0]
