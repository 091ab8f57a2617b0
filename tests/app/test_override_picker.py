"""The override picker of a criterion lists each score option with its description, whole or
shortened at a word, never cut mid-word ("…when it started, impac")."""

from tests.app.conftest import open_app, scored_run
from tqrs.review import run_rubric


def test_score_options_are_never_cut_mid_word(app_store):
    _, run = scored_run(app_store)
    at = open_app("review")
    ticket = at.session_state["review_page_ids"][0]
    at.selectbox(key="review_open").set_value(ticket).run()
    criterion = run_rubric(app_store, run).criterion("description_quality")
    descriptions = {o.label: " ".join(o.description.split()) for o in criterion.options}
    assert max(map(len, descriptions.values())) > 60  # one at least is shortened
    picker = at.selectbox(key=f"review_option_{ticket}_description_quality")
    for shown in picker.options:
        label, _, text = shown.partition(" · ")
        whole = descriptions[label]
        if text.endswith(" …"):
            kept = text.removesuffix(" …")
            assert whole.startswith(kept) and whole[len(kept)] == " ", shown
        else:
            assert text == whole, shown
