"""Rubrics as data: rules decide outcomes, the rubric maps them to its own options; a rubric
missing an option for an outcome a rule can give is refused when it loads; status outcomes
are out of the maximum; an auto-failed ticket takes the rubric's fail band."""

import json

import pytest

from tqrs.errors import ConfigError
from tqrs.outcomes import STATUS_OUTCOMES, Outcome
from tqrs.results import CriterionResult
from tqrs.rubric import BUILTIN_DIR, Rubric, default_outcomes, parse_rubric
from tqrs.rules import RULES, apply_rules
from tqrs.scoring import score_ticket

# What each built-in rubric gives for each outcome, written out by hand from its options.
EXPECTED_OPTIONS = {
    "short_description": {"met": "10", "partly_met": "5", "not_met": "0"},
    "caller_validation": {"met": "10", "not_met": "0", "not_applicable": "N/A"},
    "critical_process": {
        "met": "PASS",
        "not_met": "-35",
        "not_applicable": "N/A",
        "auto_fail": "FAIL",
    },
    "spelling_grammar": {"met": "10", "partly_met": "5", "not_met": "0", "not_applicable": "N/A"},
    "description_quality": {"met": "20", "partly_met": "10", "not_met": "0"},
}


def _data(name="incident_logging") -> dict:
    return json.loads((BUILTIN_DIR / f"{name}.json").read_text())


def _relabel(data: dict, criterion_id: str, labels: dict[str, str]) -> dict:
    c = next(c for c in data["criteria"] if c["id"] == criterion_id)
    for o in c["options"]:
        o["label"] = labels.get(o["label"], o["label"])
    return data


def test_default_mapping_follows_option_kinds_not_labels(logging_rubric):
    for cid, expected in EXPECTED_OPTIONS.items():
        c = logging_rubric.criterion(cid)
        got = {o.value: opt.label for o, opt in default_outcomes(c.options).items()}
        assert got == expected, cid


def test_every_rule_declares_outcomes_its_rubrics_map(logging_rubric, handling_rubric):
    for rubric in (logging_rubric, handling_rubric):
        for c in rubric.rule_criteria:
            for outcome in RULES[c.rule].outcomes - STATUS_OUTCOMES:  # statuses: no option
                assert c.option_for(outcome) is not None, (c.id, outcome)


def test_rules_give_only_declared_outcomes(make_ticket, logging_rubric, handling_rubric):
    tickets = [
        make_ticket(),
        make_ticket(short_description="", description="", work_notes="", close_notes=""),
        make_ticket(short_description="Forgot password, please reset", work_notes="Reset it."),
        make_ticket(contact_type="self-service", state="In Progress"),
        make_ticket(short_description="ACME - London - Outlook - not working", close_code=""),
    ]
    seen = set()
    for rubric in (logging_rubric, handling_rubric):
        for t in tickets:
            for cid, r in apply_rules(t, rubric).items():
                c = rubric.criterion(cid)
                outcome = c.outcome_of(r.option)
                assert outcome in RULES[c.rule].outcomes, (cid, r.option)
                seen.add(outcome)
    assert seen == {
        Outcome.MET,
        Outcome.PARTLY_MET,
        Outcome.NOT_MET,
        Outcome.NOT_APPLICABLE,
        Outcome.AUTO_FAIL,
    }


def test_a_relabelled_rubric_grades_with_its_own_labels(make_ticket, logging_rubric):
    data = _relabel(_data(), "caller_validation", {"10": "Yes", "0": "No"})
    relabelled = Rubric.model_validate(data)
    validated = make_ticket()
    missing = make_ticket(work_notes="Reset the token.")
    for ticket, label, original in ((validated, "Yes", "10"), (missing, "No", "0")):
        mine = apply_rules(ticket, relabelled)["caller_validation"]
        theirs = apply_rules(ticket, logging_rubric)["caller_validation"]
        assert (mine.option, theirs.option) == (label, original)
        assert (mine.points, mine.max_points) == (theirs.points, theirs.max_points)


def test_an_explicit_mapping_overrides_the_default(make_ticket):
    data = _data()
    sd = next(c for c in data["criteria"] if c["id"] == "short_description")
    sd["outcomes"] = {"partly_met": "0"}  # a strict rubric: one problem is no points
    rubric = Rubric.model_validate(data)
    r = apply_rules(make_ticket(short_description="ACME - London - Outlook - not working"), rubric)[
        "short_description"
    ]
    assert (r.option, r.points) == ("0", 0)


def test_an_outcome_without_an_option_is_refused_when_the_rubric_loads():
    data = _data()
    sd = next(c for c in data["criteria"] if c["id"] == "short_description")
    sd["options"] = [o for o in sd["options"] if o["label"] != "5"]  # Yes/No only
    with pytest.raises(ConfigError) as e:
        parse_rubric(json.dumps(data), "strict.json")
    message = str(e.value)
    assert message.startswith("strict.json: criterion 'short_description': outcomes:")
    assert "rule 'short_description_format' can find partly_met" in message
    sd["outcomes"] = {"partly_met": "0"}
    assert parse_rubric(json.dumps(data), "strict.json").criterion("short_description")


@pytest.mark.parametrize(
    "outcomes, error",
    [
        ({"met": "Great"}, "maps to 'Great', which is not an option"),
        ({"not_assessable": "0"}, "'not_assessable' is a status of its own"),
    ],
)
def test_a_broken_mapping_names_the_problem(outcomes, error):
    data = _data()
    next(c for c in data["criteria"] if c["id"] == "categorization")["outcomes"] = outcomes
    with pytest.raises(ConfigError, match=error):
        parse_rubric(json.dumps(data), "mine.json")


