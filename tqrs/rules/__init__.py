"""Deterministic rules: one small module per rule family, each registering its rules by id.
`apply_rules` grades a rubric's `rule` criteria for one ticket; the criteria the text does
not settle are left *open* (`RuleResults.open`) for the judge, and `settle` re-derives the
rules that read them once the judge has answered."""

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
from tqrs.rules.registry import RULES, Deferred, Given, Rule, rule


class RuleResults(dict):
    """The rules' sure results, keyed by criterion id, and `open`: criterion id -> the rule's
    Deferred (why the text does not settle it, the passage that may, whether it applies)."""

    def __init__(self, results=(), open: Mapping[str, Deferred] | None = None):
        super().__init__(results)
        self.open: dict[str, Deferred] = dict(open or {})


def apply_rules(
    ticket: Ticket, rubric: Rubric, settled: Mapping[str, CriterionResult] | None = None
) -> RuleResults:
    """Results of the rubric's rule criteria, keyed by criterion id, and the criteria left
    open. A rule that uses others is given their outcomes (rubric.rule_order puts them
    first); an open one is given as None, and the rule is re-derived by `settle`. A criterion
    in `settled` (not assessable: tqrs.assessable) takes that result and its rule is not run."""
    out = RuleResults()
    given: dict[str, Outcome | None] = {}
    used = rubric.used_rules
    for c in rubric.rule_order:
        r = settled.get(c.id) if settled else None
        if r is None:
            r = RULES[c.rule](ticket, c, given)
        if isinstance(r, Deferred):
            out.open[c.id] = r
            if c.rule in used:
                given[c.rule] = None
            continue
        out[c.id] = r
        if c.rule in used and (outcome := outcome_of(c, r)) is not None:
            given[c.rule] = outcome
    return out


def deferrable(rubric: Rubric) -> list[Criterion]:
    """The rubric's rule criteria that a rule may leave open: every judge's answer has a
    place for each, whether or not a ticket leaves it open (the LLM's system message and
    schema stay the same for every ticket)."""
    return [c for c in rubric.rule_criteria if RULES[c.rule].defers]


def settle(
    ticket: Ticket,
    rubric: Rubric,
    rules: RuleResults,
    judged: Mapping[str, CriterionResult],
) -> dict[str, CriterionResult]:
    """Every criterion's result: the rules' sure ones, the judge's (its own criteria and the
    open ones), and the rule criteria that read an open one re-derived from the judge's
    outcome (critical process <- caller validation)."""
    results = {**rules, **judged}
    missing = [cid for cid in rules.open if cid not in results]
    if missing:
        raise ValueError(f"the judge left open criteria unanswered: {', '.join(missing)}")
    if rules.open:
        results |= rederive(ticket, rubric, results, set(rules.open), after="the judge's verdict")
    return results


def outcome_of(criterion: Criterion, result: CriterionResult) -> Outcome | None:
    """What a result says as an outcome (None: it could not be graded)."""
    if result.status == "scored":
        return criterion.outcome_of(result.option)
    return None if result.status == "unscored" else Outcome(result.status)


def rederive(
    ticket: Ticket,
    rubric: Rubric,
    results: Mapping[str, CriterionResult],
    changed: set[str],
    after: str = "the override",
) -> dict[str, CriterionResult]:
    """The results of the rule criteria that use a criterion in `changed` (ids whose option an
    analyst overrode, or that the judge decided for a rule), run again with the effective
    outcomes in `results`; criteria in `changed` themselves are never re-derived, nor are
    criteria not assessable for the ticket (the export does not carry their inputs). Returns
    only the re-derived results, each saying so in its reasoning ("after `after` of ...")."""
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
        if isinstance(new, Deferred):  # the cause settled, the rule still unsure: keep it
            continue
        why = ", ".join(f"'{d.title}'" for d in causes)
        out[c.id] = new.model_copy(
            update={"reasoning": f"{new.reasoning} Re-derived after {after} of {why}."}
        )
        changed.add(c.id)
    return out


__all__ = [
    "RULES",
    "Deferred",
    "Rule",
    "RuleResults",
    "apply_rules",
    "deferrable",
    "outcome_of",
    "rederive",
    "rule",
    "settle",
]
