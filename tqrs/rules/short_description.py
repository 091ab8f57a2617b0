"""The short description's 4-part form: `Company/LoB - Location - Application - Brief`.

Parts are split on ` - `, `|` or dashes; spaced separators are tried first so that hyphenated
words ("Wi-Fi", "e-mail") survive in the brief part. Each problem counts once: a missing part,
a placeholder part, a brief description that is vague or longer than MAX_BRIEF_CHARS.
No problem is met, one is partly met, two or more are not met."""

import re
from dataclasses import dataclass, field

from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.rubric import Criterion
from tqrs.rules.registry import result, rule
from tqrs.rules.text import is_blank

MAX_BRIEF_CHARS = 60
PART_NAMES = ("company/LoB", "location", "application", "brief description")
EXAMPLE = "ACME Finance - London - Outlook - Cannot open shared mailbox"
_SPACED = re.compile(r"\s*\|\s*|\s+[-–—]+\s+")
_ANY = re.compile(r"\s*[|–—]\s*|\s*-+\s*")
_VAGUE_WORDS = frozenset(
    "issue issues problem problems not working work works doesn't does dont don't help "
    "needed need please pls error errors urgent asap broken request question query fix it "
    "with the a an system something stuff general misc other user ticket call is are has "
    "have on in of for to my".split()
)


@dataclass
class SdCheck:
    parts: list[str]
    problems: list[str] = field(default_factory=list)


def check_short_description(text: str) -> SdCheck:
    """The parts found and the problems with them, in reading order."""
    text = text.strip()
    if not text:
        return SdCheck([], ["the short description is empty"])
    parts = [p.strip() for p in _SPACED.split(text)]
    if len(parts) < 4:
        parts = [p.strip() for p in _ANY.split(text, maxsplit=3)]
    if len(parts) > 4:  # extra separators belong to the brief description
        parts = parts[:3] + [" - ".join(parts[3:])]
    check = SdCheck(parts)
    if len(parts) < 4:
        missing = 4 - len(parts)
        names = ", ".join(PART_NAMES[:missing]) if len(parts) > 1 else "the first three parts"
        check.problems += [f"{missing} of 4 parts missing ({names})"] * missing
        brief = parts[-1]
        leading = parts[:-1]
        names_present = PART_NAMES[missing:3]
    else:
        brief, leading, names_present = parts[3], parts[:3], PART_NAMES[:3]
    for name, part in zip(names_present, leading, strict=True):
        if is_blank(part):
            check.problems.append(f"the {name} part is a placeholder ({part!r})")
    if is_blank(brief) or _is_vague(brief):
        check.problems.append(f"the brief description {brief!r} is too vague")
    elif len(brief) > MAX_BRIEF_CHARS:
        check.problems.append(
            f"the brief description is {len(brief)} characters (at most {MAX_BRIEF_CHARS})"
        )
    return check


def _is_vague(brief: str) -> bool:
    tokens = re.findall(r"[a-z']+", brief.lower())
    return len(tokens) < 2 or all(t in _VAGUE_WORDS for t in tokens)


@rule("short_description_format", (Outcome.MET, Outcome.PARTLY_MET, Outcome.NOT_MET))
def short_description_format(ticket: Ticket, criterion: Criterion):
    check = check_short_description(ticket.short_description)
    n = len(check.problems)
    outcome = (
        Outcome.MET if n == 0 else Outcome.PARTLY_MET if n == 1 and check.parts else Outcome.NOT_MET
    )
    evidence = ticket.short_description.strip()
    if n == 0:
        return result(
            criterion,
            outcome,
            evidence,
            "All four parts are present and specific: " + " | ".join(check.parts) + ".",
        )
    unique = list(dict.fromkeys(check.problems))
    return result(
        criterion,
        outcome,
        evidence,
        f"{n} problem{'s' if n > 1 else ''}: " + "; ".join(unique) + ".",
        "Write the short description as `Company/LoB - Location - Application - Brief "
        f"description`, e.g. '{EXAMPLE}'; keep the brief part specific and under "
        f"{MAX_BRIEF_CHARS} characters.",
    )
