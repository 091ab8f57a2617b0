"""Two ways of writing the record whose lines do not open as the step readers expect, read by
their parts (tqrs.judges.field_parts, tqrs.rules.clause_split):

- a template's fields ("Action taken: / Result: / Next step:"): the action's value is the
  line, a result is what its action gave (none after the caller's validation or a contact,
  none when still to come), a next step is a plan, no step (LABELLING.md, troubleshooting
  audit rules 1, 2 and 6);
- a dictated note, lower case with no stops, clauses joined by "then" or "so" or opened by a
  person doing something anew ("... she signed in ..."), and a typed note wrapped at a fixed
  width: each clause read as the sentence it is (audit rule 2, "counted one by one however it
  is written: ... run-on sentence").

Written here in our own wording (a marina's card terminal, an orchard's irrigation controller,
a dispatch office's label printer, a farm shop's till), not taken from the evaluation set; the
expected options are a hand reading of the rubric and the audit (20 needs three steps with
their outcome written)."""

from tests.scoring.conftest import grade
from tqrs.judges.field_parts import fields_read
from tqrs.rules.clause_split import dictation_read

NOTES = "2025-05-12 08:15:00 - Ola Analyst (Work notes)\n"


def _notes(*entries: str) -> str:
    return "\n\n".join(
        f"2025-05-12 {8 + i:02d}:15:00 - Ola Analyst (Work notes)\n{x}"
        for i, x in enumerate(reversed(entries))
    )


def test_a_template_of_plans_and_a_result_to_come_is_some_troubleshooting(
    make_ticket, handling_rubric
):
    """One check with its finding; the power-cycle asked, its result still to come; the next
    steps are plans: some troubleshooting, 10 (20 before: each field read as a step)."""
    notes = _notes(
        "Action taken: Checked the card terminal's network status page.\n"
        "Result: Terminal offline, no IP lease since 07:40.\n"
        "Next step: Power-cycle the terminal.",
        "Action taken: Asked the dock attendant to power-cycle the terminal.\n"
        "Result: Attendant will do it after the current boat leaves.\n"
        "Next step: Check the terminal comes back online.\n"
        "Next step: Replace the PoE injector if still offline.",
    )
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=notes))
    assert r.option == "10", r.reasoning


def test_a_template_of_three_steps_with_results_stays_complete(make_ticket, handling_rubric):
    """Control: the caller validated (no step), the controller's log read with its finding,
    the solenoid replaced and its test: three steps with results, 20 before and after."""
    notes = _notes(
        "Action taken: Called the grower back on the farm number from the CRM, farm code and "
        "postcode matched.\nResult: Validated.\nNext step: Look at the irrigation controller.",
        "Action taken: Read the irrigation controller's event log remotely.\n"
        "Result: Valve 4 solenoid reports open circuit since 02:10.\n"
        "Next step: Send field tech.",
        "Action taken: Field tech replaced the valve 4 solenoid.\n"
        "Result: Valve 4 opens on manual test, flow 18 l/min.\nNext step: Close.",
    )
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=notes))
    assert r.option == "20", r.reasoning


def test_the_fields_are_read_by_their_labels():
    text = (
        "Action taken: Rang the depot back on the number in the directory.\n"
        "Result: Approved.\n"
        "Next step: Check the scanner.\n"
        "\n"
        "Steps performed:\n"
        "Reinstalled the scanner driver.\n"
        "Result: scanner found.\n"
        "\n"
        "Next step:\n"
        "*******\n"
        "Assigning to the imaging team.\n"
    )
    assert fields_read(text).split("\n") == [
        "Rang the depot back on the number in the directory.",
        "",
        "Reinstalled the scanner driver. scanner found.",
        "",
        "",
    ]
    # a heading's section may open after a blank line; a step after it is read again
    planned = "Next steps:\n\nAsk the vendor to reissue the licence file.\n\nRebooted the scanner."
    assert fields_read(planned).split("\n") == ["", "", "Rebooted the scanner."]


def test_a_dictated_sign_in_and_a_check_in_another_application_make_three(
    make_ticket, handling_rubric
):
    """Unlock and reset (one operation), her sign-in with the forced change (a verification),
    the label application opening her queue (a check in another application): audit rule
    5, three steps, 20 (10 before: the sign-in and the check read as one clause)."""
    notes = NOTES + (
        "unlocked her account in ad and reset the password with change at next logon she "
        "signed in on the dispatch pc and chose her own then the label app opened her print queue"
    )
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=notes))
    assert r.option == "20", r.reasoning


def test_a_dictated_check_fix_and_test_make_three(make_ticket, handling_rubric):
    """The disk check with its finding, the drive replaced and the image rebuilt, the test
    sale with its receipt: three steps with results, 20 (10 before)."""
    notes = NOTES + (
        "ran the disk check on the till in lane two it found bad sectors replaced the drive and "
        "rebuilt the till image he rang through a test sale then the receipt printed"
    )
    r = grade(handling_rubric, "troubleshooting", make_ticket(work_notes=notes))
    assert r.option == "20", r.reasoning


def test_dictation_is_cut_into_clauses_and_typed_text_unwrapped():
    said = "swapped the toner on the shop printer then she printed a page so he closed it"
    assert dictation_read(said) == (
        "swapped the toner on the shop printer. she printed a page. he closed it"
    )
    typed = (
        "Checked the fridge logger on the dairy shelf: it lost its link to the base\n"
        "station at 03:10. Rebooted the base station."
    )
    assert dictation_read(typed) == (
        "Checked the fridge logger on the dairy shelf: it lost its link to the base station at "
        "03:10. Rebooted the base station."
    )
    # control: a dictated note's own line ends are its only marks, kept
    lines = "checked the fridge logger on the dairy shelf it lost its link at ten past three\n"
    lines += "rebooted the base station"
    assert dictation_read(lines) == lines
