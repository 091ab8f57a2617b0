"""The offline judge: deterministic heuristics for the rubric's `llm` criteria, used when no
LLM credentials are set. Every result says "offline heuristic" in its reasoning and carries
method "offline", so that nobody mistakes it for an LLM's judgement.

Known criteria (by id) have a heuristic each; any other llm criterion is returned unscored,
never given a made-up score."""

import re
from collections.abc import Callable

from tqrs.judges import JudgeOutcome
from tqrs.models import Ticket
from tqrs.results import CriterionResult
from tqrs.rubric import Criterion, Rubric
from tqrs.rules.fields import copies_short_description
from tqrs.rules.text import (
    find_affirmed,
    handling_text,
    is_resolved,
    quote,
    strip_journal_headers,
    words,
)

MODEL = "offline-heuristics-v1"
_TIMING = re.compile(r"\bsince\b|\bstarted\b|\btoday\b|\byesterday\b|this morning|"
                     r"last (?:week|night)|\bafter\b|\b\d{1,2}:\d{2}\b|\bwhen\b", re.I)
_IMPACT = re.compile(r"\bunable to\b|\bcannot\b|\bcan't\b|\baffect|\bimpact|\bblock|"
                     r"\bdeadline|\busers\b|\bteam\b|\bwhole\b|\ball\b", re.I)
_SYMPTOM = re.compile(r"\berror\b|\bfails?\b|\bfailed\b|\bcrash|\bfreez|\bslow\b|\bprompt|"
                      r"\bmessage\b|\bcode\b|\bdisconnect|\bnot (?:open|load|start|print|sync)|"
                      r"\bdoes not\b|\bdoesn't\b|\bwon't\b|\"", re.I)
_STEP_MARK = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s+\S|->|→|=>", re.M)
_ARROW = re.compile(r"->|→|=>")
# "Reproduced the error; ..." : a sentence that opens with a past-tense verb is a step taken
_PAST_START = re.compile(r"(?:^|[.;!?]\s+)(?:\d+[.)]\s*|[-*•]\s*)?[A-Z][a-z]{2,}ed\b", re.M)
_ACTION = re.compile(
    r"\b(?:checked|verified|cleared|restarted|rebooted|reinstalled|uninstalled|reset|tested|"
    r"ran|updated|pinged|remoted|reviewed|replaced|reimaged|flushed|mapped|removed|"
    r"re-?created|recreated|created|re-?added|added|re-?synced|resynced|enabled|disabled|unlocked|reconnected|"
    r"reassigned|escalated|applied|installed|configured|rolled back|"
    r"re-?enrolled|collected|isolated|wiped|changed|scheduled|renamed|selected|restored|"
    r"switched|blocked|deleted|ordered|issued|reproduced|tried|asked|joined|monitored|sent|"
    r"printed|triggered)\b", re.I)
_OUTCOME = re.compile(
    r"\bresolved\b|\bworks?\b|\bworking\b|\bsuccess|\bfixed\b|\bno longer\b|\bstill\b|"
    r"\bpersists?\b|\bresult|\bnow\b|\bsame\b|\bfails?\b|\bfailed\b|\berror\b|\bfound\b|"
    r"\bcompletes?\b|\bpresent\b|\bopens\b|\bprints?\b|\breceived\b|\bonline\b|"
    r"\bstopped\b|\bgranted\b|\bcorrectly\b|\bsucceeded\b|\bok\b|\bdone\b|\bremoved\b",
    re.I)
_VAGUE_RESOLUTION = re.compile(
    r"^\W*(?:issue |problem |ticket )?(?:fixed|resolved|done|closed|closing|completed|"
    r"sorted|works now|working now|no issue|n/?a|ok|solved)(?: the issue| issue| now)?\W*$",
    re.I)
_CONFIRMED = re.compile(
    r"\b(?:user|caller|customer|requester|she|he|they)\s+(?:has\s+|have\s+)?"
    r"(?:confirmed|acknowledged|agreed)\b|\bverified (?:that|the fix)|confirmed (?:by|with) (?:the )?"
    r"(?:user|caller|customer)|\bok(?:ay)? to close\b|happy (?:for us )?to close|"
    r"(?:user|caller) (?:is )?(?:now )?able to\b", re.I)
_ATTEMPTED = re.compile(
    r"(?:three|3)[- ]strike|no response|did not respond|unable to reach|left (?:a )?voicemail|"
    r"auto[- ]?clos|attempted to contact|tried to contact|(?:1st|2nd|3rd|first|second|third) "
    r"attempt", re.I)
_STOPWORDS = frozenset("the and for with from that this have has was were are not user users "
                       "after when into been will can cannot unable please issue problem "
                       "working work".split())


def _result(criterion: Criterion, option: str, evidence: str, reasoning: str,
            coaching: str = "") -> CriterionResult:
    return CriterionResult.from_option(criterion, option, "offline", evidence=evidence,
                                       reasoning=f"offline heuristic: {reasoning}",
                                       coaching=coaching)


