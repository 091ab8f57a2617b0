"""Figures per agent and per assignment group on a run's results in effect
(tqrs.store.results.EFFECTIVE_TICKETS): summaries, criterion failure rates, best and worst
tickets, trends across runs and weeks, failed examples.

`by` is "agent" (tickets.assigned_to) or "group" (tickets.assignment_group); empty values
are reported as tqrs.display.UNASSIGNED and NO_GROUP."""

from tqrs.display import NO_GROUP, UNASSIGNED
from tqrs.store.base import Store
from tqrs.store.overrides import JUDGED_AND_CHOSEN
from tqrs.store.results import EFFECTIVE_TICKETS

# Pass rates are of the tickets with a verdict: a ticket on which nothing could be judged
# (verdict "too_little": too little to judge, tqrs.scoring) is neither a pass nor a fail. Over the CTE `t`.
_PASS_RATE = (
    "avg(CASE WHEN t.passed THEN 1.0 ELSE 0.0 END) "
    "FILTER (t.status = 'scored' AND t.verdict IS DISTINCT FROM 'too_little') AS pass_rate"
)

_KEY = {"agent": "agent", "group": "grp"}
# What stands for a ticket without an agent or group: a bucket, not a person or a team
_PLACEHOLDER = {"agent": UNASSIGNED, "group": NO_GROUP}


def _key(by: str) -> str:
    if by not in _KEY:
        raise ValueError(f"by must be 'agent' or 'group', not {by!r}")
    return _KEY[by]


def summaries(store: Store, run_id: int, by: str) -> list[dict]:
    """Per agent or group: tickets, scored, mean percent, pass rate, auto-fails, band counts
    and (for agents) their most frequent group (ties: the first by name)."""
    key = _key(by)
    return store.query_dicts(
        f"WITH t AS ({EFFECTIVE_TICKETS} WHERE r.run_id = ?), "
        # an agent's main group: the most tickets, ties to the first name (deterministic)
        "main_group AS (SELECT agent, grp AS team FROM t GROUP BY agent, grp "
        "QUALIFY row_number() OVER (PARTITION BY agent ORDER BY count(*) DESC, grp) = 1) "
        f"SELECT {key} AS name, count(*) AS tickets, "
        "count(*) FILTER (status = 'scored') AS scored, "
        "avg(percent) FILTER (status = 'scored') AS mean_percent, "
        f"{_PASS_RATE}, "
        "count(*) FILTER (auto_fail AND status = 'scored') AS auto_fails, "
        "count(*) FILTER (verdict = 'too_little' AND status = 'scored') AS too_little, "
        "histogram(band) FILTER (status = 'scored') AS bands, any_value(m.team) AS team "
        "FROM t LEFT JOIN main_group m USING (agent) "
        f"GROUP BY {key} ORDER BY {key}",
        [run_id],
    )


def criterion_rates(store: Store, run_id: int) -> list[dict]:
    """Failed, applicable, not-in-export and N/A counts per criterion, by (agent, criterion),
    (group, criterion) and criterion over the whole run (`level` says which)."""
    return store.query_dicts(
        f"WITH t AS ({EFFECTIVE_TICKETS} WHERE r.run_id = ?), c AS ({JUDGED_AND_CHOSEN}) "
        "SELECT CASE grouping(agent, grp) WHEN 1 THEN 'agent' WHEN 2 THEN 'group' "
        "ELSE 'run' END AS level, agent, grp, criterion_id, "
        "count(*) FILTER (applicable) AS applicable, "
        "count(*) FILTER (applicable AND failed) AS failed, "
        "count(*) FILTER (not_in_export) AS not_in_export, "
        "count(*) FILTER (not_applicable) AS not_applicable "
        "FROM c JOIN t USING (run_id, ticket_id) WHERE t.status = 'scored' "
        "GROUP BY GROUPING SETS ((agent, criterion_id), (grp, criterion_id), (criterion_id))",
        [run_id, run_id],
    )


def extremes(store: Store, run_id: int, by: str, n: int = 3) -> list[dict]:
    """The n best and n worst scored tickets of each agent or group (`end` best/worst)."""
    key = _key(by)
    rows = []
    for end, order in (("best", "DESC"), ("worst", "ASC")):
        rows += store.query_dicts(
            f"WITH t AS ({EFFECTIVE_TICKETS} WHERE r.run_id = ?) "
            f"SELECT '{end}' AS end, {key} AS name, ticket_id, number, percent, max_points, "
            "band, passed, "
            "verdict, auto_fail, short_description FROM t WHERE status = 'scored' "
            f"QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY percent {order} "
            f"NULLS LAST, number) <= ? ORDER BY name, percent {order}, number",
            [run_id, n],
        )
    return rows


def run_trend(store: Store, rubric_id: str, by: str, session_id: int) -> list[dict]:
    """Per agent or group, per completed run of the rubric, in time order: a named agent or
    group across every session (the same person or team), the placeholder of the tickets
    without one (UNASSIGNED, NO_GROUP) only across the runs of `session_id`: the unassigned
    tickets of another session are other tickets of nobody in particular, not the same bucket
    graded again."""
    key = _key(by)
    return store.query_dicts(
        f"WITH t AS ({EFFECTIVE_TICKETS} JOIN runs u ON u.id = r.run_id "
        "WHERE u.rubric_id = ? AND u.status = 'completed') "
        f"SELECT {key} AS name, t.run_id, any_value(u.session_id) AS session_id, "
        "any_value(u.started_at) AS started_at, count(*) AS tickets, "
        "avg(percent) AS mean_percent, "
        f"{_PASS_RATE} "
        "FROM t JOIN runs u ON u.id = t.run_id WHERE t.status = 'scored' "
        f"AND ({key} <> ? OR u.session_id = ?) "
        f"GROUP BY {key}, t.run_id ORDER BY name, started_at, t.run_id",
        [rubric_id, _PLACEHOLDER[by], session_id],
    )


def week_trend(store: Store, run_id: int, by: str) -> list[dict]:
    """Per agent or group, per week the tickets were opened, within one run."""
    key = _key(by)
    return store.query_dicts(
        f"WITH t AS ({EFFECTIVE_TICKETS} WHERE r.run_id = ?) "
        f"SELECT {key} AS name, date_trunc('week', opened_at)::DATE AS week, "
        "count(*) AS tickets, avg(percent) AS mean_percent, "
        f"{_PASS_RATE} "
        "FROM t WHERE status = 'scored' AND opened_at IS NOT NULL "
        f"GROUP BY ALL ORDER BY name, week",
        [run_id],
    )


def failed_examples(store: Store, run_id: int, by: str, n: int = 2) -> list[dict]:
    """Up to n ticket numbers per (agent or group, criterion) where the criterion failed."""
    key = _key(by)
    return store.query_dicts(
        f"WITH t AS ({EFFECTIVE_TICKETS} WHERE r.run_id = ?), c AS ({JUDGED_AND_CHOSEN}) "
        f"SELECT {key} AS name, criterion_id, list(number ORDER BY percent, number)[1:?] "
        "AS numbers FROM c JOIN t USING (run_id, ticket_id) "
        "WHERE t.status = 'scored' AND applicable AND failed GROUP BY ALL",
        [run_id, run_id, n],
    )
