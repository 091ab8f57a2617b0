"""Page paths as st.page_link and st.switch_page want them: relative to app/main.py."""

HOME = "../pages/home.py"
UPLOAD = "../pages/upload.py"
EVALUATE = "../pages/evaluate.py"
REVIEW = "../pages/review.py"
SETTINGS = "../pages/settings.py"
REPORTS = "../pages/reports.py"
KNOWLEDGE = "../pages/knowledge.py"
