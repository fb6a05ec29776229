"""Persistence. All SQL lives in this package; the domain talks to the repositories only.

SQLite is the embedded default. Statements stick to portable SQL (plus FTS5 for search, isolated
in `catalog.py`) so a PostgreSQL backend can implement the same repository methods.
"""
