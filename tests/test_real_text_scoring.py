"""Real exports' text scored as a hand reading of it says (issue 16, QA of real text): the
tickets a QA pass found misjudged, read from the real files (scripts/fetch_real_corpus.py;
an absent file skips and says how to get it). The expected values are a reading of each
ticket's text against the rubric and tests/eval_set/LABELLING.md, written here by hand; the
look-alike unit tests are tests/scoring/test_real_text_readings.py."""

from tests.test_real_corpus import fetched, tickets_by_number
from tqrs.ingest import ingest_files
from tqrs.judges.offline import OfflineJudge
from tqrs.judges.troubleshooting import troubleshooting_steps
from tqrs.rubric import load_rubric
from tqrs.rules import apply_rules


def _tickets(store, name: str, *numbers: str) -> dict:
    report = ingest_files(store, [fetched(name)])
    got = tickets_by_number(store, report.session_id)
    return {n: got[n][0] for n in numbers}


def test_a_pasted_callout_log_names_its_credential_no_secret(store):
    # pt-BR Excel export, INC1592704: 14 work notes, one of them a pasted Salesforce callout
    # log ("NAMED_CREDENTIAL_REQUEST|NamedCallout[Named Credential Id=0XA..., Named
    # Credential Name=..., External Credential Type=EXTERNAL, ...]"). Read by hand: no
    # password, key or token is written; the notes record the work. Before: work notes 0,
    # "A password or secret is written in the work notes" (the record's Id taken for one).
    (t,) = _tickets(store, "flpereira_ptbr_incident.xlsx", "INC1592704").values()
    r = apply_rules(t, load_rubric("incident_quality"))["work_notes"]
    assert r.option == "10", r.reasoning


def test_knowledge_link_entries_are_not_the_analysts_steps(store):
    # the same export, INC1641730: of its 10 work notes, three are what the instance writes
    # when a knowledge article is attached: "Artigo de conhecimento relacionado por: EWZK"
    # with the article's link "KB0034570 : KP - Atender Canal Cliente", and the link alone
    # twice. Before: those four lines were the 4 steps that made troubleshooting 20.
    # INC1583545's one entry that is not routing ("Favor analisar", "Roteando analista!") is
    # the link alone: no step, 0. Both kept when the link needs the instance's context (its
    # markup, the announcing line, an entry of links alone) so that an analyst's own
    # "KB0012345 : ..." line is a step (tests/scoring/test_real_text_readings.py).
    tickets = _tickets(store, "flpereira_ptbr_incident.xlsx", "INC1641730", "INC1583545")
    steps, _ = troubleshooting_steps(tickets["INC1641730"])
    assert not [s for s in steps if "KB0034570" in s or "Artigo de conhecimento" in s], steps
    judge, rubric = OfflineJudge(), load_rubric("incident_quality")
    options = {
        n: judge.judge_ticket(t, rubric)["troubleshooting"].option for n, t in tickets.items()
    }
    # INC1641730's own notes are Portuguese, counted by their clauses (issue 16: "Favor
    # verificar." earned 20 so, then not assessable with three clauses); its request ("Favor
    # verificar.") and the caller's number and hours ("Contato 71 ...", "Horário 09 as
    # 18hrs") are no step (realfix9): one clause, 10, as its label (labels.jsonl, tune3)
    assert options == {"INC1641730": "10", "INC1583545": "0"}
    assert troubleshooting_steps(tickets["INC1583545"])[0] == []


def test_troubleshooting_of_a_ticket_on_hold_is_judged(store):
    # the XML unload's one incident, INC0001492, On Hold: its only work note is "Task
    # reassigned due to employee termination" (glide.maint) and its only comment "Added an
    # attachment" (admin). An open ticket's troubleshooting is judged as any other's
    # (LABELLING.md: "0 for an open ticket with only 'assigned to myself' and 'working on
    # it'"; the rubric's troubleshooting has no N/A option): no step, 0. Unchanged.
    (t,) = _tickets(store, "snowusecases_incident_unload.xml", "INC0001492").values()
    assert t.state == "On Hold"
    r = OfflineJudge().judge_ticket(t, load_rubric("incident_quality"))["troubleshooting"]
    assert r.option == "0", r.reasoning


