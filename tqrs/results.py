"""What grading produces: one CriterionResult per criterion, one TicketScore per ticket, and
the run they belong to. "Could not grade" is its own status, never a silent zero; so are
"not assessable" (the export lacks the inputs) and "evidence not found" (tqrs.outcomes)."""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from tqrs.models import field_defaults, trusted
from tqrs.outcomes import STATUS_OUTCOMES, Outcome
from tqrs.rubric import Criterion, Grade

Method = Literal["rule", "llm", "offline"]
CriterionStatus = Literal["scored", "unscored", "not_assessable", "evidence_not_found"]


class CriterionResult(BaseModel):
    criterion_id: str
    title: str
    method: Method
    status: CriterionStatus = "scored"
    option: str | None = Field(None, description="the chosen option label")
    points: int = Field(0, description="earned; 0 for N/A, deduction, PASS and FAIL options")
    max_points: int = Field(0, description="0 when N/A")
    deduction: int = Field(0, le=0)
    applicable: bool = True
    auto_fail: bool = False
    evidence: str = Field("", description="a quote from the ticket")
    reasoning: str = ""
    coaching: str = ""
    error: str | None = None
    prompt: str | None = None
    raw_reply: str | None = None
    citations: list[str] = Field(default_factory=list)

    @classmethod
    def from_option(
        cls,
        criterion: Criterion,
        option_label: str,
        method: Method,
        evidence: str = "",
        reasoning: str = "",
        coaching: str = "",
        **extra,
    ) -> "CriterionResult":
        """A scored result with points, maximum, deduction and flags taken from the option."""
        return cls._graded(
            criterion, criterion.grade(option_label), method, evidence, reasoning, coaching, extra
        )

    @classmethod
    def from_outcome(
        cls,
        criterion: Criterion,
        outcome: Outcome,
        method: Method,
        evidence: str = "",
        reasoning: str = "",
        coaching: str = "",
        **extra,
    ) -> "CriterionResult":
        """The result of what a rule or heuristic found: the rubric's option for `outcome`,
        or, for a status outcome (not assessable, evidence not found), no option and nothing
        counted (out of the maximum, like N/A). Raises KeyError when the rubric has no option
        for the outcome (rules are checked when the rubric loads; heuristics are not)."""
        if outcome in STATUS_OUTCOMES:
            return cls(
                criterion_id=criterion.id,
                title=criterion.title,
                method=method,
                status=outcome.value,
                applicable=False,
                evidence=evidence,
                reasoning=reasoning,
                coaching=coaching,
                **extra,
            )
        grade = criterion.grade_for(outcome)
        if grade is None:
            raise KeyError(
                f"criterion {criterion.id!r} has no option for the outcome {outcome.value!r} "
                f"(options: {', '.join(o.label for o in criterion.options)})"
            )
        return cls._graded(criterion, grade, method, evidence, reasoning, coaching, extra)

    @classmethod
    def _graded(
        cls, criterion: Criterion, g: Grade, method, evidence, reasoning, coaching, extra
    ) -> "CriterionResult":
        # the usual call, whose values are valid by construction (else validated below)
        if not extra and method in _METHODS and type(evidence) is type(reasoning) is str:
            if type(coaching) is str:
                key = (criterion.id, criterion.title, method, g)
                fields = _GRADED.get(key)
                if fields is None:
                    if len(_GRADED) >= _GRADED_SIZE:  # rubrics edited many times over
                        _GRADED.clear()
                    fields = _GRADED[key] = {
                        **_DEFAULTS,
                        "criterion_id": criterion.id,
                        "title": criterion.title,
                        "method": method,
                        "option": g.label,
                        "points": g.points,
                        "max_points": g.max_points,
                        "deduction": g.deduction,
                        "applicable": g.applicable,
                        "auto_fail": g.auto_fail,
                    }
                fields = fields.copy()
                fields["evidence"] = evidence
                fields["reasoning"] = reasoning
                fields["coaching"] = coaching
                fields["citations"] = []
                return trusted(cls, fields, _GRADED_SET.copy())  # valid by construction
        return cls(
            criterion_id=criterion.id,
            title=criterion.title,
            method=method,
            option=g.label,
            points=g.points,
            max_points=g.max_points,
            deduction=g.deduction,
            applicable=g.applicable,
            auto_fail=g.auto_fail,
            evidence=evidence,
            reasoning=reasoning,
            coaching=coaching,
            **extra,
        )

    @classmethod
    def unscored(
        cls,
        criterion: Criterion,
        method: Method,
        error: str,
        prompt: str | None = None,
        raw_reply: str | None = None,
    ) -> "CriterionResult":
        """A criterion that could not be graded; keeps what was asked and answered."""
        return cls(
            criterion_id=criterion.id,
            title=criterion.title,
            method=method,
            status="unscored",
            max_points=criterion.max_points,
            error=error,
            prompt=prompt,
            raw_reply=raw_reply,
        )

    @property
    def failed(self) -> bool:
        """Lost something: points below the maximum, a deduction, or an auto-fail."""
        return self.status == "scored" and (
            self.auto_fail or self.deduction < 0 or self.points < self.max_points
        )


