"""On real exports, no points lost and no auto-fail for fields the export does not carry
(issue 16): each real file is scored offline with the built-in rubrics; every criterion whose
inputs the file does not carry, by an independent reading of the file (Python's csv and json
modules; the column names and the inputs below written by hand), is "not in export" (no
points, out of the maximum, no auto-fail), and every criterion whose inputs it carries is
judged. A ticket of a rubric none of whose criteria the export carries, or whose every criterion is
not in export or N/A, is "not assessable": neither passed nor failed, no band, left out of the
pass rate (counted apart in the summary); any other ticket passes or fails.

Files: the committed corpus (tests/real_corpus/), what scripts/fetch_real_corpus.py fetched
($TQRS_REAL_CORPUS), and the team's shared real files ($TQRS_REAL_DIR); an absent file skips
and says how to get it. `scripts/real_exports_fairness.py` prints the figures."""

import csv
import json
from pathlib import Path

import pytest

from tests.test_real_corpus import CORPUS, FETCHED, REAL, real_file
from tqrs.evaluate import evaluate_offline, run_summary
from tqrs.ingest import ingest_files
from tqrs.store.runs import iter_ticket_scores

# The columns real exports use for the fields the built-in rubrics read (raw names, list
# export labels), and what exports write for "nothing": by hand, not from tqrs.fields.
COLUMNS = {
    "short_description": {"short_description", "short description"},
    "description": {"description", "detailed description"},
    "work_notes": {"work_notes", "work notes"},
    "comments": {"comments", "additional comments"},
    "close_notes": {"close_notes", "close notes", "resolution notes"},
    "close_code": {"close_code", "close code", "closed_code"},
    "category": {"category"},
    "subcategory": {"subcategory"},
    "service": {"business_service", "service"},
    "cmdb_ci": {"cmdb_ci", "configuration item"},
}
EMPTY = {"", "?", "null", "NULL", "Null", "N/A", "n/a", "None", "nan", "NaN", "-", "--"}
ROOT = Path(__file__).resolve().parent.parent
BLANK_FILE_TICKETS = 20  # a field blank in every ticket of a file this big is not carried

# What each criterion of the built-in rubrics reads: every entry needed, one field of a
# tuple enough (the examples: "no work notes" 0/10 on an export without work notes,
# "description is empty" 0/20 without a description, the caller-validation auto-fail with
# no text column where validation could be written).
READS = {
    "incident_logging": {
        "short_description": ["short_description"],
        "caller_validation": [("work_notes", "comments")],
        "categorization": ["category", "subcategory"],
        "service_ci": ["service", "cmdb_ci"],
        "description_quality": ["description"],
        "critical_process": [("work_notes", "comments")],
        "spelling_grammar": [("short_description", "description")],
    },
    "incident_handling": {
        "troubleshooting": ["work_notes"],
        "resolution_notes": ["close_notes", "close_code"],
        "resolution_quality": ["close_notes"],
        "user_confirmation": [("work_notes", "comments", "close_notes")],
        "work_notes": ["work_notes"],
        "critical_process": [("work_notes", "comments")],
        "spelling_grammar": [("work_notes", "comments", "close_notes")],
    },
}


def read_rows(path: Path, encoding: str) -> list[dict]:
    """The file's records as plain dicts of text (a reference's display value)."""
    if path.suffix == ".csv":
        with open(path, newline="", encoding=encoding) as f:
            return list(csv.DictReader(f))
    data = json.loads(path.read_text(encoding=encoding))
    records = data.get("records") or data.get("result")
    records = records if isinstance(records, list) else [records]
    return [
        {k: v.get("display_value", "") if isinstance(v, dict) else v for k, v in r.items()}
        for r in records
    ]


def tickets_of(rows: list[dict]) -> list[dict]:
    """One row per incident: an event log's rows are update snapshots (the latest counts)."""
    if not rows or "sys_mod_count" not in rows[0] or "sys_updated_at" not in rows[0]:
        return rows
    latest: dict[str, dict] = {}
    for row in rows:
        old = latest.get(row["number"])
        if old is None or int(row["sys_mod_count"]) >= int(old["sys_mod_count"]):
            latest[row["number"]] = row
    return list(latest.values())


def not_carried(path: Path, encoding: str) -> set[str]:
    """The fields the file does not carry: no column for them, or (20 tickets or more) blank
    in every ticket."""
    tickets = tickets_of(read_rows(path, encoding))
    header = {k.strip().lower(): k for k in tickets[0]}
    out = set()
    for field, names in COLUMNS.items():
        columns = [header[n] for n in names if n in header]
        filled = any(str(t[c] or "").strip() not in EMPTY for t in tickets for c in columns)
        if not columns or (len(tickets) >= BLANK_FILE_TICKETS and not filled):
            out.add(field)
    return out


