import streamlit as st

from app.resources import get_store
from app.untrusted import error
from app.widgets import render_band_chart, render_downloads, select_run, select_session
from tqrs.errors import TqrsError
from tqrs.reports import load_report
from tqrs.store.runs import list_runs
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

session = select_session(sessions, "reports_session")
if not any(r.status == "completed" for r in list_runs(store, session.id)):
    st.info(
        f"Session {session.id} has no completed evaluation yet: evaluate it on the Evaluate "
        "page (or `tqrs evaluate` on the command line)."
    )
    st.stop()
run = select_run(store, "reports_run", completed=True, session_id=session.id)

with st.spinner("Loading the run…"):
    report = load_report(store, run.id)
s = report.summary
if run.judge == "offline":
    st.warning(
        "Offline results: the LLM criteria were graded by deterministic heuristics, not by an LLM."
    )
cols = st.columns(5)
cols[0].metric("Tickets", f"{s.tickets:,}")
cols[1].metric("Pass rate", "–" if s.pass_rate is None else f"{s.pass_rate:.1%}")
cols[2].metric("Mean score", "–" if s.mean_percent is None else f"{s.mean_percent:.1f}%")
cols[3].metric("Auto-fails", f"{s.auto_fails:,}")
cols[4].metric("Overridden", f"{s.overridden:,}")
render_band_chart(s.bands, report.rubric)


st.subheader("Download")
render_downloads(report, "reports_download")
st.caption("Each download is also saved under `reports/`.")
