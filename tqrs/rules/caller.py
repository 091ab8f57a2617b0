"""Caller validation: the analyst documents how the caller's identity was checked.

Read line by line, case and shorthand aside (tqrs.rules.text.normalise: "ID verified w/ Okta
push", "emp no + DOB"; and the phone-typed "id vrfd", "valid:", "sec qs", "cb to reg mob"). The phrasings are collected from public service-desk procedures
(tqrs/rules/PHRASES.md says where each comes from):
- a *method*: an MFA push or code (Duo, Okta Verify, Authenticator, number matching, a
  one-time or SMS code, a bypass code, a hardware token), knowledge checked against records
  (employee or staff ID or number, badge number, date of birth, hire date, manager or
  supervisor name, job title, department, security questions, knowledge-based
  authentication), a call-back or a call out to a number on record (not one that reached
  nobody), a code texted to the registered mobile, a manager's verification, a photo ID
  or passport seen in person or on video, and, for chat and virtual agent contacts only, SSO
  (a phone caller cannot be authenticated by SSO);
- written as done: a verification word (validated, verified, authenticated, identity
  confirmed, ID check ...) or a word that says the method succeeded (approved, matched,
  confirmed, passed, read back, completed) in the same sentence, not negated; for knowledge
  checked against records, the caller giving it ("caller provided DOB and emp ID").

The rule is sure of "met" when a sentence holds both, and of "not met" when nothing in the
ticket speaks of validation or a method, when validation is stated as not done, or when a
bare "caller verified" names no method (the guidance wants the method). Anything else (a
method named without saying it was used, "verified via <something unfamiliar>") is left
open to the judge. Contacts the guidance does not cover are N/A: self-service (the portal
login authenticated the caller) and machine-raised ones (contact type monitoring, event,
alert; or an opening that says a monitoring tool, an alert or an automated test raised the
ticket, when no person called, walked in or chatted and nothing asks for a password or
account action). A method tried and failed is validation not done (LABELLING.md, Logging
audit rule 6); a method's result may be written in the clause after it ("...; both
matched")."""

import re

from tqrs.display import article
from tqrs.journal import HEADER, name_key
from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.rubric import Criterion
from tqrs.rules.caller_parts import PUBLIC_FACT, composed, planned
from tqrs.rules.glossary import Glossary
from tqrs.rules.line_wrap import unwrapped_all, unwrapped_opening
from tqrs.rules.literals import any_of
from tqrs.rules.patterns import required_strings
from tqrs.rules.registry import defer, result, rule
from tqrs.rules.text import (
    UNANSWERED,
    all_text,
    is_listed,
    iter_normalised_lines,
    last_memo,
    negated,
    normalise,
    quote,
    text_memo,
    ticket_text,
    without_line_times,
    without_list_markers,
)

