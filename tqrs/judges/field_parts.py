"""A note written as a template's fields, read by its labels before its lines are read as
steps. Some desks write every note as the same fields ("Action taken: ... / Result: ... /
Next step: ..."), on one line each or as a heading with the lines under it ("Steps
Performed:" then a rule of asterisks and the list). The label takes the place where a line
tells what it is (a verb done, a plan, a result), so each field is read by its label
(LABELLING.md, troubleshooting audit rules 1, 2 and 6: each check with its finding, each
change with its result; a plan or a promise is no step):

- an action field ("Action taken:", "Actions:", "Steps performed:", "Work done:", "Done:"):
  its value is a line of the record, read as any other;
- a result field ("Result:", "Outcome:"): what the action before it gave, read on that
  action's line as a sentence after it ("Reseated the cable." then "Result: link up." is
  "Reseated the cable. link up.", the readers' check and its finding, a change and its
  effect, a call and its "no answer"); alone, with no action before it in the note, or after
  the caller's validation ("Result: Approved."), it reports nothing done and is no step; a
  result still to come ("Result: caller will try later") is none yet;
- a plan field ("Next step:", "Next action:", "Plan:", "Action plan:", "Outstanding:", "To
  do:", a shift's "Handover:" or "Handover to days:"): work still to do or left to the next
  shift, no step, with the lines under it when it heads a section;
- a state field ("Shift:", "Status:"): the shift written on or the ticket's state, no step
  (audit rule 1);
- a note's generic label ("Notes:", "Note:"): it tells nothing of what the line is, read off
  (the value is read as the line: "Notes: working on it" is a placeholder as "working on it"
  is).

A hand-over written as one line of labelled fields between bars ("Shift: nights | Status: WIP |
Done: ... | Outstanding: ...") is read field by field, one to a line, as the form's own lines:
it is no table, whose first row would be a heading and whose cells would be a check and its
result.

A value of "-", "N/A" or "none" is an empty field; a label alone heads a section, the lines
under it (after any blank line) up to a blank line."""

import re

from tqrs.judges.signals import records_validation
from tqrs.judges.step_parts import no_step_of_record

_LABEL = re.compile(
    r"^[ \t]*(?:[-*\u2022][ \t]*)?(?P<label>"
    r"(?P<action>actions?(?: taken)?|steps? (?:performed|taken|done)|work (?:done|performed)|"
    r"done)"
    r"|(?P<result>results?|outcome)"
    r"|(?P<plan>next (?:steps?|actions?)|(?:action )?plan|outstanding|to ?do|"
    r"hand-?over(?: to [a-z]+)?)"
    r"|(?P<state>shift|status))"
    r"[ \t]*:-?[ \t]*(?P<value>.*)$",
    re.I,
)
# An empty field's value, or a rule of marks under a heading ("*******").
_EMPTY = re.compile(r"^\W*(?:n/?a|none|nil)?\W*$", re.I)
# A result that is still to come: no result yet ("caller will try after the queue",
# "awaiting reply", "pending approval").
_TO_COME = re.compile(
    r"\b(?:will|shall|going to|to be|awaiting|waiting|pending|tbc|tbd)\b|'ll\b", re.I
)


# A line of labelled fields between bars: each cell opens with a short label and a colon.
_BAR = re.compile(r"[ \t]+\|[ \t]*|[ \t]*\|[ \t]+")
_CELL_LABEL = re.compile(r"^[^\W\d][\w '/-]{0,30}:(?:\s|$)")
_MIN_FIELDS = 2
# A note's generic label opening a line ("Notes: ...").
_GENERIC_LABEL = re.compile(r"^([ \t]*)notes?[ \t]*:[ \t]*(?=\S)", re.I | re.M)


def _fields_one_to_a_line(text: str) -> str:
    """`text` with each line of labelled fields between bars written one field to a line."""
    if "|" not in text:
        return text
    lines = []
    for line in text.split("\n"):
        cells = [c.strip() for c in _BAR.split(line.strip()) if c.strip()]
        if len(cells) >= _MIN_FIELDS and all(_CELL_LABEL.match(c) for c in cells):
            lines += cells
        else:
            lines.append(line)
    return "\n".join(lines)


def fields_read(text: str) -> str:
    """`text` with its template's fields read by their labels (see the module's docstring):
    an action's label read off, a result written after its action on that action's line
    (what the action gave, read with it), a plan left out with its section, an empty field
    left out. A text with no result or plan field is returned as it is (an action's label
    alone is the form's heading, read elsewhere)."""
    if ":" not in text:
        return text
    text = _GENERIC_LABEL.sub(r"\1", _fields_one_to_a_line(text))
    lines = text.split("\n")
    matches = [_LABEL.match(x) for x in lines]
    if not any(m and (m["result"] or m["plan"]) for m in matches):
        return text
    out: list[str] = []
    section = None  # the kind of field whose heading (a label alone) the lines below are of
    opened = False  # a heading read, none of its lines yet (blank lines may come first)
    action = None  # the index in `out` of the action a result reports
    for line, m in zip(lines, matches, strict=True):
        if m is None:
            if not line.strip():
                if not opened:
                    section = action = None  # a blank line ends a heading's section
            elif section == "plan":
                opened = False
                continue  # a line of the plan's section
            elif section == "action" and not _EMPTY.match(line):
                opened, action = False, len(out)
            out.append(line)
            continue
        value = m["value"].strip()
        empty = _EMPTY.match(value) is not None
        if m["state"]:
            continue  # the shift or the ticket's status: no step (audit rule 1)
        kind = "plan" if m["plan"] else "action" if m["action"] else "result"
        section, opened = (kind, True) if empty else (None, False)
        if kind == "result" and action is not None and not empty and _reports(out[action], value):
            done = out[action].rstrip()
            out[action] = f"{done}{'' if done[-1] in '.;!?' else '.'} {value}"
        action = None
        if kind == "action" and not empty:
            action = len(out)
            out.append(value)
    return "\n".join(out)


def _reports(action: str, result: str) -> bool:
    """Whether `result` is what `action` gave: a result written, not still to come
    (_TO_COME), of an action of the troubleshooting, not of the caller's validation nor of a
    contact ("Caller validated by call-back ..." or "Rang the depot back ..." then "Result:
    Approved.")."""
    return not (_TO_COME.search(result) or records_validation(action) or no_step_of_record(action))
