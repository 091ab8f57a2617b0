import pandas as pd
import streamlit as st

from app.resources import get_store
from app.widgets import render_open_in_review, select_run
from tqrs.display import reference_text
from tqrs.queue import GAP, NEAR, review_queue

st.title("Review queue")
st.caption(
    f"Tickets not reviewed yet, riskiest first: auto-fails, scores less than {NEAR:.0f} "
    "points below the pass line, criteria the judge could not grade or quoted evidence for "
    "that is not in the ticket, and scores "
    f"{GAP:.0f}+ points away from similar tickets (when the session is embedded)."
)
store = get_store()
run = select_run(store, "queue_run")
limit = st.number_input("Show", 10, 1000, 50, step=10, key="queue_limit")
items = review_queue(store, run.id, limit=None)
st.caption(f"{len(items):,} tickets in the queue")
if not items:
    st.success("Nothing risky left to review in this run.")
    st.stop()
st.dataframe(
    pd.DataFrame(
        [
            {
                "Risk": i.risk,
                "Ticket": i.number,
                "Score %": i.percent,
                "Band": i.band,
                "Agent": reference_text(i.agent),
                "Group": reference_text(i.group),
                "Why": "; ".join(i.reasons),
                "Short description": i.short_description,
            }
            for i in items[:limit]
        ]
    ),
    hide_index=True,
)
render_open_in_review(run, {i.ticket_id: i.number for i in items[:limit]}, "queue")
st.caption("Marking a ticket reviewed takes it off the queue.")
