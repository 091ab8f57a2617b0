"""Queries behind agent and group profiles, calibration and the review queue, on effective
results: the views `effective_ticket_results` and `effective_criterion_results` (migration 6,
written only from tqrs.scoring.effective_score), and `latest_overrides` for what the analyst
chose.

`by` is "agent" (tickets.assigned_to) or "group" (tickets.assignment_group); empty values
are reported as "(unassigned)" and "(no group)"."""

from tqrs.store.base import Store

UNASSIGNED, NO_GROUP = "(unassigned)", "(no group)"
# Pass rates are of the tickets with a verdict: a ticket on which nothing could be judged
# (verdict "not_assessable", tqrs.scoring) is neither a pass nor a fail. Over the CTE `t`.
_PASS_RATE = (
    "avg(CASE WHEN t.passed THEN 1.0 ELSE 0.0 END) "
    "FILTER (t.status = 'scored' AND t.verdict IS DISTINCT FROM 'not_assessable') AS pass_rate"
)

_TICKETS = f"""
    SELECT r.run_id, r.ticket_id, r.number, r.status, r.score, r.max_points, r.percent,
           r.band, r.passed, r.verdict, r.auto_fail,
           coalesce(nullif(t.assigned_to, ''), '{UNASSIGNED}') AS agent,
           coalesce(nullif(t.assignment_group, ''), '{NO_GROUP}') AS grp,
           t.opened_at, t.short_description, t.session_id
    FROM effective_ticket_results r
    JOIN tickets t ON t.id = r.ticket_id
"""

# One row per (ticket, criterion) as in effect, with the judge's option and the analyst's
# (the override in effect, None when none).
_CRITERIA = """
    SELECT c.run_id, c.ticket_id, c.criterion_id, c.judged_option AS judge_option,
           c.judged_points AS judge_points, c.judged_status AS judge_status,
           o.new_option AS human_option, o.new_points AS human_points, o.note,
           c.option, c.status = 'scored' AND c.applicable AS applicable, c.failed,
           c.status = 'not_assessable' AS not_in_export
    FROM effective_criterion_results c
    LEFT JOIN latest_overrides o USING (run_id, ticket_id, criterion_id)
    WHERE c.run_id = ?
"""

_KEY = {"agent": "agent", "group": "grp"}


def _key(by: str) -> str:
    if by not in _KEY:
        raise ValueError(f"by must be 'agent' or 'group', not {by!r}")
    return _KEY[by]


def summaries(store: Store, run_id: int, by: str) -> list[dict]:
    """Per agent or group: tickets, scored, mean percent, pass rate, auto-fails, band counts
    and (for agents) their most frequent group (ties: the first by name)."""
    key = _key(by)
    return store.query_dicts(
        f"WITH t AS ({_TICKETS} WHERE r.run_id = ?), "
        # an agent's main group: the most tickets, ties to the first name (deterministic)
        "main_group AS (SELECT agent, grp AS team FROM t GROUP BY agent, grp "
        "QUALIFY row_number() OVER (PARTITION BY agent ORDER BY count(*) DESC, grp) = 1) "
        f"SELECT {key} AS name, count(*) AS tickets, "
        "count(*) FILTER (status = 'scored') AS scored, "
        "avg(percent) FILTER (status = 'scored') AS mean_percent, "
        f"{_PASS_RATE}, "
        "count(*) FILTER (auto_fail AND status = 'scored') AS auto_fails, "
        "count(*) FILTER (verdict = 'not_assessable' AND status = 'scored') AS not_assessable, "
        "histogram(band) FILTER (status = 'scored') AS bands, any_value(m.team) AS team "
        "FROM t LEFT JOIN main_group m USING (agent) "
        f"GROUP BY {key} ORDER BY {key}",
        [run_id],
    )


def criterion_rates(store: Store, run_id: int) -> list[dict]:
    """Failed, applicable and not-in-export counts per criterion, by (agent, criterion),
    (group, criterion) and criterion over the whole run (`level` says which)."""
    return store.query_dicts(
        f"WITH t AS ({_TICKETS} WHERE r.run_id = ?), c AS ({_CRITERIA}) "
        "SELECT CASE grouping(agent, grp) WHEN 1 THEN 'agent' WHEN 2 THEN 'group' "
        "ELSE 'run' END AS level, agent, grp, criterion_id, "
        "count(*) FILTER (applicable) AS applicable, "
        "count(*) FILTER (applicable AND failed) AS failed, "
        "count(*) FILTER (not_in_export) AS not_in_export "
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
            f"WITH t AS ({_TICKETS} WHERE r.run_id = ?) "
            f"SELECT '{end}' AS end, {key} AS name, ticket_id, number, percent, band, passed, "
            "verdict, auto_fail, short_description FROM t WHERE status = 'scored' "
            f"QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY percent {order} "
            f"NULLS LAST, number) <= ? ORDER BY name, percent {order}, number",
            [run_id, n],
        )
    return rows


