"""Synthetic ServiceNow incidents and journal rows for the fake instance
(tqrs.testing.fake_servicenow): deterministic for a count and seed, varied enough to exercise
display values, references, empty fields, unicode, quotes and markup in text.

Each row is a dict field -> (value, display value, the referenced table or None), as the
instance holds a record: the value is what `sysparm_display_value=false` gives (codes, sys_ids,
UTC times), the display value what `true` gives (labels, names, the API user's local time)."""

import hashlib
import random
from datetime import datetime, timedelta

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
DISPLAY_SHIFT = timedelta(hours=-8)  # the API user's time zone (display values only)

_USERS = [
    ("Beth Anglin", "beth.anglin"),
    ("David Loo", "david.loo"),
    ("Joe Employee", "joe.employee"),
    ("Ana Søren-Müller", "ana.muller"),
    ("Priya Raman", "priya.raman"),
    ("Chidi Okonkwo", "chidi.okonkwo"),
    ('Dana "DJ" Whitfield', "dana.whitfield"),
    ("李 小龙", "li.xiaolong"),
]
_GROUPS = ["Service Desk", "Network", "Hardware", "Database", "Software <Tier 2>"]
_COMPANIES = ["ACME North America", "ACME/Retail", "Initech & Co"]
_LOCATIONS = ["London", "Berlin", "Austin", "Pune", ""]
_APPS = ["Outlook", "VPN", "SAP", "Teams", "Okta", "Citrix", "Printer"]
_CHANNELS = [("phone", "Phone"), ("email", "Email"), ("self-service", "Self-service"),
             ("walk-in", "Walk-in"), ("chat", "Chat")]  # fmt: skip
_STATES = [("7", "Closed"), ("7", "Closed"), ("6", "Resolved"), ("2", "In Progress")]
_PRIORITIES = [("1", "1 - Critical"), ("2", "2 - High"), ("3", "3 - Moderate"),
               ("4", "4 - Low"), ("5", "5 - Planning")]  # fmt: skip
_LEVELS = [("1", "1 - High"), ("2", "2 - Medium"), ("3", "3 - Low")]
_CATEGORIES = [("software", "Software"), ("hardware", "Hardware"), ("network", "Network"),
               ("inquiry", "Inquiry / Help")]  # fmt: skip
_SUBCATEGORIES = [("email", "Email"), ("vpn", "VPN"), ("os", "Operating System"), ("", "")]
_CLOSE_CODES = ["Solved (Permanently)", "Solved (Work Around)", "Not Solved (Too Costly)", ""]


def ref(table: str, value: str, display: str) -> tuple[str, str, str | None]:
    return (value, display, table) if value else ("", "", None)


def make_sys_id(*parts) -> str:
    return hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:32]


