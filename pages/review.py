import pandas as pd
import streamlit as st

from app import context
from app.resources import get_store
from app.rubric_view import render_rubric
from app.ticket_view import render_ticket_detail
from app.untrusted import error
from app.widgets import (
    band_styler,
    kept_folder_text,
    render_downloads,
    select_run,
    ticket_column,
)
from tqrs.display import (
    NO_GROUP,
    UNASSIGNED,
    plural,
    points_judged_text,
    reference_text,
    verdict_text,
)
from tqrs.errors import TqrsError
from tqrs.reports import load_filtered_report
from tqrs.review import load_ticket_review, run_rubric, ticket_by_label, ticket_labels
from tqrs.scoring import NO_BAND
from tqrs.services.review import review_page
from tqrs.store.results import (
    SORTABLE,
    ReviewFilter,
    filter_choices,
    view_ids,
)
from tqrs.store.runs import run_ticket_number

PAGE_SIZE = 50


def _go_to(ticket_id: int, ids: list[int]) -> None:
    st.session_state["review_open"] = ticket_id
    st.session_state["review_page"] = ids.index(ticket_id) // PAGE_SIZE + 1


def render_ticket_steps(ids: list[int], ticket_id: int) -> None:
    """Previous and next ticket of the view (every page of it). A ticket that left the view
    (an override took it out of the filter) steps from where it was."""
    if ticket_id in ids:
        at = ids.index(ticket_id)
        st.session_state["review_open_at"] = (ticket_id, at)
        before, after, where = at - 1, at + 1, f"Ticket {at + 1:,} of {len(ids):,} in this view"
    else:
        last = st.session_state.get("review_open_at")
        at = last[1] if last and last[0] == ticket_id else 0
        before, after, where = at - 1, at, "No longer in this view (its filters exclude it)"
    left, right, note = st.columns([1, 1, 4], vertical_alignment="center")
    for col, label, index, icon, key in (
        (left, "Previous ticket", before, ":material/arrow_back:", "review_previous"),
        (right, "Next ticket", after, ":material/arrow_forward:", "review_next"),
    ):
        target = ids[index] if 0 <= index < len(ids) else None
        col.button(
            label,
            key=key,
            icon=icon,
            disabled=target is None,
            on_click=_go_to,
            args=(target, ids),
            width="stretch",
        )
    note.caption(where)


st.title("Review")
store = get_store()
st.session_state.setdefault("review_page_ids", [])

run = select_run(store, "review_run")
rubric = run_rubric(store, run.id)
render_rubric(rubric, "review_show_rubric")  # the version this run was scored with
choices = filter_choices(store, run.id)
band_names = [b.name for b in rubric.bands] + [NO_BAND]
criteria = {c.id: c.title for c in rubric.criteria}
BOUND = (  # (param, widget key, which values are valid)
    (context.TEXT, "review_text", lambda v: True),
    (context.VERDICT, "review_verdict", lambda v: True),
    (context.BANDS, "review_bands", lambda v: set(v) <= set(band_names)),
    (context.FAILED, "review_failed", lambda v: v == "" or v in criteria),
    (context.AGENTS, "review_agents", lambda v: set(v) <= set(choices["agents"])),
    (context.GROUPS, "review_groups", lambda v: set(v) <= set(choices["groups"])),
    (context.CATEGORIES, "review_categories", lambda v: set(v) <= set(choices["categories"])),
    (context.SCORE, "review_range", lambda v: True),
    (context.SORT, "review_sort", lambda v: v in SORTABLE),
    (context.DESCENDING, "review_desc", lambda v: True),
    (context.REVIEWED, "review_reviewed", lambda v: True),
    (context.PAGE, "review_page", lambda v: v >= 1),
)
for param, key, valid in BOUND:
    context.seed(param, key, valid)

