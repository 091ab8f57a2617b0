"""Profiles at scale: 10,000 tickets over 200 agents and 20 groups, every ticket counted once.
The time it takes (bar: < 2 s) is printed by scripts/bench_agents.py, not asserted here."""

import pytest

from scripts.bench_review import build

pytestmark = pytest.mark.slow


def test_ten_thousand_tickets_two_hundred_agents(store, tmp_path):
    from tqrs.agents import build_profiles

    run = build(store, 10_000, tmp_path, agents=200)
    profiles = build_profiles(store, run)
    assert len(profiles.agents) == 200 and len(profiles.groups) == 20
    assert sum(p.scored for p in profiles.agents) == 10_000
    assert sum(p.scored for p in profiles.groups) == 10_000
