"""The "test connection" the Settings page calls."""

from tqrs.llm.check import test_connection as check
from tqrs.llm.settings import resolve_settings


def test_connection_reports_latency_and_model(fake, llm_settings):
    result = check(llm_settings())
    assert result.ok and result.model == "gpt-4o-mini" and result.latency_ms > 0
    assert fake.stats.requests == 1


def test_connection_failures_say_what_without_the_key(fake, llm_settings):
    fake.plan.sequence = ["401"]
    refused = check(llm_settings())
    assert not refused.ok and "401" in refused.message and "sk-" not in refused.message
    down = check(resolve_settings({"base_url": "http://127.0.0.1:9/v1"}, env={}))
    assert not down.ok and "cannot connect" in down.message
    unset = check(resolve_settings(env={}))
    assert not unset.ok and "no credentials" in unset.message
