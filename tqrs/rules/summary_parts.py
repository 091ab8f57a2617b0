"""A one-part summary read by its parts: a specific summary names WHAT (a system, device,
application, document or service) and WHAT IS WRONG OR WANTED (a symptom, an error, a failed
action, a request with its object). Each class of words is defined once here;
tqrs.rules.short_description combines them:
- a placeholder for what is wrong (PLACEHOLDER_FAULT: "issue", "problem", "help", "support",
  "information", "questions") says that something is wrong or wanted, not what: "Issue with
  email", "Pdf issues", "life cycle issues" name a thing and no fault (dissmeyer.com: state the
  problem; ServiceNow's own example summaries name the failure: "Email server is down",
  "Unable to connect to VPN"); beside it a noun of action (ACTION_NOUN) says which action
  fails ("connection problems", "Problema con apertura disegni");
- a request whose object is such a placeholder (PLACEHOLDER_ASK: "wants support for",
  "asks for information about", "solicita informação sobre", "chiede supporto") asks for
  nothing that can be done;
- who asks (WHO: "user", "usuária", "utente") and where (a site prefix in angle brackets,
  SITE_PREFIX: "<Poland Manufacturing>") name neither the thing nor the fault; a user as the
  object of an action asked ("add user", "disable user") is the account the request is on, as
  in "New account";
- a thing named by a placeholder (PLACEHOLDER_THING: "something", "a new service") is no
  thing: with only auxiliaries, negations or "new" beside it (WEAK_PREDICATE), a summary says
  nothing ("Something is not working", "Request for a new service");
- a pointer to the text elsewhere (ELSEWHERE: "below", "attached", "sotto", "abaixo", and the
  verbs that point there, POINTING: "described", "encountered", "see") says where the fault is
  told, not what it is: "I request assistance with the problem encountered below", "Issue as
  described in the attachment", "See attached";
- an entry to a system (ENTRY: "access", "accesso", "acesso") named with the system alone says
  what is at stake, not whether it is wanted or lost: "Access to G-PLM", "Accesso a piattaforma
  G-PLM"; beside a request, a need, an action or a fault it says which ("Access request",
  "Need access to the sales DB", "Modify access", "Problema di accesso", "Wireless access is
  down").
- a credential to a system (CREDENTIAL: "password", "username", "credenziali") named with the
  system alone is, as an entry is, what is at stake and not what is wrong or wanted: a form's
  title copied as the summary ("Credenziali G-PLM", "Credenziali Sistema G-PLM Windchill -
  Password");
- a fault whose only object is the user's own credential or account (GENERIC_OBJECT:
  "password", "account", "acct"), or that has none, names no system: "Account locked", "Upload
  failed" say what happened and not where (ServiceNow's example summaries name it: "Unable to
  connect to VPN", "Email server is down"); a request for one's own ("Password reset", "New
  account") is what a desk can do without a system named, and stays specific;
- a need that something "be addressed" (PLACEHOLDER_NEED: "needs to be addressed", "to be
  looked into", "has to be fixed") says that something is wrong, as "issue" does, not what;
  so does a thing that does not work (NOT_WORKING: "not working", "doesn't work", "non
  funziona", "não funciona"), the summary the rubric's own example calls too little ("Outlook
  not working"): beside it a fault or an action says which;
- a placeholder fault pointed to elsewhere (POINTING, ELSEWHERE: "the problem encountered
  below", "issue as described in the attachment") is told there, however many things the
  summary names before it: only a fault word in the summary itself says what is wrong;
- an action told as done (DONE_AFTER: "has been reset", "got reset", "was unlocked") is a
  notice of what happened, a mail's subject ("Your directory password has been reset"), and
  neither a fault nor a request: with nothing else said of its object, the summary says
  nothing that is wrong or wanted;
- a kind of program (KIND_ONLY: "software", "hardware", "application", "tool") says what
  sort of object, not which: an action asked on a kind alone ("Installazioni Software",
  "Software update") names nothing to act on, where a record's number after it ("delete
  MCN0000762"), the user's own credential or account ("Password reset"), a user ("add
  user") or a document ("File substitution", the real set's labels) is an object;
- a monitoring alert's title, fields between bars, names where (the customer, the host, the
  system, the log) and which event (its code and count), not what is wrong, unless a field
  names a measure (MEASURE: "% Space Used", "Processor Time", "ExecutionStatus") whose
  threshold the value after it crossed;
- a plea with no object (a help verb, PLACEHOLDER_FAULT: "assist", "advise", "look into this"
  and "please" before it: "Kindly assist", "Please assist with Outlook") asks that something
  be done, not what, as "Help with Excel" does;
- a chase of a record (FOLLOW_UP: "follow up", "status", "update", "reminder", "sollecito", a
  call back asked for) names the record's progress, not its thing: with no thing named beside
  it ("Any update on my ticket?", "I am reaching out to check the status of my request",
  "Call back requested") the summary says nothing of what is wrong or wanted; a thing named
  says which ("Follow up on laptop replacement order", "Windows update");
- how or by whom a ticket came in (CONTACT: "(no subject)", "opened from chat", "Waiting for
  response") is read as a chase is: the record's channel, no thing;
- a modal asking a plea's question (MODAL: "Can you help me?") says no more than the plea;
- a conversation pointed to (ELSEWHERE: "as discussed", "as agreed") tells the fault there, as
  an attachment does ("Issue as discussed", "As discussed on phone");
- a noun in "-ing" (ING_NOUNS: "building", "training", "meeting", "billing") names a thing or a
  process, not something happening to one ("Training gap", "Building 4, 2nd floor").
"""

