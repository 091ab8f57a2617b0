"""The rules' speed-ups change no result (issue 14): each shortcut agrees with the plain route
it replaces, computed here with the standard library on real tickets (the evaluation set and
a real ServiceNow export), and scoring a ticket does not depend on what was scored before it
or on what the caches hold. `scripts/golden_scores.py` compares every criterion result of
all the real exports through the CLI."""

import itertools
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import real_file
from tqrs import topics
from tqrs.engine.stages import grade_batch
from tqrs.ingest import ingest_files
from tqrs.judges import complete_description, confirmation, offline, signals, troubleshooting
from tqrs.judges.offline import OfflineJudge
from tqrs.rubric import load_rubric
from tqrs.rules import caller, caller_parts, critical, fields, spelling, steps
from tqrs.rules.patterns import Caseless, required_strings, within_lines
from tqrs.rules.text import (
    _SHORTHAND,
    affirmed_by_line,
    clear_text_memos,
    found_by_line,
    iter_affirmed,
    normalise,
    text_memo,
    ticket_text,
)
from tqrs.store.sessions import iter_ticket_rows, ticket_from_row
from tqrs.timestamps import read_timestamp

EVAL_SET = Path(__file__).resolve().parents[1] / "eval_set" / "tickets.json"
# Shorthand and capitals the eval set and the export may lack, so that every pattern fires.
CRAFTED = (
    "ID verified w/ Okta push, w/o MFA; acct locked, reset pwd thru portal",
    "Emp. no 104233 and D.O.B. checked; u/n jdoe; caller can\u2019t log in, isn't locked",
    "CALLER CANNOT PRINT TO THE FLOOR 3 PRINTER SINCE MONDAY\nok",
    "OUTLOOK CRASHES daily\nOUTLOOK CRASHES dail\nOUTLOOK CRASHED\nOUTLOOK CRASHES d\nOUTLOOK CRASH\nOUTLOOK CRAS",
    "\u00c9CRAN BLEU SUR LE POSTE DE TRAVAIL DEPUIS CE MATIN",
    "Hasnt, wont, cant, DOB, emp#4, PSWD, Acc, W/ the user",
    "\u212a\u017f MALWARE ON LAPTOP \u2013 QUARANTINED BY THE SOC",
    "2nd Attempt: CALLED user, No Answer. Left a Voicemail.\nUser LOGGED ON fine -> OK",
    "THREE-STRIKE rule: Tried To Contact twice; Caller Confirmed it WORKS FOR THE USER",
    # shorthand at a line's end and start: normalise reads a text line by line
    "Caller gave EMP\nID 104233 and DOB\nunlocked w/\nOkta push; acct\nreset pwd w/o\n",
    "emp.\n# 4 given\r\nw/ the user\r\ncan\u2019t\nlog in w/",
    # text that is not ASCII, where a pattern's strings are looked for in text.lower(): the
    # characters re.I matches to an ASCII letter that lower() does not make it (dotted and
    # dotless i, long s) among accented Italian, and the VIP's typographic apostrophe
    "L'utente non riesce pi\u00f9 ad accedere: pa\u017f\u017fword scaduta, \u00e8 stata resettata",
    "Laptop \u0130NFECTED da un virus, \u0131nfected again \u2013 messo in quarantena",
    "Chiamata dal CEO\u2019s assistant: la v\u0131p dell'ufficio non stampa pi\u00f9",
    "Il ticket \u00e8 stato chiuso, password reset fatto e l'account sbloccato",
)


@pytest.fixture(scope="module")
def tickets(tmp_path_factory):
    """The evaluation set and a real PDI export, as the engine reads them from the store."""
    from tqrs.store import Store

    folder = tmp_path_factory.mktemp("mechanism")
    out = []
    for i, path in enumerate((EVAL_SET, real_file("02_pdi_records_export.json"))):
        with Store(folder / f"{i}.duckdb") as store:
            session = ingest_files(store, [path], "mechanism").session_id
            out += [ticket_from_row(r) for rows in iter_ticket_rows(store, session) for r in rows]
    assert len(out) >= 300
    return out


