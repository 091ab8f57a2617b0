"""Where things are.

The workbench's files (app/, pages/, .streamlit/, data/rubrics/, data/samples/) are at the
project root in a checkout (run in place or installed editable) and in tqrs/_bundle/, laid out
the same way, in an installed wheel: PROJECT_ROOT is whichever of the two this is.

State (the database, with its settings, secrets and admin files beside it, and the kept
reports) goes to the checkout's data/ and reports/, or, installed from a wheel, to a per-user
data folder (never inside site-packages). One variable, TQRS_DB, relocates all of it: the
settings and secrets files sit in the same folder as the database file."""

import fnmatch
import hashlib
import json
import os
import stat
import sys
import tempfile
from contextlib import suppress
from pathlib import Path

from tqrs.errors import ConfigError

_PACKAGE = Path(__file__).resolve().parent
_BUNDLE = _PACKAGE / "_bundle"  # only a wheel has it (pyproject.toml, [tool.setuptools])
INSTALLED = _BUNDLE.is_dir()
PROJECT_ROOT = _BUNDLE if INSTALLED else _PACKAGE.parent
SAMPLES_DIR = PROJECT_ROOT / "data" / "samples"
APP_MAIN = PROJECT_ROOT / "app" / "main.py"


def user_data_dir() -> Path:
    """The per-user data folder: $XDG_DATA_HOME/tqrs, else ~/.local/share/tqrs; on macOS
    ~/Library/Application Support/tqrs, on Windows %LOCALAPPDATA%\\tqrs."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "tqrs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "tqrs"
    xdg = os.environ.get("XDG_DATA_HOME", "")
    # The XDG spec says a relative path is invalid and is to be ignored.
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / "tqrs"


# The files kept beside the database, by name, with what each holds. Defined here once: the
# modules that own them take their names from here, and nothing else may write over them
# (a report's --out, a kept copy): see `state_file_role`.
SETTINGS_FILE = "settings.json"
SECRETS_FILE = "secrets.json"
ADMIN_FILE = "admin.json"
ADMIN_ATTEMPTS_FILE = "admin-attempts.json"
WORKBENCH_FILE = "workbench.json"
WORKBENCH_ATTEMPTS_FILE = "workbench-attempts.json"
# Streamlit's secrets file for sign-in (its [auth] block); `tqrs serve` hands it to Streamlit.
STREAMLIT_SECRETS_FILE = "streamlit-secrets.toml"
STATE_FILES = {
    SETTINGS_FILE: "the saved settings",
    SECRETS_FILE: "the saved API keys",
    ADMIN_FILE: "the admin password hash",
    ADMIN_ATTEMPTS_FILE: "the admin sign-in attempts",
    WORKBENCH_FILE: "the workbench password hash",
    WORKBENCH_ATTEMPTS_FILE: "the workbench sign-in attempts",
    STREAMLIT_SECRETS_FILE: "the sign-in provider's secrets",
}
# Beside the database file, named after it: DuckDB's write-ahead log and its spill folder.
DATABASE_SUFFIXES = {"": "the database", ".wal": "the database's write-ahead log"}
SPILL_SUFFIX = ".tmp"


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    """The database file: the explicit path, else $TQRS_DB, else tqrs.duckdb in data/ (a
    checkout) or in the per-user data folder (an installed wheel)."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("TQRS_DB")
    if env:
        return Path(env).expanduser()
    return _default_db()


def _default_db() -> Path:
    return (user_data_dir() if INSTALLED else PROJECT_ROOT / "data") / "tqrs.duckdb"


def reports_dir() -> Path:
    """Where reports are kept: $TQRS_REPORTS_DIR, else reports/ in the checkout or in the
    per-user data folder."""
    env = os.environ.get("TQRS_REPORTS_DIR")
    if env:
        return Path(env).expanduser()
    return (user_data_dir() if INSTALLED else PROJECT_ROOT) / "reports"


def kept_reports_dir(explicit_db: str | os.PathLike | None = None) -> Path:
    """Where the copies of a database's reports are kept: the reports folder itself for its own
    database (with $TQRS_REPORTS_DIR set, $TQRS_DB's; else the default database), and for any
    other database a folder of its own inside it, `<database stem>-<8 hex of its path>`, so two
    databases (whose sessions and runs are both numbered from 1) never write over each other's
    kept reports."""
    folder = reports_dir()
    own = db_path() if os.environ.get("TQRS_REPORTS_DIR") else _default_db()
    db = db_path(explicit_db)
    if db.resolve() == own.resolve():
        return folder
    digest = hashlib.sha256(str(db.resolve()).encode()).hexdigest()[:8]
    return folder / f"{db.stem}-{digest}"


def state_dir(explicit_db: str | os.PathLike | None = None) -> Path:
    """The folder holding the database and the files that go with it."""
    return db_path(explicit_db).resolve().parent


