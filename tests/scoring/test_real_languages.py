"""Real desk tickets in other languages (issue 16, real tickets, tune half): short text of
another language whose words English lists too, and a bilingual mail's second copy after its
sign-off. The sentences are written by hand in the shape of the real ones (Hitachi Rail's
Italian and English mails, the pt-BR export); the expected readings are a reader's of those
languages and of the rubric (LABELLING.md: text in another language is judged on what it
says, which the offline readings cannot do)."""

import pytest

from tests.scoring.conftest import grade, run
from tqrs.judges.troubleshooting import without_signature
from tqrs.rubric import load_rubric
from tqrs.rules.spelling import reads_as_english


@pytest.mark.parametrize(
    "text, english",
    [
        # "il", "la", "di", "ora", "si", "file", "client" are in the English lists: before,
        # three words unknown in nine read as English
        ("Reinstallato il client, ora il file si apre correttamente.", False),
        ("Cambiata la password e verificato con il cliente.", False),
        ("Riavviato il PC, ora funziona.", False),
        ("Reinstalado o cliente, agora o arquivo abre corretamente.", False),
        ("Reiniciado o PC, agora funciona.", False),
        ("Chamado encerrado pelo usuário", False),
        ("Reinicié el equipo y ya funciona.", False),
        ("Solucionado pelo usuario", False),
        # English stays English: short, clipped, or with words other languages write too
        ("Reinstalled the client, the file opens now.", True),
        ("Reset password, user confirmed login works.", True),
        ("Password reset done", True),
        ("Pwd rst, usr informed", True),
        ("Cleared browser cache, portal loads.", True),
        ("Rebooted PC, issue resolved.", True),
        ("Outlook profile recreated, mail syncing", True),
        ("Access granted as per request", True),
        ("Fixed in version 5.2 per vendor", True),
        # short English with one word English does not list, whose other words the other
        # languages' lists hold too (Duke's help desk short descriptions)
        ("adobe update to ver.10", True),
        ("ap down in wel 413", True),
        ("Question - sympa owner change", True),
        # a word or two is too little to tell ("Behoben.", "Risolto.": read as they are)
        ("Risolto.", True),
    ],
)
def test_short_text_of_another_language_does_not_read_as_english(text, english):
    assert reads_as_english(text) is english


@pytest.mark.parametrize(
    "close_notes, option",
    [
        # a fix told in Spanish is no evidence of a defect: not assessable offline (no option;
        # before: read as English, no action found, 0); in Italian its parts are read
        # (tqrs.judges.resolution_parts: the action and its object, R1)
        ("Reinstallato il client, ora il file si apre correttamente.", "10"),
        ("Reinstalado o cliente, agora o arquivo abre corretamente.", "10"),
        ("Reinstalé el cliente, ahora el archivo se abre correctamente.", None),
        # the same in English is read, and closure words alone are still no resolution
        ("Reinstalled the viewer client, the drawing file opens correctly now.", "10"),
        ("Problema risolto, il ticket viene chiuso.", "0"),
    ],
)
def test_short_close_notes_in_another_language_are_not_read_as_english(
    make_ticket, close_notes, option
):
    t = make_ticket(
        short_description="File does not open",
        description="The drawing file does not open in the viewer",
        close_notes=close_notes,
    )
    r = grade(load_rubric("incident_quality"), "resolution_quality", t)
    assert r.option == option, r.reasoning


# Hitachi's bilingual mails: "IT: <message> Saluti, EN: <the same in English> Regards, <name>"
# and "<message> Saluti marco ENG: <the same in English>". The English copy after the Italian
# sign-off is the message again, not the writer's signature.
@pytest.mark.parametrize(
    "text, kept, dropped",
    [
        (
            "IT:\nSi richiede di aggiungere l'allegato alla CN00001234.\n\nSaluti,\n\nEN:\n"
            "It is requested to add the attachment to CN00001234.\n\nRegards,\n\n"
            "Paola Neri\nCarbody Designer",
            "It is requested to add the attachment to CN00001234.",
            "Carbody Designer",
        ),
        (
            "Mi dà lo stesso problema anche con Chrome\nSaluti\nmarco\n\nENG: It gives me the "
            "same problem with Chrome",
            "ENG: It gives me the same problem with Chrome",
            "marco",
        ),
        # no label: the signature runs on (a role line is no message)
        (
            "Ho riavviato il servizio.\nSaluti\nMarco Bianchi\nDesign Engineering",
            "Ho riavviato il servizio.",
            "Design Engineering",
        ),
    ],
)
def test_a_bilingual_mails_second_copy_is_no_signature(text, kept, dropped):
    out = without_signature(text)
    assert kept in out
    assert dropped not in out


