"""Reports agree with the Review page: overrides and reviewed marks saved through the
workbench's core (tqrs.review) give, in every format, the effective scores the Review table
shows."""

import orjson
import pytest

from tests.reports.readers import csv_rows, html_figures, xlsx_records, xlsx_sheets
from tqrs.reports import load_filtered_report, load_report, render
from tqrs.review import mark_reviewed, override_criterion
from tqrs.store.results import ReviewFilter, query_page


@pytest.fixture
def reviewed_run(hostile_run):
    """Two overrides (one on the same criterion twice: the latest counts) and a reviewed mark."""
    store, run_id = hostile_run
    tickets = load_report(store, run_id).tickets
    clean, other = tickets[-1], tickets[0]
    full = next(c for c in clean.criteria if c.result.option == "10").result.criterion_id
    override_criterion(store, run_id, clean.ticket_id, full, "5", "first thoughts", "ana")
    override_criterion(store, run_id, clean.ticket_id, full, "0", "no <i>evidence</i>", "ana")
    zero = next(c for c in other.criteria if c.result.option == "0").result.criterion_id
    override_criterion(store, run_id, other.ticket_id, zero, "10", "=it is there", "@bob")
    mark_reviewed(store, run_id, clean.ticket_id, "ana")
    return store, run_id


def _review_table(store, run_id, f=None) -> dict[str, tuple]:
    rows, total = query_page(store, run_id, f or ReviewFilter(), limit=10_000)
    assert len(rows) == total
    return {
        r["number"]: (
            r["score"],
            r["percent"],
            r["band"],
            r["passed"],
            r["overridden"],
            r["reviewed_at"] is not None,
        )
        for r in rows
    }


def test_every_format_shows_the_review_pages_effective_scores(reviewed_run):
    store, run_id = reviewed_run
    review = _review_table(store, run_id)
    assert sum(v[4] for v in review.values()) == 2 and sum(v[5] for v in review.values()) == 1

    report = load_report(store, run_id)
    mine = {
        t.number: (
            t.score.score,
            t.score.percent,
            t.score.band,
            t.score.passed,
            t.overridden,
            t.reviewed,
        )
        for t in report.tickets
    }
    assert mine == review

    for t in report.tickets:  # the totals follow from the criteria shown (by hand)
        shown = [c.result for c in t.criteria]
        maximum = sum(c.max_points for c in shown if c.applicable)
        earned = sum(c.points for c in shown if c.applicable) + sum(c.deduction for c in shown)
        assert (t.score.score, t.score.max_points) == (max(0, min(maximum, earned)), maximum)

    from_csv = {
        r["number"]: (
            float(r["score"]),
            float(r["percent"]),
            r["band"],
            r["pass"] == "yes",
            r["overridden"] == "yes",
            r["reviewed"] == "yes",
        )
        for r in csv_rows(render(report, "csv")[""])
    }
    from_json = {
        t["number"]: (
            t["score"],
            t["percent"],
            t["band"],
            t["passed"],
            t["overridden"],
            t["reviewed"],
        )
        for t in orjson.loads(render(report, "json")[""])["tickets"]
    }
    from_xlsx = {
        r["number"]: (
            r["score"],
            r["percent"],
            r["band"],
            r["pass"] == "yes",
            r["overridden"] == "yes",
            r["reviewed"] == "yes",
        )
        for r in xlsx_records(xlsx_sheets(render(report, "xlsx")[""])["Tickets"])
    }
    assert from_csv == from_json == from_xlsx == review

    passed = sum(v[3] for v in review.values())
    figures = html_figures(render(report, "html")[""].decode())
    assert figures["passed"] == str(passed)
    assert (figures["overridden"], figures["reviewed"]) == ("2", "1")


def test_the_latest_override_is_the_one_reported(reviewed_run):
    store, run_id = reviewed_run
    data = orjson.loads(render(load_report(store, run_id), "json")[""])
    overrides = [c["override"] for t in data["tickets"] for c in t["criteria"] if c["override"]]
    assert sorted((o["option"], o["judged_option"], o["note"], o["by"]) for o in overrides) == [
        ("0", "10", "no <i>evidence</i>", "ana"),
        ("10", "0", "=it is there", "@bob"),
    ]
    assert all(o["at"] for o in overrides)


def test_a_report_of_the_review_filter(reviewed_run):
    store, run_id = reviewed_run
    f = ReviewFilter(reviewed=False, min_percent=50)
    shown = _review_table(store, run_id, f)
    report = load_filtered_report(store, run_id, f)
    assert sorted(t.number for t in report.tickets) == sorted(shown)
    assert 0 < report.summary.tickets < 6
