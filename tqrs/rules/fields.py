"""Required fields and closure: category and subcategory, service and configuration item,
close code and resolution notes, and work-note hygiene. Which fields are required is the
rubric's `required_fields` parameter (by default all of them)."""

import re
from functools import lru_cache

from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.rubric import Criterion
from tqrs.rules.critical import _MALWARE as MALWARE_WORDS
from tqrs.rules.elsewhere import records_no_work
from tqrs.rules.literals import any_of
from tqrs.rules.note_parts import desk_text, opening_share, work_sentences
from tqrs.rules.patterns import Caseless, required_strings
from tqrs.rules.registry import Given, defer, result, rule
from tqrs.rules.spelling import known_words, reads_as_english
from tqrs.rules.text import (
    UNANSWERED,
    URL_OPENING,
    contact_attempt,
    forgotten_with_text_memos,
    is_blank,
    is_resolved,
    iter_normalised_lines,
    last_memo,
    normalise,
    normalised_by_line,
    quote,
    text_memo,
    ticket_text,
    undictated,
    without_courtesy_lines,
    without_line_times,
    without_list_markers,
    words,
)

MIN_SUBSTANTIVE_WORDS = 4
# Notes that record no work: a status word, a priority or lane change, "looking into it",
# a pasted comment (its journal header copied in). Matched at the note's start.
_PLACEHOLDER_NOTE = re.compile(
    r"^\W*(working on it|work in progress|wip|updated?|in progress|see above|assigned|"
    r"see (?:the )?(?:e-?mail|mail|thread)|"
    r"following up|follow up|checking|looking into it|ticket updated|pending|on it)\W*$",
    re.I,
)
_ADMIN_NOTE = re.compile(
    r"^\W*(?:(?:(?:chang|rais|lower|increas|decreas|updat)(?:ed|ing)|set|setting) (?:the )?"
    r"priority\b|priority (?:changed|raised|lowered|increased|decreased|updated|set)\b|"
    r"(?:updat|correct|chang)(?:ed|ing) (?:the )?(?:incident|ticket)(?:'s)? "
    r"(?:with (?:the )?(?:correct |right |new )?)?(?:priority|category|subcategory|"
    r"configuration item|ci|cmdb ci|service|assignment group|impact|urgency|caller|"
    r"short description)\b|"
    r"moved to lane\b|moved (?:the )?(?:ticket|card) to\b|assigned (?:to )?(?:me|myself)\b|"
    r"(?:incident|ticket) (?:put )?on hold\b|on hold\b|pls see comments|please see comments|"
    r"looking into (?:this|it)\b|"
    # the system's own notification entry ('Email sent to caller: "Your incident ... has been
    # assigned"'): the tool wrote it, nobody worked
    r"(?:e-?mail|notification|sms|text) (?:was )?sent to (?:the )?(?:caller|user|customer)\W*:|"
    # a field change recorded by hand or by the system ("State changed to On Hold",
    # "Status changed from New to In Progress", or by its arrow, "state -> In Progress";
    # LABELLING.md: state changes are placeholders)
    r"(?:(?:incident|ticket) )?(?:state|status|priority|urgency|impact)\b[^.\n]{0,20}?"
    r"(?:\b(?:changed|set|updated|moved)\b|\s(?:->|=>)\s[\w -]{1,20}(?:[.;]|$))|"
    # the system's automatic closure entry (LABELLING.md: alone, a placeholder)
    r"(?:(?:incident|ticket) )?(?:(?:was|has been) )?(?:auto(?:matically)?[- ]?(?:closed|resolved)|"
    r"(?:closed|resolved) automatically)\b)",
    re.I,
)
# A hand-off with nothing else ("assigned to the Desktop support team", dissmeyer.com "Good
# documentation in help desk tickets": a ticket passed on with no notes), like a lane change.
_HANDOFF_NOTE = re.compile(
    r"^\W*(?:re-?assign(?:ed|ing)|assign(?:ed|ing)|transferr(?:ed|ing)|rout(?:ed|ing)|"
    r"pass(?:ed|ing)|sent|sending|mov(?:ed|ing)|hand(?:ed|ing) (?:it |this )?(?:over|on))"
    r"(?: (?:it|ticket|incident|this))? (?:over |back )?to (?:the )?[\w&/ -]{1,30}?"
    r"(?:team|group|queue|desk|support)\W*$|"
    # the ticket bounced back ("Back to Desktop Support, not ours.")
    r"^\W*(?:(?:sent|passed|handed|bounced) )?back to (?:the )?[\w&/ -]{1,30}?"
    r"(?:team|group|queue|desk|support)(?:\W+not (?:ours|our \w+|for us))?\W*$|"
    # "Task reassigned due to employee termination" (real work notes of the XML unload)
    r"^\W*(?:(?:task|ticket|incident) )?re-?assigned(?: (?:due to|because of|as) [\w' -]{1,40}"
    r"| to (?:the )?[\w&/ -]{1,40})?\W*$|"
    # an escalation alone ("Escalated to L2."): the ticket passed on, nothing recorded
    r"^\W*escalated(?: (?:it|ticket|incident|this))? to (?:the )?[\w&/ -]{1,30}\W*$|"
    # assigned to a group named in up to three words ("Assigned to Deskside.")
    r"^\W*(?:re-?)?assigned to (?:the )?[\w&/-]+(?: [\w&/-]+){0,2}\W*$",
    re.I,
)
# Words of a status note with no work in it ("still working on this, will update", "waiting
# for the user's reply"): a note made only of these records nothing done.
_STATUS_WORDS = frozenset(
    "a an the this it its issue ticket incident request case still will update updated "
    "updating soon shortly later today tomorrow asap working work on in progress looking into "
    "investigating investigate checking check checked reviewing review pending awaiting "
    "waiting for from user users user's caller customer response reply feedback info "
    "information follow following up followed acknowledged ack noted received now currently "
    "please pls see comments comment above below as per and to be is are am i we me myself "
    "of with ongoing wip status no change researching research further some more need needs "
    "to do got taking ownership picked picking looking at".split()
) | frozenset(
    # the words around a contact attempt (tqrs.rules.text.contact_attempt: "Rang her, no
    # answer", "Called user, left voicemail"; LABELLING.md counts these placeholders), and
    # a contact with nothing found ("Spoke to user.", "chased x2")
    "again back her him them she he 1st 2nd 3rd first second third yet x2 x3 twice try tried "
    "spoke spoken chased".split()
)
_PASTED = re.compile(r"additional comments\s*[•·]", re.I)
# A note opened by a bare word of completion, with no object ("Done -", "Sorted,", "Fixed.").
_BARE_DONE = re.compile(
    r"^\W*(?:all )?(?:done|fixed|sorted|resolved|completed?|finished)\s*(?:[-\u2013\u2014,.:;!]|$)",
    re.I,
)
MAX_ADMIN_NOTE_WORDS = 14
# A secret written in a note: the word, a setter, a value with a digit or symbol (read in
# lower case with shorthand spelled out: "PW:", "reset pwd to Bergen0704!", "PSK ... is").
_SECRET = re.compile(
    r"\b(?:password|passcode|pin|psk|pre-?shared key|wi-?fi key|network key|api key|"
    r"secret|token)\b[^.\n]{0,25}?\s*(?:\b(?:is|set to|to)\b|=|:|->)\s*(?:now\s+)?"
    r"(?P<secret>(?=\S*[a-z])(?=\S*[\d!@#$%^&*])\S{6,})",
)


# "to" after a verb that goes somewhere is no setter: the value is where the user went
# ("reset the password; he logged on to TTF-RW-PC1", "password ... and logged on to
# LDS-SUP-04": a host, as in "Reset the password on MKL-LT-2410").
_SETTER_IS_A_DESTINATION = re.compile(
    r"\b(?:log(?:ged|s)?|sign(?:ed|s)?|connect\w*|sen[dt]|mov\w*|add\w*|went|go(?:es|ne)?|"
    r"cop(?:y|ied)|forward\w*|assign\w*|transferr?\w*|map\w*|point\w*|access\w*|return\w*|"
    r"back)\b(?: (?:on|in|into|over|up|back))?\s*to\s*$|"
    # a reference's label before the colon: the value is a ticket's or a message's id
    # ("Reset PWD GPLM - Ref:MSGHSM13990863", the real export's short descriptions)
    r"\b(?:ref|reference|ticket|case|incident|inc|req|ritm|msg|message)\s*(?:id|no|nr|number|#)?"
    r"\s*[:=#]\s*$"
)


