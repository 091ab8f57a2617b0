"""Untrusted text inside the prompts' delimited blocks, made unable to close or open a block.

The prompts put data between tags (`<ticket>`, `<reference>`, `<statistics>`): text from
callers, agents, documents and rubrics must not be read by the model as one of those tags. A
model reads past what a byte comparison sees, so `neutralise` looks at the text as a reader
would: case folded, compatibility forms folded (full-width `＜`, mathematical letters), format
and other invisible characters (zero-width spaces, joiners, soft hyphens, tag characters,
combining marks) skipped, whitespace anywhere in the tag, look-alike angle brackets (`‹ 〈 ⟨ ❮
« ˂ ᐸ`...), slashes (`∕ ⁄ ⧸ \\`) and letters (Cyrillic and Greek homoglyphs, small capitals),
and written-out brackets (`&lt;`, `&#60;`, `\\u003c`, `%3C`). Wherever an opening bracket of
any of these kinds starts a tag that reads as a delimiter's name (with or without the slash,
attributes or a closing bracket), the bracket becomes `[` and its closing bracket `]`:
`</ticket id="x">` reads `[/ticket id="x"]`. Everything else is left byte for byte, so the
model's quotes still match the ticket, and text without any bracket costs one regex scan.
"""

import re
import unicodedata

DELIMITERS = ("ticket", "reference", "statistics")

_OPENING = "<‹〈〈⟨❮❬⟪《«⦉⦑⧼˂ᐸ﹤＜≺⊲◁"
_CLOSING = ">›〉〉⟩❯❭⟫》»⦊⦒⧽˃ᐳ﹥＞≻⊳▷"
_SLASHES = "/\\∕⁄⧸╱⟋／＼⧹"
_WRITTEN = r"&(?:lt|#0*60|#x0*3c);|\\u003c|\\x3c|%3c"
_WRITTEN_CLOSING = r"&(?:gt|#0*62|#x0*3e);|\\u003e|\\x3e|%3e"
_OPEN = re.compile(f"[{re.escape(_OPENING)}]|{_WRITTEN}", re.I)
_CLOSE = re.compile(f"[{re.escape(_CLOSING)}]|{_WRITTEN_CLOSING}", re.I)
_MAX_ATTRIBUTES = 200  # how far after the name a closing bracket still belongs to the tag

# Letters that read as the Latin ones of the delimiters' names once case and compatibility
# forms are folded (NFKC already maps full-width and mathematical letters, and K to k).
_LOOKALIKES = {
    "t": "тτᴛŧƫț",
    "i": "іιıɪӏἰίɩ",
    "c": "сϲᴄςⅽ",
    "k": "кκᴋķ",
    "e": "еєᴇҽɛēė",
    "r": "гʀᴦṛ",
    "f": "ƒſꞙ",
    "n": "ոɴηпñ",
    "s": "ѕꜱʂś",
    "a": "аαɑᴀạ",
}
_LATIN = {c: latin for latin, chars in _LOOKALIKES.items() for c in chars}
# Invisible characters that are not in the format or mark categories.
_INVISIBLE = set("\u115f\u1160\u3164\uffa0\u2800\u034f")


def neutralise(text: str) -> str:
    """`text` with every tag that reads as a delimiter disarmed (see the module docstring)."""
    if not _OPEN.search(text):
        return text
    out, pos = [], 0
    for m in _OPEN.finditer(text):
        if m.start() < pos:
            continue
        end = _delimiter_end(text, m.end())
        if end is None:
            continue
        out += [text[pos : m.start()], "["]
        pos = m.end()
        close = _closing(text, end)
        if close is not None:
            out += [text[pos : close.start()], "]"]
            pos = close.end()
    out.append(text[pos:])
    return "".join(out)


def _delimiter_end(text: str, i: int) -> int | None:
    """Where the delimiter's name that starts at or after `i` ends (skipping what a reader
    skips: invisible characters, whitespace, one slash), or None when it is not one."""
    letters, slash = "", False
    n = len(text)
    while i < n:
        c = text[i]
        i += 1
        if _ignorable(c) or c.isspace():
            continue
        if not letters and not slash and c in _SLASHES:
            slash = True
            continue
        letters += _fold(c)
        candidates = [d for d in DELIMITERS if d.startswith(letters)]
        if not candidates:
            return None
        if letters in DELIMITERS:
            return i
    return None


def _closing(text: str, i: int) -> re.Match | None:
    """The closing bracket of the tag whose name ends at `i`: the first one before the end of
    the line, the next opening bracket or _MAX_ATTRIBUTES characters, if any."""
    limit = min(len(text), i + _MAX_ATTRIBUTES)
    line_end = text.find("\n", i, limit)
    limit = limit if line_end < 0 else line_end
    opening = _OPEN.search(text, i, limit)
    return _CLOSE.search(text, i, opening.start() if opening else limit)


def _ignorable(c: str) -> bool:
    return unicodedata.category(c) in ("Cf", "Mn", "Me") or c in _INVISIBLE


def _fold(c: str) -> str:
    if c in _LATIN:  # before NFKC, which maps some look-alikes to letters that are not
        return _LATIN[c]
    folded = unicodedata.normalize("NFKC", c).casefold()
    return "".join(_LATIN.get(x, x) for x in folded)
