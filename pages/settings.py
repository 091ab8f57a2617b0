import json

import streamlit as st

from app.people import person
from app.resources import get_store
from app.servicenow_view import render_settings as render_servicenow_settings
from app.signin_settings import render_settings as render_signin_settings
from app.untrusted import error, md
from app.widgets import render_judge, render_password_form
from tqrs.auth import unlock_admin
from tqrs.errors import TqrsError
from tqrs.llm.settings import SPEC, resolve_settings, save_secrets, save_settings
from tqrs.workbench import describe_judge, parse_price_table

st.title("Settings")
st.session_state.setdefault("settings_admin", False)

# A signed-in admin (tqrs.people) needs no password; the admin password is the way in for a
# single-user install, and the fallback when no admin is listed.
if not (st.session_state["settings_admin"] or (person().signed_in and person().may("admin"))):
    st.caption("Administrators only.")
    render_password_form(
        "settings_login", "Admin password", "settings_password", "Unlock", unlock_admin,
        "settings_admin",
    )  # fmt: skip
    st.caption(
        "The admin password was printed on the server console when the workbench first "
        "started, unless the administrator chose their own."
    )
    st.stop()

try:
    current = resolve_settings()
except TqrsError as e:
    error(e, admin=True)
    current = None
shown = current.describe() if current else {}
sources = shown.get("sources", {})
render_judge(describe_judge(current) if current else "settings unreadable")


def _label(name: str, title: str) -> str:
    return f"{title} 🔒 environment" if sources.get(name) == "environment" else title


def _help(name: str) -> str:
    var = SPEC[name][0]
    if sources.get(name) == "environment":
        return f"Set by {var} in the environment, which wins over what is saved here."
    return f"Environment variable: {var}" if var else "Saved in settings.json"


def _key_hint(name: str) -> str:
    hint = shown.get(name)
    return f"saved: {hint} · leave blank to keep it" if hint else "not set"


def _value(name: str, default=""):
    value = shown.get(name)
    return default if value is None else value


saved = st.session_state.pop("settings_saved", False)
if saved:  # the keys typed leave the form: a password field's value is in the page's HTML
    st.session_state["settings_api_key"] = st.session_state["settings_azure_api_key"] = ""
with st.form("settings_form"):
    st.subheader("Provider")
    providers = ["openai", "compatible", "azure"]
    provider = st.radio(
        "Provider",
        providers,
        horizontal=True,
        key="settings_provider",
        index=providers.index(shown.get("provider", "openai")),
        format_func={
            "openai": "OpenAI",
            "compatible": "OpenAI-compatible server (Ollama, vLLM…)",
            "azure": "Azure OpenAI",
        }.get,
    )
    c1, c2 = st.columns(2)
    model = c1.text_input(_label("model", "Model"), _value("model"), help=_help("model"))
    base_url = c2.text_input(
        _label("base_url", "Endpoint (OpenAI-compatible base URL)"),
        _value("base_url"),
        help=_help("base_url"),
    )
    api_key = c1.text_input(
        _label("api_key", "API key"),
        type="password",
        key="settings_api_key",
        placeholder=_key_hint("api_key"),
        help=_help("api_key"),
    )
    c3, c4 = st.columns(2)
    azure_endpoint = c3.text_input(
        _label("azure_endpoint", "Azure endpoint"),
        _value("azure_endpoint"),
        help=_help("azure_endpoint"),
    )
    azure_deployment = c4.text_input(
        _label("azure_deployment", "Azure deployment"),
        _value("azure_deployment"),
        help=_help("azure_deployment"),
    )
    azure_api_version = c3.text_input(
        _label("azure_api_version", "Azure API version"),
        _value("azure_api_version"),
        help=_help("azure_api_version"),
    )
    azure_api_key = c4.text_input(
        _label("azure_api_key", "Azure API key"),
        type="password",
        key="settings_azure_api_key",
        placeholder=_key_hint("azure_api_key"),
        help=_help("azure_api_key"),
    )
    st.subheader("Behaviour")
    c5, c6, c7 = st.columns(3)
    concurrency = c5.number_input(
        _label("concurrency", "Concurrency (parallel requests)"),
        1,
        64,
        int(_value("concurrency", 8)),
        help=_help("concurrency"),
    )
    temperature = c6.number_input(
        _label("temperature", "Temperature"),
        0.0,
        2.0,
        float(_value("temperature", 0.1)),
        step=0.05,
        help=_help("temperature"),
    )
    redact = c7.toggle(
        _label("redact", "Redact PII before sending"),
        bool(_value("redact", True)),
        help=_help("redact"),
    )
    budget = st.number_input(
        _label("monthly_budget", "Monthly spending cap (USD, 0 = no cap)"),
        0.0,
        1e7,
        float(_value("monthly_budget", 0.0) or 0.0),
        step=10.0,
        help=_help("monthly_budget")
        + ". LLM runs stop when this calendar month's cost (UTC) reaches it; none starts "
        "once it is reached.",
        key="settings_monthly_budget",
    )
    prices = st.text_area(
        'Price table (USD per million tokens, JSON: {"model": [input, output]})',
        json.dumps(_value("prices", {}) or {}),
        height=90,
    )
    clear = st.checkbox("Remove the saved API keys", key="settings_clear_keys")
    submitted = st.form_submit_button("Save settings", type="primary", icon=":material/save:")

if submitted:
    try:
        table = parse_price_table(prices)
    except TqrsError as e:
        error(e, admin=True)
        st.stop()
    values = {
        "model": model.strip(),
        "temperature": temperature,
        "concurrency": concurrency,
        "redact": redact,
        "prices": table or None,
        "monthly_budget": budget or None,
        "base_url": base_url.strip() if provider == "compatible" else None,
        "azure_endpoint": azure_endpoint.strip() if provider == "azure" else None,
        "azure_deployment": azure_deployment.strip() or None,
        "azure_api_version": azure_api_version.strip() or None,
    }
    secrets = {
        k: v.strip()
        for k, v in (("api_key", api_key), ("azure_api_key", azure_api_key))
        if v.strip()
    }
    if clear:
        secrets = {"api_key": None, "azure_api_key": None}
    try:
        save_settings(values)
        if secrets:
            save_secrets(secrets)
    except TqrsError as e:
        error(e, admin=True)
    else:
        st.session_state["settings_saved"] = True  # outlives the rerun that shows them
        st.rerun()
if saved:
    st.success(
        "Saved. Environment values still win over saved ones.", icon=":material/check_circle:"
    )

st.subheader("Test connection")
if st.button("Test connection", icon=":material/network_check:", key="settings_test"):
    from tqrs.llm.check import test_connection  # imports openai only when asked

    with st.spinner("Calling the provider…"):
        check = test_connection(resolve_settings(), get_store())
    if check.ok:
        st.success(f"{md(check.message)} · model {md(check.model)} · {check.latency_ms:.0f} ms")
    else:
        error(f"{check.message} (provider {check.provider}, model {check.model})")

with st.expander("Settings in effect, with their source"):
    st.dataframe(
        [
            {"setting": k, "value": str(v), "source": sources.get(k, "")}
            for k, v in shown.items()
            if k not in ("sources",)
        ],
        hide_index=True,
    )
render_servicenow_settings(get_store())
render_signin_settings()

if st.button("Lock settings", key="settings_lock", icon=":material/lock:"):
    st.session_state["settings_admin"] = False
    st.rerun()
