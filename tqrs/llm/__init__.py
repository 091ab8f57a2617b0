"""Talking to an LLM provider: settings and secrets, the client with the one retry policy,
the judge's prompt and response model, redaction, and cost."""