# Secrets that are digits only: a PIN or passcode, a BitLocker recovery key (eight groups of
# six digits; it unlocks the disk: Microsoft's BitLocker recovery guide keeps it in escrow).
_NUMERIC_SECRET = re.compile(
    r"\b(?:pin|passcode|puk|recovery key|bitlocker key|(?:unlock|entry|keypad|door|"
    r"alarm|gate|safe|lock) code|combination)\b[^.\n]{0,20}?\s*(?:\b(?:is|set to|to)\b|=|:|->)"
    r"\s*(?P<secret>\d{6}(?:-\d{6}){7}|\d{4,8}|\d{1,2}(?:-\d{1,2}){2,3})\b|"
    # the digits right after the word ("admin PIN 7391", "PUK 48213957"; a PUK unblocks the
    # SIM, carriers keep it secret like the PIN; a safe's combination "13-27-45")
    r"\b(?:pin|passcode|puk|(?:unlock|entry|keypad|door|alarm|gate|safe|lock) code)"
    r"(?: code| number)?\s+(?P<secret2>\d{4,8})\b(?![-/.:]\d)|"
    r"\bcombination\s+(?P<combination>\d{1,2}(?:-\d{1,2}){2,3})\b(?![-/.:]\d)|"
    # a BitLocker recovery key by its shape, wherever written (eight groups of six digits,
    # learn.microsoft.com "BitLocker recovery overview")
    r"(?<![\d-])(?P<bitlocker>\d{6}(?:-\d{6}){7})(?![\d-])|"
    # backup or recovery codes written out (docs.logto.io, docs.cidaas.com: each signs in once in place
    # of the factor, so unused codes are passwords)
    r"\b(?:backup|recovery|scratch) codes?\b[^.\n]{0,40}?"
    r"(?P<codes>\d{4}[- ]?\d{4}(?:\s*[,;]\s*\d{4}[- ]?\d{4})+)|"
    # a password given as its recipe from the user's own data ("temp pw = her surname with a
    # capital + today's date"): anyone reading it can rebuild it
    r"\b(?:temp(?:orary)? |new |initial )?password\s*(?:=|:|is)\s*(?P<recipe>(?:his|her|their|"
    r"the user'?s) (?:surname|first name|last name|name|initials|date of birth|birthday|"
    r"staff number|employee number)\b[^.\n]{0,30}\+[^.\n]{0,40})"
)


# A secret handed over in the note itself: the value right after "temporary password" or
# "new password" ("temp password Welcome1 given by phone"), or any value in quotes after a
# setter ('password set to "sunshine"'); a quoted value needs no digit.
_HANDED_SECRET = re.compile(
    r"\b(?:temp(?:orary)?|new|initial|default|one-time) (?:password|passcode|pass)\s+"
    r"(?:(?:of|is|as|was|=|:|->)\s*)?(?P<secret>(?=\S*[a-z])(?=\S*[\d!@#$%^&*])"
    r"(?!inc\d|ritm\d|req\d)\S{6,})|"
    # a password written right after the word, complex enough to be one: letters, digits
    # and a symbol ("user svc_scan / pw Sc4n!Rad2025#")
    r"\bpassword\s+(?P<complex>(?=\S*[a-z])(?=\S*\d)(?=\S*[!@#$%^&*?])\S{8,})|"
    # a JSON Web Token (RFC 7519: base64url of '{"typ"...' or '{"alg"...' opens with "eyJ")
    r"(?P<jwt>\beyj[\w-]{10,}\.[\w-]{10,}(?:\.[\w-]*)?)|"
    # a key by the prefix its issuer gives its secret keys, wherever written (Stripe's
    # "sk_live_"/"rk_live_", GitHub's "ghp_"/"github_pat_", Slack's "xoxb-", GitLab's
    # "glpat-": the formats secret scanners look for), not only right after its name
    r"(?<![\w-])(?P<prefixed>(?:(?:sk|rk)_(?:live|test)_|gh[pousr]_|github_pat_|xox[abprs]-|"
    r"glpat-)(?=[\w-]*\d)[\w-]{16,})|"
    # a key or token written right after its name ("API key sk-abc123...", "client secret ...")
    r"\b(?:api key|access key|client secret|secret key|token)\s+"
    r"(?P<key>(?=\S*[a-z])(?=\S*\d)[\w.~+/=-]{16,})|"
    # a key told in the note, complex enough to be one ("Added manually, key is Tr3at#24")
    r"\bkey (?:is|=|:)\s*(?P<keyval>(?=\S*[a-z])(?=\S*\d)(?=\S*[!@#$%^&*?])\S{7,}[^\s.,;)])|"
    # an account and its password written as a pair (".\\admin / Pump$tation2025!")
    r"(?<![\w/])[\w.\\@-]{3,}\s+/\s+(?P<pair>(?=\S*[a-z])(?=\S*\d)(?=\S*[!@#$%^&*?])"
    r"[^\s/]{7,}?[^\s/.,;)])(?=[.,;)]?(?:\s|$))|"
    r"\b(?:password|passcode|pin|psk|pre-?shared key|wi-?fi key|network key|api key|secret)\b"
    r"[^.\n]{0,25}?\s*(?:\b(?:is|set to|to)\b|=|:|->)\s*[\"'\u201c\u2018]"
    r"(?P<quoted>[^\"'\u201d\u2019\s]{4,})[\"'\u201d\u2019]"
)


# A password handed to a command (learn.microsoft.com: Set-ADAccountPassword -NewPassword,
# ConvertTo-SecureString -AsPlainText, "net user <name> <password>") or the key of a Wi-Fi
# join string (the "WIFI:T:WPA;S:<ssid>;P:<key>;;" format of Wi-Fi QR codes, ZXing's
# barcode contents), written in a note: the secret in clear.
_COMMAND_SECRET = re.compile(
    r"convertto-securestring\s+(?:-[a-z]+\s+){0,3}[\"'](?P<ps>[^\"'\s]{4,})[\"']|"
    r"\s-(?:new|old|account)?password\s+[\"'](?P<param>[^\"'\s]{4,})[\"']|"
    r"\bnet user\s+[\w.$-]+\s+(?P<netuser>[^\s/*][^\s/]{3,})|"
    r"\bwifi:[^\n]*?\bp:(?P<wifi>[^;\s]{4,});"
)


# A credential named in a note, or a reset that sets one ("Reset to Spring-Ledger-4417"): a
# value shaped like a secret later in the same sentence is that credential written out
# (LABELLING.md: a password, pre-shared key, API key or local admin password in a work note).
_CREDENTIAL_CUE = re.compile(
    r"\b(?:pass(?:word|phrase|code)s?|pw|pwd|psk|pin|(?:api |access |secret |wi-?fi |network |"
    r"pre-?shared |new |the )?keys?|secrets?|tokens?|credentials?|creds?|reset)\b"
    # a credential word naming a tool, a rule or a page ("Credential Manager: MicrosoftOffice16
    # entries", "password policy", "password change"), not a value; a whole word: "key
    # changed ... to <value>" tells the value
    r"(?!\s+(?:manager|mgr|store|vault|provider|guard|polic(?:y|ies)|expir\w*|history|age|"
    r"prompt|page|portal|field|sync|change|"
    # what names the credential, not its value: a record's id, name or type ("Named
    # Credential Id=0XA...", "External Credential Type=EXTERNAL" of a pasted callout log)
    r"ids?|names?|types?)\b)",
    re.I,
)
_CREDENTIAL_CUES = Caseless(_CREDENTIAL_CUE.pattern)  # searched: a line with no cue word is skipped
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)|\s[-\u2013\u2014]\s")
_VALUE = re.compile(r"[^\s\"'\u201c\u201d\u2018\u2019()<>\[\],;]+")
MAX_CUE_TO_VALUE = 60
MIN_SECRET_CHARS = 8
MIN_KEY_CHARS = 16
_KEY = re.compile(r"[A-Za-z0-9_-]+")
# A passphrase joins two words of this length or more with digits; a hostname's parts are
# codes ("MKL-LT-2410", "SCI-S118-Share-RW").
MIN_PASSPHRASE_WORD = 4
_PASSPHRASE_WORD = rf"[^\W\d_]{{{MIN_PASSPHRASE_WORD},}}"
_WORDS_JOINED_BY_DIGITS = re.compile(rf"{_PASSPHRASE_WORD}\d+{_PASSPHRASE_WORD}")
_SECRET_SYMBOLS = frozenset("!@#$%^&*?~+=")
# A value that names a thing rather than hiding it: a path, an address, a ticket or version.
_NOT_A_VALUE = re.compile(r"[\\/@:]|^(?:inc|ritm|req|chg|kb|prb)\d|^v?\d+(?:\.\d+)+$", re.I)


