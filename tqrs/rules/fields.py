"""Required fields and closure: category and subcategory, service and configuration item,
close code and resolution notes, and work-note hygiene. Which fields are required is the
rubric's `required_fields` parameter (by default all of them)."""

import re

from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.rubric import Criterion
from tqrs.rules.registry import result, rule
from tqrs.rules.text import is_blank, is_resolved, quote, ticket_text, words

MIN_SUBSTANTIVE_WORDS = 4
_PLACEHOLDER_NOTE = re.compile(
    r"^\W*(working on it|work in progress|wip|updated?|in progress|see above|assigned|"
    r"following up|follow up|checking|looking into it|ticket updated|pending|on it)\W*$",
    re.I,
)
_SECRET = re.compile(
    r"\b(?:password|passwd|pwd|passcode|pin)\b\s*(?:is|=|:|set to)\s*"
    r"(?P<secret>\S*[\d!@#$%^&*]\S*)",
    re.I,
)


_GRADED = (Outcome.MET, Outcome.PARTLY_MET, Outcome.NOT_MET)


def _pair(ticket: Ticket, criterion: Criterion, fields: tuple[tuple[str, str, str], ...]):
    """The ticket fields `(parameter, attribute, label)` the rubric requires: all set is met,
    one missing of two partly met, else not met; none required is met."""
    params = criterion.parameters
    values = {label: getattr(ticket, name) for key, name, label in fields if params.requires(key)}
    if not values:
        return result(criterion, Outcome.MET, "", "The rubric requires none of these fields.")
    missing = [label for label, v in values.items() if is_blank(v)]
    evidence = "; ".join(f"{label}: {v.strip() or '(empty)'}" for label, v in values.items())
    outcome = (
        Outcome.MET
        if not missing
        else Outcome.PARTLY_MET
        if len(missing) < len(values)
        else Outcome.NOT_MET
    )
    if not missing:
        return result(criterion, outcome, evidence, f"{' and '.join(values).capitalize()} are set.")
    return result(
        criterion,
        outcome,
        evidence,
        f"Missing: {', '.join(missing)}.",
        f"Set the {' and '.join(missing)} before saving the ticket; pick the most "
        "specific value that matches the affected system.",
    )


@rule("category_fields", _GRADED)
def category_fields(ticket: Ticket, criterion: Criterion):
    return _pair(
        ticket,
        criterion,
        (("category", "category", "category"), ("subcategory", "subcategory", "subcategory")),
    )


@rule("service_ci_fields", _GRADED)
def service_ci_fields(ticket: Ticket, criterion: Criterion):
    return _pair(
        ticket,
        criterion,
        (("service", "service", "service"), ("cmdb_ci", "cmdb_ci", "configuration item")),
    )


MIN_COPY_WORDS = 3


def copies_short_description(notes: str, short_description: str) -> bool:
    """True when the notes (three words or more) only use words of the short description."""
    note_words = words(notes)
    return len(note_words) >= MIN_COPY_WORDS and set(note_words) <= set(words(short_description))


@rule("resolution_notes", (*_GRADED, Outcome.NOT_APPLICABLE))
def resolution_notes(ticket: Ticket, criterion: Criterion):
    if not is_resolved(ticket):
        return result(
            criterion,
            Outcome.NOT_APPLICABLE,
            f"State: {ticket.state or '(empty)'}",
            "The ticket is not resolved or closed yet.",
        )
    notes = ticket.close_notes.strip()
    example = (
        "e.g. 'Cleared the cached Outlook credentials and re-created the profile; user "
        "confirmed mail syncs'"
    )
    if is_blank(notes):
        return result(
            criterion,
            Outcome.NOT_MET,
            f"Close code: {ticket.close_code or '(empty)'}; resolution notes: (empty)",
            "The ticket is closed without resolution notes.",
            f"Write what fixed the issue in the resolution notes, {example}.",
        )
    if copies_short_description(notes, ticket.short_description):
        return result(
            criterion,
            Outcome.NOT_MET,
            quote(notes),
            "The resolution notes only repeat the short description.",
            f"Describe the fix, not the problem, {example}.",
        )
    if criterion.parameters.requires("close_code") and is_blank(ticket.close_code):
        return result(
            criterion,
            Outcome.PARTLY_MET,
            "Close code: (empty)",
            "Resolution notes are present but the close code is missing.",
            "Set the close code (e.g. 'Solved (Permanently)', 'Solved (Work Around)') "
            "when resolving.",
        )
    return result(
        criterion,
        Outcome.MET,
        f"Close code: {ticket.close_code}; notes: {quote(notes)}",
        "Close code set and the resolution notes are the analyst's own text.",
    )


@rule("work_notes", _GRADED)
def work_notes(ticket: Ticket, criterion: Criterion):
    entries = ticket_text(ticket).work_note_entries
    secret, where = None, ""
    for where in (ticket.work_notes, ticket.comments):
        low = where.lower()
        if ("pass" in low or "pwd" in low or "pin" in low) and (secret := _SECRET.search(where)):
            break
    if secret:
        shown = quote(where, secret.start(), secret.end()).replace(secret["secret"], "[redacted]")
        return result(
            criterion,
            Outcome.NOT_MET,
            shown,
            "A password or secret is written in the notes.",
            "Never record passwords in the ticket; say 'temporary password given to "
            "the user by phone' instead, and have the note redacted.",
        )
    if not entries:
        return result(
            criterion,
            Outcome.NOT_MET,
            "Work notes: (empty)",
            "The ticket has no work notes.",
            "Record each action and its result as a work note while working the "
            "ticket, e.g. 'Checked AD: account locked; unlocked and asked user to "
            "retry -> login works'.",
        )
    substantive = [
        e
        for e in entries
        if len(e.text.split()) >= MIN_SUBSTANTIVE_WORDS and not _PLACEHOLDER_NOTE.match(e.text)
    ]
    if not substantive:
        return result(
            criterion,
            Outcome.PARTLY_MET,
            quote(entries[0].text),
            f"{len(entries)} work note(s), all placeholders.",
            "Replace notes like 'working on it' with what was checked or changed and "
            "what happened.",
        )
    return result(
        criterion,
        Outcome.MET,
        quote(substantive[0].text),
        f"{len(substantive)} substantive work note(s) of {len(entries)}; no secrets.",
    )
