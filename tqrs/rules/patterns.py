"""Patterns that find the same matches as their plain `re` form, faster: Python's re tries
every branch of an alternation at every position, with re.I folding the case of every
character it compares; most tickets hold none of a pattern's words.

`Caseless(pattern)` is `re.compile(pattern, re.I)` for what the rules ask of it (search,
finditer), over text that `normalise` lower-cased: on lower-case ASCII text it first checks
with `in` that one of the strings every match must contain is there (read from the parsed
pattern, so that a pattern edited keeps its own), then runs a case-sensitive copy; over
ASCII text in any case it makes the same check on a lower-case copy (a line as written: "Left
a voicemail" holds "voicemail" once lower-cased), and `search` and `finditer` run the
case-sensitive copy over that lower-case copy to find where re.I's matches start."""

import re
import sys
from collections.abc import Iterator
from re import _constants as C  # noqa: N812
from re import _parser


class Caseless:
    """A pattern matched case aside (re.I). Over text that is ASCII and in lower case (what
    `normalise` returns for an ASCII ticket) it finds nothing when none of the strings every
    match contains is there (`in` tests), else it runs a case-sensitive copy: the same
    matches 2-4 times faster (re.I folds the case of every character it compares). Both
    only when the pattern's own letters are ASCII lower case, the condition for the copy to
    agree with re.I on such text; else the case-folding pattern always runs."""

    __slots__ = (
        "_exact",
        "_exact_unicode",
        "_folding",
        "_folding_ascii",
        "_needs",
        "_nonempty",
        "pattern",
    )

    def __init__(self, pattern: str):
        self.pattern = pattern
        self._folding = re.compile(pattern, re.I)
        # the copy only ever reads ASCII text, where re.ASCII's classes and word boundaries
        # are re's own (but \s, which in Unicode also takes \x1c-\x1f): a table look-up per
        # character instead of Unicode's several calls
        flags = 0 if "\\s" in pattern or "\\S" in pattern else re.ASCII
        self._exact = re.compile(pattern, flags) if _lower_ascii_only(pattern) else None
        self._folding_ascii = re.compile(pattern, re.I | flags) if self._exact else None
        self._needs = _needs_case_aside(pattern, lower_ascii=self._exact is not None)
        # over text not ASCII that is in lower case and holds none of _FOLDS_TO_ASCII (a
        # normalised Italian or accented line): the case-sensitive copy with Unicode's
        # classes (see _unfolded)
        self._exact_unicode = re.compile(pattern) if self._exact else None
        self._nonempty = _parser.parse(pattern).getwidth()[0] > 0  # no match is empty

    def _for(self, text: str) -> re.Pattern | None:
        """The pattern to run over `text`, None when it cannot match there."""
        if self._exact is None:
            return None if self._absent(text) else self._folding
        if not text.isascii():
            return None if self._absent(text) else self._unfolded(text)
        if text.islower():
            if self._needs is not None and not any(map(text.__contains__, self._needs)):
                return None
            return self._exact
        # ASCII text in any case (a line as written): re.I compares an ASCII character by
        # its lower case, so a match holds one of the strings in text.lower() too
        if self._needs is not None:
            lower = text.lower()
            if not any(map(lower.__contains__, self._needs)):
                return None
        return self._folding_ascii  # re.I over ASCII text, as the copy is re's

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match | None:
        if self._exact is None or not text.isascii():
            return None if self._absent(text) else self._unfolded(text).search(text, pos, endpos)
        lower = text if text.islower() else text.lower()
        if self._needs is not None and not any(map(lower.__contains__, self._needs)):
            return None
        found = self._exact.search(lower, pos, endpos)
        if found is None or lower is text:
            return found
        # ASCII text in any case (a line as written): re.I matches where the copy matches
        # the text in lower case (same positions), so the copy finds where the first match
        # starts and re.I only matches there, giving the Match of `text` re.I's search gives
        return self._folding.match(text, found.start(), endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match]:
        if self._exact is not None and self._nonempty and text.isascii() and not text.islower():
            # ASCII text in any case (a line as written), as `search` reads it: the copy
            # finds re.I's matches in the text in lower case (the same positions, one after
            # the other as re.I's finditer takes them), and re.I only matches at each start,
            # giving its Match of `text`. (A pattern that may match nothing is left to re.I:
            # after an empty match its finditer wants a longer one at the same start.)
            lower = text.lower()
            if self._needs is not None and not any(map(lower.__contains__, self._needs)):
                return iter(())
            match = self._folding.match
            return (
                match(text, m.start(), endpos) for m in self._exact.finditer(lower, pos, endpos)
            )
        pattern = self._for(text)
        return pattern.finditer(text, pos, endpos) if pattern else iter(())

    def sub(self, repl: str, text: str) -> str:
        """`text` with every match (re.I's) replaced by `repl`."""
        pattern = self._for(text)
        return pattern.sub(repl, text) if pattern else text

    def count(self, text: str) -> int:
        """How many matches re.I's findall finds in `text`: over ASCII text, the copy's over
        the text in lower case (the same matches, at the same positions)."""
        if self._exact is None or not text.isascii():
            return 0 if self._absent(text) else len(self._unfolded(text).findall(text))
        lower = text if text.islower() else text.lower()
        if self._needs is not None and not any(map(lower.__contains__, self._needs)):
            return 0
        return len(self._exact.findall(lower))

    def _unfolded(self, text: str) -> re.Pattern:
        """The pattern that finds re.I's matches in `text` (not ASCII): the case-sensitive
        copy when `text` is in lower case and holds none of _FOLDS_TO_ASCII, else re.I's.
        The copy's letters are ASCII lower case; re.I matches such a letter (alone or in a
        class) in a character whose lower case is it, or in one of _FOLDS_TO_ASCII or the
        Kelvin sign (not lower case): in lower-case text, in that letter only, as the copy
        does (\\w, \\d, \\s and \\b do not depend on case)."""
        if (
            self._exact_unicode is not None
            and text.islower()
            and not any(map(text.__contains__, _FOLDS_TO_ASCII))
        ):
            return self._exact_unicode
        return self._folding

    def _absent(self, text: str) -> bool:
        """Whether re.I cannot match in `text` (any text, Unicode included), read from the
        strings every match contains: re.I matches an ASCII letter only in that letter, its
        capital, the Kelvin sign (all of which lower-case to it, one character for one) and
        the three characters of _FOLDS_TO_ASCII (which do not), so without these a match
        holds one of the strings in text.lower(). Over Italian or accented text (not ASCII)
        every pattern ran re.I's folding over the whole text: most of the time of such
        tickets."""
        if self._needs is None or any(map(text.__contains__, _FOLDS_TO_ASCII)):
            return False
        lower = text.lower()
        return not any(map(lower.__contains__, self._needs))


