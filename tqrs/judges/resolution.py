"""The quality of the resolution notes, read offline (criterion resolution_quality), by the
rules of the labels' judged-criteria audit (tests/eval_set/LABELLING.md, "Judged-criteria
audit", R1-R8), read by the structure of what is written (an action verb, its object, the
kind of clause it sits in) more than by phrase lists:

- R1: a change named with its object (tqrs.judges.signals.fix_actions) that bears on the
  issue is met, however terse, with or without the cause. It bears on the issue unless the
  notes are plainly about another problem: they share a word with the issue, name its CI or
  an asset tag it names, speak of the same topic, undo the reported state ("unlocked" on a
  locked account), or the issue names nothing they could miss ("nothing works");
- R2: nothing a reader could repeat is not met: no notes, a copy of the short description,
  closure verbs with or without a generic object ("applied a fix", "found and fixed the
  error", "normal service resumed"), an action without any object ("replaced"), a pointer,
  number or hand-over alone, a workaround not said, a cause with no fix;
- R3: partly met: a named action on a generic object ("Restarted the service"), a fix from
  outside without its fault ("Resolved by vendor."), a knowledge article alone, notes about
  another problem, a workaround;
- R4: a workaround (what the user works with meanwhile, advice that leaves the fault) is
  partly met; a change made by IT is a fix;
- R5: on a lost or stolen device the resolution is securing it: a lock, wipe, Lost Mode or
  freeze done or sent (pending counts) is met, the device found needs nothing more; a report,
  a replacement, advice, or a reason for not securing it is partly met;
- R6: on malware, the removal named (quarantine, removal, reimage, a clean scan) is the fix;
- R7/R8: what happened, written specifically, and advice that is itself the remedy, are
  read as R1 (an action with its object).

Notes in a language these readings cannot read (tqrs.rules.spelling.reads_as_english: most
of their first six or more words unknown to the English lists, or mostly common words of one
other language, "Reinstallato il client, ora il file si apre correttamente."; the test the
spelling rule uses for "text mainly in another language") are no evidence of a defect: the
labels judge them "on what they say", which only a reader of that language (the LLM judge)
can do. Offline
they are not assessable (out of the maximum, neither full marks nor a deduction, with
reasoning that says they were not read; an LLM judge judges them as usual), unless a
language-free reading settles them first (not resolved, a copy of the short description),
the readings find a fix anyway, or every sentence only points to someone else or announces
work to come in the desk's other languages (_read_unread), or the notes' parts settle them
(tqrs.judges.resolution_parts: a change with its object, nothing to fix said, a generic
object, closure words or a pointer alone); where the English readings find no fix, the parts
read first what they cannot (a change in another language or told by the state it
reached). A word or two ("Behoben.") are read as they are: the closure words of the other
languages the desk meets are in the lists."""

import functools
import re
from dataclasses import dataclass

from tqrs.judges.resolution_parts import (
    GENERIC,
    MESSAGE,
    POINTER,
    SAID_WHAT,
    TO_COME_VERBS,
    message_only,
    read_parts,
)
from tqrs.judges.signals import (
    ACTIONS,
    ADVICE,
    GENERIC_ACTIONS,
    LINES_AND_SENTENCES,
    MAIL_HEADER,
    WORKAROUND,
    fix_actions,
    has_result,
    one_case,
    spelled_out,
    topic_names,
    without_pleasantries,
)
from tqrs.judges.workaround_parts import sent_elsewhere, tells_of_it
from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.rules import access_parts
from tqrs.rules.caller import validation_in
from tqrs.rules.fields import copies_short_description, is_bare_form, without_empty_fields
from tqrs.rules.mail_header import SENDER_FIELDS, SENT_BY, one_of
from tqrs.rules.patterns import Caseless
from tqrs.rules.spelling import (
    is_known,
    known_words,
    one_edit,
    reads_as_english,
    reads_other_language,
)
from tqrs.rules.text import (
    is_resolved,
    light_stem,
    negated,
    quote,
    strip_journal_headers,
    text_memo,
    ticket_text,
    words,
)
from tqrs.topics import notes_mismatch, topic_hits


@dataclass(frozen=True)
class Resolution:
    """What the notes record of the fix: an outcome, the text it rests on, why, and what
    to write instead."""

    outcome: Outcome
    evidence: str
    reasoning: str
    coaching: str = ""


_SAY_WHAT = (
    "Say what fixed it: the action and the object, e.g. 'Re-synced the Okta MFA enrolment "
    "on the user's iPhone'."
)
_NAME_IT = "Name the action taken and the affected item so the fix can be repeated."

# Words that say nothing of what an issue is about (shared by chance, they show no match).
_STOPWORDS = frozenset(
    "the and for with from that this have has was were are not user users "
    "after when into been will can cannot unable please issue problem "
    "working work works process today morning yesterday since time again still help "
    "need needs every caller their them they there what which while "
    # what any report or note may say of any issue: urgency, a page, a test, a computer
    "urgent asap nothing everything anything something computer acting page pages test "
    "tested call called someone properly normal".split()
)
# Work done, named by what kind of work ("troubleshooting performed"): a change only with
# the change named ("performed a factory reset").
_PERFORMED = frozenset("performed conducted undertaken executed carried".split())
# Verbs that close a ticket without saying what was done (R2): with any object or none,
# "fixed the database error", "applied a fix", "normal service resumed".
_CLOSURE = _PERFORMED | frozenset(
    "fixed resolved solved sorted closed done handled addressed completed processed "
    "actioned applied found worked made resumed recovered attempted tried".split()
)
_SENT_AWAY = frozenset("sent shipped returned posted taken collected".split())
# Closure verbs that name the fix when their object is specific ("HR fixed the record",
# "corrected the effective date"): tqrs.judges.signals reads them so.
_NAMES_ITS_FIX = frozenset({"fixed", "corrected"})
# Guidance: the user shown where to go ("pointed the user at the web app"), advice.
_GUIDED = frozenset("pointed showed guided reminded directed walked".split())
# Verbs that guide a person or aim a thing: a person as the object is guided ("pointed the
# user at the web app"), a thing of theirs is set ("Pointed the user's client at the proxy",
# "directed the feed to the new host": a change).
_AIMED = frozenset({"pointed", "directed"})
_PERSONS = frozenset(
    "user users caller callers customer customers requester requestor staff team him her "
    "them us me".split()
)


def _guides(phrase: str) -> bool:
    """Whether an action phrase guides the user (_GUIDED), not a change: a verb of aiming
    (_AIMED) only with a person as its object, or none."""
    verb, after = _verb(phrase)
    if verb not in _GUIDED:
        return False
    named = [w for w in after if w not in _DETERMINERS]
    return verb not in _AIMED or not named or named[0] in _PERSONS


# Plans: what will be done ("reinstall scheduled for Monday").
_PLANNED = frozenset("scheduled planned booked arranged".split())
# Orders: what is to come, not what was done ("Ordered SSD and memory upgrade."): the part
# still has to arrive and be fitted, so the notes record a plan, not the fix (a promise is
# no step; LABELLING.md troubleshooting audit rule 6).
_ON_ORDER = frozenset("ordered requested requisitioned reordered re-ordered".split())
# Checks: what was seen, not what was changed ("she confirmed the screen opens").
_CHECKS = frozenset(
    "checked verified tested confirmed reviewed monitored pinged investigated re-investigated "
    "reinvestigated analysed analyzed re-checked rechecked".split()
)
# Sorted once: a slip one edit from two checks reads as the same one on every run.
_CHECKS_IN_ORDER = tuple(sorted(_CHECKS))
# Changes of an amount that need the amount ("Enlarged the connection pool": to what?).
_AMOUNT = frozenset("enlarged increased decreased raised lowered extended reduced".split())
# A restart clears the symptom, not its cause: alone, it is generic (R3 "Rebooted the PC").
_RESTART = frozenset("restarted rebooted relaunched reopened power-cycled cycled bounced".split())
_RESTART_ALONE = 4  # content words of notes that say only the restart and its object
# Machines a restart clears the symptom of, whatever the notes say besides.
_MACHINES = frozenset(
    "pc pcs laptop laptops computer computers machine device devices dock docking router "
    "switch modem printer printers phone handset tablet ipad iphone monitor screen terminal "
    "till kiosk scanner workstation desktop mac macbook hub ap access thin client box".split()
)
_DETERMINERS = frozenset("the a an his her their its user's users caller's both all".split())
# Hand-overs: where the ticket went, not what fixed it ("Passed to Transnet."); a contact
# with the user ("The user was contacted by phone."), whom no change reaches.
_HANDED = frozenset(
    "escalated passed forwarded transferred referred reassigned routed notified informed "
    "reported logged contacted phoned rang e-mailed emailed messaged texted".split()
)
# A fault told as an event ("the feed stopped at 07:58"): the cause, not an action, when
# no object follows the verb.
_EVENTS = frozenset(
    "stopped failed crashed dropped expired froze hung broke died filled lost timed "
    "disconnected corrupted "
    # someone coming, not what they did ("Engineer attended and fixed it.")
    "attended visited arrived".split()
)
_PREPOSITION = frozenset(
    "at on in after since during because due when while from before until overnight".split()
)
# A sentence that states the cause only ("Cause: ...", "Root cause - ...").
_CAUSE_SENTENCE = re.compile(r"^\W*(?:root\s+)?cause\s*[:\-]", re.I)
_SENTENCES = re.compile(r"(?<=[.;!?\n])\s+")
# A fix made outside the desk (R3: partly met without the fault it fixed).
_OUTSIDE = Caseless(
    r"\b(?:vendor|supplier|provider|manufacturer|third[- ]party|carrier|contractor)s?\b|"
    r"\bon (?:their|its|the \w+'s) (?:end|side)\b"
)
# A procedure named only as such ("followed the usual steps", "the standard procedure"):
# which steps is not said (R2).
_VAGUE_STEPS = re.compile(
    r"\b(?:usual|standard|normal|same|necessary|required|relevant|basic|regular|general)\s+"
    r"(?:steps?|procedures?|process(?:es)?|checks?|troubleshooting|fix(?:es)?|solution)\b"
)
# A knowledge article or a workaround written by its number or name only.
_KB = Caseless(r"\bkb\s?\d{3,}\b")
# An asset tag as tickets write it ("SAH-MFP-RAD1", "OSL-LT-0390").
_ASSET_TAG = re.compile(r"\b[A-Za-z]{2,}[A-Za-z0-9]*-[A-Za-z0-9-]*\d[A-Za-z0-9-]*\b")
# An action that undoes a state ("unlocked", "entsperrt", "débloqué", "desbloqueado"): on
# a ticket reporting that state ("locked out", "gesperrt") its object is the reported one.
_UNDO = re.compile(r"^(?:un|ent|des|dé)(\w{4})\w*(?:ed|t|é|ée|ado|ada)$")
# Shared words that show notes are about the issue, however their topic reads (the symptom
# named again: "tracking map loads" on a network ticket fixed by throttling OneDrive).
_ABOUT_IT = 2

