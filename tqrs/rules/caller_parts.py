"""Caller validation read by its parts: a validation is a METHOD, or FACTS matched against a
record, whatever the words around them (LABELLING.md, Logging audit rule 2). Each part is one
small class of words, defined once here; tqrs.rules.caller combines them per sentence of a
normalised line (its negations, failed and planned checks read as before):
- a call made back to the caller on a contact point (number, extension, mobile) whose source
  is written (RECORD_SOURCE): "rang her back on her desk extension from the phone sheet", "called
  back on the mobile held in Workday", "phoned him back on his registered number" (soclogix.com:
  call the user back on a number on file, not one the caller gives);
- two or more identity facts (IDENTITY_FACT, one of them no public fact) matched against a record
  (MATCHED_AGAINST): "staff number and date of birth as held in HR", "payroll no + DOB agreed with
  the personnel file", "clock number and line manager matched";
- a call-back made (its number's source unwritten) in which two such facts were given: "thanks
  for taking my call back on your mobile, and for your membership number and date of birth";
- a one-time code sent to a contact point or address whose source is written, given back:
  "read back the code from the text we sent to her mobile on file";
- the caller's manager reached on a number whose source is written, confirming who is
  calling: "his manager, on her number from the directory, confirmed it was him".
A check only promised, asked for, needed or pending is none (planned), whatever its parts.
"""

import re

from tqrs.rules.literals import any_of
from tqrs.rules.patterns import required_strings
from tqrs.rules.text import find_affirmed

