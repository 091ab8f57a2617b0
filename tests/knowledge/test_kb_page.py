"""The Knowledge page through AppTest, with the fake embedder (TQRS_EMBEDDER=fake)."""

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.app.conftest import SCRIPT_TIMEOUT, shown
from tests.knowledge.conftest import SAMPLES, write_export
from tqrs.embeddings import FakeEmbedder
from tqrs.ingest import ingest_files
from tqrs.knowledge import add_documents
from tqrs.store import Store


@pytest.fixture(autouse=True)
def fake_embedder(monkeypatch):
    monkeypatch.setenv("TQRS_EMBEDDER", "fake")
    yield
    st.cache_resource.clear()  # let go of this test's Store


ROOT = Path(__file__).resolve().parents[2]


def open_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app" / "main.py"), default_timeout=SCRIPT_TIMEOUT)
    at.run()
    at.switch_page("../pages/knowledge.py")
    at.run()
    assert not at.exception
    return at


def test_page_lists_documents_and_search_shows_the_passage(tmp_path):
    with Store(tmp_path / "tqrs.duckdb") as store:
        add_documents(store, FakeEmbedder(), sorted(SAMPLES.iterdir()))
    at = open_page()
    assert at.title[0].value == "Knowledge"
    assert at.subheader[0].value == "Documents (4)"
    at.text_input(key="kb_query").set_value("scanning to e-mail fails 20 MB").run()
    assert not at.exception
    passages = [t.value for t in at.text]
    assert passages and "limited to 20 MB" in passages[0]
    assert "printer-troubleshooting.txt" in shown(at.markdown[0].value)


def test_upload_adds_and_remove_removes(tmp_path):
    at = open_page()
    assert at.subheader[0].value == "Documents (0)"
    at.file_uploader(key="kb_uploads").upload(
        "password-reset-sop.md", (SAMPLES / "password-reset-sop.md").read_bytes()
    )
    at.button[0].click().run()  # the form's Add button
    assert not at.exception
    assert "password-reset-sop.md: added (6 passages)" in [shown(s.value) for s in at.success]
    assert at.subheader[0].value == "Documents (1)"
    at.button(key="kb_remove").click().run()
    assert not at.exception
    assert at.subheader[0].value == "Documents (0)"


def test_ticket_search_shows_the_matching_ticket(tmp_path):
    with Store(tmp_path / "tqrs.duckdb") as store:
        ingest_files(store, [write_export(tmp_path / "incidents.json")])
    at = open_page()
    at.segmented_control(key="kb_scope").set_value("Tickets").run()
    at.text_input(key="kb_query").set_value("printer paper jam").run()
    assert not at.exception
    assert "INC001000" in shown(at.markdown[0].value) and "paper jam" in at.text[0].value


def test_upload_of_binary_content_is_refused_by_name(tmp_path):
    import random

    at = open_page()
    at.file_uploader(key="kb_uploads").upload(
        "notes.md", random.Random(5).randbytes(300_000).replace(b"\0", b"")
    )
    at.button[0].click().run()
    assert not at.exception
    (message,) = [shown(e.value) for e in at.error]
    assert message.startswith("notes.md: binary content, not a text document (")
    assert at.subheader[0].value == "Documents (0)"
