"""Streamlit widgets shared by the pages: pickers, the profile charts, run progress, bands."""

import logging
import os

import pandas as pd
import streamlit as st

from app.untrusted import badge_text, error, md
from tqrs.errors import TqrsError
from tqrs.ingest import IngestReport
from tqrs.profile import DatasetProfile
from tqrs.reports import (
    CRITERIA_SUFFIX,
    FORMATS,
    MIME_TYPES,
    Report,
    keep_report,
    render,
    report_filename,
)
from tqrs.results import RunInfo
from tqrs.workbench import RunState

log = logging.getLogger(__name__)

BAND_COLORS = {
    "BLUE": "blue",
    "GREEN": "green",
    "YELLOW": "orange",
    "RED": "red",
    "PURPLE": "violet",
}


def analyst_name() -> str:
    """The analyst's name from the sidebar (defaults to $USER)."""
    st.session_state.setdefault(
        "analyst", os.environ.get("USER") or os.environ.get("USERNAME") or "analyst"
    )
    return st.session_state["analyst"]


def render_sidebar() -> None:
    analyst_name()
    st.sidebar.text_input(
        "Your name", key="analyst", help="Recorded with your overrides and reviewed marks."
    )


def render_judge(label: str) -> None:
    if label.startswith("offline"):
        st.badge(badge_text(label), icon=":material/offline_bolt:", color="gray")
    else:
        st.badge(badge_text(label), icon=":material/smart_toy:", color="blue")


def render_band(band: str, passed: bool | None = None) -> None:
    verdict = "" if passed is None else (" · pass" if passed else " · fail")
    st.badge(badge_text(f"{band}{verdict}"), color=BAND_COLORS.get(band, "gray"))


def session_label(s) -> str:
    """For selectbox options (plain text): the session's name is untrusted."""
    return f"#{s.id} · {s.name} ({s.ticket_count:,} tickets)"


def run_label(r: RunInfo) -> str:
    """For selectbox options (plain text); `md()` it anywhere else (a user rubric's id)."""
    return (
        f"Run {r.id} · {r.rubric_id} · {r.judge} · {r.status} · {r.started_at:%Y-%m-%d %H:%M} UTC"
    )


def render_ingest_report(report: IngestReport) -> None:
    """Per-file outcome: counts for the files read, an error for each file left out, what
    was said of each file, and the columns it had that no field was read from."""
    for name, message in report.failed.items():
        st.error(f"**{md(name)}** was not imported: {md(message)}", icon=":material/error:")
    for notice in report.notices:
        st.info(md(notice), icon=":material/info:")
    for f in report.files:
        for notice in f.notices:
            st.info(md(notice), icon=":material/info:")
    if report.files:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "file": f.name,
                        "format": f.format,
                        "records": f.records,
                        "imported": f.imported,
                        "merged": f.merged,
                        "superseded": f.superseded,
                        "rejected": f.rejected,
                        "warnings": f.warnings,
                        "columns not read": len(f.unmapped),
                    }
                    for f in report.files
                ]
            ),
            hide_index=True,
        )
    unmapped = [(f.name, c) for f in report.files for c in f.unmapped]
    if unmapped:
        noun = "column" if len(unmapped) == 1 else "columns"
        with st.expander(f"{len(unmapped):,} {noun} not read as a field"):
            st.caption(
                "Kept in each ticket's raw record. Map one above before creating the session "
                "(or `tqrs ingest --map 'COLUMN=FIELD'`)."
            )
            st.dataframe(pd.DataFrame(unmapped, columns=["file", "column"]), hide_index=True)
    issues = [(f, i) for f in report.files for i in f.issues]
    if issues:
        with st.expander(f"{len(issues):,} record issues"):
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "file": f.name,
                            "where": i.where(f.format),
                            "outcome": i.outcome,
                            "message": i.message,
                        }
                        for f, i in issues[:2000]
                    ]
                ),
                hide_index=True,
            )


