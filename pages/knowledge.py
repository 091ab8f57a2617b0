"""Knowledge: add, list and remove documents; search the documents and the tickets."""

import tempfile
from pathlib import Path

import streamlit as st

from app.resources import get_embedder, get_store
from app.untrusted import error, md
from app.widgets import select_session
from tqrs.config import SAMPLES_DIR
from tqrs.errors import TqrsError
from tqrs.knowledge import (
    add_documents,
    list_documents,
    remove_document,
    search_knowledge,
    search_tickets,
)
from tqrs.knowledge.documents import FORMATS
from tqrs.store import sessions as sessions_db

st.title("Knowledge")
st.caption(
    "SOPs and guides the judges cite and the search box finds. Embedded on this "
    "machine: nothing leaves it."
)
store = get_store()

with st.form("kb_add_form", clear_on_submit=True):
    uploads = st.file_uploader(
        "Add documents (PDF, Markdown, plain text, HTML)",
        type=[s.lstrip(".") for s in FORMATS],
        accept_multiple_files=True,
        key="kb_uploads",
    )
    add_clicked = st.form_submit_button("Add", icon=":material/upload_file:")
if add_clicked and uploads:
    with tempfile.TemporaryDirectory() as tmp, st.spinner("Reading and embedding…"):
        paths = []
        for i, upload in enumerate(uploads):
            paths.append(Path(tmp) / f"{i}{Path(upload.name).suffix}")
            paths[-1].write_bytes(upload.getvalue())
        try:
            results = add_documents(
                store,
                get_embedder(),
                paths,
                on_error="skip",
                display_names=[u.name for u in uploads],
            )
        except TqrsError as e:
            results = []
            error(e)
    for r in results:
        if r.status == "added":
            st.success(f"{md(r.name)}: added ({r.chunks} passages)")
        elif r.status == "skipped":
            st.info(f"{md(r.name)}: {md(r.message)}")
        else:
            error(r.message)

documents = list_documents(store)
st.subheader(f"Documents ({len(documents)})")
if documents:
    st.dataframe(
        [
            {
                "Id": d["id"],
                "File": d["name"] or "",
                "Title": d["title"] or "",
                "Type": d["format"] or "",
                "Passages": d["chunk_count"],
                "Added (UTC)": d["added_at"].strftime("%Y-%m-%d %H:%M"),
            }
            for d in documents
        ],
        hide_index=True,
        width="stretch",
    )
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    doomed = left.selectbox(
        "Remove a document",
        documents,
        key="kb_remove_choice",
        format_func=lambda d: f"{d['id']} · {d['name']}",
    )
    if right.button("Remove", icon=":material/delete:", key="kb_remove"):
        try:
            st.toast(f"Removed {md(remove_document(store, doomed['id']))}")
        except TqrsError as e:
            error(e)
        st.rerun()
else:
    st.info(
        "No documents yet. Add SOPs above, or with `tqrs kb add FILE`; samples are in "
        f"`{SAMPLES_DIR / 'knowledge'}`."
    )

st.subheader("Search")
sessions = sessions_db.list_sessions(store)
scope = st.segmented_control(
    "Search in", ["Knowledge", "Tickets"], default="Knowledge", key="kb_scope"
)
session = None
if scope == "Tickets":
    if not sessions:
        st.info("No sessions yet: ingest an export to search its tickets.")
        st.stop()
    session = select_session(sessions, "kb_session")
query = st.text_input(
    "Search by meaning",
    key="kb_query",
    placeholder="e.g. caller locked out after a password change",
)
k = st.slider("Results", 1, 20, 5, key="kb_k")
if query.strip():
    try:
        with st.spinner("Searching…"):
            if session is None:
                hits = search_knowledge(store, get_embedder(), query, k)
            else:
                hits = search_tickets(store, get_embedder(), query, k, session.id)
    except TqrsError as e:
        error(e)
        st.stop()
    if not hits:
        st.info("Nothing found.")
    for hit in hits:
        with st.container(border=True):
            if session is None:
                st.markdown(f"**{hit.score:.2f}** · {md(hit.document)} · _{md(hit.heading)}_")
            else:
                st.markdown(f"**{hit.score:.2f}** · {md(hit.number)} · {md(hit.category or '–')}")
            st.text(hit.text)
