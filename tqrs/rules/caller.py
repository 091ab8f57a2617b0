"""Caller validation: the analyst documents how the caller's identity was checked.

Counts: "Validated by: ...", "caller verified via Okta push / MFA", "identity confirmed with
employee ID and name", and, for chat and virtual agent contacts only, validation through SSO
(a phone caller cannot be authenticated by SSO). A negated phrase ("could not be validated")
does not count. Self-service tickets are N/A: the portal login authenticated the caller."""

import re

from tqrs.display import article
from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.rubric import Criterion
from tqrs.rules.registry import result, rule
from tqrs.rules.text import all_text, iter_affirmed_lines, quote

SSO_CHANNELS = frozenset({"chat", "virtual_agent"})
NOT_APPLICABLE_CHANNELS = frozenset({"self-service"})
_FACTORS = (
    r"okta|mfa|multi[- ]?factor|2fa|two[- ]factor|duo|authenticator|push|"
    r"employee (?:id|number)|emp(?:loyee)? ?id|staff id|badge|photo id|id card|"
    r"security questions?|call[- ]?back|manager|sso|single sign[- ]on"
)
_VALIDATION = re.compile(
    rf"\b(?:validation|validated|verified|verification|authenticated|identity confirmed)\s*"
    rf"(?:by|via|through|with|using|:|-)\s*:?\s*[^.\n]{{0,40}}?\b(?P<factor>{_FACTORS})\b"
    rf"|\bvalidated by\s*:\s*(?P<free>\S[^\n]{{2,}})"
    rf"|\b(?:caller|user|identity|customer)(?:'s identity)?\s+(?:was\s+|has been\s+)?"
    rf"(?:validated|verified|authenticated)\b[^.\n]{{0,40}}?\b(?P<factor2>{_FACTORS})\b"
    r"|\b(?P<empid>(?:employee|emp\.?|staff) ?(?:id|number|no\.?)\s*[:#]?\s*[a-z]{0,3}\d{3,})"
    r"[^.\n]{0,60}\bname\b",
    re.I,
)


_KEYWORDS = ("validat", "verif", "authentic", "identity", "emp", "staff")


def find_validation(ticket: Ticket) -> tuple[re.Match | None, str, bool]:
    """(the validation statement or None, the text searched, whether an SSO statement was
    set aside because SSO cannot validate a caller on this channel)."""
    text = all_text(ticket)
    sso_rejected = False
    for m, line in iter_affirmed_lines(_VALIDATION, text, _KEYWORDS):
        factor = (m["factor"] or m["factor2"] or "").lower()
        if (
            factor in ("sso", "single sign-on", "single sign on")
            and ticket.contact_type not in SSO_CHANNELS
        ):
            sso_rejected = True
            continue
        return m, line, sso_rejected
    return None, text, sso_rejected


@rule("caller_validation", (Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE))
def caller_validation(ticket: Ticket, criterion: Criterion):
    channel = ticket.contact_type or "unknown"
    if ticket.contact_type in NOT_APPLICABLE_CHANNELS:
        return result(
            criterion,
            Outcome.NOT_APPLICABLE,
            f"Contact type: {channel}",
            "Self-service ticket: the portal login authenticated the caller.",
        )
    m, text, sso_rejected = find_validation(ticket)
    if m:
        return result(
            criterion,
            Outcome.MET,
            quote(text, m.start(), m.end()),
            f"Caller validation is documented for {article(channel)} {channel} contact.",
        )
    sso_note = (
        " SSO does not validate a caller on this channel; use MFA push or employee ID and name."
        if sso_rejected
        else ""
    )
    return result(
        criterion,
        Outcome.NOT_MET,
        f"Contact type: {channel}; no validation statement in the ticket.",
        f"No caller validation is documented for {article(channel)} {channel} contact.{sso_note}",
        "Record how the caller was validated before acting, e.g. 'Validated by: Okta Verify "
        "push accepted' or 'Identity verified with employee ID 104233 and full name'.",
    )
