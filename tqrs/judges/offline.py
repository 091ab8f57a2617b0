"""The offline judge: deterministic heuristics for the rubric's `llm` criteria, used when no
LLM credentials are set. Every result's reasoning starts "Offline check (no LLM):" and the
result carries method "offline", so that nobody mistakes it for an LLM's judgement.

Rule criteria a rule left open (tqrs.rules.registry.Deferred) get the looser reading of
tqrs.judges.offline_rules, in the same call.

Known criteria (by id) have a heuristic each, which decides an outcome (met, partly met, not
met, not applicable) that the rubric maps to its own option. Any other llm criterion, or an
outcome the rubric has no option for, is returned unscored with the reason, never given a
made-up score. No I/O: the engine grades it in batches (an InProcessJudge)."""

import functools
import re
from collections.abc import Callable, Iterable, Mapping

from tqrs.journal import JournalEntry
from tqrs.judges import InProcessJudge
from tqrs.judges.offline_rules import OFFLINE_PREFIX, open_rule_result
from tqrs.judges.signals import (
    ADVICE,
    CONTACT_ATTEMPT,
    PARENT_FIXED,
    WORKAROUND,
    description_parts,
    fix_actions,
    has_outcome,
    has_result,
    is_account_operation,
    is_change,
    is_listed,
    is_step,
    one_case,
    plain,
    spelled_out,
    step_units,
    without_pleasantries,
    word_count,
)
from tqrs.llm.cost import Estimate
from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.results import CriterionResult
from tqrs.rubric import Criterion, Rubric
from tqrs.rules import outcome_of
from tqrs.rules.fields import copies_short_description, is_placeholder
from tqrs.rules.patterns import Caseless
from tqrs.rules.text import (
    handling_text,
    is_blank,
    is_resolved,
    negated,
    quote,
    text_memo,
    ticket_text,
    without_line_times,
    words,
)
from tqrs.topics import category_mismatch, notes_mismatch, topic_hits

