"""The ticket detail of the Review page: the text with evidence marked, each criterion's
score, evidence, reasoning and coaching, the override form and the reviewed mark."""

import textwrap

import streamlit as st

from app.highlight import highlight_html
from app.people import person
from app.similar_view import render_similar
from app.untrusted import error, html_text, md, quote, show
from app.widgets import render_band
from tqrs.assignment import claim_ticket
from tqrs.display import heading_text, points_judged_text, reference_text, status_text
from tqrs.errors import TqrsError
from tqrs.fields import FREE_TEXT_LABELS
from tqrs.masking import mask_text, ticket_secrets
from tqrs.review import CriterionView, TicketReview, mark_reviewed, override_criterion
from tqrs.store.assignments import holders
from tqrs.store.llm_exchanges import ticket_exchanges
from tqrs.store.profile import fields_carried

META_FIELDS = (
    ("caller", "Caller"),
    ("company", "Company"),
    ("location", "Location"),
    ("contact_type", "Contact type"),
    ("category", "Category"),
    ("subcategory", "Subcategory"),
    ("service", "Service"),
    ("cmdb_ci", "CI"),
    ("assignment_group", "Group"),
    ("assigned_to", "Agent"),
    ("state", "State"),
    ("priority", "Priority"),
    ("close_code", "Close code"),
)

# Who scored a criterion, as an analyst would say it (CriterionResult.method).
METHODS = {
    "rule": "Scored by a fixed rule",
    "llm": "Scored by the LLM judge",
    "offline": "Scored by the offline checks (no LLM)",
}

_CSS = """<style>
.tqrs-ticket {font-size: 0.92rem; line-height: 1.5;}
.tqrs-ticket h4 {font-size: 0.8rem; text-transform: uppercase; letter-spacing: .04em;
  color: #57606a; margin: 0.9rem 0 0.2rem 0;}
.tqrs-ticket .text {background: #f6f8fa; border: 1px solid #d8dee4; border-radius: 6px;
  padding: 0.5rem 0.7rem; white-space: normal; word-wrap: break-word;}
.tqrs-ticket mark {background: #fff3b0; border-bottom: 2px solid #e3b341; padding: 0 1px;}
.tqrs-ticket table {border-collapse: collapse; font-size: 0.85rem;}
.tqrs-ticket td {padding: 1px 10px 1px 0; vertical-align: top;}
.tqrs-ticket td.k {color: #57606a; white-space: nowrap;}
</style>"""


def option_text(label: str, description: str) -> str:
    """A score option as the override picker lists it: the label and its description,
    shortened at a word (never cut mid-word) past 60 characters, so that an option fits the
    picker's list (about 66 characters wide in the criterion's column)."""
    return f"{label} · {textwrap.shorten(description, 60, placeholder=' …')}"


def ticket_fields_html(review: TicketReview, carried: set[str] | None = None) -> str:
    """The ticket's fields and texts as escaped HTML with every criterion's evidence marked,
    a password written in clear shown as the evidence shows it, "[redacted]" (tqrs.masking);
    a text its export has no column for reads "(not in the export)", as its criteria do,
    a blank one "(empty)" (`carried`: the fields of the ticket's file, None when unknown)."""
    t = review.ticket
    secrets = ticket_secrets(t)
    quotes = [v.effective.evidence for v in review.criteria if v.effective.evidence]
    meta = "".join(
        f'<tr><td class="k">{label}</td>'
        f"<td>{html_text(reference_text(str(getattr(t, name) or '')) or '–')}</td></tr>"
        for name, label in META_FIELDS
    )
    parts = [_CSS, '<div class="tqrs-ticket">', f"<table>{meta}</table>"]
    for name, label in FREE_TEXT_LABELS.items():
        text = mask_text(getattr(t, name) or "", secrets)
        missing = "(not in the export)" if carried is not None and name not in carried else ""
        body = highlight_html(text, quotes) if text else f"<em>{missing or '(empty)'}</em>"
        parts.append(f'<h4>{label}</h4><div class="text">{body}</div>')
    parts.append("</div>")
    return "".join(parts)


