"""The workbench in a real browser (Debian's chromium through Playwright): an analyst's journey
from upload to an overridden score, and two browser sessions evaluating at the same time.
Screenshots of each page go to the test's output folder (tmp_path/screenshots)."""

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from tests.workbench_server import serving
from tqrs.testing.chromium import ARGS, CHROMIUM
from tqrs.testing.fake_openai import FakeOpenAI, FaultPlan

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
PASSWORD = "browser-test-admin"
TIMEOUT = 60_000

playwright_api = pytest.importorskip("playwright.sync_api")
if not os.path.exists(CHROMIUM):
    pytest.skip("chromium is not installed at /usr/bin/chromium", allow_module_level=True)


@pytest.fixture
def server(tmp_path):
    """The workbench as `streamlit run` starts it, on its own port and database."""
    with _workbench(tmp_path, {}) as running:
        yield running


@pytest.fixture
def llm_server(tmp_path):
    """The workbench with an LLM: the local fake server, answering in 0.1 s, 2 requests at a
    time per run, so a run of 200 tickets lasts at least 10 s."""
    with FakeOpenAI(FaultPlan(latency=0.1)) as fake:
        env = {
            "OPENAI_BASE_URL": fake.base_url,
            "OPENAI_API_KEY": "sk-browser-test",
            "OPENAI_MODEL": "gpt-4o-mini",
            "BATCH_CONCURRENCY": "2",
        }
        with _workbench(tmp_path, env) as running:
            yield {**running, "fake": fake}


@contextmanager
def _workbench(tmp_path, extra_env: dict):
    db = tmp_path / "state" / "tqrs.duckdb"
    env = dict(
        os.environ,
        TQRS_DB=str(db),
        TQRS_ADMIN_PASSWORD=PASSWORD,
        PYTHONPATH=str(ROOT),
        USER="Browser Analyst",
        **extra_env,
    )

    def command(port: int) -> list[str]:
        return [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app" / "main.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ]

    with serving(command, cwd=ROOT, env=env, log=tmp_path / "server.log") as running:
        yield {"url": running.url, "db": db, "log": running.log, "server": running}


@pytest.fixture
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def shots(tmp_path):
    folder = tmp_path / "screenshots"
    folder.mkdir()
    return folder


def _open(page, url: str, heading: str):
    page.goto(url)
    page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=TIMEOUT)
    _settle(page)