def test_an_error_message_or_a_count_of_what_failed_is_the_symptom(store):
    # the SAP support list export: INC0117688's description is the error message "Software
    # caused connection abort", INC0117691's "... I tried to create 5 deliveries and only 2
    # created ...". Each says what fails, and neither when it started: 10 (D1, D3). Before:
    # 0, "the description names no symptom".
    tickets = _tickets(store, "a6_sap_list_export.csv", "INC0117688", "INC0117691")
    rubric = load_rubric("incident_quality")
    for number, t in tickets.items():
        r = OfflineJudge().judge_ticket(t, rubric)["description_quality"]
        assert r.option == "10", (number, r.reasoning)


def test_without_a_caller_column_the_desks_comment_is_no_confirmation(store):
    # The Hitachi Rail Excel export has no Caller and no Work notes column. INC012817622's
    # only comment is the desk's "Dear Team, please investigate. Thank you Best Regards"
    # (its Opened by); INC011691887's the desk's "dear team, please check". Read by hand:
    # no word from the user and no contact attempt, 0. Before: 10, "the caller's reply
    # confirms the fix" (2,450 of the file's 5,944 tickets).
    tickets = _tickets(store, "hitachi_rail_excel_export.xlsx", "INC012817622", "INC011691887")
    rubric = load_rubric("incident_quality")
    for number, t in tickets.items():
        assert t.caller == ""
        r = OfflineJudge().judge_ticket(t, rubric)["user_confirmation"]
        assert r.option == "0", (number, r.reasoning)


def test_hitachi_signatures_forms_headers_and_numbers_read_as_a_reader_does(store):
    # Hitachi Rail export, read by hand (tests/scoring/test_real_text_readings.py has the
    # look-alikes):
    # - INC016479091: its comments are a reminder sent and a forwarded mail's sign-off with
    #   the signature ("email: ...", "web: ...", "social: ..."): no step, 0. Before: 20, the
    #   three contact lines taken for steps with their results.
    # - INC011627905: close notes "Date and hour, when the incident occurred: n/a" (twice
    #   more n/a), "Solution which was applied: Resolved due request from managment": closure
    #   words only, 0. Before: 10, "the notes name what was done ('occurred n/a date and')".
    # - INC013652982 "INC1294771- 50299 - PDM with the detail of the type of request": record
    #   numbers and a form's title, no issue: 5. Before: 10.
    # - INC012692533: a forwarded mail's header cut to "eceived from: <address>" (twice): no
    #   slip, 10 (the rest is Italian or names). Before: 5, two likely misspellings.
    tickets = _tickets(
        store,
        "hitachi_rail_excel_export.xlsx",
        "INC016479091",
        "INC011627905",
        "INC013652982",
        "INC012692533",
    )
    rubric, judge = load_rubric("incident_quality"), OfflineJudge()
    steps, _ = troubleshooting_steps(tickets["INC016479091"])
    assert not [s for s in steps if "@" in s or s.lower().startswith(("web:", "social:"))], steps
    r = judge.judge_ticket(tickets["INC016479091"], rubric)["troubleshooting"]
    assert r.option == "0", r.reasoning
    r = judge.judge_ticket(tickets["INC011627905"], rubric)["resolution_quality"]
    assert r.option == "0", r.reasoning
    r = apply_rules(tickets["INC013652982"], rubric)["short_description"]
    assert r.option == "5", r.reasoning
    r = apply_rules(tickets["INC012692533"], rubric)["spelling_grammar"]
    assert r.option == "10" and "eceived" not in r.reasoning, r.reasoning


def test_ptbr_queue_notes_are_no_troubleshooting(store):
    # pt-BR export INC1311607 (On Hold): a dozen entries "Na fila de prioridade.", "roteando
    # analista", "Ticket atribuido à mesa ...", two "Aguardando ..." (waiting for a
    # colleague's reply "para seguir com o ajuste"), one check with a colleague and the
    # instance's channel change. Read by hand: one check, 10. Before: 20, the waiting
    # sentences' clauses counted as three steps with their results.
    (t,) = _tickets(store, "flpereira_ptbr_incident.xlsx", "INC1311607").values()
    steps, _ = troubleshooting_steps(t)
    assert not [s for s in steps if "guardando" in s or "fila" in s.lower()], steps
    r = OfflineJudge().judge_ticket(t, load_rubric("incident_quality"))["troubleshooting"]
    assert r.option == "10", r.reasoning


