"""Assignment: a sample of every agent's tickets dealt to analysts, "my queue", claims refused
when someone else holds the ticket, a manager's assignment replacing the holder."""

import random

import pytest

from tests.conftest import incident, write_export
from tqrs.assignment import (
    assign_sample,
    assign_tickets,
    claim_ticket,
    deal,
    my_queue,
    sample_per_agent,
)
from tqrs.errors import ConflictError, InputError
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.review import mark_reviewed
from tqrs.store.assignments import holders, release, workload

AGENTS = ["Priya Raman", "Tom Okafor", "Lena Berg"]


@pytest.fixture
def run(store, tmp_path):
    """12 tickets: agent i % 3 handled ticket i."""
    recs = [incident(i, assigned_to=AGENTS[i % 3]) for i in range(12)]
    session = ingest_files(store, [write_export(tmp_path / "x.json", recs)]).session_id
    return evaluate_offline(store, session, "incident_logging")


def _agent_of(store, ticket_ids):
    return dict(
        store.query(
            "SELECT id, assigned_to FROM tickets WHERE list_contains(?, id)", [list(ticket_ids)]
        )
    )


def test_a_sample_per_agent_is_seeded_and_dealt_in_turn(store, run):
    sample = sample_per_agent(store, run, 2, seed=7)
    assert sorted(sample) == sorted(AGENTS)
    agent = _agent_of(store, [t for ids in sample.values() for t in ids])
    for name, ids in sample.items():
        assert len(ids) == 2 and {agent[t] for t in ids} == {name}
    # Independent: the same draw made by hand from the agent's ticket ids.
    pool = {
        a: [i for (i,) in store.query(
            "SELECT id FROM tickets WHERE assigned_to = ? ORDER BY id", [a])]
        for a in AGENTS
    }  # fmt: skip
    rng = random.Random(7)
    assert sample == {a: sorted(rng.sample(pool[a], 2)) for a in sorted(AGENTS)}
    assert deal({"A": [1, 2, 3], "B": [4]}, ["x@o.org", "y@o.org"]) == {
        "x@o.org": [1, 3],
        "y@o.org": [2, 4],
    }
    with pytest.raises(InputError, match="at least one analyst"):
        deal(sample, [])

    plan = assign_sample(store, run, ["x@o.org", "y@o.org"], 2, "boss@o.org", seed=7)
    assert sorted(len(v) for v in plan.values()) == [3, 3]
    held = holders(store, run)
    assert len(held) == 6 and {h["assigned_by"] for h in held.values()} == {"boss@o.org"}
    # A second sample takes only tickets nobody holds.
    again = assign_sample(store, run, ["x@o.org"], 2, "boss@o.org", seed=7)
    assert not set(again["x@o.org"]) & set(held)
    assert len(holders(store, run)) == 12


def test_my_queue_lists_what_i_hold_unreviewed_first(store, run):
    ids = [t for (t,) in store.query("SELECT ticket_id FROM ticket_results ORDER BY ticket_id")]
    assign_tickets(store, run, ids[:3], "x@o.org", "boss@o.org")
    mark_reviewed(store, run, ids[0], "x@o.org")
    queue = my_queue(store, run, "x@o.org")
    assert [t["ticket_id"] for t in queue] == [ids[1], ids[2], ids[0]]
    assert queue[-1]["reviewer"] == "x@o.org"
    assert my_queue(store, run, "y@o.org") == []
    assert workload(store, run) == [{"analyst": "x@o.org", "held": 3, "reviewed": 1}]


def test_a_claim_on_a_held_ticket_is_refused(store, run):
    tid = store.query("SELECT min(ticket_id) FROM ticket_results")[0][0]
    claim_ticket(store, run, tid, "x@o.org")
    claim_ticket(store, run, tid, "x@o.org")  # one's own: nothing changes
    with pytest.raises(ConflictError, match=r"claimed by x@o\.org at \d\d:\d\d UTC — reload"):
        claim_ticket(store, run, tid, "y@o.org")
    assert holders(store, run, [tid])[tid]["analyst"] == "x@o.org"
    assign_tickets(store, run, [tid], "z@o.org", "boss@o.org")  # a manager reassigns
    with pytest.raises(ConflictError, match=r"assigned to z@o\.org by boss@o\.org"):
        claim_ticket(store, run, tid, "y@o.org")
    assert release(store, run, [tid]) == 1
    claim_ticket(store, run, tid, "y@o.org")
    assert holders(store, run, [tid])[tid] | {"assigned_at": None} == {
        "analyst": "y@o.org",
        "assigned_by": "y@o.org",
        "assigned_at": None,
    }
    with pytest.raises(InputError, match="empty"):
        claim_ticket(store, run, tid, "  ")
