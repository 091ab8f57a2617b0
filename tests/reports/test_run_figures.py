"""One definition of each run figure (issue 14 item 4, issue 16 item 1): the pass rate and the
mean score are both of the tickets with a verdict (scored, not too little to judge), the
too-little count stands beside them, and the run summary, the reports, the agent and group
profiles read the same figures (tqrs.store.figures).

A new-user pass found a run whose every ticket was too little to judge showing "mean 98 %":
the mean counted the too-little tickets while the pass rate left them out. The expected
figures here are computed from the reports' downloads with the csv and json modules."""

import csv
import io
import json
import statistics
from collections import Counter, defaultdict

import pytest

from tests.reports.readers import html_figures, xlsx_sheets
from tests.test_real_corpus import shared
from tqrs.agents import build_profiles
from tqrs.commands.summary_text import render_summary
from tqrs.display import NO_GROUP
from tqrs.evaluate import evaluate_offline
from tqrs.ingest import ingest_files
from tqrs.reports import load_report, render
from tqrs.store.runs import run_summary


def _run(store, name: str, rubric: str) -> int:
    session = ingest_files(store, [shared(name)], name).session_id
    return evaluate_offline(store, session, rubric)


def _downloads(store, run_id: int) -> dict[str, bytes]:
    report = load_report(store, run_id)
    return {fmt: render(report, fmt)[""] for fmt in ("csv", "json", "html", "xlsx")}


def _expected(rows: list[dict]) -> dict:
    """The figures of the ticket CSV's rows, by hand: verdicts, percents and auto-fails."""
    scored = [r for r in rows if r["status"] == "scored"]
    judged = [r for r in scored if r["verdict"] in ("pass", "fail")]
    passed = sum(r["verdict"] == "pass" for r in judged)
    percents = [float(r["percent"]) for r in judged if r["percent"] != ""]
    return {
        "scored": len(scored),
        "too_little": sum(r["verdict"] == "too_little" for r in scored),
        "passed": passed,
        "auto_fails": sum(r["auto_fail"] == "yes" for r in scored),
        "pass_rate": passed / len(judged) if judged else None,
        "mean_percent": statistics.fmean(percents) if percents else None,
    }


def _csv(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_the_run_summary_the_reports_and_the_profiles_agree_on_a_real_session(store):
    # the PDI's JSONv2 export under the generic rubric: 66 tickets with a verdict and 4 too
    # little to judge, these with a percent of their own (on what little was judged)
    run_id = _run(store, "02_pdi_records_export.json", "incident_quality")
    files = _downloads(store, run_id)
    rows = _csv(files["csv"])
    want = _expected(rows)
    assert want["too_little"] and want["scored"] > want["too_little"]
    everything = statistics.fmean(float(r["percent"]) for r in rows if r["percent"] != "")
    assert round(everything, 1) != round(want["mean_percent"], 1)  # the old mean differs

    summary = run_summary(store, run_id)
    got = {k: getattr(summary, k) for k in want}
    assert got == pytest.approx(want)
    doc = json.loads(files["json"])
    assert {k: doc["summary"][k] for k in want} == pytest.approx(want)
    text = "\n".join(render_summary(summary))
    judged = want["scored"] - want["too_little"]
    assert f"mean score: {want['mean_percent']:.1f}% (of the {judged} with a verdict)" in text
    assert f"too little to judge: {want['too_little']:,}" in text
    shown = html_figures(files["html"].decode())
    assert shown["mean_percent"] == f"{want['mean_percent']:.1f}%"
    assert shown["too_little"] == f"{want['too_little']:,}"

    # not in export: the run summary's count and the reports' are one figure, counted here
    # from the JSON report's criteria of the scored tickets
    absent = Counter(
        c["id"]
        for t in doc["tickets"]
        if t["status"] == "scored"
        for c in t["criteria"]
        if c["status"] == "not_assessable"
    )
    assert absent and dict(summary.not_in_export) == dict(absent)
    assert {
        c["id"]: c["not_in_export"] for c in doc["summary"]["criteria"] if c["not_in_export"]
    } == dict(absent)

    # each group's profile (the Agents page) on the same definition
    by_group: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_group[r["group"] or NO_GROUP].append(r)
    profiles = {p.name: p for p in build_profiles(store, run_id).groups}
    assert set(profiles) == set(by_group)
    for name, members in by_group.items():
        mine = _expected(members)
        p = profiles[name]
        assert (p.scored, p.too_little, p.auto_fails) == (
            mine["scored"],
            mine["too_little"],
            mine["auto_fails"],
        )
        assert (p.pass_rate, p.mean_percent) == pytest.approx(
            (mine["pass_rate"], mine["mean_percent"])
        )


def test_a_run_of_only_too_little_tickets_shows_no_mean(store):
    # the PDI list export (number, short description, a few fields) under the generic rubric:
    # every ticket judged on too little; its mean read 98.5 % before, over those tickets
    run_id = _run(store, "08_pdi_list_export.csv", "incident_quality")
    files = _downloads(store, run_id)
    rows = _csv(files["csv"])
    assert {r["verdict"] for r in rows} == {"too_little"}
    n = len(rows)

    summary = run_summary(store, run_id)
    assert (summary.too_little, summary.pass_rate, summary.mean_percent) == (n, None, None)
    text = "\n".join(render_summary(summary))
    assert f"too little to judge: {n:,}" in text and "mean score" not in text
    doc = json.loads(files["json"])["summary"]
    assert (doc["too_little"], doc["pass_rate"], doc["mean_percent"]) == (n, None, None)
    shown = html_figures(files["html"].decode())
    assert (shown["pass_rate"], shown["mean_percent"], shown["too_little"]) == ("–", "–", f"{n}")
    sheet = {r[0]: r[1] for r in xlsx_sheets(files["xlsx"])["Summary"] if r and len(r) > 1}
    assert sheet["Too little to judge"] == n
    assert (sheet["Pass rate (%)"], sheet["Mean score (%)"]) == ("–", "–")
    for p in build_profiles(store, run_id).groups:
        assert (p.mean_percent, p.pass_rate, p.too_little) == (None, None, p.scored)
