"""A description read by its parts: what public service-desk guidance asks a good incident
description to hold (ITIL incident logging; ServiceNow's "good incident description": the
symptom and its exact error text, who or how many are affected, since when or what changed,
the device, application or place, and the business impact: what the fault blocks, what is at
stake, what people do meanwhile). Each part is one small class of words, defined once here and
found whatever the order, the capitals, shorthand or a list; tqrs.judges.signals reads the
symptom, the start, the scope and the context by its cue lists, and this module adds:
- what a text holds that tells nothing of the issue (told): a quoted mail's envelope and a
  time stamp alone on its line (when a mail or comment was written, not when the fault
  began), a form's question answered "NA", a signature's contact and name lines;
- since when, told by what changed (CHANGED: "after the Windows update") or by the run it
  showed in (_IN_THE_RUN: "in the latest payment run");
- the business impact by its parts (IMPACT_PARTS): the piece of work a person cannot do
  (BLOCKED: "cannot post the invoices"), what it is needed for with its time (NEED, TIMED_EVENT),
  data at stake on what was lost or exposed (STAKE: "it has my work e-mails"), work done
  another way meanwhile (MEANWHILE: "written on paper"), what the thing is used for
  (USED_FOR), the scope as a group or the caller's worry (SCOPE);
- a symptom, or a request's need, in the desk's other languages (SYMPTOM_ABROAD) or as an ask
  (ASKS: "please add ...", an order "Rename the file ...", a passive "could the document be
  deleted", Italian's frames "si prega di correggere", "è possibile crearli?", a need stated
  "it is necessary to approve", an ask made before), and a request's why or deadline by its
  parts (WHY_PARTS: a reason, a purpose or a deadline, what is wrong with the thing, what has
  not come or is still not done, how it was before or the same thing again), the thing it is
  for named by its code (names_record): a request that says what, for which thing and why or
  by when is complete (LABELLING.md D6); an ask to resolve a problem it names is an incident;
- the start and the scope read on the words that tell them (start_words, scope_words): words
  in quotes, an event still to come and a form's account end date tell no start, a contrast with what still works, a
  number that names a thing and a sign-off's team tell no scope; and a story's negations told
  of the caller ("cannot remember") tell no symptom (fault_words).
tqrs.judges.offline counts the parts found and decides the option as the rubric's option
texts say: no symptom 0, every part 20, else 10."""

import re

from tqrs.judges.signals import EVENT_AT, MAIL_HEADER
from tqrs.judges.troubleshooting import without_signature
from tqrs.rules.mail_header import quoted_mail_opening
from tqrs.rules.patterns import Caseless
from tqrs.rules.text import text_memo

