"""How well the cited procedure steps fit the ticket and the criterion, on the labelled
citation pairs (tests/eval_set/citation_pairs.jsonl, labelled by reading; see LABELLING.md),
and the thresholds of tqrs.knowledge.citing chosen on the `tune` half.

Every pair names an incident, a criterion and every section of the knowledge documents that
fits it (none: nothing should be cited). The documents are the sample SOPs
(data/samples/knowledge/) and the public playbooks in tests/eval_set/knowledge/ (SOURCES.md).
In a temporary database they are added to the knowledge base with the local embedder, the
incidents' texts are embedded, and for each pair the section the criterion would cite is
compared with the label:

- precision: cited sections that fit / sections cited;
- coverage: pairs with a fitting section where a fitting section is cited / those pairs;
- silent: pairs with nothing to cite where nothing is cited / those pairs.

`--baseline` measures what was cited before issue 16: the passage nearest the ticket (score
at least 0.3), whatever the criterion. `--grid` searches the thresholds on the chosen split
(use it on `tune` only) and prints the best by F1 of precision and coverage.

    .venv/bin/python scripts/tune_citations.py [--split tune|report|all] [--baseline] [--grid]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tqrs.embeddings import embed_cached, get_embedder  # noqa: E402
from tqrs.knowledge import add_documents  # noqa: E402
from tqrs.knowledge.citing import CitingParams, StepIndex  # noqa: E402
from tqrs.knowledge.documents import FORMATS  # noqa: E402
from tqrs.knowledge.tickets import embedding_text  # noqa: E402
from tqrs.store import Store  # noqa: E402
from tqrs.store import knowledge as db  # noqa: E402

EVAL_SET = ROOT / "tests" / "eval_set"
DOCUMENTS = [ROOT / "data" / "samples" / "knowledge", EVAL_SET / "knowledge"]


def load_pairs(split: str) -> list[dict]:
    lines = (EVAL_SET / "citation_pairs.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    return [r for r in rows if split == "all" or r["split"] == split]


def fit_of(pair: dict, section: tuple[str, str] | None) -> bool | None:
    """None when nothing is cited, else whether the cited (file, section) fits."""
    if section is None:
        return None
    return any((f["source"], f["heading"]) == section for f in pair["fits"])


def score(pairs: list[dict], cited: list[tuple[str, str] | None]) -> dict:
    """precision, coverage and silence of one citation per pair (None: nothing cited)."""
    fits = [fit_of(p, c) for p, c in zip(pairs, cited, strict=True)]
    n_cited = sum(f is not None for f in fits)
    fitting = sum(f is True for f in fits)
    with_fit = [f for p, f in zip(pairs, fits, strict=True) if p["fits"]]
    without = [f for p, f in zip(pairs, fits, strict=True) if not p["fits"]]
    precision = fitting / n_cited if n_cited else None
    coverage = sum(f is True for f in with_fit) / len(with_fit) if with_fit else None
    f1 = 2 * precision * coverage / (precision + coverage) if precision and coverage else 0.0
    return {
        "pairs": len(pairs),
        "cited": n_cited,
        "fitting": fitting,
        "precision": precision,
        "with_fit": len(with_fit),
        "covered": sum(f is True for f in with_fit),
        "coverage": coverage,
        "without_fit": len(without),
        "silent": sum(f is None for f in without),
        "f1": f1,
    }


class Bench:
    """The knowledge base and the incidents' vectors, in a temporary database."""

    def __init__(self, store: Store):
        self.store = store
        self.embedder = get_embedder()
        paths = sorted(p for d in DOCUMENTS for p in d.iterdir() if p.suffix.lower() in FORMATS)
        add_documents(self.store, self.embedder, paths)
        self.chunks, self.chunk_vectors = db.all_chunks(self.store, self.embedder.model_id)
        records = json.loads((EVAL_SET / "tickets.json").read_text(encoding="utf-8"))["records"]
        self.texts = {
            r["number"]: embedding_text(r["short_description"], r["description"], r["close_notes"])
            for r in records
        }

    def vectors(self, numbers: list[str]) -> np.ndarray:
        return embed_cached(self.store, self.embedder, [self.texts[n] for n in numbers])

    def cite(self, pairs: list[dict], params: CitingParams) -> list[tuple[str, str] | None]:
        criteria = tuple(sorted({p["criterion_id"] for p in pairs}))
        if getattr(self, "_index", None) is None or self._index.criteria != criteria:
            self._index = StepIndex(self.store, self.embedder, self.chunks, criteria)
            self._rows = self.vectors([p["number"] for p in pairs])
        self._index.params = params
        chosen = self._index.cite(self._rows)
        out = []
        for pair, by_criterion in zip(pairs, chosen, strict=True):
            step = by_criterion.get(pair["criterion_id"])
            out.append(
                None
                if step is None
                else (step.passage.document, step.passage.heading.split(" > ")[-1])
            )
        return out

    def baseline(self, pairs: list[dict], min_score: float = 0.3) -> list:
        """Before issue 16: the chunk nearest the ticket, for every criterion."""
        sims = self.vectors([p["number"] for p in pairs]) @ self.chunk_vectors.T
        out = []
        for row in sims:
            i = int(np.argmax(row))
            chunk = self.chunks[i]
            out.append(
                (chunk["document"], chunk["heading"].split(" > ")[-1])
                if row[i] >= min_score
                else None
            )
        return out


