"""The store: the DuckDB corpus (database.py), the commands over it (commands.py: add,
export) and the facts that link one claim across documents (facts.py)."""
