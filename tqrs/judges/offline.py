"""The offline judge: deterministic heuristics for the rubric's `llm` criteria, used when no
LLM credentials are set. Every result's reasoning starts "Offline check (no LLM):" and the
result carries method "offline", so that nobody mistakes it for an LLM's judgement.

Rule criteria a rule left open (tqrs.rules.registry.Deferred) get the looser reading of
tqrs.judges.offline_rules, in the same call.

Known criteria (by id) have a heuristic each, which decides an outcome (met, partly met, not
met, not applicable) that the rubric maps to its own option. Any other llm criterion, or an
outcome the rubric has no option for, is returned unscored with the reason, never given a
made-up score. No I/O: the engine grades it in batches (an InProcessJudge)."""

import re
from collections.abc import Callable, Iterable, Mapping

from tqrs.journal import parse_journal
from tqrs.judges import InProcessJudge
from tqrs.judges.offline_rules import open_rule_result
from tqrs.llm.cost import Estimate
from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.results import CriterionResult
from tqrs.rubric import Criterion, Rubric
from tqrs.rules import outcome_of
from tqrs.rules.fields import copies_short_description
from tqrs.rules.text import (
    handling_text,
    is_blank,
    is_resolved,
    negated,
    quote,
    ticket_text,
    words,
)
from tqrs.topics import category_mismatch, notes_mismatch

MODEL = "offline-heuristics-v1"
MACHINE_CHANNELS = frozenset({"monitoring", "event", "alert", "system"})
# What a description should say, as (whole words, word beginnings, phrases): word sets
# because a dozen case-insensitive regex alternations per ticket cost more than the rest.
_SIGNALS = {
    "timing": (
        frozenset(
            "since started today yesterday after when morning tonight "
            "overnight monday tuesday wednesday thursday friday".split()
        ),
        (),
        ("last week", "last night"),
    ),
    "impact": (
        frozenset("cannot unable users team whole all nobody everyone".split()),
        ("affect", "impact", "block", "deadline", "urgent"),
        ("can't",),
    ),
    "symptom": (
        frozenset(
            "error fail fails failed slow message code crash crashes crashed "
            "prompts freezes".split()
        ),
        ("disconnect", "freez", "prompt", "drop", "timeout"),
        ("does not", "doesn't", "won't", "not open", "not load", "not start", "not print", '"'),
    ),
}
_CLOCK = re.compile(r"\d:\d\d")
_STEP_MARK = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s+\S|->|→|=>", re.M)
_ARROW = re.compile(r"->|→|=>")
# "Reproduced the error; ..." : a sentence that opens with a past-tense verb is a step taken
_PAST_START = re.compile(r"(?:^|[.;!?]\s+)(?:\d+[.)]\s*|[-*•]\s*)?[A-Z][a-z]{2,}ed\b", re.M)
# Verbs of a troubleshooting action, matched as whole words ("re-created" gives "created").
_ACTIONS = frozenset(
    "checked verified cleared restarted rebooted reinstalled uninstalled reset tested ran "
    "updated pinged remoted reviewed replaced reimaged flushed mapped removed recreated created "
    "added synced resynced enabled disabled unlocked reconnected reassigned escalated applied "
    "installed configured rolled enrolled collected isolated wiped changed scheduled renamed "
    "selected restored switched blocked deleted ordered issued reproduced tried asked joined "
    "monitored sent printed triggered".split()
)
_ACTION = re.compile(r"\b(?:" + "|".join(sorted(_ACTIONS)) + r")\b", re.I)
# Words that report what a step did.
_OUTCOMES = frozenset(
    "resolved work works working success successful succeeded fixed longer still persist "
    "persists result results now same fail fails failed error found complete completes "
    "present opens prints received online stopped granted correctly ok done removed".split()
)
_VAGUE_RESOLUTION = re.compile(
    r"^\W*(?:issue |problem |ticket )?(?:fixed|resolved|done|closed|closing|completed|"
    r"sorted|works now|working now|no issue|n/?a|ok|solved)(?: the issue| issue| now)?\W*$",
    re.I,
)
# The analyst writes the user's confirmation, or the user's success seen on the call ("user
# logged in OK", "caller signed in"): phrasings from public closure procedures (tqrs/rules/
# PHRASES.md), read case and shorthand aside.
_CONFIRMED = re.compile(
    r"\b(?:user|caller|customer|requester|client|she|he|they)\s+(?:has\s+|have\s+)?"
    r"(?:confirmed|acknowledged|agreed)\b|\bverified (?:that|the fix)|confirmed (?:by|with) (?:the )?"
    r"(?:user|caller|customer)|\bok(?:ay)? to close\b|happy (?:for us )?to close|"
    r"\b(?:user|caller|customer|she|he|they)\s+(?:is |was |are )?(?:now |then )?"
    r"(?:able to|logged (?:in|on)|signed (?:in|on)|can (?:now )?(?:log|sign|print|open|access|see)"
    r"|could (?:log|sign|print|open|access)|printed|opened|connected)\b|"
    r"\b(?:user|caller) ok\b|works for (?:the )?(?:user|caller)",
    re.I,
)
# What a caller writes when it works (in their own comment).
_THANKS = re.compile(
    r"\b(?:thanks?|thank you|cheers|works?|working|fixed|sorted|fine|all good|resolved|"
    r"please close|can be closed|close (?:it|this|the ticket)|you (?:can|may) close|i'?m in|"
    r"better|back (?:online|up)|found it|all there|green now|funciona|danke|gracias|merci)\b",
    re.I,
)
_STILL = re.compile(
    r"\b(?:still (?:not|wrong|fails?|failing|broken|the same|happening)|not (?:working|fixed)"
    r"|doesn'?t work|does not work)\b",
    re.I,
)
_BY_CALLER = re.compile(r"\bby (?:the )?(?:caller|user|customer)\b", re.I)
_ATTEMPTED = re.compile(
    r"(?:three|3)[- ]strike|no response|did not respond|unable to reach|left (?:a )?voicemail|"
    r"auto[- ]?clos|attempted to contact|tried to contact|(?:1st|2nd|3rd|first|second|third) "
    r"attempt",
    re.I,
)
_STOPWORDS = frozenset(
    "the and for with from that this have has was were are not user users "
    "after when into been will can cannot unable please issue problem "
    "working work".split()
)


