"""Calibration and Agents, as a team reads them: bands in the rubric's colours in every
ticket table, a metric label that fits its column, and why a criterion's agreement beyond
chance is not measurable shown whole."""

import json

from tests.app.conftest import open_app, scored_run
from tqrs.reports.style import BAND_COLOURS
from tqrs.review import mark_reviewed


def _bands_coloured(table) -> bool:
    styles = table.proto.arrow_data.styler.styles.lower()
    bands = set(table.value["Band"]) & set(BAND_COLOURS)
    return bool(bands) and all(
        f"background-color: {BAND_COLOURS[b]}".lower() in styles for b in bands
    )


def test_calibration_tables_read_whole_and_coloured(app_store):
    _, run = scored_run(app_store)
    (ticket,) = app_store.query(
        "SELECT min(ticket_id) FROM ticket_results WHERE run_id = ?", [run]
    )[0]
    mark_reviewed(app_store, run, ticket, "ann@acme.org")
    at = open_app("calibration")
    # five metrics share the width: a label with a help icon is cut past some 18 characters
    assert all(len(m.label) <= 18 for m in at.metric if m.proto.help), [m.label for m in at.metric]
    agreement = at.dataframe[0]
    notes = [v for v in agreement.value["Beyond chance (kappa)"] if v.startswith("not")]
    assert notes  # one reviewed ticket: most criteria cannot be measured beyond chance
    width = json.loads(agreement.proto.columns)["Beyond chance (kappa)"]["width"]
    assert width >= 7 * max(map(len, notes))
    samples = [t for t in at.dataframe if "Why" in t.value.columns]
    assert len(samples) == 3 and all(_bands_coloured(t) for t in samples)


def test_agents_best_and_worst_tickets_colour_their_bands(app_store):
    scored_run(app_store)
    at = open_app("agents")
    tickets = [t for t in at.dataframe if "Verdict" in t.value.columns]
    assert len(tickets) == 2 and all(_bands_coloured(t) for t in tickets)
