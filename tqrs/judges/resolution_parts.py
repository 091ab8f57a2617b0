"""Resolution notes read by their parts, as public close-notes guidance describes a good one
(ITIL's resolution record, ServiceNow's "Resolution notes": what the cause was, what was done
and to what, and that it works now, confirmed by whom or how), in the desk's languages
(English, Italian, Portuguese, Spanish). Each part is one small class of words, defined once
here; tqrs.judges.resolution combines them per sentence where its English readings (action
verbs with their objects, tqrs.judges.signals.fix_actions) find no fix:

- ACTION: a verb of change done ("corretto", "alterado", "restablecido", a state reached:
  "portata in stato rilasciato", "is now design engineer on ..."), with its OBJECT: the words
  of its clause before it (a passive, a participle after its noun) or else after it;
- GENERIC: an object that names only a kind of work ("procedura", "patch", "the fix"): which
  one is not said;
- CAUSE: what was wrong ("due to", "a causa di", "devido a"), RESULT: that it works now
  ("funziona correttamente", "agora funciona", "is now possible");
- NO_FAULT: nothing to fix, said (the request made in error, what was asked already there,
  a reading mistake: LABELLING.md R7);
- REFUSED: the request not the desk's to do ("rejected", "not addressable", "non può essere
  processata", "related to SAP and not to GPLM"), with its reason (CAUSE, the contrast that
  names where it belongs) or its WAY_ON (what is needed instead: "occorre aprire l'IMAC",
  "Please create request to SAP team"): R7's refusal with the reason;
- CHECKED: a check, what was seen ("verificato che ... è in stato Resolved") or checked with
  the user ("Risoluzione verificata con l'utente"), no change;
- MESSAGE_SENT: a message that names only that something was said ("Info inviate
  all'utente", "Information provided to the user"), not what it said;
- CLOSURE: closure words with no subject or the record, issue or user as their subject
  ("Problema risolto", "il bug si considera risolto"; not "CFGL015538 è stato chiuso"),
  POINTER: a pointer to a document ("see the attached report", "vedi allegato") or work asked
  of the reader (REQUEST: "Please create IMAC request"), TO_COME: work still to come ("will",
  "saranno", "em fila", "queued").

The parts map to the rubric's options as their texts say: an action with its object, nothing
to fix said, or a refusal with its reason or way on, is the specific fix (met); an action on a
generic object, or work still to come, is a fix described but generic (partly met); closure
words, a check, a pointer or a message sent with no action is "missing or vague" (not met). A cause or a result
alone settles nothing here (R2: a cause with no fix; a confirmation is user confirmation's);
beside an action they are named in the reasoning and do not make a generic action specific
(R3: "Restarted the service, works now" still does not say which service)."""

import re
from dataclasses import dataclass

from tqrs.outcomes import Outcome

