"""Round uc52: the user's confirmation where the export carries close notes but no journal
(no comments or work notes column) is judged on what the close notes show: a template's
confirmation line (a label naming the confirming or verifying, its value after the colon:
empty or a placeholder is not met, a name other than the resolver's is met), or a clause of
the notes confirming with the user. Close notes that show neither leave it not in export (the
confirmation may be in the journal the export does not carry). Where the export carries a
journal, nothing changes. Cases in the words of a garage's workshop desk and a soil-testing
laboratory's sample desk."""

import csv

import orjson

from tqrs.assessable import notes_confirm
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.judges.confirmation import confirmation_slot, read_confirmation
from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.reports import load_report, render
from tqrs.rubric import CLOSURE_FIELDS, JOURNAL_FIELDS, lacking, load_rubric


def workshop_form(confirmed: str, fitter: str = "Dario Pell") -> str:
    return (
        "Fault reported: rear brake light stays on with the pedal released\n"
        "Work carried out: replaced the brake pedal switch and cleared the stored code\n"
        "Parts used: pedal switch x1\n"
        f"Fitted by: {fitter}\n"
        f"Fix verified by: {confirmed}\n"
        "Next service due: March"
    )


def ticket(notes: str, **more) -> Ticket:
    return Ticket(
        id=1,
        session_id=1,
        seq=1,
        number="INC7700001",
        short_description="Brake light stays on after the pedal is released",
        close_notes=notes,
        **more,
    )


NO_JOURNAL = frozenset({"comments", "work_notes", "state", "resolved_at", "closed_at"})
STATEMENT = (
    "Recalibrated the moisture probe against the reference sample; the client confirmed the "
    "readings now match the lab sheet."
)
NEITHER = "Recalibrated the moisture probe against the reference sample and re-ran batch 12."


# --- the slot, read by its structure ---


def test_a_blank_slot_is_not_met():
    found = read_confirmation(ticket(workshop_form("")))
    assert found.outcome is Outcome.NOT_MET
    assert "Fix verified by" in found.evidence


def test_a_placeholder_in_the_slot_is_not_met():
    for empty in ("-", "N/A", "TBD", "n/a", "No"):
        assert read_confirmation(ticket(workshop_form(empty))).outcome is Outcome.NOT_MET


def test_a_name_in_the_slot_is_met():
    found = read_confirmation(ticket(workshop_form("Orla Benn (owner)")))
    assert found.outcome is Outcome.MET


def test_the_customer_or_a_yes_in_the_slot_is_met():
    assert read_confirmation(ticket(workshop_form("customer"))).outcome is Outcome.MET
    yes = "Sample logged: SL-4410\nResult issued: 12/05\nConfirmation with client: yes"
    assert read_confirmation(ticket(yes)).outcome is Outcome.MET


def test_the_resolvers_own_name_in_the_slot_is_not_the_user():
    notes = "Fault: misfire\nWork: new coil pack\nFixed by: Dario Pell\nConfirmed by: Dario Pell"
    found = read_confirmation(ticket(notes))
    assert found.outcome is Outcome.NOT_MET
    assert "analyst who resolved" in found.reasoning


def test_a_slot_holding_the_contact_attempts_is_no_name():
    # the no-response rule written in the slot: three attempts (U6), not the user's word
    found = read_confirmation(ticket(workshop_form("3rd strike, owner never rang back")))
    assert found.outcome is Outcome.PARTLY_MET
    assert not confirmation_slot(workshop_form("no reply from the owner")).filled
    assert read_confirmation(ticket("Van returned. Closed on the third strike.")).outcome is (
        Outcome.PARTLY_MET
    )


def test_an_instruction_is_no_slot():
    assert confirmation_slot("Please confirm the following:\nthe tyre pressures") is None
    assert confirmation_slot(NEITHER) is None


def test_the_value_may_sit_on_the_next_line_but_not_another_label():
    assert confirmation_slot("Verified by:\nOrla Benn").filled
    assert not confirmation_slot("Verified by:\nNext service due: March").filled


