"""Detection measured on what the rules were not written from: the labelled evaluation set
(tests/eval_set/, labelled by reading, see its LABELLING.md) and cases written here by hand
from public service-desk procedures (tqrs/rules/PHRASES.md), not from the rules' lists.

The set's `tune` half is the one the rules were tuned on; these tests hold them to it (a
change that loses precision or recall there fails). The `report` half is measured by
scripts/eval_quality.py for the README and asserted nowhere, so nobody tunes against it."""

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tqrs.engine import stages
from tqrs.ingest import ingest_files
from tqrs.judges.offline import OfflineJudge
from tqrs.rubric import load_rubric
from tqrs.rules import apply_rules
from tqrs.store import Store
from tqrs.store.sessions import iter_tickets

EVAL_SET = Path(__file__).resolve().parents[1] / "eval_set"
RUBRICS = ("incident_logging", "incident_handling")
RULE_BAR = 0.95  # deterministic criteria, precision and recall on the tune half
# Batches added after the last tuning round, kept out of these regression bars until a round
# has tuned on their tune half: until then both halves measure the rules out of sample
# (README, detection quality). Remove a prefix here in the round that tunes on it.
NOT_YET_TUNED: tuple[str, ...] = (
    "INC2048",
    "INC2049",
    "INC2050",
    "INC2051",
    "INC2052",
    "INC2053",
    "INC2056",
    "INC2057",
    "INC2058",
    "INC2059",
    "INC2060",
    "INC2061",
    "INC2062",
    "INC2063",
    "INC2064",
    "INC2065",
    "INC2066",
    "INC2067",
    "INC2068",
    "INC2069",
    "INC2070",
    "INC2071",
    "INC2072",
    "INC2073",
    "INC2074",
    "INC2075",
    "INC2076",
    "INC2077",
)
# Fresh batches the rules were tuned on but the offline heuristics (tqrs/judges/) not yet: kept
# out of the judged criteria's bars (user confirmation) until a heuristics round tunes on them.
HEURISTICS_NOT_YET_TUNED: tuple[str, ...] = (
    "INC2048",
    "INC2049",
    "INC2050",
    "INC2051",
    "INC2052",
    "INC2053",
    "INC2056",
    "INC2057",
    "INC2058",
    "INC2059",
    "INC2060",
    "INC2061",
    "INC2062",
    "INC2063",
    "INC2064",
    "INC2065",
    "INC2066",
    "INC2067",
    "INC2068",
    "INC2069",
    "INC2070",
    "INC2071",
    "INC2072",
    "INC2073",
    "INC2074",
    "INC2075",
    "INC2076",
    "INC2077",
)