def _secret_shaped(value: str) -> bool:
    """A value written to be hard to guess: eight characters or more with letters and digits,
    and a symbol, sixteen characters or more, two words joined with digits or both cases
    ("7rT!x9Kp2#Lm", "wt_live_7Hq2kP9xR4mV8sT1nB6cZ3", "Spring-Ledger-4417"): all but the
    last hold in capitals or lower case as well. Hostnames and asset tags are codes
    ("MKL-LT-2410"), masked values have no digits ("********")."""
    value = value.rstrip(".:")
    if len(value) < MIN_SECRET_CHARS or _NOT_A_VALUE.search(value) or _masked(value):
        return False
    if not (any(c.isalpha() for c in value) and any(c.isdigit() for c in value)):
        return False
    if any(c in _SECRET_SYMBOLS for c in value):
        return True
    if len(value) >= MIN_KEY_CHARS and _KEY.fullmatch(value):
        return True  # a generated key ("AKIAIOSFODNN7EXAMPLE", "wt_live_7Hq2kP9xR4mV8sT1nB6cZ3")
    # words and digits joined by separators ("Spring-Ledger-4417") or by the digits
    # themselves ("Fleece2026barn", "FLEECE2026BARN"), in any case
    parts = re.split(r"[-_.]", value)
    if sum(len(p) >= MIN_PASSPHRASE_WORD and p.isalpha() for p in parts) >= 2 or any(
        _WORDS_JOINED_BY_DIGITS.search(p) for p in parts
    ):
        return True
    # both cases in one run: chosen to be hard to guess ("Xk9pQ2mz"); a hostname or asset tag
    # is in one case, a group or site name hyphenated ("SCI-S118-Share-RW", "Ashbrook-2F")
    return "-" not in value and any(c.islower() for c in value) and any(c.isupper() for c in value)


# A value named as the credential after it ("set Harbour2026! as her temporary password",
# "gave him Spring-Ledger-44 as the new pw"): the value comes first.
_VALUE_BEFORE_CUE = re.compile(
    r"\b(?:set|gave|given|give|issued|used|chose|picked|assigned)\s+(?:(?:him|her|them|the "
    r"user)\s+)?[\"'\u201c\u2018]?(?P<value>[^\s\"'\u201d\u2019]{8,}?)[\"'\u201d\u2019]?\s+as\s+"
    r"(?:(?:the|his|her|their|a)\s+)?(?:(?:temp|temporary|new|initial|one-time)\s+)?"
    r"(?:pass(?:word|code)|pw|pwd|pin|key|psk)\b",
    re.I,
)


# The end of every _VALUE_BEFORE_CUE match (" as her temporary password"): a line without it
# is not searched for the whole pattern.
_AS_THE_CREDENTIAL = Caseless(
    _VALUE_BEFORE_CUE.pattern[_VALUE_BEFORE_CUE.pattern.index(r"\s+as\s+") :]
)


def _shaped_secret(original: str) -> str | None:
    """A secret-shaped value written after a credential or a reset in the same sentence, or
    named as one after it."""
    for m in _VALUE_BEFORE_CUE.finditer(original) if _AS_THE_CREDENTIAL.search(original) else ():
        if _secret_shaped(m["value"]):
            return m["value"].rstrip(".:")
    lowered = original.lower()
    for cue in _CREDENTIAL_CUES.finditer(original):
        if in_url(original, cue.start()):
            continue
        rest = original[cue.end() : cue.end() + MAX_CUE_TO_VALUE]
        end = _SENTENCE_END.search(rest)
        for m in _VALUE.finditer(rest[: end.start() if end else None]):
            value = _value_of_pair(m[0])
            if (
                value
                and _secret_shaped(value)
                and not joins_an_event(lowered, cue.start(), cue.end() + m.end())
                and not _names_an_account(rest, m.start(), m.end())
            ):
                return value.rstrip(".:")
    return None


# The account a credential belongs to, named beside it: its login is no secret ("reset pw
# dell'account PDM "AsantiniA2_ext"", "password reset is required for the OlivieriM2_ext
# user": the logins of a real export, tests/real_corpus/fetched/hitachi_rail_excel_export).
# The value right after an account word (a system's short name between them), or right
# before one.
_ACCOUNT_WORDS = r"account|user(?:name| ?id)?|login|utenza|utente|usuario|benutzer|compte"
_ACCOUNT_BEFORE = re.compile(
    rf"\b(?i:{_ACCOUNT_WORDS})[\s\"'\u201c\u2018]+(?:[A-Z]{{2,6}}[\s\"'\u201c\u2018]+)?$"
)
_ACCOUNT_AFTER = re.compile(rf"[\"'\u201d\u2019]?\s+(?:[A-Z]{{2,6}}\s+)?(?i:{_ACCOUNT_WORDS})\b")


def _names_an_account(text: str, start: int, end: int) -> bool:
    """Whether the value at `text[start:end]` is an account's name (see _ACCOUNT_BEFORE)."""
    return bool(_ACCOUNT_BEFORE.search(text, 0, start) or _ACCOUNT_AFTER.match(text, end))


# A web address that runs on to the end of the span searched (in_url: to the position).
_URL_UP_TO = re.compile(rf"{URL_OPENING}\S*$", re.I)


def in_url(line: str, at: int) -> bool:
    """Whether `line[at]` sits inside a web address ("https://host/#/password?package=..."):
    a credential word in a link's path names a page, and what follows is the link."""
    return bool(_URL_UP_TO.search(line, max(0, line.rfind(" ", 0, at) + 1), at))


# A value written as "name=value" (a log line's "Id=0XAN4000000", "Ref=CHG0031234").
_PAIR = re.compile(r"(?P<name>[A-Za-z][A-Za-z_-]*)=(?P<value>[^=].*)")


def _value_of_pair(value: str) -> str:
    """`value`, or for a "name=value" pair the value when the name is a credential's
    ("pwd=Harbour2026!") and nothing when it is another attribute's (an id, a reference):
    what follows another name is not the credential's value."""
    pair = _PAIR.fullmatch(value)
    if not pair:
        return value
    return pair["value"] if _CREDENTIAL_CUE.fullmatch(pair["name"]) else ""


# What a credential belongs to. A secret is a credential of an account or a device (a
# password, a PIN, a key): whoever reads it can act as its owner. A conference bridge, a
# meeting or a call is joined with its PIN or passcode by everyone it is sent to (the dial-in
# line of the invitation): no account's secret (LABELLING.md: a bridge dial-in PIN is not an
# account secret). The owner is the noun the credential word qualifies, right before it with
# the numbers that go with it ("bridge 0330 555 0191 pin 4412", "Teams meeting ID 312 554
# passcode 7Hq2xP") or after its value ("PIN 4412 for the bridge").
_EVENTS = frozenset(
    "bridge bridges conference conferences call calls meeting meetings webinar webinars "
    "dial-in dialin war-room huddle standup stand-up".split()
)
# words between the owner and its credential that name the numbers of a dial-in
_DIAL_IN_WORDS = frozenset(
    "number no nr num tel telephone id code access participant participants attendee "
    "attendees guest host moderator leader chair dial in line and with".split()
)
_OWNER_AFTER = re.compile(  # matched at the value's end
    r"\W{0,3}(?:for|of|on|to|into)\s+(?:the\s+|this\s+|our\s+|a\s+|an\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?P<owner>[\w-]+)"
)
# the words before a credential word, the numbers written with them, and the commas and
# colons between ("Dial-in: 0330 555 0191, PIN 4412")
_OWNER_WORD = re.compile(r"[a-z][\w'-]*|[^\s,:]*\d[^\s,:]*|[,:]")
# the credential words an event has; a reset is an action on an account
_EVENT_CREDENTIAL = re.compile(r"pin|passcode|password|pass|pw|pwd|code|key|access code")


def joins_an_event(line: str, start: int, end: int) -> bool:
    """Whether the credential found at `line[start:end]` (normalised or in lower case: its
    word opens the match, its value closes it) is that of an event, joined by everyone
    invited, rather than of an account or a device (see _EVENTS)."""
    cue = _EVENT_CREDENTIAL.match(line, start)
    if not cue:
        return False
    # the owner named right after the credential word ("PIN for the bridge is 4412")
    owner = _OWNER_AFTER.match(line, cue.end())
    if owner and owner["owner"] in _EVENTS:
        return True
    sentence = max(line.rfind(". ", 0, start), line.rfind("; ", 0, start))
    before = _OWNER_WORD.findall(line, sentence + 1, start)
    digits = [any(c.isdigit() for c in w) for w in before]
    for i in reversed(range(len(before))):
        word = before[i]
        if word in (",", ":"):
            # a clause of its own, unless the owner's numbers stand beside the comma
            if not ((i > 0 and digits[i - 1]) or (i + 1 < len(before) and digits[i + 1])):
                break
        elif not digits[i] and word not in _DIAL_IN_WORDS:
            return word in _EVENTS
    after = _OWNER_AFTER.match(line, end)
    return bool(after) and after["owner"] in _EVENTS


@text_memo
def note_body(note: str) -> str:
    """What a note says: without the time written before its lines ("[09:00] Changed the
    priority" is when, not what), the list markers that open them ("1. pls see comments" is
    "pls see comments": a numbered placeholder is still one) and its lines of courtesy; a
    dictated note's "full stop" read as the mark ("updated full stop" is "updated.")."""
    return without_courtesy_lines(
        without_list_markers(without_line_times(undictated(note)))
    ).strip()


