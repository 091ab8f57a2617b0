"""The user written of by a role, not a name: a desk that writes in the third person calls
the caller by what they are ("the EU", "the reporter"), or by the role the description gives
the person who raised the ticket ("Raised by the billing operations lead" ... "The lead
confirmed ..."; "Meter reader dropped his handheld" ... "Reader confirmed ..."). Those words,
read as "the caller", let the confirmation readings read their subject as the user's side."""

import re

from tqrs.rules.caller_words import EU, SHORTHAND, one_of

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
_RAISED_BY = re.compile(
    r"\b(?:raised|reported|requested|logged|submitted|called in|sent in|approved)\s+by\s+"
    # the role ends its clause: "requested by the line manager two days ago" names none
    rf"(?:the\s+|our\s+|their\s+|a\s+|an\s+){_ROLE}(?=\s*(?:[.,;:!?()\n]|$))",
    re.I,
)
_ROLE_SUBJECT = re.compile(
    r"(?:^|[.!?]\s+|'s\s+|\b[Tt]he\s+|\b[Oo]ur\s+)"
    r"(?P<role>(?:[A-Za-z][a-z-]+\s+)?(?:[a-z][a-z-]+\s+){0,2}[a-z][a-z-]{2,})\s+"
    r"(?:reports that|(?:dropped|left|lost|broke) (?:his|her|their))\b"
)
# Heads that are no person: what a system or a form does.
_NOT_A_PERSON = frozenset(
    "system tool alert alarm monitor monitoring job script scan check process service server "
    "integration automation bot rule event batch email mail form portal ticket call panel "
    "screen display page log error message device app dashboard report user users caller "
    "customer issue problem request incident below".split()
)
# Articles and possessives before a role, left out of it.
_ARTICLES = frozenset("the a an our their his her its".split())
# Words no role holds: a clause's own words ("If this was reported by a user").
_NOT_ROLE_WORDS = frozenset(
    "was were is are be been being has have had if this that these those it which who whom "
    "when where there and or not also then since today they he she we you".split()
)


def reporter_roles(description: str) -> tuple[str, ...]:
    """The roles (their words, lower case) the description gives the person who raised it."""
    if description.isupper():  # a description in capitals: its words read as any other's
        description = description.lower()
    found = []
    for pattern in (_RAISED_BY, _ROLE_SUBJECT):
        for m in pattern.finditer(description):
            parts = m["role"].lower().split()
            while parts and parts[0] in _ARTICLES:
                parts.pop(0)
            if parts and parts[-1] not in _NOT_A_PERSON and not _NOT_ROLE_WORDS & set(parts):
                found.append(" ".join(parts))
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