def run_trend(store: Store, rubric_id: str, by: str) -> list[dict]:
    """Per agent or group, per completed run of the rubric (any session), in time order."""
    key = _key(by)
    return store.query_dicts(
        f"WITH t AS ({_TICKETS} JOIN runs u ON u.id = r.run_id "
        "WHERE u.rubric_id = ? AND u.status = 'completed') "
        f"SELECT {key} AS name, t.run_id, any_value(u.session_id) AS session_id, "
        "any_value(u.started_at) AS started_at, count(*) AS tickets, "
        "avg(percent) AS mean_percent, "
        f"{_PASS_RATE} "
        "FROM t JOIN runs u ON u.id = t.run_id WHERE t.status = 'scored' "
        f"GROUP BY {key}, t.run_id ORDER BY name, started_at, t.run_id",
        [rubric_id],
    )


def week_trend(store: Store, run_id: int, by: str) -> list[dict]:
    """Per agent or group, per week the tickets were opened, within one run."""
    key = _key(by)
    return store.query_dicts(
        f"WITH t AS ({_TICKETS} WHERE r.run_id = ?) "
        f"SELECT {key} AS name, date_trunc('week', opened_at)::DATE AS week, "
        "count(*) AS tickets, avg(percent) AS mean_percent, "
        f"{_PASS_RATE} "
        "FROM t WHERE status = 'scored' AND opened_at IS NOT NULL "
        f"GROUP BY ALL ORDER BY name, week",
        [run_id],
    )


def ticket_rows(store: Store, run_id: int) -> list[dict]:
    """Every ticket of the run with its effective totals, agent, group and reviewed mark."""
    return store.query_dicts(
        f"WITH t AS ({_TICKETS} WHERE r.run_id = ?) "
        "SELECT t.* EXCLUDE (run_id, session_id), v.reviewer, v.reviewed_at "
        "FROM t LEFT JOIN ticket_reviews v ON v.run_id = ? AND v.ticket_id = t.ticket_id "
        "ORDER BY t.ticket_id",
        [run_id, run_id],
    )


def criterion_pairs(store: Store, run_id: int) -> list[dict]:
    """Each (ticket, criterion) of the run's reviewed or overridden tickets: the judge's
    option and points, the override in effect (None when none), whether the ticket is marked
    reviewed, and the judge's status."""
    return store.query_dicts(
        f"WITH c AS ({_CRITERIA}) "
        "SELECT c.*, r.number, v.ticket_id IS NOT NULL AS reviewed "
        "FROM c JOIN ticket_results r USING (run_id, ticket_id) "
        "LEFT JOIN ticket_reviews v USING (run_id, ticket_id) "
        "WHERE v.ticket_id IS NOT NULL OR c.human_option IS NOT NULL "
        "ORDER BY c.ticket_id, c.criterion_id",
        [run_id],
    )


def failed_examples(store: Store, run_id: int, by: str, n: int = 2) -> list[dict]:
    """Up to n ticket numbers per (agent or group, criterion) where the criterion failed."""
    key = _key(by)
    return store.query_dicts(
        f"WITH t AS ({_TICKETS} WHERE r.run_id = ?), c AS ({_CRITERIA}) "
        f"SELECT {key} AS name, criterion_id, list(number ORDER BY percent, number)[1:?] "
        "AS numbers FROM c JOIN t USING (run_id, ticket_id) "
        "WHERE t.status = 'scored' AND applicable AND failed GROUP BY ALL",
        [run_id, run_id, n],
    )


def verdict_pairs(store: Store, run_id: int) -> list[tuple[bool, bool]]:
    """(pass as scored, pass in effect) for every scored ticket marked reviewed."""
    return store.query(
        "SELECT r.judged_passed, r.passed FROM effective_ticket_results r "
        "JOIN ticket_reviews v USING (run_id, ticket_id) "
        "WHERE r.run_id = ? AND r.status = 'scored' ORDER BY r.ticket_id",
        [run_id],
    )


def ticket_signals(store: Store, run_id: int) -> list[dict]:
    """Every scored ticket of the run with its effective totals, whether it is marked
    reviewed, its unscored criteria, those whose evidence the judge quoted is not in the
    ticket (evidence_not_found), and how many criteria the judge (not a rule) graded at a
    partial option (points strictly between 0 and the maximum)."""
    return store.query_dicts(
        f"WITH t AS ({_TICKETS} WHERE r.run_id = ?) "
        "SELECT t.ticket_id, t.number, t.percent, t.band, t.passed, t.verdict, t.auto_fail, "
        "t.agent, "
        "t.grp, t.short_description, v.ticket_id IS NOT NULL AS reviewed, "
        "count(*) FILTER (c.status = 'unscored') AS unscored, "
        "count(*) FILTER (c.status = 'evidence_not_found') AS evidence_not_found, "
        "count(*) FILTER (c.status = 'scored' AND c.method <> 'rule' AND c.points > 0 "
        "                 AND c.points < c.max_points) AS partial "
        "FROM t JOIN criterion_results c ON c.run_id = ? AND c.ticket_id = t.ticket_id "
        "LEFT JOIN ticket_reviews v ON v.run_id = ? AND v.ticket_id = t.ticket_id "
        "WHERE t.status = 'scored' GROUP BY ALL ORDER BY t.ticket_id",
        [run_id, run_id, run_id],
    )
