"""LLM settings, resolved in one function with one order: explicit values, then the environment
(names in DESIGN.md), then what the Settings page saved, then defaults.

Saved settings live beside the database (`config.state_dir()`): non-secret values under "llm"
in `settings.json`, credentials in `secrets.json` (mode 0600, never in the DuckDB file).
Credentials are held as `Secret`, which never prints its value."""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

from tqrs import config
from tqrs.errors import ConfigError
from tqrs.llm.secret import Secret

SETTINGS_FILE = config.SETTINGS_FILE
SECRETS_FILE = config.SECRETS_FILE

# name: (environment variable, type, default)
SPEC: dict[str, tuple[str | None, type, object]] = {
    "api_key": ("OPENAI_API_KEY", Secret, None),
    "base_url": ("OPENAI_BASE_URL", str, None),
    "model": ("OPENAI_MODEL", str, "gpt-4o"),
    "temperature": ("OPENAI_TEMPERATURE", float, 0.1),
    "max_tokens": ("OPENAI_MAX_TOKENS", int, None),
    "timeout": ("OPENAI_TIMEOUT", float, 30.0),
    "max_retries": ("OPENAI_MAX_RETRIES", int, 3),
    "concurrency": ("BATCH_CONCURRENCY", int, 8),
    "azure_endpoint": ("TQRS_AZURE_OPENAI_ENDPOINT", str, None),
    "azure_api_key": ("TQRS_AZURE_OPENAI_API_KEY", Secret, None),
    "azure_deployment": ("TQRS_AZURE_OPENAI_DEPLOYMENT", str, None),
    "azure_api_version": ("TQRS_AZURE_OPENAI_API_VERSION", str, "2024-10-21"),
    "proxy_key": ("TQRS_AZURE_OPENAI_PROXY_KEY", Secret, None),
    "redact": ("TQRS_LLM_REDACT", bool, True),
    "prices": (None, dict, None),
    "monthly_budget": ("TQRS_MONTHLY_BUDGET", float, None),  # USD; see tqrs.spending
    "batch_poll": ("TQRS_BATCH_POLL", float, 30.0),  # seconds between checks on batches
}
SECRET_NAMES = tuple(n for n, (_, kind, _) in SPEC.items() if kind is Secret)
# The endpoints: shown on the Settings page and by `tqrs llm settings`, named in error
# messages and stored with every LLM exchange, so they may hold no credentials.
ENDPOINT_KEYS = {"base_url": "OPENAI_API_KEY", "azure_endpoint": "TQRS_AZURE_OPENAI_API_KEY"}


@dataclass(frozen=True)
class LLMSettings:
    api_key: Secret | None = None
    base_url: str | None = None
    model: str = "gpt-4o"
    temperature: float = 0.1
    max_tokens: int | None = None
    timeout: float = 30.0
    max_retries: int = 3
    concurrency: int = 8
    azure_endpoint: str | None = None
    azure_api_key: Secret | None = None
    azure_deployment: str | None = None
    azure_api_version: str = "2024-10-21"
    proxy_key: Secret | None = None
    redact: bool = True
    prices: dict | None = None
    monthly_budget: float | None = None
    batch_poll: float = 30.0
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def provider(self) -> str:
        """azure, compatible (any OpenAI-compatible base URL) or openai."""
        if self.azure_endpoint:
            return "azure"
        return "compatible" if self.base_url else "openai"

    def endpoint_hint(self) -> str:
        """Where to correct the endpoint in use: the Settings page when it was saved there,
        else the environment variable of this provider (OPENAI_BASE_URL, or
        TQRS_AZURE_OPENAI_ENDPOINT on Azure)."""
        name = "azure_endpoint" if self.provider == "azure" else "base_url"
        if self.sources.get(name) == "saved":
            return "check the endpoint on the Settings page"
        return f"check {SPEC[name][0]}"

    @property
    def model_name(self) -> str:
        """What the provider calls the model (on Azure: the deployment)."""
        return (self.azure_deployment or self.model) if self.provider == "azure" else self.model

    @property
    def configured(self) -> bool:
        """True when there is enough to call a provider (a local server may need no key)."""
        if self.provider == "azure":
            return bool(self.azure_api_key and self.azure_deployment)
        return bool(self.api_key) or self.provider == "compatible"

    def describe(self) -> dict[str, object]:
        """Every setting for display, credentials as their last 4 characters, with its source."""
        shown = {}
        for f in fields(self):
            if f.name == "sources":
                continue
            value = getattr(self, f.name)
            shown[f.name] = value.hint() if isinstance(value, Secret) else value
        shown.update(provider=self.provider, configured=self.configured, sources=dict(self.sources))
        return shown