_E = r"(?:[oa]|[oa]s|i|e)"  # the endings of a participle: Italian, Portuguese, Spanish
# The change as what was seen to ("si è provveduto ad assegnarlo", "si è proceduto a
# rilasciare"): its infinitive follows, and its object after it (_object).
_SEEN_TO = ("provvedut", "proceduto")
# A change done, as its participle or gerund (the English ones are fix_actions' to read).
ACTION = re.compile(
    # not English verbs in -ate ("create", "eliminate": Italian participles in -e too)
    r"\b(?!(?:create|eliminate|associate|allocate|activate)\b)(?:"
    # Italian ("corretto" only after its auxiliary or opening its clause: alone it is also
    # the adjective, "la corretta visualizzazione")
    r"modificat|aggiornat|reinstallat|installat|sbloccat|assegnat|riassegnat|creat|"
    r"rilasciat|eliminat|cancellat|rimoss|ripristinat|configurat|riconfigurat|abilitat|"
    r"disabilitat|resettat|reimpostat|inserit|aggiunt|spostat|rinominat|sostituit|caricat|"
    r"ricaricat|promoss|annullat|sistemat|allineat|associat|collegat|impostat|attivat|"
    r"riattivat|approvat|sincronizzat|eseguit|effettuat|migrat|"
    # Portuguese
    r"corrigid|alterad|atualizad|reinstalad|instalad|desbloquead|atribu[ií]d|criad|liberad|"
    r"exclu[ií]d|removid|restaurad|configurad|reconfigurad|habilitad|desabilitad|resetad|"
    r"redefinid|inclu[ií]d|adicionad|ajustad|cadastrad|ativad|reativad|vinculad|aprovad|"
    r"sincronizad|substitu[ií]d|realizad|efetuad|migrad|"
    # Spanish
    r"corregid|modificad|actualizad|desbloquead|asignad|cread|eliminad|restablecid|"
    r"habilitad|a[ñn]adid|reemplazad|activad|ejecutad"
    rf"){_E}\b|"
    rf"\b(?:stat{_E}|vien[ei]|vengono)\s+corrett{_E}\b|^\W*corrett{_E}\b|"
    # the Italian participles in -e that English writes too, after their auxiliary ("Sono
    # state eliminate la Change Request ...")
    r"\b(?:stat[ei]|sono|vengono)\s+(?:create|eliminate|associate|allocate|activate)\b|"
    # the change as the means ("risolto assegnando l'account alla licenza corretta")
    r"\b(?:assegn|riassegn|modific|aggiorn|reinstall|install|sblocc|rilasci|elimin|cancell|"
    r"ripristin|configur|abilit|disabilit|reimpost|inser|aggiung|spost|rinomin|sostitu|"
    r"caric|sistem|allin|associ|colleg|impost|attiv|correggend|inserend|rimuovend|"
    r"alter|corrigi|atualiz|ajust|atribu|remov|exclu|actualiz|asign)"
    r"(?:ando|endo)\b|"
    # the change as what was seen to (_SEEN_TO: "Si è provveduto ad assegnarlo all'utente
    # ..."): its infinitive, with a pronoun or not
    rf"\b(?:{'|'.join(_SEEN_TO)})[oa]?\s+ad?\s+[a-z]+(?:ar|er|ir)(?:e|l[oaie]|gli|ne)\b|"
    # a state reached: "portata in stato rilasciato", "messo in stato Released", "set to
    # Released state", "is now design engineer on ..." (the change told by its end)
    r"\b(?:portat|mess|passat|levad|colocad)[oa]s?\s+(?:in|em|a|al|para)\s+(?:stato|estado|"
    r"status)\b|"
    # (not a verb in -ing: "we are now closing this ticket" is the closing, no state)
    r"\b(?:is|are|è|e'|sono|está|estão|esta) (?:now|ora|adesso|agora|ahora) (?!possibile|"
    r"possible|poss[ií]vel|able|working|funzion|funcion|fine|ok\b|okay|available|"
    r"disponi|[a-z]+ing\b)(?:an? |un[oa]? |\")?[\w\"]",
    re.I,
)
# Objects that name a kind of work, not which one ("Eseguita procedura di bonifica",
# "Rilasciata patch in produzione"): R3's generic object.
GENERIC = frozenset(
    "procedura procedure procedimento procedimiento patch fix correzione correção corrección "
    "bonifica azioni ações acciones interventi intervenções actions attività "
    "soluzione solução solución workaround intervento intervenção intervención operazione "
    "operação operación attività atividade actividad azione ação acción modifica modifiche "
    "alteração alterações cambio cambios "
    "aggiornamento atualização actualización necessario necessaria necessário necessária "
    "problema problemi issue issues correction corrections resolution".split()
)
# A message that names only that something was said ("Info inviate all'utente", "Information
# provided to the user", "Risposta inviata"): what it said is not written here (R2: a
# hand-over, a contact, nothing a reader could repeat). Not what it carried when named: a
# password, the instructions for a change.
MESSAGE = frozenset(
    "info infos information informazioni informazione informações informação información "
    "informaciones details dettagli detalhes detalles feedback reply answer response risposta "
    "riscontro resposta respuesta comunicazione comunicação comunicación".split()
)
_SENT = (
    r"(?:inviat|mandat|fornit|comunicat|trasmess|enviad|mandad|fornecid|proporcionad|"
    r"entregad|dad)[oa]s?|inviate|fornite|comunicate|trasmesse|sent|send|given|provided|"
    r"forwarded|e-?mailed|passed"
)
_MESSAGE_WORDS = rf"(?:{'|'.join(sorted(MESSAGE))})"
# The message and its sending, in either order, with at most three words between
# ("Inviata info all'utente", "Info inviate all'utente", "Details sent to the caller").
MESSAGE_SENT = re.compile(
    rf"\b{_MESSAGE_WORDS}\b(?:\W+\w+){{0,3}}?\W+(?:{_SENT})\b|"
    rf"\b(?:{_SENT})\b(?:\W+\w+){{0,3}}?\W+{_MESSAGE_WORDS}\b",
    re.I,
)
# What a message said, named after it ("Information provided to the user on how to change the
# replica server setting", "informazioni all'utente su come modificare ..."): advice that may
# be the remedy (R8), not a bare message.
SAID_WHAT = re.compile(
    r"\b(?:how|about|regarding|that|what|why|come|che|su|sobre|como|cómo|qu[eé]|acerca)\b", re.I
)


