"""The coaching summary and `tqrs profile --agents --coaching` as people read them: the
unassigned tickets without a group named without doubled brackets, one agent in the singular.

Hand-computed: three tickets with neither agent nor group (tests.conftest.incident), scored
on the Logging rubric: one profile, "(unassigned)" in "(no group)"."""

import pytest

from tests.conftest import incident, run_cli, write_export
from tqrs.agents import build_profiles
from tqrs.coaching import template_summary
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files


@pytest.fixture
def unassigned(store, tmp_path):
    records = [incident(n, assigned_to="", assignment_group="") for n in (1, 2, 3)]
    session = ingest_files(store, [write_export(tmp_path / "u.json", records)], "u").session_id
    return session, evaluate_offline(store, session, "incident_logging")


def test_the_unassigned_are_named_without_doubled_brackets(store, unassigned):
    _, run = unassigned
    (profile,) = build_profiles(store, run).agents
    text = template_summary(profile).text
    assert text.startswith("Unassigned tickets, no group: 3 tickets, mean ")
    assert "((" not in text


def test_cli_coaching_of_one_agent_in_the_singular(store, unassigned):
    session, _ = unassigned
    db = store.path
    store.close()
    out = run_cli(
        "profile", session, "--agents", "--coaching", "--offline", "--db", db, check=True
    ).stdout
    assert "\ncoaching: 1 agent, 0 by the LLM (0 cached), $0.0000" in out
    assert "Unassigned tickets, no group: 3 tickets" in out
