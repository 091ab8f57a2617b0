import json

import duckdb
import pytest

from tests.conftest import real_file
from tqrs.errors import StoreError
from tqrs.fields import MAX_ANALYSIS_CHARS
from tqrs.ingest import ingest_files
from tqrs.models import Ticket
from tqrs.store import Store, migrate
from tqrs.store.migrations import MIGRATIONS
from tqrs.store.sessions import READ_BYTES, TICKET_COLUMNS, iter_ticket_rows, ticket_from_row


def test_blank_database_gets_every_migration_and_schema(tmp_path):
    path = tmp_path / "blank.duckdb"
    store = Store(path)
    applied = store.query("SELECT id FROM schema_migrations ORDER BY id")
    assert [r[0] for r in applied] == [n for n, _, _ in MIGRATIONS]
    tables = {
        r[0]
        for r in store.query(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'tqrs'"
        )
    }
    assert {"sessions", "source_files", "tickets", "schema_migrations"} <= tables
    columns = {
        r[0]
        for r in store.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'tickets'"
        )
    }
    assert {"number", "opened_at", "priority", "raw", "notes"} <= columns
    store.close()


def test_reopening_applies_nothing_twice(tmp_path):
    path = tmp_path / "again.duckdb"
    Store(path).close()
    store = Store(path)
    assert migrate(store) == []
    assert store.query("SELECT count(*) FROM schema_migrations")[0][0] == len(MIGRATIONS)
    store.close()


def test_transaction_rolls_back_on_error(tmp_path):
    store = Store(tmp_path / "tx.duckdb")
    try:
        with store.transaction() as cur:
            cur.execute("INSERT INTO sessions (name, created_at) VALUES ('x', now())")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert store.query("SELECT count(*) FROM sessions")[0][0] == 0
    store.close()


def test_second_process_gets_a_clear_error(tmp_path):
    from tests.conftest import run_cli

    path = tmp_path / "locked.duckdb"
    store = Store(path)
    proc = run_cli("sessions", "--db", path)
    store.close()
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: ")
    assert "in use by another process" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_not_a_database_file(tmp_path):
    from tests.conftest import run_cli

    path = tmp_path / "notes.duckdb"
    path.write_text("hello, not a database\n" * 100)
    proc = run_cli("sessions", "--db", path)
    assert proc.returncode == 2 and proc.stderr.startswith("error: ")
    assert str(path.name) in proc.stderr


def test_two_runs_storing_the_same_system_message_and_answer_both_commit(tmp_path):
    """Two result transactions open at once (two sessions evaluated together) carry the same
    system message and the same cached answer: both commit, each stored once. Inside the
    transactions, the second COMMIT failed on the primary key and lost its results."""

    from tqrs.store.llm_cache import CacheEntry, put_cached
    from tqrs.store.llm_exchanges import write_exchanges

    exchange = _exchange("ab" * 32, "You grade tickets.")
    entry = CacheEntry(
        key="cd" * 32, content_hash="ef" * 32, rubric_id="r", rubric_version="1", model="m",
        prompt_version="p", response={"criteria": []}, tokens_in=1, tokens_out=1, cost=0.0,
    )  # fmt: skip
    with Store(tmp_path / "t.duckdb") as store:
        first, second = store.new_cursor(), store.new_cursor()
        first.execute("BEGIN TRANSACTION")
        second.execute("BEGIN TRANSACTION")
        for cur in (first, second):
            write_exchanges(cur, [exchange])
            put_cached(cur, [entry])
        first.execute("COMMIT")
        second.execute("COMMIT")
        assert store.query("SELECT count(*) FROM llm_texts") == [(1,)]
        assert store.query("SELECT count(*) FROM llm_exchanges") == [(2,)]
        assert store.query("SELECT count(*) FROM llm_cache") == [(1,)]


