"""Spike learn39: would a small learned combiner over the rules' own verdict and sentence
embeddings of the ticket's text generalise to a new author better than the hand rules alone?

Measured on the eval set's **tune half only** (tests/eval_set/, split `tune`), leave one
author out: an incident's author is its number's prefix (INC20NN; the small old prefixes are
grouped, in number order, until each group holds at least 30 tune incidents). For each
held-out author a regularised logistic regression is trained on every other tune author and
predicts the held-out one; its regularisation is chosen by a grouped cross-validation inside
the training authors only.

Criteria (label -> rubric, criterion, the text it reads):
  ts  incident_handling troubleshooting      work notes + comments + close notes
  uc  incident_handling user_confirmation    work notes + comments + close notes
  rq  incident_handling resolution_quality   work notes + comments + close notes
  dq  incident_logging  description_quality  short description + description

Features per (incident, criterion): the rules' verdict (flagged as eval_quality.py reads it:
costs points or auto-fails), the option chosen (one-hot), whether a rule or the heuristic
judge decided, points/max, the text's sentence count, and the mean of the sentence embeddings
(all-MiniLM-L6-v2, as tqrs.embeddings loads it) of the text the criterion reads, reduced to
its first --dims principal components (fitted on the training authors). The classifier is
an L2 logistic regression in numpy (Newton's method). Two controls: "rule-feat" (the same
model on the rule features alone) and "text-only" (the embeddings alone, no rule verdict).

Honesty: the report half is never loaded. Only the tune incidents are written to a tickets
file of their own (/tmp/learn39/tune_tickets.json), ingested and scored offline with the
public CLI (eval_quality.py's helpers); no report incident is ever scored, embedded or read.

Everything heavy runs once and is cached under /tmp/learn39/ (reports, sentence vectors, the
costs measured then); delete that folder to measure again. From the dev venv:

    .venv/bin/python scripts/spike_learned_combiner.py [--flips N] [--dims 32]

prints, per criterion: errors (FP+FN) summed over held-out authors for the rules alone and the
combiner, precision and recall of each, the combiner's flips (to right / to wrong), the same
on the newest authors (INC2058-INC2063), the cost (embedding vs offline-judge time per ticket,
memory), and with --flips N the first N flips with the nearest labelled training sentences
that could explain them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import eval_quality as eq  # noqa: E402

CACHE = Path(os.environ.get("LEARN39_CACHE", "/tmp/learn39"))
CRITERIA = {
    "ts": ("incident_handling", "troubleshooting", "notes"),
    "uc": ("incident_handling", "user_confirmation", "notes"),
    "rq": ("incident_handling", "resolution_quality", "notes"),
    "dq": ("incident_logging", "description_quality", "description"),
}
RUBRICS = ("incident_logging", "incident_handling")
NEWEST = tuple(f"INC20{n}" for n in range(58, 64))
MIN_FOLD = 30
C_GRID = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
INNER_FOLDS = 3
PCA_DIM = 32  # embedding components kept (fitted on the training authors of each fold)
# a journal entry's header: "2026-11-23 04:10:00 - Kieran Doyle (on call) (Work notes)"
_HEADER = re.compile(r"^\s*\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d)?\s+-\s+.*\((?:Work notes|Additional comments|Comments)\)\s*$", re.M | re.I)  # fmt: skip
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])|\n+")


# ---------------------------------------------------------------- the tune half, and nothing else


def load_tune() -> tuple[list[dict], dict[str, dict]]:
    """The tune labels of the four criteria, and the tune incidents' records (by number).
    The report half is filtered out as the files are read."""
    labels = [
        r
        for r in map(json.loads, (eq.EVAL_SET / "labels.jsonl").read_text().splitlines())
        if r["split"] == "tune"
        and any((r["rubric"], r["criterion_id"]) == c[:2] for c in CRITERIA.values())
    ]
    numbers = {r["number"] for r in labels}
    data = json.loads((eq.EVAL_SET / "tickets.json").read_text(encoding="utf-8"))
    records = data["records"] if isinstance(data, dict) else data
    return labels, {t["number"]: t for t in records if t["number"] in numbers}


def score_tune(records: dict[str, dict]) -> tuple[dict, dict, dict]:
    """The offline verdicts of the tune incidents (reports, option kinds) and the judge's time,
    scored once with the public CLI on a tickets file holding the tune incidents only."""
    done = CACHE / "scored.json"
    if done.is_file():
        saved = json.loads(done.read_text())
        kinds = {tuple(k.split("/")): v for k, v in saved["kinds"].items()}
        return saved["reports"], kinds, saved["cost"]
    workdir = CACHE / "score"
    workdir.mkdir(parents=True, exist_ok=True)
    tickets = CACHE / "tune_tickets.json"
    tickets.write_text(json.dumps({"records": list(records.values())}), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "TQRS_AZURE_"))}
    env["TQRS_DB"] = str(workdir / "eval.duckdb")
    env["TQRS_REPORTS_DIR"] = str(workdir / "reports")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    session = eq.run_tqrs(["ingest", str(tickets), "--name", "learn39 tune"], env)
    session_id = session.strip().splitlines()[-1]
    kinds = eq.option_kinds(env)
    reports, cost = {}, {}
    for rubric in RUBRICS:
        start = time.perf_counter()
        out = eq.run_tqrs(["evaluate", session_id, "--offline", "--rubric", rubric], env)
        cost[f"judge_s_{rubric}"] = time.perf_counter() - start
        run = re.search(r"^run (\d+)\b", out, re.MULTILINE)
        path = workdir / f"{rubric}.json"
        args = ["report", session_id, "--format", "json", "--out", str(path)]
        eq.run_tqrs(args + (["--run", run.group(1)] if run else []), env)
        reports[rubric] = json.loads(path.read_text(encoding="utf-8"))
    cost["tickets"] = len(records)
    saved = {"reports": reports, "kinds": {"/".join(k): v for k, v in kinds.items()}, "cost": cost}
    done.write_text(json.dumps(saved))
    return reports, kinds, cost


# ---------------------------------------------------------------- text and embeddings


def criterion_text(record: dict, kind: str) -> str:
    if kind == "description":
        return f"{record.get('short_description') or ''}\n{record.get('description') or ''}"
    notes = [record.get(f) or "" for f in ("work_notes", "comments", "close_notes")]
    return _HEADER.sub("", "\n".join(notes))


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if len(s.strip()) > 2]


def embed_tune(records: dict[str, dict]) -> tuple[dict[tuple[str, str], np.ndarray], dict]:
    """(number, text kind) -> the sentence vectors of that text, embedded once and cached;
    and the cost of embedding (seconds, peak memory)."""
    vectors_file, cost_file = CACHE / "sentences.npz", CACHE / "embed_cost.json"
    keys = [(n, kind) for n in sorted(records) for kind in ("notes", "description")]
    split = {k: sentences(criterion_text(records[k[0]], k[1])) for k in keys}
    if not vectors_file.is_file():
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        from tqrs.embeddings import get_embedder

        embedder = get_embedder()
        start = time.perf_counter()
        embedder.embed(["warm up: load the model"])
        load_s = time.perf_counter() - start
        unique = sorted({s for ss in split.values() for s in ss})
        start = time.perf_counter()
        vectors = embedder.embed(unique)
        embed_s = time.perf_counter() - start
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        np.savez_compressed(vectors_file, sentences=np.array(unique, dtype=object), vectors=vectors)
        cost = {
            "model": embedder.model_id,
            "load_s": load_s,
            "embed_s": embed_s,
            "sentences": len(unique),
            "tickets": len(records),
            "threads": __import__("torch").get_num_threads(),
            "peak_rss_mb": rss_after / 1024,
            "rss_before_model_mb": rss_before / 1024,
        }
        cost_file.write_text(json.dumps(cost))
    saved = np.load(vectors_file, allow_pickle=True)
    index = {s: i for i, s in enumerate(saved["sentences"])}
    vectors = saved["vectors"]
    dim = vectors.shape[1]
    out = {
        k: (vectors[[index[s] for s in ss]] if ss else np.zeros((0, dim), np.float32))
        for k, ss in split.items()
    }
    return out, json.loads(cost_file.read_text())


# ---------------------------------------------------------------- authors and folds


def author_of(number: str) -> str:
    return number[:7]


def folds(numbers: list[str]) -> dict[str, str]:
    """number -> fold: its author (INC20NN from INC2010 on); the smaller, older prefixes are
    grouped in number order until each group holds MIN_FOLD incidents (a short last group
    joins the one before)."""
    count = Counter(author_of(n) for n in numbers)
    old = sorted(p for p in count if p < "INC2010")
    groups: list[list[str]] = []
    for prefix in old:
        if not groups or sum(count[p] for p in groups[-1]) >= MIN_FOLD:
            groups.append([])
        groups[-1].append(prefix)
    if len(groups) > 1 and sum(count[p] for p in groups[-1]) < MIN_FOLD:
        groups[-2] += groups.pop()
    name = {p: p for p in count}
    for group in groups:
        for p in group:
            name[p] = group[0] if len(group) == 1 else f"{group[0]}..{group[-1][3:]}"
    return {n: name[author_of(n)] for n in numbers}


# ---------------------------------------------------------------- the combiner


def features(
    code: str, numbers: list[str], reports: dict, kinds: dict, vectors: dict
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """(rule feature block, embedding block, the rules' flagged verdict, option names)."""
    rubric, crit_id, text = CRITERIA[code]
    info = kinds[(rubric, crit_id)]
    options = sorted(info["kinds"])
    by_number = {
        t["number"]: next(c for c in t["criteria"] if c["id"] == crit_id)
        for t in reports[rubric]["tickets"]
    }
    rule_rows, emb_rows, flagged = [], [], []
    for n in numbers:
        crit = by_number[n]
        got = eq.verdict(crit, info["kinds"])
        one_hot = [float(crit.get("option") == o) for o in options]
        ratio = (crit.get("points") or 0) / crit["max"] if crit.get("max") else 1.0
        sents = vectors[(n, text)]
        rule_rows.append(
            [
                float(got == "flagged"),
                float(got not in ("flagged", "clear")),
                float(crit.get("method") == "rule"),
                ratio,
                *one_hot,
                np.log1p(len(sents)),
            ]
        )
        emb_rows.append(sents.mean(axis=0) if len(sents) else np.zeros(vectors_dim(vectors)))
        flagged.append(got == "flagged")
    return np.array(rule_rows), np.array(emb_rows), np.array(flagged), options


def vectors_dim(vectors: dict) -> int:
    return next(iter(vectors.values())).shape[1]


def _fit(x: np.ndarray, y: np.ndarray, c: float, steps: int = 30) -> np.ndarray:
    """Weights (intercept first) of an L2-regularised logistic regression (penalty 1/c, the
    intercept unpenalised), by Newton's method: small and fast on a few dozen features."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    penalty = np.full(xb.shape[1], 1.0 / c)
    penalty[0] = 0.0
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def _predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return (w[0] + x @ w[1:]) > 0


def _groups_split(groups: np.ndarray, k: int) -> list[np.ndarray]:
    """k inner validation masks, each a set of whole training authors (round robin)."""
    names = sorted(set(groups))
    return [np.isin(groups, names[i::k]) for i in range(k)]


def choose_c(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> float:
    """The regularisation with the fewest errors (ties: the stronger) in a grouped
    cross-validation over the training authors only."""
    errors = Counter()
    for test in _groups_split(groups, INNER_FOLDS):
        for c in C_GRID:
            w = _fit(x[~test], y[~test], c)
            errors[c] += int((_predict(w, x[test]) != y[test]).sum())
    return min(C_GRID, key=lambda c: (errors[c], c))


def _transform(rule_x: np.ndarray, emb_x: np.ndarray | None, train: np.ndarray, dims: int):
    """Standardised features fitted on the training rows: the rule block, and the embedding
    block reduced to its first `dims` principal components (of the training rows)."""
    blocks = [rule_x]
    if emb_x is not None:
        mean = emb_x[train].mean(axis=0)
        _, _, vt = np.linalg.svd(emb_x[train] - mean, full_matrices=False)
        blocks.append((emb_x - mean) @ vt[:dims].T)
    x = np.hstack(blocks)
    mu, sd = x[train].mean(axis=0), x[train].std(axis=0)
    return (x - mu) / np.where(sd > 0, sd, 1.0)


def leave_one_author_out(
    rule_x: np.ndarray, emb_x: np.ndarray | None, y, fold, dims: int = PCA_DIM
) -> tuple:
    """Held-out predictions for each fold, and the regularisation chosen per fold."""
    predicted = np.zeros(len(y), dtype=bool)
    chosen = {}
    for held in sorted(set(fold)):
        train, test = fold != held, fold == held
        x = _transform(rule_x, emb_x, train, dims)
        c = choose_c(x[train], y[train].astype(float), fold[train])
        w = _fit(x[train], y[train].astype(float), c)
        predicted[test] = _predict(w, x[test])
        chosen[held] = c
    return predicted, chosen


# ---------------------------------------------------------------- figures


def confusion(pred: np.ndarray, y: np.ndarray) -> dict:
    tp, fp = int((pred & y).sum()), int((pred & ~y).sum())
    fn = int((~pred & y).sum())
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "errors": fp + fn,
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
    }


def _p(value) -> str:
    return "  —  " if value is None else f"{value:.3f}"


def flips_row(rules: np.ndarray, combined: np.ndarray, y: np.ndarray) -> tuple[int, int, int]:
    flipped = rules != combined
    return (
        int(flipped.sum()),
        int((flipped & (combined == y)).sum()),
        int((flipped & (rules == y)).sum()),
    )


def explain(
    i: int, numbers: list[str], y: np.ndarray, fold: np.ndarray, sents: dict, records: dict,
    text: str, k: int = 4,
) -> list[str]:  # fmt: skip
    """The k labelled sentences of other authors nearest (cosine) to one of the incident's own
    sentences, each with its incident's label: what an analyst could show for a flip."""

    def said(n: str) -> list[str]:
        return sentences(criterion_text(records[n], text))

    mine = sents[(numbers[i], text)]
    if not len(mine):
        return ["(no text)"]
    pool, owner, where = [], [], []
    for j, n in enumerate(numbers):
        if fold[j] != fold[i] and len(sents[(n, text)]):
            pool.append(sents[(n, text)])
            owner += [j] * len(sents[(n, text)])
            where += range(len(sents[(n, text)]))
    sims = mine @ np.vstack(pool).T
    best = np.argsort(-sims.max(axis=0))[:k]
    lines = []
    for b in best:
        r, j = int(sims[:, b].argmax()), owner[b]
        lines.append(
            f"{sims[r, b]:.2f} {numbers[j]} ({'defect' if y[j] else 'no defect'}): "
            f"{said(numbers[j])[where[b]][:70]!r} ~ own {said(numbers[i])[r][:50]!r}"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flips", type=int, default=0, help="show N flips with neighbours")
    parser.add_argument("--dims", type=int, default=PCA_DIM, help="embedding components kept")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    labels, records = load_tune()
    reports, kinds, judge_cost = score_tune(records)
    vectors, embed_cost = embed_tune(records)
    truth = {(r["number"], r["criterion_id"]): r["defect"] is True for r in labels}
    numbers = sorted(records)
    fold_of = folds(numbers)
    fold = np.array([fold_of[n] for n in numbers])
    newest = np.array([n.startswith(NEWEST) for n in numbers])
    sizes = Counter(fold_of.values())
    print(
        f"tune half only: {len(numbers)} incidents, {len(sizes)} held-out folds "
        f"(smallest {min(sizes.values())}: {', '.join(f for f, s in sizes.items() if s < 30)}); "
        f"newest authors {'-'.join((NEWEST[0], NEWEST[-1]))}: {int(newest.sum())} incidents"
    )
    head = (
        f"{'':4}{'variant':10}{'sup':>5}{'FP':>5}{'FN':>5}{'err':>5}{'prec':>7}{'rec':>7}"
        f"{'flips':>7}{'->right':>8}{'->wrong':>8} | newest: {'sup':>4}{'err':>5}{'flips':>6}"
        f"{'->R':>5}{'->W':>5}"
    )
    print(head)
    totals = defaultdict(Counter)
    shown = []
    from threadpoolctl import threadpool_limits  # small matrices: one BLAS thread is faster

    limit = threadpool_limits(1, "blas")
    for code, (_, crit_id, text) in CRITERIA.items():
        y = np.array([truth[(n, crit_id)] for n in numbers])
        rule_x, emb_x, rules, _ = features(code, numbers, reports, kinds, vectors)
        variants = {"rules": rules}
        variants["rule-feat"], c_rule = leave_one_author_out(rule_x, None, y, fold)
        variants["combiner"], c_comb = leave_one_author_out(rule_x, emb_x, y, fold, args.dims)
        no_rules = np.zeros((len(y), 0))
        variants["text-only"], c_text = leave_one_author_out(no_rules, emb_x, y, fold, args.dims)
        for name, pred in variants.items():
            m, mn = confusion(pred, y), confusion(pred[newest], y[newest])
            f, fr, fw = flips_row(rules, pred, y)
            g, gr, gw = flips_row(rules[newest], pred[newest], y[newest])
            totals[name].update(
                {"errors": m["errors"], "flips": f, "right": fr, "wrong": fw, "new": mn["errors"]}
            )
            print(
                f"{code:4}{name:10}{int(y.sum()):>5}{m['fp']:>5}{m['fn']:>5}{m['errors']:>5}"
                f"{_p(m['precision']):>7}{_p(m['recall']):>7}{f:>7}{fr:>8}{fw:>8} | "
                f"{'':8}{int(y[newest].sum()):>4}{mn['errors']:>5}{g:>6}{gr:>5}{gw:>5}"
            )
        print(
            f"{'':4}C chosen per fold (combiner): {dict(Counter(c_comb.values()))}; "
            f"(rule features only): {dict(Counter(c_rule.values()))}; "
            f"(text only): {dict(Counter(c_text.values()))}"
        )
        idx = np.flatnonzero(rules != variants["combiner"])
        shown += [(code, text, i, y, rules) for i in idx[: args.flips]]
    limit.restore_original_limits()
    for name, t in totals.items():
        print(
            f"all {name:10} errors {t['errors']}, flips {t['flips']} "
            f"({t['right']} right, {t['wrong']} wrong); newest authors' errors {t['new']}"
        )
    n = judge_cost["tickets"]
    judge = sum(v for k, v in judge_cost.items() if k.startswith("judge_s_")) / n
    per = embed_cost["embed_s"] / embed_cost["tickets"]
    print(
        f"cost: offline judge {judge * 1000:.1f} ms/ticket (both rubrics, CLI evaluate, "
        f"{n} tickets); embedding {per * 1000:.1f} ms/ticket ({embed_cost['sentences']} "
        f"distinct sentences, {embed_cost['threads']} torch threads) = {per / judge:.2f}x the "
        f"judge, plus {embed_cost['load_s']:.1f} s to load the model once; peak RSS "
        f"{embed_cost['peak_rss_mb']:.0f} MB (before the model {embed_cost['rss_before_model_mb']:.0f} MB)"
    )
    for code, text, i, y, rules in shown:
        print(
            f"\nflip {code} {numbers[i]}: rules {'flag' if rules[i] else 'clear'}, label "
            f"{'defect' if y[i] else 'no defect'}; nearest training sentences:"
        )
        for line in explain(i, numbers, y, fold, vectors, records, text):
            print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
