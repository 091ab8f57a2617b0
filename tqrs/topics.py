"""What a ticket is about, in broad service-desk topics (access, email, printing, network,
devices, telephony, databases, software), read from words; used offline to tell when a
ticket's category, or its resolution notes, are plainly about something else.

Only a clear difference counts: the subcategory must name a specific known topic (a bare
"Hardware", or "Software / Application", is too broad to be wrong), the text must name another
topic at least twice (a short-description word counts twice) and nothing of the category's
own topic (by its words, or by a category's name for it: "access") or of a topic words cannot
tell from it (a device that will not join the network). Anything less is "no clear mismatch": a rare but correct category, or
one the lexicon does not know ("Inquiry / Help"), is never flagged. The topics and the
category names follow ServiceNow's base incident categories (Hardware, Software, Network,
Database, Inquiry / Help) and their usual subcategories (Email, Printer, VPN, ...)."""

import functools
import re
from dataclasses import dataclass

from tqrs.models import Ticket
from tqrs.rules.patterns import Caseless


@dataclass(frozen=True)
class Topic:
    id: str
    words: re.Pattern  # what a ticket about it says
    names: re.Pattern  # category or subcategory names that file a ticket under it


def _words(alternatives: str) -> re.Pattern:
    """Whole words or phrases, `|`-separated, any case."""
    return re.compile(r"\b(?:" + alternatives + r")\b", re.I)


TOPICS = (
    Topic(
        "access",
        _words(
            r"passwords?|passwd|locked out|lock ?out|unlock(?:ed)?|log ?in|logon|sign[- ]?in|"
            r"mfa|2fa|authenticator|okta|duo|permissions?|access denied|authori[sz]ation|"
            r"credentials?|active directory|account (?:locked|disabled|expired)|sso"
        ),
        _words(
            r"access|accounts?|identity|password|authentication|login|iam|active directory|"
            r"security"
        ),
    ),
    Topic(
        "email",
        _words(
            r"outlook|mailbox(?:es)?|e-?mails?|exchange|inbox|calendar|distribution list|"
            r"shared mailbox|owa"
        ),
        _words(r"e-?mail|mail|outlook|exchange|messaging"),
    ),
    Topic(
        "printing",
        _words(
            r"printers?|printing|prints?|toner|paper jam|print queue|scanners?|scan to|"
            r"plotter"
        ),
        _words(r"printers?|printing|print|mfp|scanner"),
    ),
    Topic(
        "network",
        _words(
            r"vpn|globalprotect|anyconnect|wi-?fi|wireless|network|ethernet|dns|dhcp|"
            r"internet|lan|switch ?port|connectivity|ip address|proxy|firewall|ssid|"
            r"access point"
        ),
        _words(
            r"network|vpn|wireless|wi-?fi|dns|dhcp|connectivity|internet|lan|wan|ip address|"
            r"firewall"
        ),
    ),
    Topic(
        "device",
        _words(
            r"laptops?|desktops?|monitors?|keyboard|mouse|docking station|dock|screen|"
            r"battery|charger|hard drive|ssd|ram|usb|webcam|cameras?|thinkpad|macbook|"
            r"handheld|scanners?"
        ),
        _words(
            r"hardware|laptop|desktop|monitor|peripherals?|cpu|disk|memory|mouse|keyboard|"
            r"device"
        ),
    ),
    Topic(
        "telephony",
        _words(
            r"phones?|softphone|voicemail|headset|desk phone|dial tone|extension|iphone|"
            r"android|mobile"
        ),
        _words(r"telephony|phone|voice|telecom|mobile"),
    ),
    Topic(
        "database",
        _words(r"database|sql|db|oracle|tablespace|query|queries"),
        _words(r"database|db2|sql server|sql|oracle|mssql"),
    ),
    Topic(
        "software",
        _words(
            r"install(?:ed|ing|ation)?|application|app|crash(?:es|ed|ing)?|excel|word|"
            r"powerpoint|teams|sap|software|licen[cs]e|browser|chrome|edge|firefox|update|"
            r"upgrade|freezes?|onedrive|sharepoint|adobe|acrobat|zoom|windows"
        ),
        _words(r"software|applications?|os|operating system|windows|office|sap|erp"),
    ),
)
# A broad category covers the narrower topics usually filed under it (ServiceNow's base
# "Software" holds email, "Hardware" holds printers and phones).
_COVERS = {
    "software": {"software", "email", "access", "database"},
    "device": {"device", "printing", "telephony"},
    "network": {"network"},
}
# Topics that words cannot tell apart from the filed one: a device or phone "will not connect"
# may be the device's fault or the network's; a phone is a device (a stolen phone under
# "Lost/Stolen Device"). And what runs on or through the filed topic shows its faults: an
# application prints, draws on a screen, runs on a phone or tablet ("Sage 50 - invoices
# print without VAT" is Software / Finance application's), and a security incident
# (_SECURITY) happens on a device or in software. The reverse is no excuse: a narrow
# component (a printer, a VPN) does not cover an application's crash, nor a login problem
# mail that does not arrive.
_NEAR = {
    "device": {"network", "telephony"},
    "telephony": {"network", "device"},
    "software": {"printing", "device", "telephony"},
}
_SECURITY = re.compile(r"\bsecurity\b|malware|virus|threat", re.I)
# Subcategory names that say no more than a category does.
_BROAD = re.compile(
    r"^\W*(?:applications?|software|hardware|other|general|misc\w*|n/?a)?\W*$", re.I
)
MIN_HITS = 2


