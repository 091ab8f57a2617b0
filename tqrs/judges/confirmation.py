"""The user's confirmation of the fix, read offline (criterion user_confirmation), by the rules
of the labels' handling audit (tests/eval_set/LABELLING.md, "Handling audit: user
confirmation", U1-U6), read by the structure of what is written more than by phrase lists:

- U1/U2: not applicable only to a ticket not yet resolved, and to a monitoring ticket where no
  user's word is found; any other resolved ticket is met or not;
- U3/U4: the user's word, in any field and language: the caller's own comment entries, read
  for what they are not (a reply that reports a failure, promises a test, hands the matter
  on, sends information asked for, is an automatic reply or a rating, or only thanks or
  acknowledges, is no confirmation; any other statement after the fix is); their words
  quoted in a note; a note whose subject is the user's side (the caller, a pronoun, the
  user's team or manager, the role the description gives the user, a person named in the
  ticket who is not an analyst; not a name after a verb of contacting, "Called Pavel back")
  with a verb of saying or agreeing; in what the desk writes to the user (its comments, a
  note greeting the caller, the close notes) "you" with a past verb of the user's word or test
  ("you confirmed it prints"); the desk's thanks for a confirmation of the success, or its
  gladness at what it heard; the close code "Closed/Resolved by Caller";
- U5: the user's success observed: a note whose subject is the user's side and whose verb is
  the thing the description says had failed (or the sign-in, on an access ticket), or, after a
  reset or unlock on a live contact, a note that starts with the sign-in or says what the
  issue could not reach now opens; not a check the analyst makes alone, and not a note that
  records how the caller was identified (a sign-in by SSO at the start of a chat);
- U6: three documented contact attempts (tqrs.judges.signals.contact_attempt, the one
  definition troubleshooting also reads), then closure: partly met; one or two: not met."""

import functools
import re
from dataclasses import dataclass

from tqrs.journal import JournalEntry, name_key
from tqrs.judges.pasted_mail import caller_mails
from tqrs.judges.role_parts import (
    caller_titles,
    reporter_roles,
    roles_read,
    validated_roles,
)
from tqrs.judges.signals import (
    UNANSWERED,
    contact_attempt,
    one_case,
    plain,
    records_validation,
    spelled_out,
)
from tqrs.lazy import cached_property
from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.rules.clause_split import clause_lines, dictated_cut, wraps_joined
from tqrs.rules.glossary import Glossary
from tqrs.rules.mail_header import before_quoted_mail
from tqrs.rules.note_parts import others_turns
from tqrs.rules.patterns import Caseless
from tqrs.rules.steps import TICKED_BOX, UNTICKED_BOX
from tqrs.rules.text import (
    CONFIRMED_SHORTHAND,
    CONFIRMED_SHORTHAND_LITERALS,
    GREETING_WORDS,
    find_affirmed,
    forgotten_with_text_memos,
    handling_text,
    is_resolved,
    light_stem,
    negated,
    quote,
    text_memo,
    ticket_text,
    without_line_times,
    without_list_markers,
    words,
)

MACHINE_CHANNELS = frozenset({"monitoring", "event", "alert", "system"})


@dataclass(frozen=True)
class Confirmation:
    """What the ticket records of the user's confirmation: an outcome, the text it rests on
    and why."""

    outcome: Outcome
    evidence: str
    reasoning: str


# The analyst writes the user's confirmation, or the user's success seen on the call ("user
# logged in OK", "caller signed in"): phrasings from public closure procedures (tqrs/rules/
# PHRASES.md), read case and shorthand aside.
_CONFIRMED = Caseless(
    r"\b(?:user|caller|customer|requester|client|she|he|they)\s+(?:has\s+|have\s+)?"
    r"(?:confirmed|confrimed|acknowledged|agreed)\b|"
    # the same in the present continuous of the Indian-English desk idiom ("User is confirming
    # issue got resolved"), and after the verb of replying ("user reverted back confirming
    # the same", "caller replied confirming it prints")
    r"\b(?:user|caller|customer|requester|client|she|he|they)\s+(?:is|are)\s+confirming\b|"
    r"\b(?:user|caller|customer|requester|client|she|he|they)\s+(?:has\s+|have\s+)?"
    r"(?:reverted|replied|responded|came back|wrote back)(?:\s+back)?\s+(?:and\s+)?confirming\b|"
    # the user contacted, then confirming ("The user was contacted by phone and confirmed
    # the resolution", "User has been called and has confirmed that ...")
    r"\b(?:user|caller|customer|requester|client|she|he|they)\s+(?:was|were|has been|have "
    r"been|had been)\s+(?:contacted|called|phoned|rung|reached)\b[^.;\n]{0,40}?\band\s+"
    r"(?:has\s+|have\s+)?(?:confirmed|agreed)\b|\bverified (?:that|the fix)|confirmed (?:by|with) (?:the )?"
    r"(?:user|caller|customer)|\bok(?:ay)? to close\b|happy (?:for us )?to close|"
    r"(?<!\bso )(?<!\bso that )\b(?:user|caller|customer|she|he|they)\s+(?:is |was |are )?"
    r"(?:now |then )?(?:able to|logged (?:in|on)|signed (?:in|on)|can (?:now )?(?:log|sign|print|open|access|see)"
    r"|could (?:log|sign|print|open|access))\b|"
    r"\b(?:user|caller) ok\b|works for (?:the )?(?:user|caller)|"
    # the user satisfied, agreeing to close, or reporting success (ITIL closure: the user
    # confirms the resolution and agrees the incident can be closed; tqrs/judges/SOURCES.md)
    r"\b(?:user|caller|customer|requester|client)s?\s+(?:is |was |are )?(?:satisfied|happy)\b|"
    r"\bagreed? (?:to|that) (?:it |the (?:incident|ticket) )?(?:can be )?clos|"
    r"\b(?:user|caller|customer|requester|client)\s+(?:reports?|reported|says|said|states?|"
    r"stated|advised|advises|replied|replies)\s+(?:that\s+)?(?:it|the \w+|everything|all|mail|email)"
    r"\s+(?:is\s+|was\s+|are\s+)?(?:now\s+)?(?:working|works|fine|ok|okay|resolved|fixed|back)\b|"
    r"\bconfirmed (?:working|resolved|fixed)\b|"
    # the caller asking to close, the fix verified with them, their success seen
    r"\b(?:user|caller|customer|she|he|they)\s+(?:asks?|asked) (?:us |me )?to close\b|"
    r"\bverified\b[^\n.;]{0,60}\bwith (?:the )?(?:user|caller|customer)\b|"
    r"\bhappy with (?:it|the fix|the result)\b|"
    # (in shorthand the present act is told without its verb "to be": "cx scanning bay 4 -> ok")
    r"\b(?:user|caller|customer|she|he|they)\s+(?:(?:is |are )?[a-z]{3,}ing|tested|tried|"
    r"scanned|checked|used)\b"
    r"[^\n]{0,80}?(?:->|:)\s*(?:\w+\s+){0,3}?(?:ok|okay|works?|working|connected|read|fine|"
    r"prints?|opens?|signed in|logged in|success)\b|"
    r"\b(?:resolved|fixed|working|close[d]?) (?:as )?per (?:the )?(?:user|caller|customer)\b|"
    # a group of users confirming ("Billing team confirm logins OK"), the caller's success
    # confirmed on the call ("Elisabeth released her jobs, confirmed on the phone")
    r"\b(?:users|team|staff)\s+(?:have\s+|has\s+)?confirm(?:s|ed)?\b|"
    r"\bcaller\b[^\n.;]{0,80}\bconfirmed (?:on|by|over|via) (?:the )?"
    r"(?:phone|call|chat|e-?mail|teams)\b|"
    # someone on the caller's side confirming, in the present ("Gail confirms floor
    # working", "Night shift manager confirms scanners have held", "gatehouse and office
    # confirm systems back"): a subject before the verb, not a request ("please confirm",
    # "asked him to confirm") or the analyst ("I confirm")
    r"\b(?<!')(?!(?:to|please|pls|you|i|we|will|would|can|could|should|must|may|might|not|"
    r"and|or|dont|doesnt|didnt|cannot|also|kindly|just|then|again|vendors?|suppliers?|"
    r"technicians?|engineers?|developers?|analysts?|desk)\b)[a-z]+ confirms?\b(?! (?:with|whether|if)\b)|"
    # the caller's success seen by the analyst ("made a test call in front of me", "left
    # happy"), agreeing to close ("she is OK with closing", "closing on her word")
    r"\bin front of (?:me|us)\b|\b(?:left|went away|walked away) (?:happy|satisfied)\b|"
    r"\b(?:ok|okay|fine|happy) (?:with|for us to|to) clos|\bon (?:her|his|their) word\b|"
    r"\b(?:tested|works?|working|ok|okay)\b[^\n.;]{0,40}\bwith (?:the )?(?:user|caller)\b|"
    # the caller's words reported after a colon ("Dawn: all badges clock in now")
    r"^\W*(?:\d{1,2}[:.]\d\d\W*)?caller:\s[^\n]{0,80}\b(?:now|ok|okay|works?|working|fine)\b|"
    # the user's sign-in seen on the call, which only the user can make after a reset:
    # a note that starts with it ("Signed in, report submitted."), "login OK", the new
    # password set by the user ("She changed it, goods-in screen open"); not a test
    # with the analyst's own or a test account
    r"^\W*(?:\d{1,2}[:.]\d\d\W*)?(?:signed|logged) (?:in|on)\b(?![^\n]*\b(?:my|test|own|admin)\b)|"
    r"\blog(?:in|on) (?:->\s*)?ok\b(?![^\n]*\b(?:my|test|own|admin)\b)|"
    r"\b(?:caller|user|she|he) changed (?:it|the password|her password|his password)\b|"
    # the desk thanking the user for their word, written to them ("Thanks for confirming the
    # search works again", "Thank you for your confirmation, closing now"): what they
    # confirmed must be the success (_confirms_at)
    r"\bthank(?:s| you)(?: very much| so much)? for (?:(?:the|your) )?(?:confirming|"
    r"confirmation)\b|"
    # or glad of what the user told ("Glad to hear the search works again"), likewise
    r"\b(?:glad|good|great|happy|pleased) to hear\b",
)
# The user's word named as a noun ("Per user, issue resolved", "Confirmation received from
# the user", "as per the caller").
_USERS_WORD = Caseless(
    r"\b(?:per|as per|according to) (?:the )?(?:caller|user|customer|requester)\b|"
    r"\bconfirmation (?:\w+ )?(?:from|by|of) (?:the )?(?:caller|user|customer|requester)\b|"
    r"\b(?:caller|user|customer|requester)'?s? confirmation\b"
)
# The user's log-on seen, in terse notes ("usr in.", "user back in"): read on the
# spelled-out line, whose positions differ from the original's (quoted whole).
_CONFIRMED_TERSE = re.compile(
    r"\b(?:user|caller)\s+(?:is\s+)?(?:back\s+)?in\s*(?:[.!;]|$)|"
    r"(?:^\W*|[.;]\s+)(?:back\s+)?(?:in|on)\s+now\s*(?:[.!;]|$)"
)

