"""What the offline heuristics look for in a ticket's words: the four things a description
should say, and troubleshooting steps with their results. Word lists, not a model: each
signal is a short list of cues a quality reviewer reads for, collected from public incident
logging and ticket-documentation guides (tqrs/judges/SOURCES.md), tuned only on the `tune`
half of tests/eval_set/.

A signal is found or not; finding one never deducts anything. Every deduction the offline
judge makes is "this part was not found", which an analyst can check by reading the text."""

import functools
import html
import re

from tqrs.judges import step_parts
from tqrs.rules.literals import any_of
from tqrs.rules.mail_header import ENGLISH_FIELDS, OTHER_ENGLISH_FIELDS, TRANSLATED_FIELDS, one_of
from tqrs.rules.patterns import Caseless
from tqrs.rules.spelling import is_known, known_words
from tqrs.rules.text import (
    GREETING_WORDS,
    NEGATIONS,
    SYMPTOM_STEMS,
    forgotten_with_text_memos,
    has_content_word,
    normalise,
    text_memo,
    without_line_times,
    without_list_markers,
)
from tqrs.rules.text import UNANSWERED as UNANSWERED  # one definition, re-exported
from tqrs.rules.text import contact_attempt as contact_attempt  # one definition, re-exported
from tqrs.rules.text import is_listed as is_listed  # one list-marker reading, re-exported
from tqrs.topics import TOPICS


class Cues:
    """Whole words, word beginnings and phrases of one part, matched on a text's words (word
    sets: a dozen case-insensitive regex alternations per ticket cost more than the rest of
    the judge), and a regex for what needs digits."""

    def __init__(self, exact: str, stems: str = "", phrases: tuple[str, ...] = (), digits=None):
        self.exact = frozenset(exact.split())
        self.stems = tuple(stems.split())
        # a token begins with a stem exactly when " stem" is in `joined` (tokens hold no
        # space): one scan of it instead of a startswith per token
        self._stem_starts = any_of(f" {s}" for s in self.stems) if self.stems else None
        self.phrases = tuple(f" {p} " for p in phrases)
        self.digits = re.compile(digits, re.I) if digits else None

    def found(self, tokens: set[str], joined: str, text: str) -> bool:
        """Whether the part is said: `tokens` are the text's words (_TOKEN), `joined` the
        same words in a line, each between spaces."""
        return bool(
            tokens & self.exact
            or (self._stem_starts is not None and self._stem_starts.search(joined))
            or any(map(joined.__contains__, self.phrases))
            or (self.digits and _DIGIT.search(text) and self.digits.search(text))
        )


_DIGIT = re.compile(r"\d")
_DAYS = "monday tuesday wednesday thursday friday saturday sunday"
# The days in the other languages the desk reads (German, French, Spanish, Dutch, Polish;
# Polish also as the genitive after "od", "since": "od poniedziałku"): a start written in
# another language is a start (LABELLING.md D1, D6: the language does not matter).
_DAYS_ABROAD = (
    "montag dienstag mittwoch donnerstag freitag samstag sonntag "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "lunes martes miércoles miercoles jueves viernes sábado sabado "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag "
    "poniedziałek poniedziałku wtorek wtorku środa środy czwartek czwartku piątek piątku "
    "sobota soboty niedziela niedzieli"
)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
# A month written short in a date ("27 Nov", "Nov 27th"; a dot after it too).
_MONTHS_SHORT = "jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec"
# The parts of a good description (ITIL incident logging: symptoms and error messages, the
# time it started or last worked, the users and business affected, the service or device).
DESCRIPTION_PARTS: dict[str, Cues] = {
    # what goes wrong: an error, a failure, something that does not happen
    "symptom": Cues(
        "error errors stuck timeout bsod missing lost stolen left wrong late delayed nothing "
        "forgot forgotten without "
        "suspicious phishing expire expired expires denied declined rejected disappeared "
        "unreachable down outage prompt prompts message warning never aren't arent didn't "
        f"didnt {' '.join(sorted(NEGATIONS))} keeps "
        "empty blank grey greyed red noise hang hangs hanging "
        # what the user sees or gets: "showed a full-screen note", "keep getting a message"
        "shows showed showing displays displayed appears appeared popup popups detected alert "
        "alerts instead keep "
        # what happens twice that should happen once ("released twice", "double bookings",
        # "duplicate charges")
        "twice duplicate duplicated duplicates "
        # what is wrong with a sound ("a strong echo on the call", "the voice is muffled")
        "echo echoes echoing echoey muffled inaudible "
        # a thing stolen, told in other words ("snatched from his hand", "nicked from
        # reception", "a theft")
        "snatched nicked pinched theft burgled burglary robbed "
        # the same in the other languages the desk reads (German, French, Spanish)
        "nicht kein keine keinen fehler erreur impossible falla fallo",
        SYMPTOM_STEMS,
        (
            # slowness told in plain words ("Pages are taking more time to load than normal")
            "taking more time",
            "takes more time",
            "take more time",
            "taking longer",
            "takes longer",
            "take longer",
            "timed out",
            "time out",
            "times out",
            "blue screen",
            "read only",
            "can not",
            "straight to",
            "connection reset",
            "access violation",
            "used to",
            "pop up",
            "pops up",
            # a sound or a signal lost for moments ("the microphone cuts out")
            "cuts out",
            "cutting out",
            "cut out",
            # what is lost off the edge of a print, a picture or a call ("the barcode is cut
            # off", "calls are cut off after 60 seconds")
            "cut off",
            "cuts off",
            "cutting off",
            # a thing stolen, told by where it was taken from
            "taken from",
            # mail that lands where nobody reads it ("arrived in spam", "going to junk")
            *(
                f"{p} {d}{w}"
                for p in ("in", "into", "to", "as")
                for d in ("", "the ", "their ")
                for w in ("spam", "junk")
            ),
            "no puedo",
            "funktioniert nicht",
            "ne fonctionne pas",
        ),
        # slowness told by how long a step takes ("takes 40-60 seconds to open a record",
        # "has taken 8-10 minutes to reach the desktop"); not what a task costs ("a restart
        # takes 40 minutes of purging")
        r"\b(?:takes?|taking|taken|took) (?:about |around |over |up to |nearly |roughly )?"
        r"\d[\d-]* ?(?:seconds|secs|minutes|mins|hours|hrs) to [a-z]",
    ),
    # when it started or last worked (how often it happens is no start: "whenever", "every time")
    "timing": Cues(
        f"since today yesterday tonight tomorrow overnight ago weekend desde seit "
        f"depuis ayer gestern hier hoy heute ontem hoje sinds gisteren vandaag vanochtend "
        f"wczoraj dzisiaj dziś rano {_DAYS} {_DAYS_ABROAD}",
        "",
        (
            *(f"this {w}" for w in "morning afternoon evening week".split()),
            *(f"last {w}" for w in f"night week month update reboot {_DAYS}".split()),
            "first day",
            # the start told by the event it came with ("it started after lunch", "began
            # when the update went in"): since when, without a clock
            *(
                f"{v} {w}"
                for v in ("started", "began", "starting")
                for w in ("after", "when", "following", "straight after", "right after")
            ),
            *(f"for {w}" for w in "days hours weeks".split()),
            *(
                f"for {n} {w}"
                for n in "two three few several many".split()
                for w in ("days", "hours", "weeks")
            ),
        ),
        r"(?<![\w-])(?:\d{1,2}(?::\d\d)? ?(?:am|pm)|\d{1,2}:\d\d|"
        # a day and month ("27.11", "3/10/2025"), not a version ("Creo 5.0": no month 0)
        r"\d{1,2}[./](?!0(?!\d))\d{1,2}\.?(?:\d{2,4})?|\d{4}-\d\d-\d\d|"
        r"for \d+ (?:days|hours|weeks)|"
        # the 24-hour clock written without a colon, as a ship's log or a control room
        # writes it ("lost at 0258", "since about 1845", "at 1430hrs"); not a quantity
        # ("at 1200 dpi")
        r"(?:at|since) (?:about |around |approx\.? )?(?:[01]\d|2[0-3])[0-5]\d(?: ?(?:hrs|hours))?"
        r"(?! ?(?:dpi|rpm|ppm|[kmg]b|[kmg]?hz|px|mm|cm|kg|bps|baud|[vwx])\b|%)|"
        # a date with its month named ("3 October", "October 3rd"); a month alone ("mails
        # older than March") is no start
        rf"\d{{1,2}}(?:st|nd|rd|th)? (?:{_MONTHS}|(?:{_MONTHS_SHORT})\.?)|"
        rf"(?:{_MONTHS}|(?:{_MONTHS_SHORT})\.?) \d{{1,2}}(?:st|nd|rd|th)?)(?![\w-])",
    ),
    # who or how many are affected, what it blocks, how urgent, what they do meanwhile; not a
    # contrast ("other documents open", LABELLING.md D2) and not a request's need ("needs a
    # reset": what is asked for)
    "impact": Cues(
        "users people staff team colleague colleagues everyone everybody nobody all whole "
        "several many only site department daily weekly due customer customers "
        "client clients deadline asap critical relies "
        "rely depend depends waiting wait loses losing missed spare loaner workaround "
        "meanwhile payroll audit board we our must risk hotline normally "
        # people in the plural, by what they do: the scope ("320 students", "the pickers")
        "students pupils patients guests drivers pickers agents managers nurses doctors "
        "clinicians lecturers teachers planners operators cashiers engineers crews shifts "
        "stewards marshals porters receptionists technicians fitters carers volunteers "
        # the same in the other languages the desk reads (German, French, Spanish)
        "andere anderen alle muss otros todos autres tous équipe equipo personnes personas "
        "personen mitarbeiter operarios utilisateurs usuarios benutzer",
        "affect impact block prevent urgen",
        (
            "every day",
            "every morning",
            "lost work",
            "unable to work",
            "for now",
            "month end",
            "cannot work",
            "can't work",
            "cant work",
            "can not work",
            "has to",
            "have to",
            "at risk",
            # the impact stated as none (LABELLING.md D2): the caller's work is written
            "no rush",
            "no hurry",
            "not urgent",
            "still works",
            "still work",
            "can still",
            "can work",
            # the volume of work that waits on it: "about 60 mails a day"
            *(f"{a} {w}" for a in ("a", "per", "an", "each") for w in ("day", "hour", "week")),
        ),
        r"(?<![\w-])(?:\d+ (?:\w+ )?(?:users|people|staff|sites?|pcs|laptops|vms|servers|hosts|"
        r"members)|in \d+ days)(?![\w-])|"
        # a count of things that wait on it ("42 drivers' cards", "15 containers", "18 orders"):
        # a number, then a plural that is no unit of time or size
        r"(?<![\w.,:/-])\d[\d,]*\s+(?:[a-z-]+\s+)?(?!(?:seconds|minutes|mins|hours|hrs|days|"
        r"weeks|months|years|times|pages|bytes|items|digits|characters|attempts|tries)\b)"
        r"[a-z]{3,}s\b",
    ),
}
_PARTS = (*DESCRIPTION_PARTS, "context")


class _Words:
    """A pattern of words whose letters are `letters` (by default any letter or digit), read
    over ASCII text with [A-Za-z0-9] in its place: the same matches (on ASCII text those are
    its letters and digits), found with a range test instead of a Unicode lookup for every
    character (the word patterns read every ticket's description several times)."""

    __slots__ = ("_ascii", "_any", "pattern")

    def __init__(self, pattern: str, letters: str = r"[^\W_]"):
        self.pattern = pattern
        self._any = re.compile(pattern)
        self._ascii = re.compile(pattern.replace(letters, "[A-Za-z0-9]"))

    def findall(self, text: str) -> list:
        return (self._ascii if text.isascii() else self._any).findall(text)

    def finditer(self, text: str):
        return (self._ascii if text.isascii() else self._any).finditer(text)


# Words in any letters ("équipe"), English contractions kept whole ("can't"), French
# elisions split ("l'équipe" -> "l", "équipe").
_TOKEN = _Words(r"[^\W_]+(?:'(?:t|s|re|ve|ll|d|m)\b)?")
# A named device, host or asset tag ("OSL-LT-0390", "PRN-RTM-0110", "esx-osl-07", a UNC
# path), or an application, service or device any topic of tqrs.topics names, is the
# context a reader needs.
_ASSET = re.compile(
    r"\b[A-Z]{2,}[A-Z0-9-]*\d|\b[a-z]+-[a-z0-9-]*\d|\\\\\w|"
    # a tag of three parts in letters ("AV-CRK-TRC", "ACC-ZAR-PARK"), a host or web address
    # ("intranet.bro.local/canteen"), a menu path in the application ("Sales > All orders")
    r"\b[A-Z]{2,}(?:-[A-Z0-9]{2,}){2,}\b|\b[a-z][\w-]*\.[a-z][\w-]*\.(?:local|lan|corp|"
    r"internal|intra|com|net|org|io)\b|\w > [A-Za-z]"
)
_PLACES = frozenset(
    "drive share folder server terminal intranet extranet ipad iphone tablet smartboard "
    "whiteboard pc pcs computer workstation kiosk kiosks till tills timeclock projector fax "
    # a device by its kind in the plural as in the singular ("the screen" is a device by the
    # topics' words; "the three screens", "the card readers", "both terminals")
    "screens readers terminals "
    # sound and weighing devices by their kind ("the radio microphone", "the loop
    # amplifier", "the checkweigher", "car radios", "the recorder that keeps the radio
    # transmissions"; "radio" alone is as often what a thing
    # works by: "the radio dispatch console", "a radio button")
    "microphone microphones mic mics speakerphone speakerphones speakers scales checkweigher "
    "checkweighers weighbridge amplifier amplifiers mixer mixers headphones soundbar "
    "intercom intercoms tannoy radios recorder recorders "
    "okta duo authenticator "
    # kinds of business system, by the acronym a desk writes them with ("locked out of SIS")
    "erp crm sis wms pas ehr emr hris lims cmms mes tms pos vle lms cad "
    # the same in the other languages the desk reads
    "poste ordinateur imprimante rechner drucker ordenador impresora portátil".split()
)
# A message sent by e-mail names the e-mail system as "an e-mail" does ("I e-mailed the
# statement to the wrong customer"); one posted ("mailed") names none.
_MAILED = re.compile(r"\be-?mailed\b")
# A named application: capitalised words, then what kind of thing it is ("the Power BI
# report", "the Fleet Maintenance calendar").
_NAMED_APP = re.compile(
    r"\b[A-Z][\w]*(?: [A-Z][\w]*)* (?:report|app|portal|tool|site|dashboard|client|calendar|"
    r"module|database)\b|"
    # a product name in CamelCase ("DocuSign", "GlobalProtect", "SharePoint")
    r"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b|"
    # one with a small first letter ("iPad", "eCW")
    r"\b[a-z][A-Z][A-Za-z]+\b"
)
# The third part of a 4-part short description ("Company - Location - Application - Issue")
# is the application or device, unless it is a catch-all.
_SEPARATOR = re.compile(r"\s[-|]\s")
_CATCH_ALL = frozenset("other general misc issue issues problem n/a na unknown it".split())


def application_part(short_description: str) -> str:
    """The application part of a 4-part `short_description` ("" when it has none, or a
    catch-all: "Other", "n/a")."""
    parts = _SEPARATOR.split(short_description, maxsplit=3)
    app = parts[2].strip() if len(parts) == 4 else ""
    return "" if app.lower() in _CATCH_ALL else app


