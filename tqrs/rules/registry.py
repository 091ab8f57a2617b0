"""The registry of deterministic rules, by rule id.

A rule is a function `(ticket, criterion) -> CriterionResult` that decides an *outcome*
(tqrs.outcomes: met, partly met, not met, not applicable, auto-fail, not assessable); the
rubric maps the outcome to one of its own options (`result` below), so a rule never names an
option label. Each rule declares the outcomes it can give, so that a rubric missing an option
for one is refused when it is loaded (`tqrs rubrics --check`), never in the middle of a run.

A rule may read the outcome of other rules (`uses`, by rule id): critical processes read
caller validation. It is then called as `(ticket, criterion, given)`, `given` holding the
outcomes of the used rules' criteria in the same rubric (missing when the rubric has none;
the rule then reads the ticket itself). After an analyst overrides a used criterion, the
rule is run again with the overridden outcome (tqrs.scoring.effective_score)."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.results import CriterionResult
from tqrs.rubric import Criterion

Given = Mapping[str, Outcome]  # rule id -> the outcome of that rule's criterion


@dataclass(frozen=True)
class Rule:
    id: str
    func: Callable[..., CriterionResult]
    outcomes: frozenset[Outcome]
    uses: tuple[str, ...] = ()

    def __call__(self, ticket: Ticket, criterion: Criterion, given: Given | None = None):
        if self.uses:
            return self.func(ticket, criterion, given or {})
        return self.func(ticket, criterion)


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, outcomes: Iterable[Outcome], uses: tuple[str, ...] = ()
) -> Callable[[Callable], Callable]:
    """Register a rule function under `rule_id` with the outcomes it can give."""

    def register(func: Callable) -> Callable:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id!r} registered twice")
        RULES[rule_id] = Rule(rule_id, func, frozenset(outcomes), tuple(uses))
        return func

    return register


def result(
    criterion: Criterion, outcome: Outcome, evidence: str, reasoning: str, coaching: str = ""
) -> CriterionResult:
    """A rule's result for `criterion`: the rubric's option for `outcome`."""
    return CriterionResult.from_outcome(
        criterion, outcome, "rule", evidence=evidence, reasoning=reasoning, coaching=coaching
    )
