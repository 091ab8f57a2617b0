"""Critical processes: detected from the short description, description and category, and
checked against the steps each requires anywhere in the ticket.

A password reset or account unlock without documented caller validation is an auto-fail. Any
other critical process with a required step missing is not met (the built-in rubrics deduct 35
points). Several processes can apply to one ticket; the worst outcome wins.

Whether the caller was validated is the outcome of the rubric's caller-validation criterion
when it has one (so an analyst's override of that criterion re-derives this one), else read
from the ticket as that rule reads it. When that criterion is left open to the judge, this
rule answers as if validated and is re-derived from the judge's verdict (tqrs.rules.settle).
A validation written as done after the reset ("verified afterwards") is not before it.

Text is read case and shorthand aside ("acct locked", "reset pwd"). Left open to the judge
(the text does not settle it): a ticket that speaks of a lock-out or a password but whose
handling shows no reset or unlock by the desk, a priority 1 outage that does not declare a
major incident, a phishing report that names no malware, and a VIP ticket whose escalation
is not in a known phrasing. Phrasings and their sources: tqrs/rules/PHRASES.md."""

import re
from collections.abc import Collection
from dataclasses import dataclass

from tqrs.journal import parse_journal
from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.rubric import Criterion
from tqrs.rules.caller import validation_in, validation_statement
from tqrs.rules.patterns import Caseless
from tqrs.rules.registry import Given, defer, result, rule
from tqrs.rules.text import (
    all_text,
    find_affirmed,
    handling_text,
    normalise,
    quote,
    ticket_text,
)

# Security told, in the words of public lost-device and malware procedures (PHRASES.md):
# "notified IT Security", "reported to security", "security incident raised", "SOC".
_SECURITY = (
    r"security (?:team|desk|operations|ops|office|incident|officer|case|analyst)|\bsoc\b|"
    r"infosec|information security|it security|cyber ?security|csirt|cert team|\bsir\d|"
    r"\bciso\b|\bsecurity@|"
    r"(?:notified|informed|told|alerted|e-?mailed|called|contacted|reported to|escalated to|"
    r"raised with|sent to|forwarded to) (?:the )?(?:it )?security\b"
)


@dataclass(frozen=True)
class Process:
    id: str
    title: str
    keywords: tuple[str, ...]  # one of them is in any text `detect` matches: a cheap filter
    detect: re.Pattern
    steps: tuple[tuple[str, re.Pattern], ...]  # (what is required, how it reads)


def _re(pattern: str) -> Caseless:
    return Caseless(pattern)


# Malware named as such, adware and spyware included (kb.wisc.edu 8773 treats spyware/adware
# as malware; PHRASES.md); a phishing report alone is not malware until the text says so.
_MALWARE_KEYWORDS = ("virus", "malware", "ransomware", "trojan", "worm", "infect", "adware",
                     "spyware", "botnet", "keylogger", "rootkit", "cryptominer")  # fmt: skip
_MALWARE = (
    r"(?<!anti-)(?<!anti )\bvirus\b|malware|ransomware|trojan|\bworm\b|infected|infection|"
    r"adware|spyware|"
    r"botnet|keylogger|rootkit|cryptominer"
)


