"""Where a quoted e-mail (the thread's history) begins, read one way for every reader (round
thread45, tqrs.rules.mail_header.quoted_mail_opening): a rule naming the original, a header's
sender line with its date field (in the mail clients' languages, on its line or within two
lines under it), a quoted reply's "On <date>, <name> wrote:" (wrapped or not, translated).
Written for these tests (a school's library kiosk), not taken from the evaluation set. A form's
"From: Finance" field, a note's own dash rule, a desk's "> " bullet and "On checking, ... wrote:"
open no quoted mail."""

import pytest

from tqrs.judges.complete_description import told
from tqrs.judges.confirmation import _last_word_is_the_fault
from tqrs.judges.troubleshooting import without_signature
from tqrs.models import Ticket
from tqrs.rules.mail_header import before_quoted_mail, quoted_mail_opening
from tqrs.rules.text import ticket_text

_KIOSK = "Hi,\nthe kiosk still says the card is unknown.\n"


@pytest.mark.parametrize(
    "head",
    [
        "-----Original Message-----\nFrom: Library Desk\nSent: 3 May 2026 09:12",
        "From: Library Desk Sent: Monday, 3 May 2026 09:12",
        "De : Bureau Bibliothèque\nEnvoyé : lundi 3 mai 2026 09:12\nÀ : Paul",
        "Da: Banco Biblioteca\nInviato: lunedì 3 maggio 2026 09:12\nA: Paolo",
        "Von: Bibliotheksdesk\nGesendet: Montag, 3. Mai 2026 09:12\nAn: Paul",
        "De: Mesa Biblioteca\nEnviado: lunes, 3 de mayo de 2026 9:12\nPara: Pablo",
        "From: Library Desk\nPosted: Monday 3 May 2026 09:12",
        "-------- Messaggio originale --------\nDa: Banco Biblioteca\nData: 03/05/26 09:12",
        "On Mon, 3 May 2026 at 09:12, Library Desk wrote:",
        "On Mon, 3 May 2026 at 09:12 Library Desk <\nlibrary.desk@school.example> wrote:",
        "Il 03/05/2026 09:12, Banco Biblioteca ha scritto:",
    ],
)
def test_a_quoted_mail_opens_at_its_rule_header_or_wrote_line(head):
    text = f"Card re-registered, works now.\n\n{head}\n{_KIOSK}"
    assert before_quoted_mail(text).rstrip() == "Card re-registered, works now."


@pytest.mark.parametrize(
    "text",
    [
        "From: Finance\nAmount: 40 GBP\nReason: replacement card",  # a form's field
        "Card re-registered.\n-----\nKiosk rebooted.",  # a note's own rule
        "Card re-registered.\n____________\nKiosk rebooted.",  # a note's own rule
        "Steps:\n> re-registered the card\n> rebooted the kiosk",  # a desk's bullets
        "On checking, the user wrote:\nthe kiosk says unknown",  # no date: a note's words
    ],
)
def test_a_field_a_rule_a_bullet_open_no_quoted_mail(text):
    lines = text.split("\n")
    assert all(quoted_mail_opening(lines, i) is None for i in range(len(lines)))
    assert before_quoted_mail(text) == text


# --- a signature's end (tqrs.judges.troubleshooting.without_signature) ------------------


@pytest.mark.parametrize(
    "head",
    [
        "On Mon, 3 May 2026 at 09:12, Paul Reyes wrote:",
        "Il 03/05/2026 09:12, Paolo Rossi ha scritto:",
    ],
)
def test_a_quoted_reply_header_ends_the_signature(head):
    text = f"Kiosk checked.\nKind regards\nSam Desk\n{head}\nRebooted the kiosk, still unknown."
    assert "Rebooted the kiosk" in without_signature(text)


def test_a_signature_line_stays_a_signature():
    text = "Kiosk checked.\nKind regards\nSam Desk\nLibrary IT, North Campus"
    assert "North Campus" not in without_signature(text)


# --- a description's envelope (tqrs.judges.complete_description.told) -----------------


def test_a_quoted_reply_headers_date_is_no_start_of_the_fault():
    quoted = "Il 04/05/2026 08:40, Banco Biblioteca ha scritto:\nProvate a registrare di nuovo."
    text = f"The kiosk still says my card is unknown.\n\n{quoted}"
    assert "04/05/2026" not in told(text)
    assert "registrare di nuovo" in told(text)


def test_a_date_in_the_callers_words_stays():
    text = "Since 04/05/2026 the kiosk says my card is unknown."
    assert "04/05/2026" in told(text)


# --- the caller's last word (tqrs.judges.confirmation) ----------------------------------


def _reply_under(
    head: str, said: str = "Grazie, I will try at the kiosk tomorrow."
) -> tuple[Ticket, object]:
    comments = (
        "2026-05-03 10:00:00 - Paolo Rossi (Additional comments)\n"
        f"{said}\n{head}\nCard re-registered. Reply if it still says unknown.\n\n"
        "2026-05-03 09:12:00 - Sam Desk (Additional comments)\n"
        "Card re-registered. Reply if it still says unknown."
    )
    ticket = Ticket.model_validate(
        {
            "id": 1,
            "session_id": 1,
            "seq": 1,
            "number": "INC0000001",
            "short_description": "Library kiosk says card unknown",
            "caller": "Paolo Rossi",
            "assigned_to": "Sam Desk",
            "comments": comments,
        }
    )
    reply = next(e for e in ticket_text(ticket).comment_entries if e.author == "Paolo Rossi")
    return ticket, reply


@pytest.mark.parametrize(
    "head",
    [
        "Da: Sam Desk\nInviato: domenica 3 maggio 2026 09:12\nA: Paolo Rossi",
        "-------- Messaggio originale --------\nDa: Sam Desk\nData: 03/05/26 09:12",
        "On Sun, 3 May 2026 at 09:12 Sam Desk <\nsam.desk@school.example> wrote:",
    ],
)
def test_the_desks_quoted_words_are_not_the_callers_last_word(head):
    ticket, reply = _reply_under(head)
    assert not _last_word_is_the_fault(ticket, reply)


def test_the_callers_own_still_is_the_last_word():
    ticket, reply = _reply_under("From: Sam Desk\nSent: 3 May 2026 09:12", "Still unknown, sorry.")
    assert _last_word_is_the_fault(ticket, reply)