# R5: a device that can be locked or wiped, lost or stolen (the device the subject of the
# loss: "laptop stolen from car", "lost his company Samsung", "Phone - Lost at the match";
# not "Lost Wi-Fi connection", "signature lost", a lost badge or USB stick).
_DEVICE = (
    r"(?:laptops?|notebooks?|phones?|iphones?|smartphones?|mobiles?|tablets?|ipads?|"
    r"macbooks?|thinkpads?|surface|samsung|galaxy|pixel|devices?|efb|handsets?|handhelds?|"
    r"chromebooks?|pdas?)"
)
_LOSS = r"(?:lost|stolen|missing|left|mislaid|misplaced)"
_LOST_DEVICE = Caseless(
    rf"\b{_DEVICE}\s*(?:-|was|has been|had been|got|is|been|\s)*\s*{_LOSS}"
    r"(?=\s+(?:at|on|in|from|during|while|after|overnight|yesterday|today|this|last)\b|"
    r"\W*$|\s*[.,;:!-])|"
    rf"\b(?:lost|stole|mislaid|misplaced|theft of)\s+(?:(?:his|her|my|their|the|a|an|our|"
    rf"company|work|corporate|personal|new)\s+)*(?:[\w-]+\s+)?{_DEVICE}\b|"
    rf"\b(?:lost|stolen)\s+{_DEVICE}\b"
)
# What secures a device: a lock, a wipe, Lost Mode, an anti-theft freeze, a retire.
_SECURED = Caseless(
    r"\b(?:remote(?:ly)?[- ]?)?(?:lock(?:ed)?|wiped?|wiping|erased?|lost mode|"
    r"frozen|freeze|retired?|selective wipe|bricked|blocked|disabled)\b"
)
# What a lock or block may be done to besides the device (an account, a SIM, a card).
_NOT_THE_DEVICE = re.compile(r"\b(?:accounts?|user|password|pwd|sim|card|sessions?|tokens?)\b")
_AFTER_SECURED = 30  # characters after the word read with it ("blocked the SIM")
# A securing word whose verb, written after it, is still to come ("the wipe will be sent if
# it comes online", "Lock to be sent if the old one checks in", "Wipe requested from the
# MDM team", "Lock pending approval"): a promise (R5), not a lock or wipe sent and pending
# ("wipe sent, pending until it comes online").
_SECURED_LATER = re.compile(
    r"\W*(?:[\w-]+\s+){0,2}?(?:will|would|shall|is to|are to|to be|can be|could be|"
    r"should be|if|once|when it|as soon as|to follow|requested|awaiting|pending (?:approval|"
    r"authori[sz]ation|sign-?off))\b"
)  # matched on the lower-case clause
_FOUND = Caseless(
    r"\b(?:found|returned|recovered|handed in|turned up|"
    # "located ... in a trolley", not a position read off a map ("located via Find My at the
    # station", "located on the MDM map"): a device still away is not in hand
    r"located(?![^.;,]{0,40}\b(?:map|gps|find my|via|coordinates|last (?:seen|known)|"
    r"(?:still|now) (?:at|in))\b))\b"
)
# A securing word that is refused, promised or conditional in its clause ("so no wipe
# needed", "will send the wipe if it comes online").
_NOT_SECURED = Caseless(
    r"\b(?:no|not|without|never|will|would|if|once|until|unless|whether|in case|to be|can be|"
    r"could|should|need(?:s|ed)? to|unable|asked|awaiting|requested|request(?:ing)?)\b[^.;,]*$"
)
# R6: malware on the ticket, and its removal named in the notes.
_MALWARE = Caseless(
    r"\b(?:malware|virus|trojan|ransomware|worm|adware|spyware|infect(?:ed|ion)|"
    r"phishing|botnet|keylogger|quarantined)\b"
)
_REMOVED = Caseless(
    r"\b(?:quarantin\w*|remov(?:ed|al)|reimag\w*|re-imag\w*|rebuilt|wiped|cleaned|"
    r"scan(?:ned)? (?:\w+ )?clean|clean (?:full )?scan|purged|deleted)\b"
)


# A quoted mail's envelope in the close notes ("From: ...", "To: ...", "Subject: RE: INC... -
# <short description>"): the mail's header, not what was done (its Subject repeats the
# summary in the desk's language), read only where the notes quote a mail (a "From:" line).
_MAIL_FROM = re.compile(rf"^\W*{one_of((*SENDER_FIELDS, SENT_BY))}[ \t]*:[ \t]*\S", re.I | re.M)


def without_mail_envelope(notes: str) -> str:
    """`notes` without a quoted mail's header lines (MAIL_HEADER), where they quote one."""
    if not _MAIL_FROM.search(notes):
        return notes
    return "\n".join(x for x in notes.split("\n") if not MAIL_HEADER.match(x.lower()))


# Work still to come, in the desk's other languages ("Domattina sarà effettuato un intervento",
# "verrà rilasciata", "Será realizado amanhã", "Se realizará mañana", "sera fait demain"): a
# plan, not the fix done (the English reading's R2 and the troubleshooting audit's rule 6).
_PLANNED_ELSEWHERE = re.compile(
    r"\b(?:sar[àa]|saranno|verr[àa]|verranno|domani|domattina|ser[áa]|ser[ãa]o|amanh[ãa]|"
    r"se realizar[áa]|mañana|manana|sera|seront|demain)\b",
    re.I,
)
_PLAN_WORDS = 3  # a sentence's words (shorter ones: a reference, "(rif.", a greeting)
# A pointer to someone else, in the desk's other languages ("far riferimento a <name>",
# "Contattare l'assistenza locale", "Entrar em contato com ...", "Dirigirse a ..."): R2's
# pointer, nothing done.
_POINTER_ELSEWHERE = re.compile(
    r"^\W*(?:(?:per favore|por favor|favor|si prega di|prego|pf)\s+)?(?:fa(?:r|re) riferimento|"
    r"rivolgersi|rivolgetevi|contattare|contattate|contactar|contacte|entrar em contato|"
    r"entre em contato|falar com|referirse|dirigirse|consultare|consulte)\b",
    re.I,
)
# Closure words of the desk's other languages ("Problema risolto. L'incident viene chiuso",
# "Il problema risulta risolto", "Chamado encerrado", "Incidencia resuelta"): R2's "fixed",
# "resolved", "closed", nothing a reader could repeat.
_CLOSURE_ELSEWHERE = frozenset(
    "problema problematica problemi problemas incident incidente incidencia ticket chamado "
    "richiesta solicitação solicitud risolto risolta risolti risolte risulta risultano "
    "resolvido resolvida resuelto resuelta chiuso chiusa chiudere viene vengono è e stato "
    "stata sono fechado fechada encerrado encerrada cerrado cerrada foi fue ha sido se "
    "il lo la i gli le l o a os as el los las un una "
    # the user contacted and saying it is solved ("L'utente è stato contattato
    # telefonicamente ed ha confermato la risoluzione del problema", "Dopo consultazione con
    # l'utente, il problema risulta rientrato"): a contact and a confirmation are no fix, as
    # in English (R2; the confirmation is user confirmation's)
    "utente usuário usuario contattato contattata contatado contactado telefonicamente "
    "ed ha confermato confermata conferma comunicato riferito confirmou confirmó "
    "risoluzione resolução resolución del della dopo consultazione con rientrato rientrata "
    "tramite via mail email telefono".split()
)