PASSWORD_RESET = Process(
    "password_reset",
    "password reset / account unlock",
    ("password", "lock"),  # "expired password" holds "password"
    _re(
        r"password reset|reset (?:the |his |her |their |my )?password|forgot (?:my |the |his |"
        r"her )?password|account (?:is |got |was )?locked|locked out|unlock (?:the |his |her |"
        r"my )?account|account unlock|password (?:has )?expired|expired password"
    ),
    (),
)
PROCESSES = (
    PASSWORD_RESET,
    Process(
        "lost_device",
        "lost or stolen device",
        ("lost", "stolen", "theft", "missing"),
        _re(
            r"\b(?:lost|stolen|theft of|missing)\b[^.\n]{0,30}\b(?:laptop|phone|iphone|"
            r"mobile|device|tablet|ipad|macbook)\b|\b(?:laptop|phone|iphone|mobile|device|"
            r"tablet|ipad|macbook) (?:was |has been |got )?(?:lost|stolen)\b"
        ),
        (
            ("Security notified", _re(rf"(?:{_SECURITY})")),
            (
                "device locked or wiped",
                _re(
                    r"\bwip(?:e|ed|ing)\b|remote(?:ly)? lock|"
                    r"device (?:is |was )?locked|\block(?:ed)? the (?:device|laptop|phone)|"
                    r"lost mode|\bretire\b|remote(?:ly)? erase|\berased?\b|find my|"
                    r"\bfreeze\b|frozen|"
                    r"marked (?:as )?(?:lost|stolen)|mdm lock"
                ),
            ),
        ),
    ),
    Process(
        "vip",
        "VIP caller",
        (
            "vip",
            "executive",
            "ceo",
            "cfo",
            "cio",
            "coo",
            "cto",
            "board",
            "director",
            "president",
            "chair",
            "svp",
            "evp",
            "c-suite",
            "c-level",
            "chief",
        ),
        _re(
            r"\bvip\b|\bexecutive\b|\b(?:ceo|cfo|cio|coo|cto|ciso|svp|evp)\b|board member|"
            r"managing director|\b(?:vice )?president\b|\bchair(?:man|woman|person)\b|"
            r"\bc-(?:suite|level)\b|\bchief \w+ officer\b"
        ),
        (
            (
                "VIP priority or escalation",
                _re(
                    r"escalat|vip (?:queue|support|desk|team|process|procedure|handling|list)|"
                    r"exec(?:utive)? support|priority (?:raised|increased|set|changed) to (?:p)?[12]|"
                    r"(?:raised|set|increased) (?:the )?priority|\bp[12]\b|"
                    r"white[- ]glove"
                ),
            ),
        ),
    ),
    Process(
        "malware",
        "virus or malware",
        _MALWARE_KEYWORDS + ("phishing",),
        _re(rf"{_MALWARE}|phishing"),
        (
            ("Security notified", _re(rf"(?:{_SECURITY})")),
            (
                "device isolated",
                _re(
                    r"isolat|quarantin|disconnected (?:it |the device |the "
                    r"laptop |the pc )?from (?:the )?network|unplugged|off the network|"
                    r"(?:pulled|removed|unplug) (?:the )?(?:network |ethernet |lan )?cable|"
                    r"cable out|disabled (?:the )?(?:wi-?fi|network adapter|nic)|"
                    r"contain(?:ed|ment)|(?:switch|switched|turn|turned) (?:off )?(?:the )?"
                    r"wi-?fi(?: off)?|(?:wireless|network|wi-?fi|port) (?:access )?"
                    r"(?:disabled|blocked|shut)|blocked from the (?:wireless|network)|"
                    r"cut off (?:from )?the (?:wireless|network)|no network|"
                    r"shut (?:down|off) the (?:\w+ )?network connection"
                ),
            ),
        ),
    ),
    Process(
        "data_privacy",
        "data privacy or security incident",
        ("data", "pii", "gdpr", "wrong", "unauthori", "security incident", "bcc", "misdirected"),
        _re(
            r"data (?:breach|leak|privacy)|personal data|\bpii\b|\bgdpr\b|"
            r"(?:sent|emailed|shared) (?:\w+ ){0,4}to (?:the )?wrong|"
            r"unauthori[sz]ed access|security incident|"
            r"\b(?:cc|to)\b (?:field )?instead of \bbcc\b|misdirected e-?mail"
        ),
        (
            (
                "Security or Privacy Office notified",
                _re(
                    rf"(?:{_SECURITY})|privacy (?:office|team|officer|lead)|\bdpo\b|"
                    r"data protection (?:officer|office|team|lead)"
                ),
            ),
        ),
    ),
    Process(
        "major_incident",
        "major incident",
        ("major incident", "mi declared", "outage", "sev"),
        _re(
            r"major incident|\bmi declared|site[- ]wide outage|outage affecting (?:all|"
            r"multiple)|\bsev(?:erity)?[- ]?1\b[^.\n]{0,15}\bdeclared\b"
        ),
        (
            (
                "major incident process engaged",
                _re(
                    r"major incident (?:manager|management|process|team)|\bmim\b|bridge call|"
                    r"\bbridge\b|war room|incident (?:manager|commander)|crisis (?:call|team)|"
                    r"conference call"
                ),
            ),
        ),
    ),
)


def process_id(process: Process, m: re.Match) -> str:
    """The id the rubric's parameters name a detected process by: a password reset found by
    an unlock phrase ("account locked", "unlock the account") is `account_unlock`."""
    if process is PASSWORD_RESET and "lock" in m.group(0).lower():
        return "account_unlock"
    return process.id


def detect_processes(
    ticket: Ticket, enabled: Collection[str] | None = None
) -> list[tuple[Process, re.Match]]:
    """The critical processes the ticket is about, with the phrase that shows it (read in
    the short description, description and category, shorthand spelled out); only those in
    `enabled` (process ids, the rubric's `critical_processes`) when given."""
    opening = normalise(
        f"{ticket.short_description}\n{ticket.description}\n{ticket.category} {ticket.subcategory}"
    )
    found = []
    for process in PROCESSES:
        if any(map(opening.__contains__, process.keywords)):
            m = process.detect.search(opening)
            if m and (enabled is None or process_id(process, m) in enabled):
                found.append((process, m))
    return found


