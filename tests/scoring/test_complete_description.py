"""Description quality read by its parts (tqrs.judges.complete_description): what public
service-desk guidance asks a good incident description to hold (ITIL incident logging,
ServiceNow's "good incident description": the symptom and its exact error, since when or what
changed, who or how many are affected and what it blocks, the device or application), in words
no earlier cue list held. The wordings are written here from that guidance, not taken from the
evaluation set; every case below was decided otherwise before the parts."""

import pytest

from tests.scoring.conftest import grade


def _option(make_ticket, rubric, short: str, description: str):
    t = make_ticket(short_description=short, description=description)
    return grade(rubric, "description_quality", t)


@pytest.mark.parametrize(
    "short, description",
    [
        # what the fault blocks: the piece of work a person cannot do
        (
            "Accounts PC freezes",
            "Since 09:00 Sage on PC-ACC-02 freezes on the invoice screen; I cannot post the "
            "invoices.",
        ),
        # what it is needed for, with the event's time
        (
            "Label printer prints blank",
            "Since this morning printer PRN-04 prints blank labels; they are needed for the "
            "15:00 shipment.",
        ),
        # what is at stake on a device lost or stolen
        (
            "Stolen phone",
            "My work iPhone (asset MOB-221) was stolen on the train this morning; it has my "
            "work e-mails.",
        ),
        # the work carried on another way meanwhile
        (
            "Time clock rejects badges",
            "Since Monday the time clock TC-02 rejects every badge; times are written on paper.",
        ),
        # since when, told by what changed
        (
            "Mailbox unavailable",
            'Outlook on LT-0411 shows "Your mailbox is unavailable" after the Windows update; '
            "the whole team is affected.",
        ),
        # a request: what, for which thing, and why (LABELLING.md D6)
        (
            "SharePoint access",
            "Please add J. Smith to the Finance SharePoint site because she joined the "
            "accounts team.",
        ),
    ],
)
def test_a_complete_description_read_by_its_parts(make_ticket, logging_rubric, short, description):
    """Each holds every part the option "20" names; each was 10 before, one part unread."""
    r = _option(make_ticket, logging_rubric, short, description)
    assert r.option == "20", r.reasoning


@pytest.mark.parametrize(
    "short, description",
    [
        # a mail's envelope dates the mail, not the fault: no start is written
        (
            "Budget file",
            "From: Jane Doe\nSent: 12 March 2024 10:02\nTo: Service Desk\nSubject: budget\n\n"
            "Excel on my laptop crashes when I open the budget file. The whole finance team "
            "needs it.",
        ),
        # a product's version is no date ("Creo 5.0")
        ("Creo crashes", "Creo 5.0 crashes when opening assemblies; the design team cannot work."),
    ],
)
def test_a_date_that_is_no_start(make_ticket, logging_rubric, short, description):
    """The start of the fault is not written, so the description is partly complete (10);
    each was 20 before (the mail's date or the version read as the start)."""
    r = _option(make_ticket, logging_rubric, short, description)
    assert r.option == "10", r.reasoning
    assert "not when it started" in r.reasoning


@pytest.mark.parametrize(
    "description",
    [
        "Non riesco ad aprire i disegni in Creo.",  # Italian: "I cannot open the drawings"
        "Si richiede di aggiungere l'utente al gruppo Creo.",  # "please add the user to ..."
    ],
)
def test_a_symptom_in_the_desks_other_language(make_ticket, logging_rubric, description):
    """A symptom (or a request's need) written in Italian is a symptom: 10, not the 0 of a
    description naming none (the language does not matter, LABELLING.md D1)."""
    r = _option(make_ticket, logging_rubric, "Creo", description)
    assert r.option == "10", r.reasoning
