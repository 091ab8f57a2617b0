"""A table of ticket text offers no export of its own: Streamlit's "Download as CSV" writes
cells as they are (quoted, formulas not neutralised: checked in Streamlit 1.67's DataFrame
bundle), so a short description "=HYPERLINK(...)" would reach a spreadsheet as a formula. The
workbench's own downloads (Review's "Download these tickets", Reports) neutralise them."""

from tests.browser.conftest import TIMEOUT, open_page, settle, workbench
from tests.conftest import run_cli

FORMULA = '=HYPERLINK("http://example.invalid/x","open me")'


def test_the_review_table_has_no_raw_csv_download(tmp_path, browser):
    export = tmp_path / "formula.csv"
    export.write_text(
        "Number,Short description,Opened,State,Assigned to\n"
        f'INC2000001,"{FORMULA.replace(chr(34), chr(34) * 2)}",2025-12-03 10:00:00,Closed,Ann Lee\n'
        "INC2000002,Printer jams,2025-12-03 11:00:00,Closed,Bo Chen\n",
        encoding="utf-8",
    )
    db = tmp_path / "state" / "tqrs.duckdb"
    db.parent.mkdir()
    run_cli("ingest", export, "--db", db, check=True)
    run_cli("evaluate", "1", "--offline", "--db", db, check=True)
    with workbench(tmp_path, TQRS_DB=str(db)) as server:
        page = browser.new_page(viewport={"width": 1440, "height": 1600})
        open_page(page, f"{server['url']}/review", "Review")
        page.get_by_text("2 tickets match").first.wait_for(timeout=TIMEOUT)
        settle(page)
        table = page.locator('[data-testid="stDataFrame"]').first
        table.hover()
        toolbar = page.locator('[data-testid="stElementToolbar"]').first
        toolbar.get_by_role("button").first.wait_for(timeout=TIMEOUT)  # the toolbar is shown
        labels = [b.get_attribute("aria-label") for b in toolbar.get_by_role("button").all()]
        assert labels, "the table's toolbar shows no button"
        assert "Download as CSV" not in labels, labels
