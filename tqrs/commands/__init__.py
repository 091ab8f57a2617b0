"""The CLI's subcommands, one module per area. Each module exposes
`register(subparsers, common)`; `common` is the parent parser holding --db and --debug."""

from tqrs.commands import evaluate, llm, sessions

COMMAND_MODULES = [sessions, evaluate, llm]
