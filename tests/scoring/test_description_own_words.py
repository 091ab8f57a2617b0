"""Description quality: the start, the scope and the symptom read on the words that tell
them (tqrs.judges.complete_description: start_words, scope_words, fault_words). Public
guidance on a good incident description (ITIL incident logging; ServiceNow's "good incident
description") asks for when the fault began and who or what it stops; LABELLING.md D2 reads a
contrast ("the other scanners work") as part of the symptom, not the scope, and D4 gives 0 to
a description that names no symptom. The wordings below are written here in the style of
service-desk tickets, not taken from the evaluation set; every one was decided otherwise
before (a quoted field's "last update", a meeting on Friday or tomorrow's forecast read as
the start; "the other three printers", "tank 6 holds" or a sign-off's "(cellar team)" read as
the scope; a story's "cannot remember" or "never gave them bother" read as a symptom; a
return from leave not read as what came before the fault)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.rubric import load_rubric

PARTLY = [  # symptom, device and impact written; the start or the scope only seemingly: 10
    # a contrast with what still works is the symptom's edge, not the scope (D2)
    (
        "Label printer blank",
        "Since Monday the label printer PRN-07 in goods-in prints blank labels; the other three printers work fine.",
    ),
    (
        "Scanner drops Wi-Fi",
        "Since 09:00 scanner SC-12 on the packing bench drops its Wi-Fi every few minutes; the other 6 scanners work normally.",
    ),
    (
        "Bank feed stopped",
        "Since yesterday the Xero bank feed for the main account has stopped bringing in transactions; the other two accounts still update.",
    ),
    (
        "Sensor reads zero",
        "Since the tank wash on Thursday the monitor shows tank 6 at 0.0 C; the other 11 tanks read normally.",
    ),
    # a number that names a thing counts nobody
    (
        "Till card reader",
        'Since this morning checkout 3 shows "Reader not found" on the GiftPOS screen at the Harbour Road shop.',
    ),
    (
        "Dock door sensor",
        "Since 07:00 bay 4 reads empty on the yard screen in the WMS although a trailer is docked.",
    ),
    (
        "NVR gate camera",
        "Since the weekend camera 9 records nothing at night on the NVR at the depot gate.",
    ),
    (
        "Kiosk blank",
        "Since 05:45 kiosk 2 displays a white page at the Hall 2 entrance of the time system.",
    ),
    # a sign-off with the writer's team is no scope
    (
        "Dashboard frozen",
        "Since Monday the tank dashboard on the winery PC shows the same readings for every tank.\nThanks, Hannah (cellar team)",
    ),
    (
        "Shared drive slow",
        "Since Tuesday the S: drive on PC-WH-04 takes a minute to open any folder.\nCheers, Tom (warehouse team)",
    ),
    # words in quotes are what a screen or a field says, not when the fault began
    (
        "Stock dashboard frozen",
        'The stock dashboard on PC-WH-3 shows the same figures for every bin and its "last update" field is frozen; the pickers cannot plan their waves.',
    ),
    (
        "Creo crash",
        'Creo on the design PCs crashes when opening "Assembly_rev.2.4" files; the whole design team cannot work.',
    ),
    (
        "PDM move refused",
        'PDM rejects the move of part "03.11.0671" to the new product tree; the engineering team cannot release drawings.',
    ),
    # a time still to come is when it is needed, not since when it fails
    (
        "Outlook search",
        "Outlook search on LT-3011 finds no mails older than March; she has to pull the mail history for a pricing meeting on Friday.",
    ),
    (
        "Tower camera",
        'The line camera CAM-T4 shows "Video loss" on the control room wall; the operators need it in high wind and the forecast for tomorrow is gusty.',
    ),
    (
        "Boardroom camera",
        'The boardroom Teams Room shows "Camera not detected"; the whole sales team has the supplier call at 14:00 and needs video.',
    ),
]
NO_SYMPTOM = [  # a story around "a problem": no symptom a reader can start from: 0
    (
        "New laptop problem",
        "I got my new laptop last week and there is a problem with it that I didn't have with the old one. I sit in building 2 near the coffee machine.",
    ),
    (
        "Label printer problem",
        "Gwen says the pharmacy has had trouble with the label printer ever since the benches moved; the old one never gave them bother. She is on until four.",
    ),
    (
        "Phone problem",
        "Problem with my desk phone again. I cannot remember what the last engineer did, please send someone who knows phones and not just reboot it.",
    ),
    (
        "Printer issue",
        "There is an issue with the office printer. Dave showed me the settings last month but I can't remember them. Could someone come up to finance?",
    ),
    (
        "Scanner trouble",
        "The scanner at goods-in is giving us trouble again, the old model never gave us trouble like this. We are in bay 3.",
    ),
    (
        "Laptop issue",
        "Issue with my laptop since I came back from Leeds. It is one I didn't have before the trip. I am at my desk all day.",
    ),
    (
        "Till problem",
        "There is a problem with till 2 that we did not have with the old tills. The manager would like someone to look at it, not just restart it.",
    ),
    (
        "Headset problem",
        "Problem with my headset. Sam showed us how to pair it on Monday but I cannot recall the steps. Please can someone call me back.",
    ),
    (
        "Monitor issue",
        "My second monitor has an issue that it didn't have with the old dock. I sit on the third floor by the lifts.",
    ),
    (
        "Projector problem",
        "Projector in room 4 has a problem, the old projector never gave us any trouble. Please send someone who knows AV and not just IT.",
    ),
    (
        "Tablet issue",
        "The delivery tablet has an issue again. The last engineer showed him a fix but he cannot remember it. The driver is back at 3pm.",
    ),
    (
        "Keyboard problem",
        "Problem with my keyboard, I don't remember it doing this before the move. I sit next to the window on floor 2.",
    ),
    (
        "Phone fault",
        "There is a fault on the ward phone that we didn't have before the refit; the sister would like it looked at properly, not just swapped.",
    ),
    (
        "Docking problem",
        "Problem with the docking station at hot desk 14, one I never had with my old laptop. I'm in the office until five.",
    ),
    (
        "Card reader issue",
        "Issue with the card reader at reception. The old one never gave us this bother. Reception is staffed until six.",
    ),
]
COMPLETE = [  # since when told by a return from an absence (what came before the fault): 20
    (
        "Payroll login",
        "Payroll clerk forgot her password after two weeks' leave; she cannot sign in to Sage Payroll on PC-PAY-02 and the October run is due.",
    ),
    (
        "Locked out",
        "Bar supervisor locked out of the EPOS back office after his holiday; he needs it to cash up the bar for the whole team.",
    ),
    (
        "VPN token",
        "After her maternity leave the RSA token on laptop LT-204 is rejected by the VPN; she cannot reach the HR system the team relies on.",
    ),
    (
        "Account disabled",
        "His account was disabled after his sick leave; he cannot open Haemotrack on the lab PCs and the bench team waits for his results.",
    ),
    (
        "Email login",
        "After three weeks' vacation Outlook on LT-0442 rejects her password; the whole buying team depends on her approvals.",
    ),
    (
        "Badge rejected",
        "After the Christmas holidays door reader DR-04 at the depot rejects his badge; the drivers cannot collect the van keys until he opens the office.",
    ),
    (
        "MFA prompts",
        "After annual leave she gets no Authenticator prompts on her iPhone; she cannot approve the customer refunds the team waits for.",
    ),
    (
        "Password expired",
        "After paternity leave his Windows password on PC-ACC-03 has expired; he cannot post the invoices the accounts team needs.",
    ),
    (
        "Laptop updates",
        'After the summer holidays laptop LT-0913 is stuck on "Working on updates"; the teacher cannot show the lesson slides to the class.',
    ),
    (
        "Teams sign-in",
        'After a long absence Teams on PC-HR-02 says "Your account is disabled"; the HR team cannot hold the interviews it has booked.',
    ),
    (
        "Sage locked",
        "After her leave Sage 200 on PC-FIN-07 says the user is locked; the finance team cannot close the month.",
    ),
    (
        "Citrix expired",
        "After two weeks' sick leave Citrix Workspace on LT-332 says his password has expired; the planners wait on his schedules.",
    ),
    (
        "Badge printer",
        "After the half-term holiday the badge printer BP-01 at reception prints blank cards; the reception team cannot sign visitors in.",
    ),
    (
        "Scanner login",
        "After his holidays handheld HH-0091 rejects his WMS login; the pickers on his team cannot start the morning waves.",
    ),
    (
        "Kiosk PIN",
        "After a month's leave the time kiosk TK-2 rejects her PIN; the shift team cannot clock her in for payroll.",
    ),
]


def _option(make_ticket, rubric, short: str, description: str):
    t = make_ticket(short_description=short, description=description)
    return grade(rubric, "description_quality", t)


@pytest.fixture(scope="module")
def quality_rubric():
    return load_rubric("incident_quality")


@pytest.mark.parametrize("rubric", ["logging_rubric", "quality_rubric"])
@pytest.mark.parametrize("short, description", PARTLY)
def test_a_start_or_a_scope_only_seemingly_written(
    make_ticket, request, rubric, short, description
):
    """Symptom and device written, the start or the scope only seemingly: partly complete
    (the original rubric and the generic one)."""
    r = _option(make_ticket, request.getfixturevalue(rubric), short, description)
    assert r.option == "10", r.reasoning


@pytest.mark.parametrize("short, description", NO_SYMPTOM)
def test_a_story_around_a_problem_names_no_symptom(make_ticket, logging_rubric, short, description):
    """A story around "a problem" whose only negations are the caller's: no symptom (D4)."""
    r = _option(make_ticket, logging_rubric, short, description)
    assert r.option == "0", r.reasoning


@pytest.mark.parametrize("short, description", COMPLETE)
def test_since_when_told_by_a_return_from_leave(make_ticket, logging_rubric, short, description):
    """The fault began on the return from an absence: the start is written, complete (20)."""
    r = _option(make_ticket, logging_rubric, short, description)
    assert r.option == "20", r.reasoning
