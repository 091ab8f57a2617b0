"""Agent and group profiles against an independent computation from iter_effective_scores."""

import json
from collections import defaultdict

import pytest

from tests.app.conftest import SAMPLE
from tests.conftest import incident, run_cli, unjudged_run, write_export
from tqrs.agents import CriterionRate, Profile, build_profiles
from tqrs.coaching import template_summary
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.review import iter_effective_scores, mark_reviewed, override_criterion
from tqrs.store.sessions import get_session


@pytest.fixture
def run(store):
    session = ingest_files(store, [SAMPLE], "Sample").session_id
    return evaluate_offline(store, session, "incident_logging")


def _expected(store, run_id):
    """Per agent: scored tickets, mean percent, pass count, and per criterion (applicable,
    failed), from the effective scores as the reports compute them."""
    agents = {t.id: t.assigned_to or "(unassigned)" for t in _tickets(store, run_id)}
    out = defaultdict(
        lambda: {"n": 0, "sum": 0.0, "passed": 0, "crit": defaultdict(lambda: [0, 0])}
    )
    for score, _ in iter_effective_scores(store, run_id):
        if score.status != "scored":
            continue
        e = out[agents[score.ticket_id]]
        e["n"] += 1
        e["sum"] += score.percent
        e["passed"] += score.passed
        for c in score.criteria:
            if c.status == "scored" and c.applicable:
                e["crit"][c.criterion_id][0] += 1
                e["crit"][c.criterion_id][1] += c.failed
    return out


def _tickets(store, run_id):
    from tqrs.store.runs import get_run
    from tqrs.store.sessions import iter_tickets

    return list(iter_tickets(store, get_run(store, run_id).session_id))


def test_profiles_match_effective_scores_with_overrides(store, run):
    ps = build_profiles(store, run)
    victim = ps.agents[0].worst[0]
    # Turn one failing criterion into a pass and one passing into N/A: both move the numbers.
    override_criterion(store, run, victim.ticket_id, "short_description", "10", "fine", "ann")
    override_criterion(store, run, victim.ticket_id, "caller_validation", "N/A", "chat", "ann")
    ps = build_profiles(store, run)
    expected = _expected(store, run)
    assert {p.name for p in ps.agents} == set(expected)
    assert sum(p.scored for p in ps.agents) == 200
    for p in ps.agents:
        e = expected[p.name]
        assert p.scored == e["n"]
        assert p.mean_percent == pytest.approx(e["sum"] / e["n"])
        assert p.pass_rate == pytest.approx(e["passed"] / e["n"])
        assert sum(p.bands.values()) == e["n"]
        for c in p.criteria:
            applicable, failed = e["crit"].get(c.criterion_id, [0, 0])
            assert (c.applicable, c.failed) == (applicable, failed), (p.name, c.criterion_id)
            assert len(c.examples) == min(2, failed)
        assert [t.percent for t in p.best] == sorted((t.percent for t in p.best), reverse=True)
        assert all(b.percent >= w.percent for b in p.best for w in p.worst)


def test_team_rate_is_the_agents_main_group(store, run):
    ps = build_profiles(store, run)
    groups = {g.name: g for g in ps.groups}
    for p in ps.agents:
        team = groups[p.team]
        for mine, theirs in zip(p.criteria, team.criteria, strict=True):
            assert mine.team_rate == theirs.failure_rate
    # A group's team is the run: its rate is over all 200 tickets.
    run_failed = sum(g.criteria[0].failed for g in ps.groups)
    run_applicable = sum(g.criteria[0].applicable for g in ps.groups)
    assert ps.groups[0].criteria[0].team_rate == pytest.approx(run_failed / run_applicable)