# The event, the work or the moment a fault stands in the way of.
_EVENT = (
    r"(?:meeting|presentation|shift|dispatch|delivery|deliveries|exam|class|"
    r"lesson|clinic|surgery|session|call|interview|audit|inspection|deadline|launch|event|"
    r"match|service|show|tour|visit|visits|round|rounds|check-ins?|handover|run|"
    r"payroll|month[- ]end|year[- ]end|close|cut-?off|board|briefing|training|opening|queue|"
    r"orders?|bookings?|appointments?|patients?|customers?|guests?|pupils?|students?)"
)
_WHEN = (
    r"(?:today|tonight|tomorrow|this (?:morning|afternoon|evening|week)|next week|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|at \d{1,2}(?::\d\d)?|by \d{1,2}(?::\d\d)?|"
    r"in (?:an? |\d+ |two |three )?(?:hour|minute|day)s?)"
)
# What the fault is needed for: a need, then an event or a time it is needed by.
NEED = re.compile(
    r"\b(?:needed|needs? (?:it|this|them|the \w+)|required|due|has no \w+(?: \w+)? for|"
    r"(?:is|are) (?:presenting|running|leading|teaching|hosting|expecting)|"
    r"for (?:the|his|her|their|our|my|tomorrow's|today's|this \w+'s) (?:[\w-]+ ){0,3}?)"
    rf"[^.;\n]{{0,60}}?\b(?:{_EVENT}|{_WHEN})\b",
    re.I,
)
# What is at stake on a device lost or stolen, or an account exposed: what it holds.
_HOLDS = r"(?:holds?|held|has|had|contains?|carries|stores?)"
_DATA = (
    r"(?:data|e-?mails?|mails?|notes|files|records|contacts?|contact list|rotas?|documents?|"
    r"photos|details|payments?|payroll|passwords?|accounts?)"
)
STAKE = re.compile(
    rf"\b{_HOLDS}\b(?: [\w'&/-]+){{0,6}}? (?:(?:patient|customer|client|pupil|student|staff|"
    rf"personal|payment|member|supplier|bank|card|confidential|"
    rf"sensitive|company|work) )?{_DATA}\b",
    re.I,
)
# Work carried on another way while the fault lasts.
MEANWHILE = re.compile(
    r"\b(?:on paper|by hand|by eye|manually|with pen|working from|works from|stopped using|"
    r"(?:is|are|has been|have been) moved to|down to (?:one|two|\d)|pil(?:e|es|ing) up|"
    r"backlog|queue is|queuing|queueing|slows? (?:the|down)|behind schedule|running behind|"
    r"on hold until|turned away|sent home|borrowed|using (?:a|another|her|his|their|the) "
    r"(?:spare|colleague's|other|practice|shared|personal|own))\b",
    re.I,
)
# What the fault blocks: a person's inability, then the piece of work it stops ("cannot send
# the month's invoices", "unable to print the delivery notes", "can't finish the rota"); an
# inability to sign in or open a thing is the symptom itself ("cannot log in").
INABILITY = (
    r"(?:cannot|can't|cant|can not|unable to|not able to|no longer able to|could not|"
    r"couldn't|has not been able to|have not been able to|is stopping \w+ from|without)"
)
_WORK_PRODUCT = (
    r"(?:reports?|rotas?|logs?(?! ?(?:in|on|into)\b)|schedules?|bookings?|invoices?|"
    r"orders?|records?|sheets?|tickets?|payments?|assessments?|forms?|slides|figures|plans?|"
    r"labels?|loads?|deliveries|delivery|dispatch|movements?|picks?|shipments?|claims?|"
    r"prescriptions?|results|returns?|timesheets?|payslips?|quotes?|register|work|job|jobs|"
    r"shift|lessons?|classes|patients?|customers?|calls)"
)
BLOCKED = re.compile(rf"\b{INABILITY}\b[^.;\n]{{0,60}}?\b{_WORK_PRODUCT}\b", re.I)
# What the thing is used for, or runs: what its fault stops ("the scanner is used for goods
# in", "the server runs the booking system").
USED_FOR = re.compile(
    r"\b(?:(?:is|are|was|were) used (?:to|for|by)|runs (?:the|our|their)|is (?:our|the) only|"
    r"(?:is|are) needed (?:to|for|by))\b",
    re.I,
)
# An event at its time that the fault stands in the way of ("the shop opens at 09:00", "the
# courier is booked for 14:00", "the inspector visits on Friday"; a verb, not the noun of a
# start: "since the 06:00 start" is when it began).
TIMED_EVENT = re.compile(
    r"\b(?:opens|starts|begins|leaves|departs|arrives|visits|(?:is|are) due|booked|"
    r"scheduled|planned|expected)\b[^.;\n]{0,30}?\b(?:at \d{1,2}(?::\d\d)?|on (?:mon|tues|wednes|"
    r"thurs|fri|satur|sun)day|by (?:\d|mon|tues|wednes|thurs|fri|satur|sun|today|tomorrow|"
    r"tonight|noon|the end)|for \d{1,2}(?::\d\d)|today|tomorrow|tonight)",
    re.I,
)
# The scope told as a group or as others affected too ("two of us share it", "the rest of
# the team sees it too"), or the caller's worry for what is exposed ("she is worried her
# password is known").
SCOPE = re.compile(
    r"\b(?:\w+ of us|all of (?:us|them)|the rest of (?:the|us|our)|others? (?:also|too)|"
    r"(?:also|too) affected|(?:is|are|was) worried|(?:is|are) concerned|afraid)\b",
    re.I,
)
# The symptom, or a request's need, in the desk's other languages (Italian, Portuguese), which
# tqrs.judges.signals' symptom words do not hold: a negated verb ("non li apre", "não abre";
# not the English prefix "non-"), an error, a block, an impossibility, or a request ("si
# richiede", "chiedo", "solicito").
SYMPTOM_ABROAD = re.compile(
    r"(?<![\w-])(?:non|não|nao)\s+[^\W\d_]|"
    r"\b(?:errore|erro|impossibil\w*|imposs[ií]vel|bloccat\w*|blocca|bloquead\w*|"
    r"(?:si )?richied\w*|(?:si )?chied\w*|chiedo|chiediamo|richiesta|solicit\w*|peço|"
    r"gostaria)\b",
    re.I,
)
IMPACT_PARTS = (NEED, STAKE, MEANWHILE, BLOCKED, USED_FOR, TIMED_EVENT, SCOPE)
# Since when told by what changed: a change, after which the fault began ("since the office
# move", "after the password change", "following Tuesday's update").
CHANGED = re.compile(
    # ("the following account changes" is a list announced, no change before the fault)
    r"\b(?:since|after|(?<!the )(?<!these )following|ever since) (?:the |a |an |his |her |my |"
    r"our |their |its |last |this |that |[\w-]+'s )?(?:(?!of\b)[\w'-]+ ){0,3}?"
    r"(?:update|upgrade|move|change|install(?:ation)?|migration|patch|replacement|reset|reboot|restart|swap|rollout|"
    r"release|refit|wash|clean|outage|power cut|repair|intervention|fix|maintenance|"
    r"deployment|go-live|"
    # or a return from an absence ("after two weeks' leave", "after the weekend")
    r"leave|holiday|vacation|absence|weekend|sick leave)s?\b"
    # a record named after a change is no change ("a Change Request", "the change notice")
    r"(?! (?:request|notice|note|order|number|admin|management|board|form)s?\b)",
    re.I,
)


# Since when told by the run it showed in: a recurring run, batch or cycle named as the last
# one ("pulled forward all payments in the recent payment run", "during the latest batch").
_IN_THE_RUN = re.compile(
    r"\b(?:in|during|on|with) (?:the|this|our) (?:most )?(?:recent|latest|last) "
    r"(?:[\w-]+ ){0,2}?(?:run|batch|cycle|release)\b",
    re.I,
)


# Since when told by how long it has lasted, with no "for" before it ("not activated yet (over
# a week)", "access denied these few days", "more than two days now"): a lead that tells a
# length (_SPAN_LEAD), a count or none (_SPAN_COUNT) and a unit of days or longer (a length in
# minutes or hours is more often how long a thing takes: "takes over 5 minutes to open").
_SPAN_LEAD = r"(?:over|more than|nearly|almost|these|those|the (?:last|past)|in (?:the )?recent)"
_SPAN_COUNT = r"(?:an?|one|two|three|four|five|six|few|couple of|several|\d+) "
_SPAN_UNIT = r"(?:days?|weeks?|months?)"
_SPAN = Caseless(rf"\b{_SPAN_LEAD} (?:{_SPAN_COUNT})?{_SPAN_UNIT}\b")


