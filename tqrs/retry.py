"""The one retry policy for every HTTP request TQRS makes: the LLM provider's (openai SDK) and a
ServiceNow instance's (httpx2, tqrs.servicenow.client).

Rate limits (429) wait as long as the server's Retry-After says; when most recent answers are
429s the server is really saturated, and `RateGate` then holds back every new request of the
pool until the Retry-After has passed (an isolated 429 only delays its own retry). Timeouts,
connection errors (a connection dropped mid-answer included) and 5xx back off exponentially;
other 4xx are never retried. Clients turn their own retries off, so one request per attempt and
no retries stacked under retries.

`REQUEST_SLOTS` (set by the runner for its tasks) bounds the HTTP requests in flight; a call
holds a slot only while its request is out, not while it waits to retry, so one ticket's
backoff does not idle a slot the provider could be using."""

import asyncio
import email.utils
import sys
import time
from collections import deque
from collections.abc import Awaitable, Callable
from contextlib import nullcontext
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TypeVar

import httpx2
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception

T = TypeVar("T")
REQUEST_SLOTS: ContextVar[asyncio.Semaphore | None] = ContextVar("tqrs_request_slots", default=None)
RATE_LIMIT, TRANSIENT, FATAL = "rate_limit", "transient", "fatal"


class UnusableReply(Exception):
    """A reply that arrived but is no answer at all (a 200 whose body is not what the
    endpoint returns, e.g. a proxy's page): a transport failure, retried like a 5xx."""


def http_status(exc: BaseException) -> int | None:
    """The HTTP status of an error that carries one (openai's APIStatusError, httpx2's
    HTTPStatusError), else None."""
    if isinstance(exc, httpx2.HTTPStatusError):
        return exc.response.status_code
    openai = sys.modules.get("openai")  # an openai error exists only once openai is imported
    if openai is not None and isinstance(exc, openai.APIStatusError):
        return exc.status_code
    return None


def classify(exc: BaseException) -> str:
    """rate_limit (429), transient (worth retrying: timeouts, connection errors, 5xx,
    unusable replies) or fatal (anything else, other 4xx included)."""
    if isinstance(exc, UnusableReply):
        return TRANSIENT
    status = http_status(exc)
    if status is not None:
        return RATE_LIMIT if status == 429 else TRANSIENT if status >= 500 else FATAL
    if isinstance(exc, httpx2.TransportError):  # timeouts, refused or dropped connections
        return TRANSIENT
    openai = sys.modules.get("openai")
    if openai is not None and isinstance(exc, openai.APIConnectionError):  # and its timeouts
        return TRANSIENT
    return FATAL


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked to wait (Retry-After-Ms, Retry-After seconds or date)."""
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
    rate_limit_retries: int = 10  # 429s: the server says when to come back
    backoff: float = 0.5  # first exponential wait, doubled per retry
    max_backoff: float = 20.0
    max_retry_after: float = 120.0
    gate: RateGate = field(default_factory=RateGate)

    def wait_seconds(self, exc: BaseException, transient_failures: int) -> float:
        if classify(exc) == RATE_LIMIT:
            asked = retry_after(exc)
            return min(asked if asked is not None else self.backoff, self.max_retry_after)
        return min(self.backoff * 2 ** max(0, transient_failures - 1), self.max_backoff)


@dataclass
class Attempts:
    """HTTP requests made by one call, readable even when the call finally failed; and the
    waits between them (seconds each, in order)."""

    requests: int = 0
    waits: list[float] = field(default_factory=list)


async def call_with_retries(
    send: Callable[[], Awaitable[T]], policy: RetryPolicy, attempts: Attempts | None = None
) -> T:
    """Run `send` until it succeeds or the policy gives up (then its last error is raised)."""
    attempts = attempts if attempts is not None else Attempts()
    counts = {RATE_LIMIT: 0, TRANSIENT: 0, FATAL: 0}

    async def attempt():
        async with REQUEST_SLOTS.get() or nullcontext():
            await policy.gate.wait()
            attempts.requests += 1
            try:
                value = await send()
            except Exception as e:
                kind = classify(e)
                counts[kind] += 1  # here, so that the wait after it counts it, whatever
                if kind == RATE_LIMIT:  # order tenacity asks for the wait and the stop in
                    policy.gate.record(True, retry_after(e))
                raise
        policy.gate.record(False)
        return value

    def stop(state: RetryCallState) -> bool:
        return (
            counts[RATE_LIMIT] > policy.rate_limit_retries or counts[TRANSIENT] > policy.max_retries
        )

    def wait(state: RetryCallState) -> float:
        seconds = policy.wait_seconds(state.outcome.exception(), counts[TRANSIENT])
        attempts.waits.append(seconds)
        return seconds

    retrying = AsyncRetrying(
        retry=retry_if_exception(lambda e: classify(e) != FATAL),
        stop=stop,
        wait=wait,
        reraise=True,
    )
    return await retrying(attempt)
