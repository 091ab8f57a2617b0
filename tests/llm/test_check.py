"""The "test connection" the Settings page calls."""

from tqrs.llm.check import test_connection as check
from tqrs.llm.settings import resolve_settings, save_settings


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


def test_an_unreachable_endpoint_names_where_it_was_set(tmp_path):
    """Saved on the Settings page: the message points there, not at an environment variable
    nobody set; set in the environment: at that variable. One request is "1 request"."""
    db = tmp_path / "t.duckdb"
    save_settings({"base_url": "http://127.0.0.1:9/v1", "max_retries": 0}, db=db)
    saved = check(resolve_settings(env={}, db=db))
    assert not saved.ok and "cannot connect" in saved.message
    assert "on the Settings page" in saved.message and "OPENAI_BASE_URL" not in saved.message
    assert "after 1 request)" in saved.message
    env = {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}
    from_env = check(resolve_settings(env=env, db=db))
    assert "check OPENAI_BASE_URL" in from_env.message and "Settings page" not in from_env.message
