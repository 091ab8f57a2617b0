"""The only way untrusted text reaches a page: tickets, names of agents, groups, sessions and
files, document headings, rubric titles, analysts' notes, error messages that quote any of
these, and whatever an LLM wrote.

Streamlit renders Markdown in far more places than `st.markdown` (checked in Chromium on
Streamlit 1.67): `st.markdown`, `st.write` of a string, `st.caption`, `st.title`/`subheader`,
`st.info`/`success`/`warning`/`error`, `st.toast`, `st.spinner`, `st.progress` text, labels of
every widget, `st.expander` and `st.tabs` labels, `st.metric` labels *and values*, radio, pills
and segmented-control options and `st.badge` (links only, and backslash escapes shown as is).
An image there (`![x](http://...)`) is fetched as soon as the page shows it, a link is one click
from anywhere, and bare URLs and e-mail addresses become links by themselves (GFM autolinks).
Plain text, never Markdown: selectbox and multiselect options, `st.dataframe` cells (without
Link/Markdown columns), `st.text`, `st.code`, and `st.html` of escaped text.

So untrusted text goes through one of these:
- `show(text)`: a block of text (reasoning, coaching, passages), escaped HTML, line breaks kept;
- `quote(text)`: the same, set off as a quotation (evidence);
- `html_text(text)`: escaped for an `st.html` block composed of several pieces (the ticket);
- `md(text)`: a piece of a Markdown string (messages, captions, labels): every ASCII punctuation
  mark backslash-escaped (CommonMark shows the character itself), and the autolink triggers
  (`scheme:`, `www.`, `@`) broken by an invisible WORD JOINER (U+2060);
- `error(message)`: `st.error` of a message that quotes any of these (every TqrsError);
- `badge_text(text)`: a badge label, which ignores escapes: the characters Markdown acts on
  left out, autolinks broken.
`md`, `html_text` (so `show` and `quote`) and the selectbox labels of sessions, runs and tickets
set text holding direction controls (an RLO in a name) in an isolate (tqrs.display.isolate_bidi),
so it turns nothing around it; the HTML reports do the same for every value.
Plotly reads a subset of HTML in its labels: figures escape theirs in the core
(tqrs.reports.charts.plotly_label)."""

import html
import re

import streamlit as st

from tqrs.display import isolate_bidi
from tqrs.errors import ConfigError

WORD_JOINER = "\u2060"
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
_AUTOLINK = re.compile(r"(?<=[A-Za-z])(?=\\:)|(?=\\@)|(?i:(?<=www)(?=\\\.))")
_VARIABLE = re.compile(r"\b(?:OPENAI|TQRS|BATCH|LOG)_[A-Z_]+\b")  # an environment variable
_BADGE_MARKUP = re.compile(r"[\[\]()<>*_~`$\\|!#&]")


def md(text: object) -> str:
    """`text` for a Markdown string: shown exactly as written (on one line), nothing in it
    rendered: no image, link, emphasis, heading, list, HTML, icon or colour."""
    # One line, trimmed: a line break would start a block, and a line that starts with a tab
    # or four spaces would be code.
    line = isolate_bidi(" ".join(str(text).splitlines()).strip())  # no RLO turns the rest
    escaped = _PUNCTUATION.sub(r"\\\1", line)
    return _AUTOLINK.sub(WORD_JOINER, escaped)


def html_text(text: object) -> str:
    """`text` escaped for HTML, to compose an `st.html` block (the ticket with its evidence
    marked)."""
    return html.escape(isolate_bidi(str(text)))


def quote(text: object) -> None:
    """A quotation (the judge's evidence) as text, set off like a block quote."""
    st.html(
        '<blockquote style="margin:0;padding-left:.6rem;border-left:3px solid #e3b341;'
        f'color:#24292f;white-space:pre-wrap">{html_text(text)}</blockquote>'
    )


def show(text: object, small: bool = True) -> None:
    """A block of untrusted text as text: escaped HTML, line breaks kept, nothing rendered."""
    size = "font-size:.9rem;" if small else ""
    st.html(
        f'<div style="{size}line-height:1.45;white-space:pre-wrap;overflow-wrap:anywhere">'
        f"{html_text(text)}</div>"
    )


def error(message: object, *, admin: bool = False, **kwargs) -> None:
    """An error message (a TqrsError's text names files, records, settings: untrusted). Off
    the admin's pages, a setup error that names an environment variable is said in plain
    words, the variable kept for the administrator in a details box."""
    if not admin and isinstance(message, ConfigError) and _VARIABLE.search(str(message)):
        st.error(
            "Part of the workbench's setup is missing or wrong, so this cannot be done. Ask "
            "the administrator to check the Settings page.",
            **kwargs,
        )
        with st.expander("Details for the administrator"):
            st.code(str(message), language=None, wrap_lines=True)
        return
    st.error(md(message), **kwargs)


def badge_text(text: object) -> str:
    """A badge label (badges render links and show backslash escapes as they are): the
    characters Markdown acts on are left out, a colon that is not followed by a space (a
    scheme, an icon, a model tag) becomes a ratio sign, and `www.` and `@` are broken."""
    kept = _BADGE_MARKUP.sub("", str(text))
    kept = re.sub(r":(?!\s)", "\u2236", kept)
    return re.sub(r"(?i)(?<=www)(?=\.)|(?=@)", WORD_JOINER, kept)
