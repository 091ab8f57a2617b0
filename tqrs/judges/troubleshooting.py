"""The troubleshooting record, read offline (criterion troubleshooting), by the rules of the
labels' troubleshooting audit (tests/eval_set/LABELLING.md, "Troubleshooting audit", rules
1-7), read step by step from the structure of what is written (a check and its finding, a
change and its effect or test) more than by phrase lists:

- rule 1: the record is the work notes, and the comments not written by the caller (read
  only when the notes alone fall short of complete); what is no step of the analysts' is
  left out: the caller's text (an entry that copies the description, a mail relayed, a
  plea, a request to close, a template's issue section), the desk's
  section labels and references, a pointer to another record, a mail's signature,
  a personal-data form, a contact attempt, a message sent, a question, a request for work,
  the caller's validation;
- rules 2 and 3: each check with its finding, each change with its result, one by one
  however it is written (lines, sentences, list items, a table, arrows, a desk's tagged
  lines "[chk] X = Y"); a child incident's check after its parent's fix is one step;
- rule 4: after a change written with its result, a check told by its result is that
  change's effect; after a change written without one, the separate test of that change;
- rule 5: a reset or unlock and what goes with it on the account are one operation, the
  sign-in with the forced change a test;
- rules 6 and 7: a change whose result is not written with it takes the outcome of the
  next step that has one, or of any step of the record with one; MIN_STEPS steps with their
  outcome make the record complete.

An entry in another language (tqrs.rules.spelling.reads_as_english), read only when the
readable record falls short of complete, is counted by its structure instead of its words,
clause by clause, without the clauses of plans, contacts, requests, the user's report
relayed and work in progress in the desk's other languages (_clauses); the offline judge
(tqrs.judges.offline.troubleshooting) leaves a record complete only by such clauses not
assessable."""

import functools
import re
from collections.abc import Iterable

from tqrs.journal import JournalEntry, by_caller, name_key
from tqrs.judges import step_parts
from tqrs.judges.clause_parts import no_step_of_its_own, with_continuations_joined
from tqrs.judges.field_parts import fields_read
from tqrs.judges.signals import (
    LINES_AND_SENTENCES,
    MAIL_HEADER,
    PARENT_FIXED,
    contact_attempt,
    contact_line,
    effect_only,
    has_outcome,
    has_result,
    is_account_operation,
    is_change,
    is_listed,
    is_step,
    is_test,
    records_validation,
    signs_in,
    step_units,
    table_as_steps,
    with_shorthand_spelled,
    without_greetings,
    without_knowledge_links,
    without_pleasantries,
    without_validation,
    word_count,
)
from tqrs.models import Ticket
from tqrs.rules.caller_words import CLIENT, EU, SHORTHAND, TITLES, one_of
from tqrs.rules.clause_split import clauses_spelled, dictation_read
from tqrs.rules.elsewhere import QUEUE_NOTE
from tqrs.rules.fields import is_placeholder
from tqrs.rules.mail_header import SENDER_FIELDS, quoted_mail_opening
from tqrs.rules.note_parts import (
    desk_side,
    points_elsewhere,
    without_form,
    without_issue_section,
    without_others_turns,
)
from tqrs.rules.spelling import MIN_WORDS_FOR_LANGUAGE, reads_as_english
from tqrs.rules.steps import TICKED_BOX, UNTICKED_BOX
from tqrs.rules.text import (
    has_content_word,
    text_memo,
    ticket_text,
    undictated,
    without_line_times,
    without_list_markers,
    words,
)

# A step is written on a line, or as a sentence of a line ("Unlocked. Signed in -> OK.").
_SENTENCE_END = re.compile(r"(?<=[.;!?])(?<![Nn]o\.)\s+")
# A fix told by the word alone after its finding ("Cardiology-Ext = ..., correct ... Fixed.").
_BARE_FIX = re.compile(r"^\W*(?:fixed|corrected|amended)\W*$", re.I)
# A sentence that introduces the record that follows it ("in the order below", "as
# follows", "the steps below").
_ANNOUNCES = re.compile(
    r"\b(?:(?:in the order|as set out|set out|listed|described|steps|done|detailed) below|"
    r"as follows|the following steps)\b",
    re.I,
)
_ARROWED = re.compile(r"->|\u2192|=>")
# A typographic apostrophe, or the opening quote typed for one, as the straight one.
_STRAIGHT_APOSTROPHES = str.maketrans("\u2018\u2019", "''")
# What is still to come is not what a check showed.
_FUTURE = re.compile(r"\b(?:will|going to|to be|shall)\b|'ll\b", re.I)
# A clause whose verb is still to come, opening it with no subject or after one of a few
# words ("will be delivered tomorrow", "parts will follow", "lock to be sent if it comes
# online"): a promise (audit rule 6); not the reader addressed ("You will see that I checked
# ..."), a purpose ("To be sure ...") nor a conclusion ("it had to be the dock").
_PROMISED = re.compile(
    r"^\W*(?:(?:and|but|then|so)\s+)?(?:[\w'-]+\s+){0,3}?(?:(?:will|shall|is going to|are "
    r"going to|'ll)(?!\s+(?:see|find|note|notice)\b)|(?<=\w\s)(?<!had\s)(?<!has\s)(?<!have\s)"
    r"(?<!need\s)(?<!needs\s)to be(?!\s+(?:sure|safe|certain)\b))\b",
    re.I,
)
# The desk's words for the user, the person it writes to or of ("sent to the requester",
# "the customer's reply", "Caller confirmed ..."): the caller's titles (caller_words.TITLES).
_THE_USER = one_of(TITLES)
# A message sent to the user, told alone ("1st email has been sent:", "Email sent.",
# "Request for additional information has been sent to the user.", "Sent an email to caller
# to have the drawing number"): a contact or a request for information, no step (audit
# rule 1), though "sent" reads as an action done. A label before it ("On-Hold Notes*") is
# the export's. Not a message with what it carries ("Sent the user the new password").
_MESSAGE_SENT = re.compile(
    r"^\W*(?:[\w-]+ notes\W+)?(?:(?:\d\W?(?:st|nd|rd|th)|first|second|third|final|an?|the|"
    r"my|our)\s+)?(?:e-?mail|mail|message|reminder|request(?: for [\w ]{1,30}?)?)\s+"
    r"(?:has been |have been |was |were |is )?sent\b(?: (?:to|back to) (?:the )?"
    rf"(?:{_THE_USER}|him|her|them)\b)?(?: (?:for|asking for|to ask for) (?:more |"
    r"further |additional )?(?:details|information|info)\b)?\W*$"
    r"|^\W*(?:[\w-]+ notes\W+)?sent (?:an? |the |another )?(?:e-?mail|mail|message|reminder) "
    rf"to (?:the )?{_THE_USER}\b(?! with)",
    re.I,
)
# The caller's plea for the work, told in a comment ("Need this done ASAP!! Will lose
# business if this is not reset.", "Can someone fix this today?"): what the caller wants
# done, no step of the analyst's (audit rule 1), though "reset" reads as a change.
_PLEA = re.compile(
    r"^\W*(?:(?:i|we)\s+)?(?:really\s+|urgently\s+)?need (?:this|it|that|my \w+) "
    r"(?:to be )?(?:done|fixed|resolved|sorted|reset|looked at|working)\b"
    r"|^\W*(?:i|we)?\s*will lose (?:business|money|customers|revenue|sales)\b"
    r"|^\W*(?:please\s+)?(?:can|could) (?:someone|somebody|anyone|you) (?:please )?"
    r"(?:fix|reset|resolve|look at|help|sort)\b.*\?\W*$",
    re.I,
)
# A question asked ("Were there any other times you can recall?", "Could you provide once
# again the error message you are receiving"): a request for information, a contact with
# the caller, no step (audit rule 1); a question mark ends it.
_QUESTION = re.compile(r"\?[\s\W]*$")
# The caller's word relayed by the desk in the third person, the caller named by role ("EU
# advised Outlook opens", "The end user reported the printer works", "Requester replied:
# \"all fine now\"", "Customer confirmed the scanner is back"): what the caller said, their
# report or confirmation, no step of the desk's (audit rule 1; LABELLING.md: the caller's own
# "works now" is user confirmation, not a step), though what is said reads like a finding.
# The same words in the passive ("User informed of the need for files", "User told to
# escalate to ...") are a message sent to the caller: no step either.
_CALLER_SAID = re.compile(
    rf"^\W*(?:the )?{one_of((*SHORTHAND, EU, *TITLES, CLIENT))}\s+"
    r"(?:has |had |then |also )?(?:advised|said|says|replied|responded|reported|confirmed|"
    r"stated|mentioned|informed|told|wrote|indicated)\b",
    re.I,
)
# Steps with a result that make troubleshooting complete (the rubric: three or more).
MIN_STEPS = 3
# Words of an entry that copies the description (the caller's text) to be read as its copy,
# not as a phrase of it an analyst wrote again.
_MIN_COPIED_WORDS = 8