# v3: the heuristics read normalised text and the tuning rounds of issue 16 changed verdicts;
# a run started with an earlier version is not resumed with this one
MODEL = "offline-heuristics-v3"
MACHINE_CHANNELS = frozenset({"monitoring", "event", "alert", "system"})
_VAGUE_RESOLUTION = re.compile(
    r"^\W*(?:issue |problem |ticket )?(?:fixed|resolved|done|closed|closing|completed|"
    r"sorted|works now|working now|no issue|n/?a|ok|solved)(?: the issue| issue| now)?\W*$",
    re.I,
)
# The analyst writes the user's confirmation, or the user's success seen on the call ("user
# logged in OK", "caller signed in"): phrasings from public closure procedures (tqrs/rules/
# PHRASES.md), read case and shorthand aside.
_CONFIRMED = Caseless(
    r"\b(?:user|caller|customer|requester|client|she|he|they)\s+(?:has\s+|have\s+)?"
    r"(?:confirmed|acknowledged|agreed)\b|\bverified (?:that|the fix)|confirmed (?:by|with) (?:the )?"
    r"(?:user|caller|customer)|\bok(?:ay)? to close\b|happy (?:for us )?to close|"
    r"(?<!\bso )(?<!\bso that )\b(?:user|caller|customer|she|he|they)\s+(?:is |was |are )?"
    r"(?:now |then )?(?:able to|logged (?:in|on)|signed (?:in|on)|can (?:now )?(?:log|sign|print|open|access|see)"
    r"|could (?:log|sign|print|open|access)|printed|opened|connected)\b|"
    r"\b(?:user|caller) ok\b|works for (?:the )?(?:user|caller)|"
    # the user satisfied, agreeing to close, or reporting success (ITIL closure: the user
    # confirms the resolution and agrees the incident can be closed; tqrs/judges/SOURCES.md)
    r"\b(?:user|caller|customer|requester|client)s?\s+(?:is |was |are )?(?:satisfied|happy)\b|"
    r"\bagreed? (?:to|that) (?:it |the (?:incident|ticket) )?(?:can be )?clos|"
    r"\b(?:user|caller|customer|requester|client)\s+(?:reports?|reported|says|said|states?|"
    r"stated|advised|advises|replied)\s+(?:that\s+)?(?:it|the \w+|everything|all|mail|email)"
    r"\s+(?:is\s+|was\s+|are\s+)?(?:now\s+)?(?:working|works|fine|ok|okay|resolved|fixed|back)\b|"
    r"\bconfirmed (?:working|resolved|fixed)\b|"
    # the caller asking to close, the fix verified with them, their success seen
    r"\b(?:user|caller|customer|she|he|they)\s+(?:asks?|asked) (?:us |me )?to close\b|"
    r"\bverified\b[^\n.;]{0,60}\bwith (?:the )?(?:user|caller|customer)\b|"
    r"\bhappy with (?:it|the fix|the result)\b|"
    r"\b(?:user|caller|customer|she|he|they)\s+(?:tested|tried|scanned|checked|used)\b"
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
    r"\b(?!(?:to|please|pls|you|i|we|will|would|can|could|should|must|may|might|not|"
    r"and|or|dont|doesnt|didnt|cannot)\b)[a-z]+ confirms?\b(?! (?:with|whether|if)\b)|"
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
    r"\b(?:caller|user|she|he) changed (?:it|the password|her password|his password)\b",
)
# The user's log-on seen, in terse notes ("usr in.", "user back in"): read on the
# spelled-out line, whose positions differ from the original's (quoted whole).
_CONFIRMED_TERSE = re.compile(
    r"\b(?:user|caller)\s+(?:is\s+)?(?:back\s+)?in\s*(?:[.!;]|$)|"
    r"(?:^|[.;]\s+)(?:back\s+)?(?:in|on)\s+now\s*(?:[.!;]|$)"
)
# What a caller writes when it works (in their own comment).
_THANKS = re.compile(
    r"\b(?:thanks?|thank you|cheers|works?|working|fixed|sorted|fine|all good|resolved|"
    r"please close|can be closed|close (?:it|this|the ticket)|you (?:can|may) close|i'?m in|"
    r"better|back (?:online|up)|found it|all there|green now|satisfied|perfect|great|"
    r"all set|good to go|that did (?:it|the trick)|solved|funciona|danke|dank|gracias|merci|"
    r"funktioniert|geht wieder|fonctionne|marche|ok now|okay now|ta|spot on|obrigad[oa]|"
    # working again and "you can close" in the desk's other languages ("Buchungen laufen
    # wieder. Bitte schließen.", "Todo OK. Podéis cerrar.")
    r"(?:läuft|laufen|gehen|klappt) wieder|bitte schlie(?:ß|ss)en|todo (?:ok|bien)|"
    r"(?:puedes|puede|pueden|podéis|podeis) cerrar\w*|cerrad|vous pouvez (?:fermer|clôturer)|"
    # Dutch and Polish: "Het werkt weer, bedankt. Mag gesloten worden.", "Wszystko działa,
    # dzięki. Można zamknąć."
    r"werkt|bedankt|mag (?:gesloten|dicht)|dzi(?:ę|e)kuj(?:ę|e)|dzi(?:ę|e)ki|dzia(?:ł|l)a|"
    r"zamkn\w*|zamykamy|"
    # a problem gone ("No drops today."), consent to close ("Good to close.")
    r"^\W*no \w+ (?:today|since|any ?more)|"
    r"(?:good|ok|okay|fine) to close|got it|brilliant|excellent|lovely|very good|"
    r"(?:started|running|moving|printing|going|loading|booking|syncing) again|"
    # terse success: "In. Timesheets sent.", "on the wifi now"
    r"^\W*in(?=\s*[.!])|(?:in|on|back|online|connected)(?: the \w+)? now\b|"
    # accepting a workaround is a confirmation too (LABELLING.md)
    r"for now|no more)\b",
    re.I,
)
_STILL = re.compile(
    r"\b(?:still (?:not|wrong|fails?|failing|broken|the same|happening)|not (?:working|fixed)"
    r"|doesn'?t work|does not work|still (?:nobody|nothing|no one|can'?t|cannot|won'?t|"
    r"isn'?t|doesn'?t))\b",
    re.I,
)
# What works now, in the caller's words: a sentence that ends in "now" ("We can all submit
# now.", "All six vessels updating now."), unless it says something fails.
_NOW = re.compile(r"(?:^|[.!?]\s)([^.!?\n]{3,80}\bnow)\s*(?:[.!]|$)", re.I | re.M)
_FAILS = re.compile(
    r"\b(?:not|no longer|never|cannot|can'?t|won'?t|doesn'?t|isn'?t|aren'?t|error\w*|fail\w*|"
    r"crash\w*|fro(?:ze|zen)|down|broken|again|stuck|still)\b",
    re.I,
)
# Thanks for a message acknowledge it; they do not say it works ("thanks for the update").
_ACKNOWLEDGED = re.compile(
    r"\b(?:thanks?|thank you|cheers)(?: (?:very|so) much)? for (?:letting me know|(?:the|your) "
    r"(?:update|info\w*|message|e-?mail|mail|heads[- ]?up|reply|news|note)\b)",
    re.I,
)
# Consent to a question of the analyst ("Are you happy for me to close?" -> "OK").
_CONSENT = re.compile(
    r"^\W*(?:ok(?:ay)?|yes|yep|yeah|sure|go ahead|please do|fine|s[ií]|tak|ja|oui)\W*$", re.I
)
_ASKS_TO_CLOSE = re.compile(r"\b(?:close|closing|working|works|fixed|sorted)\b[^?\n]{0,60}\?", re.I)
_STILL_AGAIN = re.compile(
    r"\b(?:fro(?:ze|zen)|freez\w*|crash\w*|fail\w*|stopped|dropp\w*|broke\w*|down|happen\w*|"
    r"came back|is back) again\b",
    re.I,
)


