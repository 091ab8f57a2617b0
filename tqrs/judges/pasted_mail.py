"""The caller's e-mails pasted into a ticket's note: a desk that works by mail pastes the
thread, each message under its header ("From: Jo Pike  Sent: Tue 3 Mar 2026 10:02", or a
quoted reply's "> On Tue 3 Mar, J. Pike wrote:" and its "> " lines). A message whose sender is
the caller is the caller's own words (U4), as a reply in a comment is."""

import re

from tqrs.journal import name_key
from tqrs.rules.mail_header import ENGLISH_FIELDS, FROM, FROM_LINE, WROTE_LINE, one_of

# A quoted line's marks ("> > "), and the line's spaces.
_QUOTE_MARKS = re.compile(r"^[\s>]+|\s+$")
# A greeting alone on its line, the message's words after it ("Hi Sam,", "Dear Team,").
_GREETING = re.compile(
    r"^\W*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^.!?\n]{0,40}[,!]?$", re.I
)
# The other lines of a header (English, quoted or not; "Bcc:" not read), no words of the
# message.
_HEADER_FIELD = re.compile(
    rf"^\s*>?\s*{one_of(x for x in ENGLISH_FIELDS if x not in (FROM, 'bcc'))}:", re.I
)


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
        m = FROM_LINE.match(line) or WROTE_LINE.match(line)
        if m is None or not _is_caller(m["who"], named):
            continue
        body = []
        for rest in lines[i + 1 :]:
            if FROM_LINE.match(rest) or WROTE_LINE.match(rest):
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