def _closed_only(sentence: str) -> bool:
    """Whether a sentence holds only closure words of another language."""
    said = words(sentence.lower().replace("'", " "))
    return bool(said) and set(said) <= _CLOSURE_ELSEWHERE


# Greetings and sign-offs of those languages: no sentence of what was done.
_COURTESY = frozenset(
    "buonasera buongiorno salve ciao saluti cordiali distinti grazie olá ola bom dia boa tarde "
    "noite obrigado obrigada atenciosamente att abraços hola buenos buenas días dias tardes "
    "gracias saludos cordialmente un".split()
)


# The issue handled under another record ("Request duplicated. The issue will be managed
# within INC012105210", "TT duplicated", "Problem is already reported and managed within
# INC016852350", "Il problema verrà gestito all'interno di INC013921278"): an action on the
# ticket itself, a pointer to the record that holds the work (R2: "Duplicate", the parent's
# number), nothing done to the issue. Read by sentence; the notes are read without them.
_RECORD_NUMBER = r"(?:[a-z]{2,5}\d{5,}|#\d{4,})"
_ELSEWHERE_RECORD = re.compile(
    r"^\W*(?:(?:the |this |il |la |l')?(?:request|ticket|tt|incident|inc|case|call|issue|problem|"
    r"richiesta|segnalazione|problema|chiamata)\s+(?:is |was |has been |è |e )?)?"
    r"(?:duplicated?|duplicat[oa]|a duplicate)\W*$|"
    r"^\W*(?:(?:request|ticket|tt|incident|richiesta)\s+)?(?:duplicated?|duplicat[oa])\W*"
    rf"(?:(?:of|di|with)\s+)?{_RECORD_NUMBER}(?:\W+{_RECORD_NUMBER})*\W*$|"
    r"\b(?:managed|handled|tracked|followed(?: up)?|treated|dealt with|worked|continued|"
    r"gestit[oa]|trattat[oa]|seguit[oa])\s+(?:with\w*|in|under|via|through|on|"
    r"all'interno (?:di|del)|nel(?:l')?|in)\s+(?:the |ticket |incident |record |il |l')*"
    rf"{_RECORD_NUMBER}",
    re.I,
)


# The labels of a bilingual note's copies ("IT:", "EN:").
_LANGUAGE_LABELS = frozenset("it ita en eng pt es de fr".split())


def _without_elsewhere_records(notes: str) -> tuple[str, str | None]:
    """`notes` without its sentences that only hand the issue to another record, and the
    first of them (None when there is none)."""
    kept, first = [], None
    for sentence in LINES_AND_SENTENCES.split(notes):
        if _ELSEWHERE_RECORD.search(sentence.strip()) or POINTER.search(sentence):
            first = first or sentence.strip()
        else:
            kept.append(sentence)
    return ("\n".join(kept), first) if first else (notes, None)


# A form's label opening a line ("Issue summary :", "Problem statement -").
_LINE_LABEL = re.compile(r"^\W*(?:[a-z][\w()/&-]*\s+){0,4}[a-z][\w()/&-]*\s*[:\-]\s*", re.I)


def _in_copied_line(phrase: str, text: str, short_description: str) -> bool:
    """Whether an action phrase sits in a line of `text` that, its label aside, copies the
    short description (a template's "Issue summary : <the short description>"): the issue
    restated, not what was done. The line stays in the notes (it names what the rest speaks
    of); only its actions are not read."""
    return any(
        phrase in x and copies_short_description(_LINE_LABEL.sub("", x, count=1), short_description)
        for x in text.split("\n")
    )


def read_resolution(ticket: Ticket) -> Resolution:
    """The resolution notes of `ticket` judged by R1-R8 (module docstring)."""
    if not is_resolved(ticket):
        return Resolution(
            Outcome.NOT_APPLICABLE, f"State: {ticket.state}", "the ticket is not resolved yet."
        )
    filled = without_empty_fields(ticket.close_notes).strip()
    notes = without_mail_envelope(filled).strip()
    evidence = quote(notes or ticket.close_notes.strip())
    if (
        not notes
        or copies_short_description(notes, ticket.short_description)
        or is_bare_form(notes)  # a close template with no slot filled: its labels alone
    ):
        return Resolution(
            Outcome.NOT_MET,
            evidence,
            "the resolution notes are missing, a blank form or only repeat the short description.",
            _SAY_WHAT,
        )
    notes, elsewhere = _without_elsewhere_records(notes)
    if elsewhere and all(
        set(words(x.lower())) <= _LANGUAGE_LABELS for x in LINES_AND_SENTENCES.split(notes)
    ):
        return Resolution(
            Outcome.NOT_MET,
            evidence,
            f"the notes hand the issue to another record or document ('"
            f"{quote(elsewhere, width=60)}'): what was done is not written here.",
            _SAY_WHAT,
        )
    found = _read_resolution(ticket, notes, evidence)
    # the envelope's English labels aside, a few words of another language may pass for
    # English ("Buonasera, eliminare /app alla fine della location."): the notes are read as
    # English only when they read so with and without it
    if reads_as_english(notes) and reads_as_english(filled):
        return found
    if found.outcome in (Outcome.PARTLY_MET, Outcome.NOT_MET):
        return _read_unread(notes, evidence)
    # an action read in notes of another language is one only where a sentence of them
    # that is not of that language says it ("Documents moved / Documenti spostati", an "EN:"
    # copy, "HW PART RESINA, resina.prt, AA.3 removed"): an English word in an Italian
    # sentence ('in stato "Released"', "oggetti già superseded") is no action written, and
    # the rest is not read (not assessable, as notes without such a word). The readings of
    # other languages' own verbs stand ("Konto ... entsperrt").
    specific = _read_notes(notes).specific
    if found.outcome is not Outcome.MET or not all(is_known(_verb(p)[0]) for p in specific):
        return found
    english = "\n".join(x for x in _PIECES.split(notes) if not reads_other_language(x))
    if english.strip() and (read := _read_notes(english)).specific + read.generic:
        return found
    return _read_unread(notes, evidence)


# The sentences and lines of notes, and the halves of a line that gives its two languages
# side by side ("Documents moved / Documenti spostati").
_PIECES = re.compile(r"\n|(?<=[.;!?])\s+|\s*/\s+")


def _read_unread(notes: str, evidence: str) -> Resolution:
    """Notes in a language these readings cannot read: not assessable offline (neither full
    marks nor a deduction on text not read), unless every sentence only points to someone else (R2) or announces work
    still to come (a plan, not the fix)."""
    said = [x for x in LINES_AND_SENTENCES.split(notes) if not set(words(x.lower())) <= _COURTESY]
    readings = (
        (said, _closed_only, Outcome.NOT_MET, "only say that the issue is resolved or closed"),
        (said, _POINTER_ELSEWHERE.match, Outcome.NOT_MET, "only point to someone else"),
        (
            [x for x in said if len(words(x)) >= _PLAN_WORDS],
            _PLANNED_ELSEWHERE.search,
            Outcome.PARTLY_MET,
            "announce work still to be done",
        ),
    )
    for sentences, reads, outcome, what in readings:
        if sentences and all(reads(x) for x in sentences):
            return Resolution(
                outcome,
                evidence,
                f"the resolution notes, in another language, {what} "
                f"('{quote(sentences[0], width=60)}'), not the fix made.",
                _SAY_WHAT,
            )
    if (by_parts := _by_parts(said, evidence)) is not None:
        return by_parts
    return Resolution(
        Outcome.NOT_ASSESSABLE,
        evidence,
        "not assessable offline: the resolution notes are written in another language, "
        "which the offline heuristics cannot read (an LLM judge reads them); left out of "
        "the maximum.",
    )


