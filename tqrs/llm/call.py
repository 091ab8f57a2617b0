"""One structured call to the provider: the single path every LLM request takes (the judge,
coaching summaries, the connection test).

client (SDK retries off, one per event loop) -> the one retry policy (tqrs.llm.client) ->
`chat.completions.parse` with a pydantic response model -> the reply read by hand (usage,
refusal, content) -> a reply that does not fit the schema sent back once with what was
wrong -> cost from the price table. Caching stays with the caller (its key is its own).

One error policy: the provider refusing the credentials or the model (401, 403, 404), and a
provider never reached at all (connection errors from the first request on), raise
ConfigError: nothing else would work either. A provider that answered before and now refuses
every connection (after the retries) raises ProviderStopped: the run stops, resumable, rather
than mark the rest of its tickets "could not grade". Everything else (5xx or 429 after the
retries, timeouts, which read "the provider is slow", refusals, replies cut off at the output
cap, replies that do not fit twice) is a `CallResult` with `error` set, for the caller to
record as "could not grade" or to fall back from.

A 200 whose body is not a chat completion (a proxy's page, an error object) is a transport
failure, retried by the retry policy like a 5xx (tqrs.retry.UnusableReply), and never handed
on as the model's answer. Every request carries an output cap (`max_tokens`: the setting
OPENAI_MAX_TOKENS, else one derived from the response schema's length limits), so a model
that loops cannot run to the context limit.

Every HTTP request is an `Exchange` handed to the sink of the current context
(`EXCHANGE_SINK`, set by whoever runs the calls: the engine stores them with the run's
results, coaching and the connection test in their own transaction): the request as sent
(already redacted by the caller; the system message kept once, by hash; never headers or
keys), the reply, model, tokens, latency, the provider's request id and how it ended.
Provider error bodies are never kept (they can echo part of a key)."""

import asyncio
import hashlib
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime

import openai
from pydantic import BaseModel, ValidationError

from tqrs.display import plural
from tqrs.errors import ConfigError, ProviderStopped
from tqrs.llm.client import Attempts, RetryPolicy, build_client, call_with_retries
from tqrs.llm.cost import cost_of, price_table
from tqrs.llm.response_model import output_cap
from tqrs.llm.settings import LLMSettings
from tqrs.retry import UnusableReply

MAX_KEPT_REPLY = 64_000  # characters of a reply kept in an exchange
_REFUSED_CREDENTIALS = (
    openai.AuthenticationError,
    openai.PermissionDeniedError,
    openai.NotFoundError,
)
VALIDATION_RETRY_OPENING = "Your previous answer did not match the required JSON schema:"
VALIDATION_RETRY = (
    VALIDATION_RETRY_OPENING + "\n{error}\nAnswer again with JSON that matches the schema exactly."
)


@dataclass
class Exchange:
    """One HTTP request to the provider and how it ended (a row of `llm_exchanges`)."""

    purpose: str  # "judge", "coaching", "connection_test"
    provider: str
    endpoint: str
    model: str
    system_hash: str
    system: str  # kept once per hash (llm_texts)
    request: dict  # the messages after the system message, and the parameters
    status: str  # ok, refused, invalid, cut_off, filtered, rate_limited, http_error, ...
    started_at: datetime
    latency_ms: float
    http_status: int | None = None
    reply: str | None = None
    error: str | None = None
    tokens_in: int = 0
    tokens_out: int = 0
    request_id: str | None = None
    ticket_id: int | None = None
    cost: float = 0.0  # of its tokens (not stored: the run's cost is the sum of its calls')

    @classmethod
    def of(cls, caller: "Caller", **values) -> "Exchange":
        """An exchange made by `caller`: its purpose, provider, endpoint and model."""
        return cls(
            purpose=caller.purpose,
            provider=caller.provider,
            endpoint=caller.endpoint,
            model=caller.model,
            **values,
        )


ExchangeSink = Callable[[Exchange], None]
EXCHANGE_SINK: ContextVar[ExchangeSink | None] = ContextVar("tqrs_exchange_sink", default=None)


