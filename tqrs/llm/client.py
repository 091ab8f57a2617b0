"""The provider client and the one retry policy.

The SDK's own retries are off (`max_retries=0`): every HTTP request TQRS makes goes through
`call_with_retries`, so one request per attempt and no retries stacked under retries.
Rate limits (429) wait as long as the provider's Retry-After says; when most recent answers
are 429s the provider is really saturated, and `RateGate` then holds back every new request
of the pool until the Retry-After has passed (an isolated 429 only delays its own retry).
Timeouts, connection errors and 5xx back off exponentially; other 4xx are not retried.

`REQUEST_SLOTS` (set by the runner for its tasks) bounds the HTTP requests in flight; a call
holds a slot only while its request is out, not while it waits to retry, so one ticket's
backoff does not idle a slot the provider could be using."""

import asyncio
import email.utils
import time
from collections import deque
from collections.abc import Awaitable, Callable
from contextlib import nullcontext
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TypeVar

import openai
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception

from tqrs.llm.settings import LLMSettings

T = TypeVar("T")
REQUEST_SLOTS: ContextVar[asyncio.Semaphore | None] = ContextVar("tqrs_request_slots", default=None)
OPENAI_URL = "https://api.openai.com/v1"
KEYLESS = "no-key"  # OpenAI-compatible local servers (Ollama, vLLM) accept any key


def build_client(settings: LLMSettings) -> openai.AsyncOpenAI:
    """An async client for the configured provider, with the SDK's retries off."""
    headers = {"X-Api-Key": settings.proxy_key.reveal()} if settings.proxy_key else None
    common = {"timeout": settings.timeout, "max_retries": 0, "default_headers": headers}
    if settings.provider == "azure":
        return openai.AsyncAzureOpenAI(
            azure_endpoint=settings.azure_endpoint,
            azure_deployment=settings.azure_deployment,
            api_version=settings.azure_api_version,
            api_key=settings.azure_api_key.reveal() if settings.azure_api_key else None,
            **common,
        )
    key = settings.api_key.reveal() if settings.api_key else KEYLESS
    return openai.AsyncOpenAI(api_key=key, base_url=settings.base_url or OPENAI_URL, **common)


def classify(exc: BaseException) -> str:
    """rate_limit, transient (worth retrying) or fatal."""
    if isinstance(exc, openai.RateLimitError):
        return "rate_limit"
    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return "transient"
    if isinstance(exc, openai.APIStatusError) and exc.status_code >= 500:
        return "transient"
    return "fatal"


def retry_after(exc: BaseException) -> float | None:
    """Seconds the provider asked to wait (Retry-After-Ms, Retry-After seconds or date)."""
    response = getattr(exc, "response", None)
    if response is None:
        return None
    headers = response.headers
    for name, divisor in (("retry-after-ms", 1000), ("retry-after", 1)):
        try:
            return max(0.0, float(headers[name]) / divisor)
        except (KeyError, ValueError):
            pass
    when = headers.get("retry-after")
    parsed = email.utils.parsedate_to_datetime(when) if when else None
    return max(0.0, parsed.timestamp() - time.time()) if parsed else None


@dataclass
class RateGate:
    """Pool-wide backoff: closes for the Retry-After when 429s dominate recent answers."""

    window: int = 20
    threshold: float = 0.5
    pauses: int = 0

    def __post_init__(self):
        self._recent: deque[bool] = deque(maxlen=self.window)
        self._open_at = 0.0

    async def wait(self) -> None:
        while (delay := self._open_at - time.monotonic()) > 0:
            await asyncio.sleep(delay)

    def record(self, rate_limited: bool, delay: float | None = None) -> None:
        self._recent.append(rate_limited)
        limited = sum(self._recent)
        if rate_limited and limited >= max(2, self.threshold * self.window):
            until = time.monotonic() + (delay if delay is not None else 1.0)
            if until > self._open_at:
                self.pauses += 1
                self._open_at = until
            self._recent.clear()


@dataclass
class RetryPolicy:
    """How many retries and how long to wait; one instance is shared by a run's requests."""

    max_retries: int = 3  # timeouts, connection errors, 5xx
    rate_limit_retries: int = 10  # 429s: the provider says when to come back
    backoff: float = 0.5  # first exponential wait, doubled per retry
    max_backoff: float = 20.0
    max_retry_after: float = 120.0
    gate: RateGate = field(default_factory=RateGate)

    def wait_seconds(self, exc: BaseException, transient_failures: int) -> float:
        if classify(exc) == "rate_limit":
            asked = retry_after(exc)
            return min(asked if asked is not None else self.backoff, self.max_retry_after)
        return min(self.backoff * 2 ** max(0, transient_failures - 1), self.max_backoff)


@dataclass
class Attempts:
    """HTTP requests made by one call, readable even when the call finally failed."""

    requests: int = 0


async def call_with_retries(
    send: Callable[[], Awaitable[T]], policy: RetryPolicy, attempts: Attempts | None = None
) -> T:
    """Run `send` until it succeeds or the policy gives up (then its last error is raised)."""
    attempts = attempts if attempts is not None else Attempts()
    counts = {"rate_limit": 0, "transient": 0, "fatal": 0}

    async def attempt():
        async with REQUEST_SLOTS.get() or nullcontext():
            await policy.gate.wait()
            attempts.requests += 1
            try:
                value = await send()
            except openai.RateLimitError as e:
                policy.gate.record(True, retry_after(e))
                raise
        policy.gate.record(False)
        return value

    def stop(state: RetryCallState) -> bool:
        counts[classify(state.outcome.exception())] += 1
        return (
            counts["rate_limit"] > policy.rate_limit_retries
            or counts["transient"] > policy.max_retries
        )

    def wait(state: RetryCallState) -> float:
        return policy.wait_seconds(state.outcome.exception(), counts["transient"])

    retrying = AsyncRetrying(
        retry=retry_if_exception(lambda e: classify(e) != "fatal"),
        stop=stop,
        wait=wait,
        reraise=True,
    )
    return await retrying(attempt)
