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
from tqrs.rules.spelling import is_known, misspellings, one_edit
from tqrs.rules.summary_parts import (
    ACTION_NOUN,
    AUXILIARY,
    CALL_ENDED,
    CONTACT,
    CREDENTIAL,
    DONE_AFTER,
    DONE_AUXILIARY,
    ELSEWHERE,
    ENTRY,
    ENTRY_LINKS,
    FOLLOW_UP,
    FOR_WHOM,
    GENERIC_OBJECT,
    ING_NOUNS,
    KIND_ONLY,
    MAIL_PREFIX,
    MEASURE,
    MODAL,
    NEGATION,
    NEW,
    NOT_ACTIONS,
    NOT_WORKING,
    PLACEHOLDER_ASK,
    PLACEHOLDER_FAULT,
    PLACEHOLDER_NEED,
    PLACEHOLDER_THING,
    POINTED_FAULT,
    POINTING,
    RECORD_POINTER,
    REQUEST,
    SEE_POINTER,
    WEAK_PREDICATE,
    WHO,
    named_goods_issue,
    without_placeholders,
)
from tqrs.rules.text import SYMPTOM_STEMS, is_blank

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
    # "reporting" a fault names none ("GPLM reporting", "G-PLM signaling": the Italian
    # "segnalazione" put in English)
    + "report reports reporting reported signaling signalling".split()
    # words that point or tie and name nothing ("our lounge issues", "other did this work?"):
    # possessives, demonstratives, the past and perfect auxiliaries
    + "our your their his her its this that these those did was were been".split()
    # a case or a customer named by its record ("manifestação 00235674 cliente X": a
    # complaint's number and whose it is, Portuguese and Italian "cliente")
    + "cliente clientes manifestação manifestações manifestacao".split()
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
        "con com il lo la le gli di del della dei delle da in per su sul sulla un una o a os "
        "dos mio meu minha "  # not "mia", "mi": a system's name ("MIA : need server details")
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


