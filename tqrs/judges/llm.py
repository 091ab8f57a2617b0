"""The LLM judge: one structured-output call per ticket per rubric.

The reply is parsed into the rubric's response model (one entry per LLM criterion, keyed by
criterion id). A reply that does not validate is sent back once with the validation error;
if the second reply fails too, or the model refuses, or the provider never answers, every LLM
criterion of the ticket is `unscored` with the reason, the prompt and the raw reply: never a
made-up default. Successful answers go to the LLM cache with the ticket's result (the runner
commits both in one transaction), so an identical request is never sent twice.

Grounding: when the knowledge base has documents, the passages nearest a ticket follow it in
the user message (tqrs.llm.prompt), and those the reply cites are stored as the criterion's
`citations`. The passages are part of the cache key, so a changed knowledge base is never
answered from stale entries. If the knowledge base has documents but the embedding model
cannot load, the run stops with a ConfigError rather than silently grading ungrounded."""

import asyncio
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

import openai
from pydantic import ValidationError

from tqrs.embeddings import get_embedder
from tqrs.errors import ConfigError
from tqrs.judges import JudgeOutcome
from tqrs.knowledge.evidence import knowledge_evidence
from tqrs.llm import prompt
from tqrs.llm.client import Attempts, RetryPolicy, build_client, call_with_retries
from tqrs.llm.cost import Estimate, cost_of, estimate_run, price_table
from tqrs.llm.redact import Redaction, redact_ticket
from tqrs.llm.response_model import answers_by_criterion, build_response_model
from tqrs.llm.settings import LLMSettings
from tqrs.models import Ticket
from tqrs.results import CriterionResult
from tqrs.store.llm_cache import CacheEntry, cache_key, cached_keys, content_hash, get_cached

_REFUSED_CREDENTIALS = (
    openai.AuthenticationError,
    openai.PermissionDeniedError,
    openai.NotFoundError,
)


class LLMOutcome(JudgeOutcome):
    """A judge outcome plus the cache entry to commit with the ticket's result."""

    cache_entry: CacheEntry | None = None


@dataclass
class PreparedRequest:
    system: str
    user: str
    redaction: Redaction
    content_hash: str
    key: str
    passages: tuple = field(default=())


@dataclass
class _Reply:
    parsed: object | None = None
    raw: str | None = None
    refusal: str | None = None
    error: str | None = None
    tokens_in: int = 0
    tokens_out: int = 0


