"""A critical process's required step said in other words: a sentence of the handling that
names the step's *object* (who or what: Security, the device, the network, the priority,
the bridge) and an *action* done to it (told, locked, cut off, raised, opened), read word
by word so that inflection, word order and shorthand do not matter ("SOC paged", "informed
our cyber team", "laptop remote-wiped via Intune", "network cable pulled").

The critical-process rule decides a step from its known phrasings (tqrs.rules.critical);
when none is there but a handling sentence names the step's object or action
(`candidate`), the text may say the step in words the rule does not know, and the
criterion is left open to the judge. The offline judge then takes the step as done when a
sentence names both an object and an action, written as done: not negated ("SOC not yet
informed"), not promised or advised ("will notify Security", "advised the user to lock the
phone"), not a condition ("if it comes online") (`done`). Sources of the words: the public
procedures cited in tqrs/rules/PHRASES.md."""

import re
from dataclasses import dataclass

from tqrs.rules.literals import any_of
from tqrs.rules.patterns import required_strings, within_lines
from tqrs.rules.text import found_by_line, negated, normalise, text_memo

_SENTENCES = re.compile(r"[^.;!?\n]+")


def _stems(*stems: str) -> re.Pattern:
    """Words starting with one of `stems` ("notif" reads notified, notifying, notification);
    a stem ending in "=" is a whole word ("cc=", "soc=")."""
    parts = [re.escape(s[:-1]) + r"\b" if s.endswith("=") else re.escape(s) + r"\w*" for s in stems]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + ")")


@dataclass(frozen=True)
class Concept:
    objects: re.Pattern  # who or what the step is about
    actions: re.Pattern  # what is done to it
    contrary: re.Pattern | None = None  # a sentence saying the opposite was done


_TOLD = _stems(
    "notif", "inform", "told", "tell", "alert", "email", "e-mail", "emailed", "mail", "call",
    "phon", "contact", "report", "escalat", "rais", "open", "logg", "log=", "forward", "sent",
    "send", "hand", "loop", "page", "paging", "ping", "engag", "cc=", "cc'd", "ccd=", "copied",
    "aware", "involv", "advis", "flag", "refer", "pass", "assign", "transfer", "submit",
    "creat", "file", "filed", "brief", "updat", "messag", "text", "rout", "notice", "spoke",
    "spok", "ticket", "case",
)  # fmt: skip
_SECURITY_WHO = _stems(
    "secur", "soc=", "secops", "infosec", "cyber", "csirt", "cirt=", "sirt=", "isirt=", "cert=",
    "ciso", "abuse", "incident response", "ir team", "blue team", "threat",
)  # fmt: skip
# (not a compliance tool the desk runs: Microsoft Purview's "compliance search" and "compliance
# portal" purge or hold mail, they tell nobody)
_PRIVACY_WHO = re.compile(
    _stems(
        "privacy", "dpo=", "data protection", "governance", "caldicott", "legal",
        "records manag", "information officer", "risk",
    ).pattern
    + r"|(?<![\w-])compliance(?![\w-]| (?:search|searches|portal|cent(?:er|re)|tool|purge|"
    r"hold|scan|rule|policy|policies|report)\b)"
)  # fmt: skip

