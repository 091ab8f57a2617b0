"""Which rubrics a session is scored against when nobody names one.

The original rubrics (Incident Logging, Incident Handling) carry one organisation's
conventions, above all the 4-part short description `Company/LoB - Location - Application -
Brief`. An export that does not write its short descriptions that way would lose points on
every ticket for a convention it never had, so it gets the generic rubric instead
(data/rubrics/incident_quality.json). The share is read from a sample of the session's short
descriptions; the choice comes with a sentence saying why, for the CLI and the Evaluate page."""

from dataclasses import dataclass

from tqrs.display import rate_text
from tqrs.rubric import load_rubric
from tqrs.rubric_parameters import ShortDescriptionFormat
from tqrs.rubric_versions import current_rubric
from tqrs.rules.short_description import check_short_description
from tqrs.store import Store
from tqrs.store.sessions import short_descriptions

GENERIC_RUBRICS = ("incident_quality",)
ORIGINAL_RUBRICS = ("incident_logging", "incident_handling")
MIN_CONVENTION_SHARE = 0.5  # at least half the tickets written in the originals' form
SAMPLE = 2000  # short descriptions read: enough for a share within a few points


@dataclass(frozen=True)
class RubricChoice:
    rubrics: tuple[str, ...]  # rubric ids, in the order they run
    share: float | None  # of the sampled short descriptions in the originals' form
    reason: str  # one plain sentence


def convention_counts(
    texts: list[str], fmt: ShortDescriptionFormat | None = None
) -> tuple[int, int]:
    """(how many of `texts` are written with every part of `fmt`, how many are written at
    all); `fmt` by default the shipped original rubrics' short-description format."""
    fmt = fmt or load_rubric(ORIGINAL_RUBRICS[0]).parameters.short_description
    written = [t for t in texts if t.strip()]
    follows = sum(len(check_short_description(t, fmt).parts) >= len(fmt.parts) for t in written)
    return follows, len(written)


def convention_share(texts: list[str], fmt: ShortDescriptionFormat | None = None) -> float | None:
    """The share of the written `texts` in `fmt` (convention_counts); None: no text."""
    return _share(*convention_counts(texts, fmt))


def _share(follows: int, written: int) -> float | None:
    return follows / written if written else None


def choose_rubrics(store: Store, session_id: int) -> RubricChoice:
    """The original rubrics when at least MIN_CONVENTION_SHARE of the session's short
    descriptions follow their format (as the current version of Incident Logging, edited or
    not, sets it), else the generic rubric."""
    fmt = current_rubric(store, ORIGINAL_RUBRICS[0]).parameters.short_description
    follows, written = convention_counts(short_descriptions(store, session_id, SAMPLE), fmt)
    share = _share(follows, written)
    form = f"the {len(fmt.parts)}-part form '{' - '.join(fmt.parts)}'"
    if share is not None and share >= MIN_CONVENTION_SHARE:
        return RubricChoice(
            ORIGINAL_RUBRICS,
            share,
            f"{rate_text(share)} of the short descriptions are written in {form}, the "
            "convention of the Incident Logging and Incident Handling rubrics, so those are used.",
        )
    seen = (
        "no short descriptions"
        if not share  # none at all, or none in the form
        else f"only {rate_text(share)} of the short descriptions"
        if share >= 0.0005
        else f"under 0.1% of the short descriptions ({follows:,} of {written:,})"  # not "0.0%"
    )
    return RubricChoice(
        GENERIC_RUBRICS,
        share,
        f"{seen.capitalize()} are written in {form}, so the generic Incident Quality rubric "
        "is used: it asks for a specific summary instead of that organisation's format.",
    )
