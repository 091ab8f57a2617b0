"""The registry of deterministic rules, by rule id. A rule is a function
`(ticket, criterion) -> CriterionResult` choosing one of the criterion's option labels."""

from collections.abc import Callable

from tqrs.models import Ticket
from tqrs.results import CriterionResult
from tqrs.rubric import Criterion

Rule = Callable[[Ticket, Criterion], CriterionResult]
RULES: dict[str, Rule] = {}


def rule(rule_id: str) -> Callable[[Rule], Rule]:
    """Register a rule function under `rule_id`."""

    def register(func: Rule) -> Rule:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id!r} registered twice")
        RULES[rule_id] = func
        return func

    return register


def result(
    criterion: Criterion, option: str, evidence: str, reasoning: str, coaching: str = ""
) -> CriterionResult:
    """A rule's result for `criterion` with the chosen option."""
    return CriterionResult.from_option(
        criterion, option, "rule", evidence=evidence, reasoning=reasoning, coaching=coaching
    )
