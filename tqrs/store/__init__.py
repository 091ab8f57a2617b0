"""The DuckDB store. `Store` owns the connection and the schema; the modules beside it hold
the queries, one module per concept: sessions (and their files and tickets), runs (and their
results as scored), results (in effect, overrides applied), overrides (and reviewed marks),
conflicts (writes checked against the version a view showed), assignments, figures (the
pass rate, mean score and too-little count of a set of tickets, defined once), agents (figures
per agent and group), overview, profile (of a dataset), pulls, column_maps, knowledge,
llm_cache, llm_exchanges, rubric_versions, marks (cache keys of derived figures)."""

from tqrs.store.base import Store, migrate

__all__ = ["Store", "migrate"]