def test_summaries_signatures_and_close_notes_of_the_tune_half(store):
    # Hitachi Rail export, read by hand (look-alikes in tests/scoring/test_real_text_readings.py):
    # - short descriptions "malfunzionamenti CREO" (INC011691721), "Proble con GPLM"
    #   (INC011677449), "PDM con il dettaglio della tipologia di richiesta" (INC011894396):
    #   a product and a problem word or a form's title, no issue: 5. Before: 10.
    # - INC016898794: its comments are a forwarded mail (a request in Italian and English,
    #   "Kind regards", name, "Electrical Industrial Engineering", "Napoli Plant", contact
    #   lines) and the desk's "Email sent." / "Waiting for more information.": no line of the
    #   signature and no "sent" line is a step. Before: 20, the role line (twice) and "Email
    #   sent." were three steps with their results.
    # - INC014052801: "1st email has been sent:" and "Design Engineering" (the role line
    #   above the signature's "t: +39 ...") are no step. Before: both were.
    # - INC011691721: close notes quoting the support team's mail ("From:", "Sent:", "To:",
    #   "Subject: RE: INC1216924- malfunzionamenti CREO", "Buonasera, far riferimento a
    #   <name>."): a pointer alone, 0. Before: 10, "written in another language".
    # - INC011698791: close notes "Domattina sarà effettuato un intervento sistemistico
    #   risolutivo sulle workstation utente": work to come, not the fix, 5. Before: 10.
    tickets = _tickets(
        store,
        "hitachi_rail_excel_export.xlsx",
        "INC011691721",
        "INC011677449",
        "INC011894396",
        "INC016898794",
        "INC014052801",
        "INC011698791",
    )
    rubric, judge = load_rubric("incident_quality"), OfflineJudge()
    for number in ("INC011691721", "INC011677449", "INC011894396"):
        r = apply_rules(tickets[number], rubric)["short_description"]
        assert r.option == "5", (number, r.reasoning)
    for number in ("INC016898794", "INC014052801"):
        steps, _ = troubleshooting_steps(tickets[number])
        assert not [s for s in steps if "Engineering" in s or " sent" in s.lower()], steps
        r = judge.judge_ticket(tickets[number], rubric)["troubleshooting"]
        assert r.option != "20", (number, r.reasoning)
    r = judge.judge_ticket(tickets["INC011691721"], rubric)["resolution_quality"]
    assert r.option == "0", r.reasoning
    r = judge.judge_ticket(tickets["INC011698791"], rubric)["resolution_quality"]
    assert r.option == "5", r.reasoning


def test_ptbr_forms_plans_and_copied_status_notes(store):
    # pt-BR export, read by hand:
    # - INC1641466: a personal-data form pasted in a comment ("Nome:", "Chave:", "Telefone /
    #   Ramal:", "Empresa:", "Matrícula:", "Cargo:" ...): no step. Before: 14 steps with their
    #   results (the rest of its record, a relayed request and tests begun without results,
    #   is still counted by its clauses: left).
    # - INC1545769: "Será feito contato amanhã ...", "Usuária informa que ..." and queue notes:
    #   no step with its result (the label reads 10; offline 0 or 10 both charge it). Before: 20.
    # - INC1431163: "Chamado referente a RITM0862650." names no issue (5); its notes are queue
    #   notes, a contact attempt, the user's report and one status ("Problema já identificado.
    #   - Verificar CC_COTA_DIA ...") copied into five entries: two findings, 10. Before: 20.
    tickets = _tickets(
        store, "flpereira_ptbr_incident.xlsx", "INC1641466", "INC1545769", "INC1431163"
    )
    rubric, judge = load_rubric("incident_quality"), OfflineJudge()
    steps, _ = troubleshooting_steps(tickets["INC1641466"])
    labels = ("Nome:", "Chave:", "Telefone", "Empresa:", "Matrícula:", "Cargo:")
    assert not [s for s in steps if s.startswith(labels)], steps
    options = {
        n: judge.judge_ticket(tickets[n], rubric)["troubleshooting"].option
        for n in ("INC1545769", "INC1431163")
    }
    assert options["INC1431163"] == "10" and options["INC1545769"] in {"0", "10"}, options
    r = apply_rules(tickets["INC1431163"], rubric)["short_description"]
    assert r.option == "5", r.reasoning


