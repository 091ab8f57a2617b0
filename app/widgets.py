"""Streamlit widgets shared by the pages: pickers, the profile charts, run progress, bands."""

import json
import logging

import altair as alt
import pandas as pd
import streamlit as st

from app import context
from app.untrusted import badge_text, error, html_text, md
from tqrs import config
from tqrs.display import FIGURE_HELP, MISSING, isolate_bidi, plural, rate_text, verdict_text
from tqrs.errors import NotFoundError, TqrsError
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
from tqrs.reports.style import BAND_COLOURS, NO_BAND_COLOUR, band_colours, text_colour
from tqrs.results import RunInfo
from tqrs.workbench import RunState

log = logging.getLogger(__name__)


def render_judge(label: str) -> None:
    if label.startswith("offline"):
        st.badge(badge_text(label), icon=":material/offline_bolt:", color="gray")
    else:
        st.badge(badge_text(label), icon=":material/smart_toy:", color="blue")


def rubric_colours(rubric) -> dict[str, str]:
    """Band name -> colour for a rubric's bands (tqrs.reports.style: the one place)."""
    return band_colours([b.name for b in rubric.bands])


def render_band(band: str, verdict: str | None, rubric) -> None:
    """The band as a pill in the rubric's colour for it, and the verdict (tqrs.scoring:
    pass, fail, too_little; None: none shown)."""
    shown = "" if verdict is None else f" · {verdict_text('scored', verdict, False)}"
    # a band the rubric does not have (an older version's) reads red when the ticket failed
    fallback = BAND_COLOURS["RED"] if verdict == "fail" else NO_BAND_COLOUR
    colour = rubric_colours(rubric).get(band, fallback)
    st.html(
        f'<span style="background:{colour};color:{text_colour(colour)};padding:.15rem .6rem;'
        f'border-radius:.8rem;font-size:.85rem;font-weight:600">{html_text(band + shown)}</span>'
    )


PASS_RATE_LABEL = 420  # pixels: the longest run label Home's chart shows whole


