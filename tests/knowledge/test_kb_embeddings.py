"""The embedders, the packaged model's extraction, and the embedding cache in DuckDB."""

import threading

import numpy as np
import pytest

from tqrs.embeddings import (
    FakeEmbedder,
    SentenceTransformerEmbedder,
    embed_cached,
    get_embedder,
    packaged_model_path,
)
from tqrs.errors import ConfigError


def in_two_threads(func) -> tuple[list, list]:
    """Run func in two threads at once: (results, exceptions)."""
    results, errors = [], []

    def run():
        try:
            results.append(func())
        except Exception as e:  # noqa: BLE001 - the caller asserts there were none
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def test_blank_database_gets_the_knowledge_schema(store):
    columns = dict(
        store.query(
            "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns"
        )
    )
    assert columns["embeddings.vector"] == "FLOAT[384]"
    for column in (
        "kb_documents.sha256",
        "kb_chunks.heading",
        "kb_chunks.text_hash",
        "ticket_vectors.model_id",
        "ticket_vectors.text_hash",
    ):
        assert column in columns
    assert (4, "knowledge base and embeddings") in store.query(
        "SELECT id, name FROM schema_migrations"
    )


def test_fake_embedder_is_deterministic_normalised_and_word_based(fake):
    a, b, c, empty = fake.embed(["printer paper jam", "Paper JAM, printer!", "vpn drops", ""])
    assert np.allclose(np.linalg.norm([a, b, c, empty], axis=1), 1)
    assert np.allclose(a, FakeEmbedder().embed(["printer paper jam"])[0])
    assert a @ b > 0.99 and a @ c < 0.5


def test_cache_embeds_each_text_once(store, fake):
    first = embed_cached(store, fake, ["reset password", "vpn drops", "reset password"])
    assert fake.calls == [["reset password", "vpn drops"]]  # duplicates embedded once
    again = embed_cached(store, fake, ["vpn drops", "reset password"])
    assert len(fake.calls) == 1  # all from the cache: no model call
    assert np.allclose(again, first[[1, 0]])
    embed_cached(store, fake, ["reset password", "printer jam"])
    assert fake.calls[-1] == ["printer jam"]


def test_cache_is_per_model(store, fake):
    embed_cached(store, fake, ["same text"])
    other = FakeEmbedder()
    other.model_id = "another-model"
    embed_cached(store, other, ["same text"])
    assert other.calls == [["same text"]]


def test_cache_survives_reopening_the_database(tmp_path, fake):
    from tqrs.store import Store

    with Store(tmp_path / "a.duckdb") as s:
        embed_cached(s, fake, ["kept"])
    with Store(tmp_path / "a.duckdb") as s:
        embed_cached(s, fake, ["kept"])
    assert len(fake.calls) == 1


def test_a_model_of_another_size_is_refused(store):
    with pytest.raises(ConfigError, match="16-dimension vectors; the knowledge store holds 384"):
        embed_cached(store, FakeEmbedder(dim=16), ["text"])


def test_environment_chooses_the_embedder(monkeypatch, tmp_path):
    monkeypatch.setenv("TQRS_EMBEDDER", "fake")
    assert isinstance(get_embedder(), FakeEmbedder)
    monkeypatch.delenv("TQRS_EMBEDDER")
    monkeypatch.setenv("TQRS_EMBED_MODEL", str(tmp_path))
    with pytest.raises(ConfigError, match="TQRS_EMBED_MODEL=.*not a sentence-transformers"):
        get_embedder()


@pytest.mark.slow
def test_racing_extractions_end_with_one_model_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TQRS_MODEL_DIR", str(tmp_path))
    results, errors = in_two_threads(packaged_model_path)
    assert errors == []
    assert results[0] == results[1] == tmp_path / "all-MiniLM-L6-v2"
    assert (results[0] / "model.safetensors").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["all-MiniLM-L6-v2"]  # no staging left


def test_real_model_matches_the_bare_model(minilm):
    from sentence_transformers import SentenceTransformer

    texts = ["My password expired and I am locked out", "The printer on floor 3 is jammed"]
    ours = minilm.embed(texts)
    bare = SentenceTransformer(str(minilm.path), device="cpu").encode(
        texts, normalize_embeddings=True
    )
    assert ours.shape == (2, 384) and ours.dtype == np.float32
    assert np.allclose(ours, bare, atol=1e-5)
    assert minilm.model_id == "all-MiniLM-L6-v2" and minilm.dim == 384


def test_model_loads_once_per_path(minilm):
    again = SentenceTransformerEmbedder(minilm.path)
    again.embed(["warm"])
    from tqrs import embeddings

    assert list(embeddings._models).count(minilm.path) == 1
    assert embeddings._load_model(minilm.path) is embeddings._load_model(again.path)


def test_an_interrupted_run_keeps_the_batches_it_finished(store, fake, monkeypatch):
    from tqrs import embeddings

    monkeypatch.setattr(embeddings, "COMMIT_EVERY", 2)
    real_embed = fake.embed

    def embed_then_fail(texts):
        if fake.calls:
            raise KeyboardInterrupt
        return real_embed(texts)

    monkeypatch.setattr(fake, "embed", embed_then_fail)
    with pytest.raises(KeyboardInterrupt):
        embed_cached(store, fake, ["one", "two", "three", "four"])
    monkeypatch.setattr(fake, "embed", real_embed)
    embed_cached(store, fake, ["one", "two", "three", "four"])
    assert fake.calls == [["one", "two"], ["three", "four"]]


def test_two_threads_embedding_the_same_new_texts_both_succeed(store):
    barrier = threading.Barrier(2)

    class InStep(FakeEmbedder):
        def embed(self, texts):
            barrier.wait()  # both have missed the cache and embed at the same moment
            return super().embed(texts)

    texts = [f"ticket text {i}" for i in range(300)]
    results, errors = in_two_threads(lambda: embed_cached(store, InStep(), texts))
    assert errors == []
    assert np.array_equal(results[0], results[1])
    assert store.query("SELECT count(*) FROM embeddings")[0][0] == 300