# A line that is a time stamp alone: a pasted mail's or comment's date ("Wed 23/10/2019 09:18",
# "2019-11-16 09:38:26"), when it was written, not when the fault began.
_STAMP_LINE = re.compile(
    r"^\W*(?:[a-z]{3,9}\.?,? )?(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d\d-\d\d),? "
    r"\d{1,2}:\d\d(?::\d\d)?(?: ?[ap]m)?\W*$",
    re.I,
)


# A form's question left unanswered ("Is this urgent or time-sensitive? What's the business
# impact? NA", "Since when? - n/a"): the question's words are the form's, not the caller's.
# A dash after a question answers it only when nothing but "n/a" or "none" follows: a caller's
# question signed off with a dash and a name ("What can I do? - Nina Kowalska, PhD") is the
# caller's own text, the whole description when written on one line. A colon after the
# question marks it a form's label ("Multiple? Single? All?: N/A"): left blank, it is unanswered.
_UNANSWERED_QUESTION = re.compile(
    r"^[^\n]*\?[ \t]*(?:(?:n/a|na)(?:\W[^\n?]{0,40})?|-+[ \t]*(?:n/?a|none)?\W*|"
    r":[ \t]*(?:n/?a|none)?\W*)$",
    re.I,
)
# The envelope line a desk's mail copy writes besides MAIL_HEADER's ("Posted: Thursday 7
# November 2019 12:34").
_POSTED = re.compile(r"^\W*posted[ \t]*:", re.I)


# The writer's promise to the reader of what is still to come ("We will keep you informed of
# our progress", "Once the analysis is done we'll send you an exact description of the
# error", "I shall call you back"): the first person, a future, and "you" after its verb; a
# service's letter, not the issue. The sentence is taken from its line's start to its stop
# (a mail's lines wrap), or its line's end when no stop follows soon.
_PROMISE = Caseless(
    r"[^.!?\n]*\b(?:we|i)(?:\s+will|'ll|\s+shall)(?:\s+\w+){1,3}?\s+you\b"
    r"(?:[^.!?]{0,200}?[.!?]|[^\n]*)"
)


def told(text: str) -> str:
    """`text` without what tells nothing of the issue: a quoted mail's envelope lines (its
    opening, "On <date>, <name> wrote:" or a rule naming the original, and its header's
    fields), a time stamp alone on its line, a form's question left unanswered, the
    writer's promise to the reader (_PROMISE), and a signature's contact and name lines."""
    if " you" in text.lower():
        text = _PROMISE.sub(" ", text)
    if ":" in text or "?" in text:
        lines = text.split("\n")
        text = "\n".join(
            x
            for i, x in enumerate(lines)
            if not MAIL_HEADER.match(x.lower())
            and quoted_mail_opening(lines, i) is None
            and not _POSTED.match(x)
            and not _STAMP_LINE.match(x)
            and not ("?" in x and _UNANSWERED_QUESTION.match(x))
        )
    return without_signature(text)


def without_quoted_summary(text: str, short: str) -> str:
    """`text` without a sentence that quotes the short description whole ("This issue relates
    to: '<short description>', and may require ..."): a template's line about the record,
    which tells nothing the short description does not."""
    short = short.strip().rstrip(".")
    if len(short) < 10 or short.lower() not in text.lower():
        return text
    quoted = re.escape(short)
    return re.sub(
        # (the sentence begins after a full stop or at a capital: one written on after an
        # unstopped sentence leaves that sentence)
        rf"(?:(?<=[.!?\n])|^|(?<=\s)(?-i:(?=[A-Z])))[^.!?\n]{{0,40}}?[\"'\u2018\u201c]{quoted}\.?"
        rf"[\"'\u2019\u201d][^.!?\n]*[.!?]?",
        " ",
        text,
        flags=re.I,
    )


