"""Terms of the desk's other languages read in English, so that a reading written over English
phrases reads a ticket written in Italian, Portuguese, Spanish, French, German, Dutch or Polish
the same way: each reading that needs it keeps a Glossary of its own terms (caller validation's
methods, the user's confirmation) and reads a normalised line through it. A line holding none of
a glossary's keys (stems English text does not hold) is left as it is, unread."""

import re
from collections.abc import Iterable

from tqrs.rules.literals import any_of
from tqrs.rules.patterns import required_strings
from tqrs.rules.text import normalise, text_memo


class Glossary:
    """Terms (pattern, English) applied in order, each to the line as the terms before it left
    it, so that a negation read first ("non è stato verificato" -> "not verificato") stays
    before the term it negates; `keys`: stems one of which a line must hold to be read."""

    def __init__(self, terms: Iterable[tuple[str, str]], keys: Iterable[str]) -> None:
        # each term with the strings one of which its every match holds: a line holding none
        # of them is not run through the substitution (a line in another language holds a
        # few of a glossary's terms, not its sixty)
        self._terms = tuple(
            (re.compile(pattern), english, required_strings(pattern)) for pattern, english in terms
        )
        self._keys = tuple(keys)
        self._any_key = any_of(self._keys)  # one scan of a line, not one per key (~135)
        self.in_english = text_memo(self._in_english)  # a line met again is read once
        self.holds_line = text_memo(self._holds_line)

    def _in_english(self, line: str) -> str:
        """The normalised `line` with the glossary's terms in English."""
        for pattern, english, needs in self._terms:
            if needs is None or any(map(line.__contains__, needs)):  # None: the pattern says none
                line = pattern.sub(english, line)
        return line

    def _holds_line(self, line: str) -> bool:
        """Whether the normalised `line` holds one of the glossary's keys."""
        return self._any_key.search(line) is not None

    def holds(self, text: str) -> bool:
        """Whether `text`, normalised, holds one of the keys (holds_normalised)."""
        return self.holds_normalised(normalise(text))

    def holds_normalised(self, text: str) -> bool:
        """Whether the normalised `text` holds one of the keys: read line by line (no key
        holds a line break), each line's answer remembered (tickets share lines)."""
        return any(map(self.holds_line, text.split("\n")))
