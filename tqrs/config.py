"""Where state lives. One variable, TQRS_DB, relocates all of it: the settings and secrets
files sit in the same folder as the database file."""

import os
from pathlib import Path

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