GRID = {
    "min_topic": [0.2, 0.25, 0.3, 0.35, 0.4],
    "topic_margin": [0.03, 0.06, 0.1, 0.15, 1.0],
    "min_step": [0.2, 0.25, 0.3, 0.35, 0.4],
    "focus_weight": [0.0, 0.25, 0.5, 0.75, 1.0],
}


def _fmt(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def describe(name: str, s: dict) -> str:
    return (
        f"{name}: precision {s['fitting']}/{s['cited']} ({_fmt(s['precision'])}), "
        f"coverage {s['covered']}/{s['with_fit']} ({_fmt(s['coverage'])}), "
        f"silent {s['silent']}/{s['without_fit']} on {s['pairs']} pairs"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "report", "all"), default="tune")
    parser.add_argument("--baseline", action="store_true", help="also measure the old choice")
    parser.add_argument("--grid", action="store_true", help="search the thresholds")
    parser.add_argument("--top", type=int, default=10, help="grid results printed")
    parser.add_argument("--show", action="store_true", help="print each pair's citation")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    pairs = load_pairs(args.split)
    with (
        tempfile.TemporaryDirectory(prefix="tqrs-cite-") as tmp,
        Store(Path(tmp) / "tune.duckdb") as store,
    ):
        bench = Bench(store)
        figures = {"split": args.split}
        if args.baseline:
            figures["baseline"] = score(pairs, bench.baseline(pairs))
        cited = bench.cite(pairs, CitingParams())
        figures["steps"] = score(pairs, cited)
        if args.show:
            for pair, section in zip(pairs, cited, strict=True):
                mark = {None: " ", True: "+", False: "x"}[fit_of(pair, section)]
                print(f"{mark} {pair['number']} {pair['criterion_id']:18} {section}")
        if args.grid:
            results = []
            for values in itertools.product(*GRID.values()):
                params = CitingParams(**dict(zip(GRID, values, strict=True)))
                results.append((score(pairs, bench.cite(pairs, params)), params))
            results.sort(key=lambda r: (-r[0]["f1"], -(r[0]["precision"] or 0)))
            for s, params in results[: args.top]:
                print(f"{params}: f1 {s['f1']:.3f} " + describe("", s))
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"citation pairs, split {args.split}")
        for name in ("baseline", "steps"):
            if name in figures:
                print("  " + describe(name, figures[name]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