# fmt: off
CONCEPTS: dict[str, Concept] = {
    "Security notified": Concept(_SECURITY_WHO, _TOLD),
    "Security or Privacy Office notified": Concept(
        re.compile(f"{_SECURITY_WHO.pattern}|{_PRIVACY_WHO.pattern}"), _TOLD
    ),
    "device locked or wiped": Concept(
        _stems(
            "device", "laptop", "notebook", "phone", "iphone", "smartphone", "mobile", "handset",
            "tablet", "ipad", "macbook", "chromebook", "pc=", "computer", "machine", "intune",
            "mdm=", "jamf", "airwatch", "endpoint", "find my", "absolute", "data", "remote",
        ),
        _stems(
            "lock", "wip", "eras", "retir", "brick", "freez", "froze", "factory", "kill",
            "disabl", "block", "blacklist", "deactivat", "revok", "suspend", "remote-lock",
            "remote-wip", "sanitis", "saniti", "purg",
        ),
    ),
    "device isolated": Concept(
        _stems(
            "network", "wifi", "wi-fi", "wireless", "lan=", "ethernet", "internet", "cable",
            "vlan", "switch", "port", "nic=", "adapter", "segment", "vpn", "online",
        ),
        _stems(
            "isolat", "disconnect", "unplug", "remov", "pull", "disabl", "block", "cut", "shut",
            "quarantin", "segregat", "detach", "took", "taken", "take", "kept", "keep", "offline",
            "contain", "air-gap", "airgap", "severed", "sever", "drop", "kick", "yank",
            "turned off", "switched off",
        ),
        # kept on the network on purpose ("left the PC on the network so Defender can update")
        re.compile(
            r"\b(?:left|kept|keep|remain\w*|stay\w*|still)\b[^.;\n]{0,30}\b(?:on|connected to) "
            r"(?:the )?(?:network|wi-?fi|lan|internet|vpn)"
        ),
    ),
    "VIP priority or escalation": Concept(
        _stems(
            "priorit", "urgen", "immediat", "exec", "vip=", "senior", "supervisor", "manager",
            "team lead", "tier", "level 2", "level 3", "l2=", "l3=", "deskside", "desk-side",
            "onsite", "on-site", "top", "first in", "front of", "queue", "sla=",
        ),
        # a step taken for the caller: raised, handed on, sent. Who the caller is ("VIP flag
        # noted", "treated as VIP", "handled personally") is no step (LABELLING.md 16_*).
        _stems(
            "rais", "set", "bump", "upgrad", "chang", "increas", "mov", "assign", "rout",
            "transfer", "pass", "hand=", "handed", "handing", "notif", "inform", "page", "jump",
            "put", "given", "gave", "dispatch", "sent", "escort", "visit", "went",
        ),
    ),
    "major incident manager engaged": Concept(
        # (not "Major incident:" heading a note: the label names the ticket, and the action
        # after it is another object's, "Major incident: bridge opened on Teams")
        re.compile(
            _stems(
                "incident manag", "incident lead", "incident coordinat", "incident command",
                "mim=", "duty manag", "on-call manag", "service manag", "crisis", "im=",
            ).pattern
            + r"|(?<![\w-])major incidents?(?![\w-]|\s*:)"
        ),
        _stems(
            "engag", "notif", "assign", "page", "paging", "call", "inform", "contact", "declar",
            "involv", "lead", "run", "own", "took", "join", "invok", "rais", "open", "escalat",
            "alert", "took over", "took charge",
        ),
    ),
    "bridge opened": Concept(
        _stems(
            "bridge", "call=", "calls=", "teams", "zoom", "webex", "meeting", "war", "channel",
            "conference", "line", "huddle", "slack",
            # a room run for the incident, not any room ("briefing room online")
            "incident room", "crisis room", "situation room", "ops room", "operations room",
        ),
        _stems(
            "open", "start", "set up", "setup", "join", "host", "spun", "spin", "creat",
            "establish", "conven", "running", "schedul", "launch", "kick", "dial", "stood up",
            "stand up", "standing",
        ),
    ),
}
# fmt: on

# A plan, an obligation or a need, not (yet) done: the words both readings below open with (a
# need denied is no plan: "no need to check then ... rang the incident manager").
_PLANNED = (
    r"will|would|should|shall|must|(?<!\bno )(?<!\bnot )(?<!n't )needs? to|to be|"
    r"going to|plan(?:s|ned)? to"
)
# Not done (yet): promised, advised, a condition ("asked him to pull the cable" on a call is
# done: the caller does it while the desk waits).
_NOT_DONE = re.compile(
    rf"(?<![\w-])(?:{_PLANNED}|to do|advised|"
    r"recommend\w*|reminded|if|once|when|whether|unless|awaiting|pending|tbd|todo|to-do|"
    r"next step|yet to|not yet)(?![\w-])"
)


