"""Queries for evaluation runs and their per-ticket and per-criterion results.

Results are written in batches through pyarrow tables: a run over 100,000 tickets stores about
a million criterion rows, which row-by-row inserts could not do in time."""

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from operator import itemgetter

import duckdb
import pyarrow as pa

from tqrs.errors import NotFoundError
from tqrs.results import CriterionResult, RunInfo, RunSummary, TicketScore
from tqrs.rubric import Rubric
from tqrs.store.base import Store
from tqrs.store.figures import criterion_counts, run_figures
from tqrs.store.sessions import iter_ticket_rows

_TICKET_COLUMNS = (
    "run_id",
    "ticket_id",
    "number",
    "score",
    "max_points",
    "percent",
    "band",
    "passed",
    "verdict",
    "auto_fail",
    "status",
    "error",
    "tokens_in",
    "tokens_out",
    "cost",
    "cached",
    "finished_at",
)
CRITERION_FIELDS = (
    "criterion_id",
    "title",
    "method",
    "status",
    "option",
    "points",
    "max_points",
    "deduction",
    "applicable",
    "auto_fail",
    "evidence",
    "reasoning",
    "coaching",
    "error",
    "prompt",
    "raw_reply",
    "citations",
)
# A TicketScore's fields as each ticket result stores them.
SCORE_COLUMNS = _TICKET_COLUMNS[1:-1]
# `failed` is CriterionResult.failed, stored so that SQL reads the one definition
_CRITERION_COLUMNS = ("run_id", "ticket_id", "position", *CRITERION_FIELDS, "failed")
_RUN_COLUMNS = tuple(RunInfo.model_fields)
_STATUS = _TICKET_COLUMNS.index("status")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def create_run(
    cur: duckdb.DuckDBPyConnection,
    session_id: int,
    rubric: Rubric,
    judge,
    tickets_total: int = 0,
    budget: float | None = None,
    mode: str = "online",
) -> int:
    """A new run in status "running", pinned to `judge` (a tqrs.judges.JudgeIdentity), its
    requests sent `mode` ("online", or "batch": the provider's Batch API); returns its id."""
    return cur.execute(
        "INSERT INTO runs (session_id, rubric_id, rubric_version, rubric_json, judge, model, "
        "provider, endpoint, prompt_version, status, started_at, tickets_total, budget, mode) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?) RETURNING id",
        [
            session_id,
            rubric.id,
            rubric.version,
            rubric.model_dump_json(),
            judge.name,
            judge.model,
            judge.provider,
            judge.endpoint,
            judge.prompt_version,
            _now(),
            tickets_total,
            budget,
            mode,
        ],
    ).fetchone()[0]


def write_ticket_scores(
    cur: duckdb.DuckDBPyConnection, run_id: int, scores: Iterable[TicketScore]
) -> int:
    """Insert a batch of ticket scores with their criterion results; returns how many.
    Call inside a transaction so that a ticket and its criteria land together."""
    return write_score_rows(cur, score_rows(run_id, scores))


ScoreRows = tuple[list[tuple], list[tuple]]


def score_rows(run_id: int, scores: Iterable[TicketScore]) -> ScoreRows:
    """The rows of ticket_results and criterion_results for a batch of scores: plain tuples,
    cheap to send from a worker process."""
    now = _now()
    ticket_rows, crit_rows = [], []
    for s in scores:
        ticket_rows.append((run_id, *_TICKET_VALUES(s.__dict__), now))
        crit_rows.extend(
            (run_id, s.ticket_id, position, *_CRITERION_VALUES(r.__dict__), r.failed)
            for position, r in enumerate(s.criteria)
        )
    return ticket_rows, crit_rows


def count_statuses(rows: ScoreRows) -> tuple[int, int]:
    """(scored, could not grade) tickets in rows made by score_rows."""
    failed = sum(1 for row in rows[0] if row[_STATUS] == "failed")
    return len(rows[0]) - failed, failed


def write_score_rows(cur: duckdb.DuckDBPyConnection, rows: ScoreRows) -> int:
    """Insert rows made by score_rows; returns how many tickets."""
    ticket_rows, crit_rows = rows
    if not ticket_rows:
        return 0
    _insert(cur, "ticket_results", _table(_TICKET_COLUMNS, ticket_rows))
    if crit_rows:
        _insert(cur, "criterion_results", _table(_CRITERION_COLUMNS, crit_rows, _CRITERION_SCHEMA))
    return len(ticket_rows)


# field values straight from the models' __dict__: getattr per field per row was most of
# the time of storing a 100,000-ticket run
_TICKET_VALUES = itemgetter(*SCORE_COLUMNS)
_CRITERION_VALUES = itemgetter(*CRITERION_FIELDS)


def _table(columns: tuple[str, ...], rows: list[tuple], schema: pa.Schema | None = None):
    return pa.table(
        dict(zip(columns, map(list, zip(*rows, strict=True)), strict=True)), schema=schema
    )