def names_application(short_description: str) -> bool:
    """Whether `short_description` is in the 4-part form with its application part set."""
    return bool(application_part(short_description))


# The things the topics name; not the access topic's words (a password, a sign-in, a lockout
# are what fails, not where: "I forgot my password and need to log in" names no system).
_TOPIC_WORDS = re.compile(
    "|".join(f"(?:{t.words.pattern})" for t in TOPICS if t.id != "access"), re.I
)


def topic_names(word: str) -> bool:
    """Whether a word is an application, service or device one of tqrs.topics names
    ("outlook", "vpn", "printer")."""
    return _TOPIC_WORDS.search(word) is not None


# A kind of thing that names nothing by itself ("the system", "the app", "it"; LABELLING.md
# D5), unless a word before it says which ("the clinical system", "the tender portal",
# "my work account").
_GENERIC_THING = frozenset(
    "system systems app apps application applications portal platform website site software "
    "program tool account acct dashboard sistem".split()
)
_WHICH_THING = re.compile(
    r"\b(?!(?:the|a|an|my|our|your|his|her|their|its|this|that|any|every|some|same|new|old|"
    r"whole|main|other|of|in|on|to|into|for|from|with|and|or|is|was|it)\b)[a-z][\w-]{2,} "
    r"(?:" + "|".join(sorted(_GENERIC_THING)) + r")\b",
    re.I,
)


# A word written with a capital inside a sentence ("the route optimiser (Descartes)", "this
# morning's IVR change", "at Dundee HQ"), or an acronym anywhere.
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*\b")
_SENTENCE_START = frozenset('.!?:;\n"')


# A place named by its own name and its kind ("AT DUNDEE HQ", "in leeds office"), read in
# a line written in one case, where the name's capital is lost: a name is no determiner
# and no word of where someone works from ("at home office").
_PLACE_NAMED = re.compile(
    r"\b(?:at|in|from|to) (?!(?:the|a|an|my|our|your|his|her|their|this|that|its|home|head|"
    r"main|new|old|same|other|each|every|any|one|another|work|back)\b)[a-z]{3,} (?:hq|office|"
    r"site|campus|depot|branch|plant|warehouse|store|hospital|school|clinic|ward|station|"
    r"yard|factory|mill|farm)\b",
    re.I,
)


def names_a_thing(text: str, people: str = "") -> bool:
    """Whether `text` names something by its own name (LABELLING.md D5 read the other way
    round: a description lacks the device or application only when it never names what
    fails): a word written with a capital inside a sentence, or an acronym anywhere, that is
    no English word and no part of a name in `people` (the caller: "Night hub manager Imran
    Qadir").
    Each line is read apart; in a line written in one case, where capitals say nothing, any
    word of three letters or more that is no English word in the wider dictionary either
    ("westlaw", "ivr")."""
    known = known_words()
    people_words = set(_TOKEN.findall(people.lower()))
    for line in text.splitlines():
        if one_case(line):
            if _PLACE_NAMED.search(line):
                return True
            if any(
                len(w) > 2
                and w.isalpha()
                and w not in known
                and w not in people_words
                and not is_known(w)  # the wider English dictionary: "telesales" is a word
                for w in _TOKEN.findall(line.lower())
            ):
                return True
            continue
        for m in _CAPITALISED.finditer(line):
            word = m.group()
            lower = word.lower()
            if lower in people_words or len(word) < 2:
                continue
            before = line[: m.start()].rstrip(" \t('\u201c")
            if not word.isupper() and (not before or before[-1] in _SENTENCE_START):
                continue  # a sentence's first word is capitalised whatever it is
            if lower not in known:  # "IVR", "Westlaw"; not "ASAP", "URGENT", "Bath"
                return True
    return False


# The exact message the user saw, quoted ("Cannot start Microsoft Outlook", error
# 0x80070005): guides ask for the full error message, the actual result against the
# expected one (tqrs/judges/SOURCES.md).
_QUOTED_MESSAGE = re.compile(
    r'["\u201c\u201e\u00ab][^"\u201c\u201d\u00bb\n]{4,200}["\u201d\u201c\u00bb]|\b0x[0-9a-f]{4,}\b',
    re.I,
)
# A sentence about the caller's work rather than the fault: a person, then what they do
# with the thing, present tense ("She books the trucks for tomorrow's routes from it",
# "The caller keeps customs templates on the Desktop", "We use it for payroll"), or who
# they are ("He is a dispatcher", "I'm in customer service", "Soy jefa de turno"). What
# they do with it is what the fault blocks (business impact in plain terms; SOURCES.md).
_WORK_SENTENCE = re.compile(
    r"(?:^|[.;:!?]\s+|\n)(?:(?:she|he|(?:the )?(?:caller|user|requester))\s+"
    r"(?:also\s+|only\s+|usually\s+)?"
    r"(?!(?:is|was|has|had|does|did|says|said|seems|tries|gets|sees|thinks|"
    r"asks|wants|reports|reported)\b)[a-z]+[^s\W]s\b(?!\s+\w+ing\b)|"
    r"(?:i'm|i am|(?:she|he|(?:the )?(?:caller|user|requester)) is|they are|we are)\s+"
    r"(?:a|an|the|our|in|part of)\s|"
    r"(?:soy|je suis|ich bin)\s|"
    r"(?:i|we|they)\s+(?:use|rely|depend|run|book|serve|process|handle|print|send)\b)",
    re.I,
)
# An event the caller needs it for, with its time: "Training sessions in SAP start
# Wednesday", "meetings start at 11:00", "a supplier call at 11:00".
EVENT_AT = re.compile(
    r"\b(?:meetings?|training|sessions?|presentation|huddle|call|exam|class|demo|audit)\b"
    r"[^.;\n]{0,30}?\b(?:starts?|begins?|at \d|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"today|tomorrow|tonight|this (?:morning|afternoon))",
    re.I,
)


# A count in words of the people or things that wait on it ("the two receivers cannot book
# in", "twelve orders stuck"), as the impact cue reads one in digits.
_COUNT_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty hundred hundreds dozen dozens both several".split()
)
_COUNTED_IN_WORDS = re.compile(  # over the lower-case text holding one of _COUNT_WORDS
    r"\b(?:" + "|".join(sorted(_COUNT_WORDS, key=len, reverse=True)) + r")\s+"
    r"(?:of (?:the |our |my )?)?(?:[a-z-]+\s+)?(?!(?:seconds|minutes|mins|hours|hrs|days|weeks|"
    r"months|years|times|pages|bytes|items|digits|characters|attempts|tries|ways)\b)[a-z]{3,}s\b"
)


# Words too common to show that two texts say the same thing.
_COMMON = frozenset(
    "a an the in on at to of for and or is are was be it its my our from with by not no "
    "after since".split()
)

# A form field left blank ("Since:", "Business impact:" with nothing after): its label
# says nothing.
_BLANK_FIELD = re.compile(r"^[ \t]*[A-Za-z][\w /()]{0,30}:[ \t]*$", re.M)


def restates_issue(short_description: str, description: str) -> bool:
    """Whether the description says in two running words what the short description's issue
    (its last part, "... - External monitors stay black") says: the symptom, in words no
    cue list holds ("stay black", "two hours")."""
    parts = _SEPARATOR.split(short_description)
    if len(parts) < 2:  # a one-part summary is the whole request, not a named issue
        return False
    issue = _TOKEN.findall(parts[-1].lower())
    pairs = {(a, b) for a, b in zip(issue, issue[1:], strict=False) if not {a, b} <= _COMMON}
    words = _TOKEN.findall(description.lower())
    return any(pair in pairs for pair in zip(words, words[1:], strict=False))


# A greeting that opens a text ("Hi team,", "Hello,", "Dear Service Desk,") and a sign-off
# that closes it ("Thanks in advance.", "Kind regards" and a signature of a few short lines):
# courtesy, not what the text says ("team" in "Hi team" is nobody affected).
# The words a greeting opens with (GREETING_WORDS; a whole text's opening also with
# "Greetings").
_GREETING = re.compile(
    rf"\A\s*(?:{GREETING_WORDS}|greetings)\b"
    r"[^\n,!:.]{0,30}(?:[,!:.][ \t]*\n?|[ \t]*\n)",
    re.I,
)
_SIGN_OFF = re.compile(
    r"(?:^|\n)[ \t]*(?:(?:many |kind |best |warm )?(?:thanks|thank you|regards|wishes)|cheers|"
    r"thx|br|sincerely)(?: in advance| again| a lot| so much| for (?:your|the) help)?"
    r"[ \t]*[,.!]?[ \t]*(?:\n[^\n]{0,40}){0,3}\s*\Z",
    re.I,
)
# Contractions counted as the words they stand for ("isn't" is "is not"), "cannot" as "can
# not": a word count does not change with how the words are joined. Every match holds
# "cannot" or an apostrophe: word_count runs the pattern only over a text that holds one.
_JOINED = re.compile(
    r"(?i)\b(?:can(?=not\b)|\w+(?=n['\u2019]t\b)|\w+(?=['\u2019](?:m|re|ve|ll|d)\b)|"
    r"(?:it|that|there|what|he|she|who)(?=['\u2019]s\b))"
)


# A run of non-space characters holding a letter or digit ([^\W_] is str.isalnum; \S is
# what str.split splits on): one regex pass instead of a generator a character.
_ALNUM_RUN = re.compile(r"\S*[^\W_]\S*")


# A greeting opening a line, before what the line says ("Hi Sam, I checked ..."): to its
# comma or exclamation mark.
_LINE_GREETING = re.compile(
    rf"(?:{GREETING_WORDS})\b[^\n,!:.]{{0,30}}[,!][ \t]*",
    re.I,
)


def without_greetings(text: str) -> str:
    """`text` with the greeting that opens any of its lines taken out, the line's time or
    list marker kept: a comment to the caller keeps its greeting's place when written as a
    list or with a time before each line."""
    if not any(x in text.lower() for x in ("hi", "hello", "hey", "dear", "good ")):
        return text
    out = []
    for line in text.split("\n"):
        body = without_line_times(without_list_markers(line)).lstrip()
        if (m := _LINE_GREETING.match(body)) and line.endswith(body):
            line = line[: len(line) - len(body)] + body[m.end() :]
        out.append(line)
    return "\n".join(out)


def without_pleasantries(text: str) -> str:
    """`text` without an opening greeting and a closing sign-off (and signature)."""
    out = _GREETING.sub("", text, count=1)
    if "\n" in out:
        out = _SIGN_OFF.sub("", out, count=1)
    elif m := _SIGN_OFF.match(out):  # one line: the sign-off can only start the text
        out = out[m.end() :]
    return out.strip() or text.strip()


def word_count(text: str) -> int:
    """The words of `text`: runs holding a letter or digit (a list's "-" and an arrow are
    no words), contractions counted as their full forms."""
    joined = ("'" in text or "\u2019" in text or "cannot" in text.lower()) and _JOINED.findall(text)
    return len(_ALNUM_RUN.findall(text)) + len(joined or ())


# Words that name no symptom (LABELLING.md D4): "not working", "doesn't work", "broken",
# "acting up / weird", "playing up", "being difficult", "nothing works"; read on a text's
# words ("can't work" is an impact and stays). The keys are letters every one of them holds:
# a text without any is not read word by word.
_VAGUE_KEYS = ("work", "broken", "acting", "playing", "messing", "being", "weird")
_NOT_BEFORE_WORK = frozenset(
    "not never nothing isn't isnt aren't arent doesn't doesnt don't dont won't wont didn't "
    "didnt wasn't wasnt".split()
)
_WORK_FORMS = frozenset("work works working worked".split())
_VAGUE_WORDS = frozenset("broken weird".split())
_ODDLY = {
    "acting": frozenset("up weird strange funny oddly odd".split()),
    "playing": frozenset({"up"}),
    "messing": frozenset({"up"}),
    "being": frozenset("difficult weird funny".split()),
}
# The last word of every vague phrase: a text holding none of them has none.
_VAGUE_TRIGGERS = _WORK_FORMS | _VAGUE_WORDS | frozenset().union(*_ODDLY.values())
# Nouns that name a fault without saying what it is ("there is a problem with it").
_VAGUE_NOUNS = frozenset("problem problems issue issues trouble fault".split())
_VAGUE_NOUN_KEYS = ("problem", "issue", "trouble", "fault")


def vague_at(tokens: list[str]) -> set[int]:
    """The positions of the words in `tokens` (lower case) that name no symptom."""
    out: set[int] = set()
    for t in _VAGUE_TRIGGERS.intersection(tokens):  # the phrases' last words, found in C
        i = tokens.index(t)
        while True:
            if t in _VAGUE_WORDS:
                # "the van was broken into": a break-in, an event told, not a thing "broken"
                if tokens[i + 1 : i + 2] != ["into"]:
                    out.add(i)
            elif t in _WORK_FORMS:
                j = i - 2 if i > 1 and tokens[i - 1] in ("be", "is") else i - 1
                if j >= 0 and tokens[j] in _NOT_BEFORE_WORK:
                    out.update(range(j, i + 1))
            elif i and t in _ODDLY.get(tokens[i - 1], ()):
                out.update((i - 1, i))
            try:
                i = tokens.index(t, i + 1)
            except ValueError:
                break
    return out


def names_vaguely(text: str) -> bool:
    """Whether `text` calls the fault by a word that names no symptom ("not working", "an
    issue", "acting up")."""
    lower = text.lower()
    nouns = any(k in lower for k in _VAGUE_NOUN_KEYS)
    words = any(k in lower for k in _VAGUE_KEYS)
    if not (nouns or words):
        return False
    tokens = _TOKEN.findall(lower.replace("\u2019", "'"))
    return (nouns and bool(_VAGUE_NOUNS.intersection(tokens))) or (words and bool(vague_at(tokens)))


# A pointer elsewhere instead of a description (D6): "see attached", "as discussed", "same as
# last time", "please call me".
_POINTER = re.compile(
    # whose the thing pointed to is does not matter ("see my email", "in our screenshot")
    r"\b(?:see|in) (?:the |my |our |his |her |their |[a-z]+['\u2019]s )?"
    r"(?:attach\w*|screenshot|below|above|e-?mail|previous|ticket)|"
    r"\bas (?:discussed|per (?:call|phone|e-?mail|chat))\b|"
    r"\bsame (?:as|problem|issue|thing|error)\b[^.;\n]{0,20}?\b(?:last|before|again|inc\d+)|"
    r"\bcall (?:me|user|the user|the caller|caller)\b",
    re.I,
)
_POINTER_KEYS = ("see", "attach", "screenshot", "discussed", "as per", "same", "call")
# A request states what is needed instead of a symptom (D6: "judged on what the request
# needs"): "She needs a desk, a laptop", "asks for admin", "would like ...", not "needs help".
_REQUEST = re.compile(
    r"\b(?:needs?|needed|would like|wants?|asks? for|asked for|requests?|requested|requesting)"
    r"\s+(?!help\b|(?:it|this|that|someone|somebody)\b)(?:to\s+)?[a-z]{2,}",
    re.I,
)
# Words a pointer or a copy may carry besides what the short description says: courtesy,
# urgency and the question "is it down?" (D4).
_FILLER = frozenset(
    "please pls plz fix help asap urgent thanks thank thx you can someone anyone look about "
    "check sort need needs there down user caller again it's this that".split()
)
# Negations (NEGATIONS) restate a short description's fault in other words ("Cannot reach X"
# under "Problem reaching X"), and so does every verb's "n't" ("don't", "shouldn't").
# A code or a trace: a digit, or a dot, underscore or bracket inside a word (`\d|\w[._(]\w`,
# as two patterns that each start with their class: re scans for a leading class far faster
# than it tries an alternation at every position); said around it: three different plain
# words ("at", "at", "at" of a stack trace is one).
_DIGIT_ANY = re.compile(r"\d")
_JOINED_CHUNK = re.compile(r"[._(](?<=\w[._(])\w")
_PLAIN_RUN = re.compile(r"(?<!\S)([A-Za-z][A-Za-z'\u2019]*)[,.;:!?]*(?!\S)")
_PLAIN_WORDS = 3
# A pointer alone leaves at most three words of its own (besides courtesy), so it is short;
# a copy of the short description is at most a few times as long as it.
_POINTER_WORDS = 3
_SHORT_TEXT = 200
_RESTATED_LENGTH = 3


