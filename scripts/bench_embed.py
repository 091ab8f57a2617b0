"""Embedding throughput and vector search speed, on this machine.

1. The same ticket texts through the bare SentenceTransformer.encode and through TQRS's
   embedder with the DuckDB cache cold (hashing, lookup, model, insert): both throughputs and
   their ratio (the bar: at least 0.8). Then the same texts again, all cached.
2. 100,000 random normalised vectors stored as knowledge chunks in a temp DuckDB; 50 top-10
   searches through the query the knowledge base uses: the median and p95 in ms (the bar: a
   median under 100 ms), and the bare scans with array_inner_product and
   array_cosine_similarity for comparison. The machine may be shared: the load average is
   printed, and each query's CPU time, which other processes do not inflate.

Run: PYTHONPATH=. .venv/bin/python scripts/bench_embed.py [--texts 2000] [--vectors 100000]"""

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from tqrs.embeddings import (  # noqa: E402
    BATCH_SIZE,
    SentenceTransformerEmbedder,
    embed_cached,
    packaged_model_path,
)
from tqrs.store import Store  # noqa: E402
from tqrs.store import knowledge as db  # noqa: E402

PROBLEMS = [
    "cannot log in to {app}",
    "{app} is very slow since this morning",
    "password expired for {app}",
    "{device} not working after the update",
    "error 0x{code:04X} when opening {app}",
    "VPN disconnects while using {app}",
    "{device} shows a paper jam",
    "lost {device} on the train",
    "no sound on {device}",
    "{app} crashes when saving a file",
    "access request for the {app} shared folder",
]
APPS = ["Outlook", "SAP", "Teams", "the HR portal", "Excel", "ServiceNow", "OneDrive", "Citrix"]
DEVICES = ["laptop", "printer", "phone", "docking station", "monitor", "headset", "tablet"]
DETAILS = [
    "User called the service desk from {site}.",
    "Restarted the {device}, no change.",
    "Cleared the cache and signed in again.",
    "Issue affects {n} colleagues in {site}.",
    "Caller validated with employee ID and SMS code.",
    "Escalated to the {app} support group with logs attached.",
    "Reinstalled the client from Software Center and tested with the user.",
]
SITES = ["Oslo", "Bergen", "the Rotterdam warehouse", "Hamburg", "head office", "home"]


def ticket_texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for i in range(n):
        values = dict(
            app=rng.choice(APPS),
            device=rng.choice(DEVICES),
            site=rng.choice(SITES),
            code=rng.randrange(65536),
            n=rng.randrange(2, 40),
        )
        short = rng.choice(PROBLEMS).format(**values).capitalize()
        body = " ".join(rng.choice(DETAILS).format(**values) for _ in range(rng.randrange(2, 6)))
        texts.append(f"{short} (ref {i})\n{body}")
    return texts


def bench_embedding(n: int, slices: int = 8) -> None:
    """Bare and ours take turns on slices of the texts (ABBA), so that the load of a shared
    machine falls on both alike; each slice is new to the cache."""
    from sentence_transformers import SentenceTransformer

    path = packaged_model_path()
    texts = ticket_texts(n)
    bare = SentenceTransformer(str(path), device="cpu")
    ours = SentenceTransformerEmbedder(path)
    bare.encode(texts[:64], batch_size=BATCH_SIZE, normalize_embeddings=True)  # warm up
    ours.embed(texts[:64])
    size = -(-n // slices)
    seconds = {"bare": 0.0, "ours": 0.0}
    cpu_seconds = {"bare": 0.0, "ours": 0.0}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:

        def run_bare(part):
            bare.encode(
                part, batch_size=BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True
            )

        def run_ours(part):
            embed_cached(store, ours, part)

        for i in range(slices):
            part = texts[i * size : (i + 1) * size]
            order = [(run_bare, "bare"), (run_ours, "ours")]
            for run, side in order if i % 2 == 0 else order[::-1]:
                start, start_cpu = time.perf_counter(), time.process_time()
                run(part)
                seconds[side] += time.perf_counter() - start
                cpu_seconds[side] += time.process_time() - start_cpu
        start = time.perf_counter()
        embed_cached(store, ours, texts)
        cached_s = time.perf_counter() - start
    print(
        f"embedding {n:,} ticket texts (batch {BATCH_SIZE}, {os.cpu_count()} cores, "
        f"{slices} alternating slices, load average {os.getloadavg()[0]:.1f})"
    )
    print(f"  bare SentenceTransformer.encode: {n / seconds['bare']:8.1f} texts/s")
    print(f"  tqrs embed_cached, cache cold:   {n / seconds['ours']:8.1f} texts/s")
    print(
        f"  ratio: {seconds['bare'] / seconds['ours']:.3f}  (bar: >= 0.8); by CPU time "
        f"{cpu_seconds['bare'] / cpu_seconds['ours']:.3f}"
    )
    print(f"  tqrs embed_cached, all cached:   {n / cached_s:8.1f} texts/s")


def bench_search(n: int, queries: int = 50) -> None:
    """The three scans take turns query by query, for the same reason."""
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((n, db.DIM), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    hashes = [f"h{i:07d}" for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "search.duckdb"
        with Store(path) as store, store.transaction() as cur:
            db.insert_document(
                cur,
                name="bench.md",
                title="Bench",
                format="markdown",
                sha256="x",
                size_bytes=0,
                model_id="bench",
                headings=["Heading"] * n,
                texts=[f"passage {i}" for i in range(n)],
                hashes=hashes,
                vectors=vectors,
            )
        with Store(path) as store:  # reopened: the timing reads from the file, as in use
            probes = rng.standard_normal((queries + 3, db.DIM), dtype=np.float32)
            probes /= np.linalg.norm(probes, axis=1, keepdims=True)
            scans = {
                "knowledge search (top_chunks)": lambda q: db.top_chunks(store, "bench", q, 10),
                "bare scan, array_inner_product": lambda q: store.query(
                    "SELECT position FROM kb_chunks ORDER BY array_inner_product(vector, "
                    f"?::FLOAT[{db.DIM}]) DESC LIMIT 10",
                    [q.tolist()],
                ),
                "bare scan, array_cosine_similarity": lambda q: store.query(
                    "SELECT position FROM kb_chunks ORDER BY array_cosine_similarity(vector, "
                    f"?::FLOAT[{db.DIM}]) DESC LIMIT 10",
                    [q.tolist()],
                ),
            }
            wall: dict[str, list[float]] = {label: [] for label in scans}
            cpu: dict[str, list[float]] = {label: [] for label in scans}
            for i, q in enumerate(probes):
                for label, search in scans.items():
                    start, start_cpu = time.perf_counter(), time.process_time()
                    result = search(q)
                    if i >= 3:  # the first three warm up
                        wall[label].append((time.perf_counter() - start) * 1000)
                        cpu[label].append((time.process_time() - start_cpu) * 1000)
                    assert len(result) == 10
            print(
                f"top-10 search over {n:,} stored vectors, {queries} queries "
                f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
            )
            for label, ms in wall.items():
                p95 = statistics.quantiles(ms, n=20)[-1]
                print(
                    f"  {label:<36} median {statistics.median(ms):6.1f} ms, "
                    f"p95 {p95:6.1f} ms, CPU time median "
                    f"{statistics.median(cpu[label]):6.1f} ms"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--vectors", type=int, default=100_000)
    args = parser.parse_args()
    bench_embedding(args.texts)
    bench_search(args.vectors)


if __name__ == "__main__":
    main()
