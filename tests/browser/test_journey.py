"""The workbench in a real browser (Debian's chromium through Playwright): an analyst's journey
from upload to an overridden score, and two browser sessions evaluating at the same time.
Screenshots of each page go to the test's output folder (tmp_path/screenshots)."""

import duckdb
import pytest

from tests.browser.conftest import (
    ROOT,
    RUN_TIMEOUT,
    TIMEOUT,
    choose,
    click_until,
    expand,
    open_combobox,
    open_page,
    settle,
    workbench,
)
from tqrs.testing.fake_openai import FakeOpenAI, FaultPlan

pytestmark = pytest.mark.browser

SAMPLES = ROOT / "data" / "samples"
PASSWORD = "browser-test-admin"


@pytest.fixture
def server(tmp_path):
    """The workbench on its own port and database."""
    db = tmp_path / "state" / "tqrs.duckdb"
    with workbench(
        tmp_path, TQRS_DB=str(db), TQRS_ADMIN_PASSWORD=PASSWORD, USER="Browser Analyst"
    ) as running:
        yield {**running, "db": db}


@pytest.fixture
def llm_server(tmp_path):
    """The workbench with an LLM: the local fake server, answering in 0.1 s, 2 requests at a
    time per run, so a run of 200 tickets lasts at least 10 s."""
    db = tmp_path / "state" / "tqrs.duckdb"
    with FakeOpenAI(FaultPlan(latency=0.1)) as fake:
        env = {
            "OPENAI_BASE_URL": fake.base_url,
            "OPENAI_API_KEY": "sk-browser-test",
            "OPENAI_MODEL": "gpt-4o-mini",
            "BATCH_CONCURRENCY": "2",
        }
        with workbench(
            tmp_path, TQRS_DB=str(db), TQRS_ADMIN_PASSWORD=PASSWORD, USER="Browser Analyst", **env
        ) as running:
            yield {**running, "db": db, "fake": fake}


@pytest.fixture
def shots(tmp_path):
    folder = tmp_path / "screenshots"
    folder.mkdir()
    return folder


def _start_evaluation(page, url: str, session: str):
    open_page(page, f"{url}/evaluate", "Evaluate")
    choose(page, "Session", session)
    page.get_by_role("button", name="Start evaluation").click()


def test_upload_evaluate_review_override(server, browser, shots):
    url = server["url"]
    # Streamlit scrolls inside its own container: a tall window shows whole pages.
    page = browser.new_page(viewport={"width": 1440, "height": 2200})

    open_page(page, url, "Ticket Quality Review")
    page.get_by_text("offline judge — no credentials configured").wait_for(timeout=TIMEOUT)
    page.screenshot(path=shots / "1-home-empty.png", full_page=True)

    open_page(page, f"{url}/upload", "Upload")
    page.locator('input[type="file"]').set_input_files(str(SAMPLES / "incidents.json"))
    page.get_by_text("incidents.json").first.wait_for(timeout=TIMEOUT)
    settle(page)
    page.get_by_role("button", name="Create session").click()
    page.get_by_text("Created session #1").wait_for(timeout=TIMEOUT)
    settle(page)
    click_until(
        page.get_by_role("tab", name="Dataset profile"), page.get_by_text("Volume over time")
    )
    settle(page)
    page.screenshot(path=shots / "2-upload.png", full_page=True)

    _start_evaluation(page, url, "#1")
    page.get_by_text("200 of 200 tickets · completed").wait_for(timeout=RUN_TIMEOUT)
    page.get_by_text("Review results").wait_for(timeout=TIMEOUT)
    settle(page)
    page.screenshot(path=shots / "3-evaluate.png", full_page=True)

    open_page(page, f"{url}/review", "Review")
    page.get_by_text("200 tickets match").wait_for(timeout=TIMEOUT)
    choose(page, "Sort by", "score")
    choose(page, "Open ticket", index=0)
    page.get_by_role("button", name="Mark reviewed").wait_for(timeout=TIMEOUT)
    # the first criterion's expander: the one holding an override form
    detail = (
        page.locator('[data-testid="stExpander"]')
        .filter(has=page.locator('[data-testid="stForm"]'))
        .first
    )
    form = expand(detail).locator('[data-testid="stForm"]')
    open_combobox(form.get_by_role("combobox", name="Score"))
    page.locator('[role="option"]').first.click()
    form.get_by_label("Note").fill("Checked by hand: the analyst did this right")
    form.get_by_role("button", name="Save override").click()
    page.get_by_text("Overridden by Browser Analyst").wait_for(timeout=TIMEOUT)
    page.get_by_role("button", name="Mark reviewed").click()
    page.get_by_text("Reviewed by Browser Analyst").wait_for(timeout=TIMEOUT)
    settle(page)
    page.screenshot(path=shots / "4-review-ticket.png", full_page=True)

    open_page(page, f"{url}/settings", "Settings")
    assert page.get_by_role("button", name="Save settings").count() == 0
    page.get_by_label("Admin password").fill(PASSWORD)
    page.get_by_role("button", name="Unlock").click()
    page.get_by_role("button", name="Test connection").wait_for(timeout=TIMEOUT)
    settle(page)
    page.screenshot(path=shots / "5-settings.png", full_page=True)

    open_page(page, url, "Ticket Quality Review")
    page.get_by_text("Pass rate by run").wait_for(timeout=TIMEOUT)
    page.screenshot(path=shots / "6-home.png", full_page=True)
    assert len(list(shots.glob("*.png"))) == 6

    server["server"].stop()
    with duckdb.connect(str(server["db"]), read_only=True) as con:
        override = con.execute("SELECT reviewer, note FROM criterion_overrides").fetchall()
        assert override == [("Browser Analyst", "Checked by hand: the analyst did this right")]
        assert con.execute("SELECT count(*) FROM ticket_reviews").fetchone()[0] == 1


