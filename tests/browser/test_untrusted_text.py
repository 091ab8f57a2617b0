"""Untrusted text through every page in Chromium: rendered as text, never as Markdown or HTML,
and no page requests anything from another host.

Every field the workbench shows from outside carries a payload: a Markdown image and link, an
HTML image with an onerror handler, a javascript: link, a bare URL and a relative image, all
pointing at a local "beacon" server that counts what it is asked. The fields: ticket number,
texts, caller, company, location, category, service, CI, group, agent, close code; the
session's and the files' names (from the core and from an upload); a user rubric's name,
criterion titles, guidance, option labels and descriptions, band names (on Evaluate, Review and
the Rubrics page, read and in the form of a copy); a knowledge document's
name, headings and text; the LLM's evidence, reasoning, coaching and agent summaries (the fake
server's answers); an override note and the reviewer's and analyst's names. Each page is
visited (the ticket detail opened, its sections expanded, the search run, the LLM coaching
written, the connection tested), and after each: no image or link in the page points at the
beacon or at javascript:, no handler ran; at the end the beacon was asked nothing and every
request the browser made went to the workbench itself."""

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import (
    ROOT,
    TIMEOUT,
    choose,
    click_until,
    open_combobox,
    open_page,
    settle,
    workbench,
)
from tests.conftest import incident

pytestmark = pytest.mark.browser

PASSWORD = "browser-untrusted-admin"


class Beacon:
    """A local HTTP server that records every request it gets."""

    def __init__(self):
        hits = self.hits = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(204)
                self.end_headers()

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def payload(self, tag: str) -> str:
        """Everything a page could render or fetch, marked with `tag` (where it was put)."""
        url = f"http://127.0.0.1:{self.port}"
        return (
            f"{tag} ![x]({url}/beacon-md-{tag}.png) "
            f'<img src="{url}/beacon-img-{tag}.png" onerror="window.__pwned=\'{tag}\'"> '
            f"[link]({url}/beacon-link-{tag}) <a href=\"javascript:window.__pwned='{tag}'\">a</a> "
            f"[js](javascript:window.__pwned='{tag}') {url}/beacon-auto-{tag} "
            f"www.beacon-{tag}.example beacon-{tag}@example.org **bold** <b>raw</b> :red[red] "
            f"![rel](beacon-rel-{tag}.png) $x^2$"
        )


@pytest.fixture
def beacon():
    b = Beacon()
    yield b
    b.server.shutdown()


def _hostile_rubric(b: Beacon) -> dict:
    rubric = json.loads((ROOT / "data" / "rubrics" / "incident_handling.json").read_text())
    rubric.update(id="hostile", name=b.payload("rubric-name"), description=b.payload("rubric"))
    for c in rubric["criteria"]:
        c["title"] = b.payload(f"title-{c['id']}")
        c["guidance"] = b.payload(f"guidance-{c['id']}")
        for o in c["options"]:
            o["description"] = b.payload(f"option-{c['id']}-{o['label']}")
            if c["method"] == "llm":  # the judge picks these: shown as the verdict
                o["label"] = b.payload(f"label-{c['id']}-{o['label']}")
    for band in rubric["bands"]:
        band["name"] = b.payload(f"band-{band['name']}")
    return rubric


def _records(b: Beacon) -> list[dict]:
    fields = (
        "short_description",
        "description",
        "work_notes",
        "comments",
        "close_notes",
        "caller_id",
        "opened_by",
        "company",
        "location",
        "category",
        "subcategory",
        "business_service",
        "cmdb_ci",
        "close_code",
    )
    return [
        incident(
            n,
            number=b.payload(f"number{n}") if n == 1 else f"INC{n:07d}",
            assignment_group=b.payload("group"),
            assigned_to=b.payload("agent"),
            **{f: b.payload(f"{f}{n}") + "\nreset the password" for f in fields},
        )
        for n in range(1, 7)
    ]