def resolve_settings(
    explicit: Mapping[str, object] | None = None,
    env: Mapping[str, str] | None = None,
    db: str | os.PathLike | None = None,
) -> LLMSettings:
    """The settings in effect: explicit > environment > saved settings > defaults."""
    env = os.environ if env is None else env
    saved = {**load_saved_settings(db), **load_secrets(db)}
    values, sources = {}, {}
    for name, (var, kind, default) in SPEC.items():
        if explicit and explicit.get(name) is not None:
            values[name], sources[name] = _convert(name, explicit[name], kind), "explicit"
        elif var and env.get(var, "").strip():
            values[name], sources[name] = _convert(var, env[var].strip(), kind), "environment"
        elif saved.get(name) is not None:
            values[name], sources[name] = _convert(name, saved[name], kind), "saved"
        else:
            values[name], sources[name] = default, "default"
    if values["concurrency"] < 1:
        raise ConfigError(f"BATCH_CONCURRENCY: must be at least 1, got {values['concurrency']}")
    if values["batch_poll"] < 0:
        raise ConfigError(f"TQRS_BATCH_POLL: seconds, 0 or more, got {values['batch_poll']}")
    if values["monthly_budget"] is not None and values["monthly_budget"] < 0:
        raise ConfigError(
            f"TQRS_MONTHLY_BUDGET: a cap in USD, 0 or more, got {values['monthly_budget']}"
        )
    return LLMSettings(**values, sources=sources)


def _convert(name: str, value: object, kind: type) -> object:
    if kind is Secret:
        return value if isinstance(value, Secret) else Secret(str(value))
    if kind is bool and isinstance(value, str):
        return value.strip().lower() not in ("0", "false", "no", "off")
    try:
        converted = kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{name}: expected {kind.__name__}, got {value!r}") from None
    if isinstance(converted, str):
        for endpoint, key_var in ENDPOINT_KEYS.items():
            if name in (endpoint, SPEC[endpoint][0]):
                _check_endpoint(name, converted, key_var)
    return converted


def _check_endpoint(name: str, url: str, key_var: str) -> None:
    """Refuse an endpoint that holds credentials (`https://user:key@host/v1`): the URL is
    shown, logged with every exchange and named in errors, a key never is. The message never
    repeats the URL."""
    try:
        netloc = urlsplit(url.strip()).netloc
    except ValueError:
        netloc = ""
    if "@" in netloc:
        raise ConfigError(
            f"{name}: the address holds credentials (user:password@); give the key in "
            f"{key_var} (or on the Settings page), never in the URL"
        )


def settings_path(db=None) -> Path:
    return config.state_dir(db) / SETTINGS_FILE


def secrets_path(db=None) -> Path:
    return config.state_dir(db) / SECRETS_FILE


def load_saved_settings(db=None) -> dict:
    return config.read_json(settings_path(db)).get("llm", {})


def load_secrets(db=None) -> dict:
    return config.read_json(secrets_path(db)).get("llm", {})


def save_settings(values: Mapping[str, object], db=None) -> None:
    """Save non-secret LLM settings (None removes a value); credentials go to `save_secrets`."""
    bad = [k for k in values if k not in SPEC or k in SECRET_NAMES]
    if bad:
        raise ConfigError(f"settings: cannot save {', '.join(bad)} here")
    for name in ENDPOINT_KEYS:
        if values.get(name):
            _convert(name, values[name], str)
    config.update_section(settings_path(db), "llm", dict(values), private=False)


def save_secrets(values: Mapping[str, str | Secret | None], db=None) -> None:
    """Save credentials (api_key, azure_api_key, proxy_key) to the 0600 secrets file."""
    bad = [k for k in values if k not in SECRET_NAMES]
    if bad:
        raise ConfigError(f"secrets: unknown credential {', '.join(bad)}")
    plain = {k: v.reveal() if isinstance(v, Secret) else v for k, v in values.items()}
    config.update_section(secrets_path(db), "llm", plain, private=True)