# --- the user's own words (U4) -------------------------------------------------------------
# A reply is read for what it is not. Each class below is a kind of reply, not a wording.
# It still fails, or failed again ("Still wrong", "crashed again", "no funciona").
_STILL = re.compile(
    r"\bstill\b(?![^.;!?]{0,25}\b(?:works?|working|fine|ok|okay|good|fixed|running|there)\b)|"
    # nothing changed yet ("nothing has been changed yet", "not yet"): the fix not seen
    r"\b(?:nothing|not|no change)\b[^.;!?]{0,30}\byet\b|"
    r"\b(?:not (?:working|fixed)"
    r"|doesn'?t work|does not work|still (?:nobody|nothing|no one|can'?t|cannot|won'?t|"
    r"isn'?t|doesn'?t))\b",
    re.I,
)
# The answer to the desk's question is no, or the fault is as it was: a reply that opens with
# a bare "No" ("No, I'm afraid the page is empty", "Nope."; not "No errors since" or "No
# drops today", which say the problem is gone), or that names what it sees as the same as
# before ("Sorry, same as before", "I get the same empty page"; not "the same" alone, the
# desk idiom for "it": "user has confirmed the same"), or that nothing happens.
_UNCHANGED = re.compile(
    r"^\W*(?:no|nope|nah|not really|afraid not|sadly not)\s*(?:[,.;:!\u2013-]|$)|"
    r"\bsame (?:as (?:before|earlier|yesterday|this morning|last time)|(?:\w+ )?(?:error|problem|"
    r"issue|fault|message|result|behaviou?r|screen|page|thing|way|again)s?)\b|"
    r"\bnothing (?:comes?|came|happens?|happened|shows?|showed|appears?|appeared|prints?|"
    r"printed|loads?|loaded|changed)\b",
    re.I,
)
# A verb of the fault with "again": the fault back ("crashed again", "the job was killed
# again", "timed out again"), whatever the thing that failed.
_STILL_AGAIN = re.compile(
    r"\b(?:fro(?:ze|zen)|freez\w*|crash\w*|fail\w*|stopped|dropp\w*|broke\w*|down|happen\w*|"
    r"came back|is back|killed|hung|hangs?|died|dies|timed out|times out|aborted|abends?|"
    r"errored|erroring|rejected|bounced|disconnected|lost|jammed|cut out|locked(?: out)?|"
    r"stuck|blocked|kicked out|logged out|disappeared|missing|empty|blank) again\b",
    re.I,
)
# A failure in the reply: a negated verb, an error word, or a negation of the desk's other
# languages before a verb ("no funciona", "geht nicht", "nie działa", "werkt niet").
_FAILURE = re.compile(
    r"\b(?:not|never|cannot|can'?t|won'?t|doesn'?t|isn'?t|aren'?t|didn'?t|wasn'?t|no longer|"
    r"unfortunately|sadly|error\w*|fail\w*|crash\w*|broken|stuck|nicht|nie|niet|pas|leider|"
    r"no (?:funciona|va|anda|puedo|podemos|sale)|todav[ií]a no)\b",
    re.I,
)
# A promise, or the matter handed on or left to wait: no word that it works yet ("I'll
# test tomorrow", "Will do", "we'll wait for the replacement", "passed on to the auditors",
# "Karen is speaking to the managers", "lo pruebo mañana").
_DEFERRED = re.compile(
    r"\b(?:i'?ll|i will|we'?ll|we will|will (?:do|test|try|check|let|wait|see|pass|forward)|"
    r"(?:i'?m|i am|we'?re|we are) going to|going to (?:test|try|check|see|wait|let)|wait(?:ing)? (?:for|until)|passed (?:it |this )?on|forwarded|speaking to|"
    # "tomorrow" as a day qualifying a thing ("I've got tomorrow's moves planned") is no wait
    r"talking to|tomorrow(?!['\u2019]s)|later today|next week(?!['\u2019]s)|re-?open|if (?:it|this) (?:happens|comes back|"
    r"recurs)|"
    r"(?:lo |la )?(?:pruebo|probaré|probare)|ich (?:teste|probiere)|je (?:testerai|vais tester)|"
    r"morgen|mañana|demain|jutro|"
    # a hope or a wish is about what may come, not a statement that it works ("Thanks,
    # hopefully nobody reads it.", "fingers crossed")
    r"hopefully|i hope|we hope|let'?s hope|fingers crossed|here'?s hoping|ojalá|hoffentlich|"
    r"j'espère|oby)\b",
    re.I,
)
# A conclusion drawn from the desk's word, "then" ending its sentence ("we'll leave it then",
# "so we carry on using it then", "No virus then"): the user's plan or inference, read like an
# acknowledgement, unless it says it works ("All fine then").
_CONCLUSION = re.compile(r"[^.!?\n]*\bthen\b[^\w\n]*(?=\n|$)", re.I)
# Information sent as asked, not the outcome ("Screenshot attached", "Here is the error
# text", "As requested, my asset tag is ...").
_SUPPLIES = re.compile(
    r"\b(?:attached|attaching|screenshots?|here is|here's|here are|as requested|see below|"
    r"sent you|sending you)\b",
    re.I,
)
# It works, said outright: a promise beside it does not take it back ("Works now, I'll
# shout if it comes back").
_WORKS = re.compile(
    # "working round it" is what the users do meanwhile (a workaround), "working from home"
    # where they are, not that it works
    r"\b(?:works?|working(?! (?:a?round|on|from)\b)|fixed|sorted|fine|all good|resolved|solved|back to normal|perfect|"
    r"funciona|funktioniert|werkt|dzia(?:ł|l)a|marche|fonctionne|for now)\b",
    re.I,
)
# Not written by the user: an automatic reply.
_AUTOMATIC = re.compile(
    r"\b(?:automatic reply|auto-?reply|out of (?:the )?office|abwesenheitsnotiz)\b", re.I
)
# The problem gone: a negation of it, with "since" or "any more" ("Not dropped once since",
# "I can't open it any more", "Nie ma już ostrzeżenia"): no failure.
_GONE = re.compile(
    r"\b(?:not|no|never|nie|kein\w*|ya no|can'?t|cannot|no longer|haven'?t|hasn'?t)\b"
    r"[^.;!?]{0,40}?\b(?:since|any ?more|anymore|once|już|mehr|más)\b|"
    # a negated problem ("no more crashes", "no longer pops up", "no errors today")
    r"\b(?:no|not|never|no longer|without)\b(?: \w+){0,3}? (?:errors?|crash\w*|freez\w*|"
    r"drop\w*|fail\w*|warnings?|prompts?|pop(?:s|ped)?[- ]?ups?|jams?|lockouts?|"
    r"disconnect\w*|bounces?|problems?|issues?|complaints?|appear\w*|happen\w*|repeats?)\b|"
    # a problem gone ("the error is gone", "crashes have stopped")
    r"\b(?:gone|disappeared|vanished|went away|stopped(?! \w+ing))\b",
    re.I,
)
# Thanks, greetings and acknowledgements: what a reply that only acknowledges consists of
# ("Thanks!", "got it thanks", "Understood, thanks Dale.", "thanks for the update").
_ACKNOWLEDGEMENT = re.compile(
    r"\b(?:thanks?(?: you)?(?: (?:very|so) much| a lot| again)?|thank you|thx|cheers|ta|"
    r"many thanks|much appreciated|appreciated|(?:for )?(?:the|your) (?:help|update|info\w*|"
    r"message|e-?mail|mail|heads[- ]?up|reply|news|note|quick help|support)|for letting me "
    r"know|for (?:looking|checking|investigating|having a look|getting back|coming back|"
    # (the desk's effort, thanked, is no result: "thanks for chasing them")
    r"responding|replying|your time|calling|chasing|following (?:it |this |them )?up|trying|escalating)"
    r"(?:(?: (?:into|at|on|up))? (?:it|this|that|them))?|"
    r"got it|understood|noted|received|acknowledged|will do|ok(?:ay)?|yes|sure|fine by "
    r"me|hi|hello|dear|regards|kind regards|best|br|gracias|muchas|danke|vielen dank|dank|"
    r"(?:satisfaction )?survey(?: reply)?|\d+ (?:of|out of|/) ?\d+(?: stars?)?|stars?|"
    r"no comments?|rating|"
    # a reaction to the news the desk gave ("that is a relief", "good to know", "phew")
    r"(?:that(?:'s|\u2019s| is| was)|what) (?:a )?(?:relief|good news|great news)|"
    r"(?:good|great) (?:news|to know|to hear)|relieved|phew|"
    r"merci(?: beaucoup)?|bedankt|dzi(?:ę|e)kuj(?:ę|e)|dzi(?:ę|e)ki|obrigad[oa]|grazie)\b",
    re.I,
)
# Agreement to close, the verb or its noun ("content for closure"), in the desk's languages
# ("please close", "Podéis cerrar", "Bitte schließen", "Vous pouvez clôturer", "Mag gesloten
# worden", "Można zamknąć").
_CLOSE_IT = re.compile(
    r"\b(?:close|closing|closed|closure|cerrar\w*|cerrad\w*|schlie(?:ß|ss)\w*|fermer|cl[oô]tur\w*|"
    r"gesloten|sluiten|zamkn\w*|zamykamy|chiudere)\b",
    re.I,
)
# Consent to a question of the analyst ("Are you happy for me to close?" -> "OK").
_CONSENT = re.compile(
    r"^\W*(?:ok(?:ay)?|go ahead|please do|fine|(?:yes|yep|yeah|sure|s[ií]|tak|ja|oui)"
    # a yes with thanks is still the answer ("Yes thanks"); an "OK thanks" acknowledges
    r"(?:\W+(?:thanks?(?: you)?|thank you|thx|cheers|ta))?)\W*$",
    re.I,
)
# The desk's question whether it works or may be closed, or whether the user can do the thing
# now ("Is the search returning titles for you now?", "Are you able to sign in again?"); not
# a request to try ("Can you try a search and let me know?"), whose "Yes" is a promise.
_ASKS_TO_CLOSE = re.compile(
    r"\b(?:close|closing|working|works|fixed|sorted)\b[^?\n]{0,60}\?|"
    r"\b(?:now|again)\s*\?|\b(?:are|were) you (?:now )?able to\b[^?\n]{0,60}\?",
    re.I,
)
_WORDS = re.compile(r"[^\W\d_]+", re.U)


def says_it_works(said: str, names: frozenset[str] = frozenset()) -> bool:
    """Whether the user's words (as written or spelled out) say it works or agree to close
    (U4). Read by what they are not: still failing, an automatic reply, a promise or the
    matter handed on, a question, a failure, or nothing but thanks, acknowledgement, a rating
    and names (`names`, in lower case: the people of the ticket) is no confirmation; agreement
    to close, "it works", or any other statement is."""
    if _STILL.search(said) or _STILL_AGAIN.search(said) or _AUTOMATIC.search(said):
        return False
    if _unchanged(said):  # "No, same empty page": the answer is that it fails
        return False
    if UNANSWERED.search(said):  # the contact failed: no word from the user at all
        return False
    if _CLOSE_IT.search(said):
        return True
    if said.rstrip().endswith("?"):  # asking, not telling
        return False
    if _works(said):
        return True
    if _DEFERRED.search(said) or _SUPPLIES.search(said):
        return False
    rest = _ACKNOWLEDGEMENT.sub(" ", _CONCLUSION.sub(" ", said))
    left = [w for w in _WORDS.findall(rest) if w.lower() not in names]
    if not left:
        return False
    return not _fails(rest)


def _unchanged(said: str) -> bool:
    """Whether the reply says the fault is as it was (_UNCHANGED), not as a condition ("I'll
    open another ticket when we have same problem")."""
    return any(
        not _CONDITION.search(said, max(0, m.start() - 40), m.start())
        for m in _UNCHANGED.finditer(said)
    )


_CONDITION = re.compile(r"\b(?:if|when|whenever|should|in case|unless)\b[^.;!?,]*\Z", re.I)


def _reports_success(said: str) -> bool:
    """Whether the user's words as a note reports them say it works or agree to close: a
    note also tells the problem and what was asked, so a success must be said, or that the
    user or the thing is ready for the work it was needed for."""
    return (
        says_it_works(said)
        and not _IDENTITY.search(said)
        and bool(
            _CLOSE_IT.search(said) or _works(said) or _SUCCEEDS.search(said) or _READY.search(said)
        )
    )


# Ready for the work the issue stopped ("he is ready for his 10:00 session", "it is ready for
# Monday"): the need met; not ready for the desk's own next step ("ready for testing").
_READY = re.compile(
    r"\bready\b(?!\s+(?:to|for)\s+(?:be\s+)?(?:test\w*|collect\w*|pick\w*|review\w*|"
    r"approv\w*|check\w*|install\w*|deploy\w*))",
    re.I,
)


def _fails(text: str) -> bool:
    """A failure said in `text`, a problem said to be gone aside."""
    return bool(_FAILURE.search(_GONE.sub(" ", text)))


def _works(said: str) -> bool:
    """ "It works", said outright and not negated."""
    return find_affirmed(_WORKS, said) is not None


# The caller's reply quoted in a note ("Gorka replied by mail: "actualizado, gracias""): the
# caller's words, read as a reply.
# The caller's reply named as a thing and pasted after it ("Her reply, pasted from the e-mail
# thread: "It's all coming in now. Thank you, please close.""): the caller's or a pronoun's
# reply, answer or response, its words in quotes after a short lead.
# A line that only names the user's reply, the reply's words on the lines after it ("User's
# answer:" / "INC... has been resolved." / "Thanks."; "Reply from the customer:"): the desk
# relaying the user's words where the export names no caller; _note_lines quotes them after it.
_REPLY_HEADER = (
    r"\b(?:(?:user|caller|customer|requester|client|end user)['\u2019]?s?\s+(?:e-?mail\s+)?"
    r"(?:reply|answer|response)|(?:reply|answer|response) (?:from|of) (?:the )?(?:end )?"
    r"(?:user|caller|customer|requester|client))\b"
)
# (a greeting on a line of its own before the reply is no part of it: "Good morning," / "")
_REPLY_HEADED = re.compile(
    rf"^([ \t]*{_REPLY_HEADER}[ \t]*:)[ \t]*\n"
    rf"(?:[ \t]*(?:{GREETING_WORDS})\b[^\n]{{0,40}}\n(?:[ \t]*\n)*)?"
    r"((?:[ \t]*\S[^\n]*\n?)+)",
    re.I | re.M,
)
_QUOTED_REPLY = re.compile(
    r"(?:\bcaller\s+(?:replied|replies|wrote|answered|answers|responded|responds|said|says|"
    r"writes)\b|"
    r"\b(?:caller['\u2019]s|her|his|their)\s+(?:e-?mail(?:ed)? )?(?:reply|answer|response)\b|"
    # the reply's header, whoever relays it ("User's answer:", "Reply from the customer:"):
    # a relay, read for a success said (_reports_success), as the user's own words are
    rf"(?P<relayed>{_REPLY_HEADER}))"
    r"[^\n\"\u201c]{0,40}[\"\u201c](?P<said>[^\"\u201d\n]{2,200})[\"\u201d]",
    re.I,
)
# Journal authors that are the platform, not a person.
_SYSTEM_AUTHOR = re.compile(r"\b(?:system|admin\w*|integration|maint\w*|guest)\b", re.I)
_BY_CALLER = re.compile(r"\bby (?:the )?(?:caller|user|customer)\b", re.I)


@forgotten_with_text_memos  # (each a pure function of its string; emptied for a cold run)
@functools.lru_cache(maxsize=1024)
def _caller_name(caller: str) -> re.Pattern | None:
    """The caller's names as notes write them ("Karim confirmed by phone", "verified with
    Jan"), to be read as "caller"; None for a caller with no name (a sys_id)."""
    names = [p for p in re.findall(r"[^\W\d_]{3,}", caller) if p[0].isupper() or "." in caller]
    if not names or re.fullmatch(r"[0-9a-f]{32}", caller.strip()):
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n.capitalize()) for n in names) + r")\b")


@forgotten_with_text_memos
@functools.lru_cache(maxsize=1024)
def _caller_parts(caller: str) -> tuple[str, ...]:
    """The caller's names that _caller_name reads, in lower case (none: no pattern); ("",),
    which every line holds, for names not in ASCII (re.I matches "İ" or "ſ" to letters that
    str.lower() does not give)."""
    named = _caller_name(caller)
    if named is None:
        return ()
    if not named.pattern.isascii():
        return ("",)
    return tuple(n.lower() for n in _NAME_PART.findall(named.pattern))


_NAME_PART = re.compile(r"[^\W\d_]{3,}")


@forgotten_with_text_memos
@functools.lru_cache(maxsize=1024)
def _caller_name_any_case(caller: str) -> re.Pattern | None:
    """_caller_name for a line written in one case, where a name has no capital to tell it."""
    named = _caller_name(caller)
    return re.compile(named.pattern, re.I) if named else None


def _analysts(ticket: Ticket) -> set[frozenset[str]]:
    """The people who work the ticket: authors of work notes, and the assignee."""
    out = {name_key(e.author) for e in ticket_text(ticket).work_note_entries}
    out.add(name_key(ticket.assigned_to))
    return out


def _people(ticket: Ticket) -> frozenset[str]:
    """Every name part of the ticket's people (caller, assignee, journal authors)."""
    names = [ticket.caller, ticket.assigned_to]
    tt = ticket_text(ticket)
    names += [e.author for e in (*tt.work_note_entries, *tt.comment_entries)]
    return frozenset(p for n in names for p in name_key(n))


