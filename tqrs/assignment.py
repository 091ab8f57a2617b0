"""Who reviews what: a manager assigns tickets of a run to analysts, by hand or as a sample
of each agent's tickets; an analyst sees the tickets they hold ("my queue") and claims more.

Analysts are identities: the signed-in e-mail address (tqrs.people), or the name typed in a
single-user install. A sample per agent takes, for every agent of the run, up to `per_agent`
of their scored tickets that nobody holds and nobody reviewed, at random with a seed (the same
seed, the same sample), and deals them to the analysts in turn, agent by agent, so that each
analyst sees every agent's work in about equal parts."""

import random
from itertools import cycle

from tqrs.errors import InputError
from tqrs.store import Store
from tqrs.store import assignments as db


def assign_tickets(store: Store, run_id: int, ticket_ids: list[int], analyst: str, by: str) -> int:
    """Give these tickets to one analyst (replacing whoever held them); returns the count."""
    analyst = _identity(analyst)
    return db.assign(store, run_id, {analyst: list(ticket_ids)}, by)


def sample_per_agent(
    store: Store, run_id: int, per_agent: int, seed: int = 0
) -> dict[str, list[int]]:
    """Agent -> up to `per_agent` of their tickets that nobody holds or reviewed (seeded)."""
    if per_agent < 1:
        raise InputError("sample: at least one ticket per agent")
    by_agent: dict[str, list[int]] = {}
    for row in db.agent_pool(store, run_id):
        by_agent.setdefault(row["agent"] or "", []).append(row["ticket_id"])
    rng = random.Random(seed)
    return {
        agent: sorted(rng.sample(ids, min(per_agent, len(ids))))
        for agent, ids in sorted(by_agent.items())
    }


def deal(sample: dict[str, list[int]], analysts: list[str]) -> dict[str, list[int]]:
    """Deal the sampled tickets to the analysts in turn (agent by agent, continuing the turn
    across agents)."""
    analysts = list(dict.fromkeys(_identity(a) for a in analysts))
    if not analysts:
        raise InputError("assign: name at least one analyst")
    plan: dict[str, list[int]] = {a: [] for a in analysts}
    turn = cycle(analysts)
    for _, ticket_ids in sorted(sample.items()):
        for ticket_id in ticket_ids:
            plan[next(turn)].append(ticket_id)
    return plan


def assign_sample(
    store: Store, run_id: int, analysts: list[str], per_agent: int, by: str, seed: int = 0
) -> dict[str, list[int]]:
    """Sample each agent's tickets and deal them to `analysts`; returns the plan written."""
    plan = deal(sample_per_agent(store, run_id, per_agent, seed), analysts)
    db.assign(store, run_id, plan, by)
    return plan


def claim_ticket(store: Store, run_id: int, ticket_id: int, analyst: str) -> None:
    """The analyst takes a ticket nobody holds; ConflictError when someone does."""
    db.claim(store, run_id, ticket_id, _identity(analyst))


def my_queue(store: Store, run_id: int, analyst: str) -> list[dict]:
    """The tickets the analyst holds in the run, those not reviewed first."""
    return db.analyst_tickets(store, run_id, analyst.strip())


def _identity(analyst: str) -> str:
    analyst = analyst.strip()
    if not analyst:
        raise InputError("assign: the analyst's name or e-mail address is empty")
    return analyst