@text_memo
def is_placeholder(note: str) -> bool:
    """A work note that records no work (see _PLACEHOLDER_NOTE and _ADMIN_NOTE), read as
    `note_body`."""
    text = note_body(note)
    if _PASTED.search(text) or _PLACEHOLDER_NOTE.match(text) or _HANDOFF_NOTE.match(text):
        return True
    if records_no_work(text) and _in_another_language(text):
        # another language's "in the queue", "assigning", "looking into it"
        return True
    said = words(text.replace("'", ""))
    if (done := _BARE_DONE.match(text)) and len(said) <= MAX_ADMIN_NOTE_WORDS:
        # "Done - she is taking calls": the work is not named, only that it ended and how
        # the user is now (LABELLING.md: "Done." alone is a placeholder, "pw reset done"
        # names the work)
        if not _WORK_DONE.search(normalise(text[done.end() :])):
            return True
    if said and len(said) <= MAX_ADMIN_NOTE_WORDS:
        rest = _without_contact_attempts(text)
        if all(w in _STATUS_WORDS for w in (said if rest is text else words(rest))):
            return True
    return bool(_ADMIN_NOTE.match(text)) and len(text.split()) <= MAX_ADMIN_NOTE_WORDS


def _in_another_language(text: str) -> bool:
    """Whether a note is another language's: it does not read as English, or (a few words,
    which read as English when English lists two of them: "Aguardando retorno do usuário")
    English does not know its first word."""
    first = words(text)[:1]
    return not reads_as_english(text) or bool(first) and first[0] not in known_words()


def _without_contact_attempts(text: str) -> str:
    """`text` with the attempts to reach the user it records taken out (`text` itself when
    it records none)."""
    rest = text
    while (m := contact_attempt(rest)) is not None:
        rest = f"{rest[: m.start()]} {rest[m.end() :]}"
    return UNANSWERED.sub(" ", rest) if UNANSWERED.search(rest) else rest


@text_memo
def find_secret(notes: str) -> tuple[str, str] | None:
    """(the line holding a secret, the secret as written) in `notes`, or None."""
    for line, original in iter_normalised_lines(notes):
        found = _secret_in_line(line, original)
        if found:
            return found
    return None


REDACTED = "[redacted]"
MAX_SECRETS_IN_LINE = 8


def find_secrets(text: str) -> list[str]:
    """Every secret written in `text`, as written (several in a line: each found after the
    ones before it are masked), for masking what TQRS shows or sends of the text."""
    found: list[str] = []
    for line, original in iter_normalised_lines(_without_quiet_dated_lines(text or "")):
        for _ in range(MAX_SECRETS_IN_LINE):
            hit = _secret_in_line(line, original)
            if not hit or not hit[1] or REDACTED in hit[1]:
                break
            found.append(hit[1])
            original = mask_secret(original, hit[1])
            line = next(iter_normalised_lines(original), ("", ""))[0]
    return found


# Every ASCII digit as 0: a line's secrets reading cannot tell them apart (see
# _without_quiet_dated_lines).
_ZEROED = str.maketrans("123456789", "000000000")


def _without_quiet_dated_lines(text: str) -> str:
    """`text` with each line that opens with a digit and can hold no secret made blank (its
    line break kept): find_secrets reads the same secrets in it. Such lines are mostly a
    journal entry's header ("2025-05-08 19:26:00 - Maria Solano (Work notes)": three in four
    of the distinct lines a session's secrets reading meets, each new by its time); whether
    one can hold a secret is read once for all the lines alike but for their digits
    (`_holds_no_secret`). Only where the text is normalised line by line and not of its last
    line, so that each line is normalised as `_holds_no_secret` normalises it."""
    if "\n" not in text or not normalised_by_line(text):
        return text
    lines = text.split("\n")
    last = lines.pop()
    return "\n".join(
        [
            *(
                "" if line[:1].isdigit() and _holds_no_secret(line.translate(_ZEROED)) else line
                for line in lines
            ),
            last,
        ]
    )


@text_memo  # a dated line with its digits as 0: the same for every time of one author
def _holds_no_secret(line: str) -> bool:
    """Whether `_secret_in_line` finds nothing in `line` (a line of a text before a line
    break) before searching any pattern: none of the patterns' strings nor shapes
    (_ANY_SECRET_SHAPE) in the normalised line (the patterns are not tried) and no
    credential cue nor "as <credential>" in the line as written (no value is read after or
    before one). None of these patterns nor strings holds a digit of its own (\\d is any digit:
    tests/scoring/test_visible_secrets.py checks), and normalising writes none, so every
    line that differs from `line` only in its ASCII digits gets the same answer."""
    normalised = normalise(f"{line}\n").split("\n")[0]
    return not (
        _ANY_SECRET_STRING.search(normalised)
        or _ANY_SECRET_SHAPE.search(normalised)
        or _AS_THE_CREDENTIAL.search(line)
        or _CREDENTIAL_CUES.search(line)
    )


def mask_secret(text: str, secret: str) -> str:
    """`text` with `secret` replaced by "[redacted]" wherever written, in any case (a value
    found in shorthand is found in lower case), with the rest of the word it is written in:
    what is masked never leaves part of a password shown."""
    return secret_pattern(secret).sub(REDACTED, text)


_SECRET_CHARS = r"[\w!@#$%^&*?~+=/-]*"


@forgotten_with_text_memos  # emptied for a cold run, as the text memos are
@lru_cache(maxsize=1024)
def secret_pattern(secret: str) -> re.Pattern:
    """The secret and the rest of the word around it (see mask_secret)."""
    return re.compile(rf"{_SECRET_CHARS}{re.escape(secret)}{_SECRET_CHARS}", re.I)


def secret_evidence(line: str, secret: str, label: str = "") -> str:
    """The quote of `line` around the secret found in it, masked before it is trimmed (a
    trimmed quote never keeps part of the secret), led by `label` (the field's name)."""
    masked = line
    for each in (secret, *find_secrets(line)):  # and any other secret the line holds
        masked = mask_secret(masked, each)
    at = masked.find(REDACTED)
    shown = quote(masked, max(at, 0), max(at, 0) + len(REDACTED))
    return f"{label}: {shown}" if label else shown


# The fields the caller reads (ServiceNow mails the additional comments and the resolution
# notes to the caller, and shows them and the description in the portal), in the order the
# rule reports them.
CUSTOMER_VISIBLE = (
    ("close_notes", "Resolution notes"),
    ("comments", "Additional comments"),
    ("description", "Description"),
)


def visible_secret(ticket: Ticket) -> tuple[str, str, str] | None:
    """(the field's name, the line, the secret) of the first secret written in a field the
    caller reads (CUSTOMER_VISIBLE), or None."""
    for attr, label in CUSTOMER_VISIBLE:
        if attr == "comments":
            text = "\n".join(e.text for e in ticket_text(ticket).comment_entries)
        else:
            text = getattr(ticket, attr) or ""
        found = find_secret(text)
        if found:
            return label, *found
    return None


@text_memo  # the same note line comes back in many tickets
def _secret_in_line(line: str, original: str) -> tuple[str, str] | None:
    """find_secret of one line: `line` normalised, `original` as written."""
    gated = _ANY_SECRET_STRING.search(line) or _ANY_SECRET_SHAPE.search(line)
    m = next(
        (
            m
            for pattern, words, shape in (_SECRET_PATTERNS if gated else ())
            if any(map(line.__contains__, words)) or (shape and shape.search(line))
            for m in pattern.finditer(line)
            if not joins_an_event(line, m.start(), m.end())
            and not _masked(_found(m))
            and not in_url(line, m.start())
            and not _SETTER_IS_A_DESTINATION.search(line, m.start(), m.start(_group(m)))
        ),
        None,
    )
    if not m:
        shaped = _shaped_secret(original)
        return (original, shaped) if shaped else None
    group = _group(m)
    value = original[m.start(group) : m.end(group)]
    if value.lower() == m[group]:
        return original, value
    # shorthand spelled out ("pw" -> "password") moved the offsets: find it as written
    at = original.lower().find(m[group])
    return original, original[at : at + len(m[group])] if at >= 0 else m[group]


