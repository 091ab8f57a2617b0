"""The LLM judge: one structured-output call per ticket per rubric (tqrs.llm.call).

The reply is parsed into the rubric's response model (one entry per LLM criterion, keyed by
criterion id). A reply that does not validate is sent back once with the validation error;
if the second reply fails too, or the model refuses, or the provider never answers, every LLM
criterion of the ticket is `unscored` with the reason, the prompt and the raw reply: never a
made-up default. Successful answers go to the LLM cache with the ticket's result (the engine
commits both in one transaction), so an identical request is never sent twice. The cache key
holds the ticket's messages, the rubric version, the model, the prompt version and the
endpoint: the same model name on another server is another model.

Grounding: when the knowledge base has documents, the passages nearest a ticket follow it in
the user message (tqrs.llm.prompt), and those the reply cites are stored as the criterion's
`citations`. The passages are part of the cache key, so a changed knowledge base is never
answered from stale entries. If the knowledge base has documents but the embedding model
cannot load, the run stops with a ConfigError rather than silently grading ungrounded."""

import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice

from tqrs.embeddings import get_embedder
from tqrs.judges import JudgeOutcome, RemoteJudge
from tqrs.knowledge.evidence import knowledge_evidence
from tqrs.llm import prompt
from tqrs.llm.call import Caller, text_hash
from tqrs.llm.client import RetryPolicy
from tqrs.llm.cost import Estimate, estimate_run
from tqrs.llm.redact import Redaction, redact_ticket
from tqrs.llm.response_model import answers_by_criterion, build_response_model
from tqrs.llm.settings import LLMSettings
from tqrs.models import Ticket
from tqrs.results import CriterionResult
from tqrs.store.llm_cache import CacheEntry, cache_key, cached_keys, content_hash, get_cached


@dataclass
class PreparedRequest:
    system: str
    system_hash: str
    user: str
    redaction: Redaction
    content_hash: str
    key: str
    passages: tuple = field(default=())


