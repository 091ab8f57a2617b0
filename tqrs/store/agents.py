"""Figures per agent and per assignment group on a run's results in effect
(tqrs.store.results.EFFECTIVE_TICKETS): summaries, criterion failure rates, best and worst
tickets, trends across runs and weeks, failed examples.

`by` is "agent" (tickets.assigned_to) or "group" (tickets.assignment_group); empty values
are reported as tqrs.display.UNASSIGNED and NO_GROUP."""

from tqrs.display import NO_GROUP, UNASSIGNED
from tqrs.store.base import Store
from tqrs.store.figures import CRITERION_COUNTS_SQL, Figures, figures_sql, ticket_filter
from tqrs.store.overrides import JUDGED_AND_CHOSEN
from tqrs.store.results import EFFECTIVE_TICKETS

_KEY = {"agent": "agent", "group": "grp"}
# What stands for a ticket without an agent or group: a bucket, not a person or a team
_PLACEHOLDER = {"agent": UNASSIGNED, "group": NO_GROUP}


def _key(by: str) -> str:
    if by not in _KEY:
        raise ValueError(f"by must be 'agent' or 'group', not {by!r}")
    return _KEY[by]


def summaries(store: Store, run_id: int, by: str) -> list[dict]:
    """Per agent or group: tickets, their figures (tqrs.store.figures: read with Figures.of),
    band counts and (for agents) their most frequent group (ties: the first by name)."""
    key = _key(by)
    return store.query_dicts(
        f"WITH t AS ({EFFECTIVE_TICKETS} WHERE r.run_id = ?), "
        # an agent's main group: the most tickets, ties to the first name (deterministic)
        "main_group AS (SELECT agent, grp AS team FROM t GROUP BY agent, grp "
        "QUALIFY row_number() OVER (PARTITION BY agent ORDER BY count(*) DESC, grp) = 1) "
        f"SELECT {key} AS name, count(*) AS tickets, "
        f"{figures_sql('t.')}, "
        "histogram(band) FILTER (status = 'scored') AS bands, any_value(m.team) AS team "
        "FROM t LEFT JOIN main_group m USING (agent) "
        f"GROUP BY {key} ORDER BY {key}",
        [run_id],
    )


def figures_by(
    store: Store, run_id: int, by: str, ticket_ids: list[int] | None = None
) -> dict[str, Figures]:
    """Each agent's or group's figures (tqrs.store.figures) over the run's tickets in effect
    (`ticket_ids`: only these); agents or groups without a ticket scored included."""
    key = _key(by)
    only, params = ticket_filter(ticket_ids, "ticket_id")
    rows = store.query_dicts(
        f"WITH t AS ({EFFECTIVE_TICKETS} WHERE r.run_id = ?) "
        f"SELECT {key} AS name, {figures_sql('t.')} FROM t WHERE true{only} GROUP BY {key}",
        [run_id, *params],
    )
    return {r["name"]: Figures.of(r) for r in rows}


def criterion_rates(store: Store, run_id: int) -> list[dict]:
    """Graded, failed, not-in-export and N/A counts per criterion (tqrs.store.figures:
    CRITERION_COUNTS_SQL, as the run summary and the reports count them), by (agent,
    criterion), (group, criterion) and criterion over the whole run (`level` says which)."""
    return store.query_dicts(
        f"WITH t AS ({EFFECTIVE_TICKETS} WHERE r.run_id = ?) "
        "SELECT CASE grouping(agent, grp) WHEN 1 THEN 'agent' WHEN 2 THEN 'group' "
        f"ELSE 'run' END AS level, agent, grp, criterion_id, {CRITERION_COUNTS_SQL} "
        "FROM effective_criterion_results c JOIN t USING (run_id, ticket_id) "
        "WHERE t.status = 'scored' "
        "GROUP BY GROUPING SETS ((agent, criterion_id), (grp, criterion_id), (criterion_id))",
        [run_id],
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
        f"{figures_sql('t.')} "
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
        f"count(*) AS tickets, {figures_sql('t.')} "
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