SSO_CHANNELS = frozenset({"chat", "virtual_agent"})
NOT_APPLICABLE_CHANNELS = frozenset({"self-service", "monitoring", "event", "alert", "system"})
_FACTOR = re.compile(
    # Okta named as the account or console ("Unlocked Okta account", "Okta -> locked") is
    # no MFA check (LABELLING.md, Logging audit rule 3: a login name is no method)
    r"\b(?:okta(?: verify)?(?: push)?(?!\s*->|\s+(?:account|user|admin|group|app|tile|"
    r"dashboard|portal|org|console|log|status|profile|password)s?\b)|duo(?: push)?|push|mfa|multi[- ]?factor|2fa|two[- ]factor|"
    r"authenticator|number match(?:ing)?|one[- ]time (?:code|passcode|password)|otp|"
    # the push by the name the handset shows it under ("approved the sign-in request on his
    # phone", "2-step prompt accepted"): Microsoft's and Google's words for an MFA push
    r"(?:sign[- ]?in|log[- ]?in|2-step|two-step) (?:request|prompt|notification)s?|"
    r"(?:sms|text|verification|bypass|security|push|\d-digit|one-time) (?:pass)?code|"
    # a code sent to a registered mobile ("passcode by SMS", "code via text")
    r"(?:pass)?code (?:sent )?(?:by|via|over) (?:sms|text)|hardware token|yubikey|"
    # a token's code (RSA SecurID, a soft token): an MFA factor like a push
    r"securid|(?:soft|software|rsa|entrust) token|token code|"
    # a code sent to the mobile or address on record ("the code from the text I sent to
    # your registered mobile": td.usnh.edu KB 4947, a one-time code by SMS or e-mail)
    r"(?:code|otp|passcode)(?: [\w'-]+){0,8} (?:to|on|at) (?:the |your |his |her |their )?"
    r"(?:registered|listed) (?:mobile|phone|cell|number|e-?mail|address|device)|"
    # or to the mobile or address the HR or staff record holds ("the code I texted to the
    # mobile on your HR record", "a code to the personal e-mail address in her staff file":
    # td.usnh.edu KB 4947, the one-time code goes to the phone or address on record)
    # The person may be named ("to Dana's mobile") and the HR system by its product's name
    # ("from the PeopleFirst HR system", "in Acme HR"): the record is still HR's
    r"(?:code|otp|passcode)(?: [\w'-]+){0,8} to (?:the |your |his |her |their |[\w-]+'s )?"
    r"(?:personal )?(?:mobile|phone|cell|number|e-?mail|address)(?: address| number)? "
    r"(?:on|in|from|held in) (?:the |your |his |her |their |[\w-]+'s )?(?:(?:[\w-]+ )?hr\b|"
    r"(?:personnel|staff|employee) (?:record|file|system)|"
    # a record the payroll or HR product keeps, by its name ("on Ffion's Xero record")
    r"(?:[\w-]+ )?(?:(?:personnel|staff|employee|hr|payroll) )?record)|"
    r"(?:employee|staff|payroll|student|badge|personnel|contractor|crew|member|membership|works|"
    r"service|pension) (?:id|number|no)\b|"
    r"employee id|staff id|badge|photo id|photo identification|passport|driver'?s licen[cs]e|"
    # a staff or security pass shown at a desk (audit rule 2: a staff badge compared)
    r"(?:staff|id|photo|security|building|employee|site) pass|"
    r"driving licen[cs]e|(?:id|staff|student|university|photo) card|"
    r"government[- ]issued|date of birth|birth ?date|birthday|hire date|start date|"
    r"(?:line )?(?:manager|supervisor)(?:'s)? name|job title|"
    r"security questions?|identity questions|secret questions?|last (?:4|four)|postcode|"
    r"zip code|home address|personal email|nuid|permanent address|address on file|"
    r"call(?:ed|ing)?[- ]?back|(?:called|rang|rung|phoned) (?:[\w'-]+ ){0,2}back|"
    r"returned (?:the |his |her |their )?call(?= to)|"
    r"kba|knowledge[- ]based (?:authentication|verification|questions?)|"
    r"(?:e-?mail|email) code|totp|mother'?s maiden name|"
    # a shared secret held on the account, like a security question's answer
    r"(?:secret|memorable|security) (?:word|phrase)|"
    r"(?:line )?(?:manager|supervisor) (?:verification|vouched)|"
    # the manager (named or not) vouching for the caller in person or on a number on record
    r"(?:manager|supervisor)(?: [\w'-]+){0,3} (?:vouched|verified|identified) (?:for )?"
    r"(?:him|her|them|the caller|the user)|"
    r"(?:manager|supervisor)(?: [\w'-]+){0,3} (?:confirmed|verified) (?:his |her |their |the "
    r"caller's |the user's )?identity|"
    r"(?:verified|confirmed|validated|vouched for) (?:[\w'-]+ ){0,3}(?:by|with|via|through) "
    r"(?:his |her |their |the )?(?:line )?(?:manager|supervisor)|"
    # someone with the caller vouching for him in person, whoever it is (audit rule 2: a
    # manager's verification in person; "the head of the shop stood with him and confirmed
    # in person that it is him"); the analyst's own bare "verified in person" names no one
    r"(?:confirmed|verified|vouched for|identified) (?:(?:him|her|them) in person|in person "
    r"that (?:it|this) (?:is|was) (?:him|her|them|the caller|the user|[\w'-]+))|"
    # a PIN keyed into the phone system or held on the account (audit rule 2: an IVR PIN)
    r"ivr pin|(?:ivr|telephone|phone|voice|account|security|caller) (?:pin|passcode)|"
    # the IVR and the PIN a few words apart ("authenticated via the IVR with their PIN", "PIN
    # keyed into the IVR")
    r"ivr(?: [\w'-]+){1,3} (?:pin|passcode)|(?:pin|passcode)(?: [\w'-]+){1,3} ivr|"
    # or a PIN the desk's phone line took, the system named after it ("your staff PIN was
    # accepted by our phone line at 10:09 (IVR ref ...)")
    r"pin (?:was |were )?(?:accepted|entered|keyed in|verified|validated|checked)(?: [\w'-]+){0,2} "
    r"(?:by|on|in|via|through|into) (?:our |the |its )?(?:desk'?s? )?"
    r"(?:phone|telephone|call) (?:line|system)|"
    r"sso|single sign[- ]on)\b"
)
# A tick written after an item ("DOB \u2713"): the checklist's own word for "done, ok".
_TICK = "[\u2713\u2714\u2611]"
_DONE = re.compile(
    r"\b(?:validat(?:ed|ion|e)|verif(?:ied|ication|y)|authenticat(?:ed|ion)|"
    r"identity (?:confirmed|checked|established)|id check(?:ed)?|identity check(?:ed)?|"
    # identification and verification done, by the UK desks' name for it ("ID&V done via
    # security questions"; alone it names no method, Logging audit rule 3)
    r"id ?& ?v (?:done|passed|completed|complete|ok)|"
    # the caller's doing written as it happens ("thanks for approving the push")
    r"approv(?:ed|ing)|accept(?:ed|ing)|matched|(?<!number )match(?:es|ing)?|confirmed|passed|"
    r"(?:read|repeated|quoted) (?:(?:it|them|the code|the digits|me|us|him|her) ){0,2}back|"
    r"answered|signed in|logged in|completed|succeeded|successful(?:ly)?|identified|vouched|"
    # a push accepted on the handset ("she tapped Yes", "pressed Approve")
    r"(?:tapped|pressed|clicked|hit|selected) (?:on )?(?:yes|approve|allow|accept)|"
    r"checked (?:with|via|using|through|by)|"
    r"confirm (?:the |his |her |their )?identity)\b|"
    # the method's result written right after it ("Duo push OK", "callback done"), or a tick,
    # as a checklist note marks each item done ("duo push \u2713")
    r"\b(?:push|code|otp|call-?back|questions?|check|match(?:ing)?|kba|pin|verification|"
    rf"validation)(?:\W{{0,4}}(?:ok|okay|done|good|complete|completed)\b|\s{{0,2}}{_TICK})"
)
# Knowledge the caller gave, checked against records (employee ID, date of birth, manager's
# name ...): "caller provided emp ID and DOB" documents the method as used.
_KNOWLEDGE = re.compile(
    r"\b(?:(?:employee|staff|payroll|student|badge|personnel|contractor|crew|member|membership|"
    r"works|service|pension) (?:id|number|no)|employee id|"
    r"staff id|date of birth|birth ?date|birthday|hire date|start date|"
    r"(?:line )?(?:manager|supervisor)(?:'s)? name|job title|security questions?|"
    r"secret questions?|identity questions|last (?:4|four)|postcode|zip code|home address|"
    r"mother'?s maiden name|(?:secret|memorable|security) (?:word|phrase)|nuid|permanent address|"
    r"address on file)\b"
)
_GIVEN = re.compile(
    r"\b(?:provided|providing|gave|giving|given|supplied|supplying|quoted|quoting|stated|"
    r"stating|read out|check(?:ed|s|ing)?|(?<!to )confirms?|confirming|correct(?:ly)?|"
    r"replied with|answered with|vs|versus)\b|"
    # the checked items' result in shorthand after them ("emp ID + DOB ok", "DOB good"), or
    # ticked, the value itself between ("emp# FG-0871 \u2713", "DOB \u2713")
    r"\b(?:id|number|no|birth|date|name|title|manager|supervisor|questions?|code|address)"
    rf"(?:\W{{0,4}}(?:ok|okay|good)\b|(?: [\w-]*\d[\w-]*)?\s{{0,2}}{_TICK})|"
    # or the items' result summed up after an arrow or a colon, as a "check -> result" note
    # writes it ("emp no + DOB, then 2 KBA answers -> all ok"), or after an equals sign, as a
    # tagged note writes a check's result ("payroll no and DOB = ok", "... = matches HR")
    r"(?:->|=>|:)\s*(?:all|both) (?:ok|okay|good|correct|fine|right)\b|"
    r"\s=\s*(?:(?:all|both) )?(?:ok|okay|good|correct|fine|right|match(?:es|ed)?)\b"
)
# A call-back made to a number the organisation holds (on file, in HR, the directory): the
# call-back is the method and its being made is the check (soclogix.com: call the user back
# on a number on file; "Rang her back on the mobile held in HR", "call-back to her directory
# number"). A call-back only planned or asked for is not one made.
# Also a call out (not "back") to a number the record names ("rang the bridge on the
# satellite number in the vessel register": audit rule 2, "whether or not the note says why
# it rang"), but not one whose source is not written ("rang her mobile", rule 3).
_CALLBACK_ON_FILE = re.compile(
    r"\b(?:(?:called|rang|rung|phoned)\b(?: [\w'-]+){0,2} back|call[- ]?back\b|"
    r"return(?:ed)? (?:the |his |her |their )?(?:phone )?call|"
    r"(?:called|rang|rung|phoned|dialled|dialed)(?: [\w'-]+){0,4}? (?:on|at|via|using) "
    r"(?:[\w'-]+ ){0,4}?(?:number|mobile|extension|ext|(?:land)?line|phone|cell)\b|"
    # the number the call's object ("rang the loader shed phone ext 2290 from the list")
    r"(?:rang|dialled|dialed|phoned) (?:the |his |her |their )?(?:[\w'-]+ ){0,3}?"
    r"(?:number|mobile|extension|ext|(?:land)?line|phone|cell)\b)"
    r"[^.;\n]{0,60}\b(?<!not )(?:on file|on record|held (?:in|by|on|against)|registered|directory|"
    r"regist(?:er|ry)|roster|crew list|(?:hr|staff|employee) (?:database|file)|"
    r"(?:hr|personnel) (?:system|record|data)|in (?:the )?hr|from (?:the )?(?:hr|directory)|"
    r"global address list|address book|(?:in|from|per|on|via) (?:the )?workday|known (?:mobile|number|extension)|"
    # a number listed where the organisation keeps them (a phone list, the intranet), or
    # the list it was taken from named ("the workshop number on the authorised contacts
    # sheet": audit rule 3 wants the number's source written, whatever the list is called)
    r"phone ?(?:list|book)|staff list|listed|intranet|(?:company|staff|teams) directory|"
    # or only as "the list" after the number the call went to ("rang ... ext 2290 from the list")
    r"from (?:the|our) (?:[\w'-]+ ){0,2}?list\b|"
    r"(?:number|mobile|extension|(?:land)?line|phone|cell) (?:listed |held |kept |given )?"
    r"(?:on|in|from|per) (?:the |our |their |its )?(?:[\w'-]+ ){0,3}(?:list|sheet|spreadsheet|"
    r"register|roster|rota|records)\b)|"
    # the record named before the number ("rang him on his registered mobile")
    r"\b(?:called|rang|rung|phoned|dialled|dialed)(?: [\w'-]+){0,4}? (?:on|at|via|using) "
    r"(?:the |his |her |their |a )?(?:registered|listed|directory|directory-listed|hr) "
    r"(?:mobile|number|extension|(?:land)?line|phone|cell)\b"
)
# Facts anyone in the building, or a stranger, can find (LABELLING.md, Logging audit rule 3:
# "public facts (floor, team, a manager's first name)"; gflesch.com "The Importance of
# Identity Verification for Help Desks": job titles and supervisor names are easily
# discoverable; bud.consulting: a home address is easy to find; a start date is on a
# professional profile): a method only beside a fact the records hold (an employee number, a
# date of birth: rule 2, "a number with a second fact (... manager, hire date, address)"):
# caller_parts.PUBLIC_FACT, one definition for both readings.


def _public_facts_only(text: str) -> bool:
    """Whether every identity method and item of knowledge the normalised `text` names is a
    public fact (PUBLIC_FACT), and it names at least one."""
    facts = [m.group() for m in _FACTOR.finditer(text)]
    facts += [k.group() for k in _KNOWLEDGE.finditer(text)]
    return bool(facts) and all(PUBLIC_FACT.fullmatch(f) for f in facts)