def test_ptbr_numbers_ids_and_values_are_no_steps(store):
    # pt-BR export, INC1284466, read by hand: a work note pastes a MuleSoft request whose
    # payload is a column of values ("A", "100", "N", "1559", "01702", "0001", "2054"), another
    # a SQL query ("and forn_cd_id = '0001'", "and ttco_cd_id = 'RC';"), a third points to a
    # similar incident by its number ("Incidente similar: INC1389387"). None of them is an
    # action or check with its result; the analysts' steps are written in Portuguese, which
    # the offline heuristics do not read (not assessable offline). Before: 20, evidence
    # "100", "3 troubleshooting steps" (the pointer and the two SQL lines).
    (t,) = _tickets(store, "flpereira_ptbr_incident.xlsx", "INC1284466").values()
    steps, _ = troubleshooting_steps(t)
    for value in ("100", "1559", "0001", "Incidente similar: INC1389387"):
        assert value not in steps, steps
    assert not [s for s in steps if s.startswith("and ")], steps
    r = OfflineJudge().judge_ticket(t, load_rubric("incident_quality"))["troubleshooting"]
    assert r.status == "not_assessable" and r.option is None, (r.option, r.evidence)


def test_an_identifiers_abbreviation_in_lower_case_is_no_misspelling(store):
    # McDonald's list export (mcd_list_export_custom_fields.csv): the desk writes the store
    # EID in capitals in its custom column and in lower case in short descriptions: "eid merge
    # failed" (INC15765452), "Please merge these eid numbers. ... the old eid was ne"
    # (INC15810857). Read by hand: no misspelling in either ("ne" is cut off by the export).
    # Before: 1 and 2 likely misspellings, 'eid' (10 and 5 of 10).
    tickets = _tickets(store, "mcd_list_export_custom_fields.csv", "INC15765452", "INC15810857")
    rubric = load_rubric("incident_logging")
    for number, t in tickets.items():
        r = apply_rules(t, rubric)["spelling_grammar"]
        assert r.option == "10" and "eid" not in r.evidence, (number, r.reasoning)


def test_a_label_on_its_own_line_is_quoted_by_its_content(store):
    # Hitachi Rail Excel export, read by hand: INC017681329's description and INC011628140's
    # close notes open with a line that is only a label ("ENG:", a language's heading; "In
    # line the answers:") with what they say on the lines below. Before: the evidence was the
    # label alone (967 descriptions and 1,718 resolution-quality results of the export
    # quoted such a label, a greeting or a number).
    tickets = _tickets(store, "hitachi_rail_excel_export.xlsx", "INC017681329", "INC011628140")
    rubric, judge = load_rubric("incident_quality"), OfflineJudge()
    described = judge.judge_ticket(tickets["INC017681329"], rubric)["description_quality"]
    resolved = judge.judge_ticket(tickets["INC011628140"], rubric)["resolution_quality"]
    for r in (described, resolved):
        assert r.evidence and r.evidence not in ("ENG:", "In line the answers:"), r.evidence
    assert described.evidence.rstrip("…") in tickets["INC017681329"].description
    assert resolved.evidence.rstrip("…") in tickets["INC011628140"].close_notes


