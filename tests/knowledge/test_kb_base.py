"""Adding, listing, removing and searching knowledge documents; retrieval with the real model."""

import shutil

import pytest

from tests.knowledge.conftest import SAMPLES
from tqrs.errors import InputError, NotFoundError
from tqrs.knowledge import (
    add_documents,
    list_documents,
    passages_for_ticket,
    remove_document,
    search_knowledge,
)
from tqrs.models import Ticket

SOPS = sorted(SAMPLES.iterdir())


def counts(store):
    return store.query(
        "SELECT (SELECT count(*) FROM kb_documents), (SELECT count(*) FROM kb_chunks)"
    )[0]


def test_add_every_sample_type(store, fake):
    results = add_documents(store, fake, SOPS)
    assert [(r.name, r.status) for r in results] == [(p.name, "added") for p in SOPS]
    docs = list_documents(store)
    assert {d["format"] for d in docs} == {"pdf", "markdown", "text", "html"}
    assert sum(d["chunk_count"] for d in docs) == counts(store)[1] > 20
    assert all(len(d["sha256"]) == 64 for d in docs)


def test_re_adding_is_a_reported_no_op(store, fake, tmp_path):
    add_documents(store, fake, SOPS[:1])
    before, calls = counts(store), len(fake.calls)
    renamed = tmp_path / "copy-under-another-name.pdf"
    shutil.copy(SOPS[0], renamed)
    results = add_documents(store, fake, [SOPS[0], renamed])
    assert [r.status for r in results] == ["skipped", "skipped"]
    assert "already in the knowledge base as lost-device-sop.pdf" in results[0].message
    assert counts(store) == before and len(fake.calls) == calls


def test_one_bad_file_stores_nothing(store, fake, tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    with pytest.raises(InputError, match="scan.pdf"):
        add_documents(store, fake, [SOPS[1], bad])
    assert counts(store) == (0, 0)


def test_skip_mode_keeps_the_good_files(store, fake, tmp_path):
    bad = tmp_path / "notes.docx"
    bad.write_bytes(b"PK\x03\x04")
    results = add_documents(store, fake, [bad, SOPS[1]], on_error="skip")
    assert [r.status for r in results] == ["error", "added"]
    assert "unsupported document type" in results[0].message
    assert counts(store)[0] == 1


def test_remove_then_add_again_costs_no_embedding(store, fake):
    [added] = add_documents(store, fake, SOPS[1:2])
    assert remove_document(store, added.document_id) == SOPS[1].name
    assert counts(store) == (0, 0)
    with pytest.raises(NotFoundError, match=f"no knowledge document {added.document_id}"):
        remove_document(store, added.document_id)
    calls = len(fake.calls)
    add_documents(store, fake, SOPS[1:2])
    assert len(fake.calls) == calls  # the chunks' vectors were still cached


def test_search_returns_the_passage_with_document_and_heading(store, fake):
    add_documents(store, fake, SOPS)
    [best, *_] = search_knowledge(store, fake, "scanning to e-mail fails 20 MB", k=3)
    assert best.document == "printer-troubleshooting.txt"
    assert best.heading.endswith("4. Scanning to e-mail fails")
    assert "limited to 20 MB" in best.text
    assert best.cite() == f"[printer-troubleshooting.txt: {best.heading}]"
    with pytest.raises(InputError, match="empty"):
        search_knowledge(store, fake, "  ")


def test_documents_added_with_another_model_are_searchable(store, fake):
    add_documents(store, fake, SOPS)
    other = type(fake)()
    other.model_id = "another-model"
    assert search_knowledge(store, other, "printer jam", k=1)[0].document.startswith("printer")


# Written queries, as an analyst or a ticket would phrase them, and the SOP each must find.
RETRIEVAL = [
    ("user forgot their password and is locked out of Windows", "password-reset-sop.md"),
    ("how do I verify who the caller is before changing a password", "password-reset-sop.md"),
    ("temporary password must be changed at next sign-in", "password-reset-sop.md"),
    ("GlobalProtect says gateway not responding from a hotel", "vpn-troubleshooting.html"),
    ("remote access connection keeps dropping on home wifi", "vpn-troubleshooting.html"),
    ("connected to VPN but internal sites do not open", "vpn-troubleshooting.html"),
    ("my laptop was stolen from my car", "lost-device-sop.pdf"),
    ("lost company phone, wipe it remotely", "lost-device-sop.pdf"),
    ("paper jam on the multifunction printer", "printer-troubleshooting.txt"),
    ("print job never comes out of the FollowMe queue", "printer-troubleshooting.txt"),
    ("scanned document did not arrive in my mailbox", "printer-troubleshooting.txt"),
]


@pytest.fixture(scope="module")
def sample_kb(tmp_path_factory, minilm):
    from tqrs.store import Store

    store = Store(tmp_path_factory.mktemp("kb") / "kb.duckdb")
    add_documents(store, minilm, SOPS)
    yield store
    store.close()


@pytest.mark.parametrize("query, expected", RETRIEVAL)
def test_each_query_finds_its_sop_first(sample_kb, minilm, query, expected):
    assert search_knowledge(sample_kb, minilm, query, k=1)[0].document == expected


def test_passages_ground_a_password_ticket_in_the_password_sop(sample_kb, minilm):
    ticket = Ticket(
        id=1,
        session_id=1,
        seq=1,
        number="INC0000001",
        short_description="Account locked, password reset",
        description="User locked out after holiday, asks for a new password.",
    )
    passages = passages_for_ticket(sample_kb, minilm, ticket, k=3)
    assert passages and passages[0].document == "password-reset-sop.md"
    assert all(p.score >= 0.3 for p in passages)
    assert (
        passages_for_ticket(
            sample_kb,
            minilm,
            ticket.model_copy(update={"short_description": "", "description": ""}),
        )
        == []
    )
