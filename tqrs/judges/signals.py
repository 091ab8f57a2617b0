"""What the offline heuristics look for in a ticket's words: the four things a description
should say, and troubleshooting steps with their results. Word lists, not a model: each
signal is a short list of cues a quality reviewer reads for, collected from public incident
logging and ticket-documentation guides (tqrs/judges/SOURCES.md), tuned only on the `tune`
half of tests/eval_set/.

A signal is found or not; finding one never deducts anything. Every deduction the offline
judge makes is "this part was not found", which an analyst can check by reading the text."""

import re

from tqrs.topics import TOPICS


def _cues(alternatives: str) -> re.Pattern:
    """Whole words or phrases, `|`-separated, any case."""
    return re.compile(r"(?<![\w-])(?:" + alternatives + r")(?![\w-])", re.I)


# The parts of a good description (ITIL incident logging: symptoms and error messages, the
# time it started or last worked, the users and business affected, the service or device).
DESCRIPTION_PARTS: dict[str, re.Pattern] = {
    # what goes wrong: an error, a failure, something that does not happen
    "symptom": _cues(
        r"errors?|fail\w*|crash\w*|slow\w*|freez\w*|hang(?:s|ing)?|stuck|timed? ?out|"
        r"times out|blue screen|bsod|flicker\w*|drop\w*|disconnect\w*|missing|lost|stolen|"
        r"left|broken|wrong|late|delayed|lock\w*|suspicious|phishing|expired?|expires|read[- ]only|denied|"
        r"declined|rejected|disappeared|unreachable|down|outage|corrupt\w*|prompts?|"
        r"message|warning|not|no|never|cannot|can'?t|unable|doesn'?t|won'?t|isn'?t|"
        r"aren'?t|didn'?t|can not|keeps|again|empty|blank|grey|greyed|red|noise|grind\w*|"
        r"no puedo|funktioniert nicht|ne fonctionne pas"
    ),
    # when it started, when it last worked, how often
    "timing": re.compile(
        r"(?<![\w-])(?:since|today|yesterday|tonight|tomorrow|overnight|ago|"
        r"this (?:morning|afternoon|evening|week)|last (?:night|week|month|friday|monday|"
        r"tuesday|wednesday|thursday|saturday|sunday|update|reboot)|"
        r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|weekend|every (?:time|day|morning)|"
        r"each time|whenever|first day|for (?:\w+ )?(?:days|hours|weeks)|"
        r"\d{1,2}(?::\d\d)? ?(?:am|pm)|\d{1,2}:\d\d|\d{1,2}[./]\d{1,2}\.?(?:\d{2,4})?|"
        r"\d{4}-\d\d-\d\d|desde|seit|depuis|ayer|gestern|hier)(?![\w-])",
        re.I,
    ),
    # who or how many are affected, what it blocks, how urgent, what they do meanwhile
    "impact": _cues(
        r"users|people|staff|team|colleagues?|everyone|everybody|nobody|all|whole|several|"
        r"many|others?|only|\d+ (?:\w+ )?(?:users|people|staff|sites?|pcs|laptops|vms|servers|"
        r"hosts|members)|site|department|daily|every (?:day|morning)|weekly|due|in \d+ days|"
        r"customers?|clients?|affect\w*|impact\w*|block\w*|prevent\w*|stops?|stopped|"
        r"deadline|urgent\w*|asap|critical|needs?|needed|relies|rely|depends?|waiting|wait|"
        r"loses|losing|lost work|missed|unable to work|spare|"
        r"loaner|workaround|meanwhile|for now|payroll|audit|board|month[- ]end|"
        r"can(?:not|'?t| not) work|we|our"
    ),
}
# A named device, host or asset tag ("OSL-LT-0390", "PRN-RTM-0110"), or an application,
# service or device any topic of tqrs.topics names, is the context a reader needs.
_ASSET = re.compile(
    r"\b[A-Z]{2,}[A-Z0-9]*(?:-[A-Z0-9]+)*\d\b|\b[a-z]+(?:-[a-z0-9]+)+\d\b|\\\\\w|"
    r"(?<![\w-])(?:drive|share|folder|server|portal|system|app)(?![\w-])",
    re.I,
)


def description_parts(text: str) -> list[str]:
    """The parts of a description `text` says, in the order symptom, timing, impact,
    context."""
    found = [name for name, pattern in DESCRIPTION_PARTS.items() if pattern.search(text)]
    if _ASSET.search(text) or any(t.words.search(text) for t in TOPICS):
        found.append("context")
    return found


