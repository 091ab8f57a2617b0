"""A pasted e-mail's header: the names of its fields in the mail clients' languages, the line
that names its sender ("From: Jo Pike <jo.pike@example.com>", a quoted reply's "On Tue 3 Mar,
J. Pike wrote:"). The vocabulary only: what a reader does with a header (leaves its lines
out, cuts the thread under it, reads the caller's words under it) and which of its fields it
reads stay with the reader (tqrs.rules.note_parts, tqrs.judges.signals, troubleshooting,
resolution, pasted_mail, confirmation). Field names are regular-expression parts, in lower case."""

import re
from collections.abc import Iterable

# The fields of a header pasted in English, in the order Outlook writes them: RFC 5322's
# originator, destination and informational fields ("Sent:" for the date, "Importance:").
FROM = "from"
WHEN = ("sent", "date")  # Outlook's "Sent:", RFC 5322's "Date:"
ENGLISH_FIELDS = (FROM, *WHEN, "to", "cc", "bcc", "subject", "importance")
# English fields a pasted header writes more rarely: the reply address, a relay's "Received
# from:".
OTHER_ENGLISH_FIELDS = ("reply-to", "received from")
# The header's fields in the mail clients' other languages.
TRANSLATED_FIELDS = (
    *("da", "inviato", "oggetto"),  # Outlook's Italian "Da:", "Inviato:", "Oggetto:"
    *("de", "enviado", "para", "assunto"),  # Portuguese (and French "De:")
    *("von", "gesendet", "an", "betreff"),  # German
    *("envoy[ée]", "objet"),  # French "Envoyé:", "Objet:"
)
# The sender's field: English "From:", Italian "Da:", Portuguese and French "De:", German
# "Von:"; and French "Envoyé par:" ("sent by"), which some French clients write for it.
SENDER_FIELDS = (FROM, "da", "de", "von")
SENT_BY = "envoy[ée] par"


def one_of(fields: Iterable[str]) -> str:
    """A regular-expression group matching any of `fields`."""
    return "(?:" + "|".join(fields) + ")"


# A "From:" line and its sender (up to the sender's address, a "Sent:" or "Date:" on the same
# line, or the line's end), quoted ("> From: ...") or not.
FROM_LINE = re.compile(
    rf"^\s*>?\s*{FROM}:\s*(?P<who>[^<\n]+?)\s*(?:<[^>\n]*>\s*)?(?:\b{one_of(WHEN)}:.*)?$",
    re.I,
)
# A quoted reply's header and its sender ("On Tue 3 Mar 2026, J. Pike wrote:").
WROTE_LINE = re.compile(r"^\s*>?\s*on\b[^\n]{0,80}?,\s*(?P<who>[^,\n]{2,60}?)\s+wrote:\s*$", re.I)
# Where a reply quotes the message it answers: an e-mail's original below a rule ("-----
# Original Message -----") or a header ("From: ...", "On ... wrote:"), or quoted lines ("> ...").
QUOTED_ORIGINAL = re.compile(
    rf"^\s*(?:-{{2,}}\s*original message|>|{FROM}:|on [^\n]{{4,80}} wrote:)", re.I | re.M
)
