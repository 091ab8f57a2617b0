"""The Review and queue pages with a number the run holds twice and with two analysts: the
copies are named apart, a save lands on the copy that is open and keeps it open, a save made
on a stale view is refused with who and when; a manager assigns, an analyst's queue and claims."""

import pytest

from tests.app.conftest import open_app, texts
from tests.conftest import scored_twins
from tqrs.review import mark_reviewed, override_criterion
from tqrs.store.assignments import release

CRITERION = "short_description"


@pytest.fixture
def twins(app_store, tmp_path):
    return scored_twins(app_store, tmp_path)


def _open(at, ticket_id):
    at.selectbox(key="review_open").set_value(ticket_id).run()
    assert not at.exception, at.exception
    return at


def _save(at, ticket_id, option, note):
    at.selectbox(key=f"review_option_{ticket_id}_{CRITERION}").set_value(option)
    at.text_input(key=f"review_note_{ticket_id}_{CRITERION}").input(note)
    form = f"review_override_{ticket_id}_{CRITERION}"
    [b for b in at.button if b.label == "Save override" and form in str(b.form_id)][0].click().run()
    assert not at.exception, at.exception


def test_a_save_lands_on_the_copy_that_is_open(app_store, twins):
    run, east, west = twins
    at = open_app("review")
    at.sidebar.text_input(key="analyst").input("Dana")
    at.text_input(key="review_text").input("INC0010003").run()
    box = at.selectbox(key="review_open")
    assert sorted(box.options) == [
        "INC0010003 · copy from east.json · sys_id 00000000 · opened 2025-12-10 04:26",
        "INC0010003 · copy from west.json · sys_id ffffffff · opened 2025-12-11 09:15",
    ]
    assert sorted(at.dataframe[0].value["Ticket"]) == sorted(box.options)
    at = _open(at, west)
    assert "copy from west.json" in texts(at)
    _save(at, west, "0", "west copy: no 4-part form")
    assert at.session_state["review_open"] == west  # the panel stayed on the copy it showed
    at.button(key=f"review_mark_{west}").click().run()
    assert at.session_state["review_open"] == west
    assert app_store.query("SELECT ticket_id, reviewer FROM criterion_overrides") == [
        (west, "Dana")
    ]
    assert app_store.query("SELECT ticket_id, reviewer FROM ticket_reviews") == [(west, "Dana")]


def test_a_save_on_a_stale_view_is_refused(app_store, twins):
    run, east, _ = twins
    at = open_app("review")
    at.sidebar.text_input(key="analyst").input("Dana")
    at = _open(at, east)
    # Another analyst saves the same criterion, then marks the ticket, after Dana opened it.
    override_criterion(app_store, run, east, CRITERION, "10", "fine as is", "Bo", seen=None)
    mark_reviewed(app_store, run, east, "Bo", seen=None)
    _save(at, east, "5", "half")
    shown = texts(at) + " ".join(e.value for e in at.error)
    assert "was changed by Bo at" in shown and "— reload" in shown
    assert app_store.query("SELECT reviewer, new_option FROM criterion_overrides") == [("Bo", "10")]
    # The page now shows Bo's override and mark: saved again, Dana's value lands.
    assert "Overridden by Bo" in texts(at) and "Reviewed by Bo" in texts(at)
    _save(at, east, "5", "half")
    assert app_store.query("SELECT reviewer, new_option FROM criterion_overrides ORDER BY id") == [
        ("Bo", "10"),
        ("Dana", "5"),
    ]


def test_a_reviewed_mark_on_a_stale_view_is_refused(app_store, twins):
    run, east, _ = twins
    at = open_app("review")
    at.sidebar.text_input(key="analyst").input("Dana")
    at = _open(at, east)
    mark_reviewed(app_store, run, east, "Bo", seen=None)
    at.button(key=f"review_mark_{east}").click().run()
    assert any("Already marked reviewed by Bo at" in e.value for e in at.error)
    assert app_store.query("SELECT reviewer FROM ticket_reviews") == [("Bo",)]


def test_a_manager_assigns_and_an_analyst_claims(app_store, twins):
    run, east, west = twins
    at = open_app("queue")
    at.sidebar.text_input(key="analyst").input("lead@acme.org")
    at.multiselect(key="queue_analysts").set_value(["ann@acme.org", "bob@acme.org"])
    at.number_input(key="queue_per_agent").set_value(5)
    at.button(key="queue_assign_sample").click().run()
    assert not at.exception, at.exception
    held = dict(app_store.query("SELECT ticket_id, analyst FROM ticket_assignments"))
    assert sorted(held) == sorted(
        t
        for (t,) in app_store.query("SELECT ticket_id FROM ticket_results WHERE status = 'scored'")
    )
    assert set(held.values()) == {"ann@acme.org", "bob@acme.org"}
    assert {
        by for (by,) in app_store.query("SELECT DISTINCT assigned_by FROM ticket_assignments")
    } == {"lead@acme.org"}
    # As ann: her queue lists what she holds.
    at.sidebar.text_input(key="analyst").input("ann@acme.org").run()
    mine = [t for t, a in held.items() if a == "ann@acme.org"]
    labels = [e.label for e in at.expander]
    assert f"My queue: {len(mine)} to review of {len(mine)} held" in labels
    table = next(d for d in at.dataframe if "From" in d.value.columns).value
    assert len(table) == len(mine) and set(table["From"]) == {"lead@acme.org"}
    # A ticket nobody holds (a manager released one of bob's): she claims it in Review.
    freed = next(t for t, a in held.items() if a == "bob@acme.org")
    release(app_store, run, [freed])
    at.switch_page("../pages/review.py").run()
    at = _open(at, freed)
    at.button(key=f"review_claim_{freed}").click().run()
    assert not at.exception, at.exception
    assert "Held by ann@acme.org · claimed" in texts(at)
    mark_reviewed(app_store, run, mine[0], "ann@acme.org", seen=None)
    at.switch_page("../pages/queue.py").run()
    assert f"My queue: {len(mine)} to review of {len(mine) + 1} held" in [
        e.label for e in at.expander
    ]
