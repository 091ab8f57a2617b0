"""A run's results in effect (overrides applied): one page of its tickets, filtered and sorted
in DuckDB, the filter choices, the ticket's rows in effect and their only write, every ticket
with the signals the review queue ranks by, and the whole run streamed for a report.

Effective results are the views of migration 6 (`effective_ticket_results`,
`effective_criterion_results`, `latest_overrides`), over tables written only from
tqrs.scoring.effective_score (`write_effective`)."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb

from tqrs.display import NO_GROUP, UNASSIGNED
from tqrs.errors import NotFoundError
from tqrs.results import TicketScore
from tqrs.store.base import Store
from tqrs.store.runs import CRITERION_FIELDS, SCORE_COLUMNS

# Each ticket result in effect, with its agent and group named.
EFFECTIVE_TICKETS = f"""
    SELECT r.run_id, r.ticket_id, r.number, r.status, r.score, r.max_points, r.percent,
           r.band, r.passed, r.verdict, r.auto_fail,
           coalesce(nullif(t.assigned_to, ''), '{UNASSIGNED}') AS agent,
           coalesce(nullif(t.assignment_group, ''), '{NO_GROUP}') AS grp,
           t.opened_at, t.short_description, t.session_id
    FROM effective_ticket_results r
    JOIN tickets t ON t.id = r.ticket_id
"""

SORTABLE = {
    "number": "r.number",
    "score": "score",
    "percent": "percent",
    "band": "band",
    "agent": "agent",
    "group": "grp",
    "category": "category",
    "reviewed": "reviewed_at",
    "opened": "opened_at",
}

_FAILED_CRITERION = """EXISTS (
    SELECT 1 FROM effective_criterion_results c
    WHERE c.run_id = r.run_id AND c.ticket_id = r.ticket_id AND c.criterion_id = ? AND c.failed)"""


@dataclass
class ReviewFilter:
    """What the Review table shows; empty fields do not filter."""

    bands: list[str] = field(default_factory=list)
    verdict: str | None = None  # "pass", "fail" or "too_little" (tqrs.scoring)
    agents: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    failed_criterion: str | None = None
    min_percent: float | None = None
    max_percent: float | None = None
    text: str = ""
    reviewed: bool | None = None


def _where(f: ReviewFilter) -> tuple[str, list]:
    """SQL over the columns of `_BASE` (aliased r) and its parameters."""
    clauses, params = ["true"], []
    if f.bands:
        clauses.append("list_contains(?, band)")
        params.append(f.bands)
    if f.verdict is not None:
        clauses.append("verdict = ? AND status = 'scored'")
        params.append(f.verdict)
    for values, column in ((f.agents, "agent"), (f.groups, "grp"), (f.categories, "category")):
        if values:
            clauses.append(f"list_contains(?, {column})")
            params.append(values)
    if f.failed_criterion:
        clauses.append(_FAILED_CRITERION)
        params.append(f.failed_criterion)
    if f.min_percent is not None:
        clauses.append("percent >= ?")
        params.append(f.min_percent)
    if f.max_percent is not None:
        clauses.append("percent <= ?")
        params.append(f.max_percent)
    if f.text.strip():
        clauses.append(
            "(number ILIKE ? ESCAPE '\\' OR short_description ILIKE ? ESCAPE '\\' "
            "OR description ILIKE ? ESCAPE '\\' OR close_notes ILIKE ? ESCAPE '\\')"
        )
        text = f.text.strip()
        for ch in "\\%_":
            text = text.replace(ch, "\\" + ch)
        params += [f"%{text}%"] * 4
    if f.reviewed is not None:
        clauses.append("reviewed_at IS NOT NULL" if f.reviewed else "reviewed_at IS NULL")
    return " AND ".join(clauses), params


_BASE = """
    SELECT r.run_id, r.ticket_id, r.number, r.status, r.score, r.max_points, r.percent,
           r.band, r.passed, r.verdict, r.auto_fail, r.overridden,
           t.assigned_to AS agent, t.assignment_group AS grp, t.category AS category,
           t.short_description, t.description, t.close_notes, t.opened_at,
           v.reviewer, v.reviewed_at
    FROM effective_ticket_results r
    JOIN tickets t ON t.id = r.ticket_id
    LEFT JOIN ticket_reviews v ON v.run_id = r.run_id AND v.ticket_id = r.ticket_id
    WHERE r.run_id = ?
