"""The LLM provider's client. The SDK's own retries are off (`max_retries=0`): every request
goes through the one retry policy, `tqrs.retry` (shared with the ServiceNow client), whose
names are re-exported here for the LLM code that imports them from this module."""

import openai

from tqrs.llm.settings import LLMSettings
from tqrs.retry import (  # noqa: F401 (re-exported)
    REQUEST_SLOTS,
    Attempts,
    RateGate,
    RetryPolicy,
    call_with_retries,
    classify,
    retry_after,
)

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