# A checklist's identity line: headed by the check ("ID:", "Validation:", "ID&V:") and its
# method's result after an arrow, as a "check -> result" note writes it ("ID: call-back to
# his mobile from the crew system -> ok", "Validation: push -> approved"; LABELLING.md,
# Logging audit rule 2, a method in any words, and PHRASES.md's shorthand rows). Read after
# the time or list marker a line may open with ("[09:02] ID: ...", "- ID: ..."), as
# tqrs.rules.text reads them for every rule.
_HEADED_RESULT = re.compile(
    r"\s*(?:caller )?(?:id|id&v|idv|identity|validation|verification)\s*:[^.;\n]*?"
    r"(?:->|=>)\s*(?:(?:all|both) )?(?:ok|okay|good|right|correct|fine|passed|approved|"
    r"accepted|confirmed|matched|verified|validated)\b"
)
# A call that reached nobody checked nobody ("rang her directory number, no answer"):
# tqrs.rules.text.UNANSWERED.
_PLANNED = re.compile(
    r"\b(?:will|to be|scheduled|request(?:ed|s)?|asked for|plan(?:ned)?|should|"
    # a call-back offered is one the caller may refuse, not one made
    r"offer(?:ed|ing|s)?)\b"
)


def _planned(sentence: str, start: int, end: int, reach: int = 15) -> bool:
    """Whether the check at `sentence[start:end]` is planned, not done: a plan word
    (_PLANNED) within `reach` characters before it ("requested a call-back", not anywhere
    before it: "as the request came by e-mail, phoned her back on ..."), or as
    caller_parts.planned reads its clause."""
    return bool(_PLANNED.search(sentence, max(0, start - reach), start)) or planned(
        sentence, start, end
    )


# An identity document seen at a walk-up desk or on video ("photo ID badge seen", "checked
# her student ID card"): the check is the method and its being done in one (PHRASES.md).
_DOCUMENT = (
    r"(?:photo id|id card|id badge|staff card|student card|university card|photo card|badge|"
    r"(?:staff|id|photo|security|building|employee|site) pass|"
    r"passport|driver'?s licen[cs]e|driving licen[cs]e|government[- ]issued id)"
    r"(?! ?(?:reader|access|printer|system|log))"
)
_SEEN = re.compile(
    rf"\b{_DOCUMENT}\b[^.;\n]{{0,40}}\b(?:seen|shown|checked|inspected|presented|held up|"
    rf"compared|matched|sighted)\b|"
    rf"\b(?:saw|seen|check(?:ed|ing)|inspect(?:ed|ing)|showed|presented|held up|looked at|"
    rf"viewed|compared|sighted)\b[^.;\n]{{0,30}}"
    rf"\b{_DOCUMENT}\b"
)
# A validation word at all: without one of these (or a factor) nothing speaks of validation.
_MENTION = re.compile(
    r"\b(?:validat\w*|verif(?!y\b)\w*|authenticat(?!or)\w*|identity|id check|caller check)|"
    # a note's line tagged as the identity check ("[id] rang back on ..."): it speaks of
    # validation, whatever words the check is in
    r"^\W*\[(?:id|idv|id&v|id check|identity)\]"
)
# Chat and virtual agent: the session's SSO sign-in ("Chat via SSO", "signed in via SSO").
_SSO_SESSION = re.compile(
    r"\b(?:via|through|with|using|by|over)\s+(?:corporate |company )?(?:sso|single sign[- ]on)\b|"
    r"\b(?:sso|single sign[- ]on)[\s-]+(?:session|sign[- ]?in|login|authenticated|chat)\b|"
    # "SSO chat", "chat via SSO": the chat session itself signed in through SSO
    r"\bchat (?:session )?(?:via|over|through|with|using) (?:sso|single sign[- ]on)\b|"
    # the session's sign-in written beside SSO ("in the chat under her own Entra ID login
    # (SSO, ...)", "logged in through Okta SSO"): audit rule 2, the session's sign-in recorded
    r"\b(?:sso|single sign[- ]on|entra(?: id)?|azure ad|okta)\b[^.;\n]{0,40}"
    r"\b(?:log-?in|sign-?in|signed in|logged in|session)\b|"
    r"\b(?:log-?in|sign-?in|signed in|logged in|session)\b[^.;\n]{0,40}"
    r"\b(?:sso|single sign[- ]on)\b"
)
_BARE = re.compile(
    r"\b(?:caller|user|customer|identity|id)(?:'s identity)? (?:was |has been |is )?"
    r"(?:validated|verified|authenticated|checked|confirmed)\s*(?:[.;,]|$)"
    r"|\b(?:validated|verified) (?:the )?(?:caller|user|customer)\s*(?:[.;,]|$)"
    r"|\bidentity (?:checked|verified|confirmed)\s*(?:[.;,]|$)"
)
# A method tried and come out wrong (audit rule 6: "validation tried and failed" is not
# done, 0, also when the desk went ahead): read where no sentence documents it done.
_FAILED = re.compile(
    r"\b(?:denied|rejected|declined|timed out|failed|wrong|incorrect|(?:did|does) not match|"
    r"not approved|mismatch\w*|(?:could|can) ?not (?:answer|complete|confirm|remember|recall|give)|"
    r"unable to (?:answer|complete|confirm|remember|recall|give)|only \d (?:of|out of|/) \d)\b"
)
_NOT_DONE = re.compile(
    r"\b(?:not|never|unable to|could not|cannot|failed to|without) "
    r"(?:be )?(?:validat|verif|authenticat)\w*|\bno (?:validation|verification)\b|"
    r"\bvalidation (?:skipped|not done|failed)"
)
_SSO = frozenset({"sso", "single sign-on", "single sign on"})
# A factor named as a test ("test push approved", "sent a test code") checks the fix (the new
# phone or method works), not who is calling: after an MFA re-registration the desk's
# procedure sends a test push to the new device (PHRASES.md).
_A_TEST = re.compile(r"\btest(?:ing)? $")
# A factor that is the object of the account's administration ("old Authenticator deleted",
# "MFA methods reset", "Okta Verify re-enrolled") is the fix of an MFA or sign-in ticket, not
# a check of the caller (LABELLING.md, Logging audit rule 3: a method is a check done).
_ADMINISTERED = re.compile(
    r"(?: methods?| app| device)?\s*(?:was |were |has been |have been )?(?:deleted|removed|reset|"
    r"cleared|revoked|re-?registered|re-?enrolled|re-?added|disabled|wiped)\b"
)
_ADMINISTERING = re.compile(
    r"\b(?:(?:re-?register|re-?enrol|reset|remove|delete|clear|revoke|disable|wipe)(?:e?d|ing|s)?|"
    # or set up as the fix ("helped user to configure MFA", "installed Authenticator"): the
    # method is what the desk worked on, and a result on the next line is the fix's
    r"configur(?:e|ed|es|ing)|set(?:ting)? ?-?up|install(?:ed|ing|s)?) "
    r"(?:(?:the|his|her|their|old|new|[\w-]+'s) ){0,2}$"
)
# The caller's own signed-in session says who holds the account, not that the desk checked
# who is calling: a check only where the channel is that session (chat, virtual agent). On a
# phone, "a Teams call from her signed-in account (MFA'd)" is caller display by another name
# (LABELLING.md, Logging audit rule 3).
_SIGNED_IN = frozenset({"signed in", "logged in"})
# Raised by a machine, not a person: the opening says a monitoring tool or an alert raised it
# (ServiceNow Event Management turns monitoring alerts into incidents; Nagios, SCOM ...,
# PHRASES.md). Only for contacts that are not a person talking to the desk, and never when
# the ticket asks for a password or account action (a person then needs validating).
_MACHINE = re.compile(
    r"\b(?:monitoring|monitor|watcher|daemon|agent|probe|nagios|scom|zabbix|datadog|"
    r"new relic|prtg|solarwinds|dynatrace|splunk|event management|health check)\b"
    r"[^.\n]{0,60}\b(?:saw|detected|triggered|raised|reported|alerted|fired|flagged)\b|"
    r"\b(?:alert|alarm|event) (?:was )?(?:triggered|raised|fired|generated)\b|"
    r"\bthreshold (?:exceeded|breached|crossed)\b|"
    r"\bauto(?:matically)?[- ]?(?:generated|created|raised) (?:by|from)\b|"
    # a record an automated test run made (ServiceNow's Automated Test Framework, "ATF:TEST2",
    # "Assessment : ATF Assessor"; LABELLING.md, Logging audit rule 5)
    r"\batf\b|\bautomated (?:test|testing)\b"
)
_PERSON_CHANNELS = frozenset({"phone", "walk-in", "chat", "virtual_agent"})
# a word of its own: "blocked" is no lock, "resettle" no reset
_ACCOUNT_ACTION = re.compile(r"\b(?:password|unlock|locked|reset\b|access request|mfa\b|account)")
# A sentence of a line: not cut at an initial ("E. Blount", "R. Kettle"), the number's "no."
# ("staff no. and DOB") or a point inside a token ("1.5", "e.g", "hr-system.nl"): a method and the word that says it was done can sit
# either side of a person's initial.
_SENTENCE = re.compile(r"(?:(?<![\w'])(?:[a-z]|no)\.(?=\s)|\.(?=\w)|[^.;!?])+")
# The method's result in the clause or sentence after the one that names it ("asked for her
# staff number and date of birth; both matched Workday", "sent a passcode by SMS to the
# registered mobile. Caller read it back"): a clause that refers back to the check (its
# subject a pronoun, the caller or the checked item) and says how it came out.
_RESULT_AFTER = re.compile(
    r"[.;]\s*(?:both|all|each|it|they|these|those|which|details|answers?|codes?|pins?|"
    r"numbers?|ids?|she|he|caller|user|photo|picture|cards?|badge|licen[cs]e|passport|"
    r"the (?:caller|user|details|answers?|code|number|photo|picture|card|badge))\b"
    r"(?:[ ,'-]+[\w'-]+){0,6}?[ ,]+(?:matched|match(?:es)?|correct(?:ly)?|confirmed|"
    r"checked out|verified|validated|accepted|approved|passed|ok|okay|"
    r"(?:read|repeated|quoted|gave) (?:it |the code |them |the digits )?back)\b"
)
# A verdict standing alone after the method, within a sentence or two ("Callback to the ops
# room line per contact sheet. Ally Gunn, HA-117, DOB. Validated.", the clipped "Valid." or
# "Approved." of terse notes): it says how the check named before it came out, as "; both
# matched" does.
# (the subject a standing verdict may have, also that of _FAILED_AFTER: "Caller validated.",
# "ID verified.", "She was not verified.")
_CHECKED_SUBJECT = r"(?:(?:caller|user|id|identity|he|she|they) (?:was |is |were )?)?"
# A question may close the sentence before it, as a note written as the call's dialogue asks
# for the method ("what number do you see? Caller: 63. Approved."), and the verdict may be
# bracketed, as such a note marks the analyst's own words ("[Approved. Validated.]").
_VERDICT_AFTER = re.compile(
    rf"(?:[.;?]\s*[^.;!?\n]{{1,40}}?){{0,2}}?[.;?]\s*[\[(]?{_CHECKED_SUBJECT}"
    r"(?:validated|verified|authenticated|confirmed|passed|approved|accepted|matched|valid|correct|"
    r"ok|okay)"
    r"\s*(?:[.;!\])]|$)"
)
# The check came out wrong, or the person the call-back reached is not the caller (an
# impersonator, the real owner "did not call"): LABELLING.md, Logging audit rule 6, a
# validation tried and failed is not done, whatever method it named. Read over the sentence
# that names the method; a word of success after it (a second try that passed) outweighs it.
_CHECK_FAILED = re.compile(
    # a fact given that is not what the record holds, however the mismatch is said ("is not
    # the same as in HR", "differs from HR": every answer must be correct, PHRASES.md)
    r"\b(?:(?:is|was|were|are) not (?:the )?same|differ(?:s|ed)? from|"
    r"refused|declined|hung up|put the phone down|(?:did|does) not match|mismatch\w*|"
    # none of the facts given agreed ("... given, but neither matches Sage HR")
    r"(?:neither|none)(?: [\w'-]+){0,2}? (?:match|agree|tall(?:y|ie)|correspond)\w*|"
    r"(?:could|can|would) ?not (?:give|answer|confirm|provide|remember|recall|say)|"
    r"unable to (?:give|answer|confirm|provide|remember|recall)|"
    r"failed (?:validation|verification|identification|the check|id&v|id checks?)|"
    r"(?:validation|verification|identification|id&v|id check) (?:failed|refused)|"
    r"(?:did|does) not (?:call|ring|phone|make (?:the|that|this|any|a) call)|"
    r"(?:had|has|have) not (?:called|rung|phoned|made (?:the|that|this|any|a) call)|"
    r"made no (?:such )?call|never (?:called|rang|phoned)|"
    r"(?:was|is|were) not (?:him|her|them|me|the caller)|not validated|not verified|"
    # a push or a code not approved or accepted on the handset
    r"not (?:approved|accepted))\b"
)
_NOT_GIVEN = re.compile(r"(?:could|can|would) ?not|unable to")
# "Not validated." or "Validation failed." just after the sentence that names the method.
_FAILED_AFTER = re.compile(
    rf"[.;]\s*{_CHECKED_SUBJECT}"
    r"(?:not (?:validated|verified|authenticated)|(?:validation|verification|id&v) failed|"
    r"failed (?:validation|verification|id&v))\b"
)