def test_status_outcomes_are_out_of_the_maximum_never_a_deduction(logging_rubric):
    results = {
        c.id: CriterionResult.from_outcome(c, Outcome.MET, "rule") for c in logging_rubric.criteria
    }
    c = logging_rubric.criterion("caller_validation")
    results[c.id] = CriterionResult.from_outcome(c, Outcome.NOT_ASSESSABLE, "rule", reasoning="x")
    critical = logging_rubric.criterion("critical_process")
    results[critical.id] = CriterionResult.from_outcome(
        critical, Outcome.EVIDENCE_NOT_FOUND, "rule"
    )
    na = results[c.id]
    assert (na.status, na.option, na.points, na.max_points) == ("not_assessable", None, 0, 0)
    assert not na.failed and not na.auto_fail and na.deduction == 0
    s = score_ticket(logging_rubric, 1, "INC1", results)
    assert (s.status, s.score, s.max_points, s.passed) == ("scored", 60, 60, True)


def test_an_auto_failed_ticket_takes_the_fail_band_whatever_its_points(logging_rubric):
    results = {
        c.id: CriterionResult.from_outcome(c, Outcome.MET, "rule") for c in logging_rubric.criteria
    }
    critical = logging_rubric.criterion("critical_process")
    results[critical.id] = CriterionResult.from_outcome(critical, Outcome.AUTO_FAIL, "rule")
    s = score_ticket(logging_rubric, 1, "INC1", results)
    assert (s.score, s.percent, s.auto_fail, s.passed) == (70, 100, True, False)
    assert s.band == "PURPLE" == logging_rubric.bands[-1].name  # never BLUE
    data = _data()
    data["fail_band"] = "RED"
    s = score_ticket(Rubric.model_validate(data), 1, "INC1", results)
    assert s.band == "RED"
    data["fail_band"] = "BLACK"
    with pytest.raises(ConfigError, match="fail_band: 'BLACK' is not a band"):
        parse_rubric(json.dumps(data), "x.json")


def test_outcome_of_reads_the_option_kind(logging_rubric):
    c = logging_rubric.criterion("critical_process")
    assert [c.outcome_of(label) for label in ("PASS", "-35", "FAIL", "N/A")] == [
        Outcome.MET,
        Outcome.NOT_MET,
        Outcome.AUTO_FAIL,
        Outcome.NOT_APPLICABLE,
    ]
    sd = logging_rubric.criterion("short_description")
    assert [sd.outcome_of(label) for label in ("10", "5", "0")] == [
        Outcome.MET,
        Outcome.PARTLY_MET,
        Outcome.NOT_MET,
    ]


def test_critical_process_reads_the_caller_validation_outcome(make_ticket, logging_rubric):
    rule, c = RULES["critical_process"], logging_rubric.criterion("critical_process")
    reset = make_ticket(
        short_description="ACME - London - AD - Password reset",
        description="User forgot the password and is locked out.",
        work_notes="Reset the password.",
    )
    assert rule(reset, c).option == "FAIL"  # no outcome given: the ticket's own text
    assert rule(reset, c, {"caller_validation": Outcome.MET}).option == "PASS"
    validated = reset.model_copy(
        update={"work_notes": "Validated by: Okta Verify push. Reset the password."}
    )
    assert rule(validated, c).option == "PASS"
    assert rule(validated, c, {"caller_validation": Outcome.NOT_MET}).option == "FAIL"
    # "does not apply" (a self-service ticket) leaves the decision to the ticket's text
    assert rule(reset, c, {"caller_validation": Outcome.NOT_APPLICABLE}).option == "FAIL"
    # not assessable (the export has no journal): never an auto-fail; another process that
    # is detected is still judged on its steps
    unknown = rule(reset, c, {"caller_validation": Outcome.NOT_ASSESSABLE})
    assert (unknown.status, unknown.option, unknown.auto_fail) == ("not_assessable", None, False)
    vip = reset.model_copy(update={"description": "VIP caller: the CFO is locked out."})
    judged = rule(vip, c, {"caller_validation": Outcome.NOT_ASSESSABLE})
    assert (judged.option, judged.auto_fail) == ("-35", False)  # no VIP escalation noted


@pytest.mark.parametrize("name", ["incident_logging", "incident_handling", "incident_quality"])
def test_a_result_from_an_option_is_the_validated_model(name):
    """CriterionResult.from_option builds the result of an option's figures without
    validating them again: the model is the one pydantic validates from the same values
    (equal, the same fields set and serialised alike), with a list of citations of its own;
    a value of the wrong type still goes through validation and is refused."""
    rubric = Rubric.model_validate(_data(name))
    for c in rubric.criteria:
        for o in c.options:
            fast = CriterionResult.from_option(c, o.label, "offline", "quote", "why", "how")
            g = c.grade(o.label)
            validated = CriterionResult(
                criterion_id=c.id,
                title=c.title,
                method="offline",
                option=o.label,
                points=g.points,
                max_points=g.max_points,
                deduction=g.deduction,
                applicable=g.applicable,
                auto_fail=g.auto_fail,
                evidence="quote",
                reasoning="why",
                coaching="how",
            )
            assert fast == validated
            assert fast.model_fields_set == validated.model_fields_set
            assert fast.model_dump_json() == validated.model_dump_json()
            fast.citations.append("KB0001")
            assert CriterionResult.from_option(c, o.label, "offline").citations == []
    c = rubric.criteria[0]
    with pytest.raises(ValueError):
        CriterionResult.from_option(c, c.options[0].label, "offline", evidence=None)
    with pytest.raises(ValueError):
        CriterionResult.from_option(c, c.options[0].label, "oracle")
