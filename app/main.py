"""The workbench's entry point: a router over the page scripts in pages/."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from app.gate import gated, render_sign_in, render_sign_out, unlocked  # noqa: E402
from app.resources import ensure_admin_password, ensure_workbench_password  # noqa: E402
from app.widgets import render_sidebar  # noqa: E402

# A local favicon: a Material icon name here makes every browser fetch it from Google's font
# host, and no page may request anything from another host.
st.set_page_config(
    page_title="TQRS · Ticket Quality Review",
    page_icon=str(ROOT / "app" / "favicon.png"),
    layout="wide",
)
ensure_admin_password()
if gated():
    ensure_workbench_password()
if not unlocked():  # no page runs, whatever the URL, before the workbench password
    st.navigation([st.Page(render_sign_in, title="Sign in")], position="hidden").run()
    st.stop()

PAGES = ROOT / "pages"
navigation = st.navigation(
    {
        "Workbench": [
            st.Page(PAGES / "home.py", title="Home", icon=":material/home:", default=True),
            st.Page(PAGES / "upload.py", title="Upload", icon=":material/upload_file:"),
            st.Page(PAGES / "evaluate.py", title="Evaluate", icon=":material/play_circle:"),
            st.Page(PAGES / "review.py", title="Review", icon=":material/rate_review:"),
            st.Page(PAGES / "queue.py", title="Review queue", icon=":material/low_priority:"),
            st.Page(PAGES / "reports.py", title="Reports", icon=":material/summarize:"),
            st.Page(PAGES / "agents.py", title="Agents", icon=":material/groups:"),
            st.Page(PAGES / "calibration.py", title="Calibration", icon=":material/balance:"),
            st.Page(PAGES / "knowledge.py", title="Knowledge", icon=":material/menu_book:"),
        ],
        "Admin": [
            st.Page(PAGES / "settings.py", title="Settings", icon=":material/settings:"),
        ],
    }
)
render_sidebar()
render_sign_out()
navigation.run()
