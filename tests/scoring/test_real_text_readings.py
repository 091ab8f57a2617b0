"""Readings mended after a QA pass on real exports (issue 16, real text): a credential's
identifier or a masked value is no secret. The wording here is made up, in the shape
of the real text; the expected options are a hand reading of the rubric and LABELLING.md."""

import pytest

from tqrs.judges.offline import OfflineJudge
from tqrs.rules import apply_rules, settle

NOTES = "2025-03-04 10:15:00 - Ana Analyst (Work notes)\n"


def run(rubric, criterion_id, ticket):
    """The criterion's result as an offline run gives it (the rule's, or the offline
    judge's reading of what the rules left open)."""
    rules = apply_rules(ticket, rubric)
    if criterion_id in rules and not rules.open:
        return rules[criterion_id]
    judged = OfflineJudge().judge_ticket(ticket, rubric, rules.open)
    return settle(ticket, rubric, rules, judged)[criterion_id]


# --- a secret in the work notes -----------------------------------------------------------


@pytest.mark.parametrize(
    "note, option",
    [
        # a pasted integration log names a credential record by its id, name and type: what
        # identifies the credential is not its value (LABELLING.md: a password, pre-shared
        # key, API key or local admin password written in a work note is the secret)
        (
            "Callout log: 09:12:01.337 (5521)|NAMED_CREDENTIAL_REQUEST|NamedCallout[Named "
            "Credential Id=0XBQ700000001Kz, Named Credential Name=OrdersUpload, External "
            "Credential Type=EXTERNAL, Method=POST]",
            "10",
        ),
        ("Credential id 0XBQ700000001Kz found in the integration settings, name is fine.", "10"),
        # a value already masked where it is written shows nothing (LABELLING.md: a password
        # masked as "********" is no secret)
        ("Vault audit: API token: ***redacted*** rotated by the platform team.", "10"),
        ("Old client secret = [REDACTED-4f2a], replaced in the connector config.", "10"),
        ("Copied from the log: password: ********91x! (masked), account still locked.", "10"),
        # another attribute's value written as name=value is not the credential's
        ("Password reset via the portal, ref=CHG0034567, user signed in.", "10"),
        # the credential itself written out is still a secret, in any of these shapes
        ("Named Credential password set to Orders#2024x for the callout.", "0"),
        ("Reset done, pwd=Harbour2026! given by phone.", "0"),
        ("Temp password Maxxxx1! given over the phone.", "0"),
        ("API token: 7Hq2kP9xR4mV8sT1nB6cZ3ab rotated, pasted here for the vendor.", "0"),
    ],
)
def test_a_credentials_identifier_or_masked_value_is_no_secret(
    make_ticket, handling_rubric, note, option
):
    r = run(handling_rubric, "work_notes", make_ticket(work_notes=NOTES + note))
    assert r.option == option, r.reasoning
