"""The DuckDB store. `Store` owns the connection and the schema; the modules beside it hold
the queries of each area (sessions and tickets, runs, the LLM cache, knowledge)."""

from tqrs.store.base import Store, migrate

__all__ = ["Store", "migrate"]