def troubleshooting_steps(ticket: Ticket) -> tuple[list[str], list[str]]:
    """The steps recorded in the work notes, and in comments not written by the caller
    (steps written in customer-visible comments count), and those of them whose outcome is
    written (LABELLING.md, troubleshooting audit rules 4, 6 and 7): a check's finding, a
    change's effect or the test after it, a procedure action done. The comments are read
    only when the work notes alone do not make the troubleshooting complete.

    An entry in another language (tqrs.rules.spelling.reads_as_english), read only when the
    readable record falls short of complete, is counted by its structure instead of its
    words: each sentence, line or comma clause of two words or more is a step with its
    outcome (audit rule 2 counts a run-on sentence or a comma run step by step; what the
    clauses say, and whether one of them is the validation, the heuristics cannot read, and a
    text they cannot read is no evidence of a defect)."""
    steps, results, _units, _entries = troubleshooting_record(ticket)
    return steps, results


def troubleshooting_record(
    ticket: Ticket,
) -> tuple[list[str], list[str], list[str], list[str]]:
    """troubleshooting_steps, and apart the steps counted by structure in entries written
    in another language, and those entries."""
    text = ticket_text(ticket)
    seen: set[str] = set()  # a step of a note copied into a comment counts once
    named = name_key(ticket.caller)  # the caller's turns of a pasted chat are no step
    # a note written to the caller is a letter too (a desk that writes every note in the second
    # person, "Hi Tom, I've exported your report again: ..."): its greeting is courtesy
    notes = [
        without_pleasantries(without_greetings(x))
        for x in _not_copies(_written(text.work_note_entries, named), ticket.description)
    ]
    steps, results = _steps_in(notes, seen)
    if len(results) >= MIN_STEPS:
        return steps, results, [], []
    callers = by_caller(ticket, text.comment_entries)
    # an analyst's comment to the caller is a letter: its greeting and sign-off are courtesy,
    # not part of the step they stand beside ("Hi Sam, I checked the version history: ...")
    comments = [
        without_pleasantries(without_greetings(x))
        for x in _not_copies(
            _written((e for e in text.comment_entries if e.author and not callers(e)), named),
            ticket.description,
        )
    ]
    more, more_results = _steps_in(comments, seen)
    steps, results = steps + more, results + more_results
    if len(results) >= MIN_STEPS:
        return steps, results, [], []
    # an entry of a few words ("Dificuldade em edição", "Atendimento possível amanhã") is too
    # short to be a step with its result counted by its structure: read as written
    unread = [
        x
        for x in (*notes, *comments)
        if len(words(x)) >= MIN_WORDS_FOR_LANGUAGE and not reads_as_english(x)
    ]
    if not unread:
        return steps, results, [], []
    steps, results = _steps_in(x for x in notes if x not in unread)
    more, more_results = _steps_in(x for x in comments if x not in unread)
    units = _distinct([u for x in unread for u in _clauses(x)])
    return [*steps, *more, *units], [*results, *more_results, *units], units, unread


# An intake form's issue line ("Description of the issue: Reference images missing"): the
# caller's words, copied.
_ISSUE_LINE = re.compile(r"^[ \t\W]*description of the issue\b[^\n]*\n?", re.I | re.M)


def _not_copies(texts: list[str], description: str) -> list[str]:
    """`texts` without the entries that copy the description, the caller's text (the whole
    description, or a part of it of a sentence or more, written again as a comment when the
    ticket was logged): no troubleshooting of the analyst's (audit rule 1). A description
    that is the desk's intake form is the desk's, not the caller's text."""
    if len(words(description)) < _MIN_COPIED_WORDS:
        return texts
    if without_form(description) != description:
        # the description is the desk's intake form (tqrs.rules.note_parts): its action lines
        # are the desk's, and a note that copies them records the desk's work; the form's
        # issue line, the caller's words, is read off
        return [y for x in texts if (y := _ISSUE_LINE.sub("", x)).strip()]
    said = " ".join(words(_without_labels(description)))  # read as the entries are
    if not said:
        return texts
    out = []
    for x in texts:
        entry = " ".join(words(x))
        copied = said in entry or (len(entry.split()) >= _MIN_COPIED_WORDS and entry in said)
        if not copied:
            out.append(x)
    return out


def _written(entries: Iterable[JournalEntry], named: frozenset[str] = frozenset()) -> list[str]:
    """The text of journal entries, oldest first, as the analysts wrote it: without HTML,
    the lines the instance writes when a knowledge article is attached, the desk's section
    labels and mail references, an e-mail's signature block and a form's fields (personal
    data, a request's quoted parameters); an entry that relays a mail received or the
    requester's reply asking to close (the caller's words) and an entry left empty left
    out."""
    kept = (_written_entry(e.text, e.author, named) for e in _in_order(list(entries)))
    return [x for x in kept if x.strip()]


@text_memo  # an entry's text comes back in other tickets (templates, a ticket scored again)
def _written_entry(text: str, author: str, named: frozenset[str]) -> str:
    """One journal entry's text as _written reads it ("" for an entry left out)."""
    x = without_knowledge_links(text)
    if _RELAYED_MAIL.search(x) or relays_a_mail(_without_labels(x), author):
        return ""
    # a chat's bot, system and caller turns, an intake form's fields, the issue section
    # of a template of sections ("Issue Description:" then "Steps Performed:") and a
    # linked article's number are no step of the desk's (tqrs.rules.note_parts), nor a
    # pasted chat's turns of the other side, the caller's words (note_parts)
    x = without_issue_section(without_form(desk_side(x, author)))
    x = without_others_turns(x, author, named)
    x = _without_caller_quoted(x, named)
    return without_form_fields(without_signature(_without_labels(x)))


