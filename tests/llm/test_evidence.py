"""Evidence quotes looked up in the ticket (tqrs.llm.evidence): tolerant of case, whitespace,
punctuation, an ellipsis and a small slip; strict about quotes from the rubric's guidance."""

from tqrs.llm.evidence import EvidenceCheck, check_evidence, next_step, normalise, reask_message

TICKET = """Number: INC0010042
Caller: Hye-jin Lee
Short description: Outlook keeps asking for the password
Work notes:
2024-01-02 10:00:00 - Raj Patel (Work notes)
ID verified w/ Okta push & full name. Reset the password in AD and asked the user to sign
in again; the prompt stopped after the profile was rebuilt."""

GUIDANCE = """Full marks when the agent documents how the caller's identity was verified before
any account change (security questions, MFA push, manager confirmation)."""


def _found(quote: str) -> bool:
    return check_evidence({"c": quote}, TICKET, GUIDANCE).ok


def test_a_verbatim_quote_is_found_whatever_its_case_spacing_and_punctuation():
    assert _found("ID verified w/ Okta push & full name.")
    assert _found("id VERIFIED   w/ okta push & full name")
    assert _found("Reset the password in AD and asked the user to sign in again")  # line break
    assert _found("“ID verified w/ Okta push & full name”")  # typographic quotes


def test_fragments_joined_by_an_ellipsis_or_semicolons_are_each_looked_up():
    assert _found("ID verified w/ Okta push ... the prompt stopped")
    assert _found("ID verified w/ Okta push … the prompt stopped after the profile was rebuilt")
    assert _found("Number: INC0010042; Caller: Hye-jin Lee")
    assert not _found("ID verified w/ Okta push ... caller confirmed by the manager")


def test_a_long_quote_with_a_small_slip_is_found():
    assert _found("Reset the password in AD and asked the user to sign in agian")
    assert _found("the prompt stopped after profile was rebuilt")  # a word dropped


def test_quotes_from_the_guidance_or_made_up_are_not_evidence():
    assert not _found("security questions, MFA push, manager confirmation")
    assert not _found("the caller's identity was verified before any account change")
    assert not _found("MFA push")  # short: must be in the ticket as it is
    assert not _found("Caller identity verified with MFA")


def test_a_short_quote_matches_whole_words_only():
    assert _found("Okta")
    assert not _found("Okt")  # part of a word


def test_an_empty_quote_claims_nothing():
    assert _found("") and _found("N/A") and _found("none")


def test_the_next_step_is_one_re_ask_then_a_flag():
    missing = EvidenceCheck({"caller_validation": "MFA push"})
    assert next_step(EvidenceCheck(), asked_again=False) == "accept"
    assert next_step(missing, asked_again=False) == "reask"
    assert next_step(missing, asked_again=True) == "flag"
    assert "`caller_validation`" in reask_message(missing)


def test_normalise():
    assert normalise("  Hello,\n  WORLD!! ") == "hello world"
