import streamlit as st

from app import nav
from app.resources import get_store
from app.rubric_view import render_rubric
from app.untrusted import error, md
from app.widgets import render_judge, render_progress, run_labels, select_session
from tqrs.engine.batch import describe_turnaround
from tqrs.errors import TqrsError
from tqrs.llm.settings import resolve_settings
from tqrs.rubric_choice import choose_rubrics
from tqrs.rubric_versions import current_rubrics
from tqrs.spending import spending
from tqrs.store.runs import list_runs
from tqrs.store.sessions import list_sessions
from tqrs.workbench import (
    active_run_ids,
    cancel_run,
    describe_judge,
    estimate,
    resume_evaluation,
    resume_waiting_batches,
    run_state,
    start_evaluation,
)

st.title("Evaluate")
store = get_store()
st.session_state.setdefault("evaluate_run_id", None)

try:
    sessions = list_sessions(store)
    rubrics = current_rubrics(store)
    settings = resolve_settings()
except TqrsError as e:
    error(e)
    st.stop()
if not sessions:
    st.info("No session yet: upload an export first.", icon=":material/info:")
    st.page_link(nav.UPLOAD, label="Upload", icon=":material/upload_file:")
    st.stop()

left, right = st.columns(2)
session = select_session(sessions, "evaluate_session", left)
choice = choose_rubrics(store, session.id)
if st.session_state.get("evaluate_rubric_session") != session.id:  # a new session: its default
    st.session_state["evaluate_rubric_session"] = session.id
    suggested = [r for r in rubrics if r.id == choice.rubrics[0]]
    if suggested:
        st.session_state["evaluate_rubric"] = suggested[0]
kept = st.session_state.get("evaluate_rubric")
if kept is not None and kept not in rubrics:  # a version saved since: the same rubric, current
    st.session_state["evaluate_rubric"] = next((r for r in rubrics if r.id == kept.id), rubrics[0])
rubric = right.selectbox(
    "Rubric",
    rubrics,
    key="evaluate_rubric",
    format_func=lambda r: (
        f"{r.name} (v{r.version}, {r.max_points} pts, pass at {r.pass_threshold:g})"
    ),
)
right.caption(f"Suggested for this session: {md(choice.reason)}")
render_rubric(rubric, "evaluate_show_rubric")
offline = not settings.configured
if settings.configured:
    offline = st.toggle("Use the offline judge instead of the LLM", key="evaluate_offline")
render_judge(describe_judge(settings) if not offline else "offline judge")
batch = False
if not offline:
    batch = st.toggle(
        "Through the Batch API (half the price, results within 24 h)",
        key="evaluate_batch",
        help="The requests go to the provider's Batch API; the run checks its batches in the "
        "background, also after a restart, until every ticket has a result.",
    )
limit = st.number_input(
    "Only the first N tickets (0 = all)", min_value=0, step=100, value=0, key="evaluate_limit"
)

try:
    with st.spinner("Estimating the cost (once for this session, rubric and settings)…"):
        est = estimate(store, session.id, rubric, settings, offline=offline, limit=limit or None)
    st.caption(f"Estimate: {md(est.text)}")
    if batch:
        st.caption(f"Turnaround: {md(describe_turnaround(store))}")
    if not offline:
        st.caption(f"LLM spending: {spending(store, settings).describe()}")
except TqrsError as e:
    error(e)
    st.stop()

if st.button(
    "Start evaluation", type="primary", icon=":material/play_arrow:", key="evaluate_start"
):
    try:
        st.session_state["evaluate_run_id"] = start_evaluation(
            store, session.id, rubric, offline=offline, limit=limit or None, batch=batch
        )
    except TqrsError as e:
        error(e)


def _show_run(run_id: int) -> None:
    state = run_state(store, run_id)
    st.markdown(f"**{md(labels[run_id])}**")
    render_progress(state)
    cols = st.columns([1, 2, 3])
    if state.live and cols[0].button(
        "Cancel", key=f"evaluate_cancel_{run_id}", icon=":material/stop_circle:"
    ):
        cancel_run(run_id)
    if state.resumable and cols[0].button(
        "Resume", key=f"evaluate_resume_{run_id}", icon=":material/replay:"
    ):
        try:
            resume_evaluation(store, run_id)
        except TqrsError as e:
            error(e)
        st.rerun()
    if state.status == "completed":
        cols[1].page_link(nav.REVIEW, label="Review results", icon=":material/rate_review:")


resume_waiting_batches(store)  # batch runs left waiting: checked again in the background
live = set(active_run_ids())
runs = list_runs(store, session.id)
labels = run_labels(store, runs)
mine = st.session_state["evaluate_run_id"]
shown = [r for r in runs if r.id in live or r.id == mine]


@st.fragment(run_every=1.0 if live else None)
def _progress_panel() -> None:
    still_live = set(active_run_ids())
    for run_id in [r.id for r in shown]:
        with st.container(border=True):
            _show_run(run_id)
    if live and not (live & still_live):
        st.rerun()  # the last run here finished: redraw the page without polling


if shown:
    st.subheader("Progress")
    _progress_panel()

others = [r for r in reversed(runs) if r not in shown]
if others:
    st.subheader("Earlier runs of this session")
    for r in others:
        with st.expander(md(labels[r.id])):
            _show_run(r.id)