# What the desk did: a reset or unlock written as done in the handling text.
_RESET_DONE = _re(
    r"\b(?:reset|unlocked|re-?enabled|released the lock|set (?:a )?(?:new|temp\w*|initial) "
    r"password|temp(?:orary)? password|new (?:initial )?password|cleared the lock)"
)
_NO_RESET = _re(
    r"\bno (?:password )?(?:reset|unlock)\b|did not (?:reset|unlock)|"
    r"changed (?:the|his|her|their) (?:own )?password (?:himself|herself|themselves)"
)
_LATE = _re(
    r"(?:verif|validat|duo|okta|push|mfa|security question|call(?:ed)? (?:\w+ )?back)\w*"
    r"[^.\n]{0,40}\b(?:afterwards|after the (?:reset|unlock)|later)\b|"
    r"forgot to (?:note|document)[^.\n]{0,20}(?:verif|validat)"
)
_OUTAGE = _re(
    r"\b(?:down|outage|unreachable|unavailable|not reachable|cannot (?:send|receive|connect)"
    r"[^.\n]{0,30}\b(?:any|all)\b)"
)
_SCOPE = _re(
    r"\b(?:all|many|multiple|several|everyone|everybody|whole|entire|nobody|any|floor|site)\b"
)
_MALWARE_WORDS = _re(_MALWARE)


def _line_of(opening: str, m: re.Match) -> str:
    """The original line of `opening` holding the match `m` of its normalised copy (line
    breaks are kept by normalise), quoted."""
    index = m.string.count("\n", 0, m.start())
    lines = opening.split("\n")
    return quote(lines[index]) if index < len(lines) else quote(opening)


# A reset or unlock written as done, in one sentence (not one asked for: "user requests a
# password reset").
_RESET_WRITTEN = _re(
    r"\breset (?:the |his |her |their |user'?s |caller'?s )?(?:\w+ )?(?:password|account)|"
    r"\bpassword (?:has been |was |is )?reset\b|\bunlocked\b|released the lock|"
    r"temp(?:orary)? password (?:given|issued|set|provided|read|sent)|"
    r"set (?:a )?(?:new|temp\w*|initial) password"
)
_ASKED = _re(r"\b(?:requests?|requested|wants?|asks?|asked for|needs?|would like|please)\b")
_SENTENCES = re.compile(r"[^.;!?\n]+")


def validated_after_reset(ticket: Ticket) -> bool:
    """Whether the journal writes the reset or unlock as done in an entry before the first
    entry that documents the caller's validation with its method (by the entries' times),
    with no validation in the opening: the guidance wants it documented before the reset. A
    reset and a validation in the same entry, or a validation only in the close notes (a
    summary), say nothing of their order."""
    t = ticket_text(ticket)
    if validation_in(t.opening, ticket.contact_type)[0]:
        return False
    entries = t.work_note_entries + parse_journal(ticket.comments, "Additional comments")
    resets, validations = [], []
    for e in entries:
        if e.time is None:
            return False  # no order to read
        text = normalise(e.text)
        if any(_RESET_WRITTEN.search(s) and not _ASKED.search(s) for s in _SENTENCES.findall(text)):
            resets.append(e.time)
        if validation_in(e.text, ticket.contact_type)[0]:
            validations.append(e.time)
    return bool(resets and validations) and min(resets) < min(validations)


def _with_category(ticket: Ticket, opening: str) -> str:
    """The opening and the category fields: "Security / Malware" names the malware too."""
    return f"{opening}\n{ticket.category} {ticket.subcategory}".lower()


def caller_validated(ticket: Ticket, given: Given) -> bool | None:
    """The caller-validation criterion's outcome when the rubric has one (met: validated;
    None: left open to the judge, not known yet), else (or when it does not apply) whether
    the ticket documents a validation with its method."""
    if "caller_validation" in given and given["caller_validation"] is None:
        return None
    outcome = given.get("caller_validation")
    if outcome in (Outcome.MET, Outcome.PARTLY_MET, Outcome.NOT_MET):
        return outcome is Outcome.MET
    return validation_statement(ticket)[0] is not None


def desk_reset(ticket: Ticket) -> bool | None:
    """Whether the desk reset a password or unlocked an account: False when the handling
    says it did not, True when it writes one as done or nothing was handled yet (the
    opening asks for one), None when the handling says neither."""
    handling = normalise(handling_text(ticket))
    if _NO_RESET.search(handling):
        return False
    if _RESET_DONE.search(handling) or not handling.strip():
        return True
    return None