# Where an organisation keeps a person's details: a list, sheet, directory, register, an HR, AD
# or CRM system, a record or file, named or not ("the phone sheet", "Sage HR", "our member
# database", "the GAL", "on file").
_RECORD_NOUN = (
    r"(?:records?|files?|lists?|sheets?|spreadsheets?|book|directory|register|registry|roster|"
    r"rota|database|db|system|profile|account|hr|ad|active directory|crm|ldap|gal|"
    r"global address list|address book|intranet|workday|payroll|personnel)"
)
RECORD_SOURCE = (
    r"(?:on (?:file|record)|of record|"
    r"(?:(?:the|our|their|its|his|her|your|[\w-]+'s) )?(?:[\w'&.-]+ ){0,3}?" + _RECORD_NOUN + r")"
)
# A number the caller can be reached on.
CONTACT_POINT = (
    r"(?:(?:phone |mobile |cell |extension |ext |contact |desk |direct )?(?:number|no)|mobile|"
    r"cell(?:phone)?|extension|ext|(?:land|desk |direct )?line|(?:desk )?phone|handset)"
)
# A contact point with its value, if written ("ext 3120", "mobile (ends 551)").
_POINT = CONTACT_POINT + r"\b(?: [\w#-]*\d[\w-]*)?"
# How a call-back names its number's source: after it ("from the phone sheet", "(phone sheet)",
# "per Workday"), any name after a verb of keeping ("held in BeetCall", "held against G-0881",
# "listed in Sage"), or before it ("his registered mobile", "the directory number").
_SOURCE_AFTER = (
    r"(?:(?:\(|(?:from|in|on|per|off|via|against|according to|out of) )" + RECORD_SOURCE + "|"
    r"(?:as |that is |which is )?(?:held|kept|listed|recorded|stored|shown|given|taken|looked up|"
    r"pulled) (?:from|in|on|against|out of) (?:[\w'&.-]+ ){0,2}[\w'&.-]+)"
)
_SOURCE_BEFORE = r"(?:registered|listed|recorded|directory|hr|on-file|known|official|registry)"
# A call made back to the caller, in the desk's voice or thanked for in a reply ("rang Fiona
# back", "called back", "a call-back", "returned her call", "taking my call back"). A caller who
# "rang back" is the caller phoning again (caller._CALLED_IN reads that apart).
_BACK = (
    r"(?:call(?:ed|ing|s)?[- ]?back|(?:called|rang|rung|phoned|ringing|calling|phoning)"
    r"(?: [\w'-]+){0,2}? back|return(?:ed)? (?:the |his |her |their |your |my )?(?:phone )?call)\b"
)
# or a call out to a number whose source is written ("rang the bridge on the number in the
# vessel register": audit rule 2, "whether or not the note says why it rang")
# or a call out told as the means of the check ("verified by ringing the mobile held in
# Workday", "confirmed it was him after calling his extension from the GAL"); a caller
# "calling from" a number is caller display, not a call the desk made (rule 3)
CALL_BACK = (
    rf"(?:{_BACK}|(?:called|rang|rung|phoned|dialled|dialed)\b|"
    r"(?:by|after|through|via) (?:calling|ringing|phoning|dialling|dialing)\b)"
)
_SOURCED_POINT = (
    rf"(?:{_SOURCE_BEFORE} (?:[\w'-]+ )?{CONTACT_POINT}\b|{_POINT}(?: back)?,? {_SOURCE_AFTER})"
)
SOURCED_CALL = re.compile(
    # the call, then the number it went to, on it or as its object ("rang him back on the
    # mobile from the phone sheet", "called back pellet plant ext 3410 from the list")
    rf"\b{CALL_BACK}(?: [\w'-]+){{0,5}}? (?:(?:on|to|at|via|using) )?(?:[\w'-]+ ){{0,4}}?"
    rf"{_SOURCED_POINT}|"
    # or the number first ("kiln control ext 3120 rung back (list)")
    rf"\b{_POINT} (?:was )?{CALL_BACK},? {_SOURCE_AFTER}"
)
# (the call-back proper: a caller who "called" gave the facts on a call of their own)
MADE_CALL_BACK = re.compile(rf"\b{_BACK}")
# A one-time code sent to a contact point or an address whose source is written, and given
# back (LABELLING.md, Logging audit rule 2: "a one-time code sent to a registered mobile or
# address and read back"; td.usnh.edu KB 4947): "read back the code from the text we sent to
# her mobile on file", "provided the 6-digit code sent to their phone on record", "the code
# e-mailed to the personal address held in Workday, which she gave back".
_CODE = r"(?:(?:one-time|verification|security|sms|text|\d-digit|six-digit) )?(?:pass)?code|otp"
_ADDRESS = r"(?:(?:personal |private |home )?e-?mail(?: address)?|address)"
SOURCED_CODE = re.compile(
    rf"\b(?:{_CODE})\b(?: [\w'-]+){{0,8}}? (?:to|on|at|via) (?:[\w'-]+ ){{0,3}}?"
    rf"(?:{_SOURCED_POINT}|{_ADDRESS},? {_SOURCE_AFTER}|{_SOURCE_BEFORE} (?:[\w'-]+ )?{_ADDRESS})"
)
_GIVEN_BACK = re.compile(
    r"\b(?:read(?:ing)? (?:(?:it|the code|them|the digits|me|us|him|her) ){0,2}back|provided|gave|given|entered|"
    r"quoted|repeated|supplied|typed|confirmed|correct|matched|verified)\b"
)
# The caller's manager reached on a number whose source is written, saying who is calling
# (LABELLING.md, Logging audit rule 2: "manager verification on a number on record"; not an
# approval of the reset, rule 3): "his manager, on her number from the directory, confirmed it
# was him", "verified with the caller's manager by phone on the manager's listed extension".
_MANAGER = r"(?:(?:line |duty |shift |site |team )?(?:manager|supervisor)|team lead(?:er)?)"
MANAGER_ON_RECORD = re.compile(
    rf"\b{_MANAGER}\b[^.;]{{0,80}}?{_SOURCED_POINT}|{_SOURCED_POINT}[^.;]{{0,40}}?\b{_MANAGER}\b"
)
_VOUCHED = re.compile(
    r"\bvouched\b|\b(?:confirmed|verified|validated|identified)\b(?: (?:that|with|the "
    r"caller'?s?|the user'?s?|his|her|their))?(?: (?:identity|it (?:was|is)|him|her|them|the "
    r"caller|the user)\b| (?:the )?(?:caller'?s?|user'?s?) (?:line )?manager\b)"
)
# What a person can be asked that the organisation's record holds. Public facts (a manager's
# name, a job title, an address or postcode, a start date: PUBLIC_FACT) count only beside
# a fact that is not public.
IDENTITY_FACT = re.compile(
    r"\b(?:(?:clock|employee|staff|payroll|student|badge|personnel|contractor|crew|member|"
    r"membership|works|service|pension|customer|account|patient|national insurance|ni|"
    r"payslip|matriculation|enrolment|enrollment|contract|policy|licen[cs]e|account) "
    r"(?:id|number|no|#)|"
    # an identifier's name with its value ("payroll 31764", "emp TLM012"), not a year
    # ("the payroll 2026 run")
    r"(?:clock|employee|emp|staff|payroll|student|badge|personnel|member|membership|works) "
    r"(?=(?!(?:19|20)\d\d\b)[\w#-]*\d)|"
    r"employee id|staff id|nuid|date of birth|birth ?date|birthday|last (?:4|four)(?: digits)?|"
    r"mother'?s maiden name|memorable (?:word|date|place|name)|security (?:questions?|answers?)|"
    r"secret questions?|(?:line )?(?:manager|supervisor)(?:'s name)?|job title|"
    r"(?:home |permanent )?address|post ?code|zip(?: code)?|start date|hire date)\b"
)
# Facts anyone in the building, or a stranger, can find (LABELLING.md, Logging audit rule 3):
# a check only beside a fact the records hold. Read with fullmatch, here and by caller.
PUBLIC_FACT = re.compile(
    r"(?:line )?(?:manager|supervisor)(?:(?:'s)? name)?|job title|"
    r"(?:home |permanent )?address(?: on file)?|post ?code|zip(?: code)?|start date|hire date"
)
# Facts said to agree with a record, named or not ("as held in Sage HR", "matched", "agreed with
# the personnel file", "= HR", "checked against Workday", "both correct per the roster").
MATCHED_AGAINST = re.compile(
    r"\b(?:as (?:held|kept|recorded|listed|shown|stored) (?:in|on|by|against)|"
    r"as (?:in|on|per) |match(?:es|ed|ing)?|tall(?:y|ies|ied) with|agree[ds]?|agreed|"
    r"(?:the )?same as|consistent with|in line with|correspond(?:s|ed)? (?:to|with)|"
    r"(?:checked|verified|confirmed|compared|validated) (?:against|with|in|on)|"
    r"correct(?:ly)?|on (?:file|record)|vs|versus|against|"
    # the result said after the facts ("DOB ok", "both right")
    r"ok|okay|right|good|fine)\b|"
    r"=\s*(?:hr|ad|record|file|on file|ok|okay|match|correct)\b"
)