def test_two_sessions_evaluate_at_the_same_time(llm_server, browser, shots):
    server = llm_server
    url = server["url"]
    pages = []
    for export in ("incidents.json", "incidents.csv"):
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        open_page(page, f"{url}/upload", "Upload")
        page.locator('input[type="file"]').set_input_files(str(SAMPLES / export))
        page.get_by_text(export).first.wait_for(timeout=TIMEOUT)
        settle(page)
        page.get_by_role("button", name="Create session").click()
        page.get_by_text("Created session").wait_for(timeout=TIMEOUT)
        pages.append(page)
    for page, session in zip(pages, ("#1", "#2"), strict=True):
        open_page(page, f"{url}/evaluate", "Evaluate")
        choose(page, "Session", session)
    for page in pages:  # both clicks before either run can finish (each lasts 10 s or more)
        page.get_by_role("button", name="Start evaluation").click()
    for i, page in enumerate(pages):
        try:
            page.get_by_text(" tickets · completed").filter(visible=True).first.wait_for(
                timeout=RUN_TIMEOUT
            )
        finally:
            page.screenshot(path=shots / f"concurrent-{i}.png", full_page=True)

    # Each run keeps at most 2 requests in flight: more than 2 means they ran at once.
    assert server["fake"].stats.max_in_flight > 2, "the two runs did not overlap"
    server["server"].stop()
    log = server["log"].read_text()
    assert "Traceback" not in log and "Error" not in log, log
    with duckdb.connect(str(server["db"]), read_only=True) as con:
        runs = con.execute(
            "SELECT id, session_id, status, started_at, finished_at FROM runs ORDER BY started_at"
        ).fetchall()
        assert sorted(r[1] for r in runs) == [1, 2]
        assert all(r[2] == "completed" for r in runs)
        for run_id, session_id, *_ in runs:
            size = con.execute(
                "SELECT ticket_count FROM sessions WHERE id = ?", [session_id]
            ).fetchone()[0]
            n, foreign, crit = con.execute(
                "SELECT count(*), count(*) FILTER (t.session_id <> ?), "
                "(SELECT count(*) FROM criterion_results c WHERE c.run_id = ?) "
                "FROM ticket_results r JOIN tickets t ON t.id = r.ticket_id "
                "WHERE r.run_id = ?",
                [session_id, run_id, run_id],
            ).fetchone()
            assert (n, foreign) == (size, 0)
            assert crit == size * 7
