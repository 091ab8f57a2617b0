"""Secrets a ticket holds are never published again by TQRS.

A password written in clear in a ticket (tqrs.rules.fields.find_secrets: in any of its text
fields) is shown as "[redacted]" in every result TQRS keeps of the ticket: the evidence, the
reasoning and the coaching of every criterion, whichever rule or judge wrote them (a quote of
the resolution notes by the resolution-quality judge holds the password the notes hold), and
the prompt, reply and error kept of a judge's failure. The results are masked before they are
stored, so the review, the queue, the agent profiles and every report show them masked. What
is sent to an LLM is masked too (tqrs.llm.redact)."""

from collections.abc import Iterable, Mapping

from tqrs.fields import FREE_TEXT_FIELDS
from tqrs.models import Ticket
from tqrs.results import CriterionResult
from tqrs.rules.fields import find_secrets, mask_secret
from tqrs.rules.text import text_memo

_SHOWN = ("evidence", "reasoning", "coaching", "error", "prompt", "raw_reply")


def ticket_secrets(ticket: Ticket) -> tuple[str, ...]:
    """The secrets written in the ticket's text fields, longest first (a secret that holds
    another is masked whole)."""
    return longest_first(
        s for f in FREE_TEXT_FIELDS for s in _secrets_of(getattr(ticket, f, "") or "")
    )


def longest_first(secrets: Iterable[str]) -> tuple[str, ...]:
    """Each secret once, longest first: one that holds another is masked whole."""
    return tuple(sorted(set(secrets), key=lambda s: (-len(s), s)))


@text_memo
def _secrets_of(text: str) -> tuple[str, ...]:
    return tuple(find_secrets(text))


def mask_text(text: str | None, secrets: tuple[str, ...]) -> str | None:
    """`text` with each of `secrets` shown as "[redacted]"."""
    if not text or not secrets:
        return text
    for secret in secrets:
        text = mask_secret(text, secret)
    return text


def mask_results(
    ticket: Ticket, results: Mapping[str, CriterionResult]
) -> dict[str, CriterionResult]:
    """`results` with the ticket's secrets masked in what each shows (see the docstring)."""
    secrets = ticket_secrets(ticket)
    if not secrets:
        return dict(results)
    masked = {}
    for cid, r in results.items():
        update = {
            name: shown
            for name in _SHOWN
            if (shown := mask_text(getattr(r, name), secrets)) != getattr(r, name)
        }
        masked[cid] = r.model_copy(update=update) if update else r
    return masked
