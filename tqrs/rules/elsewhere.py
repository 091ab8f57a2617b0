"""Sentences of another language that record no work: where the ticket waits or went, and
work only begun. English has its own readings (tqrs.rules.fields for work notes,
tqrs.judges.signals for steps); these are read only in a text that does not read as English,
since some of their words are English too ("assigned", "attribute")."""

import re

# A sentence of another language that records where the ticket waits or went, not a step
# (audit rule 1: assignment, routing and state are no troubleshooting; English's own are
# read by tqrs.judges.signals): waiting ("Aguardando retorno do ...", "In attesa di ...",
# "En attente de ...", "Esperando respuesta", "Wartet auf ..."), a queue ("Na fila de
# prioridade", "Priorizando chamados", "In coda"), routing or assignment ("Roteando
# analista", "Ticket atribuído à mesa", "Assegnato al gruppo", "Zugewiesen an"), "under
# analysis" ("Em análise"). Words: the state and on-hold reason labels of the desk's
# ServiceNow languages (the pt-BR export's "Em Espera", "Aguardando Equipe TIC";
# ServiceNow's translated "Awaiting Caller", "On Hold" and "Assigned to" labels).
QUEUE_NOTE = re.compile(
    r"^\W*(?:(?:o |a |el |la |il |le |der |die |das )?(?:ticket|chamado|incidente?|"
    r"incidencia|richiesta|demande|anfrage)\s+)?(?:"
    r"aguard\w*|no aguardo|em aguardo|em espera|na fila|em fila|fila d[eo]|rote(?:ad|and)\w*|"
    r"encaminhad\w*|atribu[ií]d\w*|designad\w*|em an[aá]lise|prioriz\w*|"
    r"esperando|en espera|a la espera|en cola|asignad\w*|reasignad\w*|en an[aá]lisis|"
    r"in attesa|attesa|in coda|assegnat\w*|riassegnat\w*|inoltrat\w*|in analisi|"
    r"en attente|attribu[ée]\w*|assign[ée]\w*|transf[ée]r[ée]\w*|en cours d'analyse|"
    r"wartet|warten|zugewiesen|weitergeleitet|in bearbeitung|in pr[uü]fung"
    r")(?![\w-])",
    re.I,
)
# A clause opened by the gerund of a verb of looking into or getting ready, with little
# after it ("Preparando ambiente para investigação", "Analisando o chamado", "Sto
# verificando"): another language's "looking into it", work begun and nothing found yet
# (LABELLING.md: "working on it", "looking into it" are placeholders). A gerund of a concrete
# action ("Reiniciando o servidor") names the work and is no placeholder.
_BEGUN = re.compile(
    r"^\W*(?:ainda |ancora |todav[íi]a |sto |stiamo |estou |estamos |estoy )?"
    r"(?:analis|analiz|investig|verific|prepar|avali|valut|estud|studi|trabalh|lavor|trabaj|"
    r"revis|olh|guard|mir)\w*(?:ando|endo|indo)\b",
    re.I,
)
MAX_BEGUN_WORDS = 5
# A clause opened by the gerund of a verb of passing the ticket on, to whomever it names
# ("Atribuindo novo analista", "Assegnando il ticket al gruppo applicativo", "Encaminhando
# para a equipe de redes"): the hand-off (LABELLING.md: "assigned to myself"; dissmeyer.com:
# a ticket passed on with no notes).
_PASSING_ON = re.compile(
    r"^\W*(?:atribu|assegn|riassegn|asign|reasign|encaminh|inoltr|rote|direcion|transfer)"
    r"\w*(?:ando|endo|indo)\b",
    re.I,
)
# Where a note is cut into its clauses: a line, a sentence end, a comma or semicolon.
_CLAUSE_CUT = re.compile(r"\n|(?<=[.;!?])\s+|[,;]\s+")


def records_no_work(text: str) -> bool:
    """Whether every clause of `text` (read as another language's) only says where the
    ticket waits or went (QUEUE_NOTE, _PASSING_ON) or that work on it has begun (_BEGUN, five
    words at most): "Atribuindo novo analista, na fila para analise."."""
    clauses = [c for c in _CLAUSE_CUT.split(text) if c.strip(" \t.!?;,:-")]
    return bool(clauses) and all(
        QUEUE_NOTE.match(c)
        or _PASSING_ON.match(c)
        or (_BEGUN.match(c) and len(c.split()) <= MAX_BEGUN_WORDS)
        for c in clauses
    )
