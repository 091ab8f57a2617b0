from tests.app.conftest import open_app, scored_run, texts
from tqrs.agents import build_profiles


def test_no_run_yet(app_store):
    at = open_app("agents")
    assert "No completed run yet" in at.info[0].value


def test_agents_and_groups(app_store):
    _, run = scored_run(app_store)
    profiles = build_profiles(app_store, run)
    at = open_app("agents")
    table = at.dataframe[0].value
    assert list(table["Agent"]) == [p.name for p in profiles.agents]
    assert table["Tickets"].sum() == 200
    name = profiles.agents[1].name
    at.selectbox(key="agents_name").set_value(name).run()
    assert not at.exception, at.exception
    p = profiles.get("agent", name)
    shown = texts(at)
    assert f"{p.mean_percent:.1f}%" in shown and "Coaching summary" in shown
    assert at.get("plotly_chart") and len(at.get("plotly_chart")) == 3
    assert name in shown  # the template summary names the agent
    at.segmented_control(key="agents_kind").set_value("group").run()
    assert not at.exception, at.exception
    assert list(at.dataframe[0].value["Group"]) == [g.name for g in profiles.groups]