# --- what is judged where no journal is exported ---


def test_close_notes_without_slot_or_statement_stay_not_in_export():
    rubric = load_rubric("incident_quality")
    t = ticket(NEITHER)
    assert not notes_confirm(t, NO_JOURNAL)
    assert "user_confirmation" in rubric.not_assessable(
        NO_JOURNAL, True, notes_confirm(t, NO_JOURNAL)
    )


def test_a_slot_or_a_statement_makes_it_judged():
    rubric = load_rubric("incident_quality")
    for notes in (workshop_form(""), workshop_form("Orla Benn"), STATEMENT):
        t = ticket(notes)
        assert notes_confirm(t, NO_JOURNAL)
        assert "user_confirmation" not in rubric.not_assessable(NO_JOURNAL, True, True)
    assert read_confirmation(ticket(STATEMENT)).outcome is Outcome.MET


def test_the_confirmation_stands_in_only_where_no_journal_is_exported():
    needs = [JOURNAL_FIELDS, CLOSURE_FIELDS]
    assert lacking(needs, NO_JOURNAL, True, True) == []
    assert lacking(needs, NO_JOURNAL, True, False) == [JOURNAL_FIELDS, CLOSURE_FIELDS]
    # comments carried, no closure field: the notes do not stand for the closure there
    carried = frozenset({"work_notes", "state", "resolved_at", "closed_at"})
    assert lacking(needs, carried, True, True) == [CLOSURE_FIELDS]
    assert not notes_confirm(ticket(workshop_form("Orla Benn")), carried)
    # a criterion that reads the journal alone (troubleshooting) gains nothing
    assert lacking([JOURNAL_FIELDS], NO_JOURNAL, True, True) == [JOURNAL_FIELDS]


# --- through ingest and evaluate, on a CSV of close notes alone ---


def write_csv(path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def judged(store, tmp_path, name: str, rows: list[dict]) -> dict:
    """number -> the JSON report's user confirmation entry."""
    path = tmp_path / name
    write_csv(path, rows)
    session = ingest_files(store, [path], name, new=True).session_id
    report = orjson.loads(
        render(load_report(store, evaluate_offline(store, session, "incident_quality")), "json")[""]
    )
    return {
        t["number"]: next(c for c in t["criteria"] if c["id"] == "user_confirmation")
        for t in report["tickets"]
    }


ROWS = [
    ("INC7700001", workshop_form("")),
    ("INC7700002", workshop_form("Orla Benn")),
    ("INC7700003", STATEMENT),
    ("INC7700004", NEITHER),
]


def test_a_close_notes_list_is_judged_on_what_its_notes_show(store, tmp_path):
    rows = [
        {"number": n, "short_description": "Workshop job closed", "close_notes": notes}
        for n, notes in ROWS
    ]
    found = judged(store, tmp_path, "workshop.csv", rows)
    assert found["INC7700001"]["status"] == "scored" and found["INC7700001"]["points"] == 0
    assert found["INC7700002"]["status"] == "scored" and found["INC7700002"]["points"] == 10
    assert found["INC7700003"]["status"] == "scored" and found["INC7700003"]["points"] == 10
    assert found["INC7700004"]["status"] == "not_assessable"


def test_with_a_work_notes_column_the_reading_is_unchanged(store, tmp_path):
    rows = [
        {
            "number": n,
            "short_description": "Workshop job closed",
            "state": "Closed",
            "work_notes": "Car on the ramp, switch ordered." if i % 2 else "",
            "close_notes": notes,
        }
        for i, (n, notes) in enumerate(ROWS)
    ]
    found = judged(store, tmp_path, "workshop_notes.csv", rows)
    for n in ("INC7700001", "INC7700004"):
        assert found[n]["status"] == "scored" and found[n]["points"] == 0
    assert found["INC7700002"]["points"] == 10
    assert found["INC7700003"]["points"] == 10