# Not done, before a known phrase in its sentence: "will notify Security", "advised the user
# to lock the phone", "once it is back online, wipe it" ("when" and "whether" left out: "Security
# informed when the user called" is done).
_PROMISED = re.compile(
    rf"(?<![\w-])(?:{_PLANNED}|advised|"
    r"recommend\w*|reminded|if|once|unless|awaiting|tbd|todo|to-do|next step|yet to)(?![\w-])"
)


def promised(m: re.Match) -> bool:
    """Whether the match `m` (of a step's known phrasing, in normalised text) sits in a
    sentence that promises, advises or conditions it before it ("will notify Security"):
    the step is not written as done there."""
    text = m.string
    start = max(text.rfind(c, 0, m.start()) for c in ".;!?\n") + 1
    return bool(_PROMISED.search(text, start, m.start()))


# A check-list's boxes, as some desks keep their notes: ticked ("[x]", "[✓]", "☑", "✅"), the
# item done; left empty ("[ ]", "[]", "☐"), the item written as not done. Critical process,
# troubleshooting's steps and confirmation's lines each read them where they read their lines.
TICKED_BOX = r"\[[xX\u2713\u2714]\]|[\u2611\u2705\u2714]"
UNTICKED_BOX = r"\[[ \t]*\]|\u2610"
# A check-list's empty box before a step: the desk's form writing it as not done ("[ ] Data
# Protection Officer notification", "[ ] wipe - not sent").
UNTICKED = re.compile(rf"\s*(?:[-*]\s*)?(?:{UNTICKED_BOX})")

_NEGATED_ANYWHERE = re.compile(r"(?<![\w-])(?:not|no|never|unable|cannot|failed to)(?![\w-])|n't\b")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCES.findall(normalise(text)) if s.strip()]


def candidate(need: str, handling: str) -> str | None:
    """A handling sentence that names the step `need`'s object or action with the other
    (the step may be said there in other words), else None. A step without a concept
    (unknown to this module) has no candidate."""
    concept = CONCEPTS.get(need)
    if concept is None:
        return None
    for s in _sentences(handling):
        if concept.objects.search(s) and concept.actions.search(s):
            return s
    return None


# The user's sign-in sessions revoked, disabled or blocked: an action on the account, not on
# the device, whatever device the sentence names besides ("sessions revoked and a loan laptop
# sent"): LABELLING.md, Logging audit rule 9, a lost device needs a lock or wipe sent to it;
# revoking a user's sign-in sessions makes the user sign in again "regardless of the device"
# (docs.workato.com, Entra ID revoke sign-in session; pnp.github.io CLI for Microsoft 365,
# "entra user session revoke"): the account's step, the device locked or wiped is its own.
_SESSIONS = r"(?:sign-?in |log-?in )?(?:sessions?|sign-?ins?|log-?ins?)(?![\w-])"
_SESSIONS_BEFORE = re.compile(rf"(?<![\w-]){_SESSIONS}(?: (?:were|was|are|is|been))?\s*$")
_SESSIONS_AFTER = re.compile(rf"\s+(?:(?:his|her|their|all|the|its|[\w-]+'s?)\s+)?{_SESSIONS}")


def _of_the_sessions(sentence: str, m: re.Match) -> bool:
    """Whether the action `m` is done to sign-in sessions: their subject just before it
    ("sessions revoked") or its object just after it ("revoked her sessions")."""
    return bool(
        _SESSIONS_BEFORE.search(sentence, 0, m.start()) or _SESSIONS_AFTER.match(sentence, m.end())
    )