# A line that gives a person's words in quotes after their name ('Jonah: "sync done, cheers"'):
# when the name is the caller's, the caller's word, their report or confirmation, no step of
# the desk's (audit rule 1), though it reads like a result.
_QUOTED_SPEAKER = re.compile(
    r"^[ \t]*(?P<who>[^\W\d_][\w'-]*(?: [^\W\d_][\w'-]*)?)[ \t]*:[ \t]*[\"\u201c]"
)


def _without_caller_quoted(text: str, named: frozenset[str]) -> str:
    """`text` without its lines that quote the caller by name (_QUOTED_SPEAKER)."""
    if not named or ":" not in text:
        return text
    lines = text.split("\n")
    kept = [
        x
        for x in lines
        if not ((m := _QUOTED_SPEAKER.match(x)) and set(words(m.group("who").lower())) <= named)
    ]
    return "\n".join(kept) if len(kept) < len(lines) else text


# The desk's heading for a mail it pastes in, alone on the entry's first line ("Update:",
# "*Update*", "UPDATE (See screenshot):", "Update from mail:", "Update from Giacomo
# Nerucci:", "EMAIL FROM MARCO PASTORE IN ITALIAN"): what follows is the caller's mail (or
# its translation), no step of the analysts' (audit rule 1), though it reads like findings
# ("It happened to me and I solved it only by reassigning the task").
_RELAY_HEAD = re.compile(
    r"^\W*(?:update\b(?: (?:from|in) [^\n:()]{1,40})?|e-?mail from [^\n:()]{1,40})\s*"
    r"(?:\(see [^)\n]{1,30}\))?\W*$",
    re.I,
)
# A mail's subject that opens with the sending desk's own ticket number ("INC1257014-
# Riapertura incident ...", "ENG: INC1412377- Problem opening Creo file", "INC1301241- CHIUDERE
# Anomalia PLM"), on a line of its own near the entry's head: the mail relayed under it is the
# caller side's (audit rule 1), though it reads like findings.
_RELAYED_SUBJECT = re.compile(r"^\W*(?:[a-z]{2,3}\s*:\s*)?inc\d{7}\s*-\s*\S", re.I)
# Lines of a pasted mail read for its header: the header block opens the entry (on its
# first or second line, after a language label or a heading) with two lines or more.
_HEADER_LINES_READ = 6
_MIN_HEADER_LINES = 2


def relays_a_mail(text: str, author: str = "") -> bool:
    """Whether the journal entry `text` (its section labels read off) relays a mail
    received: it opens with the desk's heading for one (_RELAY_HEAD), or with a mail's
    header block ("From: Santoni Sabrina / Sent: 17 February 2020 / To: ... / Subject:
    ..."; Outlook's Italian "Da: / Inviato: / A: / Oggetto:"), the mail not the entry's
    author's own (a "From:" line naming them: the analyst's mail, quoted under a note)."""
    lines = [x for x in text.split("\n") if x.strip()][:_HEADER_LINES_READ]
    if not lines:
        return False
    if _RELAY_HEAD.match(lines[0]) or any(map(_RELAYED_SUBJECT.match, lines)):
        return True
    heads = [i for i, x in enumerate(lines) if MAIL_HEADER.match(x.lower())]
    if len(heads) < _MIN_HEADER_LINES or heads[0] > 1:
        return False
    names = [w for w in words(author.lower()) if len(w) > 2]
    sender = lines[heads[0]].lower()
    return not (
        sender.split(":", 1)[0].strip(" *-") in SENDER_FIELDS and any(n in sender for n in names)
    )


# A section label the desk writes at the head of an entry or a line, set off by asterisks,
# dashes or hashes ("*On-Hold Notes*", "****On-Hold Notes****", "--- On Hold Notes ---",
# "*Mail update*"; a heading's word ends it): the export's heading, no step (audit rule 1),
# though "Notes" after a mark reads like a finding; what follows it on the line is kept.
_SECTION_LABEL = re.compile(
    r"^[ \t]*(?:\*{1,6}|-{2,}|#{1,4}|={2,})[ \t]*(?:[^\W\d][\w' /-]{0,30}?[ \t])?"
    r"(?i:notes?|updates?|answer|reply|response|comments?|information|info|summary|status|"
    r"hold)[ \t]*"
    r"(?:\*{1,6}|-{2,}|#{1,4}|={2,})(?![>=*-])[ \t]*",
    re.M,
)
# A mail's or a ticket's reference alone on its line ("Ref:MSGHSM16106469", "NEW Ref:
# MSGHSM16106469", "ref - INC0094606"): the thread's key, no step.
_REFERENCE_LINE = re.compile(
    r"^[ \t]*(?:new[ \t]+)?(?:ref|reference|our ref|your ref|rif)\b\W{0,3}[A-Za-z]*\d[\w./-]*"
    r"[ \t]*$\n?",
    re.I | re.M,
)
# An entry that relays a mail received ("*Mail update*" with the mail below it, "E-mail
# update:", "Email update from: ...", "User's answer:", "Requester's answer:", "New email
# from customer:", "received from: <address>", "reply from: <address>", the line ServiceNow's
# inbound e-mail action writes above a reply it adds as a comment, a "Translation" of the
# caller's message):
# the words of the caller or the caller's side, pasted in by the desk, no step of the
# analysts' (audit rule 1: what the caller wrote is no step), though a reply relayed reads
# like findings ("gives me this error message").
_RELAYED_MAIL = re.compile(
    r"^\W*(?:on[- ]hold notes\W*)?(?:(?:e-?mail|mail) update\b|"
    rf"(?:the )?(?:users|{_THE_USER})'?s? (?:answer|reply|response)\b|"
    rf"new (?:e-?mail|mail|message|reply) from (?:the )?{_THE_USER}\b|"
    r"received from\s*:|reply from\s*:|translation\b)"
    # the requester's reply that asks to close ("I have confirmed CAD worker is now working.
    # Please close this incident."): the caller's acceptance, no step (the test is theirs)
    r"|\b(?:please|pls|you can|you may|feel free to) close (?:this|the) (?:incident|ticket)\b",
    re.I,
)


def _without_labels(text: str) -> str:
    """`text` without the desk's section labels and reference lines (_SECTION_LABEL,
    _REFERENCE_LINE)."""
    if "*" in text or "--" in text or "#" in text or "==" in text:
        text = _SECTION_LABEL.sub("", text)
    lower = text.lower()
    return _REFERENCE_LINE.sub("", text) if "ref" in lower or "rif" in lower else text


