"""The workbench's entry point: a router over the page scripts in pages/."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from app import people  # noqa: E402
from app.gate import gated, render_sign_in, render_sign_out, unlocked  # noqa: E402
from app.resources import ensure_admin_password, ensure_workbench_password  # noqa: E402

# A local favicon: a Material icon name here makes every browser fetch it from Google's font
# host, and no page may request anything from another host.
st.set_page_config(
    page_title="TQRS · Ticket Quality Review",
    page_icon=str(ROOT / "app" / "favicon.png"),
    layout="wide",
)
ensure_admin_password()
# No page runs, whatever the URL, before sign-in: through the organisation's provider when
# one is configured (Streamlit's [auth] secrets), else the workbench password when the server
# is open to the network (a single-user install on this machine needs neither).
if people.sign_in_enabled():
    if people.sign_in_unread():  # fails closed: a saved provider is never silently ignored
        st.navigation([st.Page(people.render_unread, title="Sign in")], position="hidden").run()
        st.stop()
    if not st.user.is_logged_in:
        st.navigation([st.Page(people.render_sign_in, title="Sign in")], position="hidden").run()
        st.stop()
    if people.current_person() is None:  # signed in, on no list
        st.navigation(
            [st.Page(people.render_not_allowed, title="Not allowed")], position="hidden"
        ).run()
        st.stop()
else:
    if gated():
        ensure_workbench_password()
    if not unlocked():
        st.navigation([st.Page(render_sign_in, title="Sign in")], position="hidden").run()
        st.stop()

PAGES = ROOT / "pages"
sections = {
    "Workbench": [
        st.Page(PAGES / "home.py", title="Home", icon=":material/home:", default=True),
        st.Page(PAGES / "upload.py", title="Upload", icon=":material/upload_file:"),
        st.Page(PAGES / "evaluate.py", title="Evaluate", icon=":material/play_circle:"),
        st.Page(PAGES / "review.py", title="Review", icon=":material/rate_review:"),
        st.Page(PAGES / "queue.py", title="Review queue", icon=":material/low_priority:"),
        st.Page(PAGES / "reports.py", title="Reports", icon=":material/summarize:"),
        st.Page(PAGES / "agents.py", title="Agents", icon=":material/groups:"),
        st.Page(PAGES / "calibration.py", title="Calibration", icon=":material/balance:"),
        st.Page(PAGES / "rubrics.py", title="Rubrics", icon=":material/rule:"),
        st.Page(PAGES / "knowledge.py", title="Knowledge", icon=":material/menu_book:"),
    ],
}
# Roles restrict pages: a signed-in analyst or manager has no Settings to open. Its URL,
# opened all the same (a bookmark, a colleague's link), says why instead of "Page not found".
if people.settings_offered(people.current_person()):
    sections["Admin"] = [
        st.Page(PAGES / "settings.py", title="Settings", icon=":material/settings:")
    ]
else:
    sections["Workbench"].append(
        st.Page(
            people.render_admins_only,
            title="Settings",
            url_path="settings",
            visibility="hidden",
        )
    )
navigation = st.navigation(sections)
people.render_account()
if not people.sign_in_enabled():
    render_sign_out()
navigation.run()