def _caller_reply(ticket: Ticket) -> JournalEntry | None:
    """The caller's last comment (customer-visible replies count: "Please close this
    incident", "yes its working now"). A comment is the caller's when its author is the
    caller (name parts in any order), or, when the export names the caller differently, an
    author who wrote no work note and is not the assignee (exports give the caller as a user
    id, the journal as a display name). With no caller at all (an export without the
    column) no comment is known to be the caller's: the desk and the resolvers who only
    comment are no caller ("2nd attempt of contact done", "Dear Team, please investigate").
    A comment written before anyone else wrote in the ticket is the report, not a reply."""
    caller = name_key(ticket.caller)
    users = {caller} if caller else _written_to(ticket)
    if not users:
        return None
    analysts = _analysts(ticket)
    entries = [e for e in ticket_text(ticket).comment_entries if name_key(e.author)]
    replies = [e for e in entries if name_key(e.author) in users]
    if not replies and caller:
        replies = [
            e
            for e in entries
            if name_key(e.author) not in analysts and not _SYSTEM_AUTHOR.search(e.author)
        ]
    if not replies:
        return None
    # the newest reply decides (journals list the newest first; a time orders them surely),
    # but thanks alone after an earlier reply take nothing back ("Thanks!" after "Yes, all
    # good now", or after "No, same error"): the reply before them decides
    timed = all(e.time for e in replies)
    ordered = sorted(replies, key=lambda e: e.time or "", reverse=True) if timed else replies
    last = ordered[0]
    for earlier in ordered[1:]:
        if not _only_thanks(last.text, ticket):
            break
        last = earlier
    others = [
        e.time
        for e in (*ticket_text(ticket).work_note_entries, *entries)
        if e.time and name_key(e.author) != name_key(last.author)
    ]
    if last.time and others and last.time < min(others):
        return None
    return last


def _reply_said(text: str) -> str:
    """What a reply says: its plain text without the times before its lines and without its
    greetings and sign-offs."""
    return _GREETING.sub("", without_line_times(plain(text))).strip()


def _only_thanks(text: str, ticket: Ticket) -> bool:
    """Whether a reply holds nothing but thanks, greetings and the ticket's names (a bare
    "Yes" or "OK" is an answer, not thanks)."""
    said = _reply_said(text)
    if _CONSENT.match(said):
        return False
    people = _people(ticket)
    rest = _ACKNOWLEDGEMENT.sub(" ", said)
    return not [w for w in _WORDS.findall(rest) if w.lower() not in people]


# A person the desk writes to by a mention ("Hi @Julia Zucosky,"): a name of capitalised words.
_MENTION = re.compile(r"@([A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,2})")
# An account that is no person: a service, portal or integration account ("svc_portal
# Portal", "Accenture Ebonding User", "Integration User").
_SERVICE_ACCOUNT = re.compile(
    r"\b(?:svc|service|portal|e-?bond\w*|integration|interface|api|monitor\w*|event|alert\w*|"
    r"system|admin\w*|guest)\b|_|\buser$",
    re.I,
)


def _written_to(ticket: Ticket) -> set[frozenset[str]]:
    """With no caller in the export, who the user is: the person who opened the ticket, when
    a person and not one of its analysts, and the people the analysts write to by a mention
    in a comment ("Hi @Julia Zucosky,"), analysts aside. Empty when neither is known, or
    when the ticket has no work notes, whose authors tell who the desk is: a comment by
    someone else may then be another team's or the desk's (no caller)."""
    if not ticket_text(ticket).work_note_entries:
        return set()  # who is the desk is not known: anyone may comment as its member
    analysts = _analysts(ticket)
    users = set()
    if ticket.opened_by and not _SERVICE_ACCOUNT.search(ticket.opened_by):
        users.add(name_key(ticket.opened_by))
    for entry in ticket_text(ticket).comment_entries:
        if name_key(entry.author) in analysts:
            users.update(name_key(m) for m in _MENTION.findall(entry.text))
    users.discard(frozenset())
    return users - analysts


# A greeting (GREETING_WORDS) or a sign-off on a line of its own ("Hello,", "Kind regards"):
# around the reply.
_GREETING = re.compile(
    rf"^\W*(?:{GREETING_WORDS}|kind regards|best regards|regards|best|br|thanks in advance)\b"
    r"(?-i:(?:[ ,]+[A-Z][\w.-]*){0,3})\W*$\n?|"
    # the header a mail reply is filed under ("reply from: Jane.Doe@example.com")
    r"^\W*reply from:[^\n]*$\n?",
    re.I | re.M,
)


# The record agreed to be done, by whatever name ("we consider the request closed", "The
# INCIDENT can be considered closed", "please considered the issue solved"): a close agreed;
# the record's name is no identity confirmed (_IDENTITY). Not "we can close the request",
# as often the desk's own question ("Possiamo chiudere la richiesta?").
_RECORD_DONE = re.compile(
    r"\b(?:can|may) be considered (?:as )?(?:closed|resolved|solved)\b|"
    r"\b(?:we|you can|please) consider(?:ed)? (?:this|the) [\w-]+ (?:as )?"
    r"(?:closed|resolved|solved)\b",
    re.I,
)


# The user's own words in a comment where the export names no caller (a requester writes
# "I have confirmed CAD worker is now working. Please close this incident."; a mail relayed
# "I can confirm it is now working"): "I" confirming, checking or verifying, "we" confirming
# ("we have checked" is the desk's too), asking to close this ticket or agreeing it is done
# ("we consider the request closed"); read to the end of its paragraph (a relayed mail
# chain's older mails are not this reply). The desk's own comments ("2nd attempt of contact
# done", "Dear Team, please investigate", "Email sent to user: ... Abbiamo verificato") are
# not in it.
_OWN_WORDS = re.compile(
    r"\bI\s+(?:have\s+|['\u2019]ve\s+|can\s+)?(?:confirm(?:ed)?|confrim(?:ed)?|checked|verified|"
    r"tested)\b|\bwe\s+(?:have\s+|['\u2019]ve\s+|can\s+)?(?:confirm(?:ed)?|confrim(?:ed)?)\b|"
    r"\bplease close (?:this|the) (?:incident|ticket)\b|"
    r"\b(?:you|we) can close (?:this|the) (?:incident|ticket)\b|" + _RECORD_DONE.pattern,
    re.I,
)
_PARAGRAPH = re.compile(r"\n\s*\n|(?<=[.!])\s+(?=(?:from|sent|posted|da|inviato):)", re.I)
_TO_USER = re.compile(r"\b(?:sent|send|wrote|written|replied) to (?:the )?(?:end )?user\b", re.I)


def _own_words(ticket: Ticket) -> str | None:
    """With no caller in the export, the newest comment in which the user, in the first
    person, confirms the fix or asks to close the ticket (a success said: _reports_success):
    its line that does, quoted (not the comment's first line, a greeting or a subject)."""
    if name_key(ticket.caller):
        return None
    analysts = _analysts(ticket)
    for entry in ticket_text(ticket).comment_entries:  # the newest first
        if _TO_USER.search(entry.text) or name_key(entry.author) in analysts:
            continue
        m = _OWN_WORDS.search(entry.text)
        if m is not None:
            said = without_line_times(plain(_PARAGRAPH.split(entry.text[m.start() :], 1)[0]))
            if _reports_success(spelled_out(_RECORD_DONE.sub("please close", said))):
                return quote(entry.text, m.start(), m.end())
        elif _CONFIRMATION_TERMS.holds(entry.text):  # "Confermo che il problema è risolto"
            for line in entry.text.splitlines():
                read = _in_english(without_line_times(plain(line)))
                m = _OWN_WORDS.search(read)
                if m is not None and _reports_success(spelled_out(read[m.start() :])):
                    return quote(line)
    return None


# Agreement that the ticket be closed ("all set to close", "Yes this ticket can be closed",
# "please close"), not a thing closed ("The store is closed at our end").
_CLOSE_AGREED = re.compile(
    r"\b(?:to close|(?:can|may|could) be closed|(?:please|pls|you can|we can|ok to|okay to|"
    r"fine to|happy to) close|close (?:this|the|it)\b|closing (?:this|the|it)\b)",
    re.I,
)


def _pasted_turn(ticket: Ticket) -> str | None:
    """The caller's last turn of a chat pasted into a work note (the newest note with one),
    when it says the fix works (U4: the user's own word): the turns of the caller by name,
    or of a transcript's other side to the desk (tqrs.rules.note_parts.others_turns). The
    caller's earlier turns told the issue; the last one is the word on the fix."""
    named = frozenset(name_key(ticket.caller))
    for entry in ticket_text(ticket).work_note_entries:  # the newest first
        turns = others_turns(entry.text, entry.author, named)
        if turns:
            said = turns[-1]
            return said if says_it_works(spelled_out(said), _people(ticket)) else None
    return None


# A mail that asks: a question, or a request other than to close ("could you ...", "please
# check ..."): the report or the caller's next request, not the word on the fix.
_MAIL_ASKS = re.compile(
    r"\?|\b(?:could|can|would|will) you\b(?!\s+(?:please\s+)?close\b)|"
    r"\b(?:please|pls|kindly)\b(?!\s+close\b)|\bi need\b",
    re.I,
)


def _mailed_word(ticket: Ticket) -> str | None:
    """The caller's newest e-mail pasted into a note or a comment (of the newest entry with
    one; in an entry, the first: a pasted thread puts its newest message on top and quotes
    the older below), when it says the fix works (U4, as _pasted_turn: the newest message is
    the word on it)."""
    text = ticket_text(ticket)
    pasted = [
        (entry.time, mails[0])
        for entry in (*text.work_note_entries, *text.comment_entries)
        if (mails := caller_mails(entry.text, ticket.caller))
    ]
    if not pasted:
        return None
    # the newest (an entry without a time, as an export may print it, read as the oldest)
    said = max(pasted, key=lambda x: (x[0] is not None, x[0] or 0))[1]
    if _MAIL_ASKS.search(said):
        return None  # the report or a request ("Could you please close the workflow ...?")
    return said if says_it_works(spelled_out(said), _people(ticket)) else None


def _reply_confirms(ticket: Ticket, reply: JournalEntry) -> bool:
    entries = [e for e in ticket_text(ticket).comment_entries if name_key(e.author)]
    said = _reply_said(reply.text)
    if not name_key(ticket.caller):
        # the user known only as the person the desk writes to: their comment may be any
        # part of the exchange (an answer, the order number asked for), so a success or a
        # close must be said, as of the words a note reports, and no failure left unsaid
        # ("The store is closed at our end, we cannot see any entries")
        read = spelled_out(said)
        agreed = _CLOSE_AGREED.search(read) or _works(read)
        return _reports_success(read) and bool(agreed or not _fails(read))
    if says_it_works(spelled_out(said), _people(ticket)):
        return True
    return bool(_CONSENT.match(said)) and _asked_to_close(reply, entries)


def _last_word_is_the_fault(ticket: Ticket, reply: JournalEntry) -> bool:
    """Whether the caller's reply, written after every other entry of the notes and
    comments, says the fault is still there or as before (the latest word counts: a
    confirmation noted before it is taken back)."""
    if not reply.time:
        return False
    tt = ticket_text(ticket)
    others = [
        e.time
        for e in (*tt.work_note_entries, *tt.comment_entries)
        if e.time and e is not reply and name_key(e.author) != name_key(reply.author)
    ]
    if not others or reply.time <= max(others):
        return False
    # the reply's own words, above the desk's message it may quote ("Reply to this e-mail
    # if the issue is not fixed"); a reply that also says it works or agrees to close is
    # no such word ("still can't find it. Happy for you to close this one")
    said = before_quoted_mail(_reply_said(reply.text))
    if _works(said) or _CLOSE_AGREED.search(said):
        return False
    return bool(_STILL.search(said) or _unchanged(said) or _STILL_AGAIN.search(said))


def _asked_to_close(reply: JournalEntry, entries: list[JournalEntry]) -> bool:
    """Whether the comment just before `reply` (by someone else) asks whether it works or
    may be closed: a bare "OK" answers it."""
    if not reply.time:
        return False
    before = [e for e in entries if e.time and e.time < reply.time and e.author != reply.author]
    if not before:
        return False
    return bool(_ASKS_TO_CLOSE.search(plain(max(before, key=lambda e: e.time).text)))