def _settle(page):
    """Wait until the script run that the last action started has finished."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=TIMEOUT)


def _choose(page, label: str, option_text: str | None = None, index: int = 0):
    """Pick an option of the selectbox labelled `label` (by text, else by position)."""
    _open_combobox(page.get_by_role("combobox", name=label, exact=True))
    options = page.locator('[role="option"]')
    target = options.filter(has_text=option_text).first if option_text else options.nth(index)
    target.click()
    _settle(page)


def _click_until(target, shown, attempts: int = 10):
    """Click `target` until `shown` is visible (a rerun may redraw it under the click)."""
    for _ in range(attempts):
        target.click()
        try:
            shown.wait_for(timeout=3000)
            return
        except playwright_api.TimeoutError:
            continue
    raise AssertionError(f"{shown} never showed")


def _open_combobox(box):
    """Click until the listbox shows (a rerun can redraw the widget under the click)."""
    page = box.page
    for _ in range(10):
        box.click()
        try:
            page.locator('[role="option"]').first.wait_for(timeout=2000)
            return
        except playwright_api.TimeoutError:
            page.keyboard.press("Escape")
    raise AssertionError("the selectbox did not open")


def _start_evaluation(page, url: str, session: str):
    _open(page, f"{url}/evaluate", "Evaluate")
    _choose(page, "Session", session)
    page.get_by_role("button", name="Start evaluation").click()


def test_upload_evaluate_review_override(server, browser, shots):
    url = server["url"]
    # Streamlit scrolls inside its own container: a tall window shows whole pages.
    page = browser.new_page(viewport={"width": 1440, "height": 2200})

    _open(page, url, "Ticket Quality Review")
    page.get_by_text("offline judge — no credentials configured").wait_for(timeout=TIMEOUT)
    page.screenshot(path=shots / "1-home-empty.png", full_page=True)

    _open(page, f"{url}/upload", "Upload")
    page.locator('input[type="file"]').set_input_files(str(SAMPLES / "incidents.json"))
    page.get_by_text("incidents.json").first.wait_for(timeout=TIMEOUT)
    _settle(page)
    page.get_by_role("button", name="Create session").click()
    page.get_by_text("Created session #1").wait_for(timeout=TIMEOUT)
    _settle(page)
    _click_until(
        page.get_by_role("tab", name="Dataset profile"), page.get_by_text("Volume over time")
    )
    _settle(page)
    page.screenshot(path=shots / "2-upload.png", full_page=True)

    _start_evaluation(page, url, "#1")
    page.get_by_text("200 of 200 tickets · completed").wait_for(timeout=TIMEOUT)
    page.get_by_text("Review results").wait_for(timeout=TIMEOUT)
    _settle(page)
    page.screenshot(path=shots / "3-evaluate.png", full_page=True)

    _open(page, f"{url}/review", "Review")
    page.get_by_text("200 tickets match").wait_for(timeout=TIMEOUT)
    _choose(page, "Sort by", "score")
    _choose(page, "Open ticket", index=0)
    page.get_by_role("button", name="Mark reviewed").wait_for(timeout=TIMEOUT)
    # the first criterion's expander: the one holding an override form
    detail = (
        page.locator('[data-testid="stExpander"]')
        .filter(has=page.locator('[data-testid="stForm"]'))
        .first
    )
    if not detail.locator('[data-testid="stForm"]').is_visible():
        detail.locator("summary").click()
    form = detail.locator('[data-testid="stForm"]')
    _open_combobox(form.get_by_role("combobox", name="Score"))
    page.locator('[role="option"]').first.click()
    form.get_by_label("Note").fill("Checked by hand: the analyst did this right")
    form.get_by_role("button", name="Save override").click()
    page.get_by_text("Overridden by Browser Analyst").wait_for(timeout=TIMEOUT)
    page.get_by_role("button", name="Mark reviewed").click()
    page.get_by_text("Reviewed by Browser Analyst").wait_for(timeout=TIMEOUT)
    _settle(page)
    page.screenshot(path=shots / "4-review-ticket.png", full_page=True)

    _open(page, f"{url}/settings", "Settings")
    assert page.get_by_role("button", name="Save settings").count() == 0
    page.get_by_label("Admin password").fill(PASSWORD)
    page.get_by_role("button", name="Unlock").click()
    page.get_by_role("button", name="Test connection").wait_for(timeout=TIMEOUT)
    _settle(page)
    page.screenshot(path=shots / "5-settings.png", full_page=True)

    _open(page, url, "Ticket Quality Review")
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
        _open(page, f"{url}/upload", "Upload")
        page.locator('input[type="file"]').set_input_files(str(SAMPLES / export))
        page.get_by_text(export).first.wait_for(timeout=TIMEOUT)
        _settle(page)
        page.get_by_role("button", name="Create session").click()
        page.get_by_text("Created session").wait_for(timeout=TIMEOUT)
        pages.append(page)
    for page, session in zip(pages, ("#1", "#2"), strict=True):
        _open(page, f"{url}/evaluate", "Evaluate")
        _choose(page, "Session", session)
    for page in pages:  # both clicks before either run can finish (each lasts 10 s or more)
        page.get_by_role("button", name="Start evaluation").click()
    for i, page in enumerate(pages):
        try:
            page.get_by_text(" tickets · completed").filter(visible=True).first.wait_for(
                timeout=TIMEOUT
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
