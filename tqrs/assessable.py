"""What a ticket can be judged on: a criterion whose inputs (Criterion.inputs) the ticket's
export does not carry is "not assessable" for it, decided before any rule or judge looks at
the ticket. It is out of the maximum like N/A, never a deduction or an auto-fail, and the
judge is not asked about it.

"Does not carry" is per source file (tqrs.profile.unassessable_fields): the column is absent
from the file (for a PDF: no printed label), or blank for every ticket of a file holding at
least 20 tickets. A field present but blank on one ticket is that agent's omission, judged
as usual. Close notes written say the ticket was closed: a criterion that reads them finds
there what an export without state or resolution time does not say (Criterion.assessable);
a blank close note there says nothing. Where the export carries no journal, the user's
confirmation is judged on close notes that show one (a template's confirmation line, filled
or left empty, the user's word, a contact attempt: notes_confirm) and left not in export on
the others (tqrs.rubric.lacking)."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from tqrs.models import Ticket
from tqrs.results import CriterionResult
from tqrs.rubric import JOURNAL_FIELDS, Criterion

NOTHING: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ExportGaps:
    """file position -> the fields that file does not carry, for one session."""

    by_file: Mapping[int, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of_session(cls, store, session_id: int) -> "ExportGaps":
        from tqrs.profile import unassessable_fields  # reads the store (and its knowledge)

        found = unassessable_fields(store, session_id)
        return cls({position: frozenset(fields) for position, fields in found.items()})

    def missing(self, ticket: Ticket) -> frozenset[str]:
        """The fields the ticket's export does not carry."""
        return self.by_file.get(ticket.file_position, NOTHING)


def notes_written(ticket: Ticket) -> bool:
    """Whether the ticket's close notes are written (not blank): they say it was closed where
    its export carries no state or time (Criterion.assessable, rules.text.is_resolved)."""
    return bool(ticket.close_notes.strip())


def notes_confirm(ticket: Ticket, missing: frozenset[str]) -> bool:
    """Whether the ticket's close notes show the user's confirmation (or its absence) to judge
    where its export carries no journal (`missing` holds both): read only there."""
    if not JOURNAL_FIELDS <= missing or not notes_written(ticket):
        return False
    from tqrs.judges.confirmation import notes_show_confirmation  # it reads rules.text

    return notes_show_confirmation(ticket)


def not_assessable(criterion: Criterion, missing: frozenset[str]) -> CriterionResult:
    """The result of a criterion the ticket cannot be judged on, saying which of its inputs
    the export lacks."""
    lacking = [
        " or ".join(f.replace("_", " ") for f in sorted(group))
        for group in criterion.needs
        if group <= missing
    ]
    return CriterionResult(
        criterion_id=criterion.id,
        title=criterion.title,
        method="rule",
        status="not_assessable",
        applicable=False,
        reasoning=f"Not in export: the ticket's export does not carry {'; '.join(lacking)} "
        "(no such column, or blank for every ticket of its file), so this criterion cannot be "
        "judged and is left out of the maximum.",
    )
