"""The workbench password: asked before any page runs when the workbench listens beyond this
machine (or TQRS_WORKBENCH_PASSWORD is set), once per browser session."""

import pytest
from streamlit import config as st_config

from tests.app.conftest import open_app, shown
from tqrs import auth

PASSWORD = "gate-correct-horse"
PAGES = ["home", "upload", "evaluate", "review", "queue", "reports", "agents", "calibration",
         "knowledge", "settings"]  # fmt: skip


@pytest.fixture
def open_to_network(app_store):
    """The server as `tqrs serve --host 0.0.0.0` starts it."""
    before = st_config.get_option("server.address")
    st_config.set_option("server.address", "0.0.0.0")
    yield
    st_config.set_option("server.address", before)


def _locked(at) -> bool:
    """Only the sign-in form: the password field, no page content."""
    asks = any(t.key == "workbench_password" for t in at.text_input)
    return asks and [t.value for t in at.title] == ["Ticket Quality Review"] and not at.metric


def test_no_page_runs_before_the_password(open_to_network, monkeypatch):
    monkeypatch.delenv(auth.WORKBENCH_ENV, raising=False)
    at = open_app()
    assert _locked(at)
    assert auth.hash_file(auth.WORKBENCH).exists()  # generated on first start, hash only
    for page in PAGES:
        with pytest.raises(ValueError, match=r"Known pages: \['Sign in'\]"):
            at.switch_page(f"../pages/{page}.py")


def test_the_password_unlocks_this_browser_session_only(open_to_network, monkeypatch):
    monkeypatch.setenv(auth.WORKBENCH_ENV, PASSWORD)
    at = open_app()
    at.text_input(key="workbench_password").input("wrong")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Wrong password."] and _locked(at)
    at.text_input(key="workbench_password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception and not _locked(at)
    for page in PAGES:
        at.switch_page(f"../pages/{page}.py").run()
        assert not at.exception and not _locked(at)
    assert _locked(open_app())  # another browser session signs in again
    at.button(key="workbench_out").click().run()
    assert _locked(at)


def test_wrong_passwords_lock_the_gate_out(open_to_network, monkeypatch):
    monkeypatch.setenv(auth.WORKBENCH_ENV, PASSWORD)
    at = open_app()
    for _ in range(auth.MAX_FAILURES):
        at.text_input(key="workbench_password").input("wrong")
        at.button[0].click().run()
    assert shown(at.error[0].value).startswith("Too many wrong passwords: try again in")
    at.text_input(key="workbench_password").input(PASSWORD)
    at.button[0].click().run()
    assert at.error[0].value.startswith("Too many wrong passwords") and _locked(at)
    assert not auth.attempts_path(auth.ADMIN).exists()  # the admin's count is its own


def test_on_this_machine_only_there_is_no_gate(app_store, monkeypatch):
    monkeypatch.delenv(auth.WORKBENCH_ENV, raising=False)
    assert st_config.get_option("server.address") == "127.0.0.1"  # .streamlit/config.toml
    at = open_app("review")
    assert [t.value for t in at.title] == ["Review"]
    assert not auth.hash_file(auth.WORKBENCH).exists()


def test_a_set_workbench_password_gates_even_on_loopback(app_store, monkeypatch):
    """Behind a reverse proxy on the same host the server listens on 127.0.0.1."""
    monkeypatch.setenv(auth.WORKBENCH_ENV, PASSWORD)
    assert _locked(open_app())
