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
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

from tqrs.embeddings import get_embedder
from tqrs.judges import JudgeOutcome, RemoteJudge
from tqrs.knowledge.evidence import knowledge_evidence
from tqrs.llm import prompt
from tqrs.llm.call import Caller, CallResult, text_hash, validation_retry
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
    batch_api = True

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

    def prepare(self, ticket: Ticket, rubric, passages: tuple | None = None) -> PreparedRequest:
        """The messages for a ticket (redacted when enabled) and their cache key; `passages`
        None looks them up."""
        if passages is None:
            passages = self.passages_for([ticket]).get(ticket.id, ())
        sent, redaction = redact_ticket(ticket) if self.settings.redact else (ticket, Redaction())
        system, system_hash = self._system(rubric)
        user = prompt.user_message(sent, passages)
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

    async def judge(self, ticket: Ticket, rubric) -> JudgeOutcome:
        req = self.prepare(ticket, rubric)
        cached = self.cached_outcome(rubric, req)
        if cached is not None:
            return cached
        reply = await self.caller.call(
            req.system,
            req.user,
            build_response_model(rubric),
            system_hash=req.system_hash,
            ticket_id=ticket.id,
        )
        return self.outcome(rubric, req, reply)

    def cached_outcome(self, rubric, req: PreparedRequest) -> JudgeOutcome | None:
        """The outcome of `req` from the LLM cache, if it is there."""
        cached = get_cached(self.store, req.key) if req.key in self._known_keys(rubric) else None
        if cached is None:
            return None
        model = build_response_model(rubric)
        results = self._results(rubric, model.model_validate(cached.response), req)
        return JudgeOutcome(results=results, cached=True)

    def follow_up(
        self, rubric, req: PreparedRequest, reply, earlier: list[dict]
    ) -> list[dict] | None:
        """Whether the answer to `req` needs another request, and the messages to add (after
        the user message and the `earlier` follow-ups the answered request carried); None:
        `reply` (a tqrs.llm.call reply: parsed, raw, status, error) is final. Asked by the
        Batch API runner between batches (tqrs.engine.batch); online, the call itself sends
        the schema re-ask (tqrs.llm.call.Caller.call). Today: a reply that did not fit the
        schema is sent back once with what was wrong."""
        return None if earlier else validation_retry(reply)

    def outcome(self, rubric, req: PreparedRequest, reply: CallResult) -> JudgeOutcome:
        """The ticket's results from the provider's answer to `req` (or why there are none),
        what it cost and the cache entry to commit with them."""
        usage = {
            "tokens_in": reply.tokens_in,
            "tokens_out": reply.tokens_out,
            "cost": reply.cost,
            "requests": reply.requests,
        }
        if reply.parsed is None:
            results = self._unscored(rubric, reply.error, req, req.redaction.restore(reply.raw))
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
            results=self._results(rubric, reply.parsed, req), cache_entry=entry, **usage
        )

    async def close(self) -> None:
        """Close the HTTP client of the current loop (the engine calls this at the end)."""
        await self.caller.close()

    def _results(self, rubric, parsed, req: PreparedRequest) -> dict[str, CriterionResult]:
        answers = answers_by_criterion(parsed)
        restore = req.redaction.restore
        return {
            c.id: CriterionResult.from_option(
                c,
                answers[c.id].option,
                "llm",
                evidence=restore(answers[c.id].evidence),
                reasoning=restore(answers[c.id].reasoning),
                coaching=restore(answers[c.id].coaching),
                citations=cited(req.passages, answers[c.id]),
            )
            for c in rubric.llm_criteria
        }

    def _unscored(
        self, rubric, reason: str, req: PreparedRequest, raw: str | None
    ) -> dict[str, CriterionResult]:
        return {
            c.id: CriterionResult.unscored(c, "llm", error=reason, prompt=req.user, raw_reply=raw)
            for c in rubric.llm_criteria
        }


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