# A request states a need instead of a fault (LABELLING.md D6: judged on what the request
# needs: what, for which device or account, by when or why): an ask for something to be
# provided or changed, in English, Italian or Portuguese ("please add user to the group",
# "would like access to", "si richiede di aggiungere", "chiediamo di associare", "avrei la
# necessità di allineare"), read by its parts: a verb of providing or changing (_PROVIDE),
# asked for ("please ...", "could you ...", "needs to be ...d", "could the document be
# deleted"), or given bare where a sentence opens, as an order to the desk ("Rename the file
# ...", "Cancel the parts ...", Italian's infinitive "Annullare le parti ..."); not a ticket's
# routing ("Please assign to Laurent"), which asks nothing of the thing.
_PROVIDE = (
    r"(?:add|create|give|grant|provide|install|set up|delete|remove|rename|move|change|"
    r"migrate|transfer|associate|enable|activate|reactivate|restore|restart|reset|"
    r"unlock|cancel|archive|extend|upgrade|allocate|modify|replace|attach|correct|update|"
    r"approve|link|bind|release|amend|reassign|revise)"
)
# the same verbs in Italian, by their stem: the infinitive adds "e" (an order in a request form:
# "Rinominare il file"), a clitic takes its place ("crearli", "eliminarla")
_PROVIDE_IT_STEM = (
    r"(?:aggiunger|crear|eliminar|cancellar|annullar|rinominar|spostar|modificar|"
    r"associar|abilitar|ripristinar|riavviar|sostituir|trasferir|allegar|correggere|"
    r"aggiornar|approvar|collegar|rilasciar|riassegnar)"
)
_PROVIDE_IT = rf"{_PROVIDE_IT_STEM}e"
# Italian's polite or impersonal frames of an ask, before a verb of providing or changing in
# its infinitive, with its clitic ("si prega di correggere", "è possibile crearli?", "occorre
# eliminare"); not an impossibility ("non è possibile aprire i file": a symptom) nor an ask to
# contact someone ("si prega di contattare": no thing provided).
_ASK_FRAME_IT = (
    r"(?:si prega di|vi prego di|ti prego di|per (?:favore|cortesia)|potete|potreste|potresti|"
    r"(?<!non )(?:[eè]'?|sarebbe) possibile|occorre|bisogna|(?<!non )(?:[eè]'?|sarebbe) "
    r"necessario)"
)
_INFINITIVE_IT = rf"{_PROVIDE_IT_STEM}(?:e|l[aoie]|gli\w*|ne)"
# English's frames of the same: a need stated ("it is necessary to approve the following
# parts"), a possibility asked ("is it possible to have the same search"), an ask made before
# and repeated ("the codes for which we have requested the change").
_ASK_FRAME = (
    r"(?:it is|it's) (?:necessary|needed|required) to|is it possible to (?:have|get|"
    rf"{_PROVIDE})|(?:we|i) (?:have|had) (?:already )?(?:requested|asked for)"
)
ASKS = re.compile(
    rf"\b(?:please (?:could (?:you|the \w+) )?{_PROVIDE}|(?:could|can) (?:you|the \w+)(?: please)? "
    rf"{_PROVIDE}|would like (?:to (?:have|get) )?(?:access|a|an|the|to be)|"
    rf"(?:(?:needs?|requires?|has|have) to|must|should) be {_PROVIDE}(?:e?d)?|"
    r"(?:request|ask)(?:s|ed|ing)? (?:for|to)|"
    # a thing asked to be provided or changed ("please could the following document be
    # deleted"), or to be had ("please can we have an area for ...")
    rf"(?:please|could|can) (?:[\w'-]+ ){{1,8}}?be {_PROVIDE}(?:e?d)?|"
    r"(?:please )?(?:could|can) (?:we|i|you) (?:please )?(?:have|get)|(?<!when )(?<!if )(?<!once )(?:i|we) request|"
    r"(?:si )?richied[eo]|richiediamo|(?:si )?chied[eo]|chiediamo|sono a (?:richiedere|chiedere)|"
    r"(?:ho|avrei|abbiamo) (?:la )?necessit[aà]|solicit[oa]|solicitamos|gostaria)\b|"
    rf"\b{_ASK_FRAME_IT} (?:(?:gentilmente|cortesemente) )?{_INFINITIVE_IT}\b|\b{_ASK_FRAME}\b|"
    # an order where a sentence or line opens
    rf"(?:^|[.!:\n])[ \t]*(?:{_PROVIDE}|{_PROVIDE_IT}) (?:(?:the|all|these|this|that|following|"
    r"il|lo|la|le|i|gli)\b|l'|[a-z]{2}\w*\d)",
    re.I | re.M,
)
# A purpose, by its parts: a preposition of purpose before a verb of what it lets happen or
# puts right (_ENABLES: "to allow the approval", "to assist colleagues", "per correggere
# un'imprecisione", "para permitir"), or before a noun of the work it is for ("per
# aggiornamento documentale", "for document updating"); not a form's own instruction ("Per
# selezionare più progetti tenere premuto il tasto CTRL").
_ENABLES = (
    r"(?:allow|enable|permit|assist|avoid|prevent|correct|rectify|complete|proceed|replace|"
    r"supersede|consentire|permettere|evitare|correggere|completare|procedere|rettificare|"
    r"sostituire|permitir|evitar|corrigir|concluir|prosseguir|substituir)"
)
# (English's "to" after a verb or word that takes an infinitive is what is needed or tried, not
# what for: "it is necessary to enable the project", "when I try to complete the task")
_TAKES_INFINITIVE = (
    "required necessary needed need needs asked ask asks request requested try tries tried "
    "trying attempt attempted able unable want wants wanted like possible how you"
).split()
_NOT_AFTER = "".join(rf"(?<!\b{w} )" for w in _TAKES_INFINITIVE)
# ("to " looked for first: the same matches, the thirty look-behinds tried only before a "to",
# not at every word of every opening, which took half of REASON's time)
_PURPOSE = (
    rf"\b(?:(?:in order |so as )?(?=to ){_NOT_AFTER}to|per|para) {_ENABLES}\b|"
    r"\b(?:per|for) (?:l'|il |la |the )?(?:[\w-]+ )?(?:aggiornament[oi]|updating|update|"
    r"approvazion[ei]|approval|correzion[ei]|correction)\b"
)
# Why a request is made, or by when it is needed: a conjunction of cause or purpose, or a
# deadline (REASON), or the why told by its parts (WHY_PARTS).
REASON = Caseless(
    r"\b(?:because|since (?:the|he|she|they|we|i|it)|as (?:he|she|they|we|i) (?:is|are|am|will|"
    r"has|have|had|need|no longer|"
    # or what the person did, in the past ("as I returned them in 2018", "as she moved to
    # Leeds"); not what was said or asked ("as I mentioned", "as we agreed") nor an attempt
    # told as the moment of a fault ("as I tried to open it")
    r"(?!(?:said|mentioned|discussed|explained|described|stated|noted|agreed|requested|asked|"
    r"told|wrote|tried|attempted)\b)[a-z]{3,}ed|left|gave|sold|sent back|handed back)|due to|in order to|so that|so (?:he|she|they|we|i) can|as soon as|asap|"
    r"urgent\w*|by (?:mon|tues|wednes|thurs|fri|satur|sun)day|by (?:today|tomorrow|the end)|"
    r"perch[eé]|poich[eé]|in quanto|per (?:poter|svolgimento|un problema|consentire)|a seguito|"
    r"dovuto|urgenza|porque|para (?:poder|que)|devido)\b|"
    # or a purpose told by its parts (PURPOSE)
    rf"{_PURPOSE}"
)
# The thing as it stands is wrong, so it is to be changed ("created in error", "wrongly
# approved", "the number of the document is incorrect", "chiusa erroneamente", "è errato");
# not a mail's notice to whoever "received this message in error" / "ricevuto ... per errore".
WRONG = Caseless(
    r"(?<!received )(?<!received it )(?<!received this )(?<!received this message )"
    r"(?<!received this e-mail )(?<!received this email )(?<!ricevuto questo messaggio )"
    r"(?<!ricevuto questa e-mail )(?<!ricevuto questa mail )(?<!ricevuto questa email )"
    r"\b(?:in error|by mistake|wrong(?:ly)?|incorrect(?:ly)?|mistaken(?:ly)?|"
    # (an error's adverb or adjective by its stem, however spelt: "erroneously", "erroneamente",
    # "ERRONEMLY created")
    r"erron\w*|per errore|errat[aoie]|sbagliat[aoie]|non corrett[aoie]|errad[ao]|"
    r"incorret[ao]|por engano|"
    # or a noun of what is wrong ("to correct an inaccuracy", "un'imprecisione")
    r"inaccurac(?:y|ies)|imprecisions?|imprecision[ei]|inesattezz[ae])\b"
)
# What should have come has not ("credentials never received", "non avendo ricevuto le
# credenziali", "the user is not enabled", "non risulta abilitato").
LACK = Caseless(
    r"\b(?:(?:not|never|not yet|haven't|hasn't|have not|has not) (?:been )?(?:received|enabled|"
    r"granted|assigned|delivered|created)|non (?:avendo |ho |abbiamo |ha )?(?:ancora )?"
    r"ricevut[oaie]|non avendo ricevuto|non (?:risulta|risultano|è|sono) (?:ancora )?"
    r"abilitat[oaie]|n[aã]o (?:recebi|recebeu|foi habilitad)\w*|"
    # or what was asked and is still not done ("which still represent unprocessed", "ancora
    # non processati")
    r"still (?:un(?:processed|done|changed|resolved)|pending|not (?:been )?(?:processed|done|"
    r"changed))|not (?:yet )?(?:been )?processed|(?:ancora )?non (?:ancora )?(?:processat|"
    r"evas|eseguit)[oaie])\b"
)
# As it was before, in the old system ("as previously I had with PDM", "as before", "come
# precedentemente avevo", "come prima").
BEFORE = Caseless(
    # (not what was said before: "as previously communicated", "come precedentemente comunicato")
    r"\b(?!(?:as|come) (?:previously|precedentemente|in precedenza) (?:communicated|said|"
    r"mentioned|discussed|written|agreed|requested|reported|indicated|comunicato|detto|"
    r"indicato|segnalato|richiesto|concordato)\b)"
    r"(?:as (?:before|previously|it was)|as (?:i|we|he|she|they) (?:had|did) (?:before|"
    r"previously)|previously (?:i |we )?had|come (?:precedentemente|prima|in precedenza)|"
    r"como antes|"
    # or the same thing asked to be had again ("is it possible to have the same search
    # functionality?", "avere la stessa funzione")
    # (an infinitive: "I have the same problem" is no ask)
    r"(?:to (?:have|get)|avere|ottenere|ter) (?:the|la|lo|il|a|o) (?:same|stess[oa]|mesm[oa]))\b"
)
WHY_PARTS = (REASON, WRONG, LACK, BEFORE)
# A person's own inability in the desk's other languages ("non riesco ad accedere", "não
# consigo entrar", "no puedo acceder", "je ne peux pas"), beside English's INABILITY; not an
# impersonal "non è possibile ..." (what a missing thing blocks: a request's why).
_INABILITY_ABROAD = (
    r"(?:non (?:riesco|riusciamo|riesce|riescono|posso|possiamo|pu[oò])|"
    r"n[ãa]o (?:consigo|conseguimos|consegue|posso|pode)|no (?:puedo|podemos|puede|consigo)|"
    r"je ne (?:peux|parviens))"
)
# Getting into a system or an account: signing in, logging in, accessing, entering.
_GET_IN = (
    r"(?:log ?(?:in|on)|login|sign ?(?:in|on)|access\w*|acced\w*|acess\w*|entra\w*|"
    r"connect\w*|collega\w*|conect\w*)"
)
# A request whose reason is the caller's own fault of getting in ("please reset my password
# because I cannot sign in", "Richiedo il reset password perché ... non riesco ad accedere"):
# the ask is the fix of an incident, judged on the incident's parts (D1-D5), not a
# request's (D6).
FAULT_AS_REASON = Caseless(
    rf"(?:{REASON.pattern})[^.;\n]{{0,80}}?\b(?:{INABILITY}|{_INABILITY_ABROAD})\b"
    rf"(?:\W+\w+){{0,3}}?\W+{_GET_IN}\b"
)