@pytest.fixture(scope="module")
def tune_results(tmp_path_factory):
    """(labels of the tune half, {(rubric, number, criterion): (flagged, method)}) from an
    offline grading of the set through the engine's stages."""
    labels = [
        json.loads(line)
        for line in (EVAL_SET / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    labels = [
        r for r in labels if r["split"] == "tune" and not r["number"].startswith(NOT_YET_TUNED)
    ]
    with Store(tmp_path_factory.mktemp("eval") / "e.duckdb") as store:
        session = ingest_files(store, [EVAL_SET / "tickets.json"], "eval").session_id
        tickets = list(iter_tickets(store, session))
    judge, out = OfflineJudge(), {}
    for rid in RUBRICS:
        rubric = load_rubric(rid)
        for score in stages.grade_batch(judge, rubric, tickets):
            for c in score.criteria:
                flagged = c.status == "scored" and (
                    c.auto_fail or c.deduction < 0 or c.points < c.max_points
                )
                out[(rid, score.number, c.criterion_id)] = (flagged, c.method)
    return labels, out


def _confusion(labels, results):
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for r in labels:
        flagged, _method = results[(r["rubric"], r["number"], r["criterion_id"])]
        truth = r["defect"] is True
        key = ("tp" if truth else "fp") if flagged else ("fn" if truth else "tn")
        counts[(r["rubric"], r["criterion_id"])][key] += 1
    return counts


def test_the_set_covers_both_halves_and_every_criterion():
    lines = (EVAL_SET / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert {r["split"] for r in rows} == {"tune", "report"}
    for rid in RUBRICS:
        ids = {c.id for c in load_rubric(rid).criteria}
        assert {r["criterion_id"] for r in rows if r["rubric"] == rid} == ids


@pytest.mark.parametrize("rid", RUBRICS)
def test_rule_criteria_reach_the_bar_on_the_tune_half(tune_results, rid):
    labels, results = tune_results
    rubric = load_rubric(rid)
    for (r, cid), c in _confusion(labels, results).items():
        if r != rid or rubric.criterion(cid).method != "rule":
            continue
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        assert precision >= RULE_BAR and recall >= RULE_BAR, (cid, dict(c))


def test_open_criteria_are_decided_by_the_offline_judge(tune_results):
    """Some rule criteria are left open on real wording (the text does not settle them) and
    then carry the offline judge's verdict; most are decided by the rules."""
    _labels, results = tune_results
    methods = Counter(
        method
        for (rid, _n, cid), (_f, method) in results.items()
        if load_rubric(rid).criterion(cid).method == "rule"
    )
    assert methods["offline"] > 0
    assert methods["rule"] / sum(methods.values()) > 0.9


def test_user_confirmation_recall_and_precision_on_the_tune_half(tune_results):
    labels, results = tune_results
    labels = [r for r in labels if not r["number"].startswith(HEURISTICS_NOT_YET_TUNED)]
    c = _confusion(labels, results)[("incident_handling", "user_confirmation")]
    assert c["tp"] / (c["tp"] + c["fp"]) >= 0.85 and c["tp"] / (c["tp"] + c["fn"]) >= 0.85


# Hand-written cases: wording from public procedures (PHRASES.md), typos a person makes.
@pytest.mark.parametrize(
    ("channel", "note", "option"),
    [
        ("phone", "ID verified w/ Okta push & full name.", "10"),
        ("phone", "CALLER VERIFIED WITH EMPLOYEE ID AND DATE OF BIRTH.", "10"),
        ("phone", "Caller read back the code from the Duo push.", "10"),
        ("phone", "Identity confirmed: emp no + DOB matched HR record.", "10"),
        ("email", "Rang her back on the number on file; security questions answered.", "10"),
        ("walk-in", "Photo ID (passport) checked at the desk, matches HR photo.", "10"),
        ("chat", "Chat via SSO.", "10"),
        ("phone", "Chat via SSO.", "0"),
        ("phone", "Caller verified.", "0"),
        ("phone", "Could not verify the caller, no Duo device.", "0"),
        # one fact right, the other not what the record holds: a check failed (rule 6)
        (
            "phone",
            "Asked staff number and DOB. Staff number is correct but the DOB he gave is not "
            "the same as in HR.",
            "0",
        ),
        ("phone", "Employee ID matched, but his date of birth differs from HR.", "0"),
        ("phone", "Rebooted the laptop, VPN connects.", "0"),
        ("monitoring", "Disk alert cleared.", "N/A"),
    ],
)
def test_caller_validation_wording(make_ticket, logging_rubric, channel, note, option):
    t = make_ticket(contact_type=channel, work_notes=note, description="Cannot log in.")
    rules = apply_rules(t, logging_rubric)
    got = (
        rules.get("caller_validation")
        or OfflineJudge().judge_ticket(t, logging_rubric, rules.open)["caller_validation"]
    )
    assert got.option == option, (note, got.reasoning)


def test_a_method_named_without_saying_it_was_used_is_left_open(make_ticket, logging_rubric):
    t = make_ticket(contact_type="phone", work_notes="User has a new phone for the Okta push.")
    rules = apply_rules(t, logging_rubric)
    assert "caller_validation" in rules.open and "caller_validation" not in rules


# Offline, a case the rule left open costs points only on evidence that the validation is
# missing (README, review queue: a false deduction nobody can defend is worse than a miss).
# A method the notes name, with its result in words no list holds ("two of two right", the
# Logging audit's rule 2: knowledge checked against records, all correct), is no such
# evidence: left for a reader, and a reset resting on it is no automatic fail.
_UNREAD_RESULT = (
    "Security questions from her enrolment record, two of two right.\n"
    "Reset her AD password, temp given, must change at next logon."
)


@pytest.mark.parametrize("rubric_id", ["incident_logging", "incident_handling"])
def test_a_method_with_an_unread_result_is_left_for_a_reader(make_ticket, rubric_id):
    from tests.scoring.conftest import run

    rubric = load_rubric(rubric_id)
    t = make_ticket(
        short_description="ACME - London - AD - Locked out after holiday",
        description="Locked out of Windows after two weeks' leave.",
        work_notes=_UNREAD_RESULT,
    )
    assert "caller_validation" in apply_rules(t, load_rubric("incident_logging")).open
    if rubric_id == "incident_logging":
        got = run(rubric, "caller_validation", t)
        assert got.status == "evidence_not_found" and got.points == 0, got.reasoning
    reset = run(rubric, "critical_process", t)
    assert reset.status == "evidence_not_found" and not reset.auto_fail, reset.reasoning


# ... and where the text holds that evidence, the open case is still charged: a claim of
# validation that names no method (rule 3), a method that is only the ticket's subject (its
# opening names it), a code that never arrived (rule 6), the caller phoning in again (a
# call-back is one the analyst places: blueprintaudits.com help desk dictionary).
@pytest.mark.parametrize(
    ("short", "note"),
    [
        ("ACME - London - AD - Locked out", "Validated as per KB0042. Unlocked the account."),
        ("ACME - Leeds - Okta - Account locked", "Okta account unlocked, she is back in."),
        (
            "ACME - Leeds - AD - Locked out",
            "SMS code sent to his registered mobile - not received. Unlocked anyway.",
        ),
        ("ACME - Leeds - AD - Locked out", "Maggie rang back: signed in fine after the unlock."),
    ],
)
def test_an_open_case_with_evidence_of_absence_is_charged(make_ticket, logging_rubric, short, note):
    from tests.scoring.conftest import run

    t = make_ticket(short_description=short, description="Locked out.", work_notes=note)
    assert "caller_validation" in apply_rules(t, logging_rubric).open
    got = run(logging_rubric, "caller_validation", t)
    assert got.status == "scored" and got.option == "0", got.reasoning


@pytest.mark.parametrize(
    ("text", "typos"),
    [
        ("reset the password fomr AD adn the user logged in", ["fomr", "adn"]),
        ("teh printer is offline, pls recieve the job again", ["teh", "recieve"]),
        ("user hasnt got access, doesnt see the share w/ netsh or scanpst", []),
        ("user hasn't got access, doesn\u2019t see it, the user's share won't map", []),
        ("Danke, alles gut. Gracias por la ayuda.", []),
        ("RESET THE USERS PASSWORD ADN TOLD HIM TO CHANGE IT AT LOGON", ["adn"]),
    ],
)
def test_spelling_catches_typos_not_jargon(text, typos):
    from tqrs.rules.spelling import misspellings

    assert misspellings(text)[0] == typos


def _verdict(ticket, rubric, criterion):
    """The rule's option for `criterion`, or the offline judge's when the rule left it open."""
    rules = apply_rules(ticket, rubric)
    got = rules.get(criterion) or OfflineJudge().judge_ticket(ticket, rubric, rules.open)[criterion]
    return got


def _journal(*entries):
    """Work notes as a ServiceNow journal, newest first, from (time, text) pairs."""
    return "\n\n".join(
        f"2025-03-04 {time}:00 - Sam Analyst (Work notes)\n{text}"
        for time, text in sorted(entries, reverse=True)
    )


# Classes of wording taught on the fifth batch's tune half (issue 16), written here in other
# words: a code read back in the next clause, a call returned to a number on file, "no" as a
# numero, facts anyone knows (name and department) are no method.
@pytest.mark.parametrize(
    ("channel", "note", "option"),
    [
        ("phone", "Texted a 6-digit code to his registered mobile; he read it back.", "10"),
        (
            "phone",
            "Passcode via text to the number on record; caller read it back correctly.",
            "10",
        ),
        (
            "email",
            "Returned the call to her number held in HR to check the request - genuine.",
            "10",
        ),
        ("phone", "Employee no 5531 and line manager's name confirmed.", "10"),
        ("chat", "Guest chat, not signed in; gave name and department.", "0"),
    ],
)
def test_caller_validation_wording_classes(make_ticket, logging_rubric, channel, note, option):
    t = make_ticket(contact_type=channel, work_notes=note, description="Cannot log in.")
    got = _verdict(t, logging_rubric, "caller_validation")
    assert got.option == option, (note, got.reasoning)


_VALIDATED = ("09:00", "Validated: Okta Verify push approved on the call.")


@pytest.mark.parametrize(
    ("fields", "option"),
    [
        # a device named by its brand, written "<device> - lost"; Security told, never wiped
        (
            dict(
                short_description="ACME - Leeds - Pixel 7 - Lost on the bus",
                description="Courier lost her Google Pixel 7 on the bus home last night.",
                work_notes=_journal(_VALIDATED, ("09:10", "Reported to IT Security, SIR-88.")),
            ),
            "-35",
        ),
        # entries missing *on* the phone: no device is lost
        (
            dict(
                short_description="ACME - Leeds - Outlook - Contacts missing on the iPhone",
                description="Since the update, contacts are missing from her iPhone app.",
                work_notes=_journal(_VALIDATED, ("09:10", "Contacts sync on, all back.")),
            ),
            "N/A",
        ),
        # a sales executive is a grade, not an executive; validated before the reset
        (
            dict(
                short_description="ACME - Leeds - AD - Sales executive forgot password",
                description="Sales executive forgot his Windows password this morning.",
                work_notes=_journal(_VALIDATED, ("09:05", "Reset the AD password, temp given.")),
            ),
            "PASS",
        ),
        # symptoms only in the opening, the threat found in the handling: malware, and
        # neither isolation nor Security
        (
            dict(
                short_description="ACME - Leeds - Edge - Pop-ups on every page",
                description="Every page in Edge opens pop-ups since Monday on PC-114.",
                work_notes=_journal(
                    _VALIDATED,
                    ("09:20", "Defender full scan detected Trojan:Win32/Wacatac and removed it."),
                ),
            ),
            "-35",
        ),
        # the company's own phishing exercise is no phishing
        (
            dict(
                short_description="ACME - Leeds - Okta - Locked out after phishing exercise",
                description="She typed her password into the phishing exercise page and is "
                "now locked out of Okta.",
                work_notes=_journal(_VALIDATED, ("09:05", "Unlocked her Okta account.")),
            ),
            "PASS",
        ),
        # a child of a major incident: the process runs on the parent
        (
            dict(
                short_description="ACME - Leeds - ERP - Cannot log in",
                description="Since 07:00 nobody in the warehouse can use the ERP: service "
                "unavailable for all 80 staff.",
                priority=1,
                work_notes=_journal(
                    _VALIDATED,
                    ("09:05", "Linked as child to major incident INC0099001; fixed on the parent."),
                ),
            ),
            "N/A",
        ),
        # the password named first, the verb after: the reset at 09:00, validation at 09:04
        (
            dict(
                short_description="ACME - Leeds - SAP - Password expired",
                description="His SAP password expired overnight; he cannot post goods.",
                work_notes=_journal(
                    ("09:00", "SU01: initial password set for JDOE, told him on the call."),
                    ("09:04", "Verified: staff number and manager's name match HR."),
                ),
            ),
            "FAIL",
        ),
    ],
)
def test_critical_process_wording_classes(make_ticket, logging_rubric, fields, option):
    t = make_ticket(category="Access", subcategory="", close_notes="Done.", **fields)
    got = _verdict(t, logging_rubric, "critical_process")
    assert got.option == option, (fields["short_description"], got.reasoning)


@pytest.mark.parametrize(
    ("notes", "option"),
    [
        ("Issued backup codes for travel: 1357-2468, 9753-8642, 1122-3344.", "0"),
        ("Reset done; temp pw = his first name + the year, as the DC does.", "0"),
        ("Engineer let into the plant room with door code 4826.", "0"),
        (
            'Email sent to caller: "Your incident has been assigned".\n\nAssigned to Service Desk.',
            "5",
        ),
        ("Assigned to Field Services.", "5"),
    ],
)
def test_work_note_secrets_and_placeholders_by_class(make_ticket, handling_rubric, notes, option):
    t = make_ticket(work_notes=notes)
    got = _verdict(t, handling_rubric, "work_notes")
    assert got.option == option, (notes, got.reasoning)


def test_a_line_in_a_language_without_a_dictionary_here_is_not_misspelt():
    from tqrs.rules.spelling import misspellings

    text = "SAP Logon is empty.\nPo aktualizacji w nocy SAP Logon na moim komputerze jest pusty, brak systemów. Nie mogę wystawiać faktur."
    assert misspellings(text)[0] == []


@pytest.mark.parametrize(
    ("subcategory", "description", "option"),
    [
        # a narrow subcategory the opening never speaks of: one of the two wrong
        (
            "Printer",
            "Since the upgrade Word crashes whenever she opens a template from the share.",
            "5",
        ),
        ("VPN", "Teams calls drop after two minutes in the office on the wired network.", "5"),
        # the opening speaks of it in its own words
        (
            "Printer",
            "Since Monday the toner warning stays on and pages come out faded for 12 staff.",
            "10",
        ),
        (
            "Account Lockout",
            "He cannot sign in to Windows since 08:00 after three wrong tries.",
            "10",
        ),
        # another language: the topic's words are not English ones
        (
            "Printer",
            "Seit heute druckt der Etikettendrucker im Wareneingang keine Etiketten mehr.",
            "10",
        ),
    ],
)
def test_a_subcategory_that_does_not_fit_the_ticket(
    make_ticket, logging_rubric, subcategory, description, option
):
    t = make_ticket(
        short_description="ACME - Leeds - Desk - Fault",
        subcategory=subcategory,
        description=description,
    )
    got = _verdict(t, logging_rubric, "categorization")
    assert got.option == option, (subcategory, description, got.reasoning)


@pytest.mark.parametrize(
    ("short_description", "option"),
    [
        # the brief says who called or how hard they tried, or repeats the application part
        ("ACME - Leeds - Outlook - Caller rang about Outlook", "5"),
        ("ACME - Leeds - Laptop - Tried everything already", "5"),
        ("ACME - Leeds - Outlook - Outlook freezes when opening attachments", "10"),
    ],
)
def test_a_brief_description_that_names_no_fault_is_vague(
    make_ticket, logging_rubric, short_description, option
):
    got = _verdict(
        make_ticket(short_description=short_description), logging_rubric, "short_description"
    )
    assert got.option == option, (short_description, got.reasoning)