def done(need: str, handling: str) -> str | None:
    """A handling sentence that writes the step `need` as done in other words: its object
    and an action, neither negated, in a sentence that does not promise, advise or
    condition it."""
    concept = CONCEPTS.get(need)
    if concept is None:
        return None
    for s in _sentences(handling):
        if _NOT_DONE.search(s) or UNTICKED.match(s):
            continue
        objects = [m for m in concept.objects.finditer(s) if not negated(s, m.start())]
        actions = [
            m
            for m in concept.actions.finditer(s)
            if not negated(s, m.start()) and not _of_the_sessions(s, m)
        ]
        if concept.contrary is not None and concept.contrary.search(s):
            continue
        if objects and actions and not _NEGATED_ANYWHERE.search(s):
            return s
    return None


# A device gone in words the detection does not know ("my work mobile was nicked", "handset
# went missing at the conference", "can't find my laptop since the offsite", "car broken
# into, laptop bag taken"): comparethecloud.net lost-laptop guide and serenoit.co.uk "My
# laptop is lost or stolen" (theft from cars, bars, public transport).
_DEVICE_WORDS = re.compile(
    r"(?<![\w-])(?:laptop|notebook|phone|iphone|smartphone|mobile|handset|tablet|ipad|macbook|"
    r"chromebook|surface|device)s?(?![\w-])(?! (?:drivers?|manager|management|settings|"
    r"number|app|line|signal|screen|charger|case|policy)\b)"
)
_GONE = re.compile(
    r"(?<![\w-])(?:nicked|pinched|swiped|robbed|mugged|burgl\w*|pickpocket\w*|snatched|"
    r"(?:went|gone|go|goes) missing|(?:can ?not|can't|cannot|couldn't|could not) (?:find|locate)|"
    r"broken into|break-?in|taken from|left (?:it |them )?behind|never (?:got|came) back|"
    r"lost|stolen|theft|missing|misplac\w*)(?![\w-])"
)
# Strong enough to take as a lost or stolen device offline (not "can't find the setting").
_GONE_SURE = re.compile(
    r"(?<![\w-])(?:nicked|pinched|robbed|mugged|burgl\w*|pickpocket\w*|snatched|"
    r"(?:went|gone) missing|broken into|break-?in|left (?:it |them )?behind)(?![\w-])"
)
_FOUND_AGAIN = re.compile(r"(?<![\w-])(?:found (?:it|them|the)|turned up|recovered|handed in)")


@text_memo  # both rubrics and the offline reading ask it of the same opening
def device_gone(opening: str) -> tuple[str, bool] | None:
    """(the sentence, whether it is sure) of the opening that names a device gone in words
    the lost-device detection may not know: a device and a word of loss or theft in one
    sentence. Sure when the word leaves no doubt ("nicked", "robbed", "went missing") and
    the device was not found again."""
    # a sentence's match is one of the whole text's (a sentence is bounded by punctuation
    # or a line break, which no word of the patterns holds): most openings hold neither
    if not _device_and_loss(normalise(opening)):
        return None
    for s in _sentences(opening):
        if _DEVICE_WORDS.search(s) and _GONE.search(s):
            gone = _GONE_SURE.search(s) and not _NEGATED_ANYWHERE.search(s)
            return s, bool(gone) and not _FOUND_AGAIN.search(normalise(opening))
    return None


def _device_and_loss(text: str) -> bool:
    """Whether `text` holds a device word (_DEVICE_WORDS) and a word of loss (_GONE), read
    line by line, each line's answer remembered (neither pattern matches across a line
    break, and the lines of an opening come back in other tickets' openings)."""
    if not (_DEVICE_LITERAL.search(text) and _GONE_LITERAL.search(text)):
        return False  # one scan each for what every match holds (most openings: neither)
    return found_by_line(_DEVICE_WORDS, text) and found_by_line(_GONE, text)


# The strings one of which every match of each (case-sensitive) pattern holds, one scan each
_DEVICE_LITERAL = any_of(required_strings(_DEVICE_WORDS.pattern))
_GONE_LITERAL = any_of(required_strings(_GONE.pattern))


assert within_lines(_DEVICE_WORDS.pattern) and within_lines(_GONE.pattern)  # read by line