def test_trend_across_runs_and_small_fixture(store, tmp_path):
    # Hand-computed: agent A has two tickets, one perfect and one without caller validation.
    good = incident(1, assigned_to="Ann A", assignment_group="G1")
    records = [
        good,
        incident(2, assigned_to="Ann A", assignment_group="G1", contact_type="chat"),
        incident(3, assigned_to="", assignment_group=""),
    ]
    path = write_export(tmp_path / "small.json", records)
    s1 = ingest_files(store, [path], "one").session_id
    r1 = evaluate_offline(store, s1, "incident_logging")
    r2 = evaluate_offline(store, s1, "incident_logging")
    ps = build_profiles(store, r2)
    assert [p.name for p in ps.agents] == ["(unassigned)", "Ann A"]
    assert [p.name for p in ps.groups] == ["(no group)", "G1"]
    ann = ps.get("agent", "Ann A")
    assert ann.scored == 2 and ann.team == "G1"
    assert [pt.run_id for pt in ann.run_trend] == [r1, r2]
    assert ann.run_trend[0].mean_percent == ann.run_trend[1].mean_percent == ann.mean_percent
    assert sum(pt.tickets for pt in ann.week_trend) == 2
    assert "too few to coach on" in template_summary(ann).text


def test_template_summary_names_gaps_with_examples(store, run):
    ps = build_profiles(store, run)
    p = max(ps.agents, key=lambda a: max(c.failure_rate or 0 for c in a.criteria))
    s = template_summary(p)
    assert s.gaps and s.examples
    worst = max(
        (c for c in p.criteria if c.failure_rate is not None),
        key=lambda c: c.failure_rate - (c.team_rate or 0),
    )
    assert worst.criterion_id in s.gaps and worst.title in s.text
    assert all(n in s.text for n in s.examples)
    assert template_summary(p) == s  # deterministic


def test_cli_agents(store, run):
    session = get_session(store, 1).id
    db = store.path
    store.close()
    out = run_cli("profile", session, "--agents", "--db", db, check=True).stdout
    assert "Agent" in out and "Group" in out and "effective scores" in out
    data = json.loads(
        run_cli("profile", session, "--agents", "--json", "--db", db, check=True).stdout
    )
    assert data["run_id"] == run and sum(a["scored"] for a in data["agents"]) == 200
    bad = run_cli("profile", session, "--agents", "--run", "99", "--db", db)
    assert bad.returncode == 2 and bad.stderr.startswith("error:") and "99" in bad.stderr


def test_reviewed_mark_does_not_change_profiles(store, run):
    before = build_profiles(store, run)
    mark_reviewed(store, run, before.agents[0].best[0].ticket_id, "ann")
    assert build_profiles(store, run) == before


def test_main_group_ties_go_to_the_first_name(store, tmp_path):
    records = [
        incident(1, assigned_to="Ann", assignment_group="Zeta"),
        incident(2, assigned_to="Ann", assignment_group="Alpha"),
        incident(3, assigned_to="Bob", assignment_group="Zeta"),
        incident(4, assigned_to="Bob", assignment_group="Zeta"),
        incident(5, assigned_to="Bob", assignment_group="Alpha"),
    ]
    session = ingest_files(store, [write_export(tmp_path / "t.json", records)], "t").session_id
    run = evaluate_offline(store, session, "incident_logging")
    for _ in range(5):
        ps = build_profiles(store, run)
        assert (ps.get("agent", "Ann").team, ps.get("agent", "Bob").team) == ("Alpha", "Zeta")


