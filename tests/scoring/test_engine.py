"""The one engine: the CLI and the workbench give identical results; an in-process judge's
results are committed while the run goes on; a killed run keeps what was committed and
resumes to exactly one result per ticket; a run resumes only with the judge it started with."""

import asyncio
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from tests.conftest import ROOT, run_cli
from tqrs.config import SAMPLES_DIR
from tqrs.engine import execute, plan_run
from tqrs.errors import InputError
from tqrs.ingest import ingest_files
from tqrs.judges import JudgeIdentity
from tqrs.judges.offline import OfflineJudge
from tqrs.rubric import load_rubric
from tqrs.store import Store
from tqrs.store import runs as db
from tqrs.testing.tickets import write_export


def _results(store, run_id) -> list[dict]:
    return [s.model_dump() for s in db.iter_ticket_scores(store, run_id)]


def test_the_cli_and_a_workbench_run_give_identical_results(isolated_state):
    from tqrs.jobs import JOBS
    from tqrs.workbench import start_evaluation

    with Store() as store:
        session = ingest_files(store, [SAMPLES_DIR / "incidents.json"], "samples").session_id
    cli = run_cli("evaluate", session, "--offline", "--rubric", "incident_handling", check=True)
    cli_run = int(
        next(line for line in cli.stdout.splitlines() if line.startswith("run ")).split()[1][:-1]
    )
    with Store() as store:
        run_id = start_evaluation(store, session, load_rubric("incident_handling"), offline=True)
        JOBS.get(run_id).wait(60)
        assert db.get_run(store, run_id).status == "completed"
        a, b = _results(store, cli_run), _results(store, run_id)
    assert len(a) == 200 and a == b  # every field of every ticket and criterion


class _SlowOffline(OfflineJudge):
    """The offline judge taking a while (5 ms a ticket), so a run lasts long enough to watch."""

    def judge_ticket(self, ticket, rubric, open=None):
        time.sleep(0.005)
        return super().judge_ticket(ticket, rubric, open)


def test_an_in_process_run_commits_while_it_runs(store, monkeypatch):
    import tqrs.engine.run

    monkeypatch.setattr(tqrs.engine.run, "BATCH", 20)
    session = ingest_files(store, [SAMPLES_DIR / "incidents.json"], "samples").session_id
    judge = _SlowOffline()
    plan = plan_run(store, session, load_rubric("incident_handling"), judge)
    seen = []

    def watch(progress):  # on the run's loop thread, between batches
        seen.append((progress.finished, db.count_results(store, plan.run_id)))

    final = asyncio.run(execute(store, plan, judge, on_progress=watch))
    assert final.status == "completed" and db.count_results(store, plan.run_id) == 200
    during = [stored for finished, stored in seen if finished < 200]
    assert max(during) > 0  # results were in the database before the run finished
    assert all(stored <= finished for finished, stored in seen)


# Silence, not slowness: a running CLI writes a progress line every 2 s whatever its speed,
# so this long without a line of output is a hang (the test fails instead of waiting forever).
SILENCE = 600


def _lines(stream) -> Iterator[str]:
    """The lines of `stream` as they come, to its end; fails after SILENCE seconds without
    one."""
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in stream:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    while True:
        try:
            line = lines.get(timeout=SILENCE)
        except queue.Empty:
            raise AssertionError(f"no output for {SILENCE} s: the run hangs") from None
        if line is None:
            return
        yield line


