"""Text hard-wrapped at a fixed width (round wrap48): a sentence that goes on at the next line
is read whole (tqrs.rules.line_wrap), by caller validation's line reading and by critical
process's reading of the opening; a break between items (a list, "Label: value" lines, a timed
log, a sign-off) is never joined. Written for these tests (a ferry company, an orchard
co-operative, a city farm), not taken from the evaluation set. The expected options are a
reader's of LABELLING.md, Logging audit rules 3 (a test push after an MFA fix checks the fix,
not the caller) and 13 (a service down for a whole site or many people is a major incident;
a team is not)."""

import pytest

from tests.scoring.conftest import run
from tqrs.rules.line_wrap import unwrapped

# a ferry company's note wrapped at about 80 characters, the sentence cut before a capital
_WRAPPED = (
    "The deck officer reported that the ramp sensor on the Kestrel berth stopped sending its\n"
    "position to the bridge console after the power dip at 05:40, so loading was held for\n"
    "twenty minutes while the crew checked the hinge by eye. We restarted the sensor gateway\n"
    "Hub and the readings came back; the officer confirmed the ramp angle shows again."
)


def test_a_wrapped_sentence_is_joined_and_the_paragraph_keeps_its_words():
    joined = unwrapped(_WRAPPED)
    assert "\n" not in joined
    assert joined.split() == _WRAPPED.split()


@pytest.mark.parametrize(
    "text",
    [
        # steps one a line, no stops, of much the same length: a list, not a wrap
        "Checked the ramp sensor gateway on the Kestrel berth and it was powered\n"
        "Restarted the gateway from the bridge console and waited for the feed\n"
        "Asked the deck officer to lower the ramp once and watch the angle reading\n"
        "Officer saw the reading move with the ramp so the feed is back as before",
        # label and value lines
        "Vessel affected: MV Kestrel, car deck ramp on the north berth of the harbour\n"
        "Reported by: deck officer on the 05:40 watch, by radio to the shore office team\n"
        "Impact: loading held for twenty minutes on the first crossing of the morning",
        # a timed log
        "05:42 ramp sensor feed lost on the bridge console after the short power dip today\n"
        "05:50 crew checked the hinge by eye and loading was held for the first crossing\n"
        "06:02 sensor gateway restarted from the shore office and readings came back in",
        # two lines: no width shown
        "The ramp sensor on the Kestrel berth stopped sending its position to the bridge\n"
        "console after the power dip.",
        # a sign-off after a long line
        "Please let us know if the ramp reading drops again during the evening crossings\n"
        "Kind regards,\n"
        "Shore office",
    ],
)
def test_items_are_not_joined(text):
    assert unwrapped(text) == text


# Caller validation: the test push after the new phone's enrolment, the line cut after
# "configured" (before: the push read as the caller's validation, 10)
_MFA_NOTE = (
    "2026-09-14 08:20:00 - Petra Lund (Work notes)\n"
    "Removed the lost handset's old registration in the admin console and gave Mr\n"
    "Orchard a one-time pass valid for one hour only. With the pass he configured\n"
    "Okta Verify on the replacement handset, and we sent a test push, which he\n"
    "accepted. He then opened the packhouse rota and the grading app on the\n"
    "handset.\n"
)


def _mfa_ticket(make_ticket, notes):
    return make_ticket(
        short_description="Orchard co-op - Packhouse - Okta Verify - new handset needs MFA",
        description="Grower liaison Tom Orchard has a replacement handset after the old one was "
        "lost in the cold store; every sign-in wants Okta Verify on the old phone.",
        work_notes=notes,
        close_notes="MFA moved to the replacement handset; rota and grading app sign in.",
        contact_type="phone",
    )


def test_a_test_push_after_a_wrapped_enrolment_is_no_validation(make_ticket, logging_rubric):
    ticket = _mfa_ticket(make_ticket, _MFA_NOTE)
    assert run(logging_rubric, "caller_validation", ticket).option == "0"


def test_a_real_check_in_a_wrapped_note_still_validates(make_ticket, logging_rubric):
    # control: the caller's check written across the wrap is found whole (10)
    notes = _MFA_NOTE + (
        "\n2026-09-14 08:05:00 - Petra Lund (Work notes)\n"
        "Before any change we rang Mr Orchard back on the mobile listed for him in the HR\n"
        "record and he gave his grower number and date of birth, both matched the HR file\n"
        "entry. He then described the lost handset.\n"
    )
    ticket = _mfa_ticket(make_ticket, notes)
    assert run(logging_rubric, "caller_validation", ticket).option == "10"


# Critical process: a scope on one line and its outage on the next; a failure quoted as the
# screen gives it; the site's devices listed after a colon; a team spread over sites.
_CHECKED = "Validated: call-back to the number on the HR record, staff no. 4410.\n"


def _opening_ticket(make_ticket, description, short="Ferry terminal - booking and boarding"):
    return make_ticket(
        short_description=short,
        description=description,
        work_notes="2026-09-14 07:00:00 - Petra Lund (Work notes)\n" + _CHECKED,
        close_notes="Gateway restarted; service back.",
        priority=2,
        subcategory="",
        service="",
        cmdb_ci="",
    )


@pytest.mark.parametrize(
    "description, option",
    [
        # the scope cut from its outage by the wrap (before: N/A)
        (
            "The shore office rang at 06:20 to say that since the overnight release\n"
            "the online booking system at the harbour has been unavailable for about\n"
            "900 passengers who hold tickets for the evening crossings, and the port\n"
            "team cannot reissue boarding passes by hand.",
            "-35",
        ),
        # the failure quoted after the scope (before: N/A)
        (
            "Since 05:40 the seat-back screens in the car deck lounge (about 60 screens, 300 "
            'passengers) show "no connection" and the crew cannot play the safety film.',
            "-35",
        ),
        # the site's devices listed after a colon (before: N/A)
        (
            "The harbour office says nobody at the terminal has internet: the kiosks, card "
            "terminals and staff laptops show offline since the power dip at 05:40.",
            "-35",
        ),
        # controls: one printer of the site is down (N/A); a team in every office (N/A)
        (
            "Nobody at the terminal can print: the one label printer in the freight shed\n"
            "shows offline since the power dip at 05:40.",
            "N/A",
        ),
        (
            "The freight team in all three offices cannot open the manifest tool since the\n"
            "release this morning; other teams work normally.",
            "N/A",
        ),
    ],
)
def test_major_incident_read_over_wraps(make_ticket, logging_rubric, description, option):
    ticket = _opening_ticket(make_ticket, description)
    assert run(logging_rubric, "critical_process", ticket).option == option
