"""The `tqrs` command line: one consumer of the core library among others.

Each area's subcommands live in a module of tqrs.commands exposing `register(subparsers)`;
a subcommand sets `func(args, out)` and returns an exit code. Errors the core raises on purpose
(TqrsError) become one `error:` line and exit 2; tracebacks only with --debug."""

import argparse
import logging
import os
import sys

from tqrs import __version__
from tqrs.commands import COMMAND_MODULES
from tqrs.display import terminal_text
from tqrs.errors import TqrsError


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        print(f"error: {message} (see `{self.prog} --help`)", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tqrs",
        description="Ticket Quality Review System: score ServiceNow incidents "
        "against a quality rubric.",
    )
    parser.add_argument("--version", action="version", version=f"tqrs {__version__}")
    _add_common(parser, default=None)
    # the same options after the command (`tqrs sessions --db X`); given there, they win,
    # and left out there, they keep what was given before the command (`tqrs --db X sessions`)
    common = _Parser(add_help=False)
    _add_common(common, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMAND_MODULES:
        module.register(sub, common)
    return parser


def _command_parser(parser: argparse.ArgumentParser, args) -> argparse.ArgumentParser:
    """The parser of the (sub)command `args` were parsed for: `tqrs kb list`'s, not `tqrs`'s."""
    while True:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        name = getattr(args, subs[0].dest, None) if subs else None
        if name not in (subs[0].choices if subs else {}):
            return parser
        parser = subs[0].choices[name]


def _add_common(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument(
        "--db",
        default=default,
        help="database file (default: $TQRS_DB, else data/tqrs.duckdb in a checkout, "
        "tqrs.duckdb in the per-user data folder when installed: ~/.local/share/tqrs)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=False if default is None else default,
        help="show tracebacks",
    )


class _TerminalOut:
    """stdout for the commands: untrusted text (ticket fields, names) in their output reaches
    the terminal as text, its control characters written as escapes (terminal_text). JSON
    output holds none: the encoders escape them."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(terminal_text(text))

    def __getattr__(self, name):
        return getattr(self.stream, name)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:  # named by the command's parser: "see `tqrs sessions --help`"
            _command_parser(parser, args).error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as e:  # argparse already printed its usage message
        return 2 if e.code else 0
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "WARNING").upper(),
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return args.func(args, _TerminalOut(sys.stdout)) or 0
    except TqrsError as e:
        if args.debug:
            raise
        print(f"error: {terminal_text(str(e))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