def filed_under(category: str, subcategory: str) -> set[str]:
    """The topics a ticket filed under this category and subcategory may be about (empty:
    the category names no known topic, e.g. "Inquiry / Help")."""
    sub = {t.id for t in TOPICS if subcategory and t.names.search(subcategory)}
    if sub:  # the subcategory is the more specific claim
        return sub
    found = {t.id for t in TOPICS if category and t.names.search(category)}
    return set().union(*(_COVERS.get(t, {t}) for t in found)) if found else set()


def _specific(ticket: Ticket) -> set[str]:
    """filed_under for a specific subcategory, with the topics words cannot tell from it
    and those the category covers (an app under "Software / Mobile" fits the category); a
    subcategory that names an application covers what "Software" does (its own logins,
    mails and database: "logon issues" under "Order to Cash / SAP SD"); empty: too broad
    to be clearly wrong."""
    sub = ticket.subcategory or ""
    if _BROAD.match(sub) or not any(t.names.search(sub) for t in TOPICS):
        return set()
    claimed = filed_under(ticket.category, sub) | filed_under(ticket.category, "")
    if "software" in claimed:
        claimed |= _COVERS["software"]
    if _SECURITY.search(f"{ticket.category} {sub}"):  # an incident on a device or in software
        claimed |= {"software", "device"}
    return claimed.union(*(_NEAR.get(t, set()) for t in claimed))


def _names_its_category(claimed: set[str], text: str) -> bool:
    """Whether `text` calls the topic it is filed under by a category's name for it ("SAP
    Concur access not set up yet" under "Access/Account / User Account")."""
    return any(t.names.search(text) for t in TOPICS if t.id in claimed)


def topic_hits(*texts: tuple[str, int]) -> dict[str, int]:
    """topic id -> weighted keyword hits in (text, weight) pairs."""
    hits: dict[str, int] = {}
    for text, weight in texts:
        if not text:
            continue
        for topic, n in _hits_in(text):
            hits[topic] = hits.get(topic, 0) + n * weight
    return hits


# An e-mail address (with its "Email:" label or "mailto:"), and e-mail named as the way a
# request came ("this request is made by email"): no sign that the ticket is about e-mail
# (category fit; resolution fit reads notes, where "sent by email" may be the fix).
# Hitachi Rail's access requests sign "Email: name@hitachirail.com"; read as the topic, 110
# of its Windchill access tickets were "not what Access Management covers".
_ADDRESS_OR_CHANNEL = re.compile(
    r"\b(?:e-?mail(?: address)?\s*[:=]\s*)?<?(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?"
    r"|\bmailto:\S*|\b(?:by|via|per|through) e-?mail\b",
    re.I,
)


def _without_addresses(text: str) -> str:
    """`text` with _ADDRESS_OR_CHANNEL taken out; read only where an address or "mail" may
    stand (category fit reads every ticket filed under a specific subcategory)."""
    if "@" not in text and "mail" not in text.lower():
        return text
    return _ADDRESS_OR_CHANNEL.sub(" ", text)


@functools.lru_cache(maxsize=1024)
def _hits_in(text: str) -> tuple[tuple[str, int], ...]:
    """(topic id, hits) in one text. Kept for the last texts read: a ticket's short
    description, description and notes are read by category fit and resolution fit alike."""
    return tuple((topic, n) for topic, words in _COUNTED if (n := words.count(text)))


# Each topic's words, counted faster (tqrs.rules.patterns.Caseless: the same matches).
_COUNTED = tuple((t.id, Caseless(t.words.pattern)) for t in TOPICS)


@dataclass(frozen=True)
class Mismatch:
    claimed: str  # what the ticket is filed under, or what its notes are about
    about: str  # the topic the text is about
    words: tuple[str, ...]  # the words that show it


def _strongest(hits: dict[str, int]) -> str:
    return max(hits, key=lambda t: (hits[t], t))


def _shown_by(topic: str, text: str) -> tuple[str, ...]:
    pattern = next(t.words for t in TOPICS if t.id == topic)
    return tuple(dict.fromkeys(m.group(0).lower() for m in pattern.finditer(text)))[:3]


def category_mismatch(ticket: Ticket) -> Mismatch | None:
    """The clear mismatch between the ticket's category and its text, or None."""
    claimed = _specific(ticket)
    if not claimed:
        return None
    summary, description = map(_without_addresses, (ticket.short_description, ticket.description))
    hits = topic_hits((summary, 2), (description, 1))
    if not hits or claimed & hits.keys():
        return None
    # what the ticket is about is what its summary names, the description confirming it
    about = _strongest(hits)
    if hits[about] < MIN_HITS or about not in topic_hits((summary, 1)):
        return None
    text = f"{ticket.short_description}\n{ticket.description}"
    if _names_its_category(claimed, text):
        return None
    filed = " / ".join(x for x in (ticket.category, ticket.subcategory) if x.strip())
    return Mismatch(filed, about, _shown_by(about, text))


def notes_mismatch(ticket: Ticket, notes: str) -> Mismatch | None:
    """The clear mismatch between resolution notes and the issue (short description,
    description, category): the notes are about a topic the issue never mentions."""
    issue = topic_hits((ticket.short_description, 2), (ticket.description, 1))
    for t in filed_under(ticket.category, ticket.subcategory):
        issue[t] = issue.get(t, 0) + 1
    said = topic_hits((notes, 1))
    if not issue or not said or issue.keys() & said.keys():
        return None
    about = _strongest(said)
    if said[about] < MIN_HITS or issue[_strongest(issue)] < MIN_HITS:
        return None
    return Mismatch(_strongest(issue), about, _shown_by(about, notes))
