from tests.app.conftest import cells_shown, open_app, scored_run, shown, texts
from tqrs.judges.offline import OfflineJudge
from tqrs.queue import review_queue
from tqrs.review import mark_reviewed, override_criterion
from tqrs.rubric import load_rubric
from tqrs.store.sessions import iter_tickets


def partly_met_descriptions(store, session: int) -> int:
    """Sample tickets whose description the offline judge finds partly met (read from the
    judge itself, not from the stored run the page shows)."""
    rubric, judge = load_rubric("incident_logging"), OfflineJudge()
    return sum(
        judge.judge_ticket(t, rubric)["description_quality"].option == "10"
        for t in iter_tickets(store, session)
    )


def test_nothing_scored(app_store):
    assert "Nothing scored yet" in open_app("calibration").info[0].value
    assert "Nothing scored yet" in open_app("queue").info[0].value


def test_calibration_figures_and_sample(app_store):
    session, run = scored_run(app_store)
    least = min(10, partly_met_descriptions(app_store, session))  # the least-sure tickets
    assert least >= 1
    at = open_app("calibration")
    assert "No ticket of this run is marked reviewed" in texts(at)
    assert [len(df.value) for df in at.dataframe] == [least, 10, 10]
    for t in (1, 2, 3, 4):
        mark_reviewed(app_store, run, t, "ann")
    override_criterion(app_store, run, 1, "short_description", "0", "not 4-part", "ann")
    override_criterion(app_store, run, 9, "short_description", "0", "later", "ann")
    at.run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert (
        "1 ticket has overrides but not the reviewed mark: left out until an analyst marks it "
        "reviewed." in shown
    )
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Reviewed tickets"] == "4"
    assert metrics["Exact agreement"] == "96%"  # 27 of 28 pairs
    assert "Where the judge disagrees most" in shown
    assert at.expander and "Short description" in at.expander[0].label
    at.number_input(key="calibration_size").set_value(3).run()
    assert [len(df.value) for df in at.dataframe][-3:] == [min(least, 3), 3, 3]


def test_queue_page(app_store):
    _, run = scored_run(app_store)
    at = open_app("queue")
    expected = review_queue(app_store, run, limit=None)
    assert f"{len(expected):,} tickets in the queue" in texts(at)
    assert list(at.dataframe[0].value["Ticket"]) == [i.number for i in expected[:50]]
    mark_reviewed(app_store, run, expected[0].ticket_id, "ann")
    at.run()
    assert f"{len(expected) - 1:,} tickets in the queue" in texts(at)


def test_open_a_queued_ticket_in_review(app_store):
    _, run = scored_run(app_store)
    first = review_queue(app_store, run, limit=1)[0]
    at = open_app("queue")
    at.selectbox(key="queue_ticket").set_value(first.ticket_id).run()
    at.button(key="queue_open").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Review"
    assert "200 tickets match" in texts(at)  # the filters as they were; the ticket open
    assert at.session_state["review_open"] == first.ticket_id
    assert first.number in texts(at)


def _judge_option(store, run: int, ticket: int, criterion: str) -> str:
    return store.query(
        "SELECT option FROM criterion_results WHERE run_id = ? AND ticket_id = ? "
        "AND criterion_id = ?",
        [run, ticket, criterion],
    )[0][0]


def test_agreement_rates_read_as_every_other_rate(app_store):
    """Agreement rates follow the one rule for rates (tqrs.display.rate_text): a decimal
    above 99% and under 10%, where a whole percent would read as all or none."""
    _, run = scored_run(app_store)
    reviewed = list(range(1, 21))
    for t in reviewed:
        mark_reviewed(app_store, run, t, "ann")
    (pairs,) = app_store.query(
        "SELECT count(*) FROM criterion_results WHERE run_id = ? AND ticket_id <= 20 "
        "AND status = 'scored' AND option IS NOT NULL",
        [run],
    )[0]
    assert pairs == 140  # 20 tickets, 7 criteria, all graded

    def overrule(ticket: int) -> None:
        judge = _judge_option(app_store, run, ticket, "short_description")
        other = "0" if judge != "0" else "10"
        override_criterion(app_store, run, ticket, "short_description", other, "no", "ann")

    overrule(1)
    at = open_app("calibration")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Exact agreement"] == "99.3%"  # 139 of 140, not "99%" (all but none)
    for t in reviewed[1:-1]:
        overrule(t)  # 19 of the 20 short descriptions overruled: 1 of 20 agrees
    at.run()
    table = at.dataframe[0].value.set_index("Criterion")
    # a number (the column sorts by value), shown as the metrics write a rate
    assert table.loc["Short description in 4-part form", "Agreement %"] == 1 / 20
    cells = cells_shown(at.dataframe[0])
    row = cells["Criterion"].index("Short description in 4-part form")
    assert cells["Agreement %"][row] == "5.0%"
    assert shown(at.expander[0].label).startswith(
        "Short description in 4-part form: 5.0% agreement on 20 tickets"
    )
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Exact agreement"] == "86%"  # 121 of 140
    assert metrics["Mean point difference"].count(".") == 1  # points keep their decimals


def test_an_empty_personal_queue_says_so(app_store):
    """Nothing held: "My queue: no ticket held" (before: "0 to review of 0 held")."""
    scored_run(app_store)
    labels = [shown(e.label) for e in open_app("queue").expander]
    assert "My queue: no ticket held" in labels, labels


def test_an_empty_sample_set_says_why(app_store):
    """With every least-sure ticket reviewed, the page showed a heading "Least sure (0)" over
    an empty space. It says what the set lists and why it is empty; with every ticket
    reviewed, that no sample is left."""
    from tqrs.queue import calibration_sample

    session, run = scored_run(app_store)
    for item in calibration_sample(app_store, run, 200, 0, 0)["least_sure"]:
        mark_reviewed(app_store, run, item.ticket_id, "ann")
    at = open_app("calibration")
    shown = texts(at)
    assert "(0)" not in shown
    assert "**Least sure**: none. This set lists the tickets not reviewed yet the judge" in shown
    assert "**Near the pass line** (10)" in shown and "**Random control** (10)" in shown
    assert [len(df.value) for df in at.dataframe][-2:] == [10, 10]
    for t in iter_tickets(app_store, session):
        mark_reviewed(app_store, run, t.id, "ann")
    at.run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert "Every ticket of this run is reviewed: no calibration sample is left" in shown
    assert "(0)" not in shown and "Least sure" not in shown
