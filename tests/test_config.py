"""State files are replaced safely: a fresh temporary file (exclusive, never through a symlink,
0600 for secrets) renamed over the old one; a failure leaves the old file and no temporary
file, and says which file in a TqrsError."""

import errno
import json
import os
import stat

import pytest

from tqrs import config
from tqrs.errors import TqrsError
from tqrs.llm.settings import (
    load_saved_settings,
    load_secrets,
    save_secrets,
    save_settings,
    secrets_path,
)

KEY = "sk-test-0123456789abcdef"


def test_a_symlink_at_the_old_temporary_name_is_not_followed(isolated_state, tmp_path):
    """The old code wrote secrets.tmp through whatever was there: a symlink planted at that
    name sent the key into the file it points at."""
    folder = secrets_path().parent
    folder.mkdir(parents=True)
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched\n")
    (folder / "secrets.tmp").symlink_to(victim)

    save_secrets({"api_key": KEY})

    assert victim.read_text() == "untouched\n"
    assert (folder / "secrets.tmp").is_symlink()  # left alone, not replaced or written
    assert load_secrets()["api_key"] == KEY
    assert stat.S_IMODE(os.lstat(secrets_path()).st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == ["secrets.json", "secrets.tmp"]


def test_a_symlinked_state_file_is_replaced_not_written_through(isolated_state, tmp_path):
    folder = secrets_path().parent
    folder.mkdir(parents=True)
    victim = tmp_path / "victim.json"
    victim.write_text("{}")
    secrets_path().symlink_to(victim)

    save_secrets({"api_key": KEY})

    assert victim.read_text() == "{}"
    assert not secrets_path().is_symlink()
    assert stat.S_IMODE(os.lstat(secrets_path()).st_mode) == 0o600


def test_settings_are_readable_by_others_and_secrets_are_not(isolated_state):
    save_settings({"model": "gpt-4o-mini"})
    save_secrets({"api_key": KEY})
    folder = secrets_path().parent
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()}
    assert modes == {"settings.json": 0o644, "secrets.json": 0o600}


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(isolated_state, monkeypatch):
    save_secrets({"api_key": KEY})
    before = secrets_path().read_bytes()

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(config.os, "fsync", disk_full)
    with pytest.raises(TqrsError) as e:
        save_secrets({"api_key": "sk-another-key-9876543210"})
    assert str(e.value) == f"{secrets_path()}: cannot write (No space left on device)"
    assert KEY not in str(e.value)
    assert secrets_path().read_bytes() == before
    assert [p.name for p in secrets_path().parent.iterdir()] == ["secrets.json"]


