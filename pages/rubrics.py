import pandas as pd
import streamlit as st

from app.people import person
from app.resources import get_embedder, get_store
from app.rubric_view import render_rubric
from app.untrusted import error, md
from app.widgets import select_session
from tqrs.display import plural
from tqrs.errors import TqrsError
from tqrs.rubric_edit import (
    FieldError,
    check_draft,
    criteria_total,
    new_draft,
    set_value,
    slot_of,
    value_at,
)
from tqrs.rubric_parameters import PROCESS_IDS, REQUIRED_FIELD_IDS
from tqrs.rubric_preview import SAMPLE, preview_rubric
from tqrs.rubric_versions import (
    current_rubric,
    current_rubrics,
    export_json,
    import_json,
    rubric_versions,
    save_version,
)
from tqrs.store.sessions import list_sessions

st.title("Rubrics")
store = get_store()
who = person()
for name, default in (("rubrics_draft", None), ("rubrics_base", None), ("rubrics_gen", 0)):
    st.session_state.setdefault(name, default)

try:
    rubrics = {r.id: r for r in current_rubrics(store)}
except TqrsError as e:
    error(e)
    st.stop()
if saved := st.session_state.pop("rubrics_saved", None):
    st.success(md(saved), icon=":material/check_circle:")

for key in ("rubrics_pick", "rubrics_version"):  # chosen by a save, before the widgets exist
    if (pending := st.session_state.pop(f"{key}_next", None)) is not None:
        st.session_state[pending[0]] = pending[1]
rubric_id = st.selectbox(
    "Rubric", list(rubrics), format_func=lambda i: rubrics[i].name, key="rubrics_pick"
)
versions = rubric_versions(store, rubric_id)
st.dataframe(
    pd.DataFrame(
        [
            {
                "Version": v.rubric.version,
                "Source": v.source,
                "Edited from": v.saved.based_on if v.saved else "",
                "Current": "yes" if i == len(versions) - 1 else "",
            }
            for i, v in enumerate(versions)
        ]
    ),
    hide_index=True,
)
version_key = f"rubrics_version_{rubric_id}"
if st.session_state.get(version_key) not in range(len(versions)):
    st.session_state[version_key] = len(versions) - 1  # the current version
shown_version = st.selectbox(
    "Version", range(len(versions)), format_func=lambda i: versions[i].rubric.version,
    key=version_key,
)  # fmt: skip
chosen = versions[shown_version].rubric
render_rubric(chosen, "rubrics_show_rubric", shown=True)
left, right = st.columns(2)
left.download_button(
    "Export as JSON",
    export_json(chosen),
    file_name=f"{chosen.id}-{chosen.version}.json",
    mime="application/json",
    icon=":material/download:",
    key="rubrics_export",
)

if not who.may("manager"):
    st.info("Managers and admins edit rubrics; you can read them here.", icon=":material/lock:")
    st.stop()


def _save(rubric, based_on, what) -> None:
    """Save `rubric` as a new version edited from `based_on`; then say so (`what(new)` says
    what was saved), drop the copy and show the new (current) version."""
    try:
        new = save_version(store, rubric, based_on, who.id)
    except TqrsError as e:
        error(e)
        return
    st.session_state["rubrics_saved"] = (
        f"{what(new)}: new runs use it; earlier runs keep the version they were scored with."
    )
    st.session_state["rubrics_draft"] = None
    st.session_state.pop("rubrics_preview", None)
    last = len(rubric_versions(store, new.id)) - 1
    st.session_state["rubrics_version_next"] = (f"rubrics_version_{new.id}", last)
    st.session_state["rubrics_pick_next"] = ("rubrics_pick", new.id)
    st.rerun()


if shown_version != len(versions) - 1 and left.button(
    f"Make v{chosen.version} current again",
    icon=":material/restore:",
    key="rubrics_restore",
    help="Saves this version's content as a new version, so the history keeps every version "
    "and the runs scored with the later ones.",
):
    _save(chosen, chosen, lambda new: f"Restored v{chosen.version} as version {new.version}")


