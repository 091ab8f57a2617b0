"""A troubleshooting step read by its parts: a diagnostic or corrective ACTION done on an
OBJECT, and, where written, the FINDING it gave, whatever the order, tense, voice, case or
shorthand (LABELLING.md, troubleshooting audit rules 2 and 4: each check with its finding,
each change with its result, however it is written). Each part is one small class of words,
defined once here from public troubleshooting procedures and vendor knowledge-base wording,
not from the evaluation set's text:
- CompTIA's troubleshooting methodology (A+ 220-1101 objective 5.1: identify the problem,
  test the theory, implement the solution, verify full system functionality, document
  findings, actions and outcomes);
- Microsoft Learn's troubleshooting articles ("restart the Print Spooler service", "clear the
  Teams cache", "roll back the driver", "run sfc /scannow", "flush the DNS resolver cache",
  "check Event Viewer", "re-register the device", "reset the network adapter");
- Cisco's and the vendors' hardware guides ("reseat the module", "power-cycle the switch",
  "replace the cable", "ping / traceroute the gateway", "the port shows err-disabled").

tqrs.judges.signals reads a sentence by these parts after its own specific readings, which
stay where they are more precise: an action done on a named object is a step
(`action_on_object`); a finding with an action or an object is that step's outcome
(`finding`); an object with its finding, no action named, is a check told by its result
(`told_by_finding`), unless it is the problem as met ("unable to ...", "sometimes crashes") or
a message quoted. What is no step stays none: a person who says, wants or plans something,
an instruction to the reader, the caller's validation (said_or_asked); requests, hand-offs,
greetings and the caller's text are left out before a sentence is read at all
(tqrs.judges.troubleshooting)."""

import re

from tqrs.rules import caller_parts
from tqrs.rules.text import normalise

# Actions written as done, in any tense or voice ("rebooted", "was re-imaged", "cache
# cleared", "rolled back", "power-cycled"), and the desk's shorthand for them ("chkd",
# "rbt'd", "tstd"). A check needs its finding; a change has its effect or the test after it.
_CHECK_STEMS = (
    r"checked|chk(?:'?d|ed)|ch'?d|verified|vrf(?:'?d|ed)|tested|tst(?:'?d|d)|"
    r"ping(?:ed|ged)|tracert(?:ed)?|traceroute(?:d)?|traced|reproduc(?:ed|es)|repro'?d|"
    r"replicated|reviewed|inspected|examined|compared|measured|monitored|observed|scanned|"
    r"diagnosed|looked (?:at|into|in)|went through|ran|re-?ran|confirmed|watched|"
    r"queried|searched|captured|logged (?:in|on)|signed (?:in|on)"
)
_CHANGE_STEMS = (
    r"cleared|clr'?d|flushed|purged|restarted|rstrt'?d|rebooted|rbt'?d|"
    r"power[- ]?cycled|bounced|recycled|re-?installed|reinst'?d|uninstalled|installed|"
    r"re-?imaged|re-?mapped|mapped|rolled back|reverted|updated|upgraded|downgraded|patched|"
    r"reset|re-?seated|re-?plugged|unplugged|plugged|swapped|replaced|rebuilt|re-?created|"
    r"re-?added|deleted|removed|renamed|enabled|disabled|re-?synced|synced|reconnected|"
    r"re-?paired|paired|repaired|re-?configured|configured|adjusted|restored|re-?enrolled|"
    r"unlocked|granted|revoked|re-?deployed|deployed|pushed|killed|ended|terminated|"
    r"stopped|re-?applied|applied|cleaned|re-?registered|registered|re-?joined|"
    r"joined|forgot|escalated|moved|re-?sent|resent|re-?pointed|repointed|refreshed|"
    r"reloaded|re-?flashed|flashed|re-?enabled|re-?built|blocked|enrolled|added|raised|"
    r"issued|wiped|set up|created"
)
ACTION = re.compile(rf"(?<![\w-])(?:{_CHECK_STEMS}|{_CHANGE_STEMS})(?![\w-])")
CHANGE = re.compile(rf"(?<![\w-])(?:{_CHANGE_STEMS})(?![\w-])")

