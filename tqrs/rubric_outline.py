"""A rubric as a reader sees it: per criterion the method, the points, the fields it reads and
its options with what each means and which outcomes it stands for; the parameters, the pass
mark and the bands. Plain strings (rubric text is shown as text, never Markdown), for the
Evaluate, Review and Rubrics pages."""

from dataclasses import dataclass

from tqrs.outcomes import OPTION_OUTCOMES
from tqrs.rubric import Criterion, Option, Rubric

_OUTCOME_WORDS = {
    "met": "met",
    "partly_met": "partly met",
    "not_met": "not met",
    "not_applicable": "not applicable",
    "auto_fail": "auto-fail",
}


@dataclass(frozen=True)
class CriterionOutline:
    id: str
    title: str
    method: str  # "rule <rule id>" or "judge (LLM, or the offline heuristics)"
    max_points: int
    points: str  # "20 points", or "no points of its own" (pass, deduction, fail)
    reads: str
    guidance: str
    options: list[dict[str, str]]  # Option, Counts as, Given for, Meaning


@dataclass(frozen=True)
class RubricOutline:
    title: str  # "Incident Handling v1.1"
    summary: str  # points, pass mark
    bands: list[dict[str, str]]  # Band, From, Meaning
    parameters: list[str]
    criteria: list[CriterionOutline]


def outline(rubric: Rubric) -> RubricOutline:
    """What the pages show of `rubric`."""
    return RubricOutline(
        title=f"{rubric.name} v{rubric.version}",
        summary=(
            f"{rubric.max_points} points; a ticket passes at {rubric.pass_threshold:g} points "
            f"({rubric.pass_percent:.0f}%) unless a criterion fails it outright; an auto-failed "
            f"ticket takes the band {rubric.failed_band.name}."
        ),
        bands=[
            {"Band": b.name, "From": f"{b.min_percent:g}%", "Meaning": b.label}
            for b in rubric.bands
        ],
        parameters=rubric.parameters.describe(),
        criteria=[_criterion(c) for c in rubric.criteria],
    )


def _criterion(c: Criterion) -> CriterionOutline:
    given: dict[str, list[str]] = {}
    for outcome in OPTION_OUTCOMES:
        option = c.option_for(outcome)
        if option is not None:
            given.setdefault(option.label, []).append(_OUTCOME_WORDS[outcome.value])
    return CriterionOutline(
        id=c.id,
        title=c.title,
        method=f"rule {c.rule}" if c.method == "rule" else "judge (LLM, or the offline heuristics)",
        max_points=c.max_points,
        points=f"{c.max_points} points" if c.max_points else "no points of its own",
        reads="; ".join(" or ".join(sorted(group)) for group in c.needs) or "the whole ticket",
        guidance=c.guidance,
        options=[
            {
                "Option": o.label,
                "Counts as": counts_as(o),
                "Given for": ", ".join(given.get(o.label, [])) or "-",
                "Meaning": o.description,
            }
            for o in c.options
        ],
    )


def counts_as(option: Option) -> str:
    """What choosing the option does to the score."""
    return {
        "points": f"{option.points} points",
        "deduction": f"{option.points} from the total",
        "pass": "pass (no points)",
        "na": "not applicable (out of the maximum)",
        "fail": "fails the ticket",
    }[option.kind]