# Validation written in French, Spanish, German, Polish, Dutch or Italian, read in its
# English words (the terms of public help-desk and account-recovery pages in those
# languages, PHRASES.md): negations first, then methods and the words that say they were
# done.
_FOREIGN_TERMS = (
    (r"\bn'(?:a|ont|est|ai) pas (?:pu )?(?:[êe]tre |[ée]t[ée] )?", "not "),
    (r"\bno (?:se )?(?:pudo |ha sido |fue |se ha )?(?=verific|valid|confirm)", "not "),
    (r"\bnicht (?=verifiz|gepr|best[äa]t|validi)", "not "),
    (r"\bn[ãa]o (?:foi )?(?=aprovad|confer|verificad|validad|confirmad|mostrou)", "not "),
    (r"\bidentit[ée] (?:v[ée]rifi[ée]e?|confirm[ée]e?|contr[ôo]l[ée]e?)", "identity verified"),
    (r"\bv[ée]rifi[ée]e?s?\b|\bverificad[oa]s?\b|\bverifiziert\b|\bgepr[üu]ft\b", "verified"),
    (r"\bvalid[ée]e?s?\b|\bvalidad[oa]s?\b|\bvalidiert\b", "validated"),
    (r"\bconfirm[ée]e?s?\b|\bconfirmad[oa]s?\b|\bbest[äa]tigt\b", "confirmed"),
    (r"\bidentit[äa]tspr[üu]fung\b", "identity check"),
    (
        r"\bmatricule\b|\bn[úu]mero de (?:emplead[oa]|personal|legajo)\b|"
        r"\b(?:personal|mitarbeiter|matrikel)nummer\b",
        "employee number",
    ),
    # Polish (the terms of public Polish account-recovery pages, PHRASES.md)
    (r"\bzweryfikowan[aey]?\b", "verified"),
    (r"\bnumer (?:pracownika|s[łl]u[żz]bowy|ewidencyjny)\b", "employee number"),
    (r"\bnazwisko (?:kierownika|prze[łl]o[żz]onego)\b", "manager's name"),
    (r"\bzgodn[eya]\b", "matched"),
    # the result and the giving in Spanish and German ("coinciden con RRHH", "dio su
    # número", "stimmen mit HR überein"), and the heading word ("Validación:")
    (r"\bcoinciden\b|\bcoincide con\b|\bstimm(?:t|en) (?:[\w-]+ ){0,3}[üu]berein\b", "matched"),
    (r"\b(?:di[oó]|proporcion[oó]|facilit[oó])\b", "gave"),
    # the result and the record in Spanish ("fecha de nacimiento correctos", "al móvil
    # registrado en RR.HH.": recursos humanos, HR)
    (r"\bcorrect[oa]s?\b", "correct"),
    (r"\bregistrad[oa]s?\b", "registered"),
    (r"\bm[óo]vil\b", "mobile"),
    (r"\brr\.? ?hh\.?(?!\w)", "hr"),
    # Dutch (the terms of public Dutch help-desk pages: "gevalideerd via terugbelnummer
    # uit het HR-systeem en personeelsnummer"), negation first
    (r"\bniet (?=gevalideerd|geverifieerd|gecontroleerd)", "not "),
    (r"\bgevalideerd\b", "validated"),
    (r"\bgeverifieerd\b|\bgecontroleerd\b", "verified"),
    (r"\bterugbel(?:nummer|verzoek)?\b|\bteruggebeld\b", "call-back"),
    (r"\b(?:personeels|medewerkers|werknemers)nummer\b", "employee number"),
    (r"\bgeboortedatum\b", "date of birth"),
    (r"\bkom(?:t|en) overeen\b", "matched"),
    (r"\bbeveiligingsvragen\b", "security questions"),
    (r"\bhr-systeem\b", "hr system"),
    # Italian (the terms of public Italian help-desk pages: "validato: richiamato sul
    # cellulare registrato in HR, numero dipendente e data di nascita corretti"),
    # negation first
    (r"\bnon (?:[èe] stat[oa] |sono stat[ie] )?(?=verificat|validat|confermat)", "not "),
    (r"\bidentit[àa] (?:verificat[ao]|confermat[ao])\b", "identity verified"),
    (r"\bvalidat[oai]\b", "validated"),
    (r"\bverificat[oai]\b", "verified"),
    (r"\bconfermat[oai]\b", "confirmed"),
    (r"\brichiamat[oai]\b", "called back"),
    (r"\bcellulare\b", "mobile"),
    (r"\bregistrat[oaie]\b", "registered"),
    (r"\bnumero (?:di )?(?:dipendente|matricola)\b|\bmatricola\b", "employee number"),
    (r"\bdata di nascita\b", "date of birth"),
    (r"\bcorrett[oaie]\b", "correct"),
    (r"\bcoincidono\b|\bcorrispondono\b", "matched"),
    (r"\bdomande di sicurezza\b", "security questions"),
    (r"\bcodice di verifica\b", "verification code"),
    (r"\b(?:documento|carta) d'identit[àa]\b", "photo id"),
    (
        r"\bvalidaci[óo]n\b|\bverificaci[óo]n\b|\bvalidierung\b|\bvalida[çc][ãa]o\b",
        "validation",
    ),
    # Spanish: the national identity card (DNI, documento nacional de identidad) and
    # the checking verb ("comprobé su DNI con foto")
    (r"\bdni\b", "photo id"),
    (r"\bcomprob(?:[éeóo]|ad[oa]s?)\b", "checked"),
    # Portuguese (the terms of ordinary Portuguese help-desk usage: "validação: push
    # aprovado no telemóvel registado", "mostrou o cartão de funcionário com foto, confere")
    (r"\baprovad[oa]s?\b", "approved"),
    (r"\bregistad[oa]s?\b", "registered"),
    (r"\btelem[óo]vel\b|\bcelular\b", "mobile"),
    (r"\bcart[ãa]o de (?:funcion[áa]rio|identidade|cidad[ãa]o)\b", "staff card"),
    (r"\bmostrou\b", "showed"),
    (r"\bconfere(?:m)?\b|\bconferid[oa]s?\b", "matched"),
    (r"\bdate de naissance\b|\bfecha de nacimiento\b|\bgeburtsdatum\b", "date of birth"),
    (
        r"\bquestions? de s[ée]curit[ée]\b|\bpreguntas? de seguridad\b|"
        r"\bperguntas? de seguran[çc]a\b|\bsicherheitsfragen?\b",
        "security questions",
    ),
    (
        r"\brappel(?:[ée]e?)?\b|\bdevoluci[óo]n de (?:la )?llamada\b|\brellamada\b|"
        r"\bllamada de vuelta\b|"
        r"\br[üu]ckruf\b|\bzur[üu]ckgerufen\b",
        "call-back",
    ),
    (
        r"\bc[óo]digo de verifica(?:ci[óo]n|[çc][ãa]o)\b|\bcode de v[ée]rification\b",
        "verification code",
    ),
    # Portuguese (Brazil) method terms of ordinary help-desk usage ("verificado com
    # matrícula e data de nascimento", "crachá"; "perguntas de segurança" and "código de
    # verificação" sit with their Spanish and French twins above)
    (r"\bmatr[íi]cula\b(?!\s*:)", "employee number"),  # "Matrícula: ..." a form field
    (r"\bdata de nascimento\b(?!\s*:)", "date of birth"),
    (r"\bcrach[áa]\b", "badge"),
    (
        r"\bpi[èe]ce d'identit[ée]\b|\bcarte d'identit[ée]\b|\bpasseport\b|"
        r"\bdocumento de identidad\b|\b(?:personal|dienst)?ausweis\b|\breisepass\b",
        "photo id",
    ),
)


