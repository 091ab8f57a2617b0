"""A password reset or account unlock read by its parts: an ACTION on access beside the ACCESS
OBJECT it acts on, whatever the words around them (LABELLING.md, Logging audit rule 7: "reset a
password, unlocked or re-enabled an account, released the lock or set a temporary or initial
password, in any words or voice"). Each part is one small class of words, defined once here, in
the words of public procedures (Microsoft's Active Directory "Reset Password", "Unlock the
user's account", "User must change password at next logon"; Okta's "Reset Password", "Unlock
people", "temporary password"; Google Workspace's "reactivate a suspended user"; service-desk
password-reset and account-unlock SOPs: "issue a temporary password", "clear the lockout",
"re-enable the account"). tqrs.rules.critical combines them per sentence of normalised text
(shorthand spelled out: "acct", "pwd", "pw"), in either order, so the passive reads as the
active ("AD acct unlocked", "temp pwd issued"); its negations, plans, requests and look-alikes
(a service account, a PDF, a BitLocker key) are read there as before.

Three combinations, each an action and its object at most four words apart:
- a password action on a password: "reset her domain password", "issued a temp pwd",
  "new credentials provided", "changed the user's password in AD";
- an unlock action on an account, named as such, by its user or by the directory it is kept
  in: "unlocked the user's AD acct", "re-enabled the disabled account", "unlocked jsmith in
  ADUC" (an account set back to active after a season is no unlock);
- a lock cleared: "cleared the lockout in AD", "lockout removed", "lifted the suspension".
What is not this process (rule 7): an MFA factor reset or re-registration ("Reset MFA for her
account", "Authenticator re-registered": an MFA word inside the match leaves it unread,
MFA_FACTOR) and the person's own change ("reset her own password"). In the opening, the
STATE of what a person signs in with says what the ticket is about: "acct blocked",
"forgotten her network credentials", "pwd for SAP has expired".
"""

import re
from collections.abc import Iterator

# What a person signs in with: a password by any name, qualified or not ("domain password",
# "network pwd", "login details"); a PIN or a device passcode is a device's (LABELLING.md,
# look-alikes: a SIM's PUK, a keyboard lock) and stays out.
PASSWORD = (
    r"(?:pass ?words?|passphrases?|credentials|log-?in details|log-?on details|"
    r"sign-?in details)"
)
# What a person's access is held as ("AD account", "network login", "user ID").
ACCOUNT = r"(?:accounts?|log-?ins?|log-?ons?|sign-?ins?|user ?ids?|usernames?)"
# Where accounts are kept, named for the account in a terse note ("unlocked in ADUC", "jsmith
# unlocked in AD", "unlocked via SU01"): the directory and the consoles that unlock
# (Microsoft's Active Directory Users and Computers, Entra ID, Okta admin, SAP's SU01).
STORE = (
    r"(?:ad|aduc|active directory|entra(?: id)?|azure ad|aad|okta(?: admin)?|ldap|su01|"
    r"user admin\w*|admin console|identity (?:portal|console)|directory)"
)
# The lock on an account, as admin consoles name it ("Account is locked out", "suspension"),
# not a record's or a file's lock (SAP's lock entries, a workbook).
LOCK = (
    r"(?:lock-?outs?|(?:account|user|login|ad|domain|okta) locks?|suspension|"
    # the locked thing named for its lock ("locked account released", "released the locked
    # AD account")
    r"locked (?:(?:ad|domain|network|okta) )?(?:accounts?|users?|log-?ins?))"
)
# A password made anew by the desk: reset or changed in the directory, or a new or temporary
# one handed over ("issued a temp pwd", "new credentials provided": for the verbs that also
# hand over an existing password, the adjective is required). "changed" only in the desk's
# active voice ("changed her password in AD"): "password changed last week" is a cause.
_RENEW = r"(?:re-?set(?:ting)?|changed|regenerated|re-?issued)"
_RENEWED = r"(?:re-?set|regenerated|re-?issued)"
_NEW = r"(?:new|temp|temporary|initial|one-time|fresh|replacement)"
_HANDED = r"(?:issued|generated|provided|given|gave|set|sent|assigned|supplied|read out)"
# An account opened again: unlocked, re-enabled, unblocked, unsuspended (an account set back
# to active after a season's deactivation is no unlock: tune INC2045012, N/A).
UNLOCK = r"(?:unlock(?:ed|ing)?|re-?enabled?|unblock(?:ed)?|un-?suspended)"
# A lock taken off: cleared, removed, lifted, released, reset.
CLEAR = r"(?:clear(?:ed|ing)?|removed?|lift(?:ed)?|release[ds]?|re-?set)"
# An MFA factor: its reset or re-registration is no password reset (rule 7).
MFA_FACTOR = re.compile(
    r"\b(?:mfa|2fa|multi-?factor|two-?factor|2-?step|authenticator|tokens?|security keys?|"
    r"yubikey|smart ?cards?|duo|okta verify|passkeys?|otp|tap|temporary access pass|"
    r"factors?|bitlocker|recovery keys?)\b"
)
_GAP = r"(?:[\w'.()/-]+ ){0,4}?"  # at most four words between an action and its object
_NEAR = r"(?:[\w'.-]+ ){0,2}?"  # at most two between a state and its object
_BE = r"(?:(?:was|were|is|are|has|have|had|been|now|got|successfully|then|also) )*"

