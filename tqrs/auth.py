"""The two passwords of a workbench: the admin password, which guards the Settings page, and
the workbench password, which guards every page when the workbench listens beyond this machine.

They are distinct on purpose: analysts who review tickets get the workbench password, only the
admin can change providers, keys and the spending cap. Each is its environment variable when set
(`TQRS_ADMIN_PASSWORD`, `TQRS_WORKBENCH_PASSWORD`); otherwise it is generated the first time it
is needed: only its scrypt hash and salt are kept, in `admin.json` / `workbench.json` (mode
0600) beside the database, and the password itself is handed back once for the server console.

`unlock` (`unlock_admin`, `unlock_workbench`) is what a page calls: after MAX_FAILURES wrong
passwords within FAILURE_WINDOW seconds it refuses every attempt for a cool-off that doubles
with each lockout. The failure times live in `admin-attempts.json` / `workbench-attempts.json`
beside the database (never the passwords tried), so a rerun, a new browser session or a restart
does not reset them; a right password accepted after the cool-off does.

The workbench password is required (`gate_required`) when the server listens on an address
other than loopback, or whenever TQRS_WORKBENCH_PASSWORD is set (for a proxy on this host)."""

import hashlib
import hmac
import ipaddress
import json
import math
import os
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tqrs import config
from tqrs.errors import ConfigError, LockedOutError


@dataclass(frozen=True)
class Password:
    """One of the two passwords: its name, what it opens, its variable, its hash file and its
    attempts file."""

    name: str
    opens: str
    env: str
    file: str
    attempts: str


ADMIN = Password(
    "admin",
    "Settings page",
    "TQRS_ADMIN_PASSWORD",
    config.ADMIN_FILE,
    config.ADMIN_ATTEMPTS_FILE,
)
WORKBENCH = Password(
    "workbench",
    "every page, when the workbench is open to the network",
    "TQRS_WORKBENCH_PASSWORD",
    config.WORKBENCH_FILE,
    config.WORKBENCH_ATTEMPTS_FILE,
)
ENV = ADMIN.env
WORKBENCH_ENV = WORKBENCH.env
ADMIN_FILE = ADMIN.file
ATTEMPTS_FILE = ADMIN.attempts
MAX_FAILURES = 5
FAILURE_WINDOW = 15 * 60
COOL_OFF = 60
MAX_COOL_OFF = 60 * 60
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str, salt: bytes) -> str:
    return hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT).hex()


def hash_file(kind: Password = ADMIN, db=None) -> Path:
    return config.state_dir(db) / kind.file


def attempts_path(kind: Password = ADMIN, db=None) -> Path:
    return config.state_dir(db) / kind.attempts


def ensure_password(kind: Password, db=None) -> str | None:
    """Create the password if none exists; returns it only when it was just created (the
    caller prints it once), else None."""
    if os.environ.get(kind.env, "").strip() or hash_file(kind, db).exists():
        return None
    password = secrets.token_urlsafe(12)
    salt = secrets.token_bytes(16)
    path = hash_file(kind, db)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first
        return None
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"salt": salt.hex(), "scrypt": hash_password(password, salt), **_SCRYPT}, f)
    return password


def new_password_notice(kind: Password, password: str) -> str:
    """What the server console shows, once, for a password `ensure_password` just made."""
    return (
        f"TQRS {kind.name} password ({kind.opens}), shown only this once: {password}\n"
        f"Set {kind.env} to choose your own."
    )


def verify_password(kind: Password, password: str, db=None) -> bool:
    """True when `password` is this password (constant-time comparison)."""
    if not password:
        return False
    env = os.environ.get(kind.env, "").strip()
    if env:
        return hmac.compare_digest(password.encode(), env.encode())
    path = hash_file(kind, db)
    if not path.exists():
        return False
    config.check_own(path)  # in /tmp, a hash file planted by another user opens nothing
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        expected, salt = data["scrypt"], bytes.fromhex(data["salt"])
    except (OSError, ValueError, KeyError) as e:
        raise ConfigError(
            f"{path}: unreadable password file ({type(e).__name__}); "
            f"delete it to generate a new password, or set {kind.env}"
        ) from None
    return hmac.compare_digest(hash_password(password, salt), expected)


# One read-count-write at a time within the server process, so that parallel attempts cannot
# each read four failures and all be let through.
_attempts_lock = threading.Lock()


def unlock(kind: Password, password: str, db=None, clock: Callable[[], float] = time.time) -> bool:
    """`verify_password` with a limit on wrong attempts.

    Returns:
        True for the password, False for a wrong one.
    Raises:
        LockedOutError: locked out; raised by the failure that locks as well, and for every
            attempt (right or wrong, never checked) until the cool-off is over.
    """
    path = attempts_path(kind, db)
    with _attempts_lock:
        state = config.read_json(path)
        now = clock()
        locked_until = state.get("locked_until", 0)
        if now < locked_until:
            # min(): a wall clock set back must not stretch the wait beyond one cool-off.
            raise _locked_out(min(locked_until - now, MAX_COOL_OFF))
        if not password:
            return False
        if verify_password(kind, password, db):
            if state:
                path.unlink(missing_ok=True)
            return True
        failures = [t for t in state.get("failures", []) if now - FAILURE_WINDOW < t <= now]
        failures.append(now)
        lockouts = state.get("lockouts", 0)
        if len(failures) < MAX_FAILURES:
            config.write_json(path, {**state, "failures": failures}, private=True)
            return False
        wait = min(COOL_OFF * 2**lockouts, MAX_COOL_OFF)
        config.write_json(
            path,
            {"failures": [], "lockouts": lockouts + 1, "locked_until": now + wait},
            private=True,
        )
        raise _locked_out(wait)


def _locked_out(wait: float) -> LockedOutError:
    seconds = math.ceil(wait)
    shown = f"{seconds} seconds" if seconds < 120 else f"{math.ceil(seconds / 60)} minutes"
    return LockedOutError(f"Too many wrong passwords: try again in {shown}.", seconds)


def gate_required(address: str | None) -> bool:
    """Whether every page asks for the workbench password: when the server listens on
    `address` (Streamlit's server.address; empty means every interface) beyond loopback, or
    when TQRS_WORKBENCH_PASSWORD is set."""
    return bool(os.environ.get(WORKBENCH.env, "").strip()) or not is_loopback(address)


def is_loopback(address: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost; False for every interface (empty, 0.0.0.0,
    ::) and any other address or host name."""
    address = (address or "").strip().strip("[]")
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


# The admin password, by the names the Settings page and the tests know.
def admin_file(db=None) -> Path:
    return hash_file(ADMIN, db)


def attempts_file(db=None) -> Path:
    return attempts_path(ADMIN, db)


def ensure_admin_password(db=None) -> str | None:
    return ensure_password(ADMIN, db)


def verify_admin_password(password: str, db=None) -> bool:
    return verify_password(ADMIN, password, db)


def unlock_admin(password: str, db=None, clock: Callable[[], float] = time.time) -> bool:
    return unlock(ADMIN, password, db, clock)


def unlock_workbench(password: str, db=None, clock: Callable[[], float] = time.time) -> bool:
    return unlock(WORKBENCH, password, db, clock)