def _needs_case_aside(pattern: str, lower_ascii: bool) -> frozenset[str] | None:
    """The strings one of which every re.I match of `pattern` holds once lower-cased (read by
    `_absent`, and by the copy's `in` tests when the pattern's letters are ASCII lower case):
    required_strings in lower case, when each is ASCII (re.I matches an ASCII letter only
    where lower() gives that letter, _FOLDS_TO_ASCII aside); else None (no check). A pattern
    that cannot have the case-sensitive copy (a letter not ASCII: "perch[eé]", or a capital)
    keeps the check: most texts hold none of its strings."""
    needs = required_strings(pattern)
    if needs is None or lower_ascii:
        return needs
    return frozenset(s.lower() for s in needs) if all(s.isascii() for s in needs) else None


# The characters re.I matches to an ASCII letter that str.lower() does not turn into it
# (dotted capital I, dotless i, long s): found by trying every code point.
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f")

# Escapes that stand for a class or an anchor, never for a letter of their own.
_CLASS_ESCAPES = frozenset("bBwWsSdDAZ")


def _lower_ascii_only(pattern: str) -> bool:
    """Whether every letter `pattern` matches literally is ASCII lower case (escapes of
    punctuation and of classes allowed; any other escape, \\x41 or a back-reference, is
    refused)."""
    if not pattern.isascii():
        return False
    chars = iter(pattern)
    for c in chars:
        if c == "\\":
            e = next(chars, "")
            if e == "u":  # a character without case ("\u2019s", a typographic apostrophe)
                code = "".join(next(chars, "") for _ in range(4))
                if not _caseless(code):
                    return False
            elif e.isalnum() and e not in _CLASS_ESCAPES and e not in "nt":
                return False
        elif c.isupper():
            return False
    return True


