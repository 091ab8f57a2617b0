"""A password written in clear in a field the caller reads (the resolution notes and the
additional comments, mailed to the caller; the description, shown in the portal) costs the
resolution-notes criterion of Incident Handling and Incident Quality, with the field named and
the secret masked in the evidence. The shapes are those of a real export
(tests/real_corpus/fetched/hitachi_rail_excel_export.xlsx: "Nuova Password: ..." in the
resolution notes of INC011691887 and 49 others), the values invented."""

import pytest

from tests.scoring.conftest import run
from tqrs.rubric import load_rubric
from tqrs.rules.fields import find_secret

JOURNAL = "2020-03-02 16:37:54 - Kamila Example (Additional comments)\n"


@pytest.fixture(scope="module", params=["incident_handling", "incident_quality"])
def rubric(request):
    return load_rubric(request.param)


@pytest.mark.parametrize(
    "field, text, secret, label",
    [
        ("close_notes", "Resettata password Utente. Nuova Password: Marzo2031", "Marzo2031",
         "Resolution notes"),
        ("close_notes", "TEMP PASSWORD: Dicembre2031", "Dicembre2031", "Resolution notes"),
        ("close_notes", "La nuova password è Gennaio2031", "Gennaio2031", "Resolution notes"),
        ("close_notes", "Password has been reset to Agosto2031", "Agosto2031",
         "Resolution notes"),
        ("comments", JOURNAL + "A new password has been generated for the user RossiM_ext : "
         "Aprile2031. User is added to the group.", "Aprile2031", "Additional comments"),
        ("comments", JOURNAL + "Password di VerdiF_ext è Cielo2031.", "Cielo2031",
         "Additional comments"),
        # the caller's own password, pasted into the description (the "to" inside
        # "Ettore2031" is no setter: the whole value is the secret)
        ("description", "Password Ettore2031 (changed after first access)", "Ettore2031",
         "Description"),
        ("description", 'la PWD "Ottobre2031" non mi permette ingresso.', "Ottobre2031",
         "Description"),
        ("description", "Username: SRossi\nPassword:          Giorgia31", "Giorgia31",
         "Description"),
    ],
)  # fmt: skip
def test_a_password_in_a_field_the_caller_reads_costs_the_resolution_notes(
    make_ticket, rubric, field, text, secret, label
):
    r = run(rubric, "resolution_notes", make_ticket(**{field: text}))
    assert r.option == "0", r.reasoning
    assert r.evidence.startswith(f"{label}: ") and "[redacted]" in r.evidence
    assert secret.lower() not in r.evidence.lower() and secret[:6] not in r.evidence
    assert label.lower() in r.reasoning


def test_an_open_ticket_is_charged_too(make_ticket, rubric):
    """The comment has been mailed whether or not the ticket is closed."""
    ticket = make_ticket(state="In Progress", comments=JOURNAL + "Nuova password: Maggio2031")
    r = run(rubric, "resolution_notes", ticket)
    assert r.option == "0" and "Maggio2031" not in r.evidence


@pytest.mark.parametrize(
    "field, text",
    [
        ("close_notes", "Password reset link sent to the user; she set her own."),
        ("comments", JOURNAL + "Your new password is in the SMS we sent you."),
        ("close_notes", "Password: see vault."),
        ("close_notes", "Password has been reset, user logged in."),
        ("close_notes", "Temporary password given to the user by phone."),
        ("close_notes", "New password: ********"),
        ("description", "My password expired this morning and I cannot log in to SAP."),
        # the account a password belongs to is no secret (the real export's logins)
        ("close_notes", "La password dell'account \"BianchiA2_ext\" è stata riavviata."),
        ("description", "PLM password reset is required for the NeriM2_ext user"),
        ("description", 'Reset pw of Anna Neri\'s "NeriA2_ext" PDM account.'),
        # a link whose path names the password page (a file-transfer link in a real comment)
        ("comments", JOURNAL + "http://files.example.com:80/AHT/public/#/password?package="
         "zh6H39k/GAQMVaqQdwHJnLfnQtLvxlPO%3d"),
        # a conference bridge's PIN is joined by everyone invited
        ("comments", JOURNAL + "Bridge 0330 555 0191 pin 4412 for the whole site."),
    ],
)  # fmt: skip
def test_ordinary_sentences_about_passwords_cost_nothing(make_ticket, rubric, field, text):
    r = run(rubric, "resolution_notes", make_ticket(**{field: text}))
    assert r.option != "0" or "secret" not in r.reasoning, r.reasoning


def test_work_notes_still_charge_work_notes_only(make_ticket, rubric):
    """The work-note criterion reads the work notes (it is not charged twice); the
    resolution notes criterion reads what the caller reads."""
    notes = "2025-01-10 09:30:00 - Sam Analyst (Work notes)\nNuova Password: Luglio2031\n"
    ticket = make_ticket(work_notes=notes)
    assert run(rubric, "work_notes", ticket).option == "0"
    assert run(rubric, "resolution_notes", ticket).option == "10"


def test_the_logging_rubric_has_no_criterion_reading_the_resolution():
    assert "resolution_notes" not in {c.id for c in load_rubric("incident_logging").criteria}