# Facts asked for, not given ("please give your staff number and DOB so we can check them
# against HR", "will need his payroll no and DOB"): a request or a plan checks nobody.
_ASKED = re.compile(
    r"\b(?:please|pls|need(?:ed|s)?|can you|could you|will|would|so (?:that|we|i)|to be|"
    r"ask(?:ed|ing)? (?:for|him|her|them|the caller|you)|request\w*|require[ds]?|if)\b"
)


def _facts(text: str) -> set[str]:
    """The distinct identity facts `text` names, when at least two, one not public, and not
    asked for (_ASKED)."""
    if not _A_FACT.search(text):
        return set()  # one scan for the strings every fact holds: most lines hold none
    facts = {m.group() for m in IDENTITY_FACT.finditer(text)}
    if len(facts) < 2 or _ASKED.search(text) or all(PUBLIC_FACT.fullmatch(f) for f in facts):
        return set()
    return facts


# A check promised, needed, asked for or pending is no check done (LABELLING.md, Logging audit
# rule 3: a method is a check done; rule 9's "a promise does not count"), whatever its method:
# "will ring her back on the number on file", "need to verify via a callback to the registered
# mobile", "identity must be verified via callback", "asked the caller to approve a Duo push",
# "callback to verify identity pending", "validation required before any reset". Read by its
# parts: a word of planning in the four words before the check (in its clause) or a word of
# waiting just after it, and a verb of checking in its bare form, which instructs or gives a
# purpose ("to verify", "please validate", "confirm the caller's identity") and never records
# a check (public password-reset SOPs write the step as "Verify the caller's identity by ...";
# the note that records it writes "verified").
_PLAN = (
    # "will" shortened too ("I'll check her staff number", "we'll ring back")
    r"(?:will|\w+'ll|shall|to be|going to|needs? to|needed to|must|should|has to|have to|please|pls|"
    r"asked (?:[\w'-]+ ){0,2}?to|wants? (?:[\w'-]+ )?to|would like (?:[\w'-]+ )?to|"
    r"in order to|pending|awaiting)"
)
_PLANNED_BEFORE = re.compile(rf"\b{_PLAN} (?:[\w'/&+-]+ ){{0,4}}$")
# a call or message to be made, "to" right before its verb ("caller to call back"), not the
# preposition before a thing ("answers to security questions")
_TO_MAKE = re.compile(r"(?:call|ring|phone|dial|text|send|ask)\b")
_WAITING_AFTER = re.compile(
    r"[^.;:,!?\n]{0,30}?\b(?:pending|required|requested|needed|to follow|outstanding|"
    r"not yet done|to be done)\b"
)
# (not the app's name: "Okta Verify push approved")
_BARE = r"(?:(?<!okta )verify|validate|authenticate|confirm)\b"
# A bare verb of checking given as a purpose or an instruction: after "to" or opening its
# clause ("to verify", "SOP: verify the caller by ..."), and what it checks ("to verify
# identity by callback"); a writer's "Sanjay validate by Authenticator" has a subject and
# records the check in a non-native past.
_INSTRUCTED = r"(?:\A\W*|\bto (?:[\w'-]+ )?)"
_BARE_HERE = re.compile(rf"{_INSTRUCTED}\Z")
_BARE_BEFORE = re.compile(rf"{_INSTRUCTED}{_BARE} (?:[\w'-]+ ){{0,2}}\Z")