OFFLINE_PREFIX = "Offline check (no LLM): "
# What each signal of a description is called in a sentence an analyst reads.
_SAYS = {"timing": "when it started", "impact": "who is affected", "symptom": "the symptom"}


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
    text = ticket.description.strip()
    n = len(text.split())
    if n == 0 or copies_short_description(text, ticket.short_description):
        return _result(
            c,
            Outcome.NOT_MET,
            quote(text),
            "the description is empty or repeats the short description.",
            "Describe the symptom or exact error, since when, who "
            "is affected and on which device or application.",
        )
    lower = text.lower()
    tokens = set(words(lower))
    signals = [
        name
        for name, (exact, stems, phrases) in _SIGNALS.items()
        if tokens & exact
        or any(t.startswith(stems) for t in tokens)
        or any(p in lower for p in phrases)
        or (name == "timing" and _CLOCK.search(text))
    ]
    missing = [s for s in ("timing", "impact", "symptom") if s not in signals]
    says = [_SAYS[s] for s in signals]
    lacks = [_SAYS[s] for s in missing]
    if n >= 20 and len(signals) >= 2:
        return _result(c, Outcome.MET, quote(text), f"{n} words; it says {_listed(says)}.")
    if n >= 8 and signals:
        return _result(
            c,
            Outcome.PARTLY_MET,
            quote(text),
            f"{n} words; it says {_listed(says)}"
            + (f" but not {_listed(lacks, 'or')}." if lacks else " but little detail."),
            f"Add {_listed(lacks) if lacks else 'more detail'} to the description.",
        )
    return _result(
        c,
        Outcome.NOT_MET,
        quote(text),
        f"only {n} words, without the symptom, when it started or who is affected.",
        "Describe the symptom or exact error, since when, and who is affected.",
    )


