"""The PostgreSQL store, for several Emma instances sharing one database (EMMA_DATABASE_URL=postgresql://...).

It implements the domain's ports (fulfillment/domain/ports.py) like the SQLite store, with its own numbered
migrations (schema_vN.sql). Beside them, `PgDatabase.connection()` offers SQLite's shape so code written
against SQLite's `Database` runs here where its SQL is portable.
"""
