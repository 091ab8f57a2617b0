"""The caller's e-mails pasted into a ticket's note: a desk that works by mail pastes the
thread, each message under its header ("From: Jo Pike  Sent: Tue 3 Mar 2026 10:02", or a
quoted reply's "> On Tue 3 Mar, J. Pike wrote:" and its "> " lines). A message whose sender is
the caller is the caller's own words (U4), as a reply in a comment is."""

import re

from tqrs.journal import name_key

# A message's header: the sender after "From:" (up to its address, a "Sent:" on the same line
# or the line's end), or the sender of a quoted reply ("On <date>, <name> wrote:").
_FROM = re.compile(
    r"^\s*>?\s*from:\s*(?P<who>[^<\n]+?)\s*(?:<[^>\n]*>\s*)?(?:\b(?:sent|date):.*)?$",
    re.I,
)
_WROTE = re.compile(r"^\s*>?\s*on\b[^\n]{0,80}?,\s*(?P<who>[^,\n]{2,60}?)\s+wrote:\s*$", re.I)
# A quoted line's marks ("> > "), and the line's spaces.
_QUOTE_MARKS = re.compile(r"^[\s>]+|\s+$")
# A greeting alone on its line, the message's words after it ("Hi Sam,", "Dear Team,").
_GREETING = re.compile(
    r"^\W*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^.!?\n]{0,40}[,!]?$", re.I
)
# The other lines of a header, no words of the message.
_HEADER_FIELD = re.compile(r"^\s*>?\s*(?:sent|date|to|cc|subject|importance):", re.I)


_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof"})


def _is_caller(who: str, caller: frozenset[str]) -> bool:
    """Whether a header's sender is the caller: every part of the name is a part of the
    caller's, or the initial of one ("Dr J. Okafor" for Jane Okafor: a title aside), and one
    part is whole."""
    parts = [p for p in re.findall(r"[a-z]+", who.lower()) if p not in _TITLES]
    if not parts or not caller:
        return False
    initials = {p[0] for p in caller}
    whole = [p for p in parts if p in caller]
    return bool(whole) and all(p in caller or (len(p) == 1 and p in initials) for p in parts)


def caller_mails(text: str, caller: str) -> list[str]:
    """The messages in `text` (an entry) whose sender is `caller`, in the order written: the
    lines under the header up to a blank line or the next header (a quoted reply: its "> "
    lines, their marks left out), the header's own fields left out."""
    named = name_key(caller)
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        m = _FROM.match(line) or _WROTE.match(line)
        if m is None or not _is_caller(m["who"], named):
            continue
        body = []
        for rest in lines[i + 1 :]:
            if _FROM.match(rest) or _WROTE.match(rest):
                break
            rest = _QUOTE_MARKS.sub("", rest)
            if _HEADER_FIELD.match(rest):
                continue
            if not rest:
                if body and not (len(body) == 1 and _GREETING.match(body[0])):
                    break
                continue
            body.append(rest)
        if body:
            out.append(" ".join(body))
    return out
