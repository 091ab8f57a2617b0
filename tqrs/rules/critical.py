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
major incident, a phishing report that names no malware, a required step (a VIP escalation
among them) not in a known phrasing while a handling sentence names its object with an
action (tqrs.rules.steps, whose reading of those sentences the offline judge takes), and a
step written only as promised or advised ("will notify Security"). Not a process of this
ticket: a suspected infection the checks disprove, a matter handled in another ticket. A
validation the writer puts after the reset ("unlocked, then confirmed ID") is after it.
Read as structure where the Logging label audit wrote rules (tests/eval_set/LABELLING.md,
rules 7-14): a service written as down for a whole site or many people is a major incident
(service_outage), and so is one the handling declares or runs (declared_major), personal data
sent or shown outside its audience (another person's record seen or opened among it) a privacy
incident (data_disclosed),
the caller setting his own password or a service account's reset no desk reset, a device
found again, a duplicate and a follow-up ticket no process of this record, an assistant's
own fault no VIP ticket, and reset and validation ordered by the times a line writes.
A cue is read with what it qualifies: "VIP" before a place, an event or a thing is no VIP
caller, "executive" before a noun of a grade ("Executive chef") no executive, an executive
named only as whom the caller works for no VIP caller, a virus or an infection about people
(no device, file, mail or account within a few words of it) an illness, "both" before a site
word counts two of what it qualifies, "the whole <place> has no network" a whole site
whatever the place is called, a short description whose location part names every site
("All Depots") a whole-site scope, the customers of a service unable to use it all of them.
A reset for a person the caller rings for needs that person validated, not only the caller
(a sentence written in one case read for that person's name without capitals).
Phrasings and their sources: tqrs/rules/PHRASES.md."""

import re
from collections.abc import Collection
from dataclasses import dataclass

from tqrs.models import Ticket
from tqrs.outcomes import Outcome
from tqrs.rubric import Criterion
from tqrs.rules import access_parts, steps
from tqrs.rules.caller import (
    left_to_the_judge,
    loose_validation,
    offline_validation,
    unsettled_passage,
    validation_in,
    validation_statement,
)
from tqrs.rules.glossary import Glossary
from tqrs.rules.line_wrap import unwrapped_opening
from tqrs.rules.literals import any_of
from tqrs.rules.note_parts import desk_text
from tqrs.rules.patterns import Caseless, required_strings, within_lines
from tqrs.rules.registry import Given, defer, result, rule
from tqrs.rules.spelling import known_words
from tqrs.rules.text import (
    affirmed_by_line,
    all_text,
    find_affirmed,
    found_by_line,
    handling_text,
    is_resolved,
    iter_normalised_lines,
    last_memo,
    negated,
    normalise,
    quote,
    text_memo,
    ticket_text,
)

# Security told, in the words of public lost-device and malware procedures (PHRASES.md):
# "notified IT Security", "reported to security", "security incident raised", "SOC".
_SECURITY = (
    r"security (?:team|desk|operations|ops|office|officer|case|analyst)|\bsoc\b|"
    r"(?:raised|opened|logged|created|filed) (?:a |an )?(?:it )?security (?:incident|ticket)|"
    r"security (?:incident|ticket) (?:raised|opened|logged|created|filed|number|ref)|"
    r"infosec|information security|it security|cyber ?security|csirt|cert team|\bsir\d|"
    r"\bcyber (?:team|desk|unit|defen[cs]e|response|ops|operations)\b|\bsecops\b|"
    r"\bciso\b|\bsecurity@|incident response team|\b(?:cirt|sirt|isirt)\b|"
    r"campus (?:safety|security)|"
    r"(?:notified|informed|told|alerted|e-?mailed|called|contacted|reported to|escalated to|"
    r"raised with|sent to|forwarded to|handed (?:over )?to|looped in|paged) (?:the )?(?:it )?"
    r"security\b|"
    r"\bsecurity (?:was |were |has been |have been |is |got )?(?:notified|informed|told|"
    r"alerted|contacted|engaged|looped in|paged|cc'?d|copied|aware)\b"
)


# A device that can be lost or stolen (laptop, phone, tablet; public lost-device procedures
# name notebooks, smartphones, Chromebooks), not a device's driver, list or management.
_DEVICE = (
    r"(?:laptop|notebook|phone|iphone|smartphone|cell ?phone|mobile|device|tablet|ipad|macbook|"
    r"chromebook|handset|handheld|samsung(?: galaxy)?|galaxy|pixel|thinkpad|elitebook|probook|"
    r"surface (?:pro|laptop|go))\b(?! ?(?:drivers?|manager|management|list|settings|name|id|policy|"
    r"compliance|certificate|enrol\w*)\b)"
)
# Where a device is left behind on the way.
# (a name may stand before it: "left at Membury services", "on the 08:15 train"; not a
# docking or charging station)
_PLACE = (
    r"(?!(?:docking|charging|work|base) )(?:[\w'-]+ )?(?:train|bus|taxi|cab|plane|flight|"
    r"airport|station|tube|subway|uber|restaurant|bar|pub|hotel|car park|airplane|services|"
    r"service station|caf[eé]|coffee shop)\b"
)
# "lost" that is not a device gone: a lost connection, lost access, lost files or settings
# (LABELLING.md: a lost Wi-Fi connection is no lost device).
_NOT_A_DEVICE = (
    r"(?! (?:(?:the|my|his|her|its|their|all|a|some|any) ){0,2}(?:connection|connectivity|network|"
    r"signal|wi-?fi|internet|access|data|files?|folders?|settings|icons?|power|sound|audio|"
    r"display|screen|e-?mails?|drive|trust|colou?r|profile|password|vpn|service|"
    # what a device loses, the device its subject ("new phone lost Authenticator", "the
    # tablet lost its apps"): an app, a factor, stored items, its charge
    r"authenticator|okta|mfa|apps?|contacts|photos|messages|texts|battery|charge|pairing|"
    r"its)\b)"
)


# The gap between a word of loss and the device, when the device is only where something
# else is missing or lost ("entries missing on the phone", "files lost from her laptop").
_NOT_WHERE = r"(?:(?!\b(?:on|from|in|off|onto|inside) (?:(?:the|my|his|her|their|its|a|an) )?\w)[^.\n]){0,30}"


@dataclass(frozen=True)
class Process:
    id: str
    title: str
    keywords: tuple[str, ...]  # one of them is in any text `detect` matches: a cheap filter
    detect: re.Pattern
    steps: tuple[tuple[str, re.Pattern], ...]  # (what is required, how it reads)


def _re(pattern: str) -> Caseless:
    return Caseless(pattern)


# "executive" names an executive when nothing or a determiner, possessive or rank stands
# before it ("the chief executive", "our executive", "(executive board member)"); a word of
# a function before it makes it a grade ("an account executive", "a litigation executive",
# "customer service executive": PHRASES.md), whatever the function.
# (read after the word, so that the look back runs only where "executive" stands)
_EXECUTIVE_BEFORE = "|".join(
    [r"(?<![\w'] executive)"]
    + [
        rf"(?<=\b{w} executive)"
        for w in ("the", "a", "an", "our", "their", "his", "her", "its", "your", "my", "chief",
                  "senior", "group", "deputy", "top", "as", "is", "was", "by", "for", "from",
                  "with", "and", "to", "of", "'s")
    ]
)  # fmt: skip
# words that end a noun phrase: a verb, a preposition, a conjunction
_VIP_PERSON_ENDS = (
    r"is|are|was|were|has|have|had|and|or|but|in|on|at|of|for|to|from|with|since|who|whose|"
    r"that|which|so|as|per|cannot|can|could|reports|reported|says|said|called|calls|needs|"
    r"wants|asks|asked|requests|requested|himself|herself|"
    # an auxiliary or a verb of what happens to the person ("the executive will not",
    # "our executive keeps losing Wi-Fi")
    r"will|would|should|must|might|does|did|won't|can't|doesn't|didn't|keeps|kept|gets|got|"
    r"lost|loses|uses|used"
)
_VIP_PERSON = (
    r"(?:caller|callers|user|users|customer|customers|client|clients|member|members|person|"
    r"people|individual|contact|staff|executive|executives|exec|account|flag|flagged|list|"
    r"listed|status|tag|tagged|marker|process|procedure|queue|support|handling|ticket|"
    r"incident|request|priority|sla|tier|escalation|treatment|"
    rf"{_VIP_PERSON_ENDS})"
)
# "executive" names an executive as a noun (its phrase ends after it: "the executive
# cannot", "our executive's laptop") or before a word of rank or of the people around one
# ("executive director", "executive board member", "executive team"); before any other noun
# it is an adjective that names a grade or a thing ("Executive chef", "executive
# housekeeper", "executive assistant", "executive lounge"): LABELLING.md, Logging audit rule
# 12 reads the VIP by role.
_EXECUTIVE_AFTER = (
    r"(?=\s*(?:$|[^\w\s-]|-\s)|'s\b|\u2019s\b|[ -](?:director|directors|officer|officers|"
    r"board|team|committee|leadership|management|vice|vp|president|chair\w*|"
    rf"{_VIP_PERSON})\b)"
)
# "VIP" names a person when it qualifies one or is said of one: "VIP caller", "a VIP.",
# "flagged VIP in the CMDB", "VIP (managing director)", "the VIP's laptop", the VIP flag or
# list; before any other word it describes a place, an event or a thing ("VIP suite", "VIP
# sponsors' reception", "VIP lounge": LABELLING.md, Logging audit rule 12), also with the
# people it is for between ("VIP client room", "VIP customer lounge"), and after a load
# balancer it is a virtual IP.
_VIP_PLACE = (
    r"(?![ -](?:rooms?|lounges?|suites?|areas?|entrance|parking|car park|boxe?s?|"
    r"events?|evenings?|reception|seating)\b)"
)
_VIP = (
    r"\bvip\b(?<!balancer vip)(?<!\blb vip)(?<!\bf5 vip)(?<!virtual vip)(?<!floating vip)"
    rf"(?=\s*(?:$|[^\w\s-]|-\s)|[ -]{_VIP_PERSON}\b{_VIP_PLACE})"
)


# Malware named as such, adware and spyware included (kb.wisc.edu 8773 treats spyware/adware
# as malware; PHRASES.md); a phishing report alone is not malware until the text says so.
_MALWARE_KEYWORDS = ("virus", "malware", "ransomware", "trojan", "worm", "infect", "adware",
                     "spyware", "botnet", "keylogger", "rootkit", "cryptominer", "cryptolocker",
                     "wannacry", "emotet", "locky", "ryuk", "qakbot", "trickbot",
                     "flashback", "hijack", "pua", "potentially unwanted", "miner",
                     "cryptojack")  # fmt: skip
# A virus or an infection of living things is no malware (LABELLING.md, Logging audit rule
# 10: "any real infection" of a device): a disease's virus, a lab's virus stocks or samples,
# a hospital's infection control, infected cells or patients (bsl3.com "Storage and
# Transport of Infected Material": infected cells in freezing vials; globe-medical.com:
# virus strains stored in tubes).
_LIVING = "".join(
    rf"(?<!{w} )"
    for w in ("influenza", "flu", "corona", "covid", "covid-19", "sars", "hiv", "herpes",
              "hepatitis", "measles", "mumps", "rabies", "zika", "ebola", "polio", "dengue",
              "lab", "live", "plant", "animal", "bird", "swine", "avian", "stomach", "tummy",
              "gastro", "vomiting", "winter", "cold", "chest", "respiratory")
)  # fmt: skip
_LIVING_AFTER = (
    r"(?:stocks?|samples?|strains?|cultures?|vials?|isolates?|specimens?|particles?|vectors?|"
    r"vaccines?|assays?|control|prevention|experiments?|studies|study|rates?|ward|clinic|"
    r"nurse|team|cells?|mice|animals?|patients?|tissues?|wounds?|model|"
    # a virus a laboratory tests for ("ISA virus PCR results", "virus test results"): an
    # antivirus scans for malware, it does not test or run a PCR for it
    r"tests?|testing|pcr|results?|screening|titres?|titers?)"
)
_MALWARE = (
    rf"(?<!anti-)(?<!anti ){_LIVING}\bvirus(?:es)?\b(?! {_LIVING_AFTER}\b)"
    # a virus going round people is an illness ("a stomach virus is going round the squad")
    r"(?! (?:is |has been |was )?(?:going|doing|been going) (?:a)?round\b)|malware|"
    rf"ransomware|trojan|\bworm\b|infected(?! {_LIVING_AFTER}\b)|"
    rf"infection(?! {_LIVING_AFTER}\b)|"
    r"adware|spyware|browser hijack\w*|hijacker|\bpua\b|\bpup\b|potentially unwanted|"
    r"botnet|keylogger|rootkit|cryptominer|(?:coin|crypto|bitcoin|monero)[- ]?min(?:er|ing)|"
    r"\bminer (?:process|software|malware)|cryptojack\w*|"
    # families named in alerts and reports (a real Duke ticket: "OSX malware -- Flashback")
    r"\b(?:cryptolocker|wannacry|emotet|locky|ryuk|qakbot|trickbot|flashback)\b"
)


# Isolation of the device, not Defender quarantining files ("4 items quarantined") nor
# isolating the cause of a fault ("isolated the issue to the driver").
_ISOLATED = (
    r"isolat\w*(?! (?:the |this )?(?:issue|problem|cause|fault|error)\b)|"
    r"quarantin\w* (?:the )?(?:device|laptop|pc|machine|host|computer|endpoint)|"
    # a NAC quarantine network or VLAN (cenedril.net "Quarantine VLAN"; NAC places an
    # infected device on a quarantine network)
    r"quarantine (?:vlan|network|segment)|\bnac\b[^.\n]{0,30}quarantin|"
    r"(?:device|laptop|pc|machine|host|computer|endpoint) (?:was |is |has been )?quarantined"
)


PASSWORD_RESET = Process(
    "password_reset",
    "password reset / account unlock",
    # "expired password" holds "password", "acct blocked" "lock"
    ("password", "lock", "credential", "suspend"),
    _re(
        # an account locked or a password forgotten or expired, by its parts (access_parts)
        rf"{access_parts.STATE}|"
        r"password reset|reset (?:[\w'-]+ ){0,2}password|forgot(?:ten)? (?:[\w'-]+ ){0,2}password|"
        r"password (?:has |was |needs (?:to be )?|needs a )?(?:reset|expired)|expired password|"
        r"account (?:(?!not\b|never\b)[\w'-]+ ){0,2}locked|locked (?:\w+ )?out\b|lock-?out\b|"
        r"locking (?:\w+ )?out\b|unlock(?:ed)? (?:[\w'-]+ ){0,2}(?:account|login|user|profile)|"
        r"\blocked (?:[\w'-]+ )?account\b|"
        r"(?:cannot|can not|could not|does not|did not) remember (?:[\w'-]+ ){0,2}password|"
        r"(?:account|login) (?:[\w'-]+ )?unlock"
    ),
    (),
)
PROCESSES = (
    PASSWORD_RESET,
    Process(
        "lost_device",
        "lost or stolen device",
        ("lost", "stolen", "theft", "missing", "misplaced", "loss", "left"),
        _re(
            rf"\b(?:lost|stolen|theft of|missing|misplaced)\b{_NOT_A_DEVICE}{_NOT_WHERE}"
            rf"\b{_DEVICE}|\b{_DEVICE}(?: -)? (?:was |has been |got |is |went )?(?:lost|stolen|missing|"
            rf"misplaced)\b{_NOT_A_DEVICE}|\bloss of (?:[\w'-]+ ){{0,2}}{_DEVICE}|"
            # left behind on the way (comparethecloud.net: last seen in the car, a meeting
            # room; serenoit.co.uk: laptops taken in bars after work)
            rf"\b{_DEVICE} (?:was |got )?left (?:behind )?(?:on|in|at) (?:the |a |an )?{_PLACE}|"
            rf"\bleft (?:my |his |her |their |the |a )?(?:[\w'-]+ )?{_DEVICE} "
            rf"(?:behind )?(?:on|in|at) (?:the |a |an )?{_PLACE}"
        ),
        (
            ("Security notified", _re(rf"(?:{_SECURITY})")),
            (
                "device locked or wiped",
                _re(
                    r"\bwip(?:e|ed|ing)\b|remote(?:ly)? lock|"
                    r"device (?:is |was )?locked|\block(?:ed)? the (?:device|laptop|phone)|"
                    # a lock sent from the management console (comparethecloud.net: Intune,
                    # Find My, Jamf/MDM remote lock)
                    r"\block(?:ed)? (?!out\b)(?:[\w'-]+ ){0,3}remotely\b|"
                    r"\block(?:ed)? (?:[\w'-]+ ){0,3}(?:via|in|through|from|using) "
                    r"(?:intune|endpoint manager|mdm|jamf|airwatch|workspace one|find my|"
                    r"absolute|google admin|soti|mobicontrol|maas360|knox|mobileiron|ivanti|"
                    r"hexnode|kandji|meraki)|"
                    r"(?:intune|mdm|jamf|airwatch|soti|mobicontrol|find my \w+)[^.\n]{0,30}"
                    r"\block\b|"
                    r"lost mode|\bretired?\b|remote(?:ly)? erase|\berased?\b|find my|"
                    r"factory reset (?:sent|issued|queued|pending|command|via|from|remotely)|"
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
            "vp of",
            "vp for",
            " vp ",
            " vp,",
            " vp.",
            "c-suite",
            "c-level",
            "chief",
            "chancellor",
            "partner",
            " md",
        ),
        _re(
            rf"{_VIP}|\bexecutive\b(?:{_EXECUTIVE_BEFORE}){_EXECUTIVE_AFTER}|"
            r"\b(?:ceo|cfo|cio|coo|cto|ciso|svp|evp)\b|board member|"
            r"\bvp (?:of|for)\b|\b(?:the|our|a|their) vp\b|"
            r"managing director|\b(?:vice )?president\b|\bchair(?:man|woman|person)\b|"
            r"\bdirector[- ]general\b|\b(?:our|the|group) md(?:'s)?\b(?!\.)|"
            r"\bc-(?:suite|level)\b|\bchief \w+ officer\b|"
            # the head of a university, a firm's partners at its head, a non-executive
            # director, the chair of a board (LABELLING.md, Logging audit rule 12)
            r"\b(?:vice[- ])?chancellor\b|\b(?:managing|senior) partner\b|"
            r"\bchair of (?:the )?(?:[a-z][\w-]* )?(?:board|trust|trustees|council|governors|"
            r"directors)\b|\bboard chair\b"
        ),
        (
            (
                "VIP priority or escalation",
                _re(
                    # who the caller is (a VIP list, flag or tag) is no step taken for him
                    # (LABELLING.md 16_*: "VIP flag on caller record noted" is -35)
                    r"escalat|vip (?:queue|support|desk|team|process|procedure|handling|sla|"
                    r"tier)|exec(?:utive)? support|"
                    r"priority (?:raised|increased|set|changed|bumped|upgraded|boosted) to "
                    r"(?:p?[12]|high|critical|urgent)|"
                    r"(?:raised|set|increased|bumped) (?:the )?priority|\bp[12]\b|"
                    r"(?:raised|upgraded|bumped|increased|moved|set) (?:it |the ticket )?to "
                    r"(?:priority [12]|high|critical)\b|"
                    r"exec(?:utive)? (?:services|it|desk|care|concierge)\b|"
                    r"(?:handled|treated) under (?:a |the )?vip|"
                    r"white[- ]glove|expedited|prioriti[sz]ed|fast[- ]track"
                ),
            ),
        ),
    ),
    Process(
        "malware",
        "virus or malware",
        _MALWARE_KEYWORDS + ("phishing", "suspicious", "spoofed", "fraudulent"),
        # the company's own phishing simulation or test is no phishing (LABELLING.md)
        _re(
            rf"{_MALWARE}|(?<!simulated )phishing(?![- ](?:simulation|test|exercise|training|"
            r"awareness|drill|campaign)\b)|"
            # a phishing mail in other words (audit rule 11: "a phishing mail reported"), read
            # as a phishing report: a security incident unless the mail is found genuine
            r"\b(?:suspicious|spoofed|fraudulent) (?:looking )?(?:e-?mails?|mails?|messages?|"
            r"links?|texts?|sms|attachments?)\b"
        ),
        (
            ("Security notified", _re(rf"(?:{_SECURITY})")),
            (
                "device isolated",
                _re(
                    rf"{_ISOLATED}|disconnect(?:ed)? (?:[\w'-]+ ){{0,3}}from (?:the )?"
                    r"(?:network|wi-?fi|internet|lan|ethernet|wireless|vpn)|unplugged|"
                    r"off the (?:network|wi-?fi|internet|lan)|"
                    r"(?:pulled|removed|unplug) (?:the )?(?:network |ethernet |lan )?cable|"
                    r"cable out|disabled (?:the )?(?:wi-?fi|network adapter|nic)|"
                    r"contain(?:ed|ment)|(?:switch|switched|turn|turned) (?:off )?(?:the )?"
                    r"wi-?fi(?: off)?|(?:wireless|network|wi-?fi|port) (?:access )?"
                    r"(?:disabled|blocked|shut)|blocked from the (?:wireless|network)|"
                    r"cut off (?:from )?the (?:wireless|network)|no network|"
                    r"(?:removed|taken|pulled|kicked) (?:[\w'-]+ ){0,2}(?:from|off) (?:the )?"
                    r"(?:network|lan|wi-?fi|wireless)|"
                    r"blocked (?:the )?(?:host|device|pc|laptop|machine|endpoint)\b[^.\n]{0,30}"
                    r"\b(?:switch|port|firewall|network|nac)\b|"
                    r"shut (?:down|off) the (?:\w+ )?network connection"
                ),
            ),
        ),
    ),
    Process(
        "data_privacy",
        "data privacy or security incident",
        (
            "data",
            "pii",
            "gdpr",
            "wrong",
            "unauthori",
            "security incident",
            "bcc",
            "misdirected",
            "phi",
            "health information",
            "breach",
            "compromis",
            "payslip",
            "pay slip",
            "salar",
            "records",
            "personnel file",
            "hacked",
            "takeover",
            "unencrypted",
            "usb",
            "memory stick",
            "flash drive",
            "exposed",
            "leaked",
            "impersonat",
            "claiming",
            "claimed",
            "pretend",
            "posing",
            "posed",
            "scam",
            "fraudster",
            "vishing",
            "smishing",
            "fake",
            "posted",
            "pasted",
            "published",
            "someone",
            "somebody",
            "attacker",
            "hacker",
            "suspicious",
            "unknown sign",
            "unknown log",
            "impossible travel",
            "forwarding rule",
            "inbox rule",
            "fatigue",
            "bombing",
            "unrequested",
            "unsolicited",
            "did not",
            "business e",
            "fraud",
            "diversion",
            "committed",
            "pushed",
            *(
                f"{verb} {who} "
                for verb in ("saying", "said", "says")
                for who in ("he", "she", "they")
            ),
            "told her",
            "told him",
            "told them",
            "told me",
            "gave ",
            "spam",
        ),
        _re(
            r"data (?:breach|leak|privacy|exposure|protection)|personal data|\bpii\b|\bgdpr\b|"
            # personal records open to everyone (d3rx.com: unauthorized access to records)
            r"\b(?:payslips?|pay slips?|salar(?:y|ies)|hr records?|personnel files?|"
            r"medical records?|patient records?|health records?)\b[^.\n]{0,60}\b(?:visible|"
            r"readable|accessible|exposed|open|available) (?:to|by|for) (?:all|everyone|everybody|"
            r"every|anyone|the whole)\b|"
            r"unauthori[sz]ed access|security incident|"
            # the recipients' addresses in the open line ("every address in the CC line
            # instead of BCC", "in the To box, not Bcc")
            # (the header named with its colon too: "in the To: line instead of Bcc")
            r"\b(?:cc|to)\b:? (?:field |line |box )?(?:instead of|rather than|not) (?:the )?\bbcc\b|"
            r"protected health information|privacy (?:breach|incident)|"
            r"\b(?:sent|e-?mailed|faxed|disclosed|exposed|shared|leaked) (?:[\w'-]+ ){0,3}phi\b(?!-)|"
            r"\bphi (?:was |were )?(?:sent|e-?mailed|faxed|disclosed|exposed|shared|leaked)|"
            # a compromised account or exposed credentials (nfpstack.com: the Account
            # Compromise playbook, credentials stolen rather than the device)
            r"\bcompromised (?:account|mailbox|credentials?|password|user)|"
            r"\b(?:account|mailbox|credentials?|password)s? (?:was |were |has been |have been |is |"
            r"are |got )?(?:compromised|hacked|exposed|leaked)\b|account takeover|"
            # lost unencrypted or removable media (d3rx.com: lost or stolen device containing
            # unencrypted PHI is a breach)
            r"\b(?:lost|stolen|misplaced)\b[^.\n]{0,40}\bunencrypted\b|"
            r"\bunencrypted\b[^.\n]{0,60}\b(?:lost|stolen|misplaced)\b|"
            r"\b(?:lost|stolen|misplaced) (?:[\w'-]+ ){0,3}(?:usb (?:stick|drive|key)|memory stick|"
            r"flash drive|thumb drive|external (?:hard )?drive)|"
            # impersonation, a scammer's session, credentials given to a fake page or posted
            # where others read them (LABELLING.md, Logging audit rule 11)
            r"\bimpersonat\w*|\b(?:claim(?:ing|ed)|pretend(?:ing|ed)|pos(?:ing|ed)) "
            r"(?:to be |as )(?:from |the |a |an |our |his |her )|"
            r"\bscam(?:mer|mers|med)?\b|\bfraudsters?\b|\bvishing\b|\bsmishing\b|"
            r"\bfake (?:[\w'-]+ )?(?:log-?in|sign-?in|password|microsoft|office 365|m365|okta) "
            r"(?:page|site|screen|form|prompt)|"
            r"\b(?:entered|typed|gave|submitted|put) (?:[\w'-]+ ){0,3}(?:password|credentials|"
            r"login details) (?:into|on|in|to) (?:a |an |the )?(?:fake|spoofed|bogus|fraudulent|"
            # the company's own phishing exercise is no phishing (as the malware reading)
            r"phishing(?![- ](?:simulation|test|exercise|training|awareness|drill|campaign)\b))|"
            # the fake mail or page first, the credentials typed after it in the sentence
            # ("clicked a link in a fake Microsoft e-mail and typed in her password")
            r"\b(?:fake|spoofed|bogus|fraudulent|phishing(?![- ](?:simulation|test|exercise|"
            r"training|awareness|drill|campaign)\b))\b[^.\n]{0,80}\b(?:entered|typed|gave|"
            r"submitted|put) (?:in |into it |there )?(?:(?:her|his|their|my|the|our) )?"
            r"(?:[\w'-]+ )?(?:password|credentials|log-?in details|sign-?in details)\b|"
            r"\b(?:password|credentials?|api key|secret)s? (?:[\w'-]+ ){0,3}(?:posted|pasted|"
            r"shared|published) (?:[\w'-]+ ){0,3}(?:in|to|on) (?:a |the |our )?(?:teams|slack|"
            r"chat|channel|public|github|group|forum)|"
            # the verb first ("posted the service account password in the Teams channel",
            # "pushed an API key to a public GitHub repo")
            r"\b(?:posted|pasted|shared|published|committed|pushed|leaked) (?:[\w'-]+ ){0,4}"
            r"(?:password|credentials?|api key|secret|token)s? (?:[\w'-]+ ){0,3}(?:in|to|on|into) "
            r"(?:a |an |the |our |his |her |their )?(?:[\w'-]+ )?(?:teams|slack|chat|channel|"
            r"public|github|gitlab|group|forum|repo\w*)\b|"
            # an account taken over: someone else signed in, a rule that sends mail out
            # (nfpstack.com Account Compromise playbook; Microsoft's "suspicious inbox
            # forwarding rules" and "impossible travel" sign-in alerts)
            r"\b(?:someone|somebody|an? (?:attacker|hacker|unknown (?:person|party|user))|hackers?|"
            r"attackers?) (?:else )?(?:has |had |have )?(?:signed|logged|got) (?:in|into|on)\b|"
            r"\b(?:suspicious|unknown|unrecogni[sz]ed|foreign) (?:sign-?ins?|log-?ins?|logons?)\b|"
            r"\bimpossible travel\b|"
            # a caller who said he was from IT, the password or code given to him, an
            # account sending spam its owner did not send (Microsoft's "compromised account"
            # signs: unusual sending, spam from the mailbox)
            r"\b(?:saying|said|says|told (?:her|him|them|me)) (?:he|she|they) (?:was|were|is|are|"
            r"worked|works) (?:from|with|for|in) (?:the |our )?\w|"
            r"\bgave (?:[\w'-]+ ){0,2}(?:her|his|their|the|a|my) (?:password|credentials|mfa code|"
            r"(?:one-time |verification |sign-?in )?code)\b|"
            r"\b(?:account|mailbox) (?:has |had |was |is )?(?:sent|sending|sends) (?:[\w'-]+ ){0,3}"
            r"(?:spam|phishing|junk)|"
            r"\b(?:forwarding|inbox|mailbox|mail flow) rules? (?:[\w'-]+ ){0,6}(?:outside|external|"
            r"unknown|gmail|hotmail|yahoo|proton\w*)|"
            # someone else holding the password: MFA prompts the user did not start (Microsoft's
            # "MFA fatigue" attack), and a business e-mail compromise or payment diversion
            r"\bmfa fatigue\b|\bpush (?:bombing|spam|fatigue)\b|"
            r"\b(?:unrequested|unsolicited) (?:mfa|duo|okta|authenticator|push|sign-?in) "
            r"(?:prompts?|requests?|notifications?|pushes|approvals?)\b|"
            r"\b(?:mfa|duo|okta|authenticator|push) (?:prompts?|requests?|notifications?|pushes) "
            r"(?:[\w'-]+ ){0,3}(?:she|he|they|user|caller|i|we) (?:did not|never) (?:start|request|"
            r"initiate|trigger|make|expect)|"
            r"\bbusiness e-?mail compromise\b|\b(?:invoice|mandate|ceo|payment diversion) fraud\b|"
            r"\bpayment diversion\b"
        ),
        (
            (
                "Security or Privacy Office notified",
                _re(
                    rf"(?:{_SECURITY})|privacy (?:office|team|officer|lead)|\bdpo\b|"
                    r"data protection (?:officer|office|team|lead)|\bprivacy@|"
                    r"compliance (?:office|officer|team)|information governance|"
                    r"\big (?:team|lead|office|officer|manager)\b|caldicott|"
                    r"(?:logged|raised|opened|filed|reported) (?:a |an |it as a |as a )?(?:privacy|"
                    r"data protection|data breach|information governance|ig) (?:incident|report|"
                    r"case|breach)|"
                    r"(?:privacy|data protection|data breach) (?:incident|report|case) (?:was )?"
                    r"(?:logged|raised|opened|filed)"
                ),
            ),
        ),
    ),
    Process(
        "major_incident",
        "major incident",
        (
            "major incident",
            "mi declared",
            "outage",
            "sev",
            "failure",
            "disruption",
            "all users",
            "all staff",
            "all sites",
            "all of",
            "everyone",
            "everybody",
            "whole",
            "entire",
            "every user",
            "every site",
            "every office",
        ),
        _re(
            r"major incident|\bmi declared|"
            r"(?:site|campus|company|org|organi[sz]ation|enterprise|building|region|global|"
            r"nation|world)[- ]?wide (?:[\w'-]+ ){0,2}(?:outage|failure|disruption)|widespread outage|"
            r"(?:outage|failure|disruption) (?:affecting|impacting|across|for) (?:all|"
            r"multiple|many|every|the whole|the entire)|"
            r"\bsev(?:erity)?[- ]?1\b[^.\n]{0,15}\bdeclared\b|major outage"
        ),
        # both the manager and the bridge (LABELLING.md: "MIM/incident manager and a bridge";
        # docs.digitalkimya.net: bridge line open and Major Incident Manager assigned)
        (
            (
                "major incident manager engaged",
                _re(
                    r"major incident (?:manager|management|process|team)|\bmim\b|"
                    r"incident (?:manager|commander)|crisis team"
                ),
            ),
            (
                "bridge opened",
                _re(r"\bbridge\b|war[- ]?room|crisis call|conference call"),
            ),
        ),
    ),
)


DATA_PRIVACY = next(p for p in PROCESSES if p.id == "data_privacy")
MAJOR_INCIDENT = next(p for p in PROCESSES if p.id == "major_incident")
VIP = next(p for p in PROCESSES if p.id == "vip")
# A phishing report read as a security incident (offline): Security must be told.
SECURITY_INCIDENT = Process(
    "data_privacy", "security incident (phishing report)", (), DATA_PRIVACY.detect,
    DATA_PRIVACY.steps[:1],
)  # fmt: skip


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
    # the description's sentences read whole where it is wrapped at a fixed width
    # (tqrs.rules.line_wrap): a scope on one line and its outage on the next are one sentence
    written = unwrapped_opening(ticket)
    opening = normalise(f"{written}\n{ticket.category} {ticket.subcategory}")
    return [
        (process, m)
        for process, m in _processes_in(opening, proper_names(written))
        if enabled is None or process_id(process, m) in enabled
    ]


# A proper name the opening writes as one (a product range, a ride, a venue): capitalised
# words in quotes with a possessive before a capitalised head ("the "Chairman's Reserve"
# casks": a thing named for someone; a quoted message such as "Virus Detected" has no such
# head), or capitalised words after a capital "The" inside a sentence ("the queue line of
# The Trojan"). A process's word inside such a name names the thing, not the person or the
# malware (the chairman's own device, a trojan on a PC), wherever the opening writes it.
_QUOTED_NAME = re.compile(
    r"[\"\u201c]((?:[A-Z][\w-]* )*[A-Z][\w-]*(?:'|\u2019)s(?: [A-Z][\w'\u2019-]*)+)[\"\u201d]"
)
_THE_NAME = re.compile(r"(?<=[a-z0-9,;] )The((?: [A-Z][\w'\u2019-]*)+)")
_POSSESSIVE_END = re.compile(r"(?:'|\u2019)s$")


def proper_names(written: str) -> tuple[str, ...]:
    """The proper names (_QUOTED_NAME, _THE_NAME) of the opening as `written`, in lower case
    without a closing possessive, as normalise writes them."""
    if '"' not in written and "\u201c" not in written and "The " not in written:
        return ()
    names = [m[1] for m in _QUOTED_NAME.finditer(written)]
    names += [f"The{m[1]}" for m in _THE_NAME.finditer(written)]
    return tuple(dict.fromkeys(normalise(_POSSESSIVE_END.sub("", n.strip())) for n in names))


def _in_a_name(m: re.Match, names: tuple[str, ...]) -> bool:
    """Whether the match `m` of a normalised opening stands inside one of the proper `names`,
    or stands on the category line (the opening's last) of an opening whose every other
    match of the same pattern does: a category chosen from the name's word."""
    if not names:
        return False
    text = m.string

    def named(start: int, end: int) -> bool:
        return any(
            n.start() <= start and end <= n.end()
            for name in names
            for n in re.finditer(rf"\b{re.escape(name)}\b", text)
        )

    if named(m.start(), m.end()):
        return True
    line = text.rfind("\n", 0, m.start()) + 1
    if line == 0 or "\n" in text[m.end() :]:
        return False
    above = list(m.re.finditer(text, 0, line))
    return bool(above) and all(named(a.start(), a.end()) for a in above)


@text_memo  # the same opening comes back in many tickets (a symptom, a request as written)
def _processes_in(opening: str, names: tuple[str, ...] = ()) -> list[tuple[Process, re.Match]]:
    """Every process the normalised `opening` shows, with the phrase that shows it, none
    inside one of its proper `names` (proper_names); a service written as down for a whole
    site or many people is a major incident though the opening does not declare one
    (service_outage)."""
    found = []
    cued = _cued(opening)
    for i, process in enumerate(PROCESSES):
        if i in cued and (i not in _READ_BY_LINE or found_by_line(process.detect, opening)):
            m = next(
                (
                    m
                    for m in process.detect.finditer(opening)
                    if not _in_a_name(m, names)
                    and not _elsewhere(m)
                    and not (process.id in _CLAIMED and _said(m))
                    and not (process.id == "malware" and _an_illness(m))
                    and not _in_mail_footer(m)
                    and not (process is DATA_PRIVACY and _record_upkeep(m))
                ),
                None,
            )
            if m:
                found.append((process, m))
    if (
        all(p is not MAJOR_INCIDENT for p, _ in found)
        and (m := service_outage(outage_read(opening)))
        and not _said(m)
    ):
        found.append((MAJOR_INCIDENT, m))
    if all(p is not DATA_PRIVACY for p, _ in found) and (
        (m := data_disclosed(opening)) or (m := misaddressed(opening))
    ):
        found.append((DATA_PRIVACY, m))
    return found


def _cued(opening: str) -> frozenset[int]:
    """Where in PROCESSES are the processes one of whose keywords the normalised `opening`
    holds (the test _processes_in makes before a process's pattern runs), read line by
    line, each line's answer remembered: a keyword holds no line break, so it is in the text
    when it is in one of its lines, and the short description, the description and the
    category line of a ticket come back in others far more often than the three together."""
    if "\n" not in opening:
        return _cued_in_line(opening)
    return frozenset().union(*map(_cued_in_line, opening.split("\n")))


@text_memo  # a line of an opening, remembered
def _cued_in_line(line: str) -> frozenset[int]:
    # one scan for all the cue words first: most lines hold none (tqrs.rules.literals)
    if not _ANY_CUE.search(line):
        return frozenset()
    return frozenset(i for i, cue in enumerate(_CUES) if cue.search(line))


_CUES = tuple(any_of(p.keywords) for p in PROCESSES)  # a process's keywords, one pattern
# The processes whose pattern cannot match a line break (patterns.within_lines): it matches
# in an opening exactly when it matches in one of its lines, each line's answer remembered
# (text.found_by_line), so that a line met again in other tickets (a form's template, a
# symptom as written) is not searched again; the whole opening is searched only where a line
# holds a match. On real exports most cued openings hold none, and the patterns' search of
# whole openings was a third of the rule's time (Hitachi: ~950 us a ticket).
_READ_BY_LINE = frozenset(i for i, p in enumerate(PROCESSES) if within_lines(p.detect.pattern))
_ANY_CUE = any_of(k for p in PROCESSES for k in p.keywords)


assert not any("\n" in k for p in PROCESSES for k in p.keywords)  # _cued reads by line


# Something sent to the wrong recipient (a misdirected mail or fax): a privacy incident only
# when what was sent holds personal or confidential data (LABELLING.md, Logging audit rule
# 11: personal data sent outside its audience; a team lunch invite sent to the wrong
# distribution list is no privacy incident).
_MISADDRESSED = _re(
    # what was sent told at any length, asides between commas included ("sent the report,
    # with the pupils' marks and notes, to the wrong parent"), where no other destination
    # ("to ...") stands between the verb and the wrong one
    # (any word or sign short of a sentence's end, "&" too, apart by any run of spaces:
    # shorthand spelled out leaves two, "w/ his" -> "with  his")
    r"(?:sent|emailed|e-mailed|faxed|shared|forwarded|printed) (?:(?!to\b)[^\s.;!?]+\s+){0,24}?to "
    r"(?:the |a |an )?wrong|misdirected (?:e-?mail|fax|letter|post)"
)
_SENSITIVE = _re(
    r"\b(?:personal|confidential|sensitive|private|privileged|names?|addresses|"
    r"dates? of birth|bank|salar(?:y|ies)|pay ?slips?|payroll|patients?|diagnos\w*|medical|"
    r"health|clinical|x-?rays?|referrals?|scans?|test results|cctv|footage|recordings?|"
    r"passports?|card (?:numbers|details)|account (?:numbers|details)|remittance|invoices?|"
    r"contracts?|legal|disciplinary|grievance|case (?:notes|files?)|hr|residents?|customers?'|"
    r"clients?'|pii|phi|gdpr|records)\b"
)


def misaddressed(opening: str) -> re.Match | None:
    """The phrase of the normalised `opening` that writes something sent to the wrong
    recipient, when the opening names personal or confidential data (not negated); else
    None."""
    if "wrong" not in opening and "misdirected" not in opening:
        return None
    m = _MISADDRESSED.search(opening)
    if m is None or _elsewhere(m) or not find_affirmed(_SENSITIVE, opening):
        return None
    return m


# Personal data sent, shown or lost outside its audience (LABELLING.md, Logging audit rule
# 11), read as structure in one sentence: personal data, a verb that moves or shows it, and
# an audience it was not meant for (a wrong or outside recipient, a personal mailbox, the
# public) or a mistake.
_PERSONAL_DATA = _re(
    r"\b(?:personal (?:data|details|information)|bank (?:details|statements?|account details)|"
    r"(?:customer|client|patient|staff|employee|member|student|pupil|tenant)s?'? (?:data|details|"
    r"records|list|addresses|files|letters|notes|information)|salar(?:y|ies)|payslips?|"
    r"pay slips?|payroll (?:data|file|export|spreadsheet|sheet|workbook|list|report)s?|(?:hr|medical|health|personnel|clinical) (?:records?|"
    r"files?|data|forms?|questionnaires?|history|histories|reports?|results?|notes|details|"
    r"information)|national insurance|\bssns?\b|social security|"
    r"dates? of birth|home addresses|benefit claims|\bpii\b|"
    # a list of the medicines someone takes is health data ("saw another donor's medication
    # list")
    r"medications? (?:lists?|history|histories|records?|charts?|details)|"
    # the account, bill or record of a person other than the one shown it, read by its
    # owner: another (or the wrong) person, or the cabin, room or flat standing for who lives
    # in it ("sees another cabin's bill", "the wrong patient's results"); another firm's
    # or team's invoice is no person's record
    r"(?:another|wrong|a different) (?:[\w-]+ )?(?:person|people|guest|customer|"
    r"client|patient|donor|member|student|pupil|tenant|resident|passenger|user|employee|"
    r"colleague|caller|account holder|policyholder|cardholder|child|parent|cabin|room|flat|"
    r"apartment|household|family)'s? (?:[\w-]+ ){0,2}(?:bills?|folios?|invoices?|statements?|"
    r"bookings?|orders?|prescriptions?|results?|history|histories|accounts?|profiles?|"
    r"details|records?|data|information|messages|documents)|"
    # an identity document copied, one or many ("a visitor's passport scan", "a scanned
    # passport", "copies of their driving licences")
    r"(?:passport|driving licen[cs]e|id card|identity card) (?:numbers?|scans?|copy|copies|"
    r"photos?)|(?:scanned|copied|photocopied|photographed) (?:[\w-]+ )?(?:passports?|"
    r"driving licen[cs]es?|id cards?|identity cards?)|"
    # a person's own record told by its fields: a home address, a bank's sort code, a card's
    # number or its last digits, people listed "with (their) names, addresses"
    r"home (?:[\w-]+ )?address|(?:bank )?sort codes?|(?:bank|card) account numbers?|"
    r"card (?:numbers?|digits)|digits of (?:his|her|their|the|a) (?:[\w-]+ )?card|"
    r"(?:customers|clients|patients|staff|employees|members|students|pupils|tenants|donors|"
    r"applicants|residents) (?:with|and) (?:their )?(?:names|addresses|dates of birth)|"
    # the other order: "the list of customers with their addresses", "salaries of all staff"
    r"(?:lists?|files?|spreadsheets?|exports?|database|details|records|data|addresses|names|"
    r"salar(?:y|ies)|payslips?) of (?:our |the |all |all the |their )?(?:[\w'-]+ )?(?:customers|"
    r"clients|patients|staff|employees|members|students|pupils|tenants|participants|donors|"
    r"applicants|candidates|volunteers|residents))"
)
_DISCLOSED = re.compile(
    r"\b(?:sent|e-?mailed|shared|forwarded|auto-?forward\w*|posted|faxed|disclosed|exposed|"
    r"leaked|uploaded|misfiled|published|visible|readable|accessible|copied|attached|saved|"
    r"stored|left|found|(?:can|could) (?:open|see|read|view|access)|sees?|seeing|saw|seen|"
    r"shows?|shown|showing|displays?|displayed|downloaded|opens?|opened|opening)\b"
)
_OUTSIDE = re.compile(
    r"\b(?:wrong (?:person|recipient|address|customer|client|patient|supplier|company|e-?mail|"
    r"contact|distribution list)|outside|external|third[- ]party|another (?:company|customer|"
    r"client|firm|patient|organi[sz]ation)|personal (?:gmail|hotmail|e-?mail|account|address|"
    r"mailbox)|gmail|hotmail|yahoo|public(?:ly)?|by mistake|in error|accidentally|mistakenly|"
    r"unauthori[sz]ed|everyone|all staff|whole company|anyone with the link|anonymous(?:ly)?|"
    # another person's record shown to a user ("sees another driver's address", "a
    # stranger's card digits")
    r"another [\w-]+'s|(?:a|the) stranger'?s?|wrong [\w-]+'s|"
    # a previous user's record left for the next ("a previous visitor's scanned passport")
    r"(?:a|the) (?:previous|former|earlier|last) [\w-]+'s|"
    # another firm named by its role: a subcontractor or supplier is outside the audience of
    # the staff's own records ("medical results sent to the subcontractor")
    r"to (?:the |a |an |our |their )?(?:[\w-]+ ){0,2}(?:sub-?contractors?|suppliers?|vendors?))\b"
)


# What every _OUTSIDE match holds, found before any pattern runs (derived from the pattern,
# so a word added to it is never missed by the check).
_OUTSIDE_WORDS = any_of(required_strings(_OUTSIDE.pattern))


def data_disclosed(opening: str) -> re.Match | None:
    """The personal data of a sentence of the normalised `opening` that writes it sent or
    shown outside its audience, or None."""
    if not _OUTSIDE_WORDS.search(opening) or not _PERSONAL_DATA.search(opening):
        return None
    for s in _OUTAGE_SENTENCES.finditer(opening):
        start, end = s.span()
        m = _PERSONAL_DATA.search(opening, start, end)
        if (
            m
            and _DISCLOSED.search(opening, start, end)
            and _OUTSIDE.search(opening, start, end)
            and not _OWN_SEEN.search(opening[start : m.start()])
        ):
            return m
    return None


# The writer's own record seen by the writer ("I can see all my payslips up to October,
# not November, which everyone else got"): no audience outside its owner.
_OWN_SEEN = re.compile(
    r"\b(?:i|we) (?:can |could )?(?:see|open|view|read|access) (?:[\w-]+ ){0,2}?(?:my|our) "
    r"(?:own )?(?:[\w-]+ )?$"
)


# A major incident by what the opening documents (LABELLING.md, Logging audit rule 13): a
# service down (not slow) for a whole site, for many people (several dozen), or for all the
# customers of a service. Read as structure in one sentence: a word of a service down and
# the scope of who or where is without it, the scope of people being the subject of the
# failure ("about 300 customer integrations cannot pull ...", "unavailable for all 60
# billing staff") rather than a count met elsewhere in the sentence. Not one device (a
# printer, a room, a reader), not a team (of about ten or fewer).
_PEOPLE = (
    r"(?:users?|staff|students?|customers?|people|employees?|colleagues?|agents?|members?|"
    r"clients?|patients?|passengers?|guests?|nurses?|doctors?|clinicians?|pupils?|residents?|"
    r"callers?|subscribers?|tenants?|shoppers?|customer [a-z]+|viewers?|listeners?|drivers?|"
    r"riders?|travell?ers?|visitors?|learners?|households?|homes?|members of the public|"
    r"spectators|supporters|delegates|attendees|ticket holders)"
)
_SITE = (
    r"(?:sites?|buildings?|campus(?:es)?|offices?|branch(?:es)?|stores?|shops?|hospitals?|"
    r"library|libraries|warehouses?|depots?|plants?|factory|factories|floors|company|"
    r"organi[sz]ation|hq|headquarters|schools?|locations?|hotels?|stadium|stations|terminals?|"
    r"airports?|venues?|theatres?|studios?|(?:call|contact) cent(?:re|er)s?|yards?|clinics?|"
    r"surgeries|practices|labs|laboratories|workshops|ports|docks|mills|farms|centres|centers|"
    r"colleges?|universit(?:y|ies)|wards)"
)
_TEAM = r"(?:team|department|dept|unit|ward|room|floor)"
# Many written in words or with a multiplier: "hundreds of customers", "two hundred staff",
# "1.2 million viewers", "3k users" (each at least the several dozen of rule 13).
_MANY_WORDS = (
    r"(?:hundreds|thousands|millions|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"several|a few|many) (?:hundred|thousand|million)|\d+(?:\.\d+)? ?(?:k|thousand|million|m))"
)
# Where a noun phrase ends: punctuation, the end, or a verb, preposition or conjunction.
_PHRASE_END = (
    r"(?=\s*(?:$|[^\w\s'-])|\s(?:and|or|but|is|are|was|were|has|have|had|in|on|at|of|for|to|"
    r"from|with|without|since|cannot|can|could|lost|went|go|are|now|today|this|that|down|"
    r"offline|both|still|also|all)\b)"
)
_OUTAGE_SCOPE = re.compile(
    rf"\b(?P<big>{_MANY_WORDS})\+? (?:of )?(?:(?:the|our|their) )?(?:[\w'-]+ ){{0,2}}{_PEOPLE}\b|"
    r"\b(?:(?:about|around|over|some|approx\w*|nearly|almost|more than) )?(?P<n>\d[\d,]*)\+? "
    rf"(?:[\w'-]+ ){{0,2}}{_PEOPLE}\b|"
    rf"\b(?P<all>all) (?:the |our )?(?:\d[\d,]* )?(?:[\w'-]+ )?{_PEOPLE}\b"
    rf"(?! (?:in|on|of|from) (?:the |my |our |his |her |their )?(?:[\w'-]+ ){{0,2}}{_TEAM}\b)|"
    rf"\b(?:nobody|no one|no-one|everyone|everybody) (?:in|at|on|across) (?:the )?"
    rf"(?:[\w'-]+ ){{0,2}}{_SITE}\b|"
    rf"\b(?:(?:whole|entire|all|every|any of the) |across (?:the |all )?)"
    rf"(?:[\w'-]+ ){{0,2}}{_SITE}\b|"
    # "both" and "either" count a pair: of sites when a site ends the noun phrase ("both
    # sites", "either building is"), else of what a site word qualifies ("both gift shop
    # tills" are two tills)
    rf"\b(?:both|either) (?:(?:the|our|of the) )?(?:[\w'-]+ ){{0,2}}{_SITE}\b{_PHRASE_END}|"
    # "no wifi anywhere in the building", "down throughout the site"
    rf"\b(?:anywhere|everywhere|throughout) (?:(?:in|on|at|across) )?(?:the |our )?"
    rf"(?:[\w'-]+ )?{_SITE}\b|"
    # "down company-wide", "a network-wide loss" (itdevtech.com: failures across the
    # organisation); "no customer can get through" (all of them)
    r"\b(?:down|offline|unavailable|not working|out) (?:[\w'-]+ ){0,2}?(?:site|campus|company|"
    r"org|organi[sz]ation|enterprise|network|group|fleet|business|region|nation|country|"
    r"estate)[- ]?wide\b|"
    rf"\bno (?:[\w'-]+ )?{_PEOPLE} (?=(?:[\w'-]+ ){{0,2}}(?:can|could|is able|are able)\b)|"
    # the customers of a service, unqualified, opening a sentence that says they cannot use
    # it ("Customers cannot book or pay online"): all of them (rule 13), as "no customer can"
    r"(?:(?<![^\n])|(?<=[.;:!?] ))(?:our |the )?(?:customers|clients|passengers|subscribers|shoppers|"
    r"members of the public|visitors) (?=(?:[\w'-]+ ){0,2}(?:cannot|can not|are unable|"
    r"could not|are not able)\b)|"
    # a site as where the network, the phones or the power went ("internet down at the
    # Bristol office") or as what lost them ("the Leeds depot has no network"): the whole
    # site (rule 13), where a room, a device or a team is not (service_outage's checks)
    rf"\b(?:internet|network|wi-?fi|phones?|telephony|power|connectivity|lan) (?:is |are |"
    rf"was |were |has been |have been |went )?(?:down|out|offline|dead) (?:at|in|across) "
    rf"(?:the |our )?(?:[\w'-]+ ){{0,2}}{_SITE}\b|"
    rf"\b(?:the|our) (?:[\w'-]+ ){{0,2}}{_SITE} (?:has|have|had) (?:no |lost (?:all |its )?)"
    rf"(?:internet|network|wi-?fi|phones|telephony|power|connectivity)\b|"
    # a whole place of any name as the subject of the outage ("the entire packhouse has no
    # network", "whole Cambridge centre has no internet", "Whole packhouse offline"): read
    # as a scope, the place word left open; service_outage checks the outage follows it
    # and that it is no part of a site, team, device, thing or stretch of time
    r"\b(?P<whole>whole|entire) (?:[\w'-]+ ){0,2}?[\w'-]+\b"
)
_DOWN = (
    r"\b(?:down|outage|offline|unavailable|unreachable|not reachable|not available|"
    r"no (?:network|internet|wi-?fi|service|access|connection|connectivity|phones?|e-?mail|"
    r"(?:inbound |outbound |incoming |outgoing )?calls?|card payments?|payments?|signal|picture|"
    r"power)|off[- ]air|cut off|"
    r"(?:cannot|can not|unable to|could not|not able to) (?:\w+ ){0,2}(?:connect|access|"
    r"log ?in|log ?on|sign in|sign on|reach|open|send|receive|load|use|pull|get on|book|pay|"
    r"take|make|answer)|"
    r"(?:nobody|no one|no-one) (?:\w+ ){0,8}(?:can|could|is able)|not working|"
    # the service as what nobody has ("nobody in the school has Wi-Fi")
    r"(?:nobody|no one|no-one) (?:\w+ ){0,8}?(?:has|had|gets|got) (?:any )?(?:network|"
    r"internet|wi-?fi|service|access|connection|connectivity|phones?|e-?mail|signal|power)|"
    r"no (?:[\w'-]+ )?(?:users?|staff|customers?|clients?|agents?|members?|callers?) (?:\w+ ){0,3}"
    r"(?:can|could|is able|are able)|"
    r"stopped working|"
    # a job or transfer that failed is no service down ("nightly patron load failed")
    + "".join(
        rf"(?<!{w} )"
        for w in (
            "job",
            "load",
            "sync",
            "export",
            "import",
            "backup",
            "batch",
            "feed",
            "transfer",
            "upload",
            "download",
            "script",
            "task",
            "update",
            "refresh",
            "extract",
            "run",
            "report",
        )
    )
    + r"(?:failing|failed|fails?|stopped))\b"
)
_DOWN_WORD = _re(_DOWN)
# After "the whole ...": the outage written of it within a word or two.
_WHOLE_DOWN = re.compile(
    rf"(?: [\w'-]+){{0,2}}? (?:(?:has|have|had|is|are|was|were|went|has gone|now|been) )*{_DOWN}"
)
# What "whole" or "entire" may qualify that is no site: a part of one or a team (rule 13: a
# team of about ten, one device, one page), a thing or a stretch of time.
_NOT_A_SITE = re.compile(
    rf"\b(?:{_TEAM}s?|wing|corridor|bay|desk|row|line|screen|display|document|file|page|"
    r"sheet|report|spreadsheet|folder|mailbox|inbox|drive|disk|system|app|application|"
    r"process|list|queue|batch|order|database|record|profile|account|device|machine|"
    r"day|morning|afternoon|evening|night|week|weekend|month|time|shift|year|"
    r"print\w*|laptop|pc|phone|keyboard|mouse|monitor)\b"
)


def _down_in(text: str) -> bool:
    """Whether _DOWN_WORD finds a word of a service down in `text`, read line by line, each
    line's answer remembered (_DOWN_WORD's pre-check passes most openings and its search
    then took ~40 % of service_outage's time; the openings' lines come back in many
    tickets). Equal to the search over the whole text: none of _DOWN's branches crosses a
    line break (their spaces are spaces, their words \\w), and a line break reads as the
    end of the text does for its \\b and its look-behinds."""
    return found_by_line(_DOWN_WORD, text)


# the scope of people as the failure's subject, or as whom it is for; the failure may be
# quoted as the screen or the message gives it ("250 guests) show "no signal"")
_DOWN_AFTER = re.compile(
    rf"^ (?:[\w'()-]+ ){{0,6}}?(?:(?:have|has|had|are|is|were) )*[\"\u201c]?{_DOWN}"
)
_FOR_BEFORE = re.compile(r"\b(?:for|affecting|impacting|across|to) (?:the )?$")
# one device of a place (a printer, a kiosk, a till) as what is down; not _OWN_DEVICE_CLAUSE,
# a person's own device, read to the end of its clause for the major-incident scope
_ONE_DEVICE = re.compile(
    r"\b(?:print\w*|prn|mfp|room|console|reader|scanner|handheld|till|kiosk|laptops?|pc|desktop)\b"
)
_OUTAGE_SENTENCES = re.compile(r"[^.!?\n]+")
# The location part of a short description in the 4-part convention (company - location -
# application - summary) naming every site ("CCH - All Depots - Telematics - ...", "All
# Yards", "Every branch"): the writer gives the fault's place as all of them, the scope of
# a whole site and more (rule 13), whatever the sites are called; the service written as
# down in the summary or the description's first sentence, not of a job (a nightly load that
# failed) or of one device (rule 13: "one device"; "cannot use the kiosks").
_PART_SEPARATOR = r"(?:\s*\|\s*|\s+[-\u2013\u2014]+\s+)"
_EVERY_SITE_PART = re.compile(
    rf"(?:(?!{_PART_SEPARATOR})[^\n])+{_PART_SEPARATOR}"
    rf"(?P<site>(?:all|every|each) (?:(?!{_PART_SEPARATOR})[^\n])+){_PART_SEPARATOR}"
)


_JOB = re.compile(r"\b(?:job|batch|script|backup|cron)s?\b")


def _down_of_a_service(opening: str, start: int) -> bool:
    """Whether the rest of the short description's line from `start` or the first sentence
    of the description (the symptom as the writer first puts it; what follows is often its
    consequences, "so they cannot borrow") in the normalised `opening` writes a service as
    down, naming no job and no one device."""
    summary_end = opening.find("\n", start)
    if summary_end < 0:
        summary_end = len(opening)
    # (a greeting or a salutation of three words or fewer, "Hi team,", is no sentence of it)
    first = next(
        (s[0] for s in _OUTAGE_SENTENCES.finditer(opening, summary_end) if s[0].count(" ") > 3),
        "",
    )
    return any(
        _DOWN_WORD.search(s) and not _JOB.search(s) and not _ONE_DEVICE.search(s)
        for s in (opening[start:summary_end], first)
    )


# A site the opening sizes as a team (rule 13: "a team of about ten or fewer", applied where
# the size is written: "the three office PCs", "our 6 staff"): the number with a word that
# makes it the whole of them (the, our, all), of people or of the machines they work at.
_SMALL_SITE = re.compile(
    r"\b(?:the|our|its|their|all(?: the| our)?) (?:(?:\d|10)|one|two|three|four|five|six|"
    r"seven|eight|nine|ten) (?:[\w'-]+ )?(?:pcs|computers|desktops|laptops|workstations|"
    r"machines|tills|terminals|staff|users|people|employees|colleagues|members of staff)\b"
)


# A service written as down for everyone in Italian, the desk's other language in the
# Hitachi Rail export ("Tutte le utenze HRU non hanno accesso a G-PLM", "tutti gli utenti non
# riescono ad accedere", "nessun utente riesce a collegarsi", "in tutta la sede non funziona
# la rete"), read in English so that service_outage reads it as its English twin ("all HRU
# users have no access to G-PLM": LABELLING.md, Logging audit rule 13). Line breaks are kept,
# so the quoted line is the ticket's own (_line_of).
_OUTAGE_TERMS = Glossary(
    (
        (r"\btutt[ei] (?:le |gli |i )?(?:utenze|utenti|dipendenti|colleghi)\b", "all users"),
        (r"\bnessun[oa]? (?:utente|utenza|dipendente|collega)\b", "no user"),
        (r"\bnon (?:hanno|ha) (?:pi[uù] )?(?:accesso|acceso)\b", "have no access"),
        (
            r"\bnon riesc(?:e|ono) (?:pi[uù] )?(?:ad? )?(?:accedere|collegarsi|connettersi|"
            r"entrare|lavorare)\b",
            "cannot access",
        ),
        (
            r"\bno user riesce (?:pi[uù] )?(?:ad? )?(?:accedere|collegarsi|connettersi)\b",
            "no user can access",
        ),
        (r"\bnon (?:è|e'|sono) (?:pi[uù] )?raggiungibil[ei]\b", "unreachable"),
        (r"\bnon (?:è|e'|sono) (?:pi[uù] )?disponibil[ei]\b", "unavailable"),
        (r"\bnon funziona(?:no)?(?: pi[uù])?\b", "not working"),
        (
            r"\b(?:in )?tutt[ao] (?:la |lo |l')(?:sede|stabilimento|sito|azienda)\b",
            "the whole site",
        ),
    ),
    ("tutt", "nessun"),
)


def outage_read(opening: str) -> str:
    """The normalised `opening`, a service down for everyone written in Italian read in
    English (_OUTAGE_TERMS)."""
    if not _OUTAGE_TERMS.holds_normalised(opening):
        return opening
    return _OUTAGE_TERMS.in_english(opening)


def service_outage(opening: str) -> re.Match | None:
    """The scope (whole site, many people) of a service written as down in one sentence of
    the normalised `opening`, or None; none for a site the opening sizes as a team."""
    m = _outage_scope(opening)
    if m is None or not _SMALL_SITE.search(opening):
        return m
    if m.re is _OUTAGE_SCOPE and (m["n"] or m["big"] or m["all"]):
        return m  # a scope of people
    if m.re is _OUTAGE_SCOPE and not (m["whole"] or _SITE_WORD.search(m.group())):
        return m  # of people too ("no customer can", "customers cannot")
    return None


_SITE_WORD = re.compile(rf"\b{_SITE}\b")


def _outage_scope(opening: str) -> re.Match | None:
    """service_outage's reading, a site of any size."""
    words = any(map(opening.__contains__, _SCOPE_WORDS))
    if not words and not (
        (_COUNT.search(opening) or "no " in opening) and any(map(opening.__contains__, _WHO))
    ):
        return None  # most openings name no scope at all
    if not _down_in(opening):
        return None
    if (m := _EVERY_SITE_PART.match(opening)) and _down_of_a_service(opening, m.end()):
        return m
    scopes = list(_OUTAGE_SCOPE.finditer(opening))
    if not scopes:
        return None
    for s in _OUTAGE_SENTENCES.finditer(opening):
        start, end = s.span()
        here = [m for m in scopes if start <= m.start() < end]
        if not here or not _DOWN_WORD.search(opening, start, end):
            continue
        for m in here:
            if m.end() > end or not _down_in_clause(opening, m, start, end):
                continue
            if _one_device_in_clause(opening, m, start, end) or _TEAM_BEFORE.search(
                opening, max(start, m.start() - 30), m.start()
            ):
                continue
            if m.group("n") is not None and int(m.group("n").replace(",", "")) < _MANY:
                continue
            if m.group("whole") is not None:
                if _NOT_A_SITE.search(m.group()) or not _WHOLE_DOWN.match(opening, m.end(), end):
                    continue
                return m
            if m.group("n") is not None or m.group("all") or m.group("big"):
                after = opening[m.end() : min(end, m.end() + 80)]
                before = opening[max(start, m.start() - 30) : m.start()]
                if not (_DOWN_AFTER.match(f" {after.lstrip()}") or _FOR_BEFORE.search(before)):
                    continue
            return m
    return None


def _down_in_clause(opening: str, m: re.Match, start: int, end: int) -> bool:
    """Whether a word of a service down stands in the clause of the scope `m`, the sentence
    `opening[start:end]` cut at semicolons: "the workbook shows #REF! for all 46 farms after
    someone deleted a sheet; the clerk cannot send the cheques" puts no farm without a
    service (one clerk cannot)."""
    first = opening.rfind(";", start, m.start()) + 1 or start
    last = opening.find(";", m.end(), end)
    return bool(_DOWN_WORD.search(opening, max(first, start), end if last < 0 else last))


def _one_device_in_clause(opening: str, m: re.Match, start: int, end: int) -> bool:
    """Whether one device of a place (_ONE_DEVICE) is what is down in the clause of the
    scope `m`: the sentence `opening[start:end]` cut at semicolons and at a colon that opens
    what follows (": "), which lists or explains ("nobody in the school has wi-fi: all
    classroom chromebooks, boards and staff laptops show ...": the school's devices, not one
    device down)."""
    first = max(opening.rfind(";", start, m.start()), opening.rfind(": ", start, m.start()))
    first = start if first < 0 else first + 1
    cuts = [
        x for x in (opening.find(";", m.end(), end), opening.find(": ", m.end(), end)) if x >= 0
    ]
    return bool(_ONE_DEVICE.search(opening, first, min(cuts, default=end)))


# A site as where a team sits ("for the new business team in all three offices"): the
# scope is the team (LABELLING.md, Logging audit rule 13: a team is no major incident).
_TEAM_BEFORE = re.compile(rf"\b{_TEAM}s? (?:in|at|across) (?:the |our |all )?$")


# What every scope holds: a word of them, or a number (_COUNT) before a word.
_SCOPE_WORDS = ("all ", "every", "whole", "entire", "nobody", "no one", "no-one", "any of the",
                "both ", "either ", "across ", "hundred", "thousand", "million", "0k ",
                "wide", "anywhere", "everywhere", "throughout", "customers ", "clients ",
                "passengers ", "subscribers ", "shoppers ", "members of the public",
                "visitors ", "down at ", "down in ", "out at ", "offline at ", "offline in ",
                "dead at ", " has no ", " have no ", " had no ", " lost ")  # fmt: skip
_COUNT = re.compile(r"\d\+? [a-z]")
_WHO = ("user", "staff", "student", "customer", "people", "employee", "colleague", "agent",
        "member", "client", "patient", "passenger", "guest", "nurse", "doctor", "clinician",
        "pupil", "resident", "caller", "subscriber", "tenant", "shopper", "viewer", "listener",
        "driver", "rider", "travel", "visitor", "learner", "household", "home",
        "members of the public", "spectators", "supporters", "delegates", "attendees",
        "holders")  # fmt: skip
_MANY = 50  # "several dozen" people (a floor of about 40 staff is not a site, tune INC2014042)


# A virus or an infection is malware when it is about a device, a file, a mail or an account
# (LABELLING.md, Logging audit rule 10: "any real infection" of a device): one whose clause
# names none of them but names people, or an illness, is a disease going round ("a stomach
# virus outbreak with five staff off sick"), whatever the disease is called. A malware
# category over an opening whose only such word is that disease was chosen from the word
# (the category is the agent's; the opening is the caller's account).
_MALWARE_AT = re.compile(_MALWARE)
_ILLNESS_WORD = re.compile(r"\bvirus(?:es)?\b|\binfect(?:ed|ion|ions|ious)\b")
_IT_OBJECT = re.compile(
    rf"\b{_DEVICE}|\b(?:pc|pcs|computers?|desktops?|servers?|workstations?|machines?|endpoints?|"
    r"files?|folders?|documents?|attachments?|e-?mails?|mails?|inbox|mailbox|accounts?|usb|"
    r"sticks?|drives?|browsers?|pop-?ups?|screens?|scans?|scanned|scanning|anti-?virus|defender|"
    r"sophos|mcafee|norton|crowdstrike|software|programs?|apps?|applications?|systems?|websites?|"
    r"links?|downloads?|downloaded|network|windows|macos|mac|extensions?|plugins?)\b"
)
_ILL = re.compile(
    rf"\b{_PEOPLE}\b|\b(?:sick|ill|illness|outbreak|symptoms?|going (?:a)?round|off work|"
    r"children|kids|babies|players|squad|team|family|vomiting|fever|contagious|"
    # animals and what a laboratory tests of them (audit rule 10: "any real infection" of a
    # device, not of fish, herds or samples)
    r"animals?|fish|salmon|trout|livestock|cattle|cows?|calves|pigs?|sheep|lambs?|poultry|"
    r"chickens?|hens?|birds?|herds?|flocks?|horses?|dogs?|cats?|pets?|crops?|"
    r"samples?|specimens?|swabs?|pcr|vets?|veterinary|disease)\b"
)


def _an_illness(m: re.Match) -> bool:
    """Whether the malware match `m` of a normalised opening is a disease: a virus or an
    infection whose sentence names no device, file, mail or account but people or an
    illness, or a category line over an opening whose only virus or infection is one."""
    text = m.string
    line = text.rfind("\n", 0, m.start()) + 1
    if not _ILLNESS_WORD.match(text, m.start()):
        if "\n" in text[m.end() :] or line == 0:
            return False  # not the category line (the opening's last)
        cues = list(_ILLNESS_WORD.finditer(text, 0, line))
        # a cue the malware reading leaves out ("stomach virus") is a disease already
        return bool(cues) and all(not _MALWARE_AT.match(text, c.start()) or _sick(c) for c in cues)
    return _sick(m)


# How far from the virus or infection word what it is about is read: its own noun phrase
# and the words that attach it ("a virus on her laptop", "infected e-mail attachment",
# "Defender found a virus"), not a device named elsewhere in a long clause ("the care app
# refuses to set the 'Infection - isolate' flag on residents").
_ABOUT_WORDS = 4
_DETECTION = re.compile(
    r"\b(?:alerts?|warnings?|pop-?ups?|scan\w*|detect\w*|quarantin\w*|notifications?|"
    r"removed|cleaned|definitions?|signatures?)\b"
)


def _sick(m: re.Match) -> bool:
    """Whether the virus or infection `m` is about people or an illness, not a device, file,
    mail, account or network: no such thing (nor a detection) within _ABOUT_WORDS words of
    it, and its clause names people or an illness."""
    text = m.string
    start = max(text.rfind(c, 0, m.start()) for c in ".,:;!?\n") + 1
    ends = [i for i in (text.find(c, m.end()) for c in ".,:;!?\n") if i >= 0]
    end = min(ends, default=len(text))
    before = text[start : m.start()].split()[-_ABOUT_WORDS:]
    after = text[m.end() : end].split()[:_ABOUT_WORDS]
    near = " ".join([*before, m.group(), *after])
    if _IT_OBJECT.search(near) or _DETECTION.search(near):
        return False
    return bool(_ILL.search(text, start, end))


# A mail's footer or disclaimer pasted with the mail into the description: its sender's
# notice that outgoing mail is checked for viruses ("Hitachi checks outgoing e-mail messages
# for the presence of computer viruses", "Questa email è stata esaminata alla ricerca di
# virus da AVG") or that the mail is meant for its addressee alone. A notice about every
# mail the sender writes, no report of the ticket's event (a Hitachi Rail export: 6 of its
# 15 critical-process deductions were such footers).
_MAIL_WORD = re.compile(
    r"\b(?:e-?mails?|messages?|messaggio|messaggi|comunicazione|attachments?|allegati?)\b"
)
_SCANNED = re.compile(
    r"\b(?:checks|checked|scans|scanned|swept|screened|examined|esaminat[ao]|controllat[ao]|"
    r"verificat[ao]|analizzat[ao])\b[^\n]{0,60}\b(?:virus(?:es)?|malware)\b|"
    r"\bvirus[- ]free\b|\bprivo di virus\b"
)
_ADDRESSEE_ONLY = re.compile(
    r"\bintended (?:only |solely |exclusively )?(?:for (?:the )?(?:use of the )?"
    r"(?:addressee|recipient|person|individual|entity)|recipients?)\b|\bdestinatari[oa]?\b"
)
# a thing found, not a notice: "the scan checked the attachment and found a virus"
_FOUND_IN_MAIL = re.compile(
    r"\b(?:found|detected|contains|contained|infected|rilevat\w*|trovat\w*)\b"
)


def _in_mail_footer(m: re.Match) -> bool:
    """Whether the match `m` of a normalised opening stands in a line of a mail's footer or
    disclaimer (_SCANNED, _ADDRESSEE_ONLY beside a word of mail), which tells of no event."""
    text = m.string
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.end())
    line = text[start : end if end >= 0 else len(text)]
    if not _MAIL_WORD.search(line) or _FOUND_IN_MAIL.search(line):
        return False
    return bool(_SCANNED.search(line) or _ADDRESSEE_ONLY.search(line))


