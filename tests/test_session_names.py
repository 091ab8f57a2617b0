"""A session given on the command line by a number is the session with that id; a session
cannot be named a number alone, which would read as another session's id (`tqrs evaluate 1`
ran session 1 for a user who had named session 2 "1")."""

import pytest

from tests.conftest import run_cli
from tqrs.errors import InputError, NotFoundError
from tqrs.ingest import ingest_files
from tqrs.store import Store
from tqrs.store import sessions as db
from tqrs.testing.tickets import write_export


@pytest.mark.parametrize("name", ["1", " 01 ", "2025"])
def test_a_number_alone_is_refused_as_a_session_name(isolated_state, tmp_path, name):
    path = write_export(tmp_path / "export.json", 3)
    done = run_cli("ingest", path, "--name", name, "--db", isolated_state)
    assert (done.returncode, done.stdout) == (2, "")
    shown = name.strip()
    assert done.stderr == (
        f"error: session name {shown!r} is a number alone, and a number given for a session "
        f"is read as its id (`tqrs evaluate {shown}` is session {int(shown)}); give a name with "
        f"a letter in it, such as 'Export {shown}'\n"
    )
    with Store(isolated_state) as store:
        assert db.list_sessions(store) == []
        with pytest.raises(InputError, match="is a number alone"):
            ingest_files(store, [path], name)


def test_numbers_read_as_ids_and_names_with_a_number_as_names(isolated_state, tmp_path):
    with Store(isolated_state) as store:
        for n, name in enumerate(["alpha", "1 March", "#1"], 1):
            ingest_files(store, [write_export(tmp_path / f"e{n}.json", n)], name)
    for ref, expected in (("1", 1), ("2", 2), ("1 March", 2), ("#1", 3), ("3", 3)):
        done = run_cli("tickets", ref, "--json", "--db", isolated_state)
        assert done.returncode == 0, (ref, done.stderr)
        assert done.stdout.count("\n") == expected, ref  # session n holds n tickets


@pytest.mark.parametrize("ref", ["\u00b2", "\u0661", "\uff11"])
def test_a_digit_of_another_script_is_no_id_and_no_traceback(isolated_state, tmp_path, ref):
    """'²' passed str.isdigit() and then int() raised ValueError: a traceback."""
    with Store(isolated_state) as store:
        ingest_files(store, [write_export(tmp_path / "e.json", 2)], "alpha")
    done = run_cli("tickets", ref, "--db", isolated_state)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"error: no session {ref!r} (sessions: 1 (alpha))\n"


def test_a_session_not_found_names_the_newest_and_counts_the_others(isolated_state, tmp_path):
    """Seven sessions: the error names the newest five and says two more (before: five named,
    the other two unsaid); five sessions are all named, with no count."""
    with Store(isolated_state) as store:
        for n in range(1, 8):
            ingest_files(store, [write_export(tmp_path / f"e{n}.json", n)], f"Week {n}")
            if n == 5:
                with pytest.raises(NotFoundError) as five:
                    db.get_session(store, "Week 9")
        with pytest.raises(NotFoundError) as seven:
            db.get_session(store, "Week 9")
    assert str(seven.value) == (
        "no session 'Week 9' (sessions: the newest 5: 3 (Week 3), 4 (Week 4), 5 (Week 5), "
        "6 (Week 6), 7 (Week 7), and 2 more (`tqrs sessions` lists them all))"
    )
    assert str(five.value) == (
        "no session 'Week 9' (sessions: 1 (Week 1), 2 (Week 2), 3 (Week 3), 4 (Week 4), 5 (Week 5))"
    )