# Stems of the table's terms that English text does not hold: a text holding none of them
# needs no translating (checked once per text).
_FOREIGN_KEYS = (
    "n'a pas", "n'ont pas", "n'est pas", "n'ai pas", "no se ", "no ha ", "no fue ", "nicht ",
    "identité", "identite ", "identidad", "identität", "vérifi", "verifiee", "verificad",
    "verifiz", "validé", "validee", "validad", "validiert", "confirmé", "confirmee",
    "confirmad", "bestätigt", "bestatigt", "matricule", "nummer", "empleado", "legajo",
    "naissance", "nacimiento", "geburtsdatum", "sécurité", "securite", "seguridad",
    "sicherheitsfrage", "rappel", "llamada", "ckruf", "ckgerufen", "digo de", "code de v",
    "pièce", "carte d'", "passeport", "documento de", "ausweis", "reisepass", "geprüft",
    "gepruft", "zweryfikowan", "numer ", "nazwisko ", "emplead", "coinciden", "coincide con",
    "berein", "validaci", "verificaci", "validierung", "correcto", "correcta", "registrad",
    "móvil", "rr.hh", "rr. hh", "gevalideerd", "geverifieerd", "gecontroleerd", "terugbel",
    "teruggebeld", "overeen", "beveiligingsvragen", "hr-systeem", "non è stat", "non e stat",
    "non sono stat", "identità", "validato", "validata", "validati", "verificato", "verificata",
    "verificati", "confermato", "confermata", "confermati", "richiamato", "richiamata",
    "cellulare", "registrato", "registrata", "registrati", "registrate", "dipendente",
    "matricola", "nascita", "corretto", "corretta", "corretti", "corrette", "coincidono",
    "corrispondono", "sicurezza", "codice di", "d'identit", "validaç", "validacao", "não ",
    "matrícula", "matricula", "nascimento", "segurança", "seguranca", "crachá", "cracha",
    "verificaç", "verificacao",
    "nao ", "dni ", " dni", "comprob", "aprovad", "registad", "telemóvel", "telemovel", "celular",
    "cartão de", "cartao de", "mostrou", "confere ", "confere,", "confere.", "conferem", "conferid",
)  # fmt: skip


_VALIDATION_TERMS = Glossary(_FOREIGN_TERMS, _FOREIGN_KEYS)


def _callback_made(sentence: str) -> bool:
    """Whether `sentence` tells a call-back made to a number on file, not one planned."""
    m = _CALLBACK_ON_FILE.search(sentence)
    return (
        bool(m)
        and not _planned(sentence, m.start(), m.end())
        and not negated(sentence, m.start())
        and not UNANSWERED.search(sentence, m.end())
    )


@text_memo  # the rules of one ticket read the same text several times
def _foreign(text: str) -> bool:
    """Whether the normalised `text` holds a stem of _FOREIGN_KEYS."""
    return _VALIDATION_TERMS.holds(text)


@text_memo  # a line met again (templates, the desk's own phrasing) is read once
def _read_line(line: str) -> tuple[str, str | None, bool]:
    """What the readers of a normalised `line` need, computed once a line: the line (its
    phone-typed shorthand, "id vrfd", "cb to reg mob", spelled out by text.normalise), the
    first identity method it names (_FACTOR, or a call to a number on record; None when
    none), and whether it holds a validation word (_MENTION)."""
    m = None
    if _A_FACTOR.search(line):
        m = next((m for m in _FACTOR.finditer(line) if _a_check(line, m)), None)
    if m is None and _A_CALLBACK.search(line):
        m = _CALLBACK_ON_FILE.search(line)
    m = m or composed(line)
    return line, (m.group() if m else None), bool(_A_MENTION.search(line) and _MENTION.search(line))


