"""The short description's form, a rubric parameter (tqrs.rubric_parameters): by default the
4-part `Company/LoB - Location - Application - Brief`; with one part, a specific summary.

Parts are split on ` - `, `|` or dashes; spaced separators are tried first so that hyphenated
words ("Wi-Fi", "e-mail") survive in the brief part. Each problem counts once: a missing part,
a placeholder part, a brief description that is vague (a summary alone must name more than
the product) or longer than the format allows.
No problem is met, one is partly met, two or more are not met."""

import re
from dataclasses import dataclass, field

from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.rubric import Criterion
from tqrs.rubric_parameters import ShortDescriptionFormat
from tqrs.rules.registry import result, rule
from tqrs.rules.text import is_blank

DEFAULT_FORMAT = ShortDescriptionFormat()
_SPACED = re.compile(r"\s*\|\s*|\s+[-–—]+\s+")
_ANY = re.compile(r"\s*[|–—]\s*|\s*-+\s*")
_VAGUE_WORDS = frozenset(
    "issue issues problem problems not working work works doesn't does dont don't help "
    "needed need please pls error errors urgent asap broken request question query fix it "
    "with the a an system something stuff general misc other user ticket call is are has "
    "have on in of for to my "
    # who called and how hard they tried say nothing of the fault ("User called about SAP",
    # "Tried everything already")
    "caller customer called calling rang phoned emailed contacted about regarding re tried "
    "trying everything "
    "already again still same assistance "
    # a test record names no fault ("testing from snow", "This is a test", "Test incident
    # (please ignore)"); where a test is the fault, other words say what fails ("Test page
    # will not print from tray 2")
    "test tests testing tested from ".split()
    # a record named by its kind or number ("INC1225462 - incident closed", "Ref:MSG...")
    # and the words of a request form's title ("with the detail of the type of request")
    # say nothing of the fault either
    + "inc incident incidents ritm req ref detail details type kind info information".split()
    # "reporting" a fault names none ("GPLM reporting")
    + "report reports reporting reported".split()
    # the same words in the desk's other languages (Italian, Portuguese, Spanish, French): a
    # summary of a product and "malfunzionamenti", "problema con", "chamado referente a",
    # "segnalazione" or "dúvidas" names no issue as "CREO issues" does not; their articles
    # and prepositions are the English "the", "with", "of"
    + (
        "problema problemi problemas malfunzionamento malfunzionamenti anomalia anomalie "
        "errore errori erro erros segnalazione segnalazioni richiesta richieste solicitação "
        "solicitud dettaglio dettagli detalhe detalhes tipologia tipo aiuto ajuda ayuda "
        "urgente chamado chamados referente referência incidencia incidente consulta dúvida "
        "dúvidas duvida duvidas duda dudas non não funziona funciona "
        "con com il lo la le gli di del della dei delle da in per su un una o a os dos "
        "das de em na para el los las en avec sur dans des du au aux"
        # not "no", "as", "do", "por": English words or a team's acronym ("No report for 1
        # patient", "POR number error") that say something there
    ).split()
)
# A problem word cut or spelled in another language ("Proble con GPLM", "problème").
_VAGUE_STEM = re.compile(r"probl\w*")
# A word of a summary: one holding a digit ("INC1404062", "Win10"), or letters with the
# hyphenated words whole ("G-PLM", "Wi-Fi"; "INC1404062-password" is two words).
_LETTER, _ALNUM = r"(?:[^\W\d_]|')", r"(?:[^\W_]|')"  # any script's letters, and digits
_TOKEN = re.compile(rf"{_ALNUM}*\d{_ALNUM}*|{_LETTER}+(?:-{_LETTER}+)*")
# A record's number ("INC1294771", "50299", "MSGHSM13403362", "CN00001520", "SS12970"):
# digits alone, or a few letters and five digits or more; it names which record, not what is
# wrong. A product's version and a device's name stay words ("Office365", "Win10", "3D",
# "lta1520").
_REFERENCE = re.compile(r"\d+|[a-z]{0,6}\d{5,}")


@dataclass
class SdCheck:
    parts: list[str]
    problems: list[str] = field(default_factory=list)