# The caller's reply quoted in a note ("Gorka replied by mail: "actualizado, gracias""): the
# caller's words, read as a reply.
_QUOTED_REPLY = re.compile(
    r"\bcaller\s+(?:replied|wrote|answered|responded|said|says|writes)\b[^\n\"\u201c]{0,30}"
    r"[\"\u201c]([^\"\u201d\n]{2,200})[\"\u201d]",
    re.I,
)


def _says_it_works(said: str) -> bool:
    """Whether a caller's reply (spelled out) says it works: thanks or success words (not
    thanks for a message), or a sentence of what works now."""
    if _STILL.search(said) or _STILL_AGAIN.search(said) or _PROMISE.search(said):
        return False
    if _THANKS.search(_ACKNOWLEDGED.sub(" ", said)):
        return True
    return any(not _FAILS.search(m.group(1)) for m in _NOW.finditer(said))


# A reply that only promises a test is no confirmation (LABELLING.md: "I'll try tomorrow").
_PROMISE = re.compile(
    r"\b(?:i'?ll|i will|will) (?:test|try)\b|\b(?:lo |la )?(?:pruebo|probaré|probare)\b|"
    r"\bich (?:teste|probiere)\b|\bje (?:testerai|vais tester)\b",
    re.I,
)
# Journal authors that are the platform, not a person.
_SYSTEM_AUTHOR = re.compile(r"\b(?:system|admin\w*|integration|maint\w*|guest)\b", re.I)
_BY_CALLER = re.compile(r"\bby (?:the )?(?:caller|user|customer)\b", re.I)
_ATTEMPTED = Caseless(
    r"(?:three|3)[- ]strike|no response|did not respond|unable to reach|left (?:a )?voicemail|"
    r"auto[- ]?clos|attempted to contact|tried to contact|(?:1st|2nd|3rd|first|second|third) "
    r"attempt",
)
# Words that say nothing of what an issue is about (shared by chance, they show no match).
_STOPWORDS = frozenset(
    "the and for with from that this have has was were are not user users "
    "after when into been will can cannot unable please issue problem "
    "working work works process today morning yesterday since time again still help "
    "need needs every caller their them they there what which while".split()
)


# What each signal of a description is called in a sentence an analyst reads.
_SAYS = {
    "symptom": "the symptom",
    "timing": "when it started",
    "impact": "who is affected (or what it blocks)",
    "context": "which device or application",
}
# Words a description needs before it can say all four parts, or any part at all.
MIN_FULL_DESCRIPTION = 12
MIN_DESCRIPTION = 8
MIN_LONG_DESCRIPTION = 25
# A step is written on a line, or as a sentence of a line ("Unlocked. Signed in -> OK.").
_SENTENCE_END = re.compile(r"(?<=[.;!?])(?<![Nn]o\.)\s+")
# A list item's marker ("- ", "1. "), read off before the time written after it.
_LIST_MARKER = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s+")
# A fix told by the word alone after its finding ("Cardiology-Ext = ..., correct ... Fixed.").
_BARE_FIX = re.compile(r"^\W*(?:fixed|corrected|amended)\W*$", re.I)
# Steps with a result that make troubleshooting complete (the rubric: three or more).
MIN_STEPS = 3