# An ask for someone to look at a fault ("I ask for your intervention because I cannot send
# ...", "chiedo assistenza", "an immediate check is required"): an incident told as an ask,
# judged on its parts, not a request's.
_FIX_ASKED = re.compile(
    r"\W+(?:[\w']+\W+){0,4}?(?:intervent\w*|interven[cç]\w*|assist\w*|support\w*|help|"
    r"aiuto|ajuda|check|verific\w*|controll\w*|analys[ie]s|analisi|fix|resolv\w*|risolv\w*|"
    r"solv\w*|feedback|riscontro|answer|risposta|reply|"
    # or the fault itself named ("request for G-plm block", "ask for the login problem")
    r"problem\w*|problemi|issues?|block|blocco|malfunction\w*|malfunzionament\w*)\b",
    re.I,
)


@text_memo  # an opening read again (a ticket scored again, under another rubric)
def complete_request(text: str) -> bool:
    """Whether `text` asks for something to be provided or changed (not for a fault to be
    looked at) and says why or by when (D6: what the request needs; which device or account
    is the context part, read by the caller)."""
    # (the parts most texts lack first, the fault told as the reason last: the same answer)
    return (
        any(part.search(text) for part in WHY_PARTS)
        and any(not _FIX_ASKED.match(text, m.end()) for m in ASKS.finditer(text))
        and not FAULT_AS_REASON.search(text)
    )