def _read_resolution(ticket: Ticket, notes: str, evidence: str) -> Resolution:
    """R1-R8 on notes that are there and are no copy of the short description."""
    if _lost_device_reported(ticket.short_description):
        found = _lost_device(notes)
        if found:
            return found
    read = _read_notes(notes)
    if read.removed and _malware_reported(f"{ticket.short_description}\n{ticket.description}"):
        return Resolution(
            Outcome.MET,
            evidence,
            f"the notes name the removal of the malware ('{read.removed}').",
        )
    text, specific, generic = read.text, read.specific, read.generic
    specific = tuple(p for p in specific if not _in_copied_line(p, text, ticket.short_description))
    named = _names_reported_item(ticket, notes, read.tags)
    # what the caller reported, courtesy aside: empty, it names nothing the notes could miss
    content = _reported_words(ticket.description, ticket.short_description)
    # field by field: a subcategory and a service come back on many tickets, a CI on few
    filed = (
        _content_words(ticket.subcategory)
        | _content_words(ticket.cmdb_ci)
        | _content_words(ticket.service)
    )
    shared = sorted((content | filed) & read.said)
    if not named and len(shared) < _ABOUT_IT and content:
        other = notes_mismatch(ticket, text)
        if other is not None and _unrelated({other.about}, _issue_topics(ticket)):
            return Resolution(
                Outcome.PARTLY_MET,
                evidence,
                f"the resolution notes are about {other.about} ({', '.join(other.words)}), "
                f"not the reported {other.claimed} issue.",
                "Write the resolution of this ticket's issue; notes about another problem do "
                "not show how this one was fixed.",
            )
    # a workaround beside a fix ("Replaced the screen; a loaner meanwhile") is still a fix:
    # fix_actions reads no action in the workaround's sentence
    bypass = _bypassed(text, content) or _worked_around(ticket, text, specific)
    if specific and bypass is None:
        other = None if shared or named or not content else _other_item(ticket, notes, text)
        if other is None and (journal := _another_fix(ticket, read)) is not None:
            return Resolution(
                Outcome.PARTLY_MET,
                evidence,
                f"the notes name a fix ('{specific[0]}') of {journal.what}, which neither "
                f"the issue nor the work notes speak of, while the work notes record another "
                f"fix ('{journal.fix}'): they describe another problem than this ticket's.",
                "Write the fix the work notes show for this ticket's issue; notes about "
                "another problem do not show how this one was fixed.",
            )
        if other is None:
            what = f"the reported {_listed(shared[:2])}" if shared else "the reported issue"
            return Resolution(
                Outcome.MET, evidence, f"the notes name what was done ('{specific[0]}') to {what}."
            )
        return Resolution(
            Outcome.PARTLY_MET,
            evidence,
            f"the notes name what was done ('{specific[0]}') to {other}, which the issue does "
            "not name: they describe another problem.",
            "Write the resolution of this ticket's issue; notes about another problem do not "
            "show how this one was fixed.",
        )
    undone = None if specific else _undoes_reported_state(ticket, generic)
    workaround = bypass or read.workaround
    if undone and workaround is None:
        return Resolution(
            Outcome.MET,
            evidence,
            f"the notes name the action ('{undone}') that undoes the reported state.",
        )
    return _not_a_fix(text, specific, generic, workaround, evidence)


# Endings a word takes in notes and journals alike ("printer", "printed", "printing").
_ENDINGS = ("ing", "ers", "er", "ed", "es", "s", "e")


def _stems(text: str) -> frozenset[str]:
    return frozenset(light_stem(w.removesuffix("'s"), _ENDINGS) for w in _content_words(text))


_OWN_WORDS = 2  # words of the notes beyond the issue's that show a thing of their own


@dataclass(frozen=True)
class _JournalFix:
    """What close notes that describe another fix speak of, and the fix the journal shows."""

    what: str
    fix: str


def _another_fix(ticket: Ticket, read: "_Notes") -> _JournalFix | None:
    """The fix the work notes record when the close notes describe another one (R3: notes
    about another problem than the ticket's): the notes speak of a kind of thing (a topic,
    tqrs.topics: a printer) that neither the issue nor the work notes and comments speak
    of, nor one near theirs (_NEAR: a licence on an Outlook ticket), in words of their own (beyond the issue's: "toner", "cartridge") the journal never
    uses, while a work-note entry records a change with its result ("Corrected the date on
    the notice, reran the import -> 6 arrivals listed"; a validation is no change) on
    something the issue names. Words of the issue shared with the
    notes (the site, the room, the caller) tell where, not what was fixed. None: the notes
    may be the journal's fix in other words, or the journal records none."""
    said = topic_hits((read.text, 1)).keys()
    if not said:
        return None
    tt = ticket_text(ticket)
    journal = "\n".join(x for x in (tt.work_notes, strip_journal_headers(ticket.comments)) if x)
    issue = (ticket.short_description, ticket.description, ticket.cmdb_ci, ticket.subcategory)
    spoken = topic_hits(*((x, 1) for x in (*issue, journal) if x)).keys()
    if set(said) & set(spoken).union(*(_NEAR.get(t, ()) for t in spoken)):
        return None  # the same thing, or a thing one fault can span (_NEAR)
    reported = _stems("\n".join(issue))
    own = _stems(read.text) - reported
    if len(own) < _OWN_WORDS or own & _stems(journal):
        return None
    for entry in tt.work_note_entries:
        if not reported & _stems(entry.text):
            continue  # a fix of nothing the issue names is no fix of this ticket's
        lines = [x for x in entry.text.splitlines() if x.strip()]
        # a change, not the caller's validation ("Kevin approved the Okta push")
        fixed = [
            f
            for x in lines
            if validation_in(x, ticket.contact_type)[0] is None
            for f in _read_notes(x).specific
        ]
        if fixed and any(map(has_result, lines)):
            return _JournalFix(f"{_listed(sorted(said))} matters", fixed[0])
    return None


# A kind of thing named by one word that says what it serves ("the payment driver", "the
# booking app"): R3's "Reinstalled driver." with a common word before it still does not
# say which driver, nor what was wrong with it. A name is written with a capital ("the
# Zebra driver", "the Outlook client").
_KIND_OF = re.compile(
    r"^(?:the |a |an |all )?([a-z]+) (?:service|driver|app|client|agent|application|software|"
    r"program|cache|device|profile|plugin|plug-in|add-in|extension|firmware)s?\W*$"
)


def _kind_only(phrase: str, notes: str, text: str) -> bool:
    """Whether the object of an action phrase ("reinstalled the payment driver", or "the
    payment driver reinstalled" in the passive) is a kind of thing named only by a common
    word, and the notes (`text`, as read) say nothing else: no fault found, no effect ("The
    dock's firmware was older than the driver; updated the dock firmware; both screens work"
    says what was wrong). In notes that use capitals the word is written in lower case (a
    name has its capital); in notes written in one case, where capitals say nothing, it is
    no application or device the topics name ("outlook client")."""
    verb, after = _verb(phrase)
    said = after or [w.strip(".,;:!?()") for w in phrase.split()[:-1]]
    m = _KIND_OF.match(" ".join(said))
    if m is None or len(_content_words(text)) > _RESTART_ALONE:
        return False
    word = m.group(1)
    if word not in known_words():
        return False
    if one_case(notes):
        return not topic_names(word)
    return re.search(rf"\b{word}\b", notes) is not None


@dataclass(frozen=True)
class _Notes:
    """What resolution notes say, read once per distinct text (notes repeat across a
    session's tickets far more than issues do): the text spelled out, the specific and
    generic actions (after the readings below), the words, the asset tags, a workaround and
    a malware removal named."""

    text: str
    specific: tuple[str, ...]
    generic: tuple[str, ...]
    said: frozenset[str]
    tags: tuple[str, ...]
    workaround: re.Match | None
    removed: str | None


# A new password given to the user, written by how it reached them ("Email with password
# has been send to User", "temporary password sent by SMS"): the reset done, as the
# password-reset process reads it (tqrs.rules.critical), a change with its object (R1).
# The password may come with the name to sign in with ("Email with password and login has
# been send to User", a new account's), or be sent itself ("Password has been send to user via
# direct e-mail": tqrs.rules.access_parts.PASSWORD_DELIVERED).
_SIGN_IN_NAME = r"(?:(?:log-?in|user ?name|user ?id|user) (?:and|&) )?"
_AND_SIGN_IN_NAME = r"(?: (?:and|&) (?:the )?(?:log-?in|user ?name|user ?id))?"
_PASSWORD_SENT = Caseless(
    r"\b(?:e-?mail|mail|sms|message) with (?:the |a |his |her |their )?(?:new |temp\w* |"
    rf"initial |one-time )?{_SIGN_IN_NAME}password{_AND_SIGN_IN_NAME} (?:has been |was |is )?"
    r"(?:sen[dt]|e-?mailed|given|provided)\b|"
    r"\b(?:new|temp|temporary|initial|one-time) password (?:has been |was |is )?(?:sen[dt]|"
    r"e-?mailed|given|provided|issued|texted)\b|"
    # the password with the name to sign in with, sent ("Password and login has been send to
    # the user via e-mail")
    rf"\b(?:new |temp\w* |initial )?password{_AND_SIGN_IN_NAME} (?:has been |have been |was |"
    r"were )(?:sen[dt]|e-?mailed|mailed|forwarded|given|provided) (?:[\w-]+ )?to (?:the )?"
    r"(?:users?|callers?|requesters?|requestors?|him|her|them)\b|" + access_parts.PASSWORD_DELIVERED
)


# A state reached written without its verb, as a translation may leave it ("The components
# ... have been into \"Design\" state", from "sono state messe in stato"): the state set, a
# change. "into" or "to", not "in": "have been in Released status since May" tells a state.
_STATE_REACHED = re.compile(
    r"\b(?:has|have|had|was|were)\s+been\s+(?=(?:into|to)\s+(?:[\"'\w-]+\s+){1,3}?"
    r"(?:state|status|phase|stage)\b)"
)


