"""The pure middle of the extractor: a Document in, its claim rows out (no files touched).

language -> segment -> numbers (mentions) -> periods, attributes, bodies, provenance ->
claims (the rows, in claims.py)."""