# A record named by its code, letters before four digits or more ("PO#4520179853",
# "CN00001520", "TB01HW00187566-00.DRW"): which thing a request is for (D6), though the
# system it lives in is called only "the new system"; not a phone or staff number's label, a
# word before a year ("October 2019": a mail header's date; a code written after a space has six
# digits or more, "PO 4500123987") nor a ticket, task or message of the desk itself
# ("INC1257014", "TASK0012345", "MSGHSM00012345": _NOT_DESK).
_NOT_DESK = r"(?!(?:inc|task|ritm|req|chg|prb|msg)\w*\d)"
_RECORD_CODE = re.compile(
    rf"(?<![\w@.])(?!(?:tel|tele\w*|phone|fax|mobile|cell|ext|int|m|t|p)\b){_NOT_DESK}[a-z]{{1,8}}"
    rf"(?:(?:#|-|\. ?)?{_NOT_DESK}[a-z\d]*\d{{4,}}| \d{{6,}})",
    re.I,
)


def names_record(text: str) -> bool:
    """Whether `text` names a record by its code (_RECORD_CODE)."""
    return _RECORD_CODE.search(text) is not None


# A symptom told by what the thing does wrong, with no word of failure, read by its parts in
# one sentence (ServiceNow's "what is happening" and ITIL's symptoms: what the user sees):
# - a moving part that sticks or repeats ("the E, R and T keys stick or repeat");
_MOVING_PART = r"(?:keys?|buttons?|drawers?|doors?|trays?|rollers?|wheels?|lids?|switch(?:es)?)"
_STICKS = r"(?:stick|sticks|sticking|sticky|repeats?|repeating|jumps?|slips?|slipping)"
# - a secret put where others see it ("posted the admin login in the WhatsApp group", "the
#   password was sent to all staff");
_SECRET = r"(?:passwords?|passcodes?|pins?|logins?|credentials|api keys?|tokens?)"
_EXPOSES = (
    r"(?:posted|leaked|exposed|published|pasted|(?:sent|forwarded|e-?mailed) to (?:all|"
    r"everyone|the whole|the (?:[\w-]+ )?(?:group|list|channel|chat)))"
)
# - an output in the wrong colour ("prints every proof with a strong pink cast", "a green
#   tint on the screen").
_COLOUR = r"(?:pink|green|yellow|red|blue|purple|magenta|orange|cyan|grey|gray|brown)"
_TINGE = r"(?:cast|tint|tinge|hue|colou?ring|lines?|bands?|stripes?)"
WRONG_DOING = Caseless(
    rf"\b{_MOVING_PART}\b[^.;\n]{{0,40}}?\b{_STICKS}\b|"
    rf"\b{_SECRET}\b[^.;\n]{{0,60}}?\b{_EXPOSES}\b|\b{_EXPOSES}\b[^.;\n]{{0,60}}?\b{_SECRET}\b|"
    rf"\b{_COLOUR}(?:ish)? {_TINGE}\b"
)


def tells_symptom(text: str) -> bool:
    """Whether `text` tells a symptom, or a request's need, in words tqrs.judges.signals does
    not read: Italian or Portuguese (SYMPTOM_ABROAD), an ask for something (ASKS), or what
    the thing does wrong with no word of failure (WRONG_DOING)."""
    return (
        SYMPTOM_ABROAD.search(text) is not None
        or ASKS.search(text) is not None
        or WRONG_DOING.search(text) is not None
    )


# The parts this module reads, in the order tqrs.judges.signals lists a description's parts.
_ORDER = ("symptom", "timing", "impact", "context")


def with_parts_told(text: str, says: list[str]) -> list[str]:
    """`says` (the parts tqrs.judges.signals found, in _ORDER) with since when told by what
    changed (CHANGED), the run it showed in (_IN_THE_RUN) or how long it has lasted (_SPAN),
    and the business impact told by one of its parts (IMPACT_PARTS)."""
    found = set(says)
    if "timing" not in found and (
        CHANGED.search(text) or _IN_THE_RUN.search(text) or _SPAN.search(text)
    ):
        found.add("timing")
    if "impact" not in found and any(part.search(text) for part in IMPACT_PARTS):
        found.add("impact")
    return [p for p in _ORDER if p in found]