@pytest.fixture(scope="module")
def texts(tickets) -> list[str]:
    """Every text field the rules read, of every ticket, and the crafted ones."""
    out = list(CRAFTED)
    for t in tickets:
        tt = ticket_text(t)
        out += [tt.all, tt.opening, tt.handling, *(e.text for e in tt.work_note_entries)]
    return out


def _plain_normalise(text: str) -> str:
    out = text.lower()
    for pattern, repl in _SHORTHAND:
        out = re.sub(pattern.pattern, repl, out)
    return out


def test_normalise_applies_every_shorthand_pattern_as_plain_substitutions_do(texts):
    """Over whole texts, as plain substitutions do (normalise reads line by line and
    remembers lines)."""
    clear_text_memos()
    changed = 0
    for text in texts:
        assert normalise(text) == _plain_normalise(text), text[:80]
        changed += normalise(text) != text.lower()
    assert changed >= len(CRAFTED)  # the shorthand patterns did fire


def test_caseless_patterns_find_what_re_ignorecase_finds(texts):
    patterns = [p.detect for p in critical.PROCESSES]
    patterns += [pattern for p in critical.PROCESSES for _, pattern in p.steps]
    patterns += [
        v
        for m in (critical, signals, offline, troubleshooting, complete_description, confirmation)
        for v in vars(m).values()
        if isinstance(v, Caseless)
    ]
    patterns += [words for _, words in topics._COUNTED]
    assert len(patterns) >= 32
    # each text as written (mixed case: the lower-cased copy is checked first), lower-cased,
    # and line by line as the heuristics read it; each distinct string once (a ticket's whole
    # text repeats its opening's and handling's lines, and templates repeat across tickets)
    variants = list(
        dict.fromkeys(v for text in texts for v in (text, normalise(text), *text.splitlines()))
    )
    found = 0
    for pattern in patterns:
        folding = re.compile(pattern.pattern, re.I)
        for variant in variants:
            # each Match of the text as given, with its groups (finditer over a line as
            # written runs the copy over its lower case, then re.I at each start)
            expected = [(m.span(), m.group(), m.groups()) for m in folding.finditer(variant)]
            got = [(m.span(), m.group(), m.groups()) for m in pattern.finditer(variant)]
            assert got == expected, pattern.pattern
            assert pattern.count(variant) == len(expected)
            if not expected:  # finditer found none: no search can find one either
                continue
            for pos in (0, 5):
                m = folding.search(variant, pos)
                got = pattern.search(variant, pos)
                # the same Match: of the text as given, with its groups
                assert (got and (got.span(), got.group(), got.groups())) == (
                    m and (m.span(), m.group(), m.groups())
                )
            found += bool(expected)
    assert found > 100


@pytest.mark.parametrize(
    "pattern, fast",
    [
        (r"\bwip(?:e|ed)\b[^.\n]{0,3}", True),
        (r"security\s+team|\bsoc\b", True),
        (r"Security", False),  # an upper-case letter of its own
        (r"\x41", False),  # a letter written as an escape
        (r"caf\u00e9", False),  # not ASCII
        (r"\u00e9cran", False),  # a letter with a case, written as an escape
        (r"ceo\u2019s\b|\bvip\b", True),  # a character without case, written as one
        (r"\\S", False),  # an escaped backslash, then a capital S
    ],
)
def test_caseless_runs_a_case_sensitive_copy_only_when_it_agrees(pattern, fast):
    p = Caseless(pattern)
    assert (p._exact is not None) is fast
    for text in (
        "security team",
        "SECURITY TEAM",
        "wiped x",
        "caf\u00e9",
        "a\\s",
        "\u00c9CRAN",
        "CEO\u2019S office, a V\u0130P",
        "\u00e8 un vip",
    ):
        ref = re.compile(pattern, re.I).search(text)
        got = p.search(text)
        assert (got and got.span()) == (ref and ref.span())