class LLMJudge:
    """Grades a rubric's LLM criteria through an OpenAI-compatible provider."""

    name = "llm"

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
        self.model = settings.model_name
        self.provider = settings.provider
        self.store = store
        self._client, self._client_loop = client, None
        self.policy = policy or RetryPolicy(max_retries=settings.max_retries)
        self.prices = price_table(settings.prices)
        self._cache_keys: dict[tuple[str, str], set[str]] = {}
        self._systems: dict[tuple[str, str], tuple[str, str]] = {}
        self._reached = False  # whether the provider has ever answered this judge
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
            self._cache_keys[ref] = cached_keys(self.store, *ref, self.model, prompt.PROMPT_VERSION)
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
        key = cache_key(content, rubric.id, str(rubric.version), self.model, prompt.PROMPT_VERSION)
        return PreparedRequest(system, user, redaction, content, key, tuple(passages))

    def _system(self, rubric) -> tuple[str, str]:
        """The rubric's system message and its hash, built once per rubric version."""
        ref = (rubric.id, str(rubric.version))
        if ref not in self._systems:
            text = prompt.system_message(rubric)
            self._systems[ref] = (text, content_hash(text))
        return self._systems[ref]

    def estimate(self, tickets: Iterable[Ticket], rubric) -> Estimate:
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
            self.prices,
            cached=cached,
            schema_chars=len(schema),
        )

    async def judge(self, ticket: Ticket, rubric) -> LLMOutcome:
        req = self.prepare(ticket, rubric)
        cached = get_cached(self.store, req.key) if req.key in self._known_keys(rubric) else None
        if cached is not None:
            model = build_response_model(rubric)
            results = self._results(rubric, model.model_validate(cached.response), req)
            return LLMOutcome(results=results, cached=True, requests=0)
        return await self._ask(rubric, req)

    async def _ask(self, rubric, req: PreparedRequest) -> LLMOutcome:
        model = build_response_model(rubric)
        messages = [
            {"role": "system", "content": req.system},
            {"role": "user", "content": req.user},
        ]
        requests = tokens_in = tokens_out = 0
        for attempt in (1, 2):
            reply, sent = await self._send(messages, model)
            requests += sent
            tokens_in, tokens_out = tokens_in + reply.tokens_in, tokens_out + reply.tokens_out
            if reply.parsed is not None or reply.refusal or attempt == 2 or reply.raw is None:
                break
            messages += [
                {"role": "assistant", "content": reply.raw},
                {"role": "user", "content": prompt.validation_retry_message(reply.error)},
            ]
        cost = cost_of(self.model, tokens_in, tokens_out, self.prices)
        usage = {
            "tokens_in": tokens_in,
            "tokens_out": tokens_out,
            "cost": cost,
            "requests": requests,
        }
        if reply.parsed is None:
            reason = f"the model refused: {reply.refusal}" if reply.refusal else reply.error
            results = self._unscored(rubric, reason, req, req.redaction.restore(reply.raw))
            return LLMOutcome(results=results, **usage)
        self._known_keys(rubric).add(req.key)
        entry = CacheEntry(
            req.key,
            req.content_hash,
            rubric.id,
            str(rubric.version),
            self.model,
            prompt.PROMPT_VERSION,
            reply.parsed.model_dump(by_alias=True),
            tokens_in,
            tokens_out,
            cost,
        )
        return LLMOutcome(
            results=self._results(rubric, reply.parsed, req), cache_entry=entry, **usage
        )

    async def _send(self, messages: list[dict], model) -> tuple[_Reply, int]:
        """One request (with transport retries); a reply that fails to parse keeps its text."""
        extra = {"max_tokens": self.settings.max_tokens} if self.settings.max_tokens else {}
        client = self._client_for_loop()

        async def send():
            return await client.chat.completions.with_raw_response.parse(
                model=self.model,
                messages=messages,
                response_format=model,
                temperature=self.settings.temperature,
                **extra,
            )

        attempts = Attempts()
        try:
            raw = await call_with_retries(send, self.policy, attempts)
        except _REFUSED_CREDENTIALS as e:
            raise ConfigError(
                f"the {self.provider} provider refused the request "
                f"({e.status_code} {type(e).__name__}): check the API key, "
                f"endpoint and model {self.model!r}"
            ) from None
        except openai.APIError as e:
            status = getattr(e, "status_code", None)
            if status is None and not self._reached:  # fail fast on a wrong URL or proxy
                where = self.settings.azure_endpoint or self.settings.base_url or "api.openai.com"
                raise ConfigError(
                    f"cannot reach the {self.provider} provider at {where} "
                    f"({type(e).__name__} after {attempts.requests} requests): "
                    "check OPENAI_BASE_URL or TQRS_AZURE_OPENAI_ENDPOINT"
                ) from None
            self._reached = self._reached or status is not None
            what = f"{status} {type(e).__name__}" if status else type(e).__name__
            return (
                _Reply(
                    error=f"the provider did not answer ({what}) after {attempts.requests} requests"
                ),
                attempts.requests,
            )
        self._reached = True
        return _read_reply(raw), attempts.requests

    async def aclose(self) -> None:
        """Close the HTTP client of the current loop (the runner calls this at the end)."""
        if self._client is not None and self._client_loop is asyncio.get_running_loop():
            await self._client.close()
            self._client, self._client_loop = None, None

    def _client_for_loop(self):
        # An async client's connections belong to the event loop that opened them.
        loop = asyncio.get_running_loop()
        if self._client is None or self._client_loop not in (None, loop):
            self._client = build_client(self.settings)
        self._client_loop = loop
        return self._client

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


def _read_reply(raw_response) -> _Reply:
    """Usage, content and the parsed answer of a 200 response; parse errors become `error`."""
    try:
        body = raw_response.http_response.json()
        message = body["choices"][0]["message"]
        usage = body.get("usage") or {}
    except (ValueError, KeyError, IndexError, TypeError):
        return _Reply(
            raw=raw_response.http_response.text[:4000], error="the reply was not a chat completion"
        )
    reply = _Reply(
        raw=message.get("content"),
        refusal=message.get("refusal"),
        tokens_in=usage.get("prompt_tokens") or 0,
        tokens_out=usage.get("completion_tokens") or 0,
    )
    if reply.refusal:
        return reply
    try:
        reply.parsed = raw_response.parse().choices[0].message.parsed
    except ValueError as e:  # pydantic's ValidationError and JSON errors
        reply.error = f"the reply did not match the rubric's schema: {_short(e)}"
    except openai.LengthFinishReasonError:
        reply.error = "the reply was cut off at the token limit (OPENAI_MAX_TOKENS)"
        reply.raw = None  # a cut reply is not worth sending back
    except openai.ContentFilterFinishReasonError:
        reply.error, reply.raw = "the provider's content filter stopped the reply", None
    if reply.parsed is None and reply.error is None:
        reply.error = "the reply was empty"
    return reply


def _short(e: ValueError, limit: int = 600) -> str:
    """What was wrong, by field, without echoing the reply (it is kept in raw_reply)."""
    if isinstance(e, ValidationError):
        text = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'reply'}: {err['msg']}"
            for err in e.errors(include_input=False, include_url=False)
        )
    else:
        text = str(e)
    return text if len(text) <= limit else text[:limit] + "..."