def _listed(items: list[str], last: str = "and") -> str:
    """ "a", "a and b", "a, b and c" (or "or")."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def _result(
    criterion: Criterion, outcome: Outcome, evidence: str, reasoning: str, coaching: str = ""
) -> CriterionResult:
    if criterion.grade_for(outcome) is None:
        return CriterionResult.unscored(
            criterion,
            "offline",
            f"the offline heuristic found {outcome.value!r} but criterion {criterion.id!r} has "
            'no option for it (map it in the rubric\'s "outcomes")',
        )
    return CriterionResult.from_outcome(
        criterion,
        outcome,
        "offline",
        evidence=evidence,
        reasoning=f"{OFFLINE_PREFIX}{reasoning}",
        coaching=coaching,
    )


def description_quality(ticket: Ticket, c: Criterion) -> CriterionResult:
    text = without_pleasantries(ticket.description)
    n = word_count(text)
    if n == 0 or copies_short_description(text, ticket.short_description):
        return _result(
            c,
            Outcome.NOT_MET,
            quote(text),
            "the description is empty or repeats the short description.",
            "Describe the symptom or exact error, since when, who "
            "is affected and on which device or application.",
        )
    # the short description counts too: a reader has both in front of them
    says = description_parts(f"{ticket.short_description}\n{text}", ticket.short_description)
    lacks = [_SAYS[p] for p in _SAYS if p not in says]
    said = [_SAYS[p] for p in says]
    # the impact unsaid in a long description is more likely implicit than missing (a
    # reader sees what a stolen phone or an encrypted disk blocks); a start time or the
    # device is either written or not
    if (not lacks and n >= MIN_FULL_DESCRIPTION) or (
        says == ["symptom", "timing", "context"] and n >= MIN_LONG_DESCRIPTION
    ):
        return _result(c, Outcome.MET, quote(text), f"the description says {_listed(said)}.")
    if said and n >= MIN_DESCRIPTION:
        return _result(
            c,
            Outcome.PARTLY_MET,
            quote(text),
            f"the description says {_listed(said)}"
            + (f", but not {_listed(lacks, 'or')}." if lacks else ", but only briefly."),
            f"Add {_listed(lacks) if lacks else 'more detail'} to the description.",
        )
    return _result(
        c,
        Outcome.NOT_MET,
        quote(text),
        "the description is too short to say the symptom, when it started, who is affected "
        "and on which device or application.",
        "Describe the symptom or exact error, since when, who is affected and on which "
        "device or application.",
    )


def troubleshooting(ticket: Ticket, c: Criterion) -> CriterionResult:
    steps, results = troubleshooting_steps(ticket)
    evidence = quote(steps[0]) if steps else ""
    if len(results) >= MIN_STEPS:
        return _result(
            c,
            Outcome.MET,
            evidence,
            f"{len(results)} troubleshooting steps are recorded with their results "
            f"(e.g. '{quote(results[0], width=80)}').",
        )
    if steps:
        why = (
            "without their results"
            if not results
            else f"only {len(results)} step{'' if len(results) == 1 else 's'} with "
            f"{'its result' if len(results) == 1 else 'their results'}"
            + (f" of {len(steps)}" if len(steps) > len(results) else "")
        )
        return _result(
            c,
            Outcome.PARTLY_MET,
            evidence,
            f"some troubleshooting is recorded ({why}).",
            "Record each step and its result, e.g. '1. Cleared Teams cache -> "
            "still fails 2. Reinstalled Teams -> works'.",
        )
    return _result(
        c,
        Outcome.NOT_MET,
        quote(ticket_text(ticket).work_notes),
        "no troubleshooting step (an action or check) is recorded in the work notes or the "
        "analysts' comments.",
        "Document what you checked and changed, one step per line with its result.",
    )


def troubleshooting_steps(ticket: Ticket) -> tuple[list[str], list[str]]:
    """The steps recorded in the work notes, and in comments not written by the caller
    (steps written in customer-visible comments count), and those of them whose outcome is
    written (LABELLING.md, troubleshooting audit rules 4, 6 and 7): a check's finding, a
    change's effect or the test after it, a procedure action done. The comments are read
    only when the work notes alone do not make the troubleshooting complete."""
    text = ticket_text(ticket)
    steps, results = _steps_in(plain(e.text) for e in _in_order(text.work_note_entries))
    if len(results) >= MIN_STEPS:
        return steps, results
    caller = _name_key(ticket.caller)
    more, more_results = _steps_in(
        plain(e.text)
        for e in _in_order(text.comment_entries)
        if e.author and _name_key(e.author) != caller
    )
    return steps + more, results + more_results


def _in_order(entries: list[JournalEntry]) -> list[JournalEntry]:
    """Journal entries oldest first (an export lists them newest first), so that a test is
    read after the change it tests; entries without a time keep their place."""
    if any(e.time is None for e in entries):
        return entries
    return sorted(entries, key=lambda e: e.time or "")


def _steps_in(texts: Iterable[str]) -> tuple[list[str], list[str]]:
    """(the steps of `texts`, read in order, and those with their outcome). A change whose
    result is not written with it takes the outcome of the next step that has one (its
    effect or test, shared by the changes before it: "Reran, pushed to the clock." then
    "all badges clock in now"), or of any step of the record with one: only a fix with
    no effect or test anywhere is a step without outcome (audit rule 6). A check without
    its finding has none (rule 2)."""
    steps: list[str] = []
    results: list[str] = []
    waiting: list[str] = []  # changes whose outcome is still to be written
    for text in texts:
        for step, outcome, change in _steps_of(text):
            steps.append(step)
            if outcome:
                results += [*waiting, step]
                waiting = []
            elif change:
                waiting.append(step)
    if results:
        results += waiting
    return steps, results


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
    for line in without_line_times(text).splitlines():
        listed = is_listed(line)
        starts = not (listed and listed_before)
        listed_before = listed
        line = without_line_times(_LIST_MARKER.sub("", line, count=1)) if listed else line
        sentences = [x for x in _SENTENCE_END.split(line) if x.strip()]
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
        contact = CONTACT_ATTEMPT.search(f"{sentence} {after}")
        if contact and contact.start() < len(sentence):
            effect = found = looked = False
            continue
        if found and _BARE_FIX.match(sentence):
            steps.append((sentence.strip(), False, True))
            effect = found = looked = False
            continue
        if is_step(sentence, starts or not effect) and not is_placeholder(sentence):
            for u in step_units(sentence.strip()):
                step = (u, has_outcome(u), is_change(u))
                if steps and is_account_operation(u) and is_account_operation(steps[-1][0]):
                    # "Reset pw in AD. Change at next logon set. Account unlocked as well."
                    step = _joined(steps.pop(), step)
                steps.append(step)
            changed, result = is_change(sentence), has_result(sentence)
            effect, found = changed and result, result and not changed
            looked = not changed and not steps[-1][1] if steps else False
        elif looked and not starts and len(words(sentence)) > 1 and not is_placeholder(sentence):
            # what a check showed, told after it on its line ("Reviewed the job log; too
            # long."): that check's finding (audit rule 2)
            steps[-1] = (f"{steps[-1][0]} {sentence.strip()}", True, False)
            effect, found, looked = False, True, False
        else:
            effect = found = looked = False
    return steps


def _joined(a: tuple[str, bool, bool], b: tuple[str, bool, bool]) -> tuple[str, bool, bool]:
    """Two parts of one step as that step."""
    return (f"{a[0]} {b[0]}", a[1] or b[1], a[2] or b[2])


def _one_step(steps: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """`steps` read as one step (a child incident's check after its parent's fix)."""
    return [functools.reduce(_joined, steps)] if steps else []


def resolution_quality(ticket: Ticket, c: Criterion) -> CriterionResult:
    if not is_resolved(ticket):
        return _result(
            c, Outcome.NOT_APPLICABLE, f"State: {ticket.state}", "the ticket is not resolved yet."
        )
    notes = ticket.close_notes.strip()
    if (
        not notes
        or _VAGUE_RESOLUTION.match(notes)
        or (len(notes.split()) < 3 and not any(fix_actions(spelled_out(notes))))
    ):
        return _result(
            c,
            Outcome.NOT_MET,
            quote(notes),
            "the resolution notes are missing or only say it is fixed.",
            "Say what fixed it: the action and the object, e.g. 'Re-synced the "
            "Okta MFA enrolment on the user's iPhone'.",
        )
    # notes that name the reported device or CI are about this ticket, whatever else
    # they name (the scanner's service-account password on a scan ticket)
    named = _names_reported_item(ticket, notes)
    other = None if named else notes_mismatch(ticket, notes)
    if other is not None:
        return _result(
            c,
            Outcome.PARTLY_MET,
            quote(notes),
            f"the resolution notes are about {other.about} ({', '.join(other.words)}), not "
            f"the reported {other.claimed} issue.",
            "Write the resolution of this ticket's issue; notes about another problem do not "
            "show how this one was fixed.",
        )
    specific, generic = fix_actions(spelled_out(notes))
    shared = _shared_words(ticket, spelled_out(notes))
    if specific and (shared or named):
        return _result(
            c,
            Outcome.MET,
            quote(notes),
            f"the notes name what was done ('{specific[0]}') to the reported "
            f"{_listed(shared[:2]) if shared else 'device'}.",
        )
    undone = None if specific else _undoes_reported_state(ticket, generic)
    if undone:
        return _result(
            c,
            Outcome.MET,
            quote(notes),
            f"the notes name the action ('{undone}') that undoes the reported state.",
        )
    if specific:
        return _result(
            c,
            Outcome.PARTLY_MET,
            quote(notes),
            f"the notes name what was done ('{specific[0]}') but no word of the reported "
            "issue, so it is not clear that it fixed this issue.",
            "Name the affected item of this ticket (the application, device or account) "
            "with the action taken.",
        )
    workaround = WORKAROUND.search(notes.lower())
    if workaround:
        why = (
            f"the notes describe a workaround ('{workaround.group()}'), not a fix of the "
            "reported issue."
        )
    elif generic and generic[0].split()[0] in ADVICE:
        why = f"the notes give advice ('{generic[0]}') but do not say what was fixed."
    elif generic:
        why = f"the notes say a fix was made ('{generic[0]}') but not what was changed."
    else:
        why = "the notes do not name an action that fixed the issue."
    return _result(
        c,
        Outcome.PARTLY_MET,
        quote(notes),
        why,
        "Name the action taken and the affected item so the fix can be repeated.",
    )


# An action that undoes a state ("unlocked", "entsperrt", "débloqué", "desbloqueado"): on
# a ticket reporting that state ("locked out", "gesperrt") its object is the reported one.
_UNDO = re.compile(r"^(?:un|ent|des|dé)(\w{4})\w*(?:ed|t|é|ée|ado|ada)$")


def _undoes_reported_state(ticket: Ticket, generic: list[str]) -> str | None:
    """The first generic action whose verb undoes the state the short description or
    description reports ("unlocked" on "acct lockd": the account is the object)."""
    issue = spelled_out(f"{ticket.short_description}\n{ticket.description}").lower()
    for phrase in generic:
        verbs = phrase.split()[:: max(len(phrase.split()) - 1, 1)]  # first and last word
        if any((m := _UNDO.match(v)) and m.group(1) in issue for v in verbs):
            return phrase
    return None


def _shared_words(ticket: Ticket, notes: str) -> list[str]:
    """Words of four letters or more that the notes share with the reported issue (short
    description, description, subcategory, CI, service), or else the topics (tqrs.topics)
    both speak of ("login lifetime" and "sign in again": access)."""
    fields = (
        ticket.short_description,
        ticket.description,
        ticket.subcategory,
        ticket.cmdb_ci,
        ticket.service,
    )
    issue = spelled_out(" ".join(fields))  # "acct" and "account" are one word
    issue_words = {w for w in words(issue) if len(w) >= 4 and w not in _STOPWORDS}
    shared = sorted(issue_words.intersection(words(notes)))
    if shared:
        return shared
    said = topic_hits((notes, 1))
    topics = said.keys() & topic_hits(*((f, 1) for f in fields)).keys() if said else set()
    return [f"{t} issue" for t in sorted(topics)]


# A device, host or asset tag as tickets write it ("SAH-MFP-RAD1", "OSL-LT-0390").
_ASSET_TAG = re.compile(r"\b[A-Za-z]{2,}[A-Za-z0-9]*-[A-Za-z0-9-]*\d[A-Za-z0-9-]*\b")


def _names_reported_item(ticket: Ticket, notes: str) -> bool:
    """Whether the notes name the ticket's CI or an asset tag the issue names."""
    ci = ticket.cmdb_ci.strip().lower()
    lower = notes.lower()
    if len(ci) >= 4 and ci in lower:
        return True
    issue = f"{ticket.short_description}\n{ticket.description}".lower()
    return any(tag.lower() in issue for tag in _ASSET_TAG.findall(notes))


