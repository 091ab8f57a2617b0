"""Deterministic rules: one small module per rule family, each registering its rules by id.
`apply_rules` grades a rubric's `rule` criteria for one ticket."""

from collections.abc import Mapping

from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.results import CriterionResult
from tqrs.rubric import Criterion, Rubric
from tqrs.rules import (  # noqa: F401  (importing registers the rules)
    caller,
    critical,
    fields,
    short_description,
    spelling,
)
from tqrs.rules.registry import RULES, Given, Rule, rule


def apply_rules(
    ticket: Ticket, rubric: Rubric, settled: Mapping[str, CriterionResult] | None = None
) -> dict[str, CriterionResult]:
    """Results of the rubric's rule criteria, keyed by criterion id; a rule that uses others
    is given their outcomes (rubric.rule_order puts them first). A criterion in `settled`
    (not assessable: tqrs.assessable) takes that result and its rule is not run."""
    out: dict[str, CriterionResult] = {}
    given: dict[str, Outcome] = {}
    used = rubric.used_rules
    for c in rubric.rule_order:
        r = settled.get(c.id) if settled else None
        if r is None:
            r = RULES[c.rule](ticket, c, given)
        out[c.id] = r
        if c.rule in used and (outcome := outcome_of(c, r)) is not None:
            given[c.rule] = outcome
    return out


def outcome_of(criterion: Criterion, result: CriterionResult) -> Outcome | None:
    """What a result says as an outcome (None: it could not be graded)."""
    if result.status == "scored":
        return criterion.outcome_of(result.option)
    return None if result.status == "unscored" else Outcome(result.status)


def rederive(
    ticket: Ticket, rubric: Rubric, results: Mapping[str, CriterionResult], changed: set[str]
) -> dict[str, CriterionResult]:
    """The results of the rule criteria that use a criterion in `changed` (ids whose option an
    analyst overrode), run again with the effective outcomes in `results`; criteria in
    `changed` themselves are never re-derived, nor are criteria not assessable for the ticket
    (the export does not carry their inputs). Returns only the re-derived results, each
    saying so in its reasoning."""
    out: dict[str, CriterionResult] = {}
    by_rule = {c.rule: c for c in rubric.rule_order}
    changed = set(changed)
    for c in rubric.rule_order:
        rule_ = RULES[c.rule]
        causes = [by_rule[u] for u in rule_.uses if u in by_rule and by_rule[u].id in changed]
        if c.id in changed or not causes or results[c.id].status == "not_assessable":
            continue
        current = {**results, **out}
        given: Given = {
            by_rule[u].rule: o
            for u in rule_.uses
            if u in by_rule and (o := outcome_of(by_rule[u], current[by_rule[u].id])) is not None
        }
        new = rule_(ticket, c, given)
        why = ", ".join(f"'{d.title}'" for d in causes)
        out[c.id] = new.model_copy(
            update={"reasoning": f"{new.reasoning} Re-derived after the override of {why}."}
        )
        changed.add(c.id)
    return out


__all__ = ["RULES", "Rule", "apply_rules", "outcome_of", "rederive", "rule"]