def unsettled_processes(ticket: Ticket, detected, enabled=None) -> str | None:
    """Why the processes that apply are not settled by the text (None: they are); `enabled`:
    the processes the rubric looks for (all when None)."""
    ids = {p.id for p, _ in detected}
    opening = normalise(f"{ticket.short_description}\n{ticket.description}")
    major = enabled is None or "major_incident" in enabled
    if major and "major_incident" not in ids and ticket.priority == 1 and _OUTAGE.search(opening):
        return "a priority 1 outage that does not declare a major incident: it may be one"
    if "malware" in ids and not _MALWARE_WORDS.search(_with_category(ticket, opening)):
        return "a phishing report that names no malware: it may not be a malware incident"
    if "password_reset" in ids and desk_reset(ticket) is None:
        return "the ticket speaks of a password or lock-out, but no reset or unlock by the desk is written"
    return None


def judge_processes(ticket: Ticket, criterion: Criterion, given: Given, detected, offline=False):
    """The verdict for the processes in `detected` (the worst outcome wins)."""
    opening = f"{ticket.short_description}\n{ticket.description}"
    method = "offline" if offline else "rule"
    if not detected:
        return result(
            criterion, Outcome.NOT_APPLICABLE, "", "No critical process applies to this ticket.",
            method=method,
        )  # fmt: skip
    names = ", ".join(p.title for p, _ in detected)
    first_quote = _line_of(opening, detected[0][1])
    required = criterion.parameters.validation_required_for
    needing = [(p, m) for p, m in detected if process_id(p, m) in required]
    if needing and given.get("caller_validation") is Outcome.NOT_ASSESSABLE:
        if len(needing) == len(detected):
            return result(
                criterion,
                Outcome.NOT_ASSESSABLE,
                first_quote,
                f"{names.capitalize()}, but whether the caller was validated is not in the "
                "export: not assessable, never an automatic fail.",
                method=method,
            )
        needing = []  # the other processes are still judged on their steps
    text = normalise(all_text(ticket))
    if needing:  # whether and when the caller was validated does not depend on the process
        validated = caller_validated(ticket, given)
        late = find_affirmed(_LATE, text) or validated_after_reset(ticket)
        if validated is False or late:
            title = process_id(*needing[0]).replace("_", " ")
            why = (
                "the validation is written as done after the reset"
                if late and validated is not False
                else "no caller validation documented"
            )
            return result(
                criterion,
                Outcome.AUTO_FAIL,
                first_quote,
                f"{title.capitalize()} with {why}: automatic fail.",
                f"Validate the caller before any {title} and record it, e.g. "
                "'Validated by: Okta Verify push accepted'.",
                method=method,
            )
    missing = [
        (process, need)
        for process, _ in detected
        for need, pattern in process.steps
        if find_affirmed(pattern, text) is None
        and not (process.id == "vip" and ticket.priority in (1, 2))
    ]
    if missing:
        listed = "; ".join(f"{p.title}: {need}" for p, need in missing)
        return result(
            criterion,
            Outcome.NOT_MET,
            first_quote,
            f"Critical process ({names}) with required steps not documented: {listed}.",
            "Follow and document the critical-process steps: " + listed + ".",
            method=method,
        )
    return result(
        criterion,
        Outcome.MET,
        first_quote,
        f"Critical process ({names}): every required step is documented.",
        method=method,
    )


@rule(
    "critical_process",
    (
        Outcome.MET,
        Outcome.NOT_MET,
        Outcome.AUTO_FAIL,
        Outcome.NOT_APPLICABLE,
        Outcome.NOT_ASSESSABLE,
    ),
    uses=("caller_validation",),
    defers=True,
)
def critical_process(ticket: Ticket, criterion: Criterion, given: Given):
    detected = [
        (p, m)
        for p, m in detect_processes(ticket, criterion.parameters.critical_processes)
        if p is not PASSWORD_RESET or desk_reset(ticket) is not False
    ]
    why = unsettled_processes(ticket, detected, criterion.parameters.critical_processes)
    if why is not None:
        return defer(criterion, why)
    return judge_processes(ticket, criterion, given, detected)


def offline_processes(ticket: Ticket, criterion: Criterion, given: Given):
    """The offline reading of an open case: a priority 1 outage is a major incident, a
    phishing report is not malware unless the text says so, a lock-out whose handling
    shows no reset or unlock is no password reset."""
    detected = detect_processes(ticket, criterion.parameters.critical_processes)
    opening = normalise(f"{ticket.short_description}\n{ticket.description}")
    kept = []
    for process, m in detected:
        if process.id == "malware" and not _MALWARE_WORDS.search(_with_category(ticket, opening)):
            continue
        if process is PASSWORD_RESET and not desk_reset(ticket):
            continue
        kept.append((process, m))
    enabled = criterion.parameters.critical_processes
    if (
        "major_incident" in enabled
        and ticket.priority == 1
        and _OUTAGE.search(opening)
        and _SCOPE.search(all_text(ticket))
    ):
        major = next(p for p in PROCESSES if p.id == "major_incident")
        if all(p is not major for p, _ in kept):
            kept.append((major, _OUTAGE.search(opening)))
    return judge_processes(ticket, criterion, given, kept, offline=True)
