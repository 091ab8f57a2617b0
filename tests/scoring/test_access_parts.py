"""A password reset or account unlock read by its parts (tqrs.rules.access_parts): an action on
access beside the object it acts on, in words no earlier phrase list held. The wordings follow
public procedures (Microsoft's Active Directory "Reset Password" dialog with "Unlock the user's
account" and "User must change password at next logon"; Okta's "Unlock people" and "temporary
password"; service-desk password-reset and account-unlock SOPs: "clear the lockout", "issue a
temporary password", "re-enable the account"), written here, not taken from the evaluation set.
What is not a desk reset stays so (LABELLING.md, Logging audit rule 7): MFA factor resets and
re-registrations, the caller's own change, a reset advised, planned or not needed."""

import pytest

from tests.scoring.test_logging_audit_rules import VALIDATED, _critical_process, run
from tqrs.rules.critical import PASSWORD_RESET, detect_processes

OPENING = ("Outlook - cannot sign in", "User cannot sign in to Outlook since this morning.")

DESK_RESETS = [
    "Cleared the lockout in AD.",
    "Account lockout cleared in ADUC.",
    "Lockout removed, user signed in.",
    "Re-enabled the disabled AD account.",
    "Her account is now unlocked.",
    "Unlocked jsmith in ADUC.",
    "Issued a temporary password; user must change it at next logon.",
    "New temp pwd generated and read out to her.",
    "Reset the user's password in AD.",
    "Changed the user's password in Active Directory.",
    "Reset user's credentials in AD.",
    "Provided new credentials to the user.",
]

# More of the same parts in other orders: the new password said after its verb ("set to a
# temporary value", public SOPs' "set the password to a temporary one"), a "temporary one"
# after the password named, the locked account named for its lock ("locked account
# released"), and the person let back into the account by the desk (LABELLING.md, Logging
# audit rule 7: "got her back into her account"). Each was N/A before (no reset read).
MORE_DESK_RESETS = [
    "User's password has been set to a temporary value.",
    "Password was changed by the desk to a temporary one.",
    "Her network password set to a new one-time value.",
    "Pwd set to a temp one over the phone.",
    "Domain password changed in AD to a temporary one.",
    "Forced a password change and gave him a temporary one.",
    "Password had expired, so issued a new one over the phone.",
    "Login details were out of date, so we generated a fresh one for her.",
    "Locked account released.",
    "Released her locked network login.",
    "Locked user cleared in ADUC.",
    "Locked domain account released in Active Directory.",
    "Got her back into her account.",
    "Got him back into his AD account.",
    "Let the caller back into her network login.",
    "Got jsmith back into his account via ADUC.",
]


@pytest.mark.parametrize("notes", DESK_RESETS + MORE_DESK_RESETS)
def test_a_desk_reset_read_by_its_parts_needs_validation(make_ticket, logging_rubric, notes):
    """Each was N/A before the parts (no reset read): a reset without validation is FAIL."""
    assert _critical_process(make_ticket, logging_rubric, *OPENING, notes, 3) == "FAIL"


@pytest.mark.parametrize("notes", DESK_RESETS + MORE_DESK_RESETS)
def test_a_desk_reset_read_by_its_parts_after_validation_passes(make_ticket, logging_rubric, notes):
    got = _critical_process(make_ticket, logging_rubric, *OPENING, VALIDATED + notes, 3)
    assert got == "PASS"


@pytest.mark.parametrize(
    "notes",
    [
        # MFA factor resets and re-registrations are no password reset (rule 7)
        "Re-registered her Authenticator app after phone swap.",
        "MFA token re-provisioned.",
        "2FA device reset.",
        "Reset MFA for her account in Okta.",
        "Cleared her MFA methods so she can re-register.",
        # the caller's own change, a reset advised, planned or not needed
        "She reset her own Avid account password while guided.",
        "Advised to reset password through the self-service portal.",
        "Will reset the password if the lockout recurs.",
        "No reset needed, user remembered the password.",
        # a file's lock, a season's deactivation set back
        "Cleared the lock on the shared workbook.",
        "Reactivated her volunteer account in the rota admin console.",
        # the person's own doing, a lock left to expire, a plan, a thing that is no account,
        # in the orders MORE_DESK_RESETS reads
        "User got back into her account after using the self-service reset page.",
        "Caller got back into his account once the lockout expired.",
        "Her password was changed to a temporary one by herself via SSPR.",
        "Will set her password to a temporary one once verified.",
        "Locked account will be released after the caller is verified.",
        "Gave him a new one (replacement laptop) from stock.",
        "Printer password set to a new value.",
        "Talked the user through getting back into her account with the SSPR page.",
    ],
)
def test_no_desk_reset_though_its_words_stand(make_ticket, logging_rubric, notes):
    assert _critical_process(make_ticket, logging_rubric, *OPENING, notes, 3) == "N/A"