def option_kinds(rubric_id: str) -> dict[str, dict[str, str]]:
    """criterion id -> option label -> kind, read from the rubric file with the json module."""
    data = json.loads((ROOT / "data" / "rubrics" / f"{rubric_id}.json").read_text())
    return {c["id"]: {o["label"]: o["kind"] for o in c["options"]} for c in data["criteria"]}


def criterion_tops(rubric_id: str) -> tuple[dict[str, int], int]:
    """criterion id -> its top points, and the rubric's maximum, from the rubric file."""
    data = json.loads((ROOT / "data" / "rubrics" / f"{rubric_id}.json").read_text())
    tops = {
        c["id"]: max((o.get("points", 0) for o in c["options"]), default=0)
        for c in data["criteria"]
    }
    return tops, data["max_points"]


def lacks(reads: list, missing: set[str]) -> bool:
    groups = [{r} if isinstance(r, str) else set(r) for r in reads]
    return any(g <= missing for g in groups)


FILES = [
    (CORPUS, "uci_event_log_excel_dates.csv", "utf-8"),
    (CORPUS, "uci_event_log_original_dates.csv", "utf-8"),
    (FETCHED, "uci_event_log_5998.csv", "utf-8"),
    (FETCHED, "gtim_list_export.csv", "utf-8"),
    (FETCHED, "ticket_dashboard_incident.csv", "utf-8"),
    (REAL, "02_pdi_records_export.json", "utf-8"),
    (REAL, "08_pdi_list_export.csv", "utf-8"),
    (REAL, "11_duke_helpdesk.csv", "cp1252"),
    (REAL, "16_swimlane_update_row_display.json", "utf-8"),
]


@pytest.mark.parametrize(
    "directory, name, encoding", FILES, ids=[name.rsplit(".", 1)[0] for _, name, _ in FILES]
)
def test_no_points_lost_and_no_auto_fail_for_what_the_export_lacks(
    store, directory, name, encoding
):
    path = real_file(directory, name, "see tests/real_corpus/SOURCES.md and TQRS_REAL_DIR")
    missing = not_carried(path, encoding)
    session = ingest_files(store, [path], name).session_id
    for rubric_id, reads in READS.items():
        run = evaluate_offline(store, session, rubric_id)
        # nothing to judge when the export carries the inputs of no criterion of the rubric
        nothing = all(lacks(r, missing) for r in reads.values())
        kinds = option_kinds(rubric_id)
        tops, full = criterion_tops(rubric_id)
        scores = list(iter_ticket_scores(store, run))
        unjudged = 0
        for score in scores:
            assert score.status == "scored", score.error
            for r in score.criteria:
                if lacks(reads[r.criterion_id], missing):
                    assert (r.status, r.option, r.points, r.max_points) == (
                        "not_assessable",
                        None,
                        0,
                        0,
                    ), (score.number, r.criterion_id, r.reasoning)
                    assert not r.auto_fail and r.deduction == 0
                else:
                    assert r.status == "scored", (score.number, r.criterion_id, r.reasoning)
            # the points judged: the top points of the criteria scored at an option that is
            # not N/A (from the rubric file); under half the rubric's maximum (its default
            # min_judged_percent) with no FAIL and no deduction: neither a pass nor a fail
            judged_points = sum(
                tops[r.criterion_id]
                for r in score.criteria
                if r.status == "scored" and kinds[r.criterion_id].get(r.option) != "na"
            )
            if (
                judged_points * 2 < full
                and not score.auto_fail
                and not any(r.deduction for r in score.criteria)
            ):
                unjudged += 1
                assert (score.verdict, score.passed, score.band) == (
                    "too_little",
                    False,
                    "N/A",
                ), score.number
            else:
                assert score.verdict == ("pass" if score.passed else "fail"), score.number
            auto_fails = [r.criterion_id for r in score.criteria if r.auto_fail]
            assert score.auto_fail == bool(auto_fails)
            assert not any(lacks(reads[cid], missing) for cid in auto_fails)
        summary = run_summary(store, run)
        assert summary.too_little == unjudged == (len(scores) if nothing else unjudged)
        judged = len(scores) - unjudged
        assert summary.pass_rate == (summary.passed / judged if judged else None)
