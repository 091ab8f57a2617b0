"""How stored values are shown to people. The store keeps what the export held; a raw export's
references are 32-hex sys_ids, which say nothing to a reader and make every table twice as
wide, so they are shown shortened and named for what they are."""

import re

_SYS_ID = re.compile(r"[0-9a-f]{32}")

# A ticket without an agent (assigned_to) or without a group, wherever one is shown or counted.
UNASSIGNED, NO_GROUP = "(unassigned)", "(no group)"
MISSING = "–"  # a number there is none of (no score, no rate), in every table and report


def reference_text(value: str | None) -> str:
    """An agent, group, caller or CI for display: "sys_id 681b…" for a sys_id (a raw export),
    the name as it is otherwise."""
    if value and len(value) == 32 and _SYS_ID.fullmatch(value):
        return f"sys_id {value[:4]}…"
    return value or ""


# how a file's notice begins when its dates are display values, in the exporter's time zone
DISPLAY_VALUES_NOTICE = "display values ("
UTC_FORMATS = ("json", "xml", "servicenow")  # raw exports and pulls write UTC


def opened_heading(files) -> str:
    """The heading of a session's opened times: "Opened (UTC)" when every file wrote UTC (a
    raw JSON or XML export, a pull), else "Opened (as exported)": a list, Excel or PDF export,
    or display values, writes the time zone of the user who exported it."""
    utc = all(
        f.format in UTC_FORMATS
        and not any(n.startswith(f"{f.name}: {DISPLAY_VALUES_NOTICE}") for n in f.notices)
        for f in files
    )
    return "Opened (UTC)" if utc else "Opened (as exported)"


def article(word: str) -> str:
    """ "a" or "an" before `word` ("an email", "a phone", "an unknown"), by its first letter."""
    return "an" if word[:1].lower() in "aeiou" and word[:1] else "a"


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """ "1 ticket", "2 tickets", "1,200 tickets" (`nouns`: an irregular plural)."""
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"


def rate_text(rate: float | None) -> str:
    """A rate (pass, failure, agreement) as a percentage, one rule on every page, report and
    command: whole percents ("42%"), one decimal under 10% and over 99% ("0.9%", "99.6%")
    where a whole percent would read as none or all; "0%" and "100%" only when exact; "–"
    for no rate."""
    if rate is None:
        return MISSING
    return f"{rate:.{rate_decimals(rate)}%}"


def rate_decimals(rate: float) -> int:
    """The decimals of a percent rate_text shows (0 or 1); the Excel report formats its rate
    cells by it."""
    return 0 if rate in (0, 1) or 0.1 <= rate <= 0.99 else 1


def named(name: str) -> str:
    """An agent or group as a sentence names it: "Unassigned tickets" and "Tickets without a
    group" for the placeholders tables show (UNASSIGNED, NO_GROUP), the name otherwise."""
    return {UNASSIGNED: "Unassigned tickets", NO_GROUP: "Tickets without a group"}.get(name, name)


def in_group(name: str, group: str | None) -> str:
    """An agent named with their group without doubled brackets: "Ann A (Service Desk)",
    "Ann A, no group", "Unassigned tickets (Service Desk)", "Unassigned tickets, no group"."""
    who = named(name)
    return f"{who}, no group" if not group or group == NO_GROUP else f"{who} ({group})"


# A criterion's status as people read it (reports, pages); "scored" shows its option instead.
STATUS_TEXT = {
    "unscored": "could not grade",
    "not_assessable": "not in export",
    "evidence_not_found": "evidence not found",
}


def ungraded_note(graded: int, not_in_export: int, not_applicable: int) -> str:
    """What a criterion's row says when no ticket was graded on it, instead of bare zeros that
    read like a missing figure: "N/A on every ticket" (it applied to none), "not in export on
    every ticket", or both; "" when some ticket was graded on it (or there were none)."""
    if graded:
        return ""
    return {
        (True, False): "N/A on every ticket",
        (False, True): "not in export on every ticket",
        (True, True): "N/A or not in export on every ticket",
    }.get((not_applicable > 0, not_in_export > 0), "")


# What the figures of a set of tickets mean (tqrs.store.figures), as pages and reports explain
# them: one wording beside every pass rate, mean score and too-little count.
FIGURE_HELP = {
    "pass_rate": "Of the tickets with a verdict (pass or fail): those too little to judge are "
    "left out.",
    "mean_percent": "The mean score of the tickets with a verdict: those too little to judge "
    "are left out.",
    "too_little": "Scored tickets judged on less than the rubric's min_judged_percent of its "
    "points (the rest not in the export or N/A): neither pass nor fail, left out of the pass "
    "rate and the mean score.",
}


def no_verdict_note(judged: int, too_little: int) -> str:
    """What stands where a pass rate and a mean score cannot be computed (no ticket with a
    verdict): "no verdict (3 too little to judge)", "no verdict" (none scored); "" when some
    ticket has a verdict."""
    if judged:
        return ""
    if too_little:
        return f"no verdict ({too_little:,} too little to judge)"
    return "no verdict"


def mean_text(percent: float | None) -> str:
    """A mean score as pages and the CLI show it: one decimal, "80.9%"; "–" for none."""
    return MISSING if percent is None else f"{percent:.1f}%"


