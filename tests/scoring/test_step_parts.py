"""Troubleshooting steps read by their parts (tqrs.judges.step_parts): an action done on an
object, and what it showed, in words no earlier phrase list held. The wordings follow public
troubleshooting procedures (Microsoft Learn: "restart the Print Spooler service and purge the
queue", "update or re-flash the BIOS", "re-image the device"; Cisco: "power-cycle the switch
port", "the link light comes back", "monitor the uplink for drops"; CompTIA's methodology:
verify full system functionality), written here, not taken from the evaluation set. The
expected options are a hand reading of the rubric and LABELLING.md's troubleshooting audit
(rules 2, 4, 6 and 7: three steps with their outcome are 20)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.judges import step_parts
from tqrs.judges.troubleshooting import troubleshooting_steps

NOTES = "2025-01-10 09:30:00 - Sam Analyst (Work notes)\n"


@pytest.mark.parametrize(
    "notes",
    [
        # a port power-cycled and the link light back (two steps), an uplink watched for an
        # hour with no drops (a timed watch: a test, audit rule 4)
        "Switch port power-cycled; link light came back.\n"
        "Router uplink observed for an hour, no drops.",
        # a server's reply read as a finding, a BIOS re-flashed with its effect, a re-image
        # (a change whose result is the record's, audit rule 6)
        "Handheld app 5.0, server rejects below 5.2.\n"
        "BIOS re-flashed to 1.14 from the vendor site, fan noise gone.\nPC re-imaged.",
        # a queue purged and the spooler running; firmware re-flashed and both monitors seen
        "Print queue purged via services.msc; spooler running.\n"
        "Docking station firmware re-flashed; both monitors detected.",
    ],
)
def test_steps_worded_from_public_procedures_are_read(make_ticket, handling_rubric, notes):
    """Each record holds three steps or more with their outcome; before the parts, one
    wording of each went unread and the record was 10."""
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=NOTES + notes))
    assert r.option == "20", r.reasoning


@pytest.mark.parametrize(
    "line",
    [
        "User says she already restarted the laptop and cleared the cache.",  # hearsay
        "Try to clear the cache of your browser and restart it.",  # an instruction
        "Correct the file name by removing the invalid character.",
        "Will reinstall the driver tomorrow if the update does not help.",  # a plan
        "Assigned to the Network team.",  # a hand-off
        "Hi Sam, thanks for your call.",
        # the problem as met, not a check's finding
        "Unable to download the file attached to the mail from the supplier.",
        "The program sometimes crashes when opening large drawings.",
        "Laptop keeps failing to connect to the VPN since Monday.",
        "Waiting for the user to test the printer.",
    ],
)
def test_what_is_no_step_stays_none(make_ticket, line):
    t = make_ticket(work_notes=NOTES + line, comments="")
    assert troubleshooting_steps(t)[1] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "switch port power-cycled",
        "rebooted the print server",
        "chkd event log on pc-0412",
        "the driver was rolled back",
        "teams cache purged",
    ],
)
def test_an_action_on_an_object_in_any_order(sentence):
    assert step_parts.action_on_object(sentence) is not None


@pytest.mark.parametrize(
    "sentence, found",
    [
        ("ran sfc /scannow, no errors", "no errors"),
        ("event log showed disk errors", "showed"),
        ("ping to the gateway -> 100% loss", " -> 1"),
        ("bios re-flashed, fan noise gone", "gone"),
        ("server rejects below 5.2", "rejects"),
    ],
)
def test_the_finding_of_an_action_or_object(sentence, found):
    m = step_parts.finding(sentence)
    assert (m.group() if m else None) == found


@pytest.mark.parametrize(
    "sentence",
    [
        "please restart the laptop and check the vpn",
        "user says the printer still fails",
        "rang her back on the extension in the staff directory, staff no and dob agree with hr",
    ],
)
def test_no_step_by_parts(sentence):
    assert step_parts.action_on_object(sentence) is None
    assert step_parts.finding(sentence) is None


def test_an_action_told_as_when_something_happened_is_no_step():
    """ "when the PC was unplugged and moved" tells the circumstance of a cause found, no
    action done by the desk."""
    said = "it became plain that when the pc was unplugged and moved windows lost the interface"
    assert step_parts.action_on_object(said) is None
    assert not step_parts.is_change_by_parts(said)


# A renewal is a change done on the thing whose validity lapsed (a role, a licence, a
# certificate), told without its subject in a clause after the approval on a timed log line.
# Written here in a payroll desk's words, not taken from the evaluation set.
RENEWAL_LOG = (
    "14:02 payroll app: Approver role for Dev Patel lapsed 30/11\n"
    "14:10 payroll lead confirmed the extension by email, {clause}\n"
    "14:15 Dev logged off and on, approved a timesheet"
)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # the lapse found, the role renewed (a change; its effect is the record's, audit rule
        # 6), the test after it: three steps with their outcome
        ("approver role renewed to 31/12/2027", "20"),
        # control: the clause names no work done, the record stays at two steps
        ("Dev says month end matters", "10"),
    ],
)
def test_a_renewal_after_the_approval_is_a_change(make_ticket, handling_rubric, clause, expected):
    notes = NOTES + RENEWAL_LOG.format(clause=clause)
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=notes))
    assert r.option == expected, r.reasoning


def test_renewed_is_read_as_a_change_by_its_parts():
    assert step_parts.is_change_by_parts("ssl certificate renewed on the web server")
    assert not step_parts.is_change_by_parts("the contract renewal date is in march")
