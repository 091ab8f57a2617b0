"""Deterministic rules: one small module per rule family, each registering its rules by id.
`apply_rules` grades a rubric's `rule` criteria for one ticket."""

from tqrs.models import Ticket
from tqrs.results import CriterionResult
from tqrs.rubric import Rubric
from tqrs.rules import (  # noqa: F401  (importing registers the rules)
    caller,
    critical,
    fields,
    short_description,
    spelling,
)
from tqrs.rules.registry import RULES, Rule, rule


def apply_rules(ticket: Ticket, rubric: Rubric) -> dict[str, CriterionResult]:
    """Results of the rubric's rule criteria, keyed by criterion id."""
    return {c.id: RULES[c.rule](ticket, c) for c in rubric.rule_criteria}


__all__ = ["RULES", "Rule", "apply_rules", "rule"]