def verdict_text(status: str, verdict: str | None, auto_fail: bool) -> str:
    """A ticket's verdict as shown in reports and pages: "pass", "fail", "auto-fail", "too
    little to judge" (tqrs.scoring.verdict_of), "–" for a ticket not graded."""
    if status != "scored":
        return "–"
    if verdict == "too_little":
        return "too little to judge"
    if verdict == "pass":
        return "pass"
    return "auto-fail" if auto_fail else "fail"


def points_judged_text(judged_points: float, rubric_max: int, *, words: bool = True) -> str:
    """How much of the rubric a scored ticket was judged on: the maximum of its applicable
    criteria of the rubric's full maximum, "20 of 120 points judged" (tqrs.scoring); "20 of
    120" without `words`, under a column headed "Judged"."""
    text = f"{judged_points:,g} of {rubric_max:,}"
    return f"{text} points judged" if words else text


def status_text(status: str) -> str:
    """A criterion status as shown in reports and pages: "not in export" for a criterion the
    ticket's export does not carry the inputs of (tqrs.assessable), "could not grade", ..."""
    return STATUS_TEXT.get(status, status)


def ticket_labels(identities: list[dict]) -> dict[int, str]:
    """Ticket id -> how the ticket is named to a reader: its number, and for a number that
    more than one ticket of the run carries (`copies` > 1), what tells the copies apart: the
    file it came from, its sys_id, when it was opened (tqrs.store.results.ticket_identities).
    Labels still alike after that get the record's position in its file."""
    labels = {}
    for t in identities:
        parts = [isolate_bidi(t["number"] or "(no number)")]
        if t["copies"] > 1:
            parts.append(f"copy from {isolate_bidi(t['file'])}" if t["file"] else "copy")
            if t["sys_id"]:
                parts.append(f"sys_id {t['sys_id'][:8]}")
            if t["opened_at"]:
                parts.append(f"opened {t['opened_at']:%Y-%m-%d %H:%M}")
        labels[t["ticket_id"]] = " · ".join(parts)
    seen: dict[str, int] = {}
    for t in identities:
        seen[labels[t["ticket_id"]]] = seen.get(labels[t["ticket_id"]], 0) + 1
    for t in identities:
        if seen[labels[t["ticket_id"]]] > 1:
            position = t["record_position"]
            where = f"record {position}" if position is not None else f"ticket {t['ticket_id']}"
            labels[t["ticket_id"]] += f" · {where}"
    return labels


HEADING_CHARS = 160


def one_line(text: str) -> str:
    """A text as one line, its runs of spaces, tabs and line breaks one space: a cell of a
    text table (an agent's name or a short description holding a line break broke the
    table's rows in the CLI)."""
    return " ".join(text.split())


def heading_text(text: str, limit: int = HEADING_CHARS) -> str:
    """A text cut to a heading's length at a word, with an ellipsis when cut (a 20 MB short
    description made a Review heading of 32,000 characters; the whole text is in the ticket's
    fields below it)."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    head = text[: limit + 1]  # a word ending at the limit is whole when a space follows
    cut = head.rsplit(" ", 1)[0] if " " in head else text[:limit]
    return cut.rstrip(" ,;:-") + "…"


# Characters a terminal acts on rather than shows: C0 controls but tab and line feed, DEL,
# and C1 controls (0x9b opens a sequence as ESC [ does on some terminals).
_TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_text(text: str) -> str:
    """Text from a ticket, a file or its name as a terminal shows it: a control character
    (an escape sequence that would recolour, retitle or clear the terminal, a carriage
    return that would write over the line) is written as its JSON escape, `\\u001b`, so that
    JSON output keeps its meaning (an encoder leaves C1 controls and DEL raw); a CR LF
    line end is a line end (JSON writes both escaped)."""
    if not _TERMINAL_CONTROLS.search(text):
        return text
    text = text.replace("\r\n", "\n")
    return _TERMINAL_CONTROLS.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


# Unicode's explicit direction controls: embeddings and overrides (LRE, RLE, PDF, LRO, RLO)
# and isolates (LRI, RLI, FSI, PDI). Unclosed, one turns the rest of its line around: a file,
# session or agent name ending in RLO shows "· opened 2018-08-31" after it as "13-80-8102
# denepo ·".
_EMBEDDINGS = "\u202a\u202b\u202c\u202d\u202e"
_ISOLATE_OPENS, _ISOLATE_CLOSE = "\u2066\u2067\u2068", "\u2069"
FIRST_STRONG_ISOLATE = "\u2068"


def isolate_bidi(text: str) -> str:
    """Untrusted text holding direction controls, kept from turning the text around it: set
    in an isolate (FSI … PDI), every isolate it opens closed, a PDI it holds with nothing to
    close dropped (it would close the isolate early). A PDI closes the embeddings and
    overrides opened inside its isolate. Text without such controls is returned as it is."""
    if not any(c in _EMBEDDINGS or c in _ISOLATE_OPENS or c == _ISOLATE_CLOSE for c in text):
        return text
    kept, depth = [], 0
    for c in text:
        if c in _ISOLATE_OPENS:
            depth += 1
        elif c == _ISOLATE_CLOSE:
            if not depth:
                continue
            depth -= 1
        kept.append(c)
    return FIRST_STRONG_ISOLATE + "".join(kept) + _ISOLATE_CLOSE * (depth + 1)
