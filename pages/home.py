import streamlit as st

from app.resources import get_store
from tqrs.errors import TqrsError
from tqrs.profile import build_profile
from tqrs.store import sessions as db

st.title("Ticket Quality Review")

try:
    store = get_store()
    sessions = db.list_sessions(store)
except TqrsError as e:
    st.error(str(e))
    st.stop()

if not sessions:
    st.info("No sessions yet. Ingest an export with `tqrs ingest FILE`, or start the workbench "
            "with `scripts/run.sh` to load the sample data.")
    st.stop()

st.subheader("Sessions")
st.dataframe(
    [{"id": s.id, "name": s.name, "tickets": s.ticket_count,
      "created (UTC)": s.created_at.strftime("%Y-%m-%d %H:%M"),
      "files": ", ".join(f.name for f in s.files)} for s in sessions],
    hide_index=True, width="stretch")

choice = st.selectbox("Session", sessions, index=len(sessions) - 1,
                      format_func=lambda s: f"{s.id} · {s.name}", key="home_session")
profile = build_profile(store, choice.id)

cols = st.columns(4)
cols[0].metric("Tickets", f"{profile.tickets:,}")
cols[1].metric("Duplicate numbers", f"{profile.duplicate_numbers:,}")
cols[2].metric("Missing rubric fields", f"{profile.missing_rubric_fields:,}")
opened = profile.date_ranges["opened"]
cols[3].metric("Opened", f"{opened[0]:%Y-%m-%d} → {opened[1]:%Y-%m-%d}" if opened[0] else "–")

left, right = st.columns(2)
with left:
    st.caption("Field completeness")
    st.bar_chart({f: round(v * 100, 1) for f, v in profile.completeness.items()},
                 horizontal=True, height=600)
with right:
    for field in ("category", "contact_type", "priority", "state"):
        st.caption(field.replace("_", " ").capitalize())
        st.bar_chart({v or "(empty)": n for v, n in profile.distributions[field]},
                     horizontal=True, height=180)