@functools.lru_cache(maxsize=1024)
def _caller_name(caller: str) -> re.Pattern | None:
    """The caller's names as notes write them ("Karim confirmed by phone", "verified with
    Jan"), to be read as "caller"; None for a caller with no name (a sys_id)."""
    names = [p for p in re.findall(r"[^\W\d_]{3,}", caller) if p[0].isupper() or "." in caller]
    if not names or re.fullmatch(r"[0-9a-f]{32}", caller.strip()):
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n.capitalize()) for n in names) + r")\b")


@functools.lru_cache(maxsize=1024)
def _caller_name_any_case(caller: str) -> re.Pattern | None:
    """_caller_name for a line written in one case, where a name has no capital to tell it."""
    named = _caller_name(caller)
    return re.compile(named.pattern, re.I) if named else None


@functools.lru_cache(maxsize=4096)
def _name_key(name: str) -> frozenset[str]:
    """A person's name as a set of lower-case parts: "Doe, Jane", "jane.doe" and "Jane Doe"
    are the same person."""
    return frozenset(re.findall(r"[a-z]+", name.lower()))


def _caller_reply(ticket: Ticket) -> str | None:
    """The caller's last comment, when they wrote one that says it works (customer-visible
    replies count: "Please close this incident", "yes its working now"). A comment is the
    caller's when its author is the caller (name parts in any order), or, when the export
    names the caller differently, an author who wrote no work note and is not the assignee
    (exports give the caller as a user id, the journal as a display name)."""
    caller = _name_key(ticket.caller)
    analysts = {_name_key(e.author) for e in ticket_text(ticket).work_note_entries}
    analysts.add(_name_key(ticket.assigned_to))
    entries = [e for e in ticket_text(ticket).comment_entries if _name_key(e.author)]
    replies = [e for e in entries if caller and _name_key(e.author) == caller]
    if not replies:
        replies = [
            e
            for e in entries
            if _name_key(e.author) not in analysts and not _SYSTEM_AUTHOR.search(e.author)
        ]
    if not replies:
        return None
    # the newest reply decides (journals list the newest first; a time orders them surely)
    last = max(replies, key=lambda e: e.time or "") if all(e.time for e in replies) else replies[0]
    said = spelled_out(plain(last.text))  # "pls close", "thx"
    if _says_it_works(said) or (_CONSENT.match(said) and _asked_to_close(last, entries)):
        return last.text.strip()
    return None