# The strings one of which every match of _FACTOR, _CALLBACK_ON_FILE and _MENTION holds, each
# tested in one scan (tqrs.rules.literals) before its pattern runs: most lines of a journal
# hold none, and the three ran over every line first seen (a third of caller validation's time
# on real journals).
_A_FACTOR = any_of(required_strings(_FACTOR.pattern))
_A_CALLBACK = any_of(required_strings(_CALLBACK_ON_FILE.pattern))
_A_MENTION = any_of(required_strings(_MENTION.pattern))


def _a_check(text: str, m: re.Match) -> bool:
    """Whether the method `m` of `text` is named as a check of the caller, not as a test of
    the fix (_A_TEST) or the object of the account's administration (_ADMINISTERED)."""
    return not (
        _A_TEST.search(text, 0, m.start())
        or _ADMINISTERED.match(text, m.end())
        or _ADMINISTERING.search(text, 0, m.start())
    )


@last_memo  # validation_statement, unsettled and loose_validation read one ticket's text in turn
def _lines(text: str) -> list[tuple[tuple[str, str | None, bool], str]]:
    """(_read_line of the normalised line with foreign validation terms in English, original
    line) for each non-blank line of `text`; not to be changed by the caller."""
    foreign = _foreign(text)
    lines = []
    for line, original in iter_normalised_lines(text):
        if foreign:
            line = _VALIDATION_TERMS.in_english(line)
        lines.append((_read_line(line), original))
    return lines


def validation_statement(ticket: Ticket) -> tuple[str | None, str, bool]:
    """(the sentence that documents a validation with its method, or None; the line it is
    on; whether an SSO statement was set aside because SSO cannot validate a caller on this
    channel)."""
    return validation_in(unwrapped_all(ticket), ticket.contact_type)


@text_memo  # a journal entry or an opening is read again by the critical-process rule
def validation_in(text: str, contact_type: str) -> tuple[str | None, str, bool]:
    """validation_statement over `text` (a part of a ticket of this contact type)."""
    sso_rejected = False
    sso_channel = contact_type in SSO_CHANNELS
    lines = _lines(text)
    for i, ((line, factor, _), original) in enumerate(lines):
        if factor is None:
            continue  # no method named: _validation_in_line would find nothing
        sentence, rejected = _validation_in_line(line, sso_channel)
        if sentence is None and is_listed(original):
            # a list of one note's steps is read as its sentences written on one line: the
            # method in one item, its result in the next ("- Callback per contact sheet",
            # "- Validated."), a sentence cut at an initial ("- Teams call to E.",
            # "- Blount, employee no 60412 ... confirmed")
            sentence, rejected = _validation_in_line(_listed_run(lines, i), sso_channel)
        if sentence is None and i + 1 < len(lines) and (result := _result_line(lines[i + 1][0][0])):
            # an "Action: ... / Result: ..." note: the method on one line, how it came out on
            # the next, read as the one step they are (one sentence: "<method>, result: ...")
            sentence, rejected = _validation_in_line(
                normalise(f"{line.rstrip(' .')}, {result}"), sso_channel
            )
        if sentence is None and (following := _following_lines(lines, i)):
            # the method on one line, how it came out on the next line or two of the same
            # entry, as a line break can stand for a full stop ("Okta push sent to caller." /
            # "Approved."; "what number do you see?" / "Caller: 63." / "[Approved.]"): read
            # as one line, the sentence that names the method being on this one
            head = line.rstrip(" .")
            joined, rejected = _validation_in_line(
                normalise(f"{head}{' ' if head.endswith(('?', '!')) else '. '}{following}"),
                sso_channel,
            )
            sentence = joined if joined is not None and joined in line else None
        sso_rejected = sso_rejected or rejected
        if sentence is not None:
            return sentence, original, sso_rejected
    return None, "", sso_rejected


_FOLLOWING = 2  # a result follows its method within a line or two (a caller's answer between)


def _following_lines(lines: list, i: int) -> str:
    """The normalised lines right after line `i` of `lines` (_lines) in the same journal entry
    (up to _FOLLOWING, none past an entry's header), joined by full stops ("" when none)."""
    run = []
    for (line, _, _), original in lines[i + 1 : i + 1 + _FOLLOWING]:
        if HEADER.match(original.strip()):
            break
        run.append(line.rstrip(" ."))
    return ". ".join(run).replace("?.", "?").replace("!.", "!")


# The line that gives the step of the line before its result, in a note written as
# "Action taken: ... / Result: ..." (or "Outcome:"), a template many desks' notes follow.
_RESULT_LINE = re.compile(r"\s*(?:result|outcome)s?\s*:")


def _result_line(line: str) -> str | None:
    """The normalised `line` when it gives a result ("Result: ..."), read after its line time
    and list marker as every rule reads a line ("[09:01] - Result: approved"), else None."""
    text = without_line_times(without_list_markers(line)).strip()
    return text if _RESULT_LINE.match(text) else None


_LISTED_RUN = 4  # the item and the three after it: a method's result follows within a step or two


def _listed_run(lines: list, i: int) -> str:
    """The normalised listed line `i` of `lines` (_lines) and the listed lines right after it,
    their markers removed, as one line, normalised again as one: shorthand a line end cut
    ("call-back to the lodge no." then "- in directory") reads as the line would."""
    run = []
    for (line, _, _), original in lines[i : i + _LISTED_RUN]:
        if not is_listed(original):
            break
        run.append(without_list_markers(line).strip())
    return normalise(" ".join(run))


@text_memo  # the same line comes back in many tickets (templates, the desk's own phrasing)
def _validation_in_line(line: str, sso_channel: bool) -> tuple[str | None, bool]:
    """(the sentence of the normalised `line` that documents a validation with its method,
    or None; whether an SSO statement was set aside before it, SSO not validating a caller
    on a channel outside SSO_CHANNELS)."""
    sso_rejected = False
    for s in _SENTENCE.finditer(line):
        sentence = s.group()
        factors = [
            m
            for m in _FACTOR.finditer(sentence)
            if not negated(sentence, m.start())
            and not negated(line, s.start() + m.start())
            and _a_check(sentence, m)
            and not planned(sentence, m.start(), m.end())
        ]
        sso_session = sso_channel and _SSO_SESSION.search(sentence)
        if not factors and _callback_made(sentence):  # a call out to a number on record
            factors = [_CALLBACK_ON_FILE.search(sentence)]
        # the validation read by its parts (a sourced call-back, facts matched against a
        # record, facts given on a call-back): the method and its being done in one
        parts = composed(sentence)
        if parts and not (
            negated(sentence, parts.start())
            or _planned(sentence, parts.start(), parts.end())
            or UNANSWERED.search(sentence, parts.end())
        ):
            factors = factors or [parts]
        else:
            parts = None
        if not factors or _NOT_DONE.search(sentence):
            continue
        if all(PUBLIC_FACT.fullmatch(m.group()) for m in factors) and all(
            PUBLIC_FACT.fullmatch(k.group()) for k in _KNOWLEDGE.finditer(line)
        ):
            continue  # a manager's name or a job title alone: facts anyone at work knows
        given = _GIVEN.search(sentence) and _KNOWLEDGE.search(sentence)
        done = any(
            not negated(sentence, d.start())
            and not planned(sentence, d.start(), d.end())
            and (sso_channel or d.group() not in _SIGNED_IN)
            # the app's own name is no result ("moved his Okta Verify": nothing verified)
            and not (d.group() == "verify" and sentence.endswith("okta ", 0, d.start()))
            for d in _DONE.finditer(sentence)
        )
        after = _RESULT_AFTER.match(line, s.end()) or _VERDICT_AFTER.match(line, s.end())
        done = (
            done
            or bool(parts)
            or _callback_made(sentence)
            or bool(after and not negated(line, after.end()))
            or bool(_HEADED_RESULT.match(without_line_times(without_list_markers(sentence))))
        )
        if not (done or _seen(sentence) or given) and not sso_session:
            continue
        if _failed(sentence, factors[0].start()) or _FAILED_AFTER.match(line, s.end()):
            continue
        if all(m.group() in _SSO for m in factors):
            if not sso_channel:
                sso_rejected = True
                continue
        return sentence.strip(), sso_rejected
    return None, sso_rejected


def _seen(sentence: str) -> bool:
    """Whether `sentence` tells an identity document seen (_SEEN), not negated before it or
    between the document and the verb ("photo ID not checked")."""
    m = _SEEN.search(sentence)
    return bool(m) and not negated(sentence, m.start()) and not _NOT_IN.search(m.group())


_NOT_IN = re.compile(r"\b(?:not|never|no longer)\b|n't\b")


