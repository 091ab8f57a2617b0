"""The CLI's subcommands, one module per area. Each module exposes
`register(subparsers, common)`; `common` is the parent parser holding --db and --debug."""

from tqrs.commands import evaluate, kb, llm, report, sessions

COMMAND_MODULES = [sessions, evaluate, report, llm, kb]