# What a summary says of its thing (a summary made of names only, "Packout Box Labels",
# "Product context", "SAP Interfaces from LIMS to SAP", "CREO 5.0 con G-PLM", names the thing
# and not what is wrong with it or what is wanted; dissmeyer.com: a summary states the
# problem). A word says something of it when it is
# - a verb form: "-ing" ("Creating", "Having"), "-ed" ("designed", "attached"), "n't", or
#   the Romance infinitives, participles and gerunds ("recuperar", "riavviare", "travasate",
#   "bloccato", "cancelado", "fazendo");
# - an auxiliary, a modal or a negation ("is", "can", "should", "need", "not", "não", "non");
# - a fault or a state ("down", "slow", "error", "issue", "crash", "locked", "full", "less
#   than", "problema", "erro", "impossibilità");
# - an action asked for ("reset", "install", "add", "rename", "new") or an entitlement a user
#   lacks or wants ("access", "account", "license", "password", "credentials").
# The list is generous on purpose: a word it holds by chance only leaves a summary unflagged.
# A fault or a state, in English and the desk's other languages.
_FAULTS = frozenset(
    "down up off out offline online slow full low high less more over missing lost stolen "
    "locked lockout stuck broken error errors issue issues problem problems fault faults "
    "failure failures fail fails crash crashes outage expired expiry wrong incorrect "
    "invalid unavailable inaccessible corrupt frozen freeze freezes hang hangs jam jams "
    "blank empty dead leak noise noisy disconnected unreachable denied trouble bug bugs "
    "alarm alert alerts warning timeout delay late duplicate duplicates virus malware spam "
    "phishing possible impossible unable slowness performance loss lack discrepancy "
    "discrepancies mismatch difference differences inconsistent inconsistency "
    "inconsistencies mancanza mancante mancanti perdita "
    "smarrimento falta forgot forgotten "
    "erro errore errori falha falhas falla fallo guasto blocco bloqueio lento lenta "
    "problema problemi problemas malfunzionamento malfunzionamenti anomalia anomalie "
    "impossibile impossível imposible impossibilità impossibilidade imposibilidad "
    "panne fehler störung malfunction malfunctions".split()
)
_PREDICATE_WORDS = _FAULTS | frozenset(
    # auxiliaries, modals, negations (English, Italian, Portuguese, Spanish, French, German)
    "is are was were be been being am isn't aren't wasn't weren't can can't cannot could "
    "couldn't will won't would wouldn't should shouldn't must need needs want wants wanted "
    "require requires unable not no never nothing none without "
    "non não nao sem senza sin ne pas nicht kein keine è é sono são está estão esta estan "
    "está ha há "
    "psw popup popups left langsam lent negative incomplete illegible inaccurate "
    "inaccuracy dump dumps variance equal maintain adjust "
    # the verbs of a request written bare ("verify email", "Attach files", "check the code")
    "verify check attach include insert put get view show display find see run allow "
    "give provide make stop start load save share scan link build fix needed termination "
    "register unregister enrol enroll amend provision deploy submit upload download mount "
    "unmount recycle wipe reimage "
    "promotion promozione defect defects "
    # an action asked for
    "reset resets unlock install installation uninstall setup set add remove delete create "
    "creation change changes rename replace replacement move copy restore recover restart "
    "reboot update upgrade enable disable grant revoke extend extension renew renewal "
    "order configure migrate migration cancel approve release print sync sign log login "
    "logon logout new retrieve rework reactivate activate deactivate assign transfer "
    "open close block unblock import export send receive connect map mapping "
    # an entitlement the user lacks or wants
    "access account accounts license licence licenses licences permission permissions "
    "rights password passwords credentials pw pwd pswd passwd username usernames userid acct "
    "authorization authorizations authorisation authorisations autorizzazione autorizzazioni "
    "autorização autorizações autorización "
    "accesso acesso acceso accès "
    "credenziali credenciais credenciales "
    # a question asks for something ("How to put outlook on iphone"); an adverb qualifies
    # what happens ("phone only rings once")
    "how why when where "
    "only once twice always sometimes often again still anymore intermittent "
    "intermittently randomly constantly continuously suddenly repeatedly properly "
    "correctly".split()
)
# The predicates that ask for an action rather than report a fault (_is_vague's user as the
# object of an action asked), made once rather than for each word read.
_ASKED_WORDS = _PREDICATE_WORDS - _FAULTS
# A word of five letters or more that English does not know, one slip away from one of these
# with its first letter kept, says what it says ("Concur Acess", "pasword"): the misspelling
# check does not read a capitalised word as a slip. A known word is itself ("stock" is no
# "stuck", "logic" no "login", "remote" no "remove").
_LONG_PREDICATES = tuple(w for w in _PREDICATE_WORDS if len(w) >= 5 and w.isalpha())


def _slip_of_predicate(word: str) -> bool:
    return (
        len(word) >= 5
        and word.isalpha()
        and not is_known(word)
        and any(word[0] == w[0] and one_edit(word, w) for w in _LONG_PREDICATES)
    )