# A mail's closing formula on a line of its own ("Kind regards", "Saluti", "Cordiali
# saluti", "Atenciosamente", "Saludos", "Mit freundlichen Grüßen"): what follows it, up to a
# quoted mail's header or separator, is the writer's signature (name, role, department,
# plant, address), no step (audit rule 1), though a role line ("Design Engineering") reads
# like a finding. Thanks alone are no closing formula (a note may go on after them).
_CLOSING = re.compile(
    r"^\W*(?:(?:kind|best|warm|warmest|many)\s+)?(?:regards|saluti|cordiali saluti|"
    r"distinti saluti|un saluto|atenciosamente|att|abra[çc]os|saludos|un saludo|cordialmente|"
    r"cordialement|bien cordialement|mit freundlichen gr(?:ü|ue|u)(?:ß|ss)en|mfg|sincerely|"
    r"yours sincerely|yours faithfully|best)\W*$",
    re.I,
)
# A dash or underscore rule: the note's next part (a template's rule) or a quoted mail's
# (Outlook's rule above its header); a quoted mail's own opening is read by
# tqrs.rules.mail_header.quoted_mail_opening.
_RULE = re.compile(r"^\s*(?:-{3,}|_{5,})")
# A bilingual mail's second copy opens with its language's label on a line of its own or
# before its first words ("IT: ... Saluti, EN: It is requested ...", "Saluti / marco / ENG:
# It gives me the same problem"): the signature before it ends there, the copy is the message
# again (its own sign-off starts a signature again).
_LANGUAGE_LABEL = re.compile(
    r"^\W*(?:en|eng|english|inglese|ingl[eê]s|it|ita|italian|italiano|pt|pt-br|portugu[eê]s|"
    r"portuguese|es|esp|spanish|espa[ñn]ol|fr|french|fran[çc]ais|de|german|deutsch|nl|dutch|"
    r"pl|polish|polski)\s*:",
    re.I,
)


def _without_signed_off(text: str) -> str:
    lower = text.lower()
    if not any(
        x in lower
        for x in (
            "regard",
            "salut",
            "atencios",
            "att",
            "abra",
            "cordial",
            "gr",
            "mfg",
            "sincerely",
            "yours",
            "best",
        )
    ):
        return text
    out, signed = [], False
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if signed and (
            MAIL_HEADER.match(line.lower())
            or _RULE.match(line)
            or quoted_mail_opening(lines, i) is not None
            or _LANGUAGE_LABEL.match(line)
        ):
            signed = False
        if not signed:
            out.append(line)
        signed = signed or _CLOSING.match(line) is not None
    return "\n".join(out)


@text_memo  # every entry read by _written_entry and openings, both met again
def without_signature(text: str) -> str:
    """`text` without its signature blocks: what follows a closing formula (up to a quoted
    mail's header or separator, which starts the next part of the thread, or a bilingual
    mail's language label, which starts its copy in the other language), and the short
    lines (a name, a role, a department, a plant: a few words, no sentence) just above a
    signature's contact details ("t: +39 ...", "email: ...", an address alone)."""
    return _without_lines_above_contacts(_without_signed_off(text))


def _without_lines_above_contacts(text: str) -> str:
    lines = text.split("\n")
    contacts = [i for i, x in enumerate(lines) if "@" in x or ":" in x if contact_line(x)]
    if not contacts:
        return text
    dropped = set(contacts)
    for i in contacts:
        j = i - 1
        while (
            j >= 0
            and j not in dropped
            and _SIGNATURE_LINE.match(lines[j])
            and word_count(lines[j]) <= _SIGNATURE_WORDS
        ):
            dropped.add(j)
            j -= 1
    return "\n".join(x for i, x in enumerate(lines) if i not in dropped)


# A signature's name, role or place line: up to five words, no sentence mark at its end.
_SIGNATURE_LINE = re.compile(r"^[ \t]*[^\W\d][^\n.:;!?,]{0,60}$")
_SIGNATURE_WORDS = 5


# A personal-data form pasted into a note ("Nome: ...", "Telefone / Ramal: ...", "Empresa:
# ...", "Matrícula: ...", "Cargo: ..."): the requester's details, no step, though each
# "label: value" reads like a check with its finding. An entry with three lines or more
# labelled by a personal-data field (name, phone, company, country, employee number, role,
# department, e-mail, address: a contact's or employee's record in English, Portuguese,
# Spanish, Italian), half its "label: value" lines at least, is a form: those lines are left
# out ("Email: sent the form to the vendor" beside "Web: ..." and "Phone: ..." is a record of
# steps by channel, not a form).
_FIELD_LINE = re.compile(r"^\W*([^\W\d][^:\n]{0,30}?)\s*:\s*\S[^\n]{0,80}$")
_PERSONAL_LABEL = re.compile(
    r"(?:full |first |last |user |employee )?(?:name|nome|nombre|cognome|sobrenome|apellido)|"
    r"(?:tele?fone|telefono|teléfono|phone|tel|mobile|cell|celular|cellulare|ramal|extension|"
    r"ext)(?:\s*/\s*\w+)?|company|empresa|azienda|società|country|pa[ií]s|paese|"
    r"matr[ií]cula|matricola|employee (?:id|number|no)|staff (?:id|number|no)|cpf|rg|"
    r"cargo|role|job title|title|funzione|ruolo|department|departamento|dipartimento|setor|"
    r"sector|e-?mail|address|endere[çc]o|indirizzo|direcci[óo]n|location|localiza[çc][ãa]o|"
    r"site|building|im[óo]vel|office|chave|user ?id|login",
    re.I,
)
_MIN_FORM_FIELDS = 3


def without_form_fields(text: str) -> str:
    """`text` without a personal-data form's "label: value" lines (see _PERSONAL_LABEL)."""
    if text.count(":") < _MIN_FORM_FIELDS:
        return text
    lines = text.split("\n")
    fields = [m.group(1).strip() for x in lines if (m := _FIELD_LINE.match(x))]
    personal = [f for f in fields if _PERSONAL_LABEL.fullmatch(f)]
    if len(personal) >= _MIN_FORM_FIELDS and 2 * len(personal) >= len(fields):
        return "\n".join(x for x in lines if not _FIELD_LINE.match(x))
    if sum(bool(_QUOTED_FIELD.match(x)) for x in lines) >= _MIN_FORM_FIELDS:
        return "\n".join(x for x in lines if not _QUOTED_FIELD.match(x))
    return text


# A parameter given in quotes ('BASE: "ICONIC-TEDUC"', 'STATE: "RIO DE JANEIRO"'): what a
# request asks for, written as a form's field with its value, no check's finding; three or
# more in an entry are the request's parameters.
_QUOTED_FIELD = re.compile(r"^\W*[^\W\d][^:\n\"]{0,30}:\s*\"[^\"\n]*\"\W*$")


# Where a text in another language is cut into the clauses counted as its steps: a line,
# a sentence end, a comma or semicolon outside brackets, a colon after a label ("AD: ...").
_CLAUSE_CUT = re.compile(r"\n|(?:(?<=[.;!?])|[,;:])\s+(?![^()]*\))")
_MIN_CLAUSE_WORDS = 2


# The stem of "validated" in the languages the desk meets (validado, validé, validiert,
# gevalideerd, convalidato): a clause that holds it records the caller's validation, which
# is no troubleshooting step (LABELLING.md, Conventions), in any language.
_VALIDATED = re.compile(r"(?<!in)valid", re.I)


