"""The workbench password, asked by the router before any page runs when the workbench listens
beyond this machine (tqrs.auth.gate_required): until this browser session has unlocked it,
every URL shows the sign-in form and nothing else. The unlock lasts for the browser session
(a new tab signs in again); "Sign out" in the sidebar ends it."""

import streamlit as st

from app.widgets import render_password_form
from tqrs.auth import WORKBENCH_ENV, gate_required, unlock_workbench

UNLOCKED = "workbench_unlocked"


def gated() -> bool:
    """Whether this server asks for the workbench password."""
    return gate_required(st.get_option("server.address"))


def unlocked() -> bool:
    """True when no password is needed or this browser session has given it."""
    return not gated() or st.session_state.get(UNLOCKED, False)


def render_sign_in() -> None:
    st.title("Ticket Quality Review")
    st.caption("This workbench is shared over the network: sign in to continue.")
    render_password_form(
        "workbench_sign_in", "Workbench password", "workbench_password", "Sign in",
        unlock_workbench, UNLOCKED,
    )  # fmt: skip
    st.caption(
        f"The password is {WORKBENCH_ENV} if set; otherwise the one printed on the server "
        "console when the workbench was first opened to the network. Ask your admin."
    )


def render_sign_out() -> None:
    if gated() and st.sidebar.button("Sign out", icon=":material/logout:", key="workbench_out"):
        st.session_state[UNLOCKED] = False
        st.rerun()