def message_only(sentence: str) -> bool:
    """Whether `sentence` says a message was sent and nothing of what it said after it."""
    m = MESSAGE_SENT.search(sentence)
    return m is not None and not SAID_WHAT.search(sentence, m.end())


CAUSE = re.compile(
    r"\b(?:root cause|caused by|cause|due to|because|owing to|a causa d|causat[oa] da|"
    r"dovut[oa] a|perch[eé]|poich[eé]|devido (?:a|ao|à)|causad[oa] por|porque|debido a|"
    r"motivo)\b",
    re.I,
)
RESULT = re.compile(
    r"\b(?:works?|working|now (?:possible|able)|can now|funziona\w*|correttamente|"
    r"(?:è|e') ora possibile|riesce|funciona\w*|normalizad[oa]|consegue|"
    r"(?:é|es) posible|agora (?:é )?poss[ií]vel)\b",
    re.I,
)
NO_FAULT = re.compile(
    r"\b(?:(?:opened|raised|logged|created|submitted|made|aperto|aperta|abert[oa]) "
    r"(?:\w+ )?(?:in error|by mistake|per errore|por engano|por erro|por error)|"
    r"wrong request|sbagliato la richiesta|richiesta errata|solicitação errada|"
    r"interpretation mistake|errore di interpretazione|erro de interpreta\w+|"
    r"(?:already|gi[àa]|j[áa]|ya) (?:exists?|esiste|existe|has|have|had|ha|hanno|tem|possui|"
    r"tiene|assigned|assegnat\w|atribu[ií]d\w|present|presente|in place|available|"
    r"disponibile|dispon[ií]vel|configured|configurat\w|configurad\w|enabled|abilitat\w)|"
    r"(?:exists?|esiste|existe) (?:already|gi[àa]|j[áa]|ya)|"
    r"works as (?:designed|expected|intended))\b",
    re.I,
)
# The request not the desk's to do, said (LABELLING.md R7's "a refused reset with the reason"):
# refused or rejected ("I rejected this ticket", "richiesta rifiutata"), not to be processed
# here ("is not addressable", "non può essere processata come semplice incident"), or belonging
# elsewhere, said by contrast ("related to SAP and not to GPLM support", "legato a SAP e non al
# supporto GPLM"). A bare "not related to GPLM" says neither where it belongs nor why.
_RECORD_WORDS = (
    r"(?:request|ticket|incident|case|call|richiesta|segnalazione|solicita[çc][ãa]o|solicitud|"
    r"chamado)"
)
_REJECTED = (
    r"(?:rejected|refused|declined|rifiutat[oa]|respint[oa]|rejeitad[oa]|recusad[oa]|rechazad[oa])"
)
# The contrast that names where the request belongs ("related to SAP and not to GPLM"): the
# tail of REFUSED's belonging elsewhere, and read_parts' reason for a refusal.
_AND_NOT = r"(?:and|e|but|ma|y|mas) (?:not|non|não|no)\b"
REFUSED = re.compile(
    rf"\b{_RECORD_WORDS}\b[^.;\n]{{0,30}}\b{_REJECTED}\b|\b{_REJECTED}\b[^.;\n]{{0,15}}\b"
    rf"{_RECORD_WORDS}\b|"
    r"\b(?:not|non|não|no) (?:\w+ )?(?:addressable|manageable|processable|in scope)\b|"
    r"\b(?:can ?not|can't|could not|non (?:può|possono|puo')|não (?:pode|podem)|no (?:puede|"
    r"pueden)) (?:be |essere |ser )?(?:processed|handled|addressed|managed|processat[oaie]|"
    r"gestit[oaie]|evas[oaie]|processad[oa]s?|tratad[oa]s?|procesad[oa]s?|gestionad[oa]s?)\b|"
    r"\b(?:related|linked|relat[ei]v[oa]|legat[oa]|collegat[oa]|relacionad[oa]|ligad[oa]) "
    rf"(?:to|a|al|alla|all'|ao|à|con|com)\s?[^.;,\n]{{1,40}}? {_AND_NOT}",
    re.I,
)
# The way on that a refusal gives: what is needed instead ("occorre aprire l'apposita IMAC",
# "you need to raise an access request", "é necessário abrir"), or work asked of the reader
# (REQUEST, below: "Please create request to SAP team").
WAY_ON = re.compile(
    r"\b(?:occorre|bisogna|è necessario|e' necessario|(?:you |user |they )?(?:need|needs|must|"
    r"have|has) to|é necess[áa]rio|hay que|es necesario|deve|devono)\s+(?:\w+\s+)?"
    r"(?:open|raise|create|submit|request|contact|use|aprire|creare|richiedere|contattare|"
    r"usare|utilizzare|abrir|criar|solicitar|contatar|usar|crear|contactar)\w*\b",
    re.I,
)
CLOSURE = re.compile(
    r"\b(?:resolved|fixed|solved|done|closed|closing|risolt[oaie]|chius[oaie]|resolvid[oa]s?|"
    r"encerrad[oa]s?|fechad[oa]s?|resuelt[oa]s?|cerrad[oa]s?|solucionad[oa]s?)\b",
    re.I,
)
# A pointer to a document, opening its sentence ("Please see attached report", "Si prega di
# consultare il rapporto allegato", "Ver anexo"): what was done is there, not here (R2).
POINTER = re.compile(
    r"^\W*(?:attachment|allegato|anexo|adjunto)\b|"
    r"^\W*(?:(?:please|pls|kindly|si prega di|per favore|por favor|favor)\s+)?"
    r"(?:see|refer to|check|vedi|vedere|consultare|fare riferimento a|ver|veja|consultar|"
    r"consulte)\s+(?:\w+\s+){0,2}?(?:attached|attachment|enclosed|report|work ?notes?|"
    r"document|allegat\w*|rapporto|anexo|anexad\w|relat[oó]rio|documento|adjunt\w*|informe)\b",
    re.I,
)
# Work asked of the reader ("Please create IMAC request", "Si prega di creare ...", "Crea una
# richiesta al team SAP"): a pointer to the one who will fix it, when nothing else is said.
REQUEST = re.compile(
    r"^\W*(?:crea|creare|please|kindly|si prega|per favore|por favor|favor)\b", re.I
)
TO_COME = re.compile(
    r"\b(?:will|to be|pending|awaiting|queued|in (?:the )?queue|scheduled|estimated|"
    r"sar[àa]|saranno|verr[àa]|verranno|in coda|si stima|ser[áa]|ser[ãa]o|aguardando|"
    r"(?:na|em) fila|en cola|se estima)\b",
    re.I,
)
# Verbs of fix_actions that put work in a queue, not do it ("Publications are queued").
TO_COME_VERBS = frozenset({"queued", "requeued", "re-queued"})
# Words of a clause that name nothing: articles, auxiliaries, pronouns, prepositions.
_EMPTY = frozenset(
    "il lo la i gli le l un una uno di del della dello dei degli delle da dal dalla in nel "
    "nella con su per tra fra a al alla e ed o è e' stato stata stati state sono viene "
    "vengono ha hanno o os as um uma de do da dos das no na nos nas em com por para foi "
    "foram é está estão el los las un una del al en con por para fue fueron es está ha "
    "the a an of to in on for with by was were is are has have been it its this that "
    "now ora agora ahora adesso anche also già ja já ya".split()
)
_ALREADY = re.compile(r"\b(?:already|gi[àa]|j[áa]|ya)\s+$", re.I)
# Words that say nothing was done ("Nessuna modifica effettuata", "não foi alterado").
_NONE = frozenset(
    "no not non never nessuna nessun nessuno nulla não nenhuma nenhum nada ningún ninguna".split()
)
_WORDS = re.compile(r"[^\W\d_][\w'-]*|\w*\d\w*")


