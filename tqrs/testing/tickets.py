"""Synthetic ServiceNow exports for tests and benchmarks: varied, realistic enough to exercise
rules, redaction and the judge, and deterministic for a given count."""

import json
from pathlib import Path

_APPS = ["Outlook", "VPN", "SAP", "Teams", "Excel", "Okta", "Citrix", "Printer"]
_SITES = ["London", "Berlin", "Austin", "Pune", "Madrid"]
_PEOPLE = ["Jane Doe", "Raj Patel", "Maria Lopez", "Tom Becker", "Aiko Tanaka"]


def sample_records(n: int) -> list[dict]:
    """`n` incident records in the ServiceNow JSON export shape."""
    records = []
    for i in range(n):
        app, site, person = _APPS[i % 8], _SITES[i % 5], _PEOPLE[i % 5]
        email = person.lower().replace(" ", ".") + "@example.com"
        records.append(
            {
                "number": f"INC{100000 + i:07d}",
                "sys_id": f"{i:032x}",
                "short_description": f"ACME - {site} - {app} - cannot sign in after update {i}",
                "description": f"Since this morning {person} ({email}, +44 20 7946 {i % 10000:04d})"
                f" cannot sign in to {app}; the error 'access denied' blocks the "
                f"team's invoicing. Ticket {i}.",
                "caller_id": person,
                "contact_type": "phone",
                "state": "Closed",
                "priority": str(1 + i % 4),
                "category": "Software",
                "subcategory": app,
                "business_service": f"{app} Service",
                "cmdb_ci": app,
                "assignment_group": "Service Desk",
                "assigned_to": _PEOPLE[(i + 2) % 5],
                "opened_at": "2025-01-10 09:00:00",
                "resolved_at": "2025-01-10 11:00:00",
                "close_code": "Solved (Permanently)",
                "close_notes": f"Reset the {app} token; user confirmed access works.",
                "work_notes": f"2025-01-10 09:30:00 - {_PEOPLE[(i + 2) % 5]} (Work notes)\n"
                f"Validated by: {person} via Okta Verify push, employee ID "
                f"EMP{200000 + i}.\n1. Checked the account -> locked\n"
                f"2. Unlocked and reset the token -> sign-in works",
            }
        )
    return records


def write_export(path: Path, n: int) -> Path:
    path.write_text(json.dumps({"records": sample_records(n)}), encoding="utf-8")
    return path


def repeated_session(store, session_id: int, copies: int, folder: Path) -> int:
    """A new session holding `copies` copies of a session's tickets (raw records, new numbers
    and sys_ids, the same texts), for a longer benchmark run; the session itself for 1."""
    from tqrs.ingest import ingest_files
    from tqrs.store.sessions import iter_tickets

    if copies <= 1:
        return session_id
    records = [
        t.raw | {"number": f"{t.number}-{c}", "sys_id": f"{c:04d}{t.sys_id}"}
        for c in range(copies)
        for t in iter_tickets(store, session_id)
    ]
    path = Path(folder) / "copies.json"
    path.write_text(json.dumps({"records": records}, default=str))
    return ingest_files(store, [path], f"{copies} copies").session_id