def test_two_writers_storing_the_same_system_messages_at_the_same_moment_both_commit(tmp_path):
    """Two runs' writers store the same new system message at the same moment, 300 times: every
    result transaction commits. DuckDB raised "Duplicate key" (not a write-write conflict)
    despite ON CONFLICT when the other writer committed the key in between: in the two-sessions
    browser journey a whole run failed with "results could not be stored" (91 of 300 here)."""
    import hashlib
    import threading

    from tqrs.llm.call import Exchange
    from tqrs.store.llm_exchanges import write_exchanges

    def exchange(i: int) -> Exchange:
        return _exchange(hashlib.sha256(str(i).encode()).hexdigest(), f"system {i}")

    rounds, failures = 300, []
    with Store(tmp_path / "t.duckdb") as store:
        together = threading.Barrier(2)

        def writer():
            cur = store.new_cursor()
            for i in range(rounds):
                together.wait()
                try:
                    cur.execute("BEGIN TRANSACTION")
                    write_exchanges(cur, [exchange(i)])
                    cur.execute("COMMIT")
                except duckdb.Error as e:
                    failures.append(e)
                    cur.execute("ROLLBACK")

        threads = [threading.Thread(target=writer) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert failures == []
        assert store.query("SELECT count(*) FROM llm_texts") == [(rounds,)]
        assert store.query("SELECT count(*) FROM llm_exchanges") == [(2 * rounds,)]


def _exchange(system_hash: str, system: str):
    """A judge's exchange carrying `system` (stored once in llm_texts, by `system_hash`)."""
    from datetime import datetime

    from tqrs.llm.call import Exchange

    return Exchange(
        purpose="judge", provider="compatible", endpoint="http://127.0.0.1:1/v1", model="m",
        system_hash=system_hash, system=system, request={"messages": []},
        status="ok", started_at=datetime(2026, 11, 30), latency_ms=1.0,
    )  # fmt: skip


@pytest.mark.parametrize(
    "name", ["02_pdi_records_export.json", "03_pdi_unload.xml", "08_pdi_list_export.csv"]
)
def test_a_ticket_read_back_unvalidated_is_the_validated_ticket(tmp_path, name):
    """ticket_from_row builds the Ticket without validation (tqrs.models.trusted): on real
    exports, every field it holds is what validating the same values gives, of the same
    type, and no field of the model is left out."""
    assert set(TICKET_COLUMNS) == set(Ticket.model_fields)
    with Store(tmp_path / "read.duckdb") as store:
        session = ingest_files(store, [real_file(name)], name).session_id
        rows = [row for rows in iter_ticket_rows(store, session) for row in rows]
        assert rows
        for row in rows:
            fast = ticket_from_row(row)
            checked = Ticket.model_validate(dict(fast.__dict__))
            assert fast.__dict__.keys() == checked.__dict__.keys()
            for field, value in checked.__dict__.items():
                got = fast.__dict__[field]
                assert (got, type(got)) == (value, type(value)), (row[0], field)
            assert fast == checked


def test_long_tickets_are_read_in_ranges_of_bounded_text(tmp_path):
    """A session of long tickets is read a few tickets at a time, every ticket once and in
    order: no range holds much more than READ_BYTES of text (ranges of 2,000 tickets of 9 KB,
    read while a run's writer committed, ran out of a 64 MB cap in CI)."""
    records = [
        {"number": f"INC{9_000_000 + i}", "short_description": f"Long notes {i}",
         "work_notes": f"{i} " + "checked the queue again " * (1_100 + 20 * (i % 7))}
        for i in range(700)
    ]  # fmt: skip
    export = tmp_path / "long.json"
    export.write_text(json.dumps({"records": records}))
    notes = {r["number"]: len(r["work_notes"]) for r in json.loads(export.read_text())["records"]}
    assert sum(notes.values()) > 2 * READ_BYTES  # one range of 2,000 would hold them all
    assert max(notes.values()) < MAX_ANALYSIS_CHARS  # stored whole
    number = TICKET_COLUMNS.index("number")
    with Store(tmp_path / "long.duckdb") as store:
        session = ingest_files(store, [export], "long").session_id
        batches = list(iter_ticket_rows(store, session, raw=False))
    read = [row[number] for rows in batches for row in rows]
    assert read == [r["number"] for r in records]
    longest = max(notes.values())
    for rows in batches:
        assert sum(notes[row[number]] for row in rows) <= READ_BYTES + longest


def test_a_statement_the_memory_cap_cannot_hold_is_a_clear_store_error(tmp_path, monkeypatch):
    """Out of DuckDB's memory cap: a StoreError naming the cap and its variable (the CLI prints
    it as an error line, not a traceback), and the store goes on working."""
    monkeypatch.setenv("TQRS_DUCKDB_MEMORY", "16MB")
    with Store(tmp_path / "small.duckdb") as store:
        with pytest.raises(StoreError, match=r"memory cap \(16MB, TQRS_DUCKDB_MEMORY"):
            store.query("SELECT list(repeat('x', 1000) || i) FROM range(200000) r(i)")
        assert store.query("SELECT 6 * 7") == [(42,)]
