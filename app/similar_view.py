"""The "Similar tickets" section of the ticket detail: nearest tickets in this session and in
past sessions, and the category similar well-scored tickets suggest. Vectors are computed
lazily: a session not embedded yet gets a button, never a page that blocks on the model."""

import pandas as pd
import streamlit as st

from app.resources import get_embedder
from app.untrusted import error, md
from tqrs.display import plural
from tqrs.errors import TqrsError
from tqrs.knowledge.evidence import category_criteria
from tqrs.knowledge.related import (
    DEFAULT_CATEGORY_CRITERIA,
    RelatedTicket,
    embed_session,
    neighbourhood,
    unembedded,
)
from tqrs.review import TicketReview


def render_similar(store, review: TicketReview) -> None:
    t = review.ticket
    with st.expander("Similar tickets", expanded=True, icon=":material/hub:"):
        try:
            embedder = get_embedder()
            missing = unembedded(store, embedder, t.session_id)
            if missing:
                st.caption(
                    f"{plural(missing, 'ticket of this session has', 'tickets of this session have')} "
                    "no embedding yet "
                    "(computed once, locally, then cached)."
                )
                if not st.button(
                    "Find similar tickets", icon=":material/search:", key=f"similar_find_{t.id}"
                ):
                    return
                bar = st.progress(0.0, text="Embedding the session's tickets…")
                embed_session(
                    store,
                    embedder,
                    t.session_id,
                    lambda done, total: bar.progress(
                        done / total, text=f"Embedded {done:,} of {total:,} tickets"
                    ),
                )
                bar.empty()
            criteria = tuple(
                dict.fromkeys((*category_criteria(review.rubric), *DEFAULT_CATEGORY_CRITERIA))
            )
            found = neighbourhood(store, embedder, t.id, t.session_id, category_criteria=criteria)
        except TqrsError as e:
            error(e)
            return
        s = found.category
        if s is not None and s.better_available:
            st.warning(
                f"Better category available: {md(s.describe())} — "
                f"{md(s.category)} / {md(s.subcategory)} instead of "
                f"{md(s.current or '(empty)')}. Similar: {md(', '.join(s.neighbours[:5]))}",
                icon=":material/category:",
            )
        elif s is not None:
            st.caption(f"Category check: similar well-scored tickets agree ({md(s.describe())}).")
        else:
            st.caption("Category check: too few similar well-scored tickets to suggest one.")
        for title, rows in (
            ("In this session", found.in_session),
            ("In past sessions", found.past),
        ):
            st.markdown(f"**{title}**")
            if rows:
                st.dataframe(
                    _table(rows),
                    hide_index=True,
                    column_config={
                        "Similarity": st.column_config.ProgressColumn(
                            "Similarity", min_value=0.0, max_value=1.0, format="%.2f"
                        )
                    },
                )
            else:
                st.caption(
                    "none"
                    if title.endswith("session")
                    else "none (only embedded sessions are searched)"
                )


def _table(rows: list[RelatedTicket]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Number": r.match.number,
                "Short description": r.match.short_description,
                "Category": r.match.category,
                "Score": f"{r.percent:.0f}% {r.band}" if r.percent is not None else "not scored",
                "Similarity": round(r.match.score, 3),
            }
            for r in rows
        ]
    )
