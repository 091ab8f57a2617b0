"""A workaround told as a fix, read by its parts (LABELLING.md R4: "a workaround leaves the
fault in place and has the user work around it: another browser, app, printer, till or desk, a
loaner"): the work sent elsewhere (REDIRECT, "moved", "switched", "rerouted") or done
elsewhere (USE, "is now printing to", "uses") on another one
of the very thing the issue reports, said by a word of otherness before it ("another
printer", "the spare till", "a different desk": OTHER_ONE) or by a number beside its kind
("till 2" reported, "moved to till 1"). A desk writes it in its own words ("Card bets moved to
window 3 for the rest of the night", "Scanning switched over to the other MFP until the
engineer comes", "Users pointed to printer 4"); what stays the same is the three parts: the
verb of sending, the otherness, and the reported thing's kind.

A notice put up for the users ("sign put up at window 2: cash only") tells them of the
workaround; it changes nothing (NOTICE)."""

import re

# Verbs that send the work, the user or the traffic elsewhere.
REDIRECT = frozenset(
    "moved switched redirected re-directed rerouted re-routed diverted pointed relocated "
    "swapped sent".split()
)
# Verbs of the user working on something ("User is now printing to printer 4", "uses the
# other till"): the workaround as it is lived, not as it was set up.
USE = frozenset("use uses using used print prints printing work works working".split())
# Words that make their noun another one than the one reported.
OTHER_ONE = frozenset(
    "another other different spare loaner loan backup alternative alternate neighbouring "
    "neighboring nearby next temporary".split()
)
# What the user did said to be wrong ("You are trying to use the GPLM login for the VPN,
# which is not correct. Please use other credentials"): the other one is the remedy, advice
# that fixes the user's error (R8), not a way around a fault.
MISUSE = re.compile(
    r"\b(?:not (?:the )?(?:correct|right|proper)|incorrect(?:ly)?|wrong(?:ly)?|by mistake|"
    r"in error|non (?:è )?corrett[oa]|sbagliat[oa]|errad[oa]|incorret[oa])\b",
    re.I,
)
# What tells the users of a workaround: a sign, a notice.
NOTICE = frozenset("sign signs notice notices poster posters banner banners".split())
# Where the work goes: the four words after the verb and its preposition.
_FOUR_WORDS = r"[\w'#-]+(?:[ \t]+[\w'#-]+){0,3}"
_REDIRECT_TO = re.compile(
    rf"\b(?:{'|'.join(sorted(REDIRECT))})\b(?:\s+[\w'-]+){{0,3}}?\s+(?:to|onto|into)\s+"
    rf"(?P<target>{_FOUR_WORDS})|\b(?:{'|'.join(sorted(USE))})\s+(?:(?:to|on|from|at|"
    rf"via|with)\s+)?(?P<used>{_FOUR_WORDS})",
    re.I,
)
# A kind of thing and its number ("till 2", "window 3", "printer #4", "till 1's").
_NUMBERED = re.compile(r"\b([a-z][a-z-]{2,})\s+#?(\d{1,3})\b", re.I)
_WORD = re.compile(r"[a-z][\w-]*", re.I)


def _numbered(text: str) -> set[tuple[str, str]]:
    return {(kind.lower(), n) for kind, n in _NUMBERED.findall(text)}


def sent_elsewhere(sentence: str, issue: str) -> re.Match | None:
    """The redirect in `sentence` to another one of a thing the `issue` (its short
    description and description) names: "moved to till 1" on "till 2 card reader not
    connecting", "switched to the spare printer" on a printer ticket. None: no redirect, or
    one to something the issue does not name ("moved the mailbox to the new database"), or
    notes that call what the user did wrong (MISUSE)."""
    if MISUSE.search(sentence):
        return None
    reported = {w.lower() for w in _WORD.findall(issue)}
    reported_numbered = _numbered(issue)
    for m in _REDIRECT_TO.finditer(sentence):
        target = m.group("target") or m.group("used")
        said = [w.lower().removesuffix("'s") for w in _WORD.findall(target)]
        other = next((i for i, w in enumerate(said) if w in OTHER_ONE), None)
        if other is not None and reported.intersection(said[other + 1 : other + 4]):
            return m
        for kind, n in _numbered(target):
            if any(k == kind and j != n for k, j in reported_numbered):
                return m
    return None


def tells_of_it(clause: str) -> bool:
    """Whether `clause` is a notice put up for the users ("sign put up at window 2")."""
    return bool(NOTICE.intersection(w.lower() for w in _WORD.findall(clause)))
