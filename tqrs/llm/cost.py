"""Token prices and cost estimates.

Prices are USD per million tokens (input, output), matched by the longest model-name prefix
(`gpt-4o-2024-08-06` uses `gpt-4o`). The defaults can be overridden per model through the
`prices` LLM setting ({"model": [input, output]}). A model with no price costs 0 and says so.

Estimates before a run count 4 characters per token for the prompt actually built (the system
message plus each ticket's user message): close enough for English tickets to budget with,
with no tokenizer download. Output is estimated per LLM criterion."""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.00, 8.00),
    "o4-mini": (1.10, 4.40),
}
CHARS_PER_TOKEN = 4
OUTPUT_TOKENS_PER_CRITERION = 120
# Each message carries a few tokens of chat framing, plus the JSON schema of the answer.
MESSAGE_OVERHEAD_TOKENS = 8


def price_table(overrides: Mapping[str, Iterable[float]] | None = None) -> dict:
    table = dict(DEFAULT_PRICES)
    for model, pair in (overrides or {}).items():
        inp, out = pair
        table[model] = (float(inp), float(out))
    return table


def price_for(model: str, prices: Mapping[str, tuple[float, float]]) -> tuple[float, float] | None:
    matches = [m for m in prices if model == m or model.startswith(m + "-")]
    return prices[max(matches, key=len)] if matches else None


def cost_of(model: str, tokens_in: int, tokens_out: int, prices: Mapping) -> float:
    price = price_for(model, prices)
    if price is None:
        return 0.0
    return (tokens_in * price[0] + tokens_out * price[1]) / 1_000_000


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


@dataclass(frozen=True)
class Estimate:
    tickets: int
    cached: int
    tokens_in: int
    tokens_out: int
    cost: float
    priced: bool
    local: bool = False  # graded here, nothing sent (the offline judge)

    @classmethod
    def local_only(cls, tickets: int) -> "Estimate":
        return cls(tickets, 0, 0, 0, 0.0, True, local=True)

    def describe(self) -> str:
        if self.local:
            return f"{self.tickets:,} tickets · no LLM calls · cost $0.00"
        price = f"~${self.cost:,.2f}" if self.priced else "no price known for this model"
        return (
            f"estimate: {self.tickets:,} tickets to send ({self.cached:,} cached), "
            f"~{self.tokens_in:,} prompt + ~{self.tokens_out:,} completion tokens, {price}"
        )


def estimate_run(
    system: str,
    user_messages: Iterable[str],
    criteria: int,
    model: str,
    prices: Mapping,
    cached: int = 0,
    schema_chars: int = 0,
) -> Estimate:
    """The cost of sending each user message once with the same system message."""
    per_call = estimate_tokens(system) + math.ceil(schema_chars / CHARS_PER_TOKEN)
    per_call += 2 * MESSAGE_OVERHEAD_TOKENS
    tickets = tokens_in = 0
    for text in user_messages:
        tickets += 1
        tokens_in += per_call + estimate_tokens(text)
    tokens_out = tickets * criteria * OUTPUT_TOKENS_PER_CRITERION
    return Estimate(
        tickets,
        cached,
        tokens_in,
        tokens_out,
        cost_of(model, tokens_in, tokens_out, prices),
        price_for(model, prices) is not None,
    )
