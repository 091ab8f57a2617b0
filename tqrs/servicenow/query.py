"""The instance URL and the encoded queries a pull sends.

Paging is by keyset, not by offset: every page asks for the records after the last sys_id
stored, in sys_id order (`...^sys_id>LAST^ORDERBYsys_id`). With sysparm_offset, a record that
enters or leaves the query while the pull runs (a ticket closed, reopened or updated in
between) shifts every later page by one, so a record is skipped or fetched twice; a sys_id
never changes and is unique, so each page starts exactly where the stored ones end, whatever
changes meanwhile, and a pull that stopped resumes from the last sys_id it stored. A record
changed during the pull after its page was read is caught by the next pull, which asks for
what was updated since this one began.

The user's query keeps its meaning: its ORDERBY terms (which would override the sys_id order)
are dropped, and the paging conditions are added to every ^NQ group (an OR of queries)."""

import ipaddress
import re
from urllib.parse import urlsplit

from tqrs.errors import InputError

# Label -> encoded query, for the Upload page. Relative dates are the instance's own
# (javascript:gs...), in the time zone of the user the credentials belong to.
PRESETS = {
    "Closed in the last 7 days": "closed_at>=javascript:gs.daysAgoStart(7)",
    "Closed yesterday": (
        "closed_at>=javascript:gs.beginningOfYesterday()^closed_at<=javascript:gs.endOfYesterday()"
    ),
    "Resolved in the last 30 days": "resolved_at>=javascript:gs.daysAgoStart(30)",
}
_ORDER_TERM = re.compile(r"^(ORDERBY|ORDERBYDESC|GROUPBY)\w*$")
_HOST = re.compile(r"^[A-Za-z0-9.-]+(:\d{1,5})?$")
_LOOPBACK_NAMES = {"localhost"}


def normalise_instance(text: str) -> str:
    """`https://dev12345.service-now.com` from `dev12345`, `dev12345.service-now.com` or a full
    URL (a trailing path is dropped). Plain http is allowed for this machine only (a local
    proxy or test server): elsewhere it would send the credentials in clear.

    Raises:
        InputError: not an instance address, credentials in the URL, or plain http to
            another machine.
    """
    raw = (text or "").strip()
    if not raw:
        raise InputError("--instance: give the instance, e.g. https://dev12345.service-now.com")
    if "://" not in raw:
        raw = f"https://{raw if '.' in raw or ':' in raw else raw + '.service-now.com'}"
    parts = urlsplit(raw)
    if parts.scheme not in ("https", "http"):
        raise InputError(f"--instance {text!r}: expected an https:// address")
    if parts.username or parts.password or "@" in parts.netloc:
        raise InputError(
            "--instance: the address holds credentials; give them in TQRS_SERVICENOW_USER and "
            "TQRS_SERVICENOW_PASSWORD (or on the Settings page), never in the URL"
        )
    host = parts.netloc
    if not host or not _HOST.match(host):
        raise InputError(f"--instance {text!r}: not a host name")
    if parts.scheme == "http" and not _is_loopback(parts.hostname or ""):
        raise InputError(
            f"--instance {text!r}: plain http would send the credentials in clear; use https://"
        )
    return f"{parts.scheme}://{host.lower()}"


def _is_loopback(host: str) -> bool:
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_query(query: str) -> tuple[str, list[str]]:
    """The user's encoded query, stripped, and the terms dropped from it (ORDERBY…: the pull
    orders by sys_id; a trailing ^EQ).

    Raises:
        InputError: a line break in the query (an encoded query is one line).
    """
    text = (query or "").strip()
    if "\n" in text or "\r" in text:
        raise InputError("--query: an encoded query is one line (terms joined by ^)")
    dropped: list[str] = []
    groups = []
    for group in text.split("^NQ"):
        kept = []
        for term in group.split("^"):
            if _ORDER_TERM.match(term) or term == "EQ":
                dropped.append(term)
            elif term:
                kept.append(term)
        groups.append("^".join(kept))
    return "^NQ".join(g for g in groups if g), dropped


def page_query(query: str, since: str | None = None, after: str | None = None) -> str:
    """The encoded query of one page: `query` (as check_query returns it) with, in each of its
    ^NQ groups, the records updated since `since` and after sys_id `after`, in sys_id order."""
    extra = []
    if since:
        extra.append(f"sys_updated_on>={since}")
    if after:
        extra.append(f"sys_id>{after}")
    groups = query.split("^NQ") if query else [""]
    body = "^NQ".join("^".join(t for t in (g, *extra) if t) for g in groups)
    return f"{body}^ORDERBYsys_id" if body else "ORDERBYsys_id"


def journal_query(incident_ids: list[str], after: str | None = None) -> str:
    """The work notes and comments of these incidents, after sys_id `after`, in sys_id order."""
    terms = [f"element_idIN{','.join(incident_ids)}", "elementINwork_notes,comments"]
    if after:
        terms.append(f"sys_id>{after}")
    return "^".join(terms) + "^ORDERBYsys_id"
