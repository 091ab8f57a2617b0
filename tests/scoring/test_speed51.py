"""The readings made cheaper in speed51 answer as before: an entry's chat turns, transcript,
form, issue section and signature remembered per text (text_memo), and a request's purpose
("in order to allow ...") looked for only where its "to " is."""

import re
from pathlib import Path

import pytest

from tests.conftest import real_file
from tqrs.ingest import ingest_files
from tqrs.judges import complete_description, troubleshooting
from tqrs.rules import note_parts
from tqrs.rules.text import TEXT_MEMO_CHARS, clear_text_memos, ticket_text
from tqrs.store import Store
from tqrs.store.sessions import iter_ticket_rows, ticket_from_row

EVAL_SET = Path(__file__).resolve().parents[1] / "eval_set" / "tickets.json"

_CHAT = (
    "[10:02 AM] Priya Raman: my scanner at the front desk stopped feeding\n"
    "[10:03 AM] Service Desk - Tom: which model is it?\n"
    "[10:04 AM] Priya Raman: the Fujitsu one\n"
    "[10:05 AM] Service Desk - Tom: cleared the roller jam, test page fed fine\n"
    "Priya Raman has left the conversation"
)
_FORM = (
    "User: pnaidoo\nLocation: Durban depot\nContact number: 031 555 0192\n"
    "Machine: DBN-LT-0442\nIssue description:\nthe laptop will not wake from sleep\n"
    "Action taken: reseated the battery, drivers updated, wakes normally"
)
_SECTIONS = (
    "Issue Description:\nOutlook freezes when opening shared calendars\n"
    "Steps Performed:\nrebuilt the profile, calendars open"
)
_SIGNED = (
    "Removed the stale printer mapping and re-added it.\n\nKind regards,\nMarta Kowalczyk\n"
    "IT Support, Krakow office\nt: +48 12 555 0134\nmarta.k@example.com"
)
_TURNS = (
    "Role: Virtual Agent\nContent: Hi, how can I help?\nRole: User\nContent: VPN drops\n"
    "Message from Analyst at 10:14\nContent: reinstalled the VPN client, connected"
)
# the texts a memo passes on unremembered (TEXT_MEMO_CHARS), read as the plain functions read them
_LONG = "\n".join([_CHAT, _FORM, _SECTIONS, _SIGNED, _TURNS] * 8)
WRITTEN = (
    _CHAT,
    _FORM,
    _SECTIONS,
    _SIGNED,
    _LONG,
    "",
    "Rebooted the router. Caller: it works now.",
    _TURNS,
)


@pytest.fixture(scope="module")
def entries(tmp_path_factory) -> list[str]:
    """Every journal entry and opening of the evaluation set and a real PDI export, and the
    texts above."""
    folder = tmp_path_factory.mktemp("speed51")
    out = list(WRITTEN)
    for i, path in enumerate((EVAL_SET, real_file("02_pdi_records_export.json"))):
        with Store(folder / f"{i}.duckdb") as store:
            session = ingest_files(store, [path], "speed51").session_id
            for rows in iter_ticket_rows(store, session):
                for row in rows:
                    tt = ticket_text(ticket_from_row(row))
                    out += [tt.opening, *(e.text for e in tt.work_note_entries)]
                    out += [e.text for e in tt.comment_entries]
    assert len(out) > 1000
    return out


def test_an_entry_read_through_a_memo_answers_as_read_afresh(entries):
    """is_transcript, chat_turns, without_form, without_issue_section and without_signature,
    remembered per text, answer as their plain functions: asked twice, after another text's
    answer, over texts short and past TEXT_MEMO_CHARS."""
    assert len(_LONG) > TEXT_MEMO_CHARS
    memos = (
        note_parts.is_transcript,
        note_parts.chat_turns,
        note_parts.without_form,
        note_parts.without_issue_section,
        troubleshooting.without_signature,
    )
    clear_text_memos()
    previous = _CHAT
    for text in entries:
        for memo in memos:
            for _ in range(2):
                assert memo(text) == memo.__wrapped__(text), (memo.__name__, text)
            memo(previous)
        previous = text
    # the written texts are read as what they are
    assert note_parts.is_transcript(_CHAT) and not note_parts.is_transcript(_SIGNED)
    assert "Durban" not in note_parts.without_form(_FORM)
    assert "Outlook" not in note_parts.without_issue_section(_SECTIONS)
    assert "+48" not in troubleshooting.without_signature(_SIGNED)
    # a remembered list is the caller's own: changing it changes no later answer
    turns = note_parts.chat_turns(_TURNS)
    assert len(turns) == 3
    turns.clear()
    assert len(note_parts.chat_turns(_TURNS)) == 3


PURPOSES = (
    "Please add me to the group in order to allow the approval of invoices.",
    "Please reset the token so as to avoid another lockout.",
    "Kindly move the file TO ENABLE the audit team to read it.",
    "I need to enable the project before Friday.",  # "to" after "need": what is needed
    "It is required to complete the form.",
    "When I try to complete the task it fails.",
    "Grant access to assist colleagues on the night shift.",
    "Per correggere un'imprecisione, rinominare il file.",
    "Richiedo il reset perché non riesco ad accedere al portale.",
    "Please unlock the account, I cannot log in to prevent delays",
    "Dear team, to proceed with the closing we need the codes changed.",
    "Atualizar o cadastro para permitir o acesso. Obrigado.",
    "Need the share moved to allow the Zürich office in.",
)


def test_a_purpose_is_looked_for_where_its_to_is(entries, monkeypatch):
    """REASON and FAULT_AS_REASON, their purpose's "to" looked for before the words it must
    not follow, find the matches the patterns without that look-ahead find under re.I
    (every one, where it starts and ends), and complete_request answers as it did with them,
    over every opening and entry and written purposes in English, Italian and Portuguese,
    upper case and accented."""
    assert "(?=to )" in complete_description._PURPOSE
    texts = [*entries, *PURPOSES, *(p.upper() for p in PURPOSES)]
    before = {}
    for name in ("REASON", "FAULT_AS_REASON"):
        ahead = getattr(complete_description, name)
        plain = re.compile(ahead.pattern.replace("(?=to )", ""), re.I)
        before[name] = plain
        for text in texts:
            found = [m.span() for m in ahead.finditer(text)]
            assert found == [m.span() for m in plain.finditer(text)], (name, text)
    matched = [complete_description.REASON.search(p) is not None for p in PURPOSES]
    assert matched[:3] == [True, True, True] and matched[3:6] == [False, False, False]
    request = complete_description.complete_request.__wrapped__
    answers = [request(text) for text in texts]
    assert any(answers)
    monkeypatch.setattr(complete_description, "REASON", before["REASON"])
    monkeypatch.setattr(complete_description, "FAULT_AS_REASON", before["FAULT_AS_REASON"])
    parts = (before["REASON"], *complete_description.WHY_PARTS[1:])
    monkeypatch.setattr(complete_description, "WHY_PARTS", parts)
    assert [request(text) for text in texts] == answers
