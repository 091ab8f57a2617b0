"""Critical processes: detected from the short description, description and category, and
checked against the steps each requires anywhere in the ticket.

Which processes are looked for, and which of them auto-fail without documented caller
validation, are rubric parameters (`critical_processes`, `validation_required_for`; by default
all, and a password reset or account unlock). Any other critical process with a required step
missing is not met (the built-in rubrics deduct 35 points). Several processes can apply to one ticket; the worst outcome wins.

Whether the caller was validated is the outcome of the rubric's caller-validation criterion
when it has one (so an analyst's override of that criterion re-derives this one), else read
from the ticket as that rule reads it."""

import re
from collections.abc import Collection
from dataclasses import dataclass

from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.rubric import Criterion
from tqrs.rules.caller import find_validation
from tqrs.rules.registry import Given, result, rule
from tqrs.rules.text import all_text, find_affirmed, quote

_SECURITY = (
    r"security (?:team|desk|operations|ops|office|incident)|\bsoc\b|infosec|"
    r"information security|cyber ?security|csirt|cert team"
)


@dataclass(frozen=True)
class Process:
    id: str
    title: str
    keywords: tuple[str, ...]  # one of them is in any text `detect` matches: a cheap filter
    detect: re.Pattern
    steps: tuple[tuple[str, re.Pattern], ...]  # (what is required, how it reads)


def _re(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


PASSWORD_RESET = Process(
    "password_reset",
    "password reset",
    ("password",),
    _re(
        r"password reset|reset (?:the |his |her |their |my )?password|forgot (?:my |the )?"
        r"password"
    ),
    (),
)
ACCOUNT_UNLOCK = Process(
    "account_unlock",
    "account unlock",
    ("lock",),
    _re(r"account (?:is )?locked|locked out|unlock (?:the |his |her |my )?account|account unlock"),
    (),
)
PROCESSES = (
    PASSWORD_RESET,
    ACCOUNT_UNLOCK,
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
                    r"device (?:is )?locked|\block(?:ed)? the device|"
                    r"lost mode"
                ),
            ),
        ),
    ),
    Process(
        "vip",
        "VIP caller",
        ("vip", "executive", "ceo", "cfo", "cio", "coo", "cto", "board"),
        _re(r"\bvip\b|\bexecutive\b|\b(?:ceo|cfo|cio|coo|cto)\b|board member"),
        (
            (
                "VIP priority or escalation",
                _re(
                    r"escalat|vip (?:queue|support|desk|team)|"
                    r"priority (?:raised|increased) to [12]|"
                    r"white[- ]glove"
                ),
            ),
        ),
    ),
    Process(
        "malware",
        "virus or malware",
        ("virus", "malware", "ransomware", "trojan", "worm", "infected", "phishing"),
        _re(r"\bvirus\b|malware|ransomware|trojan|\bworm\b|infected|phishing"),
        (
            ("Security notified", _re(rf"(?:{_SECURITY})")),
            (
                "device isolated",
                _re(
                    r"isolat|quarantin|disconnected (?:it |the device |the "
                    r"laptop )?from (?:the )?network|unplugged"
                ),
            ),
        ),
    ),
    Process(
        "data_privacy",
        "data privacy or security incident",
        ("data", "pii", "gdpr", "wrong", "unauthori", "security incident"),
        _re(
            r"data (?:breach|leak|privacy)|personal data|\bpii\b|\bgdpr\b|"
            r"(?:sent|emailed|shared) (?:\w+ ){0,4}to (?:the )?wrong|"
            r"unauthori[sz]ed access|security incident"
        ),
        (
            (
                "Security or Privacy Office notified",
                _re(rf"(?:{_SECURITY})|privacy (?:office|team|officer)|\bdpo\b"),
            ),
        ),
    ),
    Process(
        "major_incident",
        "major incident",
        ("major incident", "mi declared", "outage"),
        _re(
            r"major incident|\bmi declared|site[- ]wide outage|outage affecting (?:all|"
            r"multiple)"
        ),
        (
            (
                "major incident process engaged",
                _re(
                    r"major incident (?:manager|management|process|team)|\bmim\b|bridge call|"
                    r"\bbridge\b|war room"
                ),
            ),
        ),
    ),
)


def detect_processes(
    ticket: Ticket, enabled: Collection[str] | None = None
) -> list[tuple[Process, re.Match]]:
    """The critical processes the ticket is about, with the phrase that shows it; only those
    in `enabled` (process ids, the rubric's `critical_processes`) when given."""
    opening = (
        f"{ticket.short_description}\n{ticket.description}\n{ticket.category} {ticket.subcategory}"
    )
    lower = opening.lower()
    found = []
    for process in PROCESSES:
        if enabled is not None and process.id not in enabled:
            continue
        if any(map(lower.__contains__, process.keywords)):
            m = process.detect.search(opening)
            if m:
                found.append((process, m))
    return found


def caller_validated(ticket: Ticket, given: Given) -> bool | None:
    """The caller-validation criterion's outcome when the rubric has one (met: validated;
    None: not assessable, the export does not carry where it would be written), else (or when
    it does not apply) whether the ticket documents a validation."""
    outcome = given.get("caller_validation")
    if outcome is Outcome.NOT_ASSESSABLE:
        return None
    if outcome in (Outcome.MET, Outcome.PARTLY_MET, Outcome.NOT_MET):
        return outcome is Outcome.MET
    return find_validation(ticket)[0] is not None


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
)
def critical_process(ticket: Ticket, criterion: Criterion, given: Given):
    params = criterion.parameters
    detected = detect_processes(ticket, params.critical_processes)
    if not detected:
        return result(
            criterion, Outcome.NOT_APPLICABLE, "", "No critical process applies to this ticket."
        )
    opening = f"{ticket.short_description}\n{ticket.description}"
    names = ", ".join(p.title for p, _ in detected)
    first_quote = quote(opening, detected[0][1].start(), detected[0][1].end())
    needing = [(p, m) for p, m in detected if p.id in params.validation_required_for]
    validated = caller_validated(ticket, given) if needing else True
    if validated is None and len(needing) == len(detected):
        return result(
            criterion,
            Outcome.NOT_ASSESSABLE,
            first_quote,
            f"{names.capitalize()}, but whether the caller was validated is not in the export: "
            "not assessable, never an automatic fail.",
        )
    if validated is False:
        process, m = needing[0]
        return result(
            criterion,
            Outcome.AUTO_FAIL,
            quote(opening, m.start(), m.end()),
            f"{process.title.capitalize()} with no caller validation documented: automatic fail.",
            f"Validate the caller before any {process.title} and record it, e.g. "
            "'Validated by: Okta Verify push accepted'.",
        )
    text = all_text(ticket)
    missing = [
        (process, need)
        for process, _ in detected
        for need, pattern in process.steps
        if find_affirmed(pattern, text) is None
    ]
    if missing:
        listed = "; ".join(f"{p.title}: {need}" for p, need in missing)
        return result(
            criterion,
            Outcome.NOT_MET,
            first_quote,
            f"Critical process ({names}) with required steps not documented: {listed}.",
            "Follow and document the critical-process steps: " + listed + ".",
        )
    return result(
        criterion,
        Outcome.MET,
        first_quote,
        f"Critical process ({names}): every required step is documented.",
    )