def test_the_unassigned_trend_stays_in_its_session_and_rubric(store, tmp_path):
    """Two sessions, each with a ticket of Ann A's and one of nobody's (no agent, no group), graded under Logging
    (runs 1 and 3 of session A, run 2 of B) and B under the generic rubric too (run 4). Ann A
    is one person: her Logging trend is runs 1, 2, 3 whatever the session. "(unassigned)" is
    not: session A's bucket has runs 1 and 3 only (B's unassigned ticket is another ticket of
    nobody in particular), so has "(no group)", and neither trend has the other rubric's run 4."""
    a = write_export(
        tmp_path / "a.json",
        [incident(1, assigned_to="", assignment_group=""), incident(2, assigned_to="Ann A")],
    )
    b = write_export(
        tmp_path / "b.json",
        [
            incident(3, assigned_to="", assignment_group="", contact_type="chat"),
            incident(4, assigned_to="Ann A"),
        ],
    )
    sa = ingest_files(store, [a], "A").session_id
    sb = ingest_files(store, [b], "B").session_id
    r1 = evaluate_offline(store, sa, "incident_logging")
    r2 = evaluate_offline(store, sb, "incident_logging")
    r3 = evaluate_offline(store, sa, "incident_logging")
    r4 = evaluate_offline(store, sb, "incident_quality")
    ps = build_profiles(store, r3)
    assert [pt.run_id for pt in ps.get("agent", "Ann A").run_trend] == [r1, r2, r3]
    assert [pt.run_id for pt in ps.get("agent", "(unassigned)").run_trend] == [r1, r3]
    assert [pt.run_id for pt in ps.get("group", "(no group)").run_trend] == [r1, r3]
    in_b = build_profiles(store, r2)
    assert [pt.run_id for pt in in_b.get("agent", "(unassigned)").run_trend] == [r2]
    assert [
        pt.run_id for pt in build_profiles(store, r4).get("agent", "(unassigned)").run_trend
    ] == [r4]


@pytest.fixture
def unjudged(store, tmp_path):
    """Ann A's profile (team G1) on three tickets of an export without the text columns the
    Handling rubric reads (description, journal, close notes and code): every ticket is not
    assessable, so she has no mean and no pass rate."""
    run = unjudged_run(store, tmp_path)
    return build_profiles(store, run).get("agent", "Ann A")


def test_coaching_summary_of_an_agent_nothing_could_be_judged_on(unjudged):
    """The template summary formatted the missing pass rate as a percentage and raised (a
    TypeError on the Agents page); it says there is none."""
    assert (unjudged.scored, unjudged.too_little, unjudged.pass_rate) == (3, 3, None)
    first = template_summary(unjudged).text.split("\n\n")[0]
    assert (
        first == "Ann A (G1): 3 tickets, mean –, no pass rate (every ticket too little to judge)."
    )


def test_the_llm_is_not_told_zero_when_nothing_could_be_judged(unjudged):
    """The coaching prompt of an agent with no pass rate and no mean said 0 for both, a 0 %
    pass rate the model would then write about."""
    from tqrs.coaching_llm import coaching_prompt

    facts = json.loads(coaching_prompt(unjudged).split("\n")[1])
    assert (facts["tickets"], facts["pass_rate"], facts["mean_percent"]) == (3, None, None)


def test_coaching_summary_counts_in_words(store, tmp_path):
    """One scored ticket: "1 scored ticket", not "1 scored ticket(s)"."""
    path = write_export(tmp_path / "one.json", [incident(1, assigned_to="Ann A")])
    session = ingest_files(store, [path], "one").session_id
    ann = build_profiles(store, evaluate_offline(store, session, "incident_logging")).get(
        "agent", "Ann A"
    )
    assert (
        template_summary(ann).text == "Ann A (Service Desk): 1 scored ticket, too few to coach on."
    )


def test_summaries_name_missing_assignees_and_groups_in_words(store, tmp_path):
    """A summary names an agent with their group, a group by its name alone (its "team" is
    the whole run), and tickets without an assignee or a group as such, never by the
    placeholders the tables show ("(unassigned)", "(no group)")."""
    records = [
        incident(1, assigned_to="Ann A"),
        incident(2, assigned_to="", assignment_group=""),
        incident(3, assigned_to="", assignment_group=""),
        *(incident(n, assigned_to="Bo B") for n in (4, 5, 6)),
    ]
    session = ingest_files(store, [write_export(tmp_path / "x.json", records)], "x").session_id
    profiles = build_profiles(store, evaluate_offline(store, session, "incident_logging"))
    first = {p.name: template_summary(p).text.split("\n")[0] for p in profiles.agents}
    assert first["(unassigned)"] == (
        "Unassigned tickets, no group: 2 scored tickets, too few to coach on."
    )
    assert first["Bo B"].startswith("Bo B (Service Desk): 3 tickets, mean ")
    groups = {p.name: template_summary(p).text for p in profiles.groups}
    assert groups["(no group)"] == "Tickets without a group: 2 scored tickets, too few to coach on."
    assert groups["Service Desk"].startswith("Service Desk: 4 tickets, mean ")


