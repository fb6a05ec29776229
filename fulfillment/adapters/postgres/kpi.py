"""The shop KPIs on PostgreSQL: the shared queries of `adapters.kpi_sql` in PostgreSQL's spelling."""

from __future__ import annotations

from fulfillment.adapters.kpi_sql import Dialect, SqlKpiStore
from fulfillment.adapters.postgres.database import PgDatabase
from fulfillment.adapters.postgres.review import FLAG_SQL

POSTGRES = Dialect(
    param=lambda name: f"%({name})s",
    flags=FLAG_SQL,
    # timings is TEXT, and json_each yields json values: tested with json_typeof, read as text for float().
    timing_numbers="SELECT j.key, j.value::text FROM turns t, json_each(t.timings::json) AS j"
                   " WHERE json_typeof(j.value) = 'number'",
)


class PgKpiStore(SqlKpiStore):
    def __init__(self, db: PgDatabase) -> None:
        super().__init__(db.rows, POSTGRES)
        self.db = db