# A form's impact field left blank ("How many users affected:", "Business impact:"): the
# impact was asked for and not given, so it is not taken as implicit.
_BLANK_IMPACT = re.compile(
    r"^[ \t]*[^:\n]{0,30}\b(?:impact|affected)\b[^:\n]{0,10}:[ \t]*$", re.M | re.I
)


def impact_left_blank(text: str) -> bool:
    """Whether `text` is a form whose impact field is left blank."""
    return ":" in text and bool(_BLANK_IMPACT.search(text))


def says_nothing(text: str) -> str:
    """Why `text` says nothing by itself (D6: empty, a pointer elsewhere, an error code or a
    trace alone), or "" when it says something."""
    if not _ALNUM_RUN.search(text):
        return "is empty"
    if _DIGIT_ANY.search(text) or _JOINED_CHUNK.search(text):
        plain = set()
        for m in _PLAIN_RUN.finditer(text):  # stops at the third word: most texts are prose
            plain.add(m.group(1).lower())
            if len(plain) >= _PLAIN_WORDS:
                break
        else:
            return "is an error code or a trace alone, with nothing said around it"
    m = (
        len(text) <= _SHORT_TEXT
        and any(k in text.lower() for k in _POINTER_KEYS)
        and _POINTER.search(text)
    )
    if m:
        # every pointer of it is left out ("See Priya's e-mail from this morning, same as
        # before"), what remains is what it says of its own
        rest = _TOKEN.findall(_POINTER.sub(" ", text).lower())
        if sum(1 for w in rest if w not in _FILLER and w not in _COMMON) <= _POINTER_WORDS:
            return f"only points elsewhere ('{m.group(0)}')"
    return ""


def restates(text: str, short_description: str) -> bool:
    """Whether `text` says nothing beyond `short_description` (D4): every word it holds,
    besides courtesy and "is it down?", is a word of the short description (the same word
    or another form of it: its first four letters)."""
    if not short_description.strip() or len(text) > _RESTATED_LENGTH * len(short_description):
        return False
    stems = _stems(short_description)
    words = 0
    for m in _TOKEN.finditer(text.lower().replace("\u2019", "'")):  # stops at a new word
        w = m.group(0)
        words += 1
        if len(w) > 2 and w[:4] not in stems and w not in NEGATIONS and not w.endswith("n't"):
            if w not in _COMMON and w not in _FILLER:
                return False
    return words > 0


@forgotten_with_text_memos  # emptied for a cold run, as the text memos are
@functools.lru_cache(maxsize=4096)
def _stems(short_description: str) -> frozenset[str]:
    """The first four letters of each word of a short description (tickets share them)."""
    return frozenset(w[:4] for w in _TOKEN.findall(short_description.lower()))


# An ordinal before "message": a mail in a series ("First message", "final message" of a
# carrier's or a tool's notices), not a message shown as the symptom.
_ORDINALS = frozenset("first second third fourth final last next".split())


def _words_of_fields(tokens: list[str]) -> list[str]:
    """`tokens` with a field's words read as what they name: "no" before a number is the
    number's abbreviation ("Customer No 2714", "Order No. 4500", "Tel no: 0211"), no negation
    ("no 4g", a number run into a letter, stays); "message" after an ordinal is a mail of a
    series (_ORDINALS), no error message."""
    return [
        "number"
        if t == "no" and i + 1 < len(tokens) and tokens[i + 1].isdigit()
        else "mail"
        if t.startswith("message") and i and tokens[i - 1] in _ORDINALS
        else t
        for i, t in enumerate(tokens)
    ]


@text_memo
def description_parts(text: str, short_description: str = "") -> list[str]:
    """The parts of a description `text` says, in the order symptom, timing, impact,
    context; with `short_description`, a description that restates its issue says the
    symptom, and a 4-part short description's application part is the context. Words that
    name no symptom ("not working", "broken") are no symptom."""
    if ":" in text:
        text = _BLANK_FIELD.sub("", text)
    lower = text.lower()
    tokens_list = _TOKEN.findall(lower.replace("\u2019", "'"))
    if "no" in tokens_list or "message" in lower:
        tokens_list = _words_of_fields(tokens_list)
    tokens = set(tokens_list)
    joined = f" {' '.join(tokens_list)} "
    found = [
        name
        for name, cues in DESCRIPTION_PARTS.items()
        if name != "symptom" and cues.found(tokens, joined, text)
    ]
    vague = any(k in lower for k in _VAGUE_KEYS) and vague_at(tokens_list)
    if vague:  # the symptom is read without them
        tokens_list = [t for i, t in enumerate(tokens_list) if i not in vague]
        tokens, joined = set(tokens_list), f" {' '.join(tokens_list)} "
    if DESCRIPTION_PARTS["symptom"].found(tokens, joined, text) or "n't " in joined:
        # a verb negated by a contraction states a failure as "not" does ("the numbers
        # don't appear", "it shouldn't beep"): every auxiliary's "n't" is its "not"
        found.append("symptom")
    # each further sign is read only when the part is not found yet (the regexes were most of
    # the judge's time), the likeliest first
    if "symptom" not in found and (
        _QUOTED_MESSAGE.search(text)
        or _REQUEST.search(text)
        # restating a short description that calls its fault only "an issue" or "a problem"
        # ("Dispatch console issue") says no symptom either (D4); "keys 5 and 6 do not work"
        # names the keys that fail
        or (
            short_description
            and restates_issue(short_description, text)
            and not _VAGUE_NOUNS.intersection(_TOKEN.findall(short_description.lower()))
        )
    ):
        found.append("symptom")
    if "symptom" not in found and "only" in tokens and _SHORTFALL.search(lower):
        found.append("symptom")
    if "timing" not in found and _HOW_LONG.search(lower):
        found.append("timing")
    if "symptom" not in found and _RECURS.search(lower):
        found.append("symptom")
    if "impact" not in found and (
        _DEADLINE.search(lower)
        or _owner_named(text)
        or _WORK_SENTENCE.search(text)
        or EVENT_AT.search(text)
        or (tokens & _COUNT_WORDS and _COUNTED_IN_WORDS.search(lower))
    ):
        found.append("impact")
    if (
        tokens & _PLACES
        # a device named as the owner of what it shows ("the loop amplifier's light")
        or ("'s " in joined and not _PLACES.isdisjoint(t[:-2] for t in tokens if t.endswith("'s")))
        or (tokens & _GENERIC_THING and _WHICH_THING.search(text))
        or (short_description and names_application(short_description))
        or _TOPIC_WORDS.search(text)
        or _NAMED_APP.search(text)
        or _ASSET.search(text)
        or ("mailed" in lower and _MAILED.search(lower))
        or _NUMBERED.search(text)
        or (" line " in lower and _LINE_NUMBERED.search(text))
    ):
        found.append("context")
    return [part for part in _PARTS if part in found]