# Words in "-ly" that qualify no verb: how often a report runs, nouns, and a plea's politeness.
_NOT_ADVERBS = frozenset(
    "daily weekly monthly yearly quarterly hourly nightly family assembly supply anomaly "
    # a plea's politeness, as "please" alone is ("Kindly assist")
    "kindly".split()
)
# The endings after which "-es" is a plural or a verb's ending ("mismatches", "fixes"; not
# "notes", "licenses").
_ES_AFTER = ("ches", "shes", "sses", "xes", "zes")
# English determiners: a word before one, not itself a function word, is a verb with its
# object ("check the code", "Insert the document", "Please include pagers").
_DETERMINERS = frozenset("the a an my his her our their this these those your all".split())
# The verb that links a subject to its state ("the display is down").
_LINKING = frozenset("is are was were isn't aren't wasn't weren't".split())
# Verb forms by their endings: English "-ing" (not the plural noun "-ings": "drawings") and
# "-ed"; the Romance infinitives ("-are", "-ere", "-ire", "-ar", "-ir"), participles ("-ato",
# "-ata", "-ado", "-ido", "-ito", "-uto") and gerunds ("-ando", "-endo"). Five letters at least,
# so that "red", "bed", "king", "area" stay names; "-ware" is a kind of program ("software",
# "hardware", "VMware"), no Italian infinitive.
_VERB_FORM = re.compile(
    r"[^\W\d_]{3,}(?:ing|ed|n't|(?<!w)are|ere|ire|ar|ir|[aiu]t[oaie]|[ai]d[oa]s?|[ae]ndo)"
)
# An action asked for, by its stem in English, Italian, Portuguese and Spanish, whatever the
# word's ending ("Annullamento richiesta", "cancelamento", "reinstall", "aggiornamento",
# "sblocco", "ripristino").
_ACTION_STEM = re.compile(
    r"(?:re)?(?:cancel|annull|install|instal|reset|unlock|sblocc|desbloq|block|blocc|bloq|"
    r"migra|config|renew|rinnov|renov|updat|aggiorn|atualiz|actualiz|upgrad|activ|attiv|ativ|"
    r"disattiv|desativ|delet|elimin|remov|rimuov|creat|cria|modif|chang|cambi|alter|substitu|"
    r"sostitu|replac|restor|ripristin|restaur|recuper|recover|renam|rinomin|enabl|abilit|"
    r"habilit|disabl|revok|revoc|extend|estend|reinstat|sincroniz|synchron|assign|assegn|"
    r"atribu|riavvi|(?<=re)-?impost|spost|estra|extract|approv|aprov|send|refresh|correct|"
    r"merg|trigger|back-?up)\w*"
)
# A fault by its stem, whatever the ending ("Laptop overheats", "Screen flickers", "Wi-Fi
# disconnects"): the symptom stems of the offline judge's description reading and a few more.
_FAULT_STEM = re.compile(
    rf"(?:{'|'.join(SYMPTOM_STEMS.split())}|froz|blur|overheat|lag|beep|glitch|stutter|loop|"
    r"hang|crack|shut|boot|buzz|burn|spin|dim|echo|mute|skip|miss|lose|break|broke|die|err|"
    r"spik|flash|wrong|block|bloc|guast|rott)\w*"
)
# A routing note names who should take the ticket, not the fault ("- please assign to
# Shamala", "Please assign to Kedar Tingrikar"), to the end of its sentence: what follows
# may say the fault ("Please assign to the SMS team. We have not received ...").
_ROUTING = re.compile(
    r"(?:^|[-|,;:/(]\s*)(?:please\s+)?(?:re)?assign(?:ed)?\s+(?:it\s+)?to\b[^.;!?|\n]*",
    re.I,
)
# The customer a summary names, written in capitals to its end ("manifestação 00245506 cliente
# SHELL ENERGY DO BRASIL GAS LTDA", "Cliente: MAXXI DISTRIBUIDORA DE PETROLEO LTD", "Customer
# ACME S.A."): whose case it is, not what is wrong; a capital word followed by more words
# is read ("Customer SAP BW report fails"), and so is a summary all in capitals ("CUSTOMER
# VAT TEXT UPDATE K2": its word "CUSTOMER" in capitals), where capitals mark no name.
_CUSTOMER_NAMED = re.compile(
    r"(?i:\b(customer|client|cliente|kunde)\b)\s*[:\-\u2013]?\s*"
    r"(?:(?:[A-Z0-9][A-Z0-9.,&'/()\-]*|[-\u2013])(?:\s+|$))+\W*$"
)


def _without_customer(summary: str) -> str:
    """The summary with the customer's name it ends with (_CUSTOMER_NAMED) left out."""
    m = _CUSTOMER_NAMED.search(summary)
    if m is None or m.group(1).isupper():
        return summary
    return summary[: m.start()] + "customer"


# A summary in a script other than Latin ("CAD Workerによる処理が失敗") is not read for it.
_LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f'\-0-9]+")


# A longer run of names is read as a sentence whose verb the word lists may not know
# ("Fx lines assigned to overheads", "Include Material type 'ZVER' in Sales report"): only a
# summary of three names or fewer ("Packout Box Labels", "Product context") is read as names;
# a word of one or two letters ("do", "3D", "I:") is not counted.
_NAMES_AT_MOST = 3


# _names_only's word lists, made once rather than for each summary or word read: the words
# that name no thing, what a summary names a system for (not the system), the objects of a
# chase, and the record's progress and channel (no thing).
_UNNAMED = _VAGUE_WORDS | WHO | PLACEHOLDER_THING | PLACEHOLDER_FAULT | ELSEWHERE | POINTING
_AT_STAKE = ENTRY | CREDENTIAL
_NO_NAME = _UNNAMED | WEAK_PREDICATE | _AT_STAKE
_OBJECT_WORDS = GENERIC_OBJECT | _AT_STAKE | WHO
_RECORD_WORDS = FOLLOW_UP | CONTACT


