"""The HTML reports in a real Chromium: hostile ticket text runs no script, and the report of
5,000 tickets opens with its charts drawn (screenshot in test-output/). The time to generate
it (bar: < 10 s) is printed by scripts/bench_report.py."""

import importlib.util
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.reports.conftest import FORMULA, IMG, SCRIPT
from tqrs.reports import load_report, write_report, write_ticket_report
from tqrs.review import override_criterion
from tqrs.testing.chromium import ARGS, CHROMIUM

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-output"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _open(browser, path: Path, charts: int):
    """A page showing the file, with every dialog and console message recorded, once
    plotly has drawn `charts` charts."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.dialogs, page.console = [], []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda m: page.console.append(m.text))
    page.on("pageerror", lambda e: page.console.append(f"page error: {e}"))
    page.goto(path.as_uri())
    if charts:
        page.wait_for_function(
            f"document.querySelectorAll('[data-chart] svg.main-svg').length >= {charts}",
            timeout=30_000,
        )
    # A failed image load fires onerror after the load event: wait until every image has
    # loaded or failed, then let the events queued by that run.
    page.wait_for_function("Array.from(document.images).every(i => i.complete)")
    page.evaluate("() => new Promise(resolve => setTimeout(resolve, 0))")
    return page


def test_hostile_text_runs_no_script(browser, hostile_run, tmp_path):
    store, run_id = hostile_run
    plain = load_report(store, run_id)
    first = plain.tickets[0]
    cid = first.criteria[0].result.criterion_id
    override_criterion(store, run_id, first.ticket_id, cid, "0", f"{SCRIPT} {IMG} {FORMULA}", IMG)
    report = load_report(store, run_id)
    pages = [(write_report(report, "html", tmp_path / "batch.html")[0], 3)]
    pages += [
        (
            write_ticket_report(report, t.number, tmp_path / f"t{i}.html"),
            int(t.score.status == "scored"),
        )
        for i, t in enumerate(report.tickets)
    ]
    shown = ""
    for path, charts in pages:
        page = _open(browser, path, charts)
        assert page.dialogs == [], f"{path.name}: an alert fired"
        assert page.evaluate("window.__pwned") is None, f"{path.name}: injected code ran"
        assert page.evaluate("document.querySelectorAll('main script, main img').length") == 0
        assert not [
            m for m in page.console if "Content Security Policy" in m or "page error" in m
        ], page.console
        shown += page.inner_text("main")
        page.evaluate("alert('probe')")  # the handler does see alerts
        assert page.dialogs == ["probe"]
        page.close()
    for attack in (SCRIPT, IMG, FORMULA):
        assert attack in shown  # shown as text, not run


def test_report_of_5000_tickets_opens_with_charts(browser, store, tmp_path):
    spec = importlib.util.spec_from_file_location(
        "bench_report", ROOT / "scripts" / "bench_report.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    run_id = bench.build_run(store, 5000, tmp_path)
    _, path = bench.time_html_report(store, run_id, tmp_path)

    page = _open(browser, path, 3)
    assert page.dialogs == [] and not [m for m in page.console if "page error" in m]
    for chart in ("chart-bands", "chart-histogram", "chart-failures"):
        bars = page.evaluate(
            f"document.querySelectorAll('[data-chart={chart}] "
            f".main-svg path.point, [data-chart={chart}] .main-svg .bars path')"
            ".length"
        )
        assert bars > 0, f"{chart}: no bars drawn"
    assert page.inner_text("[data-figure=tickets]") == "5,000"
    # Every chart draws inside its box, and nothing of it over the heading that follows (the
    # failure chart's axis ran over "Criteria").
    for chart in ("chart-bands", "chart-histogram", "chart-failures"):
        box, drawn = page.evaluate(
            f"""() => {{
            const el = document.querySelector('[data-chart={chart}]');
            const bottoms = Array.from(el.querySelectorAll('svg text'))
                .map(t => t.getBoundingClientRect().bottom);
            return [el.getBoundingClientRect().bottom, Math.max(...bottoms)];
        }}"""
        )
        assert drawn <= box, f"{chart}: text drawn {drawn - box:.0f}px below its box"
    heading = page.locator("h2", has_text="Criteria").first.bounding_box()["y"]
    failures = page.locator("[data-chart=chart-failures]").bounding_box()
    assert failures["y"] + failures["height"] <= heading
    SCREENSHOTS.mkdir(exist_ok=True)
    shot = SCREENSHOTS / "report-5000-tickets.png"
    page.screenshot(path=shot, full_page=False)
    assert shot.stat().st_size > 20_000

    page.emulate_media(media="print")  # printable: charts kept, the long ticket list left out
    assert page.evaluate("getComputedStyle(document.querySelector('details')).display") == "none"
    assert page.locator("[data-chart] svg.main-svg").first.is_visible()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
    page.close()


def test_a_name_ending_in_a_right_to_left_override_turns_nothing_around_it(
    browser, store, tmp_path
):
    """A session named 'Week 48' + RLO (U+202E): in the report's heading line the override
    ran on past the name, so 'rubric incident_logging 1.1' after it read right to left
    ('1.1 gniggol_tnedicni cirbur'). Measured in Chromium: the characters of 'rubric' stand
    left to right."""
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files
    from tqrs.testing.tickets import write_export as write_sample_export

    path = write_sample_export(tmp_path / "week.json", 3)
    session_id = ingest_files(store, [path], "Week 48\u202e").session_id
    run_id = evaluate_offline(store, session_id, "incident_logging")
    page = _open(
        browser, write_report(load_report(store, run_id), "html", tmp_path / "r.html")[0], 3
    )
    lefts = page.evaluate(
        """() => {
            const meta = document.querySelector('p.meta');
            const walker = document.createTreeWalker(meta, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf('rubric');
                if (at < 0) continue;
                return [...'rubric'].map((_, i) => {
                    const range = document.createRange();
                    range.setStart(node, at + i);
                    range.setEnd(node, at + i + 1);
                    return range.getBoundingClientRect().left;
                });
            }
            return null;
        }"""
    )
    assert lefts is not None and lefts == sorted(lefts), lefts
