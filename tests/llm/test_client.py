"""The one retry policy, against the real SDK and the local server."""

import asyncio
import time

import openai
import pytest

from tqrs.llm.client import Attempts, RateGate, RetryPolicy, build_client, call_with_retries
from tqrs.llm.settings import resolve_settings

PING = [{"role": "user", "content": "ping"}]


def _call(settings, policy):
    client = build_client(settings)
    attempts = Attempts()

    async def send():
        return await client.chat.completions.create(model=settings.model, messages=PING)

    async def run():
        try:
            return await call_with_retries(send, policy, attempts)
        finally:
            await client.close()

    return asyncio.run(run()), attempts.requests


def test_sdk_retries_are_off_and_ours_are_bounded(fake, llm_settings):
    fake.plan.sequence = ["500"] * 10
    with pytest.raises(openai.InternalServerError):
        _call(llm_settings(), RetryPolicy(max_retries=3, backoff=0.01))
    assert fake.stats.requests == 4  # one try + 3 retries, never retries under retries


def test_a_5xx_then_success_is_retried(fake, llm_settings):
    fake.plan.sequence = ["500", "500", "ok"]
    reply, requests = _call(llm_settings(), RetryPolicy(backoff=0.01))
    assert reply.choices[0].message.content and requests == 3 == fake.stats.requests


def test_429_waits_for_retry_after(fake, llm_settings):
    fake.plan.sequence, fake.plan.retry_after = ["429", "ok"], 0.4
    start = time.monotonic()
    _, requests = _call(llm_settings(), RetryPolicy(backoff=0.01))
    assert requests == 2 and time.monotonic() - start >= 0.4


@pytest.mark.parametrize("fault", ["400"])
def test_other_4xx_is_not_retried(fake, llm_settings, fault):
    fake.plan.sequence = [fault, "ok"]
    with pytest.raises(openai.BadRequestError):
        _call(llm_settings(), RetryPolicy(backoff=0.01))
    assert fake.stats.requests == 1


def test_timeouts_are_retried(fake, llm_settings):
    # The answer that follows must come within the timeout even on a busy machine: 1 s.
    fake.plan.sequence, fake.plan.hang = ["hang", "ok"], 5.0
    reply, requests = _call(llm_settings(timeout=1.0), RetryPolicy(backoff=0.01))
    assert requests == 2 and reply.choices


def test_connection_errors_are_retried_then_raised():
    settings = resolve_settings({"base_url": "http://127.0.0.1:9/v1", "api_key": "k"}, env={})
    with pytest.raises(openai.APIConnectionError):
        _call(settings, RetryPolicy(max_retries=2, backoff=0.01))


def test_gate_pauses_the_pool_only_when_429s_dominate(monkeypatch):
    slept = []
    real_sleep = asyncio.sleep

    async def recording_sleep(delay, *args, **kwargs):
        slept.append(delay)
        return await real_sleep(delay, *args, **kwargs)

    monkeypatch.setattr(asyncio, "sleep", recording_sleep)

    async def paused_for(gate):
        start = time.monotonic()
        await gate.wait()
        return time.monotonic() - start

    isolated = RateGate(window=10)
    for i in range(30):
        isolated.record(i % 10 == 0, 0.5)
    asyncio.run(paused_for(isolated))
    assert isolated.pauses == 0 and slept == []  # open: no wait at all

    saturated = RateGate(window=10)
    for _ in range(6):
        saturated.record(True, 0.3)
    # closed for the Retry-After (a lower bound: a busy machine only makes it longer)
    assert asyncio.run(paused_for(saturated)) >= 0.25
    assert saturated.pauses == 1 and slept and all(0 < d <= 0.3 for d in slept)


def test_azure_client_uses_deployment_path_and_proxy_header(fake):
    settings = resolve_settings(
        {
            "azure_endpoint": fake.root_url,
            "azure_api_key": "azure-secret-key-123",
            "azure_deployment": "gpt4o-prod",
            "azure_api_version": "2024-10-21",
            "proxy_key": "proxy-key-456",
        },
        env={},
    )
    assert settings.provider == "azure" and settings.configured
    _call(settings, RetryPolicy())
    assert fake.stats.last_path.startswith("/openai/deployments/gpt4o-prod/chat/completions")
    assert "api-version=2024-10-21" in fake.stats.last_path
    assert fake.stats.last_headers["api-key"] == "azure-secret-key-123"
    assert fake.stats.last_headers["x-api-key"] == "proxy-key-456"