# "Personal data" as a record kept up (created, modified, transferred: the Italian
# "anagrafica" of materials and spare parts, translated "personal data"), no data sent or
# shown outside its audience (LABELLING.md, Logging audit rule 11) unless its sentence says
# so: "request for modification of personal data", "new personal data not transferred to
# Sap".
_UPKEEP = re.compile(
    r"\b(?:modif\w*|chang\w*|creat\w*|updat\w*|edit\w*|new|transferr?\w*|anagraf\w*|"
    r"master data)\b"
)
_EVENT = re.compile(
    r"\b(?:breach\w*|leak\w*|expos\w*|disclos\w*|stolen|lost|wrong\w*|unauthori[sz]ed|"
    r"compromis\w*|sent|shared|forwarded|visible|published|posted|access\w*|gdpr)\b"
)


def _record_upkeep(m: re.Match) -> bool:
    """Whether the data-privacy match `m` is "personal data" in a sentence that keeps a
    record up (_UPKEEP) and tells no event (_EVENT)."""
    if m.group(0).lower() != "personal data":
        return False
    text = m.string
    start = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, m.end()) for c in ".!?\n") if i >= 0]
    sentence = text[start : min(ends, default=len(text))]
    return bool(_UPKEEP.search(sentence)) and not _EVENT.search(sentence)


