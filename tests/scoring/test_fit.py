"""Category and resolution that fit the ticket: the offline judge flags a plain mismatch
(cases from the evaluation set's labelling conventions, tests/eval_set/LABELLING.md) and
leaves broad, catch-all or merely unusual categories alone; a clear neighbour vote lowers the
category-fit criterion, an unclear one stays a note."""

import pytest

from tests.scoring.conftest import run
from tqrs.judges.knowledge_notes import add_knowledge
from tqrs.judges.offline import OfflineJudge
from tqrs.knowledge.evidence import TicketEvidence, category_fit_criterion
from tqrs.knowledge.tickets import CategorySuggestion
from tqrs.rubric import load_rubric


@pytest.fixture(scope="module")
def generic():
    return load_rubric("incident_quality")


def _judge(rubric, ticket):
    return OfflineJudge().judge_ticket(ticket, rubric)


@pytest.mark.parametrize(
    "category, subcategory, sd, option",
    [
        ("Network", "VPN", "Excel crashes when pasting from SAP", "0"),
        ("Hardware", "Printer", "Password reset after lockout", "0"),
        ("Software", "Email", "Outlook cannot open the shared mailbox", "10"),
        ("Software", "", "Outlook cannot open the shared mailbox", "10"),  # broad but right
        ("Inquiry / Help", "", "Excel crashes when pasting from SAP", "10"),  # catch-all
        ("Hardware", "", "Wireless network connection lost", "10"),  # too broad to be wrong
        ("Hardware", "Mobile Device", "Scanner will not join the Wi-Fi", "10"),  # device or net
        ("Software", "Application", "Pick list printing delayed 10 minutes", "10"),
        # a phone is a device; an app under "Software / Mobile" fits the category
        ("Hardware", "Lost/Stolen Device", "Company mobile phone stolen on the tram", "10"),
        ("Software", "Mobile", "Delivery app loses the signature, app restarts", "10"),
        ("Network", "Mobile", "Delivery app loses the signature, app restarts", "0"),
        ("", "", "Excel crashes when pasting from SAP", "N/A"),
        # what runs on the filed topic shows its faults: an application prints and draws on
        # screens, a security incident happens on a device (each flagged before); a narrow
        # component still does not cover an application
        ("Software", "ERP", "Sage X3 invoice print preview is empty, printing blank", "10"),
        ("Software", "Web application", "Booking screen blank on the kiosk monitor", "10"),
        ("Security", "Security incident", "Unknown USB stick between keyboard and PC", "10"),
        ("Network", "VPN", "Label printer printing blank labels, printer jams", "0"),
        ("Hardware", "Printer", "Sage will not open after the update, app crashes", "0"),
    ],
)
def test_category_fit_offline(make_ticket, generic, category, subcategory, sd, option):
    ticket = make_ticket(category=category, subcategory=subcategory, short_description=sd,
                         description=sd + ".")  # fmt: skip
    r = _judge(generic, ticket)["category_fit"]
    assert (r.option, r.method) == (option, "offline")
    if option == "0":
        assert f"{category} / {subcategory}" in r.reasoning and r.coaching


# Hitachi Rail's Windchill access requests (real export; wording quoted): the form signs
# "Email: name@hitachirail.com" and some say the request "is made by email"; filed under
# Access Management, none is about e-mail. And a topic the description alone mentions is not
# what the ticket is about: the summary says that.
@pytest.mark.parametrize(
    "sd, description, option",
    [
        (
            "Avrei necessità di poter caricare nuovi documenti nel seguente contesto",
            "Contesto: Nuovo Tram Torino\nEmail: Diego.Cutolo@hitachirail.com\n"
            "Requested by: Diego Cutolo, email: diego.cutolo@hitachirail.com",
            "10",
        ),
        (
            'Profiling as "PBS administrator" within the context of "Nuovo Tram Torino"',
            "This request is made by email as it is not possible to make it through the "
            "IMAC. email: marcello.dellacorte@hitachirail.com <mailto:marcello.dellacorte@"
            "hitachirail.com>",
            "10",
        ),
        (
            "Order team creation for the new project",
            "Please create the team. The old Outlook distribution list is out of date and "
            "the shared mailbox should be copied.",
            "10",
        ),
        (
            "Outlook shared mailbox not opening",
            "Outlook says the shared mailbox cannot be opened since this morning.",
            "0",
        ),
    ],
)
def test_category_fit_reads_the_summary_not_addresses(
    make_ticket, generic, sd, description, option
):
    ticket = make_ticket(category="Windchill (G-PLM) Modify Access", subcategory="Access Management",
                         short_description=sd, description=description)  # fmt: skip
    assert _judge(generic, ticket)["category_fit"].option == option


