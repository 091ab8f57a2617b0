"""The user written of by a role, not a name: a desk that writes in the third person calls
the caller by what they are ("the EU", "the reporter"), or by the role the description gives
the person who raised the ticket ("Raised by the billing operations lead" ... "The lead
confirmed ..."; "Meter reader dropped his handheld" ... "Reader confirmed ..."), the role whose
own device or account failed ("the senior associate's handheld"), the title written before the
caller's name ("Volunteer coordinator Ruth Amberley: ..."), and the role a note's validation
line names as the one validated ("GS Supervisor validated: crew ID ..."). Those words, read as
"the caller", let the confirmation readings read their subject as the user's side."""

import re

from tqrs.rules.caller_words import EU, SHORTHAND, one_of
from tqrs.rules.literals import any_of
from tqrs.rules.patterns import Caseless, required_strings
from tqrs.rules.text import text_memo

# Words for the user that a desk's shorthand uses (caller_words.SHORTHAND), in any case: the
# end user, the reporter. "EU" only as a subject or alone, not before a noun it qualifies
# ("EU TECH SUPPORT", "EU servers": the region).
_USER_ROLE = re.compile(
    rf"(?<![\w-])(?:the\s+)?(?:{one_of(SHORTHAND)}|{EU}(?=\s*(?:[.,;:)!?]|$)|\s+(?:[a-z]+ed|"
    r"is|was|has|had|can|could|now|then|also|says|said|confirms|reports|replies|advises)\b))"
    r"(?![\w-])",
    re.I,
)

# Up to three lower-case words before a role's head, the head itself: a role, not a name.
_ROLE = r"(?P<role>(?:[a-z][a-z-]+\s+){0,3}[a-z][a-z-]{2,})"
# The description naming who raised the ticket by a role: after "raised/reported/requested
# by (the)", or as the subject of a sentence's verb of reporting or of the user's trouble
# ("The executive assistant reports ...", "Meter reader dropped his handheld ..."): verbs only
# a person does (a laptop "asks for" a key, offices "cannot see" a page, a panel "says" a room
# is free), and "reports" with its "that" (a noun otherwise: "the sales reports").
_RAISED_BY = Caseless(
    r"\b(?:raised|reported|requested|logged|submitted|called in|sent in|approved)\s+by\s+"
    # the role ends its clause: "requested by the line manager two days ago" names none
    rf"(?:the\s+|our\s+|their\s+|a\s+|an\s+){_ROLE}(?=\s*(?:[.,;:!?()\n]|$))"
)
_ROLE_SUBJECT = re.compile(
    r"(?:^|[.!?]\s+|'s\s+|\b[Tt]he\s+|\b[Oo]ur\s+)"
    r"(?P<role>(?:[A-Za-z][a-z-]+\s+)?(?:[a-z][a-z-]+\s+){0,2}[a-z][a-z-]{2,})\s+"
    r"(?:reports that|(?:dropped|left|lost|broke) (?:his|her|their))\b"
)
_A_ROLE_SUBJECT = any_of(required_strings(_ROLE_SUBJECT.pattern))  # in its every match
# The description naming the affected user by a role as the owner of what failed: a role's
# possessive before a device or account of one person's ("the Master's (VIP list) laptop",
# "the senior associate's VoxBrief handheld recorder", "Trainee's password"), up to three words
# (or a bracket) between. The owner is the affected user, whose word is the user's (LABELLING.md,
# U3); a place's or a system's possessive names no person ("the hotel's phones", "the
# server's disk") and is left out by its head below.
_OWNED = (
    r"laptop|notebook|pc|desktop|computer|workstation|ipad|tablet|phone|iphone|mobile|handheld|"
    r"recorder|dictaphone|headset|account|mailbox|inbox|calendar|password|login|profile"
)
_OWNER = Caseless(
    r"(?:^|[.!?:]\s+|\b[Tt]he\s+|\b[Oo]ur\s+)"
    r"(?P<role>(?:[A-Za-z][a-z-]+\s+){0,3}[A-Za-z][a-z-]{2,})'s\s+"
    r"(?:\([^()\n]{1,40}\)\s+)?(?:[\w-]+\s+){0,3}?"
    rf"(?:{_OWNED})s?\b"
)
# Heads that are no person: what a system or a form does.
_NOT_A_PERSON = frozenset(
    "system tool alert alarm monitor monitoring job script scan check process service server "
    "integration automation bot rule event batch email mail form portal ticket call panel "
    "screen display page log error message device app dashboard report user users caller "
    "customer issue problem request incident below".split()
)
# Heads of an owner that are a place or a body, no one person: their phones and accounts are
# shared ("the hotel's phones", "the practice's mailbox").
_NOT_AN_OWNER = frozenset(
    "company firm business practice school college university hospital ward clinic hotel ship "
    "office building site branch store shop team department group desk room reception kitchen "
    "council trust charity club vessel fleet".split()
)
# Articles and possessives before a role, left out of it.
_ARTICLES = frozenset("the a an our their his her its".split())
# Words no role holds: a clause's own words ("If this was reported by a user").
_NOT_ROLE_WORDS = frozenset(
    "was were is are be been being has have had if this that these those it which who whom "
    "when where there and or not also then since today they he she we you".split()
)