@dataclass(frozen=True)
class PartsReading:
    """What notes say by their parts: an outcome (None: the parts settle nothing), the
    sentence it rests on, and the reasoning."""

    outcome: Outcome | None
    sentence: str = ""
    reasoning: str = ""
    part: str = (
        ""  # the deciding part: refused, action, no fault, generic, to come, pointer, closure
    )


def _content(text: str) -> list[str]:
    said = _WORDS.findall(text.lower().replace("'", " ").replace("’", " "))
    return [w for w in said if w not in _EMPTY and len(w) > 1]


# The record, the issue or the user as the subject of a closure word ("Problema risolto",
# "il bug si considera risolto", "L'utente ha risolto in autonomia"): closure words only.
_RECORD = frozenset(
    "issue issues problem problems problema problemi problemas problematica bug anomalia "
    "anomaly incident incidente incidencia ticket tickets richiesta segnalazione request "
    "chamado solicitação solicitud case caso call utente user usuário usuario it".split()
)
# Auxiliaries and adverbs between a closure word and its subject.
_AUX = frozenset(
    "si se considera considerato considered viene vengono stato stata stati state been being "
    "get got gets risulta risultano appears seems".split()
)


def _closed_only(sentence: str) -> bool:
    """Whether a closure word of `sentence` has no subject, or the record, issue or user as
    its subject: not what was done to something ("CFGL015538 è stato chiuso", "L'aggiornamento
    delle ACL ha risolto il problema")."""
    for m in CLOSURE.finditer(sentence):
        before = [w for w in _content(sentence[: m.start()]) if w not in _AUX]
        if not before or before[-1] in _RECORD:
            return True
    return False


