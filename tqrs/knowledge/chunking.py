"""Chunking that respects a document's structure.

A chunk never crosses a heading: each section (the paragraphs under one heading path) is packed
paragraph by paragraph into chunks of at most `max_chars`; the next chunk of the same section
starts with the last sentences of the previous one (`overlap` characters at most), so a step
split across two chunks is whole in one of them. A paragraph longer than a chunk is split at
sentence ends. Every chunk keeps its heading path, e.g. `Password reset > Verify the caller`."""

import re
from dataclasses import dataclass

from tqrs.knowledge.documents import Block

MAX_CHARS = 1000
OVERLAP = 200
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass(frozen=True)
class Chunk:
    heading: str
    text: str

    def embedding_text(self) -> str:
        """What is embedded: the heading path gives a short passage its topic."""
        return f"{self.heading}\n{self.text}" if self.heading else self.text


def chunk_blocks(
    blocks: list[Block], max_chars: int = MAX_CHARS, overlap: int = OVERLAP
) -> list[Chunk]:
    chunks: list[Chunk] = []
    path: list[tuple[int, str]] = []
    section: list[str] = []

    def close_section():
        if section:
            heading = " > ".join(text for _, text in path)
            chunks.extend(Chunk(heading, t) for t in _pack(section, max_chars, overlap))
            section.clear()

    for block in blocks:
        if block.level:
            close_section()
            path[:] = [(lvl, t) for lvl, t in path if lvl < block.level]
            path.append((block.level, block.text))
        else:
            section.append(block.text)
    close_section()
    return chunks


def _pack(paragraphs: list[str], max_chars: int, overlap: int) -> list[str]:
    pieces = [p for para in paragraphs for p in _split_long(para, max_chars)]
    out: list[str] = []
    current: list[str] = []
    carried = False  # current holds only the overlap taken from the previous chunk
    for piece in pieces:
        if current and len("\n\n".join([*current, piece])) > max_chars:
            if not carried:
                out.append("\n\n".join(current))
            tail = _tail(current[-1], overlap)
            current, carried = ([tail] if tail else []), bool(tail)
            if current and len(tail) + len(piece) + 2 > max_chars:
                current, carried = [], False
        current.append(piece)
        carried = False
    if current and not carried:
        out.append("\n\n".join(current))
    return out


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _split_long(paragraph: str, max_chars: int) -> list[str]:
    if len(paragraph) <= max_chars:
        return [paragraph]
    parts: list[str] = []
    current = ""
    for sentence in _sentences(paragraph):
        while len(sentence) > max_chars:  # a "sentence" with no end in sight: cut it
            if current:
                parts.append(current)
                current = ""
            parts.append(sentence[:max_chars])
            sentence = sentence[max_chars:]
        if current and len(current) + 1 + len(sentence) > max_chars:
            parts.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    if current:
        parts.append(current)
    return parts


def _tail(text: str, limit: int) -> str:
    """The last whole sentences of text that fit in limit characters."""
    taken: list[str] = []
    for sentence in reversed(_sentences(text)):
        if len(" ".join([sentence, *taken])) > limit:
            break
        taken.insert(0, sentence)
    return " ".join(taken)
