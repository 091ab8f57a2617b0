"""A rubric that names its options as it likes (Yes/No/N/A ...) is checked, evaluated and
reported end to end with its own labels, through the CLI as a user runs it; relabelling
changes the labels, never the points."""

import json

import pytest

from tests.conftest import run_cli
from tqrs.config import SAMPLES_DIR
from tqrs.rubric import BUILTIN_DIR

LABELS = {
    "caller_validation": {"10": "Yes", "0": "No", "N/A": "N/A"},  # the example
    "critical_process": {"PASS": "Followed", "-35": "Steps missing", "FAIL": "Auto-fail"},
}
BY_KIND = {"top": "Meets", "partial": "Partly", "zero": "Misses", "na": "Does not apply"}


def _relabelled() -> dict:
    data = json.loads((BUILTIN_DIR / "incident_logging.json").read_text())
    data["id"], data["name"] = "relabelled_logging", "Incident Logging, our labels"
    for c in data["criteria"]:
        top = max((o["points"] for o in c["options"] if o["kind"] == "points"), default=0)
        for o in c["options"]:
            if c["id"] in LABELS:
                o["label"] = LABELS[c["id"]].get(o["label"], o["label"])
            elif o["kind"] == "na":
                o["label"] = BY_KIND["na"]
            else:
                kind = "top" if o["points"] == top else "zero" if o["points"] == 0 else "partial"
                o["label"] = BY_KIND[kind]
    return data


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("relabelled") / "tqrs.duckdb"
    run_cli("ingest", SAMPLES_DIR / "incidents.json", "--name", "samples", "--db", path, check=True)
    return path


def _report(db, tmp_path, run: int) -> dict:
    out = tmp_path / f"run{run}.json"
    run_cli("report", "samples", "--run", run, "--format", "json", "--out", out, "--db", db)
    return json.loads(out.read_text())


def test_relabelled_rubric_checks_evaluates_and_reports_with_its_labels(sample_db, tmp_path):
    rubric = tmp_path / "relabelled.json"
    rubric.write_text(json.dumps(_relabelled()))
    checked = run_cli("rubrics", "--check", rubric, "--db", sample_db, check=True)
    assert "caller_validation: met -> Yes, not_met -> No, not_applicable -> N/A" in checked.stdout
    assert "auto_fail -> Auto-fail" in checked.stdout and checked.stderr == ""

    mine = run_cli(
        "evaluate", "samples", "--offline", "--rubric", rubric, "--db", sample_db, check=True
    )
    assert "rubric relabelled_logging 1.1" in mine.stdout and "completed" in mine.stdout
    builtin = run_cli(
        "evaluate",
        "samples",
        "--offline",
        "--rubric",
        "incident_logging",
        "--db",
        sample_db,
        check=True,
    )
    runs = [
        int(line.split()[1].rstrip(":"))
        for line in (mine.stdout + builtin.stdout).splitlines()
        if line.startswith("run ")
    ]
    relabelled, original = (_report(sample_db, tmp_path, r)["tickets"] for r in runs)

    used = {c["option"] for t in relabelled for c in t["criteria"]}
    assert {"Yes", "No", "Meets", "Misses", "Followed", "Auto-fail"} <= used
    assert not used & {"10", "5", "0", "PASS", "FAIL", "-35"}
    totals = lambda t: (t["score"], t["max"], t["band"], t["passed"], t["auto_fail"])  # noqa: E731
    assert [totals(t) for t in relabelled] == [totals(t) for t in original]
    for mine_t, theirs in zip(relabelled, original, strict=True):
        for a, b in zip(mine_t["criteria"], theirs["criteria"], strict=True):
            assert (a["id"], a["points"], a["max"]) == (b["id"], b["points"], b["max"])
            expected = LABELS.get(a["id"], {}).get(b["option"])
            if expected:
                assert a["option"] == expected


def test_a_relabelling_that_drops_an_outcome_is_refused_before_any_run(sample_db, tmp_path):
    data = _relabelled()
    sd = next(c for c in data["criteria"] if c["id"] == "short_description")
    sd["options"] = [o for o in sd["options"] if o["label"] != "Partly"]  # Meets / Misses
    rubric = tmp_path / "strict.json"
    rubric.write_text(json.dumps(data))
    for args in (("rubrics", "--check", rubric), ("evaluate", "samples", "--rubric", rubric)):
        proc = run_cli(*args, "--db", sample_db)
        assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
        assert proc.stderr.startswith(f"error: {rubric}: criterion 'short_description'")
        assert "partly_met" in proc.stderr and "Traceback" not in proc.stderr