@pytest.mark.parametrize(
    "sd, read",
    [
        # an account locked, a password forgotten or expired, words apart
        ("SAP login blocked after five failed attempts", True),
        ("Has forgotten her network credentials", True),
        ("Pwd for the HR portal has expired", True),
        ("Okta account suspended, cannot sign in", True),
        # an MFA factor's state, a thing that is no access
        ("Authenticator token expired", False),
        ("Printer blocked by a paper jam", False),
    ],
)
def test_an_opening_about_access_read_by_its_parts(make_ticket, sd, read):
    ticket = make_ticket(short_description=sd, description="", category="", subcategory="")
    found = [p for p, _ in detect_processes(ticket) if p is PASSWORD_RESET]
    assert bool(found) is read


@pytest.mark.parametrize(
    "close_notes, shown",
    [
        # the close notes of public Hitachi Rail tickets (tests/real_corpus), the opening only a
        # request's subject: the FAIL quotes the line that writes the reset, not the subject
        (
            "Hello,\nthe password to GPLM Windchill system has been reset for:\nuser: MSusini",
            "the password to GPLM Windchill system has been reset for:",
        ),
        (
            "Solution which was applied: Password has been reset. Information sent to the user.",
            "Solution which was applied: Password has been reset. Information sent to the user.",
        ),
    ],
)
def test_a_reset_read_in_the_handling_is_quoted_from_its_own_line(
    make_ticket, logging_rubric, close_notes, shown
):
    ticket = make_ticket(
        short_description="INC1225433- 47869 - PDM con il dettaglio della tipologia di richiesta",
        description="Credenziali per accesso al sistema G-PLM",
        contact_type="email",
        work_notes="",
        comments="",
        close_notes=close_notes,
    )
    got = run(logging_rubric, "critical_process", ticket)
    assert (got.option, got.evidence) == ("FAIL", shown)


# Who reset it (access_parts.reset_by): a reset the person did through a self-service channel
# is no desk reset (LABELLING.md, Logging audit rule 7). The channels in the words of public
# self-service procedures: ServiceNow's Password Reset application ("the user can click the
# Forgot Password? link on the login screen", "clicks the here link to reset the password" in
# the email; "Self-service process: Users reset passwords ... Service desk-assisted process:
# ... Users do not reset passwords") and Microsoft Entra SSPR ("change or reset their password,
# with no administrator or help desk involvement", "the Forget Password button or link"),
# written here as a desk would note them. Each was FAIL before (any "reset" read as the desk's).
LOCKED_OUT = ("Account locked - cannot sign in", "User is locked out of her network account.")

SELF_SERVICE_RESETS = [
    # the person as the one who resets
    "User reset it twice through the Forgot Password? link, still locked out.",
    "Customer was able to reset via the portal.",
    "She unlocked it via the portal after the call.",
    # the person pointed to the self-service route: whether and who reset is not written
    "Pointed her to the reset password link on the login screen.",
    "Password reset email sent from the login page; she will follow it.",
    "Advised the user to open the email and click the here link to reset the password.",
    "If you need to reset your password, use the Forget Password button on the sign-in page.",
]


# The desk's own act stays one, in whatever voice, beside a self-service word: the desk named
# as the one who resets, the passive a note to the user writes (rule 7: "your password has been
# reset"), the desk named after the act (guards: FAIL before as after).
DESK_RESETS_BESIDE_SELF_SERVICE = [
    "I have reset your password; please sign in with the temporary one.",
    "Your password has been reset, use the link in the email to sign in.",
    "Password reset done by SD, user advised to change it at next sign-in.",
    "We reset her password as the reset link had expired.",
]


@pytest.mark.parametrize(
    "notes, desks",
    [(n, False) for n in SELF_SERVICE_RESETS]
    + [(n, True) for n in DESK_RESETS_BESIDE_SELF_SERVICE],
)
def test_who_reset_it(make_ticket, logging_rubric, notes, desks):
    """A self-service reset fails nothing: N/A (the person's own) or open to the judge; the
    desk's reset without validation is FAIL."""
    got = _critical_process(make_ticket, logging_rubric, *LOCKED_OUT, notes, 3)
    assert (got == "FAIL") is desks
