""" "Test connection": one small structured request to the configured provider through the
same call path as the judge (tqrs.llm.call), reporting latency and the model that answered.
Messages never contain the provider's error body, which may echo part of a key. Given a
store, the exchange is kept like every other."""

import asyncio
import time
from dataclasses import dataclass

from pydantic import BaseModel

from tqrs.errors import ConfigError
from tqrs.llm.call import EXCHANGE_SINK, Caller, Exchange
from tqrs.llm.client import RetryPolicy
from tqrs.llm.settings import LLMSettings

SYSTEM = "You check that a connection works. Answer with the JSON asked for."
USER = "Reply with the word: pong"


class Pong(BaseModel):
    reply: str


@dataclass(frozen=True)
class ConnectionCheck:
    ok: bool
    provider: str
    model: str
    latency_ms: float
    message: str


def test_connection(settings: LLMSettings, store=None) -> ConnectionCheck:
    """Send one tiny structured request (no retries) and say how it went."""
    return asyncio.run(check_connection(settings, store))


test_connection.__test__ = False  # not a pytest test, whatever its name


async def check_connection(settings: LLMSettings, store=None) -> ConnectionCheck:
    if not settings.configured:
        return ConnectionCheck(
            False,
            settings.provider,
            settings.model_name,
            0.0,
            "no credentials configured (OPENAI_API_KEY, OPENAI_BASE_URL or TQRS_AZURE_OPENAI_*)",
        )
    caller = Caller(settings, "connection_test", RetryPolicy(max_retries=0, rate_limit_retries=0))
    exchanges: list[Exchange] = []
    sink = EXCHANGE_SINK.set(exchanges.append)
    start = time.perf_counter()
    try:
        reply = await caller.call(SYSTEM, USER, Pong, retry_invalid=False, max_tokens=30)
        message = reply.error
    except ConfigError as e:
        reply, message = None, str(e)
    finally:
        EXCHANGE_SINK.reset(sink)
        await caller.close()
        if store is not None and exchanges:
            from tqrs.store.llm_exchanges import write_exchanges

            with store.transaction() as cur:
                write_exchanges(cur, exchanges)
    latency = (time.perf_counter() - start) * 1000
    answered = exchanges[-1].http_status if exchanges else None
    if reply is not None and reply.parsed is not None:
        return ConnectionCheck(
            True,
            settings.provider,
            settings.model_name,
            latency,
            f"{caller.endpoint} answered in {latency:.0f} ms",
        )
    if answered and answered != 200 and message and str(answered) not in message:
        message = f"{caller.endpoint} answered {answered}: {message}"
    return ConnectionCheck(False, settings.provider, settings.model_name, latency, message or "")
