"""load_report: the one source of every figure, checked against the run storage and against
scores with overrides applied."""

import pytest

from tqrs.errors import NotFoundError
from tqrs.reports import load_report
from tqrs.review import mark_reviewed, override_criterion
from tqrs.store.runs import latest_completed_run, run_summary


def test_figures_match_the_run_summary(hostile_run):
    store, run_id = hostile_run
    report = load_report(store, run_id)
    stored = run_summary(store, run_id)
    s = report.summary
    assert (s.tickets, s.scored, s.passed) == (stored.tickets, stored.scored, stored.passed)
    assert s.pass_rate == pytest.approx(stored.pass_rate)
    assert s.mean_percent == pytest.approx(stored.mean_percent)
    assert {b: n for b, n in s.bands.items() if n} == stored.bands
    assert sum(n for _, _, n in s.histogram) == s.scored
    failed = {c.id: (c.failed, c.scored) for c in s.criteria}
    for cid, _, n, graded in stored.failed_criteria:
        assert failed[cid] == (n, graded)  # one failure rate, the CLI's and the reports'
    rates = [n / graded for _, _, n, graded in stored.failed_criteria]
    assert rates == sorted(rates, reverse=True)


def test_agents_and_groups_come_from_the_tickets(hostile_run):
    store, run_id = hostile_run
    s = load_report(store, run_id).summary
    agents = {g.name: g.tickets for g in s.agents}
    assert agents['=HYPERLINK("http://x","y")'] == 1
    assert sum(agents.values()) == s.tickets
    assert sum(g.tickets for g in s.groups) == s.tickets


def test_an_override_rescores_the_ticket_and_the_summary(hostile_run):
    store, run_id = hostile_run
    before = load_report(store, run_id)
    ticket = before.tickets[-1]  # the clean ticket
    crit = next(c for c in ticket.criteria if c.result.option == "10")
    override_criterion(
        store, run_id, ticket.ticket_id, crit.result.criterion_id, "0", "no <b>quote</b>", "analyst"
    )
    mark_reviewed(store, run_id, ticket.ticket_id, "analyst")
    after = load_report(store, run_id)
    changed = after.tickets[-1]
    assert changed.score.score == ticket.score.score - 10
    assert changed.overridden and changed.reviewed
    assert changed.criteria[ticket.criteria.index(crit)].judged_option == "10"
    assert crit.result.criterion_id in changed.failed_criteria
    assert after.summary.overridden == 1 and after.summary.reviewed == 1
    mean_shift = (changed.score.percent - ticket.score.percent) / before.summary.scored
    assert after.summary.mean_percent == pytest.approx(before.summary.mean_percent + mean_shift)


def test_a_filter_keeps_only_those_tickets(hostile_run):
    store, run_id = hostile_run
    full = load_report(store, run_id)
    wanted = [t.ticket_id for t in full.tickets[:2]]
    part = load_report(store, run_id, ticket_ids=wanted)
    assert [t.ticket_id for t in part.tickets] == wanted
    assert part.summary.tickets == 2


def test_latest_completed_run(hostile_run):
    store, run_id = hostile_run
    session_id = store.query("SELECT session_id FROM runs WHERE id = ?", [run_id])[0][0]
    assert latest_completed_run(store, session_id) == run_id
    store.query("UPDATE runs SET status = 'interrupted' WHERE id = ?", [run_id])
    with pytest.raises(NotFoundError, match=r"session \d+ has no evaluation run yet"):
        latest_completed_run(store, session_id)


def test_criterion_rows_are_built_from_the_columns_the_store_reads():
    from dataclasses import fields

    from tqrs.reports.data import CriterionRow
    from tqrs.results import CriterionResult
    from tqrs.store.results import CRITERION_COLUMNS

    assert tuple(f.name for f in fields(CriterionRow)) == CRITERION_COLUMNS
    assert set(CRITERION_COLUMNS) - {"failed"} <= set(CriterionResult.model_fields)
    assert isinstance(CriterionResult.failed, property)  # stored from the one definition