def _names_only(brief: str) -> bool:
    """Whether a summary (its routing note left out) names things only: no word says what is
    wrong with them or what is wanted (a verb form, an auxiliary or a negation, a fault, a state,
    an action asked for or an entitlement); a placeholder for the fault ("issue", "help",
    "support") or a request for one says none (tqrs.rules.summary_parts), and a placeholder
    thing with only auxiliaries, negations or "new" beside it names nothing, nor does the
    entry to a system with nothing wanted or lost beside it ("Access to G-PLM"); a pointer to
    the text elsewhere says nothing ("the problem encountered below", "see comments"). A
    summary in another script, or with a word misspelt, is not read."""
    said = RECORD_POINTER.sub(" ", MAIL_PREFIX.sub(" ", brief))
    said = named_goods_issue(SEE_POINTER.sub(" ", said))
    tokens = _words(said)
    # a placeholder fault says a fault without saying which: a noun of action beside it says
    # which action fails; a request for a placeholder ("wants support") asks for nothing
    asks = PLACEHOLDER_ASK.search(said) is not None or PLACEHOLDER_NEED.search(said) is not None
    # (a placeholder noun, "issue", "problem", "support": the head of a noun phrase that names
    # an area and no fault, "Rate Management Issue")
    named_placeholder = any(t in PLACEHOLDER_FAULT or _VAGUE_STEM.fullmatch(t) for t in tokens)
    placeholder = asks or NOT_WORKING.search(said) is not None or named_placeholder
    if placeholder:
        tokens = _words(without_placeholders(said)) or tokens  # a site prefix is a place
    if not tokens or not all(_LATIN.fullmatch(t) for t in tokens):
        return False
    names = {t for t in tokens if t not in _NO_NAME and len(t) > 2}
    # "Any update on my ticket?": a chase of a record, no thing named and no fault said
    objects = _OBJECT_WORDS & set(tokens)
    chased = _RECORD_WORDS & set(tokens) and not names - _RECORD_WORDS and not objects
    if chased and not any(_is_fault(t) for t in set(tokens) - _RECORD_WORDS):  # "follow up"
        return True
    # "... I request assistance with the problem encountered below": the fault told elsewhere
    pointed = POINTED_FAULT.search(said) is not None
    # a summary of parts, each of a few names, is no sentence whose verb the lists may not
    # know: with a placeholder noun its parts name where and what, and the placeholder no fault
    # ("WHB||Opera - Promos/Rates - Rate Management Issue", "Site - Room - Device Support")
    if (
        len(names) > _NAMES_AT_MOST
        and not pointed
        and not _fields_of_names(said)
        and not (named_placeholder and _parts_of_few_names(said, names))
    ):
        return False
    # "psasword reseet walkup": the word misspelt may be its verb
    # (a mail's prefix is no word of it: "I: Cheklist CHKLST0000265")
    if misspellings(RECORD_POINTER.sub(" ", MAIL_PREFIX.sub(" ", brief)))[0]:
        return False
    if pointed:  # only a fault said in the summary itself says what is wrong
        return not any(_is_fault(t) for t in set(tokens) - POINTING - ELSEWHERE - PLACEHOLDER_FAULT)
    after = dict(zip(tokens, tokens[1:], strict=False))
    # a hyphenated word says what its parts say ("Check-out G-PLM")
    words = tokens + [w for t in tokens if "-" in t for w in t.split("-")]
    # and an elided article is not the word ("problème d'accès")
    words += [t.split("'", 1)[1] for t in tokens if re.match(r"[dl]'\w", t)]
    said_of = {t for t in words if _says_something(t, after, placeholder and not asks)}
    said_of -= POINTING | ELSEWHERE  # "the problem encountered below": where it is told
    asked_for = any(t in CREDENTIAL and after.get(t) in FOR_WHOM for t in tokens)
    wanted = (REQUEST | NEGATION | NEW) & set(words) or asked_for
    if said_of and said_of <= _AT_STAKE and not placeholder and not wanted:
        # "Access to G-PLM", "Credenziali G-PLM": the entry or the credential named, neither
        # wanted nor lost; the English verb opening the summary says what is wanted ("access
        # Duke email from home")
        return tokens[0] != "access" or after.get("access") in ENTRY_LINKS
    if placeholder:  # "Issue with new laptop", "Can you help me?"
        said_of -= AUXILIARY | MODAL
    elif said_of <= WEAK_PREDICATE and not set(tokens) - _UNNAMED - WEAK_PREDICATE:
        return True  # "Request for a new service": no thing, and nothing said of one
    # "Account locked", "Upload failed": a fault, and no system it happened in; an action asked
    # beside it ("Forgotten password, require reset") is what a desk can do without one. A word
    # read as a verb by its form only ("Pricing for display 1100 is wrong", "billing block"),
    # after a determiner or before "is" ("the display is down"), may be the thing itself.
    before = dict(zip(tokens[1:], tokens, strict=False))
    # "Your directory password has been reset", "User Account got reset": an action told as
    # done, and nothing else said of its object but that it is the user's own
    done = {
        t
        for t in said_of
        if before.get(t) in DONE_AFTER and _ACTION_STEM.fullmatch(t) and not _is_fault(t)
    }
    own = GENERIC_OBJECT & set(tokens)  # the user's own credential or account
    if done and own and said_of <= done | DONE_AUXILIARY | GENERIC_OBJECT | _AT_STAKE:
        return True
    subjects = {t for t in tokens if before.get(t) in _DETERMINERS or after.get(t) in _LINKING}
    listed = {t for t in said_of - subjects if _listed_predicate(t)}
    things = set(tokens) - listed - _UNNAMED - WEAK_PREDICATE - ENTRY - GENERIC_OBJECT
    actions = {t for t in said_of if _ACTION_STEM.fullmatch(t)}
    faulted = any(map(_is_fault, said_of)) and not actions and not CALL_ENDED.match(said)
    # "Installazioni Software", "Software update": an action asked on a kind of program alone;
    # the user's own credential or account, an entry, a user ("Password reset") or a record's
    # number after the action ("delete MCN0000762") is an object
    objects = things - actions - KIND_ONLY - _DETERMINERS - ENTRY_LINKS - FOR_WHOM
    objects |= (own | ENTRY | WHO) & set(tokens)
    first_action = min((said.lower().find(t) for t in actions), default=0)
    acted_on_kind = (
        actions
        and KIND_ONLY & set(tokens)
        and not objects
        and said_of <= actions | {"please"}
        and not _REFERENCE.search(said.lower()[first_action:])
    )
    return not said_of or (not things and faulted) or bool(acted_on_kind)