@text_memo
def _read_notes(notes: str) -> _Notes:
    text = spelled_out(notes)
    fix = _without_questions(
        _without_causes(_STATE_REACHED.sub(lambda m: f"{m.group()}set ", text))
    )
    specific, generic = fix_actions(fix)
    sent = [p for p in specific if _verb(p)[0] in _SENT_AWAY]
    generic += [p for p in specific if _guides(p) or _verb(p)[0] in _ON_ORDER]
    generic += [p for p in specific if _VAGUE_STEPS.search(p)]
    specific = [
        p
        for p in specific
        if _is_change(p)
        and not _negated(fix, p)
        and not _VAGUE_STEPS.search(p)
        and not _routed(fix, p)
        and not _message_only(fix, p)
    ]
    specific += [p for p in sent if _record_sent(p, fix)]
    unsaid = {p: _unsaid_subject(p, fix) for p in specific}
    generic += [p for p in specific if unsaid[p] and unsaid[p] <= GENERIC]
    specific = [p for p in specific if not unsaid[p]]
    if specific and all(_is_generic_change(p, fix) or _kind_only(p, notes, fix) for p in specific):
        generic, specific = specific + generic, []
    if not specific and (sent := _PASSWORD_SENT.search(fix)):
        specific = [sent.group()]
    if not specific and (before := _FIX_BEFORE_RESULT.search(fix)):
        if any(map(_is_name, words(before.group("thing")))):
            specific = [before.group().strip()]
    if not specific and (guided := _guided_change(fix)):
        specific = [guided]
    if not specific:
        specific, kinds = _named_actions(fix)
        generic += kinds
    removed = _REMOVED.search(notes)
    return _Notes(
        text,
        tuple(specific),
        tuple(generic),
        frozenset(words(text)),
        tuple(_ASSET_TAG.findall(notes)),
        WORKAROUND.search(text),
        removed.group() if removed else None,
    )


# The user walked through a change ("Walked him through setting his password", "guided the
# caller through clearing the Teams cache"): the change made with the user, advice that is
# itself the remedy (R8), read as R1 when the change has an object.
_GUIDED_THROUGH = re.compile(
    r"\b(?:walked|guided|talked|took|led)\s+(?:[\w']+\s+){1,2}?through\s+([a-z]+)\s+"
    r"((?:[\w'-]+\s+){0,2}[\w'-]+)"
)

# An object that names nothing ("through doing it", "through setting the steps up").
_GENERIC_THING = re.compile(
    r"^(?:it|this|that|them|everything|(?:the |a )?(?:steps?|process|procedure|issue|problem|"
    r"fix|solution|same))\b"
)


@functools.cache
def _change_gerunds() -> frozenset[str]:
    """The -ing forms of the changes fix_actions knows ("clearing", "setting")."""
    changes = [a for a in ACTIONS if _is_change(a)]
    return frozenset(
        a[:-2] + "ing" if a.endswith("ed") else a + a[-1] + "ing"
        for a in changes
        if a.endswith("ed") or a in ("set", "reset")
    )


def _guided_change(text: str) -> str | None:
    """The change the notes walked the user through, with its object (a slip of its -ing
    form read as it: "settng"), or None."""
    m = _GUIDED_THROUGH.search(text)
    if m is None:
        return None
    gerund, obj = m.group(1), m.group(2)
    gerunds = _change_gerunds()
    if gerund not in gerunds and (
        is_known(gerund) or not any(one_edit(gerund, g) for g in gerunds)
    ):
        return None
    if _GENERIC_THING.match(obj):
        return None
    return m.group().strip()


@text_memo
def _reported_words(description: str, short_description: str) -> frozenset[str]:
    """The content words of what the caller reported, courtesy aside."""
    return _content_words(f"{short_description}\n{without_pleasantries(description)}")


@text_memo
def _lost_device_reported(short_description: str) -> bool:
    return _LOST_DEVICE.search(short_description) is not None


@text_memo
def _malware_reported(issue: str) -> bool:
    return _MALWARE.search(issue) is not None


def _not_a_fix(text: str, specific, generic, workaround, evidence: str) -> Resolution:
    """Notes that name no fix of the issue: partly met when they name something a reader
    could act on (R3: an action on a generic object, a workaround, advice, a fix from
    outside, a knowledge article), not met when they say nothing repeatable (R2). Their
    parts (tqrs.judges.resolution_parts) read first what these readings cannot: an action
    in another language, a state reached, nothing to fix said."""
    # what the English readings below do not read: a change in another language or told by
    # the state it reached, nothing to fix said, a generic object; plans and closure words
    # are theirs ("Office reinstall scheduled for Monday": 0)
    by_parts = _by_parts(
        LINES_AND_SENTENCES.split(text), evidence, ("refused", "action", "no fault", "generic")
    )
    if by_parts is not None and by_parts.outcome is Outcome.MET:
        return by_parts
    if workaround is None and (nothing := _NOTHING_TO_FIX.search(text)):
        rest = f"{text[: nothing.start()]} {text[nothing.end() :]}"
        if len(_content_words(rest)) >= _SAYS_WHAT_HAPPENED:
            return Resolution(
                Outcome.MET,
                evidence,
                f"the notes say specifically what happened ('{nothing.group()}'): nothing "
                "was left to fix.",
            )
    if workaround and _says_more_than(text, workaround):
        why = f"the notes describe a workaround ('{workaround.group()}'), not a fix."
    elif specific:
        why = f"the notes name '{specific[0]}' beside a workaround, not a fix."
    elif ordered := next((p for p in generic if _verb(p)[0] in _ON_ORDER), None):
        why = f"the notes say what was ordered ('{ordered}'): the fix is still to come."
    elif advice := next((p for p in generic if p.split()[0] in ADVICE | _GUIDED), None):
        why = f"the notes give advice ('{advice}') but do not say what was fixed."
    elif named := next((p for p in generic if _names_an_action(p)), None):
        why = f"the notes name an action ('{named}') but not what was changed, or on which item."
    elif promised := _PROMISED.search(text):
        why = f"the notes say what is still to be done ('{promised.group()}'), not what was done."
    elif (outside := _OUTSIDE.search(text)) and _CLOSURE.intersection(words(text)):
        # the outside party as who fixed it ("Resolved by vendor."), not where it went
        why = f"the notes say the {outside.group()} fixed it, but not what the fault was."
    elif kb := _KB.search(text):
        why = f"the notes point to {kb.group().upper()} but do not say what was done."
    elif by_parts is not None and by_parts.outcome is Outcome.PARTLY_MET:
        return by_parts
    else:
        return Resolution(
            Outcome.NOT_MET,
            evidence,
            "the resolution notes name nothing a reader could repeat (closure words, a "
            "pointer, or a cause without the fix).",
            _SAY_WHAT,
        )
    return Resolution(Outcome.PARTLY_MET, evidence, why, _NAME_IT)


def _by_parts(
    sentences: list[str], evidence: str, parts: tuple[str, ...] | None = None
) -> Resolution | None:
    """The notes' sentences read by their parts (tqrs.judges.resolution_parts), or None
    when the parts settle nothing or the deciding part is not one of `parts` (None: any)."""
    found = read_parts([x for x in sentences if x.strip()])
    if found.outcome is None or (parts is not None and found.part not in parts):
        return None
    where = quote(found.sentence, width=60)
    if found.outcome is Outcome.MET:
        return Resolution(Outcome.MET, evidence, f"{found.reasoning} ('{where}').")
    return Resolution(
        found.outcome,
        evidence,
        f"the notes name {found.reasoning} ('{where}'), not a specific fix.",
        _NAME_IT if found.outcome is Outcome.PARTLY_MET else _SAY_WHAT,
    )


# R7: notes that say there was nothing to fix, and why ("found in shunter 3 during the
# call", "cancelled: Filter Keys was on", "duplicate of INC... fixed by ..."); "Duplicate"
# or "No fault found" alone stays R2 (fewer words than _SAYS_WHAT_HAPPENED besides).
_NOTHING_TO_FIX = Caseless(
    r"\b(?:nothing (?:was |is )?(?:needed|required)|no (?:action|change|"
    r"fix|reset|further action) (?:was |is )?(?:needed|required|taken)|"
    r"(?:not|no longer) (?:needed|required)|cancell?ed|withdrawn|duplicate of|hung up|"
    r"refused|declined|false (?:alarm|positive)|found (?:in|at|on|under|behind|inside))\b"
)
_SAYS_WHAT_HAPPENED = 3
# A fix promised, not done ("Screen to be replaced if the part arrives."): it names the
# action (R3), fix_actions reads no action in it.
_PROMISED = re.compile(r"\b(?:to be|will be|will|awaiting|pending)\s+(?:re-?)?[a-z]+ed\b")


