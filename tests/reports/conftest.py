"""A real run over tickets whose text attacks the reports: script tags, event handlers and
spreadsheet formulas in the fields that reports show."""

import pytest

from tests.conftest import incident, write_export

SCRIPT = "<script>window.__pwned = 1; alert(1)</script>"
IMG = '<img src=x onerror="window.__pwned = 1; alert(1)">'
FORMULA = '=HYPERLINK("http://x","y")'
HOSTILE = (SCRIPT, IMG, FORMULA)


def hostile_records() -> list[dict]:
    return [
        incident(
            1,
            short_description=f"ACME - London - Outlook - {SCRIPT}",
            description=f"User pasted {IMG} into the form and cannot send email.",
        ),
        incident(
            2, assigned_to=FORMULA, assignment_group=IMG, category=SCRIPT, close_notes=FORMULA
        ),
        incident(
            3,
            short_description=FORMULA,
            work_notes=f"Checked -> {SCRIPT}",
            assigned_to="+44 cmd|' /C calc'!A0",
            assignment_group="@SUM(A1:A9)",
        ),
        incident(
            4,
            short_description="-2+3 printer jam",
            description=f"\t{FORMULA}",
            close_notes=f"\r{IMG}",
            assigned_to="Dana Whitfield",
        ),
        incident(
            5,
            short_description="password reset",
            close_notes="reset done",
            work_notes="",
            caller_id="",
        ),
        incident(6),
    ]


@pytest.fixture
def hostile_run(store, tmp_path):
    """(store, run id) of an offline incident_logging run over the hostile tickets."""
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    path = write_export(tmp_path / "hostile.json", hostile_records())
    session_id = ingest_files(store, [path], "hostile <b>session</b>").session_id
    return store, evaluate_offline(store, session_id, "incident_logging")