def make_data(n: int, seed: int = 0, start: datetime | None = None) -> tuple[list, list]:
    """`n` incidents and their journal rows, deterministic for (n, seed). Each row is a dict
    field -> (value, display value, referenced table or None)."""
    rng = random.Random(seed)
    start = start or datetime(2025, 6, 2, 8, 0, 0)
    users = [(make_sys_id("user", u), name, u) for name, u in _USERS]
    groups = [(make_sys_id("group", g), g) for g in _GROUPS]
    companies = [(make_sys_id("company", c), c) for c in _COMPANIES]
    incidents, journals = [], []
    for i in range(n):
        caller, agent, opener = rng.choice(users), rng.choice(users), rng.choice(users)
        group, company = rng.choice(groups), rng.choice(companies)
        site, app = rng.choice(_LOCATIONS), rng.choice(_APPS)
        opened = start + timedelta(minutes=7 * i + rng.randrange(7))
        resolved = opened + timedelta(minutes=30 + rng.randrange(3000))
        closed = resolved + timedelta(days=3)
        state = rng.choice(_STATES)
        closed_at = closed if state[0] == "7" else None
        number = f"INC{i + 1:07d}"
        sys_id = make_sys_id("incident", seed, i)
        entries = []
        for k in range(rng.randrange(5)):
            when = opened + timedelta(minutes=5 + 11 * k, seconds=rng.randrange(60))
            element = "work_notes" if k % 2 == 0 else "comments"
            author = rng.choice(users)
            text = (
                f"Step {k + 1} on {number}: checked the {app} client.\n"
                f"Result: {rng.choice(['fixed', 'still failing', 'waiting for the user'])} "
                f"— {author[1]} «ok» <i>note</i>"
            )
            entries.append(
                plain(
                    sys_id=make_sys_id("journal", seed, i, k),
                    element=element,
                    element_id=sys_id,
                    name="incident",
                    value=text,
                    sys_created_on=when.strftime(TIME_FORMAT),
                    sys_created_by=author[2],
                )
            )
        journals += entries
        last = max([opened, resolved, *(datetime.strptime(e["sys_created_on"][0], TIME_FORMAT)
                                         for e in entries)])  # fmt: skip
        updated = (closed_at or resolved) if state[0] in ("6", "7") else last
        updated = max(updated, last)
        location = (make_sys_id("location", site), site) if site else ("", "")
        has_service_offering = i % 4 == 0
        incidents.append(
            {
                "sys_id": (sys_id, sys_id, None),
                "number": (number, number, None),
                "short_description": same(
                    f"{company[1]} - {site or 'Remote'} - {app} - "
                    f"{rng.choice(['cannot sign in', 'slow', 'error 0x80070005', 'crashes'])}"
                ),
                "description": same(
                    f"User {caller[1]} reports that {app} {rng.choice(['fails', 'hangs'])} "
                    f"since the update.\nSteps: open {app}; sign in.\nTicket {i}: "
                    f"'quotes', \"double\", ^carets^ and a tab\tin the text."
                ),
                "caller_id": ref("sys_user", caller[0], caller[1]),
                "opened_by": ref("sys_user", opener[0], opener[1]),
                "company": ref("core_company", company[0], company[1]),
                "location": ref("cmn_location", *location),
                "contact_type": _choice(rng, _CHANNELS),
                "state": (*state, None),
                "incident_state": (*state, None),
                "active": same("true" if state[0] == "2" else "false"),
                "priority": _choice(rng, _PRIORITIES),
                "impact": _choice(rng, _LEVELS),
                "urgency": _choice(rng, _LEVELS),
                "category": _choice(rng, _CATEGORIES),
                "subcategory": _choice(rng, _SUBCATEGORIES),
                "business_service": ref(
                    "cmdb_ci_service", make_sys_id("svc", app), f"{app} Service"
                ),
                "service_offering": ref(
                    "service_offering",
                    make_sys_id("offering", app) if has_service_offering else "",
                    f"{app} Standard",
                ),  # fmt: skip
                "cmdb_ci": ref("cmdb_ci", make_sys_id("ci", app), f"{app} 365"),
                "assignment_group": ref("sys_user_group", group[0], group[1]),
                "assigned_to": ref("sys_user", agent[0], agent[1]),
                "opened_at": timed(opened),
                "resolved_at": timed(resolved) if state[0] in ("6", "7") else ("", "", None),
                "closed_at": timed(closed_at) if closed_at else ("", "", None),
                "sys_created_on": timed(opened),
                "sys_updated_on": timed(updated),
                "sys_mod_count": same(str(3 + len(entries))),
                "close_code": same(rng.choice(_CLOSE_CODES) if state[0] in "67" else ""),
                "close_notes": same(
                    f"Reinstalled {app}; {caller[1]} confirmed it works."
                    if state[0] in "67"
                    else ""
                ),
                "reassignment_count": same(str(rng.randrange(3))),
                "reopen_count": same("0"),
                "u_region": same(rng.choice(["EMEA", "AMER", "APAC"])),
                "sys_domain": ref("sys_user_group", "global", "global"),
            }
        )
    return incidents, journals


def _choice(rng: random.Random, pairs: list) -> tuple[str, str, None]:
    value, display = rng.choice(pairs)
    return (value, display, None)


def same(value: str) -> tuple[str, str, None]:
    return (value, value, None)


def plain(**values: str) -> dict:
    return {k: same(v) for k, v in values.items()}


def timed(when: datetime) -> tuple[str, str, None]:
    """A date-time field: the value in UTC, the display value in the API user's zone."""
    return (when.strftime(TIME_FORMAT), (when + DISPLAY_SHIFT).strftime(TIME_FORMAT), None)
