"""ServiceNow in the workbench (AppTest): "Import from ServiceNow" on the Upload page pulls in
the background with a progress bar and shows the same ingest report as an upload; credentials
are the admin's, on the Settings page, and the page shows whether they are set, never their
values; the Review page says when results were made on an earlier version of a ticket."""

import json
import stat
from datetime import datetime

import pytest

from tests.app.conftest import open_app, texts, until
from tests.servicenow.conftest import BASIC, PASSWORD, USER
from tqrs import auth
from tqrs.evaluate import evaluate_offline
from tqrs.servicenow.credentials import resolve_credentials, secrets_path
from tqrs.servicenow.jobs import active_pulls
from tqrs.servicenow.pull import pull
from tqrs.store.pulls import earlier_versions
from tqrs.testing.fake_servicenow import FakeServiceNow

ADMIN = "correct horse battery"


@pytest.fixture
def sn():
    with FakeServiceNow(60, users={USER: PASSWORD}) as fake:
        yield fake


def _page(at) -> str:
    """The page's text and every widget's protobuf (values, placeholders, help)."""
    widgets = [*at.text_input, *at.selectbox, *at.button, *at.checkbox]
    return texts(at) + "".join(str(w.proto) for w in widgets)


def _import(at, sn, query=None):
    at.text_input(key="upload_sn_instance").input(sn.url)
    if query is not None:
        at.selectbox(key="upload_sn_preset").set_value("Custom query").run()
        at.text_input(key="upload_sn_query").input(query)
    at.button(key="upload_sn_import").click().run()
    assert not at.exception, at.exception
    until(lambda: not active_pulls(), "the pull is still going")
    at.run()
    assert not at.exception, at.exception
    return at


def test_import_from_servicenow_with_a_preset(app_store, sn, monkeypatch):
    monkeypatch.setenv("TQRS_SERVICENOW_USER", USER)
    monkeypatch.setenv("TQRS_SERVICENOW_PASSWORD", PASSWORD)
    sn.now = datetime(2025, 6, 9, 12, 0, 0)  # "closed in the last 7 days": from June 2 on
    at = open_app("upload")
    assert "Signs in with the credentials from TQRS_SERVICENOW_USER" in texts(at)
    assert at.selectbox(key="upload_sn_preset").value == "Closed in the last 7 days"
    assert at.text_input(key="upload_sn_query").value == "closed_at>=javascript:gs.daysAgoStart(7)"
    _import(at, sn)
    closed = sum(r["closed_at"][0] >= "2025-06-02 00:00:00" for r in sn.incidents)
    assert 0 < closed < 60
    page = texts(at)
    assert f"pulled {closed} incidents" in page
    assert f"{closed:,} tickets" in at.success[0].value
    (bar,) = at.get("progress")
    assert bar.proto.value == 100 and f"{closed:,}/{closed:,} incidents" in bar.proto.text
    report = at.dataframe[0].value  # the ingest report, as an upload's
    assert report["format"].tolist() == ["servicenow"] and report["imported"].tolist() == [closed]
    assert app_store.query("SELECT ticket_count FROM sessions")[0][0] == closed
    assert f"First {min(closed, 50)} of {closed:,} tickets" in page  # the preview follows

    sn.advance(3600)
    one = next(r for r in sn.incidents if r["closed_at"][0] >= "2025-06-02 00:00:00")
    sn.update(one["sys_id"][0], close_notes="Changed on the instance.")
    _import(at, sn)
    assert "1 ticket changed on the instance since the last pull" in texts(at)


def test_a_bad_address_says_so_at_once(app_store, sn, monkeypatch):
    monkeypatch.setenv("TQRS_SERVICENOW_USER", USER)
    monkeypatch.setenv("TQRS_SERVICENOW_PASSWORD", PASSWORD)
    at = open_app("upload")
    at.text_input(key="upload_sn_instance").input("http://dev1.example.com")
    at.button(key="upload_sn_import").click().run()
    assert "plain http would send the credentials in clear" in at.error[0].value.replace("\\", "")
    at.text_input(key="upload_sn_instance").input(sn.url)
    at.selectbox(key="upload_sn_preset").set_value("Custom query").run()
    at.text_input(key="upload_sn_query").input("priority=9")
    at.button(key="upload_sn_import").click().run()
    until(lambda: not active_pulls(), "the pull is still going")
    at.run()
    assert "matches no incidents; nothing stored" in at.error[0].value.replace("\\", "")


def test_without_credentials_the_import_waits_for_the_admin(app_store):
    at = open_app("upload")
    assert at.button(key="upload_sn_import").disabled
    assert "No ServiceNow credentials yet: an admin saves them on the Settings page" in texts(at)


