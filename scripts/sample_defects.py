"""The defects the sample generator plants, which rubric criteria each must trigger, and how
they are chosen so that they do not mask each other."""

import random
import re
from functools import cache
from pathlib import Path

WORDS_FILE = Path(__file__).resolve().parent.parent / "tqrs" / "data" / "words.txt"

L, H = "incident_logging", "incident_handling"

DEFECT_CHECKS: dict[str, tuple[tuple[str, str], ...]] = {
    "sd_not_4_part": ((L, "short_description"),),
    "sd_vague_brief": ((L, "short_description"),),
    "sd_too_long": ((L, "short_description"),),
    "empty_text": ((L, "short_description"), (L, "description_quality")),
    "no_caller_validation": ((L, "caller_validation"),),
    "password_reset_without_validation": (
        (L, "critical_process"),
        (L, "caller_validation"),
        (H, "critical_process"),
    ),
    "critical_process_not_followed": ((L, "critical_process"), (H, "critical_process")),
    "missing_category": ((L, "categorization"),),
    "missing_subcategory": ((L, "categorization"),),
    "missing_service": ((L, "service_ci"),),
    "missing_ci": ((L, "service_ci"),),
    "poor_description": ((L, "description_quality"),),
    "misspellings_description": ((L, "spelling_grammar"),),
    "no_troubleshooting": ((H, "troubleshooting"),),
    "missing_close_code": ((H, "resolution_notes"),),
    "no_resolution_notes": ((H, "resolution_notes"), (H, "resolution_quality")),
    "resolution_copies_short_description": ((H, "resolution_notes"), (H, "resolution_quality")),
    "vague_resolution": ((H, "resolution_quality"),),
    "no_user_confirmation": ((H, "user_confirmation"),),
    "no_work_notes": ((H, "work_notes"), (H, "troubleshooting")),
    "placeholder_work_notes": ((H, "work_notes"), (H, "troubleshooting")),
    "password_in_notes": ((H, "work_notes"),),
    "misspellings_notes": ((H, "spelling_grammar"),),
}

# Defects of one group exclude each other (they would touch the same text).
_EXCLUSIVE = (
    {"sd_not_4_part", "sd_vague_brief", "sd_too_long"},
    {"no_resolution_notes", "resolution_copies_short_description", "vague_resolution"},
    {
        "no_work_notes",
        "placeholder_work_notes",
        "no_troubleshooting",
        "misspellings_notes",
        "password_in_notes",
    },
    {"poor_description", "misspellings_description"},
)
# Rarer opportunities weigh more so that every defect appears several times in 200 tickets.
_WEIGHTS = {
    "password_reset_without_validation": 25,
    "password_in_notes": 5,
    "critical_process_not_followed": 4,
    "poor_description": 3,
    "no_troubleshooting": 3,
    "placeholder_work_notes": 2,
    "no_user_confirmation": 2,
    "vague_resolution": 2,
}
_RESOLVED_ONLY = {
    "missing_close_code",
    "no_resolution_notes",
    "resolution_copies_short_description",
    "vague_resolution",
    "no_user_confirmation",
}


def choose_defects(rng: random.Random, scenario, channel: str, resolved: bool) -> list[str]:
    """One to three defects that can be planted in this ticket without masking each other."""
    pool = []
    for defect in DEFECT_CHECKS:
        if defect == "empty_text" or (defect in _RESOLVED_ONLY and not resolved):
            continue
        if defect == "password_reset_without_validation" and scenario.critical != "password_reset":
            continue
        if defect == "password_in_notes" and scenario.critical != "password_reset":
            continue
        if defect == "no_caller_validation" and (
            channel == "self-service" or scenario.critical == "password_reset"
        ):
            continue
        if defect == "critical_process_not_followed" and not scenario.critical_steps:
            continue
        if (
            defect
            in ("no_work_notes", "placeholder_work_notes", "poor_description", "no_troubleshooting")
            and scenario.critical
        ):
            continue  # the critical steps and keywords live in that text
        if defect == "sd_vague_brief" and not scenario.vague_brief_ok:
            continue
        pool.append(defect)
    chosen: list[str] = []
    for _ in range(rng.choice((1, 2, 2, 3, 3, 4))):
        options = [
            d
            for d in pool
            if d not in chosen
            and not any(d in group and set(chosen) & group for group in _EXCLUSIVE)
        ]
        if not options:
            break
        chosen.append(rng.choices(options, [_WEIGHTS.get(d, 1) for d in options])[0])
    return sorted(chosen)


# Words whose misspelling would change what other criteria see.
_PROTECTED = frozenset(
    "since morning today yesterday cannot unable error affected users whole deadline blocks "
    "security notified remote wipe wiped isolated escalated validated verified confirmed "
    "privacy office manager bridge incident major password reset locked stolen infected "
    "personal still works working fixed resolved success prints blank".split()
)


@cache
def _english() -> frozenset[str]:
    return frozenset(w for w in WORDS_FILE.read_text().split() if not w.startswith("#"))


def misspell(rng: random.Random, text: str, count: int = 4) -> str:
    """`text` with `count` distinct lower-case words misspelled (two inner letters swapped,
    never into another English word)."""
    candidates = [
        w
        for w in dict.fromkeys(re.findall(r"(?<![\w'.-])[a-z]{5,}(?![\w'-])", text))
        if w not in _PROTECTED and not w.endswith(("ed", "ing"))
    ]
    done = 0
    for word in rng.sample(candidates, len(candidates)):
        k = rng.randrange(1, len(word) - 2)
        wrong = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
        if wrong == word:  # double letter: drop one instead
            wrong = word[:k] + word[k + 1 :]
        if wrong in _english():
            continue
        text = re.sub(rf"(?<![\w'.-]){word}(?![\w'-])", wrong, text, count=1)
        done += 1
        if done == count:
            break
    return text