def _clauses(text: str) -> list[str]:
    """The clauses of two words or more of a text (a time before a line left out), but
    those that record the caller's validation, the sentences and clauses that record
    where the ticket waits or went (QUEUE_NOTE), the user's report relayed, a quoted mail's
    header lines, a question (the sentence whole), clauses of plans, contacts and work in
    progress (_NO_STEP_ELSEWHERE) and those that are no step of their own by their parts
    (tqrs.judges.clause_parts: courtesy, a name or label, work under way, a message sent, what
    is still needed); a clause that continues the one before it in its sentence (a purpose, a
    reason, a consequence) is counted with it."""
    kept = [
        x
        for x in LINES_AND_SENTENCES.split(_with_lead_phrases_joined(without_line_times(text)))
        if not QUEUE_NOTE.match(x)
        and not MAIL_HEADER.match(x.lower())
        and not _USER_REPORTS.match(x)
        and not _QUESTION.search(x)  # a question to the reader, whole
    ]
    cut = [y for x in kept for y in with_continuations_joined(_CLAUSE_CUT.split(x))]
    return [
        x.strip()
        for x in cut
        if word_count(x) >= _MIN_CLAUSE_WORDS
        and not no_step_of_its_own(x.strip())
        and has_content_word(x)  # numbers, ids, values: no clause of a step
        and not _VALIDATED.search(x)
        and not records_validation(x)
        and not QUEUE_NOTE.match(x)  # above, a sentence it opens, whole; here, a later clause
        and not _NO_STEP_ELSEWHERE.search(x)
        and not asks_or_reaches_elsewhere(x)
    ]


# A request to the reader for information, material or a hand-off, told as a request
# ("Please provide the file to be replaced.", "Please send the error message", "Please let us
# know ...", "Kindly confirm ...", "please investigate"): work asked of the user or of another
# team, no step done (audit rule 1: a request for information, a hand-off). Not a step the
# analyst guides the caller through ("Please remove the label and print 10 test pages",
# "Please open the rear door and check the rollers": the caller's result makes it a step),
# nor a statement introduced so ("Please be informed that the jobs were resubmitted ...").
# A request passed on through the reader ("Please ask the user to click the reset link",
# "Kindly inform the site to ...") is a request too.
_ASKS = re.compile(
    r"^\W*(?:please|pls|plz|kindly)\W+(?:(?:can|could|would) you\s+)?(?:provide|send|sent|"
    r"share|attach|forward|confirm|let (?:us|me) know|specify|precise|advise|clarify|tell|ask|"
    r"inform|remind|notify|"
    r"reply|answer|fill|see|find attached|investigate|take (?:a look|over)|look (?:at|into)|"
    r"write|raise|escalate|reassign|close|approve|check (?:the )?(?:attach\w*|e-?mail|mail|"
    r"below|document))\b",
    re.I,
)


def asks_for_work(sentence: str) -> bool:
    """Whether `sentence` asks the reader for work (_ASKS), with no result after an arrow."""
    return bool(_ASKS.match(sentence)) and not _ARROWED.search(sentence)


def without_language_label(sentence: str) -> str:
    """`sentence` without the label of a language before it (_LANGUAGE_LABEL: "IT: L'email è
    stata inviata all'utente", "EN: Email has been sent to user:"): the language of what
    follows, not a thing checked with its finding ("AD: locked")."""
    return _LANGUAGE_LABEL.sub("", sentence, count=1).lstrip()


# The same in another language: a request ("Favor verificar.", "Favor analisar", "Per
# favore verificare", "Si prega di consultare ...", "Prego provvedere ..."), or how and when
# the caller is reached, a label with its number or hours ("Contato 71 99956-4888",
# "Horário 09 as 18hrs", "Cellulare 333 1234567"): a hand-off's details, no step.
_ASKS_ELSEWHERE = re.compile(
    r"^\W*(?:favor|por favor|per favore|per cortesia|si prega|vi prego|prego|gentilmente|"
    r"cortesemente|bitte|merci de|s'il vous pla[iî]t|veuillez)\b",
    re.I,
)
_REACHED_AT = re.compile(
    r"^\W*(?:contato|contacto|contatto|telefone|telefono|tel[ée]fono|tel|celular|cellulare|"
    r"cel|ramal|interno|whatsapp|hor[áa]rio|orario|horaire|disponibilidade|disponibilit[àa]|"
    r"reperibilit[àa])\b\W*(?:[^\W\d_]+\W+){0,2}\+?\d",
    re.I,
)


def asks_or_reaches_elsewhere(clause: str) -> bool:
    """Whether a clause of another language asks for work or tells how to reach the caller
    (_ASKS_ELSEWHERE, _REACHED_AT)."""
    return bool(_ASKS_ELSEWHERE.match(clause) or _REACHED_AT.match(clause))


# A phrase that opens a sentence of another language and qualifies the clause after its
# comma ("In accordo con l'utente, l'import è stato annullato", "Após o reinício,
# funcionou", "Con el usuario, se reinició"): one clause with it, not a step of its own
# (audit rule 2 counts checks and actions, not their circumstances). One that records no step
# itself ("Em contato com o usuário, ...") is read off.
_LEAD_PHRASE = re.compile(
    r"(^|[.;!?][ \t]+)((?:in|con|per|secondo|dopo|prima|d'accordo|em|com|para|segundo|"
    r"ap[óo]s|depois|antes|conforme|en|seg[úu]n|despu[ée]s|tras|avec|selon|apr[èe]s|avant|"
    r"pour|mit|nach|laut|gem[äa][ßs]s?)\b[^,\n.;:!?]{1,40}),[ \t]+",
    re.I | re.M,
)
_LEAD_PHRASE_WORDS = 4


def _with_lead_phrases_joined(text: str) -> str:
    """`text` with its opening phrases (_LEAD_PHRASE, four words at most) joined to the
    clause after them."""

    def joined(m: re.Match) -> str:
        phrase = m.group(2)
        if len(phrase.split()) > _LEAD_PHRASE_WORDS:
            return m.group(0)
        return m.group(1) + ("" if _NO_STEP_ELSEWHERE.search(phrase) else f"{phrase} ")

    return _LEAD_PHRASE.sub(joined, text) if "," in text else text


