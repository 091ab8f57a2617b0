"""Process-wide resources for the workbench, created once and shared by all browser sessions."""

import streamlit as st

from tqrs import config
from tqrs.store import Store


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(path)


def get_store() -> Store:
    """The one Store of this process (each thread gets its own cursor from it)."""
    return _store(str(config.db_path()))
