"""The ticket detail's knowledge sections: similar tickets (this session and past ones, found
on demand), the category check, and the sources cited under each criterion."""

import json

from tests.app.conftest import SAMPLE, open_app, scored_run, texts
from tqrs.embeddings import FakeEmbedder
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.knowledge import add_documents, ensure_embedded


def _past_session(store, tmp_path, record: dict, copies: int = 10) -> int:
    """A past session of `copies` copies of one record under other numbers, scored."""
    records = [dict(record, number=f"INC09{i:05d}", sys_id=f"{i:032x}") for i in range(copies)]
    path = tmp_path / "past.json"
    path.write_text(json.dumps({"records": records}))
    sid = ingest_files(store, [path], "Last month").session_id
    evaluate_offline(store, sid, "incident_logging")
    ensure_embedded(store, FakeEmbedder(), sid)
    return sid


def _open(at, number: str):
    at.text_input(key="review_text").input(number).run()
    at.selectbox(key="review_open").set_value(at.session_state["review_page_ids"][0]).run()
    assert not at.exception, at.exception
    return at


def test_similar_tickets_on_demand_with_past_sessions_and_category(app_store, tmp_path):
    record = json.loads(SAMPLE.read_text())["records"][0]
    _past_session(app_store, tmp_path, record)
    session, run_id = scored_run(app_store)
    number = record["number"]
    ticket_id = app_store.query(
        "SELECT id FROM tickets WHERE session_id = ? AND number = ?", [session, number]
    )[0][0]
    # Filed under another category than its ten well-scored twins of last month.
    app_store.cursor().execute("UPDATE tickets SET category = 'Misc' WHERE id = ?", [ticket_id])
    at = _open(open_app("review"), number)
    assert "tickets of this session have no embedding yet" in texts(at)
    at.button(key=f"similar_find_{ticket_id}").click().run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert f"Better category available: {record['category']} (" in shown
    assert "In this session" in shown and "In past sessions" in shown
    tables = [d.value for d in at.dataframe if "Similarity" in d.value.columns]
    here, past = tables
    assert len(here) == 5 and number not in set(here["Number"])
    assert list(past["Number"])[:1][0].startswith("INC09") and len(past) == 5
    assert past["Similarity"].iloc[0] > 0.99 and past["Score"].iloc[0] != "not scored"
    at.run()  # embedded now: shown at once, no button
    assert not [b for b in at.button if b.key == f"similar_find_{ticket_id}"]
    assert "Better category available" in texts(at)


def test_criteria_show_their_sources(app_store):
    from tests.knowledge.conftest import SAMPLES
    from tqrs.embeddings import SentenceTransformerEmbedder, packaged_model_path

    model = SentenceTransformerEmbedder(packaged_model_path())  # citing is calibrated on it
    add_documents(app_store, model, sorted(SAMPLES.iterdir()))
    report = ingest_files(app_store, [SAMPLE], "Sample incidents")
    evaluate_offline(
        app_store, report.session_id, "incident_handling", embedder_factory=lambda: model
    )
    cited = app_store.query(
        "SELECT number, citations[1] FROM criterion_results JOIN tickets "
        "ON id = ticket_id WHERE criterion_id = 'troubleshooting' "
        "AND len(citations) > 0 ORDER BY number LIMIT 1"
    )
    assert cited, "some troubleshooting results cite a knowledge passage"
    number, citation = cited[0]
    at = _open(open_app("review"), number)
    html_blocks = "".join(str(h.proto) for h in at.get("html"))
    assert "Sources" in texts(at)
    assert citation.split(":")[0] in html_blocks


def test_one_ticket_without_an_embedding_in_the_singular(app_store, tmp_path):
    """A session of one ticket: "1 tickets of this session have no embedding" before."""
    from tests.conftest import incident, write_export

    path = write_export(tmp_path / "one.json", [incident(1)])
    session = ingest_files(app_store, [path], "one").session_id
    evaluate_offline(app_store, session, "incident_logging")
    at = _open(open_app("review"), incident(1)["number"])
    assert "1 ticket of this session has no embedding yet" in texts(at)
