"""Prices per model (editable through the settings) and the estimate before a run."""

import pytest

from tqrs.judges.llm import LLMJudge
from tqrs.llm.cost import cost_of, price_for, price_table
from tqrs.llm.settings import resolve_settings, save_settings


def test_price_by_longest_model_prefix():
    table = price_table()
    assert price_for("gpt-4o-mini-2024-07-18", table) == table["gpt-4o-mini"]
    assert price_for("gpt-4o-2024-08-06", table) == table["gpt-4o"]
    assert price_for("llama3.1:8b", table) is None
    assert cost_of("gpt-4o", 1_000_000, 1_000_000, table) == pytest.approx(12.5)
    assert cost_of("llama3.1:8b", 10_000, 10_000, table) == 0.0


def test_saved_prices_override_the_defaults():
    save_settings({"prices": {"llama3.1:8b": [0.0, 0.0], "gpt-4o": [5, 15], "x": [1, 2, 0.4, 1]}})
    table = price_table(resolve_settings(env={}).prices)
    # two prices: the batch ones are half; four: as given
    assert table["gpt-4o"] == (5.0, 15.0, 2.5, 7.5) and table["llama3.1:8b"] == (0, 0, 0, 0)
    assert table["x"] == (1.0, 2.0, 0.4, 1.0)


def test_the_batch_price_is_the_batch_column():
    table = price_table()
    # OpenAI's price page: gpt-4o 2.50 / 10.00 online, 1.25 / 5.00 through the Batch API
    assert cost_of("gpt-4o", 1_000_000, 1_000_000, table, batch=True) == pytest.approx(6.25)
    assert cost_of("gpt-4o-mini-2024-07-18", 2_000_000, 0, table, batch=True) == pytest.approx(0.15)


def test_estimate_counts_the_prompts_actually_built_and_skips_cached(
    tickets, handling_rubric, llm_settings, store
):
    batch = tickets(10)
    judge = LLMJudge(llm_settings(), store=store)
    estimate = judge.estimate(batch, handling_rubric)
    system, _ = judge._system(handling_rubric)
    user = sum(len(judge.prepare(t, handling_rubric).user) for t in batch)
    assert estimate.tickets == 10 and estimate.cached == 0
    assert estimate.tokens_in >= (10 * len(system) + user) / 4
    assert estimate.cost == pytest.approx(
        cost_of("gpt-4o-mini", estimate.tokens_in, estimate.tokens_out, judge.caller.prices)
    )
    assert estimate.batch_cost == pytest.approx(estimate.cost / 2)
    shown = estimate.describe()
    assert f"~${estimate.cost:,.2f} online" in shown and "through the Batch API" in shown
    assert "within 24 h" in shown
    judge._known_keys(handling_rubric).add(judge.prepare(batch[0], handling_rubric).key)
    again = judge.estimate(batch, handling_rubric)
    assert (again.tickets, again.cached) == (9, 1) and again.cost < estimate.cost


def test_an_estimate_of_one_ticket_says_one_ticket():
    from tqrs.llm.cost import Estimate

    assert Estimate.local_only(1).describe() == "1 ticket · no LLM calls · cost $0.00"
    assert Estimate.local_only(1200).describe() == "1,200 tickets · no LLM calls · cost $0.00"