def _asked_to_close(reply: JournalEntry, entries: list[JournalEntry]) -> bool:
    """Whether the comment just before `reply` (by someone else) asks whether it works or
    may be closed: a bare "OK" answers it."""
    if not reply.time:
        return False
    before = [e for e in entries if e.time and e.time < reply.time and e.author != reply.author]
    if not before:
        return False
    return bool(_ASKS_TO_CLOSE.search(plain(max(before, key=lambda e: e.time).text)))


def user_confirmation(ticket: Ticket, c: Criterion) -> CriterionResult:
    if not is_resolved(ticket):
        return _result(
            c, Outcome.NOT_APPLICABLE, f"State: {ticket.state}", "the ticket is not resolved yet."
        )
    if ticket.contact_type in MACHINE_CHANNELS:
        return _result(
            c,
            Outcome.NOT_APPLICABLE,
            f"Contact type: {ticket.contact_type}",
            "raised by monitoring: there is no user to confirm with.",
        )
    reply = _caller_reply(ticket)
    if reply:
        return _result(c, Outcome.MET, quote(reply), "the caller's reply confirms the fix.")
    if _BY_CALLER.search(ticket.close_code or ""):
        return _result(
            c,
            Outcome.MET,
            f"Close code: {ticket.close_code}",
            "the close code records that the caller closed it.",
        )
    text = handling_text(ticket)
    for line in text.splitlines():
        read = plain(line)
        caller = (_caller_name_any_case if one_case(read) else _caller_name)(ticket.caller)
        found = _confirmation_in(caller.sub("caller", read) if caller else read)
        if found == "quoted":
            return _result(
                c,
                Outcome.MET,
                quote(line),
                "the caller's reply, quoted in a note, confirms the fix.",
            )
        if found is not None:
            # the quote is the original line's sentence (a name read as "caller" shifts it)
            read, *at = found
            return _result(
                c,
                Outcome.MET,
                quote(line, *(at if read == line else (0, None))),
                "the user's confirmation is documented.",
            )
    m = _ATTEMPTED.search(text)
    if m:
        return _result(
            c,
            Outcome.PARTLY_MET,
            quote(text, m.start(), m.end()),
            "no confirmation, but contact attempts are documented.",
            "Confirm the fix with the user before resolving when you can reach them.",
        )
    return _result(
        c,
        Outcome.NOT_MET,
        "",
        "no user confirmation or contact attempt found.",
        "Before resolving, confirm with the user and note it, e.g. 'User confirmed "
        "Outlook opens normally; OK to close'.",
    )


