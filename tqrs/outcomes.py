"""What a rule or a heuristic found about one criterion of one ticket, before any rubric names
it. A rubric maps each outcome to one of its own options (tqrs.rubric.Criterion.option_for),
so a rubric may label its options as it likes ("10", "Yes", "Meets standard").

Two outcomes are never an option but a status of their own, out of the maximum like N/A and
never a deduction or an auto-fail:
- NOT_ASSESSABLE: the export does not carry what the criterion reads (no such column, or a
  column blank for the whole file), so the agent cannot be marked down for it;
- EVIDENCE_NOT_FOUND: the judge quoted evidence that is not in the ticket; the criterion is
  flagged for review instead of scored.

Rules that cannot settle a criterion from the text will, later, leave it open for the judge
(inside the ticket's one judge request); that is a routing decision of the engine, not an
outcome a rubric maps, so it is not in this set."""

from enum import StrEnum


class Outcome(StrEnum):
    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"
    AUTO_FAIL = "auto_fail"
    NOT_ASSESSABLE = "not_assessable"
    EVIDENCE_NOT_FOUND = "evidence_not_found"


# Outcomes that are statuses of their own (CriterionResult.status), never mapped to an option.
STATUS_OUTCOMES = frozenset({Outcome.NOT_ASSESSABLE, Outcome.EVIDENCE_NOT_FOUND})
# Outcomes a rubric maps to an option.
OPTION_OUTCOMES = tuple(o for o in Outcome if o not in STATUS_OUTCOMES)
