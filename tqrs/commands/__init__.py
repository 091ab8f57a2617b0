"""The CLI's subcommands, one module per area. Each module exposes
`register(subparsers, common)`; `common` is the parent parser holding --db and --debug."""

from tqrs.commands import evaluate, kb, llm, pull, report, sessions

COMMAND_MODULES = [sessions, pull, evaluate, report, llm, kb]
