"""Conventions as rubric parameters: the rules read the rubric's `parameters`, a file without
them gets the original conventions, a broken block is refused naming the field, and the
generic rubric grades without the 4-part form or a VIP list."""

import json
import os
import subprocess
import sys

import pytest

from tqrs.errors import ConfigError
from tqrs.judges.offline import offline_gaps
from tqrs.rubric import BUILTIN_DIR, load_rubric, parse_rubric
from tqrs.rubric_parameters import FOUR_PARTS, Parameters
from tqrs.rules import RULES

UNVALIDATED_UNLOCK = dict(
    short_description="Account locked out after holiday",
    description="User is locked out of Windows after the holiday and cannot log in.",
    work_notes="2025-01-10 09:30:00 - Sam Analyst (Work notes)\nUnlocked the account in AD.",
    category="Software",
    subcategory="Active Directory",
)


def _rubric_with(base: str, **parameters):
    data = json.loads((BUILTIN_DIR / f"{base}.json").read_text(encoding="utf-8"))
    data["parameters"] = {**data.get("parameters", {}), **parameters}
    return parse_rubric(json.dumps(data), "test rubric")


def _grade(rubric, criterion_id, ticket):
    c = rubric.criterion(criterion_id)
    return RULES[c.rule](ticket, c, {})


def test_a_file_without_parameters_gets_the_original_conventions():
    data = json.loads((BUILTIN_DIR / "incident_logging.json").read_text(encoding="utf-8"))
    del data["parameters"]
    rubric = parse_rubric(json.dumps(data), "old file")
    assert rubric.parameters == load_rubric("incident_logging").parameters == Parameters()
    assert rubric.parameters.short_description.parts == FOUR_PARTS
    assert rubric.parameters.validation_required_for == ["password_reset", "account_unlock"]
    assert rubric.criterion("short_description").parameters is rubric.parameters


@pytest.mark.parametrize(
    "sd, four_part, summary",
    [
        ("ACME Finance - London - Outlook - Cannot open shared mailbox", "10", "10"),
        ("Outlook cannot open the shared finance mailbox", "0", "10"),  # 3 parts missing
        ("Outlook not working", "0", "5"),  # vague: the only problem of a summary
        ("", "0", "0"),
    ],
)
def test_the_short_description_rule_reads_the_rubrics_format(make_ticket, sd, four_part, summary):
    ticket = make_ticket(short_description=sd)
    assert _grade(load_rubric("incident_logging"), "short_description", ticket).option == four_part
    assert _grade(load_rubric("incident_quality"), "short_description", ticket).option == summary


# Real summaries, found by a new-user pass: the A6 SAP export's summary of 100 characters
# with a double space and a trailing space (tests/real_corpus/fetched/a6_sap_list_export.csv,
# INC0117672) is measured as read.
@pytest.mark.parametrize(
    "sd, summary",
    [
        ("ZBA4 output is not allowing guardshack to print Ammonia, Acid and LAS orders.  This "
         "is high priority. ", "10"),
        ("ZBA4 output is not allowing guardshack to print Ammonia, Acid and LAS orders. This "
         "is high priority now", "5"),
    ],
)  # fmt: skip
def test_real_summaries_read_consistently(make_ticket, sd, summary):
    ticket = make_ticket(short_description=sd)
    assert _grade(load_rubric("incident_quality"), "short_description", ticket).option == summary


def test_a_three_part_format_counts_its_own_parts(make_ticket):
    rubric = _rubric_with(
        "incident_logging",
        short_description={"parts": ["Site", "Application", "Issue"], "example": "a - b - c"},
    )
    ok = _grade(
        rubric, "short_description", make_ticket(short_description="Leeds - SAP - VA01 fails")
    )
    one_missing = _grade(
        rubric, "short_description", make_ticket(short_description="SAP - VA01 fails")
    )
    assert (ok.option, one_missing.option) == ("10", "5")
    assert "1 of 3 parts missing (site)" in one_missing.reasoning
    assert "Site - Application - Issue" in one_missing.coaching


