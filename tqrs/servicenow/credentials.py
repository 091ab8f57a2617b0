"""ServiceNow credentials, kept like the LLM keys: from the environment, else from what the admin
saved on the Settings page (`secrets.json` beside the database, mode 0600, never in DuckDB).

Basic auth is a user and password; OAuth is a client id and secret (the client credentials
grant), with a user and password as well for the password grant. The environment wins as a
whole: when any TQRS_SERVICENOW_* credential variable is set, the saved ones are not mixed in.
Passwords and client secrets are held as `Secret`, which never prints its value; messages say
which credentials were used (the variables, or "saved on the Settings page"), never a value."""

import os
from collections.abc import Mapping
from dataclasses import dataclass

from tqrs import config
from tqrs.errors import ConfigError
from tqrs.llm.secret import Secret

SECTION = "servicenow"
# name: environment variable
ENV = {
    "user": "TQRS_SERVICENOW_USER",
    "password": "TQRS_SERVICENOW_PASSWORD",
    "client_id": "TQRS_SERVICENOW_CLIENT_ID",
    "client_secret": "TQRS_SERVICENOW_CLIENT_SECRET",
}
SECRET_NAMES = ("password", "client_secret")
BASIC, OAUTH_CLIENT, OAUTH_PASSWORD, NONE = "basic", "oauth-client", "oauth-password", "none"
METHOD_LABELS = {
    BASIC: "basic auth",
    OAUTH_CLIENT: "OAuth, client credentials grant",
    OAUTH_PASSWORD: "OAuth, password grant",
    NONE: "none",
}


@dataclass(frozen=True)
class Credentials:
    user: str | None = None
    password: Secret | None = None
    client_id: str | None = None
    client_secret: Secret | None = None
    source: str = "none"  # environment, saved or none

    @property
    def method(self) -> str:
        if self.client_id and self.client_secret:
            return OAUTH_PASSWORD if self.user and self.password else OAUTH_CLIENT
        return BASIC if self.user and self.password else NONE

    @property
    def configured(self) -> bool:
        return self.method != NONE

    def describe(self) -> str:
        """Which credentials these are, without any value: for messages and pages."""
        if not self.configured:
            return "no ServiceNow credentials"
        names = {
            BASIC: ("user", "password"),
            OAUTH_CLIENT: ("client_id", "client_secret"),
            OAUTH_PASSWORD: ("client_id", "client_secret", "user", "password"),
        }[self.method]
        where = (
            "from " + ", ".join(ENV[n] for n in names)
            if self.source == "environment"
            else "saved on the Settings page"
        )
        return f"the credentials {where} ({METHOD_LABELS[self.method]})"

    def hints(self) -> dict[str, str]:
        """For the admin's Settings page: names in clear, secrets as their last 4 characters."""
        return {
            "user": self.user or "",
            "password": self.password.hint() if self.password else "",
            "client_id": self.client_id or "",
            "client_secret": self.client_secret.hint() if self.client_secret else "",
        }


def resolve_credentials(
    env: Mapping[str, str] | None = None, db: str | os.PathLike | None = None
) -> Credentials:
    """The credentials in effect: the environment's when any is set there, else the saved ones.

    Raises:
        ConfigError: half of a pair is set (a user without a password, a client id without
            its secret), naming the variable that is missing.
    """
    env = os.environ if env is None else env
    given = {name: env.get(var, "").strip() for name, var in ENV.items()}
    if any(given.values()):
        values, source = given, "environment"
    else:
        values, source = load_saved_credentials(db), "saved"
    creds = Credentials(
        user=values.get("user") or None,
        password=Secret(values["password"]) if values.get("password") else None,
        client_id=values.get("client_id") or None,
        client_secret=Secret(values["client_secret"]) if values.get("client_secret") else None,
        source=source,
    )
    for a, b in (("user", "password"), ("client_id", "client_secret")):
        if bool(getattr(creds, a)) != bool(getattr(creds, b)):
            have, missing = (a, b) if getattr(creds, a) else (b, a)
            name = ENV[missing] if source == "environment" else missing.replace("_", " ")
            where = "" if source == "environment" else " on the Settings page"
            raise ConfigError(
                f"ServiceNow credentials: {ENV[have] if source == 'environment' else have} "
                f"is set but {name} is not{where}"
            )
    if not creds.configured:
        return Credentials()
    return creds


def require(creds: Credentials) -> Credentials:
    """`creds` when they are enough to sign in, else a ConfigError saying how to give them."""
    if not creds.configured:
        raise ConfigError(
            f"no ServiceNow credentials: set {ENV['user']} and {ENV['password']} (basic auth) "
            f"or {ENV['client_id']} and {ENV['client_secret']} (OAuth), or have the admin "
            "save them on the Settings page"
        )
    return creds


def secrets_path(db=None):
    return config.state_dir(db) / config.SECRETS_FILE


def load_saved_credentials(db=None) -> dict:
    return config.read_json(secrets_path(db)).get(SECTION, {})


def save_credentials(values: Mapping[str, str | Secret | None], db=None) -> None:
    """Save ServiceNow credentials (user, password, client_id, client_secret) to the 0600
    secrets file; None or "" removes one."""
    bad = [k for k in values if k not in ENV]
    if bad:
        raise ConfigError(f"ServiceNow credentials: unknown {', '.join(bad)}")
    plain = {k: v.reveal() if isinstance(v, Secret) else v for k, v in values.items()}
    config.update_section(secrets_path(db), SECTION, plain, private=True)


def settings_path(db=None):
    return config.state_dir(db) / config.SETTINGS_FILE


def saved_instance(db=None) -> str:
    """The instance the admin saved as the default for the Upload page ("" if none)."""
    return config.read_json(settings_path(db)).get(SECTION, {}).get("instance", "")


def save_instance(instance: str | None, db=None) -> None:
    config.update_section(settings_path(db), SECTION, {"instance": instance}, private=False)
