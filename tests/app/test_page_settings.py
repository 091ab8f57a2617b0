import json
import stat

from tests.app.conftest import open_app, shown, texts
from tqrs import auth
from tqrs.llm.settings import resolve_settings, save_secrets, secrets_path, settings_path

PASSWORD = "correct horse battery"


def _unlock(at, password=PASSWORD):
    at.text_input(key="settings_password").input(password)
    at.button[0].click().run()  # the form's Unlock button
    assert not at.exception, at.exception
    return at


def test_locked_without_the_password(app_store, monkeypatch):
    monkeypatch.setenv(auth.ENV, PASSWORD)
    at = open_app("settings")
    assert not at.text_input(key="settings_password").value
    assert "Save settings" not in [b.label for b in at.button]
    _unlock(at, "wrong")
    assert at.error[0].value == "Wrong password."
    assert "Save settings" not in [b.label for b in at.button]


def test_locked_out_after_five_wrong_passwords_even_in_a_new_session(app_store, monkeypatch):
    monkeypatch.setenv(auth.ENV, PASSWORD)
    at = open_app("settings")
    for _ in range(auth.MAX_FAILURES - 1):
        assert _unlock(at, "wrong").error[0].value == "Wrong password."
    _unlock(at, "wrong")
    assert shown(at.error[0].value) == "Too many wrong passwords: try again in 60 seconds."
    fresh = _unlock(open_app("settings"))  # another browser, the right password
    assert shown(fresh.error[0].value).startswith("Too many wrong passwords: try again in ")
    assert "Save settings" not in [b.label for b in fresh.button]


def test_no_query_string_override(app_store, monkeypatch):
    monkeypatch.setenv(auth.ENV, PASSWORD)
    at = open_app()
    for name in ("admin", "settings_admin", "password"):
        at.query_params[name] = "1"
    at.switch_page("../pages/settings.py").run()
    assert "Save settings" not in [b.label for b in at.button]
    assert "Admin password" in [t.label for t in at.text_input]


def test_save_settings_and_key_shown_as_last_four(app_store, monkeypatch):
    monkeypatch.setenv(auth.ENV, PASSWORD)
    at = _unlock(open_app("settings"))
    assert "Save settings" in [b.label for b in at.button]
    key = "sk-proj-SECRETVALUE-9f3k"
    labels = {t.label: t for t in at.text_input}
    labels["Model"].input("gpt-4o-mini")
    labels["API key"].input(key)
    at.number_input[0].set_value(4)
    [b for b in at.button if b.label == "Save settings"][0].click().run()
    assert not at.exception
    assert json.loads(secrets_path().read_text())["llm"]["api_key"] == key
    assert stat.S_IMODE(secrets_path().stat().st_mode) == 0o600
    assert key not in settings_path().read_text()
    assert (
        app_store.query("SELECT count(*) FROM duckdb_tables() WHERE table_name ILIKE '%secret%'")[
            0
        ][0]
        == 0
    )
    s = resolve_settings()
    assert (s.model, s.concurrency, s.api_key.reveal()) == ("gpt-4o-mini", 4, key)
    at.run()
    page = (
        texts(at)
        + "".join(str(t.proto) for t in at.text_input)
        + "".join(str(d.value) for d in at.dataframe)
    )
    assert key not in page and "SECRETVALUE" not in page
    assert "****9f3k" in page
    assert "LLM: openai · gpt-4o-mini" in page


def test_environment_wins_and_is_labelled(app_store, monkeypatch):
    monkeypatch.setenv(auth.ENV, PASSWORD)
    monkeypatch.setenv("OPENAI_MODEL", "gpt-4.1")
    at = _unlock(open_app("settings"))
    labels = [t.label for t in at.text_input]
    assert "Model 🔒 environment" in labels
    [b for b in at.button if b.label == "Save settings"][0].click().run()
    assert resolve_settings().model == "gpt-4.1"