RESET_BY_PARTS = re.compile(
    # the action first: "reset her domain password", "unlocked the user's AD account",
    # "cleared the lockout", "issued a temporary password"
    rf"\b{_RENEW} {_GAP}{PASSWORD}\b|"
    rf"\b{_HANDED} {_GAP}{_NEW} {_GAP}{PASSWORD}\b|"
    rf"\b{UNLOCK} {_GAP}{ACCOUNT}\b|"
    # an unlock with its account named by the user or the place it is kept ("unlocked
    # Acturis user zpatel", "unlocked cdobson in AD", "unlocked in ADUC")
    rf"\b{UNLOCK} (?:[\w.'-]+ )?users?\b|"
    rf"\b{UNLOCK} (?:[\w.'-]+ )?(?:in|via|through|from|using) (?:the )?{STORE}\b|"
    rf"\b{CLEAR} {_GAP}{LOCK}\b|"
    # the object first, the action after it, in the passive or a note's shorthand: "AD acct
    # unlocked", "domain password reset", "temp pwd issued", "lockout cleared"
    rf"\b{PASSWORD} {_GAP}{_BE}{_RENEWED}\b|"
    rf"\b{_NEW} {_GAP}{PASSWORD} {_GAP}{_BE}{_HANDED}\b|"
    # the new password said after the verb ("password has been set to a temporary value",
    # "pwd changed to a temp one"), or by "one" after the password named ("forced a password
    # change and gave him a temporary one")
    rf"\b{PASSWORD} {_GAP}{_BE}(?:{_HANDED}|changed|{_RENEWED}) {_GAP}(?:to|as) (?:a |an |the )?{_NEW}\b|"
    rf"\b{PASSWORD}\b[^.;!?\n]{{0,60}}?\b{_HANDED} {_GAP}{_NEW} one\b|"
    # the person let back into the account by the desk ("got her back into her account":
    # LABELLING.md, Logging audit rule 7, "in any words"); the person's own "got back into"
    # names nobody let in
    rf"\b(?:got|let|put) (?:him|her|them|the (?:user|caller)|[\w'-]+) back (?:in|into|onto) "
    rf"{_GAP}{ACCOUNT}\b|"
    rf"\b{ACCOUNT} {_GAP}{_BE}{UNLOCK}\b|"
    rf"\b{LOCK} {_GAP}{_BE}{CLEAR}\b"
)

# A password handed to the person it is for ("Password has been send to user via direct
# e-mail", "credentials e-mailed to the caller"): on a ticket that asks for a reset, the
# desk's answer to it, the reset done (as "Email with password has been sent to the user").
PASSWORD_DELIVERED = (
    rf"\b{PASSWORD} {_BE}(?:sen[dt]|e-?mailed|mailed|forwarded|communicated|given|provided) "
    r"(?:[\w-]+ )?to (?:the )?(?:users?|callers?|requesters?|requestors?|him|her|them)\b"
)

# In the opening, the state of what a person signs in with: an account locked, blocked or
# suspended, a password forgotten or expired ("acct blocked after failed attempts", "has
# forgotten her network pwd", "pwd for SAP has expired").
STATE = (
    # (not a ledger or bank account by its number: "Account 1100017 blocked for posting")
    rf"\b{ACCOUNT}(?! ?#?\d) {_NEAR}{_BE}(?:locked|suspended)\b|"
    rf"\b(?:log-?ins?|log-?ons?|sign-?ins?|user ?ids?) {_NEAR}{_BE}blocked\b|"
    rf"\bforgot(?:ten)? {_NEAR}{PASSWORD}\b|\b{PASSWORD} {_GAP}{_BE}expired\b"
)