def _csv_export(path, header, rows):
    import csv

    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([header, *rows])
    return path


def test_an_export_without_assignees_says_so(store, tmp_path):
    """An export with no assignee and no group column (as dyson_hybris_close_notes.xlsx: 14,060
    incidents, none of the two columns) profiled every ticket as "(unassigned)" / "(no group)"
    with nothing to say that the export, not the desk, left them out: the CLI and the Agents
    page read as if 400 tickets had no one on them. Now the profile says which column is
    missing, and when a column is there but blank on every ticket, that instead."""
    header = ["number", "short_description", "description", "state", "close_notes"]
    rows = [
        [f"INC00{n}", "Outlook crashes on start", "Crashes since update", "Closed", "Repaired"]
        for n in range(10, 14)
    ]
    none = _csv_export(tmp_path / "none.csv", header, rows)
    blank = _csv_export(
        tmp_path / "blank.csv",
        [*header, "assigned_to", "assignment_group"],
        [[*r, "", "Service Desk"] for r in rows],
    )
    sessions = {f.name: ingest_files(store, [f], f.stem).session_id for f in (none, blank)}
    runs = {
        name: evaluate_offline(store, sid, "incident_quality") for name, sid in sessions.items()
    }
    ps = build_profiles(store, runs["none.csv"])
    assert ps.unrecorded == {
        "assigned_to": "not in the export",
        "assignment_group": "not in the export",
    }
    assert "the export has no assigned_to column" in ps.unrecorded_note("agent")
    assert "the export has no assignment_group column" in ps.unrecorded_note("group")
    ps = build_profiles(store, runs["blank.csv"])
    assert ps.unrecorded == {"assigned_to": "blank"}
    assert "its assigned_to column is blank on every ticket" in ps.unrecorded_note("agent")
    assert ps.unrecorded_note("group") == ""
    db = store.path
    store.close()
    out = run_cli("profile", sessions["none.csv"], "--agents", "--db", db, check=True).stdout
    assert "note: No ticket of this run names an agent: the export has no assigned_to" in out
    assert "names an assignment group: the export has no assignment_group column" in out


def test_an_export_with_assignees_has_no_note(store, run):
    ps = build_profiles(store, run)
    assert ps.unrecorded == {} and ps.unrecorded_note("agent") == ""


def _rate(cid, rate, team):
    return CriterionRate(
        criterion_id=cid,
        title=cid,
        applicable=100,
        failed=round(rate * 100),
        failure_rate=rate,
        team_rate=team,
    )


def _profile(criteria):
    return Profile(
        kind="agent",
        name="a",
        team="t",
        tickets=100,
        scored=100,
        mean_percent=50.0,
        pass_rate=0.5,
        auto_fails=0,
        bands={},
        criteria=criteria,
        run_trend=[],
        week_trend=[],
        best=[],
        worst=[],
    )


def test_weakest_vs_team_is_never_a_criterion_the_agent_fails_less_often_than_the_team():
    # found on a real export (qa52): one bucket holding every ticket showed Spelling (0.9 %,
    # team 1.0 %) as its weakest criterion against the team while Description failed 72 %.
    beats_team = _profile([_rate("spelling", 0.009, 0.010), _rate("description", 0.72, 0.73)])
    assert beats_team.weaker_than_team(1) == []
    mixed = _profile(
        [
            _rate("spelling", 0.009, 0.010),
            _rate("description", 0.72, 0.60),  # 12 points above the team
            _rate("category", 0.30, 0.10),  # 20 points above: the weakest
        ]
    )
    assert [c.criterion_id for c in mixed.weaker_than_team(1)] == ["category"]
    assert [c.criterion_id for c in mixed.weaker_than_team(3)] == ["category", "description"]
    no_team = _profile([_rate("spelling", 0.05, None), _rate("description", 0.0, None)])
    assert [c.criterion_id for c in no_team.weaker_than_team(3)] == ["spelling"]
