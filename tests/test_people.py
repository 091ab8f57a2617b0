"""Sign-in configuration and roles (tqrs.people): the lists, the role an identity takes, and
Streamlit's [auth] block written with mode 0600 and read back by an independent TOML parser."""

import json
import stat
import tomllib
import urllib.request

import pytest

from tqrs import people
from tqrs.errors import ConfigError

PROVIDER = {
    "server_metadata_url": "http://127.0.0.1:9400/.well-known/openid-configuration",
    "client_id": "tqrs",
    "client_secret": 'se"cret\\',
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
}


def test_roles_come_from_addresses_and_domains():
    lists = {
        "admin": ["root@acme.org"],
        "manager": ["@leads.acme.org", "lee@acme.org"],
        "analyst": ["@acme.org"],
    }
    assert people.role_for("Root@ACME.org", lists) == "admin"
    assert people.role_for("lee@acme.org", lists) == "manager"  # highest of two lists
    assert people.role_for("kim@leads.acme.org", lists) == "manager"
    assert people.role_for("ann@acme.org", lists) == "analyst"
    assert people.role_for("ann@acme.org.evil.com", lists) is None
    assert people.role_for("eve@gmail.com", lists) is None
    assert people.role_for("", lists) is None
    assert people.Person("x", "x", "manager", True).may("analyst")
    assert not people.Person("x", "x", "manager", True).may("admin")


def test_lists_are_checked_and_saved():
    assert people.parse_entries(" Ann@Acme.org, @acme.org\n\n@acme.org") == [
        "ann@acme.org",
        "@acme.org",
    ]
    for bad in ("ann", "acme.org", "a@b", "a b@c.org", "a@@c.org"):
        with pytest.raises(ConfigError, match="neither an e-mail address nor a domain"):
            people.parse_entries(bad)
    people.save_role_lists({"admin": ["root@acme.org"], "analyst": ["@ACME.org"], "manager": []})
    assert people.role_lists() == {
        "analyst": ["@acme.org"],
        "manager": [],
        "admin": ["root@acme.org"],
    }


def test_the_provider_is_written_private_and_readable_by_streamlit():
    assert people.load_provider() == {}
    people.save_provider(PROVIDER)
    path = people.secrets_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    auth = tomllib.loads(path.read_text())["auth"]
    assert {k: auth[k] for k in PROVIDER} == PROVIDER
    assert len(auth["cookie_secret"]) >= 32
    cookie = auth["cookie_secret"]
    people.save_provider({**PROVIDER, "client_secret": ""})  # blank keeps the saved one
    again = tomllib.loads(path.read_text())["auth"]
    assert again["client_secret"] == PROVIDER["client_secret"] and again["cookie_secret"] == cookie
    assert people.describe_provider()["client_secret"] == "set"
    assert PROVIDER["client_secret"] not in str(people.describe_provider())
    with pytest.raises(ConfigError, match="redirect_uri must end with /oauth2callback"):
        people.save_provider({**PROVIDER, "redirect_uri": "http://127.0.0.1:8501/"})
    with pytest.raises(ConfigError, match="client_id required"):
        people.save_provider({**PROVIDER, "client_id": ""})
    with pytest.raises(ConfigError, match="server_metadata_url must be an http"):
        people.save_provider({**PROVIDER, "server_metadata_url": "file:///etc/passwd"})
    assert tomllib.loads(path.read_text())["auth"]["client_id"] == "tqrs"  # unchanged
    assert people.clear_provider() and not path.exists() and not people.clear_provider()


def test_serve_hands_streamlit_the_sign_in_file_last():
    from tqrs.commands.sessions import secrets_files_args

    args = secrets_files_args()
    assert args[::2] == ["--secrets.files"] * 3
    # Streamlit reads them in order, later ones winning: the Settings page's file last.
    assert args[-1] == str(people.secrets_file())
    assert args[1].endswith("/.streamlit/secrets.toml")


def test_the_issuer_is_taken_for_the_discovery_url():
    """An admin pastes what the provider's console shows, the issuer: Streamlit needs the
    discovery URL (fetched, its JSON read), which OpenID Connect Discovery puts after it."""
    pytest.importorskip("oidc_provider_mock")
    from tests.oidc_provider import running_provider

    with running_provider([("ann@acme.org", "Ann")]) as issuer:
        for pasted in (issuer, issuer + "/", issuer + "/.well-known/openid-configuration"):
            people.save_provider({**PROVIDER, "server_metadata_url": pasted})
            url = people.load_provider()["server_metadata_url"]
            assert url == issuer + "/.well-known/openid-configuration", pasted
            with urllib.request.urlopen(url, timeout=30) as answer:
                assert json.load(answer)["issuer"] == issuer
