"""Where state lives. One variable, TQRS_DB, relocates all of it: the settings and secrets
files sit in the same folder as the database file."""

import json
import os
from pathlib import Path

from tqrs.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "tqrs.duckdb"
SAMPLES_DIR = PROJECT_ROOT / "data" / "samples"
REPORTS_DIR = PROJECT_ROOT / "reports"

# The files kept beside the database, by name, with what each holds. Defined here once: the
# modules that own them take their names from here, and nothing else may write over them
# (a report's --out, a kept copy): see `state_file_role`.
SETTINGS_FILE = "settings.json"
SECRETS_FILE = "secrets.json"
ADMIN_FILE = "admin.json"
ADMIN_ATTEMPTS_FILE = "admin-attempts.json"
WORKBENCH_FILE = "workbench.json"
WORKBENCH_ATTEMPTS_FILE = "workbench-attempts.json"
STATE_FILES = {
    SETTINGS_FILE: "the saved settings",
    SECRETS_FILE: "the saved API keys",
    ADMIN_FILE: "the admin password hash",
    ADMIN_ATTEMPTS_FILE: "the admin sign-in attempts",
    WORKBENCH_FILE: "the workbench password hash",
    WORKBENCH_ATTEMPTS_FILE: "the workbench sign-in attempts",
}
# Beside the database file, named after it: DuckDB's write-ahead log and its spill folder.
DATABASE_SUFFIXES = {"": "the database", ".wal": "the database's write-ahead log"}
SPILL_SUFFIX = ".tmp"


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    """The database file: the explicit path, else $TQRS_DB, else data/tqrs.duckdb."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("TQRS_DB")
    if env:
        return Path(env).expanduser()
    return DEFAULT_DB


def reports_dir() -> Path:
    """Where reports are kept: $TQRS_REPORTS_DIR, else reports/ in the project."""
    env = os.environ.get("TQRS_REPORTS_DIR")
    return Path(env).expanduser() if env else REPORTS_DIR


def state_dir(explicit_db: str | os.PathLike | None = None) -> Path:
    """The folder holding the database and the files that go with it."""
    return db_path(explicit_db).resolve().parent


def owned_files(explicit_db: str | os.PathLike | None = None) -> dict[Path, str]:
    """Every file the store and the settings keep for a database, with what it is: the
    database, its write-ahead log, the state files and their temporary copies (`write_json`).
    DuckDB's spill folder (`<database>.tmp`) is not listed: see `state_file_role`."""
    db = db_path(explicit_db)
    folder = db.parent
    files = {db.with_name(db.name + suffix): role for suffix, role in DATABASE_SUFFIXES.items()}
    for name, role in STATE_FILES.items():
        files[folder / name] = role
        files[(folder / name).with_suffix(".tmp")] = f"a temporary copy of {role}"
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
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # either does not exist
        return False


def read_json(path: Path) -> dict:
    """A state file's JSON object; {} when the file does not exist."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ConfigError(f"{path}: cannot read ({type(e).__name__})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a JSON object")
    return data


def write_json(path: Path, data: dict, private: bool) -> None:
    """Replace a state file atomically; private files are mode 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
    if private:
        os.chmod(tmp, 0o600)
    os.replace(tmp, path)