@dataclass
class CallResult:
    """The answer of one structured call (after its retries), or why there is none."""

    parsed: BaseModel | None = None
    raw: str | None = None  # the last reply's text, as received
    refusal: str | None = None
    error: str | None = None
    tokens_in: int = 0
    tokens_out: int = 0
    cost: float = 0.0
    requests: int = 0


@dataclass
class _Reply:
    parsed: BaseModel | None = None
    raw: str | None = None
    refusal: str | None = None
    error: str | None = None
    status: str = "ok"
    tokens_in: int = 0
    tokens_out: int = 0
    request_id: str | None = None


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class Caller:
    """Structured calls for one purpose with one provider configuration: the settings, a
    retry policy shared by its calls, the price table, and the HTTP client of the running
    event loop."""

    def __init__(
        self,
        settings: LLMSettings,
        purpose: str,
        policy: RetryPolicy | None = None,
        client=None,
    ):
        self.settings, self.purpose = settings, purpose
        self.policy = policy or RetryPolicy(max_retries=settings.max_retries)
        self.prices = price_table(settings.prices)
        self._client, self._client_loop = client, None
        self._reached = False  # whether the provider has ever answered this caller

    @property
    def model(self) -> str:
        return self.settings.model_name

    @property
    def provider(self) -> str:
        return self.settings.provider

    @property
    def endpoint(self) -> str:
        return endpoint_of(self.settings)

    async def call(
        self,
        system: str,
        user: str,
        response_model: type[BaseModel],
        *,
        system_hash: str | None = None,
        ticket_id: int | None = None,
        retry_invalid: bool = True,
        max_tokens: int | None = None,
        history: list[dict] | None = None,
    ) -> CallResult:
        """Ask once (twice when the first reply does not fit `response_model` and
        `retry_invalid`); see the module docstring for what raises and what returns.
        `history`: messages after the user message (an earlier answer and a follow-up
        question, e.g. a re-ask for evidence that is not in the ticket)."""
        messages = [
            {"role": "system", "content": system},
            {"role": "user", "content": user},
            *(history or ()),
        ]
        system_hash = system_hash or text_hash(system)
        out = CallResult()
        for attempt in (1, 2):
            reply, sent = await self._send(
                messages, response_model, system_hash, ticket_id, max_tokens
            )
            out.requests += sent
            out.tokens_in += reply.tokens_in
            out.tokens_out += reply.tokens_out
            out.raw, out.refusal, out.error, out.parsed = (
                reply.raw,
                reply.refusal,
                reply.error,
                reply.parsed,
            )
            again = validation_retry(reply)
            if attempt == 2 or not (again and retry_invalid):
                break
            messages += again
        return self.priced(out)

    def priced(self, out: CallResult, batch: bool = False) -> CallResult:
        """`out` with its cost (online, or at the Batch API's price) and, for a refusal, the
        reason as its error."""
        out.cost = cost_of(self.model, out.tokens_in, out.tokens_out, self.prices, batch)
        if out.parsed is None and out.refusal:
            out.error = f"the model refused: {out.refusal}"
        return out

    async def _send(
        self,
        messages: list[dict],
        response_model: type[BaseModel],
        system_hash: str,
        ticket_id: int | None,
        max_tokens: int | None,
    ) -> tuple[_Reply, int]:
        """One request with transport retries; each HTTP attempt is an Exchange."""
        params = self.params(messages, response_model, max_tokens)
        max_tokens = params["max_tokens"]
        client = self._client_for_loop()
        request = recorded_request(params, system_hash)
        record = _Recorder(self, messages[0]["content"], system_hash, request, ticket_id)

        async def send() -> _Reply:
            start = time.perf_counter()
            try:
                raw = await client.chat.completions.with_raw_response.parse(**params)
            except openai.APIError as e:
                record.failure(e, start)
                raise
            reply = read_reply(raw)
            if reply.status == "cut_off":
                reply.error = (
                    f"the reply was cut off at the output cap of {max_tokens} tokens "
                    "(OPENAI_MAX_TOKENS)"
                )
            record.reply(reply, start)
            if reply.status == "not_a_completion":
                raise UnusableReply(reply.error)
            return reply

        attempts = Attempts()
        try:
            reply = await call_with_retries(send, self.policy, attempts)
        except _REFUSED_CREDENTIALS as e:
            raise ConfigError(
                f"the {self.provider} provider refused the request "
                f"({e.status_code} {type(e).__name__}): check the API key, "
                f"endpoint and model {self.model!r}"
            ) from None
        except openai.APITimeoutError:  # before APIConnectionError, its base class
            return (
                _Reply(
                    error=f"the provider is slow (no answer within {self.settings.timeout:g} s, "
                    f"OPENAI_TIMEOUT) after {plural(attempts.requests, 'request')}",
                    status="timeout",
                ),
                attempts.requests,
            )
        except UnusableReply:
            self._reached = True
            return (
                _Reply(
                    error="the provider's replies were not chat completions (HTTP 200 with "
                    f"another body) after {plural(attempts.requests, 'request')}",
                    status="not_a_completion",
                ),
                attempts.requests,
            )
        except openai.APIError as e:
            status = e.status_code if isinstance(e, openai.APIStatusError) else None
            if status is None and not self._reached:  # fail fast on a wrong URL or proxy
                raise ConfigError(
                    f"cannot reach the {self.provider} provider: cannot connect to "
                    f"{self.endpoint} ({type(e).__name__} after "
                    f"{plural(attempts.requests, 'request')}); {self.settings.endpoint_hint()}"
                ) from None
            if status is None:  # it answered before: it went away mid-run
                raise ProviderStopped(
                    f"the provider stopped answering: cannot connect to {self.endpoint} "
                    f"({type(e).__name__} after {plural(attempts.requests, 'request')})"
                ) from None
            self._reached = self._reached or status is not None
            what = f"{status} {type(e).__name__}" if status else type(e).__name__
            return (
                _Reply(
                    error=f"the provider did not answer ({what}) after "
                    f"{plural(attempts.requests, 'request')}",
                    status="http_error",
                ),
                attempts.requests,
            )
        self._reached = True
        return reply, attempts.requests

    def params(
        self, messages: list[dict], response_model: type[BaseModel], max_tokens: int | None = None
    ) -> dict:
        """The parameters of one structured request, as given to `chat.completions.parse`
        (the Batch API's lines are these, with the response model as its JSON schema:
        tqrs.llm.batch_api)."""
        return {
            "model": self.model,
            "messages": messages,
            "response_format": response_model,
            "temperature": self.settings.temperature,
            "max_tokens": max_tokens or self.settings.max_tokens or output_cap(response_model),
        }

    def client(self):
        """The HTTP client of the running event loop."""
        return self._client_for_loop()

    async def close(self) -> None:
        """Close the HTTP client of the current loop."""
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


