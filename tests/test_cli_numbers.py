"""Numbers on the command line out of range are refused before anything is made: `tqrs
evaluate 1 --limit -1` (or 0) stored a completed run of no tickets, `--budget -5` a run stopped
at once for its budget, `--concurrency 0` was blamed on BATCH_CONCURRENCY, and `tqrs kb search
x --k -3` ended in DuckDB's traceback (LIMIT cannot be negative)."""

import pytest

from tests.conftest import run_cli
from tqrs.commands.arguments import refuse_without
from tqrs.errors import InputError
from tqrs.ingest import ingest_files
from tqrs.store import Store
from tqrs.testing.tickets import write_export


@pytest.fixture
def session(isolated_state, tmp_path):
    with Store(isolated_state) as store:
        ingest_files(store, [write_export(tmp_path / "export.json", 3)])
    return isolated_state


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--limit", "-1"], "argument --limit: a whole number, 1 or more, got -1"),
        (["--limit", "0"], "argument --limit: a whole number, 1 or more, got 0"),
        (["--budget", "-5"], "argument --budget: more than 0, got -5"),
        (["--budget", "nan"], "argument --budget: a number, got 'nan'"),
        (["--concurrency", "0"], "argument --concurrency: a whole number, 1 or more, got 0"),
        (["--workers", "0"], "argument --workers: a whole number, 1 or more, got 0"),
        (["--poll", "-1"], "argument --poll: 0 or more, got -1"),
    ],
)
def test_evaluate_refuses_a_number_out_of_range_and_makes_no_run(session, args, message):
    done = run_cli("evaluate", "1", "--offline", *args)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"error: {message} (see `tqrs evaluate --help`)"]
    with Store(session) as store:
        assert store.query("SELECT count(*) FROM runs")[0][0] == 0


def test_kb_search_refuses_a_count_below_one(isolated_state):
    done = run_cli("kb", "search", "password", "--k", "-3")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "error: argument --k: a whole number, 1 or more, got -3 (see `tqrs kb search --help`)"
    ]


def test_a_limit_in_range_still_scores_that_many(session):
    done = run_cli("evaluate", "1", "--offline", "--limit", "2")
    assert done.returncode == 0, done.stderr
    with Store(session) as store:
        per_run = store.query("SELECT count(*) FROM ticket_results GROUP BY run_id")
    assert per_run and all(n == 2 for (n,) in per_run)  # each rubric chosen: 2 tickets


@pytest.mark.parametrize(
    ("port", "message"),
    [
        ("99999", "argument --port: a whole number, 65535 or less, got 99999"),
        ("-1", "argument --port: a whole number, 1 or more, got -1"),
    ],
)
def test_serve_refuses_a_port_out_of_range(isolated_state, port, message):
    # before: Python's OverflowError traceback from the socket layer, exit 1
    done = run_cli("serve", "--port", port, "--headless")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"error: {message} (see `tqrs serve --help`)"]


def test_db_given_before_the_command_is_the_database_used(isolated_state, tmp_path):
    # the README: every command takes --db; before, `tqrs --db X sessions` was refused
    # ("invalid choice"). Given before and after the command, the one after wins.
    chosen, other = tmp_path / "chosen.duckdb", tmp_path / "other.duckdb"
    export = write_export(tmp_path / "export.json", 3)
    run_cli("--db", chosen, "ingest", export, check=True)
    listed = run_cli("--db", other, "sessions", "--db", chosen, check=True)
    assert "3 tickets" in listed.stdout
    assert not other.exists() and not isolated_state.exists()
    with Store(chosen) as store:
        assert store.query("SELECT count(*) FROM tickets")[0][0] == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["evaluate", "1", "--offline", "--poll", "5"],
            "--poll: only a batch run (--batch) uses it",
        ),
        (
            ["evaluate", "1", "--offline", "--poll", "0"],
            "--poll: only a batch run (--batch) uses it",
        ),
        (
            ["evaluate", "1", "--offline", "--batch-retry", "online"],
            "--batch-retry: only a batch run (--batch) uses it",
        ),
        (
            ["evaluate", "1", "--offline", "--poll", "5", "--batch-retry", "online"],
            "--poll, --batch-retry: only a batch run (--batch) uses them",
        ),
        (
            ["evaluate", "1", "--offline", "--no-wait"],
            "--no-wait: only a batch run (--batch) can be left to the provider",
        ),
        (
            ["profile", "1", "--run", "1", "--coaching"],
            "--run, --coaching: with --agents only (agent and group profiles of a run); without "
            "it `tqrs profile` profiles the session's tickets",
        ),
        (
            ["profile", "1", "--offline"],
            "--offline: with --agents only (agent and group profiles of a run); without "
            "it `tqrs profile` profiles the session's tickets",
        ),
    ],
)
def test_an_option_the_command_would_ignore_is_refused(session, args, message):
    # before: `evaluate --poll 5` without --batch made a run, and `profile --run 1` printed the
    # dataset profile, both exit 0, the option silently ignored (a new-user pass, qa13)
    done = run_cli(*args)
    assert (done.returncode, done.stderr.splitlines()) == (2, [f"error: {message}"])
    with Store(session) as store:
        assert store.query("SELECT count(*) FROM runs")[0][0] == 0


@pytest.mark.parametrize(
    ("args", "help_of"),
    [(["sessions", "--jsn"], "tqrs sessions"), (["kb", "list", "--jsn"], "tqrs kb list")],
)
def test_an_unknown_option_points_at_its_commands_help(isolated_state, args, help_of):
    # before: "(see `tqrs --help`)", the top-level help, which does not list the option's
    # command's options (a new-user pass, qa13)
    done = run_cli(*args)
    assert (done.returncode, done.stderr.splitlines()) == (
        2,
        [f"error: unrecognized arguments: --jsn (see `{help_of} --help`)"],
    )


def test_the_options_a_refusal_names_are_the_ones_given():
    # one check for every "option X only with option Y" of the commands (evaluate, profile)
    given = (("--run", True), ("--coaching", False), ("--offline", True))
    refuse_without(True, given, "with --agents only")  # the option they need is there
    refuse_without(False, (("--run", False),), "with --agents only")  # none of them given
    with pytest.raises(InputError) as refused:
        refuse_without(False, given, "with --agents only")
    assert str(refused.value) == "--run, --offline: with --agents only"
