"""The router and pages with sign-in configured (Streamlit's [auth] secrets; st.user as AppTest
simulates it): nothing before sign-in, an identity on no list refused, roles from the lists
(a manager assigns, an analyst does not; an admin opens Settings without the password), and
the signed-in e-mail address recorded with an override."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import MAIN, SCRIPT_TIMEOUT, scored_run, shown, texts
from tqrs import auth, people

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


def _app(user: dict, page: str | None = None) -> AppTest:
    at = AppTest.from_file(MAIN, default_timeout=SCRIPT_TIMEOUT)
    at.secrets.update(AUTH)
    at.user = user
    at.run()
    if page:
        at.switch_page(f"../pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def _signed_in(email: str, name: str = "Someone") -> dict:
    return {"is_logged_in": True, "email": email, "name": name}


def test_nothing_before_sign_in(app_store):
    people.save_role_lists(LISTS)
    at = _app({"is_logged_in": False})
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.sidebar.text_input  # no "Your name" to type
    with pytest.raises(ValueError, match=r"Known pages: \['Sign in'\]"):  # no other page
        at.switch_page("../pages/review.py")


def test_an_identity_on_no_list_is_refused(app_store):
    people.save_role_lists(LISTS)
    at = _app(_signed_in("eve@gmail.com"))  # no page but this one is registered
    assert "not on this workbench's lists" in shown(at.warning[0].value)
    assert "eve@gmail.com" in shown(at.warning[0].value)
    assert [b.label for b in at.button] == ["Sign out"]


def test_roles_decide_what_a_page_offers(app_store, monkeypatch):
    monkeypatch.setenv(auth.ENV, "admin-password-here")
    people.save_role_lists(LISTS)
    scored_run(app_store)
    manager = _app(_signed_in("Lee@ACME.org", "Lee Lead"), "queue")
    assert "Assign tickets to analysts (managers)" in [e.label for e in manager.expander]
    assert "lee@acme.org · manager" in shown(texts(manager))
    analyst = _app(_signed_in("ann@acme.org", "Ann"), "queue")
    assert "Assign tickets to analysts (managers)" not in [e.label for e in analyst.expander]
    settings = _app(_signed_in("ann@acme.org", "Ann"), "settings")
    assert "Save settings" not in [b.label for b in settings.button]  # the password form
    admin = _app(_signed_in("root@acme.org", "Root"), "settings")
    assert "Save settings" in [b.label for b in admin.button]


def test_an_override_records_the_signed_in_address(app_store):
    people.save_role_lists(LISTS)
    _, run = scored_run(app_store)
    at = _app(_signed_in("Ann@Acme.org", "Ann"), "review")
    ticket = at.session_state["review_page_ids"][0]
    at.selectbox(key="review_open").set_value(ticket).run()
    at.selectbox(key=f"review_option_{ticket}_short_description").set_value("0")
    at.text_input(key=f"review_note_{ticket}_short_description").input("not 4 parts")
    [b for b in at.button if b.label == "Save override"][0].click().run()
    at.button(key=f"review_mark_{ticket}").click().run()
    assert not at.exception, at.exception
    assert app_store.query("SELECT reviewer FROM criterion_overrides") == [("ann@acme.org",)]
    assert app_store.query("SELECT reviewer FROM ticket_reviews") == [("ann@acme.org",)]