# The person's own doing ("reset her own Avid password while guided": rule 7, no desk reset),
# and an action in another clause than its object ("does not let you change your password
# once it has been reset": no reset written as done).
_OWN = re.compile(r"\bown\b")
_CLAUSE = re.compile(r"\b(?:once|when|whenever|after|if|until|unless|since|before|because)\b")


def _of_access(m: re.Match) -> bool:
    """Whether the action and object of `m` are the desk's on a person's access, in one
    clause: no MFA factor's (its reset: rule 7) and not the person's own."""
    span = m.group(0)
    return not (MFA_FACTOR.search(span) or _OWN.search(span) or _CLAUSE.search(span))


def resets_by_parts(text: str) -> Iterator[re.Match]:
    """Every action on access beside its object that the normalised `text` writes (a reset,
    an unlock, a lock cleared, a new password issued), in the order they stand."""
    return filter(_of_access, RESET_BY_PARTS.finditer(text))


def reset_by_parts(sentence: str) -> re.Match | None:
    """The first action on access the normalised `sentence` writes (resets_by_parts), or
    None."""
    return next(resets_by_parts(sentence), None)


# Who reset it (rule 7: a reset by the desk, not the person's own through a self-service
# channel). Read per clause of normalised text, each class once: the DESK as the one who acts
# ("I reset", "we have unlocked", "reset done by SD") or the reset written as DONE_TO the
# account in the passive a note to the user uses ("your password has been reset"): the desk's;
# the PERSON the account is for as the one who acts ("user reset it twice", "customer was able
# to reset via the portal"): the person's own; a self-service CHANNEL the reset goes through
# (ServiceNow's Password Reset application and Microsoft's SSPR wording: "reset password link",
# "password reset email", "Forgot password" link, "reset via the portal", a chatbot), the person
# ADDRESSED ("if you need to reset your password") or TOLD how ("click below to reset", "how to
# reset", "asked the user to reset"): the desk's act not written; the reset ASKED of the desk
# ("can you reset my password") or NOT_DONE (a condition, a plan, a guess: "if it is not
# reset", "it is possible that AD changed the password"): no one's act yet.
_RESET = r"(?:re-?set|unlocked|re-?enabled|changed)"
DESK = (
    r"(?:i|we|sd|service ?desk|help ?desk|l[123]|level [123]|agent|analyst|technician|tech|"
    r"support(?: team)?|desk)"
)
_DESK_AUX = (
    r"(?:have|has|had|been|just|already|successfully|then|also|now|manually|again|was able to|"
    r"were able to|went ahead and|proceeded to)"
)
DESK_ACT = re.compile(
    rf"\b{DESK} (?:{_DESK_AUX} ){{0,3}}{_RESET}\b|"
    rf"\b(?:re-?set|unlock(?:ed)?|unlock) (?:[\w-]+ ){{0,3}}?(?:done |completed )?by "
    rf"(?:the )?{DESK}\b"
)
PERSON = (
    r"(?:users?|callers?|customers?|clients?|requesters?|requestors?|employees?|associates?|"
    r"end[- ]users?|he|she|they)"
)
_PERSON_AUX = (
    r"(?:has|have|had|did|does|do|can|could|was able to|were able to|is able to|are able to|"
    r"able to|managed to|tried to|then|already|successfully|finally|also|just|now|not|never|"
    r"again|will|would|should|must|needs? to|wants? to|to)"
)
# the person's reset, its object or its channel after it ("reset it", "reset her own
# password", "reset via the portal"), not a note's "user reset in AD" (the desk's, of a user)
PERSON_ACT = re.compile(
    rf"\b{PERSON} (?:{_PERSON_AUX} ){{0,3}}{_RESET} (?:it\b|his\b|her\b|their\b|own\b|"
    rf"(?:the|a|an) (?:[\w-]+ )?{PASSWORD}|(?:via|through|using|from|on|with) )"
)
# the route a person resets his own password by: the reset's link, mail, page or button,
# a "forgot password" link, a self-service site or a chatbot (not an admin console: STORE)
CHANNEL = re.compile(
    r"\b(?:re-?set|forgot(?:ten)?(?: my| your| the)?)[\"']? (?:(?:your|my|the) )?"
    r"(?:password[\"']? |pw |pwd )?(?:link|e-?mail|mail|page|section|option|button|form|flow|"
    r"feature|wizard|screen)s?\b|"
    r"\bre-?set (?:[\w'-]+ ){0,3}?(?:via|through|using|from|on|in|with) (?:the |a |an |our |"
    r"their |his |her )?(?!admin)(?:[\w-]+ )?(?:self[- ]service|portal|site|website|web site|"
    r"chat ?bot|bot|virtual agent|app)\b"
)
# the reset as a condition, an ability, a wish or a guess: not written as done ("if it is not
# reset", "will reset", "unable to reset", "it is possible that AD changed the password")
_HEDGE = r"(?:possibl[ey]|maybe|perhaps|probably|might|may have|seems?|likely)"
NOT_DONE = re.compile(
    rf"\b(?:if|{_HEDGE})\b (?:[\w'\"-]+ ){{0,6}}?{_RESET}\b|"
    r"\b(?:will|should|can|could|able to|unable to|needs? to|wants? to|supposed to) "
    rf"(?:not |be |please |now )?{_RESET}\b"
)
# the reset asked of the desk ("can you reset my password", "please reset it"): no one's act yet
ASKED = re.compile(
    rf"\b(?:can|could|would|will) you (?:please |kindly )?{_RESET}\b|\b{_RESET} my\b|"
    rf"\bplease (?:[\w'-]+ ){{0,2}}?{_RESET}\b"
)
# the person told how to do it: pointed to the self-service route ("asked the user to reset",
# "click the link to reset", "how to reset your password", "steps to reset")
TOLD = re.compile(
    rf"\b(?:ask|asked|advise|advised|instruct|instructed|remind|reminded|told|showed) "
    rf"(?:the )?(?:{PERSON}|him|her|them)\b[^.;!?\n]{{0,60}}\b{_RESET}\b|"
    r"\b(?:how to|steps? to|instructions? (?:to|for|on)|"
    rf"(?:click|follow|navigate|go)\w*(?: [\w'-]+){{0,4}} to) {_RESET}\b"
)
# the person addressed ("you", "your"): a sentence to the user that writes no reset as done
# is an offer or an instruction ("you can reset your password", "ensure your new password")
ADDRESSEE = re.compile(r"\byou(?:r|rs|rself)?\b")
# the desk's act told to the person, its subject left out, a verb that is only a past (not
# an instruction's "reset your password"): "Unlocked your staff account in AD", "re-enabled
# your login" (a chat desk's close notes written to the user)
DESK_TO_YOU = re.compile(
    r"\W*(?:unlocked|re-?enabled|unblocked|unsuspended|changed|cleared|released) your\b"
)
DONE_TO = re.compile(
    rf"\b(?:{PASSWORD}|{ACCOUNT}|pw|pwd|it) (?:[\w'-]+ )?(?:(?:has|have|had) been|was|were|"
    rf"is now|are now|got) (?:successfully )?{_RESET}\b"
)