# A clause of another language that records no step with its outcome, as its English words
# would not (audit rules 1, 6 and 7): work still to come ("Será feito contato amanhã", "vou
# colocar prints", "sarà verificato"), a contact with the user ("Tentativa de contato com
# solicitante", "Em contato com o usuário", "in contatto con l'utente"), the user's own report
# relayed ("Usuária informa que ...", "O mesmo informa", "l'utente segnala": the problem, not
# what the analyst found), work in progress told by its gerund ("Checando com
# solicitante", "Preparando ambiente", "Ainda avaliando": no outcome yet), or details,
# evidence or a screen asked for ("Solicitado mais informações a cliente", "Solicitação de
# detalhes do usuário", "Foi solicitado novamente para o analista apresentar a tela com o
# erro", "Se solicitó captura de pantalla", "Richiesti dettagli all'utente": a contact, the
# pt-BR export's INC1571839).
_NO_STEP_ELSEWHERE = re.compile(
    r"\b(?:ser[áa]|ser[ãa]o|vou|vamos|ir[áa]|irei|iremos|sar[àa]|saranno|verr[àa]|verranno|"
    r"se har[áa]|voy a|vamos a)\b"
    r"|(?:\b(?:solicitad[oa]s?|solicit[óo]|solicitei|solicitamos|pedi|pedimos|"
    r"richiest[oaei]|chiest[oaei])\b[^.;\n]{0,60}?|"
    r"\b(?:solicita[çc][ãa]o|solicitud|richiesta) d[eio] (?:mais |m[áa]s |altr[ei] )?)"
    r"\b(?:informa[çc]|informaci|informazion|detalh|detall|dettagl|evid[eê]nci|evidenz|"
    r"prints?\b|tela\b|telas\b|pantalla|schermat|captura|screenshot)"
    r"|\b(?:tentativa|tentando|tentei|intento|tentativo) (?:de |di )?contat"
    r"|\b(?:em|en|in) contat?to con?m?\b|\bcontattat[oaie]\b|\bcontactad[oa]\b"
    r"|^\W*(?:ainda |ancora |todav[íi]a |still )?(?!quando\b|comando\b|mando\b)"
    r"[^\W\d_]{3,}(?:ando|endo|indo)\b",
    re.I,
)
# The user's report relayed, a whole sentence with its clauses ("Usuária informa que ao abrir
# o relatório, a tela fica em branco"): the problem as the user tells it, not a finding.
_USER_REPORTS = re.compile(
    r"^\W*(?:o |a |el |la |l')?(?:usu[áa]ri[oa]|solicitante|cliente|mesm[oa]|utente|"
    r"richiedente)\s+(?:reporta|informa|relata|diz|solicita|pede|segnala|riferisce|chiede|"
    r"indica|comenta|dice|retornou|respondeu|responde|risponde|ha risposto)\b",
    re.I,
)
_CLAUSE_KEY_WORDS = 6


def _distinct(units: list[str]) -> list[str]:
    """`units` without a clause an earlier one already holds (a status note copied from entry
    to entry, "Problema já identificado. - Verificar X ...", counts once), compared by their
    first words."""
    seen: dict[tuple[str, ...], str] = {}
    for u in units:
        seen.setdefault(tuple(words(u.lower())[:_CLAUSE_KEY_WORDS]), u)
    return list(seen.values())


def _in_order(entries: list[JournalEntry]) -> list[JournalEntry]:
    """Journal entries oldest first (an export lists them newest first), so that a test is
    read after the change it tests; entries without a time keep their place."""
    if len(entries) < 2:
        return entries
    if any(e.time is None for e in entries):
        return entries
    return sorted(entries, key=lambda e: e.time or "")


def _steps_in(texts: Iterable[str], seen: set[str] | None = None) -> tuple[list[str], list[str]]:
    """(the steps of `texts`, read in order, and those with their outcome). A change whose
    result is not written with it takes the outcome of the next step that has one (its
    effect or test, shared by the changes before it: "Reran, pushed to the clock." then
    "all badges clock in now"), or of any step of the record with one: only a fix with
    no effect or test anywhere is a step without outcome (audit rule 6). A check without
    its finding has none (rule 2)."""
    steps: list[str] = []
    results: list[str] = []
    waiting: list[str] = []  # changes whose outcome is still to be written
    seen = set() if seen is None else seen  # the steps already read, shared by the calls
    for text in texts:
        for step, outcome, change in _steps_of(text):
            said = " ".join(words(step))
            if said in seen:
                continue  # the same step written again (a note copied to a comment) is one
            seen.add(said)
            steps.append(step)
            if outcome:
                results += [*waiting, step]
                waiting = []
            elif change:
                waiting.append(step)
    if results:
        results += waiting
    return steps, results


# A note's lines tagged by what they record, as some desks write them ("[chk] TareLab log =
# connection refused", "[did] reservation put back = .22 again", "[id] rang back on ... =
# matches HR"): a check, a change, the caller's validation; the result written after an equals
# sign, as after an arrow. The tag is spelled as the words it stands for (a check, a change
# told by its own verb) and "=" as "->"; a line tagged as the identity check is no step of the
# troubleshooting (LABELLING.md, troubleshooting audit rule 1: the record is the work done).
_TAG = re.compile(r"^([ \t]*(?:[-*\u2022][ \t]*)?)\[(id|idv|chk|check|did)\][ \t]*", re.I | re.M)
_TAGGED_RESULT = re.compile(r"[ \t]+=[ \t]+(?=\S)")
# A result written after a double chevron between a check and what it gave ("keyboard on
# another PC >> same keys dead"), the arrow some desks type: read as "->" (not a mail's quote
# marks, which open the line).
_CHEVRONS = re.compile(r"(?<=\S)[ \t]+>>[ \t]+(?=\S)")


# A check-list's boxes opening a line, as some desks keep the note ("[x] Sign-in log - last
# 24 h only the office IP", "[ ] phish mail purge"): a box ticked is the item done, read as
# the line after it; a box left empty is work not done, no step (LABELLING.md,
# troubleshooting audit rules 1 and 6: what was not done is no step).
_TICKED = re.compile(rf"^([ \t]*)(?:{TICKED_BOX})[ \t]*", re.M)
_UNTICKED = re.compile(rf"^[ \t]*(?:{UNTICKED_BOX})[^\n]*\n?", re.M)


# A step written with its result under the form's labels, on one line ("Step 2 - Enabled the
# device. Result - touches work", "Action: reseated the cable; Outcome: link up"): the result
# label is the arrow of the step before it (audit rule 2: a check with its finding), the step
# label the form's, read off.
_RESULT_LABEL = re.compile(
    r"(?<=\S)[.;,]?[ \t]+(?:result|outcome|finding|findings)[ \t]*(?::|[-\u2013])[ \t]+(?=\S)",
    re.I,
)
_STEP_LABEL = re.compile(
    r"^([ \t]*)(?:step|action)[ \t]*\d{0,2}[ \t]*(?::|[-\u2013.)])[ \t]+(?=\S)", re.I | re.M
)


def _results_labelled(text: str) -> str:
    """`text` with the result labels after a step on its line read as arrows, and the step
    labels opening those lines read off."""
    if not _RESULT_LABEL.search(text):
        return text
    lines = []
    for line in text.splitlines():
        if _RESULT_LABEL.search(line):
            line = _STEP_LABEL.sub(r"\1", _RESULT_LABEL.sub(" -> ", line))
        lines.append(line)
    return "\n".join(lines)


def _boxes_read(text: str) -> str:
    """`text` with its ticked boxes read off (_TICKED) and its empty boxes' lines left out
    (_UNTICKED)."""
    if "[" not in text and not any(c in text for c in "\u2610\u2611\u2705\u2714"):
        return text
    return _TICKED.sub(r"\1", _UNTICKED.sub("", text))


def _tags_spelled(text: str) -> str:
    """`text` with its tagged lines (_TAG) read as words: "[chk] X = Y" as "Checked X -> Y",
    "[did] X = Y" as "X -> Y", a line tagged "[id]" left out."""
    if "[" not in text or not _TAG.search(text):
        return text
    lines = []
    for line in text.splitlines():
        m = _TAG.match(line)
        if m is None:
            lines.append(line)
            continue
        tag = m.group(2).lower()
        if tag in ("id", "idv"):
            continue
        rest = _TAGGED_RESULT.sub(" -> ", line[m.end() :])
        if tag in ("chk", "check"):
            rest = f"Checked {rest}"
        lines.append(f"{m.group(1)}{rest[:1].upper()}{rest[1:]}")
    return "\n".join(lines)