# What a step acts on: a device, an application or service, a setting, a log, a cache, a
# driver, a profile, a cable or port, an account or a queue (the nouns of the procedures
# above), singular or plural.
THING = re.compile(
    r"(?<![\w-])(?:device|laptop|pc|desktop|workstation|computer|machine|tablet|ipad|phone|"
    r"handset|mobile|printer|scanner|monitor|screen|display|dock|docking station|keyboard|"
    r"mouse|headset|webcam|camera|router|switch|firewall|access point|a ?p|wap|controller|"
    r"modem|server|vm|host|node|app|application|client|program|software|browser|service|"
    r"spooler|process|agent|settings?|config(?:uration)?|policy|gpo|registry|"
    r"event (?:viewer|log)|logs?|cache|cookies|temp files|drivers?|firmware|bios|profile|"
    r"cable|cabling|hdmi|usb|displayport|ethernet|psu|power supply|fan|antenna|fuser|"
    r"port|socket|jack|nic|adapter|wi-?fi|ssid|network|lan|vlan|vpn|dns|dhcp|"
    r"ip|proxy|cert(?:ificate)?|account|mailbox|inbox|calendar|password|credentials?|token|"
    r"licen[cs]e|group|permissions?|share|drive|folder|file|disk|memory|ram|battery|charger|"
    r"toner|tray|roller|queue|job|database|db|record|signal|sensor|reader|terminal|"
    r"till|update|patch|version|build|portal|site|page|url|link|domain|session|backup|"
    r"template|workflow|feed|loop|interface|link light|gateway|mapping|instance|"
    # the applications and systems the vendors' articles name
    r"outlook|teams|onedrive|sharepoint|exchange|excel|word|windows|office|citrix|chrome|"
    r"edge|firefox|okta|intune|active directory|ad|azure|entra|sap|bitlocker|defender)s?(?![\w-])"
)
# Or a thing named by its identifier, a short prefix and a digit ("pc-0412", "gi1/0/12",
# "sm37"): the object of an action; not a ticket's or an article's number ("inc1295563",
# "kb0012345"). A finding told without an action needs a thing named by its kind (THING): an
# identifier with a state ("BE060000396 ok") may be any code or a quoted message's part.
_IDENTIFIER = r"(?<![\w-])(?!(?:inc|ritm|req|chg|prb|task|sctask|kb)\d)[a-z]{1,4}[-/]?\d[\w/.-]*"
OBJECT = re.compile(f"{THING.pattern}|{_IDENTIFIER}")

# A fault a test watches for, as a noun ("no jams", "without a crash", "no new failures") or
# a verb ("did not trip once", "never dropped"): the vendors' test and soak wording (a test
# page with no jams, a watch with no restart or drop, an interlock that does not trip).
_FAULT_NOUN = (
    r"(?:errors?|issues?|faults?|problems?|drops?|dropouts?|alerts?|warnings?|jams?|"
    r"crash(?:es)?|restarts?|reboots?|failures?|disconnects?|disconnections?|trips?|freezes?|"
    r"prompts?|lockouts?|bluescreens?|bsods?|timeouts?|rejects?|rejections?)"
)
_FAULT_VERB = (
    r"(?:trip|crash|drop|fail|restart|reboot|freeze|hang|disconnect|lock|prompt|reject|"
    r"time out|error)(?:s|ped|ed|ping|ing)?"
)
_NO_FAULT = (
    rf"(?:no|without(?: an?| any)?|zero|0|not one|not a single) (?:new |more |further |other )?"
    rf"{_FAULT_NOUN}|(?:did not|didn't|does not|doesn't|never|has not|hasn't) (?:once )?"
    rf"{_FAULT_VERB}(?: once| at all| again)?"
)
# A count of the things that passed, out of all ("24 of 24 received", "49/50 plates read",
# "6 of 6 reporting"): what a test of them showed.
_COUNT_PASSED = (
    r"\d+ ?(?:of|/) ?\d+ (?:[a-z]+ )?(?:[a-z]+(?:ed|ing)|read|ok|okay|fine|good|clean)|"
    r"\u2713|\u2714"
)

