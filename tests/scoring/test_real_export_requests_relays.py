"""Troubleshooting on real exports (issue 16, the real tune3 draw): requests, relayed mails and
a hand-off's details read as steps. The tickets are those of the Hitachi Rail Excel export and
the pt-BR export (tests/real_corpus/fetched); the expected options are their labels in
tests/eval_set/real/labels.jsonl (tune half, labelled blind) read with LABELLING.md's
troubleshooting audit: what the caller wrote, a request for information, a contact or a
hand-off is no step (rule 1); a fix's effect is its own result (rule 4)."""

import pytest

from tests.scoring.conftest import run
from tests.test_real_corpus import fetched, tickets_by_number
from tqrs.ingest import ingest_files
from tqrs.judges.troubleshooting import asks_for_work, relays_a_mail, troubleshooting_steps
from tqrs.rubric import load_rubric

QUALITY = load_rubric("incident_quality")


def _tickets(store, name: str, numbers: tuple[str, ...]) -> dict:
    report = ingest_files(store, [fetched(name)])
    got = tickets_by_number(store, report.session_id)
    return {n: got[n][0] for n in numbers}


def test_hitachi_relayed_mails_and_requests_are_no_steps(store):
    # INC013787410 (label 0): the desk's "EN: Email has been sent to user:" with the request
    # quoted ('"Please provide a new revision of the file ..."') and the user's mail pasted
    # under its header ("Sent: / To: / Subject:"): no check or fix with its result. Before:
    # 20, five steps ("IT:" read as a label with its finding, the request, the mail).
    # INC012583685 (label: no step with its result): the user's mail pasted under the desk's
    # "UPDATE (See screenshot):" was counted by its structure, so not assessable (None).
    # INC015565757 (label 10, two steps: the import redone, the new one OK): "In accordo con
    # l'utente," (in agreement with the user) was a third clause, so not assessable (None).
    # INC011748739 (label 0: "please investigate"): 10 or 0 is the defect; before, None.
    # INC016465341 (label 10: one finding): "Screenshots not visible, request for additional
    # information has been sent to the user." counted the request as a step of its own (20).
    got = _tickets(
        store,
        "hitachi_rail_excel_export.xlsx",
        ("INC013787410", "INC012583685", "INC015565757", "INC011748739", "INC016465341"),
    )
    read = {n: run(QUALITY, "troubleshooting", t).option for n, t in got.items()}
    assert read["INC013787410"] == "0"
    assert read["INC015565757"] == "10"
    assert read["INC012583685"] in ("0", "10")
    assert read["INC011748739"] in ("0", "10")
    assert read["INC016465341"] == "10"


def test_ptbr_request_and_callers_contact_are_no_steps(store):
    # INC1641730 (label 10: one finding, "the condition is only in the Cliente and Produto
    # tables"; the rest routing and KB links): the hand-off "Favor verificar. / Contato 71
    # 99956-4888 / Horário 09 as 18hrs" was counted as three clauses, so not assessable.
    got = _tickets(store, "flpereira_ptbr_incident.xlsx", ("INC1641730",))
    assert run(QUALITY, "troubleshooting", got["INC1641730"]).option == "10"


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("Please provide the file which should be replaced in ED050001768_00", True),
        ("Kindly send the error message.", True),
        ("Please let us know the result.", True),
        # a step the analyst guides the caller through: the caller's result makes it one
        ("Please remove the piece of label carefully and print 10 test pages.", False),
        ("Please check if you are able to log in", False),
        ("Please be informed that jobs were resubmitted as instructed - nothing happened.", False),
        ("Please retry now -> signs in fine", False),
        ("Reset the password, user signed in.", False),
    ],
)
def test_a_request_to_the_reader_is_told_apart(sentence, asks):
    assert asks_for_work(sentence) is asks


def test_a_mail_quoted_under_the_analysts_own_note_is_theirs(make_ticket):
    # INC015105802's shape: the analyst's own mail ("From: Linetska, Maryna") quoted under
    # the note is the analyst's; a mail that opens the entry from someone else is relayed
    own = "From: Linetska, Maryna\nSent: Thursday, April 23, 2020\nTo: a@b.com\nSubject: reset"
    assert not relays_a_mail(own, "Maryna Linetska")
    assert relays_a_mail(own.replace("Linetska, Maryna", "Santoni Sabrina"), "Maryna Linetska")
    t = make_ticket(
        caller="",
        work_notes="",
        comments="2020-02-17 19:30:53 - Maryna Linetska (Additional comments)\n"
        "*On-Hold Notes* From: Santoni Sabrina\nSent: 17 February 2020 17:02\n"
        "To: gplm.postgolivesupport\nSubject: R: INC1299095 - GPLM_load word file\n\n"
        "Good evening,\nattached the word file to be archived.\nChecked the file: it opens.",
    )
    assert troubleshooting_steps(t) == ([], [])


def test_a_mail_relayed_under_its_subject_line_is_the_callers(make_ticket):
    # a desk that pastes the caller's mail under the mail's subject, the sending desk's own
    # ticket number first ("INC1234567- ..."), alone or after a language label: the mail is
    # the caller side's (audit rule 1), though it reads like checks and findings
    t = make_ticket(
        caller="",
        work_notes="",
        comments="2020-03-02 10:15:00 - Anna Kowalska (Additional comments)\n"
        "ENG:\nINC1234567- Drawings not published\nHello,\nI checked the CN again: the PDFs "
        "are still missing.\nI restarted the publication and it failed again.\nI logged in "
        "from another PC: same result.\nRegards",
    )
    assert troubleshooting_steps(t) == ([], [])
    assert relays_a_mail("IT:\nINC1234567 - Riapertura incident\nBuongiorno")
