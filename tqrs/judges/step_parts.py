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
an instruction to the reader, the caller's validation (_no_step); requests, hand-offs,
greetings and the caller's text are left out before a sentence is read at all
(tqrs.judges.troubleshooting)."""

import re

from tqrs.rules import caller_parts
from tqrs.rules.text import normalise

# Actions written as done, in any tense or voice ("rebooted", "was re-imaged", "cache
# cleared", "rolled back", "power-cycled"), and the desk's shorthand for them ("chkd",
# "rbt'd", "tstd"). A check needs its finding; a change has its effect or the test after it.
# A validity restored is a change too: a role, a licence or a certificate "renewed".
_CHECK_STEMS = (
    r"checked|chk(?:'?d|ed)|ch'?d|verified|vrf(?:'?d|ed)|tested|tst(?:'?d|d)|"
    r"ping(?:ed|ged)|tracert(?:ed)?|traceroute(?:d)?|traced|reproduc(?:ed|es)|repro'?d|"
    r"replicated|reviewed|inspected|examined|compared|measured|monitored|observed|scanned|"
    r"diagnosed|looked (?:at|into|in)|went through|ran|re-?ran|confirmed|"
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
    r"issued|wiped|set up|created|renewed|re-?run"
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
    r"cable|cabling|port|socket|jack|nic|adapter|wi-?fi|ssid|network|lan|vlan|vpn|dns|dhcp|"
    r"ip|proxy|cert(?:ificate)?|account|mailbox|inbox|calendar|password|credentials?|token|"
    r"licen[cs]e|group|permissions?|share|drive|folder|file|disk|memory|ram|battery|charger|"
    r"fuser|toner|tray|roller|queue|job|database|db|record|signal|sensor|reader|terminal|"
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

# What a step showed or did: a tool's reading, a state, success or failure, the same fault;
# the fault state a hardware check finds on a part, told with the part alone ("reader cable
# half out", "keys sticky", "pin bent": Cisco's and the vendors' hardware guides, "check for
# loose, bent or damaged connectors").
FINDING = re.compile(
    # what a check gave, written after an arrow or an equals sign ("ping -> 100% loss")
    r"\s(?:->|\u2192|=>|=)\s+\S|"
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
    r"corrupt(?:ed)?|asleep|"
    r"loose|half (?:out|in|seated|plugged)|sticky|sticking|bent|worn|cracked|burnt|burned|"
    r"frayed|kinked|damaged|swollen|jammed|faulty|"
    r"disconnected|connected|synced|syncing|loads|loaded|opens|opened|prints|printed|"
    r"arrived|delivered|accepted|approved|came back|comes up|came up|"
    r"gone|same (?:error|result|issue|message|fault))(?![\w-])"
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


def _no_step(lower: str) -> bool:
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
    if action is None or _no_step(lower) or _CIRCUMSTANCE.search(lower, 0, action.start()):
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


def finding(lower: str) -> re.Match | None:
    """The finding of a lower-case sentence that names an action or an object and what it
    showed or did ("event log showed disk errors", "ran sfc, no errors", "port err-disabled
    -> still down"); else None. The finding is no word of the action itself."""
    if FINDING.search(lower) is None or _no_step(lower):
        return None
    for m in FINDING.finditer(lower):
        if ACTION.fullmatch(m.group()):
            continue  # the action's own word ("stopped the service")
        rest = _without(lower, m)
        if ACTION.search(rest) or OBJECT.search(rest):
            return m
    return None


# A reading: where the analyst looked, a dash, and what it read ("sign-in log - last 24 h only
# the office IP", "Intune - PC-0412 compliant, last check-in 08:50", "AD - acct locked,
# badPwdCount 6"), the check told by its source and its value, no verb written (Microsoft
# Learn's sign-in logs and device compliance pages, CompTIA 5.1 "document findings"). The
# source is a thing of the fault named in words (THING) or a place read (_SOURCE), not a
# document's number alone; the value is a reading, no action told nor asked: a count, a time,
# a version, "only", "last", "none", a state (_READ, FINDING).
_SOURCE = re.compile(
    r"(?<![\w-])(?:trace|admin|console|dashboard|history|view|sign-?ins?|roles?|methods?|"
    r"audit|scan|lookup|web)(?![\w-])"
)
_READING_DASH = re.compile(r"^\W*([^\W\d][^.;:!?]{0,50}?)\s[-\u2013]\s+(\S.*)$")
_READ = re.compile(
    r"(?<![\w-])(?:only|last|none|nothing|no \w+|since|listed|compliant|non-compliant|"
    r"set to|locked|lckd|enabled|disabled|expired|full|empty|blank|present|"
    r"absent|current|latest|outdated|old)(?![\w-])"
    r"|\d+(?:\.\d+){1,3}|\d{1,2}:\d{2}|\d+ ?(?:%|h|hrs?|hours?|days?|mins?|gb|mb)(?![\w-])"
    r"|\b\d+ [a-z]{3,}"
)
# An action told in the value ("BD0200 - the PDF has been attached"): a change, read by the
# readings of actions, not a reading.
_DONE_TOLD = re.compile(r"(?<![\w-])(?:has|have|had) been(?![\w-])")
# A person or a circumstance in the line ("Web shop - the page seemed to error out when the
# user paid"): the problem as someone met it, told after the thing's name, not what a source
# showed; and a reading is terse (_READING_MAX_WORDS).
_TOLD_BY_SOMEONE = re.compile(
    r"(?<![\w-])(?:users?|callers?|customers?|we|i|you|he|she|they|when|whenever|while|"
    r"seem(?:s|ed)?|based on|request)(?![\w-])"
)
_READING_MAX_WORDS = 12
_READING_WORDS = 2


def reading(lower: str) -> re.Match | None:
    """The value of a lower-case line that is a reading (_READING_DASH): a source named, no
    action, plan or request in the line, and a terse value of two words or more, told by no
    person, that reads something (_READ, FINDING); else None."""
    m = _READING_DASH.match(lower)
    if m is None:
        return None
    head, value = m.group(1), m.group(2)
    if ACTION.search(lower) or _no_step(lower) or _PROBLEM.search(lower):
        return None
    if _INSTRUCTION.match(value) or _ASKED.match(value) or _DONE_TOLD.search(value):
        return None  # "DOC-12 - please check the document in first": asked, not read
    if not (THING.search(head) or _SOURCE.search(head)):
        return None  # a document's or an order's number alone is no place looked
    if not _READING_WORDS <= len(value.split()) <= _READING_MAX_WORDS:
        return None
    if _TOLD_BY_SOMEONE.search(lower):
        return None
    return m if _READ.search(value) or FINDING.search(value) else None


# A test told by its noun, no verb written, and what it gave after a dash, a comma or a colon
# ("ping to the pump station outstation - no reply", "payroll sign-in on the kiosk, in", "test
# print from tray 2: blank"): a check with its result (CompTIA 5.1, "test the theory", "verify
# full system functionality"; audit rules 2 and 4), as a timed log writes it. The result is
# the line's last clause: a reply's absence, a sign-in got through, or a finding.
_TEST_NOUN = (
    r"ping|traceroute|tracert|(?:test )?(?:sign|log)-?(?:in|on)|"
    r"test (?:call|print|page|e-?mail|mail|message|transaction)"
)
_TEST_NAMED = re.compile(
    rf"^[^\w'-]*(?:[\w'-]+ ){{0,2}}?(?:{_TEST_NOUN})(?![\w-])[^,;:\u2013>]{{0,60}}?"
    r"(?:\s[-\u2013]|,|:|\s->)\s+(?P<result>[^,;:]{1,40}?)\W*$"
)
_REPLY = re.compile(
    r"no (?:reply|replies|response|answer|ack\w*|echo|dial ?tone|link|sync|prompt)|"
    r"(?:got |was |is |now |straight )?(?:in|through)|(?:all )?(?:replies|replied|answered)"
)


def named_test(lower: str) -> re.Match | None:
    """The result of a lower-case line that is a test told by its noun (_TEST_NAMED), when
    it is nothing said or planned and no problem met (_SAID, _PROBLEM; "test call ..." is
    the noun, no instruction); else None."""
    m = _TEST_NAMED.match(lower)
    if m is None or _SAID.search(lower) or _PROBLEM.search(lower):
        return None
    result = m.group("result")
    return m if _REPLY.fullmatch(result) or FINDING.search(result) else None


def is_change_by_parts(lower: str) -> bool:
    """Whether the first action of a lower-case sentence is a change (its outcome is its
    effect or the test after it) rather than a check (its outcome is its finding)."""
    action = ACTION.search(lower)
    return (
        action is not None
        and CHANGE.fullmatch(action.group()) is not None
        and not _CIRCUMSTANCE.search(lower, 0, action.start())
    )


# What a line of the record is when it is no step, read by its parts (audit rule 1: the
# record is what was checked or done and what it showed; ITIL 4's incident management
# practice and ServiceNow's incident states keep the record's administration, contacts and
# requests apart from the diagnosis). Each part is one small class of words, combined per
# sentence in `no_step_of_record`.

# Asked of the reader, or advised: a request to look into it or to answer, opening the
# sentence ("Please check if any action is required from the JDE side", "Can you please
# validate from your side", "Please help to check", "Kindly ensure the VPN is connected",
# "Please try to clear your browser cache and let us know ..."). What it names is wanted,
# not seen: no step done (the state it names, "connected", is no finding). Not a step the
# caller is guided through, whose result the caller writes ("Please sign out of Teams and
# sign back in, then try the link again").
_ASKED = re.compile(
    r"^\W*(?:(?:please|pls|plz|kindly)\W+(?:help\W+(?:to\W+)?)?|(?:can|could|would|will) you\W+"
    r"(?:please\W+)?|(?:we|i) (?:would )?(?:recommend|suggest|advise)\W+(?:you\W+|to\W+)?)"
    r"(?:help|validate|review|investigate|look (?:into|at)|confirm|refer|reach out|contact|share|"
    r"ensure|advise|take a look|check(?=\W+(?:if|whether|why|and|from|this|it|the issue|on)\b|\W*$))\b"
    r"|^\W*(?:please|pls|plz|kindly)\b.*\blet (?:us|me) know\b"
)
# Thanks or courtesy opening the sentence ("Thank you for helping", "Thanks for the update",
# "Appreciate your patience"): a letter's courtesy, unless an action is named with it.
_COURTESY = re.compile(r"^\W*(?:thanks?|thank you|many thanks|appreciate|sorry)\b")
# Following up, chasing or reminding ("1/3 Follow up", "No phone listed for follow up",
# "Just wanted to follow up how this is progressing", "Chased the user"): a contact
# attempt, no step, unless an action is named with it.
_FOLLOW_UP = re.compile(
    r"(?<![\w-])(?:follow(?:ed|ing|s)?[- ]?ups?|chas(?:e|ed|ing)|nudg(?:e|ed))(?![\w-])"
)
# A message sent by a channel ("Sent Teams message - done", "Sent email - done", "Pinged him
# on Teams", "Left a voicemail"): a contact, no step, when it carries no thing of the
# troubleshooting (not "Sent the user the new password").
_SENT = re.compile(
    r"^[^\w'-]*(?:[\w'-]+[^\w'-]+){0,3}?(?:sent|send|sending|pinged|messaged|e-?mailed|texted|left)(?![\w-])"
)
_CHANNEL = re.compile(
    r"(?<![\w-])(?:teams|slack|chat|e-?mails?|mails?|messages?|sms|texts?|voicemails?|"
    r"voice ?mails?|notes?|replies|reply|reminders?)(?![\w-])"
)
# The ticket's own administration: the ticket, incident or its fields (urgency, priority,
# impact, state) closed, resolved, re-opened, assigned, escalated or changed ("Changed
# urgency to 2 - High", "We are closing this incident as a problem ticket has been created",
# "will close this ticket", "We escalated the ticket"): no step (audit rule 1: assignment and
# state changes), when nothing else is named (not "the case raised with the vendor, ref
# 5091873312", a thing named by its identifier).
_TICKET = re.compile(
    r"(?<![\w-])(?:tickets?|incidents?|urgency|priority|impact|state|assignment group)(?![\w-])"
)
_ADMINISTERED = re.compile(
    r"(?<![\w-])(?:clos(?:e|ed|es|ing)|resolv(?:e|ed|es|ing)|re-?open(?:ed|ing|s)?|"
    r"(?:re-?)?assign(?:ed|ing|s)?|escalat(?:e|ed|es|ing)|chang(?:e|ed|ing)|rais(?:e|ed|ing)|"
    r"creat(?:e|ed|ing)|updat(?:e|ed|ing)|set|moved|routed|routing|transferred|"
    r"put on hold|on hold)(?![\w-])"
)
# Another's word relayed ("As per Sophie, there is zero inventory", "according to the
# business, ..."): hearsay, the problem as told, when no thing of the troubleshooting and no
# work of the desk's is its source ("As per the event log, the disk is full", "As per our
# check, you have not reset the password yet" are findings).
_AS_PER = re.compile(r"^\W*(?:as per|according to|per)\s+([^,;:.]{1,40})[,;:]")
# The desk's own work as the source ("as per our check", "according to my analysis").
_OWN_WORK = re.compile(
    r"(?<![\w-])(?:our|my|we|i|checks?|checking|review|analysis|investigation|findings?|tests?|"
    r"testing)(?![\w-])"
)
# Work still needed or a habit of the desk's, told before any finding ("Team - this needs to
# be reviewed", "@Deekshitha @Patty we may need a troubleshooting call", "In some cases we
# used to ask upstream systems to retrigger inventory"): a plan or the desk's general
# practice, no step of this case (audit rule 6: a promise is no step).
_NEEDED = re.compile(
    r"^[^\w@'-]*(?:[\w@'-]+[^\w@'-]+){0,6}?(?:needs? to be|may need|might need|will need|would need|"
    r"(?:we|i) (?:need|have) to)(?![\w-])"
    r"|(?<![\w-])(?:we|i|they) (?:used to|usually|normally|generally|typically)(?![\w-])"
)
# A label alone: a heading of the note's form ("Action taken:", "Required Ticket
# Information"), a few words ending in a colon with nothing after it, or a few words all
# capitalised: the form's structure, no step when no action is named.
_LABEL = re.compile(r"^\W*[^\W\d][\w /'&()-]{0,40}:\W*$")
# A hand-over: the ticket or what was gathered passed to another team ("Passed to the network
# team", "Assigned to field crew", "Sent both files to Page Layout Support", "Handed over to
# Infrastructure"): where the work went, assignment, no step of the diagnosis (audit rule 1;
# the handling audit: a routing or escalation note is assignment), when nothing else is told
# with it: no action, no finding, no reference the other team gave (a vendor told with its
# case number is a step, rule 6: "sent the logs to the vendor, ref AQ-30917").
_HANDED_OVER = re.compile(
    r"^[^\w'-]*(?:[\w'-]+[^\w'-]+){0,3}?(?:sent|passed|handed(?: (?:over|off))?|forwarded|referred|"
    r"transferred|routed|escalated|re-?assigned|assigned)(?: (?!to\b)[\w'-]+){0,3}? (?:on |over )?"
    r"to (?:the )?(?:[\w&'-]+ ){0,3}?(?:team|support|desk|group|crew|department|dept|squad|"
    r"infrastructure|engineering|vendor|supplier|partner|ops|operations|admins?|"
    r"administrators?|agency|contractors?)(?![\w-])"
)
_HANDED_OVER_REST = 2
# What the other team is to do, told after the hand-over by its verb ("... to look at the
# connector", "... to investigate"): the hand-over's purpose, still to come, no step of its
# own; not a notice sent or escalated (audit rule 6: Security notified is a step).
_PURPOSE = re.compile(r"^\W*to (?!(?:the|a|an|his|her|their|our|my)\b)[a-z]+")
_NOTIFIED = re.compile(r"(?<![\w-])(?:sent|escalated|e-?mail(?:ed)?|notified|informed)(?![\w-])")
_TITLE = re.compile(r"^[^\w.;!?]*[A-Z][\w'&-]*(?: [A-Z][\w'&-]*){1,4}[ \t]*$")


# Whom the desk reached, not what it found (audit rule 1: contact attempts are no step). Each
# part is one small class, combined in `_of_the_caller_or_record`:
# - a call made back to a person, or a reply to one ("rang Gary back on the lamp room
#   extension from the directory", "Call Sue back on her mobile", "replied to both for a time
#   to call", "spoke to her manager"), not a test call ("rang the practice number from my desk
#   phone -> answered"), which names no call back;
_CONTACTED = re.compile(
    r"(?<![\w-])(?:(?:call(?:ed|ing|s)?|rang|rung|phoned|ringing|phoning)(?: [\w'-]+){0,3}? back|"
    r"return(?:ed)? (?:[\w'-]+ )?call|replied|responded|spoke|spoken|talked)(?![\w-])"
)
# - the number reached and where it was found ("on her mobile", "ext 3120", "from the phone
#   sheet", "on the HR record", "as per the HR onboarding record");
_REACHED_ON = re.compile(
    rf"(?<![\w-])(?:{caller_parts.CONTACT_POINT}"
    rf"|(?:from|in|on|per|via|off|against|\() {caller_parts.RECORD_SOURCE}"
    r"(?: (?:[\w-]+ )?(?:records?|files?|lists?|sheets?|database|system))?)(?![\w-])"
)
# - who the caller is, shown or matched: identity facts said to match a record
#   (caller_parts.facts_matched, "clock number 1148 and line manager matched"), or the caller's
#   validation read by its parts (caller_parts.composed: a call back on a number whose source
#   is written, a one-time code sent to a contact point on record and read back), or a document
#   of identity shown or checked ("Sue showed her staff badge at the desk (photo checked)"), not
#   a badge that is the thing worked on ("old badge 44871 cancelled");
_DOCUMENT = re.compile(
    r"(?<![\w-])(?:staff |photo |id |identity |employee |student )?(?:badge|id card|photo id|"
    r"passport|driving licen[cs]e)(?![\w-])"
)
# (where it was shown: the desk, not a thing worked on: "at the service desk")
_AT_DESK = re.compile(
    r"(?<![\w-])at (?:the )?(?:(?:service|help|it|front) ?desk|reception)(?![\w-])"
)
_SHOWN = re.compile(r"(?<![\w-])(?:show(?:s|ed|n)?|presented|checked|matched|seen)(?![\w-])")
# - the record kept, not the fault: something noted, scheduled or documented, or a document
#   attached to the ticket ("works no. 52204 noted", "Attached the mail to the ticket"; not
#   "the attached log", what a sentence names, nor a part attached to a machine), or a
#   pointer to where the record is ("see close notes", audit rule 1: a note that points
#   elsewhere).
_KEPT = re.compile(
    r"(?<![\w-])(?:noted|scheduled|documented|filed|(?<!the )(?<!this )(?<!an )attached"
    r"(?=(?: [\w'-]+){0,3}? (?:e-?mails?|mails?|screen ?shots?|files?|documents?|logs?|"
    r"pictures?|photos?|images?|spreadsheets?|pdfs?|chats?|transcripts?|conversations?|"
    r"threads?)(?![\w-])| (?:to|in|on) the (?:ticket|incident|case|record)(?![\w-])|"
    r" for reference(?![\w-])))(?![\w-])"
)
_POINTER = re.compile(
    r"(?<![\w-])see (?:the |my )?(?:close|closure|resolution|work|previous|above|below|attached|"
    r"e-?mail|mail|notes?|kb|article)(?![\w-])"
)


def _identity(lower: str) -> bool:
    """Whether a lower-case sentence checks who the caller is (the parts above)."""
    # composed reads facts_matched among its combinations: asked once
    return caller_parts.composed(normalise(lower)) is not None or (
        _DOCUMENT.search(lower) is not None and _SHOWN.search(lower) is not None
    )


def _of_the_caller_or_record(lower: str) -> bool:
    """Whether a lower-case sentence reaches the caller (_CONTACTED), checks who the caller is
    (_identity), keeps the record (_KEPT) or points elsewhere (_POINTER), and names, beside
    the number reached and its source (_REACHED_ON) and the caller's facts, nothing of the
    troubleshooting: no object, no action, and, but for what the identity check found, no
    finding."""
    if _POINTER.search(lower):
        rest = _POINTER.sub(" ", lower)
        return OBJECT.search(rest) is None and ACTION.search(rest) is None
    identity = _identity(lower)
    if not (identity or _CONTACTED.search(lower) or _KEPT.search(lower)):
        return False
    rest = lower
    parts = (
        _CONTACTED,
        _DOCUMENT,
        _SHOWN,
        caller_parts.IDENTITY_FACT,
        _KEPT,
        _REACHED_ON,
        _AT_DESK,
    )
    for part in parts:
        rest = part.sub(" ", rest)
    if identity:
        rest = _CODE_GIVEN.sub(" ", rest)
    if OBJECT.search(rest) or ACTION.search(rest):
        return False
    # what the check of who the caller is found is the validation ("both matched", "read it
    # back, ok"); beside a contact or a record kept, a finding is of the troubleshooting
    return identity or FINDING.search(rest) is None


# The words of a one-time code given back ("SMS code ... read it back"), read off an identity
# check's sentence with its facts.
_CODE_GIVEN = re.compile(
    r"(?<![\w-])(?:(?:sms|text|one-time|verification|security) )?(?:code|otp)|read (?:it |them )?back"
    r"(?![\w-])"
)


def no_step_of_record(sentence: str) -> bool:
    """Whether a sentence of the record, as written, is no step by its parts: asked of the
    reader or advised (_ASKED); courtesy, a follow-up, work still needed or a habit, or a
    message sent, that names no action (_COURTESY, _FOLLOW_UP, _NEEDED, _SENT with _CHANNEL); the ticket's administration with nothing
    else named (_TICKET with _ADMINISTERED); a hand-over to another team with nothing else
    told (_HANDED_OVER); another's word relayed (_AS_PER); a label alone (_LABEL, _TITLE)."""
    lower = sentence.lower().strip()
    if _ASKED.match(lower) or _of_the_caller_or_record(lower):
        return True
    acted = ACTION.search(lower) is not None
    if not acted and (
        _COURTESY.match(lower)
        or _FOLLOW_UP.search(lower)
        or _LABEL.match(lower)
        or (_TITLE.match(sentence.strip()) and FINDING.search(lower) is None)
    ):
        return True
    if _NEEDED.search(lower) and FINDING.search(lower) is None:
        return True  # "this needs to be reviewed": the action is still to come
    sent = _SENT.search(lower)
    if sent and _CHANNEL.search(lower):
        rest = _CHANNEL.sub(" ", _without(lower, sent))
        if OBJECT.search(rest) is None and FINDING.search(rest.replace("done", " ")) is None:
            return True
    if _ADMINISTERED.search(lower) and _TICKET.search(lower):
        rest = _ADMINISTERED.sub(" ", _TICKET.sub(" ", lower))
        if OBJECT.search(rest) is None and _PROBLEM.search(rest) is None:
            return True
    handed = _HANDED_OVER.search(lower)
    if handed:
        rest = _without(lower, handed)
        told = ACTION.search(rest) or OBJECT.search(rest) or FINDING.search(rest)
        if not told and len(rest.split()) <= _HANDED_OVER_REST:
            return True  # "Passed to desktop team, done."; not "..., they corrected the date"
        if _PURPOSE.match(rest) and FINDING.search(rest) is None and not _NOTIFIED.search(lower):
            return True  # "Passed to the hosting admins to look at the connector."
    relayed = _AS_PER.match(lower)
    return (
        relayed is not None
        and OBJECT.search(relayed.group(1)) is None
        and _OWN_WORK.search(relayed.group(1)) is None
    )


# A search told by what it did not find, written by the desk ("We couldn't find any orders
# with the given order number", "we can not locate the order in production", "no exact KB
# found", "Order not found in SAP"): a check with its finding, the absence (CompTIA 5.1,
# "document findings": a negative finding is one). The desk speaks as "we" or "I"; the
# caller's text is not read here. Not the problem as met without a search ("unable to
# download the file").
_NOT_FOUND = re.compile(
    r"(?<![\w-])(?:we|i)(?: also| still)? (?:could not|couldn't|can ?not|can't|"
    r"(?:were|was|are|am) (?:not able|unable) to|did not|didn't|do not|don't) "
    r"(?:find|locate|see)(?![\w-])\s+\S"
    r"|(?<![\w-])no (?:\w+ ){0,2}(?:found|located)(?![\w-])|(?<![\w-])not found(?![\w-])"
)


def not_found(lower: str) -> re.Match | None:
    """The absence a lower-case sentence tells a search found (_NOT_FOUND), when it is no
    plan or request (_no_step); else None."""
    found = _NOT_FOUND.search(lower)
    return None if found is None or _no_step(lower) else found


# The caller's consent to close, told in the desk's note ("ok to close", "she is fine for us to
# close", "he is happy to close", "you can close it", "close it"): the caller's acceptance,
# which the user confirmation criterion reads, no check or change of the desk's (audit rule 1:
# the caller's words are no step), when it ends the sentence; what else the sentence tells
# stays (a test watched with the caller, "Dean printed the next ticket (OK, he is happy to
# close)"). Read by its parts: a word of agreeing and "to close", or "can close" or "close
# it"; the ticket and whose word it is, perhaps, after it; the clause it ends, from the last
# comma, bracket, "and" or "so" before it (the person and the verb of being or saying).
_AGREEING = r"(?:ok|okay|fine|happy|good|agreed|agrees|content|ready)"
_CONSENT = re.compile(
    rf"(?<![\w-])(?:{_AGREEING}(?: (?:for|with) us)? to close|(?:you|we) can close|close it)"
    r"(?: (?:it|this|the (?:ticket|incident|call|case)))?"
    r"(?: (?:now|please|per (?:the )?(?:caller|user|customer)|thanks|thank you))*\W*$",
    re.I,
)
_CLAUSE_OPENS = re.compile(r"[,;(\u2013]|\s-\s|(?<![\w-])(?:and|so|but)(?![\w-])|[.!?]\s", re.I)


def without_consent(sentence: str) -> str:
    """`sentence` without the clause of the caller's consent to close at its end (_CONSENT);
    "" when that is all it tells."""
    m = _CONSENT.search(sentence)
    if m is None:
        return sentence
    opens = [x.start() for x in _CLAUSE_OPENS.finditer(sentence, 0, m.start())]
    return sentence[: opens[-1]].rstrip(" ,;(-\u2013") if opens else ""


# A reference alone, the clause after a step that names what the other party's record of it is
# ("..., ref SEC-2211", "..., case 88-4412", "..., PO 77120"): the number of that step (audit
# rule 6: a notification or a case raised with its reference is one step done), no step of its
# own.
_REFERENCE_ALONE = re.compile(
    r"^\W*(?:ref(?:erence)?|case|ticket|po|req(?:uest)?|order|job|sr)(?: (?:no|number|#))?"
    r"\W{0,2}[a-z]{0,6}[-/ ]?\d[\w/.-]*\W*$"
)


def reference_alone(unit: str) -> bool:
    """Whether a step's unit is a reference alone (_REFERENCE_ALONE)."""
    return _REFERENCE_ALONE.match(unit.lower()) is not None
