"""Ticket text as safe HTML with the judge's evidence marked. The text is untrusted: it is
escaped first, and only then are <mark> tags put around the escaped quotes."""

import re

from app.untrusted import html_text


def find_spans(text: str, quotes: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of `text` where a quote occurs (case-insensitive,
    whitespace-tolerant), earliest first."""
    spans = []
    for quote in quotes:
        words = quote.strip().strip("\"'").split()
        if len(" ".join(words)) < 4:
            continue
        pattern = r"\s+".join(re.escape(w) for w in words)
        for m in re.finditer(pattern, text, re.IGNORECASE):
            spans.append((m.start(), m.end()))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight_html(text: str, quotes: list[str]) -> str:
    """`text` escaped for HTML, evidence quotes wrapped in <mark>, line breaks kept."""
    out, pos = [], 0
    for start, end in find_spans(text, quotes):
        out.append(html_text(text[pos:start]))
        out.append(f"<mark>{html_text(text[start:end])}</mark>")
        pos = end
    out.append(html_text(text[pos:]))
    return "".join(out).replace("\n", "<br>")
