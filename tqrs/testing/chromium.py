"""Debian's chromium as the tests and the browser-printed samples launch it (Playwright's
executable_path): headless, no sandbox, nothing fetched from the network."""

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
