"""Sign-in and two analysts at once, in Chromium: the workbench signs people in through a local
OpenID Connect provider (oidc-provider-mock on 127.0.0.1) with Streamlit's st.login; two
analysts open the same copy of a number the run holds twice; both override the same
criterion and the second is told of the conflict; the override and the reviewed mark land on
the copy they saw, recorded under the signed-in identity; the Settings URL tells an analyst it
is an admin's."""

import re

import duckdb
import pytest

from tests.browser.conftest import TIMEOUT, expand, open_combobox, open_page, settle, workbench
from tests.conftest import scored_twins
from tests.oidc_provider import running_provider
from tqrs import people
from tqrs.commands.sessions import secrets_files_args
from tqrs.store import Store

pytestmark = pytest.mark.browser
pytest.importorskip("oidc_provider_mock")

ANN = ("ann@acme.org", "Ann Analyst")
BOB = ("bob@acme.org", "Bob Builder")
CRITERION = "Short description in 4-part form"


def shown(text: str) -> str:
    """`text` as a page shows an identity through app.untrusted.md: a WORD JOINER before "@"
    (so that no e-mail address becomes a link)."""
    return text.replace("@", "\u2060@")


@pytest.fixture
def provider(monkeypatch):
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # a test provider on plain HTTP
    with running_provider([ANN, BOB]) as issuer:
        yield issuer


@pytest.fixture
def signed_server(tmp_path, provider):
    """A run over two exports that both carry INC0010003, and the workbench with sign-in
    through `provider` (the Settings page's files, written by tqrs.people)."""
    db = tmp_path / "state" / "tqrs.duckdb"
    with Store(db) as store:
        run, east, west = scored_twins(store, tmp_path)
    people.save_role_lists(
        {"analyst": [ANN[0], BOB[0]], "manager": [], "admin": ["root@acme.org"]}, db
    )

    def sign_in_for(port: int) -> list[str]:
        people.save_provider(
            {
                "server_metadata_url": f"{provider}/.well-known/openid-configuration",
                "client_id": "tqrs-workbench",
                "client_secret": "browser-test-secret",
                "redirect_uri": f"http://127.0.0.1:{port}/oauth2callback",
            },
            db,
        )
        return secrets_files_args(db)  # as `tqrs serve` hands them to Streamlit

    with workbench(
        tmp_path, extra_args=sign_in_for, TQRS_DB=str(db), AUTHLIB_INSECURE_TRANSPORT="1"
    ) as running:
        yield {**running, "db": db, "run": run, "east": east, "west": west}


def _sign_in(browser, url: str, who: tuple[str, str]):
    """A browser context of its own (its own cookies), signed in as `who` on the provider."""
    page = browser.new_context().new_page()
    open_page(page, url, "Ticket Quality Review")
    assert page.get_by_role("link", name="Review").count() == 0  # nothing before sign-in
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name=who[0]).click()  # the provider's form: this user
    page.get_by_role("heading", name="Ticket Quality Review").wait_for(timeout=TIMEOUT)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text(who[1]).wait_for(timeout=TIMEOUT)
    sidebar.get_by_text(shown(f"{who[0]} · analyst")).wait_for(timeout=TIMEOUT)
    return page


def _open_west_copy(page, url: str):
    open_page(page, f"{url}/review", "Review")
    search = page.get_by_role("textbox", name="Search")
    search.fill("INC0010003")
    search.press("Enter")
    page.get_by_text("2 tickets match").wait_for(timeout=TIMEOUT)
    settle(page)
    open_combobox(page.get_by_role("combobox", name="Open ticket", exact=True))
    options = page.locator('[role="option"]')
    options.nth(1).wait_for(timeout=TIMEOUT)
    assert sorted(options.all_inner_texts()) == [
        "INC0010003 · copy from east.json · sys_id 00000000 · opened 2025-12-10 04:26",
        "INC0010003 · copy from west.json · sys_id ffffffff · opened 2025-12-11 09:15",
    ]
    options.filter(has_text="west.json").click()
    settle(page)
    _shows_west_copy(page)


def _shows_west_copy(page):
    """The ticket detail names the west copy (its caption under the heading)."""
    page.locator('[data-testid="stCaptionContainer"]').filter(
        has_text="copy from west.json"
    ).first.wait_for(timeout=TIMEOUT)


def _override(page, option: str, note: str):
    detail = page.locator('[data-testid="stExpander"]').filter(has_text=CRITERION).first
    form = expand(detail).locator('[data-testid="stForm"]')
    open_combobox(form.get_by_role("combobox", name="Score"))
    page.locator('[role="option"]').filter(has_text=re.compile(rf"^{option} ·")).click()
    form.get_by_label("Note").fill(note)
    form.get_by_role("button", name="Save override").click()
    settle(page)


def test_two_signed_in_analysts_and_a_duplicated_number(signed_server, browser, tmp_path):
    url = signed_server["url"]
    ann = _sign_in(browser, url, ANN)
    bob = _sign_in(browser, url, BOB)
    _open_west_copy(ann, url)
    _open_west_copy(bob, url)  # both look at the criterion as judged

    _override(ann, "0", "Ann: the short description is not in 4 parts")
    ann.get_by_text(shown(f"Overridden by {ANN[0]}")).wait_for(timeout=TIMEOUT)
    _shows_west_copy(ann)  # still this copy

    _override(bob, "5", "Bob: half right")  # on the view from before Ann's save
    conflict = bob.get_by_text(
        re.compile(rf"was changed by {re.escape(shown(ANN[0]))} at \d\d:\d\d UTC")
    )
    conflict.wait_for(timeout=TIMEOUT)
    bob.get_by_text(shown(f"Overridden by {ANN[0]}")).wait_for(timeout=TIMEOUT)  # now shown Ann's

    ann.get_by_role("button", name="Mark reviewed").click()
    ann.get_by_text(shown(f"Reviewed by {ANN[0]}")).wait_for(timeout=TIMEOUT)
    bob.get_by_role("button", name="Mark reviewed").click()  # Bob's view: not reviewed
    bob.get_by_text(
        re.compile(rf"Already marked reviewed by {re.escape(shown(ANN[0]))} at")
    ).wait_for(timeout=TIMEOUT)
    bob.screenshot(path=tmp_path / "bob-conflict.png", full_page=True)

    # Settings is an admin's: its URL tells an analyst so (not Streamlit's "Page not found")
    assert ann.get_by_role("link", name="Settings").count() == 0
    open_page(ann, f"{url}/settings", "Settings")
    ann.get_by_text("Settings (LLM credentials, ServiceNow, sign-in) are for admins").wait_for(
        timeout=TIMEOUT
    )
    assert ann.get_by_text("Page not found").count() == 0

    signed_server["server"].stop()
    with duckdb.connect(str(signed_server["db"]), read_only=True) as con:
        west, east = signed_server["west"], signed_server["east"]
        overrides = con.execute(
            "SELECT ticket_id, criterion_id, new_option, reviewer FROM criterion_overrides"
        ).fetchall()
        assert overrides == [(west, "short_description", "0", ANN[0])]
        reviews = con.execute("SELECT ticket_id, reviewer FROM ticket_reviews").fetchall()
        assert reviews == [(west, ANN[0])]
        assert east not in {t for t, *_ in overrides}