# Hitachi's close-notes form ("Date and hour, when the incident occurred: n/a", "Reason for
# the incident: n/a", "Solution which was applied: n/a") with every field left blank: no
# resolution notes (LABELLING.md, resolution notes missing), under both rubric sets.
BLANK_FORM = (
    "Date and hour, when the incident occurred: n/a\nDate and hour, when the service was "
    "restored: N/A\nReason for the incident: n/a\nSolution which was applied: n/a"
)


@pytest.mark.parametrize("rubric", ["incident_quality", "incident_handling"])
@pytest.mark.parametrize(
    "close_notes, option",
    [
        (BLANK_FORM, "0"),
        ("Date and hour, when the incident occurred: 2020-07-29 15:34\nReason for the "
         "incident: -\nSolution which was applied: none", "0"),
        # a field that holds the fix: notes
        (BLANK_FORM.replace("applied: n/a", "applied: Re-created the user's Windchill "
                            "profile, login works"), "10"),
    ],
)  # fmt: skip
def test_a_close_form_left_blank_is_no_resolution_notes(make_ticket, rubric, close_notes, option):
    r = run(load_rubric(rubric), "resolution_notes", make_ticket(close_notes=close_notes))
    assert r.option == option, r.reasoning


# Caller validation written in Brazilian Portuguese: the method terms of ordinary help-desk
# usage (matrícula: the employee number; data de nascimento; perguntas de segurança; crachá:
# the staff badge; código de verificação), read as the English ones (Logging audit rules 2
# and 3: a verification word with its method). A check with a person, not a method, is none.
@pytest.mark.parametrize(
    "note, option",
    [
        ("Usuário verificado com matrícula e data de nascimento.", "10"),
        ("Identidade verificada com o crachá e a matrícula.", "10"),
        ("Usuário validado com perguntas de segurança.", "10"),
        ("Verificado com código de verificação enviado ao celular registrado.", "10"),
        ("Usuário não verificado, matrícula não confere.", "0"),
        ("Foi verificado com o Tiago esse processo.", "0"),
    ],
)
def test_portuguese_caller_validation_methods(make_ticket, logging_rubric, note, option):
    t = make_ticket(work_notes="2025-03-04 10:15:00 - Ana Analyst (Work notes)\n" + note)
    r = run(logging_rubric, "caller_validation", t)
    assert r.option == option, r.reasoning


# pt-BR INC1641466: a personal-data form pasted in a note ("Nome: ...", "Matrícula: 2426344")
# names the employee number as a field, no check of the caller: no validation (0), as before
# the Portuguese terms were read (with them: a method named, left open).
def test_a_forms_employee_number_field_is_no_validation(make_ticket, logging_rubric):
    form = (
        "Nome: Joana Exemplo\nTelefone / Ramal: 555-0101\nEmpresa: EXEMPLO SA\nMatrícula: 8823101"
    )
    t = make_ticket(work_notes="2025-03-04 10:15:00 - Ana Analyst (Work notes)\n" + form)
    r = run(logging_rubric, "caller_validation", t)
    assert (r.status, r.option) == ("scored", "0"), r.reasoning


# pt-BR INC1571839 (on hold, awaiting the requester): its notes only route the ticket, wait,
# and ask the user for details or a screen of the error; the three requests were counted as
# steps of another language by their structure (20). Asking for details is a contact, not a
# step (audit rule 7); the same in Spanish and Italian. A note with a step keeps it.
_ASKED = (
    "2024-06-05 09:05:33 - Maria Analista (Work notes)\nRITM0989305 - Solicitação de detalhes "
    "do usuário. Foi solicitado novamente para o analista apresentar a tela com o erro.\n\n"
    "2024-06-04 09:40:49 - Wanderson Analista (Work notes)\nEncaminhando para analista.\n\n"
    "2024-05-15 17:50:08 - Bruno Analista (Work notes)\nSolicitado mais informações a cliente "
    "sobre o agendamento.\n\n"
    "2024-05-14 17:31:16 - Bruno Analista (Work notes)\nSe solicitó captura de pantalla del "
    "error al usuario y richiesti dettagli all'utente sul problema."
)


