"""The offline judge's reading of the rule criteria a rule left open (tqrs.rules.registry
.Deferred): what the rule could not be sure of, decided by a looser reading of the same
text, labelled "offline" like every offline verdict. The LLM judge decides them instead
when a key is set (in the same request as its own criteria)."""

from collections.abc import Callable

from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.results import CriterionResult
from tqrs.rubric import Criterion
from tqrs.rules.caller import not_validated, offline_validation
from tqrs.rules.critical import offline_processes
from tqrs.rules.fields import offline_work_notes
from tqrs.rules.registry import Given, result
from tqrs.rules.spelling import offline_spelling

# How every offline verdict's reasoning starts, so that nobody mistakes it for an LLM's.
OFFLINE_PREFIX = "Offline check (no LLM): "


def _caller_validation(ticket: Ticket, c: Criterion, given: Given) -> CriterionResult:
    outcome, line = offline_validation(ticket)
    if outcome is Outcome.MET:
        return result(
            c,
            Outcome.MET,
            line[:160],
            f"{OFFLINE_PREFIX}a way of checking the caller's identity is named beside a "
            "check of the caller.",
            method="offline",
        )
    if outcome is Outcome.EVIDENCE_NOT_FOUND:
        return result(
            c,
            outcome,
            line[:160],
            f"{OFFLINE_PREFIX}the notes name a way of checking the caller's identity but not "
            "whether the caller was validated with it; left for a reader (evidence not "
            "found), never a deduction.",
            method="offline",
        )
    outcome, evidence, reasoning, coaching = not_validated(ticket, False)
    return result(c, outcome, evidence, f"{OFFLINE_PREFIX}{reasoning}", coaching, "offline")


OPEN_RULE_HEURISTICS: dict[str, Callable[[Ticket, Criterion, Given], CriterionResult]] = {
    "caller_validation": _caller_validation,
    "critical_process": offline_processes,
    "spelling_opening": offline_spelling,
    "spelling_handling": offline_spelling,
    "work_notes": offline_work_notes,
}


def open_rule_result(ticket: Ticket, c: Criterion, given: Given) -> CriterionResult:
    """The offline verdict for the open rule criterion `c` (`given`: the outcomes of the
    rules it reads, as decided so far)."""
    heuristic = OPEN_RULE_HEURISTICS.get(c.rule or "")
    if heuristic is None:
        return CriterionResult.unscored(
            c, "offline", f"the offline judge has no reading for open rule {c.rule!r}"
        )
    return heuristic(ticket, c, given)
