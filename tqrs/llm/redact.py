"""Redaction of personal data before a ticket leaves the machine.

Passwords and other secrets written in clear (tqrs.rules.fields.find_secrets: "Nuova Password:
..." in the resolution notes, a PIN in a work note), emails, phone numbers, employee IDs and
people's names become placeholders such as [SECRET_1] and [EMAIL_1].
The mapping stays in memory on this machine; `Redaction.restore` puts the originals back into
the judge's evidence and reasoning before an analyst sees them. Placeholders are numbered in
order of first appearance, so the same ticket always redacts to the same text (and hits the
LLM cache).

Names are those the session itself reveals, wherever they then appear (`revealed_names`):
- the caller, opened-by and assignee fields when they hold a name (a raw-value export holds
  sys_ids there, and the names then come from the text);
- journal entry authors ("2024-01-02 10:00:00 - Hye-jin Lee (Work notes)");
- labelled lines: "Caller: Jane Smith", "Requested for: ...", "Validated by Maria Lopez";
- likely names: a capitalised name after a greeting or sign-off ("Hi David,", "Thanks, Joe"),
  "my name is ...", "spoke with ...".
The judge gathers them over the whole session (a name seen in one ticket's journal header is
redacted in every ticket's text), and each ticket adds its own. A full name is redacted with
its first name alone ("Hi David" for David Loo) and its last name alone unless that is a
common word; role accounts ("System Administrator") keep their words."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from tqrs.fields import FREE_TEXT_FIELDS
from tqrs.journal import HEADER
from tqrs.masking import longest_first
from tqrs.models import Ticket
from tqrs.rules.fields import find_secrets, secret_pattern
from tqrs.rules.spelling import known_words

NAME_FIELDS = ("caller", "opened_by", "assigned_to")
# What redaction rewrites: the free text and the names.
REDACTED_FIELDS = (*FREE_TEXT_FIELDS, *NAME_FIELDS)
JOURNAL_FIELDS = ("work_notes", "comments")

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
_NAME = r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’-]+){0,3}"
# "Caller: Jane Smith" and other labelled lines, at the start of a line.
_LABELLED = re.compile(
    r"^[ \t]*(?i:caller|contact|requested for|requester|requested by|reported by|end user|"
    r"customer|user name|opened by|assigned to|assignee|resolved by|closed by)"
    rf"[ \t]*[:\-][ \t]*({_NAME})[ \t]*(?:\(|,|$)",
    re.M,
)
# A name after a greeting or sign-off, "my name is", "spoke with".
_LIKELY = re.compile(
    r"(?:\b(?:Hi|Hello|Hey|Dear|Thanks|Thank you|Regards|Cheers|Best)[ \t]*,?[ \t]+"
    r"|\b(?i:my name is|spoke (?:to|with)|talked to|called|contacted|emailed)[ \t]+)"
    rf"({_NAME})(?=[ \t]*(?:[,.!:;\n]|$))",
    re.M,
)
# Words after a greeting that are no one's name.
_NOT_NAMES = frozenset(
    "all everyone everybody team there sir madam guys folks it support service desk "
    "helpdesk again you the a an this that for in on and we i".split()
)
# First words of role accounts: "System Administrator" is not redacted as "System" alone.
_ROLE_WORDS = frozenset(
    "system service it help admin administrator integration guest support team desk auto "
    "automation monitoring scheduler workflow".split()
)
# An activity entry copied from the form: the author's name on the line above its kind.
_COPIED_HEADER = re.compile(
    rf"^[ \t]*({_NAME})[ \t]*\n[ \t]*(?:Work notes|Additional comments|Comments)[ \t]*•", re.M
)
_GREETING_CUE = re.compile(
    r"\b(?:H[ie]|Hello|Dear|Thank|Regards|Cheers|Best|[Mm]y name|[Ss]poke|[Tt]alked|[Cc]alled"
    r"|[Cc]ontacted|[Ee]mailed)"
)
_TEXT_PATTERNS = (  # (pattern, a cheap test of whether it can match the text)
    (_VALIDATED_BY, lambda t: "validated" in t.lower()),
    (_LABELLED, lambda t: ":" in t or "-" in t),
    (_LIKELY, lambda t: _GREETING_CUE.search(t) is not None),
    (_COPIED_HEADER, lambda t: "•" in t),
)
_USER_NAME = re.compile(r"[a-z][a-z'-]+(?:[._][a-z][a-z'-]+)+")  # beth.anglin
_SYS_ID = re.compile(r"[0-9a-f]{32}")
_DIGITS = re.compile(r"\d\d")  # what an employee ID and a phone number both need
_PLACEHOLDER = re.compile(r"\[(?:SECRET|EMAIL|PHONE|EMPLOYEE_ID|NAME)_\d+\]")


@dataclass
class Redaction:
    """placeholder -> original text, kept locally; `names`, the names index the ticket was
    redacted with, so that later text about it (a re-ask quoting it) is redacted alike."""

    mapping: dict[str, str] = field(default_factory=dict)
    _by_value: dict[tuple[str, str], str] = field(default_factory=dict)
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def placeholder(self, kind: str, value: str) -> str:
        key = (kind, value.strip().lower())
        if key not in self._by_value:
            count = sum(1 for k, _ in self._by_value if k == kind) + 1
            token = f"[{kind}_{count}]"
            self._by_value[key] = token
            self.mapping[token] = value.strip()
        return self._by_value[key]

    def redact(self, text: str) -> str:
        """`text` (more of the ticket's text) redacted as the ticket was, with its
        placeholders."""
        return redact_text(text, self, self.names)

    def restore(self, text: str | None) -> str | None:
        """The text with every placeholder replaced by the original it stands for."""
        if not text:
            return text
        return _PLACEHOLDER.sub(lambda m: self.mapping.get(m.group(0), m.group(0)), text)


def redact_ticket(
    ticket: Ticket, session: frozenset[str] | None = None
) -> tuple[Ticket, Redaction]:
    """A copy of the ticket with personal data replaced, and the mapping to restore it.
    `session`: the names its session reveals (`session_names`, this ticket's among them);
    None: the ticket's own."""
    names = frozenset(revealed_names(ticket)) if session is None else session
    r = Redaction(names=_index(names))
    update = {f: r.redact(getattr(ticket, f)) for f in REDACTED_FIELDS}
    return ticket.model_copy(update=update), r


def revealed_names(ticket) -> set[str]:
    """The names one ticket reveals (see the module docstring); `ticket` is anything with the
    ticket's text attributes."""
    names = set()
    for f in NAME_FIELDS:
        value = (getattr(ticket, f, "") or "").strip()
        if value and not _SYS_ID.fullmatch(value) and "@" not in value:
            names.add(value)
    for f in JOURNAL_FIELDS:
        for m in HEADER.finditer(getattr(ticket, f, "") or ""):
            author = m.group("author").strip()
            if author and m.group("kind"):
                names.add(author)
                if _USER_NAME.fullmatch(author):  # beth.anglin: Beth Anglin, Beth, Anglin
                    names.add(" ".join(p.capitalize() for p in re.split(r"[._]", author)))
    for f in REDACTED_FIELDS:
        text = getattr(ticket, f, "") or ""
        for pattern, cue in _TEXT_PATTERNS:
            if not cue(text):  # a pattern runs only where it can match: most fields hold none
                continue
            for m in pattern.finditer(text):
                name = m.group(m.lastindex).strip(" \t.-")
                if name and name.split()[0].lower() not in _NOT_NAMES:
                    names.add(name)
    return names


def session_names(rows: Iterable[Iterable[tuple]], columns: tuple[str, ...]) -> frozenset[str]:
    """The names every ticket of a session reveals, from batches of rows of `columns`
    (tqrs.store.sessions.iter_people_text with PEOPLE_COLUMNS)."""
    names: set[str] = set()
    for batch in rows:
        for row in batch:
            names |= revealed_names(_Fields(dict(zip(columns, row, strict=True))))
    return frozenset(names)


PEOPLE_COLUMNS = REDACTED_FIELDS  # the fields names are read from


class _Fields:
    def __init__(self, values: dict):
        self.__dict__.update(values)


def redaction_patterns(names: Iterable[str]) -> tuple[str, ...]:
    """What to replace for these names, longest first ("Jane Doe" before "Jane"): each full
    name, its first name, and its last name unless that is a common word."""
    known = known_words()
    out = set()
    for name in names:
        name = " ".join(name.split())
        if not name or (name.islower() and " " not in name and name in known):
            continue  # a role account's login ("admin", "employee") is a common word
        out.add(name)
        parts = name.split()
        if len(parts) < 2 or parts[0].lower() in _ROLE_WORDS:
            continue
        if len(parts[0]) >= 2:
            out.add(parts[0])
        last = parts[-1]
        if len(last) >= 3 and last.lower() not in known:
            out.add(last)
    return tuple(sorted(out, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=16)
def _index(names: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """lower-cased first word -> the patterns (redaction_patterns) starting with it: a text
    is matched against the names its words can start, not against a session's thousands."""
    index: dict[str, list[str]] = {}
    for pattern in redaction_patterns(names):
        index.setdefault(pattern.split()[0].lower().rstrip("."), []).append(pattern)
    return {k: tuple(v) for k, v in index.items()}


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def redact_text(text: str, r: Redaction, index: dict[str, tuple[str, ...]]) -> str:
    """The text with secrets, emails, employee IDs, phones and the indexed names replaced."""
    if not text:
        return text
    for secret in longest_first(find_secrets(text)):
        text = secret_pattern(secret).sub(lambda m: r.placeholder("SECRET", m.group(0)), text)
    words = {w.lower().rstrip(".") for w in _WORD.findall(text)}
    names = {n for w in words & index.keys() for n in index[w]}
    # Each pattern only where it can match (an @; a run of digits): the same result, without
    # running the patterns over every word of every field.
    if "@" in text:
        text = _EMAIL.sub(lambda m: r.placeholder("EMAIL", m.group(0)), text)
    if _DIGITS.search(text):
        text = _EMPLOYEE_ID.sub(lambda m: r.placeholder("EMPLOYEE_ID", m.group(0)), text)
        text = _PHONE.sub(lambda m: _phone(m.group(0), r), text)
    for name in sorted(names, key=lambda n: (-len(n), n)):  # "Jane Doe" before "Jane"
        text = _name_pattern(name).sub(lambda m: r.placeholder("NAME", m.group(0)), text)
    return text


@lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern:
    """The name as a whole word, compiled once (the same agents and callers recur on
    thousands of tickets, and a cost estimate redacts every ticket of a session): a full name
    in any case, a single word (a first or last name alone) only capitalised as a name is,
    never inside a placeholder."""
    flags = re.I if " " in name else 0
    return re.compile(rf"(?<![\w\[]){re.escape(name)}(?![\w\]])", flags)


def _phone(candidate: str, r: Redaction) -> str:
    digits = sum(ch.isdigit() for ch in candidate)
    # Dates, times and version numbers also look like digit groups: require 7-15 digits.
    if not 7 <= digits <= 15 or re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", candidate):
        return candidate
    return r.placeholder("PHONE", candidate)