def endpoint_of(settings: LLMSettings) -> str:
    """Where requests go: the Azure endpoint, the compatible server's base URL, or OpenAI's."""
    from tqrs.llm.client import OPENAI_URL

    where = settings.azure_endpoint or settings.base_url or OPENAI_URL
    return where.rstrip("/")


class _Recorder:
    """Turns each HTTP attempt of one request into an Exchange for the context's sink."""

    def __init__(self, caller: Caller, system: str, system_hash: str, request: dict, ticket_id):
        self.caller, self.system, self.system_hash = caller, system, system_hash
        self.request, self.ticket_id = request, ticket_id
        self.sink = EXCHANGE_SINK.get()

    def reply(self, reply: _Reply, start: float) -> None:
        c = self.caller
        self._emit(
            start,
            status=reply.status,
            http_status=200,
            reply=(reply.raw or reply.refusal or "")[:MAX_KEPT_REPLY] or None,
            error=reply.error,
            tokens_in=reply.tokens_in,
            tokens_out=reply.tokens_out,
            request_id=reply.request_id,
            cost=cost_of(c.model, reply.tokens_in, reply.tokens_out, c.prices),
        )

    def failure(self, e: openai.APIError, start: float) -> None:
        answered = isinstance(e, openai.APIStatusError)
        kind = (
            "rate_limited"
            if isinstance(e, openai.RateLimitError)
            else "timeout"
            if isinstance(e, openai.APITimeoutError)
            else "connection_error"
            if isinstance(e, openai.APIConnectionError)
            else "http_error"
        )
        self._emit(
            start,
            status=kind,
            http_status=e.status_code if answered else None,
            error=type(e).__name__,  # never the body: it can echo part of a key
            request_id=e.request_id if answered else None,
        )

    def _emit(self, start: float, **values) -> None:
        if self.sink is None:
            return
        self.sink(
            Exchange.of(
                self.caller,
                system_hash=self.system_hash,
                system=self.system,
                request=self.request,
                started_at=datetime.now(UTC).replace(tzinfo=None),
                latency_ms=round((time.perf_counter() - start) * 1000, 1),
                ticket_id=self.ticket_id,
                **values,
            )
        )