# A triage script's question put to the caller, with the caller's answer (LABELLING.md,
# troubleshooting rules: the script's answers about the symptom are the triage, not steps):
# what error or message the caller sees ("Q: Error shown? A: none"), who or what else is
# affected ("Q: Other counters affected? A: no"), and whether the chat is signed in (the
# caller's identity, the validation: no step, rule 1). A question naming a thing the caller
# did ("Q: Kiosk restarted? A: yes, same") is a step with its result, read as before.
_TRIAGE_PAIR = re.compile(
    r"^[ \t]*(?:Q|Question)[ \t]*[:.][ \t]*"
    r"(?:(?:any|an?|what|which)[ \t]+)?"
    r"(?:(?:error|message)s?(?:[ \t]+(?:shown|displayed|seen|given|on[ \t]+screen))?"
    r"|(?:any[ \t]+)?others?[ \t]+[\w \t]{1,30}?[ \t]+affected"
    r"|(?:anyone|anybody)[ \t]+else[ \t]+affected"
    r"|signed[ \t]+in[ \t]+(?:to|on)[ \t]+(?:the[ \t]+)?chat)"
    r"[ \t]*\?[ \t]*(?:A|Answer)[ \t]*[:.][^\n]*\n?",
    re.I | re.M,
)


# A 24-hour time without its colon and the writer's initials opening a line, as a desk keeping
# timed notes signs them ("0214 JK: remote session to CAGE-T03 ..."): when and by whom the line
# was written, not what it says (as "21:47 RB - " before a line).
_TIMED_INITIALS = re.compile(
    r"^([ \t]*)(?:[01]\d|2[0-3])[0-5]\d[ \t]+(?-i:[A-Z]{2,3})[ \t]*:[ \t]+", re.M
)


def _without_triage(text: str) -> str:
    """`text` without its triage script's questions put to the caller (_TRIAGE_PAIR)."""
    if "?" not in text:
        return text
    return _TRIAGE_PAIR.sub("", text)


# A template's line that states the problem ("Symptom: portal returns 503 since 07:50",
# "Issue: ...", "Situation: ..."; "S: ..." in a form of one-letter headings, S/B/A/R, when
# the entry holds two of them or more, not a drive "S:\\" nor "S: is back"): the problem as
# reported, the caller's, no step of the desk's (LABELLING.md, troubleshooting audit rule 1),
# though it reads like a finding: its first sentence, what follows on the line is the desk's
# again ("S: X down since 13:40. Declared a major incident"); a line with a result after an
# arrow is a check written under the heading, read as before.
_PROBLEM_LINE = re.compile(
    r"^[ \t]*(?:(?i:symptoms?|situation|issue|problem|reported (?:issue|problem))"
    r"|(?P<letter>S))[ \t]*:[ \t]+(?P<rest>(?:[^\n.!?]|[.!?](?![ \t]|$))*(?:[.!?]+[ \t]*)?)"
    r"(?:\n|$)?",
    re.M,
)
_LETTER_HEADING = re.compile(r"^[ \t]*[SBAR][ \t]*:[ \t]+\S", re.M)
_LETTER_HEADINGS = 2
# A template's heading before what is written under it ("Diagnosis: Looking into it."): a
# placeholder under it is no step, as it is alone; not what a thing checked showed, a value
# quoted or nothing found ('status pg: "investigating"', "status page: no incident").
_NONE_FOUND = re.compile(r"^\s*(?:[\"'\u201c\u2018]|(?:no|none|nothing|zero|0)\b)", re.I)
_HEADING = re.compile(r"^\W*[^\W\d_][\w ]{0,30}?[ \t]*:[ \t]+")


def _placeholder_under_heading(sentence: str) -> bool:
    """Whether `sentence` is a heading with a placeholder under it that tells no result
    ("Diagnosis: Looking into it.", not "Status: resolved")."""
    rest = _HEADING.sub("", sentence, count=1)
    return (
        rest != sentence
        and is_placeholder(rest)
        and not has_result(rest)
        and not _NONE_FOUND.match(rest)
    )


def _without_problem_lines(text: str) -> str:
    """`text` without its template's lines that state the problem (_PROBLEM_LINE)."""
    if ":" not in text:
        return text
    lettered = len(_LETTER_HEADING.findall(text)) >= _LETTER_HEADINGS

    def dropped(m: re.Match) -> str:
        if (m.group("letter") and not lettered) or _ARROWED.search(m.group("rest")):
            return m.group(0)
        return ""

    return _PROBLEM_LINE.sub(dropped, text)