def _prepare(tmp_path, b: Beacon, fake_url: str) -> tuple[int, int]:
    """The database as a team would have it: a hostile session, a user rubric, an LLM run and
    an offline run, overrides and reviewed marks, a knowledge document. Returns the LLM run's
    id and the session's."""
    import asyncio

    from tqrs.embeddings import FakeEmbedder
    from tqrs.engine import execute, plan_run
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files
    from tqrs.judges.llm import LLMJudge
    from tqrs.knowledge import add_documents
    from tqrs.llm.settings import resolve_settings
    from tqrs.review import load_ticket_review, mark_reviewed, override_criterion
    from tqrs.rubric import load_rubric
    from tqrs.store import Store

    state = tmp_path / "state"
    (state / "rubrics").mkdir(parents=True)
    (state / "rubrics" / "hostile.json").write_text(json.dumps(_hostile_rubric(b)))
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"records": _records(b)}))
    doc = tmp_path / "sop.md"
    doc.write_text(
        f"# {b.payload('kb-heading')}\n\n{b.payload('kb-text')} Reset the password after "
        f"checking the caller.\n\n## {b.payload('kb-heading2')}\n\n{b.payload('kb-text2')} "
        "Restart the VPN client and check the token.\n"
    )
    with Store(state / "tqrs.duckdb") as store:
        session = ingest_files(
            store, [export], b.payload("session"), display_names=[b.payload("file")]
        ).session_id
        add_documents(store, FakeEmbedder(), [doc], display_names=[b.payload("kb-file") + ".md"])
        rubric = load_rubric("hostile")
        settings = resolve_settings(
            {"base_url": fake_url, "api_key": "sk-untrusted", "model": "gpt-4o-mini"}, env={}
        )
        judge = LLMJudge(settings, store=store, embedder_factory=FakeEmbedder)
        plan = plan_run(store, session, rubric, judge)
        with ThreadPoolExecutor(1) as pool:  # Playwright's loop runs on this thread
            pool.submit(asyncio.run, execute(store, plan, judge, concurrency=2)).result()
        evaluate_offline(store, session, "incident_logging", embedder_factory=FakeEmbedder)
        for ticket_id in [r[0] for r in store.query("SELECT id FROM tickets ORDER BY id")][:3]:
            view = load_ticket_review(store, plan.run_id, ticket_id)
            for c in view.criteria[:2]:
                other = next(
                    o.label
                    for o in rubric.criterion(c.effective.criterion_id).options
                    if o.label != c.effective.option
                )
                override_criterion(
                    store,
                    plan.run_id,
                    ticket_id,
                    c.effective.criterion_id,
                    other,
                    b.payload("note"),
                    b.payload("reviewer"),
                )
            mark_reviewed(store, plan.run_id, ticket_id, b.payload("reviewer"))
    return plan.run_id, session


def _assert_inert(page, where: str) -> None:
    """No image or link on the page points at the beacon or at javascript:, and no payload's
    script ran."""
    found = page.evaluate(
        """() => {
            const urls = [];
            for (const el of document.querySelectorAll('img[src], a[href], image, [style*=url]'))
                urls.push(el.getAttribute('src') || el.getAttribute('href')
                          || el.getAttribute('xlink:href') || el.getAttribute('style'));
            return {urls: urls.filter(u => u && (u.includes('beacon') || u.startsWith('javascript:'))),
                    pwned: window.__pwned || null};
        }"""
    )
    assert found == {"urls": [], "pwned": None}, (where, found)


def _assert_shown(page, b: Beacon, tag: str) -> None:
    """The payload marked `tag` is on the page as the text it is (word joiners aside)."""
    text = page.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")
    start = b.payload(tag)[: b.payload(tag).index(" [link]")]
    assert start in text, (tag, start)


