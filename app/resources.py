"""Process-wide resources for the workbench, created once and shared by all browser sessions."""

import os
import sys

import streamlit as st

from tqrs import auth, config, embeddings
from tqrs.store import Store


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(path)


def get_store() -> Store:
    """The one Store of this process (each thread gets its own cursor from it)."""
    return _store(str(config.db_path()))


@st.cache_resource(show_spinner=False)
def _embedder(choice: str, local_model: str, model_dir: str) -> embeddings.Embedder:
    # The arguments are only the cache key: the settings that pick the model.
    return embeddings.get_embedder()


def get_embedder() -> embeddings.Embedder:
    """The embedder the environment asks for, made once per process (the model loads on first
    use, so pages that only read cached vectors never load it)."""
    return _embedder(
        *(
            os.environ.get(name, "")
            for name in ("TQRS_EMBEDDER", "TQRS_EMBED_MODEL", "TQRS_MODEL_DIR")
        )
    )


@st.cache_resource(show_spinner=False)
def _password_ready(kind: str, state_dir: str) -> bool:
    secret = auth.WORKBENCH if kind == "workbench" else auth.ADMIN
    password = auth.ensure_password(secret)
    if password is not None:  # shown once, on the server console only
        print(f"\n{auth.new_password_notice(secret, password)}\n", file=sys.stderr, flush=True)
    return True


def ensure_admin_password() -> None:
    """Generate the admin password at first start (printed once to stderr)."""
    _password_ready("admin", str(config.state_dir()))


def ensure_workbench_password() -> None:
    """Generate the workbench password the first time it is asked for (printed once)."""
    _password_ready("workbench", str(config.state_dir()))
