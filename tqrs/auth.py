"""The admin password that guards the Settings page.

`TQRS_ADMIN_PASSWORD` wins when set. Otherwise a password is generated the first time the
workbench starts: only its scrypt hash and salt are kept, in `admin.json` (mode 0600) beside
the database, and the password itself is handed back once for the server console."""

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

from tqrs import config
from tqrs.errors import ConfigError

ADMIN_FILE = "admin.json"
ENV = "TQRS_ADMIN_PASSWORD"
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
        raise ConfigError(f"{path}: unreadable admin password file ({type(e).__name__}); "
                          f"delete it to generate a new password, or set {ENV}") from None
    return hmac.compare_digest(hash_password(password, salt), expected)