# --- the user's word in the desk's other languages (U4: "in any language") ----------------
# The confirmation written in Italian, Portuguese or Spanish, read in the English words the
# readings below know (tqrs.rules.glossary, as caller validation reads its methods): the user
# as subject with the verb of confirming ("L'utente è stato contattato telefonicamente ed ha
# confermato la risoluzione", "O usuário confirmou", "El usuario confirmó"), the confirmation
# from the user ("Problema confermato dall'utente risolto", "Ricevuta conferma dall'utente"),
# the user's own "Confermo"; negations first ("Non ho ricevuto conferma da parte
# dell'utente"), so that the English reading sees them. The terms of the Hitachi Rail export's
# Italian close notes (tests/real_corpus) and of ordinary pt-BR and Spanish desk usage.
_USER_IN = r"(?:l'|il |la |o |a |el )?(?:utente|richiedente|usu[áa]ri[oa]|solicitante)"
_CONFIRMING = r"(?:ha |hanno |è |e )?(?:confermato|confermando|confirmou|confirm[óo]|confirmando)"
_CONFIRMATION_TERMS = Glossary(
    (
        (
            r"\b(?:non|não|nao|no) (?:ha |hanno |ho |abbiamo |è stat[oa] |foi |fue |se ha |"
            r"recebemos |recibimos )?(?:ancora |mai |ainda |todavía )?"
            r"(?:ricevut[oa] |avut[oa] |recebid[oa] |recibid[oa] )?"
            r"(?=conferm|confirm|verificat|verificad|testat|testad|provat|probad|comprobad)",
            "not ",
        ),
        # a confirmation awaited ("In attesa di conferma da parte dell'utente")
        (r"\b(?:in attesa (?:di |della )|aguardando (?:a )?|esperando (?:la )?)(?=conf)", "awaiting "),
        # the subject and the verb, whatever is between them that negates nothing ("L'utente
        # Francesco Guasti ha confermato", "l'utente, tramite contatto telefonico ha
        # confermato", "L'utente a valle di tale operazione ha confermato")
        (
            rf"\b{_USER_IN}\b(?:(?!\bnot?\b|\bsenza\b|\bmai\b|\bsem\b|\bsin\b)"
            rf"[^.;\n]){{0,80}}?\b(?:ed |e |y )?{_CONFIRMING}\b",
            "user confirmed",
        ),
        (rf"\b{_USER_IN} (?:conferma|confirma)\b", "user confirms"),
        # the user's word that nothing is wrong any more, as the analyst reports it after a
        # contact ("L'utente non riscontra problemi nell'utilizzo del GPLM", "O usuário não
        # apresenta mais erros"): the need met (U4)
        (
            rf"\b{_USER_IN} (?:non (?:riscontra|rileva|ha) (?:più |piu' )?|n[ãa]o (?:tem|"
            r"apresenta|relata) (?:mais )?|no (?:tiene|presenta|reporta) (?:m[áa]s )?)"
            r"(?:alcun[oa]? )?(?:problem[ia]|errori|anomalie|problemas|erros|errores)\b",
            "user confirmed it works",
        ),
        (
            r"\b(?:confermat[oa]|confirmad[oa]) (?:dall'|da parte dell'|dal |pel[oa] |"
            r"por (?:el |la |o |a )?)(?:utente|richiedente|usu[áa]ri[oa]|solicitante)\b",
            "confirmed by the user",
        ),
        (
            r"\b(?:conferma|confirma[çc][ãa]o|confirmaci[óo]n) (?:dall'|da parte dell'|dal |"
            r"do |da |del |de la )(?:utente|richiedente|usu[áa]ri[oa]|solicitante)\b",
            "confirmation from the user",
        ),
        # the fix checked together with the user ("Risoluzione verificata con l'utente",
        # "Solução testada com o usuário", "Probado junto con el usuario"), as the English
        # reading's "verified with the user"
        (
            r"\b(?:verificat[oaie]|testat[oaie]|provat[oaie]|verificad[oa]s?|testad[oa]s?|"
            r"probad[oa]s?|comprobad[oa]s?) (?:insieme |junto )?(?:con|com|insieme a|junto a) "
            rf"{_USER_IN}\b",
            "verified with the user",
        ),
        (r"\b(?:ricevut[oa]|recebid[oa]|recibid[oa]) (?:la |a )?(?=confirmation|conferma)", "received "),
        # the user's own word in a comment ("Confermo che il problema è stato risolto")
        (r"\b(?:confermo|confirmo)\b", "i confirm"),
        (r"\b(?:risolt[oaie]|resolvid[oa]s?|resuelt[oa]s?|solucionad[oa]s?)\b", "resolved"),
        (r"\b(?:funziona|funciona)\b", "works"),
    ),
    (
        "utente", "richiedente", "usuári", "usuari", "solicitante", "conferm", "confirmou",
        "confirmó", "confirmo", "confirmad", "confirmaç", "confirmac", "confirmando",
        "attesa", "aguardando", "esperando",
    ),
)  # fmt: skip


def _in_english(line: str) -> str:
    """A note's line as read (_reads), in English words when it holds a confirmation of the
    desk's other languages; else as it is."""
    lower = line.lower()
    return _CONFIRMATION_TERMS.in_english(lower) if _CONFIRMATION_TERMS.holds_line(lower) else line


# --- the user's word or success written by the analyst (U3-U5) ----------------------------
# Who is on the user's side (U3): the caller (names read as "caller"), a pronoun, the users,
# their team, site or manager; a person's name is read from the line as written.
_SIDE = (
    r"(?i:caller|user|users|customer|customers|requester|she|he|they|team|staff|"
    r"colleagues|everyone|everybody|manager|supervisor|lead|leader|boss|"
    r"office|site|floor|gatehouse|dispatch|shift)"
)
# Agreeing or being content: the user's word reported (U4), which needs no object.
_AGREES = (
    r"(?:confirm(?:s|ed)?|(?:is|are) confirming|agree(?:s|d)?|accepted|"
    r"(?:(?:is|was|are|were|'s) )?(?:happy|satisfied|content|pleased|ok|okay|fine|good)(?! to\b))"
)
# Telling: the user's words reported, read like a reply ("Lesley says dispatch is running"),
# in the present as in the past (a desk's running commentary: "Omar replies the batch finished").
_TELLS = (
    r"(?:says|said|reports?|reported|replied|replies|answered|answers|wrote|writes|tells|"
    r"told (?:us|me)|advised|advises|states|stated|mentioned|informed us|let us know|came back|"
    # a verb of writing, in either tense, with the words it wrote quoted or after a colon
    # ("Dr Lee mails "all there, close it"", "she texted: printing again"): its message
    r"(?:e-?mail(?:s|ed)|mail(?:s|ed)|messag(?:es|ed)|text(?:s|ed))(?=\s*(?:back\s*)?[:\"\u201c])|"
    # the present continuous of the same desk idiom ("User is saying issue is resolved now")
    r"(?:is|are) (?:saying|telling|stating|informing|mentioning|reporting))"
)
# Checking or trying: the user's test, an outcome when a success is said of it.
_CHECKS = r"(?:verified|verifies|tested|tests|checked|checks|tried|tries|tried out)"
# Doing, in words only a person's doing takes: the sign-in, the user back at work, able to.
_ACTS = (
    r"(?:signed|logged|got|is|was|are|were) (?:back )?(?:in|on)\b|back (?:in|on|at work|online)\b|"
    r"(?:can|could) (?!not\b)(?:now |again |all )?[a-z]+|(?:is|are|was|were) (?:now )?able to [a-z]+|"
    r"(?:is|are|was|were) (?:now )?(?:back|taking|working|running|printing|scanning|booking|"
    r"using)|made (?:a |his |her |their )?(?:test )?calls?"
)
# Doing, in one verb: an outcome when what it is done to is what the issue names; the
# participles that differ from the past for the perfect ("she had run the report").
_DOES = (
    # (a word in "s" before an apostrophe is a plural's possessive, "the fitters' group", no verb)
    r"(?:[a-z]{3,}ed|[a-z]{3,}s(?!['\u2019])|sent|saw|sees|took|ran|got|set|put|read|heard|did|"
    r"(?:(?<=has )|(?<=had )|(?<=have ))(?:run|seen|taken|done))"
)
# Verbs that tell the problem, the contact or the validation, not the outcome.
_NOT_OUTCOME = frozenset(
    "called phoned rang emailed e-mailed messaged texted reported requested asked forgot "
    "locked needed needs wanted wants tried tries raised logged signed rebooted restarted "
    "clicked deleted removed lost dropped received gets got has was is are were does "
    # a contact made, not the outcome ("User reached out via Ring", "Mr Hale attended the
    # desk"), or the fault described ("She described the error: ...")
    "reached contacted pinged attended visited described describes "
    "expired changed typed entered verified validated provided gave gives had saved "
    "rebranded moved left uses used lives works "
    # the plural noun after "user", "staff" or "team" as a modifier ("user settings", "staff
    # accounts"): a thing of theirs named, not a verb they did
    "settings accounts profiles preferences permissions rights groups details".split()
)


# Verbs of information supplied ("user sent screenshot showing ...", "User has sent
# files"): the user's word only when what they sent says it works (U4).
_SUPPLIED = frozenset("sent sends shared shares attached attaches".split())


# Where the user is as they speak, between the subject and a verb of saying or agreeing or a
# colon ("Reuben on the bridge says ...", "Jade on bridge: all systems normal", "Tom at the desk
# confirms"); before any other word it is no place of speaking ("reception staff at both
# centres").
_WHERE_SPEAKING = (
    r"(?:\s+(?:on|at|in|over|via)\s+(?:the\s+|her\s+|his\s+|their\s+|a\s+)?[a-z][\w-]*"
    rf"(?=\s+(?i:{_TELLS}|{_AGREES})\b|\s*:))?"
)


# A pronoun that says or confirms, where a note written without punctuation starts its
# clause ("all good he said close it", "papers open, an emoji, she said ..."): "he", "she" and
# "they" are only ever subjects, so the clause starts at them whatever stands before
# (_user_outcome reads what does, for the analyst or a request).
_UNPUNCTUATED = (
    rf"(?<=\S)\s+(?=(?i:he|she|they)\s+(?:(?:has|have|had)\s+)?(?:also\s+|then\s+)?"
    rf"(?i:{_TELLS}|confirm(?:s|ed)?)\b)"
)


# A clause: its subject (the user's side, or any word, which must then be one of the ticket's
# people), its verb and the rest of it (bounded: every subject of a line is tried, and a line
# may be a page long). One pattern for every ticket: who is who is checked
# on each match (_on_users_side), not compiled into a pattern per ticket.
_SUBJECT_VERB = re.compile(
    rf"(?:^\W*|[.;!:,(]\s*|\band\s+|->\s*|\s[-\u2013]\s+|{_UNPUNCTUATED})"
    rf"(?:the |our |his |her |their |all |both |[\w']+ )??"
    rf"(?:\w+ )??(?P<who>{_SIDE}|[A-Za-z][a-z]{{2,}})(?: [A-Z][a-z]+)?(?:\s*\([^()\n]{{1,40}}\))?"
    rf"{_WHERE_SPEAKING}\s+"
    rf"(?:(?:has|have|had)\s+(?:then\s+|since\s+)?)?(?:also\s+|now\s+|then\s+(?=[a-z]{{3,}}ed\b))?"
    rf"(?i:(?P<agrees>{_AGREES})|(?P<tells>{_TELLS})|(?P<checks>{_CHECKS})|"
    rf"(?P<acts>{_ACTS})|(?P<does>{_DOES}))\b(?P<rest>[^.;\n]{{0,160}})"
)
# The user named as an object or an owner ("called her -", "her classes"): the user's side
# in a reported reply, never the subject of a clause's verb.
_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
_SIDE_WORD = re.compile(rf"{_SIDE}|(?i:{'|'.join(sorted(_OBJECT_PRONOUNS))})")


# The first person, a request or an intention: the analyst, or what was asked of the user.
_ANALYST_SIDE = re.compile(
    r"\b(?:i|we|my|our|asked|told|advised|instructed|requested|reminded|please|pls|so|"
    r"so that|once|until|if|when|whether)\b",
    re.I,
)
# A verb of contacting before a name makes it the object, not the subject ("Called Pavel back
# on the night-shift mobile").
_CONTACTED = re.compile(
    r"\b(?:called|phoned|rang|emailed|e-mailed|messaged|texted|contacted|reached|chased|"
    r"pinged)\s*$",
    re.I,
)
# After the verb: the analyst's own test, or what is yet to happen.
_NOT_THE_USERS = re.compile(
    r"\b(?:my|test account|test user|test pc|admin account|to confirm|once|until|if|whether|"
    r"will|would)\b",
    re.I,
)
# What a saying verb confirms that is the caller's identity, not the fix.
_IDENTITY = re.compile(
    r"\b(?:name|names|id|identity|employee|staff|dob|date of birth|birth|number|no\.|"
    r"no(?= ?#?\d)|details|address|badge|manager'?s|security questions?|who|is on shift|"
    r"asked for|request)\b",
    re.I,
)
# What the user can do, told after their check ("... and can see the boat", "..., could
# print again").
_ABLE_AFTER = re.compile(
    r"(?:,|\band)\s+(?:(?:he|she|they|now)\s+)?(?:can|could|(?:is|are|was|were) able to)\s+"
    r"(?:now\s+|again\s+|all\s+)?[a-z]{3,}",
    re.I,
)
# A success or a completion said of the outcome ("-> OK", "works", "opens").
_SUCCEEDS = re.compile(
    r"\b(?:ok|okay|works?|working|fine|success\w*|opens?|loads?|prints?|connects?|connected|"
    r"back|again|done|complete[ds]?|finished|submitted|sent|approved|released|published|issued|"
    r"booked|printed|opened|running|held|normal|now)\b|->",
    re.I,
)
# An access ticket (a password, a lockout, a sign-in), where the sign-in seen is what only the
# user can do after a reset or an unlock (U5: "Logon OK", "In.").
_ACCESS_ISSUE = re.compile(
    r"\b(?:password|passwort|pwd|pw|locked|lockout|unlock|"
    # not the sign-in page of a web site or a guest network that fails to load ("guest Wi-Fi
    # login page not loading"): a page, which the analyst sees load as well as the user
    r"(?:log ?in|log ?on|sign ?in)(?![- ]?(?:page|portal|splash)s?\b)|"
    r"credentials?|expired)\b",
    re.I,
)
# Words that say nothing of what an issue is about.
_COMMON = frozenset(
    "the and for with from that this have has was were are not user users caller after when "
    "into been will can cannot unable please issue problem working work works today morning "
    "since time again still help need needs every their them they there what which while "
    "all any one two three new old back now since".split()
)


def _stem(word: str) -> str:
    return light_stem(word.lower())


@forgotten_with_text_memos
@functools.lru_cache(maxsize=256)
def _issue_stems(opening: str) -> frozenset[str]:
    """The stems of the words the short description and description use for the issue."""
    return frozenset(_stem(w) for w in words(opening.lower()) if len(w) >= 4 and w not in _COMMON)


def _clauses(pattern: re.Pattern, line: str):
    """Every match of `pattern` in `line`, one at each subject, overlapping: a clause read
    to its end may hold the next clause's subject ("Chloe phoned the desk: ..., she is OK
    with closing")."""
    pos = 0
    while (m := pattern.search(line, pos)) is not None:
        yield m
        pos = m.start("who") + 1


# The same subject's confirmation in a later clause of the sentence.
_CONFIRMED_AFTER = re.compile(
    r"[^.;\n]{0,160}?,\s*(?:and\s+)?(?:confirm(?:s|ed)?|agreed|(?:is |was )?happy)\b(?! (?:her|his|"
    r"their|the caller'?s?|employee|staff|id|identity)\b)",
    re.I,
)


# The user's words after a colon or a dash, as a note reports them ("Dawn: all badges clock
# in now", "Called caller - works, OK to close").
_REPORTED = re.compile(
    r"(?:^|[.;]\s+)\W*(?:(?i:called|rang|phoned|spoke (?:to|with)|checked with|heard "
    r"(?:back )?from|followed up with|chased|reached)\s+)?(?:the )?"
    rf"(?P<who>{_SIDE}|(?i:him|her|them)|[A-Za-z][a-z]{{2,}})(?:\s*\([^()\n]{{1,40}}\))?"
    rf"{_WHERE_SPEAKING}(?: back)?\s*(?::|\s-)\s+(?P<rest>[^\n]{{1,200}})"
)


