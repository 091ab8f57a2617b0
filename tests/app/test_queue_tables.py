"""The review queue's tables and the Review table, as a team reads them: bands in the rubric's
colours, and the two copies of a number the run holds twice told apart in full (the "Ticket"
column set wide enough for their labels, not measured on the rows shown first)."""

import html
import json

import pyarrow as pa

from tests.app.conftest import LISTS, open_app, open_signed_in, scored_run, signed_in
from tests.conftest import scored_twins
from tqrs import people
from tqrs.assignment import assign_tickets
from tqrs.reports.style import BAND_COLOURS
from tqrs.review import ticket_labels

ANN = "ann@acme.org"


def _column_width(table, column: str):
    config = json.loads(table.proto.columns)
    return config[column].get("width")


def _bands_coloured(table) -> None:
    styles = table.proto.arrow_data.styler.styles.lower()
    bands = set(table.value["Band"]) & set(BAND_COLOURS)
    assert bands
    for band in bands:
        assert f"background-color: {BAND_COLOURS[band]}".lower() in styles, band


def test_queue_tables_colour_bands_and_show_whole_labels(app_store, tmp_path):
    people.save_role_lists(LISTS)
    run, east, west = scored_twins(app_store, tmp_path)
    assign_tickets(app_store, run, [east, west], ANN, "lee@acme.org")
    labels = ticket_labels(app_store, run, [east, west])
    longest = max(len(label) for label in labels.values())
    assert "copy from west.json" in labels[west]

    at = open_signed_in(signed_in(ANN), "queue")
    held = next(t for t in at.dataframe if "From" in t.value.columns)
    assert set(held.value["Ticket"]) == set(labels.values())
    for table in at.dataframe:
        _bands_coloured(table)
        assert _column_width(table, "Ticket") >= 7 * longest


def test_the_review_table_shows_whole_labels_after_a_search(app_store, tmp_path):
    people.save_role_lists(LISTS)
    run, east, west = scored_twins(app_store, tmp_path)
    at = open_signed_in(signed_in(ANN), "review")
    at.text_input(key="review_text").input("INC0010003").run()
    (table,) = at.dataframe
    labels = list(table.value["Ticket"])
    assert len(labels) == 2 and all("copy from" in label for label in labels)
    assert _column_width(table, "Ticket") >= 7 * max(map(len, labels))


def test_a_manager_is_offered_the_analysts_a_domain_entry_lists(app_store, tmp_path):
    """Analysts listed as "@acme.org" are named by no entry: the manager is offered everyone
    who has reviewed or held a ticket, and told that anyone else may be typed."""
    from tqrs.review import mark_reviewed

    people.save_role_lists(LISTS)
    run, east, west = scored_twins(app_store, tmp_path)
    mark_reviewed(app_store, run, east, ANN)
    assign_tickets(app_store, run, [west], "bob@acme.org", "lee@acme.org")
    at = open_signed_in(signed_in("lee@acme.org"), "queue")
    picker = at.multiselect(key="queue_analysts")
    assert {ANN, "bob@acme.org"} <= set(picker.options)
    assert "type an e-mail address" in picker.placeholder


def test_coloured_tables_show_decimals_as_written(app_store, tmp_path):
    """A styled table shows its numbers with the Styler's six places unless told otherwise:
    the queue read "71.430000" for a score of 71.43 once its bands were coloured."""
    scored_run(app_store)
    at = open_app("queue")
    (table,) = at.dataframe  # the queue (nothing held)
    display = table.proto.arrow_data.styler.display_values
    assert display, "the Styler sends the values it shows"
    shown = pa.ipc.open_stream(display).read_all().to_pandas()
    for column in ("Score %", "Risk"):
        expected = [f"{v:,.2f}".rstrip("0").rstrip(".") for v in table.value[column]]
        assert [str(v) for v in shown[column]] == expected, column


def test_the_picked_ticket_s_reasons_and_short_description_show_whole(app_store):
    """The queue's "Why" and short description are narrow columns now (they made the table
    scroll sideways): the ticket picked below the table shows both whole, as text."""
    from tqrs.store.sessions import iter_tickets

    session, run = scored_run(app_store)
    at = open_app("queue")
    (table,) = [t for t in at.dataframe if "Why" in t.value.columns]
    first = table.value.iloc[0]
    assert len(first["Why"]) > 30  # longer than its 170-pixel column shows
    box = at.selectbox(key="queue_ticket")
    tickets = {t.number: t for t in iter_tickets(app_store, session)}
    at = box.set_value(tickets[first["Ticket"]].id).run()
    shown = "".join(h.proto.body for h in at.get("html"))
    texts = {number: t.short_description for number, t in tickets.items()}
    assert f"Why: {html.escape(first['Why'])}" in shown
    assert f"Short description: {html.escape(texts[first['Ticket']])}" in shown
