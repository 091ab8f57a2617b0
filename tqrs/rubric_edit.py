"""Editing a copy of a rubric: the draft a form changes, and its check.

A draft is the rubric's JSON as plain data (what `tqrs rubrics --check` reads) with three
additions the form needs: each criterion's `enabled` (a criterion switched off is left out),
and the label each option and the name each band had when the copy was made (`was`), so that
a renamed option keeps the outcomes mapped to it and a renamed band stays the fail band.

`check_draft` validates the rubric the draft makes with the very model `tqrs rubrics --check`
uses (tqrs.rubric.Rubric), and reports every problem at the field at fault: its path in the
draft (`("criteria", 2, "options", 1, "points")`, `("pass_threshold",)`), so a form shows it
beside that field, and a message that names the field as the CLI does."""

import copy
import json
import re
from dataclasses import dataclass

from pydantic import ValidationError

from tqrs.rubric import Rubric

Path = tuple[str | int, ...]
# The fields a model-level check names at the start of its message ("max_points: ..."),
# by the model it runs on.
_NAMED = {
    "rubric": {"criteria", "max_points", "pass_threshold", "bands", "fail_band"},
    "criterion": {"rule", "options", "outcomes", "inputs"},
    "parameters": {"critical_processes", "validation_required_for", "required_fields"},
    "short_description": {"parts"},
}
_LEADING_FIELD = re.compile(r"^([a-z_]+)(?:\[\d+\])?: ")


@dataclass(frozen=True)
class FieldError:
    """A problem of a draft: `path` is the field at fault in the draft, `message` names it."""

    path: Path
    message: str


def new_draft(rubric: Rubric) -> dict:
    """A copy of `rubric` to edit (see the module docstring)."""
    draft = json.loads(rubric.model_dump_json(exclude_none=True))
    for c in draft["criteria"]:
        c["enabled"] = True
        for o in c["options"]:
            o["was"] = o["label"]
    for b in draft["bands"]:
        b["was"] = b["name"]
    return draft


def rubric_data(draft: dict) -> dict:
    """The rubric file the draft makes: criteria switched off left out, the outcomes mapped
    to a renamed option and a renamed fail band following the new names."""
    data = copy.deepcopy(draft)
    data["criteria"] = [c for c in data["criteria"] if c.pop("enabled", True)]
    for c in data["criteria"]:
        renamed = {o.pop("was", o["label"]): o["label"] for o in c["options"]}
        if c.get("outcomes"):
            c["outcomes"] = {k: renamed.get(v, v) for k, v in c["outcomes"].items()}
    bands = {b.pop("was", b["name"]): b["name"] for b in data["bands"]}
    if data.get("fail_band") is not None:
        data["fail_band"] = bands.get(data["fail_band"], data["fail_band"])
    return data


def criteria_total(draft: dict) -> int:
    """What the enabled criteria's maximum points add up to (max_points must equal it)."""
    return sum(
        max((o["points"] for o in c["options"] if o["kind"] == "points"), default=0)
        for c in draft["criteria"]
        if c.get("enabled", True)
    )


def check_draft(draft: dict) -> tuple[Rubric | None, list[FieldError]]:
    """The rubric the draft makes, or None and every problem found at its field."""
    data = rubric_data(draft)
    try:
        return Rubric.model_validate_json(json.dumps(data)), []
    except ValidationError as e:
        kept = [i for i, c in enumerate(draft["criteria"]) if c.get("enabled", True)]
        return None, [_field_error(err, data, kept) for err in e.errors()]


def _field_error(err: dict, data: dict, kept: list[int]) -> FieldError:
    loc = list(err["loc"])
    msg = err["msg"].removeprefix("Value error, ")
    model = _model_at(loc)
    named = _LEADING_FIELD.match(msg)
    if named and named.group(1) in _NAMED.get(model, ()):
        loc.append(named.group(1))
        msg = msg[named.end() :]
    elif model == "option":  # "option '10': points options cannot be negative"
        loc.append("points")
    where = ""
    if len(loc) >= 2 and loc[0] == "criteria" and isinstance(loc[1], int):
        index = loc[1]
        cid = data["criteria"][index].get("id") if index < len(data["criteria"]) else None
        where = f"criterion {cid!r}: " if cid else f"criteria[{index}]: "
        loc[1] = kept[index] if index < len(kept) else index
    field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in _shown(loc))
    return FieldError(tuple(loc), f"{where}{field.lstrip('.')}: {msg}")


def _shown(loc: list) -> list:
    """The part of a path the message names after the criterion."""
    return loc[2:] if len(loc) >= 2 and loc[0] == "criteria" else loc


def _model_at(loc: list) -> str:
    if loc[:1] == ["criteria"] and len(loc) == 2:
        return "criterion"
    if loc[:1] == ["criteria"] and len(loc) == 4 and loc[2] == "options":
        return "option"
    if loc == ["parameters"]:
        return "parameters"
    if loc == ["parameters", "short_description"]:
        return "short_description"
    return "rubric" if not loc else "field"


def value_at(draft: dict, path: Path):
    """The draft's value at `path`."""
    node = draft
    for part in path:
        node = node[part]
    return node


def set_value(draft: dict, path: Path, value) -> None:
    """Set the draft's value at `path`."""
    value_at(draft, path[:-1])[path[-1]] = value


def slot_of(path: Path, slots) -> Path:
    """The nearest path at or above `path` that is in `slots` (a form shows an error there
    when the field at fault has no input of its own: an option list, the outcomes); `()`
    must be in it."""
    while path not in slots:
        path = path[:-1]
    return path