_CRITERION_SCHEMA = pa.schema(
    [(c, pa.int64()) for c in ("run_id", "ticket_id")]
    + [("position", pa.int32())]
    + [(c, pa.string()) for c in ("criterion_id", "title", "method", "status", "option")]
    + [(c, pa.int32()) for c in ("points", "max_points", "deduction")]
    + [(c, pa.bool_()) for c in ("applicable", "auto_fail")]
    + [
        (c, pa.string())
        for c in ("evidence", "reasoning", "coaching", "error", "prompt", "raw_reply")
    ]
    + [("citations", pa.list_(pa.string())), ("failed", pa.bool_())]
)


def _insert(cur: duckdb.DuckDBPyConnection, table: str, batch: pa.Table) -> None:
    name = f"{table}_batch"
    cur.register(name, batch)
    try:
        cols = ", ".join(batch.column_names)
        cur.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}")
    finally:
        cur.unregister(name)


def done_ticket_ids(store: Store, run_id: int) -> set[int]:
    """Tickets the run has a result for (a resumed run skips them)."""
    return {
        r[0] for r in store.query("SELECT ticket_id FROM ticket_results WHERE run_id = ?", [run_id])
    }


def count_results(store: Store, run_id: int) -> int:
    """Tickets the run has a result for."""
    return store.query("SELECT count(*) FROM ticket_results WHERE run_id = ?", [run_id])[0][0]


def count_session_tickets(store: Store, session_id: int) -> int:
    return store.query("SELECT count(*) FROM tickets WHERE session_id = ?", [session_id])[0][0]


def finish_run(
    store: Store,
    run_id: int,
    status: str,
    error: str | None = None,
    tokens_in: int = 0,
    tokens_out: int = 0,
    cost: float = 0.0,
) -> None:
    """Close a run: its final status, and the token use and cost added during it."""
    with store.transaction() as cur:
        cur.execute(
            "UPDATE runs SET status = ?, error = ?, finished_at = ?, tokens_in = tokens_in + ?, "
            "tokens_out = tokens_out + ?, cost = cost + ? WHERE id = ?",
            [status, error, _now(), tokens_in, tokens_out, cost, run_id],
        )


def get_run(store: Store, run_id: int) -> RunInfo:
    rows = store.query_dicts(f"SELECT {', '.join(_RUN_COLUMNS)} FROM runs WHERE id = ?", [run_id])
    if not rows:
        raise NotFoundError(f"no run {run_id}")
    return RunInfo(**rows[0])


def list_runs(store: Store, session_id: int | None = None) -> list[RunInfo]:
    where, params = ("WHERE session_id = ?", [session_id]) if session_id is not None else ("", [])
    rows = store.query_dicts(
        f"SELECT {', '.join(_RUN_COLUMNS)} FROM runs {where} ORDER BY id", params
    )
    return [RunInfo(**r) for r in rows]


def run_summary(store: Store, run_id: int, top: int = 5) -> RunSummary:
    """Counts, pass rate, mean percent, band counts (in the rubric's order) and the most
    frequently failed criteria, on effective results; the ticket and criterion figures are
    tqrs.store.figures' (the reports read the same): the pass rate and the mean are of the
    tickets with a verdict, those judged on too little (tqrs.scoring.verdict_of) counted
    apart."""
    run = get_run(store, run_id)
    rubric = Rubric.model_validate_json(run.rubric_json)
    tickets, failed, overridden = store.query(
        "SELECT count(*), count(*) FILTER (status = 'failed'), count(*) FILTER (overridden) "
        "FROM effective_ticket_results WHERE run_id = ?",
        [run_id],
    )[0]
    figures = run_figures(store, run_id)
    counted = dict(
        store.query(
            "SELECT band, count(*) FROM effective_ticket_results "
            "WHERE run_id = ? AND status = 'scored' GROUP BY band",
            [run_id],
        )
    )
    order = [b.name for b in rubric.bands]
    bands = {b: counted.pop(b) for b in order if b in counted} | counted
    # each criterion's failures of the tickets it was graded on, as the reports count them
    # (tqrs.reports.data.CriterionFigures), highest failure rate first; and the criteria
    # left out because the export does not carry their inputs (tqrs.assessable), most first
    counts = criterion_counts(store, run_id)
    position = {c.id: i for i, c in enumerate(rubric.criteria)}
    titles = {c.id: c.title for c in rubric.criteria}
    lost = sorted(
        ((cid, titles.get(cid, cid), n, graded) for cid, (graded, n, _, _) in counts.items() if n),
        key=lambda r: (-r[2] / max(r[3], 1), -r[2], r[0]),
    )[:top]
    absent = sorted(
        ((cid, c[2]) for cid, c in counts.items() if c[2]),
        key=lambda r: (-r[1], position.get(r[0], len(position))),
    )
    flagged, flagged_tickets = store.query(
        "SELECT count(*), count(DISTINCT ticket_id) FROM effective_criterion_results "
        "WHERE run_id = ? AND status = 'evidence_not_found'",
        [run_id],
    )[0]
    return RunSummary(
        run=run,
        tickets=tickets,
        scored=figures.scored,
        failed=failed,
        passed=figures.passed,
        too_little=figures.too_little,
        pass_rate=figures.pass_rate,
        mean_percent=figures.mean_percent,
        bands=bands,
        auto_fails=figures.auto_fails,
        overridden=overridden,
        failed_criteria=lost,
        evidence_not_found=flagged,
        evidence_not_found_tickets=flagged_tickets,
        not_in_export=absent,
    )