def _expand_all(page) -> None:
    """Open every collapsed expander on the page."""
    closed = page.locator('[data-testid="stExpander"] details:not([open]) > summary')
    for _ in range(50):
        if not closed.count():
            break
        closed.first.click()
        page.wait_for_timeout(100)
    settle(page)


def test_untrusted_text_is_shown_as_text_on_every_page(tmp_path, browser, beacon):
    from tqrs.testing.fake_openai import FakeOpenAI

    def say(path: str, request: dict) -> str | None:
        name = path.split(".")[-1]
        if name in ("evidence", "reasoning", "coaching", "summary", "strengths", "gaps"):
            return beacon.payload(f"llm-{name}")
        return None

    with FakeOpenAI(say=say) as fake:
        llm_run, _ = _prepare(tmp_path, beacon, fake.base_url)
        with workbench(
            tmp_path,
            TQRS_DB=str(tmp_path / "state" / "tqrs.duckdb"),
            TQRS_ADMIN_PASSWORD=PASSWORD,
            TQRS_EMBEDDER="fake",
            OPENAI_BASE_URL=fake.base_url,
            OPENAI_API_KEY="sk-untrusted",
            OPENAI_MODEL="gpt-4o-mini",
            BATCH_CONCURRENCY="2",
            USER=beacon.payload("analyst"),
        ) as server:
            url = server["url"]
            page = browser.new_page(viewport={"width": 1440, "height": 2400})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            _visit_every_page(page, url, beacon, llm_run)
            log = server["log"].read_text()

    assert beacon.hits == [], beacon.hits
    app = urlsplit(url).netloc
    elsewhere = [u for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")
                 and urlsplit(u).netloc != app]  # fmt: skip
    assert elsewhere == [], elsewhere
    assert not [u for u in requests if "beacon" in u], [u for u in requests if "beacon" in u]
    assert "Traceback" not in log, log


