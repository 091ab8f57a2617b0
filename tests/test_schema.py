"""Schema discipline: migrations only add. The schema a new database gets is the committed
snapshot (tests/schema/snapshot.json), each released migration keeps the SQL it was released
with, and databases made before migrations 1 and 4 were edited (tests/schema/at-*.json, their
migrations as first committed) migrate to today's schema with their data.

After adding a migration, regenerate the snapshot in the same commit:

    .venv/bin/python -m tqrs.store.schema > tests/schema/snapshot.json
"""

import difflib
import hashlib
import json
from datetime import datetime
from pathlib import Path

import duckdb
import numpy as np
import pytest

from tqrs.store import Store, schema
from tqrs.store import knowledge as kb_db
from tqrs.store.migrations import MIGRATIONS

HERE = Path(__file__).resolve().parent / "schema"
SNAPSHOT = HERE / "snapshot.json"
REGENERATE = ".venv/bin/python -m tqrs.store.schema > tests/schema/snapshot.json"
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "incidents.json"


def _committed() -> dict:
    return json.loads(SNAPSHOT.read_text())


def _diff(want: dict, got: dict) -> str:
    return "".join(
        difflib.unified_diff(
            schema.dumps(want).splitlines(True),
            schema.dumps(got).splitlines(True),
            "tests/schema/snapshot.json",
            "the schema the migrations make now",
        )
    )


def test_a_new_database_has_the_snapshot_schema(store):
    committed = _committed()
    committed.pop("migrations")
    now = schema.describe(store)
    assert now == committed, (
        "The schema differs from tests/schema/snapshot.json. If you changed it on purpose (a "
        "new migration; never an edited one), regenerate the snapshot in the same commit:\n"
        f"    {REGENERATE}\n" + _diff(committed, now)
    )


def test_released_migrations_keep_their_sql_and_new_ones_are_in_the_snapshot():
    released, now = _committed()["migrations"], schema.migrations()
    edited = [n for n in released if n in now and now[n]["sha256"] != released[n]["sha256"]]
    assert not edited, (
        f"migration {', '.join(edited)} changed after release: a released migration is never "
        "edited; put the change in a new migration (the next number)"
    )
    missing = sorted(set(released) - set(now), key=int)
    assert not missing, f"migration {', '.join(missing)} was released and is gone"
    new = sorted(set(now) - set(released), key=int)
    assert not new, (
        f"migration {', '.join(new)} is not in tests/schema/snapshot.json: regenerate it in the "
        f"same commit:\n    {REGENERATE}"
    )


# Databases made with the first text of the edited migrations


def _sample_tickets(n: int) -> list[dict]:
    """The first n sample incidents as the first migration 1 stored them (with raw_hash)."""
    records = json.loads(SAMPLE.read_text())["records"][:n]
    rows = []
    for seq, rec in enumerate(records):
        raw = json.dumps(rec)
        rows.append(
            {
                "session_id": 1,
                "seq": seq,
                "file_position": 0,
                "record_position": seq,
                "number": rec["number"],
                "sys_id": rec["sys_id"],
                "short_description": rec["short_description"],
                "description": rec["description"],
                "caller": rec["caller_id"],
                "contact_type": rec["contact_type"],
                "category": rec["category"],
                "assignment_group": rec["assignment_group"],
                "assigned_to": rec["assigned_to"],
                "close_code": rec["close_code"],
                "close_notes": rec["close_notes"],
                "work_notes": rec["work_notes"],
                "raw": raw,
                "raw_hash": hashlib.sha256(raw.encode()).hexdigest(),
            }
        )
    return rows


def _old_database(path: Path, fixture: dict, tickets: list[dict]) -> None:
    """A database as the code at the fixture's commit left it: its migrations, a session."""
    con = duckdb.connect(str(path))
    con.execute(fixture["schema_migrations"])
    for number, name, sql in fixture["migrations"]:
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [number, name])
    created = datetime(2026, 11, 21, 14, 30)
    con.execute(
        "INSERT INTO sessions (name, created_at, ticket_count) VALUES ('old session', ?, ?)",
        [created, len(tickets)],
    )
    con.execute(
        "INSERT INTO source_files VALUES (1, 0, 'incidents.json', 'abc123', 1000, 'json', NULL, "
        "?, ?, 0, 0, 0, 0, '[]', '[]')",
        [len(tickets), len(tickets)],
    )
    for t in tickets:
        names = ", ".join(t)
        con.execute(
            f"INSERT INTO tickets ({names}) VALUES ({', '.join('?' * len(t))})", list(t.values())
        )
    con.close()


def _rows(store: Store, sql: str) -> list[tuple]:
    return store.query(sql)


