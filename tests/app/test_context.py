"""The analyst's context (app/context.py): run, filters and open ticket kept across page
changes and read from the URL (a reload, a shared link); the ticket kept open when an override
takes it out of the filter; previous/next ticket; run labels that name the session."""

import json

from streamlit.testing.v1 import AppTest

from tests.app.conftest import MAIN, SAMPLE, SCRIPT_TIMEOUT, open_app, scored_run, texts
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files


def _two_runs(store, folder) -> tuple[int, int]:
    """Two sessions with a run each: (older run, newer run). The second session holds the
    sample's tickets under other numbers (the same file would be the same session)."""
    _, first = scored_run(store)
    records = json.loads(SAMPLE.read_text())["records"]
    for i, rec in enumerate(records):
        rec["number"], rec["sys_id"] = f"INC9{i:06d}", f"{i + 1:032x}"
    path = folder / "second.json"
    path.write_text(json.dumps({"records": records}))
    other = ingest_files(store, [path], "Second batch").session_id
    return first, evaluate_offline(store, other, "incident_handling")


def _from_url(to: str, **params) -> AppTest:
    """A first visit to `page` with these query parameters (a reload, a shared link)."""
    at = AppTest.from_file(MAIN, default_timeout=SCRIPT_TIMEOUT)
    at.switch_page(f"../pages/{to}.py")
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _failing(store, run_id: int, criterion: str) -> list[tuple[int, str]]:
    """(ticket id, number) of the run's tickets that fail `criterion`, by number."""
    return store.query(
        "SELECT ticket_id, number FROM effective_criterion_results c "
        "JOIN ticket_results r USING (run_id, ticket_id) "
        "WHERE run_id = ? AND criterion_id = ? AND c.failed ORDER BY number, ticket_id",
        [run_id, criterion],
    )


def test_run_labels_name_the_session_and_the_rubric(app_store, tmp_path):
    first, second = _two_runs(app_store, tmp_path)
    at = open_app("review")
    labels = at.selectbox(key="review_run").options
    assert labels[0].startswith(f"Run {second} · Second batch · Incident Handling · offline")
    assert labels[1].startswith(f"Run {first} · Sample incidents · Incident Logging · offline")
    assert "incident_logging" not in " ".join(labels)


def test_run_filters_and_ticket_survive_a_page_change(app_store, tmp_path):
    first, second = _two_runs(app_store, tmp_path)
    at = open_app("review")
    assert at.selectbox(key="review_run").value == second  # the newest, with nothing kept
    at.selectbox(key="review_run").set_value(first).run()
    at.segmented_control(key="review_verdict").set_value("Fail").run()
    ticket = at.session_state["review_page_ids"][3]
    at.selectbox(key="review_open").set_value(ticket).run()
    assert at.query_params["run"] == str(first)
    assert at.query_params["verdict"] == "fail" and at.query_params["ticket"] == str(ticket)
    at.switch_page("../pages/reports.py").run()  # the run's session and the run itself
    assert not at.exception, at.exception
    assert at.selectbox(key="reports_run").value == first
    assert "Sample incidents" in at.selectbox(key="reports_session").format_func(
        at.selectbox(key="reports_session").value
    )
    at.switch_page("../pages/queue.py").run()
    assert at.selectbox(key="queue_run").value == first
    at.switch_page("../pages/review.py").run()
    assert not at.exception, at.exception
    assert at.selectbox(key="review_run").value == first
    assert at.segmented_control(key="review_verdict").value == "Fail"
    assert at.selectbox(key="review_open").value == ticket
    assert at.subheader[0].value.startswith(
        app_store.query("SELECT number FROM tickets WHERE id = ?", [ticket])[0][0]
    )


def test_a_shared_link_opens_the_ticket_with_its_filters(app_store):
    _, run_id = scored_run(app_store)
    ticket, number = _failing(app_store, run_id, "short_description")[-1]
    at = _from_url(
        "review",
        run=str(run_id),
        ticket=str(ticket),
        failed="short_description",
        sort="score",
        desc="1",
        band=["RED", "PURPLE"],
    )
    assert at.selectbox(key="review_failed").value == "short_description"
    assert at.selectbox(key="review_sort").value == "score"
    assert at.toggle(key="review_desc").value is True
    assert at.multiselect(key="review_bands").value == ["RED", "PURPLE"]
    assert at.selectbox(key="review_open").value == ticket
    assert at.subheader[0].value.startswith(number)


