"""A pasted e-mail's header: the names of its fields in the mail clients' languages, the line
that names its sender ("From: Jo Pike <jo.pike@example.com>", a quoted reply's "On Tue 3 Mar,
J. Pike wrote:"). The vocabulary only: what a reader does with a header (leaves its lines
out, cuts the thread under it, reads the caller's words under it) and which of its fields it
reads stay with the reader (tqrs.rules.note_parts, tqrs.judges.signals, troubleshooting,
resolution, pasted_mail, confirmation). Field names are regular-expression parts, in lower case."""

import re
from collections.abc import Iterable, Sequence

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
# The date field of a quoted mail's header: English "Sent:" and "Date:", Italian "Inviato:"
# and "Data:", French "Envoyé :", German "Gesendet:" and "Datum:", Spanish "Enviado:" and
# "Fecha:", Portuguese "Enviado:" and "Data:"; and "Posted:", which a translated export
# writes for them ("From: G. Neri / Posted: Monday 28 October 2019").
DATE_FIELDS = (
    *WHEN,
    "inviato",
    "envoy[ée]",
    "gesendet",
    "enviado",
    "data",
    "datum",
    "fecha",
    "posted",
)
# A field's line with a value after its colon, quoted ("> From: ...") or set in bold ("*From:*").
_FIELD_LINE = r"^[\s>*]*{}[\s*]*:[\s*]*\S"
_SENDER_LINE = re.compile(_FIELD_LINE.format(one_of(SENDER_FIELDS)), re.I)
_DATE_LINE = re.compile(_FIELD_LINE.format(one_of(DATE_FIELDS)), re.I)
_DATE_FIELD = re.compile(rf"\b{one_of(DATE_FIELDS)}\s*:", re.I)
# A rule naming the original, in the mail clients' languages ("-----Original Message-----",
# "----- Original Message -----", "Original Message" alone, Italian "Messaggio originale",
# French "Message d'origine", German "Ursprüngliche Nachricht", Spanish "Mensaje original",
# Portuguese "Mensagem original").
_ORIGINAL_RULE = re.compile(
    r"^[\W_]*(?:original message|messaggio originale|message d.origine|"
    r"urspr(?:ü|ue|u)ngliche nachricht|mensaje original|mensagem original)[\W_]*$",
    re.I,
)
# A quoted reply's header, in the mail clients' languages: "On Tue 3 Mar 2026, J. Pike
# wrote:", Italian "Il 19/11/2019 17:04, G. Neri ha scritto:", French "Le ... a écrit :",
# German "Am ... schrieb J. Pike:", Spanish "El ... escribió:", Portuguese "Em ... escreveu:";
# a date (a digit) in its first words ("On checking, the user wrote:" is a note's own), the
# header on one line or wrapped onto a second ("On Thu, Feb 8, 2024 at 8:59 PM J. Pike <" /
# "jo.pike@example.com> wrote:").
_WROTE = re.compile(
    r"^[\s>]*(?:on|il|le|am|el|em)\b(?=[^\n]{0,40}\d)[^\n]{4,160}?\b"
    r"(?:wrote|ha scritto|a [ée]crit|schrieb[^\n:]{0,60}|escribi[óo]|escreveu)\s*:\s*$",
    re.I,
)
# How many lines under a sender's line its date field may come (Outlook writes "Sent:" next,
# some clients "To:" between).
_DATE_WITHIN = 2


def quoted_mail_opening(lines: Sequence[str], i: int) -> str | None:
    """Whether `lines[i]` opens a quoted original mail (the thread's history under a reply or a
    note), and the line that names its sender. Read as an opening:
    - a rule naming the original, in the clients' languages (_ORIGINAL_RULE): its sender is
      the header line under it, when one follows within two lines;
    - a header's sender line ("From:", Italian "Da:", French, Spanish and Portuguese "De:",
      German "Von:") with its date field on the same line (Outlook's "From: Jo Sent: Monday")
      or within the next two lines ("Sent:", "Date:", "Inviato:", "Envoyé :", "Gesendet:",
      "Enviado:"), quoted ("> From:") or not;
    - a quoted reply's header ("On <date>, <name> wrote:" and its translations, on one line
      or wrapped onto two, _WROTE).
    Not read as one: a bare "From:" line (a form's "From: Finance"), a dash or underscore
    rule alone (a note's own separator, a signature's rule), a line quoted with ">" alone (a
    desk's bullet). Returns the sender's line ("" when a rule has no header under it), or
    None when `lines[i]` opens no quoted mail."""
    line = lines[i]
    if _WROTE.match(line) or (i + 1 < len(lines) and _WROTE.match(f"{line} {lines[i + 1]}")):
        return line
    if _SENDER_LINE.match(line) and (
        _DATE_FIELD.search(line.split(":", 1)[1])
        or any(_DATE_LINE.match(x) for x in lines[i + 1 : i + 1 + _DATE_WITHIN])
    ):
        return line
    if _ORIGINAL_RULE.match(line):
        under = range(i + 1, min(i + 1 + _DATE_WITHIN, len(lines)))
        return next((s for j in under if (s := quoted_mail_opening(lines, j))), "")
    return None


def before_quoted_mail(text: str) -> str:
    """`text` up to the first quoted original mail it holds (quoted_mail_opening), all of it
    when it holds none."""
    lines = text.split("\n")
    for i in range(len(lines)):
        if quoted_mail_opening(lines, i) is not None:
            return "\n".join(lines[:i])
    return text
