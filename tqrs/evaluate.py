"""The offline fast path: rules and the offline judge over a whole session, synchronously,
with results committed in batches. LLM runs go through the concurrent runner instead
(tqrs/runner.py); both write the same run tables."""

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from tqrs.embeddings import get_embedder
from tqrs.judges.knowledge_notes import add_knowledge
from tqrs.judges.offline import MODEL, OfflineJudge
from tqrs.knowledge.evidence import (
    KnowledgeEvidence,
    TicketEvidence,
    category_criteria,
    knowledge_evidence,
)
from tqrs.knowledge.tickets import ensure_embedded
from tqrs.models import Ticket
from tqrs.offline_pool import score_in_processes
from tqrs.results import RunSummary, TicketScore
from tqrs.rubric import Rubric, load_rubric
from tqrs.rules import apply_rules
from tqrs.scoring import score_ticket
from tqrs.store import Store
from tqrs.store import runs as db
from tqrs.store.sessions import get_session

DEFAULT_RUBRICS = ("incident_logging", "incident_handling")
BATCH = 5000  # tickets per transaction
WORKER_BATCH = 1000  # tickets per task sent to a worker process

Progress = Callable[[int, int], None]


def score_offline(
    tickets: Iterable[Ticket], rubric: Rubric, evidence: dict[int, TicketEvidence] | None = None
) -> Iterable[TicketScore]:
    """Rules and the offline judge for each ticket, scored; `evidence` (ticket id -> its
    knowledge evidence) adds citations and notes, never points."""
    judge = OfflineJudge()
    categories = category_criteria(rubric) if evidence else ()
    for t in tickets:
        results = apply_rules(t, rubric) | judge.judge_sync(t, rubric)
        if evidence:
            results = add_knowledge(results, evidence.get(t.id), categories)
        yield score_ticket(rubric, t.id, t.number, results)


def evaluate_offline(
    store: Store,
    session_ref: str | int,
    rubric_name: str | Rubric,
    limit: int | None = None,
    progress: Progress | None = None,
    workers: int = 1,
    embedder_factory=get_embedder,
) -> int:
    """Score a session's tickets (the first `limit` if given) against a rubric with no LLM;
    returns the run id. The run ends "completed", or "failed"/"interrupted" with the
    results committed so far.

    `workers` > 1 scores in that many worker processes. Opt-in: on the 2-core machine, shared
    with other work, two workers were slower than this process alone (the parent's reading,
    pickling and storing compete for the same cores).

    Knowledge evidence (tqrs.knowledge.evidence) is used when the knowledge base has documents
    (the session is embedded first) or the session is embedded already; otherwise no embedder
    is made. Raises ConfigError when the evidence needs an embedder that cannot load."""
    session = get_session(store, session_ref)
    rubric = rubric_name if isinstance(rubric_name, Rubric) else load_rubric(rubric_name)
    knowledge = knowledge_evidence(store, embedder_factory, category_criteria(rubric), session.id)
    if knowledge is not None and knowledge.chunks:
        ensure_embedded(store, knowledge.embedder, session.id)  # also for similar tickets
    total = session.ticket_count if limit is None else min(limit, session.ticket_count)
    with store.transaction() as cur:
        run_id = db.create_run(
            cur, session.id, rubric, "offline", MODEL, provider="offline", tickets_total=total
        )
    done = 0
    try:
        with _rare_cycle_collection():
            for rows in _scored_rows(store, session.id, rubric, run_id, total, workers, knowledge):
                with store.transaction() as cur:
                    done += db.write_score_rows(cur, rows)
                if progress:
                    progress(done, total)
    except KeyboardInterrupt:
        db.finish_run(store, run_id, "interrupted", error=f"interrupted after {done} tickets")
        raise
    except Exception as e:  # recorded on the run, then re-raised unchanged
        db.finish_run(store, run_id, "failed", error=f"{type(e).__name__}: {e}")
        raise
    db.finish_run(store, run_id, "completed")
    return run_id