def read_reply(raw_response) -> _Reply:
    """Usage, content and the parsed answer of a 200 response; what is wrong with it becomes
    `error` (a body that is not a chat completion is never handed on as an answer)."""
    request_id = raw_response.http_response.headers.get("x-request-id")
    try:
        body = raw_response.http_response.json()
    except ValueError:
        body = None
    return read_completion(
        body, raw_response.parse, request_id, lambda: raw_response.http_response.text
    )


def read_completion(body, parse: Callable, request_id: str | None, text: Callable) -> _Reply:
    """`read_reply` for a chat completion's JSON `body` (online, or a Batch API output line):
    `parse()` gives the SDK's parsed completion, `text()` the body as received."""
    try:
        message = body["choices"][0]["message"]
        usage = body.get("usage") or {}
    except (KeyError, IndexError, TypeError, AttributeError):
        return _Reply(
            raw=text()[:4000],
            error="the reply was not a chat completion",
            status="not_a_completion",
            request_id=request_id,
        )
    reply = _Reply(
        raw=message.get("content"),
        refusal=message.get("refusal"),
        tokens_in=usage.get("prompt_tokens") or 0,
        tokens_out=usage.get("completion_tokens") or 0,
        request_id=request_id,
    )
    if reply.refusal:
        reply.status = "refused"
        return reply
    try:
        reply.parsed = parse().choices[0].message.parsed
    except ValueError as e:  # pydantic's ValidationError and JSON errors
        reply.error = f"the reply did not match the schema: {_short(e)}"
        reply.status = "invalid"
    except openai.LengthFinishReasonError:
        reply.error = "the reply was cut off at the token limit (OPENAI_MAX_TOKENS)"
        reply.status = "cut_off"
    except openai.ContentFilterFinishReasonError:
        reply.error, reply.status = "the provider's content filter stopped the reply", "filtered"
    if reply.parsed is None and reply.error is None:
        reply.error, reply.status = "the reply was empty", "invalid"
    return reply


def validation_retry(reply: _Reply) -> list[dict] | None:
    """The messages that send a reply that did not fit the schema back once with what was
    wrong (after the first request's messages), or None when the reply is not such."""
    if reply.parsed is None and reply.status == "invalid" and reply.raw is not None:
        return [
            {"role": "assistant", "content": reply.raw},
            {"role": "user", "content": VALIDATION_RETRY.format(error=reply.error)},
        ]
    return None


def recorded_request(params: dict, system_hash: str) -> dict:
    """The request as an Exchange keeps it: the system message by its hash, the response
    model by its name, never the client's headers or key."""
    return {
        "messages": [{"role": "system", "hash": system_hash}, *params["messages"][1:]],
        "temperature": params["temperature"],
        "response_format": params["response_format"].__name__,
        **({"max_tokens": params["max_tokens"]} if "max_tokens" in params else {}),
    }


def _short(e: ValueError, limit: int = 600) -> str:
    """What was wrong, by field, without echoing the reply (it is kept as the raw reply)."""
    if isinstance(e, ValidationError):
        text = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'reply'}: {err['msg']}"
            for err in e.errors(include_input=False, include_url=False)
        )
    else:
        text = str(e)
    return text if len(text) <= limit else text[:limit] + "..."
