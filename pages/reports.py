import streamlit as st

from app.resources import get_store
from app.untrusted import error
from app.widgets import render_downloads
from tqrs.errors import TqrsError
from tqrs.reports import judge_label, load_report
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

session = st.selectbox(
    "Session",
    sessions,
    index=len(sessions) - 1,
    format_func=lambda s: f"{s.id} · {s.name}",
    key="reports_session",
)
runs = [r for r in reversed(list_runs(store, session.id)) if r.status == "completed"]
if not runs:
    st.info(
        f"Session {session.id} has no evaluation run yet (run `tqrs evaluate {session.id}` "
        "or use the Evaluate page)."
    )
    st.stop()
run = st.selectbox(
    "Run",
    runs,
    key="reports_run",
    format_func=lambda r: (
        f"run {r.id} · {r.rubric_id} {r.rubric_version} · {judge_label(r)} · "
        f"{r.started_at:%Y-%m-%d %H:%M} UTC"
    ),
)

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
st.bar_chart({band: n for band, n in s.bands.items()}, height=220)


st.subheader("Download")
render_downloads(report, "reports_download")
st.caption("Each download is also saved under `reports/`.")
