"""Plain words for signed-in analysts (Streamlit's [auth] secrets; st.user as AppTest simulates
it): how the workbench is configured (environment variables, where credentials come from) is
shown to admins only; an analyst is told in plain words what is ready and whom to ask."""

import re

from tests.app.conftest import LISTS, open_signed_in, signed_in, texts, until
from tests.servicenow.conftest import PASSWORD, USER
from tqrs import people
from tqrs.servicenow.jobs import active_pulls
from tqrs.testing.fake_servicenow import FakeServiceNow

VARIABLE = re.compile(r"\b(?:OPENAI|TQRS|BATCH|LOG)_[A-Z_]+\b")


def _upload(email: str):
    at = open_signed_in(signed_in(email), "upload")
    return at, texts(at) + "".join(str(w.proto) for w in [*at.text_input, *at.button])


def test_the_servicenow_import_names_no_variable_to_an_analyst(app_store, monkeypatch):
    people.save_role_lists(LISTS)
    _, analyst = _upload("ann@acme.org")
    assert not VARIABLE.search(analyst), VARIABLE.search(analyst)
    assert "The ServiceNow import is not set up yet: an admin adds" in analyst
    _, admin = _upload("root@acme.org")  # the admin sees where credentials may come from
    assert "TQRS_SERVICENOW_USER and TQRS_SERVICENOW_PASSWORD" in admin

    monkeypatch.setenv("TQRS_SERVICENOW_USER", USER)
    monkeypatch.setenv("TQRS_SERVICENOW_PASSWORD", PASSWORD)
    _, analyst = _upload("ann@acme.org")
    assert not VARIABLE.search(analyst), VARIABLE.search(analyst)
    assert "Signs in to ServiceNow with the credentials an admin set up (basic auth)" in analyst
    _, admin = _upload("root@acme.org")
    assert "Signs in with the credentials from TQRS_SERVICENOW_USER" in admin


def test_a_refused_pull_tells_the_analyst_whom_to_ask(app_store, monkeypatch):
    people.save_role_lists(LISTS)
    monkeypatch.setenv("TQRS_SERVICENOW_USER", USER)
    monkeypatch.setenv("TQRS_SERVICENOW_PASSWORD", "not-the-password")
    with FakeServiceNow(5, users={USER: PASSWORD}) as sn:
        at, _ = _upload("ann@acme.org")
        at.text_input(key="upload_sn_instance").input(sn.url)
        at.button(key="upload_sn_import").click().run()
        until(lambda: not active_pulls(), "the pull is still going")
        at.run()
    assert not at.exception, at.exception
    (shown,) = at.error
    assert "401" not in shown.value and not VARIABLE.search(shown.value)
    assert "administrator" in shown.value
    details = [e for e in at.expander if e.label == "Details for the administrator"]
    assert details and "TQRS_SERVICENOW_USER" in details[0].code[0].value


def _offers_settings(at) -> bool:
    """Whether the navigation holds the Settings page (switching to one it does not hold
    fails with the pages it knows)."""
    try:
        at.switch_page("../pages/settings.py")
    except ValueError as e:
        assert "Known pages" in str(e)
        return False
    return True


def test_settings_is_offered_to_admins_only(app_store):
    people.save_role_lists(LISTS)
    for email, offered in (
        ("ann@acme.org", False),
        ("lee@acme.org", False),
        ("root@acme.org", True),
    ):
        at = open_signed_in(signed_in(email))
        assert _offers_settings(at) is offered, email


def test_without_a_listed_admin_the_password_opens_settings_in_plain_words(app_store):
    people.save_role_lists({**LISTS, "admin": []})  # the admin password is the way in
    at = open_signed_in(signed_in("ann@acme.org"), "settings")
    assert "Admin password" in [t.label for t in at.text_input]
    page = texts(at)
    assert "printed on the server console" in page
    assert not VARIABLE.search(page), VARIABLE.search(page)