with st.container(border=True):
    # The two segmented controls lead the last row, a third of it each: in the first row's
    # seventh of the width the Verdict's "Too little to judge" was scrolled out of sight.
    c1, c3, c4 = st.columns([3, 2, 2])
    text = c1.text_input("Search", key="review_text", placeholder="number or words in the text")
    bands = c3.multiselect("Band", band_names, key="review_bands")
    failed = c4.selectbox(
        "Criterion failed",
        ["", *criteria],
        key="review_failed",
        format_func=lambda c: criteria.get(c, "any"),
    )
    c5, c6, c7, c8 = st.columns([2, 2, 2, 2])
    agents = c5.multiselect(
        "Agent", choices["agents"], key="review_agents", format_func=reference_text
    )
    groups = c6.multiselect(
        "Group", choices["groups"], key="review_groups", format_func=reference_text
    )
    categories = c7.multiselect("Category", choices["categories"], key="review_categories")
    st.session_state.setdefault("review_range", (0, 100))
    low, high = c8.slider("Score %", 0, 100, key="review_range")
    c2, c11, c9, c10 = st.columns([4, 3.5, 2.5, 2])
    # wrap: in a window narrower still, an option goes to a second line, not out of sight
    verdict = c2.segmented_control(
        "Verdict",
        list(context.VERDICTS.values()),
        key="review_verdict",
        wrap=True,
        help="Too little to judge: judged on less than the rubric's min_judged_percent of its "
        "points (the rest not in the export or N/A); neither a pass nor a fail, left out of "
        "pass rates.",
    )
    reviewed = c11.segmented_control(
        "Reviewed", ["Reviewed", "Not reviewed"], key="review_reviewed", wrap=True
    )
    sort = c9.selectbox("Sort by", list(SORTABLE), key="review_sort")
    descending = c10.toggle("Descending", key="review_desc")

flt = ReviewFilter(
    bands=bands,
    verdict=next((k for k, label in context.VERDICTS.items() if label == verdict), None),
    agents=agents,
    groups=groups,
    categories=categories,
    failed_criterion=failed or None,
    min_percent=low if (low, high) != (0, 100) else None,
    max_percent=high if (low, high) != (0, 100) else None,
    text=text,
    reviewed=None if reviewed is None else reviewed == "Reviewed",
)
view = (run.id, repr(flt), sort, descending)
if st.session_state.get("review_view") not in (None, view):  # new filters or sort: page 1
    st.session_state["review_page"] = 1
st.session_state["review_view"] = view
asked = st.session_state.get("review_page", 1)
shown = review_page(store, run.id, flt, sort, descending, asked, PAGE_SIZE)
rows, total, page, pages = shown.rows, shown.total, shown.page, shown.pages
if page != asked:  # a kept or shared page past the end of this view: the first
    st.session_state["review_page"] = page
# Tickets by id: a number the run holds twice is named with what tells the copies apart.
labels, held, earlier = shown.labels, shown.held, shown.earlier

st.caption(f"{plural(total, 'ticket matches', 'tickets match')} · page {page} of {pages}")
table = pd.DataFrame(
    [
        {
            "Ticket": labels[r["ticket_id"]],
            "Band": r["band"] if r["status"] == "scored" else "not graded",
            "Score": f"{r['score']:g}/{r['max_points']}",
            "%": r["percent"],
            "Verdict": verdict_text(r["status"], r["verdict"], r["auto_fail"]),
            "Judged": points_judged_text(r["max_points"], rubric.max_points, words=False)
            if r["status"] == "scored"
            else "",
            "Agent": reference_text(r["agent"]) or UNASSIGNED,
            "Group": reference_text(r["grp"]) or NO_GROUP,
            "Category": r["category"] or "",
            "Short description": r["short_description"] or "",
            "Reviewed": r["reviewer"] or "",
            "Held by": held[r["ticket_id"]]["analyst"] if r["ticket_id"] in held else "",
            "Overridden": r["overridden"],
            "Changed since scored": r["ticket_id"] in earlier,
        }
        for r in rows
    ]
)
st.session_state["review_page_ids"] = [r["ticket_id"] for r in rows]


