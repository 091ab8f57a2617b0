"""The run summary as `tqrs evaluate` prints it."""

from tqrs.display import plural, rate_text
from tqrs.results import RunSummary


def render_summary(summary: RunSummary) -> list[str]:
    """The summary as the CLI prints it."""
    run = summary.run
    judge = f"{run.judge} ({run.model})" if run.model else run.judge
    lines = [
        f"run {run.id}: session {run.session_id}, rubric {run.rubric_id} "
        f"{run.rubric_version}, judge {judge}, {run.status}",
        f"tickets: {summary.tickets:,}  scored: {summary.scored:,}  "
        f"could not grade: {summary.failed:,}",
    ]
    judged = summary.scored - summary.too_little
    if summary.pass_rate is not None:
        lines.append(
            f"pass rate: {rate_text(summary.pass_rate)} ({summary.passed:,} of {judged:,})"
        )
    if summary.too_little:
        lines.append(
            f"too little to judge: {summary.too_little:,} (judged on less than the rubric's "
            "min_judged_percent of its points: the rest not in the export or N/A; neither "
            "pass nor fail)"
        )
    if summary.not_in_export:
        # why two exports of the same tickets score apart: the criteria each leaves out
        lines.append(
            "not in export (left out of the score): "
            + ", ".join(f"{cid} {n:,}" for cid, n in summary.not_in_export)
        )
    if summary.mean_percent is not None:
        # of the tickets with a verdict, as the pass rate (tqrs.store.figures)
        of = f" (of the {judged:,} with a verdict)" if summary.too_little else ""
        lines.append(f"mean score: {summary.mean_percent:.1f}%{of}")
    lines.append("bands: " + (", ".join(f"{b} {n:,}" for b, n in summary.bands.items()) or "none"))
    if summary.evidence_not_found:
        lines.append(
            f"evidence not found: {summary.evidence_not_found:,} criteria on "
            f"{plural(summary.evidence_not_found_tickets, 'ticket')} (in the review queue)"
        )
    if summary.auto_fails:
        lines.append(f"auto-failed: {plural(summary.auto_fails, 'ticket')}")
    if summary.failed_criteria:
        # the reports' failure rate: of the tickets each criterion was graded on
        lines.append("most failed criteria (of the tickets each was graded on):")
        width = max(len(c) for c, *_ in summary.failed_criteria)
        for cid, title, n, graded in summary.failed_criteria:
            share = n / graded if graded else 0
            count = plural(n, "ticket").rjust(15)  # "1 ticket " under "1,028 tickets"
            lines.append(f"  {cid:<{width}}  {count} ({rate_text(share)} of {graded:,})  {title}")
    return lines