# What follows a verb when its object is a clause of its own: "that" and what was said, or
# a subject and its verb ("confirms he made no call").
_REPORTED_SPEECH = re.compile(r"^\s*(?:,\s*)?that\b", re.I)
_OWN_CLAUSE = re.compile(
    r"^\s*(?:that\s+)?(?:he|she|they|it|we|i|there|nobody|no one|someone)\s+"
    r"(?:[a-z]{3,}ed|did|made|had|has|have|was|were|is|are|saw|got|sent|took|"
    r"can|could|would|will|does|do)\b",
    re.I,
)


def _on_users_side(who: str, people: "_People") -> bool:
    """Whether a clause's subject is the user's side: a word for it, or one of the
    ticket's people who is not its analyst."""
    return bool(_SIDE_WORD.fullmatch(who)) or who.lower() in people.others


# A clause in the passive voice whose agent is the user's side ("a test push was approved by
# the caller", "LoftTrack was opened by her without error"), read in the active voice ("the
# caller approved a test push") so that the clause readings below read its subject and verb:
# a formal report writes the user's own act this way.
_PASSIVE_BY_USER = re.compile(
    r"(?<![^\s.;:,])(?!(?:and|but|then)\b)(?P<object>[^\s.;:,\n](?:(?!\b(?:and|but|then|was|were)\b)[^.;:,\n]){0,80}?) "
    r"(?:was|were|has been|have been|had been)"
    r"(?: (?:then|now|also|successfully|finally))? (?P<verb>[a-z]{3,}ed|set|run|made|done|read|"
    r"seen|taken|sent|put) by (?:(?:mr|mrs|ms|miss|dr)\.? )?"
    r"(?P<who>(?:the )?(?:caller|user|customer|requester)|him|her|them)"
    r"\b(?!'s)",
    re.I,
)
_SUBJECT_OF = {"him": "he", "her": "she", "them": "they"}
# The participles whose past tense differs ("a card payment was taken by her": "she took")
_PAST_OF = {"seen": "saw", "taken": "took", "run": "ran"}
# A question word in what was done: a question asked of it ("what adjustment was done by the
# user?", "Check what has been done by the user"), no statement of the user's act.
_ASKED = re.compile(r"\b(?:what|which|whether|how|why|who)\b", re.I)


def _in_active_voice(line: str) -> str:
    """`line` with each passive clause whose agent is the user's side in the active voice."""
    if " by " not in line:
        return line
    return _PASSIVE_BY_USER.sub(
        lambda m: (
            m[0]
            if _ASKED.search(m["object"])
            else (
                f"{_SUBJECT_OF.get(m['who'].lower(), m['who'])} "
                f"{_PAST_OF.get(m['verb'].lower(), m['verb'])} {m['object']}"
            )
        ),
        line,
    )


# The user's side getting in touch, then giving their word, one subject for both verbs ("Mr
# caller rang later in the morning and confirmed that the post was filed", "she e-mailed back
# and says all fine"): the second verb is the subject's, read as "<subject> confirmed ...".
_GOT_IN_TOUCH = re.compile(
    rf"\b(?P<who>{_SIDE})\s+(?:rang|called|phoned|emailed|e-mailed|messaged|texted|"
    r"came back|got back|wrote back|replied|replies)\b[^.;,\n]{0,60}?\s+and\s+(?:then\s+|also\s+)?"
    rf"(?=(?i:{_AGREES}|{_TELLS})\b)"
)


# The user's side getting in touch to tell their word, the purpose being what they said ("Dr
# caller rang back at 14:20 to say the graphs are back", "she e-mailed to let us know it
# prints", "Mr caller has since written to say the letters are filed"): read as "<subject>
# said ...". The analyst calling to ask is no such clause (its
# subject is the analyst's, or none: "Called Mark to confirm he can see it").
_IN_TOUCH_TO_SAY = re.compile(
    rf"\b(?P<who>{_SIDE})\s+(?:(?:has|have|had)\s+(?:since\s+|then\s+)?)?"
    r"(?:rang|rung|called|phoned|emailed|e-mailed|messaged|texted|wrote|written|"
    r"came back|got back|wrote back|got in touch)\b[^.;,\n]{0,60}?\s+to\s+"
    r"(?:say|tell (?:us|me|the desk)|let (?:us|me|the desk) know)\b(?:\s+that\b)?\s*",
    re.I,
)


def _in_touch_read(line: str, people: "_People") -> str:
    """`line` with each "<the user's side> rang ... and confirmed" read as "<subject>
    confirmed", and each "<the user's side> rang ... to say" as "<subject> said"; not when
    the contact was about another record ("called for INC0226 and said it was fixed": the
    word is of that incident)."""
    for pattern, verb, word in ((_GOT_IN_TOUCH, "", " and "), (_IN_TOUCH_TO_SAY, " said", " to ")):
        if word in line:
            line = pattern.sub(
                lambda m, verb=verb: (
                    m[0] if _another_record(m[0], people) else f"{m['who']}{verb} "
                ),
                line,
            )
    return line


# A note dictated as one run of words (clause_split.dictated_cut), read when it is ten words or
# more: its clauses told apart by their subjects, the user's side saying or doing anew.
_RUN_WORDS = 10


def _user_outcome(line: str, people: "_People", machine: bool) -> re.Match | None:
    """A clause of `line` whose subject is the user's side and whose verb says they confirmed
    it, agreed or are content, or tells their words (U4), or says they did the thing that had
    failed (U5): the sign-in or a person's act (on an access ticket, or with a success said),
    or a verb done to what the issue names. On a monitoring ticket only the user's word
    counts (U2: a user quoted)."""
    if line.isupper():  # a line in capitals: its words, not its names, are read
        line = line.lower()
    line = _in_active_voice(dictated_cut(line, min_words=_RUN_WORDS, acts_only=False))
    line = _in_touch_read(line, people)
    for said in _clauses(_REPORTED, line):
        if not _on_users_side(said["who"], people):
            continue
        words_said = _own_field(said["rest"])
        if not _IDENTITY.search(words_said) and _reports_success(words_said):
            return said
        break
    for m in _clauses(_SUBJECT_VERB, line):
        if not _on_users_side(m["who"], people) or m["who"].lower() in _OBJECT_PRONOUNS:
            continue  # "Her classes at Kirkbrae list ...": a possessive, no subject
        if _means_the_analyst(line, m, people):
            continue  # "The analyst connected to the till. He set it back ...": the analyst
        rest = m["rest"]
        # the analyst or a request: before the subject or after the verb, where the verb
        # itself may be one of the request's words ("User advised issue resolved")
        before = line[m.start() : m.start("who")]
        if not before.strip():  # a clause begun mid-sentence: the words before are its lead
            before = _CLAUSE_END.split(line[: m.start("who")])[-1]
        if _ANALYST_SIDE.search(before) or _CONTACTED.search(before) or _NOT_THE_USERS.search(rest):
            continue
        if _STILL.search(f"{m['who']} {rest}") or _fails(rest):
            continue
        # a negation in an earlier clause ("Two days without a freeze, Imran confirms") is
        # not this one's
        clause = line.rfind(",", 0, m.start("who")) + 1
        if negated(line[clause:], m.start("who") - clause):
            continue
        if m["agrees"] and _A_PLAN.match(rest):
            continue  # a plan confirmed ("confirmed that the test will be done Monday")
        # the same subject's second verb, of saying ("Ruby checked them and says great, close
        # it"): the user's word when what is said tells the success or agrees to close (U4)
        told = _AND_TELLS.search(rest)
        if told and _reports_success(told["said"]) and not _another_record(m[0], people):
            return m
        if m["agrees"]:
            # "Ravi confirms he made no call": what is confirmed is a clause of its own,
            # which must say the success (U4), as a reported word does
            if not _IDENTITY.search(rest) and (
                not _OWN_CLAUSE.match(rest) or _reports_success(rest)
            ):
                return m
        elif m["checks"]:
            # "Jack checked it on his phone and can see the boat": the user's own check,
            # with what they are able to do after it (U5; a failure was ruled out above)
            if (
                _works(rest) or _SUCCEEDS.search(rest) or _ABLE_AFTER.search(rest)
            ) and not _IDENTITY.search(rest):
                return m
        elif m["tells"]:
            if (
                not rest.startswith(",")
                and _reports_success(rest)
                and not _said_of_another_thing(rest, people)
            ):
                return m
        elif machine:
            continue
        elif _CONFIRMED_AFTER.match(rest):  # "Jane released her jobs, confirmed on the phone"
            return m
        elif m["acts"]:
            if people.access or _SUCCEEDS.search(rest) or _overlaps(rest, people.issue):
                return m
        elif _REPORTED_SPEECH.match(rest):
            # "She explained that the problem is only with the big sheets": a verb of
            # saying or thinking, whose object is what was said: a word of the user only
            # when it says outright that it works or agrees to close (U4)
            if says_it_works(rest) and (_works(rest) or _CLOSE_IT.search(rest)):
                return m
        elif m["does"].lower() in _SUPPLIED:
            if _works(rest):  # "User sent an email to communicate that problem solved"
                return m
        elif m["does"].lower() not in _NOT_OUTCOME and (
            _done_to_the_issue(rest, people) or _works(rest) or _sees_the_missing(m, people)
        ):
            return m
    return None


# What was said, with a thing named as its subject ("she said the freezers were fine"): the
# word is of that thing.
_SAID_OF = re.compile(
    r"^\s*(?:that\s+)?(?:the|her|his|their|our|its)\s+(?P<thing>(?:[\w-]+\s+){0,2}?[\w-]+)\s+"
    r"(?:is|are|was|were|(?:has|have|had) been)\b",
    re.I,
)


def _said_of_another_thing(said: str, people: "_People") -> bool:
    """Whether what the user's side said is of a thing the issue does not name (in words of
    any length: "the PC"), with no close agreed: a success of something else is no word on
    the fix (U4; "There was a power cut, she said the freezers were fine")."""
    m = _SAID_OF.match(said)
    if m is None or _CLOSE_IT.search(said):
        return False
    named = {_stem(w) for w in words(people.opening.lower())}
    return not any(w in _THE_ISSUE or _stem(w) in named for w in words(m["thing"].lower()))


# What names the issue itself, whatever it is about ("the issue is resolved").
_THE_ISSUE = frozenset("issue issues problem problems fault error incident ticket case".split())


# Where a verb's object ends: a comma, or "and" before the next clause's subject, a noun
# phrase with its determiner ("New patch lead fitted, terminal set to ...", "replaced the AP
# and the scanners roam ..."; not "as Reviewer and Approver").
_VERBS_OWN = re.compile(r",|\band\s+(?=(?:the|a|an|all|both|every|its|their|his|her|\d+)\b)", re.I)


def _done_to_the_issue(rest: str, people: "_People") -> bool:
    """Whether what a verb is done to is what the issue names, or the sign-in on an access
    issue ("completed a logon to the PC"): its object, to the end of its clause, or with
    the results an arrow gives the act ("reopened cal -> loads, can book")."""
    done_to = _VERBS_OWN.split(rest, 1)[0]
    if "->" in done_to:
        done_to = rest
    return _overlaps(done_to, people.issue) or bool(people.access and _ACCESS_ISSUE.search(done_to))


# A pronoun that stands for a person: who it is, is the person last named before it.
_PRONOUN = frozenset({"he", "she", "they"})
# The analyst written of in the third person, as a formal report does ("The analyst
# connected to SM-TILL1 ...", "the engineer on site"), or the user's side by a noun.
_ANALYST_NOUN = re.compile(
    r"\b(?:analyst|technician|engineer|agent|desk)\b|(?P<user>\b(?:caller|user|users|customer|"
    r"requester|receptionist|manager|colleague|staff)\b)",
    re.I,
)


def _means_the_analyst(line: str, m: re.Match, people: "_People") -> bool:
    """Whether the subject of `m`, a pronoun, stands for the analyst: the person named last
    before it in the line is the analyst (by that word, or by an analyst's name), not the
    user's side (a noun of it, or one of the ticket's other people)."""
    if m["who"].lower() not in _PRONOUN:
        return False
    before = line[: m.start("who")]
    last = None
    for named in _ANALYST_NOUN.finditer(before):
        last = named
    analyst = last is not None and last["user"] is None
    at = last.end() if last else 0
    for word in _WORDS.finditer(before, at):
        part = word[0].lower()
        if part in people.analyst_names:
            analyst = True
        elif part in people.others and word[0][:1].isupper():
            analyst = False
    return analyst


# Seeing, in the present or the past ("he sees them in the app", "she saw it on her
# statement"), with a pronoun for what it sees.
_SEES_IT = re.compile(r"(?:sees|saw)\s+(?:it|them|they|both|all)\b", re.I)
# An issue of a thing missing: it has not appeared, does not show, is missing or gone.
_MISSING = re.compile(
    r"\b(?:missing|disappeared|(?:not|never) (?:been |yet )?(?:appear\w*|show\w*|visible|"
    r"arrived|received|added|credited|there)|do(?:es)?(?: not|n'?t) (?:appear|show))\b",
    re.I,
)


def _sees_the_missing(m: re.Match, people: "_People") -> bool:
    """On an issue of a thing missing, the user's side seeing it (a pronoun for the thing):
    the user's success (U5), read where the thing is not named again."""
    return bool(_SEES_IT.match(f"{m['does']}{m['rest']}")) and people.missing


# The next field of a record written as fields ("Shift: days | Status: resolved | Done: ...",
# a hand-over template): a label and its colon after a bar. What a label before a colon holds
# ends there; "Shift: days" is the shift's name, not the shift's word.
_NEXT_FIELD = re.compile(r"\s*\|\s*[A-Za-z][\w /'-]{0,30}:")


def _own_field(rest: str) -> str:
    """What follows a subject's colon, to the next field of a record written as fields."""
    return _NEXT_FIELD.split(rest, 1)[0] if "|" in rest else rest


