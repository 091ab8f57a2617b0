""" "Test connection": one small request to the configured provider, reporting latency and the
model that answered. Messages never contain the provider's error body, which may echo part
of a key."""

import asyncio
import time
from dataclasses import dataclass

import openai

from tqrs.llm.client import build_client
from tqrs.llm.settings import LLMSettings


@dataclass(frozen=True)
class ConnectionCheck:
    ok: bool
    provider: str
    model: str
    latency_ms: float
    message: str


def test_connection(settings: LLMSettings) -> ConnectionCheck:
    """Send one tiny chat completion (no retries) and say how it went."""
    return asyncio.run(check_connection(settings))


test_connection.__test__ = False  # not a pytest test, whatever its name


async def check_connection(settings: LLMSettings) -> ConnectionCheck:
    where = settings.azure_endpoint or settings.base_url or "api.openai.com"
    if not settings.configured:
        return ConnectionCheck(
            False,
            settings.provider,
            settings.model_name,
            0.0,
            "no credentials configured (OPENAI_API_KEY, OPENAI_BASE_URL or TQRS_AZURE_OPENAI_*)",
        )
    client = build_client(settings)
    start = time.perf_counter()
    try:
        reply = await client.chat.completions.create(
            model=settings.model_name,
            max_tokens=5,
            temperature=0,
            messages=[{"role": "user", "content": "Reply with the word: pong"}],
        )
    except openai.APIStatusError as e:
        message = f"{where} answered {e.status_code} ({type(e).__name__})"
    except openai.APITimeoutError:
        message = f"{where} did not answer within {settings.timeout:g} s"
    except openai.APIConnectionError:
        message = f"cannot connect to {where}"
    else:
        latency = (time.perf_counter() - start) * 1000
        return ConnectionCheck(
            True,
            settings.provider,
            reply.model or settings.model_name,
            latency,
            f"{where} answered in {latency:.0f} ms",
        )
    finally:
        await client.close()
    return ConnectionCheck(
        False, settings.provider, settings.model_name, (time.perf_counter() - start) * 1000, message
    )