def _scored_rows(
    store: Store,
    session_id: int,
    rubric: Rubric,
    run_id: int,
    total: int,
    workers: int,
    knowledge: KnowledgeEvidence | None = None,
) -> Iterator[db.ScoreRows]:
    """Rows to store, a batch at a time, scored here or in worker processes."""
    if workers > 1:
        batches = db.iter_run_ticket_rows(store, session_id, limit=total, batch=WORKER_BATCH)
        yield from score_in_processes(batches, rubric, run_id, workers, knowledge)
        return
    tickets = iter(db.iter_run_tickets(store, session_id, limit=total))
    while batch := list(islice(tickets, BATCH)):
        evidence = knowledge.for_tickets(batch) if knowledge is not None else None
        yield db.score_rows(run_id, score_offline(batch, rubric, evidence))


@contextmanager
def _rare_cycle_collection() -> Iterator[None]:
    """Fewer cyclic-GC passes during a run: its many short-lived result objects otherwise
    trigger collections that cost a fifth of the time. The setting is process-wide; an
    overlapping run (another workbench session) at worst restores it early."""
    old = gc.get_threshold()
    gc.set_threshold(50_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def run_summary(store: Store, run_id: int, top: int = 5) -> RunSummary:
    """Tickets, pass rate, mean percent, band counts and the most failed criteria of a run."""
    return db.run_summary(store, run_id, top)


def render_summary(summary: RunSummary) -> list[str]:
    """The summary as the CLI prints it."""
    run = summary.run
    judge = f"{run.judge} ({run.model})" if run.model else run.judge
    lines = [
        f"run {run.id}: session {run.session_id}, rubric {run.rubric_id} "
        f"{run.rubric_version}, judge {judge}, {run.status}",
        f"tickets: {summary.tickets:,}  scored: {summary.scored:,}  "
        f"could not grade: {summary.failed:,}",
    ]
    if summary.pass_rate is not None:
        lines.append(
            f"pass rate: {summary.pass_rate:.1%} ({summary.passed:,} of {summary.scored:,})"
        )
    if summary.mean_percent is not None:
        lines.append(f"mean score: {summary.mean_percent:.1f}%")
    lines.append("bands: " + (", ".join(f"{b} {n:,}" for b, n in summary.bands.items()) or "none"))
    if summary.failed_criteria:
        lines.append("most failed criteria:")
        width = max(len(c) for c, _, _ in summary.failed_criteria)
        for cid, title, n in summary.failed_criteria:
            share = n / summary.scored if summary.scored else 0
            lines.append(f"  {cid:<{width}}  {n:>7,} tickets ({share:.0%})  {title}")
    return lines


class KnowledgeOfflineJudge(OfflineJudge):
    """The offline judge for runs through the runner (the workbench's background jobs), with
    the same knowledge notes as `evaluate_offline`. The evidence is looked up when the run
    grades its first ticket, on the job's thread, so starting a run never waits for the
    embedding model."""

    def __init__(self, store: Store, session_id: int, embedder_factory=get_embedder):
        self.store, self.session_id, self.embedder_factory = store, session_id, embedder_factory
        self._knowledge: KnowledgeEvidence | None = None
        self._looked_up = False

    def annotate(self, ticket, rubric: Rubric, results: dict) -> dict:
        if not self._looked_up:
            self._knowledge = knowledge_evidence(
                self.store, self.embedder_factory, category_criteria(rubric), self.session_id
            )
            if self._knowledge is not None and self._knowledge.chunks:
                ensure_embedded(self.store, self._knowledge.embedder, self.session_id)
            self._looked_up = True
        if self._knowledge is None:
            return results
        evidence = self._knowledge.for_tickets([ticket]).get(ticket.id)
        return add_knowledge(results, evidence, category_criteria(rubric))
