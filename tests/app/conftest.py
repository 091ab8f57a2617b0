"""AppTest fixtures: the workbench against this test's database."""

import html
import re
import time
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
MAIN = str(ROOT / "app" / "main.py")
SAMPLE = ROOT / "data" / "samples" / "incidents.json"
# Bounds on a hang, not speed requirements: a busy machine may take long, never forever.
SCRIPT_TIMEOUT = 300  # one run of a page script (AppTest)
JOB_TIMEOUT = 300  # a background run


@pytest.fixture
def app_store(isolated_state, monkeypatch):
    """The app's own Store (the cached resource), so tests and pages share one connection;
    the fake embedder (similar tickets, near-duplicates) instead of the model."""
    from app.resources import get_store

    monkeypatch.setenv("TQRS_EMBEDDER", "fake")
    return get_store()


def cells_shown(table) -> dict[str, list[str]]:
    """A styled table's cells as the page shows them (the Styler's display values)."""
    display = table.proto.arrow_data.styler.display_values
    frame = pa.ipc.open_stream(display).read_all().to_pandas()
    return {c: [str(v) for v in frame[c]] for c in frame.columns}


def open_app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(MAIN, default_timeout=SCRIPT_TIMEOUT)
    at.run()
    if page:
        at.switch_page(f"../pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


# Sign-in configured as the Settings page writes it (Streamlit's [auth] secrets), and role lists:
# one admin, one manager, every other address of acme.org an analyst.
AUTH = {
    "auth": {
        "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
        "client_id": "tqrs",
        "client_secret": "x",
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "y" * 32,
    }
}
LISTS = {"admin": ["root@acme.org"], "manager": ["lee@acme.org"], "analyst": ["@acme.org"]}


def signed_in(email: str, name: str = "Someone") -> dict:
    """st.user of a person the provider signed in."""
    return {"is_logged_in": True, "email": email, "name": name}


def open_signed_in(user: dict, page: str | None = None) -> AppTest:
    """The workbench with sign-in configured (AUTH), as `user` (st.user) sees `page`."""
    at = AppTest.from_file(MAIN, default_timeout=SCRIPT_TIMEOUT)
    at.secrets.update(AUTH)
    at.user = user
    at.run()
    if page:
        at.switch_page(f"../pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def scored_run(store, rubric: str = "incident_logging") -> tuple[int, int]:
    """The sample export ingested and scored offline: (session id, run id)."""
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    report = ingest_files(store, [SAMPLE], "Sample incidents")
    return report.session_id, evaluate_offline(store, report.session_id, rubric)


def until(condition, what: str, bound: float = JOB_TIMEOUT) -> None:
    """Wait for a condition; the bound only catches a hang."""
    end = time.monotonic() + bound
    while not condition():
        assert time.monotonic() < end, f"{what}: not after {bound} s"
        time.sleep(0.02)


def wait_for_jobs() -> None:
    from tqrs import jobs

    until(lambda: not jobs.JOBS.active(), "run still going")


def shown(markdown: str) -> str:
    """What a Markdown string shows as text where the page escaped untrusted text
    (app.untrusted.md): CommonMark shows a backslash-escaped ASCII punctuation character as
    itself, and the word joiners that break autolinks are invisible."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")


def texts(at: AppTest) -> str:
    """Everything the page shows as text, for assertions."""
    parts = []
    for kind in (
        "title",
        "subheader",
        "markdown",
        "caption",
        "success",
        "error",
        "info",
        "warning",
        "metric",
        "text",
    ):
        for el in getattr(at, kind):
            parts.append(shown(str(getattr(el, "value", ""))))
            parts.append(shown(str(getattr(el, "label", ""))))
    parts += [shown(el.proto.text) for el in at.get("progress")]
    # st.html blocks (app.untrusted.show and quote, the ticket): their text
    parts += [html.unescape(re.sub(r"<[^>]+>", "", el.proto.body)) for el in at.get("html")]
    return "\n".join(parts)
