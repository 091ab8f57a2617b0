"""Agreement figures against values computed by hand on a six-ticket fixture."""

import pytest

from tests.conftest import incident, write_export
from tqrs.calibration import calibrate, cohen_kappa
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.review import mark_reviewed, override_criterion


def test_kappa_textbook_and_degenerate_cases():
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> po 0.7, pe 0.5, kappa 0.4
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs).value == pytest.approx(0.4)
    assert cohen_kappa([("a", "a"), ("b", "b")]).value == 1.0
    assert cohen_kappa([("a", "b"), ("b", "a")]).value == pytest.approx(-1.0)
    none = cohen_kappa([])
    assert none.value is None and "no reviewed" in none.note
    one = cohen_kappa([("10", "10")] * 4)
    assert one.value is None and "one score throughout" in one.note
    # One rater constant, the other not: defined, and 0 here (po = pe = 0.8).
    assert cohen_kappa([("0", "0")] * 4 + [("0", "10")]).value == pytest.approx(0.0)


@pytest.fixture
def run(store, tmp_path):
    # The offline judge gives every ticket: short_description 10 (tickets 1-4) or 0 (5, 6),
    # caller_validation 0, categorization/service_ci 10, description_quality 10,
    # critical_process N/A, spelling_grammar 10; all six fail (71.4% and 57.1%).
    records = [incident(i) for i in range(1, 5)]
    records += [incident(i, short_description="Email broken") for i in (5, 6)]
    session = ingest_files(store, [write_export(tmp_path / "x.json", records)], "x").session_id
    run = evaluate_offline(store, session, "incident_logging")
    o = lambda t, c, opt: override_criterion(store, run, t, c, opt, "note " + opt, "ann")  # noqa: E731
    o(1, "short_description", "5")
    o(2, "short_description", "5")
    o(2, "short_description", "10")  # the latest override restores the judge's option
    o(3, "short_description", "0")
    o(5, "short_description", "5")
    o(2, "critical_process", "-35")
    o(4, "caller_validation", "10")
    o(4, "description_quality", "20")  # ticket 4 now passes: 70/70
    o(6, "short_description", "10")  # not marked reviewed: left out
    for t in (1, 2, 3, 4, 5):
        mark_reviewed(store, run, t, "ann")
    return run


def test_agreement_by_hand(store, run):
    cal = calibrate(store, run)
    assert cal.reviewed_tickets == 5 and cal.excluded_override_tickets == 1
    c = {x.criterion_id: x for x in cal.criteria}
    # short_description: judge 10 10 10 10 0, human 5 10 0 10 5
    sd = c["short_description"]
    assert (sd.pairs, sd.agreed, sd.agreement) == (5, 2, pytest.approx(0.4))
    # pe = (4*2 + 1*1) / 25 = 0.36; kappa = (0.4 - 0.36) / 0.64 = 0.0625
    assert sd.kappa.value == pytest.approx(0.0625)
    assert sd.mean_abs_points == pytest.approx((5 + 0 + 10 + 0 + 5) / 5)
    assert [(e.number, e.judge_option, e.human_option) for e in sd.examples] == [
        ("INC0010001", "10", "5"),
        ("INC0010003", "10", "0"),
        ("INC0010005", "0", "5"),
    ]
    assert sd.examples[0].note == "note 5"
    # critical_process: judge N/A x5, human one -35: po 0.8 = pe, kappa 0; |0 - -35| / 5 = 7
    cp = c["critical_process"]
    assert (cp.agreement, cp.kappa.value, cp.mean_abs_points) == (
        pytest.approx(0.8),
        pytest.approx(0.0),
        pytest.approx(7.0),
    )
    assert c["caller_validation"].mean_abs_points == pytest.approx(2.0)
    assert c["description_quality"].kappa.value == pytest.approx(0.0)
    for cid in ("categorization", "service_ci", "spelling_grammar"):
        assert c[cid].agreement == 1.0 and c[cid].kappa.value is None
        assert "one score throughout" in c[cid].kappa.note and c[cid].mean_abs_points == 0
    # Overall: 35 pairs, 6 disagreements, points 20 + 35 + 10 + 10 = 75
    assert (cal.pairs, cal.agreement) == (35, pytest.approx(29 / 35))
    assert cal.mean_abs_points == pytest.approx(75 / 35)
    assert cal.kappa.value == pytest.approx((0.0625 + 0 + 0 + 0) / 4)
    # Verdicts: judge fails all five, humans pass ticket 4: agreement 0.8, kappa 0
    assert cal.verdict_agreement == pytest.approx(0.8)
    assert cal.verdict_kappa.value == pytest.approx(0.0)
    assert [x.criterion_id for x in cal.most_disagreed()] == [
        "short_description",
        "caller_validation",
        "description_quality",
        "critical_process",
    ]


def test_no_review_and_unmarking(store, run):
    for t in (1, 2, 3, 4, 5):
        mark_reviewed(store, run, t, None)
    cal = calibrate(store, run)
    assert cal.reviewed_tickets == 0 and cal.pairs == 0 and cal.agreement is None
    assert cal.kappa.value is None and cal.verdict_kappa.value is None
    assert cal.excluded_override_tickets == 6
    mark_reviewed(store, run, 5, "bob")
    cal = calibrate(store, run)
    # Ticket 5 alone: its 6 criteria without override agree, short_description (0 -> 5) not.
    assert (cal.reviewed_tickets, cal.pairs, cal.agreement) == (1, 7, pytest.approx(6 / 7))
    assert cal.mean_abs_points == pytest.approx(5 / 7)


def test_calibration_in_json_and_html_reports(store, run):
    from tqrs.reports.data import load_report
    from tqrs.reports.html_report import batch_html
    from tqrs.reports.json_report import report_dict

    report = load_report(store, run)
    data = report_dict(report)["calibration"]
    assert data["reviewed_tickets"] == 5 and data["pairs"] == 35
    assert data["agreement"] == pytest.approx(29 / 35)
    sd = next(c for c in data["criteria"] if c["criterion_id"] == "short_description")
    assert sd["kappa"]["value"] == pytest.approx(0.0625)
    html = batch_html(report).decode()
    assert "Calibration: judge against analysts" in html
    assert ">83%<" in html and "0.06" in html and "one score throughout" in html
    assert report_dict(load_report(store, run, ticket_ids=[1, 2]))["calibration"] is None