def is_not_applicable(status: str, applicable: bool) -> bool:
    """The criterion did not apply to the ticket: graded, and the option chosen is the N/A one
    (not "not in export" nor "evidence not found", which are statuses of their own). The one
    definition of the N/A counts: reports (CriterionFigures) and, in SQL, NOT_APPLICABLE_SQL."""
    return status == "scored" and not applicable


# is_not_applicable over a criterion result row (columns status and applicable)
NOT_APPLICABLE_SQL = "(c.status = 'scored' AND NOT c.applicable)"

_METHODS = frozenset(Method.__args__)
# Every field's default but the factories' (CriterionResult.citations: a new list each)
_DEFAULTS = field_defaults(CriterionResult)  # citations (a factory's) set per result
# A graded result's fields but its texts and citations, by (criterion id, title, method,
# grade): copied for each result (a dict built per result was a fifth of its cost), with the
# fields given explicitly, as pydantic records them
_GRADED: dict[tuple, dict] = {}
_GRADED_SIZE = 4096
_GRADED_SET = {
    "criterion_id",
    "title",
    "method",
    "option",
    "points",
    "max_points",
    "deduction",
    "applicable",
    "auto_fail",
    "evidence",
    "reasoning",
    "coaching",
}


# A scored ticket's verdict (tqrs.scoring.verdict_of): "too_little" (too little to judge) when
# less than the rubric's min_judged_percent of its maximum points was judged.
Verdict = Literal["pass", "fail", "too_little"]
PASS, FAIL, TOO_LITTLE = "pass", "fail", "too_little"


class TicketScore(BaseModel):
    ticket_id: int
    number: str
    score: float = 0
    max_points: int = 0
    percent: float | None = None
    band: str = ""
    passed: bool = False
    verdict: Verdict = FAIL
    auto_fail: bool = False
    status: Literal["scored", "failed"] = "scored"
    error: str | None = None
    criteria: list[CriterionResult] = Field(default_factory=list)
    tokens_in: int = 0
    tokens_out: int = 0
    cost: float = 0.0
    cached: bool = False


# "waiting": a batch run whose requests are at the provider (tqrs.engine.batch)
RunStatus = Literal[
    "running",
    "waiting",
    "completed",
    "cancelled",
    "interrupted",
    "budget_stopped",
    "provider_stopped",
    "failed",
]


class RunInfo(BaseModel):
    id: int
    session_id: int
    rubric_id: str
    rubric_version: str
    rubric_json: str
    judge: str
    model: str = ""
    provider: str = ""
    endpoint: str = ""
    prompt_version: str = ""
    status: RunStatus
    started_at: datetime
    finished_at: datetime | None = None
    tickets_total: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cost: float = 0.0
    budget: float | None = None
    error: str | None = None
    mode: str = "online"  # "batch": through the provider's Batch API


class RunSummary(BaseModel):
    run: RunInfo
    tickets: int
    scored: int
    failed: int
    passed: int
    pass_rate: float | None  # of the scored tickets that are not "too little to judge"
    mean_percent: float | None
    bands: dict[str, int]
    auto_fails: int = 0  # scored tickets auto-failed, in effect
    too_little: int = 0  # scored tickets judged on too little for a verdict (tqrs.scoring)
    overridden: int = 0  # tickets with an analyst's override
    failed_criteria: list[tuple[str, str, int, int]] = Field(
        default_factory=list,
        description="(criterion id, title, tickets failed, tickets graded) highest failure "
        "rate first",
    )
    evidence_not_found: int = Field(0, description="criteria flagged: quote not in the ticket")
    evidence_not_found_tickets: int = 0
    not_in_export: list[tuple[str, int]] = Field(
        default_factory=list,
        description="(criterion id, tickets) of the criteria the export does not carry the "
        "inputs of on some ticket (status not_assessable), most tickets first",
    )