"""
_SHOWN = (
    "ticket_id",
    "number",
    "status",
    "score",
    "max_points",
    "percent",
    "band",
    "passed",
    "verdict",
    "auto_fail",
    "overridden",
    "agent",
    "grp",
    "category",
    "short_description",
    "opened_at",
    "reviewer",
    "reviewed_at",
)


def query_page(
    store: Store,
    run_id: int,
    f: ReviewFilter,
    sort: str = "number",
    descending: bool = False,
    offset: int = 0,
    limit: int = 50,
) -> tuple[list[dict], int]:
    """One page of the run's tickets matching `f` (effective scores), and how many match."""
    where, params = _where(f)
    order = SORTABLE.get(sort, "number").removeprefix("r.")
    direction = "DESC" if descending else "ASC"
    cur = store.cursor().execute(
        f"WITH r AS ({_BASE}) SELECT {', '.join(_SHOWN)}, count(*) OVER () AS total FROM r "
        f"WHERE {where} ORDER BY {order} {direction} NULLS LAST, number, ticket_id LIMIT ? OFFSET ?",
        [run_id, *params, limit, offset],
    )
    rows = [dict(zip((*_SHOWN, "total"), row, strict=True)) for row in cur.fetchall()]
    if not rows:
        total = store.query(
            f"WITH r AS ({_BASE}) SELECT count(*) FROM r WHERE {where}", [run_id, *params]
        )[0][0]
        return [], total
    total = rows[0]["total"]
    for row in rows:
        del row["total"]
    return rows, total


def view_ids(
    store: Store, run_id: int, f: ReviewFilter, sort: str = "number", descending: bool = False
) -> list[int]:
    """The ids of every ticket matching `f`, in query_page's order (previous/next ticket)."""
    where, params = _where(f)
    order = SORTABLE.get(sort, "number").removeprefix("r.")
    direction = "DESC" if descending else "ASC"
    return [
        i
        for (i,) in store.query(
            f"WITH r AS ({_BASE}) SELECT ticket_id FROM r "
            f"WHERE {where} ORDER BY {order} {direction} NULLS LAST, number, ticket_id",
            [run_id, *params],
        )
    ]


def filter_choices(store: Store, run_id: int) -> dict[str, list[str]]:
    """The agents, groups and categories of the run's tickets, for the filter widgets."""
    out = {}
    for key, column in (
        ("agents", "assigned_to"),
        ("groups", "assignment_group"),
        ("categories", "category"),
    ):
        out[key] = [
            v
            for (v,) in store.query(
                f"SELECT DISTINCT t.{column} FROM ticket_results r JOIN tickets t "
                f"ON t.id = r.ticket_id WHERE r.run_id = ? AND t.{column} <> '' ORDER BY 1",
                [run_id],
            )
        ]
    return out


def ticket_identities(store: Store, run_id: int, ticket_ids: list[int]) -> list[dict]:
    """For each of `ticket_ids` scored in the run: its id, number, source file name, record
    position, sys_id, opened time, and `copies`, how many tickets of the run carry its number
    (more than 1: the number alone does not say which ticket it is)."""
    if not ticket_ids:
        return []
    return store.query_dicts(
        "WITH run_tickets AS (SELECT t.id, t.number FROM ticket_results r "
        "JOIN tickets t ON t.id = r.ticket_id WHERE r.run_id = ?), "
        "page AS (SELECT * FROM run_tickets WHERE list_contains(?, id)), "
        "copies AS (SELECT number, count(*) AS copies FROM run_tickets "
        "WHERE number IN (SELECT number FROM page) GROUP BY number) "
        "SELECT t.id AS ticket_id, t.number, f.name AS file, t.record_position, t.sys_id, "
        "t.opened_at, c.copies FROM page p JOIN tickets t ON t.id = p.id "
        "JOIN copies c ON c.number = p.number "
        "LEFT JOIN source_files f ON f.session_id = t.session_id AND f.position = t.file_position "
        "ORDER BY t.id",
        [run_id, list(ticket_ids)],
    )


def effective_criterion_rows(store: Store, run_id: int, ticket_id: int) -> list[dict]:
    """The ticket's criteria in effect (CriterionResult fields, and `source`: None, 'override'
    or 'derived'), in rubric order."""
    return store.query_dicts(
        "SELECT * EXCLUDE (run_id, ticket_id, position, failed, judged_status, judged_option, "
        "judged_points, judged_failed) FROM effective_criterion_results "
        "WHERE run_id = ? AND ticket_id = ? ORDER BY position",
        [run_id, ticket_id],
    )


def effective_ticket_row(store: Store, run_id: int, ticket_id: int) -> dict:
    rows = store.query_dicts(
        "SELECT * FROM effective_ticket_results WHERE run_id = ? AND ticket_id = ?",
        [run_id, ticket_id],
    )
    if not rows:
        raise NotFoundError(f"run {run_id} has no result for ticket {ticket_id}")
    return rows[0]


