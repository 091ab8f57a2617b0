"""The Settings page in Chromium: an API key saved leaves the page. The key field is a
password input, whose value is in the page's HTML; after "Save settings" it held the key
typed (the frontend keeps a field's value unless the page sets it), and the "Saved."
confirmation was lost to the rerun that shows the saved values."""

import pytest

from tests.browser.conftest import TIMEOUT, open_page, playwright_api, settle, workbench

pytestmark = pytest.mark.browser

PASSWORD = "browser-settings-admin"
KEY = "sk-test-SECRET123"


def test_saved_key_is_not_left_in_the_page(tmp_path, browser):
    db = tmp_path / "state" / "tqrs.duckdb"
    with workbench(tmp_path, TQRS_DB=str(db), TQRS_ADMIN_PASSWORD=PASSWORD) as server:
        page = browser.new_page(viewport={"width": 1440, "height": 2200})
        open_page(page, f"{server['url']}/settings", "Settings")
        page.get_by_label("Admin password").fill(PASSWORD)
        page.get_by_role("button", name="Unlock").click()
        save = page.get_by_role("button", name="Save settings")
        save.wait_for()
        page.get_by_text("OpenAI-compatible server").click()
        page.get_by_role("textbox", name="Endpoint (OpenAI-compatible base URL)").fill(
            "http://127.0.0.1:9/v1"
        )
        key = page.get_by_role("textbox", name="API key", exact=True)
        for _ in range(2):  # a first key, then the same key saved again
            key.fill(KEY)
            save.click()
            page.get_by_text("Saved. Environment values still win").wait_for()
            playwright_api.expect(key).to_have_value(
                "", timeout=TIMEOUT
            )  # the page's last message sets it
            settle(page)
            assert key.get_attribute("placeholder") == "saved: ****T123 · leave blank to keep it"
            assert "SECRET123" not in page.content()
        assert "SECRET123" in (db.parent / "secrets.json").read_text()  # saved all the same


def test_a_wrong_admin_password_leaves_the_field(tmp_path, browser):
    """After "Wrong password." the field kept what was typed, in the page's HTML
    (`value="..."`): a near miss of the admin password, there for anyone at the screen or
    with the page. Every try empties it."""
    db = tmp_path / "state" / "tqrs.duckdb"
    with workbench(tmp_path, TQRS_DB=str(db), TQRS_ADMIN_PASSWORD=PASSWORD) as server:
        page = browser.new_page(viewport={"width": 1440, "height": 1400})
        open_page(page, f"{server['url']}/settings", "Settings")
        field = page.get_by_label("Admin password")
        field.fill("browser-settings-admim")  # one letter off
        page.get_by_role("button", name="Unlock").click()
        page.get_by_text("Wrong password.").wait_for()
        settle(page)
        playwright_api.expect(field).to_have_value("", timeout=TIMEOUT)
        assert "settings-admim" not in page.content()
