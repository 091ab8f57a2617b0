"""What the offline heuristics look for in a ticket's words: the four things a description
should say, and troubleshooting steps with their results. Word lists, not a model: each
signal is a short list of cues a quality reviewer reads for, collected from public incident
logging and ticket-documentation guides (tqrs/judges/SOURCES.md), tuned only on the `tune`
half of tests/eval_set/.

A signal is found or not; finding one never deducts anything. Every deduction the offline
judge makes is "this part was not found", which an analyst can check by reading the text."""

import re

from tqrs.topics import TOPICS


class Cues:
    """Whole words, word beginnings and phrases of one part, matched on a text's words (word
    sets: a dozen case-insensitive regex alternations per ticket cost more than the rest of
    the judge), and a regex for what needs digits."""

    def __init__(self, exact: str, stems: str = "", phrases: tuple[str, ...] = (), digits=None):
        self.exact = frozenset(exact.split())
        self.stems = tuple(stems.split())
        self.phrases = tuple(f" {p} " for p in phrases)
        self.digits = re.compile(digits, re.I) if digits else None

    def found(self, tokens: set[str], joined: str, text: str) -> bool:
        return bool(
            tokens & self.exact
            or (self.stems and any(t.startswith(self.stems) for t in tokens))
            or any(p in joined for p in self.phrases)
            or (self.digits and _DIGIT.search(text) and self.digits.search(text))
        )


_DIGIT = re.compile(r"\d")
_DAYS = "monday tuesday wednesday thursday friday saturday sunday"
# The parts of a good description (ITIL incident logging: symptoms and error messages, the
# time it started or last worked, the users and business affected, the service or device).
DESCRIPTION_PARTS: dict[str, Cues] = {
    # what goes wrong: an error, a failure, something that does not happen
    "symptom": Cues(
        "error errors stuck timeout bsod missing lost stolen left broken wrong late delayed "
        "suspicious phishing expire expired expires denied declined rejected disappeared "
        "unreachable down outage prompt prompts message warning not no never cannot can't cant "
        "unable doesn't doesnt won't wont isn't isnt aren't arent didn't didnt keeps again "
        "empty blank grey greyed red noise hang hangs hanging",
        "fail crash slow freez flicker drop disconnect lock corrupt grind",
        (
            "timed out",
            "time out",
            "times out",
            "blue screen",
            "read only",
            "can not",
            "no puedo",
            "funktioniert nicht",
            "ne fonctionne pas",
        ),
    ),
    # when it started, when it last worked, how often
    "timing": Cues(
        f"since today yesterday tonight tomorrow overnight ago weekend whenever desde seit "
        f"depuis ayer gestern hier {_DAYS}",
        "",
        (
            *(f"this {w}" for w in "morning afternoon evening week".split()),
            *(f"last {w}" for w in f"night week month update reboot {_DAYS}".split()),
            "every time",
            "every day",
            "every morning",
            "each time",
            "first day",
            *(f"for {w}" for w in "days hours weeks".split()),
            *(
                f"for {n} {w}"
                for n in "two three few several many"
                for w in ("days", "hours", "weeks")
            ),
        ),
        r"(?<![\w-])(?:\d{1,2}(?::\d\d)? ?(?:am|pm)|\d{1,2}:\d\d|"
        r"\d{1,2}[./]\d{1,2}\.?(?:\d{2,4})?|\d{4}-\d\d-\d\d|for \d+ (?:days|hours|weeks))(?![\w-])",
    ),
    # who or how many are affected, what it blocks, how urgent, what they do meanwhile
    "impact": Cues(
        "users people staff team colleague colleagues everyone everybody nobody all whole "
        "several many other others only site department daily weekly due customer customers "
        "client clients stop stops stopped deadline asap critical need needs needed relies "
        "rely depend depends waiting wait loses losing missed spare loaner workaround "
        "meanwhile payroll audit board we our",
        "affect impact block prevent urgen",
        (
            "every day",
            "every morning",
            "lost work",
            "unable to work",
            "for now",
            "month end",
            "cannot work",
            "can't work",
            "cant work",
            "can not work",
        ),
        r"(?<![\w-])(?:\d+ (?:\w+ )?(?:users|people|staff|sites?|pcs|laptops|vms|servers|hosts|"
        r"members)|in \d+ days)(?![\w-])",
    ),
}
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# A named device, host or asset tag ("OSL-LT-0390", "PRN-RTM-0110", "esx-osl-07", a UNC
# path), or an application, service or device any topic of tqrs.topics names, is the
# context a reader needs.
_ASSET = re.compile(r"\b[A-Z]{2,}[A-Z0-9-]*\d|\b[a-z]+-[a-z0-9-]*\d|\\\\\w")
_PLACES = frozenset("drive share folder server portal system app".split())
_TOPIC_WORDS = re.compile("|".join(f"(?:{t.words.pattern})" for t in TOPICS), re.I)


def description_parts(text: str) -> list[str]:
    """The parts of a description `text` says, in the order symptom, timing, impact,
    context."""
    tokens_list = _TOKEN.findall(text.lower().replace("\u2019", "'"))
    tokens = set(tokens_list)
    joined = f" {' '.join(tokens_list)} "
    found = [name for name, cues in DESCRIPTION_PARTS.items() if cues.found(tokens, joined, text)]
    if tokens & _PLACES or _ASSET.search(text) or _TOPIC_WORDS.search(text):
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
    r"date of birth|dob|security questions?|registered (?:number|mobile|phone))\b"
)
# Every validation phrase holds one of these (read first: most lines hold none).
_VALIDATION_KEY = re.compile(
    "valid|verif|authent|sso|sign-on|push|employee|staff|birth|dob|question|registered"
)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def is_step(line: str) -> bool:
    """Whether `line` records an action or check (not validation)."""
    lower = line.lower()
    if _VALIDATION_KEY.search(lower) and _VALIDATION.search(lower):
        return False
    return bool(
        "->" in line
        or _ARROW.search(line)
        or _FINDING.match(line)
        or _LISTED.match(line)
        or _PAST_START.match(line)
        or _COMMAND.match(line)
        or not ACTIONS.isdisjoint(_WORD.findall(lower))
    )


def has_result(line: str) -> bool:
    """Whether a step line says what it showed or did ("-> OK", "SU53: ... missing")."""
    if _ARROW.search(line) or _FINDING.match(line):
        return True
    return not OUTCOMES.isdisjoint(_WORD.findall(line.lower()))


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