def test_caseless_without_its_copy_still_finds_nothing_where_none_of_its_strings_is():
    """A pattern with a letter not ASCII or a capital of its own ("perch[eé]", "SAP") has no
    case-sensitive copy; where the text, lower-cased, holds none of the strings every match
    holds it is not run (re.I's matches, read independently, are the reference)."""
    p = Caseless(r"\b(?:because|perch[eé]|SAP \w+|urgent\w*)\b")
    assert p._exact is None
    assert p._absent("the printer is down since monday")
    assert not p._absent("Urgente: il server \u00e8 gi\u00f9")
    assert not p._absent("a \u0131 or \u017f anywhere: re.I may fold it to an ascii letter")
    # strings not ASCII ("caffè"): re.I's folding of them is not lower()'s; no check
    assert Caseless(r"\u00e8 rotto|caff\u00e8")._absent("no coffee") is False
    for text in (
        "PERCH\u00c9 non va",
        "Because it broke",
        "URGENTLY needed",
        "sap gui down",
        "the printer is down",
        "a \u017fap \u212aernel",
    ):
        ref = [m.span() for m in re.finditer(p.pattern, text, re.I)]
        assert [m.span() for m in p.finditer(text)] == ref, text
        assert (p.search(text) and p.search(text).span()) == (ref[0] if ref else None)
        assert p.sub("-", text) == re.sub(p.pattern, "-", text, flags=re.I)


@pytest.mark.parametrize(
    "pattern, strings",
    [
        (r"\bvip\b|\bexecutive\b|board member", {"vip", "executive", "board member"}),
        (r"a(?:bc|de)f", {"bc", "de"}),  # the branches' strings are longer than "a" or "f"
        (r"(?:x)?abc", {"abc"}),  # an optional part requires nothing
        (r"password reset|password", {"password"}),  # the shorter one is enough
        (r"[ab]cd(?:ef)+", {"cd"}),  # a class requires nothing; either run would do
        (r"\d+", None),
        (r"foo|\w+", None),  # a branch that may be any word
    ],
)
def test_the_strings_every_match_holds_are_read_from_the_pattern(pattern, strings):
    assert required_strings(pattern) == (None if strings is None else frozenset(strings))


def test_every_match_of_a_rule_pattern_holds_one_of_its_strings(texts):
    """On the real texts: wherever a critical-process pattern matches (case-sensitively, on
    the lower-cased text), one of its strings is in the text."""
    patterns = [v for v in vars(critical).values() if isinstance(v, Caseless)]
    patterns += [p.detect for p in critical.PROCESSES]
    checked = 0
    for p in patterns:
        strings = required_strings(p.pattern)
        assert strings, p.pattern
        compiled = re.compile(p.pattern)
        for text in map(normalise, texts):
            if compiled.search(text):
                assert any(s in text for s in strings), (p.pattern, text[:80])
                checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    "pattern, within",
    [
        (r"\bwip(?:e|ed)\b[^.\n]{0,30}\bdevice", True),  # a class that leaves out the break
        (r"(?<![\w-])lock(?! out\b)", True),  # lookarounds that cannot match a break
        (r"[^\s]+ed", True),
        (r"security\s+team", False),  # \s matches a line break
        (r"push\W{0,4}ok", False),  # so does \W
        (r"[^.;]{0,20}reset", False),  # a negated class without the break
        (r"^unlocked", False),  # an anchor of the text's start
        (r"unlocked$", False),
        (r"(?s)reset.done", False),  # "." matches a break with DOTALL
        (r"(a)b\1", False),  # a back-reference: unsure
        (r"(", False),  # not a pattern
    ],
)
def test_a_pattern_is_read_line_by_line_only_when_no_match_can_cross_a_line(pattern, within):
    assert within_lines(pattern) is within


def test_steps_read_line_by_line_are_the_steps_read_over_the_whole_text(texts):
    """Critical-process steps (affirmed matches, promised or not) as judge_processes reads
    them, line by line, cold and remembered, against iter_affirmed over the whole text."""
    patterns = [pattern for p in critical.PROCESSES for _, pattern in p.steps]
    patterns.append(re.compile(r"security\s+team"))  # crosses lines: read whole
    found = 0
    for attempt in ("cold", "remembered"):
        if attempt == "cold":
            clear_text_memos()
        for pattern in patterns:
            for text in map(normalise, texts):
                whole = list(iter_affirmed(pattern, text))
                by_line = affirmed_by_line(pattern, text)
                assert [m.group() for m in by_line] == [m.group() for m in whole]
                assert list(map(steps.promised, by_line)) == list(map(steps.promised, whole))
                found += len(whole)
    assert found > 100