def render_ticket_detail(store, run_id: int, review: TicketReview, label: str = "") -> None:
    """The ticket's detail; `label` names it as the table does (for a number the run holds
    twice, with what tells the copies apart)."""
    eff, t = review.effective, review.ticket
    with st.container(border=True):
        head, actions = st.columns([3, 1])
        with head:
            summary = heading_text(t.short_description or "(no short description)")
            st.subheader(f"{md(t.number)} · {md(summary)}", anchor=False)
            if label and label != t.number:
                st.caption(md(label), help="Another ticket of this run has the same number.")
            if eff.status == "failed":
                st.badge("could not grade", color="red")
                st.caption(md(eff.error or ""))
            else:
                render_band(eff.band, eff.verdict, review.rubric)
                pct = f"{eff.percent:.1f}%" if eff.percent is not None else "n/a"
                changed = (
                    ""
                    if eff.score == review.original.score
                    else f" (scored {review.original.score:g} before overrides)"
                )
                st.markdown(
                    f"**{eff.score:g} / {eff.max_points}** points · {pct}{changed}"
                    + (" · **auto-fail**" if eff.auto_fail else "")
                )
                st.caption(
                    points_judged_text(eff.max_points, review.rubric.max_points),
                    help="The points of the criteria judged (not N/A, not missing from the "
                    "export) of the rubric's maximum; under the rubric's min_judged_percent "
                    f"({review.rubric.parameters.min_judged_percent:g} %) a ticket is too "
                    "little to judge.",
                )
        with actions:
            _render_reviewed(store, run_id, review)
            _render_holder(store, run_id, t.id)
        left, right = st.columns([5, 6])
        with left:
            carried = fields_carried(store, t.session_id).get(t.file_position)
            st.html(ticket_fields_html(review, carried))
        with right:
            for view in review.criteria:
                _render_criterion(store, run_id, review, view)
        render_similar(store, review)
        _render_exchanges(store, run_id, t.id)
        if review.history:
            titles = {c.id: c.title for c in review.rubric.criteria}
            with st.expander(f"Override history ({len(review.history)})"):
                st.dataframe(
                    [
                        {
                            "Criterion": titles.get(h["criterion_id"], h["criterion_id"]),
                            "Was": h["original_option"] or "",
                            "Set to": h["new_option"] or "",
                            "Note": h["note"] or "",
                            "By": h["reviewer"] or "",
                            "When (UTC)": h["created_at"],
                        }
                        for h in review.history
                    ],
                    hide_index=True,
                )


def _render_exchanges(store, run_id: int, ticket_id: int) -> None:
    """What the model was asked about this ticket and what it answered, as stored."""
    exchanges = ticket_exchanges(store, run_id, ticket_id)
    if not exchanges:
        return
    with st.expander(f"Exchanges with the model ({len(exchanges)})", icon=":material/forum:"):
        for x in exchanges:
            status = f"{x['status']} {x['http_status'] or ''}".strip()
            request_id = f" · request id {md(x['request_id'])}" if x["request_id"] else ""
            st.caption(
                f"{x['started_at']:%Y-%m-%d %H:%M:%S} UTC · {md(x['model'])} · {md(status)} · "
                f"{x['latency_ms']:.0f} ms · {x['tokens_in']:,} in / {x['tokens_out']:,} out"
                f"{request_id}"
            )
            sent = [m for m in x["request"]["messages"] if m.get("role") != "system"]
            st.code(
                "\n\n".join(f"[{m['role']}]\n{m.get('content') or ''}" for m in sent),
                language=None,
                wrap_lines=True,
            )
            if x["reply"]:
                st.code(x["reply"], language=None, wrap_lines=True)
        st.caption(
            f"System message, the same for every ticket (sha256 {exchanges[0]['system_hash'][:12]})"
        )
        st.code(exchanges[0]["system"] or "", language=None, wrap_lines=True)


def _render_reviewed(store, run_id: int, review: TicketReview) -> None:
    """The reviewed mark, and the button that sets or clears it. The button's callback gets
    the mark this render shows (`seen`, bound now): the store refuses the write when another
    mark was made since, and the refusal is shown here."""
    tid = review.ticket.id
    seen = review.reviewed["reviewed_at"] if review.reviewed else None
    if problem := st.session_state.pop(f"review_mark_error_{tid}", None):
        error(problem)
    if review.reviewed:
        st.success(
            f"Reviewed by {md(review.reviewed['reviewer'])} · "
            f"{review.reviewed['reviewed_at']:%Y-%m-%d %H:%M} UTC",
            icon=":material/task_alt:",
        )
        st.button(
            "Clear reviewed mark",
            key=f"review_unmark_{tid}",
            on_click=_mark,
            args=(store, run_id, tid, False, seen),
        )
    else:
        st.button(
            "Mark reviewed",
            type="primary",
            icon=":material/task_alt:",
            key=f"review_mark_{tid}",
            on_click=_mark,
            args=(store, run_id, tid, True, seen),
        )


def _mark(store, run_id: int, ticket_id: int, reviewed: bool, seen) -> None:
    try:
        mark_reviewed(store, run_id, ticket_id, person().id if reviewed else None, seen=seen)
    except TqrsError as e:
        st.session_state[f"review_mark_error_{ticket_id}"] = str(e)


