"""How stored values are shown to people. The store keeps what the export held; a raw export's
references are 32-hex sys_ids, which say nothing to a reader and make every table twice as
wide, so they are shown shortened and named for what they are."""

import re

_SYS_ID = re.compile(r"[0-9a-f]{32}")


def reference_text(value: str | None) -> str:
    """An agent, group, caller or CI for display: "sys_id 681b…" for a sys_id (a raw export),
    the name as it is otherwise."""
    if value and len(value) == 32 and _SYS_ID.fullmatch(value):
        return f"sys_id {value[:4]}…"
    return value or ""


def article(word: str) -> str:
    """ "a" or "an" before `word` ("an email", "a phone", "an unknown"), by its first letter."""
    return "an" if word[:1].lower() in "aeiou" and word[:1] else "a"


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """ "1 ticket", "2 tickets", "1,200 tickets" (`nouns`: an irregular plural)."""
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"


# A criterion's status as people read it (reports, pages); "scored" shows its option instead.
STATUS_TEXT = {
    "unscored": "could not grade",
    "not_assessable": "not in export",
    "evidence_not_found": "evidence not found",
}


def status_text(status: str) -> str:
    """A criterion status as shown in reports and pages: "not in export" for a criterion the
    ticket's export does not carry the inputs of (tqrs.assessable), "could not grade", ..."""
    return STATUS_TEXT.get(status, status)