@text_memo  # the same note line comes back in many tickets
def _confirmation_in(read: str) -> str | tuple[str, int, int | None] | None:
    """How a line of the handling text (HTML removed, the caller's names read as "caller")
    documents the user's confirmation: "quoted" (the caller's reply quoted, saying it
    works), or (the line as read, where the confirmation starts and ends in it; 0, None in
    a terse note: the whole line), or None."""
    quoted = _QUOTED_REPLY.search(read)
    if quoted and _says_it_works(spelled_out(quoted.group(1))):
        return "quoted"
    m = _CONFIRMED.search(read)
    if m is None:  # in shorthand ("usr ok", "confirmed w/ usr"), read spelled out
        read = spelled_out(read)
        m = _CONFIRMED.search(read)
        if m is None and _CONFIRMED_TERSE.search(read):
            return read, 0, None
    # a negation in an earlier clause ("Two days without a freeze, Imran confirms") is
    # not this one's
    clause = read.rfind(",", 0, m.start()) + 1 if m else 0
    if (
        m
        and not negated(read[clause:], m.start() - clause)
        and not _STILL.search(read[m.end() : m.end() + 40])
    ):
        return read, m.start(), m.end()
    return None


def category_fit(ticket: Ticket, c: Criterion) -> CriterionResult:
    if is_blank(ticket.category):
        return _result(
            c,
            Outcome.NOT_APPLICABLE,
            "Category: (empty)",
            "no category is set (a missing category is judged under categorization).",
        )
    filed = " / ".join(x for x in (ticket.category, ticket.subcategory) if x.strip())
    found = category_mismatch(ticket)
    if found is None:
        return _result(
            c, Outcome.MET, f"Category: {filed}", "no clear sign that the category does not fit."
        )
    return _result(
        c,
        Outcome.NOT_MET,
        f"Category: {filed}; the ticket says: {', '.join(found.words)}",
        f"the ticket is about {found.about} ({', '.join(found.words)}), which {filed} does "
        "not cover.",
        "Pick the category and subcategory of the affected service or component, so that "
        "the ticket reaches the right group and counts in the right trend.",
    )


