from tests.app.conftest import open_app, scored_run, texts


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