@text_memo  # an opening read again (a ticket scored again, under another rubric)
def reporter_roles(description: str) -> tuple[str, ...]:
    """The roles (their words, lower case) the description gives the person who raised it."""
    if description.isupper():  # a description in capitals: its words read as any other's
        description = description.lower()
    found = []
    # each pattern read only where a string its every match holds is (Caseless's own test;
    # _ROLE_SUBJECT, case-sensitive, by _A_ROLE_SUBJECT): most openings hold none
    subject = _A_ROLE_SUBJECT.search(description) is not None
    for pattern in (_RAISED_BY, _ROLE_SUBJECT, _OWNER):
        if pattern is _ROLE_SUBJECT and not subject:
            continue
        for m in pattern.finditer(description):
            not_heads = _NOT_A_PERSON | _NOT_AN_OWNER if pattern is _OWNER else _NOT_A_PERSON
            found.append(_role(m["role"], not_heads))
    return tuple(dict.fromkeys(filter(None, found)))


def _role(words: str, not_heads: frozenset[str]) -> str:
    """`words` as a role, lower case, its articles left out; "" for no person's role (a head of
    `not_heads`, a clause's own word)."""
    parts = words.lower().split()
    while parts and parts[0] in _ARTICLES:
        parts.pop(0)
    if not parts or parts[-1] in not_heads or _NOT_ROLE_WORDS & set(parts):
        return ""
    return " ".join(parts)


# A note's validation line naming whom the desk validated, by a role or a name, as its subject
# with the evidence after it ("GS Supervisor validated: crew ID ...", "Company Secretary
# verified (staff no + manager)", "Steward validated by call-back ..."): the one validated is
# the caller. The subject starts with a capital, as a line's subject does ("project
# availability verified with ..." names no one), and is no "As" ("As validated by ..."). Not where the verb has an object ("Engineer validated EU: ...": the engineer
# did the validating) or ends its sentence ("Restore point verified.": no evidence, a check).
_VALIDATED = re.compile(
    r"(?:^|[-:.;]\s+|->\s*)"
    r"(?P<role>[A-Z][A-Za-z-]+(?:\s+[A-Za-z][A-Za-z-]+){0,3})\s+(?:is\s+|was\s+)?"
    r"(?:validated|verified)(?=\s*(?:[:(]|-|by\b|with\b|via\b|using\b|against\b))",
    re.M,
)
# Subjects of a validation line that are no person: what was checked.
_NOT_VALIDATED_PERSON = frozenset("id identity number details account code pin caller as".split())


def validated_roles(notes: str) -> tuple[str, ...]:
    """The roles or names (lower case) the notes' validation lines give the one validated."""
    not_heads = _NOT_A_PERSON | _NOT_VALIDATED_PERSON
    found = (_role(m["role"], not_heads) for m in _VALIDATED.finditer(notes))
    return tuple(dict.fromkeys(filter(None, found)))


# Words that end no role before a name: a clause's or a channel's ("Call from", "Reported by",
# "Protect on", "saying she is"), cut off with what comes before them.
_BEFORE_A_ROLE = frozenset(
    "from by on for in to at as of with via since today yesterday when please give reporting "
    "raised reported logged opened submitted approved saying call phone email e-mail chat "
    "self-service walk-in portal request message the a an his her their our is was".split()
)
# Heads that name the desk's own staff as often as the caller ("Engineer Priya Chaudhry"; "the
# engineer replaced the board"): left as they are.
_DESK_HEADS = frozenset("analyst technician tech engineer agent".split())
_TITLE_OF_NAME = re.compile(r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s+)?$")
# The name as a clause's subject, its title before it in apposition: a colon or comma after it,
# or a verb of reporting or of the trouble. Not the object of a request ("Add Jane Doe to the
# group", "Replace Jane Doe (P0328) with ...": the verb before the name is no title).
_NAME_AS_SUBJECT = re.compile(
    r"\s*(?:[:,]|\s(?:reports?|says|said|cannot|can't|can not|is|was|has|had|needs|called|"
    r"rang|phoned|asked|wants|could|couldn't|emailed|wrote|states)\b)"
)


def caller_titles(description: str, caller: str) -> tuple[str, ...]:
    """The role (lower case) the description writes before the caller's full name, as a title
    in apposition ("Volunteer coordinator Ruth Amberley: ...", "Chief Executive Dr Miriam
    Okafor cannot ..."): the caller's own role, by which a note may name them."""
    name = " ".join(caller.split())
    if len(name.split()) < 2 or not name.replace(" ", "").replace("-", "").isalpha():
        return ()
    found = []
    for m in re.finditer(r"\b" + r"\s+".join(map(re.escape, name.split())), description):
        if not _NAME_AS_SUBJECT.match(description, m.end()):
            continue
        before = description[: m.start()]
        before = before[: _TITLE_OF_NAME.search(before).start()]
        words = re.findall(r"[A-Za-z][A-Za-z-]*|[^\sA-Za-z]", before)[-3:]
        parts = []
        for w in reversed(words):
            if not w[0].isalpha() or w.lower() in _BEFORE_A_ROLE:
                break
            parts.insert(0, w)
        role = _role(" ".join(parts), _NOT_A_PERSON | _DESK_HEADS)
        if len(role.rpartition(" ")[2]) > 2:
            found.append(role)
    return tuple(dict.fromkeys(found))


def roles_read(read: str, roles: tuple[str, ...]) -> str:
    """`read` with the user's role words read as "the caller": a word of the desk's for the
    user, or a role of `roles` by its head, with any of its other words before it ("the depot
    supervisor", "Supervisor"), in any case."""
    if _USER_ROLE.search(read):
        read = _USER_ROLE.sub("the caller", read)
    for role in roles:
        *modifiers, head = role.split()
        if head not in read.lower():
            continue
        before = "".join(rf"(?:{re.escape(w)}\s+)?" for w in modifiers)
        pattern = rf"(?<![\w-])(?:the\s+)?{before}{re.escape(head)}(?![\w-])(?!'s)"
        read = re.sub(pattern, "the caller", read, flags=re.I)
    return read
