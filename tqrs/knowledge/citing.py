"""Which procedure step, if any, a criterion of a ticket cites.

A passage is cited for a criterion only when all of these hold:
- it is a procedure step (tqrs.knowledge.steps), never a header, title, metadata line or a
  front-matter section;
- its document is about the ticket: the ticket is near the document's topic (its title and
  section headings), at least MIN_TOPIC, and no more than TOPIC_MARGIN below the document
  nearest the ticket (a virus ticket does not cite the password SOP because both mention a
  password);
- the step itself is near the ticket, at least MIN_STEP.
Among the steps left, the one nearest the ticket plus FOCUS_WEIGHT times its nearness to what
the criterion checks (CRITERION_FOCUS: the validation step for a critical process, a
diagnostic step for troubleshooting) is cited. When no step qualifies nothing is cited:
citing nothing beats citing something unrelated.

The thresholds were chosen on the `tune` half of tests/eval_set/citation_pairs.jsonl
(scripts/tune_citations.py); the README quotes the `report` half. Vectors are the local
embedder's (tqrs.embeddings), cached in the store like every other text, so a knowledge base
costs its steps' embedding once."""

from dataclasses import dataclass

import numpy as np

from tqrs.embeddings import Embedder, embed_cached
from tqrs.knowledge.base import Passage
from tqrs.knowledge.steps import front_matter, section_steps
from tqrs.store import Store

# What each criterion a procedure informs checks, as a reader would look for it in a
# procedure (embedded once; compared with every step). Troubleshooting has none: the step
# that bears on it is the one about the ticket's fault, whatever its wording.
CRITERION_FOCUS: dict[str, str | None] = {
    "critical_process": (
        "Mandatory security control before or after the action: verify the caller's "
        "identity before a password reset or unlock; lock and remotely wipe a lost or "
        "stolen device and notify Information Security; isolate an infected computer from "
        "the network and notify Security."
    ),
    "troubleshooting": None,
    "resolution_quality": (
        "How the issue is resolved and what the close notes must record: the fix applied, "
        "the cause found and confirmation that it works."
    ),
}
MIN_TOPIC = 0.30
TOPIC_MARGIN = 0.10
MIN_STEP = 0.35
FOCUS_WEIGHT = 0.75
TOPIC_CHARS = 400  # of front matter read with the title: the scope, not the whole preface


@dataclass(frozen=True)
class CitingParams:
    min_topic: float = MIN_TOPIC
    topic_margin: float = TOPIC_MARGIN
    min_step: float = MIN_STEP
    focus_weight: float = FOCUS_WEIGHT


@dataclass(frozen=True)
class StepCitation:
    """One step of a section, cited for a criterion: `passage` is the section's chunk (its
    citation names the file and section), `step` the sentence quoted."""

    passage: Passage
    step: str
    score: float

    def cite(self) -> str:
        return self.passage.cite()


class StepIndex:
    """The steps of a knowledge base and their vectors, its documents' topic vectors and the
    criteria's focus vectors; `cite` picks each criterion's step for a batch of tickets."""

    def __init__(
        self,
        store: Store,
        embedder: Embedder,
        chunks: list[dict],
        criteria: tuple[str, ...],
        params: CitingParams | None = None,
    ):
        self.params = params or CitingParams()
        self.criteria = tuple(c for c in criteria if c in CRITERION_FOCUS)
        self.passages: list[Passage] = []
        self.steps: list[str] = []
        self._doc_of: list[int] = []
        documents: dict[int, list[str]] = {}  # document id -> [title, front matter]
        seen = set()
        for chunk in chunks:
            doc = documents.setdefault(chunk["document_id"], [chunk["title"]])
            if front_matter(chunk["heading"], chunk["title"]):
                doc.append(chunk["text"])
                continue
            for step in section_steps(chunk["text"]):
                key = (chunk["document_id"], chunk["heading"], step)
                if key not in seen:
                    seen.add(key)
                    self.passages.append(passage_of(chunk))
                    self.steps.append(step)
                    self._doc_of.append(chunk["document_id"])
        self._doc_ids = list(documents)
        self._doc_index = np.array([self._doc_ids.index(d) for d in self._doc_of], dtype=int)
        texts = [f"{p.heading}\n{s}" for p, s in zip(self.passages, self.steps, strict=True)] + [
            _topic(documents[d]) for d in self._doc_ids
        ]
        focused = [c for c in self.criteria if CRITERION_FOCUS[c]]
        texts += [CRITERION_FOCUS[c] for c in focused]
        vectors = embed_cached(store, embedder, texts) if texts else np.zeros((0, 0))
        n, m = len(self.steps), len(self._doc_ids)
        self._step_vectors = vectors[:n]
        self._doc_vectors = vectors[n : n + m]
        self._focus = {c: np.zeros(n, np.float32) for c in self.criteria}
        for i, c in enumerate(focused):
            self._focus[c] = vectors[n + m + i] @ self._step_vectors.T

    @property
    def empty(self) -> bool:
        return not self.steps or not self.criteria

    def cite(self, rows: np.ndarray) -> list[dict[str, StepCitation]]:
        """Per ticket vector, criterion id -> the step it cites (criteria with none left
        out)."""
        if self.empty or not len(rows):
            return [{} for _ in range(len(rows))]
        p = self.params
        step_sims = rows @ self._step_vectors.T
        doc_sims = rows @ self._doc_vectors.T
        best_doc = doc_sims.max(axis=1, keepdims=True)
        topical = (doc_sims >= p.min_topic) & (doc_sims >= best_doc - p.topic_margin)
        eligible = topical[:, self._doc_index] & (step_sims >= p.min_step)
        out: list[dict[str, StepCitation]] = [{} for _ in range(len(rows))]
        for c in self.criteria:
            scores = np.where(eligible, step_sims + p.focus_weight * self._focus[c], -np.inf)
            best = scores.argmax(axis=1)
            for i, j in enumerate(best):
                if np.isfinite(scores[i, j]):
                    out[i][c] = StepCitation(self.passages[j], self.steps[j], float(scores[i, j]))
        return out


def _topic(parts: list[str]) -> str:
    """What a document is about: its title and the opening of its front matter (scope,
    purpose, overview), where documents say what they apply to."""
    title, front = parts[0], " ".join(" ".join(parts[1:]).split())
    return f"{title}\n{front[:TOPIC_CHARS]}" if TOPIC_CHARS else title


def passage_of(chunk: dict, score: float = 0.0) -> Passage:
    """A chunk row (tqrs.store.knowledge.all_chunks) as a Passage."""
    return Passage(
        document_id=chunk["document_id"],
        document=chunk["document"],
        title=chunk["title"],
        position=chunk["position"],
        heading=chunk["heading"],
        text=chunk["text"],
        score=round(score, 4),
    )