def test_a_link_to_something_that_does_not_exist_falls_back(app_store):
    _, run_id = scored_run(app_store)
    at = _from_url("review", run="999", ticket="123456", score="90-10", page="x")
    assert at.selectbox(key="review_run").value == run_id
    assert at.selectbox(key="review_open").value is None
    assert at.slider(key="review_range").value == (0, 100)
    assert "200 tickets match · page 1 of 4" in texts(at)


def test_the_ticket_stays_open_after_an_override_takes_it_out_of_the_filter(app_store):
    _, run_id = scored_run(app_store)
    failing = _failing(app_store, run_id, "short_description")
    at = open_app("review")
    at.selectbox(key="review_failed").set_value("short_description").run()
    ids = list(at.session_state["review_page_ids"])
    ticket = ids[1]
    at.selectbox(key="review_open").set_value(ticket).run()
    assert "Ticket 2 of" in texts(at)
    at.selectbox(key=f"review_option_{ticket}_short_description").set_value("10")
    at.text_input(key=f"review_note_{ticket}_short_description").input("the form is right")
    [b for b in at.button if b.label == "Save override"][0].click().run()
    assert not at.exception, at.exception
    assert ticket not in at.session_state["review_page_ids"]  # it left the filter...
    assert at.selectbox(key="review_open").value == ticket  # ...and stays open
    assert "Overridden by" in texts(at)
    assert "No longer in this view" in texts(at)
    assert f"{len(failing) - 1} tickets match" in texts(at)
    # Next goes on from where it was: the ticket that took its place.
    at.button(key="review_next").click().run()
    assert at.selectbox(key="review_open").value == ids[2]
    at.button(key="review_previous").click().run()
    assert at.selectbox(key="review_open").value == ids[0]
    assert at.button(key="review_previous").disabled


def test_next_crosses_to_the_following_page(app_store):
    scored_run(app_store)
    at = open_app("review")
    ids = list(at.session_state["review_page_ids"])
    at.selectbox(key="review_open").set_value(ids[-1]).run()
    assert "Ticket 50 of 200 in this view" in texts(at)
    at.button(key="review_next").click().run()
    assert not at.exception, at.exception
    assert at.number_input(key="review_page").value == 2
    assert at.selectbox(key="review_open").value == at.session_state["review_page_ids"][0]
    assert "Ticket 51 of 200 in this view" in texts(at)


def test_opening_from_the_queue_keeps_the_run(app_store, tmp_path):
    from tqrs.queue import review_queue

    first, _ = _two_runs(app_store, tmp_path)
    ticket = review_queue(app_store, first, limit=1)[0].ticket_id
    at = open_app("queue")
    at.selectbox(key="queue_run").set_value(first).run()
    at.selectbox(key="queue_ticket").set_value(ticket).run()
    at.button(key="queue_open").click().run()
    assert not at.exception, at.exception
    assert at.selectbox(key="review_run").value == first
    assert at.selectbox(key="review_open").value == ticket


def test_a_shared_link_to_an_older_run_opens_it_on_reports(app_store, tmp_path):
    # /reports?run=N (no session): the run sets its session (app/context.py's contract), not
    # the newest session, whose run a manager would otherwise download
    first, second = _two_runs(app_store, tmp_path)
    at = _from_url("reports", run=str(first))
    assert at.selectbox(key="reports_run").value == first
    assert at.query_params["run"] == str(first)
    assert "Sample incidents" in at.selectbox(key="reports_session").format_func(
        at.selectbox(key="reports_session").value
    )
    at = _from_url("reports", run=str(second))  # and the newest's own run stays itself
    assert at.selectbox(key="reports_run").value == second


def test_a_link_shared_before_the_verdict_was_renamed_opens_its_filter(app_store):
    # `verdict=not_assessable` (nothing judged) became `too_little` (migration 18); a link
    # kept from before opens that filter instead of being dropped as a value unknown
    _, run_id = scored_run(app_store)
    at = _from_url("review", run=str(run_id), verdict="not_assessable")
    assert at.segmented_control(key="review_verdict").value == "Too little to judge"
    assert at.query_params["verdict"] == "too_little"