# A monitoring tool's alert title, fields between bars ("ACME |SRV042|WINDOWS|WinEventLog :
# System|7031|2": the customer, the host, the system, the log, an event's code and count): no
# sentence whose verb the lists may not know, so read as names however many it holds; a field
# that names a measure (summary_parts.MEASURE: "LogicalDisk : % Space Used|D:|93.88") says
# what crossed its threshold.
_FIELD_BAR = re.compile(r"\s*\|\s*")
_FIELDS_AT_LEAST = 4


def _fields_of_names(summary: str) -> bool:
    """Whether a summary is fields between bars, four or more, each of a few names at most."""
    fields = [f for f in _FIELD_BAR.split(summary) if f.strip()]
    return (
        len(fields) >= _FIELDS_AT_LEAST
        and all(len([t for t in _words(f) if len(t) > 2]) <= _NAMES_AT_MOST for f in fields)
        and not any(MEASURE.search(f) for f in fields)
    )


# The separators between a summary's parts: bars, spaced dashes or colons, double slashes
# ("Site || App - Area - ...", "App : ...", "Software// ..."); a hyphen inside a word ("Wi-Fi",
# "G-PLM") and a single slash ("Promos/Rates") join.
_PART_SEP = re.compile(r"\s*\|+\s*|\s+[-–—:]+\s+|\s*//+\s*")
# A value read after its label, to the part's end ("red values: baseline: 124, 121", "CPU:
# 97.5%"): a measure's reading, as an alert's field naming a measure is.
_READING = re.compile(r":\s*\d[\d.,%\s]*$")


