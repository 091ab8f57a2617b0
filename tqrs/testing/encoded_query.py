"""ServiceNow encoded queries, evaluated over the fake instance's rows
(tqrs.testing.fake_servicenow): `^` (and), `^OR`, `^NQ` (a new OR'ed query), the operators
`=` `!=` `>` `>=` `<` `<=` `IN` `NOT IN` `LIKE` `NOT LIKE` `STARTSWITH` `ENDSWITH` `ISEMPTY`
`ISNOTEMPTY`, `ORDERBY`/`ORDERBYDESC`, and the relative dates `javascript:gs.daysAgoStart(N)`,
`gs.daysAgo(N)`, `gs.beginningOfToday()`, `gs.beginningOfYesterday()`, `gs.endOfYesterday()`,
`gs.dateGenerate('D','T')`, taken in UTC on the fake's clock. Values compare as the instance's
stored values (numbers as numbers). A term it cannot read is a QueryError (the fake answers
400), so a test never passes on a query the fake ignored."""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


class QueryError(Exception):
    pass


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