# The secret patterns in the order they are tried, each with the strings one of which its
# every match holds (they read the line case-sensitively) and, for _NUMERIC_SECRET and
# _HANDED_SECRET, the shapes some branches' matches hold instead (a recovery key's groups: its
# "-" is in most lines): a line with neither is not searched.
_RECOVERY_KEY_GROUPS = re.compile(r"\d{6}-\d{6}")
# _HANDED_SECRET's strings that most lines hold, each for one branch ("/" of dates and paths
# for the account / password pair, "gh", "live", "test" of "light", "delivery", "tested" for
# an issuer's prefix), and in their place what those branches' every match holds: a "/"
# between blanks, "_live_" or "_test_", "gh" and one of [pousr] and "_" (the other prefixes
# keep their strings). Tiffany AMS's lines: 10,340 of 24,422 were searched, 1,309 are.
_LOOSE_HANDED_STRINGS = frozenset({"/", "gh", "live", "test"})
_HANDED_SHAPES = re.compile(r"\s/\s|_(?:live|test)_|gh[pousr]_")
_SECRET_PATTERNS = (
    (_SECRET, required_strings(_SECRET.pattern), None),
    (_NUMERIC_SECRET, required_strings(_NUMERIC_SECRET.pattern) - {"-"}, _RECOVERY_KEY_GROUPS),
    (
        _HANDED_SECRET,
        required_strings(_HANDED_SECRET.pattern) - _LOOSE_HANDED_STRINGS,
        _HANDED_SHAPES,
    ),
    (_COMMAND_SECRET, required_strings(_COMMAND_SECRET.pattern), None),
)
# Every pattern's strings in one scan, and every shape in another: most lines hold none (a
# journal entry's header: three in four of the bench's distinct lines), and no pattern is
# tried there.
_ANY_SECRET_STRING = any_of(w for _, words, _ in _SECRET_PATTERNS for w in words)
_ANY_SECRET_SHAPE = re.compile("|".join(shape.pattern for *_, shape in _SECRET_PATTERNS if shape))


def _group(m: re.Match) -> str:
    """The name of the group a secret pattern matched the value with."""
    return next(name for name, value in m.groupdict().items() if value)


def _found(m: re.Match) -> str:
    return m[_group(m)]


# A value already masked or redacted where it is written ("[redacted]", "***redacted***",
# "<removed>", "********1234", "xxxx-xxxx"): what the note shows is not the secret.
_MASK = re.compile(
    r"redact|\bremoved\b|\bmasked\b|\bhidden\b|\bomitted\b|\*{3}|"
    r"(?<![a-wyz])x{4,}(?![a-wyz])|\u2022{3}",
    re.I,
)


def _masked(value: str) -> bool:
    return bool(_MASK.search(value))


_GRADED = (Outcome.MET, Outcome.PARTLY_MET, Outcome.NOT_MET)
# A field's value that says it is not set, once brackets, dashes and dots are taken off
# ("-- None --", "(none)", "<not set>", "TBC", "To be determined"; LABELLING.md: "unknown",
# "none", "TBD", "N/A" count as not set), also when it names who is to set it ("To be
# selected by Atos AMS Team", Hitachi Rail's export).
_UNSET = re.compile(
    r"(?:none|n/?a|n a|unknown|tbd|tbc|tba|null|nil|not set|not applicable|unassigned|"
    r"undefined|to be (?:determined|confirmed|defined|selected|assigned|set)(?: by .+)?|"
    r"(?:please )?select(?: one)?|empty|blank)"
)
_FRAME = re.compile(r"[\s\-\u2013\u2014_.()<>\[\]{}*?!:]+")


def is_unset(value: str | None) -> bool:
    """Empty, or a placeholder written in any frame of punctuation."""
    if is_blank(value):
        return True
    return _placeholder(value)


@text_memo  # a field's value comes back in most tickets of a session ("Okta", "Network")
def _placeholder(value: str) -> bool:
    return bool(_UNSET.fullmatch(_FRAME.sub(" ", value.lower()).strip()))


def _pair(ticket: Ticket, criterion: Criterion, fields: tuple[tuple[str, str, str], ...]):
    """The ticket fields `(parameter, attribute, label)` the rubric requires: all set is met,
    one missing of two partly met, else not met; none required is met."""
    params = criterion.parameters
    values = {label: getattr(ticket, name) for key, name, label in fields if params.requires(key)}
    if not values:
        return result(criterion, Outcome.MET, "", "The rubric requires none of these fields.")
    missing = [label for label, v in values.items() if is_unset(v)]
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


# Values that name one narrow topic (a subcategory, a business service, a configuration
# item), and the words a ticket about that topic holds (LABELLING.md: a category, service or
# CI set but plainly not fitting the ticket is "one of the two wrong", e.g. Network / VPN on
# an Excel crash, Hardware / Printer on a lockout, service "Email" on a forklift terminal, a
# printer CI on a VPN fault). A ticket of some length, read whole (opening, notes, comments,
# close notes: "does not fit the ticket"), with none of the topic's words is about something
# else.
_TOPICS = (
    (
        re.compile(r"print|\bprn\b|\bmfp\b|copier"),
        # a printer's parts and consumables too (cartridge, drum, fuser, duplex unit)
        re.compile(
            r"print|toner|\bpaper|\bscan|label|\btray|\bjam|\bmfp|copier|\bprn|cartridge|"
            r"\bdrum|fuser|duplex|plotter"
        ),
    ),
    (
        re.compile(r"\bvpn\b"),
        # the common remote-access clients by name (Cisco AnyConnect / Secure Client,
        # Palo Alto GlobalProtect, FortiClient, Ivanti / Pulse Secure, Zscaler)
        re.compile(
            r"vpn|remote access|anyconnect|globalprotect|tunnel|forticlient|pulse secure|"
            r"ivanti|zscaler|secure client|ipsec|"
            # what a remote-access fault is about in the caller's words (working from home,
            # off site, the intranet out of reach)
            r"from home|home office|\bwfh\b|off-?site|remote(?:ly)? connect|\bremote working|"
            r"intranet|split tunnel"
        ),
    ),
    (
        re.compile(r"password|lock-?out|active directory|identity|\bsso\b"),
        re.compile(
            r"password|\bpw\b|pwd|lock|sign|log ?(?:in|on)|account|credential|expired|\bmfa\b|"
            r"factor|authenticat|okta|\bduo\b|\bsso\b|verify|passcode|\b2fa\b|yubikey|ldap|"
            r"kerberos|identity|permission|group membership|"
            # a directory's own objects and faults (learn.microsoft.com, Active Directory:
            # domain trust, group policy, organisational units, security groups)
            r"\bdomain\b|trust relationship|group policy|\bgpo|\bou\b|security group|"
            r"distribution (?:list|group)|\bentra\b|azure ad"
        ),
    ),
    (
        re.compile(r"malware|virus"),
        # the kinds of malware (kb.wisc.edu 8773 "Virus or Malware Handling": worms,
        # spyware, adware, rootkits, keyloggers, botnets, miners) and a detection's words; a
        # virus or an infection as the critical-process rule reads them (a "stomach virus"
        # going round the staff is an illness, not a device's: LABELLING.md audit rule 10)
        re.compile(
            rf"{MALWARE_WORDS}|phish|ransom|pop-?up|suspicious|hack|scam|"
            r"spyware|adware|rootkit|keylogger|botnet|miner\b|threat|quarantin|"
            # the endpoint tools that raise a detection, and the detection itself
            r"defender|antivirus|anti-virus|\bav\b|\bedr\b|crowdstrike|sentinelone|sophos|"
            r"detection|compromis|exploit"
        ),
    ),
    (
        # a network's own devices and layers (a firewall, the Wi-Fi, a switch, DNS)
        re.compile(
            r"firewall|\bnetwork|wi-?fi|wireless|\blan\b|\bwan\b|\bswitch|router|\bdns\b|"
            r"\bdhcp\b|proxy|connectivity"
        ),
        # what a network fault is about in any words: a connection, a block, a reach, an
        # address, a port, traffic, speed
        re.compile(
            r"network|firewall|connect|internet|online|offline|wi-?fi|wireless|\blan\b|\bwan\b|"
            r"ethernet|cable|\bports?\b|switch|router|\bdns\b|dhcp|\bip\b|\bvlan|proxy|ping|"
            r"latency|packet|bandwidth|traffic|block|reach|timeout|timed out|\burl|web ?site|"
            r"web ?page|browser|\bssl\b|\btls\b|certificate|\bvpn|\bnat\b|rout(?:e|ing)|"
            r"gateway|subnet|access point|signal|drop|slow|speed|download|upload|server|"
            r"\bsite-to-site|link\b|\bdown\b|outage|tunnel|remote"
        ),
    ),
    (
        # heating, cooling and ventilation (a building's or a room's climate plant)
        re.compile(r"\bhvac\b|heating|air ?con|ventilation|\bclimate\b|boiler|chiller|cooling"),
        # what a climate fault is about: heat or cold, the air, a temperature or humidity,
        # the plant's own parts (thermostat, fan, compressor, air handling unit, CRAC/CRAH)
        re.compile(
            r"hvac|heat|cool|\bair\b|temperat|thermostat|boiler|chiller|ventilat|\bfans?\b|"
            r"radiator|\bac\b|humid|\bcold\b|\bhot\b|warm|degree|\u00b0|climate|\bbms\b|"
            r"building management|compressor|refrigera|freez|frost|damper|\bahu\b|"
            r"air handl|\bcra[ch]\b|\bvents?\b|setpoint|\d ?c\b"
        ),
    ),
    (
        re.compile(r"^e-?mail\b|\bexchange\b|\bmailbox"),
        re.compile(
            r"mail|outlook|exchange|inbox|calendar|smtp|\bowa\b|message|meeting|"
            # a mailbox's own parts and faults (distribution lists, delegates, out-of-office,
            # bounces, junk)
            r"distribution (?:list|group)|delegat|out of office|out-of-office|\bndr\b|bounce|"
            r"\bjunk|\bspam"
        ),
    ),
    (
        # a monitor or display as the value (a "Monitoring" service is another thing)
        re.compile(r"\bmonitors?\b|\bdisplays?\b"),
        # what a display fault is about: the screen and its picture, its cable or input, its
        # stand or dock (learn.microsoft.com "Troubleshoot external monitor connections":
        # no signal, flicker, resolution, HDMI/DisplayPort, the dock); screens and boards of all
        # kinds, and a picture that froze
        re.compile(
            r"monitor|display|screen|hdmi|displayport|\bdp\b|\bvga\b|\bdvi\b|usb-?c|"
            r"resolution|flicker|bright|projector|\btv\b|television|pixel|backlight|\bdock|"
            r"signal|picture|image|video|graphics|\bpanel|touch|kiosk|signage|blank|black|"
            r"\bstand\b|\barm\b|cable|input|\blcd|\bled\b|board\b|frozen|freez"
        ),
    ),
    (
        # a sound device as the value (a sound desk, a PA, speakers, an amplifier); not
        # "audio-visual", which a projector or a meeting-room screen is filed under too
        re.compile(
            r"\bsound\b|\baudio\b(?![- ]?vis)|\bspeakers?\b|\bpa (?:system|desk)|amplifier|"
            r"microphone|\bmixer\b|hearing loop|induction loop"
        ),
        # what a sound fault is about: what is heard or not, its devices and cables, a
        # voice, a call or a recording, a stream or a broadcast (a picture comes with sound)
        re.compile(
            r"\bsound|\baudio|speaker|microphone|\bmics?\b|\bvolume|\bmute|\bhear|\becho|"
            r"\bnoise|\bmusic|\bamplif|\bamps?\b|\bmixer|\bpa\b|\bannounce|\btannoy|\bloop\b|"
            r"headset|headphone|earbud|\bcrackl|\bhiss|\bhum\b|\bfeedback|\bvoice|\bcalls?\b|"
            r"\brecord|\bbroadcast|\bstream|\bradio|\bdictat|\bplayback|\bring|\bmix\b|"
            r"\bchannel|\bxlr\b|\bjack|bluetooth|\bvideo|projector|\bscreen|\bdisplay|\btv\b"
        ),
    ),
    (
        # a CCTV system as the value (a camera, a network or digital video recorder)
        re.compile(r"\bcctv\b|\bnvr\b|\bdvr\b|\bcameras?\b|surveillance"),
        # what a CCTV fault is about: cameras, their picture and recording, the footage
        # and its playback, the recorder and its disks
        re.compile(
            r"cctv|camera|\bcams?\b|webcam|footage|\brecord|\bvideo|\bnvr\b|\bdvr\b|playback|"
            r"\bimage|\bpicture|\blens|surveillance|\bmonitor|\bscreen|\bdisplay|\bview|"
            r"\blive\b|\bstream|\bptz\b|\bhdd\b|\bdisks?\b|\bmotion|\bfeed\b"
        ),
    ),
    (
        # payroll as the value (an HR or finance service, not an IT topic)
        re.compile(r"payroll"),
        # what a payroll ticket is about: pay and its documents, hours, tax and deductions
        # (gov.uk "Running payroll": payslips, P45/P60/P11D, PAYE, pensions, expenses); not
        # "HR" alone, which most tickets name as the record a caller is validated against
        re.compile(
            r"payroll|\bpay\b|paid|payslip|pay ?slip|pay ?run|salar|wage|\bp(?:45|60|11d)\b|"
            r"\bpaye\b|tax|pension|deduction|overtime|timesheet|\bhours\b|bonus|expense|"
            r"\bnet\b|gross|holiday|leave|absence|sick|starter|leaver|bank detail|sage|adp|"
            r"\bbacs\b|\bpayment|remittance"
        ),
    ),
)
MIN_FIT_WORDS = 8
# The share of a ticket's words that parts in another language may hold, for the English
# parts to tell that the ticket never speaks of a topic.
MAX_FOREIGN_SHARE = 0.25