def render_band_chart(bands: dict[str, int], rubric) -> None:
    """Tickets per band, in the rubric's order of bands (best first), each bar in its band's
    colour."""
    colours = rubric_colours(rubric)
    order = [b.name for b in rubric.bands if b.name in bands]
    order += [b for b in bands if b not in order]  # "N/A", a band the rubric no longer has
    frame = pd.DataFrame({"Band": order, "Tickets": [bands[b] for b in order]})
    chart = (
        alt.Chart(frame, height=240)
        .mark_bar()
        .encode(
            x=alt.X("Band:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("Tickets:Q", title="tickets"),
            color=alt.Color(
                "Band:N",
                scale=alt.Scale(
                    domain=order, range=[colours.get(b, NO_BAND_COLOUR) for b in order]
                ),
                legend=None,
            ),
            tooltip=["Band", "Tickets"],
        )
    )
    st.altair_chart(chart, width="stretch")


def render_pass_rates(frame: pd.DataFrame) -> None:
    """Home's pass rate per run (`frame`: "run" label, "pass rate %", "note"): bars on the
    whole 0-100 scale (the default axis ended just past the highest rate, so 51% looked full),
    each run's label whole (the default cut it at 100 pixels: "Run 1 · Incident L…"). A run
    with nothing judged has no bar, and Vega-Lite dropped its row with the missing value: its
    note ("nothing could be judged") is written on the row instead, which keeps it."""
    base = alt.Chart(frame, height=36 * len(frame) + 50).encode(
        y=alt.Y("run:N", sort=None, title=None, axis=alt.Axis(labelLimit=PASS_RATE_LABEL)),
        tooltip=["run", "pass rate %", "note"],
    )
    bars = base.mark_bar().encode(
        x=alt.X("pass rate %:Q", scale=alt.Scale(domain=[0, 100]), title="pass rate %")
    )
    notes = base.mark_text(align="left", dx=4, color="#6b7280").encode(
        x=alt.value(0), text="note:N"
    )
    st.altair_chart(bars + notes, width="stretch")


def band_styler(table: pd.DataFrame, column: str, rubric):
    """`table` with its `column` of band names coloured as the rubric's bands, and its
    decimal numbers shown as they are (71.43, 100), not as a styled table's six places."""
    colours = rubric_colours(rubric)

    def paint(band: object) -> str:
        colour = colours.get(str(band))
        return f"background-color: {colour}; color: {text_colour(colour)}" if colour else ""

    if not len(table):
        return table
    decimals = list(table.select_dtypes("float").columns)
    # a missing number (a ticket not graded has no score) reads "–" as in every other table,
    # not the Styler's "None" (a column of None alone) or "nan"
    return (
        table.style.map(paint, subset=[column])
        .format(na_rep=MISSING)
        .format(_decimal, subset=decimals, na_rep=MISSING)
    )


def rates_styler(table: pd.DataFrame, rates: list[str], tenths: tuple[str, ...] = ()):
    """`table` with its `rates` columns (fractions) kept numbers, so that a click on a header
    sorts them by value (as text, "100%" sorted before "95%"), and shown as rate_text writes
    them ("42%", "5.0%", "99.6%"); `tenths` columns (mean percents) shown with one decimal
    ("71.4"); a missing value "–" in every column; a time to the second, as an unstyled
    table shows it (the Styler wrote its microseconds)."""
    table = table.astype({c: "float64" for c in (*rates, *tenths)})
    if not len(table):
        return table
    return (
        table.style.format(na_rep=MISSING)
        .format(rate_text, subset=rates, na_rep=MISSING)
        .format("{:.1f}", subset=list(tenths), na_rep=MISSING)
        .format(
            "{:%Y-%m-%d %H:%M:%S}",
            subset=list(table.select_dtypes("datetime").columns),
            na_rep=MISSING,
        )
    )


def _decimal(value: float) -> str:
    """Up to two decimal places, without trailing zeros (a score of 100 reads "100")."""
    return MISSING if pd.isna(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


# A count in a table: kept a number, so that the column sorts as numbers, shown "10,000" as
# in the metrics (a string "66" sorted after "200").
COUNT_COLUMN = st.column_config.NumberColumn(format="%,d")


def figure_column(figure: str, count: bool = False):
    """A table column of one of a run's figures (tqrs.store.figures: "pass_rate",
    "mean_percent", "too_little") with what it means as its header's help; `count`: a count,
    shown "1,307"."""
    if count:
        return st.column_config.NumberColumn(format="%,d", help=FIGURE_HELP[figure])
    return st.column_config.Column(help=FIGURE_HELP[figure])


def ticket_column(labels) -> st.column_config.TextColumn:
    """A table's "Ticket" column, wide enough for its longest label (a number the run holds
    twice is named with what tells its copies apart: file, sys_id, opened time). Set, not
    measured: a table measures its columns on the rows it shows first, and kept that width
    when a filter then showed the copies, so both read "INC0010006 ·"."""
    return whole_text_column("Ticket", labels)


def whole_text_column(title: str, values) -> st.column_config.TextColumn:
    """A text column wide enough for its longest value (up to 640 pixels)."""
    longest = max(map(len, values), default=10)
    return st.column_config.TextColumn(title, width=min(640, 24 + 7 * longest))


def session_label(s) -> str:
    """For selectbox options (plain text): the session's name is untrusted."""
    return f"#{s.id} · {isolate_bidi(s.name)} ({plural(s.ticket_count, 'ticket')})"


def run_label(r: RunInfo, session_name: str) -> str:
    """For selectbox options (plain text); `md()` it anywhere else (names are untrusted): the
    run, its session, its rubric's name, the judge, and the status unless completed."""
    status = "" if r.status == "completed" else f" · {r.status}"
    return (
        f"Run {r.id} · {isolate_bidi(session_name)} · {isolate_bidi(rubric_name(r))} · "
        f"{judge_name(r)}{status} · "
        f"{r.started_at:%Y-%m-%d %H:%M} UTC"
    )


def rubric_name(r: RunInfo) -> str:
    """The name of the rubric the run used (its id when the stored rubric has none)."""
    try:
        return json.loads(r.rubric_json).get("name") or r.rubric_id
    except ValueError:
        return r.rubric_id


def judge_name(r: RunInfo) -> str:
    """ "offline judge", or the model that judged."""
    return "offline judge" if r.judge == "offline" else (r.model or r.judge)


def run_labels(store, runs: list[RunInfo]) -> dict[int, str]:
    """run id -> run_label, the session names read once."""
    from tqrs.store.sessions import list_sessions

    names = {s.id: s.name for s in list_sessions(store)}
    return {r.id: run_label(r, names.get(r.session_id, f"session {r.session_id}")) for r in runs}


def select_session(sessions: list, key: str, container=st, store=None):
    """A session picker bound to the context (app.context): the session kept or in the URL,
    else the newest. Given the `store`, a link naming a run (?run=N) opens on that run's
    session (a run sets its session), for a page that picks the session before the run."""
    by_id = {s.id: s for s in sessions}
    run_id = context.linked(context.RUN) if store is not None else None
    if run_id is not None:
        from tqrs.store.runs import get_run

        try:
            run = get_run(store, run_id)
        except NotFoundError:  # a run since deleted: the link falls back, as seed's do
            run = None
        if run is not None and run.session_id in by_id:
            st.query_params[context.SESSION.name] = str(run.session_id)
    context.seed(context.SESSION, key, lambda v: v in by_id)
    if st.session_state.get(key) not in by_id:
        st.session_state[key] = sessions[-1].id
    chosen = container.selectbox(
        "Session", list(by_id), format_func=lambda i: session_label(by_id[i]), key=key
    )
    context.keep(context.SESSION, chosen)
    return by_id[chosen]


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
        with st.expander(f"{plural(len(unmapped), 'column')} not read as a field"):
            st.caption(
                "Kept in each ticket's raw record. Map one above before creating the session "
                "(or `tqrs ingest --map 'COLUMN=FIELD'`)."
            )
            st.dataframe(pd.DataFrame(unmapped, columns=["file", "column"]), hide_index=True)
    issues = [(f, i) for f in report.files for i in f.issues]
    if issues:
        with st.expander(plural(len(issues), "record issue")):
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
    gone = [
        {"rubric": rubric_id, "criterion": cid, "tickets": n}
        for rubric_id, counts in p.not_in_export.items()
        for cid, n in counts.items()
    ]
    if gone:
        with st.expander("Criteria not in export: what this export cannot be judged on"):
            st.caption(
                "Their fields are absent from the export (or blank in a whole file of 20 "
                "tickets or more): these criteria are left out of the maximum, never failed."
            )
            st.dataframe(pd.DataFrame(gone), hide_index=True, key="profile_not_in_export")


def render_near_duplicates(p: DatasetProfile) -> None:
    """Near-duplicate tickets: count and the closest pairs, or why they were not computed."""
    if p.near_duplicates is None:
        st.caption(f"Near-duplicate tickets: {md(p.near_duplicates_note)}.")
        return
    st.markdown(
        f"**Near-duplicate tickets**: {plural(p.near_duplicates, 'pair')} of different "
        f"numbers with (almost) the same text, {plural(p.near_duplicate_tickets, 'ticket')}"
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
    """A run's progress bar and counters (live ones from the job, others from the store). An
    offline run makes no requests and costs nothing: no requests, tokens or cost shown."""
    run, p = state.run, state.progress
    total = run.tickets_total or 1
    remote = run.judge != "offline"
    if state.live and p is not None:
        done_before = run.tickets_total - p.total
        finished = done_before + p.finished
        eta = f"{int(p.eta) // 60}:{int(p.eta) % 60:02d}" if p.eta is not None else "–"
        st.progress(
            min(1.0, finished / total),
            text=f"Run {run.id}: {finished:,} of {plural(run.tickets_total, 'ticket')}",
        )
        if p.stage:
            st.caption(f"{p.stage}…")
        figures = [("Done", f"{done_before + p.done:,}"), ("Could not grade", f"{p.failed:,}")]
        if remote:
            if p.batches_open:  # a batch run: its requests wait at the provider
                figures.append(
                    (
                        "At the provider",
                        f"{p.in_flight:,}",
                        f"in {plural(p.batches_open, 'batch', 'batches')}, "
                        f"{p.answered_at_provider:,} answered there",
                    )
                )
            else:
                figures.append(("Requests under way", f"{p.in_flight:,}"))
            figures += [
                ("Tokens", f"{p.tokens_in + p.tokens_out:,}"),
                ("Cost", f"${run.cost + p.cost:,.4f}"),
            ]
        elif p.elapsed > 0:
            figures.append(("Tickets a second", f"{p.finished / p.elapsed:,.0f}"))
        figures.append(("Time left", eta))
    else:
        st.progress(
            min(1.0, state.stored / total),
            text=f"Run {run.id}: {state.stored:,} of {plural(run.tickets_total, 'ticket')} · "
            f"{state.status}",
        )
        figures = [("Stored results", f"{state.stored:,}")]
        if remote:
            figures += [
                ("Tokens", f"{run.tokens_in + run.tokens_out:,}"),
                ("Cost", f"${run.cost:,.4f}"),
            ]
        if run.error:
            st.warning(md(run.error))
    for col, (label, value, *help_) in zip(st.columns(max(len(figures), 3)), figures, strict=False):
        col.metric(label, value, help=help_[0] if help_ else None)


def select_run(
    store, key: str, completed: bool = False, session_id: int | None = None, container=st
) -> RunInfo:
    """A run picker bound to the context (app.context): the run kept or in the URL, else the
    newest of the kept session, else the newest; completed runs only, or any run with
    tickets; only `session_id`'s when given. Stops the page with a hint when there is none."""
    from tqrs.store.runs import list_runs

    runs = [
        r
        for r in reversed(list_runs(store, session_id))
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
    by_id = {r.id: r for r in runs}
    context.seed(context.RUN, key, lambda v: v in by_id)
    if st.session_state.get(key) not in by_id:
        session = context.kept(context.SESSION)
        st.session_state[key] = next((r.id for r in runs if r.session_id == session), runs[0].id)
    labels = run_labels(store, runs)
    chosen = container.selectbox("Run", list(by_id), format_func=labels.get, key=key)
    context.keep(context.RUN, chosen)
    context.set_kept(context.SESSION, by_id[chosen].session_id)
    return by_id[chosen]


def render_open_in_review(run: RunInfo, tickets: dict[int, str], key: str) -> None:
    """Pick one of `tickets` (id -> label, tqrs.review.ticket_labels: labels are distinct, a
    selectbox keeps its choice by label) and open it on the Review page."""
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
        open_in_review(run.id, ticket_id)


def open_in_review(run_id: int, ticket_id: int) -> None:
    """Go to the Review page with this ticket of this run open."""
    from app import nav

    context.set_kept(context.RUN, run_id)
    context.set_kept(context.TICKET, ticket_id)
    st.switch_page(nav.REVIEW)


def kept_folder_text() -> str:
    """Where this workbench's database keeps its report copies, for a Markdown caption:
    reports/, or reports/<database>-<digest>/ for a database other than the default one
    (config.kept_reports_dir); the database's name escaped (an admin chose it)."""
    kept, top = config.kept_reports_dir(), config.reports_dir()
    return "reports/" if kept == top else f"reports/{md(kept.name)}/"


def render_downloads(report: Report, key: str) -> None:
    """One download button per format; each file is rendered when clicked and a copy kept
    in the database's report folder (config.kept_reports_dir)."""
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
    (tqrs.auth: the lockout is counted there) accepts it, and reruns. The field is emptied
    on every try: a wrong password (often one character off the right one) stayed in it, in
    the page's HTML (`value="..."`)."""
    with st.form(form, clear_on_submit=True):
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
