"""A local fake ServiceNow instance for tests and benchmarks, over real HTTP on 127.0.0.1.

The Table API (`GET /api/now/table/{table}`, `/api/now/v2/...` too) over `incident` and
`sys_journal_field`: encoded queries (`^`, `^OR`, `^NQ`, `=` `!=` `>` `>=` `<` `<=` `IN` `NOT IN`
`LIKE` `STARTSWITH` `ENDSWITH` `ISEMPTY` `ISNOTEMPTY`, `ORDERBY`/`ORDERBYDESC`, and the relative
dates `javascript:gs.daysAgoStart(N)`, `gs.daysAgo(N)`, `gs.beginningOfToday()`,
`gs.beginningOfYesterday()`, `gs.endOfYesterday()`, `gs.dateGenerate('D','T')`, taken in UTC);
`sysparm_fields`; `sysparm_display_value` false, true or all (`{"display_value", "value",
"link"}` per field, the link on references only); paging by `sysparm_limit` and
`sysparm_offset` with `Link` (first, prev, next, last) and `X-Total-Count` headers. Basic auth,
and OAuth bearer tokens from `POST /oauth_token.do` (client credentials and password grants).
A term it does not understand is a 400, so a test never passes on a query the fake ignored.

Faults are injected per table: 401, 403, 404, 400, 429 with Retry-After, 500/502/503, a
connection dropped mid-answer (the headers promise the whole body, half is sent), an answer
held until released, an HTML page (an instance asleep). Every request is logged.

Its clock is its own (`now`, moved by `advance`): the Date header, the sys_updated_on of an
update and the relative dates of queries follow it, so tests never wait for time to pass."""

import base64
import email.utils
import hashlib
import random
import re
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import orjson

INCIDENT, JOURNAL, TOKEN = "incident", "sys_journal_field", "token"
MAX_LIMIT = 10_000
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
DISPLAY_SHIFT = timedelta(hours=-8)  # the API user's time zone (display values only)
FAULTS = ("401", "403", "404", "400", "429", "500", "502", "503", "drop", "hold", "html")

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


@dataclass
class Fault:
    """What to do instead of answering: `kind` (one of FAULTS) for requests to `table` (incident,
    sys_journal_field, token, or None for any), from its `nth` request on (1-based, counting
    every request to that table; None: from the next one), `times` times."""

    kind: str
    table: str | None = None
    nth: int | None = None
    times: int = 1
    retry_after: float = 1.0  # for 429


@dataclass
class Logged:
    """One request as the fake saw it."""

    n: int
    method: str
    path: str
    table: str  # incident, sys_journal_field, token, or "" for anything else
    params: dict
    auth: str  # basic, bearer, none, or the refused kind ("bad basic", "bad bearer")
    status: int
    fault: str = ""
    records: int = 0

    @property
    def page_key(self) -> tuple:
        """What identifies the page asked for: its query, offset and limit."""
        p = self.params
        return (
            self.table,
            p.get("sysparm_query", ""),
            p.get("sysparm_offset", "0"),
            p.get("sysparm_limit", ""),
        )


class QueryError(Exception):
    pass


def _ref(table: str, value: str, display: str) -> tuple[str, str, str | None]:
    return (value, display, table) if value else ("", "", None)


def _sys_id(*parts) -> str:
    return hashlib.sha256(":".join(map(str, parts)).encode()).hexdigest()[:32]


