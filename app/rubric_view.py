"""A rubric shown to read (tqrs.rubric_outline): its pass mark, bands and parameters, and per
criterion the method, points, guidance and options. Every rubric string is shown as text."""

import pandas as pd
import streamlit as st

from app.untrusted import md, show
from tqrs.rubric import Rubric
from tqrs.rubric_outline import outline


def render_rubric(rubric: Rubric, *, expanded: bool = False) -> None:
    """The rubric in an expander titled with its name and version."""
    view = outline(rubric)
    with st.expander(md(f"Rubric: {view.title}"), expanded=expanded, icon=":material/rule:"):
        show(view.summary)
        left, right = st.columns([2, 3])
        left.dataframe(pd.DataFrame(view.bands), hide_index=True)
        with right:
            show("Parameters\n" + "\n".join(f"· {line}" for line in view.parameters))
        for c in view.criteria:
            st.markdown(f"**{md(c.title)}** · {md(c.method)} · {c.max_points} points")
            show(f"{c.guidance}\nReads: {c.reads}")
            st.dataframe(pd.DataFrame(c.options), hide_index=True)
