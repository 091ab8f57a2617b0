from tqrs.store import Store, migrate
from tqrs.store.migrations import MIGRATIONS


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