def _ticket_parts(ticket: Ticket) -> tuple[str, ...]:
    return (
        f"{ticket.short_description}\n{ticket.description}",
        ticket.work_notes,
        ticket.comments,
        ticket.close_notes,
    )


def off_topic(value: str, ticket: Ticket) -> bool:
    """Whether `value` (a subcategory, service or CI) names a narrow topic the ticket, written
    in English, never speaks of."""
    topics = _topics_of(value)
    if not topics:  # the usual case: a value of no narrow topic
        return False
    parts = _ticket_parts(ticket)
    text, spoken = _ticket_topics(ticket, parts)
    if all(spoken(words) for words in topics):  # the usual case: it fits
        return False
    if len(text.split()) < MIN_FIT_WORDS:
        return False  # too short to tell
    # a part in another language may speak of it in words not listed. The opening, where the
    # issue is stated, always may; a later part only when it holds more than a share of the
    # text (the caller's short thanks in Spanish beside an English description, notes and
    # close notes say nothing of the topic either way)
    opening, *later = parts
    if opening.strip() and not reads_as_english(opening):
        return False
    foreign = sum(
        len(part.split()) for part in later if part.strip() and not reads_as_english(part)
    )
    if foreign and foreign > len(text.split()) * MAX_FOREIGN_SHARE:
        return False
    return any(not spoken(words) for words in topics)


@text_memo  # values repeat across tickets: their topics are read once
def _topics_of(value: str) -> tuple[re.Pattern, ...]:
    """The words patterns of the narrow topics (_TOPICS) `value` names (none: the usual)."""
    value = value.lower()
    return tuple(words for field, words in _TOPICS if field.search(value))


# The subcategory, the service and the CI of one ticket (two rules) read the same text,
# often for the same topic: the last ticket's is kept.
@last_memo
def _ticket_topics(ticket: Ticket, parts: tuple[str, ...]):
    """(the ticket's `parts` joined in lower case, a function telling whether a topic's
    words pattern finds something in it, each pattern searched once a ticket). Kept for the
    same ticket object with the same parts (a ticket changed in place is read again)."""
    text = "\n".join(parts).lower()
    found: dict[re.Pattern, bool] = {}

    def spoken(words: re.Pattern) -> bool:
        hit = found.get(words)
        if hit is None:
            hit = found[words] = words.search(text) is not None
        return hit

    return text, spoken


def _not_fitting(criterion: Criterion, graded, fields: tuple[tuple[str, str], ...], ticket):
    """`graded` (every field set) made partly met when one of `fields` (label, value) does
    not fit the ticket, where the rubric asks it (its `fields_must_fit` parameter)."""
    if graded.points < graded.max_points or not criterion.parameters.fields_must_fit:
        return graded
    for label, value in fields:
        if off_topic(value, ticket):
            return result(
                criterion,
                Outcome.PARTLY_MET,
                f"{label}: {value}",
                f"The {label} '{value}' does not fit the ticket: its text never speaks of it.",
                f"Pick the {label} of the affected system.",
            )
    return graded


@rule("category_fields", _GRADED)
def category_fields(ticket: Ticket, criterion: Criterion):
    graded = _pair(
        ticket,
        criterion,
        (("category", "category", "category"), ("subcategory", "subcategory", "subcategory")),
    )
    return _not_fitting(criterion, graded, (("subcategory", ticket.subcategory),), ticket)


@rule("service_ci_fields", _GRADED)
def service_ci_fields(ticket: Ticket, criterion: Criterion):
    graded = _pair(
        ticket,
        criterion,
        (("service", "service", "service"), ("cmdb_ci", "cmdb_ci", "configuration item")),
    )
    fields = (("service", ticket.service), ("configuration item", ticket.cmdb_ci))
    return _not_fitting(criterion, graded, fields, ticket)


MIN_COPY_WORDS = 3
# Text an instance writes when nobody wrote notes ("Closed before close notes were made
# mandatory", the ServiceNow demo data's filler).
_FILLER = re.compile(
    r"^\W*(?:closed before close notes were made mandatory|no (?:close|resolution) notes"
    r"(?: (?:provided|entered|given))?|auto[- ]?closed(?: by (?:the )?system)?)\W*$",
    re.I,
)
_HOME_ROW = set("asdfghjkl;")


def is_mash(notes: str) -> bool:
    """A keyboard mash: one token of six letters or more, unknown, typed on the home row or
    repeating a three-letter chunk ("asdasdasdsad")."""
    token = notes.strip().lower()
    if " " in token or len(token) < 6 or not token.isalpha():
        return False
    repeats = any(token.count(token[i : i + 3]) >= 3 for i in range(len(token) - 2))
    return set(token) <= _HOME_ROW or repeats