# What the writer's own words tell of the start and the scope, read apart from the symptom
# (LABELLING.md D1, D2): the words of a name or a message in quotes (a folder's name "Board
# Papers", a field's "last update": what the screen or the record says, not when the fault
# began or who it touches); a contrast, what still works beside the fault ("the other 11 tanks
# read normally", D2: part of the symptom, not the scope); a number that names a thing ("tank 6",
# "tower 4", "Event 41": no count of people or work); and a time still to come ("tomorrow", "a
# meeting on Friday": when it is needed, not since when it fails).
_QUOTED = re.compile(r'["\u201c\u201e\u00ab][^"\u201c\u201d\u00bb\n]{1,60}["\u201d\u201c\u00bb]')
_WORKS = (
    r"(?:fine|normally|ok|okay|correctly|as (?:normal|usual|expected)|without (?:problems?|"
    r"issues?)|still \w+|works?|working|bien|funciona\w*)"
)
CONTRAST = Caseless(
    rf"\b(?:the |all )?(?:other|others|rest of (?:the|them))\b(?:(?!\b(?:too|also|as well|same)\b)"
    rf"[^.;:\n]){{0,60}}?\b{_WORKS}\b(?:(?!\b(?:too|also|as well|same)\b)[^.;\n])*"
)
# A number after a word that introduces no count and no time, and before a word: the
# number is part of the thing's name ("tank 6 holds", "tower 4 shows").
_COUNT_OR_TIME_BEFORE = (
    r"(?:the|a|an|about|around|approximately|roughly|nearly|almost|over|under|some|all|only|"
    r"least|most|than|of|and|or|with|for|to|by|his|her|their|our|my|its|these|those|other|"
    r"another|also|just|ca|circa|are|were|have|has|had|lost|now|still|left|up|at|since|from|"
    r"on|before|after|until|till|in|between|past|rang|called|phoned)"
)
_NAMED_BY_NUMBER = re.compile(rf"\b(?!{_COUNT_OR_TIME_BEFORE}\b)([^\W\d_]+) \d+(?= [^\W\d_])", re.I)
_NUMBER_BEFORE_WORD = re.compile(r" \d+ [^\W\d_]")  # what its every match holds
# The event the caller needs it for (tqrs.judges.signals.EVENT_AT), with the whole of its
# time ("the supplier call at 14:00").
_EVENT_AT_ITS_TIME = Caseless(rf"(?:{EVENT_AT.pattern})[\d:.]*(?: ?[ap]m)?")
_TO_COME = Caseless(
    r"\b(?:tomorrow(?:'s)?|next (?:week|month|(?:mon|tues|wednes|thurs|fri|satur|sun)day))\b"
)
# A question asked of the desk ("asks how to connect", "wants to know if it is genuine").
_QUESTION = Caseless(
    r"\b(?:asks?|asked|asking|wants? to know|would like to know) (?:how|whether|if|what|why)\b|"
    r"\bhow (?:to|do|can|should)\b"
)
_SIGNED_LINE = re.compile(
    r"\n[ \t]*(?:thanks|thank you|many thanks|regards|cheers|best)\b[ \t]*,[^\n.!?]{0,40}\s*\Z",
    re.I,
)


def scope_words(text: str) -> str:
    """`text` as it tells who or what the fault touches: without a contrast with what still
    works, a number that names a thing, or a sign-off with the writer's name and team."""
    text = _SIGNED_LINE.sub("", text)
    text = CONTRAST.sub(" ", text)
    return _NAMED_BY_NUMBER.sub(r"\1", text) if _NUMBER_BEFORE_WORD.search(text) else text


# A form's field that sets when an account or an access ends, with its value ("Scadenza
# Account=31/12/2020", "Account Expiration = 31/12/2020"): when a request's grant stops, not
# since when a fault is there (a certificate's "Valid Until" is when its fault begins).
_GRANT = r"(?:account|user|utente|utenza|access|accesso)"
_ENDS = r"(?:scadenza|expir(?:y|ation)(?: date)?|end date|data (?:di )?fine)"
_END_FIELD = Caseless(
    rf"\b(?:{_GRANT}[ \t]+{_ENDS}|{_ENDS}[ \t]+(?:dell'|of (?:the )?)?{_GRANT})[ \t]*[=:][^;\n]*"
)


# A number of dotted or slashed parts, read as a day and month only when it can be one: a
# version, a revision or a decimal ("Creo 5.0.4.0", "rev. 01.2", "Mass 0.1", "98.85") is no
# date (_is_date).
_DOTTED_NUMBER = re.compile(r"(?<![\w.,/-])\d+(?:[./]\d+)+\.?(?![\w-])")


def _is_date(number: str) -> bool:
    """Whether a dotted or slashed `number` can be a day and month, with a year of two or
    four digits after them, a year of four digits before a month and a day ("2022.06.28",
    "2022/6/3"), or a time ("16.45"): no part 0 or past 31 in a day and month, a day written
    with its leading zero has its month so written ("01.02", not "01.2"), and a time has its
    hour to 23 and two digits of minutes."""
    parts = re.split(r"[./]", number.rstrip("."))
    first, second = parts[0], parts[1]
    if len(parts) == 3 and re.fullmatch(r"(?:19|20)\d\d", first):
        return 1 <= int(second) <= 12 and 1 <= int(parts[2]) <= 31 and len(parts[2]) <= 2
    if (
        len(parts) == 2
        and len(first) <= 2
        and int(first) <= 23
        and re.fullmatch(r"[0-5]\d", second)
    ):
        return True
    return (
        len(parts) <= 3
        and all(1 <= int(x) <= 31 and len(x) <= 2 for x in (first, second))
        and not (first.startswith("0") and len(second) == 1)
        and (len(parts) == 2 or len(parts[2]) in (2, 4))
    )


# A need with the time it is needed by ("they need the tile live today", "wanted by
# tomorrow"): when the answer is due, not since when the fault is there (a start told in
# between, "needs a restart since Monday", stays).
_NEEDED_BY = Caseless(
    r"\b(?:needs?|needed|wants?|wanted|requires?|required)\b(?:(?!\b(?:since|after|from|ago|"
    rf"started|began|following)\b)[^.;\n]){{0,50}}?\b{_WHEN}\b"
)
# "since" as a cause, before a clause in the present ("since the user still needs help",
# "since it is urgent"): a start is told by "since" before a time, an event or a past tense.
_SINCE_AS_CAUSE = Caseless(
    r"\bsince (?=(?:[\w'-]+ ){1,3}?(?:still )?(?:is|are|am|needs?|wants?|requires?|has to|"
    r"have to|can|cannot|can't|must|does|doesn't|do|don't|will|won't)\b)"
)