def _lost_device(notes: str) -> Resolution | None:
    """R5 on a lost or stolen device: met when the notes secure it or say it was found,
    partly met when they record something else; None when they say nothing (read as any
    other notes)."""
    lower = notes.lower()
    for m in _SECURED.finditer(lower):
        clause_start = max(lower.rfind(c, 0, m.start()) for c in ".;,\n")
        clause = _CLAUSES.split(lower[clause_start + 1 : m.end() + _AFTER_SECURED])[0]
        if _NOT_THE_DEVICE.search(clause):
            continue  # "account disabled", "SIM blocked": not the device
        if not _NOT_SECURED.search(lower, clause_start + 1, m.start()) and not _SECURED_LATER.match(
            clause[clause.find(m.group()) + len(m.group()) :]
        ):
            return Resolution(
                Outcome.MET, quote(notes), f"the notes say the device was secured ('{m.group()}')."
            )
    # any word of finding not negated before it ("Not lost: Intune located it ..., where
    # Marta found it": the second)
    for found in _FOUND.finditer(lower):
        if not _NOT_SECURED.search(lower, 0, found.start()):
            return Resolution(
                Outcome.MET, quote(notes), f"the notes say the device was {found.group()}."
            )
    if len(_content_words(notes)) < 2:
        return None
    return Resolution(
        Outcome.PARTLY_MET,
        quote(notes),
        "the notes do not say that the lost or stolen device was locked or wiped (a report "
        "or a replacement does not secure it).",
        "Record the lock or wipe sent to the device (or why it could not be sent).",
    )


def _without_causes(text: str) -> str:
    """`text` without the sentences that only state the cause ("Cause: the feed stopped at
    07:58."): a cause is not the fix (R2)."""
    if "cause" not in text:
        return text
    return " ".join(s for s in _SENTENCES.split(text) if not _CAUSE_SENTENCE.match(s))


# Verbs that send a message ("provided information on the queries", "sent the details").
_MESSAGE_VERBS = frozenset(
    "sent given gave provided shared forwarded emailed e-mailed passed".split()
)


def _message_only(text: str, phrase: str) -> bool:
    """Whether `phrase` sends a message and its sentence says nothing of what the message
    said (resolution_parts.message_only: "Provided information on the queries"): a message
    alone, no fix (R2, as "gave workaround" without saying which)."""
    at = text.find(phrase)
    if at < 0 or _verb(phrase)[0] not in _MESSAGE_VERBS:
        return False
    start = max(text.rfind(c, 0, at) for c in ".;!?\n") + 1
    end = min((i for c in ".;!?\n" if (i := text.find(c, at)) >= 0), default=len(text))
    return message_only(text[start:end])


def _without_questions(text: str) -> str:
    """`text` without its questions ("Was the address changed recently?"): what a message
    to the caller asks is not what was done (R2)."""
    return _QUESTION.sub("", text) if "?" in text else text


# A sentence that ends with a question mark: from the last sentence end before it. The mark
# ends a sentence before a space or the end only: inside a word it is a character lost in
# an export ("06:19?AM") or a web address's query ("login?returnTo=").
_QUESTION = re.compile(r"(?:^|(?<=[.;!?\n]))[^.;!?\n]*\?(?=\s|$)")


def _verb(phrase: str) -> tuple[str, list[str]]:
    """The verb of an action phrase of fix_actions and the words after it: its first word
    ("restarted the spooler"), or its last when the object is written first ("printer
    settings corrected")."""
    parts = [w.strip(".,;:!?()") for w in phrase.split()]
    first = parts[0]
    if len(parts) == 1 or first in ACTIONS or first in GENERIC_ACTIONS or first.endswith("ed"):
        return first, parts[1:]
    return parts[-1], []


# Words beside a closure verb that name no object: adverbs, the record, the issue itself.
_NO_THING = frozenset(
    "already now all finally successfully also just it this that everything issue issues "
    "problem problems error errors fault".split()
)
# The record itself as an action's object: the ticket, not what it reports.
_THE_RECORD = frozenset("ticket tickets incident incidents inc case call request record".split())


def _is_change(phrase: str) -> bool:
    """Whether an action phrase of fix_actions is a change made, not a check ("confirmed
    the screen opens"), a hand-over ("escalated to"), or a fault told as an event ("stopped
    at 07:58")."""
    verb, after = _verb(phrase)
    rest = {w.strip(".,;:!?()") for w in phrase.lower().split()} - {verb}
    if rest & _THE_RECORD and rest <= _THE_RECORD | _DETERMINERS | {"this", "that"} | _ONWARD:
        # "Ticket duplicated", "duplicated ticket", "incident merged", "assigned the incident
        # to ...": what was done to the record (moved on), not to the issue (R2: "Duplicate",
        # the parent's number, a pointer or a hand-over alone)
        return False
    if verb in _SET_STATE and after[:1] == ["to"] and after[1:2] and after[1] in _RECORD_STATES:
        return False  # "Ticket is set to resolved": the record's state, no fix (R2)
    if verb in _JUDGED and after[:1] == ["as"]:
        return False  # "considered as unknown bots", "identified as a duplicate": a judgement
    if phrase.split()[0].lower() in _NONE_DONE:
        return False  # "No response received", "no changes made": nothing done
    verb = _as_checked(verb)
    if verb in _EVENTS:
        return bool(after) and after[0] not in _PREPOSITION
    if verb in _ON_ORDER or verb in TO_COME_VERBS:
        return False
    if verb in _SENT_AWAY and after and after[0] in ("for", "to", "back", "off"):
        return False  # "sent for repair", "returned to the vendor": a hand-over
    if verb in _PERFORMED:  # "performed a factory reset"; "troubleshooting performed"
        return not _BASE_ACTIONS.isdisjoint(after)
    if verb in _CLOSURE:  # "normal service resumed"; "fixed the record" names its object
        # ("Already fixed", "fixed the issue": no object, a closure word)
        return verb in _NAMES_ITS_FIX and bool(rest - _NO_THING - _DETERMINERS)
    if verb in _PLANNED:  # "reinstall scheduled for Monday"; "scheduled the report as a job"
        return bool(after) and after[0] not in _PREPOSITION and after[0] != "for"
    if verb in _GUIDED:
        return not _guides(phrase)
    return verb not in _CHECKS | _HANDED | _TOLD


# A record's states of closure ("set to resolved", "moved to closed").
_RECORD_STATES = frozenset("resolved closed cancelled canceled complete completed done".split())
# Verbs that put a record in a state ("set to resolved", "moved to closed"); not a verb done to
# what the issue names ("the stuck workflow was forced to complete": a change, R1).
_SET_STATE = frozenset("set moved changed marked put updated switched transitioned turned".split())
# Where a record is moved on to ("assigned the incident to", "moved the ticket back to").
_ONWARD = frozenset("to into back over across under".split())
# Verbs of judging: with "as", they name what a thing was taken for, not a change made to it.
_JUDGED = frozenset(
    "considered regarded deemed classified classed identified recognised recognized perceived "
    "viewed seen treated detected categorised categorized".split()
)
# Telling, not changing: where the fix is written ("Apply the resolution described in the
# attached PTC Case": a pointer, R2), not the fix.
_TOLD = frozenset("described mentioned indicated noted documented detailed outlined stated".split())


def _as_checked(verb: str) -> str:
    """A slip of a verb of checking ("caller confrimed the drawing now is correct") read as
    that verb: fix_actions takes any past-tense-shaped word for an action, and the slip
    would pass for a change. Not the slips of a hand-over's verb: "the task has been
    riassigned to ..." is the change a request asked for."""
    if verb in _CHECKS or not verb.endswith("ed") or is_known(verb):
        return verb
    return next((w for w in _CHECKS_IN_ORDER if one_edit(verb, w)), verb)


# A change named by its base form or noun, as terse notes write it ("Reinstall of Office
# 365", "Outlook profile rebuild", "Toner replacement"): fix_actions reads past tenses. Not
# the nouns that name a cause as often ("after the update", "the change").
_BASE_ACTIONS = frozenset(
    "reinstall reinstallation install installation uninstall repair replace replacement "
    "rebuild recreate reset restore restoration remove removal clear delete re-add readd "
    "reconfigure reconfiguration reimage resync re-sync rollback roll-back reseat swap "
    "unlock re-enable remap re-map reconnect flush purge renew renewal re-enrol "
    "re-enroll re-enrolment synchronization synchronisation resynchronization "
    "resynchronisation".split()
)
# A change named by a verb of two words, written as one ("Roll back of DNS changes").
_TWO_WORD_ACTIONS = re.compile(r"\b(roll)[- ]back\b")
# A closure that names how it was done ("Resolved by server synchronization", "fixed via a
# reinstall of Teams"): what follows the link is read as the change.
_CLOSED_BY = re.compile(
    r"^(?:resolved|fixed|solved|sorted|closed)\s+(?:by|via|through|with)\s+(?:(?:a|an|the)\s+)?"
)
_LINKS = frozenset("for to by with via of".split())
_NOT_YET = frozenset("will pending scheduled planned awaiting tomorrow needed needs".split())
_KIND_ONLY = re.compile(
    r"^(?:the |a |an )?(?:service|driver|drv|app|cache|pc|computer|device|system|server|"
    r"profile|settings?|config)$"
)
_CLAUSES = re.compile(r"[.;,:!?()\n]|\s-\s|\band\b")