def write_effective(
    cur: duckdb.DuckDBPyConnection,
    run_id: int,
    score,
    changed: dict[str, str],
) -> None:
    """Replace the ticket's effective totals and criteria with `score` (a TicketScore from
    tqrs.scoring.effective_score, the only writer); `changed` says, for each criterion id
    whose value is not the judged one, why: 'override' or 'derived'."""
    ticket_id = score.ticket_id
    cur.execute(
        "DELETE FROM effective_scores WHERE run_id = ? AND ticket_id = ?", [run_id, ticket_id]
    )
    cur.execute(
        "DELETE FROM effective_criteria WHERE run_id = ? AND ticket_id = ?", [run_id, ticket_id]
    )
    now = _now()
    cur.execute(
        "INSERT INTO effective_scores (run_id, ticket_id, score, max_points, percent, band, "
        "passed, auto_fail, status, updated_at, verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            run_id,
            ticket_id,
            score.score,
            score.max_points,
            score.percent,
            score.band,
            score.passed,
            score.auto_fail,
            score.status,
            now,
            score.verdict,
        ],
    )
    rows = [
        [run_id, ticket_id, r.criterion_id, changed[r.criterion_id], r.status, r.option]
        + [r.points, r.max_points, r.deduction, r.applicable, r.auto_fail, r.failed]
        + [r.evidence, r.reasoning, r.coaching, now]
        for r in score.criteria
        if r.criterion_id in changed
    ]
    if rows:
        cur.executemany(
            "INSERT INTO effective_criteria (run_id, ticket_id, criterion_id, source, status, "
            "option, points, max_points, deduction, applicable, auto_fail, failed, evidence, "
            "reasoning, coaching, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# What a report reads of each criterion result: all but the prompt and the raw reply.
CRITERION_COLUMNS = (
    *(c for c in CRITERION_FIELDS if c not in ("prompt", "raw_reply")),
    "failed",
)


def report_rows(
    store: Store, run_id: int
) -> Iterator[tuple[TicketScore, tuple[str, str, str], list[tuple]]]:
    """For each ticket of the run, in ticket order: its effective score (without criteria;
    rows were validated when written, so it is rebuilt unvalidated), its (agent, group,
    category), and its effective criterion results as tuples of CRITERION_COLUMNS then the
    judged option (prompt and raw reply left out)."""
    criteria: dict[int, list[tuple]] = defaultdict(list)
    cur = store.new_cursor().execute(
        f"SELECT ticket_id, {', '.join(CRITERION_COLUMNS)}, judged_option "
        "FROM effective_criterion_results "
        "WHERE run_id = ? ORDER BY ticket_id, position",
        [run_id],
    )
    while rows := cur.fetchmany(10_000):
        for row in rows:
            criteria[row[0]].append(row[1:])
    cur = store.new_cursor().execute(
        f"SELECT {', '.join('r.' + c for c in SCORE_COLUMNS)}, coalesce(t.assigned_to, ''), "
        "coalesce(t.assignment_group, ''), coalesce(t.category, '') "
        "FROM effective_ticket_results r "
        "LEFT JOIN tickets t ON t.id = r.ticket_id WHERE r.run_id = ? ORDER BY r.ticket_id",
        [run_id],
    )
    width = len(SCORE_COLUMNS)
    while rows := cur.fetchmany(2000):
        for row in rows:
            score = TicketScore.model_construct(
                **dict(zip(SCORE_COLUMNS, row[:width], strict=True)), criteria=[]
            )
            yield score, row[width:], criteria.pop(row[0], [])


def ticket_signals(store: Store, run_id: int, rule_criteria: list[str]) -> list[dict]:
    """Every scored ticket of the run with its effective totals, whether it is marked
    reviewed, its unscored criteria, those whose evidence the judge quoted is not in the
    ticket (evidence_not_found), how many criteria the judge (not a rule) graded at a
    partial option (points strictly between 0 and the maximum), and the titles of the
    `rule_criteria` (the rubric's rule criteria) that cost points on the offline heuristics'
    reading because their rule could not tell (open_offline)."""
    return store.query_dicts(
        f"WITH t AS ({EFFECTIVE_TICKETS} WHERE r.run_id = ?) "
        "SELECT t.ticket_id, t.number, t.percent, t.band, t.passed, t.verdict, t.auto_fail, "
        "t.agent, t.grp, t.short_description, v.ticket_id IS NOT NULL AS reviewed, "
        "count(*) FILTER (c.status = 'unscored') AS unscored, "
        "count(*) FILTER (c.status = 'evidence_not_found') AS evidence_not_found, "
        "count(*) FILTER (c.status = 'scored' AND c.method <> 'rule' AND c.points > 0 "
        "                 AND c.points < c.max_points) AS partial, "
        "coalesce(list(c.title ORDER BY c.position) FILTER (c.method = 'offline' AND c.failed "
        "         AND list_contains(?::VARCHAR[], c.criterion_id)), []) AS open_offline "
        "FROM t JOIN criterion_results c ON c.run_id = ? AND c.ticket_id = t.ticket_id "
        "LEFT JOIN ticket_reviews v ON v.run_id = ? AND v.ticket_id = t.ticket_id "
        "WHERE t.status = 'scored' GROUP BY ALL ORDER BY t.ticket_id",
        [run_id, rule_criteria, run_id, run_id],
    )