def test_resolution_notes_about_another_problem_are_a_defect(make_ticket, generic):
    printer = dict(
        short_description="Printing very slow from the warehouse system",
        description="Every print job to the dock printer takes ten minutes since Monday.",
        category="Hardware",
        subcategory="Printer",
    )
    vpn_notes = (
        "Cleared saved VPN credentials in GlobalProtect and reconnected; the user can reach "
        "the file shares again."
    )
    other = _judge(generic, make_ticket(**printer, close_notes=vpn_notes))["resolution_quality"]
    assert other.option == "5" and "not the reported printing issue" in other.reasoning
    own = "Cleared the stuck print queue on the dock printer and restarted the spooler service."
    fits = _judge(generic, make_ticket(**printer, close_notes=own))["resolution_quality"]
    assert fits.option == "10"


def _vote(support: float, agreeing: int, voters: int) -> CategorySuggestion:
    return CategorySuggestion(
        current="Hardware",
        category="Network",
        subcategory="VPN",
        support=support,
        neighbours=[f"INC{i:07d}" for i in range(agreeing)],
        voters=voters,
        better_available=True,
    )


@pytest.mark.parametrize("rubric_id", ["incident_quality", "incident_logging"])
def test_a_clear_vote_lowers_category_fit_an_unclear_one_is_a_note(make_ticket, rubric_id):
    rubric = load_rubric(rubric_id)
    fit = category_fit_criterion(rubric)
    assert fit.id == ("category_fit" if rubric_id == "incident_quality" else "categorization")
    ticket = make_ticket(category="Hardware", subcategory="Laptop",
                         short_description="Cannot connect to the office from home",
                         description="The laptop cannot reach the office from home.")  # fmt: skip
    from tqrs.rules import apply_rules

    results = {**apply_rules(ticket, rubric), **_judge(rubric, ticket)}
    assert results[fit.id].option == "10"
    categories = ("categorization",)
    clear = add_knowledge(results, TicketEvidence(category=_vote(0.9, 5, 6)), categories, fit)
    lowered = clear[fit.id]
    expected = "0" if rubric_id == "incident_quality" else "5"  # no partly-met option: not met
    assert lowered.option == expected and "Lowered" in lowered.reasoning
    assert "similar well-scored tickets: INC0000000" in lowered.citations[-1]
    unclear = add_knowledge(results, TicketEvidence(category=_vote(0.65, 3, 5)), categories, fit)
    assert unclear[fit.id].option == "10"
    assert "Better category available" in unclear["categorization"].reasoning


def test_a_misfiled_ticket_is_charged_once(make_ticket, generic):
    """Under the generic rubric the fit is category_fit's: categorization asks only that both
    fields are set (its options say "one of category or subcategory missing" for 5), so a
    label printer filed under Network / VPN loses category_fit's 10 and keeps
    categorization's 10. The original rubrics have no fit criterion: there categorization
    gives 5 (LABELLING.md: set but plainly wrong)."""
    ticket = make_ticket(
        category="Network",
        subcategory="VPN",
        short_description="Label printer printing blank labels at the dispatch desk",
        description="The dispatch label printer prints blank labels since the ribbon change; "
        "the printer jams on every second label.",
    )
    generic_run = {cid: run(generic, cid, ticket) for cid in ("categorization", "category_fit")}
    assert generic_run["categorization"].option == "10"
    assert generic_run["category_fit"].option == "0"
    logging = load_rubric("incident_logging")
    assert logging.parameters.fields_must_fit
    assert not generic.parameters.fields_must_fit
    assert run(logging, "categorization", ticket).option == "5"