def iter_ticket_scores(
    store: Store, run_id: int, batch: int = 2000, effective: bool = False
) -> Iterator[TicketScore]:
    """The run's ticket scores with their criteria, in ticket order: as judged, or in effect
    after analysts' overrides (`effective`)."""
    tickets, criteria = (
        ("effective_ticket_results", "effective_criterion_results")
        if effective
        else ("ticket_results", "criterion_results")
    )
    cur = store.new_cursor()
    crit_cur = store.new_cursor().execute(
        f"SELECT ticket_id, {', '.join(CRITERION_FIELDS)} FROM {criteria} "
        "WHERE run_id = ? ORDER BY ticket_id, position",
        [run_id],
    )
    cur.execute(
        f"SELECT {', '.join(_TICKET_COLUMNS[1:-1])} FROM {tickets} "
        "WHERE run_id = ? ORDER BY ticket_id",
        [run_id],
    )
    pending: list[tuple] = []
    names = _TICKET_COLUMNS[1:-1]
    while rows := cur.fetchmany(batch):
        for row in rows:
            score = TicketScore(**dict(zip(names, row, strict=True)))
            while True:
                if not pending:
                    pending = crit_cur.fetchmany(batch * 10)
                    if not pending:
                        break
                    pending.reverse()
                if pending[-1][0] != score.ticket_id:
                    break
                crow = pending.pop()
                score.criteria.append(
                    CriterionResult(**dict(zip(CRITERION_FIELDS, crow[1:], strict=True)))
                )
            yield score


def iter_pending_ticket_rows(
    store: Store, session_id: int, run_id: int, limit: int, batch: int = 2000
) -> Iterator[list[tuple]]:
    """Batches of rows (for `sessions.ticket_from_row`) of the session's first `limit`
    tickets that have no result in the run, in session order. The raw record is left out (an
    empty object): judges read the typed fields, and parsing every raw record would double
    the time of an offline run. Streamed in seq ranges (tqrs.store.sessions.iter_ticket_rows)
    so that a session of any size reads in bounded memory."""
    done = done_ticket_ids(store, run_id)
    for rows in iter_ticket_rows(store, session_id, limit=limit, batch=batch, raw=False):
        rows = [row for row in rows if row[0] not in done] if done else rows
        if rows:
            yield rows


def cost_since(store: Store, start: datetime) -> float:
    """What the LLM cost since `start` (UTC): the cost of every ticket result finished since,
    whatever its run (results are committed as they finish, so a live run counts)."""
    return store.query(
        "SELECT coalesce(sum(cost), 0) FROM ticket_results WHERE finished_at >= ?", [start]
    )[0][0]


def run_ticket_number(store: Store, run_id: int, ticket_id: int) -> str | None:
    """The number of a ticket of the run; None when the run did not score that ticket."""
    rows = store.query(
        "SELECT number FROM ticket_results WHERE run_id = ? AND ticket_id = ?", [run_id, ticket_id]
    )
    return rows[0][0] if rows else None


def run_ticket_ids(store: Store, run_id: int, number: str) -> list[int]:
    """The ids of the run's tickets carrying `number` (more than one for a duplicated number)."""
    rows = store.query(
        "SELECT ticket_id FROM ticket_results WHERE run_id = ? AND number = ? ORDER BY ticket_id",
        [run_id, number],
    )
    return [r[0] for r in rows]


def criterion_rows(store: Store, run_id: int, ticket_id: int) -> list[dict]:
    """The ticket's criterion results as scored, in rubric order."""
    return store.query_dicts(
        "SELECT * EXCLUDE (run_id, ticket_id, position, failed) FROM criterion_results "
        "WHERE run_id = ? AND ticket_id = ? ORDER BY position",
        [run_id, ticket_id],
    )


def ticket_row(store: Store, run_id: int, ticket_id: int) -> dict:
    rows = store.query_dicts(
        "SELECT * FROM ticket_results WHERE run_id = ? AND ticket_id = ?", [run_id, ticket_id]
    )
    if not rows:
        raise NotFoundError(f"run {run_id} has no result for ticket {ticket_id}")
    return rows[0]


def latest_completed_run(store: Store, session_id: int) -> int:
    """The id of the session's most recent completed run."""
    row = store.query(
        "SELECT max(id) FROM runs WHERE session_id = ? AND status = 'completed'", [session_id]
    )[0]
    if row[0] is None:
        raise NotFoundError(
            f"session {session_id} has no evaluation run yet (run tqrs evaluate {session_id})"
        )
    return row[0]
