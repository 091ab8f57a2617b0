"""Token prices and cost estimates.

Prices are USD per million tokens (input, output, and the same two through the provider's
Batch API), matched by the longest model-name prefix (`gpt-4o-2024-08-06` uses `gpt-4o`). The
defaults can be overridden per model through the `prices` LLM setting ({"model": [input,
output]} or [input, output, batch input, batch output]; without batch prices a batch costs
half, as OpenAI's and Azure's global batch do). A model with no price costs 0 and says so.

Estimates before a run count 4 characters per token for the prompt actually built (the system
message plus each ticket's user message): close enough for English tickets to budget with,
with no tokenizer download. Output is estimated per LLM criterion."""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from tqrs.display import plural


class Price(NamedTuple):
    """USD per million tokens, online and through the Batch API."""

    input: float
    output: float
    batch_input: float
    batch_output: float

    @classmethod
    def of(cls, values: Iterable[float]) -> "Price":
        """From [input, output] (a batch costs half) or [input, output, batch in, batch out]."""
        v = [float(x) for x in values]
        if len(v) == 2:
            v += [v[0] * BATCH_DISCOUNT, v[1] * BATCH_DISCOUNT]
        if len(v) != 4:
            raise ValueError(f"a price is 2 or 4 numbers, got {len(v)}")
        return cls(*v)


BATCH_DISCOUNT = 0.5  # the Batch API's price, as a share of the online one (OpenAI, Azure)
# Turnaround the providers commit to (the batch's completion window); most finish far sooner.
BATCH_WINDOW_HOURS = 24
DEFAULT_PRICES: dict[str, Price] = {
    "gpt-4o-mini": Price(0.15, 0.60, 0.075, 0.30),
    "gpt-4o": Price(2.50, 10.00, 1.25, 5.00),
    "gpt-4.1-nano": Price(0.10, 0.40, 0.05, 0.20),
    "gpt-4.1-mini": Price(0.40, 1.60, 0.20, 0.80),
    "gpt-4.1": Price(2.00, 8.00, 1.00, 4.00),
    "o4-mini": Price(1.10, 4.40, 0.55, 2.20),
}
CHARS_PER_TOKEN = 4
OUTPUT_TOKENS_PER_CRITERION = 120
# Each message carries a few tokens of chat framing, plus the JSON schema of the answer.
MESSAGE_OVERHEAD_TOKENS = 8


def price_table(overrides: Mapping[str, Iterable[float]] | None = None) -> dict[str, Price]:
    table = dict(DEFAULT_PRICES)
    for model, values in (overrides or {}).items():
        table[model] = Price.of(values)
    return table


def price_for(model: str, prices: Mapping[str, Price]) -> Price | None:
    matches = [m for m in prices if model == m or model.startswith(m + "-")]
    return Price.of(prices[max(matches, key=len)]) if matches else None


def cost_of(
    model: str, tokens_in: int, tokens_out: int, prices: Mapping, batch: bool = False
) -> float:
    """The cost of tokens sent online, or through the Batch API (`batch`)."""
    price = price_for(model, prices)
    if price is None:
        return 0.0
    if batch:
        return (tokens_in * price.batch_input + tokens_out * price.batch_output) / 1_000_000
    return (tokens_in * price.input + tokens_out * price.output) / 1_000_000


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
    batch_cost: float = 0.0  # the same requests through the provider's Batch API

    def __add__(self, other: "Estimate") -> "Estimate":
        """The estimate of both sets of requests (parts of a rubric asked apart)."""
        return Estimate(
            self.tickets + other.tickets,
            self.cached + other.cached,
            self.tokens_in + other.tokens_in,
            self.tokens_out + other.tokens_out,
            self.cost + other.cost,
            self.priced and other.priced,
            self.local and other.local,
            self.batch_cost + other.batch_cost,
        )

    @classmethod
    def local_only(cls, tickets: int) -> "Estimate":
        return cls(tickets, 0, 0, 0, 0.0, True, local=True)

    def describe(self) -> str:
        if self.local:
            return f"{plural(self.tickets, 'ticket')} · no LLM calls · cost $0.00"
        price = (
            f"~${self.cost:,.2f} online or ~${self.batch_cost:,.2f} through the Batch API "
            f"(results within {BATCH_WINDOW_HOURS} h, usually much sooner)"
            if self.priced
            else "no price known for this model"
        )
        return (
            f"{plural(self.tickets, 'ticket')} to send ({self.cached:,} cached), "
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
        batch_cost=cost_of(model, tokens_in, tokens_out, prices, batch=True),
    )
