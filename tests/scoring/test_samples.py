"""The bundled samples (data/samples/): the files are what the generator writes, the
non-English and empty tickets are graded as such, and the CSV list export scores like the
JSON export. (Detection itself is measured on the labelled set: test_detection.py.)"""

import subprocess
import sys

import pytest

from tqrs.config import PROJECT_ROOT, SAMPLES_DIR
from tqrs.evaluate import DEFAULT_RUBRICS, evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.store import Store
from tqrs.store import runs as db


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """{rubric id: {number: TicketScore}} for incidents.json, and the generator's key."""
    import json

    key = json.loads((SAMPLES_DIR / "defects.json").read_text())
    with Store(tmp_path_factory.mktemp("det") / "x.duckdb") as store:
        session = ingest_files(store, [SAMPLES_DIR / "incidents.json"], "samples").session_id
        out = {}
        for rid in DEFAULT_RUBRICS:
            run = evaluate_offline(store, session, rid)
            out[rid] = {s.number: s for s in db.iter_ticket_scores(store, run)}
    return out, key


def test_bundled_samples_are_what_the_generator_writes(tmp_path):
    subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "make_samples.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in ("incidents.json", "incidents.csv", "defects.json"):
        assert (tmp_path / name).read_bytes() == (SAMPLES_DIR / name).read_bytes(), name


def test_non_english_and_empty_tickets(scored):
    results, key = scored
    logging = results["incident_logging"]
    for number in ("INC0010017", "INC0010088", "INC0010143"):
        by = {c.criterion_id: c for c in logging[number].criteria}
        assert by["spelling_grammar"].option == "N/A"
        assert logging[number].status == "scored"
    for number in ("INC0010051", "INC0010177"):
        s = logging[number]
        assert s.status == "scored" and not s.passed
        assert "empty_text" in key["tickets"][number]


def test_csv_list_export_scores_like_the_json_export(tmp_path, scored):
    results, _ = scored
    with Store(tmp_path / "csv.duckdb") as store:
        session = ingest_files(store, [SAMPLES_DIR / "incidents.csv"], "csv").session_id
        for rid in DEFAULT_RUBRICS:
            run = evaluate_offline(store, session, rid)
            csv_scores = list(db.iter_ticket_scores(store, run))
            assert len(csv_scores) == 50
            for s in csv_scores:
                assert (s.score, s.passed, s.band) == (
                    results[rid][s.number].score,
                    results[rid][s.number].passed,
                    results[rid][s.number].band,
                ), (rid, s.number)