def planned(sentence: str, start: int, end: int) -> bool:
    """Whether the check at `sentence[start:end]` is promised, needed, asked for or waited
    on (_PLANNED_BEFORE in its clause, _WAITING_AFTER), or is a verb of checking in its bare
    form given as a purpose or an instruction, or what such a verb checks: no record of a
    check done."""
    clause = max(sentence.rfind(mark, 0, start) for mark in ",;:(") + 1
    before = sentence[clause:start]
    return bool(
        _PLANNED_BEFORE.search(before)
        or (before.endswith(" to ") and _TO_MAKE.match(sentence, start))
        or (re.match(_BARE, sentence[start:end]) and _BARE_HERE.search(before))
        or _BARE_BEFORE.search(before)
        or _WAITING_AFTER.match(sentence, end)
    )


# A word every call of CALL_BACK holds: a sentence without one is not searched for a call.
_CALL_WORDS = ("call", "rang", "rung", "ring", "phon", "dial")


def _a_call(sentence: str) -> bool:
    return any(map(sentence.__contains__, _CALL_WORDS))


def sourced_call(sentence: str) -> re.Match | None:
    """A call made back to the caller on a number whose source `sentence` writes."""
    return SOURCED_CALL.search(sentence) if _a_call(sentence) else None


def facts_matched(sentence: str) -> re.Match | None:
    """The first identity fact of `sentence` when it names two (one not public) and says they
    matched a record; else None."""
    if not _facts(sentence) or not MATCHED_AGAINST.search(sentence):
        return None
    return IDENTITY_FACT.search(sentence)


def facts_on_call_back(sentence: str) -> re.Match | None:
    """The call-back of `sentence` when it also names two identity facts (one not public):
    the facts were given on the call the desk made; else None."""
    if not _a_call(sentence) or not _facts(sentence):
        return None
    return MADE_CALL_BACK.search(sentence)


# The words a code's sentence (code_given_back) and a manager's (manager_vouched) hold.
_CODE_WORDS = ("code", "otp")
_MANAGER_WORDS = ("manager", "supervisor", "lead")


def code_given_back(sentence: str) -> re.Match | None:
    """The code of `sentence` sent to a contact point or address whose source it writes
    (SOURCED_CODE), when the sentence also says it was given back, not negated; else None."""
    if not any(map(sentence.__contains__, _CODE_WORDS)):
        return None
    m = SOURCED_CODE.search(sentence)
    return m if m and find_affirmed(_GIVEN_BACK, sentence) else None


def manager_vouched(sentence: str) -> re.Match | None:
    """The manager of `sentence` reached on a number whose source it writes (MANAGER_ON_RECORD),
    when the sentence says who was calling was confirmed (_VOUCHED, not negated); else None."""
    if not any(map(sentence.__contains__, _MANAGER_WORDS)):
        return None
    m = MANAGER_ON_RECORD.search(sentence)
    return m if m and find_affirmed(_VOUCHED, sentence) else None


def composed(sentence: str) -> re.Match | None:
    """Where `sentence` (normalised) documents a validation by its parts (the module's three
    combinations), or None; negations, failures and plans are the caller rule's to read."""
    if not _A_PART.search(sentence):
        return None  # one scan: a sentence without any part's words holds no combination
    return (
        sourced_call(sentence)
        or facts_matched(sentence)
        or facts_on_call_back(sentence)
        or code_given_back(sentence)
        or manager_vouched(sentence)
    )


# The strings one of which every match of IDENTITY_FACT holds, and those one of which every
# sentence `composed` finds a combination in holds (each combination's call, fact, code or
# manager), each tested in one scan (tqrs.rules.literals): most lines of a journal hold none,
# and the parts' patterns ran over every line first seen (a fifth of caller validation's time
# on real journals).
_A_FACT = any_of(required_strings(IDENTITY_FACT.pattern))
_A_PART = any_of(
    required_strings(SOURCED_CALL.pattern)
    | required_strings(IDENTITY_FACT.pattern)
    | {*_CODE_WORDS, *_MANAGER_WORDS}
)