def test_gated_readings_find_what_their_patterns_find_over_every_line(texts):
    """The caller rule's line reading and the critical processes' openings test the strings
    every match holds before a pattern runs, and the processes' patterns are tried line by
    line first: over every line and every opening of the real texts, the gate holds wherever
    the plain pattern (the standard library's re, or re.I for a process) finds a match, and
    an opening holds a match of a process read by line exactly where the pattern searched
    over the whole opening finds one."""
    lines = list(dict.fromkeys(ln for text in texts for ln in normalise(text).split("\n")))
    gates = [
        (caller._A_FACTOR, caller._FACTOR),
        (caller._A_CALLBACK, caller._CALLBACK_ON_FILE),
        (caller._A_MENTION, caller._MENTION),
        (caller_parts._A_FACT, caller_parts.IDENTITY_FACT),
        (caller_parts._A_PART, caller_parts.SOURCED_CALL),
        (caller_parts._A_PART, caller_parts.IDENTITY_FACT),
    ]
    matched = 0
    for gate, pattern in gates:
        plain = re.compile(pattern.pattern)
        for line in lines:
            if plain.search(line):
                assert gate.search(line), (pattern.pattern[:60], line[:80])
                matched += 1
    # the words of code_given_back and manager_vouched
    for word in ("code", "otp", "manager", "supervisor", "lead"):
        assert caller_parts._A_PART.search(f"the {word} given")
    assert matched > 100
    assert critical._READ_BY_LINE  # every process but those whose pattern may cross a line
    clear_text_memos()
    found = 0
    for text in texts:
        opening = normalise(text)
        for i in critical._READ_BY_LINE:
            whole = re.compile(critical.PROCESSES[i].detect.pattern, re.I).search(opening)
            assert found_by_line(critical.PROCESSES[i].detect, opening) is (whole is not None)
            found += whole is not None
    assert found > 20


def test_shorthand_of_notes_is_spelled_out_as_plain_substitutions_do(texts):
    """spelled_out reads the shorthand of tqrs.rules.text (normalise runs a pattern only over
    text holding one of its strings): the same text as every substitution run in turn, the
    terse-note forms ("rst", "gvn", "chg", "nxt", "usr") included."""
    crafted = ["Pwd rst, temp pwd gvn, chg at nxt logon. USR in", "pls  thx\tb/c approx. msgs"]
    changed = 0
    for text in [*texts, *crafted]:
        plain = text.lower()
        for pattern, repl in _SHORTHAND:
            plain = re.sub(pattern.pattern, repl, plain)
        plain = re.sub(r"[ \t]{2,}", " ", plain)
        assert signals.spelled_out(text) == plain, text[:80]
        changed += plain != text.lower()
    assert changed >= len(crafted)


def test_remembered_lists_are_copied_for_each_caller():
    """A text_memo function annotated to return a list (or a tuple holding one) gives each
    caller its own copy; one that returns no list gives the remembered answer itself."""

    @text_memo
    def listed(text: str) -> tuple[list[str], bool]:
        return [text], True

    @text_memo
    def plain(text: str) -> tuple[str, int]:
        return text, len(text)

    listed("a")[0].append("changed")
    assert listed("a") == (["a"], True)
    assert plain("ab") is plain("ab")


def test_words_are_counted_as_runs_holding_a_letter_or_digit(texts):
    """word_count against its definition: whitespace-separated runs with a character that
    str.isalnum accepts, plus one for each contraction (a lookahead pattern run always)."""
    crafted = ["can't cannot CANNOT it's we're I'd won\u2019t", "- -> _ __ 3 \u00e9t\u00e9 \u0661"]
    for text in [*texts, *crafted]:
        runs = sum(1 for w in text.split() if any(c.isalnum() for c in w))
        assert signals.word_count(text) == runs + len(signals._JOINED.findall(text)), text[:80]


def _plain_word(word: str) -> str:
    """A word of a line in capitals: kept when written with a capital and small letters (a
    name: "Andover"), else in lower case."""
    rest = word[1:]
    if rest and any(c.islower() for c in rest) and not any(c.isupper() for c in rest):
        return word
    return word.lower()