@pytest.mark.parametrize("commit", ["36ffbcb", "8004923"])
def test_a_database_from_before_the_edits_migrates_with_its_data(commit, tmp_path):
    fixture = json.loads((HERE / f"at-{commit}.json").read_text())
    tickets = _sample_tickets(3)
    path = tmp_path / "old.duckdb"
    _old_database(path, fixture, tickets)

    with Store(path) as store:
        committed = _committed()
        committed.pop("migrations")
        now = schema.describe(store)
        assert now == committed, _diff(committed, now)
        assert [r[0] for r in _rows(store, "SELECT id FROM schema_migrations ORDER BY id")] == [
            n for n, _, _ in sorted(MIGRATIONS)
        ]
        # The data is all there, the new column filled as a new database would fill it.
        assert _rows(store, "SELECT id, name, created_at, ticket_count, status FROM sessions") == [
            (1, "old session", datetime(2026, 11, 21, 14, 30), 3, "ready")
        ]
        kept = store.query_dicts(
            "SELECT number, sys_id, short_description, description, close_notes, raw "
            "FROM tickets ORDER BY seq"
        )
        assert [{**k, "raw": json.loads(k["raw"])} for k in kept] == [
            {
                "number": t["number"],
                "sys_id": t["sys_id"],
                "short_description": t["short_description"],
                "description": t["description"],
                "close_notes": t["close_notes"],
                "raw": json.loads(t["raw"]),
            }
            for t in tickets
        ]
        assert _rows(store, "SELECT records, imported FROM source_files") == [(3, 3)]

        # Today's code works on it: it lists, scores and adds to it.
        from tqrs.evaluate import evaluate_offline
        from tqrs.ingest import ingest_files
        from tqrs.store.sessions import list_sessions

        assert [s.name for s in list_sessions(store)] == ["old session"]
        run = evaluate_offline(store, 1, "incident_logging")
        assert _rows(store, f"SELECT count(*) FROM ticket_results WHERE run_id = {run}") == [(3,)]
        again = ingest_files(store, [SAMPLE], "new session")
        assert (again.session_id, again.ticket_count) == (2, 200)


def test_knowledge_from_before_the_edit_keeps_its_vectors(tmp_path, monkeypatch):
    """At 8004923 vectors lived only in the embeddings cache; chunks and ticket vectors
    pointed at them by text hash. Migrated, each carries its vector; a chunk whose text no
    model embedded is re-embedded at the next search, a ticket's is dropped (derived)."""
    fixture = json.loads((HERE / "at-8004923.json").read_text())
    path = tmp_path / "old.duckdb"
    _old_database(path, fixture, _sample_tickets(2))
    v1, v2 = np.eye(384, dtype=np.float32)[:2]
    con = duckdb.connect(str(path))
    con.execute(
        "INSERT INTO kb_documents VALUES (1, 'vpn.md', 'VPN', 'markdown', 'sha', 10, 2, now())"
    )
    con.execute(
        "INSERT INTO kb_chunks VALUES (1, 0, 'Connect', 'Reinstall the VPN client.', 'h-chunk0'), "
        "(1, 1, 'Escalate', 'Call the network team.', 'h-chunk1')"
    )
    con.execute(
        "INSERT INTO embeddings VALUES ('old-model', 'h-chunk0', ?, now()), "
        "('old-model', 'h-ticket1', ?, now())",
        [v1.tolist(), v2.tolist()],
    )
    con.execute(
        "INSERT INTO ticket_vectors VALUES (1, 1, 'old-model', 'h-ticket1'), "
        "(2, 1, 'old-model', 'h-ticket2')"
    )
    con.close()

    with Store(path) as store:
        chunks = store.query("SELECT document_id, position, model_id, vector FROM kb_chunks")
        assert [(d, p, m) for d, p, m, _ in chunks] == [(1, 0, "old-model"), (1, 1, "")]
        assert np.array_equal(chunks[0][3], v1) and not any(chunks[1][3])
        assert [
            (t, m) for t, m in store.query("SELECT ticket_id, model_id FROM ticket_vectors")
        ] == [(1, "old-model")]
        assert np.array_equal(kb_db.ticket_vector(store, 1, "old-model"), v2)
        assert [c["position"] for c in kb_db.top_chunks(store, "old-model", v1, 5)] == [0]

        from tqrs.embeddings import get_embedder
        from tqrs.knowledge import search_knowledge

        monkeypatch.setenv("TQRS_EMBEDDER", "fake")
        embedder = get_embedder()
        found = search_knowledge(store, embedder, "network team", k=2)
        assert {p.position for p in found} == {0, 1}
        assert store.query("SELECT DISTINCT model_id FROM kb_chunks") == [(embedder.model_id,)]