# The matter handled in another ticket ("phone stolen last month, handled in INC0071120"):
# that ticket holds the process, not this one (the Duke export's short descriptions refer to
# other tickets so: "duplicate ticket ref to ticket INC0007737").
_ELSEWHERE = _re(
    # a follow-up of a matter another ticket holds ("while Security holds my infected PC
    # (INC0045521)": audit rule 14, the process is judged where it is done)
    r"\b(?:holds?|held|holding|keeps?|kept|investigat\w*)\b[^.\n]{0,60}?\b(?:inc|ritm|sir)"
    r"\s?#?\d{5,}|"
    r"\b(?:handled|reported|logged|raised|tracked|dealt with|covered|managed)\b[^.\n]{0,20}?"
    r"\b(?:in|under|as|via|by|on)\b[^.\n]{0,12}?\b(?:inc|ritm|req|sir|ticket|incident)"
    r"\s?#?\d{3,}"
)


# What a person is quoted saying of themselves or guessing ("she calls herself "the VIP on
# this boat"", "says "it looks like the whole system is down""): their claim, not what the
# ticket establishes (LABELLING.md, Logging audit rules 12 and 13: a VIP by role, flag or
# list; not one caller guessing whether there is an outage). A quotation right after a verb
# of saying, calling or guessing.
_SAYS_BEFORE = _re(
    r"\b(?:says?|said|calls? (?:herself|himself|themselves|itself)|called (?:herself|"
    r"himself|themselves|itself)|asks?|asked|thinks?|thought|reckons?|claims?|claimed|"
    r"wonders?|wondered|guess(?:es|ed)?|fears?|feared)(?: (?:whether|if|that))?[ ,:]*$"
)


