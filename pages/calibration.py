import pandas as pd
import streamlit as st

from app.resources import get_store
from app.untrusted import md
from app.widgets import (
    band_styler,
    rates_styler,
    render_open_in_review,
    select_run,
    ticket_column,
    whole_text_column,
)
from tqrs.calibration import calibrate
from tqrs.display import MISSING, plural, rate_text, reference_text
from tqrs.queue import calibration_sample
from tqrs.review import run_rubric, ticket_labels

st.title("Calibration")
st.caption(
    "How far the judge agrees with the analysts. Only tickets marked **reviewed** "
    "count; on them, a criterion without an override counts as agreement (the analyst "
    "looked and let the judge's option stand). Tickets not reviewed are left out."
)
store = get_store()
run = select_run(store, "calibration_run")
cal = calibrate(store, run.id)


def decimals(value: float | None) -> str:
    """Kappa and point differences keep two decimals (rates: rate_text)."""
    return MISSING if value is None else f"{value:.2f}"


if cal.excluded_override_tickets:
    st.warning(
        f"{plural(cal.excluded_override_tickets, 'ticket has', 'tickets have')} overrides "
        "but not the reviewed mark: left out until an analyst marks "
        f"{'it' if cal.excluded_override_tickets == 1 else 'them'} reviewed."
    )
if not cal.reviewed_tickets:
    st.info(
        "No ticket of this run is marked reviewed yet: review some (see the sample below) "
        "to measure agreement.",
        icon=":material/info:",
    )
else:
    cols = st.columns(5)
    cols[0].metric("Reviewed tickets", f"{cal.reviewed_tickets:,}")
    cols[1].metric("Exact agreement", rate_text(cal.agreement))
    cols[2].metric(
        "Beyond chance",
        decimals(cal.kappa.value),
        help=cal.kappa.note
        or "Cohen's kappa, the mean over the criteria: 1 is full agreement, 0 what chance "
        "alone would give.",
    )
    cols[3].metric("Mean point difference", decimals(cal.mean_abs_points))
    cols[4].metric(
        "Verdict agreement",
        rate_text(cal.verdict_agreement),
        help="Pass or fail, per reviewed ticket; beyond chance (kappa): "
        + (cal.verdict_kappa.note or decimals(cal.verdict_kappa.value)),
    )
    agreement = pd.DataFrame(
        [
            {
                "Criterion": c.title,
                "Pairs": c.pairs,
                "Agreement %": c.agreement,
                "Beyond chance (kappa)": decimals(c.kappa.value)
                if c.kappa.value is not None
                else c.kappa.note,
                "Mean point difference": c.mean_abs_points,
                "Not graded": c.unscored,
            }
            for c in cal.criteria
        ]
    )
    st.dataframe(
        rates_styler(agreement, ["Agreement %"]),
        hide_index=True,
        column_config={
            "Mean point difference": st.column_config.NumberColumn(format="%.2f"),
            # its notes say why a criterion is not measurable: shown whole, not cut off
            "Beyond chance (kappa)": whole_text_column(
                "Beyond chance (kappa)", agreement["Beyond chance (kappa)"]
            ),
        },
    )
    st.subheader("Where the judge disagrees most")
    worst = cal.most_disagreed()
    if not worst:
        st.success("No disagreement on the reviewed tickets.")
    for c in worst:
        with st.expander(
            f"{md(c.title)}: {rate_text(c.agreement)} agreement on {plural(c.pairs, 'ticket')}"
        ):
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "Ticket": e.number,
                            "Judge": e.judge_option,
                            "Analyst": e.human_option,
                            "Note": e.note,
                        }
                        for e in c.examples
                    ]
                ),
                hide_index=True,
            )

st.subheader("Calibration sample")
st.caption(
    "Tickets not reviewed yet to review by hand: the judge's least sure (criteria not "
    "graded, judge criteria at a partial option, scores far from similar tickets when "
    "the session is embedded), the nearest to the pass line, and a random control set."
)
c1, c2 = st.columns(2)
size = c1.number_input("Tickets per set", 1, 50, 10, key="calibration_size")
seed = c2.number_input("Random seed", 0, 10_000, 0, key="calibration_seed")
sample = calibration_sample(store, run.id, size, size, size, seed=seed)
titles = {
    "least_sure": "Least sure",
    "near_pass": "Near the pass line",
    "control": "Random control",
}
# An empty set says what it would list and why nothing is in it, not a heading "(0)" over
# an empty space.
empty = {
    "least_sure": "the tickets not reviewed yet the judge is least sure of (a criterion not "
    "graded, a judge criterion at a partial option, a score far from similar tickets); no "
    "such ticket is left.",
    "near_pass": "the tickets not reviewed yet whose score is nearest the pass line; none "
    "with a score is left outside the set above.",
    "control": "a random draw from the tickets not reviewed yet that are in neither set "
    "above; none is left.",
}
rubric = run_rubric(store, run.id)
labels = ticket_labels(store, run.id, [i.ticket_id for items in sample.values() for i in items])
if not any(sample.values()):
    st.info("Every ticket of this run is reviewed: no calibration sample is left to draw.")
    sample = {}
for key, items in sample.items():
    if not items:
        st.markdown(f"**{titles[key]}**: none. This set lists {empty[key]}")
        continue
    st.markdown(f"**{titles[key]}** ({len(items)})")
    table = pd.DataFrame(
        [
            {
                "Ticket": labels[i.ticket_id],
                "Score %": i.percent,
                "Band": i.band or "",
                "Agent": reference_text(i.agent or ""),
                "Why": "; ".join(i.reasons),
            }
            for i in items
        ]
    )
    st.dataframe(
        band_styler(table, "Band", rubric),
        hide_index=True,
        column_config={"Ticket": ticket_column(table["Ticket"] if len(table) else [])},
    )
render_open_in_review(run, labels, "calibration")
st.caption("Review each on the Review page and mark it reviewed: it then counts above.")