def _failed(sentence: str, method: int) -> bool:
    """Whether the check of `sentence`, whose first method starts at `method`, came out wrong
    (_CHECK_FAILED) with no word of success after the failure. A failure before the method
    counts only when the method is what the caller could not give ("could not give his staff
    number"): "hung up and rang her back" is the desk's own call-back."""
    last = None
    for m in _CHECK_FAILED.finditer(sentence):
        if m.start() >= method or (_NOT_GIVEN.match(m.group()) and method - m.end() < 40):
            last = m
    if last is None:
        return False
    return not any(not negated(sentence, d.start()) for d in _DONE.finditer(sentence, last.end()))


def find_validation(ticket: Ticket) -> tuple[str | None, str, bool]:
    """Kept for callers of the earlier name: see validation_statement."""
    return validation_statement(ticket)


def loose_validation(ticket: Ticket) -> str | None:
    """The offline reading of an open case: a line that names a method next to a word of
    checking (of any kind), not negated, a listed line read with the listed lines after it
    (as validation_in reads them); None when there is none."""
    lines = _lines(unwrapped_all(ticket))
    for i, ((line, factor, mention), original) in enumerate(lines):
        if factor and not mention and is_listed(original):
            # a list of one note's steps is its sentences: the method in one item, the
            # word of checking in the next ("- Asked her security questions.", "- Verified.")
            line = _listed_run(lines, i)
            mention = bool(_MENTION.search(line))
        if (
            factor
            and mention
            and not (_NOT_DONE.search(line) or _FAILED.search(line))
            and _written_as_done(line, factor)
        ):
            if factor in _SSO and ticket.contact_type not in SSO_CHANNELS:
                continue
            return original.strip()
    return None


def _written_as_done(line: str, factor: str) -> bool:
    """Whether the normalised `line` names its method `factor` and a word of checking
    (_MENTION) as done, not only promised, asked for or pending (caller_parts.planned: "will
    ring her back on the number on file to verify", "callback to verify identity pending"),
    and a call or push of it reached someone ("Duo push sent to verify, no response")."""
    at = max(0, line.find(factor))
    return (
        not planned(line, at, at + len(factor))
        and not UNANSWERED.search(line, at)
        and any(not planned(line, m.start(), m.end()) for m in _MENTION.finditer(line))
    )


# Read by the offline reading of an open case. A code sent that never reached the caller
# checked nobody (LABELLING.md, Logging audit rule 6: "the SMS code was not received" is a
# check tried and failed). A person who "rang back" or "called back" is the caller phoning the
# desk again: a call-back is a call the analyst places to the caller (blueprintaudits.com help
# desk dictionary), and an inbound call's caller display is no method (LABELLING.md, the
# `12_fresh_rules` convention); the desk's own is written with its object or without a
# subject ("rang her back", "Called back on ...").
_NOT_ARRIVED = re.compile(
    r"\b(?:not|never) (?:been )?(?:received|delivered|arrived)\b|\bnot completed\b"
)
_CALLED_IN = re.compile(
    r"(?:\b(?!(?:I|We)\b)[A-Z][\w'-]*|\b(?:[Hh]e|[Ss]he|[Tt]hey|the (?:caller|user|customer)))"
    r" (?:called|rang|rung|phoned) back\b"
)


def _speaks_against(reading: str, factor: str, contact_type: str) -> bool:
    """Whether the normalised line `reading`, naming the method `factor`, says by the rule's
    own readings that the method was not used as a check: negated, stated not done, tried
    and failed or never arrived, asked for or planned, a call that reached nobody or to a
    number of no written source (rule 3), public facts alone, SSO or the caller's own
    signed-in session on a channel they cannot validate."""
    at = max(0, reading.find(factor))
    after = reading[at + len(factor) :]
    callback = bool(re.fullmatch(_CALLBACK_FACTOR, factor))
    return bool(
        negated(reading, at)
        or _NOT_AFTER.match(after)
        or _A_THING.match(after)
        or _NOT_DONE.search(reading)
        or _FAILED.search(reading)
        or _NOT_ARRIVED.search(reading)
        or _failed(reading, at)
        or UNANSWERED.search(reading, at)
        or _planned(reading, at, at + len(factor), reach=25)
        or _ASKED_TO.search(reading, 0, at)
        or (callback and not _callback_made(reading))
        or _public_facts_only(reading)
        or (
            contact_type not in SSO_CHANNELS
            and (factor in _SSO or _SIGNED_IN_SESSION.search(reading))
        )
    )


def _failed_result(line: str) -> bool:
    """Whether the normalised `line` is a "Result: ..." line that says the check failed."""
    result = _result_line(line)
    return bool(result and (_FAILED.search(result) or _failed(result, 0)))


# A method negated just after it ("photo ID not checked", "staff card not matched"); a
# method named as the thing worked on, not a check made with it ("the MFA setup guide", "badge
# reader logs": as _DOCUMENT and _FACTOR read "Okta account"); a request to the caller
# ("asked him to confirm his staff number": asked, not given; _PLANNED's "asked for").
_NOT_AFTER = re.compile(r"\s*(?:was |were |is |has |had )?(?:not|never)\b")
_A_THING = re.compile(
    r"[ -]?(?:set ?-?up|guide|enrol\w*|re-?registration|registration|reader|access|printer|"
    r"system|logs?)\b"
)
_ASKED_TO = re.compile(r"\basked (?:[\w'-]+ ){0,2}to\b")
_SIGNED_IN_SESSION = re.compile(r"\b(?:signed|logged)[- ]in\b")
_CALLBACK_FACTOR = r"call(?:ed|ing)?[- ]?back|(?:called|rang|rung|phoned) (?:[\w'-]+ ){0,2}back"


def offline_validation(ticket: Ticket) -> tuple[Outcome, str]:
    """The offline reading of a case the rule left open (left_to_the_judge), with the line it
    rests on: met when a line names a method beside a word of checking (loose_validation);
    evidence not found when a note names a method the reading cannot place as used or not
    (no word of checking beside it, not negated, not failed, not the ticket's subject, not SSO
    or the caller's own signed-in session on a channel they cannot validate): unsure, left to
    a reader and never a deduction, since a method written is no evidence that the validation
    is missing; not met ("") otherwise,
    where the text holds only a claim of validation that names no method (the guidance wants
    the method) or a method that is the ticket's subject (named in its opening: "Okta -
    account locked") or that was not used."""
    line = loose_validation(ticket)
    if line:
        return Outcome.MET, line
    # the opening as unwrapped_all holds it, so that its lines are known among the text's
    opening_text = unwrapped_opening(ticket)
    opening = normalise(opening_text)
    opening_lines = {original.strip() for _, original in iter_normalised_lines(opening_text)}
    lines = _lines(unwrapped_all(ticket))
    for i, ((reading, factor, _), original) in enumerate(lines):
        if factor is not None and is_listed(original):
            reading = _listed_run(lines, i)  # a list's items are one note's sentences
        if (
            factor is None
            or factor in opening
            or original.strip() in opening_lines
            or _speaks_against(reading, factor, ticket.contact_type)
            or (i + 1 < len(lines) and _failed_result(lines[i + 1][0][0]))
            or _CALLED_IN.search(original)
        ):
            continue
        return Outcome.EVIDENCE_NOT_FOUND, original.strip()
    return Outcome.NOT_MET, ""


def unsettled(ticket: Ticket) -> str | None:
    """Why the text does not settle caller validation (None: it does). Text settles it when
    a method is documented as used (validation_statement), when nothing speaks of
    validation or a method, when validation is stated as not done, or when the only mention
    is a bare "caller verified" with no method."""
    lines = [reading for reading, _ in _lines(unwrapped_all(ticket))]
    mentions = [line for line, _, mention in lines if mention]
    factors = [
        line
        for line, factor, _ in lines
        if factor and not (factor in _SSO and len(line) > 200) and not _public_facts_only(line)
    ]
    if not mentions and not factors:
        return None  # (public facts alone name no method: LABELLING.md, Logging audit rule 3)
    if any(_NOT_DONE.search(line) for line in mentions) or any(
        _FAILED.search(line) for line in factors
    ):
        return None  # stated as not done or failed (and no sentence documents it done)
    if not factors and all(_BARE.search(line) for line in mentions):
        return None
    if not factors:
        return (
            "the ticket speaks of checking the caller's identity but names no method the "
            "check recognises"
        )
    return (
        "the ticket names an identity method (MFA, employee ID, call-back ...) but not in a "
        "sentence that says the caller was validated with it"
    )