# Pixel widths that keep the table within the main column of a 1440-pixel window (978 pixels
# beside the sidebar) for the usual ticket numbers: left to their content, a long short
# description (and "Held by" at 200) pushed it to 1,300 pixels and more, to be scrolled
# sideways. The open ticket below shows the short description whole.
_WIDTHS = {
    "Band": 70,
    "Score": 50,
    "Verdict": 70,
    "Judged": 55,
    "Agent": 75,
    "Group": 75,
    "Category": 60,
    "Short description": 140,
    "Reviewed": 55,
    "Held by": 60,
    "Overridden": 40,
    "Changed since scored": 40,
}


def _open_selected() -> None:
    selected = st.session_state["review_table"].selection.rows
    ids = st.session_state["review_page_ids"]
    if selected and selected[0] < len(ids):
        st.session_state["review_open"] = ids[selected[0]]


st.dataframe(
    band_styler(table, "Band", rubric),
    hide_index=True,
    key="review_table",
    on_select=_open_selected,
    selection_mode="single-row",
    height=420,
    column_config={
        "Ticket": ticket_column(table["Ticket"] if len(table) else []),
        "%": st.column_config.ProgressColumn(
            "%", min_value=0, max_value=100, format="%.0f", width=60
        ),
        **{name: st.column_config.Column(width=px) for name, px in _WIDTHS.items()},
    },
)
nav_left, nav_right = st.columns([1, 3])
nav_left.number_input("Page", min_value=1, max_value=pages, step=1, key="review_page")
for param, key, _ in BOUND:
    context.keep(param, st.session_state[key])

these = "this" if total == 1 else "these"
with st.expander(f"Download {these} {plural(total, 'ticket')} (CSV, JSON, HTML, Excel)"):
    if st.button("Prepare the downloads", key="review_prepare", icon=":material/download:"):
        st.session_state["review_download_view"] = view
    if st.session_state.get("review_download_view") == view:
        with st.spinner("Loading the selection…"):
            render_downloads(load_filtered_report(store, run.id, flt), "review_download")
        st.caption(
            "The same figures as the Reports page, for this filter only; a copy of each "
            f"download is kept under {kept_folder_text()}, named apart from the run's full "
            "report."
        )

context.seed(context.TICKET, "review_open", lambda v: run_ticket_number(store, run.id, v))
ticket_id = st.session_state.get("review_open")
if isinstance(ticket_id, str):  # a label picked while the page's list changed under the click
    ticket_id = ticket_by_label(store, run.id, ticket_id)
    st.session_state["review_open"] = ticket_id
if ticket_id is not None and ticket_id not in labels:
    # The open ticket stays open when it leaves the view (an override took it out of a
    # "criterion failed" filter, a shared link): listed first, named on its own.
    if run_ticket_number(store, run.id, ticket_id) is None:  # not a ticket of this run
        st.session_state.pop("review_open", None)
    else:
        labels = ticket_labels(store, run.id, [ticket_id]) | labels
ticket_id = nav_right.selectbox(
    "Open ticket",
    list(labels),
    index=None,
    key="review_open",
    format_func=labels.get,
    placeholder="choose a ticket of this page, or click a row",
)
if ticket_id is None:
    context.forget(context.TICKET)
else:
    context.keep(context.TICKET, ticket_id)
    render_ticket_steps(view_ids(store, run.id, flt, sort, descending), ticket_id)
    if ticket_id in earlier:
        versions = earlier[ticket_id]
        st.warning(
            f"Scored on version {versions.made_on} of this ticket: it changed on the instance "
            f"since, and the session now holds version {versions.current}. These results, "
            "overrides and reviews were made on the earlier version; a new run on the session "
            "grades the current one.",
            icon=":material/history:",
        )
    try:
        render_ticket_detail(
            store, run.id, load_ticket_review(store, run.id, ticket_id), labels[ticket_id]
        )
    except TqrsError as e:
        error(e)
