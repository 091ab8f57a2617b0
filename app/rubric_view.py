"""A rubric shown to read (tqrs.rubric_outline): its pass mark, bands and parameters, and per
criterion the method, points, guidance and options. Every rubric string is shown as text:
escaped HTML tables (app.untrusted.html_text), never Markdown."""

import streamlit as st

from app.untrusted import html_text, md, show
from tqrs.rubric import Rubric
from tqrs.rubric_outline import outline

_TABLE = "border-collapse:collapse;font-size:.85rem;margin:.2rem 0 .8rem 0"
_CELL = "border:1px solid #d0d7de;padding:.2rem .5rem;text-align:left;vertical-align:top"


def _table(rows: list[dict[str, str]]) -> str:
    head = "".join(f'<th style="{_CELL}">{html_text(k)}</th>' for k in rows[0])
    body = "".join(
        "<tr>" + "".join(f'<td style="{_CELL}">{html_text(v)}</td>' for v in row.values()) + "</tr>"
        for row in rows
    )
    return f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def render_rubric(rubric: Rubric, key: str, *, shown: bool = False) -> None:
    """A toggle named after the rubric and its version that shows the rubric (drawn only
    when on: a page that does not need it stays short)."""
    view = outline(rubric)
    if not st.toggle(md(f"Show the rubric: {view.title}"), value=shown, key=key):
        return
    with st.container(border=True):
        show(view.summary)
        st.html(_table(view.bands))
        show("Parameters\n" + "\n".join(f"· {line}" for line in view.parameters))
        for c in view.criteria:
            st.markdown(f"**{md(c.title)}** · {md(c.method)} · {c.points}")
            show(f"{c.guidance}\nReads: {c.reads}")
            st.html(_table(c.options))
