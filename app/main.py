"""The workbench's entry point: a router over the page scripts in pages/."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

st.set_page_config(page_title="TQRS", page_icon=":material/fact_check:", layout="wide")

PAGES = ROOT / "pages"
navigation = st.navigation([
    st.Page(PAGES / "home.py", title="Home", icon=":material/home:", default=True),
    st.Page(PAGES / "knowledge.py", title="Knowledge", icon=":material/menu_book:"),
])
navigation.run()