class LLMJudge(RemoteJudge):
    """Grades a rubric's LLM criteria through an OpenAI-compatible provider."""

    name = "llm"
    prompt_version = prompt.PROMPT_VERSION
    billed = True

    def __init__(
        self,
        settings: LLMSettings,
        store=None,
        client=None,
        policy: RetryPolicy | None = None,
        knowledge="auto",
        embedder_factory=None,
    ):
        """`knowledge`: "auto" grounds on the store's knowledge base when it has documents
        (embedder from `embedder_factory`, default tqrs.embeddings.get_embedder); None never
        grounds; or a tqrs.knowledge.evidence.KnowledgeEvidence."""
        self.settings = settings
        self.caller = Caller(settings, "judge", policy, client)
        self.model, self.provider, self.endpoint = (
            self.caller.model,
            self.caller.provider,
            self.caller.endpoint,
        )
        self.store = store
        self._cache_keys: dict[tuple[str, str], set[str]] = {}
        self._systems: dict[tuple[str, str], tuple[str, str]] = {}
        self._knowledge = knowledge if store is not None else None
        self._embedder_factory = embedder_factory or get_embedder
        self._knowledge_lock = threading.Lock()

    def _grounding(self):
        """The knowledge evidence to ground on, looked up once (None: no knowledge base)."""
        if self._knowledge == "auto":
            with self._knowledge_lock:
                if self._knowledge == "auto":
                    self._knowledge = knowledge_evidence(self.store, self._embedder_factory)
        return self._knowledge

    def passages_for(self, tickets: list[Ticket], cached_only: bool = False) -> dict[int, tuple]:
        """ticket id -> the knowledge passages to send with it (in one batch); `cached_only`
        leaves out tickets whose text has no vector yet (see estimate)."""
        grounding = self._grounding()
        if grounding is None:
            return {}
        return {tid: e.passages for tid, e in grounding.for_tickets(tickets, cached_only).items()}

    def _known_keys(self, rubric) -> set[str]:
        if self.store is None:
            return set()
        ref = (rubric.id, str(rubric.version))
        if ref not in self._cache_keys:
            self._cache_keys[ref] = cached_keys(self.store, *ref, self.model, self.prompt_version)
        return self._cache_keys[ref]

    def prepare(
        self,
        ticket: Ticket,
        rubric,
        passages: tuple | None = None,
        open: Mapping[str, str] | None = None,
    ) -> PreparedRequest:
        """The messages for a ticket (redacted when enabled) and their cache key; `passages`
        None looks them up; `open`: the rule criteria left to the judge, named in the user
        message (so part of the cache key)."""
        if passages is None:
            passages = self.passages_for([ticket]).get(ticket.id, ())
        sent, redaction = redact_ticket(ticket) if self.settings.redact else (ticket, Redaction())
        system, system_hash = self._system(rubric)
        user = prompt.user_message(sent, passages, open)
        content = content_hash(system_hash, user)
        key = cache_key(
            content, rubric.id, str(rubric.version), self.model, self.prompt_version, self.endpoint
        )
        return PreparedRequest(system, system_hash, user, redaction, content, key, tuple(passages))

    def _system(self, rubric) -> tuple[str, str]:
        """The rubric's system message and its hash, built once per rubric version."""
        ref = (rubric.id, str(rubric.version))
        if ref not in self._systems:
            text = prompt.system_message(rubric)
            self._systems[ref] = (text, text_hash(text))
        return self._systems[ref]

    def estimate(self, tickets: Iterable[Ticket], rubric, total: int = 0) -> Estimate:
        """What sending these tickets would cost, from the prompts actually built (tickets
        already in the LLM cache are counted apart and cost nothing)."""
        known = self._known_keys(rubric)
        cached, texts = 0, []
        tickets = iter(tickets)
        # Passages a batch at a time, and only for tickets already embedded: an estimate
        # never waits for the model (a ticket not embedded cannot have a grounded answer
        # cached; its prompt is counted without passages, a slight underestimate).
        while batch := list(islice(tickets, 1000)):
            passages = self.passages_for(batch, cached_only=True)
            for t in batch:
                req = self.prepare(t, rubric, passages.get(t.id, ()))
                if req.key in known:
                    cached += 1
                else:
                    texts.append(req.user)
        schema = json.dumps(build_response_model(rubric).model_json_schema())
        return estimate_run(
            self._system(rubric)[0],
            texts,
            len(rubric.llm_criteria),
            self.model,
            self.caller.prices,
            cached=cached,
            schema_chars=len(schema),
        )

    async def judge(
        self, ticket: Ticket, rubric, open: Mapping[str, str] | None = None
    ) -> JudgeOutcome:
        open = dict(open or {})
        req = self.prepare(ticket, rubric, open=open)
        cached = get_cached(self.store, req.key) if req.key in self._known_keys(rubric) else None
        if cached is not None:
            model = build_response_model(rubric)
            results = self._results(rubric, model.model_validate(cached.response), req, open)
            return JudgeOutcome(results=results, cached=True)
        reply = await self.caller.call(
            req.system,
            req.user,
            build_response_model(rubric),
            system_hash=req.system_hash,
            ticket_id=ticket.id,
        )
        usage = {
            "tokens_in": reply.tokens_in,
            "tokens_out": reply.tokens_out,
            "cost": reply.cost,
            "requests": reply.requests,
        }
        if reply.parsed is None:
            raw = req.redaction.restore(reply.raw)
            results = self._unscored(rubric, reply.error, req, raw, open)
            return JudgeOutcome(results=results, **usage)
        self._known_keys(rubric).add(req.key)
        entry = CacheEntry(
            req.key,
            req.content_hash,
            rubric.id,
            str(rubric.version),
            self.model,
            self.prompt_version,
            reply.parsed.model_dump(by_alias=True),
            reply.tokens_in,
            reply.tokens_out,
            reply.cost,
        )
        return JudgeOutcome(
            results=self._results(rubric, reply.parsed, req, open), cache_entry=entry, **usage
        )

    async def close(self) -> None:
        """Close the HTTP client of the current loop (the engine calls this at the end)."""
        await self.caller.close()

    def _results(
        self, rubric, parsed, req: PreparedRequest, open: Mapping[str, str]
    ) -> dict[str, CriterionResult]:
        answers = answers_by_criterion(parsed)
        restore = req.redaction.restore
        out = {}
        for c in _asked(rubric, open):
            answer = answers.get(c.id)
            if answer is None:  # an open rule criterion answered null
                out[c.id] = CriterionResult.unscored(
                    c, "llm", "the judge answered null for a criterion it was asked to decide",
                    prompt=req.user,
                )  # fmt: skip
                continue
            out[c.id] = CriterionResult.from_option(
                c,
                answer.option,
                "llm",
                evidence=restore(answer.evidence),
                reasoning=restore(answer.reasoning),
                coaching=restore(answer.coaching),
                citations=cited(req.passages, answer),
            )
        return out

    def _unscored(
        self, rubric, reason: str, req: PreparedRequest, raw: str | None, open: Mapping[str, str]
    ) -> dict[str, CriterionResult]:
        return {
            c.id: CriterionResult.unscored(c, "llm", error=reason, prompt=req.user, raw_reply=raw)
            for c in _asked(rubric, open)
        }


def _asked(rubric, open: Mapping[str, str]) -> list:
    """The criteria a request decides: the rubric's llm criteria and the open rule criteria."""
    return rubric.llm_criteria + [c for c in rubric.rule_criteria if c.id in open]


def cited(passages, answer) -> list[str]:
    """The citations of the passages an answer names: by the exact `[file: heading]`, else
    (a shortened citation) the first passage of a document whose file name it mentions."""
    text = " ".join((answer.reasoning, answer.coaching, answer.evidence))
    found = [p.cite() for p in passages if p.cite() in text]
    named = {p.document for p in passages if p.cite() in found}
    for p in passages:
        if p.document not in named and p.document in text:
            named.add(p.document)
            found.append(p.cite())
    return found
