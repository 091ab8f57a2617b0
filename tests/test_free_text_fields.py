"""The ticket's free-text fields are one concept, defined once (tqrs.fields.FREE_TEXT_LABELS):
the ticket view shows them, the judge reads them, secrets are masked in them, redaction
rewrites them. The store's VARCHAR columns are another (every string column). Expected labels
and texts are written here by hand, as ServiceNow's form names the fields."""

from tqrs.fields import FREE_TEXT_FIELDS, FREE_TEXT_LABELS
from tqrs.llm.prompt import judged_text
from tqrs.llm.redact import REDACTED_FIELDS
from tqrs.masking import ticket_secrets
from tqrs.models import Ticket

HAND = [
    ("short_description", "Short description"),
    ("description", "Description"),
    ("work_notes", "Work notes"),
    ("comments", "Additional comments"),
    ("close_notes", "Resolution notes"),
]


def test_one_definition_with_the_form_s_labels():
    assert list(FREE_TEXT_LABELS.items()) == HAND
    assert FREE_TEXT_FIELDS == tuple(name for name, _ in HAND)
    assert REDACTED_FIELDS[:5] == FREE_TEXT_FIELDS


def test_the_judge_reads_the_texts_under_their_labels_as_before():
    t = _ticket(
        short_description="Mail down",
        description="d1",
        work_notes="w1",
        comments="c1",
        close_notes="r1",
    )
    assert judged_text(t) == (
        "Number: INC0000001\nShort description: Mail down\n"
        "Description:\nd1\nWork notes:\nw1\nAdditional comments:\nc1\nResolution notes:\nr1"
    )


def test_a_secret_is_found_in_every_free_text_field():
    for name, _ in HAND:
        t = _ticket(**{name: "the password is Xk9#mQ2!vLp7"})
        assert ticket_secrets(t), name


def test_the_ticket_view_shows_each_text_under_its_label():
    from app.ticket_view import ticket_fields_html

    t = _ticket(**{name: f"text of {name}" for name, _ in HAND})
    html = ticket_fields_html(_review(t))
    positions = [html.index(f"<h4>{label}</h4>") for _, label in HAND]
    assert positions == sorted(positions)
    for name, label in HAND:
        assert f'<h4>{label}</h4><div class="text">text of {name}</div>' in html


def _review(ticket):
    from types import SimpleNamespace

    return SimpleNamespace(ticket=ticket, criteria=[])


def _ticket(**texts) -> Ticket:
    return Ticket.model_validate(
        {"id": 1, "session_id": 1, "seq": 1, "number": "INC0000001", **texts}
    )
