"""The monthly spending cap: what the month cost, read from the stored results; LLM runs from
the CLI and the workbench stopped at the cap or refused once it is reached."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from tests.app.conftest import wait_for_jobs
from tests.llm.test_cli import _env, _session, _tqrs
from tqrs.engine import execute, plan_run
from tqrs.errors import BudgetError
from tqrs.judges.llm import LLMJudge
from tqrs.llm.settings import resolve_settings
from tqrs.spending import capped_budget, spending
from tqrs.store import Store
from tqrs.store import runs as db_runs


def _llm_run(store, settings, session, rubric) -> db_runs.RunInfo:
    judge = LLMJudge(settings, store=store, knowledge=None)
    plan = plan_run(store, session, rubric, judge)
    asyncio.run(execute(store, plan, judge, concurrency=4))
    return db_runs.get_run(store, plan.run_id)


def test_the_month_s_cost_is_what_this_month_s_results_cost(
    store, llm_settings, make_session, handling_rubric
):
    settings = llm_settings(monthly_budget=100.0)
    run = _llm_run(store, settings, make_session(12), handling_rubric)
    assert run.status == "completed" and run.cost > 0
    now = datetime.now(UTC)
    s = spending(store, settings, now)
    assert s.spent == pytest.approx(run.cost) and s.remaining == pytest.approx(100 - run.cost)
    assert s.month == now.replace(day=1, hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    next_month = (now.replace(day=28) + timedelta(days=4)).replace(day=1)
    assert spending(store, settings, next_month).spent == 0  # a new month starts at zero
    assert spending(store, llm_settings(), now).remaining is None  # no cap
    assert "no cap" in spending(store, llm_settings(), now).describe()


def test_the_cap_lowers_a_run_s_budget_and_refuses_once_reached(
    store, llm_settings, make_session, handling_rubric
):
    spent = _llm_run(store, llm_settings(), make_session(10), handling_rubric).cost
    cap = llm_settings(monthly_budget=spent + 0.5)
    assert capped_budget(store, cap) == pytest.approx(0.5)
    assert capped_budget(store, cap, budget=0.2) == pytest.approx(0.2)
    assert capped_budget(store, cap, budget=9.0) == pytest.approx(0.5)
    # a resumed run's budget is its total: what it cost already plus what the month allows
    assert capped_budget(store, cap, budget=None, run_cost=0.3) == pytest.approx(0.8)
    assert capped_budget(store, llm_settings(), budget=7.0) == 7.0  # no cap: unchanged
    reached = llm_settings(monthly_budget=spent)
    with pytest.raises(BudgetError, match=r"^the monthly spending cap of \$[\d.]+ is reached"):
        capped_budget(store, reached)


def test_workbench_runs_are_capped_and_refused(
    store, llm_settings, make_session, handling_rubric, fake, monkeypatch
):
    from tqrs.workbench import resume_evaluation, start_evaluation

    session = make_session(40)
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_MODEL", "gpt-4o-mini")
    monkeypatch.setenv("BATCH_CONCURRENCY", "2")
    per_ticket = _llm_run(store, llm_settings(), make_session(4), handling_rubric).cost / 4
    spent = spending(store, llm_settings()).spent
    monkeypatch.setenv("TQRS_MONTHLY_BUDGET", str(spent + 10.5 * per_ticket))
    run_id = start_evaluation(store, session, handling_rubric)
    wait_for_jobs()
    run = db_runs.get_run(store, run_id)
    assert run.status == "budget_stopped" and run.budget == pytest.approx(10.5 * per_ticket)
    # stopped at the cap, give or take the answers in flight (2 requests, 4 tickets)
    assert 5 * per_ticket <= run.cost <= (10.5 + 4) * per_ticket
    assert spending(store, llm_settings()).spent == pytest.approx(spent + run.cost)
    monkeypatch.setenv("TQRS_MONTHLY_BUDGET", str(spending(store, llm_settings()).spent))
    with pytest.raises(BudgetError):
        resume_evaluation(store, run_id)
    with pytest.raises(BudgetError):
        start_evaluation(store, session, handling_rubric)
    assert [r.id for r in db_runs.list_runs(store, session)] == [run_id]  # none created
    # offline runs cost nothing: never capped
    offline = start_evaluation(store, session, handling_rubric, offline=True)
    wait_for_jobs()
    assert db_runs.get_run(store, offline).status == "completed"


@pytest.mark.slow
def test_cli_runs_stop_at_the_cap_and_are_then_refused(fake, tmp_path):
    session = _session(tmp_path, 30)
    probe = _tqrs(_env(fake), "evaluate", str(session), "--rubric", "incident_handling",
                  "--limit", "3")  # fmt: skip
    assert probe.returncode == 0, probe.stderr
    per_ticket = float(probe.stdout.rsplit("cost $", 1)[1].split()[0]) / 3
    cap = 3 * per_ticket + 8.5 * per_ticket
    env = _env(fake, TQRS_MONTHLY_BUDGET=f"{cap:.8f}", BATCH_CONCURRENCY="2")
    proc = _tqrs(env, "evaluate", str(session), "--rubric", "incident_handling")
    assert proc.returncode == 0, proc.stderr
    assert "monthly cap $" in proc.stdout and "left" in proc.stdout
    assert "budget reached: resume with" in proc.stdout
    with Store() as store:
        spent = spending(store, resolve_settings(env={})).spent
    assert spent <= cap + 4 * per_ticket  # at most the answers in flight beyond the cap
    env["TQRS_MONTHLY_BUDGET"] = f"{spent * 0.99:.10f}"  # reached
    proc = _tqrs(env, "evaluate", str(session), "--rubric", "incident_handling")
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: the monthly spending cap of $")
    assert "Traceback" not in proc.stderr