def _another_record(clause: str, people: "_People") -> bool:
    """Whether `clause` names a record other than the ticket ("The user called for INC0226
    and said that it was fixed": the word is of that incident)."""
    own = people.number.upper()
    return any(n.upper() != own for n in _RECORD_NUMBER.findall(clause))


_RECORD_NUMBER = re.compile(r"\b(?:INC|RITM|REQ|SCTASK|TASK|CHG|PRB)\d{5,}\b", re.I)


# A clause's second verb, of saying, with what was said.
_AND_TELLS = re.compile(rf"\band (?:then |also )?(?i:{_TELLS})\b(?P<said>[^.;\n]*)", re.I)


# A test done with the user, with its result ("Test call 15 min with caller -> no crackling",
# "Test call in and out OK with caller"): the user's success during the contact (U5).
_WITH_USER = re.compile(
    r"\b(?:test\w*|tried|trial|call|checked|printed|scanned)\b[^.;\n]{0,40}?"
    r"\bwith (?:the )?(?:caller|user|him|her)\b(?P<who>)(?P<rest>[^.;\n]{0,160})",
    re.I,
)


def _with_user(line: str) -> re.Match | None:
    m = _WITH_USER.search(line)
    if (
        m is None
        or _IDENTITY.search(line)
        or _STILL.search(line)
        or _ANALYST_SIDE.search(line, max(0, m.start() - 12), m.end())
    ):
        return None
    around = line[max(0, m.start() - 40) : m.end()]
    return m if _SUCCEEDS.search(around) or _GONE.search(around) or " no " in around else None


# A note that starts with the blocked work done, its subject implied ("Routes published.",
# after a reset on the call): what the issue says the user could not do, done (U5).
_DONE_FIRST = re.compile(r"(?:^|[.;]\s+)(?P<who>)(?P<rest>([a-z]{4,}) ([a-z]{4,}ed))\b", re.I)
_LIVE = frozenset({"phone", "walk-in", "walk_in", "chat", "virtual_agent"})


# The same told by what the issue could not reach, now opening ("No new lockouts, credit
# system opens"): a clause of a thing the issue names and its success, present tense.
_OPENS = re.compile(
    r"(?:^|[.;,]\s+)(?P<who>)(?P<rest>((?:[a-z0-9-]+ ){0,2}[a-z0-9-]+) "
    r"(?:opens|loads|works|launches|starts|connects|prints)\b)",
    re.I,
)


def _blocked_work_done(line: str, people: "_People", ticket: Ticket) -> re.Match | None:
    if not people.access or ticket.contact_type not in _LIVE:
        return None
    for m in _DONE_FIRST.finditer(line):
        noun, verb = m.group(3), m.group(4)
        if _stem(noun) in people.issue and _stem(verb) in people.issue:
            return m
    if _NOT_THE_USERS.search(line):  # the analyst's own test
        return None
    for m in _OPENS.finditer(line):
        if _overlaps(m.group(3), people.issue):
            return m
    return None


# The sign-in with its outcome, its subject implied ("Logon OK, Teams OK", "RF gun login OK",
# "Banner sign-in -> OK", "Signed in, report submitted."): after a reset or an unlock only the
# user signs in (U5), unless the note names the analyst's own or a test account.
_SIGNED_IN = re.compile(
    r"(?:^\W*|[.;]\s+)(?:\d{1,2}[:.]\d\d\W*)?(?:(?:signed|logged) (?:in|on)\b|"
    r"(?:[\w-]+ ){0,3}?(?:sign[- ]?in|log[- ]?in|log[- ]?on)\b[^.;,\n]{0,25}?(?:->\s*)?"
    r"(?:ok|okay|success\w*|works?|fine)\b)(?P<who>)(?P<rest>[^\n]{0,200})",
    re.I,
)


def _signed_in(line: str, people: "_People") -> re.Match | None:
    if not people.access:
        return None
    m = _SIGNED_IN.search(line)
    if m is None or _NOT_THE_USERS.search(line) or _fails(m["rest"]):
        return None
    return m


def _overlaps(text: str, stems: frozenset[str]) -> bool:
    return any(_stem(w) in stems for w in words(text.lower()) if len(w) >= 4)


class _People:
    """Who is who in a ticket, for reading its notes: the name parts of people named in it
    who are not its analysts (the caller, a manager, a colleague: "Graham opened 3
    drawings"), the stems of its issue, and whether it is an access issue. Each is read
    from the ticket when a note first needs it (most tickets are decided before)."""

    def __init__(self, ticket: Ticket):
        self._ticket = ticket

    @cached_property
    def _analyst_parts(self) -> frozenset[str]:
        return frozenset(p for a in _analysts(self._ticket) for p in a)

    @cached_property
    def others(self) -> frozenset[str]:
        ticket = self._ticket
        tt = ticket_text(ticket)
        named = set(name_key(ticket.caller))
        for role in _ROLE.finditer(ticket.description[:300]):
            if role.group(1).lower() not in _COMMON:
                named.add(role.group(1).lower())
                break
        named.update(p for e in tt.comment_entries for p in name_key(e.author))
        for m in _PERSON_CONTEXT.finditer(tt.all):
            named.add((m.group(1) or m.group(2)).lower())
        return frozenset(named - self._analyst_parts - _NOT_PEOPLE)

    @cached_property
    def analyst_names(self) -> frozenset[str]:
        """The name parts of the ticket's analysts that name none of its other people."""
        return frozenset(self._analyst_parts - self.others - _NOT_PEOPLE)

    @cached_property
    def issue(self) -> frozenset[str]:
        return _issue_stems(self.opening)

    @property
    def opening(self) -> str:
        return ticket_text(self._ticket).opening

    @property
    def number(self) -> str:
        return self._ticket.number or ""

    @cached_property
    def access(self) -> bool:
        return bool(_ACCESS_ISSUE.search(ticket_text(self._ticket).opening))

    @cached_property
    def missing(self) -> bool:
        return bool(_MISSING.search(ticket_text(self._ticket).opening))


# A person's name in the text: after a word that speaks of a person, or before a role.
_PERSON_CONTEXT = re.compile(
    r"\b(?:with|called|rang|phoned|emailed|e-mailed|messaged|asked|told|for|to|verified|"
    r"validated|hi|dear|thanks|thank you|contact|caller|user|"
    # a person guided through the fix ("Talked Helen through re-adding the account")
    r"(?i:talked|walked|guided|helped|showed))\s+([A-Z][a-z]{2,})\b|"
    r"\b([A-Z][a-z]{2,})(?: \((?:[a-z ,'-]{3,40})\)| [A-Z][a-z]+ \()"
)


# The role the description gives the user, its first words' head noun ("Maintenance planner
# locked out of the ERP", "Reach-truck driver's SAP password expired").
_ROLE = re.compile(
    r"(?:^|[.:!?]\s+)\W*(?:(?:the|a|an|our|my|one)\s+)?(?:[a-z-]+\s+){0,3}?([a-z]{4,})(?:'s)?\s+"
    r"(?:(?:cannot|can'?t|can not|could not|couldn'?t|is unable to|unable to) (?:log|sign|get "
    r"into|access|use|work|remember)|forgot|locked out|returning|called|wants)\b",
    re.I | re.M,
)


# Capitalised words at a subject's place that are not people.
_NOT_PEOPLE = frozenset(
    "the this that then also after before when once resolved closed closing ticket incident "
    "test tested remote reboot restart reset unlocked account password user caller".split()
)


def _reads(ticket: Ticket):
    """The handling text's lines (a time written before a line left out), with the caller's
    names read as "caller": with a capital, or in any case in a line written in one case or
    at the start of a sentence (where a capital may be dropped)."""
    caller = ticket.caller
    names = _caller_parts(caller)
    to_user = _written_to_user(ticket)
    lines = _note_lines(ticket)
    opening = f"{ticket.short_description}.\n{ticket.description}"
    # the caller by a role: the one who raised it, the owner of what failed, the caller's title
    # before their name, the one a validation line names ("GS Supervisor validated: ...")
    roles = reporter_roles(opening) + caller_titles(opening, caller)
    roles += validated_roles("\n".join(lines))
    for raw in lines:
        for line in clause_lines(raw):
            read = _without_markup(line)
            # an ASCII line without the caller's names, in any case, has none to read as
            # "caller"
            if names and (not read.isascii() or any(map(read.lower().__contains__, names))):
                read = _caller_read(read, caller)
            read = roles_read(read, roles)  # "the EU", "the depot supervisor": the caller
            if raw in to_user:
                read = _second_person(read)
            yield line, _in_english(_confirmation_spelled(read))


# "Confirmed" as notes clip it ("usr cfmd login OK", "conf'd w/ caller"), spelled out on the
# lines the reader reads, their case kept: the shared shorthand table's spelling
# (tqrs.rules.text.CONFIRMED_SHORTHAND), which every other reader hears through `normalise`.
_CONFIRMED_CLIPPED = re.compile(CONFIRMED_SHORTHAND, re.I)


def _confirmation_spelled(read: str) -> str:
    """`read` with "confirmed" spelled out where a note clips it."""
    lower = read.lower()
    if not any(map(lower.__contains__, CONFIRMED_SHORTHAND_LITERALS)):
        return read
    return _CONFIRMED_CLIPPED.sub("confirmed", read)


def _note_lines(ticket: Ticket) -> list[str]:
    """The handling text's lines, a note wrapped at a fixed width read as its sentences
    (clause_split.wraps_joined): a confirmation that runs over the wrap ("... rang back and
    confirmed that the" / "labels print again.") is read whole."""
    return [
        x
        for f in ticket_text(ticket).handling_fields
        for x in _replies_quoted(_arrows_joined(wraps_joined(f))).splitlines()
    ]


def _replies_quoted(text: str) -> str:
    """`text` with the paragraph after a reply's header line quoted on the header's line
    (_REPLY_HEADED), to be read as the reply it names."""
    if "\n" not in text or not _REPLY_HEADED.search(text):
        return text
    return _REPLY_HEADED.sub(lambda m: f'{m[1]} "{" ".join(m[2].split())}"\n', text)


# A line that opens with an arrow: the result of the line before, wrapped ("... Dion on radio"
# / "-> blocks on screen"); an arrow starts no statement of its own.
_ARROW_OPENS = re.compile(r"\n[ \t]*(?=->)")


def _arrows_joined(text: str) -> str:
    """`text` with each line that opens with an arrow joined to the line before."""
    return _ARROW_OPENS.sub(" ", text) if "\n" in text and "->" in text else text


def _written_to_user(ticket: Ticket) -> frozenset[str]:
    """The lines the desk writes to the user, where "you" is the user (U3): the comments
    (customer-visible) of the ticket's analysts, a note that opens by greeting the caller
    ("Hi Grace, I rang you back ..."), and the close notes, which the resolution mail sends
    the user. Not the caller's own comments, whose "you" is the desk."""
    tt = ticket_text(ticket)
    if "you" not in tt.all_lower:
        return frozenset()
    analysts = _analysts(ticket)
    names = _caller_parts(ticket.caller)
    out = set((ticket.close_notes or "").splitlines())
    for entry in (*tt.work_note_entries, *tt.comment_entries):
        opening = entry.text.lstrip()[:60].lower()
        greets = (
            bool(names)
            and _GREETS.match(opening) is not None
            and any(n and opening.find(n) > 0 for n in names)
        )
        if greets or (entry.kind != "Work notes" and name_key(entry.author) in analysts):
            out.update(entry.text.splitlines())
            out.update(wraps_joined(entry.text).splitlines())
    out.update(wraps_joined(ticket.close_notes or "").splitlines())
    out.discard("")
    return frozenset(out)


_STOP = re.compile(r"[.!?]")
_GREETS = re.compile(rf"\W*(?:{GREETING_WORDS})\b", re.I)
# "you" with a verb in the past that tells the user's word or their own test: the user's act
# told to them ("you confirmed the scans arrive", "you've signed in", "you told me it prints",
# "you ran a test cut"); not a request, a question or a condition ("could you confirm", "have
# you tried", "once you have signed in"), nor the present or a modal ("you can now sign in",
# "you should see it"), which tell what the desk expects, nor what the user wrote or asked for
# ("as you specified", "you wrote before"), nor a state ("you have limited access").
_YOU_DID = re.compile(
    r"(?<![\w'\u2019])(?P<prev>[a-z]+\s+)?you(?P<have>\s+(?:have|had)|['\u2019]ve)?"
    r"(?=\s+(?:also\s+|just\s+|then\s+|now\s+)?(?P<verb>[a-z]+)\b(?![-\u2011]))",
    re.I,
)
_NOT_A_STATEMENT = frozenset(
    "can could would will did do does have has had if when once until unless whether should "
    "may might must shall thank let before need want".split()
)
_USERS_PAST = frozenset(
    "confirmed agreed accepted said told replied answered tested tried checked verified signed "
    "logged ran opened printed scanned".split()
)


def _second_person(read: str) -> str:
    """`read` with each "you" that did something in the past read as "caller"."""
    if "you" not in read.lower():
        return read

    def caller(m: re.Match) -> str:
        prev, verb = (m["prev"] or "").strip().lower(), m["verb"].lower()
        end = _STOP.search(read, m.end())
        asked = end is not None and end[0] == "?"
        if verb not in _USERS_PAST or prev in _NOT_A_STATEMENT or asked:
            return m[0]
        return f"{m['prev'] or ''}caller{' has' if m['have'] else ''}"

    return _YOU_DID.sub(caller, read)


@text_memo  # a line, remembered: tickets share their notes' lines
def _without_markup(line: str) -> str:
    # a listed item is read for what it says, like a sentence ("4) Omar on the call: all
    # figures working"): its number or bullet is no word of it
    read = without_list_markers(_CLOCK_LEAD.sub("", without_line_times(plain(line)), 1))
    box = _CHECKBOX.match(read)
    if box is None:
        return read
    # a checklist's item: a ticked box is the item done, read as a note's line of its own
    # ("[x] user confirmed it prints"); an unticked box is an item not done, nothing to read
    return "" if box["open"] is not None else read[box.end() :]


# A time written before a log line in four figures, as a 24-hour log writes it ("1958 - GS
# Supervisor: ...", "0735 - caller signed in"): when, not what, as "19:58 - " is
# (tqrs.rules.text.without_line_times); the dash tells it from a count ("1200 users").
_CLOCK_LEAD = re.compile(r"^[ \t]*(?:[01]\d|2[0-3])[0-5]\d[ \t]*[-\u2013][ \t]+(?=\S)")