def _named_actions(text: str) -> tuple[list[str], list[str]]:
    """Changes named by a base form or noun with their object: first in a clause with
    what follows ("repair office from control panel"), or last after a short object
    ("outlook profile rebuild"); and apart, those on a bare kind of thing ("drv rollback":
    which driver?)."""
    found, kinds = [], []
    for clause in _CLAUSES.split(_TWO_WORD_ACTIONS.sub(r"\1back", text)):
        clause = _CLOSED_BY.sub("", clause.strip())
        parts = clause.split()
        if len(parts) < 2 or _NOT_YET.intersection(parts):
            continue
        if parts[0] in _BASE_ACTIONS:
            obj = " ".join(w for w in parts[1:4] if w != "of")
        elif (
            parts[-1] in _BASE_ACTIONS
            and len(parts) <= 4
            # the object is a noun phrase: "outlook profile rebuild", not "fixed after reset"
            and not any(w in _PREPOSITION or w in _CLOSURE or w in _LINKS for w in parts[:-1])
        ):
            obj = " ".join(parts[:-1])
        else:
            continue
        if obj:
            (kinds if _KIND_ONLY.match(obj) else found).append(clause.strip())
    return found, kinds


# Where an action sends the work, not what it changes (R2: a pointer or a hand-over alone):
# the record itself, its watch list or notes, as the destination ("Added the site lead to
# the incident watch list", "attached the trace to the ticket"), or another record's number
# as the verb's only complement ("raised as a booking alert under INC0012345", "implemented
# under CHG0012345", "linked to PRB0001234"); an object before the number keeps the change
# ("patched the web nodes under CHG0012345").
_RECORD_PLACE = (
    r"(?:the |this |that |its )?(?:incident|ticket)(?:'s)?(?:\s+(?:watch\s*-?list|watchers|"
    r"work\s*notes?(?:\s+list)?|cc(?:\s+list)?|notes|comments|history|journal))?"
)
_TO_THE_RECORD = re.compile(
    # the first place the clause names after the verb's object ("added ... to the products in
    # the incident" goes to the products)
    r"^(?:\s+(?!(?:to|onto|into|on|in)\b)(?:[^\s.;,\n]|\.(?=\S))+){0,8}?\s+(?:to|onto|into|on|in)\s+"
    r"(?:(?:the |this )?(?:watch\s*-?list|watchlist)\b|"
    rf"{_RECORD_PLACE}(?=\s*(?:$|[.;,:!?)\n]|\band\b)))"
)
_UNDER_A_RECORD = re.compile(
    r"^\s+(?:as\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,4}?)?(?:under|in|via|to|with|against|"
    r"into|by|through)\s+(?:the\s+|a\s+)?(?:(?:parent|child|master|related|main|original|"
    r"linked|existing|new|same)\s+)?(?:(?:incident|ticket|problem|change|case|record|request|"
    rf"alert|task)\s*(?:number|no\.?)?\s*[:#-]?\s*)?{_RECORD_NUMBER}\b"
)


def _routed(text: str, phrase: str) -> bool:
    """Whether the action of `phrase` only routes the work (_TO_THE_RECORD, _UNDER_A_RECORD)."""
    at = text.find(phrase)
    if at < 0:
        return False
    verb = _verb(phrase)[0]
    start = at + phrase.find(verb)
    after = text[start + len(verb) :]
    if _TO_THE_RECORD.match(after):
        return True
    # a passive's subject is its object ("CR0001148 has been attached under CN00001012"):
    # only the issue or the record as that subject leaves nothing changed
    before = _CLAUSES.split(text[:start])[-1].split()
    if before and before[-1] in _AUXILIARIES:
        while before and before[-1] in _AUXILIARY_OR_TIME:
            before.pop()
        if before and before[-1] not in _THE_ISSUE:
            return False
    return bool(_UNDER_A_RECORD.match(after) or _RECORD_AS_OBJECT.match(after))


# Another record as the verb's direct object and only complement ("mapped INC0296963",
# "linked PRB0042653 to this ticket"): the record moved, nothing done to the issue (R2: the
# parent's number alone). ServiceNow's record prefixes only: a host or asset name may end
# in digits too ("Rebooted UKDC12345").
_RECORD_AS_OBJECT = re.compile(
    r"^\s+(?:(?:the\s+)?(?:parent|child|related|incident|problem|change|ticket|record)\s+)?"
    r"(?:inc|prb|chg|ritm|req|sctask|ctask|task|rfc)\d{5,}\b"
    r"(?=\s*(?:$|[.;,:!?)\n]|(?:and|to|with|as|under|in)\b))",
    re.I,
)


_AUXILIARIES = frozenset("is was were are be been being has have had".split())
_AUXILIARY_OR_TIME = _AUXILIARIES | frozenset({"already", "also"})  # "has already been"
_THE_ISSUE = _THE_RECORD | frozenset("issue problem alert error fault this it".split())


def _negated(text: str, phrase: str) -> bool:
    """Whether the action is written negated ("cannot be changed", "could not reinstall")."""
    at = text.find(phrase)
    return at > 0 and negated(text, at)


def _is_generic_change(phrase: str, text: str) -> bool:
    """A change that says too little to repeat it: a restart told alone (it clears the
    symptom; notes that say more tell what it fixed), or a change of an amount without the
    amount ("enlarged the pool")."""
    verb, after = _verb(phrase)
    if verb in _RESTART:
        # a machine restarted is generic however much the notes say of it ("Power cycled
        # the dock and the monitor came back": R3 "Rebooted the PC"); a named service or
        # process restarted is the fix when the notes say more than the restart
        thing = next((w for w in after if w not in _DETERMINERS), "")
        if not after:
            # the passive ("the laptop and the projector were restarted"): its subject is
            # what was restarted, each thing of it as the active form's object
            subject = _passive_subject(phrase, text)
            if subject & _SERVICES and any(map(_is_name, subject)):
                return False  # "The CodeMeter service on DDL-LIC-SRV was restarted."
            return bool(subject & _MACHINES) or (len(_content_words(text)) <= _RESTART_ALONE)
        named = [w for w in after if w not in _DETERMINERS][:2]
        if len(named) == 2 and _is_name(named[0]) and named[1] in _SERVICES:
            # the restarted service or process named ("Restarted the CodeMeter service on
            # DDL-LIC-SRV"): a named object, not R3's unnamed "Restarted the service" (a
            # name alone may be a device's, "Restarted the MDT": generic)
            return False
        return thing in _MACHINES or len(_content_words(text)) <= _RESTART_ALONE
    if _class_only(after):
        return True
    return verb in _AMOUNT and not any(c.isdigit() for c in text)


# A word that names a kind of thing, not a thing ("Replaced hardware.", "Updated the
# software", "Changed settings"): R3's generic object, which a reader could not repeat.
_CLASS_NOUNS = frozenset(
    "hardware software settings setting configuration config equipment parts part "
    "components component items".split()
)


def _class_only(after: list[str]) -> bool:
    """Whether the object after a change's verb is only a class noun (_CLASS_NOUNS), with
    at most a determiner before it and nothing named beside it."""
    named = [w.strip(".,;:!") for w in after if w not in _DETERMINERS]
    return len(named) == 1 and named[0] in _CLASS_NOUNS


_SERVICES = frozenset("service services process daemon agent".split())


def _is_name(word: str) -> bool:
    """Whether `word` is a name no word list knows, the glossary of IT's kinds of things
    included (a product, a service's own name: "CodeMeter", not "spooler" or "agent")."""
    return word.isalpha() and len(word) > 2 and not is_known(word)


# Where a passive's subject starts: a sentence's or clause's end before it.
_SUBJECT_START = re.compile(r"[.;:!?\n,]")


# Where or when, after a verb: "deployed on May 14", "provided to the user", "installed in
# production" (the words of the place or time, not what was acted on).
_WHERE_OR_WHEN = _PREPOSITION | frozenset("to into onto within via".split())
_AUXILIARIES = frozenset(
    "was were is are has have had been be being correctly successfully".split()
)


def _subject_start(text: str, at: int) -> int:
    """Where the subject of the verb at `at` begins: after the last subject start before it."""
    return max((m.end() for m in _SUBJECT_START.finditer(text, 0, at)), default=0)


def _unsaid_subject(phrase: str, text: str) -> frozenset[str]:
    """What a passive action acts on when the words after its verb say only where or when
    and it names a kind of work or a message alone ("Resolved, fix deployed on May 14": the
    fix; "Information provided to the user": the information): its subject's words,
    auxiliaries and determiners aside; empty when the verb has its object after it
    ("deployed the driver on May 14"), the subject names more (“Release R022.02 deployed”), or
    the sentence says what the fix or message did or said after it ("provided to user how to
    change the setting of replica server to master")."""
    verb, after = _verb(phrase)
    at = text.find(phrase)
    if not after or after[0] not in _WHERE_OR_WHEN or at < 0:
        return frozenset()
    cut = _subject_start(text, at)
    subject = frozenset(words(text[cut:at])) - _DETERMINERS - _AUXILIARIES
    end = next((m.start() for m in _SENTENCES.finditer(text, at)), len(text))
    if not subject <= GENERIC | MESSAGE or SAID_WHAT.search(text, at + len(verb), end):
        return frozenset()
    return subject


