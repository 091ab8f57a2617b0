"""The default rubric follows the export: the original rubrics when most short descriptions
are in their 4-part form, the generic rubric otherwise, with the reason printed."""

from tests.conftest import incident, run_cli, write_export
from tqrs.rubric import load_rubric
from tqrs.rubric_choice import choose_rubrics, convention_share
from tqrs.rubric_versions import save_version
from tqrs.store import Store
from tqrs.store.sessions import get_session

FREE = [
    "Outlook asks for the password after every restart",
    "Printer on floor 3 jams on every duplex job",
    "VPN drops every ten minutes since the update",
    "ACME - London - Outlook - Cannot open shared mailbox",
]
FOUR_PART = [
    "ACME - London - Outlook - Cannot open shared mailbox",
    "ACME|Leeds|SAP|VA01 authorisation missing",
    "ACME Retail - Paris - Teams - No audio in meetings",
    "Printer jams",
]


def test_convention_share_counts_the_4_part_form():
    assert convention_share(FREE) == 1 / 4
    assert convention_share(FOUR_PART) == 3 / 4
    assert convention_share(["", "  "]) is None


def _ingest(tmp_path, name, sds):
    records = [incident(i, short_description=sd) for i, sd in enumerate(sds, 1)]
    run_cli("ingest", write_export(tmp_path / f"{name}.json", records), "--name", name, check=True)


def test_evaluate_without_rubric_picks_by_the_export(tmp_path, isolated_state):
    _ingest(tmp_path, "free", FREE)
    _ingest(tmp_path, "fourpart", FOUR_PART)
    with Store(isolated_state) as store:
        free = choose_rubrics(store, get_session(store, "free").id)
        four = choose_rubrics(store, get_session(store, "fourpart").id)
    assert free.rubrics == ("incident_quality",) and free.share == 0.25
    assert "only 25% of the short descriptions" in free.reason.lower()
    assert four.rubrics == ("incident_logging", "incident_handling") and four.share == 0.75
    proc = run_cli("evaluate", "free", "--offline", check=True)
    assert proc.stdout.startswith("rubric: incident_quality: Only 25% of the short descriptions")
    assert "rubric incident_quality 1.1" in proc.stdout
    proc = run_cli("evaluate", "fourpart", "--offline", check=True)
    assert "rubric incident_logging 1.1" in proc.stdout
    assert "rubric incident_handling 1.1" in proc.stdout
    named = run_cli("evaluate", "free", "--offline", "--rubric", "incident_logging", check=True)
    assert "rubric: " not in named.stdout and "rubric incident_logging" in named.stdout


def test_the_form_is_read_from_the_saved_version_of_the_rubric(tmp_path, isolated_state):
    """A manager who saved Incident Logging with a 3-part form gets the originals for an
    export written in that form, and the reason names the saved form."""
    three = ["London | Outlook | Cannot open shared mailbox", "Leeds | SAP | VA01 fails"] * 2
    _ingest(tmp_path, "threepart", three)
    with Store(isolated_state) as store:
        session = get_session(store, "threepart").id
        assert choose_rubrics(store, session).rubrics == ("incident_quality",)  # shipped form
        base = load_rubric("incident_logging")
        fmt = base.parameters.short_description.model_copy(
            update={"parts": ["Site", "Application", "Issue"], "example": "Leeds | SAP | x"}
        )
        parameters = base.parameters.model_copy(update={"short_description": fmt})
        save_version(store, base.model_copy(update={"parameters": parameters}), base, "lee")
        choice = choose_rubrics(store, session)
    assert choice.rubrics == ("incident_logging", "incident_handling") and choice.share == 1.0
    assert "the 3-part form 'Site - Application - Issue'" in choice.reason


def test_a_share_under_one_percent_is_not_read_as_none(tmp_path, isolated_state):
    """A real export (a6_incident.csv, 1,107 tickets) with a few short descriptions in the
    form read "Only 0% of the short descriptions are written in …": 1 of 201 here."""
    _ingest(tmp_path, "rare", FOUR_PART[:1] + FREE[:3] * 66 + FREE[:2])
    with Store(isolated_state) as store:
        choice = choose_rubrics(store, get_session(store, "rare").id)
    assert choice.share == 1 / 201  # 0.5%, shown as 0% before
    # rates read by tqrs.display.rate_text since this session: a decimal where it is needed
    assert choice.reason.startswith("Only 0.5% of the short descriptions are written")


def test_the_share_reads_as_every_other_rate(store):
    """The share in the reason follows the one rule for rates (tqrs.display.rate_text): 199
    of 200 in the form is "99.5%", not "100%" (which says every one is); 13 of 200 "6.5%"."""
    from tqrs.ingest import ingest_files

    four = "ACME - London - Outlook - Cannot open shared mailbox"
    free = "Outlook asks for the password after every restart"
    shares = {}
    for name, follows in (("most", 199), ("few", 13)):
        sds = [four] * follows + [free] * (200 - follows)
        records = [incident(i, short_description=sd) for i, sd in enumerate(sds, 1)]
        path = write_export(store.path.parent / f"{name}.json", records)
        shares[name] = choose_rubrics(store, ingest_files(store, [path], name).session_id)
    assert shares["most"].reason.startswith("99.5% of the short descriptions are written in")
    assert shares["few"].reason.startswith("Only 6.5% of the short descriptions are written")