def test_whether_an_unlock_needs_validation_is_a_parameter(make_ticket):
    ticket = make_ticket(**UNVALIDATED_UNLOCK)
    default = _grade(load_rubric("incident_logging"), "critical_process", ticket)
    assert default.option == "FAIL" and "Account unlock" in default.reasoning
    lenient = _rubric_with("incident_logging", validation_required_for=["password_reset"])
    assert _grade(lenient, "critical_process", ticket).option == "PASS"
    not_critical = _rubric_with(
        "incident_logging",
        critical_processes=["password_reset", "lost_device"],
        validation_required_for=["password_reset"],
    )
    assert _grade(not_critical, "critical_process", ticket).option == "N/A"


def test_vip_is_not_a_critical_process_of_the_generic_rubric(make_ticket):
    ticket = make_ticket(
        short_description="CEO cannot print board papers",
        description="The CEO cannot print to the 5th floor printer since this morning.",
        work_notes="2025-01-10 09:30:00 - Sam Analyst (Work notes)\nCleared the queue.",
    )
    assert _grade(load_rubric("incident_logging"), "critical_process", ticket).option == "-35"
    assert _grade(load_rubric("incident_quality"), "critical_process", ticket).option == "N/A"


def test_required_fields_are_a_parameter(make_ticket):
    ticket = make_ticket(subcategory="", close_code="")
    original = load_rubric("incident_logging")
    assert _grade(original, "categorization", ticket).option == "5"
    only_category = _rubric_with("incident_logging", required_fields=["category"])
    assert _grade(only_category, "categorization", ticket).option == "10"
    handling = load_rubric("incident_handling")
    assert _grade(handling, "resolution_notes", ticket).option == "5"  # close code missing
    no_code = _rubric_with("incident_handling", required_fields=["category"])
    assert _grade(no_code, "resolution_notes", ticket).option == "10"


@pytest.mark.parametrize(
    "parameters, message",
    [
        ({"critical_processes": ["password_reset", "teleport"]}, "parameters.critical_processes"),
        (
            {"validation_required_for": ["account_unlock"], "critical_processes": ["vip"]},
            "validation_required_for: account_unlock not in critical_processes",
        ),
        ({"short_description": {"parts": []}}, "parameters.short_description.parts"),
        ({"short_description": {"max_brief_chars": 5}}, "max_brief_chars"),
        ({"required_fields": ["category", "category"]}, "required_fields: listed twice"),
        ({"colour": "blue"}, "parameters.colour"),
    ],
)
def test_bad_parameters_are_refused_naming_the_field(parameters, message):
    with pytest.raises(ConfigError, match="test rubric: ") as e:
        _rubric_with("incident_logging", **parameters)
    assert message in str(e.value)


def test_the_generic_rubric_is_complete_offline_and_lists_inputs():
    rubric = load_rubric("incident_quality")
    assert offline_gaps(rubric) == []
    assert {c.id for c in rubric.criteria} >= {"short_description", "category_fit"}
    assert "caller_validation" not in {c.id for c in rubric.criteria}
    data = json.loads((BUILTIN_DIR / "incident_quality.json").read_text(encoding="utf-8"))
    assert all(c["inputs"] for c in data["criteria"])  # for the not-assessable check


def test_rubrics_check_lists_the_parameters(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "tqrs", "rubrics", "--check", "incident_quality"],
        capture_output=True,
        text=True,
        env={**os.environ, "TQRS_DB": str(tmp_path / "t.duckdb")},
    )
    assert proc.returncode == 0, proc.stderr
    assert "short description: Summary (summary at most 100 characters)" in proc.stdout
    assert "critical processes: password_reset, account_unlock, lost_device, malware," in (
        proc.stdout
    )
    assert "required fields: category, subcategory, close_code" in proc.stdout