@text_memo  # the resolution-notes rule and the offline resolution reading both ask it
def copies_short_description(notes: str, short_description: str) -> bool:
    """True when the notes (three words or more) only use words of the short description,
    both read with their contractions and shorthand spelled out ("can't" is "cannot", "pwd"
    "password": a copy that writes either form is still a copy)."""
    note_words = _full_words(notes)
    return len(note_words) >= MIN_COPY_WORDS and set(note_words) <= set(
        _full_words(short_description)
    )


# The contractions normalise leaves as written (Wikipedia, "List of English contractions":
# the negations and the pronoun forms), with their full forms.
_CONTRACTED = re.compile(
    r"\b(do|are|were|should|must|need)n'?t\b|'(m|re|ve|ll)\b|"
    r"\b(it|that|what|there|here|he|she|who)'s\b"
)
_FULL_FORM = {"m": " am", "re": " are", "ve": " have", "ll": " will"}


def _full_words(text: str) -> list[str]:
    """The words of `text` with its contractions and shorthand spelled out (`normalise`, and
    the contractions it leaves: "don't", "aren't", "I'm", "it's")."""
    text = normalise(text)
    if "'" in text or "nt" in text:  # the cheap look first: most notes hold neither
        text = _CONTRACTED.sub(_spelled_out, text)
    return words(text)


def _spelled_out(m: re.Match) -> str:
    if m[1] is not None:
        return f"{m[1]} not"
    if m[2] is not None:
        return _FULL_FORM[m[2]]
    return f"{m[3]} is"


# A line of a form or a quoted mail header, "Label: value" (the label a few words), whose
# value records no action: a placeholder ("n/a", "-", "none") or a date and time ("Date and
# hour, when the incident occurred: 2020-07-29 15:34:04", "Sent: 23 October 2019 19:25").
# The label is the template's wording, not what the analyst did ("occurred", "restored",
# "sent" there are no action; LABELLING.md R2: the notes must name what was done).
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|gen|mag|giu|lug|ago|set|ott|dic)"
    r"[a-z]*\.?"
)
_DATE = (
    rf"(?:(?:[a-z]+day,? )?(?:\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}|\d{{1,2}} {_MONTH},? \d{{4}}|"
    rf"{_MONTH} \d{{1,2}},? \d{{4}}))"
)
_TIME = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?: ?[ap]\.?m\.?)?"
# A form's label at the start of its line, up to its colon ("Action taken:", "Resolved by:").
_FIELD_LABEL = r"^[ \t]*[^\W\d][^:\n]{0,60}:"
_EMPTY_FIELD = re.compile(
    _FIELD_LABEL + r"[ \t]*(?:n/?a|none|nil|null|tbd|unknown|-+|\?|<[^<>\n]{1,40}>|"
    rf"(?:{_DATE}(?:[ ,T]+(?:at )?{_TIME})?|{_TIME}))[ \t.]*(?:\n|\Z)",
    re.I | re.M,
)


# The desk's closing notice, which its template adds to every resolution ("The ticket has
# been resolved and will be closed within 5 days. If you do not agree with the Solution or
# the issue persists, please send your feedback and the request/ticket will be Reopened.
# After 5 days you have to raise a new request/ticket."), and the rule lines around it: the
# record's life told to the user, the same on every ticket, no word of the analyst's (a
# template is no evidence). Read by sentence, from where the notice starts.
_CLOSING_NOTICE = re.compile(
    r"(?:^|(?<=[.!?])[ \t]+)[^.!?\n]*?\b(?:(?:will|shall) be (?:automatically |auto-)?closed "
    r"(?:with)?in \d+ (?:working |business |calendar )?days?|if you (?:do not|don't) agree "
    r"with the (?:solution|resolution)|after \d+ (?:working |business )?days?,? you (?:have|"
    r"will have|need|must|should) (?:to )?(?:raise|open|log|create|submit) a new)\b[^.!?\n]*"
    r"[.!?]?[ \t]*|^[ \t]*[-=_*.]{5,}[ \t]*$",
    re.I | re.M,
)


def without_empty_fields(notes: str) -> str:
    """`notes` without the lines of a form or mail header whose value records no action
    (a placeholder, a template's own left unfilled such as "<Date and time>", or a date and
    time: _EMPTY_FIELD), and without the desk's closing notice (_CLOSING_NOTICE). A line
    that ends with its colon is kept: what it introduces follows ("All documents have been
    moved to:" and the path)."""
    if "day" in notes or "---" in notes or "agree" in notes:
        notes = _CLOSING_NOTICE.sub("", notes)
    if ":" not in notes:
        return notes
    return _EMPTY_FIELD.sub("", notes)


# A form's label alone on its line ("Action taken:", "Resolved by:"): nothing after its colon.
_BARE_LABEL = re.compile(_FIELD_LABEL + r"[ \t]*$")
_FORM_LINES = 2  # a form: two labels or more


def is_bare_form(notes: str) -> bool:
    """Whether `notes` are a form left blank: every line a label alone, two or more (a
    desk's close template with no slot filled). One line ending with its colon introduces
    what follows and is no form ("All documents have been moved to:")."""
    lines = [x for x in notes.splitlines() if x.strip()]
    return len(lines) >= _FORM_LINES and all(_BARE_LABEL.match(x) for x in lines)


@rule("resolution_notes", (*_GRADED, Outcome.NOT_APPLICABLE))
def resolution_notes(ticket: Ticket, criterion: Criterion):
    """Not met: a secret written in a field the caller reads (the resolution notes, the
    additional comments, the description; open or closed), notes missing, a filler or a copy
    of the short description; partly met: no close code; met otherwise; N/A: not resolved."""
    found = visible_secret(ticket)
    if found:
        label, line, secret = found
        return result(
            criterion,
            Outcome.NOT_MET,
            secret_evidence(line, secret, label),
            f"A password or secret is written in clear in the {label.lower()}, which the "
            "caller receives by mail or reads in the portal.",
            "Never write a password in the ticket; say 'temporary password given to the "
            "user by phone' instead, and have the field redacted (a password the caller "
            "pasted too).",
        )
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
    # a close form left blank ("Reason for the incident: n/a", "Solution which was applied:
    # n/a"): its labels are the template's, no notes (LABELLING.md: resolution notes missing)
    if is_blank(without_empty_fields(notes)) or is_bare_form(notes):
        return result(
            criterion,
            Outcome.NOT_MET,
            quote(notes),
            "The resolution notes are a close form with every field left blank, n/a or dated only.",
            f"Fill in the solution applied, {example}.",
        )
    if _FILLER.search(notes) or is_mash(notes):
        return result(
            criterion,
            Outcome.NOT_MET,
            quote(notes),
            "The resolution notes are a system filler or a keyboard mash, not notes.",
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
        # this criterion asks that notes are there, the analyst's and no copy (the rubric's
        # guidance); whether they say what fixed the issue ("Done", "Fixed") is resolution
        # quality's question, not charged twice (LABELLING.md: "Done" = 10 here)
        "Close code set and resolution notes written, not a copy of the short description; "
        "whether they say what fixed the issue is judged under resolution quality.",
    )


def comment_texts(ticket: Ticket) -> set[str]:
    """The words of each customer-visible comment: a work note that only repeats one records
    no work (LABELLING.md: a copy of a comment; the XML unload's work notes hold pasted
    comments and notes "copied from Parent Incident")."""
    return {" ".join(words(note_body(e.text))) for e in ticket_text(ticket).comment_entries}