def render_profile(p: DatasetProfile) -> None:
    """The dataset profile: headline numbers and the four charts."""
    cols = st.columns(5)
    cols[0].metric("Tickets", f"{p.tickets:,}")
    cols[1].metric("Duplicate numbers", f"{p.duplicate_numbers:,}")
    cols[2].metric(
        "Missing rubric fields",
        f"{p.missing_rubric_fields:,}",
        help="Tickets missing a field the default rubrics read",
    )
    first, last = p.date_ranges.get("opened", (None, None))
    cols[3].metric("First opened", f"{first:%Y-%m-%d}" if first else "–")
    cols[4].metric("Last opened", f"{last:%Y-%m-%d}" if last else "–")
    render_near_duplicates(p)
    render_presence(p)
    left, right = st.columns(2)
    with left:
        st.markdown("**Field completeness** (% of tickets filled)")
        st.bar_chart(
            pd.DataFrame(
                {
                    "field": list(p.completeness),
                    "filled %": [round(v * 100, 1) for v in p.completeness.values()],
                }
            ),
            x="field",
            y="filled %",
            horizontal=True,
            height=18 * len(p.completeness) + 60,
            sort="-filled %",
        )
    with right:
        for field, title in (("category", "Category"), ("contact_type", "Contact type")):
            st.markdown(f"**{title}**")
            values = p.distributions.get(field, [])
            st.bar_chart(
                pd.DataFrame(
                    {title: [v or "(empty)" for v, _ in values], "tickets": [n for _, n in values]}
                ),
                x=title,
                y="tickets",
                horizontal=True,
                height=240,
                sort="-tickets",
            )
    st.markdown("**Volume over time** (tickets opened per day)")
    st.bar_chart(
        pd.DataFrame(
            {
                "day": pd.to_datetime([d for d, _ in p.volume_by_day]),
                "tickets": [n for _, n in p.volume_by_day],
            }
        ),
        x="day",
        y="tickets",
        height=220,
    )


def render_presence(p: DatasetProfile) -> None:
    """Per field: filled, blank (the export has the column, the ticket nothing in it), absent
    (the ticket's export has no such column). Only fields that are not filled everywhere."""
    rows = [
        {
            "field": field,
            "filled": v.filled,
            "blank": v.blank,
            "absent from export": v.absent,
            "files without it": ", ".join(v.absent_from),
        }
        for field, v in p.presence.items()
        if v.blank or v.absent
    ]
    if rows:
        with st.expander("Empty fields: blank in the export, or absent from it"):
            st.dataframe(pd.DataFrame(rows), hide_index=True, key="profile_presence")


def render_near_duplicates(p: DatasetProfile) -> None:
    """Near-duplicate tickets: count and the closest pairs, or why they were not computed."""
    if p.near_duplicates is None:
        st.caption(f"Near-duplicate tickets: {md(p.near_duplicates_note)}.")
        return
    st.markdown(
        f"**Near-duplicate tickets**: {p.near_duplicates:,} pairs of different "
        f"numbers with (almost) the same text, {p.near_duplicate_tickets:,} tickets"
    )
    if p.near_duplicate_examples:
        st.dataframe(
            pd.DataFrame(
                p.near_duplicate_examples, columns=["Ticket", "Near-duplicate of", "Similarity"]
            ),
            hide_index=True,
            key="near_duplicate_examples",
        )


def render_progress(state: RunState) -> None:
    """A run's progress bar and counters (live ones from the job, others from the store)."""
    run, p = state.run, state.progress
    total = run.tickets_total or 1
    if state.live and p is not None:
        done_before = run.tickets_total - p.total
        finished = done_before + p.finished
        eta = f"{int(p.eta) // 60}:{int(p.eta) % 60:02d}" if p.eta is not None else "–"
        st.progress(
            min(1.0, finished / total),
            text=f"Run {run.id}: {finished:,} of {run.tickets_total:,} tickets",
        )
        cols = st.columns(6)
        cols[0].metric("Done", f"{done_before + p.done:,}")
        cols[1].metric("Failed", f"{p.failed:,}")
        if p.batches_open:  # a batch run: its requests wait at the provider
            cols[2].metric(
                "At the provider",
                f"{p.in_flight:,}",
                help=f"in {p.batches_open} batches, {p.answered_at_provider:,} answered there",
            )
        else:
            cols[2].metric("In flight", f"{p.in_flight:,}")
        cols[3].metric("Tokens", f"{p.tokens_in + p.tokens_out:,}")
        cols[4].metric("Cost", f"${run.cost + p.cost:,.4f}")
        cols[5].metric("ETA", eta)
    else:
        st.progress(
            min(1.0, state.stored / total),
            text=f"Run {run.id}: {state.stored:,} of {run.tickets_total:,} tickets · "
            f"{state.status}",
        )
        cols = st.columns(3)
        cols[0].metric("Stored results", f"{state.stored:,}")
        cols[1].metric("Tokens", f"{run.tokens_in + run.tokens_out:,}")
        cols[2].metric("Cost", f"${run.cost:,.4f}")
        if run.error:
            st.warning(md(run.error))


