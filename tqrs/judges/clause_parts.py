"""A clause of a record written in another language, read by its parts for what makes it no
step of its own (LABELLING.md, troubleshooting audit rules 1 and 2: each check with its
finding, each change with its result; a greeting, a name, a message sent, work still under
way or a question is none). Each part is one small class of words of the desk's languages
(Portuguese, Italian, Spanish, French, German), defined once here from their grammar, not from
an export's phrases; tqrs.judges.troubleshooting._clauses combines them per sentence:

- CONTINUES: a clause that opens with a word tying it to the clause before it (a purpose
  "para/per/pour ...", a reason "pois/perché/porque/car ...", a consequence "então/quindi/
  donc ...", a relative "che/que/il cui ...", a limit "fino/até/hasta ..."): the same step
  written on, not a new one (audit rule 2 counts checks and actions, not their
  circumstances);
- COURTESY: a greeting, an address or a sign-off ("Boa tarde!", "Prezados", "Buongiorno",
  "Cordiali saluti", "Obrigado");
- under_way: work told as still going on, an auxiliary before a gerund ("estamos
  redirecionando", "sto verificando", "enquanto isso verificando", "sendo encaminhado"): no
  outcome yet;
- SENT: a mail or message sent to someone ("È stata inviata una mail all'utente", "Enviado
  e-mail ao usuário"): a contact, not a step (audit rule 1);
- NEEDED: what is still necessary ("È necessario fornire i dettagli", "É necessário
  reiniciar"): a plan or a request, nothing done;
- a name or a label alone, every word of it capitalised ("Gustavo Barreto Gomes", "HRI
  Helpdesk", "*On Hold Notes*", "N2 - Ana dos Santos"): who or which section, no step;
- a clause ending on a colon: it announces what follows ("Segue os dados do usuário:")."""

import re

CONTINUES = re.compile(
    r"^\W*(?:para|pra|pois|porque|porqu[eé]|ent[ãa]o|portanto|que|onde|at[ée]|"
    r"per|perch[ée]|poich[ée]|quindi|pertanto|che|dove|fino|il cui|la cui|i cui|le cui|"
    r"pues|entonces|donde|hasta|pour|car|donc|parce|afin|o[uù]|jusqu\w*|"
    r"weil|denn|daher|deshalb|damit|dass)\b",
    re.I,
)
COURTESY = re.compile(
    r"^\W*(?:bom dia|boa tarde|boa noite|ol[áa]|prezad[oa]s?|caro|cara|cari|gentil[ei]|"
    r"egregi[oa]|buongiorno|buon ?pomeriggio|buonasera|ciao|salve|hola|buen(?:os|as) "
    r"(?:d[íi]as|tardes|noches)|estimad[oa]s?|bonjour|bonsoir|guten (?:tag|morgen|abend)|"
    r"hallo|obrigad[oa]|grat[oa]|grazie|gracias|merci|danke|att\b|atenciosamente|"
    r"(?:cordiali |distinti )?saluti|cordialmente|abra[çc]os?|cumprimentos|saludos|"
    r"cordialement|mit freundlichen gr[üu](?:ß|ss)en)\b",
    re.I,
)
_AUXILIARY = (
    r"estamos|estou|est[áa]|est[ãa]o|estoy|est[áa]n|sto|stiamo|sta|stanno|"
    r"enquanto(?: (?:isso|isto))?|mentre|mientras"
)
_UNDER_WAY = re.compile(
    rf"\b(?:{_AUXILIARY})\s+[^\W\d_]{{3,}}(?:ando|endo|indo)\b"
    r"|\b(?:sendo|essendo|siendo)\s+[^\W\d_]{2,}(?:ad|id|at|it)[oaie]s?\b",
    re.I,
)
SENT = re.compile(
    r"\b(?:inviat[oaie]|mandat[oaie]|enviad[oa]s?|envi[eo]i|mandad[oa]s?|envoy[ée]e?s?)\b"
    r"[^.;\n]{0,30}?\b(?:e-?mail|mail|messaggio|mensagem|mensaje|message|comunica[çc][ãa]o|"
    r"comunicazione)\b"
    r"|\b(?:e-?mail|mail|messaggio|mensagem|mensaje|message)\s+(?:inviat[oa]|enviad[oa]|"
    r"envoy[ée]e?)\b",
    re.I,
)
NEEDED = re.compile(r"\b(?:[eé]'?|è|es|est)\s+(?:necess[aá]ri[oa]|preciso|n[ée]cessaire)\b", re.I)
_PARTICLE = r"de|da|do|dos|das|di|del|della|dei|van|von|der|e|y|et"
_NAME_WORD = re.compile(rf"^(?:[^\w]*[A-ZÀ-Þ0-9][\w'./:-]*[^\w]*|{_PARTICLE}|[^\w]+)$")
# A clause that ends on a colon introduces what follows it ("Segue os dados do usuário:",
# "Di seguito i dettagli:"): a label or an announcement, no step itself.
_ANNOUNCES = re.compile(r":\s*$")


def under_way(clause: str) -> bool:
    """Whether `clause` tells work still going on (an auxiliary before a gerund)."""
    return bool(_UNDER_WAY.search(clause))


# A terse result is a step's, however capitalised ("Teste OK", "Login KO").
_VERDICT = re.compile(r"\b(?:ok|ko|nok)\b", re.I)


def name_or_label(clause: str) -> bool:
    """Whether every word of `clause` is capitalised (a person's name with its particles, a
    team, a section's label), not all of it in capitals (a line shouted) and no terse result
    in it: who or which section, no step."""
    tokens = clause.split()
    return (
        any(c.islower() for c in clause)
        and not _VERDICT.search(clause)
        and all(_NAME_WORD.match(t) for t in tokens)
    )


def no_step_of_its_own(clause: str) -> bool:
    """Whether a clause of another language is courtesy, a name or label, work under way, a
    message sent or what is still needed: no step with its outcome."""
    return bool(
        COURTESY.match(clause)
        or under_way(clause)
        or SENT.search(clause)
        or NEEDED.search(clause)
        or name_or_label(clause)
        or _ANNOUNCES.search(clause)
    )


def with_continuations_joined(clauses: list[str]) -> list[str]:
    """The clauses of one sentence, each that CONTINUES joined to the one before it."""
    out: list[str] = []
    for x in clauses:
        if out and CONTINUES.match(x):
            out[-1] = f"{out[-1]}, {x.strip()}"
        else:
            out.append(x)
    return out
