"""Queries for evaluation runs and their per-ticket and per-criterion results.

Results are written in batches through pyarrow tables: a run over 100,000 tickets stores about
a million criterion rows, which row-by-row inserts could not do in time."""

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from tqrs.errors import NotFoundError
from tqrs.results import CriterionResult, RunInfo, RunSummary, TicketScore
from tqrs.rubric import Rubric
from tqrs.store.base import Store

_TICKET_COLUMNS = ("run_id", "ticket_id", "number", "score", "max_points", "percent", "band",
                   "passed", "auto_fail", "status", "error", "tokens_in", "tokens_out", "cost",
                   "cached", "finished_at")
_CRITERION_FIELDS = ("criterion_id", "title", "method", "status", "option", "points",
                     "max_points", "deduction", "applicable", "auto_fail", "evidence",
                     "reasoning", "coaching", "error", "prompt", "raw_reply", "citations")
_CRITERION_COLUMNS = ("run_id", "ticket_id", "position", *_CRITERION_FIELDS)
_RUN_COLUMNS = tuple(RunInfo.model_fields)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def create_run(cur: duckdb.DuckDBPyConnection, session_id: int, rubric: Rubric, judge: str,
               model: str = "", provider: str = "", prompt_version: str = "",
               tickets_total: int = 0, budget: float | None = None) -> int:
    """A new run in status "running"; returns its id."""
    return cur.execute(
        "INSERT INTO runs (session_id, rubric_id, rubric_version, rubric_json, judge, model, "
        "provider, prompt_version, status, started_at, tickets_total, budget) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?) RETURNING id",
        [session_id, rubric.id, rubric.version, rubric.model_dump_json(), judge, model,
         provider, prompt_version, _now(), tickets_total, budget]).fetchone()[0]


def write_ticket_scores(cur: duckdb.DuckDBPyConnection, run_id: int,
                        scores: Iterable[TicketScore]) -> int:
    """Insert a batch of ticket scores with their criterion results; returns how many.
    Call inside a transaction so that a ticket and its criteria land together."""
    scores = list(scores)
    if not scores:
        return 0
    now = _now()
    tickets = {c: [] for c in _TICKET_COLUMNS}
    crits = {c: [] for c in _CRITERION_COLUMNS}
    for s in scores:
        for col, value in zip(_TICKET_COLUMNS, (
                run_id, s.ticket_id, s.number, s.score, s.max_points, s.percent, s.band,
                s.passed, s.auto_fail, s.status, s.error, s.tokens_in, s.tokens_out, s.cost,
                s.cached, now), strict=True):
            tickets[col].append(value)
        for position, r in enumerate(s.criteria):
            crits["run_id"].append(run_id)
            crits["ticket_id"].append(s.ticket_id)
            crits["position"].append(position)
            for name in _CRITERION_FIELDS:
                crits[name].append(getattr(r, name))
    _insert(cur, "ticket_results", pa.table(tickets))
    _insert(cur, "criterion_results", pa.table(crits, schema=_CRITERION_SCHEMA))
    return len(scores)


_CRITERION_SCHEMA = pa.schema(
    [(c, pa.int64()) for c in ("run_id", "ticket_id")] + [("position", pa.int32())]
    + [(c, pa.string()) for c in ("criterion_id", "title", "method", "status", "option")]
    + [(c, pa.int32()) for c in ("points", "max_points", "deduction")]
    + [(c, pa.bool_()) for c in ("applicable", "auto_fail")]
    + [(c, pa.string()) for c in ("evidence", "reasoning", "coaching", "error", "prompt",
                                  "raw_reply")]
    + [("citations", pa.list_(pa.string()))])


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
    return {r[0] for r in store.query("SELECT ticket_id FROM ticket_results WHERE run_id = ?",
                                      [run_id])}


def finish_run(store: Store, run_id: int, status: str, error: str | None = None,
               tokens_in: int = 0, tokens_out: int = 0, cost: float = 0.0) -> None:
    """Close a run: its final status, and the token use and cost added during it."""
    store.cursor().execute(
        "UPDATE runs SET status = ?, error = ?, finished_at = ?, tokens_in = tokens_in + ?, "
        "tokens_out = tokens_out + ?, cost = cost + ? WHERE id = ?",
        [status, error, _now(), tokens_in, tokens_out, cost, run_id])


def get_run(store: Store, run_id: int) -> RunInfo:
    rows = store.query_dicts(f"SELECT {', '.join(_RUN_COLUMNS)} FROM runs WHERE id = ?",
                             [run_id])
    if not rows:
        raise NotFoundError(f"no run {run_id}")
    return RunInfo(**rows[0])


def list_runs(store: Store, session_id: int | None = None) -> list[RunInfo]:
    where, params = ("WHERE session_id = ?", [session_id]) if session_id is not None else ("", [])
    rows = store.query_dicts(f"SELECT {', '.join(_RUN_COLUMNS)} FROM runs {where} ORDER BY id",
                             params)
    return [RunInfo(**r) for r in rows]


def run_summary(store: Store, run_id: int, top: int = 5) -> RunSummary:
    """Counts, pass rate, mean percent, band counts and the most frequently failed criteria."""
    run = get_run(store, run_id)
    tickets, scored, failed, passed, mean = store.query(
        "SELECT count(*), count(*) FILTER (status = 'scored'), "
        "count(*) FILTER (status = 'failed'), count(*) FILTER (passed AND status = 'scored'), "
        "avg(percent) FILTER (status = 'scored') FROM ticket_results WHERE run_id = ?",
        [run_id])[0]
    bands = dict(store.query(
        "SELECT band, count(*) FROM ticket_results WHERE run_id = ? AND status = 'scored' "
        "GROUP BY band ORDER BY min(percent) DESC NULLS LAST", [run_id]))
    lost = store.query(
        "SELECT criterion_id, any_value(title), count(*) AS n FROM criterion_results "
        "WHERE run_id = ? AND status = 'scored' "
        "AND (auto_fail OR deduction < 0 OR points < max_points) "
        "GROUP BY criterion_id ORDER BY n DESC, criterion_id LIMIT ?", [run_id, top])
    return RunSummary(run=run, tickets=tickets, scored=scored, failed=failed, passed=passed,
                      pass_rate=passed / scored if scored else None,
                      mean_percent=mean, bands=bands,
                      failed_criteria=[(c, t, n) for c, t, n in lost])


def iter_ticket_scores(store: Store, run_id: int, batch: int = 2000) -> Iterator[TicketScore]:
    """The run's ticket scores with their criteria, in ticket order."""
    cur = store.new_cursor()
    crit_cur = store.new_cursor().execute(
        f"SELECT ticket_id, {', '.join(_CRITERION_FIELDS)} FROM criterion_results "
        "WHERE run_id = ? ORDER BY ticket_id, position", [run_id])
    cur.execute(f"SELECT {', '.join(_TICKET_COLUMNS[1:-1])} FROM ticket_results "
                "WHERE run_id = ? ORDER BY ticket_id", [run_id])
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
                score.criteria.append(CriterionResult(
                    **dict(zip(_CRITERION_FIELDS, crow[1:], strict=True))))
            yield score