def test_test_connection_without_credentials(app_store, monkeypatch):
    monkeypatch.setenv(auth.ENV, PASSWORD)
    at = _unlock(open_app("settings"))
    at.button(key="settings_test").click().run()
    assert "no credentials configured" in at.error[0].value


def test_generated_password_only_its_hash_kept(isolated_state, monkeypatch):
    monkeypatch.delenv(auth.ENV, raising=False)
    password = auth.ensure_admin_password()
    assert password and auth.ensure_admin_password() is None  # generated once
    path = auth.admin_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert password not in path.read_text()
    assert auth.verify_admin_password(password)
    assert not auth.verify_admin_password(password + "x")
    assert not auth.verify_admin_password("")
    monkeypatch.setenv(auth.ENV, "from-env")
    assert auth.verify_admin_password("from-env") and not auth.verify_admin_password(password)


def test_generated_password_unlocks_the_page(app_store, monkeypatch, capsys):
    monkeypatch.delenv(auth.ENV, raising=False)
    password = auth.ensure_admin_password()
    at = _unlock(open_app("settings"), password)
    assert "Save settings" in [b.label for b in at.button]
    assert password not in texts(at)


def test_serve_prints_the_generated_password_once(isolated_state, monkeypatch, capsys):
    import re
    from types import SimpleNamespace

    import tqrs.commands.sessions as commands

    monkeypatch.delenv(auth.ENV, raising=False)
    monkeypatch.setattr(commands, "_run_forwarding_signals", lambda cmd, env: 0)  # no server
    args = SimpleNamespace(db=None, port=9999, headless=True, host="127.0.0.1")
    assert commands.cmd_serve(args, None) == 0
    first = capsys.readouterr()
    password = re.search(r"shown only this once: (\S+)", first.err).group(1)
    assert password not in first.out
    assert auth.verify_admin_password(password)
    assert commands.cmd_serve(args, None) == 0
    assert "shown only this once" not in capsys.readouterr().err  # never again


def test_bad_price_table_is_refused(app_store, monkeypatch):
    monkeypatch.setenv(auth.ENV, PASSWORD)
    at = _unlock(open_app("settings"))
    at.text_area[0].input('{"gpt-4o": [2.5]}')
    [b for b in at.button if b.label == "Save settings"][0].click().run()
    assert "price table: expected JSON" in shown(at.error[0].value)
    assert not settings_path().exists()
    at.text_area[0].input('{"my-model": [1, 2]}')
    [b for b in at.button if b.label == "Save settings"][0].click().run()
    assert resolve_settings().prices == {"my-model": [1.0, 2.0]}


def test_monthly_spending_cap_saved_and_the_environment_wins(app_store, monkeypatch):
    monkeypatch.setenv(auth.ENV, PASSWORD)
    monkeypatch.delenv("TQRS_MONTHLY_BUDGET", raising=False)
    at = _unlock(open_app("settings"))
    at.number_input(key="settings_monthly_budget").set_value(250.0)
    [b for b in at.button if b.label == "Save settings"][0].click().run()
    assert not at.exception
    assert json.loads(settings_path().read_text())["llm"]["monthly_budget"] == 250.0
    assert resolve_settings().monthly_budget == 250.0
    at.number_input(key="settings_monthly_budget").set_value(0.0)  # 0: no cap
    [b for b in at.button if b.label == "Save settings"][0].click().run()
    assert resolve_settings().monthly_budget is None
    monkeypatch.setenv("TQRS_MONTHLY_BUDGET", "40")
    at = _unlock(open_app("settings"))
    assert resolve_settings().monthly_budget == 40.0
    assert "🔒 environment" in at.number_input(key="settings_monthly_budget").label
    monkeypatch.setenv("TQRS_MONTHLY_BUDGET", "-5")
    assert "TQRS_MONTHLY_BUDGET" in shown(_unlock(open_app("settings")).error[0].value)


