"""A record in another language read by its clauses' parts (tqrs.judges.clause_parts), and
a request whose reason is the caller's own fault (tqrs.judges.complete_description,
FAULT_AS_REASON): issue 16, items 3 and 9. The texts are written here; the expected options
are a hand reading of LABELLING.md's troubleshooting audit (rules 1, 2 and 7: a greeting, work
still under way, a message sent and a name are no step; a purpose clause is part of its step;
three steps with their outcome make the record complete) and of D1-D6 (a request is judged
on what it needs; an ask for the fix of a fault is an incident)."""

import pytest

from tests.scoring.conftest import grade
from tqrs.judges.clause_parts import no_step_of_its_own, with_continuations_joined

NOTES = "2025-01-10 09:30:00 - Sam Analyst (Work notes)\n"


@pytest.mark.parametrize(
    "clause",
    [
        "Boa tarde!",  # a greeting
        "Cordiali saluti",  # a sign-off
        "Estamos verificando com a equipe de rede",  # work still under way
        "Chamado está sendo encaminhado para a equipe",  # routed, under way
        "È stata inviata una mail all'utente",  # a message sent
        "È necessario fornire il file di log",  # what is still needed
        "Ana Paula dos Santos Lima",  # a name
        "Segue os dados do usuário:",  # announces what follows
    ],
)
def test_a_clause_that_is_no_step_of_its_own(clause):
    assert no_step_of_its_own(clause)


@pytest.mark.parametrize(
    "clause",
    [
        "Serviço de impressão reiniciado",  # a change done
        "La stampante risulta offline",  # a check's finding
        "Teste OK",  # a terse result, however capitalised
        "Login KO",
        "Pasta compartilhada restaurada do backup",
    ],
)
def test_a_step_stays_a_step(clause):
    assert not no_step_of_its_own(clause)


def test_a_purpose_clause_is_part_of_its_step():
    assert with_continuations_joined(
        ["Pacote de correção aplicado", "para liberar a fila", "fila liberada"]
    ) == ["Pacote de correção aplicado, para liberar a fila", "fila liberada"]


@pytest.mark.parametrize(
    "notes, option",
    [
        # a greeting, work under way, a message sent, one change with its purpose: one step
        # (some troubleshooting, 10), where the clauses counted alone made five and the
        # record was left to a reader of Portuguese
        (
            "Boa tarde! Estamos verificando com a equipe de rede. Foi enviado e-mail ao "
            "usuário com as instruções. Serviço de impressão reiniciado, para liberar a fila.",
            "10",
        ),
        # a question to the caller, whole, and a name: no step; one finding (10)
        (
            "Marco Rossi\nLa stampante risulta offline dal server di stampa.\nPotrebbe "
            "indicare il numero di serie, per procedere con la sostituzione?",
            "10",
        ),
    ],
)
def test_troubleshooting_in_another_language_by_parts(make_ticket, handling_rubric, notes,
                                                      option):  # fmt: skip
    t = make_ticket(work_notes=NOTES + notes, comments="")
    r = grade(handling_rubric, "troubleshooting", t)
    assert r.option == option, r.reasoning


@pytest.mark.parametrize(
    "short, description, option",
    [
        # the reason is the caller's fault: an incident (symptom and application, no start,
        # no impact: 10), not a complete request
        ("Password reset", "Please reset my Outlook password because I cannot sign in.", "10"),
        (
            "Reset password",
            "Richiedo il reset della password di SAP perché non riesco ad accedere.",
            "10",
        ),
    ],
)
def test_a_request_for_the_fix_of_a_fault_is_an_incident(
    make_ticket, logging_rubric, short, description, option
):
    t = make_ticket(short_description=short, description=description)
    r = grade(logging_rubric, "description_quality", t)
    assert r.option == option, r.reasoning
