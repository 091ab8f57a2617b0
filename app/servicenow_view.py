"""ServiceNow in the workbench: "Import from ServiceNow" on the Upload page (a background pull
with its progress, then the same ingest report as an upload) and the admin's ServiceNow
settings (credentials kept in secrets.json, shown as their last 4 characters)."""

import streamlit as st

from app.untrusted import error, md
from app.widgets import render_ingest_report
from tqrs.display import plural
from tqrs.errors import TqrsError
from tqrs.servicenow.credentials import (
    ENV,
    METHOD_LABELS,
    resolve_credentials,
    save_credentials,
    save_instance,
    saved_instance,
)
from tqrs.servicenow.jobs import get_pull_job, start_pull, unfinished_pulls
from tqrs.servicenow.pull import check_connection
from tqrs.servicenow.query import PRESETS

CUSTOM = "Custom query"


def credentials_status(store, admin: bool) -> tuple[bool, str]:
    """(configured, what to say) about the credentials in effect: never a value. Where they
    come from (the Settings page, or which environment variables) is for an admin; an analyst
    is told in plain words whether the import is ready and whom to ask."""
    try:
        creds = resolve_credentials(db=store.path)
    except TqrsError as e:
        if admin:
            return False, str(e)
        return False, (
            "The ServiceNow import is not set up correctly: ask an admin to check it on the "
            "Settings page."
        )
    if creds.configured:
        if admin:
            return True, f"Signs in with {creds.describe()}."
        return True, (
            "Signs in to ServiceNow with the credentials an admin set up "
            f"({METHOD_LABELS[creds.method]})."
        )
    if not admin:
        return False, (
            "The ServiceNow import is not set up yet: an admin adds the instance's credentials "
            "on the Settings page."
        )
    return False, (
        "No ServiceNow credentials yet: an admin saves them on the Settings page (or sets "
        f"{ENV['user']} and {ENV['password']}, or {ENV['client_id']} and {ENV['client_secret']})."
    )


def _use_preset() -> None:
    preset = st.session_state["upload_sn_preset"]
    if preset in PRESETS:
        st.session_state["upload_sn_query"] = PRESETS[preset]


def render_import(store, admin: bool) -> int | None:
    """The import form and the pull's progress and report; the session id of a pull that
    finished in this browser session, else None. `admin`: the person may see how the import
    is configured (credential sources, variables named in errors)."""
    st.session_state.setdefault("upload_sn_job", None)
    st.session_state.setdefault("upload_sn_query", next(iter(PRESETS.values())))
    st.session_state.setdefault("upload_sn_instance", saved_instance(store.path))
    key = st.session_state["upload_sn_job"]
    with st.expander(
        "Import from ServiceNow", icon=":material/cloud_download:", expanded=key is not None
    ):
        configured, status = credentials_status(store, admin)
        st.caption(md(status))
        for stopped in unfinished_pulls(store):
            st.caption(
                f"Stopped before its end: {md(stopped.instance)} · {md(stopped.query or 'all')}"
                f" ({stopped.open_pass.received:,} incidents stored). Import the same instance "
                "and query to continue."
            )
        st.text_input(
            "Instance", key="upload_sn_instance", placeholder="https://dev12345.service-now.com"
        )
        st.selectbox("Incidents", [*PRESETS, CUSTOM], key="upload_sn_preset", on_change=_use_preset)
        st.text_input(
            "Encoded query",
            key="upload_sn_query",
            help="As ServiceNow's list filter writes it (right-click the breadcrumb: Copy "
            "query). Pulled again, the same instance and query bring only what changed since, "
            "into the same session.",
        )
        st.text_input(
            "Name of the pulled session",
            key="upload_sn_name",
            placeholder="default: the instance and query",
        )
        if st.button(
            "Import from ServiceNow",
            type="primary",
            disabled=not configured,
            icon=":material/cloud_download:",
            key="upload_sn_import",
        ):
            try:
                job = start_pull(
                    store,
                    st.session_state["upload_sn_instance"],
                    st.session_state["upload_sn_query"],
                    st.session_state["upload_sn_name"].strip() or None,
                )
            except TqrsError as e:
                error(e, admin=admin, icon=":material/error:")
            else:
                key = st.session_state["upload_sn_job"] = job.key
        if key is not None:
            return _render_job(key, admin)
    return None


def _render_job(key, admin: bool) -> int | None:
    job = get_pull_job(key)
    if job is None:  # the workbench restarted since
        st.session_state["upload_sn_job"] = None
        return None
    live = job.running

    @st.fragment(run_every=1.0 if live else None)
    def progress() -> None:
        p = job.progress
        st.progress(p.share, text=p.describe())
        if job.running and st.button("Stop", key="upload_sn_stop", icon=":material/stop_circle:"):
            job.cancel()
        if live and not job.running:
            st.rerun()  # finished: show the report

    progress()
    if live:
        return None
    if job.error is not None:
        error(job.error, admin=admin, icon=":material/error:")
        return None
    result = job.result
    for line in result.lines:
        st.info(md(line), icon=":material/info:")
    if not result.report.session_id:
        return None
    st.success(
        f"Session #{result.report.session_id} · {md(result.report.name)} · "
        f"{plural(result.report.ticket_count, 'ticket')}",
        icon=":material/check_circle:",
    )
    render_ingest_report(result.report)
    return result.report.session_id if result.progress.status == "completed" else None


def render_settings(store) -> None:
    """The admin's ServiceNow section of the Settings page."""
    st.subheader("ServiceNow")
    try:
        creds = resolve_credentials(db=store.path)
        saved = resolve_credentials(env={}, db=store.path)  # what this form holds
    except TqrsError as e:
        error(e)
        creds = saved = None
    if creds is not None and creds.source == "environment":
        st.caption(f"In use: {md(creds.describe())}. The environment wins over what is saved here.")
    hints = saved.hints() if saved is not None else {}
    with st.form("settings_sn_form"):
        instance = st.text_input(
            "Default instance (the Upload page's)",
            saved_instance(store.path),
            placeholder="https://dev12345.service-now.com",
        )
        c1, c2 = st.columns(2)
        user = c1.text_input("User (basic auth, or OAuth's password grant)", hints.get("user", ""))
        password = c2.text_input(
            "Password", type="password", placeholder=_hint(hints.get("password"))
        )
        client_id = c1.text_input("OAuth client id", hints.get("client_id", ""))
        client_secret = c2.text_input(
            "OAuth client secret", type="password", placeholder=_hint(hints.get("client_secret"))
        )
        clear = st.checkbox("Remove the saved ServiceNow credentials", key="settings_sn_clear")
        saved = st.form_submit_button("Save ServiceNow settings", icon=":material/save:")
    if saved:
        values = {"user": user.strip() or None, "client_id": client_id.strip() or None}
        values.update({k: v for k, v in (("password", password), ("client_secret", client_secret))
                       if v})  # fmt: skip
        if clear:
            values = dict.fromkeys(ENV)
        try:
            save_instance(instance.strip() or None, store.path)
            save_credentials(values, store.path)
        except TqrsError as e:
            error(e)
        else:
            st.success("ServiceNow settings saved.", icon=":material/check_circle:")
    if st.button("Test ServiceNow connection", key="settings_sn_test", icon=":material/lan:"):
        try:
            with st.spinner("Signing in…"):
                said = check_connection(store, saved_instance(store.path) or instance)
        except TqrsError as e:
            error(e)
        else:
            st.success(md(said))


def _hint(hint: str | None) -> str:
    return f"saved: {hint} · leave blank to keep it" if hint else "not set"
