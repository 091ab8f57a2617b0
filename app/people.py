"""Who is at the keyboard, for the pages: the signed-in identity and its role when sign-in is
configured (Streamlit's st.login against the organisation's OpenID Connect provider, see
tqrs.people), else the single user of this install, who holds every role and is named by
what they type in the sidebar."""

import os

import streamlit as st

from app.untrusted import md
from tqrs import people
from tqrs.errors import TqrsError
from tqrs.people import Person


def sign_in_enabled() -> bool:
    """Whether Streamlit's secrets carry an [auth] block (the provider to sign in with)."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, TqrsError, KeyError):
        return False
    except Exception as e:  # StreamlitSecretNotFoundError: no secrets file at all
        if type(e).__name__ == "StreamlitSecretNotFoundError":
            return False
        raise


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


def render_sign_in() -> None:
    """The page shown to everyone not signed in when sign-in is configured."""
    st.title("Ticket Quality Review")
    st.caption("Sign in with your organisation's account to continue.")
    st.button("Sign in", type="primary", icon=":material/login:", on_click=st.login)


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