def _plain_readable(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        letters = [c for c in line if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        if len(letters) >= 12 and upper >= 0.8 * len(letters):
            runs = itertools.groupby(line, key=str.isalpha)
            line = "".join(_plain_word("".join(g)) if alpha else "".join(g) for alpha, g in runs)
        lines.append(line)
    return "\n".join(lines)


def test_lines_in_capitals_are_found_as_a_character_count_finds_them(texts):
    lowered = 0
    for text in texts:
        assert spelling._readable(text) == _plain_readable(text), text[:80]
        lowered += spelling._readable(text) != text
    assert lowered >= 3


def test_unknown_words_neighbours_are_the_spell_checkers(texts):
    """The one-edit neighbours read from the counts directly are those pyspellchecker's own
    lookups give, with the same counts."""
    known = spelling.known_words()
    words = {w.replace("'", "") for t in texts for w in spelling._CANDIDATE.findall(t.lower())}
    unknown = sorted(w for w in words if w not in known)[:400]
    en = spelling._english()
    found = 0
    for word in unknown:
        plain = {
            w: en.word_frequency[w] for w in en.edit_distance_1(word) if w in en.word_frequency
        }
        assert spelling._neighbours(word) == plain, word
        found += bool(plain)
    assert found > 50  # real words with neighbours, not an empty comparison
    kinds = {spelling.classify(w) for w in unknown}
    assert {"typo", "other"} <= kinds


def _lines_run(call) -> int:
    """How many lines of Python `call` runs: the work it does, counted the same on any
    machine (no clock)."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        call()
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("letter", ["x", "q"])
def test_a_run_of_letters_costs_the_same_whatever_its_length(letter):
    """A field holding thousands of one letter (a key held down, a pasted encoding) is no
    word: checking it for slips cost the cube of its length (an 8,000-letter run held an
    evaluation for minutes). Past the longest word checked, the work no longer grows with
    the run, and the slip beside it is still found."""

    def work(length: int) -> int:
        clear_text_memos()
        spelling.classify.cache_clear()
        text = f"Printer {letter * length} is brokn since Monday"
        found = []
        lines = _lines_run(lambda: found.append(spelling.check_spelling(text)))
        assert found == [(["brokn"], [], True)]
        return lines

    work(80)  # the word lists loaded
    assert work(400) == work(200)
    assert spelling.classify(letter * 400) == "other"


def test_a_line_in_another_language_is_told_before_its_words_are_classified():
    """A line in Italian has no English slips (it never had): its unknown words are not
    classified one by one (each new word's neighbours cost a few milliseconds)."""
    clear_text_memos()
    spelling.classify.cache_clear()
    line = "Buongiorno, il problema \u00e8 stato risolto riavviando il servizio di stampa"
    assert spelling._line_spelling(line) == ((), ())
    assert spelling.classify.cache_info().misses == 0
    # an English line with a slip is still read word by word
    assert spelling._line_spelling("The printer queue was restarted adn cleared") == (("adn",), ())
    assert spelling.classify.cache_info().misses >= 1


def test_timestamps_are_written_as_strftime_writes_them():
    start = datetime(1000, 1, 1)
    for i in range(20_000):
        value = start + timedelta(seconds=i * 14_190_011)
        text = value.strftime("%Y-%m-%d %H:%M:%S")
        assert read_timestamp(text) == (text, "")
    assert read_timestamp("0999-12-31 23:59:59")[0] == datetime(999, 12, 31, 23, 59, 59).strftime(
        "%Y-%m-%d %H:%M:%S"
    )


@pytest.mark.parametrize("rubric_id", ["incident_logging", "incident_handling", "incident_quality"])
def test_a_ticket_scores_the_same_alone_with_cold_caches_as_in_a_batch(tickets, rubric_id):
    """The batch path (one ticket after the other, caches warm) against each ticket scored on
    its own, in reverse order, every cache emptied first."""
    rubric = load_rubric(rubric_id)
    judge = OfflineJudge()
    batch = [s.model_dump() for s in grade_batch(judge, rubric, tickets)]
    alone = []
    for t in reversed(tickets):
        clear_text_memos()
        spelling.classify.cache_clear()
        alone.append(next(grade_batch(OfflineJudge(), rubric, [t])).model_dump())
    alone.reverse()
    assert len(batch) == len(tickets)
    for b, a, t in zip(batch, alone, tickets, strict=True):
        assert b == a, t.number
    assert len({s["percent"] for s in batch}) > 5  # real tickets, varied scores


def test_clearing_the_text_memos_forgets_the_word_classes_too():
    """A bench's or a test's later run starts as cold as its first: spelling's word classes
    (classify's cache) are forgotten with the rules' remembered lines."""
    spelling.classify("brokn")
    assert spelling.classify.cache_info().currsize >= 1
    clear_text_memos()
    assert spelling.classify.cache_info().currsize == 0


def test_a_line_in_another_language_is_translated_as_every_term_substituted_in_turn(texts):
    """Glossary.in_english runs a term's substitution only where one of the strings its every
    match holds is: the same line as all the table's substitutions run in order."""
    from tqrs.rules import caller

    lines = [
        "identité vérifiée par rappel au numéro de l'annuaire, matricule et date de naissance",
        "no se pudo verificar: dni no coincide con rr.hh., llamada de vuelta al móvil registrado",
        "identität nicht geprüft, rückruf auf die im ausweis hinterlegte nummer",
        "validato: richiamato sul cellulare registrato in hr, numero dipendente corretto",
        "gevalideerd via terugbelnummer uit het hr-systeem; geboortedatum komt overeen",
        "validação: push aprovado no telemóvel registado, mostrou o cartão de funcionário",
        "zweryfikowana przez numer pracownika, nazwisko kierownika zgodne",
        *(line for text in texts for line in normalise(text).split("\n")),
    ]
    changed = 0
    for line in dict.fromkeys(lines):
        expected = line
        for pattern, english in caller._FOREIGN_TERMS:
            expected = re.sub(pattern, english, expected)
        assert caller._VALIDATION_TERMS.in_english(line) == expected, line
        changed += expected != line
    assert changed >= 7


def test_caseless_reads_lower_case_text_not_ascii_with_its_case_sensitive_copy():
    """Over a normalised line not ASCII (Italian, accented names) the copy runs unless the
    line holds a character re.I matches to an ASCII letter that lower() leaves (dotless i,
    long s, dotted capital I): the same matches (test above), without re.I's folding."""
    p = Caseless(r"\bpassword\b|\bvip\b")
    line = "la password \u00e8 scaduta, utente vip"
    assert p._unfolded(line) is p._exact_unicode
    assert [m.span() for m in p.finditer(line)] == [
        m.span() for m in re.finditer(p.pattern, line, re.I)
    ]
    for odd in ("pa\u017f\u017fword \u00e8 scaduta", "utente v\u0131p \u00e8", "Utente \u00e8 VIP"):
        assert p._unfolded(odd) is p._folding
        assert [m.span() for m in p.finditer(odd)] == [
            m.span() for m in re.finditer(p.pattern, odd, re.I)
        ]


def test_glossary_key_scan_and_note_sentence_memo_answer_as_the_plain_readings(texts):
    """A glossary's keys are looked for in one scan of a line (literals.any_of) rather than
    one `in` test a key, and a note sentence's readings of itself are remembered apart from
    the opening it is compared with: over every normalised line of the real texts each
    glossary answers as the `in` tests do, and a sentence that repeats the opening of one
    ticket is work of record on another's."""
    from tqrs.judges.confirmation import _CONFIRMATION_TERMS
    from tqrs.rules.note_parts import records_no_work

    glossaries = [
        caller._VALIDATION_TERMS,
        critical._OUTAGE_TERMS,
        critical._RESET_TERMS,
        _CONFIRMATION_TERMS,
    ]
    lines = list(dict.fromkeys(ln for text in texts for ln in normalise(text).split("\n")))
    lines += ["la identità non è stata verificata", "verifiziert über rückruf"]
    held = 0
    for glossary in glossaries:
        for line in lines:
            plain = any(key in line for key in glossary._keys)
            assert glossary.holds_line(line) is plain, line[:80]
            held += plain
    assert held > 0
    clear_text_memos()
    sentence = "Printer on the third floor jams on every duplex page it prints"
    jammed = frozenset("printer third floor jams every duplex page prints".split())
    other = frozenset("laptop battery drains overnight".split())
    assert records_no_work(sentence, jammed) is True  # the caller's issue written again
    assert records_no_work(sentence, other) is False  # the same words, read as work
    assert records_no_work("Thanks for your patience", other) is True  # courtesy, any ticket


def test_last_memo_answers_as_its_function_for_the_object_last_asked():
    """last_memo keeps one answer a thread: the same object asked again (by identity, with
    equal other arguments) is not read again; an equal copy, other arguments or another
    thread are."""
    import threading

    from tqrs.rules.text import last_memo

    calls = []

    @last_memo
    def joined(parts: list) -> str:
        calls.append(parts)
        return "+".join(parts)

    @last_memo
    def cut(parts: list, n: int) -> str:
        calls.append((parts, n))
        return "+".join(parts[:n])

    a, b = ["x", "y"], ["x", "y"]
    assert joined(a) == joined(a) == "x+y" and len(calls) == 1
    assert joined(b) == "x+y" and len(calls) == 2  # equal, not the same list
    assert cut(a, 1) == cut(a, 1) == "x" and len(calls) == 3
    assert cut(a, 2) == "x+y" and len(calls) == 4
    other = []
    thread = threading.Thread(target=lambda: other.append(cut(a, 2)))
    thread.start()
    thread.join()
    assert other == ["x+y"] and len(calls) == 5  # the other thread kept none of its own


def test_readings_kept_for_the_last_ticket_answer_as_read_afresh(tickets):
    """The ticket's texts, the caller rule's lines, the fields' topics and the critical
    processes' handling read once a ticket (last_memo) are what their plain functions
    compute, asked in turn as the rules ask them and again after another ticket; and a
    major incident is looked for only where the pattern can find one ("several", "software"
    no longer open the gate)."""
    from tqrs.rules import fields
    from tqrs.rules.text import all_text, find_affirmed

    clear_text_memos()
    declared = 0
    for before, t in itertools.pairwise(tickets):
        for _ in range(2):
            assert ticket_text(t).all == ticket_text.__wrapped__(t).all
            text = all_text(t)
            assert caller._lines(text) == caller._lines.__wrapped__(text)
            parts = (t.short_description, t.description)
            topics_text, _ = fields._ticket_topics(t, parts)
            assert topics_text == fields._ticket_topics.__wrapped__(t, parts)[0]
            assert critical._handling_read(t) == critical._handling_read.__wrapped__(t)
            critical._handling_read(before)
        handling = normalise(t.work_notes + "\n" + t.close_notes)
        whole = find_affirmed(critical._DECLARED, handling)
        gated = critical._declared_in(handling)
        assert (gated and gated.span()) == (whole and whole.span())
        declared += whole is not None
    assert declared > 0
    for text in ("several users in software", "aware of it, forwarded"):
        assert critical._declared_in(text) is None
    for text in ("sev-1 declared by ops", "war room opened at 9", "the mim was paged"):
        assert critical._declared_in(text) is not None, text


def test_an_entry_or_opening_read_once_answers_as_read_afresh(tickets):
    """The readings remembered per text (text_memo) of a journal entry (its desk's text, its
    text as troubleshooting reads it, the other side's turns of a chat pasted in) and of an
    opening (a complete request, the words that tell a start, the roles of who raised it)
    answer as their plain functions, asked twice and after another ticket's, over every
    entry and opening of the eval set and a PDI export."""
    from tqrs.journal import name_key
    from tqrs.judges import role_parts
    from tqrs.rules import note_parts

    clear_text_memos()
    for before, t in itertools.pairwise(tickets):
        named = frozenset(name_key(t.caller))
        opening = f"{t.short_description}\n{t.description}"
        for _ in range(2):
            text = ticket_text(t)
            for e in (*text.work_note_entries, *text.comment_entries):
                for memo, args in (
                    (note_parts.desk_text, (e.text, e.author)),
                    (note_parts.others_turns, (e.text, e.author, named)),
                    (troubleshooting._written_entry, (e.text, e.author, named)),
                ):
                    assert memo(*args) == memo.__wrapped__(*args), (memo.__name__, e.text)
            for memo in (
                complete_description.complete_request,
                complete_description.start_words,
                role_parts.reporter_roles,
            ):
                assert memo(opening) == memo.__wrapped__(opening), (memo.__name__, opening)
            # another ticket's readings in between
            note_parts.desk_text(before.work_notes, "")
            complete_description.complete_request(before.description)


def test_the_roles_of_who_raised_it_are_read_only_where_they_can_be(texts, monkeypatch):
    """reporter_roles reads each of its patterns only where a string its every match holds
    is (Caseless, and the words of the case-sensitive subject's verb): over every text of the
    eval set and a PDI export and a few written roles, the same roles as its patterns read
    over the whole text."""
    from tqrs.judges import role_parts

    written = (
        "Raised by the billing operations lead.",
        "Meter reader dropped his handheld in the yard. Reader confirmed it works.",
        "The senior associate's VoxBrief handheld recorder will not turn on",
        "REPORTED BY THE SITE MANAGER.",
    )
    read = role_parts.reporter_roles.__wrapped__
    gated = [read(x) for x in (*texts, *written)]
    for name in ("_RAISED_BY", "_OWNER"):
        monkeypatch.setattr(role_parts, name, re.compile(getattr(role_parts, name).pattern, re.I))
    monkeypatch.setattr(role_parts, "_A_ROLE_SUBJECT", re.compile(""))  # in every text
    assert [read(x) for x in (*texts, *written)] == gated
    assert all(gated[-len(written) :]), gated[-len(written) :]


_HANDED = (
    "login admin / Pump$tation2025! for the kiosk",  # an account and its password
    "key sk_live_4eC39HqLyjWDarjtT1zdp7dc set in the job",  # an issuer's prefix
    "token ghp_16C7e42F292c6912E7710c838347Ae178B4a in the script",
    "rk_test_51Hx0000aaaabbbbccccdddd given to the vendor",
    "temp password Welcome1 given by phone",
)


def test_a_secret_pattern_is_searched_wherever_it_can_match(texts):
    """The secrets reading searches a pattern of a line only where one of its strings or
    shapes is (_HANDED_SECRET's "/" of dates and paths, "gh", "live", "test" replaced by the
    shapes their branches' matches hold: a "/" between blanks, an issuer's prefix): over every
    normalised line of the real texts and the crafted ones, wherever a pattern finds a match
    the line passes both the line's gate and the pattern's own."""
    lines = {ln for text in [*texts, *_HANDED] for ln in normalise(text).split("\n")}
    matched = set()
    for line in lines:
        for pattern, words, shape in fields._SECRET_PATTERNS:
            if re.compile(pattern.pattern).search(line):
                assert fields._ANY_SECRET_STRING.search(line) or fields._ANY_SECRET_SHAPE.search(
                    line
                ), line
                assert any(w in line for w in words) or (shape and shape.search(line)), line
                matched.add(line)
    assert {normalise(t) for t in _HANDED} <= matched
    # the shapes stand for the strings taken out: each such branch keeps a necessary shape
    assert fields._HANDED_SHAPES.search("admin / pump$tation2025!")
    assert not fields._HANDED_SHAPES.search("2025/05/08 see https://x/y light delivery tested")
    assert fields.find_secrets(_HANDED[0]) == ["Pump$tation2025!"]


def test_a_capitalised_word_read_once_answers_as_read_afresh(texts):
    """_weekday_slip and _opening_slip remember a word's answer (the same words open many
    lines): over the capitalised words of the real texts and some slips, each answers as
    its plain function."""
    words = {w.lower() for text in texts for w in re.findall(r"\b[A-Z][a-z]{3,}\b", text)}
    words |= {"thrusday", "wendesday", "attemped", "persistant", "scaned", "remved", "copyed"}
    spelling._weekday_slip.cache_clear()
    spelling._opening_slip.cache_clear()
    for w in sorted(words):
        for memo in (spelling._weekday_slip, spelling._opening_slip):
            assert memo(w) is memo.__wrapped__(w) is memo(w), (memo.__name__, w)
    assert spelling._weekday_slip("thrusday") and spelling._opening_slip("attemped")
