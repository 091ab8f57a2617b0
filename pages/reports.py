import streamlit as st

from app.resources import get_store
from app.untrusted import error
from app.widgets import (
    kept_folder_text,
    render_band_chart,
    render_downloads,
    select_run,
    select_session,
)
from tqrs.display import FIGURE_HELP, mean_text, rate_text
from tqrs.errors import TqrsError
from tqrs.reports import load_report
from tqrs.review import run_rubric
from tqrs.store.runs import list_runs, run_summary
from tqrs.store.sessions import list_sessions

st.title("Reports")

try:
    store = get_store()
    sessions = list_sessions(store)
except TqrsError as e:
    error(e)
    st.stop()
if not sessions:
    st.info("No sessions yet. Ingest an export first.")
    st.stop()

session = select_session(sessions, "reports_session", store=store)
if not any(r.status == "completed" for r in list_runs(store, session.id)):
    st.info(
        f"Session {session.id} has no completed evaluation yet: evaluate it on the Evaluate "
        "page (or `tqrs evaluate` on the command line)."
    )
    st.stop()
run = select_run(store, "reports_run", completed=True, session_id=session.id)

s = run_summary(store, run.id)  # the figures from SQL: the full report only for a download
rubric = run_rubric(store, run.id)
if run.judge == "offline":
    st.warning(
        "Offline results: the LLM criteria were graded by deterministic heuristics, not by an LLM."
    )
# two rows of three: in six columns "Too little to judge" was cut to "Too little to jud…"
cols = st.columns(3) + st.columns(3)
cols[0].metric("Tickets", f"{s.tickets:,}")
cols[1].metric("Pass rate", rate_text(s.pass_rate), help=FIGURE_HELP["pass_rate"])
cols[2].metric("Mean score", mean_text(s.mean_percent), help=FIGURE_HELP["mean_percent"])
cols[3].metric("Too little to judge", f"{s.too_little:,}", help=FIGURE_HELP["too_little"])
cols[4].metric("Auto-fails", f"{s.auto_fails:,}")
cols[5].metric("Overridden", f"{s.overridden:,}")
render_band_chart({b.name: s.bands.get(b.name, 0) for b in rubric.bands} | s.bands, rubric)

st.subheader("Download")
if st.button("Prepare the downloads", key="reports_prepare", icon=":material/download:"):
    st.session_state["reports_download_run"] = run.id
if st.session_state.get("reports_download_run") == run.id:
    with st.spinner("Loading the run…"):
        render_downloads(load_report(store, run.id), "reports_download")
    st.caption(f"Each download is also saved under {kept_folder_text()}.")
else:
    st.caption(
        "CSV, criteria CSV, JSON, HTML report and Excel of the whole run; a copy of each is "
        f"kept under {kept_folder_text()}."
    )