def check_short_description(text: str, fmt: ShortDescriptionFormat = DEFAULT_FORMAT) -> SdCheck:
    """The parts found and the problems with them, in reading order."""
    text = text.strip()
    if not text:
        return SdCheck([], ["the short description is empty"])
    names, n = [_lower(p) for p in fmt.parts], len(fmt.parts)
    if n == 1:
        parts = [text]
    else:
        parts = [p.strip() for p in _SPACED.split(text)]
        if len(parts) < n:
            parts = [p.strip() for p in _ANY.split(text, maxsplit=n - 1)]
        if len(parts) > n:  # extra separators belong to the brief description
            parts = parts[: n - 1] + [" - ".join(parts[n - 1 :])]
    check = SdCheck(parts)
    if len(parts) < n:
        missing = n - len(parts)
        listed = ", ".join(names[:missing]) if len(parts) > 1 else _leading(names)
        check.problems += [f"{missing} of {n} parts missing ({listed})"] * missing
        brief = parts[-1]
        leading = parts[:-1]
        names_present = names[missing : n - 1]
    else:
        brief, leading, names_present = parts[-1], parts[:-1], names[:-1]
    for name, part in zip(names_present, leading, strict=True):
        if is_blank(part):
            check.problems.append(f"the {name} part is a placeholder ({part!r})")
    limit = fmt.max_brief_chars
    what = names[-1]
    # a summary alone must name more than the product ("Outlook not working"); in the 4-part
    # form the product has a part of its own
    if is_blank(brief) or _is_vague(brief, 2 if n == 1 else 1, " ".join(leading)):
        check.problems.append(f"the {what} {brief!r} is too vague")
    elif len(brief) > limit:
        check.problems.append(f"the {what} is {len(brief)} characters (at most {limit})")
    return check


def _lower(name: str) -> str:
    """A part name inside a sentence: "Brief description" -> "brief description"."""
    return name[:1].lower() + name[1:]


def _leading(names: list[str]) -> str:
    return "the first part" if len(names) == 2 else f"the first {_NUMBERS[len(names) - 1]} parts"


_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six")


def _is_vague(brief: str, min_specific: int = 1, other_parts: str = "") -> bool:
    """Fewer than two words, or fewer than `min_specific` distinct words that are neither
    vague, a record's number, nor words of the other parts (the application has its own
    part: "SAP" in the brief of "... - SAP - User called about SAP" says nothing more; a
    word said twice, "GPLM ... GPLM", says no more than once)."""
    tokens = [t for t in _TOKEN.findall(brief.lower()) if not _REFERENCE.fullmatch(t)]
    vague = _VAGUE_WORDS | set(_TOKEN.findall(other_parts.lower()))
    specific = {t for t in tokens if t not in vague and not _VAGUE_STEM.fullmatch(t)}
    return len(tokens) < 2 or len(specific) < min_specific


@rule("short_description_format", (Outcome.MET, Outcome.PARTLY_MET, Outcome.NOT_MET))
def short_description_format(ticket: Ticket, criterion: Criterion):
    fmt = criterion.parameters.short_description
    check = check_short_description(ticket.short_description, fmt)
    n = len(check.problems)
    outcome = (
        Outcome.MET if n == 0 else Outcome.PARTLY_MET if n == 1 and check.parts else Outcome.NOT_MET
    )
    evidence = ticket.short_description.strip()
    if n == 0:
        found = (
            "The summary is specific and short."
            if len(fmt.parts) == 1
            else f"All {len(fmt.parts)} parts are present and specific: "
            + " | ".join(check.parts)
            + "."
        )
        return result(criterion, outcome, evidence, found)
    unique = list(dict.fromkeys(check.problems))
    form = (
        "as a specific summary of the issue"
        if len(fmt.parts) == 1
        else "as `" + " - ".join(fmt.parts) + "`"
    )
    return result(
        criterion,
        outcome,
        evidence,
        f"{n} problem{'s' if n > 1 else ''}: " + "; ".join(unique) + ".",
        f"Write the short description {form}, e.g. '{fmt.example}'; keep the {_lower(fmt.parts[-1])} "
        f"specific and under {fmt.max_brief_chars} characters.",
    )
