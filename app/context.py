"""The analyst's context: the session, the run, Review's filters and the open ticket, kept across
page changes and reloads, and written to the URL so that a link to a ticket can be shared.

Two things lose it otherwise: Streamlit forgets a widget's value as soon as a page that does
not draw that widget runs, and a reload starts a new browser session. So each bound widget is
seeded, just before it is drawn, from the URL when the URL changed under the page (a reload, a
shared link) and otherwise from the kept context (in session state, which outlives page
changes); once drawn, its value is written back to both. The sidebar's links and
st.switch_page drop the query parameters: the kept context carries them from page to page.

Query parameters (a contract: links are shared):
    session, run, ticket    ids (a run sets its session; a ticket opens on Review)
    q                       Review's search text
    verdict                 pass | fail | too_little
    band, agent, group, category   repeated, one value each
    failed                  a criterion id (tickets that failed it)
    score                   LO-HI (percent)
    sort, desc              the sort column; desc=1 for descending
    reviewed                yes | no
    page                    the table's page
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

_KEPT = "context_kept"  # param -> its values, as last chosen on any page
_WRITTEN = "context_written"  # param -> its values, as this session last wrote them to the URL


@dataclass(frozen=True)
class Param:
    """A query parameter bound to widgets: `parse` reads its values (ValueError when they are
    not valid), `dump` writes a widget's value; the default is left out of the URL."""

    name: str
    parse: Callable[[list[str]], Any]
    dump: Callable[[Any], list[str]]
    default: Any = None


def _one(cast: Callable[[str], Any]) -> Callable[[list[str]], Any]:
    def parse(values: list[str]) -> Any:
        if len(values) != 1:
            raise ValueError("one value expected")
        return cast(values[0])

    return parse


def _optional(value: Any) -> list[str]:
    return [] if value is None or value == "" else [str(value)]


def _range(value: str) -> tuple[int, int]:
    low, _, high = value.partition("-")
    low, high = int(low), int(high)
    if not 0 <= low <= high <= 100:
        raise ValueError(value)
    return low, high


# verdict in the URL -> the Review filter's label (tqrs.scoring's verdicts)
VERDICTS = {"pass": "Pass", "fail": "Fail", "too_little": "Too little to judge"}
# links shared before a verdict was renamed still open its filter (migration 18)
_RENAMED_VERDICTS = {"not_assessable": "too_little"}
SESSION = Param("session", _one(int), _optional)
RUN = Param("run", _one(int), _optional)
TICKET = Param("ticket", _one(int), _optional)
TEXT = Param("q", _one(str), _optional, "")
VERDICT = Param(
    "verdict",
    _one(lambda v: VERDICTS[_RENAMED_VERDICTS.get(v, v)]),
    lambda v: [] if v is None else [next(k for k, label in VERDICTS.items() if label == v)],
)
BANDS = Param("band", list, list, [])
AGENTS = Param("agent", list, list, [])
GROUPS = Param("group", list, list, [])
CATEGORIES = Param("category", list, list, [])
FAILED = Param("failed", _one(str), _optional, "")
SCORE = Param("score", _one(_range), lambda v: [f"{v[0]}-{v[1]}"], (0, 100))
SORT = Param("sort", _one(str), _optional, "number")
DESCENDING = Param("desc", _one(lambda v: {"1": True}[v]), lambda v: ["1"] if v else [], False)
REVIEWED = Param(
    "reviewed",
    _one(lambda v: {"yes": "Reviewed", "no": "Not reviewed"}[v]),
    lambda v: [] if v is None else ["yes" if v == "Reviewed" else "no"],
)
PAGE = Param("page", _one(int), lambda v: [] if v in (None, 1) else [str(v)], 1)


def _state(name: str) -> dict[str, list[str]]:
    return st.session_state.setdefault(name, {})


def seed(param: Param, key: str, valid: Callable[[Any], bool] = lambda _: True) -> None:
    """Before the widget `key` is drawn: its value from the URL when the URL changed under the
    page, else from the kept context when the widget has none (a page change forgot it).
    Values that do not parse or are not `valid` (a run since deleted) are ignored."""
    if url := _changed_url(param):
        source = url
    elif key not in st.session_state and param.name in _state(_KEPT):
        source = _state(_KEPT)[param.name]
    else:
        return
    try:
        value = param.parse(source) if source else param.default
    except (ValueError, KeyError):
        return
    if value is not None and not valid(value):
        return
    st.session_state[key] = value


def _changed_url(param: Param) -> list[str]:
    """The URL's values of `param` when the URL changed under the page (a reload, a shared
    link), else none: the URL as this session wrote it."""
    url = st.query_params.get_all(param.name)
    return url if url != _state(_WRITTEN).get(param.name) else []


def linked(param: Param) -> Any:
    """The value of `param` a URL changed under the page names (a reload, a shared link), or
    None: the URL as this session wrote it, no value, or one that does not parse."""
    if not (url := _changed_url(param)):
        return None
    try:
        return param.parse(url)
    except (ValueError, KeyError):
        return None


def keep(param: Param, value: Any) -> None:
    """After the widget is drawn: its value kept for the other pages and written to the URL."""
    values = param.dump(value)
    _state(_KEPT)[param.name] = values
    _state(_WRITTEN)[param.name] = values
    if values and value != param.default:
        st.query_params[param.name] = values if len(values) > 1 else values[0]
    else:
        st.query_params.pop(param.name, None)


def kept(param: Param) -> Any:
    """The kept value of `param` (None when there is none or it does not parse)."""
    values = _state(_KEPT).get(param.name)
    if not values:
        return None
    try:
        return param.parse(values)
    except (ValueError, KeyError):
        return None


def set_kept(param: Param, value: Any) -> None:
    """Choose a value for the next page that draws `param` (before st.switch_page)."""
    _state(_KEPT)[param.name] = param.dump(value)


def forget(param: Param) -> None:
    """Drop `param` from the kept context and the URL (a ticket closed)."""
    _state(_KEPT).pop(param.name, None)
    _state(_WRITTEN).pop(param.name, None)
    st.query_params.pop(param.name, None)