def test_ptbr_case_numbers_with_a_customer_name_no_issue(store):
    # pt-BR Excel export: eight summaries are a complaint's number and its customer
    # ("manifestação 00235674 cliente VIBRA ENERGIA S.A", "Manifestação: 00244616 - Cliente:
    # MAXXI DISTRIBUIDORA DE PETROLEO LTD"): whose case it is, not what is wrong (a reader
    # opens the description to learn the issue). Read by hand: vague, 5. Before: 10, "the
    # summary is specific and short" (the customer's words counted as specific).
    # INC1474630 "Erro na migração das modificações de Pedido do Canal Cliente para o SGCD"
    # (labelled specific) says the error: 10, unchanged.
    vague = ("INC1284466", "INC1571839", "INC1553427", "INC1170405")
    tickets = _tickets(store, "flpereira_ptbr_incident.xlsx", *vague, "INC1474630")
    rubric = load_rubric("incident_quality")
    got = {n: apply_rules(t, rubric)["short_description"].option for n, t in tickets.items()}
    assert got == {**dict.fromkeys(vague, "5"), "INC1474630": "10"}


def test_hitachi_resolution_notes_read_as_a_reader_does(store):
    # Hitachi Rail export, close notes read by hand against R1-R8 (LABELLING.md):
    # - INC013550720 and INC013553142: "The components : 014852CC01 014853CC01 have been into
    #   "Design" state." (the Italian copy: "sono state messe in stato"): the state set on the
    #   named parts, the change (R1), 10. Before: 0 (no verb read).
    # - INC014106370: "The user has been contacted by phone. The user trying again has not
    #   encountered any problems.": a contact and the issue no longer occurring, no fix (R2),
    #   0. Before: 5 ("encountered any problems" read as an action).
    # - Italian notes alone, one reading: an English word inside an Italian sentence is no
    #   action written (INC015447535 "E' stata effettuata un'operazione di "Set State" per
    #   portare la parte in stato "Released"": not assessable offline, as Italian notes
    #   without such a word; before: 10, "set state" read); closure words with the contact
    #   (INC011626045 "Utente contattato telefonicamente ed ha confermato la risoluzione del
    #   problema"): 0 as "La problematica è stata risolta" is (before: not assessable).
    #   Unchanged: an English copy beside the Italian names the action (INC015865185
    #   "Lifecycle restarted / Ciclo di vita riavviato", INC017581322 "Account ... was
    #   deleted./ Il conto ... è stato cancellato."): 10.
    # - Italian read by its parts (tqrs.judges.resolution_parts): INC015447535 "La parte
    #   indicata è stata creata a sistema" names the part created and its state set, R1: 10
    #   (before: not assessable).
    expected = {
        "INC013550720": "10",
        "INC013553142": "10",
        "INC014106370": "0",
        "INC015447535": "10",
        "INC011626045": "0",
        "INC015865185": "10",
        "INC017581322": "10",
    }
    tickets = _tickets(store, "hitachi_rail_excel_export.xlsx", *expected)
    rubric, judge = load_rubric("incident_quality"), OfflineJudge()
    got = {
        n: judge.judge_ticket(t, rubric)["resolution_quality"].option for n, t in tickets.items()
    }
    assert got == expected


def test_hitachi_the_request_agreed_closed_confirms(store):
    # Hitachi Rail export (no Caller column), the user's mail in a comment: INC012534659
    # "Good morning, we consider the request closed. Evidently I was given incorrect
    # information.", INC015204149 "You can consider the surgery closed. Thanks.",
    # INC016084204 "So please considered the issue solved.": the user agrees the record is
    # done, a confirmation (U1). Before: 0. Still none: INC017823261, the desk's own
    # question "We still haven't received any reply to our email. Can we close the request?"
    from tests.test_real_corpus import hitachi_confirmations

    hitachi_confirmations(
        store, ("INC012534659", "INC015204149", "INC016084204"), ("INC017823261",)
    )


def test_a_description_that_tells_what_the_record_is_says_nothing_of_the_issue(store):
    # snowusecases XML unload, INC0001492 (real tune half, labelled 0): "Need access to sales
    # db for the west" described as "Incident is part of PA and reporting demo data.": what
    # the record is, nothing of the request (D4, D6), 0. Before: 10, a symptom and an
    # application read in it.
    (t,) = _tickets(store, "snowusecases_incident_unload.xml", "INC0001492").values()
    r = OfflineJudge().judge_ticket(t, load_rubric("incident_quality"))["description_quality"]
    assert r.option == "0", r.reasoning
