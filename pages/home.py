import pandas as pd
import streamlit as st

from app import nav
from app.resources import get_store
from app.untrusted import error, md
from app.widgets import (
    COUNT_COLUMN,
    figure_column,
    judge_name,
    rates_styler,
    render_judge,
    render_pass_rates,
    render_progress,
    rubric_name,
    run_labels,
)
from tqrs.display import no_verdict_note
from tqrs.errors import TqrsError
from tqrs.services.home import home_overview, running_runs
from tqrs.workbench import active_run_ids, describe_judge, load_sample, run_state

st.title("Ticket Quality Review")
st.caption(
    "Score ServiceNow incidents against the quality rubric, review the results, coach the agents."
)

try:
    store = get_store()
    info = home_overview(store)
    judge = describe_judge()
except TqrsError as e:
    error(e)
    st.stop()

render_judge(judge)

running = running_runs(store)
if running:
    live = [r.id for r in running]
    st.subheader("Running now")
    labels = run_labels(store, running)

    @st.fragment(run_every=1.0)
    def _running() -> None:
        for run_id in live:
            with st.container(border=True):
                st.markdown(f"**{md(labels[run_id])}**")
                render_progress(run_state(store, run_id))
        if not set(live) & set(active_run_ids()):
            st.rerun()  # the last one finished: redraw the page without polling

    _running()
    st.page_link(nav.EVALUATE, label="Follow it on Evaluate", icon=":material/play_circle:")

cols = st.columns(4)
cols[0].metric("Sessions", f"{info.sessions:,}")
cols[1].metric("Evaluation runs", f"{info.runs:,}")
cols[2].metric("Tickets scored", f"{info.scored:,}")
cols[3].metric("Tickets reviewed", f"{info.reviewed:,}")

if not info.sessions:
    with st.container(border=True):
        st.subheader("First time here? Try the sample data")
        st.write(
            "1. **Upload** an export — or the bundled `data/samples/incidents.json` "
            "(200 incidents).\n2. **Evaluate** it against a rubric. Without LLM "
            "credentials the offline judge scores it in seconds, at no cost.\n"
            "3. **Review** the scores, open a ticket, agree or override."
        )
        if st.button(
            "Try the sample data", type="primary", icon=":material/science:", key="home_sample"
        ):
            try:
                load_sample(store)
            except TqrsError as e:
                error(e)
                st.stop()
            st.switch_page(nav.EVALUATE)
    st.stop()

trend = info.trend
if trend:
    st.subheader("Pass rate by run")
    recent = trend[-20:]
    frame = pd.DataFrame(
        {
            "run": [f"Run {t.run.id} · {rubric_name(t.run)}" for t in recent],
            "pass rate %": [  # no bar for a run with nothing judged
                None if t.pass_rate is None else round(t.pass_rate * 100, 1) for t in recent
            ],
            "note": [  # but a row that says so
                no_verdict_note(t.judged, t.too_little) for t in recent
            ],
        }
    )
    render_pass_rates(frame)
    st.dataframe(
        rates_styler(
            pd.DataFrame(
                [
                    {
                        "Run": t.run.id,
                        "Session": t.session_name,
                        "Rubric": rubric_name(t.run),
                        "Judge": judge_name(t.run),
                        "Status": t.run.status,
                        "Started (UTC)": t.run.started_at,
                        "Scored": t.scored,
                        "Pass rate": t.pass_rate,
                        "Mean %": t.mean_percent,
                        "Too little to judge": t.too_little,
                    }
                    for t in reversed(trend)
                ]
            ),
            ["Pass rate"],
            tenths=("Mean %",),
        ),
        hide_index=True,
        column_config={
            "Scored": COUNT_COLUMN,
            "Pass rate": figure_column("pass_rate"),
            "Mean %": figure_column("mean_percent"),
            "Too little to judge": figure_column("too_little", count=True),
        },
    )
else:
    st.info("No evaluation yet: run one below.", icon=":material/info:")

left, right, third = st.columns(3)
left.page_link(nav.UPLOAD, label="Upload exports", icon=":material/upload_file:")
right.page_link(nav.EVALUATE, label="Run an evaluation", icon=":material/play_circle:")
third.page_link(nav.REVIEW, label="Review scored tickets", icon=":material/rate_review:")