def _parts_of_few_names(summary: str, names: set[str]) -> bool:
    """Whether a summary is parts between separators, two or more, each holding a few of the
    summary's names at most (_NAMES_AT_MOST, the limit a one-part summary is read under), and
    none naming a measure or reading its value (an alert's threshold crossed)."""
    parts = [p for p in _PART_SEP.split(summary) if p.strip()]
    return (
        len(parts) >= 2
        and all(len(names & set(_words(p))) <= _NAMES_AT_MOST for p in parts)
        and not any(MEASURE.search(p) or _READING.search(p) for p in parts)
    )


def _listed_predicate(word: str) -> bool:
    """Whether a word says something by the lists (a fault, an action, an auxiliary), not by
    its form alone or a stem a name may begin with ("SendSecure")."""
    return (
        word in _PREDICATE_WORDS
        or word.rstrip("s") in _PREDICATE_WORDS
        or (bool(_FAULT_STEM.fullmatch(word)) and is_known(word))  # not "SendSecure"
    )


def _is_fault(word: str) -> bool:
    """Whether a word says a fault or a state ("locked", "failed", "down"), not a request:
    "Password reset" and "New account" ask for something a desk can do without a system named
    (the real set's labels), "Account locked" tells what happened and not where."""
    return word in _FAULTS or word.rstrip("s") in _FAULTS or bool(_FAULT_STEM.fullmatch(word))


def _words(text: str) -> list[str]:
    """The words of a summary, its records' numbers left out."""
    return [t for t in _TOKEN.findall(text.lower()) if not _REFERENCE.fullmatch(t)]


# _says_something's word lists, made once rather than for each word read
_VAGUE_OR_DETERMINER = _VAGUE_WORDS | _DETERMINERS
_VAGUE_OR_ING_NOUN = _VAGUE_WORDS | ING_NOUNS


def _says_something(t: str, after: dict[str, str], placeholder: bool = False) -> bool:
    """Whether a word says what is wrong or wanted (a placeholder for it says nothing); beside
    a placeholder, a noun of action says which action fails ("connection problems",
    "Problema con apertura disegni")."""
    if t in PLACEHOLDER_FAULT or _VAGUE_STEM.fullmatch(t):
        return False
    return bool(
        _listed_predicate(t)
        or (after.get(t) in _DETERMINERS and t not in _VAGUE_OR_DETERMINER)
        or (t == "please" and t in after and after[t] not in PLACEHOLDER_FAULT)
        or _ACTION_STEM.fullmatch(t)
        or (placeholder and ACTION_NOUN.fullmatch(t) and t not in NOT_ACTIONS)
        or _FAULT_STEM.fullmatch(t)
        or (len(t) > 5 and t.endswith("ly") and t not in _NOT_ADVERBS)
        or (_VERB_FORM.fullmatch(t) and t not in _VAGUE_OR_ING_NOUN)
        or (t.endswith(_ES_AFTER) and t[:-2] in _PREDICATE_WORDS)  # "mismatches", "fixes"
        or _slip_of_predicate(t)
    )


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
    # a summary alone is read without its routing note ("... - please assign to X"); in the
    # 4-part form a routing note stays the part it is written as
    said = _without_customer(_ROUTING.sub("", brief)) if n == 1 else brief
    if (
        is_blank(brief)
        or _is_vague(said, 2 if n == 1 else 1, " ".join(leading))
        or (n == 1 and _names_only(said))
    ):
        check.problems.append(f"the {what} {brief!r} is too vague")
    elif (length := len(" ".join(brief.split()))) > limit:
        # measured as read: a double space or a trailing one is no character of the summary
        check.problems.append(f"the {what} is {length} characters (at most {limit})")
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
    tokens = _words(brief)
    other = set(_TOKEN.findall(other_parts.lower())) if other_parts else ()
    specific = {
        t
        for t in tokens
        if t not in _VAGUE_WORDS and t not in other and not _VAGUE_STEM.fullmatch(t)
    }
    # a user as the object of an action asked ("add user", "disable user"; summary_parts.WHO)
    before = dict(zip(tokens[1:], tokens, strict=False))
    asked = {t for t in tokens if t in _ASKED_WORDS or _ACTION_STEM.fullmatch(t)}
    specific |= {t for t in tokens if t in WHO and before.get(t) in asked}
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