# What a step showed or did: a tool's reading, a state, success or failure, the same fault.
FINDING = re.compile(
    # what a check gave, written after an arrow or an equals sign ("ping -> 100% loss")
    r"\s(?:->|\u2192|=>|=)\s+\S|"
    rf"(?<![\w-])(?:{_NO_FAULT}|{_COUNT_PASSED})(?![\w-])|"
    r"(?<![\w-])(?:show(?:s|ed|ing)|return(?:s|ed)|report(?:s|ed) (?!to\b)|"
    r"no (?:errors?|issues?|faults?|problems?|change|difference|drops?|alerts?|warnings?)|"
    r"error(?:s|ed)?(?! logs?\b)|eror|fail(?:s|ed|ing|ure)?|"
    r"still (?:fail\w*|broken|the same|same|down|dead|stuck|offline|erroring|crashing|blank|"
    r"fine|ok|okay|good)|"
    r"work(?:s|ed|ing)|resolved|fixed|success(?:ful(?:ly)?)?|succeeded|pass(?:ed|es)|ok|o k|"
    r"okay|fine|healthy|normal|reject(?:s|ed)|refused|denied|timed? ?out|timeout|"
    r"interrupted|dropp(?:ed|ing)|drops|stuck|hung|frozen|crash(?:es|ed|ing)|offline|online|"
    r"(?:not )?responding|unreachable|reachable|broadcasting|running|stopped|missing|"
    r"stay(?:s|ed)? (?:up|connected|online|on)|matched|matches|mismatch(?:ed)?|expired|"
    r"corrupt(?:ed)?|asleep|contains|contained|"
    # a part found in a bad state (the hardware guides' "reseat a loose cable", "replace a
    # worn fuser", "clean a clogged fan")
    r"half out|loose|worn|clogged|dirty|burnt|burned out|dead|damaged|cracked|faulty|blown|bent|"
    r"disconnected|connected|synced|syncing|loads|loaded|opens|opened|prints|printed|"
    r"arrived|delivered|accepted|approved|came back|comes up|came up|"
    # what a fixed thing does again ("sync resumed", "uploaded in under a minute", "my PIN
    # releases a test job", "charging 45 W"); after a person, their own act ("I uploaded")
    r"pending|resumed|charging|"
    r"(?<!\bi )(?<!\bwe )(?<!\bhe )(?<!\bshe )(?<!\bthey )(?<!\byou )"
    r"(?:uploads|uploaded|downloads|downloaded|releases|released|renders|rendered)|"
    r"gone|same (?:error|result|issue|message|fault))(?![\w-])"
)

# What a change's effect or a test shows when the fix took: the thing works, is back, passes,
# or no fault is seen (CompTIA's "verify full system functionality"; the vendors' "the
# device comes back online", "the page loads", "sync resumes"). A fault found is none.
WORKS = re.compile(
    rf"(?<![\w-])(?:{_NO_FAULT}|{_COUNT_PASSED}|"
    r"work(?:s|ed|ing)|ok|o k|okay|fine|success(?:ful(?:ly)?)?|succeeded|pass(?:ed|es)|healthy|"
    r"resolved|fixed|normal|back (?:up|online|on ?line|to normal)|online|(?<!not )responding|"
    r"(?<!un)reachable|(?:re)?connected|synced|syncing|resumed|loads|loaded|opens|opened|prints|"
    r"printed|arrived|delivered|accepted|approved|came (?:back|up|through)|comes (?:back|up|"
    r"through)|charging|gone|stays? (?:up|connected|online|on)|stayed (?:up|connected|online|on)|"
    r"clear(?:ed)? now|as expected|uploaded|downloaded|released|rendered|reporting)(?![\w-])"
)


# A person who says, reports or wants something: the caller's word or a plan, no finding
# ("user says the printer still fails", "she wants the cache cleared").
_SAID = re.compile(
    r"(?<![\w-])(?:says?|said|claims?|thinks?|believes?|wants?|asks?|asked|reports? that|"
    r"according to|seems?|might|maybe|probably|will|would|should|going to|to be|needs? to|"
    r"if|unless|once|until)(?![\w-])"
)


# An instruction to the reader, a base verb first ("Try to clean the cache of your browser",
# "Correct the file name", "Please check the behaviour in another browser"): work asked,
# no step done.
_INSTRUCTION = re.compile(
    r"^\W*(?:please|pls|kindly|try|correct|clean|clear|check|restart|reboot|reinstall|install|"
    r"uninstall|open|click|go|make sure|ensure|do not|don't|remember|use|select|close|run|"
    r"update|remove|delete|verify|test|contact|send|provide|attach)\b"
)
# The problem as someone meets it ("unable to download the file", "we're not able to attach
# the files", "the program ... sometimes crashes"): what fails, or how often, no check's
# finding unless an action was done.
_PROBLEM = re.compile(
    r"(?<![\w-])(?:unable to|not able to|cannot|can't|can not|could not|couldn't|sometimes|"
    r"often|occasionally|randomly|keeps|always|every time|from time to time)(?![\w-])"
)


