"""Judges grade a rubric's `llm` criteria for one ticket. Two exist: the LLM judge and the
offline judge (deterministic heuristics, the default when no credentials are set)."""

from typing import Protocol, runtime_checkable

from pydantic import BaseModel, Field

from tqrs.models import Ticket
from tqrs.results import CriterionResult
from tqrs.rubric import Rubric


class JudgeOutcome(BaseModel):
    """A judge's results for one ticket, keyed by criterion id, and what they cost."""

    results: dict[str, CriterionResult] = Field(default_factory=dict)
    tokens_in: int = 0
    tokens_out: int = 0
    cost: float = 0.0
    cached: bool = False
    requests: int = Field(0, description="HTTP requests made")


@runtime_checkable
class Judge(Protocol):
    name: str  # "offline" or "llm"
    model: str  # "offline-heuristics-v1" or the model name

    async def judge(self, ticket: Ticket, rubric: Rubric) -> JudgeOutcome: ...


__all__ = ["Judge", "JudgeOutcome"]