def _object(sentence: str, verb: re.Match) -> list[str]:
    """The words an action acts on: its clause's words before the verb (a passive, "Spare
    Part portata in stato rilasciato", "L'HR Change Task è stato corretto"), else after it
    ("Rilasciata patch in ambiente di produzione", a gerund: "assegnando l'account")."""
    clause_start = max(sentence.rfind(c, 0, verb.start()) for c in ",;:(")
    before = _content(sentence[clause_start + 1 : verb.start()])
    # a gerund's or an infinitive's object follows ("assegnando l'account", "provveduto ad
    # assegnarlo all'utente"); not a participle's that begins alike ("la patch è stata
    # promossa")
    said = verb.group().lower()
    follows = said.endswith(("ando", "endo")) or said.startswith(_SEEN_TO)
    if before and not follows:
        return before
    after = re.split(r"[,;:()]", sentence[verb.end() :])[0]
    return _content(after)[:3]


def _action(sentence: str) -> tuple[str, bool] | None:
    """The first action of `sentence` not still to come: (its words, whether its object is
    specific), or None."""
    if TO_COME.search(sentence):
        return None
    for m in ACTION.finditer(sentence):
        if _ALREADY.search(sentence, 0, m.start()):
            continue  # "su un oggetto già rilasciato": a state that held, not a change
        obj = _object(sentence, m)
        if not obj or _NONE.intersection(obj):
            continue  # "Nessuna modifica effettuata": nothing done
        return m.group(), obj[0] not in GENERIC
    return None