# The processes a person's own claim cannot establish (a quoted message on a screen or in a
# note still shows malware, rule 10's ransom note).
_CLAIMED = frozenset({"vip", "major_incident"})


def _said(m: re.Match) -> bool:
    """Whether the match `m` stands inside a quotation of what someone says (_SAYS_BEFORE)."""
    text = m.string
    if '"' not in text and "\u201c" not in text:
        return False
    for q in _QUOTED.finditer(text, max(0, text.rfind("\n", 0, m.start()))):
        if q.start() > m.start():
            return False
        if q.end() >= m.end():
            return bool(_SAYS_BEFORE.search(text, max(0, q.start() - 40), q.start()))
    return False


def _elsewhere(m: re.Match) -> bool:
    """Whether the sentence holding the match `m` refers its matter to another ticket."""
    text = m.string
    start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
    ends = [i for i in (text.find(". ", m.end()), text.find("\n", m.end())) if i >= 0]
    return bool(_ELSEWHERE.search(text, start, min(ends, default=len(text))))


# What the desk did: a reset or unlock written as done in the handling text.
_RESET_DONE = _re(
    r"\b(?:reset|unlocked|re-?enabled|released the lock|set (?:a )?(?:new|temp\w*|initial) "
    r"password|temp(?:orary)? password|(?:new|initial) (?:initial )?password|"
    # the user let back into the account on a lock-out ticket ("got her back into her account")
    r"(?:got|let|put) (?:\w+ )?back into (?:his|her|their|the|the user'?s) account|"
    r"clear(?:ed)? (?:the |his |her |their )?(?:account )?lock|unlock-adaccount|"
    r"\block-?out (?:was |has been )?(?:cleared|removed|released|reset)\b|"
    # a password the desk mailed to the user ("Email with password has been send to User",
    # a corporate export's close notes on its reset requests)
    r"(?:e-?mail|mail) with (?:the |a )?(?:new )?password (?:has been |was )?sen[dt]\b)"
)
# No reset on this record: "did not reset", or the record closed with nothing done on it
# (a duplicate whose matter another ticket handles: "No action on this record").
_NO_RESET = _re(
    r"\bno (?:password )?(?:reset|unlock)\b|did not (?:reset|unlock)|"
    r"\bno action (?:was )?(?:taken )?(?:on|in|under) this (?:record|ticket|incident)\b|"
    r"\bnothing (?:was )?done (?:here|on this (?:record|ticket|incident))\b|"
    r"changed (?:the|his|her|their) (?:own )?password (?:himself|herself|themselves)"
)
_LATE = _re(
    r"(?:verif|validat|duo|okta|push|mfa|security question|call(?:ed)? (?:\w+ )?back)\w*"
    r"[^.\n]{0,40}\b(?:afterwards|after (?:the (?:reset|unlock)|that|this)|later|"
    r"subsequently)\b|"
    r"forgot to (?:note|document)[^.\n]{0,20}(?:verif|validat)"
)
# What follows it came later: "unlocked acct, then confirmed ID", "reset pw. After, user
# confirm employee number" ("after X" alone says X came first, so only "After," opens).
_THEN = _re(
    r"\b(?:then|afterwards|after that|later|subsequently)\b|"
    r"(?:^|[.;\n]\s*(?:[-*\u2022]\s*)?)after(?: (?:the |that )?(?:password )?(?:reset|unlock))?"
    r"\s*,"
)
# or the validation after "before" in the reset's own sentence ("password reset completed
# before the caller was verified via security questions": LABELLING.md, Logging audit rule 8,
# the note's own words decide the order)
_BEFORE_IT = re.compile(r"[^.;!?\n]{0,40}?\b(?:before|prior to|ahead of)\b([^.;!?\n]*)")
# What every _THEN match holds (a condition of one over ASCII text in lower case), from the
# pattern itself so that a branch added to it stays covered
_THEN_WORDS = required_strings(_THEN.pattern)
_ORDER_WORDS = (*_THEN_WORDS, "before", "prior to", "ahead of")
# ("down" a word of its own: "downloaded", "downgrade" and "downstairs" are none)
_OUTAGE = _re(
    r"\b(?:down\b|downtime|outage|offline|no network|unreachable|unavailable|not reachable|cannot (?:send|receive|connect)"
    r"[^.\n]{0,30}\b(?:any|all)\b)"
)
# a floor as the place hit, not one a caller moved from or to ("moved from floor 2 to floor 3")
_SCOPE = _re(
    r"\b(?:all|many|multiple|several|everyone|everybody|whole|entire|nobody|any|site)\b|"
    r"(?<!\bfrom )(?<!\bto )\bfloor\b"
)
# what one person's own device cannot do names no scope ("my laptop cannot connect to any
# wireless network"): that clause is left out of the search for one
_OWN_DEVICE_CLAUSE = re.compile(
    r"\b(?:my|his|her) (?:own )?(?:laptop|pc|computer|desktop|phone|mobile|device|machine|"
    r"tablet|mac|workstation)\b[^.\n]*",
    re.I,
)
# A scope the handling writes counts where it says who or what is without the service: in
# a sentence (a note's lines joined, a blank line or a stop ends it) that holds a word of
# the outage or of its reach ("whole site down", "floor 4 is affected"); "all working, ok to
# close" or "board site opens" after the fix names none.
_NOTE_SENTENCES = re.compile(r"(?:[^.!?\n]|\n(?!\s*\n))+")
_REACH = _re(r"\b(?:affect|impact)(?:s|ed|ing)?\b")