@rule("work_notes", _GRADED, defers=True)
def work_notes(ticket: Ticket, criterion: Criterion):
    """Not met: a secret in a note, or no notes; partly met: placeholders only; met: a note
    that records work. Left open to the judge: every note that is not a known placeholder
    only passes the ticket on, waits or restates the description (`thin_note`)."""
    entries = ticket_text(ticket).work_note_entries
    found = find_secret("\n".join(e.text for e in entries))
    if found:
        line, secret = found
        return result(
            criterion,
            Outcome.NOT_MET,
            secret_evidence(line, secret),
            "A password or secret is written in the work notes.",
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
    written = written_notes(ticket, entries)
    if not written:
        return _placeholders(criterion, entries)
    substantive = substantive_notes(ticket, written)
    if not substantive:
        return defer(
            criterion,
            "no work note holds a sentence of the desk's own that may record work (a chat's "
            "other side, a form's fields, a linked article, a request, a hand-off, a plan or "
            "the issue relayed): it may record no work",
        )
    if all(thin_note(e.text, ticket) for e in substantive):
        return defer(
            criterion,
            "every work note only passes the ticket on, records a status or restates the "
            "description in words the rule does not know as placeholders: it may record no work",
        )
    return _substantive(criterion, entries, substantive)


def _placeholders(criterion: Criterion, entries, method: str = "rule", prefix: str = ""):
    return result(
        criterion,
        Outcome.PARTLY_MET,
        quote(entries[0].text),
        f"{prefix}{len(entries)} work note(s), all placeholders.",
        "Replace notes like 'working on it' with what was checked or changed and what happened.",
        method=method,
    )


def _substantive(criterion: Criterion, entries, substantive, method="rule", prefix=""):
    return result(
        criterion,
        Outcome.MET,
        quote(substantive[0].text),
        f"{prefix}{len(substantive)} substantive work note(s) of {len(entries)}; no secrets.",
        method=method,
    )


# A note led by a hand-off, a wait or a status change (dissmeyer.com "Good documentation in
# help desk tickets": a ticket passed on with no notes; LABELLING.md: lane and state changes,
# "assigned to myself" are placeholders), whatever follows it.
_PASSES_ON = re.compile(
    r"^\W*(?:(?:ticket|incident|case|call|task|this|it) )?(?:(?:has been|was|is|been) )?"
    r"(?:re-?assign\w*|assign\w*|transferr?\w*|rout(?:e|ed|ing)|pass(?:ed|ing)? (?:on|over|to)|"
    r"sent (?:on |over )?to|send(?:ing)? (?:on |over )?to|mov(?:e|ed|ing) to|escalat\w*|"
    r"forward\w*|hand(?:ed|ing)? (?:over|off|on|to)|await\w*|waiting|chas\w*|follow\w* up|"
    r"(?:state|status|priority|urgency|impact) (?:changed|set|updated|moved)|on hold|parked)\b"
)
# A verb of work done or found in a note: it records work even when it passes the ticket on.
_WORK_DONE = re.compile(
    r"\b(?:check|test|reset|restart|reboot|clear|install|reinstall|replac|remov|add|grant|"
    r"configur|fix|unlock|creat|delet|enabl|disabl|remot|connect|verif|appl|roll|patch|map|"
    r"sync|ran|run|found|confirm|see|saw|seen|noticed|logg|ping|trac|diagnos|investigat|"
    r"reproduc|captur|collect|gather|review|compar|traced|upgrad|downgrad|rebuil|recreat|"
    r"re-?creat|re-?enabl|re-?set|swap|move[sd]? the (?:file|mailbox|user|folder)|call(?:ed)? "
    r"(?:the )?user|spoke|emailed the user|walked|guided|showed|explain|advis|provid|sent the "
    r"user|restor|recover|set up|setup|adjust|chang(?:e|ed) (?:the )?(?!priority|state|status|"
    r"assign))\w*"
)
MAX_THIN_NOTE_WORDS = 15
MIN_RESTATED_SHARE = 0.6  # of a note's content words found in the short description+description
MIN_RESTATED_SHARE_OFFLINE = 0.8


def _restated_share(note: str, ticket: Ticket) -> float:
    opening = _words_of_opening(f"{ticket.short_description} {ticket.description}")
    return opening_share(note, opening)[1]


@text_memo  # each of a ticket's notes is compared with the same opening
def _words_of_opening(opening: str) -> frozenset[str]:
    return frozenset(words(opening))


def thin_note(note: str, ticket: Ticket) -> bool:
    """A short note that may record no work: it passes the ticket on or waits (whatever
    follows), or most of its words are the description's. Not settled by the placeholder
    phrasings: the judge decides (tqrs.rules.registry.Deferred)."""
    note = note_body(note)
    if len(note.split()) > MAX_THIN_NOTE_WORDS:
        return False
    text = normalise(note)
    return bool(_PASSES_ON.search(text)) or _restated_share(note, ticket) >= MIN_RESTATED_SHARE


def empty_note(note: str, ticket: Ticket) -> bool:
    """The offline reading of a thin note: no work in it when it passes the ticket on or
    waits with no verb of work done, or when nearly all its words are the description's and
    it names no work done."""
    note = note_body(note)
    text = normalise(note)
    if _WORK_DONE.search(text):
        return False
    return bool(_PASSES_ON.search(text)) or (
        _restated_share(note, ticket) >= MIN_RESTATED_SHARE_OFFLINE
    )


def offline_work_notes(ticket: Ticket, criterion: Criterion, given: Given):
    """The offline verdict when the rule left work notes open: placeholders when every
    substantive-looking note is empty (see `empty_note`), else met."""
    entries = ticket_text(ticket).work_note_entries
    substantive = substantive_notes(ticket, written_notes(ticket, entries))
    prefix = "Offline check (no LLM): "
    if all(empty_note(e.text, ticket) for e in substantive):
        return _placeholders(criterion, entries, "offline", prefix)
    return _substantive(criterion, entries, substantive, "offline", prefix)


# A note signed with the writer's initials after its 24-hour time, written with or without
# the colon ("0910 TP: working on it", "14:32 AL - state changed"): when and who, not what.
_SIGNED_TIME = re.compile(
    r"^[ \t]*(?:(?:[01]\d|2[0-3])[0-5]\d|\d{1,2}[:.][0-5]\d)[ \t]+(?-i:[A-Z]{2,3})"
    r"[ \t]*(?::|[-\u2013](?=[ \t]))[ \t]*",
    re.M,
)
# The lines of a triage script pasted into a note: its question and the caller's answer
# ("Q: Error shown? A: none"), the script's record, not the desk's own work.
_SCRIPT_LINE = re.compile(r"^[ \t]*[QA][ \t]*[:.)][ \t]+\S.*$", re.M)
# The fields of a template (a shift hand-over "Status: WIP | Done: - | Outstanding: -"),
# one to a line or between bars, and a field's label: up to four words before a colon.
_FIELD_SEPARATOR = re.compile(r"[ \t]*(?:\||\n)[ \t]*")
_FIELD_LABEL = re.compile(r"^[ \t]*[^\W\d][\w/&'-]*(?: [\w/&'-]+){0,3}[ \t]*:[ \t]*(?!//)")
# A field's one-word value that names a state or a shift, no work ("Status: closed", "Shift:
# nights"): with the status words, a template's own values.
_STATE_VALUES = _STATUS_WORDS | frozenset(
    "open opened closed resolved new cancelled canceled active solved "
    "day days night nights early late morning afternoon evening".split()
)
_EMPTY_VALUE = re.compile(r"^\W*(?:n/?a|none|nil|null|tbd|-+|\?|\.+)?\W*$", re.I)


def _empty_or_placeholder_field(field: str) -> bool:
    """Whether a template's field (or a sentence of a note) records no work: its value left
    empty ("Done: -"), a placeholder ("Notes: working on it", "assigned"), or one word that
    names a state and no work done ("Shift: days", "Handover: closed"; "Done: rebooted" is
    work)."""
    label = _FIELD_LABEL.match(field)
    value = field[label.end() :] if label else field
    if _EMPTY_VALUE.match(value):
        return True
    if is_placeholder(value):
        return True
    said = words(value)
    return bool(label) and len(said) == 1 and said[0] in _STATE_VALUES


@text_memo
def template_placeholder(note: str) -> bool:
    """A work note that records no work once read by its parts (LABELLING.md: placeholders):
    the writer's signed time taken off ("0910 TP: working on it."), the lines of a pasted
    triage script left out when the desk wrote its own beside them ("Q: ... A: ..." then
    "Notes: assigned to myself"), then every field of its template or sentence of its own
    empty or a placeholder ("Status: WIP | Done: - | Outstanding: -", "assigned. wip.")."""
    text = _SIGNED_TIME.sub("", note_body(note))
    own = _SCRIPT_LINE.sub("", text)
    if own.strip():
        text = own
    if is_placeholder(text):
        return True
    fields = [f for f in _FIELD_SEPARATOR.split(text.strip()) if f.strip()]
    pieces = [s for f in fields for s in re.split(r"(?<=[.!;])[ \t]+", f) if s.strip()]
    return bool(pieces) and all(_empty_or_placeholder_field(p) for p in pieces)


def written_notes(ticket: Ticket, entries) -> list:
    """The notes that are not known placeholders (read whole or by their parts:
    `template_placeholder`), nor too short, nor a copy of a comment."""
    copied = comment_texts(ticket)
    return [
        e
        for e in entries
        if len((body := note_body(e.text)).split()) >= MIN_SUBSTANTIVE_WORDS
        and not is_placeholder(e.text)
        and not template_placeholder(e.text)
        and not (copied and " ".join(words(body)) in copied)
    ]


def substantive_notes(ticket: Ticket, written) -> list:
    """Of `written_notes`, those that hold a sentence of the desk's own that may record work
    (tqrs.rules.note_parts: not a chat's bot or caller, a form's fields, a linked article, a
    request, a hand-off, a plan or the issue relayed). A written note with none is left to the
    judge by the rule (it may still record work in words the parts do not know)."""
    opening = _words_of_opening(f"{ticket.short_description} {ticket.description}")
    return [
        e
        for e in written
        if work_sentences(
            note_body(desk := desk_text(e.text, e.author)), opening, pasted=desk != e.text
        )
    ]