# A check, what was seen, not a change ("E' stato verificato che la CN00000234 è in stato
# Resolved", "Verificado que o pedido está aprovado"): closure words' kin, nothing done.
_CHECK_WORDS = (
    r"(?:verificat[oa]|controllat[oa]|verified|checked|verificad[oa]|comprobad[oa]|conferid[oa])"
)
CHECKED = re.compile(rf"\b{_CHECK_WORDS} (?:che|that|que)\b", re.I)
# Checked with the user, who said it works ("Risoluzione verificata con l'utente", "Fix
# verified with the user"): the user's word (user confirmation's), no change; what was done
# may still be said beside it ("Verificato con l'utente: i codici sono stati migrati").
CHECKED_WITH_USER = re.compile(
    rf"\b{_CHECK_WORDS}\s+(?:with|con|com)\s+(?:the |l'|l’|o |a |el |la )?(?:user|caller|"
    r"utente|usuári[oa]|usuari[oa]|cliente|customer|requester|richiedente)\b",
    re.I,
)
_CONTRAST = re.compile(rf"\s{_AND_NOT}", re.I)


def read_parts(sentences: list[str]) -> PartsReading:
    """The notes' sentences read by their parts (the module docstring's mapping)."""
    generic = to_come = closure = pointer = message = with_user = ""
    whole = "\n".join(sentences)
    told = [p for p, rx in (("its cause", CAUSE), ("its result", RESULT)) if rx.search(whole)]
    refused = next((x for x in sentences if REFUSED.search(x)), None)
    if refused and (
        CAUSE.search(whole)
        or WAY_ON.search(whole)
        or any(REQUEST.search(x) for x in sentences)
        or _CONTRAST.search(refused)
    ):
        return PartsReading(
            Outcome.MET,
            refused,
            "the notes say why the request was not done here, and what to do instead",
            "refused",
        )
    for sentence in sentences:
        if NO_FAULT.search(sentence):
            return PartsReading(
                Outcome.MET,
                sentence,
                "the notes say why there was nothing to fix",
                "no fault",
            )
        checked = CHECKED.search(sentence)
        # a state seen in a check's clause is no change ("verificato che ... è in stato
        # Rilasciato"); an action before the check is one
        action = _action(sentence[: checked.start()] if checked else sentence)
        if action and action[1]:
            with_ = f", with {' and '.join(told)}" if told else ""
            return PartsReading(
                Outcome.MET, sentence, f"the notes name what was done and to what{with_}", "action"
            )
        if action:
            generic = generic or sentence
        elif POINTER.search(sentence) or REQUEST.search(sentence):
            pointer = pointer or sentence
        elif message_only(sentence):
            message = message or sentence
        elif CHECKED_WITH_USER.search(sentence):
            with_user = with_user or sentence
        elif _closed_only(sentence) or checked:
            closure = closure or sentence
        elif TO_COME.search(sentence):
            to_come = to_come or sentence
    if generic:
        return PartsReading(Outcome.PARTLY_MET, generic, "an action on a generic object", "generic")
    if to_come:
        return PartsReading(Outcome.PARTLY_MET, to_come, "work still to come", "to come")
    for said, what in (
        (pointer, "a pointer elsewhere"),
        (message, "a message sent, not what it said"),
        (with_user, "a check with the user, no change"),
        (closure, "closure words"),
    ):
        if said:
            return PartsReading(Outcome.NOT_MET, said, what, what)
    return PartsReading(None)
