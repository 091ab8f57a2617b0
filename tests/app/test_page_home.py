import json

from tests.app.conftest import cells_shown, open_app, scored_run, texts


def test_empty_database_offers_the_sample_data(app_store):
    at = open_app()
    assert at.title[0].value == "Ticket Quality Review"
    shown = texts(at)
    assert "offline judge — no credentials configured" in shown
    assert "Try the sample data" in shown
    at.button(key="home_sample").click().run()
    assert not at.exception
    assert at.title[0].value == "Evaluate"  # switched page after loading the sample
    assert app_store.query("SELECT count(*) FROM tickets")[0][0] == 200


def test_counts_and_pass_rate_trend(app_store):
    scored_run(app_store)
    at = open_app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Sessions"] == "1"
    assert metrics["Evaluation runs"] == "1"
    assert metrics["Tickets scored"] == "200"
    assert "Pass rate by run" in texts(at)
    assert not at.button  # no first-run button once there is data


def test_llm_judge_named_when_configured(app_store, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-000000000000abcd")
    monkeypatch.setenv("OPENAI_MODEL", "gpt-4o-mini")
    at = open_app()
    shown = texts(at)
    assert "LLM: openai · gpt-4o-mini" in shown
    assert "sk-test" not in shown


def test_a_run_with_nothing_judged_is_listed(app_store):
    """A completed run whose every ticket is not assessable (charlingli_sn.json, 58 tickets,
    in the QA pass) was left out of Home's runs table and chart: 16 runs counted, 15 listed.
    It is listed, its pass rate "–" (as on Reports)."""
    from tests.test_real_corpus import shared
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    _, sample_run = scored_run(app_store)
    path = shared("08_pdi_list_export.csv")  # no text column the Handling rubric reads
    session = ingest_files(app_store, [path], "list export").session_id
    nothing = evaluate_offline(app_store, session, "incident_handling")
    at = open_app()
    assert {m.label: m.value for m in at.metric}["Evaluation runs"] == "2"
    runs = at.dataframe[0].value
    assert list(runs["Run"]) == [nothing, sample_run]
    # numbers, so that the column sorts as numbers (as text "66" sorted after "200"), shown
    # with thousands separators as elsewhere ("10,000")
    assert list(runs["Scored"]) == [66, 200]
    assert json.loads(at.dataframe[0].proto.columns)["Scored"]["type_config"]["format"] == "%,d"
    # a number (it sorts as one), none for the run with nothing judged, shown "–"
    assert runs["Pass rate"].isna().tolist() == [True, False]
    shown = cells_shown(at.dataframe[0])
    assert shown["Pass rate"][0] == "–"
    # the styled table shows a run's start to the second, as the unstyled one did
    (started,) = app_store.query("SELECT started_at FROM runs WHERE id = ?", [nothing])[0]
    assert shown["Started (UTC)"][0] == started.strftime("%Y-%m-%d %H:%M:%S")


def test_a_run_of_only_too_little_tickets_shows_the_count_and_no_mean(app_store):
    """Home's runs table shows beside each pass rate the mean score and the too-little count,
    on one definition (tqrs.store.figures): a run whose every ticket is too little to judge
    reads "–" for both, never "None", "nan" nor the mean of those tickets (98.5 % before)."""
    from tests.test_real_corpus import shared
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    path = shared("08_pdi_list_export.csv")  # 66 tickets, too little for the generic rubric
    session = ingest_files(app_store, [path], "list export").session_id
    evaluate_offline(app_store, session, "incident_quality")
    at = open_app()
    shown = cells_shown(at.dataframe[0])
    assert (shown["Pass rate"], shown["Mean %"], shown["Too little to judge"]) == (
        ["–"],
        ["–"],
        ["66"],
    )
    assert not {"None", "nan", "NaN"} & {v for column in shown.values() for v in column}
    help_ = json.loads(at.dataframe[0].proto.columns)["Too little to judge"]["help"]
    assert "left out of the pass rate and the mean score" in help_