@text_memo  # an opening read again (a ticket scored again, under another rubric)
def start_words(text: str) -> str:
    """`text` as it tells since when the fault is there: without words in quotes (what a
    screen or a field says: "last update"), an event the fault is needed for, with its time
    ("a meeting on Friday", "the supplier call at 14:00"), a need with the time it is
    needed by (_NEEDED_BY: "they need the page live today"), "since" as a cause
    (_SINCE_AS_CAUSE), a number that is no date (_is_date) or a form's end date for what a
    request grants (_END_FIELD)."""
    text = _EVENT_AT_ITS_TIME.sub(" ", _QUOTED.sub(" ", _SIGNED_LINE.sub("", text)))
    text = _SINCE_AS_CAUSE.sub(" ", _NEEDED_BY.sub(" ", text))
    if "." in text or "/" in text:
        text = _DOTTED_NUMBER.sub(lambda m: m[0] if _is_date(m[0]) else " ", text)
    if "=" in text or ":" in text:
        text = _END_FIELD.sub(" ", text)
    # a question's time to come is when the answer is needed by (D6), told as it should be
    return text if _QUESTION.search(text) else _TO_COME.sub(" ", text)


# A story's negations told of the caller, not of what fails: what a person cannot remember,
# a trouble the old thing never gave ("a problem I didn't have with the old one", "the old
# one never gave them bother"), a wish ("not just reboot it"), and what a person showed
# someone ("he showed me the new Start menu").
_OF_A_PERSON = re.compile(
    r"\b(?:cannot|can't|cant|can not|could not|couldn't|do not|don't|does not|doesn't)\s+"
    r"(?:remember|recall)\b|"
    r"\b(?:did not|didn't|never)\s+(?:have|had|give|gave)\b(?:\s+\w+){0,3}?\s+"
    r"(?:with|before|bother|trouble)\b|"
    r"\bnot just\b|"
    r"\b(?:showed|shown) (?:me|him|her|us|them|you)\b",
    re.I,
)


def fault_words(text: str) -> str:
    """`text` as it tells what fails: without a story's negations told of the caller
    (_OF_A_PERSON)."""
    return _OF_A_PERSON.sub(" ", text)


# A description that is one statement of the fault (LABELLING.md D1): beside it only who rang
# ("Ken rang at 06:10."), when it started ("Started after Tuesday's update."), what still works
# (CONTRAST, D2) or a sign-off ("- Rosa"); and no word of a consequence anywhere (someone
# cannot, needs, waits, must, would lose). Its length is the device's name and the error's
# text, not the stakes: an impact unsaid there is not written, not implicit.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(\u201c\u2013\u2014-])")
_WHO_RANG = re.compile(
    r"[^.;:]{0,60}?\b(?:rang|rung|rings|called|calls|phoned|reported it|reports|reported)\b"
    r"(?: (?:at|from|on|in|this|today)\b[^.;]{0,50}| \d{1,2}[:.]\d\d)?[.:]?",
    re.I,
)
_FIELD_LINE = re.compile(r"^[ \t]*[^\W\d][\w /()#.-]{0,30}[ \t]*[:=]", re.M)
_SIGN_OFF = re.compile(r"[-\u2013\u2014]\s*[A-Z]\w+(?: [A-Z]\w+)?\.?")
_CONSEQUENCE = re.compile(
    r"\b(?:can ?not|can'?t|couldn'?t|unable|could|would|needs?|needed|locked out|waiting|"
    r"waits?|left without|until|delay\w*|late|miss(?:es|ed|ing)?|lose|losing|lost|stuck|"
    r"nobody|no one|anyone|everyone|behind|backlog|has to|have to|had to|must|instead|before|"
    r"on hold|deadline|hard to|difficult|"
    # a time the person has something at ("she has a 13:15 patient")
    r"(?:has|have) an? \d{1,2}[:.]\d\d|"
    # a security event: what it puts at stake needs no saying
    r"clicked|stolen|theft|phish\w*|malware|ransom\w*|encrypted|trojan|virus|breach|leak\w*|"
    # the same in the other languages the desk reads
    r"no (?:puede|pueden|podemos)|necesit\w*|nie mo\w+|n[a\u00e3]o consegu\w*|"
    r"kann nicht|k\u00f6nnen nicht|ne (?:peut|peuvent|pouvons))\b",
    re.I,
)


def one_statement(text: str) -> bool:
    """Whether `text` (a description as told) is one statement of the fault, with no word
    of what it costs anyone (_CONSEQUENCE). A form or an alert of field lines is no prose
    statement, and is not read so."""
    if _CONSEQUENCE.search(text) or len(_FIELD_LINE.findall(text)) >= 2:
        return False
    sentences = _SENTENCE_END.split(re.sub(r"\s*\n\s*", " ", text.strip()))
    said = [
        s
        for s in (s.strip() for s in sentences)
        if s
        and not _WHO_RANG.fullmatch(s)
        and not _SIGN_OFF.fullmatch(s)
        and len(CONTRAST.sub(" ", s).split()) >= 3
    ]
    return len([s for s in said if not _START_ONLY.fullmatch(s)]) <= 1


# A sentence that tells only when it started ("Started after Tuesday's update.", "Happening
# since this morning.").
_START_ONLY = re.compile(
    r"(?:it )?(?:started|began|happening|happens|has been (?:like this|happening)|since)\b"
    r"[^.;,]{0,40}[.!]?",
    re.I,
)