def test_sign_in_settings_write_streamlits_secrets_privately(app_store, monkeypatch):
    import tomllib

    from tqrs import people

    monkeypatch.setenv(auth.ENV, PASSWORD)
    at = _unlock(open_app("settings"))
    at.text_input(key="settings_signin_metadata").input(
        "https://login.example.org/.well-known/openid-configuration"
    )
    at.text_input(key="settings_signin_client_id").input("tqrs")
    at.text_input(key="settings_signin_client_secret").input("s3cret-value")
    at.text_input(key="settings_signin_redirect").input("https://tqrs.example.org/oauth2callback")
    at.text_area(key="settings_signin_analysts").input("@Example.org")
    at.text_area(key="settings_signin_admins").input("root@example.org")
    [b for b in at.button if b.label == "Save sign-in settings"][0].click().run()
    assert not at.exception, at.exception
    path = people.secrets_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    written = tomllib.loads(path.read_text())["auth"]
    assert (written["client_id"], written["client_secret"]) == ("tqrs", "s3cret-value")
    assert written["redirect_uri"] == "https://tqrs.example.org/oauth2callback"
    assert people.role_lists() == {
        "analyst": ["@example.org"],
        "manager": [],
        "admin": ["root@example.org"],
    }
    assert "s3cret-value" not in texts(at)
    # Saved after the start, the provider is not in effect: nobody gets in until a restart.
    at.run()
    assert "did not read it" in shown(at.error[0].value)
    assert [b.label for b in at.button] == []
    # A wrong entry is refused with what is wrong; nothing changes.
    path.unlink()
    at = _unlock(open_app("settings"))
    at.text_area(key="settings_signin_managers").input("lee at example.org")
    [b for b in at.button if b.label == "Save sign-in settings"][0].click().run()
    assert any("'lee at example.org' is neither" in shown(e.value) for e in at.error)
    assert people.role_lists()["manager"] == []


def test_saved_key_leaves_the_form_and_the_save_is_confirmed(app_store, monkeypatch):
    """After "Save settings" the API key field held the typed key (the password input's value,
    in the page's HTML: seen in Chromium) when a key was saved before, and the "Saved."
    message was lost to the rerun that redraws the page with the saved values."""
    monkeypatch.setenv(auth.ENV, PASSWORD)
    save_secrets({"api_key": "sk-test-EARLIER0T123"})  # the same last four: the same field
    at = _unlock(open_app("settings"))
    key = "sk-test-SECRET123"
    fields = {t.label: t for t in at.text_input}
    fields["Model"].input("gpt-4o-mini")
    fields["API key"].input(key)
    [b for b in at.button if b.label == "Save settings"][0].click().run()
    assert not at.exception, at.exception
    assert json.loads(secrets_path().read_text())["llm"]["api_key"] == key  # saved
    fields = {t.label: t for t in at.text_input}
    assert fields["API key"].value == ""
    assert fields["API key"].placeholder == "saved: ****T123 · leave blank to keep it"
    assert fields["Model"].value == "gpt-4o-mini"
    assert [s.value for s in at.success] == ["Saved. Environment values still win over saved ones."]
    at.run()  # the next action: the message was for that save only
    assert not at.success


def test_an_endpoint_holding_credentials_is_refused_and_nothing_saved(app_store, monkeypatch):
    """`https://user:password@proxy/v1` typed as the endpoint was saved to settings.json (not
    private), shown back on the page and in `tqrs llm settings`, and stored with every LLM
    exchange in the database. It is refused, naming the field, and nothing is saved."""
    monkeypatch.setenv(auth.ENV, PASSWORD)
    at = _unlock(open_app("settings"))
    at.radio(key="settings_provider").set_value("compatible")
    labels = {t.label: t for t in at.text_input}
    labels["Model"].input("llama3")
    labels["Endpoint (OpenAI-compatible base URL)"].input("https://bob:pw-planted-77a1@proxy/v1")
    [b for b in at.button if b.label == "Save settings"][0].click().run()
    assert not at.exception, at.exception
    assert "base_url: the address holds credentials" in shown(at.error[0].value)
    assert "pw-planted-77a1" not in shown(at.error[0].value)
    assert not settings_path().exists()
