"""Spelling: likely misspellings counted against the shipped English word list
(tqrs/data/words.txt, from SCOWL) plus IT vocabulary (tqrs/data/it_words.txt). No network.

Only lower-case words of three letters or more are checked: capitalised words are mostly names
and products, and tokens touching digits, dots, slashes or @ are hostnames, paths or IDs.
Text where fewer than half the words are English is treated as not English: N/A."""

import re
from functools import cache
from pathlib import Path

from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.rubric import Criterion
from tqrs.rules.registry import result, rule
from tqrs.rules.text import handling_text

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MIN_ENGLISH_RATIO = 0.5
MIN_WORDS_FOR_LANGUAGE = 6
LANGUAGE_SAMPLE_CHARS = 600
_CANDIDATE = re.compile(r"(?<![\w.@/\\_'-])([a-z]{3,})(?:'[a-z]{1,2})?(?![\w@/\\_-]|\.\w)")
_ANY_WORD = re.compile(r"[^\W\d_]{2,}")
_SUFFIXES = ("s", "es", "ed", "ing", "ly", "er", "ers")


@cache
def known_words() -> frozenset[str]:
    words: set[str] = set()
    for name in ("words.txt", "it_words.txt"):
        for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                words.add(line.strip())
    return frozenset(words)


def is_known(word: str, known: frozenset[str]) -> bool:
    return word in known or _inflected(word, known)


def _inflected(word: str, known: frozenset[str]) -> bool:
    for suffix in _SUFFIXES:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if stem in known or stem + "e" in known:  # "rebooted", "configured"
                return True
    return False


def misspellings(text: str) -> tuple[list[str], bool]:
    """(likely misspelled words in order of appearance, whether the text reads as English)."""
    known = known_words()
    english = True
    # the language shows in the first words; reading them all doubled the rule's time
    all_words = _ANY_WORD.findall(text[:LANGUAGE_SAMPLE_CHARS].lower())
    if len(all_words) >= MIN_WORDS_FOR_LANGUAGE:
        unknown = [w for w in all_words if w not in known]
        if len(unknown) > len(all_words) * (1 - MIN_ENGLISH_RATIO):
            still = sum(1 for w in unknown if not _inflected(w, known))
            english = still <= len(all_words) * (1 - MIN_ENGLISH_RATIO)
    wrong = [w for w in _CANDIDATE.findall(text) if w not in known and not _inflected(w, known)]
    return wrong, english


_OUTCOMES = (Outcome.MET, Outcome.PARTLY_MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE)


def _spelling(criterion: Criterion, text: str, where: str):
    if not text.strip():
        return result(
            criterion, Outcome.NOT_APPLICABLE, "", f"The {where} are empty: nothing to check."
        )
    wrong, english = misspellings(text)
    if not english:
        return result(
            criterion,
            Outcome.NOT_APPLICABLE,
            text.strip()[:120],
            f"The {where} are not in English; the English word list does not apply.",
        )
    unique = list(dict.fromkeys(wrong))
    n = len(wrong)
    outcome = Outcome.MET if n <= 1 else Outcome.PARTLY_MET if n <= 3 else Outcome.NOT_MET
    if n == 0:
        return result(criterion, outcome, "", f"No likely misspellings in the {where}.")
    listed = ", ".join(repr(w) for w in unique[:10])
    return result(
        criterion,
        outcome,
        listed,
        f"{n} likely misspelling{'s' if n > 1 else ''} in the {where}: {listed}.",
        "" if n <= 1 else "Run a spell check before saving; correct " + listed + ".",
    )


@rule("spelling_opening", _OUTCOMES)
def spelling_opening(ticket: Ticket, criterion: Criterion):
    return _spelling(
        criterion,
        f"{ticket.short_description}\n{ticket.description}",
        "short description and description",
    )


@rule("spelling_handling", _OUTCOMES)
def spelling_handling(ticket: Ticket, criterion: Criterion):
    return _spelling(criterion, handling_text(ticket), "work notes, comments and resolution notes")
