"""Settings resolve explicit > environment > saved > default; secrets stay out of sight."""

import os
import stat

import pytest

from tqrs.errors import ConfigError
from tqrs.llm.secret import Secret
from tqrs.llm.settings import (
    load_secrets,
    resolve_settings,
    save_secrets,
    save_settings,
    secrets_path,
    settings_path,
)

KEY = "sk-test-abcdefghijklmnop1234"


def test_defaults_match_design():
    s = resolve_settings(env={})
    assert (s.model, s.temperature, s.timeout, s.max_retries, s.concurrency) == (
        "gpt-4o",
        0.1,
        30.0,
        3,
        8,
    )
    assert not s.configured and s.provider == "openai" and s.redact


def test_order_explicit_then_environment_then_saved():
    save_settings({"model": "saved-model", "concurrency": 4, "temperature": 0.5})
    env = {"OPENAI_MODEL": "env-model", "BATCH_CONCURRENCY": "16"}
    s = resolve_settings({"model": "explicit-model"}, env=env)
    assert (s.model, s.concurrency, s.temperature) == ("explicit-model", 16, 0.5)
    assert s.sources["model"] == "explicit" and s.sources["concurrency"] == "environment"
    assert s.sources["temperature"] == "saved"


def test_secrets_file_is_private_and_separate(isolated_state):
    save_secrets({"api_key": KEY})
    save_settings({"model": "gpt-4o-mini"})
    assert stat.S_IMODE(os.stat(secrets_path()).st_mode) == 0o600
    assert KEY not in settings_path().read_text()
    assert secrets_path().parent == isolated_state
    s = resolve_settings(env={})
    assert s.configured and s.api_key.reveal() == KEY and s.sources["api_key"] == "saved"
    save_secrets({"api_key": None})
    assert "api_key" not in load_secrets()


def test_secret_never_prints():
    s = resolve_settings({"api_key": KEY}, env={})
    text = " ".join([repr(s), str(s), f"{s.api_key}", f"{s.api_key!r}", str(s.describe())])
    assert KEY not in text
    assert s.describe()["api_key"] == "****1234"
    with pytest.raises(TypeError):
        __import__("pickle").dumps(Secret(KEY))


def test_secrets_cannot_be_saved_as_plain_settings():
    with pytest.raises(ConfigError, match="api_key"):
        save_settings({"api_key": KEY})


def test_bad_environment_value_names_the_variable():
    with pytest.raises(ConfigError, match="OPENAI_TIMEOUT"):
        resolve_settings(env={"OPENAI_TIMEOUT": "soon"})
    with pytest.raises(ConfigError, match="BATCH_CONCURRENCY"):
        resolve_settings(env={"BATCH_CONCURRENCY": "0"})


def test_providers():
    assert (
        resolve_settings(env={"OPENAI_BASE_URL": "http://localhost:11434/v1"}).provider
        == "compatible"
    )
    azure = resolve_settings(
        env={
            "TQRS_AZURE_OPENAI_ENDPOINT": "https://x.openai.azure.com",
            "TQRS_AZURE_OPENAI_API_KEY": "k" * 20,
            "TQRS_AZURE_OPENAI_DEPLOYMENT": "prod",
        }
    )
    assert azure.provider == "azure" and azure.configured and azure.model_name == "prod"


URL_SECRET = "s3cretPW-9f8e7d"


@pytest.mark.parametrize(
    ("var", "url"),
    [
        ("OPENAI_BASE_URL", f"https://bob:{URL_SECRET}@proxy.example/v1"),
        ("OPENAI_BASE_URL", f"http://{URL_SECRET}@localhost:11434/v1"),
        ("TQRS_AZURE_OPENAI_ENDPOINT", f"https://me:{URL_SECRET}@acme.openai.azure.com"),
    ],
)
def test_an_endpoint_holding_credentials_is_refused_without_repeating_them(var, url):
    """The endpoint is shown (`tqrs llm settings`, the Settings page), named in connection
    errors and stored with every exchange in the database: a password in it would be too."""
    with pytest.raises(ConfigError, match=var) as refused:
        resolve_settings(env={var: url})
    assert URL_SECRET not in str(refused.value)
    assert "never in the URL" in str(refused.value)


def test_saving_an_endpoint_holding_credentials_stores_nothing(isolated_state):
    save_settings({"model": "kept-model"})
    before = settings_path().read_text()
    for name in ("base_url", "azure_endpoint"):
        with pytest.raises(ConfigError, match=name) as refused:
            save_settings({name: f"https://u:{URL_SECRET}@proxy.example/v1", "model": "other"})
        assert URL_SECRET not in str(refused.value)
    assert settings_path().read_text() == before
    assert URL_SECRET not in before


def test_cli_refuses_an_endpoint_holding_credentials(isolated_state):
    from tests.conftest import run_cli

    done = run_cli(
        "llm", "settings", env={"OPENAI_BASE_URL": f"https://bob:{URL_SECRET}@proxy.example/v1"}
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: OPENAI_BASE_URL: the address holds credentials")
    assert URL_SECRET not in done.stdout + done.stderr