def test_a_folder_that_cannot_be_written_is_a_clear_error(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    with pytest.raises(TqrsError, match="cannot write"):
        config.write_json(blocked / "settings.json", {"a": 1}, private=False)


def test_write_json_round_trips(tmp_path):
    path = tmp_path / "state" / "x.json"
    config.write_json(path, {"a": [1, 2], "b": "é"}, private=True)
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": [1, 2], "b": "é"}
    assert config.read_json(path) == {"a": [1, 2], "b": "é"}


def test_installed_state_goes_to_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "INSTALLED", True)
    monkeypatch.delenv("TQRS_DB")
    monkeypatch.delenv("TQRS_REPORTS_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert config.db_path() == tmp_path / "xdg" / "tqrs" / "tqrs.duckdb"
    assert config.reports_dir() == tmp_path / "xdg" / "tqrs" / "reports"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")  # invalid by the XDG spec: ignored
    assert config.db_path() == tmp_path / "home" / ".local" / "share" / "tqrs" / "tqrs.duckdb"
    monkeypatch.setenv("TQRS_DB", str(tmp_path / "mine.duckdb"))
    assert config.db_path() == tmp_path / "mine.duckdb"


def test_a_checkout_keeps_state_in_data_and_reports(monkeypatch):
    monkeypatch.setattr(config, "INSTALLED", False)
    monkeypatch.delenv("TQRS_DB")
    monkeypatch.delenv("TQRS_REPORTS_DIR")
    assert config.db_path() == config.PROJECT_ROOT / "data" / "tqrs.duckdb"
    assert config.reports_dir() == config.PROJECT_ROOT / "reports"


def test_each_database_keeps_its_reports_in_a_folder_of_its_own(monkeypatch, tmp_path):
    """The default database keeps its copies in reports/ (as the README says); another one
    (TQRS_DB, --db) in reports/<stem>-<first 8 hex of the sha256 of its path>/, so two
    databases' session1-...-run1 reports never meet."""
    import hashlib

    monkeypatch.setattr(config, "INSTALLED", False)
    monkeypatch.delenv("TQRS_DB")
    monkeypatch.delenv("TQRS_REPORTS_DIR")
    reports = config.PROJECT_ROOT / "reports"
    assert config.kept_reports_dir() == reports
    assert config.kept_reports_dir(config.PROJECT_ROOT / "data" / "tqrs.duckdb") == reports
    other = tmp_path / "qa.duckdb"
    digest = hashlib.sha256(str(other).encode()).hexdigest()[:8]
    assert config.kept_reports_dir(other) == reports / f"qa-{digest}"
    monkeypatch.setenv("TQRS_DB", str(other))  # TQRS_DB alone does not own reports/
    assert config.kept_reports_dir() == reports / f"qa-{digest}"
    monkeypatch.setenv("TQRS_REPORTS_DIR", str(tmp_path / "kept"))  # set with it: it does
    assert config.kept_reports_dir() == tmp_path / "kept"
    assert config.kept_reports_dir(reports / "x.duckdb").parent == tmp_path / "kept"


# A database in a folder others can write to (/tmp): its settings and secrets files sit beside
# it, where another user may plant them. Before: a symlink or another user's file planted as
# settings.json was read (its LLM endpoint used) and, for root, written over.
@pytest.fixture
def shared_state(tmp_path, monkeypatch):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o1777)  # as /tmp is
    monkeypatch.setenv("TQRS_DB", str(folder / "x.duckdb"))
    return folder


def test_own_state_files_in_a_shared_folder_are_read_and_private(shared_state):
    save_secrets({"api_key": KEY})
    save_settings({"model": "gpt-4o-mini"})
    assert load_secrets()["api_key"] == KEY
    assert stat.S_IMODE(os.lstat(shared_state / "secrets.json").st_mode) == 0o600


def test_a_state_file_planted_as_a_symlink_in_a_shared_folder_is_refused(shared_state, tmp_path):
    planted = tmp_path / "planted.json"
    planted.write_text(json.dumps({"llm": {"endpoint": "http://planted.example"}}))
    (shared_state / "settings.json").symlink_to(planted)
    (shared_state / "secrets.json").symlink_to(planted)
    with pytest.raises(TqrsError) as err:
        load_saved_settings()
    assert str(err.value).startswith(f"{shared_state / 'settings.json'}: a symbolic link in a")
    assert "TQRS_DB" in str(err.value)
    with pytest.raises(TqrsError, match="secrets.json: a symbolic link"):
        save_secrets({"api_key": KEY})
    assert json.loads(planted.read_text()) == {"llm": {"endpoint": "http://planted.example"}}
    assert (shared_state / "secrets.json").is_symlink()


def test_another_users_state_file_in_a_shared_folder_is_refused(shared_state, monkeypatch):
    (shared_state / "settings.json").write_text('{"llm": {"endpoint": "http://planted.example"}}')
    owner = os.stat(shared_state / "settings.json").st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)  # the file is now someone else's
    with pytest.raises(TqrsError, match=f"owned by another user \\(uid {owner}\\)"):
        load_saved_settings()
    with pytest.raises(TqrsError, match="owned by another user"):
        save_settings({"model": "m"})
    assert "planted.example" in (shared_state / "settings.json").read_text()
    # nothing found there yet: written as before
    save_secrets({"api_key": KEY})
    assert stat.S_IMODE(os.lstat(shared_state / "secrets.json").st_mode) == 0o600
