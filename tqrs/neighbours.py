"""How far each ticket's score is from the scores of its most similar tickets in the same
run: a large gap means the judge scored much like-for-like work differently, which is worth
a human look. Uses the session's ticket vectors when they were embedded (Knowledge page or
`tqrs kb`); returns nothing otherwise, never embeds on its own."""

import numpy as np

from tqrs.store import Store
from tqrs.store import knowledge as kb

K = 5
BLOCK = 1024  # rows per matrix product: 1024 x 10,000 floats stays ~40 MB


def neighbour_gaps(
    store: Store, session_id: int, percents: dict[int, float], k: int = K
) -> dict[int, float]:
    """ticket id -> |percent - mean percent of its k nearest scored neighbours|."""
    models = kb.ticket_models(store, session_id)
    if not models:
        return {}
    ids, vectors = kb.session_vectors(store, session_id, models[0])
    keep = [i for i, t in enumerate(ids) if percents.get(t) is not None]
    if len(keep) <= k:
        return {}
    ids = [ids[i] for i in keep]
    vectors = vectors[keep]
    scores = np.array([percents[t] for t in ids])
    out = {}
    for start in range(0, len(ids), BLOCK):
        sims = vectors[start : start + BLOCK] @ vectors.T
        rows = np.arange(sims.shape[0])
        sims[rows, rows + start] = -np.inf  # not its own neighbour
        nearest = np.argpartition(-sims, k, axis=1)[:, :k]
        means = scores[nearest].mean(axis=1)
        for row, mean in zip(rows, means, strict=True):
            out[ids[start + row]] = float(abs(scores[start + row] - mean))
    return out
