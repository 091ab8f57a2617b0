"""Citations that bear on the ticket (issue 16, item 10): only procedure steps are cited, only
from a document about the ticket, and nothing rather than something unrelated. Real
documents (the sample SOPs, public playbooks from tests/eval_set/knowledge/), real incidents
of the evaluation set, the packaged MiniLM model."""

import json
from pathlib import Path

import pytest

from tests.knowledge.conftest import SAMPLES, write_export
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.knowledge import add_documents
from tqrs.knowledge.chunking import chunk_blocks
from tqrs.knowledge.documents import FORMATS, read_document
from tqrs.knowledge.evidence import KnowledgeEvidence
from tqrs.knowledge.steps import front_matter, is_step, section_steps
from tqrs.store import Store
from tqrs.store.runs import iter_ticket_scores
from tqrs.store.sessions import iter_tickets

EVAL_SET = Path(__file__).resolve().parents[1] / "eval_set"
PLAYBOOKS = EVAL_SET / "knowledge"
HEADER = "Halvorsen & Pike Logistics, IT Service Desk. Owner: Service Desk Team Lead."
CRITERIA = ("critical_process", "troubleshooting", "resolution_quality")


def _documents() -> list[Path]:
    return sorted(p for d in (SAMPLES, PLAYBOOKS) for p in d.iterdir() if p.suffix in FORMATS)


def _sections(path: Path) -> dict[str, list[str]]:
    doc = read_document(path)
    out: dict[str, list[str]] = {}
    for chunk in chunk_blocks(doc.blocks):
        out.setdefault(chunk.heading, []).extend(section_steps(chunk.text))
    return out


# --- what a step is (expected values read off the documents) ---


def test_the_sop_header_and_scope_are_not_steps():
    sections = _sections(SAMPLES / "password-reset-sop.md")
    title = "Password Reset and Account Unlock SOP"
    assert sections[title] == []  # "Halvorsen & Pike Logistics, IT Service Desk. Owner: ..."
    assert front_matter(title, title)
    assert front_matter(f"{title} > Purpose and scope", title)
    assert not front_matter(f"{title} > Verify the caller's identity", title)
    assert sections[f"{title} > Verify the caller's identity"][0] == (
        "Before changing anything, validate the caller with two of the following:"
    )
    # the validation options are a list of checks, not instructions
    assert not any(s.startswith("Employee ID") for s in sum(sections.values(), []))
    assert sections[f"{title} > Reset the password"][:2] == [
        "Generate a temporary password with the approved generator; never reuse a pattern.",
        'Tick "User must change password at next sign-in".',
    ]
    for line in (
        HEADER,
        "Version 3.2.",
        "Owner: Information Security.",
        "Category: Access / Password Reset.",
        "Knowledge home | Network",
        "A lost or stolen device is a potential data breach.",
        "Jobs are deleted after 24 hours.",
        "Last reviewed March 2026.",
    ):
        assert not is_step(line), line


def test_steps_of_a_public_playbook_with_metadata_tables_and_checklists():
    sections = _sections(PLAYBOOKS / "malware-playbook.md")
    title = "Malware Infection Response Playbook"
    assert sections[title] == []  # the document-control table: Version, Owner, [DATE]
    isolation = sections[f"{title} > 6. Containment > 6.1 Endpoint Isolation"]
    assert isolation[0] == "Isolate affected system(s)"  # "□ Step 6: Isolate affected ..."
    assert "Use EDR to isolate endpoint" in isolation
    assert "DO NOT power off unless necessary" in " ".join(isolation)
    assert not any("Option A" in s for s in isolation)
    detection = sections[f"{title} > 2. Detection Indicators > 2.1 Endpoint Indicators"]
    assert detection == []  # a table of indicators
    lost = _sections(PLAYBOOKS / "lost-device-playbook.md")
    it_steps = lost["Lost or Stolen Device Playbook > 5. Immediate Actions (First 30 Minutes)"
                    " > For IT/Security"]  # fmt: skip
    assert it_steps[2] == "Remote lock device immediately"  # "3. [ ] **Remote lock** device"
    assert lost["Lost or Stolen Device Playbook"] == []  # **Severity:**, **Owner:** lines


# --- choosing the step, real model ---


@pytest.fixture(scope="module")
def eval_tickets():
    return {r["number"]: r for r in json.loads((EVAL_SET / "tickets.json").read_text())["records"]}


@pytest.fixture(scope="module")
def knowledge_store(tmp_path_factory, minilm):
    """One database holding the six documents, embedded once for this module's tests."""
    with Store(tmp_path_factory.mktemp("citing") / "kb.duckdb") as store:
        add_documents(store, minilm, _documents())
        yield store


@pytest.fixture
def cite(knowledge_store, minilm, tmp_path, eval_tickets):
    """numbers -> number -> criterion -> the StepCitation, for those incidents of the set
    (each call a session of its own)."""
    store = knowledge_store

    def run(numbers):
        path = tmp_path / "incidents.json"
        path.write_text(json.dumps({"records": [eval_tickets[n] for n in numbers]}))
        tickets = list(iter_tickets(store, ingest_files(store, [path]).session_id))
        evidence = KnowledgeEvidence(store, minilm, cite_criteria=CRITERIA).for_tickets(tickets)
        return {t.number: evidence[t.id].citations if t.id in evidence else {} for t in tickets}

    return run