def test_a_quote_trimmed_around_a_long_line_never_keeps_part_of_the_secret():
    """Masked before trimmed: a value straddling the quote's width is not cut in two."""
    from tqrs.rules.fields import secret_evidence

    line = "x " * 100 + "Password: Settembre2031! " + "y " * 100
    secret = find_secret(line)[1]
    shown = secret_evidence(line, secret)
    assert "[redacted]" in shown and "Sett" not in shown and "2031" not in shown


def test_every_secret_of_a_line_is_masked():
    from tqrs.rules.fields import find_secrets, secret_evidence

    line = "avevo cambiato la PW da Ottobre2031 a Ottobre2031_ senza problemi"
    assert set(find_secrets(line)) >= {"Ottobre2031"}
    shown = secret_evidence(line, find_secret(line)[1])
    assert "2031" not in shown


@pytest.mark.parametrize(
    "notes, hidden",
    [
        # a setter's "to" inside the value ("Et-to-re", "Ot-to-bre") cut it in two, and the
        # evidence showed its first letters
        ("Password Ettore2031 given on the phone.", ("Etto", "2031")),
        ('Caller said la PWD "Ottobre2031" fails.', ("Otto", "2031")),
        # a token after an account named with a colon is the token (LABELLING.md: API key)
        ("App token created under the shop owner account: 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.",
         ("shpat", "0b8c61e2")),
    ],
)  # fmt: skip
def test_a_work_note_secret_is_masked_whole(make_ticket, rubric, notes, hidden):
    ticket = make_ticket(work_notes="2025-01-10 09:30:00 - Sam Analyst (Work notes)\n" + notes)
    r = run(rubric, "work_notes", ticket)
    assert r.option == "0" and "[redacted]" in r.evidence
    assert not [h for h in hidden if h in r.evidence], r.evidence


@pytest.mark.parametrize(
    "text",
    [
        "Reset the AD password; he logged on to TTF-RW-PC1 and entered the feed.",
        'Temporary password and "change at next logon"; the user logged on to LDS-SUP-04.',
    ],
)
def test_a_host_the_user_logged_on_to_is_no_secret(make_ticket, rubric, text):
    """ "to" after a verb that goes somewhere sets nothing, in the work notes as elsewhere."""
    notes = "2025-01-10 09:30:00 - Sam Analyst (Work notes)\n" + text
    assert run(rubric, "work_notes", make_ticket(work_notes=notes)).option == "10"
    assert run(rubric, "resolution_notes", make_ticket(close_notes=text)).option == "10"


def test_a_reference_after_the_word_is_no_secret():
    """The real export's short descriptions: "Reset PWD GPLM - Ref:MSGHSM13990863" names the
    message the request came from, not a password."""
    from tqrs.rules.fields import find_secrets

    assert find_secrets("INC1257875- Reset PWD GPLM - Ref:MSGHSM13990863") == []
    assert find_secrets("User and password for external users / Ref: MSGHSM14636902") == []


def _digits_of_its_own(pattern: str, flags: int = 0) -> list[str]:
    """The digits a regular expression names itself (a literal or a class range holding
    one), not \\d: what would let a match tell one digit from another."""
    import re._parser as parser

    found = []

    def walk(items):
        for op, av in items:
            name = str(op)
            if name == "LITERAL" and chr(av).isdigit():
                found.append(chr(av))
            elif name == "IN":
                for o, a in av:
                    if str(o) == "LITERAL" and chr(a).isdigit():
                        found.append(chr(a))
                    elif str(o) == "RANGE" and a[0] <= ord("9") and a[1] >= ord("0"):
                        found.append(f"{chr(a[0])}-{chr(a[1])}")
            elif name == "SUBPATTERN":
                walk(av[-1])
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                walk(av[2])
            elif name == "BRANCH":
                for branch in av[1]:
                    walk(branch)
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(av[1])
            elif name == "ATOMIC_GROUP":
                walk(av)

    walk(parser.parse(pattern, flags))
    return found


def test_a_dated_line_is_read_for_secrets_once_for_all_its_times():
    """A journal entry's header is new by its time in every ticket: whether it can hold a
    secret is read once for every time of the same author (fields._holds_no_secret, over
    the line with its digits as 0), which holds only while none of the patterns and strings
    that answer it names a digit of its own; the secrets found stay those of every line."""
    from tqrs.rules import fields, text
    from tqrs.rules.fields import find_secrets

    for pattern in (
        fields._CREDENTIAL_CUES.pattern,
        fields._AS_THE_CREDENTIAL.pattern,
        fields._ANY_SECRET_STRING.pattern,
        fields._ANY_SECRET_SHAPE.pattern,
        *(p.pattern for p, _ in text._SHORTHAND),
    ):
        assert _digits_of_its_own(pattern) == [], pattern
    assert _digits_of_its_own(r"[0-9]x\d{6}") == ["0-9"]  # the check sees a digit named

    text.clear_text_memos()
    notes = (
        "2025-05-08 19:26:00 - Maria Solano (Work notes)\nReset the account.\n\n"
        "2025-05-09 08:01:17 - Maria Solano (Work notes)\nTemp password: Ottobre2031\n"
        "2025-05-09 08:03:00 - Pin Token (Work notes)\nDone."
    )
    assert find_secrets(notes) == ["Ottobre2031"]
    info = fields._holds_no_secret.cache_info()
    assert (info.misses, info.hits) == (2, 1)  # Maria Solano's two headers read once
    # a dated line that can hold a secret is read as every line is
    assert find_secrets("x\n2025-05-09 08:01 temp password: Ottobre2031\ny") == ["Ottobre2031"]
