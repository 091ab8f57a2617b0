import pandas as pd
import streamlit as st

from app.people import person
from app.resources import get_store
from app.untrusted import error, md, show
from app.widgets import band_styler, render_open_in_review, select_run, ticket_column
from tqrs.assignment import assign_sample, assign_tickets, claim_ticket
from tqrs.display import plural, reference_text
from tqrs.errors import TqrsError
from tqrs.queue import GAP, NEAR
from tqrs.review import run_rubric
from tqrs.services.queue import held_tickets, known_analysts, queue_page
from tqrs.store.assignments import people_seen, workload

st.title("Review queue")
st.caption(
    f"Tickets not reviewed yet, riskiest first: auto-fails, scores less than {NEAR:.0f} "
    "points below the pass line, criteria the judge could not grade or quoted evidence for "
    "that is not in the ticket, rule criteria lost on the offline reading of text the rule "
    "could not settle, and scores "
    f"{GAP:.0f}+ points away from similar tickets (when the session is embedded)."
)
store = get_store()
who = person()
run = select_run(store, "queue_run")
rubric = run_rubric(store, run.id)

held_by_me = held_tickets(store, run.id, who.id)
mine, mine_labels = held_by_me.rows, held_by_me.labels
open_left = sum(1 for t in mine if t["reviewed_at"] is None)
held = f"{open_left:,} to review of {len(mine):,} held" if mine else "no ticket held"
with st.expander(f"My queue: {held}", expanded=bool(mine)):
    if not mine:
        st.caption("No ticket of this run is assigned to you: claim one below or in Review.")
    else:
        held_table = pd.DataFrame(
            [
                {
                    "Ticket": mine_labels[t["ticket_id"]],
                    "Score %": t["percent"],
                    "Band": t["band"],
                    "Agent": reference_text(t["agent"]),
                    "Reviewed": t["reviewer"] or "",
                    "From": "claimed" if t["assigned_by"] == who.id else t["assigned_by"],
                    "Short description": t["short_description"],
                }
                for t in mine
            ]
        )
        st.dataframe(
            band_styler(held_table, "Band", rubric),
            hide_index=True,
            key="queue_mine_table",
            column_config={"Ticket": ticket_column(held_table["Ticket"])},
        )
        render_open_in_review(run, mine_labels, "queue_mine")

if who.may("manager"):
    with st.expander("Assign tickets to analysts (managers)"):
        analysts = st.multiselect(
            "Analysts",
            known_analysts(store),
            key="queue_analysts",
            accept_new_options=True,
            placeholder="Pick, or type an e-mail address and press Enter",
            help="Their e-mail addresses as they sign in (or names, in a single-user install). "
            "Offered: the addresses on the role lists and everyone who has reviewed or held a "
            "ticket here; anyone else, type.",
        )
        c1, c2, c3 = st.columns([1, 1, 2], vertical_alignment="bottom")
        per_agent = c1.number_input("Tickets per agent", 1, 100, 2, key="queue_per_agent")
        seed = c2.number_input("Seed", 0, 10**6, 0, key="queue_seed")
        if c3.button("Assign a sample of every agent's tickets", key="queue_assign_sample"):
            try:
                plan = assign_sample(store, run.id, analysts, int(per_agent), who.id, int(seed))
            except TqrsError as e:
                error(e)
            else:
                st.success(
                    "Assigned " + ", ".join(f"{len(v)} to {md(k)}" for k, v in plan.items()) + "."
                )
        workloads = workload(store, run.id)
        if workloads:
            st.dataframe(
                pd.DataFrame(workloads).rename(
                    columns={"analyst": "Analyst", "held": "Held", "reviewed": "Reviewed"}
                ),
                hide_index=True,
                key="queue_workload",
            )

limit = st.number_input("Show", 10, 1000, 50, step=10, key="queue_limit")
queue = queue_page(store, run.id, limit)
st.caption(f"{plural(queue.total, 'ticket')} in the queue")
if not queue.total:
    st.success("Nothing risky left to review in this run.")
    st.stop()
shown, labels, held = queue.items, queue.labels, queue.held
# Pixel widths that fit the table in the main column of a 1440-pixel window (978 pixels beside
# the sidebar): left to their content, the reasons and the short description pushed the table
# to 1,700 pixels, to be scrolled sideways. They share what the other columns leave; the
# picked ticket's are shown whole below the table.
_FIT_PX = 965
_WIDTHS = {"Risk": 50, "Score %": 65, "Band": 90, "Agent": 110, "Group": 110, "Held by": 90}
queue_table = pd.DataFrame(
    [
        {
            "Risk": i.risk,
            "Ticket": labels[i.ticket_id],
            "Score %": i.percent,
            "Band": i.band or "",
            "Agent": reference_text(i.agent),
            "Group": reference_text(i.group),
            "Held by": held[i.ticket_id]["analyst"] if i.ticket_id in held else "",
            "Why": "; ".join(i.reasons),
            "Short description": i.short_description or "",
        }
        for i in shown
    ]
)
ticket = ticket_column(queue_table["Ticket"])
share = max(120, (_FIT_PX - ticket["width"] - sum(_WIDTHS.values())) // 2)
st.dataframe(
    band_styler(queue_table, "Band", rubric),
    hide_index=True,
    column_config={
        "Ticket": ticket,
        **{name: st.column_config.Column(width=px) for name, px in _WIDTHS.items()},
        "Why": st.column_config.Column(width=share),
        "Short description": st.column_config.Column(width=share),
    },
)
render_open_in_review(run, labels, "queue")
chosen = st.session_state.get("queue_ticket")
picked = next((i for i in shown if i.ticket_id == chosen), None)
if picked is not None:  # what the narrow columns cut, whole
    show(f"Why: {'; '.join(picked.reasons)}\nShort description: {picked.short_description or ''}")
c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
if c1.button("Claim", key="queue_claim", disabled=chosen is None, icon=":material/pan_tool:"):
    try:
        claim_ticket(store, run.id, chosen, who.id)
    except TqrsError as e:
        error(e)
    else:
        st.rerun()
if who.may("manager"):
    to = c2.selectbox(
        "Or assign it to",
        sorted({*people_seen(store), who.id}),
        index=None,
        placeholder="Pick, or type an e-mail address",
        key="queue_assign_to",
        accept_new_options=True,
        disabled=chosen is None,
    )
    if to and st.button("Assign", key="queue_assign_one"):
        assign_tickets(store, run.id, [chosen], to, who.id)
        st.rerun()
st.caption("Marking a ticket reviewed takes it off the queue.")
