"""TQRS, the Ticket Quality Review System: the core library behind the workbench and the CLI."""

__version__ = "0.1.0"
