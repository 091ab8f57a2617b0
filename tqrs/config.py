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