def description_quality(ticket: Ticket, c: Criterion) -> CriterionResult:
    text = ticket.description.strip()
    n = len(text.split())
    if n == 0 or copies_short_description(text, ticket.short_description):
        return _result(c, "0", quote(text), "the description is empty or repeats the short "
                       "description.", "Describe the symptom or exact error, since when, who "
                       "is affected and on which device or application.")
    signals = [name for name, pattern in (("timing", _TIMING), ("impact", _IMPACT),
                                          ("symptom", _SYMPTOM)) if pattern.search(text)]
    missing = [s for s in ("timing", "impact", "symptom") if s not in signals]
    if n >= 20 and len(signals) >= 2:
        return _result(c, "20", quote(text), f"{n} words covering {', '.join(signals)}.")
    if n >= 8 and signals:
        return _result(c, "10", quote(text), f"{n} words; found {', '.join(signals)}, "
                       f"missing {', '.join(missing) or 'detail'}.",
                       f"Add the {' and '.join(missing) or 'detail'} to the description.")
    return _result(c, "0", quote(text), f"only {n} words and no symptom, timing or impact.",
                   "Describe the symptom or exact error, since when, and who is affected.")


def troubleshooting(ticket: Ticket, c: Criterion) -> CriterionResult:
    text = strip_journal_headers(ticket.work_notes)  # the fix itself is resolution_quality
    steps = max(len(_STEP_MARK.findall(text)), len(_ACTION.findall(text)),
                len(_PAST_START.findall(text)))
    outcome = _OUTCOME.search(text) or _ARROW.search(text)
    first = _STEP_MARK.search(text) or _ACTION.search(text)
    evidence = quote(text, first.start(), first.end()) if first else ""
    if steps >= 3 and outcome:
        return _result(c, "20", evidence, f"{steps} troubleshooting steps with an outcome "
                       f"('{outcome.group(0)}').")
    if steps >= 1:
        why = "no outcome recorded" if not outcome else f"only {steps} step(s)"
        return _result(c, "10", evidence, f"some troubleshooting documented ({why}).",
                       "Record each step and its result, e.g. '1. Cleared Teams cache -> "
                       "still fails 2. Reinstalled Teams -> works'.")
    return _result(c, "0", quote(text), "no troubleshooting steps found in the work notes.",
                   "Document what you checked and changed, one step per line with its result.")


def resolution_quality(ticket: Ticket, c: Criterion) -> CriterionResult:
    if not is_resolved(ticket):
        return _result(c, "N/A", f"State: {ticket.state}", "the ticket is not resolved yet.")
    notes = ticket.close_notes.strip()
    if not notes or _VAGUE_RESOLUTION.match(notes) or len(notes.split()) < 4:
        return _result(c, "0", quote(notes), "the resolution notes are missing or vague.",
                       "Say what fixed it: the action and the object, e.g. 'Re-synced the "
                       "Okta MFA enrolment on the user's iPhone'.")
    issue = " ".join((ticket.short_description, ticket.description, ticket.subcategory,
                      ticket.cmdb_ci, ticket.service))
    issue_words = {w for w in words(issue)
                   if len(w) >= 4 and w not in _STOPWORDS}
    shared = sorted(issue_words & set(words(notes)))
    specific = _ACTION.search(notes) is not None and len(notes.split()) >= 6
    if specific and shared:
        return _result(c, "10", quote(notes), f"specific fix that names the issue "
                       f"({', '.join(shared[:3])}).")
    why = "no concrete action" if not specific else "does not mention the reported issue"
    return _result(c, "5", quote(notes), f"a fix is described but {why}.",
                   "Name the action taken and the affected item so the fix can be repeated.")


def user_confirmation(ticket: Ticket, c: Criterion) -> CriterionResult:
    if not is_resolved(ticket):
        return _result(c, "N/A", f"State: {ticket.state}", "the ticket is not resolved yet.")
    text = handling_text(ticket)
    m = find_affirmed(_CONFIRMED, text)
    if m:
        return _result(c, "10", quote(text, m.start(), m.end()),
                       "the user's confirmation is documented.")
    m = _ATTEMPTED.search(text)
    if m:
        return _result(c, "5", quote(text, m.start(), m.end()),
                       "no confirmation, but contact attempts are documented.",
                       "Confirm the fix with the user before resolving when you can reach them.")
    return _result(c, "0", "", "no user confirmation or contact attempt found.",
                   "Before resolving, confirm with the user and note it, e.g. 'User confirmed "
                   "Outlook opens normally; OK to close'.")


HEURISTICS: dict[str, Callable[[Ticket, Criterion], CriterionResult]] = {
    "description_quality": description_quality,
    "troubleshooting": troubleshooting,
    "resolution_quality": resolution_quality,
    "user_confirmation": user_confirmation,
}


class OfflineJudge:
    """Grades llm criteria with HEURISTICS; no network, no cost."""

    name = "offline"
    model = MODEL

    def judge_sync(self, ticket: Ticket, rubric: Rubric) -> dict[str, CriterionResult]:
        out = {}
        for c in rubric.llm_criteria:
            heuristic = HEURISTICS.get(c.id)
            out[c.id] = heuristic(ticket, c) if heuristic else CriterionResult.unscored(
                c, "offline", f"the offline judge has no heuristic for criterion {c.id!r}")
        return out

    async def judge(self, ticket: Ticket, rubric: Rubric) -> JudgeOutcome:
        return JudgeOutcome(results=self.judge_sync(ticket, rubric))
