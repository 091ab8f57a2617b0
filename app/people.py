"""Who is at the keyboard, for the pages: the signed-in identity and its role when sign-in is
configured (Streamlit's st.login against the organisation's OpenID Connect provider, see
tqrs.people), else the single user of this install, who holds every role and is named by
what they type in the sidebar."""

import os

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from app.untrusted import md
from tqrs import people
from tqrs.people import Person


def sign_in_enabled() -> bool:
    """Whether people sign in through a provider: Streamlit's secrets carry an [auth] block,
    or the Settings page saved one (then, should Streamlit not have read it, nobody gets in:
    `sign_in_unread`)."""
    return _streamlit_has_auth() or people.secrets_file().exists()


def sign_in_unread() -> bool:
    """The Settings page saved a provider that Streamlit did not read (saved after the start,
    or a workbench started without `tqrs serve`'s --secrets.files, or a file that does not
    parse): sign-in fails closed until a restart."""
    return people.secrets_file().exists() and not _streamlit_has_auth()


def _streamlit_has_auth() -> bool:
    try:
        return "auth" in st.secrets
    except StreamlitSecretNotFoundError:  # no secrets file at all, or one that does not parse
        return False


def current_person() -> Person | None:
    """The signed-in person with their role (None: signed in but on no list), or the single
    user (every role, named in the sidebar)."""
    if sign_in_enabled():
        if not st.user.is_logged_in:
            return None
        email = str(st.user.get("email") or "")
        role = people.role_for(email, people.role_lists())
        if role is None:
            return None
        return Person(email.lower(), str(st.user.get("name") or email), role, True)
    st.session_state.setdefault(
        "analyst", os.environ.get("USER") or os.environ.get("USERNAME") or "analyst"
    )
    return Person(st.session_state["analyst"], st.session_state["analyst"], "admin", False)


def person() -> Person:
    """current_person() for a page the router let through (someone is signed in)."""
    who = current_person()
    if who is None:  # the router shows no page to nobody; a page reached otherwise stops
        st.stop()
    return who


def settings_offered(who: Person | None) -> bool:
    """Whether the Settings page is in this person's navigation: an admin's; in a single-user
    install, the one user's (the admin password guards it); for a signed-in analyst or
    manager only while no admin is listed, when the admin password is the way in (an install
    whose admin is not on the lists)."""
    if who is None or not who.signed_in or who.may("admin"):
        return True
    return not people.role_lists()["admin"]


def render_admins_only() -> None:
    """What a signed-in analyst or manager sees at the Settings URL: who may open it."""
    st.title("Settings")
    st.info(
        "Settings (LLM credentials, ServiceNow, sign-in) are for admins. Ask an admin of this "
        "workbench to change them.",
        icon=":material/lock:",
    )


def render_sign_in() -> None:
    """The page shown to everyone not signed in when sign-in is configured."""
    st.title("Ticket Quality Review")
    st.caption("Sign in with your organisation's account to continue.")
    st.button("Sign in", type="primary", icon=":material/login:", on_click=st.login)


def render_unread() -> None:
    """The page for everyone while a saved provider is not in effect."""
    st.title("Ticket Quality Review")
    st.error(
        f"Sign-in is configured ({md(people.secrets_file())}) but this workbench did not read "
        "it: it was saved after the workbench started, or the workbench was started without "
        "it. Restart the workbench with `tqrs serve` (or `streamlit run app/main.py "
        "--secrets.files` that file). Until then nobody can sign in.",
        icon=":material/lock:",
    )


def render_not_allowed() -> None:
    """The page for an identity the provider signed in but no list names."""
    st.title("Ticket Quality Review")
    email = str(st.user.get("email") or "(no e-mail address)")
    st.warning(
        f"You are signed in as {md(email)}, which is not on this workbench's lists of "
        "analysts, managers and admins. Ask your admin to add you (Settings → Sign-in).",
        icon=":material/block:",
    )
    st.button("Sign out", icon=":material/logout:", on_click=st.logout, key="people_out_refused")


def render_account() -> None:
    """The sidebar: who is signed in and their role, with Sign out; or, in a single-user
    install, the name recorded with overrides and reviews."""
    who = current_person()
    if who is not None and who.signed_in:
        st.sidebar.markdown(f"**{md(who.name)}**")
        st.sidebar.caption(f"{md(who.id)} · {who.role}")
        st.sidebar.button(
            "Sign out", icon=":material/logout:", on_click=st.logout, key="people_out"
        )
    else:
        st.sidebar.text_input(
            "Your name", key="analyst", help="Recorded with your overrides and reviewed marks."
        )
