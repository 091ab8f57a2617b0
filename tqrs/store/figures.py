"""The figures of a set of ticket results in effect, defined once: every page, report and
command that shows a pass rate, a mean score, a too-little or an auto-fail count, or a
criterion's not-in-export count reads them from here (the run summary, the reports, the agent
and group profiles and their trends, Home).

The verdict itself is written by tqrs.scoring.verdict_of; here it is only counted. A scored
ticket judged on too little for a verdict ("too_little") is neither a pass nor a fail: the
pass rate and the mean score are both of the tickets WITH a verdict (scored and not too
little), and the too-little count is shown beside them. A figure with no ticket to compute it
on is None (shown "–"), never 0."""

from dataclasses import dataclass

from tqrs.results import NOT_APPLICABLE_SQL
from tqrs.store.base import Store


def figures_sql(t: str = "") -> str:
    """The select-list of a Figures over ticket results in effect (columns status, verdict,
    passed, percent, auto_fail), `t` their qualifier ("t." where another table has a status);
    read it back with Figures.of."""
    scored = f"{t}status = 'scored'"
    judged = f"{scored} AND {t}verdict IS DISTINCT FROM 'too_little'"
    return (
        f"count(*) FILTER ({scored}) AS scored, "
        f"count(*) FILTER ({scored} AND {t}verdict = 'too_little') AS too_little, "
        f"count(*) FILTER ({judged} AND {t}passed) AS passed, "
        f"count(*) FILTER ({scored} AND {t}auto_fail) AS auto_fails, "
        f"avg({t}percent) FILTER ({judged}) AS mean_percent"
    )


@dataclass(slots=True)
class Figures:
    """A set of tickets' figures: scored tickets, those too little to judge, passed (of the
    tickets with a verdict), auto-failed, and the mean percent of the tickets with a verdict
    (None when none has one). Figures of a run, an agent or a group extend it with what else
    they show (tqrs.reports.data.Summary, GroupFigures; tqrs.services.home.RunPassRate)."""

    scored: int = 0
    too_little: int = 0
    passed: int = 0
    auto_fails: int = 0
    mean_percent: float | None = None

    @classmethod
    def of(cls, row: dict) -> "Figures":
        """The figures of a row selected with figures_sql."""
        mean = row["mean_percent"]
        return cls(
            row["scored"] or 0,
            row["too_little"] or 0,
            row["passed"] or 0,
            row["auto_fails"] or 0,
            None if mean is None else float(mean),
        )

    def figures(self) -> dict:
        """These figures alone, as keywords (to build a class that extends Figures)."""
        return {
            f: getattr(self, f)
            for f in ("scored", "too_little", "passed", "auto_fails", "mean_percent")
        }

    @property
    def judged(self) -> int:
        """Scored tickets with a verdict, pass or fail."""
        return self.scored - self.too_little

    @property
    def pass_rate(self) -> float | None:
        """Of the tickets with a verdict; None when no ticket has one."""
        return self.passed / self.judged if self.judged else None


def ticket_filter(ticket_ids: list[int] | None, column: str = "ticket_id") -> tuple[str, list]:
    """A filter to `ticket_ids` (None: every ticket of the run)."""
    if ticket_ids is None:
        return "", []
    return f" AND {column} IN (SELECT unnest(?::BIGINT[]))", [list(ticket_ids)]


def run_figures(store: Store, run_id: int, ticket_ids: list[int] | None = None) -> Figures:
    """The figures of a run's tickets in effect (`ticket_ids`: only these)."""
    only, params = ticket_filter(ticket_ids)
    return Figures.of(
        store.query_dicts(
            f"SELECT {figures_sql()} FROM effective_ticket_results WHERE run_id = ?{only}",
            [run_id, *params],
        )[0]
    )


# Each criterion's counts over criterion results in effect `c` (of scored tickets): graded
# (applicable), failed (CriterionResult.failed as stored), not in export (the status
# "not_assessable", tqrs.assessable), N/A (tqrs.results.is_not_applicable).
CRITERION_COUNTS_SQL = (
    "count(*) FILTER (c.applicable) AS graded, count(*) FILTER (c.failed) AS failed, "
    "count(*) FILTER (c.status = 'not_assessable') AS not_in_export, "
    f"count(*) FILTER {NOT_APPLICABLE_SQL} AS not_applicable"
)


def criterion_counts(
    store: Store, run_id: int, ticket_ids: list[int] | None = None
) -> dict[str, tuple[int, int, int, int]]:
    """criterion id -> (graded, failed, not in export, N/A) over the run's scored tickets in
    effect (`ticket_ids`: only these), as CRITERION_COUNTS_SQL counts them. Criteria graded
    on no scored ticket are absent."""
    only, params = ticket_filter(ticket_ids, "c.ticket_id")
    rows = store.query(
        f"SELECT c.criterion_id, {CRITERION_COUNTS_SQL} "
        "FROM effective_criterion_results c JOIN effective_ticket_results t "
        "ON t.run_id = c.run_id AND t.ticket_id = c.ticket_id "
        f"WHERE c.run_id = ? AND t.status = 'scored'{only} GROUP BY c.criterion_id",
        [run_id, *params],
    )
    return {cid: tuple(counts) for cid, *counts in rows}
