"""Fixtures of the knowledge tests: every test's state in its own temp dir, a fake embedder
for speed, and the real packaged MiniLM loaded once per test session."""

import json
from pathlib import Path

import pytest

from tqrs.embeddings import FakeEmbedder, SentenceTransformerEmbedder, packaged_model_path
from tqrs.ingest import ingest_files
from tqrs.store import Store

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "knowledge"

# (number, short description, description, close notes, category, subcategory)
TICKETS = [
    (
        "INC0010001",
        "Password reset for locked account",
        "User locked out of Windows after too many attempts and forgot the password.",
        "Caller validated by employee ID and SMS code. Password reset, user signed in.",
        "Access",
        "Password Reset",
    ),
    (
        "INC0010002",
        "Forgot password, account locked",
        "Caller cannot sign in to Windows, account locked out, needs a password reset.",
        "Validated caller with employee ID and manager call-back. Reset password.",
        "Access",
        "Password Reset",
    ),
    (
        "INC0010003",
        "Account locked out - password reset needed",
        "Locked out of the laptop after the password expired; asks for a reset.",
        "Caller validated with SMS code. Temporary password given, user changed it.",
        "Access",
        "Password Reset",
    ),
    (
        "INC0010004",
        "Reset my password please",
        "I forgot my password and my account is locked, please reset it.",
        "Password reset after validation, user signed in fine.",
        "Hardware",
        "Laptop",
    ),
    (
        "INC0010005",
        "VPN disconnects every few minutes at home",
        "GlobalProtect VPN drops the connection on home Wi-Fi, very slow.",
        "Set the Wi-Fi adapter to maximum performance, VPN stable now.",
        "Network",
        "VPN",
    ),
    (
        "INC0010006",
        "Printer jammed on floor 3",
        "The MFP PRN-OSL-0412 shows a paper jam and will not print.",
        "Cleared the jam with the panel guide, test page printed.",
        "Hardware",
        "Printer",
    ),
    (
        "INC0010007",
        "Printer jammed on floor 3",
        "The MFP PRN-OSL-0412 shows a paper jam and will not print.",
        "Cleared the jam with the panel guide, test page printed.",
        "Hardware",
        "Printer",
    ),
]


@pytest.fixture(autouse=True)
def isolated_state(tmp_path, monkeypatch):
    monkeypatch.setenv("TQRS_DB", str(tmp_path / "tqrs.duckdb"))
    monkeypatch.delenv("TQRS_EMBEDDER", raising=False)
    monkeypatch.delenv("TQRS_EMBED_MODEL", raising=False)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "tqrs.duckdb") as s:
        yield s


@pytest.fixture
def fake():
    return FakeEmbedder()


@pytest.fixture(scope="session")
def minilm(tmp_path_factory):
    """The packaged model, extracted into this test session's temp dir and loaded once."""
    mp = pytest.MonkeyPatch()
    mp.setenv("TQRS_MODEL_DIR", str(tmp_path_factory.mktemp("models")))
    embedder = SentenceTransformerEmbedder(packaged_model_path())
    mp.undo()
    return embedder


def write_export(path: Path, tickets=TICKETS) -> Path:
    records = [
        {
            "number": n,
            "short_description": s,
            "description": d,
            "close_notes": c,
            "category": cat,
            "subcategory": sub,
            "state": "Closed",
            # the journal's column is in the export (blank here): the handling criteria that
            # read it are judged, not "not in export"
            "work_notes": "",
        }
        for n, s, d, c, cat, sub in tickets
    ]
    path.write_text(json.dumps({"records": records}))
    return path


@pytest.fixture
def session(store, tmp_path):
    """A session ingested from a small JSON export: its id."""
    return ingest_files(store, [write_export(tmp_path / "incidents.json")]).session_id


def ticket_ids(store, session_id) -> dict[str, int]:
    return dict(store.query("SELECT number, id FROM tickets WHERE session_id = ?", [session_id]))