import re

from tqrs.rules.text import NEGATIONS

PLACEHOLDER_FAULT = frozenset(
    # English
    "issue issues problem problems trouble troubles help support assistance info "
    "information question questions query queries doubt doubts concern concerns "
    # a plea with no object, the help verbs ("Kindly assist", "Please advise")
    "assist assisting advise advice guidance "
    # Portuguese, Italian, Spanish
    "problema problemas problemi suporte supporto soporte assistência assistencia assistenza "
    "asistencia ajuda aiuto ayuda informação informacao informações informacoes informazione "
    "informazioni información informacion dúvida duvida dúvidas duvidas dubbio dubbi duda "
    "dudas".split()
)
# A request verb whose object is a placeholder: the whole phrase asks for nothing.
_ASK_VERB = (
    r"(?:wants?|wanted|needs?|needed|requests?|requested|requesting|asks?|asked|asking|"
    r"seeks?|seeking|deseja|desejam|solicita|solicitam|pede|pedem|precisa|precisam|"
    r"necessita|chiede|chiedono|richiede|richiedono|necesita|quiere|pide)"
)
_LINK = r"(?:\s+(?:for|some|an?|de|di|of|por|per|para|del|da|do|the|more|mais|più))*"
PLACEHOLDER_ASK = re.compile(
    rf"\b{_ASK_VERB}{_LINK}\s+(?:{'|'.join(sorted(PLACEHOLDER_FAULT, key=len, reverse=True))})\b",
    re.IGNORECASE,
)
# A need that something be seen to, with no word of what: "Cycle Count Format needs to be
# addressed", "Report has to be looked into", "Please look into this"; not a need that says what ("Toner needs to be
# replaced", "Codes to be aligned").
PLACEHOLDER_NEED = re.compile(
    r"\b(?:(?:needs?|has|have|must|should|requires?)\s+)?to\s+be\s+(?:addressed|handled|"
    r"looked\s+(?:at|into)|checked|reviewed|fixed|resolved|solved|sorted(?:\s+out)?|"
    r"investigated|managed|analy[sz]ed|verified)\b"
    # the same asked as a plea ("Please look into this", "kindly look at it")
    r"|\b(?:(?:please|pls|kindly)\s+)?look\s+(?:at|into)\b",
    re.IGNORECASE,
)
# A thing that does not work, with no word of how (English, Italian, Portuguese, Spanish):
# "Something is not working", "Scanner doesn't work", "SAP non funziona", "VPN não funciona".
NOT_WORKING = re.compile(
    r"\b(?:not|non|não|nao|(?:does|do|is|are)n'?t|(?:does|do)\s+not)\s+(?:work|works|working|"
    r"functioning|funziona|funzionano|funzionante|funciona|funcionam|funcionando)\b",
    re.IGNORECASE,
)
# A noun of action, read beside a placeholder fault: which action fails ("connection
# problems", "availability issue", "Problema con apertura disegni", "problemi di connessione"),
# not the things that end the same way (NOT_ACTIONS).
ACTION_NOUN = re.compile(
    r"[^\W\d_]{3,}(?:ction|ation|ition|ssion|ctions|ations|itions|ivity|ility|ura|zione|zioni|"
    r"sione|sioni|ção|ções|ción|ciones|mento|menti)"
)
NOT_ACTIONS = frozenset(
    "application applications information station stations location locations organisation "
    "organization documentation question questions section sections documento documenti "
    "procedura strumento strumenti".split()
)
# Who asks, in the desk's languages: no thing and no fault; as the object of an action asked
# ("add user", "disable user") the account the request is on, as in "New account".
WHO = frozenset(
    "user users usuário usuária usuario usuaria usuários usuarios utente utenti "
    "utilizzatore colaborador colaboradora".split()
)
# A site or team written before the summary in angle brackets ("<UK>", "<FI France>").
SITE_PREFIX = re.compile(r"^\s*<[^<>]{1,40}>\s*")
# A thing that names none.
PLACEHOLDER_THING = frozenset("something anything thing things stuff service services".split())
# A kind of program, not which one (English, Italian, Portuguese, Spanish): the object of an
# action asked only when a name goes with it ("Adobe software update", "Install SAP GUI").
KIND_ONLY = frozenset(
    "software hardware program programs programma programmi programa programas application "
    "applications applicazione applicazioni aplicação aplicações aplicativo aplicativos "
    "aplicación aplicaciones app apps tool tools".split()
)
# A measure a monitoring alert's field names, in a word of its own or inside a joined name
# ("% Space Used", "Processor Time", "SQLJobFailedAlert : ExecutionStatus", "Memory Usage").
MEASURE = re.compile(
    r"%|used|usage|utili[sz]ation|time|status|free|load|fail|error|latency", re.IGNORECASE
)
# Predicates that say nothing of a thing: auxiliaries and "new" ("Issue with new laptop");
# beside no thing, nor do negations and "working" ("Something is not working").
AUXILIARY = frozenset("is are was were be been isn't aren't got gotten new".split())
# Modals that ask a plea's question ("Can you help me?", "Could you please help me with this"):
# beside a placeholder they ask for it, and say no more than it does.
MODAL = frozenset("can could would will may might shall".split())
# "New" asks for a thing where a credential or an entry is named ("nuove credenziali
# piattaforma PDM", "New password for the CRM").
NEW = frozenset("new nuovo nuova nuovi nuove novo nova novos novas nuevo nueva".split())
WEAK_PREDICATE = AUXILIARY | frozenset("not no working work works".split())
# The text elsewhere that a summary points to for its fault, and the verbs that point there
# (English, Italian, Portuguese, Spanish): no name and nothing said of a thing.
# (not the words that are also nouns or prepositions elsewhere: the Italian "sotto", "sopra"
# are "under", "over", "allegati" the attachments themselves, "PDF allegati mancanti")
# A conversation pointed to ("as discussed", "as agreed") is such a text too.
ELSEWHERE = frozenset("below above attached enclosed abaixo acima discussed agreed".split())
POINTING = frozenset(
    "described mentioned encountered explained detailed specified indicated shown listed "
    "stated descritto descritta descritti indicato indicata riportato riportata "
    "descrito descrita mencionado mencionada indicado indicada".split()
)
# "See" as a pointer opens the summary or one of its parts, or follows "please" ("see
# comments", "Email problem - see INC0008432", "vedi allegato"); after its subject or a negation
# it is a symptom ("Don't see PDF invoice in VIM").
SEE_POINTER = re.compile(r"(?:^|[-:;,(/|>]\s*|\bplease\s+)(?:see|vedi|veja|ver)\b", re.IGNORECASE)
# An entry to a system, and the words that say it is wanted or lost (a request, a need, a
# want: "Access Request", "Richiesta accesso"); with neither beside it, nor an action, a fault
# or a placeholder fault, it names what is at stake only.
ENTRY = frozenset("access accesses accesso accessi acesso acessos acceso accesos accès".split())
# The words that tie an entry to what it opens ("Access to SAC", "access for transaction FK02"):
# after them the English "access" is the noun; before a name, the verb ("access Duke email
# from home": what is wanted).
ENTRY_LINKS = frozenset("to for of in on into a al alla".split())
# A negation beside it says the entry is lost ("cant access RAS", "Irina doesn't have access to
# SAP Concur", "senza accesso"), whatever the lists make of the negation elsewhere.
NEGATION = NEGATIONS | frozenset(
    "never none without don't dont didn't didnt impossible impossibility non não nao sem "
    "senza sin nessun nenhum".split()
)
# A credential to a system: with the system alone beside it, what is at stake ("Credenziali
# G-PLM"), as an entry is; a fault or a request beside it says what ("G-PLM password expired",
# "Reset password for SAP").
CREDENTIAL = frozenset(
    "password passwords username usernames userid credentials credential credenziali "
    "credenziale credenciais credenciales contraseña senha".split()
)
# A credential asked for someone ("User and password for external users", "User e password per
# esterni"): what is wanted, not what is at stake only.
FOR_WHOM = frozenset("for per para pour".split())
# The user's own credential or account, the object of a fault that names no system ("Account
# locked", "Password expired"); a system beside it says which ("SAP account locked").
GENERIC_OBJECT = CREDENTIAL | frozenset(
    "account accounts acct pw pwd pswd passwd psw login logon conta cuenta".split()
)
# The auxiliaries after which an action is told as done ("has been reset", "got reset", "was
# unlocked"), and those that go with them: said of the object, they say nothing more.
DONE_AFTER = frozenset("been got gotten was were".split())
DONE_AUXILIARY = DONE_AFTER | frozenset("has have had is are".split())
# A mail's forward or reply prefix, the subject copied as the summary (English "FW:", "RE:",
# Italian "I:", "R:", French "TR:", German "WG:", "AW:"): no word of the summary; the Italian
# "I" would read as the English pronoun ("I: Your directory password has been reset").
MAIL_PREFIX = re.compile(r"(?:^|(?<=[-|/:]))\s*(?:fwd?|re|r|i|tr|wg|aw)\s*:(?=\s)", re.IGNORECASE)
# A placeholder fault pointed to the text elsewhere ("the problem encountered below", "Issue
# as described in the attached mail", "solve the problem below"): a few words at most between;
# not a pointing verb alone ("Provider information incorrectly listed").
POINTED_FAULT = re.compile(
    rf"\b(?:{'|'.join(sorted(PLACEHOLDER_FAULT, key=len, reverse=True))})\b(?:\s+\w+){{0,4}}?"
    rf"\s+(?:{'|'.join(sorted(ELSEWHERE, key=len, reverse=True))})\b",
    re.IGNORECASE,
)
# A chase of a record and a call back asked for, in the desk's languages ("Follow up",
# "Status update", "Any update on my ticket?", "I am reaching out to check the status of my
# request", "Sollecito", "Call back requested"): the record's progress or a call, not its thing;
# beside a thing named they ask about that thing ("Follow up on laptop replacement order").
FOLLOW_UP = frozenset(
    "follow up followup follow-up following status update updates reminder remind chase chasing "
    "chaser checking check reaching out writing escalation escalate escalated escalating "
    "pending progress news any previous last required requested awaiting waiting case cases "
    "call calls callback call-back back ring "
    "sollecito solleciti aggiornamento aggiornamenti stato pratica acompanhamento andamento "
    "atualização seguimiento estado".split()
)
# How or by whom a ticket came in, and the answer awaited ("(no subject)", "Ticket opened
# from chat", "Waiting for response", "No response"): the record's channel, no thing; read as
# a chase is, beside a thing named they say nothing more ("Email signature missing").
CONTACT = frozenset(
    "logged raised created opened generated auto-generated automatic via subject reply replies "
    "replied response responses answer answered voicemail chat"
    # not "email", "mail", "message": a thing as often as a channel ("aggiornamento mail")
    .split()
)
# Nouns in "-ing" that name a thing or a process, not something happening to one ("Training
# gap", "Building 4", "Teams meeting", "billing block"); read as a verb by their form otherwise.
ING_NOUNS = frozenset(
    "building buildings training trainings meeting meetings billing pricing booking bookings "
    "housing clothing ceiling wiring morning evening settings listings headings".split()
)
# A caller who hung up ("Hang Up", the desk's record of a call): the call ended, no fault.
CALL_ENDED = re.compile(r"^\W*(?:caller\s+)?(?:hang|hung)\s*-?\s*up\W*$", re.IGNORECASE)
REQUEST = frozenset(
    "request requests requested requesting richiesta richieste solicitação solicitações "
    "solicitacao solicitud solicitudes pedido pedidos demande".split()
)
# A pointer to the record the ticket came from, its misspelling included ("ORGINAL INC
# INC000974235 INC1216394- PLM"): which record, not what is wrong.
RECORD_POINTER = re.compile(r"\bor[i]?ginal\s+inc\b", re.IGNORECASE)
# "Goods issue" is a thing (SAP's goods movement out of stock), not a placeholder.
_GOODS_ISSUE = re.compile(r"\bgoods\s+issues?\b", re.IGNORECASE)


def without_placeholders(summary: str) -> str:
    """The summary without its site prefix, its requests for placeholders, its needs for
    something to be seen to and its things that do not work."""
    said = PLACEHOLDER_ASK.sub(" ", SITE_PREFIX.sub("", summary))
    return NOT_WORKING.sub(" ", PLACEHOLDER_NEED.sub(" ", said))


def named_goods_issue(summary: str) -> str:
    """The summary with SAP's "goods issue" written as the one thing it names."""
    return _GOODS_ISSUE.sub("goods-issue", summary)