# Verbs of a troubleshooting action or check, matched as whole words ("re-created" gives
# "created"); ticket-documentation guides write steps as such verbs ("Checked print queue",
# "Cleared print queue", "Reinstalled printer driver", "Confirmed user could print").
ACTIONS = frozenset(
    "checked verified cleared restarted rebooted reinstalled uninstalled reset tested ran "
    "updated pinged remoted reviewed replaced reimaged flushed mapped removed recreated created "
    "added synced resynced enabled disabled unlocked reconnected reassigned escalated applied "
    "installed configured rolled enrolled reenrolled collected isolated wiped changed "
    "scheduled renamed selected restored switched blocked deleted ordered issued reproduced "
    "tried asked joined monitored sent printed triggered confirmed found moved set did told "
    "gave explained called emailed turned paused released repaired cleaned bound assigned "
    "granted approved compared traced measured analysed analyzed opened closed re-added "
    "readded reset re-paired repaired re-enrolled swapped upgraded downgraded patched "
    "killed imported exported migrated repointed refreshed reported".split()
)
# Words that report what a step showed or did.
OUTCOMES = frozenset(
    "resolved work works worked working success successful succeeded fixed longer still "
    "persist persists result results now same fail fails failed failure error errors found "
    "complete completes completed present opens opened loads loaded prints printed received "
    "arrived delivered accepted online offline stopped granted correctly ok fine done visible "
    "connected reachable unreachable missing expired locked clean shows showed normal back "
    "missing empty full".split()
)
_ARROW = re.compile(r"->|→|=>")
# "SU53: S_TCODE VA01 missing", "Message trace: 3 messages rejected": a tool or place, then
# what it showed.
_FINDING = re.compile(r"^[\w .&/>()-]{2,40}:\s+\S")
# "1. ...", "- ...": a listed step.
_LISTED = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s+\S")
# A command written as the step: a PowerShell cmdlet ("Add-RecipientPermission ..."), a
# program with a switch ("outlook.exe /cleanreminders", "tool --unlicense").
_COMMAND = re.compile(r"^\W*(?:[A-Z][a-z]+-[A-Z][A-Za-z]+\b|\S+\.exe\b|[\w.-]+ --?[a-z])")
_PAST_START = re.compile(r"^\W*(?:re-?)?[A-Za-z]{2,}ed\b")
# Lines that record the caller's validation, not a troubleshooting step (the critical-
# process and caller-validation checks judge them).
_VALIDATION = re.compile(
    r"\b(?:validated|validation|verified (?:the )?(?:caller|user|identity)|"
    r"(?:caller|user|identity|id) (?:was |is )?(?:validated|verified|authenticated)|"
    r"sso|single sign-on|duo push|okta push|employee (?:id|no|number)|staff number|"
    r"date of birth|dob|security questions?|registered (?:number|mobile|phone))\b",
    re.I,
)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def is_step(line: str) -> bool:
    """Whether `line` records an action or check (not validation, not a status note)."""
    if _VALIDATION.search(line):
        return False
    if _ARROW.search(line) or _FINDING.match(line) or _LISTED.match(line):
        return True
    if _PAST_START.match(line) or _COMMAND.match(line):
        return True
    return any(w in ACTIONS for w in _WORD.findall(line.lower()))


def has_result(line: str) -> bool:
    """Whether a step line says what it showed or did ("-> OK", "SU53: ... missing")."""
    if _ARROW.search(line) or _FINDING.match(line):
        return True
    return any(w in OUTCOMES for w in _WORD.findall(line.lower()))


# Verbs that say something was done without saying what ("fixed the issue", "applied a
# fix", "tuned the settings"): guides ask for the action and the object instead.
GENERIC_ACTIONS = frozenset(
    "fixed resolved solved sorted closed done handled addressed tuned worked made needed "
    "used applied checked looked informed completed processed actioned found "
    "corrected".split()
)
# The object of a generic fix: "a fix", "the issue", "the settings".
_GENERIC_OBJECT = re.compile(
    r"^(?:the |a |an |some |its |their |all )?(?:standard |usual |known |same |necessary |"
    r"required |relevant )?(?:fix|fixes|solution|workaround|issue|problem|error|settings?|"
    r"changes?|it|this|that|everything)\b"
)
# Past-tense words that are not actions.
_NOT_ACTIONS = frozenset(
    "needed used based called named seemed appeared required related limited "
    "expected caused reported".split()
)


def fix_actions(notes: str) -> tuple[list[str], list[str]]:
    """(specific actions, generic actions) named in resolution notes: action verbs (or
    past-tense words) with what follows them, e.g. ("re-paired the dongle", ...)."""
    lower = notes.lower()
    specific, generic = [], []
    for m in _WORD.finditer(lower):
        w = m.group()
        base = w.removeprefix("re-").removeprefix("re")
        is_action = (w in ACTIONS or w in GENERIC_ACTIONS or base in ACTIONS) or (
            len(w) >= 5 and w.endswith("ed") and w not in _NOT_ACTIONS
        )
        if not is_action:
            continue
        rest = lower[m.end() :].lstrip(" :")
        phrase = f"{w} {' '.join(rest.split()[:3])}".strip()
        vague = w in GENERIC_ACTIONS or _GENERIC_OBJECT.match(rest)
        (generic if vague else specific).append(phrase)
    return specific, generic