# A record named by its code ("The code HW00036076-00 has been correctly sent to SAP"): sent
# on to a system, the transfer the issue asked for, not a hand-over ("Laptop sent to Dell").
_CODE = re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[a-z])[\w-]{6,}\b")


def _record_sent(phrase: str, text: str) -> bool:
    """Whether `phrase` ("sent to sap") sends on a record its passive subject names by its
    code, no machine ("the code hw00036076-00 has been correctly sent to sap")."""
    verb, after = _verb(phrase)
    at = text.find(phrase)
    if after[:1] != ["to"] or at < 0:
        return False
    cut = _subject_start(text, at)
    subject = words(text[cut:at])
    return (
        _CODE.search(text, cut, at) is not None
        and not _MACHINES.intersection(subject)
        and not _NONE_DONE.intersection(subject)  # "has been not sent to SAP": why not
    )


# The fix named as what came before the result, in a confirmation ("User confirmed that
# after TIBCO services restart the parts are processed"): a restart or a change named by its
# noun, of a thing named by its own name (not "after the PC restart": R3's generic restart).
_FIX_BEFORE_RESULT = re.compile(
    r"\b(?:after|following|once)\s+(?:the\s+)?(?P<thing>(?:[\w-]+\s+){1,3}?)"
    rf"(?:restart|reboot|{'|'.join(sorted(_BASE_ACTIONS))})\b"
)


def _passive_subject(phrase: str, text: str) -> set[str]:
    """The words of the subject of a passive action phrase ("the projector restarted") as
    `text` writes it, its coordinated things too ("the laptop and the projector were
    restarted"): from the clause's start to the verb."""
    verb = phrase.split()[-1].strip(".,;:!?()")
    head = phrase.split()[0]
    at = text.find(verb)
    if at < 0:
        return set(phrase.split())
    start = text.rfind(head, 0, at)
    cut = _subject_start(text, max(start, 0))
    return set(words(text[cut:at]))


# "... instead of the laptop's HDMI port": the user is set up around the reported item.
_CLAUSE_JOINS = (" and ", ";", ", ")
_INSTEAD = re.compile(r"\binstead of\b((?:\s+[\w'’-]+){1,5})")


def _bypassed(text: str, issue_words: set[str]) -> re.Match | None:
    """A workaround told as the reported item avoided (R4): "instead of" followed by a word
    of the issue ("an adapter instead of the laptop's HDMI port" on an HDMI ticket), when no
    other sentence names a change (else it tells the cause: "had been loaded with tag stock
    instead of card stock. Loaded card stock ...")."""
    m = _INSTEAD.search(text)
    if m is None or not issue_words.intersection(words(m.group(1))):
        return None
    others = []
    for x in _SENTENCES.split(text):
        if m.group() not in x:
            others.append(x)
        elif (cut := max(map(x[: x.find(m.group())].rfind, _CLAUSE_JOINS))) > 0:
            # a clause of its own before the one "instead of" qualifies ("Joined the tablet
            # with the current key and replaced the card instead of printing the key"): a
            # change named there, as in another sentence
            others.append(x[:cut])
    changes = fix_actions(" ".join(others))[0] if others else []
    return None if any(map(_is_change, changes)) else m


def _worked_around(ticket: Ticket, text: str, specific) -> re.Match | None:
    """A workaround told as a fix (R4, tqrs.judges.workaround_parts): the work sent to another
    one of the reported thing ("Card payments moved to till 1 for the day" on a till 2
    ticket), when no other clause names a change (a notice put up for the users is none)."""
    sent = sent_elsewhere(text, f"{ticket.short_description}\n{ticket.description}")
    if sent is None:
        return None
    sent_words = sent.group().lower()
    clauses = re.split(r"[.;\n]", text.lower())
    others = [
        p
        for p in specific
        if p not in sent_words and not any(p in c and tells_of_it(c) for c in clauses)
    ]
    return None if any(map(_is_change, others)) else sent


def _names_an_action(phrase: str) -> bool:
    """Whether a generic action phrase names an action (R3: "restarted the service") rather
    than a closure ("fixed the issue") or a verb with no object at all ("replaced")."""
    parts = phrase.split()
    closure = any(w.strip(".,;:!") in _CLOSURE for w in parts) or _VAGUE_STEPS.search(phrase)
    # "no further issues reported": nothing done; "checked the cables": nothing changed
    return (
        len(parts) > 1
        and not closure
        and parts[0] not in _NONE_DONE
        and _verb(phrase)[0] not in _CHECKS
    )


_NONE_DONE = frozenset("no not never nothing".split())


def _says_more_than(text: str, workaround: re.Match) -> bool:
    """Whether the notes say which workaround ("use Outlook on the web for now") or only
    that one was given ("gave workaround": R2)."""
    rest = f"{text[: workaround.start()]} {text[workaround.end() :]}"
    said = [w for w in words(rest) if w not in _STOPWORDS and w not in _GIVEN]
    return len(said) >= 2 or _KB.search(text) is not None


_GIVEN = frozenset("gave given provided offered applied suggested user caller used".split())


@text_memo
def _content_words(text: str) -> frozenset[str]:
    """Words of four letters or more that say what a text is about."""
    return frozenset(w for w in words(spelled_out(text)) if len(w) >= 4 and w not in _STOPWORDS)


def _other_item(ticket: Ticket, notes: str, text: str) -> str | None:
    """What the notes name that shows them about another problem, when they share no word
    with the issue: an asset tag the issue does not name ("the fuser unit in MFP-GRZ-01" on
    a scanner ticket), or a topic the issue does not speak of while it speaks of others
    (tqrs.topics: toner on a certificate ticket). None: nothing shows they are not about it
    (R1: the notes' words need not repeat the issue's). `text` is the notes spelled out."""
    issue = f"{ticket.short_description}\n{ticket.description}\n{ticket.cmdb_ci}".lower()
    tag = next((t for t in _ASSET_TAG.findall(notes) if t.lower() not in issue), None)
    if tag is not None:
        return tag
    said = topic_hits((text, 1)).keys()
    return f"{', '.join(sorted(said))} matters" if _unrelated(said, _issue_topics(ticket)) else None


# Topics that one fault can span (tqrs.topics): a mailbox licence on an Outlook ticket, a
# Wi-Fi driver on a laptop ticket, a sign-in lifetime on a VPN ticket, a computer's fault in
# its software. Notes are about another problem only in a topic not near the issue's (a VPN
# fix on a printer ticket, a password reset on a monitor ticket).
_NEAR = {
    "software": {"email", "access", "database"},
    "email": {"software", "access"},
    "access": {"software", "email", "database", "network"},
    "database": {"software", "access"},
    "device": {"printing", "telephony", "network", "software"},
    "printing": {"device"},
    "telephony": {"device", "network"},
    "network": {"device", "telephony", "access"},
}


def _issue_topics(ticket: Ticket) -> tuple[set[str], set[str]]:
    """The topics the issue is about: those of its short description (or, when it names
    none, of its description and CI), and every topic its description speaks of (a laptop
    in the description of an Outlook ticket is where it happens, not what failed)."""
    described = set(topic_hits((ticket.description, 1), (ticket.cmdb_ci, 1)))
    reported = set(topic_hits((ticket.short_description, 1), (ticket.subcategory, 1)))
    return reported or described, described


def _unrelated(said, issue: tuple[set[str], set[str]]) -> bool:
    """Whether none of the topics the notes speak of is near the issue's reported topics
    or one its description speaks of (both speaking of some)."""
    reported, described = issue
    if not said or not reported:
        return False
    near = reported.union(*(_NEAR.get(t, ()) for t in reported))
    return not (near | described) & set(said)


def _names_reported_item(ticket: Ticket, notes: str, tags: tuple[str, ...]) -> bool:
    """Whether the notes name the ticket's CI or an asset tag the issue names (`tags`: the
    asset tags of the notes)."""
    ci = ticket.cmdb_ci.strip().lower()
    if len(ci) >= 4 and ci in notes.lower():
        return True
    if not tags:
        return False
    issue = f"{ticket.short_description}\n{ticket.description}".lower()
    return any(tag.lower() in issue for tag in tags)


def _undoes_reported_state(ticket: Ticket, generic: list[str]) -> str | None:
    """The first generic action whose verb undoes the state the short description or
    description reports ("unlocked" on "acct lockd": the account is the object)."""
    issue = spelled_out(f"{ticket.short_description}\n{ticket.description}").lower()
    for phrase in generic:
        verbs = phrase.split()[:: max(len(phrase.split()) - 1, 1)]  # first and last word
        if any((m := _UNDO.match(v)) and m.group(1) in issue for v in verbs):
            return phrase
    return None


def _listed(items: list[str]) -> str:
    return " and ".join(items)