def _caseless(hex_code: str) -> bool:
    """Whether the four hex digits name a character re.I matches only to itself (no case,
    no fold: punctuation such as U+2019), which the case-sensitive copy matches alike."""
    try:
        ch = chr(int(hex_code, 16))
    except ValueError:
        return False
    return ch.lower() == ch == ch.upper() == ch.casefold()


def required_strings(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of `pattern` (compiled case-sensitively) contains,
    or None when the pattern does not say (a match may be any class of characters)."""
    found = _required(_parser.parse(pattern))
    return _fewest(found) if found else None


_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


def _required(items) -> frozenset[str] | None:
    """required_strings of a parsed sequence: the most selective of what each part
    requires (a run of literal characters, a group, an alternation whose every branch
    requires something, a repeat taken at least once)."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or _selectivity(found) > _selectivity(best)):
            best = found

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        consider(frozenset({"".join(run)}) if run else None)
        run = []
        if op is C.SUBPATTERN:
            consider(_required(av[-1]))
        elif op is C.ATOMIC_GROUP:
            consider(_required(av))
        elif op is C.BRANCH:
            branches = [_required(b) for b in av[1]]
            if all(branches):
                consider(frozenset().union(*branches))
        elif op in _REPEATS and av[0] >= 1:
            consider(_required(av[2]))
    consider(frozenset({"".join(run)}) if run else None)
    return best


def _selectivity(strings: frozenset[str]) -> tuple[int, int]:
    """The shortest string first (a longer one is rarer), then fewer strings to look for."""
    return min(map(len, strings)), -len(strings)


def _fewest(strings: frozenset[str]) -> frozenset[str]:
    """`strings` without those that hold another of them ("password reset" when "password"
    is there: finding the shorter one is enough)."""
    return frozenset(s for s in strings if not any(t != s and t in s for t in strings))


# Classes by whether they hold a line break; a category in neither is taken to hold one.
_BREAKING = frozenset(
    {C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD, C.CATEGORY_NOT_DIGIT, C.CATEGORY_LINEBREAK}
)
_UNBREAKING = frozenset(
    {C.CATEGORY_WORD, C.CATEGORY_DIGIT, C.CATEGORY_NOT_SPACE, C.CATEGORY_NOT_LINEBREAK}
)
_NEWLINE = ord("\n")


def within_lines(pattern: str, flags: int = 0) -> bool:
    """Whether `pattern` finds in each line of a text, read as a text of its own, exactly
    the matches it finds in the whole text (as the same strings, in the same order): no
    part of it can match a line break (lookarounds included) and it uses no anchor but \\b
    and \\B (a line break and a text's ends are alike to those, and to a lookaround that
    cannot match a line break). False when unsure (a back-reference, an unknown class)."""
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return False
    return _unbroken(parsed, bool(parsed.state.flags & re.S))


def _unbroken(items, dotall: bool) -> bool:
    """within_lines of a parsed sequence (`dotall`: whether "." matches a line break)."""
    for op, av in items:
        if op is C.LITERAL:
            ok = av != _NEWLINE
        elif op is C.NOT_LITERAL:
            ok = av == _NEWLINE
        elif op is C.ANY:
            ok = not dotall
        elif op is C.IN:
            ok = not _holds_newline(av)
        elif op is C.AT:
            ok = av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY)
        elif op is C.SUBPATTERN:
            _group, add, remove, sub = av
            ok = _unbroken(sub, (dotall or bool(add & re.S)) and not remove & re.S)
        elif op is C.BRANCH:
            ok = all(_unbroken(branch, dotall) for branch in av[1])
        elif op in _REPEATS:
            ok = _unbroken(av[2], dotall)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            ok = _unbroken(av[1], dotall)
        elif op is C.ATOMIC_GROUP:
            ok = _unbroken(av, dotall)
        else:
            ok = False
        if not ok:
            return False
    return True


def _holds_newline(members) -> bool:
    """Whether a parsed character class may match a line break (True when unsure)."""
    negate, holds = False, False
    for op, av in members:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            holds = holds or av == _NEWLINE
        elif op is C.RANGE:
            holds = holds or av[0] <= _NEWLINE <= av[1]
        elif op is C.CATEGORY and av in _BREAKING:
            holds = True
        elif op is not C.CATEGORY or av not in _UNBREAKING:
            return True  # a member this does not know
    return holds != negate