def _outage_scope_written(ticket: Ticket, opening: str) -> bool:
    """Whether the normalised `opening`, or a sentence of the ticket's whole text that
    speaks of the outage or of its reach, names a scope (_SCOPE) beyond one person's own
    device (_OWN_DEVICE_CLAUSE)."""
    if _SCOPE.search(_OWN_DEVICE_CLAUSE.sub(" ", opening)):
        return True
    return any(
        _SCOPE.search(s[0]) and (_OUTAGE.search(s[0]) or _REACH.search(s[0]))
        for s in _NOTE_SENTENCES.finditer(_OWN_DEVICE_CLAUSE.sub(" ", all_text(ticket)))
    )


_MALWARE_WORDS = _re(_MALWARE)
# A threat the handling found on the device, though the opening named only its symptoms: a
# detection in Microsoft's naming scheme ("PUA:Win32/Searcher", "Trojan:Win32/Emotet";
# learn.microsoft.com, malware naming) or a scan that found and removed one (LABELLING.md: a
# real detection only scanned away is malware).
_THREAT_FOUND = _re(
    r"\b(?:trojan\w*|pua|pup|adware|ransom|backdoor|worm|virus|spyware|hacktool|exploit|"
    r"browsermodifier|behavior):[a-z0-9]+/|"
    r"\b(?:found|detected|removed|quarantined|cleaned)\b(?: and (?:removed|quarantined|cleaned))? "
    r"(?:[1-9]\d* |an? |one |two |three )?(?:pua|pup|adware|malware|trojans?|viruses|virus|"
    r"threats?|infections?|spyware)\b|"
    r"\b(?:[1-9]\d*|an?|one) (?:pua|pup|threat|trojan|virus|infection)(?:s|es)? "
    r"(?:was |were )?(?:found|detected|removed|quarantined)\b"
)
# A child of a declared major incident: the process runs on the parent (LABELLING.md).
_CHILD = _re(
    r"\bchild (?:incident |ticket )?(?:of|to|under) (?:the )?(?:major incident |parent |mi )?"
    r"(?:inc\w*\d|major incident)|\blinked (?:as (?:a )?child )?to (?:the )?(?:parent|"
    r"major incident)|\bparent (?:incident|ticket|major incident) inc\w*\d"
)


# The caller is the executive's assistant (LABELLING.md, Logging audit rule 12): a VIP
# ticket when it is about the executive's device or meeting ("the CEO's iPad", "on behalf
# of"), not the assistant's own fault.
_ASSISTANT = re.compile(r"\b(?:assistant|secretary|\bea\b|\bpa\b)\b")
_EXECUTIVES_THING = re.compile(
    r"(?:'s|s'|\u2019s) (?:[\w-]+ ){0,2}(?:laptop|ipad|iphone|phone|tablet|device|pc|computer|"
    r"mailbox|e-?mails?|mail|calendar|meetings?|diary|teams|account|surface|macbook|printer|"
    r"presentation|board pack|car)\b"
)
_ON_BEHALF = re.compile(
    r"\bon behalf of\b|\bfor (?:the|her|his|their) (?:boss|ceo|cfo|coo|md)\b|"
    # the executive reporting, the assistant only the channel ("the chair reports through
    # his PA that all his Outlook rules disappeared", "on his behalf")
    r"\b(?:through|via|by way of) (?:his|her|their|the) (?:[\w-]+ )?(?:assistant|secretary|ea|pa)\b|"
    r"\bon (?:his|her|their) behalf\b"
)


def assistant_only(m: re.Match) -> bool:
    """Whether every VIP match of the opening `m` was found in names the executive an
    assistant works for, in a sentence not about the executive's own device, meeting or
    mail, or is an "MD" that a clinical opening makes a medical doctor."""
    return all(_assistant_only(v) or _medical_doctor(v) for v in VIP.detect.finditer(m.string))


# A clinic, a surgery or a ward: there "the MD" is the doctor, a medical degree, not a
# managing director (LABELLING.md, Logging audit rule 12 names the managing director).
_CLINICAL = re.compile(
    r"\b(?:patients?|clinic|clinics|clinical|surgery|ward|hospital|gp|nurses?|medical|"
    r"doctors?|dr|physicians?|practice|consultant|pharmacy|dental|dentist|vet|veterinary)\b"
)


def _medical_doctor(m: re.Match) -> bool:
    return m.group(0).rstrip("'s").endswith("md") and bool(_CLINICAL.search(m.string))


# The executive named only as whom the caller works for ("Legal secretary H. B., who works
# for the senior partner, cannot release print jobs"): the ticket serves the caller.
_WORKS_FOR = re.compile(
    r"\b(?:(?:works?|working|worked) (?:directly )?for|(?:reports?|reporting) (?:directly )?to|"
    r"supports?|supporting|assists?|assisting|(?:assistant|secretary|pa|ea) to) "
    r"(?:the |our |their |a |an )?(?:[\w'-]+ ){0,2}$"
)