HEURISTICS: dict[str, Callable[[Ticket, Criterion], CriterionResult]] = {
    "description_quality": description_quality,
    "troubleshooting": troubleshooting,
    "resolution_quality": resolution_quality,
    "user_confirmation": user_confirmation,
    "category_fit": category_fit,
}
_GRADED = (Outcome.MET, Outcome.PARTLY_MET, Outcome.NOT_MET)
# The outcomes each heuristic can find (what a rubric needs options for, offline).
HEURISTIC_OUTCOMES: dict[str, tuple[Outcome, ...]] = {
    "description_quality": _GRADED,
    "troubleshooting": _GRADED,
    "resolution_quality": (*_GRADED, Outcome.NOT_APPLICABLE),
    "user_confirmation": (*_GRADED, Outcome.NOT_APPLICABLE),
    "category_fit": (Outcome.MET, Outcome.NOT_MET, Outcome.NOT_APPLICABLE),
}


def offline_gaps(rubric: Rubric) -> list[str]:
    """What the offline judge cannot grade in this rubric: llm criteria without a heuristic,
    and outcomes a heuristic can find that the criterion has no option for (each would be
    "could not grade" offline; an LLM judge chooses the rubric's options itself)."""
    gaps = []
    for c in rubric.llm_criteria:
        if c.id not in HEURISTICS:
            gaps.append(f"criterion {c.id!r}: the offline judge has no heuristic for it")
            continue
        missing = [o.value for o in HEURISTIC_OUTCOMES[c.id] if c.option_for(o) is None]
        if missing:
            gaps.append(
                f"criterion {c.id!r}: the offline heuristic can find {', '.join(missing)}, "
                'which has no option (map it in "outcomes")'
            )
    return gaps


class OfflineJudge(InProcessJudge):
    """Grades llm criteria with HEURISTICS; no network, no cost."""

    name = "offline"
    model = MODEL
    provider = "offline"
    knowledge_notes = True

    def estimate(
        self, tickets: Iterable[Ticket], rubric: Rubric, total: int, asks=None
    ) -> Estimate:
        return Estimate.local_only(total)

    async def close(self) -> None:
        return None  # holds nothing

    def judge_ticket(
        self, ticket: Ticket, rubric: Rubric, open: Mapping[str, str] | None = None
    ) -> dict[str, CriterionResult]:
        out = {
            c.id: heuristic(ticket, c) if (heuristic := HEURISTICS.get(c.id)) else _no_heuristic(c)
            for c in rubric.llm_criteria
        }
        if open:
            given: dict[str, Outcome | None] = {}
            for c in rubric.rule_order:  # a rule's inputs first (caller validation)
                if c.id in open:
                    out[c.id] = open_rule_result(ticket, c, given)
                    given[c.rule] = outcome_of(c, out[c.id])
        return out


def _no_heuristic(c: Criterion) -> CriterionResult:
    return CriterionResult.unscored(
        c, "offline", f"the offline judge has no heuristic for criterion {c.id!r}"
    )