def troubleshooting(ticket: Ticket, c: Criterion) -> CriterionResult:
    text = ticket_text(ticket).work_notes  # the fix itself is resolution_quality
    tokens = words(text)
    actions = sum(map(_ACTIONS.__contains__, tokens))
    steps = max(len(_STEP_MARK.findall(text)), actions, len(_PAST_START.findall(text)))
    outcomes = _OUTCOMES.intersection(tokens)
    outcome = (
        next(w for w in tokens if w in outcomes)
        if outcomes
        else ("->" if _ARROW.search(text) else None)
    )
    first = (_STEP_MARK.search(text) or _ACTION.search(text)) if steps else None
    evidence = quote(text, first.start(), first.end()) if first else ""
    if steps >= 3 and outcome:
        return _result(
            c,
            Outcome.MET,
            evidence,
            f"{steps} troubleshooting steps with an outcome ('{outcome}').",
        )
    if steps >= 1:
        why = (
            "no outcome recorded"
            if not outcome
            else f"only {steps} step{'' if steps == 1 else 's'}"
        )
        return _result(
            c,
            Outcome.PARTLY_MET,
            evidence,
            f"some troubleshooting documented ({why}).",
            "Record each step and its result, e.g. '1. Cleared Teams cache -> "
            "still fails 2. Reinstalled Teams -> works'.",
        )
    return _result(
        c,
        Outcome.NOT_MET,
        quote(text),
        "no troubleshooting steps found in the work notes.",
        "Document what you checked and changed, one step per line with its result.",
    )


def resolution_quality(ticket: Ticket, c: Criterion) -> CriterionResult:
    if not is_resolved(ticket):
        return _result(
            c, Outcome.NOT_APPLICABLE, f"State: {ticket.state}", "the ticket is not resolved yet."
        )
    notes = ticket.close_notes.strip()
    if not notes or _VAGUE_RESOLUTION.match(notes) or len(notes.split()) < 4:
        return _result(
            c,
            Outcome.NOT_MET,
            quote(notes),
            "the resolution notes are missing or vague.",
            "Say what fixed it: the action and the object, e.g. 'Re-synced the "
            "Okta MFA enrolment on the user's iPhone'.",
        )
    other = notes_mismatch(ticket, notes)
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
    issue = " ".join(
        (
            ticket.short_description,
            ticket.description,
            ticket.subcategory,
            ticket.cmdb_ci,
            ticket.service,
        )
    )
    issue_words = {w for w in words(issue) if len(w) >= 4 and w not in _STOPWORDS}
    note_words = words(notes)
    shared = sorted(issue_words & set(note_words))
    specific = len(note_words) >= 6 and any(w in _ACTIONS for w in note_words)
    if specific and shared:
        return _result(
            c,
            Outcome.MET,
            quote(notes),
            f"specific fix that names the issue ({', '.join(shared[:3])}).",
        )
    why = "no concrete action" if not specific else "does not mention the reported issue"
    return _result(
        c,
        Outcome.PARTLY_MET,
        quote(notes),
        f"a fix is described but {why}.",
        "Name the action taken and the affected item so the fix can be repeated.",
    )


def _caller_reply(ticket: Ticket) -> str | None:
    """The caller's last comment, when they wrote one that says it works (customer-visible
    replies count: "Please close this incident", "yes its working now")."""
    caller = ticket.caller.strip().lower()
    replies = [
        e
        for e in parse_journal(ticket.comments, "Additional comments")
        if caller and e.author.strip().lower() == caller
    ]
    if not replies:
        return None
    # the newest reply decides (journals list the newest first; a time orders them surely)
    last = (
        max(replies, key=lambda e: e.time or "").text
        if all(e.time for e in replies)
        else replies[0].text
    )
    if _STILL.search(last) or not _THANKS.search(last):
        return None
    return last.strip()


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
        m = _CONFIRMED.search(line)
        if m and not negated(line, m.start()) and not _STILL.search(line[m.end() : m.end() + 40]):
            return _result(
                c,
                Outcome.MET,
                quote(line, m.start(), m.end()),
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
