import pytest

from app.highlight import find_spans, highlight_html
from tests.app.conftest import SAMPLE
from tqrs.errors import InputError
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.review import (
    iter_effective_scores,
    load_ticket_review,
    mark_reviewed,
    override_criterion,
)
from tqrs.store.results import ReviewFilter, query_page


@pytest.fixture
def run(store):
    session = ingest_files(store, [SAMPLE], "Sample").session_id
    return evaluate_offline(store, session, "incident_logging")


def test_highlight_escapes_then_marks():
    text = "Caller <b>verified</b> by employee ID & manager"
    out = highlight_html(text, ["<b>verified</b> by employee"])
    assert out == ("Caller <mark>&lt;b&gt;verified&lt;/b&gt; by employee</mark> ID &amp; manager")
    assert find_spans("a  quick\nfox", ["QUICK fox"]) == [(3, 12)]
    assert find_spans("abc", ["", "ab"]) == []  # too short to mean anything


def test_search_treats_wildcards_literally(store, run):
    assert query_page(store, run, ReviewFilter(text="%"))[1] == 0
    assert query_page(store, run, ReviewFilter(text="inc001"))[1] == 200


def test_override_keeps_original_and_history(store, run):
    rows, _ = query_page(store, run, ReviewFilter(), sort="score")
    tid = rows[0]["ticket_id"]
    before = load_ticket_review(store, run, tid)
    with pytest.raises(InputError, match="no option 'X'"):
        override_criterion(store, run, tid, "short_description", "X", "n", "me")
    with pytest.raises(InputError, match="enter your name"):
        override_criterion(store, run, tid, "short_description", "10", "n", " ")
    override_criterion(store, run, tid, "short_description", "5", "first", "ann")
    eff = override_criterion(store, run, tid, "short_description", "10", "second", "bob")
    after = load_ticket_review(store, run, tid)
    assert after.original == before.original  # the scored result is untouched
    assert [h["new_option"] for h in after.history] == ["5", "10"]
    assert after.history[0]["original_option"] == before.original.criteria[0].option
    view = next(v for v in after.criteria if v.original.criterion_id == "short_description")
    assert view.effective.option == "10" and view.override["reviewer"] == "bob"
    assert after.effective.score == eff.score
    expected = before.original.score - before.original.criteria[0].points + 10
    assert eff.score == min(expected, eff.max_points)
    row = query_page(store, run, ReviewFilter(text=rows[0]["number"]))[0][0]
    assert row["score"] == eff.score and row["overridden"]
    # The criterion no longer counts as failed for this ticket.
    failing = {
        r["ticket_id"]
        for r in query_page(
            store, run, ReviewFilter(failed_criterion="short_description"), limit=500
        )[0]
    }
    assert tid not in failing


def test_reviewed_filter(store, run):
    rows, _ = query_page(store, run, ReviewFilter())
    mark_reviewed(store, run, rows[0]["ticket_id"], "ann")
    assert query_page(store, run, ReviewFilter(reviewed=True))[1] == 1
    assert query_page(store, run, ReviewFilter(reviewed=False))[1] == 199
    mark_reviewed(store, run, rows[0]["ticket_id"], None)
    assert query_page(store, run, ReviewFilter(reviewed=True))[1] == 0


def test_effective_scores_for_reports(store, run):
    rows, _ = query_page(store, run, ReviewFilter(), sort="score")
    tid = rows[0]["ticket_id"]
    eff = override_criterion(store, run, tid, "short_description", "10", "fine", "ann")
    scores = {s.ticket_id: (s, o) for s, o in iter_effective_scores(store, run)}
    assert len(scores) == 200
    score, overrides = scores[tid]
    assert (score.score, score.band, score.passed) == (eff.score, eff.band, eff.passed)
    assert overrides["short_description"]["note"] == "fine"
    crit = next(c for c in score.criteria if c.criterion_id == "short_description")
    assert crit.option == "10"
    other = rows[1]["ticket_id"]
    assert scores[other][1] == {} and scores[other][0].score == rows[1]["score"]


def test_a_note_is_asked_for_in_the_words_of_what_the_override_does(store, run):
    """An override that keeps the option in effect does not change the score: its note is
    asked for as a confirmation (before: "why the score changes" for it too); one that changes
    it asks why the score changes. Nothing is stored either way."""
    rows, _ = query_page(store, run, ReviewFilter(), sort="score")
    tid = rows[0]["ticket_id"]
    judged = load_ticket_review(store, run, tid).original.criteria[0]
    assert judged.criterion_id == "short_description"
    other = "10" if judged.option != "10" else "5"
    with pytest.raises(InputError) as kept:
        override_criterion(store, run, tid, "short_description", judged.option, " ", "ann")
    assert str(kept.value) == (
        f"override: a note is required to say why you confirm {judged.option!r} (the score "
        "stays as it is)"
    )
    with pytest.raises(InputError) as changed:
        override_criterion(store, run, tid, "short_description", other, "", "ann")
    assert str(changed.value) == "override: a note is required to say why the score changes"
    override_criterion(store, run, tid, "short_description", other, "rule missed it", "ann")
    with pytest.raises(InputError, match=f"why you confirm {other!r}"):  # the override's option
        override_criterion(store, run, tid, "short_description", other, "", "bob")
    assert [h["note"] for h in load_ticket_review(store, run, tid).history] == ["rule missed it"]
