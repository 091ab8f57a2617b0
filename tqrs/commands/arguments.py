"""Argument types for numbers the CLI takes: a value out of range is refused by argparse with
its own message (`error: argument --limit: a whole number, 1 or more, got -1`), before any run
is made or query sent. Options that mean something only with another one are refused by
`refuse_without`, which argparse cannot express."""

import argparse
import math
from collections.abc import Iterable

from tqrs.errors import InputError


def whole_number(minimum: int, maximum: int | None = None):
    """An argparse type: an int of at least `minimum` (and at most `maximum`)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"a whole number, {minimum} or more, got {value}")
        if maximum is not None and value > maximum:
            raise argparse.ArgumentTypeError(f"a whole number, {maximum} or less, got {value}")
        return value

    return parse


def amount(*, positive: bool):
    """An argparse type: a number, more than 0 (`positive`) or 0 or more."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"a number, got {text!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"a number, got {text!r}")
        if value < 0 or (positive and value == 0):
            least = "more than 0" if positive else "0 or more"
            raise argparse.ArgumentTypeError(f"{least}, got {text}")
        return value

    return parse


def refuse_without(needed: bool, options: Iterable[tuple[str, bool]], reason: str) -> None:
    """Refuses options given without the one they need, rather than ignore them silently.

    Args:
        needed: whether the option they depend on (or what stands for it) was given.
        options: (flag, whether it was given) pairs.
        reason: the message after the flags, e.g. `only a batch run (--batch) uses {it}`
            ({it} reads "it" for one flag given, "them" for more).

    Raises:
        InputError: `--run, --coaching: REASON`, naming every such option given.
    """
    given = [flag for flag, on in options if on]
    if not needed and given:
        raise InputError(
            f"{', '.join(given)}: {reason.format(it='it' if len(given) == 1 else 'them')}"
        )
