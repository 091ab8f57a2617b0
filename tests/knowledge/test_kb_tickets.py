"""Ticket vectors on a real DuckDB session: search, similar tickets, near-duplicates and the
category suggestion."""

import pytest

from tests.knowledge.conftest import TICKETS, ticket_ids, write_export
from tqrs.errors import NotFoundError
from tqrs.ingest import ingest_files
from tqrs.knowledge import (
    embed_tickets,
    ensure_embedded,
    near_duplicates,
    search_tickets,
    similar_tickets,
    suggest_category,
)

PASSWORD_TICKETS = {"INC0010001", "INC0010002", "INC0010003", "INC0010004"}


def test_embed_tickets_embeds_each_text_once(store, fake, session):
    assert embed_tickets(store, fake, session) == 7
    texts = [t for call in fake.calls for t in call]
    assert len(texts) == 6  # INC0010006 and INC0010007 share their text
    assert texts[0] == "\n".join(TICKETS[0][1:4])
    assert embed_tickets(store, fake, session) == 0
    assert len(fake.calls) == 1


def test_changed_text_is_embedded_again(store, fake, session):
    embed_tickets(store, fake, session)
    store.query(
        "UPDATE tickets SET close_notes = 'Replaced the toner.' WHERE number = 'INC0010006'"
    )
    assert embed_tickets(store, fake, session) == 1


def test_search_tickets_finds_the_matching_ones(store, fake, session):
    hits = search_tickets(store, fake, "printer paper jam", k=2, session_id=session)
    assert {h.number for h in hits} == {"INC0010006", "INC0010007"}
    assert "paper jam" in hits[0].text and hits[0].score > hits[-1].score - 1e-6


def test_similar_tickets_in_the_session(store, fake, session):
    ids = ticket_ids(store, session)
    similar = similar_tickets(store, fake, ids["INC0010002"], k=3)
    assert {s.number for s in similar} <= PASSWORD_TICKETS - {"INC0010002"}
    assert len(similar) == 3
    with pytest.raises(NotFoundError):
        similar_tickets(store, fake, 999_999)


def test_similar_tickets_across_sessions_skip_copies_of_the_same_ticket(
    store, fake, session, tmp_path
):
    later = [
        (
            "INC0020001",
            "Password reset, account locked out",
            "Forgot password, locked out, please reset.",
            "",
            "Access",
            "Password Reset",
        ),
        TICKETS[5],
    ]  # INC0010006 again, the same incident exported again
    other = ingest_files(store, [write_export(tmp_path / "later.json", later)]).session_id
    embed_tickets(store, fake, other)
    ids = ticket_ids(store, session)
    in_session = {s.number for s in similar_tickets(store, fake, ids["INC0010001"], k=10)}
    everywhere = {
        s.number for s in similar_tickets(store, fake, ids["INC0010001"], k=10, scope="all")
    }
    assert "INC0020001" not in in_session and "INC0020001" in everywhere
    neighbours = similar_tickets(store, fake, ids["INC0010006"], k=10, scope="all")
    assert [s.number for s in neighbours].count("INC0010006") == 0


def test_near_duplicates_pairs_the_copied_ticket(store, fake, session):
    assert near_duplicates(store, session) == []  # nothing embedded yet
    embed_tickets(store, fake, session)
    [pair] = near_duplicates(store, session, threshold=0.95)
    assert (pair.first_number, pair.second_number) == ("INC0010006", "INC0010007")
    assert pair.score == pytest.approx(1.0, abs=1e-4)


def test_category_suggestion_from_neighbours(store, fake, session):
    ids = ticket_ids(store, session)
    suggestion = suggest_category(store, fake, ids["INC0010004"], k=3, min_score=0.2)
    assert suggestion.current == "Hardware"
    assert (suggestion.category, suggestion.subcategory) == ("Access", "Password Reset")
    assert suggestion.better_available and suggestion.support == 1.0
    assert set(suggestion.neighbours) == PASSWORD_TICKETS - {"INC0010004"}
    agreeing = suggest_category(store, fake, ids["INC0010001"], k=3, min_score=0.2)
    assert agreeing.category == "Access" and not agreeing.better_available


def test_only_well_scored_neighbours_vote(store, fake, session):
    ids = ticket_ids(store, session)
    well_scored = {ids["INC0010005"], ids["INC0010006"], ids["INC0010007"]}
    printers = suggest_category(
        store,
        fake,
        ids["INC0010004"],
        k=3,
        min_score=None,
        well_scored=well_scored,
        min_support=0.5,
    )
    assert printers.category == "Hardware" and not printers.better_available
    assert (
        suggest_category(
            store,
            fake,
            ids["INC0010004"],
            k=3,
            min_score=0.2,
            well_scored=lambda candidates: set(candidates) & well_scored,
        )
        is None
    )
    asked = []
    suggest_category(
        store,
        fake,
        ids["INC0010004"],
        k=3,
        well_scored=lambda candidates: asked.extend(candidates) or candidates,
    )
    assert ids["INC0010001"] in asked and ids["INC0010004"] not in asked


def test_real_model_finds_similar_tickets(store, minilm, session):
    ids = ticket_ids(store, session)
    similar = similar_tickets(store, minilm, ids["INC0010001"], k=3)
    assert {s.number for s in similar} == PASSWORD_TICKETS - {"INC0010001"}
    [best] = search_tickets(store, minilm, "remote access disconnects", k=1, session_id=session)
    assert best.number == "INC0010005"


def test_ensure_embedded_counts_only_tickets_with_text(store, fake, tmp_path):
    from tqrs.store import knowledge as db

    blank = [("INC0030001", "", "", "", "", ""), TICKETS[0]]
    session_id = ingest_files(store, [write_export(tmp_path / "blank.json", blank)]).session_id
    assert db.count_unembedded(store, session_id, fake.model_id) == 1
    ensure_embedded(store, fake, session_id)
    assert db.count_unembedded(store, session_id, fake.model_id) == 0
    ensure_embedded(store, fake, session_id)
    assert len(fake.calls) == 1
    ids = ticket_ids(store, session_id)
    assert similar_tickets(store, fake, ids["INC0030001"]) == []