@pytest.fixture
def cited(cite):
    """numbers -> number -> criterion -> (file, section, step) cited."""

    def run(numbers):
        return {
            number: {
                c: (s.passage.document, s.passage.heading.split(" > ")[-1], s.step)
                for c, s in by_criterion.items()
            }
            for number, by_criterion in cite(numbers).items()
        }

    return run


def test_wrong_sop_cases_of_the_issue_cite_nothing_or_the_right_document(cited):
    got = cited(["INC2002007", "INC2002026", "INC2003011", "INC2004038", "INC2006002"])
    virus = got["INC2002007"]  # "Virus found on laptop": the password SOP is not about it
    for criterion, (document, _, _) in virus.items():
        assert document == "malware-playbook.md", criterion
    for number in ("INC2003011", "INC2004038", "INC2006002"):  # OneDrive: no document fits
        for document, _, _ in got[number].values():
            assert document not in ("lost-device-sop.pdf", "lost-device-playbook.md"), number


def test_the_right_document_for_a_reset_a_lost_device_and_a_printer(cited):
    got = cited(["INC2001004", "INC2002001", "INC2003003"])
    reset = got["INC2001004"]["critical_process"]  # a step of the password SOP, not its title
    assert reset[0] == "password-reset-sop.md"
    assert reset[1] in ("Verify the caller's identity", "Reset the password", "Closing the ticket")
    assert got["INC2002001"]["critical_process"][0] in (
        "lost-device-sop.pdf",
        "lost-device-playbook.md",
    )
    assert got["INC2003003"]["troubleshooting"][:2] == (
        "printer-troubleshooting.txt",
        "3. Paper jams and hardware faults",
    )


def test_no_incident_cites_a_header_or_front_matter(cite):
    """The incidents of the labelled citation pairs: password, lost-device, malware, VPN,
    printer and unrelated tickets."""
    pairs = (EVAL_SET / "citation_pairs.jsonl").read_text().splitlines()
    found = cite(sorted({json.loads(line)["number"] for line in pairs}))
    steps = [s for by_criterion in found.values() for s in by_criterion.values()]
    assert len(steps) > 30
    for s in steps:
        assert "Halvorsen & Pike" not in s.step and "Owner:" not in s.step, s.step
        assert not front_matter(s.passage.heading, s.passage.title), s.passage.heading
        assert s.step in s.passage.text.replace("**", "") or s.step.split()[0] in s.passage.text


def test_offline_coaching_quotes_a_step_never_the_header(store, minilm, tmp_path, eval_tickets):
    """Through `evaluate_offline`, as the issue met it: a reset without validation, a virus
    ticket and a OneDrive ticket, graded with the sample SOPs in the knowledge base."""
    add_documents(store, minilm, sorted(SAMPLES.iterdir()))
    numbers = ["INC2001004", "INC2001014", "INC2002007", "INC2003011"]
    path = tmp_path / "incidents.json"
    path.write_text(json.dumps({"records": [eval_tickets[n] for n in numbers]}))
    session = ingest_files(store, [path]).session_id
    by_number = {}
    for rubric in ("incident_logging", "incident_handling"):
        run = evaluate_offline(store, session, rubric, embedder_factory=lambda: minilm)
        for score in iter_ticket_scores(store, run):
            by_number.setdefault(score.number, []).extend(score.criteria)
    for number, criteria in by_number.items():
        for c in criteria:
            text = f"{c.reasoning} {c.coaching} {' '.join(c.citations)}"
            assert "Halvorsen & Pike Logistics, IT Service Desk" not in text, (number, c)
    virus = " ".join(" ".join(c.citations) for c in by_number["INC2002007"])
    assert "password-reset-sop.md" not in virus
    onedrive = " ".join(" ".join(c.citations) for c in by_number["INC2003011"])
    assert "lost-device-sop.pdf" not in onedrive
    reset = next(c for c in by_number["INC2001004"] if c.criterion_id == "critical_process")
    assert reset.failed  # reset without documented validation
    (citation,) = reset.citations
    assert citation.startswith("[password-reset-sop.md: Password Reset and Account Unlock SOP > ")
    assert citation.endswith(("Verify the caller's identity]", "Reset the password]"))
    quoted = reset.coaching.split('asks: "', 1)[1].split('"')[0].removesuffix("...")
    assert quoted in SAMPLES.joinpath("password-reset-sop.md").read_text().replace("\n", " ")


def test_a_knowledge_base_without_steps_cites_nothing(store, minilm, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text(
        "# Team notes\n\nOwner: Service Desk. Version 1.\n\n## About printers\n\n"
        "The printers on floor 3 are Ricoh MFPs. They were bought in 2021.\n"
    )
    add_documents(store, minilm, [notes])
    export = write_export(
        tmp_path / "i.json",
        [("INC1", "Printer jammed", "Ricoh MFP on floor 3 jams.", "Cleared.", "Hardware", "")],
    )
    session = ingest_files(store, [export]).session_id
    tickets = list(iter_tickets(store, session))
    evidence = KnowledgeEvidence(store, minilm, cite_criteria=CRITERIA).for_tickets(tickets)
    assert all(not e.citations for e in evidence.values())