def _start_editing(rubric) -> None:
    st.session_state["rubrics_draft"] = new_draft(rubric)
    st.session_state["rubrics_base"] = rubric
    st.session_state["rubrics_gen"] += 1
    st.session_state.pop("rubrics_preview", None)


right.button(
    "Edit a copy of this version",
    icon=":material/edit:",
    key="rubrics_edit",
    on_click=_start_editing,
    args=(chosen,),
)
upload = st.file_uploader(
    "Import a rubric (the JSON file `tqrs rubrics --check` reads)", type=["json"],
    key="rubrics_import",
)  # fmt: skip
if upload is not None:
    try:
        imported = import_json(upload.getvalue(), upload.name)
    except TqrsError as e:
        error(e)
    else:
        st.button(
            f"Edit the imported rubric ({md(imported.name)} v{md(imported.version)})",
            key="rubrics_edit_imported",
            on_click=_start_editing,
            args=(imported,),
        )

draft = st.session_state["rubrics_draft"]
if draft is None:
    st.stop()

# -- the copy being edited ---------------------------------------------------------------
base = st.session_state["rubrics_base"]
gen = st.session_state["rubrics_gen"]
slots: dict[tuple, object] = {}
st.subheader(f"Editing a copy of {md(base.name)} v{md(base.version)}", anchor=False)
slots[()] = st.empty()


def field(widget, label: str, path: tuple, container=None, **kwargs):
    """An input for the draft's value at `path`, its errors shown right under it."""
    key = f"rubrics_{gen}_" + "_".join(map(str, path))
    with container or st.container():
        if widget is st.multiselect:
            value = widget(label, default=value_at(draft, path), key=key, **kwargs)
        else:
            value = widget(label, value=value_at(draft, path), key=key, **kwargs)
        slots[path] = st.empty()
    set_value(draft, path, value)
    return value


top = st.columns(3)
field(st.text_input, "Name", ("name",), top[0])
field(st.number_input, "Maximum points", ("max_points",), top[1], min_value=1, step=1)
total = top[1].empty()  # filled once every field below has written its value
field(st.number_input, "Pass mark (points)", ("pass_threshold",), top[2], step=1.0)

st.markdown("**Bands** (a ticket takes the highest band whose lower bound its percentage reaches)")
for i, _ in enumerate(draft["bands"]):
    cols = st.columns(3)
    field(st.text_input, "Band", ("bands", i, "name"), cols[0])
    field(st.number_input, "From percent", ("bands", i, "min_percent"), cols[1], step=1.0)
    field(st.text_input, "Meaning", ("bands", i, "label"), cols[2])
slots[("bands",)] = st.empty()

st.markdown("**Parameters** (the organisation's conventions the rules read)")
sd = ("parameters", "short_description")
cols = st.columns(3)
parts = cols[0].text_area(
    "Short-description parts, one a line (the last is the brief description)",
    "\n".join(value_at(draft, (*sd, "parts"))),
    key=f"rubrics_{gen}_parts",
)
set_value(draft, (*sd, "parts"), [p.strip() for p in parts.splitlines() if p.strip()])
with cols[0]:
    slots[(*sd, "parts")] = st.empty()
field(st.number_input, "Longest brief part (characters)", (*sd, "max_brief_chars"), cols[1])
field(st.text_input, "Example short description", (*sd, "example"), cols[2])
cols = st.columns(3)
params = ("parameters",)
field(st.multiselect, "Critical processes", (*params, "critical_processes"), cols[0],
      options=PROCESS_IDS)  # fmt: skip
field(st.multiselect, "Caller validation required before", (*params, "validation_required_for"),
      cols[1], options=PROCESS_IDS)  # fmt: skip
field(st.multiselect, "Required fields", (*params, "required_fields"), cols[2],
      options=REQUIRED_FIELD_IDS)  # fmt: skip
field(st.checkbox, "A set category, subcategory, service or CI must fit the ticket (off where "
      "a criterion of its own judges the fit)", (*params, "fields_must_fit"))  # fmt: skip
