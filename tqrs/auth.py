"""The admin password that guards the Settings page.

`TQRS_ADMIN_PASSWORD` wins when set. Otherwise a password is generated the first time the
workbench starts: only its scrypt hash and salt are kept, in `admin.json` (mode 0600) beside
the database, and the password itself is handed back once for the server console.

`unlock_admin` is what the Settings page calls: after MAX_FAILURES wrong passwords within
FAILURE_WINDOW seconds it refuses every attempt for a cool-off that doubles with each lockout.
The failure times live in `admin-attempts.json` beside the database (never the passwords
tried), so a rerun, a new browser session or a restart does not reset them; a right password
accepted after the cool-off does."""

import hashlib
import hmac
import json
import math
import os
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path

from tqrs import config
from tqrs.errors import ConfigError, LockedOutError

ADMIN_FILE = config.ADMIN_FILE
ENV = "TQRS_ADMIN_PASSWORD"
ATTEMPTS_FILE = config.ADMIN_ATTEMPTS_FILE
MAX_FAILURES = 5
FAILURE_WINDOW = 15 * 60
COOL_OFF = 60
MAX_COOL_OFF = 60 * 60
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def admin_file(db=None) -> Path:
    return config.state_dir(db) / ADMIN_FILE


def hash_password(password: str, salt: bytes) -> str:
    return hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT).hex()


def ensure_admin_password(db=None) -> str | None:
    """Create the admin password if none exists; returns it only when it was just created
    (the caller prints it once), else None."""
    if os.environ.get(ENV, "").strip() or admin_file(db).exists():
        return None
    password = secrets.token_urlsafe(12)
    salt = secrets.token_bytes(16)
    path = admin_file(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first
        return None
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"salt": salt.hex(), "scrypt": hash_password(password, salt), **_SCRYPT}, f)
    return password


def verify_admin_password(password: str, db=None) -> bool:
    """True when `password` is the admin password (constant-time comparison)."""
    if not password:
        return False
    env = os.environ.get(ENV, "").strip()
    if env:
        return hmac.compare_digest(password.encode(), env.encode())
    path = admin_file(db)
    if not path.exists():
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        expected, salt = data["scrypt"], bytes.fromhex(data["salt"])
    except (OSError, ValueError, KeyError) as e:
        raise ConfigError(
            f"{path}: unreadable admin password file ({type(e).__name__}); "
            f"delete it to generate a new password, or set {ENV}"
        ) from None
    return hmac.compare_digest(hash_password(password, salt), expected)


# One read-count-write at a time within the server process, so that parallel attempts cannot
# each read four failures and all be let through.
_attempts_lock = threading.Lock()


def attempts_file(db=None) -> Path:
    return config.state_dir(db) / ATTEMPTS_FILE


def unlock_admin(password: str, db=None, clock: Callable[[], float] = time.time) -> bool:
    """`verify_admin_password` with a limit on wrong attempts.

    Returns:
        True for the admin password, False for a wrong one.
    Raises:
        LockedOutError: locked out; raised by the failure that locks as well, and for every
            attempt (right or wrong, never checked) until the cool-off is over.
    """
    path = attempts_file(db)
    with _attempts_lock:
        state = config.read_json(path)
        now = clock()
        locked_until = state.get("locked_until", 0)
        if now < locked_until:
            # min(): a wall clock set back must not stretch the wait beyond one cool-off.
            raise _locked_out(min(locked_until - now, MAX_COOL_OFF))
        if not password:
            return False
        if verify_admin_password(password, db):
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
