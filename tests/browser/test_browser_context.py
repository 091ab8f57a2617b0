"""The analyst's context in a real browser: the Review page's run, filters and open ticket are
in the address bar, survive a reload and a trip to another page, and a copied link opens the
same ticket for a colleague (another browser context)."""

import re

import pytest

from tests.browser.conftest import ROOT, TIMEOUT, open_page, settle, workbench
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.store import Store

pytestmark = pytest.mark.browser

PASSWORD = "browser-test-admin"


@pytest.fixture
def scored(tmp_path):
    """The workbench over a database holding the sample, scored offline: (server, run id,
    (ticket id, number) of a ticket that fails the short-description criterion)."""
    db = tmp_path / "state" / "tqrs.duckdb"
    db.parent.mkdir()
    with Store(db) as store:
        session = ingest_files(store, [ROOT / "data" / "samples" / "incidents.json"], "Shared")
        run_id = evaluate_offline(store, session.session_id, "incident_logging")
        ticket = store.query(
            "SELECT ticket_id, number FROM effective_criterion_results "
            "JOIN ticket_results USING (run_id, ticket_id) WHERE run_id = ? "
            "AND criterion_id = 'short_description' AND failed ORDER BY number LIMIT 1 OFFSET 3",
            [run_id],
        )[0]
    with workbench(tmp_path, TQRS_DB=str(db), TQRS_ADMIN_PASSWORD=PASSWORD) as running:
        yield running, run_id, ticket


def _ticket_heading(page, number: str):
    return page.get_by_role("heading", name=re.compile(rf"^{re.escape(number)} · "))


def _search_shows(page, text: str) -> None:
    """Wait until the Search box shows `text` (the box is drawn before its value arrives)."""
    page.wait_for_function(
        f"[...document.querySelectorAll('input[aria-label=Search]')].some(i => i.value == {text!r})",
        timeout=TIMEOUT,
    )


def test_review_context_survives_reload_page_change_and_a_shared_link(scored, browser):
    server, run_id, (ticket_id, number) = scored
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    link = f"{server['url']}/review?run={run_id}&failed=short_description&ticket={ticket_id}"
    open_page(page, link, "Review")
    _ticket_heading(page, number).wait_for(timeout=TIMEOUT)
    # A filter typed in: the address bar follows.
    search = page.get_by_role("textbox", name="Search", exact=True)
    search.fill("INC")
    search.press("Enter")
    settle(page)
    page.wait_for_function("location.search.includes('q=INC')", timeout=TIMEOUT)
    assert f"ticket={ticket_id}" in page.url and "failed=short_description" in page.url

    page.reload()  # a new browser session: everything from the address bar
    page.get_by_role("heading", name="Review", exact=True).wait_for(timeout=TIMEOUT)
    settle(page)
    _ticket_heading(page, number).wait_for(timeout=TIMEOUT)
    _search_shows(page, "INC")

    # To Reports through the sidebar and back: the same run, filters and ticket.
    page.get_by_role("link", name="Reports", exact=True).click()
    page.get_by_role("heading", name="Reports", exact=True).wait_for(timeout=TIMEOUT)
    settle(page)
    page.wait_for_function(f"location.search.includes('run={run_id}')", timeout=TIMEOUT)
    page.get_by_role("link", name="Review", exact=True).click()
    page.get_by_role("heading", name="Review", exact=True).wait_for(timeout=TIMEOUT)
    settle(page)
    _ticket_heading(page, number).wait_for(timeout=TIMEOUT)
    _search_shows(page, "INC")
    page.wait_for_function("location.search.includes('q=INC')", timeout=TIMEOUT)
    shared = page.url

    colleague = browser.new_context().new_page()  # no cookies, no session: only the link
    open_page(colleague, shared, "Review")
    _ticket_heading(colleague, number).wait_for(timeout=TIMEOUT)
    _search_shows(colleague, "INC")
    page.close()
    colleague.close()


@pytest.mark.parametrize("width", [1280, 1440, 1920])
def test_review_filters_show_every_verdict_option(scored, browser, width):
    """The Verdict selector sat in a seventh of the filters' first row: its options scrolled
    inside it, "Not assessable" out of sight (seen in Chromium, 1400 px wide). At 1280 px
    every option of both segmented controls shows whole, on one line, inside its column (and
    at 1440 and 1920 px, the widths of qa5's report of the same defect)."""
    server, run_id, _ = scored
    page = browser.new_page(viewport={"width": width, "height": 1000})
    open_page(page, f"{server['url']}/review?run={run_id}", "Review")
    groups = page.locator('[data-testid="stButtonGroup"]')
    for label, options in (
        ("Verdict", ["Pass", "Fail", "Too little to judge"]),
        ("Reviewed", ["Reviewed", "Not reviewed"]),
    ):
        group = groups.filter(has_text=options[-1]).first
        assert label in group.inner_text()
        column = group.locator("xpath=ancestor::div[@data-testid='stColumn'][1]").bounding_box()
        buttons = [b for b in group.locator("button").all() if b.inner_text()]  # not the "?"
        assert [b.inner_text() for b in buttons] == options
        boxes = [b.bounding_box() for b in buttons]
        for option, box in zip(options, boxes, strict=True):
            assert column["x"] <= box["x"], (label, option, box, column)
            assert box["x"] + box["width"] <= column["x"] + column["width"] + 0.5, (
                label,
                option,
                box,
                column,
            )
        assert len({round(b["y"]) for b in boxes}) == 1, (label, boxes)  # one line


@pytest.mark.parametrize(("path", "heading"), [("queue", "Review queue"), ("review", "Review")])
def test_the_ticket_tables_fit_a_1440_pixel_window(scored, browser, path, heading):
    """Left to their content, the queue's "Why" and short description (1,714 pixels) and the
    Review table's short description and "Held by" (1,273 pixels and more) made the table
    scroll sideways in the 978 pixels beside the sidebar: the short description out of sight.
    Each table's scroller now holds it whole (scrollWidth, as Chromium lays it out)."""
    server, run_id, _ = scored
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    open_page(page, f"{server['url']}/{path}?run={run_id}", heading)
    tables = page.locator('[data-testid="stDataFrame"]')
    tables.first.wait_for(timeout=TIMEOUT)
    widths = []
    for i in range(tables.count()):  # the expanders' tables too, should they show
        tables.nth(i).scroll_into_view_if_needed()
        scroller = tables.nth(i).locator(".dvn-scroller")
        scroller.wait_for(timeout=TIMEOUT)
        widths.append(scroller.evaluate("e => [e.scrollWidth, e.clientWidth]"))
    assert all(shown > 900 and wide <= shown for wide, shown in widths), widths
