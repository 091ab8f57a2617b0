"""The JSON report, in the shape DESIGN.md fixes: `run` (metadata) and `tickets`, each with
its `criteria` and any analyst override. A `summary` object is added beside them, and
`calibration` (the judge's agreement with the analysts on reviewed tickets, see
tqrs.calibration; null in a report of a filtered subset). Each ticket also says which version
of it the results were made on (`ticket_version`), the version the session holds now
(`current_version`) and whether the results are on an earlier one (`earlier_version`: a pull
brought the ticket changed on the instance after the run graded it)."""

from datetime import UTC

import orjson

from tqrs.display import points_judged_text
from tqrs.reports.data import Report, ReportCriterion, ReportTicket
from tqrs.results import TOO_LITTLE


def report_json(report: Report) -> bytes:
    return orjson.dumps(report_dict(report), option=orjson.OPT_INDENT_2)


def report_dict(report: Report) -> dict:
    run, s = report.run, report.summary
    return {
        "run": {
            "id": run.id,
            "session": run.session_id,
            "session_name": report.session_name,
            "rubric": run.rubric_id,
            "rubric_name": report.rubric.name,
            "rubric_version": run.rubric_version,
            "judge": run.judge,
            "judge_label": report.judge_label,
            "model": run.model,
            "provider": run.provider,
            "status": run.status,
            "started": _time(run.started_at),
            "finished": _time(run.finished_at),
            "tokens": run.tokens_in + run.tokens_out,
            "tokens_in": run.tokens_in,
            "tokens_out": run.tokens_out,
            "cost": run.cost,
            "generated": _time(report.generated_at),
        },
        "summary": {
            "tickets": s.tickets,
            "scored": s.scored,
            "could_not_grade": s.could_not_grade,
            "passed": s.passed,
            "too_little": s.too_little,
            "pass_rate": s.pass_rate,
            "mean_percent": s.mean_percent,
            "auto_fails": s.auto_fails,
            "reviewed": s.reviewed,
            "overridden": s.overridden,
            "bands": s.bands,
            "criteria": [
                {
                    "id": c.id,
                    "title": c.title,
                    "scored": c.scored,
                    "failed": c.failed,
                    "failure_rate": c.failure_rate,
                    "not_in_export": c.not_in_export,
                    "not_applicable": c.not_applicable,
                    "note": c.note,
                }
                for c in s.criteria
            ],
        },
        "calibration": (
            None if report.calibration is None else report.calibration.model_dump(mode="json")
        ),
        "tickets": [_ticket(t, report.rubric.max_points) for t in report.tickets],
    }


def _ticket(t: ReportTicket, rubric_max: int) -> dict:
    s = t.score
    scored = s.status == "scored"
    return {
        "number": t.number,
        "ticket_id": t.ticket_id,
        "agent": t.agent,
        "group": t.group,
        "category": t.category,
        "status": "scored" if scored else "could not grade",
        "error": s.error,
        "score": s.score if scored else None,
        "max": s.max_points if scored else None,
        "rubric_max": rubric_max,
        "judged": points_judged_text(s.max_points, rubric_max) if scored else None,
        "percent": s.percent if scored else None,
        "band": s.band if scored else None,
        "passed": s.passed if scored and s.verdict != TOO_LITTLE else None,
        "verdict": s.verdict if scored else None,
        "auto_fail": s.auto_fail,
        "reviewed": t.reviewed,
        "reviewed_by": t.review.reviewer if t.review else None,
        "reviewed_at": _time(t.review.reviewed_at) if t.review else None,
        "overridden": t.overridden,
        "failed_criteria": t.failed_criteria,
        "ticket_version": t.version,
        "current_version": t.current_version,
        "earlier_version": t.earlier_version,
        "criteria": [_criterion(c) for c in t.criteria],
    }


def _criterion(c: ReportCriterion) -> dict:
    r, o = c.result, c.override
    return {
        "id": r.criterion_id,
        "title": r.title,
        "method": r.method,
        "status": r.status,
        "option": r.option,
        "points": r.points,
        "max": r.max_points,
        "deduction": r.deduction,
        "applicable": r.applicable,
        "auto_fail": r.auto_fail,
        "evidence": r.evidence,
        "reasoning": r.reasoning,
        "coaching": r.coaching,
        "error": r.error,
        "override": None
        if o is None
        else {
            "option": o.option,
            "judged_option": c.judged_option,
            "note": o.note,
            "by": o.author,
            "at": _time(o.created_at),
        },
    }


def _time(value) -> str | None:
    """ISO 8601 in UTC (the store keeps naive UTC timestamps)."""
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
