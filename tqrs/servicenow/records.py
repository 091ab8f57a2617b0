"""What the Table API is asked for, and what its answers become: incident records with their
journals joined, ready for the RowBuffer an export file's records go through.

An incident page asks for the raw name of every field TQRS reads (`sysparm_fields`) with
`sysparm_display_value=all`, so each field is `{"display_value", "value"}` (and a `link` on
references): names for references and choices, codes and UTC times in the values. The
journal (work notes, comments) is not read from the incident (the Table API gives it only as
display text) but from sys_journal_field, in batches of incident sys_ids, and written into each
record in ServiceNow's printed form as an XML unload's journal rows are
(tqrs.journal.add_journals)."""

import asyncio

from tqrs.errors import TqrsError
from tqrs.fields import FIELDS, TIME, api_name
from tqrs.journal import JOURNAL_KINDS, add_journals
from tqrs.servicenow.client import ServiceNowClient
from tqrs.servicenow.query import journal_query, page_query

INCIDENT, JOURNAL = "incident", "sys_journal_field"
PULLED_FIELDS = tuple(api_name(name) for name in FIELDS if name not in JOURNAL_KINDS)
_TIME_KEYS = frozenset(api_name(name) for name, (kind, _, _) in FIELDS.items() if kind == TIME)
JOURNAL_FIELDS = "sys_id,element,element_id,value,sys_created_on,sys_created_by"
PAGE_SIZE = 1000
MAX_PAGE = 10_000  # the Table API's own cap per request
JOURNAL_BATCH = 100  # incident sys_ids per journal request (the URL stays under 4 KB)
JOURNAL_CONCURRENCY = 4


def incident_params(query: str, since: str | None, after: str | None, limit: int) -> dict:
    """The parameters of one incident page (see tqrs.servicenow.query for the paging)."""
    return {
        "sysparm_query": page_query(query, since, after),
        "sysparm_fields": ",".join(PULLED_FIELDS),
        "sysparm_display_value": "all",
        "sysparm_limit": str(limit),
    }


async def fetch_journals(
    sn: ServiceNowClient, incident_ids: list[str]
) -> tuple[dict[str, list[dict]], int]:
    """incident sys_id -> its journal rows (work notes and comments), and the bytes received;
    a few batches at a time, each paged by sys_id."""
    slots = asyncio.Semaphore(JOURNAL_CONCURRENCY)

    async def batch(chunk: list[str]) -> tuple[list[dict], int]:
        found, size, after = [], 0, None
        async with slots:
            while True:
                page = await sn.get(
                    JOURNAL,
                    {
                        "sysparm_query": journal_query(chunk, after),
                        "sysparm_fields": JOURNAL_FIELDS,
                        "sysparm_display_value": "false",
                        "sysparm_limit": str(MAX_PAGE),
                    },
                )
                found += page.records
                size += page.size
                if len(page.records) < MAX_PAGE:
                    return found, size
                after = page.records[-1]["sys_id"]

    chunks = [
        incident_ids[i : i + JOURNAL_BATCH] for i in range(0, len(incident_ids), JOURNAL_BATCH)
    ]
    try:
        async with asyncio.TaskGroup() as group:  # one batch failing stops the others
            tasks = [group.create_task(batch(c)) for c in chunks]
    except ExceptionGroup as eg:
        raise _first_error(eg) from None
    by_incident: dict[str, list[dict]] = {}
    size = 0
    for task in tasks:
        found, got = task.result()
        size += got
        for row in found:
            by_incident.setdefault(row.get("element_id", ""), []).append(row)
    return by_incident, size


def with_journals(rec: dict, entries: list[dict]) -> dict:
    """The record with its journal as work_notes and comments (empty when it has none, so
    every record carries both fields): newest first, ties in reverse sys_id order."""
    full = dict(rec)
    ordered = sorted(entries, key=lambda e: (e.get("sys_created_on", ""), e.get("sys_id", "")))
    add_journals(full, [_journal_row(e) for e in reversed(ordered)])
    for name in JOURNAL_KINDS:
        full.setdefault(name, "")
    return full


def times_as_values(rec: dict) -> dict:
    """The record to type: its date-times as their values (UTC), not as display values (in
    the time zone of the user the credentials belong to); every other field as it came."""
    return {k: field_value(v) if k in _TIME_KEYS else v for k, v in rec.items()}


def field_value(v) -> str:
    """A field's actual value: `{"display_value", "value"}` holds both."""
    if isinstance(v, dict):
        return v.get("value") or ""
    return v if isinstance(v, str) else ""


def _journal_row(e: dict) -> dict:
    return {
        "element": e["element"],
        "value": e.get("value") or "",
        "sys_created_on": e.get("sys_created_on") or "",
        "sys_created_by": e.get("sys_created_by") or "",
    }


def _first_error(eg: BaseExceptionGroup) -> BaseException:
    """The error to report from a group: the first TqrsError (what the user can act on)."""
    for e in eg.exceptions:
        if isinstance(e, BaseExceptionGroup):
            return _first_error(e)
        if isinstance(e, TqrsError):
            return e
    return eg.exceptions[0]
