"""How figures read to people: one rule for a rate, an agent named with their group without
doubled brackets, counts in words with their singular. Expected strings written by hand."""

import json
import re

import pytest

from tests.conftest import run_cli
from tqrs.display import NO_GROUP, UNASSIGNED, heading_text, in_group, isolate_bidi, rate_text


@pytest.mark.parametrize(
    ("rate", "shown"),
    [
        (None, "–"),
        (0, "0%"),
        (0.0009, "0.1%"),
        (1 / 111, "0.9%"),  # Home and Agents said "1%", Reports "0.9%"
        (0.0951, "9.5%"),
        (0.1, "10%"),
        (0.415, "42%"),
        (0.99, "99%"),
        (0.996, "99.6%"),  # not "100%" while a ticket failed
        (1, "100%"),
    ],
)
def test_one_rule_for_a_rate(rate, shown):
    assert rate_text(rate) == shown


@pytest.mark.parametrize(
    ("name", "group", "shown"),
    [
        ("Ann A", "Service Desk", "Ann A (Service Desk)"),
        ("Ann A", NO_GROUP, "Ann A, no group"),
        (UNASSIGNED, "Service Desk", "Unassigned tickets (Service Desk)"),
        (UNASSIGNED, NO_GROUP, "Unassigned tickets, no group"),  # not "(unassigned) ((no group))"
    ],
)
def test_an_agent_named_with_their_group(name, group, shown):
    assert in_group(name, group) == shown


@pytest.mark.parametrize(
    ("text", "limit", "shown"),
    [
        ("Printer offline", 160, "Printer offline"),
        ("  Printer\n offline  ", 160, "Printer offline"),  # spaces and lines as one space
        ("Outlook asks for the password again", 20, "Outlook asks for the\u2026"),
        ("Outlook asks, for the password", 14, "Outlook asks\u2026"),  # no comma before "…"
        ("x" * 30, 10, "x" * 10 + "\u2026"),  # one word longer than the limit: cut in it
    ],
)
def test_heading_text_cuts_at_a_word(text, limit, shown):
    assert heading_text(text, limit) == shown


def test_the_cli_shows_a_tickets_control_characters_as_text(tmp_path):
    """A ticket's escape sequences (retitle, recolour, clear the screen) reach the terminal
    written out, not acted on; --json already escapes them."""
    export = tmp_path / "esc.csv"
    export.write_text(
        "Number,Short description,Opened,Assigned to\n"
        'INC2000001,"evil \x1b]0;pwned\x07 \x1b[31mRED\x1b[0m\x9b2J",2025-12-03 10:00:00,'
        '"Ann\x1b[2J"\n',
        encoding="utf-8",
    )
    db = tmp_path / "t.duckdb"
    run_cli("ingest", export, "--db", db, check=True)
    shown = run_cli("tickets", "1", "--db", db, check=True).stdout
    assert r"Ann\u001b[2J" in shown
    assert r"evil \u001b]0;pwned\u0007 \u001b[31mRED\u001b[0m\u009b2J" in shown
    assert not _TERMINAL.search(shown)
    as_json = run_cli("tickets", "1", "--json", "--db", db, check=True).stdout
    assert json.loads(as_json)["assigned_to"] == "Ann\x1b[2J"
    assert (
        json.loads(as_json)["short_description"] == "evil \x1b]0;pwned\x07 \x1b[31mRED\x1b[0m\x9b2J"
    )
    assert not _TERMINAL.search(as_json)


def test_an_error_line_shows_control_characters_as_text(tmp_path):
    bad = tmp_path / "bad\x1b[2J.csv"
    bad.write_text("", encoding="utf-8")
    done = run_cli("ingest", bad, "--db", tmp_path / "t.duckdb")
    assert done.returncode == 2
    assert done.stderr == "error: bad\\u001b[2J.csv: the file is empty\n"


_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_a_line_break_in_a_field_keeps_each_ticket_and_agent_on_one_line(tmp_path):
    """An agent's name, a category and a short description holding line breaks (a quoted CSV
    field may) are cells of the CLI's tables: each ticket and each agent stays one row."""
    export = tmp_path / "breaks.csv"
    export.write_text(
        "Number,Short description,Opened,State,Category,Assigned to,Assignment group\n"
        'INC2000001,"VPN drops\nevery hour",2025-12-03 10:00:00,Closed,"Net\nwork",'
        '"Ann\nLee","Service\nDesk"\n'
        "INC2000002,Printer jams,2025-12-03 11:00:00,Closed,Hardware,Bo Chen,Service Desk\n",
        encoding="utf-8",
    )
    db = tmp_path / "t.duckdb"
    run_cli("ingest", export, "--db", db, check=True)
    rows = run_cli("tickets", "1", "--db", db, check=True).stdout.splitlines()
    assert len(rows) == 2
    assert rows[0].startswith("INC2000001") and rows[0].endswith("VPN drops every hour")
    assert "Net work" in rows[0] and "Ann Lee" in rows[0]
    run_cli("evaluate", "1", "--offline", "--db", db, check=True)
    table = run_cli("profile", "1", "--agents", "--db", db, check=True).stdout.splitlines()
    assert sum(line.startswith("Ann Lee ") for line in table) == 1
    assert not any(line.startswith("Lee") for line in table)
    shown = run_cli("profile", "1", "--db", db, check=True).stdout.splitlines()
    assert not any(line.startswith(("work", "every hour", "Lee", "Desk")) for line in shown)


RLO, PDF, RLI, PDI, FSI = "\u202e", "\u202c", "\u2067", "\u2069", "\u2068"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Jane Doe", "Jane Doe"),  # no direction control: as it is
        ("\u05d3\u05e0\u05d4 \u05db\u05d4\u05df", "\u05d3\u05e0\u05d4 \u05db\u05d4\u05df"),
        (f"evil{RLO}txt.exe", f"{FSI}evil{RLO}txt.exe{PDI}"),  # the override ends with it
        (f"a{RLO}b{PDF}c", f"{FSI}a{RLO}b{PDF}c{PDI}"),
        (f"x{RLI}y", f"{FSI}x{RLI}y{PDI}{PDI}"),  # its own isolate closed, then the outer one
        (f"{PDI}{RLO}z", f"{FSI}{RLO}z{PDI}"),  # a PDI with nothing to close would end ours
        (f"{RLI}a{PDI}{PDI}b", f"{FSI}{RLI}a{PDI}b{PDI}"),
    ],
)
def test_direction_controls_are_isolated(text, shown):
    assert isolate_bidi(text) == shown


def test_ticket_labels_isolate_a_file_name_that_turns_the_line():
    """'INC1 · copy from a<RLO>.csv · opened 2018-08-31 21:35': the RLO in the file name
    turned the rest of the label, the opening time included, around."""
    from datetime import datetime

    from tqrs.display import ticket_labels

    ids = [
        {"ticket_id": i, "number": "INC1", "copies": 2, "file": f"f{i}{RLO}.csv",
         "sys_id": None, "opened_at": datetime(2018, 8, 31, 21, 35), "record_position": 1}
        for i in (1, 2)
    ]  # fmt: skip
    assert (
        ticket_labels(ids)[1] == f"INC1 · copy from {FSI}f1{RLO}.csv{PDI} · opened 2018-08-31 21:35"
    )
