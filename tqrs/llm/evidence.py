"""Evidence that is really there: every quote the LLM judge gives as evidence is looked up in
the ticket it graded, and a criterion whose quote is not there is never scored on it.

A quote is found when each of its fragments (split at ellipses, semicolons and line breaks,
the way judges join several quotes) occurs in the ticket as the judge saw it (the fields and
their labels, tqrs.llm.prompt.ticket_text), compared on normalised text: case folded,
punctuation and quote marks as spaces, whitespace collapsed, whole words only. A fragment of
at least FUZZY_MIN_CHARS may differ a little (a typo fixed, a word dropped: similarity at
least FUZZY_RATIO to a stretch of the ticket), unless it is copied from the rubric's guidance:
a quote that is only in the guidance (the system message) is not evidence, however close
the ticket's wording. An empty quote, or one that says there is none ("N/A", "none"), claims
nothing and is not checked.

What to do about quotes not found is decided in one place, `next_step`, for every path that
asks the judge (the online judge re-asks inside the run; a batch puts the re-ask into the
next batch): re-ask once, with `reask_message` naming the criteria; if the second answer's
quote is not found either, the criterion is flagged, `evidence_not_found` (tqrs.outcomes),
out of the maximum and counted in the review queue."""

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

FUZZY_MIN_CHARS = 24  # shorter fragments must appear exactly (normalised)
FUZZY_RATIO = 0.9
NO_QUOTE = frozenset({"", "n a", "na", "none", "no evidence", "nothing", "not found", "null"})

_FRAGMENT_BREAKS = re.compile(r"\.{3,}|…|\[\s*\.\.\.\s*\]|;|\n")
_NOT_WORD = re.compile(r"[^\w]+")

Step = Literal["accept", "reask", "flag"]
REASK_OPENING = "The evidence you gave for "


@dataclass(frozen=True)
class EvidenceCheck:
    """criterion id -> the quote (restored, as the analyst reads it) not found in the ticket."""

    missing: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.missing


def normalise(text: str) -> str:
    """Case folded, accents and punctuation as spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_WORD.sub(" ", text).replace("_", " ").split())


class TicketText:
    """The ticket as the judge saw it, normalised once for every quote of its answer."""

    def __init__(self, ticket_text: str, guidance: str = ""):
        self.text = f" {normalise(ticket_text)} "
        self.words = self.text.split()
        self.guidance = f" {normalise(guidance)} "

    def holds(self, quote: str) -> bool:
        """Whether every fragment of `quote` is in the ticket (see the module docstring)."""
        whole = normalise(quote)
        if whole in NO_QUOTE or f" {whole} " in self.text:
            return True
        fragments = [normalise(f) for f in _FRAGMENT_BREAKS.split(quote)]
        fragments = [f for f in fragments if f]
        return bool(fragments) and all(self._holds_fragment(f) for f in fragments)

    def _holds_fragment(self, fragment: str) -> bool:
        if f" {fragment} " in self.text:
            return True
        if len(fragment) < FUZZY_MIN_CHARS or f" {fragment} " in self.guidance:
            return False
        return self._close_match(fragment)

    def _close_match(self, fragment: str) -> bool:
        """A stretch of the ticket's words within FUZZY_RATIO of the fragment, looked for
        only where one of its first words occurs (the whole ticket would cost seconds)."""
        target = fragment.split()
        n = len(target)
        anchors = {w: k for k, w in reversed(list(enumerate(target[:3])))}
        matcher = SequenceMatcher(autojunk=False)
        matcher.set_seq2(fragment)
        for i, word in enumerate(self.words):
            k = anchors.get(word)
            if k is None:
                continue
            start = max(0, i - k)
            for size in (n - 1, n, n + 1):
                if size < 1:
                    continue
                matcher.set_seq1(" ".join(self.words[start : start + size]))
                if matcher.quick_ratio() >= FUZZY_RATIO and matcher.ratio() >= FUZZY_RATIO:
                    return True
        return False


def check_evidence(
    quotes: Mapping[str, str], ticket_text: str, guidance: str = ""
) -> EvidenceCheck:
    """The criteria (id -> quote, placeholders restored) whose quote is not in the ticket."""
    text = TicketText(ticket_text, guidance)
    return EvidenceCheck({cid: q for cid, q in quotes.items() if not text.holds(q or "")})


def next_step(check: EvidenceCheck, asked_again: bool) -> Step:
    """accept (every quote found), reask (not yet asked again) or flag (asked again, still not
    found: those criteria become evidence_not_found)."""
    if check.ok:
        return "accept"
    return "flag" if asked_again else "reask"


def reask_message(check: EvidenceCheck) -> str:
    """The follow-up question after an answer whose quotes are not in the ticket."""
    names = ", ".join(f"`{cid}`" for cid in sorted(check.missing))
    return (
        f"{REASK_OPENING}{names} is not in the ticket. Evidence must be copied "
        "verbatim from the ticket between <ticket> and </ticket>, never from the rubric or "
        "the reference material. Answer again for every criterion: for those, quote the "
        'ticket exactly, or give "" as evidence and choose the option that fits a ticket '
        "with nothing relevant."
    )


def answer_before_reask(messages: list[dict]) -> str | None:
    """The answer an evidence re-ask among `messages` (the follow-ups of a ticket's request)
    followed, as the judge gave it; None when it was not re-asked. Its presence is
    `next_step`'s `asked_again` wherever the follow-ups are kept (a batch keeps them in the
    store between batches)."""
    for before, message in zip(messages, messages[1:], strict=False):
        content = message.get("content") or ""
        if message.get("role") == "user" and content.startswith(REASK_OPENING):
            return before.get("content") if before.get("role") == "assistant" else None
    return None


__all__ = [
    "REASK_OPENING",
    "EvidenceCheck",
    "answer_before_reask",
    "TicketText",
    "check_evidence",
    "next_step",
    "normalise",
    "reask_message",
]
