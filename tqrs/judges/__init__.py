"""Judges grade a rubric's `llm` criteria for one ticket. Two exist: the LLM judge and the
offline judge (deterministic heuristics, the default when no credentials are set).

What a judge is, every judge says (the engine never probes one):
- identity: `name` ("llm", "offline"), `model`, `provider`, `endpoint` (where requests go,
  "" for none) and `prompt_version`; a run records them and a resumed run must match them;
- `estimate(tickets, rubric)`: what grading these tickets would send and cost;
- grading, in one of two ways, by the judge's class:
  `InProcessJudge.judge_ticket(ticket, rubric, open)`: no I/O, pure CPU; the engine grades
  its tickets in batches with no await between them (in this process or in worker
  processes, so it must pickle);
  `RemoteJudge.judge(ticket, rubric, open)`: one ticket at a time, awaited, under the
  engine's concurrency bound (requests to a provider);
  either way the results hold the rubric's llm criteria and the rule criteria in `open`
  (criterion id -> the rule's Deferred: why it left it open, the passage that may settle
  it, whether it applies; tqrs.rules.apply_rules), in one call;
- `close()`: release what it holds (an HTTP client) at the end of a run;
- `billed`: whether its answers cost money (the month's spending cap applies to its runs);
- `knowledge_notes`: whether the engine's annotation stage adds knowledge notes (SOP passages,
  a better category) to its results. The LLM judge grounds itself in the prompt and cites in
  its own reply, so it says False;
- `batch_api`: whether its requests can go through the provider's Batch API (the engine's
  batch runner, tqrs.engine.batch, then uses its `caller`, `prepare`, `cached_outcome`,
  `outcome` and `follow_up`: only the LLM judge).

`make_judge` picks the judge for a run: the LLM when one is configured, else offline."""

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tqrs.llm.cost import Estimate
from tqrs.llm.settings import LLMSettings
from tqrs.models import Ticket
from tqrs.results import CriterionResult
from tqrs.rubric import Rubric

if TYPE_CHECKING:
    from tqrs.rules.registry import Deferred


@dataclass(frozen=True)
class JudgeIdentity:
    """What a run is pinned to: a resumed run must be graded by the same."""

    name: str
    model: str
    provider: str
    endpoint: str = ""
    prompt_version: str = ""

    def differences(self, other: "JudgeIdentity") -> list[str]:
        """What differs from `other`, as "model 'a' (now 'b')" phrases."""
        return [
            f"{what} {getattr(self, what)!r} (now {getattr(other, what)!r})"
            for what in ("name", "provider", "endpoint", "model", "prompt_version")
            if getattr(self, what) != getattr(other, what)
        ]


@dataclass
class JudgeOutcome:
    """A remote judge's results for one ticket, keyed by criterion id, what they cost, the
    cache entry to commit with them and the exchanges with the provider (tqrs.llm.call)."""

    results: dict[str, CriterionResult] = field(default_factory=dict)
    tokens_in: int = 0
    tokens_out: int = 0
    cost: float = 0.0
    cached: bool = False
    requests: int = 0  # HTTP requests made
    cache_entry: object | None = None  # tqrs.store.llm_cache.CacheEntry
    exchanges: list = field(default_factory=list)  # tqrs.llm.call.Exchange


class Judge(ABC):
    name: str
    model: str
    provider: str
    endpoint: str = ""
    prompt_version: str = ""
    billed: bool = False
    knowledge_notes: bool = False
    batch_api: bool = False

    @property
    def identity(self) -> JudgeIdentity:
        return JudgeIdentity(
            self.name, self.model, self.provider, self.endpoint, self.prompt_version
        )

    @abstractmethod
    def estimate(
        self, tickets: Iterable[Ticket], rubric: Rubric, total: int, asks=None
    ) -> Estimate:
        """What grading `tickets` (`total` of them, read lazily: a judge that sends nothing
        need not read them) would send and cost, before a run; `asks` (a run's
        tqrs.engine.plan.what_is_asked) says what each ticket's request asks, if anything."""

    @abstractmethod
    async def close(self) -> None:
        """Release what the judge holds; the engine calls it when a run ends."""


class InProcessJudge(Judge):
    """A judge without I/O: the engine grades its tickets in batches, synchronously."""

    @abstractmethod
    def judge_ticket(
        self, ticket: Ticket, rubric: Rubric, open: Mapping[str, "Deferred"] | None = None
    ) -> dict[str, CriterionResult]:
        """The ticket's results for the rubric's llm criteria and the `open` rule criteria.
        Called right after the rules on the same ticket (its text, parsed once, is still at
        hand)."""


class RemoteJudge(Judge):
    """A judge that asks a provider: one awaited call per ticket."""

    @abstractmethod
    async def judge(
        self, ticket: Ticket, rubric: Rubric, open: Mapping[str, "Deferred"] | None = None
    ) -> JudgeOutcome:
        """The ticket's results for the rubric's llm criteria and the `open` rule criteria
        (one request), and what they cost."""


def make_judge(store, settings: LLMSettings, offline: bool = False) -> Judge:
    """The LLM judge when one is configured and `offline` is not asked for, else the offline
    judge. The knowledge notes of offline runs are the engine's annotation stage."""
    if offline or not settings.configured:
        from tqrs.judges.offline import OfflineJudge

        return OfflineJudge()
    from tqrs.judges.llm import LLMJudge  # imports openai: only when an LLM is configured

    return LLMJudge(settings, store=store)


__all__ = [
    "InProcessJudge",
    "Judge",
    "JudgeIdentity",
    "JudgeOutcome",
    "RemoteJudge",
    "make_judge",
]