def owned_files(explicit_db: str | os.PathLike | None = None) -> dict[Path, str]:
    """Every file the store and the settings keep for a database, with what it is: the
    database, its write-ahead log and the state files. DuckDB's spill folder
    (`<database>.tmp`) and the state files' temporary copies (`write_json`: `.<name>.*.tmp`,
    unique names) are not listed: see `state_file_role`."""
    db = db_path(explicit_db)
    folder = db.parent
    files = {db.with_name(db.name + suffix): role for suffix, role in DATABASE_SUFFIXES.items()}
    for name, role in STATE_FILES.items():
        files[folder / name] = role
    return files


def state_file_role(path: str | os.PathLike, explicit_db: str | os.PathLike | None = None):
    """What `path` is when the store owns it, else None: one of `owned_files` or a file in the
    database's spill folder, for the database in use (`explicit_db`) and for $TQRS_DB's (or
    the default). Symbolic links are followed and hard links recognised."""
    target = Path(path).expanduser().resolve()
    for db in dict.fromkeys((db_path(explicit_db), db_path())):
        spill = db.with_name(db.name + SPILL_SUFFIX).resolve()
        if target == spill or spill in target.parents:
            return "the database's spill folder"
        for owned, role in owned_files(db).items():
            if target == owned.resolve() or _same_file(target, owned):
                return f"{role} of {db}" if role != "the database" else f"the database {db}"
        if target.parent == db.parent.resolve():
            for name, role in STATE_FILES.items():
                if fnmatch.fnmatchcase(target.name, f".{name}.*.tmp"):
                    return f"a temporary copy of {role} of {db}"
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # either does not exist
        return False


def _shared(folder: Path) -> bool:
    """Whether others may create files in `folder` (writable by its group or by anyone, as
    /tmp is): a state file found there may have been planted by another user."""
    try:
        return bool(os.stat(folder).st_mode & (stat.S_IWGRP | stat.S_IWOTH))
    except OSError:
        return False


def _foreign(path: Path, st: os.stat_result) -> ConfigError:
    what = (
        "a symbolic link"
        if stat.S_ISLNK(st.st_mode)
        else f"owned by another user (uid {st.st_uid})"
    )
    return ConfigError(
        f"{path}: {what} in a folder others can write to; TQRS keeps its settings and "
        "secrets beside the database and uses only its own files there. Set TQRS_DB to a "
        "database in a private folder (mode 0700)"
    )


def check_own(path: Path) -> None:
    """In a folder others can write to, an existing state file must be a regular file of this
    user's, not a symbolic link or another user's file: it could have been planted there, to
    be read (an LLM endpoint of the planter's) or written through."""
    if not _shared(path.parent):
        return
    try:
        st = os.lstat(path)
    except OSError:
        return
    if stat.S_ISLNK(st.st_mode) or st.st_uid != os.geteuid():
        raise _foreign(path, st)


def read_json(path: Path) -> dict:
    """A state file's JSON object; {} when the file does not exist. In a folder others can
    write to, the file is opened without following a symbolic link and must be this user's
    (`check_own`)."""
    shared = _shared(path.parent)
    flags = os.O_RDONLY | (os.O_NOFOLLOW if shared else 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return {}
    except OSError as e:
        if shared and os.path.islink(path):
            raise _foreign(path, os.lstat(path)) from None
        raise ConfigError(f"{path}: cannot read ({type(e).__name__})") from None
    try:
        with os.fdopen(fd, encoding="utf-8") as f:
            st = os.fstat(f.fileno())
            if shared and st.st_uid != os.geteuid():
                raise _foreign(path, st)
            data = json.loads(f.read())
    except (OSError, ValueError) as e:
        raise ConfigError(f"{path}: cannot read ({type(e).__name__})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a JSON object")
    return data


def write_json(path: Path, data: dict, private: bool) -> None:
    """Replace a state file with `data` as JSON, atomically (`write_text`)."""
    write_text(path, json.dumps(data, indent=2), private)


def write_text(path: Path, text: str, private: bool) -> None:
    """Replace a state file atomically; private files are mode 0600.

    The text goes to a new file in the same folder, created exclusively under a unique name
    and never through a symlink (tempfile.mkstemp: O_EXCL, O_NOFOLLOW, mode 0600), then
    replaces the state file in one rename. On any failure (a full disk) the state file is as
    it was, the temporary file is removed and a ConfigError names the file. In a folder others
    can write to, a state file there that is a symbolic link or another user's is refused
    (`check_own`), not replaced."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        check_own(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise ConfigError(f"{path}: cannot write ({e.strerror or e})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            if not private:
                os.fchmod(f.fileno(), 0o644)
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        with suppress(OSError):
            os.unlink(tmp)
        raise ConfigError(f"{path}: cannot write ({e.strerror or e})") from None


def update_section(path: Path, section: str, values: dict, private: bool) -> None:
    """Set `values` in one section of a state file (None or "" removes a value), keeping the
    rest of the file, and write it with `write_json`."""
    data = read_json(path)
    merged = dict(data.get(section, {}))
    for k, v in values.items():
        if v is None or v == "":
            merged.pop(k, None)
        else:
            merged[k] = v
    data[section] = merged
    write_json(path, data, private=private)