def _assistant_only(m: re.Match) -> bool:
    """Whether the VIP match `m` names only the executive whom the caller of its sentence
    works for (an assistant named in the sentence, or "works for the ..." before it), in a
    sentence not about the executive's own device, meeting or mail nor written on his
    behalf (LABELLING.md, Logging audit rule 12: the VIP is the caller or affected user)."""
    text = m.string
    start = max(text.rfind(c, 0, m.start()) for c in ".;!?\n") + 1
    ends = [i for i in (text.find(c, m.end()) for c in ".;!?\n") if i >= 0]
    end = min(ends, default=len(text))
    window = text[max(start, m.start() - 40) : min(end, m.end() + 40)]
    served = _WORKS_FOR.search(text, max(start, m.start() - 30), m.start())
    if not (served or _ASSISTANT.search(window)):
        return False
    return not (_EXECUTIVES_THING.match(text, m.end()) or _ON_BEHALF.search(text, start, end))


# Found again during the contact ("found it in her bag"): no lost device (audit rule 9).
_FOUND_AGAIN = _re(
    r"\b(?:found (?:it|them|the (?:phone|laptop|device|tablet|ipad))|turned up|"
    r"(?:was|has been|got) (?:handed in|returned|recovered|located))\b"
)
# Closed as a duplicate or with no action on this record: the process is judged where it is
# done (audit rule 14).
_DUPLICATE = _re(
    r"\bduplicate (?:of|to) (?:inc|ticket|incident|ritm)|\bclosed as (?:a )?duplicate\b|"
    r"\bno action (?:was )?(?:taken )?(?:on|in|under) this (?:record|ticket|incident)\b"
)


# A major incident declared or run in the handling though the opening does not say so
# (LABELLING.md, Logging audit rule 13: "when the ticket declares one or runs it"; the
# declaration and the Major Incident Manager of support.ucsd.edu "Major Incidents -
# Procedures" and dev.sysopsai.net "Sev-1 declared"): "declared a major incident", "raised as
# a major incident", "MI declared", "major incident process invoked", "MIM engaged".
_DECLARED = _re(
    r"\b(?:declared?|declaring|raised|raising|opened|invoked|invoking|called|triggered|logged|"
    r"escalated|treated|handled|run|running|managed|upgraded) (?:it |this )?(?:as |to )?(?:an? |the )?"
    r"(?:p1 |priority 1 |sev(?:erity)?[- ]?1 )?(?:major incident|\bmi\b)(?! manager)|"
    r"\b(?:major incident|\bmi\b)(?: process| procedure)? (?:was |has been |is |now )?"
    r"(?:declared|raised|opened|invoked|called|triggered|started|in progress)\b|"
    r"\bsev(?:erity)?[- ]?1 (?:was |has been )?declared\b|"
    r"\b(?:major incident manager|\bmim\b|incident (?:commander|manager)) (?:[\w'-]+ ){0,3}"
    r"(?:engaged|paged|"
    r"called|took (?:over|charge)|assigned|notified|informed|joined|running|leading)\b|"
    # a bridge or war room opened runs it too (rule 13: "MIM, incident manager or commander,
    # bridge or war room"), not a ship's bridge rung nor a network bridge
    r"\b(?:opened|set up|started|convened|stood up|spun up|ran|running) (?:a |an |the )?"
    r"(?:p1 |priority 1 |sev(?:erity)?[- ]?1 |mi |major incident |incident |crisis )?"
    r"(?:bridge(?: call| line)?|war[- ]?room)(?! (?:to|between|on) (?:the )?(?:vlan|port|network)"
    r"\w*)\b|"
    r"\b(?:(?:p1|priority 1|sev(?:erity)?[- ]?1|mi|major incident|incident) bridge(?: call| line)?|"
    r"war[- ]?room) (?:was |has been |is )?(?:opened|set up|started|convened|stood up|spun up|"
    r"running|in progress|live)\b|"
    # a bridge open however it is named ("bridge open on Teams", "Teams bridge"): a call
    # bridge is open, a network bridge is up or down, not open
    r"\bbridge(?: call| line)? (?:is |was |has been |now )?(?:open|opened|live)\b|"
    r"\b(?:teams|zoom|webex|skype|meet|phone|conference|dial-in) bridge\b(?! (?:to|between|on) "
    r"(?:the )?(?:vlan|port|network)\w*)|"
    # the handling naming the ticket a major incident ("all bidders down = major incident",
    # "this is a major incident")
    r"(?:=|->|\u2192|\b(?:this|it) is(?: now)?) (?:an? |the )?(?:p1 )?major incident\b"
)


def declared_major(ticket: Ticket) -> re.Match | None:
    """The phrase of the handling that declares or runs a major incident, not negated; None
    for a child of one (the process runs on the parent)."""
    m = _declared_in(normalise(handling_text(ticket)))
    return None if m is None or child_of_major(ticket) else m


# "mi" or "mim" as a word, and "sev 1" or "severity-1" at a word's start: a literal scan,
# the word start checked by hand (a pattern that opens with \b cannot skip ahead to its first
# letter, and "mi" is in most texts: "admin"; "sev" in "several").
_MI = re.compile(r"mim?\b")
_SEV_1 = re.compile(r"sev(?:erity)?[- ]?1 ")


def _at_word_start(word: re.Pattern, text: str) -> bool:
    return any(m.start() == 0 or not text[m.start() - 1].isalnum() for m in word.finditer(text))


# What every _DECLARED match holds (its branches in turn): tested before the pattern runs.
# A war room as written ("war" alone is in "software", "aware", "forward").
_WAR_ROOM = ("war room", "war-room", "warroom")


@text_memo  # both rubrics ask it of the same handling
def _declared_in(handling: str) -> re.Match | None:
    if not (
        "major" in handling
        or "commander" in handling
        or "incident manager" in handling
        or "bridge" in handling
        or any(map(handling.__contains__, _WAR_ROOM))
        or ("declared" in handling and _at_word_start(_SEV_1, handling))
        or _at_word_start(_MI, handling)
    ):
        return None
    return find_affirmed(_DECLARED, handling)


def found_again(ticket: Ticket) -> bool:
    """Whether the handling writes the lost device found again."""
    return bool(find_affirmed(_FOUND_AGAIN, normalise(handling_text(ticket))))


def duplicate(ticket: Ticket) -> bool:
    """Whether the handling closes the ticket as a duplicate or with no action on it."""
    return bool(find_affirmed(_DUPLICATE, normalise(handling_text(ticket))))


def child_of_major(ticket: Ticket) -> bool:
    """Whether the ticket is written as the child of a (major) incident run on its parent."""
    return bool(_CHILD.search(normalise(all_text(ticket))))


def threat_found(ticket: Ticket) -> re.Match | None:
    """The phrase of the handling that records a threat found on the device, not negated."""
    return _threat_in(normalise(handling_text(ticket)))


@text_memo  # both rubrics ask it of the same handling
def _threat_in(handling: str) -> re.Match | None:
    if handling.isascii() and not _THREAT_WORD.search(handling.lower()):
        return None  # most handlings name no threat ("found", the pattern's own test, is common)
    return find_affirmed(_THREAT_FOUND, handling)


# A word one of which each of _THREAT_FOUND's branches holds (a threat noun, or a detection
# name before its ":"), in lower case: over ASCII text a condition of a match (re.I folds no
# other character to an ASCII letter there).
_THREAT_WORD = any_of(
    ("trojan", "pua", "pup", "adware", "ransom", "backdoor", "worm", "virus", "spyware",
     "hacktool", "exploit", "browsermodifier", "behavior", "malware", "threat", "infection")
)  # fmt: skip


def _line_of(opening: str, m: re.Match) -> str:
    """The original line of `opening` holding the match `m` of its normalised copy (line
    breaks are kept by normalise), quoted."""
    index = m.string.count("\n", 0, m.start())
    lines = opening.split("\n")
    return quote(lines[index]) if index < len(lines) else quote(opening)


def _quote_of(ticket: Ticket, opening: str, m: re.Match) -> str:
    """The quote that shows the process of match `m`: its line of the opening, or, for a
    reset read in the handling (reset_in_handling: the sentence alone is the match), the
    ticket's own line that writes it. Quoting the opening there showed a FAIL for "no caller
    validation" beside a subject line that names no reset ("INC1225433- 47869 - PDM ...")."""
    if m.re is _SENTENCE:
        said = iter_normalised_lines(all_text(ticket))
        line = next((original for read, original in said if m.group(0) in read), None)
        if line is not None:
            return quote(line)
    # a match read in the opening with its description unwrapped (detect_processes) has its
    # line there: the line of whichever text holds the match's words at its index
    wrapped = unwrapped_opening(ticket)
    index = m.string.count("\n", 0, m.start())
    for text in (opening, wrapped):
        lines = text.split("\n")
        if index < len(lines) and m.group(0)[:40] in normalise(lines[index]):
            return quote(lines[index])
    return _line_of(opening, m)


# A reset or unlock written as done, in one sentence (not one asked for: "user requests a
# password reset").
_RESET_WRITTEN = _re(
    r"\breset (?:the |his |her |their |user'?s |caller'?s )?(?:\w+ )?(?:password|account)|"
    r"\bpassword (?:has been |was |is )?reset\b|\bunlocked\b|released the lock|"
    r"clear(?:ed)? (?:the |his |her |their )?(?:account )?lock|unlock-adaccount|"
    r"\block-?out (?:was |has been )?(?:cleared|removed|released|reset)\b|"
    r"temp(?:orary)? password (?:given|issued|set|provided|read|sent)|"
    r"set (?:a )?(?:new|temp\w*|initial) password|"
    # the password named first, the verb after it ("initial pw set for LFOTHERG")
    r"(?:new|temp\w*|initial|one-time) password (?:was |is |has been )?(?:set|given|issued|"
    r"provided|sent|told)\b|"
    # the temporary password handed over, named after the verb or in shorthand ("read her the
    # temporary password", "temp given verbally"), and the "must change at next logon" box
    # that a reset ticks (learn.microsoft.com, resetting a user's password in Active
    # Directory: "User must change password at next logon")
    r"\b(?:read|gave|give|told|sent|texted|issued) (?:him |her |them |the (?:user|caller) )?"
    r"(?:a |the |his |her |their )?(?:new |temp\w* |initial |one-time )password\b|"
    r"\btemp (?:given|issued|provided|read|sent|told)\b|"
    r"\bchange (?:the |his |her |their )?(?:password )?at (?:next|first) (?:logon|log-?on|"
    r"log-?in|sign-?in)\b"
)
_ASKED = _re(r"\b(?:requests?|requested|wants?|asks?|asked for|needs?|would like|please)\b")


def _reset_in(sentence: str) -> re.Match | None:
    """A reset or unlock the normalised `sentence` writes as done, in a known phrasing or by
    its parts (access_parts: "cleared the lockout in AD", "temp pwd issued")."""
    return _RESET_WRITTEN.search(sentence) or access_parts.reset_by_parts(sentence)


def _resets_in(line: str) -> list[re.Match]:
    """Every reset or unlock the normalised `line` writes, in a known phrasing or by its
    parts, in the order they stand."""
    found = [*_RESET_WRITTEN.finditer(line), *access_parts.resets_by_parts(line)]
    return sorted(found, key=lambda m: m.start())


_SENTENCES = re.compile(r"[^.;!?\n]+")
_SENTENCE = re.compile(r".+", re.S)  # a whole sentence as the match that shows a process


def validated_after_reset(ticket: Ticket) -> bool:
    """Whether the journal writes the reset or unlock as done in an entry before the first
    entry that documents the caller's validation with its method (by the entries' times),
    with no validation in the opening: the guidance wants it documented before the reset. A
    reset and a validation in the same entry, or a validation only in the close notes (a
    summary), say nothing of their order."""
    t = ticket_text(ticket)
    if validation_in(t.opening, ticket.contact_type)[0]:
        return False
    entries = t.work_note_entries + t.comment_entries
    # one entry logging its steps by the clock ("10:01 lockout cleared / 10:04 caller gave
    # staff number + DOB"): the order its lines' times give, whether or not the journal's
    # headers could be read
    # (not when an entry written before it already documents the validation: its lines'
    # times order that entry's own steps, not the ticket's)
    for e in entries:
        lines = [(_minutes(m[1]), m[2]) for m in _CLOCKED_LINE.finditer(e.text)]
        if (
            len(lines) > 1
            and _after(lines, ticket.contact_type)
            and not _validated_before(e, entries, ticket.contact_type)
        ):
            return True
    if any(e.time is None for e in entries):
        return False  # no order to read
    return _after([(e.time, e.text) for e in entries], ticket.contact_type)


def _validated_before(entry, entries, contact_type: str) -> bool:
    """Whether one of `entries` written before `entry` (by the journal's times) documents
    the caller's validation with its method."""
    return entry.time is not None and any(
        e.time is not None and e.time < entry.time and validation_in(e.text, contact_type)[0]
        for e in entries
    )


# A time of day written in a clause ("reset the password at 10:02 and verified ... at 10:05").
_CLAUSE_TIME = re.compile(r"\b(\d{1,2}:\d{2})\b")
_CLAUSES = re.compile(r"[^.;,\n]+?(?=[.;,\n]|\band\b|$)|\band\b[^.;,\n]+?(?=[.;,\n]|\band\b|$)")


def validated_later_by_clock(ticket: Ticket) -> bool:
    """Whether a line of the handling times its steps in its clauses and the reset's time
    comes before the validation's (audit rule 8: times written in the notes decide)."""
    handling = handling_text(ticket)
    if handling.count(":") < 2:
        return False  # no two times anywhere
    for line in handling.split("\n"):
        if line.count(":") < 2 or len(_CLAUSE_TIME.findall(line)) < 2:
            continue
        timed = [
            (_minutes(t[0]), c)
            for c in _CLAUSES.findall(line)
            if len(t := _CLAUSE_TIME.findall(c)) == 1
        ]
        if len(timed) > 1 and _after(timed, ticket.contact_type):
            return True
    return False


# A line that opens with the time of day it records: "10:04 caller gave staff number".
_CLOCKED_LINE = re.compile(r"^[ \t]*[\[(]?(\d{1,2}:\d{2})(?::\d{2})?\b[\])]?[ \t:-]*(.+)$", re.M)


def _minutes(clock: str) -> int:
    """Minutes since midnight of "H:MM" or "HH:MM" (so "9:55" sorts before "10:01")."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _after(timed: list[tuple], contact_type: str) -> bool:
    """Whether, of the (time, text) pairs in `timed` (times that sort in order), the first
    that writes a reset or unlock as done comes before the first that documents the caller's
    validation; a reset and a validation in one text say nothing of their order."""
    resets, validations = [], []
    for time, body in timed:
        text = normalise(body)
        if any(_reset_in(s) and not _ASKED.search(s) for s in _SENTENCES.findall(text)):
            resets.append(time)
        if validation_in(body, contact_type)[0]:
            validations.append(time)
    return bool(resets and validations) and min(resets) < min(validations)


def _notes_apart(ticket: Ticket) -> str:
    """The handling fields normalised, each a note of its own: a blank line between them, so
    that an order or a clause read within a note never runs on into the next field."""
    return normalise("\n\n".join(ticket_text(ticket).handling_fields))


# How far around a reset the order of one line is read: a writer's "then" follows within a
# sentence or two, and reading the whole rest of the line for every reset made a long
# single-line note (8 KB, a pasted log) cost time growing with the square of its length.
_ORDER_REACH = 400


def validated_later_in_line(ticket: Ticket) -> bool:
    """Whether a note of the handling (a paragraph: its lines written in order, a list of
    steps as much as one line) writes the reset or unlock as done and then, after "then",
    "afterwards" or a sentence or item opening "After,", the caller's validation with its
    method: the order the writer gives. A field is a note of its own: a "then" in the work
    notes orders nothing the close notes' summary says after it (the work notes' "then he
    signed in" is not followed by the close notes' "reset after he read back the code")."""
    handling = _notes_apart(ticket)
    if handling.isascii() and not any(map(handling.__contains__, _ORDER_WORDS)):
        return False  # no word of _THEN or _BEFORE_IT anywhere: no tail gives an order
    for line in handling.split("\n\n"):
        for m in _resets_in(line):
            opened = max(line.rfind(".", 0, m.start()), line.rfind("\n", 0, m.start())) + 1
            start = max(opened, m.start() - _ORDER_REACH)
            if _ASKED.search(line[start : m.end()]):
                continue
            tail = line[m.end() : m.end() + _ORDER_REACH]
            later = _THEN.search(tail)
            if later and validation_in(tail[later.end() :], ticket.contact_type)[0]:
                return True
            ahead = _BEFORE_IT.match(tail)
            if ahead and validation_in(ahead.group(1), ticket.contact_type)[0]:
                return True
    return False


