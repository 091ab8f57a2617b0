"""A journal entry read by its parts: what the desk pastes into it that is nobody's work on
the ticket (a chat transcript's bot, system and caller turns; the intake form's fields; a
linked knowledge article), and, sentence by sentence, what records no work (a greeting, a
request to another team, a question, a hand-off, a plan, the caller's issue relayed in the
description's words). The work-notes rule (tqrs.rules.fields) reads both; the offline judge's
troubleshooting (tqrs.judges.troubleshooting) reads the pasted parts only (a step is read by
its own parts there).

The classes are those of the labellers' reading of real desks' journals (tests/eval_set/real/
README.md, tune7: "copies of the intake form, linked knowledge articles, chatbot transcripts,
routing/assignment lines count as placeholders; a copied form or chat that records a check
with its result is substantive"; tune8, a second desk: a job scheduler's alert record, the
intake form's "Issue Description / Steps Performed" that only routes, a user's mail pasted in)
and of ServiceNow's own guidance that work notes record the work done for the next analyst,
not the conversation around it."""

import re

from tqrs.rules.mail_header import ENGLISH_FIELDS, FROM, WHEN, one_of
from tqrs.rules.text import text_memo, without_line_times, words

# --- chat transcripts -------------------------------------------------------------------

# A chat turn's head, one turn an entry ("Role: Agent / Content: ... / Timestamp: ...") or
# several ("Message from Caller at 12/16/2024 18:52:44 / Content: ..."): who speaks.
_TURN_HEAD = re.compile(
    r"^\W*(?:role\s*:\s*(?P<role>[^\n]{1,30}?)|message from (?P<sender>[^\n]{1,30}?) at [^\n]*)"
    r"\s*$",
    re.I | re.M,
)
_TURN_LABELS = re.compile(r"^\W*(?:content|timestamp)\s*:\s*", re.I | re.M)
_TIMESTAMP_LINE = re.compile(r"^\W*timestamp\s*:[^\n]*$", re.I | re.M)
# The desk's own side of a chat (its agent, analyst or technician); the bot, the system's
# notices and the caller are not the desk's work.
_DESK_ROLE = re.compile(r"agent|analyst|technician|engineer|support", re.I)
# A speaker's line of a transcript pasted whole ("Sandra Nguyen: Yes", "Jewel: Welcome ...",
# "Lyons, Audrey [03-20-2020 12:25:31]: Hello": a name, last name first or not, and the
# time of the turn in brackets or none).
_SPEAKER = re.compile(
    r"^\W*(?P<who>[A-Za-z][\w.@'-]*(?:,? [A-Za-z][\w.@'-]*){0,3})\s*(?:\[[^\]\n]{0,30}\]\s*)?"
    r":(?=\s|$)"
)
# The chat system's own line: who joined, left or was connected, the session's end
# ("a.b@x.com has joined the session 5:28:35 PM", "You are now connected with 'Krithika'",
# "Customer terminated this session").
_JOINED = re.compile(
    r"\bhas (?:joined|left) the (?:session|chat|conversation)\b|\bnow connected with\b|"
    r"\bterminated (?:this|the) (?:session|chat|conversation)\b",
    re.I,
)
MIN_SPEAKER_LINES = 3
MIN_SPEAKERS = 2


def _entry_lines(text: str) -> list[str]:
    """An entry's lines, a line break written as "\\n" (an export's escaped text) read as one."""
    return text.replace("\\n", "\n").split("\n")


def _name_parts(author: str) -> set[str]:
    """The parts of an author's name that can name them in a text (three letters or more)."""
    return {w for w in words(author) if len(w) > 2}


@text_memo  # desk_side asks it of every entry it reads, and entries repeat
def chat_turns(text: str) -> list[tuple[str, str]]:
    """The (speaker, what was said) of each turn of a chat an entry holds; [] when none."""
    heads = list(_TURN_HEAD.finditer(text))
    turns = []
    ends = [h.start() for h in heads[1:]] + [len(text)] * bool(heads)
    for m, end in zip(heads, ends, strict=True):
        said = text[m.end() : end]
        said = _TURN_LABELS.sub("", _TIMESTAMP_LINE.sub("", said)).strip()
        turns.append(((m.group("role") or m.group("sender")).strip(), said))
    return turns