judged_at = (*params, "min_judged_percent")  # a float, as the step (a file may hold 50)
set_value(draft, judged_at, float(value_at(draft, judged_at)))
field(st.number_input, "Judged on at least this percent of the maximum points for a pass or "
      "fail verdict (below: too little to judge)", judged_at,
      step=5.0)  # fmt: skip
slots[params] = st.empty()

st.markdown("**Criteria**")
for i, c in enumerate(draft["criteria"]):
    at = ("criteria", i)
    with st.container(border=True):
        method = f"rule {c['rule']}" if c["method"] == "rule" else "judge"
        on = field(st.toggle, f"{md(c['title'])} ({md(method)})", (*at, "enabled"))
        slots[at] = st.empty()
        if not on:
            continue
        field(st.text_input, "Title", (*at, "title"))
        guidance = "LLM guidance" if c["method"] == "llm" else "Guidance (shown to reviewers)"
        field(st.text_area, guidance, (*at, "guidance"), height=90)
        for j, o in enumerate(c["options"]):
            cols = st.columns([1, 1, 4])
            field(st.text_input, "Option label", (*at, "options", j, "label"), cols[0])
            if o["kind"] in ("points", "deduction"):
                field(st.number_input, "Points", (*at, "options", j, "points"), cols[1], step=1)
            else:
                cols[1].caption({"pass": "PASS", "na": "N/A", "fail": "FAIL"}[o["kind"]])
            field(st.text_input, "What it means", (*at, "options", j, "description"), cols[2])


total.caption(f"The criteria in use add up to {criteria_total(draft)} points.")
edited, problems = check_draft(draft)


def _show_errors(problems: list[FieldError]) -> None:
    at_slot: dict[tuple, list[str]] = {}
    for p in problems:
        at_slot.setdefault(slot_of(p.path, slots), []).append(p.message)
    for path, messages in at_slot.items():
        slots[path].error("\n\n".join(md(m) for m in messages), icon=":material/error:")


_show_errors(problems)

# -- preview and save --------------------------------------------------------------------
st.subheader("Preview")
sessions = list_sessions(store)
if not sessions:
    st.caption("Upload a session to preview what the edit would change.")
elif edited is not None:
    session = select_session(sessions, "rubrics_session")
    current = current_rubric(store, edited.id) or base
    st.caption(
        f"The first {SAMPLE} tickets scored with the offline judge, with v{md(current.version)} "
        "(the current version) and with this edit."
    )
    if st.button("Preview", icon=":material/preview:", key="rubrics_preview_go"):
        try:
            with st.spinner("Scoring the sample twice…"):
                found = preview_rubric(
                    store, session.id, current, edited, embedder_factory=get_embedder
                )
            st.session_state["rubrics_preview"] = (export_json(edited), session.id, found)
        except TqrsError as e:
            error(e)
    kept = st.session_state.get("rubrics_preview")
    if kept and kept[0] == export_json(edited) and kept[1] == session.id:
        found = kept[2]
        st.info(md(found.describe()), icon=":material/compare_arrows:")
        if found.changes:
            st.dataframe(pd.DataFrame(found.rows()), hide_index=True)
    elif kept:
        st.caption("Edited since the last preview: preview again.")
else:
    st.caption("The preview is offered once the problems shown above are fixed.")

cols = st.columns([1, 1, 3])
if cols[0].button("Save as a new version", type="primary", icon=":material/save:",
                  key="rubrics_save"):  # fmt: skip
    if edited is None:
        st.error(
            f"Not saved: {plural(len(problems), 'problem')}, shown beside the fields: "
            + md("; ".join(p.message for p in problems)),
            icon=":material/error:",
        )
    else:
        _save(edited, base, lambda new: f"Saved {new.name} as version {new.version}")
if cols[1].button("Discard the copy", icon=":material/delete:", key="rubrics_discard"):
    st.session_state["rubrics_draft"] = None
    st.rerun()