# The reset named as a thing done and the check told after it in one clause: "after the
# unlock I asked you for your staff number and date of birth", "following the reset, the
# caller answered his security questions" (LABELLING.md, Logging audit rule 8: the note's own
# words decide the order).
_AFTER_THE_RESET = re.compile(
    r"\b(?:after|following|once|since) (?:the|his|her|their|your) (?:password |account )?"
    r"(?:reset|unlock|re-?enable)\b(?! (?:link|page|e-?mail|request|form))"
    # the clause to its sentence's end, over a wrapped line but not a blank one
    r"((?:[^.;!?\n]|\n(?!\s*\n)){0,240})"
)


def validated_in_clause_after_reset(ticket: Ticket) -> bool:
    """Whether a handling sentence writes the caller's validation, with its method, in the
    clause that "after the reset" or "after the unlock" opens. A field is a note of its own
    (as for validated_later_in_line): the clause ends where the work notes end and never
    runs on into the comments' first line."""
    handling = _notes_apart(ticket)
    if "reset" not in handling and "unlock" not in handling and "enable" not in handling:
        return False
    return any(
        validation_in(m.group(1), ticket.contact_type)[0]
        for m in _AFTER_THE_RESET.finditer(handling)
    )


# A suspected infection the checks disprove (LABELLING.md; the Duke export's "possible virus
# on computer", "might be infected"): hedged in the opening, found clean in the handling.
_HEDGED = _re(
    r"\b(?:suspects?|suspected|suspicious|thinks?|believes?|may|might|possibl[ey]|potential|"
    r"worried|afraid|unsure|whether|could)\b"
)
_NO_MALWARE = _re(
    r"\bno (?:malware|virus|viruses|infection|threats?)\b|\b0 threats\b|"
    r"\bnot (?:malware|a virus|infected)\b|\bscans? (?:\w+ ){0,3}clean\b|\bclean scan"
)
# A reported mail found genuine (a real notification, a false alarm): no security incident.
_GENUINE = _re(
    r"\b(?:genuine|legitimate|not (?:a )?phishing|false (?:positive|alarm)|safe to open)\b"
)


# A claim quoted from what the screen shows (pop-ups saying "Your PC is infected, call
# Microsoft"): what a pop-up, a page or a mail asserts is a suspicion until the checks
# establish it (LABELLING.md, Logging audit rule 10), unlike an antivirus's own alert on the
# same line, which is a detection.
_QUOTED = re.compile(r'"[^"\n]*"|\u201c[^\u201d\n]*\u201d')
_DETECTOR = _re(
    r"\b(?:defender|sophos|mcafee|norton|symantec|crowdstrike|falcon|sentinel ?one|eset|"
    r"kaspersky|bitdefender|malwarebytes|trend ?micro|webroot|avast|avg|cylance|carbon black|"
    r"anti-?virus|anti-?malware|av|edr|xdr|endpoint (?:protection|security))\b"
)


# A ransom note is the infection's own work, not a claim about one.
_RANSOM = re.compile(r"ransom|encrypt|decrypt|bitcoin")


def _claimed(opening: str) -> bool:
    """Whether a malware word of the normalised `opening` stands in quoted text on a line
    that names no antivirus: a message's claim, not a detection (nor a ransom note)."""
    for line in opening.split("\n"):
        if ('"' in line or "\u201c" in line) and not _DETECTOR.search(line):
            for q in _QUOTED.finditer(line):
                if _MALWARE_WORDS.search(q.group()) and not _RANSOM.search(q.group()):
                    return True
    return False


def malware_disproved(ticket: Ticket) -> bool:
    """Whether the malware the opening names is only suspected (a hedge in its sentence, or
    a message's claim quoted) and the handling says the checks found none, recording no
    threat found."""
    opening = normalise(f"{ticket.short_description}\n{ticket.description}")
    hedged = _claimed(opening) or any(
        _MALWARE_WORDS.search(sentence) and _HEDGED.search(sentence)
        for sentence in _SENTENCES.findall(opening)
    )
    return (
        hedged
        and bool(_NO_MALWARE.search(normalise(handling_text(ticket))))
        and threat_found(ticket) is None
    )


def _with_category(ticket: Ticket, opening: str) -> str:
    """The opening and the category fields: "Security / Malware" names the malware too."""
    return f"{opening}\n{ticket.category} {ticket.subcategory}".lower()


# A step promised in the words after it ("the wipe will be sent if it comes back online",
# "Lock to be sent if the old one comes online"; LABELLING.md, Logging audit rule 9: a
# promise does not count), read in the rest of its sentence.
_PROMISED_AFTER = re.compile(
    r"(?:[ ,]+[\w'-]+){0,2}?[ ,]+(?:will|would|shall|to be|is to be|are to be|going to)\b|"
    r"[^.;!?\n]{0,60}?\b(?:if|once|when) (?:it|they|the (?:\w+ )?(?:device|phone|laptop|tablet|"
    r"handheld|ipad|one)) (?:\w+ )?(?:comes?|checks?|connects?|reconnects?|gets|appears?|"
    r"turns?|goes|is (?:back|found|online|switched))\b"
)


# A step a desk's form writes as not done: an empty box before it on its line ("[ ] wipe",
# "☐ remote lock": steps.UNTICKED), or its own words after it saying so ("wipe - not sent, drive
# encrypted", "remote lock: not done", "wipe not issued").
_UNDONE_AFTER = re.compile(
    r"(?:[\w'-]+ ){0,2}?\s*(?:[-:\u2013\u2014]\s*)?(?:was |is |has been |were )?(?:not|never) "
    r"(?:sent|done|issued|applied|performed|needed|required|possible|actioned|run|triggered|"
    r"completed|carried out)\b"
)


def _undone(m: re.Match) -> bool:
    """Whether the step's match `m` (its string the step's line) is written as not done: an
    empty box of a check-list before it, or "not sent", "not done" right after it."""
    line_start = m.string.rfind("\n", 0, m.start()) + 1
    return bool(steps.UNTICKED.match(m.string[line_start : m.start()])) or bool(
        _UNDONE_AFTER.match(m.string, m.end())
    )


def _promised(m: re.Match) -> bool:
    """Whether the step's match `m` is promised, advised or conditioned before it
    (steps.promised) or in the words after it in its sentence."""
    return steps.promised(m) or bool(_PROMISED_AFTER.match(m.string, m.end()))


def caller_validated(ticket: Ticket, given: Given, offline: bool = False) -> bool | None:
    """The caller-validation criterion's outcome when the rubric has one (met: validated;
    None: left open to the judge, not known yet), else (or when it does not apply) whether
    the ticket documents a validation with its method; `offline`, where the text does not
    settle it (validation_open), the offline judge's reading of that criterion
    (caller.loose_validation), so that a rubric without the criterion reads the ticket as
    one with it does."""
    if "caller_validation" in given and given["caller_validation"] is None:
        return None
    outcome = given.get("caller_validation")
    if outcome in (Outcome.MET, Outcome.PARTLY_MET, Outcome.NOT_MET):
        return outcome is Outcome.MET
    if validation_statement(ticket)[0] is not None:
        return True
    return (
        offline and left_to_the_judge(ticket) is not None and loose_validation(ticket) is not None
    )


def validation_open(ticket: Ticket, criterion: Criterion, given: Given, detected) -> str | None:
    """Why the critical process is open on a rubric without a caller-validation criterion
    (the handling rubric): a process that needs validation applies and the text does not
    settle whether the caller was validated, which the caller-validation rule would leave
    to the judge; None otherwise. On a rubric with that criterion the judge's verdict on it
    re-derives this rule instead (tqrs.rules.settle)."""
    if "caller_validation" in given:
        return None
    required = criterion.parameters.validation_required_for
    if not any(process_id(p, m) in required for p, m in detected):
        return None
    why = left_to_the_judge(ticket)
    if why is None:
        return None
    return f"a password reset or unlock, and whether the caller was validated is open: {why}"


# The caller set or changed the password himself, the desk talking him through it (the
# self-service page, Ctrl+Alt+Del): no reset by the desk (LABELLING.md, Logging audit rule 7).
# Read per sentence: the caller as the one who sets the password, or the desk guiding him.
_SELF_SET = _re(
    r"\b(?:talked|walked|guided|took|talking|walking|guiding|helped) (?:[\w'-]+ ){0,2}through\b|"
    r"\bself[- ]service (?:password|reset|portal|page|site)|\bsspr\b|ctrl ?\+ ?alt ?\+ ?del|"
    r"\b(?:she|he|they|user|caller) (?:then |had |has |successfully )?(?:set|chose|changed|reset|"
    r"created|picked) (?:a |an |his |her |their |the )?(?:own |new )?password|"
    r"password (?:himself|herself|themselves)"
)


# An account no person signs in with: a service, room, device or interface account (audit
# rule 7: their resets are no desk reset of a caller's password).
_NON_PERSON = _re(
    r"\b(?:service|svc|system|room|resource|device|kiosk|interface|integration|api|test|"
    r"generic|equipment|machine|scan(?:ner)?|robot|bot)[ _-]?(?:account|user|login|id)s?\b|"
    r"\bsvc[_-]\w+|\bservice principal\b"
)


def non_person(m: re.Match) -> bool:
    """Whether the sentence of the opening holding the reset or lock-out match `m` is about
    an account no person signs in with."""
    text = m.string
    start = max(text.rfind(c, 0, m.start()) for c in ".;!?\n") + 1
    ends = [i for i in (text.find(c, m.end()) for c in ".;!?\n") if i >= 0]
    return bool(_NON_PERSON.search(text, start, min(ends, default=len(text))))


# A reset or unlock written in Italian, the desk's other language in the Hitachi Rail export
# ("le ho resettato la password", "La password è stata resettata", "Utenza GPLM resettata",
# "abbiamo eseguito una reimpostazione della password"), read in English so that the
# handling's readings (desk_reset, reset_in_handling) read it as its English twin.
_RESET_TERMS = Glossary(
    (
        (
            r"\b(?:(?:le|gli|vi|ti) )?(?:ho|abbiamo|hanno|ha) (?:gi[àa] )?"
            r"(?:resettato|reimpostato|riavviato) (?:la |le |sua |la sua )?(?:password|pwd)\b",
            "reset the password",
        ),
        (
            r"\b(?:la )?(?:password|pwd) (?:(?:è|e'|e) stata )?(?:resettata|reimpostata|riavviata)\b",
            "password has been reset",
        ),
        (
            r"\b(?:(?:ho|abbiamo|hanno|ha) eseguito|(?:è|e'|e) stata eseguita) "
            r"(?:una |la )?reimpostazione della (?:password|pwd)\b",
            "reset the password",
        ),
        (r"\butenza ([\w-]+ )?(?:(?:è|e'|e) stata )?resettata\b", r"reset the \1account"),
        (
            r"\b(?:utenza|account) ([\w-]+ )?(?:(?:è|e'|e) stat[ao] )?sbloccat[ao]\b",
            r"unlocked the \1account",
        ),
    ),
    ("resettat", "reimpostat", "riavviat", "reimpostazione", "sbloccat"),
)


def _desk_handling(ticket: Ticket) -> str:
    """What the desk wrote while working the ticket: each journal entry read without what it
    pasted that is nobody's work on it (note_parts.desk_text: the caller's mail, whose "even
    after I changed Faith's password" is the caller's own act, a chat's other side, a
    machine's record), and the close notes."""
    text = ticket_text(ticket)
    journals = (
        "\n\n".join(x for e in entries if (x := desk_text(e.text, e.author)))
        for entries in (text.work_note_entries, text.comment_entries)
    )
    return "\n".join(x for x in (*journals, ticket.close_notes) if x)


@last_memo  # asked 2-4 times of a password-reset ticket (desk_reset, reset_in_handling)
def _handling_read(ticket: Ticket) -> str:
    """The normalised handling the desk wrote, a reset written in Italian read in English."""
    handling = normalise(_desk_handling(ticket))
    return (
        _RESET_TERMS.in_english(handling) if _RESET_TERMS.holds_normalised(handling) else handling
    )


def desk_reset(ticket: Ticket) -> bool | None:
    """Whether the desk reset a password or unlocked an account: False when the handling
    says it did not, or says only that the caller set his own password (a sentence that
    writes a reset beside the caller's own doing is his), or when nothing was handled yet on
    a ticket still open (no reset done yet: the validation can still come before it,
    LABELLING.md Logging audit rule 7, a reset is one a note says was done); True when a
    sentence writes a reset by the desk as done or nothing was handled on a resolved ticket
    (the opening asks for one), None when the handling says neither."""
    handling = _handling_read(ticket)
    if not handling.strip() and not is_resolved(ticket):
        return False
    found = _desk_reset_in(handling)
    if found is None and _password_delivered(ticket, handling):
        return True
    return found


# A password handed to the user (access_parts.PASSWORD_DELIVERED: "Password has been send to
# user via direct e-mail", closing the Hitachi export's reset requests) answers a reset request:
# the reset done. Not a new account's first password (_NEW_ACCOUNT, as for a mailed one), nor
# credentials the opening says never came ("I haven't receive user and password for ...",
# "Mancato invio credenziali GPLM / Failure to send GPLM credentials").
_DELIVERED = _re(access_parts.PASSWORD_DELIVERED)
_NEVER_CAME = _re(
    r"\b(?:not|never|n'?t|failure to|mancato|mancata) (?:\w+ ){0,2}?"
    r"(?:receiv|sen[dt]|invi|ricev|arriv)\w*(?: \w+){0,4}? (?:credentials?|credenziali|"
    r"password|user)\b"
)


def _password_delivered(ticket: Ticket, handling: str) -> bool:
    """Whether the handling hands a password to the user on a ticket that asks for no new
    account and does not say its first credentials never came."""
    if not _DELIVERED.search(handling):
        return False
    opening = normalise(f"{ticket.short_description}\n{ticket.description}")
    return not _NEVER_CAME.search(opening) and not _NEW_ACCOUNT.search(normalise(all_text(ticket)))


@text_memo  # the rule asks it twice of a ticket (its filter, unsettled_processes)
def _desk_reset_in(handling: str) -> bool | None:
    """desk_reset over the normalised handling text."""
    if _NO_RESET.search(handling):
        return False
    if not handling.strip():
        return True
    if not _RESET_DONE.search(handling):
        return True if _reset_written_in(handling) else None
    # who did it, sentence by sentence (access_parts.reset_by): the desk in one, else the
    # person's own; a reset only asked or promised reads as before (the request answered); one
    # the person is pointed to do through a self-service channel does not say the desk did it
    readings = {
        access_parts.reset_by(x, _SELF_SET, _RESET_DONE)
        for x in _SENTENCES.findall(handling)
        if not _mfa_reset_only(x)
    }
    if "desk" in readings:
        return True
    if "own" in readings:
        return False
    if "not done" in readings:
        # a reset only asked for, the request then refused: no reset by the desk (N/A,
        # LABELLING.md: "a refused reset"); asked and not refused, the request answered
        return not _REQUEST_REFUSED.search(handling)
    return True if _reset_written_in(handling) else None


# The request refused by the desk, said of the record ("I rejected this ticket", "the
# request was declined: the account belongs to another company's system", "request refused,
# not ours to reset"), or not the desk's to do ("the request is not addressable").
_REQUEST_REFUSED = _re(
    r"\b(?:request|ticket|incident|case)\b[^.;\n]{0,30}\b(?:rejected|refused|declined|"
    r"not addressable)\b|"
    r"\b(?:rejected|refused|declined) (?:this|the) (?:\w+ )?(?:request|ticket|incident|case)\b"
)


def _mfa_reset_only(sentence: str) -> bool:
    """Whether every reset _RESET_DONE finds in the normalised `sentence` is an MFA
    factor's, its factor a few words either side ("factor reset and re-enrolled", "reset
    her Okta Verify factor"): no password reset (LABELLING.md, Logging audit rule 7)."""
    return all(
        access_parts.MFA_FACTOR.search(around := _words_around(sentence, m.start(), m.end()))
        and not _PASSWORD_WORD.search(around)
        for m in _RESET_DONE.finditer(sentence)
    )


_PASSWORD_WORD = re.compile(rf"\b{access_parts.PASSWORD}")


def _words_around(text: str, start: int, end: int, words: int = 3) -> str:
    """`text` from `words` words before `start` to `words` words after `end`."""
    before = text[:start].split()[-words:]
    after = text[end:].split()[:words]
    return " ".join([*before, text[start:end], *after])


def unsettled_processes(ticket: Ticket, detected, enabled=None) -> str | None:
    """Why the processes that apply are not settled by the text (None: they are); `enabled`:
    the processes the rubric looks for (all when None)."""
    ids = {p.id for p, _ in detected}
    opening = normalise(f"{ticket.short_description}\n{ticket.description}")
    major = (enabled is None or "major_incident" in enabled) and "major_incident" not in ids
    if (
        major
        and ticket.priority == 1
        and _OUTAGE.search(opening)
        and not child_of_major(ticket)  # read last: it reads the whole text
    ):
        return "a priority 1 outage that does not declare a major incident: it may be one"
    if "malware" in ids and not _MALWARE_WORDS.search(_with_category(ticket, opening)):
        return "a phishing report that names no malware: it may not be a malware incident"
    if "password_reset" in ids and desk_reset(ticket) is None:
        return "the ticket speaks of a password or lock-out, but no reset or unlock by the desk is written"
    lost = enabled is None or "lost_device" in enabled
    if lost and "lost_device" not in ids and steps.device_gone(opening):
        return "the opening names a device and a word of loss or theft: it may be a lost device"
    return None