def select_run(store, key: str, completed: bool = False) -> RunInfo:
    """A run picker, newest first (completed runs only, or any run with tickets); stops the
    page with a hint when there is none."""
    from tqrs.store.runs import list_runs

    runs = [
        r
        for r in reversed(list_runs(store))
        if (r.status == "completed" if completed else r.tickets_total)
    ]
    if not runs:
        st.info(
            "No completed run yet: evaluate a session first."
            if completed
            else "Nothing scored yet: evaluate a session first.",
            icon=":material/info:",
        )
        st.stop()
    return st.selectbox("Run", runs, format_func=run_label, key=key)


def render_open_in_review(run: RunInfo, tickets: dict[int, str], key: str) -> None:
    """Pick one of `tickets` (id -> number) and open it on the Review page: the search box is
    set to its number and the ticket detail opened."""
    from app import nav

    left, right = st.columns([3, 1], vertical_alignment="bottom")
    ticket_id = left.selectbox(
        "Ticket",
        list(tickets),
        format_func=tickets.get,
        index=None,
        key=f"{key}_ticket",
        placeholder="choose a ticket to review",
    )
    if right.button(
        "Open in Review",
        key=f"{key}_open",
        disabled=ticket_id is None,
        icon=":material/open_in_new:",
    ):
        st.session_state.update(
            review_run=run, review_text=tickets[ticket_id], review_open=ticket_id
        )
        st.switch_page(nav.REVIEW)


def render_downloads(report: Report, key: str) -> None:
    """One download button per format; each file is rendered when clicked and a copy kept
    under reports/."""
    labels = {"csv": "CSV (tickets)", "json": "JSON", "html": "HTML report", "xlsx": "Excel"}
    buttons = st.columns(len(FORMATS) + 1)
    for i, fmt in enumerate(FORMATS):
        buttons[i].download_button(
            labels[fmt],
            data=lambda fmt=fmt: _kept(report, fmt, ""),
            file_name=report_filename(report, fmt),
            mime=MIME_TYPES[fmt],
            key=f"{key}_{fmt}",
            icon=":material/download:",
            on_click="ignore",
        )
    buttons[-1].download_button(
        "CSV (criteria)",
        data=lambda: _kept(report, "csv", CRITERIA_SUFFIX),
        file_name=report_filename(report, "csv", CRITERIA_SUFFIX),
        mime=MIME_TYPES["csv"],
        key=f"{key}_csv_criteria",
        icon=":material/download:",
        on_click="ignore",
    )


def _kept(report: Report, fmt: str, part: str) -> bytes:
    """A download's bytes, a copy kept under reports/; a copy that cannot be kept (disk full, a
    file the store owns) is logged and the download still served."""
    try:
        return keep_report(report, fmt)[part]
    except TqrsError as e:
        log.warning("report copy not kept: %s", e)
        return render(report, fmt)[part]


def render_password_form(
    form: str, label: str, key: str, button: str, unlock, unlocked_key: str
) -> None:
    """A password form that sets `st.session_state[unlocked_key]` when `unlock(password)`
    (tqrs.auth: the lockout is counted there) accepts it, and reruns."""
    with st.form(form):
        password = st.text_input(label, type="password", key=key)
        if st.form_submit_button(button, type="primary", icon=":material/lock_open:"):
            try:
                ok = unlock(password)
            except TqrsError as e:
                error(e)
                st.stop()
            if ok:
                st.session_state[unlocked_key] = True
                st.rerun()
            st.error("Wrong password.")