@pytest.mark.parametrize(
    "notes, option",
    [
        (_ASKED, "0"),
        (_ASKED + "\n\n2024-06-06 10:00:00 - Bruno Analista (Work notes)\nReinstalado o "
         "cliente SAP e recriado o perfil do usuário, agendamento salvo com sucesso.", "10"),
    ],
)  # fmt: skip
def test_details_asked_for_are_no_troubleshooting_step(make_ticket, notes, option):
    t = make_ticket(work_notes=notes, close_notes="")
    r = grade(load_rubric("incident_quality"), "troubleshooting", t)
    assert r.option == option, r.reasoning


# The user's confirmation in the desk's other language (LABELLING.md U4: "in any language"),
# in the shape of Hitachi Rail's Italian close notes and ordinary pt-BR and Spanish ones: the
# user confirming is 10, a confirmation asked for, awaited or not received is 0. Before, every
# one of them was 0.
@pytest.mark.parametrize(
    "close_notes, option",
    [
        ("L'utente è stato contattato telefonicamente ed ha confermato la risoluzione.", "10"),
        ("L'utente Carla Neri ha confermato che ora riesce ad accedere al portale.", "10"),
        ("Utente contattato telefonicamente confermando la risoluzione del problema.", "10"),
        ("Problema confermato dall'utente risolto.", "10"),
        ("Ricevuta conferma dall'utente circa la risoluzione della problematica.", "10"),
        ("O usuário confirmou que o acesso voltou a funcionar.", "10"),
        ("El usuario confirmó que ya puede imprimir.", "10"),
        ("Non ho ricevuto conferma da parte dell'utente più volte contattato via mail.", "0"),
        ("L'utente non ha confermato la risoluzione.", "0"),
        ("Utente contattato senza successo per avere conferma della risoluzione.", "0"),
        ("In attesa di conferma da parte dell'utente.", "0"),
        ("Si prega di confermare la risoluzione della problematica.", "0"),
    ],
)
def test_the_users_confirmation_in_another_language(make_ticket, close_notes, option):
    t = make_ticket(work_notes="", comments="", close_notes=close_notes, state="Closed")
    r = grade(load_rubric("incident_quality"), "user_confirmation", t)
    assert r.option == option, r.reasoning


_FOOTER = (
    "Kind regards\nMario Rossi\n\nThis e-mail is intended only for the addressee and may "
    "contain personal data.\nAcme checks outgoing e-mail messages for the presence of "
    "computer viruses.\n"
)


@pytest.mark.parametrize(
    "short, description, notes, option",
    [
        # a mail's antivirus notice or disclaimer is no report of malware or of a privacy
        # incident (Hitachi Rail's mails, issue 16): before, -35 (Security not notified)
        ("SAP - cannot post invoice", "Posting fails with error F5 702.\n" + _FOOTER,
         "Posting period opened, user posted the invoice.", "N/A"),
        ("G-PLM", "Buongiorno\nQuesta email è stata esaminata alla ricerca di virus da AVG.",
         "Drawing released.", "N/A"),
        # a record's "personal data" kept up (the Italian "anagrafica" of materials) is no
        # privacy incident: before, -35
        ("G-PLM - materials", "Change of personal data is requested for the materials in "
         "the attached file.", "Master data updated as requested.", "N/A"),
        # still a process: a virus found in a mail, personal data sent to the wrong person
        ("Virus alert", "Defender found a virus in an e-mail attachment on my laptop.",
         "Checked the laptop.", "-35"),
        ("Mail sent in error", "I sent personal data of our customers to the wrong "
         "recipient by mistake.", "Mail recalled.", "-35"),
        # a reset written in Italian is one (its English twin is an automatic fail without
        # a validation): before, N/A
        ("G-PLM access problem", "Non riesco ad accedere a G-PLM.",
         "Salve, le ho resettato la password. La nuova password è Ottobre2019.", "FAIL"),
        ("G-PLM access problem", "Non riesco ad accedere a G-PLM.",
         "La password è stata resettata: password temporanea: Novembre2019", "FAIL"),
        ("G-PLM access problem", "Cannot log in to G-PLM.",
         "Password reset. The new password is Ottobre2019.", "FAIL"),
    ],
)  # fmt: skip
def test_mail_footers_and_italian_resets_in_the_critical_process(
    make_ticket, logging_rubric, short, description, notes, option
):
    t = make_ticket(
        short_description=short, description=description, work_notes=notes,
        category="Software", subcategory="", priority=4,
    )  # fmt: skip
    r = run(logging_rubric, "critical_process", t)
    assert r.option == option, r.reasoning
