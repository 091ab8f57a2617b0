"""What the Chromium tests share: Debian's chromium through Playwright, the workbench started
as `streamlit run` on a free port against the test's database, and helpers that wait for
Streamlit's reruns."""

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.workbench_server import serving
from tqrs.testing.chromium import ARGS, CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 120_000
# A whole run's wait: only an upper bound (a run that never ends fails the test), long enough
# for a machine shared with other jobs, where 200 LLM tickets have taken minutes.
RUN_TIMEOUT = 600_000

playwright_api = pytest.importorskip("playwright.sync_api")
if not os.path.exists(CHROMIUM):
    pytest.skip("chromium is not installed at /usr/bin/chromium", allow_module_level=True)


@contextmanager
def workbench(tmp_path: Path, extra_args=None, **env_vars):
    """The workbench as `streamlit run` starts it, on its own port (tests/workbench_server:
    another port when one is taken, the process group stopped at the end); yields {"url",
    "log", "server"}. `env_vars` are added to the environment (TQRS_DB among them);
    `extra_args(port)`, when given, returns more arguments for that port (called before the
    server starts on it)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), **env_vars)

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
            *(extra_args(port) if extra_args else []),
        ]

    with serving(command, cwd=ROOT, env=env, log=tmp_path / "server.log") as running:
        yield {"url": running.url, "log": running.log, "server": running}


class _Browser:
    """The launched browser, whose pages and contexts wait up to TIMEOUT for an element
    (Playwright's default, 30 s, ran out on a machine at load 8 while a rerun kept a widget
    disabled: a bound against hanging, not a speed check)."""

    def __init__(self, browser):
        self._browser = browser

    def __getattr__(self, name):
        return getattr(self._browser, name)

    def new_page(self, *args, **kwargs):
        page = self._browser.new_page(*args, **kwargs)
        page.set_default_timeout(TIMEOUT)
        return page

    def new_context(self, *args, **kwargs):
        context = self._browser.new_context(*args, **kwargs)
        context.set_default_timeout(TIMEOUT)
        return context


@pytest.fixture
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield _Browser(b)
        b.close()


def open_page(page, url: str, heading: str):
    page.goto(url)
    page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=TIMEOUT)
    settle(page)


def settle(page):
    """Wait until the script run that the last action started has finished."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=TIMEOUT)


def choose(page, label: str, option_text: str | None = None, index: int = 0):
    """Pick an option of the selectbox labelled `label` (by text, else by position)."""
    open_combobox(page.get_by_role("combobox", name=label, exact=True))
    options = page.locator('[role="option"]')
    target = options.filter(has_text=option_text).first if option_text else options.nth(index)
    target.click()
    settle(page)


def click_until(target, shown, attempts: int = 10):
    """Click `target` until `shown` is visible (a rerun may redraw it under the click)."""
    for _ in range(attempts):
        target.click()
        try:
            shown.wait_for(timeout=3000)
            return
        except playwright_api.TimeoutError:
            continue
    raise AssertionError(f"{shown} never showed")


def expand(expander):
    """Open `expander` (a `stExpander` locator) and return its details once they are open.

    A collapsed expander keeps its details in the page, marked `inert` (Streamlit 1.67): a
    visibility test can pass on them during the collapse animation, and a rerun can collapse
    an expander that was open, so this clicks until the details are open and stay so."""
    details = expander.locator('[data-testid="stExpanderDetails"]')
    for _ in range(10):
        settle(expander.page)
        if details.get_attribute("inert") is None and details.is_visible():
            return details
        expander.locator("summary").click()
    raise AssertionError(f"{expander} did not open")


def open_combobox(box):
    """Click until the listbox shows (a rerun can redraw the widget under the click)."""
    page = box.page
    for _ in range(10):
        try:
            box.click(timeout=10_000)  # an inert or redrawn box: try again, not for minutes
        except playwright_api.TimeoutError:
            continue
        try:
            page.locator('[role="option"]').first.wait_for(timeout=2000)
            return
        except playwright_api.TimeoutError:
            page.keyboard.press("Escape")
    raise AssertionError("the selectbox did not open")