# A speaker who is a person or an address: two or more capitalised words ("Sandra Nguyen"),
# or an e-mail address; a label ("Action taken", "Result") is none.
_PERSON = re.compile(r"[A-Z][\w.'-]*(?:,? [A-Z][\w.'-]*){1,3}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@text_memo  # desk_side and others_turns ask it of each entry, the latter of the same entry again
def is_transcript(text: str) -> bool:
    """Whether an entry is a chat transcript pasted whole: a line telling who joined the
    session, or lines of two or more speakers, one of them speaking more than once and one a
    person by name or address."""
    lines = _entry_lines(text)
    if any(_JOINED.search(x) for x in lines):
        return True
    heads = [m.group("who") for x in lines if (m := _SPEAKER.match(x))]
    said = [who.lower() for who in heads]
    return (
        len(said) >= MIN_SPEAKER_LINES
        and len(set(said)) >= MIN_SPEAKERS
        and len(set(said)) < len(said)
        and any(_PERSON.fullmatch(who) for who in heads)
    )


def desk_side(text: str, author: str = "") -> str:
    """What the desk itself wrote in an entry: a chat turn's content when the desk's side
    wrote it ("" for the bot's, the system's or the caller's), a pasted transcript's lines
    of the speaker who shares a name with the entry's author ("" when none), else `text`."""
    turns = chat_turns(text)
    if turns:
        return "\n".join(said for who, said in turns if _DESK_ROLE.search(who))
    if not is_transcript(text):
        return text
    names = _name_parts(author)
    kept = []
    for line in _entry_lines(text):
        m = _SPEAKER.match(line)
        if m and names & set(words(m.group("who"))) and not _JOINED.search(line):
            kept.append(line[m.end() :])
    return "\n".join(kept)


@text_memo  # an entry's text comes back in other tickets
def others_turns(text: str, author: str = "", named: frozenset[str] = frozenset()) -> list[str]:
    """What the other side of a chat pasted into an entry said, turn by turn (the times
    written before the lines left out): in any entry, the timed turns of a speaker named
    only by name parts in `named` (the caller's one turn pasted alone); in a transcript, also the lines
    desk_side leaves out as nobody's work, of a speaker who is a person and not the desk (no
    name part of the entry's author, no desk word: "Service Desk - Marco" is the author's
    side), each with the time of its turn (an intake form's "Contact Number: NA" has none).
    The bot's and the chat system's lines are none of them."""
    lines = _entry_lines(text)
    return [said for i, said in _others_lines(lines, author, named)]


def without_others_turns(text: str, author: str = "", named: frozenset[str] = frozenset()) -> str:
    """`text` without the turns others_turns reads (the caller's timed turns by name, a
    transcript's other side to the desk: "[4:03 PM] Nora Whitlock: PageForge keeps dying
    ..."): the caller's words, no work of the desk's; the desk's own lines and the rest of
    the entry kept."""
    if ":" not in text:
        return text
    lines = _entry_lines(text)
    dropped = {i for i, _ in _others_lines(lines, author, named)}
    return "\n".join(x for i, x in enumerate(lines) if i not in dropped) if dropped else text


def _others_lines(
    raw: list[str], author: str = "", named: frozenset[str] = frozenset()
) -> list[tuple[int, str]]:
    """(index, what was said) of the lines of `raw` that are the other side's turns (see
    others_turns)."""
    lines = [without_line_times(x) for x in raw]
    transcript = is_transcript("\n".join(lines))
    desk = _name_parts(author)
    said = []
    for i, (line, timed) in enumerate(zip(lines, raw, strict=True)):
        m = _SPEAKER.match(line)
        if m is None or _JOINED.search(line):
            continue
        who = m.group("who")
        parts = set(words(who))
        other = (
            transcript
            and line != timed
            and _PERSON.fullmatch(who) is not None
            and not desk & parts
            and not (_DESK_ROLE.search(who) or _TEAM_WORD.search(who))
        )
        if (line != timed and parts and parts <= named) or other:
            said.append((i, line[m.end() :].strip()))
    return said


# --- the intake form --------------------------------------------------------------------

# A form's field: a short label, then ":" or "?" and a short value or none ("· User ID:
# sanguyen", "▪ Is this a possible Network Issue? No", "Contact Number: NA").
_FIELD = re.compile(r"^\W*(?P<label>[^\W\d][^:?\n]{0,60}?)\s*[:?]\s*(?P<value>[^\n]{0,60})$")
# Labels of who and where: the caller and the machine, how to reach them.
_WHO_WHERE = re.compile(
    r"\b(?:user|caller|name|location|site|office|contact|phone|number|e-?mail|address|"
    r"machine|computer|device|server|ip|url|vpn|network|impacted|multiple|single)\b",
    re.I,
)
MIN_FORM_FIELDS = 4
_ISSUE = re.compile(r"\b(?:description|issue|problem|symptoms?)\b", re.I)


@text_memo  # troubleshooting reads every entry through it, and entries repeat
def without_form(text: str) -> str:
    """`text` without an intake form's fields and section labels when it holds one: four or
    more field lines about the caller, the machine and how to reach them, and its section of
    the issue (the caller's words, copied). The action taken stays, to be read as any other
    line."""
    lines = text.split("\n")
    fields = [m for x in lines if (m := _FIELD.match(x.strip()))]
    if sum(bool(_WHO_WHERE.search(m.group("label"))) for m in fields) < MIN_FORM_FIELDS:
        return text
    kept, in_issue = [], False
    for x in lines:
        m = _FIELD.match(x.strip())
        if m is None:
            if not in_issue:
                kept.append(x)
        elif _ISSUE.search(m.group("label")):
            in_issue = True  # "Description of the issue:" and the lines under it
        else:
            in_issue = False
            if not _WHO_WHERE.search(m.group("label")) and len(words(m.group("value"))) > 2:
                kept.append(m.group("value"))
    return "\n".join(kept)


# A label written as a sentence of its writer's ("I summarize the problem:"): the writer's
# own words introducing what follows, not a form's section heading.
_WRITER_SAYS = re.compile(r"^\W*(?:i|we|you|he|she|they|let me)\b", re.I)


@text_memo  # as without_form
def without_issue_section(text: str) -> str:
    """The lines of a form of sections ("Issue Description:" with the caller's issue under it,
    then "Steps Performed:" with the desk's) without its issue section, the caller's words
    copied; the lines unchanged when no issue label heads a section another label closes."""
    lines = text.split("\n")
    labels = [i for i, x in enumerate(lines) if (m := _FIELD.match(x.strip())) and not m["value"]]
    issue = [i for i in labels if _ISSUE.search(lines[i]) and not _WRITER_SAYS.match(lines[i])]
    if not issue or not (after := [i for i in labels if i > issue[0]]):
        return "\n".join(lines)
    return "\n".join(lines[: issue[0]] + lines[after[0] + 1 :])


# --- linked knowledge articles ----------------------------------------------------------

# The instance's markup of an attached article, and an article's number alone on a line or
# with its title ("KBA0013029", "KBA0014722 : Global Trade site cannot be accessed.").
_LINK_MARKUP = re.compile(r"\[code\]\s*<a\b[^>]*>[^<]*</a>\s*\[/code\]", re.I)
_ARTICLE_LINE = re.compile(r"^\W*kb[a-z]?\d{5,}\b(?:\s*:[^\n]*)?$", re.I | re.M)


def without_articles(text: str) -> str:
    """`text` without linked knowledge articles (a reference, not work on this ticket)."""
    return _ARTICLE_LINE.sub("", _LINK_MARKUP.sub("", text))


# --- a machine's event record -----------------------------------------------------------

# A field of the record an automation writes into the journal (a job scheduler's alert:
# "call_type       I", "memname         NE3R023D.bat", "closed_from_em"): a field's name,
# one word of small letters, digits and underscores, alone or before its value;
# the record's title and markup before it ("[code]Control-M event details<pre>").
_RECORD_MARKUP = re.compile(r"\[code\][^\n<]*<pre>|</pre>|\[/?code\]", re.I)
_RECORD_FIELD = re.compile(r"^[ \t]*(?P<name>[a-z][a-z0-9_]*)(?:[ \t]+[^\n]*|[ \t]*)$", re.M)
MIN_RECORD_FIELDS = 4  # fields named with an underscore: a record, not a line of prose


def without_record(text: str) -> str:
    """`text` without a machine's event record when it holds one (four fields or more named
    with an underscore): the automation's alert, no analyst's work on the ticket."""
    bare = _RECORD_MARKUP.sub("\n", text)
    names = [m.group("name") for m in _RECORD_FIELD.finditer(bare)]
    if sum("_" in n for n in names) < MIN_RECORD_FIELDS:
        return text
    return _RECORD_FIELD.sub("", bare)


# --- a mail pasted whole ----------------------------------------------------------------

# A mail's closing formula on a line of its own ("Thanks,", "Warm Regards,"), and the signer
# on the next line: a person's name (one to three capitalised words), not a team's.
_SIGN_OFF = re.compile(
    r"^\W*(?:(?:many |warm |best |kind |with )?(?:thanks|thank you|regards)"
    r"(?:,? (?:and|&) (?:best |kind |warm )?regards)?|cheers|sincerely)\W*$",
    re.I,
)
_SIGNER = re.compile(r"^\W*(?P<name>[A-Z][a-z'-]+(?: [A-Z][a-z'-]+){0,2})\W*$")
_TEAM_WORD = re.compile(r"\b(?:team|desk|support|service|services|it|helpdesk)\b", re.I)
# A mail's greeting on a line of its own ("Hi,", "Hello Desk Team,"): where the mail starts.
_GREETING = re.compile(
    r"^\W*(?:hi|hello|hey|dear|good (?:morning|afternoon|day))\b[^\n.]{0,30}$", re.I
)


# A quoted mail's header (English): "From: Ray, Malobika", "Sent: Monday, March 16, 2020 4:47
# PM" (its opening lines, a value after the colon), then its other fields' lines ("Bcc:" not
# read).
_MAIL_HEADER = re.compile(rf"^\W*{one_of((FROM, *WHEN))}\s*:\s*\S", re.I)
_HEADER_LINE = re.compile(rf"^\W*{one_of(x for x in ENGLISH_FIELDS if x != 'bcc')}\s*:", re.I)


def without_thread(text: str, author: str = "") -> str:
    """`text` without the mails quoted under it: from the first header of a quoted mail
    ("From:" then "Sent:" or "Date:" on the next lines) that another person sent, on, the
    thread's history, the caller's or a colleague's words, not work recorded by this entry.
    A mail the entry's author sent is the author's own record: only its header is left out."""
    names = _name_parts(author)
    lines = text.split("\n")
    kept, header = [], False
    for i, x in enumerate(lines):
        opens = x.strip().lower().startswith(FROM) and any(
            _MAIL_HEADER.match(y) for y in lines[i + 1 : i + 3]
        )
        if opens and not names & set(words(x.split(":", 1)[1])):
            return "\n".join(kept)
        header = opens or (header and bool(_HEADER_LINE.match(x)))
        if not header:
            kept.append(x)
    return "\n".join(kept)


def without_others_mail(text: str, author: str = "") -> str:
    """`text` without a mail another person signed (a sign-off, then a name that is not the
    entry's author's): the caller's or a colleague's mail pasted whole, their report, not the
    desk's work. The mail runs from its greeting (else the entry's start) to its end. The
    author's own sign-off and the signature under it are no work either."""
    lines = without_thread(text, author).split("\n")
    names = _name_parts(author)
    signature = set()
    for i, x in enumerate(lines):
        if not _SIGN_OFF.match(x):
            continue
        after = [j for j in range(i + 1, len(lines)) if lines[j].strip()]
        after = [j for j in after if not _SIGN_OFF.match(lines[j])]  # "Many Thanks / With Regards"
        signer = lines[after[0]] if after else ""
        m = _SIGNER.match(signer)
        if m is not None and names & set(words(m.group("name"))):
            # the author's signature: the sign-off, the name and the two lines under it (a
            # team, a place)
            signature.update(range(i, after[0] + 3))
            continue
        if m is None or _TEAM_WORD.search(signer):
            continue
        start = max((j for j in range(i) if _GREETING.match(lines[j])), default=0)
        return "\n".join(lines[:start])
    return "\n".join(x for i, x in enumerate(lines) if i not in signature)


@text_memo  # asked of every journal entry by critical process and work notes, entries repeat
def desk_text(text: str, author: str = "") -> str:
    """An entry's text read without what the desk pasted that is nobody's work on it: the
    bot's, system's and caller's side of a chat, another's mail, a machine's event record,
    the intake form's fields, linked articles."""
    text = without_others_mail(without_record(desk_side(text, author)), author)
    return without_articles(without_issue_section(without_form(text)))


# --- sentences that record no work ------------------------------------------------------

_SENTENCES = re.compile(r"\n|(?<=[.;!?])\s+")
# A request or a question to the reader (another team, the caller): work asked, none done
# ("Please help to check this issue", "Could you pls take a look from your end", "Kindly
# check if this is within your scope", "I would like to seek help on this one").
_ASKED = re.compile(
    r"^\W*(?:(?:hi|hello|hey|dear)\b[^,.!\n]{0,30}[,.!]\s*)?(?:please|pls|plz|kindly|"
    r"(?:can|could|would|will) (?:you|someone|somebody|anyone|u)\b|"
    r"(?:i|we) (?:would like|need|want|request) (?:to )?(?:seek |ask |get |your |some )?help|"
    r"(?:need|requesting|request|seeking|seek) (?:your )?(?:help|assistance|support)|"
    r"help (?:to |us )?(?:check|correspond|look|review|investigate)|"
    r"let (?:me|us) know|"
    # advice to the reader ("You can raise a new incident if issues persist")
    r"(?:you|u) (?:can|may|could|might)\b(?! see\b))\b"
    r"|\b(?:if|when) (?:you|someone|anyone) (?:can|could)\b|\?\W*$",
    re.I,
)
# A hand-off or an escalation anywhere in the sentence ("This is a application alert,
# reassigning to application team", "Routing to second level of support", "Let me route this
# to higher level of support", "Transfer tickets to the support team").
_HANDED_ON = re.compile(
    r"\b(?:re-?assign\w*|assign(?:ed|ing)|rout(?:e|ed|ing)|transferr?\w*|escalat\w*|"
    r"forward\w*|pass(?:ed|ing) (?:on|over|to))\b[^.\n]{0,40}?\b(?:to|with)\b"
    # to whom: a team, a level of support, a queue ("forward to voicemail" is a setting)
    r"[^.\n]{0,40}?(?:\b(?:team|group|queue|desk|support|level|resolver|tier|l[1-3]|vendor)\b"
    # or a group by its code, capitals joined by hyphens ("SAP-FINANCE-EMEA-COG")
    r"|(?-i:\.?[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)+\b))"
    # a ticket routed, assigned or escalated to a group by its name ("Routing to ECommerce
    # IBM AMS"), or escalated with no one named ("We escalated the ticket.")
    r"|\b(?:re-?assign\w*|assign(?:ed|ing)|rout(?:e|ed|ing)|escalat\w*)\b(?: (?:the|this) "
    r"(?:ticket|incident|case|issue|call))? to (?-i:[A-Z][\w&/.-]*)(?:\s+(?-i:[A-Z][\w&/.-]*))*\W*$"
    r"|^\W*(?:(?:we|i) (?:have )?)?escalated (?:the|this) (?:ticket|incident|case|issue)\W*$",
    re.I,
)
# A plan, a wish or the caller's word: nothing done yet ("I will test on Monday", "this
# needs to be reviewed", "we may need a troubleshooting call").
_PLANNED = re.compile(
    r"^\W*(?:[^\s.]+\s+){0,5}?(?:will|shall|going to|would|may|might|needs? to|has to|have to|to be (?:reviewed|"
    r"checked|done)|let me|let us|should|assume|presume|suppose)\b|'ll\b",
    re.I,
)
# Courtesy and acknowledgement ("Thank you, team!", "I'm sorry to hear that", "Got it").
_COURTESY = re.compile(
    r"^\W*(?:thanks?|thank you|regards|cheers|sorry|i'?m sorry|apologi[sz]e|got it|noted|"
    r"ok(?:ay)?|sure|great|perfect|welcome|hi|hello|hey|dear|good (?:morning|afternoon|day))\b",
    re.I,
)
# How the ticket came or what the desk sent, with nothing found ("User reached out via
# Ring", "1/3 email sent", "Sent Teams message - done", "No phone listed for follow up",
# "Call answered by ...").
_CONTACT = re.compile(
    r"^\W*(?:\d/\d\b|(?:user|caller|customer) (?:reached out|called in|contacted us)|"
    r"reached out\b|asked (?:for|the user|user|him|her)\b|"
    # asked, in the Portuguese desk's words ("Solicitado mais informações a cliente", "Foi
    # solicitado novamente ...", "RITM0989305 - Solicitação de detalhes do usuário")
    r"(?:[a-z]{2,6}\d{5,}\s*-\s*)?(?:foi )?solicit(?:ad[oa]s?|ei|amos|a[çc][ãa]o)\b|"
    r"received (?:a |the )?(?:ticket|call|chat|e-?mail|mail|request|(?:clients?'? )?feedback)|"
    r"attached (?:the |a |an )?(?:screenshot|file|image|document|attachment|log|e-?mail|mail)s?\b|"
    r"(?:call|chat|session) (?:answered|accepted|transferred|ended)|"
    r"sent (?:an? )?(?:e-?mail|mail|teams|message|reminder|follow)|"
    r"(?:e-?mail|mail|message|reminder|follow[- ]?up)s? (?:sent|done)|"
    r"no (?:phone|number|contact)\b|follow(?:ed)?[- ]?up\b|"
    r"(?:the )?(?:user|caller|customer) (?:is |was )?(?:not available|unavailable|"
    r"not reachable|unreachable)\b|"
    r"(?:we|i) (?:were|was|have been|are|am) (?:unable|not able) to (?:contact|reach)\b)",
    re.I,
)
# A verb of something done or found besides a hand-off ("Checked the logs, assigned to L2").
_DONE = re.compile(r"\b(?:\w{3,}ed|found|ran|saw|seen|done|made|sent)\b", re.I)
# Around a hand-off, what is no work though written with a past participle: where the
# information came from ("As per the information provided in the email", "as per the
# details given by the user") and the ticket's own bookkeeping ("ticket created", "incident
# logged").
_BOOKKEEPING = re.compile(
    r"\bas per\W+(?:the |his |her |their )?(?:information|info|details|e-?mail|mail|request|"
    r"conversation|discussion)\b(?: (?:provided|given|shared|received|sent|mentioned))?"
    r"(?: (?:by|in|from|over) (?:the |a )?\w+)?"
    r"|\b(?:ticket|incident|case|call)s? (?:(?:is|was|has been|have been) )?(?:created|logged|"
    r"raised|opened|updated)\b",
    re.I,
)


def _without(text: str, m: re.Match) -> str:
    return f"{text[: m.start()]} {text[m.end() :]}"


MIN_WORK_WORDS = 3  # words of a line that can record work ("unlocked acct. user ok")
MIN_PASTED_WORK_WORDS = 4  # in an entry holding a form or chat, whose short lines are its log
MIN_RELAYED_WORDS = 6
MIN_RELAYED_SHARE = 0.6  # of a sentence's content words found in the short description+description
FUNCTION_WORDS = frozenset(  # words no sentence's content rests on
    "a an the this that it its is are was were be been has have had to of in on at for from "
    "with by and or but not no as per user users caller customer they he she his her their "
    "i we my our me you your can cannot can't could will would should please pls".split()
)


# The caller's or another's word relayed ("the user just reported the issue", "Saori informed
# us that she's still having issues"), or a message quoted.
_SAID = re.compile(
    r"^\W*[\"\u201c]|^\W*(?:[^\s.]+\s+){0,4}?(?:reported|informed|said|says|told|mentioned|"
    r"stated|complained|claims?)\b(?: (?:us|me|that|the issue))?",
    re.I,
)
# A sentence opened by what was done ("Walked through user to reset Password in Jewel",
# "Verified user", "I checked the account", "Owain signed in"): work or its outcome, though in
# the issue's words.
_DID = re.compile(
    r"^\W*(?:[^\s.,]+\s+){0,2}?(?:\w{3,}ed|found|ran|saw|sent|made|took|gave|got|reset|set|put)\b",
    re.I,
)


def opening_share(text: str, opening: frozenset[str]) -> tuple[int, float]:
    """How many content words `text` holds (not FUNCTION_WORDS, not numbers) and the share of
    them that are the ticket's opening words (its short description and description; 1.0
    when it holds none)."""
    said = [w for w in words(text) if w not in FUNCTION_WORDS and not w.isdigit()]
    if not said:
        return 0, 1.0
    return len(said), sum(map(opening.__contains__, said)) / len(said)


def relayed(sentence: str, opening: frozenset[str], least: int = MIN_RELAYED_WORDS) -> bool:
    """Whether most of a sentence's content words are the ticket's opening words (its short
    description and description): the caller's issue written again, no work."""
    if _SAID.search(sentence):
        return True
    if _DID.match(sentence):
        return False
    # a short note of work is written in the issue's words ("Reset pw, user validated" on
    # "PW reset"): only a sentence of some length is read as the issue relayed
    said, share = opening_share(sentence, opening)
    return said >= least and share >= MIN_RELAYED_SHARE


# A salutation alone on its line, whatever the names after it ("Hi @T S Dinesh Kumar/
# @Bakki Swapnil,", "Hello Caren ,", "Hi Team,").
_SALUTATION = re.compile(
    r"^\W*(?:hi|hello|hey|dear|good (?:morning|afternoon|day))\b"
    r"(?:[\s,/&@]+(?:(?-i:[A-Z][\w.'-]*)|team|all|there|everyone|and))*[\s,:!.]*$",
    re.I,
)
# An agent's introduction and closing formula in a chat, whatever its length ("My name is
# Danielle.", "If there's nothing else, thanks for contacting Tiffany IT Service Desk.").
_CHAT_FORMULA = re.compile(
    r"^\W*(?:(?:hi|hello|good (?:morning|afternoon|day))\W+)?(?:my name is|if there'?s nothing else|is there anything else|"
    r"thanks? (?:you )?for (?:contacting|reaching out|calling|your patience))\b",
    re.I,
)
# A wait, with nothing done beside it ("Awaiting for response", "waiting for user response").
_WAITING = re.compile(r"^\W*(?:(?:still|now|currently) )?(?:a?waiting|awaits?)\b", re.I)

# Sentences made of a few word classes only: the caller's contact details given or missing
# ("User provided phone number 740-357-6359", "Phone number was not provided", "Best call
# back number: 269-312-1373"), and a pointer to another record or an attachment ("Reference
# Ticket: INC02504236", "Found a reference ticket INC02544412", "See attached for
# reference"). Each class is the words it may hold; a sentence is of the class when it holds
# its head word and nothing outside the class and the function words.
_RECORD_NUMBER = r"(?:inc|ritm|req|chg|prb|sctask|task|kb[a-z]?)\d{5,}"
_CONTACT_DETAIL_HEAD = re.compile(r"\b(?:phone|cell|mobile|contact|call ?back|extension)\b", re.I)
_CONTACT_DETAIL_WORDS = frozenset(
    "phone cell mobile contact call callback back number no best alternate extension details "
    "provided gave given shared listed available none did not was is has had".split()
)
_POINTER_HEAD = re.compile(
    rf"\b(?:reference|ref|related|similar|attached|{_RECORD_NUMBER})\b", re.I
)
_POINTER_WORDS = frozenset(
    "see refer reference ref related similar attached attachment found ticket incident "
    "number".split()
)


def points_elsewhere(sentence: str) -> bool:
    """Whether a sentence only points to another record or an attachment ("Reference Ticket:
    INC02504236", "See attached for reference"): no work on this ticket."""
    return _only(sentence, _POINTER_HEAD, _POINTER_WORDS)


def _only(sentence: str, head: re.Pattern, allowed: frozenset[str]) -> bool:
    """Whether `sentence` holds `head` and no word but `allowed`, the function words and
    numbers (a phone number's, a record's)."""
    return bool(head.search(sentence)) and all(
        w in allowed or w in FUNCTION_WORDS or not w.isalpha() for w in words(sentence)
    )


# A monitoring tool's event line, its state in capitals first ("CLEARED - Interface
# GigabitEthernet0/0/0 is reachable.", "CRITICAL - Disk C: 95% used"): the tool's record.
_EVENT_STATE = re.compile(
    r"^\W*(?:CLEARED|CLEAR|CRITICAL|MAJOR|MINOR|WARNING|ALARM|PROBLEM|RECOVERY)\s+[-:]\s"
)


# A name alone: a person's, a team's or a place's, every word capitalised and one of them
# written as a name ("FICO Support - Cognizant ITAS,Kolkata", "IT Service Desk.", "N2 - Bruno
# Rodrigues Borges"): a signature or a heading, no sentence; words in capitals only are a
# desk's way of writing and may record work ("RESET PASSWORD").
_NAME_WORD = re.compile(r"(?-i:[A-Z][a-z'-]+)")


def is_name_line(sentence: str) -> bool:
    """Whether `sentence` is a name alone (see _NAME_WORD), with no verb of work done."""
    alpha = [w for w in re.findall(r"[^\W\d_][\w'-]*", sentence)]
    return (
        bool(alpha)
        and all(w[0].isupper() for w in alpha)
        and any(_NAME_WORD.fullmatch(w) for w in alpha)
        and not _DONE.search(sentence)
    )


def records_no_work(sentence: str, opening: frozenset[str], pasted: bool = False) -> bool:
    """Whether a sentence records no work: too short to, courtesy or a salutation, a request,
    a question or advice, a hand-off, a plan, a contact with nothing found, a wait, contact
    details given or missing, a pointer to another record or an attachment, a monitoring
    tool's event line, only where its information came from or the ticket's bookkeeping, or
    the caller's issue relayed."""
    # a form's issue line is the caller's in any length
    return _records_no_work_itself(sentence) or relayed(
        sentence, opening, 1 if pasted else MIN_RELAYED_WORDS
    )


@text_memo  # a sentence met again (templates, the desk's phrasing) is read once
def _records_no_work_itself(sentence: str) -> bool:
    """records_no_work's readings of the sentence alone (all but the caller's issue relayed,
    which reads the ticket's opening too)."""
    return (
        bool(_COURTESY.match(sentence) and len(words(sentence)) <= 2 * MIN_WORK_WORDS)
        or bool(_ASKED.search(sentence))
        or bool(
            (m := _HANDED_ON.search(sentence))
            and not _DONE.search(_BOOKKEEPING.sub(" ", _without(sentence, m)))
        )
        or bool(_PLANNED.search(sentence))
        or bool(_CONTACT.match(sentence))
        or bool(_SALUTATION.match(sentence) or _CHAT_FORMULA.match(sentence))
        or bool(_EVENT_STATE.match(sentence))
        or is_name_line(sentence)
        or bool((m := _WAITING.match(sentence)) and not _DONE.search(sentence[m.end() :]))
        or _only(sentence, _CONTACT_DETAIL_HEAD, _CONTACT_DETAIL_WORDS)
        or points_elsewhere(sentence)
        or bool(
            _BOOKKEEPING.search(sentence)
            and len(words(_BOOKKEEPING.sub(" ", sentence))) < MIN_WORK_WORDS
        )
    )


_QUOTES = re.compile(r"[\"\u201c\u201d]")
_LABEL = re.compile(r"^[^\n]{0,40}:\s*$")


def work_sentences(text: str, opening: frozenset[str], pasted: bool = False) -> list[str]:
    """The sentences of `text` (read by `desk_text` first) that may record work; those of a
    message quoted (between quotation marks) are another's words."""
    kept, quoted = [], False
    least = MIN_PASTED_WORK_WORDS if pasted else MIN_WORK_WORDS
    for line in text.split("\n"):
        if len(words(line)) < least or _LABEL.match(line):
            quoted ^= len(_QUOTES.findall(line)) % 2 == 1
            continue  # too short to record work, or a section's label ("Action taken:")
        for s in _SENTENCES.split(line):
            inside = quoted or bool(_SAID.match(s))
            quoted ^= len(_QUOTES.findall(s)) % 2 == 1
            if s.strip() and not inside and not records_no_work(s, opening, pasted):
                kept.append(s.strip())
    return kept