# A checklist's box at the start of a line, after a list mark: ticked ("[x]", "[✓]", "☑",
# "✅") or not ("[ ]", "☐").
_CHECKBOX = re.compile(rf"^[\s>*\u2022-]*(?:(?P<open>{UNTICKED_BOX})|{TICKED_BOX})\s*")


@text_memo  # a line and a caller, remembered
def _caller_read(read: str, caller_name: str) -> str:
    caller = (_caller_name_any_case if one_case(read) else _caller_name)(caller_name)
    if caller:
        read = caller.sub("caller", read)
        any_case = _caller_name_any_case(caller_name)
        read = any_case.sub(lambda m: "caller" if _starts(m) else m[0], read)
        if "caller" in read:
            read = _TITLED.sub("", read)
    return read


# A title before the caller's name, read with it ("Dr Pryce:", "Mrs. Okafor said"): the caller.
_TITLED = re.compile(r"\b(?:[Dd]r|[Mm]rs?|[Mm]s|Miss|Mx|[Pp]rof)\.?\s+(?=caller\b)")


def _starts(m: re.Match) -> bool:
    """Whether `m` starts a sentence of its text (where a name may have lost its capital)."""
    before = m.string[: m.start()].rstrip()
    return not before.strip(" -*\u2022") or before.endswith((".", ";", ":"))


def _observed(read: str, people: _People, ticket: Ticket, machine: bool) -> re.Match | None:
    """The user's word or success told by the structure of a note's line (U3-U5); on a
    monitoring ticket only the user's word (U2)."""
    if machine:
        return _user_outcome(read, people, machine)
    return (
        _user_outcome(read, people, machine)
        or _with_user(read)
        or _signed_in(read, people)
        or _blocked_work_done(read, people, ticket)
        or _seen_to_succeed(read, people)
        or _confirmed_after_users_act(read, people)
        or _reported_by_arrow(read, people)
        or _checked_then_said(read, people)
    )


# The user's side, where they speak from, and an arrow to what they report, as shift notes
# write a call-back ("Dion on radio -> blocks on screen, load tagged", "caller on phone ->
# prints again"): the user's words (U4), or their success (U5).
_ARROW_REPORT = re.compile(
    rf"(?:^|[.;|]\s*|,\s+)\W*(?:the )?(?P<who>{_SIDE}|[A-Za-z][a-z]{{2,}})(?: [A-Z][a-z]+)?"
    r"\s+(?:on|over|via|at)\s+(?:the\s+|her\s+|his\s+|their\s+|a\s+)?[a-z][\w-]*"
    r"(?:\s+back)?\s*->\s*(?P<rest>[^.;|\n]{1,160})"
)


def _reported_by_arrow(line: str, people: "_People") -> re.Match | None:
    """The user's side on a call, an arrow, and what they report: a success said, or the
    issue's own words with no failure."""
    if "->" not in line:
        return None
    for m in _ARROW_REPORT.finditer(line):
        if not _on_users_side(m["who"], people) or m["who"].lower() in _OBJECT_PRONOUNS:
            continue
        said = m["rest"]
        if _IDENTITY.search(said) or not says_it_works(said) or _fails(said):
            continue
        if _SUCCEEDS.search(said) or _works(said) or _overlaps(said, people.issue):
            return m
    return None


# "Confirmed" as a sentence or a clause of its own, its subject left out as clipped notes
# leave it out ("usr re-entered the PIN -> OK. cfmd. cls.", "usr rejoined, cfmd OK"): the
# subject is the previous sentence's or clause's.
_BARE_CONFIRMED = re.compile(
    r"(?:^|[.;,]\s+)(?P<who>)(?P<agrees>confirm(?:ed|s))(?P<rest>(?:\s+(?:ok|okay|fine|fixed|"
    r"working|resolved|good))?)\s*(?:[.;!]|$)",
    re.I,
)
_CLAUSE_END = re.compile(r"[.;!?,\n]")
# A sentence that starts with its subject and a verb ("user typed the code", "Dana re-ran it").
_LEADING_SUBJECT = re.compile(r"^\W*(?:the )?(?P<who>[A-Za-z][a-z]{1,})\s+[a-z][\w-]+\b")


def _confirmed_after_users_act(line: str, people: "_People") -> re.Match | None:
    """A bare "confirmed" sentence or clause right after one whose subject is the user's side
    and which tells no failure: the user's word, its subject carried over (U4)."""
    if "confirm" not in line.lower():
        return None
    for m in _BARE_CONFIRMED.finditer(line):
        before = _CLAUSE_END.split(line[: m.start()])[-1]
        lead = _LEADING_SUBJECT.match(before)
        if lead is None or not _on_users_side(lead["who"], people):
            continue
        if lead["who"].lower() in _OBJECT_PRONOUNS or _ANALYST_SIDE.search(before):
            continue
        if _STILL.search(before) or _fails(before) or _IDENTITY.search(before):
            continue
        return m
    return None


# The user's success told as the analyst's observation, with no agent ("A successful logon was
# observed", "print was seen to complete at the user's desk"): a passive verb of seeing whose
# subject is a success of what the issue names (or the sign-in, on an access ticket); not
# what the analyst reads in a log or a console, and not the analyst's own test.
_SEEN = re.compile(
    r"(?:^|[.;,]\s+|\band\s+)(?P<who>)(?P<rest>(?P<thing>(?:[\w-]+ ){0,5}?[\w-]+) (?:was|were) "
    r"(?:then |now |also )?(?:observed|seen|witnessed|watched)(?: to (?P<verb>[a-z]+))?"
    r"(?P<where>[^.;\n]{0,80}))",
    re.I,
)
_SUCCESS_WORD = re.compile(r"\b(?:succe\w*|complete[ds]?|work(?:s|ed|ing)?|ok|okay)\b", re.I)
_IN_A_RECORD = re.compile(
    r"\b(?:logs?|console|portal|admin\w*|server|dashboard|monitoring|report|trace|audit)\b", re.I
)


_NO = re.compile(r"(?:no|not|never|none)\b", re.I)


# The user's side checking for themselves, then what they said of it after a colon ("Rhys
# tried the dark scenes himself: "spot on, close it"", "caller tested a print: all fine"):
# their own test and its result in their words (U4).
_CHECKED_THEN_SAID = re.compile(
    rf"(?:^|[.;]\s+)\W*(?:the )?(?P<who>{_SIDE}|[A-Za-z][a-z]{{2,}})\s+{_CHECKS}\b"
    r"(?P<what>[^:.;\n]{0,100}):\s*(?P<rest>[^\n]{1,200})"
)


def _checked_then_said(line: str, people: "_People") -> re.Match | None:
    """A clause of the user's side's own check whose words after a colon say it works or
    agree to close, no failure said."""
    if ":" not in line:
        return None
    for m in _CHECKED_THEN_SAID.finditer(line):
        if not _on_users_side(m["who"], people) or _NOT_THE_USERS.search(m["what"]):
            continue
        if _reports_success(m["rest"]) and not _fails(m["rest"]):
            return m
    return None


def _seen_to_succeed(line: str, people: "_People") -> re.Match | None:
    for m in _SEEN.finditer(line):
        said = f"{m['thing']} {m['verb'] or ''}"
        if not (_SUCCESS_WORD.search(said) or _SUCCEEDS.search(m["verb"] or "")):
            continue
        if _IN_A_RECORD.search(m["where"]) or _NOT_THE_USERS.search(m["rest"]) or _fails(said):
            continue
        if _NO.match(m["thing"]) or negated(line, m.start("thing")):
            continue
        thing = m["thing"]
        if (people.access and _ACCESS_ISSUE.search(thing)) or _overlaps(thing, people.issue):
            return m
    return None


def _confirmed(read: str) -> re.Match | None:
    """The user's confirmation in the words closure procedures use, unless what is confirmed
    is the caller's identity ("Jane confirmed her employee ID"). Each clause that uses them
    is read for itself ("cx confirms next 10 staff clocked ok, ok to close": the staff are
    no identity, the close agreed is the word)."""
    found = (*_CONFIRMED.finditer(read), *_USERS_WORD.finditer(read))
    return next((m for m in found if _confirms_at(read, m)), None)


def _confirms_at(read: str, m: re.Match) -> bool:
    """Whether the closure words `m` of `read` are the user's confirmation of the fix."""
    if _IDENTITY.search(read, m.end(), m.end() + 30):
        return False
    # in the passive voice what was confirmed comes first ("The caller's identity was
    # confirmed by the user's manager")
    if _CONFIRMED_BY.match(m[0]) and _IDENTITY.search(read, max(0, m.start() - 40), m.start()):
        return False
    before = max(0, m.start() - 30)  # awaited, or the purpose of a contact: not given
    if _AWAITED.search(read, before, m.start()) or _PURPOSE.search(read, before, m.start()):
        return False
    if _A_PLAN.match(read, m.end()) or _FIELD_SAYS_NO.match(read, m.end()):
        return False
    # what the user confirmed or said is a clause of its own ("user confirmed that they have
    # spoken to the GFG team", "As per user it should be reserved"): it must say the success
    said = _SENTENCE_END.split(read[m.end() :], 1)[0]
    if _PER_USER.match(m[0]):  # the user's word is the sentence around it
        said = _SENTENCE_END.split(read[: m.start()])[-1] + said
    reported = _OWN_CLAUSE.match(said) or _PER_USER.match(m[0])
    if reported and said.strip(" ,:") and not _reports_success(said):
        return False
    if _THANKED.match(m[0]):
        # thanks for a confirmation: of the success or the close only, said in the sentence
        # or the next ("Thanks for confirming. I'll close this now."), not of an identity or
        # an appointment ("Thanks for confirming. I've reset your password.")
        if said.strip(" ,:!") and not _VOCATIVE.fullmatch(said):
            return _reports_success(said)
        after = read[m.end() + len(said) :].lstrip(" .!")
        said = _SENTENCE_END.split(after, 1)[0]
        return says_it_works(said) and bool(_works(said) or _CLOSE_AGREED.search(said))
    return True


_SENTENCE_END = re.compile(r"[.;!?\n]")
_THANKED = re.compile(r"thank|(?:glad|good|great|happy|pleased) to hear", re.I)
_VOCATIVE = re.compile(r"\W*(?:caller|[A-Z][a-z]+)\W*")  # "Thanks for confirming, Maya."
_CONFIRMED_BY = re.compile(r"confirmed (?:by|with)\b", re.I)
_PER_USER = re.compile(r"(?:as )?per |according to ", re.I)


# What is confirmed is a plan, not the fix ("confirmed that the test will be done Monday",
# "ha confermato che tale test sarà effettuato lunedì"): a clause whose verb is still to come
# and that says no success (U4: a reply that promises a test is no confirmation).
_A_PLAN = re.compile(
    r"(?:\s+(?:that|che|que))?(?![^.;\n]{0,80}\b(?:works?|working|resolved|fixed|solved|ok|okay|"
    r"able)\b)[^.;,\n]{0,60}?\b(?:will|shall|going to|sar[àa]|saranno|verr[àa]|verranno|"
    r"ser[áa]|ser[ãa]o|vai|ir[áa])\b",
    re.I,
)


# The closure words as a form's label whose value is no, or none ("Confirmed fixed by
# customer: N", "User confirmed: No", "Caller confirmed resolution: -"): the box not ticked.
_FIELD_SAYS_NO = re.compile(
    r"[^:|\n.;]{0,30}:[ \t]*(?:(?:n|no|none|-+|\u2013|n/?a|not yet|pending)[ \t]*(?:[|\n]|\Z)|\|)",
    re.I,
)


# A confirmation asked for or still awaited, not given ("awaiting confirmation from the
# caller", "requested confirmation from the user"; U4: no word from the user).
_AWAITED = re.compile(
    r"\b(?:await\w*|waiting (?:for|on)|request(?:ed|ing)?|ask(?:ed|ing) for|chas(?:ed|ing)|"
    r"sought|seeking|need(?:s|ed)?)\s+(?:\w+\s+){0,2}\Z",
    re.I,
)


# What a contact was for, not what came of it ("Called Mark to confirm he can see it. No
# answer"): the confirmation sought, written as the purpose of the call or message.
_PURPOSE = re.compile(
    r"\bto (?:confirm|check|see|verify|make sure|ask)(?: (?:that|whether|if))?\s+\Z", re.I
)


def _note_confirms(ticket: Ticket) -> tuple[str, str] | None:
    """(evidence, reasoning) of the user's word or success written in a note."""
    people = _People(ticket)
    machine = machine_opened(ticket)
    for line, read in _reads(ticket):
        said = _line_confirms(line, read, people, ticket, machine)
        if said is not None:
            return said
    return None


def _line_confirms(
    line: str, read: str, people: "_People", ticket: Ticket, machine: bool
) -> tuple[str, str] | None:
    """(evidence, reasoning) of the user's word or success in one note's line (`read`: the
    line as _reads reads it)."""
    kind, read, found = _line_says(read)
    if kind is _QUOTED:
        return quote(line), "the caller's reply, quoted in a note, confirms the fix."
    if kind is _CONFIRMS:
        # the quote is the original line's sentence (a name read as "caller" shifts it)
        at = found if read == line else (0, None)
        return quote(line, *at), "the user's confirmation is documented."
    if kind is _VALIDATION:
        # how the caller was identified, not what they did; the line's other sentences are
        # read for themselves ("Identity checked by a push to his phone. The report was
        # then opened by him."), and so are its other clauses when a note is one long
        # sentence ("I had checked her date of birth; she had then signed in, and ...")
        sentences = [x for x in _SENTENCES.split(_CLAUSE_BREAK.sub(". ", read)) if x.strip()]
        if len(sentences) < 2:
            return None
        return next(
            (s for x in sentences if (s := _line_confirms(x, x, people, ticket, machine))),
            None,
        )
    m = _observed(read, people, ticket, machine)
    if m is None and found is not None:
        m = _observed(found, people, ticket, machine)  # "w/ Elena", "usr signed in"
    if m is None:
        return None
    why = (
        "confirmed it"
        if m.groupdict().get("agrees") or m.groupdict().get("tells")
        else "did what had failed"
    )
    side = f"the user's side ({m['who']})" if m["who"] else "the user"
    return quote(line), f"the note says {side} {why}."