@text_memo  # an entry's text comes back in other tickets (templates, the desk's phrasing)
def _steps_of(text: str) -> list[tuple[str, bool, bool]]:
    """The steps of one text as (step, whether its outcome is written, whether it is a
    change), line by line (a time written before a line left out). The items of a list
    are read like the sentences of one line. Each check with its result is a step of its
    own (audit rules 2, 3, 5), also after another check ("Sign-in -> OK. Upload page
    opens."); after a change written with its result, a check told by its result is that
    change's effect (rule 4: "swapped back -> charging at full rate"); after a change
    written without one, it is the separate test of that change. A sentence that records
    a contact attempt, with the sentence after it ("Sent her a message. No answer."), is
    no step; a bare "Fixed." after a finding is the fix."""
    steps: list[tuple[str, bool, bool]] = []
    units: list[tuple[str, bool]] = []  # (sentence, whether it starts a line)
    listed_before = False
    if ":" in text:
        text = _TIMED_INITIALS.sub(r"\1", text)
    text = with_shorthand_spelled(
        _tags_spelled(
            _boxes_read(
                _results_labelled(
                    clauses_spelled(
                        _without_triage(
                            _without_problem_lines(fields_read(dictation_read(undictated(text))))
                        )
                    )
                )
            )
        )
    )
    if ">>" in text:
        text = _CHEVRONS.sub(" -> ", text)
    # a typographic apostrophe is the straight one for every pattern that reads the steps
    # ("the router\u2019s admin page: WAN down" is a finding as "router's" is)
    text = text.translate(_STRAIGHT_APOSTROPHES)
    for line in table_as_steps(without_line_times(text)).splitlines():
        listed = is_listed(line)
        starts = not (listed and listed_before)
        listed_before = listed
        line = without_line_times(without_list_markers(line)) if listed else line
        # a time written before a sentence of the line too ("09:10 remote in. 09:12 ...")
        sentences = [without_line_times(x) for x in _SENTENCE_END.split(line) if x.strip()]
        units += [(x, starts and i == 0) for i, x in enumerate(sentences)]
    effect = False  # the step before is a change written with its result
    found = False  # the step before is a check with its finding
    looked = False  # the step before is a check without its finding
    for k, (sentence, starts) in enumerate(units):
        if PARENT_FIXED.search(sentence):
            # a child incident: what it records after the parent's fix is one check
            rest = _steps_of(
                " ".join(x for x, _ in units[k:])[PARENT_FIXED.search(sentence).end() :]
            )
            return [*steps, *_one_step(rest)]
        after = units[k + 1][0] if k + 1 < len(units) else ""
        sentence = without_language_label(sentence)
        if (
            contact_attempt(sentence, after)
            or _MESSAGE_SENT.match(sentence)
            or _PLEA.search(sentence)
            or _QUESTION.search(sentence)
            or asks_for_work(sentence)
            or step_parts.no_step_of_record(sentence)
            or _CALLER_SAID.match(sentence)
            or points_elsewhere(sentence)
        ):
            effect = found = looked = False
            continue
        unvalidated = without_validation(step_parts.without_consent(sentence))
        if unvalidated != sentence and step_parts.no_step_of_record(unvalidated):
            # what is left beside the validation is no step either ("Called her back on the
            # number in the directory, validated by staff ID and DOB": the call-back that
            # carried the validation, a contact, audit rules 1 and 7)
            effect = found = looked = False
            continue
        sentence = unvalidated
        if not has_content_word(sentence):
            effect = found = looked = False
            continue  # "OK to close.": the caller's consent alone
        if _ANNOUNCES.search(sentence) and not _ARROWED.search(sentence):
            # "worked through it in the order below": what introduces the record is no
            # step of it (the steps follow)
            effect = found = looked = False
            continue
        if found and _BARE_FIX.match(sentence):
            steps.append((sentence.strip(), False, True))
            effect = found = looked = False
            continue
        if steps and not steps[-1][1] and effect_only(sentence):
            # what the step before did, told after it ("Cleared the cache; did not help.")
            steps[-1] = (f"{steps[-1][0]} {sentence.strip()}", True, steps[-1][2])
            effect = found = looked = False
            continue
        if (
            is_step(sentence, starts or not effect)
            and (
                not is_placeholder(sentence) or signs_in(sentence)  # "she got in": no status word
            )
            and not _placeholder_under_heading(sentence)
        ):
            held = step_units(sentence.strip())
            if len(held) == 1:
                held = _test_apart(held[0])
            # what a test after the arrow tested has that test for its result (audit rule 4)
            tested = len(held) > 1 and is_test(held[-1]) and has_outcome(held[-1])
            first = len(steps)  # the steps of this sentence start here
            for u in held:
                if len(held) > 1 and (_MESSAGE_SENT.match(u) or asks_for_work(u)):
                    # a clause of the sentence that sends the user a message or asks for
                    # work ("Screenshots not visible, request for additional information has
                    # been sent to the user."): a contact, no step (audit rule 1)
                    continue
                if _PROMISED.match(u) and not _ARROWED.search(u):
                    # what is still to come, told as the clause's own verb ("..., will be
                    # delivered tomorrow by courier"): a promise, no step (audit rule 6)
                    continue
                # a check in brackets after the change shares the effect written beside it
                shared = u is not held[0] and u.startswith("(") and has_outcome(held[0])
                step = (u, tested or shared or has_outcome(u), is_change(u))
                if steps and is_account_operation(u) and is_account_operation(steps[-1][0]):
                    # "Reset pw in AD. Change at next logon set. Account unlocked as well."
                    step = _joined(steps.pop(), step)
                elif len(steps) > first and step_parts.reference_alone(u):
                    # "reported to Security by e-mail, ref SEC-2211": the reference is the
                    # step's own (audit rule 6: a notification with its reference), no step
                    step = _joined(steps.pop(), step)
                steps.append(step)
            # what the sentence's last step reports decides how the next is read: after
            # "Unlocked the account, he logged on -> OK." the sentence ends in a test, not in
            # a change with its effect, and a check told by its result is a step of its own
            # (audit rule 5)
            last = steps[-1][0] if steps else sentence
            changed = (
                is_change(last) or (is_change(sentence) and last == sentence.strip())
            ) and not signs_in(last)  # the sign-in with the forced change is a test (rule 5)
            result = has_result(last) or has_result(sentence) and last == sentence.strip()
            effect, found = changed and result, result and not changed
            looked = not changed and not steps[-1][1] if steps else False
        elif (
            looked
            and not starts
            and len(words(sentence)) > 1
            and not is_placeholder(sentence)
            and not _FUTURE.search(sentence)  # "An engineer will come out.": no finding
        ):
            # what a check showed, told after it on its line ("Reviewed the job log; too
            # long."): that check's finding (audit rule 2)
            steps[-1] = (f"{steps[-1][0]} {sentence.strip()}", True, False)
            effect, found, looked = False, True, False
        else:
            effect = found = looked = False
    return steps


# A test of a change written in the change's own sentence, after an arrow, a comma or a
# semicolon, or in brackets (LABELLING.md, troubleshooting audit rule 4: a test written as a
# test is a verification and a step of its own, also when it stands after the fix's arrow):
# a thing made or used for the test ("-> a sample PDF opens from Outlook", ", test booking,
# arrived in the bookings box", "-> dummy order goes through"), a timed run ("-> 2 h footage
# loop, no flicker", "-> 30 min soak, no drops"), or a check named in brackets after a change
# with its effect ("export limited to team leaders (tested with an agent account, export
# greyed out)", "courses show on her dashboard (checked as her via 'view as')").
_TEST_AFTER = re.compile(
    r"\s*(?:->|\u2192|=>|[,;])\s+(?=(?:(?:a|an|one|my|another)\s+)?(?:sample|test|dummy|trial)"
    r"\s+[a-z][\w-]*|\d+(?:\.\d+)?\s*(?:h|hrs?|hours?|mins?|minutes)\s+[a-z][\w-]*\s*"
    r"(?:[a-z][\w-]*\s*)?(?:loop|run|watch|soak|test|playback|stream|call)\b)"
    r"|\s+(?=\((?:re-?)?(?:tested|checked|verified|test(?:ed)? (?:with|on|from|as))\b)",
    re.I,
)
# A change named by its noun at a line's head ("Role change: export limited to leads").
_CHANGE_NOUN = re.compile(r"\bchange[sd]?\b", re.I)


def _test_apart(unit: str) -> list[str]:
    """`unit` as the change and the test written after it in its sentence (_TEST_AFTER), when
    what comes before is a change (tqrs.judges.signals.is_change, or a change named by its
    noun) and the test, or in brackets the change, has its result; else `unit` alone."""
    m = _TEST_AFTER.search(unit)
    if m is None:
        return [unit]
    head, test = unit[: m.start()].strip(), unit[m.end() :].strip()
    if not head or not (is_change(head) or _CHANGE_NOUN.search(head)):
        return [unit]
    if not has_outcome(test) and not (test.startswith("(") and has_outcome(head)):
        return [unit]
    return [head, test]


def _joined(a: tuple[str, bool, bool], b: tuple[str, bool, bool]) -> tuple[str, bool, bool]:
    """Two parts of one step as that step."""
    return (f"{a[0]} {b[0]}", a[1] or b[1], a[2] or b[2])


def _one_step(steps: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """`steps` read as one step (a child incident's check after its parent's fix)."""
    return [functools.reduce(_joined, steps)] if steps else []
