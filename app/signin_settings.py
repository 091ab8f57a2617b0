"""The admin's Sign-in section of the Settings page: the organisation's OpenID Connect provider
(written to Streamlit's secrets file, [auth], mode 0600) and who holds which role."""

import streamlit as st

from app.untrusted import error, md
from tqrs import people
from tqrs.errors import TqrsError


def render_settings() -> None:
    st.subheader("Sign-in")
    st.caption(
        "Analysts sign in with the organisation's OpenID Connect provider (Entra ID, Okta, "
        "Google…). Register this workbench with the provider as a web application whose "
        f"redirect URI is the workbench's address followed by {people.CALLBACK}. Without a "
        "provider the workbench is a single-user install (the workbench password guards it "
        "when it is open to the network)."
    )
    try:
        saved = people.describe_provider()
        lists = people.role_lists()
    except TqrsError as e:
        error(e)
        return
    if saved:
        st.caption(
            f"Sign-in is on: {md(saved.get('server_metadata_url', ''))}. Changes take effect "
            "when the workbench restarts."
        )
    with st.form("settings_signin_form"):
        metadata = st.text_input(
            "Provider's issuer or discovery URL",
            saved.get("server_metadata_url", ""),
            key="settings_signin_metadata",
            placeholder="https://login.microsoftonline.com/TENANT/v2.0",
            help="The issuer, as the provider's console shows it, or its discovery URL (the "
            f"issuer followed by {people.DISCOVERY}).",
        )
        c1, c2 = st.columns(2)
        client_id = c1.text_input(
            "Client id", saved.get("client_id", ""), key="settings_signin_client_id"
        )
        client_secret = c2.text_input(
            "Client secret",
            type="password",
            key="settings_signin_client_secret",
            placeholder="saved · leave blank to keep it" if saved.get("client_secret") else "",
        )
        redirect = st.text_input(
            "Redirect URI",
            saved.get("redirect_uri", ""),
            key="settings_signin_redirect",
            placeholder=f"http://localhost:8501{people.CALLBACK}",
        )
        st.markdown("**Roles** (e-mail addresses, or whole domains written @example.com)")
        c3, c4, c5 = st.columns(3)
        texts = {
            role: col.text_area(
                title, "\n".join(lists[role]), height=110, key=f"settings_signin_{role}s"
            )
            for role, col, title in (
                ("analyst", c3, "Analysts"),
                ("manager", c4, "Managers (assign tickets)"),
                ("admin", c5, "Admins (Settings)"),
            )
        }
        off = st.checkbox("Turn sign-in off (single-user install)", key="settings_signin_off")
        submitted = st.form_submit_button("Save sign-in settings", icon=":material/save:")
    if not submitted:
        return
    try:
        people.save_role_lists({role: text.splitlines() for role, text in texts.items()})
        if off:
            people.clear_provider()
        elif metadata.strip() or client_id.strip() or saved:
            people.save_provider(
                {
                    "server_metadata_url": metadata,
                    "client_id": client_id,
                    "client_secret": client_secret,
                    "redirect_uri": redirect,
                }
            )
    except TqrsError as e:
        error(e)
    else:
        st.success(
            "Saved. Restart the workbench for a change of provider to take effect.",
            icon=":material/check_circle:",
        )
