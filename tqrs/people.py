"""Who is using the workbench: sign-in through the organisation's OpenID Connect provider and
the roles that come from the identity.

Sign-in is Streamlit's own (`st.login`, Authlib underneath). Its configuration is the `[auth]`
block of a Streamlit secrets file: here `streamlit-secrets.toml` beside the database (mode
0600, written by the admin's Settings page through `save_provider`), which `tqrs serve` hands
to Streamlit (`--secrets.files`). With no such block, the workbench is a single-user install:
the password gate (tqrs.auth) guards it when it is opened to the network, and the one user
holds every role.

Roles, from the signed-in e-mail address and the lists saved in settings.json (section
`sign_in`: `admins`, `managers`, `analysts`; each entry an e-mail address, or a domain written
`@example.com`, matched without regard to case): admin (Settings, and everything a manager
may), manager (assigns tickets to analysts, and reviews), analyst (reviews, claims tickets).
An identity in several lists takes the highest role; one in none is refused: a provider that
signs in anyone (a public Google account) does not open the workbench to everyone."""

import json
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tqrs import config
from tqrs.errors import ConfigError

ROLES = ("analyst", "manager", "admin")
LISTS = {"admin": "admins", "manager": "managers", "analyst": "analysts"}
SECTION = "sign_in"
# What st.login needs in [auth] (Streamlit's documentation: "User authentication").
PROVIDER_KEYS = ("server_metadata_url", "client_id", "client_secret", "redirect_uri")
SECRET_KEYS = ("client_secret", "cookie_secret")
CALLBACK = "/oauth2callback"  # the route Streamlit serves for the provider's redirect
DISCOVERY = "/.well-known/openid-configuration"  # OpenID Connect Discovery: after the issuer


@dataclass(frozen=True)
class Person:
    """The person at the keyboard: `id` is what overrides, reviews and assignments record
    (the e-mail address when signed in, else the name typed), `role` one of ROLES."""

    id: str
    name: str
    role: str
    signed_in: bool

    def may(self, role: str) -> bool:
        """Whether this person holds `role` or a higher one."""
        return ROLES.index(self.role) >= ROLES.index(role)


def role_lists(db=None) -> dict[str, list[str]]:
    """The saved lists by role (admin, manager, analyst), each a list of entries."""
    saved = config.read_json(config.state_dir(db) / config.SETTINGS_FILE).get(SECTION, {})
    return {role: list(saved.get(key, [])) for role, key in LISTS.items()}


def save_role_lists(lists: dict[str, list[str]], db=None) -> None:
    """Save the lists (role -> entries); each entry checked (`parse_entries`)."""
    values = {LISTS[role]: parse_entries("\n".join(entries)) for role, entries in lists.items()}
    config.update_section(
        config.state_dir(db) / config.SETTINGS_FILE,
        SECTION,
        {k: v or None for k, v in values.items()},
        private=False,
    )


def parse_entries(text: str) -> list[str]:
    """E-mail addresses and @domains, one per line or separated by commas, lower-cased;
    ConfigError names an entry that is neither."""
    entries = []
    for raw in text.replace(",", "\n").splitlines():
        entry = raw.strip().lower()
        if not entry:
            continue
        local, at, domain = entry.rpartition("@")
        if not at or "." not in domain or " " in entry or entry.count("@") > 1:
            raise ConfigError(
                f"sign-in lists: {raw.strip()!r} is neither an e-mail address nor a domain "
                "written @example.com"
            )
        entries.append(entry)
    return list(dict.fromkeys(entries))


def role_for(email: str | None, lists: dict[str, list[str]]) -> str | None:
    """The highest role whose list names `email` or its domain; None when none does."""
    email = (email or "").strip().lower()
    if "@" not in email:
        return None
    domain = "@" + email.rpartition("@")[2]
    for role in reversed(ROLES):
        if any(entry in (email, domain) for entry in lists.get(role, [])):
            return role
    return None


def secrets_file(db=None) -> Path:
    """Streamlit's secrets file for this database (its [auth] block is the provider)."""
    return config.state_dir(db) / config.STREAMLIT_SECRETS_FILE


def load_provider(db=None) -> dict:
    """The saved [auth] block ({} when sign-in is not configured)."""
    path = secrets_file(db)
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ConfigError(f"{path}: cannot read ({type(e).__name__})") from None
    auth = data.get("auth", {})
    return auth if isinstance(auth, dict) else {}


def describe_provider(db=None) -> dict:
    """The saved provider for display: secrets replaced by whether they are set."""
    return {
        k: ("set" if v else "") if k in SECRET_KEYS else v for k, v in load_provider(db).items()
    }


def save_provider(values: dict[str, str], db=None) -> None:
    """Write the [auth] block (mode 0600): `values` holds PROVIDER_KEYS; a blank
    client_secret keeps the saved one; the cookie secret is kept, or made once."""
    saved = load_provider(db)
    auth = {k: (values.get(k) or "").strip() for k in PROVIDER_KEYS}
    auth["server_metadata_url"] = discovery_url(auth["server_metadata_url"])
    auth["client_secret"] = auth["client_secret"] or saved.get("client_secret", "")
    auth["cookie_secret"] = saved.get("cookie_secret") or secrets.token_urlsafe(32)
    missing = [k for k in PROVIDER_KEYS if not auth[k]]
    if missing:
        raise ConfigError(f"sign-in: {', '.join(missing)} required")
    for key in ("server_metadata_url", "redirect_uri"):
        url = urlsplit(auth[key])
        if url.scheme not in ("http", "https") or not url.netloc:
            raise ConfigError(f"sign-in: {key} must be an http(s) URL, not {auth[key]!r}")
    if not urlsplit(auth["redirect_uri"]).path.endswith(CALLBACK):
        raise ConfigError(
            f"sign-in: redirect_uri must end with {CALLBACK} (the workbench's address, e.g. "
            f"http://localhost:8501{CALLBACK}), the route Streamlit serves for the provider"
        )
    # TOML basic strings take JSON's escapes.
    lines = ["# Written by the TQRS Settings page: sign-in (st.login).", "[auth]"]
    lines += [f"{k} = {json.dumps(v)}" for k, v in auth.items()]
    config.write_text(secrets_file(db), "\n".join(lines) + "\n", private=True)


def discovery_url(url: str) -> str:
    """The provider's discovery URL from what the admin pasted: the discovery URL itself, or
    the issuer (what most providers' consoles show: `https://acme.okta.com`,
    `https://login.microsoftonline.com/TENANT/v2.0`), to which OpenID Connect Discovery adds
    /.well-known/openid-configuration. Streamlit fetches this URL and reads its JSON: given
    the issuer, sign-in failed with an "Authentication error"."""
    if not url or urlsplit(url).path.rstrip("/").endswith(DISCOVERY):
        return url
    return url.rstrip("/") + DISCOVERY


def clear_provider(db=None) -> bool:
    """Turn sign-in off (the secrets file removed); True when there was one."""
    path = secrets_file(db)
    if not path.exists():
        return False
    path.unlink()
    return True
