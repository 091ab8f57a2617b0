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
rule is run again with the overridden outcome (tqrs.scoring.effective_score).

A rule decides only what the text settles. When it does not (no phrase the rule knows, but
text that might say it: "ID checked" without a method, a word that may be a typo or a
product name), a rule registered with `defers=True` returns `Deferred` with the reason: the
criterion is then *open*, and the judge of the run decides it in the same request as its own
criteria (tqrs.engine.stages). A used rule's open outcome reaches the rules that read it as
`given[rule_id] is None` ("not known yet"); they are re-derived once the judge has decided."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.results import CriterionResult
from tqrs.rubric import Criterion

Given = Mapping[str, Outcome]  # rule id -> the outcome of that rule's criterion


@dataclass(frozen=True)
class Deferred:
    """A rule's "the text does not settle it": the criterion goes to the judge. `reason`
    says what was found and why it is not enough; `evidence` quotes the passage that may
    settle it (may be ""); `applies`, when the rule settled that the criterion applies and
    left only its verdict open, says what it found (the process, the person who called), so
    that the judge's "not applicable" is not taken (tqrs.llm.evidence)."""

    criterion_id: str
    reason: str
    evidence: str = ""
    applies: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    func: Callable[..., "CriterionResult | Deferred"]
    outcomes: frozenset[Outcome]
    uses: tuple[str, ...] = ()
    defers: bool = False  # may return Deferred: its criteria are in every judge's schema

    def __call__(self, ticket: Ticket, criterion: Criterion, given: Given | None = None):
        if self.uses:
            return self.func(ticket, criterion, given or {})
        return self.func(ticket, criterion)


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, outcomes: Iterable[Outcome], uses: tuple[str, ...] = (), defers: bool = False
) -> Callable[[Callable], Callable]:
    """Register a rule function under `rule_id` with the outcomes it can give (and, with
    `defers`, that it may leave a criterion open to the judge)."""

    def register(func: Callable) -> Callable:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id!r} registered twice")
        RULES[rule_id] = Rule(rule_id, func, frozenset(outcomes), tuple(uses), defers)
        return func

    return register


def result(
    criterion: Criterion,
    outcome: Outcome,
    evidence: str,
    reasoning: str,
    coaching: str = "",
    method: str = "rule",
) -> CriterionResult:
    """A rule's result for `criterion`: the rubric's option for `outcome` (`method`
    "offline" when the offline judge reads an open criterion the rule's way)."""
    return CriterionResult.from_outcome(
        criterion, outcome, method, evidence=evidence, reasoning=reasoning, coaching=coaching
    )


def defer(criterion: Criterion, reason: str, evidence: str = "", applies: str = "") -> Deferred:
    """Leave `criterion` open to the judge, saying why the text does not settle it (and, as
    `Deferred` says, the passage that may and what settles that the criterion applies)."""
    return Deferred(criterion.id, reason, evidence, applies)