def _render_holder(store, run_id: int, ticket_id: int) -> None:
    """Who holds the ticket (assigned or claimed), or a button to claim it (refused, with
    whose it is, when someone took it since this render)."""
    if problem := st.session_state.pop(f"review_claim_error_{ticket_id}", None):
        error(problem)
    held = holders(store, run_id, [ticket_id]).get(ticket_id)
    if held:
        how = (
            "claimed"
            if held["assigned_by"] == held["analyst"]
            else f"assigned by {md(held['assigned_by'])}"
        )
        st.caption(f"Held by {md(held['analyst'])} · {how}")
    else:
        st.button(
            "Claim",
            icon=":material/pan_tool:",
            key=f"review_claim_{ticket_id}",
            on_click=_claim,
            args=(store, run_id, ticket_id),
        )


def _claim(store, run_id: int, ticket_id: int) -> None:
    try:
        claim_ticket(store, run_id, ticket_id, person().id)
    except TqrsError as e:
        st.session_state[f"review_claim_error_{ticket_id}"] = str(e)


def _render_criterion(store, run_id: int, review: TicketReview, view: CriterionView) -> None:
    c, o = view.effective, view.original
    criterion = review.rubric.criterion(c.criterion_id)
    if c.status == "evidence_not_found":
        verdict = "evidence not found · to review"
    elif c.status != "scored":
        verdict = status_text(c.status)
    elif not c.applicable:
        verdict = "N/A"
    else:
        verdict = f"{c.option} · {c.points + c.deduction:g}/{c.max_points}"
    icon = (
        ":material/visibility_off:"  # not in export: nothing to judge, nothing lost
        if c.status == "not_assessable"
        else ":material/help:"
        if c.status != "scored"
        else ":material/cancel:"
        if c.failed
        else ":material/check_circle:"
    )
    changed = {"override": " · overridden", "derived": " · re-derived"}.get(view.source, "")
    label = f"{md(c.title)} — {md(verdict)}{changed}"
    key = f"{review.ticket.id}_{c.criterion_id}"
    problem = st.session_state.pop(f"review_override_error_{key}", None)
    with st.expander(label, expanded=c.failed or bool(view.source) or bool(problem), icon=icon):
        if problem:
            error(problem)
        st.caption(
            METHODS.get(o.method, f"Scored by {md(o.method)}")
            + (f" · originally {md(o.option)}" if view.source else "")
        )
        if view.override:
            st.info(
                f"Overridden by {md(view.override['reviewer'])}: {md(view.override['note'])}",
                icon=":material/edit_note:",
            )
        if c.error:
            st.warning(md(c.error))
        if c.evidence:
            st.markdown("**Evidence**")
            quote(c.evidence)
        if c.reasoning:
            st.markdown("**Reasoning**")
            show(c.reasoning)
        if c.coaching:
            st.markdown("**Coaching**")
            show(c.coaching)
        if c.citations:
            st.markdown("**Sources**")
            show(" · ".join(c.citations))
        with st.form(key=f"review_override_{review.ticket.id}_{c.criterion_id}", border=False):
            labels = [opt.label for opt in criterion.options]
            # The whole width: in the criterion's narrow column, a third of it showed
            # "10 · Partly complete: t" (and the description was cut mid-word).
            st.selectbox(
                "Score",
                labels,
                key=f"review_option_{review.ticket.id}_{c.criterion_id}",
                index=labels.index(c.option) if c.option in labels else 0,
                format_func=lambda lbl: option_text(lbl, criterion.option(lbl).description),
            )
            st.text_input(
                "Note",
                key=f"review_note_{review.ticket.id}_{c.criterion_id}",
                placeholder="Why this score: changed, or confirmed as it is",
            )
            # The callback gets the override this render shows (bound now): the store
            # refuses the save when another was made since (tqrs.review.override_criterion).
            st.form_submit_button(
                "Save override",
                icon=":material/save:",
                on_click=_save_override,
                args=(store, run_id, review.ticket.id, c.criterion_id, view.override),
            )


def _save_override(store, run_id: int, ticket_id: int, criterion_id: str, shown) -> None:
    key = f"{ticket_id}_{criterion_id}"
    try:
        override_criterion(
            store,
            run_id,
            ticket_id,
            criterion_id,
            st.session_state[f"review_option_{key}"],
            st.session_state[f"review_note_{key}"],
            person().id,
            seen=shown["id"] if shown else None,
        )
    except TqrsError as e:
        st.session_state[f"review_override_error_{key}"] = str(e)
    else:  # saved: the note is not left for the next change of this criterion
        st.session_state[f"review_note_{key}"] = ""