_SENTENCES = re.compile(r"(?<=[.!?])\s+")
# A clause's end within a sentence, read as a sentence's: a semicolon, or a comma before "and".
_CLAUSE_BREAK = re.compile(r"\s*(?:;|,\s+and)\s+")


# What _line_says finds in a note's line
_QUOTED, _CONFIRMS, _VALIDATION, _OTHER = "quoted", "confirms", "validation", "other"


@text_memo  # a line as read, remembered: tickets share their notes' lines
def _line_says(read: str) -> tuple[str, str, tuple | str | None]:
    """What a note's line (as _reads reads it) says that does not depend on the ticket's
    people: (kind, the line as read further, what goes with the kind). _QUOTED: the caller's
    reply quoted, confirming; _CONFIRMS: the user's confirmation in closure words, with its
    (start, end) in the line as read further (the terse form: (0, None)); _VALIDATION: the
    caller's validation; _OTHER: none of these, with the line spelled out when that differs
    from it in lower case (else None), for _observed to read both."""
    quoted = _QUOTED_REPLY.search(read)
    if quoted and (_reports_success if quoted["relayed"] else says_it_works)(
        spelled_out(quoted["said"])
    ):
        return _QUOTED, read, None
    m = _confirmed(read)
    if m is None:  # in shorthand ("usr ok", "confirmed w/ usr"), read spelled out
        spelled = spelled_out(read)
        # (not read again when nothing was spelled out: the patterns read case aside)
        if spelled != read.lower() or not read.isascii():
            m = _confirmed(spelled)
        if m is None and _CONFIRMED_TERSE.search(spelled):
            return _CONFIRMS, read, (0, None)
        if m is not None:
            read = spelled
    # a negation in an earlier clause ("Two days without a freeze, Imran confirms") is
    # not this one's
    clause = read.rfind(",", 0, m.start()) + 1 if m else 0
    if (
        m
        and not negated(read[clause:], m.start() - clause)
        and not _STILL.search(read[m.end() : m.end() + 40])
    ):
        return _CONFIRMS, read, (m.start(), m.end())
    if records_validation(read):
        return _VALIDATION, read, None
    spelled = spelled_out(read)
    return _OTHER, read, spelled if spelled != read.lower() else None


# --- the no-response procedure (U6) --------------------------------------------------------
# A numbered attempt ("Attempt 3", "3rd attempt", "Try 2", "(3) Fri 28/11 phone"), or a count
# of them ("after three contact attempts", "no response after 3 tries", "3-strike rule").
_NUMBERED = Caseless(
    r"\b(?:(?:contact )?attempt|try|strike|reminder|chase)\s*#?\s*(\d)\b|"
    r"\b(\d)(?:st|nd|rd|th) (?:attempt|try|contact|reminder|chase|call|strike)\b|"
    r"\b(first|second|third|fourth) (?:attempt|try|contact|reminder|chase|call|strike)\b|"
    r"\((\d)\)[^()\n]{0,40}\b(?:phone|phoned|called|call|e-?mail|e-?mailed|sms|teams|"
    r"voicemail|message|text)\b|"
    r"\b(?:after|with|following) (\d|two|three|four|five) (?:\w+ )?(?:contact )?"
    r"(?:attempts|tries|calls|reminders|chasers)\b|\b(3|three)[- ]strike\b|"
    r"\b(?:tried|attempted|called|rang|phoned|e-?mailed|chased|contacted)\b[^.\n]{0,40}?"
    r"\b(\d|two|three|four|five) times\b|"
    # a count of attempts with their lack of answer ("Three attempts to reach the caller
    # (phone x2, email) with no response")
    r"\b(\d|two|three|four|five) (?:\w+ )?(?:contact )?(?:attempts|tries|calls|reminders|"
    r"chasers)\b(?=[^.\n]{0,60}\b(?:no (?:response|reply|answer)|unanswered|unsuccessful|"
    r"without (?:a )?(?:response|reply|answer)|went unanswered))"
)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "two": 2, "three": 3}
_ORDINALS.update(four=4, five=5)


_AUTO_CLOSED = re.compile(r"\bautomatically closed\b", re.I)
_SENTENCE_BREAK = re.compile(r"[.;]\s+")


def contact_attempts(ticket: Ticket) -> tuple[int, str]:
    """How many attempts to reach the user the notes document (U6), and the text of the
    last: the highest number an attempt is given, or the unanswered contacts counted one per
    line. The system's automatic closure alone is no attempt."""
    most, where = 0, ""
    lines = 0
    for line in handling_text(ticket).splitlines():
        numbered, attempts = _attempts_in_line(line)
        if numbered > most:
            most, where = numbered, line
        if attempts:
            lines += attempts
            where = where or line
    return max(most, lines), where


@text_memo  # a line, remembered: tickets share their notes' lines
def _attempts_in_line(line: str) -> tuple[int, int]:
    """(the highest number an attempt is given in `line`, the unanswered contacts it records,
    one a sentence); (0, 0) for the system's automatic closure."""
    if _AUTO_CLOSED.search(line):
        return 0, 0
    most = 0
    for m in _NUMBERED.finditer(line):
        raw = next(g for g in m.groups() if g)
        most = max(most, int(raw) if raw.isdigit() else _ORDINALS.get(raw.lower(), 0))
    sentences = _SENTENCE_BREAK.split(line)
    attempts = sum(
        1
        for sentence, after in zip(sentences, [*sentences[1:], ""], strict=True)
        if contact_attempt(sentence, after)  # one attempt a sentence
    )
    return most, attempts


# A description that opens with the support team's own check (U2, monitoring: "During the
# 2-hourly Windchill functionality check, we have encountered ...", "During morning check
# 100% failed jobs on CREO were ...", "Durante il controllo giornaliero ..."): the team found
# it, no user raised it. A check-in or check-out is a document's state, no check.
_OWN_CHECK = re.compile(
    r"^\W*(?:during|durante|in the course of|nel corso del) (?:the |our |a |il |la |o |a |el )?"
    r"(?:[\w%-]+ ){0,4}?(?:checks?|controll[oi]|verifica|verifica[çc][ãa]o|monitoring)\b"
    r"(?![- ]?(?:in|out)\b)",
    re.I,
)


@text_memo
def raised_by_own_check(description: str) -> bool:
    """Whether the description opens with the support team's own check."""
    return _OWN_CHECK.search(description or "") is not None


# An account through which another system opens tickets (U2: "a monitoring or integration
# ticket"): an e-bonding, integration, interface, monitoring or event account ("Accenture
# Ebonding User"); not a portal's or service desk's account, behind which a person writes.
_MACHINE_WORDS = r"e-?bond\w*|integration|interface|monitor\w*|events?|alerts?|api"
_INTEGRATION_ACCOUNT = re.compile(rf"\b(?:{_MACHINE_WORDS})\b", re.I)
# A caller that is a system's name, not a person's (U2): an integration account's words or a
# notification source ("Proactive Notification", a network desk's alarms).
_MACHINE_CALLER = re.compile(rf"\b(?:{_MACHINE_WORDS}|notifications?|proactive)\b", re.I)


def machine_opened(ticket: Ticket) -> bool:
    """Whether a machine raised the ticket: a monitoring channel, a caller that is a system's
    name, or, with no caller, an integration account as its opener."""
    if ticket.contact_type in MACHINE_CHANNELS or _MACHINE_CALLER.search(ticket.caller):
        return True
    return not name_key(ticket.caller) and bool(_INTEGRATION_ACCOUNT.search(ticket.opened_by))


# A template's confirmation slot: a line of the close notes that opens with a short label
# naming the act of confirming or verifying, as a participle or a noun ("Resolution confirmed
# by:", "User confirmation:", "Confirmed with user:", "Verified by:", "Fix validated by:"),
# then a colon and its value; an instruction ("Please confirm the below:") is no slot.
_SLOT = re.compile(
    r"^[ \t]*(?:[-*\u2022][ \t]*)?(?P<label>(?:[^\W\d][\w'/&-]*[ \t]+){0,3}"
    r"(?:confirm(?:ed|ation)|verifi(?:ed|cation)|validat(?:ed|ion)|sign(?:ed)?[- ]?off)\b"
    r"(?:[ \t]+[\w'/&-]+){0,3}?)[ \t]*:[ \t]*(?P<value>.*)$",
    re.I | re.M,
)
# A line that is a label alone or a label and its value ("Future action required:"): not the
# value of the slot above it.
_LABELLED = re.compile(r"^[ \t]*[^\W\d][\w '/&()-]{0,40}:", re.I)
# A slot left empty: a placeholder, or a no ("-", "N/A", "TBD", "No", "not confirmed").
_SLOT_EMPTY = re.compile(
    r"^\W*(?:n/?a|none|nil|no|tb[cd]|pending|awaiting\b.*|not (?:yet|confirmed|applicable)\b.*)?"
    r"\W*$",
    re.I,
)
# The template's line naming who resolved it ("Resolved by:", "Fixed by:", "Closed by:").
_RESOLVER = re.compile(
    r"^[ \t]*(?:[-*\u2022][ \t]*)?(?:resolved|fixed|closed|completed|actioned|handled)[ \t]+"
    r"by[ \t]*:[ \t]*(?P<value>.*)$",
    re.I | re.M,
)


@dataclass(frozen=True)
class Slot:
    """A confirmation slot of the close notes: its line, and whether its value names someone
    other than the analyst who resolved the ticket (a person, "user", "yes", a date)."""

    line: str
    filled: bool
    by_resolver: bool = False


def confirmation_slot(close_notes: str) -> Slot | None:
    """The close notes' confirmation slot (a template's label naming the confirmation, read
    by its structure), or None. Its value on its line, else the next line that is no label;
    empty or a placeholder is not filled; the name on the template's "Resolved by:" line is
    the analyst, not the user (U3)."""
    m = _SLOT.search(close_notes or "")
    if m is None:
        return None
    value = m["value"].strip()
    if not value:
        after = close_notes[m.end() :].lstrip("\r\n").split("\n", 1)[0]
        if after.strip() and not _LABELLED.match(after):
            value = after.strip()
    line = m[0].strip()
    # empty, or holding the contact attempts instead of a name ("3rd strike", "no response")
    if _SLOT_EMPTY.match(value) or any(_attempts_in_line(value)) or UNANSWERED.search(value):
        return Slot(line, filled=False)
    resolver = _RESOLVER.search(close_notes)
    own = (
        resolver is not None
        and name_key(resolver["value"])
        and (name_key(resolver["value"]) <= name_key(value))
    )
    return Slot(line, filled=not own, by_resolver=bool(own))


def notes_show_confirmation(ticket: Ticket) -> bool:
    """Whether the close notes show something of the user's confirmation to judge where the
    export carries no journal (tqrs.assessable.notes_confirm): a confirmation slot, filled or
    not, the user's word or success, or a contact attempt written in them."""
    if confirmation_slot(ticket.close_notes) is not None:
        return True
    if contact_attempts(ticket)[0]:
        return True
    return read_confirmation(ticket).outcome in (Outcome.MET, Outcome.PARTLY_MET)


def read_confirmation(ticket: Ticket) -> Confirmation:
    """What the ticket records of the user's confirmation (U1-U6)."""
    if not is_resolved(ticket):
        return Confirmation(
            Outcome.NOT_APPLICABLE, f"State: {ticket.state}", "the ticket is not resolved yet."
        )
    reply = _caller_reply(ticket)
    if reply is not None and _reply_confirms(ticket, reply):
        # the reply's words, its greeting aside ("Hi David," is no evidence of anything:
        # INC0000060 of the PDI exports)
        said = _GREETING.sub("", reply.text).strip() or reply.text.strip()
        return Confirmation(Outcome.MET, quote(said), "the caller's reply confirms the fix.")
    if reply is not None and _last_word_is_the_fault(ticket, reply):
        return Confirmation(
            Outcome.NOT_MET,
            quote(_reply_said(reply.text)),
            "the caller's last reply, written after every note, says the fault is still "
            "there: no confirmation.",
        )
    own = _own_words(ticket)
    if own is not None:
        return Confirmation(
            Outcome.MET,
            own,
            "the user's own words in a comment confirm the fix or ask to close it.",
        )
    pasted = _pasted_turn(ticket)
    if pasted is not None:
        return Confirmation(
            Outcome.MET,
            quote(pasted),
            "the caller's own words, pasted from a chat, confirm the fix.",
        )
    mailed = _mailed_word(ticket)
    if mailed is not None:
        return Confirmation(
            Outcome.MET,
            quote(mailed),
            "the caller's own e-mail, pasted into the ticket, confirms the fix.",
        )
    if _BY_CALLER.search(ticket.close_code or ""):
        return Confirmation(
            Outcome.MET,
            f"Close code: {ticket.close_code}",
            "the close code records that the caller closed it.",
        )
    noted = _note_confirms(ticket)
    if noted:
        return Confirmation(Outcome.MET, *noted)
    slot = confirmation_slot(ticket.close_notes)
    if slot is not None and slot.filled:
        return Confirmation(
            Outcome.MET,
            quote(slot.line),
            "the close notes' confirmation line names who confirmed the resolution.",
        )
    if machine_opened(ticket) or raised_by_own_check(ticket.description):
        return Confirmation(
            Outcome.NOT_APPLICABLE,
            f"Contact type: {ticket.contact_type}",
            "raised by monitoring or the support team's own check, and no user's word is "
            "recorded: no user to confirm with.",
        )
    attempts, where = contact_attempts(ticket)
    if attempts >= 3:
        return Confirmation(
            Outcome.PARTLY_MET,
            quote(where),
            f"no confirmation, but {attempts} contact attempts are documented before closure.",
        )
    if slot is not None and not attempts:
        return Confirmation(
            Outcome.NOT_MET,
            quote(slot.line),
            "the close notes' confirmation line names the analyst who resolved it, not the user."
            if slot.by_resolver
            else "the close notes' confirmation line is left empty: no confirmation recorded.",
        )
    return Confirmation(
        Outcome.NOT_MET,
        quote(where) if where else "",
        "no user confirmation found"
        + (
            f"; {attempts} contact attempt{'s' if attempts > 1 else ''} (three are needed "
            "before closing without it)."
            if attempts
            else " and no contact attempt."
        ),
    )
