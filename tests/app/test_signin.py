"""The router and pages with sign-in configured (Streamlit's [auth] secrets; st.user as AppTest
simulates it): nothing before sign-in, an identity on no list refused, roles from the lists
(a manager assigns, an analyst does not; an admin opens Settings without the password), and
the signed-in e-mail address recorded with an override."""

import pytest

from tests.app.conftest import LISTS, open_signed_in, scored_run, shown, signed_in, texts
from tqrs import auth, people


def test_nothing_before_sign_in(app_store):
    people.save_role_lists(LISTS)
    at = open_signed_in({"is_logged_in": False})
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.sidebar.text_input  # no "Your name" to type
    with pytest.raises(ValueError, match=r"Known pages: \['Sign in'\]"):  # no other page
        at.switch_page("../pages/review.py")


def test_an_identity_on_no_list_is_refused(app_store):
    people.save_role_lists(LISTS)
    at = open_signed_in(signed_in("eve@gmail.com"))  # no page but this one is registered
    assert "not on this workbench's lists" in shown(at.warning[0].value)
    assert "eve@gmail.com" in shown(at.warning[0].value)
    assert [b.label for b in at.button] == ["Sign out"]


def test_roles_decide_what_a_page_offers(app_store, monkeypatch):
    monkeypatch.setenv(auth.ENV, "admin-password-here")
    people.save_role_lists(LISTS)
    scored_run(app_store)
    manager = open_signed_in(signed_in("Lee@ACME.org", "Lee Lead"), "queue")
    assert "Assign tickets to analysts (managers)" in [e.label for e in manager.expander]
    assert "lee@acme.org · manager" in shown(texts(manager))
    analyst = open_signed_in(signed_in("ann@acme.org", "Ann"), "queue")
    assert "Assign tickets to analysts (managers)" not in [e.label for e in analyst.expander]
    for email in ("ann@acme.org", "lee@acme.org"):  # no Settings page for them at all
        with pytest.raises(ValueError, match="Known pages"):
            open_signed_in(signed_in(email), "settings")
    admin = open_signed_in(signed_in("root@acme.org", "Root"), "settings")
    assert "Save settings" in [b.label for b in admin.button]


def test_an_override_records_the_signed_in_address(app_store):
    people.save_role_lists(LISTS)
    _, run = scored_run(app_store)
    at = open_signed_in(signed_in("Ann@Acme.org", "Ann"), "review")
    ticket = at.session_state["review_page_ids"][0]
    at.selectbox(key="review_open").set_value(ticket).run()
    at.selectbox(key=f"review_option_{ticket}_short_description").set_value("0")
    at.text_input(key=f"review_note_{ticket}_short_description").input("not 4 parts")
    [b for b in at.button if b.label == "Save override"][0].click().run()
    at.button(key=f"review_mark_{ticket}").click().run()
    assert not at.exception, at.exception
    assert app_store.query("SELECT reviewer FROM criterion_overrides") == [("ann@acme.org",)]
    assert app_store.query("SELECT reviewer FROM ticket_reviews") == [("ann@acme.org",)]
