"""Procedure steps: the sentences and list items of a knowledge section that tell the reader
what to do. Only a step is ever quoted or cited as what a procedure asks.

A step is an instruction or a requirement: it starts with a verb in the imperative ("Validate
the caller ...", "Do not write the code ...", "□ Step 6: Isolate affected system(s)"), has
such a clause after a condition ("If the site loads, have the caller ...", "Frequent drops
point to Wi-Fi power saving: set the adapter ..."), or says what must be done ("Close notes
must say what was done"). Not steps: document metadata ("Owner: ...", "Version 3.2.",
"| **Classification** | Internal |"), titles and company lines ("Halvorsen & Pike Logistics,
IT Service Desk."), descriptions ("A lost or stolen device is a potential data breach."),
table rows, and anything in a section that is front matter: the text under the document's
title before its first section, and sections such as "Purpose and scope", "Overview",
"Document history" or "Related documents"."""

import re

# Verbs that open an instruction in service-desk procedures and runbooks (base form).
_VERBS = frozenset(
    """
    add advise alert analyse analyze apply approve arrange ask assess assign attach attempt
    avoid back begin block brief call cancel capture change check clean clear close collect
    complete configure confirm connect consider contact copy create deactivate delete
    determine disable disconnect do document don't enable enroll enrol ensure escalate
    establish file follow force gather generate give guide have identify inform inspect
    install instruct inventory isolate keep let load locate lock log look make mark monitor
    move note notify open order patch preserve print provide push put quarantine raise
    re-add re-enable re-image reboot rebuild reconnect record register reimage reinstall
    release remind remove reopen replace report request reset restart restore retry return
    revoke review run scan search select send set share sign start stay stop submit switch
    take tell test tick treat try turn uninstall unlock unplug update upgrade use validate
    verify wait warn wipe write
    """.split()
)
_LEAD_INS = frozenset(
    {"please", "then", "also", "immediately", "always", "first", "remote", "remotely"}
)
_MUST = re.compile(r"\b(must|never|do not|don't|is required|are required)\b", re.IGNORECASE)
# "Owner: ...", "**Version** ...", "Last reviewed March 2026.", "Category: Access / ..."
_METADATA = re.compile(
    r"^(owner|version|last (updated|reviewed|review)|classification|effective date|severity|"
    r"author|status|document (control|id|owner)|category|applies to|audience|review date|"
    r"approved by|copyright)\b",
    re.IGNORECASE,
)
_FRONT_MATTER = re.compile(
    r"(\d+(\.\d+)*\.?\s+)?(purpose|scope|purpose and scope|overview|introduction|"
    r"about this (document|procedure|guide)|(table of )?contents|document (control|history)|"
    r"revision history|change log|related documents|references|glossary|definitions|"
    r"contacts?|tools and resources)",
    re.IGNORECASE,
)
_DRAWING = re.compile(r"[\u2500-\u259f]")  # box drawing: a diagram, not a sentence
_ASIDE = re.compile(r"\([^()]*\)")
# A list item's or step's marker: "-", "*", "•", "1.", "2)", "□", "[ ]", "Step 6:", bold marks.
_MARKER = re.compile(
    r"^(?:[-*•□■▪◦>#]+|\d+(?:\.\d+)*[.)]?|\[[ xX]?\]|step\s+\d+(?:\.\d+)*\s*[:.)-]|\*\*|__)\s*",
    re.IGNORECASE,
)
_ITEM_START = re.compile(r"^\s*(?:[-*•□■▪◦]|\d+(?:\.\d+)*[.)]|\[[ xX]?\])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")
_CLAUSE = re.compile(r"[,:;]\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
MIN_CHARS = 12  # "Reboot." says too little to quote; real steps are longer
WRAPPED = 50  # a shorter line ends where its author ended it, not where the width did


def front_matter(heading: str, title: str) -> bool:
    """Whether a section (its heading path, "Title > Section") is front matter: the text
    under the document's title before any section, or a section named like purpose, scope,
    overview, document history, related documents."""
    parts = [p.strip() for p in heading.split(" > ") if p.strip()]
    if not parts:
        return False
    if len(parts) == 1 and parts[0] == title:
        return True
    return any(_FRONT_MATTER.fullmatch(p) for p in parts[1:] or parts)


def section_steps(text: str) -> list[str]:
    """The steps of a section's text, in order, without list markers."""
    return [s for s in (_strip(u) for u in _sentences(text)) if is_step(s)]


def is_step(sentence: str) -> bool:
    """Whether one sentence or list item (markers stripped) is a procedure step."""
    s = sentence.strip()
    if len(s) < MIN_CHARS or "|" in s or _DRAWING.search(s) or _METADATA.match(s):
        return False
    if s.endswith(":") and len(s.split()) <= 2:  # "Gather Information:" labels a list
        return False
    if _imperative(s) or _MUST.search(_ASIDE.sub("", s)):
        return True
    return any(_imperative(clause) for clause in _CLAUSE.split(s)[1:])


def _imperative(clause: str) -> bool:
    words = _WORD.findall(_strip(clause)[:40])
    if not words:
        return False
    first = words[0].lower()
    if first in _LEAD_INS:  # "Please reset ...", "Remote lock device immediately"
        first = words[1].lower() if len(words) > 1 else ""
    if first not in _VERBS:
        return False
    rest = _strip(clause)[len(words[0]) :].lstrip()
    return not rest.startswith(":")  # "Note: ..." is a label, not an instruction


def _strip(text: str) -> str:
    text = text.strip()
    while True:
        stripped = _MARKER.sub("", text, count=1).strip()
        if stripped == text:
            return text.replace("**", "").replace("`", "").strip()
        text = stripped


def _continues(previous: str, line: str) -> bool:
    """Whether a line carries on the previous one (prose wrapped at a line width), rather
    than starting a list item or a line of its own (steps in a code block, a label)."""
    return (
        not _ITEM_START.match(line)
        and len(previous) >= WRAPPED
        and not previous.rstrip().endswith((".", ":", "!", "?"))
    )


def _sentences(text: str) -> list[str]:
    """List items (with their continuation lines) and the sentences of other lines."""
    units: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in paragraph.splitlines():
            if not line.strip():
                continue
            if current and not _continues(current[-1], line):
                units.append(" ".join(current))
                current = []
            current.append(line.strip())
        if current:
            units.append(" ".join(current))
    return [s.strip() for unit in units for s in _SENTENCE_END.split(unit) if s.strip()]