def _visit_every_page(page, url: str, b: Beacon, llm_run: int) -> None:
    open_page(page, url, "Ticket Quality Review")
    _assert_inert(page, "home")

    open_page(page, f"{url}/upload", "Upload")
    page.locator('input[type="file"]').set_input_files(
        [
            {
                "name": "![x](beacon-rel-upload.png) <img src=beacon-rel-upimg.png> [l](javascript:x).json",
                "mimeType": "application/json",
                "buffer": json.dumps({"records": [incident(90)]}).encode(),
            },
            {
                "name": "broken ![x](beacon-rel-broken.png).json",
                "mimeType": "application/json",
                "buffer": b'{"records": [{"number": ',
            },
        ]
    )
    page.get_by_text("broken").first.wait_for(timeout=TIMEOUT)
    settle(page)
    page.get_by_label("Session name").fill(b.payload("upload-session"))
    page.get_by_role("button", name="Create session").click()
    page.get_by_text("was not imported").first.wait_for(timeout=TIMEOUT)
    settle(page)
    _assert_inert(page, "upload")
    _assert_shown(page, b, "upload-session")
    choose(page, "Session", index=0)  # the hostile session
    # .first: while a rerun redraws the profile, its stale heading and the new one can both
    # be in the page for a moment (strict mode would fail on the two)
    click_until(
        page.get_by_role("tab", name="Dataset profile"),
        page.get_by_text("Volume over time").first,
    )
    settle(page)
    _assert_inert(page, "upload: profile")

    open_page(page, f"{url}/evaluate", "Evaluate")
    choose(page, "Session", index=0)
    choose(page, "Rubric", "rubric-name")
    page.get_by_text("Estimate:").wait_for(timeout=TIMEOUT)
    page.get_by_role("button", name="Start evaluation").click()
    page.get_by_text(" tickets · completed").first.wait_for(timeout=TIMEOUT)
    settle(page)
    _expand_all(page)
    _assert_inert(page, "evaluate")
    page.get_by_text("Show the rubric").first.click()  # the hostile rubric, read
    page.get_by_text("Given for").first.wait_for(timeout=TIMEOUT)
    settle(page)
    _assert_inert(page, "evaluate: the rubric")
    for tag in ("guidance-troubleshooting", "option-work_notes-5", "band-GREEN"):
        _assert_shown(page, b, tag)

    open_page(page, f"{url}/rubrics", "Rubrics")
    choose(page, "Rubric", "rubric-name")
    page.get_by_text("Given for").first.wait_for(timeout=TIMEOUT)
    _assert_inert(page, "rubrics")
    _assert_shown(page, b, "title-troubleshooting")
    page.get_by_role("button", name="Edit a copy of this version").click()
    page.get_by_text("Editing a copy of").wait_for(timeout=TIMEOUT)
    settle(page)
    _assert_inert(page, "rubrics: the copy")

    open_page(page, f"{url}/review", "Review")
    choose(page, "Run", f"Run {llm_run} ")
    for label in ("Agent", "Group", "Category", "Criterion failed", "Open ticket"):
        open_combobox(page.get_by_role("combobox", name=label, exact=True))  # options shown
        _assert_inert(page, f"review: {label} options")
        page.keyboard.press("Escape")
        settle(page)
    choose(page, "Open ticket", index=0)
    page.get_by_text("Similar tickets").first.wait_for(timeout=TIMEOUT)
    _expand_all(page)
    find = page.get_by_role("button", name="Find similar tickets")
    if find.count():
        find.click()
        page.get_by_text("In this session").wait_for(timeout=TIMEOUT)
        settle(page)
    _expand_all(page)
    _assert_inert(page, "review: ticket detail")
    for tag in ("title-troubleshooting", "note", "reviewer", "llm-reasoning", "llm-coaching"):
        _assert_shown(page, b, tag)

    for path, heading in (("queue", "Review queue"), ("reports", "Reports")):
        open_page(page, f"{url}/{path}", heading)
        _assert_inert(page, path)

    open_page(page, f"{url}/agents", "Agents")
    choose(page, "Run", f"Run {llm_run} ")
    page.get_by_role("button", name="Write coaching for").click()  # "all N agents" or "1 agent"
    page.get_by_text("Written by").wait_for(timeout=TIMEOUT)
    settle(page)
    _assert_inert(page, "agents")
    _assert_shown(page, b, "llm-summary")
    page.get_by_text("Groups", exact=True).click()
    settle(page)
    _assert_inert(page, "agents: groups")

    open_page(page, f"{url}/calibration", "Calibration")
    choose(page, "Run", f"Run {llm_run} ")
    page.get_by_text("Where the judge disagrees most").wait_for(timeout=TIMEOUT)
    _expand_all(page)
    _assert_inert(page, "calibration")

    open_page(page, f"{url}/knowledge", "Knowledge")
    page.get_by_label("Search by meaning").fill("reset the password procedure")
    page.keyboard.press("Enter")
    page.get_by_test_id("stMarkdown").filter(has_text="kb-heading").first.wait_for(timeout=TIMEOUT)
    settle(page)
    _assert_inert(page, "knowledge: documents")
    _assert_shown(page, b, "kb-heading")
    page.get_by_text("Tickets", exact=True).click()
    settle(page)
    page.get_by_label("Search by meaning").fill("password")
    page.keyboard.press("Enter")
    settle(page)
    _assert_inert(page, "knowledge: tickets")

    open_page(page, f"{url}/settings", "Settings")
    page.get_by_label("Admin password").fill(PASSWORD)
    page.get_by_role("button", name="Unlock").click()
    # the click must not land on the rerun the unlock started (it is dropped there: seen
    # once on a loaded machine, "answered in" never came)
    page.get_by_role("button", name="Test connection").wait_for(timeout=TIMEOUT)
    settle(page)
    page.get_by_role("button", name="Test connection").click()
    page.get_by_text("answered in").wait_for(timeout=TIMEOUT)
    settle(page)
    _assert_inert(page, "settings")
