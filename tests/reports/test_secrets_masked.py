"""A password a ticket holds in clear is never published again by TQRS: a real offline run
over tickets holding one in the resolution notes, the additional comments, the description
and the work notes, and every report format (and the stored results the Review page shows)
with the secret masked wherever a criterion quotes it."""

import orjson
import pytest

from tests.conftest import incident, write_export
from tests.reports.readers import csv_cells, xlsx_sheets
from tqrs.reports import load_report, render

SECRETS = ("Ottobre2031", "Harbour2031!", "Dicembre2031", "Ettore2031")


def secret_records() -> list[dict]:
    return [
        incident(1, close_notes="Resettata password Utente. Nuova Password: Ottobre2031"),
        incident(
            2,
            comments="2025-12-10 04:50:00 - Priya Raman (Additional comments)\n"
            "Your temporary password is Harbour2031! - please change it at first logon.",
        ),
        incident(3, description="Cannot log in to SAP. Password Ettore2031 does not work."),
        incident(
            4,
            work_notes="2025-12-10 04:40:00 - Priya Raman (Work notes)\n"
            "TEMP PASSWORD: Dicembre2031 given to the user.\n",
        ),
    ]


@pytest.fixture(params=["incident_logging", "incident_handling", "incident_quality"])
def secret_run(request, store, tmp_path):
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    path = write_export(tmp_path / "secrets.json", secret_records())
    session_id = ingest_files(store, [path], "secrets").session_id
    return store, evaluate_offline(store, session_id, request.param), request.param


def _texts(report) -> list[str]:
    return [
        text
        for t in report.tickets
        for c in t.criteria
        for text in (c.result.evidence, c.result.reasoning, c.result.coaching)
    ]


def test_no_result_shows_a_secret_and_the_evidence_says_redacted(secret_run):
    store, run_id, rubric = secret_run
    report = load_report(store, run_id)
    texts = _texts(report)
    assert not [t for t in texts for s in SECRETS if s.lower() in t.lower()]
    assert any("[redacted]" in t for t in texts)  # the criteria did quote those lines


@pytest.mark.parametrize("fmt", ["json", "csv", "html", "xlsx"])
def test_no_report_format_holds_a_secret(secret_run, fmt):
    store, run_id, _ = secret_run
    files = render(load_report(store, run_id), fmt)
    for content in files.values():
        if fmt == "xlsx":
            cells = [str(v) for rows in xlsx_sheets(content).values() for r in rows for v in r]
            text = "\n".join(cells)
        elif fmt == "csv":
            text = "\n".join(csv_cells(content))
        elif fmt == "json":
            text = orjson.dumps(orjson.loads(content)).decode()
        else:
            text = content if isinstance(content, str) else content.decode()
        assert not [s for s in SECRETS if s.lower() in text.lower()]


def test_the_handling_rubric_charges_the_customer_visible_secrets(secret_run):
    store, run_id, rubric = secret_run
    if rubric == "incident_logging":
        pytest.skip("no criterion of Incident Logging reads the resolution")
    report = load_report(store, run_id)
    charged = {
        t.number: next(c.result for c in t.criteria if c.result.criterion_id == "resolution_notes")
        for t in report.tickets
    }
    assert charged["INC0010001"].option == "0"
    assert charged["INC0010001"].evidence == "Resolution notes: Nuova Password: [redacted]"
    assert charged["INC0010002"].evidence.startswith("Additional comments: ")
    assert charged["INC0010003"].evidence.startswith("Description: ")
    assert charged["INC0010004"].option == "10"  # its secret is the work notes' charge