@pytest.mark.slow
def test_a_killed_run_keeps_what_was_committed_and_resumes(isolated_state, tmp_path):
    """No limit on how long the run takes (the resume had 120 s): each wait is on the run's
    output, a progress line or its end, bounded only by SILENCE."""
    with Store() as store:
        path = write_export(tmp_path / "export.json", 20_000)
        session = ingest_files(store, [path], "twenty thousand").session_id
    proc = subprocess.Popen(
        [sys.executable, "-m", "tqrs", "evaluate", str(session), "--offline"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    # A progress line every 2 s: "[###...] 12,000/20,000 done ...". The writer lags behind
    # the grading by at most MAX_PENDING tickets and two batches (9,000), so at 12,000
    # graded some results are committed whatever the machine's load.
    for line in _lines(proc.stderr):
        assert line.startswith("["), line
        if int(line.split("] ")[1].split("/")[0].replace(",", "")) >= 12_000:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(SILENCE)
    with Store() as store:
        run_id, status = store.query("SELECT id, status FROM runs ORDER BY id DESC LIMIT 1")[0]
        kept = db.count_results(store, run_id)
    assert status == "running" and 0 < kept < 20_000

    resume = subprocess.Popen(
        [sys.executable, "-m", "tqrs", "evaluate", str(session), "--resume", str(run_id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # its progress lines, and what it says when it is done
        text=True,
        cwd=ROOT,
    )
    said = "".join(_lines(resume.stdout))  # to its end: the run is over
    assert resume.wait(SILENCE) == 0, said
    assert f"resuming run {run_id}: {kept:,} of 20,000 tickets already done" in said
    with Store() as store:
        total, distinct = store.query(
            "SELECT count(*), count(DISTINCT ticket_id) FROM ticket_results WHERE run_id = ?",
            [run_id],
        )[0]
        assert (total, distinct) == (20_000, 20_000)
        assert db.get_run(store, run_id).status == "completed"


def test_a_run_resumes_only_with_its_own_judge(store):
    session = ingest_files(store, [SAMPLES_DIR / "incidents.json"], "samples").session_id
    rubric = load_rubric("incident_logging")
    plan = plan_run(store, session, rubric, OfflineJudge(), limit=10)

    class Elsewhere(OfflineJudge):  # the same kind of judge, another model version
        model = "offline-heuristics-elsewhere"

    with pytest.raises(InputError) as e:
        plan_run(store, session, rubric, Elsewhere(), resume=plan.run_id)
    assert f"run {plan.run_id} cannot be resumed with another judge" in str(e.value)
    assert f"model '{OfflineJudge.model}' (now 'offline-heuristics-elsewhere')" in str(e.value)
    again = plan_run(store, session, rubric, OfflineJudge(), resume=plan.run_id)
    assert (again.run_id, again.done, again.remaining) == (plan.run_id, 0, 10)


def test_identity_differences_name_what_changed():
    a = JudgeIdentity("llm", "gpt-4o", "openai", "https://api.openai.com/v1", "judge-v2")
    b = JudgeIdentity("llm", "gpt-4o", "compatible", "http://10.0.0.5:8000/v1", "judge-v2")
    assert a.differences(b) == [
        "provider 'openai' (now 'compatible')",
        "endpoint 'https://api.openai.com/v1' (now 'http://10.0.0.5:8000/v1')",
    ]
    assert a.differences(a) == []


def test_a_run_says_it_prepares_the_knowledge_notes_before_grading(store):
    """With documents in the knowledge base the session is embedded before any ticket is
    graded: the progress says so first, then grading starts with no stage."""
    from tests.knowledge.conftest import SAMPLES
    from tqrs.embeddings import FakeEmbedder
    from tqrs.engine.run import PREPARING_NOTES
    from tqrs.knowledge import add_documents

    fake = FakeEmbedder()
    add_documents(store, fake, sorted(SAMPLES.iterdir()))
    session = ingest_files(store, [SAMPLES_DIR / "incidents.json"], "samples").session_id
    judge = OfflineJudge()
    plan = plan_run(store, session, load_rubric("incident_handling"), judge)
    seen = []
    final = asyncio.run(
        execute(
            store,
            plan,
            judge,
            on_progress=lambda p: seen.append((p.stage, p.finished)),
            embedder_factory=lambda: fake,
        )
    )
    assert final.status == "completed" and final.stage is None
    assert seen[0] == (PREPARING_NOTES, 0)
    assert seen[1] == (None, 0)  # the notes are ready before the first ticket is graded
    assert {stage for stage, finished in seen if finished} == {None}
