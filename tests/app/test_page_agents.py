import json

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
    assert sum(table["Tickets"]) == 200  # numbers: the column sorts as numbers
    assert json.loads(at.dataframe[0].proto.columns)["Tickets"]["type_config"]["format"] == "%,d"
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


def test_llm_coaching_button(app_store, monkeypatch):
    from tqrs.testing.fake_openai import FakeOpenAI, FaultPlan

    _, run = scored_run(app_store)
    at = open_app("agents")
    assert "No LLM provider configured" in texts(at)
    with FakeOpenAI(FaultPlan(latency=0.02)) as fake:
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-0000")
        monkeypatch.setenv("BATCH_CONCURRENCY", "4")
        at.run()
        at.button(key="agents_llm").click().run()
        assert not at.exception, at.exception
        agents = len(build_profiles(app_store, run).agents)
        assert fake.stats.requests == agents and fake.stats.max_in_flight <= 4
    shown = texts(at)
    assert "Written by" in shown and "fake summary" in shown


def test_a_one_week_trend_reads_its_week():
    """A profile whose tickets were all opened in one week (an agent of a small export): the
    week label "2025-12-08" was read by plotly as a date, and the axis zoomed to
    milliseconds around it ("23:59:59.999 Dec 7, 2025 … 00:00:00.001"). Weeks and runs are
    labels, shown as written."""
    from app.agent_charts import trend_figure
    from tqrs.agents import TrendPoint

    point = TrendPoint(label="2025-12-08", tickets=1, mean_percent=40.0, pass_rate=0.0)
    fig = trend_figure([point], "Trend by week opened (this run)")
    assert fig.layout.xaxis.type == "category"
    assert list(fig.data[0].x) == ["2025-12-08"]


def test_a_criterion_na_on_every_ticket_says_so(app_store, tmp_path):
    """Three ordinary incidents of one agent: the Logging rubric's critical process applies to
    none of them (no reset, lost device, VIP, malware, privacy or major incident), so its row
    reads "N/A on every ticket" with an N/A count of 3, not "0 of 0" and zeros."""
    from tests.conftest import incident, write_export
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    records = [incident(n, assigned_to="Ann A") for n in (1, 2, 3)]
    path = write_export(tmp_path / "plain.json", records)
    evaluate_offline(
        app_store, ingest_files(app_store, [path], "plain").session_id, "incident_logging"
    )
    at = open_app("agents")
    table = at.dataframe[1].value
    row = table[table["Criterion"] == "Critical process followed"].iloc[0]
    assert (row["Failed"], row["Not in export"], row["N/A"]) == ("N/A on every ticket", 0, 3)
    graded = table[table["Criterion"] == "Short description in 4-part form"].iloc[0]
    assert (graded["Failed"], graded["N/A"]) == ("0 of 3", 0)


def test_a_trend_point_of_one_ticket_says_ticket():
    from app.agent_charts import trend_figure
    from tqrs.agents import TrendPoint

    points = [
        TrendPoint(label="run 1", tickets=1, mean_percent=40.0, pass_rate=0.0),
        TrendPoint(label="run 2", tickets=2, mean_percent=50.0, pass_rate=0.5),
    ]
    assert list(trend_figure(points, "Trend across runs").data[0].text) == ["1 ticket", "2 tickets"]


def test_a_setting_in_error_is_said_and_the_template_summary_shown(app_store, monkeypatch):
    """An endpoint holding credentials (or any setting in error) is a ConfigError from
    resolve_settings: the Agents page showed a traceback; it sends the analyst to the
    administrator (the Settings page names the setting), keeps the profiles and the template
    summary, and never shows the password."""
    scored_run(app_store)
    monkeypatch.setenv("OPENAI_BASE_URL", "https://bob:pw-planted-41c2@proxy.example/v1")
    at = open_app("agents")
    assert not at.exception, at.exception
    assert "Ask the administrator to check the Settings page" in at.error[0].value
    shown = texts(at)
    assert "Coaching summary" in shown and "deterministic template" in shown
    assert "pw-planted-41c2" not in shown + at.error[0].value


def test_the_too_little_count_stands_beside_the_pass_rate(app_store):
    """The agents and groups table shows each one's too-little count (it was only a metric
    of the selected profile), and a profile with no ticket judged reads "–" as its mean
    score and pass rate, not the mean of tickets too little to judge."""
    from tests.app.conftest import cells_shown
    from tests.test_real_corpus import shared
    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    path = shared("08_pdi_list_export.csv")  # 66 tickets, too little for the generic rubric
    session = ingest_files(app_store, [path], "list export").session_id
    evaluate_offline(app_store, session, "incident_quality")
    at = open_app("agents")
    at.segmented_control(key="agents_kind").set_value("group").run()
    table = at.dataframe[0].value
    assert sum(table["Too little to judge"]) == sum(table["Tickets"]) == 66
    shown = cells_shown(at.dataframe[0])
    assert set(shown["Mean %"]) == set(shown["Pass rate"]) == {"–"}
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Mean score"], metrics["Pass rate"]) == ("–", "–")
    assert metrics["Too little to judge"] == f"{table['Too little to judge'][0]:,}"


def test_an_export_without_assignees_says_so(app_store, tmp_path):
    """The Agents page on an export with no assignee or group column (the Dyson close-notes
    export has neither) showed one "(unassigned)" row and its profile as if that were a person:
    now it says that the export has no such column."""
    import csv

    from tqrs.evaluate import evaluate_offline
    from tqrs.ingest import ingest_files

    path = tmp_path / "no_people.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(
            [["number", "short_description", "close_notes"]]
            + [[f"INC00{n}", "VPN drops every hour", "Replaced the VPN profile"] for n in (1, 2)]
        )
    session = ingest_files(app_store, [path], "no people").session_id
    evaluate_offline(app_store, session, "incident_quality")
    at = open_app("agents")
    assert "the export has no assigned_to column" in texts(at)
    at.segmented_control(key="agents_kind").set_value("group").run()
    assert not at.exception, at.exception
    assert "the export has no assignment_group column" in texts(at)
