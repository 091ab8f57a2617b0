"""Coaching summaries per agent: recurring strengths and gaps with example tickets.

`template_summary` is deterministic, from the profile's criterion statistics (what the
workbench shows offline). The LLM version (`tqrs.coaching_llm`) writes the same facts as
prose and falls back to the template when no provider is configured."""

from pydantic import BaseModel

from tqrs.agents import CriterionRate, Profile
from tqrs.display import in_group, named, plural, rate_text

MIN_TICKETS = 3  # fewer scored tickets say too little to coach on


class CoachingSummary(BaseModel):
    name: str
    method: str  # "template" or "llm"
    text: str  # plain text, paragraphs separated by a blank line (never Markdown: it quotes
    # agent and group names and, from the LLM, whatever the model wrote)
    strengths: list[str]  # criterion ids
    gaps: list[str]
    examples: list[str]  # ticket numbers quoted
    tokens_in: int = 0
    tokens_out: int = 0
    cost: float = 0.0
    cached: bool = False
    error: str | None = None  # why the LLM summary is missing (the template's text is shown)


def coaching_facts(profile: Profile) -> tuple[list[CriterionRate], list[CriterionRate]]:
    """(strengths, gaps): criteria this agent meets more often than the team and never fails
    more than 10% of the time; criteria failed more often than the team, or on a quarter or
    more of the applicable tickets."""
    strengths = [
        c
        for c in profile.strengths(3)
        if c.failure_rate is not None
        and c.failure_rate <= 0.10
        and c.failure_rate <= (c.team_rate or 0)
    ]
    gaps = [
        c for c in profile.gaps(3) if c.failure_rate > (c.team_rate or 0) or c.failure_rate >= 0.25
    ]
    return strengths, gaps


def summary_title(profile: Profile) -> str:
    """Whom a summary is about: an agent with their group (in_group), a group by its name
    alone (its "team" is the whole run); missing ones in words (tqrs.display.named)."""
    return named(profile.name) if profile.kind == "group" else in_group(profile.name, profile.team)


def template_summary(profile: Profile) -> CoachingSummary:
    """A short summary from the profile's numbers alone."""
    if profile.scored < MIN_TICKETS:
        return CoachingSummary(
            name=profile.name,
            method="template",
            strengths=[],
            gaps=[],
            examples=[],
            text=f"{summary_title(profile)}: {plural(profile.scored, 'scored ticket')}, too few to "
            "coach on.",
        )
    strengths, gaps = coaching_facts(profile)
    mean = f"{profile.mean_percent:.1f}%" if profile.mean_percent is not None else "–"
    # no pass rate when every ticket was judged on too little for a verdict (tqrs.scoring)
    verdicts = (
        f"pass rate {rate_text(profile.pass_rate)}"
        if profile.pass_rate is not None
        else "no pass rate (every ticket too little to judge)"
    ) + (
        f", {plural(profile.too_little, 'ticket')} too little to judge"
        if profile.too_little and profile.pass_rate is not None
        else ""
    )
    lines = [
        f"{summary_title(profile)}: {plural(profile.scored, 'ticket')}, mean {mean}, "
        + verdicts
        + (f", {plural(profile.auto_fails, 'auto-fail')}." if profile.auto_fails else ".")
    ]
    if strengths:
        lines.append(
            "Strengths: "
            + "; ".join(
                f"{c.title} (met on {_met(c.failure_rate)}, team {_met(c.team_rate)})"
                for c in strengths
            )
            + "."
        )
    examples: list[str] = []
    if gaps:
        parts = []
        for c in gaps:
            shown = c.examples[:2]
            examples += shown
            parts.append(
                f"{c.title}: failed {c.failed} of {c.applicable} "
                f"({rate_text(c.failure_rate)}, team {rate_text(c.team_rate)})"
                + (f", e.g. {', '.join(shown)}" if shown else "")
            )
        lines.append("Work on: " + "; ".join(parts) + ".")
    else:
        lines.append("No recurring gap: no criterion fails more often than for the team.")
    return CoachingSummary(
        name=profile.name,
        method="template",
        text="\n\n".join(lines),
        strengths=[c.criterion_id for c in strengths],
        gaps=[c.criterion_id for c in gaps],
        examples=examples,
    )


def _met(rate: float | None) -> str:
    return rate_text(None if rate is None else 1 - rate)
