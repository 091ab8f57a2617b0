import pytest

from tqrs.judges.offline import OfflineJudge
from tqrs.results import CriterionResult
from tqrs.rules import apply_rules
from tqrs.scoring import NO_BAND, score_ticket


def _results(rubric, choose):
    """One result per criterion; `choose(criterion)` gives the option label."""
    return {
        c.id: CriterionResult.from_option(c, choose(c), "rule", evidence="e")
        for c in rubric.criteria
    }


def _best(c):
    labels = [o.label for o in c.options]
    return str(c.max_points) if c.max_points else ("PASS" if "PASS" in labels else "N/A")


def test_full_marks(logging_rubric):
    s = score_ticket(logging_rubric, 1, "INC1", _results(logging_rubric, _best))
    assert (s.score, s.max_points, s.percent, s.band, s.passed) == (70, 70, 100, "BLUE", True)


def test_all_na(handling_rubric):
    s = score_ticket(
        handling_rubric,
        1,
        "INC1",
        _results(
            handling_rubric, lambda c: "N/A" if "N/A" in [o.label for o in c.options] else _best(c)
        ),
    )
    assert s.max_points == 70 - 10 - 10 - 10 - 10  # four criteria can be N/A

    def all_na(c):
        return "N/A"

    only_na = {c.id: c for c in handling_rubric.criteria if "N/A" in [o.label for o in c.options]}
    sub = handling_rubric.model_copy(update={"criteria": list(only_na.values())})
    s = score_ticket(sub, 1, "INC1", _results(sub, all_na))
    # nothing judged: neither passed nor failed (issue 16), no band, no percent
    assert (s.score, s.max_points, s.percent, s.band, s.passed, s.verdict) == (
        0,
        0,
        None,
        NO_BAND,
        False,
        "too_little",
    )


def test_deductions_floor_at_zero(logging_rubric):
    def poor(c):
        if c.id == "critical_process":
            return "-35"
        return "0" if c.max_points else _best(c)

    s = score_ticket(logging_rubric, 1, "INC1", _results(logging_rubric, poor))
    assert s.score == 0 and s.percent == 0 and s.band == "PURPLE" and not s.passed


def test_deduction_from_full_points(logging_rubric):
    s = score_ticket(
        logging_rubric,
        1,
        "INC1",
        _results(logging_rubric, lambda c: "-35" if c.id == "critical_process" else _best(c)),
    )
    assert s.score == 35 and s.percent == 50 and s.band == "RED" and not s.passed


def test_fail_with_full_points(logging_rubric):
    s = score_ticket(
        logging_rubric,
        1,
        "INC1",
        _results(logging_rubric, lambda c: "FAIL" if c.id == "critical_process" else _best(c)),
    )
    assert s.score == 70 and s.percent == 100 and s.auto_fail and not s.passed


def test_pass_threshold_boundary(logging_rubric):
    # 63/70 = 90% passes; 60/70 does not
    def one_five(c):
        return "5" if c.id == "short_description" else _best(c)

    s = score_ticket(logging_rubric, 1, "INC1", _results(logging_rubric, one_five))
    assert s.score == 65 and s.passed and s.band == "GREEN"

    def minus_ten(c):
        return "10" if c.id == "description_quality" else _best(c)

    s = score_ticket(logging_rubric, 1, "INC1", _results(logging_rubric, minus_ten))
    assert s.score == 60 and not s.passed and s.band == "YELLOW"


def test_missing_extra_or_misfiled_results_are_errors(logging_rubric):
    results = _results(logging_rubric, _best)
    del results["spelling_grammar"]
    with pytest.raises(ValueError, match="missing \\['spelling_grammar'\\]"):
        score_ticket(logging_rubric, 1, "INC1", results)
    results = _results(logging_rubric, _best)
    results["extra"] = results["short_description"]
    with pytest.raises(ValueError, match="unexpected \\['extra'\\]"):
        score_ticket(logging_rubric, 1, "INC1", results)
    results = _results(logging_rubric, _best)
    results["short_description"], results["service_ci"] = (
        results["service_ci"],
        results["short_description"],
    )
    with pytest.raises(ValueError, match="filed under"):
        score_ticket(logging_rubric, 1, "INC1", results)


def test_unscored_criterion_fails_the_ticket_without_a_score(logging_rubric):
    results = _results(logging_rubric, _best)
    c = logging_rubric.criterion("description_quality")
    results[c.id] = CriterionResult.unscored(c, "llm", "timeout", prompt="p", raw_reply="r")
    s = score_ticket(logging_rubric, 1, "INC1", results)
    assert s.status == "failed" and s.percent is None and not s.passed
    assert "description_quality (timeout)" in s.error


def _full(ticket, rubric):
    return score_ticket(
        rubric,
        ticket.id,
        ticket.number,
        apply_rules(ticket, rubric) | OfflineJudge().judge_ticket(ticket, rubric),
    )


def test_good_ticket_passes_both(make_ticket, logging_rubric, handling_rubric):
    t = make_ticket()
    for rubric in (logging_rubric, handling_rubric):
        s = _full(t, rubric)
        lost = [(c.criterion_id, c.option, c.reasoning) for c in s.criteria if c.failed]
        assert s.passed, lost
        for c in s.criteria:
            assert c.reasoning
            assert c.method in ("rule", "offline")
            if c.method == "offline":
                assert c.reasoning.startswith("Offline check (no LLM): ")


def test_empty_text_fields(make_ticket, logging_rubric, handling_rubric):
    t = make_ticket(
        short_description="",
        description="",
        close_notes="",
        work_notes="",
        comments="",
        category="",
        subcategory="",
        service="",
        cmdb_ci="",
        close_code="",
        contact_type="",
    )
    s = _full(t, logging_rubric)
    by = {c.criterion_id: c for c in s.criteria}
    assert by["short_description"].points == 0
    assert by["spelling_grammar"].option == "N/A"
    assert by["critical_process"].option == "N/A"
    assert s.score == 0 and s.band == "PURPLE" and not s.passed
    s = _full(t, handling_rubric)
    assert s.score == 0 and not s.passed


def test_non_english_text(make_ticket, logging_rubric):
    t = make_ticket(
        short_description="ACME GmbH - Berlin - Drucker - Drucker druckt nicht",
        description="Seit heute Morgen druckt der Drucker im dritten Stock nicht mehr. Die "
        "ganze Abteilung kann keine Rechnungen drucken.",
    )
    s = _full(t, logging_rubric)
    by = {c.criterion_id: c for c in s.criteria}
    assert by["spelling_grammar"].option == "N/A"
    assert "not in English" in by["spelling_grammar"].reasoning
    assert by["short_description"].option == "10"
    assert s.status == "scored"