def test_the_admin_saves_credentials_the_page_never_shows_them(app_store, sn, monkeypatch):
    monkeypatch.setenv(auth.ENV, ADMIN)
    at = open_app("settings")
    at.text_input(key="settings_password").input(ADMIN)
    at.button[0].click().run()
    fields = {t.label: t for t in at.text_input}
    fields["Default instance (the Upload page's)"].input(sn.url)
    fields["User (basic auth, or OAuth's password grant)"].input(USER)
    fields["Password"].input(PASSWORD)
    [b for b in at.button if b.label == "Save ServiceNow settings"][0].click().run()
    assert not at.exception, at.exception
    saved = json.loads(secrets_path().read_text())["servicenow"]
    assert saved == {"user": USER, "password": PASSWORD}
    assert stat.S_IMODE(secrets_path().stat().st_mode) == 0o600
    creds = resolve_credentials()
    assert creds.source == "saved" and creds.password.reveal() == PASSWORD
    at.run()
    assert PASSWORD not in _page(at) and f"****{PASSWORD[-4:]}" in _page(at)
    at.button(key="settings_sn_test").click().run()
    assert "60 incidents readable, with the credentials saved on the Settings page" in (
        at.success[-1].value.replace("\\", "")
    )
    tables = app_store.query("SELECT table_name FROM duckdb_tables()")
    for (table,) in tables:
        dump = str(app_store.query(f"SELECT * FROM {table}"))
        assert PASSWORD not in dump, table

    upload = open_app("upload")  # an analyst: whether they are set, not what they are
    assert "Signs in with the credentials saved on the Settings page (basic auth)" in texts(upload)
    assert upload.text_input(key="upload_sn_instance").value == sn.url
    assert PASSWORD not in _page(upload) and USER not in _page(upload)


def test_review_page_says_the_results_were_made_on_an_earlier_version(sn, app_store):
    sid = pull(app_store, sn.url, "", credentials=BASIC).report.session_id
    run = evaluate_offline(app_store, sid, "incident_logging")
    target = sn.incidents[7]
    sn.advance(3600)
    sn.update(target["sys_id"][0], description="Now with the steps the agent took.")
    pull(app_store, sn.url, "", credentials=BASIC)

    at = open_app("review")
    assert list(at.dataframe[0].value["Changed since scored"]).count(True) <= 1
    at.text_input(key="review_text").input(target["number"][0]).run()
    assert at.dataframe[0].value["Changed since scored"].tolist() == [True]
    (ticket_id,) = at.session_state["review_page_ids"]
    at.selectbox(key="review_open").set_value(ticket_id).run()
    assert not at.exception, at.exception
    page = texts(at)
    assert "Scored on version 1 of this ticket: it changed on the instance since" in page
    assert "the session now holds version 2" in page
    assert earlier_versions(app_store, run)[ticket_id].made_on == 1
    other = sn.incidents[8]["number"][0]
    at.text_input(key="review_text").input(other).run()
    at.selectbox(key="review_open").set_value(at.session_state["review_page_ids"][0]).run()
    assert "Scored on version" not in texts(at)


def test_a_stopped_pull_is_listed_and_the_same_import_finishes_it(app_store, sn, monkeypatch):
    import threading

    monkeypatch.setenv("TQRS_SERVICENOW_USER", USER)
    monkeypatch.setenv("TQRS_SERVICENOW_PASSWORD", PASSWORD)
    stop = threading.Event()
    stop.set()  # stopped once its first page is stored
    pull(app_store, sn.url, "active=false", page_size=10, cancel=stop,
         on_progress=lambda p: None)  # fmt: skip
    at = open_app("upload")
    assert "Stopped before its end" not in texts(at)  # stopped before any page: nothing kept
    first = threading.Event()
    pull(app_store, sn.url, "active=false", page_size=10, cancel=first,
         on_progress=lambda p: first.set())  # fmt: skip
    at = open_app("upload")
    assert f"Stopped before its end: {sn.url} · active=false (10 incidents stored)" in texts(at)
    _import(at, sn, "active=false")
    assert "resumed the pass that stopped after 10 incidents (1 pages kept)" in texts(at)
    assert "Stopped before its end" not in texts(at)


def test_with_credentials_in_the_environment_the_form_keeps_the_saved_ones(app_store, monkeypatch):
    from tqrs.servicenow.credentials import save_credentials

    save_credentials({"user": "saved.user", "password": "saved-password-1234"})
    monkeypatch.setenv("TQRS_SERVICENOW_USER", USER)
    monkeypatch.setenv("TQRS_SERVICENOW_PASSWORD", PASSWORD)
    monkeypatch.setenv(auth.ENV, ADMIN)
    at = open_app("settings")
    at.text_input(key="settings_password").input(ADMIN)
    at.button[0].click().run()
    page = _page(at)
    assert "In use: the credentials from TQRS_SERVICENOW_USER, TQRS_SERVICENOW_PASSWORD" in page
    assert "****1234" in page and "saved-password-1234" not in page and PASSWORD not in page
    [b for b in at.button if b.label == "Save ServiceNow settings"][0].click().run()
    kept = json.loads(secrets_path().read_text())["servicenow"]
    assert kept == {"user": "saved.user", "password": "saved-password-1234"}