def unsettled_passage(ticket: Ticket) -> str:
    """The line that keeps caller validation open (`unsettled`), as the ticket writes it: the
    first that names an identity method, else the first that speaks of checking identity
    ("" when none). The judge of an open criterion is shown it if it answers without a
    quote (tqrs.llm.evidence)."""
    lines = _lines(unwrapped_all(ticket))
    named = (o for (line, f, _), o in lines if f and not (f in _SSO and len(line) > 200))
    spoken = (o for (_, _, mention), o in lines if mention)
    return quote(next(named, None) or next(spoken, None) or "")


def left_to_the_judge(ticket: Ticket) -> str | None:
    """Why this rule leaves caller validation to the judge: no sentence documents a
    validation with its method and the text may still say one (unsettled); None when the
    text settles it, an SSO statement set aside on a channel SSO cannot validate included.
    The critical-process rule asks the same on a rubric without this criterion."""
    sentence, _, sso_rejected = validation_statement(ticket)
    if sentence is not None or sso_rejected:
        return None
    return unsettled(ticket)


# What settles that caller validation applies when the rule leaves it open: no alert, no
# self-service channel, no member of IT reporting their own fault.
PERSON_CALLED = "a person contacted the desk (not an alert, self-service or IT staff's own report)"

_NO_METHOD_COACHING = (
    "Record how the caller was validated before acting, e.g. 'Validated by: Okta Verify "
    "push accepted' or 'Identity verified with employee ID 104233 and full name'."
)


def not_validated(ticket: Ticket, sso_rejected: bool) -> tuple[Outcome, str, str, str]:
    """The "no validation documented" outcome, evidence, reasoning and coaching."""
    channel = ticket.contact_type or "unknown"
    sso_note = (
        " SSO does not validate a caller on this channel; use MFA push or employee ID and name."
        if sso_rejected
        else ""
    )
    return (
        Outcome.NOT_MET,
        f"Contact type: {channel}; no validation with its method in the ticket.",
        f"No caller validation with its method is documented for {article(channel)} {channel} contact.{sso_note}",
        _NO_METHOD_COACHING,
    )


def machine_raised(ticket: Ticket) -> str | None:
    """The line of the opening that says a monitoring tool or an alert raised the ticket,
    when no person contacted the desk (not phone, walk-in or chat) and nothing asks for a
    password or account action; else None."""
    if ticket.contact_type in _PERSON_CHANNELS:
        return None
    machine = _machine_line(f"{ticket.short_description}\n{ticket.description}")
    # the whole text is read only when the opening names a machine (most name none)
    if machine is None or _ACCOUNT_ACTION.search(normalise(all_text(ticket))):
        return None
    return machine


@text_memo  # an opening met again (a monitoring template) is read once
def _machine_line(opening: str) -> str | None:
    """The first line of `opening` that says a machine raised the ticket, stripped, or None."""
    for line, original in iter_normalised_lines(opening):
        if _MACHINE.search(line):
            return original.strip()
    return None


# Raised by IT staff for a fault they report themselves (LABELLING.md, Logging audit rule 5:
# "the desk's team lead, a network engineer"): no caller to validate. Read in the opening as
# who raised it, a member of IT named as such ("logged by the service desk team lead",
# "found by our network engineer during patching"), never when the ticket asks for a password
# or account action (a person then needs validating, as for a machine-raised ticket).
_IT_RAISER = re.compile(
    r"\b(?:raised|logged|opened|created|found|spotted|noticed|detected|reported) by (?:the |our |"
    r"an? |one of (?:the |our ))?(?:(?:it|ict|service desk|help ?desk|desk'?s|noc|it operations|"
    r"network operations)(?: [\w'-]+){0,2}? (?:engineer|technician|analyst|administrator|"
    r"admin|team lead|team leader|lead|manager|supervisor|team|staff)s?|(?:noc|service desk|"
    r"help ?desk)\b(?! (?:user|customer|account)s?\b)|sysadmins?|"
    r"(?:network|infrastructure|server|systems|platform|database|cloud|storage) "
    r"(?:engineer|team|administrator|admin)s?)\b|"
    # a person named, then their place in IT beside the name: "Raised by Gareth (site
    # engineering, our own IT team)", "raised by Ayo from our own desk", "(desk, night shift)"
    r"\b(?:raised|logged|opened|reported) by [\w'-]+(?: [\w'-]+)?"
    r"(?: \(| from | on | of |, )[^)\n]{0,30}?(?:\b(?:our|own|the) (?:it|ict)\b|"
    r"\b(?:it|ict) (?:team|staff|engineer|department|dept|support)\b|"
    r"\b(?:service |help ?)?desk\b(?![ -]?(?:phone|top)))"
)

# the desk raising it for someone who contacted it: there is a caller
_FOR_A_CALLER = re.compile(
    r"\bon behalf of\b|\bfor (?:the |a )?(?:user|caller|customer|client)\b|"
    r"\b(?:after|from|during) (?:a |the |his |her |their )?(?:call|phone call|chat|visit|e-?mail)\b|"
    r"\b(?:called|rang|phoned|walked in|chatted|e-?mailed)\b"
)


def it_staff_raised(ticket: Ticket) -> str | None:
    """The line of the opening (or of the desk's first work note) that says a member of IT
    raised the ticket for a fault they report themselves, when nothing in the ticket asks for
    a password or account action; else None."""
    # who raised it is told in the opening or in the desk's first work note (its intake note)
    notes = ticket_text(ticket).work_note_entries
    first = min(notes, key=lambda e: e.time or "") if notes else None
    opening = f"{ticket.short_description}\n{ticket.description}"
    if first is not None:
        opening = f"{opening}\n{first.text}"
    raised = next(
        (
            original.strip()
            for line, original in iter_normalised_lines(opening)
            if _IT_RAISER.search(line) and not _FOR_A_CALLER.search(line)
        ),
        None,
    )
    if (
        raised is None
        and first is not None
        and first.author
        and name_key(first.author) == name_key(ticket.caller or "")
        and _BY_ME.search(said := normalise(first.text))
        and not _FOR_A_CALLER.search(said)
    ):
        # the caller wrote the desk's first work note and says they raised it themselves
        # ("Raised by me (lab systems), own fault report."): a member of IT reporting a fault
        # of their own, whatever their team is called
        raised = first.text.strip().splitlines()[0]
    if raised is None or _ACCOUNT_ACTION.search(normalise(all_text(ticket))):
        return None
    return raised


_BY_ME = re.compile(
    r"\b(?:raised|logged|opened|reported|created) (?:it )?(?:by )?(?:me|myself)\b|"
    r"\bmy own (?:fault )?(?:report|ticket)\b|\bown fault report\b"
)


@rule("caller_validation", (Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE), defers=True)
def caller_validation(ticket: Ticket, criterion: Criterion):
    channel = ticket.contact_type or "unknown"
    machine = machine_raised(ticket)
    if machine:
        return result(
            criterion,
            Outcome.NOT_APPLICABLE,
            quote(machine),
            "Raised by monitoring, an alert or an automated test, not by a person: there is no "
            "caller to validate.",
        )
    if ticket.contact_type in NOT_APPLICABLE_CHANNELS:
        return result(
            criterion,
            Outcome.NOT_APPLICABLE,
            f"Contact type: {channel}",
            "Self-service or machine-raised ticket: there is no caller to validate by phone, "
            "chat or in person (the portal login authenticated a self-service caller).",
        )
    sentence, line, sso_rejected = validation_statement(ticket)
    if sentence:
        start = line.lower().find(sentence[:20])
        return result(
            criterion,
            Outcome.MET,
            quote(line, max(0, start), max(0, start) + len(sentence)),
            f"Caller validation is documented with its method for {article(channel)} {channel} contact.",
        )
    raiser = it_staff_raised(ticket)
    if raiser:
        return result(
            criterion,
            Outcome.NOT_APPLICABLE,
            quote(raiser),
            "Raised by IT staff for a fault they report themselves: there is no caller to "
            "validate.",
        )
    why = left_to_the_judge(ticket)
    if why is not None:  # a person called (the not-applicable cases are above): it applies
        return defer(criterion, why, unsettled_passage(ticket), PERSON_CALLED)
    return result(criterion, *not_validated(ticket, sso_rejected))
