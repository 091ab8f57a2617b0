"""The admin unlock's attempt limit, on a clock the tests move."""

import json
import stat

import pytest

from tqrs import auth
from tqrs.errors import LockedOutError

PASSWORD = "correct horse battery"


class Clock:
    def __init__(self, t: float = 1_000_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock(monkeypatch) -> Clock:
    monkeypatch.setenv(auth.ENV, PASSWORD)
    return Clock()


def fail(clock: Clock, times: int) -> None:
    """`times` wrong passwords a second apart, none of them locking."""
    for _ in range(times):
        assert auth.unlock_admin("wrong", clock=clock) is False
        clock.t += 1


def lock(clock: Clock, first: int = auth.MAX_FAILURES - 1) -> int:
    """`first` wrong passwords that do not lock, then one that does; the wait it reports."""
    fail(clock, first)
    with pytest.raises(LockedOutError) as e:
        auth.unlock_admin("wrong", clock=clock)
    return e.value.wait_seconds


def test_fifth_wrong_password_locks_even_the_right_one_out(clock):
    assert lock(clock) == 60
    clock.t += 30
    with pytest.raises(
        LockedOutError,
        match=r"^Too many wrong passwords: try again in 30 "
        r"seconds\.$",
    ):
        auth.unlock_admin(PASSWORD, clock=clock)
    clock.t += 30
    assert auth.unlock_admin(PASSWORD, clock=clock) is True


def test_right_password_after_the_cool_off_resets_the_count(clock):
    lock(clock)
    clock.t += 60
    assert auth.unlock_admin(PASSWORD, clock=clock)
    assert not auth.attempts_file().exists()
    assert lock(clock) == 60  # a fresh count, and the cool-off starts again from a minute


def test_cool_off_doubles_up_to_an_hour(clock):
    waits = []
    for _ in range(8):
        waits.append(lock(clock))
        clock.t += waits[-1]
    assert waits == [60, 120, 240, 480, 960, 1920, 3600, 3600]
    lock(clock)
    with pytest.raises(LockedOutError, match="try again in 60 minutes"):
        auth.unlock_admin(PASSWORD, clock=clock)


def test_failures_older_than_the_window_are_forgotten(clock):
    fail(clock, auth.MAX_FAILURES - 1)
    clock.t += auth.FAILURE_WINDOW
    assert lock(clock) == 60  # four more were let through before the fifth in the window


def test_count_is_kept_on_disk_without_the_passwords(clock):
    fail(clock, 2)
    assert auth.unlock_admin("hunter2-tried", clock=clock) is False
    path = auth.attempts_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "hunter2" not in path.read_text() and "wrong" not in path.read_text()
    clock.t += 1
    assert lock(clock, first=1) == 60  # the three before were read back from the file


def test_empty_password_is_not_counted(clock):
    fail(clock, auth.MAX_FAILURES - 1)
    for _ in range(3):
        assert auth.unlock_admin("", clock=clock) is False
    assert lock(clock, first=0) == 60


def test_clock_set_back_does_not_stretch_the_wait(clock):
    lock(clock)
    clock.t -= 10 * 24 * 3600
    with pytest.raises(LockedOutError) as e:
        auth.unlock_admin(PASSWORD, clock=clock)
    assert e.value.wait_seconds == auth.MAX_COOL_OFF


@pytest.mark.parametrize(
    "address, loopback",
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("", False),  # Streamlit's default: every interface
        (None, False),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("tqrs.example.org", False),
    ],
)
def test_which_addresses_stay_on_this_machine(address, loopback, monkeypatch):
    monkeypatch.delenv(auth.WORKBENCH_ENV, raising=False)
    assert auth.is_loopback(address) is loopback
    assert auth.gate_required(address) is not loopback
    monkeypatch.setenv(auth.WORKBENCH_ENV, "set")
    assert auth.gate_required(address)  # a set password is always asked


def test_the_two_passwords_are_distinct(monkeypatch):
    monkeypatch.delenv(auth.ENV, raising=False)
    monkeypatch.delenv(auth.WORKBENCH_ENV, raising=False)
    admin = auth.ensure_password(auth.ADMIN)
    workbench = auth.ensure_password(auth.WORKBENCH)
    assert admin and workbench and admin != workbench
    assert auth.unlock_workbench(workbench) and not auth.unlock_workbench(admin)
    assert auth.unlock_admin(admin) and not auth.unlock_admin(workbench)
    assert stat.S_IMODE(auth.hash_file(auth.WORKBENCH).stat().st_mode) == 0o600
    assert workbench not in auth.hash_file(auth.WORKBENCH).read_text()


def test_a_password_hash_planted_in_a_shared_folder_opens_nothing(tmp_path, monkeypatch):
    # TQRS_DB in a folder anyone can write to (/tmp): another user could put their own
    # admin.json there, the hash of a password they know. Before: it was read, and their
    # password unlocked Settings. Now the file must be this user's and no symlink.
    import os

    from tqrs.errors import ConfigError

    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o1777)
    monkeypatch.setenv("TQRS_DB", str(folder / "x.duckdb"))
    monkeypatch.delenv(auth.ENV, raising=False)
    planted = "the planter's password"
    salt = b"0123456789abcdef"
    record = {"salt": salt.hex(), "scrypt": auth.hash_password(planted, salt)}
    auth.hash_file(auth.ADMIN).write_text(json.dumps(record))
    assert auth.unlock_admin(planted)  # this user's own file: read as before
    owner = os.stat(auth.hash_file(auth.ADMIN)).st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1)  # now it is another user's
    with pytest.raises(ConfigError, match="owned by another user"):
        auth.unlock_admin(planted)