# Fewer done than asked for, counted ("tried to create 5 deliveries and only 2 created",
# "only 3 of the 10 labels printed"): what failed, told by its count (the actual result
# against the expected one). A count of the people it touches is the impact ("only 2
# users affected").
_SMALL_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|half|a few|some)"
_SHORTFALL = re.compile(
    rf"(?:\b{_SMALL_COUNT}\b[^.;\n]{{0,80}}?\bonly {_SMALL_COUNT}|"
    rf"\bonly {_SMALL_COUNT} (?:of|out of) (?:the |them|those |these |{_SMALL_COUNT}))"
    r"[^.;\n]{0,30}?\b(?!affected\b|impacted\b|involved\b|concerned\b)"
    r"(?:[a-z]{3,}ed|sent|went|came|got|made|done|run|ran|built|gone)\b"
)
# How long it has been failing is when it started, however the length is written ("for
# about a week", "has not reported for 30 minutes", "over the last two days").
_HOW_LONG = re.compile(
    r"\b(?:for (?:about |around |roughly |nearly |almost |over |more than |the (?:last|past) )?|"
    r"(?:over|in|during) the (?:last|past) )(?:an?|one|two|three|four|five|six|ten|few|couple of|several|"
    r"\d+(?:-\d+)?) (?:minutes?|mins|hours?|hrs|days?|nights?|weeks?|months?)\b"
)
# A thing that happens again and again by itself ("restarts every 20-30 minutes", "drops
# every ten minutes", "reboots twice an hour"): an intermittent fault is a symptom.
_RECURS = re.compile(
    r"\b[a-z]{3,}s (?:(?:about|roughly|around|at least) )?(?:every (?:few |couple of |"
    r"\d+(?:-\d+)? |one |two |three |five |ten |fifteen |twenty |thirty )?"
    r"(?:seconds?|minutes?|mins|hours?|days?)|(?:twice|\w+ times) (?:an?|per) (?:minute|hour|day))\b"
)
# What the fault blocks, told as a need with its deadline ("needs it before the 18:00
# shift", "needed by Friday").
_DEADLINE = re.compile(r"\b(?:needs?|needed|required)\b[^.;\n]{0,40}?\b(?:before|by)\b")
# A person named as the owner of what fails ("Josh Kemble's laptop bag"): who is affected.
_OWNER = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+(?:'s|\u2019s)\s")
# The same at a sentence's start written without its capital ("josh Kemble's laptop"): the
# surname keeps the capital a name has anywhere.
_OWNER_AT_START = re.compile(r"(?:^|[.!?;:]\s+)([a-z]+) [A-Z][a-z]+(?:'s|\u2019s)\s")
_OWNER_ONE_CASE = re.compile(r"\b([^\W\d_]+) ([^\W\d_]+)(?:'s|\u2019s)\s", re.I)


_NOT_A_NAME = frozenset("the a an my our your his her their its this that".split())
# Words that open a sentence before a capitalised name without being a first name ("since
# Friday's update", "after Microsoft's patch"): prepositions, conjunctions, times.
_NOT_A_FIRST_NAME = frozenset(
    "since after before until from with by on in at for per of to and or but so then also "
    "yesterday today tonight last next every each all both only".split()
)


def _owner_named(text: str) -> bool:
    """Whether a person is named as the owner of what fails ("Josh Kemble's laptop"); in
    text written in one case, where capitals say nothing, a surname that is no English word
    ("JOSH KEMBLE'S LAPTOP"), which the common word list does not hold."""
    if "'s" not in text.lower() and "\u2019s" not in text.lower():
        return False
    for line in text.splitlines():
        if not one_case(line):
            if _OWNER.search(line) or any(
                m.group(1) not in _NOT_A_NAME and m.group(1) not in _NOT_A_FIRST_NAME
                for m in _OWNER_AT_START.finditer(line)
            ):
                return True
            continue
        known = known_words()
        if any(
            m.group(2).lower() not in known and m.group(1).lower() not in _NOT_A_NAME
            for m in _OWNER_ONE_CASE.finditer(line)
        ):
            return True
    return False


# One of several devices named by its number ("Chase van 3", "flatwork ironer 2", "till 4"):
# which device (D5), not a count, a time or a length.
_NUMBERED = re.compile(
    r"\b(?!(?i:for|since|at|in|on|by|every|about|after|before|until|till|the|of|to|from|over|"
    r"last|only|and|or|than|under|within|around|nearly|almost|past|next|per|with|all|top|"
    r"page|line|step|version|level|floor|is|are|was|were|has|have|had|took|takes|waited|"
    r"first|least|most|approx|approximately|some|another)\b)"
    r"[A-Za-z]{3,} (?:no\.? ?|#)?\d{1,3}(?![\d:./%,-])"
    r"(?! ?(?i:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|times|am|pm|"
    r"percent|per cent|[a-z]+s)\b)"
)

# A line of a plant named by its kind and number ("the scale display on blending line 2",
# "packing line 3"): which device (D5), where a line alone ("line 2 of the log") is none.
_LINE_NUMBERED = re.compile(
    r"\b(?!(?:the|a|an|of|on|in|at|to|from|and|or|for|with|this|that|same|next|last|first|"
    r"each|every|see|per|log|file|code|text|script|command|subject|bottom|top|new|one|"
    r"another)\b)[a-z]{4,} line \d{1,2}(?![\d:./%,-])",
    re.I,
)


# Verbs of a troubleshooting action or check, matched as whole words ("re-created" gives
# "created"); ticket-documentation guides write steps as such verbs ("Checked print queue",
# "Cleared print queue", "Reinstalled printer driver", "Confirmed user could print").
ACTIONS = frozenset(
    "checked verified cleared restarted rebooted reinstalled uninstalled reset tested ran "
    "updated pinged remoted reviewed replaced reimaged flushed mapped removed recreated created "
    "added synced resynced enabled disabled unlocked reconnected reassigned escalated applied "
    "installed configured rolled enrolled reenrolled collected isolated wiped changed "
    "scheduled renamed selected restored switched blocked deleted ordered issued reproduced "
    "tried asked joined monitored sent printed triggered confirmed found moved set did told "
    "gave explained called emailed turned paused released repaired cleaned bound assigned "
    "granted approved compared traced measured analysed analyzed opened closed re-added "
    "readded reset re-paired repaired re-enrolled swapped upgraded downgraded patched "
    "killed imported exported migrated repointed refreshed reported fitted reseated replugged "
    "notified informed cancelled canceled revoked reran rerun pushed reloaded recycled "
    # the same in the other languages the desk reads (French, German, Spanish, Portuguese)
    "réinitialisé réinitialisée redémarré redémarrée réinstallé débloqué débloquée remplacé "
    "supprimé installé configuré vérifié zurückgesetzt entsperrt ersetzt gelöscht installiert "
    "eingerichtet geprüft neugestartet reiniciado reiniciada restablecido restablecida "
    "desbloqueado desbloqueada reinstalado sustituido reemplazado instalado configurado "
    "borrado eliminado redefinido redefinida substituído".split()
)
# Words that report what a step showed or did ("key ID matched in Intune", "Booted.").
OUTCOMES = frozenset(
    "resolved work works worked working success successful succeeded fixed longer still "
    "persist persists result results now same fail fails failed failure error errors found "
    "complete completes completed present opens opened loads loaded prints printed received "
    "arrived delivered accepted online offline stopped granted correctly ok fine done visible "
    "connected reachable unreachable missing expired locked clean shows showed normal back "
    "missing empty full successfully stayed read-only pass passed passes matched booted boots".split()
)
_ARROW = re.compile(r"->|→|=>")
# "SU53: S_TCODE VA01 missing", "Message trace: 3 messages rejected": a tool or place, then
# what it showed.
_FINDING = re.compile(r"^[\w .&/>()'-]{2,50}:\s+\S|^\W*[\w .-]{2,30}\s=\s+\S")
# A command written as the step: a PowerShell cmdlet ("Add-RecipientPermission ..."), a
# program with a switch ("outlook.exe /cleanreminders", "tool --unlicense").
_COMMAND = re.compile(
    r"^\W*(?:[A-Z][a-z]+-[A-Z][A-Za-z]+\b|\S+\.exe\b|[\w.-]+ --?[a-z]|"
    # a cmdlet in any case ("get-recipientpermission"): PowerShell's common verbs
    r"(?i:(?:get|set|add|remove|new|enable|disable|test|invoke|start|stop|restart|update|"
    r"clear|reset|import|export|install|uninstall|connect|disconnect|grant|revoke|unlock|"
    r"search|repair|sync|move|rename|register)-[a-z]{3,}\b))"
)
_PAST_START = re.compile(r"^\W*(?:re-?)?[a-z]{2,}ed\b", re.I)
# What a sign-in prompt shows when it is answered ("push approved", "number matching"),
# Microsoft Authenticator's push and its number match included ("Authenticator push ->
# approved", "number match 13, approved"): parts of _VALIDATION, and all of _PROMPT_ONLY.
_ANSWERED = r"okta verify|duo|(?:push|prompt) (?:approved|accepted)"
_AUTHENTICATOR = r"authenticator (?:push|number match\w*)"
_NUMBER_MATCH = r"number (?:matching|match|matched|challenge)"
# Lines that record the caller's validation, not a troubleshooting step (the critical-
# process and caller-validation checks judge them).
_VALIDATION = re.compile(
    r"\b(?:validated|validation|verified (?:the )?(?:caller|user|identity)|"
    r"(?:caller|user|identity|id) (?:was |is )?(?:validated|verified|authenticated|confirmed)|"
    # a check-list's identity line ("ID checked - employee no. ... matched")
    r"(?:identity|id) (?:was |is |has been )?checked|"
    r"sso|single sign-on|duo push|okta push|employee (?:id|no|number)|staff (?:no|number)|"
    r"date of birth|dob|sec(?:urity)? (?:questions?|qs?)|registered (?:number|mobile|phone)|"
    rf"identity check|id check|{_ANSWERED}|{_AUTHENTICATOR}|"
    # "approved the Authenticator push (number 71)"
    r"(?:approved|accepted) the (?:authenticator |okta |mfa )?push|"
    rf"{_NUMBER_MATCH}|"
    r"verified (?:by|with|via|thru|through)|call-?back|"
    r"returned the call|presence card|directory photo|staff card|"
    r"zweryfikowan\w*|verifiziert|verificad[oa]|"
    # an identity document seen at the desk
    r"driving licen[cs]e|driver'?s licen[cs]e|photo id|passport|id card|identity card|"
    r"badge photo)\b"
)
# Every validation phrase holds one of these (read first: most lines hold none).
_VALIDATION_KEY = re.compile(
    "valid|verif|authent|sso|sign-on|push|employee|staff|birth|dob|question|registered|duo|"
    "number|call|zweryf|verifiz|prompt|presence|"
    r"sec(?:urity)? q|check|licen|photo|passport|id card|identity card"
)
# A check stated by its result, without an action verb: "Printer itself prints at full
# speed", "Paste Special > Text works", "Test fax -> received" (a separate verification is
# a step of its own; SOURCES.md).
_CHECK_RESULT = re.compile(
    r"\b(?:works|prints|printing|opens|open|loads|connects|syncs|rings|starts|shows|sees|see|"
    r"hears|registers|boots|arrives|pings|responds|appear|appears|reads|returns|clock in|"
    # the same as going on ("van three pinging again on the map")
    r"loading|connecting|syncing|ringing|showing|booting|pinging|responding|"
    r"able to (?:log|sign) ?-?(?:in|on)|"
    r"no (?:change|difference|effect|improvement)|(?:sign|log)-?(?:in|on)\W*(?:->\s*)?ok|"
    r"is (?:now )?(?:working|printing|loading|syncing|connected|online|back)|"
    # the user's log-on seen ("He logged on, into EMIS fine"), a line ending in its OK
    r"(?:logged|signed|logs|signs|can (?:log|sign)) (?:in|on))\b|\bok\W*$"
)
# A finding told as the state of what was looked at, without a verb ("Gi0/0/0 down/down, no
# light on SFP", "Separation pad worn, brake roller glazed", "SNC tab empty since 08/08",
# "Central landscape ... not referenced"): a check with its result (audit rule 2).
_STATE_FOUND = re.compile(
    r"^\W*[\w./\\:-]+(?: [\w./\\:-]+){0,6}? (?:is |was |are |were )?(?:down|up|empty|worn|"
    r"glazed|idle|stale|blank|not (?:referenced|set|found|present|listed|mapped|linked|"
    r"applied|running|reachable)|missing|expired|disabled|corrupt(?:ed)?|full)\b"
)
# The same told at the end of a short clause, in any verb ("Rear breaker tripped", "Scan
# window scratched", "Account not locked", "Battery visibly swollen", "report submitted",
# "samples logging", "Swap done with Helen at her desk"): the thing, then its state or what
# was done to it, perhaps with where, when or with whom (audit rule 2: a check with its
# finding however written; a passive "profile restored" is an action done).
_STATE_AT_END = re.compile(
    r"^\W*[\w./\\#-]+(?: [\w./\\#'-]+){0,5}? (?:is |was |are |were |has been |had been )?"
    r"(?:not |no longer |still |visibly |all |now )?"
    r"(?:[a-z]{3,}ed|[a-z]{3,}ing|broken|stolen|frozen|taken|given|written|chosen|hidden|"
    r"swollen|fallen|shown|seen|blown|torn|worn|done|gone|dead|black|green|red|off|on|back|"
    r"offline|online|down|up|"
    r"ok|okay|open)"
    r"(?: (?:since|at|from|in|on|after|with|for) [\w:/.-]+(?: [\w:/.-]+){0,4}| [\d:/.]+)?"
    r"(?: \([^)]{0,40}\))?\W*$"
)
# What a state at the end never is: a verb of saying, feeling or waiting ("user confused",
# "he is waiting"), a plan.
_NO_STATE = re.compile(
    r"\b(?:need|needed|wanted|asked|said|called|named|concerned|confused|worried|waiting|"
    r"pending|awaiting|going|planned|scheduled|expected|required|attached|noted|"
    r"anything|nothing|something|thing|morning|evening|meeting|everything|"
    # nouns that end like a state: what was checked, not what it showed ("checked the
    # darkness setting", "checked fan speed")
    r"setting|wiring|cabling|spacing|building|ceiling|heading|housing|padding|tubing|"
    r"speed|feed)\W*$"
)
# A test counted or timed, told by its result ("50/50 first-time reads", "100 scans, 0
# wrong", "24 h no drop", "Whole shift without drops", "Two days without freeze"): a
# verification of its own (audit rule 4: a timed watch is a test).
_COUNTED = re.compile(
    r"^\W*(?:\d+/\d+ |\d+ (?:[a-z-]+ )?(?:[a-z-]+ )?(?:reads?|scans?|scanned|pages?|sheets?|"
    r"labels?|plates?|calls?|prints?|tests?|runs?)\b|"
    r"(?:\d[\d.,%]*|one|two|three|four|five|six|ten|whole|full|a full|an? (?:whole|full))"
    r"\s*(?:h|hrs?|hours?|min(?:ute)?s?|days?|nights?|shifts?|weeks?)\b[^\n]*"
    r"(?:\b(?:no|without|0|zero|ok|okay|fine|clean|passed)\b|\bw/o\b))",
    re.I,
)
# What records no troubleshooting (audit rule 1: assignment, linking, routing, priority and
# state changes; rule 6: a promise): "Linked as child of INC2013032", "Routed to Executive
# Support", "Priority set to P2", "Will send a lock if it comes online".
_NO_STEP = re.compile(
    r"^\W*(?:linked (?:as|to)\b|(?:re)?assigned to\b|(?:re)?routed to\b|transferred to\b|"
    r"priority (?:set|raised|changed|lowered)\b|set (?:to )?p\d\b|state (?:changed|set)\b|"
    r"(?:i |we )?will\b|(?:i'm|i am|we are) going to\b|to do\b|added an attachment\b)|"
    # the same later in a note, opening a clause ("VIP, routed to Executive Support"); a
    # queue a test call is routed to is no assignment
    r"(?:^|[,;:\u2013-]\s*|\band\s+)(?:(?:then|and|ticket|incident|it|was)\s+)?(?:routed to|"
    r"linked as (?:a )?child|set to p\d)\b"
)
# A request to someone to act ("asked the lab to re-export", "Lab asked to re-export"): the
# requested verb, in the past tense as ACTIONS holds it (a verb ending in "e" takes "d").
_ASKED_TO = re.compile(r"\b(?:asked|requested)\b(?: [\w'-]+){0,3}? to (?:re-?)?([a-z]+)")
# Verbs of a check, which needs its finding to have an outcome; every other action verb
# is a change, whose outcome is its effect or the test after it (audit rule 4).
CHECK_VERBS = frozenset(
    "checked verified reviewed tested pinged tried compared traced measured monitored "
    "reproduced asked looked found confirmed reported analysed analyzed inspected "
    "examined told gave explained called emailed logged signed geprüft vérifié".split()
)
CHANGES = ACTIONS - CHECK_VERBS
# Guidance to the caller, which changes nothing itself ("Reminded him to update the app").
_GUIDANCE = frozenset("advised instructed recommended suggested reminded showed guided".split())
# Procedure actions whose result is that they were done (audit rule 6): Security or a
# vendor notified (with a reference), a lock or wipe sent, sessions revoked, a loaner or
# spare issued, a badge cancelled.
_DONE_IS_RESULT = re.compile(
    r"\b(?:notified|informed|reported to|sent|revoked|issued|given|handed|cancell?ed|booked|wiped|"
    r"locked|blocked|disabled|quarantined|isolated|(?:case|ref(?:erence)?|ticket|rma)\W*"
    r"[a-z]*-?\d{3,})\b|"
    # told or raised with a reference ("InfoSec told by phone, SEC-2455")
    r"\b(?:told|raised|logged|opened|reported)\b[^\n]{0,50}\b(?:[a-z]{2,6}-|(?-i:[A-Z]{2,6}))"
    r"\d{3,}\b",
    re.I,
)
# What someone says or reports is hearsay, not a check ("User says the printer is down").
_HEARSAY = re.compile(
    r"\b(?:says?|said|reports?|reported|claims?|thinks?|believes?|according|asked|wants?|"
    r"seems?|looks|appears?|probably|maybe|might|"
    r"user|caller|customer|she|he|they|i|we)\b"
)
# "In SU01 the user is locked", "In AD: account disabled": a tool or system, then what
# it showed.
_FOUND_IN = re.compile(r"^\W*(?:[Ii]n|[Oo]n) (?:the )?[A-Z][A-Z0-9]+\b")
# The same in a line written in one case, where capitals say nothing: a system named with a
# digit ("in su01 the user is locked", "IN SM37 ...").
_FOUND_IN_ONE_CASE = re.compile(r"^\W*(?:in|on) (?:the )?[a-z]+\d[a-z0-9]*\b", re.I)


def one_case(text: str) -> bool:
    """Whether `text` is written in one case (all capitals or no capital), where capitals
    say nothing of names, acronyms or sentence starts."""
    return text.isupper() or text.islower()


# A sentence that only says the step before it worked ("Fixed.", "Done.", "Resolved."):
# the result of that step, not a step of its own.
_BARE_OUTCOME = re.compile(
    r"^\W*(?:fixed|done|resolved|solved|sorted|ok|okay|works?|working)(?: now| again)?\W*$",
    re.I,
)
# Telling the caller what was found is talking to them, not checking or changing anything
# ("Told caller it is genuine"); advising them to do something, or asking someone else to
# act, is still an action.
_TO_CALLER = re.compile(
    r"^\W*(?:told|explained|informed|reassured)\b"
    r"(?: (?:to )?(?:the )?(?:caller|user|customer|her|him|them|requester)\b)"
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")
# A journal entry written as HTML ("[code]<p>Account unlocked.</p><p>Logon -&gt; OK</p>
# [/code]", as ServiceNow stores rich-text journal entries): its tags end lines.
_HTML_BREAK = re.compile(r"</p>|<br\s*/?>|</li>|</div>", re.I)
_HTML_TAG = re.compile(r"\[/?code\]|<[^>\n]{1,200}>", re.I)


def plain(text: str) -> str:
    """`text` without the HTML of a rich-text journal entry (tags end lines, entities
    decoded); any other text unchanged."""
    if "<" not in text and "[code]" not in text and "&" not in text:
        return text
    return html.unescape(_HTML_TAG.sub("", _HTML_BREAK.sub("\n", text)))


# What the instance writes in the journal when a knowledge article is attached to the
# ticket, not the analyst: the article's link, shown as "KB0034570 : <its title>" (an
# instance that numbers its articles "KBA0013091" the same), and the
# entry that announces it ("Knowledge article KB0012345 attached", the pt-BR instance's "Artigo
# de conhecimento relacionado por: <user id>"). No troubleshooting step (audit rule 1: the
# record is what the analysts did and found). A "KB... : text" line is the instance's link
# only in the instance's context, as an analyst may begin a line with an article's number
# ("KB0012345 : followed steps 1-3, restarted the spooler"): written as the link's markup
# ("[code]<a href='kb_view.do?sys_kb_id=...'>KB0034570 : title</a>[/code]" on its own line),
# under an announcing line, or in an entry holding nothing but such lines.
_KNOWLEDGE_LINK_MARKUP = re.compile(
    r"^[ \t]*(?:\[code\])?[ \t]*<a\b[^>\n]{0,400}\bkb_view\.do\b[^>\n]{0,400}>[ \t]*"
    r"KBA?\d{5,}[ \t]+:[ \t][^<\n]*</a>[ \t]*(?:\[/code\])?[ \t]*$\n?",
    re.M | re.I,
)
_KNOWLEDGE_LINK = re.compile(r"[ \t]*KBA?\d{5,}[ \t]+:[ \t][^\n]*")
_KNOWLEDGE_ANNOUNCED = re.compile(
    r"[ \t]*(?i:knowledge article|artigo de conhecimento)\b"
    r"[^\n.;]{0,20}?\b(?i:attached|linked|related|relacionado|anexado|vinculado)\b"
    r"(?:[ \t]+(?i:by|to|por|ao|a|no|na)\b[^\n.;]{0,40})?[ \t.]*"
)
_KNOWLEDGE_HINTS = ("KB", "nowledge", "onhecimento")


def without_knowledge_links(text: str) -> str:
    """A journal entry's text read by `plain`, without the lines the instance writes when a
    knowledge article is attached (see _KNOWLEDGE_LINK_MARKUP): "" when it holds nothing
    else. `text` is the entry as exported, its link markup still on."""
    if not any(h in text for h in _KNOWLEDGE_HINTS):
        return plain(text)
    lines = [
        (line, _link_kind(line)) for line in plain(_KNOWLEDGE_LINK_MARKUP.sub("", text)).split("\n")
    ]
    if all(kind for _, kind in lines):
        return ""
    kept, under_announcement = [], False
    for line, kind in lines:
        if kind == "announced" or (kind == "link" and under_announcement):
            under_announcement = True
            continue
        under_announcement = under_announcement and kind == "blank"
        kept.append(line)
    return "\n".join(kept)


def _link_kind(line: str) -> str:
    """'announced', 'link' or 'blank' for such a line of a journal entry; '' for another."""
    if not line.strip():
        return "blank"
    if _KNOWLEDGE_LINK.fullmatch(line):
        return "link"
    return "announced" if _KNOWLEDGE_ANNOUNCED.fullmatch(line) else ""


_SPACES = re.compile(r"[ \t]{2,}")


@text_memo
def spelled_out(text: str) -> str:
    """`text` in lower case with ticket shorthand spelled out (tqrs.rules.text.normalise: its
    table holds the terse-note forms too, "pwd rst", "temp pwd gvn, chg at nxt logon. usr
    in"), runs of spaces made one."""
    out = normalise(text)
    if "  " in out or "\t" in out:
        out = _SPACES.sub(" ", out)  # "w/ it" spelled "with  it"
    return out


# A line that starts with the error code seen ("500.19 config error 0x8007000d only for
# /qa", "Error 0x11b = RPC auth level"): what a check showed.
_ERROR_SEEN = re.compile(
    r"^\W*(?:error\s+)?(?:0x[0-9a-f]{3,}|\d{3}(?:\.\d+)?\s+(?:\w+\s+)?error\b|\d{3,}\b)",
    re.I,
)


# SSO is validation when it says how the caller signed in ("Chat via SSO"), not when a
# check of the SSO itself is written with its result ("login via SSO -> user not found").
_SSO_ONLY = re.compile(r"\b(?:sso|single sign-on)\b")
# A validation found that is only a sign-in prompt answered (read with fullmatch).
_PROMPT_ONLY = re.compile(rf"{_ANSWERED}|{_AUTHENTICATOR}|{_NUMBER_MATCH}|(?:duo|okta) push")
# How a caller was reached for the validation ("called back ... -> push approved").
_REACHED = re.compile(r"\b(?:call(?:ed)?|rang|rung|phoned|ring)\b")


def records_validation(line: str, lower: str | None = None) -> bool:
    """Whether `line` (`lower`: it in lower case) records the caller's validation (how they
    were identified), which is neither a troubleshooting step nor the outcome."""
    lower = line.lower() if lower is None else lower
    return _VALIDATION_KEY.search(lower) is not None and _is_validation(lower, line)


def _is_validation(lower: str, line: str) -> bool:
    matches = list(_VALIDATION.finditer(lower))
    found = [m.group() for m in matches]
    if not found:
        return False
    if all(_SSO_ONLY.fullmatch(f) for f in found):
        # a sign-in through SSO written as done is the test of the fix ("he logs on via
        # SSO, 18 orders released"), unless it says how a chat or portal session was opened
        signs_in = _SIGNS_IN.search(lower) is not None and not _SESSION.search(lower)
        return not (_ARROW.search(line) or "sso id" in lower or signs_in)
    # a change made to the factor itself: account work, a step of the troubleshooting (audit
    # rule 5), not the caller's validation, when its result follows an arrow ("Reset the Okta
    # Verify factor, enrolled the new phone -> push received") or when the line names no
    # validation but the factor's own name ("I had reset his Okta Verify factor", "the Duo
    # factor was re-enrolled"), with or without its result
    if _FACTOR_CHANGED.search(lower) and (
        _ARROW.search(line) or all(_FACTOR_NAME.fullmatch(f) for f in found)
    ):
        return False
    # a prompt approved as a link of a chain of steps, after an arrow ("registered the new
    # phone -> test push approved", "online submission -> MFA prompt approved -> payroll
    # submitted"): the test of what went before, as a sign-in after the fix is; a validation
    # names the prompt first ("Okta push -> approved") or how the caller was reached
    return not (
        all(_PROMPT_ONLY.fullmatch(f) for f in found)
        and not _REACHED.search(lower)
        and all(_ARROW.search(lower[: m.start()]) for m in matches)
    )


# A change made to the sign-in factor ("reset the Okta Verify factor", "re-enrolled Duo"),
# also in the passive ("the Okta Verify factor was reset").
_FACTOR_VERB = r"(?:reset|re-?enrolled|enrolled|re-?registered|registered|removed|deleted|replaced)"
_FACTOR = r"(?:okta verify|duo|authenticator|factor|mfa)"
_FACTOR_CHANGED = re.compile(
    rf"\b{_FACTOR_VERB}\b[^.;,\n]{{0,30}}\b{_FACTOR}\b|"
    rf"\b{_FACTOR}\b[^.;,\n]{{0,30}}\b(?:was|were|is|has been|had been|got) {_FACTOR_VERB}\b"
)
# The sign-in factor's own name, which a validation phrase holds too ("Okta Verify push
# approved" is how a caller was identified; "reset his Okta Verify factor" is not).
_FACTOR_NAME = re.compile(r"okta verify|duo")


# A sign-in written as done (the user's or the analyst's test), and the session a sign-in
# through SSO opens when it is the caller's validation ("chat via SSO", "portal session").
_SIGNS_IN = re.compile(r"\b(?:logged|signed|logs|signs|logging|signing) (?:in|on)\b")
_SESSION = re.compile(r"\b(?:chat|virtual agent|portal|session|va)\b")


def without_validation(sentence: str) -> str:
    """`sentence` without its clauses that record the caller's validation, when it holds
    others ("nicola validated by callback + staff no, checked the import log, 401 from
    14:59, ..."): validation is no step, the steps written after it in the same sentence
    are (troubleshooting audit rule 2: a run-on sentence counts step by step)."""
    if "," not in sentence and ";" not in sentence:
        return sentence
    clauses = _OUTSIDE_BRACKETS.split(sentence)
    kept = [c for c in clauses if not records_validation(c)]
    if not kept or len(kept) == len(clauses):
        return sentence
    if (
        (label := _LABEL.match(clauses[0]))
        and not records_validation(clauses[0])
        and 2 * len(kept) <= len(clauses)
        and ACTIONS.isdisjoint(_WORD.findall(label.group(1).lower()))
    ):
        # a label and its items ("cllr ID'd: cb dir no plant rm, emp# + DOB ok"): the items
        # are what the label records, and half of them or more are the validation, so all
        # are; a label of checks ("Checked: network speed, SSO agent version, ...") is not
        return ""
    # what the validation showed, told after it as a verb with no object of its own ("Duo
    # push to his phone, approved (identity OK)", "..., recorded on the session"), is the
    # validation's own result; "..., unlocked the account" is a step
    for before, clause in zip(clauses, clauses[1:], strict=False):
        if clause in kept and records_validation(before) and _NO_OBJECT.match(clause):
            kept.remove(clause)
    return ", ".join(kept) if kept else sentence


# A short label that opens a sentence and lists what it records ("ID check: ...").
_LABEL = re.compile(r"^\W*([^\s:]+(?: [^\s:]+){0,2}):\s+\S")
# A comma or semicolon that joins clauses, not one inside brackets ("(signed in, MFA'd)").
_OUTSIDE_BRACKETS = re.compile(r"[,;]\s+(?![^()]*\))")
# A past participle with nothing after it but where, how or when ("approved", "recorded on
# the session", "accepted (identity OK)", "approved after the reset").
_NO_OBJECT = re.compile(
    r"^\W*(?:and )?[a-z]+(?:ed|en)\b\W*(?:$|\(|(?:on|in|at|by|via|with|to|from|for|ok|after|"
    r"before|once|within)\b)",
    re.I,
)


# Desk shorthand in a step, spelled out in the case it was written ("Swap done w/ Helen",
# "PWD RESET"), so that steps read the same however they are abbreviated (the public
# abbreviation lists of scripts/eval_robustness.py; LABELLING.md: w/, pwd, acct, pls, thx).
_STEP_SHORTHAND = {
    "w/o": "without", "w/": "with ", "b/c": "because", "usr": "user", "usrs": "users",
    "pwd": "password", "pw": "password", "acct": "account", "msg": "message",
    "msgs": "messages", "thru": "through", "info": "information", "approx": "approximately",
    "pls": "please", "plz": "please", "thx": "thanks", "rst": "reset", "unlk": "unlock",
}  # fmt: skip
_STEP_SHORTHAND_AT = re.compile(
    r"(?<![\w/])(?:w/o(?![\w/])|w/(?=[^\W\d_])|w/\s+|b/c(?![\w/])|"
    r"(?:usrs?|pwd|pw|acct|msgs?|thru|info|approx|pls|plz|thx|rst|unlk)\b)",
    re.I,
)


def _spelled_in_case(m: re.Match) -> str:
    said = m.group()
    full = _STEP_SHORTHAND[said.strip().lower()]
    if said.strip().isupper() and len(said.strip()) > 1:
        return full.upper()
    return full[:1].upper() + full[1:] if said[:1].isupper() else full


def with_shorthand_spelled(text: str) -> str:
    """`text` with desk shorthand spelled out, each word in the case it was written."""
    return _STEP_SHORTHAND_AT.sub(_spelled_in_case, text)


# A value written in quotes ("= 'RC'", "the material \"1559\""): a value, no word of content.
_QUOTED_VALUE = re.compile(r"'[^'\n]{0,20}'|\"[^\"\n]{0,20}\"")
_FINDING_HEAD = re.compile(r"^[^:=]*[:=]")


def _found_in_finding(line: str) -> bool:
    """Whether what a _FINDING line says after its label holds a word of content: "Similar
    incident: INC1389387" points to another ticket by its id, and an id alone is no finding."""
    return has_content_word(line[_FINDING_HEAD.match(line).end() :])


@text_memo
def is_step(line: str, starts_line: bool = True) -> bool:
    """Whether `line` records an action or check (not validation). A check told by its
    result alone ("Printer prints at full speed") is a step when it starts a line; after
    another step on the same line it is that step's result ("Sign-in -> OK. Upload page
    opens.")."""
    line = without_list_markers(line)
    if "\u2019" in line:  # a typographic apostrophe is the straight one ("the portal\u2019s")
        line = line.replace("\u2019", "'")
    lower = line.lower()
    if records_validation(line, lower):
        return False
    if not has_content_word(_QUOTED_VALUE.sub(" ", line)):
        # a number, an id or a value alone ("100", "INC1389387", "and forn_cd_id = '0001'",
        # a pasted payload's lines) records no action or check, in any language
        return False
    if _BARE_OUTCOME.match(line) or _TO_CALLER.match(lower) or _NO_STEP.search(lower):
        return False
    if _NOTHING_NAMED.match(lower) or _EFFECT_ONLY.match(lower):
        return False
    if MAIL_HEADER.match(lower) or (
        _CONTACT_DETAIL.match(lower) and ACTIONS.isdisjoint(_verbs(lower))
    ):
        return False
    return bool(
        "->" in line
        or _ARROW.search(line)
        or (_FINDING.match(line) and _found_in_finding(line))
        or _PAST_START.match(line)
        or _COMMAND.match(line)
        or (_FOUND_IN_ONE_CASE if one_case(line) else _FOUND_IN).match(line)
        or (starts_line and _ERROR_SEEN.match(line) is not None)
        or (starts_line and _CHECK_RESULT.search(lower) is not None)
        or (starts_line and _STATE_FOUND.search(lower) is not None and not _HEARSAY.search(lower))
        or (starts_line and any(_state_at_end(x) for x in _CLAUSE_JOIN.split(lower)))
        or _COUNTED.match(line) is not None
        or (starts_line and _TEST_WRITTEN.search(lower) is not None)
        or (starts_line and _SEEN_NOW.match(lower) is not None)
        or (starts_line and _STATE_FIRST.match(lower) is not None)
        or _SIGN_IN_RESULT.search(lower) is not None
        or _LOGGED_ON.search(lower) is not None
        or (_TEST_WRITTEN.search(lower) is not None and has_result(line))
        or _WATCHED.search(lower) is not None
        or _CASE_RAISED.search(line) is not None
        or not ACTIONS.isdisjoint(_verbs(lower))
        or _by_parts(lower, starts_line)
    )


def _by_parts(lower: str, starts_line: bool) -> bool:
    """Whether a lower-case line is a step read by its parts (tqrs.judges.step_parts): an
    action done on a named object, an action with what it showed, or, starting a line and
    told by no person, an object with what it showed."""
    if step_parts.action_on_object(lower) is not None or step_parts.not_found(lower):
        return True
    if starts_line and step_parts.reading(lower) is not None:
        return True  # "sign-in log - last 24 h only the office IP"
    if starts_line and step_parts.named_test(lower) is not None:
        return True  # "ping to the outstation - no reply"
    if step_parts.finding(lower) is None:
        return False  # an action with no object named and no finding: the readings above
    if step_parts.ACTION.search(lower) is not None:
        return True  # "ran sfc /scannow, no integrity violations"
    return (
        starts_line and not _SAYING.search(lower) and step_parts.told_by_finding(lower) is not None
    )


# A line of an e-mail signature giving a way to reach its writer ("email: j.doe@example.com",
# "t: +39 0573 370528 | m: +39 349 ...", "web: www.example.com", "social: Example Rail"):
# a contact detail, no step (audit rule 1: the record is what the analysts did and found),
# though "e-mail" and "web" name things a step may act on. A detail's label, then an
# address, a link, a telephone number or a name (a few words, none an action: "Email: sent
# the form to the vendor" is a step). Labels: the contact block of a business e-mail
# signature (RFC 6350 vCard's EMAIL, TEL with its cell/fax/voice kinds, URL, ADR; Outlook
# signature templates write them "t:", "m:", "f:", "e:", "w:").
_CONTACT_LABEL = (
    # a qualifier before the label: whose or which line it is ("Group phone: +48 ...",
    # "Group e-mail: ...", "Direct tel: ...")
    r"(?:(?:group|team|desk|direct|office|work|business|main|private|personal)\s+)?"
    r"(?:e-?mail|e|mail|t|tel|telephone|phone|ph|m|mob|mobile|cell|cellulare|f|fax|w|web|"
    r"website|www|social|linkedin|twitter|skype|address|addr|office|direct|diretto)"
)
# A line of a quoted e-mail's header ("From: ...", "Sent: Friday, February 28", "To: ...",
# "Cc: ...", "Subject: R: INC... - ..."), in the mail clients' languages (tqrs.rules.
# mail_header's fields, "Date:" and "Importance:" not read here), a value after the colon,
# read in lower case: the mail's envelope, no step.
MAIL_HEADER = re.compile(
    r"^\W*"
    + one_of(
        x
        for x in (*ENGLISH_FIELDS, *OTHER_ENGLISH_FIELDS, *TRANSLATED_FIELDS)
        if x not in ("date", "importance")
    )
    + r"[ \t]*:[ \t]*\S"
)
_CONTACT_DETAIL = re.compile(
    rf"^\W*{_CONTACT_LABEL}\s*[:.]\s*(?:"
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+\S*|"  # an address
    r"(?:https?://|www\.)\S+|"  # a link
    r"\+?[\d(][\d ()./|:+-]{5,}[\w ()./|:+-]*|"  # a telephone number (others after a bar)
    r"[a-z][\w&.'-]*(?: [a-z][\w&.'-]*){0,3}"  # a name of a few words
    r")\s*$"
)


# Where a text is cut into its lines and sentences (a sentence ends at ".", ";", "!" or "?"
# before a space).
LINES_AND_SENTENCES = re.compile(r"\n|(?<=[.;!?])\s+")


_BARE_ADDRESS = re.compile(r"^\W*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\W*$")


def contact_line(line: str) -> bool:
    """Whether a line is a signature's contact detail: "t: +39 ...", "email: <address>", or
    an e-mail address alone."""
    lower = line.strip().lower()
    return bool(
        _BARE_ADDRESS.match(lower)
        or (_CONTACT_DETAIL.match(lower) and ACTIONS.isdisjoint(_verbs(lower)))
    )


# A thing found in a state, told first with its details after ("print queue stuck 14 jobs",
# "breaker tripped on panel B", "disk C: full (temp files 40 GB)"): a check with its finding
# (audit rule 2), when it starts a line.
_STATE_FIRST = re.compile(
    r"^\W*(?!(?:user|caller|customer|she|he|they|i|we|it|this|that)\b)[\w./\\:-]+"
    r"(?: [\w./\\:-]+){0,3}? (?:is |was |are |were )?(?:stuck|hung|frozen|paused|jammed|"
    r"tripped|full|dead|offline|expired|corrupt(?:ed)?|missing|disabled|down|locked|blocked)\b"
)
# What the thing checked showed, told with a pronoun after the check ("checked the switch
# port, it is down"): that check's finding.
_PRONOUN_STATE = re.compile(
    r"[,;:]\s*(?:it|they)(?: is| was| are| were|'s)(?: still| now| not| all)? (?:down|up|full|"
    r"empty|off|on|offline|online|locked|expired|missing|disabled|enabled|ok|okay|fine|correct|"
    r"wrong|blank|stuck|dead|corrupt\w*|[a-z]{3,}ed)\b"
)
# A sign-in or log-on told with its result ("Sign-in successful", "logon ok"): a test
# written as a test (audit rule 4).
_SIGN_IN_RESULT = re.compile(
    r"\b(?:sign|log)-?(?:in|on)s?\b[^.;\n]{0,30}?\b(?:ok|okay|successful|succeeded|works|"
    r"fine|good|failed|fails|passed)\b"
)
# A sentence that only tells what the step before it did ("did not help", "no change",
# "same error"): that step's result, no step of its own.
_EFFECT_ONLY = re.compile(
    r"^\W*(?:(?:it |this |that )?(?:did not|didn't|does not|doesn't|did nothing to) "
    r"(?:help|work|change|fix)\w*|no (?:change|difference|effect|improvement|luck)|"
    r"same (?:error|issue|result|problem|message)|still (?:the same|fails|failing|broken))"
    r"(?:[^.;\n]{0,30})?\W*$",
    re.I,
)


def effect_only(sentence: str) -> bool:
    """Whether a sentence only tells the result of the step before it ("did not help.",
    "Works.", "Fixed.")."""
    return bool(_EFFECT_ONLY.match(sentence) or _BARE_OUTCOME.match(sentence))


# A check that names nothing checked ("Checked everything, all fine", "tested all, OK";
# LABELLING.md, 13_fresh_judged: no step); "checked all 12 tills" names them by their count.
_NOTHING_NAMED = re.compile(
    r"^\W*(?:checked|tested|verified|tried|reviewed|looked at|went through)\s+(?:everything|"
    r"all|it all|the usual|the basics|all the usual)\b(?!\s+(?:the|of|\w+s|\d+)\b)"
)
# A check told by what the thing does now, in the present ("Wallboard refreshes every 10 s",
# "calls waiting matches the supervisor view"): the thing (a word or three, no person),
# then a verb of what a system shows or does.
_SEEN_NOW = re.compile(
    r"^\W*(?:the |its |all |both )?(?!(?:user|caller|customer|she|he|they|i|we|it|this|that)\b)"
    r"[a-z][\w./'-]*(?: [a-z][\w./'-]*){0,2} (?:now |again |still )?"
    r"(?:refreshes|matches|displays|authenticates|charges|plays|sends|receives|accepts|passes|"
    r"completes|syncs|answers|transmits|streams|renders|launches|saves|uploads|downloads|"
    r"submits|calculates|balances|validates|resolves|drains|populates|lists|updates|"
    r"comes (?:up|back|through|in)|goes (?:through|out)|"
    # things in the plural, in the present ("clients get addresses again", "pages load")
    r"(?<=s )(?:now |again |all )?(?:get|load|open|print|connect|sync|work|show|arrive|upload|"
    r"download|appear|pass|run|register|respond|ring|clock in|send|receive|post|go through)|"
    # what it showed when looked at ("Printer showed paper jam at tray 2")
    r"showed|displayed|returned|threw|listed)\b"
)
# A watch told by what did not happen in its time ("no prompts in 10 min", "no drops for 2
# hours", "no errors over 24 h"): a timed watch is a test (audit rule 4).
_WATCHED = re.compile(
    r"\b(?:no|zero|0) [a-z-]+(?: [a-z-]+)? (?:in|for|over|during|within) (?:the (?:next|last) )?"
    r"(?:\d+|a|an|one|two|three|half an?)\s*(?:s|sec|secs|seconds|m|min|mins|minutes|h|hrs?|"
    r"hours?|days?|nights?|shifts?|weeks?)\b"
)
# A case raised with a vendor, Security or a provider, told with its reference ("Vendor
# case with Sage (SGE-662190)", "RMA 77120", "provider case 44120"): a procedure action
# whose result is that it was done (audit rule 6).
_CASE_RAISED = re.compile(
    r"\b(?i:case|rma|ref(?:erence)?)\b[^.\n]{0,30}?(?:\b[A-Za-z]{2,6}-?\d{3,}\b|\b\d{4,}\b)"
)


def _verbs(lower: str) -> list[str]:
    """The words of a lower-case text, a verb written with a hyphenated "re-" also as the
    verb itself ("re-created" is "created", "re-dock" "dock")."""
    said = _WORD.findall(lower)
    return said + [w[3:] for w in said if w.startswith("re-")]


def _state_at_end(lower: str) -> bool:
    """Whether a lower-case clause tells a thing's state or what was done to it, at its end
    ("rear breaker tripped", "report submitted"); not what someone says or wants."""
    return bool(
        _STATE_AT_END.match(lower) and not _SAYING.search(lower) and not _NO_STATE.search(lower)
    )


# Someone saying or guessing, not a thing checked ("user says it crashed", "seems down").
_SAYING = re.compile(
    r"^\W*(?:(?:and|so|but|then) )?(?:user|caller|customer|she|he|they|i|we|it'?s|it is|this|"
    r"that)\b|"
    r"\b(?:says?|said|claims?|thinks?|"
    r"believes?|according|seems?|looks|appears?|probably|maybe|might)\b"
)
# A test written as a test (audit rule 4: a test page, call, mail, invite or print; a
# sign-in; "on my test"; a timed watch): a verification of its own, also after the arrow of
# the fix it tests.
_TEST_WRITTEN = re.compile(
    r"\btest(?:ed)? ?(?:page|call|mail|e-?mail|invite|print|fax|scan|chat|delivery|message|"
    r"sheets?|labels?|login|log-?on|sign-?in)s?\b|\bon my test\b|\bin test\b|\btimed\b|"
    r"\btested\b|"
    # "test" naming the kind of any thing done or looked at ("a bank worker's test view", with
    # a typographic apostrophe too, "she filed a test par", "test badge accepted"): what the
    # thing is for is a test, whatever it is; not "test of", "test the ..." or "test it"
    r"\b(?:a|an|the|my|his|her|their|our|one|another|['\u2019]s) test[ -](?!(?:of|the|a|an|and|or|to|"
    r"for|it|them|is|was|in|on|with|by|from|at|if|again|ok|okay)\b)[a-z]{2,}\b"
)


# A verification of its own after a change (audit rule 4): a test written as a test, a
# sign-in or log-on, a scan ("Spare phone enrolled, support app signed in", "Security
# removed it, full scan clean").
_VERIFICATION = re.compile(
    rf"{_TEST_WRITTEN.pattern}|\b(?:logged|signed|logs|signs) (?:in|on)\b|\b(?:full|quick|av|virus|"
    r"malware|defender) scan\b|" + _WATCHED.pattern + "|" + _SIGN_IN_RESULT.pattern
)


def is_change(step: str) -> bool:
    """Whether a step changes something (its outcome is its effect or the test after it),
    rather than checking something (its outcome is its finding). Someone asked to do a
    change ("Lab asked to re-export in v3") is a change, done by another team (audit rule
    2), whose outcome the next step tells."""
    head = _ARROW.split(step, maxsplit=1)[0].lower()
    if (
        ("asked" in head or "requested" in head)
        and (m := _ASKED_TO.search(head))
        and not CHANGES.isdisjoint((f"{m.group(1)}d", f"{m.group(1)}ed"))
    ):
        return True
    said = _verbs(head)
    # a past tense first that is no check verb is a change, also misspelt ("instaled it")
    first = bool(said and _PAST_START.match(head) and said[0] not in CHECK_VERBS | _GUIDANCE)
    return (
        first
        or bool(_COMMAND.match(head))
        or not CHANGES.isdisjoint(said)
        or step_parts.is_change_by_parts(head)
    )


def has_outcome(step: str) -> bool:
    """Whether a step has its outcome written: its result, or, for a procedure action, that
    it was done (audit rule 6: "InfoSec notified, ref SOC-5512", "remote lock sent")."""
    return (
        has_result(step)
        or _DONE_IS_RESULT.search(step) is not None
        or _CASE_RAISED.search(step) is not None
        or _TOLD_SOMEONE.match(step) is not None
    )


# Someone other than the caller told, written as done ("Told Sophie's manager (Jo Platt).",
# "Informed the site lead"): a notification, whose result is that it was done (audit rule 6;
# the m/n audit counts "the manager told"); not advice ("told him to restart") nor what was
# said ("told the lead that ..."), nor talking to the caller (_TO_CALLER).
_TOLD_SOMEONE = re.compile(
    r"^\W*(?:told|informed|notified|alerted|warned)\s+"
    r"(?!(?:the )?(?:caller|user|customer|requester|her|him|them|me|us)\b)"
    r"(?![^.;\n]*\b(?:to|that|about|how|what|when|if|will|would)\b)"
    r"[^.;\n]{2,80}[.;]?\s*$",
    re.I,
)


# A table row of a note ("Dock firmware | 01.00.10, update offered", "| a | b |"), and a
# table's rule line ("---|---").
_CELL = re.compile(r"\s*\|\s*")
_TABLE_RULE = re.compile(r"^[\s|:-]*-{3}[\s|:-]*$")


def table_as_steps(text: str) -> str:
    """`text` with each table of two or more rows written as step lines (audit rule 2: a
    step counts however it is written, a table too): a row's first cell, then an arrow to
    its other cells, the thing checked or done and its result; the header row dropped."""
    if "|" not in text:
        return text
    out: list[str] = []
    run = 0  # rows of the table the line before belongs to
    for line in text.splitlines():
        cells = [c for c in _CELL.split(line.strip()) if c] if " | " in f" {line} " else []
        if _TABLE_RULE.match(line) and run:
            continue
        if len(cells) < 2:
            run = 0
            out.append(line)
            continue
        run += 1
        if run == 1:  # the header ("Check | Result"), kept aside until a second row comes
            out.append(line)
        else:
            if run == 2:
                out.pop()
            out.append(f"{cells[0]} -> {', '.join(cells[1:])}")
    return "\n".join(out)


def step_units(line: str) -> list[str]:
    """The steps a step line holds: one, or one per arrow after the first when a line
    chains them ("Enabled, Teams restarted -> share screen in test meeting -> visible":
    the change, then the test and what it showed)."""
    if ":" in line and (case := _CASE_LABEL.match(line)) and _CASE_RAISED.search(case[1]):
        # "Provider support (case 44120): cards moved to a new cost centre": the case raised
        # with its reference (audit rule 6), then what the other team found (rule 2)
        found = case[2].strip()
        if has_result(found) and not _RAISED.match(found):
            return [case[1].strip(), *step_units(found)]
    parts = _ARROW.split(line)
    if len(parts) > 2 and all(_is_place(x) for x in parts[1:-1]):
        # a menu path ("iOS Settings -> Outlook -> Calendars was off"): one check
        parts = [" > ".join(x.strip() for x in parts[:-1]), parts[-1]]
        line = " -> ".join(parts)
    if len(parts) == 2 and _TEST_HEAD.match(parts[1]):
        # "Min data rate 12 Mbps, 802.11r on -> walk test 3 laps, no drop": what was done,
        # then a test written as a test, named by its kind (audit rule 4: a step of its own
        # after the fix's arrow)
        return [*clause_steps(parts[0].strip()), parts[1].strip()]
    if len(parts) == 2 and _VERIFICATION.search(parts[1].lower()) and is_change(parts[0]):
        # "Removed rule -> test invite arrived": the fix, whose result is the test, and
        # the test (audit rule 4)
        return [*clause_steps(parts[0].strip()), parts[1].strip()]
    if len(parts) == 2 and _CAUSE_FOUND.search(parts[0]) and is_change(parts[1]):
        # "WPML default language had been set to German during the update -> set back to
        # English": the cause found, told in the past perfect (a check with its finding),
        # then the fix (audit rule 4: a finding is a step, the fix another)
        return [parts[0].strip(), parts[1].strip()]
    if len(parts) == 2 and signs_in(parts[0]) and _works_in_it(parts[1]):
        # "he logged in on ph -> JobPro jobs list loads": the sign-in, a verification, then
        # a check in an application or a piece of work done with it, another step (audit
        # rule 5: "Reset; logon OK; SAP opens" is 20); the forced change after the arrow
        # ("-> chg OK") is the sign-in's own
        return [parts[0].strip(), parts[1].strip()]
    if len(parts) <= 2:
        return clause_steps(_ARROW.sub("->", line))
    return [f"{a.strip()} -> {b.strip()}" for a, b in zip(parts, parts[1:], strict=False)]


# A cause told as found: a thing's state in the past perfect, not the analyst's own act
# ("the default language had been set to German", "the certificate had expired").
_CAUSE_FOUND = Caseless(
    r"(?<!\bi )(?<!\bwe )\bhad (?:been (?:set|changed|switched|turned|left|moved|deleted|"
    r"removed|disabled|enabled|reset|renamed|overwritten|filled|blocked|locked)|expired|"
    r"filled(?: up)?|run out|stopped|dropped|failed|lapsed|reverted|corrupted)\b"
)


# The sign-in's own result: the forced password change, or the screen a sign-in lands on
# ("-> chg OK", "-> main menu loads", "-> desktop up").
_SIGN_IN_OWN = Caseless(
    r"\b(?:password|pwd|passphrase|pw|chg|change[ds]?|temp|desktop|main menu|home ?(?:page|"
    r"screen)|start (?:menu|screen)|landing page|welcome (?:page|screen))\b"
)


def _works_in_it(part: str) -> bool:
    """Whether what follows a sign-in's arrow is a further check of its own: something
    that opens, loads or is done (a step with its outcome), not the sign-in's own result."""
    return (
        word_count(part) > 1
        and _SIGN_IN_OWN.search(part) is None
        and is_step(part, True)
        and has_outcome(part)
    )


# A label before a colon, and what follows it ("Vendor (case 12345): firmware bug"); what
# follows it when it only tells the case raised ("Case 12345: raised with Dell").
_CASE_LABEL = re.compile(r"^([^:\n]{3,60}):\s+(\S.*)$")
_RAISED = re.compile(r"^\W*(?:raised|logged|opened|created|sent|submitted|filed)\b", re.I)


# What follows an arrow when it is a test named as one ("walk test 3 laps", "test call OK",
# "retest passed"): a word that says which test at most, then "test".
_TEST_HEAD = re.compile(r"^\W*(?:[a-z][\w-]* )?(?:re-?)?test(?:ed|s)?\b(?! (?:of|the|it)\b)", re.I)


def is_test(step: str) -> bool:
    """Whether a step is a test named as one ("walk test 3 laps, no drop")."""
    return _TEST_HEAD.match(step) is not None


def _is_place(part: str) -> bool:
    """Whether a part between two arrows only names where to go (a menu or a setting)."""
    said = part.split()
    return (
        0 < len(said) <= 2
        and not has_result(part)
        and not is_step(part, False)
        and not _TEST_WRITTEN.search(part.lower())
    )


# Account work that is one operation however many sentences tell it (audit rule 5: a reset
# or unlock with its temporary password, "change at next logon"), not the sign-in after it.
_ACCOUNT_OPERATION = re.compile(
    r"\b(?:reset|unlock(?:ed)?|temp(?:orary)?|(?:change|chg) (?:at|on) (?:next|first)|"
    r"must change)\b"
)


def signs_in(step: str) -> bool:
    """Whether a step tells a sign-in done ("he signed in and changed the password",
    "she's in"): a verification (audit rule 5), not a change whose effect comes next."""
    return _LOGGED_ON.search(step) is not None


def is_account_operation(step: str) -> bool:
    """Whether a step resets or unlocks an account, or tells the temporary password."""
    lower = step.lower()
    return _ACCOUNT_OPERATION.search(lower) is not None and not _LOGGED_ON.search(lower)


# A child or duplicate incident's check after its parent's fix (LABELLING.md,
# `13_fresh_judged`, kept by audit rule 3): one step, whatever it names.
PARENT_FIXED = re.compile(r"\bparent\b[^.\n]{0,40}\b(?:resolved|fixed|closed|restored)\b", re.I)


# Where a run-on sentence or a comma run joins its checks ("Outlook connects, Teams signs
# in", "queue missing, installed it from Software Center and printed a test page ok").
_CLAUSE_JOIN = re.compile(r",\s+|;\s+|\s+(?:and|adn|\+|&)\s+", re.I)
# The details of account work that are no step of their own (audit rule 5: a reset with its
# temporary password is one operation, the sign-in with the forced change one verification):
# "change at next logon set", "temp told on the call", "changed the password".
_ACCOUNT_DETAIL = re.compile(
    r"\b(?:temp(?:orary)?\b|(?:change|changed) (?:it |the password |pw |pwd )?(?:at|on) "
    r"(?:next|first) (?:logon|log-on|login|sign-in)|must change|changed (?:it|"
    r"(?:the|her|his|their) (?:password|pw|pwd))\b|(?:set|chose|typed) (?:a |her |his )?(?:own )?"
    r"new (?:password|pw|pwd)\b|new (?:password|pw|pwd) (?:set|chosen|changed|entered)\b|"
    r"(?:password|pw|pwd|account|acct) (?:reset|unlocked)\b|"
    r"\b(?:reset|unlocked)\W*$)"
)
# The temporary password handed over, after the reset ("reset, temp sent by SMS"; "Reset to a
# temporary code, sent to her student mailbox"): part of that one operation (audit rule 5).
_HANDED_OVER = re.compile(r"^\W*(?:sent|given|told|read|texted|e-?mailed|handed|gave)\b")
_COMMA_JOIN = re.compile(r",\s+|;\s+")
_AND_JOIN = re.compile(r"\s+(?:and|adn|\+|&)\s+", re.I)
# Things checked that share one result ("Windows + LIMS sign-in OK", "Outlook and Teams
# open"): a word or two each, joined by "+", "&" or "and" before the last one's result.
_THING, _SHARE = r"[\w./-]+(?: [\w./-]+)?", r"\s+(?:\+|&|and)\s+"
_SHARED = re.compile(rf"^((?:{_THING}{_SHARE})+)(\S+\s+\S.*)$", re.I)
_SHARING = re.compile(rf"({_THING}){_SHARE}", re.I)


def _shared_result(clause: str) -> list[str]:
    """One check per thing checked when several share one written result (audit rule 3:
    as if each had its own "-> OK"): "Windows + VPN sign-in OK" gives "Windows sign-in OK"
    and "VPN sign-in OK"; nothing when the clause is not so written."""
    m = _SHARED.match(clause.strip())
    if not m or not has_result(m[2]) or not ACTIONS.isdisjoint(_WORD.findall(m[1].lower())):
        return []
    result = m[2].split(maxsplit=1)[1]
    return [f"{x} {result}" for x in _SHARING.findall(m[1])] + [m[2]]


# A place a further thing checked after an arrow is named by ("-> no signal on the room
# screen and on my test monitor").
_PLACE_WORD = re.compile(r"^(?:on|in|at|with|from|to|via|for)\b", re.I)


def _sharing_result(head: str, result: str, clause: str) -> str:
    """A clause after an arrow's result that names one more thing checked with the same
    result (audit rule 3: "-> no signal on the room screen and on my test monitor" is one
    check per screen), written as its own check ("HDMI -> no signal on my test monitor");
    any other clause as it is."""
    place = _PLACE_WORD.match(clause)
    at = result.lower().find(f" {place.group().lower()} ") if place else -1
    if at <= 0 or has_result(clause):
        return clause
    return f"{head.strip()} -> {result[:at]} {clause}"


# A clause needs this many words to be a check of its own ("Unlocked, reset" stays one).
_MIN_CLAUSE_WORDS = 2


# A clause that opens with a relative pronoun qualifies the clause before it.
_RELATIVE = re.compile(r"^\W*(?:which|who|whom|whose)\b", re.I)
# What the analyst reads into a finding, told after it ("signal 1 bar - that'll be the comms
# errors", "hence the declines", "that's why it drops"): the reported problem named as what
# the finding explains.
_EXPLAINS = re.compile(
    r"(?<![\w'])(?:(?:that|this|which)(?:'ll| will| would|'d| must) be\b|(?:that|this) "
    r"(?:explains|accounts for)\b|(?:that's|that is|this is|which is) (?:why|the (?:cause|"
    r"reason|culprit))\b|hence\b)",
    re.I,
)


def _explains_only(clause: str) -> bool:
    """Whether a clause's only result is what the finding before it explains ("signal 1
    bar - that'll be the comms errors"): a detail of that check and its reading, not a
    check of its own (audit rule 3: details of one check stay one step)."""
    m = _EXPLAINS.search(clause)
    if m is None:
        return False
    head = clause[: m.start()].rstrip(" -\u2013,;:")
    return not (has_result(head) or is_step(head) or is_change(head))


def clause_steps(unit: str) -> list[str]:
    """The checks and actions a step holds, one per clause that is a step or says a result
    (LABELLING.md, troubleshooting audit: each check with its own result is a step, however
    written: a run-on sentence, a comma run); the step whole when fewer than two clauses
    are. What a clause after an arrow holds is that step's result, not a step."""
    head, arrow, tail = unit.partition("->") if "->" in unit else (unit, "", "")
    parts = [
        x.strip()
        for piece in _COMMA_JOIN.split(head)
        for x in (_shared_result(piece) or _AND_JOIN.split(piece))
    ]
    tails = [x.strip() for x in _CLAUSE_JOIN.split(tail)] if arrow else []
    found: list[str] = []
    prefix = ""
    for x in parts:
        account = _ACCOUNT_DETAIL.search(x.lower()) is not None or bool(
            found and _ACCOUNT_DETAIL.search(found[-1].lower()) and _HANDED_OVER.match(x.lower())
        )
        step = (len(x.split()) >= _MIN_CLAUSE_WORDS and (is_step(x) or has_result(x))) or (
            not account and is_change(x)  # "Reran, pushed to the clock": two actions
        )
        # a check's finding after it is that check's, not another ("checked logs, reason
        # 'login lifetime expired'"; audit rule 3: details of one check stay one step)
        # so is a change's effect after it ("Installed, .vsdx opens"; audit rule 4: an
        # effect is the fix's own result, a test written as a test a step of its own)
        if found and _RELATIVE.match(x):
            # "..., which I set out below": a relative clause says more of the clause
            # before it; it is no check or action of its own
            found[-1] = f"{found[-1]}, {x}"
            continue
        finding = (
            found
            and not has_result(found[-1])
            and has_result(x)
            and ACTIONS.isdisjoint(_WORD.findall(x.lower()))
            and not (is_change(found[-1]) and (_VERIFICATION.search(x.lower()) or signs_in(x)))
        )
        if found and (account or finding or not step or _explains_only(x)):  # the step before's
            found[-1] = f"{found[-1]}, {x}"
        elif step or account:  # account work opens one operation ("unlocked, reset")
            found.append(f"{prefix}{x}")
            prefix = ""
        else:
            prefix = f"{prefix}{x}, "
    if prefix and arrow:  # what the arrow's result is of ("TMS sign-in at the counter -> OK")
        found.append(prefix.rstrip(", "))
    # after the arrow: the first clause is the result, the others further checks
    # ("-> connected, demo site opens")
    more = [
        x
        for x in tails[1:]
        if len(x.split()) >= _MIN_CLAUSE_WORDS
        and (
            _CHECK_RESULT.search(x.lower())
            or _TEST_WRITTEN.search(x.lower())  # "no signal on the room screen and on my test"
            or _state_at_end(x.lower())
        )
    ]
    more = [_sharing_result(head, tails[0], x) for x in more]
    if len(found) + len(more) < 2:
        return [unit]
    if arrow and found:
        found[-1] = f"{found[-1]} -> {tails[0]}"
    return found + more


# An error code seen, with where or when it shows ("401 on office only", "0x80070643 on
# install", "HTTP 500 from the search API"): a check with its finding (audit rule 2); a
# count of things ("500 labels printed") is no error.
_ERROR_CODE_SEEN = re.compile(
    r"^\W*(?:error\s+|http\s+)?(?:0x[0-9a-f]{6,}\b|[45]\d\d\b(?=\s+(?:error|on|from|for|"
    r"at|in|only|when|after|returned)\b|\W*$))",
    re.I,
)


@text_memo
def has_result(line: str) -> bool:
    """Whether a step line says what it showed or did ("-> OK", "SU53: ... missing")."""
    if _ARROW.search(line) or _FINDING.match(line) or _LOGGED_ON.search(line):
        return True
    if _ERROR_CODE_SEEN.match(line):  # the error seen is what the check found
        return True
    if " - " in line or " \u2013 " in line:
        # a check, a dash, what it found ("checked the proxy settings - wrong PAC url"),
        # also in the passive ("Firmware checked - current")
        head, found = [*_DASH.split(line, maxsplit=1), ""][:2]
        checked = (
            _PAST_START.match(head) and _verbs(head.lower())[0] in CHECK_VERBS
        ) or _PASSIVE_CHECK.search(head) is not None
        if checked and found.strip(" ."):
            return True
    lower = line.lower()
    if "see " in lower:
        lower = _POINTS_ELSEWHERE.sub("", lower)
    if _STATE_FOUND.search(lower) and not _HEARSAY.search(lower):
        return True
    if (
        "test" in lower
        and (test := _TEST_WRITTEN.search(lower) or _TEST_HEAD.match(lower))
        and _TEST_DID.search(lower, test.end())
    ):
        return True
    if _MEASURED.match(lower) and not _PERSON_FIRST.match(lower):
        return True
    if _COUNTED.match(line) or _CHECK_RESULT.search(lower) or _WATCHED.search(lower):
        return True
    if _SEEN_NOW.match(lower) or _SIGN_IN_RESULT.search(lower) or _EFFECT_ONLY.match(lower):
        return True
    if _PRONOUN_STATE.search(lower) or _CAUSE_FOUND.search(lower):
        return True
    if _STATE_FIRST.match(lower) and not _SAYING.search(lower):
        return True
    if step_parts.finding(lower) is not None or step_parts.not_found(lower) is not None:
        return True
    if step_parts.reading(lower) is not None or step_parts.named_test(lower) is not None:
        return True
    said = _WORD.findall(lower)
    # a thing's state at the end is a finding; an action told in the passive ("profile
    # restored") is a change, whose result is still to be written
    if _state_at_end(lower) and said and said[-1] not in ACTIONS:
        return True
    return not OUTCOMES.isdisjoint(said)


# A pointer to another record ("see close notes", "see above"): says where the result is,
# not what it was (audit rule 1).
_POINTS_ELSEWHERE = re.compile(
    r"\bsee (?:the )?(?:close|closure|resolution|work|above|below|attached|attachment|"
    r"e-?mail|ticket|comments?|notes?)\b[^,;.\n]*"
)
# What a test did, told after it in the past ("test call held for two minutes", "made a test
# call, it dropped at five seconds"): the test's result (audit rule 4), unless it was only
# planned or asked for.
_TEST_DID = re.compile(
    r"\b(?!(?:scheduled|planned|requested|asked|needed|booked|arranged|attempted|sent|made|"
    r"placed|raised|logged|printed|queued)\b)(?:[a-z]{3,}ed|held|went|came|ran|rang|got|"
    r"stayed|kept|took|fell|broke|lasted)\b|\bno [a-z]{3,}"
)


# A finding told as a measure of what was looked at: a thing, then the number a tool read
# on it ("the memory is only 8 GB", "SMART reported 212 reallocated sectors", "disk at 97
# %"); a person who says a number ("user reports 5 errors") is hearsay.
_MEASURED = re.compile(
    r"^\W*(?:and |so |but )?(?:the )?[\w./-]+(?: [\w./-]+){0,3}? (?:is|was|are|were|at|"
    r"reported|reports|shows|showed|read|reads|logged|logs)(?: only| just| at| now| still)? "
    r"\d[\d.,]*\s?(?:%|per ?cent|[kmgt]b|ms|mbps|v|w|°c|(?:[a-z]+ )?[a-z]+s)\b|"
    # the same with the verb left out, a unit of measure after the number ("battery 80%",
    # "signal -70 dBm", "disk C: 97 %"): a reading, not a count of things done
    r"^\W*(?:and |so |but )?(?:the )?(?![a-z]+ed\b|set\b|sets\b|put\b)[a-z][\w./-]*"
    r"(?: (?!to\b|from\b|by\b)[\w./:-]+){0,2}? -?\d[\d.,]*\s?"
    r"(?:%|per ?cent|[kmgt]b|ms|mbps|dbm|db|v|w|°c)(?!\w)"
)
_PERSON_FIRST = re.compile(
    r"^\W*(?:and |so |but )?(?:the )?(?:user|caller|customer|she|he|they|i|we|staff)\b"
)
# A check told in the passive, its thing first ("Driver version checked", "Cable tested").
_PASSIVE_CHECK = re.compile(
    r"^\W*[\w./-]+(?: [\w./-]+){0,3} (?:was |were )?(?:checked|verified|tested|inspected|"
    r"reviewed|examined|compared|measured)\W*$",
    re.I,
)
# A sign-in told as done (audit rule 5: the sign-in after a reset is one verification):
# "logged in", "signed on", also a person told to be in ("she's in", "user back in", "he got
# in", a bare "In." on a reset call, U5), able to sign in ("user can log in now") or, in
# learner's English, to be "login" ("User is login and change password").
_LOGGED_ON = Caseless(
    r"\b(?:logged|signed) (?:in|on)\b|^\W*in\W*$|"
    r"\b(?:user|caller|customer|she|he|they|i)(?:'s|\u2019s|'m| is| was| are| am| got| gets)?"
    r" (?:now |back |finally )?"
    r"(?:in\b(?=\s*(?:$|[,.;!:)]|now\b|ok\b|and\b|again\b))|(?:log|sign)-?(?:in|on)\b)|"
    r"\b(?:user|caller|customer|she|he|they|i) (?:can|could) (?:now )?(?:log|sign) ?(?:in|on)\b"
)
_DASH = re.compile(r"\s[-\u2013]\s")


# Verbs that say something was done without saying what ("fixed the issue", "applied a
# fix", "tuned the settings"): guides ask for the action and the object instead.
# "fixed" and "corrected" name the fix when an object follows ("HR fixed the record",
# "corrected the effective date"); the other generic verbs say nothing whatever follows.
_FIX_VERBS = frozenset({"fixed", "corrected"})
# A past-tense word after an article or a possessive is an adjective ("an unmanaged USB
# stick", "the encrypted disk"), not an action.
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the|his|her|their|its|our|my|this|that)\s+$")
# A participle that points to a file ("see attached screenshot", "please find attached",
# "as per enclosed"): an adjective of the pointer, no action; or that follows "as", a
# comparison with what should be ("working as designed", "as requested", "as discussed"),
# not what was done.
_POINTER_BEFORE = re.compile(r"\b(?:see|find|per|as)\s+$")
# A participle that says what the issue is or goes with ("The issue is connected to user
# workstation", "the problem seems related to the proxy"): its cause or its place, not an
# action done to it (R2: a cause with no fix). Closure words keep their reading ("the issue
# was resolved").
_ISSUE_IS = re.compile(
    r"\b(?:issue|problem|error|fault|behaviou?r|malfunction)\s+(?:is|was|are|were|seems|"
    r"seemed|appears|appeared)\s+(?:(?:to be|probably|likely|most likely|maybe|possibly|"
    r"clearly|only|not)\s+)*$"
)
# Advice and requests to others say what someone else should do, not what was fixed.
ADVICE = frozenset("advised told asked instructed recommended suggested explained".split())
GENERIC_ACTIONS = ADVICE | frozenset(
    "fixed resolved solved sorted closed done handled addressed tuned worked made needed "
    "used applied checked looked informed completed processed actioned found "
    "corrected attempted tried".split()
)
ALWAYS_GENERIC = GENERIC_ACTIONS - _FIX_VERBS
# The object of a generic fix: "a fix", "the issue", "the settings".
_GENERIC_OBJECT = re.compile(
    r"^(?:the |a |an |some |its |their |all )?(?:standard |usual |known |same |necessary |"
    r"required |relevant |basic |further |initial |remote |some )?(?:fix|fixes|solution|"
    r"workaround|issue|problem|error|settings?|changes?|it|this|that|everything|"
    # work named only as work ("troubleshooting performed", "carried out checks")
    r"troubleshooting|diagnostics?|checks|tests|investigation|maintenance|work)\b|"
    # whatever was wrong, named only as such ("fixed the database error")
    r"^(?:the |a |an |some )?(?:[\w-]+ ){0,2}(?:error|issue|problem|fault|bug)s?\b|"
    # a bare kind of thing with nothing that names it ("Restarted the service.",
    # "Reinstalled driver", "Cleared cache"): which one is not said
    r"^(?:the |a |an |all |latest |the latest |pending |available )?"
    r"(?:faulty |broken |defective |damaged |worn )?"
    # a kind named by the kind of thing it serves says no more ("the VPN client",
    # "printer driver": which one?)
    r"(?:(?:vpn|printer|print|graphics|display|video|audio|sound|network|wifi|wi-fi|wireless|"
    r"bluetooth|usb|mail|email|e-mail|browser|antivirus|scanner|webcam|camera) )?"
    r"(?:(?:service|driver|app|client|agent|"
    r"application|software|program|cache|device|computer|pc|machine|system|server|profile|"
    r"config(?:uration)?|update|patch|cookie)s?|patches|temp(?:orary)? files)"
    # (its clause ends there, or another action follows: "Cleared the cache and uploaded
    # again" still does not say which cache)
    r"(?: and (?:the )?(?:cookies|temp(?:orary)? files|cache|drivers?|updates))?"
    r"\s*(?:[.;,!]|\s+and\s+[a-z-]+ed\b|$)|"
    # a part named only by the device it belongs to or its fault ("Replaced printer part",
    # "the faulty part"): which part? (not a record called a part: "The part is released")
    r"^(?:the |a |an )?(?:(?:faulty|broken|defective|damaged|worn) |(?:printer|scanner|"
    r"laptop|pc|monitor|phone|device|machine|hardware) )+parts?\s*(?:[.;,!]|$)|"
    # advice or guidance named by its topic only ("Gave advice on mailing lists"): what the
    # user was told is not said (R3); "advice to use Bcc" says it
    r"^(?:(?:the |a |an )?(?:user|caller|customer)(?:'s)? )?(?:some |general |further )?"
    r"(?:advice|guidance|tips)\b(?!\s+(?:to|how|that)\b)|"
    # a pointer as the object ("Followed KB0012345", "followed the SOP"): the article holds
    # the action (R3: a KB number alone)
    r"^(?:the )?(?:kb\s?\d{3,}|kb|sop|knowledge (?:article|base)|article)\s*(?:[.;,!]|$)|"
    r"^(?:the )?needful\b|"
    # settings named only by their owner ("Printer settings corrected."): which setting?
    r"^(?:the |a |an |some )?(?:[\w-]+ ){0,2}(?:settings?|config(?:uration)?|changes?)"
    r"\s*(?:[.;,!]|$)"
)
# What a fix verb is followed by when it names no object ("fixed after the reset").
_BY_WHAT = re.compile(r"^(?:after|by|with|via|on|in|at|from|for|when|once|following|through)\b")
# How or where an action was done, not its object ("Problem was fixed remotely.").
_ADVERBS = re.compile(
    r"^(?:(?:remotely|manually|successfully|again|now|already|properly|locally|onsite|on-site|"
    r"permanently|temporarily)\b\s*)+"
)
# An action followed only by "again" and its clause's end.
_AGAIN_ALONE = re.compile(r"\s+again\s*(?:[.;,!]|$)")
# Fix verbs whose past is irregular (the -ed test of fix_actions misses them): "Rebuilt the
# Outlook profile", "Put the user in the group".
_IRREGULAR_FIXES = frozenset("rebuilt built put rewrote wrote shut".split())
# Verbs that say a setting was changed without saying to what: with a short object and no
# detail after it ("Reconfigured the phone.", "Adjusted the Wi-Fi settings.") nobody can
# repeat the fix; "changed the DNS to 10.0.0.5" names it.
_RECONFIGURED = frozenset("reconfigured adjusted tweaked modified amended".split())
_NO_DETAIL = re.compile(
    r"^(?:the |a |an |some |his |her |its |their )?(?:[\w-]+ ){0,2}[\w-]+\s*(?:[.;!]|$)"
)
# A pronoun object, and how many words before it name what it stands for (a cause stated:
# "The ACL lost its SMB rule; restored it").
_PRONOUN = re.compile(r"^(?:it|them)\b")
_ANTECEDENT_WORDS = 2
# Words that name nothing "it" could stand for ("User rang, reset it").
_NO_ANTECEDENT = frozenset(
    "the a an and or but then so user caller customer she he they it this that issue problem "
    "fault error was were is are been rang called said reported".split()
)
# Words a passive's subject may take before its verb, all read as the object.
_PASSIVE_OBJECT = 6
_PASSIVE_HEAD = 3  # words of a long passive subject's head before its first preposition
_SUBJECT_ENDS = frozenset("to for of with in on from".split())
# The auxiliaries of a passive ("was", "has been"), between the object and the action.
_BE = frozenset("was were is are been has have had got".split())
# Past-tense words that are not actions.
_NOT_ACTIONS = frozenset(
    "needed used based called named seemed appeared required related limited "
    "expected caused reported "
    # what befalls the user, not a change made ("The user trying again has not encountered
    # any problems": the issue no longer occurring, R2)
    "encountered experienced faced noticed "
    # what the writer feels, a template's courtesy ("We are pleased to inform you that ...")
    "pleased delighted".split()
)


# What the user works with meanwhile: a workaround, not a fix of the reported item
# (labelling conventions: "a fix that is generic or a workaround" is partly met).
WORKAROUND = re.compile(
    r"\b(?:work ?-?arounds?|loaner|loan (?:laptop|device|phone)|for now|in the meantime|"
    r"meanwhile|interim|until (?:then|further notice)|"
    # another of the thing that fails (R4: another browser, app, printer, till or desk),
    # or the web version of the application
    r"(?:another|a different|an alternative|alternative|a hot|a nearby|the nearest|"
    r"a temporary|a backup) (?:[\w-]+ )?(?:printer|desk|pc|laptop|computer|browser|app|till|"
    r"device|phone|machine|terminal|scanner|monitor|screen|room|headset|mouse|keyboard|"
    r"dock|workstation|account|network|connection)|"
    r"(?:use|using|via|through|from|on|to) (?:the )?(?:[\w-]+ )?(?:web (?:client|app|version)|"
    r"browser version|owa|outlook on the web|mobile hotspot|hotspot)|"
    # the fault left until a part, a repair or an engineer comes ("printing to the 3rd floor
    # printer until the part arrives", "until the scale engineer visits")
    r"until (?:the |a |its |his |her |their )?(?:[\w-]+ )?(?:part|parts|"
    r"replacement|repair|engineer|technician|fuser|screen|battery|board|unit|device|order)s? "
    r"(?:arrives?|is (?:fitted|delivered|replaced|repaired|back)|comes?|visits?)|"
    # a spare is a workaround while the user's own is away, a replacement otherwise; an
    # aside in brackets is a clause of its own ("(wipe pending until it connects), issued a
    # spare": the wait is the wipe's, not the spare's)
    r"spare\b[^.;\n()]*\b(?:until|while|for now|meanwhile)|(?:until|while)\b[^.;\n()]*\bspare)\b"
)
# A clause that says what may or will happen, not what was done: "until the lost one is
# found or replaced", "if it happens again", "once the vendor ships the patch", "screen to
# be replaced".
_NOT_DONE = re.compile(
    r"\b(?:until|unless|if|once|whether|in case|should it|when it|to be|will be|will|"
    r"would be|needs to|need to|pending|awaiting)\b|"
    # advice: what the user was told to do, not what was done ("advised the user to
    # restart"; the advice verb itself is read as a generic action)
    r"(?:(?<=\badvised)|(?<=\btold)|(?<=\basked)|(?<=\binstructed)|(?<=\brecommended)|"
    r"(?<=\bsuggested))\s[^.;]{0,40}?\bto\b"
)
_CLAUSE_END = re.compile(r"[;!?()]|[.:](?=\s|$)|,\s|\band\b|\bbut\b")
_SENTENCE_END = re.compile(r"[.;!?\n]")


def _aside(text: str, m: re.Match, sentence: bool) -> tuple[int, int]:
    """Where the aside that `m` opens lies in `text`: to the end of its clause, or the
    whole sentence around it."""
    start = m.start()
    if sentence:
        start = max((s.end() for s in _SENTENCE_END.finditer(text, 0, start)), default=0)
    end = (_SENTENCE_END if sentence else _CLAUSE_END).search(text, m.end())
    return start, end.start() if end else len(text)


def _not_a_past(word: str) -> bool:
    """Whether a word ending in "-eed" is no past tense: "agreed" and "freed" are ("agree" +
    "d"), "indeed", "proceed", "exceed" and "succeed" are an adverb and base forms."""
    return word.endswith("eed") and not is_known(word[:-1])


@text_memo
def fix_actions(notes: str) -> tuple[list[str], list[str]]:
    """(specific actions, generic actions) named in resolution notes: action verbs (or
    past-tense words) with what follows them, e.g. ("re-paired the dongle", ...). Verbs
    of a clause that says what may happen ("until it is replaced") or what the user works
    with meanwhile (a spare laptop, a workaround) are not fixes."""
    lower = notes.lower()
    specific, generic = [], []
    spans = [_aside(lower, m, sentence=False) for m in _NOT_DONE.finditer(lower)]
    spans += [_aside(lower, m, sentence=True) for m in WORKAROUND.finditer(lower)]
    for m in _WORD.finditer(lower):
        if any(start <= m.start() < end for start, end in spans):
            continue
        w = m.group()
        base = w.removeprefix("re-").removeprefix("re")
        is_action = (
            w in ACTIONS or w in GENERIC_ACTIONS or base in ACTIONS or w in _IRREGULAR_FIXES
        ) or (
            len(w) >= 5
            and w.endswith("ed")
            and w not in _NOT_ACTIONS
            and not _not_a_past(w)
            and _ARTICLE_BEFORE.search(lower, 0, m.start()) is None
        )
        if not is_action or _POINTER_BEFORE.search(lower, 0, m.start()):
            continue
        if w not in GENERIC_ACTIONS and _ISSUE_IS.search(lower, 0, m.start()):
            continue
        rest = _ADVERBS.sub("", lower[m.end() :].lstrip(" :"))
        clause_end = _CLAUSE_END.search(rest)
        if w in _FIX_VERBS and _BY_WHAT.match(rest):
            rest = ""  # "fixed after reset", "fixed by the vendor": no object
        if not rest[: clause_end.start() if clause_end else None].strip():
            # the object written first ("Password reset.", "Printer settings corrected.")
            before = _CLAUSE_END.split(lower[: m.start()])[-1].split()
            passive = bool(before) and before[-1] in _BE
            while before and before[-1] in _BE:  # "the teams cache was cleared"
                before.pop()
            # a short clause: its object; a passive's subject is its object whole ("the
            # user's password in ad was reset")
            if passive and len(before) > _PASSIVE_OBJECT:
                # a long subject: its head, the words before its first preposition ("the
                # access rules to the standard parts library for the role of cad recovery
                # have been updated": "the access rules")
                head = next((i for i, x in enumerate(before) if x in _SUBJECT_ENDS), None)
                before = before[:head] if head and head <= _PASSIVE_HEAD else []
            before = before if len(before) <= (_PASSIVE_OBJECT if passive else 3) else []
            # the object written first, whole, as the active form names it ("cleared the
            # teams cache", "outlook profile rebuilt")
            phrase, rest = f"{' '.join(before)} {w}".strip(), " ".join(before)
            if not before and not passive and w not in GENERIC_ACTIONS:
                # "The profile was corrupt - recreated.": the object is what the words
                # before named, as for "it" below
                rest = "it"
        else:
            phrase = f"{w} {' '.join(rest.split()[:3])}".strip()
        vague = (
            w in ALWAYS_GENERIC
            or _GENERIC_OBJECT.match(rest)
            or not rest.strip(" .;,!?")
            or (w in _RECONFIGURED and _NO_DETAIL.match(rest) is not None)
        )
        if vague and w not in GENERIC_ACTIONS and _PRONOUN.match(rest):
            # "it" after the notes named what was wrong ("The SSID was missing from the
            # profile; added it manually"): the thing named before is the object
            before_it = [w for w in _WORD.findall(lower, 0, m.start()) if w not in _NO_ANTECEDENT]
            vague = len(before_it) < _ANTECEDENT_WORDS
        # the action repeated with nothing it acts on ("Cleared the cache and uploaded
        # again"): a retry of what failed, no change named
        vague = vague or (phrase == w and _AGAIN_ALONE.match(lower, m.end()) is not None)
        (generic if vague else specific).append(phrase)
    return specific, generic