def make_data(n: int, seed: int = 0, start: datetime | None = None) -> tuple[list, list]:
    """`n` incidents and their journal rows, deterministic for (n, seed). Each row is a dict
    field -> (value, display value, referenced table or None)."""
    rng = random.Random(seed)
    start = start or datetime(2025, 6, 2, 8, 0, 0)
    users = [(_sys_id("user", u), name, u) for name, u in _USERS]
    groups = [(_sys_id("group", g), g) for g in _GROUPS]
    companies = [(_sys_id("company", c), c) for c in _COMPANIES]
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
        sys_id = _sys_id("incident", seed, i)
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
                _plain(
                    sys_id=_sys_id("journal", seed, i, k),
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
        location = (_sys_id("location", site), site) if site else ("", "")
        has_service_offering = i % 4 == 0
        incidents.append(
            {
                "sys_id": (sys_id, sys_id, None),
                "number": (number, number, None),
                "short_description": _same(
                    f"{company[1]} - {site or 'Remote'} - {app} - "
                    f"{rng.choice(['cannot sign in', 'slow', 'error 0x80070005', 'crashes'])}"
                ),
                "description": _same(
                    f"User {caller[1]} reports that {app} {rng.choice(['fails', 'hangs'])} "
                    f"since the update.\nSteps: open {app}; sign in.\nTicket {i}: "
                    f"'quotes', \"double\", ^carets^ and a tab\tin the text."
                ),
                "caller_id": _ref("sys_user", caller[0], caller[1]),
                "opened_by": _ref("sys_user", opener[0], opener[1]),
                "company": _ref("core_company", company[0], company[1]),
                "location": _ref("cmn_location", *location),
                "contact_type": _choice(rng, _CHANNELS),
                "state": (*state, None),
                "incident_state": (*state, None),
                "active": _same("true" if state[0] == "2" else "false"),
                "priority": _choice(rng, _PRIORITIES),
                "impact": _choice(rng, _LEVELS),
                "urgency": _choice(rng, _LEVELS),
                "category": _choice(rng, _CATEGORIES),
                "subcategory": _choice(rng, _SUBCATEGORIES),
                "business_service": _ref("cmdb_ci_service", _sys_id("svc", app), f"{app} Service"),
                "service_offering": _ref(
                    "service_offering",
                    _sys_id("offering", app) if has_service_offering else "",
                    f"{app} Standard",
                ),  # fmt: skip
                "cmdb_ci": _ref("cmdb_ci", _sys_id("ci", app), f"{app} 365"),
                "assignment_group": _ref("sys_user_group", group[0], group[1]),
                "assigned_to": _ref("sys_user", agent[0], agent[1]),
                "opened_at": _time(opened),
                "resolved_at": _time(resolved) if state[0] in ("6", "7") else ("", "", None),
                "closed_at": _time(closed_at) if closed_at else ("", "", None),
                "sys_created_on": _time(opened),
                "sys_updated_on": _time(updated),
                "sys_mod_count": _same(str(3 + len(entries))),
                "close_code": _same(rng.choice(_CLOSE_CODES) if state[0] in "67" else ""),
                "close_notes": _same(
                    f"Reinstalled {app}; {caller[1]} confirmed it works."
                    if state[0] in "67"
                    else ""
                ),
                "reassignment_count": _same(str(rng.randrange(3))),
                "reopen_count": _same("0"),
                "u_region": _same(rng.choice(["EMEA", "AMER", "APAC"])),
                "sys_domain": _ref("sys_user_group", "global", "global"),
            }
        )
    return incidents, journals


def _choice(rng: random.Random, pairs: list) -> tuple[str, str, None]:
    value, display = rng.choice(pairs)
    return (value, display, None)


def _same(value: str) -> tuple[str, str, None]:
    return (value, value, None)


def _plain(**values: str) -> dict:
    return {k: _same(v) for k, v in values.items()}


def _time(when: datetime) -> tuple[str, str, None]:
    """A date-time field: the value in UTC, the display value in the API user's zone."""
    return (when.strftime(TIME_FORMAT), (when + DISPLAY_SHIFT).strftime(TIME_FORMAT), None)


class FakeServiceNow:
    """`with FakeServiceNow(incidents=120) as sn:` then point a pull at `sn.url`.

    Args:
        incidents: how many to generate (or give `data=(incidents, journals)`).
        users: user name -> password, for basic auth (and the password grant).
        clients: OAuth client id -> secret.
        token_uses: a token stops working after this many requests (None: never).
        latency: seconds each answer waits (outside the lock), for benchmarks.
    """

    def __init__(
        self,
        incidents: int = 0,
        seed: int = 0,
        data: tuple[list, list] | None = None,
        users: dict[str, str] | None = None,
        clients: dict[str, str] | None = None,
        token_uses: int | None = None,
        latency: float = 0.0,
        now: datetime | None = None,
    ):
        self.incidents, self.journals = data if data is not None else make_data(incidents, seed)
        self.users = users if users is not None else {"admin": "admin-password"}
        self.clients = clients if clients is not None else {}
        self.token_uses = token_uses
        self.latency = latency
        self.now = now or datetime(2026, 1, 15, 12, 0, 0)
        self.log: list[Logged] = []
        self.faults: list[Fault] = []
        self.tokens: dict[str, int] = {}  # token -> requests made with it
        self.held = 0
        self.release = threading.Event()
        self._counts: dict[str, int] = {}
        self._lock = threading.RLock()
        self._index: dict | None = None
        self._server = _Server(("127.0.0.1", 0), _handler_for(self))
        self._thread: threading.Thread | None = None

    # --- lifecycle

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> "FakeServiceNow":
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # --- the instance's data, as tests change it

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.now += timedelta(seconds=seconds)

    def incident(self, sys_id: str) -> dict:
        with self._lock:
            return self._by_id()[sys_id]

    def update(self, sys_id: str, **fields) -> None:
        """Change fields of an incident (a value, or (value, display value)); its update time
        becomes `now` and its update count goes up, as the instance does."""
        with self._lock:
            rec = self._by_id()[sys_id]
            for name, v in fields.items():
                value, display = v if isinstance(v, tuple) else (v, v)
                ref = rec[name][2] if name in rec else None
                rec[name] = (value, display, ref if value else None)
            self._touch(rec)

    def add_journal(self, sys_id: str, element: str, text: str, by: str = "beth.anglin") -> None:
        """A work note or comment on an incident, written `now` (which updates the incident)."""
        with self._lock:
            rec = self._by_id()[sys_id]
            n = len(self.journals)
            self.journals.append(
                _plain(
                    sys_id=_sys_id("journal-added", n),
                    element=element,
                    element_id=sys_id,
                    name="incident",
                    value=text,
                    sys_created_on=self.now.strftime(TIME_FORMAT),
                    sys_created_by=by,
                )
            )
            self._touch(rec)

    def _touch(self, rec: dict) -> None:
        rec["sys_updated_on"] = _time(self.now)
        rec["sys_mod_count"] = _same(str(int(rec["sys_mod_count"][0]) + 1))
        self._index = None

    def add_incident(self, seed: int = 1) -> str:
        """A new incident (with its journal), opened and updated `now`; its sys_id."""
        with self._lock:
            n = len(self.incidents)
            (rec,), journal = make_data(1, seed=seed * 7919 + n, start=self.now)
            sys_id = _sys_id("added", seed, n)
            rec["sys_id"] = (sys_id, sys_id, None)
            rec["number"] = _same(f"INC{n + 1:07d}")
            for row in journal:
                row["element_id"] = _same(sys_id)
                row["sys_id"] = _same(_sys_id("added-journal", seed, n, row["sys_id"][0]))
            self.incidents.append(rec)
            self.journals += journal
            self._touch(rec)
            return sys_id

    def journal_of(self, sys_id: str) -> list[dict]:
        with self._lock:
            return [j for j in self.journals if j["element_id"][0] == sys_id]

    def inject(self, *faults: Fault) -> None:
        with self._lock:
            for f in faults:
                if f.kind not in FAULTS:
                    raise ValueError(f"unknown fault {f.kind!r}; one of {FAULTS}")
                if f.nth is None:
                    f.nth = self._counts.get(f.table or "", 0) + 1 if f.table else 1
                self.faults.append(f)

    def requests(self, table: str, status: int | None = None) -> list[Logged]:
        with self._lock:
            return [
                r for r in self.log if r.table == table and (status is None or r.status == status)
            ]

    # --- answering

    def _by_id(self) -> dict[str, dict]:
        return self._indexes()[INCIDENT]["sys_id"]

    def _indexes(self) -> dict:
        if self._index is None:
            self._index = {
                INCIDENT: {"sys_id": {r["sys_id"][0]: r for r in self.incidents}},
                JOURNAL: {"element_id": {}},
            }
            for j in self.journals:
                self._index[JOURNAL]["element_id"].setdefault(j["element_id"][0], []).append(j)
        return self._index

    def _rows(self, table: str) -> list[dict]:
        return self.incidents if table == INCIDENT else self.journals

    def _fault_for(self, table: str) -> Fault | None:
        n = self._counts[table]
        for f in self.faults:
            if f.times > 0 and (f.table in (None, table)) and n >= (f.nth or 1):
                f.times -= 1
                return f
        return None

    def _auth(self, header: str) -> tuple[bool, str]:
        kind, _, value = header.partition(" ")
        if kind.lower() == "basic":
            try:
                user, _, password = base64.b64decode(value).decode().partition(":")
            except ValueError:
                return False, "bad basic"
            ok = self.users.get(user) == password and user in self.users
            return ok, "basic" if ok else "bad basic"
        if kind.lower() == "bearer":
            uses = self.tokens.get(value)
            if uses is None or (self.token_uses is not None and uses >= self.token_uses):
                return False, "bad bearer"
            self.tokens[value] = uses + 1
            return True, "bearer"
        return False, "none"

    def _token(self, form: dict) -> tuple[int, dict]:
        grant = form.get("grant_type", "")
        client, secret = form.get("client_id", ""), form.get("client_secret", "")
        if client not in self.clients or self.clients[client] != secret:
            return 401, {"error": "access_denied", "error_description": "access_denied"}
        if grant == "password":
            user, password = form.get("username", ""), form.get("password", "")
            if user not in self.users or self.users[user] != password:
                return 401, {"error": "access_denied", "error_description": "access_denied"}
        elif grant != "client_credentials":
            return 400, {"error": "unsupported_grant_type"}
        token = _sys_id("token", len(self.tokens), client) + _sys_id("t", len(self.tokens))
        self.tokens[token] = 0
        return 200, {
            "access_token": token,
            "refresh_token": "not-used",
            "scope": "useraccount",
            "token_type": "Bearer",
            "expires_in": 1799,
        }

    def _table(self, table: str, params: dict, path: str) -> tuple[int, dict, dict, int]:
        """(status, body, headers, records) for a Table API GET."""
        try:
            query = parse_query(params.get("sysparm_query", ""), self.now)
            limit = min(int(params.get("sysparm_limit") or MAX_LIMIT), MAX_LIMIT)
            offset = int(params.get("sysparm_offset") or 0)
        except (QueryError, ValueError) as e:
            return 400, _error("Invalid query", str(e)), {}, 0
        rows = self._rows(table)
        try:
            matched = select(rows, query, self._indexes()[table])
        except QueryError as e:
            return 400, _error("Invalid query", str(e)), {}, 0
        fields = [f for f in params.get("sysparm_fields", "").split(",") if f]
        mode = params.get("sysparm_display_value", "false").lower()
        links = params.get("sysparm_exclude_reference_link", "false").lower() != "true"
        page = matched[offset : offset + limit]
        result = [self._render(r, fields, mode, links) for r in page]
        headers = {"X-Total-Count": str(len(matched))}
        link = _links(self.url + path, params, offset, limit, len(matched))
        if link:
            headers["Link"] = link
        return 200, {"result": result}, headers, len(result)

    def _render(self, row: dict, fields: list[str], mode: str, links: bool) -> dict:
        out = {}
        for name in fields or list(row):
            if name not in row:
                continue  # as the instance does with a field the table lacks
            value, display, ref = row[name]
            link = f"{self.url}/api/now/table/{ref}/{value}" if ref and value else None
            if mode == "all":
                out[name] = {"display_value": display, "value": value}
                if link and links:
                    out[name]["link"] = link
            elif mode == "true":
                out[name] = ({"display_value": display, "link": link} if link and links
                             else display)  # fmt: skip
            else:
                out[name] = {"link": link, "value": value} if link and links else value
        return out


# --- encoded queries


@dataclass
class Condition:
    field: str
    op: str
    value: str
    values: frozenset = field(default_factory=frozenset)


@dataclass
class Query:
    groups: list  # of AND-lists of OR-lists of Condition
    order: list  # (field, descending)


_TERM = re.compile(
    r"^([a-z0-9_.]+)(ISNOTEMPTY|ISEMPTY|NOT IN|NOTIN|STARTSWITH|ENDSWITH|NOT LIKE|NOTLIKE|LIKE|"
    r"IN|>=|<=|!=|>|<|=)(.*)$",
    re.S,
)
_JS = re.compile(r"^javascript:\s*gs\.(\w+)\((.*)\)\s*;?$")


def parse_query(text: str, now: datetime) -> Query:
    groups, order = [], []
    for group_text in text.split("^NQ") if text else []:
        clauses: list[list[Condition]] = []
        for term in group_text.split("^"):
            if not term or term == "EQ":
                continue
            if term.startswith("ORDERBYDESC"):
                order.append((term[len("ORDERBYDESC") :], True))
            elif term.startswith("ORDERBY"):
                order.append((term[len("ORDERBY") :], False))
            elif term.startswith("OR") and clauses:
                clauses[-1].append(_condition(term[2:], now))
            else:
                clauses.append([_condition(term, now)])
        if clauses:
            groups.append(clauses)
    return Query(groups, order)


def _condition(term: str, now: datetime) -> Condition:
    m = _TERM.match(term)
    if not m:
        raise QueryError(f"cannot read the term {term!r}")
    name, op, value = m.groups()
    op = {"NOTIN": "NOT IN", "NOTLIKE": "NOT LIKE"}.get(op, op)
    value = _resolve(value, now)
    values = frozenset(value.split(",")) if op in ("IN", "NOT IN") else frozenset()
    return Condition(name, op, value, values)


def _resolve(value: str, now: datetime) -> str:
    m = _JS.match(value)
    if not value.startswith("javascript:"):
        return value
    if not m:
        raise QueryError(f"unsupported script {value!r}")
    fn, arg = m.groups()
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    args = [a.strip().strip("'\"") for a in arg.split(",")] if arg.strip() else []
    if fn == "daysAgoStart":
        when = today - timedelta(days=int(args[0]))
    elif fn == "daysAgo":
        when = now - timedelta(days=int(args[0]))
    elif fn == "beginningOfToday":
        when = today
    elif fn == "beginningOfYesterday":
        when = today - timedelta(days=1)
    elif fn == "endOfYesterday":
        when = today - timedelta(seconds=1)
    elif fn == "dateGenerate":
        when = datetime.strptime(f"{args[0]} {args[1]}", TIME_FORMAT)
    else:
        raise QueryError(f"unsupported script gs.{fn}()")
    return when.strftime(TIME_FORMAT)


def select(rows: list[dict], query: Query, indexes: dict) -> list[dict]:
    """The rows matching the query, in its order (else in the table's)."""
    if not query.groups:
        matched = list(rows)
    else:
        matched, seen = [], set()
        for clauses in query.groups:
            for row in _candidates(rows, clauses, indexes):
                if id(row) not in seen and all(
                    any(_holds(row, c) for c in alts) for alts in clauses
                ):
                    seen.add(id(row))
                    matched.append(row)
        if len(query.groups) > 1:
            order = {id(r): i for i, r in enumerate(rows)}
            matched.sort(key=lambda r: order[id(r)])
    for name, descending in reversed(query.order):
        if matched and name not in matched[0]:
            raise QueryError(f"ORDERBY {name}: no such field")
        matched.sort(key=lambda r: r[name][0], reverse=descending)
    return matched


def _candidates(rows: list[dict], clauses: list, indexes: dict):
    """The rows worth testing: an IN on an indexed field narrows them down (in the order of
    its values; a query that cares orders by a field)."""
    for alts in clauses:
        c = alts[0]
        index = indexes.get(c.field)
        if len(alts) == 1 and c.op == "IN" and index is not None:
            found = []
            for v in sorted(c.values):
                hit = index.get(v)
                found += hit if isinstance(hit, list) else [hit] if hit else []
            return found
    return rows


def _holds(row: dict, c: Condition) -> bool:
    if c.field not in row:
        raise QueryError(f"no field {c.field!r}")
    v = row[c.field][0]
    op = c.op
    if op == "=":
        return v == c.value
    if op == "!=":
        return v != c.value
    if op == "IN":
        return v in c.values
    if op == "NOT IN":
        return v not in c.values
    if op == "ISEMPTY":
        return v == ""
    if op == "ISNOTEMPTY":
        return v != ""
    if op == "LIKE":
        return c.value.lower() in v.lower()
    if op == "NOT LIKE":
        return c.value.lower() not in v.lower()
    if op == "STARTSWITH":
        return v.lower().startswith(c.value.lower())
    if op == "ENDSWITH":
        return v.lower().endswith(c.value.lower())
    if v == "":
        return False  # an empty value is in no range
    a, b = _comparable(v, c.value)
    return {">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b}[op]


def _comparable(a: str, b: str):
    try:
        return float(a), float(b)
    except ValueError:
        return a, b


def _links(base: str, params: dict, offset: int, limit: int, total: int) -> str:
    if total <= limit and offset == 0:
        return ""

    def at(o: int, rel: str) -> str:
        return f'<{base}?{urlencode({**params, "sysparm_offset": o, "sysparm_limit": limit})}>;rel="{rel}"'

    last = max(0, (total - 1) // limit * limit)
    links = [at(0, "first")]
    if offset > 0:
        links.append(at(max(0, offset - limit), "prev"))
    if offset + limit < total:
        links.append(at(offset + limit, "next"))
    links.append(at(last, "last"))
    return ",".join(links)


def _error(message: str, detail: str) -> dict:
    return {"error": {"message": message, "detail": detail}, "status": "failure"}


# --- HTTP


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError | OSError):
            super().handle_error(request, client_address)


def _handler_for(fake: FakeServiceNow):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *args):
            pass

        def date_time_string(self, timestamp=None):  # the Date header: the fake's clock
            return getattr(self, "fake_date", None) or super().date_time_string(timestamp)

        def do_GET(self):
            parts = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            m = re.fullmatch(r"/api/now/(?:v\d+/)?table/(\w+)", parts.path)
            table = m.group(1) if m else ""
            self._answer("GET", parts.path, table, params)

        def do_POST(self):
            parts = urlsplit(self.path)
            body = self.rfile.read(int(self.headers.get("content-length", 0)))
            form = {k: v[-1] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}
            table = TOKEN if parts.path == "/oauth_token.do" else ""
            self._answer("POST", parts.path, table, form)

        def _answer(self, method: str, path: str, table: str, params: dict) -> None:
            if fake.latency:
                time.sleep(fake.latency)
            with fake._lock:
                fake._counts[table] = fake._counts.get(table, 0) + 1
                entry = Logged(len(fake.log) + 1, method, path, table, {}, "none", 0)
                if table != TOKEN:
                    entry.params = dict(params)
                fake.log.append(entry)
                fault = fake._fault_for(table) if table else None
                headers: dict = {}
                if fault and fault.kind not in ("drop", "hold", "html"):
                    status, body = int(fault.kind), _error("fake fault", fault.kind)
                    if fault.kind == "429":
                        headers["Retry-After"] = f"{fault.retry_after:g}"
                    entry.fault = fault.kind
                elif table == TOKEN:
                    status, body = fake._token(params)
                    entry.auth = "oauth"
                elif table in (INCIDENT, JOURNAL):
                    ok, entry.auth = fake._auth(self.headers.get("Authorization", ""))
                    if not ok:
                        status = 401
                        body = _error(
                            "User Not Authenticated", "Required to provide Auth information"
                        )
                    else:
                        status, body, headers, entry.records = fake._table(table, params, path)
                else:
                    status, body = (
                        404,
                        _error("Requested URI does not represent any resource", path),
                    )
                entry.status = status
                self.fake_date = email.utils.format_datetime(
                    fake.now.replace(tzinfo=UTC), usegmt=True
                )
            payload = orjson.dumps(body)
            if fault and fault.kind == "hold":
                entry.fault = "hold"
                with fake._lock:
                    fake.held += 1
                fake.release.wait(60)
            if fault and fault.kind == "html":
                entry.fault = "html"
                payload = b"<html><body>Your instance is hibernating</body></html>"
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=UTF-8")
                self.send_header("Content-Length", str(len(payload)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                if fault and fault.kind == "drop":
                    entry.fault = "drop"
                    self.wfile.write(payload[: len(payload) // 2])
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    return Handler


def main(argv: list[str] | None = None) -> None:
    """Serve until killed: `python -m tqrs.testing.fake_servicenow --incidents 25000` prints
    the URL on its first line."""
    import argparse

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--incidents", type=int, default=1000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--user", default="admin")
    p.add_argument("--password", default="admin-password")
    p.add_argument("--latency", type=float, default=0.0)
    args = p.parse_args(argv)
    fake = FakeServiceNow(
        args.incidents, args.seed, users={args.user: args.password}, latency=args.latency
    ).start()
    print(fake.url, flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
