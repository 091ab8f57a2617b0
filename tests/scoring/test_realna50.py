"""Round realna50: close notes written say the ticket was closed. A list of number, short
description and close notes alone (no state, no resolution or closure time) is judged on the
criterion that reads the notes themselves (resolution quality), ticket by ticket where they
are written; a criterion that reads the notes as one place among others (the user's
confirmation, in the journal or the notes) stays not in export, as does a blank note.
Cases in the words of a ferry operator's ticketing desk."""

import orjson

from tests.conftest import write_export
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.models import Ticket
from tqrs.profile import criteria_not_in_export
from tqrs.reports import load_report, render
from tqrs.rubric import CLOSURE_FIELDS, lacking, load_rubric
from tqrs.rules.text import is_resolved

SPECIFIC = (
    "Re-issued the boarding barcode for the 07:40 crossing and reprinted the passenger's "
    "ticket at the quay kiosk."
)
VAGUE = "Closing as no reply received."


def listed(n: int, notes: str, **more) -> dict:
    return {
        "number": f"INC88{n:05d}",
        "short_description": "Quay kiosk rejects boarding barcode for the morning crossing",
        "close_notes": notes,
        **more,
    }


def criteria(store, tmp_path, name: str, records: list[dict], rubric: str) -> dict:
    """number -> criterion id -> the JSON report's entry."""
    path = write_export(tmp_path / name, records)
    session = ingest_files(store, [path], name, new=True).session_id
    report = orjson.loads(
        render(load_report(store, evaluate_offline(store, session, rubric)), "json")[""]
    )
    return {t["number"]: {c["id"]: c for c in t["criteria"]} for t in report["tickets"]}


def test_a_list_of_close_notes_is_judged_on_what_the_notes_say(store, tmp_path):
    found = criteria(
        store,
        tmp_path,
        "notes.json",
        [listed(1, SPECIFIC), listed(2, VAGUE), listed(3, SPECIFIC)],
        "incident_quality",
    )
    assert found["INC8800001"]["resolution_quality"]["status"] == "scored"
    assert found["INC8800001"]["resolution_quality"]["option"] == "10"
    assert found["INC8800002"]["resolution_quality"]["option"] == "0"


def test_a_blank_note_on_such_a_list_still_says_nothing(store, tmp_path):
    found = criteria(
        store,
        tmp_path,
        "blank.json",
        [listed(1, SPECIFIC), listed(2, ""), listed(3, SPECIFIC)],
        "incident_quality",
    )
    assert found["INC8800002"]["resolution_quality"]["status"] == "not_assessable"
    assert found["INC8800001"]["resolution_quality"]["status"] == "scored"


def test_the_notes_stand_for_closure_only_where_the_criterion_reads_them(store, tmp_path):
    records = [listed(n, SPECIFIC) for n in range(1, 4)]
    handling = criteria(store, tmp_path, "handling.json", records, "incident_handling")
    quality = criteria(store, tmp_path, "quality.json", records, "incident_quality")
    for found in (handling, quality):
        entries = found["INC8800001"]
        assert entries["resolution_quality"]["status"] == "scored"
        # no close code column: the code is not in the export, whatever the notes say
        assert entries["resolution_notes"]["status"] == "not_assessable"
        # the confirmation is read in the journal or the notes: not in export still
        assert entries["user_confirmation"]["status"] == "not_assessable"


def test_a_list_with_a_state_keeps_its_reading(store, tmp_path):
    records = [listed(n, SPECIFIC, state="2") for n in range(1, 4)]  # 2 = In Progress
    found = criteria(store, tmp_path, "state.json", records, "incident_quality")
    entry = found["INC8800001"]["resolution_quality"]
    assert entry["status"] == "scored" and entry["option"] == "N/A"


def test_the_profile_counts_only_the_tickets_left_out(store, tmp_path):
    path = write_export(
        tmp_path / "count.json", [listed(1, SPECIFIC), listed(2, ""), listed(3, VAGUE)]
    )
    session = ingest_files(store, [path], "count", new=True).session_id
    counts = criteria_not_in_export(store, session)["incident_quality"]
    assert counts["resolution_quality"] == 1  # the blank note alone
    assert counts["user_confirmation"] == 3


def test_lacking_reads_the_closure_input_from_written_notes():
    missing = frozenset({"state", "resolved_at", "closed_at", "close_code"})
    notes_only = [frozenset({"close_notes"}), CLOSURE_FIELDS]
    assert lacking(notes_only, missing, notes_written=True) == []
    assert lacking(notes_only, missing, notes_written=False) == [CLOSURE_FIELDS]
    among_others = [frozenset({"comments", "close_notes"}), CLOSURE_FIELDS]
    assert lacking(among_others, missing, notes_written=True) == [CLOSURE_FIELDS]
    rubric = load_rubric("incident_quality")
    assert "resolution_quality" not in rubric.not_assessable(missing, notes_written=True)
    assert "resolution_quality" in rubric.not_assessable(missing)


def test_close_notes_with_no_state_say_the_ticket_was_closed():
    base = {"id": 1, "session_id": 1, "seq": 1, "number": "INC8800009"}
    assert is_resolved(Ticket(**base, close_notes=SPECIFIC))
    assert not is_resolved(Ticket(**base))
    assert not is_resolved(Ticket(**base, close_notes=SPECIFIC, state="In Progress"))
    assert not is_resolved(Ticket(**base, close_notes="   "))