# The caller rings for someone else, whose account it is ("Shift leader T. Q. rang for his
# operator Gintaras Petrauskas, who is locked out"; "calling on behalf of Dr Amy Lin"): the
# person the reset serves is that one, read from the opening with the name as written.
_FOR_ANOTHER = re.compile(
    r"\b(?:rang|rings|called|calls|calling|phoned|phones|phoning|contacted (?:us|the desk)|"
    r"e-?mailed|walked in|came (?:in|to the desk))\b[^.\n]{0,40}?\b(?:for|on behalf of) "
    r"(?:(?:his|her|their|the|a|an|our)\s+)?(?:[a-z][\w'-]*\s+){0,3}?"
    r"(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)"
)


# A sentence written in one case shows no capital to find a name by: the name is then the
# last word or two of what "for" introduces, where the phrase ends ("rang for his operator
# gintaras petrauskas, who is locked out").
_FOR_ANOTHER_ONE_CASE = re.compile(
    r"\b(?:rang|rings|called|calls|calling|phoned|phones|phoning|contacted (?:us|the desk)|"
    r"e-?mailed|walked in|came (?:in|to the desk))\b[^.\n]{0,40}?\b(?:for|on behalf of) "
    r"(?:(?:his|her|their|the|a|an|our)\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(?:(?:dr|mr|mrs|ms|prof)\.?\s+)?(?P<name>[\w'-]+(?:\s+[\w'-]+)?)"
    r"(?=\s*(?:[,.;:()]|\bwho\b|\bwhose\b|$))",
    re.I,
)


def _named_in_one_case(m: re.Match) -> bool:
    """Whether _FOR_ANOTHER_ONE_CASE's match `m` is written in one case and what it takes for
    the name holds a word no English word list holds (a surname; "for a password reset" is
    no person)."""
    return m[0] in (m[0].lower(), m[0].upper()) and any(
        w not in known_words() for w in m["name"].lower().split()
    )


def owner_not_validated(ticket: Ticket) -> str | None:
    """The name of the person the opening says the caller rang for (the account's owner),
    when the sentence that documents a validation names neither of that person's names:
    the caller was validated, not the owner (LABELLING.md conventions `10_*`: a reset given
    to a colleague calling for the account owner is FAIL); else None."""
    opening = f"{ticket.short_description}\n{ticket.description}"
    m = _FOR_ANOTHER.search(opening)
    if m is None:  # a sentence written in one case, read without capitals
        m = next(filter(_named_in_one_case, _FOR_ANOTHER_ONE_CASE.finditer(opening)), None)
    if m is None:
        return None
    names = [n.lower() for n in m.group("name").split()]
    caller = (ticket.caller or "").lower().split()
    if any(n in caller for n in names):
        return None  # the caller field names the owner: the ticket is the owner's own
    sentence = validation_statement(ticket)[0]
    if sentence is None or any(re.search(rf"\b{re.escape(n)}\b", sentence) for n in names):
        return None
    return m.group("name")


# Caller-validation outcomes that say nothing about whether the caller was validated: the
# processes needing validation take the same status (out of the maximum), never an automatic
# fail on a validation nobody has read; re-derived once an analyst decides it.
_VALIDATION_UNKNOWN = {
    Outcome.NOT_ASSESSABLE: "whether the caller was validated is not in the export",
    Outcome.EVIDENCE_NOT_FOUND: "the caller validation it rests on is flagged for review (the "
    "judge's evidence was not found in the ticket, or the offline reading could not tell)",
}


def process_names(detected) -> str:
    """The titles of the (process, match) pairs found, as the verdicts name them."""
    return ", ".join(p.title for p, _ in detected)


def judge_processes(ticket: Ticket, criterion: Criterion, given: Given, detected, offline=False):
    """The verdict for the processes in `detected` (the worst outcome wins)."""
    opening = f"{ticket.short_description}\n{ticket.description}"
    method = "offline" if offline else "rule"
    if not detected:
        return result(
            criterion, Outcome.NOT_APPLICABLE, "", "No critical process applies to this ticket.",
            method=method,
        )  # fmt: skip
    names = process_names(detected)
    first_quote = _quote_of(ticket, opening, detected[0][1])
    required = criterion.parameters.validation_required_for
    needing = [(p, m) for p, m in detected if process_id(p, m) in required]
    unknown = given.get("caller_validation")
    if needing and unknown in _VALIDATION_UNKNOWN:
        if len(needing) == len(detected):
            return result(
                criterion,
                unknown,
                first_quote,
                f"{names.capitalize()}, but {_VALIDATION_UNKNOWN[unknown]}: "
                f"{unknown.value.replace('_', ' ')}, never an automatic fail.",
                method=method,
            )
        needing = []  # the other processes are still judged on their steps
    text = normalise(all_text(ticket))
    if needing:  # whether and when the caller was validated does not depend on the process
        validated = caller_validated(ticket, given, offline)
        late = (
            find_affirmed(_LATE, text)
            or validated_after_reset(ticket)
            or validated_later_in_line(ticket)
            or validated_in_clause_after_reset(ticket)
            or validated_later_by_clock(ticket)
        )
        owner = None if validated is False or late else owner_not_validated(ticket)
        if validated is False or late or owner:
            title = process_id(*needing[0]).replace("_", " ")
            why = (
                f"the caller validated but not {owner}, who owns the account"
                if owner
                else "the validation is written as done after the reset"
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
    missing, promised = [], []  # steps not written / written only as promised
    for process, _ in detected:
        if process.id == "vip" and ticket.priority in (1, 2):
            continue
        for need, pattern in process.steps:
            found = [m for m in affirmed_by_line(pattern, text) if not _undone(m)]
            if not found:
                missing.append((process, need))
            elif all(map(_promised, found)):
                promised.append((process, need))
    handling = handling_text(ticket)
    if offline:  # the open steps read in other words; a promise is no step
        # (a step written in its known phrasing only as promised stays open: "will send the
        # wipe if it comes online" beside "device token revoked" is no wipe)
        missing = [(p, need) for p, need in missing if not steps.done(need, handling)]
        missing += promised
    elif promised:  # the processes apply: only whether their steps were taken is open
        return defer(
            criterion,
            f"{names.capitalize()}: '{promised[0][1]}' is written as promised or advised "
            "rather than done",
            applies=names,
        )
    elif unsure := [(n, s) for _, n in missing if (s := steps.candidate(n, handling))]:
        return defer(
            criterion,
            f"{names.capitalize()}: '{unsure[0][0]}' is not in a known phrasing, but the "
            "handling may say it in other words",
            quote(unsure[0][1]),
            applies=names,
        )
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
        Outcome.EVIDENCE_NOT_FOUND,
    ),
    uses=("caller_validation",),
    defers=True,
)
def critical_process(ticket: Ticket, criterion: Criterion, given: Given):
    detected = [
        (p, m)
        for p, m in detect_processes(ticket, criterion.parameters.critical_processes)
        if (p is not PASSWORD_RESET or (desk_reset(ticket) is not False and not non_person(m)))
        and not (p.id == "malware" and malware_disproved(ticket))
        and not (p.id == "major_incident" and child_of_major(ticket))
        and not (p.id == "vip" and assistant_only(m))
        and not (p.id == "lost_device" and found_again(ticket))
    ]
    if detected and duplicate(ticket):
        detected = []
    detected += found_threat(ticket, detected, criterion.parameters.critical_processes)
    detected += major_in_handling(ticket, detected, criterion.parameters.critical_processes)
    detected += reset_in_handling(ticket, detected, criterion.parameters.critical_processes)
    why = unsettled_processes(ticket, detected, criterion.parameters.critical_processes)
    if why is not None:  # whether a process applies is itself open
        return defer(criterion, why)
    why = validation_open(ticket, criterion, given, detected)
    if why is not None:  # a reset applies: only whether the caller was validated is open
        return defer(criterion, why, unsettled_passage(ticket), applies=process_names(detected))
    return judge_processes(ticket, criterion, given, detected)


def found_threat(ticket: Ticket, detected, enabled) -> list[tuple[Process, re.Match]]:
    """The malware process when the opening names none but the handling records a threat
    found on the device (and the checks do not disprove it); else nothing."""
    if "malware" not in enabled or any(p.id == "malware" for p, _ in detected):
        return []
    m = threat_found(ticket)
    if m is None or malware_disproved(ticket):
        return []
    return [(next(p for p in PROCESSES if p.id == "malware"), _SENTENCE.search(m.group(0)))]


def major_in_handling(ticket: Ticket, detected, enabled) -> list[tuple[Process, re.Match]]:
    """The major-incident process when the opening shows none but the handling declares or
    runs one (declared_major); else nothing. Not on a duplicate closed without action."""
    if "major_incident" not in enabled or any(p is MAJOR_INCIDENT for p, _ in detected):
        return []
    m = declared_major(ticket)
    if m is None or duplicate(ticket):
        return []
    return [(MAJOR_INCIDENT, _SENTENCE.search(m.group(0)))]


# A person's password reset or account unlocked by the desk, written in the handling though
# the opening asks for neither ("cannot sign in to SAP" ... "account locked, unlocked after
# the Okta push"): LABELLING.md, Logging audit rule 7 ("recorded when a work note, comment or
# the close notes say that the desk ... reset a password, unlocked or re-enabled an
# account"). The account or password named beside the verb; not a service, room or device
# account, a BitLocker key, a file, sheet, PDF, SIM, screen or queue lock.
_HANDLING_RESET = _re(
    r"\breset (?:the |his |her |their |user'?s |caller'?s |[\w.'-]+'s )?(?:[\w-]+ )?"
    r"(?:password|account)\b|\bpassword (?:has been |was |is )?reset\b|"
    r"\bunlocked (?:the |his |her |their |user'?s |[\w.'-]+'s )?(?:[\w-]+ )?(?:account|login|"
    r"user|id)\b|\b(?:account|login|user) (?:was |has been |is |now )?unlocked\b|"
    r"\bre-?enabled (?:the |his |her |their |[\w.'-]+'s )?(?:[\w-]+ )?account\b|"
    r"released the lock|clear(?:ed)? (?:the |his |her |their )?account lock|unlock-adaccount|"
    r"set (?:a )?(?:new|temp\w*|initial) password|"
    r"temp(?:orary)? password (?:given|issued|set|provided|read|sent)|"
    # a password the desk mailed or sent to the user, on a ticket that names no reset
    # ("GPLM access problem" closed with "Email with password has been send to User")
    r"\b(?:e-?mail|mail) with (?:the |a )?(?:new )?password (?:has been |was )?sen[dt]\b|"
    r"\bnew password (?:has been |was )?(?:e-?mailed|sent|send)\b"
)
_NOT_A_PERSON_RESET = _re(
    r"\b(?:bitlocker|recovery key|pdf|sheet|spreadsheet|workbook|document|file|sim|puk|"
    r"keyboard|screen|queue|vault|admin password|printer|mfp|router|switch|firewall|wi-?fi|"
    r"psk|pre-?shared|local admin|laps|copied from|pasted from)\b|"
    # a reset explained, linked or promised is none done by the desk
    r"\b(?:how to|link|portal|instructions|guide|kb\d*|article|advised|will|to be|should|if|"
    r"(?:asked|told|showed) (?:him|her|them|the user|the caller) (?:to|how))\b"
)


def reset_in_handling(ticket: Ticket, detected, enabled) -> list[tuple[Process, re.Match]]:
    """The password-reset process when the opening shows none but a handling sentence
    writes the desk resetting a person's password or unlocking a person's account (not one
    asked for, not the caller's own change); else nothing. Not on a duplicate."""
    if any(p is PASSWORD_RESET for p, _ in detected):
        return []
    phrase = _reset_written_in(_handling_read(ticket))
    if phrase is None:
        return []
    m = _SENTENCE.search(phrase)
    if enabled is not None and process_id(PASSWORD_RESET, m) not in enabled:
        return []
    if desk_reset(ticket) is False or duplicate(ticket):
        return []
    # a new account's first password mailed is no reset
    if _MAILED.search(phrase) and _NEW_ACCOUNT.search(normalise(all_text(ticket))):
        return []
    # nor one handed over in other words, read by its parts ("the password to the new system
    # has been reset for: user ..., pass: ..."), when the opening asks for a new account (the
    # opening only: the handling's own "new credentials to the user" is no new user)
    opening = f"{ticket.short_description}\n{ticket.description}"
    if not _HANDLING_RESET.search(phrase) and _NEW_ACCOUNT.search(normalise(opening)):
        return []
    return [(PASSWORD_RESET, m)]


# A password mailed to the user (_HANDLING_RESET's last branches), and a new account, whose
# first password the desk mails ("New Windchill Account" ... "Account has been created.
# Email with password has been sent to the user": 50 such Hitachi tickets).
_MAILED = _re(
    r"\b(?:e-?)?mail with (?:the |a )?(?:new )?password|\bnew password (?:has been |was )?(?:e-?mailed|sen[dt])"
)
_NEW_ACCOUNT = _re(
    r"\bnew (?:[\w()-]+ ){0,3}(?:account|user)s?\b|\baccounts? (?:has |have )?(?:been |was |were )?"
    r"created\b|\bcreate (?:a |the )?(?:new )?(?:[\w-]+ )?(?:account|user)\b|"
    r"\buser (?:and|e) password (?:for|per)\b|\badd (?:the )?user to\b"
)


# A reset of either reading, to find the clause that writes it (access_parts.reset_by).
_ANY_RESET = _re(rf"{_HANDLING_RESET.pattern}|{access_parts.RESET_BY_PARTS.pattern}")
# A word every reset of _HANDLING_RESET or access_parts holds ("password", "unlock",
# "lockout", "re-enabled", "unsuspended", "credentials", "login details", "got her back into").
_HANDLING_WORDS = (
    "reset",
    "lock",
    "password",
    "enabled",
    "credential",
    "suspen",
    "details",
    "back in",
    "back on",
)


@text_memo  # both rubrics ask it of the same handling
def _reset_written_in(handling: str) -> str | None:
    """The phrase of the first sentence of the normalised `handling` that writes a desk
    reset or unlock of a person's account (reset_in_handling), or None."""
    if not any(map(handling.__contains__, _HANDLING_WORDS)):
        return None
    if not _HANDLING_RESET.search(handling) and not access_parts.RESET_BY_PARTS.search(handling):
        return None  # one pass over the whole text before any sentence is read
    for sentence in _SENTENCES.findall(handling):
        m = _HANDLING_RESET.search(sentence) or access_parts.reset_by_parts(sentence)
        if (
            m is None
            or negated(sentence, m.start())
            or _ASKED.search(sentence)
            or _NON_PERSON.search(sentence)
            or _NOT_A_PERSON_RESET.search(sentence)
            or access_parts.reset_by(sentence, _SELF_SET, _ANY_RESET) != "desk"
        ):
            continue
        return m.group(0)
    return None


def offline_processes(ticket: Ticket, criterion: Criterion, given: Given):
    """The offline reading of an open case: a priority 1 outage is a major incident, a
    phishing report that names no malware is a security incident (Security must be told)
    unless the mail is found genuine, a lock-out whose handling shows no reset or unlock is
    no password reset."""
    enabled = criterion.parameters.critical_processes
    detected = detect_processes(ticket, enabled)
    opening = normalise(f"{ticket.short_description}\n{ticket.description}")
    kept = []
    for process, m in detected:
        if process.id == "malware" and malware_disproved(ticket):
            continue
        if process.id == "malware" and not _MALWARE_WORDS.search(_with_category(ticket, opening)):
            if "data_privacy" in enabled and not _GENUINE.search(normalise(all_text(ticket))):
                kept.append((SECURITY_INCIDENT, m))
            continue
        if process is PASSWORD_RESET and (not desk_reset(ticket) or non_person(m)):
            continue
        if process.id == "major_incident" and child_of_major(ticket):
            continue
        if (process.id == "vip" and assistant_only(m)) or (
            process.id == "lost_device" and found_again(ticket)
        ):
            continue
        kept.append((process, m))
    if kept and duplicate(ticket):
        kept = []
    kept += found_threat(ticket, kept, enabled)
    kept += major_in_handling(ticket, kept, enabled)
    kept += reset_in_handling(ticket, kept, enabled)
    gone = steps.device_gone(opening)
    if (
        "lost_device" in enabled
        and gone
        and gone[1]
        and all(p.id != "lost_device" for p, _ in kept)
    ):
        lost = next(p for p in PROCESSES if p.id == "lost_device")
        kept.append((lost, _SENTENCE.search(gone[0])))
    if (
        "major_incident" in enabled
        and not child_of_major(ticket)
        and ticket.priority == 1
        and _OUTAGE.search(opening)
        and _outage_scope_written(ticket, opening)
    ):
        major = next(p for p in PROCESSES if p.id == "major_incident")
        if all(p is not major for p, _ in kept):
            kept.append((major, _OUTAGE.search(opening)))
    if "caller_validation" not in given and left_to_the_judge(ticket) is not None:
        # a rubric without the criterion reads the validation as one with it does (the
        # offline reading of caller validation): an unsure reading is no automatic fail
        given = {**given, "caller_validation": offline_validation(ticket)[0]}
    return judge_processes(ticket, criterion, given, kept, offline=True)
