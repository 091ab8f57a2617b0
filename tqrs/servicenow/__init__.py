"""Incidents straight from a ServiceNow instance through the Table API: credentials kept like
the LLM keys (credentials), the client through the one retry policy (client), the queries and
their keyset paging (query), and the pull into a session (pull)."""
