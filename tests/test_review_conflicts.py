"""Ticket identity and stale views in the review core: a number the run holds twice names each
copy distinctly and every write lands on the copy named by its id; a save made on a stale view
(another analyst's override or reviewed mark since) is refused with who and when."""

import re
from datetime import datetime

import pytest

from tests.conftest import scored_twins
from tqrs.errors import ConflictError
from tqrs.review import (
    load_ticket_review,
    mark_reviewed,
    override_criterion,
    ticket_by_label,
    ticket_labels,
)
from tqrs.store.results import ReviewFilter, query_page


@pytest.fixture
def twins(store, tmp_path):
    """A run over two files that both carry INC0010003: (run, [east id, west id])."""
    run, east, west = scored_twins(store, tmp_path)
    return run, [east, west]


def test_copies_of_a_number_are_named_apart(store, twins):
    run, (east, west) = twins
    single = query_page(store, run, ReviewFilter(text="INC0010001"))[0][0]["ticket_id"]
    labels = ticket_labels(store, run, [west, single, east])
    assert list(labels) == [west, single, east]  # in the order asked
    assert labels[single] == "INC0010001"
    assert labels[east] == (
        "INC0010003 · copy from east.json · sys_id 00000000 · opened 2025-12-10 04:26"
    )
    assert labels[west] == (
        "INC0010003 · copy from west.json · sys_id ffffffff · opened 2025-12-11 09:15"
    )
    assert len(set(labels.values())) == 3


def test_writes_land_on_the_copy_named_by_its_id(store, twins):
    run, (east, west) = twins
    override_criterion(store, run, west, "short_description", "0", "west copy", "ann", seen=None)
    mark_reviewed(store, run, west, "ann", seen=None)
    w, e = load_ticket_review(store, run, west), load_ticket_review(store, run, east)
    assert w.ticket.sys_id == "f" * 32 and w.reviewed["reviewer"] == "ann"
    assert [h["note"] for h in w.history] == ["west copy"]
    assert e.reviewed is None and e.history == []


def test_a_save_on_a_stale_view_is_refused_with_who_and_when(store, twins):
    run, (east, _) = twins
    shown = load_ticket_review(store, run, east)  # both analysts open the ticket
    seen = next(v for v in shown.criteria if v.original.criterion_id == "short_description")
    assert seen.override is None
    override_criterion(store, run, east, "short_description", "10", "A: fine", "a@x.org", seen=None)
    with pytest.raises(ConflictError) as refused:
        override_criterion(
            store, run, east, "short_description", "5", "B: half", "b@x.org", seen=None
        )
    message = str(refused.value)
    latest = load_ticket_review(store, run, east).history[-1]
    assert latest["reviewer"] == "a@x.org" and latest["new_option"] == "10"  # B wrote nothing
    assert re.fullmatch(
        rf".+ was changed by a@x\.org at {latest['created_at']:%H:%M} UTC — reload", message
    )
    # B reloads: the override in effect is A's; saved against it, B's value lands.
    now = next(v for v in load_ticket_review(store, run, east).criteria if v.override)
    override_criterion(
        store, run, east, "short_description", "5", "B: half", "b@x.org", seen=now.override["id"]
    )
    assert load_ticket_review(store, run, east).history[-1]["new_option"] == "5"
    # Another criterion of the same ticket is not a conflict: A's override stays in effect.
    override_criterion(store, run, east, "description_quality", "0", "thin", "a@x.org", seen=None)
    in_effect = {
        v.original.criterion_id: v.effective.option
        for v in load_ticket_review(store, run, east).criteria
    }
    assert in_effect["short_description"] == "5" and in_effect["description_quality"] == "0"


def test_a_reviewed_mark_on_a_stale_view_is_refused(store, twins):
    run, (east, _) = twins
    mark_reviewed(store, run, east, "b@x.org", seen=None)
    with pytest.raises(
        ConflictError, match=r"Already marked reviewed by b@x\.org at \d\d:\d\d UTC — reload"
    ):
        mark_reviewed(store, run, east, "a@x.org", seen=None)
    mark = load_ticket_review(store, run, east).reviewed
    assert mark["reviewer"] == "b@x.org"
    with pytest.raises(ConflictError):  # clearing a mark one did not see
        mark_reviewed(store, run, east, None, seen=datetime(2020, 1, 1))
    mark_reviewed(store, run, east, None, seen=mark["reviewed_at"])
    assert load_ticket_review(store, run, east).reviewed is None
    with pytest.raises(ConflictError, match="cleared since you opened"):
        mark_reviewed(store, run, east, None, seen=mark["reviewed_at"])


def test_a_label_handed_back_names_its_own_copy(store, twins):
    """Streamlit's picker hands back the label it showed, not the id, when its options changed
    under the click (Review crashed on 'INC0010001' read as a ticket id)."""
    run, (east, west) = twins
    (single,) = store.query("SELECT id FROM tickets WHERE number = 'INC0010001'")[0]
    assert ticket_by_label(store, run, "INC0010001") == single
    west_label = "INC0010003 · copy from west.json · sys_id ffffffff · opened 2025-12-11 09:15"
    assert ticket_by_label(store, run, west_label) == west
    assert ticket_by_label(store, run, west_label.replace("west", "east")) is None  # no such copy
    assert ticket_by_label(store, run, "INC0010003") is None  # a copy must be named
    assert ticket_by_label(store, run, "INC9999999") is None