# A sentence's clauses: who did a reset is read in the clause that writes it ("unable to reset
# via the portal, reset in AD": the second is the desk's).
_CLAUSES = re.compile(r",|:| (?:and|but|then|so) ")


def reset_by(sentence: str, own, reset) -> str | None:
    """Who the normalised `sentence` says did the resets that `reset` finds in it (None when
    it writes none), read clause by clause, the first of: "desk" (the desk named, the passive
    done to the account, or a note's terse "reset pw": whoever writes the note); "own" (the
    person, or the person's own change that `own` reads in the sentence: critical's
    talked-through readings); "not done" (only asked, promised, conditional or guessed: no
    one's act); "self-service" (the person pointed to a self-service channel or told how to
    reset: the desk's act not written)."""
    if not reset.search(sentence):
        return None
    if own.search(sentence):
        return "own"
    readings = {_clause_reset_by(c) for c in _CLAUSES.split(sentence) if reset.search(c)}
    readings = readings or {_clause_reset_by(sentence)}  # a reset written across clauses
    return next(r for r in ("desk", "own", "not done", "self-service") if r in readings)


def _clause_reset_by(clause: str) -> str:
    if DESK_ACT.search(clause) or DESK_TO_YOU.match(clause):
        return "desk"
    if PERSON_ACT.search(clause):
        return "own"
    if DONE_TO.search(clause) and not CHANNEL.search(clause):
        return "desk"
    if ASKED.search(clause):
        return "not done"
    if CHANNEL.search(clause) or ADDRESSEE.search(clause) or TOLD.search(clause):
        return "self-service"
    return "not done" if NOT_DONE.search(clause) else "desk"