# A clause that tells when something happened, before the action it holds ("when the PC was
# unplugged and moved"): a circumstance of what was found, no action done.
_CIRCUMSTANCE = re.compile(r"(?<![\w-])(?:when|whenever|while)(?![\w-])[^,;.]*$")


def _without(lower: str, m: re.Match) -> str:
    """`lower` with the words of match `m` taken out: what the rest of the sentence names."""
    return lower[: m.start()] + " " + lower[m.end() :]


def said_or_asked(lower: str) -> bool:
    """Whether a lower-case sentence is said, planned or asked (_SAID), or documents the
    caller's validation read by its parts (tqrs.rules.caller_parts: "rang him back on the
    extension in the staff directory ... both agree with the HR list"): no step."""
    return (
        _SAID.search(lower) is not None
        or _INSTRUCTION.match(lower) is not None
        or caller_parts.composed(normalise(lower)) is not None
    )


def action_on_object(lower: str) -> re.Match | None:
    """The action of a lower-case sentence that does one on a named object, in any order
    ("rebooted the switch", "switch power-cycled", "chkd event log"); else None."""
    action = ACTION.search(lower)
    if action is None or said_or_asked(lower) or _CIRCUMSTANCE.search(lower, 0, action.start()):
        return None
    return action if OBJECT.search(_without(lower, action)) else None


# A message quoted, alone on its line ('"Error: M3:468: Unit of measure must be ..."'): what a
# finding before it showed, no check of its own (audit rule 3: details of one check).
_QUOTED = re.compile(r"^\s*[\"'\u201c\u2018]")


def told_by_finding(lower: str) -> re.Match | None:
    """The finding of a lower-case sentence that names no action done, only an object and
    what it showed ("handheld app 5.0, server rejects below 5.2", "barn ap broadcasting
    guest"), when it is no problem met (_PROBLEM); else None."""
    if ACTION.search(lower) is not None or _PROBLEM.search(lower) is not None:
        return None
    if _QUOTED.match(lower):
        return None
    found = finding(lower)
    if found is None:
        return None
    return found if THING.search(_without(lower, found)) else None


# A test's pass (no fault seen, all of a count passed), and something more than it: a word,
# what was done or watched, or the thing itself ("it did not freeze").
_PASSED = re.compile(rf"{_NO_FAULT}|{_COUNT_PASSED}")
_WORDS_MORE = re.compile(r"[a-z]{2,}")


def finding(lower: str) -> re.Match | None:
    """The finding of a lower-case sentence that names an action or an object and what it
    showed or did ("event log showed disk errors", "ran sfc, no errors", "port err-disabled
    -> still down"); else None. The finding is no word of the action itself."""
    if FINDING.search(lower) is None or said_or_asked(_PASSED.sub(" ", lower)):
        return None
    for m in FINDING.finditer(lower):
        if ACTION.fullmatch(m.group()):
            continue  # the action's own word ("stopped the service")
        rest = _without(lower, m)
        if ACTION.search(rest) or OBJECT.search(rest):
            return m
        if _PASSED.fullmatch(m.group()) and _WORDS_MORE.search(rest):
            # no fault, or all passed, in what was done or watched, whatever it names ("ran
            # the booth for forty minutes, the interlock did not trip once", "200-page test,
            # no jams"): a test's outcome
            return m
    return None


def passed(lower: str) -> bool:
    """Whether the finding of a lower-case sentence is a test's pass: no fault seen, or all
    of a count passed ("watched 1 hr, no restart", "24 of 24 received")."""
    found = finding(lower)
    return found is not None and _PASSED.fullmatch(found.group()) is not None


def is_change_by_parts(lower: str) -> bool:
    """Whether the first action of a lower-case sentence is a change (its outcome is its
    effect or the test after it) rather than a check (its outcome is its finding)."""
    action = ACTION.search(lower)
    return (
        action is not None
        and CHANGE.fullmatch(action.group()) is not None
        and not _CIRCUMSTANCE.search(lower, 0, action.start())
    )
