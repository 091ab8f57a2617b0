import pandas as pd
import streamlit as st

from app.agent_charts import bands_figure, radar_figure, trend_figure
from app.resources import get_store
from app.untrusted import error, md, show
from app.widgets import COUNT_COLUMN, band_styler, figure_column, rates_styler, select_run
from tqrs.agents import build_profiles
from tqrs.coaching import template_summary
from tqrs.coaching_llm import coach_agents
from tqrs.display import (
    FIGURE_HELP,
    mean_text,
    plural,
    points_judged_text,
    rate_text,
    reference_text,
    verdict_text,
)
from tqrs.errors import TqrsError
from tqrs.llm.settings import resolve_settings
from tqrs.review import run_rubric

st.title("Agents")
st.caption(
    "Agent and assignment-group profiles on effective scores (analysts' overrides "
    "applied). An agent's team is the group most of their tickets belong to."
)
store = get_store()
run = select_run(store, "agents_run", completed=True)
kind = (
    st.segmented_control(
        "Profiles of",
        ["agent", "group"],
        default="agent",
        key="agents_kind",
        format_func=lambda k: k.title() + "s",
    )
    or "agent"
)
try:
    profiles = build_profiles(store, run.id)
except TqrsError as e:
    error(e)
    st.stop()
items = profiles.agents if kind == "agent" else profiles.groups
if not items:
    st.info("This run has no scored tickets.")
    st.stop()
if note := profiles.unrecorded_note(kind):
    st.info(md(note), icon=":material/person_off:")

st.dataframe(
    rates_styler(
        pd.DataFrame(
            [
                {
                    kind.title(): reference_text(p.name),
                    "Team": reference_text(p.team or ""),
                    "Tickets": p.scored,
                    "Mean %": p.mean_percent,
                    "Pass rate": p.pass_rate,
                    "Too little to judge": p.too_little,
                    "Auto-fails": p.auto_fails,
                    "Weakest vs team": ", ".join(c.title for c in p.weaker_than_team(1)),
                }
                for p in items
            ]
        ),
        ["Pass rate"],
        tenths=("Mean %",),
    ),
    hide_index=True,
    column_config={
        "Tickets": COUNT_COLUMN,
        "Mean %": figure_column("mean_percent"),
        "Pass rate": figure_column("pass_rate"),
        "Too little to judge": figure_column("too_little", count=True),
    },
)

name = st.selectbox(
    kind.title(), [p.name for p in items], key="agents_name", format_func=reference_text
)
p = profiles.get(kind, name)
cols = st.columns(5)
cols[0].metric("Tickets scored", f"{p.scored:,}")
cols[1].metric("Mean score", mean_text(p.mean_percent), help=FIGURE_HELP["mean_percent"])
cols[2].metric("Pass rate", rate_text(p.pass_rate), help=FIGURE_HELP["pass_rate"])
cols[3].metric("Too little to judge", f"{p.too_little:,}", help=FIGURE_HELP["too_little"])
cols[4].metric("Auto-fails", f"{p.auto_fails:,}")

left, right = st.columns(2)
left.plotly_chart(radar_figure(p), key="agents_radar")
trend = p.run_trend if len(p.run_trend) > 1 else p.week_trend
right.plotly_chart(
    trend_figure(
        trend, "Trend across runs" if trend is p.run_trend else "Trend by week opened (this run)"
    ),
    key="agents_trend",
)
right.plotly_chart(bands_figure(p, profiles.bands), key="agents_bands")
# The criteria table takes the page's width: five columns in half of it clipped their headers.
st.markdown("**Criteria failed, against the team**")
st.dataframe(
    rates_styler(
        pd.DataFrame(
            [
                {
                    "Criterion": c.title,
                    "Failed": c.note or f"{c.failed:,} of {c.applicable:,}",
                    "Failure rate": c.failure_rate,
                    "Team rate": c.team_rate,
                    "Not in export": c.not_in_export,
                    "N/A": c.not_applicable,
                }
                for c in p.criteria
            ]
        ),
        ["Failure rate", "Team rate"],
    ),
    hide_index=True,
    width="stretch",
    column_config={
        "Criterion": st.column_config.TextColumn(width="large"),
        "Team rate": st.column_config.NumberColumn(
            help="The failure rate of the agent's team (the group most of their tickets belong "
            "to) on this criterion; – when none of the team's tickets is judged on it (the "
            "agent's may sit in other groups)"
        ),
        "Not in export": st.column_config.NumberColumn(
            help="Tickets whose export does not carry what this criterion reads"
        ),
        "N/A": st.column_config.NumberColumn(
            help="Tickets this criterion did not apply to (its N/A option)"
        ),
    },
)

st.subheader("Coaching summary")
try:
    settings = resolve_settings()
except TqrsError as e:  # a setting the admin must correct: the template summary meanwhile
    error(e)
    settings = None
written = st.session_state.setdefault("agents_coaching", {})
summary = written.get((run.id, p.name)) if kind == "agent" else None
if summary is None or summary.method != "llm":
    summary = template_summary(p)
    st.caption("From criterion statistics (deterministic template).")
else:
    st.caption(
        f"Written by {md(settings.model_name) if settings else 'the LLM'}"
        + (" (from the LLM cache)" if summary.cached else f" · ${summary.cost:.4f}")
    )
show(summary.text, small=False)
if kind == "agent" and settings is not None and settings.configured:
    if st.button(
        f"Write coaching for {'all ' if len(items) > 1 else ''}{plural(len(items), 'agent')} "
        "with the LLM",
        key="agents_llm",
        icon=":material/smart_toy:",
    ):
        with st.spinner(f"Asking {md(settings.model_name)} ({settings.concurrency} at a time)…"):
            try:
                done = coach_agents(
                    store, items, settings, (run.rubric_id, str(run.rubric_version))
                )
            except TqrsError as e:
                error(e)
                st.stop()
        written.update({(run.id, s.name): s for s in done})
        failed = [s for s in done if s.error]
        if failed:
            st.warning(
                f"{plural(len(failed), 'agent keeps', 'agents keep')} the template summary: "
                f"{md(failed[0].error)}"
            )
        st.rerun()
elif kind == "agent":
    st.caption("No LLM provider configured (Settings): summaries come from the template.")

rubric = run_rubric(store, run.id)
for title, tickets in (("Best tickets", p.best), ("Worst tickets", p.worst)):
    st.subheader(title)
    table = pd.DataFrame(
        [
            {
                "Number": t.number,
                "Score %": t.percent,
                "Band": t.band or "",
                "Verdict": verdict_text("scored", t.verdict, t.auto_fail),
                "Judged": points_judged_text(t.max_points, rubric.max_points),
                "Auto-fail": t.auto_fail,
                "Short description": t.short_description or "",
            }
            for t in tickets
        ]
    )
    st.dataframe(band_styler(table, "Band", rubric), hide_index=True)
