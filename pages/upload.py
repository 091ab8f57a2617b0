import itertools
import tempfile
from datetime import datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from app import nav
from app.people import person
from app.resources import get_embedder, get_store
from app.servicenow_view import render_import
from app.untrusted import error, md
from app.widgets import render_ingest_report, render_profile, select_session
from tqrs.display import opened_heading, plural, reference_text
from tqrs.errors import TqrsError
from tqrs.fields import FIELD_NAMES
from tqrs.ingest import ingest_files
from tqrs.ingest.columns import (
    mapping_choices,
    number_columns_note,
    read_columns,
    remember_mappings,
)
from tqrs.knowledge.related import embed_session
from tqrs.profile import NEAR_DUPLICATE_LIMIT, build_profile
from tqrs.store.sessions import iter_tickets, list_sessions
from tqrs.workbench import load_sample

PREVIEW_COLUMNS = {  # field -> column heading
    "number": "Number",
    "short_description": "Short description",
    "caller": "Caller",
    "category": "Category",
    "contact_type": "Contact type",
    "assignment_group": "Group",
    "assigned_to": "Agent",
    "opened_at": "Opened",  # named by opened_heading
    "state": "State",
}


def _cell(value: object) -> str:
    """A preview cell: empty for nothing, a time to the minute, a sys_id shortened."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return reference_text(str(value))


st.title("Upload")
st.caption(
    "Drop one or many ServiceNow incident exports (JSON, CSV, Excel, XML) or PDF prints "
    "of incident forms, or import incidents straight from an instance. Each upload "
    "becomes a session; files that cannot be read are reported and left out."
)
store = get_store()
st.session_state.setdefault("upload_report", None)

files = st.file_uploader(
    "Incident exports",
    type=["json", "csv", "xlsx", "xlsm", "xml", "pdf"],
    accept_multiple_files=True,
    key="upload_files",
)


def columns_of(upload) -> list[str]:
    """The upload's columns, read once per file (from a temporary copy)."""
    known = st.session_state.setdefault("upload_columns", {})
    if upload.file_id not in known:
        with tempfile.TemporaryDirectory(prefix="tqrs-columns-") as tmp:
            path = Path(tmp) / f"columns{Path(upload.name).suffix.lower()}"
            path.write_bytes(upload.getbuffer())
            known[upload.file_id] = read_columns(path)
    return known[upload.file_id]


headers = {f.name: columns_of(f) for f in files or []}
choices = mapping_choices(store, headers)
mapping: dict[str, str] = {}
if choices:
    unread = len({c["column"] for c in choices})
    in_files = len({c["file"] for c in choices})
    where = f" in {in_files} files" if in_files > 1 else ""
    with st.expander(
        f"Columns TQRS does not read ({unread}{where}): map any of them to a field",
        icon=":material/table_edit:",
    ):
        st.caption(
            "Read a column as one of the ticket's fields (e.g. *Affected User* as caller). "
            "Choices are remembered for the next file with the same columns."
        )
        grid = st.columns(3)
        for i, choice in enumerate(choices):
            options = ["", *FIELD_NAMES]
            picked = grid[i % 3].selectbox(
                md(f"{choice['column']} ({choice['file']})"),
                options,
                index=options.index(choice["field"]) if choice["field"] in options else 0,
                format_func=lambda f: f or "— not read —",
                key=f"upload_map_{choice['file']}_{choice['column']}",
            )
            if picked:
                mapping[choice["column"]] = picked
for file_name, columns in headers.items():
    note = number_columns_note(file_name, columns, mapping)
    if note:
        st.info(md(note), icon=":material/info:")

name = st.text_input(
    "Session name", key="upload_name", placeholder="default: the first file's name"
)
left, right = st.columns([1, 3])
create = left.button(
    "Create session",
    type="primary",
    disabled=not files,
    icon=":material/add_circle:",
    key="upload_create",
)
sample = right.button(
    "Use the sample export (200 incidents)", icon=":material/science:", key="upload_sample"
)

if create or sample:
    try:
        with st.spinner("Reading the exports…"):
            if sample:
                report = load_sample(store)
            else:
                with tempfile.TemporaryDirectory(prefix="tqrs-upload-") as tmp:
                    paths = []
                    for i, f in enumerate(files):
                        path = Path(tmp) / f"{i:03d}{Path(f.name).suffix.lower()}"
                        path.write_bytes(f.getbuffer())
                        paths.append(path)
                    report = ingest_files(
                        store,
                        paths,
                        name.strip() or None,
                        on_error="skip",
                        display_names=[f.name for f in files],
                        mapping=mapping,
                    )
                    remember_mappings(store, headers, mapping)
    except TqrsError as e:
        error(e, icon=":material/error:")
    else:
        st.session_state["upload_view"] = report.session_id  # the new session shown below
        st.session_state["upload_report"] = report

report = st.session_state["upload_report"]
if report is not None:
    verb = "Reused" if report.reused else "Created"
    st.success(
        f"{verb} session #{report.session_id} · {md(report.name)} · "
        f"{plural(report.ticket_count, 'ticket')}",
        icon=":material/check_circle:",
    )
    render_ingest_report(report)
    st.page_link(nav.EVALUATE, label="Evaluate this session", icon=":material/play_circle:")

pulled = render_import(store, admin=person().may("admin"))
if pulled is not None:
    st.session_state["upload_view"] = pulled
    st.page_link(nav.EVALUATE, label="Evaluate this session", icon=":material/play_circle:")

sessions = list_sessions(store)
if not sessions:
    st.stop()
st.divider()
chosen = select_session(sessions, "upload_view")
preview, profile = st.tabs(["Preview", "Dataset profile"])
with preview:
    headings = {**PREVIEW_COLUMNS, "opened_at": opened_heading(chosen.files)}
    rows = [
        {heading: _cell(getattr(t, name)) for name, heading in headings.items()}
        for t in itertools.islice(iter_tickets(store, chosen.id), 50)
    ]
    st.dataframe(pd.DataFrame(rows, columns=list(headings.values())), hide_index=True)
    st.caption(f"First {len(rows)} of {chosen.ticket_count:,} tickets")
with profile:
    dataset = build_profile(store, chosen.id)
    if (
        dataset.near_duplicates is None
        and dataset.tickets <= NEAR_DUPLICATE_LIMIT
        and st.button(
            "Find near-duplicate tickets",
            icon=":material/content_copy:",
            key="upload_near_dups",
            help="Embeds the session's tickets with the local model (once; cached)",
        )
    ):
        try:
            bar = st.progress(0.0, text="Loading the local language model (once), then reading…")
            embed_session(
                store,
                get_embedder(),
                chosen.id,
                lambda done, total: bar.progress(
                    done / total,
                    text=f"Prepared {done:,} of {plural(total, 'ticket')} for comparison",
                ),
            )
            bar.empty()
            dataset = build_profile(store, chosen.id, get_embedder())
        except TqrsError as e:
            error(e)
    render_profile(dataset)
